"""Foundation benchmarks (issue 2): demo generation, journal overhead, opening a large database for `stats`.

    python bench/bench_store.py [--households 50000] [--changes 100000] [--keep]

Prints a table and the machine it ran on; the figures go into docs/PERFORMANCE.md. The demo database is kept
in bench/out/ (reused by the UI benchmark) unless it already exists with the same size.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from sqlalchemy import text

from yulu_desktop.domain.entities import Household, OrgUnit, Visit
from yulu_desktop.services import bulk, demo, records
from yulu_desktop.store import journal, migrate, schema
from yulu_desktop.store.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_printing import cpu_now, load  # the shared CPU-time and load helpers

PASSPHRASE = "bench-passphrase"
OUT = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def fresh_db(path: Path) -> Database:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database.open(path, PASSPHRASE, create=True)
    migrate.upgrade(db)
    return db


def bench_demo(households: int) -> tuple[float, Path, dict[str, int]]:
    OUT.mkdir(exist_ok=True)
    path = OUT / f"demo-{households}.db"
    with fresh_db(path) as db:
        started = time.perf_counter()
        report = demo.generate_demo(db, households=households, seed=1)
        elapsed = time.perf_counter() - started
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return elapsed, path, {"households": report.households, "people": report.people, "visits": report.visits}


def bench_stats(path: Path) -> float:
    """A cold `yulu stats` process: interpreter start, key derivation, counts."""
    env = {**os.environ, "YULU_DB_KEY": PASSPHRASE}
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "yulu_desktop.cli.main", "--db", str(path), "stats", "--json"],
            check=True,
            env=env,
            capture_output=True,
        )
        best = min(best, time.perf_counter() - started)
    return best


def _household_db(path: Path) -> tuple[Database, str]:
    db = fresh_db(path)
    with records.writing(db, "bench") as session:
        village = OrgUnit(code="500229101201", name="红岩村", level="village")
        session.add(village)
        session.flush()
        household = Household(household_no="H1", village_id=village.id)
        session.add(household)
    return db, household.id


def _visits(household_id: str, n: int) -> list[Visit]:
    return [
        Visit(
            household_id=household_id,
            visit_date=date(2025, 10, 1),
            visitor_name="李明",
            visitor_role="resident_cadre",
            notes="了解到孩子想读护理专业，已介绍雨露计划政策。",
        )
        for _ in range(n)
    ]


#: The modes of the journal bench, in their order (reversed every other round).
JOURNAL_MODES = {
    "service": "bulk service (validation + journal.insert_rows)",
    "insert_rows": "journal.insert_rows: executemany, then one journaling statement",
    "triggers": "executemany journaled by the triggers (any other write; the bulk service before stop 19)",
    "plain": "plain executemany",
}


def bench_journal(changes: int, rounds: int) -> dict[str, list[tuple[float, float]]]:
    """`changes` visits, each measurement in a fresh encrypted database of its own, (wall, CPU) per round:
    the bulk service (validation + journal), prebuilt rows through ``journal.insert_rows``, the same rows
    through executemany with the journal triggers, and with no triggers (plain executemany). The modes run
    in alternating order, round after round."""
    statement, columns = bulk.insert_sql(schema.visit)
    modes = list(JOURNAL_MODES)
    timings: dict[str, list[tuple[float, float]]] = {mode: [] for mode in modes}
    for round_no in range(rounds):
        for mode in modes if round_no % 2 == 0 else modes[::-1]:
            with tempfile.TemporaryDirectory() as tmp:
                db, household_id = _household_db(Path(tmp) / f"{mode}.db")
                visits = _visits(household_id, changes)
                rows = [tuple(bulk.sql_value(getattr(v, c)) for c in columns) for v in visits]
                if mode == "plain":
                    with db.write_connection() as conn:
                        journal.drop_triggers(conn)
                started, cpu = time.perf_counter(), cpu_now()
                if mode == "service":
                    bulk.insert_many(db, visits, actor="bench", today=date(2025, 11, 1))
                elif mode == "insert_rows":
                    with db.write_connection() as conn:
                        journal.insert_rows(conn.connection.cursor(), "visit", columns, rows)
                else:
                    with db.write_connection() as conn:
                        conn.connection.cursor().executemany(statement, rows)
                timings[mode].append((time.perf_counter() - started, cpu_now() - cpu))
                with db.read_connection() as conn:
                    assert conn.execute(text("SELECT count(*) FROM visit")).scalar_one() == changes
                    journaled = conn.execute(
                        text("SELECT count(*) FROM change_journal WHERE entity = 'visit'")
                    ).scalar_one()
                    assert journaled == (0 if mode == "plain" else changes)
                db.close()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=50000)
    parser.add_argument("--changes", type=int, default=100000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--journal-only", action="store_true", help="skip the demo and `stats` parts")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if args.journal_only:
        _journal_report(args)
        return
    demo_s, path, counts = bench_demo(args.households)
    print(f"demo --households {args.households}: {demo_s:.1f} s  {counts}  (target < 60 s)")
    print(f"database size: {path.stat().st_size / 1e6:.0f} MB")
    print(f"cold `yulu stats` on it: {bench_stats(path):.2f} s (best of 3, target < 1 s)")
    _journal_report(args)


def _journal_report(args: argparse.Namespace) -> None:
    print(f"load average before: {load()}")
    timings = bench_journal(args.changes, args.rounds)
    best = {mode: (min(w for w, _c in runs), min(c for _w, c in runs)) for mode, runs in timings.items()}
    plain_wall, plain_cpu = best["plain"]
    print(
        f"{args.changes} inserts, best of {args.rounds} alternating rounds (wall s / CPU s, ratio to plain on CPU; "
        "then each round's CPU ratio to that round's plain, and their median):"
    )
    for mode, label in JOURNAL_MODES.items():
        wall, cpu = best[mode]
        per_round = [c / p for (_w, c), (_pw, p) in zip(timings[mode], timings["plain"], strict=True)]
        print(
            f"  {label}: {wall:.2f} / {cpu:.2f}  ({cpu / plain_cpu:.2f}x CPU, {wall / plain_wall:.2f}x wall)"
            f"  rounds {' '.join(f'{r:.2f}' for r in per_round)}  median {statistics.median(per_round):.2f}x"
        )
    print(f"load average after: {load()}")


if __name__ == "__main__":
    main()
