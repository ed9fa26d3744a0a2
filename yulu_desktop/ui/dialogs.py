"""Start dialogs: create the encrypted database on first run, unlock it on later runs.

Where the laptop has local users (本机用户, ``store/keyring.py``) the unlock dialog offers them in a list (the
last one preselected, from the settings) and checks the chosen user's own passphrase. A lost or damaged key
file is said plainly, and the database passphrase (the owner's) still opens the database.

Opening runs on the database worker (the key derivation takes a moment); a wrong passphrase is a calm message
under the field and another try, never an error box.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import keyring, migrate
from yulu_desktop.store.database import Database, WrongPassphrase, passphrase_problem
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.lock import PassphraseThrottle, wait_message
from yulu_desktop.ui.worker import DbWorker

#: Households of demo data offered on first run.
DEMO_HOUSEHOLDS = 300


def open_and_upgrade(
    path: Path, passphrase: str, *, create: bool, demo_households: int = 0, user: str | None = None
) -> Callable[[], Database]:
    """A job for ``DbWorker.open``: open (or create) ``path`` (as the local ``user`` if given), bring the
    schema up to date, add demo data."""

    def opener() -> Database:
        db = Database.open(path, passphrase, create=create, user=user)
        try:
            if migrate.needs_upgrade(db):
                migrate.upgrade(db)
            if demo_households:
                from yulu_desktop.services.demo import generate_demo

                generate_demo(db, households=demo_households, seed=2025)
        except BaseException:
            db.close()
            raise
        return db

    return opener


def strength(passphrase: str) -> tuple[int, str]:
    """A rough strength score 0–4 and its hint (length counts most; a passphrase of words is fine)."""
    if not passphrase:
        return 0, ""
    kinds = sum(
        [
            any(c.islower() for c in passphrase),
            any(c.isupper() for c in passphrase),
            any(c.isdigit() for c in passphrase),
            any(not c.isalnum() for c in passphrase) or any(ord(c) > 127 for c in passphrase),
        ]
    )
    score = min(4, (len(passphrase) >= 8) + (len(passphrase) >= 12) + (len(passphrase) >= 16) + (kinds >= 3))
    return score, ["很弱", "弱", "一般", "较强", "强"][score]


class FirstRunDialog(QDialog):
    """Create a new encrypted database: passphrase twice with a strength hint, optional demo data."""

    def __init__(self, worker: DbWorker, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self.path = path
        self.database: Database | None = None
        self.setWindowTitle(self.tr("创建雨露数据库"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(520)
        intro = QLabel(
            self.tr(
                "这是第一次在这台电脑上使用雨露。数据将加密保存在：\n{0}\n"
                "请设置数据库密码。密码不会保存在任何地方；创建后会显示一次恢复密钥，忘记密码时用它打开。"
            ).format(path)
        )
        intro.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.hint = QLabel()
        self.hint.setObjectName("strengthHint")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.demo = QCheckBox(self.tr("填入演示数据（{0} 户，用于熟悉软件）").format(DEMO_HOUSEHOLDS))
        form = QFormLayout()
        form.addRow(self.tr("密码"), self.passphrase)
        form.addRow(self.tr("再次输入"), self.confirm)
        form.addRow("", self.hint)
        form.addRow("", self.demo)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("创建"))
        self.buttons.accepted.connect(self.create_database)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.passphrase.textChanged.connect(self._update_hint)
        self.confirm.textChanged.connect(self._update_hint)
        self._update_hint()

    def _update_hint(self) -> None:
        text = self.passphrase.text()
        score, label = strength(text)
        problem = passphrase_problem(text) if text else None
        if not text:
            self.hint.setText(self.tr("至少 8 个字符；越长越安全，可以用一句好记的话"))
        else:
            self.hint.setText(
                self.tr("密码强度：{0}").format(self.tr(label)) + (f"（{problem}）" if problem else "")
            )
        colour = ["#c62828", "#c62828", "#b26a00", "#2e7d32", "#2e7d32"][score]
        self.hint.setStyleSheet(f"color: {colour};")
        mismatch = bool(self.confirm.text()) and self.confirm.text() != text
        self.message.setText(self.tr("两次输入的密码不一致") if mismatch else "")
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(problem is None and bool(text) and self.confirm.text() == text)

    def create_database(self) -> None:
        text = self.passphrase.text()
        if passphrase_problem(text) or text != self.confirm.text():
            self._update_hint()
            return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(
            self.tr("正在创建加密数据库…")
            if not self.demo.isChecked()
            else self.tr("正在创建数据库并生成演示数据…")
        )
        opener = open_and_upgrade(
            self.path, text, create=True, demo_households=DEMO_HOUSEHOLDS if self.demo.isChecked() else 0
        )
        self._worker.open(opener, self._opened, self._failed)

    def _opened(self, db: Database) -> None:
        self.database = db
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(
            error.text() if isinstance(error, YuluError) else self.tr("创建失败：{0}").format(error)
        )


class UnlockDialog(QDialog):
    """Unlock an existing database; a wrong passphrase asks again, calmly. After five wrong ones in a row each
    further try waits (:class:`~yulu_desktop.ui.lock.PassphraseThrottle`, kept across restarts)."""

    def __init__(
        self,
        worker: DbWorker,
        path: Path,
        parent: QWidget | None = None,
        *,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self.path = path
        self.database: Database | None = None
        self.attempts = 0
        self.settings = settings if settings is not None else ui_settings.open_settings()
        self.throttle = PassphraseThrottle(self.settings)
        self.setWindowTitle(self.tr("打开雨露数据库"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(480)
        where = QLabel(self.tr("数据库：{0}").format(path))
        where.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        form = QFormLayout()
        # Local users: who is unlocking (the owner first); none where the laptop has no local users.
        self.user = QComboBox(self)
        self.user.setObjectName("user")
        self.key_file_problem = ""
        try:
            keys = keyring.read(keyring.key_file_path(path))
        except keyring.KeyFileDamaged as exc:
            keys, self.key_file_problem = None, exc.text()
        last = ui_settings.LAST_USER.get(self.settings)
        if keys is not None and not keys.names:
            keys = None  # a key file holding only the recovery key / escrow part: no local users
        elif keys is not None:
            self.user.addItems(keys.names)
            if last in keys.names:
                self.user.setCurrentText(last)
            form.addRow(self.tr("用户"), self.user)
        elif last and not self.key_file_problem:
            # Someone unlocked as a local user last time, and now the key file is gone.
            self.key_file_problem = keyring.KeyFileMissing(keyring.key_file_path(path)).text()
        self.user.setVisible(keys is not None)
        form.addRow(self.tr("密码"), self.passphrase)
        self.problem = QLabel(self.key_file_problem)
        self.problem.setObjectName("keyFileProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.problem.setVisible(bool(self.key_file_problem))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打开"))
        self.buttons.accepted.connect(self.unlock)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.problem)
        layout.addLayout(form)
        layout.addWidget(self.message)
        self.forgot = QLabel(f"<a href='#'>{self.tr('忘记密码？')}</a>")  # ui/passphrase/forgot_dialog.py
        self.forgot.setObjectName("forgot")
        self.forgot.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)  # Tab reaches it
        self.forgot.linkActivated.connect(lambda _link: self.open_forgot())
        layout.addWidget(self.forgot)
        layout.addWidget(self.buttons)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        self._tick()

    def _tick(self) -> None:
        """While tries are slowed down: the field disabled and the seconds counted down."""
        wait = self.throttle.remaining()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.passphrase.setEnabled(wait == 0)
        ok.setEnabled(wait == 0)
        ok.setDefault(wait == 0)  # a button disabled when the dialog opened is not the default by itself
        if wait:
            self.message.setStyleSheet("color: #c62828;")
            self.message.setText(wait_message(wait))
            self._countdown.start()
        elif self._countdown.isActive():
            self._countdown.stop()
            self.message.setText("")
            self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def unlock(self) -> None:
        if self.throttle.remaining():
            self._tick()
            return
        if not self.passphrase.text():
            self.message.setText(self.tr("请输入密码"))
            return
        self.attempts += 1
        self.buttons.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(self.tr("正在打开…"))
        user = self.user.currentText() if self.user.count() else None
        self._worker.open(
            open_and_upgrade(self.path, self.passphrase.text(), create=False, user=user or None),
            self._opened,
            self._failed,
        )

    def open_forgot(self) -> QDialog:
        """忘记密码？: the recovery key or the county's release code opens the database (a new passphrase is set)."""
        from yulu_desktop.ui.passphrase.forgot_dialog import ForgotPassphraseDialog

        dialog = ForgotPassphraseDialog(self._worker, self.path, self, user=self.user.currentText())
        dialog.accepted.connect(lambda: self._opened(dialog.database) if dialog.database else None)
        dialog.open()
        return dialog

    def _opened(self, db: Database) -> None:
        self.throttle.succeeded()
        ui_settings.LAST_USER.set(self.settings, db.local_user)
        self.settings.sync()
        self.database = db
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.passphrase.setEnabled(True)
        self.passphrase.clear()
        self.passphrase.setFocus()
        self.message.setStyleSheet("color: #b26a00;")
        if isinstance(error, WrongPassphrase):
            if self.throttle.failed():
                self._tick()
                return
            self.message.setText(self.tr("密码不正确，请再试一次（注意大小写和输入法）。"))
        elif isinstance(error, YuluError):
            self.message.setText(error.text())
        else:
            self.message.setText(self.tr("无法打开数据库：{0}").format(error))


def task_progress_dialog(label: str, title: str, name: str, parent: QWidget) -> QProgressDialog:
    """The window-modal progress dialog of a long task with 取消 (the caller connects ``canceled``); it stays
    open until the task closes it."""
    dialog = QProgressDialog(label, QCoreApplication.translate("dialogs", "取消"), 0, 0, parent)
    dialog.setObjectName(name)
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    return dialog
