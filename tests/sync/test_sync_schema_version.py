"""A laptop whose data schema is newer than the county server's keeps its changes until the server is upgraded
(``sync.client.refuse_older_server``): such a server would hold every change naming a field it does not know."""

from __future__ import annotations

from typing import Any

import pytest
from sync_helpers import VILLAGE_A, County, add_household, pending

from yulu_desktop.server import admin, service
from yulu_desktop.sync import protocol as p


def test_a_laptop_keeps_its_changes_for_a_server_of_an_older_schema_and_still_pulls(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    village = county.unit_id(VILLAGE_A)
    db, client = county.device("hongyan")
    other_db, other = county.device("hongyan")
    client.sync_once()
    other.sync_once()
    mine = add_household(db, village)
    theirs = add_household(other_db, village)
    assert other.sync_once().complete

    upgraded_hello = service.hello

    def older_server_hello(*args: Any) -> p.HelloResponse:
        # A server of the last release answers with the older of the two versions: its own.
        return upgraded_hello(*args).model_copy(update={"schema_version": p.SCHEMA_VERSION - 1})

    monkeypatch.setattr(service, "hello", older_server_hello)
    report = client.sync_once()
    assert "县服务器的版本比本机旧" in report.push_error and not report.complete
    assert any("请县里先升级县服务器" in problem for problem in report.problems)
    assert pending(db) == 1, "the change stays on the laptop"
    assert ("household", mine) not in admin.record_state(county.db)
    assert admin.list_quarantine(county.db) == [], "nothing for the county to release by hand"
    with db.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM household WHERE id = ?", (theirs,)).scalar() == 1

    monkeypatch.setattr(service, "hello", upgraded_hello)
    assert client.sync_once().complete and pending(db) == 0
    assert ("household", mine) in admin.record_state(county.db)
