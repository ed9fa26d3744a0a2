"""就业帮扶 in the person window and 匹配毕业生 (issue 16): a graduate's file shows the career plan and the
positions ranked with their reasons; 推荐, then 面试 and 录用 — the hire appears at once in 就业去向 with its
follow-up schedule, and the county dashboard counts it; a follow-up that finds the person out of work offers the
new employment entry; placement actions; the matching dialog of a position refers the selected people and names
who was refused and why. The dialogs validate as you type."""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit, QPlainTextEdit, QTableView
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.domain.entities import CareerPlan
from yulu_desktop.services import placement
from yulu_desktop.ui.employment.dashboard_page import EmploymentDashboardPage
from yulu_desktop.ui.employment.match_dialog import GraduatesForPositionDialog
from yulu_desktop.ui.employment.placement_dialogs import (
    CareerPlanDialog,
    FollowUpDialog,
    FollowUpValues,
    OutcomeDialog,
    OutcomeValues,
    PlacementActionDialog,
    PlacementActionValues,
)
from yulu_desktop.ui.models import RowIdRole
from yulu_desktop.ui.person.placement import candidate_kind
from yulu_desktop.ui.person.window import EMPLOYMENT_TAB, PLACEMENT_TAB, PersonWindow
from yulu_desktop.ui.worker import DbWorker

sys.path.insert(0, str(Path(__file__).parent.parent / "services"))

from tests.ui.employment_kit import (
    answer,
    build_county_template,
    column_texts,
    database,
    failures_of,
    open_county,
    select_row,
)

pytestmark = pytest.mark.gui

#: The person window reckons with the computer's date: the fixture county is built relative to it.
DAY = date.today()


@pytest.fixture(scope="module")
def county_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    return build_county_template(tmp_path_factory.mktemp("employment_person"), today=DAY)


@pytest.fixture
def county(
    county_template: tuple[Path, dict[str, str]], tmp_path: Path, bare_worker: DbWorker, qtbot: QtBot
) -> tuple[DbWorker, dict[str, str]]:
    return open_county(county_template, tmp_path, bare_worker, qtbot)


@pytest.fixture
def failures(county: tuple[DbWorker, dict[str, str]]) -> list[str]:
    """What the worker's one error display would have shown (a refusal the tab did not handle, or a bug)."""
    return failures_of(county[0])


def _settle(qtbot: QtBot, worker: DbWorker) -> None:
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=20000):
            pass


def _open(qtbot: QtBot, worker: DbWorker, person_id: str) -> PersonWindow:
    with qtbot.waitSignal(worker.idle, timeout=20000):
        window = PersonWindow(worker, person_id, "测试员")
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    window.show()
    window.tabs.setCurrentIndex(PLACEMENT_TAB)
    _settle(qtbot, worker)
    return window


def _forget_unsaved(window: PersonWindow) -> None:
    window.dirty = window.job_dirty = False


def _row_of(view: QTableView, row_id: str) -> int:
    model = view.model()
    for row in range(model.rowCount()):
        if model.index(row, 0).data(RowIdRole) == row_id:
            return row
    raise AssertionError(f"{row_id} not shown")


def _select_id(view: QTableView, row_id: str) -> None:
    """Select the row of ``row_id`` (``RowIdRole``)."""
    select_row(view, _row_of(view, row_id))


def test_a_graduate_is_matched_referred_interviewed_and_hired(
    qtbot: QtBot,
    qtmodeltester: Any,
    county: tuple[DbWorker, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    failures: list[str],
) -> None:
    worker, ids = county
    # The county's dashboard, open beside the file: it changes with the hire.
    dashboard = EmploymentDashboardPage(worker, "王县", Actor("王县", Role.COUNTY), today=DAY)
    qtbot.addWidget(dashboard)
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.refresh()
    assert dashboard.board is not None
    employed_before, placed_before = dashboard.board.totals.employed, dashboard.board.totals.placed
    window = _open(qtbot, worker, ids["li"])
    tab = window.placement
    assert window.tabs.tabText(PLACEMENT_TAB) == "就业帮扶"
    assert tab.kind == "graduate"
    for model in (tab.positions, tab.referrals, tab.follow_ups, tab.action_rows, tab.plans):
        qtmodeltester.check(model)

    # The plan in force and the wishes (李娜 wants 省内县外 and 卫生).
    assert "省内县外" in tab.wishes_label.text() and "卫生和社会工作" in tab.wishes_label.text()
    assert tab.plans.rowCount() == 1 and tab.plan_button.text() == "复核规划…"

    # Open positions ranked, best first, with their reasons; the closed one is not offered.
    shown = [tab.positions_view.model().index(r, 0).data(RowIdRole) for r in range(tab.positions.rowCount())]
    assert shown[0] == ids["pos_nurse"] and ids["pos_closed"] not in shown
    scores = [int(s) for s in column_texts(tab.positions_view, "得分")]
    assert scores == sorted(scores, reverse=True)
    nurse_reasons = column_texts(tab.positions_view, "理由")[0]
    assert "专业对口（护理）" in nurse_reasons and "在意向地域（省内县外）" in nurse_reasons
    select_row(tab.positions_view, 0)
    assert "专业对口" in tab.reasons_label.text() and tab.refer_button.isEnabled()
    tab.fitting_only.setChecked(True)
    _settle(qtbot, worker)
    assert column_texts(tab.positions_view, "合适") == ["是"] * tab.positions.rowCount()

    # 推荐 to the electronics position (the nurse position has an open referral already).
    tab.fitting_only.setChecked(False)
    _settle(qtbot, worker)
    _select_id(tab.positions_view, ids["pos_ningbo"])
    notes = answer(monkeypatch, tab, "ask_refer_note", "家长同意去外省")
    tab.refer_selected()
    _settle(qtbot, worker)
    assert notes and "已推荐到岗位：电子装配工" in window.status.text()
    assert tab.sections.currentIndex() == 1 and tab.referrals.rowCount() == 2
    stored = placement.referrals(database(worker), person_id=ids["li"])
    assert {r.position_id for r in stored} == {ids["pos_nurse"], ids["pos_ningbo"]}
    assert next(r for r in stored if r.position_id == ids["pos_ningbo"]).note == "家长同意去外省"

    # The nurse referral: 面试, then 录用 with the start and the pay.
    _select_id(tab.referrals_view, ids["ref_li"])
    assert all(button.isEnabled() for button in tab.outcome_buttons.values())
    answer(monkeypatch, tab, "ask_outcome", OutcomeValues("interview", DAY))
    tab.record_outcome("interview")
    _settle(qtbot, worker)
    assert "面试" in window.status.text()
    _select_id(tab.referrals_view, ids["ref_li"])
    assert not tab.outcome_buttons["interview"].isEnabled() and tab.outcome_buttons["hired"].isEnabled()
    jobs_before = window.jobs.rowCount()
    start = DAY - timedelta(days=3)
    answer(
        monkeypatch,
        tab,
        "ask_outcome",
        OutcomeValues("hired", DAY - timedelta(days=5), start_on=start, monthly_income_fen=420000),
    )
    tab.record_outcome("hired")
    _settle(qtbot, worker)
    # The employment tab shows the new entry at once.
    assert window.tabs.currentIndex() == EMPLOYMENT_TAB
    assert window.jobs.rowCount() == jobs_before + 1
    assert window.file is not None and window.file.current_employment is not None
    entry = window.file.current_employment
    assert (entry.destination, entry.employer, entry.monthly_income_fen) == (
        "employed",
        "万州康宁医院",
        420000,
    )
    assert entry.effective_date == start and entry.referral_id == ids["ref_li"]
    assert window.tabs.tabText(EMPLOYMENT_TAB) == f"就业去向 ({jobs_before + 1})"
    # …and the follow-up schedule of the new job: 1, 3, 6 and 12 months after the start, none done.
    assert column_texts(tab.follow_ups_view, "回访") == ["第1个月", "第3个月", "第6个月", "第12个月"]
    assert column_texts(tab.follow_ups_view, "状态") == ["待回访"] * 4
    hired = next(
        r for r in placement.referrals(database(worker), person_id=ids["li"]) if r.id == ids["ref_li"]
    )
    assert hired.state == "hired" and hired.employment_record_id == entry.id
    # Employed now: no new placement action is offered.
    assert not tab.add_action_button.isEnabled()
    # The dashboard counts her: one more employed and placed graduate, and her name behind the figure.
    with qtbot.waitSignal(dashboard.loaded, timeout=20000):
        dashboard.refresh()
    assert dashboard.board is not None
    assert dashboard.board.totals.employed == employed_before + 1
    assert dashboard.board.totals.placed == placed_before + 1
    assert f"{employed_before + 1} 人" in dashboard.summary["employed"].text()
    assert failures == []


def test_not_hired_asks_the_reason_and_a_refusal_shows_in_the_status(
    qtbot: QtBot,
    county: tuple[DbWorker, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    failures: list[str],
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["li"])
    tab = window.placement
    _select_id(tab.referrals_view, ids["ref_li"])
    asked = answer(monkeypatch, tab, "ask_outcome", OutcomeValues("declined", DAY, reason="离家太远"))
    tab.record_outcome("declined")
    _settle(qtbot, worker)
    assert asked[0][0] == "declined"
    assert column_texts(tab.referrals_view, "原因") == ["离家太远"]
    select_row(tab.referrals_view, 0)
    assert not any(button.isEnabled() for button in tab.outcome_buttons.values())

    # 推荐 to the same position again is allowed once the referral is closed; twice is refused by the service.
    _select_id(tab.positions_view, ids["pos_nurse"])
    answer(monkeypatch, tab, "ask_refer_note", "")
    tab.refer_selected()
    _settle(qtbot, worker)
    assert tab.referrals.rowCount() == 2
    _select_id(tab.positions_view, ids["pos_nurse"])
    tab.refer_selected()
    _settle(qtbot, worker)
    assert window.status.text().startswith("未保存：") and tab.referrals.rowCount() == 2
    assert failures == []


def test_career_plan_review_and_placement_actions(
    qtbot: QtBot,
    county: tuple[DbWorker, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    failures: list[str],
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["li"])
    tab = window.placement
    review = CareerPlan(
        person_id=ids["li"],
        recorded_on=DAY,
        stage="before_graduation",
        goal="三甲医院护士",
        major="护理",
        wanted_region="county",
        wanted_income_fen=300000,
    )
    answer(monkeypatch, tab, "ask_plan", review)
    tab.new_plan()
    _settle(qtbot, worker)
    assert tab.plans.rowCount() == 2 and "三甲医院护士" in tab.plan_label.text()
    assert "县内" in tab.wishes_label.text() and "3,000元" in tab.wishes_label.text()
    # The ranking follows the new wishes: the nurse position is no longer in the wanted region.
    nurse = _row_of(tab.positions_view, ids["pos_nurse"])
    assert "不在意向地域" in column_texts(tab.positions_view, "理由")[nurse]

    # A graduate not employed: a placement action, then done.
    assert tab.add_action_button.isEnabled()
    answer(
        monkeypatch,
        tab,
        "ask_action",
        PlacementActionValues("seeking", "推荐县医院护理岗位", DAY + timedelta(days=14), ""),
    )
    tab.add_action()
    _settle(qtbot, worker)
    assert column_texts(tab.actions_view, "下一步措施") == ["推荐县医院护理岗位"]
    assert column_texts(tab.actions_view, "状态") == ["进行中"]
    select_row(tab.actions_view, 0)
    assert tab.finish_action_button.isEnabled()
    tab.finish_action()
    _settle(qtbot, worker)
    assert column_texts(tab.actions_view, "状态") == ["已完成"]
    assert failures == []


def test_a_follow_up_that_finds_the_person_out_of_work_offers_the_job_change(
    qtbot: QtBot,
    county: tuple[DbWorker, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    failures: list[str],
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["zhang"])
    tab = window.placement
    states = column_texts(tab.follow_ups_view, "状态")
    assert states[0] == "已回访"
    months = column_texts(tab.follow_ups_view, "回访")
    third = months.index("第3个月")
    select_row(tab.follow_ups_view, third)
    assert tab.follow_up_button.isEnabled()
    answer(monkeypatch, tab, "ask_follow_up", FollowUpValues(DAY, "phone", False, "9月底已离职，在家待业"))
    offered = answer(monkeypatch, tab, "confirm_job_change", True)
    jobs_before = window.jobs.rowCount()
    tab.record_follow_up()
    _settle(qtbot, worker)
    assert offered
    assert column_texts(tab.follow_ups_view, "状态")[third] == "已回访（已离岗）"
    # The 就业去向 form is filled in for the change; the history is not changed by the follow-up itself.
    assert window.tabs.currentIndex() == EMPLOYMENT_TAB and window.jobs.rowCount() == jobs_before
    form = window.employment.job_form
    assert form.value("destination") == "seeking" and "已离职" in form.value("change_reason")
    window.employment.record_job_change()
    _settle(qtbot, worker)
    assert window.jobs.rowCount() == jobs_before + 1
    assert window.file is not None and window.file.current_employment is not None
    assert window.file.current_employment.destination == "seeking"
    assert failures == []


def test_a_student_who_is_not_final_year_gets_no_positions(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]]
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["chen"])
    tab = window.placement
    assert tab.kind is None and tab.positions.rowCount() == 0
    assert "不匹配岗位" in tab.positions_note.text()
    final_year = _open(qtbot, worker, ids["zhou"])
    assert final_year.placement.kind == "final_year" and final_year.placement.positions.rowCount() > 0
    assert candidate_kind([], DAY) is None


def test_matching_dialog_refers_the_selected_people(
    qtbot: QtBot,
    qtmodeltester: Any,
    county: tuple[DbWorker, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    failures: list[str],
) -> None:
    worker, ids = county
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dialog = GraduatesForPositionDialog(worker, "测试员", ids["pos_nurse"], None, today=DAY)
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert "万州康宁医院 · 护理员" in dialog.heading.text()
    names = column_texts(dialog.view, "姓名")
    # Graduates not employed and final-year students who fit: the two nurses (赵敏 studies further: not employed).
    assert set(names) == {"李娜", "赵敏"}
    assert all("专业对口（护理）" in reasons for reasons in column_texts(dialog.view, "理由"))
    opened: list[str] = []
    dialog.openPerson.connect(opened.append)
    select_row(dialog.view, names.index("赵敏"))
    assert dialog.open_button.isEnabled() and "赵敏" in dialog.reasons.text()
    dialog.open_selected()
    assert opened == [ids["zhao"]]

    dialog.view.selectAll()
    answer(monkeypatch, dialog, "ask_note", "招聘会后推荐")
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.refer_selected()
    text = dialog.message.text()
    # 李娜 has an open referral to this position already: refused, with the service's reason; 赵敏 referred.
    assert "已推荐：赵敏" in text and "未推荐：李娜（" in text
    referred = placement.referrals(database(worker), position_id=ids["pos_nurse"])
    assert {r.person_id for r in referred} == {ids["li"], ids["zhao"]}

    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.fitting_only.setChecked(False)
    assert len(column_texts(dialog.view, "姓名")) > 2 and "否" in column_texts(dialog.view, "合适")
    assert failures == []


def test_matching_dialog_of_a_deleted_position_says_so(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]], failures: list[str]
) -> None:
    worker, _ids = county
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dialog = GraduatesForPositionDialog(worker, "测试员", "no-such-position", None, today=DAY)
    qtbot.addWidget(dialog)
    # The service refuses (NotFound, in Chinese) and the dialog shows it; nothing crashes.
    assert dialog.model.rowCount() == 0 and "岗位" in dialog.message.text()
    assert failures == [] and not dialog.refer_button.isEnabled()


# --- the dialogs ------------------------------------------------------------------------------------------------


def _type(editor: object, text: str) -> None:
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(text)
    else:
        assert isinstance(editor, QLineEdit)
        editor.setText(text)


def _check_field(dialog: Any, field: str, text: str, *, ok: bool, message: str = "") -> None:
    _type(dialog.form.editors[field], text)
    assert dialog.ok_button.isEnabled() is ok, dialog.form.message(field)
    if message:
        assert message in dialog.form.message(field)


def test_career_plan_dialog_validates_and_a_review_starts_from_the_plan(qtbot: QtBot) -> None:
    dialog = CareerPlanDialog("p1", None, today=DAY)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()  # nothing typed: goal, school or major needed
    _check_field(dialog, "goal", "数控技师", ok=True)
    _check_field(dialog, "wanted_income_fen", "三千", ok=False, message="不是金额")
    _check_field(dialog, "wanted_income_fen", "3500", ok=True)
    _check_field(dialog, "recorded_on", (DAY + timedelta(days=2)).isoformat(), ok=False, message="晚于今天")
    _check_field(dialog, "recorded_on", DAY.isoformat(), ok=True)
    plan = dialog.plan("测试员")
    assert (plan.goal, plan.wanted_income_fen, plan.recorded_by) == ("数控技师", 350000, "测试员")

    current = CareerPlan(
        person_id="p1", recorded_on=DAY - timedelta(days=90), goal="护士", wanted_region="county"
    )
    review = CareerPlanDialog("p1", current, today=DAY)
    qtbot.addWidget(review)
    assert review.windowTitle() == "复核职业规划" and review.ok_button.isEnabled()
    reviewed = review.plan()
    assert reviewed.goal == "护士" and reviewed.wanted_region == "county" and reviewed.recorded_on == DAY
    assert reviewed.id != current.id


def test_outcome_dialogs_ask_the_reason_or_the_start_and_pay(qtbot: QtBot) -> None:
    declined = OutcomeDialog("declined", "康宁医院 护理员", referred_on=DAY - timedelta(days=10), today=DAY)
    qtbot.addWidget(declined)
    assert not declined.ok_button.isEnabled()
    _check_field(declined, "outcome_reason", "家长不同意", ok=True)
    _check_field(
        declined, "outcome_on", (DAY - timedelta(days=20)).isoformat(), ok=False, message="早于推荐日期"
    )
    _check_field(declined, "outcome_on", DAY.isoformat(), ok=True)
    assert declined.outcome() == OutcomeValues("declined", DAY, reason="家长不同意")

    hired = OutcomeDialog("hired", "康宁医院 护理员", pay_min_fen=400000, today=DAY)
    qtbot.addWidget(hired)
    assert hired.ok_button.isEnabled() and "就业记录" in hired.intro.text()
    _check_field(hired, "monthly_income_fen", "4200", ok=True)
    _check_field(hired, "start_on", "2025-13-01", ok=False)
    _check_field(hired, "start_on", DAY.isoformat(), ok=True)
    outcome = hired.outcome()
    assert (outcome.state, outcome.start_on, outcome.monthly_income_fen) == ("hired", DAY, 420000)


def test_follow_up_and_placement_action_dialogs_validate(qtbot: QtBot) -> None:
    follow_up = FollowUpDialog("宏达机械 数控车床操作工", 3, started_on=DAY - timedelta(days=100), today=DAY)
    qtbot.addWidget(follow_up)
    assert follow_up.ok_button.isEnabled() and follow_up.windowTitle() == "稳岗回访（第3个月）"
    still = follow_up.form.editors["still_employed"]
    still.setChecked(False)  # type: ignore[attr-defined]
    assert not follow_up.ok_button.isEnabled() and "离职" in follow_up.form.message("note")
    _check_field(follow_up, "note", "已离职", ok=True)
    assert follow_up.follow_up() == FollowUpValues(DAY, "phone", False, "已离职")

    action = PlacementActionDialog("李娜", today=DAY)
    qtbot.addWidget(action)
    assert not action.ok_button.isEnabled()  # the next action is required
    _check_field(action, "next_action", "推荐到县医院", ok=True)
    _check_field(action, "due_on", (DAY - timedelta(days=1)).isoformat(), ok=False, message="早于")
    _check_field(action, "due_on", (DAY + timedelta(days=7)).isoformat(), ok=True)
    values = action.action()
    assert (values.reason, values.due_on) == ("seeking", DAY + timedelta(days=7))


def test_hire_button_is_disabled_for_a_closed_referral(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]]
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["zhang"])
    tab = window.placement
    _select_id(tab.referrals_view, ids["ref_zhang"])
    assert column_texts(tab.referrals_view, "状态") == ["录用"]
    assert not any(button.isEnabled() for button in tab.outcome_buttons.values())
    # The employed graduate gets no placement action.
    assert not tab.add_action_button.isEnabled() and tab.actions_note.text()


def test_a_referral_made_elsewhere_shows_in_the_open_file(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]], failures: list[str]
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["zhao"])
    tab = window.placement
    assert tab.referrals.rowCount() == 0
    with qtbot.waitSignal(worker.idle, timeout=20000):
        worker.submit(
            lambda db: placement.refer(db, ids["zhao"], ids["pos_nurse"], actor="别处", today=DAY),
            changes={"job_referral"},
        )
    _settle(qtbot, worker)
    assert column_texts(tab.referrals_view, "岗位") == ["护理员"]
    assert failures == []


def test_matching_dialog_marks_final_year_students(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]]
) -> None:
    worker, _ids = county
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dialog = GraduatesForPositionDialog(worker, "测试员", _ids["pos_cnc"], None, today=DAY)
    qtbot.addWidget(dialog)
    names = column_texts(dialog.view, "姓名")
    # 周杰 finishes within the year (数控, 中级工); 张坤 has the job already and is not offered.
    assert "周杰" in names and "张坤" not in names
    assert column_texts(dialog.view, "毕业年份")[names.index("周杰")].endswith("（毕业班）")


def test_hire_through_the_real_dialog_takes_the_positions_pay(
    qtbot: QtBot,
    county: tuple[DbWorker, dict[str, str]],
    monkeypatch: pytest.MonkeyPatch,
    failures: list[str],
) -> None:
    worker, ids = county
    window = _open(qtbot, worker, ids["li"])
    tab = window.placement
    shown: list[OutcomeDialog] = []

    def accept(dialog: OutcomeDialog) -> QDialog.DialogCode:
        shown.append(dialog)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(OutcomeDialog, "exec", accept)
    _select_id(tab.referrals_view, ids["ref_li"])
    tab.record_outcome("hired")
    _settle(qtbot, worker)
    # The dialog started from today and the position's lowest pay (4,000 元).
    assert shown and shown[0].form.value("monthly_income_fen") == 400000
    assert window.file is not None and window.file.current_employment is not None
    entry = window.file.current_employment
    assert (entry.effective_date, entry.monthly_income_fen, entry.region) == (DAY, 400000, "province")
    assert failures == []


def test_a_file_closed_while_its_placement_tab_loads_takes_the_late_result_quietly(
    qtbot: QtBot, county: tuple[DbWorker, dict[str, str]], failures: list[str]
) -> None:
    """The tab's data arrives after the window was closed and deleted: nothing calls into the deleted labels."""
    from PySide6.QtCore import QCoreApplication, QEvent

    worker, ids = county
    with qtbot.waitSignal(worker.idle, timeout=20000):
        window = PersonWindow(worker, ids["li"], "测试员")
    window.show()
    window.placement.reload()  # queued on the worker
    _forget_unsaved(window)
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    _settle(qtbot, worker)
    qtbot.wait(50)
    assert failures == []
