"""Printing benchmark (issues 4, 20): a batch of dossiers, against bare reportlab laying out the same content.

    python bench/bench_printing.py [--count 500] [--workers 2] [--rounds 3]

Runs, in rounds whose order alternates: ours in 1 process; bare reportlab; ours with ``--workers`` processes
started for the batch (*cold*: what a batch pays when nothing started them), started just before (*warm*: the
first batch after the print dialog started them) and after printing a batch (*reused*: a later batch within
the workers' idle time); and two ceilings, each done in 1 and in
``--workers`` running processes: a perfect split of our rendering (each process lays out its share, with no
join and nothing sent back) and pure-Python arithmetic (what the machine gives two processes at all). It
prints wall and CPU time (the CPU of the worker processes included), the load average, and the ratios per
round and their median. On a shared machine the CPU ratio is the steady figure; a wall speed-up needs idle
cores, and the ceilings show what this machine gave at that moment. Targets (issue 20): ours ÷ bare ≤ 1.3x in CPU, two processes ≥ 1.8x one; a
single dossier < 150 ms, a dossier without photos < 80 KB. The baseline tables have the fixed column widths
of ours.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import multiprocessing
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

from yulu_desktop.printing import render_pool
from yulu_desktop.printing.batch import write_batch_pdf
from yulu_desktop.printing.dossier import dossier_section, render_dossier
from yulu_desktop.printing.fonts import FONT, register_fonts
from yulu_desktop.printing.layout import build_pdf, styles
from yulu_desktop.printing.model import DossierData
from yulu_desktop.printing.samples import sample_dossier


def realistic(i: int) -> DossierData:
    return sample_dossier(i, members=4, semesters=6, subsidies=6, visits=10, trainings=2, jobs=3)


def bare_story(d: DossierData) -> list[object]:
    """The same content with minimal platypus: headings, ruled tables of strings, paragraphs for long text.

    Every table has the fixed column widths of ours (auto widths make reportlab measure every cell, which
    would slow the baseline down and flatter our layout).
    """
    st = styles()
    style = [("FONT", (0, 0), (-1, -1), FONT, 8.5), ("GRID", (0, 0), (-1, -1), 0.5, "grey")]
    hh = d.household

    def table(rows: list[list[object]], widths: list[int]) -> Table | Paragraph:
        if not rows:
            return Paragraph("（无记录）", st.cell)
        return Table(rows, colWidths=[w * mm for w in widths], style=style)

    def p(text: str) -> Paragraph:
        return Paragraph(text, st.cell)

    kv = [26, 64, 26, 64]
    story: list[object] = [
        Paragraph(f"一人一档 {d.name}", st.title),
        table([["姓名", d.name, "身份证号", d.id_number], ["户编号", hh.household_no, "所在村", hh.village_path]],
              kv),
        PageBreak(),
        Paragraph("家庭", st.heading),
        table([["户主", hh.head_name, "地址", hh.address], ["收款人", hh.payee_name, "账户", hh.payee_account]],
              kv),
        table([[m.name, m.relationship, m.sex, str(m.birth_date), m.id_number, m.education, m.health, m.phone]
               for m in d.members], [20, 20, 11, 21, 38, 24, 22, 24]),
        Paragraph("就读", st.heading),
        table([[e.school_year, e.semester, e.school, e.school_type, e.major, str(e.length_years), str(e.entry_date),
                e.grade, e.student_no, e.registry_status] for e in d.enrollments],
              [17, 15, 30, 14, 18, 10, 17, 12, 31, 16]),
        Paragraph("补助", st.heading),
        table([[s.term, str(s.amount_yuan), s.state, s.payee_name, p(s.village_opinion + s.township_opinion),
                str(s.paid_date)] for s in d.subsidies], [28, 18, 18, 18, 62, 36]),
        Paragraph("走访", st.heading),
    ]  # fmt: skip
    for v in d.visits:
        story.append(
            table(
                [[f"{v.visit_date} {v.visitor} {v.visitor_role} {v.mode} {v.purpose}"]]
                + [[p(t)] for t in (v.notes, v.problems, v.requests, v.follow_up) if t],
                [180],
            )
        )
    story += [
        Paragraph("培训", st.heading),
        table([[t.kind, t.name, t.provider, str(t.start_date), t.certificate_name] for t in d.trainings],
              [20, 36, 36, 36, 52]),
        Paragraph("就业", st.heading),
    ]  # fmt: skip
    for j in d.employment:
        story.append(
            table(
                [
                    [str(j.effective_date), j.destination, j.employer, j.industry, j.job],
                    [j.place, j.channel, str(j.monthly_income_yuan), j.source, j.verified_by],
                    [p(j.change_reason), "", "", "", ""],
                ],
                [22, 38, 20, 30, 70],
            )
        )
    story += [
        Paragraph("附件", st.heading),
        table([[a.kind, a.filename, str(a.size_bytes), a.sha256[:12]] for a in d.attachments], [30, 90, 22, 38]),
        Paragraph("签字", st.heading),
    ]  # fmt: skip
    return story


def bare_batch(items: list[DossierData], out: io.BytesIO) -> None:
    story: list[object] = []
    for k, d in enumerate(items):
        if k:
            story.append(PageBreak())
        story += bare_story(d)
    SimpleDocTemplate(out).build(story)


def cpu_now() -> float:
    """CPU seconds of this process and of its children that have ended (the worker processes)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), cpu_now()
    fn()
    return time.perf_counter() - w, cpu_now() - c


def worker_cpu(workers: int) -> float:
    """CPU seconds so far of the running worker processes of the render pool (Linux: from /proc)."""
    executor = render_pool.shared(workers)._executor
    if executor is None:
        return 0.0
    total = 0
    for process in list(executor._processes.values()):  # type: ignore[attr-defined]
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / os.sysconf("SC_CLK_TCK")


def timed_with_running_workers(
    fn: Callable[[], object], workers: int, *, reused: bool = False
) -> tuple[float, float]:
    """:func:`timed` of ``fn`` with the render pool's workers running, their CPU counted: started and loaded
    just beforehand (as when the print dialog started them), or with ``reused`` as they are after printing a
    batch (a second batch in the same sitting; ``fn`` is run once beforehand if they are not running)."""
    pool = render_pool.shared(workers)
    if not reused:
        pool.close()
        with tempfile.TemporaryDirectory() as tmp:
            samples = [sample_dossier(i) for i in range(4)]
            write_batch_pdf(samples, Path(tmp) / "warm.pdf", workers=workers, chunk_size=2)  # both loaded
    elif not pool.running:
        fn()
    before = worker_cpu(workers)
    wall, cpu = timed(fn)
    return wall, cpu + worker_cpu(workers) - before


def render_apart(items: list[DossierData]) -> float:
    """Lay ``items`` out in one document in this (worker) process, nothing else; its CPU seconds. Done by 1
    worker for all items and by 2 for half each, it is the speed-up of a perfect split of our rendering: no
    join, no progress, nothing sent back."""
    started = time.process_time()
    build_pdf(
        io.BytesIO(), [dossier_section(d) for d in items], generated_at=items[0].generated_at, title="x"
    )
    return time.process_time() - started


def spin(n: int) -> int:
    """Pure-Python work for the ceiling (runs in a worker process)."""
    s = 0
    for i in range(n):
        s += i * i % 7
    return s


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="A/B pairs, the order alternating")
    parser.add_argument("--spin", type=int, default=20_000_000, help="loop steps of the machine's ceiling")
    args = parser.parse_args()
    n = args.count
    register_fonts()
    items = [realistic(i) for i in range(n)]
    render_dossier(items[0])  # warm up: font, styles
    bare_batch(items[:1], io.BytesIO())

    singles = []
    for i in range(20):
        w, _ = timed(lambda i=i: render_dossier(items[i % n]))
        singles.append(w)
    size_kb = len(render_dossier(items[1])) / 1024

    print(f"CPU: {cpu_model()} · {os.cpu_count()} cores · Python {platform.python_version()} · load {load()}")
    pool = render_pool.shared(args.workers)
    spin_pool = ProcessPoolExecutor(args.workers, mp_context=multiprocessing.get_context("spawn"))
    list(spin_pool.map(spin, [10] * args.workers))
    list(spin_pool.map(render_apart, [items[:1]] * args.workers, chunksize=1))  # imports, fonts
    halves = [items[k :: args.workers] for k in range(args.workers)]
    spin_n = args.spin

    def timed_apart(parts: list[list[DossierData]]) -> tuple[float, float]:
        started = time.perf_counter()
        cpu = sum(spin_pool.map(render_apart, parts, chunksize=1))
        return time.perf_counter() - started, cpu

    def cold() -> tuple[float, float]:
        pool.close()  # before the clock starts: the workers of an earlier run end (their CPU counted there)

        def run() -> None:
            write_batch_pdf(items, target, workers=args.workers)  # the workers start inside the run
            pool.close()  # and their CPU is counted when they end

        return timed(run)

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "batch.pdf"
        runs: dict[str, list[tuple[float, float]]] = {
            "ours": [], "bare": [], "cold": [], "warm": [], "reused": [],
            "apart1": [], "apart2": [], "spin1": [], "spin2": [],
        }  # fmt: skip
        jobs: dict[str, Callable[[], tuple[float, float]]] = {
            "ours": lambda: timed(lambda: write_batch_pdf(items, target)),
            "bare": lambda: timed(lambda: bare_batch(items, io.BytesIO())),
            "cold": cold,
            "warm": lambda: timed_with_running_workers(
                lambda: write_batch_pdf(items, target, workers=args.workers), args.workers
            ),
            "reused": lambda: timed_with_running_workers(
                lambda: write_batch_pdf(items, target, workers=args.workers), args.workers, reused=True
            ),
            "apart1": lambda: timed_apart([items]),
            "apart2": lambda: timed_apart(halves),
            "spin1": lambda: timed(lambda: list(spin_pool.map(spin, [spin_n]))),
            "spin2": lambda: timed(
                lambda: list(spin_pool.map(spin, [spin_n // args.workers] * args.workers, chunksize=1))
            ),
        }
        names = list(jobs)
        for r in range(args.rounds):
            order = names if r % 2 == 0 else names[::-1]
            for name in order:
                runs[name].append(jobs[name]())
            print(
                f"round {r + 1} ({' → '.join(order)}): "
                + " · ".join(f"{k} {runs[k][-1][0]:.2f} s wall {runs[k][-1][1]:.2f} s CPU" for k in order)
                + f" · load {load()}",
                flush=True,
            )
        pool.close()
        spin_pool.shutdown()
        write_batch_pdf(items, target)
        batch_kb = target.stat().st_size / 1024

    def med(name: str, k: int) -> float:
        return statistics.median(x[k] for x in runs[name])

    ratios_cpu = [o[1] / b[1] for o, b in zip(runs["ours"], runs["bare"], strict=True)]
    ratios_wall = [o[0] / b[0] for o, b in zip(runs["ours"], runs["bare"], strict=True)]

    def speedups(one: str, many: str) -> list[float]:
        return [o[0] / p[0] for o, p in zip(runs[one], runs[many], strict=True)]

    def per_round(values: list[float]) -> str:
        return " ".join(f"{x:.2f}" for x in values)

    cold_up, warm_up, ceiling = speedups("ours", "cold"), speedups("ours", "warm"), speedups("spin1", "spin2")
    reused_up, apart = speedups("ours", "reused"), speedups("apart1", "apart2")
    of_apart = [w / c for w, c in zip(warm_up, apart, strict=True)]

    print(f"{'measure (median of ' + str(args.rounds) + ' rounds)':<52}{'value':>14}  target")
    rows = [
        (f"ours, batch of {n}, one PDF, 1 process (wall)", f"{n / med('ours', 0):.1f}/s", ""),
        (f"ours, batch of {n}, one PDF, 1 process (CPU)", f"{n / med('ours', 1):.1f}/CPU-s", ""),
        (f"bare reportlab, {n}, 1 process (wall)", f"{n / med('bare', 0):.1f}/s", ""),
        (f"bare reportlab, {n}, 1 process (CPU)", f"{n / med('bare', 1):.1f}/CPU-s", ""),
        ("ours ÷ bare reportlab (CPU), per round", " ".join(f"{x:.2f}" for x in ratios_cpu), ""),
        ("ours ÷ bare reportlab (CPU), median", f"{statistics.median(ratios_cpu):.2f}x", "≤ 1.3x"),
        ("ours ÷ bare reportlab (wall), median", f"{statistics.median(ratios_wall):.2f}x", ""),
        (f"ours, {args.workers} processes started before (wall)", f"{n / med('warm', 0):.1f}/s", "≥ 40/s"),
        (f"ours, {args.workers} processes started before (CPU, all)", f"{n / med('warm', 1):.1f}/CPU-s", ""),
        (f"{args.workers} processes started for the batch ÷ 1, per round", per_round(cold_up), ""),
        (f"{args.workers} processes started for the batch ÷ 1, median", f"{statistics.median(cold_up):.2f}x", ""),
        (f"{args.workers} processes started before ÷ 1, per round", per_round(warm_up), ""),
        (f"{args.workers} processes started before ÷ 1, median", f"{statistics.median(warm_up):.2f}x", "≥ 1.8x"),
        (f"{args.workers} processes that printed before ÷ 1, per round", per_round(reused_up), ""),
        (f"{args.workers} processes that printed before ÷ 1, median", f"{statistics.median(reused_up):.2f}x",
         "≥ 1.8x"),
        (f"machine ceiling: spin in {args.workers} ÷ 1, per round", per_round(ceiling), ""),
        (f"machine ceiling: spin in {args.workers} ÷ 1, median", f"{statistics.median(ceiling):.2f}x", ""),
        (f"perfect split of the rendering: {args.workers} ÷ 1, per round", per_round(apart), ""),
        (f"perfect split of the rendering: {args.workers} ÷ 1, median", f"{statistics.median(apart):.2f}x", ""),
        ("started before ÷ perfect split, per round", per_round(of_apart), ""),
        ("started before ÷ perfect split, median", f"{statistics.median(of_apart):.2f}", ""),
        (f"1 process CPU ÷ {args.workers} processes started before", f"{med('ours', 1) / med('warm', 1):.2f}", ""),
        (f"1 process CPU ÷ {args.workers} processes that printed before", f"{med('ours', 1) / med('reused', 1):.2f}",
         ""),
        (f"1 process CPU ÷ {args.workers} started processes' CPU", f"{med('ours', 1) / med('cold', 1):.2f}", ""),
        ("single dossier, median of 20 (wall)", f"{statistics.median(singles) * 1000:.0f} ms", "< 150 ms"),
        ("single dossier PDF size", f"{size_kb:.1f} KB", "< 80 KB"),
        ("size per dossier inside the batch PDF", f"{batch_kb / n:.1f} KB", ""),
    ]  # fmt: skip
    for name, value, target_text in rows:
        print(f"{name:<52}{value:>14}  {target_text}")
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
