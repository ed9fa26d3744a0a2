"""Conflicts on this device, for the app's conflicts page and ``yulu conflicts``: list and resolve.

A conflict says: two values were typed for one field (or a record was deleted while someone edited it); the
server kept ``winner_value`` and this row keeps ``loser_value``, so nothing typed is lost. Resolving it:

* ``keep_mine`` / ``keep_theirs``: "mine" is this device's value (the loser's value if this device lost, the
  current value otherwise);
* ``edit``: a new value typed by the cadre.

A choice that changes data is written as an ordinary local edit (journaled, pushed, merged like any other), and
the resolution itself is reported to the county with the next push.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, text

from yulu_desktop.domain.errors import NotFound, YuluError
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES

Choice = Literal["keep_mine", "keep_theirs", "edit"]

KIND_LABELS = {
    "field": "同一字段被两人修改",
    "edit_vs_delete": "修改了已被删除的记录",
    "delete_vs_edit": "删除了他人正在修改的记录",
    "quarantined": "县服务器未接受的修改",
    "rejected_remote": "无法放入本机的县里数据",
    "repaired": "核对时从本机移除的记录",
    "unremovable": "县里没有、本机无法移除的记录",
}


@dataclass(frozen=True, slots=True)
class LocalConflict:
    id: str
    kind: str
    entity: str
    entity_id: str
    field: str
    winner_value: Any
    loser_value: Any
    winner_device: str
    loser_device: str
    loser_author: str
    clock_skew: bool
    created_at: str
    status: str
    resolution: str

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def from_server(self) -> bool:
        return self.kind in CONFLICT_KINDS

    def mine_and_theirs(self, device_id: str) -> tuple[Any, Any]:
        """(this device's value, the other value)."""
        if self.loser_device == device_id:
            return self.loser_value, self.winner_value
        return self.winner_value, self.loser_value


_SELECT = (
    "SELECT id, kind, entity, entity_id, field, winner_value, loser_value, winner_device, loser_device, "
    "loser_author, clock_skew, created_at, status, resolution FROM sync_conflict "
)


def _row(row: Any) -> LocalConflict:
    return LocalConflict(
        id=row[0],
        kind=row[1],
        entity=row[2],
        entity_id=row[3],
        field=row[4],
        winner_value=json.loads(row[5]),
        loser_value=json.loads(row[6]),
        winner_device=row[7],
        loser_device=row[8],
        loser_author=row[9],
        clock_skew=bool(row[10]),
        created_at=row[11],
        status=row[12],
        resolution=row[13],
    )


def list_conflicts(db: Database, *, include_resolved: bool = False) -> list[LocalConflict]:
    where = "" if include_resolved else "WHERE status = 'open' "
    with db.read_connection() as conn:
        return [_row(r) for r in conn.execute(text(_SELECT + where + "ORDER BY created_at, id")).all()]


#: Kinds that are conflicts between two people's edits (from the county server); the others are this laptop's
#: notes about sync problems (a change the county holds for review, a record it could not store or removed).
CONFLICT_KINDS = ("field", "edit_vs_delete", "delete_vs_edit")


@dataclass(frozen=True, slots=True)
class OpenCounts:
    conflicts: int
    notes: int


def open_counts(db: Database) -> OpenCounts:
    """How many conflicts and how many notes are open, counted apart (``yulu sync status``)."""
    marks = ", ".join(f"'{kind}'" for kind in CONFLICT_KINDS)
    with db.read_connection() as conn:
        conflicts, notes = conn.execute(
            text(
                f"SELECT coalesce(sum(kind IN ({marks})), 0), coalesce(sum(kind NOT IN ({marks})), 0) "
                "FROM sync_conflict WHERE status = 'open'"
            )
        ).one()
    return OpenCounts(int(conflicts), int(notes))


def get_conflict(conn: Connection, conflict_id: str) -> LocalConflict:
    row = conn.execute(text(_SELECT + "WHERE id = :id"), {"id": conflict_id}).first()
    if row is None:
        raise NotFound(f"找不到冲突记录 {conflict_id}")
    return _row(row)


def resolve(
    db: Database, conflict_id: str, choice: Choice, *, value: Any = None, resolved_by: str = ""
) -> None:
    """Settle a conflict; a choice that changes data becomes an ordinary journaled edit."""
    with db.write_connection() as conn:
        conflict = get_conflict(conn, conflict_id)
        if conflict.status != "open":
            raise YuluError("这条冲突已经处理过了。")
        me = journal.device_id(conn)
        mine, theirs = conflict.mine_and_theirs(me)
        if choice == "edit":
            chosen, resolution = value, "edited"
        else:
            chosen = mine if choice == "keep_mine" else theirs
            resolution = "keep_current" if chosen == conflict.winner_value else "use_other"
        if conflict.from_server and (resolution != "keep_current"):
            _write_value(conn, conflict, chosen)
        elif not conflict.from_server and choice != "keep_theirs" and chosen is not None:
            # A local note: "keep mine" re-applies the set-aside values as a new edit.
            _write_value(conn, conflict, chosen)
        conn.execute(
            text(
                "UPDATE sync_conflict SET status = 'resolved', resolution = :resolution, resolved_by = :by, "
                "resolved_at = :at, reported = 0 WHERE id = :id"
            ),
            {
                "resolution": resolution,
                "by": resolved_by,
                "at": datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" "),
                "id": conflict_id,
            },
        )


def _write_value(conn: Connection, conflict: LocalConflict, chosen: Any) -> None:
    table = SHARED_TABLES.get(conflict.entity)
    if table is None:
        raise YuluError(f"无法处理未知的数据类型 {conflict.entity}")
    columns = {c.name for c in table.columns}
    exists = conn.execute(
        text(f'SELECT 1 FROM "{conflict.entity}" WHERE id = :id'), {"id": conflict.entity_id}
    ).first()
    if conflict.kind == "field" and conflict.field in columns:
        values = {conflict.field: chosen}
    elif isinstance(chosen, dict):
        values = {k: v for k, v in chosen.items() if k in columns and k != "id"}
    else:
        values = {}
    if chosen is None and exists:
        # Keeping a delete: delete it here too (journaled, so the server learns).
        conn.execute(text(f'DELETE FROM "{conflict.entity}" WHERE id = :id'), {"id": conflict.entity_id})
        return
    if not values:
        return
    if exists:
        assignments = ", ".join(f'"{k}" = :{k}' for k in values)
        conn.execute(
            text(f'UPDATE "{conflict.entity}" SET {assignments} WHERE id = :id'),
            {**values, "id": conflict.entity_id},
        )
    else:
        # Restoring a deleted record with the values that were kept (a journaled insert of the same id: the
        # server treats it as a deliberate restore).
        names = ["id", *values]
        conn.execute(
            text(
                f'INSERT INTO "{conflict.entity}" ({", ".join(chr(34) + n + chr(34) for n in names)}) '
                f"VALUES ({', '.join(':' + n for n in names)})"
            ),
            {**values, "id": conflict.entity_id},
        )
