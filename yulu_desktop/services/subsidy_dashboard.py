"""The subsidy dashboard of a township or county (issue 15, "Dashboards for the township and county").

For a term and the units this laptop holds: applications per state per township (county view) or per village
(township view), the overdue steps, the amounts approved and paid, and coverage (eligible students against
those who applied). Every figure is computed with one GROUP BY over ``subsidy_application`` (or ``enrollment``
for the eligible students who did not apply) joined to person, household and org unit — a county holds up to
200,000 people, so no application is loaded into Python to be counted.

Every figure carries a :class:`Drill` saying which rows it counts; :func:`drill_rows` lists exactly those rows
with the same SQL condition as the count, so the list behind a figure always has as many lines as the figure
says. ``Drill.term``, ``states`` and ``unit_id`` are also what ``services.subsidy.applications()`` takes.

Overdue (逾期) means: publicized and the 公示 ended more than :data:`PUBLICITY_GRACE_DAYS` days ago, still not
reviewed by the township; approved by the county (or later, up to a failed payment) and still not paid more than
:data:`PAYMENT_GRACE_DAYS` days after the county approved it (``county_approved_on``, migration 0012; an
application approved by a laptop of the release before has no such date, and its 公示's end is the day the count
starts from); returned to the village and not applied again.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, text

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.access import Role
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.subsidy_cycle import APPLIED, DECIDED, Level, level_of
from yulu_desktop.domain.subsidy_rules import RuleSet
from yulu_desktop.excel.writer import Column, SheetContent, write_workbook
from yulu_desktop.services import acting, subsidy_rules
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

__all__ = [
    "APPLIED_STATES",
    "APPROVED_STATES",
    "PAYMENT_GRACE_DAYS",
    "PUBLICITY_GRACE_DAYS",
    "UNPAID_STATES",
    "Dashboard",
    "Drill",
    "DrillKind",
    "DrillRow",
    "Figure",
    "UnitFigures",
    "dashboard",
    "drill_rows",
    "export_dashboard",
]

#: A 公示 that ended more than this many days ago and is still not reviewed by the township is overdue.
PUBLICITY_GRACE_DAYS: Final = 7
#: An approved application still not paid this many days after the county approved it is overdue.
PAYMENT_GRACE_DAYS: Final = 30

#: States in which the county has approved the money (the amount counts as approved: ``subsidy_cycle.DECIDED``).
APPROVED_STATES: Final = tuple(sorted(DECIDED))
#: Approved but the money has not reached the student.
UNPAID_STATES: Final = ("county_approved", "announced", "in_payment", "payment_failed", "account_fixed")
#: States that count as "applied" for coverage (a draft is not submitted, a withdrawn one was taken back).
APPLIED_STATES: Final = tuple(sorted(APPLIED))


class DrillKind(enum.StrEnum):
    """Which rows a figure counts."""

    APPLICATIONS = "applications"  # applications of the term in ``states``
    NOT_APPLIED = "not_applied"  # eligible students with no application for the term (candidates)
    PUBLICITY_OVERDUE = "publicity_overdue"  # 公示 ended > 7 days ago, not reviewed
    PAYMENT_OVERDUE = "payment_overdue"  # approved, not paid > 30 days after 县审定 (or the 公示's end)
    RETURNED = "returned"  # returned to the village, not applied again

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS: Final = {
    DrillKind.APPLICATIONS: "补助申请",
    DrillKind.NOT_APPLIED: "符合条件未申请",
    DrillKind.PUBLICITY_OVERDUE: f"公示结束超过{PUBLICITY_GRACE_DAYS}天未审核",
    DrillKind.PAYMENT_OVERDUE: f"审定后超过{PAYMENT_GRACE_DAYS}天未发放",
    DrillKind.RETURNED: "退回后未重新申请",
}


@dataclass(frozen=True)
class Drill:
    """The rows behind a figure: ``kind`` of rows of ``term`` under ``unit_id`` (None: all this laptop holds),
    in ``states`` (empty: every state). ``title`` names the figure for the list's heading."""

    term: str
    kind: DrillKind
    states: tuple[str, ...] = ()
    unit_id: str | None = None
    title: str = ""


@dataclass(frozen=True)
class Figure:
    """A number on the dashboard (a count, or an amount in fen) and the rows it counts."""

    value: int
    drill: Drill
    count: int = -1  # rows behind an amount (-1: ``value`` is the count)

    @property
    def rows(self) -> int:
        return self.value if self.count < 0 else self.count


@dataclass(frozen=True)
class UnitFigures:
    """The figures of one township or village (or the totals: ``unit_id`` of the scope, name 合计)."""

    unit_id: str | None
    unit_name: str
    states: Mapping[str, Figure]  # every code of SUBSIDY_STATE, in code order
    total: Figure  # all applications of the term
    applied: Figure  # applications in APPLIED_STATES
    not_applied: Figure  # eligible students without an application
    publicity_overdue: Figure
    payment_overdue: Figure
    returned: Figure
    approved_fen: Figure
    paid_fen: Figure

    @property
    def eligible(self) -> int:
        """Students who should be covered: those who applied and those eligible who did not."""
        return self.applied.value + self.not_applied.value

    @property
    def coverage(self) -> float | None:
        """Share of ``eligible`` who applied (None when there is nobody)."""
        return None if self.eligible == 0 else self.applied.value / self.eligible

    @property
    def overdue(self) -> int:
        return self.publicity_overdue.value + self.payment_overdue.value + self.returned.value


@dataclass(frozen=True)
class Dashboard:
    """The dashboard of a term: one line per unit (townships or villages) and the totals."""

    term: str
    day: dt.date
    group_level: str  # "township" or "village": what the lines are
    scope_id: str | None  # the unit everything is under (None: all this laptop holds)
    scope_name: str
    rule_version: int  # the rule that decided who is eligible (0: the default rule)
    units: tuple[UnitFigures, ...]
    totals: UnitFigures
    states: tuple[str, ...] = field(default=tuple(codes.SUBSIDY_STATE.labels))

    @property
    def used_states(self) -> tuple[str, ...]:
        """The states with at least one application (what the chart stacks)."""
        return tuple(s for s in self.states if self.totals.states[s].value)


@dataclass(frozen=True)
class DrillRow:
    """A line of the list behind a figure: an application, or an eligible student who did not apply."""

    person_id: str
    application_id: str | None
    name: str
    township_name: str
    village_name: str
    school_name: str
    school_type: str
    household_type: str
    state: str  # "" for a student without an application
    amount_fen: int | None
    applied_on: dt.date | None
    publicity_ends_on: dt.date | None
    note: str  # returned reason, payment failure or reason
    #: The day of 县审定 (None: not approved, or approved by a laptop of the last release).
    county_approved_on: dt.date | None = None

    @property
    def waiting_since(self) -> dt.date | None:
        """The day an approved application's wait for payment is counted from (:data:`PAYMENT_GRACE_DAYS`): the
        county's approval, else (approved by a laptop of the last release) the end of its 公示."""
        return self.county_approved_on or self.publicity_ends_on

    def days_unpaid(self, day: dt.date) -> int | None:
        """Days an approved, unpaid application has waited on ``day`` (None: not approved or already paid)."""
        since = self.waiting_since
        if self.state not in UNPAID_STATES or since is None:
            return None
        return (day - since).days

    @property
    def state_label(self) -> str:
        return codes.SUBSIDY_STATE.label(self.state) if self.state else "未申请"


# --- SQL -----------------------------------------------------------------------------------------------------


#: The rows under a household's village: the village, its township (when the parent is one).
_UNITS: Final = (
    "JOIN person p ON p.id = {alias}.person_id "
    "JOIN household h ON h.id = p.household_id "
    "JOIN org_unit v ON v.id = h.village_id "
    "LEFT JOIN org_unit t ON t.id = v.parent_id AND t.level = 'township' "
)


def _group(level: str) -> tuple[str, str, str]:
    """(unit id, unit name, unit code) expressions of a line: the township (villages straight under a county stand for
    themselves) or the village."""
    if level == "township":
        return "coalesce(t.id, v.id)", "coalesce(t.name, v.name)", "coalesce(t.code, v.code)"
    return "v.id", "v.name", "v.code"


def _in(name: str, values: Iterable[str]) -> tuple[str, dict[str, str]]:
    """``IN (:name0, :name1, …)`` with its parameters (``IN (NULL)`` for none: matches nothing)."""
    params = {f"{name}{i}": v for i, v in enumerate(values)}
    if not params:
        return "IN (NULL)", {}
    return "IN (" + ", ".join(f":{k}" for k in params) + ")", params


@dataclass(frozen=True)
class _Limits:
    """The days from which an application is overdue, as the database stores dates (ISO text)."""

    publicity_before: str
    payment_before: str

    @classmethod
    def on(cls, day: dt.date) -> _Limits:
        return cls(
            (day - dt.timedelta(days=PUBLICITY_GRACE_DAYS)).isoformat(),
            (day - dt.timedelta(days=PAYMENT_GRACE_DAYS)).isoformat(),
        )


def _condition(kind: DrillKind, states: Sequence[str], limits: _Limits) -> tuple[str, dict[str, Any]]:
    """The condition on ``a`` (application) and ``pb`` (its 公示) of the application kinds."""
    if kind == DrillKind.PUBLICITY_OVERDUE:
        return "a.state = 'publicized' AND pb.ends_on < :publicity_before", {
            "publicity_before": limits.publicity_before
        }
    if kind == DrillKind.PAYMENT_OVERDUE:
        clause, params = _in("unpaid", UNPAID_STATES)
        # From the county's approval; an application approved by a laptop of the last release has no date of it.
        return f"a.state {clause} AND coalesce(a.county_approved_on, pb.ends_on) < :payment_before", {
            **params,
            "payment_before": limits.payment_before,
        }
    if kind == DrillKind.RETURNED:
        return "a.state = 'returned'", {}
    if kind == DrillKind.APPLICATIONS:
        if not states:
            return "1 = 1", {}
        clause, params = _in("state", states)
        return f"a.state {clause}", params
    raise ValueError(f"not an application figure: {kind}")


def _eligible_condition(rule: RuleSet) -> tuple[str, dict[str, Any]]:
    """Students eligible under ``rule`` with an enrollment for the term and no application for it (the
    dashboard's 符合条件未申请; ``services.subsidy.candidates`` lists them with ``problems`` empty)."""
    household, p1 = _in("household_type", sorted(rule.household_types))
    school, p2 = _in("school_type", sorted(rule.school_types))
    registry, p3 = _in("registry_status", sorted(rule.registry_statuses))
    return (
        "e.school_year = :school_year AND e.semester = :semester "
        f"AND h.household_type {household} AND e.school_type {school} AND e.registry_status {registry} "
        "AND p.status = 'normal' "
        "AND NOT EXISTS (SELECT 1 FROM subsidy_application x WHERE x.person_id = p.id AND x.term = :term)",
        {**p1, **p2, **p3},
    )


def _scope(unit_id: str | None) -> tuple[str, str, dict[str, Any]]:
    """(WITH prefix, condition on ``h``, parameters) limiting rows to the villages under ``unit_id``."""
    if unit_id is None:
        return "", "1 = 1", {}
    return SCOPE_CTE, "h.village_id IN (SELECT id FROM scope)", {"scope_root": unit_id}


def _term_params(term: str) -> dict[str, str]:
    school = rules.term_school_year(term)
    if school is None:
        raise YuluError(f"学期“{term}”格式应为“2025-autumn”或“2026-spring”")
    return {"term": term, "school_year": school[0], "semester": school[1]}


# --- the dashboard --------------------------------------------------------------------------------------------


def _default_level(conn: Connection, role: Role, scope_id: str | None) -> str:
    """Lines per township for the county (and for a scope that is a county), else per village."""
    if scope_id is not None:
        level = conn.execute(text("SELECT level FROM org_unit WHERE id = :id"), {"id": scope_id}).scalar()
        return "township" if level == "county" else "village"
    return "township" if level_of(role) == Level.COUNTY else "village"


def _scope_name(conn: Connection, scope_id: str | None) -> str:
    if scope_id is None:
        return "本机全部"
    name = conn.execute(text("SELECT name FROM org_unit WHERE id = :id"), {"id": scope_id}).scalar()
    if name is None:
        raise YuluError("找不到所选的行政区划（可能已被删除），请重新选择")
    return str(name)


def dashboard(
    db: Database,
    term: str,
    *,
    today: dt.date | None = None,
    unit_id: str | None = None,
    level: str | None = None,
    actor: str = "",
) -> Dashboard:
    """The dashboard of ``term`` for everything under ``unit_id`` (None: all this laptop holds), one line per
    township or village (``level``; by default per township for a county laptop or a county, else per
    village). Eligibility is judged under the county's rule in force on ``today``."""
    day = today or dt.date.today()
    params: dict[str, Any] = _term_params(term)
    rule = subsidy_rules.rule_in_force(db, day)
    role = acting.current_actor(db, actor).role
    limits = _Limits.on(day)
    with db.read_connection() as conn:
        scope_name = _scope_name(conn, unit_id)
        group_level = level or _default_level(conn, role, unit_id)
        if group_level not in ("township", "village"):
            raise ValueError(f"level must be township or village, not {group_level!r}")
        gid, gname, gcode = _group(group_level)
        prefix, in_scope, scope_params = _scope(unit_id)
        params.update(scope_params)
        publicity_overdue, p_pub = _condition(DrillKind.PUBLICITY_OVERDUE, (), limits)
        payment_overdue, p_pay = _condition(DrillKind.PAYMENT_OVERDUE, (), limits)
        by_state = conn.execute(
            text(
                f"{prefix}SELECT {gid} AS unit_id, {gname} AS unit_name, {gcode} AS unit_code, a.state, count(*) AS n, "
                "coalesce(sum(a.amount_fen), 0) AS fen, "
                f"sum(CASE WHEN {publicity_overdue} THEN 1 ELSE 0 END) AS publicity_overdue, "
                f"sum(CASE WHEN {payment_overdue} THEN 1 ELSE 0 END) AS payment_overdue "
                f"FROM subsidy_application a {_UNITS.format(alias='a')}"
                "LEFT JOIN subsidy_publicity pb ON pb.id = a.publicity_id "
                f"WHERE a.term = :term AND {in_scope} "
                f"GROUP BY {gid}, {gname}, {gcode}, a.state"
            ),
            {**params, **p_pub, **p_pay},
        ).fetchall()
        eligible, p_elig = _eligible_condition(rule)
        not_applied = conn.execute(
            text(
                f"{prefix}SELECT {gid} AS unit_id, {gname} AS unit_name, {gcode} AS unit_code, count(*) AS n "
                f"FROM enrollment e {_UNITS.format(alias='e')}"
                f"WHERE {eligible} AND {in_scope} "
                f"GROUP BY {gid}, {gname}, {gcode}"
            ),
            {**params, **p_elig},
        ).fetchall()

    names: dict[str, str] = {}
    unit_codes: dict[str, str] = {}
    counts: dict[str, dict[str, tuple[int, int]]] = {}
    overdue: dict[str, tuple[int, int]] = {}
    for row in by_state:
        names[row.unit_id], unit_codes[row.unit_id] = row.unit_name, row.unit_code
        counts.setdefault(row.unit_id, {})[row.state] = (int(row.n), int(row.fen))
        before = overdue.get(row.unit_id, (0, 0))
        overdue[row.unit_id] = (before[0] + int(row.publicity_overdue), before[1] + int(row.payment_overdue))
    missing: dict[str, int] = {}
    for row in not_applied:
        names[row.unit_id], unit_codes[row.unit_id] = row.unit_name, row.unit_code
        missing[row.unit_id] = int(row.n)

    def figures(
        uid: str | None,
        name: str,
        per_state: Mapping[str, tuple[int, int]],
        late: tuple[int, int],
        absent: int,
    ) -> UnitFigures:
        def drill(kind: DrillKind, states: tuple[str, ...] = (), title: str = "") -> Drill:
            return Drill(term, kind, states, uid, f"{name} · {title or kind.label}")

        def count(states: Iterable[str]) -> int:
            return sum(per_state.get(s, (0, 0))[0] for s in states)

        def fen(states: Iterable[str]) -> int:
            return sum(per_state.get(s, (0, 0))[1] for s in states)

        return UnitFigures(
            unit_id=uid,
            unit_name=name,
            states={
                s: Figure(count((s,)), drill(DrillKind.APPLICATIONS, (s,), codes.SUBSIDY_STATE.label(s)))
                for s in codes.SUBSIDY_STATE.labels
            },
            # Every state found, also one no code list knows (the list behind it shows every application).
            total=Figure(
                sum(n for n, _fen in per_state.values()), drill(DrillKind.APPLICATIONS, (), "全部申请")
            ),
            applied=Figure(count(APPLIED_STATES), drill(DrillKind.APPLICATIONS, APPLIED_STATES, "已申请")),
            not_applied=Figure(absent, drill(DrillKind.NOT_APPLIED)),
            publicity_overdue=Figure(late[0], drill(DrillKind.PUBLICITY_OVERDUE)),
            payment_overdue=Figure(late[1], drill(DrillKind.PAYMENT_OVERDUE)),
            returned=Figure(count(("returned",)), drill(DrillKind.RETURNED)),
            approved_fen=Figure(
                fen(APPROVED_STATES),
                drill(DrillKind.APPLICATIONS, APPROVED_STATES, "审定金额"),
                count=count(APPROVED_STATES),
            ),
            paid_fen=Figure(
                fen(("paid",)), drill(DrillKind.APPLICATIONS, ("paid",), "已发放金额"), count=count(("paid",))
            ),
        )

    order = sorted(names, key=lambda uid: (unit_codes[uid], uid))
    units = tuple(
        figures(uid, names[uid], counts.get(uid, {}), overdue.get(uid, (0, 0)), missing.get(uid, 0))
        for uid in order
    )
    all_states: dict[str, tuple[int, int]] = {}
    for per_state in counts.values():
        for state, (n, fen) in per_state.items():
            was = all_states.get(state, (0, 0))
            all_states[state] = (was[0] + n, was[1] + fen)
    totals = figures(
        unit_id,
        "合计",
        all_states,
        (sum(o[0] for o in overdue.values()), sum(o[1] for o in overdue.values())),
        sum(missing.values()),
    )
    return Dashboard(
        term=term,
        day=day,
        group_level=group_level,
        scope_id=unit_id,
        scope_name=scope_name,
        rule_version=rule.version,
        units=units,
        totals=totals,
    )


# --- the rows behind a figure ---------------------------------------------------------------------------------


def drill_rows(
    db: Database, drill: Drill, *, today: dt.date | None = None, limit: int | None = None
) -> list[DrillRow]:
    """The rows a figure counts (same condition as :func:`dashboard`), by township, village and name."""
    day = today or dt.date.today()
    params: dict[str, Any] = _term_params(drill.term)
    prefix, in_scope, scope_params = _scope(drill.unit_id)
    params.update(scope_params)
    tail = " ORDER BY township_name, village_name, p.name, p.id" + (
        " LIMIT :limit" if limit is not None else ""
    )
    if limit is not None:
        params["limit"] = limit
    if drill.kind == DrillKind.NOT_APPLIED:
        rule = subsidy_rules.rule_in_force(db, day)
        eligible, p_elig = _eligible_condition(rule)
        sql = (
            f"{prefix}SELECT p.id AS person_id, NULL AS application_id, p.name, "
            "coalesce(t.name, '') AS township_name, v.name AS village_name, e.school_name, e.school_type, "
            "h.household_type, '' AS state, NULL AS amount_fen, NULL AS applied_on, NULL AS publicity_ends_on, "
            "NULL AS county_approved_on, '' AS note "
            f"FROM enrollment e {_UNITS.format(alias='e')}"
            f"WHERE {eligible} AND {in_scope}"
        )
        params.update(p_elig)
    else:
        condition, p_cond = _condition(drill.kind, drill.states, _Limits.on(day))
        sql = (
            f"{prefix}SELECT p.id AS person_id, a.id AS application_id, p.name, "
            "coalesce(t.name, '') AS township_name, v.name AS village_name, "
            "coalesce(e.school_name, '') AS school_name, coalesce(e.school_type, '') AS school_type, "
            "h.household_type, a.state, a.amount_fen, a.applied_on, pb.ends_on AS publicity_ends_on, "
            "a.county_approved_on, "
            "CASE WHEN a.state = 'returned' THEN a.returned_reason "
            "WHEN a.state IN ('payment_failed', 'account_fixed') THEN a.payment_failure ELSE a.reason END AS note "
            f"FROM subsidy_application a {_UNITS.format(alias='a')}"
            "LEFT JOIN subsidy_publicity pb ON pb.id = a.publicity_id "
            "LEFT JOIN enrollment e ON e.id = a.enrollment_id "
            f"WHERE a.term = :term AND {condition} AND {in_scope}"
        )
        params.update(p_cond)
    with db.read_connection() as conn:
        rows = conn.execute(text(sql + tail), params).fetchall()
    return [
        DrillRow(
            person_id=r.person_id,
            application_id=r.application_id,
            name=r.name or "",
            township_name=r.township_name or "",
            village_name=r.village_name or "",
            school_name=r.school_name or "",
            school_type=r.school_type or "",
            household_type=r.household_type or "",
            state=r.state or "",
            amount_fen=r.amount_fen,
            applied_on=_date(r.applied_on),
            publicity_ends_on=_date(r.publicity_ends_on),
            note=r.note or "",
            county_approved_on=_date(r.county_approved_on),
        )
        for r in rows
    ]


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


# --- Excel ----------------------------------------------------------------------------------------------------

_UNIT_COLUMN: Final = Column("unit", "单位", width=18)


def _sheets(board: Dashboard) -> list[SheetContent]:
    lines = [*board.units, board.totals]
    heading = f"{rules.term_label(board.term)} 雨露计划补助 · {board.scope_name}（{board.day.isoformat()}）"
    per = "乡镇" if board.group_level == "township" else "村"

    state_columns = [_UNIT_COLUMN] + [
        Column(s, codes.SUBSIDY_STATE.label(s), width=10, kind="int") for s in codes.SUBSIDY_STATE.labels
    ]
    state_columns.append(Column("total", "合计", width=10, kind="int"))
    states = [
        {"unit": u.unit_name, **{s: f.value for s, f in u.states.items()}, "total": u.total.value}
        for u in lines
    ]

    overdue_columns = [
        _UNIT_COLUMN,
        Column("publicity", DrillKind.PUBLICITY_OVERDUE.label, width=22, kind="int"),
        Column("payment", DrillKind.PAYMENT_OVERDUE.label, width=22, kind="int"),
        Column("returned", DrillKind.RETURNED.label, width=18, kind="int"),
        Column("total", "合计", width=10, kind="int"),
    ]
    overdue = [
        {
            "unit": u.unit_name,
            "publicity": u.publicity_overdue.value,
            "payment": u.payment_overdue.value,
            "returned": u.returned.value,
            "total": u.overdue,
        }
        for u in lines
    ]

    amount_columns = [
        _UNIT_COLUMN,
        Column("approved_count", "审定人数", width=10, kind="int"),
        Column("approved", "审定金额（元）", width=16, kind="money"),
        Column("paid_count", "已发放人数", width=10, kind="int"),
        Column("paid", "已发放金额（元）", width=16, kind="money"),
        Column("unpaid", "未发放金额（元）", width=16, kind="money"),
    ]
    amounts = [
        {
            "unit": u.unit_name,
            "approved_count": u.approved_fen.rows,
            "approved": u.approved_fen.value,
            "paid_count": u.paid_fen.rows,
            "paid": u.paid_fen.value,
            "unpaid": u.approved_fen.value - u.paid_fen.value,
        }
        for u in lines
    ]

    coverage_columns = [
        _UNIT_COLUMN,
        Column("eligible", "应享受人数", width=12, kind="int"),
        Column("applied", "已申请", width=10, kind="int"),
        Column("not_applied", "符合条件未申请", width=16, kind="int"),
        Column("coverage", "覆盖率", width=10),
    ]
    coverage = [
        {
            "unit": u.unit_name,
            "eligible": u.eligible,
            "applied": u.applied.value,
            "not_applied": u.not_applied.value,
            "coverage": "" if u.coverage is None else f"{u.coverage:.1%}",
        }
        for u in lines
    ]
    return [
        (f"各{per}申请状态", heading, state_columns, states),
        ("逾期事项", heading, overdue_columns, overdue),
        ("金额", heading, amount_columns, amounts),
        ("覆盖率", heading, coverage_columns, coverage),
    ]


def export_dashboard(
    db: Database,
    term: str,
    path: str | os.PathLike[str],
    *,
    today: dt.date | None = None,
    unit_id: str | None = None,
    level: str | None = None,
    actor: str = "",
) -> Path:
    """Write the dashboard to ``path`` (xlsx): one sheet per figure — states per unit, overdue steps, amounts,
    coverage — each with a 合计 line. Counts and amounts only: no personal information."""
    board = dashboard(db, term, today=today, unit_id=unit_id, level=level, actor=actor)
    target = Path(path)
    write_workbook(target, _sheets(board))
    return target
