"""Fixtures shared by every test: an isolated user directory and a fresh encrypted database per test.

The migrated database is built once per session and copied for each test (creating one costs a key derivation
and a migration run), as Anki's test helpers do.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

#: The PostgreSQL fixtures of the county server and province tests (pg_url, server_url).
pytest_plugins = ["tests.pg_fixtures"]

PASSPHRASE = "test-passphrase-1"


@pytest.fixture(autouse=True)
def _isolated_environment(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never touch the real user's data directory, settings or passphrase."""
    home = tmp_path_factory.mktemp("yulu-home")
    monkeypatch.setenv("YULU_HOME", str(home))
    monkeypatch.delenv("YULU_DB_KEY", raising=False)


@pytest.fixture(scope="session")
def template_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database.open(path, PASSPHRASE, create=True)
    try:
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
    return path


@pytest.fixture
def db_path(template_database: Path, tmp_path: Path) -> Path:
    path = tmp_path / "yulu.db"
    shutil.copyfile(template_database, path)
    return path


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = Database.open(db_path, PASSPHRASE)
    yield database
    database.close()


def make_sample_graph(db: Database, *, actor: str = "测试员") -> dict[str, object]:
    """One record of every shared entity, linked together, written through the ORM in one transaction."""
    import dataclasses
    from datetime import date, datetime

    from yulu_desktop.domain.entities import (
        Attachment,
        CampaignReach,
        CareerPlan,
        EmploymentAgreement,
        EmploymentFollowUp,
        EmploymentRecord,
        Enrollment,
        Enterprise,
        FairInvitation,
        Household,
        Intent,
        JobFair,
        JobPosition,
        JobReferral,
        MembershipChange,
        OrgUnit,
        Person,
        PlacementAction,
        PolicyCampaign,
        School,
        SubsidyApplication,
        SubsidyEvidence,
        SubsidyObjection,
        SubsidyPaymentBatch,
        SubsidyPublicity,
        SubsidySetting,
        SubsidyWindow,
        Training,
        Visit,
    )
    from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
    from yulu_desktop.store import journal

    county = OrgUnit(code="500229", name="城口县", level="county")
    village = OrgUnit(code="500229101201", name="红岩村", level="village", parent_id=county.id)
    household = Household(household_no="5002291012010001", village_id=village.id, payee_name="张大山")
    person = Person(household_id=household.id, name="张坤", id_number="11010519491231002X", relationship="20")
    application = SubsidyApplication(
        person_id=person.id,
        term="2025-autumn",
        amount_fen=150000,
        applied_on=date(2025, 9, 20),
    )
    enrollment = Enrollment(
        person_id=person.id,
        school_year="2025-2026",
        semester="autumn",
        school_name="重庆三峡医药高等专科学校",
        school_type="dazhuan",
        major="口腔医学技术",
        entry_date=date(2025, 9, 1),
    )
    employment = EmploymentRecord(
        person_id=person.id,
        effective_date=date(2025, 7, 1),
        destination="employed",
        employer="重庆欣乐美义齿公司",
        recorded_at=datetime(2025, 7, 2, 9, 0),
        region="province",
    )
    school = School(
        county_id=county.id, name="重庆三峡医药高等专科学校", level="higher", majors='["口腔医学技术"]'
    )
    enterprise = Enterprise(
        county_id=county.id,
        name="重庆欣乐美义齿公司",
        credit_code="91500101MA5U8XXXXC",
        industry="manufacturing",
        region="province",
    )
    fair = JobFair(unit_id=county.id, name="2025年雨露计划毕业生专场招聘会", held_on=date(2025, 6, 20))
    position = JobPosition(
        unit_id=county.id,
        enterprise_id=enterprise.id,
        title="义齿技师",
        region="province",
        pay_min_fen=400000,
        pay_max_fen=600000,
        majors='["口腔医学技术"]',
        posted_on=date(2025, 6, 1),
        fair_id=fair.id,
    )
    campaign = PolicyCampaign(
        unit_id=village.id, moment="before_graduation", held_on=date(2025, 5, 10), topic="雨露计划就业政策"
    )
    records: dict[str, object] = {
        "org_unit": county,
        "village": village,
        "household": household,
        "person": person,
        "enrollment": enrollment,
        "intent": Intent(person_id=person.id, recorded_on=date(2025, 3, 1)),
        "visit": Visit(
            household_id=household.id,
            visit_date=date(2025, 10, 1),
            visitor_name="李明",
            visitor_role="resident_cadre",
        ),
        "training": Training(person_id=person.id, name="育婴员培训"),
        "employment_record": employment,
        "subsidy_setting": SubsidySetting(
            county_code="500229",
            school_type="dazhuan",
            annual_amount_fen=300000,
            effective_from=date(2022, 1, 1),
        ),
        "subsidy_application": application,
        "attachment": Attachment(
            person_id=person.id,
            filename="学籍证明.jpg",
            mime_type="image/jpeg",
            size=3,
            sha256="a" * 64,
            added_on=date(2025, 9, 20),
        ),
        "membership_change": MembershipChange(
            person_id=person.id, kind="register", happened_on=date(2025, 1, 2), to_place="红岩村"
        ),
        "subsidy_rule": dataclasses.replace(DEFAULT_RULE, version=1).to_row("500229"),
        "subsidy_window": SubsidyWindow(
            county_code="500229", term="2025-autumn", opens_on=date(2025, 9, 1), closes_on=date(2025, 10, 31)
        ),
        "subsidy_evidence": SubsidyEvidence(application_id=application.id, kind="id_card", provided=True),
        "subsidy_publicity": SubsidyPublicity(
            village_id=village.id, term="2025-autumn", starts_on=date(2025, 10, 8), ends_on=date(2025, 10, 14)
        ),
        "subsidy_objection": SubsidyObjection(
            application_id=application.id, raised_on=date(2025, 10, 9), raised_by="匿名", content="家中有车"
        ),
        "subsidy_payment_batch": SubsidyPaymentBatch(
            county_id=county.id,
            term="2025-autumn",
            batch_no="500229-2025-autumn-01",
            created_on=date(2025, 11, 20),
        ),
        "school": school,
        "enterprise": enterprise,
        "employment_agreement": EmploymentAgreement(
            county_id=county.id,
            kind="tripartite",
            title="城口县—重庆三峡医药高专—欣乐美 校企县合作协议",
            school_id=school.id,
            enterprise_ids=f'["{enterprise.id}"]',
            signed_on=date(2024, 9, 1),
            places_per_year=20,
        ),
        "job_fair": fair,
        "job_position": position,
        "fair_invitation": FairInvitation(person_id=person.id, fair_id=fair.id, invited_on=date(2025, 6, 10)),
        "job_referral": JobReferral(
            person_id=person.id, position_id=position.id, fair_id=fair.id, referred_on=date(2025, 6, 20)
        ),
        "employment_follow_up": EmploymentFollowUp(
            person_id=person.id, employment_record_id=employment.id, due_month=1, done_on=date(2025, 8, 2)
        ),
        "career_plan": CareerPlan(person_id=person.id, recorded_on=date(2023, 6, 1), goal="义齿技师"),
        "policy_campaign": campaign,
        "campaign_reach": CampaignReach(person_id=person.id, campaign_id=campaign.id),
        "placement_action": PlacementAction(
            person_id=person.id,
            recorded_on=date(2025, 6, 25),
            reason="seeking",
            next_action="推荐参加7月专场招聘",
            due_on=date(2025, 7, 15),
        ),
    }
    application.enrollment_id = enrollment.id
    with db.write() as session:
        journal.set_author(session.connection(), actor)
        for record in records.values():
            session.add(record)
            session.flush()
    return records


@pytest.fixture
def sample_graph(db: Database) -> dict[str, object]:
    return make_sample_graph(db)


def _excel_kit() -> object:
    """The Excel test helpers of tests/excel/conftest.py, loaded as a module (test directories are not
    packages under --import-mode=importlib)."""
    import importlib.util
    import sys

    name = "yulu_tests_excel_kit"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / "excel" / "conftest.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture
def xl(tmp_path: Path) -> object:
    """Real spreadsheets made with openpyxl, valid ID numbers (the kit of tests/excel), for any test."""
    return _excel_kit().ExcelKit(tmp_path)  # type: ignore[attr-defined]
