"""发放批次: the county puts approved applications into a payment batch, exports the 一卡通 sheet and imports the
bank's result (issue 15).

Above, the term's payable applications (approved, announced, or with a corrected account), ticked for a new
batch; below, the term's batches with their counts. The export holds full ID numbers and accounts, so it asks
for a reason (written to the audit log, like every full export); the result import shows what it did — paid,
failed — or every row in error, in which case nothing was applied. A thin adapter over
``services.subsidy_payment``; every call runs on the database worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.services import subsidy_payment
from yulu_desktop.services.subsidy import ApplicationRow
from yulu_desktop.services.subsidy_payment import BatchRow, ResultReport
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.dialogs import ask_reason
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import IdRole, cell, table_widget, yuan
from yulu_desktop.ui.worker import DbWorker

__all__ = ["PaymentPage"]

PAYMENT_CHANGES = frozenset({"subsidy_application", "subsidy_payment_batch"})


@dataclass(frozen=True)
class PaymentData:
    payable: list[ApplicationRow]
    batches: list[BatchRow]


class PaymentPage(SubsidyPage):
    """Payable applications, new batches, the 一卡通 export and the bank's result."""

    watched = PAYMENT_CHANGES

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.heading = self.make_heading()
        self.setObjectName("paymentPage")
        self.data: PaymentData | None = None
        self._select_after_load: str | None = None  # a batch just made: selected once it is listed
        self.last_report: ResultReport | None = None

        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.refresh_button)

        self.payable = table_widget(
            "payableTable",
            [
                self.tr("姓名"),
                self.tr("身份证号"),
                self.tr("乡镇"),
                self.tr("行政村"),
                self.tr("学校"),
                self.tr("金额（元）"),
                self.tr("状态"),
            ],
        )
        self.payable.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.payable.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.payable.cellDoubleClicked.connect(self._open_person)
        self.payable_total = QLabel()
        self.payable_total.setObjectName("payableTotal")
        self.create_button = QPushButton(self.tr("新建发放批次(&N)"))
        self.create_button.setObjectName("createBatchButton")
        self.create_button.setToolTip(self.tr("勾选的申请组成一个批次；都不勾选则本学期全部待发放的申请"))
        self.create_button.clicked.connect(lambda: self.create_batch(self.checked_ids() or None))
        payable_bar = QHBoxLayout()
        payable_bar.addWidget(self.payable_total, 1)
        payable_bar.addWidget(self.create_button)
        upper = QWidget()
        upper_layout = QVBoxLayout(upper)
        upper_layout.setContentsMargins(0, 0, 0, 0)
        upper_layout.addWidget(QLabel(self.tr("待发放（县已审定、已公告或账户已更正）：")))
        upper_layout.addWidget(self.payable, 1)
        upper_layout.addLayout(payable_bar)

        self.batches = table_widget(
            "batchesTable",
            [
                self.tr("批次号"),
                self.tr("建立日期"),
                self.tr("人数"),
                self.tr("金额（元）"),
                self.tr("导出日期"),
                self.tr("结果导入"),
                self.tr("已发放"),
                self.tr("失败"),
                self.tr("待结果"),
            ],
            multi=False,
        )
        self.batches.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.batches.itemSelectionChanged.connect(self._update_buttons)
        self.export_button = QPushButton(self.tr("导出一卡通表(&E)…"))
        self.export_button.setObjectName("exportBatchButton")
        self.export_button.clicked.connect(self._ask_export)
        self.import_button = QPushButton(self.tr("导入发放结果(&I)…"))
        self.import_button.setObjectName("importResultButton")
        self.import_button.clicked.connect(self._ask_import)
        batch_bar = QHBoxLayout()
        batch_bar.addStretch(1)
        batch_bar.addWidget(self.export_button)
        batch_bar.addWidget(self.import_button)
        self.report = QPlainTextEdit()
        self.report.setObjectName("resultReport")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("导入发放结果后，这里列出发放成功、失败的人数或出错的行。"))
        self.report.setMaximumHeight(110)
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(QLabel(self.tr("发放批次：")))
        lower_layout.addWidget(self.batches, 1)
        lower_layout.addLayout(batch_bar)
        lower_layout.addWidget(self.report)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(upper)
        splitter.addWidget(lower)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------------------------

    def load(self, db: Database, term: str, options: Any) -> PaymentData:
        if not term:
            return PaymentData([], [])
        return PaymentData(subsidy_payment.payable(db, term), subsidy_payment.batches(db, term))

    def show_loaded(self, data: PaymentData) -> None:
        self.data = data
        self.heading.setText(self.tr("发放批次 · {0}").format(rules.term_label(self.term)))
        self.payable.setRowCount(0)
        for row in data.payable:
            r = self.payable.rowCount()
            self.payable.insertRow(r)
            name = cell(row.name)
            name.setFlags(name.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            name.setCheckState(Qt.CheckState.Unchecked)
            name.setData(IdRole, row.id)
            self.payable.setItem(r, 0, name)
            for c, text in enumerate(
                (row.id_number_masked, row.township_name, row.village_name, row.school_name), start=1
            ):
                self.payable.setItem(r, c, cell(text))
            self.payable.setItem(r, 5, cell(yuan(row.amount_fen, cents=True), right=True))
            self.payable.setItem(r, 6, cell(row.state_label))
        total = sum(row.amount_fen for row in data.payable)
        self.payable_total.setText(
            self.tr("待发放 {0} 人，合计 {1} 元").format(len(data.payable), yuan(total, cents=True))
        )
        selected = self.selected_batch()
        self.batches.setRowCount(0)
        for batch in data.batches:
            r = self.batches.rowCount()
            self.batches.insertRow(r)
            number = cell(batch.batch_no)
            number.setData(IdRole, batch.id)
            self.batches.setItem(r, 0, number)
            cells = (
                batch.created_on.isoformat(),
                str(batch.total_count),
                yuan(batch.total_fen, cents=True),
                batch.exported_on.isoformat() if batch.exported_on else self.tr("未导出"),
                batch.result_imported_on.isoformat() if batch.result_imported_on else self.tr("未导入"),
                str(batch.paid_count),
                str(batch.failed_count),
                str(batch.pending_count),
            )
            for c, text in enumerate(cells, start=1):
                self.batches.setItem(r, c, cell(text, right=c in (2, 3, 6, 7, 8)))
            if batch.id == (self._select_after_load or (selected.id if selected else None)):
                self.batches.selectRow(r)
        self._select_after_load = None
        if self.batches.rowCount() and not self.batches.selectionModel().hasSelection():
            self.batches.selectRow(self.batches.rowCount() - 1)
        self._update_buttons()

    def _update_buttons(self) -> None:
        county = self.is_county
        has_payable = bool(self.data and self.data.payable)
        self.create_button.setEnabled(county and has_payable)
        batch = self.selected_batch()
        self.export_button.setEnabled(county and batch is not None)
        self.import_button.setEnabled(county and batch is not None)

    # --- selection ----------------------------------------------------------------------------------------

    def selected_batch(self) -> BatchRow | None:
        if self.data is None:
            return None
        rows = self.batches.selectionModel().selectedRows()
        if not rows:
            return None
        item = self.batches.item(rows[0].row(), 0)
        batch_id = item.data(IdRole) if item is not None else None
        return next((b for b in self.data.batches if b.id == batch_id), None)

    def select_batch(self, batch_id: str) -> None:
        for r in range(self.batches.rowCount()):
            item = self.batches.item(r, 0)
            if item is not None and item.data(IdRole) == batch_id:
                self.batches.selectRow(r)
                return

    def select_application(self, application_id: str) -> bool:
        """Make a payable application the current row (the window opens an application this way)."""
        for r in range(self.payable.rowCount()):
            item = self.payable.item(r, 0)
            if item is not None and item.data(IdRole) == application_id:
                self.payable.selectRow(r)
                return True
        return False

    def checked_ids(self) -> list[str]:
        found = []
        for r in range(self.payable.rowCount()):
            item = self.payable.item(r, 0)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(IdRole)))
        return found

    def _open_person(self, row: int, _column: int) -> None:
        if self.data is not None and 0 <= row < len(self.data.payable):
            item = self.payable.item(row, 0)
            application_id = item.data(IdRole) if item is not None else None
            found = next((a for a in self.data.payable if a.id == application_id), None)
            if found is not None:
                self.openPerson.emit(found.person_id)

    # --- actions ------------------------------------------------------------------------------------------

    def create_batch(self, application_ids: list[str] | None = None) -> None:
        """A new batch of the ticked applications (all payable ones of the term when None)."""
        term, actor = self.term, self.actor

        def job(db: Database) -> tuple[str, list[BatchRow]]:
            batch_id = subsidy_payment.create_batch(db, term, application_ids, actor=actor)
            return batch_id, subsidy_payment.batches(db, term)

        def done(result: tuple[str, list[BatchRow]]) -> str:
            batch_id, found = result
            batch = next((b for b in found if b.id == batch_id), None)
            if batch is None:
                return self.tr("已建立发放批次")
            self._select_after_load = batch_id
            return self.tr("已建立发放批次 {0}：{1} 人，{2} 元").format(
                batch.batch_no, batch.total_count, yuan(batch.total_fen, cents=True)
            )

        self.act(job, done, changes=PAYMENT_CHANGES)

    def _ask_export(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        reason = ask_reason(
            self,
            self.tr("导出一卡通表"),
            self.tr("一卡通表含完整的身份证号和账号，导出记入审计日志。请填写理由："),
            self.tr("理由（必填，记入审计日志），如：报送财政局一卡通平台发放"),
        )
        if not reason:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("导出一卡通表"),
            str(Path.home() / f"{batch.batch_no}.xlsx"),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if name:
            self.export_batch(batch.id, Path(name), reason)

    def export_batch(self, batch_id: str, path: Path, reason: str) -> None:
        actor = self.actor

        def job(db: Database) -> Path:
            return subsidy_payment.export_batch(db, batch_id, path, actor=actor, reason=reason)

        self.act(job, lambda written: self.tr("已导出一卡通表：{0}").format(written), changes=PAYMENT_CHANGES)

    def _ask_import(self) -> None:
        batch = self.selected_batch()
        if batch is None:
            return
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("导入发放结果：{0}").format(batch.batch_no),
            str(Path.home()),
            self.tr("Excel 工作簿 (*.xlsx)"),
        )
        if name:
            self.import_result(batch.id, Path(name))

    def import_result(self, batch_id: str, path: Path) -> None:
        actor = self.actor

        def job(db: Database) -> ResultReport:
            return subsidy_payment.import_result(db, batch_id, path, actor=actor)

        self.act(job, self._show_report, changes=PAYMENT_CHANGES)

    def _show_report(self, report: ResultReport) -> str:
        self.last_report = report
        if report.errors:
            lines = [
                self.tr("发放结果有 {0} 处错误，全部未导入（没有改动任何申请）：").format(len(report.errors))
            ]
            lines += list(report.errors)
            summary = lines[0]
        else:
            summary = self.tr("已导入发放结果：发放成功 {0} 人，发放失败 {1} 人").format(
                report.paid, report.failed
            )
            lines = [summary]
            if report.failed:
                lines.append(self.tr("发放失败的申请已退回村里更正账户，更正后可纳入以后的批次。"))
            if report.pending:
                lines.append(self.tr("结果表中没有的 {0} 人仍为发放中。").format(report.pending))
        self.report.setPlainText("\n".join(lines))
        return summary
