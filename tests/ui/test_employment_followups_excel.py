"""Excel import and export of follow-ups (稳岗回访 page), fair invitations (招聘会 page, 邀请名单 tab) and campaigns
with the people they reached (政策宣传 page) from the employment window (issue 16): every level imports them; a
county account exports ID numbers in full after a reason."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.services.employment_fixtures import TODAY
from tests.services.subsidy_fixtures import set_role
from tests.ui.employment_kit import role_page, run
from yulu_desktop.domain.entities import JobFair
from yulu_desktop.services import employment_excel_followups, employment_reference, placement
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment import reference_dialogs
from yulu_desktop.ui.employment.campaigns_page import CampaignsPage
from yulu_desktop.ui.employment.fairs_page import FairsPage
from yulu_desktop.ui.employment.follow_up_page import FollowUpPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def page_of(qtbot: QtBot, worker: DbWorker, cls: type, role: str) -> Any:
    return role_page(qtbot, worker, cls, role, (1400, 700))


def _export_full(qtbot: QtBot, worker: DbWorker, kind: str, path: Path) -> None:
    run(qtbot, worker, lambda db: set_role(db, "county"))
    run(
        qtbot,
        worker,
        lambda db: employment_excel_followups.export_follow_up_kind(
            db, kind, path, actor="王县", full=True, reason="发给村里补录"
        ),
    )


def _append(path: Path, values: dict[str, Any]) -> None:
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    sheet.append([values.get(str(h)) for h in headers])
    book.save(path)


def _edit(path: Path, name: str, header: str, value: Any) -> None:
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[headers.index("姓名")].value == name)
    row[headers.index(header)].value = value
    book.save(path)


def _id_number(qtbot: QtBot, worker: DbWorker, person_id: str) -> str:
    def read(db: Database) -> str:
        with db.read_connection() as conn:
            p = schema.person
            return str(conn.execute(select(p.c.id_number).where(p.c.id == person_id)).scalar_one())

    return str(run(qtbot, worker, read))


def test_a_village_imports_follow_ups_on_the_follow_up_page(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "稳岗回访.xlsx"
    _export_full(qtbot, eworker, "follow_up", path)
    sun = _id_number(qtbot, eworker, ids["sun"])
    _append(
        path,
        {
            "姓名": "孙磊",
            "身份证号": sun,
            "上岗日期": "2025-08-01",
            "回访月份": 1,
            "回访日期": "2025-09-01",
            "是否在岗": "是",
        },
    )
    page = page_of(qtbot, eworker, FollowUpPage, "village")
    assert sorted(r.month for r in page.rows if r.person_id == ids["sun"]) == [1, 3]
    assert page.excel.import_button.isVisible() and page.excel.export_button.isVisible()
    assert page.excel.import_button.text() == "Excel 导入…"
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.excel.import_from(path)
    box = page.excel.box
    assert box is not None and box.windowTitle() == "导入完成", page.message.text()
    assert "新增 1 条" in page.message.text()
    qtbot.waitUntil(
        lambda: sorted(r.month for r in page.rows if r.person_id == ids["sun"]) == [3], timeout=20000
    )
    done = run(qtbot, eworker, lambda db: placement.follow_ups(db, ids["sun"], today=TODAY))
    assert [(r.month, r.done_on) for r in done if r.done_on] == [(1, TODAY.replace(month=9, day=1))]


def test_a_bad_follow_up_sheet_is_refused_with_its_rows(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "稳岗回访.xlsx"
    _export_full(qtbot, eworker, "follow_up", path)
    _edit(path, "张坤", "回访方式", "托梦")
    page = page_of(qtbot, eworker, FollowUpPage, "village")
    monkeypatch.setattr(
        reference_dialogs.QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.excel.import_button.click()
    qtbot.waitUntil(lambda: page.excel.box is not None, timeout=5000)
    box = page.excel.box
    assert box is not None and box.windowTitle() == "导入失败"
    assert "没有导入任何一行" in page.message.text()
    issues = box.findChild(reference_dialogs.QPlainTextEdit, "importIssues")
    assert issues is not None and "第2行，回访方式（I列）：" in issues.toPlainText()


def test_a_village_imports_attendance_on_the_invitation_list(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "邀请名单.xlsx"
    _export_full(qtbot, eworker, "invitation", path)
    _edit(path, "王强", "是否到场", "到场")
    page = page_of(qtbot, eworker, FairsPage, "village")
    button = page.invitation_excel.import_button
    assert button.isVisible() and button.text() == "邀请名单 Excel 导入…"
    assert page.details.indexOf(button.parentWidget()) == 0  # on the 邀请名单 tab
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.invitation_excel.import_from(path)
    box = page.invitation_excel.box
    assert box is not None and box.windowTitle() == "导入完成", page.message.text()
    assert "更新 1 条" in page.message.text()
    qtbot.waitUntil(
        lambda: any(r.person_id == ids["wang"] and r.attended for r in page.invitations.rows), timeout=20000
    )


def test_invitations_are_exported_in_full_after_a_reason(
    qtbot: QtBot, eworker: DbWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(qtbot, eworker, FairsPage, "county")
    path = tmp_path / "邀请名单.xlsx"
    asked: list[str] = []
    monkeypatch.setattr(
        reference_dialogs.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    monkeypatch.setattr(
        reference_dialogs.QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[1]) or QMessageBox.StandardButton.Yes),
    )
    monkeypatch.setattr(reference_dialogs, "ask_reason", lambda *a, **k: "核对到场")
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.invitation_excel.export_button.click()
    qtbot.waitUntil(lambda: "已导出 3 条" in page.message.text(), timeout=5000)
    assert asked == ["导出邀请名单"]
    sheet = load_workbook(path).active
    assert sheet is not None
    numbers = [row[3] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert len(numbers) == 3 and not any("*" in str(n) for n in numbers)


def test_the_invitation_export_writes_the_selected_fairs_list(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path
) -> None:
    """The buttons sit on the selected fair's 邀请名单 tab: its export writes that fair's invitations only."""

    def second_fair(db: Database) -> str:
        set_role(db, "county")
        fair_id = employment_reference.save_fair(
            db,
            JobFair(unit_id="", name="庙坝镇春风行动招聘会", held_on=TODAY - timedelta(days=5)),
            actor="王县",
        )
        placement.invite(db, fair_id, [ids["zhou"]], actor="王县", today=TODAY)
        return fair_id

    other = run(qtbot, eworker, second_fair)
    page = page_of(qtbot, eworker, FairsPage, "village")

    def exported(name: str) -> list[str]:
        path = tmp_path / f"{name}.xlsx"
        with qtbot.waitSignal(eworker.done, timeout=20000):
            page.invitation_excel.export_to(path)
        sheet = load_workbook(path).active
        assert sheet is not None
        headers = [c.value for c in sheet[1]]
        return [str(r[headers.index("招聘会")]) for r in sheet.iter_rows(min_row=2, values_only=True)]

    for row in range(page.model.rowCount()):
        page.table.selectRow(row)
        qtbot.waitUntil(
            lambda: page.details_title.text().startswith(f"“{page.current_row().name}”"), timeout=20000
        )
        fair = page.current_row()
        names = exported(f"fair{row}")
        assert names == [fair.name] * (1 if fair.id == other else 3), names


def test_a_village_imports_the_people_a_campaign_reached(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "宣传对象.xlsx"
    _export_full(qtbot, eworker, "reach", path)
    chen = _id_number(qtbot, eworker, ids["chen"])
    _append(
        path, {"宣传日期": "2025-10-02", "主题": "雨露计划就业扶持政策", "姓名": "陈晨", "身份证号": chen}
    )
    page = page_of(qtbot, eworker, CampaignsPage, "village")
    assert page.excel.import_button.text() == "政策宣传 Excel 导入…"
    button = page.reach_excel.import_button
    assert button.isVisible() and button.text() == "宣传对象 Excel 导入…"
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: page.reached.count() == 2, timeout=20000)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.reach_excel.import_from(path)
    box = page.reach_excel.box
    assert box is not None and box.windowTitle() == "导入完成", page.message.text()
    assert "新增 1 条" in page.message.text()
    qtbot.waitUntil(lambda: page.reached.count() == 3, timeout=20000)
    reached = run(qtbot, eworker, lambda db: placement.reached(db, ids["campaign"]))
    assert ids["chen"] in [person_id for person_id, _name, _village in reached]
