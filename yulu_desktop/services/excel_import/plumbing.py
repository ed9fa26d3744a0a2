"""The plumbing the imports share: one transaction, batched writes, the audit entry, the file of rejected rows."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.excel.writer import write_rejected
from yulu_desktop.services.bulk import sql_value
from yulu_desktop.services.excel_import.report import KIND_TITLES, ImportReport, default_rejected_path
from yulu_desktop.store import audit as audit_chain
from yulu_desktop.store import journal, schema
from yulu_desktop.store.database import Database

_BATCH = 2000
_CHECK_EVERY = 500


class _Rollback(Exception):
    """Leaves a write transaction without committing it (a refused import)."""


@contextlib.contextmanager
def _transaction(db: Database, *, actor: str) -> Iterator[Connection]:
    """The import's one ``BEGIN IMMEDIATE`` transaction. A dry run and a refused import leave it by raising
    ``_Rollback``; so does a cancel (``Cancelled``) or any error — nothing is ever half-written."""
    try:
        with db.write_connection() as conn:
            journal.set_author(conn, actor)
            yield conn
    except IntegrityError as exc:
        raise YuluError(
            f"导入时与系统中已有的数据冲突（{exc.orig}），没有写入任何数据；请核对人编号、证件号码和户编号"
        ) from exc


def _cursor(conn: Connection) -> Any:
    return conn.connection.cursor()


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fetch_by_ids(
    cur: Any, table: str, columns: Sequence[str], ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Current stored values (as SQLite holds them) of rows ``ids``, in one query per 500 ids."""
    out: dict[str, dict[str, Any]] = {}
    select = ", ".join(columns)
    for part in _chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for row in cur.execute(f"SELECT id, {select} FROM {table} WHERE id IN ({marks})", tuple(part)):
            out[row[0]] = dict(zip(columns, row[1:], strict=True))
    return out


def _diff(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """Columns whose wanted value differs from the stored one (values compared as SQLite stores them)."""
    return {c: v for c, v in wanted.items() if current.get(c) != v}


#: Inserts are written parents first, whatever order a batch met them in (the foreign keys are immediate).
_INSERT_ORDER: Final = ("org_unit", "household", "person")


@functools.cache
def _columns(table: str) -> tuple[str, ...]:
    """The columns of an inserted row, in order (``journal.insert_rows`` makes the statement)."""
    return tuple(c.name for c in schema.metadata.tables[table].columns)


class _Writes:
    """Inserts and column-wise updates collected for a batch, written with executemany."""

    def __init__(self) -> None:
        self.inserts: dict[str, list[tuple[Any, ...]]] = {}
        self.updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}

    def insert(self, table: str, row: Mapping[str, Any], *, stored: bool = False) -> None:
        """Queue a new row (column → value; missing columns NULL). ``stored``: values are already as SQLite
        stores them (ISO dates, 0/1), which saves converting every value again."""
        names = _columns(table)
        get = row.get
        values = tuple(map(get, names)) if stored else tuple(sql_value(get(c)) for c in names)
        self.inserts.setdefault(table, []).append(values)

    def update(self, table: str, record_id: str, changes: Mapping[str, Any]) -> None:
        columns = tuple(sorted(changes))
        values = tuple(sql_value(changes[c]) for c in columns)
        self.updates.setdefault((table, columns), []).append((*values, record_id))

    def flush(self, cur: Any, *, dry_run: bool) -> None:
        if not dry_run:
            order = {t: i for i, t in enumerate(_INSERT_ORDER)}
            for table in sorted(self.inserts, key=lambda t: order.get(t, len(order))):
                journal.insert_rows(cur, table, _columns(table), self.inserts[table])
            for (table, columns), params in self.updates.items():
                assignments = ", ".join(f"{c} = ?" for c in columns)
                cur.executemany(f"UPDATE {table} SET {assignments} WHERE id = ?", params)
        self.inserts.clear()
        self.updates.clear()


def _audit(conn: Connection, *, actor: str, kind: str, path: Path, text: str) -> None:
    audit_chain.append(
        conn,
        actor=actor,
        action="import",
        entity="person" if kind == "national" else kind,
        entity_id="",
        detail=f"{KIND_TITLES.get(kind, kind)}：{path.name}；{text}",
    )


def _write_rejected_file(
    result: ImportReport, rejected_path: str | Path | None, *, skip_invalid: bool, text_columns: Iterable[str]
) -> None:
    if not result.rejected_rows:
        return
    target = (
        Path(rejected_path)
        if rejected_path
        else (default_rejected_path(result.path) if skip_invalid else None)
    )
    if target is None:
        return
    write_rejected(
        target,
        result.headers,
        sorted(result.rejected_rows, key=lambda r: r.row_number),
        text_columns=tuple(text_columns),
    )
    result.rejected_path = target
