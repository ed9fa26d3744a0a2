"""Laptop migration 0011 (employment, issue 16): a 0010 laptop holding unsent changes (people, a visit, an
employment entry, a subsidy application) upgrades, keeps its changes, sends them complete, then works with the new
tables (career plan, placement action, policy campaign, the region and follow-up of a job) and sends that too; and
0011 → 0010 → 0011 round-trips on a database holding rows of every new table."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from sqlalchemy import inspect, text
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending, row

from yulu_desktop.domain.entities import (
    CampaignReach,
    CareerPlan,
    EmploymentAgreement,
    EmploymentFollowUp,
    EmploymentRecord,
    Enrollment,
    Enterprise,
    FairInvitation,
    JobFair,
    JobPosition,
    JobReferral,
    PlacementAction,
    PolicyCampaign,
    School,
    Visit,
    new_id,
)
from yulu_desktop.server import admin
from yulu_desktop.services import records
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

NEW_TABLES = {
    "school",
    "enterprise",
    "employment_agreement",
    "job_position",
    "job_fair",
    "fair_invitation",
    "job_referral",
    "employment_follow_up",
    "career_plan",
    "policy_campaign",
    "campaign_reach",
    "placement_action",
}
NEW_COLUMNS = {"region", "referral_id"}
TODAY = date.today()


def _tables(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return set(inspect(conn).get_table_names())


def _employment_columns(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return {c["name"] for c in inspect(conn).get_columns("employment_record")}


def _old_employment_entry(db: Database, person_id: str) -> str:
    """An employment entry written as a 0010 laptop did (no region, no referral)."""
    entry_id = new_id()
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO employment_record (id, person_id, effective_date, destination, employer, industry, "
                "job, place, channel, monthly_income_fen, matches_major, source, recorded_at) VALUES (:id, :p, "
                ":on, 'employed', '重庆长安汽车股份有限公司', '制造业', '装配工', '重庆市渝北区', 'public_service', "
                "450000, 1, 'visit', :at)"
            ),
            {
                "id": entry_id,
                "p": person_id,
                "on": (TODAY - timedelta(days=40)).isoformat(),
                "at": "2026-10-01",
            },
        )
    return entry_id


def _old_application(db: Database, person_id: str, enrollment_id: str) -> str:
    """A subsidy application as a 0010 laptop wrote it (a draft: the cycle's checks do not judge it yet)."""
    app_id = new_id()
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO subsidy_application (id, person_id, enrollment_id, term, amount_fen, payee_name, "
                "payee_account, state, applied_on, village_opinion, rule_version) VALUES (:id, :p, :e, "
                "'2026-autumn', 150000, '张大山', '6217000010000000008', 'draft', :on, '', 1)"
            ),
            {"id": app_id, "p": person_id, "e": enrollment_id, "on": TODAY.isoformat()},
        )
    return app_id


def test_a_0010_laptop_with_unsent_changes_upgrades_and_syncs_into_employment(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    village_id = county.unit_id(VILLAGE_A)
    migrate.downgrade(db, "0010")
    assert not NEW_TABLES & _tables(db) and not NEW_COLUMNS & _employment_columns(db)

    household = add_household(db, village_id)
    graduate = add_person(db, household, "张小红", relationship="20")
    student = add_person(db, household, "张小明", relationship="20")
    enrollment = Enrollment(
        person_id=student,
        school_year="2026-2027",
        semester="autumn",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        entry_date=date(2025, 9, 1),
    )
    visit = Visit(
        household_id=household,
        person_id=graduate,
        visit_date=TODAY - timedelta(days=3),
        visitor_name="张书记",
        visitor_role="village_committee",
        notes="已在长安汽车上班",
    )
    with db.write() as session:
        session.add(enrollment)
        session.add(visit)
    job = _old_employment_entry(db, graduate)
    app_id = _old_application(db, student, enrollment.id)
    before = pending(db)
    assert before == 7

    migrate.upgrade(db)
    assert _tables(db) >= NEW_TABLES and _employment_columns(db) >= NEW_COLUMNS
    assert pending(db) == before  # the schema change journals nothing and loses nothing
    report = SyncClient(db, county.url, http=county.http).sync_once()
    with db.read_connection() as conn:
        refusals = list(conn.execute(text("SELECT entity, loser_author FROM sync_conflict")))
    assert report.complete and pending(db) == 0 and report.quarantined == 0, refusals
    state = admin.record_state(county.db)
    for entity, entity_id in (
        ("household", household),
        ("person", graduate),
        ("person", student),
        ("enrollment", enrollment.id),
        ("visit", visit.id),
    ):
        assert state[(entity, entity_id)] is not None, entity
    sent = state[("employment_record", job)]
    assert sent is not None
    assert (sent["person_id"], sent["destination"], sent["employer"], sent["monthly_income_fen"]) == (
        graduate,
        "employed",
        "重庆长安汽车股份有限公司",
        450000,
    )
    assert sent.get("region") is None and sent.get("referral_id") is None
    application = state[("subsidy_application", app_id)]
    assert application is not None
    assert (application["person_id"], application["state"], application["payee_account"]) == (
        student,
        "draft",
        "6217000010000000008",
    )

    # The upgraded laptop works with the new tables and sends them like any change.
    campaign = PolicyCampaign(
        unit_id=village_id, moment="before_graduation", held_on=TODAY, topic="雨露计划就业补助政策"
    )
    plan = CareerPlan(
        person_id=student, recorded_on=TODAY, stage="in_school", major="汽车维修", wanted_region="province"
    )
    action = PlacementAction(
        person_id=student,
        recorded_on=TODAY,
        reason="seeking",
        next_action="推荐到县就业服务中心",
        due_on=TODAY + timedelta(days=14),
    )
    follow_up = EmploymentFollowUp(person_id=graduate, employment_record_id=job, due_month=1, done_on=TODAY)
    with records.writing(db, "张书记") as session:
        session.add(campaign)
        session.flush()
        for record in (plan, action, follow_up, CampaignReach(person_id=student, campaign_id=campaign.id)):
            session.add(record)
        session.add(
            EmploymentRecord(
                person_id=graduate,
                effective_date=TODAY,
                destination="flexible",
                employer="",
                region="county",
                recorded_at=datetime.now(),
            )
        )
    assert pending(db) == 6
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0 and report.quarantined == 0
    state = admin.record_state(county.db)
    stored_plan = state[("career_plan", plan.id)]
    assert stored_plan is not None and (stored_plan["major"], stored_plan["wanted_region"]) == (
        "汽车维修",
        "province",
    )
    stored_follow_up = state[("employment_follow_up", follow_up.id)]
    assert stored_follow_up is not None and stored_follow_up["employment_record_id"] == job
    assert state[("policy_campaign", campaign.id)] is not None
    assert state[("placement_action", action.id)] is not None
    regions = {
        v.get("region")
        for (entity, _i), v in state.items()
        if entity == "employment_record" and v is not None
    }
    assert regions == {None, "county"}

    # Another laptop of the village pulls all of it: the old entry without a region, the new rows as sent.
    other, other_sync = county.device("hongyan2")
    assert other_sync.sync_once().complete
    pulled = row(other, "employment_record", job)
    assert (
        pulled is not None and pulled["region"] is None and pulled["employer"] == "重庆长安汽车股份有限公司"
    )
    for table, record_id in (
        ("employment_follow_up", follow_up.id),
        ("career_plan", plan.id),
        ("placement_action", action.id),
        ("policy_campaign", campaign.id),
        ("subsidy_application", app_id),
        ("visit", visit.id),
    ):
        assert row(other, table, record_id) is not None, table


def test_0011_downgrades_and_upgrades_again_with_rows_in_the_new_tables(db: Database) -> None:
    with records.writing(db, "测试") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        village = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    household = add_household(db, village.id)
    person = add_person(db, household, "张小红", relationship="20")
    school = School(county_id=county.id, name="重庆三峡职业学院", level="higher", majors='["汽车维修"]')
    enterprise = Enterprise(county_id=county.id, name="长安汽车", industry="manufacturing", region="province")
    agreement = EmploymentAgreement(
        county_id=county.id,
        kind="tripartite",
        title="汽车维修订单班",
        school_id=school.id,
        enterprise_ids=f'["{enterprise.id}"]',
        signed_on=TODAY,
    )
    fair = JobFair(unit_id=township.id, name="春风行动", held_on=TODAY)
    position = JobPosition(
        unit_id=county.id,
        enterprise_id=enterprise.id,
        title="装配工",
        region="province",
        posted_on=TODAY,
        agreement_id=agreement.id,
        fair_id=fair.id,
    )
    referral = JobReferral(person_id=person, position_id=position.id, fair_id=fair.id, referred_on=TODAY)
    job = EmploymentRecord(
        person_id=person,
        effective_date=TODAY,
        destination="employed",
        employer="长安汽车",
        region="province",
        referral_id=referral.id,
        recorded_at=datetime.now(),
    )
    campaign = PolicyCampaign(unit_id=village.id, moment="before_entry", held_on=TODAY, topic="雨露计划")
    with records.writing(db, "测试") as session:
        for record in (school, enterprise, agreement, fair, position, campaign):
            session.add(record)
            session.flush()
        for own in (
            FairInvitation(person_id=person, fair_id=fair.id, invited_on=TODAY, attended=True),
            referral,
            job,
            EmploymentFollowUp(person_id=person, employment_record_id=job.id, due_month=1, done_on=TODAY),
            CareerPlan(person_id=person, recorded_on=TODAY, goal="汽车维修技师"),
            CampaignReach(person_id=person, campaign_id=campaign.id),
            PlacementAction(
                person_id=person, recorded_on=TODAY, reason="other", next_action="回访", due_on=TODAY
            ),
        ):
            session.add(own)
            session.flush()
    with db.read_connection() as conn:
        for table in NEW_TABLES:
            assert conn.execute(text(f'SELECT count(*) FROM "{table}"')).scalar_one() == 1, table

    migrate.downgrade(db, "0010")
    assert not NEW_TABLES & _tables(db) and not NEW_COLUMNS & _employment_columns(db)
    kept = row(db, "employment_record", job.id)
    assert kept is not None and (kept["destination"], kept["employer"]) == ("employed", "长安汽车")
    assert row(db, "person", person) is not None

    migrate.upgrade(db)
    assert not migrate.needs_upgrade(db)
    assert _tables(db) >= NEW_TABLES and _employment_columns(db) >= NEW_COLUMNS
    back = row(db, "employment_record", job.id)
    assert back is not None and back["region"] is None and back["referral_id"] is None
    # The new tables work again (and are journaled: the rows are shared).
    with db.read_connection() as conn:
        before = int(conn.execute(text("SELECT count(*) FROM change_journal")).scalar_one())
    with records.writing(db, "测试") as session:
        session.add(School(county_id=county.id, name="城口县职教中心", level="secondary"))
        session.add(CareerPlan(person_id=person, recorded_on=TODAY, goal="当护士"))
    with db.read_connection() as conn:
        entities = set(
            conn.execute(
                text("SELECT entity FROM change_journal WHERE seq > :seq"), {"seq": before}
            ).scalars()
        )
    assert entities == {"school", "career_plan"}
