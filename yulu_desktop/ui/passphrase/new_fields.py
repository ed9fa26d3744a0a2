"""The new passphrase typed twice, as the change and the forgot dialogs both ask for it."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFormLayout, QLineEdit

from yulu_desktop.store.database import passphrase_problem


def password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setObjectName(name)
    field.setEchoMode(QLineEdit.EchoMode.Password)
    return field


class NewPassphraseFields(QObject):
    """新密码 and 再次输入, added to a form; :meth:`problem` checks them the same way for every dialog."""

    def __init__(self, form: QFormLayout, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.new = password_field("new")
        self.repeat = password_field("repeat")
        form.addRow(self.tr("新密码(&N)"), self.new)
        form.addRow(self.tr("再次输入(&R)"), self.repeat)

    def text(self) -> str:
        return self.new.text()

    def problem(self) -> str | None:
        """What is wrong with the typed passphrase (the field it is about gets the focus), or None."""
        problem = passphrase_problem(self.new.text())
        if problem:
            self.new.setFocus()
            return self.tr("新密码：{0}").format(problem)
        if self.new.text() != self.repeat.text():
            self.repeat.clear()
            self.repeat.setFocus()
            return self.tr("两次输入的新密码不一致，请重新输入")
        return None
