"""Screenshots of start-up as ``yulu-desktop`` builds it (window, sync controller, first page 今日工作), and the
dialogs whose code is now loaded when they are opened (关于, 设置); at QT_SCALE_FACTOR=1.25 names end in -125."""

from __future__ import annotations

import os
from typing import Any


def capture(shots: Any) -> None:
    from yulu_desktop.ui import settings as ui_settings
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.setup import menu as setup_menu
    from yulu_desktop.ui.sync_worker import SyncController

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    database = shots.worker.database
    ui_settings.LAST_PAGE.set(shots.settings, ui_settings.LAST_PAGE.default)  # a fresh install's first page
    sync = SyncController(lambda: database, close_database=False)
    window = MainWindow(shots.worker, shots.settings, sync=sync)
    window.setGeometry(shots.app.primaryScreen().availableGeometry())
    window.show()
    shots.settle()
    shots.wait(1500)  # the automatic sync attempt 1 s after start (not enrolled) and its status line
    shots.settle()
    shots.save(window, f"startup-window{suffix}")

    about = setup_menu.open_about(window)
    shots.wait(300)
    shots.save(about, f"startup-about{suffix}")
    about.close()

    dialog = setup_menu.open_settings(window)
    shots.settle()
    shots.save(dialog, f"startup-settings{suffix}")
    dialog.close()

    sync.shutdown()
    window.close()
    window.deleteLater()
    shots.settle()
