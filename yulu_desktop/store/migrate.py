"""Creating and upgrading the database schema with the Alembic migrations in ``migrations/``."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.paths import migrations_dir
from yulu_desktop.store import search_index
from yulu_desktop.store.database import Database


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave derived objects (the FTS5 search index and its shadow tables) out of schema comparison."""
    return not (type_ == "table" and name is not None and search_index.is_index_object(name))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def _run(db: Database, action: str, revision: str) -> None:
    config = alembic_config()
    with db.engine.connect() as conn:
        # Batch migrations rebuild tables; foreign keys are checked once at the end instead of per step.
        # (PRAGMA foreign_keys cannot change inside a transaction.)
        raw = conn.connection.dbapi_connection
        assert raw is not None
        raw.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                config.attributes["connection"] = conn
                if action == "upgrade":
                    command.upgrade(config, revision)
                else:
                    command.downgrade(config, revision)
                problems = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if problems:
                    raise YuluError(f"数据库升级后外键检查失败：{problems[:5]}")
        finally:
            raw.execute("PRAGMA foreign_keys = ON")


def upgrade(db: Database, revision: str = "head") -> None:
    """Bring the schema to ``revision`` (one transaction: a failed upgrade leaves the database as it was)."""
    _run(db, "upgrade", revision)


def downgrade(db: Database, revision: str) -> None:
    _run(db, "downgrade", revision)


def needs_upgrade(db: Database) -> bool:
    with db.engine.connect() as conn:
        return current_revision(conn) != head_revision()
