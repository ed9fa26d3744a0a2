"""作废: a visit, a training or an employment entry made in error is voided with a reason — kept, never erased,
and left out of the lists, counts, follow-ups due and the printed dossier."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import text

from yulu_desktop.domain.entities import EmploymentRecord, Household, OrgUnit, Person, Training, Visit
from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.services import corrections, excel_export, lists, print_data, records
from yulu_desktop.services.person_file import load_person_file
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

TODAY = date(2025, 11, 1)


@pytest.fixture
def village(db: Database) -> OrgUnit:
    with records.writing(db, "测试员") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        return records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)


@pytest.fixture
def household(db: Database, village: OrgUnit) -> Household:
    household = Household(household_no="5002291012010001", village_id=village.id)
    records.register_household(db, household, actor="李明", today=TODAY)
    return household


@pytest.fixture
def graduate(db: Database, household: Household) -> Person:
    person = Person(household_id=household.id, name="张坤", id_number="500229200703150012", relationship="20")
    records.add_member(db, person, actor="李明", today=TODAY)
    return person


def _job(person: Person, employer: str, on: date) -> EmploymentRecord:
    record = EmploymentRecord(
        person_id=person.id,
        effective_date=on,
        destination="employed",
        employer=employer,
        recorded_at=datetime(on.year, on.month, on.day),
    )  # type: ignore[arg-type]
    return record


def _visit(household: Household, on: date, *, due: date | None = None) -> Visit:
    return Visit(
        household_id=household.id,
        visit_date=on,
        visitor_name="李明",
        visitor_role="resident_cadre",
        mode="home",
        purpose="employment",
        notes="了解就业情况",
        follow_up="联系招聘会" if due else "",
        follow_up_due=due,
    )  # type: ignore[call-arg]


def test_a_voided_employment_entry_stays_with_reason_and_no_longer_counts(
    db: Database, graduate: Person
) -> None:
    right = _job(graduate, "重庆欣乐美义齿公司", date(2025, 7, 15))
    wrong = _job(graduate, "录错的单位", date(2025, 9, 1))
    records.record_job_change(db, right, actor="李明", today=TODAY)
    records.record_job_change(db, wrong, actor="李明", today=TODAY)
    [row] = lists.fetch(db, "graduates")
    assert (
        row.cells[lists.columns("graduates").index(lists.spec("graduates").column("employer"))]
        == "录错的单位"
    )

    voided = corrections.void_entry(
        db, "employment_record", wrong.id, reason="录错了单位", actor="王芳", today=TODAY
    )
    assert (voided.voided_on, voided.void_reason, voided.voided_by) == (TODAY, "录错了单位", "王芳")

    pf = load_person_file(db, graduate.id)
    assert [r.employer for r in pf.employment] == ["重庆欣乐美义齿公司", "录错的单位"]  # kept, never erased
    assert pf.employment[1].void_reason == "录错了单位" and pf.employment[1].voided_by == "王芳"
    assert pf.current_employment is not None and pf.current_employment.id == right.id
    [row] = lists.fetch(db, "graduates")
    employer = lists.columns("graduates").index(lists.spec("graduates").column("employer"))
    changes = lists.columns("graduates").index(lists.spec("graduates").column("changes"))
    assert row.cells[employer] == "重庆欣乐美义齿公司" and row.cells[changes] == "1"
    dossier = print_data.dossier_data(db, graduate.id, printed_by="李明")
    assert [e.employer for e in dossier.employment] == ["重庆欣乐美义齿公司"]
    with db.read_connection() as conn:  # the 毕业生就业去向清单 export shows the latest entry not voided
        exported = list(excel_export.export_rows(conn, "graduates", None))
    assert [r["employer"] for r in exported] == ["重庆欣乐美义齿公司"]
    with db.read_connection() as conn:  # the void is journaled as an update of the void columns only
        [entry] = [e for e in journal.entries_for(conn, "employment_record", wrong.id) if e.op == "U"]
    assert set(entry.changes) == {"voided_on", "void_reason", "voided_by"}


def test_a_void_needs_a_reason_and_is_final(db: Database, graduate: Person, household: Household) -> None:
    training = Training(person_id=graduate.id, kind="training", name="电工培训")  # type: ignore[call-arg]
    records.record_training(db, training, actor="李明", today=TODAY)
    with pytest.raises(ValidationFailed, match="作废原因"):
        corrections.void_entry(db, "training", training.id, reason="  ", actor="王芳", today=TODAY)
    corrections.void_entry(db, "training", training.id, reason="重复录入", actor="王芳", today=TODAY)
    with pytest.raises(YuluError, match="不能再次作废"):
        corrections.void_entry(db, "training", training.id, reason="再来一次", actor="王芳", today=TODAY)
    # Not even the sqlite shell with the key un-voids it or rewrites the reason: the triggers refuse.
    for statement in (
        "UPDATE training SET voided_on = NULL, void_reason = '', voided_by = '' WHERE id = :id",
        "UPDATE training SET void_reason = '改了原因' WHERE id = :id",
    ):
        with pytest.raises(Exception, match="不能撤销"), db.write() as session:
            session.execute(text(statement), {"id": training.id})
    with pytest.raises(Exception, match="作废必须填写原因"), db.write() as session:
        visit = _visit(household, TODAY)
        session.add(visit)
        session.flush()
        session.execute(text("UPDATE visit SET voided_on = '2025-11-01' WHERE id = :id"), {"id": visit.id})


def test_an_employment_entry_still_refuses_every_other_update(db: Database, graduate: Person) -> None:
    record = _job(graduate, "温氏股份", date(2025, 7, 15))
    records.record_job_change(db, record, actor="李明", today=TODAY)
    for statement in (
        "UPDATE employment_record SET employer = '别的单位' WHERE id = :id",
        # Voiding and changing a field at once is not a void.
        "UPDATE employment_record SET employer = '别的单位', voided_on = '2025-11-01', void_reason = 'x', "
        "voided_by = 'y' WHERE id = :id",
    ):
        with pytest.raises(Exception, match="只能追加"), db.write() as session:
            session.execute(text(statement), {"id": record.id})


def test_voided_visits_leave_the_visit_list_and_the_follow_ups_due(
    db: Database, household: Household
) -> None:
    kept = _visit(household, date(2025, 10, 1), due=date(2025, 10, 20))
    junk = _visit(household, date(2025, 10, 2), due=date(2025, 10, 10))
    for visit in (kept, junk):
        records.record_visit(db, visit, actor="李明", today=TODAY)
    assert lists.count(db, "visits") == 2
    corrections.void_entry(db, "visit", junk.id, reason="走访的是另一户", actor="李明", today=TODAY)
    assert lists.count(db, "visits") == 1
    assert [r.id for r in lists.fetch(db, "visits")] == [kept.id]
    assert [r.id for r in lists.fetch(db, "visits", lists.ListQuery(open_follow_ups_only=True))] == [kept.id]
    assert lists.count(db, "visits", lists.ListQuery(text="李明")) == 1
    head = Person(household_id=household.id, name="张大山", relationship="01")
    records.add_member(db, head, actor="李明", today=TODAY)
    pf = load_person_file(db, head.id)
    assert {v.id for v in pf.visits} == {kept.id, junk.id}  # the file keeps both, the void marked
    assert [v.void_reason for v in pf.visits if v.voided_on] == ["走访的是另一户"]
    dossier = print_data.dossier_data(db, head.id, printed_by="李明")
    assert [v.visit_date for v in dossier.visits] == [kept.visit_date]  # not printed
