"""交接本机 against a real county server on a loopback port: unsent work is reported, sent, then the screen says
it can be handed over and the wipe removes the laptop's files; a revoked laptop is told so and keeps its data."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from yulu_desktop.services import handover
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database
from yulu_desktop.ui.dialogs import open_and_upgrade
from yulu_desktop.ui.handover_dialog import HandoverDialog
from yulu_desktop.ui.sync_worker import BackoffPolicy, SyncController
from yulu_desktop.ui.worker import DbWorker

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import PASSPHRASE, VILLAGE_A, County, add_household, add_person, running_county

from yulu_desktop.server import admin as server_admin

pytestmark = pytest.mark.gui

QUICK = BackoffPolicy(first=0.05, longest=0.2, idle=3600, after_change=0.05, jitter=0)


@pytest.fixture
def county(template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(f"sqlite:///{tmp_path / 'server.db'}", template_database, tmp_path) as county:
        yield county


def _laptop_with_unsent_work(qtbot: QtBot, county: County, worker: DbWorker) -> tuple[Path, str]:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    add_person(db, household, "交接测试")
    device_id = client._device_id()
    path = db.path
    db.close()
    county.devices.remove(db)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        worker.open(open_and_upgrade(path, PASSPHRASE, create=False))
    return path, device_id


def _dialog(qtbot: QtBot, worker: DbWorker) -> tuple[HandoverDialog, SyncController]:
    assert worker.database is not None
    shared = worker.database
    sync = SyncController(lambda: shared, policy=QUICK, auto=False, close_database=False)
    dialog = HandoverDialog(worker, sync)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.readiness is not None, timeout=20000)
    return dialog, sync


def test_unsent_work_is_reported_sent_and_then_the_laptop_can_be_handed_over(
    qtbot: QtBot, county: County, bare_worker: DbWorker, tmp_path: Path
) -> None:
    path, _device = _laptop_with_unsent_work(qtbot, county, bare_worker)
    dialog, sync = _dialog(qtbot, bare_worker)
    try:
        assert dialog.readiness is not None and dialog.readiness.unsent_changes >= 2
        assert "还不能交接" in dialog.verdict.text() and "条修改还没有发送" in dialog.verdict.text()
        assert not dialog.wipe_button.isEnabled()
        dialog.wipe(handover.WIPE_WORDS)  # refused while work is unsent: nothing deleted
        assert path.exists() and "不能清除" in dialog.verdict.text()
        dialog.send_button.click()
        qtbot.waitUntil(lambda: "可以交接" in dialog.verdict.text(), timeout=30000)
        assert dialog.readiness is not None and dialog.readiness.ready
        assert "yulu-server admin revoke" in dialog.steps.text()
        assert dialog.wipe_button.isEnabled()
        dialog.wipe("清除")  # the wrong words: nothing deleted
        assert "没有清除" in dialog.verdict.text() and path.exists()
        with qtbot.waitSignal(dialog.wiped, timeout=20000):
            dialog.wipe(handover.WIPE_WORDS)
        assert not path.exists() and not keyring.key_file_path(path).exists()
        assert not Path(str(path) + "-wal").exists()
    finally:
        sync.shutdown()


def test_a_revoked_laptop_is_told_so_and_keeps_its_data(
    qtbot: QtBot, county: County, bare_worker: DbWorker
) -> None:
    path, device_id = _laptop_with_unsent_work(qtbot, county, bare_worker)
    server_admin.revoke_device(county.db, device_id)
    dialog, sync = _dialog(qtbot, bare_worker)
    try:
        dialog.send_button.click()
        qtbot.waitUntil(lambda: "停用" in dialog.verdict.text(), timeout=30000)
        assert not dialog.wipe_button.isEnabled() and not dialog.send_button.isEnabled()
        assert path.exists()
        with Database.open(path, PASSPHRASE) as db:
            assert handover.check(db).unsent_changes >= 0
    finally:
        sync.shutdown()
