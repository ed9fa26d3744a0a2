"""Keyboard use of the main window and the visit dialog: plain Enter opens a search result, the popup stays on the
screen, drop-down choices are picked by pinyin initials or Chinese text, the visit's purpose follows the person,
the menus show the shortcuts, and a complete visit is entered by keyboard alone within 20 seconds."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from yulu_desktop.domain.choice_keys import choice_keys
from yulu_desktop.services import lists
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.forms import RecordForm
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.search_box import SearchField
from yulu_desktop.ui.visit_dialog import VISIT_FIELDS, VisitDialog
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

#: Keys per second of a slow typist, and seconds spent reading (the search list, the chosen household and the
#: purpose filled in) — the estimate of a visit's time recorded in docs/PERFORMANCE.md.
KEYS_PER_SECOND = 2.0
READING_SECONDS = 4.0


def _shown_window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> MainWindow:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    return window


def _key(
    widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as the window system delivers it: to the focused window, shortcuts first, then the focus widget."""
    handle = widget.window().windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key, modifier)


def _type_letters(widget: QWidget, letters: str) -> None:
    for letter in letters:
        _key(widget, Qt.Key(ord(letter.upper())))


@pytest.mark.parametrize("key", [Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_enter_opens_the_chosen_search_result_in_the_main_window(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, key: Qt.Key
) -> None:
    window = _shown_window(qtbot, worker, settings)
    window.search.setFocus()
    with qtbot.waitSignal(
        window.search.resultsShown, timeout=10000, check_params_cb=lambda t, _ms: t == "zk"
    ):
        _type_letters(window.search, "zk")
    names = [window.search.model.hit(r).name for r in range(window.search.model.rowCount())]
    for _ in range(names.index("张坤")):
        _key(window.search, Qt.Key.Key_Down)
    modifier = (
        Qt.KeyboardModifier.KeypadModifier if key == Qt.Key.Key_Enter else Qt.KeyboardModifier.NoModifier
    )
    _key(window.search, key, modifier)
    assert len(window.person_windows) == 1
    opened = next(iter(window.person_windows.values()))
    qtbot.waitUntil(lambda: opened.file is not None, timeout=10000)
    assert opened.file is not None and opened.file.person.name == "张坤"
    assert window.search.text() == ""


def test_enter_typed_before_the_results_came_opens_the_first_result(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    window = _shown_window(qtbot, worker, settings)
    window.search.setFocus()
    # The worker is held busy until Enter is typed, so the results surely come after it (a fast worker could
    # answer between two keystrokes, and Enter would then open a shown result at once).
    gate = threading.Event()
    worker.submit(lambda _db: gate.wait(20))
    _type_letters(window.search, "zhangkun")
    _key(window.search, Qt.Key.Key_Return)
    assert not window.person_windows
    with qtbot.waitSignal(window.search.resultsShown, timeout=10000):
        gate.set()
    qtbot.waitUntil(lambda: len(window.person_windows) == 1, timeout=10000)
    opened = next(iter(window.person_windows.values()))
    qtbot.waitUntil(lambda: opened.file is not None, timeout=10000)
    assert opened.file is not None and opened.file.person.name == "张坤"


def test_enter_in_an_emptied_or_unsearched_box_opens_nothing(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    window = _shown_window(qtbot, worker, settings)
    window.search.setFocus()
    _key(window.search, Qt.Key.Key_Return)
    assert not window.person_windows


def test_the_search_list_stays_on_the_screen_next_to_the_right_edge(qtbot: QtBot, worker: DbWorker) -> None:
    screen = QApplication.primaryScreen().availableGeometry()
    field = SearchField(worker)
    qtbot.addWidget(field)
    field.resize(200, 28)
    field.move(screen.right() - 210, screen.top() + 100)  # a narrow box at the right edge: the list is wider
    field.show()
    qtbot.waitExposed(field)
    with qtbot.waitSignal(field.resultsShown, timeout=10000):
        qtbot.keyClicks(field, "zh")
    popup = field.popup
    assert popup.width() > field.width()
    position = field.popup_position()
    assert position.x() >= screen.left()
    assert position.x() + popup.width() <= screen.right() + 1
    assert position.y() == field.mapToGlobal(QPoint(0, field.height())).y()  # still right under the box
    # At the bottom of the screen the list opens above the box.
    field.move(screen.left() + 10, screen.bottom() - 40)
    qtbot.wait(10)
    position = field.popup_position()
    assert position.y() + popup.height() <= screen.bottom() + 1


def _combo(form: RecordForm, name: str) -> QComboBox:
    combo = form.editors[name]
    assert isinstance(combo, QComboBox)
    return combo


def test_choices_are_picked_by_pinyin_initials_and_by_chinese_text(qtbot: QtBot) -> None:
    form = RecordForm(VISIT_FIELDS)
    qtbot.addWidget(form)
    form.show()
    form.set_values({"mode": "home", "purpose": "other"})
    mode, purpose = _combo(form, "mode"), _combo(form, "purpose")
    qtbot.keyClicks(mode, "dh")
    assert form.value("mode") == "phone"
    qtbot.wait(1100)  # a pause starts a new search
    qtbot.keyClicks(mode, "dx")
    assert form.value("mode") == "school"
    qtbot.keyClicks(purpose, "zc")
    assert form.value("purpose") == "policy"
    qtbot.wait(1100)
    qtbot.keyClicks(purpose, "jiuye")
    assert form.value("purpose") == "employment"
    # The same letter again moves on to the next choice with it, round to the first.
    qtbot.wait(1100)
    qtbot.keyClicks(purpose, "z")
    assert form.value("purpose") == "policy"  # 政策宣传, the next "z" after 就业情况跟踪
    qtbot.keyClicks(purpose, "z")
    assert form.value("purpose") == "student"  # 在读情况核实
    # Letters that fit nothing leave the choice alone.
    qtbot.wait(1100)
    qtbot.keyClicks(purpose, "q")
    assert form.value("purpose") == "other"  # 其他
    qtbot.keyClicks(purpose, "v")
    assert form.value("purpose") == "other"
    # Chinese committed by the input method.
    event = QInputMethodEvent()
    event.setCommitString("座谈")
    QApplication.sendEvent(mode, event)
    assert form.value("mode") == "meeting"
    # Each pick counts as the user's (the form reports an edit, as with the arrow keys).
    with qtbot.waitSignal(form.edited):
        qtbot.wait(1100)
        qtbot.keyClicks(purpose, "bz")
    assert form.value("purpose") == "subsidy"


def _hit_of(worker: DbWorker, qtbot: QtBot, kind: str) -> SearchHit:
    found: list[SearchHit] = []

    def job(db: Database) -> SearchHit:
        row = lists.fetch(db, kind, limit=1)[0]
        with db.read_connection() as conn:
            household_id = conn.execute(
                text("SELECT household_id FROM person WHERE id = :id"), {"id": row.person_id}
            ).scalar_one()
        return SearchHit(row.person_id or "", household_id, "", "", "", "", "", "", "", "", "")

    worker.submit(job, found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=10000)
    return found[0]


@pytest.mark.parametrize(
    ("kind", "purposes"), [("students", {"subsidy", "student"}), ("graduates", {"employment"})]
)
def test_the_visit_purpose_starts_from_the_person(
    qtbot: QtBot, worker: DbWorker, settings: QSettings, kind: str, purposes: set[str]
) -> None:
    hit = _hit_of(worker, qtbot, kind)
    dialog = VisitDialog(worker, settings, "测试员", household=hit)
    qtbot.addWidget(dialog)
    assert dialog.form.value("purpose") == "other"  # until the records have answered
    qtbot.waitUntil(lambda: dialog.form.value("purpose") in purposes, timeout=10000)


def test_a_purpose_the_cadre_chose_is_kept(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    hit = _hit_of(worker, qtbot, "graduates")
    dialog = VisitDialog(worker, settings, "测试员")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(_combo(dialog.form, "purpose"), "zc")  # 政策宣传, before the household is chosen
    with qtbot.waitSignal(worker.idle, timeout=10000):
        dialog.choose(replace(hit, name="毕业生"))
    assert dialog.form.value("purpose") == "policy"


def test_the_menus_show_the_shortcuts(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    window = _shown_window(qtbot, worker, settings)
    menu = window.pages_menu
    assert window.menuBar().actions()[0] is menu.menuAction()
    shown = {a.text(): a.shortcut().toString() for a in menu.actions() if not a.isSeparator()}
    assert shown["新增走访"] == "Ctrl+Shift+N"
    assert shown["搜索"] == QKeySequence(QKeySequence.StandardKey.Find).toString()
    assert shown["在读学生清单"] == "Ctrl+2"
    assert "Ctrl+Shift+N" in window.new_visit_action.toolTip()
    # The shortcut opens the visit dialog from the main window.
    _key(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, VisitDialog)
    dialog.reject()


def test_a_complete_visit_by_keyboard_alone_within_20_seconds(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    """新增走访 from the main window, find 张坤's household, a phone visit, notes typed with pinyin, save."""
    ui_settings.VISITOR_NAME.set(settings, "李明")  # remembered from the cadre's earlier visits
    window = _shown_window(qtbot, worker, settings)
    keys = 0

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        nonlocal keys
        _key(QApplication.activeModalWidget() or window, key, modifier)  # the window the cadre looks at
        keys += 1

    def letters(typed: str) -> None:
        for letter in typed:
            press(Qt.Key(ord(letter.upper())))

    def chinese(phrase: str) -> None:
        """Typed with a pinyin input method: the full pinyin and a space to commit (what it costs a typist)."""
        nonlocal keys
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        focus = dialog.focusWidget()
        assert isinstance(focus, QLineEdit) or hasattr(focus, "insertPlainText")
        focus.insertPlainText(phrase) if hasattr(focus, "insertPlainText") else focus.insert(phrase)  # type: ignore[union-attr]
        keys += len(choice_keys(phrase)[1]) + 1

    press(Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, VisitDialog)
    assert dialog.focusWidget() is dialog.household_search
    with qtbot.waitSignal(
        dialog.household_search.resultsShown, timeout=10000, check_params_cb=lambda t, _ms: t == "zk"
    ):
        letters("zk")
    names = [
        dialog.household_search.model.hit(r).name for r in range(dialog.household_search.model.rowCount())
    ]
    for _ in range(names.index("张坤")):
        press(Qt.Key.Key_Down)
    with qtbot.waitSignal(worker.idle, timeout=10000):  # the purpose is filled in from the records
        press(Qt.Key.Key_Return)
    assert dialog.hit is not None and dialog.hit.name == "张坤"
    assert dialog.focusWidget() is dialog.form.editors["visit_date"]  # today, as it is
    press(Qt.Key.Key_Tab)
    letters("dh")  # 走访方式: 电话
    press(Qt.Key.Key_Tab)  # 走访目的: as filled in
    press(Qt.Key.Key_Tab)
    chinese("补助已到账")  # 情况 (notes): one short phrase
    with qtbot.waitSignal(dialog.recorded, timeout=10000) as recorded:
        press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    visit = recorded.args[0]
    assert visit.mode == "phone" and visit.visit_date == date.today() and visit.visitor_name == "李明"
    assert visit.purpose == "policy"  # 张坤, 19, no schooling recorded; nobody in the household either
    assert visit.notes == "补助已到账" and visit.follow_up == "" and visit.follow_up_due is None
    seconds = keys / KEYS_PER_SECOND + READING_SECONDS
    print(f"\nkeyboard-only visit from the main window: {keys} keys, about {seconds:.0f} s")
    assert seconds <= 20, keys
