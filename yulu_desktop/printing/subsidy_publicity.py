"""The 公示 list of one ``subsidy_publicity`` (issue 15): the applications a village put on notice for a term,
with the notice period the village set, where it is posted, and how to object.

Like :mod:`yulu_desktop.printing.publicity` (whose layout this follows), it never shows ID numbers, phone
numbers, bank accounts or health: the row type has no field for them, and every printed string is checked
before rendering, so a number pasted into a name or school field is refused, not printed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer

from yulu_desktop.domain import codes
from yulu_desktop.printing.layout import (
    PageStamp,
    Section,
    build_pdf,
    esc,
    fit,
    fmt_date_cn,
    fmt_datetime,
    grid_table,
    para,
    styles,
    term_label,
)
from yulu_desktop.printing.model import PublicityRow
from yulu_desktop.printing.publicity import PublicityRefused
from yulu_desktop.printing.reference import fingerprint

__all__ = ["SubsidyPublicityPrint", "check_subsidy_publicity", "render_subsidy_publicity"]

_SEPARATORS = re.compile(r"[\s\-‐–—()（）]")
# An ID, a phone or an account: no name, school or grade has 7 digits in a row.
_LONG_DIGITS = re.compile(r"\d{7,}[\dXx]?")
_HEALTH_WORDS = tuple(label for code, label in codes.HEALTH.labels.items() if code != "healthy")


@dataclass(frozen=True, slots=True)
class SubsidyPublicityPrint:
    """One 公示 as printed. ``rows`` are :class:`~yulu_desktop.printing.model.PublicityRow` (no sensitive field)."""

    village_path: str  # "城口县 庙坝镇 红岩村"
    village_name: str
    term: str
    starts_on: dt.date
    ends_on: dt.date
    rows: tuple[PublicityRow, ...]
    generated_at: dt.datetime
    place: str = ""  # where it is posted (村务公开栏)
    office: str = ""  # who publishes; default the village committee
    posted_by: str = ""
    reference: str = ""  # the publicity's id, for the footer

    @property
    def days(self) -> int:
        return (self.ends_on - self.starts_on).days + 1


def check_subsidy_publicity(data: SubsidyPublicityPrint) -> None:
    """Raise :class:`~yulu_desktop.printing.publicity.PublicityRefused` unless ``data`` may be posted."""
    if data.ends_on < data.starts_on:
        raise PublicityRefused("公示结束日期早于开始日期")
    if not data.rows:
        raise PublicityRefused("这次公示没有补助申请，无法打印公示名单")
    texts = [("村名", data.village_path), ("张贴地点", data.place), ("公示单位", data.office)]
    for n, row in enumerate(data.rows, start=1):
        texts += [
            (f"第{n}行姓名", row.name),
            (f"第{n}行所在组", row.group),
            (f"第{n}行学校", row.school),
            (f"第{n}行年级", row.grade),
        ]
    for where, text in texts:
        if _LONG_DIGITS.search(_SEPARATORS.sub("", text)):
            raise PublicityRefused(f"{where}含有疑似身份证号、电话或银行账号的数字，公示名单不能出现这些信息")
        for word in _HEALTH_WORDS:
            if word in text:
                raise PublicityRefused(f"{where}含有健康状况“{word}”，公示名单不能出现健康信息")


_WIDTHS = (12 * mm, 24 * mm, 18 * mm, 58 * mm, 22 * mm, 18 * mm, 28 * mm)


def _office(data: SubsidyPublicityPrint) -> str:
    return data.office or f"{data.village_name}村民委员会"


def subsidy_publicity_story(data: SubsidyPublicityPrint) -> list[Flowable]:
    st = styles()
    term = term_label(data.term)
    header = ("序号", "姓名", "所在组", "就读学校", "学校类型", "年级", "补助金额（元）")
    cell = ParagraphStyle("yulu-subsidy-publicity-cell", parent=st.cell, fontSize=10, leading=13)
    rows: list[list[object]] = [[fit(h, w, cell, size=10) for h, w in zip(header, _WIDTHS, strict=True)]]
    for n, r in enumerate(data.rows, start=1):
        rows.append(
            [
                str(n),
                fit(r.name, _WIDTHS[1], cell, size=10),
                fit(r.group, _WIDTHS[2], cell, size=10),
                fit(r.school, _WIDTHS[3], cell, size=10),
                codes.SCHOOL_TYPE.label(r.school_type) if r.school_type else "",
                r.grade,
                f"{r.amount_yuan:,}",
            ]
        )
    total = sum(r.amount_yuan for r in data.rows)
    rows.append(["合计", f"{len(data.rows)} 人", "", "", "", "", f"{total:,}"])
    table = grid_table(rows, _WIDTHS, font_size=10, table=LongTable, repeatRows=1)
    table.setStyle(
        [
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
            ("SPAN", (1, -1), (5, -1)),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ]
    )
    office = _office(data)
    place = f"，张贴于{esc(data.place)}" if data.place else ""
    intro = (
        f"根据雨露计划补助政策，经学生家庭申请、村委会初审，现将{esc(data.village_path)}{term}"
        f"雨露计划拟补助对象予以公示{place}。公示期为{fmt_date_cn(data.starts_on)}至{fmt_date_cn(data.ends_on)}"
        f"（共{data.days}天）。公示期间如有异议，请以书面、电话或当面方式向{esc(office)}或乡镇人民政府反映。"
        "反映问题应实事求是，提供具体线索。公示期满无异议（或异议经核实不成立）的，报乡镇审核。"
    )
    body = ParagraphStyle(
        "yulu-subsidy-publicity", parent=st.body, fontSize=11, leading=18, firstLineIndent=22
    )
    sign = ParagraphStyle("yulu-subsidy-sign", parent=st.body, fontSize=11, leading=18, alignment=TA_RIGHT)
    return [
        para(data.village_path, st.subtitle),
        para(f"{term}雨露计划补助拟补助对象公示", st.title),
        Spacer(1, 5 * mm),
        Paragraph(intro, body),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        KeepTogether([para(office, sign), para(fmt_date_cn(data.starts_on), sign)]),
    ]


def subsidy_publicity_section(data: SubsidyPublicityPrint) -> Section:
    check_subsidy_publicity(data)
    reference = f"　公示编号 {data.reference[:8]}" if data.reference else ""
    stamp = PageStamp(
        header=f"雨露计划补助公示 · {data.village_path} · {term_label(data.term)}",
        footer=f"生成时间 {fmt_datetime(data.generated_at)}{reference}　数据指纹 {fingerprint(data)}",
    )
    return Section(stamp, lambda: subsidy_publicity_story(data))


def render_subsidy_publicity(data: SubsidyPublicityPrint) -> bytes:
    """The 公示 list as PDF bytes; ``PublicityRefused`` for data that must not be posted."""
    out = io.BytesIO()
    build_pdf(
        out,
        [subsidy_publicity_section(data)],
        generated_at=data.generated_at,
        title=f"雨露计划补助公示 {data.village_path} {term_label(data.term)}",
    )
    return out.getvalue()
