"""After a sync, counts and digests per entity are compared with the server's; a mismatch is repaired from the
server without discarding unsent local work. The same ID number arriving as two people goes to the county's
duplicate review queue."""

from __future__ import annotations

import json

from sqlalchemy import text
from sync_helpers import VILLAGE_A, VILLAGE_B, County, add_household, add_person, pending, row, shared_digest

from yulu_desktop.domain import masking
from yulu_desktop.server import admin
from yulu_desktop.server.cli import main as server_main
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts


def _silently(db: Database, sql: str, **params: object) -> None:
    """Change data without the journal (as a lost page or a restored backup would leave it)."""
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        conn.execute(text(sql), params)
        conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))


def test_digest_mismatch_repairs_the_scope_and_keeps_unsent_work(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    village = county.unit_id(VILLAGE_A)
    households = [add_household(db_a, village) for _ in range(3)]
    people = [add_person(db_a, h, "张坤") for h in households]
    report = client_a.sync_once()
    assert report.complete and report.repaired == []
    db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    # B loses a household (and, by cascade, its person) and another person, with no journal entry.
    _silently(db_b, "DELETE FROM household WHERE id = :id", id=households[0])
    _silently(db_b, "DELETE FROM person WHERE id = :id", id=people[1])
    # Unsent local work on B: a new person of household 2 (journaled, pending).
    mine = add_person(db_b, households[2], "李娜")
    report = client_b.sync_once()
    assert report.complete
    assert "household" in report.repaired and "person" in report.repaired
    assert row(db_b, "household", households[0]) is not None
    assert row(db_b, "person", people[0]) is not None and row(db_b, "person", people[1]) is not None
    assert row(db_b, "person", mine) is not None and pending(db_b) == 0
    client_a.sync_once()
    assert shared_digest(db_a) == shared_digest(db_b)


def test_a_record_the_county_does_not_have_is_removed_with_a_note(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    village = county.unit_id(VILLAGE_A)
    add_household(db, village)
    client.sync_once()
    _silently(
        db,
        "INSERT INTO household (id, household_no, village_id, household_type) "
        "VALUES ('stray-household-id', 'STRAY-1', :v, 'tuopin')",
        v=village,
    )
    report = client.sync_once()
    assert report.repaired == ["household"] and report.removed_rows == 1
    assert row(db, "household", "stray-household-id") is None
    notes = [c for c in conflicts.list_conflicts(db) if c.kind == "repaired"]
    assert len(notes) == 1 and notes[0].loser_value["household_no"] == "STRAY-1"
    assert client.sync_once().repaired == []  # settled


def test_same_id_number_from_two_villages_goes_to_duplicate_review(county: County, capsys) -> None:  # type: ignore[no-untyped-def]
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("shiping")
    client_a.sync_once()
    client_b.sync_once()
    number = "500229200703150012"
    first = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "张坤", id_number=number)
    second = add_person(db_b, add_household(db_b, county.unit_id(VILLAGE_B)), "张坤", id_number=number)
    client_a.sync_once()
    report = client_b.sync_once()
    assert report.quarantined == 1 and pending(db_b) == 0
    state = admin.record_state(county.db)
    assert ("person", first) in state and ("person", second) not in state  # never kept twice
    queue = admin.list_duplicates(county.db)
    # The ID number is shown masked (stored as a keyed hash); the entry holds it in full for the admin.
    assert [(d["value"], d["existing_id"], d["incoming_id"]) for d in queue] == [
        (masking.mask_id_number(number), first, second)
    ]
    assert queue[0]["incoming"]["changes"]["id_number"][1] == number
    assert [c.kind for c in conflicts.list_conflicts(db_b)] == ["quarantined"]  # the village is told
    assert server_main(["--database-url", county.db.url, "admin", "duplicates"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["incoming_id"] == second
    assert (
        server_main(
            [
                "--database-url",
                county.db.url,
                "admin",
                "duplicates",
                "--resolve",
                queue[0]["id"],
                "--as",
                "same_person",
            ]
        )
        == 0
    )
    assert admin.list_duplicates(county.db) == []


def test_an_overlong_id_number_is_held_not_a_server_error(county: County) -> None:
    """A value longer than the laptop's column (no real ID number) is held with a reason naming the field: no
    5xx on PostgreSQL, the laptop's queue moves on, and the server stores nothing a laptop could not store."""
    db, client = county.device("hongyan")
    client.sync_once()
    person = add_person(db, add_household(db, county.unit_id(VILLAGE_A)), "张坤", id_number="9" * 60)
    report = client.sync_once()
    assert report.quarantined == 1 and report.push_error == ""
    assert ("person", person) not in admin.record_state(county.db)
    (held,) = admin.list_quarantine(county.db)
    assert "身份证号" in held["reason"]
