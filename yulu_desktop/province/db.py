"""The province database: engine and migrations.

The province runs its own Alembic history (``province/migrations``, revisions ``p0001`` …) with its own version
table ``province_alembic_version``, so that a province database never mistakes itself for a county server (whose
history is ``s0001`` … in ``alembic_version``) and both could even share one PostgreSQL database in a test.

Only PostgreSQL is accepted: the tables are partitioned by county code and filled by logical replication
subscriptions, neither of which SQLite has.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

#: Environment variable naming the province database when ``--database-url`` is not given.
PROVINCE_DB_ENV: Final = "YULU_PROVINCE_DB"
#: Alembic's version table of the province history.
VERSION_TABLE: Final = "province_alembic_version"


class ProvinceError(RuntimeError):
    """Something the province administrator must fix; the message is in Chinese and says what and where."""


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and pick the psycopg 3 driver (the one installed)."""
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def migrations_dir() -> Path:
    return Path(__file__).resolve().parent / "migrations"


def head_revision() -> str:
    head = ScriptDirectory(str(migrations_dir())).get_current_head()
    assert head is not None
    return head


class ProvinceDatabase:
    """The engine of the province database (PostgreSQL only)."""

    def __init__(self, url: str) -> None:
        url = normalise_url(url.strip())
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise ProvinceError(
                f"省级数据库地址无法识别：{url!r}（应为 postgresql://用户@主机/数据库）"
            ) from None
        if parsed.get_backend_name() != "postgresql":
            raise ProvinceError(
                f"省级数据库只能是 PostgreSQL（需要分区表和逻辑复制订阅），而不是 {parsed.get_backend_name()}：{url}"
            )
        self.url = url
        self.engine: Engine = create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True)

    def migrate(self, revision: str = "head") -> None:
        """Create or upgrade the province tables to the newest revision (or to ``revision``: the tests make a
        database of an earlier release)."""
        config = Config()
        config.set_main_option("script_location", str(migrations_dir()))
        with self.engine.connect() as conn, conn.begin():
            config.attributes["connection"] = conn
            command.upgrade(config, revision)

    def current_revision(self) -> str | None:
        with self.engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
            return context.get_current_revision()

    def dispose(self) -> None:
        self.engine.dispose()


def database_url_from(value: str | None) -> str:
    """``value`` (a ``--database-url``), else ``YULU_PROVINCE_DB``; ProvinceError when neither is set."""
    url = value or os.environ.get(PROVINCE_DB_ENV, "")
    if not url.strip():
        raise ProvinceError(
            f"没有指定省级数据库：请用 --database-url postgresql://用户@主机/数据库，或设置环境变量 {PROVINCE_DB_ENV}"
        )
    return url
