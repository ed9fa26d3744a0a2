"""The main window's entries of this package: 同步 → 连接县服务器…, 设置 → 我的信息… / 设置…, a 帮助 menu (帮助,
关于), F5 and the USB export opening the enrollment dialog on a laptop not enrolled, and the empty window's hint.
``install`` is the main window's one call; everything else lives here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from yulu_desktop.services import lists, profile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.setup.empty_hint import EmptyHint
from yulu_desktop.ui.setup.help_dialogs import AboutDialog, HelpDialog
from yulu_desktop.ui.setup.profile_dialog import ProfileDialog

if TYPE_CHECKING:
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.setup.enroll_dialog import EnrollDialog
    from yulu_desktop.ui.setup.settings_dialog import SettingsDialog


def _menu(window: MainWindow, name: str) -> QMenu | None:
    found = window.menuBar().findChild(QMenu, name)
    return found if isinstance(found, QMenu) else None


@dataclass
class SetupActions:
    """What ``install`` added to the window (``MainWindow.setup``)."""

    enroll: QAction
    profile: QAction
    settings: QAction
    help: QAction
    about: QAction
    empty_hint: EmptyHint
    enroll_dialog: EnrollDialog | None = None


def _prepend(menu: QMenu | None, *actions: QAction) -> None:
    """``actions`` at the top of ``menu``, then a separator."""
    if menu is None:
        return
    existing = menu.actions()
    if not existing:
        menu.addActions(list(actions))
        return
    for action in actions:
        menu.insertAction(existing[0], action)
    menu.insertSeparator(existing[0])


def install(window: MainWindow) -> SetupActions:
    """Add this package's actions to the window's menus, and the empty window's hint panel."""
    enroll = QAction(window.tr("连接县服务器…"), window)
    enroll.setObjectName("enrollAction")
    enroll.triggered.connect(lambda: open_enroll(window))
    _prepend(_menu(window, "syncMenu"), enroll)
    my_info = QAction(window.tr("我的信息…"), window)
    my_info.triggered.connect(lambda: open_profile(window))
    settings = QAction(window.tr("设置…"), window)
    settings.setShortcut(QKeySequence("Ctrl+,"))
    settings.triggered.connect(lambda: open_settings(window))
    _prepend(_menu(window, "settingsMenu"), my_info, settings)
    help_menu = window.menuBar().addMenu(window.tr("帮助(&H)"))
    help_menu.setObjectName("helpMenu")
    help_action = help_menu.addAction(window.tr("帮助"))
    help_action.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
    help_action.triggered.connect(lambda: open_help(window))
    about = help_menu.addAction(window.tr("关于雨露…"))
    about.triggered.connect(lambda: open_about(window))
    return SetupActions(enroll, my_info, settings, help_action, about, EmptyHint(window))


def _database(window: MainWindow) -> Database:
    db = window.worker.database
    if db is None:
        raise RuntimeError("the window has no open database")
    return db


def _is_enrolled(db: Database) -> bool:
    """Enrolled, and not stopped before its first download was matched (then the dialog picks it up)."""
    from yulu_desktop.sync import (
        enrollment,
        local,  # the sync protocol (pydantic) is loaded when sync is used
    )

    with db.read_connection() as conn:
        return local.read_state(conn).enrolled and not enrollment.first_download_unfinished(conn)


def enrolled_then(window: MainWindow, then: Callable[[], None]) -> None:
    """``then()`` on an enrolled laptop; else the enrollment dialog (and ``then()`` once it has enrolled)."""

    def decide(enrolled: bool) -> None:
        if enrolled:
            then()
        else:
            dialog = open_enroll(window)
            dialog.accepted.connect(lambda: then() if _is_enrolled(_database(window)) else None)

    window.worker.submit(_is_enrolled, decide)


def sync_or_enroll(window: MainWindow) -> None:
    """F5 / 立即同步: sync (or cancel a running one); on a laptop not enrolled, connect it first."""
    sync = window.sync
    if sync is None:
        return
    if sync.running:
        sync.cancel()
        return

    def decide(enrolled: bool) -> None:
        if enrolled:
            sync.sync_now()
        else:
            open_enroll(window)

    window.worker.submit(_is_enrolled, decide)


def open_enroll(window: MainWindow) -> EnrollDialog:
    """同步 → 连接县服务器…; afterwards the window refreshes as after a sync."""
    # Enrollment brings the sync client (httpx, pydantic): loaded when the cadre connects, not at start-up.
    from yulu_desktop.sync import enrollment, local
    from yulu_desktop.ui.setup.enroll_dialog import EnrollDialog

    with _database(window).read_connection() as conn:
        server = local.read_state(conn).server_url
        resume = enrollment.first_download_unfinished(conn)
    dialog = EnrollDialog(_database(window), window, actor=window.actor, server=server, resume=resume)
    dialog.setObjectName("enrollDialog")
    dialog.enrolled.connect(lambda _result: _enrolled(window))
    dialog.finished.connect(lambda _code: _after_enroll(window))
    window.setup.enroll_dialog = dialog
    dialog.open()
    return dialog


def _enrolled(window: MainWindow) -> None:
    set_actor(window, profile.load(_database(window)).name or window.actor)


def _after_enroll(window: MainWindow) -> None:
    # The county's units and the village's data arrived: the tree, the lists and the counts anew.
    window.worker.submit(lambda db: lists.org_tree(db), window._tree_loaded)
    for page in window.pages.values():
        page.stale = True
    window.show_page(window.current_kind)
    window.refresh_pending()
    window.setup.empty_hint.check()


def set_actor(window: MainWindow, name: str) -> None:
    """A new name from 我的信息 (or enrollment) for the visitor default, printing and the audit log."""
    if window.local_user or not name:
        return  # a local user who unlocked acts under their own name
    window.actor = name
    for page in window.pages.values():
        page.actor = name


def open_profile(window: MainWindow) -> ProfileDialog:
    dialog = ProfileDialog(window.worker, window, saved=lambda saved: set_actor(window, saved.name))
    dialog.setObjectName("profileDialog")
    dialog.open()
    return dialog


def open_settings(window: MainWindow) -> SettingsDialog:
    # Its server address section brings the sync client (httpx, pydantic): loaded when opened.
    from yulu_desktop.ui.setup.settings_dialog import SettingsDialog

    dialog = SettingsDialog(
        _database(window), window.settings, window, idle_minutes_changed=window.idle_lock.set_idle_minutes
    )
    dialog.setObjectName("settingsDialog")
    dialog.open()
    return dialog


def open_help(window: MainWindow) -> HelpDialog:
    dialog = HelpDialog(window)
    dialog.open()
    return dialog


def open_about(window: MainWindow) -> AboutDialog:
    dialog = AboutDialog(window.worker.database, window.worker.path, window)
    dialog.open()
    return dialog
