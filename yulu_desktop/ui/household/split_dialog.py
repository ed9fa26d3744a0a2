"""分户 (some members form a new household, one of them its head) and 整户迁出 (the household moves to another
village of this laptop)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QListWidget, QListWidgetItem, QWidget

from yulu_desktop.domain import household_changes as hc
from yulu_desktop.domain.errors import Issue
from yulu_desktop.services import households
from yulu_desktop.services.households import MemberRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec
from yulu_desktop.ui.household.base import HouseholdDialog, choices
from yulu_desktop.ui.worker import DbWorker

SPLIT_FIELDS = (
    FieldSpec("household_no", label="新户户编号"),
    FieldSpec("happened_on", "date", label="分户日期"),
    FieldSpec("address", label="新户住址（不填同原户）"),
    FieldSpec("note", "multiline", label="原因说明"),
)


class SplitDialog(HouseholdDialog):
    """分户 of ``household_id``: tick the members who leave, choose the new household's head (and the old one's,
    when its head leaves). ``saved`` fires with the new household's id."""

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        household_id: str,
        household_label: str,
        members: Sequence[MemberRow],
        parent: QWidget | None = None,
        *,
        suggested_no: str = "",
    ) -> None:
        super().__init__(worker, actor, SPLIT_FIELDS, parent)
        self.setObjectName("splitDialog")
        self.household_id = household_id
        self.members = [m for m in members if m.status == hc.ACTIVE_STATUS]
        self.setWindowTitle(self.tr("分户 · {0}").format(household_label))
        self.set_intro(
            self.tr("勾选分出去的成员（空格键勾选），再选定新户的户主。原户主分出时，请为原户选定新户主。")
        )
        self.member_list = QListWidget()
        self.member_list.setObjectName("splitMembers")
        for member in self.members:
            item = QListWidgetItem(member.label)
            item.setData(Qt.ItemDataRole.UserRole, member.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.member_list.addItem(item)
        self.member_list.setMaximumHeight(26 * max(3, min(len(self.members), 6)) + 6)
        self.member_list.itemChanged.connect(self._checked_changed)
        self.head_combo = QComboBox()
        self.head_combo.setObjectName("splitHead")
        self.old_head_label = QLabel(self.tr("原户新户主"))
        self.old_head_combo = QComboBox()
        self.old_head_combo.setObjectName("splitOldHead")
        self.message = QLabel()
        self.message.setObjectName("splitMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.hide()
        self.body.addWidget(QLabel(self.tr("分出的成员")))
        self.body.addWidget(self.member_list)
        self.body.addWidget(QLabel(self.tr("新户户主")))
        self.body.addWidget(self.head_combo)
        self.body.addWidget(self.old_head_label)
        self.body.addWidget(self.old_head_combo)
        self.body.addWidget(self.message)
        self.form.set_values({"household_no": suggested_no, "happened_on": date.today()})
        self._checked_changed()
        self.member_list.setFocus()
        if self.members:
            self.member_list.setCurrentRow(0)

    def chosen_ids(self) -> list[str]:
        found = []
        for row in range(self.member_list.count()):
            item = self.member_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                found.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return found

    def _checked_changed(self, _item: QListWidgetItem | None = None) -> None:
        chosen = set(self.chosen_ids())
        current = self.head_combo.currentData()
        self.head_combo.clear()
        for member in self.members:
            if member.id in chosen:
                self.head_combo.addItem(member.label, member.id)
        self.head_combo.setCurrentIndex(max(self.head_combo.findData(current), 0))
        head_leaves = any(m.id in chosen and m.relationship == hc.HEAD for m in self.members)
        self.old_head_combo.clear()
        for member in self.members:
            if member.id not in chosen:
                self.old_head_combo.addItem(member.label, member.id)
        self.old_head_label.setVisible(head_leaves)
        self.old_head_combo.setVisible(head_leaves)

    def show_issues(self, issues: Sequence[Issue]) -> None:
        own = {"household_no", "happened_on", "address", "note"}
        super().show_issues([i for i in issues if i.field in own])
        others = [i.text() for i in issues if i.field not in own]
        self.message.setText("；".join(others))
        self.message.setVisible(bool(others))

    def job(self, values: dict[str, Any]) -> Callable[[Database], Any]:
        household_id, actor = self.household_id, self._actor
        chosen = self.chosen_ids()
        head = self.head_combo.currentData()
        old_head = self.old_head_combo.currentData() if self.old_head_combo.isVisible() else None
        number, happened_on = values["household_no"], values["happened_on"]
        address, note = values["address"], values["note"]

        def split(db: Database) -> str:
            return households.split_household(
                db,
                household_id,
                chosen,
                head,
                number,
                happened_on=happened_on,
                new_head_id=old_head,
                address=address,
                note=note,
                actor=actor,
            )

        return split


def move_household_specs(villages: Sequence[tuple[str, str]]) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("to_village", "code", choices("村", villages), label="迁入村"),
        FieldSpec("happened_on", "date", label="迁出日期"),
        FieldSpec("note", "multiline", label="原因说明"),
    )


class MoveHouseholdDialog(HouseholdDialog):
    """整户迁出 to another village known on this laptop. ``saved`` fires with the household's id."""

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        household_id: str,
        household_label: str,
        villages: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, actor, move_household_specs(villages), parent)
        self.setObjectName("moveHouseholdDialog")
        self.household_id = household_id
        self.setWindowTitle(self.tr("整户迁出 · {0}").format(household_label))
        self.set_intro(
            self.tr("全户成员和档案转到所选的村；原村的电脑同步后不再保存这一户（县里数据不删除）。")
        )
        self.form.set_values({"happened_on": date.today()})
        self.form.editors["to_village"].setFocus()

    def job(self, values: dict[str, Any]) -> Callable[[Database], Any]:
        household_id, actor = self.household_id, self._actor
        village, happened_on, note = values["to_village"], values["happened_on"], values["note"]

        def move(db: Database) -> str:
            households.move_household(
                db, household_id, village, happened_on=happened_on, note=note, actor=actor
            )
            return household_id

        return move
