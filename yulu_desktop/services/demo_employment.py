"""Demo data of the employment work (雨露计划+ 就业, issue 16), written after the households of ``services.demo``.

Per county with demo people: its schools (those the demo's students attend), the enterprises of DOMAIN.md with
valid 统一社会信用代码 and their pairings, a 校企县 agreement and a 校企合作 agreement, a past 专场招聘 and a coming
township fair, positions (from the agreements, the fair, the county and the townships; one already closed), and
policy campaigns at the three moments. Per person: career plans with job wishes, fair invitations and attendance,
referrals in every state (a hire writes its employment entry: region, referral id, channel, pay as
``services.placement.record_outcome`` does), follow-ups of every job start (most done, some overdue, a few finding
the person out of work, recorded as a later 待业求职 entry), and placement actions for the graduates still
without work (some overdue).

Deterministic for a seed and a day: reference rows have name-based ids (``uuid5``), so a second run on the same
database adds nothing twice; per-person rows go only to people who have none yet. Rows are written with the
driver's ``executemany`` and journaled by ``journal.insert_rows`` (the entries of a cadre's input).
"""

from __future__ import annotations

import functools
import json
import random
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table

from yulu_desktop.domain import codes, employment, matching
from yulu_desktop.domain.access import Role
from yulu_desktop.domain.entities import new_id
from yulu_desktop.services import acting
from yulu_desktop.services.bulk import insert_sql, sql_value
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import (
    campaign_reach,
    career_plan,
    employment_agreement,
    employment_follow_up,
    employment_record,
    enterprise,
    fair_invitation,
    job_fair,
    job_position,
    job_referral,
    placement_action,
    policy_campaign,
    school,
)

#: School types of the enrollments (codes.SCHOOL_TYPE) as the level of a school (codes.SCHOOL_LEVEL).
SCHOOL_LEVEL_OF_TYPE = {
    "zhongzhuan": "secondary",
    "adult_zhongzhuan": "secondary",
    "vocational_high": "secondary",
    "technical_school": "technical",
    "technician_college": "technical",
    "dazhuan": "higher",
    "higher_vocational": "higher",
}

#: Where each school is (for the school list; the demo's students attend these).
SCHOOL_PLACES = {
    "重庆三峡医药高等专科学校": "重庆市万州区",
    "重庆三峡职业学院": "重庆市万州区",
    "重庆工程职业学院": "重庆市江津区",
    "重庆旅游职业学院": "重庆市黔江区",
    "山西省畜牧兽医学校": "山西省太原市",
    "城口县职业教育中心": "重庆市城口县",
    "重庆市万州技师学院": "重庆市万州区",
}


@dataclass(frozen=True)
class DemoEnterprise:
    key: str
    name: str
    industry: str  # codes.INDUSTRY
    place: str
    area_code: str  # GB/T 2260 code of the place: the region is counted from the county's code
    pairing: str  # codes.PAIRING
    partner: str
    contact: str
    organization_code: str  # the 9 characters of the credit code after the area code


#: The employers of DOMAIN.md. The credit codes are invented (valid check characters, not the real ones).
ENTERPRISES: tuple[DemoEnterprise, ...] = (
    DemoEnterprise(
        "xinlemei", "重庆欣乐美义齿公司", "manufacturing", "重庆市渝北区", "500112", "assigned",
        "重庆市渝北区（区县对口帮扶）", "周经理", "MA5UX1234",
    ),
    DemoEnterprise(
        "zhengda", "重庆正大农牧食品有限公司", "agriculture", "重庆市合川区", "500117", "wanqi",
        "重庆市工商联（万企兴万村）", "刘主任", "MA60RK2Q7",
    ),
    DemoEnterprise(
        "shitongzhai", "重庆石桶寨农业开发有限公司", "agriculture", "重庆市城口县", "500229", "local",
        "", "谭总", "MA5YD8W31",
    ),
    DemoEnterprise(
        "hikvision", "重庆海康威视科技有限公司", "manufacturing", "重庆市巴南区", "500113", "east_west",
        "浙江省宁波市（东西部协作）", "陈主管", "MA5U7LT40",
    ),
    DemoEnterprise(
        "daxiang", "大象农牧集团", "agriculture", "河南省郑州市", "410100", "wanqi",
        "河南省工商联（万企兴万村）", "王经理", "MA3X9PQ52",
    ),
    DemoEnterprise(
        "wens", "温氏股份", "agriculture", "广东省云浮市", "445300", "east_west",
        "广东省（东西部协作）", "黄经理", "MA4W2KN68",
    ),
    DemoEnterprise(
        "haigao", "海高牧业", "agriculture", "山西省忻州市", "140900", "local",
        "", "高经理", "MA0H6GB13",
    ),
)  # fmt: skip


@dataclass(frozen=True)
class DemoPosition:
    key: str
    enterprise: str  # DemoEnterprise.key
    title: str
    majors: tuple[str, ...]  # empty: any major
    pay_yuan: tuple[int, int]
    skill_level: str
    openings: int
    source: str  # "agreement", "fair", "county", "township" or "closed"


POSITIONS: tuple[DemoPosition, ...] = (
    DemoPosition("denture", "xinlemei", "义齿技师", ("口腔医学技术",), (4500, 6000), "none", 10, "agreement"),
    DemoPosition("nurse", "xinlemei", "口腔护士", ("护理", "口腔医学技术"), (3800, 4800), "none", 3, "agreement"),
    DemoPosition("breeder", "zhengda", "养殖技术员", ("畜牧兽医", "现代农业技术"), (3800, 5000), "none", 8, "fair"),
    DemoPosition("grower", "shitongzhai", "种植技术员", ("现代农业技术",), (3000, 4000), "none", 4, "township"),
    DemoPosition(
        "ecommerce", "shitongzhai", "农产品电商运营", ("电子商务技术", "电子商务"), (3000, 4500), "none", 2, "township"
    ),
    DemoPosition(
        "assembly", "hikvision", "装配技术员", ("智能制造装备技术", "数控加工", "电气自动化设备安装与维修"),
        (4200, 5500), "level5", 12, "fair",
    ),
    DemoPosition("inspector", "hikvision", "质检员", (), (3800, 4500), "none", 6, "county"),
    DemoPosition("vet", "daxiang", "兽医助理", ("畜牧兽医", "动物防疫与检疫"), (3500, 4200), "none", 6, "agreement"),
    DemoPosition("keeper", "wens", "饲养员", ("畜牧兽医",), (4000, 5000), "none", 10, "fair"),
    DemoPosition("technician", "haigao", "技术员", ("畜牧兽医", "现代农业技术"), (3200, 3800), "level5", 3, "closed"),
    DemoPosition("hotel", "zhengda", "员工食堂服务员", (), (3000, 3500), "none", 4, "county"),
)  # fmt: skip

#: 职业目标 and the wished-for industry of a major (career plans).
GOALS = {
    "口腔医学技术": ("做义齿技师，三年内考取中级证书", "manufacturing"),
    "护理": ("到县医院或乡镇卫生院做护士", "health"),
    "药学": ("到药店或医药企业工作", "health"),
    "电子商务技术": ("回乡做农产品电商", "trade"),
    "电子商务": ("回乡做农产品电商", "trade"),
    "畜牧兽医": ("到大型养殖企业做技术员", "agriculture"),
    "动物防疫与检疫": ("到养殖企业或乡镇畜牧站工作", "agriculture"),
    "现代农业技术": ("学好种植技术，回乡发展产业", "agriculture"),
    "建筑工程技术": ("到建筑企业做施工员", "construction"),
    "智能制造装备技术": ("进制造企业做技术工人", "manufacturing"),
    "数控加工": ("进制造企业做数控技工", "manufacturing"),
    "电气自动化设备安装与维修": ("做电工，考取电工证", "manufacturing"),
    "旅游管理": ("到景区或旅行社工作", "hospitality"),
    "酒店管理与数字化运营": ("到酒店做前厅或运营", "hospitality"),
    "汽车运用与维修": ("到汽修厂当学徒，以后自己开店", "services"),
}

NEXT_ACTIONS = {
    "seeking": "推荐到合适岗位并通知参加下一场招聘会",
    "training": "联系人社部门安排技能培训",
    "waiting": "核实升学或入伍进展",
    "family": "了解家庭困难，介绍就近灵活就业岗位",
    "health": "联系医疗救助，待身体恢复后再推荐岗位",
    "unwilling": "入户做思想工作，讲清就业帮扶政策",
    "other": "入户了解情况",
}
NOT_HIRED_REASONS = ("面试未通过：实操考核不达标", "企业名额已满", "体检未通过")
DECLINED_REASONS = ("离家太远，家里老人需要照顾", "嫌工资低，想再找找", "已自己找到工作")
FOLLOW_UP_NOTES = (
    "工作稳定，工资按时发放",
    "适应良好，企业反映不错",
    "已转正，收入有所增加",
    "住宿条件好，本人满意",
)
CADRES = ("李明", "王芳", "陈国强", "赵丽")
#: The alphabet of 统一社会信用代码 (GB 32100-2015), for making the check character.
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def waits_for_work(registry_no: str, graduated_on: date, today: date) -> bool:
    """Whether a demo graduate has no destination recorded yet: about a third of those who graduated in the past
    year, one in twelve of earlier years. Taken from the (random) registry number rather than the demo's random
    generator, so the rest of the demo stays as it was."""
    share = 34 if (today - graduated_on).days < 365 else 8
    return int(registry_no[-2:]) < share


def credit_code(area_code: str, organization_code: str) -> str:
    """A 统一社会信用代码 of an enterprise (登记管理部门 9, 类别 1) with its check character."""
    body = f"91{area_code}{organization_code}"
    return next(body + ch for ch in _CREDIT_ALPHABET if employment.credit_code_problem(body + ch) is None)


def region_of(area_code: str, county_code: str) -> str:
    """codes.REGION of a place seen from a county: 县内, 省内县外 or 省外 (by the GB/T 2260 codes)."""
    if area_code == county_code:
        return "county"
    return "province" if area_code[:2] == county_code[:2] else "outside"


#: Province names as places are written (``EMPLOYERS`` of the demo), by the first two digits of GB/T 2260.
_PROVINCES = {"50": "重庆市", "14": "山西省", "41": "河南省", "44": "广东省", "33": "浙江省"}


def region_of_place(place: str, county_code: str, start: date, today: date) -> str | None:
    """codes.REGION of a demo job written as text (“重庆市城口县”), seen from a county; None for jobs started
    more than 15 months ago, recorded before issue 16 asked for the region (未填地域)."""
    if (today - start).days >= 450:
        return None
    if _county_names().get(county_code, "?") in place:
        return "county"
    return "province" if place.startswith(_PROVINCES.get(county_code[:2], "?")) else "outside"


@functools.cache
def _county_names() -> dict[str, str]:
    from yulu_desktop.services.demo import COUNTIES  # that module imports this one

    return {code: name for code, name, _townships in COUNTIES}


def demo_id(kind: str, *parts: str) -> str:
    """A deterministic id of a demo reference row (a second run finds it instead of adding it again)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"yulu-demo-{kind}:" + ":".join(parts)))


@dataclass
class EmploymentDemoReport:
    schools: int = 0
    enterprises: int = 0
    agreements: int = 0
    positions: int = 0
    fairs: int = 0
    campaigns: int = 0
    career_plans: int = 0
    invitations: int = 0
    referrals: int = 0
    hires: int = 0
    follow_ups: int = 0
    placement_actions: int = 0
    reached: int = 0
    left_jobs: int = 0
    other_destinations: int = 0


#: The order rows are written in (and journaled, so the county server receives them in it): a referral starts
#: as 已推荐, then the hire's employment entry, then the referral's outcome (``_Rows.steps``), as a cadre's would.
_WRITE_ORDER = (
    school,
    enterprise,
    employment_agreement,
    job_fair,
    job_position,
    policy_campaign,
    career_plan,
    fair_invitation,
    job_referral,
    employment_record,
    employment_follow_up,
    placement_action,
    campaign_reach,
)


@dataclass
class _Rows:
    """Rows to write, per table, and the referral outcomes recorded after them."""

    tables: dict[Table, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    steps: list[tuple[Any, ...]] = field(default_factory=list)

    def add(self, table: Table, row: dict[str, Any]) -> None:
        self.tables[table].append(row)

    def write(self, conn: Connection) -> None:
        cursor = conn.connection.cursor()
        for table in _WRITE_ORDER:
            values = [
                tuple(sql_value(row.get(c.name, None if c.nullable else "")) for c in table.columns)
                for row in self.tables.get(table, ())
            ]
            for start in range(0, len(values), 5000):
                journal.insert_rows(cursor, table.name, insert_sql(table)[1], values[start : start + 5000])
        cursor.executemany(
            "UPDATE job_referral SET state = ?, outcome_on = ?, outcome_reason = ?, employment_record_id = ? "
            "WHERE id = ?",
            [tuple(sql_value(v) for v in step) for step in self.steps],
        )


@dataclass(frozen=True)
class _Position:
    id: str
    spec: DemoPosition
    enterprise_name: str
    industry: str
    place: str
    region: str
    posted_on: date
    deadline: date | None
    agreement_id: str | None
    fair_id: str | None
    profile: matching.PositionProfile


@dataclass
class _County:
    id: str
    code: str
    name: str
    townships: list[tuple[str, str]]  # (id, name)
    positions: list[_Position] = field(default_factory=list)
    fair_id: str = ""
    fair_held_on: date = date.min
    coming_fair_id: str = ""
    coming_fair_township: str = ""


@dataclass
class _Person:
    id: str
    name: str
    village_id: str
    township_id: str
    county_id: str
    major: str
    school_name: str
    person_no: str
    status: str  # "graduate", "final_year" or "student"
    graduated_on: date | None
    jobs: list[tuple[str, date, str]]  # (entry id, effective date, destination), oldest first


def _last_past(today: date, month: int, day: int) -> date:
    """The latest ``month``/``day`` not after today."""
    this_year = date(today.year, month, day)
    return this_year if this_year <= today else date(today.year - 1, month, day)


def generate_employment_demo(
    db: Database, *, seed: int = 1, today: date | None = None, author: str = "演示数据"
) -> EmploymentDemoReport:
    """Add the employment demo (see the module) for every county that has demo people; one transaction.

    A laptop enrolled below the county writes no county or township data (the county server would hold it
    back): no schools, enterprises, agreements, positions or fairs, so no invitations or referrals either, and
    campaigns only in villages; its positions come from the county."""
    today = today or date.today()
    rng = random.Random(f"employment-{seed}")
    report = EmploymentDemoReport()
    with db.write_connection() as conn:
        journal.set_author(conn, author)
        actor = acting.actor_of(conn)
        county_data = not actor.enrolled or actor.role in (Role.COUNTY, Role.COUNTY_ADMIN)
        rows = _Rows()
        counties = _counties(conn)
        if not counties:
            return report
        newest = _newest_employment_row(conn)
        people = _people(conn, today, newest)
        if county_data:
            for county in counties.values():
                _reference_rows(conn, rows, county, today, report)
        _person_rows(rng, rows, counties, people, today, report)
        _campaign_rows(conn, rows, counties if county_data else {}, people, today, newest, report)
        rows.write(conn)
    return report


def _counties(conn: Connection) -> dict[str, _County]:
    """The counties holding demo households, with their townships."""
    units = conn.exec_driver_sql("SELECT id, code, name, level, parent_id FROM org_unit").all()
    by_id = {u.id: u for u in units}
    with_people = {row[0] for row in conn.exec_driver_sql("SELECT DISTINCT village_id FROM household").all()}
    counties: dict[str, _County] = {}
    for village_id in sorted(with_people):
        unit = by_id.get(village_id)
        while unit is not None and unit.parent_id is not None:
            unit = by_id.get(unit.parent_id)
        if unit is not None and unit.id not in counties:
            townships = sorted(
                ((u.id, u.name) for u in units if u.parent_id == unit.id and u.level == "township"),
                key=lambda t: by_id[t[0]].code,
            )
            counties[unit.id] = _County(unit.id, unit.code, unit.name, townships)
    return counties


_PER_PERSON_TABLES = (
    "career_plan",
    "fair_invitation",
    "job_referral",
    "placement_action",
    "employment_follow_up",
    "campaign_reach",
)


def _newest_employment_row(conn: Connection) -> str:
    """Ids are time-ordered (``new_id``): people added after the newest per-person employment row are new."""
    return max(
        (conn.exec_driver_sql(f"SELECT max(id) FROM {table}").scalar() or "" for table in _PER_PERSON_TABLES),
        default="",
    )


def _people(conn: Connection, today: date, newest: str) -> list[_Person]:
    """Graduates, final-year and other students (by their latest enrollment) added after ``newest``, the newest
    employment row of a previous run."""
    units = {row[0]: row[1] for row in conn.exec_driver_sql("SELECT id, parent_id FROM org_unit").all()}
    latest: dict[str, Any] = {}
    for row in conn.exec_driver_sql(
        "SELECT e.person_id, e.school_year, e.semester, e.school_name, e.major, e.registry_status, e.entry_date, "
        "e.length_years, e.ended_on, p.name, p.person_no, h.village_id FROM enrollment e JOIN person p ON p.id = e.person_id "
        "JOIN household h ON h.id = p.household_id WHERE p.status = 'normal' AND p.id > ? ORDER BY e.person_id",
        (newest,),
    ):
        key = (row.school_year, row.semester == "spring")
        known = latest.get(row.person_id)
        if known is None or key > (known.school_year, known.semester == "spring"):
            latest[row.person_id] = row
    jobs: dict[str, list[tuple[str, date, str]]] = defaultdict(list)
    for job in conn.exec_driver_sql(
        "SELECT id, person_id, effective_date, destination FROM employment_record WHERE voided_on IS NULL "
        "ORDER BY person_id, effective_date, recorded_at, id"
    ):
        if job.person_id in latest:
            jobs[job.person_id].append(
                (job.id, date.fromisoformat(str(job.effective_date)[:10]), job.destination)
            )
    horizon = employment.add_months(today, 12)
    people = []
    for person_id, row in latest.items():
        entry = date.fromisoformat(str(row.entry_date)[:10]) if row.entry_date else None
        if row.registry_status == "graduated":
            status = "graduate"
        elif row.registry_status != "enrolled":
            continue
        elif entry is not None and today <= employment.add_months(entry, 12 * row.length_years) <= horizon:
            status = "final_year"
        else:
            status = "student"
        township_id = units.get(row.village_id) or row.village_id
        county_id = units.get(township_id) or township_id
        ended = date.fromisoformat(str(row.ended_on)[:10]) if row.ended_on else None
        people.append(
            _Person(
                person_id, row.name, row.village_id, township_id, county_id, row.major, row.school_name,
                row.person_no, status, ended, jobs.get(person_id, []),
            )
        )  # fmt: skip
    people.sort(key=lambda p: p.person_no)  # not by id: ids are partly random
    return people


def _insert_missing(
    conn: Connection, rows: _Rows, table: Table, row: dict[str, Any], counter: list[int]
) -> None:
    """Add a reference row unless a previous run did (same deterministic id)."""
    exists = conn.exec_driver_sql(f"SELECT 1 FROM {table.name} WHERE id = ?", (row["id"],)).first()
    if exists is None:
        rows.add(table, row)
        counter[0] += 1


def _reference_rows(
    conn: Connection, rows: _Rows, county: _County, today: date, report: EmploymentDemoReport
) -> None:
    counters = {name: [0] for name in ("schools", "enterprises", "agreements", "positions", "fairs")}
    schools: dict[str, str] = {}
    majors: dict[str, set[str]] = defaultdict(set)
    types: dict[str, str] = {}
    for name, school_type, major in conn.exec_driver_sql(
        "SELECT DISTINCT school_name, school_type, major FROM enrollment ORDER BY school_name, major"
    ):
        types.setdefault(name, school_type)
        if major:
            majors[name].add(major)
    for name, school_type in sorted(types.items()):
        schools[name] = demo_id("school", county.id, name)
        _insert_missing(
            conn,
            rows,
            school,
            {
                "id": schools[name],
                "county_id": county.id,
                "name": name,
                "level": SCHOOL_LEVEL_OF_TYPE.get(school_type, "secondary"),
                "place": SCHOOL_PLACES.get(name, ""),
                "majors": json.dumps(sorted(majors[name]), ensure_ascii=False),
                "contact": "招生就业处",
                "note": "",
            },
            counters["schools"],
        )
    enterprises: dict[str, str] = {}
    for spec in ENTERPRISES:
        enterprises[spec.key] = demo_id("enterprise", county.id, spec.key)
        _insert_missing(
            conn,
            rows,
            enterprise,
            {
                "id": enterprises[spec.key],
                "county_id": county.id,
                "name": spec.name,
                "credit_code": credit_code(spec.area_code, spec.organization_code),
                "industry": spec.industry,
                "place": spec.place,
                "region": region_of(spec.area_code, county.code),
                "contact_name": spec.contact,
                "contact_phone": f"023-{6000_0000 + int(spec.area_code[-4:]):08d}",
                "pairing": spec.pairing,
                "pairing_partner": spec.partner,
                "note": "",
            },
            counters["enterprises"],
        )
    year = _last_past(today, 1, 1).year
    medical = "重庆三峡医药高等专科学校"
    animal = "山西省畜牧兽医学校"
    tripartite_id = demo_id("agreement", county.id, "tripartite")
    partnership_id = demo_id("agreement", county.id, "school_enterprise")
    signed = date(year - 1, 3, 15)
    for agreement_id, kind, school_name, keys, agreement_majors, places, support in (
        (
            tripartite_id, "tripartite", medical, ("xinlemei", "hikvision", "zhengda", "shitongzhai"),
            ("口腔医学技术", "护理", "现代农业技术"), 30,
            "学校定向培养并推荐实习；企业每年提供岗位、安排师傅带教；县乡村振兴局落实雨露计划补助并组织稳岗回访",
        ),
        (
            partnership_id, "school_enterprise", animal, ("daxiang", "wens", "haigao"), ("畜牧兽医",), 20,
            "订单培养，企业提供顶岗实习和就业岗位，包食宿",
        ),
    ):  # fmt: skip
        _insert_missing(
            conn,
            rows,
            employment_agreement,
            {
                "id": agreement_id,
                "county_id": county.id,
                "kind": kind,
                "title": f"{county.name}·{school_name}{codes.AGREEMENT_KIND.label(kind)}",
                "school_id": schools.get(school_name),
                "enterprise_ids": json.dumps([enterprises[k] for k in keys]),
                "signed_on": signed,
                "starts_on": signed,
                "ends_on": date(year + 2, 3, 14),
                "majors": json.dumps(list(agreement_majors), ensure_ascii=False),
                "places_per_year": places,
                "support": support,
                "note": "",
            },
            counters["agreements"],
        )
    county.fair_id = demo_id("fair", county.id, str(year))
    county.fair_held_on = today - timedelta(days=35)
    _insert_missing(
        conn,
        rows,
        job_fair,
        {
            "id": county.fair_id,
            "unit_id": county.id,
            "name": f"{county.name}{county.fair_held_on.year}年雨露计划毕业生专场招聘会",
            "held_on": county.fair_held_on,
            "place": f"{county.name}人力资源市场",
            "school_ids": json.dumps(sorted(schools.values())),
            "enterprise_ids": json.dumps(list(enterprises.values())),
            "note": "县乡村振兴局、教委、人力社保局联合举办",
        },
        counters["fairs"],
    )
    if county.townships:
        township_id, township_name = county.townships[0]
        county.coming_fair_id = demo_id("fair", township_id, str(year), "coming")
        county.coming_fair_township = township_id
        _insert_missing(
            conn,
            rows,
            job_fair,
            {
                "id": county.coming_fair_id,
                "unit_id": township_id,
                "name": f"{township_name}春风行动就业招聘会",
                "held_on": today + timedelta(days=21),
                "place": f"{township_name}便民服务中心",
                "school_ids": "[]",
                "enterprise_ids": json.dumps([enterprises["shitongzhai"], enterprises["zhengda"]]),
                "note": "",
            },
            counters["fairs"],
        )
    for n, offer in enumerate(POSITIONS):
        company = next(e for e in ENTERPRISES if e.key == offer.enterprise)
        unit_id = county.id
        if offer.source == "township" and county.townships:
            unit_id = county.townships[n % len(county.townships)][0]
        posted_on = county.fair_held_on - timedelta(days=20 + n)
        deadline = (
            today - timedelta(days=10)
            if offer.source == "closed"
            else today + timedelta(days=60 + 5 * n)
            if n % 3
            else None
        )
        agreement_ref = (
            (tripartite_id if offer.enterprise == "xinlemei" else partnership_id)
            if offer.source == "agreement"
            else None
        )
        fair_id = county.fair_id if offer.source == "fair" else None
        low, high = (v * 100 for v in offer.pay_yuan)
        region = region_of(company.area_code, county.code)
        position_id = demo_id("position", county.id, offer.key)
        _insert_missing(
            conn,
            rows,
            job_position,
            {
                "id": position_id,
                "unit_id": unit_id,
                "enterprise_id": enterprises[offer.enterprise],
                "title": offer.title,
                "place": company.place,
                "region": region,
                "pay_min_fen": low,
                "pay_max_fen": high,
                "majors": json.dumps(list(offer.majors), ensure_ascii=False),
                "skill_level": offer.skill_level,
                "openings": offer.openings,
                "posted_on": posted_on,
                "deadline": deadline,
                "agreement_id": agreement_ref,
                "fair_id": fair_id,
                "note": "包吃住，购买五险" if n % 2 == 0 else "",
            },
            counters["positions"],
        )
        county.positions.append(
            _Position(
                position_id, offer, company.name, company.industry, company.place, region, posted_on, deadline,
                agreement_ref, fair_id,
                matching.PositionProfile(
                    position_id, offer.title, company.name, company.industry, region, company.place, low, high,
                    offer.majors, offer.skill_level, offer.openings, deadline,
                ),
            )
        )  # fmt: skip
    for name, counter in counters.items():
        setattr(report, name, getattr(report, name) + counter[0])


def _person_rows(
    rng: random.Random,
    rows: _Rows,
    counties: dict[str, _County],
    people: list[_Person],
    today: date,
    report: EmploymentDemoReport,
) -> None:
    for person in people:
        county = counties.get(person.county_id)
        if county is None:
            continue
        _career_plans(rng, rows, person, today, report)
        if person.status == "student":
            continue
        if person.status == "graduate" and not person.jobs and person.graduated_on is not None:
            _other_destination(rng, rows, person, today, report)
        unplaced = not person.jobs or person.jobs[-1][2] not in codes.PLACED_DESTINATIONS
        if county.fair_id and (person.status == "final_year" or unplaced):
            _fair_and_referral(rng, rows, county, person, today, report)
        _follow_ups(rng, rows, person, today, report)
        if person.status == "graduate" and (
            not person.jobs or person.jobs[-1][2] not in codes.PLACED_DESTINATIONS
        ):
            _placement_actions(rng, rows, person, today, report)


#: Destinations besides a job found through a referral, for some graduates without one: (destination, the
#: employer or project, the channel, the region). 升学 and 参军 count as placed, not employed.
OTHER_DESTINATIONS: tuple[tuple[str, str, str | None, str | None], ...] = (
    ("further_study", "", None, None),
    ("military", "", None, None),
    ("self_employed", "农产品网店（自主创业）", "self", "county"),
    ("flexible", "快递配送（灵活就业）", "self", "county"),
)


def _other_destination(
    rng: random.Random, rows: _Rows, person: _Person, today: date, report: EmploymentDemoReport
) -> None:
    """Some graduates without a job went on to study, joined the army, started a business or took flexible work."""
    draw = rng.random()
    if draw >= 0.16 or person.graduated_on is None:
        return
    destination, employer, channel, region = OTHER_DESTINATIONS[int(draw / 0.04)]
    on = min(today, person.graduated_on + timedelta(days=rng.randint(20, 90)))
    record_id = new_id()
    rows.add(
        employment_record,
        {
            "id": record_id,
            "person_id": person.id,
            "effective_date": on,
            "destination": destination,
            "employer": employer,
            "industry": codes.INDUSTRY.label("trade") if destination == "self_employed" else "",
            "channel": channel,
            "region": region,
            "monthly_income_fen": rng.choice((2800, 3500, 4200)) * 100 if channel else None,
            "change_reason": "",
            "source": "visit",
            "verified_by": rng.choice(CADRES),
            "recorded_at": datetime(on.year, on.month, on.day, 10, 0),
        },
    )
    person.jobs.append((record_id, on, destination))
    report.other_destinations += 1


def _career_plans(
    rng: random.Random, rows: _Rows, person: _Person, today: date, report: EmploymentDemoReport
) -> None:
    if rng.random() >= (0.75 if person.status != "student" else 0.45):
        return
    goal, industry = GOALS.get(person.major, ("找一份稳定的工作", None))
    first = (
        (person.graduated_on or today) - timedelta(days=rng.randint(60, 400))
        if person.status == "graduate"
        else today - timedelta(days=rng.randint(20, 300))
    )
    plans = [(first, "in_school")]
    if person.status != "student" and rng.random() < 0.5:
        review = min(today, (person.graduated_on or today) - timedelta(days=rng.randint(5, 50)))
        if review > first:
            plans.append((review, "before_graduation"))
    for recorded_on, stage in plans:
        rows.add(
            career_plan,
            {
                "id": new_id(),
                "person_id": person.id,
                "recorded_on": recorded_on,
                "stage": stage,
                "goal": goal,
                "school_name": person.school_name,
                "major": person.major,
                "reason": rng.choice(("家里希望稳定", "本人兴趣", "学校老师推荐", "离家近，方便照顾家人")),
                "wanted_region": rng.choice(("county", "province", "province", "outside", None)),
                "wanted_income_fen": rng.choice((3000, 3500, 4000, 4500, 5000)) * 100
                if rng.random() < 0.85
                else None,
                "wanted_industry": industry if rng.random() < 0.8 else None,
                "recorded_by": rng.choice(CADRES),
                "visit_id": None,
            },
        )
        report.career_plans += 1


def _fair_and_referral(
    rng: random.Random,
    rows: _Rows,
    county: _County,
    person: _Person,
    today: date,
    report: EmploymentDemoReport,
) -> None:
    """Invitations to the county's fair (past) and the township's (coming), and at most one referral."""
    attended: bool | None = None
    if rng.random() < 0.8:
        draw = rng.random()
        attended = True if draw < 0.65 else False if draw < 0.9 else None
        rows.add(
            fair_invitation,
            {
                "id": new_id(),
                "person_id": person.id,
                "fair_id": county.fair_id,
                "invited_on": county.fair_held_on - timedelta(days=rng.randint(5, 12)),
                "attended": attended,
                "note": "电话通知本人和家长" if rng.random() < 0.5 else "",
            },
        )
        report.invitations += 1
    if county.coming_fair_id and person.township_id == county.coming_fair_township and rng.random() < 0.6:
        rows.add(
            fair_invitation,
            {
                "id": new_id(),
                "person_id": person.id,
                "fair_id": county.coming_fair_id,
                "invited_on": today - timedelta(days=rng.randint(0, 5)),
                "attended": None,
                "note": "",
            },
        )
        report.invitations += 1
    if rng.random() >= 0.85:
        return
    profile = matching.GraduateProfile(person.id, person.name, major=person.major)
    at_fair = attended is True
    referred_on = county.fair_held_on if at_fair else today - timedelta(days=rng.randint(3, 60))
    candidates = [
        p
        for p in county.positions
        if p.posted_on <= referred_on
        and (p.deadline is None or p.deadline >= referred_on)
        and (at_fair or p.fair_id is None)
    ]
    fitting = [p for p in candidates if matching.major_fit(profile, p.profile) in ("same", "related")]
    pool = fitting or [p for p in candidates if not p.spec.majors]
    if not pool:
        return
    position = rng.choice(pool)
    draw = rng.random()
    if person.status == "final_year":
        state = "referred" if draw < 0.6 else "interview"
    else:
        state = (
            "hired"
            if draw < 0.45
            else "interview"
            if draw < 0.58
            else "referred"
            if draw < 0.7
            else "not_hired"
            if draw < 0.85
            else "declined"
        )
    outcome_on = min(today, referred_on + timedelta(days=rng.randint(3, 14))) if state != "referred" else None
    reason = (
        rng.choice(NOT_HIRED_REASONS)
        if state == "not_hired"
        else rng.choice(DECLINED_REASONS)
        if state == "declined"
        else ""
    )
    referral_id = new_id()
    referred_by = rng.choice(CADRES)
    rows.add(
        job_referral,
        {
            "id": referral_id,
            "person_id": person.id,
            "position_id": position.id,
            "fair_id": position.fair_id if at_fair else None,
            "referred_on": referred_on,
            "referred_by": referred_by,
            "state": "referred",
            "outcome_on": None,
            "outcome_reason": "",
            "employment_record_id": None,
            "note": "在招聘会现场投递简历" if at_fair else "",
        },
    )
    if state != "referred":
        record_id = None
        if state == "hired" and outcome_on is not None:
            record_id = _hire(rng, rows, person, position, referral_id, outcome_on, referred_by, today)
            report.hires += 1
        rows.steps.append((state, outcome_on, reason, record_id, referral_id))
    report.referrals += 1


def _hire(
    rng: random.Random,
    rows: _Rows,
    person: _Person,
    position: _Position,
    referral_id: str,
    hired_on: date,
    referred_by: str,
    today: date,
) -> str:
    """The employment entry of a hire, as ``services.placement.record_outcome`` writes it."""
    start = min(today, hired_on + timedelta(days=rng.randint(0, 7)))
    fit = matching.major_fit(
        matching.GraduateProfile(person.id, person.name, major=person.major), position.profile
    )
    record_id = new_id()
    rows.add(
        employment_record,
        {
            "id": record_id,
            "person_id": person.id,
            "effective_date": start,
            "destination": "employed",
            "employer": position.enterprise_name,
            "industry": codes.INDUSTRY.label(position.industry),
            "job": position.spec.title,
            "place": position.place,
            "region": position.region,
            "channel": "job_fair"
            if position.fair_id
            else "school_enterprise"
            if position.agreement_id
            else "public_service",
            "monthly_income_fen": position.profile.pay_min_fen,
            "matches_major": None if fit == "any" else fit in ("same", "related"),
            "change_reason": "",
            "source": "visit",
            "verified_by": referred_by,
            "recorded_at": datetime(hired_on.year, hired_on.month, hired_on.day, 9, 0),
            "referral_id": referral_id,
        },
    )
    person.jobs.append((record_id, start, "employed"))
    return record_id


def _follow_ups(
    rng: random.Random, rows: _Rows, person: _Person, today: date, report: EmploymentDemoReport
) -> None:
    """The follow-ups of each job start: old jobs all done, recent ones mostly; a few find the person out of work,
    recorded as a later 待业求职 entry (the history is kept)."""
    jobs = list(person.jobs)
    for index, (record_id, start, destination) in enumerate(jobs):
        if destination not in codes.EMPLOYED_DESTINATIONS:
            continue
        ended_on = jobs[index + 1][1] if index + 1 < len(jobs) else None
        recent = (today - start).days < 400
        for due in employment.follow_up_schedule(start, (), ended_on=ended_on):
            if due.due_on > today or rng.random() >= (0.7 if recent else 0.97):
                continue
            done_on = min(today, due.due_on + timedelta(days=rng.randint(0, 10)))
            left = ended_on is None and recent and rng.random() < 0.08
            rows.add(
                employment_follow_up,
                {
                    "id": new_id(),
                    "person_id": person.id,
                    "employment_record_id": record_id,
                    "due_month": due.month,
                    "done_on": done_on,
                    "mode": rng.choice(("phone", "phone", "wechat", "home")),
                    "still_employed": not left,
                    "note": "已离职，正在找工作" if left else rng.choice(FOLLOW_UP_NOTES),
                    "followed_by": rng.choice(CADRES),
                },
            )
            report.follow_ups += 1
            if left:
                _left_job(rows, person, done_on)
                report.left_jobs += 1
                break


def _left_job(rows: _Rows, person: _Person, on: date) -> None:
    record_id = new_id()
    rows.add(
        employment_record,
        {
            "id": record_id,
            "person_id": person.id,
            "effective_date": on,
            "destination": "seeking",
            "change_reason": "稳岗回访发现已离职，正在求职",
            "source": "phone",
            "verified_by": CADRES[0],
            "recorded_at": datetime(on.year, on.month, on.day, 17, 0),
        },
    )
    person.jobs.append((record_id, on, "seeking"))


def _placement_actions(
    rng: random.Random, rows: _Rows, person: _Person, today: date, report: EmploymentDemoReport
) -> None:
    if rng.random() >= 0.85:
        return
    reason = rng.choice(tuple(codes.UNEMPLOYMENT_REASON.labels))
    actions: list[tuple[str, date, date, date | None]] = []
    if rng.random() < 0.3:
        old = today - timedelta(days=rng.randint(80, 150))
        actions.append(("seeking", old, old + timedelta(days=30), old + timedelta(days=rng.randint(10, 40))))
    recorded_on = today - timedelta(days=rng.randint(3, 60))
    actions.append((reason, recorded_on, recorded_on + timedelta(days=rng.randint(14, 45)), None))
    for action_reason, on, due_on, done_on in actions:
        rows.add(
            placement_action,
            {
                "id": new_id(),
                "person_id": person.id,
                "recorded_on": on,
                "reason": action_reason,
                "next_action": NEXT_ACTIONS[action_reason],
                "due_on": due_on,
                "done_on": min(done_on, today) if done_on else None,
                "recorded_by": rng.choice(CADRES),
                "note": "",
            },
        )
        report.placement_actions += 1


def _campaign_rows(
    conn: Connection,
    rows: _Rows,
    counties: dict[str, _County],
    people: list[_Person],
    today: date,
    newest: str,
    report: EmploymentDemoReport,
) -> None:
    """One campaign per county (before its fair), township (before graduation) and village (before 中考), each
    reaching the people it concerned: invited graduates, final-year students, and the children with an intent."""
    intents: defaultdict[str, list[str]] = defaultdict(list)
    for person_id, village_id in conn.exec_driver_sql(
        "SELECT DISTINCT i.person_id, h.village_id FROM intent i JOIN person p ON p.id = i.person_id "
        "JOIN household h ON h.id = p.household_id WHERE p.status = 'normal' AND p.id > ? ORDER BY i.person_id",
        (newest,),
    ):
        intents[village_id].append(person_id)
    by_unit: dict[str, list[_Person]] = defaultdict(list)
    for person in people:
        for unit_id in (person.county_id, person.township_id):
            by_unit[unit_id].append(person)
    graduation = _last_past(today, 5, 20)
    entry = _last_past(today, 6, 5)
    villages = sorted({p.village_id for p in people} | set(intents))
    campaigns: list[tuple[str, str, date, str, str, Iterable[str]]] = []
    for county in counties.values():
        campaigns.append(
            (
                county.id, "before_recruitment", county.fair_held_on - timedelta(days=14),
                "雨露计划+就业帮扶政策和专场招聘会岗位", f"{county.name}乡村振兴局",
                [p.id for p in by_unit[county.id] if p.status != "student" and not p.jobs],
            )
        )  # fmt: skip
        for township_id, township_name in county.townships:
            campaigns.append(
                (
                    township_id, "before_graduation", graduation, "毕业生就业政策、稳岗补贴和求职注意事项",
                    f"{township_name}人民政府",
                    [
                        p.id
                        for p in by_unit[township_id]
                        if p.graduated_on is not None and graduation < p.graduated_on <= today
                    ],
                )
            )  # fmt: skip
    for village_id in villages:
        campaigns.append(
            (
                village_id, "before_entry", entry, "雨露计划职业教育补助政策（中考前）", "驻村工作队",
                intents.get(village_id, []),
            )
        )  # fmt: skip
    for unit_id, moment, held_on, topic, held_by, reached in campaigns:
        campaign_id = demo_id("campaign", unit_id, moment, held_on.isoformat())
        counter = [0]
        _insert_missing(
            conn,
            rows,
            policy_campaign,
            {
                "id": campaign_id,
                "unit_id": unit_id,
                "moment": moment,
                "held_on": held_on,
                "topic": topic,
                "place": "村委会" if moment == "before_entry" else "便民服务中心",
                "held_by": held_by,
                "note": "发放明白卡，现场解答政策问题",
            },
            counter,
        )
        report.campaigns += counter[0]
        for person_id in reached:
            rows.add(campaign_reach, {"id": new_id(), "person_id": person_id, "campaign_id": campaign_id})
            report.reached += 1
