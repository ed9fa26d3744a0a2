"""Idle auto-lock: every window covered after the idle time, the passphrase brings everything back as it was;
wrong passphrases in a row slow further tries down, on the lock screen and at the start, across restarts."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.dialogs import UnlockDialog
from yulu_desktop.ui.lock import FREE_ATTEMPTS, LockDialog, PassphraseThrottle, _Cover, retry_delay
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"  # that of the template database (tests/ui/conftest.py)


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


def _cover_of(widget: QWidget) -> _Cover | None:
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    covers = [c for c in widget.findChildren(_Cover, options=direct) if c.isVisible()]
    return covers[0] if covers else None


def _covered(widget: QWidget) -> bool:
    cover = _cover_of(widget)
    return cover is not None and cover.geometry() == widget.rect()


def _try(qtbot: QtBot, dialog: LockDialog | UnlockDialog, passphrase: str) -> None:
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    assert dialog.message.text() in ("正在验证…", "正在打开…")  # the check runs off the GUI thread
    qtbot.waitUntil(lambda: dialog.message.text() not in ("正在验证…", "正在打开…"), timeout=20000)


def _modal_form(window: QWidget, text: str) -> tuple[QDialog, QLineEdit]:
    """An application-modal dialog with something typed in it (as an edit form would be)."""
    form = QDialog(window)
    form.setWindowModality(Qt.WindowModality.ApplicationModal)
    field = QLineEdit(form)
    QVBoxLayout(form).addWidget(field)
    form.open()
    field.setText(text)
    return form, field


def test_the_default_is_ten_minutes_and_zero_turns_it_off(window: MainWindow, settings: QSettings) -> None:
    assert ui_settings.IDLE_LOCK_MINUTES.get(settings) == 10
    assert window.idle_lock.idle_timeout_ms == 10 * 60_000
    window.idle_lock.set_idle_minutes(0)
    assert window.idle_lock.idle_timeout_ms == 0
    assert ui_settings.IDLE_LOCK_MINUTES.get(ui_settings.open_settings()) == 0


def test_idle_time_covers_every_window_and_the_passphrase_brings_everything_back(
    qtbot: QtBot, window: MainWindow, settings: QSettings
) -> None:
    visit = window.new_visit()
    qtbot.keyClicks(visit.household_search, "zhangk")
    form, field = _modal_form(window, "还没保存的内容")
    window.idle_lock.set_idle_timeout_ms(300)
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)

    dialog = window.idle_lock.dialog
    assert dialog is not None and dialog.isVisible()
    assert (
        QApplication.activeModalWidget() is dialog
    )  # above the form that was modal: it can take the passphrase
    for covered in (window, visit, form):
        assert covered.isVisible() and _covered(covered), covered
    assert visit.household_search.text() == "zhangk" and field.text() == "还没保存的内容"

    # Escape does not dismiss the prompt; a wrong passphrase is a calm message.
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    _try(qtbot, dialog, "not-the-passphrase")
    assert "密码不正确" in dialog.message.text()
    assert window.idle_lock.locked

    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not window.idle_lock.locked, timeout=20000)
    for covered in (window, visit, form):
        assert covered.isVisible() and _cover_of(covered) is None
    assert visit.household_search.text() == "zhangk" and field.text() == "还没保存的内容"
    assert window.idle_lock.throttle.failures == 0
    form.close()
    visit.close()


def test_input_postpones_the_lock_and_a_window_opened_while_locked_is_covered(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.idle_lock.set_idle_timeout_ms(600)
    for _ in range(8):  # 1.2 s of typing, never 600 ms apart
        qtbot.keyClick(window.stack, Qt.Key.Key_Shift)
        qtbot.wait(150)
        assert not window.idle_lock.locked
    qtbot.waitUntil(lambda: window.idle_lock.locked, timeout=5000)

    late = QDialog(window)
    late.show()  # a message from a background task, say
    qtbot.waitUntil(lambda: _covered(late), timeout=2000)
    late.close()


def test_locking_by_hand_from_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    window.lock_action.trigger()
    assert window.idle_lock.locked and _covered(window)


def test_five_wrong_passphrases_slow_the_lock_screen_down_and_the_count_survives_a_restart(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.idle_lock.lock()
    dialog = window.idle_lock.dialog
    assert dialog is not None
    for _ in range(FREE_ATTEMPTS - 1):
        _try(qtbot, dialog, "wrong-passphrase")
        assert dialog.passphrase.isEnabled()
    _try(qtbot, dialog, "wrong-passphrase")
    assert not dialog.passphrase.isEnabled()
    assert "秒后再试" in dialog.message.text() and "30" in dialog.message.text()

    again = PassphraseThrottle(ui_settings.open_settings())  # what the next start reads
    assert again.failures == FREE_ATTEMPTS
    assert 25 <= again.remaining() <= 30


def test_the_wait_doubles_and_a_clock_set_back_cannot_make_it_longer(settings: QSettings) -> None:
    now = [1_000_000.0]
    throttle = PassphraseThrottle(settings, clock=lambda: now[0])
    waits = [throttle.failed() for _ in range(FREE_ATTEMPTS)]
    assert waits == [0, 0, 0, 0, 30]
    now[0] += 31
    assert throttle.remaining() == 0
    assert throttle.failed() == 60
    now[0] -= 10_000  # the clock is set back
    assert throttle.remaining() == 60
    assert [retry_delay(n) for n in (4, 5, 6, 7, 100)] == [0, 30, 60, 120, 3600]
    throttle.succeeded()
    assert (throttle.failures, throttle.remaining()) == (0, 0)


def test_the_unlock_dialog_at_the_start_is_slowed_down_too_across_restarts(
    qtbot: QtBot, bare_worker: DbWorker, db_path: Path, settings: QSettings
) -> None:
    dialog = UnlockDialog(bare_worker, db_path, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    for _ in range(FREE_ATTEMPTS):
        _try(qtbot, dialog, "wrong-passphrase")
    assert not dialog.passphrase.isEnabled() and "秒后再试" in dialog.message.text()

    # The application is started again: the new dialog is still waiting.
    restarted = UnlockDialog(bare_worker, db_path, settings=ui_settings.open_settings())
    qtbot.addWidget(restarted)
    restarted.show()
    assert not restarted.passphrase.isEnabled() and "秒后再试" in restarted.message.text()

    # Once the wait is over, the right passphrase opens the database and clears the count.
    ui_settings.UNLOCK_BLOCKED_UNTIL.set(restarted.throttle._settings, 0)
    restarted._tick()
    assert restarted.passphrase.isEnabled()
    qtbot.keyClicks(restarted.passphrase, PASSPHRASE)
    with qtbot.waitSignal(restarted.accepted, timeout=20000):
        qtbot.keyClick(restarted.passphrase, Qt.Key.Key_Return)
    assert PassphraseThrottle(ui_settings.open_settings()).failures == 0
