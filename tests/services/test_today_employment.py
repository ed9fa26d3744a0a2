"""今日工作 sections of employment help (issue 16): follow-ups due (稳岗回访) and overdue placement actions."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from tests.services.employment_fixtures import TODAY, build_employment_county
from yulu_desktop.domain.entities import EmploymentRecord, PlacementAction
from yulu_desktop.services import placement, today
from yulu_desktop.store.database import Database


@pytest.fixture
def county(db: Database) -> dict[str, str]:
    return build_employment_county(db, today=TODAY)


def _now(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 9)


def test_employment_sections_are_loaded(db: Database, county: dict[str, str]) -> None:
    result = today.load_today(db, day=TODAY, now=_now(TODAY))
    assert set(today.EMPLOYMENT_SECTIONS) <= set(result.sections)


def test_follow_ups_due(db: Database, county: dict[str, str]) -> None:
    year = int(county["year"])
    section = today.load_today(db, day=TODAY, now=_now(TODAY)).sections["follow_ups"]
    assert section.count == 3
    assert [(line.name, line.facts[1], line.facts[2]) for line in section.lines] == [
        ("孙磊", 1, date(year, 9, 1)),
        ("张坤", 3, date(year, 10, 15)),
        ("孙磊", 3, date(year, 11, 1)),
    ]
    first = section.lines[0]
    assert first.person_id == county["sun"] and first.village == "三岔村" and first.household_no
    assert (
        first.household_id
        and first.facts[0] == "宁波甬城电子有限公司"
        and first.facts[3] == county["job_sun"]
    )
    # Scoped to a township; and once done, a follow-up leaves the list.
    township = today.load_today(db, county["miaoba"], day=TODAY, now=_now(TODAY)).sections["follow_ups"]
    assert [line.name for line in township.lines] == ["张坤"]
    placement.record_follow_up(db, county["job_zhang"], 3, actor="测试员", today=TODAY)
    township = today.load_today(db, county["miaoba"], day=TODAY, now=_now(TODAY)).sections["follow_ups"]
    assert township.count == 0


def test_follow_ups_due_soon_are_listed_and_later_ones_are_not(db: Database, county: dict[str, str]) -> None:
    year = int(county["year"])
    placement.record_follow_up(db, county["job_zhang"], 3, actor="测试员", today=TODAY)
    # zhang's 6-month follow-up falls due on 15 January.
    early = today.load_today(db, county["hongyan"], day=date(year + 1, 1, 7), now=_now(date(year + 1, 1, 7)))
    assert early.sections["follow_ups"].count == 0
    soon = today.load_today(db, county["hongyan"], day=date(year + 1, 1, 8), now=_now(date(year + 1, 1, 8)))
    assert [line.facts[1] for line in soon.sections["follow_ups"].lines] == [6]


def test_lines_are_limited_but_counted(db: Database, county: dict[str, str]) -> None:
    section = today.load_today(db, day=TODAY, limit=2, now=_now(TODAY)).sections["follow_ups"]
    assert (section.count, len(section.lines)) == (3, 2)


def test_overdue_placement_actions(db: Database, county: dict[str, str]) -> None:
    section = today.load_today(db, day=TODAY, now=_now(TODAY)).sections["placement_overdue"]
    assert [(line.name, line.village) for line in section.lines] == [("王强", "石坪村")]
    reason, next_action, due_on, action_id = section.lines[0].facts
    assert (reason, next_action, due_on, action_id) == (
        "seeking",
        "推荐参加专场招聘会",
        TODAY - timedelta(days=3),
        county["action_wang"],
    )
    assert (
        today.load_today(db, county["gaoguan"], day=TODAY, now=_now(TODAY))
        .sections["placement_overdue"]
        .count
        == 0
    )


def test_an_action_not_yet_due_done_or_of_a_placed_graduate_is_not_listed(
    db: Database, county: dict[str, str]
) -> None:
    with db.write() as session:
        session.add(
            PlacementAction(
                person_id=county["li"],
                recorded_on=TODAY - timedelta(days=10),
                reason="seeking",
                next_action="推荐护理岗位",
                due_on=TODAY,  # due today: not overdue yet
            )
        )
        session.add(
            PlacementAction(
                person_id=county["zhao"],  # in further study: placed
                recorded_on=TODAY - timedelta(days=10),
                reason="waiting",
                next_action="了解升学情况",
                due_on=TODAY - timedelta(days=1),
            )
        )
    assert [
        line.name
        for line in today.load_today(db, day=TODAY, now=_now(TODAY)).sections["placement_overdue"].lines
    ] == ["王强"]
    placement.finish_placement_action(db, county["action_wang"], actor="测试员", today=TODAY)
    assert today.load_today(db, day=TODAY, now=_now(TODAY)).sections["placement_overdue"].count == 0


def test_an_action_of_a_graduate_who_found_a_job_leaves_the_list(
    db: Database, county: dict[str, str]
) -> None:
    with db.write() as session:
        session.add(
            EmploymentRecord(
                person_id=county["wang"],
                effective_date=TODAY - timedelta(days=1),
                destination="employed",
                employer="县电商中心",
                recorded_at=datetime(2025, 11, 30, 10),
            )
        )
    assert today.load_today(db, day=TODAY, now=_now(TODAY)).sections["placement_overdue"].count == 0
