"""The device side of sync inside the local database: enrollment state, base versions, applying pulled pages.

Applying a page of pulled changes happens in one local transaction together with the new cursor, with the journal
triggers silenced (``device_state.applying_remote``) because these changes already exist on the server. A field
with an unsent local change is never overwritten: the local value goes to the server with the next push, and the
server merges it (and records a conflict if the two were concurrent).
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text

from yulu_desktop.store import journal, search_index, triggers
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import pull_guard
from yulu_desktop.sync.notes import add_local_note as add_local_note

#: Marks a record whose unsent local change is a delete (every field counts as changed).
ALL_FIELDS = "*"


@dataclass(frozen=True, slots=True)
class SyncState:
    device_id: str
    server_url: str
    private_key: bytes | None
    cadre_username: str
    cadre_name: str
    jurisdiction_id: str
    jurisdiction_name: str
    pull_cursor: int
    last_sync_at: datetime | None
    last_error: str
    #: The county server's public keys for USB bundles (base64; '' until a server that has them said so).
    server_bundle_key: str = ""
    server_signing_key: str = ""
    #: The cadre's role from enrollment ('' before; a server older than protocol 4 says nothing: village).
    cadre_role: str = ""
    #: SHA-256 (hex) of the server's TLS certificate seen at enrollment; '' for plain HTTP on loopback.
    server_cert_sha256: str = ""

    @property
    def enrolled(self) -> bool:
        return self.private_key is not None and bool(self.server_url)


def read_state(conn: Connection) -> SyncState:
    row = conn.execute(
        text(
            "SELECT server_url, private_key, cadre_username, cadre_name, jurisdiction_id, jurisdiction_name, "
            "pull_cursor, last_sync_at, last_error, server_bundle_key, server_signing_key, cadre_role, "
            "server_cert_sha256 FROM sync_state WHERE id = 1"
        )
    ).one()
    last_sync = row[7]
    if isinstance(last_sync, str):
        last_sync = datetime.fromisoformat(last_sync)
    return SyncState(
        device_id=journal.device_id(conn),
        server_url=row[0],
        private_key=bytes(row[1]) if row[1] is not None else None,
        cadre_username=row[2],
        cadre_name=row[3],
        jurisdiction_id=row[4],
        jurisdiction_name=row[5],
        pull_cursor=int(row[6]),
        last_sync_at=last_sync,
        last_error=row[8],
        server_bundle_key=row[9] or "",
        server_signing_key=row[10] or "",
        cadre_role=row[11] or "",
        server_cert_sha256=row[12] or "",
    )


def save_enrollment(
    conn: Connection, *, server_url: str, private_key: bytes, response: p.EnrollResponse
) -> None:
    conn.execute(
        text(
            "UPDATE sync_state SET server_url = :url, private_key = :key, enrolled_at = :at, "
            "cadre_username = :username, cadre_name = :name, cadre_role = :role, jurisdiction_id = :jid, "
            "jurisdiction_name = :jname WHERE id = 1"
        ),
        {
            "url": server_url,
            "key": private_key,
            "at": _now_text(),
            "username": response.cadre_username,
            "name": response.cadre_name,
            "role": response.cadre_role,
            "jid": response.jurisdiction.id,
            "jname": response.jurisdiction.name,
        },
    )
    conn.execute(
        text("UPDATE device_state SET author = :author WHERE id = 1 AND author = ''"),
        {"author": response.cadre_name or response.cadre_username},
    )
    save_server_keys(conn, response)


def save_cadre_role(conn: Connection, role: str) -> None:
    """The cadre's role as the server knows it (a county may change it; laptops enrolled before protocol 4
    learn it at their next sync)."""
    conn.execute(
        text("UPDATE sync_state SET cadre_role = :role WHERE id = 1 AND cadre_role != :role"), {"role": role}
    )


def save_server_keys(conn: Connection, keys: p.BundleKeys) -> None:
    """Keep the server's public keys for USB bundles (from enroll and every hello; an older server sends none,
    and then the ones known stay)."""
    if keys.bundle_key and keys.bundle_signing_key:
        conn.execute(
            text(
                "UPDATE sync_state SET server_bundle_key = :enc, server_signing_key = :sig WHERE id = 1 "
                "AND (server_bundle_key IS NOT :enc OR server_signing_key IS NOT :sig)"
            ),
            {"enc": keys.bundle_key, "sig": keys.bundle_signing_key},
        )


def record_sync_result(conn: Connection, *, error: str = "", success: bool) -> None:
    if success:
        conn.execute(
            text("UPDATE sync_state SET last_sync_at = :at, last_error = '' WHERE id = 1"),
            {"at": _now_text()},
        )
    else:
        conn.execute(text("UPDATE sync_state SET last_error = :error WHERE id = 1"), {"error": error})


def _now_text() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")


# --- push side ------------------------------------------------------------------------------------------


def base_versions(conn: Connection, entries: Sequence[journal.JournalEntry]) -> list[dict[str, int]]:
    """For each entry, the server version of each field it changes, as this device last received it.

    One query per entity for the whole batch. A ``*`` row is the version of every field of a record received
    whole (an insert) that has no row of its own.
    """
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        wanted.setdefault(entry.entity, set()).add(entry.entity_id)
    known: dict[tuple[str, str], dict[str, int]] = {}
    cursor = conn.connection.cursor()
    for entity, ids in wanted.items():
        for chunk in _chunks(sorted(ids)):
            cursor.execute(
                "SELECT entity_id, field, version FROM sync_field_version "
                f"WHERE entity = ? AND entity_id IN ({', '.join('?' * len(chunk))})",
                (entity, *chunk),
            )
            for entity_id, name, version in cursor.fetchall():
                known.setdefault((entity, entity_id), {})[name] = int(version)
    result = []
    for entry in entries:
        versions = known.get((entry.entity, entry.entity_id), {})
        whole = versions.get(ALL_FIELDS)
        base = {}
        for name in entry.changes:
            version = versions.get(name, whole)
            if version is not None:
                base[name] = version
        result.append(base)
    return result


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def to_push_entry(entry: journal.JournalEntry, base: dict[str, int]) -> p.PushEntry:
    return p.PushEntry(
        seq=entry.seq,
        change_id=entry.change_id,
        entity=entry.entity,
        entity_id=entry.entity_id,
        op=entry.op,  # type: ignore[arg-type]
        changes=entry.changes,
        base=base,
        hlc=entry.hlc,
        author=entry.author,
    )


def unreported_resolutions(conn: Connection) -> list[p.ConflictResolution]:
    rows = conn.execute(
        text(
            "SELECT id, resolution, resolved_by FROM sync_conflict "
            "WHERE status = 'resolved' AND reported = 0 AND kind IN ('field', 'edit_vs_delete', 'delete_vs_edit')"
        )
    ).all()
    return [
        p.ConflictResolution(conflict_id=r[0], resolution=r[1], resolved_by=r[2])
        for r in rows
        if r[1] in ("keep_current", "use_other", "edited")
    ]


def mark_reported(conn: Connection, conflict_ids: Iterable[str]) -> None:
    for conflict_id in conflict_ids:
        conn.execute(text("UPDATE sync_conflict SET reported = 1 WHERE id = :id"), {"id": conflict_id})


# --- pull side --------------------------------------------------------------------------------------------


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while pulled pages are parsed and applied.

    A page of 5,000 changes is some 20,000 new dicts and objects; the collector's full passes walk them (and
    everything else alive) again and again, about a tenth of a first pull's CPU. Nothing a page creates forms
    cycles; what is freed by reference counting goes at once as before. The collector runs again afterwards
    (unless someone else had paused it).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@dataclass
class ApplyStats:
    applied: int = 0
    kept_local: int = 0
    missing: int = 0
    conflicts: int = 0
    rejected: int = 0
    details: list[str] = field(default_factory=list)


def pending_fields(conn: Connection) -> dict[tuple[str, str], set[str]]:
    """Fields with unsent local changes, per record (``ALL_FIELDS`` for a record deleted or created locally)."""
    rows = conn.execute(
        text(
            "SELECT entity, entity_id, op, changes FROM change_journal "
            "WHERE seq > (SELECT acked_seq FROM device_state WHERE id = 1)"
        )
    ).all()
    result: dict[tuple[str, str], set[str]] = {}
    for entity, entity_id, op, changes in rows:
        fields = result.setdefault((entity, entity_id), set())
        if op == "D":
            fields.add(ALL_FIELDS)
        else:
            fields.update(json.loads(changes))
    return result


def apply_page(db: Database, changes: Sequence[p.Change], next_cursor: int) -> ApplyStats:
    """Apply one pulled page and store the cursor, in one transaction.

    A change whose values this laptop cannot store is set aside first, with a note (``pull_guard``). Then all
    at once, set-based; if the database still refuses a row (say, the same ID number registered as two people in
    two villages, or a parent this laptop does not have), again change by change in savepoints, so one bad row is
    set aside as a note and the rest of the page applies: nothing a server sends can stop every later sync.
    """
    try:
        return _apply(db, changes, next_cursor, careful=False)
    except pull_guard.APPLY_ERRORS:
        return _apply(db, changes, next_cursor, careful=True)


class _Statements:
    """Runs statements through the driver's cursor, batching consecutive runs of one SQL into ``executemany``.

    Pulled changes are applied in server order (parents before children, an insert before its edits); runs of
    the same statement keep that order while avoiding SQLAlchemy's per-statement compile and bind work, which
    was most of the cost of the first version (about 1,000 changes/s).
    """

    def __init__(self, cursor: Any) -> None:
        self.cursor = cursor
        self.sql = ""
        self.rows: list[tuple[Any, ...]] = []

    def run(self, sql: str, params: tuple[Any, ...]) -> None:
        if sql != self.sql:
            self.flush()
            self.sql = sql
        self.rows.append(params)

    def flush(self) -> None:
        if self.rows:
            if len(self.rows) == 1:
                self.cursor.execute(self.sql, self.rows[0])
            else:
                self.cursor.executemany(self.sql, self.rows)
            self.rows = []


@dataclass(slots=True)
class _VersionPlan:
    """What a page does to one record's base versions: start over (``reset``) and/or set these fields."""

    reset: bool = False
    fields: dict[str, int] = field(default_factory=dict)


def _existing_ids(cursor: Any, changes: Sequence[p.Change]) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {}
    for change in changes:
        if change.entity in SHARED_TABLES:
            wanted.setdefault(change.entity, set()).add(change.entity_id)
    found: dict[str, set[str]] = {}
    for table, ids in wanted.items():
        present = found.setdefault(table, set())
        for chunk in _chunks(sorted(ids)):
            cursor.execute(
                f'SELECT id FROM "{table}" WHERE id IN ({", ".join("?" * len(chunk))})', tuple(chunk)
            )
            present.update(r[0] for r in cursor.fetchall())
    return found


def _current_rows(
    cursor: Any, changes: Sequence[p.Change], exists: dict[str, set[str]]
) -> dict[tuple[str, str], dict[str, Any]]:
    """The stored values of the records a page updates (only differing columns are written)."""
    wanted: dict[str, set[str]] = {}
    for change in changes:
        if change.op != "D" and change.entity_id in exists.get(change.entity, ()):
            wanted.setdefault(change.entity, set()).add(change.entity_id)
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    for table, ids in wanted.items():
        for chunk in _chunks(sorted(ids)):
            cursor.execute(
                f'SELECT * FROM "{table}" WHERE id IN ({", ".join("?" * len(chunk))})', tuple(chunk)
            )
            names = [d[0] for d in cursor.description]
            for values in cursor.fetchall():
                row = dict(zip(names, values, strict=True))
                rows[(table, row["id"])] = row
    return rows


@dataclass
class _Page:
    """What applying one page works with: the connection, the batched statements, and what is known of the
    records it touches (kept up to date as changes apply, and put back when careful mode rolls one back)."""

    conn: Connection
    cursor: Any
    statements: _Statements
    pending: dict[tuple[str, str], set[str]]
    exists: dict[str, set[str]]
    current: dict[tuple[str, str], dict[str, Any]]
    plans: dict[tuple[str, str], _VersionPlan] = field(default_factory=dict)
    stats: ApplyStats = field(default_factory=ApplyStats)
    #: Records this page deletes: an earlier change of one that cannot be stored is superseded, not a problem.
    deleted: set[tuple[str, str]] = field(default_factory=set)


def _apply(db: Database, changes: Sequence[p.Change], next_cursor: int, *, careful: bool) -> ApplyStats:
    with db.write_connection() as conn:
        pending = pending_fields(conn)
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        cursor = conn.connection.cursor()
        exists = _existing_ids(cursor, changes)
        page = _Page(
            conn, cursor, _Statements(cursor), pending, exists, _current_rows(cursor, changes, exists)
        )
        page.deleted = {(c.entity, c.entity_id) for c in changes if c.op in ("D", p.LEAVE_SCOPE)}
        newest = 0
        # Many new people (a first pull): their search-index rows are written in one statement at the end
        # instead of by the insert trigger, row by row (not in careful mode: a savepoint may roll back one).
        new_people = (
            []
            if careful
            else [
                c.entity_id
                for c in changes
                if c.entity == "person" and c.op != "D" and c.entity_id not in exists.get("person", ())
            ]
        )
        bulk_index = len(new_people) >= search_index.BULK_THRESHOLD
        dropped = [] if careful else journal.insert_trigger_names(_bulk_insert_tables(changes))
        if bulk_index:
            dropped.append(search_index.INSERT_TRIGGER)
        problems_at = pull_guard.page_problems(changes)
        with triggers.dropped(cursor, dropped):
            for index, change in enumerate(changes):
                newest = max(newest, change.hlc)
                problems = problems_at.get(index)
                if problems:
                    _set_aside(page, change, pull_guard.problems_reason(problems))
                elif careful:
                    _apply_carefully(page, change)
                else:
                    _apply_change(page, change)
            page.statements.flush()
        pull_guard.close_deleted(conn, page.deleted)
        if bulk_index:
            search_index.index_people(cursor, new_people)
        _write_versions(cursor, page.plans)
        conn.execute(
            text("UPDATE sync_state SET pull_cursor = :cursor WHERE id = 1 AND pull_cursor < :cursor"),
            {"cursor": next_cursor},
        )
        # Hybrid logical clock: later local changes sort after everything received (the server clamps
        # timestamps from clocks that run ahead, so a wrong clock elsewhere cannot drag this one forward).
        conn.execute(
            text("UPDATE device_state SET hlc_floor = max(hlc_floor, :h), applying_remote = 0 WHERE id = 1"),
            {"h": newest},
        )
    return page.stats


#: From this many inserts of one table in a page on, its journal insert trigger is dropped while the page
#: applies (``store.triggers.dropped``): silenced, it still runs a program per row.
BULK_INSERTS = 200


def _bulk_insert_tables(changes: Sequence[p.Change]) -> list[str]:
    inserts = Counter(c.entity for c in changes if c.op == "I" and c.entity in SHARED_TABLES)
    return sorted(table for table, count in inserts.items() if count >= BULK_INSERTS)


def _apply_change(page: _Page, change: p.Change) -> None:
    if change.entity == p.CONFLICT_ENTITY:
        page.statements.flush()
        _apply_conflict(page.conn, change)
        page.stats.conflicts += 1
        return
    _apply_one(page.statements, change, page.pending, page.exists, page.plans, page.stats, page.current)


def _set_aside(page: _Page, change: p.Change, reason: str) -> None:
    page.stats.rejected += 1
    pull_guard.note_rejected(page.conn, change, reason)


@dataclass(frozen=True, slots=True)
class _Saved:
    """What one change may alter in a ``_Page``, kept before careful mode tries it."""

    plan: _VersionPlan | None
    existed: bool
    row: dict[str, Any] | None
    counts: tuple[int, int, int, int]

    @classmethod
    def of(cls, page: _Page, change: p.Change) -> _Saved:
        key = (change.entity, change.entity_id)
        plan = page.plans.get(key)
        row = page.current.get(key)
        stats = page.stats
        return cls(
            None if plan is None else _VersionPlan(plan.reset, dict(plan.fields)),
            change.entity_id in page.exists.get(change.entity, set()),
            None if row is None else dict(row),
            (stats.applied, stats.kept_local, stats.missing, stats.conflicts),
        )

    def restore(self, page: _Page, change: p.Change) -> None:
        key = (change.entity, change.entity_id)
        _restore(change, page.exists, page.plans, self.plan, self.existed)
        if self.row is not None:
            page.current[key] = self.row
        stats = page.stats
        stats.applied, stats.kept_local, stats.missing, stats.conflicts = self.counts


def _apply_carefully(page: _Page, change: p.Change) -> None:
    """One change in a savepoint: when the database refuses it, it is rolled back and set aside with a note."""
    saved = _Saved.of(page, change)
    page.cursor.execute("SAVEPOINT yulu_apply_one")
    try:
        _apply_change(page, change)
        page.statements.flush()
    except pull_guard.APPLY_ERRORS as exc:
        page.statements.rows = []
        page.cursor.execute("ROLLBACK TO yulu_apply_one")
        page.cursor.execute("RELEASE yulu_apply_one")
        saved.restore(page, change)
        if (change.entity, change.entity_id) not in page.deleted:
            _set_aside(page, change, pull_guard.error_reason(exc))
    else:
        page.cursor.execute("RELEASE yulu_apply_one")


def _restore(
    change: p.Change,
    exists: dict[str, set[str]],
    plans: dict[tuple[str, str], _VersionPlan],
    plan: _VersionPlan | None,
    existed: bool,
) -> None:
    """Put back what a rolled-back change planned (careful mode)."""
    key = (change.entity, change.entity_id)
    if plan is None:
        plans.pop(key, None)
    else:
        plans[key] = plan
    present = exists.setdefault(change.entity, set())
    if existed:
        present.add(change.entity_id)
    else:
        present.discard(change.entity_id)


def _write_versions(cursor: Any, plans: dict[tuple[str, str], _VersionPlan]) -> None:
    resets = _with_versions(cursor, [key for key, plan in plans.items() if plan.reset])
    if resets:
        cursor.executemany("DELETE FROM sync_field_version WHERE entity = ? AND entity_id = ?", resets)
    rows = [
        (key[0], key[1], name, version)
        for key, plan in plans.items()
        for name, version in plan.fields.items()
    ]
    if rows:
        cursor.executemany(
            "INSERT INTO sync_field_version (entity, entity_id, field, version) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (entity, entity_id, field) DO UPDATE SET version = excluded.version",
            rows,
        )


def _with_versions(cursor: Any, keys: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The records among ``keys`` that have base-version rows (a record received whole starts over; in a first
    pull none has any, and a ``DELETE`` per record would be a B-tree search each for nothing)."""
    if not keys:
        return []
    wanted: dict[str, list[str]] = {}
    for entity, entity_id in keys:
        wanted.setdefault(entity, []).append(entity_id)
    found: list[tuple[str, str]] = []
    for entity, ids in wanted.items():
        for chunk in _chunks(ids):
            cursor.execute(
                "SELECT DISTINCT entity_id FROM sync_field_version "
                f"WHERE entity = ? AND entity_id IN ({', '.join('?' * len(chunk))})",
                (entity, *chunk),
            )
            found += [(entity, r[0]) for r in cursor.fetchall()]
    return found


_COLUMNS: dict[str, frozenset[str]] = {
    name: frozenset(c.name for c in t.columns) for name, t in SHARED_TABLES.items()
}


def _known_fields(table: str, fields: dict[str, Any]) -> dict[str, Any]:
    """The fields of a pulled change that are columns here (a newer app may send more), without ``id``."""
    names = _usable_names(table, tuple(fields))
    return fields if names is None else {f: fields[f] for f in names}


@functools.lru_cache(maxsize=1024)
def _usable_names(table: str, names: tuple[str, ...]) -> tuple[str, ...] | None:
    """None when every name is a column other than ``id`` (the common case: the dict is used as it is)."""
    columns = _COLUMNS[table]
    usable = tuple(f for f in names if f in columns and f != "id")
    return None if usable == names else usable


@functools.lru_cache(maxsize=512)
def _update_sql(table: str, names: tuple[str, ...]) -> str:
    assignments = ", ".join(f'"{f}" = ?' for f in names)
    return f'UPDATE "{table}" SET {assignments} WHERE id = ?'


@functools.lru_cache(maxsize=512)
def _insert_sql(table: str, names: tuple[str, ...]) -> str:
    columns = ", ".join(f'"{n}"' for n in ("id", *names))
    return f'INSERT INTO "{table}" ({columns}) VALUES ({", ".join("?" * (len(names) + 1))})'


def _apply_one(
    statements: _Statements,
    change: p.Change,
    pending: dict[tuple[str, str], set[str]],
    exists: dict[str, set[str]],
    plans: dict[tuple[str, str], _VersionPlan],
    stats: ApplyStats,
    current: dict[tuple[str, str], dict[str, Any]],
) -> None:
    if change.entity not in SHARED_TABLES:
        stats.missing += 1  # an entity of a newer app version: the server keeps it
        return
    table = change.entity
    key = (table, change.entity_id)
    local = pending.get(key, _NO_FIELDS)
    present = exists.get(table)
    if present is None:
        present = exists[table] = set()
    if change.op == p.LEAVE_SCOPE:
        # Moved out of this laptop's jurisdiction (迁出): drop the copy, silently (the triggers are off while a
        # page applies), children first as the server sends them. Not a delete: the record lives on elsewhere.
        # Unsent local edits stay in the journal and still go up: the server accepts an edit made before the
        # laptop learned of the move.
        if change.entity_id in present:
            statements.run(f'DELETE FROM "{table}" WHERE id = ?', (change.entity_id,))
            present.discard(change.entity_id)
        plans[key] = _VersionPlan(reset=True)
        stats.applied += 1
        return
    if change.op == "D":
        if local:
            stats.kept_local += 1  # the local edit goes up with the next push; the server decides
            return
        if change.entity_id in present:
            statements.run(f'DELETE FROM "{table}" WHERE id = ?', (change.entity_id,))
            present.discard(change.entity_id)
        plans[key] = _VersionPlan(reset=True)
        stats.applied += 1
        return
    if ALL_FIELDS in local:
        stats.kept_local += 1
        return
    values = _known_fields(table, change.fields)
    if local and not local.isdisjoint(values):
        values = {f: v for f, v in values.items() if f not in local}
        stats.kept_local += 1
    if change.entity_id in present:
        row = current.get(key)
        differing = values if row is None else {f: v for f, v in values.items() if row.get(f) != v}
        if table == "person" and "name" in differing:
            differing = search_index.with_search_key(differing)
        if differing:
            # Only the columns that differ: a device's own changes come back from the server, and an update
            # naming a person's searchable columns rewrites their search-index row (a trigger).
            statements.run(_update_sql(table, tuple(differing)), (*differing.values(), change.entity_id))
            if row is not None:
                row.update(differing)
        plan = plans.setdefault(key, _VersionPlan())
        plan.fields.update({f: change.versions.get(f, change.seq) for f in values})
    elif change.op == "I" or _complete(table, values):
        written = search_index.with_search_key(values) if table == "person" else values
        statements.run(_insert_sql(table, tuple(written)), (change.entity_id, *written.values()))
        present.add(change.entity_id)
        if not local:
            # A record received whole: one version row for all its fields, plus the few that differ.
            plan = plans[key] = _VersionPlan(reset=True, fields={ALL_FIELDS: change.seq})
            if change.versions:
                plan.fields.update(
                    {f: v for f, v in change.versions.items() if f in values and v != change.seq}
                )
        else:
            plan = plans.setdefault(key, _VersionPlan())
            plan.fields.update({f: change.versions.get(f, change.seq) for f in values})
    else:
        stats.missing += 1
        return
    stats.applied += 1


#: The pending fields of a record without local changes (shared: never changed).
_NO_FIELDS: frozenset[str] = frozenset()


def _complete(table: str, values: dict[str, Any]) -> bool:
    required = {
        c.name
        for c in SHARED_TABLES[table].columns
        if not c.nullable and c.server_default is None and not c.primary_key
    }
    return required <= set(values)


_CONFLICT_COLUMNS = (
    "kind",
    "entity",
    "entity_id",
    "field",
    "winner_value",
    "loser_value",
    "winner_device",
    "loser_device",
    "winner_hlc",
    "loser_hlc",
    "loser_author",
    "clock_skew",
    "created_at",
    "resolution",
    "resolved_by",
)


def _apply_conflict(conn: Connection, change: p.Change) -> None:
    fields = dict(change.fields)
    for key in ("winner_value", "loser_value"):
        if key in fields:
            fields[key] = json.dumps(fields[key], ensure_ascii=False)
    if change.op == "I":
        values = {c: fields.get(c) for c in _CONFLICT_COLUMNS}
        values["status"] = "resolved" if values.get("resolution") else "open"
        names = ["id", *values]
        conn.execute(
            text(
                f"INSERT OR IGNORE INTO sync_conflict ({', '.join(names)}, reported) "
                f"VALUES ({', '.join(':' + n for n in names)}, 1)"
            ),
            {**values, "id": change.entity_id},
        )
    else:
        conn.execute(
            text(
                "UPDATE sync_conflict SET resolution = :resolution, resolved_by = :by, status = 'resolved', "
                "reported = 1 WHERE id = :id"
            ),
            {
                "resolution": fields.get("resolution", ""),
                "by": fields.get("resolved_by", ""),
                "id": change.entity_id,
            },
        )


# --- consistency check and repair ---------------------------------------------------------------------


def held_by_county(conn: Connection, entity: str) -> set[str]:
    """Records the server set aside for review (quarantine, duplicate ID numbers) while the cadre's note is
    open: they stay on this laptop and are not counted (the county does not count them either). A record the
    server has since sent (it has a base version here: the county released it, or the note was about an
    edit) is the county's too and is counted."""
    rows = conn.execute(
        text(
            "SELECT entity_id FROM sync_conflict c WHERE kind = 'quarantined' AND status = 'open' AND entity = :e "
            "AND NOT EXISTS (SELECT 1 FROM sync_field_version v WHERE v.entity = c.entity "
            "AND v.entity_id = c.entity_id)"
        ),
        {"e": entity},
    )
    return {r[0] for r in rows}


def scope_digest(conn: Connection, entity: str) -> tuple[int, str]:
    """Count and id digest (``protocol.id_digest``) of this device's records of ``entity``.

    Records this laptop received and could not store (an open ``rejected_remote`` note) count as present, and
    records the county does not have that this laptop could not remove (``unremovable``) do not: the cadre has
    been told once, and the check matches instead of repairing at every sync.
    """
    held = held_by_county(conn, entity)
    ids = {r[0] for r in conn.execute(text(f'SELECT id FROM "{entity}"'))}
    ids |= pull_guard.set_aside_ids(conn, entity)
    counted = ids - held - pull_guard.unremovable_ids(conn, entity)
    return len(counted), p.id_digest(counted)


def repair_scope(db: Database, entity: str, records: Sequence[p.SnapshotRecord]) -> tuple[int, int]:
    """Make this device's ``entity`` records equal to the server's ``records`` (its whole jurisdiction), keeping
    unsent local work: records and fields with pending journal entries are left alone (as in a pull).

    Records the server does not have are removed, each kept first as a note (``repaired``) with its values, so
    nothing typed disappears without a trace. Returns (records written, records removed).
    """
    changes = [
        p.Change(
            seq=max(r.versions.values(), default=0),
            entity=entity,
            entity_id=r.entity_id,
            op="I",
            fields=r.fields,
            versions=r.versions,
            hlc=0,
        )
        for r in records
    ]
    written = 0
    with db.read_connection() as conn:
        cursor = int(conn.execute(text("SELECT pull_cursor FROM sync_state WHERE id = 1")).scalar_one())
    with collector_paused():
        for start in range(0, len(changes), 2000):
            written += apply_page(db, changes[start : start + 2000], cursor).applied
    known = {r.entity_id for r in records}
    removed = 0
    with db.write_connection() as conn:
        pull_guard.close_obsolete(conn, entity, known)
        pending = pending_fields(conn)
        held = held_by_county(conn, entity)
        extra = [
            row
            for row in conn.execute(text(f'SELECT * FROM "{entity}"')).mappings()
            if row["id"] not in known and (entity, row["id"]) not in pending and row["id"] not in held
        ]
        if extra:
            conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
            removed = sum(_remove_stray(conn, entity, dict(row)) for row in extra)
            conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))
    return written, removed


def _remove_stray(conn: Connection, entity: str, row: dict[str, Any]) -> bool:
    """Remove a record the county does not have, kept first as a note. When other records here still name it
    (a restricting foreign key), it stays, with a note (once): the check then leaves it out of the count."""
    values = {k: v for k, v in row.items() if isinstance(v, str | int | float | None)}
    conn.exec_driver_sql("SAVEPOINT yulu_remove_one")
    try:
        conn.execute(text(f'DELETE FROM "{entity}" WHERE id = :id'), {"id": row["id"]})
    except pull_guard.APPLY_ERRORS:
        conn.exec_driver_sql("ROLLBACK TO yulu_remove_one")
        conn.exec_driver_sql("RELEASE yulu_remove_one")
        pull_guard.note_unremovable(conn, entity, row["id"], values)
        return False
    conn.exec_driver_sql("RELEASE yulu_remove_one")
    add_local_note(
        conn,
        kind="repaired",
        entity=entity,
        entity_id=row["id"],
        value=values,
        reason="与县服务器核对时发现县里没有这条记录，已从本机移除；原值保留在这里。",
    )
    conn.execute(
        text("DELETE FROM sync_field_version WHERE entity = :e AND entity_id = :i"),
        {"e": entity, "i": row["id"]},
    )
    return True
