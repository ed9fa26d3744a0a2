"""The subsidy dashboard (issue 15): counts per state and unit, overdue steps, amounts, coverage, the rows
behind each figure and the Excel export, on a small county with known numbers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text

from yulu_desktop.domain.entities import (
    Enrollment,
    Household,
    OrgUnit,
    Person,
    SubsidyApplication,
    SubsidyPublicity,
)
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.services import subsidy_dashboard as sd
from yulu_desktop.services import subsidy_rules
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

TERM = "2025-autumn"
TODAY = dt.date(2025, 12, 1)


def enroll(db: Database, role: str) -> None:
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": "wangxian", "n": "王县", "r": role},
        )


class County:
    """城口县: 庙坝镇 (红岩村, 石坪村) and 修齐镇 (三岔村), with applications in known states."""

    def __init__(self, db: Database) -> None:
        self.records: list[Any] = []
        self.ids: dict[str, str] = {}  # label -> application id or person id
        self.county = self._add(OrgUnit(code="500229", name="城口县", level="county"))
        self.miaoba = self._add(
            OrgUnit(code="500229101", name="庙坝镇", level="township", parent_id=self.county.id)
        )
        self.xiuqi = self._add(
            OrgUnit(code="500229102", name="修齐镇", level="township", parent_id=self.county.id)
        )
        self.hongyan = self._village("500229101201", "红岩村", self.miaoba)
        self.shiping = self._village("500229101202", "石坪村", self.miaoba)
        self.sancha = self._village("500229102201", "三岔村", self.xiuqi)
        self._seq = 0
        ended_long_ago = self._publicity(self.hongyan, dt.date(2025, 10, 9), dt.date(2025, 10, 15))
        ended_21_days = self._publicity(self.hongyan, dt.date(2025, 11, 4), dt.date(2025, 11, 10))
        ended_3_days = self._publicity(self.hongyan, dt.date(2025, 11, 22), dt.date(2025, 11, 28))
        ended_11_days = self._publicity(self.shiping, dt.date(2025, 11, 14), dt.date(2025, 11, 20))
        ended_2_months = self._publicity(self.sancha, dt.date(2025, 9, 25), dt.date(2025, 10, 1))
        # 红岩村
        self._student("A1", self.hongyan, state="publicized", publicity=ended_21_days)  # 公示 overdue
        self._student("A2", self.hongyan, state="publicized", publicity=ended_3_days)
        self._student(
            "A3", self.hongyan, state="county_approved", publicity=ended_long_ago
        )  # payment overdue
        self._student("A4", self.hongyan, state="paid", publicity=ended_long_ago)
        self._student("A5", self.hongyan, state="returned", returned_reason="缺学费凭证")
        self._student("S6", self.hongyan)  # eligible, not applied
        self._student("S7", self.hongyan, household_type="yiban")  # not eligible: 一般户
        self._student("S8", self.hongyan, registry_status="dropped_out")  # not eligible: 退学
        self._student(
            "S12", self.hongyan, household_type="jiance"
        )  # eligible (监测户) under the default rule
        # 石坪村
        self._student("B1", self.shiping, state="applied")
        self._student("B2", self.shiping, state="withdrawn", reason="已转学")
        self._student("B3", self.shiping, state="in_payment", publicity=ended_11_days, amount=200000)
        self._student("S9", self.shiping)
        self._student("S10", self.shiping)
        # 三岔村
        self._student("C1", self.sancha, state="payment_failed", publicity=ended_2_months)  # payment overdue
        self._student("C2", self.sancha, state="draft")
        self._student("S11", self.sancha)
        with db.write() as session:
            journal.set_author(session.connection(), "测试员")
            for record in self.records:
                session.add(record)
                session.flush()

    def _add(self, record: Any) -> Any:
        self.records.append(record)
        return record

    def _village(self, code: str, name: str, township: OrgUnit) -> OrgUnit:
        return self._add(OrgUnit(code=code, name=name, level="village", parent_id=township.id))  # type: ignore[no-any-return]

    def _publicity(self, village: OrgUnit, starts_on: dt.date, ends_on: dt.date) -> SubsidyPublicity:
        return self._add(  # type: ignore[no-any-return]
            SubsidyPublicity(village_id=village.id, term=TERM, starts_on=starts_on, ends_on=ends_on)
        )

    def _student(
        self,
        label: str,
        village: OrgUnit,
        *,
        state: str | None = None,
        publicity: SubsidyPublicity | None = None,
        amount: int = 150000,
        household_type: str = "tuopin",
        registry_status: str = "enrolled",
        returned_reason: str = "",
        reason: str = "",
        county_approved_on: dt.date | None = None,
    ) -> None:
        self._seq += 1
        household = self._add(
            Household(
                household_no=f"{village.code}{self._seq:04d}",
                village_id=village.id,
                household_type=household_type,
            )
        )
        person = self._add(Person(household_id=household.id, name=f"学生{label}", relationship="20"))
        enrollment = self._add(
            Enrollment(
                person_id=person.id,
                school_year="2025-2026",
                semester="autumn",
                school_name="重庆三峡职业学院",
                school_type="higher_vocational",
                registry_status=registry_status,
            )
        )
        self.ids[label] = person.id
        if state is not None:
            application = self._add(
                SubsidyApplication(
                    person_id=person.id,
                    enrollment_id=enrollment.id,
                    term=TERM,
                    amount_fen=amount,
                    state=state,
                    applied_on=dt.date(2025, 9, 20),
                    publicity_id=publicity.id if publicity else None,
                    returned_reason=returned_reason,
                    reason=reason,
                    county_approved_on=county_approved_on,
                )
            )
            self.ids[label] = application.id

    def people(self, *labels: str) -> set[str]:
        return {f"学生{label}" for label in labels}


@pytest.fixture
def county(db: Database) -> County:
    enroll(db, "county")
    return County(db)


def names(db: Database, figure: sd.Figure) -> set[str]:
    rows = sd.drill_rows(db, figure.drill, today=TODAY)
    assert len(rows) == figure.rows, figure.drill
    return {r.name for r in rows}


def test_county_view_counts_each_state_per_township(db: Database, county: County) -> None:
    board = sd.dashboard(db, TERM, today=TODAY)
    assert board.group_level == "township"
    assert [u.unit_name for u in board.units] == ["庙坝镇", "修齐镇"]
    miaoba, xiuqi = board.units
    assert {s: f.value for s, f in miaoba.states.items() if f.value} == {
        "applied": 1,
        "publicized": 2,
        "county_approved": 1,
        "in_payment": 1,
        "paid": 1,
        "returned": 1,
        "withdrawn": 1,
    }
    assert {s: f.value for s, f in xiuqi.states.items() if f.value} == {"payment_failed": 1, "draft": 1}
    assert miaoba.total.value == 8 and xiuqi.total.value == 2 and board.totals.total.value == 10
    assert board.totals.states["publicized"].value == 2
    assert set(board.used_states) == {
        "draft", "applied", "publicized", "county_approved", "in_payment", "paid", "payment_failed",
        "returned", "withdrawn",
    }  # fmt: skip


def test_overdue_steps(db: Database, county: County) -> None:
    board = sd.dashboard(db, TERM, today=TODAY)
    miaoba, xiuqi = board.units
    # 公示 ended 21 days ago (not 3 days ago); approved with the 公示 ended 47 days ago (not 11); returned.
    assert (miaoba.publicity_overdue.value, miaoba.payment_overdue.value, miaoba.returned.value) == (1, 1, 1)
    assert (xiuqi.publicity_overdue.value, xiuqi.payment_overdue.value, xiuqi.returned.value) == (0, 1, 0)
    assert board.totals.overdue == 4
    assert names(db, miaoba.publicity_overdue) == county.people("A1")
    assert names(db, board.totals.payment_overdue) == county.people("A3", "C1")
    assert names(db, miaoba.returned) == county.people("A5")
    # The day the 公示 ended + 8 is the first day it is late; on day + 7 it is not yet.
    on_time = sd.dashboard(db, TERM, today=dt.date(2025, 11, 17))
    late = sd.dashboard(db, TERM, today=dt.date(2025, 11, 18))
    assert on_time.totals.publicity_overdue.value == 0
    assert late.totals.publicity_overdue.value == 1


def test_payment_overdue_counts_from_the_county_approval(db: Database, county: County) -> None:
    """Approved 40 days after its 公示 ended: not overdue 10 days (nor 30) after the approval, overdue 31 days
    after it. An application approved by a laptop of the last release has no date of the approval and is counted
    from its 公示's end, as before."""
    county.records.clear()
    ended = county._publicity(county.sancha, dt.date(2025, 9, 1), dt.date(2025, 9, 7))
    approved_on = ended.ends_on + dt.timedelta(days=40)  # 2025-10-17
    county._student(
        "D1", county.sancha, state="county_approved", publicity=ended, county_approved_on=approved_on
    )
    county._student("D2", county.sancha, state="announced", publicity=ended)  # approved by a 0011 laptop
    with db.write() as session:
        for record in county.records:
            session.add(record)
            session.flush()

    def overdue(day: dt.date) -> set[str]:
        board = sd.dashboard(db, TERM, today=day)
        (xiuqi,) = (u for u in board.units if u.unit_name == "修齐镇")
        rows = sd.drill_rows(db, xiuqi.payment_overdue.drill, today=day)
        assert len(rows) == xiuqi.payment_overdue.value
        return {r.name for r in rows}

    # C1 (payment failed, 公示 ended 2025-10-01, no approval date) is overdue from 2025-11-01.
    assert overdue(approved_on + dt.timedelta(days=10)) == county.people("D2")
    assert overdue(approved_on + dt.timedelta(days=30)) == county.people("D2", "C1")
    assert overdue(approved_on + dt.timedelta(days=31)) == county.people("D1", "D2", "C1")

    # The rows show the approval and the day the wait is counted from.
    rows = {r.name: r for r in sd.drill_rows(db, sd.Drill(TERM, sd.DrillKind.APPLICATIONS), today=TODAY)}
    d1, d2 = rows["学生D1"], rows["学生D2"]
    assert (d1.county_approved_on, d1.publicity_ends_on, d1.waiting_since) == (
        approved_on,
        ended.ends_on,
        approved_on,
    )
    assert (d2.county_approved_on, d2.waiting_since) == (None, ended.ends_on)
    on = approved_on + dt.timedelta(days=10)
    assert (d1.days_unpaid(on), d2.days_unpaid(on)) == (10, 50)
    assert rows["学生A4"].days_unpaid(on) is None  # paid


def test_amounts_approved_and_paid(db: Database, county: County) -> None:
    board = sd.dashboard(db, TERM, today=TODAY)
    miaoba, xiuqi = board.units
    assert (miaoba.approved_fen.value, miaoba.approved_fen.rows) == (500000, 3)  # A3, A4, B3
    assert (miaoba.paid_fen.value, miaoba.paid_fen.rows) == (150000, 1)
    assert (xiuqi.approved_fen.value, xiuqi.paid_fen.value) == (150000, 0)
    assert (board.totals.approved_fen.value, board.totals.paid_fen.value) == (650000, 150000)
    assert names(db, miaoba.approved_fen) == county.people("A3", "A4", "B3")
    assert names(db, board.totals.paid_fen) == county.people("A4")


def test_coverage_counts_eligible_students_without_application(db: Database, county: County) -> None:
    board = sd.dashboard(db, TERM, today=TODAY)
    miaoba, xiuqi = board.units
    # Applied: everything but the draft and the withdrawn one.
    assert (miaoba.applied.value, miaoba.not_applied.value, miaoba.eligible) == (7, 4, 11)
    assert (xiuqi.applied.value, xiuqi.not_applied.value) == (1, 1)
    assert board.totals.coverage == pytest.approx(8 / 13)
    # 一般户 and the student who dropped out are not eligible; applicants (even withdrawn) are not "not applied".
    assert names(db, miaoba.not_applied) == county.people("S6", "S9", "S10", "S12")
    assert names(db, xiuqi.applied) == county.people("C1")


def test_coverage_follows_the_county_rule_in_force(db: Database, county: County) -> None:
    rule = dataclasses.replace(
        DEFAULT_RULE, version=1, effective_from=dt.date(2025, 1, 1), household_types=frozenset({"tuopin"})
    )
    subsidy_rules.save_rule(db, rule, actor="王县")
    board = sd.dashboard(db, TERM, today=TODAY)
    assert board.rule_version == 1
    assert names(db, board.units[0].not_applied) == county.people("S6", "S9", "S10")  # 监测户 S12 is out


def test_township_view_per_village_and_scope(db: Database, county: County) -> None:
    enroll(db, "township")
    board = sd.dashboard(db, TERM, today=TODAY)
    assert board.group_level == "village"
    assert sorted(u.unit_name for u in board.units) == ["三岔村", "石坪村", "红岩村"]
    scoped = sd.dashboard(db, TERM, today=TODAY, unit_id=county.miaoba.id)
    assert scoped.scope_name == "庙坝镇"
    assert [u.unit_name for u in scoped.units] == ["红岩村", "石坪村"]  # in code order
    hongyan, shiping = scoped.units
    assert shiping.total.value == 3 and hongyan.total.value == 5
    assert scoped.totals.total.value == 8
    assert names(db, scoped.totals.total) == county.people("A1", "A2", "A3", "A4", "A5", "B1", "B2", "B3")
    assert names(db, shiping.states["in_payment"]) == county.people("B3")


def test_every_figure_lists_exactly_the_rows_it_counts(db: Database, county: County) -> None:
    board = sd.dashboard(db, TERM, today=TODAY)
    for unit in [*board.units, board.totals]:
        figures = [
            *unit.states.values(),
            unit.total,
            unit.applied,
            unit.not_applied,
            unit.publicity_overdue,
            unit.payment_overdue,
            unit.returned,
            unit.approved_fen,
            unit.paid_fen,
        ]
        for figure in figures:
            rows = sd.drill_rows(db, figure.drill, today=TODAY)
            assert len(rows) == figure.rows, (unit.unit_name, figure.drill)
            assert figure.drill.unit_id == unit.unit_id
    returned = sd.drill_rows(db, board.totals.returned.drill, today=TODAY)
    assert [(r.name, r.state_label, r.note, r.village_name, r.township_name) for r in returned] == [
        ("学生A5", "已退回", "缺学费凭证", "红岩村", "庙坝镇")
    ]
    assert returned[0].application_id == county.ids["A5"]


def test_other_terms_are_not_counted(db: Database, county: County) -> None:
    board = sd.dashboard(db, "2026-spring", today=TODAY)
    assert board.totals.total.value == 0 and board.totals.not_applied.value == 0
    assert board.units == ()


def test_bad_term_is_refused_in_chinese(db: Database, county: County) -> None:
    with pytest.raises(Exception, match="学期“2025秋”格式"):
        sd.dashboard(db, "2025秋", today=TODAY)


def _sheet_rows(sheet: Any) -> list[list[Any]]:
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    start = next(i for i, r in enumerate(rows) if r and r[0] == "单位")
    return rows[start:]


def test_export_has_a_sheet_per_figure_with_the_numbers(db: Database, county: County, tmp_path: Path) -> None:
    path = sd.export_dashboard(db, TERM, tmp_path / "看板.xlsx", today=TODAY)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["各乡镇申请状态", "逾期事项", "金额", "覆盖率"]
    states = _sheet_rows(book["各乡镇申请状态"])
    header = states[0]
    by_unit = {r[0]: dict(zip(header, r, strict=True)) for r in states[1:]}
    assert set(by_unit) == {"庙坝镇", "修齐镇", "合计"}
    assert by_unit["庙坝镇"]["村内公示"] == 2 and by_unit["修齐镇"]["发放失败"] == 1
    assert by_unit["合计"]["合计"] == 10
    overdue = {r[0]: r[1:] for r in _sheet_rows(book["逾期事项"])[1:]}
    assert overdue["合计"] == [1, 2, 1, 4]
    amounts = {r[0]: r[1:] for r in _sheet_rows(book["金额"])[1:]}
    assert [float(x) for x in amounts["庙坝镇"]] == [3, 5000.0, 1, 1500.0, 3500.0]
    assert [float(x) for x in amounts["合计"]] == [4, 6500.0, 1, 1500.0, 5000.0]
    coverage = {r[0]: r[1:] for r in _sheet_rows(book["覆盖率"])[1:]}
    assert coverage["修齐镇"] == [2, 1, 1, "50.0%"]
    assert coverage["合计"] == [13, 8, 5, "61.5%"]


def test_drills_agree_with_the_cycle_service_lists(db: Database, county: County) -> None:
    """A figure's ``Drill`` (term, states, unit) gives the same applications through ``subsidy.applications``,
    and "eligible, not applied" are the eligible ``subsidy.candidates`` (no application window set)."""
    from yulu_desktop.services import subsidy

    board = sd.dashboard(db, TERM, today=TODAY)
    for unit in [*board.units, board.totals]:
        for figure in [*unit.states.values(), unit.total, unit.applied, unit.approved_fen]:
            mine = {r.application_id for r in sd.drill_rows(db, figure.drill, today=TODAY)}
            listed = subsidy.applications(
                db, term=TERM, states=figure.drill.states or None, unit_id=figure.drill.unit_id
            )
            assert mine == {r.id for r in listed}, figure.drill
        eligible = {
            c.person_id for c in subsidy.candidates(db, TERM, unit_id=unit.unit_id, today=TODAY) if c.eligible
        }
        assert {r.person_id for r in sd.drill_rows(db, unit.not_applied.drill, today=TODAY)} == eligible
