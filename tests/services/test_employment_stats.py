"""Employment statistics (issue 16): rates per unit and year, the breakdowns of the employed, students per
school and major, fair outcomes, the unemployed list and the Excel exports, on a small county whose numbers
are worked out by hand below. The monthly report's data is tested here too (its PDF in tests/printing)."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text

from tests.conftest import PASSPHRASE
from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    FairInvitation,
    Household,
    JobFair,
    JobPosition,
    JobReferral,
    OrgUnit,
    Person,
    PlacementAction,
)
from yulu_desktop.services import employment_report as er
from yulu_desktop.services import employment_stats as es
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

TODAY = dt.date(2026, 3, 15)
SANXIA, GONGMAO = "重庆三峡职业学院", "重庆工贸职业技术学院"


class County:
    """城口县: 庙坝镇 (红岩村, 石坪村) and 修齐镇 (三岔村).

    Graduates (latest enrollment 毕业) and their latest non-voided entry:

    ======  =====  ====  ===============================================================================
    label   村     届    history (latest last)
    ======  =====  ====  ===============================================================================
    G1      红岩   2025  employed 2025-07-01 制造业 → changed job 2025-12-01 信息技术服务业, 省内县外, 5200元,
                         对口 (counted once, by the latest: 3 months in the job)
    G2      红岩   2025  employed 2025-08-01 "manufacturing" (a code), 省外, 2800元, 不对口; a seeking entry
                         of 2026-01-01 voided (ignored) → 7 months
    G3      红岩   2025  no entry (未登记); open actions: family (older), seeking due 2026-03-01 (overdue,
                         the latest open one), a later one done
    G4      石坪   2024  further_study (placed, not employed)
    G5      石坪   2025  self_employed 2025-12-05, no industry/region/income/match (like pre-16 entries) → 3 mo
    G6      石坪   2025  employed 2025-07-15 → seeking 2026-01-10 (not placed); open action training due
                         2026-04-01 (not overdue)
    G7      三岔   2024  employed 2024-07-01 制造业, 县内, 6500元, 对口 → 20 months
    G9      三岔   2025  not_seeking 2025-08-01, no action
    G10     三岔   2025  only a voided employed entry → no entry (未登记)
    ======  =====  ====  ===============================================================================

    G8 (三岔) graduated once, then enrolled again: not a graduate, a student of 三峡·数控技术. Students now
    enrolled: S1, S2 (红岩, 三峡·数控技术), S3 (石坪, 工贸·电子商务), G8.
    """

    def __init__(self, db: Database) -> None:
        self.records: list[Any] = []
        self.ids: dict[str, str] = {}
        self._seq = 0
        self.county = self._add(OrgUnit(code="500229", name="城口县", level="county"))
        self.miaoba = self._add(
            OrgUnit(code="500229101", name="庙坝镇", level="township", parent_id=self.county.id)
        )
        self.xiuqi = self._add(
            OrgUnit(code="500229102", name="修齐镇", level="township", parent_id=self.county.id)
        )
        self.hongyan = self._add(
            OrgUnit(code="500229101201", name="红岩村", level="village", parent_id=self.miaoba.id)
        )
        self.shiping = self._add(
            OrgUnit(code="500229101202", name="石坪村", level="village", parent_id=self.miaoba.id)
        )
        self.sancha = self._add(
            OrgUnit(code="500229102201", name="三岔村", level="village", parent_id=self.xiuqi.id)
        )

        g1 = self._graduate("G1", "张一", self.hongyan, "2024-2025", ended_on=dt.date(2025, 6, 30))
        self._job(g1, dt.date(2025, 7, 1), "employed", employer="重庆A厂", industry="制造业", region="county")
        self._job(
            g1,
            dt.date(2025, 12, 1),
            "employed",
            employer="重庆B公司",
            industry="信息技术服务业",
            region="province",
            income=520000,
            matches=True,
        )
        g2 = self._graduate("G2", "李二", self.hongyan, "2024-2025")
        self._job(
            g2,
            dt.date(2025, 8, 1),
            "employed",
            employer="广东C饭店",
            industry="manufacturing",
            region="outside",
            income=280000,
            matches=False,
        )
        self._job(g2, dt.date(2026, 1, 1), "seeking", voided=True)
        g3 = self._graduate("G3", "王三", self.hongyan, "2024-2025", phone="13800138000")
        self._action(g3, dt.date(2026, 1, 5), "family", "联系家属", dt.date(2026, 2, 1))
        self.ids["G3-action"] = self._action(
            g3, dt.date(2026, 2, 10), "seeking", "推荐岗位", dt.date(2026, 3, 1)
        )
        self._action(
            g3, dt.date(2026, 2, 20), "other", "已处理", dt.date(2026, 3, 10), done_on=dt.date(2026, 3, 9)
        )
        g4 = self._graduate("G4", "赵四", self.shiping, "2023-2024", ended_on=dt.date(2024, 6, 30))
        self._job(g4, dt.date(2024, 7, 1), "further_study")
        g5 = self._graduate("G5", "孙五", self.shiping, "2024-2025")
        self._job(g5, dt.date(2025, 12, 5), "self_employed", employer="孙五农家乐")
        g6 = self._graduate("G6", "周六", self.shiping, "2024-2025")
        self._job(
            g6, dt.date(2025, 7, 15), "employed", employer="重庆D厂", industry="制造业", region="county"
        )
        self._job(g6, dt.date(2026, 1, 10), "seeking")
        self._action(g6, dt.date(2026, 3, 1), "training", "参加电工培训", dt.date(2026, 4, 1))
        g7 = self._graduate("G7", "吴七", self.sancha, "2023-2024", ended_on=dt.date(2024, 7, 5))
        self._job(
            g7,
            dt.date(2024, 7, 1),
            "employed",
            employer="城口E厂",
            industry="制造业",
            region="county",
            income=650000,
            matches=True,
        )
        g8 = self._graduate("G8", "郑八", self.sancha, "2023-2024")
        self._enroll(g8, "2024-2025", "autumn", SANXIA, "数控技术", "enrolled")
        g9 = self._graduate("G9", "陈九", self.sancha, "2024-2025")
        self._job(g9, dt.date(2025, 8, 1), "not_seeking")
        g10 = self._graduate("G10", "冯十", self.sancha, "2024-2025")
        self._job(g10, dt.date(2025, 8, 1), "employed", voided=True)
        for label, village, school, major in (
            ("S1", self.hongyan, SANXIA, "数控技术"),
            ("S2", self.hongyan, SANXIA, "数控技术"),
            ("S3", self.shiping, GONGMAO, "电子商务"),
        ):
            student = self._person(label, f"学生{label}", village)
            self._enroll(student, "2025-2026", "autumn", school, major, "enrolled")

        # Fairs: F1 reached G3 (attended), G6 (did not come), G9 (not yet known); G3 was referred to P1 there,
        # G6 to P2 (posted for F1, the referral names no fair: counts for F1) and hired, and to P1 not hired.
        self.f1 = self._add(
            JobFair(unit_id=self.county.id, name="2026春季专场招聘会", held_on=dt.date(2026, 3, 5))
        )
        self.f2 = self._add(
            JobFair(unit_id=self.miaoba.id, name="庙坝镇就业服务日", held_on=dt.date(2025, 11, 1))
        )
        p1 = self._position("数控操作工", fair_id=self.f1.id)
        p2 = self._position("电工", fair_id=self.f1.id)
        p3 = self._position("仓管员")
        self._add(
            FairInvitation(person_id=g3.id, fair_id=self.f1.id, invited_on=dt.date(2026, 3, 1), attended=True)
        )
        self._add(
            FairInvitation(
                person_id=g6.id, fair_id=self.f1.id, invited_on=dt.date(2026, 3, 1), attended=False
            )
        )
        self._add(FairInvitation(person_id=g9.id, fair_id=self.f1.id, invited_on=dt.date(2026, 3, 1)))
        self._referral(g3, p1, "interview", fair_id=self.f1.id)
        self._referral(g6, p2, "hired")
        self._referral(g6, p1, "not_hired", fair_id=self.f1.id)
        self._referral(g9, p3, "referred")  # no fair: counted nowhere
        with db.write() as session:
            journal.set_author(session.connection(), "测试员")
            for record in self.records:
                session.add(record)
                session.flush()

    def _add(self, record: Any) -> Any:
        self.records.append(record)
        return record

    def _person(self, label: str, name: str, village: OrgUnit, phone: str = "") -> Person:
        self._seq += 1
        household = self._add(Household(household_no=f"{village.code}{self._seq:04d}", village_id=village.id))
        person = self._add(Person(household_id=household.id, name=name, relationship="20", phone=phone))
        self.ids[label] = person.id
        return person  # type: ignore[no-any-return]

    def _enroll(
        self, person: Person, year: str, semester: str, school: str, major: str, status: str, **kw: Any
    ) -> None:
        self._add(
            Enrollment(
                person_id=person.id,
                school_year=year,
                semester=semester,
                school_name=school,
                school_type="secondary_vocational",
                major=major,
                registry_status=status,
                **kw,
            )
        )

    def _graduate(
        self,
        label: str,
        name: str,
        village: OrgUnit,
        year: str,
        *,
        ended_on: dt.date | None = None,
        phone: str = "",
    ) -> Person:
        person = self._person(label, name, village, phone)
        self._enroll(person, year, "autumn", SANXIA, "数控技术", "enrolled")
        self._enroll(person, year, "spring", SANXIA, "数控技术", "graduated", ended_on=ended_on)
        return person

    def _job(
        self,
        person: Person,
        on: dt.date,
        destination: str,
        *,
        employer: str = "",
        industry: str = "",
        region: str | None = None,
        income: int | None = None,
        matches: bool | None = None,
        voided: bool = False,
    ) -> None:
        self._add(
            EmploymentRecord(
                person_id=person.id,
                effective_date=on,
                destination=destination,
                employer=employer,
                industry=industry,
                region=region,
                monthly_income_fen=income,
                matches_major=matches,
                recorded_at=dt.datetime.combine(on, dt.time(9)),
                voided_on=dt.date(2026, 2, 1) if voided else None,
                void_reason="录错" if voided else "",
            )
        )

    def _action(
        self,
        person: Person,
        on: dt.date,
        reason: str,
        step: str,
        due: dt.date,
        done_on: dt.date | None = None,
    ) -> str:
        action = self._add(
            PlacementAction(
                person_id=person.id,
                recorded_on=on,
                reason=reason,
                next_action=step,
                due_on=due,
                done_on=done_on,
            )
        )
        return action.id  # type: ignore[no-any-return]

    def _position(self, title: str, fair_id: str | None = None) -> JobPosition:
        return self._add(  # type: ignore[no-any-return]
            JobPosition(
                unit_id=self.county.id,
                enterprise_id="missing-enterprise",
                title=title,
                region="county",
                posted_on=dt.date(2026, 2, 1),
                fair_id=fair_id,
            )
        )

    def _referral(
        self, person: Person, position: JobPosition, state: str, fair_id: str | None = None
    ) -> None:
        self._add(
            JobReferral(
                person_id=person.id,
                position_id=position.id,
                fair_id=fair_id,
                referred_on=dt.date(2026, 3, 5),
                state=state,
            )
        )


def enroll_county(db: Database) -> None:
    """Enroll the laptop as the county's cadre 王县 (what sync enrollment writes)."""
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": "wangxian", "n": "王县", "r": "county"},
        )


@pytest.fixture(scope="module")
def county_db(
    template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, County]]:
    """One database for the module: the tests only read (and add audit entries)."""
    path = tmp_path_factory.mktemp("employment-stats") / "yulu.db"
    shutil.copyfile(template_database, path)
    database = Database.open(path, PASSPHRASE)
    county = County(database)
    enroll_county(database)
    yield database, county
    database.close()


@pytest.fixture
def db(county_db: tuple[Database, County]) -> Database:
    return county_db[0]


@pytest.fixture
def c(county_db: tuple[Database, County]) -> County:
    return county_db[1]


def counts(figures: tuple[es.Figure, ...]) -> dict[str, int]:
    return {f.label: f.count for f in figures}


def names(db: Database, drill: es.Drill) -> set[str]:
    return {r.name for r in es.drill_rows(db, drill, today=TODAY)}


def rates(board: es.EmploymentDashboard) -> dict[str, tuple[int, int, int]]:
    return {u.unit_name: (u.graduates, u.employed, u.placed) for u in (*board.by_unit, board.totals)}


# --- rates -------------------------------------------------------------------------------------------------


def test_county_rates_per_township(db: Database, c: County) -> None:
    board = es.dashboard(db, unit_id=c.county.id, today=TODAY)
    assert board.scope_name == "城口县"
    assert board.unit_level == "township"
    assert rates(board) == {"庙坝镇": (6, 3, 4), "修齐镇": (3, 1, 1), "合计": (9, 4, 5)}
    assert board.totals.rate == pytest.approx(4 / 9)
    assert board.totals.placement_rate == pytest.approx(5 / 9)
    assert [u.unit_name for u in board.by_unit] == ["庙坝镇", "修齐镇"]


def test_township_rates_per_village(db: Database, c: County) -> None:
    board = es.dashboard(db, unit_id=c.miaoba.id, today=TODAY)
    assert rates(board) == {"红岩村": (3, 2, 2), "石坪村": (3, 1, 2), "合计": (6, 3, 4)}
    village = es.dashboard(db, unit_id=c.sancha.id, today=TODAY)
    assert rates(village) == {"三岔村": (3, 1, 1), "合计": (3, 1, 1)}
    everything = es.dashboard(db, today=TODAY)
    assert everything.scope_name == "本机全部"
    assert rates(everything) == rates(es.dashboard(db, unit_id=c.county.id, today=TODAY))


def test_rates_per_graduation_year(db: Database, c: County) -> None:
    assert es.graduation_years(db) == [2025, 2024]
    y2025 = es.dashboard(db, unit_id=c.county.id, graduation_year=2025, today=TODAY)
    assert rates(y2025) == {"庙坝镇": (5, 3, 3), "修齐镇": (2, 0, 0), "合计": (7, 3, 3)}
    y2024 = es.dashboard(db, unit_id=c.county.id, graduation_year=2024, today=TODAY)
    assert rates(y2024) == {"庙坝镇": (1, 0, 1), "修齐镇": (1, 1, 1), "合计": (2, 1, 2)}
    assert y2024.totals.rate == pytest.approx(0.5)
    empty = es.dashboard(db, unit_id=c.county.id, graduation_year=2019, today=TODAY)
    assert empty.totals.graduates == 0 and empty.totals.rate is None


def test_voided_entries_ignored_and_job_change_counted_once(db: Database, c: County) -> None:
    board = es.dashboard(db, unit_id=c.county.id, today=TODAY)
    employed = es.drill_rows(db, board.totals.drill_employed, today=TODAY)
    assert [r.name for r in employed] == ["张一", "李二", "孙五", "吴七"]
    g1 = employed[0]
    assert (g1.employer, g1.region_label, g1.income_fen, g1.months_in_job) == (
        "重庆B公司",
        "省内县外",
        520000,
        3,
    )
    assert g1.graduation_year == 2025
    # G2's voided seeking entry does not end the job; G10's only (voided) entry leaves no entry at all.
    assert "李二" in names(db, board.totals.drill_employed)
    unplaced = es.drill_rows(db, board.totals.drill_unplaced, today=TODAY)
    assert {r.name: r.destination_label for r in unplaced} == {
        "王三": "",
        "周六": "待业求职",
        "陈九": "暂不就业",
        "冯十": "",
    }


# --- breakdowns --------------------------------------------------------------------------------------------


def test_breakdowns_of_the_employed(db: Database, c: County) -> None:
    board = es.dashboard(db, unit_id=c.county.id, today=TODAY)
    # The code "manufacturing" and the label 制造业 are one industry; G5's entry names none.
    assert counts(board.by_industry) == {"制造业": 2, "信息技术服务业": 1, "未填行业": 1}
    assert [f.label for f in board.by_industry] == ["制造业", "信息技术服务业", "未填行业"]
    assert counts(board.by_region) == {"县内": 1, "省内县外": 1, "省外": 1, "未填地域": 1}
    assert counts(board.by_major_match) == {"专业对口": 2, "专业不对口": 1, "未填": 1}
    assert counts(board.by_income) == {
        "2000元以下": 0,
        "2000–2999元": 1,
        "3000–3999元": 0,
        "4000–4999元": 0,
        "5000–5999元": 1,
        "6000元及以上": 1,
        "未填收入": 1,
    }
    assert counts(board.by_months) == {
        "不满1个月": 0,
        "1–2个月": 0,
        "3–5个月": 2,
        "6–11个月": 1,
        "12个月及以上": 1,
    }
    for part in (board.by_industry, board.by_region, board.by_major_match, board.by_income, board.by_months):
        assert sum(f.count for f in part) == board.totals.employed
    industry = {f.label: f.drill for f in board.by_industry}
    assert names(db, industry["制造业"]) == {"李二", "吴七"}
    assert names(db, industry["未填行业"]) == {"孙五"}
    months = {f.label: f.drill for f in board.by_months}
    assert names(db, months["3–5个月"]) == {"张一", "孙五"}
    assert names(db, months["12个月及以上"]) == {"吴七"}


def test_months_band_moves_with_today(db: Database, c: County) -> None:
    earlier = es.dashboard(db, unit_id=c.county.id, today=dt.date(2025, 12, 20))
    # On 2025-12-20 G1 (since 12-01) and G5 (since 12-05) have been in their jobs for less than a month.
    assert counts(earlier.by_months)["不满1个月"] == 2


def test_students_per_school_and_major(db: Database, c: County) -> None:
    board = es.dashboard(db, unit_id=c.county.id, today=TODAY)
    assert counts(board.by_school_major) == {f"{SANXIA}·数控技术": 3, f"{GONGMAO}·电子商务": 1}
    first = board.by_school_major[0]
    assert names(db, first.drill) == {"学生S1", "学生S2", "郑八"}
    township = es.dashboard(db, unit_id=c.xiuqi.id, today=TODAY)
    assert counts(township.by_school_major) == {f"{SANXIA}·数控技术": 1}


# --- fairs -------------------------------------------------------------------------------------------------


def test_fair_outcomes(db: Database, c: County) -> None:
    board = es.dashboard(db, unit_id=c.county.id, today=TODAY)
    assert [f.name for f in board.fairs] == ["2026春季专场招聘会", "庙坝镇就业服务日"]
    f1, f2 = board.fairs
    assert (f1.invited, f1.attended, f1.referred, f1.hired) == (3, 1, 2, 1)
    assert (f2.invited, f2.attended, f2.referred, f2.hired) == (0, 0, 0, 0)
    assert names(db, f1.drill_attended) == {"王三"}
    assert names(db, f1.drill_referred) == {"王三", "周六"}
    assert names(db, f1.drill_hired) == {"周六"}
    xiuqi = es.dashboard(db, unit_id=c.xiuqi.id, today=TODAY).fairs[0]
    assert (xiuqi.invited, xiuqi.attended, xiuqi.referred, xiuqi.hired) == (1, 0, 0, 0)
    assert names(db, xiuqi.drill_invited) == {"陈九"}


# --- every figure lists exactly its people ------------------------------------------------------------------


@pytest.mark.parametrize("scope", ["all", "county", "miaoba", "sancha"])
@pytest.mark.parametrize("year", [None, 2025, 2024])
def test_every_figure_lists_exactly_its_people(db: Database, c: County, scope: str, year: int | None) -> None:
    unit = {"all": None, "county": c.county.id, "miaoba": c.miaoba.id, "sancha": c.sancha.id}[scope]
    board = es.dashboard(db, unit_id=unit, graduation_year=year, today=TODAY)
    figures = board.figures()
    assert len(figures) > 30
    for figure in figures:
        rows = es.drill_rows(db, figure.drill, today=TODAY)
        assert len(rows) == figure.count, figure
        assert len({r.person_id for r in rows}) == len(rows)


# --- the unemployed list -----------------------------------------------------------------------------------


def test_unemployed_list(db: Database, c: County) -> None:
    rows = es.unemployed_graduates(db, unit_id=c.county.id, today=TODAY)
    assert [r.name for r in rows[:2]] == ["王三", "周六"]  # 红岩村, 石坪村, then 三岔村
    by_name = {r.name: r for r in rows}
    assert set(by_name) == {"王三", "周六", "陈九", "冯十"}
    g3 = by_name["王三"]
    # The latest open action (not the older open one, not the later done one); its due date has passed.
    assert (g3.reason_label, g3.next_action, g3.due_on, g3.overdue) == (
        "正在求职",
        "推荐岗位",
        dt.date(2026, 3, 1),
        True,
    )
    assert g3.action_id == c.ids["G3-action"]
    assert g3.destination_label == "未登记" and g3.phone_masked == "138****8000"
    assert (g3.school_name, g3.major, g3.graduation_year) == (SANXIA, "数控技术", 2025)
    g6 = by_name["周六"]
    assert (g6.destination_label, g6.reason_label, g6.overdue) == ("待业求职", "参加培训", False)
    g9 = by_name["陈九"]
    assert (g9.destination_label, g9.reason_label, g9.next_action, g9.due_on, g9.action_id) == (
        "暂不就业",
        "",
        "",
        None,
        None,
    )
    assert by_name["冯十"].destination_label == "未登记"
    # The same action is no longer overdue the day before its due date; the list follows scope and year.
    assert not es.unemployed_graduates(db, unit_id=c.hongyan.id, today=dt.date(2026, 2, 28))[0].overdue
    assert [r.name for r in es.unemployed_graduates(db, unit_id=c.shiping.id, today=TODAY)] == ["周六"]
    assert es.unemployed_graduates(db, unit_id=c.county.id, graduation_year=2024, today=TODAY) == []


# --- Excel -------------------------------------------------------------------------------------------------


def audit_rows(db: Database, entity: str) -> list[Any]:
    with db.read_connection() as conn:
        return list(
            conn.execute(
                text("SELECT action, detail FROM audit_log WHERE entity = :e ORDER BY id"), {"e": entity}
            ).fetchall()
        )


def test_export_dashboard(db: Database, c: County, tmp_path: Path) -> None:
    board = es.dashboard(db, unit_id=c.county.id, today=TODAY)
    target = tmp_path / "就业统计.xlsx"
    es.export_dashboard(db, board, target, actor="王县")
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == [
        "各乡镇就业率",
        "行业分布",
        "就业地域",
        "专业对口",
        "月收入",
        "在岗时长",
        "在校学生",
        "招聘会",
    ]
    values = [list(row) for row in book["各乡镇就业率"].iter_rows(values_only=True)]
    assert ["庙坝镇", 6, 3, 4, 2, "50.0%", "66.7%"] in values
    assert ["合计", 9, 4, 5, 4, "44.4%", "55.6%"] in values
    industry = [list(row) for row in book["行业分布"].iter_rows(values_only=True)]
    assert ["制造业", 2] in industry and ["合计", 4] in industry
    fairs = [list(row) for row in book["招聘会"].iter_rows(values_only=True)]
    assert any(row[0] == "2026春季专场招聘会" and row[2:] == [3, 1, 2, 1] for row in fairs)
    logged = audit_rows(db, "employment_dashboard")
    assert logged and logged[-1].action == "export" and "毕业生 9 人" in logged[-1].detail


def test_export_unemployed(db: Database, c: County, tmp_path: Path) -> None:
    rows = es.unemployed_graduates(db, unit_id=c.county.id, today=TODAY)
    target = tmp_path / "未就业.xlsx"
    es.export_unemployed(db, rows, target, actor="王县")
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    g3 = next(line for line in lines if "王三" in line)
    assert "138****8000" in g3 and "13800138000" not in g3
    assert "推荐岗位" in g3 and "逾期" in g3 and "正在求职" in g3
    assert sum(1 for line in lines if line[0] in (1, 2, 3, 4)) == 4
    logged = audit_rows(db, "employment_unemployed")
    assert logged and logged[-1].action == "export" and "4 人" in logged[-1].detail


# --- the monthly report's data -----------------------------------------------------------------------------


def test_monthly_report_changes_of_the_month(db: Database, c: County) -> None:
    december = er.monthly_report(db, dt.date(2025, 12, 1), unit_id=c.county.id, actor="王县", today=TODAY)
    assert [(x.name, x.kind_label, x.employer) for x in december.changes] == [
        ("张一", "换工作", "重庆B公司"),
        ("孙五", "新就业", "孙五农家乐"),
    ]
    # As of the month's end: G6's seeking entry of January is not yet there, G1 and G5 are in work.
    assert rates(december.board)["合计"] == (9, 5, 6)
    january = er.monthly_report(db, dt.date(2026, 1, 20), unit_id=c.county.id, actor="王县", today=TODAY)
    assert january.month == dt.date(2026, 1, 1)
    assert [(x.name, x.kind_label) for x in january.changes] == [("周六", "离岗")]  # G2's voided entry is not
    march = er.monthly_report(db, dt.date(2026, 3, 1), unit_id=c.county.id, actor="王县", today=TODAY)
    assert [f.name for f in march.fairs] == ["2026春季专场招聘会"]
    assert march.unemployed == 4
    assert [r.name for r in march.overdue] == ["王三"]
