"""Use cases: validation before writing, one transaction each, journal entries naming the actor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    OrgUnit,
    Person,
    SubsidyApplication,
    Visit,
)
from yulu_desktop.domain.errors import NotFound, ValidationFailed, YuluError
from yulu_desktop.services import records
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import attachment_blob

TODAY = date(2025, 11, 1)


@pytest.fixture
def village(db: Database) -> OrgUnit:
    with records.writing(db, "测试员") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        return records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)


@pytest.fixture
def household(db: Database, village: OrgUnit) -> Household:
    household = Household(
        household_no="5002291012010001", village_id=village.id, payee_account="6217000010000000008"
    )
    records.register_household(db, household, actor="李明", today=TODAY)
    return household


@pytest.fixture
def student(db: Database, household: Household) -> Person:
    person = Person(household_id=household.id, name="张坤", id_number="500229200703150012", relationship="20")
    records.add_member(db, person, actor="李明", today=TODAY)
    return person


def count(db: Database, cls: type) -> int:
    with db.read() as session:
        return int(session.execute(select(func.count()).select_from(cls)).scalar_one())


def pending(db: Database) -> int:
    with db.read_connection() as conn:
        return journal.pending_count(conn)


def test_add_member_normalizes_and_derives_birth_date_and_sex(db: Database, household: Household) -> None:
    person = Person(
        household_id=household.id,
        name="张 坤",
        id_number="１１０１０５１９４９１２３１００２x",
        phone="138 0013 8000",
    )
    records.add_member(db, person, actor="李明", today=TODAY)
    with db.read() as session:
        stored = session.get(Person, person.id)
    assert stored is not None
    assert stored.name == "张坤"
    assert stored.id_number == "11010519491231002X"
    assert stored.birth_date == date(1949, 12, 31)
    assert stored.sex == "F"
    assert stored.phone == "13800138000"
    assert "zk" in stored.search_key.split()


def test_invalid_member_writes_nothing_and_says_what_is_wrong(db: Database, household: Household) -> None:
    before_people, before_journal = count(db, Person), pending(db)
    bad = Person(household_id=household.id, name="李四", id_number="110105194912310021", relationship="07")
    with pytest.raises(ValidationFailed) as info:
        records.add_member(db, bad, actor="李明", today=TODAY)
    fields = {issue.field for issue in info.value.errors}
    assert fields == {"id_number", "relationship"}
    assert "校验位" in info.value.message and "与户主关系" in info.value.message
    assert count(db, Person) == before_people
    assert pending(db) == before_journal


def test_duplicate_id_number_refused(db: Database, household: Household, student: Person) -> None:
    twin = Person(household_id=household.id, name="张坤", id_number=student.id_number, relationship="30")
    with pytest.raises(ValidationFailed, match="已被其他记录使用"):
        records.add_member(db, twin, actor="李明", today=TODAY)


def test_second_household_head_refused(db: Database, household: Household) -> None:
    records.add_member(
        db, Person(household_id=household.id, name="张大山", relationship="01"), actor="李明", today=TODAY
    )
    with pytest.raises(ValidationFailed, match="已有户主"):
        records.add_member(
            db, Person(household_id=household.id, name="张二山", relationship="01"), actor="李明", today=TODAY
        )


def test_update_person_journals_only_changed_fields_with_actor(db: Database, student: Person) -> None:
    with db.read_connection() as conn:
        start = conn.execute(text("SELECT max(seq) FROM change_journal")).scalar_one()
    records.update_person(db, student.id, {"phone": "15912345678", "name": "张坤"}, actor="王芳", today=TODAY)
    with db.read_connection() as conn:
        (entry,) = journal.pending_entries(conn, after_seq=start)
    assert entry.changes == {"phone": ["", "15912345678"]}
    assert entry.author == "王芳"


def test_update_unknown_person_is_not_found(db: Database) -> None:
    with pytest.raises(NotFound, match="找不到人员"):
        records.update_person(db, "no-such-id", {"phone": "15912345678"}, actor="王芳")


def test_household_warning_for_failed_luhn_but_saved(db: Database, village: OrgUnit) -> None:
    household = Household(household_no="H-2", village_id=village.id, payee_account="6222021234567890123")
    warnings = records.register_household(db, household, actor="李明", today=TODAY)
    assert [w.field for w in warnings] == ["payee_account"]
    assert count(db, Household) == 1


def test_monitored_household_needs_monitoring_type(db: Database, village: OrgUnit) -> None:
    with pytest.raises(ValidationFailed, match="监测对象类型"):
        records.register_household(
            db,
            Household(household_no="H-3", village_id=village.id, household_type="jiance"),
            actor="x",
            today=TODAY,
        )


def test_enrollment_before_birth_refused(db: Database, student: Person) -> None:
    enrollment = Enrollment(
        person_id=student.id,
        school_year="2005-2006",
        semester="autumn",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        entry_date=date(2005, 9, 1),
    )
    with pytest.raises(ValidationFailed, match="早于出生日期"):
        records.record_enrollment(db, enrollment, actor="李明", today=TODAY)


def test_one_enrollment_per_semester(db: Database, student: Person) -> None:
    def make() -> Enrollment:
        return Enrollment(
            person_id=student.id,
            school_year="2025-2026",
            semester="autumn",
            school_name="重庆三峡职业学院",
            school_type="higher_vocational",
            entry_date=date(2025, 9, 1),
        )

    records.record_enrollment(db, make(), actor="李明", today=TODAY)
    with pytest.raises(ValidationFailed, match="已有学籍记录"):
        records.record_enrollment(db, make(), actor="李明", today=TODAY)


def test_future_visit_refused_and_follow_up_needs_a_promise(db: Database, household: Household) -> None:
    future = Visit(
        household_id=household.id,
        visit_date=date(2025, 12, 1),
        visitor_name="李明",
        visitor_role="resident_cadre",
    )
    with pytest.raises(ValidationFailed, match="不能是将来的日期"):
        records.record_visit(db, future, actor="李明", today=TODAY)
    no_promise = Visit(
        household_id=household.id,
        visit_date=TODAY,
        visitor_name="李明",
        visitor_role="resident_cadre",
        follow_up_due=date(2025, 11, 20),
    )
    with pytest.raises(ValidationFailed, match="承诺事项"):
        records.record_visit(db, no_promise, actor="李明", today=TODAY)


def test_visit_and_follow_up_completion(db: Database, household: Household) -> None:
    visit = Visit(
        household_id=household.id,
        visit_date=TODAY,
        visitor_name="李明",
        visitor_role="resident_cadre",
        follow_up="协助办理学籍证明",
        follow_up_due=date(2025, 11, 20),
    )
    records.record_visit(db, visit, actor="李明", today=TODAY)
    records.complete_follow_up(db, visit.id, done_on=TODAY, actor="李明", today=TODAY)
    with db.read() as session:
        assert session.get(Visit, visit.id).follow_up_done_on == TODAY  # type: ignore[union-attr]


def test_job_changes_are_appended_never_overwritten(db: Database, student: Person) -> None:
    first = EmploymentRecord(
        person_id=student.id,
        effective_date=date(2025, 7, 1),
        destination="employed",
        employer="重庆欣乐美义齿公司",
        monthly_income_fen=500000,
        recorded_at=TODAY,
    )  # type: ignore[arg-type]
    records.record_job_change(db, first, actor="李明", today=TODAY)
    with pytest.raises(YuluError, match="不能修改"):
        records.record_job_change(db, first, actor="李明", today=TODAY)
    second = EmploymentRecord(
        person_id=student.id,
        effective_date=date(2025, 10, 1),
        destination="employed",
        employer="温氏股份",
        change_reason="换工作",
        recorded_at=TODAY,
    )  # type: ignore[arg-type]
    records.record_job_change(db, second, actor="李明", today=TODAY)
    assert count(db, EmploymentRecord) == 2


def test_subsidy_amount_comes_from_the_county_setting(db: Database, student: Person) -> None:
    records.set_subsidy_amount(
        db, "500229", "higher_vocational", 400000, effective_from=date(2024, 1, 1), actor="县管理员"
    )
    records.record_enrollment(
        db,
        Enrollment(
            person_id=student.id,
            school_year="2025-2026",
            semester="autumn",
            school_name="重庆三峡职业学院",
            school_type="higher_vocational",
            entry_date=date(2025, 9, 1),
        ),
        actor="李明",
        today=TODAY,
    )
    application = records.apply_for_subsidy(db, student.id, "2025-autumn", actor="李明", today=TODAY)
    assert application.amount_fen == 200000
    assert application.payee_account == "6217000010000000008"
    with pytest.raises(ValidationFailed, match="每学期只能申请一次"):
        records.apply_for_subsidy(db, student.id, "2025-autumn", actor="李明", today=TODAY)


def test_subsidy_needs_an_enrollment_and_a_setting(db: Database, student: Person) -> None:
    with pytest.raises(ValidationFailed, match="没有该学期的在读记录"):
        records.apply_for_subsidy(db, student.id, "2025-autumn", actor="李明", today=TODAY)
    records.record_enrollment(
        db,
        Enrollment(
            person_id=student.id,
            school_year="2025-2026",
            semester="autumn",
            school_name="城口县职业教育中心",
            school_type="vocational_high",
            entry_date=date(2025, 9, 1),
        ),
        actor="李明",
        today=TODAY,
    )
    with pytest.raises(ValidationFailed, match="尚未设置"):
        records.apply_for_subsidy(db, student.id, "2025-autumn", actor="李明", today=TODAY)
    assert count(db, SubsidyApplication) == 0


def test_subsidy_state_follows_the_approval_chain(db: Database, student: Person) -> None:
    """The old name moves an application by ``services.subsidy.take_step`` (the cycle's own tests are
    ``tests/services/test_subsidy_cycle_service.py``)."""
    records.set_subsidy_amount(
        db, "500229", "higher_vocational", 300000, effective_from=date(2024, 1, 1), actor="县"
    )
    records.record_enrollment(
        db,
        Enrollment(
            person_id=student.id,
            school_year="2025-2026",
            semester="autumn",
            school_name="重庆三峡职业学院",
            school_type="higher_vocational",
            entry_date=date(2025, 9, 1),
        ),
        actor="李明",
        today=TODAY,
    )
    application = records.apply_for_subsidy(db, student.id, "2025-autumn", actor="李明", today=TODAY)
    with pytest.raises(YuluError, match="不能变为"):
        records.set_subsidy_state(db, application.id, "county_approved", actor="县")
    with pytest.raises(YuluError, match="缺少证明材料"):
        records.set_subsidy_state(db, application.id, "village_reviewed", actor="村", opinion="情况属实")
    with pytest.raises(ValidationFailed, match="须填写原因"):
        records.set_subsidy_state(db, application.id, "withdrawn", actor="村")
    done = records.set_subsidy_state(db, application.id, "withdrawn", actor="村", reason="学籍状态不符")
    assert (done.state, done.reason) == ("withdrawn", "学籍状态不符")


def test_attachment_bytes_are_stored_once(db: Database, student: Person) -> None:
    first = records.add_attachment(
        db, student.id, "学籍证明.jpg", b"scan-bytes", kind="enrollment_proof", actor="李明"
    )
    second = records.add_attachment(
        db, student.id, "学籍证明-副本.jpg", b"scan-bytes", kind="enrollment_proof", actor="李明"
    )
    assert first.sha256 == second.sha256
    with db.read_connection() as conn:
        assert conn.execute(select(func.count()).select_from(attachment_blob)).scalar_one() == 1
    assert records.attachment_bytes(db, first.sha256) == b"scan-bytes"
    assert first.mime_type == "image/jpeg"


def test_audit_entries_are_recorded(db: Database) -> None:
    records.audit(db, actor="李明", action="print", entity="person", entity_id="p1", detail="一人一档")
    with db.read_connection() as conn:
        row = conn.execute(text("SELECT actor, action, detail FROM audit_log")).one()
    assert tuple(row) == ("李明", "print", "一人一档")
    with pytest.raises(ValueError, match="unknown audit action"):
        records.audit(db, actor="李明", action="peek")


def test_next_subsidy_states_follow_the_chain() -> None:
    assert records.next_subsidy_states("applied") == {"village_reviewed", "withdrawn"}
    assert records.next_subsidy_states("publicized") == {
        "township_reviewed",
        "returned",
        "rejected",
        "withdrawn",
    }
    assert (
        records.next_subsidy_states("announced") == frozenset()
    )  # payment batches: services.subsidy_payment
    assert records.next_subsidy_states("paid") == frozenset()


def test_a_print_or_export_whose_audit_entry_fails_does_not_stay_behind(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = records.write_audited(
        db, tmp_path / "a.pdf", b"%PDF-1.4", actor="李明", action="print", entity="employment_report"
    )
    assert written.read_bytes() == b"%PDF-1.4"

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(records, "audit", refuse)
    with pytest.raises(RuntimeError):
        records.write_audited(db, tmp_path / "b.pdf", b"%PDF", actor="李明", action="print", entity="x")
    exported = tmp_path / "c.xlsx"
    exported.write_bytes(b"PK")
    with pytest.raises(RuntimeError):
        records.audit_file(db, exported, actor="李明", action="export", entity="x")
    assert not (tmp_path / "b.pdf").exists() and not exported.exists()
    with pytest.raises(YuluError, match="无法保存"):
        records.write_audited(
            db, tmp_path / "no" / "d.pdf", b"%PDF", actor="李明", action="print", entity="x"
        )
