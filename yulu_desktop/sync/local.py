"""The device side of sync inside the local database: enrollment state, base versions, applying pulled pages.

Applying a page of pulled changes happens in one local transaction together with the new cursor, with the journal
triggers silenced (``device_state.applying_remote``) because these changes already exist on the server. A field
with an unsent local change is never overwritten: the local value goes to the server with the next push, and the
server merges it (and records a conflict if the two were concurrent).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text
from sqlalchemy.exc import IntegrityError

from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import protocol as p

#: Marks a record whose unsent local change is a delete (every field counts as changed).
ALL_FIELDS = "*"


@dataclass(frozen=True, slots=True)
class SyncState:
    device_id: str
    server_url: str
    private_key: bytes | None
    cadre_username: str
    cadre_name: str
    jurisdiction_id: str
    jurisdiction_name: str
    pull_cursor: int
    last_sync_at: datetime | None
    last_error: str

    @property
    def enrolled(self) -> bool:
        return self.private_key is not None and bool(self.server_url)


def read_state(conn: Connection) -> SyncState:
    row = conn.execute(
        text(
            "SELECT server_url, private_key, cadre_username, cadre_name, jurisdiction_id, jurisdiction_name, "
            "pull_cursor, last_sync_at, last_error FROM sync_state WHERE id = 1"
        )
    ).one()
    last_sync = row[7]
    if isinstance(last_sync, str):
        last_sync = datetime.fromisoformat(last_sync)
    return SyncState(
        device_id=journal.device_id(conn),
        server_url=row[0],
        private_key=bytes(row[1]) if row[1] is not None else None,
        cadre_username=row[2],
        cadre_name=row[3],
        jurisdiction_id=row[4],
        jurisdiction_name=row[5],
        pull_cursor=int(row[6]),
        last_sync_at=last_sync,
        last_error=row[8],
    )


def save_enrollment(
    conn: Connection, *, server_url: str, private_key: bytes, response: p.EnrollResponse
) -> None:
    conn.execute(
        text(
            "UPDATE sync_state SET server_url = :url, private_key = :key, enrolled_at = :at, "
            "cadre_username = :username, cadre_name = :name, jurisdiction_id = :jid, jurisdiction_name = :jname "
            "WHERE id = 1"
        ),
        {
            "url": server_url,
            "key": private_key,
            "at": _now_text(),
            "username": response.cadre_username,
            "name": response.cadre_name,
            "jid": response.jurisdiction.id,
            "jname": response.jurisdiction.name,
        },
    )
    conn.execute(
        text("UPDATE device_state SET author = :author WHERE id = 1 AND author = ''"),
        {"author": response.cadre_name or response.cadre_username},
    )


def record_sync_result(conn: Connection, *, error: str = "", success: bool) -> None:
    if success:
        conn.execute(
            text("UPDATE sync_state SET last_sync_at = :at, last_error = '' WHERE id = 1"),
            {"at": _now_text()},
        )
    else:
        conn.execute(text("UPDATE sync_state SET last_error = :error WHERE id = 1"), {"error": error})


def _now_text() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


# --- push side ------------------------------------------------------------------------------------------


def base_versions(conn: Connection, entries: Sequence[journal.JournalEntry]) -> list[dict[str, int]]:
    """For each entry, the server version of each field it changes, as this device last received it."""
    cache: dict[tuple[str, str], dict[str, int]] = {}
    result = []
    for entry in entries:
        key = (entry.entity, entry.entity_id)
        if key not in cache:
            rows = conn.execute(
                text("SELECT field, version FROM sync_field_version WHERE entity = :e AND entity_id = :i"),
                {"e": entry.entity, "i": entry.entity_id},
            ).all()
            cache[key] = {r[0]: int(r[1]) for r in rows}
        known = cache[key]
        result.append({f: known[f] for f in entry.changes if f in known})
    return result


def to_push_entry(entry: journal.JournalEntry, base: dict[str, int]) -> p.PushEntry:
    return p.PushEntry(
        seq=entry.seq,
        change_id=entry.change_id,
        entity=entry.entity,
        entity_id=entry.entity_id,
        op=entry.op,  # type: ignore[arg-type]
        changes=entry.changes,
        base=base,
        hlc=entry.hlc,
        author=entry.author,
    )


def add_local_note(
    conn: Connection, *, kind: str, entity: str, entity_id: str, value: Any, reason: str, field_name: str = ""
) -> None:
    """A sync problem kept for the cadre to see (a change the server quarantined, a pulled duplicate)."""
    conn.execute(
        text(
            "INSERT INTO sync_conflict (id, kind, entity, entity_id, field, winner_value, loser_value, "
            "loser_author, created_at, status, reported) "
            "VALUES (:id, :kind, :entity, :eid, :field, 'null', :value, :reason, :at, 'open', 1)"
        ),
        {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "entity": entity,
            "eid": entity_id,
            "field": field_name,
            "value": json.dumps(value, ensure_ascii=False),
            "reason": reason,
            "at": _now_text(),
        },
    )


def unreported_resolutions(conn: Connection) -> list[p.ConflictResolution]:
    rows = conn.execute(
        text(
            "SELECT id, resolution, resolved_by FROM sync_conflict "
            "WHERE status = 'resolved' AND reported = 0 AND kind IN ('field', 'edit_vs_delete', 'delete_vs_edit')"
        )
    ).all()
    return [
        p.ConflictResolution(conflict_id=r[0], resolution=r[1], resolved_by=r[2])
        for r in rows
        if r[1] in ("keep_current", "use_other", "edited")
    ]


def mark_reported(conn: Connection, conflict_ids: Iterable[str]) -> None:
    for conflict_id in conflict_ids:
        conn.execute(text("UPDATE sync_conflict SET reported = 1 WHERE id = :id"), {"id": conflict_id})


# --- pull side --------------------------------------------------------------------------------------------


@dataclass
class ApplyStats:
    applied: int = 0
    kept_local: int = 0
    missing: int = 0
    conflicts: int = 0
    rejected: int = 0
    details: list[str] = field(default_factory=list)


def pending_fields(conn: Connection) -> dict[tuple[str, str], set[str]]:
    """Fields with unsent local changes, per record (``ALL_FIELDS`` for a record deleted or created locally)."""
    rows = conn.execute(
        text(
            "SELECT entity, entity_id, op, changes FROM change_journal "
            "WHERE seq > (SELECT acked_seq FROM device_state WHERE id = 1)"
        )
    ).all()
    result: dict[tuple[str, str], set[str]] = {}
    for entity, entity_id, op, changes in rows:
        fields = result.setdefault((entity, entity_id), set())
        if op == "D":
            fields.add(ALL_FIELDS)
        else:
            fields.update(json.loads(changes))
    return result


def _columns(entity: str) -> set[str]:
    return {c.name for c in SHARED_TABLES[entity].columns}


def apply_page(db: Database, changes: Sequence[p.Change], next_cursor: int) -> ApplyStats:
    """Apply one pulled page and store the cursor, in one transaction.

    First all at once; if a row breaks a local constraint (say, the same ID number registered as two people in
    two villages), again change by change in savepoints, so one bad row is set aside as a note and does not
    block every later sync.
    """
    try:
        return _apply(db, changes, next_cursor, careful=False)
    except IntegrityError:
        return _apply(db, changes, next_cursor, careful=True)


def _apply(db: Database, changes: Sequence[p.Change], next_cursor: int, *, careful: bool) -> ApplyStats:
    stats = ApplyStats()
    with db.write_connection() as conn:
        pending = pending_fields(conn)
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        newest = 0
        for change in changes:
            newest = max(newest, change.hlc)
            if not careful:
                _apply_one(conn, change, pending, stats)
                continue
            savepoint = conn.begin_nested()
            try:
                _apply_one(conn, change, pending, stats)
            except IntegrityError as exc:
                savepoint.rollback()
                stats.rejected += 1
                add_local_note(
                    conn,
                    kind="rejected_remote",
                    entity=change.entity,
                    entity_id=change.entity_id,
                    value=change.fields,
                    reason=f"县服务器的这条数据与本机数据冲突（{type(exc.orig).__name__}: {exc.orig}），已暂存待处理",
                )
            else:
                savepoint.commit()
        conn.execute(
            text("UPDATE sync_state SET pull_cursor = :cursor WHERE id = 1 AND pull_cursor < :cursor"),
            {"cursor": next_cursor},
        )
        # Hybrid logical clock: later local changes sort after everything received (the server clamps
        # timestamps from clocks that run ahead, so a wrong clock elsewhere cannot drag this one forward).
        conn.execute(
            text("UPDATE device_state SET hlc_floor = max(hlc_floor, :h), applying_remote = 0 WHERE id = 1"),
            {"h": newest},
        )
    return stats


def _set_versions(conn: Connection, change: p.Change, fields: Iterable[str]) -> None:
    rows = [
        {"e": change.entity, "i": change.entity_id, "f": f, "v": change.versions.get(f, change.seq)}
        for f in fields
    ]
    if rows:
        conn.execute(
            text(
                "INSERT INTO sync_field_version (entity, entity_id, field, version) VALUES (:e, :i, :f, :v) "
                "ON CONFLICT (entity, entity_id, field) DO UPDATE SET version = excluded.version"
            ),
            rows,
        )


def _apply_one(
    conn: Connection, change: p.Change, pending: dict[tuple[str, str], set[str]], stats: ApplyStats
) -> None:
    if change.entity == p.CONFLICT_ENTITY:
        _apply_conflict(conn, change)
        stats.conflicts += 1
        return
    if change.entity not in SHARED_TABLES:
        stats.missing += 1  # an entity of a newer app version: the server keeps it
        return
    table = change.entity
    local = pending.get((table, change.entity_id), set())
    exists = (
        conn.execute(text(f'SELECT 1 FROM "{table}" WHERE id = :id'), {"id": change.entity_id}).first()
        is not None
    )
    if change.op == "D":
        if local:
            stats.kept_local += 1  # the local edit goes up with the next push; the server decides
            return
        if exists:
            conn.execute(text(f'DELETE FROM "{table}" WHERE id = :id'), {"id": change.entity_id})
        conn.execute(
            text("DELETE FROM sync_field_version WHERE entity = :e AND entity_id = :i"),
            {"e": table, "i": change.entity_id},
        )
        stats.applied += 1
        return
    if ALL_FIELDS in local:
        stats.kept_local += 1
        return
    columns = _columns(table)
    values = {f: v for f, v in change.fields.items() if f in columns and f != "id" and f not in local}
    if len(values) < len([f for f in change.fields if f in columns and f != "id"]):
        stats.kept_local += 1
    if exists:
        if values:
            assignments = ", ".join(f'"{f}" = :{f}' for f in values)
            conn.execute(
                text(f'UPDATE "{table}" SET {assignments} WHERE id = :id'), {**values, "id": change.entity_id}
            )
    elif change.op == "I" or _complete(table, values):
        names = ["id", *values]
        columns_sql = ", ".join(f'"{n}"' for n in names)
        params_sql = ", ".join(f":{n}" for n in names)
        conn.execute(
            text(f'INSERT INTO "{table}" ({columns_sql}) VALUES ({params_sql})'),
            {**values, "id": change.entity_id},
        )
    else:
        stats.missing += 1
        return
    _set_versions(conn, change, values)
    stats.applied += 1


def _complete(table: str, values: dict[str, Any]) -> bool:
    required = {
        c.name
        for c in SHARED_TABLES[table].columns
        if not c.nullable and c.server_default is None and not c.primary_key
    }
    return required <= set(values)


_CONFLICT_COLUMNS = (
    "kind",
    "entity",
    "entity_id",
    "field",
    "winner_value",
    "loser_value",
    "winner_device",
    "loser_device",
    "winner_hlc",
    "loser_hlc",
    "loser_author",
    "clock_skew",
    "created_at",
    "resolution",
    "resolved_by",
)


def _apply_conflict(conn: Connection, change: p.Change) -> None:
    fields = dict(change.fields)
    for key in ("winner_value", "loser_value"):
        if key in fields:
            fields[key] = json.dumps(fields[key], ensure_ascii=False)
    if change.op == "I":
        values = {c: fields.get(c) for c in _CONFLICT_COLUMNS}
        values["status"] = "resolved" if values.get("resolution") else "open"
        names = ["id", *values]
        conn.execute(
            text(
                f"INSERT OR IGNORE INTO sync_conflict ({', '.join(names)}, reported) "
                f"VALUES ({', '.join(':' + n for n in names)}, 1)"
            ),
            {**values, "id": change.entity_id},
        )
    else:
        conn.execute(
            text(
                "UPDATE sync_conflict SET resolution = :resolution, resolved_by = :by, status = 'resolved', "
                "reported = 1 WHERE id = :id"
            ),
            {
                "resolution": fields.get("resolution", ""),
                "by": fields.get("resolved_by", ""),
                "id": change.entity_id,
            },
        )
