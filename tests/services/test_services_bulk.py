"""Bulk inserts: validated like single edits, all or nothing, journaled."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from yulu_desktop.domain.entities import Person, Visit
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.services import bulk
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

TODAY = date(2025, 11, 1)


def _visits(household_id: str, n: int) -> list[Visit]:
    return [
        Visit(
            household_id=household_id,
            visit_date=date(2025, 10, 1 + i % 28),
            visitor_name="李明",
            visitor_role="resident_cadre",
        )
        for i in range(n)
    ]


def test_insert_many_writes_and_journals_every_row(db: Database, sample_graph: dict[str, object]) -> None:
    household_id = sample_graph["household"].id  # type: ignore[attr-defined]
    items: list[object] = [
        Person(household_id=household_id, name="王小红", id_number="500229200801010021", relationship="30")
    ]
    items += _visits(household_id, 30)
    bulk.insert_many(db, items, actor="导入", today=TODAY, chunk_size=7)
    with db.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM visit")).scalar_one() == 31
        person = conn.execute(
            text("SELECT birth_date, sex, search_key FROM person WHERE name = '王小红'")
        ).one()
        assert tuple(person) == ("2008-01-01", "F", "王小红 wangxiaohong wxh")
        entries = journal.pending_entries(conn, limit=1000)
    inserted = [e for e in entries if e.author == "导入"]
    assert len(inserted) == 31
    assert {e.entity for e in inserted} == {"person", "visit"}


def test_insert_many_is_all_or_nothing_with_positions(db: Database, sample_graph: dict[str, object]) -> None:
    household_id = sample_graph["household"].id  # type: ignore[attr-defined]
    items = _visits(household_id, 5)
    items[3].visit_date = date(2026, 1, 1)
    with pytest.raises(ValidationFailed) as info:
        bulk.insert_many(db, items, actor="导入", today=TODAY)
    assert [issue.row for issue in info.value.errors] == [4]
    assert "第4行" in info.value.message
    with db.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM visit")).scalar_one() == 1  # only the sample graph's


def test_demo_failure_midway_raises_and_keeps_earlier_chunks_consistent(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing row generator surfaces its error; the chunk being written is rolled back as a whole."""
    from yulu_desktop.services import demo

    calls = {"n": 0}
    real = demo._household_rows

    def failing(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 15:
            raise RuntimeError("generator broke")
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(demo, "_household_rows", failing)
    with pytest.raises(RuntimeError, match="generator broke"):
        demo.generate_demo(db, households=20, seed=3, chunk_households=10)
    with db.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM household")).scalar_one() == 10
        assert (
            conn.execute(
                text("SELECT count(*) FROM person WHERE household_id NOT IN (SELECT id FROM household)")
            ).scalar_one()
            == 0
        )
