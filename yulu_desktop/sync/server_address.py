"""Changing the county server's address without enrolling again (the county moved its server, or a new domain).

The device keeps its identity (device id and key): the new address is stored only after a signed hello to it is
accepted, which proves the server there knows this device and has not revoked it. Otherwise nothing changes and
the cadre is told why in Chinese. ``change_server`` is what ``yulu sync set-server`` and the app call.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

import httpx
from sqlalchemy import text

from yulu_desktop.store.database import Database
from yulu_desktop.sync import local
from yulu_desktop.sync.client import SyncClient
from yulu_desktop.sync.errors import NotEnrolled, ServerUnreachable, SyncError

UNCHANGED = "服务器地址未更改。"


class BadServerAddress(SyncError):
    """The address cannot be used (not http/https, or unencrypted to another computer)."""


@dataclass(frozen=True, slots=True)
class ServerChange:
    old_url: str
    new_url: str


def checked_url(url: str) -> str:
    """``url`` without a trailing slash, or ``BadServerAddress``: https, or http only to this computer."""
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise BadServerAddress(f"服务器地址“{url}”格式不正确。{UNCHANGED}") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise BadServerAddress(
            f"服务器地址应以 https:// 开头，例如 https://yulu.example.gov.cn:8443。{UNCHANGED}"
        )
    if parsed.scheme == "http" and not is_loopback(parsed.host):
        raise BadServerAddress(
            "不能用 http:// 连接其他计算机上的服务器：个人信息会以明文在网络上传输。"
            f"请使用 https:// 地址。{UNCHANGED}"
        )
    return str(parsed).rstrip("/")


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def change_server(db: Database, url: str, *, http: httpx.Client | None = None) -> ServerChange:
    """Store ``url`` as the county server's address once the server there accepts this device's signed hello.

    Raises ``BadServerAddress``, ``NotEnrolled``, or ``SyncError`` (unreachable, refused) with nothing changed.
    """
    new_url = checked_url(url)
    with db.read_connection() as conn:
        state = local.read_state(conn)
    if not state.enrolled:
        raise NotEnrolled()
    _accepts_this_device(db, new_url, http)
    with db.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET server_url = :url WHERE id = 1"), {"url": new_url})
    return ServerChange(state.server_url, new_url)


def _accepts_this_device(db: Database, url: str, http: httpx.Client | None) -> None:
    with SyncClient(db, url, http=http) as client:
        try:
            client.hello()
        except ServerUnreachable as exc:
            raise SyncError(f"无法连接 {url}，请检查地址和网络。{UNCHANGED}") from exc
        except SyncError as exc:
            raise SyncError(f"{url} 上的服务器没有接受本机：{exc.message}{UNCHANGED}") from exc
