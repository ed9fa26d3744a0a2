"""The change journal: every insert, update and delete of shared data, recorded in the same transaction.

Database triggers write the journal, so no code path — services, bulk inserts, a migration, or someone with the
``sqlite3`` shell and the key — can change shared data without an entry. Each entry holds a unique change id,
the entity and its id, the fields changed as ``{"field": [old, new]}``, a hybrid-logical-clock timestamp (see
``domain.hlc``; computed in SQL with the same encoding), the device id and the author.

Entries are frozen once written (an update trigger refuses changes), and may only be deleted once the county
server has acknowledged them (``device_state.acked_seq``): that is compaction. While pulled changes from the
server are applied, ``device_state.applying_remote`` is 1 and the triggers stay silent, because those changes
already exist on the server.

The triggers are generated from the live schema after every migration (``install_triggers``), so they always
cover every column of every shared table — including columns added later.

Bulk inserts (an Excel import, demo data) go through ``insert_rows``, which silences the triggers for its one
``executemany`` and then writes the same entries with one ``INSERT … SELECT`` from the new rows: a trigger program
per row costs more than the row itself.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Connection, text

from yulu_desktop.store import audit
from yulu_desktop.store.schema import (
    APPEND_ONLY_TABLES,
    LOCAL_ONLY_COLUMNS,
    SHARED_TABLES,
    VOID_COLUMNS,
    VOIDABLE_TABLES,
)

# 32 hex digits: 48 bits of Unix milliseconds, then 80 random bits — unique without coordination like a UUID,
# cheap to make in SQL, and time-ordered so that the unique index on it grows at its end.
_CHANGE_ID_SQL = "printf('%012x', CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER)) || lower(hex(randomblob(10)))"

# Wall-clock milliseconds shifted by 16 bits, never behind the newest entry or the floor kept across compaction.
# Timestamps grow with seq, so the newest entry (the last seq, found through the primary key) has the largest.
# ``ds`` is the device_state row the entry is written from (one lookup gives device, author, floor and the
# applying-remote flag).
_HLC_SQL = (
    "max(CAST((julianday('now') - 2440587.5) * 86400000.0 AS INTEGER) * 65536, "
    "coalesce((SELECT hlc FROM change_journal ORDER BY seq DESC LIMIT 1), 0) + 1, ds.hlc_floor + 1)"
)

_NOW_SQL = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

TRIGGER_PREFIX = "yulu_journal_"


class _Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, parameters: Any, /) -> Any: ...


@dataclass(frozen=True, slots=True)
class JournalEntry:
    seq: int
    change_id: str
    entity: str
    entity_id: str
    op: str
    changes: dict[str, list[Any]]
    hlc: int
    device_id: str
    author: str
    created_at: str


def _journaled_columns(conn: Connection | _Cursor, table: str) -> list[str]:
    """The columns of ``table`` as they exist in the database, without the local-only ones."""
    execute = conn.exec_driver_sql if isinstance(conn, Connection) else conn.execute
    local_only = LOCAL_ONLY_COLUMNS.get(table, frozenset())
    return [row[1] for row in execute(f"PRAGMA table_info('{table}')").fetchall() if row[1] not in local_only]


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _insert_entry(table: str, op: str, key: str, changes_sql: str) -> str:
    # Without a device_state row the LEFT JOIN yields a NULL device id and the NOT NULL constraint aborts the
    # write: shared data never changes unjournaled. While a pull is applied (applying_remote = 1) the SELECT
    # yields no row and nothing is journaled; testing that here rather than in the trigger's WHEN clause
    # saves a second lookup of device_state per written row.
    return (
        "INSERT INTO change_journal (change_id, entity, entity_id, op, changes, hlc, device_id, author, "
        "created_at) "
        f"SELECT {_CHANGE_ID_SQL}, '{table}', {key}, '{op}', {changes_sql}, {_HLC_SQL}, ds.device_id, ds.author, "
        f"{_NOW_SQL} FROM (SELECT 1) LEFT JOIN device_state AS ds ON ds.id = 1 "
        "WHERE coalesce(ds.applying_remote, 0) = 0;"
    )


class _Lit(str):
    """A piece of literal text in a concatenation built by ``_concat``."""


def _concat(parts: Sequence[str]) -> str:
    """SQL concatenating ``parts``: ``_Lit`` pieces are text (adjacent ones merged), others SQL expressions that
    are never NULL (``json_quote`` gives 'null').

    One ``concat()`` call rather than a chain of ``||``, which copies the growing text once a piece: for a bulk
    insert's entries 8 % less CPU (docs/PERFORMANCE.md)."""
    merged: list[str] = []
    pending = ""
    for part in parts:
        if isinstance(part, _Lit):
            pending += part
            continue
        if pending:
            merged.append("'" + pending.replace("'", "''") + "'")
            pending = ""
        merged.append(part)
    if pending:
        merged.append("'" + pending.replace("'", "''") + "'")
    return merged[0] if len(merged) == 1 else f"concat({', '.join(merged)})"


def _pair(column: str, old: str | None, new: str | None) -> list[str]:
    """Pieces of ``"column":[old,new]`` (None: JSON null) — the same text json_object/json_array would make.

    Concatenating json_quote() results costs a fraction of nesting json_array() in json_object(), which
    re-parses every nested array (measured: that JSON cost about as much as writing the row itself).
    """
    return [
        _Lit(json.dumps(column) + ":["),
        _Lit("null") if old is None else f"json_quote({old})",
        _Lit(","),
        _Lit("null") if new is None else f"json_quote({new})",
        _Lit("]"),
    ]


def _whole_row(columns: Sequence[str], row: str, *, new: bool) -> str:
    """Every column of ``row`` (``NEW``, ``OLD`` or a table alias) as the new values (an insert) or the old
    ones (a delete)."""
    parts: list[str] = [_Lit("{")]
    for i, c in enumerate(columns):
        if i:
            parts.append(_Lit(","))
        ref = f"{row}.{_q(c)}"
        parts += _pair(c, None, ref) if new else _pair(c, ref, None)
    parts.append(_Lit("}"))
    return _concat(parts)


def _changed_only(columns: Sequence[str]) -> str:
    """The changed columns in column order: each adds ``,"c":[old,new]``, and the first comma is cut off."""
    pieces = []
    for c in columns:
        old, new = f"OLD.{_q(c)}", f"NEW.{_q(c)}"
        pieces.append(
            f"CASE WHEN {old} IS NOT {new} THEN {_concat([_Lit(','), *_pair(c, old, new)])} ELSE '' END"
        )
    return "'{' || substr(" + " || ".join(pieces) + ", 2) || '}'"


def trigger_statements(table: str, columns: Sequence[str]) -> list[str]:
    """The CREATE TRIGGER statements that journal ``table`` (columns as they exist in the database)."""
    name = f"{TRIGGER_PREFIX}{table}"
    all_new = _whole_row(columns, "NEW", new=True)
    all_old = _whole_row(columns, "OLD", new=False)
    only_changed = _changed_only(columns)
    any_changed = " OR ".join(f"OLD.{_q(c)} IS NOT NEW.{_q(c)}" for c in columns)
    statements = [
        f"CREATE TRIGGER {name}_id_fixed BEFORE UPDATE OF id ON {_q(table)} "
        "WHEN OLD.id IS NOT NEW.id BEGIN "
        "SELECT RAISE(ABORT, '记录编号不能修改'); END",
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {_q(table)} BEGIN "
        f"{_insert_entry(table, 'I', 'NEW.id', all_new)} END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {_q(table)} "
        f"WHEN {any_changed} BEGIN "
        f"{_insert_entry(table, 'U', 'NEW.id', only_changed)} END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {_q(table)} BEGIN "
        f"{_insert_entry(table, 'D', 'OLD.id', all_old)} END",
    ]
    voidable = table in VOIDABLE_TABLES and set(VOID_COLUMNS) <= set(columns)
    if voidable:
        statements += _void_guards(name, table)
    if table in APPEND_ONLY_TABLES:
        # The one update allowed: voiding in error (作废) — the void columns set, every other column unchanged.
        only_voiding = (
            " AND ".join(f"OLD.{_q(c)} IS NEW.{_q(c)}" for c in columns if c not in VOID_COLUMNS)
            + " AND OLD.voided_on IS NULL AND NEW.voided_on IS NOT NULL"
        )
        statements += [
            f"CREATE TRIGGER {name}_append_only_update BEFORE UPDATE ON {_q(table)} "
            + (f"WHEN NOT ({only_voiding}) " if voidable else "")
            + "BEGIN SELECT RAISE(ABORT, '就业去向记录只能追加，不能修改；请新增一条变更记录'); END",
            # Deleting the person removes their history (cascade); deleting one entry on its own is refused.
            f"CREATE TRIGGER {name}_append_only_delete BEFORE DELETE ON {_q(table)} "
            "WHEN EXISTS (SELECT 1 FROM person WHERE id = OLD.person_id) BEGIN "
            "SELECT RAISE(ABORT, '就业去向记录只能追加，不能删除'); END",
        ]
    return statements


def _void_guards(name: str, table: str) -> list[str]:
    """A void (作废) needs a reason and is final: it is never cleared or rewritten, here or by a pull."""
    return [
        f"CREATE TRIGGER {name}_void_reason BEFORE UPDATE OF voided_on, void_reason ON {_q(table)} "
        "WHEN NEW.voided_on IS NOT NULL AND trim(coalesce(NEW.void_reason, '')) = '' BEGIN "
        "SELECT RAISE(ABORT, '作废必须填写原因'); END",
        f"CREATE TRIGGER {name}_void_final BEFORE UPDATE OF voided_on, void_reason, voided_by ON {_q(table)} "
        "WHEN OLD.voided_on IS NOT NULL AND (NEW.voided_on IS NOT OLD.voided_on OR "
        "NEW.void_reason IS NOT OLD.void_reason OR NEW.voided_by IS NOT OLD.voided_by) BEGIN "
        "SELECT RAISE(ABORT, '已作废的记录不能撤销或修改作废'); END",
    ]


_GUARD_STATEMENTS = [
    "CREATE TRIGGER yulu_journal_frozen BEFORE UPDATE ON change_journal BEGIN "
    "SELECT RAISE(ABORT, '已记录的变更不能修改'); END",
    "CREATE TRIGGER yulu_journal_compact_only_acked BEFORE DELETE ON change_journal "
    "WHEN OLD.seq > (SELECT acked_seq FROM device_state WHERE id = 1) BEGIN "
    "SELECT RAISE(ABORT, '变更尚未被县服务器确认，不能删除'); END",
    # The audit log's guards (append only, in chain order) are ``store.audit.GUARD_STATEMENTS``.
]


def _existing_tables(conn: Connection) -> set[str]:
    rows = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {row[0] for row in rows}


def drop_triggers(conn: Connection) -> None:
    rows = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'yulu_journal_%'"
    ).fetchall()
    for (name,) in rows:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {_q(name)}")


def install_triggers(conn: Connection) -> None:
    """(Re)create the journal triggers for every shared table present in the database.

    Called after every migration: SQLite batch migrations rebuild tables, which drops their triggers.
    """
    drop_triggers(conn)
    existing = _existing_tables(conn)
    if not {"change_journal", "device_state"} <= existing:
        return
    for table in SHARED_TABLES:
        if table in existing:
            for statement in trigger_statements(table, _journaled_columns(conn, table)):
                conn.exec_driver_sql(statement)
    for statement in _GUARD_STATEMENTS:
        conn.exec_driver_sql(statement)
    if "audit_log" in existing:
        _install_audit_guards(conn)


def insert_trigger_names(tables: Iterable[str]) -> list[str]:
    """The journal's insert triggers of ``tables``: dropped while a pulled page inserts many rows of them
    (``store.triggers.dropped``; ``applying_remote`` is set then, so they would write nothing, but a trigger
    program per row costs even so)."""
    return [f"{TRIGGER_PREFIX}{table}_insert" for table in tables]


def _install_audit_guards(conn: Connection) -> None:
    """Append-only guards of the audit log; with the hash-chain columns (migration 0005), the chain guard too,
    after entries written before the chain existed are chained (once: ``audit.chain_unhashed``)."""
    if not audit.has_chain_columns(conn):
        for statement in audit.GUARD_STATEMENTS[:2]:
            conn.exec_driver_sql(statement)
        return
    audit.chain_unhashed(conn)
    for statement in audit.GUARD_STATEMENTS:
        conn.exec_driver_sql(statement)


# --- bulk inserts ----------------------------------------------------------------------------------


@functools.cache
def _insert_statement(table: str, columns: tuple[str, ...]) -> str:
    return f"INSERT INTO {_q(table)} ({', '.join(map(_q, columns))}) VALUES ({', '.join('?' * len(columns))})"


@functools.cache
def _bulk_entries_statement(table: str, journaled: tuple[str, ...]) -> str:
    """One INSERT … SELECT journaling the rows of ``table`` after rowid ``:after``, in rowid order, as the insert
    trigger would have: the same JSON expression, change id, device, author and time; the clock starts at
    ``:hlc`` and goes up by one a row (the rows of one executemany have consecutive rowids)."""
    return (
        "INSERT INTO change_journal (change_id, entity, entity_id, op, changes, hlc, device_id, author, "
        "created_at) "
        f"SELECT {_CHANGE_ID_SQL}, '{table}', r.id, 'I', {_whole_row(journaled, 'r', new=True)}, "
        f":hlc + r.rowid - :after - 1, ds.device_id, ds.author, {_NOW_SQL} "
        f"FROM {_q(table)} AS r LEFT JOIN device_state AS ds ON ds.id = 1 "
        "WHERE r.rowid > :after ORDER BY r.rowid"
    )


def insert_rows(cursor: _Cursor, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``columns``, as SQLite stores them) into the shared ``table`` with
    the driver's executemany, and journal them with one statement instead of one trigger program per row.

    The entries are what the insert trigger writes (same JSON text, one per row in insertion order, after
    every earlier entry of the transaction), at a third less CPU for the whole write (docs/PERFORMANCE.md).
    The triggers are silenced only around this executemany — inserts write no other shared table — and
    switched back on even when it fails. While a pull is applied (``applying_remote``), or on a database
    without a device, the triggers decide as for any write. Call inside the write transaction of the caller;
    the rows and their entries commit or roll back together.
    """
    if not rows:
        return
    statement = _insert_statement(table, tuple(columns))
    state = cursor.execute("SELECT applying_remote FROM device_state WHERE id = 1").fetchone()
    if state is None or state[0]:
        cursor.executemany(statement, rows)
        return
    after = int(cursor.execute(f"SELECT coalesce(max(rowid), 0) FROM {_q(table)}").fetchone()[0])
    cursor.execute("UPDATE device_state SET applying_remote = 1 WHERE id = 1")
    try:
        cursor.executemany(statement, rows)
    finally:
        # Also when a row fails: the rows before it are written, and a caller that goes on finds them journaled.
        cursor.execute("UPDATE device_state SET applying_remote = 0 WHERE id = 1")
        journaled = _journal_inserted(cursor, table, after)
    if journaled != len(rows):
        # Rowids are taken above the largest one unless it is SQLite's maximum: never, in practice.
        raise RuntimeError(f"{table}: {len(rows)} rows inserted, {journaled} journaled")


def _journal_inserted(cursor: _Cursor, table: str, after: int) -> int:
    """Journal the rows of ``table`` after rowid ``after``; how many entries were written."""
    # The clock's start is read first and bound: a statement that inserts into change_journal and also reads it
    # (the trigger's clock subquery) has SQLite copy its whole SELECT into a temporary table first.
    hlc = cursor.execute(f"SELECT {_HLC_SQL} FROM device_state AS ds WHERE ds.id = 1").fetchone()[0]
    journaled = tuple(_journaled_columns(cursor, table))
    cursor.execute(_bulk_entries_statement(table, journaled), {"after": after, "hlc": hlc})
    return int(cursor.rowcount)


# --- reading and compacting -------------------------------------------------------------------------


def pending_count(conn: Connection) -> int:
    """How many entries wait for the county server, in constant time.

    Sequence numbers are never reused (AUTOINCREMENT) and only acknowledged entries may be deleted (a trigger
    enforces it), so every seq above ``acked_seq`` up to the newest is still there.
    """
    value = conn.execute(
        text(
            "SELECT coalesce((SELECT max(seq) FROM change_journal), acked_seq) - acked_seq "
            "FROM device_state WHERE id = 1"
        )
    ).scalar_one()
    return int(value)


def _entry(row: Sequence[Any]) -> JournalEntry:
    seq, change_id, entity, entity_id, op, changes, hlc, device_id, author, created_at = row
    return JournalEntry(
        seq=seq,
        change_id=change_id,
        entity=entity,
        entity_id=entity_id,
        op=op,
        changes=json.loads(changes),
        hlc=hlc,
        device_id=device_id,
        author=author,
        created_at=created_at,
    )


_SELECT_ENTRIES = (
    "SELECT seq, change_id, entity, entity_id, op, changes, hlc, device_id, author, created_at "
    "FROM change_journal "
)


def pending_entries(
    conn: Connection, *, after_seq: int | None = None, limit: int = 500
) -> list[JournalEntry]:
    """Unacknowledged entries in the order they were made (``seq``), ``limit`` at a time."""
    if after_seq is None:
        after_seq = acked_seq(conn)
    rows = conn.execute(
        text(_SELECT_ENTRIES + "WHERE seq > :after ORDER BY seq LIMIT :limit"),
        {"after": after_seq, "limit": limit},
    ).fetchall()
    return [_entry(r) for r in rows]


def entries_for(conn: Connection, entity: str, entity_id: str) -> list[JournalEntry]:
    rows = conn.execute(
        text(_SELECT_ENTRIES + "WHERE entity = :entity AND entity_id = :id ORDER BY seq"),
        {"entity": entity, "id": entity_id},
    ).fetchall()
    return [_entry(r) for r in rows]


def renumber_unsent(conn: Connection, *, after: int, first: int) -> int:
    """Number the entries after ``after`` consecutively from ``first``, in their order, and make the journal's
    counter go on after them. Returns how many entries there are.

    Entries are frozen by a trigger; it is lifted for this renumbering and put back as it was, in the caller's
    transaction. Only for entries no county has been offered under their numbers: unit matching closes the gaps
    of removed entries before the first push (``store.unsent``), and a restored laptop moves its new entries past
    the county's last number (``store.restore_mark``). Negating first keeps the primary key unique while rows move.
    """
    frozen = conn.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'yulu_journal_frozen'"
    ).scalar()
    if frozen is not None:
        conn.exec_driver_sql('DROP TRIGGER "yulu_journal_frozen"')
    seqs = [
        int(s)
        for s in conn.execute(
            text("SELECT seq FROM change_journal WHERE seq > :after ORDER BY seq"), {"after": after}
        ).scalars()
    ]
    for rank, seq in enumerate(seqs, start=first):
        if rank != seq:
            conn.execute(
                text("UPDATE change_journal SET seq = :new WHERE seq = :old"), {"new": -rank, "old": seq}
            )
    conn.execute(text("UPDATE change_journal SET seq = -seq WHERE seq < 0"))
    if frozen is not None:
        conn.exec_driver_sql(str(frozen))
    newest = max(
        first + len(seqs) - 1,
        int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM change_journal")).scalar_one()),
    )
    conn.execute(
        text("UPDATE sqlite_sequence SET seq = :newest WHERE name = 'change_journal'"), {"newest": newest}
    )
    return len(seqs)


def acked_seq(conn: Connection) -> int:
    return int(conn.execute(text("SELECT acked_seq FROM device_state WHERE id = 1")).scalar_one())


def acknowledge(conn: Connection, up_to_seq: int) -> int:
    """Record that the server holds every entry up to ``up_to_seq`` and compact them away.

    The clock floor keeps the newest compacted timestamp, so later entries still sort after them. Returns
    the number of entries removed. Call inside a transaction.
    """
    current = acked_seq(conn)
    newest = conn.execute(text("SELECT coalesce(max(seq), 0) FROM change_journal")).scalar_one()
    up_to_seq = min(up_to_seq, int(newest))  # never acknowledge what was not written yet
    if up_to_seq <= current:
        return 0
    conn.execute(
        text(
            "UPDATE device_state SET acked_seq = :seq, hlc_floor = max(hlc_floor, coalesce("
            "(SELECT max(hlc) FROM change_journal WHERE seq <= :seq), 0)) WHERE id = 1"
        ),
        {"seq": up_to_seq},
    )
    result = conn.execute(text("DELETE FROM change_journal WHERE seq <= :seq"), {"seq": up_to_seq})
    return int(result.rowcount)


def set_author(conn: Connection, author: str) -> None:
    """Name the person whose changes follow (written into every journal entry)."""
    conn.execute(text("UPDATE device_state SET author = :author WHERE id = 1"), {"author": author})


def device_id(conn: Connection) -> str:
    return str(conn.execute(text("SELECT device_id FROM device_state WHERE id = 1")).scalar_one())


def shared_tables_without_triggers(conn: Connection) -> list[str]:
    """Shared tables missing any of their journal triggers (``check`` reports these)."""
    names = {
        row[0]
        for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    }
    missing = []
    for table in SHARED_TABLES:
        wanted = {f"{TRIGGER_PREFIX}{table}_{kind}" for kind in ("insert", "update", "delete")}
        if not wanted <= names:
            missing.append(table)
    return missing
