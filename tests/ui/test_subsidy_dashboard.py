"""统计图表 (issue 15): the dashboard page draws the term's figures as charts and lists the rows behind a bar,
a table cell or a summary figure; a double click on a listed row opens the person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCharts import QBarCategoryAxis, QChart
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from yulu_desktop.domain.entities import (
    Enrollment,
    Household,
    OrgUnit,
    Person,
    SubsidyApplication,
    SubsidyPublicity,
)
from yulu_desktop.services import subsidy_dashboard as sd
from yulu_desktop.store import journal
from yulu_desktop.ui.subsidy.dashboard_page import DashboardPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

# A term the demo data does not reach, so the figures are exactly the records below.
TERM = "2030-autumn"
TODAY = dt.date(2030, 12, 1)


def _seed(worker: DbWorker) -> dict[str, str]:
    """测试县: 一镇 (东村: 3 publicized, 1 of them overdue; 1 paid; 1 eligible without application) and 二镇 (西村:
    1 returned, 1 applied). Returns person ids by name."""
    db = worker.database
    assert db is not None
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'wx', '王县', "
                "'county') ON CONFLICT (id) DO UPDATE SET cadre_username = 'wx', cadre_name = '王县', "
                "cadre_role = 'county'"
            )
        )
    county = OrgUnit(code="509901", name="测试县", level="county")
    one = OrgUnit(code="509901101", name="一镇", level="township", parent_id=county.id)
    two = OrgUnit(code="509901102", name="二镇", level="township", parent_id=county.id)
    east = OrgUnit(code="509901101201", name="东村", level="village", parent_id=one.id)
    west = OrgUnit(code="509901102201", name="西村", level="village", parent_id=two.id)
    late = SubsidyPublicity(
        village_id=east.id, term=TERM, starts_on=dt.date(2030, 11, 1), ends_on=dt.date(2030, 11, 7)
    )
    recent = SubsidyPublicity(
        village_id=east.id, term=TERM, starts_on=dt.date(2030, 11, 24), ends_on=dt.date(2030, 11, 30)
    )
    records: list[Any] = [county, one, two, east, west, late, recent]
    people: dict[str, str] = {}
    students = [
        ("东甲", east, "publicized", late),
        ("东乙", east, "publicized", recent),
        ("东丙", east, "publicized", recent),
        ("东丁", east, "paid", None),
        ("东戊", east, None, None),
        ("西甲", west, "returned", None),
        ("西乙", west, "applied", None),
    ]
    for number, (name, village, state, publicity) in enumerate(students, start=1):
        household = Household(household_no=f"{village.code}{number:04d}", village_id=village.id)
        person = Person(household_id=household.id, name=name, relationship="20")
        enrollment = Enrollment(
            person_id=person.id,
            school_year="2030-2031",
            semester="autumn",
            school_name="重庆工程职业学院",
            school_type="higher_vocational",
        )
        records += [household, person, enrollment]
        people[name] = person.id
        if state is not None:
            records.append(
                SubsidyApplication(
                    person_id=person.id,
                    enrollment_id=enrollment.id,
                    term=TERM,
                    amount_fen=150000,
                    state=state,
                    applied_on=dt.date(2030, 9, 20),
                    publicity_id=publicity.id if publicity else None,
                    returned_reason="学籍证明不清楚" if state == "returned" else "",
                )
            )
    with db.write() as session:
        journal.set_author(session.connection(), "测试")
        for record in records:
            session.add(record)
            session.flush()
    return people


@pytest.fixture
def page(worker: DbWorker, qtbot: QtBot) -> tuple[DashboardPage, dict[str, str]]:
    people = _seed(worker)
    page = DashboardPage(worker, "王县", today=TODAY)
    qtbot.addWidget(page)
    page.resize(1200, 800)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_term(TERM)
    return page, people


def _listed(page: DashboardPage) -> list[str]:
    return [row.name for row in page.drill_model.rows]


def _bar_point(page: DashboardPage, set_number: int, unit_number: int) -> QPoint:
    """Where a bar of the states chart is on screen (unit 0 is the top bar, as in the table)."""
    tab = page.states_tab
    chart: QChart = tab.chart
    series = chart.series()[0]
    bar_set = tab.bar_sets[set_number]
    category = len(tab.units) - 1 - unit_number
    before = sum(tab.bar_sets[n].at(category) for n in range(set_number))
    middle = before + bar_set.at(category) / 2
    scene = chart.mapToScene(chart.mapToPosition(QPointF(middle, category), series))
    return tab.view.mapFromScene(scene)


def test_page_draws_the_states_per_township(page: tuple[DashboardPage, dict[str, str]]) -> None:
    dashboard, _people = page
    assert dashboard.board is not None and dashboard.board.group_level == "township"
    tab = dashboard.states_tab
    assert [s.label() for s in tab.bar_sets] == ["已申请", "村内公示", "已发放", "已退回"]
    # Bars bottom-up: 二镇 first, then 一镇.
    assert [tab.bar_sets[1].at(i) for i in range(2)] == [0, 3]
    assert [tab.bar_sets[3].at(i) for i in range(2)] == [1, 0]
    axis = tab.chart.axes(Qt.Orientation.Vertical)[0]
    assert isinstance(axis, QBarCategoryAxis) and axis.categories() == ["二镇", "一镇"]
    assert dashboard.summary["total"].text().endswith("6 件")
    assert "6/7" in dashboard.summary["coverage"].text()  # 6 applied (the returned one too) of 7 eligible
    assert _cell(tab.table, 0, 0) == "一镇" and _cell(tab.table, 2, 0) == "合计"


def test_clicking_a_bar_lists_its_applications(
    page: tuple[DashboardPage, dict[str, str]], qtbot: QtBot
) -> None:
    dashboard, _people = page
    qtbot.wait(50)  # the chart lays out its bars once shown
    point = _bar_point(dashboard, 1, 0)  # 村内公示 of 一镇
    with qtbot.waitSignal(dashboard.drilled, timeout=20000) as signal:
        QTest.mouseClick(
            dashboard.states_tab.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point,
        )
    assert signal.args == ["一镇 · 村内公示"]
    assert sorted(_listed(dashboard)) == ["东丙", "东乙", "东甲"]
    assert dashboard.drill_figure is not None and dashboard.drill_figure.value == 3


def _cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _click_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int) -> None:
    item = table.item(row, column)
    assert item is not None
    rect = table.visualItemRect(item)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )


def test_clicking_a_cell_lists_its_rows_and_a_double_click_opens_the_person(
    page: tuple[DashboardPage, dict[str, str]], qtbot: QtBot
) -> None:
    dashboard, people = page
    dashboard.tabs.setCurrentWidget(dashboard.overdue_tab)
    table = dashboard.overdue_tab.table
    assert [_cell(table, 2, c) for c in range(1, 5)] == ["1", "0", "1", "2"]  # 合计
    with qtbot.waitSignal(dashboard.drilled, timeout=20000):
        _click_cell(qtbot, table, 0, 1)  # 一镇, 公示 overdue
    assert _listed(dashboard) == ["东甲"]
    with qtbot.waitSignal(dashboard.drilled, timeout=20000):
        _click_cell(qtbot, table, 2, 3)  # 合计, returned
    assert _listed(dashboard) == ["西甲"]
    assert dashboard.drill_model.row(0).note == "学籍证明不清楚"
    view = dashboard.drill_view
    rect = view.visualRect(dashboard.drill_model.index(0, 0))
    with qtbot.waitSignal(dashboard.openPerson, timeout=5000) as opened:
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
        )
        QTest.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
        )
    assert opened.args == [people["西甲"]]


def test_coverage_summary_lists_the_eligible_students_who_did_not_apply(
    page: tuple[DashboardPage, dict[str, str]], qtbot: QtBot
) -> None:
    dashboard, _people = page
    with qtbot.waitSignal(dashboard.drilled, timeout=20000):
        QTest.mouseClick(dashboard.summary["coverage"], Qt.MouseButton.LeftButton)
    assert _listed(dashboard) == ["东戊"]
    assert dashboard.drill_model.row(0).state_label == "未申请"


def test_per_village_and_export(
    page: tuple[DashboardPage, dict[str, str]], qtbot: QtBot, tmp_path: Path, worker: DbWorker
) -> None:
    dashboard, _people = page
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.level_combo.setCurrentIndex(dashboard.level_combo.findData("village"))
        dashboard.level_combo.activated.emit(dashboard.level_combo.currentIndex())
    assert dashboard.board is not None and [u.unit_name for u in dashboard.board.units] == ["东村", "西村"]
    target = tmp_path / "统计.xlsx"
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dashboard.export(target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["各村申请状态", "逾期事项", "金额", "覆盖率"]
    assert "统计表已导出" in dashboard.message.text()
    db = worker.database
    assert db is not None
    board = sd.dashboard(db, TERM, today=TODAY, level="village")
    rows = [r for r in book["金额"].iter_rows(values_only=True) if r and r[0] == "合计"]
    assert float(rows[0][2]) == board.totals.approved_fen.value / 100 == 1500.0


def test_a_change_refreshes_the_figures_and_a_hidden_page_waits_until_shown(
    page: tuple[DashboardPage, dict[str, str]], qtbot: QtBot, worker: DbWorker
) -> None:
    dashboard, people = page
    db = worker.database
    assert db is not None

    def withdraw(name: str) -> None:
        with db.write_connection() as conn:
            journal.set_author(conn, "测试")
            conn.execute(
                text(
                    "UPDATE subsidy_application SET state = 'withdrawn', reason = '转学' WHERE person_id = :p"
                ),
                {"p": people[name]},
            )

    withdraw("西乙")
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        worker.changed.emit(frozenset({"subsidy_application"}))
    assert dashboard.board is not None and dashboard.board.totals.states["withdrawn"].value == 1

    dashboard.hide()
    withdraw("东丁")
    worker.changed.emit(frozenset({"subsidy_application"}))
    assert dashboard.board.totals.states["withdrawn"].value == 1  # not reloaded while hidden
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.show()
    assert dashboard.board.totals.states["withdrawn"].value == 2


def test_the_unpaid_list_shows_the_day_of_approval_and_the_days_waited(
    page: tuple[DashboardPage, dict[str, str]], qtbot: QtBot, worker: DbWorker
) -> None:
    """Two applications of a 公示 that ended on 10-25 were approved: 东乙 on 11-28 (the day is recorded), 东丙 by
    a laptop of the last release (none). The unpaid days count from the approval, else from the 公示's end; only
    东丙 is overdue on 12-01."""
    dashboard, people = page
    db = worker.database
    assert db is not None
    with db.write_connection() as conn:
        journal.set_author(conn, "测试")
        conn.execute(
            text(
                "UPDATE subsidy_publicity SET starts_on = '2030-10-19', ends_on = '2030-10-25' "
                "WHERE ends_on = '2030-11-07'"
            )
        )
        for name, approved_on in (("东乙", "2030-11-28"), ("东丙", None)):
            conn.execute(
                text(
                    "UPDATE subsidy_application SET state = 'county_approved', county_approved_on = :on, "
                    "publicity_id = (SELECT publicity_id FROM subsidy_application a JOIN person p "
                    "ON p.id = a.person_id WHERE p.name = '东甲') WHERE person_id = :p"
                ),
                {"p": people[name], "on": approved_on},
            )
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        worker.changed.emit(frozenset({"subsidy_application"}))
    dashboard.tabs.setCurrentWidget(dashboard.overdue_tab)
    table = dashboard.overdue_tab.table
    assert _cell(table, 2, 2) == "1"  # 合计, approved and unpaid > 30 days
    with qtbot.waitSignal(dashboard.drilled, timeout=20000):
        _click_cell(qtbot, table, 2, 2)
    assert _listed(dashboard) == ["东丙"]

    with qtbot.waitSignal(dashboard.drilled, timeout=20000):
        dashboard.drill(dashboard.board.totals.states["county_approved"], "已审定")  # type: ignore[union-attr]
    model = dashboard.drill_model
    headings = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    approved_on, waited = headings.index("审定日期"), headings.index("待发放天数")
    shown = {
        model.row(r).name: (model.index(r, approved_on).data(), model.index(r, waited).data())
        for r in range(model.rowCount())
    }
    assert shown == {"东乙": ("2030-11-28", "3"), "东丙": ("", "37")}
