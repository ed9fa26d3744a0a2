"""Employment across a county, a township and a village laptop with a real county server (issue 16), on SQLite
and PostgreSQL (one server per module).

Each laptop works only through the services its screens call (``services.employment_reference``,
``services.placement``) and the laptops exchange everything only by syncing: the county enters a school, an
enterprise, a 校企县 agreement, a job fair and two positions; the township adds a position of its own; the village
pulls them (the county's and its township's positions), invites a graduate to the fair, marks the attendance,
refers the graduate, records the interview and the hire (the employment entry is written with it) and the first
follow-up; the county pulls and sees the hire in its positions, fairs and agreements. A village laptop that writes
a position or an enterprise anyway (straight into its database) is refused by the server with the Chinese reason.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import select, text
from sync_helpers import COUNTY, TOWNSHIP, VILLAGE_A, County, row, running_county

from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import (
    EmploymentAgreement,
    Enrollment,
    Enterprise,
    Household,
    JobFair,
    JobPosition,
    Person,
    School,
)
from yulu_desktop.server.models import Record
from yulu_desktop.services import employment_reference as reference
from yulu_desktop.services import employment_stats, placement
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

pytestmark = pytest.mark.slow

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
T = date.today()
CREDIT_CODE = "91500000MA5U12345P"  # a valid 统一社会信用代码 (check character P)


def _day(n: int) -> date:
    """``n`` days before today."""
    return T - timedelta(days=n)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(
    request: pytest.FixtureRequest, template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[County]:
    """One county server for the module (SQLite, then PostgreSQL in a schema of its own)."""
    tmp = tmp_path_factory.mktemp("employment-e2e")
    if request.param == "sqlite":
        with running_county(f"sqlite:///{tmp / 'server.db'}", template_database, tmp) as county:
            yield county
        return
    schema = f"yulu_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    url = f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    try:
        with running_county(url, template_database, tmp) as county:
            yield county
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@dataclass
class Laptops:
    county: County
    office: Database
    office_sync: SyncClient
    township: Database
    township_sync: SyncClient
    village: Database
    village_sync: SyncClient


@pytest.fixture(scope="module")
def laptops(server: County) -> Laptops:
    office, office_sync = server.device("county")
    township, township_sync = server.device("miaoba")
    village, village_sync = server.device("hongyan")
    _sync(office_sync, township_sync, village_sync)  # the org units
    return Laptops(server, office, office_sync, township, township_sync, village, village_sync)


def _sync(*clients: SyncClient) -> None:
    for client in clients:
        report = client.sync_once()
        assert not report.push_error, report.push_error
        assert report.complete and report.quarantined == 0 and report.rejected == 0, report


def _refusals(db: Database) -> list[tuple[str, str]]:
    with db.read_connection() as conn:
        return [
            (str(r[0]), str(r[1]))
            for r in conn.execute(
                text("SELECT entity_id, loser_author FROM sync_conflict WHERE kind = 'quarantined'")
            )
        ]


def _on_server(county: County, entity: str, entity_id: str) -> dict[str, Any] | None:
    with county.db.read() as session:
        found = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).first()
        return None if found is None or found.deleted else county.db.cipher.loads_fields(entity, found.data)


def _graduate(village: Database, village_id: str) -> str:
    """A graduate of 红岩村 (数控技术, graduated this summer), in a household of their own."""
    household = Household(household_no=uuid.uuid4().hex[:16], village_id=village_id, household_type="tuopin")
    person = Person(household_id=household.id, name="张坤", relationship="20")
    enrollment = Enrollment(
        person_id=person.id,
        school_year=f"{T.year - 1}-{T.year}",
        semester="spring",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        major="数控技术",
        registry_status="graduated",
    )
    with village.write() as session:
        for record in (household, person, enrollment):
            session.add(record)
            session.flush()
    return person.id


def test_reference_data_flows_down_and_a_hire_flows_up(laptops: Laptops) -> None:
    county = laptops.county
    office, township, village = laptops.office, laptops.township, laptops.village

    # The county: a school, an enterprise, their agreement, a job fair and two positions.
    school = reference.save_school(
        office,
        School(county_id="", name="重庆三峡职业学院", level="higher", majors='["数控技术"]'),
        actor="县局",
    )
    enterprise = reference.save_enterprise(
        office,
        Enterprise(
            county_id="",
            name="重庆长安汽车股份有限公司",
            credit_code=CREDIT_CODE,
            industry="manufacturing",
            region="province",
            pairing="local",
        ),
        actor="县局",
    )
    agreement = reference.save_agreement(
        office,
        EmploymentAgreement(
            county_id="",
            kind="tripartite",
            title="数控订单班三方协议",
            school_id=school,
            enterprise_ids=f'["{enterprise}"]',
            signed_on=_day(200),
            majors='["数控技术"]',
            places_per_year=20,
        ),
        actor="县局",
    )
    fair = reference.save_fair(
        office,
        JobFair(
            unit_id="", name="城口县春风行动专场招聘会", held_on=_day(50), enterprise_ids=f'["{enterprise}"]'
        ),
        actor="县局",
    )
    at_fair = reference.save_position(
        office,
        JobPosition(
            unit_id="",
            enterprise_id=enterprise,
            title="数控车工",
            region="province",
            pay_min_fen=450_000,
            pay_max_fen=650_000,
            majors='["数控技术"]',
            openings=5,
            posted_on=_day(60),
            agreement_id=agreement,
            fair_id=fair,
        ),
        actor="县局",
    )
    other = reference.save_position(
        office,
        JobPosition(
            unit_id="", enterprise_id=enterprise, title="装配工", region="province", posted_on=_day(60)
        ),
        actor="县局",
    )
    _sync(laptops.office_sync)

    # The township adds a position of its own (its unit by default).
    _sync(laptops.township_sync)
    own = reference.save_position(
        township,
        JobPosition(
            unit_id="",
            enterprise_id=enterprise,
            title="镇农业园区管理员",
            region="county",
            posted_on=_day(30),
        ),
        actor="赵镇长",
    )
    _sync(laptops.township_sync)
    stored = _on_server(county, "job_position", own)
    assert stored is not None and stored["unit_id"] == county.unit_id(TOWNSHIP)

    # The village pulls the county's and its township's positions, the fair, the enterprise and the school.
    _sync(laptops.village_sync)
    seen = {p.id: p for p in reference.positions(village)}
    assert set(seen) == {at_fair, other, own}
    assert seen[at_fair].unit_id == county.unit_id(COUNTY) and seen[own].unit_id == county.unit_id(TOWNSHIP)
    assert seen[at_fair].enterprise_name == "重庆长安汽车股份有限公司" and seen[at_fair].fair_name
    assert [f.id for f in reference.fairs(village)] == [fair]
    assert [s.id for s in reference.schools(village)] == [school]

    # A village laptop may not enter them itself (the service says so before the server would).
    with pytest.raises(AccessDenied, match="只有乡镇或县级账号可以录入岗位和招聘会"):
        reference.save_position(
            village,
            JobPosition(
                unit_id="", enterprise_id=enterprise, title="村里的岗位", region="county", posted_on=T
            ),
            actor="张书记",
        )

    # The graduate: invited to the fair, came, referred, interviewed, hired, followed up after a month.
    graduate = _graduate(village, county.unit_id(VILLAGE_A))
    assert placement.invite(village, fair, [graduate], actor="张书记", today=_day(55)) == 1
    (invitation,) = placement.invitations(village, fair_id=fair)
    placement.set_attendance(village, invitation.id, True, actor="张书记")
    referral = placement.refer(village, graduate, at_fair, actor="张书记", fair_id=fair, today=_day(50))
    assert placement.record_outcome(village, referral, "interview", actor="张书记", on=_day(48)) is None
    job = placement.record_outcome(
        village,
        referral,
        "hired",
        actor="张书记",
        on=_day(45),
        start_on=_day(40),
        monthly_income_fen=500_000,
    )
    assert job is not None
    follow_up = placement.record_follow_up(village, job, 1, actor="张书记", done_on=_day(5), note="适应良好")
    _sync(laptops.village_sync)
    assert not _refusals(village)

    # The county pulls the hire: the referral, the employment entry written with it, the follow-up.
    _sync(laptops.office_sync)
    (pulled,) = placement.referrals(office, position_id=at_fair)
    assert (pulled.person_id, pulled.state, pulled.employment_record_id, pulled.fair_id) == (
        graduate,
        "hired",
        job,
        fair,
    )
    entry = row(office, "employment_record", job)
    assert entry is not None
    assert (entry["person_id"], entry["destination"], entry["employer"], entry["job"]) == (
        graduate,
        "employed",
        "重庆长安汽车股份有限公司",
        "数控车工",
    )
    assert (entry["region"], entry["referral_id"], entry["channel"], entry["monthly_income_fen"]) == (
        "province",
        referral,
        "job_fair",
        500_000,
    )
    assert entry["effective_date"] == _day(40).isoformat()
    done = row(office, "employment_follow_up", follow_up)
    assert done is not None and (done["due_month"], done["employment_record_id"]) == (1, job)
    by_id = {p.id: p for p in reference.positions(office)}
    assert (by_id[at_fair].referred, by_id[at_fair].hired) == (1, 1)
    (fair_row,) = reference.fairs(office)
    assert (fair_row.invited, fair_row.attended, fair_row.referred, fair_row.hired) == (1, 1, 1, 1)
    (agreement_row,) = reference.agreements(office)
    assert agreement_row.hired == 1
    assert [f.month for f in placement.follow_ups(office, graduate) if f.done_on is not None] == [1]
    # The county's figures count the graduate as employed (in the province, outside the county).
    board = employment_stats.dashboard(office)
    assert (board.totals.graduates, board.totals.employed, board.totals.placed) == (1, 1, 1)
    assert graduate not in {r.person_id for r in employment_stats.unemployed_graduates(office)}


def test_a_village_laptop_writing_a_position_or_an_enterprise_is_refused(laptops: Laptops) -> None:
    county, village = laptops.county, laptops.village
    _sync(laptops.village_sync)
    (enterprise_id,) = [e.id for e in reference.enterprises(village)]
    position = JobPosition(
        unit_id=county.unit_id(VILLAGE_A),
        enterprise_id=enterprise_id,
        title="村里自己录的岗位",
        region="county",
        posted_on=T,
    )
    enterprise = Enterprise(
        county_id=county.unit_id(COUNTY), name="村里自己录的企业", industry="agriculture", region="county"
    )
    with village.write() as session:  # straight into the database, past the services
        session.add(position)
        session.add(enterprise)
    report = laptops.village_sync.sync_once()
    assert report.quarantined == 2
    reasons = dict(_refusals(village))
    assert "岗位和招聘会只能由乡镇或县里录入" in reasons[position.id]
    assert "县级基础数据只能由县里修改" in reasons[enterprise.id]
    assert all(reason.startswith("县服务器未接受这条修改") for reason in reasons.values())
    assert _on_server(county, "job_position", position.id) is None
    assert _on_server(county, "enterprise", enterprise.id) is None

    # Nothing of it reaches the other laptops.
    _sync(laptops.office_sync, laptops.township_sync)
    for laptop in (laptops.office, laptops.township):
        assert row(laptop, "job_position", position.id) is None
        assert row(laptop, "enterprise", enterprise.id) is None
