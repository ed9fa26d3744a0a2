"""The main window's 页面 menu: every page, the search box and 新增走访 with their shortcuts beside them.

The toolbar's buttons show their shortcut only in a tooltip; a menu shows it always (Qt prints an action's
shortcut next to its text), so a cadre who opens the menu learns Ctrl+0 … Ctrl+6, Ctrl+F and Ctrl+Shift+N.
The menu holds the toolbar's own actions: one action, one shortcut (two actions with the same shortcut would
make it ambiguous, and neither would fire).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from yulu_desktop.ui.i18n import translate


def install(window: Any) -> QMenu:
    """Add 页面(&G) to ``window``'s menu bar (a ui.main_window.MainWindow); the menu."""
    menu = QMenu(translate("KeyboardMenu", "页面(&G)"), window)
    menu.setObjectName("pagesMenu")
    today = getattr(window, "today_action", None)
    if isinstance(today, QAction):
        menu.addAction(today)
    for action in window.page_actions.values():
        menu.addAction(action)
    menu.addSeparator()
    find = next(
        (a for a in window.actions() if a.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)), None
    )
    if find is not None:
        find.setText(translate("KeyboardMenu", "搜索"))
        menu.addAction(find)
    visit: QAction = window.new_visit_action
    visit.setToolTip(
        translate("KeyboardMenu", "新增走访 ({0})").format(
            visit.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        )
    )
    menu.addAction(visit)
    bar = window.menuBar()
    first = bar.actions()[0] if bar.actions() else None
    bar.insertMenu(first, menu)  # first: where the eye starts
    return menu
