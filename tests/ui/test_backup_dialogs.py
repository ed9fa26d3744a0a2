"""备份 and 恢复 in the app (ui/backup): the backup dialog writes a verified file and says where, how big and how
many people; the restore dialog lists the laptop's backups, says what one holds, refuses a wrong passphrase and
another county's backup without touching anything, and restores — on a laptop with no database yet, and from
the main window (which closes the database for the swap and starts the app again). Automatic backups."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from yulu_desktop.services import backup, records
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.backup import actions
from yulu_desktop.ui.backup.backup_dialog import BackupDialog
from yulu_desktop.ui.backup.restore_dialog import RestoreDialog
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"


def people(path: Path) -> int:
    with Database.open(path, PASSPHRASE) as db, db.read_connection() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one())


def make_backup(db_path: Path, folder: Path) -> backup.BackupResult:
    folder.mkdir(exist_ok=True)
    with Database.open(db_path, PASSPHRASE) as db:
        return backup.back_up(db, folder)


def test_backup_dialog_writes_a_verified_file_and_says_where(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, tmp_path: Path
) -> None:
    db = worker.database
    assert db is not None
    usb = tmp_path / "U盘"
    usb.mkdir()
    dialog = BackupDialog(db, settings, actor="张书记")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.folder.text() == ""  # nothing chosen yet: 开始备份 waits for a folder
    assert not dialog.start_button.isEnabled()
    dialog.folder.setText(str(usb))  # (QTest cannot type Chinese characters)
    assert dialog.start_button.isEnabled()
    with qtbot.waitSignal(dialog.start_button.clicked):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.backup_result is not None, timeout=30000)
    result = dialog.backup_result
    assert result is not None and result.path.parent == usb and result.path.exists()
    text = dialog.message.text()
    assert str(result.path) in text and "人" in text and "已校验" in text
    assert f"{result.manifest.people} 人" in text
    assert ui_settings.BACKUP_FOLDER.get(settings) == str(usb)
    assert backup.inspect(result.path).people == result.manifest.people > 0
    # Next time the folder is already there.
    again = BackupDialog(db, settings)
    qtbot.addWidget(again)
    assert again.folder.text() == str(usb)


def test_backup_dialog_names_a_missing_folder(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, tmp_path: Path
) -> None:
    db = worker.database
    assert db is not None
    dialog = BackupDialog(db, settings)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "没插好的U盘"))
    dialog.start()
    assert "找不到文件夹" in dialog.message.text() and "没插好的U盘" in dialog.message.text()
    assert dialog.task is None


def test_restore_dialog_on_a_new_laptop(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    """The first-start page's 从备份恢复: no database yet, the laptop's backups listed, then restored."""
    expected = people(db_path)
    with Database.open(db_path, PASSPHRASE) as db:
        made = backup.auto_back_up(db, 7)
    assert made is not None
    target = tmp_path / "new-laptop" / "yulu.db"
    dialog = RestoreDialog(target)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.list.count() == 1 and "自动备份" in dialog.list.item(0).text()
    assert not dialog.restore_button.isEnabled()
    dialog.list.setCurrentRow(0)
    assert dialog.file.text() == str(made.path)
    assert f"{expected} 人" in dialog.details.text() and "备份时间" in dialog.details.text()
    # A wrong passphrase: said so, nothing written.
    qtbot.keyClicks(dialog.passphrase, "wrong-passphrase")
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "没有恢复" in dialog.message.text(), timeout=30000)
    assert "密码不正确" in dialog.message.text()
    assert not target.exists()
    dialog.passphrase.clear()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=30000):
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.restored is not None and dialog.restored.set_aside is None
    assert people(target) == expected


def test_restore_dialog_refuses_another_countys_backup(
    qtbot: QtBot, template_database: Path, db_path: Path, tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    shutil.copyfile(template_database, other)
    with Database.open(other, PASSPHRASE) as db, records.writing(db, "测试") as session:
        records.ensure_org_unit(session, "500238", "巫溪县", "county", None)
    foreign = make_backup(other, tmp_path / "usb")
    with Database.open(db_path, PASSPHRASE) as current:
        county = backup.current_county(current)
    before = db_path.read_bytes()
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.expect_county(county)
    dialog.select(foreign.path)
    assert "巫溪县（500238）的备份" in dialog.message.text()
    assert "不能用另一个县的备份" in dialog.message.text()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    assert not dialog.restore_button.isEnabled()
    assert db_path.read_bytes() == before


def test_restore_dialog_refuses_a_damaged_file(qtbot: QtBot, db_path: Path, tmp_path: Path) -> None:
    made = make_backup(db_path, tmp_path / "usb")
    data = bytearray(made.path.read_bytes())
    data[len(data) // 3] ^= 0xFF
    made.path.write_bytes(bytes(data))
    before = db_path.read_bytes()
    dialog = RestoreDialog(db_path)
    qtbot.addWidget(dialog)
    dialog.select(made.path)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "没有恢复" in dialog.message.text(), timeout=30000)
    assert "已损坏" in dialog.message.text()
    assert db_path.read_bytes() == before and not dialog.closed_current


def test_main_window_restores_and_starts_again(
    qtbot: QtBot,
    worker: DbWorker,
    settings: QSettings,
    db_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = worker.database
    assert db is not None
    taken = backup.back_up(db, tmp_path)
    expected = taken.manifest.people
    with db.write_connection() as conn:  # a change after the backup: the restore takes it away
        conn.exec_driver_sql("DELETE FROM visit")
    restarts: list[bool] = []
    monkeypatch.setattr(actions, "restart_application", lambda: restarts.append(True))
    monkeypatch.setattr(actions.QMessageBox, "information", lambda *_args: None)
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    data_menu = window.menuBar().findChild(QMenu, "dataMenu")
    assert data_menu is not None
    menu_texts = [a.text() for a in data_menu.actions()]
    assert "备份(&B)…" in menu_texts and "从备份恢复(&R)…" in menu_texts
    dialog = window.backup_actions.open_restore()
    assert dialog is not None
    unsent = backup.unsent_changes(db)
    assert unsent > 0 and f"本机现在有 {unsent} 条修改还没有同步到县里" in dialog.note.text()
    dialog.select(taken.path)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    with qtbot.waitSignal(dialog.finished, timeout=30000):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.closed_current and dialog.restored is not None
    assert worker.database is None  # closed for the swap
    assert restarts == [True]
    assert people(db_path) == expected
    aside = dialog.restored.set_aside
    assert aside is not None and aside.exists()
    with Database.open(db_path, PASSPHRASE) as restored, restored.read_connection() as conn:
        assert (
            conn.exec_driver_sql("SELECT count(*) FROM visit").scalar_one() == taken.manifest.counts["visit"]
        )
    window.backup_actions.on_close()  # no automatic backup of a closed database
    assert backup.auto_backups() == []


def test_automatic_backup_at_closing_once_a_day(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    ui_settings.AUTO_BACKUPS_KEPT.set(settings, 2)
    window.backup_actions.on_close()
    first = backup.auto_backups()
    assert len(first) == 1 and backup.inspect(first[0]).people > 0
    window.backup_actions.on_close()  # the same day: nothing more
    assert backup.auto_backups() == first
    ui_settings.AUTO_BACKUPS_KEPT.set(settings, 0)
    first[0].unlink()
    assert window.backup_actions.auto_backup_if_due() is None  # turned off
    ui_settings.AUTO_BACKUPS_KEPT.set(settings, 2)
    with qtbot.waitSignal(window.backup_actions.autoBackupDone, timeout=30000) as done:
        task = window.backup_actions.auto_backup_if_due()  # the hourly check of a long-running app
        assert task is not None
    assert done.args[0] is not None and len(backup.auto_backups()) == 1
    assert "已自动备份" in window.statusBar().currentMessage()
