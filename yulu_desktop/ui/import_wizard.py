"""The import wizard: choose a file → preview (a dry run, problems highlighted per row and cell) → import.

All work runs on the database worker (``DbWorker``): the preview is ``import_file(..., dry_run=True)``, the
import the same call for real, both with a progress callback and a ``CancelToken``. Progress reaches the GUI
through a queued signal; a cancel by the user rolls the import back and shows no error. The wizard is a thin
adapter over :mod:`yulu_desktop.services.excel_import`.

Open it with :func:`open_import_wizard`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from yulu_desktop.services.excel_import import ImportReport, import_file
from yulu_desktop.services.tasks import Cancelled, CancelToken
from yulu_desktop.store.database import Database
from yulu_desktop.ui.worker import DbWorker

KINDS: tuple[tuple[str, str], ...] = (
    ("national", "全国防返贫监测信息系统导出表"),
    ("intent", "入读职业院校意愿清单"),
    ("students", "雨露计划在读学生清单"),
    ("graduates", "雨露计划毕业生就业去向清单"),
)
ERROR_BRUSH = QBrush(QColor("#f8d7da"))
WARNING_BRUSH = QBrush(QColor("#fff3cd"))
_PREVIEW_LIMIT = 2000


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI (a queued connection)."""

    changed = Signal(str, int, int)


class ChooseFilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("选择要导入的文件"))
        self.setSubTitle(self.tr("支持 .xlsx、.xls、.csv；表头可以不在第一行。"))
        self.path = QLineEdit()
        self.path.setObjectName("importPath")
        browse = QPushButton(self.tr("浏览…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path)
        row.addWidget(browse)
        self.kind = QComboBox()
        for code, label in KINDS:
            self.kind.addItem(self.tr(label), code)
        form = QFormLayout(self)
        form.addRow(self.tr("文件"), row)
        form.addRow(self.tr("表格类型"), self.kind)
        self.path.textChanged.connect(self.completeChanged)

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择表格"), "", self.tr("表格 (*.xlsx *.xls *.csv);;所有文件 (*)")
        )
        if name:
            self.path.setText(name)

    def isComplete(self) -> bool:
        return Path(self.path.text().strip()).is_file()


class PreviewPage(QWizardPage):
    """A dry run: counts, and every problem with its row and column, errors red and warnings yellow."""

    previewed = Signal(object)

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("预览"))
        self.summary = QLabel(self.tr("正在检查……"))
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("problemTable")
        self.problems.setHorizontalHeaderLabels([self.tr("行"), self.tr("列"), self.tr("问题")])
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.skip_invalid = QCheckBox(
            self.tr("跳过有问题的行，只导入没有问题的行（有问题的行另存为表格，可改正后再导入）")
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.problems)
        layout.addWidget(self.skip_invalid)
        self.report: ImportReport | None = None
        self.skip_invalid.toggled.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.report = None
        self.summary.setText(self.tr("正在检查……"))
        self.problems.setRowCount(0)
        self._wizard.run(dry_run=True)

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.summary.setText(report.summary())
        issues = report.errors + report.warnings
        self.problems.setRowCount(min(len(issues), _PREVIEW_LIMIT))
        for index, issue in enumerate(issues[:_PREVIEW_LIMIT]):
            brush = ERROR_BRUSH if issue.is_error else WARNING_BRUSH
            # The label names the column as the sheet does, with its letter: 证件号码（H列）.
            for column, text in enumerate((str(issue.row or ""), issue.label, issue.message)):
                item = QTableWidgetItem(text)
                item.setBackground(brush)
                item.setData(Qt.ItemDataRole.UserRole, issue.is_error)
                self.problems.setItem(index, column, item)
        self.completeChanged.emit()
        self.previewed.emit(report)

    def show_error(self, message: str) -> None:
        self.summary.setText(message)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        report = self.report
        if report is None:
            return False
        return report.ok or self.skip_invalid.isChecked()


class ImportPage(QWizardPage):
    """The import itself, with progress and a cancel button."""

    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self.setTitle(self.tr("导入"))
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.cancel_button = QPushButton(self.tr("取消导入"))
        self.cancel_button.clicked.connect(wizard.cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self.report: ImportReport | None = None
        self.finished = False

    def initializePage(self) -> None:
        self.report = None
        self.finished = False
        self.status.setText(self.tr("正在导入……"))
        self.bar.setRange(0, 0)
        self.cancel_button.setEnabled(True)
        self._wizard.run(dry_run=False)

    def done_with(self, text: str, report: ImportReport | None) -> None:
        self.report = report
        self.finished = True
        self.status.setText(text)
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.cancel_button.setEnabled(False)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.finished


class ImportWizard(QWizard):
    """Choose file → preview → import. ``imported`` is emitted with the report of a real import."""

    imported = Signal(object)
    #: The preview or import job finished (report or error), for tests and the main window.
    jobFinished = Signal()

    def __init__(self, worker: DbWorker, *, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("导入表格"))
        self.worker = worker
        self.actor = actor
        self.choose = ChooseFilePage(self)
        self.preview = PreviewPage(self)
        self.importing = ImportPage(self)
        self.addPage(self.choose)
        self.addPage(self.preview)
        self.addPage(self.importing)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)
        self._token: CancelToken | None = None
        self.running = False

    @property
    def path(self) -> Path:
        return Path(self.choose.path.text().strip())

    @property
    def kind(self) -> str:
        return str(self.choose.kind.currentData())

    def run(self, *, dry_run: bool) -> None:
        """Submit the preview (a dry run) or the import to the database worker."""
        path, kind, actor = self.path, self.kind, self.actor
        skip_invalid = self.preview.skip_invalid.isChecked()
        token = self._token = CancelToken()
        signal = self._progress.changed
        self.running = True

        def job(db: Database) -> ImportReport:
            return import_file(
                db, path, kind, actor=actor, dry_run=dry_run, skip_invalid=skip_invalid,
                progress=lambda phase, done, total: signal.emit(phase, done, total), cancel=token,
            )  # fmt: skip

        def ok(report: Any) -> None:
            self.running = False
            if dry_run:
                self.preview.show_report(report)
            else:
                text = report.summary()
                if report.rejected_path is not None:
                    text += "\n" + self.tr("有问题的行已另存为：{0}").format(report.rejected_path)
                self.importing.done_with(text, report)
                if report.applied:
                    self.imported.emit(report)
            self.jobFinished.emit()

        def failed(error: BaseException) -> None:
            self.running = False
            if isinstance(error, Cancelled):
                text = self.tr("已取消，没有写入任何数据。")
            else:
                text = getattr(error, "message", None) or self.tr("导入失败：{0}").format(error)
            if dry_run:
                self.preview.show_error(text)
            else:
                self.importing.done_with(text, None)
            self.jobFinished.emit()

        changes = (
            ()
            if dry_run
            else ("org_unit", "household", "person", "intent", "enrollment", "employment_record")
        )
        self.worker.submit(job, ok, failed, changes=changes)

    def cancel(self) -> None:
        """Ask the running job to stop; it rolls back and reports "已取消"."""
        if self._token is not None:
            self._token.cancel()

    def reject(self) -> None:
        self.cancel()
        super().reject()

    def _show_progress(self, phase: str, done: int, total: int) -> None:
        page = self.importing if self.currentPage() is self.importing else None
        if page is None:
            self.preview.summary.setText(self.tr("正在检查…… 已读取 {0} 行").format(done))
            return
        if total:
            page.bar.setRange(0, total)
            page.bar.setValue(done)
            page.status.setText(self.tr("正在写入 {0}/{1} 行……").format(done, total))
        else:
            page.bar.setRange(0, 0)
            page.status.setText(self.tr("正在读取 {0} 行……").format(done))


def open_import_wizard(
    worker: DbWorker,
    *,
    actor: str,
    parent: QWidget | None = None,
    path: str | None = None,
    kind: str | None = None,
) -> ImportWizard:
    """Show the import wizard (non-modal); connect to ``imported`` to refresh views. ``path``/``kind`` preset
    the first page (a file dropped on the window, say)."""
    wizard = ImportWizard(worker, actor=actor, parent=parent)
    wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if path:
        wizard.choose.path.setText(path)
    if kind:
        index = wizard.choose.kind.findData(kind)
        if index >= 0:
            wizard.choose.kind.setCurrentIndex(index)
    wizard.show()
    return wizard
