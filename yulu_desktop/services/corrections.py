"""Correcting a mistake (作废): a visit, a training or an employment entry made in error is voided with a reason.

Append-only: the entry stays, with when it was voided, why and by whom, and is never erased. A voided entry no
longer counts — the lists, statistics, follow-ups due and the printed dossier leave it out — but the person
window still shows it, struck through, so that the file tells what happened. A void is final (the database
triggers and the county server refuse to clear or rewrite it, ``store.journal`` and ``sync.record_check``), and
it is the one update an employment entry accepts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from yulu_desktop.domain.entities import EmploymentRecord, Training, Visit
from yulu_desktop.domain.errors import Issue, ValidationFailed, YuluError
from yulu_desktop.services.records import writing
from yulu_desktop.store.database import Database

__all__ = ["VOIDABLE", "VoidedEntry", "void_entry", "void_reason_issues"]

#: What can be voided: entity name → (class, what it is called in a message).
Voidable = Visit | Training | EmploymentRecord
VOIDABLE: dict[str, tuple[type[Voidable], str]] = {
    "visit": (Visit, "走访记录"),
    "training": (Training, "培训或证书记录"),
    "employment_record": (EmploymentRecord, "就业去向记录"),
}

#: Longest reason kept (a sentence or two; the note itself says the rest).
MAX_REASON_LENGTH = 200


@dataclass(frozen=True, slots=True)
class VoidedEntry:
    entity: str
    entry_id: str
    voided_on: date
    void_reason: str
    voided_by: str


def void_reason_issues(reason: str) -> list[Issue]:
    """A reason is required (it is what a reader of the file sees next to the struck-through entry)."""
    text = reason.strip()
    if not text:
        return [
            Issue(field="void_reason", label="作废原因", message="请填写作废原因，如：录错了人、重复录入")
        ]
    if len(text) > MAX_REASON_LENGTH:
        return [Issue(field="void_reason", label="作废原因", message=f"不能超过 {MAX_REASON_LENGTH} 个字")]
    return []


def void_entry(
    db: Database, entity: str, entry_id: str, *, reason: str, actor: str, today: date | None = None
) -> VoidedEntry:
    """作废 ``entry_id`` of ``entity`` (``visit``, ``training`` or ``employment_record``) in one transaction.

    Raises ``ValidationFailed`` without a reason, ``NotFound`` for an unknown entry and ``YuluError`` when it is
    voided already (a void is final).
    """
    if entity not in VOIDABLE:
        raise ValueError(f"{entity!r} cannot be voided; only {', '.join(VOIDABLE)}")
    issues = void_reason_issues(reason)
    if issues:
        raise ValidationFailed(issues)
    cls, what = VOIDABLE[entity]
    voided_on = today or date.today()
    with writing(db, actor) as session:
        entry = cast(Voidable | None, session.get(cls, entry_id))
        if entry is None:
            raise YuluError(f"找不到要作废的{what}（编号 {entry_id}），可能已被删除")
        if entry.voided_on is not None:
            raise YuluError(
                f"这条{what}已于 {entry.voided_on.isoformat()} 由{entry.voided_by or '他人'}作废"
                f"（原因：{entry.void_reason}），不能再次作废"
            )
        entry.voided_on = voided_on
        entry.void_reason = reason.strip()
        entry.voided_by = actor
    return VoidedEntry(entity, entry_id, voided_on, reason.strip(), actor)
