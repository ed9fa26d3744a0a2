"""今日工作: each section lists what it should, leaves out what is done, voided or outside the scope."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import text

from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    OrgUnit,
    Person,
    Visit,
)
from yulu_desktop.services import records, today
from yulu_desktop.store.database import Database

DAY = dt.date(2025, 11, 10)
ACTOR = "李明"


@pytest.fixture
def villages(db: Database) -> tuple[OrgUnit, OrgUnit]:
    with records.writing(db, ACTOR) as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        red = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
        other = records.ensure_org_unit(session, "500229101202", "河鱼村", "village", township)
    records.set_subsidy_amount(
        db, "500229", "zhongzhuan", 300000, effective_from=dt.date(2020, 1, 1), actor=ACTOR
    )
    return red, other


def _household(
    db: Database, village: OrgUnit, number: str, head: str, child: str
) -> tuple[Household, Person]:
    household = Household(household_no=number, village_id=village.id, payee_account="6217000010000000008")
    records.register_household(db, household, actor=ACTOR, today=DAY)
    records.add_member(
        db, Person(household_id=household.id, name=head, relationship="01"), actor=ACTOR, today=DAY
    )
    person = Person(household_id=household.id, name=child, relationship="20")
    records.add_member(db, person, actor=ACTOR, today=DAY)
    return household, person


def _visit(db: Database, household: Household, on: dt.date, **extra: object) -> Visit:
    visit = Visit(
        household_id=household.id, visit_date=on, visitor_name=ACTOR, visitor_role="resident_cadre", **extra
    )  # type: ignore[arg-type]
    records.record_visit(db, visit, actor=ACTOR, today=DAY)
    return visit


def _void(db: Database, table: str, record_id: str) -> None:
    with db.write_connection() as conn:
        conn.execute(
            text(f"UPDATE {table} SET voided_on = :on, void_reason = '录错', voided_by = :by WHERE id = :id"),
            {"on": DAY.isoformat(), "by": ACTOR, "id": record_id},
        )


def test_current_term_follows_the_school_calendar() -> None:
    assert today.current_term(dt.date(2025, 9, 1)) == "2025-autumn"
    assert today.current_term(dt.date(2026, 1, 20)) == "2025-autumn"
    assert today.current_term(dt.date(2026, 2, 1)) == "2026-spring"
    assert today.current_term(dt.date(2026, 8, 31)) == "2026-spring"


def test_overdue_follow_ups_leave_out_done_future_and_voided(
    db: Database, villages: tuple[OrgUnit, OrgUnit]
) -> None:
    red, _ = villages
    household, child = _household(db, red, "5002291012010001", "张大山", "张坤")
    late = _visit(
        db,
        household,
        dt.date(2025, 10, 1),
        follow_up="联系学校补办学籍证明",
        follow_up_due=dt.date(2025, 10, 20),
        person_id=child.id,
    )
    _visit(db, household, dt.date(2025, 10, 2), follow_up="未到期", follow_up_due=dt.date(2025, 12, 1))
    done = _visit(db, household, dt.date(2025, 10, 3), follow_up="已办结", follow_up_due=dt.date(2025, 10, 5))
    records.complete_follow_up(db, done.id, done_on=dt.date(2025, 10, 6), actor=ACTOR)
    voided = _visit(
        db, household, dt.date(2025, 10, 4), follow_up="录错的", follow_up_due=dt.date(2025, 10, 5)
    )
    _void(db, "visit", voided.id)

    section = today.load_today(db, day=DAY).sections["overdue"]
    assert section.count == 1
    (line,) = section.lines
    assert (line.person_id, line.name, line.household_no, line.village) == (
        child.id,
        "张坤",
        "5002291012010001",
        "红岩村",
    )
    assert line.facts == ("联系学校补办学籍证明", dt.date(2025, 10, 20))
    assert late.id  # the visit itself is not shown, its person is


def test_households_not_visited_count_only_real_visits(
    db: Database, villages: tuple[OrgUnit, OrgUnit]
) -> None:
    red, _ = villages
    recent, _ = _household(db, red, "5002291012010001", "张大山", "张坤")
    old, _ = _household(db, red, "5002291012010002", "李四", "李小红")
    _never, _ = _household(db, red, "5002291012010003", "王五", "王小明")
    voided_only, _ = _household(db, red, "5002291012010004", "赵六", "赵小花")
    _visit(db, recent, DAY - dt.timedelta(days=10))
    _visit(db, old, DAY - dt.timedelta(days=200))
    junk = _visit(db, voided_only, DAY - dt.timedelta(days=5))
    _void(db, "visit", junk.id)

    section = today.load_today(db, day=DAY, stale_days=90).sections["not_visited"]
    assert [line.household_no for line in section.lines] == [
        "5002291012010002",
        "5002291012010003",
        "5002291012010004",
    ]
    assert section.count == 3
    assert section.lines[1].name == "王五" and section.lines[1].facts == (
        None,
    )  # never visited; the head opens
    assert section.lines[0].facts == (DAY - dt.timedelta(days=200),)
    # A longer period: the household visited 200 days ago is no longer late.
    longer = today.load_today(db, day=DAY, stale_days=365).sections["not_visited"]
    assert longer.count == 2


def test_students_without_an_application_for_the_current_term(
    db: Database, villages: tuple[OrgUnit, OrgUnit]
) -> None:
    red, _ = villages
    _, applied = _household(db, red, "5002291012010001", "张大山", "张坤")
    _, missing = _household(db, red, "5002291012010002", "李四", "李小红")
    _, last_term_only = _household(db, red, "5002291012010003", "王五", "王小明")
    _, dropped = _household(db, red, "5002291012010004", "赵六", "赵小花")
    for person in (applied, missing, dropped):
        records.record_enrollment(
            db,
            Enrollment(person_id=person.id, school_year="2025-2026", semester="autumn", school_name="重庆三峡职业学院", school_type="zhongzhuan", registry_status="dropped" if person is dropped else "enrolled"),
            actor=ACTOR,
            today=DAY,
        )  # fmt: skip
    records.record_enrollment(
        db,
        Enrollment(person_id=last_term_only.id, school_year="2024-2025", semester="spring", school_name="重庆三峡职业学院", school_type="zhongzhuan"),
        actor=ACTOR,
        today=DAY,
    )  # fmt: skip
    records.apply_for_subsidy(db, applied.id, "2025-autumn", actor=ACTOR, today=DAY)

    result = today.load_today(db, day=DAY)
    assert result.term == "2025-autumn"
    section = result.sections["no_application"]
    assert [(line.person_id, line.facts) for line in section.lines] == [
        (missing.id, ("重庆三峡职业学院", "2025-autumn"))
    ]


def test_graduates_without_a_job_or_with_a_change_to_confirm(
    db: Database, villages: tuple[OrgUnit, OrgUnit]
) -> None:
    red, _ = villages
    _, unplaced = _household(db, red, "5002291012010001", "张大山", "张坤")
    _, seeking = _household(db, red, "5002291012010002", "李四", "李小红")
    _, placed = _household(db, red, "5002291012010003", "王五", "王小明")
    _, reported = _household(db, red, "5002291012010004", "赵六", "赵小花")
    _, voided_job = _household(db, red, "5002291012010005", "钱七", "钱小伟")
    for person in (unplaced, voided_job):
        records.record_enrollment(
            db,
            Enrollment(person_id=person.id, school_year="2024-2025", semester="spring", school_name="重庆三峡职业学院", school_type="zhongzhuan", registry_status="graduated", ended_on=dt.date(2025, 7, 1)),
            actor=ACTOR,
            today=DAY,
        )  # fmt: skip
    at = dt.datetime(2025, 8, 1, 9, 0)

    def job(
        person: Person, destination: str, source: str = "visit", verified_by: str = ACTOR
    ) -> EmploymentRecord:
        record = EmploymentRecord(
            person_id=person.id, effective_date=dt.date(2025, 8, 1), destination=destination, employer="重庆欣乐美义齿公司" if destination == "employed" else "", source=source, verified_by=verified_by, recorded_at=at
        )  # fmt: skip
        records.record_job_change(db, record, actor=ACTOR, today=DAY)
        return record

    job(seeking, "seeking")
    job(placed, "employed")
    job(reported, "employed", source="self_report", verified_by="")
    # Entered in error and voided (作废): stored with its void mark, so it is not a job.
    records.record_job_change(
        db,
        EmploymentRecord(person_id=voided_job.id, effective_date=dt.date(2025, 8, 1), destination="employed", employer="重庆欣乐美义齿公司", recorded_at=at, voided_on=DAY, void_reason="录错了人", voided_by=ACTOR),
        actor=ACTOR,
        today=DAY,
    )  # fmt: skip

    section = today.load_today(db, day=DAY).sections["graduates"]
    found = {line.person_id: line.facts[0] for line in section.lines}
    assert found == {
        unplaced.id: "no_destination",
        seeking.id: "seeking",
        reported.id: "to_confirm",
        voided_job.id: "no_destination",
    }
    assert section.count == 4
    # A village is read person by person, a township from the candidates: the same lines either way.
    for scope in (red.id, red.parent_id):
        scoped = today.load_today(db, scope, day=DAY).sections["graduates"]
        assert {line.person_id: line.facts[0] for line in scoped.lines} == found


def test_scope_limits_every_person_section(db: Database, villages: tuple[OrgUnit, OrgUnit]) -> None:
    red, other = villages
    here, _ = _household(db, red, "5002291012010001", "张大山", "张坤")
    there, _ = _household(db, other, "5002291012020001", "李四", "李小红")
    for household in (here, there):
        _visit(db, household, dt.date(2025, 10, 1), follow_up="回访", follow_up_due=dt.date(2025, 10, 2))
    everywhere = today.load_today(db, day=DAY)
    assert everywhere.sections["overdue"].count == 2
    only_red = today.load_today(db, red.id, day=DAY)
    assert [line.village for line in only_red.sections["overdue"].lines] == ["红岩村"]
    township_id = red.parent_id
    assert today.load_today(db, township_id, day=DAY).sections["overdue"].count == 2


def test_counts_are_capped_and_lines_limited(
    db: Database, villages: tuple[OrgUnit, OrgUnit], monkeypatch: pytest.MonkeyPatch
) -> None:
    red, _ = villages
    for number, word in enumerate("一二三四五"):
        _household(db, red, f"500229101201000{number}", f"户主{word}", f"孩子{word}")
    monkeypatch.setattr(today, "COUNT_CAP", 3)
    section = today.load_today(db, day=DAY, limit=2).sections["not_visited"]
    assert section.count == 3 and len(section.lines) == 2


def test_sync_state_and_conflicts(db: Database) -> None:
    result = today.load_today(db, day=DAY)
    assert result.sync.enrolled is False and result.sync.days_since is None
    assert result.sections["conflicts"].count == 0
    now = dt.datetime(2025, 11, 10, 12, 0)
    with db.write_connection() as conn:
        conn.execute(
            text(
                "UPDATE sync_state SET server_url = 'https://county.example', private_key = x'01', "
                "last_sync_at = :at WHERE id = 1"
            ),
            {"at": (now - dt.timedelta(days=4)).astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")},
        )
        for number, status in enumerate(("open", "open", "resolved")):
            conn.execute(
                text(
                    "INSERT INTO sync_conflict (id, kind, entity, entity_id, field, status, created_at) "
                    "VALUES (:id, 'field', 'person', 'p1', 'phone', :status, :at)"
                ),
                {"id": f"c{number}", "status": status, "at": f"2025-11-0{number + 1}T00:00:00"},
            )
    result = today.load_today(db, day=DAY, now=now)
    assert result.sync.enrolled is True and result.sync.days_since == 4
    conflicts = result.sections["conflicts"]
    assert conflicts.count == 2 and conflicts.lines[0].facts == ("person", "phone")
