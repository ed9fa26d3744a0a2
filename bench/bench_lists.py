"""List pages at county size (issue 20): first pages, the graduates count and a page deep in the people list,
before and after keyset paging and the list indexes (migration 0009), A/B in one run.

    PYTHONPATH=. python bench/bench_lists.py                       # 20k and 200k people
    PYTHONPATH=. python bench/bench_lists.py --sizes 200k --rounds 9 --old-rev 8297f98

Databases: ``bench/out/bench-lists-{20k,200k}.db`` (the working tree's schema) and ``…-old.db`` (at 0008, as
the old release kept them). The 200k pair is copied from ``bench-search-50k.db`` (the 50,000-household demo,
see bench_search.py) and the 20k pair is a 5,000-household demo, built once when missing.

"Old" is ``services/lists.py`` as it was at ``--old-rev`` (read with ``git show``) on the old copy; "new" is the
working tree on the upgraded copy. Both run in this process, in alternating order (old first in even rounds,
new first in odd ones), so load and caches fall on both alike. Each measure is one call, timed in wall time and
in CPU time of this process (SQLite runs in-process); the median of the rounds is printed, and the load average
at the start and the end.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_search import machine  # noqa: E402  (the machine line of every bench)

OUT = ROOT / "bench" / "out"
PASSPHRASE = "bench-passphrase"
OLD_REV = "8297f98"  # offset paging, lists sorted whole before LIMIT
SIZES = {"20k": 5_000, "200k": 50_000}


def paths(size: str) -> tuple[Path, Path]:
    return OUT / f"bench-lists-{size}.db", OUT / f"bench-lists-{size}-old.db"


def prepare(size: str) -> None:
    from yulu_desktop.services.demo import generate_demo
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database

    new, old = paths(size)
    if not old.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        source = OUT / "bench-search-50k.db"
        if size == "200k" and source.exists():
            shutil.copyfile(source, old)
        else:
            db = Database.open(old, PASSPHRASE, create=True)
            migrate.upgrade(db, "0008")
            generate_demo(db, households=SIZES[size], seed=50)
            db.close()
        db = Database.open(old, PASSPHRASE)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        db.close()
    if not new.exists():
        shutil.copyfile(old, new)
    db = Database.open(new, PASSPHRASE)
    if migrate.needs_upgrade(db):
        wall, cpu = time.perf_counter(), time.process_time()
        migrate.upgrade(db)
        print(
            f"{new.name}: upgrade to head {time.perf_counter() - wall:.1f} s wall, "
            f"{time.process_time() - cpu:.1f} s CPU",
            file=sys.stderr,
        )
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()


def load_old(rev: str) -> ModuleType:
    path = "yulu_desktop/services/lists.py"
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{path}"], capture_output=True, text=True, check=True
    ).stdout
    spec = importlib.util.spec_from_loader("_old_lists", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["_old_lists"] = module
    exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)
    return module


def measures(lists: Any, db: Any, keyset: bool) -> dict[str, Callable[[], object]]:
    """The calls the list pages make, as the app makes them (students open on the newest term)."""
    newest = lists.student_terms(db)[0][0]
    total = lists.count(db, "people")
    middle = total // 2
    if keyset:
        # The page a user reaches by scrolling: after the last row of the page before it.
        after = lists.fetch(db, "people", offset=middle - 1, limit=1)[-1].key
        deep = lambda: lists.fetch(db, "people", after=after, limit=200)  # noqa: E731
    else:
        deep = lambda: lists.fetch(db, "people", offset=middle, limit=200)  # noqa: E731
    query = lists.ListQuery
    return {
        "students (newest term)": lambda: lists.fetch(db, "students", query(term=newest), limit=200),
        "students (every term)": lambda: lists.fetch(db, "students", limit=200),
        "students (every term, filter 张)": lambda: lists.fetch(db, "students", query(text="张"), limit=200),
        "visits": lambda: lists.fetch(db, "visits", limit=200),
        "graduates": lambda: lists.fetch(db, "graduates", limit=200),
        "intents": lambda: lists.fetch(db, "intents", limit=200),
        "graduates count": lambda: lists.count(db, "graduates"),
        "students count (newest term)": lambda: lists.count(db, "students", query(term=newest)),
        f"people page at row {middle:,}": deep,
    }


def timed(call: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.perf_counter() - wall, time.process_time() - cpu


def run(size: str, rounds: int, old_lists: ModuleType) -> None:
    from yulu_desktop.services import lists
    from yulu_desktop.store.database import Database

    new_path, old_path = paths(size)
    new_db, old_db = Database.open(new_path, PASSPHRASE), Database.open(old_path, PASSPHRASE)
    sides = {"old": measures(old_lists, old_db, keyset=False), "new": measures(lists, new_db, keyset=True)}
    people = lists.count(new_db, "people")
    results: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for number in range(rounds):
        order = ("old", "new") if number % 2 == 0 else ("new", "old")
        for name in sides["new"]:
            for side in order:
                key = (
                    name
                    if name in sides[side]
                    else next(k for k in sides[side] if k.startswith("people page"))
                )
                results.setdefault((side, name), []).append(timed(sides[side][key]))
    print(f"\n### {size}: {people:,} people, {rounds} rounds, medians (ms)\n")
    print("| measure | old wall | old CPU | new wall | new CPU | CPU old ÷ new |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name in sides["new"]:
        old_wall, old_cpu = (statistics.median(t[i] for t in results[("old", name)]) * 1000 for i in (0, 1))
        new_wall, new_cpu = (statistics.median(t[i] for t in results[("new", name)]) * 1000 for i in (0, 1))
        print(
            f"| {name} | {old_wall:,.1f} | {old_cpu:,.1f} | {new_wall:,.1f} | {new_cpu:,.1f} | "
            f"{old_cpu / max(new_cpu, 0.01):,.0f}x |"
        )
    new_db.close()
    old_db.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", nargs="+", default=list(SIZES), choices=list(SIZES))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--old-rev", default=OLD_REV)
    args = parser.parse_args()
    print(machine())
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    old_lists = load_old(args.old_rev)
    for size in args.sizes:
        prepare(size)
        run(size, args.rounds, old_lists)
    print(f"\nload average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
