"""Printing benchmark (issue 4): a batch of 500 dossiers, against bare reportlab laying out the same content.

    python bench/bench_printing.py [--count 500] [--workers N]

Targets: ≥ 40 dossiers/s on the 2-core machine, ≤ 2x the time of bare reportlab, a single dossier < 150 ms,
a dossier without photos < 80 KB. Wall and CPU times are both printed: on a shared machine the CPU time of
the serial runs is the steadier figure.
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
    """The same content with minimal platypus: headings, ruled tables of strings, paragraphs for long text."""
    st = styles()
    style = [("FONT", (0, 0), (-1, -1), FONT, 8.5), ("GRID", (0, 0), (-1, -1), 0.5, "grey")]
    hh = d.household

    def table(rows: list[list[object]]) -> Table:
        return Table(rows, style=style)

    def p(text: str) -> Paragraph:
        return Paragraph(text, st.cell)

    story: list[object] = [
        Paragraph(f"一人一档 {d.name}", st.title),
        table([["姓名", d.name, "身份证号", d.id_number], ["户编号", hh.household_no, "所在村", hh.village_path]]),
        PageBreak(),
        Paragraph("家庭", st.heading),
        table([["户主", hh.head_name, "地址", hh.address], ["收款人", hh.payee_name, "账户", hh.payee_account]]),
        table([[m.name, m.relationship, m.sex, str(m.birth_date), m.id_number, m.education, m.health, m.phone]
               for m in d.members]),
        Paragraph("就读", st.heading),
        table([[e.school_year, e.semester, e.school, e.school_type, e.major, str(e.length_years), str(e.entry_date),
                e.grade, e.student_no, e.registry_status] for e in d.enrollments]),
        Paragraph("补助", st.heading),
        table([[s.term, str(s.amount_yuan), s.state, s.payee_name, p(s.village_opinion + s.township_opinion),
                str(s.paid_date)] for s in d.subsidies]),
        Paragraph("走访", st.heading),
    ]  # fmt: skip
    for v in d.visits:
        story.append(
            Table(
                [[f"{v.visit_date} {v.visitor} {v.visitor_role} {v.mode} {v.purpose}"]]
                + [[p(t)] for t in (v.notes, v.problems, v.requests, v.follow_up) if t],
                colWidths=[180 * mm],
                style=style,
            )
        )
    story += [
        Paragraph("培训", st.heading),
        table([[t.kind, t.name, t.provider, str(t.start_date), t.certificate_name] for t in d.trainings]),
        Paragraph("就业", st.heading),
    ]
    for j in d.employment:
        story.append(
            table(
                [
                    [str(j.effective_date), j.destination, j.employer, j.industry, j.job],
                    [j.place, j.channel, str(j.monthly_income_yuan), j.source, j.verified_by],
                    [p(j.change_reason), "", "", "", ""],
                ]
            )
        )
    story += [
        Paragraph("附件", st.heading),
        table([[a.kind, a.filename, str(a.size_bytes), a.sha256[:12]] for a in d.attachments]),
        Paragraph("签字", st.heading),
    ]
    return story


def bare_batch(items: list[DossierData], out: io.BytesIO) -> None:
    story: list[object] = []
    for k, d in enumerate(items):
        if k:
            story.append(PageBreak())
        story += bare_story(d)
    SimpleDocTemplate(out).build(story)


def timed(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


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
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    n = args.count
    register_fonts()
    items = [realistic(i) for i in range(n)]
    render_dossier(items[0])  # warm up: font, styles

    singles = []
    for i in range(20):
        w, _ = timed(lambda i=i: render_dossier(items[i]))
        singles.append(w)
    size_kb = len(render_dossier(items[1])) / 1024

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "batch.pdf"
        ours_w, ours_c = timed(lambda: write_batch_pdf(items, target))
        batch_kb = target.stat().st_size / 1024
        par_w, _ = timed(lambda: write_batch_pdf(items, target, workers=args.workers))
    bare_w, bare_c = timed(lambda: bare_batch(items, io.BytesIO()))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"CPU: {cpu_model()} · {os.cpu_count()} cores · load {load:.1f} · Python {platform.python_version()}"
    )
    print(f"{'measure':<44}{'value':>12}  target")
    rows = [
        (f"batch of {n}, one PDF, 1 process (wall)", f"{n / ours_w:.1f}/s", ""),
        (f"batch of {n}, one PDF, 1 process (CPU)", f"{n / ours_c:.1f}/s", ""),
        (f"batch of {n}, one PDF, {args.workers} processes (wall)", f"{n / par_w:.1f}/s", "≥ 40/s"),
        (f"bare reportlab, {n}, 1 process (wall)", f"{n / bare_w:.1f}/s", ""),
        ("ours / bare reportlab (wall)", f"{ours_w / bare_w:.2f}x", "≤ 2x"),
        ("ours / bare reportlab (CPU)", f"{ours_c / bare_c:.2f}x", "≤ 2x"),
        ("single dossier, median of 20", f"{statistics.median(singles) * 1000:.0f} ms", "< 150 ms"),
        ("single dossier PDF size", f"{size_kb:.1f} KB", "< 80 KB"),
        ("size per dossier inside the batch PDF", f"{batch_kb / n:.1f} KB", ""),
    ]
    for name, value, target_text in rows:
        print(f"{name:<44}{value:>12}  {target_text}")


if __name__ == "__main__":
    main()
