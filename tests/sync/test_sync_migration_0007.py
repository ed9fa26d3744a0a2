"""Laptop migration 0007 (人口变动 history, ``membership_change``): a 0006 laptop holding unsent changes upgrades,
keeps them, sends them, and then journals and syncs the new table."""

from __future__ import annotations

from datetime import date

from sqlalchemy import inspect
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending

from yulu_desktop.server import admin
from yulu_desktop.services import households
from yulu_desktop.store import migrate
from yulu_desktop.sync.client import SyncClient


def test_a_0006_laptop_with_unsent_changes_upgrades_and_syncs_the_history(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    person = add_person(db, household, "张坤")
    migrate.downgrade(db, "0006")
    assert "membership_change" not in inspect(db.engine).get_table_names()
    assert pending(db) == 2
    migrate.upgrade(db)
    assert pending(db) == 2
    households.leave(
        db, person, "move_out", happened_on=date(2026, 1, 5), to_place="重庆市渝北区", actor="张书记"
    )
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0
    state = admin.record_state(county.db)
    assert state[("person", person)]["status"] == "moved_out"  # type: ignore[index]
    [history] = [v for (entity, _id), v in state.items() if entity == "membership_change"]
    assert (history["kind"], history["to_place"], history["person_id"]) == (
        "move_out",
        "重庆市渝北区",
        person,
    )  # type: ignore[index]
