"""Fixtures shared by the province tests (issue 17): PostgreSQL schemas of the main cluster, the county server's
database URL (SQLite and PostgreSQL) and cheap Argon2 for enrollments.

The sync tests' helpers (``sync_helpers``: a running county server, laptops enrolled with it) are imported from
tests/sync by path, as tests/sync/conftest.py does (test directories are not packages). Tests that start
clusters of their own use ``pg_clusters`` (beside this file).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from sync_helpers import use_cheap_argon2

from yulu_desktop.province.db import ProvinceDatabase


@pytest.fixture(autouse=True, scope="session")
def _cheap_argon2() -> None:
    use_cheap_argon2()


@pytest.fixture
def province(pg_url: str) -> Iterator[ProvinceDatabase]:
    """A migrated province database in a fresh schema of the main cluster."""
    db = ProvinceDatabase(pg_url)
    try:
        db.migrate()
        yield db
    finally:
        db.dispose()
