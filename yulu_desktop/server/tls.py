"""TLS of the county server: a self-signed certificate for ``yulu-server admin make-cert``, and how ``serve``
chooses between HTTPS and plain HTTP.

Laptops pin the certificate they meet at enrollment (``sync.transport``), so a self-signed certificate is as
good as a CA-issued one here, and it should last: replacing it means every laptop must accept the new one
(``yulu sync set-server 地址 --accept-new-certificate``). Hence ten years by default, and no overwrite without
``--force``. The key file is written 0600.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from yulu_desktop.paths import user_data_dir

CERT_NAME = "yulu-server-cert.pem"
KEY_NAME = "yulu-server-key.pem"
DEFAULT_DAYS = 3650

INSECURE_WARNING = (
    "警告：县服务器正以不加密的 HTTP 方式运行（--insecure-http）！干部电脑与服务器之间传输的个人信息"
    "（身份证号、银行账号、健康状况等）网络上的任何人都能看到和篡改。只能在测试时这样运行；正式运行请用 "
    "--ssl-certfile/--ssl-keyfile 指定证书，或先运行 yulu-server admin make-cert 生成证书。"
)
NO_CERTIFICATE = (
    "县服务器默认使用 HTTPS，但没有找到证书：请用 --ssl-certfile 和 --ssl-keyfile 指定证书（PEM），"
    "或先运行 yulu-server admin make-cert 在数据目录生成自签名证书。只在本机（--host 127.0.0.1，"
    "例如在 nginx 之后）才能不加密运行；测试时可加 --insecure-http（不安全）。"
)


class TlsError(Exception):
    """A certificate cannot be made or read (the message is Chinese)."""


@dataclass(frozen=True, slots=True)
class Listening:
    """How ``serve`` listens: certificate and key files (both None for plain HTTP), and whether to warn."""

    certfile: str | None
    keyfile: str | None
    insecure_warning: bool = False

    @property
    def https(self) -> bool:
        return self.certfile is not None


def default_files(directory: Path | None = None) -> tuple[Path, Path]:
    """Where ``make-cert`` puts the certificate and its key: the server's data directory."""
    base = directory or user_data_dir()
    return base / CERT_NAME, base / KEY_NAME


def is_loopback_host(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def choose(host: str, certfile: str | None, keyfile: str | None, *, insecure_http: bool) -> Listening:
    """HTTPS with the given files, else with ``make-cert``'s files (not on loopback), else plain HTTP on
    loopback (behind a reverse proxy), else plain HTTP with ``--insecure-http`` (warned), else ``TlsError``."""
    if bool(certfile) != bool(keyfile):
        raise TlsError("--ssl-certfile 和 --ssl-keyfile 需要同时给出")
    if certfile and insecure_http:
        raise TlsError("--insecure-http 不能与 --ssl-certfile/--ssl-keyfile 同时使用")
    if certfile and keyfile:
        return Listening(certfile, keyfile)
    if insecure_http:
        return Listening(None, None, insecure_warning=True)
    if is_loopback_host(host):
        return Listening(None, None)
    cert, key = default_files()
    if cert.is_file() and key.is_file():
        return Listening(str(cert), str(key))
    raise TlsError(NO_CERTIFICATE)


def fingerprint_of(certfile: str | Path) -> str:
    """SHA-256 of the (first, leaf) certificate of a PEM file, hex: what laptops pin."""
    try:
        cert = x509.load_pem_x509_certificate(Path(certfile).read_bytes())
    except (OSError, ValueError) as exc:
        raise TlsError(f"无法读取证书 {certfile}：{exc}") from None
    return cert.fingerprint(hashes.SHA256()).hex()


def spaced(fingerprint: str) -> str:
    """``AB:CD:…`` (easier to read aloud over the phone)."""
    return ":".join(fingerprint[i : i + 2] for i in range(0, len(fingerprint), 2)).upper()


def make_certificate(
    names: list[str],
    *,
    directory: Path | None = None,
    days: int = DEFAULT_DAYS,
    force: bool = False,
) -> tuple[Path, Path, str]:
    """A self-signed certificate (ECDSA P-256) for ``names`` (host names and IP addresses) and its key, in the
    data directory; returns the two paths and the certificate's SHA-256. Refuses to replace existing files
    unless ``force`` (laptops have pinned the old certificate)."""
    cert_path, key_path = default_files(directory)
    if not force and (cert_path.exists() or key_path.exists()):
        raise TlsError(
            f"证书已存在：{cert_path}。更换证书后，每台电脑都要确认新证书"
            "（yulu sync set-server 地址 --accept-new-certificate）；确需更换请加 --force。"
        )
    names = names or [socket.gethostname(), "localhost", "127.0.0.1"]
    alternative: list[x509.GeneralName] = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        try:
            alternative.append(x509.IPAddress(ipaddress.ip_address(name.strip("[]"))))
        except ValueError:
            alternative.append(x509.DNSName(name))
    if not alternative:
        raise TlsError("请用 --host 给出服务器的域名或 IP 地址")
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, names[0][:64]),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "雨露计划+ 县服务器"),
        ]
    )
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName(alternative), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path.parent.mkdir(parents=True, exist_ok=True)
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    _write_private(key_path, key_pem)
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return cert_path, key_path, cert.fingerprint(hashes.SHA256()).hex()


def _write_private(path: Path, data: bytes) -> None:
    """``data`` into ``path`` with mode 0600 from the first byte (replacing a file there)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)
