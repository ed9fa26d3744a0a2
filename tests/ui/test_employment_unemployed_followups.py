"""未就业 and 稳岗回访 pages of the 雨露计划就业 window (issue 16): the unemployed-graduate list with reason, next
action and due date (overdue marked), filtered by graduation year, text and 只看逾期, exported to Excel, with
placement actions added and finished; the follow-ups due or overdue, and 记录回访 (one that finds the person out
of work offers to open the person)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import TODAY
from tests.ui.employment_kit import (
    answer,
    build_county_template,
    column_texts,
    database,
    failures_of,
    open_county,
    select_row,
    shown,
)
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.services import placement
from yulu_desktop.ui.employment.follow_up_page import FollowUpPage
from yulu_desktop.ui.employment.placement_dialogs import FollowUpValues, PlacementActionValues
from yulu_desktop.ui.employment.unemployed_page import UnemployedPage
from yulu_desktop.ui.models import RowIdRole
from yulu_desktop.ui.today_page import TodayPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def county_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    return build_county_template(tmp_path_factory.mktemp("employment_pages"), today=TODAY)


@pytest.fixture
def county(
    county_template: tuple[Path, dict[str, str]], tmp_path: Path, bare_worker: DbWorker, qtbot: QtBot
) -> tuple[DbWorker, dict[str, str]]:
    return open_county(county_template, tmp_path, bare_worker, qtbot)


@pytest.fixture
def failures(county: tuple[DbWorker, dict[str, str]]) -> list[str]:
    return failures_of(county[0])


def _ids(view: QTableView) -> list[str]:
    model = view.model()
    return [str(model.index(row, 0).data(RowIdRole)) for row in range(model.rowCount())]


def _write(qtbot: QtBot, page: Any, action: Any) -> None:
    """Run a write of the page and wait for its reload."""
    with qtbot.waitSignal(page.changed, timeout=20000), qtbot.waitSignal(page.loaded, timeout=20000):
        action()


@pytest.fixture
def unemployed(county: tuple[DbWorker, dict[str, str]], qtbot: QtBot) -> UnemployedPage:
    worker, _ids = county
    page = UnemployedPage(worker, "李村", Actor("李村", Role.VILLAGE), today=TODAY)
    return shown(qtbot, page, (1200, 640))


def test_unemployed_list_shows_reason_next_action_and_overdue(
    qtbot: QtBot, qtmodeltester: Any, unemployed: UnemployedPage, county: tuple[DbWorker, dict[str, str]]
) -> None:
    _worker, ids = county
    page = unemployed
    qtmodeltester.check(page.model)
    # Graduates not placed: 李娜 (no entry) and 王强 (seeking, an overdue action).
    assert set(_ids(page.view)) == {ids["li"], ids["wang"]}
    wang = _ids(page.view).index(ids["wang"])
    assert column_texts(page.view, "下一步措施")[wang] and column_texts(page.view, "状态")[wang] == "逾期"
    assert page.model.index(wang, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    li = _ids(page.view).index(ids["li"])
    assert (
        column_texts(page.view, "去向")[li] == "未登记" and column_texts(page.view, "状态")[li] == "未定措施"
    )
    assert "2人未就业，其中1人措施逾期" in page.count_label.text()

    # The graduation year on top of the window.
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_graduation_year(int(ids["year_before"]))
    assert _ids(page.view) == [ids["wang"]]
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_graduation_year(None)
    # Text filter and 只看逾期 (on the loaded rows).
    page.filter_box.setText("李娜")
    assert _ids(page.view) == [ids["li"]] and "显示1人" in page.count_label.text()
    page.filter_box.clear()
    page.overdue_only.setChecked(True)
    assert _ids(page.view) == [ids["wang"]]

    opened: list[str] = []
    page.openPerson.connect(opened.append)
    select_row(page.view, 0)
    page.open_selected()
    assert opened == [ids["wang"]]


def test_unemployed_list_exports_to_excel(
    qtbot: QtBot,
    unemployed: UnemployedPage,
    tmp_path: Path,
    failures: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = unemployed
    target = tmp_path / "未就业"
    answer(monkeypatch, page, "ask_path", target)
    with qtbot.waitSignal(page.worker.idle, timeout=20000):
        page.export_excel()
    written = target.with_suffix(".xlsx")
    assert written.exists() and "已导出2行" in page.message.text()
    sheet = openpyxl.load_workbook(written).active
    assert sheet is not None
    cells = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None}
    assert {"李娜", "王强"} <= cells
    # Only the rows shown are exported.
    page.filter_box.setText("王强")
    with qtbot.waitSignal(page.worker.idle, timeout=20000):
        page.export_excel(tmp_path / "one.xlsx")
    cells = {
        str(cell.value)
        for row in openpyxl.load_workbook(tmp_path / "one.xlsx").active.iter_rows()
        for cell in row
        if cell.value is not None
    }
    assert "王强" in cells and "李娜" not in cells
    assert failures == []


def test_unemployed_list_adds_and_finishes_placement_actions(
    qtbot: QtBot,
    unemployed: UnemployedPage,
    county: tuple[DbWorker, dict[str, str]],
    failures: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker, ids = county
    page = unemployed
    li = _ids(page.view).index(ids["li"])
    select_row(page.view, li)
    assert page.add_action_button.isEnabled() and not page.finish_button.isEnabled()
    asked = answer(
        monkeypatch,
        page,
        "ask_action",
        PlacementActionValues("training", "参加县里的护理员培训", TODAY + timedelta(days=20), ""),
    )
    _write(qtbot, page, page.add_action)
    assert asked and "已为李娜保存帮扶措施" in page.message.text()
    li = _ids(page.view).index(ids["li"])
    assert column_texts(page.view, "未就业原因")[li] == "参加培训"
    assert column_texts(page.view, "下一步措施")[li] == "参加县里的护理员培训"
    assert column_texts(page.view, "完成期限")[li] == (TODAY + timedelta(days=20)).isoformat()

    wang = _ids(page.view).index(ids["wang"])
    select_row(page.view, wang)
    assert page.finish_button.isEnabled()
    _write(qtbot, page, page.finish_action)
    wang = _ids(page.view).index(ids["wang"])
    assert column_texts(page.view, "下一步措施")[wang] == "" and "1人未就业" not in page.count_label.text()
    done = placement.placement_actions(database(worker), ids["wang"], today=TODAY)
    assert done[0].done_on == TODAY
    assert failures == []


@pytest.fixture
def follow_ups(county: tuple[DbWorker, dict[str, str]], qtbot: QtBot) -> FollowUpPage:
    worker, _ids = county
    page = FollowUpPage(worker, "李村", Actor("李村", Role.VILLAGE), today=TODAY)
    qtbot.addWidget(page)
    page.resize(1100, 600)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    return page


def _due_months(page: FollowUpPage, person_id: str) -> list[int]:
    return sorted(r.month for r in page.rows if r.person_id == person_id)


def test_follow_up_page_lists_what_is_due_and_records_a_follow_up(
    qtbot: QtBot,
    qtmodeltester: Any,
    follow_ups: FollowUpPage,
    county: tuple[DbWorker, dict[str, str]],
    failures: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    worker, ids = county
    page = follow_ups
    qtmodeltester.check(page.model)
    expected = placement.follow_ups_due(database(worker), today=TODAY, within_days=7)
    assert [(r.person_id, r.month) for r in page.rows] == [(r.person_id, r.month) for r in expected]
    assert page.rows and all(r.done_on is None for r in page.rows)
    # 张坤 started 15 July: the 1-month follow-up is done, the 3-month one (15 October) is overdue.
    assert 3 in _due_months(page, ids["zhang"]) and 1 not in _due_months(page, ids["zhang"])
    row = next(n for n, r in enumerate(page.rows) if r.person_id == ids["zhang"] and r.month == 3)
    overdue_days = (TODAY - page.rows[row].due_on).days
    assert overdue_days > 0 and column_texts(page.view, "状态")[row] == f"逾期{overdue_days}天"
    assert "个逾期" in page.count_label.text()

    select_row(page.view, row)
    assert page.record_button.isEnabled()
    asked = answer(monkeypatch, page, "ask_follow_up", FollowUpValues(TODAY, "home", True, "在岗，适应良好"))
    _write(qtbot, page, page.record_follow_up)
    assert asked and "已记录张坤第3个月的回访" in page.message.text()
    assert 3 not in _due_months(page, ids["zhang"])
    stored = [r for r in placement.follow_ups(database(worker), ids["zhang"], today=TODAY) if r.month == 3]
    assert stored[0].done_on == TODAY and stored[0].still_employed is True

    # Wider window: more (or as many) follow-ups.
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.within.setCurrentIndex(page.within.findData(30))
    assert len(page.rows) >= len(expected) - 1
    assert failures == []


def test_a_follow_up_out_of_work_offers_to_open_the_person(
    qtbot: QtBot,
    follow_ups: FollowUpPage,
    county: tuple[DbWorker, dict[str, str]],
    failures: list[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _worker, ids = county
    page = follow_ups
    row = next(n for n, r in enumerate(page.rows) if r.person_id == ids["zhang"])
    select_row(page.view, row)
    answer(monkeypatch, page, "ask_follow_up", FollowUpValues(TODAY, "phone", False, "10月已离职"))
    confirmed = answer(monkeypatch, page, "confirm_open_person", True)
    opened: list[str] = []
    page.openPerson.connect(opened.append)
    _write(qtbot, page, page.record_follow_up)
    assert confirmed and opened == [ids["zhang"]]
    assert failures == []


def test_pages_take_the_graduation_year(
    qtbot: QtBot, unemployed: UnemployedPage, follow_ups: FollowUpPage
) -> None:
    with qtbot.waitSignal(unemployed.loaded, timeout=20000):
        unemployed.set_graduation_year(1990)
    assert unemployed.model.rowCount() == 0 and not unemployed.export_button.isEnabled()
    assert "1990年毕业：0人未就业" in unemployed.count_label.text()
    with qtbot.waitSignal(follow_ups.loaded, timeout=20000):
        follow_ups.set_graduation_year(1990)
    assert follow_ups.graduation_year == 1990


def test_today_lists_follow_ups_and_overdue_actions_that_open_the_person(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]], settings: QSettings, failures: list[str]
) -> None:
    worker, ids = county
    page = TodayPage(worker, settings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    tops = {
        page.tree.topLevelItem(i).text(0): page.tree.topLevelItem(i)
        for i in range(page.tree.topLevelItemCount())
    }
    follow_ups = next(
        item for title, item in tops.items() if title.startswith("逾期或 7 天内到期的稳岗回访（")
    )
    actions = next(item for title, item in tops.items() if title.startswith("逾期的未就业帮扶措施（"))
    # 张坤's follow-ups after his start of 15 July are overdue (whatever today's date); 王强's action is overdue.
    zhang = next(
        follow_ups.child(n) for n in range(follow_ups.childCount()) if follow_ups.child(n).text(0) == "张坤"
    )
    assert "城口县宏达机械有限公司：上岗第" in zhang.text(3) and "已逾期" in zhang.text(3)
    wang = next(actions.child(n) for n in range(actions.childCount()) if actions.child(n).text(0) == "王强")
    assert wang.text(3).startswith("推荐参加专场招聘会（正在求职，应于") and "已逾期" in wang.text(3)
    opened: list[str] = []
    page.openPerson.connect(opened.append)
    page.tree.itemActivated.emit(wang, 0)
    assert opened == [ids["wang"]]
    assert failures == []
