"""USB sync in the app: 同步 › 导出U盘同步文件… writes a bundle the county imports, 导入县里回执… applies the reply
(status bar, pending count), and a wrong file shows the Chinese reason — against a real county server database
and a loopback server for the laptop's enrollment."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import PASSPHRASE, VILLAGE_A, County, add_household, pending, running_county

from yulu_desktop.server import bundles
from yulu_desktop.store.database import Database
from yulu_desktop.ui import bundle_actions
from yulu_desktop.ui.sync_worker import BackoffPolicy, SyncController
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


@pytest.fixture
def county(template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(f"sqlite:///{tmp_path / 'server.db'}", template_database, tmp_path) as county:
        yield county


@pytest.fixture
def device_worker(qtbot: QtBot) -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    worker.shutdown()


def test_sync_menu_exports_a_bundle_and_imports_the_reply(
    qtbot: QtBot,
    county: County,
    device_worker: DbWorker,
    settings: QSettings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from yulu_desktop.ui.main_window import MainWindow

    db, client = county.device()
    client.sync_once()  # online once: the county's keys and the villages
    add_household(db, county.unit_id(VILLAGE_A))
    add_household(db, county.unit_id(VILLAGE_A))
    path = db.path
    with qtbot.waitSignal(device_worker.idle, timeout=10000):
        device_worker.open(lambda: Database.open(path, PASSPHRASE))
    shared = device_worker.database
    assert shared is not None
    quiet = BackoffPolicy(first=60, longest=60, idle=3600, after_change=3600, jitter=0)
    controller = SyncController(lambda: shared, policy=quiet, auto=False, close_database=False)
    window = MainWindow(device_worker, settings, sync=controller)
    qtbot.addWidget(window)
    message = window.statusBar().currentMessage
    try:
        menu = window.menuBar().findChild(type(window.menuBar().addMenu("x")), "syncMenu")
        assert menu is not None
        labels = [action.text() for action in menu.actions()]
        assert "导出U盘同步文件…" in labels and "导入县里回执…" in labels

        request = tmp_path / "usb" / "雨露同步"
        request.parent.mkdir()
        asked: list[str] = []

        def save_name(_parent: object, _title: str, suggested: str, _filter: str) -> tuple[str, str]:
            asked.append(suggested)
            return str(request), ""

        monkeypatch.setattr(bundle_actions.QFileDialog, "getSaveFileName", save_name)
        window.export_bundle_action.trigger()
        qtbot.waitUntil(lambda: "已导出U盘同步文件" in message(), timeout=20000)
        written = request.with_suffix(".yulusync")
        assert written.exists() and "2 条修改" in message()
        assert asked and asked[0].endswith(".yulusync")
        assert pending(db) == 2  # nothing changes on the laptop until the county's reply

        result = bundles.import_bundle(county.db, written.read_bytes())
        reply = tmp_path / "usb" / "回执.yulureply"
        reply.write_bytes(result.reply)
        monkeypatch.setattr(bundle_actions.QFileDialog, "getOpenFileName", lambda *_a: (str(reply), ""))
        window.import_reply_action.trigger()
        qtbot.waitUntil(lambda: "已导入县里回执" in message(), timeout=20000)
        assert "县里确认收到 2 条修改" in message()
        qtbot.waitUntil(lambda: window.pending_label.text() == "待发送：无", timeout=10000)
        assert pending(db) == 0

        window.import_reply_action.trigger()  # the same reply again: nothing changes
        qtbot.waitUntil(lambda: "以前已经导入过" in message(), timeout=20000)

        garbage = tmp_path / "usb" / "坏文件.yulureply"
        garbage.write_bytes(b"definitely not a reply")
        monkeypatch.setattr(bundle_actions.QFileDialog, "getOpenFileName", lambda *_a: (str(garbage), ""))
        window.import_reply_action.trigger()
        qtbot.waitUntil(lambda: "不是雨露同步文件" in message(), timeout=20000)

        # Cancelling the file dialog does nothing.
        monkeypatch.setattr(bundle_actions.QFileDialog, "getOpenFileName", lambda *_a: ("", ""))
        window.import_reply_action.trigger()
        assert window.bundle_task is None
    finally:
        controller.shutdown()


def test_cancelled_export_leaves_no_file_and_no_error(
    qtbot: QtBot, county: County, device_worker: DbWorker, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QWidget

    db, client = county.device()
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    path = db.path
    with qtbot.waitSignal(device_worker.idle, timeout=10000):
        device_worker.open(lambda: Database.open(path, PASSPHRASE))
    parent = QWidget()
    qtbot.addWidget(parent)
    target = tmp_path / "cancelled.yulusync"
    task = bundle_actions.export_task(device_worker, target, parent)
    task.cancel()  # before it starts: the job sees the cancel at its first check
    with qtbot.waitSignal(task.finished, timeout=10000) as finished:
        task.start()
    assert finished.args == [None]
    assert task.cancelled and task.error == ""
    assert not target.exists()
