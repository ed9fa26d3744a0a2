"""Start-up pieces outside the window, A/B against an older revision in one run (issue 20):

    python bench/bench_startup.py --old-rev 8297f98 [--rounds 4]

- 今日工作's first load (``services.today.load_today``) for everything and for a county, old module vs new one in
  this process, alternating which goes first; wall and CPU time (SQLite runs in-process).
- cold ``yulu stats``: a fresh process each, old tree vs working tree alternating; CPU time of the process.

Uses bench/out/bench-ui-50k.db (bench_ui.py makes it). The old revision is unpacked with ``git archive``. The
window launch itself is ``bench/bench_ui.py --old-rev … --launch-only``. Load average printed at start and end.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
DB = ROOT / "bench" / "out" / "bench-ui-50k.db"
PASSPHRASE = "bench-passphrase"

STATS_CHILD = """
import contextlib, io, os, sys
with contextlib.redirect_stdout(io.StringIO()):
    from yulu_desktop.cli.main import main
    main(["--db", sys.argv[1], "stats"])
t = os.times()
print(t.user + t.system)
"""


def today_ab(old_tree: Path, rounds: int) -> dict[str, float]:
    from sqlalchemy import text

    from yulu_desktop.services import today as new
    from yulu_desktop.store.database import Database

    spec = importlib.util.spec_from_file_location("old_today", old_tree / "yulu_desktop/services/today.py")
    assert spec is not None and spec.loader is not None
    old = importlib.util.module_from_spec(spec)
    sys.modules["old_today"] = old  # dataclasses look their module up
    spec.loader.exec_module(old)
    db = Database.open(DB, PASSPHRASE)
    with db.read_connection() as conn:
        county = conn.execute(
            text("SELECT id FROM org_unit WHERE level = 'county' ORDER BY id LIMIT 1")
        ).scalar()
    times: dict[str, list[tuple[float, float]]] = {}
    for round_no in range(rounds):
        sides: list[tuple[str, Any]] = [("old", old), ("new", new)]
        for side, module in sides if round_no % 2 == 0 else sides[::-1]:
            for scope_name, scope in (("everything", None), ("county", county)):
                wall, cpu = time.perf_counter(), time.process_time()
                module.load_today(db, scope)
                times.setdefault(f"today_{scope_name}_{side}", []).append(
                    (time.perf_counter() - wall, time.process_time() - cpu)
                )
    db.close()
    result: dict[str, float] = {}
    for key, values in sorted(times.items()):
        result[f"{key}_wall_s"] = round(statistics.median(v[0] for v in values), 3)
        result[f"{key}_cpu_s"] = round(statistics.median(v[1] for v in values), 3)
    return result


def stats_ab(old_tree: Path, rounds: int) -> dict[str, float]:
    cpu: dict[str, list[float]] = {"old": [], "new": []}
    trees = {"old": old_tree, "new": ROOT}
    for round_no in range(rounds):
        for side in ("old", "new") if round_no % 2 == 0 else ("new", "old"):
            env = dict(os.environ, YULU_DB_KEY=PASSPHRASE, PYTHONPATH=str(trees[side]))
            out = subprocess.run(
                [sys.executable, "-c", STATS_CHILD, str(DB)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            cpu[side].append(float(out.strip().splitlines()[-1]))
    return {f"stats_{side}_cpu_s": round(statistics.median(values), 3) for side, values in cpu.items()}


def main() -> int:
    from bench_printing import load
    from bench_search import machine

    parser = argparse.ArgumentParser()
    parser.add_argument("--old-rev", required=True)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    if not DB.exists():
        print(f"{DB} is missing: run bench/bench_ui.py first", file=sys.stderr)
        return 1
    print(f"{machine()}; load average {load()}", file=sys.stderr)
    old_tree = Path(tempfile.mkdtemp(prefix="bench-startup-old-"))
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.old_rev], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive.stdout, check=True)
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(old_tree / "yulu_desktop")], check=True)
        result = today_ab(old_tree, args.rounds)
        result.update(stats_ab(old_tree, args.rounds))
    finally:
        shutil.rmtree(old_tree)
    print(f"load average at the end {load()}", file=sys.stderr)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
