"""What the county server does with requests: authenticate, enroll, hello, push (merge) and pull.

Plain functions over ``ServerDatabase``; the FastAPI layer (``server.app``) only moves bytes. The merge rules are
explained in docs/SYNC.md; in short, per field:

* the device's edit was based on the server's current version of the field (``base``), or the current version
  came from the same device (its own earlier edit) → fast-forward, no conflict;
* otherwise the edits were concurrent: the larger (effective HLC, device id) wins on the server, the other value
  is kept in a ``conflict`` row, and every device learns the result from the change log;
* a delete always wins over a concurrent edit, and the edit is kept in a conflict row;
* a timestamp more than ``MAX_TRUSTED_SKEW_MS`` ahead of the server clock is not trusted: it counts as 0 when
  comparing (so a laptop with a wrong clock loses concurrent edits instead of winning all of them), is clamped
  before it is passed on (so it cannot drag other devices' clocks forward), and the conflict is flagged.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, and_, delete, func, insert, literal, or_, select, text, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from yulu_desktop.server import bundle_keys, fieldcrypt, merge, scope_moves
from yulu_desktop.server.db import SeqAllocator, ServerDatabase
from yulu_desktop.server.fieldcrypt import FieldCipher
from yulu_desktop.server.models import (
    AppliedChange,
    Cadre,
    ChangeLog,
    Conflict,
    Device,
    EnrollmentCode,
    OrgUnit,
    ProvFeedState,
    Quarantine,
    Record,
    RequestNonce,
    scope_within,
)
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import signing

PARENT_REF = merge.PARENT_REF
SHARED_UP = merge.SHARED_UP
KNOWN_ENTITIES = merge.KNOWN_ENTITIES

SERVER_DEVICE = merge.SERVER_DEVICE
UPDATE_MESSAGE = (
    "雨露桌面版版本过旧，县服务器已不再支持，请更新到最新版本后再同步。您的数据都保存在本机，不会丢失。"
)

_hasher = PasswordHasher()


def use_password_hasher(hasher: PasswordHasher) -> None:
    """Replace the Argon2 parameters (tests use cheap ones; production keeps argon2-cffi's defaults)."""
    global _hasher
    _hasher = hasher


class ApiError(Exception):
    """A refusal with an HTTP status, a machine code and a Chinese message."""

    def __init__(self, status: int, code: str, message: str, *, server_time_ms: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.server_time_ms = server_time_ms

    def body(self) -> p.ErrorBody:
        return p.ErrorBody(code=self.code, message=self.message, server_time_ms=self.server_time_ms)


def now_ms() -> int:
    return int(time.time() * 1000)


def utcnow() -> datetime:
    return datetime.now(UTC)


# --- authentication ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class DeviceContext:
    device_id: str
    cadre_id: str
    revoked: bool
    jurisdiction: p.OrgUnitInfo
    path: str
    role: str = "village"
    #: The protocol the device speaks (its request header): what the pull may send it (``LEAVE_SCOPE``: 5).
    protocol: int = p.PROTOCOL_VERSION


def check_protocol(version: int | None) -> None:
    if version is not None and version < p.MIN_PROTOCOL_VERSION:
        raise ApiError(426, "update_required", UPDATE_MESSAGE)


def _unit_info(unit: OrgUnit) -> p.OrgUnitInfo:
    return p.OrgUnitInfo(id=unit.id, code=unit.code, name=unit.name, level=unit.level)


def authenticate(
    db: ServerDatabase, method: str, path_of_request: str, headers: Mapping[str, str], body: bytes
) -> DeviceContext:
    """Check the signature headers of a request; raise ``ApiError`` (401) when they do not hold."""
    device_id = headers.get(p.HEADER_DEVICE.lower()) or headers.get(p.HEADER_DEVICE)
    stamp = headers.get(p.HEADER_TIMESTAMP.lower()) or headers.get(p.HEADER_TIMESTAMP)
    nonce = headers.get(p.HEADER_NONCE.lower()) or headers.get(p.HEADER_NONCE)
    signature = headers.get(p.HEADER_SIGNATURE.lower()) or headers.get(p.HEADER_SIGNATURE)
    if not (device_id and stamp and nonce and signature):
        raise ApiError(401, "no_credential", "请求没有设备凭证，请先用注册码注册本机（yulu sync enroll）。")
    if len(nonce) > 64 or len(device_id) > 36:
        raise ApiError(401, "bad_credential", "设备凭证格式不正确。")
    try:
        timestamp = int(stamp)
    except ValueError:
        raise ApiError(401, "bad_credential", "设备凭证格式不正确。") from None
    claimed = headers.get(p.HEADER_PROTOCOL.lower()) or headers.get(p.HEADER_PROTOCOL)
    claimed_protocol = int(claimed) if claimed and claimed.isdigit() and len(claimed) < 10 else None
    now = now_ms()
    if abs(now - timestamp) > p.REQUEST_MAX_AGE_MS:
        raise ApiError(401, "clock", "本机时间与县服务器相差太大，请求已过期。", server_time_ms=now)
    devices, cadres, units = merge.table_of(Device), merge.table_of(Cadre), merge.table_of(OrgUnit)
    # One short transaction, one query for the device, its cadre and unit, then one statement for the nonce
    # (``_note_request``): every request pays this, so it is two round trips, not an ORM object per table.
    try:
        with db.write() as session:
            conn = session.connection()
            found = conn.execute(
                select(
                    devices.c.public_key,
                    devices.c.revoked_at,
                    cadres.c.id,
                    cadres.c.role,
                    units.c.id,
                    units.c.code,
                    units.c.name,
                    units.c.level,
                    units.c.path,
                )
                .join(cadres, cadres.c.id == devices.c.cadre_id)
                .join(units, units.c.id == cadres.c.jurisdiction_id)
                .where(devices.c.id == device_id)
            ).first()
            if found is None:
                raise ApiError(401, "unknown_device", "县服务器不认识本机，请用注册码重新注册。")
            public_key, revoked_at, cadre_id, role, unit_id, code, name, level, path = found
            # The message is the one of the protocol the request claims: a v4 request signs its protocol and
            # Content-Encoding headers, so a lowered (or removed) header makes its signature fail.
            if not signing.verify(
                signing.unb64(public_key),
                signing.request_message(
                    method,
                    path_of_request,
                    timestamp,
                    nonce,
                    body,
                    protocol=claimed_protocol,
                    content_encoding=headers.get("content-encoding") or headers.get("Content-Encoding") or "",
                ),
                signature,
            ):
                raise ApiError(401, "bad_signature", "请求签名不正确，已拒绝。")
            _note_request(conn, device_id, nonce, now)
            return DeviceContext(
                device_id=device_id,
                cadre_id=cadre_id,
                revoked=revoked_at is not None,
                jurisdiction=p.OrgUnitInfo(id=unit_id, code=code, name=name, level=level),
                path=path,
                role=role,
                protocol=claimed_protocol if claimed_protocol is not None else p.MIN_PROTOCOL_VERSION,
            )
    except IntegrityError:
        raise ApiError(401, "replay", "重复的请求已拒绝。") from None


# The nonce, the pruning of the device's expired ones, its last_seen_at and a COMMIT that does not wait for the
# disk, in one statement: PostgreSQL runs every data-modifying part of a WITH, read or not.
_NOTE_REQUEST_POSTGRESQL = text(
    "WITH seen AS (INSERT INTO request_nonce (device_id, nonce, seen_at_ms) VALUES (:device, :nonce, :now)), "
    "pruned AS (DELETE FROM request_nonce WHERE device_id = :device AND seen_at_ms < :expired), "
    "touched AS (UPDATE device SET last_seen_at = :at WHERE id = :device) "
    "SELECT set_config('synchronous_commit', 'off', true)"
)


def _note_request(conn: Connection, device_id: str, nonce: str, now: int) -> None:
    """Remember a verified request's nonce (a second use raises ``IntegrityError``: a replay), forget the device's
    nonces too old to be replayed, and note when it was last seen.

    On PostgreSQL the COMMIT does not wait for the disk (``synchronous_commit = off``): this is replay protection
    and bookkeeping, and a crash can lose at most the last fraction of a second of nonces — of requests whose
    effects are idempotent anyway (push skips change ids it has, pull and digest only read) and that expire after
    5 minutes."""
    expired = now - 2 * p.REQUEST_MAX_AGE_MS
    if conn.dialect.name == "postgresql":
        conn.execute(
            _NOTE_REQUEST_POSTGRESQL,
            {"device": device_id, "nonce": nonce, "now": now, "expired": expired, "at": utcnow()},
        )
        return
    nonces, devices = merge.table_of(RequestNonce), merge.table_of(Device)
    conn.execute(insert(nonces).values(device_id=device_id, nonce=nonce, seen_at_ms=now))
    conn.execute(delete(nonces).where(nonces.c.device_id == device_id, nonces.c.seen_at_ms < expired))
    conn.execute(update(devices).where(devices.c.id == device_id).values(last_seen_at=utcnow()))


REVOKED_MESSAGE = "本设备已被县里停用，不能再同步，请联系县乡村振兴局。"


def refuse_revoked(ctx: DeviceContext, *, kept: int = 0) -> None:
    """403 for a revoked device, saying what is true: how many of its changes this request left with the
    county for review (a push), or that its unsent changes stay on the laptop (any other request)."""
    if ctx.revoked:
        where = (
            f"本次发送的 {kept} 条修改已留存在县服务器，待县里审核后处理。"
            if kept
            else "本机尚未发送的修改仍保存在本机，没有丢失。"
        )
        raise ApiError(403, "revoked", REVOKED_MESSAGE + where)


# --- enrollment -----------------------------------------------------------------------------------------

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def split_code(code: str) -> tuple[str, str]:
    cleaned = code.strip().upper().replace(" ", "")
    lookup, _, secret = cleaned.partition("-")
    if not lookup or not secret:
        raise ApiError(403, "bad_code", "注册码格式不正确（应为 XXXXXX-XXXXXXXXXXXX）。")
    return lookup, secret.replace("-", "")


def hash_secret(secret: str) -> str:
    return _hasher.hash(secret)


def enroll(db: ServerDatabase, req: p.EnrollRequest) -> p.EnrollResponse:
    check_protocol(req.protocol_version)
    lookup, secret = split_code(req.code)
    try:
        public_key = signing.unb64(req.public_key)
    except ValueError:
        raise ApiError(400, "bad_key", "设备公钥格式不正确。") from None
    if len(public_key) != 32 or not signing.verify(
        public_key, signing.enroll_message(req.device_id, req.code), req.proof
    ):
        raise ApiError(400, "bad_key", "设备密钥校验失败。")
    refused = ApiError(403, "bad_code", "注册码无效、已过期或已被使用，请向县里重新申请注册码。")
    with db.write() as session:
        code = session.scalar(select(EnrollmentCode).where(EnrollmentCode.lookup == lookup))
        if code is None or code.used_at is not None or _aware(code.expires_at) < utcnow():
            raise refused
        try:
            _hasher.verify(code.secret_hash, secret)
        except (VerificationError, InvalidHashError):
            raise refused from None
        device = session.get(Device, req.device_id)
        if device is not None and device.revoked_at is not None:
            raise ApiError(403, "revoked", "本设备已被县里停用，不能重新注册。请联系县乡村振兴局。")
        if device is None:
            device = Device(
                id=req.device_id,
                cadre_id=code.cadre_id,
                name=req.device_name,
                public_key=req.public_key,
                enrolled_at=utcnow(),
                last_seq=0,
                pull_cursor=0,
                protocol_version=req.protocol_version,
                client_version="",
                skew_ms=0,
            )
            session.add(device)
        else:
            device.public_key = req.public_key
            device.cadre_id = code.cadre_id
            device.name = req.device_name or device.name
        code.used_at = utcnow()
        code.used_by_device = req.device_id
        cadre = session.get(Cadre, code.cadre_id)
        assert cadre is not None
        unit = session.get(OrgUnit, cadre.jurisdiction_id)
        assert unit is not None
        response = p.EnrollResponse(
            device_id=device.id,
            cadre_username=cadre.username,
            cadre_name=cadre.name,
            cadre_role=cadre.role,
            jurisdiction=_unit_info(unit),
            server_time_ms=now_ms(),
        )
    return response.model_copy(update=_bundle_keys(db))


def _bundle_keys(db: ServerDatabase) -> dict[str, str]:
    """The server's public keys for USB bundles (made on first use), for enroll and hello."""
    keys = bundle_keys.public_keys(db)
    return {"bundle_key": keys.encryption, "bundle_signing_key": keys.signing}


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes for timezone-aware columns.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


# --- hello ------------------------------------------------------------------------------------------------


def hello(db: ServerDatabase, ctx: DeviceContext, req: p.HelloRequest) -> p.HelloResponse:
    check_protocol(req.protocol_version)
    if req.schema_version < p.MIN_SCHEMA_VERSION:
        raise ApiError(426, "update_required", UPDATE_MESSAGE)
    refuse_revoked(ctx)
    now = now_ms()
    skew = req.device_time_ms - now
    with db.write() as session:
        device = session.get(Device, ctx.device_id)
        assert device is not None
        device.protocol_version = req.protocol_version
        device.client_version = req.client_version
        device.skew_ms = skew
        device.last_sync_at = utcnow()
        last_seq = device.last_seq
        head = db.read_head(session)
        if req.pull_cursor is not None:
            # What the device holds (stored with each page it applied): its confirmed cursor, never past the head.
            device.pull_cursor = max(device.pull_cursor, min(req.pull_cursor, head))
    return p.HelloResponse(
        protocol_version=min(req.protocol_version, p.PROTOCOL_VERSION),
        schema_version=min(req.schema_version, p.SCHEMA_VERSION),
        server_time_ms=now,
        device_skew_ms=skew,
        clock_trusted=skew <= p.MAX_TRUSTED_SKEW_MS,
        last_device_seq=last_seq,
        jurisdiction=ctx.jurisdiction,
        head_seq=head,
        cadre_role=ctx.role,
        **_bundle_keys(db),
    )


# --- push -------------------------------------------------------------------------------------------------


def push(db: ServerDatabase, ctx: DeviceContext, req: p.PushRequest) -> p.PushResponse:
    if ctx.revoked:
        quarantine_entries(db, ctx.device_id, req.entries, "设备已停用（revoked）")
        refuse_revoked(ctx, kept=len(req.entries))
    try:
        return _push_merged_first(db, ctx, req)
    except IntegrityError:
        # The merge checks every unique key and parent before it writes, so this is a constraint it does not
        # know of (or a writer outside the change-log lock). Never a retry loop: again entry by entry, each
        # in a savepoint, and an entry the database still refuses is quarantined with the reason.
        pass
    with db.ordered_write() as (session, allocator):
        return _push_locked(session, allocator, ctx, req, db.cipher, one_by_one=True)


#: Where the numbers of a batch merged before it holds the change-log lock start: above any real change-log
#: number, so that ``Batch.renumber`` can tell them apart (none is ever written).
PROVISIONAL_SEQ = 1 << 60


def _push_merged_first(db: ServerDatabase, ctx: DeviceContext, req: p.PushRequest) -> p.PushResponse:
    """Merge the batch without the change-log lock, then take it only to check and write.

    Many laptops push at once in a township office; under one lock held across reading, validating and merging
    every push waited for all the others' merges (docs/PERFORMANCE.md). Here the batch is merged with
    provisional numbers while others write. With the lock held, if the head has moved, everything the merge
    read (records, unique keys, org units, children, the device's own row) is read again: when it is all the
    same, the merge's decisions stand and only its numbers change; when not, it is merged again under the lock
    (the old way). The lock is still held until COMMIT, so the change log stays gap-free and in commit order.
    """
    with db.lock_later_write() as lock:
        session = lock.session
        head = db.read_head(session)
        provisional = SeqAllocator(PROVISIONAL_SEQ)
        merged = _merge_batch(session, provisional, ctx, req, db.cipher)
        allocator = lock.acquire()
        if merged.stale(session, ctx, moved=allocator.value != head):
            merged = _merge_batch(session, allocator, ctx, req, db.cipher)
        else:
            merged.batch.renumber(provisional, allocator)
        return _finish_push(session, allocator, ctx, req, merged)


def quarantine_entries(
    db: ServerDatabase, device_id: str, entries: Sequence[p.PushEntry], reason: str
) -> int:
    """Keep what a refused device sent, once per change, for the county to review."""
    if not entries:
        return 0
    with db.write() as session:
        known = set(
            session.scalars(
                select(Quarantine.change_id).where(
                    Quarantine.device_id == device_id,
                    Quarantine.change_id.in_([e.change_id for e in entries]),
                )
            )
        )
        rows = []
        for entry in entries:
            if entry.change_id in known:
                continue
            known.add(entry.change_id)
            rows.append(merge.quarantine_row(db.cipher, device_id, entry, reason, utcnow()))
        if rows:
            session.execute(insert(Quarantine), rows)
        return len(rows)


def _push_locked(
    session: Session,
    allocator: SeqAllocator,
    ctx: DeviceContext,
    req: p.PushRequest,
    cipher: FieldCipher,
    *,
    one_by_one: bool = False,
) -> p.PushResponse:
    """Merge a batch with a fixed number of statements (see ``server.merge``), all in this transaction; or,
    ``one_by_one``, each entry in a savepoint of its own, so that an entry the database refuses is quarantined
    alone and the device's queue moves on."""
    merged = _merge_batch(session, allocator, ctx, req, cipher, one_by_one=one_by_one)
    return _finish_push(session, allocator, ctx, req, merged)


@dataclass
class _Merged:
    """A push batch merged in memory, not yet written (except entries merged ``one_by_one``)."""

    batch: merge.Batch
    #: The device's row as the merge read it: (last_seq, pull_cursor).
    device_row: tuple[int, int]
    last_seq: int
    applied: int
    conflicts: int
    quarantined: int
    skipped: int
    results: list[p.EntryResult]

    def stale(self, session: Session, ctx: DeviceContext, *, moved: bool) -> bool:
        """Whether the merge read anything that has changed since (asked with the change-log lock held):
        the device's row (its own other request), or — when other writers committed (``moved``) — any record,
        key or unit it read."""
        if _device_row(session.connection(), ctx) != self.device_row:
            return True
        return moved and not self.batch.still_valid()


def _device_row(conn: Connection, ctx: DeviceContext) -> tuple[int, int]:
    devices = merge.table_of(Device)
    last_seq, seen_seq = conn.execute(
        select(devices.c.last_seq, devices.c.pull_cursor).where(devices.c.id == ctx.device_id)
    ).one()
    return int(last_seq), int(seen_seq or 0)


def _merge_batch(
    session: Session,
    allocator: SeqAllocator,
    ctx: DeviceContext,
    req: p.PushRequest,
    cipher: FieldCipher,
    *,
    one_by_one: bool = False,
) -> _Merged:
    conn = session.connection()
    device_row = _device_row(conn, ctx)
    last_seq, seen_seq = device_row
    entries = sorted(req.entries, key=lambda e: e.seq)
    applied_table = merge.table_of(AppliedChange)
    known: set[str] = set()
    ids = [e.change_id for e in entries]
    for within in merge.among(conn, applied_table.c.change_id, ids):
        known.update(conn.execute(select(applied_table.c.change_id).where(within)).scalars())
    fresh = [e for e in entries if e.change_id not in known and e.seq > last_seq]
    received_at = utcnow()
    pusher = merge.Pusher(ctx.device_id, ctx.path, ctx.role, seen_seq)
    stamp = now_ms()

    def new_batch() -> merge.Batch:
        return merge.Batch(
            conn=conn,
            allocator=allocator,
            pusher=pusher,
            now_ms=stamp,
            received_at=received_at,
            cipher=cipher,
        )

    batch = new_batch()
    if not one_by_one:
        batch.prefetch(fresh)
        batch.prefetch_unique(fresh)
        batch.prefetch_keys(fresh)
    applied = conflicts = quarantined = 0
    skipped = len(entries) - len(fresh)
    results: list[p.EntryResult] = []
    for entry in fresh:
        if entry.change_id in known:
            skipped += 1  # the same change twice in one request
            continue
        if entry.seq != last_seq + 1:
            raise ApiError(
                409,
                "gap",
                f"变更序号不连续：县服务器需要第 {last_seq + 1} 条，收到第 {entry.seq} 条。",
            )
        if one_by_one:
            outcome = _merge_alone(session, new_batch, entry)
        else:
            outcome = merge.apply_entry(batch, entry)
            batch.applied_rows.append(_applied_row(batch, entry, outcome))
        known.add(entry.change_id)
        last_seq = entry.seq
        conflicts += outcome.conflicts
        if outcome.status == "quarantined":
            quarantined += 1
        else:
            applied += 1
        if outcome.status != "applied":
            results.append(
                p.EntryResult(
                    seq=entry.seq, change_id=entry.change_id, status=outcome.status, reason=outcome.reason
                )
            )
    return _Merged(batch, device_row, last_seq, applied, conflicts, quarantined, skipped, results)


def _finish_push(
    session: Session, allocator: SeqAllocator, ctx: DeviceContext, req: p.PushRequest, merged: _Merged
) -> p.PushResponse:
    """Write a merged batch, the conflict resolutions and the device's row (the change-log lock is held)."""
    batch = merged.batch
    batch.allocator = allocator
    batch.flush()
    for resolution in req.resolutions:
        _resolve_conflict(session, allocator, ctx, resolution)
    devices = merge.table_of(Device)
    session.connection().execute(
        update(devices)
        .where(devices.c.id == ctx.device_id)
        .values(last_seq=merged.last_seq, last_sync_at=batch.received_at)
    )
    session.flush()
    return p.PushResponse(
        acked_seq=merged.last_seq,
        applied=merged.applied,
        skipped=merged.skipped,
        conflicts=merged.conflicts,
        quarantined=merged.quarantined,
        results=merged.results,
    )


def _applied_row(batch: merge.Batch, entry: p.PushEntry, outcome: merge.Outcome) -> dict[str, Any]:
    return {
        "change_id": entry.change_id,
        "device_id": batch.pusher.device_id,
        "device_seq": entry.seq,
        "status": outcome.status,
        "received_at": batch.received_at,
    }


def _merge_alone(session: Session, new_batch: Callable[[], merge.Batch], entry: p.PushEntry) -> merge.Outcome:
    """One entry merged and written in a savepoint; if the database still refuses it, it is quarantined."""
    try:
        with session.connection().begin_nested():
            batch = new_batch()
            outcome = merge.apply_entry(batch, entry)
            batch.applied_rows.append(_applied_row(batch, entry, outcome))
            batch.flush()
            return outcome
    except IntegrityError as exc:
        detail = str(exc.orig).splitlines()[0][:200] if exc.orig is not None else ""
        batch = new_batch()
        outcome = batch.quarantine(entry, f"县服务器数据库拒绝保存这条修改（{detail}），已交县里审核")
        batch.applied_rows.append(_applied_row(batch, entry, outcome))
        batch.flush()
        return outcome


def conflict_fields(conflict: Conflict, cipher: FieldCipher) -> dict[str, Any]:
    """A conflict as it travels to devices (the pull stream's ``_conflict`` pseudo-entity), values in clear."""
    entity, name = conflict.entity, conflict.field
    return {
        "kind": conflict.kind,
        "entity": entity,
        "entity_id": conflict.entity_id,
        "field": name,
        "winner_value": cipher.open_conflict_value(entity, name, json.loads(conflict.winner_value)),
        "loser_value": cipher.open_conflict_value(entity, name, json.loads(conflict.loser_value)),
        "winner_device": conflict.winner_device,
        "loser_device": conflict.loser_device,
        "winner_hlc": conflict.winner_hlc,
        "loser_hlc": conflict.loser_hlc,
        "loser_author": conflict.loser_author,
        "clock_skew": conflict.clock_skew,
        "created_at": _aware(conflict.created_at).isoformat(),
        "resolution": conflict.resolution,
        "resolved_by": conflict.resolved_by,
    }


def _resolve_conflict(
    session: Session, allocator: SeqAllocator, ctx: DeviceContext, resolution: p.ConflictResolution
) -> None:
    conflict = session.get(Conflict, resolution.conflict_id)
    if conflict is None or conflict.resolved_at is not None or not conflict.scope_path.startswith(ctx.path):
        return
    conflict.resolved_at = utcnow()
    conflict.resolution = resolution.resolution
    conflict.resolved_by = resolution.resolved_by
    seq = allocator.next()
    conflict.seq = seq
    session.add(
        ChangeLog(
            seq=seq,
            entity=p.CONFLICT_ENTITY,
            entity_id=conflict.id,
            op="U",
            fields=json.dumps({"resolution": conflict.resolution, "resolved_by": conflict.resolved_by}),
            field_versions=None,
            hlc=0,
            device_id=ctx.device_id,
            author=resolution.resolved_by,
            scope_path=conflict.scope_path,
            shared_up=False,
            change_id=None,
        )
    )


# --- pull -------------------------------------------------------------------------------------------------


def visible_to(path: str) -> Any:
    """Log rows a device with jurisdiction ``path`` may read: inside it, or reference data above it."""
    return or_(
        scope_within(ChangeLog.scope_path, path),
        and_(ChangeLog.shared_up.is_(True), literal(path).startswith(ChangeLog.scope_path)),
    )


def _not_echoed(log: Any, ctx: DeviceContext, req: p.PullRequest) -> tuple[Any, ...]:
    """Leave out what the pulling device sent itself and holds (``PullRequest.own_held_above``): a log row of one
    of its changes after that journal sequence, stored exactly as sent — simply applied: no conflict, no
    held-back or resent value (those rows have another status, ``field_versions`` or no ``change_id``).

    Such a row is left out only when no other row of its record lies between the device's starting cursor
    (``pull_started_after``) and it: the device applies the rows it gets in order, and an earlier row it gets
    (another device's, a repair's, or its own from before a restore) would otherwise be its last word on that
    record. Conflict rows, cascades and scope moves still go out; the cursor passes the rows left out."""
    if req.own_held_above is None or req.pull_started_after is None:
        return ()
    applied = merge.table_of(AppliedChange)

    def held(row: Any) -> Any:
        return and_(
            row.c.device_id == ctx.device_id,
            row.c.change_id.is_not(None),
            row.c.field_versions.is_(None),
            row.c.op.in_(("I", "U", "D")),
            select(applied.c.change_id)
            .where(
                applied.c.change_id == row.c.change_id,
                applied.c.device_id == ctx.device_id,
                applied.c.device_seq > req.own_held_above,
                applied.c.status == "applied",
            )
            .exists(),
        )

    earlier = log.alias("earlier")
    sent_before = (
        select(earlier.c.seq)
        .where(
            earlier.c.entity == log.c.entity,
            earlier.c.entity_id == log.c.entity_id,
            earlier.c.seq > req.pull_started_after,
            earlier.c.seq < log.c.seq,
            ~held(earlier),
        )
        .exists()
    )
    return (or_(~held(log), sent_before),)


def pull(db: ServerDatabase, ctx: DeviceContext, req: p.PullRequest) -> p.PullResponse:
    """A page of changes after the device's cursor (as a model; the HTTP layer sends ``pull_json``)."""
    return p.PullResponse.model_validate_json(pull_json(db, ctx, req))


def pull_json(db: ServerDatabase, ctx: DeviceContext, req: p.PullRequest) -> bytes:
    """A page of changes after the device's cursor, as the JSON of ``protocol.PullResponse``.

    Written straight from the log's columns: ``fields`` and ``field_versions`` are stored as JSON text already,
    so a page of 5,000 rows is joined, not decoded and encoded again (a first pull is mostly this).
    """
    refuse_revoked(ctx)
    log = merge.table_of(ChangeLog)
    with db.read() as session:
        # Read the committed head first, then only rows up to it: every row up to the head is committed
        # (ordered_write), so the cursor can move to the head without skipping anything.
        head = db.read_head(session)
        rows = session.execute(
            select(
                log.c.seq,
                log.c.entity,
                log.c.entity_id,
                log.c.op,
                log.c.fields,
                log.c.field_versions,
                log.c.hlc,
                log.c.device_id,
                log.c.author,
            )
            .where(
                log.c.seq > req.after,
                log.c.seq <= head,
                visible_to(ctx.path),
                *(() if ctx.protocol >= p.SCOPE_MOVE_SINCE_VERSION else (log.c.op != p.LEAVE_SCOPE,)),
                *_not_echoed(log, ctx, req),
            )
            .order_by(log.c.seq)
            .limit(req.limit)
        ).all()
    dumps = json.dumps
    # Sensitive values are stored sealed: a row holding one is opened in its text (``open_json``); the others,
    # most rows, cost one substring test.
    clear = db.cipher.open_json
    tag = fieldcrypt.TAG
    changes = ",".join(
        f'{{"seq":{seq},"entity":{dumps(entity)},"entity_id":{dumps(entity_id)},"op":{dumps(op)},'
        f'"fields":{clear(entity, fields) if tag in fields else fields},"versions":{versions or "{}"},'
        f'"hlc":{hlc},"device_id":{dumps(device_id)},"author":{dumps(author, ensure_ascii=False)}}}'
        for seq, entity, entity_id, op, fields, versions, hlc, device_id, author in rows
        # A record that moved to another village of this device's jurisdiction is still here: not dropped.
        if op != p.LEAVE_SCOPE or not scope_moves.still_visible(fields, ctx.path)
    )
    more = len(rows) == req.limit
    next_cursor = rows[-1][0] if more else max(head, req.after)
    with db.write() as session:
        devices = merge.table_of(Device)
        session.execute(
            update(devices)
            .where(devices.c.id == ctx.device_id)
            .values(
                pull_cursor=func.max(devices.c.pull_cursor, req.after)
                if db.engine.dialect.name == "sqlite"
                else func.greatest(devices.c.pull_cursor, req.after),
                last_sync_at=utcnow(),
            )
        )
    tail = f'],"next_cursor":{next_cursor},"more":{"true" if more else "false"},"head_seq":{head}}}'
    return ('{"changes":[' + changes + tail).encode()


# --- consistency check -----------------------------------------------------------------------------------


def _live_in_scope(ctx: DeviceContext, entity: str) -> Any:
    record = merge.table_of(Record)
    return and_(
        record.c.entity == entity,
        record.c.deleted.is_(False),
        scope_within(record.c.scope_path, ctx.path),
    )


def digest(db: ServerDatabase, ctx: DeviceContext) -> p.DigestResponse:
    """Count and id digest of the live records of each entity in the device's jurisdiction."""
    refuse_revoked(ctx)
    record = merge.table_of(Record)
    entities = {}
    with db.read() as session:
        head = db.read_head(session)
        for entity in p.DIGEST_ENTITIES:
            ids = (
                session.execute(select(record.c.entity_id).where(_live_in_scope(ctx, entity))).scalars().all()
            )
            entities[entity] = p.ScopeDigest(count=len(ids), digest=p.id_digest(ids))
    return p.DigestResponse(entities=entities, head_seq=head)


def snapshot(db: ServerDatabase, ctx: DeviceContext, req: p.SnapshotRequest) -> p.SnapshotResponse:
    """A page of the current records of one entity in the jurisdiction, with per-field versions."""
    refuse_revoked(ctx)
    if req.entity not in p.DIGEST_ENTITIES:
        raise ApiError(422, "bad_body", f"不能核对的数据类型 {req.entity}。")
    record = merge.table_of(Record)
    cipher = db.cipher
    with db.read() as session:
        rows = session.execute(
            select(record.c.entity_id, record.c.data, record.c.versions)
            .where(_live_in_scope(ctx, req.entity), record.c.entity_id > req.after_id)
            .order_by(record.c.entity_id)
            .limit(req.limit)
        ).all()
    records = [
        p.SnapshotRecord(
            entity_id=entity_id,
            fields=cipher.loads_fields(req.entity, data),
            versions={f: int(v[0]) for f, v in json.loads(versions).items()},
        )
        for entity_id, data, versions in rows
    ]
    return p.SnapshotResponse(records=records, more=len(rows) == req.limit)


# --- maintenance --------------------------------------------------------------------------------------


def purge_tombstones(db: ServerDatabase) -> int:
    """Drop the change-log history of deleted records once every active device has pulled past the delete, and
    the province feed has fed it (its cursor, ``prov_feed_state.last_seq``, when the county feeds a province:
    a feed state exists or the province key file does; issue 17)."""
    from yulu_desktop.server import province_feed

    feeds = province_feed.province_key_file(db.engine.url).exists()
    with db.ordered_write() as (session, _allocator):
        head = db.read_head(session)
        cursors = session.scalars(select(Device.pull_cursor).where(Device.revoked_at.is_(None))).all()
        fed = session.scalars(select(ProvFeedState.last_seq)).all()
        if fed or feeds:
            cursors = [*cursors, min(fed, default=0)]
        floor = min(cursors, default=head)
        tombstones = session.execute(
            select(Record.entity, Record.entity_id, Record.updated_seq).where(
                Record.deleted.is_(True), Record.updated_seq <= floor
            )
        ).all()
        removed = 0
        for entity, entity_id, updated_seq in tombstones:
            result = session.execute(
                delete(ChangeLog).where(
                    ChangeLog.entity == entity, ChangeLog.entity_id == entity_id, ChangeLog.seq <= updated_seq
                )
            )
            removed += int(result.rowcount)  # type: ignore[attr-defined]
        return removed


def count_log(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ChangeLog)) or 0)
