"""雨露计划补助申请表: the one-page form a student's family signs and the village, township and county approve.

This is the document that gets approved, so the signed copy prints the ID number and the account in full. A
masked copy (``data.masked``, for checking the data with the family) masks them like every other document:
the ID number, phone and account masked, the birth date as its year and the 学籍号 masked, and says so in
its title.
"""

from __future__ import annotations

import functools
import io

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, Table

from yulu_desktop.domain import codes
from yulu_desktop.domain.masking import (
    mask_account,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_registry_no,
)
from yulu_desktop.printing.layout import (
    SHADE,
    PageStamp,
    Section,
    build_pdf,
    fit,
    fmt_date,
    fmt_date_cn,
    fmt_datetime,
    grid_style,
    para,
    styles,
    term_label,
    yuan_in_words,
)
from yulu_desktop.printing.model import ApplicationFormData
from yulu_desktop.printing.reference import PrintReference, fingerprint

# section | label value | label value | label value
_W = (10 * mm, 22 * mm, 35 * mm, 22 * mm, 35 * mm, 22 * mm, 34 * mm)
_BODY_HEIGHT = 238 * mm  # the frame height of an A4 page (see layout.build_pdf)


def form_reference(data: ApplicationFormData) -> PrintReference:
    return PrintReference("form", data.person_id, data.record_version, fingerprint(data), data.term)


def form_section(data: ApplicationFormData) -> Section:
    ref = form_reference(data)
    stamp = PageStamp(
        header=f"雨露计划补助申请表 · {data.student_name} · {term_label(data.term)}",
        footer=(
            f"生成时间 {fmt_datetime(data.generated_at)}　打印人 {data.printed_by}　"
            f"记录版本 {data.record_version}　数据指纹 {ref.fingerprint}"
        ),
        qr_payload=ref.payload(),
    )
    return Section(stamp, lambda: form_story(data))


def render_application_form(data: ApplicationFormData) -> bytes:
    """The application form as PDF bytes: always exactly one A4 page."""
    out = io.BytesIO()
    build_pdf(
        out,
        [form_section(data)],
        generated_at=data.generated_at,
        title=f"雨露计划补助申请表 {data.student_name} {term_label(data.term)}",
    )
    return out.getvalue()


_FONT_SIZE = 9.5


@functools.cache
def _cell_style() -> ParagraphStyle:
    return ParagraphStyle("yulu-form-cell", parent=styles().cell, fontSize=_FONT_SIZE, leading=12)


def _fit(text: str, width: float) -> Flowable | str:
    return fit(text, width, _cell_style(), size=_FONT_SIZE)


def _vertical(text: str) -> str:
    return "\n".join(text)


def _opinion_box(title: str, signer: str, lead: str = "意见：") -> list[object]:
    """A row: the level's name, then a tall cell with room for the opinion, signature, date and stamp."""
    st = styles()
    inner = Table(
        [
            [para(lead, st.cell)],
            [""],
            [para(f"{signer}（签字）：＿＿＿＿＿＿＿＿　　（盖章）　　　　＿＿＿＿年＿＿月＿＿日", st.cell)],
        ],
        colWidths=[sum(_W[1:]) - 6],
        rowHeights=[6 * mm, 13 * mm, 7 * mm],
    )
    inner.setStyle(
        [
            *grid_style(0).getCommands()[:1],  # our font, so that no Helvetica is referenced
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    return [_vertical(title), inner, "", "", "", "", ""]


def form_story(data: ApplicationFormData) -> list[Flowable]:
    st = styles()
    if data.masked:
        birth, id_number = mask_birth_date(data.birth_date), mask_id_number(data.id_number)
        phone, account = mask_phone(data.phone), mask_account(data.payee_account)
        student_no = mask_registry_no(data.student_no)
    else:
        birth, id_number, phone = fmt_date(data.birth_date), data.id_number, data.phone
        account, student_no = data.payee_account, data.student_no
    sex = codes.SEX.label(data.sex)
    monitoring = codes.MONITORING_TYPE.label(data.monitoring_type) or "—"
    amount = f"人民币 {yuan_in_words(data.amount_yuan)}（¥{data.amount_yuan:,}）"
    span3 = _W[2] + _W[3] + _W[4]
    rows: list[list[object]] = [
        # 学生情况 rows 0-1
        [_vertical("学生情况"), "姓名", _fit(data.student_name, _W[2]), "性别", sex, "出生日期",
         birth],
        ["", "身份证号", id_number, "", "", "联系电话", phone],
        # 家庭情况 rows 2-3
        [_vertical("家庭情况"), "户编号", data.household_no, "", "", "户类型",
         codes.HOUSEHOLD_TYPE.label(data.household_type)],
        ["", "户主姓名", _fit(data.head_name, _W[2]), "与户主关系", codes.RELATIONSHIP.label(data.relationship),
         "监测对象类型", _fit(monitoring, _W[6])],
        # 就读情况 rows 4-6
        [_vertical("就读情况"), "就读学校", _fit(data.school, span3), "", "", "学校类型",
         codes.SCHOOL_TYPE.label(data.school_type)],
        ["", "所学专业", _fit(data.major, _W[2]), "学制", f"{data.length_years} 年", "入学时间",
         fmt_date(data.entry_date)],
        ["", "年级", data.grade, "学籍号", _fit(student_no, _W[4] + _W[5] + _W[6]), "", ""],
        # 申请补助 rows 7-9
        [_vertical("申请补助"), "申请学期", term_label(data.term), "申请金额", _fit(amount, _W[4] + _W[5] + _W[6]),
         "", ""],
        ["", "收款人", _fit(data.payee_name, _W[2]), "开户银行", _fit(data.payee_bank, _W[4] + _W[5] + _W[6]), "", ""],
        ["", "收款账号", account, "", "", "", ""],
        # 申请人承诺 row 10
        [_vertical("申请承诺"),
         Paragraph(
             "本人承诺：以上所填信息真实、完整，学生为全日制在籍在读，本学期未重复申请。如有虚假，"
             "自愿退回补助资金并承担相应责任。<br/><br/>"
             "申请人（监护人）签字：＿＿＿＿＿＿＿＿　　　　　　　　　　　　　＿＿＿＿年＿＿月＿＿日",
             st.cell),
         "", "", "", "", ""],
        # the school confirms the 学籍 (学校意见, stamp), then the opinions: rows 11-14
        _opinion_box(
            "学校意见",
            "经办人",
            "经核实，该生为我校全日制在籍在读学生，以上就读信息属实。　学校意见：",
        ),
        _opinion_box("村委会意见", "负责人"),
        _opinion_box("乡镇审核意见", "审核人"),
        _opinion_box("县级审定意见", "审定人"),
    ]  # fmt: skip
    table = Table(rows, colWidths=list(_W), rowHeights=[9 * mm] * 10 + [21 * mm] + [27 * mm] * 4)
    table.setStyle(grid_style(0, _FONT_SIZE))
    table.setStyle(
        [
            ("SPAN", (0, 0), (0, 1)),
            ("SPAN", (0, 2), (0, 3)),
            ("SPAN", (0, 4), (0, 6)),
            ("SPAN", (0, 7), (0, 9)),
            ("SPAN", (2, 1), (4, 1)),
            ("SPAN", (2, 2), (4, 2)),
            ("SPAN", (2, 4), (4, 4)),
            ("SPAN", (4, 6), (6, 6)),
            ("SPAN", (4, 7), (6, 7)),
            ("SPAN", (4, 8), (6, 8)),
            ("SPAN", (2, 9), (6, 9)),
            ("SPAN", (1, 10), (6, 10)),
            ("SPAN", (1, 11), (6, 11)),
            ("SPAN", (1, 12), (6, 12)),
            ("SPAN", (1, 13), (6, 13)),
            ("SPAN", (1, 14), (6, 14)),
            ("BACKGROUND", (0, 0), (0, -1), SHADE),
            ("BACKGROUND", (1, 0), (1, 9), SHADE),
            *[("BACKGROUND", (3, r), (3, r), SHADE) for r in (0, 3, 5, 6, 7, 8)],
            ("BACKGROUND", (5, 0), (5, 5), SHADE),
            ("ALIGN", (0, 0), (0, -1), "CENTER"),
            ("LEADING", (0, 0), (0, -1), 11),
            ("FONTSIZE", (2, 9), (2, 9), 12),
            ("VALIGN", (1, 10), (-1, -1), "TOP"),
        ]
    )
    place = f"{data.county}　{data.township}　{data.village}"
    story: list[Flowable] = [
        para("雨露计划补助申请表", st.title),
        Spacer(1, 1 * mm),
        para(
            f"（{term_label(data.term)}）" + ("　核对稿：敏感信息已打码，不作签字用" if data.masked else ""),
            st.subtitle,
        ),
        Spacer(1, 3 * mm),
        Table(
            [[f"所在地：{place}", f"填表日期：{fmt_date_cn(data.generated_at.date())}"]],
            colWidths=[120 * mm, 60 * mm],
            style=[
                *grid_style(0, 9.5).getCommands()[:1],
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ],
        ),
        Spacer(1, 1.5 * mm),
        table,
        Spacer(1, 2 * mm),
        para("注：本表一式三份，村、乡镇、县各存一份；附学籍证明及一卡通（一折通）复印件。", st.cell),
    ]
    # The form must stay one page whatever the data: shrink rather than overflow.
    return [KeepInFrame(180 * mm, _BODY_HEIGHT, story, mode="shrink")]
