"""Stateful property test of sync (hypothesis ``RuleBasedStateMachine``).

A county server and three laptops of one village edit the same household and people offline: the same field and
different fields, deletes racing edits, new people added while others edit. They sync in random orders and are
"killed" between and during steps:

* the connection dies after N requests, before the request reaches the server or after the server committed
  and answered (the answer is lost), and the laptop process "dies" with it;
* the laptop dies while applying a pulled page, after the statements ran and before COMMIT;
* the server dies in the middle of storing a push batch (before COMMIT).

A dead laptop is reopened from its database file with a fresh client, as after a restart. At the end every laptop
syncs until nothing moves, and then:

* every laptop and the server's ``record`` table hold the same records with the same field values (a content
  digest of every field, not only which ids exist), and the same conflict entries;
* every journal entry of every laptop is on the server exactly once (``applied_change``), with no gap, none
  missing and nothing extra; no record was inserted twice in the change log;
* every pair of concurrent edits of one field (neither laptop had seen the other's value) has a conflict entry
  (typed values are unique, so they never agree by chance), and so has every delete that raced an edit;
* no value anyone typed vanished: it is the final value, or someone saw it and overwrote it, or a conflict keeps it.

Household moves between villages are not generated: the three laptops share one village (the overlap this test is
about), so a move would only take the household out of everyone's jurisdiction.

Small by default (a handful of examples, ~20 steps each); ``YULU_SOAK=1`` runs a long soak, and
``YULU_STATEFUL_EXAMPLES`` / ``YULU_STATEFUL_STEPS`` set the numbers directly.
"""

from __future__ import annotations

import itertools
import os
import shutil
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar
from unittest import mock

import httpx
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule, run_state_machine_as_test
from sqlalchemy import func, select, text
from sync_helpers import (
    PASSPHRASE,
    TOWNSHIP,
    LiveServer,
    add_household,
    add_person,
    content_digest,
    device_records,
    row,
    server_records,
    setup_county,
)

from yulu_desktop.server import admin
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import AppliedChange, ChangeLog, Device, OrgUnit
from yulu_desktop.server.service import ApiError
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import local
from yulu_desktop.sync.client import SyncClient, SyncError

SOAK = os.environ.get("YULU_SOAK", "") not in ("", "0")
MAX_EXAMPLES = int(os.environ.get("YULU_STATEFUL_EXAMPLES", "300" if SOAK else "8"))
STEPS = int(os.environ.get("YULU_STATEFUL_STEPS", "40" if SOAK else "20"))
#: Shrinking replays a failing run hundreds of times (seconds each) and sync timing is not deterministic (HLC
#: timestamps, prefetching threads), so it is off unless asked for; the failing steps are printed either way.
PHASES = (
    tuple(Phase) if os.environ.get("YULU_STATEFUL_SHRINK") else (Phase.explicit, Phase.reuse, Phase.generate)
)

LAPTOPS = 3
PERSON_FIELDS = ("phone", "ethnicity", "disability")
HOUSEHOLD_FIELDS = ("address", "contact_phone")
ENTITIES = ("household", "person")
#: Conflict kinds that travel between replicas (the others are a laptop's own notes).
SHARED_CONFLICT_KINDS = ("field", "edit_vs_delete", "delete_vs_edit")
DELETE = "*"


class SimulatedCrash(Exception):
    """The laptop process died here (nothing after this point happened)."""


class FlakyTransport(httpx.BaseTransport):
    """A real HTTP transport that, once armed, lets ``after`` requests through and then breaks: before the request
    reaches the server, or after the server answered (the answer is lost). From then on the laptop is dead and
    every request fails, until it is reopened with a new transport."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.lock = threading.Lock()
        self.countdown: int | None = None
        self.lose_answer = False
        self.dead = False

    def arm(self, after: int, *, lose_answer: bool) -> None:
        self.countdown, self.lose_answer = after, lose_answer

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            if self.dead:
                raise httpx.ConnectError("the laptop is dead", request=request)
            fire = self.countdown == 0
            if self.countdown is not None:
                self.countdown -= 1
            if fire:
                self.dead = True
        if fire and not self.lose_answer:
            raise httpx.ConnectError("connection cut before the request arrived", request=request)
        response = self.inner.handle_request(request)
        if fire:
            response.read()
            response.close()
            raise httpx.ReadError("connection cut after the server answered", request=request)
        return response

    def close(self) -> None:
        self.inner.close()


@dataclass
class Environment:
    server_db: ServerDatabase
    url: str
    template: Path
    tmp: Path


class Laptop:
    """One device: its database file, and the open database, transport and client of its current 'process'."""

    def __init__(self, env: Environment, cadre: str) -> None:
        self.env = env
        self.path = env.tmp / f"laptop-{uuid.uuid4().hex[:10]}.db"
        shutil.copyfile(env.template, self.path)
        self._start()
        with self.db.write_connection() as conn:
            conn.execute(
                text("UPDATE device_state SET device_id = :id WHERE id = 1"), {"id": str(uuid.uuid4())}
            )
        self.client.enroll(admin.issue_code(env.server_db, username=cadre), device_name=cadre)
        with self.db.read_connection() as conn:
            self.device_id = journal.device_id(conn)
        #: change id of every journal entry this laptop wrote (read right after each local write).
        self.journaled: dict[int, str] = {}
        self.note_journal()

    def _start(self) -> None:
        self.transport = FlakyTransport()
        self.http = httpx.Client(transport=self.transport, timeout=30)
        self.db = Database.open(self.path, PASSPHRASE)
        # Small batches and pages: many commit points for a crash to fall between.
        self.client = SyncClient(self.db, self.env.url, http=self.http, push_batch=3, pull_page=4)

    def close(self) -> None:
        self.db.close()
        self.http.close()

    def restart(self) -> None:
        """The process died: reopen the database from its file, as the app does after a restart."""
        self.close()
        self._start()

    def note_journal(self) -> None:
        with self.db.read_connection() as conn:
            after = max(self.journaled, default=0)
            for seq, change_id in conn.execute(
                text("SELECT seq, change_id FROM change_journal WHERE seq > :s"), {"s": after}
            ):
                self.journaled[int(seq)] = str(change_id)

    def sync(self) -> bool:
        """One sync as the app's worker runs it; True when complete. Errors are the app's ordinary ones."""
        try:
            return self.client.sync_once().complete
        except SyncError:
            return False


@dataclass(frozen=True)
class Edit:
    """A value typed on a laptop (or a delete, ``field == DELETE``), with the edits it had seen (``history``)."""

    id: int
    laptop: int
    entity: str
    record: str
    field: str
    value: Any
    history: frozenset[int]


laptop_index = st.integers(0, LAPTOPS - 1)
record_index = st.integers(0, 63)
fields = st.sampled_from(PERSON_FIELDS + HOUSEHOLD_FIELDS)


class SyncMachine(RuleBasedStateMachine):
    env: ClassVar[Environment]
    villages: ClassVar[Iterator[int]] = itertools.count(1)

    def __init__(self) -> None:
        super().__init__()
        self.laptops: list[Laptop] = []
        self.households: list[str] = []
        self.people: list[str] = []
        self.edits: list[Edit] = []
        #: (entity, record, field, value) → the edit that typed it (values are unique).
        self.typed: dict[tuple[str, str, str, Any], Edit] = {}
        self.counter = itertools.count(1)

    # --- setup -------------------------------------------------------------------------------------------

    @initialize()
    def setup(self) -> None:
        env = self.env
        number = next(self.villages)
        code = f"50022910{number:04d}"
        admin.create_unit(
            env.server_db, code=code, name=f"测试村{number}", level="village", parent_code=TOWNSHIP
        )
        with env.server_db.read() as session:
            village = session.scalars(select(OrgUnit).where(OrgUnit.code == code)).one()
            self.village_id, self.village_path = village.id, village.path
        cadres = [f"s{number}c{i}" for i in range(LAPTOPS)]
        for cadre in cadres:
            admin.create_cadre(env.server_db, username=cadre, name=cadre, unit_code=code)
        self.laptops = [Laptop(env, cadre) for cadre in cadres]
        first = self.laptops[0]
        assert first.sync()
        for _ in range(2):
            household = add_household(first.db, self.village_id)
            self.households.append(household)
            self.people += [add_person(first.db, household, f"人{len(self.people)}") for _ in range(2)]
        first.note_journal()
        for laptop in self.laptops:
            assert laptop.sync()

    def teardown(self) -> None:
        try:
            if self.laptops:
                self.settle()
                self.check()
        finally:
            for laptop in self.laptops:
                laptop.close()

    # --- local work ----------------------------------------------------------------------------------------

    def _record(self, entity: str, index: int) -> str:
        records = self.households if entity == "household" else self.people
        return records[index % len(records)]

    def _seen(self, entity: str, record: str, field: str, value: Any) -> frozenset[int]:
        """The edit that typed ``value`` (the laptop saw it) and everything that edit had seen."""
        seen = self.typed.get((entity, record, field, value))
        return frozenset() if seen is None else seen.history | {seen.id}

    def _edit(self, laptop: int, index: int, field: str) -> None:
        entity = "household" if field in HOUSEHOLD_FIELDS else "person"
        record = self._record(entity, index)
        device = self.laptops[laptop]
        current = row(device.db, entity, record)
        if current is None:
            return  # deleted on this laptop (or not received yet): nothing to edit
        edit_id = next(self.counter)
        value = f"L{laptop}-{edit_id}"
        seen = self._seen(entity, record, field, current[field])
        edit = Edit(edit_id, laptop, entity, record, field, value, seen)
        with device.db.write_connection() as conn:
            conn.execute(
                text(f'UPDATE "{entity}" SET "{field}" = :v WHERE id = :id'), {"v": value, "id": record}
            )
        device.note_journal()
        self.edits.append(edit)
        self.typed[(entity, record, field, value)] = edit

    @rule(laptop=laptop_index, edits=st.lists(st.tuples(record_index, fields), min_size=1, max_size=4))
    def work_offline(self, laptop: int, edits: list[tuple[int, str]]) -> None:
        """A few edits on one laptop: other fields of the same records, or the same field again."""
        for index, field in edits:
            self._edit(laptop, index, field)

    @rule(
        laptops=st.lists(laptop_index, min_size=2, max_size=LAPTOPS, unique=True),
        index=record_index,
        field=fields,
    )
    def same_field_race(self, laptops: list[int], index: int, field: str) -> None:
        """Several laptops change the same field of one record, each offline (unless they synced meanwhile)."""
        for laptop in laptops:
            self._edit(laptop, index, field)

    @rule(laptop=laptop_index, index=record_index)
    def delete_person(self, laptop: int, index: int) -> None:
        record = self._record("person", index)
        device = self.laptops[laptop]
        current = row(device.db, "person", record)
        if current is None:
            return
        seen: frozenset[int] = frozenset()
        for field in PERSON_FIELDS:
            seen |= self._seen("person", record, field, current[field])
        self.edits.append(Edit(next(self.counter), laptop, "person", record, DELETE, None, seen))
        with device.db.write_connection() as conn:
            conn.execute(text("DELETE FROM person WHERE id = :id"), {"id": record})
        device.note_journal()

    @rule(laptop=laptop_index, index=record_index)
    def add_new_person(self, laptop: int, index: int) -> None:
        household = self._record("household", index)
        device = self.laptops[laptop]
        if row(device.db, "household", household) is None:
            return
        self.people.append(add_person(device.db, household, f"新{next(self.counter)}"))
        device.note_journal()

    # --- syncing and dying ---------------------------------------------------------------------------------

    @rule(laptop=laptop_index)
    def sync(self, laptop: int) -> None:
        self.laptops[laptop].sync()

    @rule(order=st.permutations(range(LAPTOPS)))
    def sync_in_turn(self, order: list[int]) -> None:
        for laptop in order:
            self.laptops[laptop].sync()

    @rule(laptop=laptop_index, after=st.integers(0, 8), lose_answer=st.booleans())
    def connection_dies_mid_sync(self, laptop: int, after: int, lose_answer: bool) -> None:
        device = self.laptops[laptop]
        device.transport.arm(after, lose_answer=lose_answer)
        device.sync()
        device.restart()

    @rule(laptop=laptop_index, page=st.integers(1, 4))
    def laptop_dies_while_applying(self, laptop: int, page: int) -> None:
        """The process dies after a page's statements ran, before its COMMIT (nothing of it survives)."""
        device = self.laptops[laptop]
        calls = itertools.count(1)
        real = local._write_versions

        def write_then_die(cursor: Any, plans: Any) -> None:
            real(cursor, plans)
            if next(calls) == page:
                raise SimulatedCrash()

        with mock.patch.object(local, "_write_versions", write_then_die), suppress(SimulatedCrash):
            device.sync()
        device.restart()

    @rule(laptop=laptop_index, batch=st.integers(1, 3))
    def server_dies_while_storing(self, laptop: int, batch: int) -> None:
        """The server dies in the middle of a push transaction: it rolls back, the laptop sees an error."""
        server_db = self.env.server_db
        calls = itertools.count(1)

        def die() -> None:
            if next(calls) == batch:
                raise ApiError(503, "crash", "simulated server crash before COMMIT")

        server_db.before_commit = die
        try:
            self.laptops[laptop].sync()
        finally:
            server_db.before_commit = None

    # --- the end ---------------------------------------------------------------------------------------

    def settle(self) -> None:
        """Every laptop syncs until all are complete and a whole round changes nothing on the server."""
        previous = -1
        for _round in range(12):
            results = [laptop.sync() for laptop in self.laptops]  # every laptop, no short cut
            complete = all(results)
            with self.env.server_db.read() as session:
                head = self.env.server_db.read_head(session)
            if complete and head == previous:
                return
            previous = head
        raise AssertionError("the laptops did not settle in 12 rounds")

    def check(self) -> None:
        server_db = self.env.server_db
        ids = {
            (e, r)
            for e, records in (("household", self.households), ("person", self.people))
            for r in records
        }

        # Convergence: same field values everywhere, on every laptop and in the server's record table.
        server = server_records(server_db, self.village_path, ENTITIES)
        assert set(server) <= ids
        replicas = [device_records(laptop.db, ENTITIES) for laptop in self.laptops]
        for laptop, records in zip(self.laptops, replicas, strict=True):
            assert records == server, f"laptop {laptop.device_id} differs from the server"
            assert content_digest(records) == content_digest(server)

        # Exactly once: every journal entry on the server once, none missing, nothing extra, no gap.
        with server_db.read() as session:
            for laptop in self.laptops:
                rows = session.execute(
                    select(AppliedChange.device_seq, AppliedChange.change_id).where(
                        AppliedChange.device_id == laptop.device_id
                    )
                ).all()
                assert sorted(rows) == sorted(laptop.journaled.items())
                with laptop.db.read_connection() as conn:
                    acked = journal.acked_seq(conn)
                    assert journal.pending_count(conn) == 0
                assert sorted(laptop.journaled) == list(range(1, acked + 1))
                assert session.scalar(select(Device.last_seq).where(Device.id == laptop.device_id)) == acked
            inserted_twice = session.execute(
                select(ChangeLog.entity_id)
                .where(ChangeLog.op == "I", ChangeLog.entity_id.in_([r for _e, r in ids]))
                .group_by(ChangeLog.entity, ChangeLog.entity_id)
                .having(func.count() > 1)
            ).all()
        assert inserted_twice == []

        # Conflicts: the same entries on the server and every laptop.
        conflicts = [
            c
            for c in admin.list_conflicts(server_db, include_resolved=True)
            if (c["entity"], c["entity_id"]) in ids
        ]
        for laptop in self.laptops:
            with laptop.db.read_connection() as conn:
                local_ids = {
                    r[0]
                    for r in conn.execute(
                        text(f"SELECT id FROM sync_conflict WHERE kind IN {SHARED_CONFLICT_KINDS}")
                    )
                }
            assert local_ids == {c["id"] for c in conflicts}

        def kept(edit: Edit) -> bool:
            """A conflict entry keeps this edit's value (or, for a delete, records the race)."""
            for c in conflicts:
                if c["entity_id"] != edit.record:
                    continue
                if c["kind"] == "field" and c["field"] == edit.field:
                    if edit.value in (c["loser_value"], c["winner_value"]):
                        return True
                elif c["kind"] != "field":
                    if edit.field == DELETE:
                        return True
                    if isinstance(c["loser_value"], dict) and c["loser_value"].get(edit.field) == edit.value:
                        return True
            return False

        def has_conflict(a: Edit, b: Edit) -> bool:
            for c in conflicts:
                if c["entity_id"] != a.record:
                    continue
                if c["kind"] == "field" and a.field != DELETE and b.field != DELETE and c["field"] == a.field:
                    return True
                if c["kind"] == "field" and DELETE in (a.field, b.field):
                    # The edit lost a field conflict before the delete (which saw the winner): still kept.
                    edited = a if b.field == DELETE else b
                    if c["field"] == edited.field:
                        return True
                named = c["field"].split(",")
                if c["kind"] != "field" and (DELETE in (a.field, b.field) or a.field in named):
                    return True
            return False

        # Edits that a delete of their record had seen: deleted on purpose, and two deletes agree.
        seen_by_delete = set().union(*(e.history for e in self.edits if e.field == DELETE))

        # Every concurrent pair on one field (or an edit racing a delete) has a conflict entry.
        for a, b in itertools.combinations(self.edits, 2):
            if (a.entity, a.record) != (b.entity, b.record) or a.id in b.history or b.id in a.history:
                continue
            if a.field == DELETE and b.field == DELETE:
                continue  # two deletes agree
            if DELETE in (a.field, b.field) and (a.id in seen_by_delete or b.id in seen_by_delete):
                continue  # the edit was deleted by a laptop that had seen it: that delete and this one agree
            if DELETE not in (a.field, b.field) and a.field != b.field:
                continue  # different fields merge without a conflict
            assert has_conflict(a, b), f"concurrent {a} and {b} left no conflict entry"

        # No typed value vanished: final, overwritten by someone who saw it, or kept in a conflict.
        superseded = set().union(*(e.history for e in self.edits))
        for edit in self.edits:
            if edit.id in superseded or edit.field == DELETE:
                continue
            final = server.get((edit.entity, edit.record))
            if final is not None and final[edit.field] == edit.value:
                continue
            assert kept(edit), f"{edit} vanished: final {final and final[edit.field]!r}"


@contextmanager
def county_server(template: Path, tmp: Path) -> Iterator[Environment]:
    server_db = ServerDatabase(f"sqlite:///{tmp / 'server.db'}")
    server_db.migrate()
    setup_county(server_db)
    try:
        with LiveServer(create_app(db=server_db, migrate=False)) as url:
            yield Environment(server_db=server_db, url=url, template=template, tmp=tmp)
    finally:
        server_db.dispose()


@pytest.mark.timeout(0 if SOAK else 300)
def test_three_laptops_with_crashes_converge(template_database: Path, tmp_path: Path) -> None:
    with county_server(template_database, tmp_path) as env:
        SyncMachine.env = env
        run_state_machine_as_test(
            SyncMachine,
            settings=settings(
                max_examples=MAX_EXAMPLES,
                stateful_step_count=STEPS,
                deadline=None,
                phases=PHASES,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            ),
        )
