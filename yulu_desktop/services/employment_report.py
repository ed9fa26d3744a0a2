"""The monthly employment report (雨露计划毕业生就业情况月报, issue 16): the figures of the employment dashboard
counted as of the month's end (or today, within the current month), the new hires and job changes of the month,
the fairs held in it and the graduates not placed with their overdue placement actions; printed as a PDF
(``printing.employment_report``) and audited as a print.

A change of the month is a non-voided employment entry dated in the month, judged against the person's entry
before it: a job after no job (or none at all) is 新就业, a job after a job is 换工作, no job after a job is 离岗;
entries between two destinations that are not jobs (study, army, seeking) are not changes of employment.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Final

from sqlalchemy import text

from yulu_desktop.domain import codes
from yulu_desktop.domain.access import Permission
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.printing.employment_report import EmploymentReportPrint, render_employment_report
from yulu_desktop.services import acting, records
from yulu_desktop.services.acting import permit
from yulu_desktop.services.employment_stats import (
    _UNITS,
    EmploymentDashboard,
    FairOutcome,
    Figure,
    UnemployedRow,
    _build,
    _date,
    _destination_label,
    _region_label,
    _scope,
    unemployed_graduates,
)
from yulu_desktop.store.database import Database

__all__ = [
    "CHANGE_KINDS",
    "EmploymentReport",
    "JobChange",
    "monthly_report",
    "print_monthly_report",
    "report_print_data",
]

#: Kinds of employment changes of a month.
CHANGE_KINDS: Final = {"new": "新就业", "change": "换工作", "left": "离岗"}


@dataclass(frozen=True)
class JobChange:
    """A new job, a change of job or the end of a job in the month (no ID number or phone: printed)."""

    entry_id: str
    person_id: str
    name: str
    village_name: str
    kind: str  # CHANGE_KINDS
    on: date
    destination_label: str
    employer: str
    job: str
    region_label: str
    income_fen: int | None

    @property
    def kind_label(self) -> str:
        return CHANGE_KINDS[self.kind]


@dataclass(frozen=True)
class EmploymentReport:
    month: date  # the first day of the month
    as_of: date  # the day the figures are counted on
    scope_name: str
    board: EmploymentDashboard  # every graduation year, as of ``as_of``
    changes: tuple[JobChange, ...]
    fairs: tuple[FairOutcome, ...]  # held in the month
    unemployed: int  # graduates not placed (as of ``as_of``)
    overdue: tuple[UnemployedRow, ...]  # those whose latest action open on ``as_of`` was overdue then
    printed_by: str


def _change_kind(destination: str, previous: str | None) -> str | None:
    employed = codes.EMPLOYED_DESTINATIONS
    if destination in employed:
        return "change" if previous in employed else "new"
    return "left" if previous in employed else None


def monthly_report(
    db: Database, month: date, *, unit_id: str | None = None, actor: str, today: date | None = None
) -> EmploymentReport:
    """The data of the month's report (``month``: any day of it) for everything under ``unit_id``."""
    day = today or date.today()
    first = month.replace(day=1)
    last = month.replace(day=calendar.monthrange(month.year, month.month)[1])
    if first > day:
        raise YuluError(f"{first.year}年{first.month}月还没有开始，不能出月报")
    as_of = min(last, day)
    who = acting.current_actor(db, actor)
    prefix, in_scope, params = _scope(unit_id)
    with db.read_connection() as conn:
        board = _build(conn, unit_id, None, as_of, as_of=as_of)
        rows = conn.execute(
            text(
                f"{prefix}SELECT er.id, er.person_id, p.name, v.name AS village_name, er.effective_date, "
                "er.destination, er.employer, er.job, er.region, er.monthly_income_fen, "
                "(SELECT z.destination FROM employment_record z WHERE z.person_id = er.person_id "
                "AND z.voided_on IS NULL AND (z.effective_date < er.effective_date "
                "OR (z.effective_date = er.effective_date AND (z.recorded_at < er.recorded_at "
                "OR (z.recorded_at = er.recorded_at AND z.id < er.id)))) "
                "ORDER BY z.effective_date DESC, z.recorded_at DESC, z.id DESC LIMIT 1) AS previous "
                f"FROM employment_record er JOIN person p ON p.id = er.person_id {_UNITS}"
                "WHERE er.voided_on IS NULL AND er.effective_date >= :first AND er.effective_date <= :last "
                f"AND {in_scope} ORDER BY er.effective_date, er.recorded_at, er.id"
            ),
            {**params, "first": first.isoformat(), "last": as_of.isoformat()},
        ).fetchall()
    changes = []
    for r in rows:
        kind = _change_kind(r.destination, r.previous)
        if kind is None:
            continue
        changes.append(
            JobChange(
                entry_id=r.id,
                person_id=r.person_id,
                name=r.name or "",
                village_name=r.village_name or "",
                kind=kind,
                on=_date(r.effective_date) or first,
                destination_label=_destination_label(r.destination, ""),
                employer=r.employer or "",
                job=r.job or "",
                region_label=_region_label(r.region) if kind != "left" else "",
                income_fen=r.monthly_income_fen,
            )
        )
    # As of the month's end like the board: a past month's report printed later shows that month's list.
    unemployed = unemployed_graduates(db, unit_id=unit_id, as_of=as_of)
    return EmploymentReport(
        month=first,
        as_of=as_of,
        scope_name=board.scope_name,
        board=board,
        changes=tuple(changes),
        fairs=tuple(f for f in board.fairs if first <= f.held_on <= last),
        unemployed=len(unemployed),
        overdue=tuple(r for r in unemployed if r.overdue),
        printed_by=who.audit_name,
    )


# --- printing -----------------------------------------------------------------------------------------------


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{fen / 100:,.0f}"


def _breakdown(
    title: str, figures: tuple[Figure, ...], whole: int
) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    return title, tuple((f.label, str(f.count), _percent(f.count / whole) if whole else "—") for f in figures)


def report_print_data(report: EmploymentReport, *, now: dt.datetime | None = None) -> EmploymentReportPrint:
    """The report as the PDF prints it (display strings; names and villages, never ID numbers or phones)."""
    board = report.board
    t = board.totals
    summary = (
        ("毕业生", f"{t.graduates} 人"),
        ("就业", f"{t.employed} 人"),
        ("就业率", _percent(t.rate)),
        ("去向落实", f"{t.placed} 人"),
        ("去向落实率", _percent(t.placement_rate)),
        ("未落实去向", f"{t.unplaced} 人"),
    )
    units = tuple(
        (
            u.unit_name,
            str(u.graduates),
            str(u.employed),
            str(u.placed),
            str(u.unplaced),
            _percent(u.rate),
            _percent(u.placement_rate),
        )
        for u in (*board.by_unit, t)
    )
    breakdowns = (
        _breakdown("行业", board.by_industry, t.employed),
        _breakdown("就业地域", board.by_region, t.employed),
        _breakdown("专业对口", board.by_major_match, t.employed),
        _breakdown("月收入", board.by_income, t.employed),
        _breakdown("在岗时长", board.by_months, t.employed),
    )
    changes = tuple(
        (
            str(n),
            c.name,
            c.village_name,
            c.kind_label,
            c.on.isoformat(),
            c.destination_label,
            " ".join(part for part in (c.employer, c.job) if part),
            c.region_label,
            _yuan(c.income_fen) if c.kind != "left" else "",
        )
        for n, c in enumerate(report.changes, start=1)
    )
    fairs = tuple(
        (f.name, f.held_on.isoformat(), str(f.invited), str(f.attended), str(f.referred), str(f.hired))
        for f in report.fairs
    )
    overdue = tuple(
        (
            str(n),
            r.name,
            r.village_name,
            r.reason_label,
            r.next_action,
            r.due_on.isoformat() if r.due_on else "",
        )
        for n, r in enumerate(report.overdue, start=1)
    )
    sentence = f"截至统计日，未落实去向的毕业生共 {report.unemployed} 人，其中帮扶措施已过期限的 {len(report.overdue)} 人"
    sentence += "（名单如下）。" if report.overdue else "。"
    return EmploymentReportPrint(
        month=report.month,
        scope_name=report.scope_name,
        as_of=report.as_of,
        summary=summary,
        unit_level="乡镇" if board.unit_level == "township" else "村",
        units=units,
        breakdowns=breakdowns,
        changes=changes,
        fairs=fairs,
        unemployed=sentence,
        overdue=overdue,
        generated_at=now or dt.datetime.now().replace(microsecond=0),
        printed_by=report.printed_by,
    )


def print_monthly_report(
    db: Database,
    month: date,
    path: Path,
    *,
    unit_id: str | None = None,
    actor: str,
    today: date | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """The month's report as a PDF at ``path``; audited as a print (an unrecorded print does not stay)."""
    who, _ = permit(db, actor, Permission.PRINT)
    report = monthly_report(db, month, unit_id=unit_id, actor=actor, today=today)
    pdf = render_employment_report(report_print_data(report, now=now))
    detail = (
        f"雨露计划毕业生就业情况月报 {report.scope_name} {report.month.year}年{report.month.month}月："
        f"毕业生 {report.board.totals.graduates} 人，就业 {report.board.totals.employed} 人"
    )
    return records.write_audited(
        db,
        Path(path),
        pdf,
        actor=who.audit_name,
        action="print",
        entity="employment_report",
        entity_id=unit_id or "",
        detail=detail,
    )
