"""What the household dialogs share: a form, 保存/取消, Ctrl+Enter saves, Enter moves to the next field, the save
runs on the database worker and the domain's Chinese messages appear next to their fields."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPushButton, QVBoxLayout, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm
from yulu_desktop.ui.worker import DbWorker

#: Entities a household event may change (the lists and windows showing them refresh).
CHANGES = frozenset({"household", "person", "visit", "membership_change"})


def choices(name: str, pairs: Sequence[tuple[str, str]]) -> codes.CodeList:
    """A code list over records (villages, households, members) for a form's combo box."""
    return codes.CodeList(name, dict(pairs))


class HouseholdDialog(QDialog):
    """A dialog over a ``RecordForm``; ``saved`` fires with what the job returned."""

    saved = Signal(object)

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        specs: Sequence[FieldSpec],
        parent: QWidget | None = None,
        *,
        columns: int = 1,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._actor = actor
        self.setMinimumWidth(560 if columns == 1 else 820)
        self.intro = QLabel()
        self.intro.setObjectName("householdIntro")
        self.intro.setWordWrap(True)
        self.intro.hide()
        self.form = RecordForm(specs, columns=columns)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setToolTip(self.tr("保存 (Ctrl+Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save)
        self.body = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.body)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)

    def set_intro(self, text: str) -> None:
        self.intro.setText(text)
        self.intro.setVisible(bool(text))

    # --- to be filled in by each dialog ---------------------------------------------------------------

    def job(self, values: dict[str, Any]) -> Callable[[Database], Any]:
        raise NotImplementedError

    def local_issues(self, values: dict[str, Any]) -> list[Issue]:
        """Problems found before anything is sent to the database (fields the form cannot read)."""
        return []

    # --- saving ---------------------------------------------------------------------------------------

    def save(self) -> None:
        if not self.buttons.isEnabled():
            return
        try:
            values = self.form.values()
        except FormError as exc:
            self.show_issues([exc.issue])
            return
        issues = self.local_issues(values)
        if any(i.is_error for i in issues):
            self.show_issues(issues)
            return
        job = self.job(values)

        def done(result: Any) -> None:
            self.saved.emit(result)
            self.accept()

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(error, ValidationFailed):
                self.show_issues(error.issues)
            else:
                self._worker.report_error(error)

        self.buttons.setEnabled(False)
        self._worker.submit(job, done, failed, changes=CHANGES)

    def show_issues(self, issues: Sequence[Issue]) -> None:
        self.form.show_issues(issues)
        self.form.focus_first_error()
        # Messages under the fields wrap onto more lines: grow with them instead of clipping them.
        layout = self.layout()
        if layout is not None:
            layout.activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field must not close the dialog half-filled (QDialog's default-button behaviour).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.focusNextChild()
            return
        super().keyPressEvent(event)
