"""A laptop's first pull as a database image: what the county server builds and the laptop copies in.

A first pull of a township's 20,000 people is some 90,000 changes. Applied page by page (``sync.local``) the
laptop parses, checks and inserts each one: 40–60 µs of CPU a row here, several times that on a village
laptop. Instead, the server applies the same pages with the same code to a new database of the laptop's schema
(``server.first_pull``) and sends its tables as an *image*: a SQLCipher file holding a copy of each pulled table
(with its rowids) and of the people search index's own tables, encrypted with a key made for this one answer.
The laptop attaches the image and copies every table in with ``INSERT … SELECT`` inside one transaction: the
records, their base versions, the notes of values set aside and the search index arrive as the paged pull
would have left them, without a row passing through Python.

The image is used only where it cannot meet the laptop's own work: the laptop has no pull cursor yet and holds
no record of the county's tables (checked again inside the copying transaction), and both sides run the same
schema revision. Otherwise, or when the server is older and has no image to give, the laptop pulls page by page
as before. A crash, a cut link or a bad image leaves the laptop as it was (one transaction; the image file is
removed afterwards and is unreadable without the answer's key, which is never stored).

The image is the price of the speed in bytes: about seven times those of the compressed pages (encrypted pages
do not compress), see docs/SYNC.md "The first pull as a database image".
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from yulu_desktop import private_files
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import journal, migrate, search_index, triggers
from yulu_desktop.store.database import Database, make_private, quoted_raw_key
from yulu_desktop.store.schema import SHARED_TABLES

#: The route, and the response header with the image's key (hex); the answer's body is the image file.
PATH = "/v1/first-pull"
HEADER_KEY = "X-Yulu-Image-Key"

#: From this many rows on, a first pull comes as an image: a township's or more. Below, page by page: the
#: image's bytes (some 7x those of the compressed pages) would cost a village on a slow link more time than
#: the CPU it saves (a village's pull is a fraction of a second of CPU).
IMAGE_FROM = 20_000

#: Tables of the laptop that a pull writes, copied whole: the county's records, their base versions (the field
#: versions a later push is merged against), the notes of pulled values set aside, and the search index's own
#: tables (FTS5's shadow tables: the index itself, not rebuilt row by row on the laptop).
SEARCH_TABLES = tuple(f"{search_index.TABLE}_{part}" for part in ("data", "idx", "content", "docsize"))
COPIED_TABLES = (*SHARED_TABLES, "sync_field_version", "sync_conflict", *SEARCH_TABLES)

#: A rowid table's copy carries its rowids in this column (people are paired with their index rows by rowid).
_ROWID = "yulu_rowid"
#: The image's one-row table: the pull cursor and clock floor the copy brings, and the schema it was made with.
_META = "yulu_image"
_ALIAS = "image"


class ImageUnusable(YuluError):
    """The image cannot be copied into this laptop's database: it then pulls page by page."""


@dataclass(frozen=True, slots=True)
class Image:
    path: Path
    key: bytes


KEY_BYTES = 32


def new_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


def schema_revision(db: Database) -> str:
    with db.read_connection() as conn:
        return migrate.current_revision(conn) or ""


def wanted(db: Database) -> bool:
    """Whether a first pull may come as an image: no pull cursor yet, and none of the county's records here."""
    with db.read_connection() as conn:
        cursor = conn.connection.cursor()
        return _fresh(cursor)


def _fresh(cursor: Any) -> bool:
    if cursor.execute("SELECT pull_cursor FROM main.sync_state WHERE id = 1").fetchone() not in (None, (0,)):
        return False
    return not any(
        cursor.execute(f'SELECT EXISTS (SELECT 1 FROM main."{table}")').fetchone()[0]
        for table in (*SHARED_TABLES, "sync_field_version", f"{search_index.TABLE}_content")
    )


@contextlib.contextmanager
def _attached(db: Database, image: Image) -> Iterator[Any]:
    """A connection of ``db``'s pool (autocommit) with the image attached as ``image``. The connection is closed
    afterwards instead of going back to the pool: FTS5 caches its index's layout per connection, and this one
    wrote the index's tables under it."""
    pooled = db.engine.raw_connection()
    try:
        connection = pooled.driver_connection
        assert connection is not None
        cursor = connection.cursor()
        cursor.execute(f"ATTACH DATABASE ? AS {_ALIAS} KEY {quoted_raw_key(image.key)}", (str(image.path),))
        try:
            yield cursor
        finally:
            if connection.in_transaction:
                cursor.execute("ROLLBACK")
    finally:
        pooled.invalidate()
        pooled.close()


def _columns(cursor: Any, schema: str, table: str) -> list[str]:
    return [row[1] for row in cursor.execute(f'PRAGMA {schema}.table_info("{table}")').fetchall()]


def _has_rowid(cursor: Any, schema: str, table: str) -> bool:
    sql = cursor.execute(
        f"SELECT sql FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (table,)
    )
    row = sql.fetchone()
    return row is not None and "WITHOUT ROWID" not in row[0].upper()


# --- the server's side ----------------------------------------------------------------------------------------


def write_image(source: Database, image: Image) -> int:
    """Copy the pulled tables of ``source`` (a laptop database the server has just applied a first pull to) into
    a new image file; the number of the county's records in it."""
    private_files.open_new_private(image.path).close()
    with _attached(source, image) as cursor:
        cursor.execute("BEGIN")
        records = 0
        for table in COPIED_TABLES:
            names = ", ".join(f'"{name}"' for name in _columns(cursor, "main", table))
            if _has_rowid(cursor, "main", table):
                select = f'SELECT rowid AS {_ROWID}, {names} FROM main."{table}" ORDER BY rowid'
            else:
                select = f'SELECT {names} FROM main."{table}"'
            cursor.execute(f'CREATE TABLE {_ALIAS}."{table}" AS {select}')
            if table in SHARED_TABLES:
                records += cursor.execute(f'SELECT count(*) FROM {_ALIAS}."{table}"').fetchone()[0]
        cursor.execute(
            f"CREATE TABLE {_ALIAS}.{_META} AS SELECT "
            "(SELECT pull_cursor FROM main.sync_state WHERE id = 1) AS pull_cursor, "
            "(SELECT hlc_floor FROM main.device_state WHERE id = 1) AS hlc_floor, "
            "(SELECT version_num FROM main.alembic_version) AS revision, "
            f"{records} AS records"
        )
        cursor.execute("COMMIT")
    make_private(image.path)
    return records


# --- the laptop's side ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Copied:
    records: int
    pull_cursor: int


def copy_image(db: Database, image: Image) -> Copied:
    """Copy the image's tables into ``db`` in one transaction, with its pull cursor and clock floor.

    Raises ``ImageUnusable`` (nothing written) when the image was made for another schema revision, or when this
    laptop holds records or a pull cursor by the time the transaction starts (the cadre saved one meanwhile)."""
    try:
        with _attached(db, image) as cursor:
            return _copy(cursor)
    except ImageUnusable:
        raise
    except Exception as exc:  # sqlcipher's errors: a damaged or truncated image, a wrong key
        raise ImageUnusable(f"首次同步的数据库映像无法使用：{exc}") from exc


def _copy(cursor: Any) -> Copied:
    meta = cursor.execute(
        f"SELECT pull_cursor, hlc_floor, revision, records FROM {_ALIAS}.{_META}"
    ).fetchone()
    revision = cursor.execute("SELECT version_num FROM main.alembic_version").fetchone()
    if meta is None or revision is None or meta[2] != revision[0]:
        raise ImageUnusable("首次同步的数据库映像与本机软件版本不同。")
    pull_cursor, hlc_floor, _revision, records = meta
    cursor.execute("BEGIN IMMEDIATE")
    if not _fresh(cursor):
        raise ImageUnusable("本机在下载期间保存了记录。")
    statements = [_copy_statement(cursor, table) for table in COPIED_TABLES]
    # Parents and children arrive a table at a time: their references are checked once, at COMMIT.
    cursor.execute("PRAGMA defer_foreign_keys = ON")
    cursor.execute("UPDATE device_state SET applying_remote = 1 WHERE id = 1")
    dropped = [*journal.insert_trigger_names(SHARED_TABLES), search_index.INSERT_TRIGGER]
    with triggers.dropped(cursor, dropped):
        for table in SEARCH_TABLES:  # the empty index's own layout records, replaced by the image's
            cursor.execute(f'DELETE FROM main."{table}"')
        for statement in statements:
            cursor.execute(statement)
    cursor.execute(
        "UPDATE sync_state SET pull_cursor = ? WHERE id = 1 AND pull_cursor < ?", (pull_cursor,) * 2
    )
    cursor.execute(
        "UPDATE device_state SET hlc_floor = max(hlc_floor, ?), applying_remote = 0 WHERE id = 1",
        (hlc_floor,),
    )
    cursor.execute("COMMIT")
    return Copied(records=records, pull_cursor=pull_cursor)


def _copy_statement(cursor: Any, table: str) -> str:
    """``INSERT … SELECT`` of ``table`` from the image, rowids kept; ``ImageUnusable`` unless the image's copy
    has exactly this laptop's columns."""
    names = _columns(cursor, "main", table)
    rowid = _has_rowid(cursor, "main", table)
    if _columns(cursor, _ALIAS, table) != ([_ROWID, *names] if rowid else names):
        raise ImageUnusable(f"首次同步的数据库映像与本机的表 {table} 不符。")
    quoted = ", ".join(f'"{name}"' for name in names)
    if rowid:
        return (
            f'INSERT INTO main."{table}" (rowid, {quoted}) SELECT {_ROWID}, {quoted} '
            f'FROM {_ALIAS}."{table}" ORDER BY {_ROWID}'
        )
    return f'INSERT INTO main."{table}" ({quoted}) SELECT {quoted} FROM {_ALIAS}."{table}"'
