"""Printing benchmark (issues 4, 20): a batch of dossiers, against bare reportlab laying out the same content.

    python bench/bench_printing.py [--count 500] [--workers 2] [--rounds 3]

Runs ours (1 process), bare reportlab and ours with ``--workers`` processes in rounds whose order alternates,
and prints wall and CPU time (the CPU of worker processes included), the load average, and the ratios per
round and their median. On a shared machine the CPU ratio is the steady figure; the wall speed-up of the
worker processes needs idle cores (see the load average). Targets (issue 20): ours ÷ bare ≤ 1.3x in CPU, two
processes ≥ 1.8x one; a single dossier < 150 ms, a dossier without photos < 80 KB. The baseline tables have
the fixed column widths of ours.
"""

from __future__ import annotations

import argparse
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

from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table

from yulu_desktop.printing.batch import write_batch_pdf
from yulu_desktop.printing.dossier import render_dossier
from yulu_desktop.printing.fonts import FONT, register_fonts
from yulu_desktop.printing.layout import styles
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
    args = parser.parse_args()
    n = args.count
    register_fonts()
    items = [realistic(i) for i in range(n)]
    render_dossier(items[0])  # warm up: font, styles
    bare_batch(items[:1], io.BytesIO())

    singles = []
    for i in range(20):
        w, _ = timed(lambda i=i: render_dossier(items[i]))
        singles.append(w)
    size_kb = len(render_dossier(items[1])) / 1024

    print(f"CPU: {cpu_model()} · {os.cpu_count()} cores · Python {platform.python_version()} · load {load()}")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "batch.pdf"
        runs: dict[str, list[tuple[float, float]]] = {"ours": [], "bare": [], "parallel": []}
        jobs: dict[str, Callable[[], object]] = {
            "ours": lambda: write_batch_pdf(items, target),
            "bare": lambda: bare_batch(items, io.BytesIO()),
            "parallel": lambda: write_batch_pdf(items, target, workers=args.workers),
        }
        for r in range(args.rounds):
            order = ["ours", "bare", "parallel"] if r % 2 == 0 else ["parallel", "bare", "ours"]
            for name in order:
                runs[name].append(timed(jobs[name]))
            print(
                f"round {r + 1} ({' → '.join(order)}): "
                + " · ".join(f"{k} {runs[k][-1][0]:.2f} s wall {runs[k][-1][1]:.2f} s CPU" for k in order)
                + f" · load {load()}"
            )
        write_batch_pdf(items, target)
        batch_kb = target.stat().st_size / 1024

    def med(name: str, k: int) -> float:
        return statistics.median(x[k] for x in runs[name])

    ratios_cpu = [o[1] / b[1] for o, b in zip(runs["ours"], runs["bare"], strict=True)]
    ratios_wall = [o[0] / b[0] for o, b in zip(runs["ours"], runs["bare"], strict=True)]
    speedups = [o[0] / p[0] for o, p in zip(runs["ours"], runs["parallel"], strict=True)]

    print(f"{'measure (median of ' + str(args.rounds) + ' rounds)':<52}{'value':>14}  target")
    rows = [
        (f"ours, batch of {n}, one PDF, 1 process (wall)", f"{n / med('ours', 0):.1f}/s", ""),
        (f"ours, batch of {n}, one PDF, 1 process (CPU)", f"{n / med('ours', 1):.1f}/CPU-s", ""),
        (f"bare reportlab, {n}, 1 process (wall)", f"{n / med('bare', 0):.1f}/s", ""),
        (f"bare reportlab, {n}, 1 process (CPU)", f"{n / med('bare', 1):.1f}/CPU-s", ""),
        ("ours ÷ bare reportlab (CPU), per round", " ".join(f"{x:.2f}" for x in ratios_cpu), ""),
        ("ours ÷ bare reportlab (CPU), median", f"{statistics.median(ratios_cpu):.2f}x", "≤ 1.3x"),
        ("ours ÷ bare reportlab (wall), median", f"{statistics.median(ratios_wall):.2f}x", ""),
        (f"ours, {args.workers} processes (wall)", f"{n / med('parallel', 0):.1f}/s", "≥ 40/s"),
        (f"ours, {args.workers} processes (CPU, all processes)", f"{n / med('parallel', 1):.1f}/CPU-s", ""),
        (f"{args.workers} processes ÷ 1 process (wall speed-up), median", f"{statistics.median(speedups):.2f}x",
         "≥ 1.8x"),
        (f"1 process CPU ÷ {args.workers}-process CPU (work kept)", f"{med('ours', 1) / med('parallel', 1):.2f}",
         ""),
        ("single dossier, median of 20 (wall)", f"{statistics.median(singles) * 1000:.0f} ms", "< 150 ms"),
        ("single dossier PDF size", f"{size_kb:.1f} KB", "< 80 KB"),
        ("size per dossier inside the batch PDF", f"{batch_kb / n:.1f} KB", ""),
    ]  # fmt: skip
    for name, value, target_text in rows:
        print(f"{name:<52}{value:>14}  {target_text}")
    print(f"load after: {load()}")


if __name__ == "__main__":
    main()
