"""Laptop migration 0009 (indexes for the list pages' orders): a 0008 laptop holding unsent changes upgrades,
has the indexes, lists its people page by page, keeps its changes and sends them."""

from __future__ import annotations

from sqlalchemy import text
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending

from yulu_desktop.server import admin
from yulu_desktop.services import lists
from yulu_desktop.store import migrate
from yulu_desktop.sync.client import SyncClient

INDEXES = {
    "ix_person_pinyin",
    "ix_person_household_order",
    "ix_visit_worklist",
    "ix_employment_record_current",
    "ix_employment_record_person_current",
}


def _indexes(db: object) -> set[str]:
    with db.read_connection() as conn:  # type: ignore[attr-defined]
        return set(conn.execute(text("SELECT name FROM sqlite_master WHERE type = 'index'")).scalars())


def test_a_0008_laptop_with_unsent_changes_upgrades_its_list_indexes_and_syncs(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    people = [
        add_person(db, household, name, search_key=key, relationship=relationship)
        for name, key, relationship in (
            ("张坤", "张坤 zhangkun zk zhk", "01"),
            ("安然", "安然 anran ar", "20"),
            ("张坤", "张坤 zhangkun zk zhk", "20"),
        )
    ]
    migrate.downgrade(db, "0008")
    assert not INDEXES & _indexes(db)
    assert pending(db) == 4
    migrate.upgrade(db)
    assert _indexes(db) >= INDEXES
    assert pending(db) == 4  # indexes journal nothing
    first = lists.fetch(db, "people", limit=2)
    rest = lists.fetch(db, "people", after=first[-1].key, limit=10)
    assert [r.id for r in first + rest] == [people[0], *sorted(people[1:])]  # head first, then by id
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0
    state = admin.record_state(county.db)
    assert {state[("person", p)]["name"] for p in people} == {"张坤", "安然"}  # type: ignore[index]
