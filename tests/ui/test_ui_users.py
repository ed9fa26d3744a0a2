"""Local users in the desktop app: the start dialog asks who is unlocking, the lock screen unlocks for the
current user only, and 设置 → 本机用户 adds and removes users and changes a passphrase."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from yulu_desktop.services import local_users
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.dialogs import UnlockDialog, open_and_upgrade
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.users_dialog import UsersDialog
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"  # that of the template database (tests/ui/conftest.py)
LISI = "lisi-passphrase-2"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


@pytest.fixture
def with_lisi(db_path: Path) -> Path:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
    return db_path


def _try(qtbot: QtBot, dialog: UnlockDialog, passphrase: str) -> None:
    dialog.passphrase.setText(passphrase)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: dialog.message.text() != "正在打开…" or dialog.database is not None, timeout=20000
    )


def test_the_unlock_dialog_asks_who_and_remembers_them(
    qtbot: QtBot, bare_worker: DbWorker, with_lisi: Path, settings: QSettings
) -> None:
    dialog = UnlockDialog(bare_worker, with_lisi, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.user.itemText(i) for i in range(dialog.user.count())] == ["张三", "李四"]
    dialog.user.setCurrentText("李四")
    _try(qtbot, dialog, PASSPHRASE)  # the owner's passphrase is not 李四's
    assert "密码不正确" in dialog.message.text() and dialog.database is None
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        _try(qtbot, dialog, LISI)
    assert dialog.database is not None and dialog.database.local_user == "李四"
    assert ui_settings.LAST_USER.get(ui_settings.open_settings()) == "李四"

    again = UnlockDialog(bare_worker, with_lisi, settings=ui_settings.open_settings())
    qtbot.addWidget(again)
    assert again.user.currentText() == "李四"


def test_a_lost_key_file_is_said_and_the_owner_still_opens(
    qtbot: QtBot, bare_worker: DbWorker, with_lisi: Path, settings: QSettings
) -> None:
    ui_settings.LAST_USER.set(settings, "李四")
    keyring.key_file_path(with_lisi).unlink()
    dialog = UnlockDialog(bare_worker, with_lisi, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.user.count() == 0
    assert "找不到本机用户钥匙文件" in dialog.problem.text() and dialog.problem.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        _try(qtbot, dialog, PASSPHRASE)


def _window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> MainWindow:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    return window


def test_the_lock_screen_unlocks_for_the_current_user_only(
    qtbot: QtBot, bare_worker: DbWorker, with_lisi: Path, settings: QSettings
) -> None:
    with qtbot.waitSignal(bare_worker.idle, timeout=20000):
        bare_worker.open(open_and_upgrade(with_lisi, LISI, create=False, user="李四"))
    window = _window(qtbot, bare_worker, settings)
    assert window.actor == "李四" and "用户：李四" in window.db_label.text()
    window.idle_lock.lock()
    dialog = window.idle_lock.dialog
    assert dialog is not None and "李四" in dialog.findChild(type(dialog.message), "intro").text()
    dialog.passphrase.setText(PASSPHRASE)  # the owner's passphrase does not unlock 李四's session
    dialog.unlock()
    qtbot.waitUntil(lambda: dialog.message.text() != "正在验证…", timeout=20000)
    assert window.idle_lock.locked and "密码不正确" in dialog.message.text()
    dialog.passphrase.setText(LISI)
    dialog.unlock()
    qtbot.waitUntil(lambda: not window.idle_lock.locked, timeout=20000)


def test_the_owner_adds_and_removes_users_from_the_settings_menu(
    qtbot: QtBot, worker: DbWorker, db_path: Path, settings: QSettings
) -> None:
    window = _window(qtbot, worker, settings)
    assert window.users_action.text() == "本机用户…"
    dialog = window.open_users()
    qtbot.waitUntil(lambda: "还没有其他用户" in dialog.message.text(), timeout=20000)
    form = dialog.ask_add()
    form.name.setText("李四")
    form.passphrase.setText(LISI)
    form.confirm.setText(LISI)
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert form.isVisible() and "所有者" in form.message.text()  # the first user names the owner too
    form.owner.setText("张三")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=20000)
    assert [dialog.list.item(i).text() for i in range(2)] == ["张三（所有者，当前）", "李四"]
    Database.open(db_path, LISI, user="李四").close()

    dialog.list.setCurrentRow(0)
    assert not dialog.remove_button.isEnabled() and not dialog.passwd_button.isEnabled()
    dialog.list.setCurrentRow(1)
    assert dialog.remove_button.isEnabled()
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: dialog.list.count() == 1, timeout=20000)
    assert "已删除用户“李四”" in dialog.message.text()
    with pytest.raises(keyring.UnknownUser):
        Database.open(db_path, LISI, user="李四")


def test_a_user_changes_their_own_passphrase_but_cannot_add_users(
    qtbot: QtBot, bare_worker: DbWorker, with_lisi: Path
) -> None:
    with qtbot.waitSignal(bare_worker.idle, timeout=20000):
        bare_worker.open(open_and_upgrade(with_lisi, LISI, create=False, user="李四"))
    dialog = UsersDialog(bare_worker)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.list.count() == 2, timeout=20000)
    assert not dialog.add_button.isEnabled()
    dialog.list.setCurrentRow(1)
    assert not dialog.remove_button.isEnabled() and dialog.passwd_button.isEnabled()
    form = dialog.ask_passphrase()
    assert form is not None and form.old.isVisibleTo(form)
    form.old.setText("not-the-old-one")
    form.passphrase.setText("lisi-new-passphrase")
    form.confirm.setText("lisi-new-passphrase")
    form.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "原密码不正确" in dialog.message.text(), timeout=20000)
    dialog.change_passphrase("李四", "lisi-new-passphrase", LISI)
    qtbot.waitUntil(lambda: "已修改" in dialog.message.text(), timeout=20000)
    Database.open(with_lisi, "lisi-new-passphrase", user="李四").close()
