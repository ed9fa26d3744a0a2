"""Enrollments end (毕业, 退学, 休学, 转学) with a date, never before the entry date; a graduate with no
destination yet is on the graduates list, marked 未填报, ahead of the placed ones."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from yulu_desktop.domain import schooling
from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Household, OrgUnit, Person
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.services import corrections, lists, records
from yulu_desktop.services.person_file import load_person_file
from yulu_desktop.services.schooling import end_schooling
from yulu_desktop.store.database import Database

TODAY = date(2026, 7, 20)


@pytest.fixture
def household(db: Database) -> Household:
    with records.writing(db, "测试员") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        village: OrgUnit = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    household = Household(household_no="5002291012010001", village_id=village.id)
    records.register_household(db, household, actor="李明", today=TODAY)
    return household


def _student(db: Database, household: Household, name: str, id_number: str) -> tuple[Person, Enrollment]:
    person = Person(
        household_id=household.id,
        name=name,
        id_number=id_number,
        relationship="20",
        student_status="secondary_vocational",
    )
    records.add_member(db, person, actor="李明", today=TODAY)
    last: Enrollment | None = None
    for year, semester in (("2025-2026", "autumn"), ("2025-2026", "spring")):
        last = Enrollment(
            person_id=person.id,
            school_year=year,
            semester=semester,
            school_name="重庆三峡职业学院",
            school_type="higher_vocational",
            major="电子商务技术",
            entry_date=date(2023, 9, 1),
        )
        records.record_enrollment(db, last, actor="李明", today=TODAY)
    assert last is not None
    return person, last


def test_ending_schooling_sets_status_and_date_and_the_person_leaves_school(
    db: Database, household: Household
) -> None:
    person, last = _student(db, household, "张坤", "500229200703150012")
    ended = end_schooling(db, last.id, "graduated", date(2026, 7, 1), actor="李明", today=TODAY)
    assert (ended.registry_status, ended.ended_on) == ("graduated", date(2026, 7, 1))
    pf = load_person_file(db, person.id)
    assert pf.enrollments[-1].registry_status == "graduated" and pf.enrollments[-1].ended_on == date(
        2026, 7, 1
    )
    assert pf.person.student_status == "not_student"  # 在校生状况 follows: one truth
    now = schooling.situation(pf.enrollments, TODAY)
    assert now.in_school is False and "毕业" in now.text and "2026-07-01" in now.text
    assert schooling.disagreement(pf.person.student_status, pf.enrollments, TODAY) == ""


def test_ending_is_refused_before_the_entry_date_in_the_future_or_for_an_older_semester(
    db: Database, household: Household
) -> None:
    person, last = _student(db, household, "张坤", "500229200703150012")
    with pytest.raises(ValidationFailed, match="不能早于入学日期 2023-09-01"):
        end_schooling(db, last.id, "dropped", date(2023, 8, 31), actor="李明", today=TODAY)
    with pytest.raises(ValidationFailed, match="不能晚于今天"):
        end_schooling(db, last.id, "suspended", date(2026, 8, 1), actor="李明", today=TODAY)
    with pytest.raises(ValidationFailed, match="毕业、退学、休学或转学"):
        end_schooling(db, last.id, "enrolled", date(2026, 7, 1), actor="李明", today=TODAY)
    first = load_person_file(db, person.id).enrollments[0]
    with pytest.raises(ValidationFailed, match="最近一个学期"):
        end_schooling(db, first.id, "graduated", date(2026, 1, 10), actor="李明", today=TODAY)
    pf = load_person_file(db, person.id)  # nothing was half-written
    assert [e.registry_status for e in pf.enrollments] == ["enrolled", "enrolled"]
    assert [e.ended_on for e in pf.enrollments] == [None, None]
    assert pf.person.student_status == "secondary_vocational"


def test_header_and_basic_info_disagreement_is_named() -> None:
    current = Enrollment(
        person_id="p",
        school_year="2025-2026",
        semester="autumn",
        school_name="学校",
        school_type="higher_vocational",
    )
    assert "非在校生" in schooling.disagreement("not_student", [current], date(2025, 11, 1))
    assert schooling.disagreement("higher_vocational", [current], date(2025, 11, 1)) == ""
    # A semester long past that was never closed is not 在读 now (the header says so, no contradiction).
    past = schooling.situation([current], date(2027, 3, 1))
    assert past.in_school is False and "该学期已过" in past.text
    assert schooling.disagreement("not_student", [current], date(2027, 3, 1)) == ""


def test_graduates_list_includes_an_unplaced_graduate_first(db: Database, household: Household) -> None:
    placed, placed_last = _student(db, household, "李娜", "500229200605200020")
    unplaced, unplaced_last = _student(db, household, "张坤", "500229200703150012")
    still, _ = _student(db, household, "王强", "500229200801010013")  # still studying: not a graduate
    for enrollment in (placed_last, unplaced_last):
        end_schooling(db, enrollment.id, "graduated", date(2026, 7, 1), actor="李明", today=TODAY)
    job = EmploymentRecord(
        person_id=placed.id,
        effective_date=date(2026, 7, 15),
        destination="employed",
        employer="重庆欣乐美义齿公司",
        recorded_at=datetime(2026, 7, 15),
    )  # type: ignore[arg-type]
    records.record_job_change(db, job, actor="李明", today=TODAY)

    rows = lists.fetch(db, "graduates")
    destination = [c.key for c in lists.columns("graduates")].index("destination")
    assert [(r.person_id, r.cells[destination]) for r in rows] == [
        (unplaced.id, lists.NO_DESTINATION),
        (placed.id, "就业"),
    ]
    assert still.id not in {r.person_id for r in rows}
    assert lists.count(db, "graduates") == 2
    assert lists.count(db, "graduates", lists.ListQuery(text="欣乐美")) == 1
    assert [r.person_id for r in lists.fetch(db, "graduates", lists.ListQuery(text="张坤"))] == [unplaced.id]

    # Voiding the only job puts the graduate back among the unplaced; a later semester makes them a student.
    corrections.void_entry(db, "employment_record", job.id, reason="录错了人", actor="李明", today=TODAY)
    rows = lists.fetch(db, "graduates")
    assert {r.person_id: r.cells[destination] for r in rows} == {
        unplaced.id: lists.NO_DESTINATION,
        placed.id: lists.NO_DESTINATION,
    }
    further = Enrollment(
        person_id=unplaced.id,
        school_year="2026-2027",
        semester="autumn",
        school_name="重庆工程职业学院",
        school_type="higher_vocational",
        entry_date=date(2026, 9, 1),
    )
    records.record_enrollment(db, further, actor="李明", today=date(2026, 9, 10))
    assert [r.person_id for r in lists.fetch(db, "graduates")] == [placed.id]
