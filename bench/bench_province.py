"""Bench: the province view over many county servers (issue 17), at a realistic size.

    python bench/bench_province.py --counties 4 --people 200000 [--office-devices 50 --changes 200]
                                   [--feed-seconds 5] [--settle-seconds 20] [--json FILE]

What it does, each step on real PostgreSQL 15 clusters (one per county plus the province, made with
``tests/province/pg_clusters.py`` on loopback ports, then given production-like settings: ``fsync`` and
``full_page_writes`` on, 512 MB of shared buffers; the test settings would make the WAL figures meaningless):

1. **Fill** every county with synthetic households written straight into the county server's ``record`` and
   ``change_log`` tables, the way ``server.merge`` stores a laptop's insert: the demo generator's shapes
   (households of about four, students' enrolments, subsidy applications over the terms, employment entries,
   visits, intents, trainings), sensitive fields sealed with the county's ``db.cipher``, the person's
   ``unique_key`` hashed, per-field versions. Pushing a million records through the sync protocol would
   measure the sync (bench_sync.py does that), not the province. A share of the households is the same family
   in two neighbouring counties (same ID numbers, same subsidy terms), so the cross-county checks have work.
2. **Publications and the province.** The last county (of two or more) subscribes before its first feed, so
   its rows reach the province through the apply worker one change at a time (as after a county was down):
   the time until the province holds them all, the province's CPU, the bytes the WAL sender sent.
3. **Feeder's first run** per county (``server.province_feed.feed_once``): rows/s, CPU of this process and of
   the county's PostgreSQL, WAL bytes per projected row (``pg_current_wal_lsn()`` before and after). Then the
   **initial copy** of each other county's subscription (``province.counties.add_county``, one county after
   the other, each waited for until every table is ``ready``): rows/s, bytes by table, CPU on both sides.
4. **The province's queries at that size**: ``run_checks``, ``province_stats``, ``county_status`` (a cold and a
   warm run); database size.
5. **Steady state under the township-office load** (with ``--office-devices``): bench_sync.py's office —
   ``--office-devices`` laptop processes, ``--changes`` journal rows each (the demo mix), released at once
   against one county server process (``yulu-server`` under uvicorn, 2 workers) — while a ``Feeder`` thread
   feeds every county every ``--feed-seconds``; the province's lag (``county_status``: now − the replicated
   heartbeat) is sampled every second before, during and after the load, and the time from the release until
   the last office household is in the province is measured.

CPU figures are user + system seconds from ``/proc`` (``pg_stat_statements`` and ``psutil`` are not
installed): this process (the generator and the feeder thread), and each cluster's postmaster with its live
children plus the children it reaped. Prints a JSON summary and a Markdown table; ``--json FILE`` writes it.
docs/SCALE.md holds the figures of a run and the extrapolation to 38 counties.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "province"))
sys.path.insert(0, str(ROOT / "tests" / "sync"))
sys.path.insert(0, str(ROOT / "bench"))

import psycopg  # noqa: E402
from pg_clusters import Cluster, create_cluster  # noqa: E402  (the test suite's cluster harness)

from yulu_desktop.server import admin  # noqa: E402
from yulu_desktop.server.db import ServerDatabase  # noqa: E402
from yulu_desktop.services import demo  # noqa: E402

#: Real Chongqing county codes (any further county gets a made-up code after them).
COUNTIES = (
    ("500229", "城口县"),
    ("500238", "巫溪县"),
    ("500230", "丰都县"),
    ("500231", "垫江县"),
    ("500233", "忠县"),
    ("500235", "云阳县"),
    ("500236", "奉节县"),
    ("500237", "巫山县"),
    ("500240", "石柱土家族自治县"),
    ("500241", "秀山土家族苗族自治县"),
    ("500242", "酉阳土家族苗族自治县"),
    ("500243", "彭水苗族土家族自治县"),
)
PEOPLE_PER_VILLAGE = 2000
VILLAGES_PER_TOWNSHIP = 10
#: Every SHARED_EVERY-th household of a county is a family also registered in a neighbouring county.
SHARED_EVERY = 50
TODAY = date(2025, 11, 20)
#: Production-like settings for the bench's clusters (the test harness turns fsync and full-page writes off).
BENCH_SETTINGS = {
    "fsync": "on",
    "full_page_writes": "on",
    "synchronous_commit": "on",
    "shared_buffers": "512MB",
    "max_wal_size": "4GB",
    "work_mem": "32MB",
    "maintenance_work_mem": "256MB",
}
COPY_CHUNK = 20000


def county_list(n: int) -> list[tuple[str, str]]:
    made = list(COUNTIES[:n])
    for i in range(len(made), n):
        made.append((f"5003{i:02d}", f"模拟县{i + 1}"))
    return made


# --- CPU, WAL and sizes ---------------------------------------------------------------------------------------


def _stat_fields(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def _tree_cpu(pid: int, *, reaped: bool) -> float:
    """User + system CPU seconds of a process and its live descendants; with ``reaped`` also the children the
    root has waited for (a postmaster reaps every backend that ends)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    pending = [pid]
    root = True
    while pending:
        current = pending.pop()
        try:
            fields = _stat_fields(current)
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
        if root and reaped:
            total += (int(fields[13]) + int(fields[14])) / tick  # cutime, cstime
        root = False
        pending.extend(int(c) for c in children)
    return total


def postmaster_pid(cluster: Cluster) -> int:
    return int((cluster.data_dir / "postmaster.pid").read_text().split("\n", 1)[0])


def cluster_cpu(cluster: Cluster) -> float:
    return _tree_cpu(postmaster_pid(cluster), reaped=True)


def own_cpu() -> float:
    """This process (all its threads) and the children it has waited for."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def number(cluster: Cluster, sql: str, *, dbname: str = "yulu") -> int:
    """The one integer (count, size, LSN difference) a query answers."""
    return int(str(cluster.query(sql, dbname=dbname)[0][0]))


def wal_lsn(cluster: Cluster) -> str:
    return str(cluster.query("SELECT pg_current_wal_lsn()")[0][0])


def wal_bytes(cluster: Cluster, since: str) -> int:
    return number(cluster, f"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '{since}')")


def database_bytes(cluster: Cluster) -> int:
    return number(cluster, "SELECT pg_database_size(current_database())")


@dataclass
class Meter:
    """Wall time, CPU of this process and of some clusters, and the load average, over a ``with`` block."""

    clusters: dict[str, Cluster]
    wall: float = 0.0
    cpu: dict[str, float] = field(default_factory=dict)
    load: float = 0.0

    def __enter__(self) -> Meter:
        self._cpu0 = {name: cluster_cpu(c) for name, c in self.clusters.items()}
        self._own0 = own_cpu()
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._t0
        self.cpu = {"bench": round(own_cpu() - self._own0, 2)}
        for name, c in self.clusters.items():
            self.cpu[name] = round(cluster_cpu(c) - self._cpu0[name], 2)
        self.load = round(os.getloadavg()[0], 2)


def _percentile(ordered: list[float], fraction: float) -> float:
    if not ordered:
        return float("nan")
    rank = max(1, math.ceil(len(ordered) * fraction))
    return ordered[min(len(ordered), rank) - 1]


# --- clusters -------------------------------------------------------------------------------------------------


def bench_cluster(tag: str, extra: dict[str, str] | None = None) -> Cluster:
    """A cluster of the test harness, restarted with the production-like settings."""
    cluster = create_cluster(tag)
    for name, value in {**BENCH_SETTINGS, **(extra or {})}.items():
        cluster.execute(f"ALTER SYSTEM SET {name} = '{value}'", dbname="postgres")
    cluster.stop()
    cluster.start()
    return cluster


# --- filling a county -----------------------------------------------------------------------------------------


@dataclass
class FillResult:
    code: str
    people: int
    households: int
    records: int
    by_entity: dict[str, int]
    seconds: float
    records_per_s: float
    wal_bytes: int
    database_bytes: int


def _units(db: ServerDatabase, code: str, name: str, people: int) -> list[tuple[str, str]]:
    """County › townships › villages (about PEOPLE_PER_VILLAGE people a village); returns (village id, path)."""
    admin.create_unit(db, code=code, name=name, level="county")
    villages = max(1, round(people / PEOPLE_PER_VILLAGE))
    for v in range(villages):
        t = v // VILLAGES_PER_TOWNSHIP
        township = f"{code}{101 + t:03d}"
        if v % VILLAGES_PER_TOWNSHIP == 0:
            admin.create_unit(db, code=township, name=f"第{t + 1}镇", level="township", parent_code=code)
        admin.create_unit(
            db,
            code=f"{township}{201 + v % VILLAGES_PER_TOWNSHIP:03d}",
            name=f"第{v + 1}村",
            level="village",
            parent_code=township,
        )
    from sqlalchemy import select

    from yulu_desktop.server.models import OrgUnit

    with db.read() as session:
        rows = session.execute(
            select(OrgUnit.id, OrgUnit.path).where(OrgUnit.level == "village").order_by(OrgUnit.code)
        ).all()
    return [(str(r[0]), str(r[1])) for r in rows]


def _shared_seed(index: int, n: int, household: int, every: int) -> tuple[int, int] | None:
    """(pair, k) of the family household ``household`` of county ``index`` shares with a neighbour, or None.

    Shared slot k = household // every: even k is shared with the next county, odd k with the previous
    one, so county c's slot 2j is county c+1's slot 2j+1 (same seed, same family, same ID numbers)."""
    if n < 2 or household % every:
        return None
    k = household // every
    if k % 2 == 0:
        return (index, k)
    return ((index - 1) % n, k - 1)


def fill_county(
    url: str,
    index: int,
    n: int,
    code: str,
    name: str,
    people: int,
    seed: int,
    shared_every: int = SHARED_EVERY,
) -> FillResult:
    """Write about ``people`` people (and everything the demo gives them) into one county server database."""
    from yulu_desktop.server.merge import SHARED_UP, unique_key_of
    from yulu_desktop.services.bulk import sql_value
    from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS

    db = ServerDatabase(url)
    db.migrate()
    villages = _units(db, code, name, people)
    cipher = db.cipher
    device = str(uuid.uuid4())
    started = time.perf_counter()
    raw = db.engine.raw_connection()
    conn = raw.driver_connection
    assert isinstance(conn, psycopg.Connection)
    lsn0 = str(conn.execute("SELECT pg_current_wal_lsn()").fetchall()[0][0])
    with db.read() as session:
        seq = db.read_head(session)
    own_ids = demo._IdMaker(set())
    shared_ids = demo._IdMaker(set())
    columns = {
        table: [
            c.name
            for c in table.columns
            if c.name != "id" and c.name not in LOCAL_ONLY_COLUMNS.get(table.name, frozenset())
        ]
        for table in demo._TABLE_ORDER
    }
    records: list[tuple[Any, ...]] = []
    log: list[tuple[Any, ...]] = []
    by_entity: dict[str, int] = {}
    made_people = households = 0
    hlc = int(datetime(2025, 11, 1, tzinfo=UTC).timestamp() * 1000) << 16

    def flush() -> None:
        with conn.cursor() as cur:
            with cur.copy(
                "COPY record (entity, entity_id, data, versions, deleted, scope_path, updated_seq, unique_key) "
                "FROM STDIN"
            ) as copy:
                for row in records:
                    copy.write_row(row)
            with cur.copy(
                "COPY change_log (seq, entity, entity_id, op, fields, field_versions, hlc, device_id, author, "
                "scope_path, shared_up, change_id) FROM STDIN"
            ) as copy:
                for row in log:
                    copy.write_row(row)
        conn.commit()
        records.clear()
        log.clear()

    while made_people < people:
        village_id, path = villages[households % len(villages)]
        household_no = f"{code}{households % len(villages):06d}{households:08d}"
        shared = _shared_seed(index, n, households, shared_every)
        if shared is None:
            rng = random.Random(f"{seed}/{index}/{households}")
            rows = demo._household_rows(rng, TODAY, village_id, code, household_no, own_ids)
        else:
            rng = random.Random(f"{seed}/shared/{shared[0]}/{shared[1]}")
            area = f"5001{shared[0] % 100:02d}"  # ID numbers of the pair's families: apart from own ones
            rows = demo._household_rows(rng, TODAY, village_id, area, household_no, shared_ids)
        households += 1
        for _kind, table, row in rows:
            entity = table.name
            entity_id = str(row["id"])
            data = {c: sql_value(row.get(c)) for c in columns[table]}
            seq += 1
            hlc += 1
            sealed = cipher.dumps_fields(entity, data)
            versions = json.dumps({f: [seq, hlc, device] for f in data})
            records.append(
                (
                    entity,
                    entity_id,
                    sealed,
                    versions,
                    False,
                    path,
                    seq,
                    unique_key_of(cipher, entity, data, False),
                )
            )
            log.append(
                (
                    seq,
                    entity,
                    entity_id,
                    "I",
                    sealed,
                    None,
                    hlc,
                    device,
                    "bench",
                    path,
                    entity in SHARED_UP,
                    str(uuid.uuid4()),
                )
            )
            by_entity[entity] = by_entity.get(entity, 0) + 1
            made_people += entity == "person"
        if len(records) >= COPY_CHUNK:
            flush()
    flush()
    conn.execute("UPDATE sync_counter SET value = %s WHERE id = 1", (seq,))
    conn.commit()
    seconds = time.perf_counter() - started
    # A county server in service has vacuumed tables and no checkpoint pending: without this the feeder's first
    # run would share the cores with autovacuum's pass over the fresh million rows and the checkpoint of them.
    conn.autocommit = True
    conn.execute("VACUUM (ANALYZE) record")
    conn.execute("VACUUM (ANALYZE) change_log")
    conn.execute("CHECKPOINT")
    wal = int(str(conn.execute(f"SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), '{lsn0}')").fetchall()[0][0]))
    size = int(str(conn.execute("SELECT pg_database_size(current_database())").fetchall()[0][0]))
    raw.close()
    db.dispose()
    total = sum(by_entity.values())
    return FillResult(
        code=code,
        people=made_people,
        households=households,
        records=total,
        by_entity=by_entity,
        seconds=round(seconds, 1),
        records_per_s=round(total / seconds, 1),
        wal_bytes=wal,
        database_bytes=size,
    )


# --- the province ---------------------------------------------------------------------------------------------


def _subscription_ready(province: Cluster, subscription: str) -> bool:
    rows = province.query(
        "SELECT count(*), count(*) FILTER (WHERE sr.srsubstate <> 'r') FROM pg_subscription_rel sr "
        f"JOIN pg_subscription s ON s.oid = sr.srsubid WHERE s.subname = '{subscription}'"
    )
    total, pending = (int(str(v)) for v in rows[0])
    return total > 0 and pending == 0


def _wait_ready(province: Cluster, subscription: str) -> None:
    deadline = time.monotonic() + 3600
    while not _subscription_ready(province, subscription):
        if time.monotonic() > deadline:
            raise RuntimeError(f"subscription {subscription} not ready after an hour")
        time.sleep(0.2)


def _partition_bytes_by_table(province: Cluster, code: str) -> dict[str, int]:
    from yulu_desktop.province.counties import partition_name
    from yulu_desktop.server.province_feed import FEED_TABLE_NAMES

    return {
        table: number(
            province,
            f"SELECT coalesce(pg_total_relation_size(to_regclass('{partition_name(table, code)}')), 0)",
        )
        for table in FEED_TABLE_NAMES
    }


def _province_rows(province: Cluster, code: str) -> dict[str, int]:
    from yulu_desktop.server.province_feed import FEED_TABLE_NAMES

    counts = {}
    for table in FEED_TABLE_NAMES:
        counts[table] = number(province, f"SELECT count(*) FROM {table} WHERE county_code = '{code}'")
    return counts


def _partition_bytes(province: Cluster, code: str) -> int:
    from yulu_desktop.province.counties import partition_name
    from yulu_desktop.server.province_feed import FEED_TABLE_NAMES

    total = 0
    for table in FEED_TABLE_NAMES:
        name = partition_name(table, code)
        total += number(province, f"SELECT coalesce(pg_total_relation_size(to_regclass('{name}')), 0)")
    return total


def _timed(call: Any, *args: Any, **kwargs: Any) -> tuple[float, float, Any]:
    """Wall seconds of a first (cold cache) and a second run, and the result."""
    started = time.perf_counter()
    call(*args, **kwargs)
    cold = time.perf_counter() - started
    started = time.perf_counter()
    result = call(*args, **kwargs)
    return cold, time.perf_counter() - started, result


# --- the office load ------------------------------------------------------------------------------------------


@dataclass
class OfficeLoad:
    devices: int
    changes_per_device: int
    journal_rows: int
    households: int
    sync_wall_s: float
    p95_sync_s: float
    visible_after_s: float | None
    server_cpu_s: float
    lag_samples: int
    lag_p50_s: float
    lag_p95_s: float
    lag_max_s: float
    other_counties_lag_max_s: float
    replay_lag_max_s: float | None
    #: WAL of the loaded county while only the feeders' heartbeats ran (before the release), per second.
    idle_wal_bytes_per_s: float
    #: WAL of the loaded county from the release to the end of the settle period after it: the pushes (record,
    #: change_log, applied_change …), the feeder's projection and the heartbeats.
    county_wal_bytes: int
    wal_bytes_per_journal_row: float
    fed_rows: int
    #: What logical decoding went through in that window (``pg_stat_replication_slots.total_bytes``): the changes
    #: of every table, the pushes' included; the output plugin sends only the published tables' rows.
    decoded_bytes: int
    decoded_bytes_per_fed_row: float | None
    #: What the WAL sender sent the province over TCP in that window (``ss``), None where it cannot be read.
    sent_bytes: int | None
    sent_bytes_per_fed_row: float | None
    cpu: dict[str, float]
    load_average: float
    all_complete: bool


def _office_rows(db: Any, village_id: str, county_code: str, changes: int, seed: int) -> int:
    """Demo households into a laptop database (its journal records them) until ``changes`` rows; returns the
    households. ID numbers use an area code no filled county uses, so they never repeat a stored one."""
    from yulu_desktop.services.bulk import insert_sql

    rng = random.Random(f"office/{seed}")
    ids = demo._IdMaker(set())
    batches: dict[Any, list[tuple[Any, ...]]] = {table: [] for table in demo._TABLE_ORDER}
    made = households = 0
    while made < changes:
        household_no = f"{county_code}9{seed:05d}{households:06d}"
        households += 1
        for _kind, table, row in demo._household_rows(rng, TODAY, village_id, "500299", household_no, ids):
            batches[table].append(demo.row_values(table, row))
            made += 1
    with db.write_connection() as conn:
        cursor = conn.connection.cursor()
        for table in demo._TABLE_ORDER:
            if batches[table]:
                cursor.executemany(insert_sql(table)[0], batches[table])
    return households


class LagSampler:
    """Samples ``county_status`` on the province and ``pg_stat_replication`` on the loaded county every second."""

    def __init__(self, pdb: Any, county: Cluster) -> None:
        self.pdb = pdb
        self.county = county
        self.samples: list[tuple[float, dict[str, float | None]]] = []
        self.replay: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        from yulu_desktop.province.status import county_status

        while not self._stop.is_set():
            now = time.perf_counter()
            statuses = county_status(self.pdb)
            self.samples.append((now, {s.code: s.lag_seconds for s in statuses}))
            with contextlib.suppress(psycopg.Error):
                for (lag,) in self.county.query(
                    "SELECT extract(epoch FROM replay_lag) FROM pg_stat_replication WHERE replay_lag IS NOT NULL",
                    dbname="postgres",
                ):
                    self.replay.append(float(str(lag)))
            self._stop.wait(max(0.0, 1.0 - (time.perf_counter() - now)))

    def __enter__(self) -> LagSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=60)


def run_office(
    work: Path,
    county: Cluster,
    code: str,
    province: Cluster,
    pdb: Any,
    dbs: list[ServerDatabase],
    key: Any,
    *,
    devices: int,
    changes: int,
    feed_seconds: float,
    settle_seconds: float,
    clusters: dict[str, Cluster],
) -> OfficeLoad:
    """The township office against county ``code`` while every county's feeder runs; the province's lag."""
    import httpx
    from argon2 import PasswordHasher
    from bench_sync import _device, _template
    from faults import ServerProcess  # type: ignore[import-not-found,unused-ignore]

    from yulu_desktop.server import service
    from yulu_desktop.server.province_feed import Feeder
    from yulu_desktop.sync.client import SyncClient

    service.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    db0 = dbs[0]
    township = f"{code}101"
    villages = []
    for i in range(devices):
        unit = f"{township}{600 + i:03d}"
        villages.append(
            admin.create_unit(db0, code=unit, name=f"办公室村{i}", level="village", parent_code=township)
        )
        admin.create_cadre(db0, username=f"office{i}", name=f"干部{i}", unit_code=unit)
    template = _template(work)
    server = ServerProcess(county.url(), work / "server.log", workers=2)
    children: list[subprocess.Popen[bytes]] = []
    feeders = [Feeder(db, key, feed_seconds) for db in dbs]
    try:
        with server as server_url:
            paths = []
            households = total = 0
            with httpx.Client(timeout=300) as http:
                for i in range(devices):
                    ldb = _device(template, work)
                    client = SyncClient(ldb, server_url, http=http)
                    client.enroll(admin.issue_code(db0, username=f"office{i}"))
                    client.sync_once()
                    households += _office_rows(ldb, villages[i], code, changes, i)
                    from yulu_desktop.store import journal

                    with ldb.read_connection() as conn:
                        total += journal.pending_count(conn)
                    paths.append(ldb.path)
                    ldb.close()
            base = _province_rows(province, code)["prov_household"]
            children = [
                subprocess.Popen(
                    [
                        sys.executable,
                        str(ROOT / "bench" / "bench_sync.py"),
                        "office-child",
                        str(path),
                        server_url,
                    ],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                )
                for path in paths
            ]
            for child in children:
                assert child.stdout is not None
                if child.stdout.readline().strip() != b"ready":
                    raise RuntimeError("an office laptop did not get ready")
            for feeder in feeders:
                feeder.start()
            with LagSampler(pdb, county) as sampler:
                # Steady state first: the heartbeats reach the province, the lag settles.
                idle_lsn = wal_lsn(county)
                idle_started = time.perf_counter()
                time.sleep(settle_seconds)
                idle_wal = wal_bytes(county, idle_lsn) / (time.perf_counter() - idle_started)
                assert server.process is not None
                server_cpu0 = _tree_cpu(server.process.pid, reaped=False)
                lsn0 = wal_lsn(county)
                decoded0 = _decoded_bytes(county)
                sent0 = _walsender_sent(county)
                fed0 = _fed_rows(county, code)
                window_start = time.perf_counter()
                with Meter(clusters) as meter:
                    released = time.perf_counter()
                    for child in children:
                        assert child.stdin is not None
                        child.stdin.write(b"go\n")
                        child.stdin.flush()
                    outputs = []
                    for child in children:
                        assert child.stdout is not None
                        outputs.append(json.loads(child.stdout.readline()))
                    sync_wall = time.perf_counter() - released
                    server_cpu = _tree_cpu(server.process.pid, reaped=False) - server_cpu0
                    visible: float | None = None
                    deadline = time.perf_counter() + 600
                    while time.perf_counter() < deadline:
                        if _province_rows(province, code)["prov_household"] >= base + households:
                            visible = time.perf_counter() - released
                            break
                        time.sleep(0.5)
                # and the steady state after the load
                time.sleep(settle_seconds)
                county_wal = wal_bytes(county, lsn0)
                fed = _fed_rows(county, code) - fed0
                decoded = _decoded_bytes(county) - decoded0
                sent1 = _walsender_sent(county)
                sent = sent1 - sent0 if sent0 is not None and sent1 is not None and sent1 >= sent0 else None
            for child in children:
                child.communicate(b"exit\n", timeout=120)
    finally:
        for feeder in feeders:
            with contextlib.suppress(Exception):
                feeder.stop()
        for child in children:
            if child.poll() is None:
                child.kill()
    loaded = sorted(v for t, s in sampler.samples if t >= window_start and (v := s.get(code)) is not None)
    others = [
        v
        for t, s in sampler.samples
        if t >= window_start
        for c, v in s.items()
        if c != code and v is not None
    ]
    durations = sorted(o["seconds"] for o in outputs)
    return OfficeLoad(
        devices=devices,
        changes_per_device=changes,
        journal_rows=total,
        households=households,
        sync_wall_s=round(sync_wall, 2),
        p95_sync_s=round(_percentile(durations, 0.95), 2),
        visible_after_s=round(visible, 2) if visible is not None else None,
        server_cpu_s=round(server_cpu, 2),
        lag_samples=len(loaded),
        lag_p50_s=round(_percentile(loaded, 0.5), 2),
        lag_p95_s=round(_percentile(loaded, 0.95), 2),
        lag_max_s=round(loaded[-1], 2) if loaded else float("nan"),
        other_counties_lag_max_s=round(max(others), 2) if others else float("nan"),
        replay_lag_max_s=round(max(sampler.replay), 3) if sampler.replay else None,
        idle_wal_bytes_per_s=round(idle_wal, 1),
        county_wal_bytes=county_wal,
        wal_bytes_per_journal_row=round(county_wal / max(1, total), 1),
        fed_rows=fed,
        decoded_bytes=decoded,
        decoded_bytes_per_fed_row=round(decoded / fed, 1) if fed else None,
        sent_bytes=sent,
        sent_bytes_per_fed_row=round(sent / fed, 1) if sent is not None and fed else None,
        cpu=meter.cpu,
        load_average=meter.load,
        all_complete=all(o["complete"] for o in outputs),
    )


def _walsender_sent(county: Cluster) -> int | None:
    """Bytes the county's WAL senders for the province's subscriptions have sent on their TCP connections so far
    (``ss -ti``'s ``bytes_sent`` of their sockets), None where ``ss`` cannot tell."""
    pids = {
        str(r[0])
        for r in county.query(
            "SELECT pid FROM pg_stat_replication WHERE application_name LIKE 'yulu_c%'", dbname="postgres"
        )
    }
    if not pids or shutil.which("ss") is None:
        return None
    done = subprocess.run(
        ["ss", "-tinpH", "state", "established"], capture_output=True, text=True, timeout=60, check=False
    )
    total = 0
    found = False
    owner = None
    for line in done.stdout.splitlines():
        if "users:((" in line:
            owner = next((pid for pid in pids if f"pid={pid}," in line), None)
        elif owner is not None and "bytes_sent:" in line:
            total += int(line.split("bytes_sent:", 1)[1].split()[0])
            found = True
            owner = None
    return total if found else None


def _decoded_bytes(county: Cluster) -> int:
    return number(county, "SELECT coalesce(sum(total_bytes), 0) FROM pg_stat_replication_slots")


def _fed_rows(county: Cluster, code: str) -> int:
    """Rows in the county's feed tables (what the feeder has projected so far)."""
    from yulu_desktop.server.province_feed import FEED_TABLE_NAMES

    return sum(
        number(county, f"SELECT count(*) FROM {t}") for t in FEED_TABLE_NAMES if t != "prov_feed_state"
    )


# --- the whole bench ------------------------------------------------------------------------------------------


def run(
    *,
    counties: int,
    people: int,
    office_devices: int = 0,
    changes: int = 200,
    feed_seconds: float = 5.0,
    settle_seconds: float = 20.0,
    seed: int = 17,
    stream: bool = True,
    shared_every: int = SHARED_EVERY,
    workdir: Path | None = None,
    settings: bool = True,
    progress: Any = None,
    partial: Any = None,
) -> dict[str, Any]:
    """The whole bench; returns the JSON summary. ``settings=False`` keeps the test harness's cluster settings
    (the test suite's short run)."""
    from yulu_desktop.province.checks import run_checks
    from yulu_desktop.province.counties import add_county
    from yulu_desktop.province.db import ProvinceDatabase
    from yulu_desktop.province.stats import province_stats
    from yulu_desktop.province.status import county_status
    from yulu_desktop.server.province_feed import feed_once, new_province_key, publish

    def say(message: str) -> None:
        if progress is not None:
            progress(message)
        if partial is not None:
            partial(summary)

    own_dir = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="yulu-bench-province-"))
    home = work / "home"
    home.mkdir(parents=True, exist_ok=True)
    # The bench's key files stay in its work directory; the county server process must not start a feeder of
    # its own (the bench runs one per county, so it can measure it): its province key file does not exist.
    saved_env = {name: os.environ.get(name) for name in ("YULU_HOME", "YULU_PROVINCE_KEY_FILE")}
    os.environ["YULU_HOME"] = str(home)
    os.environ["YULU_PROVINCE_KEY_FILE"] = str(work / "no-province-key.json")
    names = county_list(counties)
    made: list[Cluster] = []
    dbs: list[ServerDatabase] = []
    pdb = None
    summary: dict[str, Any] = {
        "machine": {
            "nproc": os.cpu_count(),
            "mem_gib": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
            "load_average_start": [round(v, 2) for v in os.getloadavg()],
        },
        "parameters": {
            "counties": counties,
            "people_per_county": people,
            "office_devices": office_devices,
            "changes_per_device": changes,
            "feed_seconds": feed_seconds,
            "shared_every": shared_every,
            "settings": BENCH_SETTINGS if settings else "test harness",
        },
    }
    bench_started = time.perf_counter()
    try:
        extra = {
            "max_logical_replication_workers": str(counties + 8),
            "max_worker_processes": str(counties + 16),
        }
        make = bench_cluster if settings else (lambda tag, extra=None: create_cluster(tag))
        province = make("bprov", extra)
        made.append(province)
        county_clusters = []
        for i in range(counties):
            county_clusters.append(make(f"bc{i}"))
            made.append(county_clusters[-1])
        say(f"{len(made)} clusters")

        # 1. fill (one data key file for every county of the bench: made here, before the fill's processes
        # would each make one of their own at the same moment)
        from sqlalchemy.engine import make_url

        from yulu_desktop.server import fieldcrypt

        key_file = fieldcrypt.data_key_file(make_url(county_clusters[0].url()))
        key_file.parent.mkdir(parents=True, exist_ok=True)
        fieldcrypt.write_keyring(key_file, fieldcrypt.new_keyring(), replace=False)
        started = time.perf_counter()
        with ProcessPoolExecutor(max_workers=min(counties, os.cpu_count() or 1)) as pool:
            futures = [
                pool.submit(fill_county, c.url(), i, counties, code, name, people, seed, shared_every)
                for i, (c, (code, name)) in enumerate(zip(county_clusters, names, strict=True))
            ]
            fills = [f.result() for f in futures]
        fill_wall = time.perf_counter() - started
        summary["fill"] = {
            "wall_s": round(fill_wall, 1),
            "records": sum(f.records for f in fills),
            "counties": [asdict(f) for f in fills],
        }
        say(f"filled: {summary['fill']['records']} records in {fill_wall:.0f} s")
        dbs = [ServerDatabase(c.url()) for c in county_clusters]

        # 2. publications and the province. The last county (of two or more) subscribes before its first feed:
        # its rows then reach the province through the apply worker one change at a time, as after a county was
        # down for a day, where the others' arrive by the initial copy (COPY, in parallel per table).
        for db in dbs:
            publish(db)
        pdb = ProvinceDatabase(province.url())
        pdb.migrate()
        streamed = counties - 1 if stream and counties >= 2 else None
        if streamed is not None:
            code, name = names[streamed]
            county = add_county(pdb, code=code, name=name, conninfo=county_clusters[streamed].conninfo())
            _wait_ready(province, county.subscription)

        # 3. the feeder's first run (and for the streamed county, until the province has every row)
        key = new_province_key()
        feeds: list[dict[str, Any]] = []
        for index, (c, db, (code, _name), fill) in enumerate(
            zip(county_clusters, dbs, names, fills, strict=True)
        ):
            lsn = wal_lsn(c)
            meter_clusters = {"county": c, "province": province} if index == streamed else {"county": c}
            sent0 = _walsender_sent(c) if index == streamed else None
            province_lsn = wal_lsn(province) if index == streamed else ""
            with Meter(meter_clusters) as meter:
                started = time.perf_counter()
                result = feed_once(db, key)
                fed_wall = time.perf_counter() - started
                if index == streamed:
                    fed = _fed_rows(c, code)
                    deadline = time.monotonic() + 3600
                    while sum(_province_rows(province, code).values()) < fed + 1:
                        if time.monotonic() > deadline:
                            raise RuntimeError(
                                f"county {code}: its rows did not reach the province in an hour"
                            )
                        time.sleep(0.2)
            wal = wal_bytes(c, lsn)
            fed = _fed_rows(c, code)
            feeds.append(
                {
                    "code": code,
                    "source_records": fill.records,
                    "projected_rows": fed,
                    "changed": result.changed,
                    "wall_s": round(fed_wall, 1),
                    "source_records_per_s": round(fill.records / fed_wall, 1),
                    "projected_rows_per_s": round(fed / fed_wall, 1),
                    "cpu_s": meter.cpu,
                    "load_average": meter.load,
                    "wal_bytes": wal,
                    "wal_bytes_per_projected_row": round(wal / max(1, fed), 1),
                    "feed_tables_bytes": _feed_table_bytes(c),
                    "subscribed_while_feeding": index == streamed,
                }
            )
            if index == streamed:
                sent1 = _walsender_sent(c)
                sent = sent1 - sent0 if sent0 is not None and sent1 is not None and sent1 >= sent0 else None
                rows = _province_rows(province, code)
                size = _partition_bytes(province, code)
                summary["streamed"] = {
                    "code": code,
                    "rows": sum(rows.values()),
                    "by_table": rows,
                    "in_province_after_s": round(meter.wall, 1),
                    "rows_per_s": round(sum(rows.values()) / meter.wall, 1),
                    "partition_bytes": size,
                    "bytes_per_row": round(size / max(1, sum(rows.values())), 1),
                    "province_wal_bytes": wal_bytes(province, province_lsn),
                    "province_wal_bytes_per_row": round(
                        wal_bytes(province, province_lsn) / max(1, sum(rows.values())), 1
                    ),
                    "sent_bytes": sent,
                    "sent_bytes_per_row": round(sent / max(1, sum(rows.values())), 1)
                    if sent is not None
                    else None,
                    "cpu_s": meter.cpu,
                    "load_average": meter.load,
                }
            say(
                f"fed {code}: {fed} rows in {fed_wall:.0f} s"
                + (f", in the province after {meter.wall:.0f} s" if index == streamed else "")
            )
        summary["first_feed"] = feeds

        # 3b. the initial copies of the other counties, one after the other
        copies: list[dict[str, Any]] = []
        for index, (c, (code, name)) in enumerate(zip(county_clusters, names, strict=True)):
            if index == streamed:
                continue
            lsn = wal_lsn(province)
            with Meter({"province": province, "county": c}) as meter:
                county = add_county(pdb, code=code, name=name, conninfo=c.conninfo())
                _wait_ready(province, county.subscription)
            rows = _province_rows(province, code)
            copied = sum(rows.values())
            copies.append(
                {
                    "code": code,
                    "rows": copied,
                    "by_table": rows,
                    "wall_s": round(meter.wall, 1),
                    "rows_per_s": round(copied / meter.wall, 1),
                    "partition_bytes": _partition_bytes(province, code),
                    "partition_bytes_by_table": _partition_bytes_by_table(province, code),
                    "bytes_per_row": round(_partition_bytes(province, code) / max(1, copied), 1),
                    "province_wal_bytes": wal_bytes(province, lsn),
                    "cpu_s": meter.cpu,
                    "load_average": meter.load,
                }
            )
            say(f"copied {code}: {copied} rows in {meter.wall:.0f} s")
        summary["initial_copy"] = copies

        # 4. the province's queries at this size
        province.execute("ANALYZE")
        with Meter({"province": province}) as meter:
            checks_cold, checks_s, checks = _timed(run_checks, pdb)
        checks_cpu = meter.cpu
        stats_cold, stats_s, stats = _timed(province_stats, pdb)
        _cold, status_s, _status = _timed(county_status, pdb)
        kinds: dict[str, int] = {}
        for row in checks:
            kinds[str(row.kind)] = kinds.get(str(row.kind), 0) + 1
        summary["province"] = {
            "rows": sum(c["rows"] for c in copies) + summary.get("streamed", {}).get("rows", 0),
            "database_bytes": database_bytes(province),
            "checks_cold_s": round(checks_cold, 3),
            "checks_s": round(checks_s, 3),
            "checks_cpu_s_both_runs": checks_cpu,
            "stats_cold_s": round(stats_cold, 3),
            "checks_rows": len(checks),
            "checks_by_kind": kinds,
            "stats_s": round(stats_s, 3),
            "stats_graduates": stats.total.graduates,
            "stats_applications": stats.total.applications,
            "status_s": round(status_s, 3),
        }
        say(f"checks {checks_s:.2f} s ({len(checks)} rows), stats {stats_s:.2f} s")

        # 5. steady state under the office load
        if office_devices:
            office = run_office(
                work,
                county_clusters[0],
                names[0][0],
                province,
                pdb,
                dbs,
                key,
                devices=office_devices,
                changes=changes,
                feed_seconds=feed_seconds,
                settle_seconds=settle_seconds,
                clusters={"province": province, "county": county_clusters[0]},
            )
            summary["office"] = asdict(office)
            say(f"office: visible after {office.visible_after_s} s, lag p95 {office.lag_p95_s} s")
            summary["province"]["database_bytes_after_office"] = database_bytes(province)
    finally:
        if pdb is not None:
            pdb.dispose()
        for db in dbs:
            db.dispose()
        for cluster in reversed(made):
            cluster.drop()
        for name, value in saved_env.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    summary["machine"]["load_average_end"] = [round(v, 2) for v in os.getloadavg()]
    summary["bench_wall_s"] = round(time.perf_counter() - bench_started, 1)
    return summary


def _feed_table_bytes(cluster: Cluster) -> int:
    from yulu_desktop.server.province_feed import FEED_TABLE_NAMES

    return sum(number(cluster, f"SELECT pg_total_relation_size('{t}')") for t in FEED_TABLE_NAMES)


def markdown(summary: dict[str, Any]) -> str:
    """The figures a reader compares, as a Markdown table."""
    p = summary["parameters"]
    lines = [
        f"{p['counties']} counties × {p['people_per_county']:,} people "
        f"({summary['fill']['records']:,} county records)",
        "",
        "| step | county | rows | wall s | rows/s | CPU s (bench / PostgreSQL) | bytes | WAL bytes/row |",
        "| --- | --- | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for f in summary["fill"]["counties"]:
        lines.append(
            f"| fill | {f['code']} | {f['records']:,} | {f['seconds']} | {f['records_per_s']:,} | | "
            f"{f['database_bytes']:,} | {f['wal_bytes'] / max(1, f['records']):.0f} |"
        )
    for f in summary["first_feed"]:
        cpu = f["cpu_s"]
        lines.append(
            f"| first feed | {f['code']} | {f['projected_rows']:,} | {f['wall_s']} | {f['projected_rows_per_s']:,} "
            f"| {cpu['bench']} / {cpu['county']} | {f['feed_tables_bytes']:,} | {f['wal_bytes_per_projected_row']} |"
        )
    st = summary.get("streamed")
    if st:
        cpu = st["cpu_s"]
        lines.append(
            f"| streamed (subscribed, then fed) | {st['code']} | {st['rows']:,} | {st['in_province_after_s']} "
            f"| {st['rows_per_s']:,} | bench {cpu['bench']} / province {cpu['province']} / county {cpu['county']} "
            f"| {st['partition_bytes']:,} | {st['sent_bytes_per_row']} sent, "
            f"{st['province_wal_bytes_per_row']} province WAL |"
        )
    for c in summary["initial_copy"]:
        cpu = c["cpu_s"]
        lines.append(
            f"| initial copy | {c['code']} | {c['rows']:,} | {c['wall_s']} | {c['rows_per_s']:,} "
            f"| province {cpu['province']} / county {cpu['county']} | {c['partition_bytes']:,} "
            f"| {c['province_wal_bytes'] / max(1, c['rows']):.0f} (province) |"
        )
    pr = summary["province"]
    lines += [
        "",
        "| province | value |",
        "| --- | ---: |",
        f"| rows | {pr['rows']:,} |",
        f"| database bytes | {pr['database_bytes']:,} |",
        f"| run_checks s | {pr['checks_s']} ({pr['checks_rows']} rows: {pr['checks_by_kind']}) |",
        f"| province_stats s | {pr['stats_s']} |",
        f"| county_status s | {pr['status_s']} |",
    ]
    office = summary.get("office")
    if office:
        lines += [
            f"| office: {office['devices']} laptops × {office['changes_per_device']} rows, sync wall s | "
            f"{office['sync_wall_s']} (p95 laptop {office['p95_sync_s']}) |",
            f"| office households in the province after s | {office['visible_after_s']} |",
            f"| lag of the loaded county p50 / p95 / max s | {office['lag_p50_s']} / {office['lag_p95_s']} / "
            f"{office['lag_max_s']} |",
            f"| lag of the other counties, max s | {office['other_counties_lag_max_s']} |",
            f"| county WAL per pushed journal row (push + feed + heartbeat) | {office['wal_bytes_per_journal_row']} |",
            f"| county WAL with only heartbeats, bytes/s | {office['idle_wal_bytes_per_s']} |",
            f"| decoded by the WAL sender per fed row (all tables), bytes | {office['decoded_bytes_per_fed_row']} |",
            f"| sent to the province per fed row (TCP), bytes | {office['sent_bytes_per_fed_row']} |",
            f"| CPU s in the window (bench+feeders / province / county / server) | {office['cpu']['bench']} / "
            f"{office['cpu']['province']} / {office['cpu']['county']} / {office['server_cpu_s']} |",
        ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--counties", type=int, default=4)
    parser.add_argument("--people", type=int, default=200_000, help="people per county")
    parser.add_argument(
        "--office-devices", type=int, default=0, help="township-office laptops (0: no load step)"
    )
    parser.add_argument("--changes", type=int, default=200, help="journal rows per office laptop")
    parser.add_argument(
        "--feed-seconds", type=float, default=5.0, help="the feeders' interval during the load"
    )
    parser.add_argument(
        "--settle-seconds", type=float, default=20.0, help="steady state before and after the load"
    )
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--json", type=Path, help="write the JSON summary to this file")
    args = parser.parse_args()

    def progress(message: str) -> None:
        print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", file=sys.stderr, flush=True)

    def partial(summary: dict[str, Any]) -> None:
        if args.json:
            args.json.write_text(json.dumps(summary, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    summary = run(
        counties=args.counties,
        people=args.people,
        office_devices=args.office_devices,
        changes=args.changes,
        feed_seconds=args.feed_seconds,
        settle_seconds=args.settle_seconds,
        seed=args.seed,
        progress=progress,
        partial=partial,
    )
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    print()
    print(markdown(summary))
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
