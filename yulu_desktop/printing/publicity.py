"""公示: the list of proposed subsidies pinned up in the village for at least 5 days.

A 公示 never shows ID numbers, phone numbers, bank accounts or health (DOMAIN.md). Two guards: the input type
has no field for them (:class:`~yulu_desktop.printing.model.PublicityRow`), and every printed string is
checked before rendering, so an ID number pasted into a name or school field is refused, not printed.
"""

from __future__ import annotations

import io
import re

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from yulu_desktop.domain import codes
from yulu_desktop.domain.errors import YuluError
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
from yulu_desktop.printing.model import PublicityData
from yulu_desktop.printing.reference import fingerprint

#: The shortest notice period, in days counting the first and the last day.
MIN_NOTICE_DAYS = 5

_SEPARATORS = re.compile(r"[\s\-‐–—()（）]")
_LONG_DIGITS = re.compile(
    r"\d{7,}[\dXx]?"
)  # an ID, a phone or an account: no name, school or grade has 7 digits
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_HEALTH_WORDS = tuple(label for code, label in codes.HEALTH.labels.items() if code != "healthy")


class PublicityRefused(YuluError):
    """The 公示 would show something it must not, or the notice period is too short."""


def check_publicity(data: PublicityData) -> None:
    """Raise :class:`PublicityRefused` unless ``data`` may be posted in public."""
    days = (data.notice_end - data.notice_start).days + 1
    if days < MIN_NOTICE_DAYS:
        raise PublicityRefused(
            f"公示期不少于{MIN_NOTICE_DAYS}天，现为{max(days, 0)}天"
            f"（{fmt_date_cn(data.notice_start)}至{fmt_date_cn(data.notice_end)}）"
        )
    if not data.contact_person.strip() or not data.contact_phone.strip():
        raise PublicityRefused("公示须写明受理异议的联系人和联系电话")
    for label, phone in (("联系电话", data.contact_phone), ("异议受理电话", data.objection_phone)):
        if _MOBILE.fullmatch(_SEPARATORS.sub("", phone)):
            raise PublicityRefused(f"{label}应为办公电话，不能公示个人手机号码")
    texts = [
        ("村名", data.village_path),
        ("公示单位", data.office),
        ("联系人", data.contact_person),
        ("异议受理单位", data.objection_office),
    ]
    for n, row in enumerate(data.rows, start=1):
        texts += [
            (f"第{n}行姓名", row.name),
            (f"第{n}行所在组", row.group),
            (f"第{n}行学校", row.school),
            (f"第{n}行学校类型", row.school_type),
            (f"第{n}行年级", row.grade),
        ]
    for where, text in texts:
        if _LONG_DIGITS.search(_SEPARATORS.sub("", text)):
            raise PublicityRefused(f"{where}含有疑似身份证号、电话或银行账号的数字，公示名单不能出现这些信息")
        for word in _HEALTH_WORDS:
            if word in text:
                raise PublicityRefused(f"{where}含有健康状况“{word}”，公示名单不能出现健康信息")


def publicity_section(data: PublicityData) -> Section:
    check_publicity(data)
    stamp = PageStamp(
        header=f"雨露计划补助公示 · {data.village_path} · {term_label(data.term)}",
        footer=f"生成时间 {fmt_datetime(data.generated_at)}　数据指纹 {fingerprint(data)}",
    )
    return Section(stamp, lambda: publicity_story(data))


def render_publicity(data: PublicityData) -> bytes:
    """The 公示 list as PDF bytes. Raises :class:`PublicityRefused` for data that must not be posted."""
    out = io.BytesIO()
    build_pdf(
        out,
        [publicity_section(data)],
        generated_at=data.generated_at,
        title=f"雨露计划补助公示 {data.village_path} {term_label(data.term)}",
    )
    return out.getvalue()


_WIDTHS = (12 * mm, 24 * mm, 18 * mm, 58 * mm, 22 * mm, 18 * mm, 28 * mm)


def publicity_story(data: PublicityData) -> list[Flowable]:
    st = styles()
    term = term_label(data.term)
    days = (data.notice_end - data.notice_start).days + 1
    total = sum(r.amount_yuan for r in data.rows)
    header = ("序号", "姓名", "所在组", "就读学校", "学校类型", "年级", "补助金额（元）")
    cell = ParagraphStyle("yulu-publicity-cell", parent=st.cell, fontSize=10, leading=13)
    rows: list[list[object]] = [[fit(h, w, cell, size=10) for h, w in zip(header, _WIDTHS, strict=True)]]
    for n, r in enumerate(data.rows, start=1):
        rows.append(
            [
                str(n),
                fit(r.name, _WIDTHS[1], cell, size=10),
                r.group,
                fit(r.school, _WIDTHS[3], cell, size=10),
                codes.SCHOOL_TYPE.label(r.school_type),
                r.grade,
                f"{r.amount_yuan:,}",
            ]
        )
    rows.append(["合计", f"{len(data.rows)} 人", "", "", "", "", f"{total:,}"])
    table = grid_table(rows, _WIDTHS, font_size=10, repeatRows=1)
    table.setStyle(
        [
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
            ("SPAN", (1, -1), (5, -1)),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ]
    )
    objection = f"{esc(data.office)}（联系人：{esc(data.contact_person)}，电话：{esc(data.contact_phone)}）"
    if data.objection_office:
        objection += f"或{esc(data.objection_office)}"
        if data.objection_phone:
            objection += f"（电话：{esc(data.objection_phone)}）"
    intro = (
        f"根据雨露计划补助政策，经学生家庭申请、村委会初审，现将{esc(data.village_path)}{term}"
        f"雨露计划拟补助对象予以公示。公示期为{fmt_date_cn(data.notice_start)}至{fmt_date_cn(data.notice_end)}"
        f"（共{days}天）。公示期间如有异议，请以书面、电话或当面方式向{objection}反映。"
        "反映问题应实事求是，提供具体线索。"
    )
    body = ParagraphStyle("yulu-publicity", parent=st.body, fontSize=11, leading=18, firstLineIndent=22)
    sign = ParagraphStyle("yulu-sign", parent=st.body, fontSize=11, leading=18, alignment=TA_RIGHT)
    return [
        para(f"{data.village_path}", st.subtitle),
        para(f"{term}雨露计划补助拟补助对象公示", st.title),
        Spacer(1, 5 * mm),
        Paragraph(intro, body),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        KeepTogether(
            [
                para(data.office, sign),
                para(fmt_date_cn(data.notice_start), sign),
            ]
        ),
    ]
