"""Changing the county server's address without enrolling again (the county moved its server, or a new domain).

The device keeps its identity (device id and key): the new address is stored only after a signed hello to it is
accepted, which proves the server there knows this device and has not revoked it. Otherwise nothing changes and
the cadre is told why in Chinese. ``change_server`` is what ``yulu sync set-server`` and the app call.

The pinned certificate (``sync.transport``) goes with the device: the new address must present the same one —
unless ``accept_new_certificate`` (a county that really renewed its certificate), in which case the certificate
met is pinned anew, but only once the server behind it has accepted this device's signed hello (only the
county's server knows the device's public key). A certificate check from the county (``sync.certificate_check``)
makes the new certificate a verified one: a certificate that does not begin with it gets nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from sqlalchemy import text

from yulu_desktop.store.database import Database
from yulu_desktop.sync import certificate_check, local, transport
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
        parsed = transport.check_address(url)
    except transport.InsecureServerAddress as exc:
        raise BadServerAddress(f"{exc.message}{UNCHANGED}") from exc
    return str(parsed).rstrip("/")


is_loopback = transport.is_loopback


def change_server(
    db: Database,
    url: str,
    *,
    http: httpx.Client | None = None,
    accept_new_certificate: bool = False,
    check: str = "",
) -> ServerChange:
    """Store ``url`` as the county server's address once the server there accepts this device's signed hello.

    The server must present the pinned certificate, or — with ``accept_new_certificate`` — any certificate,
    which is pinned once the hello is accepted. ``check`` (the certificate check as typed, "" for none): the
    certificate must also begin with it, compared before anything is sent. Raises ``BadCertificateCheck``
    (before any connection), ``BadServerAddress``, ``NotEnrolled``, or ``SyncError`` (unreachable, refused,
    another certificate) with nothing changed.
    """
    try:
        expected = certificate_check.parse(check)
    except certificate_check.BadCertificateCheck as exc:
        raise certificate_check.BadCertificateCheck(f"{exc.message}{UNCHANGED}") from exc
    new_url = checked_url(url)
    with db.read_connection() as conn:
        state = local.read_state(conn)
    if not state.enrolled:
        raise NotEnrolled()
    own = http is None
    client = http or transport.server_client(
        new_url,
        "" if accept_new_certificate else state.server_cert_sha256,
        trust_on_first_use=accept_new_certificate,
        check=expected,
    )
    try:
        _accepts_this_device(db, new_url, client)
        pin = transport.pinned_fingerprint(client)
    finally:
        if own:
            client.close()
    with db.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET server_url = :url WHERE id = 1"), {"url": new_url})
        if pin and (accept_new_certificate or not state.server_cert_sha256):
            transport.save_pin(conn, pin)
    return ServerChange(state.server_url, new_url)


def _accepts_this_device(db: Database, url: str, http: httpx.Client) -> None:
    with SyncClient(db, url, http=http) as client:
        try:
            client.hello()
        except ServerUnreachable as exc:
            raise SyncError(f"无法连接 {url}，请检查地址和网络。{UNCHANGED}") from exc
        except transport.CertificateCheckFailed as exc:
            raise SyncError(
                f"{url} 上的服务器出示的证书与证书校验码不符，可能不是县里的服务器，已停止连接，"
                f"本机没有发送任何数据。请向县里核对服务器地址和证书校验码。{UNCHANGED}"
            ) from exc
        except transport.ServerCertificateChanged as exc:
            raise SyncError(
                f"{url} 上的服务器出示的证书与注册时不同，已停止连接，本机没有发送任何数据。"
                "如果县里确实更换了证书，请先向县里核实，再加上 --accept-new-certificate 重新运行。"
                f"{UNCHANGED}"
            ) from exc
        except SyncError as exc:
            raise SyncError(f"{url} 上的服务器没有接受本机：{exc.message}{UNCHANGED}") from exc
