"""A laptop whose role writes nothing on a page (a village laptop on 岗位 and 招聘会, a township laptop on 学校:
新增, 修改 and 删除 are hidden) still opens a row with a double click or Enter: read only, every stored value
shown, the reason on top in the role's words (本机（村级）只能查看岗位，岗位由乡镇或县里录入和修改。), only 关闭,
and nothing written. A laptop that may change a row still edits it."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QLabel, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from tests.excel.employment_sheet_kit import enroll
from tests.ui.employment_kit import run
from tests.ui.test_employment_jurisdiction_ui import (
    double_click,
    editable_fields,
    journal_size,
    page_of,
    press_enter,
    select,
    shown_values,
    stored_fair,
    stored_values,
)
from yulu_desktop.domain.access import Role
from yulu_desktop.domain.entities import JobFair, JobPosition, School
from yulu_desktop.services import employment_reference
from yulu_desktop.ui.employment.fairs_page import FairsPage
from yulu_desktop.ui.employment.positions_page import PositionsPage
from yulu_desktop.ui.employment.reference_dialogs import ReferenceDialog
from yulu_desktop.ui.employment.schools_page import SchoolsPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

VILLAGE_POSITIONS = "本机（村级）只能查看岗位，岗位由乡镇或县里录入和修改。"
VILLAGE_FAIRS = "本机（村级）只能查看招聘会，招聘会由乡镇或县里录入和修改。"
TOWNSHIP_SCHOOLS = "本机（乡镇级）只能查看学校，学校由县里录入和修改。"


def assert_shown_read_only(dialog: ReferenceDialog, title: str, reason: str) -> None:
    """The row shown, not offered for editing: its title, ``reason`` alone on top, nothing editable (typing
    changes nothing), only 关闭."""
    assert dialog.windowTitle() == title
    note = dialog.findChild(QLabel, "readOnlyReason")
    assert note is not None and note.isVisible()
    assert note.text() == reason
    assert note.geometry().bottom() <= dialog.form.geometry().top()
    assert editable_fields(dialog) == []
    before = shown_values(dialog)
    for editor in dialog.form.editors.values():
        QTest.keyClicks(editor, "9")
    assert shown_values(dialog) == before
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is None
    assert [b.text() for b in dialog.buttons.buttons()] == ["关闭"]
    assert "保存" not in [b.text() for b in dialog.findChildren(QPushButton)]


def every_field(entity: Any) -> dict[str, Any]:
    return {f.name: getattr(entity, f.name) for f in fields(entity)}


def close(dialog: ReferenceDialog) -> None:
    QTest.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()


def village_page(qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], cls: type) -> Any:
    run(qtbot, eworker, lambda db: enroll(db, "village", ids["hongyan"], "红岩村干部"))
    page = page_of(qtbot, eworker, cls, Role.VILLAGE)
    for button in (page.add_button, page.edit_button, page.delete_button):
        assert not button.isVisible()
    return page


def test_a_village_laptop_opens_a_position_read_only_by_double_click_and_enter(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    page = village_page(qtbot, eworker, ids, PositionsPage)
    stored = run(qtbot, eworker, lambda db: employment_reference.load(db, JobPosition, ids["pos_cnc"]))
    journal = run(qtbot, eworker, journal_size)
    assert stored.agreement_id is not None and stored.pay_min_fen and stored.majors != "[]"

    select(page, ids["pos_cnc"])
    for open_row in (double_click, press_enter):
        dialog = open_row(qtbot, page)
        assert shown_values(dialog) == stored_values(dialog, stored)
        assert_shown_read_only(dialog, "查看岗位", VILLAGE_POSITIONS)
        dialog.save()  # nothing offers it; were it called, it still writes nothing
        close(dialog)
    assert run(qtbot, eworker, journal_size) == journal
    again = run(qtbot, eworker, lambda db: employment_reference.load(db, JobPosition, ids["pos_cnc"]))
    assert every_field(again) == every_field(stored)  # entities compare by identity
    assert page.message.text() == ""


def test_a_village_laptop_opens_a_fair_read_only_with_its_schools_and_enterprises(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    page = village_page(qtbot, eworker, ids, FairsPage)
    stored = run(qtbot, eworker, lambda db: stored_fair(db, ids["fair"]))
    journal = run(qtbot, eworker, journal_size)

    select(page, ids["fair"])
    for open_row in (double_click, press_enter):
        dialog = open_row(qtbot, page)
        assert shown_values(dialog) == stored_values(dialog, JobFair(**stored))
        editor = dialog.form.editors["name"]
        assert isinstance(editor, QLineEdit) and editor.text() == stored["name"] != ""
        assert dialog.checklists["school_ids"].checked() and dialog.checklists["enterprise_ids"].checked()
        assert_shown_read_only(dialog, "查看招聘会", VILLAGE_FAIRS)
        close(dialog)
    assert run(qtbot, eworker, journal_size) == journal
    assert run(qtbot, eworker, lambda db: stored_fair(db, ids["fair"])) == stored


def test_a_township_laptop_reads_the_countys_schools_and_still_edits_its_own_positions(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    """Schools are the county's alone: a township laptop is told so in its own level's words; on 岗位, which it
    writes, its own position still opens for editing and the county's with the jurisdiction's reason."""
    run(qtbot, eworker, lambda db: enroll(db, "township", ids["miaoba"], "李乡"))
    schools = page_of(qtbot, eworker, SchoolsPage, Role.TOWNSHIP)
    stored = run(qtbot, eworker, lambda db: employment_reference.load(db, School, ids["school_sanxia"]))
    journal = run(qtbot, eworker, journal_size)

    select(schools, ids["school_sanxia"])
    dialog = press_enter(qtbot, schools)
    assert shown_values(dialog) == stored_values(dialog, stored)
    assert_shown_read_only(dialog, "查看学校", TOWNSHIP_SCHOOLS)
    close(dialog)
    assert run(qtbot, eworker, journal_size) == journal

    positions = page_of(qtbot, eworker, PositionsPage, Role.TOWNSHIP)
    select(positions, ids["pos_nurse"])  # 庙坝镇's own
    for open_row in (double_click, press_enter):
        dialog = open_row(qtbot, positions)
        assert dialog.windowTitle() == "修改岗位"
        assert dialog.findChild(QLabel, "readOnlyReason") is None
        assert dialog.buttons.button(QDialogButtonBox.StandardButton.Save) is not None
        assert "title" in editable_fields(dialog)
        dialog.reject()

    select(positions, ids["pos_ningbo"])  # 城口县's: the jurisdiction's reason, as before
    dialog = double_click(qtbot, positions)
    reason = dialog.findChild(QLabel, "readOnlyReason")
    assert reason is not None
    assert reason.text() == (
        "本机只能查看这条记录：属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改或删除；请由城口县修改"
    )
    dialog.reject()


def test_the_reason_names_the_rows_as_a_plural_in_english(
    qtbot: QtBot, qapp: Any, eworker: DbWorker, ids: dict[str, str]
) -> None:
    """岗位 is "Position" as a label and "job positions" inside the sentence (a disambiguated translation):
    the English read "may only view Position here"."""
    from PySide6.QtCore import QLocale

    from yulu_desktop.ui import i18n

    translators = i18n.install_translators(qapp, "en")
    try:
        positions = village_page(qtbot, eworker, ids, PositionsPage)
        assert "may only view job positions here" in positions.role_refusal()
        fairs = village_page(qtbot, eworker, ids, FairsPage)
        assert "may only view job fairs here" in fairs.role_refusal()
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
