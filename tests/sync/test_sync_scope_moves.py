"""A household or member moving to another village leaves the old village's sync scope and enters the new one's,
on every laptop concerned (server/scope_moves.py, the LEAVE_SCOPE pull entry, protocol 5)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select, text
from sync_helpers import TOWNSHIP, VILLAGE_A, VILLAGE_B, County, device_records, row, server_records

from yulu_desktop.domain.entities import Enrollment, Household, Person, Visit
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.server.models import ChangeLog, OrgUnit, Record
from yulu_desktop.services import households, records
from yulu_desktop.store.database import Database
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient

TODAY = date.today()
MOVED = ("person", "enrollment", "visit", "membership_change")


def _path(county: County, code: str) -> str:
    with county.db.read() as session:
        return str(session.scalars(select(OrgUnit.path).where(OrgUnit.code == code)).one())


def _family(db: Database, village_id: str, number: str) -> dict[str, str]:
    """A household with its head and a student son who has a term of schooling and a visit."""
    household = Household(household_no=number, village_id=village_id)
    head = Person(household_id="", name="张大山", id_number=make_id_number("500229", date(1970, 3, 4), 11))
    households.register_household(db, household, head, actor="张书记")
    son = Person(
        household_id=household.id,
        name="张坤",
        id_number=make_id_number("500229", date(2006, 5, 6), 31),
        relationship="20",
    )
    households.add_member(db, son, actor="张书记")
    enrollment = Enrollment(
        person_id=son.id,
        school_year="2025-2026",
        semester="autumn",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        entry_date=date(2025, 9, 1),
    )
    records.record_enrollment(db, enrollment, actor="张书记")
    visit = Visit(
        household_id=household.id,
        person_id=son.id,
        visit_date=TODAY,
        visitor_name="张书记",
        visitor_role="resident_cadre",
    )
    records.record_visit(db, visit, actor="张书记")
    return {
        "household": household.id,
        "head": head.id,
        "son": son.id,
        "enrollment": enrollment.id,
        "visit": visit.id,
    }


def _ids(db: Database, table: str) -> set[str]:
    with db.read_connection() as conn:
        return {r[0] for r in conn.execute(text(f'SELECT id FROM "{table}"'))}


def _complete(client: SyncClient) -> None:
    report = client.sync_once()
    assert report.complete, report
    assert not report.repaired, report.repaired  # the pull alone put every laptop right
    assert report.quarantined == 0


@pytest.fixture
def three(county: County) -> dict[str, Any]:
    a, a_client = county.device("hongyan")
    b, b_client = county.device("shiping")
    town, town_client = county.device("miaoba")
    for client in (a_client, b_client, town_client):
        client.sync_once()
    family = _family(a, county.unit_id(VILLAGE_A), "50022910120100001")
    other = Household(household_no="50022910120200001", village_id=county.unit_id(VILLAGE_B))
    households.register_household(
        b,
        other,
        Person(household_id="", name="王五", id_number=make_id_number("500229", date(1980, 1, 2), 51)),
        actor="王书记",
    )
    for client in (a_client, b_client, town_client):
        _complete(client)
    return {
        "a": (a, a_client),
        "b": (b, b_client),
        "town": (town, town_client),
        "family": family,
        "other": other.id,
    }


def test_member_moving_to_another_village_moves_with_schooling_visits_and_history(
    county: County, three: dict[str, Any]
) -> None:
    (a, a_client), (b, b_client), (town, town_client) = three["a"], three["b"], three["town"]
    family = three["family"]
    son = family["son"]
    # Village A's laptop edits the son before it learns of the move (it has not synced since).
    records.update_person(a, son, {"phone": "13800138000"}, actor="张书记")
    # The township office moves him to a household of village B.
    households.move_member(town, son, three["other"], happened_on=TODAY, relationship="70", actor="赵镇长")
    _complete(town_client)
    _complete(a_client)
    _complete(b_client)
    _complete(town_client)
    _complete(a_client)

    history = households.history(b, son)
    assert [line.kind for line in history] == ["register", "move_out"]
    # B's laptop holds the person, his schooling, the visit and the history; A's laptop holds none of them.
    assert son in _ids(b, "person") and family["enrollment"] in _ids(b, "enrollment")
    assert family["visit"] in _ids(b, "visit")
    assert son not in _ids(a, "person") and family["enrollment"] not in _ids(a, "enrollment")
    assert family["visit"] not in _ids(a, "visit")
    assert not {line.kind for line in households.history(a, son)}
    assert family["head"] in _ids(a, "person")  # the rest of the household stays
    # The edit A made before it knew reached the server and then B.
    moved = row(b, "person", son)
    assert moved is not None and (moved["phone"], moved["household_id"]) == ("13800138000", three["other"])
    # The township has one copy; every laptop equals the server's view of its jurisdiction.
    assert len([i for i in _ids(town, "person") if i == son]) == 1
    for db, code in ((a, VILLAGE_A), (b, VILLAGE_B), (town, TOWNSHIP)):
        mine = device_records(db, MOVED)
        theirs = server_records(county.db, _path(county, code), MOVED)
        assert set(mine) == set(theirs), code
    # Nothing lost on the server: every record lives, now in B's scope.
    with county.db.read() as session:
        scopes = {
            (r.entity, r.entity_id): (r.scope_path, r.deleted)
            for r in session.scalars(select(Record).where(Record.entity.in_(MOVED)))
        }
    b_path = _path(county, VILLAGE_B)
    for key in (("person", son), ("enrollment", family["enrollment"]), ("visit", family["visit"])):
        assert scopes[key] == (b_path, False)


def test_whole_household_moving_to_another_village(county: County, three: dict[str, Any]) -> None:
    (a, a_client), (b, b_client), (town, town_client) = three["a"], three["b"], three["town"]
    family = three["family"]
    households.move_household(
        town, family["household"], county.unit_id(VILLAGE_B), happened_on=TODAY, actor="赵镇长"
    )
    _complete(town_client)
    _complete(a_client)
    _complete(b_client)
    assert family["household"] in _ids(b, "household")
    assert {family["head"], family["son"]} <= _ids(b, "person")
    assert family["enrollment"] in _ids(b, "enrollment") and family["visit"] in _ids(b, "visit")
    assert family["household"] not in _ids(a, "household") and not _ids(a, "person")
    assert not _ids(a, "enrollment") and not _ids(a, "visit")
    assert family["household"] in _ids(town, "household")
    with county.db.read() as session:
        ops = set(session.scalars(select(ChangeLog.op).where(ChangeLog.op == p.LEAVE_SCOPE)))
    assert ops == {p.LEAVE_SCOPE}


def test_a_village_laptop_may_move_its_own_household_out(county: County, three: dict[str, Any]) -> None:
    """The server lets a village move a household of its own out to another village of the county (迁出)."""
    (a, a_client), (b, b_client) = three["a"], three["b"]
    family = three["family"]
    # A village laptop holds only the org units above it; here village B's is put there as the county's data
    # (not journaled), as it would be on a laptop that was told of it.
    village_b = county.unit_id(VILLAGE_B)
    with a.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        conn.execute(
            text(
                "INSERT INTO org_unit (id, code, name, level, parent_id) "
                "SELECT :id, :code, '石坪村', 'village', parent_id FROM org_unit WHERE code = :a"
            ),
            {"id": village_b, "code": VILLAGE_B, "a": VILLAGE_A},
        )
        conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))
    households.move_household(a, family["household"], village_b, happened_on=TODAY, actor="张书记")
    report = a_client.sync_once()
    assert report.quarantined == 0 and report.complete
    _complete(b_client)
    assert {family["son"], family["head"]} <= _ids(b, "person")
    assert family["son"] not in _ids(a, "person")


def test_a_laptop_of_protocol_4_is_not_sent_the_new_entry_and_repairs_by_the_check(
    county: County, three: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    (a, a_client), (town, town_client) = three["a"], three["town"]
    family = three["family"]
    households.move_member(town, family["son"], three["other"], happened_on=TODAY, actor="赵镇长")
    _complete(town_client)
    monkeypatch.setattr(p, "PROTOCOL_VERSION", 4)
    a_client.protocol_version = 4
    report = a_client.sync_once()  # pydantic would refuse an "X" in a v4 laptop's model: none is sent
    assert report.complete
    assert family["son"] not in _ids(a, "person")  # removed by the after-sync check, not by a delete
    assert report.removed_rows >= 1
    with county.db.read() as session:
        son = session.scalars(
            select(Record).where(Record.entity == "person", Record.entity_id == family["son"])
        ).one()
    assert not son.deleted
