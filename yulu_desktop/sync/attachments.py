"""Attachment files between the laptop and the county server: sent after the records, in resumable chunks.

* Files live once per content hash in ``attachment_blob`` (inside the encrypted database); every file the county
  has not confirmed is queued in ``blob_upload`` (``uploaded_at`` NULL), in the transaction that stored it.
* ``upload_pending`` asks the server which of the queued files it already holds (``POST /v1/blobs/status``): a
  complete one is marked sent without sending a byte; the others are sent from the server's ``received`` offset
  in chunks of ``CHUNK_BYTES`` (``PUT /v1/blobs/{sha256}?offset=…&size=…``), so a cut link loses at most one
  chunk and the next attempt goes on where the server stopped; on a fast link the chunks grow.
* Files are not fetched with the records: ``download`` fetches one (``GET /v1/blobs/{sha256}``) when the cadre
  opens it, checks its hash and keeps it.
* A file that cannot be sent is reported and stays queued; it never makes the records' sync fail.

No Qt here; the app runs this on its sync worker.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Protocol

import httpx
from pydantic import ValidationError
from sqlalchemy import Connection, delete, func, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.errors import ServerUnreachable, SyncError

#: Chunk size of an upload: a 64 kbit/s link moves 32 KiB in about 4 s, so a cut loses little and every
#: request still carries far more file than headers.
CHUNK_BYTES = 32 * 1024
#: On a fast link (the township office's LAN) chunks grow, doubling after each one sent in under
#: ``FAST_CHUNK_SECONDS``, up to the server's limit: fewer requests, while a cut still loses about a second of
#: sending. A failure starts again from ``CHUNK_BYTES``.
FAST_CHUNK_SECONDS = 0.5
MAX_CHUNK_BYTES = p.MAX_BLOB_CHUNK_BYTES
#: Part size of a download.
DOWNLOAD_PART_BYTES = 64 * 1024
#: How often one chunk is tried again after a cut before the file waits for the next sync.
CHUNK_RETRIES = 4

Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


class SignedClient(Protocol):
    """What this module needs of the sync client (``SyncClient`` is one): its database and signed requests.

    Declared here so that this module does not import the client, which calls ``upload_pending`` after the
    records of a sync."""

    @property
    def db(self) -> Database: ...

    def request_signed(
        self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None
    ) -> httpx.Response: ...


class BlobHashMismatch(YuluError):
    """Bytes that do not hash to the file's name (damaged on the way or on disk)."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


# --- the local queue (also used by USB bundles) -----------------------------------------------------------


def pending_uploads(conn: Connection) -> list[str]:
    """Hashes of the files held here that the county server has not confirmed, oldest first."""
    return list(
        conn.execute(
            select(schema.blob_upload.c.sha256)
            .where(schema.blob_upload.c.uploaded_at.is_(None))
            .order_by(schema.blob_upload.c.queued_at, schema.blob_upload.c.sha256)
        ).scalars()
    )


def mark_uploaded(conn: Connection, shas: Iterable[str]) -> None:
    """The county server holds these files (confirmed online or by a USB reply bundle)."""
    now = _now()
    for sha in shas:
        conn.execute(
            update(schema.blob_upload)
            .where(schema.blob_upload.c.sha256 == sha, schema.blob_upload.c.uploaded_at.is_(None))
            .values(uploaded_at=now, last_error="")
        )


def queue_upload(conn: Connection, sha256: str) -> None:
    """Queue a file for upload (nothing if it is queued or sent already)."""
    conn.execute(
        sqlite_insert(schema.blob_upload)
        .values(sha256=sha256, queued_at=_now())
        .on_conflict_do_nothing(index_elements=["sha256"])
    )


def has_blob(conn: Connection, sha256: str) -> bool:
    return (
        conn.execute(
            select(schema.attachment_blob.c.sha256).where(schema.attachment_blob.c.sha256 == sha256)
        ).first()
        is not None
    )


def read_blob(conn: Connection, sha256: str) -> bytes | None:
    found = conn.execute(
        select(schema.attachment_blob.c.data).where(schema.attachment_blob.c.sha256 == sha256)
    ).first()
    return None if found is None else bytes(found[0])


def store_blob_locally(conn: Connection, sha256: str, data: bytes) -> None:
    """Keep a file that came from the server (download or USB reply); raises ``BlobHashMismatch`` if the bytes
    are not that file. It is not queued for upload: the server has it."""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise BlobHashMismatch(f"附件 {sha256[:12]} 的内容与编号不符（传输中损坏），未保存。")
    conn.execute(
        sqlite_insert(schema.attachment_blob)
        .values(sha256=sha256, data=data)
        .on_conflict_do_nothing(index_elements=["sha256"])
    )


def missing_blobs(conn: Connection) -> list[str]:
    """Hashes named by attachment records (file or kept original) whose bytes are not on this laptop."""
    att, blob = schema.attachment, schema.attachment_blob
    named: set[str] = set()
    for sha, original in conn.execute(select(att.c.sha256, att.c.original_sha256)):
        named.add(sha)
        if original:
            named.add(original)
    held = set(conn.execute(select(blob.c.sha256).where(blob.c.sha256.in_(sorted(named)))).scalars())
    return sorted(named - held)


def _note_failure(conn: Connection, sha256: str, error: str) -> None:
    conn.execute(
        update(schema.blob_upload)
        .where(schema.blob_upload.c.sha256 == sha256)
        .values(attempts=schema.blob_upload.c.attempts + 1, last_error=error[:500])
    )


def _referenced_locally(conn: Connection, sha256: str) -> bool:
    att = schema.attachment
    return (
        conn.execute(
            select(att.c.id).where((att.c.sha256 == sha256) | (att.c.original_sha256 == sha256)).limit(1)
        ).first()
        is not None
    )


@dataclass
class UploadReport:
    """What one round of uploads did."""

    files_sent: int = 0
    #: Files the server had already (from another laptop, or an earlier cut attempt that completed).
    files_known: int = 0
    files_pending: int = 0
    #: Files the server will not take yet: their attachment record did not reach it (refused or held).
    files_blocked: int = 0
    bytes_sent: int = 0
    cancelled: bool = False
    problems: list[str] = field(default_factory=list)


#: Pause before trying a chunk again after a cut (doubles each time): a mountain link often comes back in
#: seconds.
RETRY_PAUSE_S = 0.5


def _short(sha256: str) -> str:
    return sha256[:12]


def _refusal(response: httpx.Response) -> tuple[str, str]:
    """(code, Chinese message) of a refused request."""
    try:
        error = p.ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return "", f"县服务器返回错误 {response.status_code}。"
    return error.code, error.message


def _names(conn: Connection, shas: list[str]) -> dict[str, str]:
    """A file name the cadre knows for each hash (for messages)."""
    att = schema.attachment
    names: dict[str, str] = {}
    for sha, original, filename in conn.execute(
        select(att.c.sha256, att.c.original_sha256, att.c.filename).where(
            att.c.sha256.in_(shas) | att.c.original_sha256.in_(shas)
        )
    ):
        names.setdefault(sha, filename)
        if original:
            names.setdefault(original, f"{filename}（原图）")
    return names


def _status(client: SignedClient, refs: list[p.BlobRef]) -> dict[str, p.BlobState]:
    states: dict[str, p.BlobState] = {}
    for start in range(0, len(refs), 1000):
        request = p.BlobStatusRequest(blobs=refs[start : start + 1000])
        response = client.request_signed(
            "POST",
            "/v1/blobs/status",
            request.model_dump_json().encode(),
            {"Content-Type": "application/json"},
        )
        if response.status_code != 200:
            raise SyncError(_refusal(response)[1])
        try:
            answer = p.BlobStatusResponse.model_validate_json(response.content)
        except ValidationError as exc:
            raise SyncError(f"县服务器的回答无法识别：{exc.error_count()} 处错误。") from exc
        states.update({state.sha256: state for state in answer.blobs})
    return states


def upload_pending(
    client: SignedClient,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    chunk_bytes: int = CHUNK_BYTES,
    retries: int = CHUNK_RETRIES,
) -> UploadReport:
    """Send every queued file the server does not hold yet, each from where the server stopped.

    Never raises for a file's sake: what could not be sent stays queued and is reported (``problems``), so the
    records' sync is never held back. ``progress("files", bytes done, bytes to send)``.
    """
    report = UploadReport()
    db = client.db
    with db.read_connection() as conn:
        queued = pending_uploads(conn)
        if not queued:
            return report
        blob = schema.attachment_blob
        sizes: dict[str, int] = {
            sha: int(length)
            for sha, length in conn.execute(
                select(blob.c.sha256, func.length(blob.c.data)).where(blob.c.sha256.in_(queued))
            )
        }
        names = _names(conn, queued)
    report.files_pending = len(queued)
    lost = [sha for sha in queued if sha not in sizes]
    if lost:
        # Queued but not here (cannot happen through the app): nothing to send, nothing to wait for.
        with db.write_connection() as conn:
            conn.execute(delete(schema.blob_upload).where(schema.blob_upload.c.sha256.in_(lost)))
        report.files_pending -= len(lost)
    try:
        states = _status(client, [p.BlobRef(sha256=sha, size=sizes[sha]) for sha in queued if sha in sizes])
    except ServerUnreachable:
        report.problems.append(f"{report.files_pending} 个附件暂未上传（连接中断），下次同步会继续。")
        return report
    except SyncError as exc:
        report.problems.append(f"附件暂未上传：{exc.message}")
        return report
    known = [sha for sha, state in states.items() if state.state == "complete"]
    if known:
        with db.write_connection() as conn:
            mark_uploaded(conn, known)
        report.files_known += len(known)
        report.files_pending -= len(known)
    to_send = [sha for sha in queued if sha in states and states[sha].state != "complete"]
    total = sum(sizes[sha] - states[sha].received for sha in to_send if states[sha].state != "forbidden")
    done = 0

    def tick(n: int) -> None:
        nonlocal done
        done += n
        if progress is not None:
            progress("files", done, max(total, done))

    tick(0)
    for position, sha in enumerate(to_send):
        name = names.get(sha, _short(sha))
        state = states[sha]
        if state.state == "forbidden":
            _forbidden(client, sha, name, report)
            continue
        outcome = _send_file(client, sha, state.received, tick, cancel, chunk_bytes, retries, report)
        if outcome == "sent":
            with db.write_connection() as conn:
                mark_uploaded(conn, [sha])
            report.files_sent += 1
            report.files_pending -= 1
            continue
        if outcome == "cancelled":
            report.cancelled = True
            return report
        with db.write_connection() as conn:
            _note_failure(conn, sha, outcome)
        if outcome == "unreachable":
            left = len(to_send) - position
            report.problems.append(
                f"附件 {name} 暂未上传完成，下次同步会从断点继续"
                + (f"（另有 {left - 1} 个附件等待上传）" if left > 1 else "")
                + "。"
            )
            return report  # the link is down: the other files would fail the same way
        report.problems.append(f"附件 {name} 暂未上传：{outcome}")
    return report


def _forbidden(client: SignedClient, sha: str, name: str, report: UploadReport) -> None:
    with client.db.write_connection() as conn:
        if not _referenced_locally(conn, sha):
            # Its attachment was deleted before the file went up: nobody needs it on the server.
            conn.execute(delete(schema.blob_upload).where(schema.blob_upload.c.sha256 == sha))
            report.files_pending -= 1
            return
        _note_failure(conn, sha, "forbidden")
    report.files_pending -= 1
    report.files_blocked += 1
    report.problems.append(
        f"附件 {name} 暂未上传：县服务器上还没有它所属的记录（记录未发送或被县里暂存审核），记录处理后会自动上传。"
    )


def _send_file(
    client: SignedClient,
    sha: str,
    offset: int,
    tick: Callable[[int], None],
    cancel: Cancel | None,
    chunk_bytes: int,
    retries: int,
    report: UploadReport,
) -> str:
    """Send one file from ``offset``: "sent", "cancelled", "unreachable", or a message why not."""
    with client.db.read_connection() as conn:
        data = read_blob(conn, sha)
    if data is None or hashlib.sha256(data).hexdigest() != sha:
        return "本机保存的文件已损坏，请重新添加这个附件。"
    size = len(data)
    failures = 0
    restarts = 0
    step = chunk_bytes
    while True:
        if cancel is not None and cancel():
            return "cancelled"
        chunk = data[offset : offset + step]
        started = time.monotonic()
        try:
            response = client.request_signed(
                "PUT",
                f"/v1/blobs/{sha}?offset={offset}&size={size}",
                chunk,
                {"Content-Type": "application/octet-stream"},
            )
        except ServerUnreachable:
            step = chunk_bytes
            failures += 1
            if failures > retries:
                return "unreachable"
            time.sleep(RETRY_PAUSE_S * 2 ** (failures - 1))
            # The cut may have come after the server stored the chunk: ask where it stands instead of sending
            # the chunk again.
            try:
                state = _status(client, [p.BlobRef(sha256=sha, size=size)])[sha]
            except ServerUnreachable:
                continue
            except SyncError as exc:
                return str(exc.message)
            if state.state == "complete":
                return "sent"
            if state.state == "forbidden":
                return "县服务器不再接受这个附件（所属记录不在本机辖区）。"
            offset = state.received
            continue
        if response.status_code == 200:
            try:
                answer = p.BlobPutResponse.model_validate_json(response.content)
            except ValidationError:
                return "县服务器的回答无法识别。"
            failures = 0
            report.bytes_sent += len(chunk)
            if time.monotonic() - started < FAST_CHUNK_SECONDS:
                step = min(step * 2, max(MAX_CHUNK_BYTES, chunk_bytes))
            tick(max(answer.received - offset, 0))
            if answer.complete:
                return "sent"
            offset = answer.received
            continue
        code, message = _refusal(response)
        if code == "hash_mismatch" and restarts == 0:
            restarts += 1  # damaged on the way: the server discarded it; once more from the start
            offset = 0
            continue
        if response.status_code >= 500:
            step = chunk_bytes
            failures += 1
            if failures > retries:
                return "unreachable"
            time.sleep(RETRY_PAUSE_S * 2 ** (failures - 1))
            continue
        return message


# --- download ----------------------------------------------------------------------------------------------


class BlobUnavailable(SyncError):
    """The file cannot be fetched now: the server does not hold it yet (the laptop that added it has not sent
    it) or failed."""


def download(
    client: SignedClient,
    sha256: str,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    part_bytes: int = DOWNLOAD_PART_BYTES,
    retries: int = CHUNK_RETRIES,
) -> bytes:
    """Fetch one file from the county server, check its hash and keep it on this laptop; returns its bytes.

    Parts of ``part_bytes``; a cut is retried from the part it stopped in. Raises ``ServerUnreachable`` (the link
    stayed down), ``BlobUnavailable`` (not on the server yet, or the server failed), ``BlobHashMismatch``, or
    ``SyncError`` (refused, e.g. outside the jurisdiction).
    """
    with client.db.read_connection() as conn:
        held = read_blob(conn, sha256)
    if held is not None:
        return held
    parts: list[bytes] = []
    offset = 0
    size: int | None = None
    failures = 0
    while size is None or offset < size:
        if cancel is not None and cancel():
            raise BlobUnavailable("已取消下载。")
        try:
            response = client.request_signed("GET", f"/v1/blobs/{sha256}?offset={offset}&length={part_bytes}")
        except ServerUnreachable:
            failures += 1
            if failures > retries:
                raise
            time.sleep(RETRY_PAUSE_S * 2 ** (failures - 1))
            continue
        if response.status_code != 200:
            _code, message = _refusal(response)
            if response.status_code == 404 or response.status_code >= 500:
                raise BlobUnavailable(message)
            raise SyncError(message)
        size = int(response.headers.get(p.HEADER_BLOB_SIZE, "0"))
        if not response.content and offset < size:
            raise SyncError("县服务器的回答不完整。")
        parts.append(response.content)
        offset += len(response.content)
        failures = 0
        if progress is not None:
            progress("download", offset, size)
    data = b"".join(parts)
    with client.db.write_connection() as conn:
        store_blob_locally(conn, sha256, data)
    return data
