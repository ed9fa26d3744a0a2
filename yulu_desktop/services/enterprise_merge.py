"""合并企业: the county merges two records of one enterprise, e.g. entered by two county laptops apart and synced
in (``employment_reference.duplicate_enterprises``).

``merge_enterprises(db, keep_id, drop_id, actor=…)`` does it in one write transaction, through the ordinary
journaled writes, so every change syncs as an ordinary update or delete and the other laptops converge:

1. the kept record takes the fields it has empty from the dropped one; a field both have filled keeps the kept
   value (``domain.enterprise_merge``: which fields, and when two records must not be merged);
2. every reference to the dropped record is re-pointed to the kept one: a position's ``enterprise_id``, and the
   ``enterprise_ids`` lists of agreements and job fairs (each id once);
3. the dropped record is deleted;
4. the merge is written to the audit log (``merge``).

Nothing else names an enterprise by id: a referral names a position, and an employment entry keeps the
employer's name as history (append-only), which the merge does not rewrite.

Only the county may merge (schools, enterprises and agreements are county data); the county server accepts
every one of these writes from a county device, positions and fairs of its townships included.
``merge_choices`` gives the merge dialog both records with what refers to each.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import employment
from yulu_desktop.domain import enterprise_merge as merging
from yulu_desktop.domain.enterprise_merge import FieldDifference
from yulu_desktop.domain.entities import EmploymentAgreement, Enterprise, JobFair, JobPosition
from yulu_desktop.domain.errors import NotFound, ValidationFailed
from yulu_desktop.services import employment_reference as reference
from yulu_desktop.services import records
from yulu_desktop.services.employment_reference import EnterpriseRow
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "MergeChoices",
    "MergeReport",
    "MergeSide",
    "Repointed",
    "fill_kept",
    "merge_choices",
    "merge_enterprises",
    "repoint_references",
]


@dataclass(frozen=True)
class MergeSide:
    """One enterprise as the merge dialog shows it, with what refers to it."""

    enterprise: EnterpriseRow
    #: The stored record (detached): ``domain.enterprise_merge.merge_plan`` of two sides says what a merge takes.
    record: Enterprise
    positions: int
    #: The agreements and job fairs that name it.
    agreement_ids: frozenset[str]
    fair_ids: frozenset[str]
    #: Looks like the same enterprise as the one the dialog was opened for (same credit code, or name and place).
    duplicate: bool = False

    @property
    def agreements(self) -> int:
        return len(self.agreement_ids)

    @property
    def fairs(self) -> int:
        return len(self.fair_ids)


@dataclass(frozen=True)
class MergeChoices:
    """The enterprise a merge starts from and the others of its county it may be merged with, the likely
    duplicates first (then by name)."""

    selected: MergeSide
    others: tuple[MergeSide, ...]


@dataclass(frozen=True)
class Repointed:
    """The records whose reference to the dropped enterprise now names the kept one."""

    positions: int = 0
    agreements: int = 0
    fairs: int = 0


@dataclass(frozen=True)
class MergeReport:
    """What a merge did."""

    kept_id: str
    kept_name: str
    dropped_id: str
    dropped_name: str
    #: (label, value) of the fields the kept record took from the dropped one.
    taken: tuple[tuple[str, str], ...]
    #: Fields both had filled, differently: the kept value stands.
    differences: tuple[FieldDifference, ...]
    repointed: Repointed
    #: The kept enterprise's positions open on the day of the merge, its own and those it took.
    open_positions: int

    def lines(self) -> list[str]:
        """The report in Chinese, one line per part."""
        moved = self.repointed
        lines = [
            f"“{self.dropped_name}”已合并到“{self.kept_name}”，并已删除。",
            f"改为指向“{self.kept_name}”：{moved.positions} 个岗位、{moved.agreements} 份合作协议、"
            f"{moved.fairs} 场招聘会；现有在招岗位 {self.open_positions} 个。",
        ]
        if self.taken:
            lines.append("补填的信息：" + "；".join(f"{label}：{value}" for label, value in self.taken))
        else:
            lines.append("没有需要补填的信息。")
        if self.differences:
            lines.append(
                "两条记录不同、保留了“"
                + self.kept_name
                + "”的："
                + "；".join(f"{d.label} “{d.kept}”（未采用“{d.dropped}”）" for d in self.differences)
            )
        return lines


# --- reading --------------------------------------------------------------------------------------------------


def _naming(session: Session, table: Any) -> dict[str, set[str]]:
    """enterprise id → the ids of the records of ``table`` that name it in their ``enterprise_ids``."""
    found: dict[str, set[str]] = {}
    for record_id, text in session.execute(select(table.c.id, table.c.enterprise_ids)):
        for enterprise_id in employment.json_list(text):
            found.setdefault(enterprise_id, set()).add(record_id)
    return found


def merge_choices(db: Database, enterprise_id: str, *, today: date | None = None) -> MergeChoices:
    """The enterprise ``enterprise_id`` and the other enterprises of its county, each with its positions,
    agreements and fairs; ``NotFound`` (Chinese) if it is gone."""
    day = today or date.today()
    rows = {row.id: row for row in reference.enterprises(db, today=day)}
    p = schema.job_position
    with db.read() as session:
        found = {e.id: e for e in session.execute(select(Enterprise)).scalars()}
        session.expunge_all()
        positions = Counter(r.enterprise_id for r in session.execute(select(p.c.enterprise_id)))
        agreements = _naming(session, schema.employment_agreement)
        fairs = _naming(session, schema.job_fair)
    selected = found.get(enterprise_id)
    if selected is None or enterprise_id not in rows:
        raise NotFound(f"找不到企业（编号 {enterprise_id}），可能已被删除")

    def side(enterprise: Enterprise, duplicate: bool = False) -> MergeSide:
        return MergeSide(
            enterprise=rows[enterprise.id],
            record=enterprise,
            positions=positions[enterprise.id],
            agreement_ids=frozenset(agreements.get(enterprise.id, ())),
            fair_ids=frozenset(fairs.get(enterprise.id, ())),
            duplicate=duplicate,
        )

    others = [
        side(e, employment.duplicate_enterprise(selected, [e]) is not None)
        for e in found.values()
        if e.id != enterprise_id and e.county_id == selected.county_id and e.id in rows
    ]
    others.sort(key=lambda s: (not s.duplicate, s.enterprise.name, s.enterprise.place, s.enterprise.id))
    return MergeChoices(selected=side(selected), others=tuple(others))


# --- the merge --------------------------------------------------------------------------------------------------


def _enterprise(session: Session, enterprise_id: str) -> Enterprise:
    found = session.get(Enterprise, enterprise_id)
    if found is None:
        raise NotFound(f"找不到企业（编号 {enterprise_id}），可能已被删除")
    return found


def fill_kept(session: Session, kept: Enterprise, dropped: Enterprise) -> merging.MergePlan:
    """Give ``kept`` the fields it has empty and ``dropped`` has filled; refused (``ValidationFailed``) when that
    brings an error the kept record did not have."""
    plan = merging.merge_plan(kept, dropped)
    before = {i.text() for i in employment.enterprise_issues(kept) if i.is_error}
    for field, value in plan.taken.items():
        setattr(kept, field, value)
    brought = [i for i in employment.enterprise_issues(kept) if i.is_error and i.text() not in before]
    if brought:
        raise ValidationFailed(brought)
    session.flush()
    return plan


def repoint_references(session: Session, dropped_id: str, kept_id: str) -> Repointed:
    """Make every position, agreement and fair that names ``dropped_id`` name ``kept_id`` instead (an id list
    holds each id once). Each is an ordinary update of the stored record, journaled for sync."""
    p, a, f = schema.job_position, schema.employment_agreement, schema.job_fair
    positions = session.execute(select(JobPosition).where(p.c.enterprise_id == dropped_id)).scalars().all()
    for position in positions:
        position.enterprise_id = kept_id

    def lists(cls: type[Any], table: Any) -> int:
        changed = 0
        candidates = session.execute(select(cls).where(table.c.enterprise_ids.contains(dropped_id))).scalars()
        for record in candidates.all():
            new = merging.repointed(employment.json_list(record.enterprise_ids), dropped_id, kept_id)
            if new is not None:
                record.enterprise_ids = json.dumps(new)
                changed += 1
        return changed

    agreements = lists(EmploymentAgreement, a)
    fairs = lists(JobFair, f)
    session.flush()
    return Repointed(positions=len(positions), agreements=agreements, fairs=fairs)


def _open_positions(session: Session, enterprise_id: str, today: date) -> int:
    p = schema.job_position
    return sum(
        1
        for (deadline,) in session.execute(select(p.c.deadline).where(p.c.enterprise_id == enterprise_id))
        if deadline is None or deadline >= today
    )


def merge_enterprises(
    db: Database, keep_id: str, drop_id: str, *, actor: str, today: date | None = None
) -> MergeReport:
    """Merge the enterprise ``drop_id`` into ``keep_id`` (module docstring), in one transaction: all of it is
    written, or nothing. Refused for a role below the county (``AccessDenied``), a record that is gone
    (``NotFound``), and two records that must not be merged (``ValidationFailed``: the same record, different
    counties, different credit codes)."""
    who = reference.require_role(db, actor, Enterprise)
    day = today or date.today()
    with records.writing(db, who.audit_name) as session:
        kept = _enterprise(session, keep_id)
        dropped = kept if drop_id == keep_id else _enterprise(session, drop_id)
        problems = merging.merge_problems(kept, dropped)
        if problems:
            raise ValidationFailed(problems)
        dropped_name = dropped.name
        plan = fill_kept(session, kept, dropped)
        moved = repoint_references(session, drop_id, keep_id)
        session.delete(dropped)
        session.flush()
        report = MergeReport(
            kept_id=keep_id,
            kept_name=kept.name,
            dropped_id=drop_id,
            dropped_name=dropped_name,
            taken=tuple(
                (label, merging.shown_value(field, value))
                for (field, value), label in zip(plan.taken.items(), plan.taken_labels(), strict=True)
            ),
            differences=plan.differences,
            repointed=moved,
            open_positions=_open_positions(session, keep_id, day),
        )
        records.record_audit(
            session,
            actor=who.audit_name,
            action="merge",
            entity="enterprise",
            entity_id=keep_id,
            detail=_audit_detail(report),
        )
    return report


def _audit_detail(report: MergeReport) -> str:
    moved = report.repointed
    taken = "、".join(label for label, _ in report.taken) or "无"
    return (
        f"合并企业：“{report.dropped_name}”（编号 {report.dropped_id}）并入“{report.kept_name}”"
        f"（编号 {report.kept_id}）；改指 {moved.positions} 个岗位、{moved.agreements} 份合作协议、"
        f"{moved.fairs} 场招聘会；补填：{taken}"
    )
