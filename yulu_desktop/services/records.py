"""Use cases that change shared records: each one validates, then writes in one transaction.

The journal triggers record every change in the same transaction; ``actor`` names the person making it (it
goes into each journal entry). Validation errors raise ``ValidationFailed`` before anything is written;
warnings are returned so the caller can show them.
"""

from __future__ import annotations

import contextlib
import dataclasses
import mimetypes
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import (
    Attachment,
    EmploymentRecord,
    Enrollment,
    Household,
    Intent,
    OrgUnit,
    Person,
    SubsidyApplication,
    SubsidySetting,
    Training,
    Visit,
)
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed, YuluError, raise_if_errors
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.services import attachments as attachment_files
from yulu_desktop.store import audit as audit_chain
from yulu_desktop.store import journal, schema
from yulu_desktop.store.database import Database

T = TypeVar("T")


@contextlib.contextmanager
def writing(db: Database, actor: str) -> Iterator[Session]:
    """One write transaction whose journal entries name ``actor``."""
    with db.write() as session:
        journal.set_author(session.connection(), actor)
        yield session


def _today(today: date | None) -> date:
    return today or date.today()


def _get(session: Session, cls: type[T], record_id: str, what: str) -> T:
    record = session.get(cls, record_id)
    if record is None:
        raise NotFound(f"找不到{what}（编号 {record_id}），可能已被删除")
    return record


def _apply_changes(record: T, changes: Mapping[str, Any]) -> T:
    """A new, detached record: ``record`` with ``changes`` applied (validated before anything is stored)."""
    if "id" in changes:
        raise ValueError("a record id never changes")
    return dataclasses.replace(record, **changes)  # type: ignore[type-var]


def _store_changes(session: Session, record: T, draft: T) -> None:
    for name in rules.changed_fields(record, draft):
        setattr(record, name, getattr(draft, name))
    session.flush()


def _unique(
    session: Session, cls: type, column: str, value: object, own_id: str | None, label: str
) -> list[Issue]:
    if value in (None, ""):
        return []
    found = session.execute(select(cls).where(getattr(cls, column) == value)).scalars().first()
    if found is not None and found.id != own_id:
        return [Issue(field=column, label=label, message=f"“{value}”已被其他记录使用，不能重复")]
    return []


# --- org units --------------------------------------------------------------------------------------------


def ensure_org_unit(session: Session, code: str, name: str, level: str, parent: OrgUnit | None) -> OrgUnit:
    """The org unit with ``code``, created if it is not there yet (used by demo data, import and sync setup)."""
    found = session.execute(select(OrgUnit).where(schema.org_unit.c.code == code)).scalars().first()
    if found is not None:
        return found
    if level not in codes.ORG_LEVEL:
        raise YuluError(f"未知的行政级别“{level}”")
    unit = OrgUnit(code=code, name=name, level=level, parent_id=parent.id if parent else None)
    session.add(unit)
    session.flush()
    return unit


# --- households and people --------------------------------------------------------------------------------


def normalized_household_issues(household: Household, today: date) -> list[Issue]:
    """Fold the household into canonical form, then check it with the domain rules (no database checks)."""
    rules.normalize_household(household)
    return rules.household_issues(household, today=today)


def normalized_person_issues(person: Person, today: date) -> list[Issue]:
    """Fold the person into canonical form (derived birth date and sex, search key), then check it with the
    domain rules (no database checks)."""
    rules.normalize_person(person, today=today)
    person.search_key = search_key(person.name)
    return rules.person_issues(person, today=today)


def _check_household(session: Session, household: Household, today: date) -> list[Issue]:
    issues = normalized_household_issues(household, today)
    issues += _unique(session, Household, "household_no", household.household_no, household.id, "户编号")
    if household.village_id and session.get(OrgUnit, household.village_id) is None:
        issues.append(Issue(field="village_id", label="所属村", message="所属村不存在"))
    return raise_if_errors(issues)


def register_household(
    db: Database, household: Household, *, actor: str, today: date | None = None
) -> list[Issue]:
    """登记户: add a new household. Returns warnings."""
    with writing(db, actor) as session:
        warnings = _check_household(session, household, _today(today))
        session.add(household)
    return warnings


def update_household(
    db: Database, household_id: str, changes: Mapping[str, Any], *, actor: str, today: date | None = None
) -> list[Issue]:
    with writing(db, actor) as session:
        household = _get(session, Household, household_id, "户")
        draft = _apply_changes(household, changes)
        warnings = _check_household(session, draft, _today(today))
        _store_changes(session, household, draft)
    return warnings


def _check_person(session: Session, person: Person, today: date) -> list[Issue]:
    issues = normalized_person_issues(person, today)
    issues += _unique(session, Person, "id_number", person.id_number, person.id, "身份证号")
    issues += _unique(session, Person, "person_no", person.person_no, person.id, "人员编号")
    if person.household_id and session.get(Household, person.household_id) is None:
        issues.append(Issue(field="household_id", label="所属户", message="所属户不存在"))
    if person.relationship == "01":
        head = (
            session.execute(
                select(Person).where(
                    schema.person.c.household_id == person.household_id, schema.person.c.relationship == "01"
                )
            )
            .scalars()
            .first()
        )
        if head is not None and head.id != person.id:
            issues.append(
                Issue(field="relationship", label="与户主关系", message=f"该户已有户主（{head.name}）")
            )
    return raise_if_errors(issues)


def add_member(db: Database, person: Person, *, actor: str, today: date | None = None) -> list[Issue]:
    """添加家庭成员. Birth date and sex are derived from the ID number. Returns warnings."""
    with writing(db, actor) as session:
        warnings = _check_person(session, person, _today(today))
        session.add(person)
    return warnings


def update_person(
    db: Database, person_id: str, changes: Mapping[str, Any], *, actor: str, today: date | None = None
) -> list[Issue]:
    with writing(db, actor) as session:
        person = _get(session, Person, person_id, "人员")
        draft = _apply_changes(person, changes)
        warnings = _check_person(session, draft, _today(today))
        _store_changes(session, person, draft)
    return warnings


def delete_person(db: Database, person_id: str, *, actor: str) -> None:
    """Remove a person and everything recorded about them (travels to the server as tombstones)."""
    with writing(db, actor) as session:
        session.delete(_get(session, Person, person_id, "人员"))


# --- schooling, intent, visits, training, employment ------------------------------------------------------


def _person(session: Session, person_id: str) -> Person:
    return _get(session, Person, person_id, "人员")


def record_enrollment(
    db: Database, enrollment: Enrollment, *, actor: str, today: date | None = None
) -> list[Issue]:
    """登记学籍 for one semester (one record per person, school year and semester)."""
    with writing(db, actor) as session:
        person = _person(session, enrollment.person_id)
        issues = rules.enrollment_issues(enrollment, birth_date=person.birth_date, today=_today(today))
        clash = (
            session.execute(
                select(Enrollment).where(
                    schema.enrollment.c.person_id == enrollment.person_id,
                    schema.enrollment.c.school_year == enrollment.school_year,
                    schema.enrollment.c.semester == enrollment.semester,
                )
            )
            .scalars()
            .first()
        )
        if clash is not None and clash.id != enrollment.id:
            issues.append(
                Issue(
                    field="semester", label="学期", message=f"{person.name}在该学期已有学籍记录，请修改原记录"
                )
            )
        warnings = raise_if_errors(issues)
        session.merge(enrollment)
    return warnings


def record_intent(db: Database, intent: Intent, *, actor: str, today: date | None = None) -> list[Issue]:
    """意愿清单: record (or update) what a child wants."""
    with writing(db, actor) as session:
        _person(session, intent.person_id)
        warnings = raise_if_errors(rules.intent_issues(intent, today=_today(today)))
        session.merge(intent)
    return warnings


def record_visit(db: Database, visit: Visit, *, actor: str, today: date | None = None) -> list[Issue]:
    """走访: record a visit, with a follow-up and due date if something was promised."""
    with writing(db, actor) as session:
        issues = rules.visit_issues(visit, today=_today(today))
        if session.get(Household, visit.household_id) is None:
            issues.append(Issue(field="household_id", label="走访户", message="请选择走访的户"))
        if visit.person_id is not None:
            person = session.get(Person, visit.person_id)
            if person is None or person.household_id != visit.household_id:
                issues.append(Issue(field="person_id", label="走访对象", message="走访对象不是该户成员"))
        warnings = raise_if_errors(issues)
        session.merge(visit)
    return warnings


def complete_follow_up(
    db: Database, visit_id: str, *, done_on: date, actor: str, today: date | None = None
) -> None:
    with writing(db, actor) as session:
        visit = _get(session, Visit, visit_id, "走访记录")
        draft = _apply_changes(visit, {"follow_up_done_on": done_on})
        raise_if_errors(rules.visit_issues(draft, today=_today(today)))
        visit.follow_up_done_on = done_on


def record_training(
    db: Database, training: Training, *, actor: str, today: date | None = None
) -> list[Issue]:
    with writing(db, actor) as session:
        _person(session, training.person_id)
        warnings = raise_if_errors(rules.training_issues(training, today=_today(today)))
        session.merge(training)
    return warnings


def record_job_change(
    db: Database, record: EmploymentRecord, *, actor: str, today: date | None = None
) -> list[Issue]:
    """毕业生去向: append a change to a graduate's employment history (never overwrites the earlier ones)."""
    with writing(db, actor) as session:
        _person(session, record.person_id)
        if session.get(EmploymentRecord, record.id) is not None:
            raise YuluError("就业去向记录已保存，不能修改；如有变化请新增一条记录")
        warnings = raise_if_errors(rules.employment_issues(record, today=_today(today)))
        session.add(record)
    return warnings


# --- subsidies ----------------------------------------------------------------------------------------------
# The subsidy cycle lives in ``services.subsidy`` and the county's rules in ``services.subsidy_rules`` (issue 15).
# These old names stay as thin wrappers until their last callers move (imported late: those modules use this one).


def set_subsidy_amount(
    db: Database,
    county_code: str,
    school_type: str,
    annual_amount_fen: int,
    *,
    effective_from: date,
    actor: str,
) -> SubsidySetting:
    """Deprecated: ``services.subsidy_rules.set_amount`` (which checks the county role)."""
    from yulu_desktop.services import subsidy_rules

    return subsidy_rules.store_amount(
        db, county_code, school_type, annual_amount_fen, effective_from=effective_from, actor=actor
    )


def subsidy_amount_fen(session: Session, county_code: str, school_type: str, on: date) -> int | None:
    """The semester amount in force on a date (half the yearly standard), or None if the county set none."""
    from yulu_desktop.services import subsidy_rules

    return subsidy_rules.amount_fen(session, county_code, school_type, on)


def county_of(session: Session, unit_id: str) -> OrgUnit:
    from yulu_desktop.services import subsidy_rules

    return subsidy_rules.county_of(session, unit_id)


def apply_for_subsidy(
    db: Database,
    person_id: str,
    term: str,
    *,
    actor: str,
    applied_on: date | None = None,
    today: date | None = None,
) -> SubsidyApplication:
    """Deprecated: ``services.subsidy.apply`` for one student; raises ``ValidationFailed`` with the reasons."""
    from yulu_desktop.services import subsidy

    report = subsidy.apply(db, [person_id], term, actor=actor, today=applied_on or today)
    if report.refused:
        _, name, reason = report.refused[0]
        raise ValidationFailed([Issue(field="person_id", label=name or "补助申请", message=reason)])
    with db.read() as session:
        return _get(session, SubsidyApplication, report.done[0], "补助申请")


def next_subsidy_states(state: str) -> frozenset[str]:
    """Deprecated: the states an application in ``state`` may move to with ``set_subsidy_state`` (any level;
    ``services.subsidy.take_step`` checks the level)."""
    from yulu_desktop.domain import subsidy_cycle
    from yulu_desktop.services import subsidy

    return frozenset(
        s.target for s in subsidy_cycle.STEPS if s.source == state and s.target not in subsidy.OWN_FUNCTION
    )


def set_subsidy_state(
    db: Database,
    application_id: str,
    state: str,
    *,
    actor: str,
    opinion: str = "",
    reason: str = "",
) -> SubsidyApplication:
    """Deprecated: ``services.subsidy.take_step`` for one application; raises ``YuluError`` with the reason."""
    from yulu_desktop.services import subsidy

    report = subsidy.take_step(db, [application_id], state, actor=actor, opinion=opinion, reason=reason)
    if report.refused:
        raise YuluError(report.refused[0][2])
    with db.read() as session:
        return _get(session, SubsidyApplication, application_id, "补助申请")


# --- attachments and audit ----------------------------------------------------------------------------------


def add_attachment(
    db: Database,
    person_id: str,
    filename: str,
    data: bytes,
    *,
    kind: str,
    actor: str,
    note: str = "",
    today: date | None = None,
    keep_original: bool = False,
) -> Attachment:
    """Keep a scan or photo with a person's file. The bytes are stored once per content hash.

    Images are downscaled for documents first (``services.attachments.prepare``: upright, longest side 2000 px,
    JPEG 85 or PNG when smaller); with ``keep_original`` the file as chosen is kept too, named in
    ``original_sha256``. Every new file is queued for upload to the county in the same transaction.
    """
    if kind not in codes.ATTACHMENT_KIND:
        raise ValidationFailed(
            [Issue(field="kind", label="附件类型", message=codes.ATTACHMENT_KIND.problem(kind) or "")]
        )
    if not data:
        raise YuluError(f"文件 {filename} 是空的")
    prepared = attachment_files.prepare(filename, data)
    mime = prepared.mime_type or mimetypes.guess_type(prepared.filename)[0] or "application/octet-stream"
    with writing(db, actor) as session:
        _person(session, person_id)
        conn = session.connection()
        digest = attachment_files.store_blob(conn, prepared.data)
        original = attachment_files.store_blob(conn, data) if keep_original and prepared.changed else None
        attachment = Attachment(
            person_id=person_id,
            kind=kind,
            filename=prepared.filename,
            mime_type=mime,
            size=len(prepared.data),
            sha256=digest,
            note=note,
            added_on=_today(today),
            original_sha256=original,
        )
        session.add(attachment)
        return attachment


def attachment_bytes(db: Database, sha256: str) -> bytes | None:
    with db.read_connection() as conn:
        row = conn.execute(
            select(schema.attachment_blob.c.data).where(schema.attachment_blob.c.sha256 == sha256)
        ).first()
    return None if row is None else bytes(row[0])


def record_audit(
    session: Session, *, actor: str, action: str, entity: str = "", entity_id: str = "", detail: str = ""
) -> None:
    """Append to the audit log (who saw an unmasked value, printed or exported what, when), chained to the
    entry before it (``store.audit.append``) in the session's write transaction."""
    if action not in codes.AUDIT_ACTION:
        raise ValueError(f"unknown audit action {action!r}")
    audit_chain.append(
        session.connection(), actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail
    )


def audit(
    db: Database, *, actor: str, action: str, entity: str = "", entity_id: str = "", detail: str = ""
) -> None:
    with db.write() as session:
        record_audit(session, actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail)


def audit_file(
    db: Database, target: Path, *, actor: str, action: str, entity: str, entity_id: str = "", detail: str = ""
) -> Path:
    """Audit a print or an export already written to ``target``; when the entry cannot be recorded the file is
    removed: an unrecorded print or export is not allowed to stay behind."""
    try:
        audit(db, actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return target


def write_audited(
    db: Database,
    target: Path,
    content: bytes,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: str = "",
    detail: str = "",
) -> Path:
    """Write ``content`` (a printed PDF) to ``target`` and audit it (:func:`audit_file`)."""
    try:
        target.write_bytes(content)
    except OSError as exc:
        raise YuluError(f"无法保存“{target.name}”：{exc.strerror or exc}") from exc
    return audit_file(
        db, target, actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail
    )
