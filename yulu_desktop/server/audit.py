"""The devices' audit logs, kept by the county: ``POST /v1/audit`` and ``yulu-server admin audit``.

A laptop sends the entries of its hash-chained audit log (``store.audit``) that the county does not hold yet, in
id order, with its device signature over the batch's newest hash (``protocol.audit_batch_message``), inside a
signed request. The county:

* verifies that signature with the device's key (a batch it does not cover is refused, nothing stored);
* skips entries it holds already — same device, id and hash — so a re-sent batch changes nothing;
* stores every other entry, append-only (``audit_entry``; database triggers refuse updates and deletes), and
  compares it with the newest entry it holds for the device (its chain head): the next id and a ``prev_hash``
  equal to the head's hash continue the chain; otherwise the entry is stored **flagged** — ``gap`` when ids
  were skipped (entries deleted on the laptop before they were sent), ``fork`` when it does not follow the head
  (an id the county holds already with another hash, or a ``prev_hash`` that differs: the laptop's log was
  rewritten), ``hash`` when it does not match its own hash (edited without recomputing). The stored entry
  becomes the new head, so one rewrite is flagged once, where it happened;
* answers the id of the head (``last_id``), how many entries were stored and skipped, and the flags raised.

One device's uploads are serialised (the device row is locked on PostgreSQL; SQLite writers are serialised
anyway), so two racing retries cannot both continue the same head.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import AuditEntry, Cadre, Device
from yulu_desktop.server.service import ApiError, DeviceContext, refuse_revoked, utcnow
from yulu_desktop.store import audit as chain
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import signing

FLAG_LABELS = {"gap": "缺失", "fork": "分叉", "hash": "哈希不符"}


def _head(session: Session, device_id: str) -> tuple[int, str]:
    """The newest entry the county holds for the device: (id, hash), or (0, genesis)."""
    row = session.execute(
        select(AuditEntry.entry_id, AuditEntry.entry_hash)
        .where(AuditEntry.device_id == device_id)
        .order_by(AuditEntry.id.desc())
        .limit(1)
    ).first()
    return (0, chain.GENESIS) if row is None else (int(row[0]), str(row[1]))


def _recomputed(entry: p.AuditRecord) -> str:
    return chain.compute_hash(
        prev_hash=entry.prev_hash,
        id=entry.id,
        at=entry.at,
        actor=entry.actor,
        action=entry.action,
        entity=entry.entity,
        entity_id=entry.entity_id,
        detail=entry.detail,
    )


def _judge(entry: p.AuditRecord, head_id: int, head_hash: str) -> tuple[p.AuditFlag | None, str]:
    """Whether ``entry`` continues the chain whose head is (``head_id``, ``head_hash``): (None, '') or a flag
    and what is wrong (Chinese)."""
    if entry.id > head_id + 1:
        missing = f"第 {head_id + 1} 条" if entry.id == head_id + 2 else f"第 {head_id + 1}–{entry.id - 1} 条"
        return "gap", f"县里没有收到{missing}（编号不连续，可能在发送前被删除）"
    if entry.id <= head_id:
        return "fork", f"县里已有第 {entry.id} 条，内容不同（本机审计日志被重写过）"
    if entry.prev_hash != head_hash:
        return "fork", f"与县里保存的第 {head_id} 条衔接不上（本机审计日志被重写过）"
    if _recomputed(entry) != entry.entry_hash:
        return "hash", "内容与其哈希值不符（这条审计记录被改动过）"
    return None, ""


def upload(db: ServerDatabase, ctx: DeviceContext, req: p.AuditUploadRequest) -> p.AuditUploadResponse:
    refuse_revoked(ctx)
    ids = [e.id for e in req.entries]
    if any(b <= a for a, b in itertools.pairwise(ids)):
        raise ApiError(422, "bad_body", "审计记录应按编号从小到大发送。")
    last = req.entries[-1]
    with db.write() as session:
        device = session.execute(
            select(Device).where(Device.id == ctx.device_id).with_for_update()
        ).scalar_one()
        if not signing.verify(
            signing.unb64(device.public_key),
            p.audit_batch_message(ctx.device_id, last.id, last.entry_hash),
            req.signature,
        ):
            raise ApiError(401, "bad_signature", "审计记录的设备签名不正确，已拒绝。")
        held = {
            (int(entry_id), str(entry_hash))
            for entry_id, entry_hash in session.execute(
                select(AuditEntry.entry_id, AuditEntry.entry_hash).where(
                    AuditEntry.device_id == ctx.device_id, AuditEntry.entry_id.between(ids[0], ids[-1])
                )
            )
        }
        head_id, head_hash = _head(session, ctx.device_id)
        now = utcnow()
        rows, flags, duplicates = [], [], 0
        for entry in req.entries:
            if (entry.id, entry.entry_hash) in held:
                duplicates += 1
                continue
            flag, note = _judge(entry, head_id, head_hash)
            if flag:
                flags.append(p.AuditFlagInfo(kind=flag, entry_id=entry.id, message=note))
            rows.append(
                {
                    "device_id": ctx.device_id,
                    "entry_id": entry.id,
                    "at": entry.at,
                    "actor": entry.actor,
                    "action": entry.action,
                    "entity": entry.entity,
                    "entity_id": entry.entity_id,
                    "detail": entry.detail,
                    "prev_hash": entry.prev_hash,
                    "entry_hash": entry.entry_hash,
                    "signature": req.signature if entry is last else "",
                    "flag": flag or "",
                    "flag_note": note,
                    "received_at": now,
                }
            )
            held.add((entry.id, entry.entry_hash))
            head_id, head_hash = entry.id, entry.entry_hash
        if rows:
            # One by one, in order: the surrogate id is the order received, which decides the head.
            for row in rows:
                session.execute(insert(AuditEntry).values(**row))
    return p.AuditUploadResponse(last_id=head_id, stored=len(rows), duplicates=duplicates, flags=flags)


def upload_all(db: ServerDatabase, ctx: DeviceContext, requests: list[p.AuditUploadRequest]) -> int:
    """The audit batches of a USB bundle, in order, as if uploaded online: the last id of the batches the county
    now holds (0 when none; a batch refused stops there, the laptop sends it again with its next bundle)."""
    held = 0
    for request in requests:
        try:
            upload(db, ctx, request)
        except ApiError:
            break
        held = request.entries[-1].id
    return held


# --- the admin listing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AuditFlagRow:
    entry_id: int
    kind: str
    note: str
    at: str
    received_at: datetime


@dataclass(frozen=True)
class DeviceAudit:
    """One device's audit log as the county holds it."""

    device_id: str
    device_name: str
    cadre: str
    entries: int
    last_id: int
    last_at: str
    last_received: datetime | None
    flags: list[AuditFlagRow] = field(default_factory=list)


def summary(db: ServerDatabase, *, device: str | None = None) -> list[DeviceAudit]:
    """Per device (those that sent anything, or ``device`` — an id or its first characters): entries held,
    the newest entry and when it arrived, and every gap, fork or hash flag with where it happened."""
    with db.read() as session:
        query = (
            select(
                AuditEntry.device_id,
                func.count(),
                func.max(AuditEntry.id),
                func.max(AuditEntry.received_at),
            )
            .group_by(AuditEntry.device_id)
            .order_by(AuditEntry.device_id)
        )
        if device:
            query = query.where(AuditEntry.device_id.startswith(device, autoescape=True))
        result = []
        for device_id, count, newest, received in session.execute(query).all():
            head = session.get(AuditEntry, newest)
            assert head is not None
            found = session.execute(
                select(Device.name, Cadre.name)
                .join(Cadre, Cadre.id == Device.cadre_id)
                .where(Device.id == device_id)
            ).first()
            flags = [
                AuditFlagRow(e.entry_id, e.flag, e.flag_note, e.at, e.received_at)
                for e in session.scalars(
                    select(AuditEntry)
                    .where(AuditEntry.device_id == device_id, AuditEntry.flag != "")
                    .order_by(AuditEntry.id)
                )
            ]
            result.append(
                DeviceAudit(
                    device_id=device_id,
                    device_name=found[0] if found else "",
                    cadre=found[1] if found else "",
                    entries=int(count),
                    last_id=head.entry_id,
                    last_at=head.at,
                    last_received=received,
                    flags=flags,
                )
            )
    return result
