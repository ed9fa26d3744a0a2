"""End-to-end printing benchmark (issues 4, 20): dossiers of a demo village read from the encrypted database,
adapted and rendered, with the audit log written — what `yulu print dossiers` and the app do — against bare
reportlab laying out the same data.

    python bench/bench_print_service.py [--count 500] [--workers 2] [--households 149] [--rounds 3]

The demo village holds every household when ``--households`` < 150; if it has fewer than ``--count`` people in
the program, the rest of the household members are taken too (``everyone``). In rounds whose order alternates
it runs: the service end to end in one process, bare reportlab (``bench_printing.bare_batch``, fixed column
widths like ours) on data read beforehand, the service with ``--workers`` processes, and the reading alone,
one person at a time (``dossier_data``) and as the batch reads it. It prints wall and CPU time (worker
processes included), the load average, and per-round and median ratios. The worker processes are
running before the parallel run starts, as when the print dialog started them. Targets (issue 20): service ÷ bare
≤ 1.3x in CPU, two processes ≥ 1.8x one in wall time (needs two idle cores: see the load average).
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_printing import bare_batch, cpu_model, cpu_now, load, timed_with_running_workers

from yulu_desktop.printing.fonts import register_fonts
from yulu_desktop.services import demo
from yulu_desktop.services import printing as ps
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.services.print_data import _dossier_from_file
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

VILLAGE = "500229101201"
PASSPHRASE = "bench-passphrase"
NOW = dt.datetime(2025, 11, 21, 9, 30)


def timed(fn: Callable[[], object]) -> tuple[float, float]:
    w, c = time.perf_counter(), cpu_now()
    fn()
    return time.perf_counter() - w, cpu_now() - c


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--households", type=int, default=149)
    parser.add_argument("--rounds", type=int, default=3, help="rounds, the order alternating")
    args = parser.parse_args()
    register_fonts()
    print(f"CPU: {cpu_model()} · {os.cpu_count()} cores · Python {platform.python_version()} · load {load()}")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        with Database.open(tmp / "bench.db", PASSPHRASE, create=True) as db:
            migrate.upgrade(db)
            started = time.perf_counter()
            demo.generate_demo(db, households=args.households, seed=1, today=dt.date(2025, 11, 20))
            demo_s = time.perf_counter() - started
            program = ps.dossier_people(db, VILLAGE)
            ids = program[: args.count]
            if len(ids) < args.count:
                extra = [p for p in ps.dossier_people(db, VILLAGE, everyone=True) if p not in set(program)]
                ids += extra[: args.count - len(ids)]
            n = len(ids)
            print(
                f"demo: {args.households} households in {demo_s:.1f} s; {len(program)} people in the program, "
                f"{n} dossiers printed"
            )

            ps.print_dossier(db, ids[0], "bench", now=NOW)  # warm up: fonts, styles, the first queries
            items = [ps.dossier_data(db, i, printed_by="bench", now=NOW) for i in ids]
            bare_batch(items[:1], io.BytesIO())

            def service(workers: int) -> Callable[[], object]:
                target = tmp / f"batch-{workers}.pdf"
                return lambda: ps.print_dossiers(
                    db, VILLAGE, target, "bench", person_ids=ids, workers=workers, now=NOW
                )

            def read_batched() -> object:
                def build(pf: PersonFile) -> object:
                    return _dossier_from_file(pf, photo=None, printed_by="bench", now=NOW, health_shown=False)

                return ps._load_files(db, ids, build, None, None)

            jobs: dict[str, Callable[[], tuple[float, float]]] = {
                "service": lambda: timed(service(1)),
                "bare": lambda: timed(lambda: bare_batch(items, io.BytesIO())),
                "parallel": lambda: timed_with_running_workers(service(args.workers), args.workers),
                "read each": lambda: timed(
                    lambda: [ps.dossier_data(db, i, printed_by="bench", now=NOW) for i in ids]
                ),
                "read batch": lambda: timed(read_batched),
            }
            runs: dict[str, list[tuple[float, float]]] = {k: [] for k in jobs}
            for r in range(args.rounds):
                order = list(jobs) if r % 2 == 0 else list(reversed(jobs))
                for name in order:
                    runs[name].append(jobs[name]())
                print(
                    f"round {r + 1}: "
                    + " · ".join(f"{k} {runs[k][-1][0]:.2f} s wall {runs[k][-1][1]:.2f} s CPU" for k in order)
                    + f" · load {load()}"
                )
            size = (tmp / "batch-1.pdf").stat().st_size
            singles = []
            for person_id in ids[1:21]:
                t0 = time.perf_counter()
                ps.print_dossier(db, person_id, "bench", now=NOW)
                singles.append(time.perf_counter() - t0)
            single_kb = len(ps.print_dossier(db, ids[1], "bench", now=NOW)) / 1024

    def med(name: str, k: int) -> float:
        return statistics.median(x[k] for x in runs[name])

    def ratios(a: str, b: str, k: int) -> list[float]:
        # A short run (the test's 8 people) can read a batch within one tick of the CPU clock: no ratio then.
        return [x[k] / y[k] if y[k] else float("nan") for x, y in zip(runs[a], runs[b], strict=True)]

    def per_round(values: list[float]) -> str:
        return " ".join(f"{v:.2f}" for v in values)

    cpu_ratio = ratios("service", "bare", 1)
    speedup = ratios("service", "parallel", 0)
    read_ratio = ratios("read each", "read batch", 1)
    print(f"{'measure (median of ' + str(args.rounds) + ' rounds)':<58}{'value':>14}  target")
    rows = [
        (f"service end to end, one PDF, 1 process, {n} (wall)", f"{n / med('service', 0):.1f}/s", ""),
        (f"service end to end, one PDF, 1 process, {n} (CPU)", f"{n / med('service', 1):.1f}/CPU-s", ""),
        (f"bare reportlab, same data, {n} (CPU)", f"{n / med('bare', 1):.1f}/CPU-s", ""),
        ("service ÷ bare reportlab (CPU), per round", per_round(cpu_ratio), ""),
        ("service ÷ bare reportlab (CPU), median", f"{statistics.median(cpu_ratio):.2f}x", "≤ 1.3x"),
        (f"service, {args.workers} processes (wall)", f"{n / med('parallel', 0):.1f}/s", "≥ 40/s"),
        (f"service, {args.workers} processes (CPU, all processes)", f"{n / med('parallel', 1):.1f}/CPU-s", ""),
        (f"{args.workers} processes ÷ 1 (wall speed-up), per round", per_round(speedup), ""),
        (f"{args.workers} processes ÷ 1 (wall speed-up), median", f"{statistics.median(speedup):.2f}x", "≥ 1.8x"),
        ("reading, one person at a time, per dossier (CPU)", f"{med('read each', 1) / n * 1000:.2f} ms", ""),
        ("reading, batched as printing does, per dossier (CPU)", f"{med('read batch', 1) / n * 1000:.2f} ms", ""),
        ("one at a time ÷ batched (CPU), median", f"{statistics.median(read_ratio):.2f}x", ""),
        ("single print_dossier (adapter+render+audit), median", f"{statistics.median(singles) * 1000:.0f} ms",
         "< 150 ms"),
        ("single dossier PDF size (no photo)", f"{single_kb:.1f} KB", "< 80 KB"),
        ("size per dossier inside the batch PDF", f"{size / n / 1024:.1f} KB", ""),
    ]  # fmt: skip
    for name, value, target_text in rows:
        print(f"{name:<58}{value:>14}  {target_text}")
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
