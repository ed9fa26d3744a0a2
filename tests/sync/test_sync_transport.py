"""TLS and the signature in transit: the county server does not run plain HTTP silently, the laptop refuses
http:// to another computer, pins the server's certificate at enrollment and refuses another one before it sends
anything, and a v4 request's signature covers the headers that say how to read it."""

from __future__ import annotations

import gzip
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from sqlalchemy import text
from sync_helpers import PASSPHRASE, VILLAGE_A, County, LiveServer, add_household, pending

from yulu_desktop.server import admin, tls
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.app import create_app
from yulu_desktop.store.database import Database
from yulu_desktop.sync import certificate_check, enrollment, local, server_address, signing, transport
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient
from yulu_desktop.sync.errors import SyncError

Asgi = Callable[..., Any]


class _Counting:
    """An ASGI wrapper that counts the HTTP requests that reached the app."""

    def __init__(self, app: Asgi) -> None:
        self.app = app
        self.requests = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            self.requests += 1
        await self.app(scope, receive, send)


def _certificate(directory: Path) -> tuple[Path, Path, str]:
    return tls.make_certificate(["127.0.0.1", "localhost"], directory=directory)


def _laptop(county: County) -> Database:
    path = county.tmp / f"device-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(county.template, path)
    db = Database.open(path, PASSPHRASE)
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET device_id = :id WHERE id = 1"), {"id": str(uuid.uuid4())})
    county.devices.append(db)
    return db


def _state(db: Database) -> local.SyncState:
    with db.read_connection() as conn:
        return local.read_state(conn)


@pytest.fixture
def https_county(county: County, tmp_path: Path) -> Iterator[tuple[County, str, str, _Counting]]:
    """The county's app over TLS (a self-signed certificate of ``make-cert``): (county, url, pin, counter)."""
    cert, key, pin = _certificate(tmp_path / "tls-a")
    app = _Counting(create_app(db=county.db, migrate=False))
    with LiveServer(app, cert=cert, key=key) as url:
        yield county, url, pin, app


# --- the laptop --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://yulu.example.gov.cn:8000", "http://192.0.2.10:8000", "ftp://127.0.0.1/"]
)
def test_enrollment_refuses_plain_http_to_another_computer(county: County, url: str) -> None:
    db = _laptop(county)
    with pytest.raises(transport.InsecureServerAddress) as raised, SyncClient(db, url) as client:
        client.enroll(admin.issue_code(county.db, username="hongyan"))
    assert "https://" in raised.value.message
    assert not _state(db).enrolled
    # The command line says so in Chinese, with nothing stored.
    assert server_address.checked_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_enrollment_pins_the_certificate_and_a_sync_over_https_works(
    https_county: tuple[County, str, str, _Counting],
) -> None:
    county, url, pin, _app = https_county
    db = _laptop(county)
    with SyncClient(db, url) as client:
        client.enroll(admin.issue_code(county.db, username="hongyan"))
    assert _state(db).server_cert_sha256 == pin
    with SyncClient(db) as client:
        assert client.sync_once().complete
    add_household(db, county.unit_id(VILLAGE_A))
    with SyncClient(db) as client:
        assert client.sync_once().complete
    assert pending(db) == 0


def test_another_certificate_is_refused_before_anything_is_sent(
    https_county: tuple[County, str, str, _Counting], tmp_path: Path
) -> None:
    county, url, _pin, _app = https_county
    db = _laptop(county)
    with SyncClient(db, url) as client:
        client.enroll(admin.issue_code(county.db, username="hongyan"))
        client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    # Someone on the path answers at the server's address with another certificate (same county behind it, so
    # that only the certificate differs).
    cert, key, other_pin = _certificate(tmp_path / "tls-b")
    impostor = _Counting(create_app(db=county.db, migrate=False))
    with LiveServer(impostor, cert=cert, key=key) as other_url:
        with db.write_connection() as conn:
            conn.execute(text("UPDATE sync_state SET server_url = :url WHERE id = 1"), {"url": other_url})
        with pytest.raises(transport.ServerCertificateChanged) as raised, SyncClient(db) as client:
            client.sync_once()
        assert "县服务器的证书与注册时不同" in raised.value.message
        # Not one request reached the server behind the other certificate: refused right after the handshake.
        assert impostor.requests == 0
        assert pending(db) == 1
        # The same with a bare request (the app's probe) and a signed one.
        with SyncClient(db) as client, pytest.raises(transport.ServerCertificateChanged):
            client.request_signed("POST", "/v1/hello", b"{}")
        assert impostor.requests == 0

        # set-server to it is refused as well, unless the cadre accepts the new certificate…
        with pytest.raises(SyncError, match="证书与注册时不同"):
            server_address.change_server(db, other_url)
        assert impostor.requests == 0
        server_address.change_server(db, other_url, accept_new_certificate=True)
        # …which pins it once the server there accepted this device's signed hello.
        state = _state(db)
        assert (state.server_url, state.server_cert_sha256) == (other_url, other_pin)
        with SyncClient(db) as client:
            assert client.sync_once().complete
    assert pending(db) == 0


def test_a_new_certificate_is_not_pinned_when_the_server_does_not_know_this_device(
    https_county: tuple[County, str, str, _Counting], tmp_path: Path
) -> None:
    from sync_helpers import setup_county

    from yulu_desktop.server.db import ServerDatabase

    county, url, pin, _app = https_county
    db = _laptop(county)
    with SyncClient(db, url) as client:
        client.enroll(admin.issue_code(county.db, username="hongyan"))
    other = ServerDatabase(f"sqlite:///{tmp_path / 'other-county.db'}")
    app = create_app(db=other)
    setup_county(other)
    cert, key, _other_pin = _certificate(tmp_path / "tls-c")
    try:
        with LiveServer(app, cert=cert, key=key) as other_url, pytest.raises(SyncError, match="没有接受本机"):
            server_address.change_server(db, other_url, accept_new_certificate=True)
    finally:
        other.dispose()
    assert (_state(db).server_url, _state(db).server_cert_sha256) == (url, pin)


def test_a_tls_connection_is_checked_before_the_request_is_written(tmp_path: Path) -> None:
    """The check runs on the handshake (httpcore's trace hook), not on the answer: a server that never answers
    still gets no byte of the request."""
    cert, key, _pin = _certificate(tmp_path)
    import ssl

    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    received: list[bytes] = []

    def serve() -> None:
        conn, _addr = listener.accept()
        with context.wrap_socket(conn, server_side=True) as tls_conn:
            tls_conn.settimeout(5)
            try:
                while chunk := tls_conn.recv(65536):
                    received.append(chunk)
            except (OSError, ssl.SSLError):
                pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client = transport.server_client(f"https://127.0.0.1:{port}", "00" * 32)
    with client, pytest.raises(transport.ServerCertificateChanged):
        client.post(f"https://127.0.0.1:{port}/v1/push", content=b'{"personal": "data"}')
    thread.join(timeout=10)
    listener.close()
    assert b"".join(received) == b""


# --- the certificate check handed out with the code (证书校验码) ------------------------------------------------


def _yulu(db: Database, *argv: str) -> int:
    import argparse

    from yulu_desktop.cli import sync_commands

    parser = argparse.ArgumentParser(prog="yulu")
    parser.add_argument("--db")
    sync_commands.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["--db", str(db.path), *argv])
    return int(args.func(args))


def _enroll(db: Database, url: str, code: str, check: str) -> enrollment.Enrolled:
    return enrollment.enroll_and_pull(
        db, url, code, lambda *_a: None, lambda: False, actor="测试员", check=check
    )


def test_the_certificate_check_as_typed() -> None:
    pin = "3f2a9c0177b4e0d25a1c" + "0" * 44
    assert certificate_check.of(pin) == "3F2A-9C01-77B4-E0D2-5A1C"
    expected = "3f2a9c0177b4e0d25a1c"
    for typed in (
        "3F2A-9C01-77B4-E0D2-5A1C",
        " 3f2a 9c01 77b4 e0d2 5a1c ",
        "3f2a9c0177b4e0d25a1c",
        "３Ｆ２Ａ－９Ｃ０１－７７Ｂ４－Ｅ０Ｄ２－５Ａ１Ｃ",  # full-width, from a Chinese input method
        "3F2A-9CO1-77B4-EOD2-5AIC",  # O for 0, I for 1
        "3F:2A:9C:01:77:B4:E0:D2:5A:1C:00",  # the start of the fingerprint as serve prints it
        tls.spaced(pin),  # all of it
    ):
        parsed = certificate_check.parse(typed)
        assert parsed.startswith(expected) and pin.startswith(parsed), typed
        assert certificate_check.matches(pin, parsed)
    assert certificate_check.parse("  ") == ""
    assert not certificate_check.matches(pin, "")
    for typed, said in (
        ("3F2A-9C01-77B4-E0D2", "应有 20 位"),
        ("3F2A-9C01-77B4-E0D2-5A1G", "“G”不是"),
        ("证书-9C01-77B4-E0D2-5A1C", "不是"),
        ("3F2A" * 17, "太长"),
    ):
        with pytest.raises(certificate_check.BadCertificateCheck, match=said):
            certificate_check.parse(typed)


def test_a_malformed_check_is_said_before_any_connection(county: County) -> None:
    db = _laptop(county)
    with socket.socket() as probe:  # nobody listens: a connection would say 无法连接
        probe.bind(("127.0.0.1", 0))
        dead = f"https://127.0.0.1:{probe.getsockname()[1]}"
    with pytest.raises(certificate_check.BadCertificateCheck, match="应有 20 位"):
        _enroll(db, dead, "ABCDEF-ABCDEFGHJKMN", "3F2A-9C01")
    with pytest.raises(certificate_check.BadCertificateCheck, match="未更改"):
        server_address.change_server(db, dead, check="XYZ")
    assert not _state(db).enrolled


def test_enrollment_with_the_countys_check_pins_the_certificate(
    https_county: tuple[County, str, str, _Counting],
) -> None:
    county, url, pin, _app = https_county
    db = _laptop(county)
    typed = certificate_check.of(pin).lower().replace("-", " ")
    result = _enroll(db, url, admin.issue_code(county.db, username="hongyan"), typed)
    assert result.certificate_checked and result.jurisdiction_name == "红岩村"
    assert _state(db).server_cert_sha256 == pin
    with SyncClient(db) as client:
        assert client.sync_once().complete


def test_a_check_the_certificate_does_not_match_sends_not_even_the_code(
    https_county: tuple[County, str, str, _Counting], tmp_path: Path
) -> None:
    """Someone on the path at the moment of enrollment, with a certificate of their own, in front of the county
    (so that the code, were it sent, would be used up): the laptop refuses right after the handshake."""
    county, url, pin, app = https_county
    db = _laptop(county)
    code = admin.issue_code(county.db, username="hongyan")
    cert, key, _other_pin = _certificate(tmp_path / "tls-impostor")
    impostor = _Counting(create_app(db=county.db, migrate=False))
    with LiveServer(impostor, cert=cert, key=key) as impostor_url:
        with pytest.raises(transport.CertificateCheckFailed) as raised:
            _enroll(db, impostor_url, code, certificate_check.of(pin))
        assert impostor.requests == 0
    said = enrollment.error_text(raised.value)
    assert "证书校验码不符" in said and "本机没有发送注册码" in said
    state = _state(db)
    assert not state.enrolled and not state.server_cert_sha256 and not state.server_url
    # The code was not used up: the county's own server takes it.
    assert app.requests == 0
    _enroll(db, url, code, certificate_check.of(pin))
    assert _state(db).enrolled and _state(db).server_cert_sha256 == pin


def test_yulu_sync_enroll_with_and_without_a_certificate_check(
    https_county: tuple[County, str, str, _Counting],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    county, url, pin, _app = https_county
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    cert, key, other_pin = _certificate(tmp_path / "tls-impostor")
    impostor = _Counting(create_app(db=county.db, migrate=False))
    code = admin.issue_code(county.db, username="hongyan")
    db = _laptop(county)
    with LiveServer(impostor, cert=cert, key=key) as impostor_url:
        with pytest.raises(transport.CertificateCheckFailed, match="证书校验码不符"):
            _yulu(
                db,
                "sync",
                "enroll",
                "--server",
                impostor_url,
                "--code",
                code,
                "--certificate-check",
                pin[:20],
            )
        assert impostor.requests == 0
    with pytest.raises(certificate_check.BadCertificateCheck):
        _yulu(db, "sync", "enroll", "--server", url, "--code", code, "--certificate-check", "12")
    capsys.readouterr()
    check = certificate_check.of(pin).lower()
    assert _yulu(db, "sync", "enroll", "--server", url, "--code", code, "--certificate-check", check) == 0
    captured = capsys.readouterr()
    assert "相符" in captured.out and "红岩村" in captured.out and "注意" not in captured.err
    assert _state(db).server_cert_sha256 == pin
    # Without a check: trust on first use, as before, and a warning says so.
    other = _laptop(county)
    assert (
        _yulu(
            other,
            "sync",
            "enroll",
            "--server",
            url,
            "--code",
            admin.issue_code(county.db, username="hongyan"),
        )
        == 0
    )
    assert "没有给出证书校验码" in capsys.readouterr().err
    assert _state(other).server_cert_sha256 == pin
    # http:// to this computer has no certificate: a check given is said not to apply.
    third = _laptop(county)
    code = admin.issue_code(county.db, username="hongyan")
    assert (
        _yulu(
            third,
            "sync",
            "enroll",
            "--server",
            county.url,
            "--code",
            code,
            "--certificate-check",
            other_pin[:20],
        )
        == 0
    )
    assert "不适用" in capsys.readouterr().err
    assert _state(third).enrolled


def test_set_server_accepts_a_new_certificate_only_with_its_check(
    https_county: tuple[County, str, str, _Counting],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    county, url, pin, _app = https_county
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    db = _laptop(county)
    with SyncClient(db, url) as client:
        client.enroll(admin.issue_code(county.db, username="hongyan"))
    # The county renews its certificate and hands out the new check; an impostor answers at the new address.
    new_cert, new_key, new_pin = _certificate(tmp_path / "tls-renewed")
    bad_cert, bad_key, _bad_pin = _certificate(tmp_path / "tls-impostor")
    impostor = _Counting(create_app(db=county.db, migrate=False))
    renewed = _Counting(create_app(db=county.db, migrate=False))
    new_check = certificate_check.of(new_pin)
    with LiveServer(impostor, cert=bad_cert, key=bad_key) as impostor_url:
        with pytest.raises(SyncError, match="证书校验码不符") as raised:
            _yulu(
                db,
                "sync",
                "set-server",
                impostor_url,
                "--accept-new-certificate",
                "--certificate-check",
                new_check,
            )
        assert "未更改" in raised.value.message
        assert impostor.requests == 0
    assert (_state(db).server_url, _state(db).server_cert_sha256) == (url, pin)
    with LiveServer(renewed, cert=new_cert, key=new_key) as renewed_url:
        capsys.readouterr()
        args = (
            "sync",
            "set-server",
            renewed_url,
            "--accept-new-certificate",
            "--certificate-check",
            new_check,
        )
        assert _yulu(db, *args) == 0
        assert "相符" in capsys.readouterr().out
        assert (_state(db).server_url, _state(db).server_cert_sha256) == (renewed_url, new_pin)
        with SyncClient(db) as client:
            assert client.sync_once().complete
        # Without a check the re-pin works as before, and says it was not verified.
        assert _yulu(db, "sync", "set-server", renewed_url, "--accept-new-certificate") == 0
        assert "没有给出证书校验码" in capsys.readouterr().err
        # A check that contradicts the certificate (pinned and served) sends nothing, changes nothing.
        before = renewed.requests
        with pytest.raises(SyncError, match="证书校验码不符"):
            server_address.change_server(db, renewed_url, check=certificate_check.of(pin))
        assert renewed.requests == before
    assert _state(db).server_cert_sha256 == new_pin


def test_issue_code_prints_the_check_of_the_served_certificate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'county.db'}"

    def admin_cli(*argv: str) -> int:
        return server_cli.main(["--database-url", url, "admin", *argv])

    assert admin_cli("create-unit", "--code", "140928", "--name", "五寨县", "--level", "county") == 0
    assert admin_cli("create-cadre", "--username", "wang", "--name", "王书记", "--unit", "140928") == 0
    # No certificate yet (plain HTTP on loopback): the code alone, and why there is no check.
    capsys.readouterr()
    assert admin_cli("issue-code", "--username", "wang") == 0
    captured = capsys.readouterr()
    assert (
        "注册码" in captured.out and "证书校验码" not in captured.out and "无法给出证书校验码" in captured.err
    )
    # make-cert's certificate, which serve uses by default.
    assert admin_cli("make-cert", "--host", "127.0.0.1") == 0
    cert, _key = tls.default_files()
    served = certificate_check.of(tls.fingerprint_of(cert))
    assert f"证书校验码（指纹的前 20 位）：{served}" in capsys.readouterr().out
    assert admin_cli("issue-code", "--username", "wang") == 0
    out = capsys.readouterr().out
    assert re.search(r"注册码.*：[A-Z0-9]{6}-[A-Z0-9]{12}\n", out) and f"：{served}\n" in out
    # The certificate serve --ssl-certfile (or a reverse proxy) uses instead.
    other, _other_key, other_pin = _certificate(tmp_path / "proxy")
    assert admin_cli("issue-code", "--username", "wang", "--ssl-certfile", str(other)) == 0
    out = capsys.readouterr().out
    assert certificate_check.of(other_pin) in out and served not in out
    # A file that is not a certificate: no code is issued.
    assert admin_cli("issue-code", "--username", "wang", "--ssl-certfile", str(tmp_path / "none.pem")) == 1
    assert "无法读取证书" in capsys.readouterr().err


# --- the signature covers the protocol header ----------------------------------------------------------------


def _post(
    county: County, client: SyncClient, *, signed_as: int | None, sent_as: str | None, **kw: Any
) -> int:
    state = _state(client.db)
    assert state.private_key is not None
    body = p.PullRequest(after=0).model_dump_json().encode()
    headers = {"Content-Type": "application/json"}
    encoding = kw.get("encoding", "")
    if encoding == "gzip":
        body = gzip.compress(body)
    if kw.get("sent_encoding", encoding):
        headers["Content-Encoding"] = kw.get("sent_encoding", encoding)
    if sent_as is not None:
        headers[p.HEADER_PROTOCOL] = sent_as
    stamp, nonce = int(time.time() * 1000), signing.new_nonce()
    message = signing.request_message(
        "POST", "/v1/pull", stamp, nonce, body, protocol=signed_as, content_encoding=encoding
    )
    headers |= {
        p.HEADER_DEVICE: state.device_id,
        p.HEADER_TIMESTAMP: str(stamp),
        p.HEADER_NONCE: nonce,
        p.HEADER_SIGNATURE: signing.sign(state.private_key, message),
    }
    return county.http.post(f"{county.url}/v1/pull", content=body, headers=headers).status_code


def test_a_lowered_protocol_header_breaks_a_v4_signature_and_v3_laptops_still_sync(county: County) -> None:
    _db, client = county.device()
    assert _post(county, client, signed_as=4, sent_as="4") == 200
    assert _post(county, client, signed_as=4, sent_as="4", encoding="gzip") == 200
    # An on-path party lowers (or strips) the header of a v4 request: its signature no longer holds.
    assert _post(county, client, signed_as=4, sent_as="3") == 401
    assert _post(county, client, signed_as=4, sent_as="1") == 401
    assert _post(county, client, signed_as=4, sent_as=None) == 401
    # …or claims another body encoding than the one signed.
    assert _post(county, client, signed_as=4, sent_as="4", encoding="gzip", sent_encoding="identity") == 401
    # A laptop of the last release (v3) signs no header, as before, and is still served.
    assert _post(county, client, signed_as=3, sent_as="3") == 200
    assert _post(county, client, signed_as=None, sent_as=None) == 200
    # Raising a v3 request's header to 4 fails too.
    assert _post(county, client, signed_as=3, sent_as="4") == 401


def test_the_laptop_signs_v4_messages(county: County) -> None:
    db, client = county.device()
    assert client.protocol_version == p.PROTOCOL_VERSION == 5
    assert client.sync_once().complete
    add_household(db, county.unit_id(VILLAGE_A))
    assert client.sync_once().complete and pending(db) == 0


# --- the county server ---------------------------------------------------------------------------------------


def test_serve_refuses_plain_http_to_the_network_without_a_certificate(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Checked before anything listens (nothing binds 0.0.0.0 in this test).
    assert server_cli.main(["serve", "--host", "0.0.0.0", "--port", "9"]) == 1
    err = capsys.readouterr().err
    assert "HTTPS" in err and "make-cert" in err and "--insecure-http" in err
    assert server_cli.main(["serve", "--host", "0.0.0.0", "--ssl-certfile", "c.pem"]) == 1
    assert "同时给出" in capsys.readouterr().err
    # Loopback (behind a reverse proxy) and an explicit --insecure-http are plain HTTP; certificates are TLS.
    assert not tls.choose("127.0.0.1", None, None, insecure_http=False).https
    assert tls.choose("0.0.0.0", None, None, insecure_http=True).insecure_warning
    assert tls.choose("0.0.0.0", "c.pem", "k.pem", insecure_http=False).https


def test_make_cert_writes_a_private_key_and_serve_uses_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(tls.TlsError):
        tls.choose("0.0.0.0", None, None, insecure_http=False)
    assert server_cli.main(["admin", "make-cert", "--host", "yulu.example.gov.cn", "--host", "10.0.0.5"]) == 0
    out = capsys.readouterr().out
    cert, key = tls.default_files()
    assert os.stat(key).st_mode & 0o777 == 0o600
    assert tls.spaced(tls.fingerprint_of(cert)) in out
    chosen = tls.choose("0.0.0.0", None, None, insecure_http=False)
    assert (chosen.certfile, chosen.keyfile) == (str(cert), str(key))
    # Not replaced by accident: every laptop has pinned it.
    assert server_cli.main(["admin", "make-cert"]) == 1
    assert "--force" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def test_insecure_http_warns_loudly_on_every_start(tmp_path: Path) -> None:
    port = _free_port()
    command = [
        *(
            sys.executable,
            "-m",
            "yulu_desktop.server.cli",
            "--database-url",
            f"sqlite:///{tmp_path / 's.db'}",
        ),
        *("serve", "--host", "127.0.0.1", "--port", str(port), "--insecure-http"),
    ]
    log = tmp_path / "server.log"
    for _start in range(2):
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/v1/ping", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                assert process.poll() is None, log.read_text()
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)
        finally:
            process.terminate()
            process.wait(timeout=30)
        text_ = log.read_text()
        assert text_.count("不加密的 HTTP") >= 2, text_  # the banner on stderr and the log line
        assert "!!!!!!!!" in text_


def test_the_laptop_drops_idle_connections_before_the_server_does() -> None:
    """A reused keep-alive connection the server is closing at that moment ends in "connection reset" (seen under
    load in the township-office run): the laptop must give up idle connections first — before uvicorn's default
    5 s and the server CLI's 30 s."""
    client = transport.server_client("http://127.0.0.1:8443")
    try:
        expiry = client._transport._pool._keepalive_expiry  # type: ignore[attr-defined]
    finally:
        client.close()
    assert expiry is not None and expiry < 5 and expiry == transport.KEEPALIVE_SECONDS
    assert uvicorn.Config(app=lambda: None).timeout_keep_alive >= 5
