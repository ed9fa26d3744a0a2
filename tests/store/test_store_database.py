"""The encrypted database: wrong passphrases, encryption at rest, durability settings."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.conftest import PASSPHRASE
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import database, keyring, migrate
from yulu_desktop.store.database import (
    Database,
    DatabaseNotFound,
    DatabaseUnusable,
    WrongPassphrase,
    passphrase_problem,
)


def test_wrong_passphrase_is_a_clear_error(db_path: Path) -> None:
    with pytest.raises(WrongPassphrase) as info:
        Database.open(db_path, "not-the-passphrase")
    assert "密码不正确" in info.value.message


def test_the_key_is_derived_once_for_every_connection(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening derives the raw key once; every connection of the pool is keyed with it (SQLCipher's own
    derivation, for a passphrase, cost 0.1–0.3 s of CPU per connection), and so are the key file's and the
    escrow's uses of it."""
    derivations: list[bytes] = []
    secrets: list[str] = []
    derive, open_raw = keyring.raw_key_from_passphrase, database._open_raw

    def counting(passphrase: str, salt: bytes) -> bytes:
        derivations.append(salt)
        return derive(passphrase, salt)

    def recording(path: Path, secret: str) -> object:
        secrets.append(secret)
        return open_raw(path, secret)

    monkeypatch.setattr(keyring, "raw_key_from_passphrase", counting)
    monkeypatch.setattr(database, "_open_raw", recording)
    db = Database.open(db_path, PASSPHRASE)
    try:
        with db.read_connection() as one, db.read_connection() as two, db.write_connection() as three:
            for conn in (one, two, three):
                assert conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one() > 0
        assert db.raw_key() == derive(PASSPHRASE, keyring.database_salt(db_path))
    finally:
        db.close()
    assert len(secrets) >= 3 and all(secret.startswith("x'") for secret in secrets), "keyed with the raw key"
    assert len(derivations) == 1
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE + "x")


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseNotFound, match="找不到数据库文件"):
        Database.open(tmp_path / "none.db", "whatever-1")


def test_short_passphrase_refused_for_new_database(tmp_path: Path) -> None:
    with pytest.raises(YuluError, match="至少需要 8 个字符"):
        Database.open(tmp_path / "new.db", "short", create=True)
    assert not (tmp_path / "new.db").exists()
    assert passphrase_problem(" spaced-out ") is not None
    assert passphrase_problem("good-enough") is None


def test_plain_sqlite_file_is_refused(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "plain.db"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(DatabaseUnusable, match="未加密"):
        Database.open(path, "whatever-1")


def test_file_is_encrypted_at_rest(db: Database, db_path: Path, sample_graph: dict[str, object]) -> None:
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    data = db_path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for secret in ("张坤".encode(), b"11010519491231002X", b"change_journal"):
        assert secret not in data


def test_durability_pragmas(db: Database) -> None:
    with db.read_connection() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_committed_write_survives_a_killed_process(db_path: Path) -> None:
    """A process killed right after COMMIT (like a dead battery) loses nothing it committed."""
    script = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        from sqlalchemy import text
        from yulu_desktop.store.database import Database
        db = Database.open(Path({str(db_path)!r}), "test-passphrase-1")
        with db.write_connection() as conn:
            conn.execute(text("INSERT INTO org_unit (id, code, name, level) VALUES ('u1', '500229', '城口县', 'county')"))
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, check=False)
    assert result.returncode == -9, result.stderr.decode()
    with Database.open(db_path, "test-passphrase-1") as db, db.read_connection() as conn:
        assert conn.execute(text("SELECT name FROM org_unit WHERE id = 'u1'")).scalar() == "城口县"
        assert conn.execute(text("SELECT count(*) FROM change_journal WHERE entity_id = 'u1'")).scalar() == 1


def test_failed_upgrade_leaves_database_unchanged(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    """Migrations run in one transaction: if one fails, the schema stays as it was."""
    migrate.downgrade(db, "base")

    def boom(conn: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("yulu_desktop.store.journal.install_triggers", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        migrate.upgrade(db)
    with db.engine.connect() as conn:
        assert migrate.current_revision(conn) is None
        assert conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE name = 'person'").scalar() == 0
