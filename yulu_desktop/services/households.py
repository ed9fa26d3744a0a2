"""户籍登记 use cases: register a household and its members, and record the life events that change who belongs
where — 出生, 婚入/婚出, 分户, 迁出/迁入, 死亡, 注销 — with their history (``membership_change``).

Each use case validates first (``domain.household_changes`` and the record rules), then writes in one
transaction: the journal triggers record every row, so the change and its history reach the county together,
or neither is written. A person moving to a household of another village takes the visits that name them along
(their household changes with them), so that the new village's laptops receive a complete file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain import household_changes as hc
from yulu_desktop.domain.entities import Household, MembershipChange, OrgUnit, Person
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed, raise_if_errors
from yulu_desktop.services import records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "HistoryLine",
    "MemberRow",
    "add_member",
    "duplicate_issues",
    "history",
    "household_members",
    "leave",
    "move_household",
    "move_member",
    "register_household",
    "split_household",
    "suggest_household_no",
    "villages",
]


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One member of a household as the dialogs list them."""

    id: str
    name: str
    relationship: str
    status: str
    birth_date: date | None

    @property
    def label(self) -> str:
        text = f"{self.name}（{codes.RELATIONSHIP.label(self.relationship)}）"
        if self.status != hc.ACTIVE_STATUS:
            text += f"［{codes.PERSON_STATUS.label(self.status)}］"
        return text


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One line of a person's 人口变动 history, in words."""

    happened_on: date
    kind: str
    from_place: str
    to_place: str
    note: str
    recorded_by: str

    @property
    def kind_label(self) -> str:
        return codes.MEMBERSHIP_CHANGE.label(self.kind)

    def text(self) -> str:
        parts = [self.happened_on.isoformat(), self.kind_label]
        if self.from_place and self.to_place:
            parts.append(f"{self.from_place} → {self.to_place}")
        elif self.to_place or self.from_place:
            parts.append(self.to_place or self.from_place)
        if self.note:
            parts.append(self.note)
        return "  ".join(parts)


def _today(today: date | None) -> date:
    return today or date.today()


def _person(session: Session, person_id: str) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("找不到这个人员，可能已被删除")
    return person


def _household(session: Session, household_id: str) -> Household:
    household = session.get(Household, household_id)
    if household is None:
        raise NotFound("找不到这个户，可能已被删除")
    return household


def _village(session: Session, village_id: str) -> OrgUnit:
    village = session.get(OrgUnit, village_id)
    if village is None:
        raise NotFound("找不到这个村")
    return village


def _place(session: Session, household: Household) -> str:
    village = session.get(OrgUnit, household.village_id)
    return hc.place_text(village.name if village else "", household.household_no)


def _members(session: Session, household_id: str) -> list[Person]:
    return list(
        session.execute(
            select(Person)
            .where(schema.person.c.household_id == household_id)
            .order_by(schema.person.c.relationship, schema.person.c.birth_date)
        ).scalars()
    )


def _info(person: Person) -> hc.MemberInfo:
    return hc.MemberInfo(person.id, person.name, person.relationship, person.status)


def duplicate_issues(session: Session, person: Person) -> list[Issue]:
    """The same ID number anywhere on this laptop: refused, naming the person who holds it and where."""
    if not person.id_number:
        return []
    found = (
        session.execute(select(Person).where(schema.person.c.id_number == person.id_number)).scalars().first()
    )
    if found is None or found.id == person.id:
        return []
    household = session.get(Household, found.household_id)
    where = f"（{_place(session, household)}）" if household is not None else ""
    status = codes.PERSON_STATUS.label(found.status)
    return [
        Issue(
            field="id_number",
            label="身份证号",
            message=f"这个身份证号已登记为{found.name}{where}，人员状态“{status}”，不能重复登记",
        )
    ]


def _check_new_person(session: Session, person: Person, today: date) -> list[Issue]:
    issues = records.normalized_person_issues(person, today)
    issues += duplicate_issues(session, person)
    issues += records._unique(session, Person, "person_no", person.person_no, person.id, "人员编号")
    if person.relationship == hc.HEAD:
        head = next((m for m in _members(session, person.household_id) if m.relationship == hc.HEAD), None)
        if head is not None and head.id != person.id:
            issues.append(
                Issue(field="relationship", label="与户主关系", message=f"该户已有户主（{head.name}）")
            )
    return issues


def _history(
    session: Session,
    person: Person,
    kind: str,
    happened_on: date,
    *,
    actor: str,
    from_household: Household | None = None,
    to_household: Household | None = None,
    from_place: str = "",
    to_place: str = "",
    note: str = "",
) -> None:
    session.add(
        MembershipChange(
            person_id=person.id,
            kind=kind,
            happened_on=happened_on,
            from_household_id=from_household.id if from_household else None,
            to_household_id=to_household.id if to_household else None,
            from_place=from_place or (_place(session, from_household) if from_household else ""),
            to_place=to_place or (_place(session, to_household) if to_household else ""),
            note=note.strip(),
            recorded_by=actor,
        )
    )


def _change_head(
    session: Session, household_id: str, leaving: Sequence[Person], new_head_id: str | None
) -> None:
    """The old head keeps a plain relationship ("99") once gone; the chosen member becomes 户主."""
    if new_head_id is None:
        return
    for person in leaving:
        if person.relationship == hc.HEAD:
            person.relationship = hc.FORMER_HEAD
    session.flush()
    new_head = _person(session, new_head_id)
    if new_head.household_id != household_id:
        raise ValidationFailed(
            [Issue(field="new_head", label="新户主", message="新户主必须是留在户内的成员")]
        )
    new_head.relationship = hc.HEAD


# --- reading ---------------------------------------------------------------------------------------------


def villages(db: Database) -> list[OrgUnit]:
    """The villages this laptop knows (its jurisdiction's), by code."""
    with db.read() as session:
        return list(
            session.execute(
                select(OrgUnit).where(schema.org_unit.c.level == "village").order_by(schema.org_unit.c.code)
            ).scalars()
        )


def suggest_household_no(db: Database, village_id: str) -> str:
    with db.read() as session:
        village = _village(session, village_id)
        taken = set(session.execute(select(schema.household.c.household_no)).scalars())
    return hc.suggest_household_no(village.code, taken)


def household_members(db: Database, household_id: str) -> list[MemberRow]:
    with db.read() as session:
        return [
            MemberRow(p.id, p.name, p.relationship, p.status, p.birth_date)
            for p in _members(session, household_id)
        ]


def households_of_village(db: Database, village_id: str) -> list[tuple[str, str]]:
    """(id, "户编号 户主姓名") of a village's households, for choosing where someone moves."""
    with db.read() as session:
        rows = session.execute(
            select(schema.household.c.id, schema.household.c.household_no, schema.person.c.name)
            .outerjoin(
                schema.person,
                (schema.person.c.household_id == schema.household.c.id)
                & (schema.person.c.relationship == hc.HEAD),
            )
            .where(schema.household.c.village_id == village_id)
            .order_by(schema.household.c.household_no)
        ).all()
    return [(r[0], f"{r[1]} {r[2] or ''}".strip()) for r in rows]


def history(db: Database, person_id: str) -> list[HistoryLine]:
    """The person's 人口变动 history, oldest first."""
    with db.read() as session:
        rows = session.execute(
            select(MembershipChange)
            .where(schema.membership_change.c.person_id == person_id)
            .order_by(schema.membership_change.c.happened_on, schema.membership_change.c.id)
        ).scalars()
        return [
            HistoryLine(r.happened_on, r.kind, r.from_place, r.to_place, r.note, r.recorded_by) for r in rows
        ]


# --- registering -----------------------------------------------------------------------------------------


def register_household(
    db: Database, household: Household, head: Person, *, actor: str, today: date | None = None
) -> list[Issue]:
    """登记新户: the household and its head, in one transaction, with the head's 登记 in the history."""
    day = _today(today)
    with records.writing(db, actor) as session:
        issues = hc.household_no_issues(household.household_no)
        issues += records.normalized_household_issues(household, day)
        issues += records._unique(
            session, Household, "household_no", household.household_no, household.id, "户编号"
        )
        if household.village_id and session.get(OrgUnit, household.village_id) is None:
            issues.append(Issue(field="village_id", label="所属村", message="所属村不存在"))
        head.household_id = household.id
        head.relationship = hc.HEAD
        issues += _check_new_person(session, head, day)
        warnings = raise_if_errors(issues)
        session.add(household)
        session.flush()
        session.add(head)
        session.flush()
        _history(session, head, "register", day, actor=actor, to_household=household)
    return warnings


def add_member(
    db: Database,
    person: Person,
    *,
    kind: str = "register",
    happened_on: date | None = None,
    from_place: str = "",
    note: str = "",
    actor: str,
    today: date | None = None,
) -> list[Issue]:
    """添加成员 (登记), 出生, 婚入 or 迁入 (from outside this laptop's records): a new member and the event."""
    if kind not in hc.JOIN_KINDS:
        raise ValueError(f"not a joining event: {kind}")
    day = _today(today)
    with records.writing(db, actor) as session:
        household = _household(session, person.household_id)
        issues = _check_new_person(session, person, day)
        when = happened_on or day
        if kind == "birth":
            when = happened_on or person.birth_date or day
            issues += hc.birth_issues(
                id_number=person.id_number, birth_date=person.birth_date, happened_on=when, today=day
            )
        issues += hc.event_date_issues(when, day, after=person.birth_date)
        warnings = raise_if_errors(issues)
        session.add(person)
        session.flush()
        _history(
            session, person, kind, when, actor=actor, to_household=household, from_place=from_place, note=note
        )
    return warnings


# --- events of existing members --------------------------------------------------------------------------


def split_household(
    db: Database,
    household_id: str,
    member_ids: Sequence[str],
    head_id: str | None,
    household_no: str,
    *,
    happened_on: date,
    new_head_id: str | None = None,
    address: str = "",
    note: str = "",
    actor: str,
    today: date | None = None,
) -> str:
    """分户: the chosen members form a new household of the same village (same type), one of them its head.
    Returns the new household's id."""
    day = _today(today)
    with records.writing(db, actor) as session:
        old = _household(session, household_id)
        members = _members(session, household_id)
        issues = hc.split_issues([_info(m) for m in members], member_ids, head_id, new_head_id, household_no)
        issues += hc.event_date_issues(happened_on, day)
        issues += records._unique(session, Household, "household_no", household_no.strip(), None, "户编号")
        raise_if_errors(issues)
        new = Household(
            household_no=household_no.strip(),
            village_id=old.village_id,
            group_name=old.group_name,
            address=address.strip() or old.address,
            household_type=old.household_type,
            monitoring_type=old.monitoring_type,
        )
        rules.normalize_household(new)
        session.add(new)
        session.flush()
        moving = [m for m in members if m.id in set(member_ids)]
        _change_head(session, household_id, moving, new_head_id)
        for person in moving:
            person.household_id = new.id
            if person.id == head_id:
                person.relationship = hc.HEAD
            elif person.relationship == hc.HEAD:
                person.relationship = hc.FORMER_HEAD
            _history(
                session,
                person,
                "split",
                happened_on,
                actor=actor,
                from_household=old,
                to_household=new,
                note=note,
            )
        session.flush()
        _move_visits(session, [p.id for p in moving], new.id)
        return new.id


def move_member(
    db: Database,
    person_id: str,
    to_household_id: str,
    *,
    happened_on: date,
    kind: str = "move_out",
    relationship: str = "99",
    new_head_id: str | None = None,
    note: str = "",
    actor: str,
    today: date | None = None,
) -> None:
    """迁出 (or 婚出, 婚入 between households on this laptop) to another household, in this village or another:
    the person, their history and the visits that name them go to the new household."""
    if kind not in ("move_out", "marry_out", "move_in", "marry_in"):
        raise ValueError(f"not a moving event: {kind}")
    day = _today(today)
    with records.writing(db, actor) as session:
        person = _person(session, person_id)
        old = _household(session, person.household_id)
        issues = hc.person_can_change_issues(_info(person))
        issues += hc.move_issues(old.id, to_household_id)
        issues += hc.event_date_issues(happened_on, day, after=person.birth_date)
        if relationship not in codes.RELATIONSHIP or relationship == hc.HEAD:
            issues.append(
                Issue(
                    field="relationship",
                    label="与户主关系",
                    message="请选择在新户中与户主的关系（不能是本人）",
                )
            )
        members = _members(session, old.id)
        issues += hc.new_head_issues([_info(person)], [_info(m) for m in members], new_head_id)
        raise_if_errors(issues)
        new = _household(session, to_household_id)
        # The history first: it is journaled while the person is still in the old village, so a village laptop
        # moving someone out sends it from inside its own jurisdiction (the server then moves it along).
        _history(
            session, person, kind, happened_on, actor=actor, from_household=old, to_household=new, note=note
        )
        session.flush()
        _change_head(session, old.id, [person], new_head_id)
        person.household_id = new.id
        person.relationship = relationship
        session.flush()
        _move_visits(session, [person.id], new.id)


def move_household(
    db: Database,
    household_id: str,
    to_village_id: str,
    *,
    happened_on: date,
    note: str = "",
    actor: str,
    today: date | None = None,
) -> None:
    """整户迁出 to another village: the household's village changes; every active member's history says so."""
    day = _today(today)
    with records.writing(db, actor) as session:
        household = _household(session, household_id)
        issues = hc.household_move_issues(household.village_id, to_village_id)
        issues += hc.event_date_issues(happened_on, day)
        raise_if_errors(issues)
        from_place = _place(session, household)
        to_place = hc.place_text(_village(session, to_village_id).name, household.household_no)
        # The history first, journaled while the household is still in the old village (see ``move_member``).
        for person in _members(session, household.id):
            if person.status == hc.ACTIVE_STATUS:
                _history(
                    session,
                    person,
                    "move_out",
                    happened_on,
                    actor=actor,
                    from_household=household,
                    to_household=household,
                    from_place=from_place,
                    to_place=to_place,
                    note=note,
                )
        session.flush()
        household.village_id = to_village_id
        session.flush()


def leave(
    db: Database,
    person_id: str,
    kind: str,
    *,
    happened_on: date,
    to_place: str = "",
    note: str = "",
    new_head_id: str | None = None,
    actor: str,
    today: date | None = None,
) -> None:
    """婚出 / 迁出 to a place outside this laptop's records, 死亡 or 注销: the person stays on file with the new
    status (never deleted), and the event is kept in the history."""
    day = _today(today)
    with records.writing(db, actor) as session:
        person = _person(session, person_id)
        household = _household(session, person.household_id)
        issues = hc.person_can_change_issues(_info(person))
        issues += hc.leave_issues(kind, to_place=to_place, note=note)
        issues += hc.event_date_issues(happened_on, day, after=person.birth_date)
        members = _members(session, household.id)
        issues += hc.new_head_issues([_info(person)], [_info(m) for m in members], new_head_id)
        raise_if_errors(issues)
        _change_head(session, household.id, [person], new_head_id)
        person.status = hc.LEAVE_STATUS[kind]
        _history(
            session,
            person,
            kind,
            happened_on,
            actor=actor,
            from_household=household,
            to_place=to_place.strip(),
            note=note,
        )


def _move_visits(session: Session, person_ids: Sequence[str], household_id: str) -> None:
    """Visits that name a person who moved go with them (a visit's household decides whose village sees it)."""
    if person_ids:
        session.execute(
            update(schema.visit)
            .where(
                schema.visit.c.person_id.in_(list(person_ids)), schema.visit.c.household_id != household_id
            )
            .values(household_id=household_id)
        )
        session.expire_all()


@dataclass(frozen=True, slots=True)
class MemberContext:
    """What the event dialogs need to know of one member: who, which household, its other members."""

    person: MemberRow
    household_id: str
    household_label: str  # "红岩村 5002291012010001户"
    village_id: str
    members: list[MemberRow]


def member_context(db: Database, person_id: str) -> MemberContext:
    with db.read() as session:
        person = _person(session, person_id)
        household = _household(session, person.household_id)
        members = [
            MemberRow(p.id, p.name, p.relationship, p.status, p.birth_date)
            for p in _members(session, household.id)
        ]
        row = next(m for m in members if m.id == person.id)
        return MemberContext(row, household.id, _place(session, household), household.village_id, members)


def household_label(db: Database, household_id: str) -> tuple[str, str]:
    """("红岩村 5002291012010001户", village id) of a household."""
    with db.read() as session:
        household = _household(session, household_id)
        return _place(session, household), household.village_id
