"""雨露计划补助: the top-level window of the subsidy cycle, with a term selector and the pages of the laptop's role.

The role comes from enrollment (``services.acting.current_actor``), read on the database worker before the tabs
are built: a village laptop gets 申请 and 公示, a township laptop 乡镇审核 and 统计图表, a county laptop 县审定,
发放批次, 台账, 规则 and 统计图表. What a role may not do is not shown at all (the county server refuses it anyway).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from yulu_desktop.domain import rules, subsidy_cycle
from yulu_desktop.domain.access import Actor
from yulu_desktop.services import acting, subsidy
from yulu_desktop.services.today import current_term
from yulu_desktop.store.database import Database
from yulu_desktop.ui.role_window import RoleTabsWindow, Tab, open_window, present
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.worker import DbWorker

__all__ = ["TABS", "SubsidyWindow", "Tab", "open_subsidy_window", "terms_around"]


_PACKAGE = "yulu_desktop.ui.subsidy"
_DASHBOARD = Tab("dashboard", "统计图表", f"{_PACKAGE}.dashboard_page", "DashboardPage")

#: The tabs of each level, in order.
TABS: dict[subsidy_cycle.Level, tuple[Tab, ...]] = {
    subsidy_cycle.Level.VILLAGE: (
        Tab("apply", "申请", f"{_PACKAGE}.apply_page", "ApplyPage"),
        Tab("publicity", "公示", f"{_PACKAGE}.publicity_page", "PublicityPage"),
    ),
    subsidy_cycle.Level.TOWNSHIP: (
        Tab("township", "乡镇审核", f"{_PACKAGE}.township_page", "TownshipPage"),
        _DASHBOARD,
    ),
    subsidy_cycle.Level.COUNTY: (
        Tab("county", "县审定", f"{_PACKAGE}.county_page", "CountyApprovalPage"),
        Tab("payment", "发放批次", f"{_PACKAGE}.payment_page", "PaymentPage"),
        Tab("ledger", "台账", f"{_PACKAGE}.ledger_page", "LedgerPage"),
        Tab("rules", "规则", f"{_PACKAGE}.rules_page", "RulesPage"),
        _DASHBOARD,
    ),
}


def terms_around(day: date, *, back: int = 5) -> list[str]:
    """The term of ``day``, the next one and ``back`` terms before it, newest first ("2025-autumn")."""
    current = current_term(day)
    parsed = rules.parse_term(current)
    assert parsed is not None
    year, semester = parsed
    # Terms in order: (2025, spring) < (2025, autumn) < (2026, spring); number them to step back and forth.
    number = year * 2 + (1 if semester == "autumn" else 0)
    terms = []
    for n in range(number + 1, number - back - 1, -1):
        terms.append(f"{n // 2}-{'autumn' if n % 2 else 'spring'}")
    return terms


class SubsidyWindow(RoleTabsWindow):
    """The 雨露计划补助 window: a term combo and the pages of the laptop's role in tabs."""

    pages: dict[str, SubsidyPage]

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(worker, actor, parent, kind="subsidy")
        self.setWindowTitle(self.tr("雨露计划补助"))
        self._pending_application: tuple[str, str] | None = None

        self.term_combo = QComboBox()
        self.term_combo.setObjectName("subsidyTerm")
        day = today or date.today()
        for term in terms_around(day):
            self.term_combo.addItem(rules.term_label(term), term)
        self.term_combo.setCurrentIndex(self.term_combo.findData(current_term(day)))
        self.term_combo.currentIndexChanged.connect(lambda _i: self._term_changed())
        term_label = QLabel(self.tr("学期(&T)："))
        term_label.setBuddy(self.term_combo)
        self.lay_out(term_label, self.term_combo, self.tr("正在读取本机账号的角色……"))

        name = actor

        def job(db: Database) -> Actor:
            return acting.current_actor(db, name)

        worker.submit(job, self._build_tabs)

    @property
    def term(self) -> str:
        return str(self.term_combo.currentData() or "")

    def set_term(self, term: str) -> None:
        index = self.term_combo.findData(term)
        if index < 0:
            self.term_combo.addItem(rules.term_label(term), term)
            index = self.term_combo.count() - 1
        self.term_combo.setCurrentIndex(index)

    def _build_tabs(self, actor: Actor) -> None:
        levels = {
            subsidy_cycle.Level.VILLAGE: self.tr("村级账号"),
            subsidy_cycle.Level.TOWNSHIP: self.tr("乡镇账号"),
            subsidy_cycle.Level.COUNTY: self.tr("县级账号"),
        }
        self.show_role(actor, levels, self.tr("{0} · {1}"))
        assert self.level is not None
        titles = {  # literal, so that lupdate finds them
            "apply": self.tr("申请"),
            "publicity": self.tr("公示"),
            "township": self.tr("乡镇审核"),
            "county": self.tr("县审定"),
            "payment": self.tr("发放批次"),
            "ledger": self.tr("台账"),
            "rules": self.tr("规则"),
            "dashboard": self.tr("统计图表"),
        }
        self.add_pages(TABS[self.level], titles, lambda cls: cls(self.worker, self.actor, self))
        self._term_changed()
        self.ready.emit()
        if self._pending_application is not None:
            self.open_application(*self._pending_application)

    def _term_changed(self) -> None:
        term = self.term
        for page in self.pages.values():
            page.set_term(term)

    def open_application(self, application_id: str, term: str) -> None:
        """Show the term of an application and select it on the first page of this role that lists it."""
        if self.level is None:  # the tabs come when the role is known
            self._pending_application = (application_id, term)
            return
        self._pending_application = None
        self.set_term(term)
        pages = [p for p in self.pages.values() if hasattr(p, "select_application")]
        for page in pages:
            if page.select_application(application_id):
                self.tabs.setCurrentWidget(page)
                return
        # Not shown yet: the pages are loading the term; select it once one of them shows it.
        for page in pages:
            loaded = getattr(page, "loaded", None)
            if loaded is not None:
                _once(loaded, functools.partial(self._select_loaded, page, application_id))

    def open_person_application(self, person_id: str, term: str) -> None:
        """Open the application of a person for a term (今日工作's returned applications name the person)."""

        def job(db: Database) -> str | None:
            rows = subsidy.applications(db, term=term)
            return next((a.id for a in rows if a.person_id == person_id), None)

        def found(application_id: str | None) -> None:
            if application_id is None:
                self.set_term(term)
            else:
                self.open_application(application_id, term)

        self.worker.submit(job, found)

    def _select_loaded(self, page: Any, application_id: str) -> None:
        if page.select_application(application_id):
            self.tabs.setCurrentWidget(page)


def _once(signal: Any, slot: Callable[[], None]) -> None:
    """Connect ``slot`` to ``signal`` for its next emission only."""

    def run(*_args: object) -> None:
        signal.disconnect(run)
        slot()

    signal.connect(run)


def open_subsidy_window(
    worker: DbWorker,
    actor: str,
    *,
    parent: QWidget | None = None,
    application_id: str | None = None,
    term: str | None = None,
    person_opener: Callable[[str], object] | None = None,
) -> SubsidyWindow:
    """Show the subsidy window of ``worker``'s database (one per worker), optionally on one application."""
    window = open_window(
        SubsidyWindow,
        worker,
        parent=parent,
        person_opener=person_opener,
        create=lambda owner: SubsidyWindow(worker, actor, owner),
    )
    if application_id is not None and term:
        window.open_application(application_id, term)
    elif term:
        window.set_term(term)
    present(window)
    return window
