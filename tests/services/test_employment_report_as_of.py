"""The monthly employment report of a past month counts the graduates not placed and their overdue actions as of
the month's end, like the rest of its figures: the March report printed in June shows March's list."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    OrgUnit,
    Person,
    PlacementAction,
)
from yulu_desktop.services import employment_report as er
from yulu_desktop.services import employment_stats as es
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

JUNE = dt.date(2026, 6, 15)
MARCH_END = dt.date(2026, 3, 31)


@pytest.fixture
def county(db: Database) -> dict[str, str]:
    """城口县 › 庙坝镇 › 红岩村 with two 2025 graduates, both seeking work from August 2025.

    - 张甲 is placed on 6 May 2026 (employed). Their action of 1 March, due 20 March, was done on 6 May: open and
      overdue on 31 March.
    - 李乙 is never placed. Their action of 1 February is due 10 April (not overdue on 31 March, overdue in June);
      an action recorded on 20 April, due 25 April, did not exist on 31 March.
    """
    county = OrgUnit(code="500229", name="城口县", level="county")
    township = OrgUnit(code="500229101", name="庙坝镇", level="township", parent_id=county.id)
    village = OrgUnit(code="500229101201", name="红岩村", level="village", parent_id=township.id)
    records: list[Any] = [county, township, village]
    people: dict[str, str] = {}
    for n, (key, name) in enumerate((("zhang", "张甲"), ("li", "李乙")), start=1):
        household = Household(household_no=f"{village.code}{n:04d}", village_id=village.id)
        person = Person(household_id=household.id, name=name, relationship="20")
        people[key] = person.id
        records += [
            household,
            person,
            Enrollment(
                person_id=person.id,
                school_year="2024-2025",
                semester="spring",
                school_name="重庆三峡职业学院",
                school_type="higher_vocational",
                major="数控技术",
                registry_status="graduated",
                ended_on=dt.date(2025, 6, 30),
            ),
            EmploymentRecord(
                person_id=person.id,
                effective_date=dt.date(2025, 8, 1),
                destination="seeking",
                recorded_at=dt.datetime(2025, 8, 1, 9),
            ),
        ]
    records += [
        EmploymentRecord(
            person_id=people["zhang"],
            effective_date=dt.date(2026, 5, 6),
            destination="employed",
            employer="城口县宏达机械有限公司",
            recorded_at=dt.datetime(2026, 5, 6, 9),
        ),
        PlacementAction(
            person_id=people["zhang"],
            recorded_on=dt.date(2026, 3, 1),
            reason="seeking",
            next_action="推荐岗位",
            due_on=dt.date(2026, 3, 20),
            done_on=dt.date(2026, 5, 6),
        ),
        PlacementAction(
            person_id=people["li"],
            recorded_on=dt.date(2026, 2, 1),
            reason="training",
            next_action="参加电工培训",
            due_on=dt.date(2026, 4, 10),
        ),
        PlacementAction(
            person_id=people["li"],
            recorded_on=dt.date(2026, 4, 20),
            reason="seeking",
            next_action="参加招聘会",
            due_on=dt.date(2026, 4, 25),
        ),
    ]
    with db.write() as session:
        journal.set_author(session.connection(), "测试员")
        for record in records:
            session.add(record)
            session.flush()
    return {"county": county.id, **people}


def test_a_past_month_counts_the_unemployed_as_of_its_end(db: Database, county: dict[str, str]) -> None:
    march = er.monthly_report(db, dt.date(2026, 3, 1), unit_id=county["county"], actor="王县", today=JUNE)
    assert march.as_of == MARCH_END
    # 张甲 was placed only in May: unemployed in March, like the board's own count of the unplaced.
    assert march.unemployed == 2 == march.board.totals.unplaced
    # 张甲's action was still open on 31 March (done in May) and overdue; 李乙's was due only in April, and
    # their later action did not exist yet.
    assert [(r.name, r.next_action, r.due_on) for r in march.overdue] == [
        ("张甲", "推荐岗位", dt.date(2026, 3, 20))
    ]
    data = er.report_print_data(march, now=dt.datetime(2026, 6, 15, 10))
    assert data.unemployed.startswith("截至统计日，未落实去向的毕业生共 2 人，其中帮扶措施已过期限的 1 人")


def test_the_current_month_counts_as_of_today(db: Database, county: dict[str, str]) -> None:
    june = er.monthly_report(db, JUNE, unit_id=county["county"], actor="王县", today=JUNE)
    assert june.as_of == JUNE and june.unemployed == 1
    # The latest action open today: the one of 20 April, overdue.
    assert [(r.name, r.next_action, r.overdue) for r in june.overdue] == [("李乙", "参加招聘会", True)]
    listed = es.unemployed_graduates(db, unit_id=county["county"], today=JUNE)
    assert [(r.name, r.due_on, r.overdue) for r in listed] == [("李乙", dt.date(2026, 4, 25), True)]


def test_the_unemployed_list_as_of_a_day(db: Database, county: dict[str, str]) -> None:
    rows = es.unemployed_graduates(db, unit_id=county["county"], as_of=MARCH_END)
    assert [(r.name, r.next_action, r.overdue) for r in rows] == [
        ("张甲", "推荐岗位", True),
        ("李乙", "参加电工培训", False),
    ]
    # An action done the next day is still open; the day before its due date it is not overdue.
    assert [r.next_action for r in es.unemployed_graduates(db, as_of=dt.date(2026, 5, 5))] == [
        "推荐岗位",
        "参加招聘会",
    ]
    assert not es.unemployed_graduates(db, as_of=dt.date(2026, 3, 19))[0].overdue
