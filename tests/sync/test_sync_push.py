"""Push: batches are applied once, re-sent batches change nothing, gaps are refused, sent entries are frozen."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.exc import DatabaseError, IntegrityError
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending, row, shared_digest, update

from yulu_desktop.server import admin
from yulu_desktop.server.models import AppliedChange, ChangeLog, Record
from yulu_desktop.store import journal
from yulu_desktop.sync import local
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncError


def test_two_devices_of_a_village_converge(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    first = client_a.sync_once()
    assert first.complete
    village = county.unit_id(VILLAGE_A)
    assert row(db_a, "org_unit", village) is not None, "the first pull brings the county's org units"

    household = add_household(db_a, village)
    person = add_person(db_a, household, "张坤", phone="13800138000")
    report = client_a.sync_once()
    assert report.pushed == 2
    assert report.complete
    assert pending(db_a) == 0

    report_b = client_b.sync_once()
    assert report_b.complete
    assert row(db_b, "person", person) is not None
    assert row(db_b, "person", person)["phone"] == "13800138000"  # type: ignore[index]
    assert shared_digest(db_a) == shared_digest(db_b)


def test_resent_batch_changes_nothing(county: County) -> None:
    db, client = county.device()
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    add_person(db, household)
    with db.read_connection() as conn:
        entries = journal.pending_entries(conn)
        bases = local.base_versions(conn, entries)
    batch = p.PushRequest(entries=[local.to_push_entry(e, b) for e, b in zip(entries, bases, strict=True)])
    first = client._post_signed("/v1/push", batch, p.PushResponse)
    assert first.applied == 2
    with county.db.read() as session:
        before = (
            session.scalar(select(func.count()).select_from(ChangeLog)),
            session.scalar(select(func.count()).select_from(Record)),
            county.db.read_head(session),
        )
    # The acknowledgement was "lost": the device sends the same batch again.
    second = client._post_signed("/v1/push", batch, p.PushResponse)
    assert second.applied == 0
    assert second.skipped == 2
    assert second.acked_seq == first.acked_seq
    with county.db.read() as session:
        after = (
            session.scalar(select(func.count()).select_from(ChangeLog)),
            session.scalar(select(func.count()).select_from(Record)),
            county.db.read_head(session),
        )
    assert after == before
    # A full sync afterwards learns from hello that the server has everything, and compacts.
    report = client.sync_once()
    assert report.pushed == 0
    assert pending(db) == 0


def test_gap_is_refused_and_nothing_applied(county: County) -> None:
    db, client = county.device()
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    add_person(db, household)
    with db.read_connection() as conn:
        entries = journal.pending_entries(conn)
    second_only = p.PushRequest(entries=[local.to_push_entry(entries[1], {})])
    with pytest.raises(SyncError, match="不连续"):
        client._post_signed("/v1/push", second_only, p.PushResponse)
    with county.db.read() as session:
        assert session.scalar(select(func.count()).select_from(AppliedChange)) == 0
        assert session.get(Record, ("person", entries[1].entity_id)) is None
    assert client.sync_once().complete


def test_change_id_is_unique_in_the_server_database(county: County) -> None:
    """Kobo kpi#5047: even two racing transactions cannot store one operation twice."""
    db, client = county.device()
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    client.sync_once()
    with county.db.read() as session:
        applied = session.scalars(select(AppliedChange)).one()
    with pytest.raises(IntegrityError), county.db.write() as session:
        session.add(
            AppliedChange(
                change_id=applied.change_id,
                device_id=applied.device_id,
                device_seq=applied.device_seq + 1,
                status="applied",
                received_at=applied.received_at,
            )
        )


def test_sent_entry_is_frozen_and_a_later_edit_is_a_new_entry(county: County) -> None:
    """ODK collect#5317: what was sent cannot change under the server; an edit after sending is a new entry."""
    db, client = county.device()
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    person = add_person(db, household, "张坤")
    with db.read_connection() as conn:
        sent = journal.pending_entries(conn)
    with db.read_connection() as conn:
        batch = p.PushRequest(
            entries=[
                local.to_push_entry(e, b) for e, b in zip(sent, local.base_versions(conn, sent), strict=True)
            ]
        )
    client._post_signed("/v1/push", batch, p.PushResponse)  # sent, acknowledgement not yet processed
    with pytest.raises(DatabaseError, match="已记录的变更不能修改"), db.write_connection() as conn:
        conn.execute(text("UPDATE change_journal SET changes = '{}' WHERE seq = :seq"), {"seq": sent[-1].seq})
    update(db, "person", person, name="张坤坤")
    with db.read_connection() as conn:
        now_pending = journal.pending_entries(conn)
    assert [e.change_id for e in now_pending[: len(sent)]] == [e.change_id for e in sent]
    assert now_pending[-1].op == "U"
    assert now_pending[-1].changes == {"name": ["张坤", "张坤坤"]}
    report = client.sync_once()
    # hello told the device the server already holds the sent entries: only the new one travels.
    assert report.pushed == 1
    assert report.skipped == 0
    state = admin.record_state(county.db)
    assert state[("person", person)]["name"] == "张坤坤"  # type: ignore[index]
