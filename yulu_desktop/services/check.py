"""``yulu check``: SQLite integrity, the journal's and the audit log's triggers, the audit log's hash chain
(``store.audit.verify``: the first broken link), and domain validation of every stored row."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import plausibility, rules
from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    Intent,
    Person,
    Training,
    Visit,
)
from yulu_desktop.domain.errors import Issue, Severity
from yulu_desktop.store import audit, journal
from yulu_desktop.store.database import Database

ENTITY_LABELS = {
    "household": "户",
    "person": "人员",
    "enrollment": "学籍",
    "intent": "意愿",
    "visit": "走访",
    "training": "培训",
    "employment_record": "就业去向",
}


@dataclass(frozen=True)
class RowProblem:
    entity: str
    record_id: str
    describe: str  # which record, in words a cadre recognises (name, 户编号)
    issue: Issue

    def text(self) -> str:
        return f"[{ENTITY_LABELS.get(self.entity, self.entity)}] {self.describe}：{self.issue.text()}"


@dataclass
class CheckReport:
    integrity: list[str] = field(default_factory=list)
    foreign_keys: list[str] = field(default_factory=list)
    missing_triggers: list[str] = field(default_factory=list)
    #: Guard triggers of the audit log that are missing (someone dropped them).
    missing_audit_guards: list[str] = field(default_factory=list)
    #: The first broken link of the audit log's hash chain, if any.
    audit_problem: audit.ChainProblem | None = None
    audit_entries: int = 0
    rows_checked: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[RowProblem]:
        return [p for p in self.problems if p.issue.is_error]

    @property
    def ok(self) -> bool:
        return not (
            self.integrity
            or self.foreign_keys
            or self.missing_triggers
            or self.missing_audit_guards
            or self.audit_problem
            or self.errors
        )

    def audit_lines(self) -> list[str]:
        """What is wrong with the audit log, in Chinese (empty when nothing is)."""
        lines = [
            f"审计日志缺少保护触发器：{name}（请运行 yulu init 修复）" for name in self.missing_audit_guards
        ]
        if self.audit_problem is not None:
            lines.append(self.audit_problem.text())
        return lines


def _batched(session: Session, cls: type, size: int = 2000) -> Iterator[Any]:
    yield from session.execute(select(cls).execution_options(yield_per=size)).scalars()


def _county_holds(conn: Connection) -> int:
    """The last audit entry the county confirmed holding (0 before the first upload)."""
    row = conn.exec_driver_sql("SELECT audit_sent_id FROM sync_state WHERE id = 1").first()
    return 0 if row is None else int(row[0])


def check(
    db: Database, *, today: date | None = None, progress: Callable[[int], None] | None = None
) -> CheckReport:
    today = today or date.today()
    report = CheckReport()
    with db.read_connection() as conn:
        result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
        if result != ["ok"]:
            report.integrity = result
        report.foreign_keys = [
            str(tuple(row)) for row in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        ]
        report.missing_triggers = journal.shared_tables_without_triggers(conn)
        if audit.has_chain_columns(conn):
            report.missing_audit_guards = audit.missing_guards(conn)
            report.audit_problem = audit.verify(conn, county_holds=_county_holds(conn))
            report.audit_entries = audit.newest_id(conn)
    births: dict[str, date | None] = {}
    names: dict[str, str] = {}
    households: dict[str, tuple[str, str, str]] = {}  # id → (户编号, 村民小组, 住址)
    members: dict[str, list[plausibility.Member]] = {}
    with db.read() as session:

        def add(entity: str, record_id: str, describe: str, issues: list[Issue]) -> None:
            report.rows_checked += 1
            report.problems.extend(RowProblem(entity, record_id, describe, issue) for issue in issues)
            if progress and report.rows_checked % 10000 == 0:
                progress(report.rows_checked)

        for household in _batched(session, Household):
            households[household.id] = (household.household_no, household.group_name, household.address)
            add(
                "household",
                household.id,
                f"户编号 {household.household_no}",
                rules.household_issues(household, today=today),
            )
        for person in _batched(session, Person):
            births[person.id] = person.birth_date
            names[person.id] = person.name
            if person.status == "normal":
                members.setdefault(person.household_id, []).append(
                    plausibility.Member(
                        person.id, person.name, person.relationship, person.birth_date, person.sex
                    )
                )
            add(
                "person",
                person.id,
                f"{person.name}（{person.person_no or person.id[:8]}）",
                rules.person_issues(person, today=today),
            )
        for enrollment in _batched(session, Enrollment):
            issues = rules.enrollment_issues(
                enrollment, birth_date=births.get(enrollment.person_id), today=today
            )
            add(
                "enrollment",
                enrollment.id,
                f"{names.get(enrollment.person_id, '?')} {enrollment.school_year}",
                issues,
            )
        for intent in _batched(session, Intent):
            add(
                "intent",
                intent.id,
                names.get(intent.person_id, "?"),
                rules.intent_issues(intent, today=today),
            )
        for visit in _batched(session, Visit):
            add(
                "visit",
                visit.id,
                f"{visit.visit_date} {visit.visitor_name}",
                rules.visit_issues(visit, today=today),
            )
        for training in _batched(session, Training):
            add(
                "training",
                training.id,
                names.get(training.person_id, "?"),
                rules.training_issues(training, today=today),
            )
        for record in _batched(session, EmploymentRecord):
            issues = rules.employment_issues(record, today=today)
            add(
                "employment_record",
                record.id,
                f"{names.get(record.person_id, '?')} {record.effective_date}",
                issues,
            )
    report.problems.extend(_implausible_households(households, members, today))
    return report


def _implausible_households(
    households: dict[str, tuple[str, str, str]],
    members: dict[str, list[plausibility.Member]],
    today: date,
) -> Iterator[RowProblem]:
    """Warnings for households whose members are not believable together (ages by relationship, two heads,
    an address with two 组), by household and person."""
    for household_id, (household_no, group_name, address) in households.items():
        people = members.get(household_id, [])
        names = {m.id: m.name for m in people}
        for finding in plausibility.household_findings(
            people, group_name=group_name, address=address, today=today
        ):
            who = f"户编号 {household_no}"
            if finding.member_id is not None:
                who += f" {names[finding.member_id]}"
            issue = Issue(
                field=finding.field,
                label=rules.label(finding.field),
                message=finding.message,
                severity=Severity.WARNING,
            )
            yield RowProblem("household", household_id, who, issue)
