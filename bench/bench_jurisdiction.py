"""Bench: reading one jurisdiction out of a large county (issue 20, server migration s0010).

    python bench/bench_jurisdiction.py [--people 200000] [--rounds 3]
                                       [--database-url postgresql://postgres@127.0.0.1:5432/test] [--json FILE]

A county server database is filled with ``--people`` people and everything the demo gives them (bench_province's
``fill_county``: ``record`` and ``change_log`` rows written the way ``server.merge`` stores a laptop's insert, in
townships of ten villages of about 2,000 people), in a schema of its own dropped afterwards. Then, in
alternating order for ``--rounds`` rounds:

* **A, before s0010**: the database downgraded to s0009 (``scope_path`` in the database's collation, an index on
  it alone) and the server's queries as they were (``scope_path LIKE 'path%'``);
* **B, s0010**: upgraded again (``scope_path`` in byte order, an index on ``(entity, scope_path)``) and the
  queries as they are (``models.scope_within``, a range).

Each side times, for a village laptop, a township laptop and the county's: the **digest** every sync ends with
(``service.digest``), the first page of a **first pull** (cursor 0, 5,000 rows) and an **everyday pull** (the last
200 changes of the log). Wall time, this process's CPU and the CPU of the database's backends (``/proc`` of every
``postgres`` process, so other work on the cluster counts too: the load average is printed). The migration's own
time (upgrade and downgrade) is reported per round.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from sqlalchemy import and_, literal, or_, select  # noqa: E402

from yulu_desktop.server import db as server_db  # noqa: E402
from yulu_desktop.server import merge, service  # noqa: E402
from yulu_desktop.server.db import ServerDatabase  # noqa: E402
from yulu_desktop.server.models import ChangeLog, OrgUnit, Record  # noqa: E402
from yulu_desktop.sync import protocol as p  # noqa: E402

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/test"
BEFORE = "s0009"


# --- the queries as they were before s0010 -------------------------------------------------------------------


def _visible_to_before(path: str) -> Any:
    return or_(
        ChangeLog.scope_path.startswith(path, autoescape=True),
        and_(ChangeLog.shared_up.is_(True), literal(path).startswith(ChangeLog.scope_path)),
    )


def _live_in_scope_before(ctx: service.DeviceContext, entity: str) -> Any:
    record = merge.table_of(Record)
    return and_(
        record.c.entity == entity,
        record.c.deleted.is_(False),
        record.c.scope_path.startswith(ctx.path, autoescape=True),
    )


@contextlib.contextmanager
def queries_before() -> Iterator[None]:
    saved = service.visible_to, service._live_in_scope
    service.visible_to, service._live_in_scope = _visible_to_before, _live_in_scope_before  # type: ignore[assignment]
    try:
        yield
    finally:
        service.visible_to, service._live_in_scope = saved  # type: ignore[assignment]


# --- measuring -----------------------------------------------------------------------------------------------


def postgres_cpu() -> float:
    """User + system seconds of every ``postgres`` process now running (the cluster's backends), plus what its
    ended backends used: a backend's time moves to the postmaster's children's time (``cutime``, ``cstime``)
    when it exits, so the sum only grows, even when connections close between two readings."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        if name.startswith("postgres"):
            fields = stat[stat.rindex(")") + 2 :].split()
            total += int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])
    return total / tick


def timed(call: Callable[[], Any], repeat: int) -> dict[str, float]:
    """Median wall, own CPU and database CPU of ``repeat`` calls (after one warm-up call), in ms."""
    call()
    walls, cpus, dbs = [], [], []
    for _ in range(repeat):
        db0, cpu0, wall0 = postgres_cpu(), time.process_time(), time.perf_counter()
        call()
        walls.append(time.perf_counter() - wall0)
        cpus.append(time.process_time() - cpu0)
        dbs.append(postgres_cpu() - db0)
    return {
        "wall_ms": round(statistics.median(walls) * 1000, 1),
        "cpu_ms": round(statistics.median(cpus) * 1000, 1),
        "db_cpu_ms": round(statistics.median(dbs) * 1000, 1),
    }


def contexts(db: ServerDatabase) -> dict[str, service.DeviceContext]:
    """A laptop of the first village, of the first township and of the county."""
    found = {}
    with db.read() as session:
        for level in ("village", "township", "county"):
            unit = session.scalars(
                select(OrgUnit).where(OrgUnit.level == level).order_by(OrgUnit.code)
            ).first()
            assert unit is not None
            info = p.OrgUnitInfo(id=unit.id, code=unit.code, name=unit.name, level=unit.level)
            found[level] = service.DeviceContext(
                device_id=str(uuid.uuid4()),
                cadre_id="bench",
                revoked=False,
                jurisdiction=info,
                path=unit.path,
                role=level,
            )
    return found


def measure(db: ServerDatabase, head: int, repeat: int) -> dict[str, dict[str, float]]:
    first = p.PullRequest(after=0, limit=p.MAX_PULL_LIMIT)
    everyday = p.PullRequest(after=max(0, head - 200), limit=p.MAX_PULL_LIMIT)
    results: dict[str, dict[str, float]] = {}
    for level, ctx in contexts(db).items():
        results[f"digest, {level}"] = timed(lambda ctx=ctx: service.digest(db, ctx), repeat)
        results[f"first pull page, {level}"] = timed(
            lambda ctx=ctx: service.pull_json(db, ctx, first), repeat
        )
        results[f"everyday pull, {level}"] = timed(
            lambda ctx=ctx: service.pull_json(db, ctx, everyday), repeat
        )
    return results


def run(people: int, rounds: int, url: str, repeat: int) -> dict[str, Any]:
    from bench_province import fill_county
    from bench_sync import _fresh_database_url

    with _fresh_database_url(url, Path(tempfile.gettempdir()), "scope") as county_url:
        fill = fill_county(county_url, 0, 1, "500229", "城口县", people, seed=1)
        db = ServerDatabase(county_url)
        with db.read() as session:
            head = db.read_head(session)
        sides: dict[str, list[dict[str, dict[str, float]]]] = {"A": [], "B": []}
        migrations: dict[str, list[float]] = {"downgrade": [], "upgrade": []}
        for _ in range(rounds):
            for side in ("A", "B"):
                started = time.perf_counter()
                if side == "A":
                    server_db.downgrade(db.engine, BEFORE)
                    migrations["downgrade"].append(round(time.perf_counter() - started, 2))
                    db.engine.dispose()  # prepared statements and plans of the other schema go with the pool
                    with queries_before():
                        sides[side].append(measure(db, head, repeat))
                else:
                    db.migrate()
                    migrations["upgrade"].append(round(time.perf_counter() - started, 2))
                    db.engine.dispose()
                    sides[side].append(measure(db, head, repeat))
        db.dispose()
    names = list(sides["A"][0])
    table = {
        name: {
            side: {
                key: round(statistics.median(r[name][key] for r in sides[side]), 1)
                for key in ("wall_ms", "cpu_ms", "db_cpu_ms")
            }
            for side in ("A", "B")
        }
        for name in names
    }
    return {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "people": fill.people,
        "records": fill.records,
        "change_log_head": head,
        "fill_seconds": fill.seconds,
        "rounds": rounds,
        "repeat": repeat,
        "migration_seconds": migrations,
        "load_average": os.getloadavg(),
        "results": table,
    }


def markdown(summary: dict[str, Any]) -> str:
    lines = [
        "| query | before: wall | CPU | database CPU | s0010: wall | CPU | database CPU | s0010 ÷ before (wall) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name, sides in summary["results"].items():
        a, b = sides["A"], sides["B"]
        lines.append(
            f"| {name} | {a['wall_ms']} ms | {a['cpu_ms']} ms | {a['db_cpu_ms']} ms "
            f"| {b['wall_ms']} ms | {b['cpu_ms']} ms | {b['db_cpu_ms']} ms "
            f"| {b['wall_ms'] / a['wall_ms'] if a['wall_ms'] else float('nan'):.3f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=3, help="timed calls per query and side in a round")
    parser.add_argument("--database-url", default=DEFAULT_URL, help="a PostgreSQL database (psycopg URL)")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    load = os.getloadavg()
    summary = run(args.people, args.rounds, args.database_url, args.repeat)
    summary["load_average_before"] = load
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    print(text)
    print(markdown(summary))
    if args.json:
        args.json.write_text(text)


if __name__ == "__main__":
    main()
