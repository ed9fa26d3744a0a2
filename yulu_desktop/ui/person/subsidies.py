"""补助: the person's subsidy applications; apply for a term and move an application along the approval chain."""

from __future__ import annotations

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

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.masking import mask_account
from yulu_desktop.services import records
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import RecordsTableModel
from yulu_desktop.ui.person.widgets import iso, selected_id, table, yuan
from yulu_desktop.ui.print_preview import newest_first, print_term

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow


class SubsidiesTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.subsidies = RecordsTableModel(
            [
                self.tr("学期"),
                self.tr("补助金额（元）"),
                self.tr("状态"),
                self.tr("申请日期"),
                self.tr("收款人"),
                self.tr("收款账号"),
                self.tr("原因"),
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
        self.apply_button.setToolTip(self.tr("按县里设置的补助标准为所选学期申请补助"))
        self.apply_button.clicked.connect(self.apply_for_subsidy)
        self.next_state = QComboBox()
        self.next_state.setObjectName("subsidyNextState")
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("审核意见（村、乡镇、县审核时填写）"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("不通过、撤回或发放失败时必须填写"))
        self.advance_button = QPushButton(self.tr("推进状态"))
        self.advance_button.setToolTip(self.tr("把选中的补助申请推进到下一环节"))
        self.advance_button.clicked.connect(self.advance_subsidy)
        self.subsidy_message = QLabel()
        self.subsidy_message.setObjectName("subsidyMessage")
        self.subsidy_message.setWordWrap(True)
        self.subsidy_message.setStyleSheet("color: #c62828;")
        apply_box = QGroupBox(self.tr("申请补助"))
        apply_layout = QHBoxLayout(apply_box)
        apply_layout.addWidget(QLabel(self.tr("学期")))
        apply_layout.addWidget(self.subsidy_term, 1)
        apply_layout.addWidget(self.apply_button)
        advance_box = QGroupBox(self.tr("推进选中申请的状态"))
        advance_form = QFormLayout(advance_box)
        advance_form.addRow(self.tr("下一状态"), self.next_state)
        advance_form.addRow(self.tr("意见"), self.opinion)
        advance_form.addRow(self.tr("原因"), self.reason)
        advance_form.addRow("", self.advance_button)
        subsidy_boxes = QHBoxLayout()
        subsidy_boxes.addWidget(apply_box, 1)
        subsidy_boxes.addWidget(advance_box, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subsidies_view, 1)
        layout.addLayout(subsidy_boxes)
        layout.addWidget(self.subsidy_message)
        self._update_subsidy_actions()

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.subsidies.set_rows(
            [
                (
                    rules.term_label(s.term),
                    yuan(s.amount_fen),
                    codes.SUBSIDY_STATE.label(s.state),
                    iso(s.applied_on),
                    s.payee_name,
                    mask_account(s.payee_account),
                    s.reason,
                )
                for s in person_file.subsidies
            ],
            [s.id for s in person_file.subsidies],
        )
        applied = {s.term for s in person_file.subsidies}
        terms = newest_first(print_term(e.school_year, e.semester) for e in person_file.enrollments)
        self.subsidy_term.clear()
        for term in terms:
            label = rules.term_label(term)
            self.subsidy_term.addItem(label + (self.tr("（已申请）") if term in applied else ""), term)
        self.subsidy_term.setCurrentIndex(next((n for n, t in enumerate(terms) if t not in applied), 0))
        self._update_subsidy_actions()

    def _selected_subsidy_state(self) -> str | None:
        application_id = selected_id(self.subsidies_view)
        if self.file is None or application_id is None:
            return None
        return next((s.state for s in self.file.subsidies if s.id == application_id), None)

    def _update_subsidy_actions(self) -> None:
        self.apply_button.setEnabled(self.subsidy_term.count() > 0)
        state = self._selected_subsidy_state()
        # The service decides what may follow (records.set_subsidy_state refuses anything else).
        allowed = records.next_subsidy_states(state) if state else frozenset()
        order = list(codes.SUBSIDY_STATE.labels)
        chain_next = [s for s in codes.SUBSIDY_CHAIN if s in allowed]
        ordered = chain_next + sorted(allowed - set(chain_next), key=order.index)
        self.next_state.clear()
        for next_state in ordered:
            self.next_state.addItem(codes.SUBSIDY_STATE.label(next_state), next_state)
        self.advance_button.setEnabled(bool(ordered))

    def apply_for_subsidy(self) -> None:
        """申请补助 for the chosen term; the amount comes from the county's setting for the school type."""
        term = self.subsidy_term.currentData()
        if not term:
            self.subsidy_message.setText(self.tr("没有学籍记录，请先在“学籍”中新增学期"))
            return
        window = self._window
        person_id, actor = window.person_id, window.actor

        def job(db: Database) -> object:
            return records.apply_for_subsidy(db, person_id, term, actor=actor)

        def done(_application: object) -> None:
            self.subsidy_message.clear()
            window.saved_here(self.tr("已申请 {0} 的补助").format(rules.term_label(term)))

        window.worker.submit(job, done, self._subsidy_failed, changes={"subsidy_application"})

    def advance_subsidy(self) -> None:
        """推进状态: move the selected application to the chosen next state, with the opinion or reason."""
        application_id, state = selected_id(self.subsidies_view), self.next_state.currentData()
        if application_id is None or not state:
            self.subsidy_message.setText(self.tr("请先选择要推进的补助申请"))
            return
        window = self._window
        opinion, reason, actor = self.opinion.text().strip(), self.reason.text().strip(), window.actor

        def job(db: Database) -> object:
            return records.set_subsidy_state(
                db, application_id, state, actor=actor, opinion=opinion, reason=reason
            )

        def done(_application: object) -> None:
            self.subsidy_message.clear()
            self.opinion.clear()
            self.reason.clear()
            window.saved_here(self.tr("补助申请已变为“{0}”").format(codes.SUBSIDY_STATE.label(state)))

        window.worker.submit(job, done, self._subsidy_failed, changes={"subsidy_application"})

    def _subsidy_failed(self, error: BaseException) -> None:
        window = self._window
        if isinstance(error, YuluError):
            self.subsidy_message.setText(error.text())
            window.status.setText(self.tr("未保存：{0}").format(error.text()))
        else:
            window.status.setText(self.tr("未保存"))
            window.worker.report_error(error)
