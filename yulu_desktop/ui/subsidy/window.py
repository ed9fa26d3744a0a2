"""雨露计划补助: the top-level window of the subsidy cycle, with a term selector and the pages of the laptop's role.

The role comes from enrollment (``services.acting.current_actor``), read on the database worker before the tabs
are built: a village laptop gets 申请 and 公示, a township laptop 乡镇审核 and 统计图表, a county laptop 县审定,
发放批次, 台账, 规则 and 统计图表. What a role may not do is not shown at all (the county server refuses it anyway).
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules, subsidy_cycle
from yulu_desktop.domain.access import Actor
from yulu_desktop.services import acting, subsidy
from yulu_desktop.services.today import current_term
from yulu_desktop.store.database import Database
from yulu_desktop.ui import screen_fit
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.worker import DbWorker

__all__ = ["TABS", "SubsidyWindow", "Tab", "open_subsidy_window", "terms_around"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tab:
    """A page of the window: its key, title, and where its class lives."""

    key: str
    title: str
    module: str
    name: str


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


class SubsidyWindow(QMainWindow):
    """The 雨露计划补助 window: a term combo and the pages of the laptop's role in tabs."""

    openPerson = Signal(str)
    #: The role is known and the tabs are built.
    ready = Signal()

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("subsidyWindow")
        self.setWindowTitle(self.tr("雨露计划补助"))
        self.setWindowIcon(icon("app"))
        if parent is not None:
            # A window of its own (not embedded), yet closed with the main window.
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.worker = worker
        self.actor = actor
        self.acting: Actor | None = None
        self.level: subsidy_cycle.Level | None = None
        self.pages: dict[str, SubsidyPage] = {}
        self.person_opener: Callable[[str], object] | None = None
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
        self.role_label = QLabel()
        self.role_label.setObjectName("subsidyRole")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("subsidyTabs")
        self.tabs.setDocumentMode(True)
        self.loading = QLabel(self.tr("正在读取本机账号的角色……"))

        top = QHBoxLayout()
        top.addWidget(term_label)
        top.addWidget(self.term_combo)
        top.addStretch(1)
        top.addWidget(self.role_label)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.loading)
        layout.addWidget(self.tabs, 1)
        self.setCentralWidget(central)

        close = QAction(self)
        close.setShortcut(QKeySequence(QKeySequence.StandardKey.Close))
        close.triggered.connect(self.close)
        self.addAction(close)
        screen_fit.fit_to_screen(self, 1280, 720)

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
        self.acting = actor
        self.level = subsidy_cycle.level_of(actor.role)
        level = {
            subsidy_cycle.Level.VILLAGE: self.tr("村级账号"),
            subsidy_cycle.Level.TOWNSHIP: self.tr("乡镇账号"),
            subsidy_cycle.Level.COUNTY: self.tr("县级账号"),
        }[self.level]
        self.role_label.setText(self.tr("{0} · {1}").format(actor.name, level))
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
        for tab in TABS[self.level]:
            page_class = _page_class(tab)
            if page_class is None:
                continue
            page = page_class(self.worker, self.actor, self)
            page.openPerson.connect(self._open_person)
            self.pages[tab.key] = page
            self.tabs.addTab(page, titles.get(tab.key, tab.title))
        self.loading.hide()
        self._term_changed()
        self.ready.emit()
        if self._pending_application is not None:
            self.open_application(*self._pending_application)

    def _term_changed(self) -> None:
        term = self.term
        for page in self.pages.values():
            page.set_term(term)

    def page(self, key: str) -> Any:
        """The page with ``key`` ("apply", "township" …), or None when this role has no such tab."""
        return self.pages.get(key)

    def show_tab(self, key: str) -> bool:
        page = self.pages.get(key)
        if page is None:
            return False
        self.tabs.setCurrentWidget(page)
        return True

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

    def _open_person(self, person_id: str) -> None:
        if self.person_opener is not None:
            self.person_opener(person_id)
            return
        self.openPerson.emit(person_id)


def _once(signal: Any, slot: Callable[[], None]) -> None:
    """Connect ``slot`` to ``signal`` for its next emission only."""

    def run(*_args: object) -> None:
        signal.disconnect(run)
        slot()

    signal.connect(run)


def _page_class(tab: Tab) -> Any:
    """The class of a tab's page. A page module not in this build is left out (logged), nothing else is."""
    try:
        module = importlib.import_module(tab.module)
    except ModuleNotFoundError as exc:
        if exc.name != tab.module:
            raise
        log.warning("subsidy page %s is not in this build", tab.module)
        return None
    return getattr(module, tab.name)


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
    window = next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, SubsidyWindow) and w.worker is worker),
        None,
    )
    if window is None and parent is not None:
        window = next(
            (w for w in parent.findChildren(SubsidyWindow) if w.worker is worker),
            None,
        )
    if window is None:
        if parent is None:
            # Opened from a person's file: belong to the main window of the same database (closed with it, and
            # a person opened here goes through it), when there is one.
            parent = next(
                (
                    w
                    for w in QApplication.topLevelWidgets()
                    if isinstance(w, QMainWindow)
                    and getattr(w, "worker", None) is worker
                    and callable(getattr(w, "open_person", None))
                ),
                None,
            )
            if parent is not None and person_opener is None:
                person_opener = parent.open_person  # type: ignore[attr-defined]
        window = SubsidyWindow(worker, actor, parent)
    if person_opener is not None:
        window.person_opener = person_opener
    if application_id is not None and term:
        window.open_application(application_id, term)
    elif term:
        window.set_term(term)
    window.show()
    window.raise_()
    window.activateWindow()
    return window
