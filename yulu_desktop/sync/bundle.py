"""USB sync bundles (U盘同步文件): the online exchange carried in a file, for villages without a network.

``export_bundle`` writes everything the county has not acknowledged — the push requests exactly as the online
push would send them, the laptop's pull cursor, and the attachment files the county has not confirmed — into one
file: encrypted for the county server it is enrolled with, signed by the laptop. The county imports it
(``server.bundles``) through the very same push and pull code as online, and answers with a *reply* bundle
(回执): the acknowledgements, the changes of the laptop's jurisdiction after its cursor and the attachment files
it lacks, encrypted for this laptop and signed by the server. ``import_reply`` applies it with the same
functions as an online sync (``journal.acknowledge``, ``local.apply_page``), so both paths converge alike.

The file (all integers big-endian)::

    MAGIC (8) | FORMAT_VERSION (1) | header length (4) | header (JSON, clear)
    | ciphertext length (8) | ciphertext | Ed25519 signature (64) over everything before it

The header (``BundleHeader``) says what the file is, who made it and for which key; the payload is gzip'd JSON
encrypted with AES-256-GCM under a key from X25519 (a fresh ephemeral key with the recipient's key) and
HKDF-SHA256, with the clear part as associated data. The recipient of a request is the server's
``bundle_encryption`` key (from enroll/hello); of a reply, the laptop's X25519 key, derived from its Ed25519
device key with HKDF (so it needs no storage and the county learns it, signed, from the request).

Both sides refuse, with a Chinese message and before anything is written: another file (wrong magic), a newer
format, a truncated file, a changed byte (the signature covers every byte), a file for another key (another
county's server; a reply for another laptop). See docs/SYNC.md "USB bundles".
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import struct
import time
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pydantic import Field, ValidationError
from sqlalchemy import Connection, text

import yulu_desktop
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import journal, restore_mark
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments, audit_upload, local, signing
from yulu_desktop.sync import protocol as p

MAGIC = b"YULUSYNC"
FORMAT_VERSION = 1
SIGNATURE_BYTES = 64
#: Largest bundle either side reads (a reply is bounded well below it, see ``server.bundles``).
MAX_BUNDLE_BYTES = 256 * 1024 * 1024
#: Largest payload after decompression (attachments travel base64-encoded in the JSON).
MAX_PAYLOAD_BYTES = 512 * 1024 * 1024
MAX_HEADER_BYTES = 4096
#: File name endings the app offers (any name works).
REQUEST_SUFFIX = ".yulusync"
REPLY_SUFFIX = ".yulureply"

Kind = Literal["request", "reply"]
#: ``progress(stage, done, total)``: stage "export" (entries written) or "apply" (cursor, head).
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]

_HKDF_INFO = b"yulu-bundle-v1 "
_REPLY_KEY_INFO = b"yulu-bundle-v1 device reply x25519"
_PREFIX = struct.Struct(">8sBI")
_LENGTH = struct.Struct(">Q")


class BundleError(YuluError):
    """A bundle could not be written or was refused; the message says why, in Chinese. Nothing was applied."""


class BundleCancelled(BundleError):
    """The user cancelled (no file was written)."""

    def __init__(self) -> None:
        super().__init__("已取消。")


class DeviceRevokedByCounty(BundleError):
    """The county's reply says this laptop was revoked: its changes are kept there for review."""


# --- the format, shared with the county server -------------------------------------------------------------


class BundleHeader(p.Message):
    """The clear part of a bundle (authenticated by the signature and, as associated data, by AES-GCM)."""

    kind: Kind
    bundle_id: str = Field(min_length=36, max_length=36)
    device_id: str = Field(max_length=36, description="The laptop that made the request / the reply is for")
    created_at_ms: int = Field(ge=0, lt=2**63)
    recipient_key: str = Field(max_length=64, description="key_id() of the key the payload is encrypted to")
    ephemeral_key: str = Field(max_length=64, description="X25519 ephemeral public key, base64")
    nonce: str = Field(max_length=32, description="AES-GCM nonce, base64")
    reply_to: str = Field(default="", max_length=36, description="A reply: the bundle_id it answers")
    app_version: str = Field(default="", max_length=40)


class BundleBlob(p.Message):
    sha256: p.Sha256
    data: str = Field(description="The file, base64")


class RequestPayload(p.Message):
    """What a laptop sends: the push requests of the online path, its cursor, files for the county."""

    pushes: list[p.PushRequest] = Field(description="Unacknowledged journal entries, in online-push batches")
    pull_after: int = Field(ge=0, lt=2**63, description="The laptop's pull cursor when it wrote the bundle")
    reply_key: str = Field(max_length=64, description="The laptop's X25519 key for the reply, base64")
    blobs: list[BundleBlob] = Field(default_factory=list, description="Files the county has not confirmed")
    wanted_blobs: list[p.Sha256] = Field(
        default_factory=list, description="Files named by the laptop's attachments that it does not hold"
    )
    audit: list[p.AuditUploadRequest] = Field(
        default_factory=list, description="Audit log entries the county does not hold, as online (/v1/audit)"
    )
    protocol_version: p.Count = Field(
        default=4,
        description="The laptop's protocol (absent: 4 or older, which is sent no LEAVE_SCOPE entry)",
    )


class ReplyPayload(p.Message):
    """What the county answers: acknowledgements, the changes after the laptop's cursor, files."""

    revoked: bool = False
    message: str = Field(default="", description="A note for the cadre (Chinese), e.g. why nothing was acked")
    push: p.PushResponse
    #: Conflict resolutions the county received with the request (the laptop marks them reported).
    resolutions: list[str] = Field(default_factory=list)
    pull_after: int = Field(description="The cursor the changes start after (the request's)")
    pull: p.PullResponse = Field(description="Changes up to next_cursor; more = the next reply continues")
    blobs_confirmed: list[str] = Field(default_factory=list, description="Files the county now holds")
    blobs: list[BundleBlob] = Field(default_factory=list, description="Files the laptop asked for")
    audit_held_through: int = Field(
        default=0, description="The county holds the request's audit entries up to this id (0: none)"
    )


@dataclass(frozen=True, slots=True)
class Envelope:
    """A bundle file taken apart (structure checked, nothing verified or decrypted yet)."""

    header: BundleHeader
    prefix: bytes
    ciphertext: bytes
    signed: bytes
    signature: bytes


def key_id(public_key: bytes) -> str:
    """A short name of a public key (the first 16 bytes of its SHA-256, hex)."""
    return hashlib.sha256(public_key).hexdigest()[:32]


def x25519_public(private_key: X25519PrivateKey) -> bytes:
    return private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


def reply_private_key(device_private_key: bytes) -> X25519PrivateKey:
    """The laptop's X25519 key for replies, derived from its Ed25519 device key (always the same one)."""
    seed = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_REPLY_KEY_INFO).derive(
        device_private_key
    )
    return X25519PrivateKey.from_private_bytes(seed)


def _content_key(shared: bytes, ephemeral: bytes, recipient: bytes, kind: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=_HKDF_INFO + kind.encode()
    ).derive(shared)


def seal(
    *,
    kind: Kind,
    device_id: str,
    payload: bytes,
    recipient_key: bytes,
    signing_key: bytes,
    reply_to: str = "",
    bundle_id: str | None = None,
) -> bytes:
    """A bundle file: ``payload`` (JSON) compressed, encrypted for the X25519 ``recipient_key``, signed with
    the Ed25519 ``signing_key``."""
    ephemeral = X25519PrivateKey.generate()
    ephemeral_public = x25519_public(ephemeral)
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient_key))
    nonce = os.urandom(12)
    header = BundleHeader(
        kind=kind,
        bundle_id=bundle_id or str(uuid.uuid4()),
        device_id=device_id,
        created_at_ms=int(time.time() * 1000),
        recipient_key=key_id(recipient_key),
        ephemeral_key=signing.b64(ephemeral_public),
        nonce=signing.b64(nonce),
        reply_to=reply_to,
        app_version=yulu_desktop.__version__,
    )
    header_bytes = header.model_dump_json().encode()
    prefix = _PREFIX.pack(MAGIC, FORMAT_VERSION, len(header_bytes)) + header_bytes
    key = _content_key(shared, ephemeral_public, recipient_key, kind)
    ciphertext = AESGCM(key).encrypt(nonce, gzip.compress(payload, compresslevel=6, mtime=0), prefix)
    signed = prefix + _LENGTH.pack(len(ciphertext)) + ciphertext
    return signed + base64.b64decode(signing.sign(signing_key, signed))


NOT_A_BUNDLE = "这不是雨露同步文件（文件类型不对），未导入任何数据。"
TRUNCATED = "同步文件不完整（可能没有拷贝完或U盘出错），未导入任何数据。请重新拷贝或重新导出。"


def open_envelope(data: bytes) -> Envelope:
    """Take a bundle file apart; ``BundleError`` if it is not one, is of a newer format, or is cut short."""
    if len(data) < _PREFIX.size or not data.startswith(MAGIC):
        raise BundleError(NOT_A_BUNDLE)
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("同步文件太大，未导入。")
    _magic, version, header_length = _PREFIX.unpack_from(data)
    if version != FORMAT_VERSION:
        raise BundleError(
            f"同步文件的格式版本是 {version}，本程序只认识版本 {FORMAT_VERSION}：请把软件更新到最新版本。"
        )
    if header_length > MAX_HEADER_BYTES:
        raise BundleError(NOT_A_BUNDLE)
    end_of_header = _PREFIX.size + header_length
    if len(data) < end_of_header + _LENGTH.size:
        raise BundleError(TRUNCATED)
    (cipher_length,) = _LENGTH.unpack_from(data, end_of_header)
    start = end_of_header + _LENGTH.size
    if len(data) < start + cipher_length + SIGNATURE_BYTES:
        raise BundleError(TRUNCATED)
    if len(data) > start + cipher_length + SIGNATURE_BYTES:
        raise BundleError("同步文件末尾有多余的内容（文件已被修改或损坏），未导入任何数据。")
    try:
        header = BundleHeader.model_validate_json(data[_PREFIX.size : end_of_header])
    except ValidationError:
        raise BundleError("同步文件的头部已损坏，未导入任何数据。") from None
    signed = data[: start + cipher_length]
    return Envelope(
        header=header,
        prefix=data[:end_of_header],
        ciphertext=data[start : start + cipher_length],
        signed=signed,
        signature=data[start + cipher_length :],
    )


def verify(envelope: Envelope, public_key: bytes) -> bool:
    """Whether the Ed25519 ``public_key`` signed every byte of the bundle."""
    return signing.verify(public_key, envelope.signed, signing.b64(envelope.signature))


def decrypt(envelope: Envelope, private_key: X25519PrivateKey) -> bytes:
    """The payload JSON (call after ``verify``); ``BundleError`` if the key does not fit or it is damaged."""
    header = envelope.header
    try:
        ephemeral = signing.unb64(header.ephemeral_key)
        nonce = signing.unb64(header.nonce)
        shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
        key = _content_key(shared, ephemeral, x25519_public(private_key), header.kind)
        compressed = AESGCM(key).decrypt(nonce, envelope.ciphertext, envelope.prefix)
    except (InvalidTag, ValueError):
        raise BundleError("同步文件无法解密（不是为这个接收方加密的，或已损坏），未导入任何数据。") from None
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        payload = inflater.decompress(compressed, MAX_PAYLOAD_BYTES + 1)
    except zlib.error:
        raise BundleError("同步文件的内容已损坏，未导入任何数据。") from None
    if len(payload) > MAX_PAYLOAD_BYTES or inflater.unconsumed_tail:
        raise BundleError("同步文件解压后太大，未导入。")
    return payload


def read_file(path: Path) -> bytes:
    """The bytes of a bundle file, refusing one larger than ``MAX_BUNDLE_BYTES`` before reading it."""
    try:
        size = path.stat().st_size
        if size > MAX_BUNDLE_BYTES:
            raise BundleError("同步文件太大，未导入。")
        return path.read_bytes()
    except FileNotFoundError:
        raise BundleError(f"找不到文件 {path}。") from None
    except OSError as exc:
        raise BundleError(f"无法读取文件 {path}：{exc.strerror or exc}") from None


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``path``, flush it to the disk, then rename it into place: a
    pulled-out USB stick leaves the old file or none, never half a bundle under the final name."""
    temporary = path.with_name(path.name + ".part")
    try:
        with temporary.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        raise BundleError(f"无法写入文件 {path}：{exc.strerror or exc}") from None


# --- on the laptop: export ----------------------------------------------------------------------------------


NO_SERVER_KEYS = (
    "本机还没有县服务器的U盘同步密钥：请先在有网络的地方与县服务器同步一次（县服务器需为支持U盘同步的版本），"
    "之后就可以用U盘同步了。"
)
NOT_ENROLLED = (
    "本机尚未在县服务器注册，不能制作U盘同步文件。请先运行 yulu sync enroll --server 地址 --code 注册码。"
)


@dataclass(frozen=True, slots=True)
class ExportReport:
    path: Path
    bundle_id: str
    entries: int
    resolutions: int
    blobs: int
    wanted_blobs: int
    size: int


def _enrolled_state(conn: Connection) -> tuple[local.SyncState, bytes]:
    state = local.read_state(conn)
    if not state.enrolled or state.private_key is None:
        raise BundleError(NOT_ENROLLED)
    if not (state.server_bundle_key and state.server_signing_key):
        raise BundleError(NO_SERVER_KEYS)
    return state, state.private_key


def _push_batches(
    conn: Connection, batch: int, progress: Progress | None, cancel: Cancel | None
) -> tuple[list[p.PushRequest], int]:
    # The wrapping of unreadable entries is the online client's, so that both paths send the same entries.
    from yulu_desktop.sync.client import _unreadable_entry

    total = journal.pending_count(conn)
    after = journal.acked_seq(conn)
    requests: list[p.PushRequest] = []
    resolutions = local.unreported_resolutions(conn)
    done = 0
    while True:
        if cancel is not None and cancel():
            raise BundleCancelled()
        entries = journal.pending_entries(conn, after_seq=after, limit=batch)
        # Restored from a backup: only the backup's own entries go until the county's reply tells where this
        # device's numbering stands there (store.restore_mark); the ones made since follow in the next bundle.
        entries = [e for e in entries if e.seq <= (restore_mark.marked_seq_connection(conn) or e.seq)]
        if not entries:
            break
        pushed = []
        for entry, base in zip(entries, local.base_versions(conn, entries), strict=True):
            try:
                pushed.append(local.to_push_entry(entry, base))
            except ValidationError:
                pushed.append(_unreadable_entry(entry))
        requests.append(p.PushRequest(entries=pushed, resolutions=resolutions if not requests else []))
        after = entries[-1].seq
        done += len(entries)
        if progress is not None:
            progress("export", done, max(total, done))
    if resolutions and not requests:
        requests.append(p.PushRequest(entries=[], resolutions=resolutions))
    return requests, done


def export_bundle(
    db: Database,
    path: Path,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    push_batch: int = p.MAX_PUSH_ENTRIES,
) -> ExportReport:
    """Write everything the county has not acknowledged to ``path`` (encrypted for the county, signed).

    Nothing changes on the laptop: the journal is compacted only when the county's reply acknowledges it, so a
    bundle lost on the way costs nothing (the next one carries the same entries, and the county skips what it
    already has). An empty bundle is still useful: its reply brings the county's changes.
    """
    with db.read_connection() as conn:
        state, device_key = _enrolled_state(conn)
        pushes, entries = _push_batches(conn, push_batch, progress, cancel)
        blobs = []
        for sha in attachments.pending_uploads(conn):
            data = attachments.read_blob(conn, sha)
            if data is not None:
                blobs.append(BundleBlob(sha256=sha, data=signing.b64(data)))
        wanted = attachments.missing_blobs(conn)
        audit_batches = audit_upload.pending_requests(conn, state.device_id, device_key)
    if cancel is not None and cancel():
        raise BundleCancelled()
    payload = RequestPayload(
        pushes=pushes,
        pull_after=state.pull_cursor,
        reply_key=signing.b64(x25519_public(reply_private_key(device_key))),
        blobs=blobs,
        wanted_blobs=wanted,
        audit=audit_batches,
        protocol_version=p.PROTOCOL_VERSION,
    )
    try:
        server_key = signing.unb64(state.server_bundle_key)
    except ValueError:
        raise BundleError(NO_SERVER_KEYS) from None
    data = seal(
        kind="request",
        device_id=state.device_id,
        payload=payload.model_dump_json().encode(),
        recipient_key=server_key,
        signing_key=device_key,
    )
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError(
            "要发送的数据太多，一个U盘同步文件装不下（主要是附件）。请到有网络的地方同步，或分次处理附件。"
        )
    write_file_atomically(path, data)
    header = open_envelope(data).header
    return ExportReport(
        path=path,
        bundle_id=header.bundle_id,
        entries=entries,
        resolutions=sum(len(r.resolutions) for r in pushes),
        blobs=len(blobs),
        wanted_blobs=len(wanted),
        size=len(data),
    )


# --- on the laptop: import the county's reply ------------------------------------------------------------


@dataclass
class ImportReport:
    """What a reply did on this laptop (``nothing_new``: it had been applied before, or said nothing new)."""

    acked_seq: int = 0
    acknowledged: int = 0
    quarantined: int = 0
    conflicts: int = 0
    pulled: int = 0
    kept_local: int = 0
    rejected: int = 0
    cursor: int = 0
    head_seq: int = 0
    more: bool = False
    blobs_confirmed: int = 0
    blobs_received: int = 0
    pending: int = 0
    nothing_new: bool = False
    problems: list[str] = field(default_factory=list)


NOT_OUR_SERVER = "回执的签名不对：它不是本机所注册的县服务器制作的，或者文件已被修改、损坏。未导入任何数据。"


def read_reply(db: Database, data: bytes) -> tuple[BundleHeader, ReplyPayload]:
    """Check a reply completely (format, the county's signature, addressed to this laptop, decryptable, well
    formed) without writing anything; ``BundleError`` with the reason otherwise."""
    envelope = open_envelope(data)
    if envelope.header.kind != "reply":
        raise BundleError(
            "这是电脑导出的U盘同步文件，要交给县里导入；这里请选择县里返回的回执文件。未导入任何数据。"
        )
    with db.read_connection() as conn:
        state, device_key = _enrolled_state(conn)
    if not verify(envelope, signing.unb64(state.server_signing_key)):
        raise BundleError(NOT_OUR_SERVER)
    if envelope.header.device_id != state.device_id:
        raise BundleError(
            f"这个回执是给另一台电脑（编号 {envelope.header.device_id[:8]}…）的，不是本机的。未导入任何数据。"
        )
    payload = decrypt(envelope, reply_private_key(device_key))
    try:
        reply = ReplyPayload.model_validate_json(payload)
    except ValidationError as exc:
        raise BundleError(f"回执的内容格式不正确（{exc.error_count()} 处错误），未导入任何数据。") from None
    if reply.pull_after > state.pull_cursor:
        raise BundleError(
            "回执中的数据接不上本机已有的数据（本机数据可能从备份恢复过）。未导入任何数据；请重新导出U盘同步文件。"
        )
    return envelope.header, reply


def import_reply(
    db: Database,
    data: bytes,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    page: int = p.MAX_PULL_LIMIT,
) -> ImportReport:
    """Apply a reply of the county: acknowledgements first (as online: compact the journal, keep notes of what
    the county quarantined), then the changes after this laptop's cursor, page by page with the cursor, then the
    files. Importing the same reply again, or an older one, changes nothing: only what is newer than what this
    laptop holds is applied."""
    _header, reply = read_reply(db, data)
    if reply.revoked:
        with db.write_connection() as conn:
            local.record_sync_result(conn, success=False, error=reply.message)
        raise DeviceRevokedByCounty(reply.message or "本设备已被县里停用。")
    report = ImportReport(acked_seq=reply.push.acked_seq, more=reply.pull.more, head_seq=reply.pull.head_seq)
    report.problems += [reply.message] if reply.message else []
    with db.write_connection() as conn:
        # Restored from a backup: the changes made since follow the county's numbering (see _push_batches).
        restore_mark.rebase_connection(conn, reply.push.acked_seq)
        before = journal.acked_seq(conn)
        report.acknowledged = _store_acknowledgement(conn, reply.push, before, report)
        local.mark_reported(conn, reply.resolutions)
        audit_upload.mark_sent(conn, reply.audit_held_through)
        attachments.mark_uploaded(conn, reply.blobs_confirmed)
        report.blobs_confirmed = len(reply.blobs_confirmed)
        cursor = local.read_state(conn).pull_cursor
    # Only what this laptop has not got yet: a change at or below its cursor was applied before (by this reply,
    # an online sync or a later reply) and applying it again could undo something newer.
    changes = [c for c in reply.pull.changes if c.seq > cursor]
    with local.collector_paused():  # as an online pull (a reply may carry a township's first pull)
        for start in range(0, len(changes), page):
            if cancel is not None and cancel():
                raise BundleCancelled()
            chunk = changes[start : start + page]
            last = start + page >= len(changes)
            stats = local.apply_page(db, chunk, reply.pull.next_cursor if last else chunk[-1].seq)
            report.pulled += stats.applied
            report.conflicts += stats.conflicts
            report.kept_local += stats.kept_local
            report.rejected += stats.rejected
            if progress is not None:
                progress("apply", chunk[-1].seq, reply.pull.head_seq)
    if not changes and reply.pull.next_cursor > cursor:
        local.apply_page(
            db, [], reply.pull.next_cursor
        )  # nothing visible to this laptop, but the cursor moves
    with db.write_connection() as conn:
        for blob in reply.blobs:
            if not attachments.has_blob(conn, blob.sha256):
                attachments.store_blob_locally(conn, blob.sha256, signing.unb64(blob.data))
                report.blobs_received += 1
        state = local.read_state(conn)
        report.cursor = state.pull_cursor
        report.pending = journal.pending_count(conn)
        local.record_sync_result(conn, success=True)
    report.nothing_new = (
        report.acknowledged == 0 and not changes and report.cursor == cursor and report.blobs_received == 0
    )
    if report.more:
        report.problems.append(
            "县里的数据一次没有装完：请再导出一次U盘同步文件交给县里，下一个回执会接着带来其余的数据。"
        )
    return report


def _store_acknowledgement(
    conn: Connection, response: p.PushResponse, acked_before: int, report: ImportReport
) -> int:
    """As the online client's: a note for each quarantined entry (once: only entries not acknowledged before),
    then compaction up to ``acked_seq``."""
    fresh = [r for r in response.results if r.status == "quarantined" and r.seq > acked_before]
    if fresh:
        rows = conn.execute(
            text(
                "SELECT seq, entity, entity_id, changes FROM change_journal WHERE seq > :after AND seq <= :to"
            ),
            {"after": acked_before, "to": response.acked_seq},
        ).all()
        by_seq = {int(r[0]): r for r in rows}
        for result in fresh:
            found = by_seq.get(result.seq)
            if found is None:
                continue
            local.add_local_note(
                conn,
                kind="quarantined",
                entity=found[1],
                entity_id=found[2],
                value=json.loads(found[3]),
                reason=f"县服务器未接受这条修改：{result.reason}（已留存在县里待审核）",
            )
            report.quarantined += 1
    return journal.acknowledge(conn, response.acked_seq)


def default_export_name(device_id: str) -> str:
    return f"雨露同步_{device_id[:8]}_{time.strftime('%Y%m%d-%H%M')}{REQUEST_SUFFIX}"


def default_reply_name(device_id: str) -> str:
    return f"雨露回执_{device_id[:8]}_{time.strftime('%Y%m%d-%H%M')}{REPLY_SUFFIX}"
