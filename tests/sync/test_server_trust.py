"""The county server as a trust boundary (issue 13): what a device pushes is checked before it is stored.

Malformed values, writes to county-owned reference data, org-unit cycles, unique-key clashes and references to
records the server does not have are held back per entry (quarantined with a Chinese reason) while the rest of
the batch goes on; nothing a laptop could not store is ever stored; no push answers 409 "retry" or 5xx for
data. A new child under a parent deleted meanwhile is a delete-vs-edit conflict in either order.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text
from sync_helpers import (
    COUNTY,
    TOWNSHIP,
    VILLAGE_A,
    County,
    add_household,
    add_person,
    delete,
    device_context,
    row,
    setup_county,
    shared_digest,
)

from yulu_desktop.server import merge, service
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import Conflict, OrgUnit, Quarantine, Record
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import record_check


class Pusher:
    """A device sending hand-made journal entries, numbered as its journal would."""

    def __init__(self, db: ServerDatabase, username: str) -> None:
        self.db = db
        self.ctx = device_context(db, username)
        self.seq = 0

    def entry(
        self, entity: str, op: str, values: dict[str, Any], entity_id: str | None = None
    ) -> p.PushEntry:
        self.seq += 1
        entity_id = entity_id or str(uuid.uuid4())
        changes = {k: [None, v] for k, v in values.items()}
        if op == "I":
            changes["id"] = [None, entity_id]
        return p.PushEntry(
            seq=self.seq,
            change_id=uuid.uuid4().hex,
            entity=entity,
            entity_id=entity_id,
            op=op,  # type: ignore[arg-type]
            changes=changes,
            hlc=int(time.time() * 1000) << 16,
        )

    def push(self, *entries: p.PushEntry) -> p.PushResponse:
        return service.push(self.db, self.ctx, p.PushRequest(entries=list(entries)))


@pytest.fixture
def server(server_url: str) -> Iterator[ServerDatabase]:
    db = ServerDatabase(server_url)
    db.migrate()
    setup_county(db)
    yield db
    db.dispose()


def _unit(db: ServerDatabase, code: str) -> str:
    with db.read() as session:
        return session.scalars(select(OrgUnit.id).where(OrgUnit.code == code)).one()


def _household(village: str, number: str | None = None, **values: Any) -> dict[str, Any]:
    return {
        "household_no": number or uuid.uuid4().hex[:16],
        "village_id": village,
        "household_type": "tuopin",
        **values,
    }


def _statuses(response: p.PushResponse) -> dict[int, tuple[str, str]]:
    return {r.seq: (r.status, r.reason) for r in response.results}


def _live(db: ServerDatabase, entity: str, entity_id: str) -> dict[str, Any] | None:
    with db.read() as session:
        found = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).first()
        if found is None or found.deleted:
            return None
        return db.cipher.loads_fields(entity, found.data)  # sensitive fields are stored sealed


def test_malformed_values_are_held_per_entry_and_the_batch_goes_on(server: ServerDatabase) -> None:
    device = Pusher(server, "hongyan")
    village = _unit(server, VILLAGE_A)
    bad = [
        device.entry("household", "I", _household(village, number={"a": 1})),  # type: ignore[arg-type]
        device.entry("household", "I", _household(village, household_type="rich")),
        device.entry("household", "I", _household(village, number="x" * 41)),
        device.entry("household", "I", {"household_no": "H-no-type", "village_id": village}),
        device.entry("household", "I", _household(village, risk_identified_on="2025-02-30")),
        device.entry("household", "I", _household(village, income_per_capita_fen=1.5)),
        device.entry("household", "I", _household(village, favourite_colour="red")),
    ]
    good = device.entry("household", "I", _household(village))
    response = device.push(*bad, good)
    assert response.acked_seq == good.seq
    statuses = _statuses(response)
    for entry in bad:
        status, reason = statuses[entry.seq]
        assert status == "quarantined"
        assert reason.startswith("数据不合规")
    assert "户编号" in statuses[bad[0].seq][1] and "对象" in statuses[bad[0].seq][1]
    assert "户类型" in statuses[bad[1].seq][1]
    assert "最多 40 个字符" in statuses[bad[2].seq][1]
    assert "必填" in statuses[bad[3].seq][1]
    assert "favourite_colour" in statuses[bad[6].seq][1]
    assert good.seq not in statuses
    assert _live(server, "household", good.entity_id) is not None
    for entry in bad:
        assert _live(server, "household", entry.entity_id) is None
    with server.read() as session:
        assert len(session.scalars(select(Quarantine)).all()) == len(bad)


def test_a_bad_edit_is_held_and_the_stored_value_stays(server: ServerDatabase) -> None:
    device = Pusher(server, "hongyan")
    insert = device.entry("household", "I", _household(_unit(server, VILLAGE_A), number="H1"))
    device.push(insert)
    edit = device.entry("household", "U", {"household_no": ["H2"], "address": "大河坝"}, insert.entity_id)
    assert _statuses(device.push(edit))[edit.seq][0] == "quarantined"
    stored = _live(server, "household", insert.entity_id)
    assert stored is not None and (stored["household_no"], stored["address"]) == ("H1", "")


def test_reference_data_is_the_countys(server: ServerDatabase) -> None:
    village = _unit(server, VILLAGE_A)
    township = _unit(server, TOWNSHIP)
    device = Pusher(server, "hongyan")
    entries = [
        device.entry("org_unit", "U", {"name": "我的村"}, village),
        device.entry("org_unit", "U", {"level": "county"}, village),
        device.entry("org_unit", "D", {}, village),
        device.entry(
            "subsidy_setting",
            "I",
            {
                "county_code": COUNTY,
                "school_type": "zhongzhuan",
                "annual_amount_fen": 99_999_00,
                "effective_from": "2025-01-01",
            },
        ),
    ]
    statuses = _statuses(device.push(*entries))
    assert {s for s, _ in statuses.values()} == {"quarantined"}
    assert all("县级基础数据" in reason for _, reason in statuses.values())
    township_device = Pusher(server, "miaoba")
    own_parent = township_device.entry("org_unit", "U", {"parent_id": township}, township)
    assert _statuses(township_device.push(own_parent))[1][0] == "quarantined"
    with server.read() as session:
        unit = session.get(OrgUnit, village)
        assert unit is not None and (unit.name, unit.level) == ("红岩村", "village")
        assert session.get(OrgUnit, township).parent_id == _unit(server, COUNTY)  # type: ignore[union-attr]
    assert _live(server, "org_unit", village) is not None


def test_the_county_may_edit_reference_data_but_never_make_a_cycle(server: ServerDatabase) -> None:
    county = Pusher(server, "county")
    township, village = _unit(server, TOWNSHIP), _unit(server, VILLAGE_A)
    rename = county.entry("org_unit", "U", {"name": "庙坝镇（新）"}, township)
    itself = county.entry("org_unit", "U", {"parent_id": township}, township)
    below = county.entry("org_unit", "U", {"parent_id": village}, township)
    statuses = _statuses(county.push(rename, itself, below))
    assert statuses[rename.seq][0] == "merged"  # no base: concurrent with the admin's value, and newer
    assert statuses[itself.seq][0] == statuses[below.seq][0] == "quarantined"
    assert "循环" in statuses[below.seq][1]
    with server.read() as session:
        unit = session.get(OrgUnit, township)
        assert unit is not None and unit.name == "庙坝镇（新）" and unit.parent_id == _unit(server, COUNTY)
    taken = county.entry(
        "org_unit", "I", {"code": VILLAGE_A, "name": "重复", "level": "village", "parent_id": township}
    )
    too_long = county.entry(
        "org_unit", "I", {"code": "5" * 21, "name": "长", "level": "village", "parent_id": township}
    )
    fine = county.entry(
        "org_unit", "I", {"code": "500229101299", "name": "新村", "level": "village", "parent_id": township}
    )
    statuses = _statuses(county.push(taken, too_long, fine))
    assert statuses[taken.seq][0] == statuses[too_long.seq][0] == "quarantined"
    assert "已被另一条记录使用" in statuses[taken.seq][1]
    assert fine.seq not in statuses
    with server.read() as session:
        assert session.scalars(select(OrgUnit.name).where(OrgUnit.code == "500229101299")).one() == "新村"


def test_unique_keys_are_held_per_entry_not_retried_forever(server: ServerDatabase) -> None:
    village = _unit(server, VILLAGE_A)
    first, second = Pusher(server, "hongyan"), Pusher(server, "hongyan2")
    mine = first.entry("household", "I", _household(village, number="500229-0001"))
    first.push(mine)
    theirs = second.entry("household", "I", _household(village, number="500229-0001"))
    after = second.entry("household", "I", _household(village, number="500229-0002"))
    statuses = _statuses(second.push(theirs, after))
    assert statuses[theirs.seq][0] == "quarantined" and "户编号" in statuses[theirs.seq][1]
    assert after.seq not in statuses
    # The number is free again once its holder changes it; the key index follows edits and deletes.
    first.push(first.entry("household", "U", {"household_no": "500229-0009"}, mine.entity_id))
    again = second.entry("household", "I", _household(village, number="500229-0001"))
    assert again.seq not in _statuses(second.push(again))
    person = first.entry(
        "person", "I", {"household_id": mine.entity_id, "name": "张坤", "relationship": "01"}
    )
    term = {"person_id": person.entity_id, "school_year": "2025-2026", "semester": "autumn"}
    school = {"school_name": "城口职教中心", "school_type": "zhongzhuan"}
    one = first.entry("enrollment", "I", {**term, **school})
    two = first.entry("enrollment", "I", {**term, **school})
    statuses = _statuses(first.push(person, one, two))
    assert one.seq not in statuses and statuses[two.seq][0] == "quarantined"


def test_a_constraint_the_merge_does_not_know_is_quarantined_not_retried(
    server: ServerDatabase, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database's own unique index on org_unit.code, with the merge's key check switched off: the batch is
    merged again entry by entry and only the refused entry is held."""
    monkeypatch.setattr(merge, "_taken_key", lambda *args: None)
    county = Pusher(server, "county")
    township = _unit(server, TOWNSHIP)
    before = county.entry(
        "org_unit", "I", {"code": "500229101298", "name": "甲村", "level": "village", "parent_id": township}
    )
    taken = county.entry(
        "org_unit", "I", {"code": VILLAGE_A, "name": "重复", "level": "village", "parent_id": township}
    )
    after = county.entry(
        "org_unit", "I", {"code": "500229101297", "name": "乙村", "level": "village", "parent_id": township}
    )
    response = county.push(before, taken, after)
    statuses = _statuses(response)
    assert response.acked_seq == after.seq
    assert statuses == {taken.seq: ("quarantined", statuses[taken.seq][1])}
    assert "数据库拒绝" in statuses[taken.seq][1]
    assert _live(server, "org_unit", before.entity_id) is not None
    assert _live(server, "org_unit", after.entity_id) is not None


def test_every_field_of_a_laptop_record_passes_the_check() -> None:
    """The check is the laptop's schema: a record as the laptop's journal writes it passes."""
    record = {
        "id": str(uuid.uuid4()),
        "household_id": str(uuid.uuid4()),
        "visit_date": "2025-03-01",
        "visitor_name": "张书记",
        "visitor_role": "village_committee",
        "mode": "home",
        "purpose": "student",
        "follow_up_due": None,
    }
    assert record_check.record_problems("visit", record) == []
    assert (
        record_check.value_problems("employment_record", {"recorded_at": "2025-01-02 03:04:05.123456"}) == []
    )
    assert record_check.value_problems("household", {"risk_eliminated": 1, "risk_causes": "01,09"}) == []
    assert record_check.value_problems("household", {"risk_eliminated": 2, "risk_causes": "01,77"}) != []


# --- a new child under a parent deleted meanwhile (item 4), end to end with laptops ------------------------


@pytest.mark.parametrize("first", ["deleter", "adder"])
def test_a_visit_for_a_person_deleted_meanwhile_is_a_conflict_in_either_order(
    county: County, first: str
) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    person = add_person(db_a, household, "张坤")
    client_a.sync_once()
    client_b.sync_once()
    delete(db_a, "person", person)
    visit = str(uuid.uuid4())
    with db_b.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO visit (id, household_id, person_id, visit_date, visitor_name, visitor_role, mode, "
                "purpose) VALUES (:id, :h, :p, '2025-03-01', '李委员', 'village_committee', 'home', 'student')"
            ),
            {"id": visit, "h": household, "p": person},
        )
    order = (client_a, client_b) if first == "deleter" else (client_b, client_a)
    reports = [c.sync_once() for c in (*order, *order, *order)]
    assert all(r.push_error == "" for r in reports), [r.push_error for r in reports]
    assert _live(county.db, "visit", visit) is None
    assert row(db_a, "visit", visit) is None and row(db_b, "visit", visit) is None
    assert shared_digest(db_a) == shared_digest(db_b)
    with county.db.read() as session:
        kept = session.scalars(select(Conflict).where(Conflict.entity_id == visit)).all()
    assert len(kept) == 1
    assert json.loads(kept[0].loser_value)["visit_date"] == "2025-03-01"
    for db in (db_a, db_b):
        with db.read_connection() as conn:
            notes = (
                conn.execute(text("SELECT kind FROM sync_conflict WHERE entity_id = :v"), {"v": visit})
                .scalars()
                .all()
            )
        assert notes == [kept[0].kind], notes
    # Converged: more syncs change nothing and add no notes (issue 13 item 5).
    with db_b.read_connection() as conn:
        before = conn.execute(text("SELECT count(*) FROM sync_conflict")).scalar_one()
    for client in (client_a, client_b, client_a, client_b):
        assert client.sync_once().push_error == ""
    with db_b.read_connection() as conn:
        assert conn.execute(text("SELECT count(*) FROM sync_conflict")).scalar_one() == before


def test_a_county_server_of_the_last_release_upgrades_and_indexes_what_it_holds(server_url: str) -> None:
    """s0003 → s0004 on a server holding records: their unique keys and parents are indexed by the migration,
    so a clash with a record stored before the upgrade is held, and a delete reaches its older children."""
    from yulu_desktop.server import db as server_db

    server = ServerDatabase(server_url)
    server.migrate()
    setup_county(server)
    village = _unit(server, VILLAGE_A)
    first = Pusher(server, "hongyan")
    household = first.entry("household", "I", _household(village, number="H-OLD"))
    person = first.entry(
        "person", "I", {"household_id": household.entity_id, "name": "张坤", "relationship": "01"}
    )
    first.push(household, person)
    server_db.downgrade(server.engine, "s0003")
    server.migrate()
    second = Pusher(server, "hongyan2")
    clash = second.entry("household", "I", _household(village, number="H-OLD"))
    visit = second.entry(
        "visit",
        "I",
        {
            "household_id": household.entity_id,
            "person_id": person.entity_id,
            "visit_date": "2025-03-01",
            "visitor_name": "李委员",
            "visitor_role": "village_committee",
            "mode": "home",
            "purpose": "student",
        },
    )
    statuses = _statuses(second.push(clash, visit))
    assert statuses[clash.seq][0] == "quarantined" and visit.seq not in statuses
    first.push(first.entry("person", "D", {}, person.entity_id))
    assert _live(server, "visit", visit.entity_id) is None
    server.dispose()


def test_a_county_admin_may_edit_reference_data(server: ServerDatabase) -> None:
    from yulu_desktop.server import admin

    admin.create_cadre(server, username="admin1", name="县管理员", unit_code=COUNTY, role="county_admin")
    county_admin = Pusher(server, "admin1")
    assert county_admin.ctx.role == "county_admin"
    rename = county_admin.entry("org_unit", "U", {"name": "红岩村（新）"}, _unit(server, VILLAGE_A))
    assert _statuses(county_admin.push(rename)).get(rename.seq, ("applied", ""))[0] != "quarantined"
    with server.read() as session:
        assert session.scalars(select(OrgUnit.name).where(OrgUnit.code == VILLAGE_A)).one() == "红岩村（新）"


def test_a_parent_id_with_a_nul_byte_is_held_not_a_server_error(server: ServerDatabase) -> None:
    """PostgreSQL refuses NUL in any text it is sent, even in a lookup: the merge must not ask it."""
    device = Pusher(server, "hongyan")
    person = device.entry("person", "I", {"household_id": "\x00", "name": "张坤", "relationship": "01"})
    household = device.entry("household", "I", _household("bad\x00village"))
    response = device.push(person, household)
    assert response.acked_seq == household.seq
    assert {s for s, _reason in _statuses(response).values()} == {"quarantined"}


def test_a_unique_key_with_a_nul_byte_is_held_not_a_server_error(server: ServerDatabase) -> None:
    """The unique keys a batch would set are looked up before any value is checked: one with a NUL byte (which
    PostgreSQL refuses even in a lookup, and nothing stored holds) must not be asked for."""
    device = Pusher(server, "hongyan")
    village = _unit(server, VILLAGE_A)
    bad = device.entry("household", "I", _household(village, "户\x00001"))
    good = device.entry("household", "I", _household(village, "户002"))
    response = device.push(bad, good)
    statuses = _statuses(response)
    assert response.acked_seq == good.seq
    assert statuses[bad.seq][0] == "quarantined" and good.seq not in statuses


_ANY_VALUE = st.one_of(
    st.none(),
    st.text(max_size=50),
    st.text(max_size=3).map(lambda t: t + "\x00"),
    st.integers(min_value=-(2**64), max_value=2**64),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.sampled_from(["", " ", "x" * 70, "2025-09-01", "2025-13-01", "county", "tuopin"]),
)


@settings(max_examples=400, deadline=None)
@given(data=st.data())
def test_the_quick_check_agrees_with_the_full_one(data: st.DataObject) -> None:
    """The short per-field test (pushes and pulls of tens of thousands of records) passes exactly what the
    full test passes, with the same messages, with and without the domain's rules."""
    entity = data.draw(st.sampled_from(sorted(record_check.SHARED_TABLES)))
    names = [*sorted(c.name for c in record_check.SHARED_TABLES[entity].columns), "unknown_field"]
    values = data.draw(st.dictionaries(st.sampled_from(names), _ANY_VALUE, max_size=6))
    for domain_rules in (False, True):
        quick = record_check._problems(entity, values, domain_rules=domain_rules)
        full = record_check._problems(entity, values, domain_rules=domain_rules, quick=False)
        assert quick == full
