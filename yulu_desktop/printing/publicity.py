"""公示: the list of proposed subsidies pinned up in the village for at least 5 days.

A 公示 never shows ID numbers, phone numbers, bank accounts or health (DOMAIN.md). Two guards: the input type
has no field for them (:class:`~yulu_desktop.printing.model.PublicityRow`), and every printed string is
checked before rendering, so an ID number pasted into a name or school field is refused, not printed.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Spacer, Table

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
from yulu_desktop.printing.model import PublicityData, PublicityRow
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
    check_public_texts(
        [
            ("村名", data.village_path),
            ("公示单位", data.office),
            ("联系人", data.contact_person),
            ("异议受理单位", data.objection_office),
            *row_texts(data.rows),
        ]
    )


def row_texts(rows: Sequence[PublicityRow]) -> list[tuple[str, str]]:
    """The printed strings of ``rows``, each with where it stands (第n行姓名), for :func:`check_public_texts`."""
    texts: list[tuple[str, str]] = []
    for n, row in enumerate(rows, start=1):
        texts += [
            (f"第{n}行姓名", row.name),
            (f"第{n}行所在组", row.group),
            (f"第{n}行学校", row.school),
            (f"第{n}行学校类型", row.school_type),
            (f"第{n}行年级", row.grade),
        ]
    return texts


def check_public_texts(texts: Iterable[tuple[str, str]]) -> None:
    """Raise :class:`PublicityRefused` if a text (with where it stands) looks like an ID, a phone, an account
    or a health condition: an ID number pasted into a name or school field is refused, not printed."""
    for where, text in texts:
        if _LONG_DIGITS.search(_SEPARATORS.sub("", text)):
            raise PublicityRefused(f"{where}含有疑似身份证号、电话或银行账号的数字，公示名单不能出现这些信息")
        for word in _HEALTH_WORDS:
            if word in text:
                raise PublicityRefused(f"{where}含有健康状况“{word}”，公示名单不能出现健康信息")


def publicity_stamp(village_path: str, term: str, footer: str) -> PageStamp:
    """The header and footer of every page of a 公示."""
    return PageStamp(header=f"雨露计划补助公示 · {village_path} · {term_label(term)}", footer=footer)


def publicity_pdf(section: Section, *, village_path: str, term: str, generated_at: dt.datetime) -> bytes:
    """A 公示 ``section`` as PDF bytes."""
    out = io.BytesIO()
    build_pdf(
        out, [section], generated_at=generated_at, title=f"雨露计划补助公示 {village_path} {term_label(term)}"
    )
    return out.getvalue()


def publicity_section(data: PublicityData) -> Section:
    check_publicity(data)
    footer = f"生成时间 {fmt_datetime(data.generated_at)}　数据指纹 {fingerprint(data)}"
    return Section(publicity_stamp(data.village_path, data.term, footer), lambda: publicity_story(data))


def render_publicity(data: PublicityData) -> bytes:
    """The 公示 list as PDF bytes. Raises :class:`PublicityRefused` for data that must not be posted."""
    return publicity_pdf(
        publicity_section(data),
        village_path=data.village_path,
        term=data.term,
        generated_at=data.generated_at,
    )


_WIDTHS = (12 * mm, 24 * mm, 18 * mm, 58 * mm, 22 * mm, 18 * mm, 28 * mm)


def publicity_table(rows: Sequence[PublicityRow]) -> Table:
    """The table of a 公示: one line per student, the header repeated on every page, the total at the end."""
    cell = ParagraphStyle("yulu-publicity-cell", parent=styles().cell, fontSize=10, leading=13)

    def cut(text: str, column: int) -> Flowable | str:
        return fit(text, _WIDTHS[column], cell, size=10)

    header = ("序号", "姓名", "所在组", "就读学校", "学校类型", "年级", "补助金额（元）")
    table_rows: list[list[object]] = [[cut(h, i) for i, h in enumerate(header)]]
    for n, r in enumerate(rows, start=1):
        table_rows.append(
            [
                str(n),
                cut(r.name, 1),
                cut(r.group, 2),
                cut(r.school, 3),
                codes.SCHOOL_TYPE.label(r.school_type),
                r.grade,
                f"{r.amount_yuan:,}",
            ]
        )
    total = sum(r.amount_yuan for r in rows)
    table_rows.append(["合计", f"{len(rows)} 人", "", "", "", "", f"{total:,}"])
    table = grid_table(table_rows, _WIDTHS, font_size=10, table=LongTable, repeatRows=1)
    table.setStyle(
        [
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("ALIGN", (-1, 1), (-1, -1), "RIGHT"),
            ("SPAN", (1, -1), (5, -1)),
            ("TOPPADDING", (0, 0), (-1, -1), 4),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ]
    )
    return table


def publicity_intro(
    *, village_path: str, term: str, starts_on: dt.date, ends_on: dt.date, object_to: str, place: str = ""
) -> str:
    """The opening paragraph of a 公示 (Paragraph markup): who is proposed, the period, and where to object.

    ``object_to`` is markup already (escaped by the caller); ``place`` is where the list is posted, if known.
    """
    days = (ends_on - starts_on).days + 1
    posted = f"，张贴于{esc(place)}" if place else ""
    return (
        f"根据雨露计划补助政策，经学生家庭申请、村委会初审，现将{esc(village_path)}{term_label(term)}"
        f"雨露计划拟补助对象予以公示{posted}。公示期为{fmt_date_cn(starts_on)}至{fmt_date_cn(ends_on)}"
        f"（共{days}天）。公示期间如有异议，请以书面、电话或当面方式向{object_to}反映。"
        "反映问题应实事求是，提供具体线索。"
    )


def publicity_page(
    *, village_path: str, term: str, intro: str, rows: Sequence[PublicityRow], office: str, signed_on: dt.date
) -> list[Flowable]:
    """A 公示 as flowables: title, the ``intro`` paragraph, the table of ``rows``, and the office's signature."""
    st = styles()
    body = ParagraphStyle("yulu-publicity", parent=st.body, fontSize=11, leading=18, firstLineIndent=22)
    sign = ParagraphStyle("yulu-sign", parent=st.body, fontSize=11, leading=18, alignment=TA_RIGHT)
    return [
        para(village_path, st.subtitle),
        para(f"{term_label(term)}雨露计划补助拟补助对象公示", st.title),
        Spacer(1, 5 * mm),
        Paragraph(intro, body),
        Spacer(1, 4 * mm),
        publicity_table(rows),
        Spacer(1, 8 * mm),
        KeepTogether([para(office, sign), para(fmt_date_cn(signed_on), sign)]),
    ]


def publicity_story(data: PublicityData) -> list[Flowable]:
    objection = f"{esc(data.office)}（联系人：{esc(data.contact_person)}，电话：{esc(data.contact_phone)}）"
    if data.objection_office:
        objection += f"或{esc(data.objection_office)}"
        if data.objection_phone:
            objection += f"（电话：{esc(data.objection_phone)}）"
    intro = publicity_intro(
        village_path=data.village_path,
        term=data.term,
        starts_on=data.notice_start,
        ends_on=data.notice_end,
        object_to=objection,
    )
    return publicity_page(
        village_path=data.village_path,
        term=data.term,
        intro=intro,
        rows=data.rows,
        office=data.office,
        signed_on=data.notice_start,
    )
