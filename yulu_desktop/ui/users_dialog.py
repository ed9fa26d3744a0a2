"""设置 → 本机用户: the local users of a shared laptop, each with their own passphrase.

A thin adapter over :mod:`yulu_desktop.services.local_users`, which decides who may do what (the owner adds
and removes users; each changes their own passphrase). Key derivation takes a moment, so every change runs on
the database worker; a refusal is a message in the dialog, never an error box.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import local_users
from yulu_desktop.services.local_users import LocalUser
from yulu_desktop.store.database import Database, passphrase_problem
from yulu_desktop.ui.passphrase.new_fields import password_field
from yulu_desktop.ui.worker import DbWorker

_NameRole = Qt.ItemDataRole.UserRole


class UserFormDialog(QDialog):
    """A new user (name, passphrase twice, and the owner's own name for the first user) or a new passphrase
    (the old one too when it is one's own)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        name: str = "",
        ask_owner: bool = False,
        ask_old: bool = False,
        owner_hint: str = "",
    ) -> None:
        super().__init__(parent)
        self.setObjectName("userForm")
        self.setWindowTitle(self.tr("添加本机用户") if not name else self.tr("修改“{0}”的密码").format(name))
        self.setMinimumWidth(420)
        form = QFormLayout()
        self.name = QLineEdit(name)
        self.name.setObjectName("name")
        self.name.setReadOnly(bool(name))
        self.owner = QLineEdit(owner_hint)
        self.owner.setObjectName("owner")
        self.old = password_field("old")
        self.passphrase = password_field("passphrase")
        self.confirm = password_field("confirm")
        if not name:
            form.addRow(self.tr("用户名"), self.name)
        if ask_owner:
            form.addRow(self.tr("你自己（所有者）的用户名"), self.owner)
        self.owner.setVisible(ask_owner)
        if ask_old:
            form.addRow(self.tr("原密码"), self.old)
        self.old.setVisible(ask_old)
        form.addRow(self.tr("新密码") if name else self.tr("密码"), self.passphrase)
        form.addRow(self.tr("再次输入"), self.confirm)
        self.message = QLabel(self.tr("至少 8 个字符；越长越安全，可以用一句好记的话"))
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def _check(self) -> None:
        text = self.passphrase.text()
        problem = passphrase_problem(text)
        if not self.name.text().strip():
            self.message.setText(self.tr("请填写用户名"))
        elif self.owner.isVisibleTo(self) and not self.owner.text().strip():
            self.message.setText(self.tr("请填写你自己（所有者）的用户名"))
        elif problem:
            self.message.setText(problem)
        elif text != self.confirm.text():
            self.message.setText(self.tr("两次输入的密码不一致"))
        else:
            self.accept()


class UsersDialog(QDialog):
    """The list of local users with 添加用户, 删除用户 and 修改密码."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self._worker = worker
        db = worker.database
        self.is_owner = db.is_owner if db is not None else False
        self.current = db.local_user if db is not None else ""
        self.users: list[LocalUser] = []
        self.form: UserFormDialog | None = None
        self.setWindowTitle(self.tr("本机用户"))
        self.setMinimumWidth(460)
        intro = QLabel(
            self.tr(
                "多人共用这台电脑时，每人一个用户和自己的密码，操作记在各自名下。"
                "只有所有者（用数据库密码登录的人）可以添加和删除用户。"
            )
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("users")
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.add_button = QPushButton(self.tr("添加用户…"))
        self.remove_button = QPushButton(self.tr("删除用户"))
        self.passwd_button = QPushButton(self.tr("修改密码…"))
        self.add_button.clicked.connect(self.ask_add)
        self.remove_button.clicked.connect(self.remove_selected)
        self.passwd_button.clicked.connect(self.ask_passphrase)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.passwd_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.refresh()

    # --- the list ----------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        def job(db: Database) -> tuple[list[LocalUser], str]:
            return local_users.list_users(db), db.key_file_problem

        self._worker.submit(job, self._show, self._failed)

    def _show(self, result: tuple[list[LocalUser], str]) -> None:
        self.users, problem = result
        self.list.clear()
        for user in self.users:
            marks = [self.tr("所有者")] if user.is_owner else []
            if user.is_current:
                marks.append(self.tr("当前"))
            item = QListWidgetItem(user.name + (f"（{'，'.join(marks)}）" if marks else ""))
            item.setData(_NameRole, user.name)
            self.list.addItem(item)
        if problem:
            self.message.setText(problem)
        elif not self.users:
            self.message.setText(
                self.tr("本机还没有其他用户：现在用数据库密码登录。添加第一个用户时也给自己起个用户名。")
            )
        self._update_buttons()

    def selected(self) -> LocalUser | None:
        item = self.list.currentItem()
        name = item.data(_NameRole) if item is not None else None
        return next((u for u in self.users if u.name == name), None)

    def _update_buttons(self) -> None:
        user = self.selected()
        self.add_button.setEnabled(self.is_owner)
        self.remove_button.setEnabled(self.is_owner and user is not None and not user.is_owner)
        self.passwd_button.setEnabled(
            user is not None and not user.is_owner and (self.is_owner or user.is_current)
        )

    # --- changes -------------------------------------------------------------------------------------------------

    def ask_add(self) -> UserFormDialog:
        self.form = UserFormDialog(self, ask_owner=not self.users, owner_hint=self.current)
        self.form.accepted.connect(
            lambda form=self.form: self.add(form.name.text(), form.passphrase.text(), form.owner.text())
        )
        self.form.open()
        return self.form

    def ask_passphrase(self) -> UserFormDialog | None:
        user = self.selected()
        if user is None:
            return None
        own = user.is_current
        self.form = UserFormDialog(self, name=user.name, ask_old=own)
        self.form.accepted.connect(
            lambda form=self.form: self.change_passphrase(
                user.name, form.passphrase.text(), form.old.text() if own else ""
            )
        )
        self.form.open()
        return self.form

    def add(self, name: str, passphrase: str, owner_name: str = "") -> None:
        self._run(
            lambda db: local_users.add_user(db, name, passphrase, owner_name=owner_name),
            self.tr("已添加用户“{0}”").format(name.strip()),
        )

    def remove_selected(self) -> None:
        user = self.selected()
        if user is not None:
            self.remove(user.name)

    def remove(self, name: str) -> None:
        self._run(lambda db: local_users.remove_user(db, name), self.tr("已删除用户“{0}”").format(name))

    def change_passphrase(self, name: str, passphrase: str, old: str = "") -> None:
        self._run(
            lambda db: local_users.change_passphrase(db, name, passphrase, old_passphrase=old),
            self.tr("已修改“{0}”的密码").format(name),
        )

    def _run(self, change: Callable[[Database], object], done: str) -> None:
        self.message.setText(self.tr("正在处理…"))

        def finished(_result: object) -> None:
            db = self._worker.database
            self.current = db.local_user if db is not None else self.current
            self.refresh()
            self.message.setText(done)

        self._worker.submit(change, finished, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setText(
            error.text() if isinstance(error, YuluError) else self.tr("操作失败：{0}").format(error)
        )
