"""Defence in depth for pulled changes: a change this laptop cannot store is set aside, never a stopped sync.

The county server checks what laptops push (``record_check``), but a value it stored before it checked, or one
the laptop's database refuses for another reason (a parent it does not have, a unique ID number), must not wedge
every later sync. Such a change is skipped, the rest of its page applies and the cursor moves on; the cadre sees
a ``rejected_remote`` note naming the record and the reason, once per record and reason while it is open.

The consistency check counts a set-aside record as present (``set_aside_ids``): the county holds it and this
laptop knows it cannot place it, so the check converges instead of refetching the entity after every sync. In the
same way a record the county does not have but this laptop cannot remove (``unremovable_ids``: other records here
still name it) is not counted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, text
from sqlalchemy import exc as sa_exc

from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.notes import add_local_note
from yulu_desktop.sync.record_check import column_plainly_storable, storable_problems

REJECTED = "rejected_remote"
#: A record the county does not have that this laptop cannot remove (other records here still name it).
UNREMOVABLE = "unremovable"

#: What the database (or the driver binding a value) raises for one change it cannot store. Not
#: ``OperationalError``: a locked or full database is not the change's fault, and the sync fails and retries.
APPLY_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.IntegrityError,
    sqlite3.InterfaceError,
    sqlite3.ProgrammingError,
    sqlite3.DataError,
    sqlcipher.IntegrityError,
    sqlcipher.InterfaceError,
    sqlcipher.ProgrammingError,
    sqlcipher.DataError,
    sa_exc.IntegrityError,
    sa_exc.InterfaceError,
    sa_exc.ProgrammingError,
    sa_exc.DataError,
    OverflowError,  # an integer beyond SQLite's 64 bits, raised while binding
)


def change_problems(change: p.Change) -> list[str]:
    """Why this laptop could not store the values of a pulled change (empty when it can).

    Only fields that are columns here are checked: a newer app may send more, and those are ignored anyway.
    """
    checkable = _CHECKABLE.get(change.entity)
    if checkable is None or change.op in ("D", p.LEAVE_SCOPE):
        return []
    values = change.fields
    if not checkable.issuperset(values):
        values = {name: value for name, value in values.items() if name in checkable}
    return storable_problems(change.entity, values)


def page_problems(changes: Sequence[p.Change]) -> dict[int, list[str]]:
    """Why this laptop could not store the changes of a pulled page, by the change's position in the page
    (only changes with problems).

    The changes of one table that set the same fields (a first pull is runs of thousands) are checked a column
    at a time (``record_check.column_plainly_storable``); where some value of a column does not plainly fit,
    those changes are checked one by one (``change_problems``), which also words the reasons."""
    runs: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for index, change in enumerate(changes):
        if change.entity in _CHECKABLE and change.op not in ("D", p.LEAVE_SCOPE):
            runs.setdefault((change.entity, tuple(change.fields)), []).append(index)
    found: dict[int, list[str]] = {}
    for (entity, names), indexes in runs.items():
        rows = [changes[i].fields for i in indexes]
        checkable = _CHECKABLE[entity]
        if all(
            column_plainly_storable(entity, name, list(map(itemgetter(name), rows)))
            for name in names
            if name in checkable
        ):
            continue
        for index in indexes:
            problems = change_problems(changes[index])
            if problems:
                found[index] = problems
    return found


#: Per shared table, the columns a pulled change may set (not ``id``, not the laptop's own columns).
_CHECKABLE: dict[str, frozenset[str]] = {
    name: frozenset(c.name for c in table.columns) - {"id"} - LOCAL_ONLY_COLUMNS.get(name, frozenset())
    for name, table in SHARED_TABLES.items()
}


def problems_reason(problems: Sequence[str]) -> str:
    return (
        "县服务器的这条数据不符合本机的格式，本机无法保存，已跳过（县里的数据不受影响，请告知县里核实）："
        + "；".join(problems)
    )


def error_reason(exc: Exception) -> str:
    detail = str(getattr(exc, "orig", None) or exc).splitlines()[0][:200]
    if isinstance(exc, sqlite3.IntegrityError | sqlcipher.IntegrityError | sa_exc.IntegrityError):
        return f"县服务器的这条数据与本机数据冲突（{detail}），本机无法保存，已跳过并留存在这里待处理。"
    return f"本机无法保存县服务器的这条数据（{type(exc).__name__}: {detail}），已跳过并留存在这里待处理。"


def note_rejected(conn: Connection, change: p.Change, reason: str) -> None:
    """Keep the set-aside change as a note; an open note of the same record and reason is updated instead."""
    add_local_note(
        conn,
        kind=REJECTED,
        entity=change.entity,
        entity_id=change.entity_id,
        value=change.fields,
        reason=reason,
        once=True,
    )


def set_aside_ids(conn: Connection, entity: str) -> set[str]:
    """Records of ``entity`` this laptop received and could not store, while their note is open."""
    return _noted_ids(conn, REJECTED, entity)


def unremovable_ids(conn: Connection, entity: str) -> set[str]:
    """Records of ``entity`` the county does not have and this laptop could not remove, while noted."""
    return _noted_ids(conn, UNREMOVABLE, entity)


def _noted_ids(conn: Connection, kind: str, entity: str) -> set[str]:
    rows = conn.execute(
        text("SELECT entity_id FROM sync_conflict WHERE kind = :k AND status = 'open' AND entity = :e"),
        {"k": kind, "e": entity},
    )
    return {r[0] for r in rows}


def note_unremovable(conn: Connection, entity: str, entity_id: str, values: Mapping[str, Any]) -> None:
    add_local_note(
        conn,
        kind=UNREMOVABLE,
        entity=entity,
        entity_id=entity_id,
        value=dict(values),
        reason="与县服务器核对时发现县里没有这条记录，但本机还有其他记录引用它，无法移除；请检查引用它的记录。",
        once=True,
    )


def close_obsolete(conn: Connection, entity: str, server_ids: set[str]) -> None:
    """Close the open notes that no longer hold, given the ids the county has now: a set-aside record it no longer
    has (nothing left to place), an unremovable record it has again. Left open, either would keep the
    consistency check from ever matching."""
    stale = [(REJECTED, entity, i) for i in set_aside_ids(conn, entity) - server_ids]
    stale += [(UNREMOVABLE, entity, i) for i in unremovable_ids(conn, entity) & server_ids]
    _close(conn, stale)


def close_deleted(conn: Connection, deleted: set[tuple[str, str]]) -> None:
    """Close the open set-aside notes of records a pulled page deleted: the change that could not be stored
    was superseded (an insert under a parent this laptop had deleted, which the county then deleted too)."""
    entities = {entity for entity, _id in deleted}
    _close(
        conn,
        [
            (REJECTED, entity, entity_id)
            for entity in entities
            for entity_id in set_aside_ids(conn, entity)
            if (entity, entity_id) in deleted
        ],
    )


def _close(conn: Connection, notes: list[tuple[str, str, str]]) -> None:
    """Mark open notes ``(kind, entity, entity_id)`` resolved as obsolete."""
    for kind, entity, entity_id in sorted(notes):
        conn.execute(
            text(
                "UPDATE sync_conflict SET status = 'resolved', resolution = 'obsolete' "
                "WHERE kind = :k AND status = 'open' AND entity = :e AND entity_id = :i"
            ),
            {"k": kind, "e": entity, "i": entity_id},
        )
