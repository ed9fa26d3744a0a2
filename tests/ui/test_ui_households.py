"""户籍登记 dialogs driven by pytest-qt: 登记新户, 添加成员/出生, 婚出/迁出, 死亡 with a new head, 分户, and the entry
points (数据 › 登记新户…, the 人 list's context menu)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QListWidget, QMenu, QWidget
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.services import households
from yulu_desktop.store.database import Database
from yulu_desktop.ui.household import actions
from yulu_desktop.ui.household.leave_dialog import LeaveDialog
from yulu_desktop.ui.household.member_dialog import MemberDialog
from yulu_desktop.ui.household.register_dialog import RegisterHouseholdDialog
from yulu_desktop.ui.household.split_dialog import SplitDialog
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

ZHANG_KUN_ID = "500229200703150012"  # added to the template by tests/ui/conftest.py
KNOWN_HOUSEHOLD_NO = "5002291990001"
NEW_HEAD_ID = make_id_number("149928", date(1975, 6, 7), 13)


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    """Run ``job`` on the worker and wait for it (not for another job a dialog started meanwhile)."""
    box: dict[str, Any] = {}
    with qtbot.waitSignal(worker.done, timeout=20000, check_params_cb=lambda op: op is box.get("op")) as done:
        box["op"] = worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def opened(qtbot: QtBot, opener: Any) -> QDialog:
    found: list[QDialog] = []
    opener(found.append)
    qtbot.waitUntil(lambda: bool(found), timeout=20000)
    dialog = found[0]
    qtbot.waitExposed(dialog)
    return dialog


def type_text(qtbot: QtBot, editor: QWidget, text: str) -> None:
    assert isinstance(editor, QLineEdit)
    editor.setFocus()
    editor.clear()
    for char in text:
        if char.isascii():
            qtbot.keyClicks(editor, char)
        else:
            editor.insert(char)


def save_and_wait(qtbot: QtBot, dialog: QDialog) -> Any:
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:  # type: ignore[attr-defined]
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    return saved.args[0]


def save_refused(qtbot: QtBot, worker: DbWorker, dialog: QDialog) -> None:
    with qtbot.waitSignal(worker.done, timeout=20000):
        qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=5000)  # type: ignore[attr-defined]
    assert dialog.isVisible()


def known(qtbot: QtBot, worker: DbWorker) -> dict[str, str]:
    def job(db: Database) -> dict[str, str]:
        with db.read_connection() as conn:
            row = conn.exec_driver_sql(
                "SELECT h.id, h.village_id, p.id FROM household h JOIN person p ON p.household_id = h.id "
                f"WHERE h.household_no = '{KNOWN_HOUSEHOLD_NO}' AND p.relationship = '01'"
            ).one()
            son = conn.exec_driver_sql(
                f"SELECT id FROM person WHERE id_number = '{ZHANG_KUN_ID}'"
            ).scalar_one()
        return {"household": row[0], "village": row[1], "head": row[2], "son": son}

    return dict(run(qtbot, worker, job))


def test_register_household_by_keyboard_and_refuse_a_bad_id(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    ids = known(qtbot, worker)
    dialog = opened(
        qtbot,
        lambda on_open: actions.open_register_household(parent, worker, "李书记", ids["village"], on_open),
    )
    assert isinstance(dialog, RegisterHouseholdDialog)
    number = dialog.form.editors["household_no"]
    assert isinstance(number, QLineEdit) and number.text() == "14992810120100001"  # village code + sequence
    type_text(qtbot, dialog.form.editors["name"], "王小明")
    type_text(
        qtbot, dialog.form.editors["id_number"], NEW_HEAD_ID[:-1] + ("0" if NEW_HEAD_ID[-1] != "0" else "1")
    )
    save_refused(qtbot, worker, dialog)
    assert "校验" in dialog.form.message("id_number")
    type_text(qtbot, dialog.form.editors["id_number"], NEW_HEAD_ID)
    assert dialog.derived.text() == "由身份证号读出：男 · 1975-06-07"
    household_id = save_and_wait(qtbot, dialog)
    members = run(qtbot, worker, lambda db: households.household_members(db, household_id))
    assert [(m.name, m.relationship) for m in members] == [("王小明", "01")]
    # The household's other members are next: 添加成员 opens by itself.
    qtbot.waitUntil(
        lambda: any(isinstance(w, MemberDialog) for w in parent.findChildren(MemberDialog)), timeout=20000
    )


def test_member_with_a_known_id_number_is_refused_naming_the_person(qtbot: QtBot, worker: DbWorker) -> None:
    ids = known(qtbot, worker)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = opened(
        qtbot,
        lambda on_open: actions.open_household_event(
            parent, worker, "李书记", ids["household"], "birth", on_open
        ),
    )
    assert isinstance(dialog, MemberDialog)
    type_text(qtbot, dialog.form.editors["name"], "张小宝")
    type_text(qtbot, dialog.form.editors["id_number"], ZHANG_KUN_ID)
    save_refused(qtbot, worker, dialog)
    assert "已登记为张坤" in dialog.form.message("id_number")
    type_text(qtbot, dialog.form.editors["id_number"], "")
    type_text(qtbot, dialog.form.editors["birth_date"], "2026-11-01")
    type_text(qtbot, dialog.form.editors["happened_on"], "2026-11-01")
    person_id = save_and_wait(qtbot, dialog)
    [line] = run(qtbot, worker, lambda db: households.history(db, person_id))
    assert (line.kind_label, line.happened_on) == ("出生", date(2026, 11, 1))


def test_death_of_the_head_needs_a_new_head(qtbot: QtBot, worker: DbWorker) -> None:
    ids = known(qtbot, worker)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = opened(
        qtbot,
        lambda on_open: actions.open_member_event(parent, worker, "李书记", ids["head"], "death", on_open),
    )
    assert isinstance(dialog, LeaveDialog)
    combo = dialog.form.editors["new_head"]
    assert isinstance(combo, QComboBox)
    assert combo.currentData() is None
    save_refused(qtbot, worker, dialog)
    assert "请从留在户内的成员中选定新户主" in dialog.form.message("new_head")
    combo.setCurrentIndex(combo.findData(ids["son"]))
    save_and_wait(qtbot, dialog)
    members = run(qtbot, worker, lambda db: households.household_members(db, ids["household"]))
    assert {m.name: (m.relationship, m.status) for m in members} == {
        "张大山": ("99", "deceased"),
        "张坤": ("01", "normal"),
    }


def test_move_out_to_a_household_of_another_village(qtbot: QtBot, worker: DbWorker) -> None:
    ids = known(qtbot, worker)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = opened(
        qtbot,
        lambda on_open: actions.open_member_event(parent, worker, "李书记", ids["son"], "move_out", on_open),
    )
    assert isinstance(dialog, LeaveDialog)
    assert dialog.village_combo is not None and dialog.household_combo is not None
    other = next(
        i for i in range(dialog.village_combo.count()) if dialog.village_combo.itemData(i) != ids["village"]
    )
    with qtbot.waitSignal(worker.done, timeout=20000):
        dialog.village_combo.setCurrentIndex(other)
    qtbot.waitUntil(lambda: dialog.household_combo is not None and dialog.household_combo.count() > 1)
    dialog.household_combo.setCurrentIndex(1)
    target = dialog.household_combo.currentData()
    assert not dialog.form.editors["to_place"].isEnabled()
    save_and_wait(qtbot, dialog)
    context = run(qtbot, worker, lambda db: households.member_context(db, ids["son"]))
    assert context.household_id == target
    assert run(qtbot, worker, lambda db: households.history(db, ids["son"]))[-1].kind == "move_out"


def test_split_by_keyboard(qtbot: QtBot, worker: DbWorker) -> None:
    ids = known(qtbot, worker)
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = opened(
        qtbot,
        lambda on_open: actions.open_household_event(
            parent, worker, "李书记", ids["household"], "split", on_open
        ),
    )
    assert isinstance(dialog, SplitDialog)
    members = dialog.member_list
    assert isinstance(members, QListWidget)
    save_refused(qtbot, worker, dialog)
    assert "请至少选择一名分出的成员" in dialog.message.text()
    members.setFocus()
    son_row = next(
        r for r in range(members.count()) if members.item(r).data(Qt.ItemDataRole.UserRole) == ids["son"]
    )
    members.setCurrentRow(son_row)
    qtbot.keyClick(members, Qt.Key.Key_Space)
    assert dialog.chosen_ids() == [ids["son"]]
    assert dialog.head_combo.currentData() == ids["son"]
    new_id = save_and_wait(qtbot, dialog)
    context = run(qtbot, worker, lambda db: households.member_context(db, ids["son"]))
    assert (context.household_id, context.person.relationship) == (new_id, "01")


def test_entry_points_in_the_main_window(qtbot: QtBot, worker: DbWorker, settings: QSettings) -> None:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    assert window.register_household_action.shortcut().toString() == "Ctrl+Shift+H"
    data_menu = window.findChild(QMenu, "dataMenu")
    assert isinstance(data_menu, QMenu) and window.register_household_action in data_menu.actions()
    page = window.pages["people"]
    window.show_page("people")
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=20000)
    page.table.setCurrentIndex(page.model.index(0, 0))
    menu = page.household_menu_for(page.model.index(0, 0))
    names = [a.text() for a in menu.actions() if a.text()]
    assert names[:6] == ["添加成员…", "出生…", "婚入…", "迁入…", "分户…", "整户迁出…"]
    assert {"婚出…", "迁出…", "死亡…", "注销…"} <= set(names)
    menu.close()


def test_history_view_follows_the_events(qtbot: QtBot, worker: DbWorker) -> None:
    from yulu_desktop.ui.household.history import HistoryView

    ids = known(qtbot, worker)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        view = HistoryView(worker, ids["son"])
    qtbot.addWidget(view)
    assert view.texts() == [] and not view.empty.isHidden()
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = opened(
        qtbot,
        lambda on_open: actions.open_member_event(parent, worker, "李书记", ids["son"], "marry_out", on_open),
    )
    assert isinstance(dialog, LeaveDialog)
    type_text(qtbot, dialog.form.editors["to_place"], "巫溪县某村")
    with qtbot.waitSignal(view.loaded, timeout=20000):
        save_and_wait(qtbot, dialog)
    [text] = view.texts()
    assert text.endswith("婚出  三岔村 5002291990001户 → 巫溪县某村")
