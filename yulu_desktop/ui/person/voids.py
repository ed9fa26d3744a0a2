"""Entries voided in error (作废) on screen: kept in their table, struck through and grey, with why, who and
when in a column of their own; and the dialog that asks for the reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.services.corrections import MAX_REASON_LENGTH, void_reason_issues
from yulu_desktop.ui.models import RecordsTableModel

Index = QModelIndex | QPersistentModelIndex
_GREY = QColor("#8a8a8a")


class VoidableTableModel(RecordsTableModel):
    """A table of a person's entries where voided ones stay visible: struck through and grey, and the last
    column (作废说明) says 已作废, why, by whom and when."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__([*headers, self.tr("作废说明")], parent)
        self._notes: list[str] = []

    def set_entries(
        self,
        rows: Sequence[tuple[str, ...]],
        ids: Sequence[str],
        voids: Sequence[tuple[date | None, str, str]],
    ) -> None:
        """``voids`` per row: (voided_on, reason, voided_by); voided_on None for a live entry."""
        self._notes = [
            self.tr("已作废：{0}（{1}，{2}）").format(reason, by or "—", on.isoformat()) if on else ""
            for on, reason, by in voids
        ]
        self.set_rows([(*row, note) for row, note in zip(rows, self._notes, strict=True)], ids)

    def is_voided(self, row: int) -> bool:
        return 0 <= row < len(self._notes) and bool(self._notes[row])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not self.is_voided(index.row()):
            return super().data(index, role)
        last = index.column() == self.columnCount() - 1
        if role == Qt.ItemDataRole.FontRole and not last:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_GREY)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._notes[index.row()]
        return super().data(index, role)


class VoidDialog(QDialog):
    """作废: what is voided, and the reason (required, shown next to the entry from now on)."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("作废记录"))
        intro = QLabel(
            self.tr("作废后这条记录仍保留在档案中（划线显示），但不再计入清单、统计和打印，且不能撤销。")
        )
        intro.setWordWrap(True)
        entry = QLabel(what)
        entry.setWordWrap(True)
        entry.setStyleSheet("font-weight: bold;")
        self.reason = QLineEdit()
        self.reason.setMaxLength(MAX_REASON_LENGTH)
        self.reason.setPlaceholderText(self.tr("作废原因（必填），如：录错了人、重复录入"))
        self.message = QLabel()
        self.message.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("作废"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(entry)
        layout.addWidget(QLabel(self.tr("作废原因")))
        layout.addWidget(self.reason)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)
        self._check()

    def _check(self) -> None:
        issues = void_reason_issues(self.reason.text())
        self.message.setText(issues[0].text() if issues and self.reason.text() else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not issues)

    def accept(self) -> None:
        if void_reason_issues(self.reason.text()):
            return
        super().accept()

    def reason_text(self) -> str:
        return self.reason.text().strip()
