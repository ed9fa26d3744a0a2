"""The employment pages offer 修改 and 删除 only on rows inside the laptop's jurisdiction (``domain.jurisdiction``):
a township laptop shows the county's fairs and positions, and a village laptop its township's campaigns, with both
actions disabled and the reason in their tooltip and, while such a row is selected, on the message line; rows of
the laptop's own unit (and below) keep them, and a laptop not enrolled keeps them everywhere. The service refuses
such a change anyway; the page spares the cadre the try.

A double click (or Enter) on a row outside the jurisdiction opens the row's dialog read only: every field shown,
none editable, the reason on top, only 关闭, and nothing written."""

from __future__ import annotations

from dataclasses import fields
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.excel.employment_sheet_kit import enroll
from tests.services.employment_fixtures import TODAY
from tests.ui.employment_kit import run, shown
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.domain.employment import json_list
from yulu_desktop.domain.entities import JobFair, JobPosition, PolicyCampaign
from yulu_desktop.services import employment_reference
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.campaigns_page import CampaignsPage
from yulu_desktop.ui.employment.fairs_page import FairsPage
from yulu_desktop.ui.employment.positions_page import PositionsPage
from yulu_desktop.ui.employment.reference_dialogs import ReferenceDialog, ReferencePage, split_list
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

OWN_FAIR = "庙坝镇返乡青年招聘会"
TOWNSHIP_CAMPAIGN = "庙坝镇毕业前就业政策宣讲"


def page_of(qtbot: QtBot, worker: DbWorker, cls: type[ReferencePage], role: Role) -> Any:
    """The page ``cls`` for a laptop of ``role``, shown and loaded."""
    return shown(qtbot, cls(worker, "测试员", Actor("干部", role, "u"), today=TODAY))


def select(page: ReferencePage, row_id: str) -> None:
    assert page.select(row_id), f"{row_id} not shown"
    assert page.current_row().id == row_id


def actions(page: ReferencePage) -> list[QPushButton]:
    return [page.edit_button, page.delete_button]


def assert_offered(page: ReferencePage) -> None:
    for button in actions(page):
        assert button.isVisible() and button.isEnabled(), button.text()
        assert button.toolTip() == ""


def assert_refused(page: ReferencePage, reason: str) -> None:
    for button in actions(page):
        assert button.isVisible() and not button.isEnabled(), button.text()
        assert reason in button.toolTip()


def opened(qtbot: QtBot, page: Any) -> ReferenceDialog:
    """The dialog the page opened (it reads the row on the worker first)."""
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=20000)
    dialog: ReferenceDialog = page.dialog
    return dialog


def double_click(qtbot: QtBot, page: Any) -> ReferenceDialog:
    page.dialog = None
    page.table.doubleClicked.emit(page.table.currentIndex())
    return opened(qtbot, page)


def press_enter(qtbot: QtBot, page: Any) -> ReferenceDialog:
    """Enter on the selected row (the table has the focus, as after a click)."""
    page.dialog = None
    page.activateWindow()
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    return opened(qtbot, page)


def shown_values(dialog: ReferenceDialog) -> dict[str, Any]:
    """What the dialog shows in each field, as the record holds it (lists as lists, checklists as sets)."""
    values: dict[str, Any] = dialog.form.values()
    for name in dialog.spec.lists:
        values[name] = split_list(values[name])
    for name, checklist in dialog.checklists.items():
        values[name] = set(checklist.checked())
    return values


def stored_values(dialog: ReferenceDialog, entity: Any) -> dict[str, Any]:
    """The record's values of the fields ``dialog`` shows, as ``shown_values`` gives them."""
    values = {name: getattr(entity, name) for name in dialog.form.editors}
    for name in dialog.spec.lists:
        values[name] = json_list(values[name])
    for name in dialog.checklists:
        values[name] = set(json_list(getattr(entity, name)))
    return values


def editable_fields(dialog: ReferenceDialog) -> list[str]:
    """The fields (and checklist entries) the user could change."""
    found = []
    for name, editor in dialog.form.editors.items():
        if isinstance(editor, (QLineEdit, QPlainTextEdit)):
            if not editor.isReadOnly():
                found.append(name)
        elif editor.isEnabled():
            found.append(name)
    for name, checklist in dialog.checklists.items():
        for number in range(checklist.list.count()):
            item = checklist.list.item(number)
            if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                found.append(f"{name}: {item.text()}")
    return found


def stored_fair(db: Database, fair_id: str) -> dict[str, Any]:
    """Every field of the stored fair (entities compare by identity)."""
    fair = employment_reference.load(db, JobFair, fair_id)
    return {f.name: getattr(fair, f.name) for f in fields(fair)}


def journal_size(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM change_journal").scalar_one())


def assert_read_only(qtbot: QtBot, dialog: ReferenceDialog, title: str, reason: str) -> None:
    """The dialog shows the row: its title, the reason on top, no field editable, only 关闭 and no 保存."""
    assert dialog.windowTitle() == title
    note = dialog.findChild(QLabel, "readOnlyReason")
    assert note is not None and note.isVisible()
    assert "本机只能查看" in note.text() and reason in note.text()
    assert note.geometry().bottom() <= dialog.form.geometry().top()
    assert editable_fields(dialog) == []
    before = shown_values(dialog)
    for editor in dialog.form.editors.values():  # typing into a field changes nothing
        QTest.keyClicks(editor, "9")
    assert shown_values(dialog) == before
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert [b.text() for b in dialog.buttons.buttons()] == ["关闭"]
    assert dialog.buttons.buttonRole(dialog.buttons.buttons()[0]) == QDialogButtonBox.ButtonRole.RejectRole
    assert "保存" not in [b.text() for b in dialog.findChildren(QPushButton)]


def assert_double_click_shows(qtbot: QtBot, page: ReferencePage, title: str, reason: str) -> None:
    """A double click on a refused row opens its dialog read only, the reason on top."""
    dialog = double_click(qtbot, page)
    assert_read_only(qtbot, dialog, title, reason)
    dialog.reject()


def assert_double_click_edits(qtbot: QtBot, page: ReferencePage, title: str) -> None:
    """A double click on a row the laptop may change opens its dialog to edit, with 保存 and no reason."""
    dialog = double_click(qtbot, page)
    assert dialog.windowTitle() == title
    assert dialog.findChild(QLabel, "readOnlyReason") is None
    assert editable_fields(dialog) == list(dialog.form.editors) + [
        f"{name}: {checklist.list.item(n).text()}"
        for name, checklist in dialog.checklists.items()
        for n in range(checklist.list.count())
    ]
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is not None
    dialog.reject()


def add_township_fair(db: Database, township_id: str) -> str:
    return employment_reference.save_fair(
        db,
        JobFair(
            unit_id=township_id, name=OWN_FAIR, held_on=TODAY - timedelta(days=3), place="庙坝镇文化广场"
        ),
        actor="测试",
    )


def add_township_campaign(db: Database, township_id: str) -> str:
    return employment_reference.save_campaign(
        db,
        PolicyCampaign(
            unit_id=township_id,
            moment="before_graduation",
            held_on=TODAY - timedelta(days=10),
            topic=TOWNSHIP_CAMPAIGN,
            place="庙坝镇政府",
            held_by="庙坝镇社会事务办",
        ),
        actor="测试",
        today=TODAY,
    )


def test_a_township_laptop_may_not_change_the_countys_fair_but_may_change_its_own(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    own = run(qtbot, eworker, lambda db: add_township_fair(db, ids["miaoba"]))
    page = page_of(qtbot, eworker, FairsPage, Role.TOWNSHIP)

    select(page, ids["fair"])  # 城口县's
    assert_refused(page, "属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改或删除")
    assert_double_click_shows(qtbot, page, "查看招聘会", "属于城口县")
    assert page.invite_button.isEnabled()  # inviting its own people to the county's fair stays open

    select(page, own)
    assert_offered(page)
    assert_double_click_edits(qtbot, page, "修改招聘会")

    select(page, ids["fair"])  # and back: the selection decides, not the first row shown
    assert_refused(page, "属于城口县")


def test_a_township_laptop_may_change_its_own_positions_only(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    page = page_of(qtbot, eworker, PositionsPage, Role.TOWNSHIP)

    select(page, ids["pos_ningbo"])  # 城口县's
    assert_refused(page, "属于城口县，不在本机的管辖范围（庙坝镇）内")
    assert page.match_button.isEnabled()  # viewing and matching stay possible
    select(page, ids["pos_closed"])  # 高观镇's: a township beside, not below
    assert_refused(page, "属于高观镇")

    select(page, ids["pos_nurse"])  # 庙坝镇's own
    assert_offered(page)
    assert_double_click_edits(qtbot, page, "修改岗位")


def test_a_village_laptop_may_not_change_its_townships_campaign(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    township = run(qtbot, eworker, lambda db: add_township_campaign(db, ids["miaoba"]))
    run(qtbot, eworker, lambda db: enroll(db, "village", ids["hongyan"], "红岩村干部"))
    page = page_of(qtbot, eworker, CampaignsPage, Role.VILLAGE)

    select(page, township)
    assert_refused(page, "属于庙坝镇，不在本机的管辖范围（红岩村）内")
    assert_double_click_shows(qtbot, page, "查看政策宣传", "属于庙坝镇")
    assert page.reach_button.isEnabled()

    select(page, ids["campaign"])  # 红岩村's own
    assert_offered(page)
    assert_double_click_edits(qtbot, page, "修改政策宣传")


def test_a_laptop_not_enrolled_is_refused_nothing(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    township = run(qtbot, eworker, lambda db: add_township_campaign(db, ids["miaoba"]))
    page = CampaignsPage(eworker, "测试员", Actor("测试员", Role.VILLAGE), today=TODAY)
    qtbot.addWidget(page)
    page.show()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    assert page.jurisdiction is not None and page.jurisdiction.unit_id is None
    for campaign in (township, ids["campaign"]):
        select(page, campaign)
        assert_offered(page)


def test_a_reload_after_enrollment_applies_the_new_jurisdiction(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    """The page reads the jurisdiction on every refresh (an enrollment or a pulled unit changes it)."""
    page = page_of(qtbot, eworker, FairsPage, Role.COUNTY)
    select(page, ids["fair"])
    assert_offered(page)
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    assert page.current_row().id == ids["fair"]
    assert_refused(page, "属于城口县")


def test_a_locked_fair_opens_read_only_with_all_its_values_and_closing_writes_nothing(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    page = page_of(qtbot, eworker, FairsPage, Role.TOWNSHIP)
    stored = run(qtbot, eworker, lambda db: stored_fair(db, ids["fair"]))
    journal = run(qtbot, eworker, journal_size)

    select(page, ids["fair"])  # 城口县's
    dialog = double_click(qtbot, page)
    assert shown_values(dialog) == stored_values(dialog, JobFair(**stored))
    editor = dialog.form.editors["name"]
    assert isinstance(editor, QLineEdit) and editor.text() == stored["name"] != ""
    assert dialog.checklists["school_ids"].checked() and dialog.checklists["enterprise_ids"].checked()
    assert_read_only(qtbot, dialog, "查看招聘会", "属于城口县，不在本机的管辖范围（庙坝镇）内")

    dialog.save()  # nothing offers it; were it called, it still writes nothing
    QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert run(qtbot, eworker, journal_size) == journal
    assert run(qtbot, eworker, lambda db: stored_fair(db, ids["fair"])) == stored


def test_enter_on_a_locked_position_opens_it_read_only(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    page = page_of(qtbot, eworker, PositionsPage, Role.TOWNSHIP)
    stored = run(qtbot, eworker, lambda db: employment_reference.load(db, JobPosition, ids["pos_cnc"]))
    journal = run(qtbot, eworker, journal_size)

    select(page, ids["pos_cnc"])  # 城口县's, under the agreement: every combo has a value
    dialog = press_enter(qtbot, page)
    assert shown_values(dialog) == stored_values(dialog, stored)
    assert stored.agreement_id is not None and stored.pay_min_fen
    assert_read_only(qtbot, dialog, "查看岗位", "属于城口县")
    dialog.reject()
    assert run(qtbot, eworker, journal_size) == journal

    select(page, ids["pos_nurse"])  # 庙坝镇's own: Enter edits it
    dialog = press_enter(qtbot, page)
    assert dialog.windowTitle() == "修改岗位"
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is not None
    dialog.reject()


def test_the_reason_is_on_the_message_line_while_a_locked_row_is_selected(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    own = run(qtbot, eworker, lambda db: add_township_fair(db, ids["miaoba"]))
    page = page_of(qtbot, eworker, FairsPage, Role.TOWNSHIP)
    reason = "属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改或删除；请由城口县修改"

    select(page, own)
    assert page.message.text() == ""
    select(page, ids["fair"])  # 城口县's: said without hovering or clicking
    assert page.message.text() == reason
    assert page.message.property("error") is True
    select(page, own)  # and taken away on a row the laptop may change
    assert page.message.text() == ""

    select(page, ids["fair"])
    page.say("已邀请 2 人")  # what a write on the county's fair (邀请) said stays through the reload after it
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()
    assert page.current_row().id == ids["fair"]
    assert page.message.text() == "已邀请 2 人"
    select(page, own)  # and is not taken away with a reason it did not replace
    assert page.message.text() == "已邀请 2 人"


def test_a_role_that_writes_nothing_on_the_page_is_not_told_why_on_every_row(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    """A village laptop changes no position at all (修改 and 删除 are hidden): no reason on the message line."""
    run(qtbot, eworker, lambda db: enroll(db, "village", ids["hongyan"], "红岩村干部"))
    page = page_of(qtbot, eworker, PositionsPage, Role.VILLAGE)
    select(page, ids["pos_ningbo"])
    assert page.refusal(page.current_row()) is not None
    assert page.message.text() == ""
