"""``journal.insert_rows``: a bulk insert journaled by one statement must leave exactly the entries the insert
trigger writes — the same JSON text, in insertion order, after the transaction's earlier entries and before its
later ones, with a clock that only goes up — and must never leave the triggers silenced."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest
import sqlcipher3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Connection, text

from tests.store.test_journal_json import COLUMNS, values
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database


def _setup(conn: Connection, *tables: str) -> None:
    for table in tables:
        conn.exec_driver_sql(f"CREATE TABLE IF NOT EXISTS {table} (id TEXT PRIMARY KEY, note, amount, ratio)")
        conn.exec_driver_sql(f"DELETE FROM {table}")
        for statement in journal.trigger_statements(table, COLUMNS):
            conn.exec_driver_sql(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


def _entries(conn: Connection, table: str, *, after: int = 0) -> list[tuple[Any, ...]]:
    return [
        tuple(row)
        for row in conn.execute(
            text(
                "SELECT seq, change_id, entity_id, op, changes, hlc, device_id, author, created_at "
                "FROM change_journal WHERE entity = :t AND seq > :after ORDER BY seq"
            ),
            {"t": table, "after": after},
        )
    ]


def _applying_remote(conn: Connection) -> int:
    return int(conn.execute(text("SELECT applying_remote FROM device_state WHERE id = 1")).scalar_one())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(values, values, values), min_size=1, max_size=8))
def test_the_entries_are_those_the_insert_trigger_writes(db: Database, rows: list[tuple[Any, ...]]) -> None:
    keyed = [(f"r{i}", *row) for i, row in enumerate(rows)]
    with db.write_connection() as conn:
        _setup(conn, "jt_trigger", "jt_bulk")
        start = int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM change_journal")).scalar_one())
        cursor = conn.connection.cursor()
        cursor.executemany("INSERT INTO jt_trigger VALUES (?, ?, ?, ?)", keyed)
        journal.insert_rows(cursor, "jt_bulk", COLUMNS, keyed)
        by_trigger, in_bulk = (
            _entries(conn, "jt_trigger", after=start),
            _entries(conn, "jt_bulk", after=start),
        )
    # Same record ids in the same order, the same op and the same JSON text, device and author.
    assert [(e[2], e[3], e[4], e[6], e[7]) for e in in_bulk] == [
        (e[2], e[3], e[4], e[6], e[7]) for e in by_trigger
    ]
    assert all(re.fullmatch(r"[0-9a-f]{32}", e[1]) for e in in_bulk)
    assert len({e[1] for e in by_trigger + in_bulk}) == len(by_trigger) + len(in_bulk)
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", e[8]) for e in in_bulk)
    seqs_and_clocks = [(e[0], e[5]) for e in by_trigger + in_bulk]
    assert [s for s, _ in seqs_and_clocks] == sorted(s for s, _ in seqs_and_clocks)
    clocks = [h for _, h in seqs_and_clocks]
    assert all(a < b for a, b in itertools.pairwise(clocks))


def test_entries_keep_the_order_of_the_writes_around_them(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn, "jt_order")
        cursor = conn.connection.cursor()
        conn.execute(text("INSERT INTO jt_order VALUES ('before', 'a', 1, 1.0)"))
        journal.insert_rows(cursor, "jt_order", COLUMNS, [(f"b{i}", "x", i, None) for i in range(50)])
        conn.execute(text("UPDATE jt_order SET note = 'changed' WHERE id = 'b7'"))
        conn.execute(text("INSERT INTO jt_order VALUES ('after', 'z', 2, 2.0)"))
        entries = _entries(conn, "jt_order")
    assert [(e[2], e[3]) for e in entries] == [
        ("before", "I"),
        *[(f"b{i}", "I") for i in range(50)],
        ("b7", "U"),
        ("after", "I"),
    ]
    clocks = [e[5] for e in entries]
    assert all(a < b for a, b in itertools.pairwise(clocks))


def test_a_failing_row_leaves_the_rows_before_it_journaled_and_the_triggers_on(db: Database) -> None:
    """A caller that catches the error and goes on must not be left with unjournaled rows or silenced triggers."""
    with db.write_connection() as conn:
        _setup(conn, "jt_fail")
        cursor = conn.connection.cursor()
        rows = [("k1", "a", 1, None), ("k2", "b", 2, None), ("k1", "again", 3, None), ("k4", "d", 4, None)]
        with pytest.raises(sqlcipher3.IntegrityError):
            journal.insert_rows(cursor, "jt_fail", COLUMNS, rows)
        assert _applying_remote(conn) == 0
        assert [(e[2], e[3]) for e in _entries(conn, "jt_fail")] == [("k1", "I"), ("k2", "I")]
        conn.execute(text("INSERT INTO jt_fail VALUES ('k5', 'e', 5, NULL)"))
        assert [e[2] for e in _entries(conn, "jt_fail")] == ["k1", "k2", "k5"]


def test_while_a_pull_applies_nothing_is_journaled_and_the_pull_stays_silent(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn, "jt_pull")
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        journal.insert_rows(conn.connection.cursor(), "jt_pull", COLUMNS, [("p1", "x", 1, None)])
        assert _applying_remote(conn) == 1
        assert _entries(conn, "jt_pull") == []
        conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))


def test_without_a_device_nothing_is_written(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn, "jt_nodevice")
    with pytest.raises(sqlcipher3.IntegrityError), db.write_connection() as conn:
        conn.execute(text("DELETE FROM device_state"))
        journal.insert_rows(conn.connection.cursor(), "jt_nodevice", COLUMNS, [("n1", "x", 1, None)])
    with db.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM jt_nodevice")).scalar_one() == 0
