"""The import wizard (preview with problems highlighted, import, cancel) and the reconciliation page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from yulu_desktop.store.database import Database
from yulu_desktop.ui.import_wizard import ERROR_BRUSH, ImportWizard, open_import_wizard
from yulu_desktop.ui.reconcile_page import ReconcilePage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def count_rows(qtbot: QtBot, worker: DbWorker, table: str) -> int:
    def job(db: Database) -> int:
        with db.read_connection() as conn:
            return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())

    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    return int(done.args[0].result)


def wizard_at_preview(qtbot: QtBot, worker: DbWorker, path: Path) -> ImportWizard:
    wizard = open_import_wizard(worker, actor="测试员", path=str(path), kind="national")
    qtbot.addWidget(wizard)
    assert wizard.choose.isComplete()
    with qtbot.waitSignal(wizard.jobFinished, timeout=30000):
        wizard.next()
    return wizard


def test_preview_highlights_problems_and_blocks_the_import(qtbot: QtBot, worker: DbWorker, xl: Any) -> None:
    rows = xl.standard_rows()
    rows[2][7] = "50022920060304003X"  # bad check character, Excel row 5
    wizard = wizard_at_preview(qtbot, worker, xl.national(rows))
    table = wizard.preview.problems
    assert table.rowCount() >= 1
    cells = [[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())]
    assert cells[0][:2] == ["5", "证件号码（H列）"]
    assert table.item(0, 0).background() == ERROR_BRUSH
    assert not wizard.preview.isComplete()  # all or nothing: no import with errors …
    wizard.preview.skip_invalid.setChecked(True)
    assert wizard.preview.isComplete()  # … unless the user skips the bad rows


def test_import_runs_on_the_worker_and_reports(qtbot: QtBot, worker: DbWorker, xl: Any) -> None:
    before = count_rows(qtbot, worker, "person")
    wizard = wizard_at_preview(qtbot, worker, xl.national(xl.standard_rows()))
    assert "新增 5 人" in wizard.preview.summary.text()
    assert wizard.preview.isComplete()
    with qtbot.waitSignal(wizard.imported, timeout=30000) as imported:
        wizard.next()
    assert imported.args[0].new == 5
    qtbot.waitUntil(lambda: wizard.importing.isComplete(), timeout=10000)
    assert "已导入" in wizard.importing.status.text()
    assert count_rows(qtbot, worker, "person") == before + 5


def test_cancelled_import_writes_nothing_and_shows_no_error(qtbot: QtBot, worker: DbWorker, xl: Any) -> None:
    wizard = wizard_at_preview(qtbot, worker, xl.national(xl.standard_rows()))
    journal = count_rows(qtbot, worker, "change_journal")
    errors: list[str] = []
    worker.failed.connect(errors.append)
    # Cancel as soon as the import starts: the token is set before the job reaches its first check.
    wizard.currentIdChanged.connect(lambda _id: wizard.cancel())
    with qtbot.waitSignal(wizard.jobFinished, timeout=30000):
        wizard.next()
    assert "已取消" in wizard.importing.status.text()
    assert count_rows(qtbot, worker, "change_journal") == journal
    assert errors == []


def test_reconcile_page_shows_the_differences(
    qtbot: QtBot, worker: DbWorker, xl: Any, tmp_path: Path
) -> None:
    page = ReconcilePage(worker)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.finished, timeout=30000) as finished:
        page.compare(xl.national(xl.standard_rows()))
    report = finished.args[0]
    assert report is not None and len(report.only_in_file) == 5
    assert page.tabs.count() == 5
    assert page.tabs.tabText(0).endswith("(5)")
    saved = page.save(tmp_path / "report.xlsx")
    assert saved is not None and saved.exists()
