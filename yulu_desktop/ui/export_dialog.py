"""导出 Excel: one of the three lists for the scope picked in the tree, to an .xlsx, masked unless the user asks
for the full ID numbers, phones and accounts (and that is written to the audit log by the service).

The full option is shown only when the role of the laptop's cadre allows it (``domain.access``, asked on the
worker when the dialog opens); choosing it shows a reason field, and the export does not start without a
reason. The service checks the role and the reason again: the dialog only spares the user a refusal.

The export runs on the database worker (:func:`yulu_desktop.services.excel_export.export_list`) with progress
and cancel; a cancelled export leaves no file and shows no error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.access import Actor, Permission, may
from yulu_desktop.excel.lists import ListKind
from yulu_desktop.services.acting import current_actor
from yulu_desktop.services.excel_export import ExportResult, export_list
from yulu_desktop.services.tasks import Cancelled, CancelToken
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.print_preview import default_path, error_text, while_alive
from yulu_desktop.ui.worker import DbWorker

#: The list page → the list exported.
EXPORT_KIND_OF_PAGE: dict[str, ListKind] = {
    "intents": "intent",
    "students": "students",
    "graduates": "graduates",
}


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI (a queued connection)."""

    changed = Signal(str, int, int)


class ExportListDialog(QDialog):
    """Where to, masked or full, then the export with a progress bar and a cancel button."""

    #: The export finished (``ExportResult``), or was cancelled or failed (None).
    exported = Signal(object)

    def __init__(
        self,
        worker: DbWorker,
        kind: ListKind,
        *,
        title: str,
        actor: str,
        org_unit_id: str | None,
        scope_name: str,
        expected_rows: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("导出 Excel - {0}").format(title))
        self.setWindowIcon(icon("export"))
        self.setMinimumWidth(560)
        self._worker = worker
        self.kind = kind
        self.actor = actor
        self.org_unit_id = org_unit_id
        self.expected_rows = expected_rows
        self._token: CancelToken | None = None
        #: The laptop's cadre, once the worker said (the full option is offered by role).
        self.acting: Actor | None = None
        self.running = False
        self.result_: ExportResult | None = None

        self.path_edit = QLineEdit(
            default_path(f"{title}_{scope_name}.xlsx" if scope_name else f"{title}.xlsx")
        )
        self.path_edit.setObjectName("exportPath")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        self.full_check = QCheckBox(self.tr("包含完整身份证号、手机号、账号（将记入审计日志）"))
        self.full_check.setObjectName("exportFull")
        self.full_check.setChecked(False)
        self.full_check.hide()  # until the role is known to allow it
        self.full_check.toggled.connect(self._full_toggled)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("exportReason")
        self.reason_edit.setPlaceholderText(self.tr("导出完整信息的理由（必填，记入审计日志）"))
        self.reason_edit.hide()
        self.reason_edit.textChanged.connect(lambda _text: self._update_export_button())
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.bar.hide()  # until the export starts
        self.status = QLabel(
            self.tr("范围：{0}。默认对身份证号、手机号、账号打码。").format(scope_name or self.tr("全部"))
        )
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.export_button = QPushButton(icon("export"), self.tr("导出"))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self._cancel_or_close)

        form = QFormLayout()
        form.addRow(self.tr("保存到"), path_row)
        form.addRow("", self.full_check)
        form.addRow("", self.reason_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        worker.submit(
            lambda db: current_actor(db, actor), while_alive(self, self._role_known), lambda _e: None
        )

    def _role_known(self, actor: Actor) -> None:
        """Offer full values only to a role that may have them."""
        self.acting = actor
        self.full_check.setVisible(may(actor.role, Permission.EXPORT_FULL))

    def _full_toggled(self, checked: bool) -> None:
        self.reason_edit.setVisible(checked)
        if checked:
            self.reason_edit.setFocus()
        self._update_export_button()

    def _update_export_button(self) -> None:
        if not self.running:
            full = self.full_check.isChecked()
            self.export_button.setEnabled(not full or bool(self.reason_edit.text().strip()))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出 Excel"), self.path_edit.text(), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if name:
            self.path_edit.setText(name)

    @property
    def path(self) -> Path:
        path = Path(self.path_edit.text().strip()).expanduser()
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def start(self) -> None:
        """Run the export on the worker."""
        if self.running or not self.path_edit.text().strip():
            return
        kind, target, actor, org_unit_id = self.kind, self.path, self.actor, self.org_unit_id
        full = self.full_check.isChecked()
        reason = self.reason_edit.text().strip() if full else ""
        if full and not reason:
            self.status.setText(self.tr("导出完整信息须填写理由"))
            self.reason_edit.setFocus()
            return
        token = self._token = CancelToken()
        signal = self._progress.changed
        self.running = True
        self.export_button.setEnabled(False)
        self.full_check.setEnabled(False)
        self.reason_edit.setEnabled(False)
        self.cancel_button.setText(self.tr("取消导出"))
        self.bar.show()
        if self.expected_rows:
            self.bar.setRange(0, self.expected_rows)
            self.bar.setValue(0)
        else:
            self.bar.setRange(0, 0)
        self.status.setText(self.tr("正在导出……"))

        def job(db: Database) -> ExportResult:
            return export_list(
                db, kind, target, actor=actor, full=full, reason=reason, org_unit_id=org_unit_id,
                progress=lambda phase, done, total: signal.emit(phase, done, total), cancel=token,
            )  # fmt: skip

        self._worker.submit(job, while_alive(self, self._finished), while_alive(self, self._failed))

    def _show_progress(self, _phase: str, done: int, _total: int) -> None:
        if not self.running:
            return
        if self.bar.maximum() > 0:
            self.bar.setValue(min(done, self.bar.maximum()))
        self.status.setText(self.tr("正在导出……已写入 {0} 行").format(f"{done:,}"))

    def _finished(self, result: Any) -> None:
        self.running = False
        self.result_ = result
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        text = self.tr("已导出 {0} 行到 {1}").format(f"{result.rows:,}", result.path)
        if result.full:
            text += self.tr("（含完整敏感信息，已记入审计日志）")
        self.status.setText(text)
        self.cancel_button.setText(self.tr("关闭"))
        self.exported.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.running = False
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.export_button.setEnabled(True)
        self.full_check.setEnabled(True)
        self.reason_edit.setEnabled(True)
        self.cancel_button.setText(self.tr("取消"))
        if isinstance(error, Cancelled):  # the user's own cancel is not an error
            self.status.setText(self.tr("已取消导出，没有写入文件。"))
        else:
            self.status.setText(self.tr("导出失败：{0}").format(error_text(error)))
        self.exported.emit(None)

    def cancel(self) -> None:
        if self._token is not None:
            self._token.cancel()

    def _cancel_or_close(self) -> None:
        if self.running:
            self.cancel()
        else:
            self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.cancel()
        super().closeEvent(event)
