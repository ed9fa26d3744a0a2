"""No echo: the pull that follows a push does not download the pushed changes again (issue 20), while the
laptop still receives other devices' changes and the conflict outcomes of records it pushed."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import pytest
from sqlalchemy import text
from sync_helpers import (
    VILLAGE_A,
    County,
    add_household,
    add_person,
    device_context,
    row,
    update,
)

from yulu_desktop.server import service
from yulu_desktop.store.database import Database
from yulu_desktop.sync import local
from yulu_desktop.sync import protocol as p


@pytest.fixture
def pulled(monkeypatch: pytest.MonkeyPatch) -> list[p.Change]:
    """Every change the laptops of a test applied from a pull."""
    seen: list[p.Change] = []
    apply_page = local.apply_page

    def recording(db: Database, changes: Sequence[p.Change], next_cursor: int) -> local.ApplyStats:
        seen.extend(changes)
        return apply_page(db, changes, next_cursor)

    monkeypatch.setattr(local, "apply_page", recording)
    return seen


def _device_id(db: Database) -> str:
    with db.read_connection() as conn:
        return str(conn.execute(text("SELECT device_id FROM device_state WHERE id = 1")).scalar_one())


def test_a_push_is_not_downloaded_again_but_other_devices_changes_are(
    county: County, pulled: list[p.Change]
) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    client_b.sync_once()
    village = county.unit_id(VILLAGE_A)
    from_b = add_household(db_b, village)
    client_b.sync_once()
    mine = [add_household(db_a, village) for _ in range(4)]
    people = [add_person(db_a, h, f"甲{i}") for i, h in enumerate(mine)]
    pulled.clear()

    report = client_a.sync_once()

    assert report.complete and report.push_batches >= 1
    assert not [c for c in pulled if c.device_id == _device_id(db_a)], "its own push came back"
    assert {c.entity_id for c in pulled} >= {from_b}, "another device's change still arrives"
    assert row(db_a, "household", from_b) is not None
    # The cursor passed the rows left out: the next sync has nothing to pull.
    assert report.cursor == report.head_seq
    pulled.clear()
    again = client_a.sync_once()
    assert pulled == [] and again.cursor == report.cursor
    # The other laptop gets everything.
    client_b.sync_once()
    assert all(row(db_b, "person", person) is not None for person in people)


def test_a_conflict_on_a_pushed_record_still_reaches_the_pusher(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    client_a.sync_once()
    client_b.sync_once()
    update(db_b, "household", household, address="红岩村1组")
    update(db_a, "household", household, address="红岩村2组")
    client_b.sync_once()
    client_a.sync_once()  # concurrent with B's edit: one wins, both laptops learn which
    client_b.sync_once()
    a_row, b_row = row(db_a, "household", household), row(db_b, "household", household)
    assert a_row is not None and b_row is not None
    assert a_row["address"] == b_row["address"]
    with db_a.read_connection() as conn:
        conflicts = conn.execute(text("SELECT count(*) FROM sync_conflict")).scalar_one()
    assert conflicts >= 1


def _pull_rows(
    county: County, ctx: service.DeviceContext, after: int, own_held_above: int | None
) -> list[dict[str, Any]]:
    request = p.PullRequest(
        after=after, limit=p.MAX_PULL_LIMIT, own_held_above=own_held_above, pull_started_after=after
    )
    return [dataclasses.asdict(c) for c in service.pull(county.db, ctx, request).changes]


def test_only_a_device_that_asks_is_spared_its_echo(county: County) -> None:
    """An older laptop (no ``own_held_above``), a USB bundle and a restored laptop (which asks from the
    sequence the server held: what it sent after its backup comes back) still get every row."""
    ctx = device_context(county.db, "hongyan")
    head = service.pull(county.db, ctx, p.PullRequest(after=0, limit=1)).head_seq
    entries = [
        p.PushEntry(
            seq=seq,
            change_id=f"{seq:032x}",
            entity="household",
            entity_id=f"00000000-0000-4000-8000-{seq:012x}",
            op="I",
            changes={
                "household_no": [None, f"E{seq}"],
                "household_type": [None, "tuopin"],
                "village_id": [None, county.unit_id(VILLAGE_A)],
            },
            base={},
            hlc=service.now_ms() * 65536,
            author="李明",
        )
        for seq in (1, 2, 3)
    ]
    # A later edit of the first record: sent whenever that record's insert is sent, or the insert would be
    # the device's last word on it (a laptop restored from a backup made before the insert was sent).
    entries.append(
        p.PushEntry(
            seq=4,
            change_id=f"{4:032x}",
            entity="household",
            entity_id=entries[0].entity_id,
            op="U",
            changes={"address": [None, "红岩村4组"]},
            base={},
            hlc=service.now_ms() * 65536 + 10,
            author="李明",
        )
    )
    response = service.push(county.db, ctx, p.PushRequest(entries=entries))
    assert response.acked_seq == 4 and response.applied == 4

    def own(rows: list[dict[str, Any]]) -> list[str]:
        return [r["entity_id"] for r in rows if r["device_id"] == ctx.device_id]

    everything = [e.entity_id for e in entries]
    first = everything[0]
    assert own(_pull_rows(county, ctx, head, None)) == everything
    assert own(_pull_rows(county, ctx, head, 0)) == []
    assert own(_pull_rows(county, ctx, head, 1)) == [first, first]
    assert own(_pull_rows(county, ctx, head, 3)) == [*everything[:3], first]
    assert own(_pull_rows(county, ctx, head, 4)) == everything
    # Without the starting cursor a server cannot tell what came before: it leaves nothing out.
    ctx_request = p.PullRequest(after=head, limit=p.MAX_PULL_LIMIT, own_held_above=0)
    assert (
        own([dataclasses.asdict(c) for c in service.pull(county.db, ctx, ctx_request).changes]) == everything
    )
