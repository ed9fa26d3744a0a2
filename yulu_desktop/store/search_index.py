"""The people search index: an FTS5 trigram table kept in step with ``person`` and ``household`` by triggers.

One row per person holds every searchable term between spaces — name, pinyin readings and initials
(``person.search_key``), ID number, phone, 人员编号 and 户编号 — so that ``LIKE '% zk%'`` (a reading starting
with zk), ``'%1234 %'`` (an ID or phone ending in 1234) and ``'%5002291%'`` (part of a 户编号) are answered
from the trigram index in milliseconds at county scale instead of scanning the person table.

Each index row has the rowid of its person row, so the triggers find it through the primary key (the
``person_id`` column is UNINDEXED: matching on it would scan the whole index on every update). VACUUM may
renumber the rowids of ``person``; ``install`` checks the pairing and refills the index if it is off.

Single characters (鑫, 鼎: a rare given name) and two characters anywhere in a name: a trigram index cannot
look up fewer than three characters, so the terms also hold the name's characters between bars
(``|王|小|鑫|``): ``'%|鑫|%'`` and ``'%小|鑫%'`` are three-character patterns answered from the index. The name
itself is in the terms too (not only through ``search_key``), so a person is found by name even where the
derived key is empty.

Like the journal triggers, the index is derived from the live schema, not versioned by migrations: it is
(re)installed after every migration run, and filled from ``person`` when it is created; an index of an older
layout (``person_search_version`` differs from ``LAYOUT_VERSION``) is dropped and built again. A laptop already
at the newest revision runs no migration, so a new layout ships with a migration (layout 2: 0008, which also
computes the search keys again).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection

TABLE = "person_search"

#: Positions 1..N, to split a name into its characters inside a trigger (triggers cannot use WITH RECURSIVE).
SEQUENCE = "person_search_seq"
_NAME_CHARS_INDEXED = 64

#: Bump when the layout of the terms changes: an index whose version differs is built again.
LAYOUT_VERSION = 2
_VERSION_TABLE = "person_search_version"

_CREATE_TABLE = f"CREATE VIRTUAL TABLE {TABLE} USING fts5(person_id UNINDEXED, terms, tokenize='trigram')"

#: The separator between the characters of a name in the terms (never part of a name or an identifier).
CHAR_BAR = "|"

_TERMS = (
    "' ' || {p}.name || ' ' || {p}.search_key || ' ' || coalesce({p}.id_number, '') || ' ' || {p}.phone || ' ' || "
    "coalesce({p}.person_no, '') || ' ' || coalesce((SELECT h.household_no FROM household h "
    "WHERE h.id = {p}.household_id), '') || ' |' || coalesce((SELECT group_concat(substr({p}.name, n, 1), '|' "
    f"ORDER BY n) FROM {SEQUENCE} WHERE n <= length({{p}}.name)), '') || '| '"
)

_TRIGGERS: tuple[str, ...] = (
    "CREATE TRIGGER person_search_insert AFTER INSERT ON person BEGIN "
    "INSERT INTO person_search (rowid, person_id, terms) "
    f"VALUES (NEW.rowid, NEW.id, {_TERMS.format(p='NEW')}); END",
    "CREATE TRIGGER person_search_update AFTER UPDATE OF name, search_key, id_number, phone, person_no, household_id "
    f"ON person BEGIN UPDATE person_search SET terms = {_TERMS.format(p='NEW')} WHERE rowid = OLD.rowid; END",
    "CREATE TRIGGER person_search_delete AFTER DELETE ON person BEGIN "
    "DELETE FROM person_search WHERE rowid = OLD.rowid; END",
    "CREATE TRIGGER person_search_household AFTER UPDATE OF household_no ON household BEGIN "
    f"UPDATE person_search SET terms = (SELECT {_TERMS.format(p='p')} FROM person p "
    "WHERE p.rowid = person_search.rowid) "
    "WHERE rowid IN (SELECT rowid FROM person WHERE household_id = NEW.id); END",
)


def is_index_object(name: str) -> bool:
    """Whether a schema object belongs to the index (FTS5 makes shadow tables ``person_search_*``)."""
    return name == TABLE or name.startswith(TABLE + "_")


def drop(conn: Connection) -> None:
    """Remove the index, its triggers and its helper tables (``install`` builds them again)."""
    for statement in _TRIGGERS:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {statement.split()[2]}")
    for table in (TABLE, SEQUENCE, _VERSION_TABLE):
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table}")


def _layout_version(conn: Connection, names: set[str]) -> int:
    if _VERSION_TABLE not in names:
        return 1
    return int(conn.exec_driver_sql(f"SELECT coalesce(max(version), 0) FROM {_VERSION_TABLE}").scalar_one())


def install(conn: Connection) -> None:
    """Create the index if it is missing or of an older layout (filling it from ``person``) and (re)create its
    triggers."""
    for statement in _TRIGGERS:
        trigger_name = statement.split()[2]
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger_name}")
    names = {row[0] for row in conn.exec_driver_sql("SELECT name FROM sqlite_master").fetchall()}
    if not {"person", "household"} <= names:
        drop(conn)
        return
    if TABLE in names and _layout_version(conn, names) != LAYOUT_VERSION:
        drop(conn)
        names -= {TABLE, SEQUENCE, _VERSION_TABLE}
    if TABLE not in names:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {SEQUENCE}")
        conn.exec_driver_sql(f"CREATE TABLE {SEQUENCE} (n INTEGER PRIMARY KEY)")
        conn.exec_driver_sql(
            f"INSERT INTO {SEQUENCE} (n) VALUES "
            + ", ".join(f"({n})" for n in range(1, _NAME_CHARS_INDEXED + 1))
        )
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {_VERSION_TABLE}")
        conn.exec_driver_sql(f"CREATE TABLE {_VERSION_TABLE} (version INTEGER NOT NULL)")
        conn.exec_driver_sql(f"INSERT INTO {_VERSION_TABLE} (version) VALUES ({LAYOUT_VERSION})")
        conn.exec_driver_sql(_CREATE_TABLE)
        _fill(conn)
    elif not in_step(conn):
        conn.exec_driver_sql(f"DELETE FROM {TABLE}")
        _fill(conn)
    for statement in _TRIGGERS:
        conn.exec_driver_sql(statement)


def _fill(conn: Connection) -> None:
    conn.exec_driver_sql(
        f"INSERT INTO {TABLE} (rowid, person_id, terms) SELECT p.rowid, p.id, {_TERMS.format(p='p')} FROM person p"
    )


def in_step(conn: Connection) -> bool:
    """Whether every person has exactly its own index row (false after a VACUUM renumbered the rowids)."""
    people = conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one()
    indexed = conn.exec_driver_sql(f"SELECT count(*) FROM {TABLE}").scalar_one()
    paired = conn.exec_driver_sql(
        f"SELECT count(*) FROM {TABLE} s JOIN person p ON p.rowid = s.rowid AND p.id = s.person_id"
    ).scalar_one()
    return bool(people == indexed == paired)


# --- bulk inserts (a first pull) ---------------------------------------------------------------------------

#: From this many new people in one transaction on, indexing them with one statement at the end is cheaper
#: than the insert trigger's statement per row.
BULK_THRESHOLD = 500
#: The trigger that indexes each inserted person: dropped while a pulled page inserts many
#: (``store.triggers.dropped``), whose people ``index_people`` then indexes in one statement per 500. Updates
#: and deletes stay indexed by their triggers (an update of a person without an index row yet changes nothing;
#: ``index_people`` reads the final values).
INSERT_TRIGGER = "person_search_insert"


def index_people(cursor: Any, person_ids: Sequence[str]) -> None:
    """Index rows for people inserted while ``INSERT_TRIGGER`` was dropped (ids of people no longer there
    are skipped).

    The rows go in in ascending rowid order: FTS5 keeps the terms of its pending rows in memory only while
    each rowid is larger than the last, and writes a new segment on disk (to be merged later) each time one
    is not. In the order of the ids the same people cost about three times the CPU."""
    rowids: list[int] = []
    for start in range(0, len(person_ids), 500):
        ids = tuple(person_ids[start : start + 500])
        cursor.execute(f"SELECT rowid FROM person WHERE id IN ({', '.join('?' * len(ids))})", ids)
        rowids += [row[0] for row in cursor.fetchall()]
    rowids.sort()
    terms = _TERMS.format(p="p")
    for start in range(0, len(rowids), 500):
        chunk = tuple(rowids[start : start + 500])
        cursor.execute(
            f"INSERT INTO {TABLE} (rowid, person_id, terms) SELECT p.rowid, p.id, {terms} FROM person p "
            f"WHERE p.rowid IN ({', '.join('?' * len(chunk))}) ORDER BY p.rowid",
            chunk,
        )


def with_search_key(values: dict[str, Any]) -> dict[str, Any]:
    """A person's pulled values, with the local-only ``search_key`` of the name they set (written in the same
    statement: the key is never synced, and without it a person is not found by pinyin or initials). Values
    without a name are returned as they are."""
    name = values.get("name")
    if not isinstance(name, str):
        return values
    from yulu_desktop.domain.pinyin import search_key  # pypinyin loads its dictionaries: only when needed

    return {**values, "search_key": search_key(name)}
