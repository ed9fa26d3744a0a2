"""Cross-county checks (``province.checks``) on a small province built straight in the partitioned tables.

Every kind: a positive case with the parties, details and message it must show, and the near misses that must
not be flagged (the same person twice in one county, another term, a rejected application, a single member in
common, a placed graduate, a later job or enrollment that changes the picture).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime

import pytest
from province_rows import insert_row

from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.province.checks import CHECK_LABELS, CheckKind, CheckRow, Party, run_checks
from yulu_desktop.province.counties import create_partitions
from yulu_desktop.province.db import ProvinceDatabase

pytestmark = pytest.mark.postgres

A, B, C = "500229", "500238", "500240"


def id_number(n: int) -> str:
    """A distinct 18-character ID number for person ``n`` (checksum not needed: only hashed and masked)."""
    return f"50022920{n:010d}"


class County:
    """One county: a township and a village (named after the county), households and people."""

    def __init__(self, db: ProvinceDatabase, code: str, name: str) -> None:
        self.db, self.code, self.name = db, code, name
        self.township, self.village = f"{name[:2]}镇", f"{name[:2]}村"
        create_partitions(db, code=code, name=name)
        insert_row(
            db, "prov_unit", county_code=code, id="c", code=code, name=name, level="county", parent_id=None
        )
        insert_row(db, "prov_unit", county_code=code, id="t", code=code + "101", name=self.township,
                level="township", parent_id="c")  # fmt: skip
        insert_row(db, "prov_unit", county_code=code, id="v", code=code + "101201", name=self.village,
                level="village", parent_id="t")  # fmt: skip

    def household(self, hid: str) -> str:
        insert_row(self.db, "prov_household", county_code=self.code, id=hid, household_no=f"{self.code}-{hid}",
                village_id="v")  # fmt: skip
        return hid

    def person(self, pid: str, name: str, n: int | None, household: str, *, status: str = "normal") -> str:
        """Person ``pid`` with ID number ``id_number(n)`` (None: none recorded)."""
        number = None if n is None else id_number(n)
        id_hash = None if number is None else "p1:" + hashlib.sha256(number.encode()).hexdigest()[:32]
        insert_row(self.db, "prov_person", county_code=self.code, id=pid, household_id=household, village_id="v",
                name=name, id_hash=id_hash, id_masked=mask_id_number(number) if number else "", sex="M",
                birth_year=2004, status=status)  # fmt: skip
        return pid

    def enrollment(self, eid: str, pid: str, school_year: str, semester: str, status: str,
                   ended_on: date | None = None) -> None:  # fmt: skip
        insert_row(self.db, "prov_enrollment", county_code=self.code, id=eid, person_id=pid, school_year=school_year,
                semester=semester, school_name="城口县职业教育中心", school_type="secondary", major="护理",
                registry_status=status, ended_on=ended_on)  # fmt: skip

    def subsidy(self, sid: str, pid: str, term: str, state: str, fen: int = 150000) -> None:
        insert_row(self.db, "prov_subsidy", county_code=self.code, id=sid, person_id=pid, term=term, amount_fen=fen,
                state=state, paid_on=None)  # fmt: skip

    def job(self, jid: str, pid: str, destination: str, on: date, *, region: str | None = None,
            recorded_at: datetime | None = None) -> None:  # fmt: skip
        insert_row(self.db, "prov_employment", county_code=self.code, id=jid, person_id=pid, effective_date=on,
                recorded_at=recorded_at, destination=destination, region=region, industry="",
                matches_major=None, income_band="")  # fmt: skip


@pytest.fixture
def counties(province: ProvinceDatabase) -> tuple[County, County, County]:
    return County(province, A, "城口县"), County(province, B, "巫溪县"), County(province, C, "石柱县")


def _only(rows: list[CheckRow]) -> CheckRow:
    assert len(rows) == 1, rows
    return rows[0]


def _party(row: CheckRow, county: str) -> Party:
    (party,) = [p for p in row.parties if p.county_code == county]
    return party


# --- 重复登记 ----------------------------------------------------------------------------------------------------


def test_a_person_registered_in_two_counties(
    province: ProvinceDatabase, counties: tuple[County, ...]
) -> None:
    a, b, c = counties
    a.person("a1", "张三", 1, a.household("h1"))
    b.person("b1", "张三", 1, b.household("h1"))
    # near misses: twice in one county; normal in one county, moved out of the other; no ID number at all
    a.person("a2", "李四", 2, a.household("h2"))
    a.person("a3", "李四", 2, a.household("h3"))
    a.person("a4", "王五", 3, a.household("h4"))
    c.person("c4", "王五", 3, c.household("h4"), status="moved_out")
    a.person("a5", "赵六", None, a.household("h5"))
    b.person("b5", "赵六", None, b.household("h5"))

    row = _only(run_checks(province, kinds=[CheckKind.DUPLICATE_REGISTRATION]))
    assert row.kind is CheckKind.DUPLICATE_REGISTRATION and row.term == ""
    assert [p.county_code for p in row.parties] == [A, B]
    chengkou = _party(row, A)
    assert chengkou == Party(A, "城口县", "城口镇", "城口村", f"{A}-h1", "a1", "张三", mask_id_number(id_number(1)),
                             "正常在册")  # fmt: skip
    assert _party(row, B).village == "巫溪村"
    assert (
        row.message
        == f"同一身份证号（{mask_id_number(id_number(1))}）在 2 个县登记为正常在册人员：城口县、巫溪县"
    )
    assert "**" in chengkou.id_masked and id_number(1) not in row.message


# --- 重复补助 ----------------------------------------------------------------------------------------------------


def test_a_student_subsidised_in_two_counties_in_one_term(
    province: ProvinceDatabase, counties: tuple[County, ...]
) -> None:
    a, b, c = counties
    a.subsidy("s1", a.person("a1", "张三", 1, a.household("h1")), "2025-autumn", "paid", 150000)
    b.subsidy("s1", b.person("b1", "张三", 1, b.household("h1"), status="moved_out"), "2025-autumn",
              "county_approved", 120000)  # fmt: skip
    c.subsidy("s1", c.person("c1", "张三", 1, c.household("h1")), "2025-autumn", "rejected")
    # near misses: different terms; approved in one county, only applied / withdrawn in the other; twice in
    # one county
    a.subsidy("s2", a.person("a2", "李四", 2, a.household("h2")), "2025-autumn", "paid")
    b.subsidy("s2", b.person("b2", "李四", 2, b.household("h2")), "2026-spring", "paid")
    a.subsidy("s3", a.person("a3", "王五", 3, a.household("h3")), "2025-autumn", "payment_failed")
    b.subsidy("s3", b.person("b3", "王五", 3, b.household("h3")), "2025-autumn", "applied")
    c.subsidy("s3", c.person("c3", "王五", 3, c.household("h3")), "2025-autumn", "withdrawn")
    pid = a.person("a4", "赵六", 4, a.household("h4"))
    a.subsidy("s4", pid, "2025-autumn", "paid")
    a.subsidy("s5", pid, "2025-autumn", "county_approved")

    row = _only(run_checks(province, kinds=[CheckKind.DOUBLE_SUBSIDY]))
    assert row.term == "2025-autumn"
    assert [(p.county_code, p.person_id) for p in row.parties] == [
        (A, "a1"),
        (B, "b1"),
    ]  # not the rejected one
    assert _party(row, A).detail == "2025年秋季学期 已发放 1500.00元"
    assert _party(row, B).detail == "2025年秋季学期 县审定 1200.00元"
    assert row.message.startswith("2025年秋季学期同一学生（")
    assert row.message.endswith("在 2 个县获批补助：城口县、巫溪县，合计 2700.00元")


def test_every_state_from_the_county_approval_on_counts(
    province: ProvinceDatabase, counties: tuple[County, ...]
) -> None:
    a, b, _ = counties
    later = ["county_approved", "announced", "in_payment", "paid", "payment_failed", "account_fixed"]
    for n, state in enumerate(later, start=1):
        a.subsidy(f"s{n}", a.person(f"a{n}", f"甲{n}", n, a.household(f"h{n}")), "2025-autumn", state)
        b.subsidy(f"s{n}", b.person(f"b{n}", f"甲{n}", n, b.household(f"h{n}")), "2025-autumn", "paid")
    earlier = [
        "draft",
        "applied",
        "village_reviewed",
        "publicized",
        "township_reviewed",
        "returned",
        "rejected",
    ]
    for n, state in enumerate(earlier, start=100):
        a.subsidy(f"s{n}", a.person(f"a{n}", f"乙{n}", n, a.household(f"h{n}")), "2025-autumn", state)
        b.subsidy(f"s{n}", b.person(f"b{n}", f"乙{n}", n, b.household(f"h{n}")), "2025-autumn", "paid")
    rows = run_checks(province, kinds=[CheckKind.DOUBLE_SUBSIDY])
    assert sorted(_party(r, A).person_id for r in rows) == sorted(f"a{n}" for n in range(1, len(later) + 1))


# --- 跨县迁户 ----------------------------------------------------------------------------------------------------


def test_a_household_that_moved_to_another_county(
    province: ProvinceDatabase, counties: tuple[County, ...]
) -> None:
    a, b, c = counties
    # the family moved from 城口 to 巫溪: three members in 城口 (the father stayed), two of them in 巫溪
    ha, hb = a.household("h1"), b.household("h9")
    a.person("a1", "张父", 1, ha, status="moved_out")
    a.person("a2", "张母", 2, ha, status="moved_out")
    a.person("a3", "张爷", 3, ha)
    b.person("b1", "张父", 1, hb)
    b.person("b2", "张母", 2, hb)
    # a one-person household of 石柱 whose member is in 城口's household 2 (shared = its whole size)
    hc = c.household("h5")
    a.person("a4", "李女", 4, a.household("h2"))
    a.person("a5", "李夫", 5, "h2")
    c.person("c4", "李女", 4, hc)
    # near miss: a marriage, one member in common between two households of several members each
    a.person("a6", "王女", 6, a.household("h3"))
    a.person("a7", "王父", 7, "h3")
    b.person("b6", "王女", 6, b.household("h4"))
    b.person("b8", "王夫", 8, "h4")
    # near miss: two households of ONE county sharing members
    a.person("a9", "赵一", 9, a.household("h6"))
    a.person("a10", "赵二", 10, "h6")
    a.person("a11", "赵一", 9, a.household("h7"))
    a.person("a12", "赵二", 10, "h7")

    rows = run_checks(province, kinds=[CheckKind.HOUSEHOLD_MOVED])
    assert len(rows) == 2, rows
    moved = next(r for r in rows if {p.county_code for p in r.parties} == {A, B})
    assert [(p.county_code, p.household_no) for p in moved.parties] == [(A, f"{A}-h1"), (B, f"{B}-h9")]
    assert _party(moved, A).detail == f"户编号 {A}-h1，本户 3 人，共同成员 2 人：张母、张父"
    assert _party(moved, B).detail == f"户编号 {B}-h9，本户 2 人，共同成员 2 人：张母、张父"
    assert (
        moved.message
        == f"城口县城口镇城口村的户 {A}-h1 与 巫溪县巫溪镇巫溪村的户 {B}-h9 有 2 名相同成员，疑似跨县迁户"
    )
    alone = next(r for r in rows if {p.county_code for p in r.parties} == {A, C})
    assert _party(alone, C).detail == f"户编号 {C}-h5，本户 1 人，共同成员 1 人：李女"
    assert _party(alone, A).household_no == f"{A}-h2"


# --- 去向不一致 --------------------------------------------------------------------------------------------------


def test_a_graduate_employed_in_one_county_and_unplaced_in_another(
    province: ProvinceDatabase, counties: tuple[County, ...]
) -> None:
    a, b, c = counties
    # 1: employed in 城口 (its latest job), graduate without any destination in 巫溪, seeking in 石柱
    a.job("j1", a.person("a1", "张三", 1, a.household("h1")), "employed", date(2025, 8, 1), region="county")
    b.enrollment("e1", b.person("b1", "张三", 1, b.household("h1")), "2024-2025", "spring", "graduated",
                 date(2025, 6, 30))  # fmt: skip
    pc = c.person("c1", "张三", 1, c.household("h1"))
    c.enrollment("e1", pc, "2023-2024", "spring", "graduated")
    c.job("j1", pc, "seeking", date(2024, 9, 1))
    # near misses
    # 2: the other county has the graduate gone on to study (placed, not "unemployed")
    a.job("j2", a.person("a2", "李四", 2, a.household("h2")), "employed", date(2025, 8, 1))
    pb = b.person("b2", "李四", 2, b.household("h2"))
    b.enrollment("e2", pb, "2024-2025", "spring", "graduated")
    b.job("j2", pb, "further_study", date(2025, 9, 1))
    # 3: employed once in 城口, but the latest entry there is seeking again
    pa = a.person("a3", "王五", 3, a.household("h3"))
    a.job("j3a", pa, "employed", date(2025, 3, 1))
    a.job("j3b", pa, "seeking", date(2025, 9, 1))
    b.enrollment("e3", b.person("b3", "王五", 3, b.household("h3")), "2024-2025", "spring", "graduated")
    # 4: in 巫溪 the latest enrollment is a new school (studying), not the old graduation
    a.job("j4", a.person("a4", "赵六", 4, a.household("h4")), "employed", date(2025, 8, 1))
    pb = b.person("b4", "赵六", 4, b.household("h4"))
    b.enrollment("e4a", pb, "2023-2024", "spring", "graduated")
    b.enrollment("e4b", pb, "2024-2025", "autumn", "enrolled")
    # 5: employed and unplaced graduate records both in ONE county only
    a.job("j5", a.person("a5", "钱七", 5, a.household("h5")), "employed", date(2025, 8, 1))
    a.enrollment("e5", a.person("a6", "钱七", 5, a.household("h6")), "2024-2025", "spring", "graduated")
    # 6: two entries on one day: the one recorded later (employed) is the latest
    pa = a.person("a7", "孙八", 7, a.household("h7"))
    a.job("j7b", pa, "seeking", date(2025, 8, 1), recorded_at=datetime(2025, 8, 2, 9, 0))
    a.job("j7a", pa, "flexible", date(2025, 8, 1), recorded_at=datetime(2025, 8, 3, 9, 0))
    b.enrollment("e7", b.person("b7", "孙八", 7, b.household("h7")), "2024-2025", "spring", "graduated")

    rows = run_checks(province, kinds=[CheckKind.PLACED_ELSEWHERE])
    assert sorted(_party(r, A).person_id for r in rows) == ["a1", "a7"]
    row = next(r for r in rows if _party(r, A).person_id == "a1")
    assert [(p.county_code, p.person_id) for p in row.parties] == [(A, "a1"), (B, "b1"), (C, "c1")]
    assert _party(row, A).detail == "就业（县内），2025-08-01 起"
    assert _party(row, B).detail == "2025届毕业，未登记去向"
    assert _party(row, C).detail == "2024届毕业，未就业（待业求职）"
    assert (
        row.message
        == f"同一毕业生（{mask_id_number(id_number(1))}）在城口县登记就业，在巫溪县、石柱县仍为未就业或未登记去向"
    )
    tied = next(r for r in rows if _party(r, A).person_id == "a7")
    assert _party(tied, A).detail.startswith("灵活就业")


# --- filters --------------------------------------------------------------------------------------------------


def test_a_county_gets_the_findings_it_is_part_of(
    province: ProvinceDatabase, counties: tuple[County, ...]
) -> None:
    a, b, c = counties
    a.person("a1", "张三", 1, a.household("h1"))
    b.person("b1", "张三", 1, b.household("h1"))
    b.subsidy("s2", b.person("b2", "李四", 2, b.household("h2")), "2025-autumn", "paid")
    c.subsidy("s2", c.person("c2", "李四", 2, c.household("h2")), "2025-autumn", "paid")

    every = run_checks(province)
    # one-person households in both counties: the household moved too
    assert [(r.kind, r.county_codes) for r in every] == [
        (CheckKind.DUPLICATE_REGISTRATION, (A, B)),
        (CheckKind.DUPLICATE_REGISTRATION, (B, C)),
        (CheckKind.DOUBLE_SUBSIDY, (B, C)),
        (CheckKind.HOUSEHOLD_MOVED, (A, B)),
        (CheckKind.HOUSEHOLD_MOVED, (B, C)),
    ]
    assert [(r.kind, r.county_codes) for r in run_checks(province, county=A)] == [
        (CheckKind.DUPLICATE_REGISTRATION, (A, B)),
        (CheckKind.HOUSEHOLD_MOVED, (A, B)),
    ]
    assert len(run_checks(province, county=B)) == 5
    assert [r.kind for r in run_checks(province, county=C, kinds=[CheckKind.DOUBLE_SUBSIDY])] == [
        CheckKind.DOUBLE_SUBSIDY
    ]
    assert run_checks(province, county="500241") == []
    assert run_checks(province, kinds=[CheckKind.PLACED_ELSEWHERE]) == []
    assert set(CHECK_LABELS) == set(CheckKind)
    assert CHECK_LABELS[CheckKind.DOUBLE_SUBSIDY] == "重复补助"
