"""Many people's files at once, for batch printing: the same :class:`PersonFile` as ``load_person_file``, read
with a handful of queries per batch instead of about ten per person.

A batch of 500 dossiers spent most of its reading time issuing the same ten small queries per person; here
each table is read once for the whole batch (``IN`` lists of at most :data:`_IN_LIMIT` ids), in one read
transaction, and the rows are grouped and sorted as ``load_person_file`` sorts them (a test compares the two
for every person of a demo county).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

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
from yulu_desktop.services.person_file import _FAR_PAST, _SEMESTER_ORDER, PersonFile, membership_order
from yulu_desktop.store.database import Database

__all__ = ["load_person_files"]

#: Ids per ``IN (...)`` list (SQLite allows many more; this keeps statements small).
_IN_LIMIT = 500


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(ids), _IN_LIMIT):
        yield ids[i : i + _IN_LIMIT]


def _where_in(session: Session, cls: type, attribute: str, ids: Iterable[str]) -> list[Any]:
    """Rows of ``cls`` whose ``attribute`` is one of ``ids``."""
    column: Any = getattr(cls, attribute)
    unique = list(dict.fromkeys(ids))
    rows: list[Any] = []
    for chunk in _chunks(unique):
        rows += session.execute(select(cls).where(column.in_(chunk))).scalars()
    return rows


def _grouped(rows: Iterable[Any], key: str) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        out[getattr(row, key)].append(row)
    return out


def load_person_files(db: Database, person_ids: Sequence[str]) -> list[PersonFile]:
    """The files of ``person_ids``, in that order; ``NotFound`` (naming the first missing id) if one is not
    there. Each file equals ``load_person_file(db, person_id)``; files of one household share its objects."""
    if not person_ids:
        return []
    with db.read() as session:
        people = {p.id: p for p in _where_in(session, Person, "id", person_ids)}
        for person_id in person_ids:
            if person_id not in people:
                raise NotFound(f"找不到该人员（编号 {person_id}），可能已被删除")
        households = {
            h.id: h for h in _where_in(session, Household, "id", (p.household_id for p in people.values()))
        }
        units: dict[str, OrgUnit] = {}
        wanted = {h.village_id for h in households.values()}
        while wanted:
            found = _where_in(session, OrgUnit, "id", wanted)
            units.update((u.id, u) for u in found)
            wanted = {u.parent_id for u in found if u.parent_id and u.parent_id not in units}

        members = _grouped(_where_in(session, Person, "household_id", households), "household_id")
        visits = _grouped(_where_in(session, Visit, "household_id", households), "household_id")
        ids = list(people)
        enrollments = _grouped(_where_in(session, Enrollment, "person_id", ids), "person_id")
        subsidies = _grouped(_where_in(session, SubsidyApplication, "person_id", ids), "person_id")
        intents = _grouped(_where_in(session, Intent, "person_id", ids), "person_id")
        trainings = _grouped(_where_in(session, Training, "person_id", ids), "person_id")
        employment = _grouped(_where_in(session, EmploymentRecord, "person_id", ids), "person_id")
        attachments = _grouped(_where_in(session, Attachment, "person_id", ids), "person_id")
        changes = _grouped(_where_in(session, MembershipChange, "person_id", ids), "person_id")
        session.expunge_all()

    files: list[PersonFile] = []
    for person_id in person_ids:
        person = people[person_id]
        household = households.get(person.household_id)
        if household is None:  # pragma: no cover - a foreign key guarantees it
            raise NotFound(f"找不到{person.name}所在的户")
        org_path: list[OrgUnit] = []
        unit = units.get(household.village_id)
        while unit is not None:
            org_path.insert(0, unit)
            unit = units.get(unit.parent_id) if unit.parent_id else None
        # the sort keys of load_person_file (stable sorts of rows in the same index order)
        files.append(
            PersonFile(
                person=person,
                household=household,
                org_path=org_path,
                members=sorted(
                    members[household.id], key=lambda m: (m.relationship, m.birth_date or _FAR_PAST, m.name)
                ),
                enrollments=sorted(
                    enrollments[person_id], key=lambda e: (e.school_year, _SEMESTER_ORDER.get(e.semester, 9))
                ),
                subsidies=sorted(subsidies[person_id], key=lambda s: (s.applied_on, s.term)),
                visits=sorted(visits[household.id], key=lambda v: v.visit_date, reverse=True),
                intents=sorted(intents[person_id], key=lambda i: i.recorded_on),
                trainings=sorted(
                    trainings[person_id], key=lambda t: t.start_date or t.issued_on or _FAR_PAST
                ),
                employment=sorted(employment[person_id], key=lambda r: (r.effective_date, r.recorded_at)),
                attachments=sorted(attachments[person_id], key=lambda a: (a.added_on, a.filename)),
                membership_changes=sorted(changes[person_id], key=membership_order),
            )
        )
    return files
