"""Escrow of laptop database keys (托管): the county can help a cadre who forgot every passphrase, without being
able to open a laptop's database by itself.

* After enrollment the laptop deposits its database's root key sealed (AES-256-GCM) under a random escrow key
  that stays on the laptop (``sync/escrow.py``; the device's signature authenticates the deposit). The county
  holds the seal, never the escrow key; the laptop holds the escrow key, never the seal.
* A county admin releases with ``yulu-server admin escrow release --device ID``: a one-time release code
  (valid ``RELEASE_HOURS``), of which only an Argon2 hash of the secret part is stored. Every release stays in
  ``escrow_release`` (who, when, when used): that table is the record of releases (``admin escrow list``).
* The cadre types the server address and the code on the locked laptop; ``redeem`` (unsigned: the code is the
  credential) answers the seal once, and the laptop opens it with its escrow key.
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select

from yulu_desktop.server import service
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import Device, EscrowDeposit, EscrowRelease
from yulu_desktop.server.service import CODE_ALPHABET, ApiError, DeviceContext, hash_secret, utcnow
from yulu_desktop.sync import protocol as p

__all__ = ["RELEASE_HOURS", "EscrowError", "ReleaseRow", "deposit", "list_releases", "redeem", "release"]

log = logging.getLogger(__name__)

RELEASE_HOURS = 24
_LOOKUP = 6
_SECRET = 14


class EscrowError(Exception):
    """A refusal of the admin command (Chinese)."""


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=utcnow().tzinfo)


def deposit(db: ServerDatabase, ctx: DeviceContext, req: p.EscrowDepositRequest) -> p.EscrowDepositResponse:
    """Keep (or replace) the device's sealed root key."""
    if ctx.revoked:
        raise ApiError(403, "revoked", service.REVOKED_MESSAGE)
    try:
        wrapped = base64.b64decode(req.wrapped, validate=True)
    except (binascii.Error, ValueError):
        raise ApiError(400, "bad_escrow", "托管数据格式不正确。") from None
    if len(wrapped) != 12 + 32 + 16:
        raise ApiError(400, "bad_escrow", "托管数据长度不正确。")
    with db.write() as session:
        row = session.get(EscrowDeposit, ctx.device_id)
        if row is None:
            session.add(
                EscrowDeposit(
                    device_id=ctx.device_id, key_id=req.key_id, wrapped=wrapped, deposited_at=utcnow()
                )
            )
        else:
            row.key_id, row.wrapped, row.deposited_at = req.key_id, wrapped, utcnow()
    return p.EscrowDepositResponse(stored=True)


def release(db: ServerDatabase, device_id: str, *, released_by: str, valid_hours: int = RELEASE_HOURS) -> str:
    """A one-time release code for the device's escrow deposit, shown once (``EscrowError`` if there is none)."""
    lookup = "".join(secrets.choice(CODE_ALPHABET) for _ in range(_LOOKUP))
    secret = "".join(secrets.choice(CODE_ALPHABET) for _ in range(_SECRET))
    with db.write() as session:
        if session.get(Device, device_id) is None:
            raise EscrowError(f"找不到设备 {device_id}（用 yulu-server admin devices 查看设备编号）")
        if session.get(EscrowDeposit, device_id) is None:
            raise EscrowError(f"设备 {device_id} 还没有向县里托管密钥（它需要在连接县服务器后同步一次）")
        session.add(
            EscrowRelease(
                device_id=device_id,
                lookup=lookup,
                secret_hash=hash_secret(secret),
                released_by=released_by,
                created_at=utcnow(),
                expires_at=utcnow() + timedelta(hours=valid_hours),
            )
        )
    log.warning("escrow release code made for device %s by %s", device_id, released_by)
    body = secret
    return f"{lookup}-" + "-".join(body[i : i + 4] for i in range(0, len(body), 4))


_REFUSED = "解锁码无效、已过期或已被使用，请向县里重新申请解锁码。"


def redeem(db: ServerDatabase, req: p.EscrowRedeemRequest) -> p.EscrowRedeemResponse:
    """The sealed root key of the device a release code was made for; the code is then used up."""
    cleaned = req.code.strip().upper().replace(" ", "")
    lookup, _, secret = cleaned.partition("-")
    secret = secret.replace("-", "")
    if not lookup or not secret:
        raise ApiError(403, "bad_code", "解锁码格式不正确（应为 XXXXXX-XXXX-XXXX-XXXX-XX）。")
    with db.write() as session:
        code = session.scalar(select(EscrowRelease).where(EscrowRelease.lookup == lookup))
        if code is None or code.used_at is not None or _aware(code.expires_at) < utcnow():
            raise ApiError(403, "bad_code", _REFUSED)
        try:
            service._hasher.verify(code.secret_hash, secret)
        except (VerificationError, InvalidHashError):
            raise ApiError(403, "bad_code", _REFUSED) from None
        held = session.get(EscrowDeposit, code.device_id)
        if held is None:
            raise ApiError(404, "no_escrow", "县里没有这台电脑的托管密钥。")
        code.used_at = utcnow()
        log.warning("escrow release code of device %s used", code.device_id)
        return p.EscrowRedeemResponse(
            device_id=held.device_id,
            key_id=held.key_id,
            wrapped=base64.b64encode(held.wrapped).decode("ascii"),
        )


@dataclass(frozen=True, slots=True)
class ReleaseRow:
    device_id: str
    released_by: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


def list_releases(db: ServerDatabase, device_id: str | None = None) -> list[ReleaseRow]:
    """Every release code ever made (newest first): the county's record of who released which laptop."""
    with db.read() as session:
        query = select(EscrowRelease).order_by(EscrowRelease.id.desc())
        if device_id:
            query = query.where(EscrowRelease.device_id == device_id)
        return [
            ReleaseRow(
                r.device_id,
                r.released_by,
                _aware(r.created_at),
                _aware(r.expires_at),
                _aware(r.used_at) if r.used_at else None,
            )
            for r in session.scalars(query)
        ]
