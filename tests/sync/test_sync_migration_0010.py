"""Laptop migration 0010 (the subsidy cycle, issue 15): a 0009 laptop holding unsent changes, a subsidy
application among them, upgrades, keeps its changes, sends them complete, then works in the new cycle (evidence)
and sends that too; and 0010 → 0009 → 0010 round-trips on a database holding rows of the new tables."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect, text
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending, row

from yulu_desktop.domain.entities import Enrollment, new_id
from yulu_desktop.server import admin
from yulu_desktop.services import records, subsidy, subsidy_publicity
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

NEW_TABLES = {
    "subsidy_rule",
    "subsidy_window",
    "subsidy_evidence",
    "subsidy_publicity",
    "subsidy_objection",
    "subsidy_payment_batch",
}
NEW_COLUMNS = {
    "rule_version",
    "other_aid",
    "publicity_id",
    "returned_reason",
    "joint_opinions",
    "payment_batch_id",
    "paid_on",
    "payment_failure",
}


def _tables(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return set(inspect(conn).get_table_names())


def _application_columns(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return {c["name"] for c in inspect(conn).get_columns("subsidy_application")}


def _old_application(db: Database, person_id: str, enrollment_id: str) -> str:
    """An application written as a 0009 laptop did (no new columns): already through 村委会初审."""
    app_id = new_id()
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO subsidy_application (id, person_id, enrollment_id, term, amount_fen, payee_name, "
                "payee_account, state, applied_on, village_opinion) VALUES (:id, :p, :e, '2025-autumn', 150000, "
                "'张大山', '6217000010000000008', 'applied', '2025-09-20', '')"
            ),
            {"id": app_id, "p": person_id, "e": enrollment_id},
        )
    return app_id


def test_a_0009_laptop_with_an_unsent_application_upgrades_and_syncs_into_the_cycle(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    migrate.downgrade(db, "0009")
    assert not NEW_TABLES & _tables(db) and not NEW_COLUMNS & _application_columns(db)

    household = add_household(db, county.unit_id(VILLAGE_A))
    student = add_person(db, household, "张小红", relationship="20", student_status="higher_vocational")
    enrollment = Enrollment(
        person_id=student,
        school_year="2025-2026",
        semester="autumn",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        entry_date=date(2025, 9, 1),
    )
    with db.write() as session:
        session.add(enrollment)
    app_id = _old_application(db, student, enrollment.id)
    before = pending(db)
    assert before == 4

    migrate.upgrade(db)
    assert _tables(db) >= NEW_TABLES and _application_columns(db) >= NEW_COLUMNS
    assert pending(db) == before  # the schema change journals nothing and loses nothing
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0
    state = admin.record_state(county.db)
    sent = state[("subsidy_application", app_id)]
    assert sent is not None
    assert (sent["person_id"], sent["enrollment_id"], sent["term"], sent["amount_fen"], sent["state"]) == (
        student,
        enrollment.id,
        "2025-autumn",
        150000,
        "applied",
    )
    assert sent["payee_account"] == "6217000010000000008"

    # The upgraded laptop works in the new cycle: the evidence of the old application, sent like any change.
    subsidy.set_evidence(db, app_id, "id_card", provided=True, note="复印件已核对", actor="张书记")
    (row_id,) = _evidence_ids(db, app_id)
    assert pending(db) == 1
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0
    evidence = admin.record_state(county.db)[("subsidy_evidence", row_id)]
    assert evidence is not None
    assert (evidence["application_id"], evidence["kind"], evidence["note"]) == (
        app_id,
        "id_card",
        "复印件已核对",
    )
    assert evidence["provided"] in (True, 1)


def _evidence_ids(db: Database, app_id: str) -> list[str]:
    with db.read_connection() as conn:
        return list(
            conn.execute(
                text("SELECT id FROM subsidy_evidence WHERE application_id = :a"), {"a": app_id}
            ).scalars()
        )


def test_0010_downgrades_and_upgrades_again_with_rows_in_the_new_tables(db: Database) -> None:
    with records.writing(db, "测试") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        village = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    household = add_household(db, village.id)
    student = add_person(db, household, "张小红", relationship="20")
    enrollment = Enrollment(
        person_id=student,
        school_year="2025-2026",
        semester="autumn",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
    )
    with db.write() as session:
        session.add(enrollment)
    records.set_subsidy_amount(
        db, "500229", "higher_vocational", 300000, effective_from=date(2020, 1, 1), actor="县"
    )
    (app_id,) = subsidy.apply(db, [student], "2025-autumn", actor="测试", today=date(2025, 10, 10)).done
    for item in subsidy.evidence(db, app_id):
        subsidy.set_evidence(db, app_id, item.kind, provided=True, actor="测试")
    subsidy.take_step(db, [app_id], "village_reviewed", actor="测试")
    subsidy_publicity.publicize(
        db, [app_id], starts_on=date(2025, 10, 10), ends_on=date(2025, 10, 14), actor="测试"
    )
    subsidy_publicity.raise_objection(
        db, app_id, raised_by="匿名", content="核实家庭情况", raised_on=date(2025, 10, 11), actor="测试"
    )
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO subsidy_rule (id, county_code, version, effective_from, household_types, school_types, "
                "registry_statuses, evidence) VALUES (:id, '500229', 1, '2025-01-01', '[\"tuopin\"]', "
                "'[\"zhongzhuan\"]', '[\"enrolled\"]', '[]')"
            ),
            {"id": new_id()},
        )
        conn.execute(
            text(
                "INSERT INTO subsidy_payment_batch (id, county_id, term, batch_no, created_on) "
                "VALUES (:id, :c, '2025-autumn', '500229-2025秋-01', '2025-11-01')"
            ),
            {"id": new_id(), "c": county.id},
        )

    migrate.downgrade(db, "0009")
    assert not NEW_TABLES & _tables(db) and not NEW_COLUMNS & _application_columns(db)
    kept = row(db, "subsidy_application", app_id)
    assert kept is not None and (kept["state"], kept["amount_fen"]) == ("publicized", 150000)

    migrate.upgrade(db)
    assert not migrate.needs_upgrade(db)
    assert _tables(db) >= NEW_TABLES and _application_columns(db) >= NEW_COLUMNS
    back = row(db, "subsidy_application", app_id)
    assert back is not None and back["state"] == "publicized" and back["publicity_id"] is None
    assert back["returned_reason"] == "" and back["rule_version"] is None
    # The new tables work again: the evidence of the application is recorded anew (the rule of its day).
    with db.write_connection() as conn:
        conn.execute(text("UPDATE subsidy_application SET state = 'applied' WHERE id = :id"), {"id": app_id})
    subsidy.set_evidence(db, app_id, "hukou", provided=True, actor="测试")
    assert [e.kind for e in subsidy.evidence(db, app_id) if e.provided] == ["hukou"]
