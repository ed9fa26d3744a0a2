"""Realistic demo data: counties from DOMAIN.md, villages, households, people with valid ID numbers, schools,
majors, employers, visits, training, subsidies and job histories.

Written in bulk with Core ``executemany`` (never row by row through the ORM) and journaled by
``journal.insert_rows``: every row has the entry the triggers write for data typed in by a cadre.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Table, select

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import new_id
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.domain.subsidy_rules import DEFAULT_EVIDENCE
from yulu_desktop.domain.validation import luhn_check_digit
from yulu_desktop.services import demo_employment
from yulu_desktop.services.bulk import insert_sql, sql_value
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import (
    employment_record,
    enrollment,
    household,
    intent,
    org_unit,
    person,
    subsidy_application,
    subsidy_evidence,
    subsidy_publicity,
    subsidy_setting,
    training,
    visit,
)

DEMO_AUTHOR = "演示数据"

# (county code, county name, [(township, [villages])]) — the seeds of DOMAIN.md first, then invented neighbours.
COUNTIES: list[tuple[str, str, list[tuple[str, list[str]]]]] = [
    ("500229", "城口县", [("庙坝镇", ["红岩村", "香溪村", "罗江村"]), ("修齐镇", ["枇杷村", "东河村"])]),
    (
        "500101",
        "万州区",
        [("恒合土家族乡", ["石坪村", "五一村", "长坪村"]), ("龙驹镇", ["梨树村", "赶场村"])],
    ),
    ("140928", "五寨县", [("三岔镇", ["三岔村", "新舍窠村"]), ("胡会乡", ["石咀头村", "胡会村"])]),
    ("500238", "巫溪县", [("红池坝镇", ["茶园村", "仓房村"]), ("宁厂镇", ["宝源村", "双溪村"])]),
    (
        "500242",
        "酉阳土家族苗族自治县",
        [("花田乡", ["何家岩村", "中心村"]), ("车田乡", ["清泉村", "车田村"])],
    ),
    (
        "500243",
        "彭水苗族土家族自治县",
        [("鞍子镇", ["新式村", "罗家坨村"]), ("润溪乡", ["樱桃村", "白果坪村"])],
    ),
]

VILLAGE_SUFFIXES = ["坪村", "湾村", "坝村", "沟村", "岭村", "河村", "岩村", "溪村", "坡村", "垭村"]
VILLAGE_PREFIXES = "青石长柏白杨桃李梨花金银龙凤双新大小上下东西南北松竹梅兰桂枫柳"

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚"
    "卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃冉向"
)
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鹏辉建国建华志强志明海燕"
    "小红春梅晓东俊杰子涵雨萱浩然欣怡宇轩梓涵思远佳怡一诺博文嘉豪诗琪天佑锦程星辰雅琴"
)

SCHOOLS: list[tuple[str, str, list[str]]] = [
    ("重庆三峡医药高等专科学校", "dazhuan", ["口腔医学技术", "护理", "药学"]),
    ("重庆三峡职业学院", "higher_vocational", ["电子商务技术", "畜牧兽医", "现代农业技术"]),
    ("重庆工程职业学院", "higher_vocational", ["建筑工程技术", "智能制造装备技术"]),
    ("重庆旅游职业学院", "higher_vocational", ["旅游管理", "酒店管理与数字化运营"]),
    ("山西省畜牧兽医学校", "zhongzhuan", ["畜牧兽医", "动物防疫与检疫"]),
    ("城口县职业教育中心", "vocational_high", ["汽车运用与维修", "电子商务"]),
    ("重庆市万州技师学院", "technician_college", ["数控加工", "电气自动化设备安装与维修"]),
]

EMPLOYERS: list[tuple[str, str, str, str, int]] = [
    ("重庆欣乐美义齿公司", "医疗器械", "义齿技师", "重庆市渝北区", 500000),
    ("重庆正大农牧食品有限公司", "农牧业", "养殖技术员", "重庆市合川区", 420000),
    ("重庆石桶寨农业开发有限公司", "农业", "种植技术员", "重庆市城口县", 380000),
    ("重庆海康威视科技有限公司", "电子制造", "装配技术员", "重庆市巴南区", 480000),
    ("大象农牧集团", "农牧业", "兽医助理", "河南省郑州市", 350000),
    ("温氏股份", "农牧业", "饲养员", "广东省云浮市", 450000),
    ("海高牧业", "农牧业", "技术员", "山西省忻州市", 360000),
]

NOTES = [
    "家中老人身体尚可，孩子学习情况良好。",
    "了解到孩子想读护理专业，已介绍雨露计划政策。",
    "学生在校表现良好，补助已到账。",
    "毕业生已在企业稳定就业，收入稳定。",
    "户主务工收入不稳定，需持续关注。",
    "宣传雨露计划+就业促进政策，发放明白卡。",
]
FOLLOW_UPS = [
    "协助办理学籍证明",
    "联系学校核实在读情况",
    "帮助对接校企合作招聘",
    "协助办理一卡通",
    "联系乡镇核实补助发放",
]
VISITORS = [
    ("李明", "resident_cadre"),
    ("王芳", "first_secretary"),
    ("陈国强", "village_committee"),
    ("赵丽", "contact_person"),
]


@dataclass
class DemoReport:
    households: int = 0
    people: int = 0
    enrollments: int = 0
    intents: int = 0
    visits: int = 0
    trainings: int = 0
    jobs: int = 0
    subsidies: int = 0


_BATCH_ROWS = 5000
_TABLE_ORDER = (
    household,
    person,
    enrollment,
    intent,
    visit,
    training,
    employment_record,
    subsidy_application,
)


def row_values(table: Table, row: dict[str, Any]) -> tuple[Any, ...]:
    """A demo row as the driver's parameter tuple for ``bulk.insert_sql(table)``. Columns a demo row leaves out
    (void marks, end dates, raw texts of migration 0006) take their empty value: "" for the NOT NULL text
    columns, NULL otherwise."""
    return tuple(sql_value(row.get(column.name, None if column.nullable else "")) for column in table.columns)


def _write_rows(
    conn: Connection, rows: Iterator[tuple[str, Table, dict[str, Any]]], report: DemoReport
) -> None:
    """Rows straight to the driver's executemany as tuples, ``_BATCH_ROWS`` at a time, parents first.

    SQLAlchemy's per-row parameter processing would cost as much as SQLite's own work here.
    """
    cursor = conn.connection.cursor()
    batch: dict[Table, list[tuple[Any, ...]]] = {table: [] for table in _TABLE_ORDER}
    pending = 0

    def flush() -> None:
        for table in _TABLE_ORDER:  # parents before children, for the foreign keys
            if batch[table]:
                journal.insert_rows(cursor, table.name, insert_sql(table)[1], batch[table])
                batch[table].clear()

    for row_kind, table, row in rows:
        batch[table].append(row_values(table, row))
        setattr(report, row_kind, getattr(report, row_kind) + 1)
        pending += 1
        if pending >= _BATCH_ROWS:
            flush()
            pending = 0
    flush()


class _IdMaker:
    """Valid ID numbers, unique in the database: the sequence part is advanced past numbers already taken."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken

    def make(self, county_code: str, birth: date, *, female: bool, start: int) -> str:
        sequence = start * 2 + (0 if female else 1)
        while True:
            number = make_id_number(county_code, birth, sequence % 1000)
            if number not in self.taken:
                self.taken.add(number)
                return number
            sequence += 2


def _name(rng: random.Random, surname: str | None = None) -> str:
    surname = surname or rng.choice(SURNAMES)
    given = "".join(rng.choice(GIVEN_CHARS) for _ in range(rng.choice((1, 2, 2))))
    return surname + given


#: Mobile prefixes in everyday use by the three carriers (numbers move between carriers; any of them will do).
_MOBILE_PREFIXES = (
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155",
    "156", "157", "158", "159", "166", "173", "177", "180", "181", "182", "183", "185", "186", "187", "188",
    "189", "191", "198", "199",
)  # fmt: skip


def _phone(rng: random.Random) -> str:
    return f"{rng.choice(_MOBILE_PREFIXES)}{rng.randrange(10**8):08d}"


def _card(rng: random.Random) -> str:
    body = "6217" + "".join(rng.choice("0123456789") for _ in range(14))
    return body + luhn_check_digit(body)


def _birth(rng: random.Random, age: int, today: date) -> date:
    birth = date(today.year - age, 1, 1) + timedelta(days=rng.randrange(365))
    # A baby of this year is born before today, never after.
    return birth if birth <= today else today - timedelta(days=rng.randrange(1, 300))


def _villages(conn: Connection, rng: random.Random, wanted: int) -> list[tuple[str, str, str]]:
    """(village id, village code, county code) for at least ``wanted`` villages, creating the org tree."""
    existing: dict[str, str] = {
        row.code: row.id for row in conn.execute(select(org_unit.c.code, org_unit.c.id))
    }

    def unit(code: str, name: str, level: str, parent: str | None) -> str:
        if code not in existing:
            existing[code] = new_id()
            conn.execute(
                org_unit.insert().values(
                    id=existing[code], code=code, name=name, level=level, parent_id=parent
                )
            )
        return existing[code]

    villages: list[tuple[str, str, str]] = []
    extra_round = 0
    while len(villages) < wanted:
        for county_code, county_name, townships in COUNTIES:
            county_id = unit(county_code, county_name, "county", None)
            for t_index, (township_name, village_names) in enumerate(townships, start=1):
                township_code = f"{county_code}{100 + t_index:03d}"
                township_id = unit(township_code, township_name, "township", county_id)
                names = (
                    village_names
                    if extra_round == 0
                    else [
                        rng.choice(VILLAGE_PREFIXES)
                        + rng.choice(VILLAGE_PREFIXES)
                        + rng.choice(VILLAGE_SUFFIXES)
                    ]
                )
                for v_index, village_name in enumerate(names, start=1 + extra_round * 10):
                    village_code = f"{township_code}{200 + v_index:03d}"
                    villages.append(
                        (unit(village_code, village_name, "village", township_id), village_code, county_code)
                    )
                    if len(villages) >= wanted:
                        return villages
        extra_round += 1
    return villages


def generate_demo(
    db: Database,
    *,
    households: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
    chunk_households: int = 5000,
) -> DemoReport:
    """Add ``households`` demo households (about four people each) with their records.

    Written in transactions of ``chunk_households`` households, so that the write-ahead log stays small.
    """
    rng = random.Random(seed)
    today = today or date.today()
    report = DemoReport()
    with db.write_connection() as conn:
        journal.set_author(conn, DEMO_AUTHOR)
        villages = _villages(conn, rng, max(1, min(households // 150 + 1, 400)))
        _subsidy_settings(conn)
        taken_numbers = {row[0] for row in conn.execute(select(household.c.household_no))}
        ids = _IdMaker({row[0] for row in conn.execute(select(person.c.id_number)) if row[0]})

    def rows_of(index: int) -> Iterator[tuple[str, Table, dict[str, Any]]]:
        village_id, village_code, county_code = villages[index % len(villages)]
        household_no = f"{village_code}{index // len(villages) + 1:05d}"
        while household_no in taken_numbers:
            household_no += "1"
        taken_numbers.add(household_no)
        return _household_rows(rng, today, village_id, county_code, household_no, ids)

    for start in range(0, households, chunk_households):
        chunk = range(start, min(households, start + chunk_households))
        with db.write_connection() as conn:
            journal.set_author(conn, DEMO_AUTHOR)
            _write_rows(conn, (row for index in chunk for row in rows_of(index)), report)
        if progress:
            progress(min(households, start + chunk_households), households)
    with db.write_connection() as conn:
        journal.set_author(conn, DEMO_AUTHOR)
        _publicities(conn)
        _evidence(conn)
    # Issue 16: schools, enterprises, positions, fairs and the employment work on the people written above.
    demo_employment.generate_employment_demo(db, seed=seed, today=today, author=DEMO_AUTHOR)
    with db.write_connection() as conn:
        # Fresh statistics, so the query planner picks the list indexes on a database this size.
        conn.exec_driver_sql("ANALYZE")
    return report


def _evidence(conn: Connection) -> None:
    """The evidence checklist (the default rule's items) of the demo's applications still in the cycle: provided
    once the village has checked them (初审 and later), missing now and then before. Paid ones are history."""
    rng = random.Random(len(DEFAULT_EVIDENCE))
    rows = conn.exec_driver_sql(
        "SELECT id, state, applied_on FROM subsidy_application s WHERE state NOT IN ('paid', 'rejected', "
        "'withdrawn') AND NOT EXISTS (SELECT 1 FROM subsidy_evidence e WHERE e.application_id = s.id)"
    ).all()
    values = [
        {
            "id": new_id(),
            "application_id": application_id,
            "kind": item.code,
            "provided": state != "applied" or rng.random() < 0.7,
            "checked_by": DEMO_AUTHOR,
            "checked_on": date.fromisoformat(str(applied_on)[:10]),
        }
        for application_id, state, applied_on in rows
        for item in DEFAULT_EVIDENCE
    ]
    for start in range(0, len(values), _BATCH_ROWS):
        conn.execute(subsidy_evidence.insert(), values[start : start + _BATCH_ROWS])


def _publicities(conn: Connection) -> None:
    """The 公示 the demo's applications on 公示 name (``demo_publicity_id``): a week per village and term, three
    days after the village's last application, so a township can review them once it has ended."""
    groups = conn.exec_driver_sql(
        "SELECT s.publicity_id, h.village_id, s.term, max(s.applied_on) FROM subsidy_application s "
        "JOIN person p ON p.id = s.person_id JOIN household h ON h.id = p.household_id "
        "WHERE s.state = 'publicized' AND s.publicity_id IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM subsidy_publicity u WHERE u.id = s.publicity_id) "
        "GROUP BY s.publicity_id, h.village_id, s.term"
    ).all()
    for publicity_id, village_id, term, last_applied in groups:
        starts = date.fromisoformat(str(last_applied)[:10]) + timedelta(days=3)
        conn.execute(
            subsidy_publicity.insert().values(
                id=publicity_id,
                village_id=village_id,
                term=term,
                starts_on=starts,
                ends_on=starts + timedelta(days=6),
                posted_by=DEMO_AUTHOR,
                place="村务公开栏",
            )
        )


def _subsidy_settings(conn: Connection) -> None:
    """3,000 yuan a year for every school type in every demo county (DOMAIN.md's standard)."""
    for county_code, _county_name, _townships in COUNTIES:
        for school_type in codes.SCHOOL_TYPE.labels:
            exists = conn.execute(
                select(subsidy_setting.c.id).where(
                    subsidy_setting.c.county_code == county_code, subsidy_setting.c.school_type == school_type
                )
            ).first()
            if exists is None:
                conn.execute(
                    subsidy_setting.insert().values(
                        id=new_id(),
                        county_code=county_code,
                        school_type=school_type,
                        annual_amount_fen=300000,
                        effective_from=date(2022, 1, 1),
                    )
                )


def _household_rows(
    rng: random.Random, today: date, village_id: str, county_code: str, household_no: str, ids: _IdMaker
) -> Iterator[tuple[str, Table, dict[str, Any]]]:
    surname = rng.choice(SURNAMES)
    household_id = new_id()
    monitored = rng.random() < 0.25
    payee = _name(rng, surname)
    group = rng.randint(1, 8)
    yield (
        "households",
        household,
        {
            "id": household_id,
            "household_no": household_no,
            "village_id": village_id,
            # The 组 is the 村民小组; the address is the house number within it (never a second 组).
            "group_name": f"{group}组",
            "address": f"{rng.randint(1, 99)}号",
            "household_type": "jiance" if monitored else "tuopin",
            "monitoring_type": rng.choice(("unstable", "marginal", "sudden")) if monitored else None,
            "risk_causes": ",".join(sorted(rng.sample(["01", "03", "04", "07", "09"], rng.randint(1, 2))))
            if monitored
            else "",
            "risk_identified_on": today - timedelta(days=rng.randint(60, 900)) if monitored else None,
            "risk_eliminated": False,
            "risk_eliminated_on": None,
            "income_per_capita_fen": rng.randint(6000, 18000) * 100,
            "contact_phone": _phone(rng),
            "payee_name": payee,
            "payee_bank": rng.choice(("重庆农村商业银行", "中国邮政储蓄银行", "农村信用社")),
            "payee_account": _card(rng),
        },
    )
    yield from _member_rows(
        rng, today, household_id, village_id, county_code, household_no, surname, payee, ids
    )
    for _ in range(rng.choice((1, 2, 2, 3))):
        visitor, role = rng.choice(VISITORS)
        visit_day = today - timedelta(days=rng.randint(0, 400))
        promised = rng.random() < 0.3
        yield (
            "visits",
            visit,
            {
                "id": new_id(),
                "household_id": household_id,
                "person_id": None,
                "visit_date": visit_day,
                "visitor_name": visitor,
                "visitor_role": role,
                "mode": rng.choice(("home", "home", "phone", "wechat")),
                "purpose": rng.choice(("intent", "student", "employment", "subsidy", "policy")),
                "notes": rng.choice(NOTES),
                "problems": "",
                "requests": "",
                "follow_up": rng.choice(FOLLOW_UPS) if promised else "",
                "follow_up_due": visit_day + timedelta(days=rng.randint(7, 60)) if promised else None,
                "follow_up_done_on": None,
            },
        )


def _ages(rng: random.Random) -> list[tuple[str, int]]:
    """(与户主关系, age) of a household's members, believable together: a head of 38–60, a spouse of a similar
    age, children born when both parents were 20–40, the head's parent 22–32 years older than the head, a
    grandparent 45–50 years older, a grandchild at least 45 years younger."""
    head = rng.randint(38, 60)
    members = [("01", head)]
    parents = [head]
    if rng.random() < 0.85:
        spouse = head + rng.randint(-4, 4)
        members.append(("10", spouse))
        parents.append(spouse)
    # Children are 8–24 (the demo's pupils, students and graduates), and 20–40 years younger than each parent.
    youngest, oldest = max(8, max(parents) - 40), min(24, min(parents) - 20)
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        members.append((rng.choice(("20", "30")), rng.randint(youngest, oldest)))
    if rng.random() < 0.3 and head <= 58:
        members.append(("50", head + rng.randint(22, min(32, 90 - head))))
    # A young head may still have a grandparent at home (older than any parent: 45–50 years above the head) …
    if head <= 42 and rng.random() < 0.1:
        members.append(("60", head + rng.randint(45, 50)))
    # … and an older one a grandchild (a child of a grown-up child: at least 45 years below the head).
    if head >= 52 and rng.random() < 0.3:
        members.append(("40", rng.randint(0, min(6, head - 45))))
    return members


def _education(rng: random.Random, age: int, *, student: bool) -> str:
    if student:
        return "junior"
    if age < 7:
        return "preschool"
    return rng.choice(("primary", "junior", "junior", "senior"))


def _member_rows(
    rng: random.Random,
    today: date,
    household_id: str,
    village_id: str,
    county_code: str,
    household_no: str,
    surname: str,
    payee: str,
    ids: _IdMaker,
) -> Iterator[tuple[str, Table, dict[str, Any]]]:
    members = [
        (relationship, age, rng.choice(SURNAMES) if relationship == "10" else surname)
        for relationship, age in _ages(rng)
    ]
    for n, (relationship, age, member_surname) in enumerate(members):
        birth = _birth(rng, age, today)
        female = relationship in ("30", "10") or (relationship in ("40", "50", "60") and rng.random() < 0.5)
        id_number = ids.make(county_code, birth, female=female, start=rng.randrange(500))
        person_id = new_id()
        name = _name(rng, member_surname) if relationship != "01" else payee
        student = relationship in ("20", "30")
        yield (
            "people",
            person,
            {
                "id": person_id,
                "household_id": household_id,
                "person_no": f"{household_no}{n + 1:02d}",
                "name": name,
                "id_number": id_number,
                "sex": "F" if female else "M",
                "birth_date": birth,
                "relationship": relationship,
                "ethnicity": rng.choice(("汉族", "汉族", "汉族", "土家族", "苗族")),
                "education": _education(rng, age, student=student),
                "student_status": "preschool" if 3 <= age < 7 else "not_student",
                "health": rng.choice(("healthy", "healthy", "healthy", "chronic")),
                "disability": "",
                "skills": "ordinary" if not student and age >= 16 else None,
                "phone": _phone(rng) if age >= 16 else "",
                "status": "normal",
                "search_key": search_key(name),
            },
        )
        if student:
            yield from _student_rows(rng, today, person_id, birth, age, household_no, village_id)


def demo_publicity_id(village_id: str, term: str) -> str:
    """The id of the demo's 公示 of a village and term (written after the rows: ``_publicities``)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"yulu-demo-publicity:{village_id}:{term}"))


def _student_rows(
    rng: random.Random, today: date, person_id: str, birth: date, age: int, household_no: str, village_id: str
) -> Iterator[tuple[str, Table, dict[str, Any]]]:
    school, school_type, majors = rng.choice(SCHOOLS)
    major = rng.choice(majors)
    if 13 <= age <= 15:
        yield (
            "intents",
            intent,
            {
                "id": new_id(),
                "person_id": person_id,
                "wants_vocational": rng.random() < 0.7,
                "desired_school_type": school_type,
                "desired_school": school,
                "desired_major": major,
                "expected_year": today.year + (16 - age),
                "wants_employment_help": False,
                "notes": "",
                "recorded_on": today - timedelta(days=rng.randint(0, 200)),
            },
        )
        return
    if not 16 <= age <= 23:
        return
    entry_year = today.year - max(0, age - 16) if age <= 19 else today.year - 3 - (age - 20) // 2
    entry_year = min(entry_year, today.year if today.month >= 9 else today.year - 1)
    length = 3
    registry_no = f"G{birth:%Y%m%d}{rng.randrange(10**6):06d}"
    terms = []
    for year in range(entry_year, entry_year + length):
        for semester, term_year in (("autumn", year), ("spring", year + 1)):
            term_start = date(term_year, 9, 1) if semester == "autumn" else date(term_year, 3, 1)
            if term_start <= today:
                terms.append((f"{year}-{year + 1}", semester, term_year, term_start))
    graduated = entry_year + length <= today.year and today >= date(entry_year + length, 7, 1)
    for school_year, semester, term_year, term_start in terms:
        enrollment_id = new_id()
        # A graduate's last term ends as 毕业 (the graduates of issue 16 are people whose latest term did).
        ends = graduated and term_start == terms[-1][3]
        yield (
            "enrollments",
            enrollment,
            {
                "id": enrollment_id,
                "person_id": person_id,
                "school_year": school_year,
                "semester": semester,
                "school_name": school,
                "school_type": school_type,
                "major": major,
                "length_years": length,
                "entry_date": date(entry_year, 9, 1),
                "grade": f"{entry_year}级",
                "registry_no": registry_no,
                "registry_status": "graduated" if ends else "enrolled",
                "ended_on": date(entry_year + length, 6, 30) if ends else None,
            },
        )
        state = (
            "paid"
            if term_start < today - timedelta(days=120)
            else rng.choice(("applied", "village_reviewed", "publicized"))
        )
        yield (
            "subsidies",
            subsidy_application,
            {
                "id": new_id(),
                "person_id": person_id,
                "enrollment_id": enrollment_id,
                "term": f"{term_year}-{semester}",
                "amount_fen": 150000,
                "payee_name": "",
                "payee_account": "",
                "state": state,
                "applied_on": min(term_start + timedelta(days=20), today),
                "village_opinion": "情况属实，同意申请" if state != "applied" else "",
                "township_opinion": "",
                "county_opinion": "",
                "reason": "",
                # Issue 15: judged under the county's default rule; paid ones carry their payment day.
                "rule_version": 0,
                "paid_on": min(term_start + timedelta(days=90), today) if state == "paid" else None,
                # …and the day the county approved them (migration 0012).
                "county_approved_on": (
                    min(term_start + timedelta(days=60), today) if state == "paid" else None
                ),
                "publicity_id": (
                    demo_publicity_id(village_id, f"{term_year}-{semester}")
                    if state == "publicized"
                    else None
                ),
            },
        )
    if rng.random() < 0.3:
        yield (
            "trainings",
            training,
            {
                "id": new_id(),
                "person_id": person_id,
                "kind": "certificate",
                "name": f"{major}职业技能等级证书",
                "provider": school,
                "start_date": None,
                "end_date": None,
                "certificate_no": f"Z{rng.randrange(10**10):010d}",
                "certificate_level": rng.choice(("初级", "中级")),
                "issued_on": date(entry_year + 2, 6, 20) if date(entry_year + 2, 6, 20) <= today else None,
            },
        )
    if graduated:
        waiting = demo_employment.waits_for_work(registry_no, date(entry_year + length, 7, 1), today)
        start = date(entry_year + length, 7, 15)
        employer, industry, job, place, income = rng.choice(EMPLOYERS)
        recorded = datetime(start.year, start.month, start.day, tzinfo=UTC).replace(tzinfo=None)
        first_job = (
            "jobs",
            employment_record,
            {
                "id": new_id(),
                "person_id": person_id,
                "effective_date": start,
                "destination": "employed",
                "employer": employer,
                "industry": industry,
                "job": job,
                "place": place,
                "region": demo_employment.region_of_place(place, household_no[:6], start, today),
                "channel": rng.choice(("school_enterprise", "job_fair", "referral", "self")),
                "monthly_income_fen": income + rng.randint(-50, 50) * 1000,
                "matches_major": rng.random() < 0.7,
                "change_reason": "",
                "source": "visit",
                "verified_by": rng.choice(VISITORS)[0],
                "recorded_at": recorded,
            },
        )
        # The random numbers are drawn either way, so the rest of the demo does not change with who waits.
        if not waiting:
            yield first_job
        if rng.random() < 0.3 and start + timedelta(days=200) <= today:
            employer2, industry2, job2, place2, income2 = rng.choice(EMPLOYERS)
            later = start + timedelta(days=200)
            later_job = (
                "jobs",
                employment_record,
                {
                    "id": new_id(),
                    "person_id": person_id,
                    "effective_date": later,
                    "destination": "employed",
                    "employer": employer2,
                    "industry": industry2,
                    "job": job2,
                    "place": place2,
                    "region": demo_employment.region_of_place(place2, household_no[:6], later, today),
                    "channel": "referral",
                    "monthly_income_fen": income2,
                    "matches_major": rng.random() < 0.5,
                    "change_reason": "换工作：收入更高",
                    "source": "phone",
                    "verified_by": rng.choice(VISITORS)[0],
                    "recorded_at": datetime(later.year, later.month, later.day),
                },
            )
            if not waiting:
                yield later_job
