"""雨露计划补助发放台账: the ledger of a term for a village, township or county, as a landscape A4 PDF.

Three parts: the summary per village with township subtotals and the total (applications by stage, amounts
approved and paid), the payment lines (one per paid student, with the batch), and the students who qualify but
did not apply. Rows arrive as display strings, already masked by the caller (the ID number as
``500229********0124``); a guard refuses any cell that still holds a full ID number or an account.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.printing.layout import SHADE, PageStamp, Section, fmt_datetime, para, styles, term_label
from yulu_desktop.printing.register import (
    fit_widths,
    landscape_pdf,
    list_footer,
    list_table,
    signature_table,
)

__all__ = ["LINE_HEADER", "NOT_APPLIED_HEADER", "SUMMARY_HEADER", "LedgerPrint", "render_ledger"]

#: Columns of the summary table, with widths in mm (scaled to the page).
SUMMARY_HEADER: tuple[tuple[str, float], ...] = (
    ("乡镇", 26),
    ("村", 26),
    ("申请人数", 16),
    ("审核中", 16),
    ("已退回", 14),
    ("已审定", 14),
    ("发放中", 14),
    ("已发放", 14),
    ("发放失败", 16),
    ("未通过/撤回", 20),
    ("审定金额（元）", 28),
    ("已发放金额（元）", 28),
    ("符合条件未申请", 22),
)
LINE_HEADER: tuple[tuple[str, float], ...] = (
    ("序号", 12),
    ("发放批次", 34),
    ("姓名", 20),
    ("身份证号", 40),
    ("乡镇", 24),
    ("村", 24),
    ("就读学校", 50),
    ("金额（元）", 24),
    ("审定日期", 22),
    ("发放日期", 22),
)
NOT_APPLIED_HEADER: tuple[tuple[str, float], ...] = (
    ("序号", 12),
    ("姓名", 22),
    ("乡镇", 28),
    ("村", 28),
    ("就读学校", 70),
    ("学校类型", 26),
    ("户类型", 26),
)

# A full ID number or a bank account: 15 or more digits in a row (a masked one has asterisks in the middle).
_LONG_NUMBER = re.compile(r"\d{15,}[\dXx]?")


@dataclass(frozen=True, slots=True)
class LedgerPrint:
    """What the 发放台账 prints; every cell a display string (amounts formatted, IDs masked)."""

    scope_name: str  # "城口县" or "城口县 庙坝镇"
    term: str
    summary: tuple[
        tuple[str, ...], ...
    ]  # SUMMARY_HEADER columns; subtotal/total rows say so in the first cell
    lines: tuple[tuple[str, ...], ...]  # LINE_HEADER columns
    not_applied: tuple[tuple[str, ...], ...]  # NOT_APPLIED_HEADER columns
    totals: str  # under the payment lines, e.g. "合计：已发放 3 人，4,500.00 元（批次 …）"
    generated_at: dt.datetime
    printed_by: str


def check_ledger(data: LedgerPrint) -> None:
    """Refuse a ledger that would print a full ID number or account (the caller must mask them)."""
    for part, rows in (("汇总", data.summary), ("发放明细", data.lines), ("未申请名单", data.not_applied)):
        for n, row in enumerate(rows, start=1):
            for cell in row:
                if _LONG_NUMBER.search(cell.replace(" ", "")):
                    raise YuluError(f"台账{part}第{n}行含有完整的身份证号或账号，打印前须打码")


def _table(
    header: tuple[tuple[str, float], ...],
    rows: tuple[tuple[str, ...], ...],
    *,
    shade_totals: bool = False,
    right: tuple[int, ...] = (),
) -> Table:
    table = list_table([h for h, _ in header], rows, fit_widths(w for _, w in header))
    if right:
        # Counts and amounts line up on the right, as on any ledger.
        table.setStyle([("ALIGN", (col, 1), (col, -1), "RIGHT") for col in right])
    if shade_totals:
        # Subtotal and total rows are shaded like the header.
        shaded = [
            ("BACKGROUND", (0, i), (-1, i), SHADE)
            for i, row in enumerate(rows, start=1)
            if row and (row[0].endswith("小计") or row[0] == "合计")
        ]
        if shaded:
            table.setStyle(shaded)
    return table


def ledger_story(data: LedgerPrint) -> list[Flowable]:
    st = styles()
    # Not kept with the table that follows: a long table would otherwise start on a new page, leaving the rest
    # of this one blank (reportlab keeps the heading and the whole table together).
    heading = ParagraphStyle("yulu-ledger-heading", parent=st.heading, keepWithNext=0)
    term = term_label(data.term)
    story: list[Flowable] = [
        para(f"{term}雨露计划补助发放台账", st.title),
        para(f"{data.scope_name}　　制表时间：{fmt_datetime(data.generated_at)}", st.subtitle),
        Spacer(1, 3 * mm),
        para("一、汇总", heading),
        _table(SUMMARY_HEADER, data.summary, shade_totals=True, right=tuple(range(2, len(SUMMARY_HEADER)))),
        para("二、发放明细", heading),
    ]
    if data.lines:
        story.append(_table(LINE_HEADER, data.lines, right=(7,)))
    else:
        story.append(para("本学期尚无已发放的补助。", st.body))
    story += [Spacer(1, 2 * mm), para(data.totals, st.body)]
    story.append(para(f"三、符合条件但未申请的学生（{len(data.not_applied)} 人）", heading))
    if data.not_applied:
        story.append(_table(NOT_APPLIED_HEADER, data.not_applied))
    else:
        story.append(para("无。", st.body))
    story.append(
        KeepTogether([Spacer(1, 3 * mm), signature_table(_signatures(data), (0.34, 0.22, 0.18, 0.26))])
    )
    return story


def _signatures(data: LedgerPrint) -> list[list[str]]:
    blank, when = "＿" * 6, "＿＿＿＿年＿＿月＿＿日"
    return [
        [
            f"制表人：{data.printed_by}（签字）{blank}",
            f"审核人（签字）：{blank}",
            "单位（盖章）：",
            f"日期：{when}",
        ]
    ]


def ledger_section(data: LedgerPrint) -> Section:
    check_ledger(data)
    stamp = PageStamp(
        header=f"雨露计划补助发放台账 · {data.scope_name} · {term_label(data.term)}",
        footer=list_footer(data.generated_at, data.printed_by, data),
    )
    return Section(stamp, lambda: ledger_story(data))


def render_ledger(data: LedgerPrint) -> bytes:
    """The 发放台账 as a landscape PDF; ``YuluError`` if a cell holds a full ID number or account."""
    return landscape_pdf(
        ledger_section(data),
        generated_at=data.generated_at,
        title=f"雨露计划补助发放台账 {data.scope_name} {term_label(data.term)}",
    )
