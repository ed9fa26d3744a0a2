"""County administration: org units, cadres, enrollment codes, devices, conflicts, statistics.

Used by ``yulu-server admin …`` and by tests. Org units made here also enter the change log, so devices receive
their county, townships and villages with their first pull.
"""

from __future__ import annotations

import json
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from yulu_desktop.domain import codes, masking
from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.server import fieldcrypt, merge, rekey
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import (
    AppliedChange,
    Cadre,
    ChangeLog,
    Conflict,
    Device,
    DuplicateReview,
    EnrollmentCode,
    OrgUnit,
    Quarantine,
    Record,
)
from yulu_desktop.server.service import (
    CODE_ALPHABET,
    SERVER_DEVICE,
    conflict_fields,
    hash_secret,
    now_ms,
    utcnow,
)


class AdminError(Exception):
    """A county administrator's command could not be done (message in Chinese)."""


_CHILD_LEVEL = {"county": "township", "township": "village", "village": "group"}


def create_unit(
    db: ServerDatabase, *, code: str, name: str, level: str, parent_code: str | None = None
) -> str:
    """Create a county, township, village or group; returns its id."""
    if level not in codes.ORG_LEVEL:
        raise AdminError(f"级别必须是 county / township / village / group 之一，而不是 {level}")
    with db.ordered_write() as (session, allocator):
        if session.scalar(select(OrgUnit).where(OrgUnit.code == code)) is not None:
            raise AdminError(f"编码 {code} 已存在")
        parent: OrgUnit | None = None
        if parent_code is not None:
            parent = session.scalar(select(OrgUnit).where(OrgUnit.code == parent_code))
            if parent is None:
                raise AdminError(f"找不到上级单位 {parent_code}")
            if _CHILD_LEVEL.get(parent.level) != level:
                raise AdminError(
                    f"{codes.ORG_LEVEL.label(parent.level)}下面不能直接建{codes.ORG_LEVEL.label(level)}"
                )
        elif level != "county":
            raise AdminError("乡镇、村和村民小组必须指定上级单位（--parent）")
        unit_id = str(uuid.uuid4())
        path = f"{parent.path if parent else '/'}{unit_id}/"
        session.add(
            OrgUnit(
                id=unit_id,
                code=code,
                name=name,
                level=level,
                parent_id=parent.id if parent else None,
                path=path,
            )
        )
        data = {"code": code, "name": name, "level": level, "parent_id": parent.id if parent else None}
        seq = allocator.next()
        stamp = hlc_clock.pack(now_ms())
        session.add(
            Record(
                entity="org_unit",
                entity_id=unit_id,
                data=json.dumps(data, ensure_ascii=False),
                versions=json.dumps({f: [seq, stamp, SERVER_DEVICE] for f in data}),
                deleted=False,
                scope_path=path,
                updated_seq=seq,
            )
        )
        session.flush()
        merge.index_record(session.connection(), "org_unit", unit_id, data)
        session.add(
            ChangeLog(
                seq=seq,
                entity="org_unit",
                entity_id=unit_id,
                op="I",
                fields=json.dumps(data, ensure_ascii=False),
                field_versions=None,
                hlc=stamp,
                device_id=SERVER_DEVICE,
                author="county-admin",
                scope_path=path,
                shared_up=True,
                change_id=None,
            )
        )
        return unit_id


def create_cadre(
    db: ServerDatabase, *, username: str, name: str, unit_code: str, role: str = "village"
) -> str:
    """A cadre account whose jurisdiction is the unit ``unit_code`` (and everything below it)."""
    with db.write() as session:
        unit = session.scalar(select(OrgUnit).where(OrgUnit.code == unit_code))
        if unit is None:
            raise AdminError(f"找不到单位 {unit_code}")
        if session.scalar(select(Cadre).where(Cadre.username == username)) is not None:
            raise AdminError(f"用户名 {username} 已存在")
        cadre_id = str(uuid.uuid4())
        session.add(
            Cadre(
                id=cadre_id,
                username=username,
                name=name,
                role=role,
                jurisdiction_id=unit.id,
                created_at=utcnow(),
            )
        )
        return cadre_id


def issue_code(db: ServerDatabase, *, username: str, valid_hours: int = 72) -> str:
    """A one-time enrollment code for the cadre's laptop. Shown once; only a hash of its secret is stored."""
    lookup = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
    secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    with db.write() as session:
        cadre = session.scalar(select(Cadre).where(Cadre.username == username))
        if cadre is None:
            raise AdminError(f"找不到干部账号 {username}")
        session.add(
            EnrollmentCode(
                lookup=lookup,
                secret_hash=hash_secret(secret),
                cadre_id=cadre.id,
                created_at=utcnow(),
                expires_at=utcnow() + timedelta(hours=valid_hours),
            )
        )
    return f"{lookup}-{secret}"


@dataclass(frozen=True, slots=True)
class DeviceRow:
    """One enrolled laptop as the county admin sees it (``admin devices`` and the status page)."""

    id: str
    name: str
    cadre: str
    jurisdiction: str
    enrolled_at: datetime
    last_sync_at: datetime | None
    last_seen_at: datetime | None
    revoked: bool
    last_seq: int
    pull_cursor: int
    #: How many change-log numbers the device's confirmed pull cursor is behind the server's head (0: up to
    #: date as of its last request). Counts numbers, not changes: most of them may be outside its jurisdiction.
    behind: int
    #: Open conflicts in the device's jurisdiction (what its cadre sees on the conflicts page).
    open_conflicts: int
    skew_ms: int
    client_version: str


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for timezone-aware columns (stored as UTC).
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def list_devices(db: ServerDatabase) -> list[DeviceRow]:
    """Every enrolled device, the most recent sync first (devices that never synced last).

    Cheap whatever the size of the data: the device table is small, the head is one row, and open conflicts
    are counted per scope with one grouped query over the conflict table (never the records or the log)."""
    with db.read() as session:
        head = db.read_head(session)
        rows = session.execute(
            select(Device, Cadre, OrgUnit)
            .join(Cadre, Device.cadre_id == Cadre.id)
            .join(OrgUnit, Cadre.jurisdiction_id == OrgUnit.id)
        ).all()
        open_by_scope = session.execute(
            select(Conflict.scope_path, func.count())
            .where(Conflict.resolved_at.is_(None))
            .group_by(Conflict.scope_path)
        ).all()
    result = [
        DeviceRow(
            id=device.id,
            name=device.name,
            cadre=f"{cadre.name}（{cadre.username}）",
            jurisdiction=f"{unit.name} {unit.code}",
            enrolled_at=_aware(device.enrolled_at) or device.enrolled_at,
            last_sync_at=_aware(device.last_sync_at),
            last_seen_at=_aware(device.last_seen_at),
            revoked=device.revoked_at is not None,
            last_seq=device.last_seq,
            pull_cursor=device.pull_cursor,
            behind=max(head - device.pull_cursor, 0),
            open_conflicts=sum(int(n) for scope, n in open_by_scope if scope.startswith(unit.path)),
            skew_ms=device.skew_ms,
            client_version=device.client_version,
        )
        for device, cadre, unit in rows
    ]
    never = datetime.min.replace(tzinfo=UTC)
    result.sort(key=lambda r: (r.last_sync_at or never, r.last_seen_at or never, r.id), reverse=True)
    return result


def revoke_device(db: ServerDatabase, device_id: str) -> None:
    with db.write() as session:
        device = session.get(Device, device_id)
        if device is None:
            raise AdminError(f"找不到设备 {device_id}")
        device.revoked_at = utcnow()


def list_conflicts(db: ServerDatabase, *, include_resolved: bool = False) -> list[dict[str, Any]]:
    with db.read() as session:
        query = select(Conflict).order_by(Conflict.created_at)
        if not include_resolved:
            query = query.where(Conflict.resolved_at.is_(None))
        return [{"id": c.id, **conflict_fields(c, db.cipher)} for c in session.scalars(query)]


def list_quarantine(db: ServerDatabase, *, include_handled: bool = True) -> list[dict[str, Any]]:
    """Quarantined changes as stored (tests, scripts); ``server.review.list_quarantine`` is the admin's view."""
    with db.read() as session:
        query = select(Quarantine).order_by(Quarantine.id)
        if not include_handled:
            query = query.where(Quarantine.status == "open")
        return [
            {
                "id": q.id,
                "device_id": q.device_id,
                "change_id": q.change_id,
                "device_seq": q.device_seq,
                "reason": q.reason,
                "entry": json.loads(db.cipher.open_blob(q.entry)),
                "status": q.status,
                "resolved_by": q.resolved_by,
                "resolution_note": q.resolution_note,
            }
            for q in session.scalars(query)
        ]


DUPLICATE_RESOLUTIONS = ("same_person", "different_people", "rejected")


def list_duplicates(db: ServerDatabase, *, include_resolved: bool = False) -> list[dict[str, Any]]:
    """The duplicate review queue: records held back because their ID number already belongs to another."""
    with db.read() as session:
        query = select(DuplicateReview).order_by(DuplicateReview.received_at)
        if not include_resolved:
            query = query.where(DuplicateReview.status == "open")
        result = []
        cipher = db.cipher
        for d in session.scalars(query):
            existing = session.get(Record, (d.entity, d.existing_id))
            incoming = json.loads(cipher.open_blob(d.entry))
            # ``value`` is stored as a keyed hash; the listing shows the ID number masked (the full one is in
            # ``incoming``, for the admin who resolves it).
            pair = incoming.get("changes", {}).get(d.field) if isinstance(incoming, dict) else None
            clear = str(pair[1]) if isinstance(pair, list) and len(pair) == 2 else ""
            result.append(
                {
                    "id": d.id,
                    "status": d.status,
                    "resolution": d.resolution,
                    "field": d.field,
                    "value": masking.mask_id_number(clear) if clear else "",
                    "existing_id": d.existing_id,
                    "existing": cipher.loads_fields(d.entity, existing.data)
                    if existing is not None
                    else None,
                    "existing_scope": existing.scope_path if existing is not None else None,
                    "incoming_id": d.incoming_id,
                    "incoming": incoming,
                    "incoming_scope": d.scope_path,
                    "device_id": d.device_id,
                }
            )
        return result


def resolve_duplicate(db: ServerDatabase, review_id: str, resolution: str, *, resolved_by: str = "") -> None:
    """Close a duplicate review. ``same_person``: the incoming record was the same student registered twice
    (it stays out; the village is told); ``different_people``: one ID number is wrong — correct it on the laptop
    of the village whose number is wrong and sync again; ``rejected``: the incoming record was an error."""
    if resolution not in DUPLICATE_RESOLUTIONS:
        raise AdminError(f"处理方式应为 {' / '.join(DUPLICATE_RESOLUTIONS)}")
    with db.write() as session:
        review = session.get(DuplicateReview, review_id)
        if review is None:
            raise AdminError(f"找不到重复核查记录 {review_id}")
        review.status = "resolved"
        review.resolution = resolution
        review.resolved_by = resolved_by
        review.resolved_at = utcnow()


def stats(db: ServerDatabase) -> dict[str, int]:
    with db.read() as session:

        def count(query: Any) -> int:
            return int(session.scalar(query) or 0)

        result = {
            "head_seq": db.read_head(session),
            "change_log": count(select(func.count()).select_from(ChangeLog)),
            "records": count(select(func.count()).select_from(Record).where(Record.deleted.is_(False))),
            "tombstones": count(select(func.count()).select_from(Record).where(Record.deleted.is_(True))),
            "applied_changes": count(select(func.count()).select_from(AppliedChange)),
            "devices": count(select(func.count()).select_from(Device)),
            "revoked_devices": count(
                select(func.count()).select_from(Device).where(Device.revoked_at.isnot(None))
            ),
            "open_conflicts": count(
                select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
            ),
            "quarantined": count(
                select(func.count()).select_from(Quarantine).where(Quarantine.status == "open")
            ),
            "quarantine_handled": count(
                select(func.count()).select_from(Quarantine).where(Quarantine.status != "open")
            ),
            "duplicates_open": count(
                select(func.count()).select_from(DuplicateReview).where(DuplicateReview.status == "open")
            ),
        }
        for entity, number in session.execute(
            select(Record.entity, func.count()).where(Record.deleted.is_(False)).group_by(Record.entity)
        ):
            result[f"records.{entity}"] = int(number)
        return result


@dataclass(frozen=True, slots=True)
class Rotation:
    key_id: str
    rows: int
    resumed: bool
    dropped: tuple[str, ...]


def rotate_data_key(db: ServerDatabase) -> Rotation:
    """``admin rotate-key``: a new data key for the sensitive fields (``server.fieldcrypt``), every stored value
    re-encrypted with it batch by batch (each batch its own transaction under the change-log lock, so pushes
    wait for one batch at most), then the old keys dropped from the key file. Interrupted, the file keeps the
    old keys beside the new one and running it again resumes: rows already under the new key are skipped. A
    running server reads the rewritten key file within seconds. The hash key is not rotated (module docstring
    of ``server.fieldcrypt``)."""
    cipher = db.cipher
    path = db.data_key_file
    ring = fieldcrypt.read_keyring(path)
    if ring is None:
        raise AdminError(fieldcrypt.missing_key_message(path))
    resumed = len(ring.keys) > 1
    if not resumed:
        ring = fieldcrypt.write_keyring(path, ring.with_new_key(), replace=True)
    cipher.adopt(ring)
    rows = 0
    while True:
        # Passes until one rewrites nothing: a server that had not read the new key yet may have written
        # rows with the old one meanwhile.
        changed = 0
        for walk in rekey.WALKS:
            after: tuple[Any, ...] | None = ()
            while after is not None:
                with db.ordered_write() as (session, _allocator):
                    after, count = rekey.convert_batch(
                        session.connection(), cipher, walk, "rotate", after or None
                    )
                changed += count
        rows += changed
        if changed == 0:
            break
    dropped = tuple(sorted(k for k in ring.keys if k != ring.current))
    fieldcrypt.write_keyring(path, ring.only_current(), replace=True)
    return Rotation(ring.current, rows, resumed, dropped)


def record_state(db: ServerDatabase) -> dict[tuple[str, str], dict[str, Any] | None]:
    """Every record's current fields (None for tombstones): what devices should converge to (tests, digests)."""
    with db.read() as session:
        return {
            (r.entity, r.entity_id): None if r.deleted else db.cipher.loads_fields(r.entity, r.data)
            for r in session.scalars(select(Record))
        }


def import_bundle_file(
    db: ServerDatabase, source: Path, target: Path | None = None, *, imported_by: str = "admin import-bundle"
) -> tuple[Path, str]:
    """Import a laptop's USB bundle (``server.bundles``) and write the reply beside it (or to ``target``);
    returns the reply's path and a summary. ``AdminError`` with the reason when the file is refused."""
    from yulu_desktop.server import bundles
    from yulu_desktop.sync import bundle

    try:
        result = bundles.import_bundle(db, bundle.read_file(source), imported_by=imported_by)
        reply = target or source.with_name(bundle.default_reply_name(result.device_id))
        bundle.write_file_atomically(reply, result.reply)
    except bundle.BundleError as exc:
        raise AdminError(exc.message) from None
    return reply, result.summary()
