"""Screenshots of the 统计图表 page of the 雨露计划补助 window (issue 15): the county's view of the current term, each
chart, the list behind a bar, and the township view per village; at QT_SCALE_FACTOR=1.25 the names end in -125.

The demo data has applications only in the first states of the cycle; for the pictures this script moves some of
the current term's applications along the cycle (公示 lists, approvals, payments, a return, a failed payment) and
takes a few back, straight in the demo database of the screenshot run, and enrolls the laptop as the county for
the duration (restored at the end).
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

from sqlalchemy import text

from yulu_desktop.domain.entities import new_id
from yulu_desktop.services.today import current_term
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

#: States given to the current term's applications, in turn (the rest keep the demo's state).
_CYCLE = (
    "publicized",
    "township_reviewed",
    "county_approved",
    "county_approved",
    "in_payment",
    "paid",
    "paid",
    "paid",
    "payment_failed",
    "returned",
    "village_reviewed",
    "applied",
    None,  # no application: an eligible student who did not apply
)


def _prepare(db: Database, term: str, today: dt.date) -> tuple[Any, ...] | None:
    with db.write_connection() as conn:
        journal.set_author(conn, "截图")
        saved = conn.execute(
            text("SELECT cadre_username, cadre_name, cadre_role FROM sync_state WHERE id = 1")
        ).first()
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'wangxian', '王县', "
                "'county') ON CONFLICT (id) DO UPDATE SET cadre_username = 'wangxian', cadre_name = '王县', "
                "cadre_role = 'county'"
            )
        )
        rows = conn.execute(
            text(
                "SELECT a.id, h.village_id FROM subsidy_application a JOIN person p ON p.id = a.person_id "
                "JOIN household h ON h.id = p.household_id WHERE a.term = :term ORDER BY a.id"
            ),
            {"term": term},
        ).fetchall()
        # Each village: a 公示 that ended 40 days ago (everything past it, and some still waiting for the
        # township: overdue) and one that ended 3 days ago (waiting, not overdue).
        publicities: dict[tuple[str, int], str] = {}
        for number, (application_id, village_id) in enumerate(rows):
            state = _CYCLE[number % len(_CYCLE)]
            if state is None:
                conn.execute(text("DELETE FROM subsidy_application WHERE id = :id"), {"id": application_id})
                continue
            days = 3 if state == "publicized" and number % 2 else 40
            if (village_id, days) not in publicities:
                publicity_id = new_id()
                ended = today - dt.timedelta(days=days)
                conn.execute(
                    text(
                        "INSERT INTO subsidy_publicity (id, village_id, term, starts_on, ends_on, posted_by, place, "
                        "note) VALUES (:id, :village, :term, :starts, :ends, '村委会', '村务公开栏', '')"
                    ),
                    {
                        "id": publicity_id,
                        "village": village_id,
                        "term": term,
                        "starts": (ended - dt.timedelta(days=6)).isoformat(),
                        "ends": ended.isoformat(),
                    },
                )
                publicities[(village_id, days)] = publicity_id
            conn.execute(
                text(
                    "UPDATE subsidy_application SET state = :state, publicity_id = :publicity, "
                    "returned_reason = :returned, payment_failure = :failure WHERE id = :id"
                ),
                {
                    "id": application_id,
                    "state": state,
                    "publicity": publicities[(village_id, days)]
                    if state not in ("applied", "village_reviewed")
                    else None,
                    "returned": "学费凭证不清楚，请补交" if state == "returned" else "",
                    "failure": "账户已销户" if state == "payment_failed" else "",
                },
            )
        return tuple(saved) if saved is not None else None


def _restore(db: Database, saved: tuple[Any, ...] | None) -> None:
    with db.write_connection() as conn:
        if saved is None:
            conn.execute(text("DELETE FROM sync_state WHERE id = 1"))
        else:
            conn.execute(
                text(
                    "UPDATE sync_state SET cadre_username = :u, cadre_name = :n, cadre_role = :r WHERE id = 1"
                ),
                {"u": saved[0], "n": saved[1], "r": saved[2]},
            )


def capture(shots: Any) -> None:
    from yulu_desktop.ui import screen_fit
    from yulu_desktop.ui.subsidy.dashboard_page import DashboardPage

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    today = dt.date.today()
    term = current_term(today)
    saved: list[tuple[Any, ...] | None] = []
    shots.worker.submit(lambda db: _prepare(db, term, today), saved.append)
    shots.settle()
    assert len(saved) == 1, "the demo data could not be prepared for the pictures (see the error above)"

    page = DashboardPage(shots.worker, "王县")
    page.setWindowTitle("雨露计划补助 · 统计图表")
    screen_fit.fit_to_screen(page, 1280, 760)
    page.show()
    page.set_term(term)
    shots.settle()
    board = page.board
    assert board is not None
    shots.save(page, f"subsidy-dashboard-states{suffix}")

    # The list behind a bar: the first township's applications in 县审定 (as a click on its bar lists them).
    busiest = max(board.units, key=lambda u: u.total.value)
    page.drill(busiest.states["county_approved"], f"{busiest.unit_name} · 县审定")
    shots.settle()
    shots.save(page, f"subsidy-dashboard-drill{suffix}")

    for tab, name in (
        (page.overdue_tab, "overdue"),
        (page.amounts_tab, "amounts"),
        (page.coverage_tab, "coverage"),
    ):
        page.tabs.setCurrentWidget(tab)
        shots.wait(100)
        shots.save(page, f"subsidy-dashboard-{name}{suffix}")
    page.tabs.setCurrentWidget(page.coverage_tab)
    page.drill(board.totals.not_applied, "合计 · 符合条件未申请")
    shots.settle()
    shots.save(page, f"subsidy-dashboard-not-applied{suffix}")

    # Per village (a township's view).
    page.tabs.setCurrentWidget(page.states_tab)
    page.level_combo.setCurrentIndex(page.level_combo.findData("village"))
    page.level_combo.activated.emit(page.level_combo.currentIndex())
    shots.settle()
    shots.save(page, f"subsidy-dashboard-villages{suffix}")
    page.close()
    shots.worker.submit(lambda db: _restore(db, saved[0] if saved else None))
    shots.settle()
