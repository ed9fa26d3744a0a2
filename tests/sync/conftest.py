"""Fixtures of the sync tests: a county server (SQLite or PostgreSQL) and devices enrolled with it.

Devices are copies of the migrated template database, each with its own device id, talking to the server through
FastAPI's TestClient (an httpx client over the ASGI app: the real request path, signatures and all). One test
file also runs a real uvicorn server on a loopback port.
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).parent))

from sync_helpers import County, running_county, use_cheap_argon2

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(autouse=True, scope="session")
def _cheap_argon2() -> None:
    use_cheap_argon2()


def _pg_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema for one test, dropped afterwards."""
    if not _pg_available():
        pytest.fail("PostgreSQL is not running at 127.0.0.1:5432 (pg_ctlcluster … main start)")
    schema = f"yulu_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def server_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The server database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture
def county(server_url: str, template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(server_url, template_database, tmp_path) as county:
        yield county
