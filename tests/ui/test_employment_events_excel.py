"""Excel import and export of job fairs, agreements and referrals from the employment window (issue 16): the
合作协议 page (county) and the 招聘会 page (fairs for a township or the county, referrals for every level)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.services.subsidy_fixtures import set_role
from tests.ui.employment_kit import role_page, run
from yulu_desktop.domain.entities import EmploymentAgreement
from yulu_desktop.services import employment_excel_events, employment_reference, placement
from yulu_desktop.ui.employment import reference_dialogs
from yulu_desktop.ui.employment.agreements_page import AgreementsPage
from yulu_desktop.ui.employment.fairs_page import FairsPage
from yulu_desktop.ui.employment.page import TablePage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def page_of(qtbot: QtBot, worker: DbWorker, cls: type[TablePage], role: str | None) -> Any:
    return role_page(qtbot, worker, cls, role, (1400, 700))


def _edit(path: Path, first: str, header: str, value: Any) -> None:
    """Set the cell under ``header`` of the row whose first cell is ``first``."""
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    headers = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == first)
    row[headers.index(header)].value = value
    book.save(path)


def test_the_county_imports_agreements(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path
) -> None:
    page = page_of(qtbot, eworker, AgreementsPage, "county")
    assert page.excel.import_button.isVisible() and page.excel.export_button.isVisible()
    path = tmp_path / "合作协议.xlsx"
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.excel.export_to(path)
    qtbot.waitUntil(lambda: "已导出 1 条" in page.message.text(), timeout=5000)
    _edit(path, "数控技术应用订单培养协议", "每年名额", 30)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.excel.import_from(path)
    box = page.excel.box
    assert box is not None and box.isVisible() and box.windowTitle() == "导入完成"
    assert "更新 1 条" in page.message.text()
    assert page.model.rows[0].places_per_year == 30
    stored = run(
        qtbot, eworker, lambda db: employment_reference.load(db, EmploymentAgreement, ids["agreement"])
    )
    assert stored.places_per_year == 30


def test_a_village_imports_referrals_on_the_fairs_page(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "推荐.xlsx"
    run(qtbot, eworker, lambda db: set_role(db, "county"))
    run(
        qtbot,
        eworker,
        lambda db: employment_excel_events.export_events(
            db, "referral", path, actor="王县", full=True, reason="发给村里核对"
        ),
    )
    _edit(path, "李娜", "推荐结果", "面试")
    _edit(path, "李娜", "结果日期", "2025-11-25")
    page = page_of(qtbot, eworker, FairsPage, "village")
    assert not page.excel.import_button.isVisible()  # fairs: a township or the county
    assert page.referral_excel.import_button.isVisible()  # referrals: every level
    assert page.referral_excel.import_button.text() == "推荐记录 Excel 导入…"
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.referral_excel.import_from(path)
    box = page.referral_excel.box
    assert box is not None and box.windowTitle() == "导入完成", page.message.text()
    assert "更新 1 条" in page.message.text()
    qtbot.waitUntil(lambda: any(r.state_label == "面试" for r in page.referrals.rows), timeout=20000)
    referrals = run(qtbot, eworker, lambda db: placement.referrals(db, person_id=ids["li"]))
    assert referrals[0].state == "interview"


def test_referrals_are_exported_in_full_after_a_reason(
    qtbot: QtBot, eworker: DbWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = page_of(qtbot, eworker, FairsPage, "county")
    path = tmp_path / "推荐.xlsx"
    asked: list[str] = []
    monkeypatch.setattr(
        reference_dialogs.QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    monkeypatch.setattr(
        reference_dialogs.QMessageBox,
        "question",
        staticmethod(lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes),
    )
    monkeypatch.setattr(reference_dialogs, "ask_reason", lambda *a, **k: "核对后重新导入")
    with qtbot.waitSignal(eworker.done, timeout=20000):
        page.referral_excel.export_button.click()
    qtbot.waitUntil(lambda: "已导出 2 条" in page.message.text(), timeout=5000)
    assert asked and "完整的身份证号" in asked[0]
    sheet = load_workbook(path).active
    assert sheet is not None
    numbers = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers and not any("*" in str(n) for n in numbers)
