"""Where the household dialogs open from: the 数据 menu (登记新户…), the context menu of the 户 and 人 lists, and
the person window (``member_actions_menu`` / ``open_member_actions``).

Every opener loads what its dialog needs on the database worker first, then shows the dialog; ``on_open``
receives the dialog (tests and screenshots use it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint
from PySide6.QtGui import QAction, QCursor, QKeySequence
from PySide6.QtWidgets import QDialog, QMenu, QMessageBox, QWidget

from yulu_desktop.services import households
from yulu_desktop.store.database import Database
from yulu_desktop.ui.household.leave_dialog import LeaveDialog
from yulu_desktop.ui.household.member_dialog import MemberDialog
from yulu_desktop.ui.household.register_dialog import RegisterHouseholdDialog
from yulu_desktop.ui.household.split_dialog import MoveHouseholdDialog, SplitDialog
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.worker import DbWorker

OnOpen = Callable[[QDialog], None] | None

#: Events of a household (from the 户 list, or a member's household).
HOUSEHOLD_EVENTS = ("register", "birth", "marry_in", "move_in", "split", "move_household")
#: Events of one member.
PERSON_EVENTS = ("marry_out", "move_out", "death", "cancel")


def event_titles() -> dict[str, str]:
    return {
        "register": translate("HouseholdActions", "添加成员…"),
        "birth": translate("HouseholdActions", "出生…"),
        "marry_in": translate("HouseholdActions", "婚入…"),
        "move_in": translate("HouseholdActions", "迁入…"),
        "split": translate("HouseholdActions", "分户…"),
        "move_household": translate("HouseholdActions", "整户迁出…"),
        "marry_out": translate("HouseholdActions", "婚出…"),
        "move_out": translate("HouseholdActions", "迁出…"),
        "death": translate("HouseholdActions", "死亡…"),
        "cancel": translate("HouseholdActions", "注销…"),
    }


def _village_pairs(db: Database) -> list[tuple[str, str]]:
    return [(v.id, v.name) for v in households.villages(db)]


def _show(dialog: QDialog, on_open: OnOpen) -> None:
    dialog.finished.connect(dialog.deleteLater)
    dialog.show()
    if on_open is not None:
        on_open(dialog)


def open_register_household(
    parent: QWidget, worker: DbWorker, actor: str, village_id: str | None = None, on_open: OnOpen = None
) -> None:
    """登记新户 in the village picked in the tree (or the first village this laptop knows)."""

    def load(db: Database) -> tuple[list[tuple[str, str]], str | None, str]:
        villages = _village_pairs(db)
        ids = [v[0] for v in villages]
        chosen = village_id if village_id in ids else (ids[0] if ids else None)
        return villages, chosen, households.suggest_household_no(db, chosen) if chosen else ""

    def show(loaded: tuple[list[tuple[str, str]], str | None, str]) -> None:
        villages, chosen, suggested = loaded
        if not villages:
            QMessageBox.information(
                parent,
                translate("HouseholdActions", "登记新户"),
                translate(
                    "HouseholdActions", "本机还没有任何村的信息：请先与县服务器同步，或导入国家系统数据。"
                ),
            )
            return
        dialog = RegisterHouseholdDialog(
            worker, actor, villages, parent, village_id=chosen, suggested_no=suggested
        )
        # The household is there: its other members are usually next.
        dialog.saved.connect(
            lambda household_id: open_household_event(parent, worker, actor, household_id, "register")
        )
        _show(dialog, on_open)

    worker.submit(load, show)


def open_household_event(
    parent: QWidget, worker: DbWorker, actor: str, household_id: str, kind: str, on_open: OnOpen = None
) -> None:
    """添加成员 / 出生 / 婚入 / 迁入 / 分户 / 整户迁出 of a household."""

    def load(db: Database) -> dict[str, Any]:
        label, village_id = households.household_label(db, household_id)
        loaded: dict[str, Any] = {"label": label, "village_id": village_id}
        if kind == "split":
            loaded["members"] = households.household_members(db, household_id)
            loaded["suggested"] = households.suggest_household_no(db, village_id)
        if kind == "move_household":
            loaded["villages"] = [v for v in _village_pairs(db) if v[0] != village_id]
        return loaded

    def show(loaded: dict[str, Any]) -> None:
        dialog: QDialog
        if kind == "split":
            dialog = SplitDialog(
                worker,
                actor,
                household_id,
                loaded["label"],
                loaded["members"],
                parent,
                suggested_no=loaded["suggested"],
            )
        elif kind == "move_household":
            if not loaded["villages"]:
                QMessageBox.information(
                    parent,
                    translate("HouseholdActions", "整户迁出"),
                    translate(
                        "HouseholdActions",
                        "本机只有这一个村的数据。迁往其他村请由乡镇或县里的电脑办理，或逐人办理“迁出”并填写去向。",
                    ),
                )
                return
            dialog = MoveHouseholdDialog(
                worker, actor, household_id, loaded["label"], loaded["villages"], parent
            )
        else:
            dialog = MemberDialog(worker, actor, household_id, loaded["label"], kind, parent)
        _show(dialog, on_open)

    worker.submit(load, show)


def open_member_event(
    parent: QWidget, worker: DbWorker, actor: str, person_id: str, kind: str, on_open: OnOpen = None
) -> None:
    """婚出 / 迁出 / 死亡 / 注销 of a member, or a household event of the member's household."""
    if kind in HOUSEHOLD_EVENTS:

        def household_of(db: Database) -> str:
            return households.member_context(db, person_id).household_id

        worker.submit(
            household_of,
            lambda household_id: open_household_event(parent, worker, actor, household_id, kind, on_open),
        )
        return

    def load(db: Database) -> tuple[households.MemberContext, list[tuple[str, str]]]:
        return households.member_context(db, person_id), _village_pairs(db)

    def show(loaded: tuple[households.MemberContext, list[tuple[str, str]]]) -> None:
        context, villages = loaded
        _show(LeaveDialog(worker, actor, context, kind, villages, parent), on_open)

    worker.submit(load, show)


def member_actions_menu(
    parent: QWidget,
    worker: DbWorker,
    actor: str,
    *,
    person_id: str | None = None,
    household_id: str | None = None,
) -> QMenu:
    """户籍变动 menu for a member (every event) or, with only ``household_id``, for a household."""
    menu = QMenu(translate("HouseholdActions", "户籍变动"), parent)
    menu.setObjectName("householdEventsMenu")
    titles = event_titles()
    kinds = HOUSEHOLD_EVENTS + (PERSON_EVENTS if person_id else ())
    for kind in kinds:
        if kind == "marry_out":
            menu.addSeparator()
        action = menu.addAction(titles[kind])
        action.setObjectName(f"household_event_{kind}")
        if person_id is not None:
            action.triggered.connect(
                lambda _checked=False, k=kind: open_member_event(parent, worker, actor, person_id, k)
            )
        elif household_id is not None:
            action.triggered.connect(
                lambda _checked=False, k=kind: open_household_event(parent, worker, actor, household_id, k)
            )
    return menu


def open_member_actions(parent: QWidget, worker: DbWorker, actor: str, person_id: str) -> QMenu:
    """The person window's 户籍变动 menu, shown at the mouse (or wire ``member_actions_menu`` to a button)."""
    menu = member_actions_menu(parent, worker, actor, person_id=person_id)
    menu.popup(QCursor.pos())
    return menu


def install_list_actions(page: Any, worker: DbWorker, actor: str) -> None:
    """The 户 and 人 lists get a 户籍变动 context menu (right click or the menu key) on their rows."""
    if page.kind not in ("households", "people"):
        return
    from PySide6.QtCore import Qt

    from yulu_desktop.ui.models import HouseholdIdRole, PersonIdRole

    table = page.table
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

    def menu_for(index: QModelIndex) -> QMenu | None:
        """The menu of a row (None for no row)."""
        if not index.isValid():
            return None
        model = table.model()
        household_id = model.data(index, HouseholdIdRole)
        person_id = model.data(index, PersonIdRole) if page.kind == "people" else None
        return member_actions_menu(
            page, worker, actor, person_id=str(person_id) if person_id else None, household_id=household_id
        )

    def menu_at(point: QPoint) -> None:
        index = table.indexAt(point)
        menu = menu_for(index if index.isValid() else table.currentIndex())
        if menu is not None:
            menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            menu.popup(table.viewport().mapToGlobal(point))

    table.customContextMenuRequested.connect(menu_at)
    page.household_menu_for = menu_for


def add_register_action(window: Any, menu: QMenu) -> QAction:
    """数据 › 登记新户… (Ctrl+Shift+H), in the village picked in the tree."""
    action = menu.addAction(translate("HouseholdActions", "登记新户…"))
    action.setObjectName("registerHouseholdAction")
    action.setShortcut(QKeySequence("Ctrl+Shift+H"))
    action.triggered.connect(
        lambda _checked=False: open_register_household(
            window, window.worker, window.actor, window.current_scope()
        )
    )
    return action
