"""县审定: the county's queue of applications the township passed (issue 15).

Applications in ``township_reviewed`` are listed per township and village with the evidence and the lower
levels' opinions; the county records the joint review the rule asks for (e.g. 教体局 同意), then approves, returns
to the village or rejects — in a batch over the ticked applications. Approved applications are announced (公告)
from the second view. The page is a thin adapter over ``services.subsidy``: every call runs on the database
worker, and what the service refuses is shown with its Chinese reason.

"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QTreeWidgetItemIterator,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE, RuleSet
from yulu_desktop.services import subsidy, subsidy_publicity, subsidy_rules
from yulu_desktop.services.subsidy import ApplicationRow, StepReport
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.dialogs import ask_reason
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import IdRole, yuan
from yulu_desktop.ui.worker import DbWorker

__all__ = ["CountyApprovalPage"]

#: What changes when the county decides (every page showing applications refreshes).
APPLICATION_CHANGES = frozenset({"subsidy_application"})
# The tree's column of the day of 县审定 (empty while awaiting it: hidden in that view).
APPROVED_ON_COLUMN = 5


def _report_text(report: StepReport, done_label: str) -> str:
    """A StepReport as one message: how many were done (also none), and each refused one with its reason."""
    lines = [QCoreApplication.translate("SubsidyPage", "{0}：{1} 份").format(done_label, len(report.done))]
    if report.refused:
        lines.append(QCoreApplication.translate("SubsidyPage", "未办理 {0} 份：").format(len(report.refused)))
        for _id, name, reason in report.refused:
            lines.append(QCoreApplication.translate("SubsidyPage", "{0}：{1}").format(name, reason))
    return "\n".join(lines)


def _rule_for(rules_: Sequence[RuleSet], version: int | None) -> RuleSet:
    return next((r for r in rules_ if r.version == version), DEFAULT_RULE)


class CountyApprovalPage(SubsidyPage):
    """县审定 and 公告 of the term's applications, per township and village."""

    watched = APPLICATION_CHANGES

    #: What the page lists: (states, label).
    VIEWS = (("township_reviewed",), ("county_approved",), ("announced",))

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.heading = self.make_heading()
        self.setObjectName("countyApprovalPage")
        self.rows: list[ApplicationRow] = []
        self._opinions: dict[str, dict[str, str]] = {}
        self.departments: tuple[str, ...] = ()

        self.view = QComboBox()
        self.view.setObjectName("approvalView")
        self.view.addItems([self.tr("待县审定（乡镇已审核）"), self.tr("已审定待公告"), self.tr("已公告")])
        self.view.currentIndexChanged.connect(lambda _i: self.refresh())
        view_label = QLabel(self.tr("显示(&S)："))
        view_label.setBuddy(self.view)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(view_label)
        top.addWidget(self.view)
        top.addWidget(self.refresh_button)

        self.tree = QTreeWidget()
        self.tree.setObjectName("approvalTree")
        self.tree.setHeaderLabels(
            [
                self.tr("乡镇／村／姓名"),
                self.tr("身份证号"),
                self.tr("学校"),
                self.tr("金额（元）"),
                self.tr("申请日期"),
                self.tr("审定日期"),
                self.tr("联审意见"),
                self.tr("规则版本"),
            ]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 200)
        self.tree.setColumnWidth(1, 160)
        self.tree.currentItemChanged.connect(lambda current, _old: self._show_detail(current))
        self.tree.itemDoubleClicked.connect(self._open_person)

        self.detail = QTextBrowser()
        self.detail.setObjectName("approvalDetail")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tree)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([480, 90])

        # Joint review: one department's opinion for the ticked applications.
        self.department = QComboBox()
        self.department.setObjectName("jointDepartment")
        self.joint_opinion = QLineEdit(self.tr("同意"))
        self.joint_opinion.setObjectName("jointOpinion")
        self.joint_button = QPushButton(self.tr("记录联审意见(&J)"))
        self.joint_button.setObjectName("jointButton")
        self.joint_button.clicked.connect(self.record_joint_opinion)
        joint_label = QLabel(self.tr("联审部门(&D)："))
        joint_label.setBuddy(self.department)
        joint = QHBoxLayout()
        joint.addWidget(joint_label)
        joint.addWidget(self.department)
        joint.addWidget(self.joint_opinion, 1)
        joint.addWidget(self.joint_button)

        self.opinion = QLineEdit(self.tr("同意"))
        self.opinion.setObjectName("countyOpinion")
        opinion_label = QLabel(self.tr("县审定意见(&O)："))
        opinion_label.setBuddy(self.opinion)
        self.approve_button = QPushButton(self.tr("县审定通过(&A)"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(self.approve)
        self.return_button = QPushButton(self.tr("退回村(&T)…"))
        self.return_button.clicked.connect(self._ask_return)
        self.reject_button = QPushButton(self.tr("不通过(&N)…"))
        self.reject_button.clicked.connect(self._ask_reject)
        self.announce_button = QPushButton(self.tr("公告(&G)"))
        self.announce_button.setObjectName("announceButton")
        self.announce_button.clicked.connect(self.announce)
        self.all_button = QPushButton(self.tr("全选(&L)"))
        self.all_button.clicked.connect(lambda: self.check_all(True))
        actions = QHBoxLayout()
        actions.addWidget(opinion_label)
        actions.addWidget(self.opinion, 1)
        actions.addWidget(self.all_button)
        actions.addWidget(self.approve_button)
        actions.addWidget(self.return_button)
        actions.addWidget(self.reject_button)
        actions.addWidget(self.announce_button)

        hint = QLabel(
            self.tr(
                "勾选申请（勾选乡镇或村即选中其下全部），先记录规则要求的联审意见，再审定；双击姓名打开此人档案。"
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addLayout(joint)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        layout.addWidget(hint)
        self._update_buttons()

    # --- loading ------------------------------------------------------------------------------------------

    def load_options(self) -> tuple[str, ...]:
        return self.VIEWS[self.view.currentIndex()]

    def load(
        self, db: Database, term: str, states: tuple[str, ...]
    ) -> tuple[list[ApplicationRow], tuple[str, ...], dict[str, dict[str, str]]]:
        found = subsidy.applications(db, term=term, states=states) if term else []
        versions = subsidy_rules.rules_of_county(db)
        in_force = subsidy_rules.rule_in_force(db, date.today())
        departments: list[str] = list(in_force.joint_reviewers)
        for row in found:
            for name in _rule_for(versions, row.rule_version).joint_reviewers:
                if name not in departments:
                    departments.append(name)
        opinions = {
            row.id: {
                "village_opinion": row.village_opinion,
                "township_opinion": row.township_opinion,
                "county_opinion": row.county_opinion,
                "joint_opinions": _joint_text(row.joint_opinions),
            }
            for row in found
        }
        return found, tuple(departments), opinions

    def show_loaded(
        self, data: tuple[list[ApplicationRow], tuple[str, ...], dict[str, dict[str, str]]]
    ) -> None:
        found, departments, opinions = data
        self._opinions = opinions
        joint = {key: _joint_text(value.get("joint_opinions", "")) for key, value in opinions.items()}
        self.heading.setText(self.tr("县审定 · {0}").format(rules.term_label(self.term)))
        self.rows = found
        self.departments = departments
        current = self.department.currentText()
        self.department.clear()
        self.department.addItems(list(departments))
        if current in departments:
            self.department.setCurrentText(current)
        self.tree.clear()
        townships: dict[str, QTreeWidgetItem] = {}
        villages: dict[tuple[str, str], QTreeWidgetItem] = {}
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsUserCheckable
        for row in sorted(found, key=lambda r: (r.township_name, r.village_name, r.name)):
            township = townships.get(row.township_name)
            if township is None:
                township = QTreeWidgetItem(self.tree, [row.township_name or self.tr("（未知乡镇）")])
                township.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate)
                township.setCheckState(0, Qt.CheckState.Unchecked)
                townships[row.township_name] = township
            village = villages.get((row.township_name, row.village_name))
            if village is None:
                village = QTreeWidgetItem(township, [row.village_name])
                village.setFlags(flags | Qt.ItemFlag.ItemIsAutoTristate)
                village.setCheckState(0, Qt.CheckState.Unchecked)
                villages[(row.township_name, row.village_name)] = village
            item = QTreeWidgetItem(
                village,
                [
                    row.name,
                    row.id_number_masked,
                    row.school_name,
                    yuan(row.amount_fen, cents=True),
                    row.applied_on.isoformat() if row.applied_on else "",
                    _approved_on(row, self.tr("未记录")),
                    joint.get(row.id, ""),
                    "" if row.rule_version is None else str(row.rule_version),
                ],
            )
            if row.county_approved_on is None and row.state != "township_reviewed":
                item.setToolTip(
                    APPROVED_ON_COLUMN,
                    self.tr("由旧版本的雨露审定，没有记录审定日期（按公示结束日计算逾期）"),
                )
            item.setFlags(flags)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            item.setData(0, IdRole, row.id)
            item.setTextAlignment(3, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        for item in townships.values():
            item.setText(0, self.tr("{0}（{1} 份）").format(item.text(0), _leaves(item)))
        for item in villages.values():
            item.setText(0, self.tr("{0}（{1} 份）").format(item.text(0), item.childCount()))
        self.tree.expandAll()
        self.detail.clear()
        if not found:
            self.detail.setPlainText(self.tr("本学期没有这类申请。"))
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self.view.currentIndex()
        county = self.is_county
        for button in (self.approve_button, self.return_button, self.reject_button):
            button.setVisible(view == 0)
            button.setEnabled(county)
        self.joint_button.setEnabled(county and view == 0 and bool(self.departments))
        self.department.setEnabled(bool(self.departments))
        self.announce_button.setVisible(view == 1)
        self.announce_button.setEnabled(county)
        self.tree.setColumnHidden(APPROVED_ON_COLUMN, view == 0)

    # --- the detail of one application --------------------------------------------------------------------

    def _show_detail(self, item: QTreeWidgetItem | None) -> None:
        application_id = item.data(0, IdRole) if item is not None else None
        if not application_id:
            return
        row = next((r for r in self.rows if r.id == application_id), None)
        if row is None:
            return

        def job(db: Database) -> tuple[list[Any], list[Any]]:
            return subsidy.evidence(db, application_id), subsidy_publicity.objections(db, application_id)

        self.worker.submit(job, lambda found: self._show_evidence(row, *found))

    def _show_evidence(self, row: ApplicationRow, evidence: list[Any], objections: list[Any]) -> None:
        current = self.tree.currentItem()
        if current is None or current.data(0, IdRole) != row.id:
            return
        lines = [self.tr("<b>{0}</b>　{1}　{2}").format(row.name, row.village_name, row.school_name)]
        opinions = self._opinions.get(row.id, {})
        said = []
        for label, value in (
            (self.tr("村委会初审意见"), opinions.get("village_opinion", "")),
            (self.tr("乡镇审核意见"), opinions.get("township_opinion", "")),
            (self.tr("联审意见"), _joint_text(opinions.get("joint_opinions", ""))),
            (self.tr("县审定意见"), opinions.get("county_opinion", "")),
            (self.tr("县审定日期"), row.county_approved_on.isoformat() if row.county_approved_on else ""),
        ):
            if value:
                said.append(f"{label}：{value}")
        if said:
            lines.append("；".join(said))
        items = []
        for e in evidence:
            mark = self.tr("✔ 已提供") if e.provided else self.tr("✘ 缺少")
            needed = "" if e.required else self.tr("（选交）")
            scan = self.tr("，扫描件 {0}").format(e.filename) if getattr(e, "filename", "") else ""
            items.append(f"{e.label}{needed}：{mark}{scan}")
        lines.append(self.tr("证明材料：") + ("；".join(items) if items else self.tr("无")))
        if objections:
            lines.append(
                self.tr("公示异议 {0} 条（{1} 条未处理）").format(len(objections), row.open_objections)
            )
        self.detail.setHtml("<br>".join(lines))

    def _open_person(self, item: QTreeWidgetItem, _column: int) -> None:
        application_id = item.data(0, IdRole)
        row = next((r for r in self.rows if r.id == application_id), None)
        if row is not None:
            self.openPerson.emit(row.person_id)

    # --- ticking ------------------------------------------------------------------------------------------

    def check_all(self, checked: bool = True) -> None:
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            if top is not None:
                top.setCheckState(0, state)

    def check(self, application_ids: Iterable[str]) -> None:
        wanted = set(application_ids)
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, IdRole) in wanted:
                item.setCheckState(0, Qt.CheckState.Checked)
            iterator += 1

    def select_application(self, application_id: str) -> bool:
        """Make the application the current line (the window opens an application this way)."""
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            if item.data(0, IdRole) == application_id:
                self.tree.setCurrentItem(item)
                self.tree.scrollToItem(item)
                return True
            iterator += 1
        return False

    def checked_ids(self) -> list[str]:
        found = []
        iterator = QTreeWidgetItemIterator(self.tree)
        while item := iterator.value():
            application_id = item.data(0, IdRole)
            if application_id and item.checkState(0) == Qt.CheckState.Checked:
                found.append(str(application_id))
            iterator += 1
        return found

    def _ticked(self) -> list[str] | None:
        ids = self.checked_ids()
        if not ids:
            self.say(self.tr("请先勾选要办理的申请"), error=True)
            self.finished.emit(self.message.text())
            return None
        return ids

    # --- actions ------------------------------------------------------------------------------------------

    def record_joint_opinion(self) -> None:
        ids = self._ticked()
        if ids is None:
            return
        department, opinion, actor = (
            self.department.currentText(),
            self.joint_opinion.text().strip(),
            self.actor,
        )
        if not department or not opinion:
            self.say(self.tr("请选择联审部门并填写其意见"), error=True)
            self.finished.emit(self.message.text())
            return

        def job(db: Database) -> StepReport:
            return subsidy.set_joint_opinion(db, ids, department, opinion, actor=actor)

        label = self.tr("已记录{0}意见“{1}”").format(department, opinion)
        self.act(job, lambda report: self._show_report(report, label))

    def approve(self) -> None:
        self._step("county_approved", self.tr("县审定通过"), opinion=self.opinion.text().strip())

    def return_to_village(self, reason: str) -> None:
        self._step("returned", self.tr("已退回村"), reason=reason)

    def reject(self, reason: str) -> None:
        self._step("rejected", self.tr("不通过"), reason=reason)

    def announce(self) -> None:
        self._step("announced", self.tr("已公告"))

    def _ask_return(self) -> None:
        if not self.checked_ids():
            self._ticked()
            return
        reason = ask_reason(
            self,
            self.tr("退回村"),
            self.tr("退回的理由（村里会在今日工作中看到）："),
            self.tr("如：学籍证明与学校不符"),
        )
        if reason:
            self.return_to_village(reason)

    def _ask_reject(self) -> None:
        if not self.checked_ids():
            self._ticked()
            return
        reason = ask_reason(
            self, self.tr("不通过"), self.tr("不通过的理由："), self.tr("如：已享受其他同类资助")
        )
        if reason:
            self.reject(reason)

    def _show_report(self, report: StepReport, label: str) -> None:
        self.say(_report_text(report, label), error=bool(report.refused))

    def _step(self, target: str, label: str, *, opinion: str = "", reason: str = "") -> None:
        ids = self._ticked()
        if ids is None:
            return
        self.take_step(
            ids, target, lambda report: self._show_report(report, label), opinion=opinion, reason=reason
        )


def _joint_text(opinions: object) -> str:
    """``{"教体局": "同意"}`` as ``教体局：同意`` (already text: as it is)."""
    if isinstance(opinions, Mapping):
        return "；".join(f"{k}：{v}" for k, v in opinions.items())
    return str(opinions or "")


def _approved_on(row: ApplicationRow, unrecorded: str) -> str:
    """The day of 县审定; ``unrecorded`` for an application approved by a laptop of the last release."""
    if row.county_approved_on is not None:
        return row.county_approved_on.isoformat()
    return "" if row.state == "township_reviewed" else unrecorded


def _leaves(item: QTreeWidgetItem) -> int:
    total = 0
    for i in range(item.childCount()):
        child = item.child(i)
        total += child.childCount() if child is not None else 0
    return total
