"""Screenshots of the graduate side of 雨露计划就业 (issue 16): the person window's 就业帮扶 tab (matched positions
with their reasons, referrals, follow-ups, placement actions, plan history), its dialogs (career plan review,
录用, 稳岗回访, 未就业措施), 匹配毕业生 for a position, and the 未就业 and 稳岗回访 pages; at QT_SCALE_FACTOR=1.25 the
names end in -125. Reads the demo data only (the dialogs are shown, never accepted)."""

from __future__ import annotations

import os
from typing import Any

from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.services import employment_reference, employment_stats, placement
from yulu_desktop.store.database import Database


def _pick(db: Database) -> dict[str, str]:
    """A graduate with an open referral and one in a job with a follow-up, and the busiest open position."""
    open_referrals = [r for r in placement.referrals(db) if r.state in ("referred", "interview")]
    due = placement.follow_ups_due(db, within_days=30)
    positions = sorted(
        employment_reference.positions(db, open_only=True), key=lambda p: (-p.referred, p.title)
    )
    unemployed = employment_stats.unemployed_graduates(db)
    return {
        "seeker": open_referrals[0].person_id if open_referrals else unemployed[0].person_id,
        "employed": due[0].person_id if due else "",
        "position": positions[0].id if positions else "",
    }


def capture(shots: Any) -> None:
    from yulu_desktop.ui import screen_fit
    from yulu_desktop.ui.employment.follow_up_page import FollowUpPage
    from yulu_desktop.ui.employment.match_dialog import GraduatesForPositionDialog
    from yulu_desktop.ui.employment.placement_dialogs import (
        FollowUpDialog,
        OutcomeDialog,
        PlacementActionDialog,
    )
    from yulu_desktop.ui.employment.unemployed_page import UnemployedPage
    from yulu_desktop.ui.person.window import PLACEMENT_TAB

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    picked: list[dict[str, str]] = []
    shots.worker.submit(_pick, picked.append)
    shots.settle()
    assert picked, "the demo data has no employment work (see the error above)"
    ids = picked[0]

    # The 就业帮扶 tab of a graduate looking for work: each section.
    person = shots.window.open_person(ids["seeker"])
    shots.settle()
    person.tabs.setCurrentIndex(PLACEMENT_TAB)
    tab = person.placement
    shots.settle()
    for number, name in enumerate(("positions", "referrals", "follow-ups", "actions", "plans")):
        tab.sections.setCurrentIndex(number)
        if name == "positions" and tab.positions.rowCount():
            tab.positions_view.selectRow(0)
        if name == "referrals" and tab.referrals.rowCount():
            tab.referrals_view.selectRow(0)
        shots.wait(100)
        shots.save(person, f"employment-person-{name}{suffix}")

    # Its dialogs (shown, not accepted).
    current = tab.data.plans[0] if tab.data.plans else None
    from yulu_desktop.ui.employment.placement_dialogs import CareerPlanDialog

    dialogs = [
        (CareerPlanDialog(ids["seeker"], current, parent=tab), "plan"),
        (OutcomeDialog("hired", "宏达机械 数控车床操作工", pay_min_fen=350000, parent=tab), "hire"),
        (OutcomeDialog("declined", "康宁医院 护理员", parent=tab), "declined"),
        (PlacementActionDialog(person.file.person.name if person.file else "", parent=tab), "action"),
    ]
    for dialog, name in dialogs:
        dialog.show()
        shots.wait(150)
        shots.save(dialog, f"employment-dialog-{name}{suffix}")
        dialog.close()
    person.close()

    # A graduate in a job: the follow-ups, and the follow-up dialog.
    if ids["employed"]:
        person = shots.window.open_person(ids["employed"])
        shots.settle()
        person.tabs.setCurrentIndex(PLACEMENT_TAB)
        person.placement.sections.setCurrentIndex(2)
        shots.wait(100)
        shots.save(person, f"employment-person-in-job{suffix}")
        dialog = FollowUpDialog(
            "宏达机械 数控车床操作工，2025-07-15上岗，第3个月回访（应在2025-10-15）", 3, parent=person
        )
        dialog.show()
        shots.wait(150)
        shots.save(dialog, f"employment-dialog-follow-up{suffix}")
        dialog.close()
        person.close()

    # 匹配毕业生 for the busiest open position.
    if ids["position"]:
        match = GraduatesForPositionDialog(shots.worker, "李明", ids["position"], shots.window)
        shots.settle()
        if match.model.rowCount():
            match.view.selectRow(0)
        shots.wait(100)
        shots.save(match, f"employment-match-graduates{suffix}")
        match.close()

    # The 未就业 and 稳岗回访 pages (as the county sees them).
    acting = Actor("王县", Role.COUNTY)
    for page_class, name in ((UnemployedPage, "unemployed"), (FollowUpPage, "follow-ups")):
        page = page_class(shots.worker, "王县", acting)
        page.setWindowTitle("雨露计划就业")
        screen_fit.fit_to_screen(page, 1200, 680)
        page.show()
        page.refresh()
        shots.settle()
        if page.model.rowCount():
            page.view.selectRow(0)
        shots.wait(100)
        shots.save(page, f"employment-{name}{suffix}")
        page.close()
