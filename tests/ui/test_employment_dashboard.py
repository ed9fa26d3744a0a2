"""统计图表 of the 雨露计划就业 window (issue 16): the page shows the figures of
``services.employment_stats.dashboard``, every figure opens exactly the people it counts (a double click opens
the person), 导出 Excel and 打印月报 write their files, and a graduation year chosen on top reloads the page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import TODAY
from tests.ui.employment_kit import build_county_template, database, open_county
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.domain.entities import EmploymentRecord
from yulu_desktop.services import employment_stats as es
from yulu_desktop.services import records
from yulu_desktop.ui.employment.dashboard_page import DrillDialog, EmploymentDashboardPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def county_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A migrated database holding only the fixture county (built once for the module)."""
    return build_county_template(tmp_path_factory.mktemp("employment"), today=TODAY)


@pytest.fixture
def county(
    county_template: tuple[Path, dict[str, str]], tmp_path: Path, bare_worker: DbWorker, qtbot: QtBot
) -> tuple[DbWorker, dict[str, str]]:
    return open_county(county_template, tmp_path, bare_worker, qtbot)


@pytest.fixture
def page(county: tuple[DbWorker, dict[str, str]], qtbot: QtBot) -> Iterator[EmploymentDashboardPage]:
    worker, _ids = county
    dashboard = EmploymentDashboardPage(worker, "王县", Actor("王县", Role.COUNTY), today=TODAY)
    qtbot.addWidget(dashboard)
    dashboard.resize(1200, 760)
    dashboard.show()
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.refresh()
    assert dashboard.board is not None
    yield dashboard
    for dialog in list(dashboard.dialogs):
        dialog.close()


def _text(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None
    return item.text()


def _column(table: QTableWidget, column: int) -> list[str]:
    return [_text(table, row, column) for row in range(table.rowCount())]


def _drilled(qtbot: QtBot, page: EmploymentDashboardPage, action: object) -> DrillDialog:
    """Run ``action`` (a click) and return the drill dialog it opened, once its rows arrived."""
    with qtbot.waitSignal(page.drillOpened, timeout=5000) as opened:
        assert callable(action)
        action()
    dialog = opened.args[0]
    assert isinstance(dialog, DrillDialog)
    if not dialog.model.rows:
        with qtbot.waitSignal(dialog.loaded, timeout=20000):
            pass
    return dialog


def _names(dialog: DrillDialog) -> list[str]:
    return sorted(r.name for r in dialog.model.rows)


def _click_cell(qtbot: QtBot, table: QTableWidget, row: int, column: int) -> None:
    item = table.item(row, column)
    assert item is not None
    rect = table.visualItemRect(item)
    QTest.mouseClick(
        table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )


def test_the_figures_shown_are_the_services(
    page: EmploymentDashboardPage, county: tuple[DbWorker, dict[str, str]]
) -> None:
    worker, _ids = county
    board = es.dashboard(database(worker), today=TODAY)
    assert page.board == board
    totals = board.totals
    assert (totals.graduates, totals.employed, totals.placed) == (5, 2, 3)
    assert page.summary["graduates"].text().endswith("5 人")
    assert "2 人（就业率 40.0%）" in page.summary["employed"].text()
    assert "3 人（落实率 60.0%）" in page.summary["placed"].text()
    assert page.summary["unplaced"].text().endswith("2 人")

    units = page.units_tab.table
    assert _column(units, 0) == [u.unit_name for u in board.by_unit] + ["合计"]
    assert _column(units, 1) == [str(u.graduates) for u in [*board.by_unit, totals]]
    assert _column(units, 2) == [str(u.employed) for u in [*board.by_unit, totals]]
    assert _text(units, units.rowCount() - 1, 5) == "40.0%"
    # The chart: a rate bar per unit, top to bottom as in the table.
    rates = page.units_tab.bar_sets[0]
    assert [rates.at(i) for i in range(rates.count())][::-1] == [
        round((u.rate or 0) * 100, 1) for u in board.by_unit
    ]

    for tab, figures in (
        (page.industry_tab, board.by_industry),
        (page.region_tab, board.by_region),
        (page.major_match_tab, board.by_major_match),
        (page.income_tab, board.by_income),
        (page.months_tab, board.by_months),
        (page.school_major_tab, board.by_school_major),
    ):
        assert _column(tab.table, 0)[:-1] == [f.label for f in figures]
        assert _column(tab.table, 1)[:-1] == [str(f.count) for f in figures]
        assert _text(tab.table, tab.table.rowCount() - 1, 1) == str(sum(f.count for f in figures))
        assert [tab.bar_sets[0].at(i) for i in range(len(figures))][::-1] == [f.count for f in figures]
        # Each number and each bar stands for its figure's people.
        assert [tab.cell_drill(row, 1) for row in range(len(figures))] == [f.drill for f in figures]
        assert [tab.bars[0].drills[i] for i in range(len(figures))] == [f.drill for f in figures]
    region = dict(zip(_column(page.region_tab.table, 0), _column(page.region_tab.table, 1), strict=True))
    assert region["县内"] == "1" and region["省外"] == "1"

    fairs = page.fairs_tab.table
    assert fairs.rowCount() == len(board.fairs) == 1
    assert _column(fairs, 0) == [board.fairs[0].name]
    assert [_text(fairs, 0, c) for c in range(2, 6)] == ["3", "2", "1", "0"]


def test_every_figure_lists_exactly_the_people_it_counts(
    page: EmploymentDashboardPage, county: tuple[DbWorker, dict[str, str]], qtbot: QtBot
) -> None:
    worker, ids = county
    employed = _drilled(
        qtbot, page, lambda: QTest.mouseClick(page.summary["employed"], Qt.MouseButton.LeftButton)
    )
    assert _names(employed) == ["孙磊", "张坤"]
    assert employed.windowTitle() == "合计 · 已就业"
    unplaced = _drilled(
        qtbot, page, lambda: QTest.mouseClick(page.summary["unplaced"], Qt.MouseButton.LeftButton)
    )
    assert _names(unplaced) == ["李娜", "王强"]

    # A cell of the per-unit table: the unit's placed graduates, as the service counts them.
    board = page.board
    assert board is not None
    units = page.units_tab.table
    for row, unit in enumerate(board.by_unit):
        if unit.placed:
            dialog = _drilled(qtbot, page, lambda r=row: _click_cell(qtbot, units, r, 3))
            assert len(dialog.person_ids) == unit.placed
            expected = es.drill_rows(database(worker), page.units_tab.cell_drill(row, 3), today=TODAY)  # type: ignore[arg-type]
            assert dialog.person_ids == [r.person_id for r in expected]
            break

    # A bar of the region chart: 省外 is 孙磊.
    page.tabs.setCurrentWidget(page.region_tab)
    labels = [f.label for f in board.by_region]
    outside = _drilled(qtbot, page, lambda: page.region_tab.click_bar(0, labels.index("省外")))
    assert _names(outside) == ["孙磊"]
    assert outside.model.row(0).region_label == "省外"

    # A fair's cells: the attended, the referred.
    page.tabs.setCurrentWidget(page.fairs_tab)
    attended = _drilled(qtbot, page, lambda: _click_cell(qtbot, page.fairs_tab.table, 0, 3))
    assert _names(attended) == ["张坤", "李娜"]
    referred = _drilled(qtbot, page, lambda: _click_cell(qtbot, page.fairs_tab.table, 0, 4))
    assert _names(referred) == ["李娜"]

    # A double click on a listed person opens them.
    view = employed.view
    rect = view.visualRect(employed.model.index(employed.model.find(ids["zhang"]) or 0, 0))
    with qtbot.waitSignal(page.openPerson, timeout=5000) as opened:
        QTest.mouseClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
        )
        QTest.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
        )
    assert opened.args == [ids["zhang"]]


def test_export_writes_the_workbook(
    page: EmploymentDashboardPage, county: tuple[DbWorker, dict[str, str]], qtbot: QtBot, tmp_path: Path
) -> None:
    worker, _ids = county
    target = tmp_path / "就业统计.xlsx"
    with qtbot.waitSignal(worker.idle, timeout=20000):
        page.export(target)
    assert "就业统计已导出到" in page.message.text(), page.message.text()
    book = openpyxl.load_workbook(target)
    assert "就业地域" in book.sheetnames and "招聘会" in book.sheetnames
    cells = [str(c) for row in book["招聘会"].iter_rows(values_only=True) for c in row if c is not None]
    assert page.board is not None and page.board.fairs[0].name in cells
    assert es.dashboard(database(worker), today=TODAY) == page.board


def test_print_writes_the_month_report_and_previews_it(
    page: EmploymentDashboardPage, qtbot: QtBot, tmp_path: Path
) -> None:
    target = tmp_path / "月报.pdf"
    with qtbot.waitSignal(page.worker.idle, timeout=30000):
        page.print_report(TODAY.replace(day=1), target)
    assert "已生成就业月报 PDF" in page.message.text(), page.message.text()
    assert target.read_bytes().startswith(b"%PDF")
    preview = page.preview
    assert preview is not None
    if preview.pdf is None:
        with qtbot.waitSignal(preview.loaded, timeout=20000):
            pass
    assert preview.pdf == target.read_bytes()
    preview.close()


def test_choosing_a_graduation_year_reloads(
    page: EmploymentDashboardPage, county: tuple[DbWorker, dict[str, str]], qtbot: QtBot
) -> None:
    _worker, ids = county
    year_before = int(ids["year_before"])
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_graduation_year(year_before)
    board = page.board
    assert board is not None and board.graduation_year == year_before
    assert (board.totals.graduates, board.totals.employed, board.totals.placed) == (2, 0, 1)
    assert str(year_before) in page.heading.text()
    assert page.summary["graduates"].text().endswith("2 人")
    dialog = _drilled(
        qtbot, page, lambda: QTest.mouseClick(page.summary["graduates"], Qt.MouseButton.LeftButton)
    )
    assert _names(dialog) == ["王强", "赵敏"]


def test_a_write_elsewhere_reloads_the_figures_and_a_hidden_page_waits_until_shown(
    page: EmploymentDashboardPage, county: tuple[DbWorker, dict[str, str]], qtbot: QtBot
) -> None:
    worker, ids = county
    db = database(worker)

    def employ(key: str) -> None:
        with records.writing(db, "测试员") as session:
            session.add(
                EmploymentRecord(
                    person_id=ids[key],
                    effective_date=TODAY,
                    destination="employed",
                    recorded_at=datetime(TODAY.year, TODAY.month, TODAY.day, 10, 0),
                )
            )

    employ("li")
    with qtbot.waitSignal(page.loaded, timeout=20000):
        worker.changed.emit(frozenset({"employment_record"}))
    assert page.board is not None and page.board.totals.employed == 3

    page.hide()
    employ("wang")
    worker.changed.emit(frozenset({"employment_record"}))
    assert page.board.totals.employed == 3  # not reloaded while hidden
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.show()
    assert page.board.totals.employed == 4
    assert "4 人" in page.summary["employed"].text()


def test_a_township_chosen_as_the_scope_shows_its_villages(
    page: EmploymentDashboardPage, county: tuple[DbWorker, dict[str, str]], qtbot: QtBot
) -> None:
    _worker, ids = county
    combo = page.scope_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["本机全部", "庙坝镇", "高观镇"]
    with qtbot.waitSignal(page.loaded, timeout=20000):
        combo.setCurrentIndex(1)
        combo.activated.emit(1)
    board = page.board
    assert board is not None and page.unit_id == ids["miaoba"]
    assert board.scope_name == "庙坝镇" and board.unit_level == "village"
    assert [u.unit_name for u in board.by_unit] == ["红岩村", "石坪村"]
    assert _column(page.units_tab.table, 0) == ["红岩村", "石坪村", "合计"]
    assert page.units_tab.table.horizontalHeaderItem(0).text() == "村"  # type: ignore[union-attr]
    assert "庙坝镇" in page.heading.text()
    dialog = _drilled(
        qtbot, page, lambda: QTest.mouseClick(page.summary["graduates"], Qt.MouseButton.LeftButton)
    )
    assert _names(dialog) == ["张坤", "李娜", "王强", "赵敏"]
