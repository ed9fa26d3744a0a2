"""雨露计划就业: the top-level window of issue 16, with a graduation-year selector and the pages of the laptop's role.

The role comes from enrollment (``services.acting.current_actor``), read on the database worker before the tabs
are built: a village laptop gets 岗位 and 招聘会 read only (plus inviting its own people), a township laptop edits
positions and fairs, a county laptop also keeps the schools, enterprises and cooperation agreements. Pages of
other modules are imported by module name: one not in this build is left out (logged).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from yulu_desktop.domain.access import Actor
from yulu_desktop.domain.subsidy_cycle import Level
from yulu_desktop.services import acting
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.page import EMPLOYMENT_ENTITIES, EmploymentPage
from yulu_desktop.ui.role_window import RoleTabsWindow, Tab, open_window, present
from yulu_desktop.ui.worker import DbWorker

__all__ = ["TABS", "EmploymentWindow", "Tab", "open_employment_window"]


_PACKAGE = "yulu_desktop.ui.employment"
SCHOOLS = Tab("schools", "学校", f"{_PACKAGE}.schools_page", "SchoolsPage")
ENTERPRISES = Tab("enterprises", "企业", f"{_PACKAGE}.enterprises_page", "EnterprisesPage")
AGREEMENTS = Tab("agreements", "合作协议", f"{_PACKAGE}.agreements_page", "AgreementsPage")
POSITIONS = Tab("positions", "岗位", f"{_PACKAGE}.positions_page", "PositionsPage")
FAIRS = Tab("fairs", "招聘会", f"{_PACKAGE}.fairs_page", "FairsPage")
UNEMPLOYED = Tab("unemployed", "未就业", f"{_PACKAGE}.unemployed_page", "UnemployedPage")
FOLLOW_UPS = Tab("follow_ups", "稳岗回访", f"{_PACKAGE}.follow_up_page", "FollowUpPage")
CAMPAIGNS = Tab("campaigns", "政策宣传", f"{_PACKAGE}.campaigns_page", "CampaignsPage")
DASHBOARD = Tab("dashboard", "统计图表", f"{_PACKAGE}.dashboard_page", "EmploymentDashboardPage")

_BELOW_COUNTY = (POSITIONS, FAIRS, UNEMPLOYED, FOLLOW_UPS, CAMPAIGNS, DASHBOARD)

#: The tabs of each level, in order (what a page lets a role do is decided by the page and the services).
TABS: dict[Level, tuple[Tab, ...]] = {
    Level.VILLAGE: _BELOW_COUNTY,
    Level.TOWNSHIP: _BELOW_COUNTY,
    Level.COUNTY: (SCHOOLS, ENTERPRISES, AGREEMENTS, *_BELOW_COUNTY),
}


def _graduation_years(db: Database) -> list[int]:
    """The graduation years on this laptop, newest first (none while the statistics service is missing)."""
    try:
        stats = importlib.import_module("yulu_desktop.services.employment_stats")
    except ModuleNotFoundError as exc:
        if exc.name != "yulu_desktop.services.employment_stats":
            raise
        return []
    return sorted({int(y) for y in stats.graduation_years(db)}, reverse=True)


class EmploymentWindow(RoleTabsWindow):
    """The 雨露计划就业 window: a graduation-year combo and the pages of the laptop's role in tabs."""

    pages: dict[str, EmploymentPage]

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(worker, actor, parent, kind="employment")
        self.setWindowTitle(self.tr("雨露计划就业"))
        self.today = today
        #: Pages to reload when next shown (data changed elsewhere while they were hidden).
        self.stale: set[str] = set()
        self._page_wrote = False

        self.year_combo = QComboBox()
        self.year_combo.setObjectName("employmentYear")
        self.year_combo.addItem(self.tr("全部"), None)
        self.year_combo.setMinimumContentsLength(6)
        self.year_combo.currentIndexChanged.connect(lambda _i: self._year_changed())
        year_label = QLabel(self.tr("毕业年份(&Y)："))
        year_label.setBuddy(self.year_combo)
        self.lay_out(year_label, self.year_combo, self.tr("正在读取本机账号的角色……"))

        name = actor

        def job(db: Database) -> tuple[Actor, list[int]]:
            return acting.current_actor(db, name), _graduation_years(db)

        worker.submit(job, self._build_tabs)
        worker.changed.connect(self._data_changed)

    @property
    def graduation_year(self) -> int | None:
        data = self.year_combo.currentData()
        return None if data is None else int(data)

    def set_graduation_year(self, year: int | None) -> None:
        index = self.year_combo.findData(year)
        if index < 0 and year is not None:
            self.year_combo.addItem(self.tr("{0}年").format(year), year)
            index = self.year_combo.count() - 1
        self.year_combo.setCurrentIndex(max(index, 0))

    def _build_tabs(self, result: tuple[Actor, list[int]]) -> None:
        actor, years = result
        levels = {
            Level.VILLAGE: self.tr("村级账号"),
            Level.TOWNSHIP: self.tr("乡镇账号"),
            Level.COUNTY: self.tr("县级账号"),
        }
        self.show_role(actor, levels, self.tr("{0} · {1}"))
        assert self.level is not None
        self.year_combo.blockSignals(True)
        for year in years:
            self.year_combo.addItem(self.tr("{0}年").format(year), year)
        self.year_combo.blockSignals(False)
        titles = {  # literal, so that lupdate finds them
            "schools": self.tr("学校"),
            "enterprises": self.tr("企业"),
            "agreements": self.tr("合作协议"),
            "positions": self.tr("岗位"),
            "fairs": self.tr("招聘会"),
            "unemployed": self.tr("未就业"),
            "follow_ups": self.tr("稳岗回访"),
            "campaigns": self.tr("政策宣传"),
            "dashboard": self.tr("统计图表"),
        }
        self.add_pages(TABS[self.level], titles, self._make_page)
        for page in self.pages.values():
            page.changed.connect(lambda origin=page: self._page_changed(origin))
        self.tabs.currentChanged.connect(lambda _i: self._shown())
        self._year_changed()
        self.ready.emit()

    def _make_page(self, page_class: Any) -> EmploymentPage:
        assert self.acting is not None
        page: EmploymentPage = page_class(self.worker, self.actor, self.acting, today=self.today, parent=self)
        return page

    def _year_changed(self) -> None:
        year = self.graduation_year
        for page in self.pages.values():
            page.set_graduation_year(year)

    def _page_changed(self, origin: EmploymentPage) -> None:
        """A page wrote something: the others reload (the page itself already did)."""
        for page in self.pages.values():
            if page is not origin:
                page.refresh()
        # The worker announces the write's entities right after this: already handled.
        self._page_wrote = True
        QTimer.singleShot(0, self._page_write_done)

    def _page_write_done(self) -> None:
        self._page_wrote = False

    def _data_changed(self, entities: object) -> None:
        """A write elsewhere (the person window, sync, import) changed data: the shown page reloads now, the
        others when next shown."""
        if self._page_wrote or not self.pages:
            return
        if not set(entities) & EMPLOYMENT_ENTITIES:  # type: ignore[call-overload]
            return
        current = self.tabs.currentWidget()
        for key, page in self.pages.items():
            if page.follows_changes:
                continue
            if page is current:
                page.refresh()
            else:
                self.stale.add(key)

    def _shown(self) -> None:
        current = self.tabs.currentWidget()
        for key, page in self.pages.items():
            if page is current and key in self.stale:
                self.stale.discard(key)
                page.refresh()


def open_employment_window(
    worker: DbWorker,
    actor: str,
    *,
    parent: QWidget | None = None,
    person_opener: Callable[[str], object] | None = None,
    today: date | None = None,
) -> EmploymentWindow:
    """Show the employment window of ``worker``'s database (one per worker)."""
    window = open_window(
        EmploymentWindow,
        worker,
        parent=parent,
        person_opener=person_opener,
        create=lambda owner: EmploymentWindow(worker, actor, owner, today=today),
    )
    present(window)
    return window
