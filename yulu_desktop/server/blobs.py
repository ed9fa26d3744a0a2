"""Attachment files on the county server: stored once by content hash, received in chunks that resume.

A file (``server_blob``) arrives as chunks (``blob_chunk``, any size; the file is their concatenation in
``offset`` order). ``received`` counts the bytes stored contiguously from 0; a chunk is taken only at
``offset == received`` (a chunk the server already holds is acknowledged and not stored again, a chunk that
overlaps ``received`` is stored from there on). When ``received`` reaches ``size`` the whole file is hashed:
a match marks it ``complete``; a mismatch discards every chunk (the device starts again). A complete file is
never taken again, whoever sends it.

Jurisdiction: a device may send or fetch a file only when an attachment record of its jurisdiction names the
hash (its ``sha256`` or ``original_sha256``). Records are synced before files, so an honest device always has
one; anything else is refused (403) and nothing is stored.

``store_whole_blob`` / ``read_whole_blob`` are the whole-file forms, for USB bundles (no jurisdiction check:
the bundle code checks the device).

Files are encrypted at rest (migration s0011): every chunk is sealed under the current data key of
``server.fieldcrypt`` as it is stored, with its file and offset as associated data, and opened as it is read or
hashed. Scans of ID cards and bank cards lie on the county's disk no more in clear than the ID numbers do.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.fieldcrypt import FieldCipher
from yulu_desktop.server.models import BlobChunk, Record, ServerBlob, scope_within
from yulu_desktop.server.service import ApiError, DeviceContext, refuse_revoked, utcnow
from yulu_desktop.sync import protocol as p

#: Largest attachment file the county takes (images are downscaled on the laptop long before this).
MAX_BLOB_BYTES = p.MAX_BLOB_BYTES
#: Largest chunk of one upload request, and of one download answer.
MAX_CHUNK_BYTES = p.MAX_BLOB_CHUNK_BYTES

TOO_LARGE_MESSAGE = (
    f"附件文件太大（超过 {MAX_BLOB_BYTES // (1024 * 1024)} MB），县服务器不接收。请压缩或拆分后重新添加。"
)


def is_sha256(value: str) -> bool:
    return len(value) == 64 and all(c in "0123456789abcdef" for c in value)


def _check_sha(sha256: str) -> None:
    if not is_sha256(sha256):
        raise ApiError(422, "bad_hash", "附件编号（SHA-256）格式不正确。")


# --- chunks at rest ------------------------------------------------------------------------------------------


def _sealed_chunk(cipher: FieldCipher, sha256: str, offset: int, data: bytes) -> BlobChunk:
    key_id, sealed = cipher.seal_chunk(sha256, offset, data)
    return BlobChunk(sha256=sha256, offset=offset, key_id=key_id, data=sealed)


def _chunks_in_clear(
    session: Session, cipher: FieldCipher, sha256: str, *conditions: ColumnElement[bool]
) -> Iterator[tuple[int, bytes]]:
    """(offset, bytes) of the file's stored chunks (those matching ``conditions``), in order, opened."""
    rows = session.execute(
        select(BlobChunk.offset, BlobChunk.key_id, BlobChunk.data)
        .where(BlobChunk.sha256 == sha256, *conditions)
        .order_by(BlobChunk.offset)
    )
    for offset, key_id, data in rows:
        yield offset, cipher.open_chunk(sha256, offset, key_id, data)


# --- whole files (USB bundles) ------------------------------------------------------------------------------


def store_whole_blob(session: Session, cipher: FieldCipher, sha256: str, data: bytes, device_id: str) -> bool:
    """Store a whole file in ``session``'s transaction; True if it was not complete on the server before.

    Raises ``ValueError`` when ``data`` does not hash to ``sha256`` (nothing stored). A partial upload of the
    same file is replaced by the whole file.
    """
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ValueError(f"attachment bytes do not match their hash {sha256}")
    blob = session.get(ServerBlob, sha256, with_for_update=True)
    if blob is not None and blob.complete:
        return False
    now = utcnow()
    if blob is None:
        blob = ServerBlob(
            sha256=sha256, size=len(data), received=0, complete=False, first_device=device_id, created_at=now
        )
        session.add(blob)
        session.flush()
    else:
        session.execute(delete(BlobChunk).where(BlobChunk.sha256 == sha256))
    session.add(_sealed_chunk(cipher, sha256, 0, data))
    blob.size = blob.received = len(data)
    blob.complete = True
    blob.completed_at = now
    session.flush()
    return True


def read_whole_blob(session: Session, cipher: FieldCipher, sha256: str) -> bytes | None:
    """The bytes of a complete file, or None when the server does not hold all of it."""
    blob = session.get(ServerBlob, sha256)
    if blob is None or not blob.complete:
        return None
    return b"".join(data for _offset, data in _chunks_in_clear(session, cipher, sha256))


def blob_state(session: Session, sha256: str) -> tuple[bool, int, int] | None:
    """(complete, received, size) of a file the server knows, else None."""
    blob = session.get(ServerBlob, sha256)
    return None if blob is None else (blob.complete, blob.received, blob.size)


# --- jurisdiction -------------------------------------------------------------------------------------------


def referenced_in_scope(session: Session, path: str, sha256s: list[str]) -> set[str]:
    """The hashes among ``sha256s`` that a live attachment record inside ``path`` names."""
    if not sha256s:
        return set()
    wanted = set(sha256s)
    found: set[str] = set()
    # The hash is in the record's JSON; the LIKE narrows the rows (64 hex digits do not occur by chance),
    # the JSON decides.
    for start in range(0, len(sha256s), 200):
        part = sha256s[start : start + 200]
        rows = session.scalars(
            select(Record.data).where(
                Record.entity == "attachment",
                Record.deleted.is_(False),
                scope_within(Record.scope_path, path),
                *([] if len(part) > 20 else [_any_contains(part)]),
            )
        )
        for data in rows:
            fields = json.loads(data)
            for name in ("sha256", "original_sha256"):
                value = fields.get(name)
                if isinstance(value, str) and value in wanted:
                    found.add(value)
    return found


def _any_contains(shas: list[str]) -> ColumnElement[bool]:
    return or_(*(Record.data.contains(sha) for sha in shas))


def _require_access(session: Session, ctx: DeviceContext, sha256: str) -> None:
    if sha256 not in referenced_in_scope(session, ctx.path, [sha256]):
        raise ApiError(
            403,
            "not_referenced",
            "县服务器上没有本机辖区内使用这个附件的记录，不能上传或下载（请先同步记录）。",
        )


# --- the HTTP operations -----------------------------------------------------------------------------------


def status(db: ServerDatabase, ctx: DeviceContext, req: p.BlobStatusRequest) -> p.BlobStatusResponse:
    """For each file the device asks about: complete, partly received (from where to go on), or unknown."""
    refuse_revoked(ctx)
    shas = [b.sha256 for b in req.blobs]
    for sha in shas:
        _check_sha(sha)
    with db.read() as session:
        allowed = referenced_in_scope(session, ctx.path, shas)
        known = {
            blob.sha256: blob
            for blob in session.scalars(select(ServerBlob).where(ServerBlob.sha256.in_(shas)))
        }
    answers = []
    for ref in req.blobs:
        blob = known.get(ref.sha256)
        if ref.sha256 not in allowed:
            state: p.BlobStateName = "forbidden"
            received = 0
        elif blob is not None and blob.complete:
            state, received = "complete", blob.size
        elif blob is not None and blob.size == ref.size:
            state, received = "partial", blob.received
        else:
            state, received = "unknown", 0
        answers.append(p.BlobState(sha256=ref.sha256, state=state, received=received))
    return p.BlobStatusResponse(blobs=answers, max_chunk_bytes=MAX_CHUNK_BYTES, max_blob_bytes=MAX_BLOB_BYTES)


@dataclass(frozen=True, slots=True)
class _Outcome:
    response: p.BlobPutResponse
    error: ApiError | None = None


def put_chunk(
    db: ServerDatabase, ctx: DeviceContext, sha256: str, offset: int, size: int, data: bytes
) -> p.BlobPutResponse:
    """Take one chunk of a file at ``offset`` (see the module docstring); the answer says how far it holds."""
    refuse_revoked(ctx)
    _check_sha(sha256)
    if size > MAX_BLOB_BYTES:
        raise ApiError(413, "blob_too_large", TOO_LARGE_MESSAGE)
    if len(data) > MAX_CHUNK_BYTES:
        raise ApiError(413, "too_large", f"附件分块太大（最多 {MAX_CHUNK_BYTES // 1024} KB）。")
    if size <= 0 or offset < 0 or offset + len(data) > size or (not data and offset != size):
        raise ApiError(422, "bad_range", "附件分块的位置或大小不正确。")
    try:
        with db.write() as session:
            outcome = _put_locked(session, db.cipher, ctx, sha256, offset, size, data)
    except IntegrityError:
        # Two laptops began the same file at the same moment (PostgreSQL): one insert lost. Try again shortly.
        raise ApiError(503, "retry", "县服务器正在接收同一个附件，请稍后重试。") from None
    if outcome.error is not None:
        raise outcome.error
    return outcome.response


def _put_locked(
    session: Session,
    cipher: FieldCipher,
    ctx: DeviceContext,
    sha256: str,
    offset: int,
    size: int,
    data: bytes,
) -> _Outcome:
    _require_access(session, ctx, sha256)
    blob = session.get(ServerBlob, sha256, with_for_update=True)
    if blob is None:
        blob = ServerBlob(
            sha256=sha256,
            size=size,
            received=0,
            complete=False,
            first_device=ctx.device_id,
            created_at=utcnow(),
        )
        session.add(blob)
        session.flush()
    if blob.complete:
        return _Outcome(p.BlobPutResponse(received=blob.size, complete=True, stored=0))
    if blob.size != size:
        # A partial upload that announced another size cannot become this file: start it again.
        session.execute(delete(BlobChunk).where(BlobChunk.sha256 == sha256))
        blob.size, blob.received = size, 0
    stored = 0
    if offset <= blob.received < offset + len(data):
        # Only the part beyond what is held (a re-sent chunk below ``received`` stores nothing).
        tail = data[blob.received - offset :]
        session.add(_sealed_chunk(cipher, sha256, blob.received, tail))
        blob.received += len(tail)
        stored = len(tail)
    session.flush()
    if blob.received < blob.size:
        return _Outcome(p.BlobPutResponse(received=blob.received, complete=False, stored=stored))
    digest = hashlib.sha256()
    for _offset, chunk in _chunks_in_clear(session, cipher, sha256):
        digest.update(chunk)
    if digest.hexdigest() != sha256:
        # Discarded and committed (so the next attempt starts from 0), then refused.
        session.execute(delete(BlobChunk).where(BlobChunk.sha256 == sha256))
        session.delete(blob)
        session.flush()
        return _Outcome(
            p.BlobPutResponse(received=0, complete=False, stored=0),
            ApiError(
                422, "hash_mismatch", "附件文件校验失败（内容与编号不符），县服务器已丢弃，将重新上传。"
            ),
        )
    blob.complete = True
    blob.completed_at = utcnow()
    session.flush()
    return _Outcome(p.BlobPutResponse(received=blob.size, complete=True, stored=stored))


def read_part(
    db: ServerDatabase, ctx: DeviceContext, sha256: str, offset: int, length: int
) -> tuple[bytes, int]:
    """Bytes ``offset`` … ``offset + length`` of a complete file (at most ``MAX_CHUNK_BYTES``) and its size."""
    refuse_revoked(ctx)
    _check_sha(sha256)
    if offset < 0 or length <= 0:
        raise ApiError(422, "bad_range", "下载范围不正确。")
    length = min(length, MAX_CHUNK_BYTES)
    with db.read() as session:
        _require_access(session, ctx, sha256)
        blob = session.get(ServerBlob, sha256)
        if blob is None or not blob.complete:
            raise ApiError(404, "blob_missing", "县服务器上还没有这个附件文件（上传它的电脑尚未同步完成）。")
        end = min(offset + length, blob.size)
        if offset >= blob.size:
            return b"", blob.size
        first = session.scalar(
            select(func.max(BlobChunk.offset)).where(BlobChunk.sha256 == sha256, BlobChunk.offset <= offset)
        )
        parts = list(
            _chunks_in_clear(
                session, db.cipher, sha256, BlobChunk.offset >= (first or 0), BlobChunk.offset < end
            )
        )
        size = blob.size
    out = bytearray()
    for chunk_offset, chunk in parts:
        lo = max(offset - chunk_offset, 0)
        hi = min(end - chunk_offset, len(chunk))
        if hi > lo:
            out += chunk[lo:hi]
    return bytes(out), size
