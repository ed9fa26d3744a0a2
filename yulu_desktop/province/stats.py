"""Province figures: the employment and subsidy figures of the county dashboards, per county and in total.

The definitions are those of the county dashboards (``services.employment_stats``, ``services.subsidy_dashboard``)
applied to the replicated projection, so a county's line here is the figure its own dashboard shows for the whole
county:

- **graduate**: latest enrollment (school year, then spring after autumn) ``graduated``; graduation year
  ``ended_on.year``, else the second year of the school year;
- **employed** / **placed**: the latest job entry (effective date, recorded at, id; voided entries are not
  published) has a destination in ``codes.EMPLOYED_DESTINATIONS`` / ``codes.PLACED_DESTINATIONS``; rates are
  over graduates;
- **students**: with a term, people with an enrollment ``enrolled`` in that term's school year and semester;
  without, people whose latest enrollment is ``enrolled``;
- **applications**: subsidy applications submitted (not draft, not withdrawn); **approved**: approved by the
  county or later; **paid** / **failed**: ``paid`` / ``payment_failed``; ``paid_fen`` the amount paid.

Each figure is one GROUP BY county_code over the partitioned parents (latest rows by ``DISTINCT ON``); nothing
per person comes back to Python.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import text

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.subsidy_cycle import APPLIED, DECIDED
from yulu_desktop.province.db import ProvinceDatabase, ProvinceError

#: States counted as applications, and those in which the county approved the money (as the county's subsidy
#: dashboard counts them: ``domain.subsidy_cycle``).
APPLIED_STATES: Final = tuple(sorted(APPLIED))
APPROVED_STATES: Final = tuple(sorted(DECIDED))
TOTAL_NAME: Final = "全省"


@dataclass(frozen=True)
class CountyFigures:
    code: str
    name: str
    graduates: int
    employed: int
    placed: int
    employment_rate: float | None  # employed ÷ graduates (None: no graduate)
    placed_rate: float | None  # placed ÷ graduates
    students: int
    applications: int
    approved: int
    paid: int
    paid_fen: int
    failed: int


@dataclass(frozen=True)
class ProvinceStats:
    graduation_year: int | None
    term: str | None
    counties: tuple[CountyFigures, ...]
    total: CountyFigures  # code "", name "全省"


def _sql_list(values: Sequence[str] | frozenset[str]) -> str:
    return ", ".join("'" + v.replace("'", "''") + "'" for v in sorted(values))


_LATEST_ENROLLMENT: Final = (
    "SELECT DISTINCT ON (county_code, person_id) county_code, person_id, registry_status, school_year, ended_on "
    "FROM prov_enrollment WHERE person_id IS NOT NULL "
    "ORDER BY county_code, person_id, school_year DESC NULLS LAST, (semester = 'spring') DESC NULLS LAST, id DESC"
)
_LATEST_JOB: Final = (
    "SELECT DISTINCT ON (county_code, person_id) county_code, person_id, destination "
    "FROM prov_employment WHERE person_id IS NOT NULL "
    "ORDER BY county_code, person_id, effective_date DESC NULLS LAST, recorded_at DESC NULLS LAST, id DESC"
)
#: Graduates with their graduation year.
_GRADUATES: Final = (
    f"le AS ({_LATEST_ENROLLMENT}), "
    "grads AS (SELECT county_code, person_id, COALESCE(EXTRACT(YEAR FROM ended_on)::integer, "
    "CASE WHEN split_part(school_year, '-', 2) ~ '^[0-9]{1,4}$' THEN split_part(school_year, '-', 2)::integer END) "
    "AS year FROM le WHERE registry_status = 'graduated')"
)

_EMPLOYMENT_SQL: Final = f"""
WITH {_GRADUATES}, lj AS ({_LATEST_JOB})
SELECT g.county_code,
       count(*) AS graduates,
       count(*) FILTER (WHERE lj.destination IN ({_sql_list(codes.EMPLOYED_DESTINATIONS)})) AS employed,
       count(*) FILTER (WHERE lj.destination IN ({_sql_list(codes.PLACED_DESTINATIONS)})) AS placed
FROM grads g LEFT JOIN lj ON lj.county_code = g.county_code AND lj.person_id = g.person_id
WHERE CAST(:year AS integer) IS NULL OR g.year = CAST(:year AS integer)
GROUP BY g.county_code
"""

_STUDENTS_LATEST_SQL: Final = f"""
SELECT county_code, count(*) AS students FROM ({_LATEST_ENROLLMENT}) le
WHERE registry_status = 'enrolled' GROUP BY county_code
"""
_STUDENTS_TERM_SQL: Final = """
SELECT county_code, count(DISTINCT person_id) AS students FROM prov_enrollment
WHERE registry_status = 'enrolled' AND school_year = :school_year AND semester = :semester
GROUP BY county_code
"""

_SUBSIDY_SQL: Final = f"""
SELECT county_code,
       count(*) FILTER (WHERE state IN ({_sql_list(APPLIED_STATES)})) AS applications,
       count(*) FILTER (WHERE state IN ({_sql_list(APPROVED_STATES)})) AS approved,
       count(*) FILTER (WHERE state = 'paid') AS paid,
       COALESCE(sum(amount_fen) FILTER (WHERE state = 'paid'), 0) AS paid_fen,
       count(*) FILTER (WHERE state = 'payment_failed') AS failed
FROM prov_subsidy
WHERE CAST(:term AS text) IS NULL OR term = CAST(:term AS text)
GROUP BY county_code
"""


def _rate(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _figures(code: str, name: str, n: dict[str, int]) -> CountyFigures:
    graduates, employed, placed = n.get("graduates", 0), n.get("employed", 0), n.get("placed", 0)
    return CountyFigures(
        code=code,
        name=name,
        graduates=graduates,
        employed=employed,
        placed=placed,
        employment_rate=_rate(employed, graduates),
        placed_rate=_rate(placed, graduates),
        students=n.get("students", 0),
        applications=n.get("applications", 0),
        approved=n.get("approved", 0),
        paid=n.get("paid", 0),
        paid_fen=n.get("paid_fen", 0),
        failed=n.get("failed", 0),
    )


_COUNTS: Final = (
    "graduates",
    "employed",
    "placed",
    "students",
    "applications",
    "approved",
    "paid",
    "paid_fen",
    "failed",
)


def province_stats(
    db: ProvinceDatabase, *, graduation_year: int | None = None, term: str | None = None
) -> ProvinceStats:
    """Figures of every county now attached (by code) and the province total; graduates of ``graduation_year``
    (None: every year), subsidies and students of ``term`` (``2025-autumn``; None: every term / now)."""
    counts: dict[str, dict[str, int]] = {}

    def add(rows: Sequence[Any]) -> None:
        for r in rows:
            mapping = r._mapping
            line = counts.setdefault(r.county_code, {})
            for key in _COUNTS:
                if key in mapping:
                    line[key] = int(mapping[key] or 0)

    school_term = rules.term_school_year(term) if term else None
    if term is not None and school_term is None:
        raise ProvinceError(f"学期应写成 2025-autumn 或 2026-spring 这样，而不是 {term!r}")
    with db.engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL jit = off")  # compiling these plans costs more than it saves
        names = conn.execute(
            text("SELECT code, name FROM province_county WHERE detached_at IS NULL ORDER BY code")
        ).all()
        add(conn.execute(text(_EMPLOYMENT_SQL), {"year": graduation_year}).all())
        if term is None:
            add(conn.execute(text(_STUDENTS_LATEST_SQL)).all())
        else:
            assert school_term is not None
            school_year, semester = school_term
            add(
                conn.execute(
                    text(_STUDENTS_TERM_SQL), {"school_year": school_year, "semester": semester}
                ).all()
            )
        add(conn.execute(text(_SUBSIDY_SQL), {"term": term}).all())
    counties = tuple(_figures(r.code, r.name, counts.get(r.code, {})) for r in names)
    totals = {key: sum(getattr(c, key) for c in counties) for key in _COUNTS}
    return ProvinceStats(
        graduation_year=graduation_year,
        term=term,
        counties=counties,
        total=_figures("", TOTAL_NAME, totals),
    )


def graduation_years(db: ProvinceDatabase) -> list[int]:
    """The graduation years of the graduates of all counties, newest first."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                f"WITH {_GRADUATES} SELECT DISTINCT year FROM grads WHERE year IS NOT NULL ORDER BY year DESC"
            )
        ).all()
    return [int(r.year) for r in rows]


def terms(db: ProvinceDatabase) -> list[str]:
    """The subsidy terms of all counties, newest first (``2026-spring`` before ``2025-autumn``)."""
    with db.engine.connect() as conn:
        found = (
            conn.execute(text("SELECT DISTINCT term FROM prov_subsidy WHERE term IS NOT NULL"))
            .scalars()
            .all()
        )

    def key(term: str) -> tuple[int, int, str]:
        parsed = rules.parse_term(term)
        if parsed is None:
            return (-1, 0, term)
        year, semester = parsed
        return (year, 1 if semester == "autumn" else 0, term)

    return sorted(found, key=key, reverse=True)
