"""Schools, enterprises and positions to and from Excel (issue 16): the county keeps its reference data in
spreadsheets, and the same sheet is the import template.

Columns are in Chinese; code columns (层次, 行业, 就业地域, 帮扶协作, 技能等级) accept the label or the code;
majors are written ``、``-separated; pay is in yuan. An import is all or nothing: every problem is reported with
its Excel row and column ("第3行，行业（C列）：…") and nothing is written while any remains. Re-importing updates
the matched rows: schools by name, enterprises by credit code (else name and place), positions by enterprise,
title and posting date. Two rows of the file that are one record, or a row that is another stored record than
the one it matches, are errors. A 统一社会信用代码 cell must hold a valid code (``Row.credit_code``): a company
name typed there is an error of that cell, never looked up as a code. A row that would change a position of a
unit outside this laptop's jurisdiction (the county's, on a township laptop) is refused, as the page and the
county server refuse it (``domain.jurisdiction``). An export is audited ``export``, an import ``import``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, employment
from yulu_desktop.domain.entities import EmploymentAgreement, Enterprise, JobFair, JobPosition, School, new_id
from yulu_desktop.excel.writer import Column
from yulu_desktop.services import acting
from yulu_desktop.services import employment_reference as ref
from yulu_desktop.services.employment_sheets import (
    EnterpriseIndex,
    ImportResult,
    Plan,
    Row,
    Sheet,
    export_sheet,
    inside_jurisdiction,
    join_names,
    lookup,
    name_key,
    run_import,
    same_majors,
)
from yulu_desktop.store.database import Database

__all__ = ["REFERENCE_KINDS", "ImportResult", "export_reference", "import_reference"]

REFERENCE_KINDS: Final = ("school", "enterprise", "position")

#: Entity field → sheet column, where they differ (positions).
_COLUMN_OF: Final[dict[str, str]] = {
    "enterprise_id": "enterprise_name",
    "pay_min_fen": "pay_min",
    "pay_max_fen": "pay_max",
    "agreement_id": "agreement",
    "fair_id": "fair",
}

_SHEETS: Final[dict[str, Sheet]] = {
    "school": Sheet(
        "学校表",
        "学校",
        School,
        "school",
        (
            Column("name", "学校名称", 28, required=True),
            Column("level", "学校层次", 10, kind="code", codes=codes.SCHOOL_LEVEL, required=True),
            Column("place", "所在地", 18),
            Column("majors", "开设专业", 40, aliases=("专业",)),
            Column("contact", "联系人及电话", 24, aliases=("联系人", "联系方式")),
            Column("note", "备注", 24),
        ),
    ),
    "enterprise": Sheet(
        "企业表",
        "企业",
        Enterprise,
        "enterprise",
        (
            Column("name", "企业名称", 30, required=True, aliases=("单位名称", "企业")),
            Column("credit_code", "统一社会信用代码", 22, aliases=("信用代码", "社会信用代码")),
            Column("industry", "行业", 20, kind="code", codes=codes.INDUSTRY, required=True),
            Column("place", "所在地", 18, aliases=("地址", "企业地址")),
            Column(
                "region", "就业地域", 12, kind="code", codes=codes.REGION, required=True, aliases=("地域",)
            ),
            Column("contact_name", "联系人", 10),
            Column("contact_phone", "联系电话", 16),
            Column("pairing", "帮扶协作", 12, kind="code", codes=codes.PAIRING, aliases=("协作类型",)),
            Column("pairing_partner", "协作方", 16),
            Column("note", "备注", 24),
        ),
    ),
    "position": Sheet(
        "岗位表",
        "岗位",
        JobPosition,
        "job_position",
        (
            Column("enterprise_name", "企业名称", 30, required=True, aliases=("招聘单位", "企业")),
            Column("enterprise_code", "统一社会信用代码", 22, aliases=("信用代码", "社会信用代码")),
            Column("title", "岗位名称", 18, required=True, aliases=("岗位",)),
            Column("place", "工作地点", 18),
            Column(
                "region", "就业地域", 12, kind="code", codes=codes.REGION, required=True, aliases=("地域",)
            ),
            Column("pay_min", "月薪下限（元）", 12, kind="money", aliases=("月薪下限",)),
            Column("pay_max", "月薪上限（元）", 12, kind="money", aliases=("月薪上限",)),
            Column("majors", "专业要求", 30, aliases=("专业",)),
            Column("skill_level", "技能等级", 16, kind="code", codes=codes.SKILL_LEVEL),
            Column("openings", "招聘人数", 10, kind="int"),
            Column("posted_on", "发布日期", 12, kind="date", required=True),
            Column("deadline", "截止日期", 12, kind="date"),
            Column("agreement", "合作协议", 26),
            Column("fair", "招聘会", 26),
            Column("note", "备注", 24),
        ),
        _COLUMN_OF,
    ),
}


def _sheet(kind: str) -> Sheet:
    if kind not in _SHEETS:
        raise ValueError(f"unknown reference kind {kind!r}; one of {REFERENCE_KINDS}")
    return _SHEETS[kind]


# --- export ---------------------------------------------------------------------------------------------------


def _rows(db: Database, kind: str) -> list[dict[str, Any]]:
    if kind == "school":
        return [
            {
                "name": s.name,
                "level": s.level,
                "place": s.place,
                "majors": join_names(s.majors),
                "contact": s.contact,
                "note": s.note,
            }
            for s in ref.schools(db)
        ]
    if kind == "enterprise":
        return [
            {
                "name": e.name,
                "credit_code": e.credit_code,
                "industry": e.industry,
                "place": e.place,
                "region": e.region,
                "contact_name": e.contact_name,
                "contact_phone": e.contact_phone,
                "pairing": e.pairing,
                "pairing_partner": e.pairing_partner,
                "note": e.note,
            }
            for e in ref.enterprises(db)
        ]
    codes_by_id = {e.id: e.credit_code for e in ref.enterprises(db)}
    titles = {a.id: a.title for a in ref.agreements(db)}
    return [
        {
            "enterprise_name": p.enterprise_name,
            "enterprise_code": codes_by_id.get(p.enterprise_id),
            "title": p.title,
            "place": p.place,
            "region": p.region,
            "pay_min": p.pay_min_fen,
            "pay_max": p.pay_max_fen,
            "majors": join_names(p.majors),
            "skill_level": p.skill_level,
            "openings": p.openings,
            "posted_on": p.posted_on,
            "deadline": p.deadline,
            "agreement": titles.get(p.agreement_id or "", ""),
            "fair": p.fair_name if p.fair_id and p.fair_name != ref.GONE_FAIR else "",
            "note": p.note,
        }
        for p in sorted(ref.positions(db), key=lambda p: (p.posted_on, p.enterprise_name, p.title))
    ]


def export_reference(db: Database, kind: str, path: Path, *, actor: str) -> int:
    """Write every school, enterprise or position (``kind``) to ``path``; the number of rows. With none stored
    the file is the empty import template."""
    sheet = _sheet(kind)
    who = acting.current_actor(db, actor)
    return export_sheet(db, sheet, _rows(db, kind), path, who=who)


def rules_entity(kind: str) -> str:
    """The table name of a reference kind (what the audit log names)."""
    return _sheet(kind).table


# --- import ---------------------------------------------------------------------------------------------------


def _schools(session: Session, rows: Iterable[Row], plan: Plan) -> None:
    stored = {name_key(s.name): s for s in session.execute(select(School)).scalars()}
    county_id = ref.home_county_id(session)
    first: dict[str, int] = {}
    for row in rows:
        name = row.text("name")
        level = row.code("level", codes.SCHOOL_LEVEL)
        row.required("name", name)
        row.required("level", level)
        key = name_key(name)
        match = stored.get(key)
        draft = School(
            id=match.id if match else new_id(),
            county_id=match.county_id if match else county_id,
            name=name,
            level=level,
            place=row.text("place"),
            majors=row.majors("majors"),
            contact=row.text("contact"),
            note=row.text("note"),
        )
        row.domain(employment.school_issues(draft))
        if key and key in first:
            row.error("name", f"与第{first[key]}行是同一学校（同名），请合并为一行")
        first.setdefault(key, row.number)
        if not row.issues:
            plan.place(match, same_majors(match, draft))


def _why_same(a: Enterprise, b: Enterprise) -> str:
    return "同一统一社会信用代码" if a.credit_code and a.credit_code == b.credit_code else "同名同地"


def _enterprises(session: Session, rows: Iterable[Row], plan: Plan) -> None:
    stored = list(session.execute(select(Enterprise)).scalars())
    by_code = {e.credit_code: e for e in stored if e.credit_code}
    by_name_place = {employment.enterprise_key(e)[1]: e for e in stored}
    county_id = ref.home_county_id(session)
    in_file: list[tuple[Enterprise, int]] = []
    for row in rows:
        name = row.text("name")
        code = row.credit_code("credit_code")
        industry = row.code("industry", codes.INDUSTRY)
        region = row.code("region", codes.REGION)
        pairing = row.code("pairing", codes.PAIRING, default="local")
        for field, value in (("name", name), ("industry", industry), ("region", region)):
            row.required(field, value)
        draft = Enterprise(
            county_id=county_id,
            name=name,
            credit_code=code,
            industry=industry,
            place=row.text("place"),
            region=region,
            contact_name=row.text("contact_name"),
            contact_phone=row.text("contact_phone"),
            pairing=pairing,
            pairing_partner=row.text("pairing_partner"),
            note=row.text("note"),
        )
        match = by_code.get(code) if code else None
        if match is None:
            match = by_name_place.get(employment.enterprise_key(draft)[1])
            if match is not None and code and match.credit_code and match.credit_code != code:
                match = None  # same name and place, another credit code: reported as a duplicate below
        if match is not None:
            draft = dataclasses.replace(draft, id=match.id, county_id=match.county_id)
        row.domain(i for i in employment.enterprise_issues(draft) if i.is_error)
        other = employment.duplicate_enterprise(draft, stored)
        if other is not None:
            issue = ref.enterprise_duplicate_message(draft, other)
            row.error(issue.field, issue.message)
        earlier = employment.duplicate_enterprise(draft, [e for e, _ in in_file])
        if earlier is not None:
            number = next(n for e, n in in_file if e is earlier)
            field = "credit_code" if _why_same(draft, earlier) == "同一统一社会信用代码" else "name"
            row.error(field, f"与第{number}行是同一企业（{_why_same(draft, earlier)}），请合并为一行")
        in_file.append((draft, row.number))
        if not row.issues:
            plan.place(match, draft)


def _positions(session: Session, rows: Iterable[Row], plan: Plan) -> None:
    enterprises = EnterpriseIndex(session)
    agreements_by_title: dict[str, list[EmploymentAgreement]] = {}
    for a in session.execute(select(EmploymentAgreement)).scalars():
        agreements_by_title.setdefault(name_key(a.title), []).append(a)
    fairs_by_name: dict[str, list[JobFair]] = {}
    for f in session.execute(select(JobFair)).scalars():
        fairs_by_name.setdefault(name_key(f.name), []).append(f)
    stored = {
        (x.enterprise_id, name_key(x.title), x.posted_on): x
        for x in session.execute(select(JobPosition)).scalars()
    }
    unit_id = ref.home_unit(session).id
    reach = ref.jurisdiction(session)
    first: dict[tuple[str, str, date], int] = {}
    for row in rows:
        enterprise_name = row.text("enterprise_name")
        enterprise_code = row.credit_code("enterprise_code")
        title = row.text("title")
        region = row.code("region", codes.REGION)
        posted_on = row.day("posted_on")
        for field, value in (("enterprise_name", enterprise_name), ("title", title), ("region", region)):
            row.required(field, value)
        row.required("posted_on", posted_on)
        enterprise = enterprises.one(
            row, "enterprise_name", enterprise_name, "enterprise_code", enterprise_code
        )
        agreement_id = fair_id = None
        tables: tuple[tuple[str, Mapping[str, list[Any]], str], ...] = (
            ("agreement", agreements_by_title, "合作协议"),
            ("fair", fairs_by_name, "招聘会"),
        )
        for field, table, what in tables:
            text = row.text(field)
            matches = lookup(table, text)
            if text and len(matches) != 1:
                row.error(
                    field,
                    f"没有名为“{text}”的{what}" if not matches else f"有{len(matches)}个名为“{text}”的{what}",
                )
            elif matches:
                if field == "agreement":
                    agreement_id = matches[0].id
                else:
                    fair_id = matches[0].id
        openings = row.integer("openings")
        draft = JobPosition(
            unit_id=unit_id,
            enterprise_id=enterprise.id if enterprise else "",
            title=title,
            place=row.text("place"),
            region=region,
            pay_min_fen=row.money("pay_min"),
            pay_max_fen=row.money("pay_max"),
            majors=row.majors("majors"),
            skill_level=row.code("skill_level", codes.SKILL_LEVEL, default="none"),
            openings=1 if openings is None else openings,
            posted_on=posted_on or date.min,
            deadline=row.day("deadline"),
            agreement_id=agreement_id,
            fair_id=fair_id,
            note=row.text("note"),
        )
        key = (draft.enterprise_id, name_key(title), draft.posted_on)
        match = stored.get(key) if enterprise is not None and posted_on is not None else None
        if match is not None:
            draft = dataclasses.replace(draft, id=match.id, unit_id=match.unit_id)
        row.domain(
            i
            for i in employment.position_issues(draft)
            if not (i.field == "enterprise_id" and enterprise is None)
        )
        if enterprise is not None and posted_on is not None and title:
            if key in first:
                row.error(
                    "title", f"与第{first[key]}行是同一岗位（同一企业、岗位名称和发布日期），请合并为一行"
                )
            first.setdefault(key, row.number)
        draft = same_majors(match, draft)
        inside_jurisdiction(row, "title", reach, match, draft, "这个岗位")
        if not row.issues:
            plan.place(match, draft)


_READERS: Final[dict[str, Callable[[Session, Iterable[Row], Plan], None]]] = {
    "school": _schools,
    "enterprise": _enterprises,
    "position": _positions,
}


def import_reference(
    db: Database, kind: str, path: Path, *, actor: str, today: date | None = None
) -> ImportResult:
    """Read a sheet of schools, enterprises or positions (``kind``) and add or update them, all or nothing.
    ``ValidationFailed`` lists every problem with its row and column; nothing is written then."""
    sheet = _sheet(kind)
    who = ref.require_role(db, actor, sheet.entity)
    _ = today  # positions close by their deadline; an import does not refuse past ones
    return run_import(db, sheet, Path(path), who, _READERS[kind])
