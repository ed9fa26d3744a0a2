"""Credentials, jurisdictions, revocation, versions and malformed requests."""

from __future__ import annotations

import gzip
import time

import httpx
import pytest
from sqlalchemy import insert, select, update
from sync_helpers import VILLAGE_A, VILLAGE_B, County, add_household, add_person, pending

from yulu_desktop.server import admin, merge
from yulu_desktop.server.models import Device, RequestNonce
from yulu_desktop.store import journal
from yulu_desktop.sync import local, signing
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import ClientTooOld, DeviceRevoked, SyncClient, SyncError


def _signed_headers(db_key: bytes, device_id: str, path: str, body: bytes) -> dict[str, str]:
    stamp = int(time.time() * 1000)
    nonce = signing.new_nonce()
    return {
        "Content-Type": "application/json",
        p.HEADER_DEVICE: device_id,
        p.HEADER_TIMESTAMP: str(stamp),
        p.HEADER_NONCE: nonce,
        p.HEADER_SIGNATURE: signing.sign(db_key, signing.request_message("POST", path, stamp, nonce, body)),
    }


def _key_and_id(client: SyncClient) -> tuple[bytes, str]:
    with client.db.read_connection() as conn:
        state = local.read_state(conn)
    assert state.private_key is not None
    return state.private_key, state.device_id


def test_requests_without_valid_credentials_are_refused(county: County) -> None:
    _db, client = county.device()
    body = p.PullRequest(after=0).model_dump_json().encode()
    assert httpx.post(f"{county.url}/v1/pull", content=body).status_code == 401
    key, device_id = _key_and_id(client)
    headers = _signed_headers(key, device_id, "/v1/pull", body)
    assert httpx.post(f"{county.url}/v1/pull", content=body, headers=headers).status_code == 200
    replay = httpx.post(f"{county.url}/v1/pull", content=body, headers=headers)
    assert (replay.status_code, replay.json()["code"]) == (401, "replay")
    tampered = _signed_headers(key, device_id, "/v1/pull", body)
    other_body = p.PullRequest(after=5).model_dump_json().encode()
    answer = httpx.post(f"{county.url}/v1/pull", content=other_body, headers=tampered)
    assert (answer.status_code, answer.json()["code"]) == (401, "bad_signature")
    stale = _signed_headers(key, device_id, "/v1/pull", body)
    stale[p.HEADER_TIMESTAMP] = str(int(time.time() * 1000) - 3_600_000)
    answer = httpx.post(f"{county.url}/v1/pull", content=body, headers=stale)
    assert (answer.status_code, answer.json()["code"]) == (401, "clock")


def test_a_request_keeps_its_nonce_forgets_expired_ones_and_marks_the_device_seen(county: County) -> None:
    """What each signed request writes (one statement on PostgreSQL): its nonce, so that it cannot be replayed;
    none of the device's nonces too old to be replayed any more, but every other device's; the device's
    last_seen_at."""
    _db, client = county.device()
    key, device_id = _key_and_id(client)
    expired = int(time.time() * 1000) - 2 * p.REQUEST_MAX_AGE_MS - 60_000
    nonces, devices = merge.table_of(RequestNonce), merge.table_of(Device)
    with county.db.write() as session:
        session.execute(
            insert(nonces),
            [
                {"device_id": device_id, "nonce": "old-own", "seen_at_ms": expired},
                {"device_id": device_id, "nonce": "recent-own", "seen_at_ms": expired + 120_000},
                {"device_id": "another-device", "nonce": "old-other", "seen_at_ms": expired},
            ],
        )
        session.execute(update(devices).where(devices.c.id == device_id).values(last_seen_at=None))
    body = p.PullRequest(after=0).model_dump_json().encode()
    headers = _signed_headers(key, device_id, "/v1/pull", body)
    assert httpx.post(f"{county.url}/v1/pull", content=body, headers=headers).status_code == 200
    with county.db.read() as session:
        kept = set(session.execute(select(nonces.c.device_id, nonces.c.nonce)))
        seen = session.scalar(select(devices.c.last_seen_at).where(devices.c.id == device_id))
    assert kept == {
        (device_id, "recent-own"),
        ("another-device", "old-other"),
        (device_id, headers[p.HEADER_NONCE]),
    }
    assert seen is not None
    replay = httpx.post(f"{county.url}/v1/pull", content=body, headers=headers)
    assert (replay.status_code, replay.json()["code"]) == (401, "replay")


def test_malformed_and_oversized_requests_get_4xx(county: County) -> None:
    _db, client = county.device()
    key, device_id = _key_and_id(client)
    for body in (b"{", b'{"after": -1}', b"[]", '{"after": "零"}'.encode()):
        answer = httpx.post(
            f"{county.url}/v1/pull", content=body, headers=_signed_headers(key, device_id, "/v1/pull", body)
        )
        assert 400 <= answer.status_code < 500, body
    bomb = gzip.compress(b" " * (p.MAX_BODY_BYTES + 10))
    headers = {**_signed_headers(key, device_id, "/v1/push", bomb), "Content-Encoding": "gzip"}
    assert httpx.post(f"{county.url}/v1/push", content=bomb, headers=headers).status_code == 413
    garbage = b"not gzip at all"
    headers = {**_signed_headers(key, device_id, "/v1/push", garbage), "Content-Encoding": "gzip"}
    assert httpx.post(f"{county.url}/v1/push", content=garbage, headers=headers).status_code == 400


def test_enrollment_code_works_once(county: County) -> None:
    db, _client = county.device()
    code = admin.issue_code(county.db, username="hongyan")
    SyncClient(db, county.url, http=county.http).enroll(code)
    with pytest.raises(SyncError, match="注册码无效"):
        SyncClient(db, county.url, http=county.http).enroll(code)
    with pytest.raises(SyncError, match="注册码无效"):
        SyncClient(db, county.url, http=county.http).enroll("AAAAAA-BBBBBBBBBBBB")


def test_another_villages_record_is_quarantined_not_written(county: County) -> None:
    db, client = county.device("shiping")
    client.sync_once()
    with db.read_connection() as conn:
        seq = journal.acked_seq(conn) + 1
    foreign = "f" * 8 + "-0000-4000-8000-" + "0" * 12
    entry = p.PushEntry(
        seq=seq,
        change_id="a" * 32,
        entity="household",
        entity_id=foreign,
        op="I",
        changes={
            "id": [None, foreign],
            "household_no": [None, "X1"],
            "village_id": [None, county.unit_id(VILLAGE_A)],
            "household_type": [None, "tuopin"],
        },
        hlc=int(time.time() * 1000) << 16,
    )
    answer = client._post_signed("/v1/push", p.PushRequest(entries=[entry]), p.PushResponse)
    assert answer.quarantined == 1
    assert ("household", foreign) not in admin.record_state(county.db)
    (kept,) = admin.list_quarantine(county.db)
    assert kept["reason"] == "记录不在本设备的管辖范围内"
    assert kept["entry"]["changes"]["household_no"] == [None, "X1"]


def test_revoked_device_is_refused_and_its_push_quarantined(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    with db.read_connection() as conn:
        device_id = journal.device_id(conn)
    admin.revoke_device(county.db, device_id)
    with pytest.raises(DeviceRevoked, match="停用"):
        client.sync_once()
    assert pending(db) == 1, "the laptop keeps its work"
    # Even pushed directly, the entries are quarantined for review, not dropped and not applied.
    with db.read_connection() as conn:
        entries = journal.pending_entries(conn)
    with pytest.raises(DeviceRevoked):
        client._post_signed(
            "/v1/push", p.PushRequest(entries=[local.to_push_entry(e, {}) for e in entries]), p.PushResponse
        )
    kept = admin.list_quarantine(county.db)
    assert [q["change_id"] for q in kept] == [entries[0].change_id]
    assert ("household", entries[0].entity_id) not in admin.record_state(county.db)
    assert [d.revoked for d in admin.list_devices(county.db)] == [True]


def test_too_old_client_is_told_to_update_and_keeps_its_work(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    add_person(db, household)
    monkeypatch.setattr(p, "MIN_PROTOCOL_VERSION", p.PROTOCOL_VERSION + 1)  # the server moved on
    with pytest.raises(ClientTooOld, match="请更新"):
        client.sync_once()
    assert pending(db) == 2
    monkeypatch.undo()
    assert client.sync_once().complete
    assert pending(db) == 0


def test_previous_protocol_version_is_still_accepted(county: County) -> None:
    _db, client = county.device("hongyan")
    client.protocol_version = p.PROTOCOL_VERSION - 1
    hello = client._post_signed(
        "/v1/hello",
        p.HelloRequest(
            protocol_version=p.PROTOCOL_VERSION - 1,
            schema_version=p.SCHEMA_VERSION,
            device_time_ms=int(time.time() * 1000),
        ),
        p.HelloResponse,
    )
    assert hello.protocol_version == p.PROTOCOL_VERSION - 1
    assert p.MIN_PROTOCOL_VERSION <= p.PROTOCOL_VERSION - 1


def test_township_cadre_reads_both_villages_but_a_village_cadre_cannot_write_the_other(
    county: County,
) -> None:
    db_b, client_b = county.device("shiping")
    client_b.sync_once()
    add_household(db_b, county.unit_id(VILLAGE_B))
    client_b.sync_once()
    _db_t, client_t = county.device("miaoba")
    assert client_t.sync_once().complete
    assert sum(1 for (entity, _id) in admin.record_state(county.db) if entity == "household") == 1


def test_wrong_laptop_clock_is_corrected_for_signatures(county: County) -> None:
    _db, client = county.device("hongyan")
    client.clock_offset_ms = -2 * 3_600_000  # signing with a clock two hours behind
    assert client.sync_once().complete
    assert abs(client.clock_offset_ms) < 60_000
