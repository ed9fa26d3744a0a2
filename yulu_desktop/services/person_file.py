"""一人一档: everything the program knows about one person, read in one go.

The file is plain data (domain dataclasses, detached from the database) for the desktop person window, the CLI
and the printed dossier. Enrollments come by semester (oldest first), the employment history in the order the
changes happened — every change, none overwritten — and visits newest first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from yulu_desktop.domain.code_text import decode_raw_values
from yulu_desktop.domain.entities import (
    Attachment,
    EmploymentRecord,
    Enrollment,
    Household,
    Intent,
    MembershipChange,
    OrgUnit,
    Person,
    SubsidyApplication,
    Training,
    Visit,
)
from yulu_desktop.domain.errors import NotFound
from yulu_desktop.domain.rules import CODED_FIELDS
from yulu_desktop.store import schema as _schema  # noqa: F401  (maps the entities)
from yulu_desktop.store.database import Database

__all__ = ["PersonFile", "load_person_file"]

_SEMESTER_ORDER = {"autumn": 0, "spring": 1}


def membership_order(change: MembershipChange) -> tuple[date, str]:
    """人口变动 oldest first (the id breaks a tie of two changes on one day)."""
    return (change.happened_on, change.id)


_FAR_PAST = date(1900, 1, 1)


@dataclass(slots=True)
class PersonFile:
    person: Person
    household: Household
    org_path: list[OrgUnit]  # county → township → village
    members: list[Person]  # the whole household, the head first
    enrollments: list[Enrollment]
    subsidies: list[SubsidyApplication]
    visits: list[Visit]  # visits to the household, newest first
    intents: list[Intent]
    trainings: list[Training]
    employment: list[EmploymentRecord]  # oldest change first
    attachments: list[Attachment]
    warnings: list[str] = field(default_factory=list)
    membership_changes: list[MembershipChange] = field(default_factory=list)  # 人口变动, oldest first

    @property
    def place(self) -> str:
        """``城口县 庙坝镇 红岩村``."""
        return " ".join(unit.name for unit in self.org_path)

    @property
    def current_employment(self) -> EmploymentRecord | None:
        """The latest employment entry that was not voided in error (作废)."""
        live = [r for r in self.employment if r.voided_on is None]
        return live[-1] if live else None

    @property
    def raw_texts(self) -> dict[str, str]:
        """The national export's own text of values no code stood for (field → text), kept by the import."""
        return decode_raw_values(self.person.raw_values)

    def describe(self, field: str) -> str:
        """A coded field of the person (文化程度, 在校生状况, …) or of the household (户类型, 监测对象类型) as
        shown: its label, or where it is empty the export's own text, marked as such; "" if neither."""
        person_codes = CODED_FIELDS["person"]
        if field in person_codes:
            value = getattr(self.person, field)
            shown = person_codes[field].label(value)
        else:
            codelist = CODED_FIELDS["household"][field]
            value = getattr(self.household, field)
            shown = "、".join(codelist.label(code) for code in value.split(",") if code) if value else ""
        raw = self.raw_texts.get(field, "")
        if (not value or (field == "relationship" and value == "99")) and raw:
            return f"{raw}（原表填写）"
        return shown


def load_person_file(db: Database, person_id: str) -> PersonFile:
    """The 一人一档 of ``person_id``; ``NotFound`` if there is no such person."""
    with db.read() as session:
        person = session.get(Person, person_id)
        if person is None:
            raise NotFound(f"找不到该人员（编号 {person_id}），可能已被删除")
        household = session.get(Household, person.household_id)
        if household is None:  # pragma: no cover - a foreign key guarantees it
            raise NotFound(f"找不到{person.name}所在的户")
        org_path: list[OrgUnit] = []
        unit = session.get(OrgUnit, household.village_id)
        while unit is not None:
            org_path.insert(0, unit)
            unit = session.get(OrgUnit, unit.parent_id) if unit.parent_id else None

        def of_person(cls: type) -> list:  # type: ignore[type-arg]
            return list(session.execute(select(cls).where(cls.person_id == person_id)).scalars())  # type: ignore[attr-defined]

        members = list(session.execute(select(Person).where(Person.household_id == household.id)).scalars())  # type: ignore[arg-type,misc]
        members.sort(key=lambda m: (m.relationship, m.birth_date or _FAR_PAST, m.name))
        enrollments: list[Enrollment] = of_person(Enrollment)
        enrollments.sort(key=lambda e: (e.school_year, _SEMESTER_ORDER.get(e.semester, 9)))
        subsidies: list[SubsidyApplication] = of_person(SubsidyApplication)
        subsidies.sort(key=lambda s: (s.applied_on, s.term))
        visits = list(session.execute(select(Visit).where(Visit.household_id == household.id)).scalars())  # type: ignore[arg-type,misc]
        visits.sort(key=lambda v: v.visit_date, reverse=True)
        intents: list[Intent] = of_person(Intent)
        intents.sort(key=lambda i: i.recorded_on)
        trainings: list[Training] = of_person(Training)
        trainings.sort(key=lambda t: t.start_date or t.issued_on or _FAR_PAST)
        employment: list[EmploymentRecord] = of_person(EmploymentRecord)
        employment.sort(key=lambda r: (r.effective_date, r.recorded_at))
        attachments: list[Attachment] = of_person(Attachment)
        attachments.sort(key=lambda a: (a.added_on, a.filename))
        membership_changes: list[MembershipChange] = of_person(MembershipChange)
        membership_changes.sort(key=membership_order)
        # Detach before the read transaction ends: the objects keep their loaded values for the caller.
        session.expunge_all()
    return PersonFile(
        person=person,
        household=household,
        org_path=org_path,
        members=members,
        enrollments=enrollments,
        subsidies=subsidies,
        visits=visits,
        intents=intents,
        trainings=trainings,
        employment=employment,
        attachments=attachments,
        membership_changes=membership_changes,
    )
