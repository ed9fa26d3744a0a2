"""Screenshots of the keyboard and screen work of issue 19: the visit dialog with its purpose filled in from the
records, the print preview fitted to the screen, the search list at the right edge of the screen, the 页面 menu
with its shortcuts and the status bar. At QT_SCALE_FACTOR=1.25 the names end in -125."""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication, QWidget


def _with_popup(shots: Any, base: QWidget, popup: QWidget, name: str) -> None:
    """``base`` with the search list (a window of its own) painted where it is on the screen."""
    shot = base.grab()
    if popup.isVisible():
        painter = QPainter(shot)
        painter.drawPixmap(base.mapFromGlobal(popup.mapToGlobal(QPoint(0, 0))), popup.grab())
        painter.end()
    path = shots_path(name)
    shot.save(str(path))
    print(path)


def shots_path(name: str) -> Any:
    from pathlib import Path

    return Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots" / f"{name}.png"


def capture(shots: Any) -> None:
    from yulu_desktop.services import lists

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window = shots.window
    screen = QApplication.primaryScreen().availableGeometry()

    # The main window with the 页面 menu open (shortcuts beside each entry) and the status bar.
    window.show_page("students")
    shots.settle()
    shots.save(window, f"keyboard-main{suffix}")
    menu = window.pages_menu
    menu.popup(window.mapToGlobal(QPoint(0, window.menuBar().height())))
    shots.wait(200)
    shots.save(menu, f"keyboard-pages-menu{suffix}")
    menu.hide()
    shots.save(window.statusBar(), f"keyboard-status-bar{suffix}")

    # The search box ends at the right edge of the screen; its list (wider than the box) stays on the screen.
    window.setGeometry(screen)
    shots.wait(200)
    window.search.setFocus()
    window.search.setText("zh")
    shots.settle()
    _with_popup(shots, window, window.search.popup, f"keyboard-search-right-edge{suffix}")
    window.search.clear()
    window.setGeometry(screen)
    shots.settle()

    # The visit dialog for a student: the purpose comes from the records.
    def student(db: Any) -> tuple[str, str]:
        from sqlalchemy import text

        person_id = lists.fetch(db, "students", limit=1)[0].person_id
        with db.read_connection() as conn:
            name = conn.execute(
                text("SELECT name FROM person WHERE id = :id"), {"id": person_id}
            ).scalar_one()
        return person_id, name

    found: list[tuple[str, str]] = []
    shots.worker.submit(student, found.append)
    shots.settle()
    visit = window.new_visit()
    visit.household_search.setText(found[0][1])
    shots.settle()
    visit.household_search.pick_current()
    shots.settle()
    visit.form.editors["notes"].setPlainText("补助已到账，孩子在校情况良好。")
    visit.form.editors["mode"].setFocus()
    shots.wait(200)
    shots.save(visit, f"keyboard-visit-dialog{suffix}")
    visit.reject()
    shots.settle()

    # The print preview of a dossier, fitted to the screen.
    person = window.open_person(found[0][0])
    shots.settle()
    preview = person.print_dossier()
    shots.settle()
    shots.wait(500)
    shots.save(preview, f"keyboard-print-preview{suffix}")
    preview.close()
    person.close()
    shots.settle()
    window.activateWindow()
