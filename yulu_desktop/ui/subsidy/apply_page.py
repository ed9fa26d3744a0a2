"""The village's screens of the subsidy cycle (issue 15): 申请 and 公示.

申请 (``ApplyPage``): the term's students with no application yet, eligible first and the others with the reason;
申请 for the selected ones in one batch; the term's applications with a state filter, and the village's steps on
the selected ones — the evidence checklist (``EvidenceDialog``), 村委会初审, 发起公示 (``PublicizeDialog``), 异议
(``ObjectionsDialog``), 撤回, 重新申请 after a return (the reason is shown) and 更正账户 after a failed payment
(``FixAccountDialog``).; the dialogs are in ``ui/subsidy/dialogs.py``, the 公示 page in ``ui/subsidy/publicity_page.py``.

Every service call runs on the database worker; batch steps report what was done and what was refused, with the
reason, on the page's message line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules, subsidy_cycle
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import lists, printing, subsidy, subsidy_rules
from yulu_desktop.services.subsidy import ApplicationRow, Candidate
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.subsidy.dialogs import (
    EvidenceDialog,
    FixAccountDialog,
    ObjectionsDialog,
    PublicizeDialog,
    ask_reason,
)
from yulu_desktop.ui.subsidy.models import application_columns
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import Column, RowsModel, rows_view, selected_rows
from yulu_desktop.ui.worker import DbWorker

__all__ = ["ApplyPage"]

_VILLAGE = subsidy_cycle.Level.VILLAGE


def _common_unit_code(roots: Sequence[lists.OrgNode], village_ids: set[str]) -> str:
    """The code of the village (or else the township) all ``village_ids`` are in: the printing service prints the
    forms of a village or a township."""
    paths: list[list[lists.OrgNode]] = []

    def walk(node: lists.OrgNode, path: list[lists.OrgNode]) -> None:
        here = [*path, node]
        if node.id in village_ids:
            paths.append(here)
        for child in node.children:
            walk(child, here)

    for root in roots:
        walk(root, [])
    common: lists.OrgNode | None = None
    for nodes in zip(*paths, strict=False):
        if len({n.id for n in nodes}) != 1:
            break
        common = nodes[0]
    if common is None or len(paths) != len(village_ids) or common.level not in ("village", "township"):
        raise YuluError("所选学生不在同一个乡镇，请按乡镇分别打印补助申请表")
    return common.code


# --- 申请 ---------------------------------------------------------------------------------------------------------


class ApplyPage(SubsidyPage):
    """申请: the village's candidates and applications of the term, and its steps on them."""

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("subsidyApplyPage")
        #: The day the services take as today (None: the real date; tests set it).
        self.empty_selection = self.tr("请先在“本学期申请”中选择申请（可按住 Ctrl 或 Shift 多选）")
        self.dialog: QDialog | None = None  # the dialog open now (tests drive it)

        # 待申请
        self.candidates = RowsModel(
            [
                Column(self.tr("姓名"), lambda c: c.name),
                Column(self.tr("村"), lambda c: c.village_name),
                Column(
                    self.tr("户类型"),
                    lambda c: codes.HOUSEHOLD_TYPE.label(c.household_type) if c.household_type else "",
                ),
                Column(self.tr("学校"), lambda c: c.school_name),
                Column(
                    self.tr("学校类型"),
                    lambda c: codes.SCHOOL_TYPE.label(c.school_type) if c.school_type else "",
                ),
                Column(
                    self.tr("是否符合条件"),
                    lambda c: "；".join(c.problems) if c.problems else self.tr("符合条件"),
                    lambda c: bool(c.problems),
                ),
            ],
            lambda c: c.person_id,
            self,
        )
        self.candidates_view = rows_view(self.candidates, "candidatesTable")
        self.candidates_view.doubleClicked.connect(
            lambda index: self.openPerson.emit(self.candidates.row(index.row()).person_id)
        )
        self.other_aid = QLineEdit()
        self.other_aid.setObjectName("otherAid")
        self.other_aid.setPlaceholderText(self.tr("所选学生已享受的其他资助（没有则留空）"))
        self.select_eligible_button = QPushButton(self.tr("选中全部符合条件的"))
        self.select_eligible_button.clicked.connect(self.select_eligible)
        self.apply_button = QPushButton(icon("add"), self.tr("为所选学生申请"))
        self.apply_button.setObjectName("applyButton")
        self.apply_button.clicked.connect(lambda: self.apply_selected())
        self.candidates_box = QGroupBox(self.tr("待申请"))
        candidates_layout = QVBoxLayout(self.candidates_box)
        candidates_layout.addWidget(self.candidates_view, 1)
        candidate_buttons = QHBoxLayout()
        candidate_buttons.addWidget(self.other_aid, 1)
        candidate_buttons.addWidget(self.select_eligible_button)
        candidate_buttons.addWidget(self.apply_button)
        candidates_layout.addLayout(candidate_buttons)

        # 本学期申请
        self.state_filter = QComboBox()
        self.state_filter.setObjectName("stateFilter")
        self.state_filter.addItem(self.tr("全部状态"), "")
        for code, label in codes.SUBSIDY_STATE.labels.items():
            if code != "draft":
                self.state_filter.addItem(self.tr(label), code)
        self.state_filter.currentIndexChanged.connect(lambda _i: self._filter())
        self.applications = RowsModel(application_columns(), lambda a: a.id, self)
        self.all_applications: list[ApplicationRow] = []
        self.applications_view = rows_view(self.applications, "applicationsTable")
        self.applications_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.applications_view.doubleClicked.connect(lambda _index: self.open_evidence())
        self.returned_banner = QLabel()
        self.returned_banner.setObjectName("returnedBanner")
        self.returned_banner.setWordWrap(True)
        self.returned_banner.setStyleSheet("color: #b71c1c;")

        def button(text: str, name: str, slot: Callable[[], Any], tip: str) -> QPushButton:
            b = QPushButton(text)
            b.setObjectName(name)
            b.setToolTip(tip)
            b.clicked.connect(lambda: slot())
            return b

        self.evidence_button = button(
            self.tr("证明材料…"),
            "evidenceButton",
            self.open_evidence,
            self.tr("勾选或附上选中申请的证明材料（双击一行也可）"),
        )
        self.review_button = button(
            self.tr("村委会初审"),
            "reviewButton",
            self.review,
            self.tr("所选申请通过村委会初审（须材料齐全）"),
        )
        self.publicize_button = button(
            self.tr("发起公示…"),
            "publicizeButton",
            self.open_publicize,
            self.tr("把所选已初审的申请列入本村公示"),
        )
        self.objections_button = button(
            self.tr("异议…"), "objectionsButton", self.open_objections, self.tr("记录或处理公示期间的异议")
        )
        self.withdraw_button = button(
            self.tr("撤回…"), "withdrawButton", self.withdraw, self.tr("撤回所选申请（须填写原因）")
        )
        self.reapply_button = button(
            self.tr("重新申请"),
            "reapplyButton",
            self.reapply,
            self.tr("被退回的申请补正后重新申请，之后须重新初审和公示"),
        )
        self.fix_button = button(
            self.tr("更正账户…"),
            "fixAccountButton",
            self.open_fix_account,
            self.tr("发放失败的申请更正收款账号"),
        )
        self.print_button = button(
            self.tr("打印申请表…"),
            "printFormsButton",
            self.print_forms,
            self.tr("把所选学生的补助申请表打印到一个 PDF（脱敏版；签字用的完整版在“打印”菜单）"),
        )
        self.person_button = button(
            self.tr("打开档案"), "openPersonButton", self._open_person, self.tr("打开选中学生的一人一档")
        )
        self.step_buttons: dict[str, QPushButton] = {
            "village_reviewed": self.review_button,
            "publicized": self.publicize_button,
            "withdrawn": self.withdraw_button,
            "applied": self.reapply_button,
            "account_fixed": self.fix_button,
        }
        self.applications_box = QGroupBox(self.tr("本学期申请"))
        applications_layout = QVBoxLayout(self.applications_box)
        filter_row = QHBoxLayout()
        filter_row.addWidget(QLabel(self.tr("状态")))
        filter_row.addWidget(self.state_filter)
        filter_row.addStretch(1)
        applications_layout.addLayout(filter_row)
        applications_layout.addWidget(self.returned_banner)
        applications_layout.addWidget(self.applications_view, 1)
        action_row = QHBoxLayout()
        for b in (
            self.evidence_button,
            self.review_button,
            self.publicize_button,
            self.objections_button,
            self.withdraw_button,
            self.reapply_button,
            self.fix_button,
        ):
            action_row.addWidget(b)
        action_row.addStretch(1)
        action_row.addWidget(self.print_button)
        action_row.addWidget(self.person_button)
        applications_layout.addLayout(action_row)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.candidates_box)
        splitter.addWidget(self.applications_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([220, 480])  # the applications get the room; the candidates list is often short
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    # --- loading ---

    def load_options(self) -> tuple[date | None, str | None]:
        return self.today, self.unit_id

    def load(
        self, db: Database, term: str, options: tuple[date | None, str | None]
    ) -> tuple[list[Candidate], list[ApplicationRow]]:
        today, unit_id = options
        return (
            subsidy.candidates(db, term, unit_id=unit_id, today=today),
            subsidy.applications(db, term=term, unit_id=unit_id),
        )

    def show_loaded(self, data: tuple[list[Candidate], list[ApplicationRow]]) -> None:
        self._show(*data)

    def _show(self, candidates: list[Candidate], applications: list[ApplicationRow]) -> None:
        self.candidates.set_rows(candidates)
        eligible = sum(1 for c in candidates if not c.problems)
        self.candidates_box.setTitle(
            self.tr("待申请：{0} 名在读学生尚未申请，其中 {1} 名符合条件").format(len(candidates), eligible)
        )
        self.all_applications = list(applications)
        returned = [a for a in applications if a.state == "returned"]
        if returned:
            lines = [f"{a.name}：{a.returned_reason}" for a in returned[:5]]
            more = self.tr("……另有 {0} 份").format(len(returned) - 5) if len(returned) > 5 else ""
            self.returned_banner.setText(
                self.tr("有 {0} 份申请被退回，请补正后点“重新申请”：").format(len(returned))
                + "；".join(lines)
                + more
            )
        self.returned_banner.setVisible(bool(returned))
        self._filter()

    def _filter(self) -> None:
        keep = {self.applications.key(n) for n in selected_rows(self.applications_view)}
        state = self.state_filter.currentData()
        rows = [a for a in self.all_applications if not state or a.state == state]
        self.applications.set_rows(rows)
        self.applications_box.setTitle(
            self.tr("{0}的申请：{1} 份").format(rules.term_label(self.term), len(self.all_applications))
        )
        self._select_keys(keep)
        self._update_buttons()

    def _select_keys(self, keys: set[str]) -> None:
        selection = self.applications_view.selectionModel()
        for n in range(self.applications.rowCount()):
            if self.applications.key(n) in keys:
                selection.select(
                    self.applications.index(n, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def select_application(self, application_id: str) -> bool:
        """Show all states and select one application (the window opens an application here)."""
        if self.state_filter.currentIndex() != 0:
            self.state_filter.setCurrentIndex(0)
        row = self.applications.find(application_id)
        if row is None:
            return False
        self.applications_view.clearSelection()
        self._select_keys({application_id})
        self.applications_view.scrollTo(self.applications.index(row, 0))
        return True

    def selected_applications(self) -> list[ApplicationRow]:
        return [self.applications.row(n) for n in selected_rows(self.applications_view)]

    def _update_buttons(self) -> None:
        states = {a.state for a in self.selected_applications()}
        targets = {s.target for state in states for s in subsidy_cycle.steps_from(state, _VILLAGE)}
        for target, b in self.step_buttons.items():
            b.setEnabled(target in targets)
        one = len(states) > 0
        self.evidence_button.setEnabled(one)
        self.person_button.setEnabled(one)
        self.print_button.setEnabled(one)
        self.objections_button.setEnabled(any(a.publicity_id for a in self.selected_applications()))

    # --- 申请 ---

    def select_eligible(self) -> None:
        self.candidates_view.clearSelection()
        selection = self.candidates_view.selectionModel()
        for n in range(self.candidates.rowCount()):
            if not self.candidates.row(n).problems:
                selection.select(
                    self.candidates.index(n, 0),
                    selection.SelectionFlag.Select | selection.SelectionFlag.Rows,
                )

    def apply_selected(self, person_ids: Sequence[str] | None = None) -> None:
        """申请 for the selected candidates (or ``person_ids``) in one batch."""
        if person_ids is None:
            person_ids = [self.candidates.key(n) for n in selected_rows(self.candidates_view)]
        ids = list(person_ids)
        if not ids:
            self.say(self.tr("请先在“待申请”中选择学生（可按住 Ctrl 或 Shift 多选）"), error=True)
            return
        aid = self.other_aid.text().strip()
        other_aid = dict.fromkeys(ids, aid) if aid else None
        term, actor, today = self.term, self.actor, self.today

        def job(db: Database) -> subsidy.StepReport:
            return subsidy.apply(db, ids, term, actor=actor, other_aid=other_aid, today=today)

        def done(report: subsidy.StepReport) -> None:
            self.other_aid.clear()
            self.show_report(report, self.tr("已为 {0} 名学生申请补助，请收齐证明材料后村委会初审"))

        self.act(job, done, changes={"subsidy_application", "subsidy_evidence"})

    # --- steps on applications ---

    def review(self, opinion: str | None = None) -> None:
        """村委会初审 of the selected applications, with the village's opinion."""
        if not self.need_selection():
            return
        if opinion is None:
            text, ok = QInputDialog.getText(
                self, self.tr("村委会初审"), self.tr("初审意见："), text=self.tr("情况属实，同意上报")
            )
            if not ok:
                return
            opinion = text.strip()
        self.step("village_reviewed", self.tr("{0} 份申请已通过村委会初审"), opinion=opinion)

    def withdraw(self, reason: str | None = None) -> None:
        if not self.need_selection():
            return
        if reason is None:
            reason = ask_reason(self, self.tr("撤回申请"), self.tr("撤回原因（如“学生已退学”）："))
            if reason is None:
                return
        self.step("withdrawn", self.tr("已撤回 {0} 份申请"), reason=reason)

    def reapply(self) -> None:
        self.step("applied", self.tr("{0} 份被退回的申请已重新申请，请重新初审并公示"))

    def open_evidence(self) -> EvidenceDialog | None:
        rows = self.need_selection()
        if not rows:
            return None
        dialog = EvidenceDialog(
            self.worker,
            self.actor,
            rows[0],
            self,
            read_only=rows[0].state in subsidy_cycle.DECIDED | subsidy_cycle.FINAL,
            today=self.today,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: self.refresh())
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_publicize(self) -> None:
        """发起公示 for the selected applications that passed 初审 (the county's minimum days are read first)."""
        rows = [a for a in self.need_selection() if a.state == "village_reviewed"]
        if not rows:
            if self.selected_applications():
                self.say(self.tr("所选申请中没有“村委会初审”状态的，不能公示"), error=True)
            return
        villages = sorted({a.village_name for a in rows})
        if len(villages) > 1:
            self.say(
                self.tr("所选申请属于 {0} 个村（{1}），公示按村张贴，请每次只选一个村的申请").format(
                    len(villages), "、".join(villages)
                ),
                error=True,
            )
            return
        on = self.today or date.today()

        def job(db: Database) -> int:
            return subsidy_rules.rule_in_force(db, on).publicity_min_days

        self.worker.submit(job, lambda days: self._publicize_dialog(rows, days), self.failed)

    def _publicize_dialog(self, rows: list[ApplicationRow], min_days: int) -> None:
        dialog = PublicizeDialog(self.worker, self.actor, rows, min_days, self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.say(self.tr("已将 {0} 份申请列入公示").format(len(rows)))

        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()

    def open_objections(self) -> ObjectionsDialog | None:
        rows = [a for a in self.need_selection() if a.publicity_id]
        if not rows:
            return None
        dialog = ObjectionsDialog(self.worker, self.actor, rows[0], self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_fix_account(self) -> FixAccountDialog | None:
        rows = [a for a in self.need_selection() if a.state == "payment_failed"]
        if not rows:
            return None
        dialog = FixAccountDialog(self.worker, self.actor, rows[0], self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def finished(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.say(self.tr("{0} 的账户已更正，县里将在下一批次发放").format(rows[0].name))

        dialog.finished.connect(finished)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _open_person(self) -> None:
        rows = self.need_selection()
        if rows:
            self.openPerson.emit(rows[0].person_id)

    def print_forms(self, path: Path | None = None) -> None:
        """The 补助申请表 of the selected students in one PDF (masked; audited by the printing service)."""
        rows = self.need_selection()
        if not rows:
            return
        if path is None:
            suggested = f"补助申请表_{rules.term_label(self.term)}.pdf"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("保存补助申请表"), suggested, self.tr("PDF 文件 (*.pdf)")
            )
            if not chosen:
                return
            path = Path(chosen)
        target, term, actor, workers = path, self.term, self.actor, printing.batch_workers()
        person_ids = list(dict.fromkeys(a.person_id for a in rows))
        village_ids = {a.village_id for a in rows}

        def job(db: Database) -> printing.BatchResult:
            code = _common_unit_code(lists.org_tree(db), village_ids)
            return printing.print_forms(db, code, term, target, actor, person_ids=person_ids, workers=workers)

        def done(result: printing.BatchResult) -> None:
            text = self.tr("已把 {0} 份申请表保存到 {1}").format(result.printed, target)
            if result.skipped:
                text += "\n" + self.tr("未打印：{0}").format("；".join(result.skipped))
            self.say(text, error=bool(result.skipped))

        self.worker.submit(job, done, self.failed)
