"""一人一档: one person's complete file, to be signed and filed.

ID numbers, phones and accounts are masked here (the dossier goes into a cabinet, not into an approval), and
so that no mask can be undone, birth dates are printed as their year and 学籍号 masked (a masked ID number
hides exactly the 8 birth-date digits). 健康状况 and 残疾情况 are printed only when ``data.health_shown``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, PageBreak, Paragraph, Spacer, Table

from yulu_desktop.domain import codes
from yulu_desktop.domain.masking import (
    mask_account,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_registry_no,
)
from yulu_desktop.printing.layout import (
    GRID,
    SHADE,
    KeepBlock,
    PageStamp,
    Section,
    build_pdf,
    fit,
    fmt_date,
    fmt_datetime,
    fmt_yuan,
    grid_style,
    grid_table,
    para,
    styles,
    term_label,
)
from yulu_desktop.printing.model import DossierData
from yulu_desktop.printing.reference import PrintReference, fingerprint

CONTENT_WIDTH = 180 * mm  # A4 minus the margins


def dossier_reference(data: DossierData) -> PrintReference:
    """The reference printed in the QR code of every page of the dossier."""
    return PrintReference("dossier", data.person_id, data.record_version, fingerprint(data))


def dossier_section(data: DossierData) -> Section:
    """The dossier as a section, for :func:`render_dossier` and for batches."""
    ref = dossier_reference(data)
    stamp = PageStamp(
        header=f"一人一档 · {data.name} · 人员编号 {data.person_no}",
        footer=(
            f"生成时间 {fmt_datetime(data.generated_at)}　打印人 {data.printed_by}　"
            f"记录版本 {data.record_version}　数据指纹 {ref.fingerprint}"
        ),
        qr_payload=ref.payload(),
    )
    return Section(stamp, lambda: dossier_story(data))


def render_dossier(data: DossierData) -> bytes:
    """The dossier of one person as PDF bytes."""
    out = io.BytesIO()
    build_pdf(out, [dossier_section(data)], generated_at=data.generated_at, title=f"一人一档 {data.name}")
    return out.getvalue()


# --- the story ----------------------------------------------------------------------------------------------


def _kv_table(pairs: Sequence[tuple[str, str]], widths: Sequence[float]) -> Table:
    """Label/value pairs, two pairs per row: | label | value | label | value |."""
    styles()
    rows: list[list[object]] = []
    for i in range(0, len(pairs), 2):
        row: list[object] = []
        for k, (label, value) in enumerate(pairs[i : i + 2]):
            row += [label, fit(value, widths[2 * k + 1])]
        while len(row) < 4:
            row.append("")
        rows.append(row)
    table = grid_table(rows, widths, header_rows=0)
    table.setStyle([("BACKGROUND", (0, 0), (0, -1), SHADE), ("BACKGROUND", (2, 0), (2, -1), SHADE)])
    return table


_KV_WIDTHS = (26 * mm, 64 * mm, 26 * mm, 64 * mm)


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]) -> Table:
    """A ruled table; cells wrap only where the text does not fit."""
    small = styles().cell_small
    body = [[fit(text, w, small) for text, w in zip(r, widths, strict=True)] for r in rows]
    head = [fit(text, w, small) for text, w in zip(header, widths, strict=True)]
    table = grid_table([head, *body], widths, repeatRows=1)
    return table


def mask_student_no(student_no: str) -> str:
    """学籍号 masked (``domain.masking.mask_registry_no``): national 学籍号 are ``G`` + the ID number, local
    ones often hold the birth date, either would undo the ID number's mask."""
    return mask_registry_no(student_no)


#: What the health column shows when the role may not see it.
HEALTH_WITHHELD = "（不显示）"


def _health(data: DossierData, health: str, disability: str) -> str:
    if not data.health_shown:
        return HEALTH_WITHHELD
    label = codes.HEALTH.label(health) if health else ""
    return "；".join(part for part in (label, disability.strip()) if part)


def _heading(text: str) -> Paragraph:
    return para(text, styles().heading)


def _empty(text: str = "（无记录）") -> Paragraph:
    return para(text, styles().cell)


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def _cover(data: DossierData) -> list[Flowable]:
    st = styles()
    hh = data.household
    photo: Flowable
    if data.photo:
        photo = Image(io.BytesIO(data.photo), width=33 * mm, height=44 * mm, kind="proportional")
    else:
        photo = Table([["照片"]], colWidths=[33 * mm], rowHeights=[44 * mm])
        photo.setStyle(
            [
                *grid_style(0).getCommands(),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TEXTCOLOR", (0, 0), (-1, -1), GRID),
            ]
        )
    photo_row = Table([[photo]], colWidths=[CONTENT_WIDTH])
    # our font, so that no Helvetica is referenced
    photo_row.setStyle([*grid_style(0).getCommands()[:1], ("ALIGN", (0, 0), (-1, -1), "CENTER")])
    summary = [
        ("姓名", data.name),
        ("性别", codes.SEX.label(data.sex)),
        ("出生年份", mask_birth_date(data.birth_date)),
        ("身份证号", mask_id_number(data.id_number)),
        ("人员编号", data.person_no),
        ("联系电话", mask_phone(data.phone)),
        ("所在村", hh.village_path),
        ("户编号", hh.household_no),
        ("户类型", codes.HOUSEHOLD_TYPE.label(hh.household_type)),
        ("监测对象类型", codes.MONITORING_TYPE.label(hh.monitoring_type) or "—"),
    ]
    paid = sum(s.amount_yuan for s in data.subsidies if s.state == "paid")
    counts = [
        ("在读学期", f"{len(data.enrollments)} 个"),
        ("补助记录", f"{len(data.subsidies)} 条，已发放 {fmt_yuan(paid)}"),
        ("走访记录", f"{len(data.visits)} 次"),
        ("就业去向变动", f"{len(data.employment)} 次"),
    ]
    return [
        Spacer(1, 14 * mm),
        Paragraph("雨露计划+　一人一档", st.title),
        Spacer(1, 3 * mm),
        para(hh.village_path, st.subtitle),
        Spacer(1, 10 * mm),
        photo_row,
        Spacer(1, 5 * mm),
        para(data.name, st.big_name),
        Spacer(1, 8 * mm),
        _kv_table(summary, _KV_WIDTHS),
        Spacer(1, 5 * mm),
        _kv_table(counts, _KV_WIDTHS),
    ]


def _household(data: DossierData) -> list[Flowable]:
    st = styles()
    hh = data.household
    pairs = [
        ("户编号", hh.household_no),
        ("户主", hh.head_name),
        ("户类型", codes.HOUSEHOLD_TYPE.label(hh.household_type)),
        ("监测对象类型", codes.MONITORING_TYPE.label(hh.monitoring_type) or "—"),
        ("风险/致贫原因", "、".join(codes.RISK_CAUSE.label(c) for c in hh.risk_causes) or "—"),
        ("所在村", hh.village_path),
        ("家庭住址", hh.address),
        ("补助收款人", hh.payee_name),
        ("收款账户", mask_account(hh.payee_account)),
        ("开户银行", hh.payee_bank),
    ]
    rows = [
        (
            m.name,
            codes.RELATIONSHIP.label(m.relationship),
            codes.SEX.label(m.sex),
            mask_birth_date(m.birth_date),
            mask_id_number(m.id_number),
            codes.EDUCATION.label(m.education),
            _health(data, m.health, m.disability),
            mask_phone(m.phone),
        )
        for m in data.members
    ]
    members: Flowable = (
        _grid(
            ("姓名", "与户主关系", "性别", "出生年份", "身份证号", "文化程度", "健康状况", "联系电话"),
            rows,
            [20 * mm, 20 * mm, 11 * mm, 21 * mm, 38 * mm, 24 * mm, 22 * mm, 24 * mm],
        )
        if rows
        else _empty()
    )
    return [
        _heading("一、家庭基本情况"),
        _kv_table(pairs, _KV_WIDTHS),
        Spacer(1, 3 * mm),
        Paragraph("家庭成员", st.body),
        Spacer(1, 1.5 * mm),
        members,
        *_membership_changes(data),
    ]


def _membership_changes(data: DossierData) -> list[Flowable]:
    """本人的人口变动 (births, marriages, 分户, moves, deaths), oldest first; nothing when there is none."""
    if not data.membership_changes:
        return []
    rows = [
        (
            fmt_date(c.happened_on),
            codes.MEMBERSHIP_CHANGE.label(c.kind),
            c.from_place or "—",
            c.to_place or "—",
            c.note,
        )
        for c in data.membership_changes
    ]
    return [
        Spacer(1, 3 * mm),
        Paragraph("本人人口变动", styles().body),
        Spacer(1, 1.5 * mm),
        _grid(
            ("日期", "变动类型", "迁出地/原户", "迁入地/新户", "说明"),
            rows,
            [24 * mm, 22 * mm, 40 * mm, 40 * mm, 54 * mm],
        ),
    ]


def _schooling(data: DossierData) -> list[Flowable]:
    styles()
    ordered = sorted(data.enrollments, key=lambda e: (e.school_year, 0 if e.semester == "autumn" else 1))
    rows = [
        (
            e.school_year,
            codes.SEMESTER.label(e.semester),
            e.school,
            codes.SCHOOL_TYPE.label(e.school_type),
            e.major,
            f"{e.length_years} 年",
            fmt_date(e.entry_date),
            e.grade,
            mask_student_no(e.student_no),
            codes.REGISTRY_STATUS.label(e.registry_status),
        )
        for e in ordered
    ]
    body: Flowable = (
        _grid(
            ("学年", "学期", "学校", "学校类型", "专业", "学制", "入学时间", "年级", "学籍号", "学籍状态"),
            rows,
            [17 * mm, 15 * mm, 30 * mm, 14 * mm, 18 * mm, 10 * mm, 17 * mm, 12 * mm, 31 * mm, 16 * mm],
        )
        if rows
        else _empty()
    )
    return [_heading("二、就读情况（按学期）"), body]


def _subsidies(data: DossierData) -> list[Flowable]:
    st = styles()
    rows = []
    for s in sorted(data.subsidies, key=lambda s: term_order(s.term)):
        opinions = "；".join(
            f"{who}：{text}"
            for who, text in (
                ("村", s.village_opinion),
                ("乡镇", s.township_opinion),
                ("县", s.county_opinion),
            )
            if text
        )
        note = "；".join(
            x
            for x in (
                s.reason,
                f"审定日期 {fmt_date(s.county_approved_date)}" if s.county_approved_date else "",
                f"发放日期 {fmt_date(s.paid_date)}" if s.paid_date else "",
            )
            if x
        )
        rows.append(
            (
                term_label(s.term),
                fmt_yuan(s.amount_yuan),
                codes.SUBSIDY_STATE.label(s.state),
                s.payee_name,
                opinions,
                note,
            )
        )
    total = sum(s.amount_yuan for s in data.subsidies if s.state == "paid")
    body: list[Flowable] = (
        [
            _grid(
                ("学期", "金额", "状态", "收款人", "审核意见", "备注"),
                rows,
                [28 * mm, 18 * mm, 18 * mm, 18 * mm, 62 * mm, 36 * mm],
            ),
            Spacer(1, 1.5 * mm),
            para(f"累计已发放：{fmt_yuan(total)}", st.cell),
        ]
        if rows
        else [_empty()]
    )
    return [_heading("三、补助发放记录"), *body]


def _visits(data: DossierData) -> list[Flowable]:
    styles()
    out: list[Flowable] = [_heading("四、走访记录（按日期）")]
    if not data.visits:
        return [*out, _empty()]
    for n, v in enumerate(sorted(data.visits, key=lambda v: v.visit_date), start=1):
        head = (
            f"{n}. {fmt_date(v.visit_date)}　{v.visitor}（{codes.VISITOR_ROLE.label(v.visitor_role)}）　"
            f"{codes.VISIT_MODE.label(v.mode)}　{codes.VISIT_PURPOSE.label(v.purpose)}"
        )
        follow = v.follow_up + (f"（限 {fmt_date(v.follow_up_due)} 前）" if v.follow_up_due else "")
        rows: list[list[object]] = [[fit(head, 180 * mm), ""]]
        for label, text in (
            ("情况记录", v.notes),
            ("存在问题", v.problems),
            ("诉求", v.requests),
            ("跟进", follow),
        ):
            if text:
                rows.append([label, fit(text, 160 * mm)])
        table = grid_table(rows, [20 * mm, 160 * mm])
        table.setStyle([("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 1), (0, -1), "TOP")])
        out += [KeepBlock([table, Spacer(1, 2 * mm)])]
    return out


def _trainings(data: DossierData) -> list[Flowable]:
    styles()
    rows = [
        (
            codes.TRAINING_KIND.label(t.kind),
            t.name,
            t.provider,
            fmt_date(t.start_date) + (f" 至 {fmt_date(t.end_date)}" if t.end_date else ""),
            t.certificate_name,
            t.certificate_no,
        )
        for t in sorted(data.trainings, key=lambda t: t.start_date or date.min)
    ]
    body: Flowable = (
        _grid(
            ("类别", "名称", "培训机构/发证机关", "时间", "证书", "证书编号"),
            rows,
            [20 * mm, 36 * mm, 36 * mm, 36 * mm, 26 * mm, 26 * mm],
        )
        if rows
        else _empty()
    )
    return [_heading("五、技能培训与证书"), body]


def _employment(data: DossierData) -> list[Flowable]:
    styles()
    out: list[Flowable] = [
        _heading("六、就业去向（每次变动均记录）"),
    ]
    if not data.employment:
        return [*out, _empty()]
    widths = (22 * mm, 38 * mm, 20 * mm, 30 * mm, 18 * mm, 52 * mm)
    for n, e in enumerate(sorted(data.employment, key=lambda e: e.effective_date), start=1):
        rows: list[list[object]] = [
            [f"第 {n} 次记录", "", "", "", "", ""],
            [
                "生效日期",
                fmt_date(e.effective_date),
                "去向",
                codes.DESTINATION.label(e.destination),
                "单位",
                fit(e.employer, widths[5]),
            ],
            [
                "行业",
                fit(e.industry, widths[1]),
                "岗位",
                fit(e.job, widths[3]),
                "地点",
                fit(e.place, widths[5]),
            ],
            [
                "就业渠道",
                codes.JOB_CHANNEL.label(e.channel),
                "月收入",
                fmt_yuan(e.monthly_income_yuan),
                "专业对口",
                _yes_no(e.matches_major),
            ],
            ["信息来源", codes.EMPLOYMENT_SOURCE.label(e.source), "核实人", e.verified_by, "", ""],
            ["变动原因", fit(e.change_reason or "—", 158 * mm), "", "", "", ""],
        ]
        table = grid_table(rows, widths)
        table.setStyle(
            [
                ("SPAN", (0, 0), (-1, 0)),
                ("SPAN", (3, 4), (5, 4)),
                ("SPAN", (1, 5), (5, 5)),
                ("BACKGROUND", (0, 1), (0, -1), SHADE),
                ("BACKGROUND", (2, 1), (2, 4), SHADE),
                ("BACKGROUND", (4, 1), (4, 3), SHADE),
            ]
        )
        out += [KeepBlock([table, Spacer(1, 2 * mm)])]
    return out


def _attachments(data: DossierData) -> list[Flowable]:
    styles()
    rows = [
        (
            codes.ATTACHMENT_KIND.label(a.kind),
            a.filename,
            f"{max(1, round(a.size_bytes / 1024)):,} KB",
            a.sha256[:12],
        )
        for a in data.attachments
    ]
    body: Flowable = (
        _grid(("类型", "文件名", "大小", "SHA-256（前 12 位）"), rows, [30 * mm, 90 * mm, 22 * mm, 38 * mm])
        if rows
        else _empty()
    )
    return [_heading("七、附件清单"), body]


def term_order(term: str) -> tuple[int, int, str]:
    """Sort key of ``"2025-spring"`` / ``"2025-autumn"``: by year, spring before autumn (text order would put
    2025-autumn before 2025-spring); anything unreadable last."""
    year, _, semester = term.partition("-")
    if not year.isdigit() or semester not in ("spring", "autumn"):
        return (9999, 9, term)
    return (int(year), 0 if semester == "spring" else 1, term)


def _signatures() -> list[Flowable]:
    st = styles()
    line = "＿" * 9
    date = "＿＿＿＿年＿＿月＿＿日"
    table = Table(
        [
            ["驻村干部/帮扶联系人（签字）：", line, "日期：", date],
            ["户主（签字）：", line, "日期：", date],
        ],
        colWidths=[50 * mm, 50 * mm, 14 * mm, 66 * mm],
        rowHeights=[14 * mm, 14 * mm],
    )
    table.setStyle([*grid_style(0, 10).getCommands()[:1], ("VALIGN", (0, 0), (-1, -1), "BOTTOM")])
    return [_heading("八、核实签字"), para("以上信息已与本人及家庭核实，内容真实准确。", st.body), table]


def dossier_story(data: DossierData) -> list[Flowable]:
    """The flowables of one dossier, without page decoration.

    The signatures are kept on one page with the records before them (七、附件清单, or the last section with
    records), so a page never holds the signature lines alone: a signed last page shows what it vouches for.
    """
    body = [
        *_household(data),
        *_schooling(data),
        *_subsidies(data),
        *_visits(data),
        *_trainings(data),
        *_employment(data),
    ]
    last = _attachments(data)
    # Empty sections are only a heading and "（无记录）": take the blocks before them too, until the kept block
    # holds records (a table).
    while body and not any(isinstance(f, Table | KeepTogether) for f in last):
        last.insert(0, body.pop())
    return [*_cover(data), PageBreak(), *body, KeepBlock([*last, Spacer(1, 4 * mm), *_signatures()])]


__all__ = [
    "dossier_reference",
    "dossier_section",
    "dossier_story",
    "mask_student_no",
    "render_dossier",
    "term_order",
]
