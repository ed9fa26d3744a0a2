"""Sync benchmarks against a real uvicorn server on loopback.

    python bench/bench_sync.py soak --devices 10 --changes 200 [--database-url postgresql://…]
    python bench/bench_sync.py push --changes 10000 [--database-url …]
    python bench/bench_sync.py pull --people 20000 [--database-url …]
    python bench/bench_sync.py office --devices 50 --changes 200 --database-url postgresql://…

* ``soak``: N laptops each make M changes offline, then all sync at once: push throughput (changes/s across all
  devices), p95 sync time per device, and a county laptop's first pull (rows/s). A short run is part of the test
  suite (tests/sync/test_sync_bench.py).
* ``push``: one village laptop pushes ``--changes`` journal entries (demo households: people, students' records,
  visits) in one sync; compared with writing the same rows straight into the server database (``record`` and
  ``change_log`` rows with ``executemany`` in one transaction, no HTTP, no merge). Reports the ratio and the
  compressed request bytes per change.
* ``office``: the township office — ``--devices`` laptop *processes* sync ``--changes`` each at once against a
  server process: wall time, server ingest (ops/s), p50/p95/max sync time, nothing lost. With
  ``--county-people N`` (PostgreSQL) the county already holds N people and their records.
* ``pull``: a township of ``--people`` people with their records is pushed, then a new township laptop does its
  first pull: rows/s and compressed response bytes per row.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

import httpx

sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "sync"))
sys.path.insert(0, str(Path(__file__).parent))

import uvicorn
from bench_jurisdiction import postgres_cpu
from faults import ServerProcess  # the test suite's server process (restartable, uvicorn workers)
from sqlalchemy import text

from yulu_desktop.domain.entities import Household, Person, new_id
from yulu_desktop.server import admin
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.store import journal, migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient, SyncReport

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


def _serve(database: ServerDatabase, url: str, in_process: bool) -> contextlib.AbstractContextManager[str]:
    return _Server(database) if in_process else ServerProcess(url)


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


# --- push and first-pull throughput ---------------------------------------------------------------------


class WireCounter:
    """Counts bytes as they travel (request bodies as sent, responses before decompression), per path."""

    def __init__(self) -> None:
        self.sent: dict[str, int] = {}
        self.received: dict[str, int] = {}

    def client(self) -> httpx.Client:
        return httpx.Client(
            timeout=300, event_hooks={"request": [self._on_request], "response": [self._on_response]}
        )

    def _on_request(self, request: httpx.Request) -> None:
        path = request.url.path
        self.sent[path] = self.sent.get(path, 0) + len(request.content)

    def _on_response(self, response: httpx.Response) -> None:
        response.read()
        path = response.request.url.path
        self.received[path] = self.received.get(path, 0) + response.num_bytes_downloaded


@contextlib.contextmanager
def _fresh_database_url(database_url: str | None, work: Path, name: str) -> Iterator[str]:
    """A SQLite file in ``work``, or a new schema of the PostgreSQL database (dropped afterwards)."""
    if database_url is None or database_url.startswith("sqlite"):
        yield f"sqlite:///{work / (name + '.db')}"
        return
    import psycopg

    plain = database_url.replace("postgresql+psycopg://", "postgresql://").split("?")[0]
    schema = f"yulu_bench_{name}_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(plain, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"{plain.replace('postgresql://', 'postgresql+psycopg://')}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(plain, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


def _county(database: ServerDatabase) -> dict[str, str]:
    """城口县 › 庙坝镇 › 红岩村 and one cadre for the village, one for the township; returns unit ids by code."""
    ids = {
        "500229": admin.create_unit(database, code="500229", name="城口县", level="county"),
        "500229101": admin.create_unit(
            database, code="500229101", name="庙坝镇", level="township", parent_code="500229"
        ),
        "500229101201": admin.create_unit(
            database, code="500229101201", name="红岩村", level="village", parent_code="500229101"
        ),
    }
    admin.create_cadre(database, username="hongyan", name="张书记", unit_code="500229101201")
    admin.create_cadre(database, username="miaoba", name="赵镇长", unit_code="500229101", role="township")
    return ids


#: A village laptop writes subsidy applications as drafts: the demo's later states (approved, paid …) are steps of
#: the township and the county, which the server quarantines when a village laptop sends them (issue 15).
VILLAGE_DRAFT = {
    "state": "draft",
    "township_opinion": "",
    "county_opinion": "",
    "publicity_id": None,
    "payment_batch_id": None,
    "paid_on": None,
    "county_approved_on": None,
    "payment_failure": "",
    "returned_reason": "",
}


def make_changes(
    db: Database, village_id: str, *, changes: int = 0, people: int = 0, seed: int = 7
) -> dict[str, int]:
    """Demo households (people, students' enrolments and intents, visits) until ``changes`` rows or ``people``
    people are written; the journal triggers record each row. Returns rows per table."""
    from yulu_desktop.services import demo
    from yulu_desktop.services.bulk import insert_sql

    rng = random.Random(seed)
    today = date(2025, 6, 1)
    ids = demo._IdMaker(set())
    batches: dict[Any, list[tuple[Any, ...]]] = {table: [] for table in demo._TABLE_ORDER}
    made = people_made = index = 0
    while (changes and made < changes) or (people and people_made < people):
        # Unique per laptop (``seed``): the server holds a second household with one number back.
        household_no = f"500229101201{seed:06d}{index:06d}"
        index += 1
        for _kind, table, row in demo._household_rows(rng, today, village_id, "500229", household_no, ids):
            if table.name == "subsidy_application":
                row = {**row, **VILLAGE_DRAFT}
            batches[table].append(demo.row_values(table, row))
            made += 1
            people_made += table.name == "person"
    with db.write_connection() as conn:
        cursor = conn.connection.cursor()
        for table in demo._TABLE_ORDER:
            if batches[table]:
                cursor.executemany(insert_sql(table)[0], batches[table])
    return {table.name: len(rows) for table, rows in batches.items() if rows}


def write_directly(database: ServerDatabase, db: Database, scope_path: str) -> float:
    """Seconds to write the device's pending journal straight into ``database`` as ``record`` and
    ``change_log`` rows (one executemany each, one transaction): the floor for what a push must store."""
    from yulu_desktop.server.models import ChangeLog, Record
    from yulu_desktop.store import journal

    with db.read_connection() as conn:
        entries = journal.pending_entries(conn, limit=10**9)
    started = time.perf_counter()
    records = []
    log = []
    for seq, entry in enumerate(entries, start=1):
        data = {f: v[1] for f, v in entry.changes.items() if f != "id"}
        records.append(
            {
                "entity": entry.entity,
                "entity_id": entry.entity_id,
                "data": json.dumps(data, ensure_ascii=False, default=str),
                "versions": json.dumps({f: [seq, entry.hlc, entry.device_id] for f in data}),
                "deleted": False,
                "scope_path": scope_path,
                "updated_seq": seq,
            }
        )
        log.append(
            {
                "seq": seq,
                "entity": entry.entity,
                "entity_id": entry.entity_id,
                "op": entry.op,
                "fields": records[-1]["data"],
                "field_versions": None,
                "hlc": entry.hlc,
                "device_id": entry.device_id,
                "author": entry.author,
                "scope_path": scope_path,
                "shared_up": False,
                "change_id": entry.change_id,
            }
        )
    with database.engine.begin() as conn:
        conn.execute(Record.__table__.insert(), records)
        conn.execute(ChangeLog.__table__.insert(), log)
    return time.perf_counter() - started


@dataclass
class PushResult:
    changes: int
    push_seconds: float
    changes_per_s: float
    direct_seconds: float
    ratio_to_direct: float
    request_bytes: int
    bytes_per_change: float
    complete: bool
    #: The laptop's CPU for the push, and the pull that follows it in the same sync (wall, CPU, rows received).
    push_cpu_s: float = 0.0
    pull_seconds: float = 0.0
    pull_cpu_s: float = 0.0
    pulled_rows: int = 0
    #: True: the pull asked for everything, as a laptop before issue 20 did (its own push came back).
    echo: bool = False


def run_push(
    changes: int,
    database_url: str | None = None,
    workdir: Path | None = None,
    *,
    in_process: bool = False,
    echo: bool = False,
) -> PushResult:
    """One village laptop pushes ``changes`` journal entries in one sync, then pulls (the rest of that sync).

    ``echo``: the pull asks for everything, as laptops before issue 20 did, and gets its own push back."""
    own_dir = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="yulu-bench-"))
    try:
        with (
            _fresh_database_url(database_url, work, "server") as url,
            _fresh_database_url(database_url, work, "direct") as direct_url,
        ):
            database = ServerDatabase(url)
            database.migrate()
            units = _county(database)
            direct = ServerDatabase(direct_url)
            direct.migrate()
            template = _template(work)
            db = _device(template, work)
            wire = WireCounter()
            try:
                with _serve(database, url, in_process) as server_url, wire.client() as http:
                    client = SyncClient(db, server_url, http=http)
                    client.enroll(admin.issue_code(database, username="hongyan"))
                    client.sync_once()
                    make_changes(db, units["500229101201"], changes=changes)
                    with db.read_connection() as conn:
                        pending = journal.pending_count(conn)
                    direct_seconds = write_directly(direct, db, "/")
                    before = wire.sent.get("/v1/push", 0)
                    report = SyncReport()
                    started, cpu = time.perf_counter(), time.process_time()
                    client.push_all(report)
                    push_seconds = time.perf_counter() - started
                    push_cpu = time.process_time() - cpu
                    sent = wire.sent.get("/v1/push", 0) - before
                    if echo:
                        client._own_held_above = None  # the old client asked for everything
                        with mock.patch.object(client, "push_all", return_value=True):
                            started, cpu = time.perf_counter(), time.process_time()
                            report = client.sync_once()
                    else:
                        started, cpu = time.perf_counter(), time.process_time()
                        report = client.sync_once()
                    pull_seconds, pull_cpu = time.perf_counter() - started, time.process_time() - cpu
                    pulled = report.pulled
            finally:
                db.close()
                database.dispose()
                direct.dispose()
    finally:
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    return PushResult(
        changes=pending,
        push_seconds=round(push_seconds, 3),
        changes_per_s=round(pending / push_seconds, 1),
        direct_seconds=round(direct_seconds, 3),
        ratio_to_direct=round(push_seconds / direct_seconds, 2),
        request_bytes=sent,
        bytes_per_change=round(sent / pending, 1),
        complete=report.complete and report.pending == 0,
        push_cpu_s=round(push_cpu, 3),
        pull_seconds=round(pull_seconds, 3),
        pull_cpu_s=round(pull_cpu, 3),
        pulled_rows=pulled,
        echo=echo,
    )


@dataclass
class PullResult:
    people: int
    rows: int
    rows_by_table: dict[str, int]
    seed_push_seconds: float
    pull_seconds: float
    #: CPU time of this process during the pull: the laptop's, unless ``in_process`` (then the server's too).
    pull_cpu_s: float
    cpu_us_per_row: float
    rows_per_s: float
    response_bytes: int
    bytes_per_row: float
    all_arrived: bool
    #: The pull came as a database image (``sync.first_pull``), not page by page.
    as_image: bool = False
    #: CPU of the server's process tree during the pull (0 with ``in_process``).
    server_cpu_s: float = 0.0


def run_pull(
    people: int,
    database_url: str | None = None,
    workdir: Path | None = None,
    *,
    in_process: bool = False,
    pages: bool = False,
) -> PullResult:
    """A village laptop pushes a township's ``people`` with their records; a new township laptop pulls them
    (with ``pages``, page by page even where the server could send an image)."""
    own_dir = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="yulu-bench-"))
    try:
        with _fresh_database_url(database_url, work, "server") as url:
            database = ServerDatabase(url)
            database.migrate()
            units = _county(database)
            template = _template(work)
            source = _device(template, work)
            fresh = _device(template, work)
            wire = WireCounter()
            try:
                serving = _serve(database, url, in_process)
                with serving as server_url, wire.client() as http:
                    client = SyncClient(source, server_url, http=http)
                    client.enroll(admin.issue_code(database, username="hongyan"))
                    client.sync_once()
                    rows_by_table = make_changes(source, units["500229101201"], people=people)
                    started = time.perf_counter()
                    client.sync_once()
                    seed_seconds = time.perf_counter() - started
                    township = SyncClient(fresh, server_url, http=http)
                    # (A tree from before the image pulls page by page anyway: the attribute does nothing there.)
                    township.first_pull_image = not pages
                    township.enroll(admin.issue_code(database, username="miaoba"))
                    before = sum(wire.received.values())
                    server_pid = getattr(getattr(serving, "process", None), "pid", None)
                    server_cpu = _tree_cpu_seconds(server_pid) if server_pid else 0.0
                    started, cpu = time.perf_counter(), time.process_time()
                    report = township.sync_once()
                    pull_seconds = time.perf_counter() - started
                    pull_cpu = time.process_time() - cpu
                    server_cpu = (_tree_cpu_seconds(server_pid) - server_cpu) if server_pid else 0.0
                    received = sum(wire.received.values()) - before
                    with fresh.read_connection() as conn:
                        arrived = {
                            name: conn.exec_driver_sql(f'SELECT count(*) FROM "{name}"').scalar_one()
                            for name in rows_by_table
                        }
            finally:
                source.close()
                fresh.close()
                database.dispose()
    finally:
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    rows = sum(rows_by_table.values())
    return PullResult(
        people=rows_by_table.get("person", 0),
        rows=report.pulled,
        rows_by_table=rows_by_table,
        seed_push_seconds=round(seed_seconds, 3),
        pull_seconds=round(pull_seconds, 3),
        pull_cpu_s=round(pull_cpu, 3),
        cpu_us_per_row=round(pull_cpu / max(1, report.pulled) * 1e6, 1),
        rows_per_s=round(report.pulled / pull_seconds, 1),
        response_bytes=received,
        bytes_per_row=round(received / max(1, rows), 1),
        all_arrived=arrived == rows_by_table and report.complete,
        as_image=getattr(report, "pulled_as_image", False),
        server_cpu_s=round(server_cpu, 3),
    )


@dataclass
class OfficeResult:
    devices: int
    #: People in the county before the office opened (``--county-people``; 0: only the office's villages).
    county_people: int
    changes_per_device: int
    total_changes: int
    server_workers: int
    #: From the release of the barrier until the last laptop finished.
    wall_seconds: float
    #: Changes stored per second, from the release until the last push was acknowledged.
    server_ingest_ops_per_s: float
    p50_sync_seconds: float
    p95_sync_seconds: float
    max_sync_seconds: float
    #: Seconds until every laptop process had started, opened its database and connected (not measured above).
    prepare_seconds: float
    #: CPU seconds of one laptop's sync (mean): the laptops share the cores with the server here.
    laptop_cpu_seconds: float
    #: CPU seconds the server's processes (uvicorn and its workers) used from the release to the end.
    server_cpu_seconds: float
    #: CPU seconds of the PostgreSQL cluster's processes over the same window (0 on SQLite).
    database_cpu_seconds: float
    load_average_before: float
    load_average_after: float
    #: Share of the machine's CPU time that was busy between the release and the end (all processes, Linux).
    machine_cpu_busy: float
    #: (path, seconds) of each request of the slowest laptop: where its time went.
    slowest_laptop_requests: list[tuple[str, float]]
    all_complete: bool
    nothing_lost: bool
    #: Attachment files each laptop sends after its records (random bytes, so each is new to the server).
    files_per_device: int = 0
    file_kib: int = 0
    #: Files complete on the server afterwards (every one, or something was lost).
    files_stored: int = 0
    #: Is the server still responsive while the laptops sync: slowest answer of the status page and of the
    #: ping, polled every 0.25 s from the release until the last laptop reported.
    status_page_max_seconds: float = 0.0
    ping_max_seconds: float = 0.0


def run_office(
    devices: int,
    changes: int,
    database_url: str | None = None,
    workdir: Path | None = None,
    *,
    workers: int = 2,
    files: int = 0,
    file_kib: int = 200,
    county_people: int = 0,
) -> OfficeResult:
    """Township office: ``devices`` laptop processes sync ``changes`` each at once against a server process;
    with ``files``, each laptop also has that many attachment files of ``file_kib`` KiB to send (records
    first, then the files in chunks, as in the field).

    Fair start: every child process first starts Python, imports, opens its database (SQLCipher key
    derivation), connects to the server and says ``ready``; when all are ready the parent releases them at
    once (a line on each stdin) and each one times only its sync. On two cores, 50 interpreters starting at
    the same moment otherwise take longer than the syncs themselves.

    With ``county_people`` (PostgreSQL only), the county holds that many people before the office opens
    (bench_province's ``fill_county``: the demo's households in townships of ten villages), so every query the
    syncs make runs against a county of that size.
    """
    from argon2 import PasswordHasher

    from yulu_desktop.server import service

    # Enrollment is not what is measured: cheap Argon2 parameters for the 50 one-time codes.
    service.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    own_dir = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="yulu-bench-"))
    children: list[subprocess.Popen[bytes]] = []
    try:
        with _fresh_database_url(database_url, work, "server") as url:
            database = ServerDatabase(url)
            database.migrate()
            if county_people:
                sys.path.insert(0, str(Path(__file__).parent))
                from bench_province import fill_county

                fill_county(url, 0, 1, "500229", "城口县", county_people, seed=1)
            else:
                _county(database)
            villages = []
            for i in range(devices):
                code = f"500229101{300 + i:03d}"
                villages.append(
                    admin.create_unit(
                        database, code=code, name=f"村{i}", level="village", parent_code="500229101"
                    )
                )
                admin.create_cadre(database, username=f"office{i}", name=f"干部{i}", unit_code=code)
            template = _template(work)
            server = ServerProcess(url, work / "server.log", workers=workers)
            with server as server_url:
                paths = []
                total = 0
                with httpx.Client(timeout=120) as http:
                    for i in range(devices):
                        db = _device(template, work)
                        client = SyncClient(db, server_url, http=http)
                        client.enroll(admin.issue_code(database, username=f"office{i}"))
                        client.sync_once()
                        with db.write_connection() as conn:
                            cursor = conn.connection.cursor()
                            for n in range(changes):
                                cursor.execute(
                                    "INSERT INTO household (id, household_no, village_id, household_type) "
                                    "VALUES (?, ?, ?, 'tuopin')",
                                    (new_id(), f"{i:03d}{n:06d}{uuid.uuid4().hex[:6]}", villages[i]),
                                )
                        if files:
                            _add_files(db, villages[i], files, file_kib, seed=i)
                        with db.read_connection() as conn:
                            total += journal.pending_count(conn)
                        paths.append(db.path)
                        db.close()
                prepare = time.perf_counter()
                children = [
                    subprocess.Popen(
                        [sys.executable, __file__, "office-child", str(path), server_url],
                        stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE,
                    )
                    for path in paths
                ]
                for child in children:
                    assert child.stdout is not None
                    line = child.stdout.readline()
                    if line.strip() != b"ready":
                        raise RuntimeError(f"an office laptop did not get ready: {line!r}")
                prepare_seconds = time.perf_counter() - prepare
                load_before = os.getloadavg()[0]
                busy_before = _cpu_ticks()
                assert server.process is not None
                server_cpu_before = _tree_cpu_seconds(server.process.pid)
                database_cpu_before = postgres_cpu()
                released = time.time()
                started = time.perf_counter()
                for child in children:
                    assert child.stdin is not None
                    child.stdin.write(b"go\n")
                    child.stdin.flush()
                with _ResponsivenessProbe(server_url) as probe:
                    outputs = []
                    for child in children:
                        assert child.stdout is not None
                        outputs.append(json.loads(child.stdout.readline()))
                wall = time.perf_counter() - started
                load_after = os.getloadavg()[0]
                busy_after = _cpu_ticks()
                server_cpu = _tree_cpu_seconds(server.process.pid) - server_cpu_before
                database_cpu = postgres_cpu() - database_cpu_before
                # Only now may they exit: 50 interpreters tearing down would take the cores from the last syncs.
                for child in children:
                    child.communicate(b"exit\n", timeout=120)
            with database.read() as session:
                from sqlalchemy import func, select

                from yulu_desktop.server.models import AppliedChange, ServerBlob

                stored = session.scalar(select(func.count()).select_from(AppliedChange)) or 0
                files_stored = (
                    session.scalar(
                        select(func.count()).select_from(ServerBlob).where(ServerBlob.complete.is_(True))
                    )
                    or 0
                )
            database.dispose()
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    durations = sorted(o["seconds"] for o in outputs)
    ingest = max(o["pushed_at"] for o in outputs) - released
    return OfficeResult(
        devices=devices,
        county_people=county_people,
        changes_per_device=changes,
        total_changes=total,
        server_workers=workers,
        wall_seconds=round(wall, 3),
        server_ingest_ops_per_s=round(total / max(ingest, 1e-6), 1),
        p50_sync_seconds=round(_percentile(durations, 0.50), 3),
        p95_sync_seconds=round(_percentile(durations, 0.95), 3),
        max_sync_seconds=round(durations[-1], 3),
        prepare_seconds=round(prepare_seconds, 3),
        laptop_cpu_seconds=round(sum(o["cpu"] for o in outputs) / len(outputs), 3),
        server_cpu_seconds=round(server_cpu, 3),
        database_cpu_seconds=round(database_cpu, 3),
        load_average_before=round(load_before, 2),
        load_average_after=round(load_after, 2),
        machine_cpu_busy=round((busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]), 3),
        slowest_laptop_requests=[tuple(r) for r in max(outputs, key=lambda o: o["seconds"])["requests"]],
        all_complete=all(o["complete"] for o in outputs),
        nothing_lost=stored == total and files_stored == devices * files,
        files_per_device=files,
        file_kib=file_kib if files else 0,
        files_stored=files_stored,
        status_page_max_seconds=round(probe.slowest["/status"], 3),
        ping_max_seconds=round(probe.slowest["/v1/ping"], 3),
    )


class _ResponsivenessProbe:
    """Polls the status page and the ping in a thread while the laptops sync, keeping the slowest answers."""

    def __init__(self, server_url: str) -> None:
        self._url = server_url
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self.slowest = {"/status": 0.0, "/v1/ping": 0.0}

    def _poll(self) -> None:
        with httpx.Client(timeout=60) as http:
            while True:
                for path in self.slowest:
                    started = time.perf_counter()
                    http.get(self._url + path).raise_for_status()
                    self.slowest[path] = max(self.slowest[path], time.perf_counter() - started)
                if self._stop.wait(0.25):
                    return

    def __enter__(self) -> _ResponsivenessProbe:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _add_files(db: Database, village_id: str, files: int, file_kib: int, *, seed: int) -> None:
    """A demo household in the village and ``files`` scans of its first person (random bytes: not images, so
    stored as they are, and new to the server)."""
    from yulu_desktop.services import records

    make_changes(db, village_id, people=1, seed=1000 + seed)
    with db.read_connection() as conn:
        person_id = conn.exec_driver_sql("SELECT id FROM person ORDER BY id LIMIT 1").scalar_one()
    rng = random.Random(seed)
    for k in range(files):
        data = rng.randbytes(file_kib * 1024)
        records.add_attachment(db, person_id, f"扫描件{k + 1}.pdf", data, kind="signed_form", actor="bench")


def _tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process and its live descendants (Linux ``/proc``; 0 elsewhere)."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        pending.extend(int(c) for c in children)
    return total


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat; (0, 0) where there is none."""
    try:
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except OSError:
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return sum(fields) - idle, sum(fields)


def _percentile(ordered: list[float], fraction: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[min(len(ordered), int(rank)) - 1]


def _office_child(path: str, url: str) -> None:
    """One office laptop: get everything ready, wait for the release, then sync and report (JSON on stdout)."""
    db = Database.open(Path(path), PASSPHRASE)
    # Open the pool's connections now (each derives the SQLCipher key, ~0.1 s): the sync uses two at once.
    with db.read_connection() as first, db.read_connection() as second:
        first.exec_driver_sql("SELECT count(*) FROM change_journal").scalar_one()
        second.exec_driver_sql("SELECT 1").scalar_one()
    requests: list[tuple[str, float]] = []

    def sent(request: httpx.Request) -> None:
        request.extensions["yulu_started"] = time.perf_counter()

    def answered(response: httpx.Response) -> None:
        started = response.request.extensions.get("yulu_started", time.perf_counter())
        requests.append((response.request.url.path, round(time.perf_counter() - started, 4)))

    with httpx.Client(timeout=300, event_hooks={"request": [sent], "response": [answered]}) as http:
        client = SyncClient(db, url, http=http)
        http.get(url + "/v1/ping")  # the connection is open before the release
        requests.clear()
        print("ready", flush=True)
        sys.stdin.readline()
        pushed_at = 0.0

        def progress(stage: str, done: int, total: int) -> None:
            nonlocal pushed_at
            if stage == "push" and done >= total:
                pushed_at = time.time()

        started, cpu = time.perf_counter(), time.process_time()
        report = client.sync_once(progress)
        seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    pushed_at = pushed_at or time.time()
    result = {
        "seconds": seconds,
        "cpu": cpu,
        "complete": report.complete,
        "pushed_at": pushed_at,
        "requests": requests,
    }
    print(json.dumps(result), flush=True)
    sys.stdin.readline()  # wait to be told to exit (see run_office)
    db.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    if len(sys.argv) == 4 and sys.argv[1] == "office-child":
        _office_child(sys.argv[2], sys.argv[3])
        return
    parser.add_argument("scenario", nargs="?", default="soak", choices=["soak", "push", "pull", "office"])
    parser.add_argument("--devices", type=int, default=10)
    parser.add_argument("--changes", type=int, default=None)
    parser.add_argument("--people", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=1, help="A/B rounds (push)")
    parser.add_argument("--database-url")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes (office)")
    parser.add_argument("--files", type=int, default=0, help="attachment files per laptop (office)")
    parser.add_argument("--file-kib", type=int, default=200, help="size of each attachment file (office)")
    parser.add_argument(
        "--county-people", type=int, default=0, help="people in the county before the office opens (office)"
    )
    parser.add_argument(
        "--in-process",
        action="store_true",
        help="run the server in a thread of this process (shares the GIL)",
    )
    parser.add_argument(
        "--pages", action="store_true", help="the first pull page by page, not as a database image (pull)"
    )
    args = parser.parse_args()
    if args.scenario == "push":
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        # A/B in alternating order: the pull after the push as laptops before issue 20 asked it (echo), and now.
        for round_no in range(args.rounds):
            for echo in (True, False) if round_no % 2 == 0 else (False, True):
                push = run_push(
                    args.changes or 10000, args.database_url, in_process=args.in_process, echo=echo
                )
                print(json.dumps(asdict(push), ensure_ascii=False))
                print(
                    f"{'old pull (echo)' if echo else 'new pull'}: push {push.changes} changes: "
                    f"{push.push_seconds:.2f} s wall, {push.push_cpu_s:.2f} s laptop CPU "
                    f"({push.changes_per_s:.0f}/s), {push.ratio_to_direct:.1f}x writing them straight into the "
                    f"server database, {push.bytes_per_change:.0f} bytes/change compressed; the pull after it: "
                    f"{push.pull_seconds:.2f} s wall, {push.pull_cpu_s:.2f} s laptop CPU, "
                    f"{push.pulled_rows} rows received"
                )
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        return
    if args.scenario == "pull":
        print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        pull = run_pull(args.people, args.database_url, in_process=args.in_process, pages=args.pages)
        print(json.dumps(asdict(pull), ensure_ascii=False, indent=2))
        print(
            f"first pull of {pull.people} people, {pull.rows} rows "
            f"({'as an image' if pull.as_image else 'page by page'}): {pull.pull_seconds:.2f} s, "
            f"laptop CPU {pull.pull_cpu_s:.2f} s ({pull.cpu_us_per_row:.0f} µs a row), server CPU "
            f"{pull.server_cpu_s:.2f} s, {pull.rows_per_s:.0f} rows/s, {pull.bytes_per_row:.0f} bytes/row received "
            f"(load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())})"
        )
        return
    if args.scenario == "office":
        office = run_office(
            args.devices,
            args.changes or 200,
            args.database_url,
            workers=args.workers,
            files=args.files,
            file_kib=args.file_kib,
            county_people=args.county_people,
        )
        print(json.dumps(asdict(office), ensure_ascii=False, indent=2))
        files = (
            f" + {office.files_per_device} × {office.file_kib} KiB files" if office.files_per_device else ""
        )
        print(
            f"{office.devices} laptop processes × {office.changes_per_device} changes{files}: "
            f"all in {office.wall_seconds:.1f} s, nothing lost: {office.nothing_lost}, "
            f"slowest status page {office.status_page_max_seconds:.2f} s, ping {office.ping_max_seconds:.2f} s, "
            f"server ingest {office.server_ingest_ops_per_s:.0f} ops/s, p50 {office.p50_sync_seconds:.2f} s, "
            f"p95 {office.p95_sync_seconds:.2f} s, max {office.max_sync_seconds:.2f} s "
            f"server CPU {office.server_cpu_seconds:.2f} s, database CPU {office.database_cpu_seconds:.2f} s, "
            f"machine busy {office.machine_cpu_busy:.0%}, laptop CPU {office.laptop_cpu_seconds:.3f} s each "
            f"(load {office.load_average_before} → {office.load_average_after})"
        )
        return
    result = run(args.devices, args.changes or 200, args.database_url)
    print(json.dumps(asdict(result), ensure_ascii=False, indent=2))
    print(
        f"{result.devices} devices × {result.changes_per_device} changes: "
        f"push {result.push_changes_per_s:.0f} changes/s, p95 sync {result.p95_sync_seconds:.2f} s, "
        f"first pull {result.first_pull_rows_per_s:.0f} rows/s"
    )


if __name__ == "__main__":
    main()
