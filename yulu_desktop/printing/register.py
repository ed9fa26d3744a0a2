"""The three lists (三个清单) as landscape A4 tables: header row repeated on every page, totals at the end.

Which columns a list has, and masking them, is the caller's business: rows arrive as display strings.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Spacer, Table

from yulu_desktop.printing.layout import (
    PAGE_MARGIN,
    PageStamp,
    Section,
    build_pdf,
    fit,
    fmt_datetime,
    grid_style,
    grid_table,
    para,
    styles,
)
from yulu_desktop.printing.model import RegisterData
from yulu_desktop.printing.reference import fingerprint

PAGE = landscape(A4)
CONTENT_WIDTH = PAGE[0] - 2 * PAGE_MARGIN


def list_footer(generated_at: dt.datetime, printed_by: str, data: object) -> str:
    """The footer of a landscape list: when, by whom, and the fingerprint of what was printed."""
    return f"生成时间 {fmt_datetime(generated_at)}　制表人 {printed_by}　数据指纹 {fingerprint(data)}"


def landscape_pdf(section: Section, *, generated_at: dt.datetime, title: str) -> bytes:
    """A landscape list ``section`` as PDF bytes."""
    out = io.BytesIO()
    build_pdf(out, [section], generated_at=generated_at, title=title, pagesize=PAGE)
    return out.getvalue()


def register_section(data: RegisterData) -> Section:
    stamp = PageStamp(
        header=f"{data.title} · {data.scope_name}",
        footer=list_footer(data.generated_at, data.printed_by, data),
    )
    return Section(stamp, lambda: register_story(data))


def render_register(data: RegisterData) -> bytes:
    """The list as a landscape PDF."""
    return landscape_pdf(
        register_section(data), generated_at=data.generated_at, title=f"{data.title} {data.scope_name}"
    )


def fit_widths(widths_mm: Iterable[float]) -> list[float]:
    """Column widths in points, scaled down proportionally if they would not fit across the page."""
    widths = [w * mm for w in widths_mm]
    total = sum(widths)
    if total > CONTENT_WIDTH:
        widths = [w * CONTENT_WIDTH / total for w in widths]
    return widths


def column_widths(data: RegisterData) -> list[float]:
    """The widths of ``data``'s columns in points (see :func:`fit_widths`)."""
    return fit_widths(c.width_mm for c in data.columns)


def list_table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A ruled table of display strings in small type, the header row repeated on every page.

    Raises ``ValueError`` if a row has not one cell per column (a bug of the caller, not the user's data).
    """
    st = styles()
    n = len(headers)
    for i, row in enumerate(rows, start=1):
        if len(row) != n:
            raise ValueError(f"row {i} has {len(row)} cells, the list has {n} columns")
    head = [fit(h, w, st.cell_small) for h, w in zip(headers, widths, strict=True)]
    body = [[fit(text, w, st.cell_small) for text, w in zip(row, widths, strict=True)] for row in rows]
    return grid_table([head, *body], widths, table=LongTable, repeatRows=1)


def register_story(data: RegisterData) -> list[Flowable]:
    st = styles()
    table = list_table([c.header for c in data.columns], data.rows, column_widths(data))
    return [
        para(data.title, st.title),
        para(f"{data.scope_name}　　制表时间：{fmt_datetime(data.generated_at)}", st.subtitle),
        Spacer(1, 3 * mm),
        table,
        KeepTogether(
            [
                Spacer(1, 2.5 * mm),
                para(data.totals, st.body),
                Spacer(1, 4 * mm),
                signature_table(register_signatures(data), (0.4, 0.3, 0.3)),
            ]
        ),
    ]


def register_signatures(data: RegisterData) -> list[list[str]]:
    """The lines under a list: who filled it in (named, with a phone), who checked it, the stamp and dates."""
    filled_by = data.filled_by or data.printed_by
    phone = data.filled_by_phone or "＿" * 8
    blank, when = "＿" * 8, "＿＿＿＿年＿＿月＿＿日"
    return [
        [f"填报人：{filled_by}（签字）{blank}", f"联系电话：{phone}", f"填报日期：{when}"],
        [f"审核人（签字）：{blank}", "单位（盖章）：", f"审核日期：{when}"],
    ]


def signature_table(lines: Sequence[Sequence[str]], fractions: Sequence[float]) -> Table:
    """The signature lines under a list, ``fractions`` of the page width per column, room above to sign."""
    table = Table(
        [list(line) for line in lines],
        colWidths=[CONTENT_WIDTH * f for f in fractions],
        rowHeights=[12 * mm] * len(lines),
    )
    # Only the font of the grid style: the signature lines are not ruled.
    table.setStyle([*grid_style(0, 10).getCommands()[:1], ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return table
