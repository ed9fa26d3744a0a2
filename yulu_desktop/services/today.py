"""今日工作: what a cadre should do today, read for the org unit picked in the tree.

Six sections, each a bounded query: promised follow-ups that are overdue, households not visited for N days,
students without a subsidy application for the current term, graduates without a job or with a self-reported
job change to confirm, open sync conflicts, and the days since the last sync with the county server.

Each section is a capped count (``COUNT_CAP``: a header reads "1000+" rather than counting a whole county)
plus its first ``limit`` lines, so the page stays fast at county scale (200,000 people). Voided entries (作废,
migration 0006) never count: a voided visit is not a visit, a voided job is not a job. Plain data out; the UI
words the lines (and translates them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, text

from yulu_desktop.domain import codes
from yulu_desktop.services import placement
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

__all__ = [
    "COUNT_CAP",
    "DEFAULT_STALE_DAYS",
    "EMPLOYMENT_SECTIONS",
    "FOLLOW_UP_DAYS",
    "SECTIONS",
    "SUBSIDY_SECTIONS",
    "Section",
    "SyncInfo",
    "Today",
    "TodayLine",
    "current_term",
    "load_today",
]

#: Households not visited for this many days are listed (a setting; this is its default).
DEFAULT_STALE_DAYS = 90
#: Counts stop here: a county-wide header says "1000+" instead of counting every row.
COUNT_CAP = 1000

#: Section keys in page order.
SECTIONS: tuple[str, ...] = ("overdue", "not_visited", "no_application", "graduates", "conflicts")
#: Sections of the subsidy cycle (issue 15), loaded too but not yet in SECTIONS: "returned" lists the
#: applications the township or county sent back to the village (退回), facts (term, returned reason).
SUBSIDY_SECTIONS: tuple[str, ...] = ("returned",)
#: Sections of employment help (issue 16), loaded too but not yet in SECTIONS: "follow_ups" lists the
#: follow-ups (稳岗回访) of current jobs that are overdue or due within ``FOLLOW_UP_DAYS``, facts (employer,
#: month, due date, employment record id); "placement_overdue" the placement actions (帮扶措施) past their due
#: date of graduates still not placed, facts (reason code, next action, due date, action id).
EMPLOYMENT_SECTIONS: tuple[str, ...] = ("follow_ups", "placement_overdue")
#: Follow-ups due within this many days are listed with the overdue ones.
FOLLOW_UP_DAYS = 7


@dataclass(frozen=True, slots=True)
class TodayLine:
    """One line of a section: who, where, and what is due (plain values; the UI words them)."""

    person_id: str | None  # None: the line opens the conflicts page
    household_id: str
    name: str
    household_no: str
    village: str
    #: Section specific: overdue → (follow-up text, due date); not_visited → (last visit date or None,);
    #: no_application → (school, term); graduates → ("no_destination" | "seeking" | "not_seeking" |
    #: "to_confirm", employer); conflicts → (entity, field); returned → (term, reason); follow_ups →
    #: (employer, month, due date, employment record id); placement_overdue → (reason code, next action,
    #: due date, action id).
    facts: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    count: int  # at most COUNT_CAP
    lines: tuple[TodayLine, ...]

    @property
    def capped(self) -> bool:
        return self.count >= COUNT_CAP


@dataclass(frozen=True, slots=True)
class SyncInfo:
    enrolled: bool
    last_sync_at: dt.datetime | None
    days_since: int | None  # None: never synced (or not enrolled)


@dataclass(frozen=True, slots=True)
class Today:
    day: dt.date
    term: str  # "2025-autumn"
    stale_days: int
    sync: SyncInfo
    sections: dict[str, Section] = field(default_factory=dict)


def current_term(day: dt.date) -> str:
    """The school term a day falls in: September to January is the autumn term of September's year,
    February to August the spring term (``"2025-autumn"``, ``"2026-spring"``)."""
    if day.month >= 9:
        return f"{day.year}-autumn"
    if day.month == 1:
        return f"{day.year - 1}-autumn"
    return f"{day.year}-spring"


def _school_year(term: str) -> tuple[str, str]:
    year_text, _, semester = term.partition("-")
    year = int(year_text)
    start = year if semester == "autumn" else year - 1
    return f"{start}-{start + 1}", semester


_HEAD = (
    "(SELECT hp.id FROM person hp WHERE hp.household_id = h.id "
    "ORDER BY hp.relationship, hp.name, hp.id LIMIT 1)"
)
_HEAD_NAME = _HEAD.replace("SELECT hp.id", "SELECT hp.name")

_VOCATIONAL = ", ".join(f"'{c}'" for c in sorted(codes.SECONDARY_VOCATIONAL | codes.HIGHER_VOCATIONAL))
_ELIGIBLE = ", ".join(f"'{c}'" for c in sorted(codes.ELIGIBLE_REGISTRY_STATUS))

#: The latest job entry of a person that was not voided (the graduates list's rule, without voided ones).
_LATEST_JOB = (
    "(SELECT x.id FROM employment_record x WHERE x.person_id = p.id AND x.voided_on IS NULL "
    "ORDER BY x.effective_date DESC, x.recorded_at DESC LIMIT 1)"
)


def _driver_join(conn: Connection, scope: str | None) -> str:
    """How a section joins from its driving table: a village's few households are best read first (the
    planner's choice, plain JOIN); for a township, a county or everything, the section's own index drives
    (CROSS JOIN fixes SQLite's loop order), so a county-wide page never walks every person."""
    if not scope:
        return "CROSS JOIN"
    level = conn.execute(
        text("SELECT level FROM org_unit WHERE id = :id"), {"id": scope}
    ).scalar_one_or_none()
    return "JOIN" if level in ("village", "group") else "CROSS JOIN"


def _scoped(scope: str | None, household: str = "h") -> tuple[str, str]:
    """(WITH prefix, condition) limiting ``household`` to the villages under ``scope``."""
    if not scope:
        return "", "1 = 1"
    return SCOPE_CTE, f"{household}.village_id IN (SELECT id FROM scope)"


def _section(
    conn: Connection,
    key: str,
    *,
    prefix: str,
    select: str,
    from_where: str,
    order: str,
    params: dict[str, Any],
    limit: int,
    facts: int,
) -> Section:
    """Count (capped) and first lines of one section. ``select`` gives person id, household id, name,
    household no, village, then ``facts`` section values."""
    rows = conn.execute(
        text(f"{prefix}SELECT {select} {from_where} ORDER BY {order} LIMIT :limit"),
        {**params, "limit": limit},
    ).fetchall()
    # Fewer lines than asked for are all there is: the count is known without walking the section again
    # (the usual case of a short section, where the count would cost as much as the lines).
    counted = (
        min(len(rows), COUNT_CAP)
        if len(rows) < limit
        else conn.execute(
            text(f"{prefix}SELECT count(*) FROM (SELECT 1 {from_where} LIMIT :cap)"),
            {**params, "cap": COUNT_CAP},
        ).scalar_one()
    )
    lines = tuple(
        TodayLine(
            person_id=row[0],
            household_id=row[1],
            name=row[2] or "",
            household_no=row[3] or "",
            village=row[4] or "",
            facts=tuple(row[5 : 5 + facts]),
        )
        for row in rows
    )
    return Section(key=key, count=int(counted), lines=lines)


def _overdue(conn: Connection, scope: str | None, day: dt.date, limit: int) -> Section:
    prefix, in_scope = _scoped(scope)
    # CROSS JOIN keeps the visit first in the loop: the partial index ix_visit_open_follow_up holds exactly the open promises, ordered by due date.
    from_where = (
        f"FROM visit t {_driver_join(conn, scope)} household h ON h.id = t.household_id JOIN org_unit v ON v.id = h.village_id "
        "WHERE t.follow_up_done_on IS NULL AND t.follow_up_due IS NOT NULL AND t.follow_up_due < :day "
        f"AND t.voided_on IS NULL AND {in_scope}"
    )
    select = (
        f"coalesce(t.person_id, {_HEAD}), h.id, "
        f"coalesce((SELECT vp.name FROM person vp WHERE vp.id = t.person_id), {_HEAD_NAME}), "
        "h.household_no, v.name, t.follow_up, t.follow_up_due"
    )
    section = _section(
        conn,
        "overdue",
        prefix=prefix,
        select=select,
        from_where=from_where,
        order="t.follow_up_due, t.id",
        params={"day": day.isoformat(), "scope_root": scope},
        limit=limit,
        facts=2,
    )
    return _with_dates(section, (1,))


def _with_dates(section: Section, positions: tuple[int, ...]) -> Section:
    """SQLite hands dates back as text in raw SQL: make the named facts ``date`` objects."""

    def convert(facts: tuple[Any, ...]) -> tuple[Any, ...]:
        values = list(facts)
        for position in positions:
            if isinstance(values[position], str) and values[position]:
                values[position] = dt.date.fromisoformat(values[position][:10])
        return tuple(values)

    lines = tuple(
        TodayLine(
            person_id=line.person_id,
            household_id=line.household_id,
            name=line.name,
            household_no=line.household_no,
            village=line.village,
            facts=convert(line.facts),
        )
        for line in section.lines
    )
    return Section(key=section.key, count=section.count, lines=lines)


def _not_visited(conn: Connection, scope: str | None, day: dt.date, stale_days: int, limit: int) -> Section:
    prefix, in_scope = _scoped(scope)
    since = (day - dt.timedelta(days=stale_days)).isoformat()
    last_visit = "(SELECT max(t.visit_date) FROM visit t WHERE t.household_id = h.id AND t.voided_on IS NULL)"
    if scope and _driver_join(conn, scope) == "CROSS JOIN":
        # A township or a county: the unary + keeps SQLite from driving by village (every household of the
        # county checked for visits, then sorted: 0.19 s of CPU at 200,000 people), so it walks the
        # household_no index and stops at the page's lines (0.01–0.04 s). A village's few households go first.
        in_scope = f"+{in_scope}"
    # Households of people who moved out or died entirely are not the village's any more.
    from_where = (
        "FROM household h JOIN org_unit v ON v.id = h.village_id "
        f"WHERE {in_scope} AND NOT EXISTS (SELECT 1 FROM visit t WHERE t.household_id = h.id "
        "AND t.visit_date >= :since AND t.voided_on IS NULL) "
        "AND EXISTS (SELECT 1 FROM person m WHERE m.household_id = h.id AND m.status = 'normal')"
    )
    select = f"{_HEAD}, h.id, {_HEAD_NAME}, h.household_no, v.name, {last_visit} AS last_visit"
    section = _section(
        conn,
        "not_visited",
        prefix=prefix,
        select=select,
        from_where=from_where,
        # In household-number order (by village and group, as rounds are walked): the household_no index
        # gives the first lines without working out every household's last visit in a county.
        order="h.household_no",
        params={"since": since, "scope_root": scope},
        limit=limit,
        facts=1,
    )
    return _with_dates(section, (0,))


def _no_application(conn: Connection, scope: str | None, term: str, limit: int) -> Section:
    prefix, in_scope = _scoped(scope)
    school_year, semester = _school_year(term)
    # Beyond a village, driven by the term's enrollments (ix_enrollment_term), not by every person.
    join = _driver_join(conn, scope)
    from_where = (
        f"FROM enrollment e {join} person p ON p.id = e.person_id {join} household h ON h.id = p.household_id "
        "JOIN org_unit v ON v.id = h.village_id "
        "WHERE e.school_year = :school_year AND e.semester = :semester "
        f"AND e.registry_status IN ({_ELIGIBLE}) AND e.ended_on IS NULL AND e.school_type IN ({_VOCATIONAL}) "
        f"AND p.status = 'normal' AND {in_scope} AND NOT EXISTS (SELECT 1 FROM subsidy_application s "
        "WHERE s.person_id = e.person_id AND s.term = :term)"
    )
    return _section(
        conn,
        "no_application",
        prefix=prefix,
        select="p.id, h.id, p.name, h.household_no, v.name, e.school_name, :term",
        from_where=from_where,
        order="h.household_no, p.relationship, p.id",
        params={"school_year": school_year, "semester": semester, "term": term, "scope_root": scope},
        limit=limit,
        facts=2,
    )


def _returned(conn: Connection, scope: str | None, limit: int) -> Section:
    """Applications sent back to the village (退回, issue 15): the village re-applies after fixing them."""
    prefix, in_scope = _scoped(scope)
    from_where = (
        "FROM subsidy_application s JOIN person p ON p.id = s.person_id JOIN household h ON h.id = p.household_id "
        f"JOIN org_unit v ON v.id = h.village_id WHERE s.state = 'returned' AND {in_scope}"
    )
    return _section(
        conn,
        "returned",
        prefix=prefix,
        select="p.id, h.id, p.name, h.household_no, v.name, s.term, s.returned_reason",
        from_where=from_where,
        order="h.household_no, p.relationship, p.id",
        params={"scope_root": scope},
        limit=limit,
        facts=2,
    )


def _follow_ups(conn: Connection, scope: str | None, day: dt.date, limit: int) -> Section:
    """Follow-ups (稳岗回访) of current jobs overdue or due within FOLLOW_UP_DAYS (``services.placement``: the
    schedule is worked out from each job's start, so the rows come from there, earliest due first)."""
    rows = placement.due_follow_ups(conn, unit_id=scope, day=day, within_days=FOLLOW_UP_DAYS)
    shown = rows[:limit]
    households: dict[str, tuple[str, str]] = {}
    if shown:
        params = {f"p{n}": row.person_id for n, row in enumerate(shown)}
        for person_id, household_id, household_no in conn.execute(
            text(
                "SELECT p.id, h.id, h.household_no FROM person p JOIN household h ON h.id = p.household_id "
                f"WHERE p.id IN ({', '.join(':' + key for key in params)})"
            ),
            params,
        ):
            households[person_id] = (household_id, household_no or "")
    lines = tuple(
        TodayLine(
            person_id=row.person_id,
            household_id=households.get(row.person_id, ("", ""))[0],
            name=row.person_name,
            household_no=households.get(row.person_id, ("", ""))[1],
            village=row.village_name,
            facts=(row.employer, row.month, row.due_on, row.employment_record_id),
        )
        for row in shown
    )
    return Section(key="follow_ups", count=min(len(rows), COUNT_CAP), lines=lines)


def _placement_overdue(conn: Connection, scope: str | None, day: dt.date, limit: int) -> Section:
    """Placement actions (帮扶措施) past their due date, not done, of graduates whose latest entry is not placed
    (no entry, seeking or not seeking work)."""
    prefix, in_scope = _scoped(scope)
    placed = ", ".join(f"'{c}'" for c in sorted(codes.PLACED_DESTINATIONS))
    from_where = (
        "FROM placement_action a JOIN person p ON p.id = a.person_id JOIN household h ON h.id = p.household_id "
        f"JOIN org_unit v ON v.id = h.village_id LEFT JOIN employment_record j ON j.id = {_LATEST_JOB} "
        f"WHERE a.done_on IS NULL AND a.due_on < :day AND p.status = 'normal' AND {in_scope} "
        f"AND (j.id IS NULL OR j.destination NOT IN ({placed}))"
    )
    section = _section(
        conn,
        "placement_overdue",
        prefix=prefix,
        select="p.id, h.id, p.name, h.household_no, v.name, a.reason, a.next_action, a.due_on, a.id",
        from_where=from_where,
        order="a.due_on, h.household_no, a.id",
        params={"day": day.isoformat(), "scope_root": scope},
        limit=limit,
        facts=4,
    )
    return _with_dates(section, (2,))


def _graduates(conn: Connection, scope: str | None, limit: int) -> Section:
    """Graduates with no destination recorded, seeking or not seeking work, or whose latest job entry is
    self-reported and not verified by anyone (a change to confirm)."""
    prefix, in_scope = _scoped(scope)
    needs_attention = (
        "j.destination IN ('seeking', 'not_seeking') OR (j.source = 'self_report' AND j.verified_by = '')"
    )
    latest = f"LEFT JOIN employment_record j ON j.id = {_LATEST_JOB}"
    if _driver_join(conn, scope) == "JOIN":
        # A village: its few hundred people, each looked up in ix_enrollment_graduated and the job index.
        from_where = (
            f"FROM person p JOIN household h ON h.id = p.household_id JOIN org_unit v ON v.id = h.village_id "
            f"{latest} WHERE p.status = 'normal' AND {in_scope} AND ((j.id IS NULL AND EXISTS (SELECT 1 FROM "
            f"enrollment g WHERE g.person_id = p.id AND g.registry_status = 'graduated')) OR {needs_attention})"
        )
    else:
        # Larger scopes: the few candidates first, never a walk over every person. A graduate with a job
        # entry is a candidate only through an entry that needs attention, so the graduated ones are checked
        # against the job index alone (ix_enrollment_graduated, ix_employment_record_person_date) and most
        # never reach the joins.
        candidates = (
            "candidate(pid) AS (SELECT g.person_id FROM enrollment g WHERE g.registry_status = 'graduated' "
            "AND NOT EXISTS (SELECT 1 FROM employment_record x WHERE x.person_id = g.person_id "
            "AND x.voided_on IS NULL) UNION "
            "SELECT person_id FROM employment_record WHERE voided_on IS NULL AND (destination IN "
            "('seeking', 'not_seeking') OR (source = 'self_report' AND verified_by = ''))) "
        )
        prefix = f"{prefix.rstrip()}, {candidates}" if prefix else f"WITH {candidates}"
        from_where = (
            "FROM candidate c CROSS JOIN person p ON p.id = c.pid JOIN household h ON h.id = p.household_id "
            f"JOIN org_unit v ON v.id = h.village_id {latest} "
            f"WHERE p.status = 'normal' AND {in_scope} AND (j.id IS NULL OR {needs_attention})"
        )
    state = (
        "CASE WHEN j.id IS NULL THEN 'no_destination' "
        "WHEN j.destination IN ('seeking', 'not_seeking') THEN j.destination "
        "ELSE 'to_confirm' END"
    )
    return _section(
        conn,
        "graduates",
        prefix=prefix,
        select=f"p.id, h.id, p.name, h.household_no, v.name, {state}, coalesce(j.employer, '')",
        from_where=from_where,
        order="h.household_no, p.relationship, p.id",
        params={"scope_root": scope},
        limit=limit,
        facts=2,
    )


def _conflicts(conn: Connection, limit: int) -> Section:
    rows = conn.execute(
        text(
            "SELECT entity, field, created_at FROM sync_conflict WHERE status = 'open' "
            "ORDER BY created_at, id LIMIT :limit"
        ),
        {"limit": limit},
    ).fetchall()
    counted = (
        min(len(rows), COUNT_CAP)
        if len(rows) < limit  # all there is (as in _section)
        else conn.execute(
            text("SELECT count(*) FROM (SELECT 1 FROM sync_conflict WHERE status = 'open' LIMIT :cap)"),
            {"cap": COUNT_CAP},
        ).scalar_one()
    )
    lines = tuple(
        TodayLine(person_id=None, household_id="", name="", household_no="", village="", facts=(r[0], r[1]))
        for r in rows
    )
    return Section(key="conflicts", count=int(counted), lines=lines)


def _sync_info(conn: Connection, now: dt.datetime) -> SyncInfo:
    row = conn.execute(
        text("SELECT server_url, private_key, last_sync_at FROM sync_state WHERE id = 1")
    ).one_or_none()
    if row is None or not row[0] or row[1] is None:
        return SyncInfo(enrolled=False, last_sync_at=None, days_since=None)
    last = row[2]
    if isinstance(last, str) and last:
        last = dt.datetime.fromisoformat(last)
    if not isinstance(last, dt.datetime):
        return SyncInfo(enrolled=True, last_sync_at=None, days_since=None)
    # Stored as naive UTC (sync.local); shown and counted in local days.
    local = last.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    return SyncInfo(enrolled=True, last_sync_at=local, days_since=max(0, (now.date() - local.date()).days))


def load_today(
    db: Database,
    org_unit_id: str | None = None,
    *,
    day: dt.date | None = None,
    stale_days: int = DEFAULT_STALE_DAYS,
    limit: int = 50,
    now: dt.datetime | None = None,
) -> Today:
    """Every section of the 今日工作 page for the villages under ``org_unit_id`` (None: everything)."""
    now = now or dt.datetime.now()
    day = day or now.date()
    scope = org_unit_id or None
    term = current_term(day)
    with db.read_connection() as conn:
        sections = {
            "overdue": _overdue(conn, scope, day, limit),
            "not_visited": _not_visited(conn, scope, day, max(1, stale_days), limit),
            "no_application": _no_application(conn, scope, term, limit),
            "graduates": _graduates(conn, scope, limit),
            "conflicts": _conflicts(conn, limit),
            "returned": _returned(conn, scope, limit),
            "follow_ups": _follow_ups(conn, scope, day, limit),
            "placement_overdue": _placement_overdue(conn, scope, day, limit),
        }
        sync = _sync_info(conn, now)
    return Today(day=day, term=term, stale_days=stale_days, sync=sync, sections=sections)
