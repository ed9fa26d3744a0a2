"""The 雨露计划 subsidy cycle on a laptop (issue 15): apply, evidence, 村委会初审, 公示 and objections, 乡镇审核,
县审定, returns to the village and the village's account fix after a failed payment.

Who may take which step is ``domain.subsidy_cycle`` (one table, also read by the county server); the role of
this laptop comes from enrollment (``services.acting``). Batch actions apply the applications that pass in one
transaction and report the others with a Chinese reason (:class:`StepReport`); single actions raise
``YuluError``/``ValidationFailed``/``AccessDenied`` and write nothing. Payment batches are
``services.subsidy_payment``; county rules, windows and amounts ``services.subsidy_rules``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, and_, func, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules, subsidy_cycle, subsidy_rules
from yulu_desktop.domain.access import AccessDenied, Actor
from yulu_desktop.domain.entities import (
    Attachment,
    Enrollment,
    Household,
    Person,
    SubsidyApplication,
    SubsidyEvidence,
    SubsidyPublicity,
    SubsidyWindow,
)
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed, YuluError
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.domain.subsidy_cycle import Level, level_of
from yulu_desktop.domain.subsidy_rules import RuleSet
from yulu_desktop.domain.validation import bank_account_issues, normalize_bank_account
from yulu_desktop.services import acting, records
from yulu_desktop.services import subsidy_rules as county_rules
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "ApplicationRow",
    "Candidate",
    "EvidenceRow",
    "StepReport",
    "applications",
    "apply",
    "attach_evidence",
    "candidates",
    "evidence",
    "fix_account",
    "returned_to_village",
    "set_evidence",
    "set_joint_opinion",
    "take_step",
]


@dataclass(frozen=True)
class Candidate:
    """A student who may apply for a term (no application yet); ``problems`` empty = eligible."""

    person_id: str
    name: str
    household_id: str
    village_id: str
    village_name: str
    household_type: str
    enrollment_id: str | None
    school_name: str
    school_type: str
    problems: tuple[str, ...]

    @property
    def eligible(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class ApplicationRow:
    """One application as the lists show it (ID number masked)."""

    id: str
    person_id: str
    name: str
    id_number_masked: str
    village_id: str
    village_name: str
    township_name: str
    school_name: str
    term: str
    amount_fen: int
    state: str
    state_label: str
    applied_on: date
    publicity_id: str | None
    publicity_ends_on: date | None
    open_objections: int
    missing_evidence: tuple[str, ...]  # labels of required items not provided
    returned_reason: str
    reason: str
    payment_failure: str
    payment_batch_id: str | None
    rule_version: int | None
    village_opinion: str = ""
    township_opinion: str = ""
    county_opinion: str = ""
    joint_opinions: Mapping[str, str] = field(default_factory=dict)  # department -> opinion (联审)
    #: The day of 县审定 (None: not yet, or approved by a laptop of the last release).
    county_approved_on: date | None = None


@dataclass(frozen=True)
class StepReport:
    """What a batch action did: ``done`` application ids; ``refused`` (application or person id, name, reason)."""

    done: tuple[str, ...] = ()
    refused: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True)
class EvidenceRow:
    """One item of an application's evidence checklist (the rule's items, with what was provided)."""

    kind: str
    label: str
    required: bool
    provided: bool
    attachment_id: str | None
    filename: str
    note: str


# --- helpers --------------------------------------------------------------------------------------------------

_A = schema.subsidy_application
#: Targets with a function of their own (take_step refuses them with a pointer there).
OWN_FUNCTION: dict[str, str] = {
    "publicized": "请用“公示”功能（选择公示起止日期）把申请列入公示",
    "in_payment": "请在“发放批次”中把申请纳入发放批次",
    "paid": "请在“发放批次”中导入银行发放结果",
    "payment_failed": "请在“发放批次”中导入银行发放结果",
    "account_fixed": "请用“更正账户”功能填写新的收款账号",
}
#: States in which the village still collects evidence.
_EVIDENCE_STATES = frozenset({"draft", "applied", "returned"})
#: States of the 学籍 (student_status) of a person who is at a vocational school, enrollment or not.
_VOCATIONAL_STUDENT = ("secondary_vocational", "higher_vocational")
#: Which attachment kind a scan of an evidence item is kept as.
_ATTACHMENT_KIND = {"id_card": "id_card", "registry_proof": "enrollment_proof"}


def _today(today: date | None) -> date:
    return today or date.today()


def actor_for(db: Database, actor: str) -> Actor:
    return acting.current_actor(db, actor)


def units_under(conn: Connection, unit_id: str) -> set[str]:
    """``unit_id`` and every unit below it."""
    u = schema.org_unit
    return descendants(conn.execute(select(u.c.id, u.c.parent_id)), unit_id)


def descendants(units: Iterable[tuple[str, str | None]], root: str) -> set[str]:
    """``root`` and every unit below it, from the ``(id, parent_id)`` of all units."""
    children: dict[str, list[str]] = {}
    for unit_id, parent_id in units:
        if parent_id:
            children.setdefault(parent_id, []).append(unit_id)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


class RuleCache:
    """The rule versions of each county, read once per call."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._by_county: dict[str, list[RuleSet]] = {}
        self._county_of_village: dict[str, str] = {}
        self._windows: dict[tuple[str, str], SubsidyWindow | None] = {}

    def county(self, village_id: str) -> str:
        if village_id not in self._county_of_village:
            self._county_of_village[village_id] = county_rules.county_of(self._session, village_id).code
        return self._county_of_village[village_id]

    def versions(self, county: str) -> list[RuleSet]:
        if county not in self._by_county:
            self._by_county[county] = county_rules.rules_in_session(self._session, county)
        return self._by_county[county]

    def window(self, county: str, term: str) -> SubsidyWindow | None:
        key = (county, term)
        if key not in self._windows:
            self._windows[key] = county_rules.window_of(self._session, term, county)
        return self._windows[key]

    def in_force(self, county: str, on: date) -> RuleSet:
        return subsidy_rules.rule_in_force(self.versions(county), on)

    def of_application(self, county: str, application: SubsidyApplication) -> RuleSet:
        """The version an application was judged under (applications from before issue 15: the one in force
        on the day it was made)."""
        if application.rule_version is None:
            return self.in_force(county, application.applied_on)
        if application.rule_version == 0:
            return subsidy_rules.DEFAULT_RULE
        found = next((r for r in self.versions(county) if r.version == application.rule_version), None)
        return found or self.in_force(county, application.applied_on)


def _enrollment(session: Session, person_id: str, term: str) -> Enrollment | None:
    school_term = rules.term_school_year(term)
    if school_term is None:
        return None
    return (
        session.execute(
            select(Enrollment).where(
                schema.enrollment.c.person_id == person_id,
                schema.enrollment.c.school_year == school_term[0],
                schema.enrollment.c.semester == school_term[1],
            )
        )
        .scalars()
        .first()
    )


def _term_problem(term: str) -> None:
    if not rules.parse_term(term):
        raise ValidationFailed(
            [Issue(field="term", label="学期", message=f"学期“{term}”格式应为“2025-autumn”或“2026-spring”")]
        )


def person_name(session: Session, person_id: str) -> str:
    person = session.get(Person, person_id)
    return person.name if person is not None else ""


def _provided(session: Session, application_id: str) -> list[str]:
    e = schema.subsidy_evidence
    return list(
        session.execute(select(e.c.kind).where(e.c.application_id == application_id, e.c.provided.is_(True)))
        .scalars()
        .all()
    )


def village_of(session: Session, application: SubsidyApplication) -> str:
    person = session.get(Person, application.person_id)
    household = session.get(Household, person.household_id) if person is not None else None
    if household is None:
        raise NotFound(f"找不到补助申请（编号 {application.id}）所属的户")
    return household.village_id


def _joint(application: SubsidyApplication) -> dict[str, str]:
    return joint_opinions_of(application.joint_opinions)


def joint_opinions_of(text: str | None) -> dict[str, str]:
    """The joint review's opinions stored as JSON text (``{"教体局": "同意"}``); {} for nothing or garbage."""
    try:
        value = json.loads(text or "{}")
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in value.items()} if isinstance(value, dict) else {}


def tidy(text: str) -> str:
    return " ".join((text or "").split())


# --- candidates -----------------------------------------------------------------------------------------------


def candidates(
    db: Database, term: str, *, unit_id: str | None = None, today: date | None = None
) -> list[Candidate]:
    """Students who may apply for ``term`` and have no application for it yet: those with an enrollment in the
    term, or marked as at a vocational school (在校生状况 中职/高职). Eligible ones first, then the others with
    their reasons (judged under the rule in force ``today``, with the county's application window)."""
    _term_problem(term)
    day = _today(today)
    school_year, semester = rules.term_school_year(term) or ("", "")
    p, h, e, u = schema.person, schema.household, schema.enrollment, schema.org_unit
    with db.read() as session:
        conn = session.connection()
        in_term = and_(e.c.person_id == p.c.id, e.c.school_year == school_year, e.c.semester == semester)
        has_application = select(_A.c.id).where(_A.c.person_id == p.c.id, _A.c.term == term).exists()
        query = (
            select(
                p.c.id,
                p.c.name,
                p.c.household_id,
                h.c.village_id,
                u.c.name.label("village_name"),
                h.c.household_type,
                e.c.id.label("enrollment_id"),
                e.c.school_name,
                e.c.school_type,
                e.c.registry_status,
            )
            .join(h, h.c.id == p.c.household_id)
            .join(u, u.c.id == h.c.village_id)
            .outerjoin(e, in_term)
            .where(
                p.c.status == "normal",
                ~has_application,
                (e.c.id.is_not(None)) | (p.c.student_status.in_(_VOCATIONAL_STUDENT)),
            )
        )
        if unit_id is not None:
            query = query.where(h.c.village_id.in_(units_under(conn, unit_id)))
        cache = RuleCache(session)
        found = []
        for row in conn.execute(query):
            county = cache.county(row.village_id)
            rule = cache.in_force(county, day)
            problems = subsidy_rules.eligibility_problems(
                rule,
                household_type=row.household_type,
                school_type=row.school_type,
                registry_status=row.registry_status,
                has_enrollment=row.enrollment_id is not None,
            )
            window = county_rules.window_problem(cache.window(county, term), day)
            if window:
                problems.append(window)
            found.append(
                Candidate(
                    person_id=row.id,
                    name=row.name,
                    household_id=row.household_id,
                    village_id=row.village_id,
                    village_name=row.village_name,
                    household_type=row.household_type,
                    enrollment_id=row.enrollment_id,
                    school_name=row.school_name or "",
                    school_type=row.school_type or "",
                    problems=tuple(problems),
                )
            )
    found.sort(key=lambda c: (bool(c.problems), c.village_name, c.name, c.person_id))
    return found


# --- the lists ------------------------------------------------------------------------------------------------


def applications(
    db: Database,
    *,
    term: str | None = None,
    states: Iterable[str] | None = None,
    unit_id: str | None = None,
    ids: Iterable[str] | None = None,
) -> list[ApplicationRow]:
    """Applications of a term, in some states, under a unit (a village, township or county: everything under
    it), ordered by village and name. ``ids`` narrows to those applications."""
    p, h, e, v, t = (
        schema.person,
        schema.household,
        schema.enrollment,
        schema.org_unit,
        schema.org_unit.alias("t"),
    )
    pub, obj, ev = schema.subsidy_publicity, schema.subsidy_objection, schema.subsidy_evidence
    open_count = (
        select(func.count(obj.c.id))
        .where(obj.c.application_id == _A.c.id, obj.c.outcome.is_(None))
        .scalar_subquery()
    )
    query = (
        select(
            _A,
            p.c.name.label("person_name"),
            p.c.id_number,
            h.c.village_id,
            v.c.name.label("village_name"),
            t.c.name.label("township_name"),
            e.c.school_name,
            pub.c.ends_on.label("publicity_ends_on"),
            open_count.label("open_objections"),
        )
        .join(p, p.c.id == _A.c.person_id)
        .join(h, h.c.id == p.c.household_id)
        .join(v, v.c.id == h.c.village_id)
        .outerjoin(t, t.c.id == v.c.parent_id)
        .outerjoin(e, e.c.id == _A.c.enrollment_id)
        .outerjoin(pub, pub.c.id == _A.c.publicity_id)
    )
    if term is not None:
        query = query.where(_A.c.term == term)
    if states is not None:
        query = query.where(_A.c.state.in_(list(states)))
    if ids is not None:
        query = query.where(_A.c.id.in_(list(ids)))
    with db.read() as session:
        conn = session.connection()
        if unit_id is not None:
            query = query.where(h.c.village_id.in_(units_under(conn, unit_id)))
        rows = conn.execute(query.order_by(v.c.name, p.c.name, _A.c.term)).all()
        provided: dict[str, set[str]] = {}
        wanted = {row.id for row in rows}
        if wanted:
            for app_id, kind in conn.execute(
                select(ev.c.application_id, ev.c.kind).where(
                    ev.c.provided.is_(True), ev.c.application_id.in_(select(query.subquery().c.id))
                )
            ):
                provided.setdefault(app_id, set()).add(kind)
        cache = RuleCache(session)
        found = []
        for row in rows:
            county = cache.county(row.village_id)
            version = row.rule_version
            if version is None:
                rule = cache.in_force(county, row.applied_on)
            else:
                rule = next((r for r in cache.versions(county) if r.version == version), None) or (
                    subsidy_rules.DEFAULT_RULE if version == 0 else cache.in_force(county, row.applied_on)
                )
            missing = subsidy_rules.missing_evidence(rule, sorted(provided.get(row.id, ())))
            found.append(
                ApplicationRow(
                    id=row.id,
                    person_id=row.person_id,
                    name=row.person_name,
                    id_number_masked=mask_id_number(row.id_number),
                    village_id=row.village_id,
                    village_name=row.village_name,
                    township_name=row.township_name or "",
                    school_name=row.school_name or "",
                    term=row.term,
                    amount_fen=row.amount_fen,
                    state=row.state,
                    state_label=codes.SUBSIDY_STATE.label(row.state),
                    applied_on=row.applied_on,
                    publicity_id=row.publicity_id,
                    publicity_ends_on=row.publicity_ends_on,
                    open_objections=int(row.open_objections or 0),
                    missing_evidence=tuple(item.label for item in missing),
                    returned_reason=row.returned_reason or "",
                    reason=row.reason or "",
                    payment_failure=row.payment_failure or "",
                    payment_batch_id=row.payment_batch_id,
                    rule_version=row.rule_version,
                    village_opinion=row.village_opinion or "",
                    township_opinion=row.township_opinion or "",
                    county_opinion=row.county_opinion or "",
                    joint_opinions=joint_opinions_of(row.joint_opinions),
                    county_approved_on=row.county_approved_on,
                )
            )
    return found


def returned_to_village(db: Database) -> list[ApplicationRow]:
    """Applications the township or county sent back to the village (退回), for the cadre's 今日工作."""
    return applications(db, states=["returned"])


# --- applying -------------------------------------------------------------------------------------------------


def apply(
    db: Database,
    person_ids: Sequence[str],
    term: str,
    *,
    actor: str,
    other_aid: Mapping[str, str] | None = None,
    today: date | None = None,
) -> StepReport:
    """雨露计划补助申请 for students of a term (village level): each eligible one gets an application (amount from
    the county's standard, payee from the household, the rule version in force, state 已申请) and an evidence
    checklist with every item of the rule not yet provided. The others are reported with their reasons."""
    _term_problem(term)
    who = actor_for(db, actor)
    day = _today(today)
    refusal = subsidy_cycle.step_problem(None, "applied", who.role)
    aid = dict(other_aid or {})
    done: list[str] = []
    refused: list[tuple[str, str, str]] = []
    with records.writing(db, actor) as session:
        cache = RuleCache(session)
        seen: set[str] = set()
        for person_id in person_ids:
            if person_id in seen:
                continue
            seen.add(person_id)
            person = session.get(Person, person_id)
            if person is None:
                refused.append((person_id, "", "找不到这个人员（可能已被删除）"))
                continue
            if refusal:
                refused.append((person_id, person.name, refusal))
                continue
            problems = _apply_one(session, cache, person, term, day, tidy(aid.get(person_id, "")), done)
            if problems:
                refused.append((person_id, person.name, "；".join(problems)))
    return StepReport(done=tuple(done), refused=tuple(refused))


def _apply_one(
    session: Session,
    cache: RuleCache,
    person: Person,
    term: str,
    day: date,
    other_aid: str,
    done: list[str],
) -> list[str]:
    """Create one application, or say why not (nothing written then)."""
    household = session.get(Household, person.household_id)
    if household is None:
        return ["找不到该人员所属的户"]
    existing = session.execute(
        select(_A.c.state).where(_A.c.person_id == person.id, _A.c.term == term)
    ).scalar()
    if existing is not None:
        return [
            f"{rules.term_label(term)}已有补助申请（{codes.SUBSIDY_STATE.label(existing)}），每人每学期只能申请一次"
        ]
    if person.status != "normal":
        return [f"人员状态为“{codes.PERSON_STATUS.label(person.status)}”，不能申请补助"]
    county_unit = county_rules.county_of(session, household.village_id)
    county = county_unit.code
    rule = cache.in_force(county, day)
    enrollment = _enrollment(session, person.id, term)
    problems = subsidy_rules.eligibility_problems(
        rule,
        household_type=household.household_type,
        school_type=enrollment.school_type if enrollment else None,
        registry_status=enrollment.registry_status if enrollment else None,
        other_aid=other_aid,
        has_enrollment=enrollment is not None,
    )
    window = county_rules.window_problem(cache.window(county, term), day)
    if window:
        problems.append(window)
    amount = 0
    if enrollment is not None:
        found = county_rules.amount_fen(session, county, enrollment.school_type, day)
        if found is None:
            label = codes.SCHOOL_TYPE.label(enrollment.school_type)
            problems.append(f"{county_unit.name}尚未设置“{label}”的补助标准，请县里先设置")
        else:
            amount = found
    application = SubsidyApplication(
        person_id=person.id,
        enrollment_id=enrollment.id if enrollment else None,
        term=term,
        amount_fen=amount or 1,
        payee_name=household.payee_name,
        payee_account=household.payee_account,
        applied_on=day,
        state="applied",
        rule_version=rule.version,
        other_aid=other_aid,
    )
    # The domain's field checks (term, amount, account); eligibility is the rule's, checked above.
    for issue in rules.subsidy_issues(application, enrollment=enrollment, today=day):
        if issue.is_error and issue.field not in (
            "school_type",
            "registry_status",
            "enrollment_id",
            "amount_fen",
        ):
            problems.append(issue.text())
    if problems:
        return problems
    session.add(application)
    session.flush()
    for item in rule.evidence:
        session.add(SubsidyEvidence(application_id=application.id, kind=item.code, provided=False))
    session.flush()
    done.append(application.id)
    return []


# --- evidence -------------------------------------------------------------------------------------------------


def application_of(session: Session, application_id: str) -> SubsidyApplication:
    application = session.get(SubsidyApplication, application_id)
    if application is None:
        raise NotFound(f"找不到补助申请（编号 {application_id}），可能已被删除")
    return application


def _rule_of(session: Session, application: SubsidyApplication) -> RuleSet:
    cache = RuleCache(session)
    return cache.of_application(cache.county(village_of(session, application)), application)


def evidence(db: Database, application_id: str) -> list[EvidenceRow]:
    """The evidence checklist of an application: the items of its rule in order (then any other item
    recorded), each with whether it was provided and the scan's file name."""
    ev, att = schema.subsidy_evidence, schema.attachment
    with db.read() as session:
        application = application_of(session, application_id)
        rule = _rule_of(session, application)
        stored = {
            row.kind: row
            for row in session.connection().execute(
                select(ev.c.kind, ev.c.provided, ev.c.attachment_id, ev.c.note, att.c.filename)
                .outerjoin(att, att.c.id == ev.c.attachment_id)
                .where(ev.c.application_id == application_id)
            )
        }
    found = []
    for item in rule.evidence:
        row = stored.pop(item.code, None)
        found.append(
            EvidenceRow(
                kind=item.code,
                label=item.label,
                required=item.required,
                provided=bool(row.provided) if row is not None else False,
                attachment_id=row.attachment_id if row is not None else None,
                filename=(row.filename or "") if row is not None else "",
                note=(row.note or "") if row is not None else "",
            )
        )
    for kind, row in sorted(stored.items()):
        found.append(
            EvidenceRow(
                kind=kind,
                label=rule.evidence_label(kind),
                required=False,
                provided=bool(row.provided),
                attachment_id=row.attachment_id,
                filename=row.filename or "",
                note=row.note or "",
            )
        )
    return found


def _check_evidence_edit(who: Actor, application: SubsidyApplication, rule: RuleSet, kind: str) -> None:
    """Raise unless ``who`` may change evidence item ``kind`` of ``application`` now."""
    level = level_of(who.role)
    if level != Level.VILLAGE:
        raise AccessDenied(f"证明材料由村级收集核对，本设备是{level.label}账号")
    if application.state not in _EVIDENCE_STATES:
        raise YuluError(
            f"补助申请已是“{codes.SUBSIDY_STATE.label(application.state)}”，"
            "只有村委会初审前（已申请、已退回）可以修改证明材料"
        )
    if kind not in {e.code for e in rule.evidence}:
        raise YuluError(f"本县补助规则（第 {rule.version} 版）的证明材料清单中没有“{kind}”")


def set_evidence(
    db: Database,
    application_id: str,
    kind: str,
    *,
    provided: bool,
    attachment_id: str | None = None,
    note: str = "",
    actor: str,
    today: date | None = None,
) -> None:
    """Tick (or untick) one item of an application's evidence checklist, with the scan and a note."""
    who = actor_for(db, actor)
    with records.writing(db, actor) as session:
        application = application_of(session, application_id)
        rule = _rule_of(session, application)
        _check_evidence_edit(who, application, rule, kind)
        if attachment_id is not None:
            attached = session.get(Attachment, attachment_id)
            if attached is None or attached.person_id != application.person_id:
                raise YuluError("附件不是该学生的材料，请重新选择")
        row = (
            session.execute(
                select(SubsidyEvidence).where(
                    schema.subsidy_evidence.c.application_id == application_id,
                    schema.subsidy_evidence.c.kind == kind,
                )
            )
            .scalars()
            .first()
        )
        if row is None:
            row = SubsidyEvidence(application_id=application_id, kind=kind)
            session.add(row)
        row.provided = provided
        if attachment_id is not None or not provided:
            row.attachment_id = attachment_id
        row.note = note.strip()
        row.checked_by = who.audit_name
        row.checked_on = _today(today)


def attach_evidence(
    db: Database,
    application_id: str,
    kind: str,
    filename: str,
    data: bytes,
    *,
    actor: str,
    today: date | None = None,
) -> str:
    """Keep a scan of an evidence item with the student's file (``records.add_attachment``) and tick the item
    with it. Returns the attachment id."""
    who = actor_for(db, actor)
    with db.read() as session:
        application = application_of(session, application_id)
        # Checked before the scan is stored, so a refused item leaves no stray attachment.
        _check_evidence_edit(who, application, _rule_of(session, application), kind)
        person_id = application.person_id
    attachment = records.add_attachment(
        db, person_id, filename, data, kind=_ATTACHMENT_KIND.get(kind, "other"), actor=actor, today=today
    )
    set_evidence(
        db, application_id, kind, provided=True, attachment_id=attachment.id, actor=actor, today=today
    )
    return attachment.id


# --- steps ----------------------------------------------------------------------------------------------------

_OPINION_FIELD = {
    Level.VILLAGE: "village_opinion",
    Level.TOWNSHIP: "township_opinion",
    Level.COUNTY: "county_opinion",
}


def _objection_problem(session: Session, application: SubsidyApplication) -> str | None:
    """An open objection, or one upheld during the application's current 公示, blocks 乡镇审核."""
    o = schema.subsidy_objection
    rows = session.execute(
        select(o.c.outcome, o.c.publicity_id).where(o.c.application_id == application.id)
    ).all()
    if any(r.outcome is None for r in rows):
        return "有未处理的异议，请先登记处理结果"
    if any(r.outcome == "upheld" and r.publicity_id == application.publicity_id for r in rows):
        return "公示期间的异议成立，只能退回村里或不通过"
    return None


def _precondition(
    session: Session, cache: RuleCache, application: SubsidyApplication, target: str, opinion: str, day: date
) -> str | None:
    """What blocks moving ``application`` to ``target`` besides the role (Chinese), or None."""
    if target == "village_reviewed":
        county = cache.county(village_of(session, application))
        rule = cache.of_application(county, application)
        missing = subsidy_rules.missing_evidence(rule, _provided(session, application.id))
        if missing:
            return "缺少证明材料：" + "、".join(item.label for item in missing)
    elif target == "township_reviewed":
        ends_on = None
        if application.publicity_id is not None:
            publicity = session.get(SubsidyPublicity, application.publicity_id)
            ends_on = publicity.ends_on if publicity is not None else None
        problem = subsidy_cycle.publicity_end_problem(ends_on, day)
        if problem:
            return problem
        return _objection_problem(session, application)
    elif target == "county_approved":
        if not (opinion or application.county_opinion).strip():
            return "请填写县级审定意见"
        county = cache.county(village_of(session, application))
        rule = cache.of_application(county, application)
        given = _joint(application)
        lacking = [d for d in rule.joint_reviewers if not given.get(d, "").strip()]
        if lacking:
            return "还缺联审意见：" + "、".join(lacking)
    return None


def take_step(
    db: Database,
    application_ids: Sequence[str],
    target: str,
    *,
    actor: str,
    opinion: str = "",
    reason: str = "",
    today: date | None = None,
) -> StepReport:
    """Take one step of the cycle (``subsidy_cycle.STEPS``) on many applications: those whose state, level and
    preconditions allow it move in one transaction; the others are reported with the reason. 县审定 records the
    day (``today``) in ``county_approved_on``.

    Preconditions: 村委会初审 needs every required evidence item; 乡镇审核 the day after the 公示 ended and no open
    or upheld objection; 县审定 the county's opinion and every joint reviewer's; 退回, 不通过 and 撤回 a reason.
    ``opinion`` goes to the opinion field of the actor's level; the reason of a return to ``returned_reason``.
    """
    if target in OWN_FUNCTION:
        raise YuluError(f"“{codes.SUBSIDY_STATE.label(target)}”不能在这里办理：{OWN_FUNCTION[target]}")
    if target not in codes.SUBSIDY_STATE:
        raise YuluError(f"未知的补助状态“{target}”")
    why = tidy(reason)
    if target in subsidy_cycle.NEEDS_REASON and not why:
        field = "returned_reason" if target == "returned" else "reason"
        label = "退回原因" if target == "returned" else "原因"
        wanted = codes.SUBSIDY_STATE.label(target)
        raise ValidationFailed([Issue(field=field, label=label, message=f"“{wanted}”须填写原因")])
    who = actor_for(db, actor)
    level = level_of(who.role)
    said = opinion.strip()
    day = _today(today)
    done: list[str] = []
    refused: list[tuple[str, str, str]] = []
    with records.writing(db, actor) as session:
        cache = RuleCache(session)
        for app_id in dict.fromkeys(application_ids):
            application = session.get(SubsidyApplication, app_id)
            if application is None:
                refused.append((app_id, "", "找不到这份补助申请（可能已被删除）"))
                continue
            name = person_name(session, application.person_id)
            if application.state == target:
                refused.append((app_id, name, f"已是“{codes.SUBSIDY_STATE.label(target)}”"))
                continue
            problem = subsidy_cycle.step_problem(application.state, target, who.role) or _precondition(
                session, cache, application, target, said, day
            )
            if problem:
                refused.append((app_id, name, problem))
                continue
            application.state = target
            if target == "county_approved":
                # The day payment is counted from (dashboard: 审定后超过30天未发放). The cycle has no step back out of
                # 县审定 (only on to 公告, a batch, or 不通过 after a failed payment), so it is never cleared.
                application.county_approved_on = day
            if said:
                setattr(application, _OPINION_FIELD[level], said)
            if target == "returned":
                application.returned_reason = why
            elif target in subsidy_cycle.NEEDS_REASON:
                application.reason = why
            done.append(app_id)
        session.flush()
    return StepReport(done=tuple(done), refused=tuple(refused))


# --- county: joint opinions -----------------------------------------------------------------------------------


def set_joint_opinion(
    db: Database, application_ids: Sequence[str], department: str, opinion: str, *, actor: str
) -> StepReport:
    """Record a joint reviewer's opinion (联审意见, e.g. 教体局: 同意) on applications awaiting 县审定."""
    county_rules.require_county(db, actor, "填写联审意见")
    dept, said = tidy(department), opinion.strip()
    issues = []
    if not dept:
        issues.append(Issue(field="joint_opinions", label="联审部门", message="请填写联审部门"))
    if not said:
        issues.append(
            Issue(field="joint_opinions", label="联审意见", message=f"请填写{dept or '联审部门'}的意见")
        )
    if issues:
        raise ValidationFailed(issues)
    done: list[str] = []
    refused: list[tuple[str, str, str]] = []
    with records.writing(db, actor) as session:
        for app_id in dict.fromkeys(application_ids):
            application = session.get(SubsidyApplication, app_id)
            if application is None:
                refused.append((app_id, "", "找不到这份补助申请（可能已被删除）"))
                continue
            if application.state != "township_reviewed":
                state = codes.SUBSIDY_STATE.label(application.state)
                name = person_name(session, application.person_id)
                refused.append(
                    (app_id, name, f"补助申请当前为“{state}”，乡镇审核通过、县审定前才能填写联审意见")
                )
                continue
            given = _joint(application)
            given[dept] = said
            application.joint_opinions = json.dumps(given, ensure_ascii=False, sort_keys=True)
            done.append(app_id)
    return StepReport(done=tuple(done), refused=tuple(refused))


# --- village: fixing a failed account ---------------------------------------------------------------------


def fix_account(
    db: Database, application_id: str, *, payee_name: str, payee_account: str, actor: str
) -> None:
    """After a failed payment the village corrects the payee (发放失败 → 账户已更正); the county puts the
    application into a later batch."""
    who = actor_for(db, actor)
    name = tidy(payee_name)
    account = normalize_bank_account(payee_account)
    issues = []
    if not name:
        issues.append(Issue(field="payee_name", label="持卡人", message="请填写持卡人姓名"))
    if not account:
        issues.append(Issue(field="payee_account", label="收款账号", message="请填写新的收款账号"))
    else:
        issues += [
            i
            for i in bank_account_issues(account, "payee_account", rules.label("payee_account"))
            if i.is_error
        ]
    if issues:
        raise ValidationFailed(issues)
    with records.writing(db, actor) as session:
        application = application_of(session, application_id)
        if application.state == "account_fixed":
            raise YuluError("账户已更正，等待县里纳入下一发放批次")
        if application.state != "payment_failed":
            state = codes.SUBSIDY_STATE.label(application.state)
            raise YuluError(f"补助申请当前为“{state}”，只有发放失败的申请可以更正账户")
        problem = subsidy_cycle.step_problem(application.state, "account_fixed", who.role)
        if problem:
            raise AccessDenied(problem)
        if account == normalize_bank_account(application.payee_account) and name == application.payee_name:
            raise YuluError("新账号与发放失败的账号相同，请核对后填写正确的账号")
        application.payee_name = name
        application.payee_account = account
        application.state = "account_fixed"
