"""添加成员, 出生, 婚入, 迁入: a new member of a household and how they joined it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import Person
from yulu_desktop.services import households
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec
from yulu_desktop.ui.household.base import HouseholdDialog
from yulu_desktop.ui.household.register_dialog import derived_text
from yulu_desktop.ui.worker import DbWorker

#: Relationship a new member gets by default, per way of joining.
DEFAULT_RELATIONSHIP = {"register": "20", "birth": "40", "marry_in": "10", "move_in": "99"}


def member_specs(kind: str) -> tuple[FieldSpec, ...]:
    specs = [
        FieldSpec("name"),
        FieldSpec("id_number"),
        FieldSpec("relationship", "code", codes.RELATIONSHIP, optional=False),
    ]
    if kind == "birth":
        specs.append(FieldSpec("birth_date", "optional_date", label="出生日期（无身份证号时填）"))
    specs += [
        FieldSpec("education", "code", codes.EDUCATION),
        FieldSpec("student_status", "code", codes.STUDENT_STATUS),
        FieldSpec("health", "code", codes.HEALTH),
        FieldSpec("phone"),
    ]
    if kind != "register":
        specs.append(FieldSpec("happened_on", "optional_date", label="变动日期"))
    if kind in ("marry_in", "move_in"):
        specs.append(FieldSpec("from_place", label="从何处迁来"))
    specs.append(FieldSpec("note", label="备注"))
    return tuple(specs)


class MemberDialog(HouseholdDialog):
    """A new member of ``household_id``; ``kind`` is register (添加成员), birth, marry_in or move_in.
    ``saved`` fires with the new person's id."""

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        household_id: str,
        household_label: str,
        kind: str = "register",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, actor, member_specs(kind), parent)
        self.setObjectName("memberDialog")
        self.kind = kind
        self.household_id = household_id
        titles = {
            "register": self.tr("添加成员"),
            "birth": self.tr("出生登记"),
            "marry_in": self.tr("婚入登记"),
            "move_in": self.tr("迁入登记"),
        }
        self.setWindowTitle(f"{titles[kind]} · {household_label}")
        self.set_intro(
            self.tr("加入：{0}。有身份证号时，性别和出生日期自动读出；同一身份证号不能重复登记。").format(
                household_label
            )
        )
        self.form.set_values({"relationship": DEFAULT_RELATIONSHIP[kind], "happened_on": date.today()})
        self.derived = QLabel()
        self.derived.setObjectName("derivedFromId")
        id_edit = self.form.editors["id_number"]
        assert isinstance(id_edit, QLineEdit)
        id_edit.textChanged.connect(self._show_derived)
        self.derived.hide()
        self.body.addWidget(self.derived)
        self.form.editors["name"].setFocus()

    def _show_derived(self, id_number: str) -> None:
        text = derived_text(id_number)
        self.derived.setText(self.tr("由身份证号读出：{0}").format(text) if text else "")
        self.derived.setVisible(bool(text))

    def job(self, values: dict[str, Any]) -> Callable[[Database], Any]:
        person = Person(
            household_id=self.household_id,
            name=values["name"],
            id_number=values["id_number"] or None,
            relationship=values["relationship"],
            birth_date=values.get("birth_date"),
            education=values["education"],
            student_status=values["student_status"],
            health=values["health"],
            phone=values["phone"],
        )
        kind, actor = self.kind, self._actor
        happened_on = values.get("happened_on")
        from_place, note = values.get("from_place", ""), values["note"]

        def add(db: Database) -> str:
            households.add_member(
                db, person, kind=kind, happened_on=happened_on, from_place=from_place, note=note, actor=actor
            )
            return person.id

        return add
