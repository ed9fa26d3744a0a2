"""Rows written straight into a province database's partitioned tables (the tests of the checks, the figures,
the CLI and the page; replication itself is tested with real clusters)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import text

from yulu_desktop.province.db import ProvinceDatabase


def insert_rows(db: ProvinceDatabase, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert ``rows`` (all with the same columns) into ``table`` in one transaction."""
    columns = list(rows[0])
    sql = text(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)})")
    with db.engine.begin() as conn:
        conn.execute(sql, list(rows))


def insert_row(db: ProvinceDatabase, table: str, **row: Any) -> None:
    insert_rows(db, table, [row])
