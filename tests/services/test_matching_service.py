"""Matching on a laptop (issue 16): profiles from the database, positions for a person, candidates for a
position (graduates not employed and final-year students, in scope), with a bounded number of queries."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import event

from tests.services.employment_fixtures import TODAY, build_employment_county
from yulu_desktop.domain.employment import add_months
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentRecord,
    Enrollment,
    Household,
    Person,
    Training,
)
from yulu_desktop.domain.errors import NotFound
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.services import matching
from yulu_desktop.store.database import Database


@pytest.fixture
def county(db: Database) -> dict[str, str]:
    return build_employment_county(db, today=TODAY)


@contextmanager
def _counting(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", count)


def _add(db: Database, *records: object) -> None:
    with db.write() as session:
        for record in records:
            session.add(record)
            session.flush()


def test_graduate_profile(db: Database, county: dict[str, str]) -> None:
    li = matching.graduate_profile(db, county["li"], today=TODAY)
    assert (li.name, li.major, li.village, li.graduation_year) == ("李娜", "护理", "红岩村", 2025)
    assert (li.wanted_region, li.wanted_income_fen, li.wanted_industry, li.skill_level) == (
        "province",
        400000,
        "health",
        "none",
    )
    zhou = matching.graduate_profile(db, county["zhou"], today=TODAY)
    assert (zhou.skill_level, zhou.major, zhou.graduation_year) == ("level4", "数控技术应用", 2026)
    # wang: no ended_on, so the graduation year is the second year of the school year.
    assert matching.graduate_profile(db, county["wang"], today=TODAY).graduation_year == 2024
    with pytest.raises(NotFound):
        matching.graduate_profile(db, "nobody", today=TODAY)


def test_profile_reads_the_latest_plan_and_enrollment_and_skips_voided_certificates(
    db: Database, county: dict[str, str]
) -> None:
    _add(
        db,
        CareerPlan(
            person_id=county["li"],
            recorded_on=TODAY - timedelta(days=1),
            goal="回县城工作",
            wanted_region="county",
            wanted_income_fen=None,
        ),
        # An older plan recorded later does not win.
        CareerPlan(
            person_id=county["li"], recorded_on=TODAY - timedelta(days=400), goal="x", wanted_region="outside"
        ),
        Training(person_id=county["li"], kind="certificate", name="护理", certificate_level="高级工"),
        Training(
            person_id=county["li"],
            kind="certificate",
            name="作废的",
            certificate_level="技师",
            voided_on=TODAY,
            void_reason="录错了",
            voided_by="测试员",
        ),
        Enrollment(
            person_id=county["li"],
            school_year="2025-2026",
            semester="autumn",
            school_name="重庆医专",
            school_type="higher_vocational",
            major="助产",
            registry_status="enrolled",
        ),
    )
    li = matching.graduate_profile(db, county["li"], today=TODAY)
    assert (li.wanted_region, li.wanted_income_fen, li.skill_level, li.major) == (
        "county",
        None,
        "level3",
        "助产",
    )
    assert li.graduation_year is None  # back at school, no entry date: neither graduate nor final-year


def test_a_person_without_enrollment_has_a_profile(db: Database, county: dict[str, str]) -> None:
    with db.read() as session:
        village_household = session.get(Person, county["li"])
        assert village_household is not None
        household_id = village_household.household_id
    person = Person(
        household_id=household_id, name="李小", id_number=make_id_number("500229", date(2006, 1, 9), 31)
    )
    _add(db, person)
    profile = matching.graduate_profile(db, person.id, today=TODAY)
    assert (profile.name, profile.major, profile.graduation_year) == ("李小", "", None)


def test_positions_for_a_graduate(db: Database, county: dict[str, str]) -> None:
    found = matching.positions_for(db, county["li"], today=TODAY)
    assert [(m.position.id, m.match.score, m.match.fits) for m in found] == [
        (county["pos_nurse"], 100, True),
        (county["pos_ningbo"], 35, False),
        (county["pos_cnc"], 15, False),
    ]  # pos_closed is past its deadline
    assert found[0].match.reasons[0] == "专业对口（护理）"
    assert found[0].position.enterprise_name == "万州康宁医院"
    fitting = matching.positions_for(db, county["li"], today=TODAY, fitting_only=True)
    assert [m.position.id for m in fitting] == [county["pos_nurse"]]


def test_graduates_for_a_position(db: Database, county: dict[str, str]) -> None:
    found = matching.graduates_for(db, county["pos_nurse"], today=TODAY)
    # li and zhao (护理) fit; employed graduates (zhang, sun) are not candidates; wang's major is foreign.
    assert [(g.name, g.match.score, g.employed, g.final_year) for g in found] == [
        ("李娜", 100, False, False),
        ("赵敏", 70, False, False),
    ]
    assert (found[0].village_name, found[0].school_name, found[0].graduation_year) == (
        "红岩村",
        "重庆三峡职业学院",
        2025,
    )
    everyone = matching.graduates_for(db, county["pos_nurse"], today=TODAY, fitting_only=False)
    assert {g.name for g in everyone} == {"李娜", "赵敏", "王强", "周杰"}  # chen is not in her final year
    assert [
        g.name
        for g in matching.graduates_for(db, county["pos_nurse"], today=TODAY, unit_id=county["shiping"])
    ] == ["赵敏"]


def test_a_final_year_student_is_a_candidate(db: Database, county: dict[str, str]) -> None:
    found = matching.graduates_for(db, county["pos_cnc"], today=TODAY)
    assert [(g.name, g.final_year, g.graduation_year, g.match.score) for g in found] == [
        ("周杰", True, 2026, 70)
    ]
    # A year later zhou is past the end of his course but still 在读: not a final-year student any more.
    assert matching.graduates_for(db, county["pos_cnc"], today=date(2026, 7, 1)) == []


def test_employed_moved_and_re_employed_people(db: Database, county: dict[str, str]) -> None:
    _add(
        db,
        EmploymentRecord(
            person_id=county["li"],
            effective_date=TODAY - timedelta(days=3),
            destination="employed",
            employer="县医院",
            recorded_at=datetime(2025, 11, 28),
        ),
        # sun lost his job: a candidate again.
        EmploymentRecord(
            person_id=county["sun"],
            effective_date=TODAY - timedelta(days=2),
            destination="seeking",
            recorded_at=datetime(2025, 11, 29),
        ),
    )
    with db.write() as session:
        zhao = session.get(Person, county["zhao"])
        assert zhao is not None
        zhao.status = "moved_out"
    names = {
        g.name for g in matching.graduates_for(db, county["pos_ningbo"], today=TODAY, fitting_only=False)
    }
    assert names == {"王强", "孙磊", "周杰"}


def test_unknown_position(db: Database, county: dict[str, str]) -> None:
    with pytest.raises(NotFound, match="岗位"):
        matching.graduates_for(db, "nothing", today=TODAY)


def test_queries_do_not_grow_with_people(db: Database, county: dict[str, str]) -> None:
    with _counting(db) as before:
        matching.graduates_for(db, county["pos_nurse"], today=TODAY, fitting_only=False)
    with db.read() as session:
        person = session.get(Person, county["li"])
        assert person is not None
        household = session.get(Household, person.household_id)
        assert household is not None
        village_id = household.village_id
    extra: list[object] = []
    for n in range(20):
        household = Household(household_no=f"5002291012019{n:03d}", village_id=village_id)
        person = Person(
            household_id=household.id,
            name=f"新{n}",
            id_number=make_id_number("500229", date(2003, 5, n + 1), 41),
        )
        extra += [
            household,
            person,
            Enrollment(
                person_id=person.id,
                school_year="2024-2025",
                semester="spring",
                school_name="某校",
                school_type="secondary_vocational",
                major="护理",
                registry_status="graduated",
            ),
            CareerPlan(person_id=person.id, recorded_on=TODAY, goal="护士", wanted_region="county"),
            Training(person_id=person.id, kind="certificate", name="护理", certificate_level="初级"),
        ]
    _add(db, *extra)
    with _counting(db) as after:
        found = matching.graduates_for(db, county["pos_nurse"], today=TODAY, fitting_only=False)
    assert len(found) == 24
    assert len(after) == len(before) <= 10
    with _counting(db) as one:
        matching.positions_for(db, county["li"], today=TODAY)
    assert len(one) <= 15


def test_majors_of_positions_are_read_from_json(db: Database, county: dict[str, str]) -> None:
    # A position that takes any major ("[]") fits everyone whose skill is enough.
    from yulu_desktop.domain.entities import JobPosition

    with db.write() as session:
        position = session.get(JobPosition, county["pos_ningbo"])
        assert position is not None
        position.majors = json.dumps([])
    found = matching.graduates_for(db, county["pos_ningbo"], today=TODAY)
    assert {g.name for g in found} == {"李娜", "赵敏", "王强", "周杰"}
    assert all("岗位不限专业" in g.match.reasons for g in found)


@pytest.mark.parametrize(
    ("entry_date", "length", "day", "final_year"),
    [
        (date(2024, 2, 29), 2, date(2025, 2, 28), True),  # finishes 28 Feb 2026: exactly a year ahead
        (date(2024, 2, 29), 2, date(2025, 2, 27), False),  # a year and a day ahead
        (date(2023, 9, 1), 3, date(2026, 9, 1), True),  # finishes today
        (date(2023, 9, 1), 3, date(2026, 9, 2), False),  # finished yesterday, still 在读
        (date(2023, 8, 31), 3, date(2025, 8, 31), True),
    ],
)
def test_final_year_edges(
    db: Database, county: dict[str, str], entry_date: date, length: int, day: date, final_year: bool
) -> None:
    with db.read() as session:
        person = session.get(Person, county["chen"])
        assert person is not None
        household_id = person.household_id
    student = Person(
        household_id=household_id, name="陈小", id_number=make_id_number("500229", date(2008, 2, 9), 51)
    )
    _add(
        db,
        student,
        Enrollment(
            person_id=student.id,
            school_year="2025-2026",
            semester="spring",
            school_name="城口县职业教育中心",
            school_type="secondary_vocational",
            major="护理",
            length_years=length,
            entry_date=entry_date,
        ),
    )
    found = {
        g.person_id: g
        for g in matching.graduates_for(db, county["pos_ningbo"], today=day, fitting_only=False)
    }
    assert (student.id in found) is final_year
    if final_year:
        assert (
            found[student.id].final_year
            and found[student.id].graduation_year == add_months(entry_date, 12 * length).year
        )


def test_candidate_people_are_the_graduates_without_a_job_and_the_final_year_students(
    db: Database, county: dict[str, str]
) -> None:
    people = matching.candidate_people(db, today=TODAY)
    ids = {person_id for person_id, *_ in people}
    assert {county["li"], county["wang"], county["zhou"]} <= ids
    assert county["zhang"] not in ids and county["sun"] not in ids  # employed
    assert county["chen"] not in ids  # first-year student
    final_year = {person_id for person_id, _name, _village, final in people if final}
    assert final_year == {county["zhou"]}
    assert next(p for p in people if p[0] == county["zhou"])[2] == "三岔村"
    # Filtered by name or village; a township's scope keeps only its villages.
    assert [p[0] for p in matching.candidate_people(db, text="周", today=TODAY)] == [county["zhou"]]
    assert {p[0] for p in matching.candidate_people(db, text="三岔", today=TODAY)} == {
        p[0] for p in people if p[2] == "三岔村"
    }
    in_miaoba = matching.candidate_people(db, unit_id=county["miaoba"], today=TODAY)
    assert in_miaoba and {p[2] for p in in_miaoba} <= {"红岩村", "石坪村"}
