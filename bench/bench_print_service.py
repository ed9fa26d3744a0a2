"""End-to-end printing benchmark (issue 4): dossiers of a demo village read from the encrypted database,
adapted and rendered, with the audit log written — what `yulu print dossiers` and the app do.

    python bench/bench_print_service.py [--count 500] [--workers 2] [--households 149]

Target: a batch of 500 dossiers of a village at ≥ 40 per second on the 2-core machine (one PDF). The demo
village holds every household when ``--households`` < 150; if it has fewer than ``--count`` people in the
program, the rest of the household members are taken too (``everyone``). Times: the adapter alone (database →
DossierData), rendering alone (the same data), and the service end to end, serial and with worker processes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from yulu_desktop.printing.batch import write_batch_pdf
from yulu_desktop.printing.fonts import register_fonts
from yulu_desktop.services import demo
from yulu_desktop.services import printing as ps
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

VILLAGE = "500229101201"
PASSPHRASE = "bench-passphrase"
NOW = dt.datetime(2025, 11, 21, 9, 30)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--households", type=int, default=149)
    args = parser.parse_args()
    register_fonts()

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

            # warm up: fonts, styles, the first queries
            ps.print_dossier(db, ids[0], "bench", now=NOW)

            started = time.perf_counter()
            items = [ps.dossier_data(db, i, printed_by="bench", now=NOW) for i in ids]
            adapter_s = time.perf_counter() - started

            out = tmp / "render-only.pdf"
            started = time.perf_counter()
            write_batch_pdf(items, out)
            render_s = time.perf_counter() - started

            singles = []
            for person_id in ids[1:21]:
                t0 = time.perf_counter()
                ps.print_dossier(db, person_id, "bench", now=NOW)
                singles.append(time.perf_counter() - t0)
            single_kb = len(ps.print_dossier(db, ids[1], "bench", now=NOW)) / 1024

            def batch(workers: int, per_file: bool = False) -> tuple[float, int]:
                target = tmp / (f"files-{workers}" if per_file else f"batch-{workers}.pdf")
                t0 = time.perf_counter()
                result = ps.print_dossiers(
                    db, VILLAGE, target, "bench", person_ids=ids, workers=workers, per_file=per_file, now=NOW
                )
                elapsed = time.perf_counter() - t0
                size = sum(p.stat().st_size for p in result.paths)
                return elapsed, size

            serial_s, serial_size = batch(1)
            parallel_s, _ = batch(args.workers)
            files_s, _ = batch(args.workers, per_file=True)

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"CPU: {cpu_model()} · {os.cpu_count()} cores · load {load:.1f} · Python {platform.python_version()}"
    )
    print(
        f"demo: {args.households} households in {demo_s:.1f} s; {len(program)} people in the program, "
        f"{n} dossiers printed"
    )
    print(f"{'measure':<52}{'value':>12}  target")
    rows = [
        (f"adapter only (db → DossierData), {n}", f"{n / adapter_s:.0f}/s", ""),
        ("adapter per dossier", f"{adapter_s / n * 1000:.1f} ms", ""),
        (f"render only, one PDF, 1 process, {n}", f"{n / render_s:.1f}/s", ""),
        (f"service end to end, one PDF, 1 process, {n}", f"{n / serial_s:.1f}/s", ""),
        (f"service end to end, one PDF, {args.workers} processes, {n}", f"{n / parallel_s:.1f}/s", "≥ 40/s"),
        (f"service end to end, one file each, {args.workers} processes", f"{n / files_s:.1f}/s", ""),
        (
            "single print_dossier (adapter+render+audit), median",
            f"{statistics.median(singles) * 1000:.0f} ms",
            "< 150 ms",
        ),
        ("single dossier PDF size (no photo)", f"{single_kb:.1f} KB", "< 80 KB"),
        ("size per dossier inside the batch PDF", f"{serial_size / n / 1024:.1f} KB", ""),
    ]
    for name, value, target_text in rows:
        print(f"{name:<52}{value:>12}  {target_text}")


if __name__ == "__main__":
    main()
