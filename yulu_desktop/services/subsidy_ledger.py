"""Ledgers of the 雨露计划 subsidy (发放台账, issue 15), and the printed 公示 list of one ``subsidy_publicity``.

A ledger is per term and unit (a village, a township, the county, or everything on this laptop): one row per
village, a subtotal per township and the total, with the applications by stage and the amounts approved (县审定
and later) and paid; the payment lines (one per paid student, with its batch); and the students who qualify
but did not apply. Paid amounts are read from the applications the bank paid, the same figures the payment
batches add up (``subsidy_payment.batches``), so the county total equals the sum of the batches' paid amounts.

Exports and prints show ID numbers masked; each one is written to the audit log.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, select

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.access import Permission
from yulu_desktop.domain.errors import NotFound, YuluError
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.domain.subsidy_cycle import DECIDED
from yulu_desktop.excel.writer import Column, write_workbook
from yulu_desktop.printing.model import PublicityRow
from yulu_desktop.printing.subsidy_ledger import LedgerPrint, render_ledger
from yulu_desktop.printing.subsidy_publicity import SubsidyPublicityPrint, render_subsidy_publicity
from yulu_desktop.services import records
from yulu_desktop.services.acting import permit
from yulu_desktop.services.subsidy import descendants
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "APPROVED_STATES",
    "IN_REVIEW_STATES",
    "Ledger",
    "LedgerRow",
    "NotApplied",
    "PaymentLine",
    "export_ledger",
    "ledger",
    "print_ledger",
    "print_publicity_list",
    "publicity_print_data",
]

#: States counted as approved (县审定 and later): their amount is the approved amount.
APPROVED_STATES: Final = DECIDED
#: States still on the way to the county's decision.
IN_REVIEW_STATES: Final = frozenset(
    {"draft", "applied", "village_reviewed", "publicized", "township_reviewed"}
)
_CLOSED_STATES: Final = frozenset({"rejected", "withdrawn"})


@dataclass(frozen=True)
class LedgerRow:
    """One line of the summary: a village, a township subtotal (``level`` township) or the total (county)."""

    level: str  # "village" | "township" | "total"
    unit_id: str
    name: str
    township_name: str
    counts: Mapping[str, int] = field(default_factory=dict)  # state -> applications
    approved_fen: int = 0
    paid_fen: int = 0
    not_applied: int = 0  # eligible students without an application

    def count(self, *states: str) -> int:
        return sum(self.counts.get(s, 0) for s in states)

    @property
    def applied(self) -> int:
        """Every application of the term (drafts included)."""
        return sum(self.counts.values())

    @property
    def approved_count(self) -> int:
        return self.count(*APPROVED_STATES)

    @property
    def paid_count(self) -> int:
        return self.count("paid")

    @property
    def label(self) -> str:
        if self.level == "township":
            return f"{self.name}小计"
        if self.level == "total":
            return "合计"
        return self.name


@dataclass(frozen=True)
class PaymentLine:
    """A paid application on the 发放台账 (ID number masked)."""

    application_id: str
    batch_no: str
    name: str
    id_number_masked: str
    township_name: str
    village_name: str
    school_name: str
    amount_fen: int
    paid_on: date | None
    #: The day of 县审定 (None: approved by a laptop of the release before 0012, which did not record it).
    county_approved_on: date | None = None


@dataclass(frozen=True)
class NotApplied:
    """A student who qualifies for the term and has no application."""

    person_id: str
    name: str
    township_name: str
    village_name: str
    school_name: str
    school_type: str
    household_type: str


@dataclass(frozen=True)
class Ledger:
    """The ledger of a term: ``rows`` (villages under townships, township subtotals, the total last),
    ``lines`` (the payments) and ``not_applied``. ``batches`` holds (batch_no, paid count, paid fen) of the
    batches the lines come from, ``batches_paid_fen`` their sum."""

    term: str
    scope_name: str
    unit_id: str | None
    rows: tuple[LedgerRow, ...]
    lines: tuple[PaymentLine, ...]
    not_applied: tuple[NotApplied, ...]
    batches: tuple[tuple[str, int, int], ...] = ()

    @property
    def total(self) -> LedgerRow:
        return self.rows[-1]

    @property
    def villages(self) -> tuple[LedgerRow, ...]:
        return tuple(r for r in self.rows if r.level == "village")

    @property
    def townships(self) -> tuple[LedgerRow, ...]:
        return tuple(r for r in self.rows if r.level == "township")

    @property
    def batches_paid_fen(self) -> int:
        return sum(fen for _, _, fen in self.batches)

    @property
    def lines_fen(self) -> int:
        return sum(x.amount_fen for x in self.lines)


# --- building the ledger --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Unit:
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None


def _units(conn: Connection) -> dict[str, _Unit]:
    u = schema.org_unit
    return {
        r.id: _Unit(r.id, r.code, r.name, r.level, r.parent_id)
        for r in conn.execute(select(u.c.id, u.c.code, u.c.name, u.c.level, u.c.parent_id))
    }


def _under(units: Mapping[str, _Unit], root: str) -> set[str]:
    return descendants(((u.id, u.parent_id) for u in units.values()), root)


def _township_of(units: Mapping[str, _Unit], village_id: str) -> _Unit | None:
    village = units.get(village_id)
    parent = units.get(village.parent_id or "") if village else None
    return parent if parent is not None and parent.level == "township" else None


def _path(units: Mapping[str, _Unit], unit_id: str) -> str:
    names: list[str] = []
    current = units.get(unit_id)
    while current is not None and len(names) < 6:
        names.append(current.name)
        current = units.get(current.parent_id or "")
    return " ".join(reversed(names))


def _scope_name(units: Mapping[str, _Unit], unit_id: str | None) -> str:
    if unit_id is None:
        counties = sorted((u for u in units.values() if u.level == "county"), key=lambda u: u.code)
        return "、".join(u.name for u in counties) or "本机全部"
    return _path(units, unit_id)


def ledger(db: Database, term: str, *, unit_id: str | None = None, today: date | None = None) -> Ledger:
    """The ledger of ``term`` under ``unit_id`` (a village, township or county; None: everything here)."""
    if rules.parse_term(term) is None:
        raise YuluError(f"学期“{term}”格式不对（应如 2025-autumn）")
    a, p, h, e = schema.subsidy_application, schema.person, schema.household, schema.enrollment
    b = schema.subsidy_payment_batch
    with db.read_connection() as conn:
        units = _units(conn)
        if unit_id is not None and unit_id not in units:
            raise NotFound("找不到这个行政区划（可能还没有同步到本机）")
        scope = _under(units, unit_id) if unit_id is not None else None
        rows = conn.execute(
            select(
                a.c.id,
                a.c.state,
                a.c.amount_fen,
                a.c.paid_on,
                a.c.county_approved_on,
                a.c.payment_batch_id,
                h.c.village_id,
                p.c.name,
                p.c.id_number,
                e.c.school_name,
            )
            .join(p, p.c.id == a.c.person_id)
            .join(h, h.c.id == p.c.household_id)
            .outerjoin(e, e.c.id == a.c.enrollment_id)
            .where(a.c.term == term)
        ).all()
        batch_nos = {r.id: r.batch_no for r in conn.execute(select(b.c.id, b.c.batch_no))}
    rows = [r for r in rows if scope is None or r.village_id in scope]
    not_applied = _not_applied(db, term, unit_id, today, units)

    per_village: dict[str, dict[str, Any]] = {}

    def village_entry(village_id: str) -> dict[str, Any]:
        return per_village.setdefault(
            village_id, {"counts": {}, "approved_fen": 0, "paid_fen": 0, "not_applied": 0}
        )

    lines: list[PaymentLine] = []
    batch_totals: dict[str, tuple[int, int]] = {}
    for r in rows:
        entry = village_entry(r.village_id)
        entry["counts"][r.state] = entry["counts"].get(r.state, 0) + 1
        if r.state in APPROVED_STATES:
            entry["approved_fen"] += r.amount_fen
        if r.state == "paid":
            entry["paid_fen"] += r.amount_fen
            township = _township_of(units, r.village_id)
            # A village laptop holds no batches (they are the county's): name the batch by its id there.
            batch_no = batch_nos.get(r.payment_batch_id or "", "") or (
                f"批次{r.payment_batch_id[:8]}" if r.payment_batch_id else ""
            )
            count, fen = batch_totals.get(batch_no, (0, 0))
            batch_totals[batch_no] = (count + 1, fen + r.amount_fen)
            village = units.get(r.village_id)
            lines.append(
                PaymentLine(
                    application_id=r.id,
                    batch_no=batch_no,
                    name=r.name,
                    id_number_masked=mask_id_number(r.id_number),
                    township_name=township.name if township else "",
                    village_name=village.name if village else "",
                    school_name=r.school_name or "",
                    amount_fen=r.amount_fen,
                    paid_on=r.paid_on,
                    county_approved_on=r.county_approved_on,
                )
            )
    for student in not_applied:
        village_entry(student[0])["not_applied"] += 1

    def unit_key(village_id: str) -> tuple[str, str]:
        township = _township_of(units, village_id)
        village = units.get(village_id)
        return (township.code if township else "", village.code if village else village_id)

    summary: list[LedgerRow] = []
    by_township: dict[str, list[LedgerRow]] = {}
    for village_id in sorted(per_village, key=unit_key):
        entry = per_village[village_id]
        township = _township_of(units, village_id)
        village = units.get(village_id)
        row = LedgerRow(
            level="village",
            unit_id=village_id,
            name=village.name if village else village_id,
            township_name=township.name if township else "",
            counts=dict(entry["counts"]),
            approved_fen=entry["approved_fen"],
            paid_fen=entry["paid_fen"],
            not_applied=entry["not_applied"],
        )
        by_township.setdefault(township.id if township else "", []).append(row)
    for township_id, villages in by_township.items():
        summary += villages
        township = units.get(township_id)
        if township is not None:
            summary.append(_sum_rows(villages, "township", township.id, township.name, township.name))
    village_rows = [r for r in summary if r.level == "village"]
    total_unit = unit_id or ""
    summary.append(_sum_rows(village_rows, "total", total_unit, "合计", ""))
    lines.sort(key=lambda x: (x.batch_no, x.township_name, x.village_name, x.name, x.application_id))
    return Ledger(
        term=term,
        scope_name=_scope_name(units, unit_id),
        unit_id=unit_id,
        rows=tuple(summary),
        lines=tuple(lines),
        not_applied=tuple(
            NotApplied(
                person_id=s[1],
                name=s[2],
                township_name=s[3],
                village_name=s[4],
                school_name=s[5],
                school_type=s[6],
                household_type=s[7],
            )
            for s in not_applied
        ),
        batches=tuple((no, count, fen) for no, (count, fen) in sorted(batch_totals.items())),
    )


def _sum_rows(rows: Sequence[LedgerRow], level: str, unit_id: str, name: str, township: str) -> LedgerRow:
    counts: dict[str, int] = {}
    for row in rows:
        for state, n in row.counts.items():
            counts[state] = counts.get(state, 0) + n
    return LedgerRow(
        level=level,
        unit_id=unit_id,
        name=name,
        township_name=township,
        counts=counts,
        approved_fen=sum(r.approved_fen for r in rows),
        paid_fen=sum(r.paid_fen for r in rows),
        not_applied=sum(r.not_applied for r in rows),
    )


def _not_applied(
    db: Database, term: str, unit_id: str | None, today: date | None, units: Mapping[str, _Unit]
) -> list[tuple[str, str, str, str, str, str, str, str]]:
    """(village id, person id, name, township, village, school, school type, household type) of the eligible
    students without an application, from ``services.subsidy.candidates``."""
    from yulu_desktop.services import subsidy

    found = []
    for c in subsidy.candidates(db, term, unit_id=unit_id, today=today):
        if c.problems:
            continue
        township = _township_of(units, c.village_id)
        found.append(
            (
                c.village_id,
                c.person_id,
                c.name,
                township.name if township else "",
                c.village_name,
                c.school_name,
                c.school_type,
                c.household_type,
            )
        )
    return found


# --- export and print -------------------------------------------------------------------------------------------


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


_SUMMARY_COLUMNS: Final = (
    Column("township", "乡镇", 14),
    Column("village", "村", 14),
    Column("applied", "申请人数", 10, kind="int"),
    *(
        Column(state, label, 10, kind="int")
        for state, label in codes.SUBSIDY_STATE.labels.items()
        if state != "draft"
    ),
    Column("approved_fen", "审定金额（元）", 16, kind="money"),
    Column("paid_count", "已发放人数", 12, kind="int"),
    Column("paid_fen", "已发放金额（元）", 16, kind="money"),
    Column("not_applied", "符合条件未申请", 14, kind="int"),
)
_LINE_COLUMNS: Final = (
    Column("seq", "序号", 8, kind="auto"),
    Column("batch_no", "发放批次", 20),
    Column("name", "姓名", 12),
    Column("id_number", "身份证号", 22),  # already masked: plain text
    Column("township", "乡镇", 14),
    Column("village", "村", 14),
    Column("school", "就读学校", 28),
    Column("amount", "金额（元）", 14, kind="money"),
    Column("approved_on", "审定日期", 12, kind="date"),
    Column("paid_on", "发放日期", 12, kind="date"),
)
_NOT_APPLIED_COLUMNS: Final = (
    Column("seq", "序号", 8, kind="int"),
    Column("name", "姓名", 12),
    Column("township", "乡镇", 14),
    Column("village", "村", 14),
    Column("school", "就读学校", 28),
    Column("school_type", "学校类型", 12, kind="code", codes=codes.SCHOOL_TYPE),
    Column("household_type", "户类型", 10, kind="code", codes=codes.HOUSEHOLD_TYPE),
)


def _summary_values(row: LedgerRow) -> dict[str, Any]:
    values: dict[str, Any] = {
        "township": row.township_name if row.level == "village" else row.label,
        "village": row.name if row.level == "village" else "",
        "applied": row.applied,
        "approved_fen": row.approved_fen,
        "paid_count": row.paid_count,
        "paid_fen": row.paid_fen,
        "not_applied": row.not_applied,
    }
    for state in codes.SUBSIDY_STATE.labels:
        values[state] = row.counts.get(state, 0)
    return values


def _line_values(lines: Sequence[PaymentLine]) -> Iterable[dict[str, Any]]:
    for n, x in enumerate(lines, start=1):
        yield {
            "seq": n,
            "batch_no": x.batch_no,
            "name": x.name,
            "id_number": x.id_number_masked,
            "township": x.township_name,
            "village": x.village_name,
            "school": x.school_name,
            "amount": x.amount_fen,
            "approved_on": x.county_approved_on,
            "paid_on": x.paid_on,
        }
    yield {"seq": "合计", "name": f"{len(lines)} 人", "amount": sum(x.amount_fen for x in lines)}


def _totals_text(book: Ledger) -> str:
    batches = "；".join(f"{no or '（无批次）'} {count} 人 {_yuan(fen)} 元" for no, count, fen in book.batches)
    text = f"合计：已发放 {len(book.lines)} 人，{_yuan(book.lines_fen)} 元"
    return text + (f"（{batches}）" if batches else "")


def export_ledger(
    db: Database,
    term: str,
    path: str | Path,
    *,
    unit_id: str | None = None,
    actor: str,
    today: date | None = None,
) -> Path:
    """The ledger as .xlsx: sheets 汇总, 发放台账 and 未申请 (ID numbers masked); audited."""
    who, _ = permit(db, actor, Permission.EXPORT)
    book = ledger(db, term, unit_id=unit_id, today=today)
    target = Path(path)
    title = f"{rules.term_label(term)}雨露计划补助台账（{book.scope_name}）"
    write_workbook(
        target,
        [
            ("汇总", title, _SUMMARY_COLUMNS, [_summary_values(r) for r in book.rows]),
            ("发放台账", title, _LINE_COLUMNS, list(_line_values(book.lines))),
            (
                "未申请",
                f"{rules.term_label(term)}符合条件未申请的学生（{book.scope_name}）",
                _NOT_APPLIED_COLUMNS,
                [
                    {
                        "seq": n,
                        "name": s.name,
                        "township": s.township_name,
                        "village": s.village_name,
                        "school": s.school_name,
                        "school_type": s.school_type,
                        "household_type": s.household_type,
                    }
                    for n, s in enumerate(book.not_applied, start=1)
                ],
            ),
        ],
        mask=False,  # the only identifier (the ID number) is masked already
    )
    detail = (
        f"雨露计划补助台账 {book.scope_name} {rules.term_label(term)}：已发放 {len(book.lines)} 人，"
        f"未申请 {len(book.not_applied)} 人 → {target.name}（身份证号已打码）"
    )
    return records.audit_file(
        db,
        target,
        actor=who.audit_name,
        action="export",
        entity="subsidy_ledger",
        entity_id=unit_id or "",
        detail=detail,
    )


def ledger_print_data(book: Ledger, *, printed_by: str, now: dt.datetime | None = None) -> LedgerPrint:
    """The 发放台账 as the PDF prints it (display strings, ID numbers masked)."""
    summary = tuple(
        (
            r.township_name if r.level == "village" else r.label,
            r.name if r.level == "village" else "",
            str(r.applied),
            str(r.count(*IN_REVIEW_STATES)),
            str(r.count("returned")),
            str(r.count("county_approved", "announced")),
            str(r.count("in_payment", "account_fixed")),
            str(r.paid_count),
            str(r.count("payment_failed")),
            str(r.count(*_CLOSED_STATES)),
            _yuan(r.approved_fen),
            _yuan(r.paid_fen),
            str(r.not_applied),
        )
        for r in book.rows
    )
    lines = tuple(
        (
            str(n),
            x.batch_no,
            x.name,
            x.id_number_masked,
            x.township_name,
            x.village_name,
            x.school_name,
            _yuan(x.amount_fen),
            x.county_approved_on.isoformat() if x.county_approved_on else "",
            x.paid_on.isoformat() if x.paid_on else "",
        )
        for n, x in enumerate(book.lines, start=1)
    )
    not_applied = tuple(
        (
            str(n),
            s.name,
            s.township_name,
            s.village_name,
            s.school_name,
            codes.SCHOOL_TYPE.label(s.school_type) if s.school_type else "",
            codes.HOUSEHOLD_TYPE.label(s.household_type) if s.household_type else "",
        )
        for n, s in enumerate(book.not_applied, start=1)
    )
    return LedgerPrint(
        scope_name=book.scope_name,
        term=book.term,
        summary=summary,
        lines=lines,
        not_applied=not_applied,
        totals=_totals_text(book),
        generated_at=now or dt.datetime.now().replace(microsecond=0),
        printed_by=printed_by,
    )


def print_ledger(
    db: Database,
    term: str,
    path: str | Path,
    *,
    unit_id: str | None = None,
    actor: str,
    today: date | None = None,
    now: dt.datetime | None = None,
) -> Path:
    """The 发放台账 as a PDF at ``path`` (ID numbers masked); audited as a print."""
    who, _ = permit(db, actor, Permission.PRINT)
    book = ledger(db, term, unit_id=unit_id, today=today)
    pdf = render_ledger(ledger_print_data(book, printed_by=who.audit_name, now=now))
    detail = f"雨露计划补助发放台账 {book.scope_name} {rules.term_label(term)}：已发放 {len(book.lines)} 人"
    return records.write_audited(
        db,
        Path(path),
        pdf,
        actor=who.audit_name,
        action="print",
        entity="subsidy_ledger",
        entity_id=unit_id or "",
        detail=detail,
    )


def publicity_print_data(
    db: Database, publicity_id: str, *, now: dt.datetime | None = None
) -> SubsidyPublicityPrint:
    """The 公示 list of one publicity: every application put on it (name, group, school, amount — never ID
    numbers, phones or accounts)."""
    pub, a, p, h, e = (
        schema.subsidy_publicity,
        schema.subsidy_application,
        schema.person,
        schema.household,
        schema.enrollment,
    )
    with db.read_connection() as conn:
        found = conn.execute(select(pub).where(pub.c.id == publicity_id)).first()
        if found is None:
            raise NotFound("找不到这次公示（可能还没有同步到本机）")
        units = _units(conn)
        rows = conn.execute(
            select(p.c.name, h.c.group_name, e.c.school_name, e.c.school_type, e.c.grade, a.c.amount_fen)
            .join(p, p.c.id == a.c.person_id)
            .join(h, h.c.id == p.c.household_id)
            .outerjoin(e, e.c.id == a.c.enrollment_id)
            .where(a.c.publicity_id == publicity_id, a.c.state != "withdrawn")
            .order_by(h.c.group_name, h.c.household_no, p.c.name, a.c.id)
        ).all()
    village = units.get(found.village_id)
    return SubsidyPublicityPrint(
        village_path=_path(units, found.village_id),
        village_name=village.name if village else "",
        term=found.term,
        starts_on=found.starts_on,
        ends_on=found.ends_on,
        rows=tuple(
            PublicityRow(
                name=r.name,
                group=r.group_name or "",
                school=r.school_name or "",
                school_type=r.school_type or "",
                grade=r.grade or "",
                amount_yuan=(r.amount_fen + 50) // 100,
            )
            for r in rows
        ),
        generated_at=now or dt.datetime.now().replace(microsecond=0),
        place=found.place or "",
        posted_by=found.posted_by or "",
        reference=found.id,
    )


def print_publicity_list(
    db: Database, publicity_id: str, path: str | Path, *, actor: str, now: dt.datetime | None = None
) -> Path:
    """The 公示 list PDF of one publicity at ``path``; ``PublicityRefused`` if it would show what it must not."""
    who, _ = permit(db, actor, Permission.PRINT)
    data = publicity_print_data(db, publicity_id, now=now)
    pdf = render_subsidy_publicity(data)
    detail = (
        f"公示名单 {data.village_path} {rules.term_label(data.term)} {len(data.rows)} 人，"
        f"公示期 {data.starts_on.isoformat()} 至 {data.ends_on.isoformat()}"
    )
    return records.write_audited(
        db,
        Path(path),
        pdf,
        actor=who.audit_name,
        action="print",
        entity="subsidy_publicity",
        entity_id=publicity_id,
        detail=detail,
    )
