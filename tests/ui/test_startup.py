"""Start-up stays light: the window opens on 今日工作 without loading Excel, printing, sync or migration code,
and nothing at start-up reloads a page the cadre cannot see (issue 20)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.sync_worker import Connection, SyncController, SyncStatus
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "test-passphrase-1"  # tests/ui/conftest.py

#: Packages the first page does not need; each costs 0.05–0.3 s of CPU to import on a village laptop.
HEAVY = (
    "alembic",
    "openpyxl",
    "pypinyin",
    "reportlab",
    "qrcode",
    "httpx",
    "pydantic",
    "yulu_desktop.sync.protocol",
    "yulu_desktop.sync.client",
)

#: What ``yulu-desktop`` does from unlock to the first page (ui/app.py), then waits for the automatic sync
#: attempt 1 s after start (the laptop is not enrolled), and reports which heavy modules were loaded.
LAUNCH = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
from yulu_desktop.ui import i18n, settings as ui_settings
from yulu_desktop.ui.app import _open_and_wait
from yulu_desktop.ui.dialogs import open_and_upgrade
from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.sync_worker import SyncController
from yulu_desktop.ui.worker import DbWorker

app = QApplication([])
i18n.install_translators(app, "zh_CN")
i18n.register_font(app)
settings = ui_settings.open_settings()
worker = DbWorker()
assert _open_and_wait(worker, open_and_upgrade(Path(sys.argv[1]), sys.argv[2], create=False)) is None
database = worker.database
sync = SyncController(lambda: database, close_database=False)
window = MainWindow(worker, settings, sync=sync)
loop = QEventLoop()
window.ready.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
window.show()
loop.exec()
ready = sorted(m for m in sys.argv[3:] if m in sys.modules)
first_page = "today" if window.showing_today else window.current_kind
loop = QEventLoop()
sync.finished.connect(loop.quit)
QTimer.singleShot(60000, loop.quit)
if sync.running or sync.last_status is None or sync.last_status.connection.value != "not_enrolled":
    loop.exec()
after_sync = sorted(m for m in sys.argv[3:] if m in sys.modules)
print(json.dumps({"first_page": first_page, "ready": ready, "after_sync": after_sync,
                  "connection": sync.last_status.connection.value if sync.last_status else None}))
sys.stdout.flush()
sync.shutdown()
worker.shutdown()
os._exit(0)
"""


def test_the_window_opens_on_today_without_heavy_modules(db_path: Path, yulu_home: Path) -> None:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        YULU_HOME=str(yulu_home),
        PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]),
    )
    out = subprocess.run(
        [sys.executable, "-c", LAUNCH, str(db_path), PASSPHRASE, *HEAVY],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    ).stdout
    result = json.loads(out.strip().splitlines()[-1])
    assert result["first_page"] == "today"
    assert result["ready"] == []
    # The sync attempt of a laptop not connected to the county loads no sync client either.
    assert result["connection"] == "not_enrolled"
    assert result["after_sync"] == []


def test_heavy_modules_are_loaded_when_used(tmp_path: Path) -> None:
    """The lazy imports still work: Excel, printing, migrations and sync load on first use; a name's pinyin is
    read from pypinyin's table of characters without importing pypinyin (its phrase dictionary is for words)."""
    script = """
import sys
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.excel.headers import column_letter
from yulu_desktop.printing.recovery_sheet import render_recovery_sheet
from yulu_desktop.store import migrate
before = [m for m in ("pypinyin", "openpyxl", "alembic.command") if m in sys.modules]
assert column_letter(27) == "AB"
assert "zhk" in search_key("张坤")
migrate.alembic_config()
import alembic.command
print(before, sorted(m for m in ("pypinyin", "openpyxl", "reportlab") if m in sys.modules))
"""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
    ).stdout
    assert out.strip() == "[] ['openpyxl', 'reportlab']"


def test_a_failed_sync_of_a_laptop_not_enrolled_reloads_nothing(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    database = worker.database
    assert database is not None
    sync = SyncController(lambda: database, auto=False, close_database=False)
    window = MainWindow(worker, settings, sync=sync)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.today_page.loaded, timeout=20000):
        window.show()
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=20000):
            pass
    hidden = window.current_page()
    assert window.showing_today and hidden.model.fetches == 0
    today_loads: list[int] = []
    window.today_page.loaded.connect(lambda: today_loads.append(1))
    try:
        with qtbot.waitSignal(sync.finished, timeout=20000) as finished:
            sync.sync_now()
        assert finished.args == [None]
        assert sync.last_status is not None and sync.last_status.connection is Connection.NOT_ENROLLED
        qtbot.wait(200)  # a reload would have been queued on the database worker by now
        if worker.pending:
            with qtbot.waitSignal(worker.idle, timeout=20000):
                pass
        assert today_loads == [] and hidden.model.fetches == 0
    finally:
        sync.shutdown()


def test_data_arriving_under_today_reloads_today_and_the_list_page_when_shown(
    qtbot: QtBot, worker: DbWorker, settings: QSettings
) -> None:
    database = worker.database
    assert database is not None
    sync = SyncController(lambda: database, auto=False, close_database=False)
    window = MainWindow(worker, settings, sync=sync)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(window.today_page.loaded, timeout=20000):
            window.show()
        hidden = window.current_page()
        # A sync that failed part-way (offline): what it stored may be new, so the visible page reloads.
        sync.last_status = SyncStatus(Connection.OFFLINE, 0, None, 0)
        with qtbot.waitSignal(window.today_page.loaded, timeout=20000):
            sync.finished.emit(None)
        assert hidden.model.fetches == 0  # not the list behind 今日工作 …
        with qtbot.waitSignal(hidden.model.pageLoaded, timeout=20000):
            window.show_page(hidden.kind)  # … until it is shown
        assert hidden.model.fetches == 1 and hidden.model.rowCount() > 0
    finally:
        sync.shutdown()


def test_the_sync_status_line_reads_the_last_sync_without_sync_local(qtbot: QtBot, worker: DbWorker) -> None:
    database = worker.database
    assert database is not None
    from sqlalchemy import text

    from yulu_desktop.sync import local

    with database.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET last_sync_at = '2026-03-04 05:06:07.000000' WHERE id = 1"))
    sync = SyncController(lambda: database, auto=False, close_database=False)
    try:
        qtbot.waitUntil(lambda: sync.last_status is not None, timeout=20000)
        with database.read_connection() as conn:
            expected = local.read_state(conn).last_sync_at
        assert sync.last_status is not None
        assert expected is not None and sync.last_status.last_success == expected
    finally:
        sync.shutdown()


def test_a_person_window_loads_no_sync_client_until_a_file_is_fetched() -> None:
    """The person window's attachments download through the sync client (httpx, pydantic: ~26 MB resident):
    it is imported by the first download, not with the window (issue 20, memory)."""
    script = """
import sys
import yulu_desktop.ui.person.window
print(sorted(m for m in ("httpx", "pydantic", "yulu_desktop.sync.client") if m in sys.modules))
"""
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
    ).stdout
    assert out.strip() == "[]"
