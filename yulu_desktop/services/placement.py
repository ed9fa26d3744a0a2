"""Helping one graduate into work (就业帮扶, issue 16): career plans, job fair invitations, referrals to positions
and their outcomes, follow-ups after a start (稳岗回访), placement actions for a graduate not employed, and the
people a policy campaign reached.

Every role in the person's scope writes these records (they belong to the person). Each write is one
transaction: a hire (录用) writes the referral's outcome and the new employment entry together, or neither.
References other than the person are plain ids (a position, fair or campaign may be deleted or not synced yet):
the lists then say so ("（岗位已删除）") instead of failing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, func, literal_column, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain import matching as domain_matching
from yulu_desktop.domain.employment import (
    FOLLOW_UP_MONTHS,
    REFERRAL_STEPS,
    career_plan_issues,
    follow_up_schedule,
    json_list,
    placement_action_issues,
    referral_issues,
)
from yulu_desktop.domain.entities import (
    CampaignReach,
    CareerPlan,
    EmploymentFollowUp,
    EmploymentRecord,
    Enterprise,
    FairInvitation,
    JobFair,
    JobPosition,
    JobReferral,
    Person,
    PlacementAction,
    PolicyCampaign,
    new_id,
)
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed, YuluError, raise_if_errors
from yulu_desktop.services import acting, records
from yulu_desktop.services.employment_reference import GONE_ENTERPRISE, GONE_FAIR, is_filled
from yulu_desktop.services.subsidy import units_under
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "DELETED_FAIR",
    "DELETED_POSITION",
    "STALE_FOLLOW_UP_DAYS",
    "FollowUpRow",
    "InvitationRow",
    "PlacementActionRow",
    "ReferralRow",
    "add_placement_action",
    "career_plans",
    "due_follow_ups",
    "finish_placement_action",
    "follow_up_issues",
    "follow_up_job_problem",
    "follow_ups",
    "follow_ups_due",
    "hire_record",
    "invitations",
    "invite",
    "latest_major",
    "placement_actions",
    "reach",
    "reached",
    "record_follow_up",
    "record_outcome",
    "refer",
    "referrals",
    "save_career_plan",
    "set_attendance",
    "write_hire",
]

#: What a list shows for a position or fair that is gone (deleted, or not synced to this laptop yet).
DELETED_POSITION = "（岗位已删除）"
DELETED_FAIR = GONE_FAIR
DELETED_ENTERPRISE = GONE_ENTERPRISE
#: A follow-up overdue for longer than this is no longer listed as due (see :func:`follow_ups_due`).
STALE_FOLLOW_UP_DAYS = 365
#: Referral states still waiting for an outcome.
OPEN_REFERRAL_STATES = frozenset({"referred", "interview"})


@dataclass(frozen=True)
class InvitationRow:
    id: str
    person_id: str
    person_name: str
    village_name: str
    fair_id: str
    fair_name: str
    held_on: date | None
    invited_on: date
    attended: bool | None
    note: str


@dataclass(frozen=True)
class ReferralRow:
    id: str
    person_id: str
    person_name: str
    village_name: str
    position_id: str
    position_title: str
    enterprise_name: str
    fair_id: str | None
    fair_name: str
    referred_on: date
    referred_by: str
    state: str
    state_label: str
    outcome_on: date | None
    outcome_reason: str
    employment_record_id: str | None
    note: str
    next_states: tuple[str, ...]  # the outcomes that may be recorded next (codes.REFERRAL_STATE order)


@dataclass(frozen=True)
class FollowUpRow:
    """One follow-up of a job (done or owed); ``month`` is 1, 3, 6 or 12."""

    employment_record_id: str
    person_id: str
    person_name: str
    village_name: str
    employer: str
    job: str
    started_on: date
    month: int
    due_on: date
    done_on: date | None
    overdue: bool
    still_employed: bool | None
    note: str


@dataclass(frozen=True)
class PlacementActionRow:
    id: str
    person_id: str
    recorded_on: date
    reason: str
    reason_label: str
    next_action: str
    due_on: date
    done_on: date | None
    overdue: bool
    recorded_by: str
    note: str


# --- helpers --------------------------------------------------------------------------------------------------


def _today(today: date | None) -> date:
    return today or date.today()


def _issue(field: str, label: str, message: str) -> Issue:
    return Issue(field=field, label=label, message=message)


def _refuse(field: str, label: str, message: str) -> ValidationFailed:
    return ValidationFailed([_issue(field, label, message)])


def _actor_name(db: Database, actor: str) -> str:
    return acting.current_actor(db, actor).name


def _person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"本机数据中没有这个人员（编号 {person_id}），可能已被删除或不在本辖区")
    return person


def _people(conn: Connection, person_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """person id → (name, village name) for those of ``person_ids`` on this laptop."""
    p, h, v = schema.person, schema.household, schema.org_unit
    wanted = sorted(set(person_ids))
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = (
            select(p.c.id, p.c.name, v.c.name.label("village"))
            .join(h, h.c.id == p.c.household_id)
            .join(v, v.c.id == h.c.village_id)
            .where(p.c.id.in_(chunk))
        )
        for row in conn.execute(query):
            found[row.id] = (row.name, row.village)
    return found


def _missing_people(session: Session, person_ids: Sequence[str]) -> list[str]:
    known = _people(session.connection(), person_ids)
    return [pid for pid in dict.fromkeys(person_ids) if pid not in known]


def _unknown_people_issue(missing: Sequence[str]) -> ValidationFailed:
    shown = "、".join(missing[:3]) + ("等" if len(missing) > 3 else "")
    return _refuse("person_id", "人员", f"有{len(missing)}人不在本机数据中（编号 {shown}），请先同步或核对")


def latest_major(conn: Connection, person_id: str) -> str:
    """The major of the person's latest enrollment ("" when none)."""
    e = schema.enrollment
    found = conn.execute(
        select(e.c.major)
        .where(e.c.person_id == person_id)
        .order_by(
            e.c.school_year.desc(), e.c.semester.desc()
        )  # spring closes a school year: later than autumn
        .limit(1)
    ).scalar()
    return str(found or "")


def _state_order(states: Iterable[str]) -> tuple[str, ...]:
    wanted = set(states)
    return tuple(code for code in codes.REFERRAL_STATE.labels if code in wanted)


# --- career plans ---------------------------------------------------------------------------------------------


def career_plans(db: Database, person_id: str) -> list[CareerPlan]:
    """The person's career plans, newest first (the first is the plan in force)."""
    c = schema.career_plan
    with db.read() as session:
        plans = (
            session.execute(
                select(CareerPlan)
                .where(c.c.person_id == person_id)
                .order_by(c.c.recorded_on.desc(), literal_column("career_plan.rowid").desc())
            )
            .scalars()
            .all()
        )
        session.expunge_all()
    return list(plans)


def save_career_plan(db: Database, plan: CareerPlan, *, actor: str, today: date | None = None) -> str:
    """Record a career plan or a review of it: always a new row (the history is kept). Returns its id."""
    day = _today(today)
    name = _actor_name(db, actor)
    row = dataclasses.replace(plan, id=new_id(), recorded_by=plan.recorded_by.strip() or name)
    with records.writing(db, actor) as session:
        _person(session, row.person_id)
        raise_if_errors(career_plan_issues(row, today=day))
        session.add(row)
    return row.id


# --- job fairs ------------------------------------------------------------------------------------------------


def invite(
    db: Database, fair_id: str, person_ids: Sequence[str], *, actor: str, today: date | None = None
) -> int:
    """Invite people to a job fair; those already invited are skipped. Returns how many were invited now."""
    day = _today(today)
    i = schema.fair_invitation
    with records.writing(db, actor) as session:
        fair = session.get(JobFair, fair_id)
        if fair is None:
            raise NotFound("找不到这个招聘会，可能已被删除或尚未同步")
        missing = _missing_people(session, person_ids)
        if missing:
            raise _unknown_people_issue(missing)
        invited = set(session.execute(select(i.c.person_id).where(i.c.fair_id == fair_id)).scalars())
        added = 0
        for person_id in dict.fromkeys(person_ids):
            if person_id in invited:
                continue
            session.add(FairInvitation(person_id=person_id, fair_id=fair_id, invited_on=day))
            added += 1
    return added


def set_attendance(db: Database, invitation_ids: str | Sequence[str], attended: bool, *, actor: str) -> None:
    """Mark whether invited people came to the fair, all in one transaction: an invitation not found (deleted
    meanwhile) refuses the whole marking."""
    ids = [invitation_ids] if isinstance(invitation_ids, str) else list(dict.fromkeys(invitation_ids))
    with records.writing(db, actor) as session:
        for invitation_id in ids:
            invitation = session.get(FairInvitation, invitation_id)
            if invitation is None:
                raise NotFound("找不到这条招聘会邀请，可能已被删除；请刷新后重新选择")
            if invitation.attended is not attended:
                invitation.attended = attended


def invitations(
    db: Database, *, fair_id: str | None = None, person_id: str | None = None
) -> list[InvitationRow]:
    """Invitations of a fair or of a person (or all), by fair date, village and name."""
    i, f = schema.fair_invitation, schema.job_fair
    query: Select[Any] = select(i, f.c.name.label("fair_name"), f.c.held_on).outerjoin(
        f, f.c.id == i.c.fair_id
    )
    if fair_id is not None:
        query = query.where(i.c.fair_id == fair_id)
    if person_id is not None:
        query = query.where(i.c.person_id == person_id)
    with db.read_connection() as conn:
        rows = conn.execute(query).all()
        people = _people(conn, (row.person_id for row in rows))
    found = [
        InvitationRow(
            id=row.id,
            person_id=row.person_id,
            person_name=people.get(row.person_id, ("", ""))[0],
            village_name=people.get(row.person_id, ("", ""))[1],
            fair_id=row.fair_id,
            fair_name=row.fair_name if row.fair_name is not None else DELETED_FAIR,
            held_on=row.held_on,
            invited_on=row.invited_on,
            attended=row.attended,
            note=row.note or "",
        )
        for row in rows
    ]
    found.sort(key=lambda r: (r.held_on or date.min, r.fair_id, r.village_name, r.person_name, r.id))
    return found


# --- referrals ------------------------------------------------------------------------------------------------


def refer(
    db: Database,
    person_id: str,
    position_id: str,
    *,
    actor: str,
    fair_id: str | None = None,
    note: str = "",
    today: date | None = None,
) -> str:
    """推荐: refer a person to a position. Refused while the same person has an open referral to it, when the
    position's deadline has passed or it is filled (已招满: as many hires recorded on this laptop as it has
    openings), or when the person is not on this laptop. Returns the referral id."""
    day = _today(today)
    name = _actor_name(db, actor)
    r = schema.job_referral
    with records.writing(db, actor) as session:
        person = _person(session, person_id)
        position = session.get(JobPosition, position_id)
        if position is None:
            raise NotFound("找不到这个岗位，可能已被删除或尚未同步")
        if position.deadline is not None and position.deadline < day:
            raise _refuse(
                "position_id",
                "岗位",
                f"岗位“{position.title}”已于{position.deadline.isoformat()}截止，不能再推荐",
            )
        hired = session.execute(
            select(func.count()).where(r.c.position_id == position_id, r.c.state == "hired")
        ).scalar_one()
        if is_filled(position.openings, hired):
            raise _refuse(
                "position_id",
                "岗位",
                f"岗位“{position.title}”已招满（招 {position.openings} 人，已录用 {hired} 人），不能再推荐",
            )
        open_one = session.execute(
            select(r.c.referred_on).where(
                r.c.person_id == person_id,
                r.c.position_id == position_id,
                r.c.state.in_(sorted(OPEN_REFERRAL_STATES)),
            )
        ).first()
        if open_one is not None:
            raise _refuse(
                "position_id",
                "岗位",
                f"{person.name}已于{open_one.referred_on.isoformat()}推荐到岗位“{position.title}”，"
                "结果尚未登记，不能重复推荐",
            )
        referral = JobReferral(
            person_id=person_id,
            position_id=position_id,
            fair_id=fair_id or None,
            referred_on=day,
            referred_by=name,
            note=note.strip(),
        )
        raise_if_errors(referral_issues(referral, old_state=None, today=day))
        session.add(referral)
    return referral.id


def hire_record(
    session: Session,
    referral: JobReferral,
    *,
    effective_date: date,
    monthly_income_fen: int | None,
    today: date,
) -> EmploymentRecord:
    """The employment entry a hire writes (not yet added)."""
    position = session.get(JobPosition, referral.position_id)
    if position is None:
        raise YuluError("推荐的岗位已被删除，无法登记录用；请在“就业去向”中直接新增一条就业记录")
    enterprise = session.get(Enterprise, position.enterprise_id)
    if enterprise is None:
        raise YuluError(
            f"岗位“{position.title}”的企业已被删除，无法登记录用；请在“就业去向”中直接新增就业记录"
        )
    majors = tuple(json_list(position.majors))
    matches_major: bool | None = None
    if majors:
        graduate = domain_matching.GraduateProfile(
            person_id=referral.person_id,
            name="",
            major=latest_major(session.connection(), referral.person_id),
        )
        profile = domain_matching.PositionProfile(
            position_id=position.id,
            title=position.title,
            enterprise=enterprise.name,
            industry=enterprise.industry,
            region=position.region,
            majors=majors,
        )
        matches_major = domain_matching.major_fit(graduate, profile) in ("same", "related")
    if referral.fair_id:
        channel = "job_fair"
    elif position.agreement_id:
        channel = "school_enterprise"
    else:
        channel = "public_service"
    record = EmploymentRecord(
        person_id=referral.person_id,
        effective_date=effective_date,
        destination="employed",
        employer=enterprise.name,
        industry=codes.INDUSTRY.label(enterprise.industry) if enterprise.industry else "",
        job=position.title,
        place=position.place,
        region=position.region,
        channel=channel,
        monthly_income_fen=monthly_income_fen if monthly_income_fen is not None else position.pay_min_fen,
        matches_major=matches_major,
        source="visit",
        recorded_at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
        referral_id=referral.id,
    )
    raise_if_errors(rules.employment_issues(record, today=today))
    return record


def write_hire(session: Session, referral: JobReferral, record: EmploymentRecord) -> None:
    session.add(record)
    session.flush()
    referral.employment_record_id = record.id
    session.flush()


def record_outcome(
    db: Database,
    referral_id: str,
    state: str,
    *,
    actor: str,
    reason: str = "",
    on: date | None = None,
    start_on: date | None = None,
    monthly_income_fen: int | None = None,
    today: date | None = None,
) -> str | None:
    """Record a referral's outcome (面试, 录用, 未录用 with a reason, 放弃 with a reason). A hire also writes the
    employment entry in the same transaction. Returns the new employment entry's id for a hire, else None."""
    day = _today(today)
    outcome_on = on or day
    with records.writing(db, actor) as session:
        referral = session.get(JobReferral, referral_id)
        if referral is None:
            raise NotFound("找不到这条推荐记录，可能已被删除")
        old_state = referral.state
        if state == old_state:
            raise _refuse("state", "推荐状态", f"推荐已是“{codes.REFERRAL_STATE.label(state)}”，无需重复登记")
        draft = dataclasses.replace(
            referral, state=state, outcome_on=outcome_on, outcome_reason=reason.strip()
        )
        issues = referral_issues(draft, old_state=old_state, today=day)
        if outcome_on > day:
            issues.append(_issue("outcome_on", "结果日期", "结果日期不能晚于今天"))
        if monthly_income_fen is not None and monthly_income_fen < 0:
            issues.append(_issue("monthly_income_fen", "月收入", "月收入不能为负数"))
        if start_on is not None and start_on < referral.referred_on:
            issues.append(_issue("start_on", "上岗日期", "上岗日期不能早于推荐日期"))
        raise_if_errors(issues)
        record = None
        if state == "hired":
            record = hire_record(
                session,
                referral,
                effective_date=start_on or outcome_on,
                monthly_income_fen=monthly_income_fen,
                today=day,
            )
        referral.state = state
        referral.outcome_on = outcome_on
        referral.outcome_reason = draft.outcome_reason
        session.flush()
        if record is not None:
            write_hire(session, referral, record)
    return record.id if record is not None else None


def referrals(
    db: Database,
    *,
    person_id: str | None = None,
    position_id: str | None = None,
    fair_id: str | None = None,
) -> list[ReferralRow]:
    """Referrals of a person, a position or a fair (or all), newest first."""
    r, jp, en, f = schema.job_referral, schema.job_position, schema.enterprise, schema.job_fair
    query: Select[Any] = (
        select(
            r,
            jp.c.title.label("position_title"),
            jp.c.enterprise_id,
            en.c.name.label("enterprise_name"),
            f.c.name.label("fair_name"),
        )
        .outerjoin(jp, jp.c.id == r.c.position_id)
        .outerjoin(en, en.c.id == jp.c.enterprise_id)
        .outerjoin(f, f.c.id == r.c.fair_id)
    )
    if person_id is not None:
        query = query.where(r.c.person_id == person_id)
    if position_id is not None:
        query = query.where(r.c.position_id == position_id)
    if fair_id is not None:
        query = query.where(r.c.fair_id == fair_id)
    with db.read_connection() as conn:
        rows = conn.execute(query).all()
        people = _people(conn, (row.person_id for row in rows))
    found = []
    for row in rows:
        name, village = people.get(row.person_id, ("", ""))
        if row.position_title is None:
            enterprise = ""
        else:
            enterprise = row.enterprise_name if row.enterprise_name is not None else DELETED_ENTERPRISE
        found.append(
            ReferralRow(
                id=row.id,
                person_id=row.person_id,
                person_name=name,
                village_name=village,
                position_id=row.position_id,
                position_title=row.position_title if row.position_title is not None else DELETED_POSITION,
                enterprise_name=enterprise,
                fair_id=row.fair_id,
                fair_name="" if not row.fair_id else (row.fair_name or DELETED_FAIR),
                referred_on=row.referred_on,
                referred_by=row.referred_by or "",
                state=row.state,
                state_label=codes.REFERRAL_STATE.label(row.state),
                outcome_on=row.outcome_on,
                outcome_reason=row.outcome_reason or "",
                employment_record_id=row.employment_record_id,
                note=row.note or "",
                next_states=_state_order(REFERRAL_STEPS.get(row.state, frozenset())),
            )
        )
    found.sort(key=lambda x: (x.referred_on, x.id), reverse=True)
    return found


# --- follow-ups (稳岗回访) -------------------------------------------------------------------------------------


def _jobs_query() -> Select[Any]:
    er = schema.employment_record
    return select(
        er.c.id,
        er.c.person_id,
        er.c.effective_date,
        er.c.destination,
        er.c.employer,
        er.c.job,
        er.c.recorded_at,
    ).where(er.c.voided_on.is_(None))


def _job_starts(rows: Iterable[Any]) -> dict[str, list[tuple[Any, date | None]]]:
    """person id → their job starts (employment entries with an employed destination), each with the day it
    ended (the next entry's effective date; None while it is the latest)."""
    by_person: dict[str, list[Any]] = {}
    for row in rows:
        by_person.setdefault(row.person_id, []).append(row)
    starts: dict[str, list[tuple[Any, date | None]]] = {}
    for person_id, entries in by_person.items():
        entries.sort(key=lambda e: (e.effective_date, e.recorded_at, e.id))
        for index, entry in enumerate(entries):
            if entry.destination not in codes.EMPLOYED_DESTINATIONS:
                continue
            ended = entries[index + 1].effective_date if index + 1 < len(entries) else None
            starts.setdefault(person_id, []).append((entry, ended))
    return starts


def _done(conn: Connection, record_ids: Sequence[str]) -> dict[str, list[tuple[int, date, bool, str]]]:
    """employment record id → its follow-ups (month, done on, still employed, note), earliest first."""
    fu = schema.employment_follow_up
    found: dict[str, list[tuple[int, date, bool, str]]] = {}
    wanted = sorted(set(record_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        query = select(
            fu.c.employment_record_id, fu.c.due_month, fu.c.done_on, fu.c.still_employed, fu.c.note
        ).where(fu.c.employment_record_id.in_(chunk))
        for row in conn.execute(query):
            found.setdefault(row.employment_record_id, []).append(
                (row.due_month, row.done_on, bool(row.still_employed), row.note or "")
            )
    for values in found.values():
        values.sort(key=lambda v: (v[1], v[0]))
    return found


def _follow_up_rows(
    entry: Any,
    ended: date | None,
    done: list[tuple[int, date, bool, str]],
    person: tuple[str, str],
    day: date,
) -> list[FollowUpRow]:
    start: date = entry.effective_date
    by_month: dict[int, tuple[int, date, bool, str]] = {}
    for item in done:
        by_month.setdefault(item[0], item)  # the earliest counts
    rows = []
    for due in follow_up_schedule(start, [(m, d) for m, d, _, _ in done], ended_on=ended):
        recorded = by_month.get(due.month)
        rows.append(
            FollowUpRow(
                employment_record_id=entry.id,
                person_id=entry.person_id,
                person_name=person[0],
                village_name=person[1],
                employer=entry.employer or "",
                job=entry.job or "",
                started_on=start,
                month=due.month,
                due_on=due.due_on,
                done_on=due.done_on,
                overdue=due.overdue(day),
                still_employed=recorded[2] if recorded else None,
                note=recorded[3] if recorded else "",
            )
        )
    return rows


def follow_ups(db: Database, person_id: str, *, today: date | None = None) -> list[FollowUpRow]:
    """The follow-ups of every job start of the person (done and owed), by start and month."""
    day = _today(today)
    er = schema.employment_record
    with db.read_connection() as conn:
        rows = conn.execute(_jobs_query().where(er.c.person_id == person_id)).all()
        starts = _job_starts(rows).get(person_id, [])
        done = _done(conn, [entry.id for entry, _ in starts])
        person = _people(conn, [person_id]).get(person_id, ("", ""))
    found: list[FollowUpRow] = []
    for entry, ended in starts:
        found += _follow_up_rows(entry, ended, done.get(entry.id, []), person, day)
    found.sort(key=lambda r: (r.started_on, r.employment_record_id, r.month))
    return found


def follow_ups_due(
    db: Database, *, unit_id: str | None = None, today: date | None = None, within_days: int = 7
) -> list[FollowUpRow]:
    """Follow-ups not done of current jobs (the person's latest entry) that are overdue or due within
    ``within_days``, for the people under ``unit_id``; earliest due first. A follow-up overdue for more than
    :data:`STALE_FOLLOW_UP_DAYS` is not listed any more (a job entered long after it started, or from before
    follow-ups were kept, would otherwise stay on the list for ever); ``follow_ups`` still shows it."""
    with db.read_connection() as conn:
        return due_follow_ups(conn, unit_id=unit_id, day=_today(today), within_days=within_days)


def due_follow_ups(
    conn: Connection, *, unit_id: str | None, day: date, within_days: int
) -> list[FollowUpRow]:
    """:func:`follow_ups_due` on an open connection (今日工作 reads it with its other sections)."""
    horizon = day + dt.timedelta(days=max(0, within_days))
    stale = day - dt.timedelta(days=STALE_FOLLOW_UP_DAYS)
    # Entries before this day cannot start a job with a follow-up due since ``stale`` (the last is due 12
    # months after the start); any entry after a job start is later still, so the history that matters is read.
    since = stale - dt.timedelta(days=31 * max(FOLLOW_UP_MONTHS) + 1)
    er, p, h = schema.employment_record, schema.person, schema.household
    query = (
        _jobs_query()
        .join(p, p.c.id == er.c.person_id)
        .join(h, h.c.id == p.c.household_id)
        .where(p.c.status == "normal", er.c.effective_date >= since)
    )
    if unit_id is not None:
        query = query.where(h.c.village_id.in_(units_under(conn, unit_id)))
    starts = _job_starts(conn.execute(query).all())
    # The person's latest entry is a job (its start has no end).
    current = {person_id: jobs[-1] for person_id, jobs in starts.items() if jobs[-1][1] is None}
    done = _done(conn, [entry.id for entry, _ in current.values()])
    people = _people(conn, current)
    found: list[FollowUpRow] = []
    for person_id, (entry, ended) in current.items():
        for row in _follow_up_rows(
            entry,
            ended,
            done.get(entry.id, []),
            people.get(person_id, ("", "")),
            day,
        ):
            if row.done_on is None and stale <= row.due_on <= horizon:
                found.append(row)
    found.sort(key=lambda r: (r.due_on, r.village_name, r.person_name, r.person_id, r.month))
    return found


def follow_up_job_problem(job: EmploymentRecord) -> str | None:
    """Why a follow-up cannot be recorded for ``job`` at all (voided, or not a job start), else None."""
    if job.voided_on is not None:
        return "这条就业记录已作废，不能再登记回访"
    if job.destination not in codes.EMPLOYED_DESTINATIONS:
        return f"这条记录的去向是“{codes.DESTINATION.label(job.destination)}”，不是就业，无需稳岗回访"
    return None


def follow_up_issues(
    session: Session,
    job: EmploymentRecord,
    month: int,
    done_on: date,
    mode: str,
    *,
    today: date,
    other_than: str | None = None,
) -> list[Issue]:
    """The problems of a follow-up of ``job`` due ``month`` months after its start, done on ``done_on``: a month
    outside :data:`FOLLOW_UP_MONTHS`, a date after today or before the start, an unknown mode, or another
    follow-up of the same month already recorded (other than the one ``other_than`` names, which is being
    changed). :func:`record_follow_up` and the Excel import (``services.employment_excel_followups``) check
    these."""
    fu = schema.employment_follow_up
    issues = []
    if month not in FOLLOW_UP_MONTHS:
        months = "、".join(str(m) for m in FOLLOW_UP_MONTHS)
        issues.append(_issue("due_month", "回访月份", f"回访只在上岗后第{months}个月进行，没有第{month}个月"))
    if done_on > today:
        issues.append(_issue("done_on", "回访日期", "回访日期不能晚于今天"))
    if done_on < job.effective_date:
        issues.append(_issue("done_on", "回访日期", "回访日期不能早于上岗日期"))
    problem = codes.VISIT_MODE.problem(mode)
    if problem:
        issues.append(_issue("mode", "回访方式", problem))
    query = select(fu.c.done_on).where(fu.c.employment_record_id == job.id, fu.c.due_month == month)
    if other_than is not None:
        query = query.where(fu.c.id != other_than)
    earlier = session.execute(query.order_by(fu.c.done_on).limit(1)).scalar()
    if earlier is not None:
        issues.append(
            _issue("due_month", "回访月份", f"第{month}个月的回访已于{earlier.isoformat()}登记，不能重复登记")
        )
    return issues


def record_follow_up(
    db: Database,
    employment_record_id: str,
    month: int,
    *,
    actor: str,
    done_on: date | None = None,
    mode: str = "phone",
    still_employed: bool = True,
    note: str = "",
    today: date | None = None,
) -> str:
    """Record the follow-up due ``month`` months after a job start. Finding the person out of work does not
    change the history: the caller then offers to record the change as a new employment entry."""
    day = _today(today)
    when = done_on or day
    name = _actor_name(db, actor)
    with records.writing(db, actor) as session:
        job = session.get(EmploymentRecord, employment_record_id)
        if job is None:
            raise NotFound("找不到这条就业记录，可能已被删除")
        problem = follow_up_job_problem(job)
        if problem:
            raise YuluError(problem)
        raise_if_errors(follow_up_issues(session, job, month, when, mode, today=day))
        follow_up = EmploymentFollowUp(
            person_id=job.person_id,
            employment_record_id=job.id,
            due_month=month,
            done_on=when,
            mode=mode,
            still_employed=still_employed,
            note=note.strip(),
            followed_by=name,
        )
        session.add(follow_up)
    return follow_up.id


# --- placement actions (未就业帮扶措施) -------------------------------------------------------------------------


def _action_row(action: PlacementAction, day: date) -> PlacementActionRow:
    return PlacementActionRow(
        id=action.id,
        person_id=action.person_id,
        recorded_on=action.recorded_on,
        reason=action.reason,
        reason_label=codes.UNEMPLOYMENT_REASON.label(action.reason),
        next_action=action.next_action,
        due_on=action.due_on,
        done_on=action.done_on,
        overdue=action.done_on is None and action.due_on < day,
        recorded_by=action.recorded_by,
        note=action.note,
    )


def placement_actions(db: Database, person_id: str, *, today: date | None = None) -> list[PlacementActionRow]:
    """The person's placement actions, newest first (open ones before done ones of the same day)."""
    day = _today(today)
    a = schema.placement_action
    with db.read() as session:
        actions = session.execute(select(PlacementAction).where(a.c.person_id == person_id)).scalars().all()
        found = [_action_row(action, day) for action in actions]
    found.sort(key=lambda r: (r.recorded_on, r.done_on is None, r.due_on, r.id), reverse=True)
    return found


def add_placement_action(
    db: Database,
    person_id: str,
    *,
    reason: str,
    next_action: str,
    due_on: date,
    actor: str,
    note: str = "",
    today: date | None = None,
) -> str:
    """Record why a graduate is not employed and the next action, due by ``due_on``. Returns its id."""
    day = _today(today)
    name = _actor_name(db, actor)
    action = PlacementAction(
        person_id=person_id,
        recorded_on=day,
        reason=reason,
        next_action=next_action.strip(),
        due_on=due_on,
        recorded_by=name,
        note=note.strip(),
    )
    with records.writing(db, actor) as session:
        _person(session, person_id)
        raise_if_errors(placement_action_issues(action))
        session.add(action)
    return action.id


def finish_placement_action(
    db: Database, action_id: str, *, actor: str, done_on: date | None = None, today: date | None = None
) -> None:
    """Mark a placement action done (on ``done_on``, default today)."""
    day = _today(today)
    when = done_on or day
    with records.writing(db, actor) as session:
        action = session.get(PlacementAction, action_id)
        if action is None:
            raise NotFound("找不到这条帮扶措施，可能已被删除")
        if action.done_on is not None:
            raise YuluError(f"这条措施已于{action.done_on.isoformat()}完成")
        if when > day:
            raise _refuse("done_on", "完成日期", "完成日期不能晚于今天")
        if when < action.recorded_on:
            raise _refuse("done_on", "完成日期", "完成日期不能早于登记日期")
        action.done_on = when


# --- policy campaigns -----------------------------------------------------------------------------------------


def reach(db: Database, campaign_id: str, person_ids: Sequence[str], *, actor: str) -> int:
    """Record the people a policy campaign reached; those already recorded are skipped. Returns how many were
    added."""
    c = schema.campaign_reach
    with records.writing(db, actor) as session:
        if session.get(PolicyCampaign, campaign_id) is None:
            raise NotFound("找不到这次政策宣传，可能已被删除或尚未同步")
        missing = _missing_people(session, person_ids)
        if missing:
            raise _unknown_people_issue(missing)
        already = set(session.execute(select(c.c.person_id).where(c.c.campaign_id == campaign_id)).scalars())
        added = 0
        for person_id in dict.fromkeys(person_ids):
            if person_id not in already:
                session.add(CampaignReach(person_id=person_id, campaign_id=campaign_id))
                added += 1
    return added


def reached(db: Database, campaign_id: str) -> list[tuple[str, str, str]]:
    """(person id, name, village) of the people a campaign reached, by village and name."""
    c = schema.campaign_reach
    with db.read_connection() as conn:
        ids = list(conn.execute(select(c.c.person_id).where(c.c.campaign_id == campaign_id)).scalars())
        people = _people(conn, ids)
    found = [(pid, *people.get(pid, ("", ""))) for pid in dict.fromkeys(ids)]
    found.sort(key=lambda t: (t[2], t[1], t[0]))
    return found
