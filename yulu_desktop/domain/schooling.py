"""Where a person stands in school, told one way everywhere (header, basic-info tab, checks).

Two sources say it: the person's 在校生状况 (``Person.student_status``, from the national monitoring export or
typed in) and this program's own schooling records by semester (``Enrollment``, 学籍). They can disagree — an
import says 非在校生 while the last semester recorded here says 在籍在读, or a semester long past was never
closed. ``situation`` describes the schooling records with the semester it refers to; ``disagreement`` says
when the two sources contradict each other, so the screen can show both with their source and point at it.
Ending a semester's schooling (毕业, 退学, 休学, 转学) is checked by ``end_issues``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import Enrollment
from yulu_desktop.domain.errors import Issue

#: How schooling can end (学籍状态 other than 在籍在读 and 保留学籍).
END_STATUSES = ("graduated", "dropped", "suspended", "transferred")
#: Ends after which the person is no longer a student (在校生状况 becomes 非在校生).
LEAVES_SCHOOL = frozenset({"graduated", "dropped"})
#: 在校生状况 values that mean "in school now".
_IN_SCHOOL = frozenset(codes.STUDENT_STATUS.labels) - {"not_student"}

_SEMESTER_ORDER = {"autumn": 0, "spring": 1}


def semester_end(enrollment: Enrollment) -> date | None:
    """Last day of the semester: autumn runs to the end of January, spring to the end of July."""
    try:
        start = int(enrollment.school_year[:4])
    except ValueError:
        return None
    return date(start + 1, 1, 31) if enrollment.semester == "autumn" else date(start + 1, 7, 31)


def latest(enrollments: Sequence[Enrollment]) -> Enrollment | None:
    """The newest semester recorded."""
    if not enrollments:
        return None
    return max(enrollments, key=lambda e: (e.school_year, _SEMESTER_ORDER.get(e.semester, 9)))


@dataclass(frozen=True, slots=True)
class Situation:
    """The schooling records in one line. ``in_school`` is True for a current semester 在籍在读, False when
    schooling ended or the last semester is past, None without records."""

    text: str
    in_school: bool | None


def situation(enrollments: Sequence[Enrollment], today: date) -> Situation:
    last = latest(enrollments)
    if last is None:
        return Situation("", None)
    school = f"{last.school_name} {last.major}".strip()
    term = f"{last.school_year}学年{codes.SEMESTER.label(last.semester)}"
    status = codes.REGISTRY_STATUS.label(last.registry_status)
    if last.registry_status in END_STATUSES:
        when = f" {last.ended_on.isoformat()}" if last.ended_on else ""
        return Situation(f"{school} {status}{when}", False)
    end = semester_end(last)
    if end is not None and end < today:
        return Situation(f"{school} {term}{status}（该学期已过，未登记毕业或离校）", False)
    return Situation(f"{school} {term}{status}", last.registry_status == "enrolled")


def disagreement(student_status: str | None, enrollments: Sequence[Enrollment], today: date) -> str:
    """Why 在校生状况 and the schooling records contradict each other; "" when they agree or one is unknown."""
    now = situation(enrollments, today)
    if now.in_school is None or not student_status:
        return ""
    says_student = student_status in _IN_SCHOOL
    if now.in_school and not says_student:
        return "在校生状况填的是“非在校生”，但学籍记录本学期在籍在读：请核对后修改其中一项"
    last = latest(enrollments)
    if not now.in_school and says_student and last is not None and last.registry_status in LEAVES_SCHOOL:
        return "学籍记录已毕业或退学，但在校生状况仍是在校生：请核对后修改"
    return ""


def end_issues(enrollment: Enrollment, status: str, ended_on: date | None, *, today: date) -> list[Issue]:
    """Checks for ending schooling (毕业/退学/休学/转学) of ``enrollment`` on ``ended_on``."""
    issues: list[Issue] = []
    if status not in END_STATUSES:
        issues.append(
            Issue(field="registry_status", label="学籍状态", message="请选择毕业、退学、休学或转学")
        )
    if ended_on is None:
        issues.append(Issue(field="ended_on", label="结束日期", message="请填写日期"))
        return issues
    if ended_on > today:
        issues.append(Issue(field="ended_on", label="结束日期", message="不能晚于今天"))
    if enrollment.entry_date and ended_on < enrollment.entry_date:
        issues.append(
            Issue(
                field="ended_on",
                label="结束日期",
                message=f"不能早于入学日期 {enrollment.entry_date.isoformat()}",
            )
        )
    return issues
