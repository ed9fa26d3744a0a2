"""Idle auto-lock and the slow-down of passphrase guessing.

After :data:`~yulu_desktop.ui.settings.IDLE_LOCK_MINUTES` without keyboard or mouse input (0 turns it off),
every window of the application is covered and a lock dialog asks for the database passphrase. Nothing is
closed or hidden: open forms and dialogs keep what was typed in them under their cover, and come back as they
were. Windows that open while locked (a message from a background task) are covered as they appear.

Where the laptop has local users, only the user who unlocked the database unlocks the screen, with their own
passphrase: what is under the cover is their work and is recorded under their name (another user restarts
the application and signs in as themselves).

The database stays open while locked (background work and sync carry on); the lock keeps a passer-by from
reading or changing what is on the screen. A passphrase is checked by opening the database with it, which
costs the same key derivation as unlocking at the start.

:class:`PassphraseThrottle` slows guessing down, at the start and on the lock screen alike: after
:data:`FREE_ATTEMPTS` wrong passphrases in a row each further try waits, 30 seconds and then twice as long each
time. The count and the time of the next allowed try are kept in the settings file (no secret in them), so
restarting the application does not reset them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.store.database import WrongPassphrase
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.i18n import icon

#: Wrong passphrases in a row before tries are slowed down.
FREE_ATTEMPTS = 5
#: The wait after the FREE_ATTEMPTS-th wrong passphrase; each further one doubles it, up to MAX_DELAY_SECONDS.
FIRST_DELAY_SECONDS = 30
MAX_DELAY_SECONDS = 3600

_INPUT_EVENTS = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TabletPress,
        QEvent.Type.InputMethod,
    }
)


def retry_delay(failures: int) -> int:
    """Seconds to wait before the next try after ``failures`` wrong passphrases in a row."""
    if failures < FREE_ATTEMPTS:
        return 0
    return int(min(FIRST_DELAY_SECONDS * 2 ** min(failures - FREE_ATTEMPTS, 20), MAX_DELAY_SECONDS))


class PassphraseThrottle:
    """Counts wrong passphrases in a row in the settings file and says how long the next try must wait."""

    def __init__(self, settings: QSettings, clock: Callable[[], float] = time.time) -> None:
        self._settings = settings
        self._clock = clock

    @property
    def failures(self) -> int:
        return max(0, ui_settings.FAILED_UNLOCKS.get(self._settings))

    def remaining(self) -> int:
        """Whole seconds until a passphrase may be tried again (0: now)."""
        until = ui_settings.UNLOCK_BLOCKED_UNTIL.get(self._settings)
        left = until - self._clock()
        if left <= 0:
            return 0
        # A clock set back must not lock the user out for longer than the rule says.
        return int(min(left, retry_delay(self.failures)) + 0.999)

    def failed(self) -> int:
        """Count a wrong passphrase; the seconds to wait before the next try."""
        failures = self.failures + 1
        ui_settings.FAILED_UNLOCKS.set(self._settings, failures)
        ui_settings.UNLOCK_BLOCKED_UNTIL.set(self._settings, int(self._clock() + retry_delay(failures)))
        self._settings.sync()
        return self.remaining()

    def succeeded(self) -> None:
        ui_settings.FAILED_UNLOCKS.set(self._settings, 0)
        ui_settings.UNLOCK_BLOCKED_UNTIL.set(self._settings, 0)
        self._settings.sync()


def wait_message(seconds: int) -> str:
    """已连续输错… — the message while tries are slowed down (the lock screen's and the start's)."""
    return QCoreApplication.translate("lock", "密码已连续输错多次，为防止猜测，请在 {0} 秒后再试。").format(
        seconds
    )


class _Cover(QWidget):
    """An opaque sheet over one window: its content is neither visible nor reachable, and stays as it is."""

    def __init__(self, window: QWidget, *, main: bool) -> None:
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setAutoFillBackground(True)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet("#lockCover { background: #eef2f6; } QLabel { color: #37474f; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 48, 24, 24)
        if main:
            logo = QLabel()
            logo.setPixmap(icon("app").pixmap(64, 64))
            logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(logo)
        title = QLabel(self.tr("雨露已锁定") if main else self.tr("已锁定"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title.setStyleSheet("font-size: 20px; font-weight: bold;" if main else "font-size: 14px;")
        layout.addWidget(title)
        hint = QLabel(
            self.tr("长时间没有操作，已自动锁定。输入数据库密码后继续，未保存的内容都还在。")
            if main
            else self.tr("请在锁定窗口中输入密码")
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(hint)
        layout.addStretch(1)  # the text stays at the top, clear of the lock dialog in the middle
        self._window = window
        window.installEventFilter(self)
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        self.setGeometry(self._window.rect())
        self.raise_()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() in (QEvent.Type.Resize, QEvent.Type.ChildAdded):
            self._fit()
        return False

    def remove(self) -> None:
        self._window.removeEventFilter(self)
        self.hide()
        self.deleteLater()


class LockDialog(QDialog):
    """The passphrase prompt of a locked application (application-modal: above any dialog that was open)."""

    #: A check of a passphrase finished on its thread: (generation, error or None).
    _checked = Signal(int, object)

    def __init__(
        self,
        verify: Callable[[str], None],
        throttle: PassphraseThrottle,
        parent: QWidget | None = None,
        *,
        user: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("lockDialog")
        self.user = user
        self._verify = verify
        self._throttle = throttle
        self._generation = 0
        self.setWindowTitle(self.tr("雨露已锁定"))
        self.setWindowIcon(icon("app"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.setMinimumWidth(420)
        intro = QLabel(
            self.tr("为保护个人信息，雨露已锁定。请用户“{0}”输入自己的密码解锁。").format(user)
            if user
            else self.tr("为保护个人信息，雨露已锁定。请输入数据库密码解锁。")
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(
            self.tr("{0}的密码").format(user) if user else self.tr("数据库密码")
        )
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("解锁"))
        self.buttons.accepted.connect(self.unlock)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._checked.connect(self._finished)
        self._tick()

    def unlock(self) -> None:
        text = self.passphrase.text()
        if self._throttle.remaining() > 0:
            self._tick()
            return
        if not text:
            self.message.setText(self.tr("请输入密码"))
            return
        self._set_busy(True)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(self.tr("正在验证…"))
        self._generation += 1
        generation = self._generation

        def check() -> None:
            error: BaseException | None = None
            try:
                self._verify(text)
            except BaseException as exc:  # reported in the dialog, never raised on a thread
                error = exc
            self._checked.emit(generation, error)

        threading.Thread(target=check, name="yulu-unlock-check", daemon=True).start()

    def _finished(self, generation: int, error: BaseException | None) -> None:
        if generation != self._generation:
            return
        self._set_busy(False)
        if error is None:
            self._throttle.succeeded()
            self.accept()
            return
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.message.setStyleSheet("color: #b26a00;")
        if isinstance(error, WrongPassphrase):
            wait = self._throttle.failed()
            if wait:
                self._tick()
            else:
                self.message.setText(self.tr("密码不正确，请再试一次（注意大小写和输入法）。"))
        else:
            self.message.setText(self.tr("无法验证密码：{0}").format(error))

    def _set_busy(self, busy: bool) -> None:
        self.passphrase.setEnabled(not busy)
        self.buttons.setEnabled(not busy)

    def _tick(self) -> None:
        """Disable the field while tries are slowed down, counting the seconds down."""
        wait = self._throttle.remaining()
        blocked = wait > 0
        self.passphrase.setEnabled(not blocked)
        self.buttons.setEnabled(not blocked)
        # A button disabled when the dialog opened is not the default (Return) by itself.
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setDefault(not blocked)
        if blocked:
            self.message.setStyleSheet("color: #c62828;")
            self.message.setText(wait_message(wait))
            if not self._countdown.isActive():
                self._countdown.start()
        else:
            if self._countdown.isActive():
                self._countdown.stop()
                self.message.setText("")
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    # The prompt cannot be dismissed: only the passphrase ends the lock.
    def reject(self) -> None:
        pass

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted:
            event.ignore()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            return
        super().keyPressEvent(event)


class IdleLock(QObject):
    """Watches the application's input and locks it after the idle time; :meth:`lock` locks at once."""

    locked_changed = Signal(bool)

    def __init__(
        self,
        main_window: QWidget,
        settings: QSettings,
        verify: Callable[[str], None],
        *,
        clock: Callable[[], float] = time.time,
        user: Callable[[], str] = str,
    ) -> None:
        super().__init__(main_window)
        self._user = user
        self._main = main_window
        self._settings = settings
        self._verify = verify
        self.throttle = PassphraseThrottle(settings, clock)
        self._covers: dict[int, _Cover] = {}
        self.dialog: LockDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self.set_idle_minutes(ui_settings.IDLE_LOCK_MINUTES.get(settings))

    @property
    def locked(self) -> bool:
        return self.dialog is not None

    @property
    def idle_timeout_ms(self) -> int:
        return self._timer.interval() if self._enabled else 0

    def set_idle_minutes(self, minutes: int) -> None:
        """The idle time (0: never lock by itself); kept in the settings."""
        minutes = max(0, int(minutes))
        ui_settings.IDLE_LOCK_MINUTES.set(self._settings, minutes)
        self.set_idle_timeout_ms(minutes * 60_000)

    def set_idle_timeout_ms(self, ms: int) -> None:
        """The idle time in milliseconds, not stored (tests use short ones)."""
        self._enabled = ms > 0
        self._timer.stop()
        if self._enabled:
            self._timer.setInterval(ms)
            if not self.locked:
                self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in _INPUT_EVENTS:
            if self._enabled and not self.locked:
                self._timer.start()  # restarts the count
        elif (
            kind == QEvent.Type.Show
            and self.locked
            and isinstance(watched, QWidget)
            and watched.isWindow()
            and watched is not self.dialog
        ):
            QTimer.singleShot(0, self._cover_all)  # a window opened while locked is covered too
        return False

    def lock(self) -> None:
        """Cover every window and ask for the passphrase (nothing is closed; see the module docstring)."""
        if self.locked:
            return
        self._timer.stop()
        dialog = LockDialog(self._verify, self.throttle, self._main, user=self._user())
        self.dialog = dialog
        self._cover_all()
        dialog.accepted.connect(self._unlocked)
        dialog.open()
        dialog.adjustSize()
        # In the middle of the main window, below the cover's title (a hint: a window manager may move it).
        frame = self._main.frameGeometry()
        dialog.move(
            frame.center().x() - dialog.width() // 2,
            frame.top() + max(frame.height() // 3, 220),
        )
        dialog.raise_()
        dialog.activateWindow()
        self.locked_changed.emit(True)

    def _cover_all(self) -> None:
        if not self.locked:
            return
        # A window closed (and deleted) under the lock took its cover with it: forget the cover, which holds the
        # window's Python object (every person file opened and closed while locked was kept until unlocking).
        self._covers = {key: cover for key, cover in self._covers.items() if shiboken6.isValid(cover)}
        for window in QApplication.topLevelWidgets():
            if window is self.dialog or not window.isVisible() or isinstance(window, _Cover):
                continue
            if window.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
                window.hide()  # menus and tooltips would show through
                continue
            key = id(window)
            if key not in self._covers:
                self._covers[key] = _Cover(window, main=window is self._main)

    def _unlocked(self) -> None:
        for cover in self._covers.values():
            if shiboken6.isValid(cover):  # its window may have been closed and deleted meanwhile
                cover.remove()
        self._covers.clear()
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.deleteLater()
        if self._enabled:
            self._timer.start()
        self.locked_changed.emit(False)

    def shutdown(self) -> None:
        """Stop watching (the main window is closing)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
