"""The app side of sync against a real county server on a loopback port: the background sync controller (status,
progress, cancel, plain-Chinese errors, a wedged upload that does not stop the pull) and the conflicts page."""

from __future__ import annotations

import json
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import delete as delete_sql
from sqlalchemy import text
from sqlalchemy import update as update_sql

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import (
    PASSPHRASE,
    VILLAGE_A,
    County,
    add_household,
    add_person,
    pending,
    row,
    running_county,
    update,
)

from yulu_desktop.server import admin as server_admin
from yulu_desktop.server.models import AppliedChange, Device
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts
from yulu_desktop.sync.client import SyncReport
from yulu_desktop.ui.conflicts_page import ConflictsModel, ConflictsPage, load_rows
from yulu_desktop.ui.sync_worker import (
    UNREACHABLE_MESSAGE,
    BackoffPolicy,
    Connection,
    SyncController,
    SyncStatus,
)
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

#: Fast backoff for tests (seconds).
QUICK = BackoffPolicy(first=0.05, longest=0.2, idle=3600, after_change=0.05, jitter=0)


@pytest.fixture
def county(template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(f"sqlite:///{tmp_path / 'server.db'}", template_database, tmp_path) as county:
        yield county


def _controller(qtbot: QtBot, db: Database, *, auto: bool) -> SyncController:
    path = db.path
    return SyncController(lambda: Database.open(path, PASSPHRASE), policy=QUICK, auto=auto)


@pytest.fixture
def controllers() -> Iterator[list[SyncController]]:
    made: list[SyncController] = []
    yield made
    for controller in made:
        controller.shutdown()


def test_sync_now_sends_everything_with_progress_and_status(
    qtbot: QtBot, county: County, controllers: list[SyncController]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    people = [add_person(db, household, f"人{i}") for i in range(3)]
    controller = _controller(qtbot, db, auto=False)
    controllers.append(controller)
    progress: list[tuple[str, int, int]] = []
    controller.progress.connect(lambda stage, done, total: progress.append((stage, done, total)))
    errors: list[str] = []
    controller.error.connect(errors.append)
    with qtbot.waitSignal(controller.finished, timeout=20000) as finished:
        controller.sync_now()
    report = finished.args[0]
    assert isinstance(report, SyncReport)
    assert report.complete and report.pushed == 4
    assert ("push", 4, 4) in progress
    assert errors == []
    with qtbot.waitSignal(controller.status, timeout=10000) as signalled:
        controller.refresh_status()
    status = signalled.args[0]
    assert isinstance(status, SyncStatus)
    assert (status.connection, status.pending, status.open_conflicts) == (Connection.ONLINE, 0, 0)
    assert status.last_success is not None
    assert "全部已发送" in status.summary()
    labels = (QLabel(), QLabel(), QLabel())
    controller.attach(*labels)
    assert [label.text() for label in labels[:1]] == ["待发送：无"]
    assert labels[1].text().startswith("上次同步：") and labels[1].text() != "上次同步：从未"
    assert labels[2].text() == "连接：已连接县服务器"
    reader, reader_client = county.device("hongyan2")
    reader_client.sync_once()
    assert all(row(reader, "person", p) is not None for p in people)


def test_unreachable_server_says_the_work_is_saved(
    qtbot: QtBot, county: County, controllers: list[SyncController]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with db.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET server_url = :url"), {"url": dead})
    controller = _controller(qtbot, db, auto=False)
    controllers.append(controller)
    with qtbot.waitSignal(controller.error, timeout=20000) as signalled:
        controller.sync_now()
    assert signalled.args[0] == UNREACHABLE_MESSAGE
    qtbot.waitUntil(lambda: controller.last_status is not None and controller.last_status.message != "")
    status = controller.last_status
    assert status is not None
    assert status.connection is Connection.OFFLINE and status.pending == 1
    assert pending(db) == 1


def test_background_probe_syncs_without_being_asked_and_is_silent_offline(
    qtbot: QtBot, county: County, controllers: list[SyncController]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    controller = _controller(qtbot, db, auto=True)
    controllers.append(controller)
    with qtbot.waitSignal(controller.finished, timeout=20000) as finished:
        pass  # no sync_now: the first probe finds the server and syncs
    assert finished.args[0].complete
    assert pending(db) == 0


def test_cancel_by_the_user_shows_no_error(
    qtbot: QtBot, county: County, controllers: list[SyncController]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    village = county.unit_id(VILLAGE_A)
    for _ in range(5):
        add_household(db, village)
    controller = _controller(qtbot, db, auto=False)
    controllers.append(controller)
    errors: list[str] = []
    controller.error.connect(errors.append)
    with qtbot.waitSignal(controller.finished, timeout=20000) as finished:
        controller.sync_now()
        controller.cancel()
    assert finished.args[0].cancelled
    assert errors == []
    assert pending(db) == 5  # nothing lost: it goes with the next sync


def test_a_malformed_entry_is_quarantined_and_does_not_wedge_the_rest(
    qtbot: QtBot, county: County, controllers: list[SyncController]
) -> None:
    db, client = county.device("hongyan")
    other, other_client = county.device("hongyan2")
    client.sync_once()
    other_client.sync_once()
    household = add_household(other, county.unit_id(VILLAGE_A))
    other_client.sync_once()
    with db.write_connection() as conn:  # an entry the server cannot accept (entity name too long)
        conn.execute(
            text(
                "INSERT INTO change_journal (change_id, entity, entity_id, op, changes, hlc, device_id, author, "
                "created_at) SELECT :cid, :entity, 'x', 'U', '{}', 1, device_id, '', '' FROM device_state"
            ),
            {"cid": uuid.uuid4().hex, "entity": "e" * 60},
        )
    controller = _controller(qtbot, db, auto=False)
    controllers.append(controller)
    warnings: list[str] = []
    controller.warning.connect(warnings.append)
    with qtbot.waitSignal(controller.finished, timeout=20000) as finished:
        controller.sync_now()
    report = finished.args[0]
    assert report.complete and report.quarantined == 1 and pending(db) == 0
    assert row(db, "household", household) is not None
    notes = conflicts.list_conflicts(db)
    assert [n.kind for n in notes] == ["quarantined"]  # the cadre sees it; the county reviews it
    (kept,) = server_admin.list_quarantine(county.db)  # stored encrypted; the county reads it whole
    assert "e" * 60 in json.dumps(kept["entry"])  # sent wrapped as ``_unreadable``, kept whole


def test_an_upload_the_server_refuses_is_reported_and_the_pull_still_runs(
    qtbot: QtBot, county: County, controllers: list[SyncController]
) -> None:
    db, client = county.device("hongyan")
    other, other_client = county.device("hongyan2")
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    client.sync_once()  # journal entry 1 sent and compacted
    other_client.sync_once()
    household = add_household(other, county.unit_id(VILLAGE_A))
    other_client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    # The server lost entry 1 (restored from an old backup): entry 2 is a gap it refuses (409), every time.
    with county.db.write() as session:
        session.execute(update_sql(Device).values(last_seq=0))
        session.execute(delete_sql(AppliedChange))
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET acked_seq = 0"))
    controller = _controller(qtbot, db, auto=False)
    controllers.append(controller)
    warnings: list[str] = []
    controller.warning.connect(warnings.append)
    with qtbot.waitSignal(controller.finished, timeout=20000) as finished:
        controller.sync_now()
    report = finished.args[0]
    assert report.push_error and not report.complete
    assert warnings and "暂时无法发送" in warnings[0]
    assert row(db, "household", household) is not None  # received despite the refused upload


def test_backoff_doubles_up_to_the_longest_wait() -> None:
    import random

    policy = BackoffPolicy(first=10, longest=100, jitter=0)
    assert [policy.after_failures(n, random.Random(1)) for n in range(1, 6)] == [10, 20, 40, 80, 100]


# --- conflicts page --------------------------------------------------------------------------------------


def _conflict(county: County) -> tuple[Database, str]:
    """Two laptops changed one phone number offline: the later one wins, A holds a conflict."""
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    person = add_person(db_a, household, "张坤", phone="13800138000")
    client_a.sync_once()
    client_b.sync_once()
    update(db_a, "person", person, phone="13911111111")
    update(db_b, "person", person, phone="13922222222")
    for _ in range(2):
        client_b.sync_once()
        client_a.sync_once()
    assert len(conflicts.list_conflicts(db_a)) == 1
    return db_a, person


@pytest.fixture
def device_worker(qtbot: QtBot) -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    worker.shutdown()


def test_conflicts_model_passes_the_model_tester(qtmodeltester, county: County) -> None:  # type: ignore[no-untyped-def]
    db, _person = _conflict(county)
    model = ConflictsModel()
    model.set_rows(load_rows(db))
    assert model.rowCount() == 1
    assert model.index(0, 2).data() == "手机号"  # the field's Chinese label, never its name ("phone")
    qtmodeltester.check(model, force_py=True)


def test_conflicts_page_keep_mine_writes_my_value_and_settles(
    qtbot: QtBot, county: County, device_worker: DbWorker
) -> None:
    db, person = _conflict(county)
    path = db.path
    with qtbot.waitSignal(device_worker.idle, timeout=10000):
        device_worker.open(lambda: Database.open(path, PASSPHRASE))
    page = ConflictsPage(device_worker, author="张书记")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.count_changed, timeout=10000) as loaded:
        page.reload()
    assert loaded.args == [1]
    item = page.model.row_at(0)
    assert item is not None
    mine = item.mine
    page.view.selectRow(0)
    assert page.keep_mine_button.isEnabled()
    with qtbot.waitSignal(page.resolved, timeout=10000):
        page.keep_mine_button.click()
    assert page.model.rowCount() == 0
    assert conflicts.list_conflicts(db) == []
    assert row(db, "person", person)["phone"] == mine  # type: ignore[index]


def test_main_window_wires_sync_into_status_bar_menu_and_conflicts(
    qtbot: QtBot, county: County, device_worker: DbWorker, settings: QSettings
) -> None:
    """The app's main window: 立即同步 runs a sync, the status bar shows its state, 冲突处理 lists conflicts."""
    from yulu_desktop.ui.main_window import MainWindow

    db, _person = _conflict(county)
    add_household(db, county.unit_id(VILLAGE_A))
    path = db.path
    with qtbot.waitSignal(device_worker.idle, timeout=10000):
        device_worker.open(lambda: Database.open(path, PASSPHRASE))
    shared = device_worker.database
    assert shared is not None
    controller = SyncController(lambda: shared, policy=QUICK, auto=False, close_database=False)
    window = MainWindow(device_worker, settings, sync=controller)
    qtbot.addWidget(window)
    try:
        with qtbot.waitSignal(controller.finished, timeout=20000):
            window.sync_action.trigger()
        qtbot.waitUntil(
            lambda: window.connection_label.text().startswith("连接：已连接县服务器"), timeout=10000
        )
        assert "1 条冲突待处理" in window.connection_label.text()
        qtbot.waitUntil(lambda: window.pending_label.text() == "待发送：无", timeout=10000)
        assert window.sync_action.text() == "立即同步"
        page = window.open_conflicts()
        qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10000)
    finally:
        controller.shutdown()
