"""今日工作 at start-up: a section shorter than its page of lines is read once, its count taken from the lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event, text

from yulu_desktop.domain.entities import Household, Person
from yulu_desktop.services import records, today
from yulu_desktop.store.database import Database

DAY = dt.date(2025, 11, 10)
ACTOR = "李明"
SECTION_COUNT = "SELECT count(*) FROM (SELECT 1"


@pytest.fixture
def five_households(db: Database) -> str:
    """Five households never visited in a village of their own; the village's id."""
    with records.writing(db, ACTOR) as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        village = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    for number, word in enumerate("一二三四五"):
        household = Household(household_no=f"500229101201000{number}", village_id=village.id)
        records.register_household(db, household, actor=ACTOR, today=DAY)
        records.add_member(
            db,
            Person(household_id=household.id, name=f"户主{word}", relationship="01"),
            actor=ACTOR,
            today=DAY,
        )
    return str(village.id)


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


def test_short_sections_are_read_once(db: Database, five_households: str) -> None:
    with statements(db) as seen:
        result = today.load_today(db, five_households, day=DAY, limit=50)
    section = result.sections["not_visited"]
    assert section.count == 5 and len(section.lines) == 5
    assert result.sections["overdue"].count == 0
    assert [s for s in seen if SECTION_COUNT in s] == []


def test_a_full_page_of_lines_is_counted(db: Database, five_households: str) -> None:
    with statements(db) as seen:
        section = today.load_today(db, five_households, day=DAY, limit=2).sections["not_visited"]
    assert section.count == 5 and [line.name for line in section.lines] == ["户主一", "户主二"]
    assert len([s for s in seen if SECTION_COUNT in s]) == 1  # only this section has more than its lines


def test_the_count_is_capped_when_taken_from_the_lines(
    db: Database, five_households: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(today, "COUNT_CAP", 3)
    section = today.load_today(db, five_households, day=DAY, limit=10).sections["not_visited"]
    assert len(section.lines) == 5 and section.count == 3 and section.capped


def test_a_township_lists_its_households_not_visited_in_number_order(
    db: Database, five_households: str
) -> None:
    """Beyond a village the section walks the household numbers (not the villages): same lines, same order."""
    with records.writing(db, ACTOR) as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        other_township = records.ensure_org_unit(session, "500229102", "高观镇", "township", county)
        other = records.ensure_org_unit(session, "500229102201", "新华村", "village", other_township)
    household = Household(household_no="5002291012000000", village_id=other.id)  # sorts first, elsewhere
    records.register_household(db, household, actor=ACTOR, today=DAY)
    records.add_member(
        db, Person(household_id=household.id, name="外镇户主", relationship="01"), actor=ACTOR, today=DAY
    )
    with db.read_connection() as conn:
        township = conn.execute(
            text("SELECT parent_id FROM org_unit WHERE id = :id"), {"id": five_households}
        ).scalar_one()
    village = today.load_today(db, five_households, day=DAY).sections["not_visited"]
    for scope in (township, str(county.id)):
        section = today.load_today(db, scope, day=DAY, limit=3).sections["not_visited"]
        expected = 5 if scope == township else 6
        assert section.count == expected
        names = [line.name for line in section.lines]
        if scope == township:
            assert names == [line.name for line in village.lines][:3] == ["户主一", "户主二", "户主三"]
        else:
            assert names == ["外镇户主", "户主一", "户主二"]
