"""The person window (issue 19): entries voided in error stay struck through with their reason; a visit saved
from the window shows there at once and is confirmed in the window; schooling ends with a date; the header and
the basic-info tab say the same about schooling; the window fits the screen at 100% and 125%."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Training
from yulu_desktop.services import lists, records
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.person.end_schooling import EndSchoolingDialog
from yulu_desktop.ui.person.voids import VoidDialog
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.visit_dialog import VisitDialog
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _run(qtbot: QtBot, worker: DbWorker, job: object) -> object:
    with qtbot.waitSignal(worker.done, timeout=10000) as done:
        worker.submit(job)  # type: ignore[arg-type]
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def _settle(qtbot: QtBot, worker: DbWorker) -> None:
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=10000):
            pass


def _zhang_kun(qtbot: QtBot, worker: DbWorker) -> str:
    return str(
        _run(qtbot, worker, lambda db: lists.fetch(db, "people", lists.ListQuery(text="张坤"))[0].person_id)
    )


def _open(qtbot: QtBot, worker: DbWorker, person_id: str) -> PersonWindow:
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window = PersonWindow(worker, person_id, "测试员")
    qtbot.addWidget(window)
    window.show()
    return window


def _job(person_id: str, employer: str, on: date) -> EmploymentRecord:
    return EmploymentRecord(
        person_id=person_id,
        effective_date=on,
        destination="employed",
        employer=employer,
        recorded_at=datetime(on.year, on.month, on.day),
    )  # type: ignore[arg-type]


def test_voiding_a_job_keeps_it_struck_through_with_reason(
    qtbot: QtBot, qtmodeltester, worker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    person_id = _zhang_kun(qtbot, worker)
    right, wrong = (
        _job(person_id, "温氏股份", date(2025, 7, 15)),
        _job(person_id, "录错的单位", date(2025, 9, 1)),
    )
    for record in (right, wrong):
        _run(qtbot, worker, lambda db, r=record: records.record_job_change(db, r, actor="测试"))
    window = _open(qtbot, worker, person_id)
    jobs = window.employment.jobs
    assert jobs.rowCount() == 2 and window.tabs.tabText(6) == "就业去向 (2)"
    assert not window.employment.void_button.isEnabled()  # nothing selected
    window.employment.jobs_view.selectRow(1)
    assert window.employment.void_button.isEnabled()
    asked: list[str] = []
    monkeypatch.setattr(window, "ask_void_reason", lambda what: asked.append(what) or "录错了单位")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.employment.void_button.click()
    _settle(qtbot, worker)
    assert "录错的单位" in asked[0]
    assert "已作废" in window.status.text()
    note = jobs.index(1, jobs.columnCount() - 1).data()
    assert note == f"已作废：录错了单位（测试员，{date.today().isoformat()}）"
    assert jobs.index(1, 2).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert jobs.index(1, 2).data() == "录错的单位"  # never erased
    assert jobs.index(0, 2).data(Qt.ItemDataRole.FontRole) is None  # the live entry is plain
    assert window.tabs.tabText(6) == "就业去向 (1)"
    assert "温氏股份" in window.header.text() and "录错的单位" not in window.header.text()
    window.employment.jobs_view.selectRow(1)
    assert not window.employment.void_button.isEnabled()  # a void is final
    qtmodeltester.check(jobs)


def test_a_voided_training_cannot_be_edited(
    qtbot: QtBot, worker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _zhang_kun(qtbot, worker)
    training = Training(person_id=person_id, kind="training", name="电工培训")  # type: ignore[call-arg]
    _run(qtbot, worker, lambda db: records.record_training(db, training, actor="测试"))
    window = _open(qtbot, worker, person_id)
    window.training.trainings_view.selectRow(0)
    monkeypatch.setattr(window, "ask_void_reason", lambda _what: None)  # cancelled: nothing happens
    window.training.void_button.click()
    assert not worker.pending
    monkeypatch.setattr(window, "ask_void_reason", lambda _what: "重复录入")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.training.void_button.click()
    _settle(qtbot, worker)
    window.training.trainings_view.selectRow(0)
    window.training.edit_training()
    assert window.training.training_editor.isHidden() and "不能修改" in window.status.text()


def test_void_dialog_needs_a_reason(qtbot: QtBot) -> None:
    dialog = VoidDialog("2025-10-01 李明的走访（就业帮扶）")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not ok.isEnabled() and "作废原因" in dialog.message.text()
    dialog.reason.setText("走访的是另一户")
    assert ok.isEnabled() and dialog.message.text() == ""
    dialog.accept()
    assert dialog.reason_text() == "走访的是另一户"


def test_a_visit_saved_from_the_person_window_shows_there_at_once(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = MainWindow(worker, settings)
    qtbot.addWidget(main)
    with qtbot.waitSignal(main.ready, timeout=20000):
        main.show()
    _settle(qtbot, worker)
    person_id = _zhang_kun(qtbot, worker)
    window = main.open_person(person_id)
    _settle(qtbot, worker)
    before = window.visits.rowCount()
    assert "Ctrl+N" in window.visit_tab.new_visit_button.toolTip()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # 新建走访
    [dialog] = [d for d in window.findChildren(VisitDialog) if d.isVisible()]
    assert dialog.hit is not None and dialog.hit.person_id == person_id
    notes = dialog.form.editors["notes"]
    assert isinstance(notes, QPlainTextEdit)
    notes.setPlainText("了解毕业去向")
    visitor = dialog.form.editors["visitor_name"]
    if isinstance(visitor, QLineEdit) and not visitor.text():
        visitor.setText("李明")  # a fresh laptop has no visitor name yet
    assert [i.text() for i in dialog.validate() if i.is_error] == []
    with qtbot.waitSignal(dialog.recorded, timeout=10000):
        dialog.save()
    _settle(qtbot, worker)
    assert window.visits.rowCount() == before + 1
    assert window.tabs.currentWidget() is window.visit_tab and window.status.text() == "已保存走访记录"
    # Voiding it from the window: struck through, and out of the visits list.
    row = next(
        r for r in range(window.visits.rowCount()) if window.visits.index(r, 4).data() == "了解毕业去向"
    )
    window.visit_tab.visits_view.selectRow(row)
    monkeypatch.setattr(window, "ask_void_reason", lambda _what: "走访的是另一户")
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.visit_tab.void_button.click()
    _settle(qtbot, worker)
    assert window.visits.index(row, 0).data(Qt.ItemDataRole.FontRole).strikeOut()
    notes_in_list = _run(
        qtbot,
        worker,
        lambda db: [r.cells[-1] for r in lists.fetch(db, "visits", lists.ListQuery(text="张坤"))],
    )
    assert "了解毕业去向" not in notes_in_list  # type: ignore[operator]
    window.close()


def _enrol(qtbot: QtBot, worker: DbWorker, person_id: str) -> None:
    enrollment = Enrollment(
        person_id=person_id,
        school_year=f"{date.today().year - 1}-{date.today().year}",
        semester="spring",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        major="电子商务技术",
        entry_date=date(2023, 9, 1),
    )
    _run(qtbot, worker, lambda db: records.record_enrollment(db, enrollment, actor="测试"))


def test_end_schooling_dialog_refuses_a_date_before_entry(qtbot: QtBot) -> None:
    enrollment = Enrollment(
        person_id="p",
        school_year="2025-2026",
        semester="spring",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        entry_date=date(2023, 9, 1),
    )
    dialog = EndSchoolingDialog(enrollment, today=date(2026, 7, 20))
    qtbot.addWidget(dialog)
    assert dialog.ok_button.isEnabled() and dialog.status() == "graduated"
    ended = dialog.form.editors["ended_on"]
    assert isinstance(ended, QLineEdit)
    ended.clear()
    qtbot.keyClicks(ended, "2023-08-01")
    assert "不能早于入学日期" in dialog.form.message("ended_on") and not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() == 0  # still open
    ended.setText("2026-07-01")
    assert dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.ended_on() == date(2026, 7, 1)


def test_graduating_in_the_window_updates_header_basic_info_and_graduates_list(
    qtbot: QtBot, worker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    person_id = _zhang_kun(qtbot, worker)
    _enrol(qtbot, worker, person_id)
    window = _open(qtbot, worker, person_id)
    note = window.basic.schooling_note.text()
    assert "在校生状况" in note and "学籍记录" in note and "在籍在读" in note
    assert "在籍在读" in window.header.text()
    ended_on = date.today()
    monkeypatch.setattr(window, "ask_end", lambda _enrollment: ("graduated", ended_on))
    with qtbot.waitSignal(window.saved, timeout=10000):
        window.schooling.end_button.click()
    _settle(qtbot, worker)
    assert window.status.text() == f"已登记毕业（{ended_on.isoformat()}）"
    enrollments = window.schooling.enrollments
    assert enrollments.index(0, 7).data() == "毕业" and enrollments.index(0, 8).data() == ended_on.isoformat()
    assert "毕业" in window.header.text() and "在籍在读" not in window.header.text()
    assert window.form.value("student_status") == "not_student"
    assert "⚠" not in window.basic.schooling_note.text()  # header and basic info agree
    rows = _run(qtbot, worker, lambda db: lists.fetch(db, "graduates", lists.ListQuery(text="张坤")))
    destination = [c.key for c in lists.columns("graduates")].index("destination")
    assert [r.cells[destination] for r in rows] == [lists.NO_DESTINATION]  # type: ignore[attr-defined]


def test_the_header_and_basic_info_name_a_contradiction(qtbot: QtBot, worker: DbWorker) -> None:
    person_id = _zhang_kun(qtbot, worker)
    _run(
        qtbot,
        worker,
        lambda db: records.update_person(db, person_id, {"student_status": "not_student"}, actor="测试"),
    )
    _enrol(qtbot, worker, person_id)
    window = _open(qtbot, worker, person_id)
    if date.today().month > 7:  # the spring semester is over: no contradiction to show, the header says why
        assert "该学期已过" in window.header.text()
        return
    assert "非在校生" in window.basic.schooling_note.text() and "⚠" in window.basic.schooling_note.text()


@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_the_person_window_fits_a_1366x768_screen(qtbot: QtBot, worker: DbWorker, scale: float) -> None:
    person_id = _zhang_kun(qtbot, worker)
    window = _open(qtbot, worker, person_id)
    # The logical screen of a 1366x768 laptop with a 40-pixel taskbar, at 100% or 125% scaling.
    available = QRect(0, 0, int(1366 / scale), int((768 - 40) / scale))
    window.fit_to_screen(available)
    frame_w, frame_h = 16, 40
    assert window.width() + frame_w <= available.width() and window.height() + frame_h <= available.height()
    hint = window.minimumSizeHint()
    assert hint.width() <= window.width() and hint.height() <= window.height()
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        page = window.tabs.currentWidget()
        assert page.minimumSizeHint().height() <= window.tabs.height(), window.tabs.tabText(tab)
