"""``store.triggers.dropped`` with ``journal.insert_trigger_names``: a pulled page's inserts skip the journal's
insert triggers, and the triggers are back, exactly as they were, when the block ends — also when it raised."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text

from tests.store.test_journal_bulk import _setup
from yulu_desktop.store import journal, triggers
from yulu_desktop.store.database import Database


def _triggers(conn: Connection) -> dict[str, str]:
    rows = conn.exec_driver_sql("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
    return {str(name): str(sql) for name, sql in rows}


def _journaled(conn: Connection, table: str) -> list[str]:
    rows = conn.execute(
        text("SELECT entity_id FROM change_journal WHERE entity = :t ORDER BY seq"), {"t": table}
    )
    return [row[0] for row in rows]


def test_inserts_in_the_block_skip_the_trigger_and_the_triggers_come_back_as_they_were(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn, "jt_pulled", "jt_other")
        before = _triggers(conn)
        cursor = conn.connection.cursor()
        with triggers.dropped(cursor, journal.insert_trigger_names(["jt_pulled"])):
            assert "yulu_journal_jt_pulled_insert" not in _triggers(conn)
            assert "yulu_journal_jt_other_insert" in _triggers(conn), "only the tables named"
            cursor.execute("INSERT INTO jt_pulled (id, note) VALUES ('from-county', 'x')")
            cursor.execute("INSERT INTO jt_other (id, note) VALUES ('other', 'x')")
        assert _triggers(conn) == before
        cursor.execute("INSERT INTO jt_pulled (id, note) VALUES ('typed-here', 'y')")
    with db.read_connection() as conn:
        assert _journaled(conn, "jt_pulled") == ["typed-here"]
        assert _journaled(conn, "jt_other") == ["other"]
        assert _triggers(conn) == before


def test_the_triggers_come_back_when_the_block_raises(db: Database) -> None:
    """A caller that catches the error and goes on (a careful retry in the same transaction) must not write
    unjournaled data afterwards."""
    with db.write_connection() as conn:
        _setup(conn, "jt_pulled")
        before = _triggers(conn)
        cursor = conn.connection.cursor()
        with (
            pytest.raises(RuntimeError),
            triggers.dropped(cursor, journal.insert_trigger_names(["jt_pulled"])),
        ):
            cursor.execute("INSERT INTO jt_pulled (id) VALUES ('a')")
            raise RuntimeError("a change the database refused")
        assert _triggers(conn) == before
        cursor.execute("INSERT INTO jt_pulled (id) VALUES ('b')")
    with db.read_connection() as conn:
        assert _journaled(conn, "jt_pulled") == ["b"]


def test_a_rollback_keeps_the_triggers(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn, "jt_pulled")
        before = _triggers(conn)
    with (
        pytest.raises(RuntimeError),
        db.write_connection() as conn,
        triggers.dropped(conn.connection.cursor(), journal.insert_trigger_names(["jt_pulled"])),
    ):
        raise RuntimeError("power cut")
    with db.read_connection() as conn:
        assert _triggers(conn) == before


def test_no_tables_no_statements(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn, "jt_pulled")
        before = _triggers(conn)
        with triggers.dropped(conn.connection.cursor(), journal.insert_trigger_names([])):
            assert _triggers(conn) == before
