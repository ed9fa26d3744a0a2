"""Printing from the database: the print use cases (who may, render, audit).

The inputs of the renderers are read by :mod:`yulu_desktop.services.print_data` (re-exported here, so
``services.printing`` stays the one import for callers). Every ``print_*`` function first asks the role table
(:mod:`yulu_desktop.domain.access`) whether the acting cadre (:mod:`yulu_desktop.services.acting`: the
enrolled cadre, or on a laptop not enrolled yet the local author name given as ``actor`` with the village
role) may do it, and raises ``AccessDenied`` / ``ReasonRequired`` before anything is read, rendered or
written. Then it renders and **writes the audit log** (who printed what, when, and for unmasked output why),
so the desktop UI and the CLI get the same record without doing anything themselves. A batch that is
cancelled or fails prints nothing and logs nothing.

Unmasked output is asked for explicitly: ``full=True`` on a 补助申请表 (the signed copy, with the full ID
number, phone and account) and ``health=True`` on a 一人一档 (健康状况 and 残疾情况), each with a ``reason``.
Without it every document is masked so that no mask can be undone (birth dates as the year, 学籍号 masked).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from yulu_desktop.domain import rules
from yulu_desktop.domain.access import Actor, Permission
from yulu_desktop.domain.errors import NotFound, YuluError
from yulu_desktop.printing.model import ApplicationFormData, DossierData
from yulu_desktop.printing.reference import PrintReference, parse_print_qr
from yulu_desktop.services import profile, records
from yulu_desktop.services.acting import current_actor, permit
from yulu_desktop.services.person_file import PersonFile, load_person_file
from yulu_desktop.services.person_files import load_person_files
from yulu_desktop.services.print_data import (
    NOTICE_DAYS,
    REGISTER_KINDS,
    _dossier_from_file,
    _now,
    _photo,
    _place,
    application_form_data,
    dossier_data,
    dossier_people,
    find_person,
    form_people,
    parse_term_argument,
    publicity_data,
    record_version,
    register_data,
    resolve_org,
    version_of,
)
from yulu_desktop.store.database import Database

if TYPE_CHECKING:  # the renderers import reportlab: loaded only when something is printed
    from yulu_desktop.printing.batch import CancelToken

__all__ = [
    "NOTICE_DAYS",
    "PARALLEL_FROM",
    "REGISTER_KINDS",
    "AuditAction",
    "BatchResult",
    "PrintCheck",
    "Progress",
    "application_form_data",
    "batch_workers",
    "check_printed_reference",
    "current_actor",
    "dossier_data",
    "dossier_people",
    "find_person",
    "form_people",
    "parse_term_argument",
    "print_dossier",
    "print_dossiers",
    "print_form",
    "print_forms",
    "print_publicity",
    "print_register",
    "publicity_data",
    "record_version",
    "register_data",
    "resolve_org",
    "version_of",
    "warm_batch_workers",
]

#: ``progress(stage, done, total)``; stage is ``"load"`` (reading the records) or ``"render"`` (the PDF).
Progress = Callable[[str, int, int], None]
AuditAction = Literal["print", "export"]

#: Batches smaller than this are rendered in one process whatever ``workers`` says: below it, what a batch
#: in several processes adds (the workers' start when they are not running yet, a font subset per part, the
#: join) outweighs the parallel rendering.
PARALLEL_FROM = 60


def batch_workers() -> int:
    """Processes a batch is rendered in by default: two on a machine with two cores or more."""
    from yulu_desktop.printing import render_pool

    return render_pool.default_workers()


def warm_batch_workers() -> None:
    """Start the processes of :func:`batch_workers` now, without waiting, so that a batch about to be printed
    (the user is still choosing where to save it) does not wait for them. They stop when unused for a while."""
    from yulu_desktop.printing import render_pool

    workers = batch_workers()
    if workers > 1:
        render_pool.shared(workers).warm()


# --- the print use cases: render + audit ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch wrote: the file(s), how many people, and who was left out and why."""

    paths: tuple[Path, ...]
    printed: int
    skipped: tuple[str, ...] = ()


def _audit_many(db: Database, actor: str, action: str, entries: Sequence[tuple[str, str, str]]) -> None:
    """Audit rows (entity, entity id, detail) in one transaction."""
    with db.write() as session:
        for entity, entity_id, detail in entries:
            records.record_audit(
                session, actor=actor, action=action, entity=entity, entity_id=entity_id, detail=detail
            )


def _dossier_detail(d: DossierData, why: str, extra: str = "") -> str:
    shown = f"（含健康状况和残疾情况；理由：{why}）" if d.health_shown else "（敏感信息已打码）"
    return f"一人一档 {d.name}（人员编号 {d.person_no or '无'}）{shown}记录版本 {d.record_version}{extra}"


def _form_detail(f: ApplicationFormData, why: str, extra: str = "") -> str:
    shown = "（核对稿，敏感信息已打码）" if f.masked else f"（含完整身份证号和收款账号；理由：{why}）"
    return f"补助申请表 {rules.term_label(f.term)} {f.student_name}{shown}记录版本 {f.record_version}{extra}"


def _permit_dossier(db: Database, actor: str, health: bool, reason: str) -> tuple[Actor, str]:
    return permit(db, actor, Permission.PRINT_HEALTH if health else Permission.PRINT, reason)


def _permit_form(db: Database, actor: str, full: bool, reason: str) -> tuple[Actor, str]:
    return permit(db, actor, Permission.PRINT_FULL_FORM if full else Permission.PRINT, reason)


def print_dossier(
    db: Database,
    person_id: str,
    actor: str = "",
    *,
    health: bool = False,
    reason: str = "",
    now: dt.datetime | None = None,
    action: AuditAction = "print",
) -> bytes:
    """The 一人一档 PDF of one person; written to the audit log. ``action="export"`` for "save as PDF".

    ``health`` prints 健康状况 and 残疾情况 (a role that may, and a ``reason``). ``actor`` is the local author
    name, used only on a laptop not enrolled yet."""
    who, why = _permit_dossier(db, actor, health, reason)
    from yulu_desktop.printing.dossier import render_dossier

    data = dossier_data(db, person_id, printed_by=who.audit_name, now=now, health_shown=health)
    pdf = render_dossier(data)
    records.audit(
        db,
        actor=who.audit_name,
        action=action,
        entity="person",
        entity_id=person_id,
        detail=_dossier_detail(data, why),
    )
    return pdf


def print_form(
    db: Database,
    person_id: str,
    term: str,
    actor: str = "",
    *,
    full: bool = False,
    reason: str = "",
    now: dt.datetime | None = None,
    action: AuditAction = "print",
) -> bytes:
    """The 补助申请表 PDF of a student for ``term``; written to the audit log.

    Masked unless ``full`` (the copy that is signed: full ID number, phone and account), which needs a role
    that may and a ``reason``."""
    who, why = _permit_form(db, actor, full, reason)
    from yulu_desktop.printing.application_form import render_application_form

    data = application_form_data(db, person_id, term, printed_by=who.audit_name, now=now, full=full)
    pdf = render_application_form(data)
    records.audit(
        db,
        actor=who.audit_name,
        action=action,
        entity="person",
        entity_id=person_id,
        detail=_form_detail(data, why),
    )
    return pdf


def print_publicity(
    db: Database,
    village_code: str,
    term: str,
    actor: str = "",
    *,
    contact_person: str,
    contact_phone: str,
    office: str | None = None,
    notice_start: dt.date | None = None,
    notice_end: dt.date | None = None,
    objection_office: str = "",
    objection_phone: str = "",
    now: dt.datetime | None = None,
    action: AuditAction = "print",
) -> bytes:
    """The 公示 PDF of a village for ``term``; ``PublicityRefused`` for data that must not be posted."""
    who, _ = permit(db, actor, Permission.PRINT)
    from yulu_desktop.printing.publicity import render_publicity

    data = publicity_data(
        db,
        village_code,
        term,
        contact_person=contact_person,
        contact_phone=contact_phone,
        office=office,
        notice_start=notice_start,
        notice_end=notice_end,
        objection_office=objection_office,
        objection_phone=objection_phone,
        now=now,
    )
    pdf = render_publicity(data)
    detail = (
        f"公示名单 {data.village_path} {rules.term_label(data.term)} {len(data.rows)} 人，"
        f"公示期 {data.notice_start.isoformat()} 至 {data.notice_end.isoformat()}"
    )
    records.audit(
        db, actor=who.audit_name, action=action, entity="org_unit", entity_id=village_code, detail=detail
    )
    return pdf


def print_register(
    db: Database,
    kind: str,
    org_code: str,
    actor: str = "",
    *,
    term: str | None = None,
    now: dt.datetime | None = None,
    action: AuditAction = "print",
) -> bytes:
    """One of the three lists as a landscape PDF (sensitive columns masked); written to the audit log."""
    who, _ = permit(db, actor, Permission.PRINT)
    from yulu_desktop.printing.register import render_register

    data = register_data(db, kind, org_code, term=term, printed_by=who.audit_name, now=now)
    me = profile.load(db)  # 填报人: the cadre's own name (我的信息) and phone
    data = dataclasses.replace(data, filled_by=me.name or who.audit_name, filled_by_phone=me.phone)
    pdf = render_register(data)
    detail = f"{data.title} {data.scope_name} {len(data.rows)} 人（敏感信息已遮挡）"
    records.audit(
        db, actor=who.audit_name, action=action, entity="org_unit", entity_id=org_code, detail=detail
    )
    return pdf


def _load_all(
    ids: Sequence[str],
    load: Callable[[str], Any],
    progress: Progress | None,
    cancel: CancelToken | None,
) -> list[Any]:
    from yulu_desktop.printing.batch import BatchCancelled

    loaded = []
    for i, person_id in enumerate(ids):
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        if progress is not None and i % 10 == 0:
            progress("load", i, len(ids))
        loaded.append(load(person_id))
    if progress is not None:
        progress("load", len(ids), len(ids))
    return loaded


#: People read per batch query when printing many (progress and cancel are checked between two reads).
LOAD_CHUNK = 100


def _load_files(
    db: Database,
    ids: Sequence[str],
    build: Callable[[PersonFile], Any],
    progress: Progress | None,
    cancel: CancelToken | None,
) -> list[Any]:
    """``build`` of the file of every person of ``ids``, the files read :data:`LOAD_CHUNK` people at a time."""
    from yulu_desktop.printing.batch import BatchCancelled

    built = []
    for start in range(0, len(ids), LOAD_CHUNK):
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        if progress is not None:
            progress("load", start, len(ids))
        built += [build(pf) for pf in load_person_files(db, ids[start : start + LOAD_CHUNK])]
    if progress is not None:
        progress("load", len(ids), len(ids))
    return built


def _write(
    items: Sequence[Any],
    target: Path,
    *,
    per_file: bool,
    progress: Progress | None,
    cancel: CancelToken | None,
    workers: int,
) -> tuple[Path, ...]:
    from yulu_desktop.printing.batch import default_filename, write_batch_files, write_batch_pdf

    if len(items) < PARALLEL_FROM:
        workers = 1  # starting worker processes (spawn, reportlab, fonts) costs more than it saves

    def render_progress(done: int, total: int) -> None:
        if progress is not None:
            progress("render", done, total)

    if per_file:

        def filename(item: Any) -> str:
            if isinstance(item, ApplicationFormData):
                # Person ids made close together share their first digits: the household number, the name
                # and the end of the id keep names unique (no ID number in a file name).
                stem = f"补助申请表_{item.term}_{item.household_no}_{item.student_name}_{item.person_id[-6:]}"
                return _UNSAFE_IN_NAME.sub("_", stem) + ".pdf"
            return default_filename(item)

        return tuple(
            write_batch_files(
                items, target, filename=filename, progress=render_progress, cancel=cancel, workers=workers
            )
        )
    return (write_batch_pdf(items, target, progress=render_progress, cancel=cancel, workers=workers),)


_UNSAFE_IN_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def _remove(paths: Sequence[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def print_dossiers(
    db: Database,
    org_code: str,
    target: Path,
    actor: str = "",
    *,
    health: bool = False,
    reason: str = "",
    per_file: bool = False,
    everyone: bool = False,
    person_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int = 1,
    now: dt.datetime | None = None,
    action: AuditAction = "print",
) -> BatchResult:
    """All dossiers of a village or township into one PDF at ``target`` (or one file each into the folder
    ``target`` with ``per_file``). ``person_ids`` narrows the batch to those people (in that order).

    ``workers > 1`` renders in that many processes, for batches of at least :data:`PARALLEL_FROM`.
    One audit row per person printed, written only when the whole batch was written. Raises
    ``BatchCancelled`` (nothing written, nothing logged) if ``cancel`` is set. ``health`` as in
    :func:`print_dossier`.
    """
    who, why = _permit_dossier(db, actor, health, reason)
    ids = list(person_ids) if person_ids is not None else dossier_people(db, org_code, everyone=everyone)
    place = _place(db, resolve_org(db, org_code))
    if not ids:
        raise YuluError(f"{place}没有需要建档的人员（没有学籍、意愿、补助、培训或就业记录）")
    when = _now(now)

    def build(pf: PersonFile) -> DossierData:
        return _dossier_from_file(
            pf, photo=_photo(db, pf), printed_by=who.audit_name, now=when, health_shown=health
        )

    items: list[DossierData] = _load_files(db, ids, build, progress, cancel)
    paths = _write(items, Path(target), per_file=per_file, progress=progress, cancel=cancel, workers=workers)
    extra = f"，批量打印（{place} 共 {len(items)} 份）"
    try:
        entries = [("person", d.person_id, _dossier_detail(d, why, extra)) for d in items]
        _audit_many(db, who.audit_name, action, entries)
    except BaseException:
        _remove(paths)  # an unrecorded print is not allowed to stay behind
        raise
    return BatchResult(paths=paths, printed=len(items))


def print_forms(
    db: Database,
    org_code: str,
    term: str,
    target: Path,
    actor: str = "",
    *,
    full: bool = False,
    reason: str = "",
    per_file: bool = False,
    person_ids: Sequence[str] | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int = 1,
    now: dt.datetime | None = None,
    action: AuditAction = "print",
) -> BatchResult:
    """The 补助申请表 of every student of a village or township with schooling in ``term``.

    Students whose form cannot be made (not a vocational school, not enrolled, no subsidy standard) are left
    out and listed in ``BatchResult.skipped``; if nobody is left, ``YuluError``. ``full`` as in
    :func:`print_form`.
    """
    who, why = _permit_form(db, actor, full, reason)
    term = parse_term_argument(term)
    ids = list(person_ids) if person_ids is not None else form_people(db, org_code, term)
    place = _place(db, resolve_org(db, org_code))
    label = rules.term_label(term)
    if not ids:
        raise YuluError(f"{place}没有{label}的在读学生（没有该学期的学籍记录），无法打印补助申请表")
    when = _now(now)
    skipped: list[str] = []

    def load(person_id: str) -> ApplicationFormData | None:
        try:
            return application_form_data(db, person_id, term, printed_by=who.audit_name, now=when, full=full)
        except YuluError as exc:
            skipped.append(exc.message)
            return None

    loaded: list[ApplicationFormData | None] = _load_all(ids, load, progress, cancel)
    items = [f for f in loaded if f is not None]
    if not items:
        raise YuluError(f"{place}{label}没有可以打印的补助申请表：" + "；".join(skipped))
    paths = _write(items, Path(target), per_file=per_file, progress=progress, cancel=cancel, workers=workers)
    extra = f"，批量打印（{place} 共 {len(items)} 份）"
    try:
        entries = [("person", f.person_id, _form_detail(f, why, extra)) for f in items]
        _audit_many(db, who.audit_name, action, entries)
    except BaseException:
        _remove(paths)
        raise
    return BatchResult(paths=paths, printed=len(items), skipped=tuple(skipped))


# --- scanning a printed page --------------------------------------------------------------------------------


class PrintCheck(NamedTuple):
    """A scanned reference: whose record it is, whether the record changed since it was printed, and what was
    read on the way (the parsed reference and the person's file), so that callers need not read them again."""

    person_id: str
    changed_since: bool
    reference: PrintReference
    person_file: PersonFile


def check_printed_reference(db: Database, qr_text: str) -> PrintCheck:
    """Read the QR code of a printed dossier or form: the person to open and whether their record (for a form:
    that term's part of it) changed since the paper was printed. ``YuluError`` if the code is not one of
    ours or the person is no longer in the database.
    """
    ref = parse_print_qr(qr_text)
    if ref is None:
        raise YuluError("这不是雨露打印件上的二维码，或二维码已损坏，无法识别")
    try:
        pf = load_person_file(db, ref.person_id)
    except NotFound:
        raise NotFound("打印件上的人员已不在本机数据库中（可能已删除，或尚未同步到本机）") from None
    current = version_of(pf, ref.term if ref.kind == "form" else None)
    return PrintCheck(ref.person_id, current != ref.record_version, ref, pf)
