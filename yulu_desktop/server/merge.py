"""Merging one push batch into the county's records, set-based: read everything the batch touches at once, decide
in memory, write with one ``executemany`` per table.

The merge rules are those of docs/SYNC.md (field-level, base versions, delete wins, clock-skew bound); this module
is only about doing them fast. Per batch it issues a handful of statements whatever its size: one ``SELECT`` per
entity for the records and parents the batch touches, one for the org units, then one ``INSERT``/``UPDATE``
``executemany`` per table. No ORM object is made per entry (an ORM ``session.get`` autoflushes every pending
object first, which made the first version quadratic-ish and about 300 entries/s).

A push merges its batch *before* it takes the change-log lock (``service._push_merged_first``), with
provisional numbers, while other pushes write. Every read goes through ``Batch._query_*`` and is remembered;
with the lock held, ``Batch.still_valid`` reads it all again: if nothing changed, the decisions stand and
``Batch.renumber`` gives the changes their real numbers; if anything changed, the batch is merged again under the
lock, where nothing else writes records until COMMIT.
"""

from __future__ import annotations

import functools
import json
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import ARRAY, Connection, Table, and_, any_, bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.elements import ColumnElement

from yulu_desktop.domain import access
from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.domain.rules import label
from yulu_desktop.server import employment_guard, scope_moves, subsidy_guard
from yulu_desktop.server.db import SeqAllocator
from yulu_desktop.server.fieldcrypt import FieldCipher, sealed_fields_of
from yulu_desktop.server.models import (
    AppliedChange,
    Base,
    ChangeLog,
    Conflict,
    DuplicateReview,
    OrgUnit,
    Quarantine,
    Record,
    RecordKey,
    RecordRef,
)
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import record_check

#: For each shared entity (table of the device), the field naming its parent and the parent's entity: a
#: record is inside a jurisdiction when its parent is.
PARENT_REF: dict[str, tuple[str, str]] = {
    "household": ("village_id", "org_unit"),
    "person": ("household_id", "household"),
    "visit": ("household_id", "household"),
    "enrollment": ("person_id", "person"),
    "intent": ("person_id", "person"),
    "training": ("person_id", "person"),
    "employment_record": ("person_id", "person"),
    "subsidy_application": ("person_id", "person"),
    "attachment": ("person_id", "person"),
    "membership_change": ("person_id", "person"),
    "subsidy_evidence": ("application_id", "subsidy_application"),
    "subsidy_objection": ("application_id", "subsidy_application"),
    "subsidy_publicity": ("village_id", "org_unit"),
    "subsidy_payment_batch": ("county_id", "org_unit"),
    # employment (issue 16)
    "school": ("county_id", "org_unit"),
    "enterprise": ("county_id", "org_unit"),
    "employment_agreement": ("county_id", "org_unit"),
    "job_position": ("unit_id", "org_unit"),
    "job_fair": ("unit_id", "org_unit"),
    "policy_campaign": ("unit_id", "org_unit"),
    "fair_invitation": ("person_id", "person"),
    "job_referral": ("person_id", "person"),
    "employment_follow_up": ("person_id", "person"),
    "career_plan": ("person_id", "person"),
    "campaign_reach": ("person_id", "person"),
    "placement_action": ("person_id", "person"),
}
#: County reference data keyed by ``county_code``: its scope is the county's unit.
BY_COUNTY_CODE = frozenset({"subsidy_setting", "subsidy_rule", "subsidy_window"})
#: Employment reference data of a unit (county or township): every laptop below the unit needs it.
EMPLOYMENT_REFERENCE = frozenset(
    {"school", "enterprise", "employment_agreement", "job_position", "job_fair", "policy_campaign"}
)
#: Reference data visible to every device below the unit it belongs to (and inside it).
SHARED_UP = frozenset({"org_unit"}) | BY_COUNTY_CODE | EMPLOYMENT_REFERENCE
KNOWN_ENTITIES = frozenset(PARENT_REF) | SHARED_UP
#: Fields whose value must be unique among live records of an entity (the device enforces it with a unique
#: index). Two records with the same value are not merged: the second goes to the duplicate review queue.
UNIQUE_FIELDS: dict[str, str] = {"person": "id_number"}

SERVER_DEVICE = "server"
#: Length of ``record.unique_key``: longer values are not checked for duplicates (no ID number is that long).
UNIQUE_KEY_LENGTH = 40
#: Length of ``record_key.key_value`` (the laptop's lengths keep every real key far below it).
KEY_VALUE_LENGTH = 200
#: Rows per ``IN (…)`` list (SQLite's default variable limit is 32766; PostgreSQL has none worth the name).
_CHUNK = 900


def table_of(model: type[Base]) -> Table:
    """The Core table of a model (typed: ``Model.__table__`` is only known as a ``FromClause``)."""
    return cast(Table, model.__table__)


@dataclass(slots=True)
class Outcome:
    status: p.EntryStatus
    conflicts: int = 0
    reason: str = ""


@dataclass(slots=True)
class RecordState:
    """A record as the batch sees it: loaded once, changed in memory, written once at the end."""

    entity: str
    entity_id: str
    data: dict[str, Any]
    versions: dict[str, list[Any]]
    deleted: bool
    scope_path: str
    updated_seq: int
    new: bool = False
    dirty: bool = False
    #: The batch already logged this new record's insert (a later entry of the same batch is an update).
    insert_logged: bool = False
    #: ``data`` as JSON when already encoded for the log (a new record's insert), else None.
    data_json: str | None = None
    #: ``data`` as stored when loaded (None: not stored live), to see whether its indexed keys changed.
    loaded: dict[str, Any] | None = None

    def __post_init__(self) -> None:
        if not self.new and not self.deleted:
            self.loaded = self.data


@dataclass(slots=True)
class ConflictSpec:
    kind: str
    field: str
    winner_value: Any
    loser_value: Any
    winner_device: str
    winner_hlc: int
    loser_device: str
    loser_hlc: int
    loser_author: str
    skewed: bool = False


@dataclass(frozen=True, slots=True)
class Pusher:
    """Who is pushing: the device, the path of its jurisdiction, its cadre's role (village, township or county)
    and how far it had pulled (the change-log seq it confirmed: what it can have seen)."""

    device_id: str
    path: str
    role: str = "village"
    seen_seq: int = 0


@dataclass
class Reads:
    """What a batch read from the database, as it read it (``Batch.still_valid``)."""

    #: (entity, id) → (updated_seq, deleted, scope_path, versions) of the stored record, None when absent.
    records: dict[tuple[str, str], tuple[Any, ...] | None] = field(default_factory=dict)
    units: dict[str, str | None] = field(default_factory=dict)
    unique: dict[tuple[str, str], str | None] = field(default_factory=dict)
    keys: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    children: dict[tuple[str, str], frozenset[tuple[str, str]]] = field(default_factory=dict)
    counties: dict[str, str | None] = field(default_factory=dict)
    departures: dict[tuple[str, str], tuple[tuple[int, str], ...]] = field(default_factory=dict)
    #: (entity, scope path) → ids of the live records with exactly that scope (``records_in_scope``).
    scoped: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict)


def _record_stamp(row: tuple[Any, ...] | None) -> tuple[Any, ...] | None:
    """What identifies a stored record's state: every change of it moves ``updated_seq`` or its versions."""
    return None if row is None else (int(row[5]), bool(row[3]), row[4], row[2])


@dataclass
class Batch:
    """One push batch being merged: caches of what it reads, rows it will write."""

    conn: Connection
    allocator: SeqAllocator
    pusher: Pusher
    now_ms: int
    received_at: datetime
    #: Seals sensitive values on their way to the tables and opens them as they are read (``server.fieldcrypt``):
    #: the merge itself only ever sees clear values.
    cipher: FieldCipher
    records: dict[tuple[str, str], RecordState | None] = field(default_factory=dict)
    unit_paths: dict[str, str | None] = field(default_factory=dict)
    unit_rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    log_rows: list[dict[str, Any]] = field(default_factory=list)
    applied_rows: list[dict[str, Any]] = field(default_factory=list)
    conflict_rows: list[dict[str, Any]] = field(default_factory=list)
    quarantine_rows: list[dict[str, Any]] = field(default_factory=list)
    duplicate_rows: list[dict[str, Any]] = field(default_factory=list)
    #: (entity, unique value) → entity id of the live record holding it, filled lazily per value.
    unique_owner: dict[tuple[str, Any], str | None] = field(default_factory=dict)
    #: (entity, key name, key value) → live record holding it (``record_key``), filled per value.
    key_owner: dict[tuple[str, str, str], str | None] = field(default_factory=dict)
    #: (parent entity, parent id) → children this batch made or re-pointed there (not in ``record_ref`` yet).
    new_children: dict[tuple[str, str], set[tuple[str, str]]] = field(default_factory=dict)
    #: What it read from the database, as read.
    reads: Reads = field(default_factory=lambda: Reads())
    #: Memo of the subsidy cycle's checks (``server.subsidy_guard``), per batch.
    guard_memo: dict[Any, Any] = field(default_factory=dict)
    #: (parent entity, parent id) → its children in ``record_ref`` as read (until the batch is flushed).
    stored_children: dict[tuple[str, str], frozenset[tuple[str, str]]] = field(default_factory=dict)

    # --- reading ------------------------------------------------------------------------------------
    #
    # Every read goes through a ``_query_*`` method and is remembered as read (``reads``), so that a batch merged
    # outside the change-log lock can ask, once it holds the lock, whether anything it read has changed
    # (``still_valid``): the merge decides only from these reads, its entries and its pusher.

    def _query_records(self, entity: str, ids: Sequence[str]) -> dict[str, tuple[Any, ...]]:
        table = table_of(Record)
        found: dict[str, tuple[Any, ...]] = {}
        for within in among(self.conn, table.c.entity_id, sorted(i for i in ids if _storable(i))):
            for row in self.conn.execute(
                select(
                    table.c.entity_id,
                    table.c.data,
                    table.c.versions,
                    table.c.deleted,
                    table.c.scope_path,
                    table.c.updated_seq,
                ).where(table.c.entity == entity, within)
            ):
                found[row[0]] = tuple(row)
        for entity_id in ids:
            self.reads.records[(entity, entity_id)] = _record_stamp(found.get(entity_id))
        return found

    def _query_units(self, ids: Sequence[str]) -> dict[str, str]:
        units = table_of(OrgUnit)
        found: dict[str, str] = {}
        for within in among(self.conn, units.c.id, sorted(i for i in ids if _storable(i))):
            for unit_id, path in self.conn.execute(select(units.c.id, units.c.path).where(within)):
                found[unit_id] = path
        for unit_id in ids:
            self.reads.units[unit_id] = found.get(unit_id)
        return found

    def _query_unique(self, entity: str, values: Iterable[str]) -> dict[str, str | None]:
        # Stored as keyed hashes (``unique_key_of``): look the hashes up, remember the clear values.
        hashed = {self.unique_key(entity, value): value for value in values}
        table = table_of(Record)
        owners: dict[str, str | None] = {}
        for within in among(self.conn, table.c.unique_key, sorted(hashed)):
            for entity_id, key in self.conn.execute(
                select(table.c.entity_id, table.c.unique_key)
                .where(table.c.entity == entity, within, table.c.deleted.is_(False))
                .order_by(table.c.entity_id)
            ):
                owners.setdefault(hashed[key], entity_id)
        for value in hashed.values():
            owners.setdefault(value, None)
            self.reads.unique[(entity, value)] = owners[value]
        return owners

    def _query_keys(self, entity: str, key_name: str, values: Iterable[str]) -> dict[str, str | None]:
        table = table_of(RecordKey)
        wanted = sorted(set(values))
        owners: dict[str, str | None] = {}
        # A value with a NUL byte is held later by the value checks; nothing stored holds one.
        for within in among(self.conn, table.c.key_value, [v for v in wanted if _storable(v)]):
            for value, entity_id in self.conn.execute(
                select(table.c.key_value, table.c.entity_id)
                .where(table.c.entity == entity, table.c.key_name == key_name, within)
                .order_by(table.c.entity_id)
            ):
                owners.setdefault(value, entity_id)
        for value in wanted:
            owners.setdefault(value, None)
            self.reads.keys[(entity, key_name, value)] = owners[value]
        return owners

    def _query_children(self, entity: str, entity_id: str) -> frozenset[tuple[str, str]]:
        table = table_of(RecordRef)
        found = frozenset(
            (str(row[0]), str(row[1]))
            for row in self.conn.execute(
                select(table.c.entity, table.c.entity_id).where(
                    table.c.ref_entity == entity, table.c.ref_id == entity_id
                )
            )
        )
        self.reads.children[(entity, entity_id)] = self.stored_children[(entity, entity_id)] = found
        return found

    def _query_children_many(self, entity: str, ids: Iterable[str]) -> None:
        """``_query_children`` of many parents, one query per chunk."""
        table = table_of(RecordRef)
        wanted = sorted(set(ids))
        found: dict[str, set[tuple[str, str]]] = {i: set() for i in wanted}
        for within in among(self.conn, table.c.ref_id, [i for i in wanted if _storable(i)]):
            for ref_id, child_entity, child_id in self.conn.execute(
                select(table.c.ref_id, table.c.entity, table.c.entity_id).where(
                    table.c.ref_entity == entity, within
                )
            ):
                found[str(ref_id)].add((str(child_entity), str(child_id)))
        for entity_id, children in found.items():
            frozen = frozenset(children)
            self.reads.children[(entity, entity_id)] = self.stored_children[(entity, entity_id)] = frozen

    def _query_county(self, code: str) -> str | None:
        units = table_of(OrgUnit)
        path = self.conn.execute(select(units.c.path).where(units.c.code == code)).scalar()
        found = str(path) if path is not None else None
        self.reads.counties[code] = found
        return found

    def _query_scoped(self, entity: str, scope_path: str) -> frozenset[str]:
        table = table_of(Record)
        found = frozenset(
            str(entity_id)
            for entity_id in self.conn.execute(
                select(table.c.entity_id).where(
                    table.c.entity == entity, table.c.scope_path == scope_path, table.c.deleted.is_(False)
                )
            ).scalars()
        )
        self.reads.scoped[(entity, scope_path)] = found
        return found

    def departures(self, entity: str, entity_id: str) -> tuple[tuple[int, str], ...]:
        """The ``LEAVE_SCOPE`` entries of a record in the change log, as (seq, scope) (``server.scope_moves``)."""
        log = table_of(ChangeLog)
        found = tuple(
            (int(seq), str(scope))
            for seq, scope in self.conn.execute(
                select(log.c.seq, log.c.scope_path)
                .where(log.c.entity == entity, log.c.entity_id == entity_id, log.c.op == p.LEAVE_SCOPE)
                .order_by(log.c.seq)
            )
        )
        self.reads.departures[(entity, entity_id)] = found
        return found

    def _load_record(self, entity: str, row: tuple[Any, ...]) -> RecordState:
        return RecordState(
            entity,
            row[0],
            self.cipher.loads_fields(entity, row[1]),
            json.loads(row[2]),
            bool(row[3]),
            row[4],
            row[5],
        )

    def prefetch(self, entries: Sequence[p.PushEntry]) -> None:
        """Load every record the batch touches or names as a parent, and the org units it names."""
        wanted: dict[str, set[str]] = {}
        units: set[str] = set()
        for entry in entries:
            wanted.setdefault(entry.entity, set()).add(entry.entity_id)
            if entry.entity == "org_unit":
                units.add(entry.entity_id)
            if not record_check.is_known(entry.entity):
                continue
            for ref in record_check.references(entry.entity):
                change = entry.changes.get(ref.field)
                parent_value = change[1] if isinstance(change, list) and len(change) == 2 else None
                if not isinstance(parent_value, str):
                    continue
                if ref.target == "org_unit":
                    units.add(parent_value)
                wanted.setdefault(ref.target, set()).add(parent_value)
        for entity, ids in wanted.items():
            missing = sorted(ids - {k[1] for k in self.records if k[0] == entity})
            found = self._query_records(entity, missing)
            for entity_id in missing:
                row = found.get(entity_id)
                self.records[(entity, entity_id)] = (
                    self._load_record(entity, row) if row is not None else None
                )
        self._load_units(units)
        employment_guard.prefetch(self, entries)

    def _load_units(self, ids: Iterable[str]) -> None:
        missing = sorted(set(ids) - set(self.unit_paths))
        found = self._query_units(missing)
        for unit_id in missing:
            self.unit_paths[unit_id] = found.get(unit_id)

    def record(self, entity: str, entity_id: str) -> RecordState | None:
        key = (entity, entity_id)
        if key not in self.records and not _storable(entity_id):
            self.records[key] = None  # a NUL byte: PostgreSQL refuses it in a query, and nothing holds it
        if key not in self.records:
            row = self._query_records(entity, [entity_id]).get(entity_id)
            self.records[key] = self._load_record(entity, row) if row is not None else None
        return self.records[key]

    def unit_path(self, unit_id: str) -> str | None:
        if unit_id not in self.unit_paths:
            self._load_units([unit_id])
        return self.unit_paths[unit_id]

    def scope_for(self, entity: str, entity_id: str, values: Mapping[str, Any]) -> str | None:
        """The jurisdiction path of a record with these field values, or None when its parent is unknown."""
        if entity == "org_unit":
            parent_id = values.get("parent_id")
            if parent_id is None:
                return f"/{entity_id}/"
            parent_path = self.unit_path(str(parent_id))
            return f"{parent_path}{entity_id}/" if parent_path is not None else None
        if entity in BY_COUNTY_CODE:
            return self._query_county(str(values.get("county_code"))) or "/"
        ref_field, parent_entity = PARENT_REF[entity]
        parent_key = values.get(ref_field)
        if parent_key is None:
            return None
        if parent_entity == "org_unit":
            return self.unit_path(str(parent_key))
        parent = self.record(parent_entity, str(parent_key))
        return parent.scope_path if parent is not None else None

    def prefetch_unique(self, entries: Sequence[p.PushEntry]) -> None:
        """Which live records hold the unique values (ID numbers) the batch would set: one query."""
        wanted: dict[str, set[str]] = {}
        for entry in entries:
            unique = UNIQUE_FIELDS.get(entry.entity)
            change = entry.changes.get(unique) if unique is not None else None
            if (
                change is not None
                and len(change) == 2
                and change[1] not in (None, "")
                and len(str(change[1])) <= UNIQUE_KEY_LENGTH
            ):
                wanted.setdefault(entry.entity, set()).add(str(change[1]))
        for entity, values in wanted.items():
            for value, holder in self._query_unique(entity, values).items():
                self.unique_owner.setdefault((entity, value), holder)

    def unique_holder(self, entity: str, value: str) -> str | None:
        """The live record of ``entity`` holding ``value`` in its unique field (database or this batch)."""
        key = (entity, value)
        if key not in self.unique_owner:
            self.unique_owner[key] = self._query_unique(entity, [value])[value]
        return self.unique_owner[key]

    def unique_key(self, entity: str, value: str) -> str:
        """What ``record.unique_key`` holds for this unique value (a keyed hash of a sensitive one)."""
        return unique_key_value(self.cipher, entity, value)

    def prefetch_keys(self, entries: Sequence[p.PushEntry]) -> None:
        """Which live records hold the unique keys the batch would set: one query per key (after
        ``prefetch``, whose records give the key parts an update does not change)."""
        wanted: dict[tuple[str, str], set[str]] = {}
        for entry in entries:
            if entry.op == "D" or not record_check.is_known(entry.entity):
                continue
            if not indexed_keys(entry.entity):
                continue
            new_values = {f: v[1] for f, v in entry.changes.items() if len(v) == 2}
            stored = self.records.get((entry.entity, entry.entity_id))
            merged = {**(stored.data if stored is not None else {}), **new_values}
            for key, value in _keys_set(entry.entity, merged, new_values):
                wanted.setdefault((entry.entity, key.name), set()).add(value)
        for (entity, key_name), values in wanted.items():
            for value, holder in self._query_keys(entity, key_name, values).items():
                self.key_owner.setdefault((entity, key_name, value), holder)

    def key_holder(self, entity: str, key_name: str, value: str) -> str | None:
        """The live record holding ``value`` in the unique key ``key_name`` (database or this batch)."""
        cache_key = (entity, key_name, value)
        if cache_key not in self.key_owner:
            self.key_owner[cache_key] = self._query_keys(entity, key_name, [value])[value]
        return self.key_owner[cache_key]

    def records_in_scope(self, entity: str, scope_path: str) -> list[RecordState]:
        """Live records of ``entity`` whose jurisdiction is exactly ``scope_path`` (a county's reference data,
        ``BY_COUNTY_CODE``), as stored or as this batch has changed them so far. Walks the batch's records: the
        caller memoizes (``server.subsidy_guard``)."""
        stored = self._query_scoped(entity, scope_path)
        missing = [i for i in sorted(stored) if (entity, i) not in self.records]
        for entity_id, row in self._query_records(entity, missing).items():
            self.records[(entity, entity_id)] = self._load_record(entity, row)
        return [
            r
            for (kind, _id), r in self.records.items()
            if kind == entity and r is not None and not r.deleted and r.scope_path == scope_path
        ]

    def children_of(self, entity: str, entity_id: str) -> set[tuple[str, str]]:
        """Records naming this one as a parent: stored (``record_ref``) or made by this batch."""
        stored = self.stored_children.get((entity, entity_id))
        if stored is None:
            stored = self._query_children(entity, entity_id)
        return set(stored) | self.new_children.get((entity, entity_id), set())

    def prefetch_children(self, entity: str, ids: Iterable[str]) -> None:
        """Read the stored children of many records at once (a check that will ask ``children_of`` of each)."""
        self._query_children_many(entity, [i for i in ids if (entity, i) not in self.stored_children])

    def load(self, entity: str, ids: Iterable[str]) -> None:
        """Load the records of ``entity`` not loaded yet, in one query (a check that will read many of them)."""
        missing = sorted({i for i in ids if _storable(i)} - {k[1] for k in self.records if k[0] == entity})
        found = self._query_records(entity, missing)
        for entity_id in missing:
            row = found.get(entity_id)
            self.records[(entity, entity_id)] = self._load_record(entity, row) if row is not None else None

    # --- merged outside the lock ----------------------------------------------------------------------

    def still_valid(self) -> bool:
        """Whether everything this batch read is still what the database holds (asked with the change-log lock
        held, after merging without it): then its decisions stand, only its numbers change (``renumber``)."""
        before = self.reads
        self.reads = Reads()
        try:
            by_entity: dict[str, list[str]] = {}
            for entity, entity_id in before.records:
                by_entity.setdefault(entity, []).append(entity_id)
            for entity, ids in by_entity.items():
                self._query_records(entity, ids)
            self._query_units(list(before.units))
            unique: dict[str, list[str]] = {}
            for entity, value in before.unique:
                unique.setdefault(entity, []).append(value)
            for entity, values in unique.items():
                self._query_unique(entity, values)
            keys: dict[tuple[str, str], list[str]] = {}
            for entity, key_name, value in before.keys:
                keys.setdefault((entity, key_name), []).append(value)
            for (entity, key_name), values in keys.items():
                self._query_keys(entity, key_name, values)
            parents: dict[str, list[str]] = {}
            for entity, entity_id in before.children:
                parents.setdefault(entity, []).append(entity_id)
            for entity, ids in parents.items():
                self._query_children_many(entity, ids)
            for code in before.counties:
                self._query_county(code)
            for entity, entity_id in before.departures:
                self.departures(entity, entity_id)
            for entity, scope_path in before.scoped:
                self._query_scoped(entity, scope_path)
            return self.reads == before
        finally:
            self.reads = before

    def renumber(self, provisional: SeqAllocator, allocator: SeqAllocator) -> None:
        """Give the change-log numbers handed out by ``provisional`` (above every real number) their real values,
        the next ones of ``allocator`` (whose lock is held), in the same order."""
        floor, first = provisional.start, allocator.value

        def real(seq: int) -> int:
            return seq - floor + first if seq > floor else seq

        for row in self.log_rows:
            row["seq"] = real(row["seq"])
            if row["field_versions"]:
                row["field_versions"] = json.dumps(
                    {f: real(int(s)) for f, s in json.loads(row["field_versions"]).items()}
                )
        for row in self.conflict_rows:
            row["seq"] = real(row["seq"])
        for state in self.records.values():
            if state is None:
                continue
            state.updated_seq = real(state.updated_seq)
            if any(int(v[0]) > floor for v in state.versions.values()):
                state.versions = {f: [real(int(v[0])), *v[1:]] for f, v in state.versions.items()}
        allocator.value += provisional.value - floor

    # --- writing ------------------------------------------------------------------------------------

    def log(
        self,
        entry: p.PushEntry,
        seq: int,
        op: str,
        fields: Mapping[str, Any],
        scope: str,
        hlc: int,
        field_versions: Mapping[str, int] | None = None,
        *,
        of: tuple[str, str] | None = None,
    ) -> str:
        """Append a change to the log: of ``entry``'s record, or ``of`` another record (a cascaded delete)."""
        entity, entity_id = of or (entry.entity, entry.entity_id)
        self.log_rows.append(
            {
                "seq": seq,
                "entity": entity,
                "entity_id": entity_id,
                "op": op,
                "fields": (encoded := self.cipher.dumps_fields(entity, fields)),
                "field_versions": json.dumps(field_versions) if field_versions else None,
                "hlc": hlc,
                "device_id": self.pusher.device_id,
                "author": entry.author,
                "scope_path": scope,
                "shared_up": entity in SHARED_UP,
                "change_id": entry.change_id if of is None else None,
            }
        )
        return encoded

    def quarantine(self, entry: p.PushEntry, reason: str) -> Outcome:
        self.quarantine_rows.append(
            quarantine_row(self.cipher, self.pusher.device_id, entry, reason, self.received_at)
        )
        return Outcome("quarantined", reason=reason)

    def record_conflicts(
        self, entity: str, entity_id: str, scope: str, specs: Sequence[ConflictSpec]
    ) -> None:
        for spec in specs:
            seq = self.allocator.next()
            row = {
                "id": str(uuid.uuid4()),
                "seq": seq,
                "kind": spec.kind,
                "entity": entity,
                "entity_id": entity_id,
                "field": spec.field,
                "winner_value": json.dumps(
                    self.cipher.seal_conflict_value(entity, spec.field, spec.winner_value), ensure_ascii=False
                ),
                "loser_value": json.dumps(
                    self.cipher.seal_conflict_value(entity, spec.field, spec.loser_value), ensure_ascii=False
                ),
                "winner_device": spec.winner_device,
                "loser_device": spec.loser_device,
                "winner_hlc": spec.winner_hlc,
                "loser_hlc": spec.loser_hlc,
                "loser_author": spec.loser_author,
                "clock_skew": spec.skewed,
                "scope_path": scope,
                "created_at": self.received_at,
                "resolution": "",
                "resolved_by": "",
            }
            self.conflict_rows.append(row)
            self.log_rows.append(
                {
                    "seq": seq,
                    "entity": p.CONFLICT_ENTITY,
                    "entity_id": row["id"],
                    "op": "I",
                    "fields": json.dumps(conflict_fields_of(row), ensure_ascii=False),
                    "field_versions": None,
                    "hlc": 0,
                    "device_id": SERVER_DEVICE,
                    "author": "",
                    "scope_path": scope,
                    "shared_up": False,
                    "change_id": None,
                }
            )

    def _record_row(self, r: RecordState) -> dict[str, Any]:
        return {
            "unique_key": unique_key_of(self.cipher, r.entity, r.data, r.deleted),
            "entity": r.entity,
            "entity_id": r.entity_id,
            "data": r.data_json if r.data_json is not None else self.cipher.dumps_fields(r.entity, r.data),
            "versions": json.dumps(r.versions),
            "deleted": r.deleted,
            "scope_path": r.scope_path,
            "updated_seq": r.updated_seq,
        }

    def flush(self) -> None:
        """Write everything the batch decided: one statement (executemany) per table."""
        conn = self.conn
        records = table_of(Record)
        new = [r for r in self.records.values() if r is not None and r.new]
        changed = [r for r in self.records.values() if r is not None and r.dirty and not r.new]
        if new:
            insert_many(conn, records, [self._record_row(r) for r in new])
        if changed:
            conn.execute(
                update(records)
                .where(
                    and_(
                        records.c.entity == bindparam("key_entity"),
                        records.c.entity_id == bindparam("key_entity_id"),
                    )
                )
                .values(
                    data=bindparam("data"),
                    versions=bindparam("versions"),
                    deleted=bindparam("deleted"),
                    scope_path=bindparam("scope_path"),
                    updated_seq=bindparam("updated_seq"),
                ),
                [
                    {
                        "key_entity": r.entity,
                        "key_entity_id": r.entity_id,
                        **{k: v for k, v in self._record_row(r).items() if k not in ("entity", "entity_id")},
                    }
                    for r in changed
                ],
            )
        _write_keys_and_refs(conn, [*new, *changed])
        self.stored_children.clear()  # record_ref changed
        for r in (*new, *changed):
            r.new = r.dirty = False
        if self.unit_rows:
            units = table_of(OrgUnit)
            existing: set[str] = set()
            for within in among(conn, units.c.id, sorted(self.unit_rows)):
                existing.update(conn.execute(select(units.c.id).where(within)).scalars())
            for unit_id, values in self.unit_rows.items():
                if unit_id in existing:
                    conn.execute(update(units).where(units.c.id == unit_id).values(**values))
                else:
                    conn.execute(insert(units).values(id=unit_id, **values))
            self.unit_rows.clear()
        for table, rows in (
            (table_of(ChangeLog), self.log_rows),
            (table_of(Conflict), self.conflict_rows),
            (table_of(AppliedChange), self.applied_rows),
            (table_of(Quarantine), self.quarantine_rows),
            (table_of(DuplicateReview), self.duplicate_rows),
        ):
            if rows:
                insert_many(conn, table, rows)
                rows.clear()


def keys_of(entity: str, entity_id: str, data: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """``record_key`` rows of a record: its unique-constraint values while it is live (``data`` not None)."""
    if data is None or not record_check.is_known(entity):
        return []
    rows = []
    for key in indexed_keys(entity):
        value = record_check.unique_value(key, data)
        if value is not None and len(value) <= KEY_VALUE_LENGTH:
            rows.append({"entity": entity, "key_name": key.name, "key_value": value, "entity_id": entity_id})
    return rows


@functools.cache
def indexed_keys(entity: str) -> tuple[record_check.UniqueKey, ...]:
    """The unique keys ``record_key`` holds for an entity: all but the ID number, which has
    ``record.unique_key`` and the duplicate review."""
    return tuple(k for k in record_check.unique_keys(entity) if k.fields != (UNIQUE_FIELDS.get(entity),))


def _keys_set(
    entity: str, merged: Mapping[str, Any], new_values: Mapping[str, Any]
) -> Iterator[tuple[record_check.UniqueKey, str]]:
    """The indexed keys an entry sets (it changes one of their fields) with their values once applied."""
    for key in indexed_keys(entity):
        if new_values.keys().isdisjoint(key.fields):
            continue
        value = record_check.unique_value(key, merged)
        if value is not None and len(value) <= KEY_VALUE_LENGTH:
            yield key, value


def refs_of(entity: str, entity_id: str, data: Mapping[str, Any] | None) -> list[dict[str, Any]]:
    """``record_ref`` rows of a record: the parents it names while it is live (``data`` not None)."""
    if data is None or not record_check.is_known(entity):
        return []
    rows = []
    for ref in record_check.references(entity):
        target = data.get(ref.field)
        if isinstance(target, str) and target:
            rows.append(
                {
                    "ref_entity": ref.target,
                    "ref_id": target,
                    "entity": entity,
                    "entity_id": entity_id,
                    "field": ref.field,
                }
            )
    return rows


def _write_keys_and_refs(conn: Connection, touched: Sequence[RecordState]) -> None:
    """Index the unique keys and parents of the records a batch wrote, where they changed: drop the rows of
    the record as it was loaded, insert those of the record as it is now."""
    for model, rows_of in ((RecordKey, keys_of), (RecordRef, refs_of)):
        table = table_of(model)
        stale: list[dict[str, Any]] = []
        fresh: list[dict[str, Any]] = []
        for r in touched:
            before = rows_of(r.entity, r.entity_id, r.loaded)
            after = rows_of(r.entity, r.entity_id, None if r.deleted else r.data)
            if before != after:
                if before:
                    stale.append({"o_entity": r.entity, "o_entity_id": r.entity_id})
                fresh.extend(after)
        if stale:
            conn.execute(
                table.delete().where(
                    and_(
                        table.c.entity == bindparam("o_entity"), table.c.entity_id == bindparam("o_entity_id")
                    )
                ),
                stale,
            )
        if fresh:
            insert_many(conn, table, fresh)
    for r in touched:
        r.loaded = None if r.deleted else r.data


def unique_key_of(cipher: FieldCipher, entity: str, data: Mapping[str, Any], deleted: bool) -> str | None:
    """What ``record.unique_key`` holds: the record's unique field (a keyed hash of the ID number), None when
    deleted or empty."""
    unique = UNIQUE_FIELDS.get(entity)
    value = data.get(unique) if unique is not None and not deleted else None
    if value in (None, "") or len(str(value)) > UNIQUE_KEY_LENGTH:
        return None  # not an ID number (the laptop validates them); too long for the indexed column
    return unique_key_value(cipher, entity, str(value))


def unique_key_value(cipher: FieldCipher, entity: str, value: str) -> str:
    """The stored form of a unique value: its keyed hash when the field is sensitive (it always is today)."""
    unique = UNIQUE_FIELDS[entity]
    if unique in sealed_fields_of(entity):
        return cipher.hash_value(entity, unique, value)
    return value


def insert_many(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """``INSERT`` rows with the driver's ``executemany``, binding each distinct value of a typed column once.

    SQLAlchemy's executemany converts every parameter of every row through its type (a ``DateTime`` into a
    string on SQLite, …), which costs more than the insert itself at 10,000 rows; here ``received_at`` — the
    same moment for the whole batch — is converted once.
    """
    dialect = conn.dialect
    names = list(rows[0])
    typed = [
        (index, processor)
        for index, name in enumerate(names)
        if (processor := table.c[name].type._cached_bind_processor(dialect)) is not None
    ]
    converted: dict[tuple[int, int], Any] = {}
    values: list[tuple[Any, ...]] = []
    for row in rows:
        cells = [row[name] for name in names]
        for index, processor in typed:
            value = cells[index]
            if value is None or isinstance(value, str | int | float):
                continue
            key = (index, id(value))
            if key not in converted:
                converted[key] = processor(value)
            cells[index] = converted[key]
        values.append(tuple(cells))
    if dialect.name == "postgresql" and len(rows) > 1:
        _copy_rows(conn, table.name, names, values)
        return
    marker = "?" if dialect.paramstyle == "qmark" else "%s"
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join(marker for _ in names)})"
    conn.exec_driver_sql(sql, values)


def _copy_rows(conn: Connection, table: str, names: list[str], values: list[tuple[Any, ...]]) -> None:
    """PostgreSQL: ``COPY … FROM STDIN`` in the open transaction — one stream instead of a statement per row
    (psycopg's executemany still sends one ``INSERT`` per row; at 200–2,000 rows per batch COPY is several times
    faster, and the change-log lock is held for less time). A unique violation is raised as SQLAlchemy's
    ``IntegrityError``, as an ``INSERT`` would be, so the push still answers "retry"."""
    import psycopg

    sql = f"COPY {table} ({', '.join(names)}) FROM STDIN"
    driver = conn.connection.driver_connection
    assert driver is not None
    try:
        with driver.cursor() as cursor, cursor.copy(sql) as copy:
            for row in values:
                copy.write_row(row)
    except psycopg.errors.IntegrityError as exc:
        raise IntegrityError(sql, None, exc) from exc


def _storable(value: str) -> bool:
    """Whether a text can be looked up at all (PostgreSQL refuses NUL in text; no stored id has one)."""
    return "\x00" not in value


def among(
    conn: Connection, column: ColumnElement[Any], items: Sequence[str]
) -> Iterator[ColumnElement[bool]]:
    """``column IN (…)`` conditions covering ``items``, one query each (none when there are no items).

    On PostgreSQL a single ``column = ANY(:values)`` with the values as one array parameter: the statement's text
    is then the same for any number of values, so SQLAlchemy compiles it once, psycopg converts it once and
    PostgreSQL prepares its plan, where an ``IN`` list renders, converts and plans a new text of N parameters on
    every call (about a seventh of a push's server CPU in a profile). SQLite gets ``IN`` lists of ``_CHUNK``.
    """
    if not items:
        return
    if conn.dialect.name == "postgresql":
        yield column == any_(bindparam(None, list(items), type_=ARRAY(column.type)))
        return
    for start in range(0, len(items), _CHUNK):
        yield column.in_(items[start : start + _CHUNK])


def quarantine_row(
    cipher: FieldCipher, device_id: str, entry: p.PushEntry, reason: str, received_at: datetime
) -> dict[str, Any]:
    return {
        "device_id": device_id,
        "change_id": entry.change_id,
        "device_seq": entry.seq,
        "entry": cipher.seal_blob(entry.model_dump_json()),  # the whole entry: it may name sensitive fields
        "reason": reason,
        "received_at": received_at,
    }


def conflict_fields_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """A conflict as it travels to devices (the pull stream's ``_conflict`` pseudo-entity)."""
    created = row["created_at"]
    return {
        "kind": row["kind"],
        "entity": row["entity"],
        "entity_id": row["entity_id"],
        "field": row["field"],
        "winner_value": json.loads(row["winner_value"]),
        "loser_value": json.loads(row["loser_value"]),
        "winner_device": row["winner_device"],
        "loser_device": row["loser_device"],
        "winner_hlc": row["winner_hlc"],
        "loser_hlc": row["loser_hlc"],
        "loser_author": row["loser_author"],
        "clock_skew": row["clock_skew"],
        "created_at": created.isoformat() if isinstance(created, datetime) else str(created),
        "resolution": row["resolution"],
        "resolved_by": row["resolved_by"],
    }


# --- the merge of one entry -------------------------------------------------------------------------------


def apply_entry(batch: Batch, entry: p.PushEntry) -> Outcome:
    """Merge one entry into the batch's records (rules in docs/SYNC.md) and note what to write."""
    problems = record_check.entity_problems(entry.entity, entry.op, entry.changes)
    if problems:
        return batch.quarantine(entry, "；".join(problems))
    if entry.entity in record_check.COUNTY_OWNED and batch.pusher.role not in COUNTY_ROLES:
        return batch.quarantine(entry, COUNTY_OWNED_REASON)
    if entry.entity in record_check.TOWNSHIP_OWNED and batch.pusher.role not in TOWNSHIP_ROLES:
        return batch.quarantine(entry, TOWNSHIP_OWNED_REASON)
    device = batch.pusher.device_id
    trusted = hlc_clock.wall_ms(entry.hlc) <= batch.now_ms + p.MAX_TRUSTED_SKEW_MS
    effective = entry.hlc if trusted else 0
    passed_on = min(entry.hlc, hlc_clock.pack(batch.now_ms + p.MAX_TRUSTED_SKEW_MS))
    record = batch.record(entry.entity, entry.entity_id)
    data: dict[str, Any] = dict(record.data) if record is not None else {}
    versions: dict[str, list[Any]] = dict(record.versions) if record is not None else {}
    if entry.op == "U" and data.get("voided_on") and record_check.touches_void(entry.entity, entry.changes):
        return batch.quarantine(entry, "已作废的记录不能撤销或修改作废")  # the laptop's old value may lie
    new_values = {f: v[1] for f, v in entry.changes.items() if f != "id" and len(v) == 2}
    if entry.op == "I" and (record is None or record.deleted):
        # A laptop's insert leaves nothing out; a raw one gets the laptop's defaults, so replicas are equal.
        new_values = {**record_check.insert_defaults(entry.entity), **new_values}
    invalid = _invalid_values(entry, record, data, new_values)
    if invalid:
        return batch.quarantine(entry, invalid)

    if entry.op == "D":
        old_values = {f: v[0] for f, v in entry.changes.items() if f != "id" and len(v) == 2}
        scope = (
            record.scope_path
            if record is not None
            else batch.scope_for(entry.entity, entry.entity_id, old_values)
        )
    else:
        scope = batch.scope_for(entry.entity, entry.entity_id, {**data, **new_values})
    path = batch.pusher.path
    if (
        entry.entity == "org_unit"
        and entry.op != "D"
        and _makes_cycle(entry.entity_id, scope, data, new_values)
    ):
        return batch.quarantine(entry, "上级单位不能是本单位或它的下级单位（会形成循环），未保存")
    if scope is None:
        return batch.quarantine(entry, "上级记录在县服务器上不存在")
    # A record may leave the jurisdiction (迁出), and an edit made before the device learned it left still counts
    # (``server.scope_moves``).
    if (
        (not scope.startswith(path) or (record is not None and not record.scope_path.startswith(path)))
        and not scope_moves.move_out_allowed(record, scope, path)
        and not scope_moves.edit_after_move_allowed(batch, entry, record)
    ):
        return batch.quarantine(entry, "记录不在本设备的管辖范围内")

    specs: list[ConflictSpec] = []
    status: p.EntryStatus = "applied"

    if entry.op == "D":
        if record is not None and record.deleted:
            return Outcome("applied")
        seq = batch.allocator.next()
        batch.log(entry, seq, "D", {}, scope, passed_on)
        if record is None:
            batch.records[(entry.entity, entry.entity_id)] = RecordState(
                entry.entity, entry.entity_id, old_values, {}, True, scope, seq, new=True
            )
        else:
            concurrent = {
                f: v
                for f, v in versions.items()
                if int(v[0]) != entry.base.get(f, 0) and v[2] != device and f in data
            }
            if concurrent:
                newest = max(concurrent.values(), key=lambda v: (int(v[1]), str(v[2])))
                specs.append(
                    ConflictSpec(
                        kind="delete_vs_edit",
                        field=",".join(sorted(concurrent)),
                        winner_value=None,
                        # The whole record as it was, so that "keep mine" can restore it.
                        loser_value=data,
                        winner_device=device,
                        winner_hlc=effective,
                        loser_device=str(newest[2]),
                        loser_hlc=int(newest[1]),
                        loser_author="",
                        skewed=not trusted or int(newest[1]) == 0,
                    )
                )
                status = "merged"
            record.deleted = True
            record.updated_seq = seq
            record.dirty = True
            _forget_unique(batch, record)
            _forget_keys(batch, record)
        batch.record_conflicts(entry.entity, entry.entity_id, scope, specs)
        cascaded = _cascade_delete(batch, entry, entry.entity, entry.entity_id, passed_on)
        if cascaded:
            status = "merged"
        return Outcome(status, conflicts=len(specs) + cascaded)

    if record is not None and record.deleted:
        if entry.op == "U":
            # An edit of a record someone deleted: the delete stands, the edit is kept as a conflict, and the
            # delete is announced again for a device that skipped it while it had this edit unsent.
            seq = batch.allocator.next()
            batch.log(entry, seq, "D", {}, scope, passed_on)
            record.updated_seq = seq
            record.dirty = True
            specs.append(
                ConflictSpec(
                    kind="edit_vs_delete",
                    field=",".join(sorted(new_values)),
                    winner_value=None,
                    loser_value={**data, **new_values},
                    winner_device=SERVER_DEVICE,
                    winner_hlc=0,
                    loser_device=device,
                    loser_hlc=effective,
                    loser_author=entry.author,
                    skewed=not trusted,
                )
            )
            batch.record_conflicts(entry.entity, entry.entity_id, scope, specs)
            return Outcome("lost", conflicts=1, reason="记录已被删除")
        # An insert with the id of a deleted record is a deliberate restore ("keep mine" of a delete conflict).
        data, versions = {}, {}

    merged_values = {**data, **new_values}
    dangling = _dangling_reference(batch, entry, merged_values, new_values)
    if dangling is not None and not dangling[1]:
        return batch.quarantine(entry, f"{label(dangling[0])}指向的记录在县服务器上不存在，未保存")
    if dangling is not None:
        return _hold_orphan(
            batch, entry, record, scope, merged_values, dangling[0], effective, passed_on, trusted
        )
    taken = _taken_key(batch, entry, record, merged_values, new_values)
    if taken is not None:
        return batch.quarantine(entry, taken)
    duplicate = _duplicate_of(batch, entry, record, new_values)
    if duplicate is not None:
        return _hold_duplicate(batch, entry, scope, duplicate, new_values)
    refused = subsidy_guard.subsidy_problem(batch, entry, record, new_values, scope)
    if refused is None:
        refused = employment_guard.employment_problem(batch, entry, record, new_values, scope)
    if refused is not None:
        return batch.quarantine(entry, refused)

    applied: dict[str, Any] = {}
    lost: list[str] = []
    for name, value in new_values.items():
        current = versions.get(name)
        if (
            record is None
            or current is None
            or int(current[0]) == entry.base.get(name, 0)
            or current[2] == device
        ):
            applied[name] = value
            continue
        if data.get(name) == value:
            continue  # both sides typed the same value
        if (effective, device) > (int(current[1]), str(current[2])):
            applied[name] = value
            specs.append(
                ConflictSpec(
                    kind="field",
                    field=name,
                    winner_value=value,
                    loser_value=data.get(name),
                    winner_device=device,
                    winner_hlc=effective,
                    loser_device=str(current[2]),
                    loser_hlc=int(current[1]),
                    loser_author="",
                    skewed=not trusted or int(current[1]) == 0,
                )
            )
        else:
            lost.append(name)
            specs.append(
                ConflictSpec(
                    kind="field",
                    field=name,
                    winner_value=data.get(name),
                    loser_value=value,
                    winner_device=str(current[2]),
                    winner_hlc=int(current[1]),
                    loser_device=device,
                    loser_hlc=effective,
                    loser_author=entry.author,
                    skewed=not trusted or int(current[1]) == 0,
                )
            )
    if record is None:
        record = RecordState(entry.entity, entry.entity_id, {}, {}, False, scope, 0, new=True)
        batch.records[(entry.entity, entry.entity_id)] = record
    encoded: str | None = None
    is_new = False
    first_insert = record.new and not record.insert_logged
    if applied or first_insert or not data:
        seq = batch.allocator.next()
        for name, value in applied.items():
            data[name] = value
            versions[name] = [seq, effective, device]
        is_new = first_insert or (entry.op == "I" and not any(int(v[0]) != seq for v in versions.values()))
        record.insert_logged = record.insert_logged or is_new
        encoded = batch.log(entry, seq, "I" if is_new else "U", data if is_new else applied, scope, passed_on)
        record.updated_seq = seq
    if lost:
        # The device holds its own (losing) value; send the winning one again in case it skipped it.
        seq = batch.allocator.next()
        batch.log(
            entry,
            seq,
            "U",
            {f: data.get(f) for f in lost},
            scope,
            passed_on,
            {f: int(versions[f][0]) for f in lost},
        )
        record.updated_seq = seq
    _forget_unique(batch, record)
    _forget_keys(batch, record)
    record.data = data
    record.data_json = encoded if encoded is not None and is_new and not lost else None
    record.versions = versions
    moved_from = record.scope_path if not record.new and record.scope_path != scope else None
    record.deleted = False
    record.scope_path = scope
    record.dirty = True
    _remember_unique(batch, record)
    _remember_keys_and_children(batch, record)
    if moved_from is not None and entry.entity in PARENT_REF:
        scope_moves.rescope(batch, entry, record, moved_from, passed_on)
    if entry.entity == "org_unit":
        batch.unit_paths[entry.entity_id] = scope
        batch.unit_rows[entry.entity_id] = {
            "code": str(data.get("code", "")),
            "name": str(data.get("name", "")),
            "level": str(data.get("level", "")),
            "parent_id": data.get("parent_id"),
            "path": scope,
        }
    batch.record_conflicts(entry.entity, entry.entity_id, scope, specs)
    if lost:
        status = "lost"
    elif specs:
        status = "merged"
    return Outcome(status, conflicts=len(specs), reason="与他人的修改冲突，已保留双方的值" if specs else "")


def _invalid_values(
    entry: p.PushEntry, record: RecordState | None, data: Mapping[str, Any], new_values: Mapping[str, Any]
) -> str:
    """Why the values an insert or update would store could not be stored by a laptop ('' when they can)."""
    if entry.op == "D":
        return ""
    problems = record_check.value_problems(entry.entity, new_values)
    if record is None and entry.op == "U":
        problems.append("县服务器上没有这条记录（它的新增可能已暂存待审核），不能只修改其中几项")
    elif entry.op == "I":
        whole = new_values if record is None or record.deleted else {**data, **new_values}
        problems += record_check.missing_required(entry.entity, whole)
    return "数据不合规，未保存：" + "；".join(dict.fromkeys(problems)) if problems else ""


# --- references, unique keys and cycles ------------------------------------------------------------------

#: Roles that may write the county-owned tables.
COUNTY_ROLES = frozenset({access.Role.COUNTY, access.Role.COUNTY_ADMIN})
TOWNSHIP_ROLES = COUNTY_ROLES | {access.Role.TOWNSHIP}
TOWNSHIP_OWNED_REASON = "岗位和招聘会只能由乡镇或县里录入；本设备的这条修改未生效，已交县里审核"
COUNTY_OWNED_REASON = "行政区划、补助标准、学校、企业和合作协议等县级基础数据只能由县里修改；本设备的这条修改未生效，已交县里审核"


def _makes_cycle(
    unit_id: str, scope: str | None, data: Mapping[str, Any], new_values: Mapping[str, Any]
) -> bool:
    """An org unit whose parent is itself or one of its own descendants (the parent's path names it)."""
    parent_id = {**data, **new_values}.get("parent_id")
    if parent_id is None:
        return False
    parent_path = scope[: -(len(unit_id) + 1)] if scope is not None else ""
    return parent_id == unit_id or f"/{unit_id}/" in parent_path


def _dangling_reference(
    batch: Batch, entry: p.PushEntry, merged: Mapping[str, Any], new_values: Mapping[str, Any]
) -> tuple[str, bool] | None:
    """The first parent the entry names that is not live on the server, as (field, deleted): a missing parent
    holds the entry back; a deleted one makes it an orphan (``_hold_orphan``)."""
    for ref in record_check.references(entry.entity):
        if ref.field not in new_values or merged.get(ref.field) is None:
            continue
        target_id = str(merged[ref.field])
        if ref.target == "org_unit":
            if batch.unit_path(target_id) is None:
                return ref.field, False
            continue
        parent = batch.record(ref.target, target_id)
        if parent is None or parent.deleted:
            return ref.field, parent is not None
    return None


def _hold_orphan(
    batch: Batch,
    entry: p.PushEntry,
    record: RecordState | None,
    scope: str,
    values: dict[str, Any],
    field_name: str,
    effective: int,
    passed_on: int,
    trusted: bool,
) -> Outcome:
    """A record added (or re-pointed) under a parent someone deleted meanwhile: delete wins, as for an edit of
    a deleted record. The record is kept as a tombstone holding its values and as an ``edit_vs_delete``
    conflict that both sides see; its delete is announced so the adding laptop does not keep a record the
    county does not have (its own cascade would remove it silently)."""
    if record is not None and not record.deleted:
        return batch.quarantine(entry, f"{label(field_name)}指向的记录已被删除，未保存")
    seq = batch.allocator.next()
    batch.log(entry, seq, "D", {}, scope, passed_on)
    if record is None:
        record = RecordState(entry.entity, entry.entity_id, values, {}, True, scope, seq, new=True)
        batch.records[(entry.entity, entry.entity_id)] = record
    record.data, record.deleted, record.updated_seq, record.dirty = values, True, seq, True
    batch.record_conflicts(
        entry.entity,
        entry.entity_id,
        scope,
        [
            ConflictSpec(
                kind="edit_vs_delete",
                field=field_name,
                winner_value=None,
                loser_value=values,
                winner_device=SERVER_DEVICE,
                winner_hlc=0,
                loser_device=batch.pusher.device_id,
                loser_hlc=effective,
                loser_author=entry.author,
                skewed=not trusted,
            )
        ],
    )
    return Outcome(
        "lost",
        conflicts=1,
        reason=f"{label(field_name)}指向的记录已被他人删除，本条未生效，已作为冲突保留（可在冲突中查看和恢复）",
    )


def _cascade_delete(batch: Batch, entry: p.PushEntry, entity: str, entity_id: str, hlc: int) -> int:
    """Delete the live children of a deleted record, as a laptop's ``ON DELETE CASCADE`` does. A child the
    deleting device could not have seen (changed by another device after what it had pulled) is kept in a
    ``delete_vs_edit`` conflict; the others it deletes itself in later entries. Returns the conflicts made."""
    conflicts = 0
    device = batch.pusher.device_id
    for child_entity, child_id in sorted(batch.children_of(entity, entity_id)):
        refs = [r for r in record_check.references(child_entity) if r.target == entity and r.cascade]
        child = batch.record(child_entity, child_id)
        if child is None or child.deleted or not any(child.data.get(r.field) == entity_id for r in refs):
            continue
        seq = batch.allocator.next()
        # The delete is the server's decision, not one of the device's journal entries: no change id.
        batch.log(entry, seq, "D", {}, child.scope_path, hlc, of=(child_entity, child_id))
        unseen = [v for v in child.versions.values() if int(v[0]) > batch.pusher.seen_seq and v[2] != device]
        if unseen:
            newest = max(unseen, key=lambda v: (int(v[1]), str(v[2])))
            conflicts += 1
            batch.record_conflicts(
                child_entity,
                child_id,
                child.scope_path,
                [
                    ConflictSpec(
                        kind="delete_vs_edit",
                        field=",".join(r.field for r in refs),
                        winner_value=None,
                        loser_value=child.data,
                        winner_device=device,
                        winner_hlc=0,
                        loser_device=str(newest[2]),
                        loser_hlc=int(newest[1]),
                        loser_author="",
                    )
                ],
            )
        _forget_unique(batch, child)
        _forget_keys(batch, child)
        child.deleted, child.updated_seq, child.dirty = True, seq, True
        conflicts += _cascade_delete(batch, entry, child_entity, child_id, hlc)
    return conflicts


def _taken_key(
    batch: Batch,
    entry: p.PushEntry,
    record: RecordState | None,
    merged: Mapping[str, Any],
    new_values: Mapping[str, Any],
) -> str | None:
    """A unique key (org-unit code, household number, one enrollment per term, …) another live record holds:
    a laptop's unique index would refuse it, so the entry is held with a reason."""
    for key, value in _keys_set(entry.entity, merged, new_values):
        holder = batch.key_holder(entry.entity, key.name, value)
        if holder is not None and holder != entry.entity_id:
            shown = " / ".join(value.split("\x1f"))
            return f"{record_check.key_label(key)}“{shown}”已被另一条记录使用，未保存（请核对后修改）"
    return None


def _forget_keys(batch: Batch, record: RecordState) -> None:
    for row in keys_of(record.entity, record.entity_id, record.data):
        cache_key = (record.entity, row["key_name"], row["key_value"])
        if batch.key_owner.get(cache_key, record.entity_id) == record.entity_id:
            batch.key_owner[cache_key] = None


def _remember_keys_and_children(batch: Batch, record: RecordState) -> None:
    for row in keys_of(record.entity, record.entity_id, None if record.deleted else record.data):
        batch.key_owner[(record.entity, row["key_name"], row["key_value"])] = record.entity_id
    for row in refs_of(record.entity, record.entity_id, None if record.deleted else record.data):
        batch.new_children.setdefault((row["ref_entity"], row["ref_id"]), set()).add(
            (record.entity, record.entity_id)
        )


# --- duplicate ID numbers ---------------------------------------------------------------------------------


def _duplicate_of(
    batch: Batch, entry: p.PushEntry, record: RecordState | None, new_values: Mapping[str, Any]
) -> str | None:
    """The id of another live record already holding the unique value this entry would set, or None."""
    unique = UNIQUE_FIELDS.get(entry.entity)
    if unique is None or unique not in new_values:
        return None
    if new_values[unique] in (None, "") or len(str(new_values[unique])) > UNIQUE_KEY_LENGTH:
        return None
    value = str(new_values[unique])
    if record is not None and not record.deleted and str(record.data.get(unique)) == value:
        return None
    holder = batch.unique_holder(entry.entity, value)
    return holder if holder is not None and holder != entry.entity_id else None


def _hold_duplicate(
    batch: Batch, entry: p.PushEntry, scope: str, existing_id: str, new_values: Mapping[str, Any]
) -> Outcome:
    """The same ID number as another person: neither merged nor kept twice. The entry goes to the county's
    duplicate review queue (``yulu-server admin duplicates``) and the device is told."""
    unique = UNIQUE_FIELDS[entry.entity]
    batch.duplicate_rows.append(
        {
            "id": str(uuid.uuid4()),
            "entity": entry.entity,
            "field": unique,
            "value": batch.unique_key(entry.entity, str(new_values[unique])),
            "existing_id": existing_id,
            "incoming_id": entry.entity_id,
            "device_id": batch.pusher.device_id,
            "change_id": entry.change_id,
            "entry": batch.cipher.seal_blob(entry.model_dump_json()),
            "scope_path": scope,
            "received_at": batch.received_at,
            "status": "open",
            "resolution": "",
            "resolved_by": "",
        }
    )
    return Outcome(
        "quarantined",
        reason=f"身份证号 {new_values[unique]} 已登记为另一人，已交县里核查重复（不会自动合并）",
    )


def _forget_unique(batch: Batch, record: RecordState) -> None:
    unique = UNIQUE_FIELDS.get(record.entity)
    if unique is not None and record.data.get(unique) not in (None, ""):
        key = (record.entity, str(record.data[unique]))
        if batch.unique_owner.get(key) == record.entity_id:
            batch.unique_owner[key] = None


def _remember_unique(batch: Batch, record: RecordState) -> None:
    unique = UNIQUE_FIELDS.get(record.entity)
    if unique is not None and record.data.get(unique) not in (None, "") and not record.deleted:
        batch.unique_owner[(record.entity, str(record.data[unique]))] = record.entity_id


def index_record(conn: Connection, entity: str, entity_id: str, data: Mapping[str, Any]) -> None:
    """Index the unique keys and parents of a new live record written outside a batch (admin commands), so
    that the merge's checks see it."""
    _write_keys_and_refs(conn, [RecordState(entity, entity_id, dict(data), {}, False, "", 0, new=True)])
