"""就业帮扶: the graduate side of job placement in the person's file (issue 16).

The career plan in force and its history (a review is a new row), the job wishes matching reads (region, pay,
industry); for a graduate or a final-year student the open positions ranked by ``services.matching`` with the
score and the reasons, and 推荐 on one; the person's referrals with the outcomes their state allows (面试, 录用,
未录用, 放弃 — a hire writes the employment entry, shown at once in the 就业去向 tab); the follow-ups of every job
start (稳岗回访; a follow-up that finds the person out of work offers to record the change in 就业去向); and the
placement actions of a graduate who is not employed.

Everything loads on the database worker when the window shows the file; writes go through ``services.placement``
(one transaction each) and the window then reloads the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes
from yulu_desktop.domain.employment import is_final_year
from yulu_desktop.domain.entities import CareerPlan, Enrollment
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import matching as matching_service
from yulu_desktop.services import placement
from yulu_desktop.services.matching import PositionMatch
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.services.placement import FollowUpRow, PlacementActionRow, ReferralRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.placement_dialogs import (
    CareerPlanDialog,
    FollowUpDialog,
    FollowUpValues,
    OutcomeDialog,
    OutcomeValues,
    PlacementActionDialog,
    PlacementActionValues,
    ReferDialog,
    finish_action_job,
)
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import Index, RecordsTableModel
from yulu_desktop.ui.person.widgets import heading_row, selected_id, table
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.table_models import iso, yuan

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow

__all__ = ["PLACEMENT_ENTITIES", "PlacementData", "PlacementTab", "candidate_kind"]

_OVERDUE = QColor("#b71c1c")
_DUE = QColor("#b26a00")
_DONE = QColor("#1b5e20")
_FITS = QColor("#1b5e20")

#: Writes elsewhere (the employment window, another person's window) that change what the tab shows.
PLACEMENT_ENTITIES = frozenset(
    {"job_referral", "career_plan", "employment_follow_up", "placement_action", "job_position", "job_fair"}
)


def _semester_key(enrollment: Enrollment) -> tuple[str, int]:
    # Autumn opens a school year and spring closes it ("2024-2025" autumn, then spring).
    return enrollment.school_year, 0 if enrollment.semester == "autumn" else 1


def candidate_kind(enrollments: list[Enrollment], today: date) -> str | None:
    """``graduate`` (the latest enrollment says graduated), ``final_year`` (a final-year student,
    ``domain.employment.is_final_year``) or None."""
    if not enrollments:
        return None
    latest = max(enrollments, key=_semester_key)
    if latest.registry_status == "graduated":
        return "graduate"
    if is_final_year(latest.registry_status, latest.entry_date, latest.length_years, today):
        return "final_year"
    return None


@dataclass
class PlacementData:
    """What the tab shows, read on the worker in one job."""

    plans: list[CareerPlan] = field(default_factory=list)
    matches: list[PositionMatch] = field(default_factory=list)
    referrals: list[ReferralRow] = field(default_factory=list)
    follow_ups: list[FollowUpRow] = field(default_factory=list)
    actions: list[PlacementActionRow] = field(default_factory=list)


class _ColouredModel(RecordsTableModel):
    """Rendered rows with a text colour per row (overdue red, due amber, done or fitting green)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._colours: list[QColor | None] = []

    def set_coloured(self, rows: list[tuple[str, ...]], ids: list[str], colours: list[QColor | None]) -> None:
        self._colours = list(colours)
        self.set_rows(rows, ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._colours):
            return self._colours[index.row()]
        return super().data(index, role)


def follow_up_colour(row: FollowUpRow) -> QColor | None:
    if row.done_on is not None:
        return _DONE
    return _OVERDUE if row.overdue else None


class PlacementTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        #: The day the tab reckons with (None: the computer's date); tests and screenshots set it.
        self.today: date | None = None
        self.kind: str | None = None
        self.data = PlacementData()
        self._generation = 0

        # The career plan in force and the job wishes.
        self.plan_label = QLabel(self.tr("尚无职业规划"))
        self.plan_label.setObjectName("careerPlan")
        self.plan_label.setWordWrap(True)
        self.plan_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.wishes_label = QLabel()
        self.wishes_label.setObjectName("jobWishes")
        self.wishes_label.setWordWrap(True)
        self.wishes_label.setTextFormat(Qt.TextFormat.PlainText)
        self.plan_button = QPushButton(icon("add"), self.tr("新的规划…"))
        self.plan_button.setToolTip(self.tr("记录新的职业规划；复核也另存一条，原规划保留在历史中"))
        self.plan_button.clicked.connect(lambda: self.new_plan())
        plan_box = QGroupBox(self.tr("职业规划与就业意愿"))
        plan_layout = QHBoxLayout(plan_box)
        texts = QVBoxLayout()
        texts.addWidget(self.plan_label)
        texts.addWidget(self.wishes_label)
        plan_layout.addLayout(texts, 1)
        plan_layout.addWidget(self.plan_button, 0, Qt.AlignmentFlag.AlignTop)

        self.sections = QTabWidget()
        self.sections.setObjectName("placementSections")
        self.sections.setDocumentMode(True)

        # 匹配岗位
        self.positions = _ColouredModel(
            [
                self.tr("得分"),
                self.tr("岗位"),
                self.tr("企业"),
                self.tr("地域"),
                self.tr("月薪"),
                self.tr("截止日期"),
                self.tr("合适"),
                self.tr("理由"),
            ],
            self,
        )
        self.positions_view = table(self.positions)
        self.positions_view.selectionModel().selectionChanged.connect(lambda *_: self._position_selected())
        self.positions_view.doubleClicked.connect(lambda _index: self.refer_selected())
        self.fitting_only = QCheckBox(self.tr("只看合适的岗位"))
        self.fitting_only.setToolTip(self.tr("专业不对口、技能等级不够的岗位不显示"))
        self.fitting_only.toggled.connect(lambda _on: self.reload())
        self.refer_button = QPushButton(icon("add"), self.tr("推荐…"))
        self.refer_button.setToolTip(self.tr("把本人推荐到选中的岗位"))
        self.refer_button.clicked.connect(lambda: self.refer_selected())
        self.reasons_label = QLabel()
        self.reasons_label.setObjectName("matchReasons")
        self.reasons_label.setWordWrap(True)
        self.reasons_label.setTextFormat(Qt.TextFormat.PlainText)
        self.positions_note = QLabel()
        self.positions_note.setObjectName("positionsNote")
        self.positions_note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(heading_row("", self.fitting_only, self.refer_button))
        layout.addWidget(self.positions_note)
        layout.addWidget(self.positions_view, 1)
        layout.addWidget(self.reasons_label)
        self.sections.addTab(page, self.tr("匹配岗位"))

        # 推荐记录
        self.referrals = RecordsTableModel(
            [
                self.tr("推荐日期"),
                self.tr("岗位"),
                self.tr("企业"),
                self.tr("招聘会"),
                self.tr("状态"),
                self.tr("结果日期"),
                self.tr("原因"),
                self.tr("推荐人"),
            ],
            self,
        )
        self.referrals_view = table(self.referrals)
        self.referrals_view.selectionModel().selectionChanged.connect(lambda *_: self._update_outcomes())
        self.outcome_buttons: dict[str, QPushButton] = {}
        outcome_texts = {
            "interview": self.tr("面试"),
            "hired": self.tr("录用…"),
            "not_hired": self.tr("未录用…"),
            "declined": self.tr("放弃…"),
        }
        for state, text in outcome_texts.items():
            button = QPushButton(text)
            button.setObjectName(f"outcome_{state}")
            button.clicked.connect(lambda _checked=False, s=state: self.record_outcome(s))
            self.outcome_buttons[state] = button
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(heading_row(self.tr("推荐的岗位和结果"), *self.outcome_buttons.values()))
        layout.addWidget(self.referrals_view, 1)
        self.sections.addTab(page, self.tr("推荐记录"))

        # 稳岗回访
        self.follow_ups = _ColouredModel(
            [
                self.tr("就业单位"),
                self.tr("岗位"),
                self.tr("上岗日期"),
                self.tr("回访"),
                self.tr("应回访日期"),
                self.tr("回访日期"),
                self.tr("状态"),
                self.tr("情况"),
            ],
            self,
        )
        self.follow_ups_view = table(self.follow_ups)
        self.follow_ups_view.selectionModel().selectionChanged.connect(lambda *_: self._update_follow_up())
        self.follow_up_button = QPushButton(self.tr("记录回访…"))
        self.follow_up_button.setToolTip(self.tr("记录选中的回访（上岗后第1、3、6、12个月）"))
        self.follow_up_button.clicked.connect(lambda: self.record_follow_up())
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(heading_row(self.tr("上岗后第1、3、6、12个月回访"), self.follow_up_button))
        layout.addWidget(self.follow_ups_view, 1)
        self.sections.addTab(page, self.tr("稳岗回访"))

        # 未就业帮扶措施
        self.action_rows = _ColouredModel(
            [
                self.tr("记录日期"),
                self.tr("未就业原因"),
                self.tr("下一步措施"),
                self.tr("完成期限"),
                self.tr("完成日期"),
                self.tr("状态"),
                self.tr("记录人"),
            ],
            self,
        )
        self.actions_view = table(self.action_rows)
        self.actions_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        self.add_action_button = QPushButton(icon("add"), self.tr("新增措施…"))
        self.add_action_button.clicked.connect(lambda: self.add_action())
        self.finish_action_button = QPushButton(self.tr("标记完成"))
        self.finish_action_button.clicked.connect(lambda: self.finish_action())
        self.actions_note = QLabel()
        self.actions_note.setWordWrap(True)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(
            heading_row(
                self.tr("未就业原因、下一步措施和期限"), self.add_action_button, self.finish_action_button
            )
        )
        layout.addWidget(self.actions_note)
        layout.addWidget(self.actions_view, 1)
        self.sections.addTab(page, self.tr("未就业帮扶"))

        # 规划历史
        self.plans = RecordsTableModel(
            [
                self.tr("记录日期"),
                self.tr("阶段"),
                self.tr("职业目标"),
                self.tr("学校"),
                self.tr("专业"),
                self.tr("理由"),
                self.tr("意向地域"),
                self.tr("期望月收入（元）"),
                self.tr("意向行业"),
                self.tr("记录人"),
            ],
            self,
        )
        self.plans_view = table(self.plans)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("每次复核另存一条，最新的一条为当前规划")))
        layout.addWidget(self.plans_view, 1)
        self.sections.addTab(page, self.tr("规划历史"))

        outer = QVBoxLayout(self)
        outer.addWidget(plan_box)
        outer.addWidget(self.sections, 1)
        self._update_outcomes()
        self._update_follow_up()
        self._update_actions()
        self._stale = False
        window.worker.changed.connect(self._data_changed)

    # --- loading ------------------------------------------------------------------------------------------------

    @property
    def day(self) -> date:
        return self.today or date.today()

    @property
    def employed(self) -> bool:
        current = self.file.current_employment if self.file else None
        return current is not None and current.destination in codes.EMPLOYED_DESTINATIONS

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.kind = candidate_kind(person_file.enrollments, self.day)
        self.reload()

    def _data_changed(self, entities: object) -> None:
        """A write anywhere changed referrals, plans, follow-ups, actions or positions: reload now if shown,
        else when next shown (this window's own writes reload the whole file anyway)."""
        if not isinstance(entities, frozenset | set) or not entities & PLACEMENT_ENTITIES:
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def reload(self) -> None:
        """Read the plans, matches, referrals, follow-ups and actions of the person on the worker."""
        self._stale = False
        if self.file is None:
            return
        self._generation += 1
        generation, person_id, today = self._generation, self.file.person.id, self.day
        with_matches, fitting_only = self.kind is not None, self.fitting_only.isChecked()

        def job(db: Database) -> PlacementData:
            return PlacementData(
                plans=placement.career_plans(db, person_id),
                matches=(
                    matching_service.positions_for(db, person_id, today=today, fitting_only=fitting_only)
                    if with_matches
                    else []
                ),
                referrals=placement.referrals(db, person_id=person_id),
                follow_ups=placement.follow_ups(db, person_id, today=today),
                actions=placement.placement_actions(db, person_id, today=today),
            )

        def arrived(data: PlacementData) -> None:
            if generation == self._generation:
                self.show_data(data)

        self._window.worker.submit(job, while_alive(self, arrived), while_alive(self, self._failed))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, YuluError):
            self._window.status.setText(error.text())
        else:
            self._window.worker.report_error(error)

    def show_data(self, data: PlacementData) -> None:
        self.data = data
        self._show_plan(data.plans[0] if data.plans else None)
        self._show_positions(data.matches)
        self._show_referrals(data.referrals)
        self._show_follow_ups(data.follow_ups)
        self._show_actions(data.actions)
        self._show_plans(data.plans)
        self._set_counts()

    def _set_counts(self) -> None:
        data = self.data
        open_referrals = sum(1 for r in data.referrals if r.next_states)
        open_follow_ups = sum(1 for f in data.follow_ups if f.done_on is None and f.overdue)
        titles = (
            self.tr("匹配岗位 ({0})").format(len(data.matches)),
            self.tr("推荐记录 ({0})").format(len(data.referrals))
            + (self.tr("，{0}个待结果").format(open_referrals) if open_referrals else ""),
            self.tr("稳岗回访")
            + (self.tr("（{0}个逾期）").format(open_follow_ups) if open_follow_ups else ""),
            self.tr("未就业帮扶 ({0})").format(len(data.actions)),
            self.tr("规划历史 ({0})").format(len(data.plans)),
        )
        for number, title in enumerate(titles):
            self.sections.setTabText(number, title)

    def _show_plan(self, plan: CareerPlan | None) -> None:
        if plan is None:
            self.plan_label.setText(self.tr("尚无职业规划。可与家庭商定职业目标、学校和专业后记录。"))
            self.wishes_label.setText(self.tr("就业意愿：未填（匹配岗位时地域和薪酬按未填计分）"))
            self.plan_button.setText(self.tr("新的规划…"))
            return
        parts = [
            self.tr("{0}（{1}，{2}）").format(
                plan.goal or self.tr("未填职业目标"),
                codes.CAREER_STAGE.label(plan.stage),
                iso(plan.recorded_on),
            )
        ]
        if plan.school_name or plan.major:
            parts.append(self.tr("学校和专业：{0} {1}").format(plan.school_name, plan.major).strip())
        if plan.reason:
            parts.append(self.tr("理由：{0}").format(plan.reason))
        self.plan_label.setText("\n".join(parts))
        self.wishes_label.setText(
            self.tr("就业意愿：地域 {0}，期望月收入 {1}，行业 {2}").format(
                codes.REGION.label(plan.wanted_region) if plan.wanted_region else self.tr("未填"),
                self.tr("{0}元").format(yuan(plan.wanted_income_fen))
                if plan.wanted_income_fen is not None
                else self.tr("未填"),
                codes.INDUSTRY.label(plan.wanted_industry) if plan.wanted_industry else self.tr("未填"),
            )
        )
        self.plan_button.setText(self.tr("复核规划…"))

    def _show_positions(self, matches: list[PositionMatch]) -> None:
        if self.kind is None:
            self.positions_note.setText(self.tr("本人不是毕业生或毕业班学生，不匹配岗位（按最新学籍判断）。"))
        elif not matches:
            self.positions_note.setText(self.tr("目前没有在招的岗位"))
        else:
            self.positions_note.setText(
                self.tr("按专业、意向地域、薪酬、技能等级和意向行业计分（满分100），理由见最后一列")
            )
        self.positions.set_coloured(
            [
                (
                    str(m.match.score),
                    m.position.title,
                    m.position.enterprise_name,
                    m.position.region_label,
                    m.position.pay_text,
                    iso(m.position.deadline),
                    self.tr("是") if m.match.fits else self.tr("否"),
                    "；".join(m.match.reasons),
                )
                for m in matches
            ],
            [m.position.id for m in matches],
            [_FITS if m.match.fits else None for m in matches],
        )
        self._position_selected()

    def _selected_match(self) -> PositionMatch | None:
        position_id = selected_id(self.positions_view)
        return next((m for m in self.data.matches if m.position.id == position_id), None)

    def _position_selected(self) -> None:
        match = self._selected_match()
        self.refer_button.setEnabled(match is not None and match.position.is_open)
        self.reasons_label.setText(
            self.tr("{0}分：{1}").format(match.match.score, "；".join(match.match.reasons)) if match else ""
        )

    def _show_referrals(self, rows: list[ReferralRow]) -> None:
        self.referrals.set_rows(
            [
                (
                    iso(r.referred_on),
                    r.position_title,
                    r.enterprise_name,
                    r.fair_name,
                    r.state_label,
                    iso(r.outcome_on),
                    r.outcome_reason,
                    r.referred_by,
                )
                for r in rows
            ],
            [r.id for r in rows],
        )
        self._update_outcomes()

    def _selected_referral(self) -> ReferralRow | None:
        referral_id = selected_id(self.referrals_view)
        return next((r for r in self.data.referrals if r.id == referral_id), None)

    def _update_outcomes(self) -> None:
        referral = self._selected_referral()
        allowed = referral.next_states if referral is not None else ()
        for state, button in self.outcome_buttons.items():
            button.setEnabled(state in allowed)

    def _show_follow_ups(self, rows: list[FollowUpRow]) -> None:
        self.follow_ups.set_coloured(
            [
                (
                    r.employer,
                    r.job,
                    iso(r.started_on),
                    self.tr("第{0}个月").format(r.month),
                    iso(r.due_on),
                    iso(r.done_on),
                    self.follow_up_state(r),
                    r.note,
                )
                for r in rows
            ],
            [f"{r.employment_record_id}:{r.month}" for r in rows],
            [follow_up_colour(r) for r in rows],
        )
        self._update_follow_up()

    def follow_up_state(self, row: FollowUpRow) -> str:
        """已回访 / 已回访（已离岗） / 逾期 / 待回访 of a follow-up row."""
        if row.done_on is not None:
            return self.tr("已回访") if row.still_employed is not False else self.tr("已回访（已离岗）")
        return self.tr("逾期") if row.overdue else self.tr("待回访")

    def _selected_follow_up(self) -> FollowUpRow | None:
        key = selected_id(self.follow_ups_view)
        return next((r for r in self.data.follow_ups if f"{r.employment_record_id}:{r.month}" == key), None)

    def _update_follow_up(self) -> None:
        row = self._selected_follow_up()
        self.follow_up_button.setEnabled(row is not None and row.done_on is None)

    def _show_actions(self, rows: list[PlacementActionRow]) -> None:
        graduate_unemployed = self.kind == "graduate" and not self.employed
        self.add_action_button.setEnabled(graduate_unemployed)
        self.actions_note.setText(
            "" if graduate_unemployed else self.tr("本人已就业或不是毕业生：不需要新的未就业帮扶措施")
        )
        self.action_rows.set_coloured(
            [
                (
                    iso(a.recorded_on),
                    a.reason_label,
                    a.next_action,
                    iso(a.due_on),
                    iso(a.done_on),
                    self.tr("已完成") if a.done_on else self.tr("逾期") if a.overdue else self.tr("进行中"),
                    a.recorded_by,
                )
                for a in rows
            ],
            [a.id for a in rows],
            [_DONE if a.done_on else _OVERDUE if a.overdue else None for a in rows],
        )
        self._update_actions()

    def _selected_action(self) -> PlacementActionRow | None:
        action_id = selected_id(self.actions_view)
        return next((a for a in self.data.actions if a.id == action_id), None)

    def _update_actions(self) -> None:
        action = self._selected_action()
        self.finish_action_button.setEnabled(action is not None and action.done_on is None)

    def _show_plans(self, plans: list[CareerPlan]) -> None:
        self.plans.set_rows(
            [
                (
                    iso(p.recorded_on),
                    codes.CAREER_STAGE.label(p.stage),
                    p.goal,
                    p.school_name,
                    p.major,
                    p.reason,
                    codes.REGION.label(p.wanted_region) if p.wanted_region else "",
                    yuan(p.wanted_income_fen),
                    codes.INDUSTRY.label(p.wanted_industry) if p.wanted_industry else "",
                    p.recorded_by,
                )
                for p in plans
            ],
            [p.id for p in plans],
        )

    # --- writing --------------------------------------------------------------------------------------------

    def _write(
        self,
        job: Callable[[Database], Any],
        text: str,
        changes: set[str],
        *,
        then: Callable[[Any], None] | None = None,
    ) -> None:
        """Run a write of the tab; on success say ``text`` and reload the whole file (``then`` runs after)."""
        window = self._window

        def done(result: Any) -> None:
            window.saved_here(text)
            if then is not None:
                then(result)

        def failed(error: BaseException) -> None:
            if isinstance(error, YuluError):
                window.status.setText(self.tr("未保存：{0}").format(error.text()))
            else:
                window.status.setText(self.tr("未保存"))
                window.worker.report_error(error)

        window.worker.submit(job, while_alive(self, done), while_alive(self, failed), changes=changes)

    def ask_plan(self) -> CareerPlan | None:
        """The new plan (or review) the user typed; None if cancelled."""
        if self.file is None:
            return None
        current = self.data.plans[0] if self.data.plans else None
        dialog = CareerPlanDialog(self.file.person.id, current, today=self.day, parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.plan()

    def new_plan(self) -> None:
        """新的规划 / 复核规划: always a new row (the history is kept)."""
        plan = self.ask_plan()
        if plan is None:
            return
        actor, today = self._window.actor, self.day

        def job(db: Database) -> str:
            return placement.save_career_plan(db, plan, actor=actor, today=today)

        self._write(job, self.tr("已保存职业规划"), {"career_plan"})

    def ask_refer_note(self, match: PositionMatch) -> str | None:
        """The note of a referral (may be empty); None if cancelled."""
        name = self.file.person.name if self.file else ""
        what = f"{match.position.enterprise_name} {match.position.title}".strip()
        dialog = ReferDialog(what, [name], parent=self)
        return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def refer_selected(self) -> None:
        """推荐 the person to the selected position (``services.placement.refer``)."""
        match = self._selected_match()
        if match is None or self.file is None:
            self._window.status.setText(self.tr("请先选择要推荐的岗位"))
            return
        note = self.ask_refer_note(match)
        if note is None:
            return
        person_id, position_id = self.file.person.id, match.position.id
        fair_id, actor, today = match.position.fair_id, self._window.actor, self.day

        def job(db: Database) -> str:
            return placement.refer(
                db, person_id, position_id, actor=actor, fair_id=fair_id, note=note, today=today
            )

        def shown(_referral_id: object) -> None:
            self.sections.setCurrentIndex(1)

        self._write(
            job,
            self.tr("已推荐到岗位：{0}").format(match.position.title),
            {"job_referral"},
            then=shown,
        )

    def ask_outcome(self, state: str, referral: ReferralRow) -> OutcomeValues | None:
        """The day and the reason (or, for a hire, the start date and the pay) of an outcome; None if cancelled."""
        what = f"{referral.enterprise_name} {referral.position_title}".strip()
        pay = next(
            (m.position.pay_min_fen for m in self.data.matches if m.position.id == referral.position_id), None
        )
        dialog = OutcomeDialog(
            state, what, pay_min_fen=pay, referred_on=referral.referred_on, today=self.day, parent=self
        )
        return dialog.outcome() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def record_outcome(self, state: str) -> None:
        """面试 / 录用 / 未录用 / 放弃 for the selected referral; a hire shows the new entry in 就业去向."""
        referral = self._selected_referral()
        if referral is None or state not in referral.next_states:
            self._window.status.setText(self.tr("请先选择可以记录该结果的推荐"))
            return
        outcome = self.ask_outcome(state, referral)
        if outcome is None:
            return
        referral_id, actor, today = referral.id, self._window.actor, self.day

        def job(db: Database) -> str | None:
            return placement.record_outcome(
                db,
                referral_id,
                outcome.state,
                actor=actor,
                reason=outcome.reason,
                on=outcome.on,
                start_on=outcome.start_on,
                monthly_income_fen=outcome.monthly_income_fen,
                today=today,
            )

        if state == "hired":
            from yulu_desktop.ui.person.window import EMPLOYMENT_TAB

            window = self._window

            def show_job(_record_id: object) -> None:
                window.tabs.setCurrentIndex(EMPLOYMENT_TAB)

            self._write(
                job,
                self.tr("已录用：{0}，已记入就业去向").format(referral.position_title),
                {"job_referral", "employment_record"},
                then=show_job,
            )
        else:
            self._write(
                job,
                self.tr("已记录推荐结果：{0}").format(codes.REFERRAL_STATE.label(state)),
                {"job_referral"},
            )

    def ask_follow_up(self, row: FollowUpRow) -> FollowUpValues | None:
        what = self.tr("{0} {1}，{2}上岗，第{3}个月回访（应在{4}）").format(
            row.employer, row.job, iso(row.started_on), row.month, iso(row.due_on)
        )
        dialog = FollowUpDialog(what, row.month, started_on=row.started_on, today=self.day, parent=self)
        return dialog.follow_up() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def record_follow_up(self) -> None:
        """记录回访 of the selected follow-up; when the person is out of work, offer to record the change."""
        row = self._selected_follow_up()
        if row is None or row.done_on is not None:
            self._window.status.setText(self.tr("请先选择未完成的回访"))
            return
        values = self.ask_follow_up(row)
        if values is None:
            return
        month = row.month
        job = values.job(row.employment_record_id, month, actor=self._window.actor, today=self.day)

        def then(_id: object) -> None:
            if not values.still_employed:
                self.offer_job_change(values)

        self._write(job, self.tr("已记录第{0}个月回访").format(month), {"employment_follow_up"}, then=then)

    def confirm_job_change(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("记录去向变化"),
            self.tr("回访发现本人已不在岗。是否在“就业去向”中记录这次变化？（原记录保留）"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def offer_job_change(self, values: FollowUpValues) -> None:
        """The follow-up found the person out of work: offer to record it as a new employment entry (the
        就业去向 tab's form, filled in; the user checks it and records it — the history is kept)."""
        if not self.confirm_job_change():
            return
        from yulu_desktop.ui.person.window import EMPLOYMENT_TAB

        window = self._window
        window.tabs.setCurrentIndex(EMPLOYMENT_TAB)
        form = window.employment.job_form
        form.set_values(
            {
                "effective_date": values.done_on,
                "destination": "seeking",
                "source": "visit",
                "change_reason": self.tr("稳岗回访：{0}").format(values.note)[:200],
            }
        )
        window.employment.job_dirty = True
        window.employment.validate_job()
        window.status.setText(self.tr("请核对新的去向变化，然后点“记录去向变化”"))

    def ask_action(self) -> PlacementActionValues | None:
        name = self.file.person.name if self.file else ""
        dialog = PlacementActionDialog(name, today=self.day, parent=self)
        return dialog.action() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add_action(self) -> None:
        """新增措施 for a graduate not employed."""
        if self.file is None:
            return
        values = self.ask_action()
        if values is None:
            return
        job = values.job(self.file.person.id, actor=self._window.actor, today=self.day)
        self._write(job, self.tr("已保存帮扶措施"), {"placement_action"})

    def finish_action(self) -> None:
        """标记完成 the selected placement action (today)."""
        action = self._selected_action()
        if action is None or action.done_on is not None:
            self._window.status.setText(self.tr("请先选择未完成的措施"))
            return
        job = finish_action_job(action.id, actor=self._window.actor, today=self.day)
        self._write(job, self.tr("措施已完成：{0}").format(action.next_action), {"placement_action"})
