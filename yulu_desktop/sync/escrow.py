"""The laptop's side of the county escrow (托管) of its database key (``server/escrow.py`` is the county's).

Deposit (after enrollment, with a sync): a random escrow key is made and kept in the key file
(``keyring.EscrowPart``); the root key sealed under it goes to the county over the signed sync channel. The
county holds the seal, never the escrow key; the laptop holds the escrow key, never the seal. Done once per
enrolled device (again after a re-enrollment under another device id); a server without escrow (an older
release) is skipped quietly.

Release (the passphrase forgotten, the laptop locked): the cadre types the county server's address and the
one-time release code a county admin made (``yulu-server admin escrow release``); the county answers the seal,
which only this laptop's escrow key opens (AES-256-GCM, bound to the device id), giving the root key. No
certificate pin is needed for that request: a forged answer does not open, and the code is used up either way.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import httpx
from pydantic import ValidationError

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import transport
from yulu_desktop.sync.errors import ServerUnreachable

__all__ = ["EscrowRefused", "deposit_if_needed", "escrow_server", "is_deposited", "redeem"]

#: ``SyncClient.request_signed``: (method, path, body, headers) → the answer.
SignedSender = Callable[[str, str, bytes, dict[str, str]], httpx.Response]


class EscrowRefused(YuluError):
    """The county refused the release code, or its answer does not open this laptop's database."""


def _encode(message: p.Message) -> tuple[bytes, dict[str, str]]:
    return message.model_dump_json().encode(), {
        "Content-Type": "application/json",
        p.HEADER_PROTOCOL: str(p.PROTOCOL_VERSION),
    }


def is_deposited(path: Path, device_id: str) -> bool:
    """Whether the key file says this device's escrow reached the county."""
    try:
        keys = keyring.read(keyring.key_file_path(path))
    except keyring.KeyFileDamaged:
        return False
    return (
        keys is not None
        and keys.escrow is not None
        and keys.escrow.device_id == device_id
        and (keys.escrow.deposited)
    )


def deposit_if_needed(db: Database, server_url: str, device_id: str, send: SignedSender) -> bool:
    """Deposit the root key with the county unless this device already has; True once it is there.

    ``False`` (nothing raised) where the server has no escrow (an older release) or refuses; a broken link
    raises ``ServerUnreachable`` like the rest of the sync."""
    if db.key_file_problem or is_deposited(db.path, device_id):
        return is_deposited(db.path, device_id)
    root = db.root_key()
    keys = keyring.read(db.key_file)
    if keys is None:
        keys = keyring.new_key_file(keyring.database_salt(db.path), "", root)
    else:
        keyring.verify(keys, root, db.key_file)
    part = keys.escrow
    if part is None or part.device_id != device_id:
        part = keyring.EscrowPart(
            device_id=device_id,
            key_id=secrets.token_hex(8),
            key=secrets.token_bytes(32),
            server_url=server_url,
        )
        # The escrow key is kept before anything leaves: a seal the laptop could not open would be useless.
        keys = keyring.seal(replace(keys, escrow=part), root)
        keyring.write(db.key_file, keys)
    sealed = keyring.seal_key(root, part.key, p.escrow_purpose(device_id))
    request = p.EscrowDepositRequest(
        key_id=part.key_id, wrapped=base64.b64encode(sealed.nonce + sealed.wrapped).decode("ascii")
    )
    body, headers = _encode(request)
    answer = send("POST", "/v1/escrow/deposit", body, headers)
    if answer.status_code != 200:
        return False
    done = replace(part, deposited=True, server_url=server_url)
    keyring.write(db.key_file, keyring.seal(replace(keys, escrow=done), root))
    return True


def escrow_server(path: Path) -> str:
    """The county server this laptop's escrow was deposited with ("" if none): offered in the dialog."""
    try:
        keys = keyring.read(keyring.key_file_path(path))
    except keyring.KeyFileDamaged:
        return ""
    return keys.escrow.server_url if keys is not None and keys.escrow is not None else ""


def redeem(path: Path, server_url: str, code: str, *, http: httpx.Client | None = None) -> bytes:
    """The root key of the database at ``path``, released by the county for ``code``."""
    keys = keyring.read(keyring.key_file_path(path))
    if keys is None or keys.escrow is None:
        raise EscrowRefused(
            "这台电脑没有向县里托管过密钥（需要连接县服务器并同步过一次），县里无法帮助解锁。"
        )
    part = keys.escrow
    url = (server_url.strip() or part.server_url).rstrip("/")
    if not url:
        raise EscrowRefused("请填写县服务器地址")
    client = http or transport.server_client(url, trust_on_first_use=True)
    body, headers = _encode(p.EscrowRedeemRequest(code=code.strip()))
    try:
        response = client.post(f"{url}/v1/escrow/redeem", content=body, headers=headers)
    except httpx.HTTPError as exc:
        raise ServerUnreachable(type(exc).__name__) from exc
    finally:
        if http is None:
            client.close()
    if response.status_code != 200:
        try:
            message = p.ErrorBody.model_validate_json(response.content).message
        except ValidationError:
            message = f"县服务器拒绝了请求（{response.status_code}）"
        raise EscrowRefused(message)
    try:
        answer = p.EscrowRedeemResponse.model_validate_json(response.content)
        raw = base64.b64decode(answer.wrapped, validate=True)
    except (ValidationError, binascii.Error, ValueError):
        raise EscrowRefused("县服务器的回答无法识别") from None
    if answer.device_id != part.device_id or answer.key_id != part.key_id:
        raise EscrowRefused("这个解锁码是给另一台电脑（或本机较早的托管）的，请向县里核对设备编号。")
    root = keyring.open_sealed(keyring.Sealed(raw[:12], raw[12:]), part.key, p.escrow_purpose(part.device_id))
    if root is None:
        raise EscrowRefused("县里的托管副本打不开这台电脑的数据库（托管副本与本机不符）。")
    return root
