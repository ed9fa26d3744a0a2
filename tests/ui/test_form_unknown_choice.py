"""A stored value that is not among a choice's options (a code retired from its list, an enterprise missing from
the list a dialog was given, a value written by another laptop or an import) is shown and kept: 保存 without
touching the field stores it unchanged, instead of the first choice or the empty one (``forms.RecordForm``,
``reference_dialogs.IdChecklist``)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from tests.ui.employment_kit import failures_of, role_page, run
from yulu_desktop.domain import codes
from yulu_desktop.domain.employment import json_list
from yulu_desktop.domain.entities import EmploymentAgreement, Enterprise, JobPosition
from yulu_desktop.services import employment_reference, records
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment import reference_dialogs
from yulu_desktop.ui.employment.agreements_page import AgreementsPage
from yulu_desktop.ui.employment.enterprises_page import EnterprisesPage
from yulu_desktop.ui.employment.page import TablePage
from yulu_desktop.ui.employment.positions_page import PositionsPage
from yulu_desktop.ui.employment.reference_dialogs import IdChecklist, ReferenceDialog
from yulu_desktop.ui.forms import FieldSpec, RecordForm
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

NOT_OFFERED = "（不在可选列表中）"


def texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def combo(form: RecordForm, name: str) -> QComboBox:
    editor = form.editors[name]
    assert isinstance(editor, QComboBox)
    return editor


def a_form(qtbot: QtBot) -> RecordForm:
    form = RecordForm(
        [
            FieldSpec("industry", "code", codes.INDUSTRY, optional=False),
            FieldSpec("education", "code", codes.EDUCATION),  # optional: an empty entry first
        ]
    )
    qtbot.addWidget(form)
    return form


# --- the form -------------------------------------------------------------------------------------------------


def test_a_stored_code_not_among_the_choices_is_shown_and_kept(qtbot: QtBot) -> None:
    form = a_form(qtbot)
    edited: list[None] = []
    form.edited.connect(lambda: edited.append(None))
    form.set_values({"industry": "mining_old", "education": "technical_old"})
    industry, education = combo(form, "industry"), combo(form, "education")
    assert industry.currentText() == "mining_old" + NOT_OFFERED
    assert education.currentText() == "technical_old" + NOT_OFFERED
    assert "mining_old" in str(industry.itemData(industry.currentIndex(), Qt.ItemDataRole.ToolTipRole))
    assert form.values() == {"industry": "mining_old", "education": "technical_old"}
    assert edited == []  # loading a record is no edit
    # Another choice changes the value as before; the stored one can be chosen back.
    industry.setCurrentIndex(industry.findData("health"))
    assert form.value("industry") == "health" and edited
    industry.setCurrentIndex(industry.findData("mining_old"))
    assert form.value("industry") == "mining_old"


def test_loading_the_next_record_drops_the_extra_entry(qtbot: QtBot) -> None:
    form = a_form(qtbot)
    industry, education = combo(form, "industry"), combo(form, "education")
    offered = texts(industry)
    form.set_values({"industry": "mining_old", "education": "technical_old"})
    assert texts(industry) == [*offered, "mining_old" + NOT_OFFERED]
    form.set_values({"industry": "health", "education": "junior"})
    assert texts(industry) == offered and not any(NOT_OFFERED in t for t in texts(education))
    assert form.values() == {"industry": "health", "education": "junior"}
    # Another unknown value replaces the first one's entry rather than adding to it.
    form.set_values({"industry": "fishing_old"})
    form.set_values({"industry": "forestry_old"})
    assert texts(industry) == [*offered, "forestry_old" + NOT_OFFERED]
    # No value: the empty entry of an optional field; a required one shows its first choice, and that shown
    # choice is what values() returns (no entry is invented, nothing unseen is returned).
    form.set_values({"industry": None, "education": None})
    assert texts(industry) == offered
    assert education.currentText() == "" and form.value("education") is None
    first = next(iter(codes.INDUSTRY.labels))
    assert industry.currentText() == codes.INDUSTRY.labels[first] and form.value("industry") == first


# --- the employment dialogs -----------------------------------------------------------------------------------


def page_of(qtbot: QtBot, worker: DbWorker, cls: type[TablePage]) -> Any:
    return role_page(qtbot, worker, cls, "county")


def edit(qtbot: QtBot, page: Any, name: str, column: int = 0) -> ReferenceDialog:
    """Open the edit dialog of the row ``name`` as 修改… does."""
    for n in range(page.proxy.rowCount()):
        if page.proxy.index(n, column).data() == name:
            page.table.selectRow(n)
            break
    else:
        raise AssertionError(f"{name} not shown")
    page.dialog = None
    page.edit_button.click()
    qtbot.waitUntil(lambda: page.dialog is not None and page.dialog.isVisible(), timeout=20000)
    dialog: ReferenceDialog = page.dialog
    return dialog


def press_save(qtbot: QtBot, page: Any, dialog: ReferenceDialog) -> None:
    with qtbot.waitSignal(page.worker.done, timeout=20000):
        dialog.save()
    qtbot.waitUntil(lambda: dialog.buttons.isEnabled() or not dialog.isVisible(), timeout=5000)


def stored(qtbot: QtBot, worker: DbWorker, cls: type, record_id: str) -> Any:
    return run(qtbot, worker, lambda db: employment_reference.load(db, cls, record_id))


def without(monkeypatch: pytest.MonkeyPatch, key: str, record_id: str) -> None:
    """The dialogs are given a list of ``key`` (schools, enterprises …) that lacks ``record_id``, as when the record
    came in by sync after the list was read."""
    read = reference_dialogs._context

    def context(db: Database, kind: str) -> dict[str, Any]:
        found = read(db, kind)
        found[key] = [(i, name) for i, name in found[key] if i != record_id]
        return found

    monkeypatch.setattr(reference_dialogs, "_context", context)


def test_a_position_whose_enterprise_is_not_offered_saves_with_its_enterprise(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    without(monkeypatch, "enterprises", ids["ningbo"])
    page = page_of(qtbot, eworker, PositionsPage)
    dialog = edit(qtbot, page, "电子装配工")
    enterprise = combo(dialog.form, "enterprise_id")
    assert enterprise.currentText() == ids["ningbo"] + NOT_OFFERED
    title = dialog.form.editors["title"]
    assert isinstance(title, QLineEdit)
    title.setText("电子装配工（夜班）")
    press_save(qtbot, page, dialog)
    assert not dialog.isVisible(), dialog.issues_shown()
    position = stored(qtbot, eworker, JobPosition, ids["pos_ningbo"])
    assert position.title == "电子装配工（夜班）" and position.enterprise_id == ids["ningbo"]


def test_an_agreement_keeps_an_enterprise_not_in_its_checklist(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    without(monkeypatch, "enterprises", ids["hongda"])
    page = page_of(qtbot, eworker, AgreementsPage)
    dialog = edit(qtbot, page, "数控技术应用订单培养协议")
    checklist = dialog.checklists["enterprise_ids"]
    assert checklist.checked() == [ids["hongda"]]
    kept = checklist.list.item(checklist.list.count() - 1)
    assert kept.text() == ids["hongda"] + NOT_OFFERED and kept.checkState() == Qt.CheckState.Checked
    press_save(qtbot, page, dialog)
    assert not dialog.isVisible(), dialog.issues_shown()
    agreement = stored(qtbot, eworker, EmploymentAgreement, ids["agreement"])
    assert json_list(agreement.enterprise_ids) == [ids["hongda"]]


def test_a_checklist_drops_the_previous_records_extra_items(qtbot: QtBot) -> None:
    checklist = IdChecklist([("a", "甲企业"), ("b", "乙企业")])
    qtbot.addWidget(checklist)
    checklist.set_checked(["b", "gone"])
    assert checklist.checked() == ["b", "gone"] and checklist.list.count() == 3
    checklist.set_checked(["a"])
    assert checklist.checked() == ["a"] and checklist.list.count() == 2


def test_a_retired_industry_is_kept_and_the_refusal_names_the_field(
    qtbot: QtBot, eworker: DbWorker, ids: dict[str, str]
) -> None:
    def retire(db: Database) -> None:  # written by a laptop with a newer code list, or an old import
        with records.writing(db, "同步") as session:
            enterprise = session.get(Enterprise, ids["hongda"])
            assert enterprise is not None
            enterprise.industry = "mining_old"

    run(qtbot, eworker, retire)
    shown_errors = failures_of(eworker)
    page = page_of(qtbot, eworker, EnterprisesPage)
    dialog = edit(qtbot, page, "城口县宏达机械有限公司")
    industry = combo(dialog.form, "industry")
    assert industry.currentText() == "mining_old" + NOT_OFFERED
    assert dialog.values()["industry"] == "mining_old"
    # The service refuses the old code: the dialog stays open, the message under 行业 names the list.
    press_save(qtbot, page, dialog)
    assert dialog.isVisible() and shown_errors == []
    message = dialog.issues_shown().get("industry", "")
    assert "mining_old" in message and "行业" in message
    assert stored(qtbot, eworker, Enterprise, ids["hongda"]).industry == "mining_old"
    # Choosing a current industry saves it.
    industry.setCurrentIndex(industry.findData("manufacturing"))
    press_save(qtbot, page, dialog)
    assert not dialog.isVisible(), dialog.issues_shown()
    assert stored(qtbot, eworker, Enterprise, ids["hongda"]).industry == "manufacturing"
