"""Job fairs, agreements and referrals to and from Excel (issue 16): what county and township staff keep in
spreadsheets besides schools, enterprises and positions (``services.employment_excel``), with the same habits
(``services.employment_sheets``): Chinese columns, the export is the import template, an import is all or
nothing with every problem at its Excel row and column, an export is audited ``export`` and an import
``import``.

- **招聘会** (``JobFair``; a township or the county): name, date, place, the schools and enterprises taking part
  (names separated with 、; an enterprise whose name is not unique by its credit code). Matched by name and
  date, and by place when several stored fairs share both. A row that would change a fair of a unit outside this
  laptop's jurisdiction (the county's, on a township laptop) is refused, as the page and the county server
  refuse it (``domain.jurisdiction``).
- **合作协议** (``EmploymentAgreement``; the county): title, kind, school, enterprises, dates, majors, places a year,
  support. Matched by title and signing date, else by its parties (school and enterprises) and signing date, so
  a corrected title or an added enterprise updates the agreement. Titles stay unique: the positions sheet names
  an agreement by its title.
- **推荐** (``JobReferral``; any role, for the people on this laptop): the person by ID number (the name, when
  given, must be theirs), the position by enterprise and title, the fair by name, the date, and the outcome
  (label or code). Matched by person, position and referral date. Outcomes follow the steps of
  ``domain.employment.REFERRAL_STEPS`` from the stored state; a new referral is written at 已推荐 first and then
  moved to its outcome, as the county server expects. A hire (录用) writes its employment entry as
  ``placement.record_outcome`` does (上岗日期 and 月收入 from the sheet). The export masks ID numbers unless the
  role may export them in full and gives a reason; a masked number cannot be imported back.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, employment, rules
from yulu_desktop.domain.access import Actor, Permission
from yulu_desktop.domain.entities import (
    EmploymentAgreement,
    EmploymentRecord,
    Enterprise,
    JobFair,
    JobPosition,
    JobReferral,
    School,
    new_id,
)
from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.excel.writer import Column
from yulu_desktop.services import acting, placement
from yulu_desktop.services import employment_reference as ref
from yulu_desktop.services.employment_sheets import (
    EnterpriseIndex,
    ImportResult,
    Once,
    Plan,
    Row,
    SchoolIndex,
    Sheet,
    export_sheet,
    inside_jurisdiction,
    join_names,
    name_key,
    one_at_place,
    person_of,
    run_import,
    same_majors,
)
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = ["EVENT_KINDS", "ImportResult", "event_table", "export_events", "import_events"]

EVENT_KINDS: Final = ("fair", "agreement", "referral")

_SHEETS: Final[dict[str, Sheet]] = {
    "fair": Sheet(
        "招聘会表",
        "招聘会",
        JobFair,
        "job_fair",
        (
            Column("name", "招聘会名称", 30, required=True, aliases=("招聘会", "名称")),
            Column("held_on", "举办日期", 12, kind="date", required=True, aliases=("日期",)),
            Column("place", "举办地点", 20, aliases=("地点",)),
            Column("schools", "参加学校", 36, aliases=("学校",)),
            Column("enterprises", "参加企业", 40, aliases=("企业",)),
            Column("note", "备注", 24),
        ),
        {"school_ids": "schools", "enterprise_ids": "enterprises"},
    ),
    "agreement": Sheet(
        "合作协议表",
        "合作协议",
        EmploymentAgreement,
        "employment_agreement",
        (
            Column("title", "协议名称", 30, required=True, aliases=("协议",)),
            Column("kind", "协议类型", 14, kind="code", codes=codes.AGREEMENT_KIND, required=True),
            Column("school", "学校", 28, aliases=("合作学校",)),
            Column("enterprises", "合作企业", 40, required=True, aliases=("企业",)),
            Column("signed_on", "签订日期", 12, kind="date", required=True),
            Column("starts_on", "开始日期", 12, kind="date"),
            Column("ends_on", "结束日期", 12, kind="date"),
            Column("majors", "专业", 30, aliases=("合作专业",)),
            Column("places_per_year", "每年名额", 10, kind="int", aliases=("每年岗位数",)),
            Column("support", "支持内容", 30),
            Column("note", "备注", 24),
        ),
        {"school_id": "school", "enterprise_ids": "enterprises"},
    ),
    "referral": Sheet(
        "推荐表",
        "推荐",
        JobReferral,
        "job_referral",
        (
            Column("name", "姓名", 10),
            Column(
                "id_number", "身份证号", 20, kind="id", required=True, aliases=("证件号码", "公民身份号码")
            ),
            Column("enterprise_name", "企业名称", 30, required=True, aliases=("招聘单位", "企业")),
            Column("enterprise_code", "统一社会信用代码", 22, aliases=("信用代码", "社会信用代码")),
            Column("position", "岗位名称", 18, required=True, aliases=("岗位",)),
            Column("fair", "招聘会", 26),
            Column("referred_on", "推荐日期", 12, kind="date", required=True),
            Column("state", "推荐结果", 10, kind="code", codes=codes.REFERRAL_STATE, aliases=("结果",)),
            Column("outcome_on", "结果日期", 12, kind="date"),
            Column("outcome_reason", "原因", 24, aliases=("未录用或放弃原因",)),
            Column("start_on", "上岗日期", 12, kind="date"),
            Column("income", "月收入（元）", 12, kind="money", aliases=("月收入",)),
            Column("referred_by", "推荐人", 10),
            Column("note", "备注", 24),
        ),
        {
            "position_id": "position",
            "fair_id": "fair",
            "effective_date": "start_on",
            "monthly_income_fen": "income",
        },
    ),
}


def _sheet(kind: str) -> Sheet:
    if kind not in _SHEETS:
        raise ValueError(f"unknown kind {kind!r}; one of {EVENT_KINDS}")
    return _SHEETS[kind]


def event_table(kind: str) -> str:
    """The table of a kind (what the audit log names)."""
    return _sheet(kind).table


# --- export ---------------------------------------------------------------------------------------------------


def _fair_rows(session: Session) -> list[dict[str, Any]]:
    schools = {s.id: s.name for s in session.execute(select(School)).scalars()}
    enterprises = EnterpriseIndex(session)
    found = sorted(session.execute(select(JobFair)).scalars(), key=lambda f: (f.held_on, f.name, f.id))
    return [
        {
            "name": f.name,
            "held_on": f.held_on,
            "place": f.place,
            "schools": join_names(schools[s] for s in employment.json_list(f.school_ids) if s in schools),
            "enterprises": enterprises.names_of(employment.json_list(f.enterprise_ids)),
            "note": f.note,
        }
        for f in found
    ]


def _agreement_rows(session: Session) -> list[dict[str, Any]]:
    schools = {s.id: s.name for s in session.execute(select(School)).scalars()}
    enterprises = EnterpriseIndex(session)
    found = sorted(
        session.execute(select(EmploymentAgreement)).scalars(), key=lambda a: (a.signed_on, a.title, a.id)
    )
    return [
        {
            "title": a.title,
            "kind": a.kind,
            "school": schools.get(a.school_id or "", ""),
            "enterprises": enterprises.names_of(employment.json_list(a.enterprise_ids)),
            "signed_on": a.signed_on,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "majors": join_names(employment.json_list(a.majors)),
            "places_per_year": a.places_per_year,
            "support": a.support,
            "note": a.note,
        }
        for a in found
    ]


def _referral_rows(session: Session) -> tuple[list[dict[str, Any]], int]:
    """The referrals whose person, position and enterprise are on this laptop, and how many others there are
    (they could not be imported back)."""
    p = schema.person
    people = {r.id: (r.name, r.id_number) for r in session.execute(select(p.c.id, p.c.name, p.c.id_number))}
    positions = {x.id: x for x in session.execute(select(JobPosition)).scalars()}
    enterprises = {e.id: e for e in session.execute(select(Enterprise)).scalars()}
    fairs = {f.id: f.name for f in session.execute(select(JobFair)).scalars()}
    er = schema.employment_record
    hires = {
        r.id: (r.effective_date, r.monthly_income_fen)
        for r in session.execute(
            select(er.c.id, er.c.effective_date, er.c.monthly_income_fen).where(er.c.referral_id.is_not(None))
        )
    }
    rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    left_out = 0
    for r in session.execute(select(JobReferral)).scalars():
        person = people.get(r.person_id)
        position = positions.get(r.position_id)
        enterprise = enterprises.get(position.enterprise_id) if position is not None else None
        if person is None or not person[1] or position is None or enterprise is None:
            left_out += 1
            continue
        start_on, income = hires.get(r.employment_record_id or "", (None, None))
        rows.append(
            (
                (r.referred_on, person[0], r.id),
                {
                    "name": person[0],
                    "id_number": person[1],
                    "enterprise_name": enterprise.name,
                    "enterprise_code": enterprise.credit_code,
                    "position": position.title,
                    "fair": fairs.get(r.fair_id or "", ""),
                    "referred_on": r.referred_on,
                    "state": r.state,
                    "outcome_on": r.outcome_on,
                    "outcome_reason": r.outcome_reason,
                    "start_on": start_on,
                    "income": income,
                    "referred_by": r.referred_by,
                    "note": r.note,
                },
            )
        )
    return [values for _key, values in sorted(rows, key=lambda item: item[0])], left_out


def export_events(
    db: Database, kind: str, path: Path, *, actor: str, full: bool = False, reason: str = ""
) -> int:
    """Write every job fair, agreement or referral (``kind``) to ``path``; the number of rows. With none stored
    the file is the empty import template. Referrals carry ID numbers: masked (``Permission.EXPORT``) unless
    ``full`` (``Permission.EXPORT_FULL`` and a ``reason``, both written to the audit log) — only a full export
    can be imported back."""
    sheet = _sheet(kind)
    if kind != "referral":
        who = acting.current_actor(db, actor)
        with db.read() as session:
            rows = _fair_rows(session) if kind == "fair" else _agreement_rows(session)
        return export_sheet(db, sheet, rows, path, who=who)
    who, why = acting.permit(db, actor, Permission.EXPORT_FULL if full else Permission.EXPORT, reason)
    with db.read() as session:
        rows, left_out = _referral_rows(session)
    note = f"含完整身份证号（未打码）；理由：{why}" if full else "身份证号已打码"
    if left_out:
        note += f"；另有 {left_out} 条推荐的人员或岗位不在本机，未导出"
    return export_sheet(db, sheet, rows, path, who=who, mask=not full, note=note)


# --- import: fairs --------------------------------------------------------------------------------------------


def _fairs(session: Session, rows: Iterable[Row], plan: Plan) -> None:
    schools = SchoolIndex(session)
    enterprises = EnterpriseIndex(session)
    stored: dict[tuple[str, date], list[JobFair]] = {}
    for f in session.execute(select(JobFair)).scalars():
        stored.setdefault((name_key(f.name), f.held_on), []).append(f)
    unit_id = ref.home_unit(session).id
    reach = ref.jurisdiction(session)
    once = Once()
    for row in rows:
        name = row.text("name")
        held_on = row.day("held_on")
        place = row.text("place")
        row.required("name", name)
        row.required("held_on", held_on)
        school_ids = schools.many(row, "schools")
        enterprise_ids = enterprises.many(row, "enterprises")
        match: JobFair | None = None
        if name and held_on is not None:
            match = one_at_place(
                row,
                stored.get((name_key(name), held_on), []),
                place,
                "已有{0}场同名同日的招聘会，请填写举办地点以区分",
            )
        draft = JobFair(
            id=match.id if match else new_id(),
            unit_id=match.unit_id if match else unit_id,
            name=name,
            held_on=held_on or date.min,
            place=place,
            school_ids=json.dumps(school_ids),
            enterprise_ids=json.dumps(enterprise_ids),
            note=row.text("note"),
        )
        row.domain(employment.fair_issues(draft))
        if name and held_on is not None:
            once.key(
                row,
                "name",
                (name_key(name), held_on, name_key(place)),
                "与第{0}行是同一场招聘会（名称、日期和地点相同），请合并为一行",
            )
        once.match(row, "name", match, "场招聘会")
        draft = same_majors(match, same_majors(match, draft, "school_ids"), "enterprise_ids")
        inside_jurisdiction(row, "name", reach, match, draft, "这场招聘会")
        if not row.issues:
            plan.place(match, draft)


# --- import: agreements ---------------------------------------------------------------------------------------


def _parties(school_id: str | None, enterprise_ids: Iterable[str], signed_on: date) -> tuple[Any, ...]:
    return (school_id or "", frozenset(enterprise_ids), signed_on)


def _agreements(session: Session, rows: Iterable[Row], plan: Plan) -> None:
    schools = SchoolIndex(session)
    enterprises = EnterpriseIndex(session)
    stored = list(session.execute(select(EmploymentAgreement)).scalars())
    by_title = {(name_key(a.title), a.signed_on): a for a in stored}
    by_parties = {
        _parties(a.school_id, employment.json_list(a.enterprise_ids), a.signed_on): a for a in stored
    }
    county_id = ref.home_county_id(session)
    once = Once()
    for row in rows:
        title = row.text("title")
        kind = row.code("kind", codes.AGREEMENT_KIND)
        school_name = row.text("school")
        school = schools.one(row, "school", school_name) if school_name else None
        enterprise_ids = enterprises.many(row, "enterprises")
        signed_on = row.day("signed_on")
        for field, value in (("title", title), ("kind", kind), ("enterprises", enterprise_ids)):
            row.required(field, value or "")
        row.required("signed_on", signed_on)
        match: EmploymentAgreement | None = None
        if signed_on is not None:
            match = by_title.get((name_key(title), signed_on)) if title else None
            if match is None and not row.has_error("school") and not row.has_error("enterprises"):
                match = by_parties.get(_parties(school.id if school else None, enterprise_ids, signed_on))
        draft = EmploymentAgreement(
            id=match.id if match else new_id(),
            county_id=match.county_id if match else county_id,
            kind=kind,
            title=title,
            school_id=school.id if school else None,
            enterprise_ids=json.dumps(enterprise_ids),
            signed_on=signed_on or date.min,
            starts_on=row.day("starts_on"),
            ends_on=row.day("ends_on"),
            majors=row.majors("majors"),
            places_per_year=row.integer("places_per_year"),
            support=row.text("support"),
            note=row.text("note"),
        )
        row.domain(
            i
            for i in employment.agreement_issues(draft)
            if not (i.field == "enterprise_ids" and not enterprise_ids)
        )
        other = next((a for a in stored if a.id != draft.id and name_key(a.title) == name_key(title)), None)
        renamed = match is None or name_key(match.title) != name_key(title)
        if title and other is not None and renamed:
            row.error(
                "title",
                f"已有同名合作协议（签订于{other.signed_on.isoformat()}）；岗位表按协议名称对应协议，请改用不同的名称",
            )
        if title:
            once.key(row, "title", name_key(title), "与第{0}行协议名称相同，请合并为一行或改用不同的名称")
        once.match(row, "title", match, "份合作协议")
        if not row.issues:
            draft = same_majors(match, same_majors(match, draft), "enterprise_ids")
            plan.place(match, draft)


# --- import: referrals ----------------------------------------------------------------------------------------


class _Positions:
    """The stored positions by enterprise and title; several of one title are told apart by the referral date."""

    def __init__(self, session: Session) -> None:
        self.by_key: dict[tuple[str, str], list[JobPosition]] = {}
        for x in session.execute(select(JobPosition)).scalars():
            self.by_key.setdefault((x.enterprise_id, name_key(x.title)), []).append(x)

    def one(self, row: Row, enterprise: Enterprise, title: str, on: date | None) -> JobPosition | None:
        found = self.by_key.get((enterprise.id, name_key(title)), [])
        if len(found) > 1 and on is not None:
            posted = [x for x in found if x.posted_on <= on]
            found = [max(posted, key=lambda x: (x.posted_on, x.id))] if posted else []
        if not found:
            row.error("position", f"企业“{enterprise.name}”没有名为“{title}”的岗位，请先录入或导入岗位")
            return None
        return found[0]


def _fair_of(row: Row, fairs: dict[str, list[JobFair]], on: date | None) -> str | None:
    text = row.text("fair")
    if not text:
        return None
    found = fairs.get(name_key(text), [])
    if len(found) > 1:
        on_the_day = [f for f in found if f.held_on == on]
        if not on_the_day:
            row.error("fair", f"有{len(found)}场名为“{text}”的招聘会，都不在推荐当天举办，无法区分")
            return None
        found = on_the_day
    if not found:
        row.error("fair", f"没有名为“{text}”的招聘会")
        return None
    if len(found) > 1:
        row.error("fair", f"有{len(found)}场名为“{text}”的招聘会在推荐当天举办，无法区分")
        return None
    return found[0].id


@dataclass
class _Referrals:
    """The referral rows' writes beyond the plan: the employment entry of each new hire, by referral id."""

    hires: dict[str, EmploymentRecord] = dataclasses.field(default_factory=dict)


def _check_outcome(row: Row, state: str, outcome_on: date | None, reason: str, today: date) -> None:
    if row.has_error("state"):
        return  # an outcome that could not be read: that issue says it
    if state == "referred":
        if outcome_on is not None:
            row.error("outcome_on", "推荐结果为“已推荐”时不填结果日期")
        if reason:
            row.error("outcome_reason", "推荐结果为“已推荐”时不填原因")
    elif outcome_on is None:
        if not row.has_error("outcome_on"):
            row.error("outcome_on", f"推荐结果为“{codes.REFERRAL_STATE.label(state)}”时须填写结果日期")
    elif outcome_on > today:
        row.error("outcome_on", "结果日期不能晚于今天")


def _referral_reader(
    actor: Actor, today: date, writes: _Referrals
) -> Callable[[Session, Iterable[Row], Plan], None]:
    def read(session: Session, rows: Iterable[Row], plan: Plan) -> None:
        enterprises = EnterpriseIndex(session)
        positions = _Positions(session)
        fairs: dict[str, list[JobFair]] = {}
        for f in session.execute(select(JobFair)).scalars():
            fairs.setdefault(name_key(f.name), []).append(f)
        stored_all = list(session.execute(select(JobReferral)).scalars())
        stored = {(r.person_id, r.position_id, r.referred_on): r for r in stored_all}
        hired = Counter(r.position_id for r in stored_all if r.state == "hired")
        once = Once()
        open_rows: list[tuple[Row, JobReferral, str]] = []  # new referrals left open: checked after every row
        for row in rows:
            person = person_of(session, row, today)
            enterprise_name = row.text("enterprise_name")
            enterprise_code = row.credit_code("enterprise_code")
            title = row.text("position")
            referred_on = row.day("referred_on")
            state = row.code("state", codes.REFERRAL_STATE, default="referred")
            outcome_on = row.day("outcome_on")
            reason = row.text("outcome_reason")
            start_on = row.day("start_on")
            income = row.money("income")
            for field, value in (("enterprise_name", enterprise_name), ("position", title)):
                row.required(field, value)
            row.required("referred_on", referred_on)
            enterprise = enterprises.one(
                row, "enterprise_name", enterprise_name, "enterprise_code", enterprise_code
            )
            position = positions.one(row, enterprise, title, referred_on) if enterprise and title else None
            fair_id = _fair_of(row, fairs, referred_on)
            _check_outcome(row, state, outcome_on, reason, today)
            if state != "hired" and (start_on is not None or income is not None):
                row.error(
                    "start_on" if start_on is not None else "income",
                    "只有推荐结果为“录用”时才填上岗日期和月收入",
                )
            if person is None or position is None or referred_on is None:
                continue
            match = stored.get((person.id, position.id, referred_on))
            draft = JobReferral(
                id=match.id if match else new_id(),
                person_id=person.id,
                position_id=position.id,
                fair_id=fair_id,
                referred_on=referred_on,
                referred_by=row.text("referred_by") or (match.referred_by if match else actor.name),
                state=state,
                outcome_on=outcome_on,
                outcome_reason=reason,
                employment_record_id=match.employment_record_id if match else None,
                note=row.text("note"),
            )
            old_state = match.state if match else "referred"
            problem = employment.referral_step_problem(old_state, state, reason)
            if problem and not row.has_error("state"):
                row.error("state", problem)
            row.domain(
                i
                for i in employment.referral_issues(draft, old_state=old_state, today=today)
                if i.field != "state"
            )
            repeated = once.key(
                row,
                "id_number",
                (person.id, position.id, referred_on),
                "与第{0}行是同一条推荐（同一人、同一岗位、同一推荐日期），请合并为一行",
            )
            if match is None and position.deadline is not None and position.deadline < referred_on:
                row.error(
                    "referred_on",
                    f"岗位“{position.title}”已于{position.deadline.isoformat()}截止，推荐日期不能晚于截止日期",
                )
            new_hire = state == "hired" and old_state != "hired"
            adds_open = match is None and state in placement.OPEN_REFERRAL_STATES
            if (new_hire or adds_open) and ref.is_filled(position.openings, hired[position.id]):
                row.error(
                    "state" if new_hire else "position",
                    f"岗位“{position.title}”已招满（招 {position.openings} 人，已录用 {hired[position.id]} 人）",
                )
            if new_hire:
                hired[position.id] += 1
                if start_on is not None and start_on < referred_on:
                    row.error("start_on", "上岗日期不能早于推荐日期")
                elif not row.issues:
                    try:
                        writes.hires[draft.id] = placement.hire_record(
                            session,
                            draft,
                            effective_date=start_on or outcome_on or referred_on,
                            monthly_income_fen=income,
                            today=today,
                        )
                    except ValidationFailed as exc:
                        row.domain(exc.issues)
                    except YuluError as exc:
                        row.error("position", exc.text())
            elif state == "hired" and match is not None and match.employment_record_id:
                _same_hire(session, row, match.employment_record_id, start_on, income)
            known = not repeated and not row.has_error("state")  # else not known to stay open
            if match is None and state in placement.OPEN_REFERRAL_STATES and known:
                open_rows.append((row, draft, title))
            if not row.issues:
                plan.place(match, draft)
        _no_second_open(open_rows, stored_all, plan)

    return read


def _same_hire(session: Session, row: Row, record_id: str, start_on: date | None, income: int | None) -> None:
    """A hire already written: its employment entry is history (append-only), so the sheet may not change it."""
    record = session.get(EmploymentRecord, record_id)
    if record is None:
        return
    if start_on is not None and start_on != record.effective_date:
        row.error(
            "start_on",
            f"已录用并写入就业记录（上岗日期 {record.effective_date.isoformat()}），请在就业去向中更正",
        )
    if income is not None and income != record.monthly_income_fen:
        row.error("income", "已录用并写入就业记录，月收入请在就业去向中更正")


def _no_second_open(
    open_rows: list[tuple[Row, JobReferral, str]], stored: list[JobReferral], plan: Plan
) -> None:
    """A new referral left open while the same person has another open referral to the same position (stored and
    not closed by this file, or another row) is refused, as ``placement.refer`` refuses it."""
    closing = {draft.id: draft.state for _stored, draft in plan.updated}
    still_open = {
        (r.person_id, r.position_id): r
        for r in stored
        if closing.get(r.id, r.state) in placement.OPEN_REFERRAL_STATES
    }
    first: dict[tuple[str, str], int] = {}
    for row, draft, title in open_rows:
        pair = (draft.person_id, draft.position_id)
        other = still_open.get(pair)
        if other is not None:
            row.error(
                "position",
                f"此人已于{other.referred_on.isoformat()}推荐到岗位“{title}”，结果尚未登记，不能重复推荐",
            )
        elif pair in first:
            row.error(
                "position", f"与第{first[pair]}行是同一人同一岗位的推荐，两条都未登记结果，不能重复推荐"
            )
        first.setdefault(pair, row.number)


def _referral_writer(writes: _Referrals) -> Callable[[Session, Plan], None]:
    def write(session: Session, plan: Plan) -> None:
        for draft in plan.added:
            # A new referral starts at 已推荐 (the county server refuses any other start), then takes its outcome.
            referral = dataclasses.replace(draft, state="referred", outcome_on=None, outcome_reason="")
            session.add(referral)
            session.flush()
            if draft.state != "referred":
                referral.state = draft.state
                referral.outcome_on = draft.outcome_on
                referral.outcome_reason = draft.outcome_reason
                session.flush()
            _hire(session, referral, writes)
        for stored, draft in plan.updated:
            for name in rules.changed_fields(stored, draft):
                setattr(stored, name, getattr(draft, name))
            session.flush()
            _hire(session, stored, writes)

    return write


def _hire(session: Session, referral: JobReferral, writes: _Referrals) -> None:
    record = writes.hires.get(referral.id)
    if record is not None:
        placement.write_hire(session, referral, record)


# --- import ---------------------------------------------------------------------------------------------------


def import_events(
    db: Database, kind: str, path: Path, *, actor: str, today: date | None = None
) -> ImportResult:
    """Read a sheet of job fairs, agreements or referrals (``kind``) and add or update them, all or nothing.
    ``ValidationFailed`` lists every problem with its row and column; nothing is written then. Who may:
    as for saving one (``employment_reference.require_role``: agreements the county, fairs a township or the
    county, referrals anyone)."""
    sheet = _sheet(kind)
    who = ref.require_role(db, actor, sheet.entity)
    if kind == "fair":
        return run_import(db, sheet, Path(path), who, _fairs)
    if kind == "agreement":
        return run_import(db, sheet, Path(path), who, _agreements)
    writes = _Referrals()
    day = today or date.today()
    return run_import(
        db, sheet, Path(path), who, _referral_reader(who, day, writes), write=_referral_writer(writes)
    )
