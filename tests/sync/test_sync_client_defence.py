"""The laptop as the last line of defence: nothing the county server sends can stop its syncs for good.

* A pulled change the laptop cannot store (a JSON object for a text column, a parent it does not have) is set
  aside with one note naming the record and the reason; the rest of the page applies and the cursor moves on.
* The after-sync consistency check converges: a record the laptop cannot place is named once, not refetched
  with another note at every sync, and ``yulu sync status`` counts conflicts and notes apart.
* A revoked device is told the truth; a laptop can move to a new server address without enrolling again.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sync_helpers import (
    PASSPHRASE,
    VILLAGE_A,
    County,
    LiveServer,
    add_household,
    add_person,
    pending,
    row,
    setup_county,
    update,
)

from yulu_desktop.cli import sync_commands
from yulu_desktop.domain.entities import Enrollment, SubsidyApplication, Visit
from yulu_desktop.server import admin
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts, local, pull_guard, server_address
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import DeviceRevoked, SyncClient, SyncError

Rewrite = Callable[[dict[str, Any]], None]


class RewritingTransport(httpx.BaseTransport):
    """Passes requests to the real server and lets a test change the pulled changes on the way back (what a
    county server that stored a bad value before it checked would send)."""

    def __init__(self, rewrite: Rewrite) -> None:
        self.inner = httpx.HTTPTransport()
        self.rewrite = rewrite

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path != "/v1/pull" or response.status_code != 200:
            return response
        response.read()
        page = json.loads(response.content)
        for change in page["changes"]:
            self.rewrite(change)
        headers = {"content-type": "application/json"}
        return httpx.Response(200, headers=headers, content=json.dumps(page).encode())

    def close(self) -> None:
        self.inner.close()


def _corrupt(household_id: str) -> Rewrite:
    def rewrite(change: dict[str, Any]) -> None:
        if change["entity_id"] == household_id and change["op"] != "D":
            change["fields"]["household_no"] = {"code": "X"}  # issue 13: an object for a text column

    return rewrite


@pytest.fixture
def corrupting() -> Iterator[Callable[[Rewrite], httpx.Client]]:
    clients: list[httpx.Client] = []

    def make(rewrite: Rewrite) -> httpx.Client:
        clients.append(httpx.Client(transport=RewritingTransport(rewrite), timeout=30))
        return clients[-1]

    yield make
    for client in clients:
        client.close()


def _notes(db: Database, kind: str = "rejected_remote") -> list[conflicts.LocalConflict]:
    return [c for c in conflicts.list_conflicts(db) if c.kind == kind]


def _cursor(db: Database) -> int:
    with db.read_connection() as conn:
        return local.read_state(conn).pull_cursor


def _three_households(county: County) -> list[str]:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    village = county.unit_id(VILLAGE_A)
    households = [add_household(db_a, village, number=f"H-{n}") for n in range(3)]
    assert client_a.sync_once().complete
    return households


def _device_through(
    county: County, http: httpx.Client, cadre: str = "hongyan2"
) -> tuple[Database, SyncClient]:
    db, _client = county.device(cadre)
    return db, SyncClient(db, county.url, http=http)


# --- 1. a pulled change the laptop cannot store ------------------------------------------------------------


def test_an_unstorable_pulled_value_is_set_aside_once_and_the_sync_goes_on(
    county: County, corrupting: Callable[[Rewrite], httpx.Client]
) -> None:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    village = county.unit_id(VILLAGE_A)
    good_1, bad, good_2 = (add_household(db_a, village, number=f"H-{n}") for n in range(3))
    assert client_a.sync_once().complete
    db_b, client_b = _device_through(county, corrupting(_corrupt(bad)))

    report = client_b.sync_once()

    assert report.complete and report.rejected == 1
    assert row(db_b, "household", good_1) is not None and row(db_b, "household", good_2) is not None
    assert row(db_b, "household", bad) is None
    assert _cursor(db_b) == report.head_seq
    [note] = _notes(db_b)
    assert (note.entity, note.entity_id) == ("household", bad)
    assert "户编号" in note.loser_author and "对象" in note.loser_author
    assert "household_no" not in note.loser_author  # the cadre reads the Chinese label, not the field name
    # The county edits the record again; it arrives as bad as before: still one note, and no repair loop.
    update(db_a, "household", bad, address="新地址")
    client_a.sync_once()
    again = client_b.sync_once()
    assert again.complete and again.repaired == []
    assert len(_notes(db_b)) == 1
    assert client_b.sync_once().complete and len(_notes(db_b)) == 1


def test_a_driver_error_the_checker_missed_sets_one_change_aside(
    county: County, corrupting: Callable[[Rewrite], httpx.Client], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Careful mode catches the driver's binding errors too, not only IntegrityError (defence in depth: the
    shared checker is bypassed here)."""
    good_1, bad, good_2 = _three_households(county)
    monkeypatch.setattr(pull_guard, "change_problems", lambda change: [])
    db_b, client_b = _device_through(county, corrupting(_corrupt(bad)))

    report = client_b.sync_once()

    assert report.complete and report.rejected == 1
    assert row(db_b, "household", good_1) is not None and row(db_b, "household", good_2) is not None
    [note] = _notes(db_b)
    assert note.entity_id == bad and "InterfaceError" in note.loser_author
    assert client_b.sync_once().complete and len(_notes(db_b)) == 1


def test_careful_mode_keeps_the_rest_of_a_page_around_a_missing_parent(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    client.sync_once()
    cursor = _cursor(db)
    visit = {
        "household_id": household,
        "person_id": "no-such-person",
        "visit_date": "2025-03-01",
        "visitor_name": "张书记",
        "visitor_role": "village_committee",
        "mode": "home",
        "purpose": "other",
    }
    page = [
        p.Change(seq=cursor + 1, entity="visit", entity_id="v-orphan", op="I", fields=visit, hlc=1),
        p.Change(
            seq=cursor + 2, entity="household", entity_id=household, op="U", fields={"address": "一组"}, hlc=2
        ),
    ]
    for attempt in range(2):
        stats = local.apply_page(db, page, cursor + 2 + attempt)
        assert stats.rejected == 1 and stats.applied == 1
    assert _cursor(db) == cursor + 3
    assert row(db, "household", household)["address"] == "一组"  # type: ignore[index]
    assert [n.entity_id for n in _notes(db)] == ["v-orphan"]


# --- 2. a repair that converges -----------------------------------------------------------------------------


def _server_deletes_silently(county: County, entity: str, entity_id: str) -> None:
    """The server holds a record's parent as deleted while the child lives on (issue 13, item 4)."""
    with county.db.write() as session:
        session.execute(
            text("UPDATE record SET deleted = :yes WHERE entity = :e AND entity_id = :i"),
            {"yes": True, "e": entity, "i": entity_id},
        )


def test_a_record_the_laptop_cannot_place_is_named_once_and_the_check_converges(
    county: County, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    person = add_person(db_a, household, "张坤")
    with db_a.write() as session:
        visit = Visit(
            household_id=household,
            person_id=person,
            visitor_name="张书记",
            visit_date=date(2025, 3, 1),
            visitor_role="village_committee",
        )
        session.add(visit)
    assert client_a.sync_once().complete
    db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    _server_deletes_silently(county, "person", person)
    add_household(db_a, county.unit_id(VILLAGE_A))  # the head moves: the laptop checks again
    client_a.sync_once()

    reports = [client_b.sync_once() for _ in range(5)]

    assert row(db_b, "person", person) is None and row(db_b, "visit", visit.id) is None
    assert [n.entity_id for n in _notes(db_b)] == [visit.id]  # named once
    assert [n.entity_id for n in _notes(db_b, "repaired")] == [person]
    assert reports[-1].repaired == [] and reports[-2].repaired == []  # converged
    assert all(r.complete for r in reports)
    # `yulu sync status` counts what exists: no conflict between two people's edits, two notes.
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    assert _yulu(["--db", str(db_b.path), "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "待处理冲突：0 条" in status and "同步提醒：2 条" in status


def test_a_set_aside_record_the_county_deletes_stops_being_counted(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    client.sync_once()
    with db.write_connection() as conn:
        pull_guard.note_rejected(
            conn, p.Change(seq=1, entity="household", entity_id="gone", op="I", hlc=0), "原因"
        )
        assert "gone" in pull_guard.set_aside_ids(conn, "household")
    report = client.sync_once()
    assert report.repaired == ["household"]  # the county has no such record: the note is closed
    assert _notes(db) == [] and row(db, "household", household) is not None
    assert client.sync_once().repaired == []


def test_a_record_the_laptop_cannot_remove_is_named_once_and_the_sync_goes_on(county: County) -> None:
    """The county lost an enrollment that a subsidy application on this laptop still names (a restricting
    foreign key): the repair cannot remove it, says so once, and the check stops asking."""
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    person = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "张坤")
    enrollment = Enrollment(
        person_id=person,
        school_year="2025-2026",
        semester="autumn",
        school_name="城口职教中心",
        school_type="zhongzhuan",
    )
    application = SubsidyApplication(
        person_id=person,
        enrollment_id=enrollment.id,
        term="2025-autumn",
        amount_fen=150000,
        applied_on=date(2025, 9, 10),
    )
    with db_a.write() as session:
        session.add(enrollment)
    with db_a.write() as session:
        session.add(application)
    assert client_a.sync_once().complete
    db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    _server_deletes_silently(county, "enrollment", enrollment.id)
    add_household(db_a, county.unit_id(VILLAGE_A))
    client_a.sync_once()

    reports = [client_b.sync_once() for _ in range(4)]

    assert all(r.complete for r in reports) and reports[-1].repaired == []
    assert row(db_b, "enrollment", enrollment.id) is not None
    assert [n.entity_id for n in _notes(db_b, "unremovable")] == [enrollment.id]


def test_an_unremovable_record_the_county_has_again_is_counted_again(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    client.sync_once()
    with db.write_connection() as conn:
        pull_guard.note_unremovable(conn, "household", household, {})
    assert client.sync_once().repaired == ["household"]  # the note no longer holds: closed
    assert _notes(db, "unremovable") == [] and client.sync_once().repaired == []


# --- 3. small truths ----------------------------------------------------------------------------------------


def test_a_revoked_device_is_told_its_changes_stayed_on_the_laptop(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    with db.read_connection() as conn:
        admin.revoke_device(county.db, journal.device_id(conn))
    with pytest.raises(DeviceRevoked) as raised:
        client.sync_once()
    assert "已留存" not in raised.value.message
    assert "停用" in raised.value.message and "1 条未发送的修改没有发送到县里" in raised.value.message
    assert admin.list_quarantine(county.db) == [] and pending(db) == 1


# --- 4. a new server address without enrolling again --------------------------------------------------------


def _yulu(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="yulu")
    parser.add_argument("--db")
    sync_commands.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def _server_url(db: Database) -> str:
    with db.read_connection() as conn:
        return local.read_state(conn).server_url


def test_set_server_moves_to_an_address_that_knows_this_device(
    county: County, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    with LiveServer(create_app(db=county.db)) as moved:  # the same county database at a new address
        assert _yulu(["--db", str(db.path), "sync", "set-server", moved + "/"]) == 0
        assert moved in capsys.readouterr().out
        assert _server_url(db) == moved
        with SyncClient(db) as fresh:
            assert fresh.server_url == moved and fresh.sync_once().complete
    assert pending(db) == 0


def test_set_server_refuses_a_server_that_does_not_know_this_device(county: County, tmp_path: Path) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    other = ServerDatabase(f"sqlite:///{tmp_path / 'other-county.db'}")
    app = create_app(db=other)
    setup_county(other)
    try:
        with LiveServer(app) as elsewhere, pytest.raises(SyncError, match=r"没有接受本机.*服务器地址未更改"):
            server_address.change_server(db, elsewhere)
    finally:
        other.dispose()
    assert _server_url(db) == county.url


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://yulu.example.gov.cn:8443", "不能用 http://"),
        ("ftp://127.0.0.1/", "https://"),
        ("http://127.0.0.1:9/", "无法连接"),  # loopback http is allowed, but nothing listens there
    ],
)
def test_set_server_refuses_unusable_addresses(county: County, url: str, reason: str) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    with pytest.raises(SyncError, match=reason) as raised:
        server_address.change_server(db, url)
    assert "服务器地址未更改" in raised.value.message
    assert _server_url(db) == county.url
