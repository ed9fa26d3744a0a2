"""今日工作: the first page on a fresh install; a click or Enter on a line opens the person; scoped by the tree."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from yulu_desktop.domain.entities import Visit
from yulu_desktop.services import records
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.models import OrgUnitIdRole
from yulu_desktop.ui.today_page import TargetRole, TodayPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

ZHANG_KUN_ID = "500229200703150012"  # tests/ui/conftest.py
PROMISE = "帮张坤联系学校补办学籍证明"


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def overdue_promise_for_zhang_kun(qtbot: QtBot, worker: DbWorker) -> tuple[str, str]:
    """(person id, village id) of 张坤, with a promise to him 1000 days overdue."""

    def job(db: Database) -> tuple[str, str]:
        with db.read_connection() as conn:
            person_id, household_id, village_id = conn.execute(
                text(
                    "SELECT p.id, p.household_id, h.village_id FROM person p JOIN household h "
                    "ON h.id = p.household_id WHERE p.id_number = :id"
                ),
                {"id": ZHANG_KUN_ID},
            ).one()
        today = dt.date.today()
        visit = Visit(
            household_id=household_id,
            person_id=person_id,
            visit_date=today - dt.timedelta(days=1010),
            visitor_name="李明",
            visitor_role="resident_cadre",
            follow_up=PROMISE,
            follow_up_due=today - dt.timedelta(days=1000),  # the most overdue: among the first lines
        )
        records.record_visit(db, visit, actor="李明")
        return str(person_id), str(village_id)

    result: tuple[str, str] = run(qtbot, worker, job)
    return result


def line_with(page: TodayPage, needle: str) -> QTreeWidgetItem:
    for index in range(page.tree.topLevelItemCount()):
        top = page.tree.topLevelItem(index)
        for child in range(top.childCount()):
            item = top.child(child)
            if any(needle in item.text(column) for column in range(4)):
                return item
    raise AssertionError(f"no line with {needle!r}")


def section_titles(page: TodayPage) -> list[str]:
    return [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]


@pytest.fixture
def window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> MainWindow:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=20000):
            pass
    return window


def test_fresh_install_opens_on_today_and_a_click_opens_the_person(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    person_id, _ = overdue_promise_for_zhang_kun(qtbot, worker)
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.today_page.loaded, timeout=20000):
        window.show()
    page = window.today_page
    assert window.stack.currentWidget() is page and window.today_action.isChecked()
    titles = section_titles(page)
    assert titles[0].startswith("逾期未办结的承诺（") and "天未走访的户（" in titles[1]
    assert "未申请补助的在读学生（" in titles[2] and titles[4].startswith("待处理的同步冲突（0）")
    assert page.sync_label.text() == "同步：未连接县服务器"
    item = line_with(page, PROMISE)
    assert item.text(0) == "张坤" and "已逾期 1000 天" in item.text(3)
    page.tree.scrollToItem(item)
    rect = page.tree.visualItemRect(item)
    assert page.tree.viewport().rect().contains(rect.center())
    qtbot.mouseClick(page.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert person_id in window.person_windows and window.person_windows[person_id].isVisible()
    opened = window.person_windows[person_id]
    qtbot.waitUntil(lambda: opened.file is not None, timeout=20000)
    opened.close()
    qtbot.waitUntil(lambda: person_id not in window.person_windows, timeout=5000)
    # The keyboard: the line selected, Enter opens the person too.
    page.tree.setCurrentItem(item)
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Return)
    assert person_id in window.person_windows
    again = window.person_windows[person_id]
    qtbot.waitUntil(lambda: again.file is not None, timeout=20000)
    window.close()
    assert ui_settings.LAST_PAGE.get(settings) == "today"


def test_tree_scope_and_done_follow_up_refresh_the_page(
    qtbot: QtBot, worker: DbWorker, window: MainWindow
) -> None:
    person_id, village_id = overdue_promise_for_zhang_kun(qtbot, worker)
    page = window.today_page
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    assert line_with(page, PROMISE)
    match = window.tree_model.match(
        window.tree_model.index(0, 0), OrgUnitIdRole, village_id, 1, Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive
    )  # fmt: skip
    with qtbot.waitSignal(page.loaded, timeout=20000):
        window.tree.setCurrentIndex(match[0])
    assert page.scope_name == "三岔村" and "三岔村" in page.heading.text()
    villages = {
        page.tree.topLevelItem(i).child(c).text(2)
        for i in range(4)
        for c in range(page.tree.topLevelItem(i).childCount())
        if page.tree.topLevelItem(i).child(c).data(0, TargetRole)
    }
    assert villages == {"三岔村"}
    # A refresh keeps the line the cadre is on (here a household, not the first line).
    households = page.tree.topLevelItem(1)
    kept = households.child(0)
    target = kept.data(0, TargetRole)
    assert target and target != page.tree.currentItem().data(0, TargetRole)
    page.tree.setCurrentItem(kept)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    assert page.tree.currentItem().data(0, TargetRole) == target
    # Completing the promise (a change through the worker) takes the line off the page.
    with qtbot.waitSignal(page.loaded, timeout=20000):
        window.complete_follow_up(visit_id_of(qtbot, worker, PROMISE))
    with pytest.raises(AssertionError):
        line_with(page, PROMISE)
    assert person_id  # (the person stays; only the promise is done)


def visit_id_of(qtbot: QtBot, worker: DbWorker, promise: str) -> str:
    def job(db: Database) -> str:
        with db.read_connection() as conn:
            return str(
                conn.execute(text("SELECT id FROM visit WHERE follow_up = :p"), {"p": promise}).scalar_one()
            )

    result: str = run(qtbot, worker, job)
    return result


def test_stale_days_setting_and_conflicts_line(
    qtbot: QtBot, worker: DbWorker, window: MainWindow, settings: QSettings
) -> None:
    page = window.today_page
    assert page.days.value() == 90
    page.days.setValue(30)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.days.editingFinished.emit()
    assert ui_settings.STALE_VISIT_DAYS.get(settings) == 30
    assert "超过 30 天未走访的户" in section_titles(page)[1]

    def conflict(db: Database) -> None:
        with db.write_connection() as conn:
            conn.execute(
                text(
                    "INSERT INTO sync_conflict (id, kind, entity, entity_id, field, status, created_at) "
                    "VALUES ('c1', 'field', 'person', 'p1', 'phone', 'open', '2026-01-01T00:00:00')"
                )
            )

    run(qtbot, worker, conflict)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh_button.click()
    assert section_titles(page)[4] == "待处理的同步冲突（1）"
    item = line_with(page, "人员")
    with qtbot.waitSignal(page.openConflicts, timeout=5000):
        page.tree.itemActivated.emit(item, 0)
    assert window.conflicts_page is not None and window.conflicts_page.window().isVisible()
    window.conflicts_page.window().close()


def test_a_long_section_shows_ten_lines_and_opens_its_list(qtbot: QtBot, window: MainWindow) -> None:
    page = window.today_page
    window.show_page("today")
    qtbot.waitUntil(lambda: page.result is not None, timeout=20000)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    assert page.result is not None
    households = page.result.sections["not_visited"]
    assert households.count > 10  # the demo's 60 households are not all visited within 30 days
    top = page.tree.topLevelItem(1)
    assert top.childCount() == 11
    more = top.child(10)
    assert more.data(0, TargetRole) == ("list", "households") and more.text(0).startswith("另有")
    page.tree.itemActivated.emit(more, 0)
    assert not window.showing_today and window.current_kind == "households"
    assert window.stack.currentWidget() is window.pages["households"]
