"""Sending the audit log to the county (protocol 4), after the push of every sync.

The entries the county does not hold yet (``audit_log.id > sync_state.audit_sent_id``) go up in id order, in
batches, with their chain fields (``store.audit``), in a signed request (``POST /v1/audit``) that also carries
the device's Ed25519 signature over the batch's newest hash (``protocol.audit_batch_message``): the county keeps
it as the laptop's word for that chain. The county stores every entry append-only and flags, per device, a batch
that skips ids (gap) or does not continue the chain it holds (fork: the laptop's log was rewritten); see
``server.audit``. Once a batch is answered, every entry in it is held by the county, and ``audit_sent_id``
moves to its last id (in its own transaction: an answer lost on the way means the batch is sent again, which the
county recognises and skips).

No request at all when nothing is new, so an idle sync stays one request. A USB bundle carries the same requests
(``pending_requests``); the county's reply says up to which id it holds them (``mark_sent``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from yulu_desktop.store import audit
from yulu_desktop.store.database import Database
from yulu_desktop.sync import local, signing
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.errors import NotEnrolled

#: Entries per request (an entry is ≈ 300 bytes of JSON, less gzip-compressed).
AUDIT_BATCH = 500

Send = Callable[[p.AuditUploadRequest], p.AuditUploadResponse]


@dataclass
class AuditUploadReport:
    sent: int = 0
    stored: int = 0
    duplicates: int = 0
    batches: int = 0
    #: The newest entry of this laptop the county holds, after the last answer.
    county_last_id: int = 0
    #: Gaps and forks the county flagged in this upload (Chinese), for the sync report.
    flags: list[str] = field(default_factory=list)


def sent_id(conn: Connection) -> int:
    """The last audit entry the county confirmed holding."""
    return int(conn.execute(text("SELECT audit_sent_id FROM sync_state WHERE id = 1")).scalar_one())


def pending_count(conn: Connection) -> int:
    """Audit entries the county does not hold yet."""
    return max(0, audit.newest_id(conn) - sent_id(conn))


def to_record(entry: audit.ChainEntry) -> p.AuditRecord:
    return p.AuditRecord(
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        detail=entry.detail,
        prev_hash=entry.prev_hash,
        entry_hash=entry.entry_hash,
    )


def build_request(
    device_id: str, private_key: bytes, entries: list[audit.ChainEntry]
) -> p.AuditUploadRequest:
    last = entries[-1]
    return p.AuditUploadRequest(
        entries=[to_record(e) for e in entries],
        signature=signing.sign(private_key, p.audit_batch_message(device_id, last.id, last.entry_hash)),
    )


def mark_sent(conn: Connection, up_to_id: int) -> None:
    """The county holds every entry up to ``up_to_id`` (never moves back)."""
    conn.execute(
        text("UPDATE sync_state SET audit_sent_id = max(audit_sent_id, :id) WHERE id = 1"), {"id": up_to_id}
    )


def pending_requests(
    conn: Connection, device_id: str, private_key: bytes, *, batch: int = p.MAX_AUDIT_ENTRIES
) -> list[p.AuditUploadRequest]:
    """Every entry the county does not hold, as upload requests (a USB bundle carries them all)."""
    requests, after = [], sent_id(conn)
    while entries := audit.entries(conn, after_id=after, limit=batch):
        requests.append(build_request(device_id, private_key, entries))
        after = entries[-1].id
    return requests


def upload(db: Database, send: Send, *, batch: int = AUDIT_BATCH) -> AuditUploadReport:
    """Send every audit entry the county does not hold, ``batch`` at a time; ``send`` posts one request
    (``SyncClient`` passes its signed POST to ``/v1/audit``) and raises ``SyncError`` on a refusal."""
    report = AuditUploadReport()
    with db.read_connection() as conn:
        state = local.read_state(conn)
    if state.private_key is None:
        raise NotEnrolled()
    while True:
        with db.read_connection() as conn:
            entries = audit.entries(conn, after_id=sent_id(conn), limit=batch)
        if not entries:
            return report
        response = send(build_request(state.device_id, state.private_key, entries))
        with db.write_connection() as conn:
            mark_sent(conn, entries[-1].id)
        report.batches += 1
        report.sent += len(entries)
        report.stored += response.stored
        report.duplicates += response.duplicates
        report.county_last_id = response.last_id
        report.flags += [f"第 {f.entry_id} 条：{f.message}" for f in response.flags]
