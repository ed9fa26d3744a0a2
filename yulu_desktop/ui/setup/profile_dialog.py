"""设置 → 我的信息: the cadre's name, role, unit and phone (``services.profile``). On an enrolled laptop the name,
role and unit are the county's and shown read-only; the phone is always the cadre's to keep up to date."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.services import profile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.worker import DbWorker


def profile_name(worker: DbWorker) -> str:
    """我的信息's name, read at once (the window needs it before its first page loads); "" if none."""
    db = worker.database
    return profile.load(db).name if db is not None else ""


class ProfileDialog(QDialog):
    """我的信息. ``saved`` is called with the new profile after 保存."""

    def __init__(
        self,
        worker: DbWorker,
        parent: QWidget | None = None,
        *,
        saved: Callable[[profile.Profile], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._saved = saved
        self.profile: profile.Profile | None = None
        self.setWindowTitle(self.tr("我的信息"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(460)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.name = QLineEdit()
        self.name.setObjectName("profileName")
        self.name.setMaxLength(profile.NAME_MAX)
        self.role = QLabel()
        self.role.setObjectName("profileRole")
        self.unit = QLabel()
        self.unit.setObjectName("profileUnit")
        self.phone = QLineEdit()
        self.phone.setObjectName("profilePhone")
        self.phone.setPlaceholderText(self.tr("11位手机号"))
        form = QFormLayout()
        form.addRow(self.tr("姓名(&N)"), self.name)
        form.addRow(self.tr("角色"), self.role)
        form.addRow(self.tr("单位"), self.unit)
        form.addRow(self.tr("手机号(&P)"), self.phone)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.buttons.setEnabled(False)
        worker.submit(profile.load, self._loaded)

    def _loaded(self, loaded: profile.Profile) -> None:
        self.profile = loaded
        self.name.setText(loaded.name)
        self.phone.setText(loaded.phone)
        self.role.setText(self.tr(loaded.role))
        self.unit.setText(loaded.unit_name or self.tr("（尚未连接县服务器）"))
        self.name.setReadOnly(loaded.enrolled)
        if loaded.enrolled:
            self.intro.setText(
                self.tr("姓名、角色和单位以县里注册时登记的为准。它们会用于走访人、打印人和操作记录。")
            )
            self.phone.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            self.intro.setText(
                self.tr(
                    "请填写您的姓名和手机号。姓名会印在走访记录和打印的表格上（走访人、打印人），也记在操作记录里。"
                )
            )
            self.name.setFocus(Qt.FocusReason.OtherFocusReason)
        self.buttons.setEnabled(True)

    def save(self) -> None:
        name, phone = self.name.text(), self.phone.text()
        self.buttons.setEnabled(False)

        def job(db: Database) -> profile.Profile:
            profile.save(db, name=name, phone=phone)
            return profile.load(db)

        self._worker.submit(job, self._done, self._failed)

    def _done(self, saved: profile.Profile) -> None:
        self.profile = saved
        if self._saved is not None:
            self._saved(saved)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.message.setText(error.text() if isinstance(error, YuluError) else str(error))
        if isinstance(error, ValidationFailed) and error.errors:
            (self.name if error.errors[0].field == "name" else self.phone).setFocus()
