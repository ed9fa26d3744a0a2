"""Editing in the person file: schooling by semester, subsidy application and its approval chain, training and
intent — each validates as you type next to the field and saves through one service call on the worker."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.entities import Enrollment
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.services import lists, records, subsidy
from yulu_desktop.store.database import Database
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

TEST_COUNTY = "149928"  # 张坤's county in the test data (conftest)


def _run(qtbot: QtBot, worker: DbWorker, job: object) -> object:
    with qtbot.waitSignal(worker.done, timeout=10000) as done:
        worker.submit(job)  # type: ignore[arg-type]
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def _forget_unsaved(window: PersonWindow) -> None:
    window.dirty = window.job_dirty = False
    for editor in (window.enrollment_editor, window.intent_editor, window.training_editor):
        editor.dirty = False


def _open(qtbot: QtBot, worker: DbWorker) -> PersonWindow:
    person_id = str(
        _run(qtbot, worker, lambda db: lists.fetch(db, "people", lists.ListQuery(text="张坤"))[0].person_id)
    )
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window = PersonWindow(worker, person_id, "测试员")
    qtbot.addWidget(window, before_close_func=_forget_unsaved)
    window.show()
    return window


def _line(window_editor: object) -> QLineEdit:
    assert isinstance(window_editor, QLineEdit)
    return window_editor


def _settle(qtbot: QtBot, worker: DbWorker) -> None:
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=10000):
            pass


def _enrol(qtbot: QtBot, worker: DbWorker, window: PersonWindow) -> None:
    enrollment = Enrollment(
        person_id=window.person_id,
        school_year="2025-2026",
        semester="autumn",
        school_name="城口县职业教育中心",
        school_type="zhongzhuan",
        major="数控技术应用",
        entry_date=date(2023, 9, 1),
    )
    _run(qtbot, worker, lambda db: records.record_enrollment(db, enrollment, actor="测试"))
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window.reload()


def test_enrollment_validates_as_you_type_saves_and_edits(qtbot: QtBot, worker: DbWorker) -> None:
    window = _open(qtbot, worker)
    editor, form = window.enrollment_editor, window.enrollment_editor.form
    assert editor.isHidden() and window.enrollments.rowCount() == 0
    window.new_enrollment_button.click()
    assert not editor.isHidden()
    _line(form.editors["school_year"]).setText("2025-2026")
    _line(form.editors["school_name"]).setText("城口县职业教育中心")
    _line(form.editors["major"]).setText("数控技术应用")
    entry = _line(form.editors["entry_date"])
    qtbot.keyClicks(entry, "2000-09-01")  # before 张坤 was born (2007-03-15)
    assert "出生日期" in form.message("entry_date")
    assert not editor.save_button.isEnabled()
    changed: list[object] = []
    worker.changed.connect(changed.append)
    window.save_enrollment()  # refused: nothing is submitted, the message stays
    assert not worker.pending and "改正" in window.status.text() and form.message("entry_date")
    entry.setText("2022-09-01")
    assert not form.message("entry_date") and editor.save_button.isEnabled()
    with qtbot.waitSignal(window.saved, timeout=10000):
        editor.save_button.click()
    _settle(qtbot, worker)
    assert editor.isHidden() and changed and "enrollment" in changed[0]  # type: ignore[operator]
    assert window.enrollments.rowCount() == 1
    assert window.enrollments.index(0, 2).data() == "城口县职业教育中心"
    assert window.file is not None
    first_id = window.file.enrollments[0].id

    # 修改 the selected semester: the same record (id) is changed, not a new one added.
    window.enrollments_view.selectRow(0)
    window.edit_enrollment_button.click()
    assert editor.record_id == first_id and _line(form.editors["entry_date"]).text() == "2022-09-01"
    _line(form.editors["grade"]).setText("2022级")
    with qtbot.waitSignal(window.saved, timeout=10000):
        editor.save_button.click()
    _settle(qtbot, worker)
    assert window.file is not None and [e.id for e in window.file.enrollments] == [first_id]
    assert window.enrollments.index(0, 5).data() == "2022级"

    # 新增学期 proposes the next semester of the same school.
    window.new_enrollment_button.click()
    assert _line(form.editors["school_year"]).text() == "2025-2026"
    assert form.value("semester") == "spring" and editor.save_button.isEnabled()
    editor.cancel_button.click()
    assert editor.isHidden()


def test_subsidy_apply_and_advance(qtbot: QtBot, worker: DbWorker) -> None:
    window = _open(qtbot, worker)
    assert not window.apply_button.isEnabled()  # no schooling yet, no term to apply for
    _enrol(qtbot, worker, window)
    assert window.subsidy_term.currentData() == "2025-autumn" and window.apply_button.isEnabled()

    window.apply_button.click()  # the test county has no subsidy standard yet
    _settle(qtbot, worker)
    assert "尚未设置" in window.subsidy_message.text() and window.subsidies.rowCount() == 0

    _run(
        qtbot,
        worker,
        lambda db: records.set_subsidy_amount(
            db, TEST_COUNTY, "zhongzhuan", 300000, effective_from=date(2020, 1, 1), actor="测试"
        ),
    )
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.apply_button.click()
    _settle(qtbot, worker)
    assert window.subsidies.rowCount() == 1 and not window.subsidy_message.text()
    assert window.subsidies.index(0, 1).data() == "1,500"  # half the yearly standard per semester
    assert window.subsidies.index(0, 2).data() == "已申请"

    assert not window.advance_button.isEnabled()  # nothing selected
    window.subsidies_view.selectRow(0)
    assert window.next_state.currentData() == "village_reviewed" and window.advance_button.isEnabled()
    # Only the village's steps are offered (issue 15): 不通过 is the township's or the county's.
    assert window.next_state.findData("rejected") == -1
    window.next_state.setCurrentIndex(window.next_state.findData("withdrawn"))
    window.advance_button.click()  # 撤回 without a reason is refused
    qtbot.waitUntil(lambda: "原因" in window.subsidy_message.text(), timeout=10000)
    _settle(qtbot, worker)
    window.subsidies_view.selectRow(0)
    window.next_state.setCurrentIndex(window.next_state.findData("village_reviewed"))
    window.advance_button.click()  # 村委会初审 needs the evidence checklist complete
    # Waits for this refusal itself: the message of the one before stays until it comes (a CI run that only
    # waited for the worker to be idle once read the 撤回 refusal here).
    qtbot.waitUntil(lambda: "身份证复印件" in window.subsidy_message.text(), timeout=10000)
    _settle(qtbot, worker)
    application_id = window.file.subsidies[0].id if window.file else ""
    for item in DEFAULT_RULE.evidence:
        _run(
            qtbot,
            worker,
            lambda db, code=item.code: subsidy.set_evidence(
                db, application_id, code, provided=True, actor="测试"
            ),
        )
    window.subsidies_view.selectRow(0)
    window.next_state.setCurrentIndex(window.next_state.findData("village_reviewed"))
    window.opinion.setText("情况属实，同意上报")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.advance_button.click()
    _settle(qtbot, worker)
    assert window.subsidies.index(0, 2).data() == "村委会初审"
    assert window.file is not None and window.file.subsidies[0].village_opinion == "情况属实，同意上报"

    person_id = window.person_id

    def opinion(db: Database) -> str:
        with db.read_connection() as conn:
            return str(
                conn.exec_driver_sql(
                    "SELECT village_opinion FROM subsidy_application WHERE person_id = ?", (person_id,)
                ).scalar_one()
            )

    assert _run(qtbot, worker, opinion) == "情况属实，同意上报"


def test_training_and_intent_are_added(qtbot: QtBot, worker: DbWorker) -> None:
    window = _open(qtbot, worker)
    before = window.trainings.rowCount()
    window.new_training_button.click()
    form = window.training_editor.form
    assert not window.training_editor.save_button.isEnabled()  # a training needs a name
    _line(form.editors["name"]).setText("电工上岗证培训")
    _line(form.editors["start_date"]).setText("2025-07-01")
    _line(form.editors["end_date"]).setText("2025-06-01")
    assert "开始日期" in form.message("end_date") and not window.training_editor.save_button.isEnabled()
    _line(form.editors["end_date"]).setText("2025-07-20")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.training_editor.save_button.click()
    _settle(qtbot, worker)
    assert window.trainings.rowCount() == before + 1
    assert "电工上岗证培训" in [
        window.trainings.index(r, 1).data() for r in range(window.trainings.rowCount())
    ]

    window.new_intent_button.click()
    intent_form = window.intent_editor.form
    year = _line(intent_form.editors["expected_year"])
    year.setText("明年")
    assert intent_form.message("expected_year")
    year.setText("1990")
    assert "不合理" in intent_form.message("expected_year")
    year.setText(str(date.today().year + 1))
    _line(intent_form.editors["desired_major"]).setText("护理")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.intent_editor.save_button.click()
    _settle(qtbot, worker)
    assert window.intents.rowCount() == 1 and window.intents.index(0, 4).data() == "护理"
