"""Fault injection: connections cut, delayed and truncated by a proxy; the laptop and the county server killed
with SIGKILL mid-push and mid-apply. After recovery every replica holds the same data (content digest), no
change was applied twice, and no acknowledged change is missing.

Short runs here; bench/bench_sync_faults.py runs the long variants (more rounds, more kills, PostgreSQL).
"""

from __future__ import annotations

import os
import random
import shutil
import threading
import time
import uuid
from pathlib import Path

import httpx
import pytest
from faults import ChaosProxy, ServerProcess, start_child_sync
from sqlalchemy import func, select, text
from sync_helpers import (
    PASSPHRASE,
    VILLAGE_A,
    LiveServer,
    add_household,
    add_person,
    pending,
    setup_county,
    shared_digest,
    update,
)

from yulu_desktop.server import admin
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import AppliedChange, ChangeLog, Device, OrgUnit
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient, SyncError, SyncReport


def _new_device(template: Path, tmp: Path) -> Path:
    path = tmp / f"device-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(template, path)
    db = Database.open(path, PASSPHRASE)
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET device_id = :id WHERE id = 1"), {"id": str(uuid.uuid4())})
    db.close()
    return path


def _enroll(server_db: ServerDatabase, path: Path, url: str, cadre: str) -> None:
    db = Database.open(path, PASSPHRASE)
    try:
        with httpx.Client(timeout=30) as http:
            SyncClient(db, url, http=http).enroll(admin.issue_code(server_db, username=cadre))
    finally:
        db.close()


def _village_id(server_db: ServerDatabase) -> str:
    with server_db.read() as session:
        return session.scalars(select(OrgUnit.id).where(OrgUnit.code == VILLAGE_A)).one()


def _make_work(path: Path, url: str, village: str, households: int, rng: random.Random) -> set[str]:
    """Pull the org units, then add households with people offline; returns the new record ids."""
    db = Database.open(path, PASSPHRASE)
    made: set[str] = set()
    try:
        with httpx.Client(timeout=30) as http:
            SyncClient(db, url, http=http).pull_all(SyncReport())
        for _ in range(households):
            household = add_household(db, village)
            made.add(household)
            for _ in range(rng.randint(1, 3)):
                made.add(add_person(db, household, rng.choice(["张坤", "李娜", "王芳"])))
    finally:
        db.close()
    return made


def _sync_until_complete(path: Path, url: str, *, seconds: float = 60, batch: int = 40) -> None:
    """Sync again and again (as the app's worker does, with a short pause after an error) until complete."""
    db = Database.open(path, PASSPHRASE)
    errors: list[str] = []
    deadline = time.monotonic() + seconds
    try:
        with httpx.Client(timeout=10) as http:
            client = SyncClient(db, url, http=http, push_batch=batch, pull_page=batch * 2)
            while time.monotonic() < deadline:
                try:
                    if client.sync_once().complete:
                        return
                except SyncError as exc:
                    errors.append(exc.message)
                    time.sleep(0.05)
        raise AssertionError(f"sync did not complete: {errors[-3:]}")
    finally:
        db.close()


def _assert_converged(
    server_db: ServerDatabase, paths: list[Path], made: set[str], template: Path, url: str
) -> None:
    """Same content everywhere; every journal entry stored exactly once on the server; nothing missing."""
    reference = _new_device(template, paths[0].parent)
    _enroll(server_db, reference, url, "hongyan")
    _sync_until_complete(reference, url)
    digests = []
    for path in [*paths, reference]:
        db = Database.open(path, PASSPHRASE)
        try:
            assert pending(db) == 0
            digests.append(shared_digest(db))
            with db.read_connection() as conn:
                acked = journal.acked_seq(conn)
                device_id = journal.device_id(conn)
        finally:
            db.close()
        with server_db.read() as session:
            seqs = sorted(
                session.scalars(select(AppliedChange.device_seq).where(AppliedChange.device_id == device_id))
            )
            last_seq = session.scalar(select(Device.last_seq).where(Device.id == device_id))
        # Every entry the laptop compacted is on the server, each exactly once, with no gap.
        assert seqs == list(range(1, acked + 1))
        assert last_seq == acked
    for digest in digests[1:]:
        assert digest == digests[0]
    ids = {row[0] for rows in (digests[0]["household"], digests[0]["person"]) for row in rows}
    assert made <= ids, f"missing on the server: {sorted(made - ids)[:5]}"
    with server_db.read() as session:
        inserted_twice = session.execute(
            select(ChangeLog.entity, ChangeLog.entity_id)
            .where(ChangeLog.op == "I")
            .group_by(ChangeLog.entity, ChangeLog.entity_id)
            .having(func.count() > 1)
        ).all()
    assert inserted_twice == []


@pytest.fixture
def server(tmp_path: Path) -> ServerDatabase:
    database = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    database.migrate()
    setup_county(database)
    return database


#: More seeds for a long run: YULU_FAULT_SEEDS=1,2,3,… (bench/bench_sync_faults.sh).
SEEDS = [int(s) for s in os.environ.get("YULU_FAULT_SEEDS", "11").split(",")]


@pytest.mark.parametrize("seed", SEEDS)
def test_cut_delayed_and_truncated_connections_converge(
    server: ServerDatabase, template_database: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    with LiveServer(create_app(db=server, migrate=False)) as url:
        port = int(url.rsplit(":", 1)[1])
        village = _village_id(server)
        paths = [_new_device(template_database, tmp_path) for _ in range(2)]
        made: set[str] = set()
        for path, cadre in zip(paths, ["hongyan", "hongyan2"], strict=True):
            _enroll(server, path, url, cadre)
            made |= _make_work(path, url, village, 25, rng)
        with ChaosProxy(("127.0.0.1", port), seed=seed, fault_rate=0.5) as proxy:
            for round_no in range(60):
                done = True
                for path in paths:
                    db = Database.open(path, PASSPHRASE)
                    try:
                        if round_no in (1, 3):  # edits while syncing: one laptop edits what the other made
                            with db.read_connection() as conn:
                                people = [r[0] for r in conn.execute(text("SELECT id FROM person LIMIT 5"))]
                            for person in people:
                                update(db, "person", person, phone=f"139{rng.randrange(10**8):08d}")
                        with httpx.Client(timeout=5) as http:
                            client = SyncClient(db, proxy.url, http=http, push_batch=20, pull_page=50)
                            done = client.sync_once().complete and done
                    except SyncError:
                        done = False
                    finally:
                        db.close()
                if done and round_no > 3:
                    break
            assert proxy.stats.cut_requests > 0 and proxy.stats.cut_responses > 0, proxy.stats
        for path in paths:
            _sync_until_complete(path, url)
        _assert_converged(server, paths, made, template_database, url)


def test_laptop_killed_mid_push_and_mid_apply_converges(
    server: ServerDatabase, template_database: Path, tmp_path: Path
) -> None:
    rng = random.Random(5)
    with LiveServer(create_app(db=server, migrate=False)) as url:
        village = _village_id(server)
        paths = [_new_device(template_database, tmp_path) for _ in range(2)]
        made: set[str] = set()
        for path, cadre in zip(paths, ["hongyan", "hongyan2"], strict=True):
            _enroll(server, path, url, cadre)
            made |= _make_work(path, url, village, 40, rng)
        kills = 0
        for path in paths * 3:  # push of its own work, then apply of the other's, killed at random moments
            child = start_child_sync(path, url, tmp_path / "child.log", batch=15)
            time.sleep(rng.uniform(0.3, 1.5))
            if child.poll() is None:
                child.kill()
                kills += 1
            child.wait(timeout=30)
        assert kills > 0
        for path in paths:
            _sync_until_complete(path, url)
        for path in paths:
            _sync_until_complete(path, url)
        _assert_converged(server, paths, made, template_database, url)


def test_server_killed_mid_push_converges(template_database: Path, tmp_path: Path) -> None:
    rng = random.Random(8)
    database_url = f"sqlite:///{tmp_path / 'server.db'}"
    server_db = ServerDatabase(database_url)
    server_db.migrate()
    setup_county(server_db)
    process = ServerProcess(database_url, tmp_path / "server.log")
    url = process.start()
    try:
        village = _village_id(server_db)
        path = _new_device(template_database, tmp_path)
        _enroll(server_db, path, url, "hongyan")
        made = _make_work(path, url, village, 60, rng)
        finished = threading.Event()
        failure: list[BaseException] = []

        def sync() -> None:
            try:
                _sync_until_complete(path, url, seconds=90, batch=10)
            except BaseException as exc:
                failure.append(exc)
            finished.set()

        worker = threading.Thread(target=sync)
        worker.start()
        kills = 0
        # Short waits: the whole sync takes well under a second now, and it must be cut at least once.
        while not finished.wait(rng.uniform(0.05, 0.25)) and kills < 4:
            process.kill()  # SIGKILL mid-transaction: SQLite rolls the open batch back
            kills += 1
            time.sleep(0.2)
            process.start()
        worker.join(timeout=120)
        assert not failure, failure
        assert kills > 0
        _assert_converged(server_db, [path], made, template_database, url)
    finally:
        process.stop()
        server_db.dispose()
