"""The journal triggers build the JSON of a change by concatenation (issue 20: nesting json_array() in
json_object() cost about as much as the row write itself). The text must be exactly what SQLite's JSON functions
make, for every kind of value a column can hold, and a pull must still write nothing to the journal."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

COLUMNS = ("id", "note", "amount", "ratio")

values = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
    st.sampled_from(['引号"', "反斜杠\\", "换行\n制表\t", "\x00\x01", "'单引号'", "😀", "</script>"]),
)


def _reference_insert(conn: Any, row: dict[str, Any]) -> str:
    pairs = ", ".join(f"'{c}', json_array(NULL, :{c})" for c in COLUMNS)
    return str(conn.execute(text(f"SELECT json_object({pairs})"), row).scalar_one())


def _setup(conn: Any) -> None:
    conn.exec_driver_sql("CREATE TABLE IF NOT EXISTS jtest (id TEXT PRIMARY KEY, note, amount, ratio)")
    for statement in journal.trigger_statements("jtest", COLUMNS):
        conn.exec_driver_sql(statement.replace("CREATE TRIGGER", "CREATE TRIGGER IF NOT EXISTS", 1))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(note=values, amount=values, ratio=values, new_note=values, new_ratio=values)
def test_journal_json_is_what_sqlite_json_functions_make(
    db: Database, note: Any, amount: Any, ratio: Any, new_note: Any, new_ratio: Any
) -> None:
    with db.write_connection() as conn:
        _setup(conn)
        conn.exec_driver_sql("DELETE FROM jtest")
        start = int(conn.execute(text("SELECT coalesce(max(seq), 0) FROM change_journal")).scalar_one())
        row = {"id": "r1", "note": note, "amount": amount, "ratio": ratio}
        conn.execute(text("INSERT INTO jtest VALUES (:id, :note, :amount, :ratio)"), row)
        inserted = conn.execute(text("SELECT id, note, amount, ratio FROM jtest")).one()
        conn.execute(
            text("UPDATE jtest SET note = :n, ratio = :r WHERE id = 'r1'"), {"n": new_note, "r": new_ratio}
        )
        updated = conn.execute(text("SELECT id, note, amount, ratio FROM jtest")).one()
        written = conn.execute(
            text("SELECT op, changes FROM change_journal WHERE seq > :s AND entity = 'jtest' ORDER BY seq"),
            {"s": start},
        ).all()
        before, after = dict(zip(COLUMNS, inserted, strict=True)), dict(zip(COLUMNS, updated, strict=True))
        reference = _reference_insert(conn, before)
        # SQL's IS NOT decides what changed (1 and 1.0 are the same value to SQLite).
        changed = [
            c
            for c in ("note", "ratio")
            if conn.execute(text("SELECT :a IS NOT :b"), {"a": before[c], "b": after[c]}).scalar_one()
        ]
        pairs = ", ".join(f"'{c}', json_array(:o_{c}, :n_{c})" for c in changed)
        update_reference = conn.execute(
            text(f"SELECT json_object({pairs})"),
            {**{f"o_{c}": before[c] for c in changed}, **{f"n_{c}": after[c] for c in changed}},
        ).scalar_one()
    assert written[0] == ("I", reference)
    assert written[1:] == ([("U", update_reference)] if changed else [])


def test_an_update_journals_only_the_changed_columns_in_column_order(db: Database) -> None:
    with db.write_connection() as conn:
        _setup(conn)
        conn.execute(text("INSERT INTO jtest VALUES ('r2', 'a', 1, 0.5)"))
        conn.execute(text("UPDATE jtest SET ratio = 0.25, note = 'b\"' WHERE id = 'r2'"))
        conn.execute(text("UPDATE jtest SET note = note WHERE id = 'r2'"))  # no change: no entry
        rows = conn.execute(
            text("SELECT op, changes FROM change_journal WHERE entity = 'jtest' ORDER BY seq")
        ).all()
    assert rows == [
        ("I", '{"id":[null,"r2"],"note":[null,"a"],"amount":[null,1],"ratio":[null,0.5]}'),
        ("U", '{"note":["a","b\\""],"ratio":[0.5,0.25]}'),
    ]


def test_while_a_pull_applies_nothing_is_journaled_and_without_a_device_nothing_is_written(
    db: Database,
) -> None:
    with db.write_connection() as conn:
        _setup(conn)
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        conn.execute(text("INSERT INTO jtest VALUES ('r3', 'x', 1, 1.5)"))
        conn.execute(text("UPDATE jtest SET note = 'y' WHERE id = 'r3'"))
        conn.execute(text("DELETE FROM jtest WHERE id = 'r3'"))
        conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))
        count = conn.execute(text("SELECT count(*) FROM change_journal WHERE entity = 'jtest'")).scalar_one()
    assert count == 0
    with pytest.raises(IntegrityError), db.write_connection() as conn:
        _setup(conn)
        conn.execute(text("DELETE FROM device_state"))
        conn.execute(text("INSERT INTO jtest VALUES ('r4', 'x', 1, 1.5)"))
    with db.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM jtest WHERE id = 'r4'")).scalar_one() == 0
