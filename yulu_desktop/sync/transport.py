"""How the laptop reaches the county server: https with the server's certificate pinned, or http to this computer.

A county server usually has a self-signed certificate (no public CA knows ``yulu.xx县.gov.cn`` on the county's
intranet), so the laptop trusts the certificate it meets at enrollment — the moment the cadre types the one-time
code from the county — and keeps its SHA-256 (``sync_state.server_cert_sha256``). From then on every new TLS
connection is checked against that pin **right after the handshake, before the first byte of a request is
written** (httpcore's ``trace`` hook ``*.start_tls.complete``): a different certificate closes the connection and
raises ``ServerCertificateChanged`` with a Chinese message; nothing is sent. Each answer is checked once more
(the TLS connection it came on), as a second line should the hook ever not run.

* A pin set: TLS without CA or host-name checks (the pin is stronger than both, and a county's self-signed
  certificate passes neither) and the pin checked.
* Trust on first use (enrollment, ``yulu sync set-server --accept-new-certificate``): any certificate, and the
  first one met is pinned for the life of the client (a second connection with another certificate is refused
  too); the caller stores ``ServerClient.pin.expected`` once the server has proved it knows the code or the key.
* A certificate check given (``sync.certificate_check``: what the county handed out with the code): whatever the
  case above, the certificate must begin with it, checked at the same moment — else ``CertificateCheckFailed``
  and nothing is sent, the code included.
* No pin yet on an enrolled laptop (enrolled by a release without pinning): the CA store verifies as before,
  and the certificate met is pinned at the next accepted hello.
* ``http://`` only to this computer (loopback): anything else is refused (``InsecureServerAddress``).

The residual risk of trust on first use without a check is an attacker on the path *at enrollment*;
docs/SYNC.md says so.
"""

from __future__ import annotations

import hashlib
import ipaddress
import ssl
import threading
from typing import Any

import httpx
from sqlalchemy import Connection, text

from yulu_desktop.sync import certificate_check
from yulu_desktop.sync.errors import SyncError

#: The timeouts of the laptop's requests (slow links: a pull page over 2G takes a while).
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)

CERTIFICATE_CHANGED_MESSAGE = (
    "县服务器的证书与注册时不同，可能有人在冒充县服务器，已停止连接，本机没有发送任何数据。"
    "如果县里确实更换了服务器证书，请先向县里核实，再运行：yulu sync set-server 服务器地址 --accept-new-certificate"
)
CHECK_FAILED_MESSAGE = (
    "证书校验码不符：服务器出示的证书与县里给的证书校验码不一致，连接到的可能不是县里的服务器（有人冒充）。"
    "已停止连接，本机没有发送注册码，也没有发送任何数据。请向县里核对服务器地址和证书校验码后再试。"
)
INSECURE_MESSAGE = (
    "不能用 http:// 连接其他计算机上的服务器：个人信息会以明文在网络上传输。"
    "请使用 https:// 地址，例如 https://yulu.example.gov.cn:8443。"
)


class InsecureServerAddress(SyncError):
    """``http://`` to another computer, or not an http(s) address at all."""


class ServerCertificateChanged(SyncError):
    """The server presented another certificate than the one pinned: the connection was closed, nothing sent."""

    def __init__(self, message: str = CERTIFICATE_CHANGED_MESSAGE) -> None:
        super().__init__(message)


class CertificateCheckFailed(ServerCertificateChanged):
    """The server's certificate does not begin with the check the county gave (``sync.certificate_check``):
    the connection was closed right after the handshake, nothing sent."""

    def __init__(self, message: str = CHECK_FAILED_MESSAGE) -> None:
        super().__init__(message)


def is_loopback(host: str) -> bool:
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_address(url: str) -> httpx.URL:
    """``url`` parsed, or ``InsecureServerAddress``: https, or http only to this computer."""
    try:
        parsed = httpx.URL(url.strip())
    except httpx.InvalidURL as exc:
        raise InsecureServerAddress(f"服务器地址“{url}”格式不正确。") from exc
    if parsed.scheme not in ("http", "https") or not parsed.host:
        raise InsecureServerAddress("服务器地址应以 https:// 开头，例如 https://yulu.example.gov.cn:8443。")
    if parsed.scheme == "http" and not is_loopback(parsed.host):
        raise InsecureServerAddress(INSECURE_MESSAGE)
    return parsed


def fingerprint(der: bytes) -> str:
    """SHA-256 of a certificate (DER), lowercase hex: what ``sync_state.server_cert_sha256`` holds."""
    return hashlib.sha256(der).hexdigest()


def _peer_fingerprint(ssl_object: Any) -> str | None:
    """The fingerprint of the certificate the peer presented, None when the connection is not TLS (httpcore
    hands out the socket's internal ``_ssl._SSLSocket``, which has ``getpeercert`` too)."""
    getpeercert = getattr(ssl_object, "getpeercert", None)
    if getpeercert is None:
        return None
    der = getpeercert(True)
    return fingerprint(der) if der else ""


class CertificatePin:
    """The pin of one client: ``expected`` (hex SHA-256, "" for none yet), the ``check`` every certificate must
    begin with ("" for none: ``certificate_check.parse``d) and what the server showed."""

    def __init__(
        self, host: str, expected: str = "", *, trust_on_first_use: bool = False, check: str = ""
    ) -> None:
        self.host = host.lower()
        self.expected = expected.lower()
        self.trust_on_first_use = trust_on_first_use
        self.check_prefix = check.lower()
        #: The certificate of the last TLS connection made ("" before any).
        self.seen = ""
        self._lock = threading.Lock()
        self._handshake = threading.local()

    def check(self, found: str | None) -> None:
        """Accept ``found`` (the certificate's fingerprint) or raise ``ServerCertificateChanged``."""
        if found is None:
            return  # not TLS (http to this computer)
        with self._lock:
            self.seen = found
            if self.check_prefix and not certificate_check.matches(found, self.check_prefix):
                # Before the pin: a certificate the county did not name is never pinned, and the cadre is told
                # that the check (not an earlier enrollment) is what it fails.
                raise CertificateCheckFailed()
            if not self.expected:
                # Trust on first use, or a CA-verified certificate of a laptop that has no pin yet: this
                # certificate is the one for the rest of this client's life.
                self.expected = found
                return
            if found != self.expected:
                raise ServerCertificateChanged()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        """httpcore's ``trace`` callback: checks each TLS handshake with the server before anything is sent."""
        if event.endswith(".start_tls.started"):
            self._handshake.hostname = str(info.get("server_hostname") or "").lower()
        elif event.endswith(".start_tls.complete"):
            hostname = getattr(self._handshake, "hostname", self.host)
            if hostname and hostname != self.host.strip("[]"):
                return  # the handshake with an HTTPS proxy, not with the county's server
            stream = info.get("return_value")
            if stream is None:
                return
            try:
                self.check(_peer_fingerprint(stream.get_extra_info("ssl_object")))
            except ServerCertificateChanged:
                stream.close()
                raise


#: How long the laptop keeps an idle connection to the county server open for reuse.
KEEPALIVE_SECONDS = 2.0


class ServerClient(httpx.Client):
    """An ``httpx.Client`` for one county server, checking its certificate against ``pin`` (see module doc)."""

    def __init__(self, url: str, pin: CertificatePin, *, verify: ssl.SSLContext | bool) -> None:
        self.pin = pin
        super().__init__(
            timeout=DEFAULT_TIMEOUT,
            verify=verify,
            # Drop an idle connection well before the server does (uvicorn closes it after 5 s, the server CLI
            # after 30 s): reusing one the server is closing at that moment ends in "connection reset".
            limits=httpx.Limits(keepalive_expiry=KEEPALIVE_SECONDS),
            event_hooks={"request": [self._before], "response": [self._after]},
        )

    def _before(self, request: httpx.Request) -> None:
        request.extensions = {**request.extensions, "trace": self.pin.trace}

    def _after(self, response: httpx.Response) -> None:
        stream = response.extensions.get("network_stream")
        if stream is None:
            return
        try:
            self.pin.check(_peer_fingerprint(stream.get_extra_info("ssl_object")))
        except ServerCertificateChanged:
            response.close()
            raise


def _pinning_context() -> ssl.SSLContext:
    """TLS 1.2 or newer, no CA or host-name check: the pin decides (a county's certificate is self-signed)."""
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


def server_client(
    url: str, pin: str = "", *, trust_on_first_use: bool = False, check: str = ""
) -> ServerClient:
    """The client for the server at ``url``: ``pin`` and ``check`` (``certificate_check.parse``d, "" for none)
    checked on every connection (see the module doc).

    Raises ``InsecureServerAddress`` for http:// to another computer."""
    parsed = check_address(url)
    certificate = CertificatePin(parsed.host, pin, trust_on_first_use=trust_on_first_use, check=check)
    verify: ssl.SSLContext | bool = True
    if parsed.scheme == "https" and (pin or trust_on_first_use):
        verify = _pinning_context()
    return ServerClient(str(parsed), certificate, verify=verify)


def checks_certificate(url: str) -> bool:
    """Whether a connection to ``url`` has a certificate to check: https (``http://`` goes only to this
    computer, where a certificate check does not apply)."""
    try:
        return httpx.URL(url.strip()).scheme == "https"
    except httpx.InvalidURL:
        return False


def pinned_fingerprint(http: httpx.Client) -> str:
    """The certificate ``http`` has pinned (met or given), "" for a plain client or no TLS."""
    return http.pin.expected if isinstance(http, ServerClient) else ""


def save_pin(conn: Connection, pin: str) -> None:
    """Store ``pin`` as the county server's certificate (in the caller's transaction)."""
    conn.execute(text("UPDATE sync_state SET server_cert_sha256 = :pin WHERE id = 1"), {"pin": pin})
