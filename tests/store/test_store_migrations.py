"""Migrations: an empty database upgrades to head, models and migrations agree, and downgrades work."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from yulu_desktop.store import journal, migrate
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES, metadata

PASSPHRASE = "migration-test-1"


def _fresh(tmp_path: Path) -> Database:
    return Database.open(tmp_path / "m.db", PASSPHRASE, create=True)


def test_upgrade_empty_database_to_head_and_models_agree(tmp_path: Path) -> None:
    with _fresh(tmp_path) as db:
        assert migrate.needs_upgrade(db)
        migrate.upgrade(db)
        assert not migrate.needs_upgrade(db)
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) == migrate.head_revision()
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "render_as_batch": True, "include_name": migrate.include_name},
            )
            assert compare_metadata(context, metadata) == []
            assert journal.shared_tables_without_triggers(conn) == []


def test_downgrade_to_base_and_back(tmp_path: Path) -> None:
    with _fresh(tmp_path) as db:
        migrate.upgrade(db)
        migrate.downgrade(db, "base")
        with db.engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            assert not tables & set(SHARED_TABLES)
            assert migrate.current_revision(conn) is None
        migrate.upgrade(db)
        with db.engine.connect() as conn:
            assert set(SHARED_TABLES) <= set(inspect(conn).get_table_names())
            assert journal.shared_tables_without_triggers(conn) == []


def test_every_revision_downgrades_one_step(tmp_path: Path) -> None:
    """Walk the whole history down one revision at a time: every migration is reversible."""
    from alembic.script import ScriptDirectory

    revisions = list(ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions())
    with _fresh(tmp_path) as db:
        migrate.upgrade(db)
        for revision in revisions:
            migrate.downgrade(db, revision.down_revision or "base")
            with db.engine.connect() as conn:
                assert migrate.current_revision(conn) == revision.down_revision
