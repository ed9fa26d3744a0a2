"""公示 and objections of the subsidy cycle (issue 15): a village puts its 初审-passed applications of a term on a
公示 list for at least the rule's days, objections (异议) raised meanwhile are recorded with who, what and the
outcome, and the township reviews only once the 公示 has ended without an open or upheld objection
(``services.subsidy.take_step``, checked again by the county server)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from yulu_desktop.domain import codes, subsidy_cycle
from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import SubsidyApplication, SubsidyObjection, SubsidyPublicity
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed, YuluError
from yulu_desktop.services import records
from yulu_desktop.services.subsidy import (
    RuleCache,
    actor_for,
    application_of,
    person_name,
    tidy,
    units_under,
    village_of,
)
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "ObjectionRow",
    "PublicityRow",
    "objections",
    "publicities",
    "publicize",
    "raise_objection",
    "resolve_objection",
]

_A = schema.subsidy_application


def _today(today: date | None) -> date:
    return today or date.today()


@dataclass(frozen=True)
class PublicityRow:
    """A 公示 of a village and term, with how many applications are on it and how many objections are open."""

    id: str
    village_name: str
    term: str
    starts_on: date
    ends_on: date
    count: int
    open_objections: int
    ended: bool


@dataclass(frozen=True)
class ObjectionRow:
    """An objection (异议) against an application."""

    id: str
    application_id: str
    publicity_id: str | None
    raised_on: date
    raised_by: str
    content: str
    outcome: str | None  # codes.OBJECTION_OUTCOME; None while open
    outcome_label: str
    outcome_note: str
    resolved_on: date | None
    recorded_by: str


# --- 公示 -----------------------------------------------------------------------------------------------------


def publicize(
    db: Database,
    application_ids: Sequence[str],
    *,
    starts_on: date,
    ends_on: date,
    place: str = "",
    actor: str,
    today: date | None = None,
) -> str:
    """Put applications of one village and term on a new 公示 from ``starts_on`` to ``ends_on`` (inclusive, at
    least the rule's days). All of them must be 村委会初审 done; otherwise nothing is written and the error names
    each one. Returns the 公示's id."""
    who = actor_for(db, actor)
    refusal = subsidy_cycle.step_problem("village_reviewed", "publicized", who.role)
    if refusal:
        raise AccessDenied(refusal)
    ids = list(dict.fromkeys(application_ids))
    if not ids:
        raise YuluError("请选择要公示的补助申请")
    with records.writing(db, actor) as session:
        cache = RuleCache(session)
        problems: list[str] = []
        villages: set[str] = set()
        terms: set[str] = set()
        found: list[SubsidyApplication] = []
        min_days = 1
        for app_id in ids:
            application = session.get(SubsidyApplication, app_id)
            if application is None:
                problems.append(f"找不到补助申请（编号 {app_id}）")
                continue
            name = person_name(session, application.person_id)
            if application.state != "village_reviewed":
                state = codes.SUBSIDY_STATE.label(application.state)
                problems.append(f"{name}：补助申请当前为“{state}”，村委会初审通过后才能公示")
            village = village_of(session, application)
            villages.add(village)
            terms.add(application.term)
            rule = cache.of_application(cache.county(village), application)
            min_days = max(min_days, rule.publicity_min_days)
            found.append(application)
        if len(villages) > 1:
            problems.append("一次公示只能包含同一个村的申请，请按村分别公示")
        if len(terms) > 1:
            problems.append("一次公示只能包含同一学期的申请")
        length = subsidy_cycle.publicity_length_problem(starts_on, ends_on, min_days)
        if length:
            problems.append(length)
        if problems:
            raise ValidationFailed(Issue(field="publicity", label="公示", message=p) for p in problems)
        publicity = SubsidyPublicity(
            village_id=villages.pop(),
            term=terms.pop(),
            starts_on=starts_on,
            ends_on=ends_on,
            posted_by=who.audit_name,
            place=tidy(place),
        )
        session.add(publicity)
        session.flush()
        for application in found:
            application.state = "publicized"
            application.publicity_id = publicity.id
        session.flush()
        return publicity.id


def publicities(
    db: Database, *, term: str | None = None, unit_id: str | None = None, today: date | None = None
) -> list[PublicityRow]:
    """The 公示 of a term under a unit, newest first, with their counts of applications and open objections."""
    pub, u, o = schema.subsidy_publicity, schema.org_unit, schema.subsidy_objection
    count = select(func.count(_A.c.id)).where(_A.c.publicity_id == pub.c.id).scalar_subquery()
    open_count = (
        select(func.count(o.c.id))
        .where(o.c.publicity_id == pub.c.id, o.c.outcome.is_(None))
        .scalar_subquery()
    )
    query = select(
        pub.c.id,
        u.c.name.label("village_name"),
        pub.c.term,
        pub.c.starts_on,
        pub.c.ends_on,
        count.label("app_count"),
        open_count.label("open_objections"),
    ).join(u, u.c.id == pub.c.village_id)
    if term is not None:
        query = query.where(pub.c.term == term)
    day = _today(today)
    with db.read_connection() as conn:
        if unit_id is not None:
            query = query.where(pub.c.village_id.in_(units_under(conn, unit_id)))
        rows = conn.execute(query.order_by(pub.c.starts_on.desc(), u.c.name)).all()
    return [
        PublicityRow(
            id=r.id,
            village_name=r.village_name,
            term=r.term,
            starts_on=r.starts_on,
            ends_on=r.ends_on,
            count=int(r.app_count or 0),
            open_objections=int(r.open_objections or 0),
            ended=day > r.ends_on,
        )
        for r in rows
    ]


# --- objections -----------------------------------------------------------------------------------------------


def raise_objection(
    db: Database, application_id: str, *, raised_by: str, content: str, raised_on: date, actor: str
) -> str:
    """Record an objection (异议) against an application on 公示: who raised it, when and what. Returns its id."""
    who = actor_for(db, actor)
    issues = []
    if not tidy(raised_by):
        issues.append(Issue(field="raised_by", label="提出人", message="请填写提出人（可填“匿名”）"))
    if not content.strip():
        issues.append(Issue(field="content", label="异议内容", message="请填写异议内容"))
    if issues:
        raise ValidationFailed(issues)
    with records.writing(db, actor) as session:
        application = application_of(session, application_id)
        if application.state != "publicized":
            state = codes.SUBSIDY_STATE.label(application.state)
            raise YuluError(f"补助申请当前为“{state}”，只有公示中的申请可以登记异议")
        objection = SubsidyObjection(
            application_id=application_id,
            publicity_id=application.publicity_id,
            raised_on=raised_on,
            raised_by=tidy(raised_by),
            content=content.strip(),
            recorded_by=who.audit_name,
        )
        session.add(objection)
        session.flush()
        return objection.id


def resolve_objection(
    db: Database, objection_id: str, *, outcome: str, note: str, actor: str, today: date | None = None
) -> None:
    """Record the outcome of an objection: 异议成立 (the township then returns or rejects the application) or
    异议不成立, with what was found."""
    who = actor_for(db, actor)
    if outcome not in codes.OBJECTION_OUTCOME:
        raise ValidationFailed(
            [Issue(field="outcome", label="处理结果", message=codes.OBJECTION_OUTCOME.problem(outcome) or "")]
        )
    if not note.strip():
        raise ValidationFailed(
            [Issue(field="outcome_note", label="处理说明", message="请填写核实情况和处理说明")]
        )
    with records.writing(db, actor) as session:
        objection = session.get(SubsidyObjection, objection_id)
        if objection is None:
            raise NotFound(f"找不到异议（编号 {objection_id}），可能已被删除")
        if objection.outcome is not None:
            done = codes.OBJECTION_OUTCOME.label(objection.outcome)
            raise YuluError(f"该异议已处理（{done}），不能再次处理")
        objection.outcome = outcome
        objection.outcome_note = note.strip()
        objection.resolved_on = _today(today)
        if not objection.recorded_by:
            objection.recorded_by = who.audit_name


def objections(db: Database, application_id: str) -> list[ObjectionRow]:
    """The objections against an application, oldest first."""
    o = schema.subsidy_objection
    with db.read_connection() as conn:
        rows = conn.execute(
            select(o).where(o.c.application_id == application_id).order_by(o.c.raised_on, o.c.id)
        ).all()
    return [
        ObjectionRow(
            id=r.id,
            application_id=r.application_id,
            publicity_id=r.publicity_id,
            raised_on=r.raised_on,
            raised_by=r.raised_by,
            content=r.content,
            outcome=r.outcome,
            outcome_label=codes.OBJECTION_OUTCOME.label(r.outcome) if r.outcome else "待处理",
            outcome_note=r.outcome_note or "",
            resolved_on=r.resolved_on,
            recorded_by=r.recorded_by or "",
        )
        for r in rows
    ]
