"""Screenshots of the 雨露计划就业 window (issue 16) and its reference pages: 学校, 企业, 合作协议, 岗位, 招聘会 (with
the selected fair's invitations), 政策宣传, the edit dialogs of a position and an enterprise, and the 岗位 page
read-only on a village laptop; at QT_SCALE_FACTOR=1.25 the names end in -125.

Uses the demo database of the screenshot run (its employment data comes from services.demo_employment), switching
the laptop's role the way enrollment sets it; the previous role is restored at the end.
"""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import text

from yulu_desktop.store.database import Database

ACTOR = "王县"


def _set_role(db: Database, role: str) -> None:
    with db.write_connection() as conn:
        county = conn.execute(
            text("SELECT id FROM org_unit WHERE level = 'county' ORDER BY code LIMIT 1")
        ).scalar()
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role, jurisdiction_id) "
                "VALUES (1, 'wangxian', '王县', :role, :county) ON CONFLICT (id) DO UPDATE SET "
                "cadre_username = 'wangxian', cadre_name = '王县', cadre_role = :role, jurisdiction_id = :county"
            ),
            {"role": role, "county": county},
        )


def _saved_role(db: Database) -> Any:
    with db.read_connection() as conn:
        return conn.execute(
            text(
                "SELECT cadre_username, cadre_name, cadre_role, jurisdiction_id FROM sync_state WHERE id = 1"
            )
        ).first()


def _restore_role(db: Database, saved: Any) -> None:
    with db.write_connection() as conn:
        if saved is None:
            conn.execute(text("DELETE FROM sync_state WHERE id = 1"))
        else:
            conn.execute(
                text(
                    "UPDATE sync_state SET cadre_username = :u, cadre_name = :n, cadre_role = :r, "
                    "jurisdiction_id = :j WHERE id = 1"
                ),
                {"u": saved[0], "n": saved[1], "r": saved[2], "j": saved[3]},
            )


def _window(shots: Any) -> Any:
    from yulu_desktop.ui.employment.window import EmploymentWindow

    screen = shots.app.primaryScreen().availableGeometry()  # logical pixels: smaller at 125 %
    window = EmploymentWindow(shots.worker, ACTOR, shots.window)
    window.resize(min(1366, screen.width()), min(740, screen.height()))
    window.show()
    shots.settle()
    return window


def capture(shots: Any) -> None:
    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    db = shots.worker.database
    saved = _saved_role(db)
    _set_role(db, "county")
    window = _window(shots)
    for key in ("schools", "enterprises", "agreements", "positions", "fairs", "campaigns"):
        if not window.show_tab(key):
            continue
        page = window.page(key)
        page.refresh()
        shots.settle()
        if page.model.rowCount():
            page.table.selectRow(0)
        shots.settle()
        shots.save(window, f"employment-{key}{suffix}")

    positions = window.page("positions")
    window.show_tab("positions")
    if positions.model.rowCount():
        positions.table.selectRow(0)
        positions.edit(positions.current_row())
        shots.settle()
        dialog = getattr(positions, "dialog", None)
        if dialog is not None:
            shots.save(dialog, f"employment-position-dialog{suffix}")
            dialog.reject()
    enterprises = window.page("enterprises")
    window.show_tab("enterprises")
    enterprises.dialog = None
    enterprises.add()
    shots.settle()
    if enterprises.dialog is not None:
        shots.save(enterprises.dialog, f"employment-enterprise-dialog{suffix}")
        enterprises.dialog.reject()
    window.close()
    window.deleteLater()
    shots.settle()

    _set_role(db, "village")
    window = _window(shots)
    window.show_tab("positions")
    shots.settle()
    shots.save(window, f"employment-positions-village{suffix}")
    window.close()
    _restore_role(db, saved)
    shots.settle()
