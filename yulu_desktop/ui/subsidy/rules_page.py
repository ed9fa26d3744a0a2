"""规则: the county's subsidy rules, amounts and application windows (issue 15).

Rule versions are listed oldest first; the form below starts from the newest version (or the one picked) and
saves a NEW version — a version is never edited, so every application keeps the rule it was judged under. The
second tab sets the yearly amount per school type from a date on, the third the application window (申请期) of
the term. Only county roles write; everyone else sees the same screens read-only (the service refuses anyway).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import SubsidySetting, SubsidyWindow
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE, PAYMENT_COLUMNS, EvidenceItem, RuleSet
from yulu_desktop.services import subsidy_rules
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import table_widget, yuan
from yulu_desktop.ui.worker import DbWorker

__all__ = ["RulesPage"]

RULE_CHANGES = frozenset({"subsidy_rule", "subsidy_setting", "subsidy_window"})
CodeRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class RulesData:
    versions: list[RuleSet]
    amounts: list[SubsidySetting]
    windows: list[SubsidyWindow]
    county_code: str


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit()
    edit.setObjectName(name)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setDate(_qdate(date.today()))
    return edit


class CheckList(QListWidget):
    """A list of codes with their labels, each checkable (optionally reorderable by dragging)."""

    def __init__(self, name: str, labels: Iterable[tuple[str, str]], *, ordered: bool = False) -> None:
        super().__init__()
        self.setObjectName(name)
        for code, label in labels:
            item = QListWidgetItem(label)
            item.setData(CodeRole, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.addItem(item)
        if ordered:
            self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        # Every choice visible without scrolling (the form itself scrolls).
        rows = max(self.count(), 2)
        self.setFixedHeight(rows * max(self.sizeHintForRow(0), 18) + 2 * self.frameWidth() + 4)

    def codes(self) -> list[str]:
        """The checked codes, in the list's order."""
        found = []
        for i in range(self.count()):
            item = self.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(CodeRole)))
        return found

    def set_codes(self, checked: Iterable[str], *, order: bool = False) -> None:
        wanted = list(checked)
        if order:  # the checked ones first, in the given order
            items = [self.takeItem(0) for _ in range(self.count())]
            rank = {code: i for i, code in enumerate(wanted)}
            items.sort(key=lambda it: rank.get(str(it.data(CodeRole)), len(rank)))
            for item in items:
                self.addItem(item)
        for i in range(self.count()):
            item = self.item(i)
            checked_now = str(item.data(CodeRole)) in wanted
            item.setCheckState(Qt.CheckState.Checked if checked_now else Qt.CheckState.Unchecked)

    def move_current(self, step: int) -> None:
        row = self.currentRow()
        if row < 0 or not 0 <= row + step < self.count():
            return
        item = self.takeItem(row)
        self.insertItem(row + step, item)
        self.setCurrentRow(row + step)


class RulesPage(SubsidyPage):
    """Versions of the county's rules, the form of a new version, amounts and application windows."""

    needs_term = False

    watched = RULE_CHANGES

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("rulesPage")
        self.data: RulesData | None = None

        self.heading = self.make_heading(self.tr("补助规则"))
        self.read_only_label = QLabel(
            self.tr("只读：只有县级经办人员或县级管理员可以修改补助规则、标准和申请期。")
        )
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setWordWrap(True)
        self.read_only_label.setVisible(False)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._rules_tab(), self.tr("规则版本"))
        self.tabs.addTab(self._amounts_tab(), self.tr("补助标准"))
        self.tabs.addTab(self._windows_tab(), self.tr("申请期"))

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.read_only_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        self._set_editable(False)

    # --- building -----------------------------------------------------------------------------------------

    def _rules_tab(self) -> QWidget:
        self.versions = table_widget(
            "ruleVersions",
            [
                self.tr("版本"),
                self.tr("生效日期"),
                self.tr("户类型"),
                self.tr("学校类型"),
                self.tr("公示天数"),
                self.tr("联审部门"),
                self.tr("说明"),
            ],
            multi=False,
        )
        self.versions.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.versions.horizontalHeader().setStretchLastSection(True)
        self.versions.setMaximumHeight(100)
        self.versions.itemSelectionChanged.connect(self._version_picked)

        self.effective_from = _date_edit("ruleEffectiveFrom")
        self.household_types = CheckList("ruleHouseholdTypes", codes.HOUSEHOLD_TYPE.labels.items())
        self.school_types = CheckList("ruleSchoolTypes", codes.SCHOOL_TYPE.labels.items())
        self.registry_statuses = CheckList("ruleRegistryStatuses", codes.REGISTRY_STATUS.labels.items())
        self.exclusive_aids = QPlainTextEdit()
        self.exclusive_aids.setObjectName("ruleExclusiveAids")
        self.exclusive_aids.setPlaceholderText(self.tr("每行一项，如：重庆市建档立卡贫困家庭大学生学费资助"))
        self.exclusive_aids.setMaximumHeight(70)
        self.publicity_days = QSpinBox()
        self.publicity_days.setObjectName("rulePublicityDays")
        self.publicity_days.setRange(1, 60)
        self.publicity_days.setSuffix(self.tr(" 天"))
        self.joint_reviewers = QLineEdit()
        self.joint_reviewers.setObjectName("ruleJointReviewers")
        self.joint_reviewers.setPlaceholderText(self.tr("用顿号分隔，如：教体局、财政局；不需要联审则留空"))
        self.note = QLineEdit()
        self.note.setObjectName("ruleNote")
        self.note.setPlaceholderText(self.tr("如：依据县乡村振兴局2025年第3号通知"))

        self.evidence = QTableWidget(0, 3)
        self.evidence.setObjectName("ruleEvidence")
        self.evidence.setHorizontalHeaderLabels([self.tr("代码"), self.tr("材料名称"), self.tr("必交")])
        self.evidence.verticalHeader().setVisible(False)
        self.evidence.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.evidence.setMinimumHeight(150)
        self.add_evidence_button = QPushButton(self.tr("添加材料"))
        self.add_evidence_button.clicked.connect(lambda: self.add_evidence_row(EvidenceItem("", "")))
        self.remove_evidence_button = QPushButton(self.tr("删除所选材料"))
        self.remove_evidence_button.clicked.connect(self._remove_evidence)
        evidence_buttons = QHBoxLayout()
        evidence_buttons.addWidget(self.add_evidence_button)
        evidence_buttons.addWidget(self.remove_evidence_button)
        evidence_buttons.addStretch(1)

        self.payment_columns = CheckList("rulePaymentColumns", PAYMENT_COLUMNS.items(), ordered=True)
        self.up_button = QPushButton(self.tr("上移"))
        self.up_button.clicked.connect(lambda: self.payment_columns.move_current(-1))
        self.down_button = QPushButton(self.tr("下移"))
        self.down_button.clicked.connect(lambda: self.payment_columns.move_current(1))
        column_buttons = QHBoxLayout()
        column_buttons.addWidget(self.up_button)
        column_buttons.addWidget(self.down_button)
        column_buttons.addStretch(1)

        who = QGroupBox(self.tr("谁可以申请"))
        who_layout = QGridLayout(who)
        who_layout.addWidget(QLabel(self.tr("户类型")), 0, 0)
        who_layout.addWidget(QLabel(self.tr("学校类型")), 0, 1)
        who_layout.addWidget(QLabel(self.tr("学籍状态")), 0, 2)
        top = Qt.AlignmentFlag.AlignTop
        who_layout.addWidget(self.household_types, 1, 0, top)
        who_layout.addWidget(self.school_types, 1, 1, top)
        who_layout.addWidget(self.registry_statuses, 1, 2, top)
        who_layout.addWidget(QLabel(self.tr("不能同时享受的资助")), 2, 0, 1, 3)
        who_layout.addWidget(self.exclusive_aids, 3, 0, 1, 3)

        evidence_box = QGroupBox(self.tr("证明材料清单"))
        evidence_layout = QVBoxLayout(evidence_box)
        evidence_layout.addWidget(self.evidence)
        evidence_layout.addLayout(evidence_buttons)

        review = QGroupBox(self.tr("公示、联审和发放表"))
        review_form = QFormLayout(review)
        review_form.addRow(self.tr("生效日期："), self.effective_from)
        review_form.addRow(self.tr("公示至少："), self.publicity_days)
        review_form.addRow(self.tr("联审部门："), self.joint_reviewers)
        review_form.addRow(self.tr("说明："), self.note)
        columns_box = QVBoxLayout()
        columns_box.addWidget(self.payment_columns)
        columns_box.addLayout(column_buttons)
        review_form.addRow(self.tr("一卡通表的列（勾选，按顺序）："), columns_box)

        form = QWidget()
        grid = QGridLayout(form)
        grid.addWidget(who, 0, 0)
        grid.addWidget(evidence_box, 1, 0)
        grid.addWidget(review, 0, 1, 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        scroll = QScrollArea()
        scroll.setWidget(form)
        scroll.setWidgetResizable(True)

        self.save_button = QPushButton(self.tr("保存为新版本(&S)"))
        self.save_button.setObjectName("saveRuleButton")
        self.save_button.clicked.connect(self.save_rule)
        self.save_hint = QLabel(self.tr("保存后成为新的规则版本；已办理的申请仍按原版本判断。"))
        self.save_hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.save_hint, 1)
        bottom.addWidget(self.save_button)

        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(QLabel(self.tr("已有版本（选中一版可在其基础上修改）：")))
        layout.addWidget(self.versions)
        layout.addWidget(scroll, 1)
        layout.addLayout(bottom)
        return tab

    def _amounts_tab(self) -> QWidget:
        self.amounts = table_widget(
            "amountsTable",
            [self.tr("学校类型"), self.tr("每年标准（元）"), self.tr("每学期（元）"), self.tr("生效日期")],
        )
        self.amounts.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.amount_school = QComboBox()
        self.amount_school.setObjectName("amountSchoolType")
        for code, label in codes.SCHOOL_TYPE.labels.items():
            self.amount_school.addItem(label, code)
        self.amount_yuan = QDoubleSpinBox()
        self.amount_yuan.setObjectName("amountYuan")
        self.amount_yuan.setRange(0, 100000)
        self.amount_yuan.setDecimals(2)
        self.amount_yuan.setValue(3000)
        self.amount_yuan.setSuffix(self.tr(" 元/年"))
        self.amount_from = _date_edit("amountFrom")
        self.amount_button = QPushButton(self.tr("设置标准"))
        self.amount_button.setObjectName("setAmountButton")
        self.amount_button.clicked.connect(self.set_amount)
        row = QHBoxLayout()
        for label, widget in (
            (self.tr("学校类型："), self.amount_school),
            (self.tr("每年："), self.amount_yuan),
            (self.tr("自："), self.amount_from),
        ):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        row.addWidget(self.amount_button)
        row.addStretch(1)
        hint = QLabel(self.tr("每学期发放每年标准的一半；以申请日期所在的标准为准，以前的标准保留备查。"))
        hint.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.amounts, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        return tab

    def _windows_tab(self) -> QWidget:
        self.windows = table_widget(
            "windowsTable", [self.tr("学期"), self.tr("开始日期"), self.tr("截止日期")]
        )
        self.windows.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.window_term = QLabel()
        self.window_opens = _date_edit("windowOpens")
        self.window_closes = _date_edit("windowCloses")
        self.window_button = QPushButton(self.tr("设置本学期申请期"))
        self.window_button.setObjectName("setWindowButton")
        self.window_button.clicked.connect(self.set_window)
        row = QHBoxLayout()
        row.addWidget(self.window_term)
        row.addWidget(QLabel(self.tr("从：")))
        row.addWidget(self.window_opens)
        row.addWidget(QLabel(self.tr("至：")))
        row.addWidget(self.window_closes)
        row.addWidget(self.window_button)
        row.addStretch(1)
        hint = QLabel(self.tr("申请期以外的申请会被拒绝（按迟交处理）；不设置则不限。"))
        hint.setWordWrap(True)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.windows, 1)
        layout.addLayout(row)
        layout.addWidget(hint)
        return tab

    # --- loading ------------------------------------------------------------------------------------------

    def load(self, db: Database, term: str, options: Any) -> RulesData:
        return RulesData(
            versions=subsidy_rules.rules_of_county(db),
            amounts=subsidy_rules.amounts(db),
            windows=subsidy_rules.windows(db),
            county_code=subsidy_rules.county_code(db),
        )

    def show_loaded(self, data: RulesData) -> None:
        first = self.data is None
        self.data = data
        self.heading.setText(self.tr("补助规则 · 县代码 {0}").format(data.county_code or self.tr("未知")))
        self.versions.blockSignals(True)
        self.versions.setRowCount(0)
        for rule in data.versions:
            self._add_version_row(rule)
        self.versions.blockSignals(False)
        if first or not self.is_county:
            self.fill_form(data.versions[-1] if data.versions else DEFAULT_RULE)
        self.amounts.setRowCount(0)
        for setting in data.amounts:
            r = self.amounts.rowCount()
            self.amounts.insertRow(r)
            for c, text in enumerate(
                (
                    codes.SCHOOL_TYPE.label(setting.school_type),
                    yuan(setting.annual_amount_fen, cents=True),
                    yuan(setting.annual_amount_fen // 2, cents=True),
                    setting.effective_from.isoformat(),
                )
            ):
                self.amounts.setItem(r, c, QTableWidgetItem(text))
        self.windows.setRowCount(0)
        for window in data.windows:
            r = self.windows.rowCount()
            self.windows.insertRow(r)
            for c, text in enumerate(
                (rules.term_label(window.term), window.opens_on.isoformat(), window.closes_on.isoformat())
            ):
                self.windows.setItem(r, c, QTableWidgetItem(text))
            if window.term == self.term:
                self.window_opens.setDate(_qdate(window.opens_on))
                self.window_closes.setDate(_qdate(window.closes_on))
        self.window_term.setText(self.tr("{0}：").format(rules.term_label(self.term)) if self.term else "")
        self._set_editable(self.is_county)

    def _add_version_row(self, rule: RuleSet) -> None:
        r = self.versions.rowCount()
        self.versions.insertRow(r)
        cells = (
            str(rule.version),
            rule.effective_from.isoformat(),
            "、".join(codes.HOUSEHOLD_TYPE.label(t) for t in sorted(rule.household_types)),
            "、".join(codes.SCHOOL_TYPE.label(t) for t in codes.SCHOOL_TYPE.labels if t in rule.school_types),
            str(rule.publicity_min_days),
            "、".join(rule.joint_reviewers),
            rule.note,
        )
        for c, text in enumerate(cells):
            self.versions.setItem(r, c, QTableWidgetItem(text))

    def _set_editable(self, editable: bool) -> None:
        self.read_only_label.setVisible(not editable)
        for widget in (
            self.effective_from,
            self.household_types,
            self.school_types,
            self.registry_statuses,
            self.exclusive_aids,
            self.publicity_days,
            self.joint_reviewers,
            self.note,
            self.evidence,
            self.payment_columns,
            self.amount_school,
            self.amount_yuan,
            self.amount_from,
            self.window_opens,
            self.window_closes,
        ):
            widget.setEnabled(editable)
        for button in (
            self.save_hint,
            self.save_button,
            self.add_evidence_button,
            self.remove_evidence_button,
            self.up_button,
            self.down_button,
            self.amount_button,
            self.window_button,
        ):
            button.setVisible(editable)

    # --- the form -----------------------------------------------------------------------------------------

    def _version_picked(self) -> None:
        rows = self.versions.selectionModel().selectedRows()
        if self.data is None or not rows:
            return
        self.fill_form(self.data.versions[rows[0].row()])

    def fill_form(self, rule: RuleSet) -> None:
        """Show ``rule`` in the form (a new version starts from it)."""
        self.effective_from.setDate(_qdate(max(rule.effective_from, date.today())))
        self.household_types.set_codes(rule.household_types)
        self.school_types.set_codes(rule.school_types)
        self.registry_statuses.set_codes(rule.registry_statuses)
        self.exclusive_aids.setPlainText("\n".join(rule.exclusive_aids))
        self.publicity_days.setValue(rule.publicity_min_days)
        self.joint_reviewers.setText("、".join(rule.joint_reviewers))
        self.note.setText(rule.note)
        self.evidence.setRowCount(0)
        for item in rule.evidence:
            self.add_evidence_row(item)
        self.payment_columns.set_codes(rule.payment_columns, order=True)

    def add_evidence_row(self, item: EvidenceItem) -> None:
        r = self.evidence.rowCount()
        self.evidence.insertRow(r)
        self.evidence.setItem(r, 0, QTableWidgetItem(item.code))
        self.evidence.setItem(r, 1, QTableWidgetItem(item.label))
        required = QTableWidgetItem()
        required.setFlags(
            Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable
        )
        required.setCheckState(Qt.CheckState.Checked if item.required else Qt.CheckState.Unchecked)
        self.evidence.setItem(r, 2, required)

    def _remove_evidence(self) -> None:
        for r in sorted({index.row() for index in self.evidence.selectedIndexes()}, reverse=True):
            self.evidence.removeRow(r)

    def form_rule(self) -> RuleSet | str:
        """The rule the form describes, or a message naming the first row of the checklist that is wrong."""
        evidence = []
        for r in range(self.evidence.rowCount()):
            code_item, label_item = self.evidence.item(r, 0), self.evidence.item(r, 1)
            code = code_item.text().strip() if code_item is not None else ""
            label = label_item.text().strip() if label_item is not None else ""
            required = self.evidence.item(r, 2)
            if not code and not label:
                continue
            if not code or not label:
                return self.tr("证明材料清单第 {0} 行：代码和材料名称都要填写").format(r + 1)
            evidence.append(
                EvidenceItem(
                    code, label, required is not None and required.checkState() == Qt.CheckState.Checked
                )
            )
        aids = tuple(line.strip() for line in self.exclusive_aids.toPlainText().splitlines() if line.strip())
        reviewers = tuple(
            part.strip()
            for part in self.joint_reviewers.text().replace("，", "、").replace(",", "、").split("、")
            if part.strip()
        )
        return RuleSet(
            version=1,  # the service assigns the real one
            effective_from=_pydate(self.effective_from.date()),
            household_types=frozenset(self.household_types.codes()),
            school_types=frozenset(self.school_types.codes()),
            registry_statuses=frozenset(self.registry_statuses.codes()),
            exclusive_aids=aids,
            evidence=tuple(evidence),
            publicity_min_days=self.publicity_days.value(),
            joint_reviewers=reviewers,
            payment_columns=tuple(self.payment_columns.codes()),
            note=self.note.text().strip(),
        )

    # --- actions ------------------------------------------------------------------------------------------

    def save_rule(self) -> None:
        rule = self.form_rule()
        if isinstance(rule, str):
            self.say(rule, error=True)
            self.finished.emit(rule)
            return
        actor = self.actor

        def job(db: Database) -> RuleSet:
            return subsidy_rules.save_rule(db, rule, actor=actor)

        def done(saved: RuleSet) -> str:
            return self.tr("已保存第 {0} 版规则，自 {1} 起执行").format(
                saved.version, saved.effective_from.isoformat()
            )

        self.act(job, done, changes={"subsidy_rule"})

    def set_amount(self) -> None:
        school_type = str(self.amount_school.currentData())
        fen = round(self.amount_yuan.value() * 100)
        effective_from, actor = _pydate(self.amount_from.date()), self.actor

        def job(db: Database) -> Any:
            return subsidy_rules.set_amount(db, school_type, fen, effective_from=effective_from, actor=actor)

        def done(_setting: Any) -> str:
            return self.tr("{0}每年 {1} 元，自 {2} 起").format(
                codes.SCHOOL_TYPE.label(school_type), yuan(fen, cents=True), effective_from.isoformat()
            )

        self.act(job, done, changes={"subsidy_setting"})

    def set_window(self) -> None:
        if not self.term:
            return
        term, actor = self.term, self.actor
        opens_on, closes_on = _pydate(self.window_opens.date()), _pydate(self.window_closes.date())

        def job(db: Database) -> Any:
            return subsidy_rules.set_window(db, term, opens_on, closes_on, actor=actor)

        def done(_window: Any) -> str:
            return self.tr("{0}申请期：{1} 至 {2}").format(
                rules.term_label(term), opens_on.isoformat(), closes_on.isoformat()
            )

        self.act(job, done, changes={"subsidy_window"})
