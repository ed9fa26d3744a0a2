"""The county's side of USB sync bundles: its key pairs, importing a laptop's bundle, writing the reply.

A bundle is the online exchange in another envelope (``sync.bundle`` defines the file): its push requests go
through ``service.push`` batch by batch, exactly as if the laptop had sent them, and the reply carries
``service.pull_json`` pages from the laptop's cursor — so a laptop syncing by USB converges exactly like one
syncing online. Importing is idempotent: entries the server holds are skipped by ``service.push``, and
``bundle_import`` remembers each bundle (for the admin's overview and to count it once).

Every check (format, the county's key, a known device, the device's signature, decryption, the payload's shape)
happens before anything is written, so a refused bundle changes nothing. A revoked device's entries are
quarantined, as online, and its reply says so (with no acknowledgement and no data).

The bundle authenticates itself (the enrolled device's Ed25519 signature over every byte), and the reply is
encrypted to that device's key, so whoever uploads a file learns nothing and can only deliver what the device
signed. The upload page still needs the county admin's token (``server.app``): an open page lets anyone make
the server read and decrypt hundreds of megabytes. See docs/SYNC.md "USB bundles".

The server's private keys are in a key file (``key_file``, mode 0600), not in the database.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from yulu_desktop.server import audit, bundle_keys, service
from yulu_desktop.server import blobs as server_blobs
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import (
    AppliedChange,
    BundleImport,
    Cadre,
    Device,
    OrgUnit,
    Quarantine,
)
from yulu_desktop.server.service import ApiError, DeviceContext
from yulu_desktop.sync import bundle, signing
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.bundle import BundleError

#: A reply carries changes up to this much JSON (uncompressed); the rest follows in the next reply (``more``).
REPLY_PULL_BYTES = 96 * 1024 * 1024
#: …and attachment files the laptop asked for up to this much.
REPLY_BLOB_BYTES = 64 * 1024 * 1024
#: Largest upload the browser page takes.
MAX_UPLOAD_BYTES = bundle.MAX_BUNDLE_BYTES


# --- import ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What importing one bundle did, and the reply file for the laptop."""

    reply: bytes
    bundle_id: str
    device_id: str
    device_name: str
    entries: int
    blobs: int
    already_imported: bool
    revoked: bool
    push: p.PushResponse
    pulled: int
    more: bool
    blobs_sent: int

    def summary(self) -> str:
        """One line for the admin (Chinese)."""
        if self.revoked:
            return (
                f"设备 {self.device_name or self.device_id[:8]} 已被停用：文件中的 {self.entries} 条修改已暂存待审核，"
                "回执中没有确认也没有数据。"
            )
        again = "（此文件以前导入过，重复的修改已跳过）" if self.already_imported else ""
        more = "；数据未装完，请让这台电脑再导出一次" if self.more else ""
        return (
            f"已导入设备 {self.device_name or self.device_id[:8]} 的同步文件{again}：{self.entries} 条修改"
            f"（新写入 {self.push.applied}，重复跳过 {self.push.skipped}，冲突 {self.push.conflicts}，"
            f"暂存 {self.push.quarantined}），附件 {self.blobs} 个；回执带回 {self.pulled} 条数据、"
            f"{self.blobs_sent} 个附件{more}。"
        )


def _context(db: ServerDatabase, device: Device) -> DeviceContext:
    with db.read() as session:
        cadre = session.get(Cadre, device.cadre_id)
        assert cadre is not None
        unit = session.get(OrgUnit, cadre.jurisdiction_id)
        assert unit is not None
        return DeviceContext(
            device_id=device.id,
            cadre_id=cadre.id,
            revoked=device.revoked_at is not None,
            jurisdiction=p.OrgUnitInfo(id=unit.id, code=unit.code, name=unit.name, level=unit.level),
            path=unit.path,
            role=cadre.role,
        )


def read_request(
    db: ServerDatabase, data: bytes
) -> tuple[bundle.BundleHeader, bundle.RequestPayload, Device]:
    """Check a laptop's bundle completely without writing anything; ``BundleError`` with the reason."""
    envelope = bundle.open_envelope(data)
    header = envelope.header
    if header.kind != "request":
        raise BundleError(
            "这是县里给电脑的回执，要在电脑上导入（同步 › 导入县里回执）；这里请上传电脑导出的U盘同步文件。未导入任何数据。"
        )
    keys = bundle_keys.server_keys(db)
    if header.recipient_key != bundle.key_id(keys.encryption_public):
        raise BundleError(
            "这个U盘同步文件是为另一个县服务器制作的（不是本服务器），未导入任何数据。"
            "请确认电脑注册的是本县服务器。"
        )
    with db.read() as session:
        device = session.get(Device, header.device_id)
    if device is None:
        raise BundleError(
            f"县服务器不认识制作这个文件的电脑（编号 {header.device_id[:8]}…），它没有在本县注册。未导入任何数据。"
        )
    if not bundle.verify(envelope, signing.unb64(device.public_key)):
        raise BundleError("同步文件的签名不对：文件已被修改或损坏，或不是这台电脑制作的。未导入任何数据。")
    payload = bundle.decrypt(envelope, keys.encryption)
    try:
        request = bundle.RequestPayload.model_validate_json(payload)
    except ValidationError as exc:
        raise BundleError(
            f"同步文件的内容格式不正确（{exc.error_count()} 处错误），未导入任何数据。"
        ) from None
    for blob in request.blobs:
        try:
            content = signing.unb64(blob.data)
        except ValueError:
            raise BundleError("同步文件中的附件已损坏，未导入任何数据。") from None
        if hashlib.sha256(content).hexdigest() != blob.sha256:
            raise BundleError("同步文件中的附件与其编号不符（已损坏），未导入任何数据。")
    return header, request, device


def import_bundle(db: ServerDatabase, data: bytes, *, imported_by: str = "") -> ImportResult:
    """Import a laptop's bundle and make its reply (``ImportResult.reply``); ``BundleError`` if refused."""
    header, request, device = read_request(db, data)
    _seen(db, device.id)
    ctx = dataclasses.replace(_context(db, device), protocol=request.protocol_version)
    entries = [e for push in request.pushes for e in push.entries]
    with db.read() as session:
        already = session.get(BundleImport, header.bundle_id) is not None
    if ctx.revoked:
        service.quarantine_entries(db, ctx.device_id, entries, "设备已停用（revoked），经U盘同步文件送来")
        _remember(db, header, data, len(entries), 0, imported_by)
        nothing = p.PushResponse(acked_seq=0, applied=0, skipped=0, conflicts=0, quarantined=len(entries))
        reply = bundle.ReplyPayload(
            revoked=True,
            message="本设备已被县里停用，不能再同步。U盘同步文件中的修改已留存在县里待审核，请联系县乡村振兴局。",
            push=nothing,
            pull_after=request.pull_after,
            pull=p.PullResponse(changes=[], next_cursor=request.pull_after, more=False, head_seq=0),
        )
        return _result(db, header, request, device, reply, already, len(entries), 0)
    push = _push(db, ctx, request.pushes)
    audit_held = audit.upload_all(db, ctx, request.audit)
    confirmed = _store_blobs(db, ctx, request.blobs)
    _remember(db, header, data, len(entries), len(request.blobs), imported_by)
    pull = _pull(db, ctx, request.pull_after)
    sent = _wanted_blobs(db, ctx, request.wanted_blobs)
    reply = bundle.ReplyPayload(
        push=push,
        resolutions=[r.conflict_id for push_request in request.pushes for r in push_request.resolutions],
        pull_after=request.pull_after,
        pull=pull,
        blobs_confirmed=confirmed,
        blobs=sent,
        audit_held_through=audit_held,
    )
    return _result(db, header, request, device, reply, already, len(entries), len(request.blobs))


def _seen(db: ServerDatabase, device_id: str) -> None:
    """The device made contact (its signature over the bundle is checked): its last contact is now, as a
    signed online request's is (``service.authenticate``). Its last sync is set by the push and pull."""
    with db.write() as session:
        session.execute(update(Device).where(Device.id == device_id).values(last_seen_at=datetime.now(UTC)))


def _result(
    db: ServerDatabase,
    header: bundle.BundleHeader,
    request: bundle.RequestPayload,
    device: Device,
    reply: bundle.ReplyPayload,
    already: bool,
    entries: int,
    blob_count: int,
) -> ImportResult:
    keys = bundle_keys.server_keys(db)
    sealed = bundle.seal(
        kind="reply",
        device_id=device.id,
        payload=reply.model_dump_json().encode(),
        recipient_key=signing.unb64(request.reply_key),
        signing_key=keys.signing,
        reply_to=header.bundle_id,
    )
    return ImportResult(
        reply=sealed,
        bundle_id=header.bundle_id,
        device_id=device.id,
        device_name=device.name,
        entries=entries,
        blobs=blob_count,
        already_imported=already,
        revoked=reply.revoked,
        push=reply.push,
        pulled=len(reply.pull.changes),
        more=reply.pull.more,
        blobs_sent=len(reply.blobs),
    )


def _push(db: ServerDatabase, ctx: DeviceContext, pushes: list[p.PushRequest]) -> p.PushResponse:
    """The online push, batch by batch; the answers combined. Entries the server held already (an earlier
    import, an online sync) are reported with the status they got then, so a reply made again is the same."""
    acked = applied = skipped = conflicts = quarantined = 0
    results: dict[int, p.EntryResult] = {}
    for request in pushes:
        try:
            answer = service.push(db, ctx, request)
        except ApiError as exc:
            raise BundleError(f"县服务器不能接受这个同步文件：{exc.message}") from None
        acked = max(acked, answer.acked_seq)
        applied += answer.applied
        skipped += answer.skipped
        conflicts += answer.conflicts
        quarantined += answer.quarantined
        results.update({r.seq: r for r in answer.results})
    if not pushes:
        with db.read() as session:
            device = session.get(Device, ctx.device_id)
            acked = device.last_seq if device is not None else 0
    earlier = [e for push in pushes for e in push.entries if e.seq not in results]
    results.update(_earlier_results(db, ctx.device_id, earlier))
    return p.PushResponse(
        acked_seq=acked,
        applied=applied,
        skipped=skipped,
        conflicts=conflicts,
        quarantined=quarantined,
        results=[results[seq] for seq in sorted(results)],
    )


def _earlier_results(
    db: ServerDatabase, device_id: str, entries: list[p.PushEntry]
) -> dict[int, p.EntryResult]:
    """The recorded outcome of entries that were skipped because they had arrived before (only those that were
    not simply applied: the laptop keeps a note of quarantined ones)."""
    found: dict[int, p.EntryResult] = {}
    ids = [e.change_id for e in entries]
    with db.read() as session:
        for start in range(0, len(ids), 900):
            chunk = ids[start : start + 900]
            statuses: dict[str, str] = {
                row[0]: row[1]
                for row in session.execute(
                    select(AppliedChange.change_id, AppliedChange.status).where(
                        AppliedChange.change_id.in_(chunk), AppliedChange.status != "applied"
                    )
                )
            }
            if not statuses:
                continue
            reasons: dict[str, str] = {
                row[0]: row[1]
                for row in session.execute(
                    select(Quarantine.change_id, Quarantine.reason).where(
                        Quarantine.device_id == device_id, Quarantine.change_id.in_(list(statuses))
                    )
                )
            }
            for entry in entries:
                status = statuses.get(entry.change_id)
                if status in ("merged", "lost", "duplicate", "quarantined"):
                    found[entry.seq] = p.EntryResult(
                        seq=entry.seq,
                        change_id=entry.change_id,
                        status=status,  # type: ignore[arg-type]
                        reason=reasons.get(entry.change_id, ""),
                    )
    return found


def _store_blobs(db: ServerDatabase, ctx: DeviceContext, blobs: list[bundle.BundleBlob]) -> list[str]:
    """Store the files a record of the device's jurisdiction names (as the online upload allows); the hashes
    the county now holds are confirmed to the laptop. A file no record names stays unconfirmed."""
    if not blobs:
        return []
    confirmed = []
    with db.write() as session:
        allowed = server_blobs.referenced_in_scope(session, ctx.path, [b.sha256 for b in blobs])
        for blob in blobs:
            if blob.sha256 in allowed:
                server_blobs.store_whole_blob(
                    session, db.cipher, blob.sha256, signing.unb64(blob.data), ctx.device_id
                )
                confirmed.append(blob.sha256)
    return confirmed


def _wanted_blobs(db: ServerDatabase, ctx: DeviceContext, wanted: list[str]) -> list[bundle.BundleBlob]:
    """Files the laptop lacks that its jurisdiction's records name and the county holds (up to a size limit;
    the rest come with a later reply or online)."""
    if not wanted:
        return []
    sent: list[bundle.BundleBlob] = []
    total = 0
    with db.read() as session:
        allowed = server_blobs.referenced_in_scope(session, ctx.path, wanted)
        for sha in wanted:
            if sha not in allowed:
                continue
            data = server_blobs.read_whole_blob(session, db.cipher, sha)
            if data is None or total + len(data) > REPLY_BLOB_BYTES:
                continue
            total += len(data)
            sent.append(bundle.BundleBlob(sha256=sha, data=signing.b64(data)))
    return sent


def _pull(db: ServerDatabase, ctx: DeviceContext, after: int) -> p.PullResponse:
    """The online pull pages from ``after``, joined, until the head or ``REPLY_PULL_BYTES``."""
    changes: list[p.Change] = []
    size = 0
    cursor = after
    while True:
        page_json = service.pull_json(db, ctx, p.PullRequest(after=cursor, limit=p.MAX_PULL_LIMIT))
        page = p.PullResponse.model_validate_json(page_json)
        changes += page.changes
        size += len(page_json)
        cursor = page.next_cursor
        if not page.more or size >= REPLY_PULL_BYTES:
            return p.PullResponse(changes=changes, next_cursor=cursor, more=page.more, head_seq=page.head_seq)


def _remember(
    db: ServerDatabase,
    header: bundle.BundleHeader,
    data: bytes,
    entries: int,
    blob_count: int,
    imported_by: str,
) -> None:
    try:
        with db.write() as session:
            if session.get(BundleImport, header.bundle_id) is None:
                session.add(
                    BundleImport(
                        bundle_id=header.bundle_id,
                        device_id=header.device_id,
                        file_sha256=hashlib.sha256(data).hexdigest(),
                        created_at_ms=header.created_at_ms,
                        imported_at=datetime.now(UTC),
                        entries=entries,
                        blobs=blob_count,
                        imported_by=imported_by,
                    )
                )
    except IntegrityError:
        pass  # imported at the same moment through the page and the command: once is enough
