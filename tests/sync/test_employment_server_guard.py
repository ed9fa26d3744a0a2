"""The county server as the trust boundary of employment (issue 16, ``server.employment_guard``).

Real laptops push to a real server (SQLite and PostgreSQL, one server per module): a village, a township and a
county laptop write employment records straight into their databases (as a laptop with forged or stale services
could), and the server refuses what the domain forbids, judged by the server's current records. A refused entry
stores nothing on the server, the rest of the push goes on, and the reason reaches the laptop in Chinese.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import event, select, text
from sync_helpers import COUNTY, TOWNSHIP, VILLAGE_A, County, device_context, running_county, update

from yulu_desktop.domain.employment import _CREDIT_ALPHABET, _CREDIT_WEIGHTS
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentAgreement,
    EmploymentFollowUp,
    EmploymentRecord,
    Enterprise,
    Household,
    JobFair,
    JobPosition,
    JobReferral,
    Person,
    PlacementAction,
    School,
)
from yulu_desktop.server import merge, review, service
from yulu_desktop.server.db import SeqAllocator
from yulu_desktop.server.models import Quarantine, Record
from yulu_desktop.services import placement
from yulu_desktop.store.database import Database
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
TODAY = date.today()


def credit_code(body: str) -> str:
    """A valid 统一社会信用代码: ``body`` (17 characters) and its check character."""
    total = sum(_CREDIT_ALPHABET.index(ch) * w for ch, w in zip(body, _CREDIT_WEIGHTS, strict=True))
    return body + _CREDIT_ALPHABET[(31 - total % 31) % 31]


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server(
    request: pytest.FixtureRequest, template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[County]:
    """One county server for the module (SQLite, then PostgreSQL in a schema of its own)."""
    tmp = tmp_path_factory.mktemp("employment-guard")
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
class World:
    """The county with one enterprise and a position on the server, and a laptop per level."""

    county: County
    office: Database
    office_sync: SyncClient
    township: Database
    township_sync: SyncClient
    village: Database
    village_sync: SyncClient
    county_id: str
    township_id: str
    village_id: str
    enterprise_id: str
    position_id: str

    def person(self, name: str = "张坤") -> str:
        household = Household(household_no=uuid.uuid4().hex[:16], village_id=self.village_id)
        person = Person(household_id=household.id, name=name)
        with self.village.write() as session:
            session.add(household)
            session.flush()
            session.add(person)
        return person.id

    def position(self, **values: Any) -> JobPosition:
        fields: dict[str, Any] = {
            "unit_id": self.county_id,
            "enterprise_id": self.enterprise_id,
            "title": "数控车工",
            "region": "province",
            "pay_min_fen": 400_000,
            "pay_max_fen": 600_000,
            "openings": 3,
            "posted_on": TODAY - timedelta(days=10),
            "deadline": TODAY + timedelta(days=30),
            **values,
        }
        return JobPosition(**fields)


@pytest.fixture(scope="module")
def world(server: County) -> World:
    county_id, township_id = server.unit_id(COUNTY), server.unit_id(TOWNSHIP)
    office, office_sync = server.device("county")
    office_sync.sync_once()  # the org units
    enterprise = Enterprise(
        county_id=county_id,
        name="重庆长安汽车股份有限公司",
        credit_code=credit_code("91500000MA5U12345"),
        industry="manufacturing",
        region="province",
    )
    with office.write() as session:
        session.add(enterprise)
    position = JobPosition(
        unit_id=county_id,
        enterprise_id=enterprise.id,
        title="装配工",
        region="province",
        openings=5,
        posted_on=TODAY - timedelta(days=20),
    )
    with office.write() as session:
        session.add(position)
    office_sync.sync_once()
    assert not _refusals(office)
    township, township_sync = server.device("miaoba")
    village, village_sync = server.device("hongyan")
    township_sync.sync_once()
    village_sync.sync_once()
    return World(
        server,
        office,
        office_sync,
        township,
        township_sync,
        village,
        village_sync,
        county_id,
        township_id,
        server.unit_id(VILLAGE_A),
        enterprise.id,
        position.id,
    )


def _add(db: Database, *records: Any) -> None:
    for record in records:
        with db.write() as session:
            session.add(record)


def _set(db: Database, table: str, record_id: str, **values: Any) -> None:
    """Change a record on a laptop as its database takes it (dates as ISO text): journaled like any change."""
    update(
        db, table, record_id, **{k: v.isoformat() if isinstance(v, date) else v for k, v in values.items()}
    )


def _server(county: County, entity: str, entity_id: str) -> dict[str, Any] | None:
    """The live record as the server holds it (sensitive fields opened)."""
    with county.db.read() as session:
        found = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).first()
        if found is None or found.deleted:
            return None
        return county.db.cipher.loads_fields(entity, found.data)


def _refusals(db: Database, entity_id: str | None = None) -> list[str]:
    """The reasons the server gave this laptop for quarantining its changes (of one record, or all)."""
    query = "SELECT loser_author FROM sync_conflict WHERE kind = 'quarantined'"
    params: dict[str, Any] = {}
    if entity_id is not None:
        query += " AND entity_id = :id"
        params["id"] = entity_id
    with db.read_connection() as conn:
        return [str(r[0]) for r in conn.execute(text(query + " ORDER BY created_at, rowid"), params)]


def _refused(db: Database, entity_id: str, *words: str) -> str:
    reasons = _refusals(db, entity_id)
    assert reasons, f"nothing of {entity_id} was refused"
    reason = reasons[-1]
    assert reason.startswith("县服务器未接受这条修改"), reason
    for word in words:
        assert word in reason, reason
    return reason


# --- who writes the reference data ---------------------------------------------------------------------------


def test_a_village_laptop_writes_no_reference_data_and_a_township_no_county_data(world: World) -> None:
    school = School(county_id=world.county_id, name="重庆三峡职业学院", level="higher")
    enterprise = Enterprise(
        county_id=world.county_id, name="城口县山货公司", industry="agriculture", region="county"
    )
    agreement = EmploymentAgreement(
        county_id=world.county_id,
        kind="school_enterprise",
        title="订单班协议",
        enterprise_ids=f'["{world.enterprise_id}"]',
        signed_on=TODAY,
    )
    position = world.position(unit_id=world.township_id, title="村里自己录的岗位")
    fair = JobFair(unit_id=world.township_id, name="村里自己办的招聘会", held_on=TODAY)
    _add(world.village, school, enterprise, agreement, position, fair)
    world.village_sync.sync_once()
    for county_owned in (school, enterprise, agreement):
        _refused(world.village, county_owned.id, "县级基础数据", "县里")
    for township_owned in (position, fair):
        _refused(world.village, township_owned.id, "岗位和招聘会只能由乡镇或县里录入")
    for entity, record in (
        ("school", school),
        ("enterprise", enterprise),
        ("employment_agreement", agreement),
        ("job_position", position),
        ("job_fair", fair),
    ):
        assert _server(world.county, entity, record.id) is None, entity

    # The township enters its own position and fair, but no enterprise.
    own_position = world.position(unit_id=world.township_id, title="镇里的岗位")
    own_fair = JobFair(unit_id=world.township_id, name="庙坝镇春风行动", held_on=TODAY)
    other_enterprise = Enterprise(
        county_id=world.county_id, name="庙坝镇农业合作社", industry="agriculture", region="county"
    )
    _add(world.township, own_position, own_fair, other_enterprise)
    world.township_sync.sync_once()
    assert _server(world.county, "job_position", own_position.id) is not None
    assert _server(world.county, "job_fair", own_fair.id) is not None
    _refused(world.township, other_enterprise.id, "县级基础数据")
    assert _server(world.county, "enterprise", other_enterprise.id) is None
    assert len(_refusals(world.township)) == 1


def _held(county: County, entity_id: str) -> int:
    """The id of the open quarantine row holding a change of this record."""
    with county.db.read() as session:
        for held in session.scalars(select(Quarantine).where(Quarantine.status == "open")):
            entry = p.PushEntry.model_validate_json(county.db.cipher.open_blob(held.entry))
            if entry.entity_id == entity_id:
                return held.id
    raise AssertionError(f"no open quarantine row for {entity_id}")


def test_a_held_position_released_by_the_county_is_judged_again(world: World) -> None:
    """The county may release a village's position it held (``admin release``: merged with the county's role),
    but the release is judged by the same checks: a bad pay range stays held."""
    bad = world.position(unit_id=world.township_id, title="村报岗位甲", pay_min_fen=500_000, pay_max_fen=1)
    good = world.position(unit_id=world.township_id, title="村报岗位乙")
    _add(world.village, bad, good)
    world.village_sync.sync_once()
    _refused(world.village, bad.id, "岗位和招聘会只能由乡镇或县里录入")
    _refused(world.village, good.id, "岗位和招聘会只能由乡镇或县里录入")

    again = review.release_quarantined(world.county.db, _held(world.county, bad.id), by="县管理员")
    assert not again.released and "月薪上限不能低于下限" in again.reason
    assert _server(world.county, "job_position", bad.id) is None
    released = review.release_quarantined(world.county.db, _held(world.county, good.id), by="县管理员")
    assert released.released, released.reason
    stored = _server(world.county, "job_position", good.id)
    assert stored is not None and stored["title"] == "村报岗位乙"


# --- values the domain checks ---------------------------------------------------------------------------------


def test_reference_records_the_domain_refuses_are_not_stored_and_the_rest_goes_on(world: World) -> None:
    bad_pay = world.position(title="焊工", pay_min_fen=500_000, pay_max_fen=300_000)
    no_openings = world.position(title="电工", openings=0)
    early_deadline = world.position(title="仓管", deadline=TODAY - timedelta(days=20))
    good = world.position(title="质检员")
    bad_code = Enterprise(
        county_id=world.county_id,
        name="宁波某电子厂",
        credit_code="91330200MA2AAAAAA1",
        industry="manufacturing",
        region="outside",
    )
    paired = Enterprise(  # a warning only (no partner named): stored
        county_id=world.county_id,
        name="宁波协作企业",
        credit_code=credit_code("91330200MA2AB1234"),
        industry="manufacturing",
        region="outside",
        pairing="east_west",
    )
    bad_majors = School(county_id=world.county_id, name="城口职教中心", level="secondary", majors="数控")
    no_enterprise = EmploymentAgreement(
        county_id=world.county_id, kind="tripartite", title="三方协议", signed_on=TODAY
    )
    bad_fair = JobFair(unit_id=world.county_id, name="县春风行动", held_on=TODAY, school_ids="{}")
    _add(
        world.office,
        bad_pay,
        no_openings,
        early_deadline,
        good,
        bad_code,
        paired,
        bad_majors,
        no_enterprise,
        bad_fair,
    )
    world.office_sync.sync_once()

    _refused(world.office, bad_pay.id, "岗位“焊工”未保存", "月薪上限不能低于下限")
    _refused(world.office, no_openings.id, "招聘人数至少为1")
    _refused(world.office, early_deadline.id, "截止日期不能早于发布日期")
    _refused(world.office, bad_code.id, "企业“宁波某电子厂”未保存", "统一社会信用代码校验位不对")
    _refused(world.office, bad_majors.id, "学校“城口职教中心”未保存", "专业", "应为列表")
    _refused(world.office, no_enterprise.id, "合作协议“三方协议”未保存", "至少要有一家企业", "须选择学校")
    _refused(world.office, bad_fair.id, "招聘会“县春风行动”未保存", "参加学校", "应为文字列表")
    for entity, record in (
        ("job_position", bad_pay),
        ("job_position", no_openings),
        ("job_position", early_deadline),
        ("enterprise", bad_code),
        ("school", bad_majors),
        ("employment_agreement", no_enterprise),
        ("job_fair", bad_fair),
    ):
        assert _server(world.county, entity, record.id) is None, entity
    assert _server(world.county, "job_position", good.id) is not None
    assert _server(world.county, "enterprise", paired.id) is not None
    assert not _refusals(world.office, good.id) and not _refusals(world.office, paired.id)

    # An edit that breaks a stored position is refused; the server keeps its value.
    _set(world.office, "job_position", good.id, openings=0)
    world.office_sync.sync_once()
    _refused(world.office, good.id, "招聘人数至少为1")
    stored = _server(world.county, "job_position", good.id)
    assert stored is not None and stored["openings"] == 3
    _set(world.office, "job_position", good.id, openings=3, note="急招")  # an edit bringing no problem
    world.office_sync.sync_once()
    stored = _server(world.county, "job_position", good.id)
    assert stored is not None and stored["note"] == "急招"
    assert len(_refusals(world.office, good.id)) == 1


def test_a_stored_record_that_breaks_a_rule_can_still_be_edited(world: World) -> None:
    """An update is refused only for a problem it brings: a position stored before the checks (written here
    straight into the server's records) with a bad pay range takes an edit of its note."""
    position = world.position(title="旧岗位")
    _add(world.office, position)
    world.office_sync.sync_once()
    with world.county.db.write() as session:
        record = session.scalars(
            select(Record).where(Record.entity == "job_position", Record.entity_id == position.id)
        ).one()
        data = world.county.db.cipher.loads_fields("job_position", record.data)
        data["pay_max_fen"] = 100_000
        record.data = world.county.db.cipher.dumps_fields("job_position", data)
    _set(world.office, "job_position", position.id, note="已核实")
    world.office_sync.sync_once()
    assert not _refusals(world.office, position.id)
    stored = _server(world.county, "job_position", position.id)
    assert stored is not None and (stored["note"], stored["pay_max_fen"]) == ("已核实", 100_000)


def test_person_records_the_domain_refuses_are_not_stored(world: World) -> None:
    person = world.person()
    world.village_sync.sync_once()
    future_plan = CareerPlan(
        person_id=person, recorded_on=TODAY + timedelta(days=5), stage="in_school", goal="当数控技师"
    )
    empty_plan = CareerPlan(person_id=person, recorded_on=TODAY, stage="in_school")
    good_plan = CareerPlan(
        person_id=person,
        recorded_on=TODAY,
        stage="before_graduation",
        major="数控技术",
        wanted_region="county",
    )
    late_action = PlacementAction(
        person_id=person,
        recorded_on=TODAY,
        reason="seeking",
        next_action="推荐到长安汽车",
        due_on=TODAY - timedelta(days=1),
    )
    good_action = PlacementAction(
        person_id=person,
        recorded_on=TODAY,
        reason="training",
        next_action="参加焊工培训",
        due_on=TODAY + timedelta(days=30),
    )
    _add(world.village, future_plan, empty_plan, good_plan, late_action, good_action)
    world.village_sync.sync_once()
    _refused(world.village, future_plan.id, "职业规划未保存", "不能晚于今天")
    _refused(world.village, empty_plan.id, "请至少填写职业目标、学校或专业之一")
    _refused(world.village, late_action.id, "未就业帮扶措施未保存", "完成期限不能早于记录日期")
    assert _server(world.county, "career_plan", future_plan.id) is None
    assert _server(world.county, "career_plan", empty_plan.id) is None
    assert _server(world.county, "placement_action", late_action.id) is None
    assert _server(world.county, "career_plan", good_plan.id) is not None
    assert _server(world.county, "placement_action", good_action.id) is not None

    # A follow-up is due at 1, 3, 6 or 12 months after the start, and of the person's own job.
    other = world.person("李娜")
    job = EmploymentRecord(
        person_id=person,
        effective_date=TODAY - timedelta(days=40),
        destination="employed",
        employer="重庆长安汽车股份有限公司",
        recorded_at=datetime.now(),
    )
    _add(world.village, job)
    odd_month = EmploymentFollowUp(person_id=person, employment_record_id=job.id, due_month=2, done_on=TODAY)
    not_theirs = EmploymentFollowUp(person_id=other, employment_record_id=job.id, due_month=1, done_on=TODAY)
    good_follow_up = EmploymentFollowUp(
        person_id=person, employment_record_id=job.id, due_month=1, done_on=TODAY
    )
    _add(world.village, odd_month, not_theirs, good_follow_up)
    world.village_sync.sync_once()
    _refused(world.village, odd_month.id, "稳岗回访未保存", "回访月份只能是上岗后第 1、3、6、12 个月")
    _refused(world.village, not_theirs.id, "所回访的就业记录不是该人的")
    assert _server(world.county, "employment_follow_up", odd_month.id) is None
    assert _server(world.county, "employment_follow_up", not_theirs.id) is None
    assert _server(world.county, "employment_follow_up", good_follow_up.id) is not None
    _set(world.village, "employment_follow_up", good_follow_up.id, due_month=5)
    world.village_sync.sync_once()
    _refused(world.village, good_follow_up.id, "这里是 5")
    stored = _server(world.county, "employment_follow_up", good_follow_up.id)
    assert stored is not None and stored["due_month"] == 1


# --- referrals --------------------------------------------------------------------------------------------------


def test_a_referral_takes_only_the_steps_the_domain_allows_from_the_servers_state(world: World) -> None:
    person = world.person()
    world.village_sync.sync_once()
    referral = JobReferral(person_id=person, position_id=world.position_id, referred_on=TODAY)
    hired_at_once = JobReferral(
        person_id=person, position_id=world.position_id, referred_on=TODAY, state="hired"
    )
    _add(world.village, referral, hired_at_once)
    world.village_sync.sync_once()
    _refused(world.village, hired_at_once.id, "岗位推荐未保存", "新的推荐只能从“已推荐”开始")
    assert _server(world.county, "job_referral", hired_at_once.id) is None
    assert _server(world.county, "job_referral", referral.id) is not None

    # A second laptop of the village pulls the referral while it is at 面试.
    _set(world.village, "job_referral", referral.id, state="interview", outcome_on=TODAY)
    world.village_sync.sync_once()
    stale, stale_sync = world.county.device("hongyan2")
    stale_sync.sync_once()

    # 未录用 needs a reason; back to 已推荐 is no step.
    _set(world.village, "job_referral", referral.id, state="not_hired")
    world.village_sync.sync_once()
    _refused(world.village, referral.id, "“未录用”须填写原因")
    _set(world.village, "job_referral", referral.id, state="interview")  # the server's value again
    _set(world.village, "job_referral", referral.id, state="referred")
    world.village_sync.sync_once()
    _refused(world.village, referral.id, "推荐不能从“面试”改为“已推荐”")
    stored = _server(world.county, "job_referral", referral.id)
    assert stored is not None and stored["state"] == "interview"

    # 录用 with its employment entry, in one transaction as the services write it.
    _set(world.village, "job_referral", referral.id, state="interview")
    job = EmploymentRecord(
        person_id=person,
        effective_date=TODAY,
        destination="employed",
        employer="重庆长安汽车股份有限公司",
        region="province",
        referral_id=referral.id,
        recorded_at=datetime.now(),
    )
    with world.village.write() as session:
        session.add(job)
        session.flush()
        session.execute(
            text("UPDATE job_referral SET state = 'hired', employment_record_id = :job WHERE id = :id"),
            {"job": job.id, "id": referral.id},
        )
    world.village_sync.sync_once()
    assert len(_refusals(world.village, referral.id)) == 2
    stored = _server(world.county, "job_referral", referral.id)
    assert stored is not None and (stored["state"], stored["employment_record_id"]) == ("hired", job.id)
    assert _server(world.county, "employment_record", job.id) is not None

    # The stale laptop, which still shows 面试, records 放弃: the server holds 录用, a final outcome.
    _set(stale, "job_referral", referral.id, state="declined", outcome_reason="嫌远")
    stale_sync.sync_once()
    _refused(stale, referral.id, "推荐已是“录用”，不能再改为“放弃”")
    stored = _server(world.county, "job_referral", referral.id)
    assert stored is not None and stored["state"] == "hired"


def test_an_employment_entry_names_only_a_referral_of_the_same_person(world: World) -> None:
    person, other = world.person("王强"), world.person("赵敏")
    referral = JobReferral(person_id=person, position_id=world.position_id, referred_on=TODAY)
    _add(world.village, referral)
    world.village_sync.sync_once()
    theirs = EmploymentRecord(
        person_id=other,
        effective_date=TODAY,
        destination="employed",
        employer="重庆长安汽车股份有限公司",
        referral_id=referral.id,
        recorded_at=datetime.now(),
    )
    own = EmploymentRecord(
        person_id=person,
        effective_date=TODAY,
        destination="employed",
        employer="重庆长安汽车股份有限公司",
        referral_id=referral.id,
        recorded_at=datetime.now(),
    )
    _add(world.village, theirs, own)
    world.village_sync.sync_once()
    _refused(world.village, theirs.id, "就业记录未保存", "岗位推荐不是该人的")
    assert _server(world.county, "employment_record", theirs.id) is None
    assert _server(world.county, "employment_record", own.id) is not None


def test_a_stale_laptops_hire_of_a_referral_that_ended_otherwise_is_refused(world: World) -> None:
    """Two laptops of the village hold a referral at 面试; one records 未录用, the other (not yet pulled) 录用
    through the services: the server refuses the hire, its employment entry and the link between them."""
    person = world.person("周杰")
    referral = JobReferral(person_id=person, position_id=world.position_id, referred_on=TODAY)
    _add(world.village, referral)
    _set(world.village, "job_referral", referral.id, state="interview", outcome_on=TODAY)
    world.village_sync.sync_once()
    stale, stale_sync = world.county.device("hongyan2")
    stale_sync.sync_once()
    _set(world.village, "job_referral", referral.id, state="not_hired", outcome_reason="专业不对口")
    world.village_sync.sync_once()
    assert not _refusals(world.village, referral.id)

    job = placement.record_outcome(stale, referral.id, "hired", actor="李委员", monthly_income_fen=450_000)
    assert job is not None
    stale_sync.sync_once()
    reasons = _refusals(stale, referral.id)
    assert len(reasons) == 2, reasons
    assert "推荐已是“未录用”，不能再改为“录用”" in reasons[0]
    assert "只有录用的推荐才能关联就业记录" in reasons[1]
    _refused(stale, job, "就业记录未保存", "已登记为“未录用”，不能据此登记录用")
    assert _server(world.county, "employment_record", job) is None
    stored = _server(world.county, "job_referral", referral.id)
    assert stored is not None
    assert (stored["state"], stored["employment_record_id"]) == ("not_hired", None)


# --- cost and re-validation -----------------------------------------------------------------------------------


def _entry(seq: int, entity: str, entity_id: str, op: str, values: dict[str, Any]) -> p.PushEntry:
    changes: dict[str, list[Any]] = {k: [None, v] for k, v in values.items()}
    if op == "I":
        changes["id"] = [None, entity_id]
    return p.PushEntry(
        seq=seq,
        change_id=uuid.uuid4().hex,
        entity=entity,
        entity_id=entity_id,
        op=op,  # type: ignore[arg-type]
        changes=changes,
        hlc=int(time.time() * 1000) << 16,
    )


def test_the_checks_cost_a_few_queries_per_batch_not_per_hire(world: World) -> None:
    """The referrals the employment entries name and the jobs the follow-ups name are stored records the batch
    does not touch itself: read once per batch, whatever its size."""
    people = [world.person(f"学生{n}") for n in range(24)]
    referrals = [
        JobReferral(person_id=person, position_id=world.position_id, referred_on=TODAY) for person in people
    ]
    jobs = [
        EmploymentRecord(
            person_id=person,
            effective_date=TODAY - timedelta(days=400),
            destination="employed",
            employer="城口县山货公司",
            recorded_at=datetime.now(),
        )
        for person in people
    ]
    _add(world.village, *referrals, *jobs)
    world.village_sync.sync_once()
    assert not _refusals(world.village, referrals[0].id)
    ctx = device_context(world.county.db, "hongyan")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def push(chosen: range) -> int:
        entries: list[p.PushEntry] = []
        for n in chosen:
            referral, job = referrals[n], jobs[n]
            hire = {
                "person_id": referral.person_id,
                "effective_date": TODAY.isoformat(),
                "destination": "employed",
                "employer": "重庆长安汽车股份有限公司",
                "referral_id": referral.id,
                "source": "visit",
                "recorded_at": datetime.now().isoformat(),
            }
            entries.append(_entry(len(entries) + 1, "employment_record", str(uuid.uuid4()), "I", hire))
            follow_up = {
                "person_id": job.person_id,
                "employment_record_id": job.id,
                "due_month": 12,
                "done_on": TODAY.isoformat(),
            }
            entries.append(
                _entry(len(entries) + 1, "employment_follow_up", str(uuid.uuid4()), "I", follow_up)
            )
        statements.clear()
        event.listen(world.county.db.engine, "before_cursor_execute", count)
        try:
            response = service.push(world.county.db, ctx, p.PushRequest(entries=entries))
        finally:
            event.remove(world.county.db.engine, "before_cursor_execute", count)
        assert response.quarantined == 0, [r.reason for r in response.results]
        return len(statements)

    few, many = push(range(4)), push(range(4, 24))
    assert many <= few, f"{few} statements for 4 hires, {many} for 20"


def test_a_batch_that_judged_by_a_referral_is_merged_again_when_it_changes(world: World) -> None:
    """The referrals an employment entry names are part of what a batch merged outside the change-log lock
    reads again under it (``Batch.still_valid``)."""
    person = world.person()
    referral = JobReferral(person_id=person, position_id=world.position_id, referred_on=TODAY)
    _add(world.village, referral)
    world.village_sync.sync_once()
    db = world.county.db
    entry = _entry(
        1,
        "employment_record",
        str(uuid.uuid4()),
        "I",
        {"person_id": person, "referral_id": referral.id, "effective_date": TODAY.isoformat()},
    )
    with db.engine.connect() as conn:
        batch = merge.Batch(
            conn=conn,
            allocator=SeqAllocator(0),
            pusher=merge.Pusher("probe", "/", "village"),
            now_ms=service.now_ms(),
            received_at=service.utcnow(),
            cipher=db.cipher,
        )
        batch.prefetch([entry])
        assert ("job_referral", referral.id) in batch.records
        conn.commit()
        assert batch.still_valid()
        conn.commit()
        _set(world.village, "job_referral", referral.id, state="interview", outcome_on=TODAY)
        world.village_sync.sync_once()
        assert not batch.still_valid()
