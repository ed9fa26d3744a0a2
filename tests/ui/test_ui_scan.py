"""扫码核对 in the app: a scanner types the QR text of a real printed paper and Enter into the dialog."""

from __future__ import annotations

import io
import re
from typing import Any

import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from yulu_desktop.services import printing, records
from yulu_desktop.store.database import Database
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.scan_dialog import ScanDialog
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

ZHANG_KUN_ID = "500229200703150012"  # tests/ui/conftest.py


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def printed_dossier_of_zhang_kun(qtbot: QtBot, worker: DbWorker) -> tuple[str, str]:
    """(person id, QR text) of a 一人一档 printed for 张坤."""

    def job(db: Database) -> tuple[str, str]:
        with db.read_connection() as conn:
            person_id = str(
                conn.execute(
                    text("SELECT id FROM person WHERE id_number = :id"), {"id": ZHANG_KUN_ID}
                ).scalar_one()
            )
        pdf = printing.print_dossier(db, person_id, "测试")
        found = re.search(r"yulu:dossier:\S+", pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
        assert found is not None
        return person_id, found.group(0)

    result: tuple[str, str] = run(qtbot, worker, job)
    return result


def scan(qtbot: QtBot, dialog: ScanDialog, qr_text: str) -> object:
    """Type like a USB scanner: the characters, then Enter."""
    dialog.field.setFocus()
    with qtbot.waitSignal(dialog.checked, timeout=20000) as checked:
        qtbot.keyClicks(dialog.field, qr_text)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    return checked.args[0]


def test_scanning_a_printed_dossier_opens_the_person_and_tells_changes(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    person_id, qr_text = printed_dossier_of_zhang_kun(qtbot, worker)
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    assert window.scan_action.shortcut().toString() == "Ctrl+Shift+F"
    assert (
        window.scan_action
        in window.menuBar().findChild(type(window.menuBar().addMenu("x")), "printMenu").actions()
    )
    window.scan_action.trigger()
    dialog = window.findChild(ScanDialog)
    assert dialog is not None and dialog.isVisible()

    scan(qtbot, dialog, qr_text)
    assert dialog.isVisible()  # Enter belongs to the scanner, it does not close the dialog
    assert "张坤" in dialog.verdict.text() and "打印后记录没有改动" in dialog.verdict.text()
    assert "由 测试 打印" in dialog.verdict.text()
    assert person_id in window.person_windows
    opened = window.person_windows[person_id]
    qtbot.waitUntil(lambda: opened.file is not None, timeout=20000)
    assert dialog.field.text() == ""  # ready for the next paper

    run(
        qtbot, worker, lambda db: records.update_person(db, person_id, {"phone": "13912345678"}, actor="测试")
    )
    scan(qtbot, dialog, qr_text)
    verdict = dialog.verdict.text()
    assert "打印后记录已有改动" in verdict and "人员：" in verdict and "13912345678" not in verdict

    message = scan(qtbot, dialog, "https://example.com/not-ours")
    assert isinstance(message, str) and "不是雨露打印件" in dialog.verdict.text()
    assert not dialog.open_button.isEnabled()
    opened.close()
