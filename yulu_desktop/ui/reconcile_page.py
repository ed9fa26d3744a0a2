"""The reconciliation page (核对): a national export compared with what Yulu holds, one tab per kind of
difference, and the report saved as .xlsx. The comparison runs on the database worker
(:func:`yulu_desktop.services.excel_export.reconcile`); ID numbers and phones are shown masked.

Open it with :func:`open_reconcile_page` (a window) or embed :class:`ReconcilePage`.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.masking import mask_id_number, mask_phone
from yulu_desktop.services.excel_export import ReconcileReport, reconcile, write_reconcile_report
from yulu_desktop.services.tasks import CancelToken
from yulu_desktop.store.database import Database
from yulu_desktop.ui.closing import add_close_controls
from yulu_desktop.ui.screen_fit import fit_to_screen
from yulu_desktop.ui.worker import DbWorker


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> QTableWidget:
    table = QTableWidget(len(rows), len(headers))
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
    return table


class ReconcilePage(QWidget):
    """Choose a national export, compare, browse the differences, save the report."""

    #: The comparison finished (the report), or failed (None).
    finished = Signal(object)

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.report: ReconcileReport | None = None
        self._token: CancelToken | None = None
        self.setWindowTitle(self.tr("与国家系统核对"))
        self.choose_button = QPushButton(self.tr("选择国家系统导出表并核对…"))
        self.choose_button.clicked.connect(self._choose)
        self.save_button = QPushButton(self.tr("保存核对报告…"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self._save)
        self.summary = QLabel(self.tr("选择从全国防返贫监测信息系统导出的表格，与雨露中的数据逐人核对。"))
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        #: 关闭, when the page is shown as a window of its own (open_reconcile_page).
        self.close_button: QPushButton | None = None
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)

    def _choose(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择国家系统导出表"), "", self.tr("表格 (*.xlsx *.xls *.csv);;所有文件 (*)")
        )
        if name:
            self.compare(Path(name))

    def compare(self, path: Path) -> None:
        """Run the comparison on the worker; the tabs fill when it is done."""
        self.summary.setText(self.tr("正在核对 {0} ……").format(path.name))
        self.choose_button.setEnabled(False)
        token = self._token = CancelToken()

        def job(db: Database) -> ReconcileReport:
            return reconcile(db, path, cancel=token)

        def failed(error: BaseException) -> None:
            self.choose_button.setEnabled(True)
            self.summary.setText(getattr(error, "message", None) or self.tr("核对失败：{0}").format(error))
            self.finished.emit(None)

        self.worker.submit(job, self.show_report, failed)

    def show_report(self, report: Any) -> None:
        self.report = report
        self.choose_button.setEnabled(True)
        self.save_button.setEnabled(True)
        self.summary.setText(report.summary())
        self.tabs.clear()
        people = [
            self.tr("行政村"),
            self.tr("户编号"),
            self.tr("人编号"),
            self.tr("姓名"),
            self.tr("证件号码"),
        ]

        def person_rows(entries: Sequence[Any]) -> list[list[Any]]:
            return [
                [e.village, e.household_no, e.person_no, e.name, mask_id_number(e.id_number)] for e in entries
            ]

        def shown(field: str, value: str) -> str:
            if field == "联系电话":
                return mask_phone(value)
            return mask_id_number(value) if field == "证件号码" else value

        self.tabs.addTab(
            _table(people, person_rows(report.only_in_file)),
            self.tr("仅在国家系统 ({0})").format(len(report.only_in_file)),
        )
        self.tabs.addTab(
            _table(people, person_rows(report.only_in_yulu)),
            self.tr("仅在雨露 ({0})").format(len(report.only_in_yulu)),
        )
        self.tabs.addTab(
            _table(
                [
                    self.tr("原表行号"),
                    self.tr("户编号"),
                    self.tr("姓名"),
                    self.tr("字段"),
                    self.tr("国家系统"),
                    self.tr("雨露"),
                ],
                [
                    [
                        d.row_number,
                        d.household_no,
                        d.name,
                        d.field,
                        shown(d.field, d.in_file),
                        shown(d.field, d.in_yulu),
                    ]
                    for d in report.differences
                ],
            ),
            self.tr("字段不一致 ({0})").format(len(report.differences)),
        )
        self.tabs.addTab(
            _table(
                [self.tr("户编号"), self.tr("仅在国家系统的成员"), self.tr("仅在雨露的成员")],
                [
                    [h.household_no, "、".join(h.only_in_file), "、".join(h.only_in_yulu)]
                    for h in report.households
                ],
            ),
            self.tr("成员不一致的户 ({0})").format(len(report.households)),
        )
        self.tabs.addTab(
            _table(
                [self.tr("原表行号"), self.tr("问题")],
                [[r.row_number, r.reason()] for r in report.unreadable],
            ),
            self.tr("无法核对的行 ({0})").format(len(report.unreadable)),
        )
        self.finished.emit(report)

    def _save(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("保存核对报告"), "核对报告.xlsx", self.tr("Excel 工作簿 (*.xlsx)")
        )
        if name:
            self.save(Path(name))

    def save(self, path: Path) -> Path | None:
        """Write the report (masked) to ``path``."""
        if self.report is None:
            return None
        return write_reconcile_report(self.report, path)

    def closeEvent(self, event: Any) -> None:
        if self._token is not None:
            self._token.cancel()
        super().closeEvent(event)


def open_reconcile_page(worker: DbWorker, *, parent: QWidget | None = None) -> ReconcilePage:
    """Show the reconciliation page in its own window (the main window may embed ``ReconcilePage`` instead)."""
    page = ReconcilePage(worker, parent)
    page.setWindowFlag(Qt.WindowType.Window, True)
    page.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    page.close_button = add_close_controls(page)  # 关闭 and Esc, as well as the window's own close button
    fit_to_screen(page, 900, 600)
    page.show()
    return page
