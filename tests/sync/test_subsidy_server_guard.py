"""The county server as the subsidy cycle's trust boundary (issue 15, ``server.subsidy_guard``).

Real devices push to a real server (SQLite and PostgreSQL): a village, a township and a county laptop write the
records of an application straight into their databases (as a laptop with forged or stale services could), and
the server refuses what the pusher's role may not do, judged by the server's current records. A refused entry
changes nothing on the server, the rest of the batch goes on, and the reason reaches the device in Chinese.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select, text
from sync_helpers import COUNTY, VILLAGE_A, County, device_context, update

from yulu_desktop.domain.entities import (
    Enrollment,
    Household,
    Person,
    SubsidyApplication,
    SubsidyEvidence,
    SubsidyObjection,
    SubsidyPaymentBatch,
    SubsidyPublicity,
    SubsidySetting,
    SubsidyWindow,
)
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE, RuleSet
from yulu_desktop.server import merge, service
from yulu_desktop.server.db import SeqAllocator
from yulu_desktop.server.models import Record
from yulu_desktop.store.database import Database
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient

TERM = "2026-autumn"
TODAY = date.today()
APPLIED_ON = TODAY - timedelta(days=30)
ANNUAL_FEN = 300_000
AID = "高校家庭经济困难学生学费资助"

RULE = RuleSet(
    version=1,
    effective_from=date(2020, 1, 1),
    household_types=frozenset({"tuopin", "jiance"}),
    school_types=DEFAULT_RULE.school_types,
    registry_statuses=frozenset({"enrolled"}),
    exclusive_aids=(AID,),
    publicity_min_days=7,
    joint_reviewers=("教体局",),
)


@dataclass
class Cycle:
    """The county with its reference data, and a laptop per level."""

    county: County
    village: Database
    village_sync: SyncClient
    township: Database
    township_sync: SyncClient
    office: Database
    office_sync: SyncClient
    village_id: str
    county_id: str

    def sync(self, *clients: SyncClient) -> None:
        for client in clients:
            client.sync_once()

    def student(
        self,
        *,
        household_type: str = "tuopin",
        registry_status: str = "enrolled",
        school_type: str = "zhongzhuan",
        semester: str = "autumn",
    ) -> tuple[str, str]:
        """A student on the village laptop: (person id, enrollment id of the term)."""
        household = Household(
            household_no=uuid.uuid4().hex[:16], village_id=self.village_id, household_type=household_type
        )
        person = Person(household_id=household.id, name="张坤")
        enrollment = Enrollment(
            person_id=person.id,
            school_year="2026-2027",
            semester=semester,
            school_name="重庆三峡职业学院",
            school_type=school_type,
            registry_status=registry_status,
        )
        with self.village.write() as session:
            session.add(household)
            session.flush()
            session.add(person)
            session.flush()
            session.add(enrollment)
        return person.id, enrollment.id

    def apply(
        self,
        person_id: str,
        enrollment_id: str | None,
        *,
        evidence: bool = True,
        **values: Any,
    ) -> str:
        """An application as the village laptop writes it (with its evidence checklist, all provided)."""
        fields: dict[str, Any] = {
            "term": TERM,
            "amount_fen": ANNUAL_FEN // 2,
            "state": "applied",
            "applied_on": APPLIED_ON,
            "rule_version": 1,
            **values,
        }
        application = SubsidyApplication(person_id=person_id, enrollment_id=enrollment_id, **fields)
        with self.village.write() as session:
            session.add(application)
            session.flush()
            for item in RULE.evidence:
                session.add(SubsidyEvidence(application_id=application.id, kind=item.code, provided=evidence))
        return application.id

    def publicity(self, starts_on: date, ends_on: date) -> str:
        publicity = SubsidyPublicity(
            village_id=self.village_id, term=TERM, starts_on=starts_on, ends_on=ends_on
        )
        with self.village.write() as session:
            session.add(publicity)
        return publicity.id

    def to_publicity(self, application_id: str, publicity_id: str) -> None:
        """初审 and onto the 公示, on the village laptop."""
        _set(
            self.village,
            "subsidy_application",
            application_id,
            state="village_reviewed",
            village_opinion="同意",
        )
        _set(
            self.village, "subsidy_application", application_id, state="publicized", publicity_id=publicity_id
        )


@pytest.fixture
def cycle(county: County) -> Cycle:
    office, office_sync = county.device("county")
    county_id = county.unit_id(COUNTY)
    with office.write() as session:
        session.add(
            SubsidySetting(
                county_code=COUNTY,
                school_type="zhongzhuan",
                annual_amount_fen=ANNUAL_FEN,
                effective_from=date(2020, 1, 1),
            )
        )
        session.add(RULE.to_row(COUNTY))
        session.add(
            SubsidyWindow(
                county_code=COUNTY,
                term=TERM,
                opens_on=TODAY - timedelta(days=60),
                closes_on=TODAY + timedelta(days=30),
            )
        )
    office_sync.sync_once()
    assert not _refusals(office)
    village, village_sync = county.device("hongyan")
    township, township_sync = county.device("miaoba")
    village_sync.sync_once()  # the org units and the county's rules
    township_sync.sync_once()
    return Cycle(
        county,
        village,
        village_sync,
        township,
        township_sync,
        office,
        office_sync,
        county.unit_id(VILLAGE_A),
        county_id,
    )


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
    """The reasons the server gave this device for quarantining its changes (of one record, or all)."""
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


def _state(cycle: Cycle, application_id: str) -> str | None:
    stored = _server(cycle.county, "subsidy_application", application_id)
    return None if stored is None else str(stored["state"])


# --- the cycle, level by level -------------------------------------------------------------------------------


def test_each_level_takes_only_its_own_steps_and_writes_only_its_own_fields(cycle: Cycle) -> None:
    person, enrollment = cycle.student()
    app = cycle.apply(person, enrollment)
    ended = cycle.publicity(TODAY - timedelta(days=14), TODAY - timedelta(days=7))
    cycle.sync(cycle.village_sync)
    assert _state(cycle, app) == "applied"
    assert not _refusals(cycle.village)

    # The village writes the county's opinion: refused, nothing of the entry stored.
    _set(cycle.village, "subsidy_application", app, county_opinion="同意", payee_name="张三")
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, app, "县级审定意见", "县级填写", "村级账号")
    stored = _server(cycle.county, "subsidy_application", app)
    assert stored is not None and (stored["county_opinion"], stored["payee_name"]) == ("", "")

    # A village step from the township's laptop: refused.
    cycle.sync(cycle.township_sync)
    _set(cycle.township, "subsidy_application", app, state="village_reviewed")
    cycle.sync(cycle.township_sync)
    _refused(cycle.township, app, "村委会初审", "须由村级办理", "乡镇账号")
    assert _state(cycle, app) == "applied"

    # The village's own steps pass: 初审, then the 公示 that ended a week ago.
    cycle.to_publicity(app, ended)
    cycle.sync(cycle.village_sync)
    assert _state(cycle, app) == "publicized"

    # The village approves in the township's place, then in the county's: refused.
    _set(cycle.village, "subsidy_application", app, state="township_reviewed")
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, app, "须由乡镇办理", "村级账号")
    assert _state(cycle, app) == "publicized"

    fresh_township, fresh_township_sync = cycle.county.device("miaoba")
    fresh_township_sync.sync_once()
    _set(fresh_township, "subsidy_application", app, state="township_reviewed", township_opinion="同意")
    fresh_township_sync.sync_once()
    assert not _refusals(fresh_township)
    assert _state(cycle, app) == "township_reviewed"

    cycle.sync(cycle.village_sync)
    _set(cycle.village, "subsidy_application", app, state="county_approved", county_opinion="同意")
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, app)
    assert _state(cycle, app) == "township_reviewed"

    # The county: without the 教体局's joint opinion, refused; with it, approved.
    cycle.sync(cycle.office_sync)
    _set(cycle.office, "subsidy_application", app, state="county_approved", county_opinion="同意")
    cycle.sync(cycle.office_sync)
    _refused(cycle.office, app, "联审", "教体局")
    stored = _server(cycle.county, "subsidy_application", app)
    assert stored is not None and (stored["state"], stored["county_opinion"]) == ("township_reviewed", "")

    office2, office2_sync = cycle.county.device("county")
    office2_sync.sync_once()
    _set(
        office2,
        "subsidy_application",
        app,
        state="county_approved",
        county_opinion="同意",
        joint_opinions='{"教体局": "同意"}',
    )
    # Into a payment batch that does not exist: refused; into a real one: accepted.
    _set(office2, "subsidy_application", app, state="in_payment", payment_batch_id=str(uuid.uuid4()))
    office2_sync.sync_once()
    _refused(office2, app, "发放批次")
    assert _state(cycle, app) == "county_approved"

    office3, office3_sync = cycle.county.device("county")
    office3_sync.sync_once()
    batch = SubsidyPaymentBatch(
        county_id=cycle.county_id, term=TERM, batch_no="500229-2026秋-01", created_on=TODAY
    )
    with office3.write() as session:
        session.add(batch)
    _set(office3, "subsidy_application", app, state="in_payment", payment_batch_id=batch.id)
    office3_sync.sync_once()
    assert not _refusals(office3)
    assert _state(cycle, app) == "in_payment"

    # Already in a batch: it does not enter a second one.
    second = SubsidyPaymentBatch(
        county_id=cycle.county_id, term=TERM, batch_no="500229-2026秋-02", created_on=TODAY
    )
    with office3.write() as session:
        session.add(second)
    _set(office3, "subsidy_application", app, payment_batch_id=second.id)
    office3_sync.sync_once()
    _refused(office3, app, "已在发放批次 500229-2026秋-01 中")
    stored = _server(cycle.county, "subsidy_application", app)
    assert stored is not None and stored["payment_batch_id"] == batch.id
    _set(
        office3, "subsidy_application", app, payment_batch_id=batch.id
    )  # the laptop takes the server's value

    # The township records the payment: refused.
    fresh_township_sync.sync_once()
    _set(fresh_township, "subsidy_application", app, state="paid", paid_on=TODAY)
    fresh_township_sync.sync_once()
    _refused(fresh_township, app, "发放成功", "须由县级办理", "乡镇账号")
    stored = _server(cycle.county, "subsidy_application", app)
    assert stored is not None and (stored["state"], stored["paid_on"]) == ("in_payment", None)

    # The county records it; nothing pays it twice or turns it into a failure afterwards.
    _set(office3, "subsidy_application", app, state="paid", paid_on=TODAY - timedelta(days=1))
    office3_sync.sync_once()
    assert len(_refusals(office3)) == 1
    _set(office3, "subsidy_application", app, paid_on=TODAY)
    _set(office3, "subsidy_application", app, state="payment_failed", payment_failure="账户已销户")
    office3_sync.sync_once()
    reasons = _refusals(office3, app)[1:]
    assert len(reasons) == 2
    assert "已发放" in reasons[0] and "不能再修改" in reasons[0]
    assert "已发放" in reasons[1] and "发放失败" in reasons[1]
    stored = _server(cycle.county, "subsidy_application", app)
    assert stored is not None
    assert (stored["state"], stored["paid_on"], stored["payment_failure"]) == (
        "paid",
        (TODAY - timedelta(days=1)).isoformat(),
        "",
    )


def test_steps_that_need_a_reason_or_evidence_are_refused_without_them(cycle: Cycle) -> None:
    person, enrollment = cycle.student()
    bare = cycle.apply(person, enrollment, evidence=False)
    person2, enrollment2 = cycle.student()
    other = cycle.apply(person2, enrollment2)
    cycle.sync(cycle.village_sync)
    _set(cycle.village, "subsidy_application", bare, state="village_reviewed")
    _set(cycle.village, "subsidy_application", other, state="withdrawn")
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, bare, "证明材料", "身份证复印件", "学籍证明或在校证明")
    _refused(cycle.village, other, "已撤回", "原因")
    assert _state(cycle, bare) == _state(cycle, other) == "applied"

    with cycle.village.write_connection() as conn:
        conn.execute(
            text("UPDATE subsidy_evidence SET provided = 1 WHERE application_id = :id"), {"id": bare}
        )
    _set(cycle.village, "subsidy_application", bare, state="applied")  # back to the server's value
    _set(cycle.village, "subsidy_application", bare, state="village_reviewed")
    _set(cycle.village, "subsidy_application", other, state="applied")
    _set(cycle.village, "subsidy_application", other, state="withdrawn", reason="学生放弃申请")
    cycle.sync(cycle.village_sync)
    assert len(_refusals(cycle.village)) == 2
    assert _state(cycle, bare) == "village_reviewed"
    assert _state(cycle, other) == "withdrawn"


# --- 公示 and objections -------------------------------------------------------------------------------------


def test_the_township_reviews_only_after_the_publicity_and_its_objections(cycle: Cycle) -> None:
    ended = cycle.publicity(TODAY - timedelta(days=14), TODAY - timedelta(days=7))
    running = cycle.publicity(TODAY - timedelta(days=2), TODAY + timedelta(days=5))
    apps = {}
    for name in ("ended", "running", "objected", "upheld"):
        person, enrollment = cycle.student()
        apps[name] = cycle.apply(person, enrollment)
        cycle.to_publicity(apps[name], running if name == "running" else ended)
    with cycle.village.write() as session:
        open_objection = SubsidyObjection(
            application_id=apps["objected"],
            publicity_id=ended,
            raised_on=TODAY - timedelta(days=10),
            raised_by="匿名",
            content="家里新买了车",
        )
        session.add(open_objection)
        session.add(
            SubsidyObjection(
                application_id=apps["upheld"],
                publicity_id=ended,
                raised_on=TODAY - timedelta(days=10),
                raised_by="村民",
                content="已不在校",
                outcome="upheld",
                resolved_on=TODAY - timedelta(days=8),
            )
        )
    cycle.sync(cycle.village_sync)
    assert not _refusals(cycle.village)
    assert {_state(cycle, a) for a in apps.values()} == {"publicized"}

    cycle.sync(cycle.township_sync)
    for app in apps.values():
        _set(cycle.township, "subsidy_application", app, state="township_reviewed", township_opinion="同意")
    cycle.sync(cycle.township_sync)
    assert _state(cycle, apps["ended"]) == "township_reviewed"
    first = (TODAY + timedelta(days=6)).isoformat()
    _refused(cycle.township, apps["running"], "公示到", f"{first} 起才能审核")
    _refused(cycle.township, apps["objected"], "1 条异议尚未处理")
    _refused(cycle.township, apps["upheld"], "异议成立")
    for name in ("running", "objected", "upheld"):
        stored = _server(cycle.county, "subsidy_application", apps[name])
        assert stored is not None and (stored["state"], stored["township_opinion"]) == ("publicized", "")
    assert not _refusals(cycle.township, apps["ended"])

    # The objection is dismissed: a township laptop that pulled it reviews the application.
    _set(
        cycle.village,
        "subsidy_objection",
        open_objection.id,
        outcome="dismissed",
        outcome_note="车为亲属所有",
        resolved_on=TODAY - timedelta(days=1),
    )
    cycle.sync(cycle.village_sync)
    township2, township2_sync = cycle.county.device("miaoba")
    township2_sync.sync_once()
    _set(township2, "subsidy_application", apps["objected"], state="township_reviewed")
    # An upheld objection: the township returns the application (with its reason) instead.
    _set(township2, "subsidy_application", apps["upheld"], state="returned")
    township2_sync.sync_once()
    _refused(township2, apps["upheld"], "退回原因")
    _set(township2, "subsidy_application", apps["upheld"], state="publicized")
    _set(
        township2, "subsidy_application", apps["upheld"], state="returned", returned_reason="异议成立：已退学"
    )
    township2_sync.sync_once()
    assert len(_refusals(township2)) == 1
    assert _state(cycle, apps["objected"]) == "township_reviewed"
    assert _state(cycle, apps["upheld"]) == "returned"


def test_a_publicity_runs_the_countys_minimum_and_is_the_villages(cycle: Cycle) -> None:
    short = cycle.publicity(TODAY, TODAY + timedelta(days=4))  # 5 days; the county's rule says 7
    long_enough = cycle.publicity(TODAY, TODAY + timedelta(days=6))
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, short, "公示期为 5 天", "至少 7 天")
    assert _server(cycle.county, "subsidy_publicity", short) is None
    assert _server(cycle.county, "subsidy_publicity", long_enough) is not None
    assert not _refusals(cycle.village, long_enough)

    # Shortened afterwards: refused, the stored 公示 keeps its end.
    _set(cycle.village, "subsidy_publicity", long_enough, ends_on=TODAY + timedelta(days=1))
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, long_enough, "公示期为 2 天")
    stored = _server(cycle.county, "subsidy_publicity", long_enough)
    assert stored is not None and stored["ends_on"] == (TODAY + timedelta(days=6)).isoformat()

    # The county does not post a village's 公示.
    cycle.sync(cycle.office_sync)
    posted = SubsidyPublicity(
        village_id=cycle.village_id, term=TERM, starts_on=TODAY, ends_on=TODAY + timedelta(days=9)
    )
    with cycle.office.write() as session:
        session.add(posted)
    cycle.sync(cycle.office_sync)
    _refused(cycle.office, posted.id, "村或乡镇", "县级账号")
    assert _server(cycle.county, "subsidy_publicity", posted.id) is None


# --- eligibility and amount ---------------------------------------------------------------------------------


def test_ineligible_applications_are_refused_with_the_reason(cycle: Cycle) -> None:
    cases: dict[str, tuple[str, tuple[str, ...]]] = {}

    person, enrollment = cycle.student(household_type="yiban")
    cases["ordinary household"] = (cycle.apply(person, enrollment), ("一般户", "脱贫户"))
    person, enrollment = cycle.student(registry_status="dropped")
    cases["dropped out"] = (cycle.apply(person, enrollment), ("退学", "不符合补助条件"))
    person, enrollment = cycle.student()
    cases["exclusive aid"] = (
        cycle.apply(person, enrollment, other_aid=AID),
        (AID, "不能同时享受"),
    )
    person, _enrollment = cycle.student()
    cases["no enrollment"] = (cycle.apply(person, None), ("没有该学期的在读记录",))
    person, enrollment = cycle.student(semester="spring")
    cases["another semester"] = (cycle.apply(person, enrollment), ("不是本学期",))
    person, enrollment = cycle.student()
    cases["wrong amount"] = (
        cycle.apply(person, enrollment, amount_fen=ANNUAL_FEN),
        ("补助金额 3000 元", "每学期应为 1500 元"),
    )
    person, enrollment = cycle.student()
    cases["after the window"] = (
        cycle.apply(person, enrollment, applied_on=TODAY + timedelta(days=40)),
        ("申请期", "已结束"),
    )
    person, enrollment = cycle.student()
    cases["before the window"] = (
        cycle.apply(person, enrollment, applied_on=TODAY - timedelta(days=90)),
        ("申请期", "未开始"),
    )
    person, enrollment = cycle.student()
    cases["unknown rule"] = (cycle.apply(person, enrollment, rule_version=9), ("没有第 9 版",))
    person, enrollment = cycle.student()
    cases["rule not in force"] = (
        cycle.apply(person, enrollment, rule_version=0),
        ("适用的是第 1 版", "默认规则"),
    )
    person, enrollment = cycle.student()
    good = cycle.apply(person, enrollment)
    cycle.sync(cycle.village_sync)

    assert _state(cycle, good) == "applied"
    for name, (app, words) in cases.items():
        reason = _refused(cycle.village, app, "2026年秋季学期的补助申请未保存", *words)
        assert _server(cycle.county, "subsidy_application", app) is None, name
        assert reason
    # The evidence of a refused application has no parent on the server: held back too, nothing stored.
    with cycle.county.db.read() as session:
        evidence = session.scalars(select(Record).where(Record.entity == "subsidy_evidence")).all()
    parents = {cycle.county.db.cipher.loads_fields(r.entity, r.data)["application_id"] for r in evidence}
    assert parents == {good}


def test_a_second_application_in_a_term_and_a_changed_amount_are_refused(cycle: Cycle) -> None:
    person, enrollment = cycle.student()
    cycle.sync(cycle.village_sync)
    other, other_sync = cycle.county.device("hongyan2")
    other_sync.sync_once()
    first = cycle.apply(person, enrollment)
    cycle.sync(cycle.village_sync)
    assert _state(cycle, first) == "applied"

    # Another laptop of the village, which has not pulled it, applies for the same student and term.
    second = SubsidyApplication(
        person_id=person,
        enrollment_id=enrollment,
        term=TERM,
        amount_fen=ANNUAL_FEN // 2,
        applied_on=APPLIED_ON,
        rule_version=1,
    )
    with other.write() as session:
        session.add(second)
    other_sync.sync_once()
    _refused(other, second.id, "已被另一条记录使用")
    assert _server(cycle.county, "subsidy_application", second.id) is None

    # The amount changed after the application: checked again.
    _set(cycle.village, "subsidy_application", first, amount_fen=200_000)
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, first, "补助金额 2000 元")
    stored = _server(cycle.county, "subsidy_application", first)
    assert stored is not None and stored["amount_fen"] == ANNUAL_FEN // 2


# --- county rules -------------------------------------------------------------------------------------------


def test_a_rule_is_never_edited_only_versioned(cycle: Cycle) -> None:
    with cycle.office.read_connection() as conn:
        rule_id = conn.execute(text("SELECT id FROM subsidy_rule WHERE version = 1")).scalar_one()
    _set(cycle.office, "subsidy_rule", rule_id, publicity_min_days=3)
    newer = RuleSet(
        version=2,
        effective_from=TODAY + timedelta(days=100),
        household_types=frozenset({"tuopin"}),
        school_types=RULE.school_types,
        registry_statuses=RULE.registry_statuses,
    )
    broken = RuleSet(
        version=3,
        effective_from=TODAY + timedelta(days=200),
        household_types=frozenset(),
        school_types=RULE.school_types,
        registry_statuses=RULE.registry_statuses,
        publicity_min_days=0,
    )
    with cycle.office.write() as session:
        session.add(newer.to_row(COUNTY))
        session.add(broken_row := broken.to_row(COUNTY))
    cycle.sync(cycle.office_sync)
    _refused(cycle.office, rule_id, "补助规则只能新增版本，不能修改")
    _refused(cycle.office, broken_row.id, "至少选择一种可申请的户类型", "公示天数")
    stored = _server(cycle.county, "subsidy_rule", rule_id)
    assert stored is not None and stored["publicity_min_days"] == 7
    assert _server(cycle.county, "subsidy_rule", broken_row.id) is None
    assert len(_refusals(cycle.office)) == 2  # the new version went in

    # A village laptop writes a rule of its own: refused (county-owned data).
    cycle.sync(cycle.village_sync)
    own = RuleSet(
        version=4,
        effective_from=date(2021, 1, 1),
        household_types=frozenset({"yiban", "tuopin"}),
        school_types=RULE.school_types,
        registry_statuses=RULE.registry_statuses,
    ).to_row(COUNTY)
    with cycle.village.write() as session:
        session.add(own)
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, own.id, "县级基础数据")
    assert _server(cycle.county, "subsidy_rule", own.id) is None


# --- cost ---------------------------------------------------------------------------------------------------


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


def test_the_checks_cost_a_few_queries_per_batch_not_per_application(cycle: Cycle) -> None:
    students = [cycle.student() for _ in range(30)]
    cycle.sync(cycle.village_sync)
    ctx = device_context(cycle.county.db, "hongyan")
    statements: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    def push(chosen: list[tuple[str, str]]) -> int:
        entries: list[p.PushEntry] = []
        for person, enrollment in chosen:
            app = str(uuid.uuid4())
            entries.append(
                _entry(
                    len(entries) + 1,
                    "subsidy_application",
                    app,
                    "I",
                    {
                        "person_id": person,
                        "enrollment_id": enrollment,
                        "term": TERM,
                        "amount_fen": ANNUAL_FEN // 2,
                        "state": "applied",
                        "applied_on": APPLIED_ON.isoformat(),
                        "rule_version": 1,
                    },
                )
            )
            for item in RULE.evidence:
                values = {"application_id": app, "kind": item.code, "provided": True}
                entries.append(_entry(len(entries) + 1, "subsidy_evidence", str(uuid.uuid4()), "I", values))
            entries.append(
                _entry(len(entries) + 1, "subsidy_application", app, "U", {"state": "village_reviewed"})
            )
        statements.clear()
        event.listen(cycle.county.db.engine, "before_cursor_execute", count)
        try:
            response = service.push(cycle.county.db, ctx, p.PushRequest(entries=entries))
        finally:
            event.remove(cycle.county.db.engine, "before_cursor_execute", count)
        assert response.quarantined == 0, [r.reason for r in response.results]
        return len(statements)

    few, many = push(students[:5]), push(students[5:])
    assert many <= few, f"{few} statements for 5 applications, {many} for 25"


def test_a_batch_that_judged_by_the_countys_rules_is_merged_again_when_they_change(cycle: Cycle) -> None:
    """What the checks read (the county's rules, an application's objections) is part of what a batch merged
    outside the change-log lock asks again under it (``Batch.still_valid``)."""
    person, enrollment = cycle.student()
    app = cycle.apply(person, enrollment)
    cycle.sync(cycle.village_sync)
    db = cycle.county.db
    with db.engine.connect() as conn:
        batch = merge.Batch(
            conn=conn,
            allocator=SeqAllocator(0),
            pusher=merge.Pusher("probe", "/", "village"),
            now_ms=service.now_ms(),
            received_at=service.utcnow(),
            cipher=db.cipher,
        )
        path = batch.scope_for("subsidy_rule", "", {"county_code": COUNTY})
        assert path is not None
        assert [r.data["version"] for r in batch.records_in_scope("subsidy_rule", path)] == [1]
        batch.prefetch_children("subsidy_application", [app])
        assert len(batch.children_of("subsidy_application", app)) == len(RULE.evidence)
        conn.commit()
        assert batch.still_valid()
        conn.commit()

        newer = dataclasses.replace(RULE, version=2, effective_from=TODAY)
        with cycle.office.write() as session:
            session.add(newer.to_row(COUNTY))
        cycle.sync(cycle.office_sync)
        assert not batch.still_valid()
        conn.commit()

        batch = merge.Batch(
            conn=conn,
            allocator=SeqAllocator(0),
            pusher=merge.Pusher("probe", "/", "village"),
            now_ms=service.now_ms(),
            received_at=service.utcnow(),
            cipher=db.cipher,
        )
        batch.prefetch_children("subsidy_application", [app])
        conn.commit()
        with cycle.village.write() as session:
            session.add(
                SubsidyObjection(application_id=app, raised_on=TODAY, raised_by="匿名", content="不在校")
            )
        cycle.sync(cycle.village_sync)
        assert not batch.still_valid()


def test_an_application_naming_no_rule_version_is_judged_under_the_rule_in_force(cycle: Cycle) -> None:
    """A laptop of the release before versioned rules writes no ``rule_version``: the county judges its
    application under the rule in force on its date instead of refusing it."""
    person, enrollment = cycle.student()
    old_release = cycle.apply(person, enrollment, rule_version=None)
    cycle.sync(cycle.village_sync)
    assert _state(cycle, old_release) == "applied"


# --- the day of 县审定 (migration 0012) ------------------------------------------------------------------------


def test_the_day_of_county_approval_is_checked_and_one_bad_day_does_not_stop_the_batch(cycle: Cycle) -> None:
    """``county_approved_on`` travels with the step to 县审定. A malformed day, one in the future (beyond a day of
    clock skew), before the application or before the 公示 ended is refused with a Chinese reason and nothing of
    that entry is stored; the other approvals of the same push go through, with their day or (a laptop of the last
    release) without one. Afterwards the day is not changed, and never by a village."""
    ended_on = TODAY - timedelta(days=7)
    ended = cycle.publicity(TODAY - timedelta(days=14), ended_on)
    days: dict[str, Any] = {
        "garbage": "下周一",
        "impossible": "2026-02-30",
        "future": (TODAY + timedelta(days=3)).isoformat(),
        "before_applied": (APPLIED_ON - timedelta(days=1)).isoformat(),
        "before_publicity": (ended_on - timedelta(days=2)).isoformat(),
        "today": TODAY.isoformat(),
        "tomorrow": (TODAY + timedelta(days=1)).isoformat(),  # a county laptop's clock a day ahead
        "last_release": None,  # a laptop of the last release sends no day
    }
    apps = {}
    for name in days:
        person, enrollment = cycle.student()
        apps[name] = cycle.apply(person, enrollment)
        cycle.to_publicity(apps[name], ended)
    cycle.sync(cycle.village_sync)
    cycle.sync(cycle.township_sync)
    for app in apps.values():
        _set(cycle.township, "subsidy_application", app, state="township_reviewed", township_opinion="同意")
    cycle.sync(cycle.township_sync)
    assert not _refusals(cycle.township)

    cycle.sync(cycle.office_sync)
    for name, day in days.items():
        values: dict[str, Any] = {
            "state": "county_approved",
            "county_opinion": "同意",
            "joint_opinions": '{"教体局": "同意"}',
        }
        if day is not None:
            values["county_approved_on"] = day
        _set(cycle.office, "subsidy_application", apps[name], **values)
    report = cycle.office_sync.sync_once()  # one push
    assert report.quarantined == 5

    _refused(cycle.office, apps["garbage"], "县审定日期", "下周一")
    _refused(cycle.office, apps["impossible"], "县审定日期", "2026-02-30")
    _refused(cycle.office, apps["future"], "县审定日期", "晚于今天", TODAY.isoformat())
    _refused(cycle.office, apps["before_applied"], "县审定日期", "早于申请日期", APPLIED_ON.isoformat())
    _refused(cycle.office, apps["before_publicity"], "县审定日期", "早于公示结束日期", ended_on.isoformat())
    for name in ("garbage", "impossible", "future", "before_applied", "before_publicity"):
        stored = _server(cycle.county, "subsidy_application", apps[name])
        assert stored is not None, name
        assert (stored["state"], stored["county_opinion"], stored.get("county_approved_on")) == (
            "township_reviewed",
            "",
            None,
        ), name
    for name in ("today", "tomorrow", "last_release"):
        assert not _refusals(cycle.office, apps[name]), name
        stored = _server(cycle.county, "subsidy_application", apps[name])
        assert stored is not None and stored["state"] == "county_approved", name
        assert stored.get("county_approved_on") == days[name], name

    # The day is the approval's: the county does not move it afterwards, and a village never writes it.
    office2, office2_sync = cycle.county.device("county")
    office2_sync.sync_once()
    _set(
        office2,
        "subsidy_application",
        apps["today"],
        county_approved_on=(TODAY - timedelta(days=1)).isoformat(),
    )
    _set(office2, "subsidy_application", apps["last_release"], county_approved_on=TODAY.isoformat())
    office2_sync.sync_once()
    _refused(office2, apps["today"], f"已于 {TODAY.isoformat()} 县审定", "不能再改")
    _refused(office2, apps["last_release"], "县审定日期只能在“县审定通过”时填写")
    cycle.sync(cycle.village_sync)
    _set(cycle.village, "subsidy_application", apps["garbage"], county_approved_on=TODAY.isoformat())
    cycle.sync(cycle.village_sync)
    _refused(cycle.village, apps["garbage"], "县审定日期", "县级填写", "村级账号")
    stored = _server(cycle.county, "subsidy_application", apps["garbage"])
    assert stored is not None and stored.get("county_approved_on") is None
