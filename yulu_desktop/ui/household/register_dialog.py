"""登记新户: a new household and its head in one step (village from the tree, 户编号 suggested)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import Household, Person
from yulu_desktop.domain.idcard import id_number_issues, parse_id_number
from yulu_desktop.services import households
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec
from yulu_desktop.ui.household.base import HouseholdDialog, choices
from yulu_desktop.ui.worker import DbWorker


def register_specs(villages: Sequence[tuple[str, str]]) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("village_id", "code", choices("村", villages), optional=False),
        FieldSpec("household_no"),
        FieldSpec("household_type", "code", codes.HOUSEHOLD_TYPE, optional=False),
        FieldSpec("monitoring_type", "code", codes.MONITORING_TYPE),
        FieldSpec("group_name"),
        FieldSpec("address"),
        FieldSpec("contact_phone"),
        FieldSpec("name", label="户主姓名"),
        FieldSpec("id_number", label="户主身份证号"),
        FieldSpec("education", "code", codes.EDUCATION),
        FieldSpec("health", "code", codes.HEALTH),
        FieldSpec("phone", label="户主手机号"),
    )


def derived_text(id_number: str) -> str:
    """性别 and 出生日期 read from an ID number as it is typed ("" while it is not a valid one)."""
    value = id_number.strip()
    if not value or id_number_issues(value, today=date.today()):
        return ""
    parsed = parse_id_number(value, today=date.today())
    return f"{codes.SEX.label(parsed.sex)} · {parsed.birth_date.isoformat()}"


class RegisterHouseholdDialog(HouseholdDialog):
    """登记新户. ``saved`` fires with the new household's id."""

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        villages: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
        *,
        village_id: str | None = None,
        suggested_no: str = "",
    ) -> None:
        super().__init__(worker, actor, register_specs(villages), parent, columns=2)
        self.setWindowTitle(self.tr("登记新户"))
        self.set_intro(
            self.tr("户主的性别和出生日期从身份证号读出，不用另填。保存后可继续添加其他家庭成员。")
        )
        self.setObjectName("registerHouseholdDialog")
        self._typed_number = False
        self.form.set_values(
            {"village_id": village_id, "household_no": suggested_no, "household_type": "tuopin"}
        )
        number = self.form.editors["household_no"]
        assert isinstance(number, QLineEdit)
        number.textEdited.connect(self._number_typed)
        self.form.editors["village_id"].currentIndexChanged.connect(self._village_changed)  # type: ignore[attr-defined]
        self.derived = QLabel()
        self.derived.setObjectName("derivedFromId")
        id_edit = self.form.editors["id_number"]
        assert isinstance(id_edit, QLineEdit)
        id_edit.textChanged.connect(self._show_derived)
        self.derived.hide()
        self.body.addWidget(self.derived)
        self.form.editors["name"].setFocus()

    def _number_typed(self, _text: str) -> None:
        self._typed_number = True

    def _village_changed(self, _index: int) -> None:
        village_id = self.form.value("village_id")
        if self._typed_number or not village_id:
            return
        self._worker.submit(
            lambda db: households.suggest_household_no(db, village_id),
            lambda number: None if self._typed_number else self.form.set_values({"household_no": number}),
        )

    def _show_derived(self, id_number: str) -> None:
        text = derived_text(id_number)
        self.derived.setText(self.tr("由身份证号读出：{0}").format(text) if text else "")
        self.derived.setVisible(bool(text))

    def job(self, values: dict[str, Any]) -> Callable[[Database], Any]:
        household = Household(
            household_no=values["household_no"],
            village_id=values["village_id"] or "",
            household_type=values["household_type"],
            monitoring_type=values["monitoring_type"],
            group_name=values["group_name"],
            address=values["address"],
            contact_phone=values["contact_phone"],
        )
        head = Person(
            household_id="",
            name=values["name"],
            id_number=values["id_number"] or None,
            education=values["education"],
            health=values["health"],
            phone=values["phone"],
        )
        actor = self._actor

        def register(db: Database) -> str:
            households.register_household(db, household, head, actor=actor)
            return household.id

        return register
