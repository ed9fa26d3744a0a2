"""The dialogs of the village's subsidy steps (issue 15): the evidence checklist (``EvidenceDialog``), 发起公示
(``PublicizeDialog``), 异议 (``ObjectionsDialog``), 更正账户 (``FixAccountDialog``) and a typed reason."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, subsidy_cycle
from yulu_desktop.services import subsidy, subsidy_publicity
from yulu_desktop.services.subsidy import ApplicationRow, EvidenceRow
from yulu_desktop.services.subsidy_publicity import ObjectionRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.table_models import (
    Column,
    RowsModel,
    error_text,
    iso,
    rows_view,
    selected_rows,
    table_widget,
)
from yulu_desktop.ui.worker import DbWorker

__all__ = ["EvidenceDialog", "FixAccountDialog", "ObjectionsDialog", "PublicizeDialog", "ask_reason"]


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(day: date, name: str) -> QDateEdit:
    edit = QDateEdit(_qdate(day))
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _DialogBase(QDialog):
    """A dialog with a red problem line; YuluErrors land there, anything else goes to the worker."""

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.actor = actor
        self.problem = QLabel()
        self.problem.setObjectName("dialogProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #b71c1c;")

    def _submit_buttons(self, ok_text: str) -> QDialogButtonBox:
        """OK (named ``ok_text``) runs ``submit``; Cancel closes the dialog."""
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        return buttons

    def submit(self) -> None:  # pragma: no cover - the dialogs with an OK button override it
        raise NotImplementedError

    def failed(self, error: BaseException) -> None:
        text = error_text(error)
        if text is None:
            self.worker.report_error(error)
        else:
            self.problem.setText(text)


# --- the evidence checklist ------------------------------------------------------------------------------------


class EvidenceDialog(_DialogBase):
    """证明材料: the application's evidence checklist — tick an item, attach its scan, or mark it missing."""

    loaded = Signal()

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        application: ApplicationRow,
        parent: QWidget | None = None,
        *,
        read_only: bool = False,
        today: date | None = None,
    ) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("evidenceDialog")
        self.application = application
        self.read_only = read_only
        self.today = today
        self.rows: list[EvidenceRow] = []
        self._filling = False
        self.setWindowTitle(self.tr("证明材料 · {0}").format(application.name))
        self.table = table_widget(
            "evidenceTable",
            [self.tr("已提供"), self.tr("材料"), self.tr("扫描件"), self.tr("备注")],
            multi=False,
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.itemChanged.connect(self._item_changed)
        self.summary = QLabel()
        self.summary.setObjectName("evidenceSummary")
        self.summary.setWordWrap(True)
        self.attach_button = QPushButton(icon("add"), self.tr("附上扫描件…"))
        self.attach_button.setToolTip(self.tr("为选中的材料附上扫描件或照片，并标记为已提供"))
        self.attach_button.clicked.connect(self._attach_chosen)
        self.missing_button = QPushButton(self.tr("标记缺失"))
        self.missing_button.setToolTip(self.tr("选中的材料尚未提供"))
        self.missing_button.clicked.connect(self._mark_missing)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.attach_button)
        row.addWidget(self.missing_button)
        row.addStretch(1)
        row.addWidget(buttons)
        hint = QLabel(
            self.tr("勾选表示已收到该材料；带“*”的是县里规定必须提供的材料，缺少时不能村委会初审。")
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem)
        layout.addLayout(row)
        for button in (self.attach_button, self.missing_button):
            button.setVisible(not read_only)
        self.resize(640, 360)
        self.reload()

    def reload(self) -> None:
        application_id = self.application.id

        def job(db: Database) -> list[EvidenceRow]:
            return subsidy.evidence(db, application_id)

        self.worker.submit(job, self._show, self.failed)

    def _show(self, rows: list[EvidenceRow]) -> None:
        self.rows = list(rows)
        self._filling = True
        try:
            self.table.setRowCount(len(rows))
            for n, item in enumerate(rows):
                tick = QTableWidgetItem()
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if not self.read_only:
                    flags |= Qt.ItemFlag.ItemIsUserCheckable
                tick.setFlags(flags)
                tick.setCheckState(Qt.CheckState.Checked if item.provided else Qt.CheckState.Unchecked)
                tick.setData(Qt.ItemDataRole.UserRole, item.kind)
                self.table.setItem(n, 0, tick)
                label = item.label + (" *" if item.required else "")
                self.table.setItem(n, 1, QTableWidgetItem(label))
                self.table.setItem(n, 2, QTableWidgetItem(item.filename))
                self.table.setItem(n, 3, QTableWidgetItem(item.note))
        finally:
            self._filling = False
        if rows and self.table.currentRow() < 0:
            self.table.selectRow(0)
        missing = [r.label for r in rows if r.required and not r.provided]
        if missing:
            self.summary.setStyleSheet("color: #b71c1c;")
            self.summary.setText(self.tr("缺少：{0}").format("、".join(missing)))
        else:
            self.summary.setStyleSheet("color: #1b5e20;")
            self.summary.setText(self.tr("必需的材料已齐全"))
        self.loaded.emit()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 0 or self.read_only:
            return
        kind = str(item.data(Qt.ItemDataRole.UserRole))
        self.tick(kind, item.checkState() == Qt.CheckState.Checked)

    def tick(self, kind: str, provided: bool) -> None:
        """Mark the item ``kind`` provided (or missing)."""
        application_id, actor, today = self.application.id, self.actor, self.today

        def job(db: Database) -> None:
            subsidy.set_evidence(db, application_id, kind, provided=provided, actor=actor, today=today)

        self.problem.clear()
        self.worker.submit(
            job, lambda _r: self.reload(), self._failed_and_reload, changes={"subsidy_evidence"}
        )

    def _failed_and_reload(self, error: BaseException) -> None:
        self.failed(error)
        self.reload()

    def _current_kind(self) -> str | None:
        row = self.table.currentRow()
        return self.rows[row].kind if 0 <= row < len(self.rows) else None

    def _mark_missing(self) -> None:
        kind = self._current_kind()
        if kind is None:
            self.problem.setText(self.tr("请先选择一项材料"))
            return
        self.tick(kind, False)

    def _attach_chosen(self) -> None:
        kind = self._current_kind()
        if kind is None:
            self.problem.setText(self.tr("请先选择一项材料"))
            return
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择扫描件"),
            "",
            self.tr("图片或 PDF (*.jpg *.jpeg *.png *.pdf);;所有文件 (*)"),
        )
        if path:
            self.attach(kind, Path(path))

    def attach(self, kind: str, path: Path) -> None:
        """Store the scan at ``path`` for the item ``kind`` and mark it provided."""
        application_id, actor, today = self.application.id, self.actor, self.today

        def job(db: Database) -> str:
            return subsidy.attach_evidence(
                db, application_id, kind, path.name, path.read_bytes(), actor=actor, today=today
            )

        self.problem.clear()
        self.worker.submit(
            job,
            lambda _r: self.reload(),
            self.failed,
            changes={"subsidy_evidence", "attachment"},
        )


# --- 公示, objections, account ---------------------------------------------------------------------------------


class PublicizeDialog(_DialogBase):
    """发起公示: the dates (at least the county's minimum days) and the place of a village's 公示."""

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        applications: Sequence[ApplicationRow],
        min_days: int,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("publicizeDialog")
        self.setWindowTitle(self.tr("发起公示"))
        self.applications = list(applications)
        self.min_days = min_days
        self.today = today
        self.publicity_id: str | None = None
        start = today or date.today()
        self.starts_on = _date_edit(start, "publicityStarts")
        self.ends_on = _date_edit(start + timedelta(days=max(min_days, 1) - 1), "publicityEnds")
        self.place = QLineEdit(self.tr("村务公开栏"))
        self.place.setObjectName("publicityPlace")
        names = "、".join(a.name for a in self.applications[:12])
        if len(self.applications) > 12:
            names += self.tr(" 等")
        intro = QLabel(
            self.tr("将 {0} 名学生列入公示：{1}").format(len(self.applications), names)
            + "\n"
            + self.tr("县里规定公示至少 {0} 天（含首尾两天）；公示结束后次日起乡镇才能审核。").format(
                min_days
            )
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("开始日期"), self.starts_on)
        form.addRow(self.tr("结束日期"), self.ends_on)
        form.addRow(self.tr("公示地点"), self.place)
        self.buttons = self._submit_buttons(self.tr("发起公示"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(460)

    def submit(self) -> None:
        """Check the period here (the service checks again) and put the applications on a 公示."""
        starts_on, ends_on = _pydate(self.starts_on.date()), _pydate(self.ends_on.date())
        problem = subsidy_cycle.publicity_length_problem(starts_on, ends_on, self.min_days)
        if problem is not None:
            self.problem.setText(problem)
            return
        ids = [a.id for a in self.applications]
        place, actor, today = self.place.text().strip(), self.actor, self.today

        def job(db: Database) -> str:
            return subsidy_publicity.publicize(
                db, ids, starts_on=starts_on, ends_on=ends_on, place=place, actor=actor, today=today
            )

        def done(publicity_id: str) -> None:
            self.publicity_id = publicity_id
            self.accept()

        self.problem.clear()
        self.buttons.setEnabled(False)
        self.worker.submit(
            job,
            done,
            self._refused,
            changes={"subsidy_application", "subsidy_publicity"},
        )

    def _refused(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.failed(error)


class ObjectionsDialog(_DialogBase):
    """异议: the objections raised against an application during its 公示; record one, resolve one."""

    loaded = Signal()

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        application: ApplicationRow,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("objectionsDialog")
        self.setWindowTitle(self.tr("异议 · {0}").format(application.name))
        self.application = application
        self.today = today
        self.model = RowsModel(
            [
                Column(self.tr("提出日期"), lambda r: iso(r.raised_on)),
                Column(self.tr("提出人"), lambda r: r.raised_by),
                Column(self.tr("异议内容"), lambda r: r.content),
                Column(
                    self.tr("处理结果"),
                    lambda r: r.outcome_label or self.tr("未处理"),
                    lambda r: r.outcome in (None, "upheld"),
                ),
                Column(self.tr("处理说明"), lambda r: r.outcome_note),
                Column(self.tr("处理日期"), lambda r: iso(r.resolved_on)),
            ],
            lambda r: r.id,
            self,
        )
        self.view = rows_view(self.model, "objectionsTable", multi=False)
        self.raised_by = QLineEdit()
        self.raised_by.setObjectName("objectionBy")
        self.raised_by.setPlaceholderText(self.tr("提出人姓名，或“匿名”"))
        self.raised_on = _date_edit(today or date.today(), "objectionOn")
        self.content = QLineEdit()
        self.content.setObjectName("objectionContent")
        self.content.setPlaceholderText(self.tr("异议的内容，如“家中已有人在外务工，收入较高”"))
        record_button = QPushButton(icon("add"), self.tr("记录异议"))
        record_button.clicked.connect(self._record_typed)
        record_box = QGroupBox(self.tr("记录新的异议"))
        record_form = QFormLayout(record_box)
        record_form.addRow(self.tr("提出人"), self.raised_by)
        record_form.addRow(self.tr("提出日期"), self.raised_on)
        record_form.addRow(self.tr("内容"), self.content)
        record_form.addRow("", record_button)
        self.outcome = QComboBox()
        self.outcome.setObjectName("objectionOutcome")
        for code, label in codes.OBJECTION_OUTCOME.labels.items():
            self.outcome.addItem(self.tr(label), code)
        self.note = QLineEdit()
        self.note.setObjectName("objectionNote")
        self.note.setPlaceholderText(self.tr("核实情况，如“经入户核实，异议不属实”"))
        resolve_button = QPushButton(self.tr("处理所选异议"))
        resolve_button.clicked.connect(self._resolve_selected)
        resolve_box = QGroupBox(self.tr("处理异议"))
        resolve_form = QFormLayout(resolve_box)
        resolve_form.addRow(self.tr("结果"), self.outcome)
        resolve_form.addRow(self.tr("说明"), self.note)
        resolve_form.addRow("", resolve_button)
        boxes = QHBoxLayout()
        boxes.addWidget(record_box, 1)
        boxes.addWidget(resolve_box, 1)
        record_box.setVisible(not read_only)
        resolve_box.setVisible(not read_only)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            self.tr("有未处理的异议或异议成立时，乡镇不能审核通过（异议成立的申请应退回或不通过）。")
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(boxes)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.resize(760, 440)
        self.reload()

    def reload(self) -> None:
        application_id = self.application.id

        def job(db: Database) -> list[ObjectionRow]:
            return subsidy_publicity.objections(db, application_id)

        def show(rows: list[ObjectionRow]) -> None:
            self.model.set_rows(rows)
            self.loaded.emit()

        self.worker.submit(job, show, self.failed)

    def _record_typed(self) -> None:
        self.record(self.raised_by.text(), self.content.text(), _pydate(self.raised_on.date()))

    def record(self, raised_by: str, content: str, raised_on: date) -> None:
        """Record an objection (who, what, when)."""
        if not raised_by.strip():
            self.problem.setText(self.tr("请填写异议提出人（不愿署名的填“匿名”）"))
            return
        if not content.strip():
            self.problem.setText(self.tr("请填写异议内容"))
            return
        application_id, actor = self.application.id, self.actor

        def job(db: Database) -> str:
            return subsidy_publicity.raise_objection(
                db,
                application_id,
                raised_by=raised_by.strip(),
                content=content.strip(),
                raised_on=raised_on,
                actor=actor,
            )

        def done(_id: str) -> None:
            self.content.clear()
            self.raised_by.clear()
            self.reload()

        self.problem.clear()
        self.worker.submit(job, done, self.failed, changes={"subsidy_objection"})

    def _resolve_selected(self) -> None:
        rows = selected_rows(self.view)
        if not rows:
            self.problem.setText(self.tr("请先在上表中选择要处理的异议"))
            return
        self.resolve(self.model.key(rows[0]), str(self.outcome.currentData()), self.note.text())

    def resolve(self, objection_id: str, outcome: str, note: str) -> None:
        """Record the outcome of an objection (异议成立 / 异议不成立) with what was found."""
        if not note.strip():
            self.problem.setText(self.tr("请填写处理说明（核实了什么）"))
            return
        actor, today = self.actor, self.today

        def job(db: Database) -> None:
            subsidy_publicity.resolve_objection(
                db, objection_id, outcome=outcome, note=note.strip(), actor=actor, today=today
            )

        def done(_r: object) -> None:
            self.note.clear()
            self.reload()

        self.problem.clear()
        self.worker.submit(job, done, self.failed, changes={"subsidy_objection"})


class FixAccountDialog(_DialogBase):
    """更正账户: after a failed payment the village enters the right card; the county pays in a later batch."""

    def __init__(
        self, worker: DbWorker, actor: str, application: ApplicationRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("fixAccountDialog")
        self.setWindowTitle(self.tr("更正账户 · {0}").format(application.name))
        self.application = application
        self.payee_name = QLineEdit()
        self.payee_name.setObjectName("payeeName")
        self.payee_name.setPlaceholderText(self.tr("持卡人姓名"))
        self.payee_account = QLineEdit()
        self.payee_account.setObjectName("payeeAccount")
        self.payee_account.setPlaceholderText(self.tr("一卡通／一折通账号，或学生社保卡号"))
        failure = QLabel(
            self.tr("银行退回原因：{0}").format(application.payment_failure or self.tr("（未说明）"))
        )
        failure.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("持卡人"), self.payee_name)
        form.addRow(self.tr("新账号"), self.payee_account)
        self.buttons = self._submit_buttons(self.tr("保存更正"))
        layout = QVBoxLayout(self)
        layout.addWidget(failure)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)

    def submit(self) -> None:
        name, account = self.payee_name.text().strip(), "".join(self.payee_account.text().split())
        if not name:
            self.problem.setText(self.tr("请填写持卡人姓名"))
            return
        if not account:
            self.problem.setText(self.tr("请填写新账号"))
            return
        application_id, actor = self.application.id, self.actor

        def job(db: Database) -> None:
            subsidy.fix_account(db, application_id, payee_name=name, payee_account=account, actor=actor)

        self.problem.clear()
        self.worker.submit(job, lambda _r: self.accept(), self.failed, changes={"subsidy_application"})


def ask_reason(parent: QWidget, title: str, prompt: str, placeholder: str = "") -> str | None:
    """Ask for a reason (required: OK stays disabled until one is typed); None if the user cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    edit = QLineEdit()
    edit.setObjectName("reasonEdit")
    edit.setPlaceholderText(placeholder)
    edit.setMinimumWidth(360)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setEnabled(False)
    edit.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    label = QLabel(prompt)
    label.setWordWrap(True)
    layout.addWidget(label)
    layout.addWidget(edit)
    layout.addWidget(buttons)
    try:
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return edit.text().strip() or None
    finally:
        dialog.deleteLater()
