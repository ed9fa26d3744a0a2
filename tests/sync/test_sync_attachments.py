"""Attachment files over bad links: chunked uploads that resume after a cut, stored once, verified by hash,
never sent twice, refused outside the jurisdiction, fetched lazily — and never holding the records back."""

from __future__ import annotations

import hashlib
import os
import random
from typing import Any

import httpx
import pytest
from faults import ByteCutProxy
from sqlalchemy import func, select, text, update
from sync_helpers import VILLAGE_A, County, add_household, add_person

from yulu_desktop.server import blobs
from yulu_desktop.server.models import BlobChunk, ServerBlob
from yulu_desktop.server.service import ApiError
from yulu_desktop.services import records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient, SyncReport


@pytest.fixture(autouse=True)
def _no_retry_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attachments, "RETRY_PAUSE_S", 0.0)


def _file(size: int, seed: int = 0) -> bytes:
    """Incompressible bytes (a PDF scan, for all the sync cares): not an image, stored as it comes."""
    return random.Random(seed).randbytes(size)


def _person(db: Database, client: SyncClient, county: County, village: str = VILLAGE_A) -> str:
    client.sync_once()  # org units first
    household = add_household(db, county.unit_id(village))
    return add_person(db, household, "张坤")


def _attach(db: Database, person: str, data: bytes, name: str = "学籍证明.pdf") -> str:
    return records.add_attachment(db, person, name, data, kind="enrollment_proof", actor="李明").sha256


def _push_records(client: SyncClient) -> None:
    client.push_all(SyncReport())


def _server_blob(county: County, sha: str) -> tuple[bool, int, int] | None:
    with county.db.read() as session:
        return blobs.blob_state(session, sha)


def _server_bytes(county: County, sha: str) -> bytes | None:
    with county.db.read() as session:
        return blobs.read_whole_blob(session, county.db.cipher, sha)


def _pending(db: Database) -> list[str]:
    with db.read_connection() as conn:
        return attachments.pending_uploads(conn)


@pytest.fixture
def arrivals(monkeypatch: pytest.MonkeyPatch, county: County) -> list[tuple[int, int, int]]:
    """Every chunk that reached the server's handler: (offset, length, bytes the server held before)."""
    seen: list[tuple[int, int, int]] = []
    original = blobs.put_chunk

    def recording(db: Any, ctx: Any, sha256: str, offset: int, size: int, data: bytes) -> p.BlobPutResponse:
        state = _server_blob(county, sha256)
        seen.append((offset, len(data), state[1] if state is not None else 0))
        return original(db, ctx, sha256, offset, size, data)

    monkeypatch.setattr(blobs, "put_chunk", recording)
    return seen


# --- resuming after cuts ---------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(5))
def test_upload_cut_at_random_byte_offsets_resumes_without_resending(
    county: County, arrivals: list[tuple[int, int, int]], seed: int
) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    data = _file(150_000 + seed * 7_000, seed)
    sha = _attach(db, person, data)
    _push_records(client)
    chunk = 16 * 1024
    rng = random.Random(seed)
    # Offsets in the request stream (bodies and headers): some cut a request mid-way, some lose the answer to a
    # request the server carried out.
    span = len(data) + 12 * 1024
    host, port = county.url.removeprefix("http://").split(":")
    with (
        ByteCutProxy(
            (host, int(port)),
            cut_at=rng.sample(range(100, span), 4),
            drop_answer_at=rng.sample(range(100, span), 3),
        ) as proxy,
        httpx.Client(timeout=10) as http,
    ):
        link = SyncClient(db, proxy.url, http=http)
        rounds = 0
        while _pending(db):
            rounds += 1
            assert rounds <= 10, "the upload does not get anywhere"
            report = attachments.upload_pending(link, chunk_bytes=chunk, retries=2)
            assert not report.cancelled
    assert proxy.cuts + proxy.dropped_answers >= 3, "the faults were not exercised"
    assert _server_blob(county, sha) == (True, len(data), len(data))
    stored = _server_bytes(county, sha)
    assert stored is not None and hashlib.sha256(stored).hexdigest() == sha
    # Never a chunk the server already held: every chunk that arrived started where the server stood.
    assert arrivals and all(offset == held for offset, _length, held in arrivals)
    assert sum(length for _o, length, _h in arrivals) == len(data)
    # On the wire: the file once, plus at most one chunk per cut, plus headers.
    requests = len(arrivals) + 3 * (proxy.cuts + proxy.dropped_answers) + 4
    assert proxy.request_bytes <= len(data) + proxy.cuts * chunk + requests * 1200


# --- stored once, sent once -----------------------------------------------------------------------------


def test_same_file_twice_is_stored_once_and_sent_once(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    person = _person(db_a, client_a, county)
    other = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "李梅")
    data = _file(90_000)
    first = _attach(db_a, person, data)
    second = _attach(db_a, other, data, "副本.pdf")
    assert first == second
    with db_a.read_connection() as conn:
        assert conn.execute(select(func.count()).select_from(schema.attachment_blob)).scalar_one() == 1
        assert attachments.pending_uploads(conn) == [first]

    report_a = client_a.sync_once()
    assert (report_a.files_sent, report_a.files_pending, report_a.bytes_sent) == (1, 0, len(data))
    assert report_a.complete

    # The other laptop of the village has the same scan for a third person: the server has it, nothing is sent.
    client_b.sync_once()
    third = add_person(db_b, add_household(db_b, county.unit_id(VILLAGE_A)), "王芳")
    assert _attach(db_b, third, data) == first
    report_b = client_b.sync_once()
    assert (report_b.files_sent, report_b.files_known, report_b.bytes_sent) == (0, 1, 0)
    assert report_b.complete and _pending(db_b) == []
    with county.db.read() as session:
        assert session.scalar(select(func.count()).select_from(ServerBlob)) == 1
        chunks = session.scalar(select(func.count()).select_from(BlobChunk))
        # Stored once, each chunk sealed (a 12-byte nonce and a 16-byte tag beside its bytes).
        assert session.scalar(select(func.sum(func.length(BlobChunk.data)))) == len(data) + 28 * chunks
    assert _server_bytes(county, first) == data


def test_a_file_on_the_server_is_not_sent_again(county: County, arrivals: list[tuple[int, int, int]]) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    sha = _attach(db, person, _file(40_000))
    assert client.sync_once().files_sent == 1
    sent = len(arrivals)
    assert client.sync_once().bytes_sent == 0
    # The confirmation was lost (or the queue was reset): the server is asked, and nothing is sent.
    with db.write_connection() as conn:
        conn.execute(update(schema.blob_upload).values(uploaded_at=None))
    report = client.sync_once()
    assert (report.files_known, report.files_sent, report.bytes_sent) == (1, 0, 0)
    assert len(arrivals) == sent and _pending(db) == [] and report.complete
    assert _server_blob(county, sha) is not None


def test_chunks_grow_on_a_fast_link_and_start_small_again(
    county: County, arrivals: list[tuple[int, int, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    sha = _attach(db, person, _file(1_000_000))
    assert client.sync_once().files_sent == 1
    lengths = [length for _offset, length, _held in arrivals]
    assert lengths[:4] == [32 * 1024, 64 * 1024, 128 * 1024, 256 * 1024]  # loopback: every chunk is fast
    assert max(lengths) == attachments.MAX_CHUNK_BYTES and len(lengths) < 1_000_000 / (32 * 1024) / 3
    assert _server_bytes(county, sha) == _file(1_000_000)
    # On a slow link they stay at the first size.
    arrivals.clear()
    monkeypatch.setattr(attachments, "FAST_CHUNK_SECONDS", 0.0)
    _attach(db, person, _file(200_000, seed=1))
    client.sync_once()
    assert {length for _offset, length, _held in arrivals[:-1]} == {32 * 1024}


# --- verification -----------------------------------------------------------------------------------------


def test_wrong_bytes_are_refused_and_not_kept(county: County) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    data = _file(20_000)
    sha = _attach(db, person, data)
    _push_records(client)
    forged = bytes(reversed(data))
    response = client.request_signed("PUT", f"/v1/blobs/{sha}?offset=0&size={len(forged)}", forged)
    assert response.status_code == 422
    assert response.json()["code"] == "hash_mismatch"
    assert _server_blob(county, sha) is None, "a file that does not match its hash is discarded"

    # A file damaged on the laptop's disk is not sent either, and says so.
    with db.write_connection() as conn:
        conn.execute(text("UPDATE attachment_blob SET data = :d WHERE sha256 = :s"), {"d": forged, "s": sha})
    report = attachments.upload_pending(client)
    assert report.files_sent == 0 and report.files_pending == 1
    assert any("损坏" in problem for problem in report.problems)
    assert _server_blob(county, sha) is None


def test_size_limit_and_bad_ranges(county: County) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    sha = _attach(db, person, _file(1000))
    _push_records(client)
    too_large = client.request_signed("PUT", f"/v1/blobs/{sha}?offset=0&size={p.MAX_BLOB_BYTES + 1}", b"x")
    assert too_large.status_code == 413
    assert "太大" in too_large.json()["message"]
    beyond = client.request_signed("PUT", f"/v1/blobs/{sha}?offset=900&size=1000", b"x" * 200)
    assert beyond.status_code == 422
    assert _server_blob(county, sha) is None


def test_the_query_string_is_signed(county: County) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    data = _file(1000)
    sha = _attach(db, person, data)
    _push_records(client)

    def tamper(request: httpx.Request) -> None:
        request.url = request.url.copy_with(query=b"offset=0&size=999")

    with httpx.Client(timeout=10, event_hooks={"request": [tamper]}) as http:
        response = SyncClient(db, county.url, http=http).request_signed(
            "PUT", f"/v1/blobs/{sha}?offset=0&size={len(data)}", data
        )
    assert response.status_code == 401
    assert _server_blob(county, sha) is None


# --- jurisdiction ---------------------------------------------------------------------------------------


def test_another_village_gets_403_for_upload_and_download(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("shiping")
    data = _file(30_000)
    sha = _attach(db_a, _person(db_a, client_a, county), data)
    client_a.sync_once()
    client_b.sync_once()
    assert _server_blob(county, sha) is not None
    fetched = client_b.request_signed("GET", f"/v1/blobs/{sha}?offset=0&length=1000")
    assert fetched.status_code == 403
    with pytest.raises(attachments.SyncError, match="辖区"):
        attachments.download(client_b, sha)

    # A file of village A's that the server does not hold yet: village B cannot plant it either.
    other = _file(5000, seed=9)
    other_sha = _attach(db_a, _person(db_a, client_a, county), other)
    _push_records(client_a)
    put = client_b.request_signed("PUT", f"/v1/blobs/{other_sha}?offset=0&size={len(other)}", other)
    assert put.status_code == 403
    assert _server_blob(county, other_sha) is None
    status = client_b.request_signed(
        "POST",
        "/v1/blobs/status",
        p.BlobStatusRequest(blobs=[p.BlobRef(sha256=sha, size=len(data))]).model_dump_json().encode(),
    )
    assert status.json()["blobs"][0]["state"] == "forbidden"

    # The township's device sees both villages.
    db_t, client_t = county.device("miaoba")
    client_t.sync_once()
    assert attachments.download(client_t, sha) == data
    del db_b, db_t


def test_a_file_whose_record_is_not_on_the_server_waits_for_it(county: County) -> None:
    """Blocked (no record on the server) is reported and stored nowhere; it goes once the record is there."""
    db, client = county.device()
    person = _person(db, client, county)
    data = _file(3000)
    sha = _attach(db, person, data)
    report = attachments.upload_pending(client)  # before the records
    assert (report.files_blocked, report.files_pending, report.bytes_sent) == (1, 0, 0)
    assert "记录" in report.problems[0]
    assert _server_blob(county, sha) is None and _pending(db) == [sha]
    final = client.sync_once()
    assert final.files_sent == 1 and final.complete
    # A file whose attachment was deleted before it went up is simply dropped from the queue.
    gone = _attach(db, person, _file(2000, seed=8))
    with db.write_connection() as conn:
        conn.execute(text("DELETE FROM attachment WHERE sha256 = :s"), {"s": gone})
    assert attachments.upload_pending(client).problems == []
    assert _pending(db) == []


# --- lazy download ----------------------------------------------------------------------------------------


def test_second_device_downloads_lazily_in_parts(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    data = _file(70_000, seed=3)
    sha = _attach(db_a, _person(db_a, client_a, county), data)
    _push_records(client_a)
    client_b.sync_once()
    with db_b.read_connection() as conn:
        assert attachments.missing_blobs(conn) == [sha], "the pull brings the record, not the file"
    with pytest.raises(attachments.BlobUnavailable):
        attachments.download(client_b, sha)  # not uploaded yet

    assert client_a.sync_once().files_sent == 1
    progress: list[tuple[str, int, int]] = []
    assert attachments.download(client_b, sha, lambda *a: progress.append(a), part_bytes=20_000) == data
    assert progress[-1] == ("download", len(data), len(data)) and len(progress) == 4
    with db_b.read_connection() as conn:
        assert attachments.missing_blobs(conn) == []
        assert attachments.pending_uploads(conn) == [], "a downloaded file is not sent back"
    assert records.attachment_bytes(db_b, sha) == data


def test_download_checks_the_hash(county: County, monkeypatch: pytest.MonkeyPatch) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    data = _file(5000, seed=4)
    sha = _attach(db_a, _person(db_a, client_a, county), data)
    client_a.sync_once()
    client_b.sync_once()
    original = blobs.read_part

    def damaged(*args: Any) -> tuple[bytes, int]:
        part, size = original(*args)
        return bytes(255 - b for b in part), size

    monkeypatch.setattr(blobs, "read_part", damaged)
    with pytest.raises(attachments.BlobHashMismatch):
        attachments.download(client_b, sha)
    with db_b.read_connection() as conn:
        assert attachments.missing_blobs(conn) == [sha]


def test_store_blob_locally_checks_the_hash(county: County) -> None:
    db, _client = county.device()
    data = os.urandom(100)
    with db.write_connection() as conn:
        with pytest.raises(attachments.BlobHashMismatch):
            attachments.store_blob_locally(conn, "0" * 64, data)
        sha = hashlib.sha256(data).hexdigest()
        attachments.store_blob_locally(conn, sha, data)
        attachments.store_blob_locally(conn, sha, data)  # idempotent
        assert attachments.read_blob(conn, sha) == data
        assert attachments.pending_uploads(conn) == []


# --- records first ----------------------------------------------------------------------------------------


def test_records_sync_even_when_the_file_upload_fails(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    person = _person(db_a, client_a, county)
    sha = _attach(db_a, person, _file(50_000), "一卡通.pdf")

    def broken(*_args: Any) -> p.BlobPutResponse:
        raise ApiError(503, "busy", "县服务器忙")

    monkeypatch.setattr(blobs, "put_chunk", broken)
    report = client_a.sync_once()
    assert report.pushed >= 1 and report.pending == 0, "the records went up"
    assert (report.files_sent, report.files_pending) == (0, 1)
    assert any("附件 一卡通.pdf 暂未上传完成，下次同步会从断点继续" in problem for problem in report.problems)
    assert not report.complete, "yulu sync run exits 1 while a file waits"
    client_b.sync_once()
    with db_b.read_connection() as conn:
        assert attachments.missing_blobs(conn) == [sha], "the other laptop has the record already"

    monkeypatch.undo()
    monkeypatch.setattr(attachments, "RETRY_PAUSE_S", 0.0)
    again = client_a.sync_once()
    assert (again.files_sent, again.files_pending) == (1, 0) and again.complete
    with db_a.read_connection() as conn:
        assert conn.execute(select(schema.blob_upload.c.attempts)).scalar_one() >= 1


def test_sync_with_the_link_down_during_files_keeps_the_records(county: County) -> None:
    """The link dies after the records: the sync reports the file and does not raise."""
    db, client = county.device()
    person = _person(db, client, county)
    data = _file(100_000, seed=5)
    sha = _attach(db, person, data)
    host, port = county.url.removeprefix("http://").split(":")
    with ByteCutProxy((host, int(port))) as proxy, httpx.Client(timeout=10) as http:
        link = SyncClient(db, proxy.url, http=http)
        link.hello()
        link.push_all(SyncReport())
        proxy.cut_at = [proxy.request_bytes + 40_000 + k for k in range(0, 40_000, 100)]  # dies for good
        report = attachments.upload_pending(link, chunk_bytes=16 * 1024, retries=1)
    assert report.files_pending == 1 and "断点" in report.problems[0]
    complete, received, size = _server_blob(county, sha) or (False, 0, 0)
    assert not complete and 0 < received < size
    with db.read_connection() as conn:
        assert conn.execute(select(schema.blob_upload.c.last_error)).scalar_one() == "unreachable"
    # Back online: it goes on from where the server stopped.
    final = client.sync_once()
    assert final.bytes_sent == size - received and final.complete
    assert _server_bytes(county, sha) == data


def test_an_idle_sync_after_the_files_went_up_asks_nothing_about_files(county: County) -> None:
    db, client = county.device()
    person = _person(db, client, county)
    _attach(db, person, _file(40_000))
    assert client.sync_once().files_sent == 1
    paths: list[str] = []
    county.http.event_hooks["request"].append(lambda request: paths.append(request.url.path))
    report = client.sync_once()
    assert report.complete and paths == ["/v1/hello"]
