"""Windows opened and closed while the application is locked are covered, and their covers do not keep them
alive (bench/bench_memory.py found every person file opened under the lock kept until unlocking)."""

from __future__ import annotations

import gc
import weakref

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from yulu_desktop.ui.lock import _Cover
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def _covered(widget: QDialog) -> bool:
    direct = Qt.FindChildOption.FindDirectChildrenOnly
    return any(c.isVisible() for c in widget.findChildren(_Cover, options=direct))


def _wait_covered(qtbot: QtBot, dialog: QDialog) -> None:
    qtbot.waitUntil(lambda: _covered(dialog), timeout=2000)


def test_windows_closed_under_the_lock_are_not_kept_by_their_covers(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    window.idle_lock.lock()
    assert window.idle_lock.locked

    closed: list[weakref.ref[QDialog]] = []
    for _ in range(5):
        dialog = QDialog(window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()  # a message from a background task, say
        _wait_covered(qtbot, dialog)
        closed.append(weakref.ref(dialog))
        with qtbot.waitSignal(dialog.destroyed, timeout=2000):
            dialog.close()
        del dialog
    last = QDialog(window)
    last.show()
    _wait_covered(qtbot, last)
    gc.collect()

    assert [ref for ref in closed if ref() is not None] == []
    assert len(window.idle_lock._covers) == 2  # the main window's and the last dialog's
    last.close()
