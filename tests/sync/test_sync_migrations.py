"""Server migrations agree with the server models (SQLite and PostgreSQL) and are reversible; so is the device's
sync migration 0002."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sync_helpers import VILLAGE_A, County, add_household, add_person, pending

from yulu_desktop.server import admin
from yulu_desktop.server import db as server_db
from yulu_desktop.server.models import metadata as server_metadata
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import metadata as device_metadata
from yulu_desktop.sync import local
from yulu_desktop.sync.client import SyncClient


def test_server_migrations_match_models_and_reverse(server_url: str) -> None:
    database = server_db.ServerDatabase(server_url)
    database.migrate()
    with database.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, server_metadata) == []
    assert server_db.current_revision(database.engine) == server_db.head_revision()
    server_db.downgrade(database.engine, "base")
    assert set(inspect(database.engine).get_table_names()) <= {"alembic_version"}
    database.migrate()
    assert "change_log" in inspect(database.engine).get_table_names()
    database.dispose()


def test_device_sync_migration_is_reversible(db_path: Path) -> None:
    db = Database.open(db_path, "test-passphrase-1")
    try:
        with db.engine.connect() as conn:
            context = MigrationContext.configure(
                conn,
                opts={"compare_type": True, "render_as_batch": True, "include_name": migrate.include_name},
            )
            assert compare_metadata(context, device_metadata) == []
        migrate.downgrade(db, "0001")
        assert "sync_state" not in inspect(db.engine).get_table_names()
        migrate.upgrade(db)
        with db.read_connection() as conn:
            assert conn.exec_driver_sql("SELECT pull_cursor FROM sync_state WHERE id = 1").scalar_one() == 0
    finally:
        db.close()


def test_a_laptop_of_the_last_release_with_unsent_changes_upgrades_and_syncs(county: County) -> None:
    """0004 (the last release) → 0005 on a laptop that holds unsent changes: nothing is lost, they reach the
    county, and the new columns start empty (role unknown until the server says, no pinned certificate)."""
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A))
    person = add_person(db, household, "张坤")
    migrate.downgrade(db, "0004")
    assert "cadre_role" not in {c["name"] for c in inspect(db.engine).get_columns("sync_state")}
    assert pending(db) == 2
    migrate.upgrade(db)
    with db.read_connection() as conn:
        state = local.read_state(conn)
    assert state.enrolled and (state.server_cert_sha256, state.cadre_role) == ("", "")
    report = SyncClient(db, county.url, http=county.http).sync_once()
    assert report.complete and pending(db) == 0
    assert admin.record_state(county.db)[("person", person)]["name"] == "张坤"  # type: ignore[index]
    with db.read_connection() as conn:
        assert local.read_state(conn).cadre_role == "village"  # learned from hello (protocol 4)
