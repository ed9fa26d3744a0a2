"""补助: the person's subsidy applications, their evidence, and the steps this laptop's role may take on them.

The cycle is ``services.subsidy`` (issue 15): 申请 checks eligibility under the county's rule, and a step is one
of ``domain.subsidy_cycle.steps_from(state, role)``. Steps that need more than an opinion (公示, payment batches,
the bank's result, 更正账户) are done in the 雨露计划补助 window, which the 在补助窗口中打开 button opens on the
selected application.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules, subsidy_cycle
from yulu_desktop.domain.access import Role
from yulu_desktop.domain.entities import SubsidyApplication
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.masking import mask_account
from yulu_desktop.services import acting, subsidy
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.services.subsidy import EvidenceRow, StepReport
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import RecordsTableModel
from yulu_desktop.ui.person.widgets import selected_id, table
from yulu_desktop.ui.print_preview import newest_first, print_term, while_alive
from yulu_desktop.ui.table_models import iso, yuan

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow

#: Targets that have their own screen in the subsidy window (take_step refuses them).
OWN_SCREEN = frozenset({"publicized", "in_payment", "paid", "payment_failed", "account_fixed"})


@dataclass(frozen=True)
class _Loaded:
    role: Role
    evidence: dict[str, list[EvidenceRow]]


def _reason(application: SubsidyApplication) -> str:
    return application.returned_reason or application.payment_failure or application.reason


class SubsidiesTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.role: Role | None = None
        self.evidence: dict[str, list[EvidenceRow]] = {}
        self._generation = 0
        self.subsidies = RecordsTableModel(
            [
                self.tr("学期"),
                self.tr("补助金额（元）"),
                self.tr("状态"),
                self.tr("申请日期"),
                self.tr("收款人"),
                self.tr("收款账号"),
                self.tr("缺少材料"),
                self.tr("退回／不通过／失败原因"),
            ],
            self,
        )
        self.subsidies_view = table(self.subsidies)
        self.subsidies_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_subsidy_actions()
        )
        self.subsidy_term = QComboBox()
        self.subsidy_term.setObjectName("subsidyTerm")
        self.apply_button = QPushButton(icon("add"), self.tr("申请补助"))
        self.apply_button.setToolTip(self.tr("按县里的补助规则为所选学期申请补助"))
        self.apply_button.clicked.connect(self.apply_for_subsidy)
        self.next_state = QComboBox()
        self.next_state.setObjectName("subsidyNextState")
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("审核意见（村、乡镇、县审核时填写）"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("退回、不通过或撤回时必须填写"))
        self.advance_button = QPushButton(self.tr("办理"))
        self.advance_button.setToolTip(self.tr("对选中的补助申请办理所选的一步"))
        self.advance_button.clicked.connect(self.advance_subsidy)
        self.open_window_button = QPushButton(self.tr("在补助窗口中打开"))
        self.open_window_button.setObjectName("openSubsidyWindow")
        self.open_window_button.setToolTip(
            self.tr("在“雨露计划补助”窗口中打开选中的申请：证明材料、公示、异议、发放与更正账户在那里办理")
        )
        self.open_window_button.clicked.connect(lambda: self.open_in_window())
        self.evidence_label = QLabel()
        self.evidence_label.setObjectName("subsidyEvidence")
        self.evidence_label.setWordWrap(True)
        self.subsidy_message = QLabel()
        self.subsidy_message.setObjectName("subsidyMessage")
        self.subsidy_message.setWordWrap(True)
        self.subsidy_message.setStyleSheet("color: #c62828;")
        apply_box = QGroupBox(self.tr("申请补助"))
        apply_layout = QHBoxLayout(apply_box)
        apply_layout.addWidget(QLabel(self.tr("学期")))
        apply_layout.addWidget(self.subsidy_term, 1)
        apply_layout.addWidget(self.apply_button)
        advance_box = QGroupBox(self.tr("办理选中的申请"))
        advance_form = QFormLayout(advance_box)
        advance_form.addRow(self.tr("下一步"), self.next_state)
        advance_form.addRow(self.tr("意见"), self.opinion)
        advance_form.addRow(self.tr("原因"), self.reason)
        buttons = QHBoxLayout()
        buttons.addWidget(self.advance_button)
        buttons.addWidget(self.open_window_button)
        buttons.addStretch(1)
        advance_form.addRow("", buttons)
        subsidy_boxes = QHBoxLayout()
        subsidy_boxes.addWidget(apply_box, 1)
        subsidy_boxes.addWidget(advance_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subsidies_view, 1)
        layout.addWidget(self.evidence_label)
        layout.addLayout(subsidy_boxes)
        layout.addWidget(self.subsidy_message)
        self._update_subsidy_actions()

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self._show_rows()
        applied = {s.term for s in person_file.subsidies}
        terms = newest_first(print_term(e.school_year, e.semester) for e in person_file.enrollments)
        self.subsidy_term.clear()
        for term in terms:
            label = rules.term_label(term)
            self.subsidy_term.addItem(label + (self.tr("（已申请）") if term in applied else ""), term)
        self.subsidy_term.setCurrentIndex(next((n for n, t in enumerate(terms) if t not in applied), 0))
        self._update_subsidy_actions()
        # The role (enrollment) and each application's evidence checklist, read on the worker.
        self._generation += 1
        generation = self._generation
        ids = [s.id for s in person_file.subsidies]
        local_name = self._window.actor

        def job(db: Database) -> _Loaded:
            role = acting.current_actor(db, local_name).role
            return _Loaded(role, {i: subsidy.evidence(db, i) for i in ids})

        def loaded(result: _Loaded) -> None:
            if generation == self._generation:
                self.role, self.evidence = result.role, result.evidence
                self._show_rows()
                self._update_subsidy_actions()

        self._window.worker.submit(job, while_alive(self, loaded), while_alive(self, self._subsidy_failed))

    def _missing(self, application_id: str) -> str:
        rows = self.evidence.get(application_id, [])
        return "、".join(r.label for r in rows if r.required and not r.provided)

    def _show_rows(self) -> None:
        if self.file is None:
            return
        keep = selected_id(self.subsidies_view)
        applications = self.file.subsidies
        self.subsidies.set_rows(
            [
                (
                    rules.term_label(s.term),
                    yuan(s.amount_fen),
                    codes.SUBSIDY_STATE.label(s.state),
                    iso(s.applied_on),
                    s.payee_name,
                    mask_account(s.payee_account),
                    self._missing(s.id) if s.state not in subsidy_cycle.FINAL else "",
                    _reason(s),
                )
                for s in applications
            ],
            [s.id for s in applications],
        )
        if keep is not None:
            row = next((n for n, s in enumerate(applications) if s.id == keep), None)
            if row is not None:
                self.subsidies_view.selectRow(row)

    def _selected(self) -> SubsidyApplication | None:
        application_id = selected_id(self.subsidies_view)
        if self.file is None or application_id is None:
            return None
        return next((s for s in self.file.subsidies if s.id == application_id), None)

    def _update_subsidy_actions(self) -> None:
        self.apply_button.setEnabled(
            self.subsidy_term.count() > 0
            and subsidy_cycle.level_of(self.role or Role.VILLAGE).value == "village"
        )
        application = self._selected()
        # Only the steps this laptop's role may take from the state (the server refuses any other).
        steps = (
            subsidy_cycle.steps_from(application.state, self.role)
            if application is not None and self.role is not None
            else ()
        )
        self.next_state.clear()
        for step in steps:
            if step.target not in OWN_SCREEN:
                self.next_state.addItem(self.tr(step.label), step.target)
        self.advance_button.setEnabled(self.next_state.count() > 0)
        self.open_window_button.setEnabled(application is not None)
        if application is None:
            self.evidence_label.clear()
            return
        rows = self.evidence.get(application.id, [])
        if not rows:
            self.evidence_label.setText(self.tr("证明材料：（无清单）"))
            return
        marks = [
            r.label + (self.tr("（已提供）") if r.provided else self.tr("（缺）") if r.required else "")
            for r in rows
        ]
        self.evidence_label.setText(self.tr("证明材料：{0}").format("、".join(marks)))

    def apply_for_subsidy(self) -> None:
        """申请补助 for the chosen term under the county's rule (eligibility is checked by the service)."""
        term = self.subsidy_term.currentData()
        if not term:
            self.subsidy_message.setText(self.tr("没有学籍记录，请先在“学籍”中新增学期"))
            return
        window = self._window
        person_id, actor = window.person_id, window.actor

        def job(db: Database) -> StepReport:
            return subsidy.apply(db, [person_id], term, actor=actor)

        def done(report: StepReport) -> None:
            if report.refused:
                self.subsidy_message.setText("；".join(reason for _id, _name, reason in report.refused))
                window.status.setText(self.tr("未申请"))
                return
            self.subsidy_message.clear()
            window.saved_here(
                self.tr("已申请 {0} 的补助，请收齐证明材料后村委会初审").format(rules.term_label(term))
            )

        window.worker.submit(
            job,
            while_alive(self, done),
            while_alive(self, self._subsidy_failed, self._window.worker.report_error),
            changes={"subsidy_application", "subsidy_evidence"},
        )

    def advance_subsidy(self) -> None:
        """办理: take the chosen step on the selected application, with the opinion or reason."""
        application, target = self._selected(), self.next_state.currentData()
        if application is None or not target:
            self.subsidy_message.setText(self.tr("请先选择要办理的补助申请"))
            return
        window = self._window
        opinion, reason, actor = self.opinion.text().strip(), self.reason.text().strip(), window.actor
        application_id = application.id

        def job(db: Database) -> StepReport:
            return subsidy.take_step(
                db, [application_id], target, actor=actor, opinion=opinion, reason=reason
            )

        def done(report: StepReport) -> None:
            if report.refused:
                self.subsidy_message.setText("；".join(why for _id, _name, why in report.refused))
                window.status.setText(self.tr("未办理"))
                return
            self.subsidy_message.clear()
            self.opinion.clear()
            self.reason.clear()
            window.saved_here(self.tr("补助申请已变为“{0}”").format(codes.SUBSIDY_STATE.label(target)))

        window.worker.submit(
            job,
            while_alive(self, done),
            while_alive(self, self._subsidy_failed, self._window.worker.report_error),
            changes={"subsidy_application"},
        )

    def open_in_window(self) -> QWidget | None:
        """The 雨露计划补助 window, on the selected application."""
        application = self._selected()
        if application is None:
            return None
        from yulu_desktop.ui.subsidy.window import open_subsidy_window

        window = self._window
        return open_subsidy_window(
            window.worker, window.actor, application_id=application.id, term=application.term
        )

    def _subsidy_failed(self, error: BaseException) -> None:
        window = self._window
        if isinstance(error, YuluError):
            self.subsidy_message.setText(error.text())
            window.status.setText(self.tr("未保存：{0}").format(error.text()))
        else:
            window.status.setText(self.tr("未保存"))
            window.worker.report_error(error)
