"""The list pages: lazy models over the list services, sorting and filtering in the database, scope, columns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from yulu_desktop.services import lists
from yulu_desktop.ui.list_page import ListPage
from yulu_desktop.ui.models import PAGE_SIZE, LazyListModel, PersonIdRole
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _loaded(qtbot: QtBot, model: LazyListModel) -> None:
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.reload()


@pytest.mark.parametrize("kind", lists.LIST_KINDS)
def test_every_list_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester, worker: DbWorker, kind: str
) -> None:  # type: ignore[no-untyped-def]
    model = LazyListModel(worker, kind)
    _loaded(qtbot, model)
    assert model.rowCount() > 0, f"the demo data has rows for {kind}"
    assert model.rowCount() <= PAGE_SIZE
    qtmodeltester.check(model, force_py=True)
    if worker.pending:  # fetches the model tester started
        with qtbot.waitSignal(worker.idle, timeout=10000):
            pass


def test_people_list_loads_page_by_page_and_never_everything(qtbot: QtBot, worker: DbWorker) -> None:
    model = LazyListModel(worker, "people")
    _loaded(qtbot, model)
    assert model.total > PAGE_SIZE, "the template has more people than one page"
    assert model.rowCount() == PAGE_SIZE
    assert model.canFetchMore()
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.fetchMore()
    assert model.rowCount() == min(model.total, 2 * PAGE_SIZE)
    assert model.fetches == 2


def test_sorting_and_filtering_happen_in_the_database(qtbot: QtBot, worker: DbWorker) -> None:
    model = LazyListModel(worker, "households")
    _loaded(qtbot, model)
    column = [c.key for c in model.spec.columns].index("household_no")
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.sort(column, Qt.SortOrder.DescendingOrder)
    numbers = [model.index(r, column).data() for r in range(model.rowCount())]
    assert numbers == sorted(numbers, reverse=True)
    assert model.query.sort == "household_no" and model.query.descending
    with qtbot.waitSignal(model.countChanged, timeout=10000) as blocker:
        model.update_query(text="1990001")
    assert blocker.args == [1]
    assert model.index(0, column).data() == "5002291990001"


def test_sensitive_columns_are_masked(qtbot: QtBot, worker: DbWorker) -> None:
    model = LazyListModel(worker, "people")
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.update_query(text="张坤")
    keys = [c.key for c in model.spec.columns]
    assert model.index(0, keys.index("id_number")).data() == "500229********0012"
    assert model.index(0, keys.index("phone")).data() == "138****8000"


def test_list_page_header_filter_columns_and_open(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    page = ListPage(worker, "people", "人", settings)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.refresh()
    assert page.count_label.text().startswith("共 ")
    total = page.model.total
    assert f"{total:,}" in page.count_label.text()

    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        qtbot.keyClicks(page.filter_edit, "zk")
    assert page.model.total < total
    assert any(page.model.index(r, 0).data() == "张坤" for r in range(page.model.rowCount()))

    # Column chooser: hiding a column hides it and is remembered.
    phone = next(a for a in page.column_actions() if a.data() == "phone")
    phone.setChecked(False)
    number = [c.key for c in page.model.spec.columns].index("phone")
    assert page.table.isColumnHidden(number)
    again = ListPage(worker, "people", "人", settings)
    qtbot.addWidget(again)
    assert again.table.isColumnHidden(number)

    # Double-click (or Enter) opens the person.
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data() == "张坤")
    with qtbot.waitSignal(page.openPerson) as opened:
        page.table.setCurrentIndex(page.model.index(row, 0))
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.index(row, 0).data(PersonIdRole)]


def test_students_page_opens_on_the_newest_term_and_filters_by_term(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    page = ListPage(worker, "students", "在读", settings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.refresh()
    assert page.term_combo is not None and page.term_combo.count() > 2
    assert page.term_combo.currentIndex() == 1, "opens on the newest term"
    assert page.model.fetches == 1, "no page fetched for every term first"
    newest = page.model.total
    assert page.model.rowCount() > 0
    school_year = [c.key for c in page.model.spec.columns].index("school_year")

    def years() -> set[str]:
        return {page.model.index(r, school_year).data() for r in range(page.model.rowCount())}

    assert len(years()) == 1
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.term_combo.setCurrentIndex(0)  # 全部学期
    everything = page.model.total
    assert everything > newest and len(years()) > 1
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.term_combo.setCurrentIndex(page.term_combo.count() - 1)  # the oldest term
    assert 0 < page.model.total < everything and len(years()) == 1
    with qtbot.waitSignal(worker.idle, timeout=10000):
        page.refresh()  # later refreshes keep the cadre's choice
    assert page.term_combo.currentIndex() == page.term_combo.count() - 1


def test_visits_page_puts_open_follow_ups_first_and_completes_them(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    page = ListPage(worker, "visits", "走访", settings)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.refresh()
    state = [c.key for c in page.model.spec.columns].index("follow_up_state")
    states = [page.model.index(r, state).data() for r in range(page.model.rowCount())]
    open_states = {"待办", "已逾期"}
    first_closed = next(i for i, s in enumerate(states) if s not in open_states)
    assert all(s in open_states for s in states[:first_closed]) and first_closed > 0
    assert not any(s in open_states for s in states[first_closed:])

    assert page.open_only is not None and page.done_button is not None
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.open_only.setChecked(True)
    assert page.model.total == first_closed or page.model.total >= first_closed
    page.table.setCurrentIndex(page.model.index(0, 0))
    assert page.done_button.isEnabled()
    with qtbot.waitSignal(page.completeFollowUp) as completed:
        page.done_button.click()
    assert completed.args[0]
