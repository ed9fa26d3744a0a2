"""Printing from the main window: batches of dossiers or forms into one PDF (progress and cancel), the 公示
dialog (village, term, contact), and choosing a term.

Batches run on the database worker (:func:`yulu_desktop.services.printing.print_dossiers` /
``print_forms``); a cancel by the user stops the batch between two people, leaves no file and shows no error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QDate, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import publicity_fields, rules
from yulu_desktop.services.printing import NOTICE_DAYS, BatchResult
from yulu_desktop.store.database import Database
from yulu_desktop.ui import choice_typing
from yulu_desktop.ui.dialogs import task_progress_dialog
from yulu_desktop.ui.print_preview import error_text, while_alive
from yulu_desktop.ui.worker import DbWorker

if TYPE_CHECKING:  # the batch module imports reportlab: loaded when a batch starts
    from yulu_desktop.printing.batch import CancelToken

#: ``run(db, progress, cancel) -> BatchResult`` on the worker.
BatchJob = Callable[[Database, Callable[[str, int, int], None], "CancelToken"], BatchResult]


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI (a queued connection)."""

    changed = Signal(str, int, int)


class BatchPrint(QObject):
    """One batch on the worker with a progress dialog; ``finished`` with the result, or None if cancelled or
    failed (``cancelled`` tells which; a failure's message is in ``error``)."""

    finished = Signal(object)

    def __init__(self, worker: DbWorker, run: BatchJob, *, title: str, target: Path, parent: QWidget) -> None:
        super().__init__(parent)
        self._worker = worker
        self._run = run
        self.target = target
        self.cancelled = False
        self.error = ""
        self._token: CancelToken | None = None
        self.dialog = task_progress_dialog(
            self.tr("正在准备 {0}……").format(title), title, "batchProgress", parent
        )
        self.dialog.canceled.connect(self.cancel)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        from yulu_desktop.printing.batch import CancelToken

        token = self._token = CancelToken()
        run, signal = self._run, self._progress.changed

        def job(db: Database) -> BatchResult:
            return run(db, lambda stage, done, total: signal.emit(stage, done, total), token)

        self.dialog.setValue(0)
        self.dialog.show()
        self._worker.submit(job, while_alive(self, self._done), while_alive(self, self._failed))

    def cancel(self) -> None:
        """Stop between two people; nothing is written."""
        if self._token is not None:
            self._token.cancel()
        self.dialog.setLabelText(self.tr("正在取消……"))

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if self._token is not None and self._token.cancelled:
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        if stage == "load":
            self.dialog.setLabelText(self.tr("正在读取档案 {0}/{1}……").format(done, total))
        else:
            self.dialog.setLabelText(self.tr("正在排版 {0}/{1}……").format(done, total))

    def _done(self, result: Any) -> None:
        self.dialog.close()
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        from yulu_desktop.printing.batch import BatchCancelled

        self.dialog.close()
        if isinstance(error, BatchCancelled):  # the user's own cancel: no error, and no file was written
            self.cancelled = True
        else:
            self.error = error_text(error)
        self.finished.emit(None)


def choose_term(parent: QWidget, title: str, terms: Sequence[str]) -> str | None:
    """Ask for one of ``terms`` (``2025-autumn``, newest first); None if the user cancelled."""
    labels = [rules.term_label(term) for term in terms]
    label, ok = QInputDialog.getItem(parent, title, parent.tr("学期"), labels, 0, False)
    if not ok or label not in labels:
        return None
    return terms[labels.index(label)]


def ask_signed_copy(parent: QWidget) -> tuple[bool, str] | None:
    """Ask whether batch 补助申请表 are the copies to be signed (full ID number, phone and account: a deliberate
    act with a reason, written to the audit log) or masked copies for checking. ``(full, reason)``, or None if
    the user cancelled; the service checks the role again."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(parent.tr("补助申请表（批量）"))
    full = QCheckBox(parent.tr("签字版：显示完整身份证号、电话和账号（记入审计日志）"))
    reason = QLineEdit()
    reason.setPlaceholderText(parent.tr("理由（必填），如：村委会初审签字"))
    reason.setEnabled(False)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

    def update() -> None:
        reason.setEnabled(full.isChecked())
        ok.setEnabled(not full.isChecked() or bool(reason.text().strip()))

    full.toggled.connect(lambda _checked: update())
    reason.textChanged.connect(lambda _text: update())
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(parent.tr("不勾选则打印核对稿（身份证号等已打码）。")))
    layout.addWidget(full)
    layout.addWidget(reason)
    layout.addWidget(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return full.isChecked(), reason.text().strip() if full.isChecked() else ""


class PublicityDialog(QDialog):
    """公示名单: village, term, who to contact and the notice period; the preview comes next.

    A wrong field is named under the form and gets the focus; the dialog stays open with everything typed. What
    was typed is also remembered for the next 公示名单 of this session (the preview may still refuse, say a
    village without applications, and the cadre comes back).
    """

    #: The typed fields of the last dialog that was accepted or cancelled (this session only).
    remembered: ClassVar[dict[str, str]] = {}

    def __init__(
        self,
        villages: Sequence[tuple[str, str]],
        terms: Sequence[str],
        *,
        village_id: str | None,
        contact_person: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("publicityDialog")
        self.setWindowTitle(self.tr("公示名单"))
        self.village = QComboBox()
        for vid, name in villages:
            self.village.addItem(name, vid)
        found = self.village.findData(village_id) if village_id else -1
        self.village.setCurrentIndex(max(found, 0))
        choice_typing.enable(self.village)  # sc picks 三岔村
        self.term = QComboBox()
        for term in terms:
            self.term.addItem(rules.term_label(term), term)
        self.contact_person = QLineEdit(contact_person)
        self.contact_phone = QLineEdit()
        self.contact_phone.setPlaceholderText(self.tr("村委会或联系人电话"))
        self.objection_office = QLineEdit()
        self.objection_office.setPlaceholderText(self.tr("如：乡镇人民政府（可不填）"))
        self.objection_phone = QLineEdit()
        today = QDate.currentDate()
        self.notice_start = QDateEdit(today)
        self.notice_start.setCalendarPopup(True)
        self.notice_start.setDisplayFormat("yyyy-MM-dd")
        self.notice_end = QDateEdit(today.addDays(NOTICE_DAYS - 1))
        self.notice_end.setCalendarPopup(True)
        self.notice_end.setDisplayFormat("yyyy-MM-dd")
        self.notice_start.dateChanged.connect(
            lambda start: self.notice_end.setDate(start.addDays(NOTICE_DAYS - 1))
        )
        self.message = QLabel(self.tr("公示名单不含身份证号、电话、账号和健康状况。"))
        self.message.setWordWrap(True)
        self.message.setObjectName("publicityMessage")
        self.setMinimumWidth(480)  # the longest hint and message on one or two lines
        for name, value in self.remembered.items():
            editor = getattr(self, name, None)
            if isinstance(editor, QLineEdit) and value and not editor.text():
                editor.setText(value)
        form = QFormLayout()
        form.addRow(self.tr("行政村"), self.village)
        form.addRow(self.tr("学期"), self.term)
        form.addRow(self.tr("联系人"), self.contact_person)
        form.addRow(self.tr("联系电话"), self.contact_phone)
        form.addRow(self.tr("公示开始"), self.notice_start)
        form.addRow(self.tr("公示结束"), self.notice_end)
        form.addRow(self.tr("异议受理单位"), self.objection_office)
        form.addRow(self.tr("异议受理电话"), self.objection_phone)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("预览"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.finished.connect(lambda _result: self._remember())
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        for edit in (self.contact_person, self.contact_phone):
            edit.textChanged.connect(self._check)
        self._check()

    def accept(self) -> None:
        """Preview only when every field is right; else say which is wrong, there, and keep the dialog."""
        values = self.values()
        issues = publicity_fields.field_issues(
            contact_person=values["contact_person"],
            contact_phone=values["contact_phone"],
            notice_start=values["notice_start"],
            notice_end=values["notice_end"],
            objection_office=values["objection_office"],
            objection_phone=values["objection_phone"],
        )
        if issues:
            self.message.setStyleSheet("color: #c62828;")
            self.message.setText("；".join(f"{issue.label}：{issue.message}" for issue in issues))
            editor = getattr(self, issues[0].field, None)
            if isinstance(editor, QWidget):
                editor.setFocus()
                if isinstance(editor, QLineEdit):
                    editor.selectAll()
            return
        super().accept()

    def _remember(self) -> None:
        for name in ("contact_person", "contact_phone", "objection_office", "objection_phone"):
            editor = getattr(self, name)
            assert isinstance(editor, QLineEdit)
            PublicityDialog.remembered[name] = editor.text()

    def set_terms(self, terms: Sequence[str]) -> None:
        """The terms to choose from (``2025-autumn``, newest first); they arrive from the worker."""
        self.term.clear()
        for term in terms:
            self.term.addItem(rules.term_label(term), term)
        self._check()

    def _check(self) -> None:
        ok = bool(
            self.village.count()
            and self.term.count()
            and self.contact_person.text().strip()
            and self.contact_phone.text().strip()
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> dict[str, Any]:
        """The keyword arguments of :func:`yulu_desktop.ui.print_preview.publicity_pdf` (and the village)."""
        return {
            "village_id": str(self.village.currentData()),
            "term": str(self.term.currentData()),
            "contact_person": self.contact_person.text().strip(),
            "contact_phone": self.contact_phone.text().strip(),
            "notice_start": _date(self.notice_start.date()),
            "notice_end": _date(self.notice_end.date()),
            "objection_office": self.objection_office.text().strip(),
            "objection_phone": self.objection_phone.text().strip(),
        }


def _date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
