"""Pieces the tabs of the person window share: a table view, a section heading, value formatting and the inline
editor that 新增 and 修改 open under a table."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import Issue
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import RecordsTableModel, RowIdRole


def heading_row(title: str, *buttons: QWidget) -> QHBoxLayout:
    """A section's title with its buttons on the right."""
    row = QHBoxLayout()
    row.addWidget(QLabel(title), 1)
    for button in buttons:
        row.addWidget(button)
    return row


def table(model: RecordsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


def blank(specs: Sequence[FieldSpec]) -> dict[str, Any]:
    """Values that clear a form (dates empty, codes at their first choice)."""
    return {spec.name: None for spec in specs}


def selected_id(view: QTableView) -> str | None:
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    value = rows[0].data(RowIdRole)
    return str(value) if value else None


class InlineEditor(QGroupBox):
    """A form for one record of a tab, shown by 新增 or 修改 and hidden after saving or 取消.

    ``check`` builds the draft record from the form and returns what the domain rules say (it may raise
    ``FormError``); the messages appear next to the fields as you type and the save button is enabled only while
    there is no error. ``record_id`` is the id of the record being changed (None for a new one).
    """

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        check: Callable[[], list[Issue]],
        save: Callable[[], None],
        save_text: str,
        *,
        columns: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.specs = tuple(specs)
        self.form = RecordForm(specs, columns=columns)
        self.form.edited.connect(self._edited)
        self._check = check
        self.record_id: str | None = None
        self.dirty = False
        self.save_button = QPushButton(icon("save"), save_text)
        self.save_button.clicked.connect(save)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.hide()

    def start(self, title: str, values: dict[str, Any], record_id: str | None = None) -> None:
        """Show the form for a new record (``record_id`` None) or for changing one."""
        self.setTitle(title)
        self.record_id = record_id
        self.form.set_values({**blank(self.specs), **values})
        self.dirty = False
        self.form.show_issues([])
        self.save_button.setEnabled(not has_errors(self.issues()))
        self.show()
        self.form.setFocus()

    def record_values(self) -> dict[str, Any]:
        """The form's values, with the id of the record being changed (a new record gets a new id)."""
        values = self.form.values()
        if self.record_id is not None:
            values["id"] = self.record_id
        return values

    def issues(self) -> list[Issue]:
        try:
            return self._check()
        except FormError as exc:
            return [exc.issue]

    def validate(self) -> list[Issue]:
        issues = self.issues()
        self.form.show_issues(issues)
        self.save_button.setEnabled(not has_errors(issues))
        return issues

    def _edited(self) -> None:
        self.dirty = True
        self.validate()

    def finish(self) -> None:
        self.dirty = False
        self.record_id = None
        self.form.show_issues([])
        self.hide()
