"""Merge field by field: both edits survive, concurrent edits are decided the same everywhere and kept as
conflicts, a delete racing an edit keeps the edit, a wrong clock does not win, unsent local edits are never
overwritten by a pull."""

from __future__ import annotations

import time

import pytest
from sqlalchemy import select, text
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending, row, shared_digest, update

from yulu_desktop.domain import hlc
from yulu_desktop.server import admin
from yulu_desktop.server.models import ChangeLog
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts
from yulu_desktop.sync.client import SyncClient, SyncReport
from yulu_desktop.sync.protocol import MAX_TRUSTED_SKEW_MS


def _two_devices_with_a_person(county: County) -> tuple[Database, SyncClient, Database, SyncClient, str]:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    person = add_person(db_a, household, "张坤", phone="13800138000", ethnicity="汉族")
    client_a.sync_once()
    client_b.sync_once()
    assert row(db_b, "person", person) is not None
    return db_a, client_a, db_b, client_b, person


def _settle(*clients: SyncClient) -> list[SyncReport]:
    reports = [c.sync_once() for c in clients]
    reports += [c.sync_once() for c in clients]
    return reports


def test_edits_of_different_fields_both_survive(county: County) -> None:
    db_a, client_a, db_b, client_b, person = _two_devices_with_a_person(county)
    update(db_a, "person", person, phone="13900139000")
    update(db_b, "person", person, ethnicity="土家族")
    reports = _settle(client_a, client_b)
    assert sum(r.conflicts for r in reports) == 0
    for db in (db_a, db_b):
        found = row(db, "person", person)
        assert found is not None
        assert (found["phone"], found["ethnicity"]) == ("13900139000", "土家族")
    assert admin.list_conflicts(county.db) == []
    assert shared_digest(db_a) == shared_digest(db_b)


@pytest.mark.parametrize("first", ["a", "b"])
def test_same_field_conflict_is_deterministic_and_kept(county: County, first: str) -> None:
    db_a, client_a, db_b, client_b, person = _two_devices_with_a_person(county)
    update(db_a, "person", person, phone="13911111111")
    time.sleep(0.005)  # B's edit is later by the clock: it wins whichever device syncs first
    update(db_b, "person", person, phone="13922222222")
    order = (client_a, client_b) if first == "a" else (client_b, client_a)
    _settle(*order)
    for db in (db_a, db_b):
        assert row(db, "person", person)["phone"] == "13922222222"  # type: ignore[index]
    assert shared_digest(db_a) == shared_digest(db_b)
    server_conflicts = admin.list_conflicts(county.db)
    assert len(server_conflicts) == 1
    conflict = server_conflicts[0]
    assert (conflict["field"], conflict["winner_value"], conflict["loser_value"]) == (
        "phone",
        "13922222222",
        "13911111111",
    )
    for db in (db_a, db_b):
        local = conflicts.list_conflicts(db)
        assert [(c.field, c.winner_value, c.loser_value) for c in local] == [
            ("phone", "13922222222", "13911111111")
        ]


def test_conflict_resolution_keep_mine_on_the_losing_device(county: County) -> None:
    db_a, client_a, db_b, client_b, person = _two_devices_with_a_person(county)
    update(db_a, "person", person, phone="13911111111")
    time.sleep(0.005)
    update(db_b, "person", person, phone="13922222222")
    _settle(client_a, client_b)
    (conflict,) = conflicts.list_conflicts(db_a)
    with db_a.read_connection() as conn:
        me = conn.execute(text("SELECT device_id FROM device_state")).scalar_one()
    assert conflict.mine_and_theirs(me) == ("13911111111", "13922222222")
    conflicts.resolve(db_a, conflict.id, "keep_mine", resolved_by="张书记")
    assert row(db_a, "person", person)["phone"] == "13911111111"  # type: ignore[index]
    _settle(client_a, client_b)
    assert row(db_b, "person", person)["phone"] == "13911111111"  # type: ignore[index]
    assert admin.list_conflicts(county.db) == []
    resolved = admin.list_conflicts(county.db, include_resolved=True)
    assert [(c["resolution"], c["resolved_by"]) for c in resolved] == [("use_other", "张书记")]
    assert conflicts.list_conflicts(db_b) == []


@pytest.mark.parametrize("first", ["deleter", "editor"])
def test_delete_racing_an_edit_deletes_and_keeps_the_edit(county: County, first: str) -> None:
    db_a, client_a, db_b, client_b, person = _two_devices_with_a_person(county)
    with db_a.write_connection() as conn:
        conn.execute(text("DELETE FROM person WHERE id = :id"), {"id": person})
    update(db_b, "person", person, phone="13933333333")
    order = (client_a, client_b) if first == "deleter" else (client_b, client_a)
    _settle(*order)
    assert row(db_a, "person", person) is None
    assert row(db_b, "person", person) is None
    assert shared_digest(db_a) == shared_digest(db_b)
    (conflict,) = admin.list_conflicts(county.db)
    assert conflict["kind"] in ("edit_vs_delete", "delete_vs_edit")
    assert conflict["loser_value"]["phone"] == "13933333333"
    # "Keep mine" on the editor restores the record with the edit.
    (local,) = conflicts.list_conflicts(db_b)
    conflicts.resolve(db_b, local.id, "keep_mine")
    _settle(client_b, client_a)
    for db in (db_a, db_b):
        assert row(db, "person", person)["phone"] == "13933333333"  # type: ignore[index]


def test_a_clock_far_ahead_is_flagged_and_does_not_win(county: County) -> None:
    db_a, client_a, db_b, client_b, person = _two_devices_with_a_person(county)
    # Laptop A's clock runs a day ahead: its hybrid clock (and so its journal) is a day in the future.
    a_day_ahead = hlc.pack(int(time.time() * 1000) + 86_400_000)
    with db_a.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET hlc_floor = :h"), {"h": a_day_ahead})
    update(db_a, "person", person, phone="13944444444")
    update(db_b, "person", person, phone="13955555555")  # later in real time, earlier by A's clock
    _settle(client_a, client_b)
    for db in (db_a, db_b):
        assert row(db, "person", person)["phone"] == "13955555555"  # type: ignore[index]
    (conflict,) = admin.list_conflicts(county.db)
    assert conflict["clock_skew"] is True
    assert conflict["loser_value"] == "13944444444"
    # The wrong timestamp is not passed on to other devices' clocks.
    limit = hlc.pack(int(time.time() * 1000) + MAX_TRUSTED_SKEW_MS)
    with county.db.read() as session:
        assert max(session.scalars(select(ChangeLog.hlc))) <= limit
    with db_b.read_connection() as conn:
        assert conn.execute(text("SELECT hlc_floor FROM device_state")).scalar_one() <= limit


def test_pull_never_overwrites_an_unsent_local_change(county: County) -> None:
    """DHIS2 android-sdk#1098: a pull must not wipe what the cadre typed and has not sent yet."""
    db_a, client_a, db_b, client_b, person = _two_devices_with_a_person(county)
    update(db_a, "person", person, phone="13966666666", ethnicity="苗族")
    client_a.sync_once()
    update(db_b, "person", person, phone="13977777777")
    report = SyncReport()
    client_b.pull_all(report)  # pull only: B's edit is still unsent
    found = row(db_b, "person", person)
    assert found is not None
    assert found["phone"] == "13977777777", "the unsent local value stays"
    assert found["ethnicity"] == "苗族", "other fields are updated"
    assert report.kept_local == 1
    assert pending(db_b) == 1
    _settle(client_b, client_a)
    assert row(db_a, "person", person)["phone"] == row(db_b, "person", person)["phone"]  # type: ignore[index]
    (conflict,) = admin.list_conflicts(county.db)
    assert {conflict["winner_value"], conflict["loser_value"]} == {"13966666666", "13977777777"}
