"""The employment pages offer 修改 and 删除 only on rows inside the laptop's jurisdiction (``domain.jurisdiction``):
a township laptop shows the county's fairs and positions, and a village laptop its township's campaigns, with both
actions disabled and the reason in their tooltip and, while such a row is selected, on the message line; rows of
the laptop's own unit (and below) keep them, and a laptop not enrolled keeps them everywhere. The service refuses
such a change anyway; the page spares the cadre the try."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.excel.employment_sheet_kit import enroll
from tests.services.employment_fixtures import TODAY
from tests.ui.employment_kit import run, shown
from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.domain.entities import JobFair, PolicyCampaign
from yulu_desktop.services import employment_reference
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.campaigns_page import CampaignsPage
from yulu_desktop.ui.employment.fairs_page import FairsPage
from yulu_desktop.ui.employment.positions_page import PositionsPage
from yulu_desktop.ui.employment.reference_dialogs import ReferencePage
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


def assert_double_click_says(qtbot: QtBot, page: ReferencePage, reason: str) -> None:
    """A double click (修改's other way in) opens no dialog on a refused row and says why on the message line."""
    page.dialog = None
    page.table.doubleClicked.emit(page.table.currentIndex())
    assert reason in page.message.text()
    run(qtbot, page.worker, lambda db: None)  # after whatever the double click queued (an edit reads first)
    assert page.dialog is None


def assert_double_click_edits(qtbot: QtBot, page: ReferencePage) -> None:
    page.dialog = None
    page.table.doubleClicked.emit(page.table.currentIndex())
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=20000)
    page.dialog.reject()


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
    assert_double_click_says(qtbot, page, "属于城口县")
    assert page.invite_button.isEnabled()  # inviting its own people to the county's fair stays open

    select(page, own)
    assert_offered(page)
    assert_double_click_edits(qtbot, page)

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
    assert_double_click_edits(qtbot, page)


def test_a_village_laptop_may_not_change_its_townships_campaign(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    township = run(qtbot, eworker, lambda db: add_township_campaign(db, ids["miaoba"]))
    run(qtbot, eworker, lambda db: enroll(db, "village", ids["hongyan"], "红岩村干部"))
    page = page_of(qtbot, eworker, CampaignsPage, Role.VILLAGE)

    select(page, township)
    assert_refused(page, "属于庙坝镇，不在本机的管辖范围（红岩村）内")
    assert_double_click_says(qtbot, page, "属于庙坝镇")
    assert page.reach_button.isEnabled()

    select(page, ids["campaign"])  # 红岩村's own
    assert_offered(page)


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
