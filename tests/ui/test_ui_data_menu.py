"""The 数据 and 打印 menus of the main window and the list pages' Excel export: masked by default, full on
request (audited), cancel; import wizard and reconciliation from the menu; batch printing and its cancel."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QPushButton
from pytestqt.qtbot import QtBot

from yulu_desktop.printing import render_pool
from yulu_desktop.services import printing
from yulu_desktop.store.database import Database
from yulu_desktop.ui.import_wizard import ImportWizard
from yulu_desktop.ui.list_page import ListPage
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.reconcile_page import ReconcilePage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def village_with(qtbot: QtBot, worker: DbWorker, table: str) -> str:
    def job(db: Database) -> str:
        with db.read_connection() as conn:
            return str(
                conn.exec_driver_sql(
                    f"SELECT h.village_id FROM {table} x JOIN person p ON p.id = x.person_id "
                    "JOIN household h ON h.id = p.household_id GROUP BY h.village_id "
                    "ORDER BY count(*) LIMIT 1"
                ).scalar_one()
            )

    return str(run(qtbot, worker, job))


@contextlib.contextmanager
def worker_held(worker: DbWorker) -> Iterator[None]:
    """Keep the worker busy inside the block, so a job submitted there starts only after the block (a cancel
    given in the block is seen by the job's first check, whatever the thread timing)."""
    gate = threading.Event()
    worker.submit(lambda _db: gate.wait(20))
    try:
        yield
    finally:
        gate.set()


def export_audit(qtbot: QtBot, worker: DbWorker) -> list[tuple[str, str, str]]:
    def job(db: Database) -> list[tuple[str, str, str]]:
        with db.read_connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT actor, action, detail FROM audit_log WHERE action = 'export' ORDER BY id"
            ).all()
        return [(r[0], r[1], r[2]) for r in rows]

    return list(run(qtbot, worker, job))


@pytest.fixture
def intents_page(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> ListPage:
    page = ListPage(worker, "intents", "入读职业院校意愿清单", settings, actor="测试员")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.pageLoaded, timeout=20000):
        page.set_scope(village_with(qtbot, worker, "intent"), "某村")
    assert page.model.total > 0
    return page


def sheet_rows(path: Path) -> list[tuple[Any, ...]]:
    book = openpyxl.load_workbook(path, read_only=True)
    rows = [tuple(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    return rows


def enroll(qtbot: QtBot, worker: DbWorker, role: str) -> None:
    """Make the laptop enrolled for a cadre with ``role`` (what sync enrollment writes)."""

    def job(db: Database) -> None:
        with db.write_connection() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'wx', '王县', ?) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = 'wx', cadre_name = '王县', "
                "cadre_role = excluded.cadre_role",
                (role,),
            )

    run(qtbot, worker, job)


def export(qtbot: QtBot, page: ListPage, path: Path, *, full: bool, reason: str = "一卡通发放核对") -> Any:
    dialog = page.export_excel()
    assert dialog.path_edit.text().endswith("入读职业院校意愿清单_某村.xlsx")
    assert not dialog.full_check.isChecked()  # masked unless asked
    qtbot.waitUntil(lambda: dialog.acting is not None)
    dialog.path_edit.setText(str(path))
    dialog.full_check.setChecked(full)
    dialog.reason_edit.setText(reason if full else "")
    with qtbot.waitSignal(dialog.exported, timeout=20000) as exported:
        dialog.export_button.click()
    return exported.args[0]


def test_list_export_writes_the_page_rows_masked(
    qtbot: QtBot, worker: DbWorker, intents_page: ListPage, tmp_path: Path
) -> None:
    result = export(qtbot, intents_page, tmp_path / "意愿", full=False)
    assert result is not None and result.path == tmp_path / "意愿.xlsx"
    rows = sheet_rows(result.path)
    header = next(i for i, row in enumerate(rows) if "姓名" in row)
    data = [row for row in rows[header + 1 :] if any(row)]
    assert len(data) == result.rows == intents_page.model.total
    id_column = rows[header].index(next(h for h in rows[header] if h and "身份证" in str(h)))
    ids = [str(row[id_column]) for row in data if row[id_column]]
    assert ids and all("*" in value for value in ids)
    assert [(a, act) for a, act, _d in export_audit(qtbot, worker)] == [("测试员", "export")]
    assert "敏感信息已打码" in export_audit(qtbot, worker)[0][2]


def test_full_export_is_unmasked_and_audited(
    qtbot: QtBot, worker: DbWorker, intents_page: ListPage, tmp_path: Path
) -> None:
    enroll(qtbot, worker, "county")
    result = export(qtbot, intents_page, tmp_path / "full.xlsx", full=True)
    assert result is not None and result.full
    rows = sheet_rows(result.path)
    assert not any("*" in str(cell) for row in rows for cell in row if cell and len(str(cell)) == 18)
    audit = export_audit(qtbot, worker)
    assert len(audit) == 1 and "含完整身份证号" in audit[0][2] and "理由：一卡通发放核对" in audit[0][2]
    assert audit[0][0] == "王县（wx）"


@pytest.mark.parametrize("role", ["", "village", "township"])
def test_full_export_is_not_offered_below_the_county(
    qtbot: QtBot, worker: DbWorker, intents_page: ListPage, role: str
) -> None:
    if role:
        enroll(qtbot, worker, role)
    dialog = intents_page.export_excel()
    qtbot.waitUntil(lambda: dialog.acting is not None)
    assert dialog.full_check.isHidden() and dialog.reason_edit.isHidden()


def test_full_export_asks_for_a_reason(qtbot: QtBot, worker: DbWorker, intents_page: ListPage) -> None:
    enroll(qtbot, worker, "county_admin")
    dialog = intents_page.export_excel()
    qtbot.waitUntil(lambda: dialog.full_check.isVisible())
    assert dialog.reason_edit.isHidden() and dialog.export_button.isEnabled()
    dialog.full_check.setChecked(True)
    assert dialog.reason_edit.isVisible() and not dialog.export_button.isEnabled()
    dialog.reason_edit.setText("  ")
    assert not dialog.export_button.isEnabled()
    dialog.reason_edit.setText("发放核对")
    assert dialog.export_button.isEnabled()
    dialog.full_check.setChecked(False)
    assert dialog.reason_edit.isHidden() and dialog.export_button.isEnabled()


def test_cancelled_export_leaves_no_file(
    qtbot: QtBot, worker: DbWorker, intents_page: ListPage, tmp_path: Path
) -> None:
    dialog = intents_page.export_excel()
    dialog.path_edit.setText(str(tmp_path / "cancelled.xlsx"))
    errors: list[str] = []
    worker.failed.connect(errors.append)
    with qtbot.waitSignal(dialog.exported, timeout=20000) as exported, worker_held(worker):
        dialog.start()
        dialog.cancel()
    assert exported.args[0] is None
    assert "已取消" in dialog.status.text()
    assert not (tmp_path / "cancelled.xlsx").exists()
    assert errors == [] and export_audit(qtbot, worker) == []


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


def test_data_menu_opens_the_import_wizard_and_reconciliation(qtbot: QtBot, window: MainWindow) -> None:
    menus = {action.text(): action.menu() for action in window.menuBar().actions()}
    assert set(menus) >= {"数据(&D)", "打印(&P)"}
    data_actions = [a.text() for a in menus["数据(&D)"].actions() if a.text()]
    assert data_actions[:2] == ["导入 Excel…", "核对国家系统数据…"]
    window.import_action.trigger()
    wizard = window.findChild(ImportWizard)
    assert wizard is not None and wizard.isVisible() and wizard.actor == window.actor
    # A finished import refreshes the current page and the pending count.
    page = window.current_page()
    with qtbot.waitSignal(page.model.pageLoaded, timeout=20000):
        wizard.imported.emit(object())
    window.reconcile_action.trigger()
    reconcile = window.findChild(ReconcilePage)
    assert reconcile is not None and reconcile.isVisible()
    print_actions = [a.text() for a in menus["打印(&P)"].actions() if a.text()]
    assert {"本村一人一档（批量）…", "本村补助申请表（批量）…", "公示名单…"} <= set(print_actions)


def test_cancelled_batch_print_leaves_no_file_and_no_error(
    qtbot: QtBot, worker: DbWorker, window: MainWindow, tmp_path: Path
) -> None:
    village = village_with(qtbot, worker, "enrollment")
    target = tmp_path / "batch" / "一人一档.pdf"
    target.parent.mkdir()
    errors: list[str] = []
    worker.failed.connect(errors.append)
    with worker_held(worker):
        window.batch_print("dossiers", org_unit_id=village, target=target)
        batch = window.batch
        assert batch is not None
        cancel = batch.dialog.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "取消"
        cancel.click()
    with qtbot.waitSignal(batch.finished, timeout=30000) as finished:
        pass
    assert finished.args[0] is None and batch.cancelled and not batch.error
    assert list(target.parent.iterdir()) == []
    assert errors == []
    assert "已取消" in window.statusBar().currentMessage()


def test_batch_print_starts_the_workers_while_the_user_chooses_the_file(
    qtbot: QtBot, worker: DbWorker, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    village = village_with(qtbot, worker, "enrollment")
    monkeypatch.setattr(printing, "batch_workers", lambda: 2)  # whatever this machine's cores
    running_then: list[bool] = []

    def choose_no_file(*args: object, **kwargs: object) -> tuple[str, str]:
        running_then.append(render_pool.shared(2).running)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose_no_file)
    try:
        window.batch_print("dossiers", org_unit_id=village)
        assert running_then == [True]
        assert window.batch is None  # no file chosen: nothing printed
    finally:
        render_pool.shared(2).close()


def test_batch_print_writes_one_pdf(
    qtbot: QtBot, worker: DbWorker, window: MainWindow, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    village = village_with(qtbot, worker, "enrollment")
    target = tmp_path / "forms.pdf"

    def a_term(db: Database) -> str:
        with db.read_connection() as conn:
            year, semester = conn.exec_driver_sql(
                "SELECT e.school_year, e.semester FROM enrollment e JOIN person p ON p.id = e.person_id "
                "JOIN household h ON h.id = p.household_id WHERE h.village_id = ? "
                "ORDER BY e.school_year DESC LIMIT 1",
                (village,),
            ).one()
        start, _, end = str(year).partition("-")
        return f"{start if semester == 'autumn' else end}-{semester}"

    term = run(qtbot, worker, a_term)
    window.batch_print("forms", org_unit_id=village, target=target, term=term, signed=(False, ""))
    assert window.batch is not None
    with qtbot.waitSignal(window.batch.finished, timeout=60000) as finished:
        pass
    result = finished.args[0]
    assert result is not None, window.statusBar().currentMessage()
    assert len(PdfReader(target).pages) == result.printed
    assert "已生成" in window.statusBar().currentMessage()
    masked = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "********" in masked
    # The copies to be signed: full ID numbers, with the reason in the audit log.
    signed = tmp_path / "signed.pdf"
    window.batch_print(
        "forms", org_unit_id=village, target=signed, term=term, signed=(True, "村委会初审签字")
    )
    assert window.batch is not None
    with qtbot.waitSignal(window.batch.finished, timeout=60000) as finished:
        pass
    assert finished.args[0] is not None, window.statusBar().currentMessage()
    assert "********" not in "".join(page.extract_text() for page in PdfReader(signed).pages)

    def reasons(db: Database) -> list[str]:
        with db.read_connection() as conn:
            return [str(r[0]) for r in conn.exec_driver_sql("SELECT detail FROM audit_log").fetchall()]

    assert any("村委会初审签字" in detail for detail in run(qtbot, worker, reasons))
