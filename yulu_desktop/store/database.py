"""Opening the encrypted local database.

The file is encrypted at rest with SQLCipher 4 (through ``sqlcipher3``). The key is derived from the user's
passphrase by SQLCipher's own KDF — PBKDF2-HMAC-SHA512 with 256,000 iterations and a random per-file salt kept
in the file header — so the passphrase itself is never stored anywhere.

Durability: WAL journal with ``synchronous=FULL``, so a transaction that has returned from COMMIT survives a
power cut; foreign keys are enforced on every connection. Writers start with ``BEGIN IMMEDIATE`` so that two
writers queue on the lock instead of failing half-way through a transaction.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from yulu_desktop.domain.errors import YuluError

#: Minimum passphrase length for a new database (an existing one opens with whatever it was made with).
MIN_PASSPHRASE_LENGTH = 8

_WRITE_OPTION = "yulu_write"


class WrongPassphrase(YuluError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"密码不正确，无法打开数据库 {path}。请检查密码（注意大小写）后重试。")


class DatabaseNotFound(YuluError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"找不到数据库文件 {path}。请先运行 yulu init 创建数据库，或检查 --db 路径。")


class DatabaseUnusable(YuluError):
    pass


def passphrase_problem(passphrase: str) -> str | None:
    """Why a passphrase is not good enough for a new database (Chinese), or None."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"密码至少需要 {MIN_PASSPHRASE_LENGTH} 个字符，当前只有 {len(passphrase)} 个"
    if passphrase.strip() != passphrase:
        return "密码首尾不能有空格"
    return None


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _open_raw(path: Path, passphrase: str) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        # SQLCipher logs decryption failures to stderr by default; a wrong passphrase is reported by us instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote_literal(passphrase)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise WrongPassphrase(path) from exc
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # 32 MB of decrypted pages per connection: a county database (200,000 people) keeps its indexes in memory.
        conn.execute("PRAGMA cache_size = -32768")
    except BaseException:
        conn.close()
        raise
    return conn


class Database:
    """An open, unlocked database: an engine with a small pool of keyed connections."""

    def __init__(self, path: Path, passphrase: str) -> None:
        self.path = path
        # Open one connection now, so that a wrong passphrase is reported here and not at the first query.
        first = _open_raw(path, passphrase)
        spare: list[sqlcipher.Connection] = [first]

        def creator() -> sqlcipher.Connection:
            if spare:
                return spare.pop()
            return _open_raw(path, passphrase)

        self.engine: Engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            module=sqlcipher,
            creator=creator,
            pool_size=4,
            max_overflow=4,
            pool_pre_ping=False,
        )
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path, passphrase: str, *, create: bool = False) -> Database:
        """Open ``path``; with ``create``, make a new empty encrypted database if there is none."""
        path = Path(path)
        if not path.exists():
            if not create:
                raise DatabaseNotFound(path)
            problem = passphrase_problem(passphrase)
            if problem:
                raise YuluError(problem)
            path.parent.mkdir(parents=True, exist_ok=True)
        elif path.stat().st_size > 0 and _looks_plain_sqlite(path):
            raise DatabaseUnusable(f"{path} 是未加密的 SQLite 文件，不是雨露数据库。")
        try:
            return cls(path, passphrase)
        except sqlcipher.OperationalError as exc:
            raise DatabaseUnusable(f"无法打开数据库 {path}：{exc}") from exc

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (a deferred transaction; objects stay usable after the block)."""
        with self._sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write session in one ``BEGIN IMMEDIATE`` transaction, committed if the block succeeds."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection in one ``BEGIN IMMEDIATE`` transaction, for bulk paths."""
        with self._write_engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def read_connection(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _looks_plain_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == b"SQLite format 3\x00"


def _on_connect(dbapi_connection: Any, connection_record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event below issue BEGIN itself (the pysqlite driver's implicit
    # transactions would otherwise defer BEGIN until the first write and break SAVEPOINTs).
    dbapi_connection.isolation_level = None


def _on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def passphrase_from_environment() -> str | None:
    """``YULU_DB_KEY``, for scripts and tests (interactive users are prompted instead)."""
    return os.environ.get("YULU_DB_KEY") or None
