"""Open every top-level window and dialog of the app on a virtual 1366x768 laptop screen and print its size.

Run by tests/ui/test_window_sizes.py in a subprocess with ``QT_QPA_PLATFORM=offscreen:configfile=…`` (a 1366x728
screen: 768 less a 40 px taskbar) and ``QT_SCALE_FACTOR`` 1 or 1.25; ``YULU_HOME`` holds ``demo.db`` (demo
passphrase). Prints one JSON object per line: name, width, height (logical pixels, without the window frame),
the minimum width and height, and whether ``ui.screen_fit.fits`` says the window fits with its frame.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from yulu_desktop.ui import i18n, screen_fit
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.app import DEMO_PASSPHRASE, _open_and_wait
from yulu_desktop.ui.dialogs import FirstRunDialog, UnlockDialog, open_and_upgrade
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.visit_dialog import VisitDialog
from yulu_desktop.ui.worker import DbWorker


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(worker: DbWorker) -> None:
    for _ in range(200):
        wait(20)
        if worker.pending == 0:
            wait(50)
            return


def clipped(window: QWidget) -> list[str]:
    """Texts of visible labels and buttons narrower than their text needs (cut-off Chinese)."""
    found = []
    for widget in window.findChildren(QWidget):
        if not widget.isVisibleTo(window) or not isinstance(widget, (QLabel, QAbstractButton)):
            continue
        if isinstance(widget, QLabel) and (
            widget.wordWrap() or not widget.text() or widget.pixmap() is not None
        ):
            continue
        if isinstance(widget, QAbstractButton) and not widget.text():
            continue
        if widget.width() < widget.minimumSizeHint().width():
            found.append(widget.text())
    return found


def report(name: str, widget: QWidget) -> None:
    window = widget.window()
    size, minimum = window.size(), window.minimumSize().expandedTo(window.minimumSizeHint())
    room = screen_fit.room(window)
    print(
        json.dumps(
            {
                "name": name,
                "width": size.width(),
                "height": size.height(),
                "min_width": minimum.width(),
                "min_height": minimum.height(),
                "room_width": room.width(),
                "room_height": room.height(),
                "fits": screen_fit.fits(window),
                "clipped": clipped(window),
            }
        ),
        flush=True,
    )


def main() -> int:
    app = QApplication(sys.argv[:1])
    i18n.install_translators(app, "zh_CN")
    i18n.register_font(app)
    home = Path(os.environ["YULU_HOME"])
    settings = ui_settings.open_settings()
    worker = DbWorker()
    error = _open_and_wait(worker, open_and_upgrade(home / "demo.db", DEMO_PASSPHRASE, create=False))
    if error is not None:
        print(error, file=sys.stderr)
        return 1
    window = MainWindow(worker, settings)
    window.show()
    settle(worker)
    report("main", window)
    # The status bar's labels side by side, as wide as their texts want (they must not overlap or clip).
    labels = [label for label in window.statusBar().findChildren(QLabel) if label.isVisible()]
    print(
        json.dumps(
            {
                "name": "status_bar",
                "needed": sum(label.sizeHint().width() + 12 for label in labels),
                "width": window.statusBar().width(),
                "texts": [label.text() for label in labels],
            },
            ensure_ascii=False,
        ),
        flush=True,
    )

    def person_id() -> str:
        from yulu_desktop.services import lists

        found: list[str] = []
        worker.submit(lambda db: lists.fetch(db, "students", limit=1)[0].person_id, found.append)
        settle(worker)
        return found[0]

    def person() -> QWidget:
        return window.open_person(person_id())

    def print_preview() -> QWidget:
        person_window = window.open_person(person_id())
        settle(worker)
        preview = person_window.print_dossier()
        settle(worker)
        return preview

    def export() -> QWidget:
        window.show_page("graduates")
        settle(worker)
        return window.current_page().export_excel()

    def lock() -> QWidget:
        window.idle_lock.lock()
        dialog = window.idle_lock.dialog
        assert dialog is not None
        return dialog

    openers: dict[str, Callable[[], QWidget]] = {
        "visit": lambda: window.new_visit(),
        "person": person,
        "print_preview": print_preview,
        "export": export,
        "import_wizard": lambda: window.open_import(),
        "conflicts": lambda: window.open_conflicts(),
        "reconcile": lambda: window.open_reconcile(),
        "users": lambda: window.open_users(),
        "publicity": lambda: window.print_publicity() or window,
        "unlock": lambda: UnlockDialog(worker, home / "demo.db"),
        "first_run": lambda: FirstRunDialog(worker, home / "new.db"),
        "visit_standalone": lambda: VisitDialog(worker, settings, "李明"),
        "lock": lock,
    }
    only = set(sys.argv[1:])
    for name, opener in openers.items():
        if only and name not in only:
            continue
        widget = opener()
        widget.window().show()
        settle(worker)
        wait(100)
        report(name, widget)
        if name != "lock":
            for top in QApplication.topLevelWidgets():
                if top is not window and top.isVisible():
                    top.close()
            settle(worker)
    sys.stdout.flush()
    os._exit(0)  # measured; the lock dialog stays up (unlocking is not what this script is about)


if __name__ == "__main__":
    sys.exit(main())
