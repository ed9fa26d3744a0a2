"""Laptop migration 0012 (the day of 县审定, ``subsidy_application.county_approved_on``).

Laptops of the last release (0011) hold unsent work when they are upgraded: a village laptop a new application, a
county laptop a 县审定 step taken with the old schema (no day). Upgraded, they send it all to the county server of
this release; the old approval is stored without a day, a new one with it; every laptop pulls both (a record the
server holds without the field applies as one with it empty); the dashboard counts the first from its 公示's end and
the second from its approval. And 0012 → 0011 → 0012 round-trips on a database holding a day.

The county server needs no migration for it: it keeps each record's fields as JSON and checks them against the
laptop's schema (``store.schema.SHARED_TABLES``), so the applications it stored before are served as they are.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import inspect, text
from sync_helpers import VILLAGE_A, County, pending, row, update

from yulu_desktop.domain.entities import (
    Enrollment,
    Household,
    Person,
    SubsidyApplication,
    SubsidyEvidence,
    SubsidyPublicity,
)
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.server import admin
from yulu_desktop.services import records, subsidy
from yulu_desktop.services import subsidy_dashboard as sd
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

TERM = "2026-autumn"
TODAY = date.today()
ENDED_ON = TODAY - timedelta(days=7)


def _has_column(db: Database) -> bool:
    with db.read_connection() as conn:
        return "county_approved_on" in {c["name"] for c in inspect(conn).get_columns("subsidy_application")}


def _student(db: Database, village_id: str, name: str) -> tuple[str, str]:
    """A student of a 脱贫户 enrolled for the term: (person id, enrollment id)."""
    household = Household(household_no=uuid.uuid4().hex[:16], village_id=village_id, household_type="tuopin")
    person = Person(household_id=household.id, name=name, relationship="20")
    enrollment = Enrollment(
        person_id=person.id,
        school_year="2026-2027",
        semester="autumn",
        school_name="重庆三峡职业学院",
        school_type="zhongzhuan",
    )
    with db.write() as session:
        for record in (household, person, enrollment):
            session.add(record)
            session.flush()
    return person.id, enrollment.id


def _publicized(db: Database, village_id: str, publicity_id: str, name: str) -> str:
    """An application with its evidence, 初审 and on the 公示 (as the village laptop writes them)."""
    person, enrollment = _student(db, village_id, name)
    application = SubsidyApplication(
        person_id=person,
        enrollment_id=enrollment,
        term=TERM,
        amount_fen=150000,
        state="applied",
        applied_on=TODAY - timedelta(days=30),
        rule_version=0,
    )
    with db.write() as session:
        session.add(application)
        session.flush()
        for item in DEFAULT_RULE.evidence:
            session.add(SubsidyEvidence(application_id=application.id, kind=item.code, provided=True))
    update(db, "subsidy_application", application.id, state="village_reviewed", village_opinion="情况属实")
    update(db, "subsidy_application", application.id, state="publicized", publicity_id=publicity_id)
    return application.id


def _old_application(db: Database, person_id: str, enrollment_id: str) -> str:
    """An application as a 0011 laptop writes it (its columns, no ``county_approved_on``)."""
    app_id = str(uuid.uuid4())
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO subsidy_application (id, person_id, enrollment_id, term, amount_fen, payee_name, "
                "payee_account, state, applied_on, village_opinion, rule_version) VALUES (:id, :p, :e, :term, "
                "150000, '张大山', '6217000010000000008', 'applied', :on, '', 0)"
            ),
            {"id": app_id, "p": person_id, "e": enrollment_id, "term": TERM, "on": TODAY.isoformat()},
        )
    return app_id


def _server(county: County, application_id: str) -> dict[str, Any]:
    stored = admin.record_state(county.db)[("subsidy_application", application_id)]
    assert stored is not None
    return stored


def _refusals(db: Database) -> list[str]:
    with db.read_connection() as conn:
        return [str(r[0]) for r in conn.execute(text("SELECT loser_author FROM sync_conflict"))]


def test_laptops_of_the_last_release_with_unsent_work_upgrade_and_sync_the_day_of_approval(
    county: County,
) -> None:
    village_id = county.unit_id(VILLAGE_A)
    village, village_sync = county.device("hongyan")
    township, township_sync = county.device("miaoba")
    office, office_sync = county.device("county")
    for client in (village_sync, township_sync, office_sync):
        client.sync_once()

    # Two applications on a 公示 that ended a week ago, reviewed by the township: on the county server.
    publicity = SubsidyPublicity(
        village_id=village_id, term=TERM, starts_on=ENDED_ON - timedelta(days=6), ends_on=ENDED_ON
    )
    with village.write() as session:
        session.add(publicity)
    old = _publicized(village, village_id, publicity.id, "张小红")
    new = _publicized(village, village_id, publicity.id, "李小明")
    assert village_sync.sync_once().complete and not _refusals(village)
    township_sync.sync_once()
    for app in (old, new):
        update(township, "subsidy_application", app, state="township_reviewed", township_opinion="同意")
    assert township_sync.sync_once().complete and not _refusals(township)
    office_sync.sync_once()

    # The last release: the county laptop approves one (its columns; no day), the village applies for another
    # student. Neither is sent before the upgrade.
    person, enrollment = _student(village, village_id, "王小军")
    migrate.downgrade(office, "0011")
    migrate.downgrade(village, "0011")
    assert not _has_column(office) and not _has_column(village)
    update(office, "subsidy_application", old, state="county_approved", county_opinion="同意")
    unsent = _old_application(village, person, enrollment)
    waiting = {office: pending(office), village: pending(village)}
    assert waiting == {office: 1, village: 4}  # approval; household, person, enrollment, application

    for db in (office, village):
        migrate.upgrade(db)
        assert _has_column(db) and not migrate.needs_upgrade(db)
        assert pending(db) == waiting[db]  # the schema change journals nothing and loses nothing
    assert row(office, "subsidy_application", old)["county_approved_on"] is None  # type: ignore[index]

    for db, client in ((office, office_sync), (village, village_sync)):
        report = SyncClient(db, county.url, http=county.http).sync_once()
        assert report.complete and report.quarantined == 0 and pending(db) == 0, _refusals(db)
        client.sync_once()
    approved = _server(county, old)
    assert (approved["state"], approved["county_opinion"], approved.get("county_approved_on")) == (
        "county_approved",
        "同意",
        None,
    )
    applied = _server(county, unsent)
    assert "county_approved_on" not in applied  # written by the last release: the field is absent
    assert (applied["state"], applied["person_id"], applied["payee_account"]) == (
        "applied",
        person,
        "6217000010000000008",
    )

    # The upgraded county laptop approves the other one: the step records its day, and the server keeps it.
    report = subsidy.take_step(office, [new], "county_approved", actor="县局", opinion="同意", today=TODAY)
    assert report.done == (new,), report.refused
    assert office_sync.sync_once().complete and not _refusals(office)
    assert _server(county, new)["county_approved_on"] == TODAY.isoformat()

    # Every laptop pulls them: the record without the field applies with the day empty.
    fresh, fresh_sync = county.device("county")
    assert fresh_sync.sync_once().complete
    village_sync.sync_once()
    for db in (fresh, village):
        got_old, got_new = row(db, "subsidy_application", old), row(db, "subsidy_application", new)
        assert got_old is not None and got_new is not None
        assert (got_old["state"], got_old["county_approved_on"]) == ("county_approved", None)
        assert (got_new["state"], got_new["county_approved_on"]) == ("county_approved", TODAY.isoformat())
        got_unsent = row(db, "subsidy_application", unsent)
        assert got_unsent is not None and (got_unsent["state"], got_unsent["county_approved_on"]) == (
            "applied",
            None,
        )

    # The dashboard counts the old approval from the 公示's end, the new one from its day.
    day = ENDED_ON + timedelta(days=31)  # 24 days after the new approval
    board = sd.dashboard(fresh, TERM, today=day)
    late = sd.drill_rows(fresh, board.totals.payment_overdue.drill, today=day)
    assert [r.application_id for r in late] == [old]
    later = TODAY + timedelta(days=31)
    board = sd.dashboard(fresh, TERM, today=later)
    assert {
        r.application_id for r in sd.drill_rows(fresh, board.totals.payment_overdue.drill, today=later)
    } == {
        old,
        new,
    }


def test_0012_downgrades_and_upgrades_again_with_a_day_of_approval(db: Database) -> None:
    with records.writing(db, "测试") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        village = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    person, enrollment = _student(db, village.id, "张小红")
    application = SubsidyApplication(
        person_id=person,
        enrollment_id=enrollment,
        term=TERM,
        amount_fen=150000,
        state="county_approved",
        applied_on=TODAY - timedelta(days=30),
        county_opinion="同意",
        county_approved_on=TODAY,
    )
    with records.writing(db, "测试") as session:
        session.add(application)

    migrate.downgrade(db, "0011")
    assert not _has_column(db)
    kept = row(db, "subsidy_application", application.id)
    assert kept is not None and (kept["state"], kept["county_opinion"]) == ("county_approved", "同意")

    migrate.upgrade(db)
    assert _has_column(db) and not migrate.needs_upgrade(db)
    back = row(db, "subsidy_application", application.id)
    assert back is not None and back["county_approved_on"] is None
    # The column is journaled again (the triggers were installed anew, naming it).
    with db.read_connection() as conn:
        before = int(conn.execute(text("SELECT max(seq) FROM change_journal")).scalar_one())
    update(db, "subsidy_application", application.id, county_approved_on=TODAY.isoformat())
    with db.read_connection() as conn:
        changes = conn.execute(
            text("SELECT changes FROM change_journal WHERE seq > :seq"), {"seq": before}
        ).scalar_one()
    assert "county_approved_on" in changes and TODAY.isoformat() in changes
