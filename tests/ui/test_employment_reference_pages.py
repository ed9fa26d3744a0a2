"""The employment window's reference pages (issue 16): 学校, 企业, 合作协议, 岗位, 招聘会, 政策宣传 — rows loaded,
add/edit/delete with the service's refusals shown next to the fields, read-only roles, enterprise duplicates,
Excel import errors, a fair's invitations and attendance, a campaign's people reached."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import CREDIT_CODES, TODAY
from tests.ui.employment_kit import role_page, run
from yulu_desktop.domain.entities import Enterprise, JobPosition
from yulu_desktop.services import placement, records
from yulu_desktop.store.database import Database
from yulu_desktop.ui import i18n
from yulu_desktop.ui.employment.agreements_page import AgreementsPage
from yulu_desktop.ui.employment.campaigns_page import CampaignsPage
from yulu_desktop.ui.employment.enterprises_page import EnterprisesPage
from yulu_desktop.ui.employment.fairs_page import FairsPage
from yulu_desktop.ui.employment.page import TablePage
from yulu_desktop.ui.employment.positions_page import PositionsPage
from yulu_desktop.ui.employment.reference_dialogs import ReferenceDialog, split_list
from yulu_desktop.ui.employment.schools_page import SchoolsPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def page_of(qtbot: QtBot, worker: DbWorker, cls: type[TablePage], role: str | None) -> Any:
    """The page ``cls`` for a laptop of ``role`` (None: not enrolled, a village), loaded."""
    return role_page(qtbot, worker, cls, role)


def reload(qtbot: QtBot, page: TablePage) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()


def texts(page: TablePage, column: int = 0) -> list[str]:
    return sorted(page.model.index(n, column).data() for n in range(page.model.rowCount()))


def dialog_of(qtbot: QtBot, page: Any, action: Any) -> ReferenceDialog:
    page.dialog = None
    action()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=20000)
    dialog: ReferenceDialog = page.dialog
    return dialog


def save(qtbot: QtBot, page: Any, dialog: ReferenceDialog, *, ok: bool) -> None:
    """Press 保存; ``ok``: the dialog closes and the page reloads, else it stays open with issues shown."""
    if ok:
        with qtbot.waitSignal(page.loaded, timeout=20000, raising=False) as loaded:
            dialog.save()
        assert not dialog.isVisible(), dialog.issues_shown()
        assert loaded.signal_triggered
    else:
        with qtbot.waitSignal(page.worker.done, timeout=20000):
            dialog.save()
        qtbot.waitUntil(lambda: dialog.buttons.isEnabled(), timeout=5000)
        assert dialog.isVisible() and dialog.issues_shown()


def select(page: TablePage, name: str, column: int = 0) -> Any:
    for n in range(page.proxy.rowCount()):
        if page.proxy.index(n, column).data() == name:
            page.table.selectRow(n)
            return page.current_row()
    raise AssertionError(f"{name} not shown")


def line(dialog: ReferenceDialog, name: str) -> QLineEdit:
    editor = dialog.form.editors[name]
    assert isinstance(editor, QLineEdit)
    return editor


def test_split_list() -> None:
    assert split_list("数控技术应用、护理，护理; 电子商务  ") == ["数控技术应用", "护理", "电子商务"]
    assert split_list("") == []


# --- schools --------------------------------------------------------------------------------------------------


def test_schools_load_pass_the_model_tester_and_filter(
    qtbot: QtBot, eworker: DbWorker, qtmodeltester: Any
) -> None:
    page = page_of(qtbot, eworker, SchoolsPage, "county")
    assert texts(page) == ["城口县职业教育中心", "重庆三峡职业学院"]
    qtmodeltester.check(page.model)
    assert page.add_button.isVisible() and page.excel.import_button.isVisible()
    page.filter.setText("三峡")
    assert page.proxy.rowCount() == 1 and page.proxy.index(0, 0).data() == "重庆三峡职业学院"
    assert "2" in page.count_label.text()


def test_add_a_school_shows_the_service_refusal_next_to_the_field(qtbot: QtBot, eworker: DbWorker) -> None:
    page = page_of(qtbot, eworker, SchoolsPage, "county")
    dialog = dialog_of(qtbot, page, page.add_button.click)
    assert dialog.windowTitle() == "新增学校"
    save(qtbot, page, dialog, ok=False)  # no name
    assert "name" in dialog.issues_shown()
    line(dialog, "name").setText("重庆三峡职业学院")  # already stored
    save(qtbot, page, dialog, ok=False)
    assert dialog.issues_shown()
    line(dialog, "name").setText("重庆工程职业技术学院")
    line(dialog, "majors").setText("建筑工程技术、工程造价")
    save(qtbot, page, dialog, ok=True)
    assert "重庆工程职业技术学院" in texts(page)
    assert page.message.text() == "已保存"
    row = select(page, "重庆工程职业技术学院")
    assert row.majors == ("建筑工程技术", "工程造价")


def test_edit_and_delete_a_school(qtbot: QtBot, eworker: DbWorker, monkeypatch: pytest.MonkeyPatch) -> None:
    page = page_of(qtbot, eworker, SchoolsPage, "county")
    select(page, "城口县职业教育中心")
    dialog = dialog_of(qtbot, page, page.edit_button.click)
    assert dialog.windowTitle() == "修改学校" and line(dialog, "name").text() == "城口县职业教育中心"
    line(dialog, "place").setText("城口县葛城街道")
    save(qtbot, page, dialog, ok=True)
    assert select(page, "城口县职业教育中心").place == "城口县葛城街道"
    assert len(texts(page)) == 2  # updated, not added

    monkeypatch.setattr(QMessageBox, "question", lambda *_a, **_k: QMessageBox.StandardButton.Yes)
    select(page, "重庆三峡职业学院")  # the agreement and the fair name it
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.delete_button.click()
    qtbot.waitUntil(lambda: page.message.property("error") is True, timeout=5000)
    assert "不能删除" in page.message.text()
    assert "重庆三峡职业学院" in texts(page)


def test_a_village_laptop_cannot_write_schools(qtbot: QtBot, eworker: DbWorker) -> None:
    page = page_of(qtbot, eworker, SchoolsPage, None)
    assert not page.add_button.isVisible() and not page.edit_button.isVisible()
    assert not page.delete_button.isVisible() and not page.excel.import_button.isVisible()
    assert page.excel.export_button.isVisible()


# --- enterprises ----------------------------------------------------------------------------------------------


def test_enterprises_warn_about_duplicates(qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]) -> None:
    page = page_of(qtbot, eworker, EnterprisesPage, "county")
    assert len(texts(page)) == 3 and page.duplicates.isHidden()
    row = select(page, "城口县宏达机械有限公司")
    assert row.credit_code == CREDIT_CODES["hongda"]

    def synced_twin(db: Database) -> None:  # another laptop entered it too (came in by sync)
        with records.writing(db, "同步") as session:
            session.add(
                Enterprise(
                    county_id=ids["county"],
                    name="城口宏达机械有限公司",
                    credit_code=CREDIT_CODES["hongda"],
                    industry="manufacturing",
                    region="county",
                )
            )

    run(qtbot, eworker, synced_twin)
    reload(qtbot, page)
    assert not page.duplicates.isHidden()
    assert (
        "城口县宏达机械有限公司" in page.duplicates.text()
        and "城口宏达机械有限公司" in page.duplicates.text()
    )


def test_an_enterprise_with_a_bad_credit_code_is_refused(qtbot: QtBot, eworker: DbWorker) -> None:
    page = page_of(qtbot, eworker, EnterprisesPage, "county")
    dialog = dialog_of(qtbot, page, page.add_button.click)
    line(dialog, "name").setText("城口县山珍食品有限公司")
    line(dialog, "credit_code").setText("91500229MA5U3K8X10")
    save(qtbot, page, dialog, ok=False)
    assert "credit_code" in dialog.issues_shown()
    line(dialog, "credit_code").setText("")
    save(qtbot, page, dialog, ok=True)
    assert "城口县山珍食品有限公司" in texts(page)


# --- agreements -----------------------------------------------------------------------------------------------


def test_agreements_list_and_a_new_one_with_enterprises(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], qtmodeltester: Any
) -> None:
    page = page_of(qtbot, eworker, AgreementsPage, "county")
    assert texts(page) == ["数控技术应用订单培养协议"]
    qtmodeltester.check(page.model)
    row = select(page, "数控技术应用订单培养协议")
    assert row.school_name == "重庆三峡职业学院"
    dialog = dialog_of(qtbot, page, page.add_button.click)
    line(dialog, "title").setText("护理专业校企合作协议")
    checklist = dialog.checklists["enterprise_ids"]
    checklist.set_checked([ids["kangning"]])
    assert checklist.checked() == [ids["kangning"]]
    line(dialog, "places_per_year").setText("十")
    dialog.save()  # not a number: refused in the form, nothing sent
    assert "places_per_year" in dialog.issues_shown()
    line(dialog, "places_per_year").setText("10")
    save(qtbot, page, dialog, ok=False)  # a tripartite agreement names its school
    assert "school_id" in dialog.issues_shown()
    dialog.form.set_values({"school_id": ids["school_sanxia"]})
    save(qtbot, page, dialog, ok=True)
    new = select(page, "护理专业校企合作协议")
    assert new.enterprise_names == ("万州康宁医院",) and new.places_per_year == 10


# --- positions ------------------------------------------------------------------------------------------------


def test_positions_open_only_and_read_only_for_a_village(qtbot: QtBot, eworker: DbWorker) -> None:
    page = page_of(qtbot, eworker, PositionsPage, None)
    assert len(texts(page)) == 4
    assert not page.add_button.isVisible() and page.match_button.isVisible()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.open_only_box.setChecked(True)
    assert "仓库管理员" not in texts(page) and len(texts(page)) == 3


def test_a_filled_position_shows_as_filled_and_leaves_the_open_list(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    def fill_the_nurse_position(db: Database) -> None:
        with db.write() as session:
            position = session.get(JobPosition, ids["pos_nurse"])
            assert position is not None
            position.openings = 1
        placement.record_outcome(db, ids["ref_li"], "hired", actor="测试员", start_on=TODAY, today=TODAY)

    run(qtbot, eworker, fill_the_nurse_position)
    page = page_of(qtbot, eworker, PositionsPage, None)
    model = page.model
    nurse = next(n for n in range(model.rowCount()) if model.index(n, 0).data() == "护理员")
    assert model.headerData(10, Qt.Orientation.Horizontal) == "状态"
    assert model.index(nurse, 10).data() == "已招满"
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.open_only_box.setChecked(True)
    assert "护理员" not in texts(page)


def test_the_positions_page_in_english(qtbot: QtBot, qapp: QApplication, eworker: DbWorker) -> None:
    translators = i18n.install_translators(qapp, "en")
    try:
        page = page_of(qtbot, eworker, PositionsPage, None)
        model = page.model
        assert model.headerData(0, Qt.Orientation.Horizontal) == "Position"
        assert model.headerData(10, Qt.Orientation.Horizontal) == "State"
        assert {model.index(n, 10).data() for n in range(model.rowCount())} == {"Open", "Closed"}
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))


def test_a_township_adds_a_position_and_bad_pay_is_refused(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    page = page_of(qtbot, eworker, PositionsPage, "township")
    assert page.add_button.isVisible()
    dialog = dialog_of(qtbot, page, page.add_button.click)
    line(dialog, "title").setText("质检员")
    line(dialog, "pay_min_fen").setText("三千")
    dialog.save()
    assert "pay_min_fen" in dialog.issues_shown()
    line(dialog, "pay_min_fen").setText("5000")
    line(dialog, "pay_max_fen").setText("3000")
    save(qtbot, page, dialog, ok=False)
    line(dialog, "pay_max_fen").setText("6000")
    save(qtbot, page, dialog, ok=True)
    row = select(page, "质检员")
    assert row.pay_min_fen == 500000 and row.pay_max_fen == 600000 and row.is_open


def test_match_graduates_opens_the_match_dialog(
    qtbot: QtBot, eworker: DbWorker, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(qtbot, eworker, PositionsPage, None)
    page.match_current()
    assert page.message.property("error") is True  # nothing selected
    select(page, "护理员")
    opened: list[tuple[Any, ...]] = []

    class FakeDialog:
        def __init__(self, *args: Any) -> None:
            opened.append(args)

        def show(self) -> None:
            opened.append(("shown",))

    import types

    fake = types.ModuleType("yulu_desktop.ui.employment.match_dialog")
    fake.GraduatesForPositionDialog = FakeDialog  # type: ignore[attr-defined]
    monkeypatch.setitem(__import__("sys").modules, "yulu_desktop.ui.employment.match_dialog", fake)
    page.match_current()
    assert opened[0][:2] == (eworker, "测试员") and opened[0][3] is page and opened[-1] == ("shown",)


# --- fairs ----------------------------------------------------------------------------------------------------


def test_a_fair_shows_invitations_and_referrals_and_marks_attendance(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], qtmodeltester: Any
) -> None:
    page = page_of(qtbot, eworker, FairsPage, None)  # a village invites and marks attendance too
    assert not page.add_button.isVisible() and page.invite_button.isVisible()
    qtbot.waitUntil(lambda: page.invitations.rowCount() == 3, timeout=20000)
    qtmodeltester.check(page.invitations)
    names = sorted(r.person_name for r in page.invitations.rows)
    assert names == sorted(["张坤", "李娜", "王强"])
    assert [r.person_name for r in page.referrals.rows if r.fair_id == ids["fair"]] != []
    wang = page.invitations.find(next(r.id for r in page.invitations.rows if r.person_name == "王强"))
    assert wang is not None
    page.invitations_view.selectRow(wang)
    with qtbot.waitSignal(page.changed, timeout=20000):
        page.attended_button.click()
    invitations = run(qtbot, eworker, lambda db: placement.invitations(db, fair_id=ids["fair"]))
    assert next(i for i in invitations if i.person_name == "王强").attended is True


def test_invite_graduates_to_a_fair(qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]) -> None:
    """The picker offers the graduates without a job and the final-year students, not those employed."""
    page = page_of(qtbot, eworker, FairsPage, "township")
    qtbot.waitUntil(lambda: page.invitations.rowCount() == 3, timeout=20000)
    page.choose_invited()
    picker = page.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.list.count() > 0, timeout=20000)
    offered = [picker.list.item(n).text() for n in range(picker.list.count())]
    assert any(text.startswith("周杰") and text.endswith("毕业班") for text in offered)  # final-year
    assert not any(text.startswith("张坤") for text in offered)  # employed
    assert picker.check(ids["zhao"]) and picker.check(ids["li"])  # li was invited already: skipped
    with qtbot.waitSignal(page.changed, timeout=20000):
        picker.buttons.accepted.emit()
    assert "已邀请 1 人" in page.message.text() and "1 人此前已邀请" in page.message.text()
    qtbot.waitUntil(lambda: page.invitations.rowCount() == 4, timeout=20000)


def test_a_township_adds_a_fair_with_schools(qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]) -> None:
    page = page_of(qtbot, eworker, FairsPage, "township")
    dialog = dialog_of(qtbot, page, page.add_button.click)
    save(qtbot, page, dialog, ok=False)  # no name
    assert "name" in dialog.issues_shown()
    line(dialog, "name").setText("庙坝镇春季招聘会")
    dialog.checklists["school_ids"].set_checked([ids["school_vocational"]])
    save(qtbot, page, dialog, ok=True)
    assert select(page, "庙坝镇春季招聘会").school_names == ("城口县职业教育中心",)


# --- campaigns ------------------------------------------------------------------------------------------------


def test_a_village_records_a_campaign_and_who_it_reached(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    page = page_of(qtbot, eworker, CampaignsPage, None)
    assert page.add_button.isVisible()
    row = select(page, page.model.index(0, 0).data())
    qtbot.waitUntil(lambda: page.reached.count() == 2, timeout=20000)
    assert row.reached == 2
    page.choose_reached()
    picker = page.picker
    assert picker is not None
    qtbot.waitUntil(lambda: picker.list.count() > 0 and picker.check(ids["sun"]), timeout=20000)
    with qtbot.waitSignal(page.changed, timeout=20000):
        picker.buttons.accepted.emit()
    qtbot.waitUntil(lambda: page.reached.count() == 3, timeout=20000)

    dialog = dialog_of(qtbot, page, page.add_button.click)
    line(dialog, "topic").setText("雨露计划招聘前政策宣讲")
    save(qtbot, page, dialog, ok=True)
    assert page.model.rowCount() == 2


# --- Excel ----------------------------------------------------------------------------------------------------


def test_schools_export_import_and_row_errors(qtbot: QtBot, eworker: DbWorker, tmp_path: Path) -> None:
    import openpyxl

    page = page_of(qtbot, eworker, SchoolsPage, "county")
    path = tmp_path / "学校.xlsx"
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.excel.export_to(path)
    qtbot.waitUntil(lambda: "已导出 2 条" in page.message.text(), timeout=5000)

    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.excel.import_from(path)  # the same file again: nothing changes
    box = page.excel.box
    assert box is not None and box.isVisible() and box.windowTitle() == "导入完成"
    assert "未变 2 条" in page.message.text()
    box.close()

    workbook = openpyxl.load_workbook(path)
    sheet = workbook.active
    assert sheet is not None
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == "重庆三峡职业学院")
    cell.value = None
    workbook.save(path)
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.excel.import_from(path)
    qtbot.waitUntil(lambda: page.excel.box is not box, timeout=5000)
    failed = page.excel.box
    assert failed is not None and failed.windowTitle() == "导入失败"
    assert page.message.property("error") is True and "没有导入任何一行" in page.message.text()
    from PySide6.QtWidgets import QPlainTextEdit

    details = failed.findChild(QPlainTextEdit, "importIssues")
    assert details is not None and f"第{cell.row}行" in details.toPlainText()
