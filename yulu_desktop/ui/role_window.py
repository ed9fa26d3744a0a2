"""A top-level window whose tabs depend on the laptop's role (the subsidy and employment windows).

The role comes from enrollment (``services.acting.current_actor``), read on the database worker before the tabs
are built; until then the window says so. The tabs of each level are ``Tab``s naming the module and class of
their page, imported by name: a page module not in this build is left out (logged), nothing else is. A person
opened from a page goes to ``person_opener`` when set (the main window's ``open_person``), else ``openPerson``.
There is one window of a kind per database worker (``open_window``).

What is the window's own — its title, the selector on top (a term, a graduation year), the texts of the levels —
stays in the subclass, so that its strings keep their translation context.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.access import Actor
from yulu_desktop.domain.subsidy_cycle import Level, level_of
from yulu_desktop.ui import screen_fit
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.worker import DbWorker

__all__ = ["RoleTabsWindow", "Tab", "open_window", "page_class", "present"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Tab:
    """A page of the window: its key, title, and where its class lives."""

    key: str
    title: str
    module: str
    name: str


def page_class(tab: Tab, kind: str) -> Any:
    """The class of a tab's page. A page module not in this build is left out (logged), nothing else is."""
    try:
        module = importlib.import_module(tab.module)
    except ModuleNotFoundError as exc:
        if exc.name != tab.module:
            raise
        log.warning("%s page %s is not in this build", kind, tab.module)
        return None
    return getattr(module, tab.name)


class RoleTabsWindow(QMainWindow):
    """A window of tabs by role: ``role_label``, ``tabs``, ``loading`` and the pages by key (``pages``)."""

    openPerson = Signal(str)
    #: The role is known and the tabs are built.
    ready = Signal()

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None, *, kind: str) -> None:
        super().__init__(parent)
        self.kind = kind
        self.setObjectName(f"{kind}Window")
        self.setWindowIcon(icon("app"))
        if parent is not None:
            # A window of its own (not embedded), yet closed with the main window.
            self.setWindowFlag(Qt.WindowType.Window, True)
        self.worker = worker
        self.actor = actor
        self.acting: Actor | None = None
        self.level: Level | None = None
        self.pages: dict[str, Any] = {}
        self.person_opener: Callable[[str], object] | None = None
        self.role_label = QLabel()
        self.role_label.setObjectName(f"{kind}Role")
        self.tabs = QTabWidget()
        self.tabs.setObjectName(f"{kind}Tabs")
        self.tabs.setDocumentMode(True)
        self.loading = QLabel()

    def lay_out(self, selector_label: QLabel, selector: QWidget, loading_text: str) -> None:
        """The selector on top (and the role on the right), the loading line, the tabs; Ctrl+W closes."""
        self.loading.setText(loading_text)
        top = QHBoxLayout()
        top.addWidget(selector_label)
        top.addWidget(selector)
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

    def show_role(self, actor: Actor, levels: dict[Level, str], pattern: str) -> None:
        """Keep the account and its level; show ``pattern`` ("{0} · {1}") with the name and the level's text."""
        self.acting = actor
        self.level = level_of(actor.role)
        self.role_label.setText(pattern.format(actor.name, levels[self.level]))

    def add_pages(self, tabs: Iterable[Tab], titles: dict[str, str], make: Callable[[Any], QWidget]) -> None:
        """A tab for each of ``tabs`` whose page is in this build (``make(page_class)`` makes the page)."""
        for tab in tabs:
            cls = page_class(tab, self.kind)
            if cls is None:
                continue
            page: Any = make(cls)
            page.openPerson.connect(self._open_person)
            self.pages[tab.key] = page
            self.tabs.addTab(page, titles.get(tab.key, tab.title))
        self.loading.hide()

    def page(self, key: str) -> Any:
        """The page with ``key``, or None when this role has no such tab."""
        return self.pages.get(key)

    def show_tab(self, key: str) -> bool:
        page = self.pages.get(key)
        if page is None:
            return False
        self.tabs.setCurrentWidget(page)
        return True

    def _open_person(self, person_id: str) -> None:
        if self.person_opener is not None:
            self.person_opener(person_id)
            return
        self.openPerson.emit(person_id)


W = TypeVar("W", bound=RoleTabsWindow)


def open_window(
    window_class: type[W],
    worker: DbWorker,
    *,
    parent: QWidget | None,
    person_opener: Callable[[str], object] | None,
    create: Callable[[QWidget | None], W],
) -> W:
    """The window of ``window_class`` of ``worker``'s database (one per worker), made with ``create(parent)``
    when there is none yet; ``person_opener`` set when given. The caller shows it (``present``)."""
    window = next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, window_class) and w.worker is worker),
        None,
    )
    if window is None and parent is not None:
        window = next((w for w in parent.findChildren(window_class) if w.worker is worker), None)
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
        window = create(parent)
    if person_opener is not None:
        window.person_opener = person_opener
    return window


def present(window: QWidget) -> None:
    """Show ``window`` in front."""
    window.show()
    window.raise_()
    window.activateWindow()
