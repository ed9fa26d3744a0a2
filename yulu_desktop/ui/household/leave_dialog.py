"""婚出, 迁出, 死亡, 注销 of a member: to a household on this laptop (the person and their file move there, in this
village or another), or out of this laptop's records (the person stays on file with the new status)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QFormLayout, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.domain import household_changes as hc
from yulu_desktop.services import households
from yulu_desktop.services.households import MemberContext
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec
from yulu_desktop.ui.household.base import HouseholdDialog, choices
from yulu_desktop.ui.worker import DbWorker

MOVING_KINDS = ("marry_out", "move_out")


def staying_heads(context: MemberContext) -> list[tuple[str, str]]:
    """Members who could become head when this one leaves (none needed unless the head leaves)."""
    if context.person.relationship != hc.HEAD:
        return []
    return [
        (m.id, m.label) for m in context.members if m.id != context.person.id and m.status == hc.ACTIVE_STATUS
    ]


def leave_specs(kind: str, context: MemberContext) -> tuple[FieldSpec, ...]:
    specs = [FieldSpec("happened_on", "date", label="变动日期")]
    if kind in MOVING_KINDS:
        specs += [
            FieldSpec("relationship", "code", codes.RELATIONSHIP, optional=False, label="在新户中与户主关系"),
            FieldSpec("to_place", label="迁往何处（本机没有的户）"),
        ]
    heads = staying_heads(context)
    if heads:
        specs.append(FieldSpec("new_head", "code", choices("新户主", heads), label="新户主"))
    specs.append(FieldSpec("note", "multiline", label="原因说明"))
    return tuple(specs)


class LeaveDialog(HouseholdDialog):
    """婚出 / 迁出 / 死亡 / 注销 of ``context.person``. ``saved`` fires with the person's id."""

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        context: MemberContext,
        kind: str,
        villages: Sequence[tuple[str, str]] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, actor, leave_specs(kind, context), parent)
        self.setObjectName("leaveDialog")
        self.kind = kind
        self.context = context
        titles = {
            "marry_out": self.tr("婚出"),
            "move_out": self.tr("迁出"),
            "death": self.tr("死亡登记"),
            "cancel": self.tr("注销"),
        }
        self.setWindowTitle(f"{titles[kind]} · {context.person.name}")
        intro = self.tr("{0}，现属{1}。").format(context.person.label, context.household_label)
        if kind in MOVING_KINDS:
            intro += self.tr(
                "迁入本机已有的户：选村和户，档案（在读、走访、变动记录）随人转过去；迁往本机没有的地方：不选户，填写去向，人员状态改为“迁出”，档案留存。"
            )
        else:
            intro += self.tr("人员状态改为“{0}”，档案留存，不会删除。").format(
                codes.PERSON_STATUS.label(hc.LEAVE_STATUS[kind])
            )
        if staying_heads(context):
            intro += self.tr("此人是户主，请选定新户主。")
        self.set_intro(intro)
        self.form.set_values(
            {"happened_on": date.today(), "relationship": "10" if kind == "marry_out" else "99"}
        )
        self.village_combo: QComboBox | None = None
        self.household_combo: QComboBox | None = None
        if kind in MOVING_KINDS:
            self.village_combo = QComboBox()
            self.village_combo.setObjectName("targetVillage")
            for village_id, name in villages:
                self.village_combo.addItem(name, village_id)
            self.household_combo = QComboBox()
            self.household_combo.setObjectName("targetHousehold")
            self.household_combo.setMinimumContentsLength(24)
            rows = QFormLayout()
            rows.addRow(self.tr("迁入村"), self.village_combo)
            rows.addRow(self.tr("迁入户"), self.household_combo)
            self.body.addLayout(rows)
            self.village_combo.currentIndexChanged.connect(self._load_households)
            self.household_combo.currentIndexChanged.connect(self._household_chosen)
            index = self.village_combo.findData(context.village_id)
            self.village_combo.setCurrentIndex(max(index, 0))
            self._load_households()
        self.form.editors["happened_on"].setFocus()

    def _load_households(self, _index: int = 0) -> None:
        assert self.village_combo is not None and self.household_combo is not None
        village_id = self.village_combo.currentData()
        own = self.context.household_id
        combo = self.household_combo

        def show(rows: list[tuple[str, str]]) -> None:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("（不选：迁往本机没有的地方）"), None)
            for household_id, label in rows:
                if household_id != own:
                    combo.addItem(label, household_id)
            combo.blockSignals(False)
            self._household_chosen()

        if village_id:
            self._worker.submit(lambda db: households.households_of_village(db, village_id), show)
        else:
            show([])

    def _household_chosen(self, _index: int = 0) -> None:
        chosen = self.target_household() is not None
        self.form.editors["to_place"].setEnabled(not chosen)
        self.form.editors["relationship"].setEnabled(chosen)

    def target_household(self) -> str | None:
        if self.household_combo is None:
            return None
        data = self.household_combo.currentData()
        return str(data) if data else None

    def job(self, values: dict[str, Any]) -> Callable[[Database], Any]:
        person_id, kind, actor = self.context.person.id, self.kind, self._actor
        happened_on: date = values["happened_on"]
        new_head = values.get("new_head")
        note = values["note"]
        target = self.target_household()
        relationship = values.get("relationship") or "99"
        to_place = values.get("to_place", "")

        def run(db: Database) -> str:
            if target is not None:
                households.move_member(
                    db,
                    person_id,
                    target,
                    happened_on=happened_on,
                    kind=kind,
                    relationship=relationship,
                    new_head_id=new_head,
                    note=note,
                    actor=actor,
                )
            else:
                households.leave(
                    db,
                    person_id,
                    kind,
                    happened_on=happened_on,
                    to_place=to_place,
                    note=note,
                    new_head_id=new_head,
                    actor=actor,
                )
            return person_id

        return run
