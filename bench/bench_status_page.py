"""How long the status page takes on a county server with many records, and while laptops push.

    python bench/bench_status_page.py [--records 300000] [--devices 50] [--database-url postgresql://…]

Fills the server database straight (``record`` and ``change_log`` rows with ``executemany``, ``--devices``
enrolled devices with cadres, some open conflicts), then times ``GET /status`` through the app (the first
request also counts the live records; later ones reuse that count for a minute), alone and while a writer
thread keeps the write lock busy with push-sized transactions.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import insert

from yulu_desktop.server import admin, status
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import ChangeLog, Conflict, Device, Record


def fill(db: ServerDatabase, records: int, devices: int) -> None:
    admin.create_unit(db, code="500229", name="城口县", level="county")
    admin.create_unit(db, code="500229101", name="庙坝镇", level="township", parent_code="500229")
    now = datetime.now(UTC)
    paths = []
    for i in range(devices):
        code = f"500229101{i:03d}"
        unit = admin.create_unit(db, code=code, name=f"村{i}", level="village", parent_code="500229101")
        admin.create_cadre(db, username=f"c{i}", name=f"干部{i}", unit_code=code)
        with db.read() as session:
            from sqlalchemy import select

            from yulu_desktop.server.models import Cadre, OrgUnit

            cadre = session.scalars(select(Cadre.id).where(Cadre.username == f"c{i}")).one()
            paths.append(session.scalars(select(OrgUnit.path).where(OrgUnit.id == unit)).one())
        with db.write() as session:
            session.add(
                Device(
                    id=str(uuid.uuid4()),
                    cadre_id=cadre,
                    name=f"笔记本{i}",
                    public_key="x",
                    enrolled_at=now,
                    last_sync_at=now,
                    last_seen_at=now,
                    last_seq=0,
                    pull_cursor=i * 1000,
                    protocol_version=3,
                    client_version="0.1.0",
                    skew_ms=0,
                )
            )
    data = json.dumps(
        {"name": "张坤", "household_id": str(uuid.uuid4()), "notes": "走访记录" * 10}, ensure_ascii=False
    )
    with db.ordered_write() as (session, allocator):
        conn = session.connection()
        for start in range(0, records, 20_000):
            rows, log = [], []
            for n in range(start, min(records, start + 20_000)):
                seq = allocator.next()
                rid = str(uuid.uuid4())
                scope = paths[n % devices]
                rows.append(
                    {
                        "entity": "visit",
                        "entity_id": rid,
                        "data": data,
                        "versions": "{}",
                        "deleted": False,
                        "scope_path": scope,
                        "updated_seq": seq,
                        "unique_key": None,
                    }
                )
                log.append(
                    {
                        "seq": seq,
                        "entity": "visit",
                        "entity_id": rid,
                        "op": "I",
                        "fields": data,
                        "field_versions": None,
                        "hlc": 0,
                        "device_id": "",
                        "author": "",
                        "scope_path": scope,
                        "shared_up": False,
                        "change_id": None,
                    }
                )
            conn.execute(insert(Record), rows)
            conn.execute(insert(ChangeLog), log)
        conn.execute(
            insert(Conflict),
            [
                {
                    "id": str(uuid.uuid4()),
                    "seq": 1,
                    "kind": "field",
                    "entity": "visit",
                    "entity_id": "x",
                    "field": "notes",
                    "winner_value": '"a"',
                    "loser_value": '"b"',
                    "winner_device": "w",
                    "loser_device": "l",
                    "winner_hlc": 0,
                    "loser_hlc": 0,
                    "loser_author": "",
                    "clock_skew": False,
                    "scope_path": paths[i % devices],
                    "created_at": now,
                    "resolved_at": None if i % 3 else now,
                    "resolution": "",
                    "resolved_by": "",
                }
                for i in range(300)
            ],
        )


def time_requests(db: ServerDatabase, n: int) -> list[float]:
    app = create_app(db=db, migrate=False)

    async def run() -> list[float]:
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 5000))
        times = []
        async with httpx.AsyncClient(transport=transport, base_url="http://local") as client:
            for _ in range(n):
                started = time.perf_counter()
                response = await client.get("/status")
                assert response.status_code == 200
                times.append((time.perf_counter() - started) * 1000)
        return times

    return asyncio.run(run())


def busy_writer(db: ServerDatabase, stop: threading.Event) -> None:
    """Push-sized write transactions back to back (what 50 syncing laptops do to the write lock)."""
    data = json.dumps({"notes": "x" * 200})
    while not stop.is_set():
        with db.ordered_write() as (session, allocator):
            conn = session.connection()
            log = [
                {
                    "seq": allocator.next(),
                    "entity": "visit",
                    "entity_id": str(uuid.uuid4()),
                    "op": "I",
                    "fields": data,
                    "field_versions": None,
                    "hlc": 0,
                    "device_id": "",
                    "author": "",
                    "scope_path": "/x/",
                    "shared_up": False,
                    "change_id": None,
                }
                for _ in range(200)
            ]
            conn.execute(insert(ChangeLog), log)
            time.sleep(0.02)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=300_000)
    parser.add_argument("--devices", type=int, default=50)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="yulu-status-"))
    db = ServerDatabase(args.database_url or f"sqlite:///{work / 'server.db'}")
    db.migrate()
    started = time.perf_counter()
    fill(db, args.records, args.devices)
    print(
        f"filled {args.records:,} records / log rows, {args.devices} devices in {time.perf_counter() - started:.1f} s"
    )
    print(f"load average {os.getloadavg()[0]:.2f}, database {status.database_kind(db)}")
    status.slow_counts.forget()
    cold = time_requests(db, 1)[0]
    warm = time_requests(db, 20)
    print(
        f"GET /status: first (counts live records) {cold:.0f} ms; next 20: median {statistics.median(warm):.1f} ms, max {max(warm):.1f} ms"
    )
    stop = threading.Event()
    writer = threading.Thread(target=busy_writer, args=(db, stop))
    writer.start()
    try:
        time.sleep(0.5)
        busy = time_requests(db, 20)
    finally:
        stop.set()
        writer.join()
    print(
        f"while a writer holds the lock in push-sized transactions: median {statistics.median(busy):.1f} ms, max {max(busy):.1f} ms"
    )
    print(f"load average {os.getloadavg()[0]:.2f}")
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
