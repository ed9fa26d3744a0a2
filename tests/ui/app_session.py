"""Run the real application (``yulu_desktop.ui.app.main(["--demo"])``) once, as a cadre would: the main window
opens, then a list page, a search with its popup, a person window, the visit dialog and the users dialog; all of
them are closed again, the main window last, and the process exits the normal way (no ``os._exit``).

Started by tests/ui/test_app_exit.py in a subprocess with ``YULU_HOME`` holding a prepared ``demo.db``. Prints
``windows opened: …`` and the references to True/False the session lost (``bool refs lost: T F``) on stdout.
"""

from __future__ import annotations

import gc
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget
from sqlalchemy import text

from yulu_desktop.store.database import Database
from yulu_desktop.ui import app as yulu_app
from yulu_desktop.ui.main_window import MainWindow


def _main_window() -> QWidget | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, MainWindow) and widget.isVisible():
            return widget
    return None


#: Database jobs (each a few signals from Python) the session runs before closing: about a day's work.
DAY_OF_JOBS = 2500


def _count_people(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(text("SELECT count(*) FROM person")).scalar_one())


class Session:
    """Drives the open app step by step from timers (the app's own event loop keeps running)."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.start_refs = (0, 0)
        self.window: object = None
        self.person_id = ""

    def start(self) -> None:
        window = _main_window()
        if window is None:  # the database is still opening
            QTimer.singleShot(50, self.start)
            return
        assert isinstance(window, MainWindow)
        self.window = window
        gc.collect()
        self.start_refs = (sys.getrefcount(True), sys.getrefcount(False))
        self.opened.append("main")
        window.show_page("students")
        self.opened.append("students")
        window.search.setText("zh")  # the search with its popup
        self._when_popup_shown(time.monotonic() + 30)

    def _when_popup_shown(self, deadline: float) -> None:
        """Wait for the search results (the search runs on the worker; a loaded machine is slow). The popup
        itself may close again at once on the offscreen platform, which has no window focus to keep it."""
        window = self.window
        assert isinstance(window, MainWindow)
        if window.search.model.rowCount() == 0 and time.monotonic() < deadline:
            QTimer.singleShot(50, lambda: self._when_popup_shown(deadline))
            return
        if window.search.model.rowCount():
            self.opened.append("search")
        window.worker.submit(self._first_person, self._person_found)

    @staticmethod
    def _first_person(db: object) -> str:
        from yulu_desktop.services import lists

        return lists.fetch(db, "students", limit=1)[0].person_id  # type: ignore[arg-type]

    def _person_found(self, person_id: str) -> None:
        window = self.window
        assert isinstance(window, MainWindow)
        window.open_person(person_id)
        self.opened.append("person")
        window.new_visit()
        self.opened.append("visit")
        window.open_users()
        self.opened.append("users")
        self.busy(DAY_OF_JOBS)

    def busy(self, left: int) -> None:
        """A day's worth of database jobs, one after another as the pages submit them, then close."""
        window = self.window
        assert isinstance(window, MainWindow)
        if left:
            window.worker.submit(_count_people, lambda _count: self.busy(left - 1))
        else:
            QTimer.singleShot(200, self.finish)

    def finish(self) -> None:
        window = self.window
        assert isinstance(window, MainWindow)
        for widget in QApplication.topLevelWidgets():
            if widget is not window and widget.isVisible() and widget.isWindow():
                widget.close()
        window.close()


def main() -> int:
    session = Session()
    QTimer.singleShot(0, session.start)
    code = yulu_app.main(["--demo"])
    gc.collect()
    lost = (session.start_refs[0] - sys.getrefcount(True), session.start_refs[1] - sys.getrefcount(False))
    print("windows opened:", " ".join(session.opened))
    print("bool refs lost:", *lost)
    sys.stdout.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
