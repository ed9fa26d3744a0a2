"""The one base of the subsidy window's pages (ui/subsidy/page.py) and the helpers the pages share."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QWidget
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services.subsidy import StepReport
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import IdRole, cell, error_text, table_widget, yuan
from yulu_desktop.ui.worker import DbWorker


class TermPage(SubsidyPage):
    """The smallest page: it loads its term (and how many loads ran) and remembers what it showed."""

    def __init__(self, worker: DbWorker) -> None:
        super().__init__(worker, "测试")
        self.loads = 0
        self.shown: list[str] = []

    def load_options(self) -> int:
        self.loads += 1
        return self.loads

    def load(self, db: Database, term: str, options: Any) -> str:
        return term

    def show_loaded(self, data: str) -> None:
        self.shown.append(data)


@pytest.fixture
def page(qtbot: QtBot, worker: DbWorker) -> TermPage:
    page = TermPage(worker)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_term("2026-autumn")
    return page


def settle(qtbot: QtBot, worker: DbWorker) -> None:
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)


def test_a_change_reloads_a_shown_page_at_once_and_a_hidden_one_when_shown(
    qtbot: QtBot, worker: DbWorker, page: TermPage
) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20000):
        worker.changed.emit(frozenset({"subsidy_application"}))
    assert page.loads == 2

    worker.changed.emit(frozenset({"visit"}))  # not an entity the page shows
    assert page.loads == 2 and worker.pending == 0

    page.hide()
    worker.changed.emit(frozenset({"subsidy_objection"}))
    assert page.loads == 2 and worker.pending == 0  # deferred while hidden
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.show()
    assert page.loads == 3 and page.shown[-1] == "2026-autumn"
    page.hide()
    page.show()  # nothing changed meanwhile: no load
    assert page.loads == 3 and worker.pending == 0


def test_a_load_overtaken_by_a_newer_one_is_dropped(qtbot: QtBot, worker: DbWorker, page: TermPage) -> None:
    page.shown.clear()
    seen: list[int] = []
    page.loaded.connect(lambda: seen.append(1))
    page.set_term("2026-spring")
    page.set_term("2025-autumn")
    settle(qtbot, worker)
    assert page.shown == ["2025-autumn"] and seen == [1]
    assert page.term == "2025-autumn"


def test_a_write_shows_its_outcome_and_reloads_the_page_once(
    qtbot: QtBot, worker: DbWorker, page: TermPage
) -> None:
    def job(db: Database) -> StepReport:
        return StepReport(done=("a1",), refused=(("a2", "李二", "缺少身份证复印件"),))

    with qtbot.waitSignals([page.finished, page.loaded], timeout=20000) as waited:
        page.act(job, lambda report: page.show_report(report, "{0} 份已办理"))
    del waited
    settle(qtbot, worker)
    # The worker announced the write's change too; the page does not load a second time for it.
    assert page.loads == 2
    text = page.message.text()
    assert text.splitlines() == ["1 份已办理", "1 条未办理：", "· 李二：缺少身份证复印件"]
    assert page.message.property("error") is True

    # A text returned by ``done`` is said; a clean result in green (no error property).
    with qtbot.waitSignal(page.finished, timeout=20000) as finished:
        page.act(lambda db: "ok.xlsx", lambda written: f"已导出：{written}", changes=())
    assert finished.args == ["已导出：ok.xlsx"]
    assert page.message.property("error") is False


def test_a_refused_write_names_the_reason_and_a_new_term_clears_it(
    qtbot: QtBot, worker: DbWorker, page: TermPage
) -> None:
    def job(db: Database) -> None:
        raise YuluError("第 3 行：身份证号不正确")

    with qtbot.waitSignal(page.finished, timeout=20000) as finished:
        page.act(job, lambda _r: "不应出现")
    assert finished.args == ["第 3 行：身份证号不正确"]
    assert page.message.property("error") is True
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_term("2027-spring")
    assert page.message.text() == ""


def test_a_page_without_a_term_loads_only_when_it_needs_none(qtbot: QtBot, worker: DbWorker) -> None:
    waiting = TermPage(worker)
    qtbot.addWidget(waiting)
    waiting.refresh()
    assert waiting.loads == 0 and worker.pending == 0

    class Rules(TermPage):
        needs_term = False

    rules = Rules(worker)
    qtbot.addWidget(rules)
    with qtbot.waitSignal(rules.loaded, timeout=20000):
        rules.refresh()
    assert rules.shown == [""]


def test_money_error_text_and_table_helpers(qtbot: QtBot) -> None:
    assert yuan(150000) == "1,500" and yuan(150050) == "1,500.50" and yuan(None) == ""
    assert yuan(150000, cents=True) == "1,500.00"
    assert error_text(YuluError("无权办理")) == "无权办理"
    assert error_text(ValueError("bug")) is None

    parent = QWidget()
    qtbot.addWidget(parent)
    table = table_widget("someTable", ["姓名", "金额（元）"], multi=False)
    table.setParent(parent)
    assert table.objectName() == "someTable" and table.columnCount() == 2
    assert table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert table.selectionMode() == QAbstractItemView.SelectionMode.SingleSelection
    assert table.selectionBehavior() == QAbstractItemView.SelectionBehavior.SelectRows
    assert not table.verticalHeader().isVisibleTo(table)
    item = cell("1,500.00", right=True)
    item.setData(IdRole, "a1")
    assert item.textAlignment() & Qt.AlignmentFlag.AlignRight
    assert item.data(IdRole) == "a1"
