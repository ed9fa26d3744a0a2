"""Screenshots of the 户籍登记 dialogs (登记新户, 添加成员/出生, 迁出, 分户, 死亡) on the demo database; at
QT_SCALE_FACTOR=1.25 the names end in -125."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit


def capture(shots: Any) -> None:
    from yulu_desktop.store.database import Database
    from yulu_desktop.ui.household import actions

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window, worker = shots.window, shots.worker
    found: list[tuple[str, str, str]] = []

    def household_with_family(db: Database) -> tuple[str, str, str]:
        with db.read_connection() as conn:
            row = conn.exec_driver_sql(
                "SELECT h.id, h.village_id, p.id FROM household h JOIN person p ON p.household_id = h.id "
                "WHERE p.relationship = '01' AND (SELECT count(*) FROM person m WHERE m.household_id = h.id) >= 3 "
                "LIMIT 1"
            ).one()
        return str(row[0]), str(row[1]), str(row[2])

    worker.submit(household_with_family, found.append)
    shots.settle()
    household_id, village_id, head_id = found[0]

    def open_and_save(opener: Any, name: str, fill: Any = None) -> None:
        dialogs: list[QDialog] = []
        opener(dialogs.append)
        shots.settle()
        dialog = dialogs[0]
        if fill is not None:
            fill(dialog)
        shots.wait(200)
        shots.save(dialog, f"{name}{suffix}")
        dialog.reject()

    def fill_register(dialog: Any) -> None:
        name = dialog.form.editors["name"]
        assert isinstance(name, QLineEdit)
        name.setText("王小明")
        dialog.form.editors["id_number"].setText("500229197506070133")
        dialog.form.editors["contact_phone"].setText("1381234")
        dialog.save()
        shots.settle()

    open_and_save(
        lambda on_open: actions.open_register_household(window, worker, "李明", village_id, on_open),
        "household-register",
        fill_register,
    )

    def fill_birth(dialog: Any) -> None:
        dialog.form.editors["name"].setText("王小宝")
        dialog.save()
        shots.settle()

    open_and_save(
        lambda on_open: actions.open_household_event(window, worker, "李明", household_id, "birth", on_open),
        "household-birth",
        fill_birth,
    )

    def fill_move(dialog: Any) -> None:
        combo = dialog.village_combo
        if combo is not None and combo.count() > 1:
            combo.setCurrentIndex(1)
            shots.settle()
            if dialog.household_combo.count() > 1:
                dialog.household_combo.setCurrentIndex(1)

    open_and_save(
        lambda on_open: actions.open_member_event(window, worker, "李明", head_id, "move_out", on_open),
        "household-move-out",
        fill_move,
    )

    def fill_split(dialog: Any) -> None:
        # The head leaves: the old household needs a new head too.
        dialog.member_list.item(0).setCheckState(Qt.CheckState.Checked)
        dialog.member_list.setCurrentRow(0)

    open_and_save(
        lambda on_open: actions.open_household_event(window, worker, "李明", household_id, "split", on_open),
        "household-split",
        fill_split,
    )
    open_and_save(
        lambda on_open: actions.open_member_event(window, worker, "李明", head_id, "death", on_open),
        "household-death",
        lambda dialog: (dialog.save(), shots.settle()),
    )
    # The 人 list's 户籍变动 context menu.
    window.show_page("people")
    shots.settle()
    page = window.pages["people"]
    page.table.setCurrentIndex(page.model.index(0, 0))
    menu = page.household_menu_for(page.model.index(0, 0))
    menu.popup(page.table.viewport().mapToGlobal(page.table.visualRect(page.model.index(0, 0)).center()))
    shots.wait(300)
    shots.save(menu, f"household-menu{suffix}")
    menu.close()
