"""The employment demo (issue 16): every new screen has real content, and the content is consistent — hires have
their employment entry, follow-ups follow the job history, the unemployed list holds only graduates not placed —
and valid under the same domain checks as typed-in data."""

from __future__ import annotations

import datetime as dt
import shutil
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from tests.conftest import PASSPHRASE
from yulu_desktop.domain import codes, employment, matching
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentAgreement,
    Enterprise,
    JobFair,
    JobPosition,
    JobReferral,
    PlacementAction,
    PolicyCampaign,
    School,
)
from yulu_desktop.domain.errors import Severity
from yulu_desktop.services import check as check_service
from yulu_desktop.services import demo, demo_employment
from yulu_desktop.store.database import Database

TODAY = dt.date(2026, 12, 5)


@pytest.fixture(scope="module")
def demo_db(template_database: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    path = tmp_path_factory.mktemp("demo-employment") / "demo.db"
    shutil.copyfile(template_database, path)
    database = Database.open(path, PASSPHRASE)
    demo.generate_demo(database, households=300, seed=3, today=TODAY)
    yield database
    database.close()


def _rows(db: Database, sql: str) -> list[tuple[Any, ...]]:
    with db.read_connection() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql).all()]


def _day(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value)[:10])


def test_credit_codes_are_valid_and_regions_follow_the_county() -> None:
    code = demo_employment.credit_code("500229", "MA5YD8W31")
    assert len(code) == 18 and employment.credit_code_problem(code) is None
    assert employment.credit_code_problem(code[:17] + ("0" if code[17] != "0" else "1")) is not None
    assert demo_employment.region_of("500229", "500229") == "county"
    assert demo_employment.region_of("500112", "500229") == "province"
    assert demo_employment.region_of("410100", "500229") == "outside"
    assert demo_employment.region_of_place("重庆市城口县", "500229", TODAY, TODAY) == "county"
    assert demo_employment.region_of_place("重庆市渝北区", "500229", TODAY, TODAY) == "province"
    assert demo_employment.region_of_place("广东省云浮市", "140928", TODAY, TODAY) == "outside"
    # A job started before issue 16 asked for the region has none (未填地域).
    assert demo_employment.region_of_place("重庆市渝北区", "500229", dt.date(2024, 7, 15), TODAY) is None


def test_a_third_of_this_years_graduates_wait_for_work() -> None:
    numbers = [f"G20040101{n:06d}" for n in range(100)]
    this_year = sum(demo_employment.waits_for_work(n, dt.date(2026, 7, 1), TODAY) for n in numbers)
    earlier = sum(demo_employment.waits_for_work(n, dt.date(2025, 7, 1), TODAY) for n in numbers)
    assert (this_year, earlier) == (34, 8)


def test_reference_data_is_valid_and_complete(demo_db: Database) -> None:
    with demo_db.read() as session:
        schools = list(session.scalars(select(School)))
        enterprises = list(session.scalars(select(Enterprise)))
        agreements = list(session.scalars(select(EmploymentAgreement)))
        positions = list(session.scalars(select(JobPosition)))
        fairs = list(session.scalars(select(JobFair)))
        campaigns = list(session.scalars(select(PolicyCampaign)))
    names = {s.name for s in schools}
    assert {"重庆三峡医药高等专科学校", "重庆三峡职业学院", "山西省畜牧兽医学校"} <= names
    assert {e.name for e in enterprises} >= {"重庆欣乐美义齿公司", "大象农牧集团", "温氏股份", "海高牧业"}
    for checked, issues in (
        (schools, employment.school_issues),
        (enterprises, employment.enterprise_issues),
        (agreements, employment.agreement_issues),
        (positions, employment.position_issues),
        (fairs, employment.fair_issues),
    ):
        for row in checked:
            assert [i for i in issues(row) if i.severity is Severity.ERROR] == [], row  # type: ignore[arg-type]
    for campaign in campaigns:
        assert employment.campaign_issues(campaign, today=TODAY) == []
    assert len({e.credit_code for e in enterprises}) == len(enterprises)
    assert {e.pairing for e in enterprises} >= {"east_west", "wanqi", "local"}
    assert any(e.pairing_partner == "浙江省宁波市（东西部协作）" for e in enterprises)
    tripartite = next(a for a in agreements if a.kind == "tripartite")
    school_ids = {s.id for s in schools}
    assert tripartite.school_id in school_ids and len(employment.json_list(tripartite.enterprise_ids)) == 4
    by_id = {e.id: e for e in enterprises}
    assert all(p.enterprise_id in by_id for p in positions)
    # Positions from the agreements, the fair, the county and a township; one closed, the rest open.
    assert any(p.agreement_id for p in positions) and any(p.fair_id for p in positions)
    units = dict(_rows(demo_db, "SELECT id, level FROM org_unit"))
    assert {units[p.unit_id] for p in positions} == {"county", "township"}
    assert sum(p.deadline is not None and p.deadline < TODAY for p in positions) == 1
    assert sorted(f.held_on < TODAY for f in fairs) == [False, True]
    assert {c.moment for c in campaigns} == set(codes.CAMPAIGN_MOMENT.labels)


def test_hires_have_their_employment_entry(demo_db: Database) -> None:
    with demo_db.read() as session:
        referrals = list(session.scalars(select(JobReferral)))
        positions = {p.id: p for p in session.scalars(select(JobPosition))}
        enterprises = {e.id: e for e in session.scalars(select(Enterprise))}
    assert {r.state for r in referrals} == set(codes.REFERRAL_STATE.labels)
    records = {
        row[0]: row
        for row in _rows(
            demo_db,
            "SELECT id, person_id, effective_date, destination, employer, job, region, channel, referral_id, "
            "monthly_income_fen, industry FROM employment_record",
        )
    }
    for referral in referrals:
        assert referral.referred_on <= TODAY
        assert (referral.outcome_on is None) == (referral.state == "referred")
        assert bool(referral.outcome_reason) == (referral.state in employment.REASON_NEEDED)
        position = positions[referral.position_id]
        assert referral.referred_on >= position.posted_on
        assert position.deadline is None or referral.referred_on <= position.deadline
        if referral.state != "hired":
            assert referral.employment_record_id is None
            continue
        record = records[referral.employment_record_id]
        _id, person_id, start, destination, employer, job, region, channel, referral_id, income, industry = (
            record
        )
        company = enterprises[position.enterprise_id]
        assert (person_id, destination, referral_id) == (referral.person_id, "employed", referral.id)
        assert (employer, job, region) == (company.name, position.title, position.region)
        assert industry == codes.INDUSTRY.label(company.industry) and income == position.pay_min_fen
        expected = (
            "job_fair"
            if referral.fair_id
            else "school_enterprise"
            if position.agreement_id
            else "public_service"
        )
        assert channel == expected
        assert referral.outcome_on is not None and referral.outcome_on <= _day(start) <= TODAY
    # Every entry naming a referral is that referral's hire.
    hired = {r.employment_record_id for r in referrals if r.state == "hired"}
    assert {rid for rid, row in records.items() if row[8]} == hired


def test_graduates_with_and_without_work_and_the_unemployed_have_actions(demo_db: Database) -> None:
    graduates = {
        r[0]
        for r in _rows(
            demo_db,
            "SELECT e.person_id FROM enrollment e WHERE e.registry_status = 'graduated' AND e.ended_on IS NOT NULL",
        )
    }
    latest: dict[str, str] = {}
    for person_id, destination in _rows(
        demo_db,
        "SELECT person_id, destination FROM employment_record WHERE voided_on IS NULL "
        "ORDER BY person_id, effective_date, recorded_at, id",
    ):
        latest[str(person_id)] = str(destination)
    assert set(latest) <= graduates
    employed = {p for p in graduates if latest.get(p) in codes.EMPLOYED_DESTINATIONS}
    no_entry = graduates - set(latest)
    seeking = {p for p in graduates if latest.get(p) == "seeking"}
    assert employed and no_entry and seeking
    # Placed without a job (升学, 参军), and employed without an employer's job (创业, 灵活就业).
    assert {"further_study", "military", "self_employed", "flexible"} <= set(latest.values())
    assert len(employed) > len(no_entry | seeking)
    actions = _rows(
        demo_db, "SELECT person_id, recorded_on, due_on, done_on, reason, next_action FROM placement_action"
    )
    unplaced = no_entry | seeking
    assert {a[0] for a in actions} <= unplaced and len({a[0] for a in actions}) > len(unplaced) // 2
    for person_id, recorded_on, due_on, _done_on, reason, next_action in actions:
        action = PlacementAction(
            person_id=str(person_id), recorded_on=_day(recorded_on), reason=str(reason),
            next_action=str(next_action), due_on=_day(due_on),
        )  # fmt: skip
        assert employment.placement_action_issues(action) == []
    open_due = [_day(a[2]) for a in actions if a[3] is None]
    assert any(d < TODAY for d in open_due) and any(d >= TODAY for d in open_due)
    assert any(a[3] is not None for a in actions)


def test_follow_ups_follow_the_job_history(demo_db: Database) -> None:
    history: dict[str, list[tuple[str, dt.date, str]]] = defaultdict(list)
    for record_id, person_id, start, destination in _rows(
        demo_db,
        "SELECT id, person_id, effective_date, destination FROM employment_record WHERE voided_on IS NULL "
        "ORDER BY person_id, effective_date, recorded_at, id",
    ):
        history[str(person_id)].append((str(record_id), _day(start), str(destination)))
    follow_ups = _rows(
        demo_db,
        "SELECT person_id, employment_record_id, due_month, done_on, still_employed FROM employment_follow_up",
    )
    done: dict[str, list[tuple[int, dt.date]]] = defaultdict(list)
    for person_id, record_id, month, done_on, still_employed in follow_ups:
        entries = history[str(person_id)]
        index = next(i for i, e in enumerate(entries) if e[0] == record_id)
        assert entries[index][2] in codes.EMPLOYED_DESTINATIONS
        done[str(record_id)].append((int(month), _day(done_on)))
        if not still_employed:
            # Out of work at the follow-up: recorded as a later 待业求职 entry on that day, the history kept.
            assert entries[index + 1][1:] == (_day(done_on), "seeking")
    overdue = 0
    for entries in history.values():
        for index, (record_id, start, destination) in enumerate(entries):
            if destination not in codes.EMPLOYED_DESTINATIONS:
                continue
            ended = entries[index + 1][1] if index + 1 < len(entries) else None
            schedule = employment.follow_up_schedule(start, done.get(record_id, ()), ended_on=ended)
            overdue += sum(due.overdue(TODAY) for due in schedule)
    assert len(follow_ups) > 100 and overdue > 0
    assert sum(not row[4] for row in follow_ups) > 0


def test_plans_invitations_and_reach(demo_db: Database) -> None:
    with demo_db.read() as session:
        plans = list(session.scalars(select(CareerPlan)))
    for plan in plans:
        assert employment.career_plan_issues(plan, today=TODAY) == []
    assert len(plans) > 100 and sum(p.wanted_income_fen is not None for p in plans) > len(plans) // 2
    assert Counter(p.stage for p in plans).keys() >= {"in_school", "before_graduation"}
    attended = Counter(r[0] for r in _rows(demo_db, "SELECT attended FROM fair_invitation"))
    assert attended[1] and attended[0] and attended[None]
    reach = dict(
        _rows(
            demo_db,
            "SELECT c.moment, count(*) FROM campaign_reach r JOIN policy_campaign c ON c.id = r.campaign_id "
            "GROUP BY c.moment",
        )
    )
    assert set(reach) == set(codes.CAMPAIGN_MOMENT.labels)


def test_waiting_graduates_have_positions_of_their_major(demo_db: Database) -> None:
    """Matching has something to show: graduates without work whose major an open position asks for."""
    with demo_db.read() as session:
        positions = [
            matching.PositionProfile(
                p.id, p.title, "", None, p.region, majors=tuple(employment.json_list(p.majors)),
                deadline=p.deadline,
            )
            for p in session.scalars(select(JobPosition))
        ]  # fmt: skip
    waiting = _rows(
        demo_db,
        "SELECT e.person_id, e.major FROM enrollment e WHERE e.registry_status = 'graduated' AND NOT EXISTS "
        "(SELECT 1 FROM employment_record r WHERE r.person_id = e.person_id)",
    )
    fitting = [
        person_id
        for person_id, major in waiting
        if any(
            matching.major_fit(matching.GraduateProfile(str(person_id), "", major=str(major)), p) == "same"
            and p.open_on(TODAY)
            for p in positions
        )
    ]
    assert len(fitting) >= 3


def test_the_demo_passes_the_check_and_a_second_run_adds_no_reference_twice(demo_db: Database) -> None:
    assert check_service.check(demo_db, today=TODAY).ok
    before = _rows(demo_db, "SELECT count(*) FROM school UNION ALL SELECT count(*) FROM job_position")
    report = demo_employment.generate_employment_demo(demo_db, seed=3, today=TODAY)
    assert (report.schools, report.enterprises, report.positions, report.fairs, report.campaigns) == (0,) * 5
    assert report.career_plans == report.referrals == report.follow_ups == report.reached == 0
    assert _rows(demo_db, "SELECT count(*) FROM school UNION ALL SELECT count(*) FROM job_position") == before


def test_the_same_seed_gives_the_same_employment_demo(
    db: Database, template_database: Path, tmp_path: Path
) -> None:
    digest_sql = (
        "SELECT p.name, r.state, r.referred_on, j.title FROM job_referral r JOIN person p ON p.id = r.person_id "
        "JOIN job_position j ON j.id = r.position_id ORDER BY p.id_number, r.referred_on"
    )
    plans_sql = "SELECT count(*), sum(wanted_income_fen), max(recorded_on) FROM career_plan"
    demo.generate_demo(db, households=40, seed=9, today=TODAY)
    shutil.copyfile(template_database, tmp_path / "other.db")
    other = Database.open(tmp_path / "other.db", PASSPHRASE)
    try:
        demo.generate_demo(other, households=40, seed=9, today=TODAY)
        assert _rows(db, digest_sql) and _rows(other, digest_sql) == _rows(db, digest_sql)
        assert _rows(other, plans_sql) == _rows(db, plans_sql)
    finally:
        other.close()


@pytest.mark.parametrize(("role", "county_data"), [("village", False), ("township", False), ("county", True)])
def test_a_laptop_enrolled_below_the_county_writes_no_county_data(
    db: Database, role: str, county_data: bool
) -> None:
    """What the county server would hold back is not written: county and township data, and the referrals and
    invitations that need them; the people's own records are."""
    with db.write_connection() as conn:
        conn.exec_driver_sql(
            "INSERT OR REPLACE INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, ?, ?, ?)",
            ("hongyan", "李明", role),
        )
    demo.generate_demo(db, households=40, seed=9, today=TODAY)
    counts = dict(
        _rows(
            db,
            "SELECT 'school', count(*) FROM school UNION ALL SELECT 'position', count(*) FROM job_position "
            "UNION ALL SELECT 'referral', count(*) FROM job_referral UNION ALL SELECT 'invitation', count(*) "
            "FROM fair_invitation UNION ALL SELECT 'plan', count(*) FROM career_plan UNION ALL SELECT 'follow_up', "
            "count(*) FROM employment_follow_up UNION ALL SELECT 'campaign', count(*) FROM policy_campaign",
        )
    )
    assert counts["plan"] > 0 and counts["follow_up"] > 0 and counts["campaign"] > 0
    assert all(counts[k] > 0 for k in ("school", "position", "referral", "invitation")) is county_data
    assert any(counts[k] > 0 for k in ("school", "position", "referral", "invitation")) is county_data
    units = {
        r[0] for r in _rows(db, "SELECT u.level FROM policy_campaign c JOIN org_unit u ON u.id = c.unit_id")
    }
    assert units == ({"county", "township", "village"} if county_data else {"village"})
