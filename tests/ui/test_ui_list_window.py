"""A list model holds a window of the list, not every row scrolled past (issue 20, memory): scrolled down, it
forgets rows at the top; scrolled back up, it fetches them again, and the view keeps showing the same rows
while the window moves."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from yulu_desktop.services import lists
from yulu_desktop.ui import models
from yulu_desktop.ui.list_page import ListPage
from yulu_desktop.ui.models import LazyListModel
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

PAGE, WINDOW = 10, 50


@pytest.fixture(autouse=True)
def _small_window(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(models, "PAGE_SIZE", PAGE)
    monkeypatch.setattr(models, "WINDOW_ROWS", WINDOW)


def _whole(qtbot: QtBot, worker: DbWorker, model: LazyListModel) -> list[str]:
    found: list[list[lists.ListRow]] = []
    with qtbot.waitSignal(worker.idle, timeout=10000):
        worker.submit(lambda db: lists.fetch(db, model.kind, model.query, limit=100_000), found.append)
    return [row.id for row in found[0]]


def _window(model: LazyListModel) -> list[str]:
    return [model.row(number).id for number in range(model.rowCount())]


def _header(model: LazyListModel, section: int) -> int:
    return int(model.headerData(section, Qt.Orientation.Vertical))


def test_the_model_holds_a_window_and_fetches_the_rows_above_again(qtbot: QtBot, worker: DbWorker) -> None:
    model = LazyListModel(worker, "people")
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.reload()
    whole = _whole(qtbot, worker, model)
    assert len(whole) > 3 * WINDOW, "the demo has several windows of people"
    moved: list[int] = []
    model.windowMoved.connect(moved.append)

    while model.canFetchMore():
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.fetchMore()
        assert model.rowCount() <= WINDOW
        assert _window(model) == whole[model.offset : model.offset + model.rowCount()]
    assert model.offset + model.rowCount() == len(whole) == model.total
    assert model.rowCount() == WINDOW and sum(moved) == -model.offset
    # Row numbers are the rows' places in the whole list, not in the window.
    assert _header(model, 0) == model.offset + 1 and _header(model, WINDOW - 1) == len(whole)

    moved.clear()
    while model.can_fetch_before():
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.fetch_before()
        assert model.rowCount() <= WINDOW
        assert _window(model) == whole[model.offset : model.offset + model.rowCount()]
        assert moved[-1] > 0
    assert model.offset == 0 and _window(model) == whole[:WINDOW]
    assert not model.can_fetch_before()


def test_the_view_keeps_its_rows_in_view_while_the_window_moves(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    page = ListPage(worker, "people", "people", settings)
    qtbot.addWidget(page)
    page.resize(1000, 500)
    page.show()
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.refresh()
    model, table = page.model, page.table
    bar = table.verticalScrollBar()

    def top_row() -> str:
        # The row the scroll position stands on (per item: the first row of the view, but for the one drawn
        # partly above it when the view is scrolled to its very end).
        return str(model.row(bar.value()).id)

    qtbot.waitUntil(lambda: bar.maximum() > 0 and not model.loading)  # the view filled itself
    # Scrolled to the bottom again and again: the view fetches the next page each time, the window slides
    # down, and the rows in view stay the same across each slide.
    for _ in range(12):
        shown = top_row()
        table.doItemsLayout()  # the scroll range of the rows that came (the view lays them out on its next turn)
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            bar.setValue(bar.maximum())
            shown = top_row()
        assert top_row() == shown and model.rowCount() <= WINDOW
    assert model.offset > 0, "the window slid down"

    # Back at the top of the window: the page above is fetched and the same rows stay in view.
    offset = model.offset
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        bar.setValue(bar.minimum())
        shown = top_row()
    assert model.offset == offset - PAGE
    assert top_row() == shown and bar.value() > bar.minimum()
