"""A township office: many laptops push at once. A push merges outside the change-log lock and holds it only to
check what it read and write (``service._push_merged_first``); these tests prove that the log stays gap-free
and in order, that nothing is lost or applied twice, and that a merge whose reads went stale meanwhile is
merged again rather than written blind."""

from __future__ import annotations

import datetime
import random
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import func, select
from sync_helpers import VILLAGE_A, VILLAGE_B, device_context, setup_county

from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.server import merge, service
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import AppliedChange, ChangeLog, Conflict, DuplicateReview, OrgUnit, Record
from yulu_desktop.sync import protocol as p


class Laptop:
    """A device sending hand-made journal entries, numbered as its journal would."""

    def __init__(self, db: ServerDatabase, username: str) -> None:
        self.db = db
        self.ctx = device_context(db, username)
        self.seq = 0

    def entry(
        self,
        entity: str,
        op: str,
        values: dict[str, Any],
        entity_id: str | None = None,
        base: dict[str, int] | None = None,
    ) -> p.PushEntry:
        self.seq += 1
        entity_id = entity_id or str(uuid.uuid4())
        changes: dict[str, list[Any]] = {k: [None, v] for k, v in values.items()}
        if op == "I":
            changes["id"] = [None, entity_id]
        return p.PushEntry(
            seq=self.seq,
            change_id=uuid.uuid4().hex,
            entity=entity,
            entity_id=entity_id,
            op=op,  # type: ignore[arg-type]
            changes=changes,
            hlc=int(time.time() * 1000) << 16,
            base=base or {},
        )

    def push(self, *entries: p.PushEntry) -> p.PushResponse:
        return service.push(self.db, self.ctx, p.PushRequest(entries=list(entries)))


@pytest.fixture
def server(server_url: str) -> Iterator[ServerDatabase]:
    db = ServerDatabase(server_url)
    db.migrate()
    setup_county(db)
    yield db
    db.dispose()


def _unit(db: ServerDatabase, code: str) -> str:
    with db.read() as session:
        return session.scalars(select(OrgUnit.id).where(OrgUnit.code == code)).one()


def _household(village: str) -> dict[str, Any]:
    return {"household_no": uuid.uuid4().hex[:16], "village_id": village, "household_type": "tuopin"}


def _person(household_id: str, id_number: str) -> dict[str, Any]:
    return {"household_id": household_id, "name": "张坤", "relationship": "01", "id_number": id_number}


def _id_number(sequence: int) -> str:
    return make_id_number("500229", datetime.date(2007, 5, 1), sequence)


def _versions(db: ServerDatabase, entity: str, entity_id: str) -> dict[str, int]:
    with db.read() as session:
        record = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).one()
    import json

    return {f: int(v[0]) for f, v in json.loads(record.versions).items()}


def _data(db: ServerDatabase, entity: str, entity_id: str) -> dict[str, Any]:
    with db.read() as session:
        record = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).one()
    return db.cipher.loads_fields(entity, record.data)


# --- the merge runs outside the lock --------------------------------------------------------------------


@pytest.mark.postgres
def test_a_push_merges_while_another_writer_holds_the_change_log_lock(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole merge of a batch (reading, validating, deciding) happens while another transaction holds the
    lock; the push then waits only to write. Under the old design the merge itself waited for the lock."""
    db = ServerDatabase(pg_url)
    db.migrate()
    setup_county(db)
    village = _unit(db, VILLAGE_A)
    laptop = Laptop(db, "hongyan")
    entries = [laptop.entry("household", "I", _household(village)) for _ in range(20)]
    merged = threading.Event()
    real_apply = merge.apply_entry

    def apply(batch: merge.Batch, entry: p.PushEntry) -> merge.Outcome:
        outcome = real_apply(batch, entry)
        if entry is entries[-1]:
            merged.set()
        return outcome

    monkeypatch.setattr(merge, "apply_entry", apply)
    answers: list[p.PushResponse] = []
    pusher = threading.Thread(target=lambda: answers.append(laptop.push(*entries)))
    other = Laptop(db, "hongyan2")
    with db.lock_later_write() as lock:
        # Another laptop's push holds the lock, written but not committed yet.
        other_push = p.PushRequest(entries=[other.entry("household", "I", _household(village))])
        service._push_locked(lock.session, lock.acquire(), other.ctx, other_push, db.cipher)
        pusher.start()
        assert merged.wait(20), "the batch was merged while the lock was held elsewhere"
        time.sleep(0.2)
        assert answers == [], "but not written before the lock was released"
    pusher.join(20)
    assert answers and answers[0].acked_seq == 20 and answers[0].applied == 20
    with db.read() as session:
        seqs = sorted(session.scalars(select(ChangeLog.seq)))
    assert seqs == list(range(1, len(seqs) + 1)), "gap-free, the lock holder's number included"
    assert len(seqs) == 4 + 1 + 20
    db.dispose()


# --- stale reads are merged again -----------------------------------------------------------------------


def test_an_edit_merged_before_a_concurrent_edit_committed_becomes_a_conflict(server: ServerDatabase) -> None:
    """B merges its edit against the household as it was; A edits the same field and commits first. B's reads
    are stale, so it is merged again under the lock: a conflict kept, not a blind fast-forward over A."""
    village = _unit(server, VILLAGE_A)
    a, b = Laptop(server, "hongyan"), Laptop(server, "hongyan2")
    household = a.entry("household", "I", _household(village))
    assert a.push(household).applied == 1
    base = _versions(server, "household", household.entity_id)
    edit_a = a.entry("household", "U", {"household_no": "A-0001"}, household.entity_id, base)
    edit_b = b.entry("household", "U", {"household_no": "B-0001"}, household.entity_id, base)

    answers: list[p.PushResponse] = []
    if server.engine.dialect.name == "postgresql":
        # B merges while A holds the lock, then A writes and commits before B may write.
        merged = threading.Event()
        real_apply = merge.apply_entry

        def apply(batch: merge.Batch, entry: p.PushEntry) -> merge.Outcome:
            outcome = real_apply(batch, entry)
            merged.set()
            return outcome

        errors: list[BaseException] = []

        def push_b() -> None:
            try:
                answers.append(b.push(edit_b))
            except BaseException as exc:
                errors.append(exc)

        merge_apply = merge.apply_entry
        merge.apply_entry = apply
        try:
            pusher = threading.Thread(target=push_b)
            with server.lock_later_write() as lock:
                allocator = lock.acquire()
                pusher.start()
                assert merged.wait(20)
                merge.apply_entry = merge_apply
                service._push_locked(
                    lock.session, allocator, a.ctx, p.PushRequest(entries=[edit_a]), server.cipher
                )
            pusher.join(20)
        finally:
            merge.apply_entry = merge_apply
        assert errors == []
    else:
        # SQLite's BEGIN IMMEDIATE serialises the whole push: A then B, the same outcome.
        a.push(edit_a)
        answers.append(b.push(edit_b))
    (answer,) = answers
    assert answer.conflicts == 1, "the concurrent edit is a conflict, not a fast-forward"
    with server.read() as session:
        kept = session.scalars(select(Conflict).where(Conflict.entity_id == household.entity_id)).all()
    assert len(kept) == 1 and {kept[0].winner_device, kept[0].loser_device} == {
        a.ctx.device_id,
        b.ctx.device_id,
    }


@pytest.mark.postgres
def test_the_same_id_number_pushed_at_once_from_two_villages_is_held_for_review(pg_url: str) -> None:
    """B merges its new person while A (another village) commits a person with the same ID number: B's read
    of who holds the number went stale, so B is merged again and held in the duplicate review."""
    db = ServerDatabase(pg_url)
    db.migrate()
    setup_county(db)
    a, b = Laptop(db, "hongyan"), Laptop(db, "shiping")
    db.before_commit = None
    house_a = a.entry("household", "I", _household(_unit(db, VILLAGE_A)))
    house_b = b.entry("household", "I", _household(_unit(db, VILLAGE_B)))
    a.push(house_a)
    b.push(house_b)
    number = _id_number(11)
    person_a = a.entry("person", "I", _person(house_a.entity_id, number))
    person_b = b.entry("person", "I", _person(house_b.entity_id, number))
    answers: list[p.PushResponse] = []
    with db.lock_later_write() as lock:
        allocator = lock.acquire()
        service._push_locked(lock.session, allocator, a.ctx, p.PushRequest(entries=[person_a]), db.cipher)
        pusher = _run_beside(lambda: answers.append(b.push(person_b)), seconds=0.5)
    pusher.join(20)
    (answer,) = answers
    assert answer.quarantined == 1 and answer.results[0].status == "quarantined"
    with db.read() as session:
        live = session.scalar(
            select(func.count())
            .select_from(Record)
            .where(Record.entity == "person", Record.deleted.is_(False))
        )
        reviews = session.scalars(select(DuplicateReview.incoming_id)).all()
    assert live == 1, "one person holds the number"
    assert reviews == [person_b.entity_id]
    db.dispose()


def _run_beside(work: Callable[[], None], *, seconds: float) -> threading.Thread:
    """Start ``work`` in a thread and give it ``seconds`` to get as far as it can (its merge) meanwhile."""
    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(seconds)
    return thread


# --- many laptops at once ---------------------------------------------------------------------------------


@pytest.mark.postgres
def test_many_laptops_pushing_at_once_land_every_entry_once_gap_free(pg_url: str) -> None:
    """Eight laptops in two villages push batches at once (some editing the same households, one ID number
    sent from both villages), commits delayed at random, while a county reader pulls small pages: every entry
    lands exactly once, the log is gap-free and in order, and the reader sees every change once, in order."""
    db = ServerDatabase(pg_url)
    db.migrate()
    setup_county(db)
    villages = {VILLAGE_A: _unit(db, VILLAGE_A), VILLAGE_B: _unit(db, VILLAGE_B)}
    laptops = [
        Laptop(db, "hongyan" if i % 4 == 0 else "hongyan2" if i % 4 == 1 else "shiping") for i in range(6)
    ]
    # Households both villages' laptops will edit, made first.
    shared: dict[str, list[str]] = {}
    made_ids: set[str] = set()
    for laptop in laptops[:3]:
        village = villages[VILLAGE_B] if laptop.ctx.path.endswith(villages[VILLAGE_B] + "/") else None
        village = village or villages[VILLAGE_A]
        made = [laptop.entry("household", "I", _household(village)) for _ in range(3)]
        laptop.push(*made)
        made_ids.update(e.change_id for e in made)
        shared.setdefault(village, []).extend(e.entity_id for e in made)
    reader = device_context(db, "county")
    head_before = _head(db)
    db.before_commit = lambda: time.sleep(random.uniform(0, 0.02))
    duplicate = _id_number(29)
    sent: list[p.PushEntry] = []
    sent_lock = threading.Lock()
    errors: list[BaseException] = []
    done = threading.Event()

    def work(index: int, laptop: Laptop) -> None:
        rng = random.Random(index)
        village = (
            villages[VILLAGE_B]
            if laptop.ctx.path.endswith(villages[VILLAGE_B] + "/")
            else villages[VILLAGE_A]
        )
        try:
            for round_ in range(6):
                batch = [
                    laptop.entry("household", "I", _household(village)) for _ in range(rng.randint(3, 12))
                ]
                target = rng.choice(shared[village])
                batch.append(
                    laptop.entry(
                        "household", "U", {"household_no": f"{index}-{round_}-{rng.random():.6f}"}, target
                    )
                )
                if round_ == 2 and index in (0, 2):
                    batch.append(laptop.entry("person", "I", _person(batch[0].entity_id, duplicate)))
                with sent_lock:
                    sent.extend(batch)
                answer = laptop.push(*batch)
                assert answer.acked_seq == laptop.seq
                # A lost acknowledgement: the same batch again changes nothing.
                if round_ == 3:
                    again = laptop.push(*batch)
                    assert again.skipped == len(batch) and again.applied == 0
        except BaseException as exc:
            errors.append(exc)

    seen: list[int] = []

    def read() -> None:
        cursor = head_before
        try:
            while True:
                finished = done.is_set()
                page = service.pull(db, reader, p.PullRequest(after=cursor, limit=7))
                seen.extend(c.seq for c in page.changes)
                cursor = page.next_cursor
                if finished and not page.more:
                    return
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i, laptop)) for i, laptop in enumerate(laptops)]
    puller = threading.Thread(target=read)
    puller.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    done.set()
    puller.join(120)
    db.before_commit = None
    assert errors == []
    with db.read() as session:
        seqs = list(session.scalars(select(ChangeLog.seq).order_by(ChangeLog.seq)))
        applied = list(session.scalars(select(AppliedChange.change_id)))
        logged_ids = list(
            session.scalars(select(ChangeLog.change_id).where(ChangeLog.change_id.is_not(None)))
        )
        live_people = session.scalar(
            select(func.count())
            .select_from(Record)
            .where(Record.entity == "person", Record.deleted.is_(False))
        )
        reviews = session.scalar(select(func.count()).select_from(DuplicateReview))
        head = db.read_head(session)
    assert seqs == list(range(1, head + 1)), "the change log is gap-free up to the head"
    assert set(applied) == {e.change_id for e in sent} | made_ids, "every entry landed, none lost"
    inserts = [e.change_id for e in sent if e.op == "I" and e.entity == "household"]
    assert sorted(c for c in logged_ids if c in set(inserts)) == sorted(inserts), "each insert logged once"
    assert live_people == 1 and reviews == 1, "the ID number sent from both villages is held once for review"
    assert seen == [s for s in seqs if s > head_before], "the reader saw every change once, in order"
    db.dispose()


def _head(db: ServerDatabase) -> int:
    with db.read() as session:
        return db.read_head(session)
