"""What the printed documents hold, read from the database: the adapters that fill the printing inputs.

``yulu_desktop.printing`` turns plain data into PDF bytes and never reads the store; this module is the layer
above it, and :mod:`yulu_desktop.services.printing` (the print use cases: access check, render, audit) uses it.
The ``*_data`` functions read the database and build the frozen inputs of the renderers (coded fields keep
their codes; ID numbers, phones and accounts are passed in full and each renderer masks what it must, told by
the data's ``masked``/``health_shown`` flags; register rows come from :mod:`yulu_desktop.services.lists`,
already masked). They check nobody's role: call them through the use cases.

Record version (the QR code on every page)
------------------------------------------
A printed dossier or form carries ``record_version``: 12 hex digits of the sha256 of the stored rows it was
built from (the person, the household and its members, the org path, schooling, subsidies, the visits that
concern the person, intents, training, employment and attachments; for a form only the person, the head, the
household, the org path and that term's enrollment and application). It is a content hash and not the change
journal's HLC because the journal cannot answer "did this record change": acknowledged entries are deleted
(compaction) and changes pulled from the county server are applied with the triggers silent, so neither the
newest local entry nor its absence says anything about the data. A hash of the rows is the same on every
laptop that holds the same data, survives compaction and sync, and changes exactly when a stored value
changes. Empty values (``None``, ``""``) are left out of the hash, so a migration that adds a column with an
empty default does not make every signed paper look outdated. It includes every row's uuid (never printed),
so it cannot be searched for a masked value. :func:`version_of` recomputes it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import hashlib
import io
import json
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, or_, select, text
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import (
    Enrollment,
    OrgUnit,
    Person,
    SubsidyApplication,
)
from yulu_desktop.domain.errors import NotFound, ValidationFailed, YuluError
from yulu_desktop.domain.idcard import normalize_id_number, upgrade_15_to_18
from yulu_desktop.printing.model import (
    REGISTER_TITLES,
    ApplicationFormData,
    AttachmentInfo,
    DossierData,
    EmploymentInfo,
    EnrollmentInfo,
    HouseholdInfo,
    MemberInfo,
    MembershipChangeInfo,
    PublicityData,
    PublicityRow,
    RegisterColumn,
    RegisterData,
    RegisterKind,
    SubsidyInfo,
    TrainingInfo,
    VisitInfo,
)
from yulu_desktop.services import lists, records
from yulu_desktop.services.person_file import PersonFile, load_person_file
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database
from yulu_desktop.store.scope import SCOPE_CTE

__all__ = [
    "NOTICE_DAYS",
    "REGISTER_KINDS",
    "application_form_data",
    "dossier_data",
    "dossier_people",
    "find_person",
    "form_people",
    "parse_term_argument",
    "publicity_data",
    "record_version",
    "register_data",
    "resolve_org",
    "version_of",
]

#: Default notice period of a 公示: today and the six days after it (the rule is at least 5 days).
NOTICE_DAYS = 7
REGISTER_KINDS: tuple[RegisterKind, ...] = ("intent", "students", "graduates")

_SEMESTER_ORDER = {"autumn": 0, "spring": 1}


def _yuan(fen: int) -> int:
    """Fen to whole yuan (amounts are whole yuan in practice; a stray fen rounds half up)."""
    return (fen + 50) // 100


def _now(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else dt.datetime.now().replace(microsecond=0)


# --- finding people, org units and terms ---------------------------------------------------------------------


def find_person(db: Database, key: str) -> str:
    """The person id for an ID number (any case, full-width, legacy 15 digits) or a 人员编号 (person number).

    Raises ``NotFound`` with a message saying what was looked for, or ``YuluError`` if the key names more
    than one person (an ID number of one person that is another person's number).
    """
    raw = key.strip()
    if not raw:
        raise YuluError("请输入身份证号或人员编号")
    normalized = normalize_id_number(raw)
    id_numbers = {normalized}
    if len(normalized) == 15 and normalized.isdigit():
        with contextlib.suppress(ValidationFailed):
            id_numbers.add(upgrade_15_to_18(normalized))
    person_numbers = {raw, unicodedata.normalize("NFKC", raw).strip(), normalized}
    p = schema.person
    with db.read_connection() as conn:
        rows = conn.execute(
            select(p.c.id, p.c.name, p.c.person_no)
            .where(or_(p.c.id_number.in_(id_numbers), p.c.person_no.in_(person_numbers), p.c.id == raw))
            .order_by(p.c.person_no, p.c.id)
        ).all()
    found = {row.id: row for row in rows}
    if not found:
        raise NotFound(
            f"找不到身份证号或人员编号为“{raw}”的人员。请核对号码：身份证号为 18 位，人员编号见国家监测系统。"
        )
    if len(found) > 1:
        names = "、".join(f"{row.name}（人员编号 {row.person_no or '无'}）" for row in found.values())
        raise YuluError(f"“{raw}”同时对应 {len(found)} 人：{names}。请改用身份证号。")
    return str(next(iter(found)))


_LEVEL_WORDS = {"county": "县", "township": "乡镇", "village": "村"}


def resolve_org(db: Database, code: str, *, levels: Sequence[str] = ("village", "township")) -> OrgUnit:
    """The org unit with administrative ``code``, which must be one of ``levels``."""
    code = unicodedata.normalize("NFKC", code).strip()
    with db.read() as session:
        unit = session.execute(select(OrgUnit).where(schema.org_unit.c.code == code)).scalars().first()
        if unit is not None:
            session.expunge(unit)
    if unit is None:
        raise NotFound(f"找不到行政区划代码“{code}”。请核对代码（村为 12 位统计用区划代码）。")
    if unit.level not in levels:
        wanted = "或".join(_LEVEL_WORDS.get(level, level) for level in levels)
        actual = codes.ORG_LEVEL.label(unit.level)
        raise YuluError(f"“{code}”是{actual}（{unit.name}），这里需要{wanted}的代码")
    return unit


def _org_path(session: Session, unit: OrgUnit) -> list[OrgUnit]:
    path = [unit]
    while path[0].parent_id:
        parent = session.get(OrgUnit, path[0].parent_id)
        if parent is None:  # pragma: no cover - a foreign key guarantees it
            break
        path.insert(0, parent)
    return path


def _place(db: Database, unit: OrgUnit) -> str:
    """``城口县 庙坝镇 红岩村``."""
    with db.read() as session:
        return " ".join(u.name for u in _org_path(session, unit))


def parse_term_argument(term: str) -> str:
    """``2025-autumn`` as given, after checking it; a clear Chinese message if it is not a term."""
    value = unicodedata.normalize("NFKC", term).strip().lower()
    if rules.parse_term(value) is None:
        raise YuluError(
            f"学期“{term}”格式不对，应为“年份-autumn”（秋季学期）或“年份-spring”（春季学期），如 2025-autumn"
        )
    return value


_IN_PROGRAM = (
    "(EXISTS (SELECT 1 FROM enrollment x WHERE x.person_id = p.id) "
    "OR EXISTS (SELECT 1 FROM intent x WHERE x.person_id = p.id) "
    "OR EXISTS (SELECT 1 FROM subsidy_application x WHERE x.person_id = p.id) "
    "OR EXISTS (SELECT 1 FROM employment_record x WHERE x.person_id = p.id) "
    "OR EXISTS (SELECT 1 FROM training x WHERE x.person_id = p.id))"
)
_PEOPLE_ORDER = "h.household_no, p.relationship, p.person_no, p.name, p.id"


def _ids(conn: Connection, sql: str, params: dict[str, Any]) -> list[str]:
    return [row[0] for row in conn.execute(text(sql), params)]


def dossier_people(db: Database, org_code: str, *, everyone: bool = False) -> list[str]:
    """Ids of the people of a village or township who get a dossier, household by household.

    By default the people the program helps (with schooling, an intent, a subsidy, employment or training on
    record); ``everyone`` adds every other household member.
    """
    unit = resolve_org(db, org_code)
    where = "" if everyone else f" AND {_IN_PROGRAM}"
    sql = (
        f"{SCOPE_CTE}SELECT p.id FROM person p JOIN household h ON h.id = p.household_id "
        f"WHERE h.village_id IN (SELECT id FROM scope){where} ORDER BY {_PEOPLE_ORDER}"
    )
    with db.read_connection() as conn:
        return _ids(conn, sql, {"scope_root": unit.id})


def form_people(db: Database, org_code: str, term: str) -> list[str]:
    """Ids of the students of a village or township with schooling recorded for ``term``."""
    unit = resolve_org(db, org_code)
    school_year, semester = _school_term(term)
    sql = (
        f"{SCOPE_CTE}SELECT p.id FROM person p JOIN household h ON h.id = p.household_id "
        "JOIN enrollment e ON e.person_id = p.id AND e.school_year = :year AND e.semester = :semester "
        f"WHERE h.village_id IN (SELECT id FROM scope) ORDER BY {_PEOPLE_ORDER}"
    )
    with db.read_connection() as conn:
        return _ids(conn, sql, {"scope_root": unit.id, "year": school_year, "semester": semester})


def _school_term(term: str) -> tuple[str, str]:
    found = rules.term_school_year(parse_term_argument(term))
    assert found is not None  # parse_term_argument accepted it
    return found


# --- record version -----------------------------------------------------------------------------------------

_LOCAL_ONLY = frozenset({"search_key"})


def _row(record: object) -> dict[str, Any]:
    out: dict[str, Any] = {"@": type(record).__name__}
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        if f.name in _LOCAL_ONLY:
            continue
        value = getattr(record, f.name)
        if value is None or value == "":
            continue
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        out[f.name] = value
    return out


def _hash_rows(rows: Sequence[object]) -> str:
    canonical = sorted(
        json.dumps(_row(r), ensure_ascii=False, sort_keys=True, separators=(",", ":")) for r in rows
    )
    return hashlib.sha256("\n".join(canonical).encode("utf-8")).hexdigest()[:12]


def _dossier_visits(pf: PersonFile) -> list[Any]:
    """The household's visits that concern this person: about them, or about the whole household. Voided ones
    (作废) are not printed."""
    return [v for v in pf.visits if v.person_id in (None, pf.person.id) and v.voided_on is None]


def _term_records(pf: PersonFile, term: str) -> tuple[Enrollment | None, SubsidyApplication | None]:
    school_term = rules.term_school_year(term)
    enrollment = next(
        (e for e in pf.enrollments if school_term and (e.school_year, e.semester) == school_term), None
    )
    application = next((s for s in pf.subsidies if s.term == term), None)
    return enrollment, application


def _head(pf: PersonFile) -> Person | None:
    return next((m for m in pf.members if m.relationship == "01"), None)


def version_of(pf: PersonFile, term: str | None = None) -> str:
    """The record version of a loaded person file (see the module docstring); ``term`` for a form."""
    rows: list[object] = [*pf.org_path, pf.household]
    if term is None:
        rows += [
            *pf.members,
            *pf.enrollments,
            *pf.subsidies,
            *_dossier_visits(pf),
            *pf.intents,
            *pf.trainings,
            *pf.employment,
            *pf.attachments,
        ]
    else:
        head = _head(pf)
        enrollment, application = _term_records(pf, term)
        rows += [r for r in (pf.person, head, enrollment, application) if r is not None]
        rows.append(_TermMarker(term))
    return _hash_rows(rows)


@dataclass(frozen=True)
class _TermMarker:
    term: str


def record_version(db: Database, person_id: str, term: str | None = None) -> str:
    """12 hex digits naming the stored state of a person's record (of one term's form, with ``term``)."""
    return version_of(load_person_file(db, person_id), term)


# --- dossier ------------------------------------------------------------------------------------------------


def _photo(db: Database, pf: PersonFile) -> bytes | None:
    """The newest readable image attached as kind "photo", or None."""
    photos = [a for a in pf.attachments if a.kind == "photo" and a.mime_type.startswith("image/")]
    photos.sort(key=lambda a: (a.added_on, a.filename, a.id), reverse=True)
    for attachment in photos:
        data = records.attachment_bytes(db, attachment.sha256)
        if data and _readable_image(data):
            return data
    return None


def _readable_image(data: bytes) -> bool:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        return False
    return True


def _household_info(pf: PersonFile) -> HouseholdInfo:
    hh = pf.household
    head = _head(pf)
    return HouseholdInfo(
        household_no=hh.household_no,
        village_path=pf.place,
        address=hh.address,
        household_type=hh.household_type,
        monitoring_type=hh.monitoring_type,
        risk_causes=tuple(c.strip() for c in hh.risk_causes.split(",") if c.strip()),
        head_name=head.name if head else "",
        payee_name=hh.payee_name,
        payee_account=hh.payee_account,
        payee_bank=hh.payee_bank,
    )


def _dossier_from_file(
    pf: PersonFile, *, photo: bytes | None, printed_by: str, now: dt.datetime, health_shown: bool = False
) -> DossierData:
    person, hh = pf.person, pf.household
    return DossierData(
        person_id=person.id,
        person_no=person.person_no or "",
        name=person.name,
        sex=person.sex or "",
        birth_date=person.birth_date,
        id_number=person.id_number or "",
        phone=person.phone,
        household=_household_info(pf),
        record_version=version_of(pf),
        printed_by=printed_by,
        generated_at=now,
        members=tuple(
            MemberInfo(
                name=m.name,
                relationship=m.relationship,
                sex=m.sex or "",
                birth_date=m.birth_date,
                id_number=m.id_number or "",
                education=m.education or "",
                health=m.health or "",
                phone=m.phone,
                disability=m.disability,
            )
            for m in pf.members
        ),
        enrollments=tuple(
            EnrollmentInfo(
                school_year=e.school_year,
                semester=e.semester,
                school=e.school_name,
                school_type=e.school_type,
                major=e.major,
                length_years=e.length_years,
                entry_date=e.entry_date,
                grade=e.grade,
                student_no=e.registry_no,
                registry_status=e.registry_status,
            )
            for e in pf.enrollments
        ),
        subsidies=tuple(
            SubsidyInfo(
                term=s.term,
                amount_yuan=_yuan(s.amount_fen),
                state=s.state,
                payee_name=s.payee_name or hh.payee_name,
                village_opinion=s.village_opinion,
                township_opinion=s.township_opinion,
                county_opinion=s.county_opinion,
                reason=s.reason,
                paid_date=s.paid_on,
                county_approved_date=s.county_approved_on,
            )
            for s in sorted(pf.subsidies, key=_term_key)
        ),
        visits=tuple(
            VisitInfo(
                visit_date=v.visit_date,
                visitor=v.visitor_name,
                visitor_role=v.visitor_role,
                mode=v.mode,
                purpose=v.purpose,
                notes=v.notes,
                problems=v.problems,
                requests=v.requests,
                follow_up=v.follow_up,
                follow_up_due=v.follow_up_due,
            )
            for v in sorted(_dossier_visits(pf), key=lambda v: (v.visit_date, v.id))
        ),
        trainings=tuple(
            TrainingInfo(
                kind=t.kind,
                name=t.name,
                provider=t.provider,
                start_date=t.start_date or t.issued_on,
                end_date=t.end_date,
                certificate_name=t.certificate_level,
                certificate_no=t.certificate_no,
            )
            for t in pf.trainings
            if t.voided_on is None  # voided in error (作废): not printed
        ),
        employment=tuple(
            EmploymentInfo(
                effective_date=r.effective_date,
                destination=r.destination,
                employer=r.employer,
                industry=r.industry,
                job=r.job,
                place=r.place,
                channel=r.channel or "",
                monthly_income_yuan=None if r.monthly_income_fen is None else _yuan(r.monthly_income_fen),
                matches_major=r.matches_major,
                change_reason=r.change_reason,
                source=r.source,
                verified_by=r.verified_by,
            )
            for r in pf.employment
            if r.voided_on is None  # voided in error (作废): not printed
        ),
        attachments=tuple(
            AttachmentInfo(kind=a.kind, filename=a.filename, sha256=a.sha256, size_bytes=a.size)
            for a in pf.attachments
        ),
        membership_changes=tuple(
            MembershipChangeInfo(
                happened_on=c.happened_on,
                kind=c.kind,
                from_place=c.from_place,
                to_place=c.to_place,
                note=c.note,
            )
            for c in pf.membership_changes
        ),
        photo=photo,
        health_shown=health_shown,
    )


def _term_key(s: SubsidyApplication) -> tuple[int, int, str]:
    parsed = rules.parse_term(s.term)
    if parsed is None:
        return (9999, 9, s.term)
    year, semester = parsed
    # spring 2026 belongs to school year 2025-2026, after autumn 2025
    return (year if semester == "autumn" else year - 1, _SEMESTER_ORDER[semester], s.term)


def dossier_data(
    db: Database,
    person_id: str,
    *,
    printed_by: str,
    now: dt.datetime | None = None,
    health_shown: bool = False,
) -> DossierData:
    """Everything the 一人一档 of ``person_id`` prints; ``NotFound`` if there is no such person.

    ``health_shown`` prints 健康状况 and 残疾情况 (the role must allow it: see ``services.printing``)."""
    pf = load_person_file(db, person_id)
    return _dossier_from_file(
        pf, photo=_photo(db, pf), printed_by=printed_by, now=_now(now), health_shown=health_shown
    )


# --- application form ---------------------------------------------------------------------------------------


def _level(pf: PersonFile, level: str) -> str:
    return next((u.name for u in pf.org_path if u.level == level), "")


def application_form_data(
    db: Database,
    person_id: str,
    term: str,
    *,
    printed_by: str = "",
    now: dt.datetime | None = None,
    full: bool = False,
) -> ApplicationFormData:
    """The 补助申请表 of a student for ``term``: needs the student's schooling (学籍) for that term.

    ``full`` prints the ID number, phone and account in full (the copy that is signed); otherwise the form is
    masked like every other document (a copy to check the data with the family).

    The amount and payee are those of the application when there is one, otherwise the county's standard
    for the school type and the household's 一卡通 — the form is often printed before the application is
    entered.
    """
    term = parse_term_argument(term)
    pf = load_person_file(db, person_id)
    person, hh = pf.person, pf.household
    enrollment, application = _term_records(pf, term)
    label = rules.term_label(term)
    if enrollment is None:
        known = "、".join(rules.term_label(_enrollment_term(e)) for e in pf.enrollments)
        hint = f"已登记的学期：{known}" if known else "尚未登记任何学籍"
        raise YuluError(f"{person.name}没有{label}的学籍记录，不能打印该学期的补助申请表（{hint}）")
    if enrollment.school_type not in codes.SECONDARY_VOCATIONAL | codes.HIGHER_VOCATIONAL:
        school_type = codes.SCHOOL_TYPE.label(enrollment.school_type)
        raise YuluError(f"{person.name}{label}就读的是{school_type}，只有中职、高职学生可以申请雨露计划补助")
    if application is None and enrollment.registry_status not in codes.ELIGIBLE_REGISTRY_STATUS:
        status = codes.REGISTRY_STATUS.label(enrollment.registry_status)
        raise YuluError(f"{person.name}{label}的学籍状态为“{status}”，不符合补助条件（须在籍在读）")
    if application is not None:
        amount_fen = application.amount_fen
        payee_name = application.payee_name or hh.payee_name
        payee_account = application.payee_account or hh.payee_account
    else:
        amount_fen = _standard_amount(db, enrollment, pf, term)
        payee_name, payee_account = hh.payee_name, hh.payee_account
    head = _head(pf)
    return ApplicationFormData(
        person_id=person.id,
        record_version=version_of(pf, term),
        student_name=person.name,
        sex=person.sex or "",
        birth_date=person.birth_date,
        id_number=person.id_number or "",
        phone=person.phone or hh.contact_phone,
        county=_level(pf, "county"),
        township=_level(pf, "township"),
        village=_level(pf, "village"),
        household_no=hh.household_no,
        household_type=hh.household_type,
        monitoring_type=hh.monitoring_type,
        head_name=head.name if head else "",
        relationship=person.relationship,
        school=enrollment.school_name,
        major=enrollment.major,
        school_type=enrollment.school_type,
        length_years=enrollment.length_years,
        entry_date=enrollment.entry_date,
        grade=enrollment.grade,
        student_no=enrollment.registry_no,
        term=term,
        amount_yuan=_yuan(amount_fen),
        payee_name=payee_name,
        payee_account=payee_account,
        payee_bank=hh.payee_bank,
        printed_by=printed_by,
        generated_at=_now(now),
        masked=not full,
    )


def _enrollment_term(e: Enrollment) -> str:
    start, _, end = e.school_year.partition("-")
    return f"{start if e.semester == 'autumn' else end}-{e.semester}"


def _term_start(term: str) -> dt.date:
    parsed = rules.parse_term(term)
    assert parsed is not None
    year, semester = parsed
    return dt.date(year, 9, 1) if semester == "autumn" else dt.date(year, 3, 1)


def _standard_amount(db: Database, enrollment: Enrollment, pf: PersonFile, term: str) -> int:
    """The county's semester amount for the school type, as in force when the term began."""
    county = next((u for u in pf.org_path if u.level == "county"), None)
    if county is None:
        raise YuluError(f"{pf.place}不属于任何县，无法确定补助标准")
    with db.read() as session:
        amount = records.subsidy_amount_fen(session, county.code, enrollment.school_type, _term_start(term))
    if amount is None:
        school_type = codes.SCHOOL_TYPE.label(enrollment.school_type)
        raise YuluError(f"{county.name}尚未设置“{school_type}”的补助标准，无法填写申请金额")
    return amount


# --- publicity ----------------------------------------------------------------------------------------------


def publicity_data(
    db: Database,
    village_code: str,
    term: str,
    *,
    contact_person: str,
    contact_phone: str,
    office: str | None = None,
    notice_start: dt.date | None = None,
    notice_end: dt.date | None = None,
    objection_office: str = "",
    objection_phone: str = "",
    now: dt.datetime | None = None,
) -> PublicityData:
    """The 公示 list of a village for ``term``: every student with a subsidy application that term (except
    rejected or withdrawn ones). Notice period by default today and the six days after; the office that
    publishes defaults to the village committee (村民委员会). Contact person and office phone are the caller's.
    """
    term = parse_term_argument(term)
    village = resolve_org(db, village_code, levels=("village",))
    school_year, semester = _school_term(term)
    sql = (
        "SELECT p.name, h.group_name, coalesce(e.school_name, te.school_name), "
        "coalesce(e.school_type, te.school_type), coalesce(e.grade, te.grade), s.amount_fen "
        "FROM subsidy_application s JOIN person p ON p.id = s.person_id "
        "JOIN household h ON h.id = p.household_id "
        "LEFT JOIN enrollment e ON e.id = s.enrollment_id "
        "LEFT JOIN enrollment te ON te.person_id = s.person_id AND te.school_year = :year "
        "AND te.semester = :semester "
        "WHERE h.village_id = :village AND s.term = :term AND s.state NOT IN ('rejected', 'withdrawn') "
        "ORDER BY h.group_name, h.household_no, p.relationship, p.name, p.id"
    )
    with db.read_connection() as conn:
        found = conn.execute(
            text(sql), {"village": village.id, "term": term, "year": school_year, "semester": semester}
        ).all()
    if not found:
        raise YuluError(f"{village.name}{rules.term_label(term)}没有补助申请，无法生成公示名单")
    start = notice_start or dt.date.today()
    return PublicityData(
        village_path=_place(db, village),
        term=term,
        rows=tuple(
            PublicityRow(
                name=name,
                group=group or "",
                school=school or "",
                school_type=school_type or "",
                grade=grade or "",
                amount_yuan=_yuan(amount),
            )
            for name, group, school, school_type, grade, amount in found
        ),
        notice_start=start,
        notice_end=notice_end or start + dt.timedelta(days=NOTICE_DAYS - 1),
        office=office or f"{village.name}村民委员会",
        contact_person=contact_person.strip(),
        contact_phone=contact_phone.strip(),
        objection_office=objection_office,
        objection_phone=objection_phone,
        generated_at=_now(now),
    )


# --- registers ----------------------------------------------------------------------------------------------

#: Which columns of the list each register prints, with their widths in mm (scaled to fit the page).
_REGISTER_COLUMNS: dict[str, tuple[tuple[str, float], ...]] = {
    "intent": (
        ("name", 20),
        ("sex", 10),
        ("birth_date", 22),
        ("id_number", 38),
        ("household_no", 36),
        ("village", 20),
        ("wants_vocational", 16),
        ("desired_school_type", 20),
        ("desired_school", 44),
        ("desired_major", 30),
        ("expected_year", 16),
        ("wants_employment_help", 16),
        ("recorded_on", 22),
    ),
    "students": (
        ("name", 20),
        ("sex", 10),
        ("id_number", 38),
        ("household_no", 36),
        ("village", 20),
        ("school_name", 46),
        ("school_type", 20),
        ("major", 32),
        ("grade", 16),
        ("registry_status", 18),
        ("subsidy_state", 20),
    ),
    "graduates": (
        ("name", 20),
        ("sex", 10),
        ("id_number", 38),
        ("household_no", 36),
        ("village", 20),
        ("destination", 16),
        ("employer", 44),
        ("job", 26),
        ("place", 24),
        ("monthly_income_fen", 20),
        ("channel", 20),
        ("matches_major", 16),
        ("effective_date", 22),
        ("changes", 16),
    ),
}
_LIST_OF_REGISTER = {"intent": "intents", "students": "students", "graduates": "graduates"}
_PAGE = 1000


def _newest_term(db: Database, unit: OrgUnit) -> str | None:
    sql = (
        f"{SCOPE_CTE}SELECT e.school_year, e.semester FROM enrollment e JOIN person p ON p.id = e.person_id "
        "JOIN household h ON h.id = p.household_id WHERE h.village_id IN (SELECT id FROM scope) "
        "ORDER BY e.school_year DESC, CASE e.semester WHEN 'spring' THEN 0 ELSE 1 END LIMIT 1"
    )
    with db.read_connection() as conn:
        row = conn.execute(text(sql), {"scope_root": unit.id}).first()
    if row is None:
        return None
    e = Enrollment(person_id="", school_year=row[0], semester=row[1], school_name="", school_type="")
    return _enrollment_term(e)


def register_data(
    db: Database,
    kind: str,
    org_code: str,
    *,
    term: str | None = None,
    printed_by: str = "",
    now: dt.datetime | None = None,
) -> RegisterData:
    """One of the three lists for a village or township, sensitive columns masked (by ``services.lists``).

    ``kind`` is ``intent``, ``students`` or ``graduates``. The students register is per term: ``term``, or by
    default the newest term with schooling recorded in the scope.
    """
    if kind not in _REGISTER_COLUMNS:
        raise YuluError(
            f"未知的清单“{kind}”，应为 intent（意愿清单）、students（在读学生）或 graduates（毕业生去向）"
        )
    register_kind = next(k for k in REGISTER_KINDS if k == kind)
    unit = resolve_org(db, org_code)
    place = _place(db, unit)
    list_term = None
    scope_name = place
    if kind == "students":
        term = parse_term_argument(term) if term else _newest_term(db, unit)
        if term is not None:
            school_year, semester = _school_term(term)
            list_term = f"{school_year}/{semester}"
            scope_name = f"{place}　{rules.term_label(term)}"
    list_kind = _LIST_OF_REGISTER[kind]
    spec = lists.spec(list_kind)
    wanted = [
        (key, width) for key, width in _REGISTER_COLUMNS[kind] if key != "village" or unit.level != "village"
    ]
    positions = [next(i for i, c in enumerate(spec.columns) if c.key == key) for key, _ in wanted]
    query = lists.ListQuery(org_unit_id=unit.id, term=list_term)
    rows: list[tuple[str, ...]] = []
    after: tuple[Any, ...] | None = None
    while True:
        page = lists.fetch(db, list_kind, query, after=after, limit=_PAGE)
        rows += [tuple(r.cells[i] for i in positions) for r in page]
        if len(page) < _PAGE:
            break
        after = page[-1].key
    if not rows:
        what = REGISTER_TITLES[kind]
        raise YuluError(f"{scope_name}的{what}没有记录，无需打印")
    columns = (
        RegisterColumn("序号", 10),
        *(RegisterColumn(spec.column(key).label, width) for key, width in wanted),
    )
    keys = [key for key, _ in wanted]
    return RegisterData(
        kind=register_kind,
        scope_name=scope_name,
        columns=columns,
        rows=tuple((str(n), *row) for n, row in enumerate(rows, start=1)),
        totals=_totals(kind, keys, rows),
        printed_by=printed_by,
        generated_at=_now(now),
    )


def _totals(kind: str, keys: list[str], rows: list[tuple[str, ...]]) -> str:
    def count(key: str) -> Counter[str]:
        i = keys.index(key)
        return Counter(row[i] for row in rows if row[i])

    text_ = f"合计：{len(rows)} 人"
    if kind == "intent":
        wants = count("wants_vocational")["是"]
        help_ = count("wants_employment_help")["是"]
        return f"{text_}，其中有意愿就读职业院校 {wants} 人，需要就业帮扶 {help_} 人"
    if kind == "students":
        states = count("subsidy_state")
        if states:
            return f"{text_}；本学期补助：" + "、".join(f"{s} {n} 人" for s, n in states.most_common())
        return text_
    destinations = count("destination")
    return f"{text_}；去向：" + "、".join(f"{d} {n} 人" for d, n in destinations.most_common())
