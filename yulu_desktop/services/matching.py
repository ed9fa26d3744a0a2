"""Matching graduates and positions on this laptop (岗位匹配, issue 16): the profiles ``domain.matching`` scores,
read from the database in one query per table (no query per person or position), so a county's few thousand
candidates and few hundred positions answer in well under 200 ms (``bench/bench_matching.py``).

Definitions (design of issue 16): a *graduate*'s latest enrollment (by school year, semester) ended as 毕业; the
graduation year is that enrollment's ``ended_on`` year, else the second year of its school year. A *final-year
student*'s latest enrollment is 在读 and its entry date plus its length in years falls within the next 12 months.
*Employed*: the latest employment entry not voided has a destination in ``codes.EMPLOYED_DESTINATIONS``.
Candidates for a position are the graduates not employed and the final-year students, of people whose status
is normal (not dead or moved away).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Connection, Select, String, cast, func, literal_column, select

from yulu_desktop.domain import codes
from yulu_desktop.domain import matching as domain
from yulu_desktop.domain.employment import (
    add_months,
    graduation_year_of,
    is_final_year,
    json_list,
    schooling_ends_on,
    skill_level_of,
)
from yulu_desktop.domain.errors import NotFound
from yulu_desktop.services import employment_reference
from yulu_desktop.services.employment_reference import PositionRow
from yulu_desktop.services.subsidy import units_under
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "GraduateMatch",
    "PositionMatch",
    "candidate_people",
    "graduate_profile",
    "graduates_for",
    "position_profile",
    "positions_for",
]


@dataclass(frozen=True)
class PositionMatch:
    match: domain.Match
    position: PositionRow


@dataclass(frozen=True)
class GraduateMatch:
    match: domain.Match
    person_id: str
    name: str
    village_name: str
    school_name: str
    major: str
    graduation_year: int | None
    employed: bool
    final_year: bool = False  # a final-year student, not a graduate yet


@dataclass(frozen=True, slots=True)
class _Candidate:
    profile: domain.GraduateProfile
    school_name: str
    graduated: bool
    final_year: bool
    employed: bool
    search_key: str = ""  # name, pinyin and initials (``person.search_key``)


def _today(today: date | None) -> date:
    return today or date.today()


def _latest_enrollments(day: date, *, person_id: str | None, candidates_only: bool) -> Select[Any]:
    """Each person's latest enrollment (no later semester), with the person's name and village; with
    ``candidates_only``, only of people whose status is normal, graduated or finishing about within a year of
    ``day`` (the exact final-year check is :func:`domain.employment.is_final_year` in Python; SQLite's month arithmetic differs at month ends, hence
    a few days' margin here)."""
    e, later = schema.enrollment, schema.enrollment.alias("later")
    p, h, v = schema.person, schema.household, schema.org_unit
    has_later = (
        select(literal_column("1"))
        .where(
            later.c.person_id == e.c.person_id,
            (later.c.school_year > e.c.school_year)
            | (
                (later.c.school_year == e.c.school_year)
                & (e.c.semester == "autumn")
                & (later.c.semester == "spring")
            ),
        )
        .exists()
    )
    query = (
        select(
            e.c.person_id,
            e.c.school_year,
            e.c.school_name,
            e.c.major,
            e.c.length_years,
            e.c.entry_date,
            e.c.registry_status,
            e.c.ended_on,
            p.c.name,
            h.c.village_id,
            v.c.name.label("village_name"),
            p.c.search_key,
        )
        .join(p, p.c.id == e.c.person_id)
        .join(h, h.c.id == p.c.household_id)
        .join(v, v.c.id == h.c.village_id)
        .where(~has_later)
    )
    if person_id is not None:
        query = query.where(e.c.person_id == person_id)
    if not candidates_only:
        return query
    finishes = func.date(
        e.c.entry_date, "+" + cast(12 * func.coalesce(e.c.length_years, 3), String) + " months"
    )
    low, high = day - dt.timedelta(days=3), add_months(day, 12) + dt.timedelta(days=3)
    return query.where(
        p.c.status == "normal",
        (e.c.registry_status == "graduated")
        | ((e.c.registry_status == "enrolled") & finishes.between(low.isoformat(), high.isoformat())),
    )


def _employed(conn: Connection, person_id: str | None) -> dict[str, bool]:
    """person id → whether the latest employment entry not voided is a job."""
    er = schema.employment_record
    query = (
        select(er.c.person_id, er.c.destination)
        .where(er.c.voided_on.is_(None))
        .order_by(er.c.effective_date, er.c.recorded_at, er.c.id)
    )
    if person_id is not None:
        query = query.where(er.c.person_id == person_id)
    # In history order: the latest entry of each person wins.
    latest: dict[str, str] = {}
    for pid, destination in conn.execute(query):
        latest[pid] = destination
    return {pid: destination in codes.EMPLOYED_DESTINATIONS for pid, destination in latest.items()}


def _skills(conn: Connection, person_id: str | None) -> dict[str, list[str]]:
    """person id → the certificate levels of their trainings not voided, as written."""
    t = schema.training
    query = select(t.c.person_id, t.c.certificate_level).where(
        t.c.voided_on.is_(None), t.c.certificate_level != ""
    )
    if person_id is not None:
        query = query.where(t.c.person_id == person_id)
    levels: dict[str, list[str]] = {}
    for pid, level in conn.execute(query):
        levels.setdefault(pid, []).append(level)
    return levels


def _skill(cache: dict[tuple[str, ...], str], written: list[str]) -> str:
    key = tuple(written)
    if key not in cache:
        cache[key] = skill_level_of(key)
    return cache[key]


def _wishes(conn: Connection, person_id: str | None) -> dict[str, tuple[str | None, int | None, str | None]]:
    """person id → (region, income fen, industry) of their latest career plan."""
    c = schema.career_plan
    query = select(c.c.person_id, c.c.wanted_region, c.c.wanted_income_fen, c.c.wanted_industry).order_by(
        c.c.recorded_on, literal_column("career_plan.rowid")
    )
    if person_id is not None:
        query = query.where(c.c.person_id == person_id)
    # In date order: the last one of each person wins.
    return {pid: (region, income, industry) for pid, region, income, industry in conn.execute(query)}


def _candidates(
    conn: Connection,
    day: date,
    *,
    person_id: str | None = None,
    villages: set[str] | None = None,
    only_candidates: bool = False,
) -> list[_Candidate]:
    """Profiles of the people (or of ``person_id``) from their latest enrollment; ``only_candidates``: just the
    graduates not employed and the final-year students (the others are skipped before any work)."""
    query = _latest_enrollments(day, person_id=person_id, candidates_only=only_candidates)
    if villages is not None:
        query = query.where(schema.household.c.village_id.in_(sorted(villages)))
    rows = conn.execute(query).all()
    employed = _employed(conn, person_id)
    certificates = _skills(conn, person_id)
    wishes = _wishes(conn, person_id)
    levels: dict[tuple[str, ...], str] = {}  # certificate levels as written → skill level (few distinct)
    found = []
    seen: set[str] = set()
    for (
        pid,
        school_year,
        school_name,
        major,
        length,
        entry_date,
        status,
        ended_on,
        name,
        _,
        village,
        key,
    ) in rows:
        if pid in seen:
            continue
        seen.add(pid)
        graduated = status == "graduated"
        is_employed = employed.get(pid, False)
        final_year = is_final_year(status, entry_date, length, day)
        if only_candidates and not ((graduated and not is_employed) or final_year):
            continue
        if graduated:
            year = graduation_year_of(school_year, ended_on)
        else:
            finishes = schooling_ends_on(entry_date, length) if final_year else None
            year = finishes.year if finishes is not None else None
        region, income, industry = wishes.get(pid, (None, None, None))
        profile = domain.GraduateProfile(
            person_id=pid,
            name=name,
            major=major or "",
            skill_level=_skill(levels, certificates[pid]) if pid in certificates else "none",
            wanted_region=region,
            wanted_income_fen=income,
            wanted_industry=industry,
            village=village,
            graduation_year=year,
        )
        found.append(
            _Candidate(
                profile=profile,
                school_name=school_name or "",
                graduated=graduated,
                final_year=final_year,
                employed=is_employed,
                search_key=key or "",
            )
        )
    return found


def graduate_profile(db: Database, person_id: str, *, today: date | None = None) -> domain.GraduateProfile:
    """What matching knows of one person: the latest enrollment's major, the highest certificate level and the
    wishes of the latest career plan (a person without an enrollment: no major)."""
    day = _today(today)
    with db.read_connection() as conn:
        found = _candidates(conn, day, person_id=person_id)
        if found:
            return found[0].profile
        p = schema.person
        name = conn.execute(select(p.c.name).where(p.c.id == person_id)).scalar()
        if name is None:
            raise NotFound("本机数据中没有这个人员，可能已被删除或不在本辖区")
        region, income, industry = _wishes(conn, person_id).get(person_id, (None, None, None))
        return domain.GraduateProfile(
            person_id=person_id,
            name=name,
            skill_level=skill_level_of(_skills(conn, person_id).get(person_id, [])),
            wanted_region=region,
            wanted_income_fen=income,
            wanted_industry=industry,
        )


def position_profile(row: PositionRow) -> domain.PositionProfile:
    """The matching view of a listed position."""
    return domain.PositionProfile(
        position_id=row.id,
        title=row.title,
        enterprise=row.enterprise_name,
        industry=row.industry or None,
        region=row.region,
        place=row.place,
        pay_min_fen=row.pay_min_fen,
        pay_max_fen=row.pay_max_fen,
        majors=tuple(row.majors),
        skill_level=row.skill_level or "none",
        openings=row.openings,
        deadline=row.deadline,
    )


def positions_for(
    db: Database, person_id: str, *, today: date | None = None, fitting_only: bool = False
) -> list[PositionMatch]:
    """The open positions for a person, best first, each with its score and reasons."""
    day = _today(today)
    graduate = graduate_profile(db, person_id, today=day)
    rows = {row.id: row for row in employment_reference.positions(db, open_only=True, today=day)}
    matches = domain.rank_positions(
        graduate, (position_profile(row) for row in rows.values()), today=day, fitting_only=fitting_only
    )
    return [PositionMatch(match=m, position=rows[m.position_id]) for m in matches]


def _position(conn: Connection, position_id: str) -> domain.PositionProfile:
    jp, en = schema.job_position, schema.enterprise
    row = conn.execute(
        select(jp, en.c.name.label("enterprise_name"), en.c.industry)
        .outerjoin(en, en.c.id == jp.c.enterprise_id)
        .where(jp.c.id == position_id)
    ).first()
    if row is None:
        raise NotFound("找不到这个岗位，可能已被删除或尚未同步")
    return domain.PositionProfile(
        position_id=row.id,
        title=row.title,
        enterprise=row.enterprise_name or "",
        industry=row.industry,
        region=row.region,
        place=row.place or "",
        pay_min_fen=row.pay_min_fen,
        pay_max_fen=row.pay_max_fen,
        majors=tuple(json_list(row.majors)),
        skill_level=row.skill_level or "none",
        openings=row.openings,
        deadline=row.deadline,
    )


def _graduate_match(match: domain.Match, candidate: _Candidate) -> GraduateMatch:
    profile = candidate.profile
    return GraduateMatch(
        match=match,
        person_id=profile.person_id,
        name=profile.name,
        village_name=profile.village,
        school_name=candidate.school_name,
        major=profile.major,
        graduation_year=profile.graduation_year,
        employed=candidate.employed,
        final_year=candidate.final_year,
    )


def graduates_for(
    db: Database,
    position_id: str,
    *,
    today: date | None = None,
    unit_id: str | None = None,
    fitting_only: bool = True,
) -> list[GraduateMatch]:
    """The candidates for a position under ``unit_id`` (graduates not employed and final-year students), best
    first; only those who fit unless ``fitting_only`` is False."""
    day = _today(today)
    with db.read_connection() as conn:
        position = _position(conn, position_id)
        villages = units_under(conn, unit_id) if unit_id is not None else None
        candidates = _candidates(conn, day, villages=villages, only_candidates=True)
    by_id = {c.profile.person_id: c for c in candidates}
    matches = domain.rank_graduates(
        position, [c.profile for c in candidates], today=day, fitting_only=fitting_only
    )
    return [_graduate_match(m, by_id[m.person_id]) for m in matches]


def candidate_people(
    db: Database, *, text: str = "", unit_id: str | None = None, today: date | None = None
) -> list[tuple[str, str, str, bool]]:
    """(person id, name, village, final-year) of the people a fair or a position is for — graduates not
    employed and final-year students — under ``unit_id``, by village and name; ``text`` keeps those whose name,
    pinyin, initials or village contain it."""
    day = _today(today)
    wanted = text.strip().lower()
    with db.read_connection() as conn:
        villages = units_under(conn, unit_id) if unit_id is not None else None
        candidates = _candidates(conn, day, villages=villages, only_candidates=True)
    found = [
        (c.profile.person_id, c.profile.name, c.profile.village, c.final_year)
        for c in candidates
        if not wanted
        or wanted in c.search_key.lower()
        or wanted in c.profile.name
        or wanted in c.profile.village
    ]
    return sorted(found, key=lambda row: (row[2], row[1], row[0]))
