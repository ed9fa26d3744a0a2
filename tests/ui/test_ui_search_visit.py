"""The search box (as you type: name, pinyin, initials, ID tail, 户编号, phone) and keyboard-only visit entry."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from yulu_desktop.services import search
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store.database import Database
from yulu_desktop.ui.search_box import SearchField
from yulu_desktop.ui.visit_dialog import VisitDialog
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

# 张坤 and his household, added to the template database by tests/ui/conftest.py.
ZHANG_KUN_ID = "500229200703150012"
ZHANG_KUN_PHONE = "13812348000"
KNOWN_HOUSEHOLD_NO = "5002291990001"


def type_into(qtbot: QtBot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    """Type ``text``: key clicks for ASCII; Chinese characters arrive as the input method commits them."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
        else:
            widget.insertPlainText(char) if hasattr(widget, "insertPlainText") else widget.insert(char)


@pytest.mark.parametrize(
    "query", ["zk", "zhangkun", "张坤", ZHANG_KUN_ID[-4:], ZHANG_KUN_PHONE, KNOWN_HOUSEHOLD_NO]
)
def test_search_box_finds_zhang_kun_as_you_type(
    qtbot: QtBot, qtmodeltester, worker: DbWorker, query: str
) -> None:  # type: ignore[no-untyped-def]
    field = SearchField(worker)
    qtbot.addWidget(field)
    field.show()
    with qtbot.waitSignal(field.resultsShown, timeout=10000, check_params_cb=lambda text, _ms: text == query):
        type_into(qtbot, field, query)
    names = [field.model.hit(r).name for r in range(field.model.rowCount())]
    assert "张坤" in names
    qtmodeltester.check(field.model)
    # Arrow down to 张坤 and Enter picks him.
    with qtbot.waitSignal(field.picked) as picked:
        for _ in range(names.index("张坤")):
            qtbot.keyClick(field, Qt.Key.Key_Down)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    hit = picked.args[0]
    assert isinstance(hit, SearchHit) and hit.name == "张坤"
    assert hit.id_number_masked == "500229********0012"


def test_search_index_and_the_fallback_scan_find_the_same_people(qtbot: QtBot, worker: DbWorker) -> None:
    queries = ["zk", "zhangk", "张坤", ZHANG_KUN_ID[-4:], ZHANG_KUN_PHONE, KNOWN_HOUSEHOLD_NO[-6:]]

    def compare(db: Database) -> list[tuple[str, list[str], list[str]]]:
        assert search.has_search_index(db)
        indexed = {q: [h.name for h in search.search(db, q)] for q in queries}
        search._INDEXED[str(db.path)] = False
        try:
            scanned = {q: [h.name for h in search.search(db, q)] for q in queries}
        finally:
            search._INDEXED.pop(str(db.path))
        return [(q, indexed[q], scanned[q]) for q in queries]

    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(compare)
    assert done.args[0].error is None
    for query, indexed, scanned in done.args[0].result:
        assert "张坤" in indexed and "张坤" in scanned, query


def test_visit_entry_by_keyboard_alone(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    dialog = VisitDialog(worker, settings, "测试员")
    qtbot.addWidget(dialog)
    dialog.show()
    keys = 0

    def type_text(widget, text: str) -> None:  # type: ignore[no-untyped-def]
        nonlocal keys
        type_into(qtbot, widget, text)
        keys += len(text)

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal keys
        qtbot.keyClick(dialog.focusWidget(), key, modifier)
        keys += 1

    assert dialog.focusWidget() is dialog.household_search
    with qtbot.waitSignal(
        dialog.household_search.resultsShown, timeout=10000, check_params_cb=lambda text, _ms: text == "zk"
    ):
        type_text(dialog.household_search, "zk")
    names = [
        dialog.household_search.model.hit(r).name for r in range(dialog.household_search.model.rowCount())
    ]
    for _ in range(names.index("张坤")):
        press(Qt.Key.Key_Down)
    with qtbot.waitSignal(worker.idle, timeout=10000):  # the purpose fitting 张坤 is filled in
        press(Qt.Key.Key_Return)  # picks the household; focus moves to the date (today)
    assert dialog.hit is not None and dialog.hit.household_no == KNOWN_HOUSEHOLD_NO
    assert dialog.form.value("visit_date") == date.today()
    assert dialog.form.value("purpose") == "policy"  # 19, no schooling, nobody at school in the household
    press(Qt.Key.Key_Tab)  # mode
    press(Qt.Key.Key_Down)  # 入户走访 → 电话
    press(Qt.Key.Key_Tab)  # purpose
    press(Qt.Key.Key_Down)  # 政策宣传 → 其他
    press(Qt.Key.Key_Tab)  # notes
    type_text(
        dialog.focusWidget(), "孩子想读护理专业"
    )  # committed by the input method, one key per character
    press(Qt.Key.Key_Tab)  # follow-up
    type_text(dialog.focusWidget(), "联系学校")
    with qtbot.waitSignal(dialog.recorded, timeout=10000) as recorded:
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    visit = recorded.args[0]
    assert visit.mode == "phone" and visit.purpose == "other"
    assert visit.notes == "孩子想读护理专业" and visit.follow_up == "联系学校"
    assert visit.follow_up_due == date.today() + timedelta(days=14)
    assert visit.visitor_name == "测试员"
    print(f"\nkeyboard-only visit entry: {keys} keystrokes")
    assert keys <= 30


def test_visit_dialog_shows_errors_next_to_fields_and_cancels(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    dialog = VisitDialog(worker, settings, "测试员")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.save()  # nothing chosen
    assert dialog.household_message.isVisible() and "请先选择" in dialog.household_message.text()
    due = dialog.form.editors["follow_up_due"]
    qtbot.keyClicks(due, "2025-13-40")
    assert dialog.form.message("follow_up_due")
    due.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(due, (date.today() + timedelta(days=3)).isoformat())
    assert "承诺事项" in dialog.form.message("follow_up")
    with qtbot.waitSignal(dialog.rejected):
        dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel).click()
