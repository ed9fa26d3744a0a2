"""设置 → 修改密码…: whoever unlocked changes their own passphrase (the owner's re-encrypts the database).

The change runs on the database worker (key derivation and the re-encryption take a moment); a refusal is a
message in the dialog under the field it is about, never an error box, and nothing has changed then.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import passphrase
from yulu_desktop.store.database import WrongPassphrase
from yulu_desktop.ui.passphrase.new_fields import NewPassphraseFields, password_field
from yulu_desktop.ui.worker import DbWorker


class ChangePassphraseDialog(QDialog):
    """Old passphrase, new one twice; 修改 runs ``passphrase.change_passphrase`` on the worker."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("changePassphraseDialog")
        self._worker = worker
        db = worker.database
        self.is_owner = db.is_owner if db is not None else True
        who = db.local_user if db is not None else ""
        self.setWindowTitle(self.tr("修改密码"))
        self.setMinimumWidth(460)
        if self.is_owner:
            text = self.tr(
                "这是打开本机数据库的密码。修改后旧密码立即失效；其他本机用户的密码和恢复密钥仍然有效。"
                "修改过程中请不要关机（即使断电，数据库也能用旧密码或新密码打开）。"
            )
        else:
            text = self.tr("修改本机用户“{0}”自己的密码，其他用户不受影响。").format(who)
        intro = QLabel(text)
        intro.setWordWrap(True)
        self.old = password_field("old")
        form = QFormLayout()
        form.addRow(self.tr("原密码(&O)"), self.old)
        self.fields = NewPassphraseFields(form, self)
        self.new, self.repeat = self.fields.new, self.fields.repeat
        self.message = QLabel(self.tr("至少 8 个字符；越长越安全，可以用一句好记的话"))
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("修改"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.old.setFocus()

    def _say(self, text: str, *, bad: bool = True) -> None:
        self.message.setStyleSheet("color: #c62828;" if bad else "color: palette(text);")
        self.message.setText(text)

    def submit(self) -> None:
        old, new = self.old.text(), self.fields.text()
        if not old:
            self._say(self.tr("请输入原密码"))
            self.old.setFocus()
            return
        problem = self.fields.problem()
        if problem:
            self._say(problem)
            return
        self.buttons.setEnabled(False)
        self._say(self.tr("正在修改密码，请稍候…"), bad=False)
        self._worker.submit(
            lambda db: passphrase.change_passphrase(db, old, new, repeated=new), self._done, self._failed
        )

    def _done(self, _result: object) -> None:
        self.buttons.setEnabled(True)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, WrongPassphrase):
            self._say(self.tr("原密码不正确，密码没有修改。请再试一次（注意大小写和输入法）。"))
            self.old.clear()
            self.old.setFocus()
        elif isinstance(error, YuluError):
            self._say(error.text())
        else:
            self._say(self.tr("密码没有修改：{0}").format(error))
