"""The county server's database: engine, migrations, and the ordered write transaction.

Ordering (the PostgreSQL trap): a sequence hands out numbers at INSERT time but transactions commit in any
order, so a reader paging by ``seq > cursor`` can see 12 before a slow transaction commits 11, move its cursor
to 12 and never see 11. Here every transaction that appends to ``change_log`` first locks the single
``sync_counter`` row (``SELECT … FOR UPDATE``; on SQLite ``BEGIN IMMEDIATE`` is the same global write lock),
takes its numbers from it and writes the new value back before it commits. The lock is held until COMMIT, so the
next writer can only number its changes after this one is committed: numbers become visible in order. A reader
also only reads up to the counter value it saw committed (``read_head`` first, then the log), so even a row that
is not visible yet cannot be skipped. A push reads and merges before it takes the lock and holds it only to check
its reads and write (``lock_later_write``; docs/SYNC.md).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, create_engine, event, select
from sqlalchemy.orm import Session, sessionmaker

from yulu_desktop.paths import user_data_dir
from yulu_desktop.server import fieldcrypt, rekey
from yulu_desktop.server.models import SyncCounter

_WRITE_OPTION = "yulu_server_write"


def default_database_url() -> str:
    """``YULU_SERVER_DB`` or a SQLite file in the data directory, so ``yulu-server`` runs with no setup."""
    override = os.environ.get("YULU_SERVER_DB")
    if override:
        return override
    path = user_data_dir() / "yulu-server.db"
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and pick the psycopg 3 driver (the one installed)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, pool_size=8)
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
    else:
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
        event.listen(engine, "do_connect", _postgresql_without_jit)
    return engine


def _postgresql_without_jit(
    dialect: Any, connection_record: Any, cargs: Any, cparams: dict[str, Any]
) -> None:
    """Every session runs with PostgreSQL's JIT off (``-c jit=off`` in the startup options, kept beside any the
    URL gives). The server's queries are short lookups, but on a county of 200,000 people the planner's cost of a
    pull's scan of the change log passes ``jit_above_cost``: compiled, the pull ran 46 ms instead of 6, and the
    township office's database spent a quarter more CPU (docs/PERFORMANCE.md)."""
    cparams["options"] = f"{cparams.get('options', '')} -c jit=off".strip()


def _sqlite_on_connect(dbapi_connection: Any, connection_record: Any) -> None:
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA busy_timeout = 30000")
    cursor.close()


def _sqlite_on_begin(conn: Connection) -> None:
    # Writers take the lock at BEGIN: a deferred transaction that later wants to write can fail with "database
    # is locked" instead of waiting.
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(_WRITE_OPTION) else "BEGIN")


# --- migrations -----------------------------------------------------------------------------------------


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(migrations_dir()))
    head = script.get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, revision: str = "head") -> None:
    before = current_revision(engine)
    with _migrating(engine) as conn:
        config = alembic_config(engine)
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    if engine.dialect.name == "sqlite" and before != current_revision(engine):
        # A migration may have rewritten rows (s0007 encrypts the sensitive fields): old page images out of the
        # write-ahead log too, so that the clear values are not left in it.
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def downgrade(engine: Engine, revision: str) -> None:
    with _migrating(engine) as conn:
        config = alembic_config(engine)
        config.attributes["connection"] = conn
        command.downgrade(config, revision)


@contextlib.contextmanager
def _migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for a migration. On SQLite the foreign keys are off meanwhile (a batch migration
    rebuilds a table that others name; SQLite only takes that pragma outside a transaction) and checked
    before COMMIT, as Alembic's documentation advises."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if conn.dialect.name == "sqlite" else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                yield conn
                if raw is not None:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"migration left broken foreign keys: {broken[:5]}")
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


# --- transactions ---------------------------------------------------------------------------------------


@dataclass
class SeqAllocator:
    """Hands out change-log numbers while the counter row is locked."""

    value: int
    start: int = field(init=False)

    def __post_init__(self) -> None:
        self.start = self.value

    def next(self) -> int:
        self.value += 1
        return self.value


class ChangeLogLock:
    """The change-log lock of one write transaction (``ServerDatabase.lock_later_write``): ``acquire()`` locks the
    counter row and hands out numbers; the new counter value is written back before COMMIT."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._counter: SyncCounter | None = None
        self.allocator: SeqAllocator | None = None

    def acquire(self) -> SeqAllocator:
        if self.allocator is None:
            self._counter = self.session.execute(
                select(SyncCounter).where(SyncCounter.id == 1).with_for_update()
            ).scalar_one()
            self.allocator = SeqAllocator(self._counter.value)
        return self.allocator

    def store(self, before_commit: Callable[[], None] | None) -> None:
        allocator, counter = self.allocator, self._counter
        if allocator is not None and counter is not None and allocator.value != allocator.start:
            counter.value = allocator.value
            self.session.flush()
            if before_commit is not None:
                before_commit()


class ServerDatabase:
    """The engine and sessions of the county server."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.engine = make_engine(self.url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(
            self.engine.execution_options(**{_WRITE_OPTION: True}), expire_on_commit=False
        )
        #: Test hook: called after a write transaction numbered its changes, just before COMMIT.
        self.before_commit: Callable[[], None] | None = None
        self._cipher: fieldcrypt.FieldCipher | None = None
        self._cipher_lock = threading.Lock()

    @property
    def data_key_file(self) -> Path:
        return fieldcrypt.data_key_file(self.engine.url)

    @property
    def cipher(self) -> fieldcrypt.FieldCipher:
        """The sensitive-field cipher of this database (``server.fieldcrypt``), its keys read from the data key
        file on first use. Raises ``fieldcrypt.DataKeyError`` (Chinese message) when the file is missing but the
        database holds encrypted values: the server refuses to start rather than make a key that opens nothing."""
        cipher = self._cipher
        if cipher is None:
            with self._cipher_lock:
                if self._cipher is None:
                    path = self.data_key_file

                    def sealed() -> bool:
                        with self.engine.connect() as conn:
                            return rekey.has_sealed_rows(conn)

                    self._cipher = fieldcrypt.FieldCipher(fieldcrypt.load_keyring(path, sealed), path)
                cipher = self._cipher
        cipher.refresh()
        return cipher

    def migrate(self) -> None:
        upgrade(self.engine)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with self._sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction that does not append to the change log (nonces, device bookkeeping)."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def ordered_write(self) -> Iterator[tuple[Session, SeqAllocator]]:
        """A write transaction holding the change-log lock until it commits (see the module docstring)."""
        with self.lock_later_write() as lock:
            yield lock.session, lock.acquire()

    @contextlib.contextmanager
    def lock_later_write(self) -> Iterator[ChangeLogLock]:
        """A write transaction that may read first and takes the change-log lock only at ``acquire()``: a push
        merges outside the lock and holds it only to check its reads and write (``server.service.push``).
        On SQLite ``BEGIN IMMEDIATE`` already holds the database's write lock from the start."""
        with self._write_sessions() as session, session.begin():
            lock = ChangeLogLock(session)
            yield lock
            lock.store(self.before_commit)

    def read_head(self, session: Session) -> int:
        return int(session.execute(select(SyncCounter.value).where(SyncCounter.id == 1)).scalar_one())

    def dispose(self) -> None:
        self.engine.dispose()
