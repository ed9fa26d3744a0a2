"""The attachments tab of the person window: "保留原图" keeps the original next to the downscaled photo, and a file
added on another laptop is fetched from the county server when it is previewed (or says it waits for a link)."""

from __future__ import annotations

import io
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from pytestqt.qtbot import QtBot
from sqlalchemy import select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "sync"))

from sync_helpers import PASSPHRASE, VILLAGE_A, County, add_household, add_person, running_county

from yulu_desktop.services import records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments
from yulu_desktop.sync.client import SyncClient, SyncReport
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.sync_worker import SyncController, progress_text
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


@pytest.fixture
def county(template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(f"sqlite:///{tmp_path / 'server.db'}", template_database, tmp_path) as county:
        yield county


def _jpeg(width: int, height: int) -> bytes:
    image = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def _window(qtbot: QtBot, worker: DbWorker, person_id: str) -> PersonWindow:
    with qtbot.waitSignal(worker.idle, timeout=10000):
        window = PersonWindow(worker, person_id, "测试员")
    qtbot.addWidget(window)
    window.show()
    window.tabs.setCurrentIndex(window.tabs.count() - 1)
    return window


def _worker_on(qtbot: QtBot, bare_worker: DbWorker, db: Database) -> DbWorker:
    path = db.path
    with qtbot.waitSignal(bare_worker.idle, timeout=20000):
        bare_worker.open(lambda: Database.open(path, PASSPHRASE))
    return bare_worker


def _laptops(county: County) -> tuple[Database, Database, str]:
    """Laptop A registered a person; laptop B (same village) has pulled it."""
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    person = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "张坤")
    client_a.sync_once()
    db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    return db_a, db_b, person


def test_keep_original_checkbox_stores_the_original_too(
    qtbot: QtBot, bare_worker: DbWorker, county: County, tmp_path: Path
) -> None:
    _db_a, db_b, person = _laptops(county)
    worker = _worker_on(qtbot, bare_worker, db_b)
    window = _window(qtbot, worker, person)
    assert window.keep_original.text() == "保留原图" and not window.keep_original.isChecked()
    photo = tmp_path / "照片.jpg"
    photo.write_bytes(_jpeg(3000, 2400))
    window.keep_original.setChecked(True)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        window.add_attachment(photo)
    qtbot.waitUntil(lambda: window.attachment_list.count() == 1, timeout=10000)
    with db_b.read_connection() as conn:
        sha, original = conn.execute(
            select(schema.attachment.c.sha256, schema.attachment.c.original_sha256)
        ).one()
        queued = set(attachments.pending_uploads(conn))
    assert original is not None and original != sha
    assert records.attachment_bytes(db_b, original) == photo.read_bytes()
    assert queued == {sha, original}

    window.keep_original.setChecked(False)
    second = tmp_path / "另一张.jpg"
    second.write_bytes(_jpeg(2600, 2000))
    with qtbot.waitSignal(worker.idle, timeout=20000):
        window.add_attachment(second)
    qtbot.waitUntil(lambda: window.attachment_list.count() == 2, timeout=10000)
    with db_b.read_connection() as conn:
        originals = conn.execute(select(schema.attachment.c.original_sha256)).scalars().all()
    assert sorted(originals, key=str) == sorted([original, None], key=str)


def test_preview_fetches_a_file_from_the_county_server(
    qtbot: QtBot, bare_worker: DbWorker, county: County
) -> None:
    db_a, db_b, person = _laptops(county)
    sha = records.add_attachment(
        db_a, person, "学籍证明.jpg", _jpeg(800, 600), kind="enrollment_proof", actor="张"
    ).sha256
    assert SyncClient(db_a, county.url, http=county.http).sync_once().files_sent == 1
    SyncClient(db_b, county.url, http=county.http).sync_once()
    worker = _worker_on(qtbot, bare_worker, db_b)
    window = _window(qtbot, worker, person)
    assert window.attachment_list.count() == 1
    with qtbot.waitSignal(window.fetcher.fetched, timeout=20000) as fetched:
        window.attachment_list.setCurrentRow(0)
    assert fetched.args[0] == sha and isinstance(fetched.args[1], bytes)
    assert not window.preview.pixmap().isNull()
    with db_b.read_connection() as conn:
        assert attachments.missing_blobs(conn) == []


def test_preview_offline_says_the_file_waits_on_the_server(
    qtbot: QtBot, bare_worker: DbWorker, county: County
) -> None:
    db_a, db_b, person = _laptops(county)
    records.add_attachment(db_a, person, "一卡通.jpg", _jpeg(600, 400), kind="bank_card", actor="张")
    SyncClient(db_a, county.url, http=county.http).sync_once()
    SyncClient(db_b, county.url, http=county.http).sync_once()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{probe.getsockname()[1]}"
    with db_b.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET server_url = :u"), {"u": dead})
    worker = _worker_on(qtbot, bare_worker, db_b)
    window = _window(qtbot, worker, person)
    with qtbot.waitSignal(window.fetcher.fetched, timeout=30000):
        window.attachment_list.setCurrentRow(0)
    assert window.preview.text() == "附件在县服务器上，联网后可查看"


def test_sync_controller_reports_file_upload_progress(qtbot: QtBot, county: County) -> None:
    db_a, _db_b, person = _laptops(county)
    data = _jpeg(2400, 1800)
    records.add_attachment(db_a, person, "照片.jpg", data, kind="photo", actor="张", keep_original=True)
    path = db_a.path
    controller = SyncController(lambda: Database.open(path, PASSPHRASE), auto=False)
    progress: list[tuple[str, int, int]] = []
    controller.progress.connect(lambda stage, done, total: progress.append((stage, done, total)))
    try:
        with qtbot.waitSignal(controller.finished, timeout=30000) as finished:
            controller.sync_now()
    finally:
        controller.shutdown()
    report = finished.args[0]
    assert isinstance(report, SyncReport) and report.complete
    assert report.files_sent == 2
    files = [entry for entry in progress if entry[0] == "files"]
    assert files[0][1] == 0 and files[-1][1] == files[-1][2] == report.bytes_sent
    assert progress_text(*files[-1]).startswith("正在上传附件 ")
