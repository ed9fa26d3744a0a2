"""People search at county scale (200,000 people): the search before and after issue 20, A/B in one run.

    python bench/bench_search.py                    # builds bench/out/bench-search-50k.db once (50,000 households)
    python bench/bench_search.py --rounds 7 --old-rev b756258

The demo's name pool has no rare characters (every two-character prefix has a dozen hits at 200k), which hides
the slow path; the bench renames a few hundred people with characters outside the pool (鑫, 鼎, 淼 …) once.

"Old" is ``services/search.py``, ``store/search_index.py`` and ``domain/pinyin.py`` as they were at
``--old-rev`` (read with ``git show``), run on a copy of the database with the old index layout and the old
search keys; "new" is the working tree on the upgraded database. Both run in this process, in alternating order
(old first in even rounds, new first in odd ones), so load and caches fall on both alike. Each search is timed
in wall time and in CPU time of this process (SQLite runs in-process). The load average is printed at the start
and the end. Also reported: the cost of the 0008 upgrade (new search keys, index rebuilt) of the old copy.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import random
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
OUT = ROOT / "bench" / "out"
DB = OUT / "bench-search-50k.db"
OLD_DB = OUT / "bench-search-50k-old.db"
PASSPHRASE = "bench-passphrase"
OLD_REV = "b756258"  # the search of issue 3 (trigram index for 2+ characters, LIKE scan for one)

#: Given-name characters that are not in the demo's pool: each ends up in a few dozen names of 200,000.
RARE_CHARS = "鑫鼎淼犇燚垚焱骉晟翀珺玥彧祎昊"
RARE_PEOPLE = 400


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import sqlcipher3

    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python "
        f"{platform.python_version()}, SQLCipher's SQLite {sqlcipher3.sqlite_version}"
    )


def prepare(households: int) -> None:
    from yulu_desktop.domain.pinyin import search_key
    from yulu_desktop.services.demo import GIVEN_CHARS, SURNAMES, generate_demo
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database

    if not DB.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        db = Database.open(DB, PASSPHRASE, create=True)
        migrate.upgrade(db)
        report = generate_demo(db, households=households, seed=50)
        checkpoint(db)
        db.close()
        print(
            f"built {DB.name}: {report.people:,} people in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    db = Database.open(DB, PASSPHRASE)
    if migrate.needs_upgrade(db):
        migrate.upgrade(db)
    rare = [c for c in RARE_CHARS if c not in GIVEN_CHARS and c not in SURNAMES]
    with db.write_connection() as conn:
        done = conn.exec_driver_sql(
            "SELECT count(*) FROM person WHERE " + " OR ".join(f"name LIKE '%{c}%'" for c in rare)
        ).scalar_one()
        if not done:
            rng = random.Random(20)
            count = conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one()
            rows = conn.exec_driver_sql(
                "SELECT rowid, name FROM person WHERE rowid IN ("
                + ", ".join(str(rng.randrange(1, count + 1)) for _ in range(RARE_PEOPLE))
                + ")"
            ).fetchall()
            for rowid, name in rows:
                # Keep the surname; the rare character first or last in the given name.
                given = name[1:] or "明"
                rare_char = rng.choice(rare)
                new = name[0] + (rare_char + given[-1:] if rng.random() < 0.5 else given[:1] + rare_char)
                conn.exec_driver_sql(
                    "UPDATE person SET name = ?, search_key = ? WHERE rowid = ?",
                    (new, search_key(new), rowid),
                )
    checkpoint(db)
    db.close()


def checkpoint(db: Any) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def load_old(rev: str) -> dict[str, ModuleType]:
    """The old modules, from git, under their own names (they import each other only through the package)."""
    modules = {}
    for short, path in (
        ("pinyin", "yulu_desktop/domain/pinyin.py"),
        ("search_index", "yulu_desktop/store/search_index.py"),
        ("search", "yulu_desktop/services/search.py"),
    ):
        source = subprocess.run(
            ["git", "-C", str(ROOT), "show", f"{rev}:{path}"], capture_output=True, text=True, check=True
        ).stdout
        name = f"_old_{short}"
        spec = importlib.util.spec_from_loader(name, loader=None)
        assert spec is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        exec(compile(source, f"{rev}:{path}", "exec"), module.__dict__)
        modules[short] = module
    return modules


def prepare_old(old: dict[str, ModuleType]) -> None:
    """A copy of the database as the old release kept it: old search keys, the old index, stamped 0007."""
    from yulu_desktop.store import search_index
    from yulu_desktop.store.database import Database

    if OLD_DB.exists():
        return
    shutil.copyfile(DB, OLD_DB)
    db = Database.open(OLD_DB, PASSPHRASE)
    with db.write_connection() as conn:
        search_index.drop(conn)
        rows = conn.exec_driver_sql("SELECT rowid, name FROM person").fetchall()
        conn.exec_driver_sql(
            "UPDATE person SET search_key = ? WHERE rowid = ?",
            [(old["pinyin"].search_key(name), rowid) for rowid, name in rows],
        )
        old["search_index"].install(conn)
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = '0007'")
    checkpoint(db)
    db.close()


def upgrade_cost() -> dict[str, float]:
    """Migration 0008 on a copy of the old database: every search key computed again, the index rebuilt."""
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database

    copy = OUT / "bench-search-upgrade.db"
    shutil.copyfile(OLD_DB, copy)
    db = Database.open(copy, PASSPHRASE)
    wall, cpu = time.perf_counter(), time.process_time()
    migrate.upgrade(db)
    result = {"wall_s": round(time.perf_counter() - wall, 2), "cpu_s": round(time.process_time() - cpu, 2)}
    db.close()
    for path in OUT.glob("bench-search-upgrade.db*"):
        path.unlink()
    return result


def query_sets(db: Any, rng: random.Random) -> dict[str, list[tuple[str, str | None]]]:
    """(query, the person it must find or None) per kind."""
    from yulu_desktop.domain.pinyin import initials_variants

    with db.read_connection() as conn:
        people = conn.exec_driver_sql(
            "SELECT id, name, id_number, phone FROM person WHERE id_number IS NOT NULL"
        ).fetchall()
        rare_people = conn.exec_driver_sql(
            "SELECT id, name FROM person WHERE " + " OR ".join(f"name LIKE '%{c}%'" for c in RARE_CHARS)
        ).fetchall()
    sample = rng.sample(people, 40)
    fragments = [("500229101", None)]
    for person_id, _name, id_number, _phone in sample[:30]:
        start = rng.randrange(0, 10)
        fragments.append((id_number[start : start + 9], person_id))
    tails = [(p[2][-4:], None) for p in sample[:10]] + [(p[2][-6:], p[0]) for p in sample[10:20]]
    rare = [(c, None) for c in RARE_CHARS]
    rare += [(name[1:], person_id) for person_id, name in rng.sample(rare_people, 10) if len(name) == 3]
    retroflex = []
    for person_id, name, _id, _phone in people:
        long_forms = [v for v in initials_variants(name) if any(r in v for r in ("zh", "ch", "sh"))]
        if long_forms and len(retroflex) < 20 and rng.random() < 0.01:
            retroflex.append((long_forms[-1], person_id))
    keystrokes: list[tuple[str, str | None]] = []
    for _person_id, name, id_number, phone in sample[30:40]:
        for typed in (name, "".join(initials_variants(name)[:1]), id_number[-6:], (phone or "")[-4:]):
            keystrokes += [(typed[:i], None) for i in range(1, len(typed) + 1)]
    return {
        "ID fragment (9 digits, any position)": fragments,
        "ID tail (4 or 6 digits)": tails,
        "one rare character / two in a name": rare,
        "initials with zh/ch/sh": retroflex,
        "keystrokes, mixed set": keystrokes,
    }


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def run(rounds: int, old: dict[str, ModuleType]) -> dict[str, Any]:
    from yulu_desktop.services import search
    from yulu_desktop.store.database import Database

    new_db = Database.open(DB, PASSPHRASE)
    old_db = Database.open(OLD_DB, PASSPHRASE)
    sets = query_sets(new_db, random.Random(7))
    impls: dict[str, tuple[Callable[..., Any], Any]] = {
        "old": (old["search"].search, old_db),
        "new": (search.search, new_db),
    }
    timings = {name: {kind: ([], []) for kind in sets} for name in impls}  # (wall ms, cpu ms)
    found = {name: {kind: [0, 0] for kind in sets} for name in impls}
    for warm in impls.values():  # first queries read pages from disk and compile statements
        for queries in sets.values():
            for query, _ in queries:
                warm[0](warm[1], query)
    for round_no in range(rounds):
        order = ["old", "new"] if round_no % 2 == 0 else ["new", "old"]
        for kind, queries in sets.items():
            for name in order:
                fn, db = impls[name]
                walls, cpus = timings[name][kind]
                for query, target in queries:
                    wall, cpu = time.perf_counter(), time.process_time()
                    hits = fn(db, query)
                    cpus.append((time.process_time() - cpu) * 1000)
                    walls.append((time.perf_counter() - wall) * 1000)
                    if target is not None and round_no == 0:
                        found[name][kind][0] += any(h.person_id == target for h in hits)
                        found[name][kind][1] += 1
    new_db.close()
    old_db.close()
    result: dict[str, Any] = {}
    for kind in sets:
        row: dict[str, Any] = {"queries": len(sets[kind])}
        for name in impls:
            walls, cpus = timings[name][kind]
            row[name] = {
                "cpu_p50_ms": round(statistics.median(cpus), 2),
                "cpu_p95_ms": round(percentile(cpus, 95), 2),
                "cpu_max_ms": round(max(cpus), 2),
                "wall_p95_ms": round(percentile(walls, 95), 2),
                "found": f"{found[name][kind][0]}/{found[name][kind][1]}",
            }
        row["cpu_p95_old_over_new"] = round(
            row["old"]["cpu_p95_ms"] / max(row["new"]["cpu_p95_ms"], 0.001), 1
        )
        result[kind] = row
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=50000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--old-rev", default=OLD_REV)
    args = parser.parse_args()
    prepare(args.households)
    old = load_old(args.old_rev)
    prepare_old(old)
    load_start = os.getloadavg()
    result: dict[str, Any] = {"machine": machine(), "load_start": [round(x, 2) for x in load_start]}
    result["search"] = run(args.rounds, old)
    result["upgrade_0008"] = upgrade_cost()
    result["load_end"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
