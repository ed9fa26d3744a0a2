"""雨露计划毕业生就业情况月报: the monthly employment report of a village, township or county, on portrait A4.

The totals and rates, a table per unit, the breakdowns of the employed (industry, region, major match, income,
months in the job), the new hires and job changes of the month (names and villages only: no ID numbers or
phones, PIPL), the fairs of the month, the graduates not placed with the overdue placement actions, and the
signature lines (填报人 / 审核人 / 日期). Rows arrive as display strings; a guard refuses any cell that holds a
long number (an ID number, a phone or an account).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Spacer, Table

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.printing.layout import (
    PAGE_MARGIN,
    SHADE,
    PageStamp,
    Section,
    build_pdf,
    fit,
    fmt_datetime,
    grid_table,
    para,
    styles,
)
from yulu_desktop.printing.register import list_footer

__all__ = [
    "CHANGE_HEADER",
    "FAIR_HEADER",
    "OVERDUE_HEADER",
    "UNIT_HEADER",
    "EmploymentReportPrint",
    "check_report",
    "render_employment_report",
    "report_title",
]

CONTENT_WIDTH = A4[0] - 2 * PAGE_MARGIN

#: Columns of the table per unit (the first header is the unit level: 乡镇 or 村), widths in mm.
UNIT_HEADER: tuple[tuple[str, float], ...] = (
    ("单位", 34),
    ("毕业生", 18),
    ("就业", 18),
    ("去向落实", 20),
    ("未落实", 18),
    ("就业率", 20),
    ("去向落实率", 22),
)
CHANGE_HEADER: tuple[tuple[str, float], ...] = (
    ("序号", 10),
    ("姓名", 16),
    ("村", 20),
    ("类别", 14),
    ("日期", 20),
    ("去向", 18),
    ("单位/岗位", 44),
    ("地域", 18),
    ("月收入（元）", 20),
)
FAIR_HEADER: tuple[tuple[str, float], ...] = (
    ("招聘会", 70),
    ("日期", 24),
    ("邀请", 16),
    ("到场", 16),
    ("推荐", 16),
    ("录用", 16),
)
OVERDUE_HEADER: tuple[tuple[str, float], ...] = (
    ("序号", 10),
    ("姓名", 18),
    ("村", 22),
    ("未就业原因", 24),
    ("下一步措施", 62),
    ("完成期限", 22),
)

# A full ID number, phone or account: 11 or more digits in a row (a masked one has asterisks in the middle).
_LONG_NUMBER = re.compile(r"\d{11,}")


@dataclass(frozen=True, slots=True)
class EmploymentReportPrint:
    """What the 月报 prints; every cell a display string."""

    month: dt.date  # the first day of the month
    scope_name: str
    as_of: dt.date  # the day the figures are counted on (the month's end, or today within the month)
    summary: tuple[tuple[str, str], ...]  # (label, value): 毕业生 9 人, 就业率 44.4%, …
    unit_level: str  # header of the unit column: 乡镇 or 村
    units: tuple[tuple[str, ...], ...]  # UNIT_HEADER columns, the 合计 line last
    breakdowns: tuple[
        tuple[str, tuple[tuple[str, str, str], ...]], ...
    ]  # (title, ((label, count, share), …))
    changes: tuple[tuple[str, ...], ...]  # CHANGE_HEADER columns
    fairs: tuple[tuple[str, ...], ...]  # FAIR_HEADER columns
    unemployed: str  # the sentence on graduates not placed
    overdue: tuple[tuple[str, ...], ...]  # OVERDUE_HEADER columns
    generated_at: dt.datetime
    printed_by: str


def report_title(month: dt.date) -> str:
    return f"雨露计划毕业生就业情况月报（{month.year}年{month.month}月）"


def check_report(data: EmploymentReportPrint) -> None:
    """Refuse a report that would print an ID number, a phone or an account."""
    parts: Sequence[tuple[str, Sequence[Sequence[str]]]] = (
        ("各单位", data.units),
        ("就业变动", data.changes),
        ("招聘会", data.fairs),
        ("逾期措施", data.overdue),
    )
    for part, rows in parts:
        for n, row in enumerate(rows, start=1):
            for cell in row:
                if _LONG_NUMBER.search(cell.replace(" ", "")):
                    raise YuluError(f"月报“{part}”第{n}行含有身份证号、电话或账号，不能打印")


def _widths(header: Sequence[tuple[str, float]], width: float = CONTENT_WIDTH) -> list[float]:
    widths = [w * mm for _, w in header]
    total = sum(widths)
    return [w * width / total for w in widths] if total > width else widths


def _table(
    header: Sequence[tuple[str, float]],
    rows: Sequence[Sequence[str]],
    *,
    right: Sequence[int] = (),
    total_last: bool = False,
    width: float = CONTENT_WIDTH,
    long: bool = True,
) -> Table:
    st = styles()
    widths = _widths(header, width)
    for i, row in enumerate(rows, start=1):
        if len(row) != len(widths):
            raise ValueError(f"row {i} has {len(row)} cells, the table has {len(widths)} columns")
    head = [fit(h, w, st.cell_small) for (h, _), w in zip(header, widths, strict=True)]
    body = [[fit(cell, w, st.cell_small) for cell, w in zip(row, widths, strict=True)] for row in rows]
    table = grid_table([head, *body], widths, table=LongTable if long else Table, repeatRows=1)
    commands: list[tuple[object, ...]] = [("ALIGN", (col, 1), (col, -1), "RIGHT") for col in right]
    if total_last and rows:
        commands.append(("BACKGROUND", (0, len(rows)), (-1, len(rows)), SHADE))
    if commands:
        table.setStyle(commands)
    return table


def _summary(data: EmploymentReportPrint) -> Table:
    """The totals as label/value pairs, three pairs a line."""
    cells = [f"{label}：{value}" for label, value in data.summary]
    while len(cells) % 3:
        cells.append("")
    rows = [cells[i : i + 3] for i in range(0, len(cells), 3)]
    table = grid_table(rows, [CONTENT_WIDTH / 3] * 3, header_rows=0, font_size=10)
    return table


def _breakdowns(data: EmploymentReportPrint) -> list[Flowable]:
    """The breakdowns as small tables, two side by side."""
    half = (CONTENT_WIDTH - 6 * mm) / 2
    # A cell holds a list of flowables (a KeepTogether would not measure inside a cell).
    tables: list[list[Flowable]] = [
        [_table(((title, 50), ("人数", 16), ("占比", 18)), rows, right=(1, 2), width=half, long=False)]
        for title, rows in data.breakdowns
    ]
    if len(tables) % 2:
        tables.append([Spacer(1, 1)])
    pairs = [[tables[i], "", tables[i + 1]] for i in range(0, len(tables), 2)]
    outer = Table(pairs, colWidths=[half, 6 * mm, half])
    outer.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ]
    )
    return [outer]


def _signatures(data: EmploymentReportPrint) -> Table:
    """填报人 / 审核人 / 日期 with room to sign; the cells wrap, so a long name cannot run into the next one."""
    st = ParagraphStyle("yulu-employment-sign", parent=styles().body, fontSize=10, leading=14)
    blank, when = "＿" * 5, "＿＿＿＿年＿＿月＿＿日"
    rows = [
        [para(f"填报人：{data.printed_by}", st), para("审核人：", st), para(f"日期：{when}", st)],
        [para(f"签字：{blank}", st), para(f"签字：{blank}", st), ""],
    ]
    table = Table(rows, colWidths=[CONTENT_WIDTH * f for f in (0.4, 0.3, 0.3)], rowHeights=[10 * mm, 12 * mm])
    table.setStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    return table


def report_story(data: EmploymentReportPrint) -> list[Flowable]:
    st = styles()
    heading = ParagraphStyle("yulu-employment-heading", parent=st.heading, keepWithNext=0)
    story: list[Flowable] = [
        para(report_title(data.month), st.title),
        para(
            f"{data.scope_name}　　统计截至：{data.as_of.isoformat()}　　制表时间：{fmt_datetime(data.generated_at)}",
            st.subtitle,
        ),
        Spacer(1, 3 * mm),
        para("一、总体情况", st.heading),
        _summary(data),
        para(f"二、各{data.unit_level}就业情况", st.heading),
    ]
    header = ((data.unit_level, UNIT_HEADER[0][1]), *UNIT_HEADER[1:])
    if data.units:
        story.append(_table(header, data.units, right=range(1, len(UNIT_HEADER)), total_last=True))
    else:
        story.append(para("本范围内尚无毕业生。", st.body))
    story += [para("三、就业人员构成", st.heading), *_breakdowns(data)]
    story.append(para(f"四、本月新就业和工作变动（{len(data.changes)} 人次）", heading))
    if data.changes:
        story.append(_table(CHANGE_HEADER, data.changes, right=(8,)))
    else:
        story.append(para("本月无新就业或工作变动。", st.body))
    story.append(para(f"五、本月招聘会（{len(data.fairs)} 场）", heading))
    if data.fairs:
        story.append(_table(FAIR_HEADER, data.fairs, right=(2, 3, 4, 5)))
    else:
        story.append(para("本月未举办招聘会。", st.body))
    story += [para("六、未落实去向毕业生", st.heading), para(data.unemployed, st.body)]
    if data.overdue:
        story += [Spacer(1, 2 * mm), _table(OVERDUE_HEADER, data.overdue)]
    story.append(KeepTogether([Spacer(1, 6 * mm), _signatures(data)]))
    return story


def report_section(data: EmploymentReportPrint) -> Section:
    check_report(data)
    stamp = PageStamp(
        header=f"{report_title(data.month)} · {data.scope_name}",
        footer=list_footer(data.generated_at, data.printed_by, data),
    )
    return Section(stamp, lambda: report_story(data))


def render_employment_report(data: EmploymentReportPrint) -> bytes:
    """The 月报 as a portrait A4 PDF; ``YuluError`` if a cell holds an ID number, a phone or an account."""
    out = io.BytesIO()
    build_pdf(
        out,
        [report_section(data)],
        generated_at=data.generated_at,
        title=f"{report_title(data.month)} {data.scope_name}",
        pagesize=A4,
    )
    return out.getvalue()
