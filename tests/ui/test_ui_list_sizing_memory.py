"""A list page's columns are sized from a sample of the first rows (not from every loaded row), a hidden page
keeps only its first rows, and the rows a list model holds share their equal texts (issue 20)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from yulu_desktop.ui import list_page, models
from yulu_desktop.ui.list_page import SIZING_ROWS, ListPage
from yulu_desktop.ui.models import PAGE_SIZE, LazyListModel
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _page(qtbot: QtBot, worker: DbWorker, settings: QSettings, kind: str = "people") -> ListPage:
    page = ListPage(worker, kind, kind, settings)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    page.show()
    with qtbot.waitSignal(page.model.pageLoaded, timeout=10000):
        page.refresh()
    return page


def _scroll_to_end(qtbot: QtBot, model: LazyListModel) -> None:
    while model.canFetchMore():
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.fetchMore()


def _with_name(model: LazyListModel, number: int, name: str) -> None:
    column = [c.key for c in model.spec.columns].index("name")
    row = model.row(number)
    model._rows[number] = replace(row, cells=(*row.cells[:column], name, *row.cells[column + 1 :]))


def test_columns_are_sized_from_the_first_rows_only(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    page = _page(qtbot, worker, settings)
    model = page.model
    assert model.rowCount() == PAGE_SIZE > SIZING_ROWS, "the demo's first page of people is full"
    name = [c.key for c in model.spec.columns].index("name")
    metrics = page.table.fontMetrics()
    # Long names (wider than the others, narrower than the cap): the last row of the sample and a row far
    # down the first page. Sizing to every loaded row would widen the column to the second one.
    in_sample, far_down = "欧阳" + "长" * 6, "欧阳" + "长" * 10
    assert metrics.horizontalAdvance(far_down) < 240
    _with_name(model, SIZING_ROWS - 1, in_sample)
    _with_name(model, PAGE_SIZE - 10, far_down)

    page._sized = False
    page._size_columns_once()

    width = page.table.columnWidth(name)
    assert metrics.horizontalAdvance(in_sample) < width < metrics.horizontalAdvance(far_down)
    # Readable: each column is as wide as the widest text of the sample and its header (up to the cap).
    header = page.table.horizontalHeader()
    for column in range(model.columnCount()):
        if page.table.isColumnHidden(column):
            continue
        texts = [model.row(number).cells[column] for number in range(SIZING_ROWS)]
        widest = max(metrics.horizontalAdvance(text) for text in texts)
        wanted = min(max(widest, header.sectionSizeHint(column)), 260)
        assert page.table.columnWidth(column) >= wanted, model.spec.columns[column].key


def test_a_hidden_page_keeps_only_its_first_rows(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "PAGE_SIZE", 40)
    monkeypatch.setattr(list_page, "HIDDEN_ROWS_KEPT", 80)
    page = _page(qtbot, worker, settings)
    model = page.model
    _scroll_to_end(qtbot, model)
    everything = [model.row(number).id for number in range(model.rowCount())]
    assert len(everything) == model.total > 120, "the demo has more than three pages of people"

    page.hide()  # another page was chosen

    assert model.rowCount() == 80
    assert model.canFetchMore()
    _scroll_to_end(qtbot, model)
    assert [model.row(number).id for number in range(model.rowCount())] == everything


def test_a_page_arriving_after_the_trim_is_dropped_and_scrolling_goes_on(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(models, "PAGE_SIZE", 40)
    page = _page(qtbot, worker, settings)
    model = page.model
    for _ in range(3):
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.fetchMore()
    model.fetchMore()  # on its way while the page is trimmed
    assert model.loading
    model.trim(40)
    assert model.rowCount() == 40 and not model.loading
    with qtbot.waitSignal(worker.idle, timeout=10000):
        pass
    assert model.rowCount() == 40, "the page that followed the forgotten rows was not appended"
    _scroll_to_end(qtbot, model)
    ids = [model.row(number).id for number in range(model.rowCount())]
    assert len(ids) == len(set(ids)) == model.total


def test_loaded_rows_share_equal_texts(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    page = _page(qtbot, worker, settings)
    model = page.model
    _scroll_to_end(qtbot, model)
    village = [c.key for c in model.spec.columns].index("village")
    first = model.row(0).cells[village]
    same = [n for n in range(1, model.rowCount()) if model.row(n).cells[village] == first]
    assert len(same) > PAGE_SIZE, "most people of the demo live in a few villages, on several pages"
    assert all(model.row(n).cells[village] is first for n in same)
    # Every row keeps its key: the window of rows may start at any of them (test_ui_list_window.py).
    assert all(model.row(n).key for n in range(model.rowCount()))
