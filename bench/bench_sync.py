"""Sync soak: N laptops each make M changes offline, then all sync at once against a real server.

    python bench/bench_sync.py --devices 10 --changes 200 [--database-url postgresql://postgres@127.0.0.1/test]

Reports push throughput (changes/s across all devices), p95 sync time per device, and a county laptop's first
pull (rows/s). A short run is part of the test suite (tests/sync/test_sync_bench.py).
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

import httpx
import uvicorn
from sqlalchemy import text

from yulu_desktop.domain.entities import Household, Person
from yulu_desktop.server import admin
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

PASSPHRASE = "bench-passphrase"


@dataclass
class BenchResult:
    devices: int
    changes_per_device: int
    total_changes: int
    push_seconds: float
    push_changes_per_s: float
    p95_sync_seconds: float
    first_pull_rows: int
    first_pull_seconds: float
    first_pull_rows_per_s: float
    all_applied: bool


class _Server:
    def __init__(self, database: ServerDatabase) -> None:
        config = uvicorn.Config(
            create_app(db=database), host="127.0.0.1", port=0, log_level="warning", lifespan="off", ws="none"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        while not self.server.started:
            time.sleep(0.01)
        return f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _template(workdir: Path) -> Path:
    path = workdir / "template.db"
    db = Database.open(path, PASSPHRASE, create=True)
    migrate.upgrade(db)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return path


def _device(template: Path, workdir: Path) -> Database:
    path = workdir / f"device-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(template, path)
    db = Database.open(path, PASSPHRASE)
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET device_id = :id"), {"id": str(uuid.uuid4())})
    return db


def run(
    devices: int, changes: int, database_url: str | None = None, workdir: Path | None = None
) -> BenchResult:
    """``changes`` per device: one household and its people (about five rows a household)."""
    own_dir = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="yulu-bench-"))
    database = ServerDatabase(database_url or f"sqlite:///{work / 'server.db'}")
    database.migrate()
    suffix = uuid.uuid4().hex[:4]
    county_code = f"9{suffix}"
    admin.create_unit(database, code=county_code, name="测试县", level="county")
    admin.create_unit(
        database, code=f"{county_code}01", name="测试镇", level="township", parent_code=county_code
    )
    template = _template(work)
    laptops: list[tuple[Database, str]] = []
    for i in range(devices):
        village = f"{county_code}01{i:03d}"
        village_id = admin.create_unit(
            database, code=village, name=f"村{i}", level="village", parent_code=f"{county_code}01"
        )
        admin.create_cadre(database, username=f"c{suffix}{i}", name=f"干部{i}", unit_code=village)
        laptops.append((_device(template, work), village_id))
    admin.create_cadre(
        database, username=f"county{suffix}", name="县局", unit_code=county_code, role="county"
    )
    try:
        with _Server(database) as url, httpx.Client(timeout=120) as http:
            clients = []
            for i, (db, village_id) in enumerate(laptops):
                client = SyncClient(db, url, http=http)
                client.enroll(admin.issue_code(database, username=f"c{suffix}{i}"))
                client.sync_once()
                with db.write() as session:
                    made = 0
                    while made < changes:
                        household = Household(household_no=uuid.uuid4().hex[:16], village_id=village_id)
                        session.add(household)
                        session.flush()
                        made += 1
                        for j in range(min(4, changes - made)):
                            session.add(Person(household_id=household.id, name=f"人{j}"))
                            made += 1
                clients.append(client)

            durations: list[float] = []
            failures: list[BaseException] = []

            def sync(client: SyncClient) -> None:
                started = time.perf_counter()
                try:
                    report = client.sync_once()
                    assert report.pending == 0
                except BaseException as exc:
                    failures.append(exc)
                durations.append(time.perf_counter() - started)

            threads = [threading.Thread(target=sync, args=(c,)) for c in clients]
            started = time.perf_counter()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            push_seconds = time.perf_counter() - started
            if failures:
                raise failures[0]

            county_db = _device(template, work)
            county_client = SyncClient(county_db, url, http=http, pull_page=2000)
            county_client.enroll(admin.issue_code(database, username=f"county{suffix}"))
            started = time.perf_counter()
            report = county_client.sync_once()
            pull_seconds = time.perf_counter() - started
            with county_db.read_connection() as conn:
                people = conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one()
                households = conn.exec_driver_sql("SELECT count(*) FROM household").scalar_one()
            county_db.close()
    finally:
        for db, _village in laptops:
            db.close()
        database.dispose()
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    total = devices * changes
    durations.sort()
    return BenchResult(
        devices=devices,
        changes_per_device=changes,
        total_changes=total,
        push_seconds=round(push_seconds, 3),
        push_changes_per_s=round(total / push_seconds, 1),
        p95_sync_seconds=round(durations[max(0, int(len(durations) * 0.95) - 1)], 3),
        first_pull_rows=report.pulled,
        first_pull_seconds=round(pull_seconds, 3),
        first_pull_rows_per_s=round(report.pulled / pull_seconds, 1),
        all_applied=people + households == total,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--changes", type=int, default=200)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    result = run(args.devices, args.changes, args.database_url)
    print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    print(
        f"{result.devices} devices × {result.changes_per_device} changes: "
        f"push {result.push_changes_per_s:.0f} changes/s, p95 sync {result.p95_sync_seconds:.2f} s, "
        f"first pull {result.first_pull_rows_per_s:.0f} rows/s"
    )


if __name__ == "__main__":
    main()
