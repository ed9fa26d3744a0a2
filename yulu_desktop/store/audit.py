"""The audit log as a hash chain: who saw an unmasked value, printed, exported or imported what, and when.

Every entry holds ``prev_hash`` (the ``entry_hash`` of the entry before it; ``GENESIS`` for the first) and
``entry_hash`` = SHA-256 over a canonical encoding of ``(prev_hash, id, at, actor, action, entity, entity_id,
detail)`` (``compute_hash``). Ids are consecutive from 1. So an entry that is deleted leaves a gap in the ids,
an entry that is edited no longer matches its hash, and an entry whose hash was recomputed after an edit no
longer matches the next entry's ``prev_hash``: ``verify`` names the first such link (``yulu check``).

Writers go through ``append`` only: it reads the newest entry and inserts the next one inside the caller's
write transaction (SQLite has one writer at a time, so nothing can come in between). The trigger
``yulu_journal_audit_chain`` (installed with the journal triggers, ``GUARD_STATEMENTS``) refuses any other
insert — an ORM ``add``, a bulk insert, a raw ``sqlite3`` session — whose id is not the next one, whose
``prev_hash`` is not the newest entry's hash, or that has no hash; updates and deletes are refused as before.

Someone with the passphrase can still drop the triggers and rewrite the whole chain consistently (the hash has no
secret). That is what the county's copy is for: the laptop uploads its entries after each sync
(``sync.audit_upload``), signed with its device key, and the county flags a rewritten log as a *fork* and missing
entries as a *gap* (``server.audit``). Locally, ``verify`` also compares the newest id with what the county
confirmed holding (``sync_state.audit_sent_id``), so cutting entries off the end shows too.

Entries written before migration 0005 have empty hashes. They are chained once, in id order, when the triggers
are installed after the upgrade (``chain_unhashed``), as long as no entry has a hash yet; so the chain covers
the whole log and starts at id 1. An entry without a hash after that is reported by ``verify``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime

from sqlalchemy import Connection, text

from yulu_desktop.domain import codes

#: ``prev_hash`` of the first entry.
GENESIS = ""
#: First element of the canonical encoding (a later encoding would get another tag).
HASH_TAG = "yulu-audit-1"

_CHAIN_TRIGGER = "yulu_journal_audit_chain"

#: Triggers guarding the audit log, installed by ``store.journal.install_triggers`` (prefix ``yulu_journal_``).
GUARD_STATEMENTS = [
    "CREATE TRIGGER yulu_journal_audit_no_update BEFORE UPDATE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, '审计日志只能追加，不能修改'); END",
    "CREATE TRIGGER yulu_journal_audit_no_delete BEFORE DELETE ON audit_log BEGIN "
    "SELECT RAISE(ABORT, '审计日志只能追加，不能删除'); END",
    # An auto-assigned id is -1 in a BEFORE trigger, so an insert must name the next id itself.
    f"CREATE TRIGGER {_CHAIN_TRIGGER} BEFORE INSERT ON audit_log "
    "WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit_log) "
    f"OR NEW.prev_hash IS NOT coalesce((SELECT entry_hash FROM audit_log ORDER BY id DESC LIMIT 1), '{GENESIS}') "
    "OR length(NEW.entry_hash) IS NOT 64 BEGIN "
    "SELECT RAISE(ABORT, '审计日志只能按顺序追加（哈希链不连续），已拒绝'); END",
]

#: Names of the guard triggers (``yulu check`` reports any that is missing).
GUARD_TRIGGERS = ("yulu_journal_audit_no_update", "yulu_journal_audit_no_delete", _CHAIN_TRIGGER)


@dataclass(frozen=True, slots=True)
class ChainEntry:
    """One audit entry as stored (``at`` is the stored text, which the hash covers)."""

    id: int
    at: str
    actor: str
    action: str
    entity: str
    entity_id: str
    detail: str
    prev_hash: str
    entry_hash: str

    def computed_hash(self) -> str:
        return compute_hash(
            prev_hash=self.prev_hash,
            id=self.id,
            at=self.at,
            actor=self.actor,
            action=self.action,
            entity=self.entity,
            entity_id=self.entity_id,
            detail=self.detail,
        )


def format_time(at: datetime) -> str:
    """``at`` as stored: UTC without a zone, in SQLAlchemy's SQLite format (so the ORM reads it back)."""
    if at.tzinfo is not None:
        at = at.astimezone(UTC).replace(tzinfo=None)
    return at.strftime("%Y-%m-%d %H:%M:%S.%f")


def compute_hash(
    *,
    prev_hash: str,
    id: int,
    at: str,
    actor: str,
    action: str,
    entity: str,
    entity_id: str,
    detail: str,
) -> str:
    """SHA-256 (hex) of the canonical encoding: a JSON array, UTF-8, no spaces, shared by laptop and county."""
    encoded = json.dumps(
        [HASH_TAG, prev_hash, id, at, actor, action, entity, entity_id, detail],
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _newest(conn: Connection) -> tuple[int, str]:
    row = conn.execute(text("SELECT id, entry_hash FROM audit_log ORDER BY id DESC LIMIT 1")).first()
    return (0, GENESIS) if row is None else (int(row[0]), str(row[1]))


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    entity: str = "",
    entity_id: str = "",
    detail: str = "",
    at: datetime | None = None,
) -> ChainEntry:
    """Append one entry to the chain. Call inside a write transaction (the newest entry is read in it)."""
    if action not in codes.AUDIT_ACTION:
        raise ValueError(f"unknown audit action {action!r}")
    newest_id, newest_hash = _newest(conn)
    entry = ChainEntry(
        id=newest_id + 1,
        at=format_time(at or datetime.now(UTC)),
        # No NUL: the county's PostgreSQL cannot store it, and one such entry would hold back every later one.
        actor=actor.replace("\x00", "�"),
        action=action,
        entity=entity.replace("\x00", "�"),
        entity_id=entity_id.replace("\x00", "�"),
        detail=detail.replace("\x00", "�"),
        prev_hash=newest_hash,
        entry_hash="",
    )
    entry = replace(entry, entry_hash=entry.computed_hash())
    conn.execute(
        text(
            "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, detail, prev_hash, entry_hash) "
            "VALUES (:id, :at, :actor, :action, :entity, :entity_id, :detail, :prev_hash, :entry_hash)"
        ),
        asdict(entry),
    )
    return entry


_SELECT = (
    "SELECT id, CAST(at AS TEXT), actor, action, coalesce(entity, ''), coalesce(entity_id, ''), "
    "coalesce(detail, ''), coalesce(prev_hash, ''), coalesce(entry_hash, '') FROM audit_log "
)


def _entry(row: tuple[object, ...]) -> ChainEntry:
    id_, at, actor, action, entity, entity_id, detail, prev_hash, entry_hash = row
    return ChainEntry(
        id=int(str(id_)),
        at=str(at),
        actor=str(actor),
        action=str(action),
        entity=str(entity),
        entity_id=str(entity_id),
        detail=str(detail),
        prev_hash=str(prev_hash),
        entry_hash=str(entry_hash),
    )


def entries(conn: Connection, *, after_id: int = 0, limit: int = 500) -> list[ChainEntry]:
    """Entries with ``id > after_id`` in id order, ``limit`` at a time."""
    rows = conn.execute(
        text(_SELECT + "WHERE id > :after ORDER BY id LIMIT :limit"), {"after": after_id, "limit": limit}
    ).fetchall()
    return [_entry(tuple(r)) for r in rows]


def _all_entries(conn: Connection, batch: int = 5000) -> Iterator[ChainEntry]:
    after = 0
    while True:
        page = entries(conn, after_id=after, limit=batch)
        yield from page
        if len(page) < batch:
            return
        after = page[-1].id


def newest_id(conn: Connection) -> int:
    return _newest(conn)[0]


# --- verification ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChainProblem:
    """The first broken link: which entry (id and time), what kind, and what is wrong (Chinese)."""

    entry_id: int
    at: str
    kind: str  # gap | unhashed | hash | prev_hash | truncated
    message: str

    def text(self) -> str:
        when = f"（{local_time(self.at)}）" if self.at else ""
        return f"审计日志第 {self.entry_id} 条{when}：{self.message}"


def local_time(stored: str) -> str:
    """A stored UTC time as local time for people (the stored text as it is when it does not parse)."""
    try:
        moment = datetime.fromisoformat(stored)
    except ValueError:
        return stored
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return f"{moment.astimezone():%Y-%m-%d %H:%M:%S}"


def verify(conn: Connection, *, county_holds: int = 0) -> ChainProblem | None:
    """The first broken link of the chain, or None when it holds.

    ``county_holds``: the last id the county confirmed holding; fewer entries here means some were cut off the
    end of the log after they were sent."""
    expected_id, expected_prev = 1, GENESIS
    for entry in _all_entries(conn):
        if entry.id != expected_id:
            missing = (
                f"第 {expected_id} 条"
                if entry.id == expected_id + 1
                else f"第 {expected_id}–{entry.id - 1} 条"
            )
            return ChainProblem(
                entry.id, entry.at, "gap", f"之前的{missing}不见了（编号不连续，审计条目被删除）"
            )
        if not entry.entry_hash:
            return ChainProblem(entry.id, entry.at, "unhashed", "没有哈希值（绕过审计接口写入）")
        if entry.computed_hash() != entry.entry_hash:
            return ChainProblem(entry.id, entry.at, "hash", "内容与其哈希值不符（这条审计记录被改动过）")
        if entry.prev_hash != expected_prev:
            return ChainProblem(
                entry.id,
                entry.at,
                "prev_hash",
                f"记录的上一条哈希与第 {entry.id - 1} 条不符（前面的审计记录被改动或重写过）"
                if entry.id > 1
                else "第一条的上一条哈希不为空（审计日志被重写过）",
            )
        expected_id, expected_prev = entry.id + 1, entry.entry_hash
    newest = expected_id - 1
    if newest < county_holds:
        return ChainProblem(
            newest + 1,
            "",
            "truncated",
            f"县服务器已保存到第 {county_holds} 条，本机只剩到第 {newest} 条（末尾的审计记录被删除）",
        )
    return None


def missing_guards(conn: Connection) -> list[str]:
    """Guard triggers of the audit log that are missing (empty when the log has no chain columns yet)."""
    names = {
        row[0]
        for row in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall()
    }
    return [name for name in GUARD_TRIGGERS if name not in names]


# --- installation (called by ``store.journal.install_triggers``) ------------------------------------------


def has_chain_columns(conn: Connection) -> bool:
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info('audit_log')").fetchall()}
    return {"prev_hash", "entry_hash"} <= columns


def chain_unhashed(conn: Connection) -> int:
    """Chain entries written before the hash chain existed, once: only while no entry has a hash yet (the
    upgrade to 0005), in id order. Call with the guard triggers dropped. Returns how many were chained."""
    hashed = conn.execute(text("SELECT 1 FROM audit_log WHERE entry_hash != '' LIMIT 1")).first()
    if hashed is not None:
        return 0
    count, prev = 0, GENESIS
    for entry in list(_all_entries(conn)):
        digest = replace(entry, prev_hash=prev).computed_hash()
        conn.execute(
            text("UPDATE audit_log SET prev_hash = :prev, entry_hash = :hash WHERE id = :id"),
            {"prev": prev, "hash": digest, "id": entry.id},
        )
        prev, count = digest, count + 1
    return count
