"""A list model scrolled to its end asks for each page after the last loaded row (keyset paging): every row once,
in the service's order, for the natural order and a column sort."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from yulu_desktop.services import lists
from yulu_desktop.ui import models
from yulu_desktop.ui.models import LazyListModel
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _all(qtbot: QtBot, worker: DbWorker, kind: str, query: lists.ListQuery) -> list[str]:
    found: list[list[lists.ListRow]] = []
    with qtbot.waitSignal(worker.idle, timeout=10000):
        worker.submit(lambda db: lists.fetch(db, kind, query, limit=100_000), found.append)
    return [row.id for row in found[0]]


@pytest.mark.parametrize("kind", ["people", "visits", "graduates"])
def test_scrolling_to_the_end_loads_every_row_once_in_order(
    qtbot: QtBot, worker: DbWorker, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    monkeypatch.setattr(models, "PAGE_SIZE", 7)
    model = LazyListModel(worker, kind)
    with qtbot.waitSignal(model.pageLoaded, timeout=10000):
        model.reload()
    if kind == "people":
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.sort(0, Qt.SortOrder.DescendingOrder)  # by name, descending: many ties, then the id
    assert model.total > 3 * 7, f"the demo has several pages of {kind}"
    while model.canFetchMore():
        with qtbot.waitSignal(model.pageLoaded, timeout=10000):
            model.fetchMore()
    loaded = [model.row(number).id for number in range(model.rowCount())]
    assert loaded == _all(qtbot, worker, kind, model.query)
    assert len(loaded) == model.total
