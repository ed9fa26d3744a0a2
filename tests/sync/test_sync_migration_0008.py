"""Laptop migration 0008 (search keys with zh/ch/sh initials, the search index in its new layout): a 0007
laptop holding unsent changes upgrades, finds 张坤 by ``zhk``, keeps its changes and sends them."""

from __future__ import annotations

from sqlalchemy import text
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending

from yulu_desktop.server import admin
from yulu_desktop.services import search
from yulu_desktop.store import migrate
from yulu_desktop.sync.client import SyncClient


def test_a_0007_laptop_with_unsent_changes_upgrades_its_search_and_syncs(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    person = add_person(db, household, "张坤", search_key="张坤 zhangkun zk")
    migrate.downgrade(db, "0007")
    with db.write_connection() as conn:
        # What 0007 left behind: keys without zh/ch/sh initials, an index of the first layout.
        conn.execute(text("UPDATE person SET search_key = '张坤 zhangkun zk'"))
        conn.execute(text("DROP TABLE person_search_version"))
        conn.execute(text("UPDATE person_search SET terms = ' 张坤 zhangkun zk '"))
    assert [h.name for h in search.search(db, "zhk")] == []
    assert pending(db) == 2
    migrate.upgrade(db)
    assert pending(db) == 2  # recomputing the local-only keys journals nothing
    with db.read_connection() as conn:
        key = conn.execute(text("SELECT search_key FROM person WHERE id = :id"), {"id": person}).scalar_one()
    assert key.split() == ["张坤", "zhangkun", "zk", "zhk"]
    assert [h.name for h in search.search(db, "zhk")] == ["张坤"]
    assert [h.name for h in search.search(db, "坤")] == ["张坤"]
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0
    state = admin.record_state(county.db)
    assert state[("person", person)]["name"] == "张坤"  # type: ignore[index]
    assert "search_key" not in state[("person", person)]  # type: ignore[operator]
