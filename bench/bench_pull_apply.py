"""The laptop's side of a first pull, replayed: the pages a township laptop received, parsed and applied again.

``bench_sync.py pull`` measures a whole first sync, but seeds its server by a village laptop's push first (about
a minute for 20,000 people) and runs the server beside it. To compare the laptop's code A/B, this bench records
the pages once and replays them: each round copies the laptop's database as it was before its first pull,
parses every page (``protocol.PullResponse``) and applies it (``sync.local.apply_page``), and reports CPU time
per row, parse and apply apart, beside wall time and the load average.

    python bench/bench_pull_apply.py record --people 20000 --dir /tmp/pull-pages
    python bench/bench_pull_apply.py replay --dir /tmp/pull-pages --rounds 3

For an A/B of two trees, replay the same recording from each, alternating (the pages are the protocol's JSON,
the database the schema both trees share)::

    for tree in /tmp/old /tmp/new /tmp/new /tmp/old; do PYTHONPATH=$tree python bench/bench_pull_apply.py \\
        replay --dir /tmp/pull-pages; done
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_sync
import httpx

from yulu_desktop.server import admin
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.store.database import Database
from yulu_desktop.sync import local
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient

PAGES = "page-{:04d}.json"
BEFORE = "before-first-pull.db"


@dataclass
class Replay:
    rows: int
    pages: int
    wall_s: float
    cpu_s: float
    cpu_us_per_row: float
    parse_us_per_row: float
    apply_us_per_row: float
    load_average: float


def record(people: int, directory: Path) -> int:
    """A village laptop pushes ``people`` with their records; a new township laptop pulls them. Keeps the raw
    JSON of every pull page and a copy of the township laptop's database from just before its first pull."""
    directory.mkdir(parents=True, exist_ok=True)
    pages: list[bytes] = []
    with tempfile.TemporaryDirectory(prefix="yulu-bench-") as scratch:
        work = Path(scratch)
        url = f"sqlite:///{work / 'server.db'}"
        database = ServerDatabase(url)
        database.migrate()
        units = bench_sync._county(database)
        template = bench_sync._template(work)
        village, township = bench_sync._device(template, work), bench_sync._device(template, work)
        wire = bench_sync.WireCounter()

        def keep(response: httpx.Response) -> None:
            if response.request.url.path == "/v1/pull":
                pages.append(response.read())

        try:
            with bench_sync._serve(database, url, False) as server_url, wire.client() as http:
                client = SyncClient(village, server_url, http=http)
                client.enroll(admin.issue_code(database, username="hongyan"))
                client.sync_once()
                bench_sync.make_changes(village, units["500229101201"], people=people)
                client.sync_once()
                receiving = SyncClient(township, server_url, http=http)
                receiving.first_pull_image = False  # the pages are what this bench replays
                receiving.enroll(admin.issue_code(database, username="miaoba"))
                with township.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
                shutil.copyfile(Path(str(township.engine.url.database)), directory / BEFORE)
                http.event_hooks["response"].append(keep)
                report = receiving.sync_once()
        finally:
            village.close()
            township.close()
            database.dispose()
    for number, body in enumerate(pages):
        (directory / PAGES.format(number)).write_bytes(body)
    return report.pulled


def _replay_pages(db: Database, pages: list[bytes]) -> tuple[int, float, float]:
    """Parse and apply every page: (rows applied, parse CPU seconds, apply CPU seconds)."""
    rows, parse, apply = 0, 0.0, 0.0
    for body in pages:
        before = time.process_time()
        page = p.PullResponse.model_validate_json(body)
        parsed = time.process_time()
        rows += local.apply_page(db, page.changes, page.next_cursor).applied
        parse, apply = parse + parsed - before, apply + time.process_time() - parsed
    return rows, parse, apply


def replay(directory: Path) -> Replay:
    pages = [path.read_bytes() for path in sorted(directory.glob(PAGES.replace("{:04d}", "*")))]
    path = Path(tempfile.gettempdir()) / f"yulu-replay-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(directory / BEFORE, path)
    db = Database.open(path, bench_sync.PASSPHRASE)
    # As ``SyncClient.pull_all`` (a tree from before stop 21 has no pause: replayed as it pulled).
    paused = getattr(local, "collector_paused", contextlib.nullcontext)
    try:
        started, cpu = time.perf_counter(), time.process_time()
        with paused():
            rows, parse, apply = _replay_pages(db, pages)
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    finally:
        db.close()
        for leftover in path.parent.glob(path.name + "*"):
            leftover.unlink()
    per_row = 1e6 / max(1, rows)
    return Replay(
        rows=rows,
        pages=len(pages),
        wall_s=round(wall, 3),
        cpu_s=round(cpu, 3),
        cpu_us_per_row=round(cpu * per_row, 1),
        parse_us_per_row=round(parse * per_row, 1),
        apply_us_per_row=round(apply * per_row, 1),
        load_average=round(os.getloadavg()[0], 2),
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=["record", "replay"])
    parser.add_argument("--dir", type=Path, required=True, help="where the recording is kept")
    parser.add_argument("--people", type=int, default=20000, help="people the village laptop pushes (record)")
    parser.add_argument("--rounds", type=int, default=1, help="replays, one after the other (replay)")
    args = parser.parse_args()
    if args.mode == "record":
        print(f"recorded a first pull of {record(args.people, args.dir)} rows in {args.dir}")
        return
    for _round in range(args.rounds):
        result = replay(args.dir)
        print(json.dumps(asdict(result)))
        print(
            f"replayed {result.rows} rows in {result.pages} pages: {result.cpu_us_per_row} µs of CPU a row "
            f"(parse {result.parse_us_per_row}, apply {result.apply_us_per_row}), {result.wall_s} s wall, "
            f"load {result.load_average}"
        )


if __name__ == "__main__":
    main()
