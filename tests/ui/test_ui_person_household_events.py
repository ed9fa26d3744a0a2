"""The person window offers the household events (户籍变动) and shows the person's 人口变动 history, and the
basic-info tab shows the national export's own text of values the code lists did not know (issue 19)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.entities import Person
from yulu_desktop.services import households, lists, records
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _run(qtbot: QtBot, worker: DbWorker, job: object) -> object:
    with qtbot.waitSignal(worker.done, timeout=10000) as done:
        worker.submit(job)  # type: ignore[arg-type]
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def _open(qtbot: QtBot, worker: DbWorker, person_id: str) -> PersonWindow:
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window = PersonWindow(worker, person_id, "测试员")
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_person_window_has_the_household_events_and_the_history(qtbot: QtBot, worker: DbWorker) -> None:
    head = _run(qtbot, worker, lambda db: lists.fetch(db, "people", lists.ListQuery(text="张坤"))[0])
    household_id = str(head.household_id)  # type: ignore[attr-defined]
    baby = Person(
        household_id=household_id, name="张小满", relationship="20", sex="M", birth_date=date(2026, 3, 1)
    )
    _run(
        qtbot,
        worker,
        lambda db: households.add_member(db, baby, kind="birth", actor="测试员", today=date(2026, 12, 1)),
    )
    window = _open(qtbot, worker, baby.id)
    menu = window.member_events_button.menu()
    names = {action.objectName() for action in menu.actions()}
    assert {"household_event_birth", "household_event_split", "household_event_move_out"} <= names
    history = window.household.history
    qtbot.waitUntil(lambda: history.list.count() == 1, timeout=10000)
    assert "出生" in history.list.item(0).text()


def test_the_basic_tab_shows_the_kept_export_text(qtbot: QtBot, worker: DbWorker) -> None:
    person_id = _run(
        qtbot, worker, lambda db: lists.fetch(db, "people", lists.ListQuery(text="张坤"))[0].person_id
    )  # type: ignore[attr-defined]
    kept = json.dumps({"student_status": "在读（职高）"}, ensure_ascii=False)
    _run(
        qtbot,
        worker,
        lambda db: records.update_person(
            db, person_id, {"student_status": None, "raw_values": kept}, actor="测试"
        ),
    )
    window = _open(qtbot, worker, person_id)
    note = window.basic.raw_note
    assert note.isVisibleTo(window) and "在校生状况“在读（职高）”" in note.text()
