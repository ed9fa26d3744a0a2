"""Screenshots of the 统计图表 page of the 雨露计划就业 window (issue 16): the county's view of every graduation year
and of the latest one, each breakdown's chart beside its table, the list behind a figure, and the month picker of
打印月报; at QT_SCALE_FACTOR=1.25 the names end in -125.

Uses the demo database of the screenshot run as it is (its employment data comes from services.demo_employment)
and shows the page as the county sees it (the page reads no role: the county's account is only its title).
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from yulu_desktop.domain.access import Actor, Role

ACTOR = "王县"


def capture(shots: Any) -> None:
    from yulu_desktop.services import employment_stats as es
    from yulu_desktop.ui import screen_fit
    from yulu_desktop.ui.employment.dashboard_page import EmploymentDashboardPage, MonthDialog

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    years: list[list[int]] = []
    shots.worker.submit(es.graduation_years, years.append)
    shots.settle()

    page = EmploymentDashboardPage(shots.worker, ACTOR, Actor(ACTOR, Role.COUNTY))
    page.setWindowTitle("雨露计划就业 · 统计图表")
    screen_fit.fit_to_screen(page, 1280, 760)
    page.show()
    page.refresh()
    shots.settle()
    shots.save(page, f"employment-dashboard-all{suffix}")
    if years and years[0]:
        page.set_graduation_year(years[0][0])
        shots.settle()
    board = page.board
    assert board is not None, "the dashboard did not load (see the error above)"
    for number, tab in enumerate(page.chart_tabs):
        page.tabs.setCurrentWidget(tab)
        shots.wait(150)
        shots.save(
            page, f"employment-dashboard-{number + 1}-{tab.objectName()[len('employment') :].lower()}{suffix}"
        )

    # The list behind a figure: the latest year's graduates not placed (the summary's 未落实).
    page.tabs.setCurrentWidget(page.units_tab)
    dialog = page.drill(board.totals.drill_unplaced, "合计 · 未落实")
    shots.settle()
    shots.save(dialog, f"employment-dashboard-drill{suffix}")
    dialog.close()

    month = MonthDialog(date.today(), page)
    month.show()
    shots.wait(150)
    shots.save(month, f"employment-dashboard-month{suffix}")
    month.reject()
    page.close()
    shots.settle()
