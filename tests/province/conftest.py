"""Fixtures shared by the province tests (issue 17): PostgreSQL schemas of the main cluster, the county server's
database URL (SQLite and PostgreSQL) and cheap Argon2 for enrollments.

The sync tests' helpers (``sync_helpers``: a running county server, laptops enrolled with it) are imported from
tests/sync by path, as tests/sync/conftest.py does (test directories are not packages). Tests that start
clusters of their own use ``pg_clusters`` (beside this file).
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from sync_helpers import use_cheap_argon2

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"


@pytest.fixture(autouse=True, scope="session")
def _cheap_argon2() -> None:
    use_cheap_argon2()


def pg_available() -> bool:
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=3):
            return True
    except psycopg.OperationalError:
        return False


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema of the main cluster's ``test`` database for one test, dropped afterwards."""
    if not pg_available():
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
    """A county server's database URL, once for SQLite and once for PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'server.db'}"
    url: str = request.getfixturevalue("pg_url")
    return url
