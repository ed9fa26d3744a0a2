"""忘记密码？ (from the start dialog): open the database with the recovery key, or with a release code from the
county (escrow), then set a new passphrase at once. Nothing is lost: the same database opens.

The work runs on the database worker like unlocking (``DbWorker.open``): the recovery key or the county's
answer gives the root key, the database opens, its schema is brought up to date, the new passphrase is set.
A refusal (a mistyped key, a used code, no network) is a message under the fields, and another try.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import passphrase
from yulu_desktop.store import keyring, migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync import escrow
from yulu_desktop.ui.passphrase.new_fields import NewPassphraseFields
from yulu_desktop.ui.worker import DbWorker


def recover(path: Path, how: Callable[[], Database], new: str) -> Database:
    """Open with ``how``, upgrade the schema, set the passphrase ``new``: one job for the worker."""
    db = how()
    try:
        if migrate.needs_upgrade(db):
            migrate.upgrade(db)
        passphrase.set_new_passphrase(db, new)
    except BaseException:
        db.close()
        raise
    return db


class ForgotPassphraseDialog(QDialog):
    """Two ways back in (tabs): 用恢复密钥 / 请县里解锁; then the new passphrase twice."""

    def __init__(
        self, worker: DbWorker, path: Path, parent: QWidget | None = None, *, user: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("forgotPassphraseDialog")
        self._worker = worker
        self.path = path
        self.database: Database | None = None
        self.setWindowTitle(self.tr("忘记密码"))
        self.setMinimumWidth(540)
        try:
            keys = keyring.read(keyring.key_file_path(path))
        except keyring.KeyFileDamaged:
            keys = None
        self.user = QComboBox()
        self.user.setObjectName("user")
        names = keys.names if keys is not None else []
        self.user.addItems(names)
        if user in names:
            self.user.setCurrentText(user)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("ways")
        # 用恢复密钥
        by_key = QWidget()
        key_form = QFormLayout(by_key)
        explain_key = QLabel(
            self.tr("输入生成恢复密钥时抄下或打印的 24 位恢复密钥（不区分大小写，短横线可不输）。")
        )
        explain_key.setWordWrap(True)
        key_form.addRow(explain_key)
        self.code = QLineEdit()
        self.code.setObjectName("recoveryKey")
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        key_form.addRow(self.tr("恢复密钥(&K)"), self.code)
        self.tabs.addTab(by_key, self.tr("用恢复密钥"))
        # 请县里解锁
        by_county = QWidget()
        county_form = QFormLayout(by_county)
        device = keys.escrow.device_id if keys is not None and keys.escrow is not None else ""
        if device:
            text = self.tr(
                "请联系县乡村振兴局，核对身份后请管理员为本机发放一次性解锁码。本机设备编号：{0}"
            ).format(device)
        else:
            text = self.tr("本机还没有向县里托管密钥（连接县服务器并同步一次后才有），只能用恢复密钥。")
        explain_county = QLabel(text)
        explain_county.setWordWrap(True)
        explain_county.setObjectName("countyExplain")
        county_form.addRow(explain_county)
        self.server = QLineEdit(escrow.escrow_server(path))
        self.server.setObjectName("server")
        self.server.setPlaceholderText("https://…")
        self.release = QLineEdit()
        self.release.setObjectName("releaseCode")
        self.release.setPlaceholderText("XXXXXX-XXXX-XXXX-XXXX-XX")
        self.server.setEnabled(bool(device))
        self.release.setEnabled(bool(device))
        county_form.addRow(self.tr("县服务器地址(&S)"), self.server)
        county_form.addRow(self.tr("解锁码(&C)"), self.release)
        self.tabs.addTab(by_county, self.tr("请县里解锁"))
        # the new passphrase
        form = QFormLayout()
        if names:
            form.addRow(self.tr("用户(&U)"), self.user)
        self.user.setVisible(bool(names))
        self.fields = NewPassphraseFields(form, self)
        self.new, self.repeat = self.fields.new, self.fields.repeat
        self.message = QLabel(self.tr("打开后立即设置新密码；数据库里的数据都会保留。"))
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("打开并设置新密码"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.code.setFocus()

    def _say(self, text: str) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(text)

    def submit(self) -> None:
        new = self.new.text()
        user = self.user.currentText() if self.user.count() else None
        path = self.path
        if self.tabs.currentIndex() == 0:
            code = self.code.text()
            if not code.strip():
                self._say(self.tr("请输入恢复密钥"))
                self.code.setFocus()
                return

            def how() -> Database:
                return passphrase.open_with_recovery_key(path, code, user)

        else:
            server, release = self.server.text().strip(), self.release.text().strip()
            if not server:
                self._say(self.tr("请填写县服务器地址"))
                self.server.setFocus()
                return
            if not release:
                self._say(self.tr("请输入县里给的解锁码"))
                self.release.setFocus()
                return

            def how() -> Database:
                return passphrase.open_with_root(path, escrow.redeem(path, server, release), user)

        problem = self.fields.problem()
        if problem:
            self._say(problem)
            return
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(self.tr("正在打开…"))
        self._worker.open(lambda: recover(path, how, new), self._opened, self._failed)

    def _opened(self, db: Database) -> None:
        self.database = db
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._say(error.text() if isinstance(error, YuluError) else self.tr("无法打开：{0}").format(error))
