"""Employment statistics of the 雨露计划 graduates (issue 16, 就业统计): rates per unit and year, the breakdowns of
the employed (industry, region, major match, income, months in the job), students now enrolled per school and
major, fair outcomes, and the list of graduates not yet placed (未就业毕业生清单).

Definitions (design of issue 16, written once here):

- **Graduate**: a person whose latest enrollment (by school year, then semester: spring closes a school year) is
  ``graduated``. **Graduation year**: ``ended_on.year`` of that enrollment, else the second year of its school
  year ("2024-2025" → 2025).
- **Employed** (就业): the latest non-voided employment entry (``lists.LATEST_JOB``) has a destination in
  ``codes.EMPLOYED_DESTINATIONS``; **placed** (去向落实): in ``codes.PLACED_DESTINATIONS``. A graduate with no
  entry is neither. Rates are over graduates.
- The breakdowns (industry, region, major match, income, months in the job) count the **employed** graduates by
  their current job, so each adds up to the employed count.

Only the graduates of the scope are read (one query from the graduated-enrollment index, a few thousand rows for
a county), each with the facts the figures need; every figure and the rows behind it (:func:`drill_rows`) are
decided by the same predicate over those facts, so a list always has as many lines as its figure says.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, text

from yulu_desktop.domain import codes
from yulu_desktop.domain.access import Permission
from yulu_desktop.domain.employment import (
    INCOME_BANDS,
    graduation_year_of,
    income_band_of,
    months_in_job,
    schooling_ends_on,
)
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.masking import mask_phone
from yulu_desktop.excel.writer import Column, SheetContent, write_workbook
from yulu_desktop.services import records
from yulu_desktop.services.acting import permit
from yulu_desktop.services.lists import LATEST_JOB
from yulu_desktop.services.subsidy import units_under
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

__all__ = [
    "INCOME_BANDS",
    "MONTHS_BANDS",
    "NO_DESTINATION",
    "NO_INDUSTRY",
    "NO_REGION",
    "Drill",
    "DrillKind",
    "DrillRow",
    "EmploymentDashboard",
    "FairOutcome",
    "Figure",
    "UnemployedRow",
    "UnitRate",
    "dashboard",
    "drill_rows",
    "export_dashboard",
    "export_unemployed",
    "graduation_years",
    "unemployed_graduates",
]

#: What the 去向 column of the unemployed list shows for a graduate without any employment entry.
NO_DESTINATION: Final = "未登记"
#: Label of employment entries without a region (all entries from before issue 16).
NO_REGION: Final = "未填地域"
NO_INDUSTRY: Final = "未填行业"

NO_INCOME: Final = "未填收入"
#: Months in the current job: (key, label, from months inclusive, below months or None).
MONTHS_BANDS: Final[tuple[tuple[str, str, int, int | None], ...]] = (
    ("lt1", "不满1个月", 0, 1),
    ("1-2", "1–2个月", 1, 3),
    ("3-5", "3–5个月", 3, 6),
    ("6-11", "6–11个月", 6, 12),
    ("ge12", "12个月及以上", 12, None),
)
#: Major match of the current job: key → label (key "" for not filled in).
MAJOR_MATCH: Final = {"yes": "专业对口", "no": "专业不对口", "": "未填"}

#: Separates school and major in the key of a SCHOOL_MAJOR drill.
_KEY_SEP: Final = "\t"


class DrillKind(enum.StrEnum):
    """Which people a figure counts."""

    GRADUATES = "graduates"
    EMPLOYED = "employed"
    PLACED = "placed"
    UNPLACED = "unplaced"
    INDUSTRY = "industry"  # employed, key: the industry label ("" = 未填)
    REGION = "region"  # employed, key: codes.REGION code ("" = 未填地域)
    MAJOR_MATCH = "major_match"  # employed, key: yes / no / ""
    INCOME = "income"  # employed, key: an INCOME_BANDS key ("" = 未填)
    MONTHS = "months"  # employed, key: a MONTHS_BANDS key
    SCHOOL_MAJOR = "school_major"  # students now enrolled, key: school + TAB + major
    FAIR_INVITED = "fair_invited"  # key: the fair's id
    FAIR_ATTENDED = "fair_attended"
    FAIR_REFERRED = "fair_referred"
    FAIR_HIRED = "fair_hired"


_FAIR_KINDS: Final = frozenset(
    {DrillKind.FAIR_INVITED, DrillKind.FAIR_ATTENDED, DrillKind.FAIR_REFERRED, DrillKind.FAIR_HIRED}
)


@dataclass(frozen=True)
class Drill:
    """The people behind a figure: ``kind`` (with ``key`` for a breakdown) under ``unit_id`` (None: all this
    laptop holds), graduates of ``graduation_year`` (None: every year)."""

    kind: DrillKind
    unit_id: str | None
    graduation_year: int | None
    key: str = ""


@dataclass(frozen=True)
class Figure:
    label: str
    count: int
    drill: Drill


@dataclass(frozen=True)
class UnitRate:
    """Graduates, employed and placed of one township or village (or the totals, named 合计)."""

    unit_id: str | None
    unit_name: str
    graduates: int
    employed: int
    placed: int
    rate: float | None  # employed ÷ graduates (None: no graduate)
    placement_rate: float | None  # placed ÷ graduates
    drill_graduates: Drill
    drill_employed: Drill
    drill_unplaced: Drill

    @property
    def unplaced(self) -> int:
        return self.graduates - self.placed


@dataclass(frozen=True)
class FairOutcome:
    """A job fair and the people of the scope it reached: invited, attended, referred there, hired there."""

    fair_id: str
    name: str
    held_on: dt.date
    invited: int
    attended: int
    referred: int
    hired: int
    drill_invited: Drill
    drill_attended: Drill
    drill_referred: Drill
    drill_hired: Drill

    def figures(self) -> tuple[Figure, ...]:
        return (
            Figure("邀请", self.invited, self.drill_invited),
            Figure("到场", self.attended, self.drill_attended),
            Figure("推荐", self.referred, self.drill_referred),
            Figure("录用", self.hired, self.drill_hired),
        )


@dataclass(frozen=True)
class EmploymentDashboard:
    scope_name: str
    graduation_year: int | None
    today: dt.date
    totals: UnitRate
    by_unit: tuple[UnitRate, ...]  # townships (county scope) or villages
    by_industry: tuple[Figure, ...]
    by_region: tuple[Figure, ...]
    by_major_match: tuple[Figure, ...]
    by_income: tuple[Figure, ...]
    by_months: tuple[Figure, ...]
    by_school_major: tuple[Figure, ...]  # label "学校·专业", students now enrolled
    fairs: tuple[FairOutcome, ...]
    unit_level: str = "village"  # what ``by_unit`` lines are: "township" or "village"

    def figures(self) -> tuple[Figure, ...]:
        """Every figure of the dashboard (units and totals as graduates/employed/unplaced, breakdowns, fairs)."""
        lines: list[Figure] = []
        for u in (*self.by_unit, self.totals):
            lines += [
                Figure(f"{u.unit_name}毕业生", u.graduates, u.drill_graduates),
                Figure(f"{u.unit_name}就业", u.employed, u.drill_employed),
                Figure(f"{u.unit_name}未落实去向", u.unplaced, u.drill_unplaced),
            ]
        for part in (
            self.by_industry,
            self.by_region,
            self.by_major_match,
            self.by_income,
            self.by_months,
            self.by_school_major,
        ):
            lines += part
        for fair in self.fairs:
            lines += fair.figures()
        return tuple(lines)


@dataclass(frozen=True)
class DrillRow:
    person_id: str
    name: str
    village_name: str
    school_name: str
    major: str
    graduation_year: int | None
    destination_label: str  # "" when no entry
    employer: str
    region_label: str
    income_fen: int | None
    months_in_job: int | None  # employed only


@dataclass(frozen=True)
class UnemployedRow:
    """A graduate not placed, with the latest open placement action (措施) if any."""

    person_id: str
    name: str
    village_name: str
    phone_masked: str
    school_name: str
    major: str
    graduation_year: int | None
    destination_label: str  # "未登记" when no entry
    reason_label: str
    next_action: str
    due_on: dt.date | None
    overdue: bool
    action_id: str | None


# --- the facts of each person ----------------------------------------------------------------------------------

_UNITS: Final = (
    "JOIN household h ON h.id = p.household_id "
    "JOIN org_unit v ON v.id = h.village_id "
    "LEFT JOIN org_unit t ON t.id = v.parent_id AND t.level = 'township' "
)
#: A later semester than enrollment ``e`` of the same person (autumn opens a school year, spring closes it).
_LATER_ENROLLMENT: Final = (
    "SELECT 1 FROM enrollment later WHERE later.person_id = e.person_id AND (later.school_year > e.school_year "
    "OR (later.school_year = e.school_year AND e.semester = 'autumn' AND later.semester = 'spring'))"
)
#: The latest non-voided entry on or before ``:as_of`` (the monthly report looks back from a month's end).
_LATEST_JOB_AS_OF: Final = (
    "(SELECT x.id FROM employment_record x WHERE x.person_id = p.id AND x.voided_on IS NULL "
    "AND x.effective_date <= :as_of "
    "ORDER BY x.effective_date DESC, x.recorded_at DESC, x.id DESC LIMIT 1)"
)
_COLUMNS: Final = (
    "SELECT p.id AS person_id, p.name, p.phone, v.id AS village_id, v.name AS village_name, "
    "v.code AS village_code, t.id AS township_id, t.name AS township_name, t.code AS township_code, "
    "e.school_name, e.major, e.school_year, e.ended_on, e.entry_date, e.length_years, e.registry_status, "
    "er.destination, er.employer, er.industry, er.region, er.monthly_income_fen, er.matches_major, "
    "er.effective_date "
)


@dataclass(frozen=True)
class _Fact:
    person_id: str
    name: str
    phone: str
    village_id: str
    village_name: str
    village_code: str
    township_id: str | None
    township_name: str
    township_code: str
    school_name: str
    major: str
    graduation_year: int | None
    destination: str | None
    employer: str
    industry: str
    region: str | None
    income_fen: int | None
    matches_major: bool | None
    started_on: dt.date | None

    @property
    def employed(self) -> bool:
        return self.destination in codes.EMPLOYED_DESTINATIONS

    @property
    def placed(self) -> bool:
        return self.destination in codes.PLACED_DESTINATIONS

    def months(self, today: dt.date) -> int | None:
        if not self.employed or self.started_on is None:
            return None
        return months_in_job(self.started_on, today)

    @property
    def industry_label(self) -> str:
        value = self.industry.strip()
        if not value:
            return NO_INDUSTRY
        return codes.INDUSTRY.label(value) if value in codes.INDUSTRY else value

    @property
    def major_key(self) -> str:
        return "" if self.matches_major is None else ("yes" if self.matches_major else "no")

    def row(self, today: dt.date) -> DrillRow:
        return DrillRow(
            person_id=self.person_id,
            name=self.name,
            village_name=self.village_name,
            school_name=self.school_name,
            major=self.major,
            graduation_year=self.graduation_year,
            destination_label=_destination_label(self.destination, ""),
            employer=self.employer,
            region_label=_region_label(self.region) if self.destination else "",
            income_fen=self.income_fen,
            months_in_job=self.months(today),
        )


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _destination_label(code: str | None, none: str) -> str:
    if not code:
        return none
    return codes.DESTINATION.label(code) if code in codes.DESTINATION else code


def _region_label(code: str | None) -> str:
    if not code:
        return NO_REGION
    return codes.REGION.label(code) if code in codes.REGION else code


def _scope(unit_id: str | None) -> tuple[str, str, dict[str, Any]]:
    if unit_id is None:
        return "", "1 = 1", {}
    return SCOPE_CTE, "h.village_id IN (SELECT id FROM scope)", {"scope_root": unit_id}


def _fact(r: Any) -> _Fact:
    ended_on = _date(r.ended_on)
    if r.registry_status == "graduated":
        year = graduation_year_of(r.school_year, ended_on)
    else:
        ends = schooling_ends_on(_date(r.entry_date), r.length_years)
        year = ends.year if ends is not None else None
    matches = r.matches_major
    return _Fact(
        person_id=r.person_id,
        name=r.name or "",
        phone=r.phone or "",
        village_id=r.village_id,
        village_name=r.village_name or "",
        village_code=r.village_code or "",
        township_id=r.township_id,
        township_name=r.township_name or "",
        township_code=r.township_code or "",
        school_name=r.school_name or "",
        major=r.major or "",
        graduation_year=year,
        destination=r.destination,
        employer=r.employer or "",
        industry=r.industry or "",
        region=r.region,
        income_fen=r.monthly_income_fen,
        matches_major=None if matches is None else bool(matches),
        started_on=_date(r.effective_date),
    )


def _facts(
    conn: Connection, unit_id: str | None, *, status: str = "graduated", as_of: dt.date | None = None
) -> list[_Fact]:
    """Every person under ``unit_id`` whose latest enrollment has ``status``, with the latest job entry (on or
    before ``as_of`` when given).

    The scope is applied in Python: read from the enrollments (the graduated ones through their index), a
    laptop's graduates are a few thousand, while limiting them in SQL made SQLite walk every household and
    person of the scope first."""
    latest = LATEST_JOB if as_of is None else _LATEST_JOB_AS_OF
    params: dict[str, Any] = {"status": status}
    if as_of is not None:
        params["as_of"] = as_of.isoformat()
    rows = conn.execute(
        text(
            f"{_COLUMNS}FROM enrollment e JOIN person p ON p.id = e.person_id {_UNITS}"
            f"LEFT JOIN employment_record er ON er.id = {latest} "
            f"WHERE e.registry_status = :status AND NOT EXISTS ({_LATER_ENROLLMENT})"
        ),
        params,
    ).fetchall()
    if unit_id is None:
        return [_fact(r) for r in rows]
    villages = units_under(conn, unit_id)
    return [_fact(r) for r in rows if r.village_id in villages]


def _people_facts(conn: Connection, unit_id: str | None, ids_sql: str, params: dict[str, Any]) -> list[_Fact]:
    """The people ``ids_sql`` selects under ``unit_id``, with their latest enrollment (if any) and job."""
    prefix, in_scope, scope_params = _scope(unit_id)
    rows = conn.execute(
        text(
            f"{prefix}{_COLUMNS}FROM person p {_UNITS}"
            f"LEFT JOIN enrollment e ON e.person_id = p.id AND NOT EXISTS ({_LATER_ENROLLMENT}) "
            f"LEFT JOIN employment_record er ON er.id = {LATEST_JOB} "
            f"WHERE p.id IN ({ids_sql}) AND {in_scope}"
        ),
        {**params, **scope_params},
    ).fetchall()
    return [_fact(r) for r in rows]


def _in_band(value: int, low: int, high: int | None) -> bool:
    return value >= low and (high is None or value < high)


def _months_key(fact: _Fact, today: dt.date) -> str:
    months = fact.months(today) or 0
    return next(k for k, _l, low, high in MONTHS_BANDS if _in_band(months, low, high))


def _breakdown_key(kind: DrillKind, fact: _Fact, today: dt.date) -> str | None:
    """The key of the figure of a breakdown ``kind`` that counts ``fact`` (None: counted in none of them)."""
    if kind == DrillKind.SCHOOL_MAJOR:
        return f"{fact.school_name}{_KEY_SEP}{fact.major}"
    if not fact.employed:
        return None
    if kind == DrillKind.INDUSTRY:
        label = fact.industry_label
        return "" if label == NO_INDUSTRY else label
    if kind == DrillKind.REGION:
        return fact.region or ""
    if kind == DrillKind.MAJOR_MATCH:
        return fact.major_key
    if kind == DrillKind.INCOME:
        return income_band_of(fact.income_fen)
    if kind == DrillKind.MONTHS:
        return _months_key(fact, today)
    raise ValueError(f"not a breakdown: {kind}")


def _predicate(kind: DrillKind, key: str, today: dt.date) -> Callable[[_Fact], bool]:
    """Whether a graduate (or an enrolled student, for SCHOOL_MAJOR) counts in a figure of ``kind``/``key``."""
    if kind == DrillKind.GRADUATES:
        return lambda f: True
    if kind == DrillKind.EMPLOYED:
        return lambda f: f.employed
    if kind == DrillKind.PLACED:
        return lambda f: f.placed
    if kind == DrillKind.UNPLACED:
        return lambda f: not f.placed
    return lambda f: _breakdown_key(kind, f, today) == key


def _of_year(facts: Iterable[_Fact], year: int | None) -> list[_Fact]:
    return [f for f in facts if year is None or f.graduation_year == year]


# --- the dashboard ------------------------------------------------------------------------------------------


def _scope_name(conn: Connection, unit_id: str | None) -> tuple[str, str | None]:
    """(name, level) of the scope."""
    if unit_id is None:
        return "本机全部", None
    found = conn.execute(text("SELECT name, level FROM org_unit WHERE id = :id"), {"id": unit_id}).first()
    if found is None:
        raise YuluError("找不到所选的行政区划（可能已被删除），请重新选择")
    return str(found.name), str(found.level)


def graduation_years(db: Database) -> list[int]:
    """The graduation years of the graduates on this laptop, newest first."""
    with db.read_connection() as conn:
        facts = _facts(conn, None)
    return sorted({f.graduation_year for f in facts if f.graduation_year is not None}, reverse=True)


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _unit_rate(uid: str | None, name: str, facts: Sequence[_Fact], year: int | None) -> UnitRate:
    graduates, employed = len(facts), sum(f.employed for f in facts)
    placed = sum(f.placed for f in facts)
    return UnitRate(
        unit_id=uid,
        unit_name=name,
        graduates=graduates,
        employed=employed,
        placed=placed,
        rate=_rate(employed, graduates),
        placement_rate=_rate(placed, graduates),
        drill_graduates=Drill(DrillKind.GRADUATES, uid, year),
        drill_employed=Drill(DrillKind.EMPLOYED, uid, year),
        drill_unplaced=Drill(DrillKind.UNPLACED, uid, year),
    )


def _group(fact: _Fact, level: str) -> tuple[str, str, str]:
    """(unit id, name, code) of a graduate's line: the township (a village straight under the county stands
    for itself) or the village."""
    if level == "township" and fact.township_id:
        return fact.township_id, fact.township_name, fact.township_code
    return fact.village_id, fact.village_name, fact.village_code


def _count_figures(
    facts: Sequence[_Fact],
    keys: Iterable[tuple[str, str]],
    kind: DrillKind,
    unit_id: str | None,
    year: int | None,
    today: dt.date,
) -> tuple[Figure, ...]:
    # One pass over the people, not one per figure (a county has thousands of graduates).
    found = Counter(_breakdown_key(kind, f, today) for f in facts)
    return tuple(Figure(label, found[key], Drill(kind, unit_id, year, key)) for key, label in keys)


def _build(
    conn: Connection,
    unit_id: str | None,
    year: int | None,
    today: dt.date,
    *,
    as_of: dt.date | None = None,
) -> EmploymentDashboard:
    scope_name, scope_level = _scope_name(conn, unit_id)
    facts = _of_year(_facts(conn, unit_id, as_of=as_of), year)
    if scope_level == "county":
        level = "township"
    elif scope_level is None:
        # Everything on the laptop: per township when it holds several, else per village.
        level = "township" if len({_group(f, "township")[0] for f in facts}) > 1 else "village"
    else:
        level = "village"
    groups: dict[str, list[_Fact]] = {}
    names: dict[str, tuple[str, str]] = {}
    for f in facts:
        uid, name, code = _group(f, level)
        groups.setdefault(uid, []).append(f)
        names[uid] = (code, name)
    by_unit = tuple(
        _unit_rate(uid, names[uid][1], groups[uid], year)
        for uid in sorted(groups, key=lambda u: (names[u], u))
    )
    employed = [f for f in facts if f.employed]
    counts = Counter(f.industry_label for f in employed)
    # The most common first, 未填 last; ties by name.
    industries = sorted(counts, key=lambda label: (label == NO_INDUSTRY, -counts[label], label))
    by_industry = _count_figures(
        facts,
        ((("" if label == NO_INDUSTRY else label), label) for label in industries),
        DrillKind.INDUSTRY,
        unit_id,
        year,
        today,
    )
    by_region = _count_figures(
        facts,
        [*codes.REGION.labels.items(), ("", NO_REGION)],
        DrillKind.REGION,
        unit_id,
        year,
        today,
    )
    by_major = _count_figures(facts, MAJOR_MATCH.items(), DrillKind.MAJOR_MATCH, unit_id, year, today)
    by_income = _count_figures(
        facts,
        [*((k, label) for k, label, _lo, _hi in INCOME_BANDS), ("", NO_INCOME)],
        DrillKind.INCOME,
        unit_id,
        year,
        today,
    )
    by_months = _count_figures(
        facts, ((k, label) for k, label, _lo, _hi in MONTHS_BANDS), DrillKind.MONTHS, unit_id, year, today
    )
    students = _facts(conn, unit_id, status="enrolled")
    per_school: dict[tuple[str, str], int] = {}
    for f in students:
        per_school[(f.school_name, f.major)] = per_school.get((f.school_name, f.major), 0) + 1
    by_school_major = tuple(
        Figure(
            f"{school}·{major or '未填专业'}",
            n,
            Drill(DrillKind.SCHOOL_MAJOR, unit_id, None, f"{school}{_KEY_SEP}{major}"),
        )
        for (school, major), n in sorted(per_school.items(), key=lambda item: (-item[1], item[0]))
    )
    return EmploymentDashboard(
        scope_name=scope_name,
        graduation_year=year,
        today=today,
        totals=_unit_rate(unit_id, "合计", facts, year),
        by_unit=by_unit,
        by_industry=by_industry,
        by_region=by_region,
        by_major_match=by_major,
        by_income=by_income,
        by_months=by_months,
        by_school_major=by_school_major,
        fairs=_fairs(conn, unit_id),
        unit_level=level,
    )


def dashboard(
    db: Database,
    *,
    unit_id: str | None = None,
    graduation_year: int | None = None,
    today: dt.date | None = None,
) -> EmploymentDashboard:
    """The employment figures of the graduates under ``unit_id`` (None: all on this laptop) of
    ``graduation_year`` (None: every year). Students per school and major and the fairs are not limited to a
    year (they are about people in school and events, not about a class of graduates)."""
    day = today or dt.date.today()
    with db.read_connection() as conn:
        return _build(conn, unit_id, graduation_year, day)


# --- fairs ------------------------------------------------------------------------------------------------------

#: The fair a referral counts for: where it was made, else the fair its position was posted for.
_REFERRAL_FAIR: Final = "coalesce(r.fair_id, jp.fair_id)"


def _fair_people_sql(kind: DrillKind) -> str:
    """The people of a fair (``:fair_id``) a FAIR_* figure counts, by person id (scope applied by the caller)."""
    if kind in (DrillKind.FAIR_INVITED, DrillKind.FAIR_ATTENDED):
        attended = " AND i.attended = 1" if kind == DrillKind.FAIR_ATTENDED else ""
        return f"SELECT i.person_id FROM fair_invitation i WHERE i.fair_id = :fair_id{attended}"
    hired = " AND r.state = 'hired'" if kind == DrillKind.FAIR_HIRED else ""
    return (
        "SELECT r.person_id FROM job_referral r LEFT JOIN job_position jp ON jp.id = r.position_id "
        f"WHERE {_REFERRAL_FAIR} = :fair_id{hired}"
    )


def _fairs(conn: Connection, unit_id: str | None) -> tuple[FairOutcome, ...]:
    """Every fair on this laptop (newest first) with the people under ``unit_id`` it reached."""
    prefix, in_scope, params = _scope(unit_id)
    invited = conn.execute(
        text(
            f"{prefix}SELECT i.fair_id, count(DISTINCT i.person_id) AS invited, "
            "count(DISTINCT CASE WHEN i.attended = 1 THEN i.person_id END) AS attended "
            f"FROM fair_invitation i JOIN person p ON p.id = i.person_id {_UNITS}"
            f"WHERE {in_scope} GROUP BY i.fair_id"
        ),
        params,
    ).fetchall()
    referred = conn.execute(
        text(
            f"{prefix}SELECT {_REFERRAL_FAIR} AS fair_id, count(DISTINCT r.person_id) AS referred, "
            "count(DISTINCT CASE WHEN r.state = 'hired' THEN r.person_id END) AS hired "
            "FROM job_referral r LEFT JOIN job_position jp ON jp.id = r.position_id "
            f"JOIN person p ON p.id = r.person_id {_UNITS}"
            f"WHERE {_REFERRAL_FAIR} IS NOT NULL AND {in_scope} GROUP BY {_REFERRAL_FAIR}"
        ),
        params,
    ).fetchall()
    fairs = conn.execute(
        text("SELECT id, name, held_on FROM job_fair ORDER BY held_on DESC, name, id")
    ).fetchall()
    inv = {r.fair_id: (int(r.invited), int(r.attended)) for r in invited}
    ref = {r.fair_id: (int(r.referred), int(r.hired)) for r in referred}
    out = []
    for f in fairs:
        i, a = inv.get(f.id, (0, 0))
        r, h = ref.get(f.id, (0, 0))

        def drill(kind: DrillKind, fair_id: str = f.id) -> Drill:
            return Drill(kind, unit_id, None, fair_id)

        out.append(
            FairOutcome(
                fair_id=f.id,
                name=f.name,
                held_on=_date(f.held_on) or dt.date.min,
                invited=i,
                attended=a,
                referred=r,
                hired=h,
                drill_invited=drill(DrillKind.FAIR_INVITED),
                drill_attended=drill(DrillKind.FAIR_ATTENDED),
                drill_referred=drill(DrillKind.FAIR_REFERRED),
                drill_hired=drill(DrillKind.FAIR_HIRED),
            )
        )
    return tuple(out)


# --- the rows behind a figure -------------------------------------------------------------------------------


def _sorted(facts: Iterable[_Fact]) -> list[_Fact]:
    return sorted(facts, key=lambda f: (f.township_code, f.village_code, f.name, f.person_id))


def drill_rows(db: Database, drill: Drill, *, today: dt.date | None = None) -> list[DrillRow]:
    """Exactly the people a figure counts (same predicate as :func:`dashboard`), by township, village, name."""
    day = today or dt.date.today()
    with db.read_connection() as conn:
        if drill.kind in _FAIR_KINDS:
            facts = _people_facts(conn, drill.unit_id, _fair_people_sql(drill.kind), {"fair_id": drill.key})
        elif drill.kind == DrillKind.SCHOOL_MAJOR:
            facts = _facts(conn, drill.unit_id, status="enrolled")
        else:
            facts = _of_year(_facts(conn, drill.unit_id), drill.graduation_year)
    if drill.kind not in _FAIR_KINDS:
        keep = _predicate(drill.kind, drill.key, day)
        facts = [f for f in facts if keep(f)]
    return [f.row(day) for f in _sorted(facts)]


# --- the unemployed list ------------------------------------------------------------------------------------


def _open_actions(conn: Connection, unit_id: str | None, as_of: dt.date | None = None) -> dict[str, Any]:
    """person id → the latest open placement action (by recorded_on, then id) of people under ``unit_id``;
    with ``as_of``, open on that day: recorded by then and not done by then (one done later was still open)."""
    prefix, in_scope, params = _scope(unit_id)
    if as_of is None:
        is_open = "pa.done_on IS NULL"
    else:
        is_open = "pa.recorded_on <= :as_of AND (pa.done_on IS NULL OR pa.done_on > :as_of)"
        params = {**params, "as_of": as_of.isoformat()}
    rows = conn.execute(
        text(
            f"{prefix}SELECT pa.id, pa.person_id, pa.reason, pa.next_action, pa.due_on, pa.recorded_on "
            f"FROM placement_action pa JOIN person p ON p.id = pa.person_id {_UNITS}"
            f"WHERE {is_open} AND {in_scope} ORDER BY pa.recorded_on, pa.id"
        ),
        params,
    ).fetchall()
    return {r.person_id: r for r in rows}  # the last of each person wins


def unemployed_graduates(
    db: Database,
    *,
    unit_id: str | None = None,
    graduation_year: int | None = None,
    today: dt.date | None = None,
    as_of: dt.date | None = None,
) -> list[UnemployedRow]:
    """未就业毕业生清单: graduates not placed (no entry, or seeking / not seeking work), with the latest open
    placement action; overdue when its due date has passed. By township, village and name.

    With ``as_of`` (the monthly report of a past month) the list is the one of that day: placement by the
    latest entry on or before it, the actions open on it, overdue against it (``today`` is then not used)."""
    day = as_of or today or dt.date.today()
    with db.read_connection() as conn:
        facts = [f for f in _of_year(_facts(conn, unit_id, as_of=as_of), graduation_year) if not f.placed]
        actions = _open_actions(conn, unit_id, as_of)
    out = []
    for f in _sorted(facts):
        action = actions.get(f.person_id)
        due_on = _date(action.due_on) if action is not None else None
        reason = action.reason if action is not None else ""
        out.append(
            UnemployedRow(
                person_id=f.person_id,
                name=f.name,
                village_name=f.village_name,
                phone_masked=mask_phone(f.phone),
                school_name=f.school_name,
                major=f.major,
                graduation_year=f.graduation_year,
                destination_label=_destination_label(f.destination, NO_DESTINATION),
                reason_label=(
                    codes.UNEMPLOYMENT_REASON.label(reason) if reason in codes.UNEMPLOYMENT_REASON else reason
                ),
                next_action=action.next_action if action is not None else "",
                due_on=due_on,
                overdue=due_on is not None and due_on < day,
                action_id=action.id if action is not None else None,
            )
        )
    return out


# --- Excel --------------------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


def _dashboard_sheets(board: EmploymentDashboard) -> list[SheetContent]:
    year = f"{board.graduation_year}届" if board.graduation_year else "全部毕业年份"
    heading = f"雨露计划毕业生就业统计 · {board.scope_name} · {year}（{board.today.isoformat()}）"
    per = "乡镇" if board.unit_level == "township" else "村"
    unit_columns = [
        Column("unit", per, width=18),
        Column("graduates", "毕业生", width=10, kind="int"),
        Column("employed", "就业", width=10, kind="int"),
        Column("placed", "去向落实", width=10, kind="int"),
        Column("unplaced", "未落实", width=10, kind="int"),
        Column("rate", "就业率", width=10),
        Column("placement_rate", "去向落实率", width=12),
    ]
    units = [
        {
            "unit": u.unit_name,
            "graduates": u.graduates,
            "employed": u.employed,
            "placed": u.placed,
            "unplaced": u.unplaced,
            "rate": _percent(u.rate),
            "placement_rate": _percent(u.placement_rate),
        }
        for u in (*board.by_unit, board.totals)
    ]

    def breakdown(name: str, what: str, figures: Sequence[Figure], unit: str = "人数") -> SheetContent:
        columns = [Column("label", what, width=30), Column("count", unit, width=10, kind="int")]
        rows = [{"label": f.label, "count": f.count} for f in figures]
        rows.append({"label": "合计", "count": sum(f.count for f in figures)})
        return (name, heading, columns, rows)

    fair_columns = [
        Column("name", "招聘会", width=30),
        Column("held_on", "举办日期", width=12, kind="date"),
        Column("invited", "邀请", width=8, kind="int"),
        Column("attended", "到场", width=8, kind="int"),
        Column("referred", "推荐", width=8, kind="int"),
        Column("hired", "录用", width=8, kind="int"),
    ]
    fairs = [
        {
            "name": f.name,
            "held_on": f.held_on,
            "invited": f.invited,
            "attended": f.attended,
            "referred": f.referred,
            "hired": f.hired,
        }
        for f in board.fairs
    ]
    return [
        (f"各{per}就业率", heading, unit_columns, units),
        breakdown("行业分布", "行业（就业人员）", board.by_industry),
        breakdown("就业地域", "地域（就业人员）", board.by_region),
        breakdown("专业对口", "专业对口（就业人员）", board.by_major_match),
        breakdown("月收入", "月收入（就业人员）", board.by_income),
        breakdown("在岗时长", "在岗时长（就业人员）", board.by_months),
        breakdown("在校学生", "学校·专业（在读学生）", board.by_school_major),
        ("招聘会", heading, fair_columns, fairs),
    ]


def export_dashboard(
    db: Database, board: EmploymentDashboard, path: str | os.PathLike[str], *, actor: str
) -> None:
    """The dashboard as .xlsx, one sheet per breakdown, each with a 合计 line (counts only: no personal
    information); audited as an export."""
    who, _ = permit(db, actor, Permission.EXPORT)
    target = Path(path)
    write_workbook(target, _dashboard_sheets(board))
    detail = (
        f"雨露计划就业统计 {board.scope_name} {board.graduation_year or '全部'}：毕业生 {board.totals.graduates} 人，"
        f"就业 {board.totals.employed} 人 → {target.name}"
    )
    records.audit_file(
        db,
        target,
        actor=who.audit_name,
        action="export",
        entity="employment_dashboard",
        entity_id=board.totals.unit_id or "",
        detail=detail,
    )


_UNEMPLOYED_COLUMNS: Final = (
    Column("seq", "序号", width=6, kind="int"),
    Column("name", "姓名", width=10),
    Column("village", "村", width=14),
    Column("phone", "联系电话", width=14),
    Column("school", "毕业学校", width=24),
    Column("major", "专业", width=16),
    Column("year", "毕业年份", width=10, kind="int"),
    Column("destination", "去向", width=12),
    Column("reason", "未就业原因", width=14),
    Column("next_action", "下一步措施", width=30),
    Column("due_on", "完成期限", width=12, kind="date"),
    Column("overdue", "是否逾期", width=10),
)


def export_unemployed(
    db: Database, rows: Sequence[UnemployedRow], path: str | os.PathLike[str], *, actor: str
) -> None:
    """未就业毕业生清单 as .xlsx (phones masked); audited as an export."""
    who, _ = permit(db, actor, Permission.EXPORT)
    target = Path(path)
    write_workbook(
        target,
        [
            (
                "未就业毕业生",
                f"雨露计划未就业毕业生清单（{len(rows)} 人）",
                list(_UNEMPLOYED_COLUMNS),
                [
                    {
                        "seq": n,
                        "name": r.name,
                        "village": r.village_name,
                        "phone": r.phone_masked,
                        "school": r.school_name,
                        "major": r.major,
                        "year": r.graduation_year,
                        "destination": r.destination_label,
                        "reason": r.reason_label,
                        "next_action": r.next_action,
                        "due_on": r.due_on,
                        "overdue": "逾期" if r.overdue else "",
                    }
                    for n, r in enumerate(rows, start=1)
                ],
            )
        ],
        mask=False,  # the only identifier (the phone) is masked already
    )
    overdue = sum(r.overdue for r in rows)
    detail = f"雨露计划未就业毕业生清单：{len(rows)} 人，措施逾期 {overdue} 人 → {target.name}（电话已打码）"
    records.audit_file(
        db, target, actor=who.audit_name, action="export", entity="employment_unemployed", detail=detail
    )
