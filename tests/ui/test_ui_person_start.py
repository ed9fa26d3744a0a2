"""The person file window, the start dialogs (create, unlock, wrong passphrase), the main window and --self-test."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from yulu_desktop.services import lists
from yulu_desktop.store.database import Database
from yulu_desktop.ui.dialogs import FirstRunDialog, UnlockDialog
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"


def _zhang_kun(qtbot: QtBot, worker: DbWorker) -> str:
    with qtbot.waitSignal(worker.done, timeout=10000) as done:
        worker.submit(lambda db: lists.fetch(db, "people", lists.ListQuery(text="张坤"))[0].person_id)
    return str(done.args[0].result)


def _open(qtbot: QtBot, worker: DbWorker) -> PersonWindow:
    person_id = _zhang_kun(qtbot, worker)
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window = PersonWindow(worker, person_id, "测试员")
    # A test that fails half-way must not leave a "save changes?" prompt blocking the teardown.
    qtbot.addWidget(
        window, before_close_func=lambda w: (setattr(w, "dirty", False), setattr(w, "job_dirty", False))
    )
    window.show()
    return window


def test_person_file_shows_every_section(qtbot: QtBot, qtmodeltester, worker: DbWorker) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, worker)
    assert window.file is not None and window.file.person.name == "张坤"
    assert "张坤" in window.header.text() and "500229********0012" in window.header.text()
    assert window.members.rowCount() == 2
    for model in (window.members, window.enrollments, window.subsidies, window.visits, window.jobs):
        qtmodeltester.check(model)
    assert window.tabs.count() == 9
    id_editor = window.form.editors["id_number"]
    assert (
        isinstance(id_editor, QLineEdit)
        and id_editor.text() == "500229********0012"
        and id_editor.isReadOnly()
    )


def test_edit_validates_as_you_type_and_saves_in_one_go(qtbot: QtBot, worker: DbWorker) -> None:
    window = _open(qtbot, worker)
    name = window.form.editors["name"]
    assert isinstance(name, QLineEdit)
    name.clear()
    assert "姓名" in window.form.message("name") or window.form.message("name")
    assert window.dirty and window.save_button.isEnabled()
    window.save()  # refused: the error stays next to the field
    assert window.dirty and "改正" in window.status.text()
    qtbot.keyClicks(name, "Zhang")
    assert not window.form.message("name")
    name.clear()
    name.insert("张昆")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.save_button.click()
    assert not window.dirty
    with qtbot.waitSignal(worker.idle, timeout=10000):
        pass
    assert window.file is not None and window.file.person.name == "张昆"


def test_reveal_is_audited_and_phone_validates(
    qtbot: QtBot, worker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = _open(qtbot, worker)
    monkeypatch.setattr(window, "ask_reveal_reason", lambda: None)
    window.reveal_button.click()  # cancelled: nothing shown, nothing audited
    assert window.form.editors["phone"].isReadOnly()  # type: ignore[attr-defined]
    monkeypatch.setattr(window, "ask_reveal_reason", lambda: "核对银行卡开户信息")
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window.reveal_button.click()
    phone = window.form.editors["phone"]
    assert isinstance(phone, QLineEdit) and phone.text() == "13812348000" and not phone.isReadOnly()
    phone.setText("1234")
    assert "手机号" in window.form.message("phone") or window.form.message("phone")

    def audited(db: Database) -> int:
        with db.read_connection() as conn:
            return int(
                conn.exec_driver_sql(
                    "SELECT count(*) FROM audit_log WHERE action = 'view_unmasked' AND detail LIKE '%核对银行卡%'"
                ).scalar_one()
            )

    with qtbot.waitSignal(worker.done, timeout=10000) as done:
        worker.submit(audited)
    assert done.args[0].result == 1


def test_employment_history_keeps_every_change(qtbot: QtBot, worker: DbWorker) -> None:
    window = _open(qtbot, worker)
    before = window.jobs.rowCount()
    form = window.job_form
    employer = form.editors["employer"]
    assert isinstance(employer, QLineEdit)
    employer.setText("")
    window.record_job_change()  # 就业 without an employer is refused next to the field
    assert form.message("employer")
    employer.insert("重庆欣乐美义齿公司")
    income = form.editors["monthly_income_fen"]
    assert isinstance(income, QLineEdit)
    income.setText("五千")
    assert form.message("monthly_income_fen")
    income.setText("5000")
    for _ in range(2):
        with qtbot.waitSignal(window.saved, timeout=10000):
            window.record_job_change()
        with qtbot.waitSignal(worker.idle, timeout=10000):
            pass
        employer.setText("重庆海康威视科技有限公司")
    assert window.jobs.rowCount() == before + 2


def test_closing_with_unsaved_changes_asks(qtbot: QtBot, worker: DbWorker) -> None:
    window = _open(qtbot, worker)
    ethnicity = window.form.editors["ethnicity"]
    assert isinstance(ethnicity, QLineEdit)
    ethnicity.setText("土家族")
    answers: list[str] = []

    def answer(button: QMessageBox.StandardButton) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        answers.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Cancel))
    assert not window.close()
    assert window.isVisible() and "未保存" in answers[0]
    QTimer.singleShot(0, lambda: answer(QMessageBox.StandardButton.Save))
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.close()
    assert not window.isVisible()


def test_attachment_added_from_disk_and_previewed(qtbot: QtBot, worker: DbWorker, tmp_path: Path) -> None:
    window = _open(qtbot, worker)
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkGreen)
    path = tmp_path / "学籍证明.png"
    image.save(str(path))
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window.add_attachment(path)
    assert window.attachment_list.count() == 1
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window.attachment_list.setCurrentRow(0)
    assert window.preview.pixmap() is not None and not window.preview.pixmap().isNull()


def test_first_run_creates_the_database(qtbot: QtBot, bare_worker: DbWorker, tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    dialog = FirstRunDialog(bare_worker, path)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.passphrase, "short")
    assert "至少" in dialog.hint.text() and not ok.isEnabled()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, "Hongyan-Village-2025")
    assert "强" in dialog.hint.text()
    qtbot.keyClicks(dialog.confirm, "Hongyan-Village-2024")
    assert "不一致" in dialog.message.text() and not ok.isEnabled()
    dialog.confirm.clear()
    qtbot.keyClicks(dialog.confirm, "Hongyan-Village-2025")
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        ok.click()
    assert path.exists() and dialog.database is not None


def test_unlock_wrong_passphrase_is_calm_and_retries(
    qtbot: QtBot, bare_worker: DbWorker, db_path: Path
) -> None:
    dialog = UnlockDialog(bare_worker, db_path)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.passphrase, "wrong-passphrase")
    with qtbot.waitSignal(bare_worker.idle, timeout=30000):
        ok.click()
    assert "密码不正确" in dialog.message.text() and dialog.result() == 0
    assert dialog.passphrase.text() == "" and dialog.passphrase.isEnabled()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.attempts == 2 and isinstance(dialog.database, Database)


def test_unlock_cancel(qtbot: QtBot, bare_worker: DbWorker, db_path: Path) -> None:
    dialog = UnlockDialog(bare_worker, db_path)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.rejected):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()


def test_main_window_pages_tree_status_and_remembered_state(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=10000):
        window.show()
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=10000):
            pass
    assert window.tree_model.rowCount() >= 2  # 全部 + counties
    assert "待同步" in window.pending_label.text()
    assert window.sync_label.text() == "上次同步：未配置同步"
    assert window.connection_label.text() == "连接：未配置同步"
    for kind in window.pages:
        window.page_actions[kind].trigger()
        assert window.stack.currentWidget() is window.pages[kind]
        # (the students page loads its terms, then its first page)
        qtbot.waitUntil(lambda: window.current_page().model.rowCount() > 0, timeout=10000)
    # Choose a county: the list is scoped to it.
    everything = window.current_page().model.total
    counties = [window.tree_model.index(row, 0) for row in range(1, window.tree_model.rowCount())]
    assert len(counties) >= 2
    totals = []
    for county in counties[:2]:
        with qtbot.waitSignal(window.current_page().model.pageLoaded, timeout=10000):
            window.tree.setCurrentIndex(county)
        totals.append(window.current_page().model.total)
    assert sum(totals) <= everything and min(totals) < everything
    window.resize(760, 560)  # within the offscreen screen, which restoreGeometry clamps to
    closed_size = window.size()
    window.close()
    again = MainWindow(worker, settings)
    qtbot.addWidget(again)
    assert again.current_kind == "visits"
    # The offscreen screen is smaller than the window's minimum size, so compare what was stored.
    stored = settings.value("window/geometry")
    assert stored is not None and again.restoreGeometry(stored)
    assert abs(again.size().height() - closed_size.height()) <= 2


def test_self_test_command_passes(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "yulu_desktop.ui.app", "--self-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "YULU_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "self-test OK" in result.stdout
    assert "a batch printed in 2 processes" in result.stdout


def test_english_is_selectable(
    qtbot: QtBot, qapp: QApplication, worker: DbWorker, settings: QSettings
) -> None:
    from PySide6.QtCore import QLocale

    from yulu_desktop.ui import i18n

    translators = i18n.install_translators(qapp, "en")
    try:
        assert any(t.language() == "en" for t in translators)
        window = MainWindow(worker, settings)
        qtbot.addWidget(window)
        assert window.windowTitle() == "Yulu Plan+ Workbench"
        assert window.page_actions["students"].text() == "Students"
        people = window.pages["people"].model
        assert people.headerData(0, Qt.Orientation.Horizontal) == "Name"
        with qtbot.waitSignal(worker.idle, timeout=10000):
            pass
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    assert MainWindow.tr("意愿清单") == "意愿清单"


def test_language_is_chosen_in_the_settings_menu(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    from yulu_desktop.ui import settings as ui_settings

    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    assert window.language_actions["zh_CN"].isChecked()
    window.language_actions["en"].trigger()
    assert ui_settings.LANGUAGE.get(settings) == "en"
    assert window.language_actions["en"].isChecked() and not window.language_actions["zh_CN"].isChecked()
    assert "下次启动" in window.statusBar().currentMessage()
    with qtbot.waitSignal(worker.idle, timeout=10000):
        pass


def test_members_show_the_birth_year_only_beside_masked_ids(qtbot: QtBot, worker: DbWorker) -> None:
    import re

    from PySide6.QtCore import Qt

    window = _open(qtbot, worker)
    model = window.members
    cells = [
        str(model.data(model.index(row, column), Qt.ItemDataRole.DisplayRole) or "")
        for row in range(model.rowCount())
        for column in range(model.columnCount())
    ]
    assert model.rowCount() > 0
    assert any(re.fullmatch(r"\d{4}年", cell) for cell in cells)
    assert not any(re.search(r"\d{4}-\d{2}-\d{2}", cell) for cell in cells)
