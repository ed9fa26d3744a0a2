"""The employment reference data (issue 16): schools, enterprises and agreements (county), positions and job fairs
(county or township), and policy campaigns (any level) — lists with their counts, saves, deletes and the
enterprise duplicates that sync can bring in.

Who may write: schools, enterprises and agreements the county only; positions and fairs a township or the
county; campaigns anyone (``AccessDenied`` with a Chinese message otherwise; an un-enrolled laptop acts as a
village). A position, fair or campaign is changed (or deleted) only when its unit is inside this laptop's
jurisdiction (``domain.jurisdiction``), as the county server decides: a township laptop holds the county's fairs
but may not change them. A save validates with ``domain.employment`` (errors raise ``ValidationFailed``,
warnings pass) and writes in one transaction. References other than the parent are plain ids: a row whose enterprise, school,
agreement or fair is gone shows "（企业已删除）" and the like.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, Final, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, employment, rules
from yulu_desktop.domain.access import AccessDenied, Actor, Role
from yulu_desktop.domain.entities import (
    EmploymentAgreement,
    Enterprise,
    JobFair,
    JobPosition,
    OrgUnit,
    PolicyCampaign,
    School,
)
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed
from yulu_desktop.domain.jurisdiction import Jurisdiction
from yulu_desktop.services import acting, records
from yulu_desktop.services.subsidy import descendants
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "AgreementRow",
    "CampaignRow",
    "EnterpriseRow",
    "FairRow",
    "PositionRow",
    "SchoolRow",
    "agreements",
    "campaigns",
    "delete_reference",
    "duplicate_enterprises",
    "enterprises",
    "fairs",
    "home_unit",
    "jurisdiction",
    "load",
    "positions",
    "save_agreement",
    "save_campaign",
    "save_enterprise",
    "save_fair",
    "save_position",
    "save_school",
    "schools",
]

T = TypeVar("T")

COUNTY_ROLES: Final = frozenset({Role.COUNTY, Role.COUNTY_ADMIN})
TOWNSHIP_ROLES: Final = COUNTY_ROLES | {Role.TOWNSHIP}
COUNTY_ONLY: Final = "只有县级账号可以维护学校、企业和合作协议"
TOWNSHIP_OR_COUNTY: Final = "只有乡镇或县级账号可以录入岗位和招聘会"

GONE_SCHOOL: Final = "（学校已删除）"
GONE_ENTERPRISE: Final = "（企业已删除）"
GONE_FAIR: Final = "（招聘会已删除）"
GONE_UNIT: Final = "（单位已删除）"

#: What ``delete_reference`` takes: entity name (table name or short name) → (class, what it is called).
ENTITIES: Final[dict[str, tuple[type, str]]] = {
    "school": (School, "学校"),
    "enterprise": (Enterprise, "企业"),
    "employment_agreement": (EmploymentAgreement, "合作协议"),
    "agreement": (EmploymentAgreement, "合作协议"),
    "job_position": (JobPosition, "岗位"),
    "position": (JobPosition, "岗位"),
    "job_fair": (JobFair, "招聘会"),
    "fair": (JobFair, "招聘会"),
    "policy_campaign": (PolicyCampaign, "政策宣传"),
    "campaign": (PolicyCampaign, "政策宣传"),
}
_WHAT: Final[dict[type, str]] = dict(ENTITIES.values())
#: The table of each reference class (field labels are per table: ``rules.label``).
_TABLE: Final[dict[type, str]] = {
    cls: name for name, (cls, _) in ENTITIES.items() if name in schema.SHARED_TABLES
}


# --- rows -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolRow:
    id: str
    name: str
    level: str
    level_label: str
    place: str
    majors: tuple[str, ...]
    contact: str
    note: str


@dataclass(frozen=True)
class EnterpriseRow:
    id: str
    name: str
    credit_code: str | None
    industry: str
    industry_label: str
    place: str
    region: str
    region_label: str
    contact_name: str
    contact_phone: str
    pairing: str
    pairing_label: str
    pairing_partner: str
    note: str
    open_positions: int


@dataclass(frozen=True)
class AgreementRow:
    id: str
    kind: str
    kind_label: str
    title: str
    school_id: str | None
    school_name: str
    enterprise_ids: tuple[str, ...]
    enterprise_names: tuple[str, ...]
    signed_on: date
    starts_on: date | None
    ends_on: date | None
    majors: tuple[str, ...]
    places_per_year: int | None
    support: str
    note: str
    hired: int  # hires (referrals 录用) through its positions


@dataclass(frozen=True)
class PositionRow:
    id: str
    unit_id: str
    unit_name: str
    enterprise_id: str
    enterprise_name: str
    industry: str
    industry_label: str
    title: str
    place: str
    region: str
    region_label: str
    pay_min_fen: int | None
    pay_max_fen: int | None
    pay_text: str
    majors: tuple[str, ...]
    skill_level: str
    skill_label: str
    openings: int
    posted_on: date
    deadline: date | None
    agreement_id: str | None
    fair_id: str | None
    fair_name: str
    note: str
    referred: int
    hired: int
    #: Takes referrals: its deadline has not passed (:func:`is_open`) and it is not :attr:`filled`.
    is_open: bool
    #: 已招满: as many hired as it has openings (:func:`is_filled`).
    filled: bool = False


@dataclass(frozen=True)
class FairRow:
    id: str
    unit_id: str
    unit_name: str
    name: str
    held_on: date
    place: str
    school_ids: tuple[str, ...]
    school_names: tuple[str, ...]
    enterprise_ids: tuple[str, ...]
    enterprise_names: tuple[str, ...]
    note: str
    positions: int
    invited: int
    attended: int
    referred: int
    hired: int


@dataclass(frozen=True)
class CampaignRow:
    id: str
    unit_id: str
    unit_name: str
    moment: str
    moment_label: str
    held_on: date
    topic: str
    place: str
    held_by: str
    note: str
    reached: int


# --- helpers --------------------------------------------------------------------------------------------------


def _today(today: date | None) -> date:
    return today or date.today()


def _require(db: Database, actor: str, roles: frozenset[Role], message: str) -> Actor:
    who = acting.current_actor(db, actor)
    if who.role not in roles:
        hint = "" if who.enrolled else "（本机尚未注册到县服务器，按村干部权限处理）"
        raise AccessDenied(f"{message}；本机账号的角色是{who.role.label}{hint}")
    return who


def _role_for(cls: type) -> tuple[frozenset[Role] | None, str]:
    if cls in (School, Enterprise, EmploymentAgreement):
        return COUNTY_ROLES, COUNTY_ONLY
    if cls in (JobPosition, JobFair):
        return TOWNSHIP_ROLES, TOWNSHIP_OR_COUNTY
    return None, ""


def require_role(db: Database, actor: str, cls: type) -> Actor:
    """The acting cadre if their role may write ``cls`` records; ``AccessDenied`` (Chinese) otherwise."""
    roles, message = _role_for(cls)
    if roles is None:
        return acting.current_actor(db, actor)
    return _require(db, actor, roles, message)


def _issue(cls: type, field: str, message: str) -> Issue:
    return Issue(field=field, message=message, label=rules.label(field, _TABLE[cls]))


def _enrolled_unit(session: Session) -> OrgUnit | None:
    """The unit of the jurisdiction this laptop was enrolled for, when that unit is here."""
    s = schema.sync_state
    jurisdiction_id = session.execute(select(s.c.jurisdiction_id).where(s.c.id == 1)).scalar()
    return session.get(OrgUnit, jurisdiction_id) if jurisdiction_id else None


def home_unit(session: Session) -> OrgUnit:
    """This laptop's unit: the enrolled jurisdiction when that unit is here, else the root unit (the county)."""
    unit = _enrolled_unit(session)
    if unit is not None:
        return unit
    u = schema.org_unit
    root = session.execute(
        select(OrgUnit).where(u.c.parent_id.is_(None)).order_by(u.c.code, u.c.id).limit(1)
    ).scalar()
    if root is None:
        raise NotFound("本机还没有行政区划（县、乡镇、村），请先导入或同步行政区划")
    return root


def _units(session: Session) -> dict[str, tuple[str, str | None]]:
    u = schema.org_unit
    return {r.id: (r.name, r.parent_id) for r in session.execute(select(u.c.id, u.c.name, u.c.parent_id))}


def jurisdiction(session: Session) -> Jurisdiction:
    """This laptop's jurisdiction (管辖范围): the enrolled unit and the units below it. A laptop not enrolled (or
    whose unit has not reached it yet) has none to judge by, and every unit's records pass."""
    unit = _enrolled_unit(session)
    return Jurisdiction(unit.id if unit is not None else None, _units(session))


def _under(units: dict[str, tuple[str, str | None]], unit_id: str | None) -> set[str] | None:
    if unit_id is None:
        return None
    return descendants(((k, v[1]) for k, v in units.items()), unit_id)


def _unit_name(units: dict[str, tuple[str, str | None]], unit_id: str) -> str:
    found = units.get(unit_id)
    return found[0] if found else GONE_UNIT


def is_open(position: JobPosition, today: date) -> bool:
    """A position takes referrals until its deadline (inclusive); without a deadline it stays open."""
    return position.deadline is None or position.deadline >= today


def is_filled(openings: int, hired: int) -> bool:
    """已招满: as many people hired as the position has openings (hires recorded on this laptop)."""
    return hired >= openings


# --- lists ----------------------------------------------------------------------------------------------------


def _school_row(school: School) -> SchoolRow:
    return SchoolRow(
        id=school.id,
        name=school.name,
        level=school.level,
        level_label=codes.SCHOOL_LEVEL.label(school.level),
        place=school.place,
        majors=tuple(employment.json_list(school.majors)),
        contact=school.contact,
        note=school.note,
    )


def schools(db: Database) -> list[SchoolRow]:
    """Every school on this laptop, by name."""
    with db.read() as session:
        found = session.execute(select(School)).scalars().all()
        return [_school_row(s) for s in sorted(found, key=lambda s: (s.name, s.id))]


def _enterprise_row(enterprise: Enterprise, open_positions: int) -> EnterpriseRow:
    return EnterpriseRow(
        id=enterprise.id,
        name=enterprise.name,
        credit_code=enterprise.credit_code,
        industry=enterprise.industry,
        industry_label=codes.INDUSTRY.label(enterprise.industry),
        place=enterprise.place,
        region=enterprise.region,
        region_label=codes.REGION.label(enterprise.region),
        contact_name=enterprise.contact_name,
        contact_phone=enterprise.contact_phone,
        pairing=enterprise.pairing,
        pairing_label=codes.PAIRING.label(enterprise.pairing),
        pairing_partner=enterprise.pairing_partner,
        note=enterprise.note,
        open_positions=open_positions,
    )


def _open_counts(session: Session, today: date) -> Counter[str]:
    p = schema.job_position
    return Counter(
        r.enterprise_id
        for r in session.execute(select(p.c.enterprise_id, p.c.deadline))
        if r.deadline is None or r.deadline >= today
    )


def enterprises(db: Database, *, text: str = "", today: date | None = None) -> list[EnterpriseRow]:
    """Every enterprise, by name; ``text`` keeps those whose name, credit code, place, partner or contact holds
    it. ``open_positions``: its positions still open on ``today``."""
    needle = "".join(text.split()).upper()
    with db.read() as session:
        found = session.execute(select(Enterprise)).scalars().all()
        counts = _open_counts(session, _today(today))
    rows = []
    for e in sorted(found, key=lambda e: (e.name, e.place, e.id)):
        haystack = "".join(
            f"{e.name}|{e.credit_code or ''}|{e.place}|{e.pairing_partner}|{e.contact_name}|{e.contact_phone}".split()
        ).upper()
        if needle and needle not in haystack:
            continue
        rows.append(_enterprise_row(e, counts[e.id]))
    return rows


def _names(session: Session, cls: type) -> dict[str, str]:
    table = schema.school if cls is School else schema.enterprise if cls is Enterprise else schema.job_fair
    return {r.id: r.name for r in session.execute(select(table.c.id, table.c.name))}


def agreements(db: Database) -> list[AgreementRow]:
    """Every agreement, newest signed first, with its hires (referrals 录用 to positions under it)."""
    p, r = schema.job_position, schema.job_referral
    with db.read() as session:
        found = session.execute(select(EmploymentAgreement)).scalars().all()
        school_names = _names(session, School)
        enterprise_names = _names(session, Enterprise)
        hired = Counter(
            row.agreement_id
            for row in session.execute(
                select(p.c.agreement_id)
                .select_from(r.join(p, p.c.id == r.c.position_id))
                .where(r.c.state == "hired", p.c.agreement_id.is_not(None))
            )
        )
    rows = []
    for a in sorted(found, key=lambda a: (a.signed_on, a.title), reverse=True):
        enterprise_ids = tuple(employment.json_list(a.enterprise_ids))
        rows.append(
            AgreementRow(
                id=a.id,
                kind=a.kind,
                kind_label=codes.AGREEMENT_KIND.label(a.kind),
                title=a.title,
                school_id=a.school_id,
                school_name=school_names.get(a.school_id, GONE_SCHOOL) if a.school_id else "",
                enterprise_ids=enterprise_ids,
                enterprise_names=tuple(enterprise_names.get(e, GONE_ENTERPRISE) for e in enterprise_ids),
                signed_on=a.signed_on,
                starts_on=a.starts_on,
                ends_on=a.ends_on,
                majors=tuple(employment.json_list(a.majors)),
                places_per_year=a.places_per_year,
                support=a.support,
                note=a.note,
                hired=hired[a.id],
            )
        )
    return rows


def positions(
    db: Database,
    *,
    open_only: bool = False,
    enterprise_id: str | None = None,
    fair_id: str | None = None,
    unit_id: str | None = None,
    today: date | None = None,
) -> list[PositionRow]:
    """Positions, newest posted first. ``unit_id``: those entered by that unit or a unit below it; ``open_only``:
    those that take referrals on ``today`` (deadline not passed, not filled)."""
    today = _today(today)
    r = schema.job_referral
    with db.read() as session:
        units = _units(session)
        scope = _under(units, unit_id)
        query = select(JobPosition)
        p = schema.job_position
        if enterprise_id is not None:
            query = query.where(p.c.enterprise_id == enterprise_id)
        if fair_id is not None:
            query = query.where(p.c.fair_id == fair_id)
        found = session.execute(query).scalars().all()
        e = schema.enterprise
        enterprise_info = {
            row.id: (row.name, row.industry)
            for row in session.execute(select(e.c.id, e.c.name, e.c.industry))
        }
        fair_names = _names(session, JobFair)
        referred: Counter[str] = Counter()
        hired: Counter[str] = Counter()
        for row in session.execute(select(r.c.position_id, r.c.state)):
            referred[row.position_id] += 1
            if row.state == "hired":
                hired[row.position_id] += 1
    rows = []
    for x in sorted(found, key=lambda x: (x.posted_on, x.title, x.id), reverse=True):
        if scope is not None and x.unit_id not in scope:
            continue
        filled = is_filled(x.openings, hired[x.id])
        open_now = is_open(x, today) and not filled
        if open_only and not open_now:
            continue
        enterprise_name, industry = enterprise_info.get(x.enterprise_id, (GONE_ENTERPRISE, ""))
        rows.append(
            PositionRow(
                id=x.id,
                unit_id=x.unit_id,
                unit_name=_unit_name(units, x.unit_id),
                enterprise_id=x.enterprise_id,
                enterprise_name=enterprise_name,
                industry=industry,
                industry_label=codes.INDUSTRY.label(industry) if industry else "",
                title=x.title,
                place=x.place,
                region=x.region,
                region_label=codes.REGION.label(x.region),
                pay_min_fen=x.pay_min_fen,
                pay_max_fen=x.pay_max_fen,
                pay_text=employment.pay_text(x.pay_min_fen, x.pay_max_fen),
                majors=tuple(employment.json_list(x.majors)),
                skill_level=x.skill_level,
                skill_label=codes.SKILL_LEVEL.label(x.skill_level),
                openings=x.openings,
                posted_on=x.posted_on,
                deadline=x.deadline,
                agreement_id=x.agreement_id,
                fair_id=x.fair_id,
                fair_name=fair_names.get(x.fair_id, GONE_FAIR) if x.fair_id else "",
                note=x.note,
                referred=referred[x.id],
                hired=hired[x.id],
                is_open=open_now,
                filled=filled,
            )
        )
    return rows


def fairs(db: Database) -> list[FairRow]:
    """Every job fair, latest first, with its positions, invitations, attendance, referrals and hires."""
    p, i, r = schema.job_position, schema.fair_invitation, schema.job_referral
    with db.read() as session:
        found = session.execute(select(JobFair)).scalars().all()
        units = _units(session)
        school_names = _names(session, School)
        enterprise_names = _names(session, Enterprise)
        position_count = Counter(
            row.fair_id for row in session.execute(select(p.c.fair_id).where(p.c.fair_id.is_not(None)))
        )
        invited: Counter[str] = Counter()
        attended: Counter[str] = Counter()
        for row in session.execute(select(i.c.fair_id, i.c.attended)):
            invited[row.fair_id] += 1
            if row.attended:
                attended[row.fair_id] += 1
        referred: Counter[str] = Counter()
        hired: Counter[str] = Counter()
        for row in session.execute(select(r.c.fair_id, r.c.state).where(r.c.fair_id.is_not(None))):
            referred[row.fair_id] += 1
            if row.state == "hired":
                hired[row.fair_id] += 1
    rows = []
    for f in sorted(found, key=lambda f: (f.held_on, f.name, f.id), reverse=True):
        school_ids = tuple(employment.json_list(f.school_ids))
        enterprise_ids = tuple(employment.json_list(f.enterprise_ids))
        rows.append(
            FairRow(
                id=f.id,
                unit_id=f.unit_id,
                unit_name=_unit_name(units, f.unit_id),
                name=f.name,
                held_on=f.held_on,
                place=f.place,
                school_ids=school_ids,
                school_names=tuple(school_names.get(s, GONE_SCHOOL) for s in school_ids),
                enterprise_ids=enterprise_ids,
                enterprise_names=tuple(enterprise_names.get(e, GONE_ENTERPRISE) for e in enterprise_ids),
                note=f.note,
                positions=position_count[f.id],
                invited=invited[f.id],
                attended=attended[f.id],
                referred=referred[f.id],
                hired=hired[f.id],
            )
        )
    return rows


def campaigns(db: Database, *, unit_id: str | None = None) -> list[CampaignRow]:
    """Policy campaigns, latest first; ``unit_id``: those run by that unit or a unit below it."""
    c = schema.campaign_reach
    with db.read() as session:
        found = session.execute(select(PolicyCampaign)).scalars().all()
        units = _units(session)
        scope = _under(units, unit_id)
        reached = Counter(row.campaign_id for row in session.execute(select(c.c.campaign_id)))
    return [
        CampaignRow(
            id=x.id,
            unit_id=x.unit_id,
            unit_name=_unit_name(units, x.unit_id),
            moment=x.moment,
            moment_label=codes.CAMPAIGN_MOMENT.label(x.moment),
            held_on=x.held_on,
            topic=x.topic,
            place=x.place,
            held_by=x.held_by,
            note=x.note,
            reached=reached[x.id],
        )
        for x in sorted(found, key=lambda x: (x.held_on, x.topic, x.id), reverse=True)
        if scope is None or x.unit_id in scope
    ]


def load(db: Database, entity_type: type[T], record_id: str) -> T:
    """One stored record (detached, safe to edit and pass to a save); ``NotFound`` (Chinese) if it is gone."""
    with db.read() as session:
        found = session.get(entity_type, record_id)
        if found is None:
            what = _WHAT.get(entity_type, "记录")
            raise NotFound(f"找不到{what}（编号 {record_id}），可能已被删除")
        session.expunge(found)
        return found


# --- saves ----------------------------------------------------------------------------------------------------


def _store(session: Session, record: T) -> str:
    """Insert ``record`` (a copy, so the caller's object stays detached) or update the stored one's changed
    fields; the id."""
    record_id: str = getattr(record, "id")  # noqa: B009 - every entity has an id
    stored = session.get(type(record), record_id)
    if stored is None:
        session.add(dataclasses.replace(record))  # type: ignore[type-var]
    else:
        for name in rules.changed_fields(stored, record):
            setattr(stored, name, getattr(record, name))
    session.flush()
    return record_id


def home_county_id(session: Session) -> str:
    """The county of this laptop's unit: where new schools, enterprises and agreements belong."""
    return records.county_of(session, home_unit(session).id).id


def _unit_issues(session: Session, cls: type, unit_id: str) -> list[Issue]:
    if session.get(OrgUnit, unit_id) is None:
        return [_issue(cls, "unit_id", f"找不到单位（编号 {unit_id}），可能已被删除")]
    return []


def _exists(session: Session, cls: type, record_id: str | None) -> bool:
    return record_id is None or session.get(cls, record_id) is not None


def _save(
    db: Database,
    record: T,
    *,
    actor: str,
    check: Callable[[Session, T], list[Issue]],
    prepare: Callable[[Session, T], T] | None = None,
) -> str:
    cls = type(record)
    who = require_role(db, actor, cls)
    with records.writing(db, who.audit_name) as session:
        if prepare is not None:
            record = prepare(session, record)
        _require_jurisdiction(session, session.get(cls, getattr(record, "id")), record)  # noqa: B009
        issues = check(session, record)
        if any(i.is_error for i in issues):
            raise ValidationFailed(issues)
        return _store(session, record)


def _require_jurisdiction(session: Session, stored: object | None, record: object | None) -> None:
    """``AccessDenied`` when a save (``record``; None: a delete) would change a record of a unit outside this
    laptop's jurisdiction, before or after the change; records without a unit (county reference data, decided by
    the role) pass. Saving a record unchanged writes nothing, so it passes too."""
    if not hasattr(stored if stored is not None else record, "unit_id"):
        return
    if record is not None and stored is not None and not rules.changed_fields(stored, record):
        return
    reach = jurisdiction(session)
    for version in (stored, record):
        unit_id = getattr(version, "unit_id", None)
        problem = reach.refusal(unit_id) if isinstance(unit_id, str) and unit_id else None
        if problem is not None:
            named = stored if stored is not None else version  # as the laptop shows it now
            raise AccessDenied(f"{_WHAT[type(named)]}“{_title(named)}”{problem}")


def _with_county(session: Session, record: T) -> T:
    if not getattr(record, "county_id"):  # noqa: B009
        return dataclasses.replace(record, county_id=home_county_id(session))  # type: ignore[type-var]
    return record


def _with_unit(session: Session, record: T) -> T:
    if not getattr(record, "unit_id"):  # noqa: B009
        return dataclasses.replace(record, unit_id=home_unit(session).id)  # type: ignore[type-var]
    return record


def _stored_schools(session: Session) -> list[School]:
    return list(session.execute(select(School)).scalars())


def school_duplicate(school: School, stored: Iterable[School]) -> School | None:
    """Another school of the same name (schools are told apart by name)."""
    key = "".join(school.name.split())
    return next((s for s in stored if s.id != school.id and "".join(s.name.split()) == key), None)


def save_school(db: Database, school: School, *, actor: str) -> str:
    """Insert a new school or update the changed fields of a stored one; the id."""

    def check(session: Session, s: School) -> list[Issue]:
        issues = employment.school_issues(s)
        other = school_duplicate(s, _stored_schools(session))
        if other is not None:
            issues.append(_issue(School, "name", f"已有同名学校“{other.name}”，请勿重复录入"))
        return issues

    return _save(db, school, actor=actor, check=check, prepare=_with_county)


def enterprise_duplicate_message(enterprise: Enterprise, other: Enterprise) -> Issue:
    """The issue naming the other record of the same enterprise, and why it is the same."""
    if enterprise.credit_code and enterprise.credit_code == other.credit_code:
        return _issue(
            Enterprise,
            "credit_code",
            f"与已有企业“{other.name}”重复（同一统一社会信用代码 {other.credit_code}）",
        )
    where = f"（{other.place}）" if other.place else ""
    return _issue(Enterprise, "name", f"与已有企业“{other.name}”{where}重复（同名同地）")


def _normalized_enterprise(session: Session, enterprise: Enterprise) -> Enterprise:
    enterprise = _with_county(session, enterprise)
    code = employment.normalize_credit_code(enterprise.credit_code)
    if code != enterprise.credit_code:
        enterprise = dataclasses.replace(enterprise, credit_code=code)
    return enterprise


def save_enterprise(db: Database, enterprise: Enterprise, *, actor: str) -> str:
    """Insert or update an enterprise; another stored record of the same enterprise (same credit code, or same
    name in the same place) is refused, naming it."""

    def check(session: Session, e: Enterprise) -> list[Issue]:
        issues = employment.enterprise_issues(e)
        other = employment.duplicate_enterprise(e, list(session.execute(select(Enterprise)).scalars()))
        if other is not None:
            issues.append(enterprise_duplicate_message(e, other))
        return issues

    return _save(db, enterprise, actor=actor, check=check, prepare=_normalized_enterprise)


def save_agreement(db: Database, agreement: EmploymentAgreement, *, actor: str) -> str:
    """Insert or update an agreement (its school and enterprises must be on this laptop)."""

    def check(session: Session, a: EmploymentAgreement) -> list[Issue]:
        issues = employment.agreement_issues(a)
        if not _exists(session, School, a.school_id):
            issues.append(_issue(EmploymentAgreement, "school_id", "所选学校已不存在，请重新选择"))
        missing = [e for e in employment.json_list(a.enterprise_ids) if session.get(Enterprise, e) is None]
        if missing:
            issues.append(_issue(EmploymentAgreement, "enterprise_ids", "所选企业中有已不存在的，请重新选择"))
        return issues

    return _save(db, agreement, actor=actor, check=check, prepare=_with_county)


def save_position(db: Database, position: JobPosition, *, actor: str) -> str:
    """Insert or update a position (``unit_id`` empty: this laptop's unit)."""

    def check(session: Session, x: JobPosition) -> list[Issue]:
        issues = employment.position_issues(x) + _unit_issues(session, JobPosition, x.unit_id)
        if x.enterprise_id and not _exists(session, Enterprise, x.enterprise_id):
            issues.append(_issue(JobPosition, "enterprise_id", "所选企业已不存在，请重新选择"))
        if not _exists(session, EmploymentAgreement, x.agreement_id):
            issues.append(_issue(JobPosition, "agreement_id", "所选合作协议已不存在，请重新选择"))
        if not _exists(session, JobFair, x.fair_id):
            issues.append(_issue(JobPosition, "fair_id", "所选招聘会已不存在，请重新选择"))
        return issues

    return _save(db, position, actor=actor, check=check, prepare=_with_unit)


def save_fair(db: Database, fair: JobFair, *, actor: str) -> str:
    """Insert or update a job fair (``unit_id`` empty: this laptop's unit)."""

    def check(session: Session, f: JobFair) -> list[Issue]:
        issues = employment.fair_issues(f) + _unit_issues(session, JobFair, f.unit_id)
        if any(session.get(School, s) is None for s in employment.json_list(f.school_ids)):
            issues.append(_issue(JobFair, "school_ids", "所选学校中有已不存在的，请重新选择"))
        if any(session.get(Enterprise, e) is None for e in employment.json_list(f.enterprise_ids)):
            issues.append(_issue(JobFair, "enterprise_ids", "所选企业中有已不存在的，请重新选择"))
        return issues

    return _save(db, fair, actor=actor, check=check, prepare=_with_unit)


def save_campaign(db: Database, campaign: PolicyCampaign, *, actor: str, today: date | None = None) -> str:
    """Insert or update a policy campaign (any role; ``unit_id`` empty: this laptop's unit)."""
    day = _today(today)

    def check(session: Session, c: PolicyCampaign) -> list[Issue]:
        return employment.campaign_issues(c, today=day) + _unit_issues(session, PolicyCampaign, c.unit_id)

    return _save(db, campaign, actor=actor, check=check, prepare=_with_unit)


# --- delete ---------------------------------------------------------------------------------------------------


def _json_holds(session: Session, table: Any, column: str, record_id: str) -> int:
    return sum(
        1
        for row in session.execute(select(table.c[column]).where(table.c[column].contains(record_id)))
        if record_id in employment.json_list(row[0])
    )


def _references(session: Session, cls: type, record_id: str) -> list[str]:
    """What still points at a record, as Chinese phrases ("2 个岗位")."""
    p, a, f = schema.job_position, schema.employment_agreement, schema.job_fair

    def count(table: Any, column: str) -> int:
        return len(session.execute(select(table.c.id).where(table.c[column] == record_id)).all())

    found: list[tuple[int, str]] = []
    if cls is School:
        found = [
            (count(a, "school_id"), "份合作协议"),
            (_json_holds(session, f, "school_ids", record_id), "场招聘会"),
        ]
    elif cls is Enterprise:
        found = [
            (count(p, "enterprise_id"), "个岗位"),
            (_json_holds(session, a, "enterprise_ids", record_id), "份合作协议"),
            (_json_holds(session, f, "enterprise_ids", record_id), "场招聘会"),
        ]
    elif cls is EmploymentAgreement:
        found = [(count(p, "agreement_id"), "个岗位")]
    elif cls is JobPosition:
        found = [(count(schema.job_referral, "position_id"), "条推荐记录")]
    elif cls is JobFair:
        found = [
            (count(p, "fair_id"), "个岗位"),
            (count(schema.fair_invitation, "fair_id"), "条邀请记录"),
            (count(schema.job_referral, "fair_id"), "条推荐记录"),
        ]
    elif cls is PolicyCampaign:
        found = [(count(schema.campaign_reach, "campaign_id"), "条宣传对象记录")]
    return [f"{n} {what}" for n, what in found if n]


def _title(record: object) -> str:
    return str(
        getattr(record, "name", None) or getattr(record, "title", None) or getattr(record, "topic", "")
    )


def delete_reference(db: Database, entity: str, record_id: str, *, actor: str) -> None:
    """Delete a reference record (``entity``: school, enterprise, employment_agreement/agreement,
    job_position/position, job_fair/fair, policy_campaign/campaign); refused while anything points at it."""
    if entity not in ENTITIES:
        raise ValueError(f"unknown reference entity {entity!r}")
    cls, what = ENTITIES[entity]
    who = require_role(db, actor, cls)
    with records.writing(db, who.audit_name) as session:
        record = session.get(cls, record_id)
        if record is None:
            raise NotFound(f"找不到{what}（编号 {record_id}），可能已被删除")
        _require_jurisdiction(session, record, None)
        used = _references(session, cls, record_id)
        if used:
            raise ValidationFailed(
                [
                    Issue(
                        field="id",
                        label=what,
                        message=f"“{_title(record)}”还被{'、'.join(used)}引用，不能删除；请先删除或改掉这些记录",
                    )
                ]
            )
        session.delete(record)


# --- duplicates -----------------------------------------------------------------------------------------------


def duplicate_enterprises(
    db: Database, *, today: date | None = None
) -> list[tuple[EnterpriseRow, EnterpriseRow]]:
    """Pairs of stored enterprises of one county that are one enterprise (same credit code, or same name in the
    same place), e.g. entered by two laptops and synced in; the earlier-made record (smaller id) first. Two
    counties each keep their own record of an enterprise both work with: that is no duplicate."""
    with db.read() as session:
        found = sorted(session.execute(select(Enterprise)).scalars(), key=lambda e: e.id)
        counts = _open_counts(session, _today(today))
    pairs = []
    seen: dict[str, list[Enterprise]] = {}
    for e in found:
        county = seen.setdefault(e.county_id, [])
        for other in county:
            if employment.duplicate_enterprise(e, [other]) is not None:
                pairs.append((_enterprise_row(other, counts[other.id]), _enterprise_row(e, counts[e.id])))
        county.append(e)
    return pairs
