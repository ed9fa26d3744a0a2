"""The shortcuts that make printing cheaper (issue 20) give exactly what the slow ways gave."""

from __future__ import annotations

import io
import random

import pypdf
import pytest
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table

from yulu_desktop.printing.batch import default_chunk_size, write_batch_pdf
from yulu_desktop.printing.fonts import FONT
from yulu_desktop.printing.layout import (
    KeepBlock,
    PageStamp,
    Section,
    build_pdf,
    esc,
    grid_style,
    grid_table,
    para,
    styles,
    text_width,
)
from yulu_desktop.printing.reference import fingerprint
from yulu_desktop.printing.samples import sample_dossier

NOW = sample_dossier(0).generated_at


def _frags(p: Paragraph) -> list[dict[str, object]]:
    return [dict(f.__dict__) for f in p.frags]


def test_para_is_the_paragraph_the_parser_makes() -> None:
    st = styles()
    rnd = random.Random(7)
    pieces = [
        *"ab 张小雨，。（）\n\t：;'\"/\\%#!",
        "\xa0",
        "\u3000",
        "\r",
        "&",
        "<",
        ">",
        "&amp;",
        "<b>x</b>",
        "  ",
    ]
    texts = ["", " ", "\n", "（无记录）", "a & b", "<script>"]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30))) for _ in range(1500)]
    for text in texts:
        for style in (st.cell, st.cell_small, st.heading, st.body, st.title, st.big_name):
            slow, fast = Paragraph(esc(text), style), para(text, style)
            assert _frags(fast) == _frags(slow), (text, style.name)
            assert fast.text == slow.text and fast.style is slow.style


def test_para_fragment_follows_the_style() -> None:
    """The fragment kept per style carries that style's font size; another style gets its own."""
    st = styles()
    assert para("村", st.cell).frags[0].fontSize == st.cell.fontSize
    assert para("村", st.title).frags[0].fontSize == st.title.fontSize
    small, big = para("同一段", st.cell_small), para("同一段", st.big_name)
    assert small.frags[0] is not big.frags[0] and small.frags[0].fontSize != big.frags[0].fontSize


def test_text_width_is_reportlab_string_width() -> None:
    rnd = random.Random(3)
    for _ in range(300):
        text = "".join(rnd.choice("ab1 张小雨，。\u3000\U0001f600") for _ in range(rnd.randint(0, 40)))
        for size in (7.5, 8.5, 10):
            assert text_width(text, size) == stringWidth(text, FONT, size)


def _render(story: list[object]) -> bytes:
    out = io.BytesIO()
    build_pdf(out, [Section(PageStamp("h", "f"), lambda: list(story))], generated_at=NOW, title="t")
    return out.getvalue()


def test_grid_table_draws_what_a_grid_style_draws() -> None:
    rows = [["姓名", "与户主关系", "备注"]] + [[f"张{i}", "之子", "很长的备注" * (i % 5)] for i in range(80)]
    widths = [30 * mm, 30 * mm, 100 * mm]
    for header_rows, size in ((1, 8.5), (0, 10)):
        slow = Table(rows, colWidths=widths, repeatRows=1)
        slow.setStyle(grid_style(header_rows, size))
        fast = grid_table(rows, widths, header_rows=header_rows, font_size=size, repeatRows=1)
        for a_row, b_row in zip(slow._cellStyles, fast._cellStyles, strict=True):
            for a, b in zip(a_row, b_row, strict=True):
                keys = (
                    *("fontname", "fontsize", "leading", "valign", "alignment", "color"),
                    *("topPadding", "bottomPadding", "leftPadding", "rightPadding"),
                )
                assert [getattr(a, k) for k in keys] == [getattr(b, k) for k in keys]
        # a later style command still changes single cells only
        for t in (slow, fast):
            t.setStyle([("ALIGN", (0, 0), (0, -1), "CENTER"), ("TOPPADDING", (1, 2), (1, 2), 9)])
        assert _render([slow]) == _render([fast])  # 3 pages, the header repeated


def test_keep_block_lays_out_like_keep_together() -> None:
    def story(keep: type) -> list[object]:
        out: list[object] = []
        for i in range(40):
            t = grid_table(
                [["第几次", str(i)]] + [["记录", "内容" * (i % 9 + 1)]] * (i % 7 + 1), [20 * mm, 160 * mm]
            )
            out.append(keep([t, Spacer(1, 2 * mm)]))
        out.append(keep([para("签字", styles().heading), *out[-3:]]))
        return out

    slow, fast = _render(story(KeepTogether)), _render(story(KeepBlock))
    assert len(pypdf.PdfReader(io.BytesIO(fast)).pages) > 3
    assert fast == slow


def test_fingerprint_follows_every_kind_of_change() -> None:
    """The per-class field list is cached; values are not: changing any printed field changes it."""
    import dataclasses

    d = sample_dossier(3)
    base = fingerprint(d)
    assert fingerprint(dataclasses.replace(d, name=d.name + "甲")) != base
    visit = dataclasses.replace(d.visits[0], notes=d.visits[0].notes + "。")
    assert fingerprint(dataclasses.replace(d, visits=(visit, *d.visits[1:]))) != base
    assert fingerprint(dataclasses.replace(d, printed_by="另一人")) == base  # not data


@pytest.mark.slow
def test_two_processes_print_the_same_pages(tmp_path) -> None:  # type: ignore[no-untyped-def]
    items = [sample_dossier(i, visits=4) for i in range(7)]
    one = write_batch_pdf(items, tmp_path / "one.pdf")
    two = write_batch_pdf(items, tmp_path / "two.pdf", workers=2, chunk_size=2)
    pages = [[p.extract_text() for p in pypdf.PdfReader(path).pages] for path in (one, two)]
    assert pages[0] == pages[1]


def test_worker_tasks_are_few_but_enough_to_even_out() -> None:
    assert default_chunk_size(60, 2) == 25  # small batches: at least 25 (a font subset per task)
    assert default_chunk_size(500, 2) == 125  # about two tasks per worker
    assert default_chunk_size(5000, 2) == 250  # capped: the first tasks are joined while the last render
    assert default_chunk_size(10, 0) == 25
