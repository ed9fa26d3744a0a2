"""Fixtures of the sync tests: a county server (SQLite or PostgreSQL) and devices enrolled with it.

Devices are copies of the migrated template database, each with its own device id, talking to the server through
FastAPI's TestClient (an httpx client over the ASGI app: the real request path, signatures and all). One test
file also runs a real uvicorn server on a loopback port.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sync_helpers import County, running_county, use_cheap_argon2


@pytest.fixture(autouse=True, scope="session")
def _cheap_argon2() -> None:
    use_cheap_argon2()


@pytest.fixture
def county(server_url: str, template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(server_url, template_database, tmp_path) as county:
        yield county
