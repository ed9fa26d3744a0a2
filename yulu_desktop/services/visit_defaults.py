"""What a new visit is filled in with, read from the records (domain/visit_purpose.py decides)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from yulu_desktop.domain.visit_purpose import Situation, suggested_purpose
from yulu_desktop.store.database import Database

_SEMESTER_ORDER = "CASE e.semester WHEN 'spring' THEN 1 ELSE 0 END"

_SITUATIONS = text(
    f"""
    SELECT p.id, p.birth_date,
      (SELECT e.registry_status || '|' || COALESCE(e.ended_on, '') || '|' || e.school_year || '|' || e.semester
        FROM enrollment e WHERE e.person_id = p.id
        ORDER BY e.school_year DESC, {_SEMESTER_ORDER} DESC LIMIT 1) AS latest,
      (SELECT MAX(r.effective_date) FROM employment_record r
        WHERE r.person_id = p.id AND r.voided_on IS NULL) AS last_job,
      EXISTS (SELECT 1 FROM subsidy_application s WHERE s.person_id = p.id AND s.term = :term) AS applied,
      EXISTS (SELECT 1 FROM employment_record r WHERE r.person_id = p.id AND r.voided_on IS NULL) AS employed,
      EXISTS (SELECT 1 FROM intent i WHERE i.person_id = p.id) AS intent
    FROM person p WHERE p.household_id = :household_id AND p.status = 'normal'
    """
)

#: 学籍状态 under which the person is still a student (休学 and 保留学籍 come back).
_STILL_STUDENT = frozenset({"enrolled", "suspended", "reserved"})


def current_term(day: date) -> str:
    """The subsidy term a day falls in: September to January the autumn term, February to August spring."""
    if day.month >= 9:
        return f"{day.year}-autumn"
    if day.month == 1:
        return f"{day.year - 1}-autumn"
    return f"{day.year}-spring"


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _semester_start(school_year: str, semester: str) -> date | None:
    """1 September (autumn) or 1 February (spring) of the school year ``2025-2026``."""
    if not school_year[:4].isdigit():
        return None
    start = int(school_year[:4])
    return date(start, 9, 1) if semester == "autumn" else date(start + 1, 2, 1)


def _age(birth: object, today: date) -> int | None:
    born = _day(birth)
    if born is None:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def suggested_visit_purpose(db: Database, household_id: str, person_id: str | None, *, today: date) -> str:
    """The VISIT_PURPOSE code a visit to ``person_id`` (of ``household_id``) starts with."""
    with db.read_connection() as conn:
        rows = conn.execute(_SITUATIONS, {"household_id": household_id, "term": current_term(today)}).all()
    person: Situation | None = None
    members: list[Situation] = []
    for row in rows:
        status, ended, school_year, semester = ((row.latest or "") + "|||").split("|")[:4]
        began = _semester_start(school_year, semester)
        last_job = _day(row.last_job)
        situation = Situation(
            age=_age(row.birth_date, today),
            in_school=status in _STILL_STUDENT and not ended,
            applied_this_term=bool(row.applied),
            graduated=status == "graduated",
            has_employment=bool(row.employed),
            employed_after_school=began is not None and last_job is not None and last_job >= began,
            has_intent=bool(row.intent),
        )
        if row.id == person_id:
            person = situation
        else:
            members.append(situation)
    return suggested_purpose(person, members)
