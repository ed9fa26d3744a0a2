"""The three lists (三个清单) as landscape A4 tables: header row repeated on every page, totals at the end.

Which columns a list has, and masking them, is the caller's business: rows arrive as display strings.
"""

from __future__ import annotations

import io

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


def register_section(data: RegisterData) -> Section:
    stamp = PageStamp(
        header=f"{data.title} · {data.scope_name}",
        footer=(
            f"生成时间 {fmt_datetime(data.generated_at)}　制表人 {data.printed_by}　数据指纹 {fingerprint(data)}"
        ),
    )
    return Section(stamp, lambda: register_story(data))


def render_register(data: RegisterData) -> bytes:
    """The list as a landscape PDF."""
    out = io.BytesIO()
    build_pdf(
        out,
        [register_section(data)],
        generated_at=data.generated_at,
        title=f"{data.title} {data.scope_name}",
        pagesize=PAGE,
    )
    return out.getvalue()


def column_widths(data: RegisterData) -> list[float]:
    """Column widths in points, scaled down proportionally if they would not fit across the page."""
    widths = [c.width_mm * mm for c in data.columns]
    total = sum(widths)
    if total > CONTENT_WIDTH:
        widths = [w * CONTENT_WIDTH / total for w in widths]
    return widths


def register_story(data: RegisterData) -> list[Flowable]:
    st = styles()
    widths = column_widths(data)
    n = len(data.columns)
    for i, row in enumerate(data.rows, start=1):
        if len(row) != n:
            raise ValueError(f"row {i} has {len(row)} cells, the list has {n} columns")
    header = [fit(c.header, w, st.cell_small) for c, w in zip(data.columns, widths, strict=True)]
    body = [[fit(text, w, st.cell_small) for text, w in zip(row, widths, strict=True)] for row in data.rows]
    table = grid_table([header, *body], widths, table=LongTable, repeatRows=1)
    return [
        para(data.title, st.title),
        para(f"{data.scope_name}　　制表时间：{fmt_datetime(data.generated_at)}", st.subtitle),
        Spacer(1, 3 * mm),
        table,
        KeepTogether([Spacer(1, 2.5 * mm), para(data.totals, st.body), Spacer(1, 4 * mm), _signatures(data)]),
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


def _signatures(data: RegisterData) -> Table:
    table = Table(
        register_signatures(data),
        colWidths=[CONTENT_WIDTH * f for f in (0.4, 0.3, 0.3)],
        rowHeights=[12 * mm, 12 * mm],
    )
    # Only the font of the grid style: the signature lines are not ruled.
    table.setStyle([*grid_style(0, 10).getCommands()[:1], ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return table
