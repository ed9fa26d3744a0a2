"""台账: the term's subsidy ledger per village and township (issue 15).

汇总 counts the applications per unit by where they are in the cycle, with the approved and paid amounts; 发放台账
lists every payment by batch; 未申请 the students who qualify and have not applied. The totals line compares the
paid amount with the batches' paid totals — they must be equal. The ledger is exported as Excel (汇总, 发放台账,
未申请) or printed as the PDF 发放台账; both mask ID numbers and are audited by the service. A thin adapter over
``services.subsidy_ledger``; every call runs on the database worker.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.services import subsidy_ledger
from yulu_desktop.services.subsidy_ledger import IN_REVIEW_STATES, Ledger, LedgerRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import IdRole, cell, table_widget, yuan
from yulu_desktop.ui.worker import DbWorker

__all__ = ["LedgerPage"]

LEDGER_CHANGES = frozenset({"subsidy_application", "subsidy_payment_batch"})


def _fill(table: QTableWidget, rows: list[tuple[list[str], set[int]]]) -> None:
    """Fill ``table`` with text rows; the column numbers in each row's set are right-aligned."""
    table.setRowCount(0)
    table.setRowCount(len(rows))
    for r, (cells, right) in enumerate(rows):
        for c, text in enumerate(cells):
            table.setItem(r, c, cell(text, right=c in right))


class LedgerPage(SubsidyPage):
    """The ledger of the term for the county, a township or a village."""

    watched = LEDGER_CHANGES

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.heading = self.make_heading()
        self.setObjectName("ledgerPage")
        self.ledger: Ledger | None = None

        self.unit = QComboBox()
        self.unit.setObjectName("ledgerUnit")
        self.unit.addItem(self.tr("全部"), None)
        self.unit.setMinimumContentsLength(12)
        self.unit.activated.connect(lambda _i: self.refresh())
        unit_label = QLabel(self.tr("范围(&U)："))
        unit_label.setBuddy(self.unit)
        self.export_button = QPushButton(self.tr("导出 Excel(&E)…"))
        self.export_button.setObjectName("exportLedgerButton")
        self.export_button.clicked.connect(self._ask_export)
        self.print_button = QPushButton(self.tr("打印台账 PDF(&P)…"))
        self.print_button.setObjectName("printLedgerButton")
        self.print_button.clicked.connect(self._ask_print)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(unit_label)
        top.addWidget(self.unit)
        top.addWidget(self.export_button)
        top.addWidget(self.print_button)
        top.addWidget(self.refresh_button)

        self.summary = table_widget(
            "ledgerSummary",
            [
                self.tr("乡镇／村"),
                self.tr("申请"),
                self.tr("审核中"),
                self.tr("已审定"),
                self.tr("已发放"),
                self.tr("发放失败"),
                self.tr("未通过／撤回"),
                self.tr("核定金额（元）"),
                self.tr("已发放金额（元）"),
                self.tr("符合条件未申请"),
            ],
        )
        self.summary.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines = table_widget(
            "ledgerLines",
            [
                self.tr("批次号"),
                self.tr("姓名"),
                self.tr("身份证号"),
                self.tr("乡镇"),
                self.tr("行政村"),
                self.tr("学校"),
                self.tr("金额（元）"),
                self.tr("审定日期"),
                self.tr("发放日期"),
            ],
        )
        self.lines.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.lines.horizontalHeader().setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        self.not_applied = table_widget(
            "ledgerNotApplied",
            [
                self.tr("姓名"),
                self.tr("乡镇"),
                self.tr("行政村"),
                self.tr("学校"),
                self.tr("学校类型"),
                self.tr("户类型"),
            ],
        )
        self.not_applied.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.not_applied.cellDoubleClicked.connect(self._open_not_applied)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.summary, self.tr("汇总"))
        self.tabs.addTab(self.lines, self.tr("发放台账"))
        self.tabs.addTab(self.not_applied, self.tr("符合条件未申请"))

        self.totals = QLabel()
        self.totals.setObjectName("ledgerTotals")
        self.totals.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.message)

    # --- loading ------------------------------------------------------------------------------------------

    def load_options(self) -> str | None:
        data = self.unit.currentData()
        return str(data) if data else None

    def load(self, db: Database, term: str, unit_id: str | None) -> Ledger | None:
        if not term:
            return None
        return subsidy_ledger.ledger(db, term, unit_id=unit_id)

    def show_loaded(self, ledger: Ledger | None) -> None:
        self.ledger = ledger
        if ledger is None:
            return
        self.heading.setText(
            self.tr("发放台账 · {0} · {1}").format(rules.term_label(ledger.term), ledger.scope_name)
        )
        if ledger.unit_id is None:
            self._offer_units(ledger)
        bold_rows = []
        summary: list[tuple[list[str], set[int]]] = []
        for r, row in enumerate(ledger.rows):
            summary.append((self._summary_cells(row), set(range(1, 10))))
            if row.level != "village":
                bold_rows.append(r)
        _fill(self.summary, summary)
        bold = QFont(self.summary.font())
        bold.setBold(True)
        for r in bold_rows:
            for c in range(self.summary.columnCount()):
                item = self.summary.item(r, c)
                if item is not None:
                    item.setFont(bold)
        _fill(
            self.lines,
            [
                (
                    [
                        line.batch_no,
                        line.name,
                        line.id_number_masked,
                        line.township_name,
                        line.village_name,
                        line.school_name,
                        yuan(line.amount_fen, cents=True),
                        line.county_approved_on.isoformat() if line.county_approved_on else "",
                        line.paid_on.isoformat() if line.paid_on else "",
                    ],
                    {6},
                )
                for line in ledger.lines
            ],
        )
        _fill(
            self.not_applied,
            [
                (
                    [
                        student.name,
                        student.township_name,
                        student.village_name,
                        student.school_name,
                        codes.SCHOOL_TYPE.label(student.school_type),
                        codes.HOUSEHOLD_TYPE.label(student.household_type),
                    ],
                    set(),
                )
                for student in ledger.not_applied
            ],
        )
        for r, student in enumerate(ledger.not_applied):
            item = self.not_applied.item(r, 0)
            if item is not None:
                item.setData(IdRole, student.person_id)
        self.tabs.setTabText(1, self.tr("发放台账（{0}）").format(len(ledger.lines)))
        self.tabs.setTabText(2, self.tr("符合条件未申请（{0}）").format(len(ledger.not_applied)))
        self.totals.setText(self._totals_text(ledger))

    def _summary_cells(self, row: LedgerRow) -> list[str]:
        return [
            row.label if row.level != "village" else self.tr("　{0}").format(row.name),
            str(row.applied),
            str(row.count(*IN_REVIEW_STATES)),
            str(row.approved_count),
            str(row.paid_count),
            str(row.count("payment_failed", "account_fixed")),
            str(row.count("rejected", "withdrawn")),
            yuan(row.approved_fen, cents=True),
            yuan(row.paid_fen, cents=True),
            str(row.not_applied),
        ]

    def _totals_text(self, ledger: Ledger) -> str:
        total = ledger.total
        text = self.tr(
            "合计：申请 {0} 份，已审定 {1} 份 {2} 元，已发放 {3} 人 {4} 元；发放批次合计已发放 {5} 元"
        ).format(
            total.applied,
            total.approved_count,
            yuan(total.approved_fen, cents=True),
            total.paid_count,
            yuan(total.paid_fen, cents=True),
            yuan(ledger.batches_paid_fen, cents=True),
        )
        if ledger.batches_paid_fen == total.paid_fen:
            return text + self.tr("（与台账一致）")
        return text + self.tr("（与台账不一致，请核对发放批次！）")

    def _offer_units(self, ledger: Ledger) -> None:
        """The units of the county-wide ledger, for the 范围 choice (townships, villages under them)."""
        current = self.unit.currentData()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItem(self.tr("全部"), None)
        for row in ledger.rows:
            if row.level == "township":
                self.unit.addItem(row.name, row.unit_id)
            elif row.level == "village":
                self.unit.addItem(self.tr("　{0}").format(row.name), row.unit_id)
        index = self.unit.findData(current)
        self.unit.setCurrentIndex(max(index, 0))
        self.unit.blockSignals(False)

    def select_unit(self, unit_id: str | None) -> None:
        """Show the ledger of one unit (None: everything on this laptop)."""
        self.unit.setCurrentIndex(max(self.unit.findData(unit_id), 0))
        self.refresh()

    def _open_not_applied(self, row: int, _column: int) -> None:
        item = self.not_applied.item(row, 0)
        person_id = item.data(IdRole) if item is not None else None
        if person_id:
            self.openPerson.emit(str(person_id))

    # --- export and print ---------------------------------------------------------------------------------

    def _default_name(self, suffix: str) -> str:
        scope = self.ledger.scope_name if self.ledger else ""
        return str(Path.home() / f"发放台账_{rules.term_label(self.term)}_{scope}{suffix}")

    def _ask_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("导出台账"), self._default_name(".xlsx"), self.tr("Excel 工作簿 (*.xlsx)")
        )
        if name:
            self.export_excel(Path(name))

    def _ask_print(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("打印发放台账"), self._default_name(".pdf"), self.tr("PDF 文件 (*.pdf)")
        )
        if name:
            self.print_pdf(Path(name))

    def export_excel(self, path: Path) -> None:
        term, unit_id, actor = self.term, self.load_options(), self.actor

        def job(db: Database) -> Path:
            return subsidy_ledger.export_ledger(db, term, path, unit_id=unit_id, actor=actor)

        self.act(job, lambda written: self.tr("已导出台账：{0}").format(written), changes=())

    def print_pdf(self, path: Path) -> None:
        term, unit_id, actor = self.term, self.load_options(), self.actor

        def job(db: Database) -> Path:
            return subsidy_ledger.print_ledger(db, term, path, unit_id=unit_id, actor=actor)

        self.act(job, lambda written: self.tr("已生成发放台账 PDF：{0}").format(written), changes=())
