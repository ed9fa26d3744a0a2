"""What the GUI tests of the employment window (issue 16) share: a county database built once per module from
tests/services/employment_fixtures.py and a fresh copy opened on the test's worker, small table helpers, dialogs
answered without opening them, and the worker's error display watched."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import TODAY, build_employment_county
from tests.services.subsidy_fixtures import set_role
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.ui.dialogs import open_and_upgrade
from yulu_desktop.ui.worker import DbWorker

PASSPHRASE = "test-passphrase-1"


def build_county_template(folder: Path, *, today: date) -> tuple[Path, dict[str, str]]:
    """A migrated database in ``folder`` holding only the fixture county (built relative to ``today``)."""
    path = folder / "county.db"
    db = Database.open(path, PASSPHRASE, create=True)
    migrate.upgrade(db)
    ids = build_employment_county(db, today=today)
    db.close()
    return path, ids


def open_copy(
    source: Path, tmp_path: Path, worker: DbWorker, qtbot: QtBot, *, name: str = "county.db"
) -> DbWorker:
    """A copy of the database ``source`` (with its write-ahead log) as ``tmp_path / name``, opened on ``worker``."""
    target = tmp_path / name
    for suffix in ("", "-wal"):
        part = Path(str(source) + suffix)
        if part.exists():
            shutil.copy(part, str(target) + suffix)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        worker.open(open_and_upgrade(target, PASSPHRASE, create=False))
    return worker


def open_county(
    template: tuple[Path, dict[str, str]], tmp_path: Path, worker: DbWorker, qtbot: QtBot
) -> tuple[DbWorker, dict[str, str]]:
    """A copy of ``template`` in ``tmp_path``, opened on ``worker``; the worker and the fixture's ids."""
    source, ids = template
    return open_copy(source, tmp_path, worker, qtbot), ids


def database(worker: DbWorker) -> Database:
    """The worker's open database (for checks the test reads directly)."""
    assert worker.database is not None
    return worker.database


def select_row(view: QTableView, row: int) -> None:
    """Select the whole ``row`` of ``view`` (as a click does)."""
    view.selectionModel().select(
        view.model().index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )


def column_texts(view: QTableView, title: str) -> list[str]:
    """The texts of the column headed ``title``, top to bottom."""
    model = view.model()
    column = next(
        c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == title
    )
    return [str(model.index(row, column).data()) for row in range(model.rowCount())]


def answer(monkeypatch: pytest.MonkeyPatch, target: object, name: str, value: Any) -> list[Any]:
    """Replace an ``ask_*`` method (which opens a modal dialog) by one that answers ``value``; the calls' args."""
    calls: list[Any] = []

    def ask(*args: Any) -> Any:
        calls.append(args)
        return value

    monkeypatch.setattr(target, name, ask)
    return calls


def failures_of(worker: DbWorker) -> list[str]:
    """What the worker's one error display will have shown (a refusal a page did not handle, or a bug)."""
    shown: list[str] = []
    worker.failed.connect(shown.append)
    return shown


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    """Run ``job`` on the worker (after the jobs queued before it) and return its result."""
    outcome: list[Any] = []
    worker.submit(job, lambda result: outcome.append(("ok", result)), lambda e: outcome.append(("error", e)))
    qtbot.waitUntil(lambda: bool(outcome), timeout=20000)
    kind, value = outcome[0]
    assert kind == "ok", value
    return value


def shown(qtbot: QtBot, page: Any, size: tuple[int, int] = (1200, 700)) -> Any:
    """``page`` (an employment page) shown at ``size`` and loaded once."""
    qtbot.addWidget(page)
    page.resize(*size)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    return page


def role_page(
    qtbot: QtBot, worker: DbWorker, cls: type, role: str | None, size: tuple[int, int] = (1200, 700)
) -> Any:
    """The employment page ``cls`` on a laptop enrolled with ``role`` (stored as the enrollment's; None: not
    enrolled, a village), shown and loaded."""
    if role:
        run(qtbot, worker, lambda db: set_role(db, role))
    page = cls(worker, "测试员", Actor("干部", Role(role or "village"), "u" if role else ""), today=TODAY)
    return shown(qtbot, page, size)
