"""The small dialogs of job placement (就业帮扶, issue 16): a career plan or its review (``CareerPlanDialog``), a
referral's note (``ReferDialog``), a referral's outcome — 未录用/放弃 with the reason, 录用 with the start date
and the pay (``OutcomeDialog``) —, a follow-up after a start (``FollowUpDialog``) and a placement action for a
graduate not employed (``PlacementActionDialog``).

Each dialog is a form that validates as you type with the domain's rules (``domain.employment``) and shows the
message next to the field; OK is enabled only while nothing is wrong. The dialogs only ask: the caller writes
through the services on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.domain.employment import (
    REASON_NEEDED,
    career_plan_issues,
    placement_action_issues,
)
from yulu_desktop.domain.entities import CareerPlan, PlacementAction
from yulu_desktop.domain.errors import Issue
from yulu_desktop.services import placement
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors

__all__ = [
    "CareerPlanDialog",
    "FollowUpDialog",
    "FollowUpValues",
    "FormDialog",
    "OutcomeDialog",
    "OutcomeValues",
    "PlacementActionDialog",
    "PlacementActionValues",
    "ReferDialog",
    "finish_action_job",
]


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name lupdate looks for
    """Marks a field label for lupdate in ``context`` (``fields``: ``FieldSpec.shown_label`` translates it
    there); PySide6's own is typed as returning ``object``."""
    return text


CAREER_PLAN_FIELDS = (
    FieldSpec("recorded_on", "date", label=QT_TRANSLATE_NOOP("fields", "记录日期")),
    FieldSpec("stage", "code", codes.CAREER_STAGE, optional=False),
    FieldSpec("goal"),
    FieldSpec("school_name", label=QT_TRANSLATE_NOOP("fields", "选择的学校")),
    FieldSpec("major", label=QT_TRANSLATE_NOOP("fields", "选择的专业")),
    FieldSpec("reason", "multiline", label=QT_TRANSLATE_NOOP("fields", "选择理由")),
    FieldSpec("wanted_region", "code", codes.REGION),
    FieldSpec("wanted_income_fen", "yuan", label=QT_TRANSLATE_NOOP("fields", "期望月收入（元）")),
    FieldSpec("wanted_industry", "code", codes.INDUSTRY),
)

HIRE_FIELDS = (
    FieldSpec("outcome_on", "date", label=QT_TRANSLATE_NOOP("fields", "录用日期")),
    FieldSpec("start_on", "optional_date", label=QT_TRANSLATE_NOOP("fields", "上岗日期")),
    FieldSpec("monthly_income_fen", "yuan", label=QT_TRANSLATE_NOOP("fields", "月收入（元）")),
)
REASON_FIELDS = (
    FieldSpec("outcome_on", "date", label=QT_TRANSLATE_NOOP("fields", "结果日期")),
    FieldSpec("outcome_reason", "multiline"),
)
INTERVIEW_FIELDS = (FieldSpec("outcome_on", "date", label=QT_TRANSLATE_NOOP("fields", "面试日期")),)

FOLLOW_UP_FIELDS = (
    FieldSpec("done_on", "date", label=QT_TRANSLATE_NOOP("fields", "回访日期")),
    FieldSpec(
        "mode", "code", codes.VISIT_MODE, optional=False, label=QT_TRANSLATE_NOOP("fields", "回访方式")
    ),
    FieldSpec("still_employed", "bool", label=QT_TRANSLATE_NOOP("fields", "仍在岗")),
    FieldSpec("note", "multiline", label=QT_TRANSLATE_NOOP("fields", "回访情况")),
)

PLACEMENT_ACTION_FIELDS = (
    FieldSpec("reason", "code", codes.UNEMPLOYMENT_REASON, optional=False),
    FieldSpec("next_action"),
    FieldSpec("due_on", "date"),
    FieldSpec("note", "multiline", label=QT_TRANSLATE_NOOP("fields", "备注")),
)

REFER_FIELDS = (FieldSpec("note", "multiline", label=QT_TRANSLATE_NOOP("fields", "推荐说明")),)


def _issue(field: str, label: str, message: str) -> Issue:
    return Issue(field=field, label=label, message=message)


class FormDialog(QDialog):
    """A dialog over a ``RecordForm``: ``check(values)`` returns the issues of the values (it may raise
    ``FormError`` for a field that cannot be read); OK is enabled only while there is no error."""

    def __init__(
        self,
        title: str,
        specs: Sequence[FieldSpec],
        check: Callable[[dict[str, Any]], list[Issue]],
        values: dict[str, Any],
        *,
        intro: str = "",
        ok_text: str = "",
        columns: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("placementDialog")
        self._check = check
        self.form = RecordForm(specs, columns=columns)
        self.form.set_values(values)
        self.form.edited.connect(self.validate)
        self.intro = QLabel(intro)
        self.intro.setObjectName("dialogIntro")
        self.intro.setWordWrap(True)
        self.intro.setTextFormat(Qt.TextFormat.PlainText)
        self.intro.setVisible(bool(intro))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if ok_text:
            self.ok_button.setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420 if columns == 1 else 720)
        self.ok_button.setEnabled(not has_errors(self.issues()))

    def issues(self) -> list[Issue]:
        try:
            return self._check(self.form.values())
        except FormError as exc:
            return [exc.issue]

    def validate(self) -> list[Issue]:
        issues = self.issues()
        self.form.show_issues(issues)
        self.ok_button.setEnabled(not has_errors(issues))
        return issues

    def accept(self) -> None:
        if has_errors(self.validate()):
            self.form.focus_first_error()
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        return self.form.values()


# --- 职业规划 -------------------------------------------------------------------------------------------------


class CareerPlanDialog(FormDialog):
    """A new career plan, or the review of the plan in force (``current``: its values are the start; saving
    always adds a row, so the history is kept)."""

    def __init__(
        self,
        person_id: str,
        current: CareerPlan | None,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.person_id = person_id
        self.today = today or date.today()
        start: dict[str, Any] = {"recorded_on": self.today, "stage": "in_school"}
        if current is not None:
            start |= {
                spec.name: getattr(current, spec.name)
                for spec in CAREER_PLAN_FIELDS
                if spec.name != "recorded_on"
            }
        super().__init__(
            self.tr("复核职业规划") if current is not None else self.tr("新的职业规划"),
            CAREER_PLAN_FIELDS,
            self._plan_issues,
            start,
            intro=self.tr("与家庭一起商定的职业目标、学校和专业，以及就业意愿（地域、月收入、行业）。")
            if current is None
            else self.tr("复核会另存一条新的规划，原来的规划保留在历史中。"),
            ok_text=self.tr("保存规划"),
            columns=2,
            parent=parent,
        )

    def _draft(self, values: dict[str, Any]) -> CareerPlan:
        return CareerPlan(person_id=self.person_id, **values)

    def _plan_issues(self, values: dict[str, Any]) -> list[Issue]:
        return career_plan_issues(self._draft(values), today=self.today)

    def plan(self, recorded_by: str = "") -> CareerPlan:
        return CareerPlan(person_id=self.person_id, recorded_by=recorded_by, **self.values())


# --- 推荐 ----------------------------------------------------------------------------------------------------------


class ReferDialog(FormDialog):
    """推荐: who is referred to which position, with an optional note."""

    def __init__(self, position: str, people: Sequence[str], parent: QWidget | None = None) -> None:
        shown = "、".join(people[:8]) + ("……" if len(people) > 8 else "")
        super().__init__(
            self.tr("推荐"),
            REFER_FIELDS,
            lambda _values: [],
            {},
            intro=self.tr("把 {0}（{1}人）推荐到岗位：{2}").format(shown, len(people), position),
            ok_text=self.tr("推荐"),
            parent=parent,
        )

    def note(self) -> str:
        return str(self.values()["note"])


# --- 推荐结果 ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutcomeValues:
    """What ``OutcomeDialog`` asked: the day of the outcome, the reason (未录用, 放弃) or the start and pay (录用)."""

    state: str
    on: date
    reason: str = ""
    start_on: date | None = None
    monthly_income_fen: int | None = None


class OutcomeDialog(FormDialog):
    """The outcome of a referral: 面试 (the day), 录用 (the day, the start date and the monthly pay; the hire
    creates the employment entry), 未录用 or 放弃 (the day and the reason, required)."""

    def __init__(
        self,
        state: str,
        what: str,
        *,
        pay_min_fen: int | None = None,
        referred_on: date | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.state = state
        self.today = today or date.today()
        self.referred_on = referred_on
        label = codes.REFERRAL_STATE.label(state)
        if state == "hired":
            specs: Sequence[FieldSpec] = HIRE_FIELDS
            start: dict[str, Any] = {
                "outcome_on": self.today,
                "start_on": self.today,
                "monthly_income_fen": pay_min_fen,
            }
            intro = self.tr("{0}：录用。保存后在就业去向中新增一条就业记录。").format(what)
        elif state in REASON_NEEDED:
            specs, start = REASON_FIELDS, {"outcome_on": self.today}
            intro = self.tr("{0}：{1}，请填写原因。").format(what, label)
        else:
            specs, start = INTERVIEW_FIELDS, {"outcome_on": self.today}
            intro = self.tr("{0}：{1}").format(what, label)
        super().__init__(
            self.tr("推荐结果：{0}").format(label),
            specs,
            self._outcome_issues,
            start,
            intro=intro,
            ok_text=self.tr("保存"),
            parent=parent,
        )

    def _outcome_issues(self, values: dict[str, Any]) -> list[Issue]:
        issues: list[Issue] = []
        on = values["outcome_on"]
        if on > self.today:
            issues.append(_issue("outcome_on", self.tr("日期"), self.tr("日期不能晚于今天")))
        if self.referred_on is not None and on < self.referred_on:
            issues.append(_issue("outcome_on", self.tr("日期"), self.tr("日期不能早于推荐日期")))
        if self.state in REASON_NEEDED and not str(values.get("outcome_reason") or "").strip():
            issues.append(
                _issue(
                    "outcome_reason",
                    self.tr("原因"),
                    self.tr("“{0}”须填写原因").format(codes.REFERRAL_STATE.label(self.state)),
                )
            )
        income = values.get("monthly_income_fen")
        if income is not None and income < 0:
            issues.append(_issue("monthly_income_fen", self.tr("月收入"), self.tr("月收入不能为负数")))
        return issues

    def outcome(self) -> OutcomeValues:
        values = self.values()
        return OutcomeValues(
            state=self.state,
            on=values["outcome_on"],
            reason=str(values.get("outcome_reason") or ""),
            start_on=values.get("start_on"),
            monthly_income_fen=values.get("monthly_income_fen"),
        )


# --- 稳岗回访 ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpValues:
    done_on: date
    mode: str
    still_employed: bool
    note: str

    def job(
        self, employment_record_id: str, month: int, *, actor: str, today: date | None
    ) -> Callable[[Database], str]:
        """The write of this follow-up (``placement.record_follow_up``), to run on the database worker."""

        def record(db: Database) -> str:
            return placement.record_follow_up(
                db,
                employment_record_id,
                month,
                actor=actor,
                done_on=self.done_on,
                mode=self.mode,
                still_employed=self.still_employed,
                note=self.note,
                today=today,
            )

        return record


class FollowUpDialog(FormDialog):
    """记录回访: the day, how, whether the person is still in the job, and what was found."""

    def __init__(
        self,
        what: str,
        month: int,
        *,
        started_on: date | None = None,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        self.today = today or date.today()
        self.started_on = started_on
        super().__init__(
            self.tr("稳岗回访（第{0}个月）").format(month),
            FOLLOW_UP_FIELDS,
            self._follow_up_issues,
            {"done_on": self.today, "mode": "phone", "still_employed": True},
            intro=what,
            ok_text=self.tr("保存回访"),
            parent=parent,
        )

    def _follow_up_issues(self, values: dict[str, Any]) -> list[Issue]:
        issues: list[Issue] = []
        done_on = values["done_on"]
        if done_on > self.today:
            issues.append(_issue("done_on", self.tr("回访日期"), self.tr("回访日期不能晚于今天")))
        if self.started_on is not None and done_on < self.started_on:
            issues.append(_issue("done_on", self.tr("回访日期"), self.tr("回访日期不能早于上岗日期")))
        if not values["still_employed"] and not str(values["note"]).strip():
            issues.append(
                _issue("note", self.tr("回访情况"), self.tr("已不在岗时请写明情况（何时、为何离职）"))
            )
        return issues

    def follow_up(self) -> FollowUpValues:
        values = self.values()
        return FollowUpValues(
            done_on=values["done_on"],
            mode=str(values["mode"]),
            still_employed=bool(values["still_employed"]),
            note=str(values["note"]),
        )


# --- 未就业帮扶措施 ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PlacementActionValues:
    reason: str
    next_action: str
    due_on: date
    note: str

    def job(self, person_id: str, *, actor: str, today: date | None) -> Callable[[Database], str]:
        """The write of this action (``placement.add_placement_action``), to run on the database worker."""

        def add(db: Database) -> str:
            return placement.add_placement_action(
                db,
                person_id,
                reason=self.reason,
                next_action=self.next_action,
                due_on=self.due_on,
                actor=actor,
                note=self.note,
                today=today,
            )

        return add


def finish_action_job(action_id: str, *, actor: str, today: date | None) -> Callable[[Database], None]:
    """措施完成 of a placement action (done ``today``), to run on the database worker."""

    def finish(db: Database) -> None:
        placement.finish_placement_action(db, action_id, actor=actor, done_on=today, today=today)

    return finish


class PlacementActionDialog(FormDialog):
    """A placement action for a graduate not employed: why not employed, the next action and its due date."""

    def __init__(self, person: str, *, today: date | None = None, parent: QWidget | None = None) -> None:
        self.today = today or date.today()
        super().__init__(
            self.tr("未就业帮扶措施"),
            PLACEMENT_ACTION_FIELDS,
            self._action_issues,
            {"reason": "seeking", "due_on": self.today + timedelta(days=30)},
            intro=self.tr("{0}：未就业原因、下一步措施和完成期限").format(person),
            ok_text=self.tr("保存措施"),
            parent=parent,
        )

    def _action_issues(self, values: dict[str, Any]) -> list[Issue]:
        action = PlacementAction(person_id="", recorded_on=self.today, **values)
        return placement_action_issues(action)

    def action(self) -> PlacementActionValues:
        values = self.values()
        return PlacementActionValues(
            reason=str(values["reason"]),
            next_action=str(values["next_action"]),
            due_on=values["due_on"],
            note=str(values["note"]),
        )
