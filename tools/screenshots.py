"""Capture every page and dialog of the desktop app into docs/screenshots/ (run under Xvfb at 1366x768):

    Xvfb :99 -screen 0 1366x768x24 & DISPLAY=:99 python tools/screenshots.py

Uses a demo database in a temporary YULU_HOME (300 households), so the pictures show real Chinese data.

A feature adds its own pictures in ``tools/screens/<feature>.py``: a function ``capture(shots)`` that receives a
:class:`Shots` (the app, main window, worker, settings, the demo database and helpers) and saves what it opens.

    DISPLAY=:99 python tools/screenshots.py --only today     just tools/screens/today.py (the main window too)
"""

from __future__ import annotations

import importlib.util
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def wait(ms: int = 300) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def settle(worker: object) -> None:
    for _ in range(200):
        wait(50)
        if getattr(worker, "pending", 0) == 0:
            wait(150)
            return


def save(widget: QWidget, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    widget.grab().save(str(path))
    print(path.relative_to(ROOT), widget.width(), "x", widget.height())


@dataclass
class Shots:
    """What a feature's ``capture`` gets: the running app on a demo database."""

    app: QApplication
    window: Any  # ui.main_window.MainWindow
    worker: Any  # ui.worker.DbWorker
    settings: Any  # QSettings
    home: Path  # the temporary YULU_HOME
    database: Path  # the demo database (passphrase ui.app.DEMO_PASSPHRASE)

    def save(self, widget: QWidget, name: str) -> None:
        save(widget, name)

    def wait(self, ms: int = 300) -> None:
        wait(ms)

    def settle(self) -> None:
        settle(self.worker)


def feature_captures(only: str | None) -> list[tuple[str, Any]]:
    """``capture`` of every ``tools/screens/*.py`` (or just ``only``), in name order."""
    found = []
    for path in sorted((ROOT / "tools" / "screens").glob("*.py")):
        if only is not None and path.stem != only:
            continue
        spec = importlib.util.spec_from_file_location(f"screens_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found.append((path.stem, module.capture))
    return found


def main() -> int:
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    home = tempfile.mkdtemp(prefix="yulu-shots-")
    os.environ["YULU_HOME"] = home
    from yulu_desktop.ui import i18n
    from yulu_desktop.ui import settings as ui_settings
    from yulu_desktop.ui.app import DEMO_HOUSEHOLDS, DEMO_PASSPHRASE, _open_and_wait
    from yulu_desktop.ui.dialogs import FirstRunDialog, UnlockDialog, open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.visit_dialog import VisitDialog
    from yulu_desktop.ui.worker import DbWorker

    app = QApplication(sys.argv[:1])
    i18n.install_translators(app, "zh_CN")
    i18n.register_font(app)
    settings = ui_settings.open_settings()
    ui_settings.VISITOR_NAME.set(settings, "李明")
    worker = DbWorker()
    path = Path(home) / "demo.db"
    error = _open_and_wait(
        worker, open_and_upgrade(path, DEMO_PASSPHRASE, create=True, demo_households=DEMO_HOUSEHOLDS)
    )
    if error:
        print(error, file=sys.stderr)
        return 1
    window = MainWindow(worker, settings)
    screen = app.primaryScreen().availableGeometry()
    window.setGeometry(screen)
    window.show()
    settle(worker)
    shots = Shots(app, window, worker, settings, Path(home), path)
    for name, capture in feature_captures(only):
        print("--", name)
        capture(shots)
        window.show()
        settle(worker)
    if only is not None:
        window.close()
        worker.shutdown()
        os._exit(0)
    for number, kind in enumerate(window.pages, start=1):
        window.show_page(kind)
        settle(worker)
        save(window, f"{number}-{kind}")
    # Search as you type
    window.show_page("people")
    settle(worker)
    window.search.setFocus()
    window.search.setText("zh")
    settle(worker)
    shot = window.grab()
    popup = window.search.popup
    if popup.isVisible():
        from PySide6.QtGui import QPainter

        painter = QPainter(shot)
        painter.drawPixmap(window.mapFromGlobal(popup.mapToGlobal(popup.rect().topLeft())), popup.grab())
        painter.end()
    shot.save(str(OUT / "7-search.png"))
    print("docs/screenshots/7-search.png")
    window.search.clear()
    # Person file of a graduate (employment history, schooling, subsidies), every tab
    from yulu_desktop.services import lists

    found: list[str] = []
    worker.submit(lambda db: lists.fetch(db, "graduates", limit=1)[0].person_id, found.append)
    settle(worker)
    person = window.open_person(found[0])
    person.resize(min(1120, screen.width()), min(700, screen.height()))
    settle(worker)
    for tab in range(person.tabs.count()):
        person.tabs.setCurrentIndex(tab)
        wait(100)
        save(person, f"8-person-{tab}")
    # Print preview of that person's 一人一档 (made on the worker, shown with QtPdf)
    preview = person.print_dossier()
    preview.resize(min(980, screen.width()), min(740, screen.height()))
    settle(worker)
    wait(300)
    save(preview, "12-print-preview")
    preview.close()
    person.close()
    # Export of a list to Excel (masked by default)
    window.show_page("graduates")
    settle(worker)
    export = window.current_page().export_excel()
    settle(worker)
    save(export, "13-export-dialog")
    export.close()
    visit = VisitDialog(worker, settings, "李明", window)
    visit.show()
    visit.household_search.setText("zh")
    settle(worker)
    visit.household_search.pick_current()
    visit.form.editors["notes"].setPlainText("孩子在重庆三峡职业学院读电子商务技术，补助已到账。")  # type: ignore[attr-defined]
    visit.form.editors["follow_up"].setText("帮助对接校企合作招聘")  # type: ignore[attr-defined]
    visit.form.editors["follow_up_due"].setText("2025-01-01")  # type: ignore[attr-defined]
    visit.validate()
    wait(100)
    save(visit, "9-visit-dialog")
    visit.reject()
    first = FirstRunDialog(worker, Path(home) / "new.db")
    first.show()
    first.passphrase.setText("Hongyan-2025")
    first.confirm.setText("Hongyan-2024")
    wait(100)
    save(first, "10-first-run")
    unlock = UnlockDialog(worker, path)
    unlock.show()
    unlock.message.setStyleSheet("color: #b26a00;")
    unlock.message.setText(unlock.tr("密码不正确，请再试一次（注意大小写和输入法）。"))
    wait(100)
    save(unlock, "11-unlock-wrong-passphrase")
    window.close()
    worker.shutdown()
    os._exit(0)  # see tests/ui/conftest.py: PySide6 6.12 can abort in interpreter finalization


if __name__ == "__main__":
    sys.exit(main())
