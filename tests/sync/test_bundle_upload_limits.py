"""The ``/bundles`` upload page needs the county admin's token, streams to a temporary file with a size cap
(rejected early, memory flat, the file removed), and the server's bundle private keys live in a key file, not in
the database (a database of the last release has them moved out)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select
from sync_helpers import LiveServer

from yulu_desktop.server import bundle_keys
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import ServerKey
from yulu_desktop.sync import signing

TOKEN = "county-admin-token-0123456789"
MB = 1024 * 1024


@pytest.fixture
def server_db(tmp_path: Path) -> Iterator[ServerDatabase]:
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    yield db
    db.dispose()


# --- who may upload ----------------------------------------------------------------------------------------


def test_the_upload_page_needs_the_admin_token(server_db: ServerDatabase) -> None:
    form = {"bundle": ("x.yulusync", b"YULUSYNC" + b"\0" * 100, "application/octet-stream")}
    with LiveServer(create_app(db=server_db)) as url:
        # No token configured: the page is closed, from every address (loopback included).
        assert httpx.get(f"{url}/bundles").status_code == 403
        closed = httpx.post(f"{url}/bundles", files=form)
        assert closed.status_code == 403 and "--admin-token-file" in closed.text
    with LiveServer(create_app(db=server_db, migrate=False, admin_token=TOKEN)) as url:
        for auth in (None, ("admin", "wrong-token-0123456789"), ("admin", TOKEN[:-1])):
            page = httpx.get(f"{url}/bundles", auth=auth)
            assert page.status_code == 401 and "Basic" in page.headers["www-authenticate"]
            assert httpx.post(f"{url}/bundles", files=form, auth=auth).status_code == 401
        assert httpx.get(f"{url}/bundles", auth=("admin", TOKEN)).status_code == 200
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert httpx.get(f"{url}/bundles", headers=bearer).status_code == 200
        # With the token, the upload is read (and refused for what it is, not for who sent it).
        answer = httpx.post(f"{url}/bundles", files=form, headers=bearer)
        assert answer.status_code == 400 and "未导入" in answer.text


# --- the size cap, early -----------------------------------------------------------------------------------


def _asgi_post(
    app: Any, headers: list[tuple[bytes, bytes]], chunks: Iterator[bytes]
) -> tuple[int, bytes, int]:
    """POST /bundles through the ASGI interface; returns (status, body, request bytes the app read)."""
    read = 0
    status: list[int] = []
    body: list[bytes] = []

    async def receive() -> dict[str, Any]:
        nonlocal read
        chunk = next(chunks, None)
        if chunk is None:
            return {"type": "http.request", "body": b"", "more_body": False}
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])
        elif message["type"] == "http.response.body":
            body.append(message.get("body", b""))

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/bundles",
        "raw_path": b"/bundles",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"authorization", f"Bearer {TOKEN}".encode()), *headers],
        "client": ("127.0.0.1", 50000),
        "server": ("127.0.0.1", 80),
    }
    asyncio.run(app(scope, receive, send))
    return status[0], b"".join(body), read


def _multipart_chunks(total: int, chunk: int = 64 * 1024, *, first: bytes = b"") -> Iterator[bytes]:
    yield (
        b'--XYZ\r\nContent-Disposition: form-data; name="bundle"; filename="b.yulusync"\r\n'
        b"Content-Type: application/octet-stream\r\n\r\n" + first
    )
    sent = len(first)
    while sent < total:
        n = min(chunk, total - sent)
        yield b"\xab" * n
        sent += n
    yield b"\r\n--XYZ--\r\n"


MULTIPART = (b"content-type", b"multipart/form-data; boundary=XYZ")


def test_a_declared_length_over_the_cap_is_refused_before_reading(server_db: ServerDatabase) -> None:
    app = create_app(db=server_db, admin_token=TOKEN, bundle_upload_limit=1 * MB)
    status, body, read = _asgi_post(
        app, [MULTIPART, (b"content-length", str(10 * MB).encode())], _multipart_chunks(10 * MB)
    )
    assert status == 413 and "文件太大" in body.decode()
    assert read == 0


def test_a_stream_passing_the_cap_stops_being_read(server_db: ServerDatabase) -> None:
    app = create_app(db=server_db, admin_token=TOKEN, bundle_upload_limit=1 * MB)
    status, body, read = _asgi_post(app, [MULTIPART], _multipart_chunks(50 * MB))
    assert status == 413 and "文件太大" in body.decode()
    assert read < 1 * MB + 64 * 1024 + 2 * 64 * 1024  # the cap, the form's framing and one chunk
    # Under the cap, the same stream is read to its end (and refused for not being a bundle).
    status, body, read = _asgi_post(app, [MULTIPART], _multipart_chunks(MB // 2))
    assert status == 400 and read > MB // 2


# --- memory stays flat, the temporary file goes ------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def _status_kb(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise AssertionError(field)


def _deleted_files(pid: int) -> list[str]:
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.endswith("(deleted)"):
            found.append(target)
    return found


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the server's memory from /proc")
def test_a_large_upload_streams_to_disk_with_flat_memory_and_leaves_no_file(tmp_path: Path) -> None:
    token_file = tmp_path / "admin-token"
    token_file.write_text(TOKEN)
    port = _free_port()
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    log = tmp_path / "server.log"
    command = [
        *(
            sys.executable,
            "-m",
            "yulu_desktop.server.cli",
            "--database-url",
            f"sqlite:///{tmp_path / 's.db'}",
        ),
        *("serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        *("--admin-token-file", str(token_file), "--max-bundle-mb", "64"),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, "TMPDIR": str(tmp)}
        )
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
        # Warm up (imports, the first request), then measure the growth of the peak from here.
        httpx.get(f"http://127.0.0.1:{port}/bundles", auth=("admin", TOKEN))
        before = _status_kb(process.pid, "VmHWM")
        size = 48 * MB

        def body() -> Iterator[bytes]:
            yield from _multipart_chunks(size, 256 * 1024)

        answer = httpx.post(
            f"http://127.0.0.1:{port}/bundles",
            content=body(),
            headers={"Content-Type": "multipart/form-data; boundary=XYZ"},
            auth=("admin", TOKEN),
            timeout=120,
        )
        assert (
            answer.status_code == 400 and "不是雨露同步文件" in answer.text
        )  # read whole, refused for what it is
        grown_kb = _status_kb(process.pid, "VmHWM") - before
        assert grown_kb < 16 * 1024, f"the server's peak memory grew by {grown_kb} KB for a 48 MB upload"
        # Over the cap, streamed without a length: 413.
        over = httpx.post(
            f"http://127.0.0.1:{port}/bundles",
            content=_multipart_chunks(80 * MB, 256 * 1024),
            headers={"Content-Type": "multipart/form-data; boundary=XYZ"},
            auth=("admin", TOKEN),
            timeout=120,
        )
        assert over.status_code == 413
        assert _status_kb(process.pid, "VmHWM") - before < 16 * 1024
        # The temporary files are gone: none left open, none left in the temporary directory.
        time.sleep(0.5)
        assert _deleted_files(process.pid) == []
        assert list(tmp.iterdir()) == []
    finally:
        process.terminate()
        process.wait(timeout=30)


# --- the private keys live in a key file ----------------------------------------------------------------


def _rows(db: ServerDatabase) -> dict[str, tuple[bytes, str]]:
    with db.read() as session:
        return {k.purpose: (bytes(k.private_key), k.public_key) for k in session.scalars(select(ServerKey))}


def test_a_new_server_keeps_its_private_keys_in_a_0600_key_file(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    create_app(db=server_db)
    keys = bundle_keys.server_keys(server_db)
    path = bundle_keys.key_file(server_db)
    assert path == tmp_path / "server-keys.json" and os.stat(path).st_mode & 0o777 == 0o600
    rows = _rows(server_db)
    assert {purpose: raw for purpose, (raw, _public) in rows.items()} == {
        bundle_keys.ENCRYPTION: b"",
        bundle_keys.SIGNING: b"",
    }
    assert rows[bundle_keys.ENCRYPTION][1] == keys.public.encryption
    assert rows[bundle_keys.SIGNING][1] == keys.public.signing
    # The database file holds no private key byte.
    data = (tmp_path / "server.db").read_bytes()
    assert keys.signing not in data


def test_keys_of_the_last_release_move_from_the_database_to_the_file(
    server_db: ServerDatabase, tmp_path: Path
) -> None:
    server_db.migrate()
    # What the last release stored: both private keys in ``server_key``.
    encryption, encryption_public = bundle_keys._new_pair(bundle_keys.ENCRYPTION)
    signing_key, signing_public = bundle_keys._new_pair(bundle_keys.SIGNING)
    with server_db.write() as session:
        for purpose, private, public in (
            (bundle_keys.ENCRYPTION, encryption, encryption_public),
            (bundle_keys.SIGNING, signing_key, signing_public),
        ):
            session.add(
                ServerKey(
                    purpose=purpose,
                    private_key=private,
                    public_key=signing.b64(public),
                    created_at=datetime.now(UTC),
                )
            )
    assert not bundle_keys.key_file(server_db).exists()
    create_app(db=server_db)  # start-up moves them
    rows = _rows(server_db)
    assert rows[bundle_keys.ENCRYPTION] == (b"", signing.b64(encryption_public))
    assert rows[bundle_keys.SIGNING] == (b"", signing.b64(signing_public))
    # The same keys, now from the file (laptops keep encrypting to the key they know).
    bundle_keys._cache.clear()
    keys = bundle_keys.server_keys(server_db)
    assert keys.signing == signing_key and keys.encryption_public == encryption_public
    data = (tmp_path / "server.db").read_bytes()
    assert encryption not in data and signing_key not in data
    assert os.stat(bundle_keys.key_file(server_db)).st_mode & 0o777 == 0o600


def test_a_key_file_of_another_database_is_refused(server_db: ServerDatabase, tmp_path: Path) -> None:
    create_app(db=server_db)
    bundle_keys.server_keys(server_db)
    path = bundle_keys.key_file(server_db)
    path.unlink()
    other = ServerDatabase(f"sqlite:///{tmp_path / 'other.db'}")
    try:
        create_app(db=other)
        bundle_keys.server_keys(other)
        os.replace(bundle_keys.key_file(other), path)  # the wrong file where this server's should be
    finally:
        other.dispose()
    bundle_keys._cache.clear()
    with pytest.raises(bundle_keys.KeyFileError, match="不一致"):
        bundle_keys.server_keys(server_db)
