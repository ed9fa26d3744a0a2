"""Edit forms that validate as you type: each field has its label, its editor and its message underneath.

A form knows how to turn its editors into field values; the caller builds a draft record from them and asks
the domain rules (``rules.*_issues``) what is wrong, and the form shows each message next to its field —
errors in red, warnings in amber. No validation logic lives in the UI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.errors import Issue
from yulu_desktop.domain.validation import parse_date
from yulu_desktop.ui import choice_typing

# Marks a combo box entry added for a stored value that is not among the choices (``RecordForm._set_choice``).
KEPT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: ``kind`` is text, multiline, code, date (required), optional_date, yuan, int
    (whole number, empty is None) or bool."""

    name: str
    kind: str = "text"
    codelist: codes.CodeList | None = None
    optional: bool = True  # codes: offer an empty choice
    label: str | None = None  # defaults to rules.FIELD_LABELS

    @property
    def shown_label(self) -> str:
        return QCoreApplication.translate("fields", self.label or rules.label(self.name))


class FormError(ValueError):
    """A field could not be read (a date or an amount that is not one); carries an Issue."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue


class RecordForm(QWidget):
    """A form over ``FieldSpec``s; ``edited`` fires on every change the user makes."""

    edited = Signal()

    def __init__(
        self, specs: Sequence[FieldSpec], parent: QWidget | None = None, *, columns: int = 1
    ) -> None:
        super().__init__(parent)
        self.specs = {spec.name: spec for spec in specs}
        self.editors: dict[str, QWidget] = {}
        self.messages: dict[str, QLabel] = {}
        self._loading = False
        self.general_message = QLabel()
        self.general_message.setWordWrap(True)
        self.general_message.setObjectName("formMessage")
        layouts = [QFormLayout() for _ in range(columns)]
        per_column = -(-len(specs) // columns)
        for number, spec in enumerate(specs):
            editor = self._editor(spec)
            editor.setObjectName(f"field_{spec.name}")
            message = QLabel()
            message.setObjectName(f"message_{spec.name}")
            message.setWordWrap(True)
            message.hide()
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(1)
            inner.addWidget(editor)
            inner.addWidget(message)
            label = QLabel(spec.shown_label)
            label.setBuddy(editor)
            layouts[min(number // per_column, columns - 1)].addRow(label, box)
            self.editors[spec.name] = editor
            self.messages[spec.name] = message
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        if columns == 1:
            outer.addLayout(layouts[0])
        else:
            from PySide6.QtWidgets import QHBoxLayout

            row = QHBoxLayout()
            for layout in layouts:
                row.addLayout(layout, 1)
            outer.addLayout(row)
        outer.addWidget(self.general_message)
        self.general_message.hide()

    def _editor(self, spec: FieldSpec) -> QWidget:
        changed: Callable[..., None] = lambda *_: None if self._loading else self.edited.emit()  # noqa: E731
        if spec.kind == "code":
            assert spec.codelist is not None
            combo = QComboBox()
            if spec.optional:
                combo.addItem("", None)
            for code, label in spec.codelist.labels.items():
                combo.addItem(label, code)
            combo.currentIndexChanged.connect(changed)
            choice_typing.enable(combo)  # 拼音首字母 or Chinese text picks a choice
            return combo
        if spec.kind == "date":
            # A line edit, not a QDateEdit: Tab must move to the next field (QDateEdit tabs through its
            # sections) and the arrow keys must not change the date by accident. Any common format is read.
            edit = QLineEdit(date.today().isoformat())
            edit.setPlaceholderText("2025-09-01")
            edit.textChanged.connect(changed)
            return edit
        if spec.kind == "bool":
            check = QCheckBox()
            check.toggled.connect(changed)
            return check
        if spec.kind == "multiline":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setFixedHeight(56)
            text.textChanged.connect(changed)
            return text
        line = QLineEdit()
        if spec.kind == "optional_date":
            line.setPlaceholderText("2025-09-01")
        if spec.kind == "yuan":
            line.setPlaceholderText(QCoreApplication.translate("fields", "元"))
        if spec.kind == "int":
            line.setMaxLength(9)
        line.textChanged.connect(changed)
        return line

    # --- values -------------------------------------------------------------------------------------------

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name, value in values.items():
                if name in self.editors:
                    self._set(self.specs[name], self.editors[name], value)
        finally:
            self._loading = False

    def _set(self, spec: FieldSpec, editor: QWidget, value: Any) -> None:
        if isinstance(editor, QComboBox):
            self._set_choice(spec, editor, value)
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText(value or "")
        elif isinstance(editor, QLineEdit):
            if spec.kind in ("date", "optional_date"):
                editor.setText(value.isoformat() if isinstance(value, date) else "")
            elif spec.kind == "yuan":
                editor.setText("" if value is None else f"{value / 100:g}")
            else:
                editor.setText("" if value is None else str(value))

    def _set_choice(self, spec: FieldSpec, combo: QComboBox, value: Any) -> None:
        """Select ``value`` in ``combo``. A stored value that is not among the choices (a code retired from its
        list, an enterprise missing from the list the dialog was given, a value written by another laptop or an
        import) gets an entry of its own, selected and marked as not a current choice: 保存 without touching the
        field keeps it as it is, instead of silently storing the first choice (or the empty one) in its place.
        That entry belongs to the record shown: loading the next one removes it.

        No value (None or "") selects the first entry: the empty one of an optional field, and on a required
        field (no empty entry) its first choice, as a new record starts. That choice is shown in the combo box,
        so ``values()`` returns only what the cadre sees; inventing an empty entry there would offer a choice
        the field does not have."""
        for index in reversed(range(combo.count())):
            if combo.itemData(index, KEPT_ROLE):
                combo.removeItem(index)
        if value is None or value == "":
            combo.setCurrentIndex(0)
            return
        index = combo.findData(value)
        if index < 0:
            combo.addItem(self._kept_label(spec, value), value)
            index = combo.count() - 1
            combo.setItemData(index, True, KEPT_ROLE)
            combo.setItemData(
                index,
                QCoreApplication.translate(
                    "RecordForm",
                    "这条记录保存的是“{0}”，不在现在的可选项中。不改动则原样保存，也可以改选其他项。",
                ).format(value),
                Qt.ItemDataRole.ToolTipRole,
            )
        combo.setCurrentIndex(index)

    @staticmethod
    def _kept_label(spec: FieldSpec, value: Any) -> str:
        """The entry of a stored value that is not among the choices: the code list's label when it still knows
        one (``CodeList.label`` gives back the code itself otherwise), marked as not a current choice."""
        shown = (
            spec.codelist.label(value) if spec.codelist is not None and isinstance(value, str) else str(value)
        )
        return QCoreApplication.translate("RecordForm", "{0}（不在可选列表中）").format(shown)

    def values(self) -> dict[str, Any]:
        """Field values as the record holds them; raises ``FormError`` for text that is no date or amount."""
        return {name: self.value(name) for name in self.editors}

    def value(self, name: str) -> Any:
        spec, editor = self.specs[name], self.editors[name]
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip()
        assert isinstance(editor, QLineEdit)
        text = editor.text().strip()
        if spec.kind in ("date", "optional_date"):
            parsed, issues = parse_date(text, name, rules.label(name))
            if issues:
                raise FormError(issues[0])
            if parsed is None and spec.kind == "date":
                raise FormError(Issue(field=name, label=rules.label(name), message="请填写日期"))
            return parsed
        if spec.kind == "yuan":
            if not text:
                return None
            try:
                return round(float(text.replace(",", "")) * 100)
            except ValueError:
                raise FormError(
                    Issue(
                        field=name, label=rules.label(name), message=f"“{text}”不是金额，请填写数字，如 3500"
                    )
                ) from None
        if spec.kind == "int":
            if not text:
                return None
            try:
                return int(text)
            except ValueError:
                raise FormError(
                    Issue(field=name, label=rules.label(name), message=f"“{text}”不是整数，请填写数字")
                ) from None
        return text

    # --- messages -------------------------------------------------------------------------------------------

    def show_issues(self, issues: Iterable[Issue]) -> None:
        by_field: dict[str, list[Issue]] = {}
        general: list[Issue] = []
        for issue in issues:
            (by_field.setdefault(issue.field, []) if issue.field in self.messages else general).append(issue)
        for name, label in self.messages.items():
            found = by_field.get(name, [])
            if found:
                error = any(i.is_error for i in found)
                label.setText("；".join(i.message for i in found))
                label.setStyleSheet("color: #c62828;" if error else "color: #b26a00;")
                label.show()
            else:
                label.clear()
                label.hide()
        if general:
            self.general_message.setText("；".join(i.text() for i in general))
            self.general_message.setStyleSheet("color: #c62828;")
            self.general_message.show()
        else:
            self.general_message.clear()
            self.general_message.hide()

    def message(self, name: str) -> str:
        label = self.messages[name]
        return label.text() if not label.isHidden() else ""

    def focus_first_error(self) -> None:
        for name, label in self.messages.items():
            if not label.isHidden():
                self.editors[name].setFocus()
                return


def has_errors(issues: Iterable[Issue]) -> bool:
    return any(i.is_error for i in issues)
