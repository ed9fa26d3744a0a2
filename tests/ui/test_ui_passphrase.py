"""修改密码, 恢复密钥 and 忘记密码 in the app, driven with pytest-qt: the owner changes the passphrase from the
settings menu, makes a recovery key and saves its page, then forgets the passphrase and gets back in through the
start dialog's 忘记密码？ link with the recovery key — and through the county's release code — every record intact."""

from __future__ import annotations

import sys
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from yulu_desktop.services import passphrase
from yulu_desktop.store import keyring, schema
from yulu_desktop.store.database import Database, WrongPassphrase
from yulu_desktop.ui.dialogs import UnlockDialog
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.passphrase import menu as passphrase_menu
from yulu_desktop.ui.passphrase.forgot_dialog import ForgotPassphraseDialog
from yulu_desktop.ui.worker import DbWorker

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import County, running_county

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"  # that of the template database (tests/ui/conftest.py)
NEW = "new-passphrase-22"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


def _people(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.person)).scalar_one())


def _window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> MainWindow:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    return window


def _ok(dialog: object) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()  # type: ignore[attr-defined]


def test_change_passphrase_from_the_settings_menu(
    qtbot: QtBot, worker: DbWorker, db_path: Path, settings: QSettings
) -> None:
    window = _window(qtbot, worker, settings)
    titles = [a.text() for a in window.menuBar().actions()]
    assert any("设置" in t for t in titles)
    window.passphrase_actions.change.trigger()
    dialog = window.findChild(passphrase_menu.ChangePassphraseDialog)
    assert dialog is not None and dialog.isVisible()
    # Keyboard only: type the old passphrase and two different new ones.
    qtbot.keyClicks(dialog.old, "wrong-passphrase")
    qtbot.keyClicks(dialog.new, NEW)
    qtbot.keyClicks(dialog.repeat, NEW + "x")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    assert "不一致" in dialog.message.text()
    qtbot.keyClicks(dialog.repeat, NEW)
    _ok(dialog)
    qtbot.waitUntil(lambda: "原密码不正确" in dialog.message.text(), timeout=20000)
    qtbot.keyClicks(dialog.old, PASSPHRASE)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        _ok(dialog)
    assert "密码已修改" in window.statusBar().currentMessage()
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE)
    Database.open(db_path, NEW).close()
    # The window goes on working on the re-keyed database.
    assert worker.database is not None and _people(worker.database) > 0


def test_recovery_key_made_printed_and_used_when_the_passphrase_is_forgotten(
    qtbot: QtBot, worker: DbWorker, db_path: Path, settings: QSettings, tmp_path: Path
) -> None:
    window = _window(qtbot, worker, settings)
    window.passphrase_actions.recovery.trigger()
    dialog = window.findChild(passphrase_menu.RecoveryKeyDialog)
    assert dialog is not None
    assert not dialog.pdf_button.isEnabled()
    dialog.make_button.click()
    qtbot.waitUntil(lambda: bool(dialog.code), timeout=20000)
    code = dialog.code
    assert dialog.shown.text() == code and dialog.shown.isVisible()
    sheet = tmp_path / "恢复密钥.pdf"
    dialog.save_pdf(sheet)
    assert "已保存到" in dialog.message.text()
    pages = pypdf.PdfReader(sheet).pages
    assert len(pages) == 1 and code.split("-")[0] in pages[0].extract_text()
    before = _people(worker.database)  # type: ignore[arg-type]
    window.close()
    worker.database.close()  # type: ignore[union-attr]

    # Forgotten: the start dialog's link opens 忘记密码; a wrong key is a message, the right one opens.
    unlock = UnlockDialog(worker, db_path, settings=settings)
    qtbot.addWidget(unlock)
    unlock.show()
    assert unlock.user.count() == 0  # the recovery key does not invent local users
    assert unlock.forgot.isVisible()
    forgot = unlock.open_forgot()
    assert isinstance(forgot, ForgotPassphraseDialog)
    qtbot.keyClicks(forgot.code, "2222-3333-4444-5555-6666-7777")
    qtbot.keyClicks(forgot.new, NEW)
    qtbot.keyClicks(forgot.repeat, NEW)
    _ok(forgot)
    qtbot.waitUntil(lambda: "恢复密钥不正确" in forgot.message.text(), timeout=20000)
    forgot.code.setText(code.lower())
    with qtbot.waitSignal(unlock.accepted, timeout=20000):
        _ok(forgot)
    assert unlock.database is not None and _people(unlock.database) == before
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE)
    with Database.open(db_path, NEW) as db:
        assert _people(db) == before


def test_forgotten_passphrase_released_by_the_county(
    qtbot: QtBot, bare_worker: DbWorker, template_database: Path, tmp_path: Path, settings: QSettings
) -> None:
    from yulu_desktop.server import escrow as server_escrow

    with running_county(f"sqlite:///{tmp_path / 'server.db'}", template_database, tmp_path) as county:
        _forgotten_and_released(qtbot, bare_worker, county, settings, server_escrow)


def _forgotten_and_released(
    qtbot: QtBot, bare_worker: DbWorker, county: County, settings: QSettings, server_escrow: object
) -> None:
    db, client = county.device("hongyan")
    assert client.sync_once().complete
    device_id = client._device_id()
    path, before = db.path, _people(db)
    db.close()
    county.devices.remove(db)
    unlock = UnlockDialog(bare_worker, path, settings=settings)
    qtbot.addWidget(unlock)
    forgot = unlock.open_forgot()
    forgot.tabs.setCurrentIndex(1)
    assert forgot.server.text() == county.url  # remembered from the deposit
    assert device_id in forgot.findChild(type(forgot.message), "countyExplain").text()
    code = server_escrow.release(county.db, device_id, released_by="县管理员")  # type: ignore[attr-defined]
    qtbot.keyClicks(forgot.release, code)
    qtbot.keyClicks(forgot.new, NEW)
    qtbot.keyClicks(forgot.repeat, NEW)
    with qtbot.waitSignal(unlock.accepted, timeout=20000):
        _ok(forgot)
    assert unlock.database is not None and _people(unlock.database) == before
    unlock.database.close()
    with Database.open(path, NEW) as reopened:
        assert _people(reopened) == before
    assert passphrase.unlock_names(path) == []


def test_at_setup_the_recovery_key_is_made_and_shown_at_once(qtbot: QtBot, worker: DbWorker) -> None:
    from yulu_desktop.ui.passphrase.recovery_dialog import RecoveryKeyDialog

    dialog = RecoveryKeyDialog(worker, at_setup=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.code), timeout=20000)
    assert "数据库已创建" in dialog.intro.text()
    assert dialog.shown.isVisible() and dialog.pdf_button.isEnabled()
    assert worker.database is not None and passphrase.has_recovery_key(worker.database.path)
