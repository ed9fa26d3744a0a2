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
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import and_, delete, func, literal, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.server.db import SeqAllocator, ServerDatabase
from yulu_desktop.server.models import (
    AppliedChange,
    Cadre,
    ChangeLog,
    Conflict,
    Device,
    EnrollmentCode,
    OrgUnit,
    Quarantine,
    Record,
    RequestNonce,
)
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import signing

#: For each shared entity (table of the device), the field naming its parent and the parent's entity: a
#: record is inside a jurisdiction when its parent is.
PARENT_REF: dict[str, tuple[str, str]] = {
    "household": ("village_id", "org_unit"),
    "person": ("household_id", "household"),
    "visit": ("household_id", "household"),
    "enrollment": ("person_id", "person"),
    "intent": ("person_id", "person"),
    "training": ("person_id", "person"),
    "employment_record": ("person_id", "person"),
    "subsidy_application": ("person_id", "person"),
    "attachment": ("person_id", "person"),
}
#: Reference data visible to every device below the unit it belongs to (and inside it).
SHARED_UP = frozenset({"org_unit", "subsidy_setting"})
KNOWN_ENTITIES = frozenset(PARENT_REF) | SHARED_UP

SERVER_DEVICE = "server"
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


def check_protocol(version: int | None) -> None:
    if version is not None and version < p.MIN_PROTOCOL_VERSION:
        raise ApiError(426, "update_required", UPDATE_MESSAGE)


def _unit_info(unit: OrgUnit) -> p.OrgUnitInfo:
    return p.OrgUnitInfo(id=unit.id, code=unit.code, name=unit.name, level=unit.level)


def authenticate(
    db: ServerDatabase, method: str, path: str, headers: Mapping[str, str], body: bytes
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
    now = now_ms()
    if abs(now - timestamp) > p.REQUEST_MAX_AGE_MS:
        raise ApiError(401, "clock", "本机时间与县服务器相差太大，请求已过期。", server_time_ms=now)
    with db.read() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise ApiError(401, "unknown_device", "县服务器不认识本机，请用注册码重新注册。")
        public_key = signing.unb64(device.public_key)
    if not signing.verify(
        public_key, signing.request_message(method, path, timestamp, nonce, body), signature
    ):
        raise ApiError(401, "bad_signature", "请求签名不正确，已拒绝。")
    try:
        with db.write() as session:
            session.add(RequestNonce(device_id=device_id, nonce=nonce, seen_at_ms=now))
            session.flush()
            session.execute(
                delete(RequestNonce).where(
                    RequestNonce.device_id == device_id,
                    RequestNonce.seen_at_ms < now - 2 * p.REQUEST_MAX_AGE_MS,
                )
            )
            device = session.get(Device, device_id)
            assert device is not None
            device.last_seen_at = utcnow()
            cadre = session.get(Cadre, device.cadre_id)
            assert cadre is not None
            unit = session.get(OrgUnit, cadre.jurisdiction_id)
            assert unit is not None
            return DeviceContext(
                device_id=device.id,
                cadre_id=cadre.id,
                revoked=device.revoked_at is not None,
                jurisdiction=_unit_info(unit),
                path=unit.path,
            )
    except IntegrityError:
        raise ApiError(401, "replay", "重复的请求已拒绝。") from None


def refuse_revoked(ctx: DeviceContext) -> None:
    if ctx.revoked:
        raise ApiError(
            403,
            "revoked",
            "本设备已被县里停用，不能再同步。本机发送的数据已留存待县里审核，请联系县乡村振兴局。",
        )


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
        return p.EnrollResponse(
            device_id=device.id,
            cadre_username=cadre.username,
            cadre_name=cadre.name,
            jurisdiction=_unit_info(unit),
            server_time_ms=now_ms(),
        )


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
        last_seq = device.last_seq
    with db.read() as session:
        head = db.read_head(session)
    return p.HelloResponse(
        protocol_version=min(req.protocol_version, p.PROTOCOL_VERSION),
        schema_version=min(req.schema_version, p.SCHEMA_VERSION),
        server_time_ms=now,
        device_skew_ms=skew,
        clock_trusted=skew <= p.MAX_TRUSTED_SKEW_MS,
        last_device_seq=last_seq,
        jurisdiction=ctx.jurisdiction,
        head_seq=head,
    )


# --- push -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Outcome:
    status: p.EntryStatus
    conflicts: int = 0
    reason: str = ""


def push(db: ServerDatabase, ctx: DeviceContext, req: p.PushRequest) -> p.PushResponse:
    if ctx.revoked:
        quarantine_entries(db, ctx.device_id, req.entries, "设备已停用（revoked）")
        refuse_revoked(ctx)
    try:
        with db.ordered_write() as (session, allocator):
            return _push_locked(session, allocator, ctx, req)
    except IntegrityError:
        # Only reachable if two transactions raced past the lock (e.g. an external writer): the unique
        # change_id made the second one roll back whole. The device retries and the retry is skipped.
        raise ApiError(409, "retry", "服务器正在处理同一批数据，请稍后重试。") from None


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
        added = 0
        for entry in entries:
            if entry.change_id in known:
                continue
            known.add(entry.change_id)
            session.add(_quarantine_row(device_id, entry, reason))
            added += 1
        return added


def _quarantine_row(device_id: str, entry: p.PushEntry, reason: str) -> Quarantine:
    return Quarantine(
        device_id=device_id,
        change_id=entry.change_id,
        device_seq=entry.seq,
        entry=entry.model_dump_json(),
        reason=reason,
        received_at=utcnow(),
    )


def _push_locked(
    session: Session, allocator: SeqAllocator, ctx: DeviceContext, req: p.PushRequest
) -> p.PushResponse:
    device = session.get(Device, ctx.device_id)
    assert device is not None
    entries = sorted(req.entries, key=lambda e: e.seq)
    ids = [e.change_id for e in entries]
    known = set(session.scalars(select(AppliedChange.change_id).where(AppliedChange.change_id.in_(ids))))
    applied = skipped = conflicts = quarantined = 0
    results: list[p.EntryResult] = []
    now = now_ms()
    for entry in entries:
        if entry.change_id in known or entry.seq <= device.last_seq:
            skipped += 1
            continue
        if entry.seq != device.last_seq + 1:
            raise ApiError(
                409,
                "gap",
                f"变更序号不连续：县服务器需要第 {device.last_seq + 1} 条，收到第 {entry.seq} 条。",
            )
        outcome = _apply_entry(session, allocator, ctx, entry, now)
        session.add(
            AppliedChange(
                change_id=entry.change_id,
                device_id=ctx.device_id,
                device_seq=entry.seq,
                status=outcome.status,
                received_at=utcnow(),
            )
        )
        known.add(entry.change_id)
        device.last_seq = entry.seq
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
    for resolution in req.resolutions:
        _resolve_conflict(session, allocator, ctx, resolution)
    device.last_sync_at = utcnow()
    session.flush()
    return p.PushResponse(
        acked_seq=device.last_seq,
        applied=applied,
        skipped=skipped,
        conflicts=conflicts,
        quarantined=quarantined,
        results=results,
    )


def scope_for(session: Session, entity: str, entity_id: str, values: Mapping[str, Any]) -> str | None:
    """The jurisdiction path of a record with these field values, or None when its parent is unknown."""
    if entity == "org_unit":
        parent_id = values.get("parent_id")
        if parent_id is None:
            return f"/{entity_id}/"
        parent = session.get(OrgUnit, parent_id)
        return f"{parent.path}{entity_id}/" if parent is not None else None
    if entity == "subsidy_setting":
        county = session.scalar(select(OrgUnit).where(OrgUnit.code == str(values.get("county_code"))))
        return county.path if county is not None else "/"
    field, parent_entity = PARENT_REF[entity]
    parent_key = values.get(field)
    if parent_key is None:
        return None
    if parent_entity == "org_unit":
        unit = session.get(OrgUnit, parent_key)
        return unit.path if unit is not None else None
    parent_record = session.get(Record, (parent_entity, str(parent_key)))
    return parent_record.scope_path if parent_record is not None else None


@dataclass(slots=True)
class _ConflictSpec:
    kind: str
    field: str
    winner_value: Any
    loser_value: Any
    winner_device: str
    winner_hlc: int
    loser_device: str
    loser_hlc: int
    loser_author: str
    skewed: bool = False


def _apply_entry(
    session: Session, allocator: SeqAllocator, ctx: DeviceContext, entry: p.PushEntry, now: int
) -> _Outcome:
    def quarantine(reason: str) -> _Outcome:
        session.add(_quarantine_row(ctx.device_id, entry, reason))
        return _Outcome("quarantined", reason=reason)

    if entry.entity not in KNOWN_ENTITIES:
        return quarantine(f"未知的数据类型 {entry.entity}")
    trusted = hlc_clock.wall_ms(entry.hlc) <= now + p.MAX_TRUSTED_SKEW_MS
    effective = entry.hlc if trusted else 0
    passed_on = min(entry.hlc, hlc_clock.pack(now + p.MAX_TRUSTED_SKEW_MS))
    record = session.get(Record, (entry.entity, entry.entity_id))
    data: dict[str, Any] = json.loads(record.data) if record is not None else {}
    versions: dict[str, list[Any]] = json.loads(record.versions) if record is not None else {}
    new_values = {f: v[1] for f, v in entry.changes.items() if f != "id" and len(v) == 2}

    if entry.op == "D":
        old_values = {f: v[0] for f, v in entry.changes.items() if f != "id" and len(v) == 2}
        scope = (
            record.scope_path
            if record is not None
            else scope_for(session, entry.entity, entry.entity_id, old_values)
        )
    else:
        scope = scope_for(session, entry.entity, entry.entity_id, {**data, **new_values})
    if scope is None:
        return quarantine("上级记录在县服务器上不存在")
    if not scope.startswith(ctx.path) or (record is not None and not record.scope_path.startswith(ctx.path)):
        return quarantine("记录不在本设备的管辖范围内")
    shared_up = entry.entity in SHARED_UP

    def log(
        seq: int, op: str, fields: Mapping[str, Any], field_versions: Mapping[str, int] | None = None
    ) -> None:
        session.add(
            ChangeLog(
                seq=seq,
                entity=entry.entity,
                entity_id=entry.entity_id,
                op=op,
                fields=json.dumps(fields, ensure_ascii=False),
                field_versions=json.dumps(field_versions) if field_versions else None,
                hlc=passed_on,
                device_id=ctx.device_id,
                author=entry.author,
                scope_path=scope,
                shared_up=shared_up,
                change_id=entry.change_id,
            )
        )

    specs: list[_ConflictSpec] = []
    status: p.EntryStatus = "applied"

    if entry.op == "D":
        if record is not None and record.deleted:
            return _Outcome("applied")
        seq = allocator.next()
        log(seq, "D", {})
        if record is None:
            session.add(
                Record(
                    entity=entry.entity,
                    entity_id=entry.entity_id,
                    data=json.dumps(old_values, ensure_ascii=False),
                    versions="{}",
                    deleted=True,
                    scope_path=scope,
                    updated_seq=seq,
                )
            )
        else:
            concurrent = {
                f: v
                for f, v in versions.items()
                if int(v[0]) != entry.base.get(f, 0) and v[2] != ctx.device_id and f in data
            }
            if concurrent:
                newest = max(concurrent.values(), key=lambda v: (int(v[1]), str(v[2])))
                specs.append(
                    _ConflictSpec(
                        kind="delete_vs_edit",
                        field=",".join(sorted(concurrent)),
                        winner_value=None,
                        # The whole record as it was, so that "keep mine" can restore it.
                        loser_value=data,
                        winner_device=ctx.device_id,
                        winner_hlc=effective,
                        loser_device=str(newest[2]),
                        loser_hlc=int(newest[1]),
                        loser_author="",
                        skewed=not trusted or int(newest[1]) == 0,
                    )
                )
                status = "merged"
            record.deleted = True
            record.updated_seq = seq
        _record_conflicts(session, allocator, entry, scope, specs)
        return _Outcome(status, conflicts=len(specs))

    if record is not None and record.deleted:
        if entry.op == "U":
            # An edit of a record someone deleted: the delete stands, the edit is kept as a conflict, and the
            # delete is announced again for a device that skipped it while it had this edit unsent.
            seq = allocator.next()
            log(seq, "D", {})
            record.updated_seq = seq
            specs.append(
                _ConflictSpec(
                    kind="edit_vs_delete",
                    field=",".join(sorted(new_values)),
                    winner_value=None,
                    loser_value={**data, **new_values},
                    winner_device=SERVER_DEVICE,
                    winner_hlc=0,
                    loser_device=ctx.device_id,
                    loser_hlc=effective,
                    loser_author=entry.author,
                    skewed=not trusted,
                )
            )
            _record_conflicts(session, allocator, entry, scope, specs)
            return _Outcome("lost", conflicts=1, reason="记录已被删除")
        # An insert with the id of a deleted record is a deliberate restore ("keep mine" of a delete conflict).
        data, versions = {}, {}
        record.deleted = False

    applied: dict[str, Any] = {}
    lost: list[str] = []
    for field, value in new_values.items():
        current = versions.get(field)
        if (
            record is None
            or current is None
            or int(current[0]) == entry.base.get(field, 0)
            or current[2] == ctx.device_id
        ):
            applied[field] = value
            continue
        if data.get(field) == value:
            continue  # both sides typed the same value
        if (effective, ctx.device_id) > (int(current[1]), str(current[2])):
            applied[field] = value
            specs.append(
                _ConflictSpec(
                    kind="field",
                    field=field,
                    winner_value=value,
                    loser_value=data.get(field),
                    winner_device=ctx.device_id,
                    winner_hlc=effective,
                    loser_device=str(current[2]),
                    loser_hlc=int(current[1]),
                    loser_author="",
                    skewed=not trusted or int(current[1]) == 0,
                )
            )
        else:
            lost.append(field)
            specs.append(
                _ConflictSpec(
                    kind="field",
                    field=field,
                    winner_value=data.get(field),
                    loser_value=value,
                    winner_device=str(current[2]),
                    winner_hlc=int(current[1]),
                    loser_device=ctx.device_id,
                    loser_hlc=effective,
                    loser_author=entry.author,
                    skewed=not trusted or int(current[1]) == 0,
                )
            )
    if applied or record is None or not data:
        seq = allocator.next()
        for field, value in applied.items():
            data[field] = value
            versions[field] = [seq, effective, ctx.device_id]
        is_new = record is None or (entry.op == "I" and not any(int(v[0]) != seq for v in versions.values()))
        log(seq, "I" if is_new else "U", data if is_new else applied)
        if record is None:
            record = Record(
                entity=entry.entity,
                entity_id=entry.entity_id,
                data="{}",
                versions="{}",
                deleted=False,
                scope_path=scope,
                updated_seq=seq,
            )
            session.add(record)
        record.updated_seq = seq
    if lost:
        # The device holds its own (losing) value; send the winning one again in case it skipped it.
        seq = allocator.next()
        log(seq, "U", {f: data.get(f) for f in lost}, {f: int(versions[f][0]) for f in lost})
        record.updated_seq = seq
    record.data = json.dumps(data, ensure_ascii=False)
    record.versions = json.dumps(versions)
    record.scope_path = scope
    if entry.entity == "org_unit":
        _upsert_org_unit(session, entry.entity_id, data, scope)
    _record_conflicts(session, allocator, entry, scope, specs)
    if lost:
        status = "lost"
    elif specs:
        status = "merged"
    return _Outcome(status, conflicts=len(specs), reason="与他人的修改冲突，已保留双方的值" if specs else "")


def _upsert_org_unit(session: Session, unit_id: str, data: Mapping[str, Any], path: str) -> None:
    unit = session.get(OrgUnit, unit_id)
    if unit is None:
        unit = OrgUnit(id=unit_id, path=path)
        session.add(unit)
    unit.code = str(data.get("code", ""))
    unit.name = str(data.get("name", ""))
    unit.level = str(data.get("level", ""))
    unit.parent_id = data.get("parent_id")
    unit.path = path


def _record_conflicts(
    session: Session,
    allocator: SeqAllocator,
    entry: p.PushEntry,
    scope: str,
    specs: Sequence[_ConflictSpec],
) -> None:
    for spec in specs:
        seq = allocator.next()
        conflict = Conflict(
            id=str(uuid.uuid4()),
            seq=seq,
            kind=spec.kind,
            entity=entry.entity,
            entity_id=entry.entity_id,
            field=spec.field,
            winner_value=json.dumps(spec.winner_value, ensure_ascii=False),
            loser_value=json.dumps(spec.loser_value, ensure_ascii=False),
            winner_device=spec.winner_device,
            loser_device=spec.loser_device,
            winner_hlc=spec.winner_hlc,
            loser_hlc=spec.loser_hlc,
            loser_author=spec.loser_author,
            clock_skew=spec.skewed,
            scope_path=scope,
            created_at=utcnow(),
            resolution="",
            resolved_by="",
        )
        session.add(conflict)
        session.add(
            ChangeLog(
                seq=seq,
                entity=p.CONFLICT_ENTITY,
                entity_id=conflict.id,
                op="I",
                fields=json.dumps(conflict_fields(conflict), ensure_ascii=False),
                field_versions=None,
                hlc=0,
                device_id=SERVER_DEVICE,
                author="",
                scope_path=scope,
                shared_up=False,
                change_id=None,
            )
        )


def conflict_fields(conflict: Conflict) -> dict[str, Any]:
    """A conflict as it travels to devices (the pull stream's ``_conflict`` pseudo-entity)."""
    return {
        "kind": conflict.kind,
        "entity": conflict.entity,
        "entity_id": conflict.entity_id,
        "field": conflict.field,
        "winner_value": json.loads(conflict.winner_value),
        "loser_value": json.loads(conflict.loser_value),
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
        ChangeLog.scope_path.startswith(path, autoescape=True),
        and_(ChangeLog.shared_up.is_(True), literal(path).startswith(ChangeLog.scope_path)),
    )


def pull(db: ServerDatabase, ctx: DeviceContext, req: p.PullRequest) -> p.PullResponse:
    refuse_revoked(ctx)
    with db.read() as session:
        # Read the committed head first, then only rows up to it: every row up to the head is committed
        # (ordered_write), so the cursor can move to the head without skipping anything.
        head = db.read_head(session)
        rows = session.scalars(
            select(ChangeLog)
            .where(ChangeLog.seq > req.after, ChangeLog.seq <= head, visible_to(ctx.path))
            .order_by(ChangeLog.seq)
            .limit(req.limit)
        ).all()
        changes = [
            p.Change(
                seq=row.seq,
                entity=row.entity,
                entity_id=row.entity_id,
                op=row.op,  # type: ignore[arg-type]
                fields=json.loads(row.fields),
                versions=json.loads(row.field_versions) if row.field_versions else {},
                hlc=row.hlc,
                device_id=row.device_id,
                author=row.author,
            )
            for row in rows
        ]
    more = len(changes) == req.limit
    next_cursor = changes[-1].seq if more else max(head, req.after)
    with db.write() as session:
        device = session.get(Device, ctx.device_id)
        assert device is not None
        if req.after > device.pull_cursor:
            device.pull_cursor = req.after
        device.last_sync_at = utcnow()
    return p.PullResponse(changes=changes, next_cursor=next_cursor, more=more, head_seq=head)


# --- maintenance --------------------------------------------------------------------------------------


def purge_tombstones(db: ServerDatabase) -> int:
    """Drop the change-log history of deleted records once every active device has pulled past the delete."""
    with db.ordered_write() as (session, _allocator):
        head = db.read_head(session)
        cursors = session.scalars(select(Device.pull_cursor).where(Device.revoked_at.is_(None))).all()
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
