"""Fuzz the county server's API from its own OpenAPI schema: every POST operation, with random JSON bodies and
mutations of valid ones, unsigned and signed by an enrolled device. Whatever arrives, the answer is 2xx or 4xx,
never 5xx (a small stand-in for schemathesis, which is not a dependency)."""

from __future__ import annotations

import gzip
import json
import time
from typing import Any
from urllib.parse import quote

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_helpers import County

from yulu_desktop.store.database import Database
from yulu_desktop.sync import local, signing
from yulu_desktop.sync import protocol as p

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False)
    | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5)
    ),
    max_leaves=20,
)

VALID: dict[str, dict[str, Any]] = {
    "/v1/hello": {"protocol_version": 2, "schema_version": 1, "device_time_ms": 0},
    "/v1/audit": {
        "entries": [
            {
                "id": 1,
                "at": "2026-01-01 00:00:00.000000",
                "actor": "x",
                "action": "print",
                "prev_hash": "",
                "entry_hash": "a" * 64,
            }
        ],
        "signature": "AA==",
    },
    "/v1/push": {
        "entries": [
            {
                "seq": 1,
                "change_id": "0" * 32,
                "entity": "household",
                "entity_id": "h1",
                "op": "I",
                "changes": {"village_id": [None, "nowhere"]},
                "hlc": 1,
            }
        ]
    },
    "/v1/pull": {"after": 0, "limit": 10},
    "/v1/snapshot": {"entity": "person"},
    "/v1/first-pull": {"schema_revision": "0001"},
    "/v1/digest": {},
    "/v1/blobs/status": {"blobs": [{"sha256": "a" * 64, "size": 10}]},
    "/v1/enroll": {"code": "X-Y", "device_id": "0" * 36, "public_key": "AA==", "proof": "AA=="},
    "/v1/escrow/deposit": {"key_id": "ab12", "wrapped": "AA=="},
    "/v1/escrow/redeem": {"code": "X-Y"},
}


def _mutations(body: dict[str, Any]) -> st.SearchStrategy[Any]:
    """A valid body with one key replaced by anything, removed, or the whole body replaced."""
    keys = sorted(body)
    if not keys:
        return JSON
    replaced = st.tuples(st.sampled_from(keys), JSON).map(lambda kv: {**body, kv[0]: kv[1]})
    removed = st.sampled_from(keys).map(lambda k: {key: v for key, v in body.items() if key != k})
    return replaced | removed | JSON


def _post_paths(http: httpx.Client, url: str) -> list[str]:
    schema = http.get(url + "/openapi.json").json()
    return sorted(path for path, ops in schema["paths"].items() if "post" in ops)


def test_the_schema_lists_every_operation(county: County) -> None:
    assert _post_paths(county.http, county.url) == sorted(VALID)


def test_random_and_mutated_bodies_never_cause_a_server_error(county: County) -> None:
    db, client = county.device("hongyan")
    with db.read_connection() as conn:
        state = local.read_state(conn)
    assert state.private_key is not None
    key: bytes = state.private_key
    paths = _post_paths(county.http, county.url)

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        path=st.sampled_from(paths),
        data=st.data(),
        signed=st.booleans(),
        compressed=st.booleans(),
        protocol=st.sampled_from(["2", "1", "0", "x", ""]),
    )
    def check(path: str, data: st.DataObject, signed: bool, compressed: bool, protocol: str) -> None:
        body_value = data.draw(_mutations(VALID[path]))
        body = json.dumps(body_value).encode()
        headers = {"Content-Type": "application/json", p.HEADER_PROTOCOL: protocol}
        if compressed:
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        if signed:
            stamp = int(time.time() * 1000)
            nonce = signing.new_nonce()
            headers |= {
                p.HEADER_DEVICE: state.device_id,
                p.HEADER_TIMESTAMP: str(stamp),
                p.HEADER_NONCE: nonce,
                p.HEADER_SIGNATURE: signing.sign(
                    key, signing.request_message("POST", path, stamp, nonce, body)
                ),
            }
        response = county.http.post(county.url + path, content=body, headers=headers)
        assert response.status_code < 500, (path, body_value, response.text)
        # Enrolling and redeeming an escrow release code are the two unsigned operations.
        if not signed and path not in ("/v1/enroll", "/v1/escrow/redeem"):
            assert response.status_code in (401, 413, 415, 400, 426), response.text

    check()
    # The device still works after all that.
    assert client.sync_once().complete
    assert isinstance(db, Database)


_HASHES = st.sampled_from(["a" * 64, "A" * 64, "0" * 63, "", "..", "%00", "x" * 65]) | st.text(
    alphabet="0123456789abcdefg-/.%", max_size=70
)
_NUMBERS = st.integers(-(2**70), 2**70).map(str) | st.sampled_from(["", "x", "1e3", "-0", " 1", "0x10"])


def test_random_attachment_chunk_requests_never_cause_a_server_error(county: County) -> None:
    """The attachment routes take raw bytes and query strings: random hashes, offsets, sizes and bodies, signed
    by an enrolled device or not, get 2xx or 4xx."""
    db, client = county.device("hongyan")

    @settings(
        max_examples=80,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        method=st.sampled_from(["PUT", "GET"]),
        sha=_HASHES,
        offset=_NUMBERS,
        size=_NUMBERS,
        body=st.binary(max_size=2048),
        signed=st.booleans(),
    )
    def check(method: str, sha: str, offset: str, size: str, body: bytes, signed: bool) -> None:
        path = f"/v1/blobs/{quote(sha, safe='')}?offset={quote(offset)}&" + (
            f"size={quote(size)}" if method == "PUT" else f"length={quote(size)}"
        )
        if signed:
            response = client.request_signed(method, path, body if method == "PUT" else b"")
        else:
            response = county.http.request(
                method, county.url + path, content=body if method == "PUT" else None
            )
            assert response.status_code in (307, 400, 401, 404, 405, 413, 422, 426), response.text
        assert response.status_code < 500, (method, path, response.text)

    check()
    assert client.sync_once().complete
    assert isinstance(db, Database)
