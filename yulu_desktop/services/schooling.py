"""Ending schooling (毕业, 退学, 休学, 转学): the semester's 学籍状态 and end date (``enrollment.ended_on``,
migration 0006) in one transaction; a person who graduated or dropped out is no longer a student, so their
在校生状况 follows (the header and the basic-info tab then say the same, ``domain.schooling``)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from yulu_desktop.domain import codes
from yulu_desktop.domain import schooling as rules
from yulu_desktop.domain.entities import Enrollment, Person
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed
from yulu_desktop.services.records import writing
from yulu_desktop.store.database import Database

__all__ = ["end_schooling"]


def end_schooling(
    db: Database,
    enrollment_id: str,
    status: str,
    ended_on: date | None,
    *,
    actor: str,
    today: date | None = None,
) -> Enrollment:
    """End the schooling of the semester ``enrollment_id`` as ``status`` on ``ended_on``.

    Refused (``ValidationFailed``, nothing written) for a date before the entry date or after today, a status
    that is not an end, or a semester that is not the person's latest.
    """
    today = today or date.today()
    with writing(db, actor) as session:
        enrollment = session.get(Enrollment, enrollment_id)
        if enrollment is None:
            raise NotFound(f"找不到该学期的学籍（编号 {enrollment_id}），可能已被删除")
        issues = rules.end_issues(enrollment, status, ended_on, today=today)
        siblings = list(
            session.execute(select(Enrollment).where(Enrollment.person_id == enrollment.person_id)).scalars()  # type: ignore[arg-type,misc]
        )
        newest = rules.latest(siblings)
        if newest is not None and newest.id != enrollment.id:
            issues.append(
                Issue(
                    field="school_year",
                    label="学期",
                    message=f"只能结束最近一个学期（{newest.school_year}学年"
                    f"{codes.SEMESTER.label(newest.semester)}）的学籍",
                )
            )
        if issues:
            raise ValidationFailed(issues)
        enrollment.registry_status = status
        enrollment.ended_on = ended_on
        person = session.get(Person, enrollment.person_id)
        if status in rules.LEAVES_SCHOOL and person is not None and person.student_status != "not_student":
            person.student_status = "not_student"
        session.flush()
        session.expunge(enrollment)
    return enrollment
