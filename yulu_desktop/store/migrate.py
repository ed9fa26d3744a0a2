"""Creating and upgrading the database schema with the Alembic migrations in ``migrations/``."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.paths import migrations_dir
from yulu_desktop.store import search_index
from yulu_desktop.store.database import Database

if TYPE_CHECKING:
    from alembic.config import Config

# Alembic (with Mako and every dialect's DDL) costs more to import than the rest of start-up, and an
# up-to-date database needs none of it: the revisions are read from the migration files and the
# ``alembic_version`` table directly, and alembic is imported only to compare or change the schema.

#: ``revision = "0008"`` / ``down_revision: str | None = "0007"`` at the top of a migration file.
_REVISION_LINE = re.compile(
    r"^(down_revision|revision)\s*(?::[^=]*)?=\s*(None|'[^']*'|\"[^\"]*\")\s*$", re.MULTILINE
)


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave derived objects (the FTS5 search index and its shadow tables) out of schema comparison."""
    return not (type_ == "table" and name is not None and search_index.is_index_object(name))


def alembic_config() -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    return config


def head_revision() -> str:
    """The newest migration, read from the files in ``migrations/versions`` (as alembic's script head)."""
    revisions: dict[str, str | None] = {}
    for path in sorted((migrations_dir() / "versions").glob("*.py")):
        found = {key: value.strip("'\"") for key, value in _REVISION_LINE.findall(path.read_text("utf-8"))}
        if "revision" not in found or "down_revision" not in found:
            return _alembic_head()  # a layout this reader does not know (branches, merges): ask alembic
        down = found["down_revision"]
        revisions[found["revision"]] = None if down == "None" else down
    heads = set(revisions) - {down for down in revisions.values() if down is not None}
    if len(heads) != 1:
        return _alembic_head()
    return heads.pop()


def _alembic_head() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(conn: Connection) -> str | None:
    """The revision stored in ``alembic_version``; None for an empty database (as alembic's MigrationContext)."""
    if not inspect(conn).has_table("alembic_version"):
        return None
    rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    if len(rows) > 1:
        from alembic.runtime.migration import MigrationContext

        # Raises alembic's own error for a database with several heads.
        return MigrationContext.configure(conn).get_current_revision()
    return str(rows[0]) if rows else None


def _run(db: Database, action: str, revision: str) -> None:
    from alembic import command

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
