"""同步冲突 in a window of its own: the conflicts page with 关闭 (and Esc, and the window's close button), sized to
fit a 1366x768 laptop at 100% and 125%."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from yulu_desktop.ui.closing import add_close_controls
from yulu_desktop.ui.conflicts_page import ConflictsPage
from yulu_desktop.ui.screen_fit import fit_to_screen
from yulu_desktop.ui.worker import DbWorker


def conflicts_window(worker: DbWorker, actor: str, parent: QWidget) -> ConflictsPage:
    """A dialog holding a new ConflictsPage (not shown yet); the page (its ``window()`` is the dialog)."""
    dialog = QDialog(parent)
    dialog.setObjectName("conflictsWindow")
    dialog.setWindowTitle(QCoreApplication.translate("ConflictsWindow", "同步冲突"))
    page = ConflictsPage(worker, author=actor, parent=dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(page)
    add_close_controls(dialog)  # a QDialog closes on Esc by itself; the button is what a cadre looks for
    fit_to_screen(dialog, 1000, 520)
    return page
