"""Pull: jurisdictions, paging, first pull of a new laptop, tombstones, and ordering under concurrent commits."""

from __future__ import annotations

import random
import threading
import time
import uuid

import psycopg
import pytest
from sqlalchemy import select
from sync_helpers import (
    TOWNSHIP,
    VILLAGE_A,
    VILLAGE_B,
    County,
    add_household,
    add_person,
    delete,
    device_context,
    pending,
    row,
    setup_county,
    shared_digest,
)

from yulu_desktop.server import service
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import ChangeLog, OrgUnit
from yulu_desktop.sync import local
from yulu_desktop.sync import protocol as p


def test_first_pull_brings_the_whole_jurisdiction_and_only_it(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("shiping")
    client_a.sync_once()
    client_b.sync_once()
    in_a = [add_household(db_a, county.unit_id(VILLAGE_A)) for _ in range(5)]
    in_b = [add_household(db_b, county.unit_id(VILLAGE_B)) for _ in range(3)]
    people_a = [add_person(db_a, h, f"甲{i}") for i, h in enumerate(in_a)]
    client_a.sync_once()
    client_b.sync_once()

    db_t, client_t = county.device("miaoba")
    client_t.pull_page = 3  # many small pages
    report = client_t.sync_once()
    assert report.complete
    assert report.pull_pages > 3
    assert all(row(db_t, "household", h) for h in in_a + in_b)
    assert all(row(db_t, "person", person) for person in people_a)

    client_b.sync_once()
    assert not any(row(db_b, "household", h) for h in in_a), "another village's records stay out"
    assert row(db_b, "org_unit", county.unit_id(TOWNSHIP)) is not None, "units above the village are shared"
    assert row(db_b, "org_unit", county.unit_id(VILLAGE_A)) is None, "a neighbouring village is not"

    db_a2, client_a2 = county.device("hongyan")
    client_a2.sync_once()
    assert shared_digest(db_a2) == shared_digest(db_a)


def test_a_bulk_first_pull_writes_no_journal_and_leaves_the_journal_triggers_as_they_were(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large pages drop the journal's insert triggers while they apply (``store.triggers.dropped``):
    nothing pulled is journaled, and what the cadre types afterwards is."""
    monkeypatch.setattr(local, "BULK_INSERTS", 2)
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    households = [add_household(db_a, county.unit_id(VILLAGE_A)) for _ in range(4)]
    people = [add_person(db_a, h, f"乙{i}") for i, h in enumerate(households)]
    client_a.sync_once()

    db_t, client_t = county.device("miaoba")
    with db_t.read_connection() as conn:
        triggers = conn.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    assert client_t.sync_once().complete
    assert all(row(db_t, "person", person) for person in people)
    assert pending(db_t) == 0, "nothing pulled goes back up"
    with db_t.read_connection() as conn:
        assert (
            conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
            ).fetchall()
            == triggers
        )
    add_household(db_t, county.unit_id(VILLAGE_A))
    assert pending(db_t) == 1


def test_tombstones_travel_and_are_purged_only_after_every_device_passed(county: County) -> None:
    """ODK central#599: deletes travel through the cursor."""
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    person = add_person(db_a, household)
    client_a.sync_once()
    client_b.sync_once()
    assert row(db_b, "person", person) is not None
    delete(db_a, "person", person)
    client_a.sync_once()
    assert service.purge_tombstones(county.db) == 0, "device B has not seen the delete yet"
    client_b.sync_once()
    assert row(db_b, "person", person) is None, "the delete travelled"
    client_a.sync_once()
    client_b.sync_once()  # the server learns B's cursor passed the delete
    removed = service.purge_tombstones(county.db)
    assert removed >= 2  # the insert and the delete of that person
    with county.db.read() as session:
        assert session.scalars(select(ChangeLog).where(ChangeLog.entity_id == person)).all() == []
    db_c, client_c = county.device("hongyan")
    assert client_c.sync_once().complete
    assert row(db_c, "person", person) is None
    assert row(db_c, "household", household) is not None


# --- ordering under concurrent commits (PostgreSQL) ----------------------------------------------------


def _context(db: ServerDatabase, username: str) -> service.DeviceContext:
    return device_context(db, username)


def _household_entry(seq: int, village_id: str) -> p.PushEntry:
    entity_id = str(uuid.uuid4())
    return p.PushEntry(
        seq=seq,
        change_id=uuid.uuid4().hex,
        entity="household",
        entity_id=entity_id,
        op="I",
        changes={
            "id": [None, entity_id],
            "household_no": [None, entity_id[:16]],
            "village_id": [None, village_id],
            "household_type": [None, "tuopin"],
        },
        hlc=(int(time.time() * 1000) << 16),
    )


@pytest.mark.postgres
def test_pull_never_skips_rows_that_commit_late_on_postgresql(pg_url: str) -> None:
    """Writers number their changes and then sleep before COMMIT (the window in which a naive ``id > cursor``
    reader skips rows); a reader pulls in small pages meanwhile. It must see every change exactly once."""
    db = ServerDatabase(pg_url)
    db.migrate()
    setup_county(db)
    with db.read() as session:
        village = session.scalars(select(OrgUnit.id).where(OrgUnit.code == VILLAGE_A)).one()
    writers = [_context(db, "hongyan") for _ in range(4)]
    reader = _context(db, "county")
    db.before_commit = lambda: time.sleep(random.uniform(0, 0.03))
    done = threading.Event()
    errors: list[BaseException] = []

    def write(ctx: service.DeviceContext) -> None:
        try:
            for seq in range(1, 13):
                service.push(db, ctx, p.PushRequest(entries=[_household_entry(seq, village)]))
        except BaseException as exc:
            errors.append(exc)

    seen: list[int] = []

    def read() -> None:
        cursor = 0
        try:
            while True:
                finished = done.is_set()
                page = service.pull(db, reader, p.PullRequest(after=cursor, limit=5))
                seen.extend(c.seq for c in page.changes)
                cursor = page.next_cursor
                if finished and not page.more:
                    return
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(ctx,)) for ctx in writers]
    puller = threading.Thread(target=read)
    puller.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    puller.join()
    db.before_commit = None
    assert errors == []
    with db.read() as session:
        everything = sorted(session.scalars(select(ChangeLog.seq)))
    assert len(everything) == 4 + 4 * 12  # the four org units, then every household
    assert sorted(seen) == everything, "every change seen, none skipped"
    assert len(seen) == len(set(seen)), "none seen twice"
    assert seen == sorted(seen), "seen in order"
    db.dispose()


@pytest.mark.postgres
def test_naive_sequence_cursor_does_skip_late_commits(pg_url: str) -> None:
    """The control experiment, deterministic: with a plain sequence and ``id > cursor`` a row that commits after a
    higher id is skipped for good. The ordered log above exists because of this."""
    url = pg_url.replace("postgresql+psycopg", "postgresql")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE naive_log (id bigserial PRIMARY KEY)")
    with (
        psycopg.connect(url) as slow,
        psycopg.connect(url) as fast,
        psycopg.connect(url, autocommit=True) as reader,
    ):
        slow.execute("INSERT INTO naive_log DEFAULT VALUES")  # takes id 1, not committed yet
        fast.execute("INSERT INTO naive_log DEFAULT VALUES")  # takes id 2
        fast.commit()
        seen = [r[0] for r in reader.execute("SELECT id FROM naive_log WHERE id > 0 ORDER BY id").fetchall()]
        cursor = seen[-1]
        slow.commit()
        seen += [r[0] for r in reader.execute("SELECT id FROM naive_log WHERE id > %s", (cursor,)).fetchall()]
    assert seen == [2], "id 1 committed late and the naive cursor skipped it"


@pytest.mark.postgres
def test_ordered_write_makes_a_late_committer_block_later_numbers(pg_url: str) -> None:
    """The same interleaving against the server's ordered write: the second writer cannot number its change
    until the first committed, so a reader never sees 2 without 1."""
    db = ServerDatabase(pg_url)
    db.migrate()
    setup_county(db)
    with db.read() as session:
        head = db.read_head(session)
    first_numbered = threading.Event()
    release_first = threading.Event()
    order: list[str] = []

    def slow_writer() -> None:
        with db.ordered_write() as (_session, allocator):
            allocator.next()
            first_numbered.set()
            release_first.wait(5)
            order.append("first committed")

    def fast_writer() -> None:
        first_numbered.wait(5)
        with db.ordered_write() as (_session, allocator):
            order.append(f"second numbered {allocator.next()}")

    slow = threading.Thread(target=slow_writer)
    fast = threading.Thread(target=fast_writer)
    slow.start()
    fast.start()
    time.sleep(0.3)
    assert order == [], "the second writer waits for the lock"
    with db.read() as session:
        assert db.read_head(session) == head, "nothing visible yet"
    release_first.set()
    slow.join()
    fast.join()
    assert order == ["first committed", f"second numbered {head + 2}"]
    db.dispose()
