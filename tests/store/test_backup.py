"""Backup files (store.backup): a restore after the original is destroyed gets every record back; a damaged,
truncated, foreign or wrongly-keyed backup is refused before anything is replaced; a backup taken while another
connection writes is one consistent moment; the restore mark renumbers what was made since the restore."""

from __future__ import annotations

import hashlib
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

from yulu_desktop.domain.entities import Household, OrgUnit
from yulu_desktop.services import local_users
from yulu_desktop.store import backup, keyring, restore_mark
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    # Local users' key slots: full-strength Argon2id costs 64 MiB and 0.15 s per slot.
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


def database_digest(path: Path, passphrase: str = PASSPHRASE) -> tuple[dict[str, int], str]:
    """Row counts of every table and one SHA-256 over every row of every table (in primary-key order)."""
    with Database.open(path, passphrase) as db, db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        names = [
            r[0]
            for r in raw.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name NOT LIKE 'search_%' ORDER BY name"
            )
        ]
        digest = hashlib.sha256()
        counts = {}
        for name in names:
            rows = raw.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            counts[name] = len(rows)
            for row in rows:
                digest.update(repr(tuple(row)).encode())
        return counts, digest.hexdigest()


def add_households(db: Database, count: int, *, prefix: str = "H") -> None:
    with db.read() as session:
        village = session.query(OrgUnit).filter_by(level="village").first()
        assert village is not None
        village_id = village.id
    with db.write() as session:
        for number in range(count):
            session.add(Household(household_no=f"{prefix}{number:06d}", village_id=village_id))


def pending(db: Database) -> int:
    from yulu_desktop.store import journal

    with db.read_connection() as conn:
        return journal.pending_count(conn)


def make_backup(db: Database, folder: Path) -> backup.BackupResult:
    folder.mkdir(exist_ok=True)
    return backup.create_backup(db, folder)


def test_destroyed_database_comes_back_whole_from_its_backup(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    add_households(db, 50)
    local_users.add_user(db, "李四", "lisi-passphrase", owner_name="张三")
    path = db.path
    before_pending = pending(db)
    result = make_backup(db, tmp_path / "usb")
    db.close()
    counts, digest = database_digest(path)
    assert result.manifest.counts["household"] == 51
    assert result.manifest.pending_changes == before_pending > 0
    assert set(result.manifest.parts) == {"yulu.db", "yulu.db.keys"}
    assert result.path.name.startswith("雨露备份_城口县_") and result.path.suffix == ".yulubak"
    assert result.size == result.path.stat().st_size

    # The laptop dies: the database, its WAL and the key file are gone.
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    assert not path.exists() and not keyring.key_file_path(path).exists()

    prepared = backup.prepare_restore(result.path, PASSPHRASE, path)
    restored = backup.install_restore(prepared, path)
    assert restored.set_aside is None
    after_counts, after_digest = database_digest(path)
    assert after_counts == counts
    assert after_digest == digest  # every row of every table, unsent journal entries included
    with Database.open(path, PASSPHRASE) as again:
        assert pending(again) == before_pending
        with again.engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            assert restore_mark.marked_seq(raw) == result.manifest.journal_seq
    # The local user's key slot came back with it: 李四 opens the restored database with their own passphrase.
    with Database.open(path, "lisi-passphrase", user="李四") as as_lisi:
        assert as_lisi.local_user == "李四"
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_restore_over_a_database_keeps_the_old_one_aside(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = make_backup(db, tmp_path / "usb")
    add_households(db, 3, prefix="AFTER")
    path = db.path
    db.close()
    old_counts, old_digest = database_digest(path)
    prepared = backup.prepare_restore(
        result.path, PASSPHRASE, path, expected_county=backup.County("500229", "城口县")
    )
    restored = backup.install_restore(prepared, path)
    assert restored.set_aside is not None and restored.set_aside.exists()
    assert database_digest(restored.set_aside) == (old_counts, old_digest)  # renamed, not deleted
    assert database_digest(path)[0]["household"] == old_counts["household"] - 3
    assert not list(tmp_path.glob(".*restore*"))  # no scratch files left


@pytest.mark.parametrize("where", ["start", "manifest", "database-middle", "database-end", "directory"])
def test_a_flipped_byte_is_refused_and_nothing_is_replaced(
    db: Database, sample_graph: dict[str, object], tmp_path: Path, where: str
) -> None:
    result = make_backup(db, tmp_path / "usb")
    path = db.path
    db.close()
    before = database_digest(path)
    data = bytearray(result.path.read_bytes())
    with zipfile.ZipFile(result.path) as archive:
        db_info, manifest_info = archive.getinfo("yulu.db"), archive.getinfo("manifest.json")
    db_start = db_info.header_offset + 30 + len(db_info.filename.encode()) + len(db_info.extra)
    offsets = {
        "start": 0,
        "manifest": manifest_info.header_offset + 30 + len("manifest.json") + 40,
        "database-middle": db_start + db_info.file_size // 2,
        "database-end": db_start + db_info.file_size - 5,
        "directory": len(data) - 30,
    }
    data[offsets[where]] ^= 0x20
    result.path.write_bytes(bytes(data))
    with pytest.raises(backup.BackupError):
        backup.prepare_restore(result.path, PASSPHRASE, path)
    assert database_digest(path) == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("keep", [0, 100, 0.5, 0.99])
def test_a_truncated_backup_is_refused(
    db: Database, sample_graph: dict[str, object], tmp_path: Path, keep: float
) -> None:
    result = make_backup(db, tmp_path / "usb")
    data = result.path.read_bytes()
    result.path.write_bytes(data[: int(len(data) * keep) if keep < 1 else int(keep)])
    with pytest.raises(backup.BackupError) as refused:
        backup.prepare_restore(result.path, PASSPHRASE, tmp_path / "new.db")
    assert "备份" in refused.value.message
    assert not (tmp_path / "new.db").exists()


def test_another_countys_backup_is_refused(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = make_backup(db, tmp_path / "usb")
    path = db.path
    db.close()
    before = database_digest(path)
    with pytest.raises(backup.OtherCounty) as refused:
        backup.prepare_restore(
            result.path, PASSPHRASE, path, expected_county=backup.County("140928", "五寨县")
        )
    assert "城口县（500229）的备份" in refused.value.message and "五寨县（140928）" in refused.value.message
    assert database_digest(path) == before


def test_a_manifest_that_lies_about_the_county_is_caught_by_the_data(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    """The manifest is not trusted alone: the county is read again from the restored data."""
    result = make_backup(db, tmp_path / "usb")
    forged = tmp_path / "forged.yulubak"
    with zipfile.ZipFile(result.path) as src, zipfile.ZipFile(forged, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "manifest.json":
                data = data.replace(b'"500229"', b'"140928"').replace("城口县".encode(), "五寨县".encode())
            out.writestr(info.filename, data)
    with pytest.raises(backup.OtherCounty):
        backup.prepare_restore(
            forged, PASSPHRASE, tmp_path / "x.db", expected_county=backup.County("140928", "五寨县")
        )


def test_wrong_passphrase_and_other_files_are_refused(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = make_backup(db, tmp_path / "usb")
    with pytest.raises(backup.BackupError) as wrong:
        backup.prepare_restore(result.path, "not-the-passphrase", tmp_path / "x.db")
    assert "密码不正确" in wrong.value.message
    sheet = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(sheet, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    for other in (sheet, db.path, tmp_path):
        with pytest.raises(backup.NotABackup):
            backup.read_manifest(other)
    assert not (tmp_path / "x.db").exists()


def test_backup_while_another_connection_writes_is_one_moment(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    add_households(db, 3000, prefix="BULK")  # enough pages for several backup steps
    stop = threading.Event()
    written: list[int] = []
    writer_db = Database.open(db.path, PASSPHRASE)

    def write() -> None:
        number = 0
        while not stop.is_set():
            add_households(writer_db, 5, prefix=f"W{number:04d}-")
            number += 1
            written.append(number)

    thread = threading.Thread(target=write)
    thread.start()
    steps: list[tuple[str, int, int]] = []
    try:
        result = backup.create_backup(db, tmp_path, progress=lambda *step: steps.append(step))
    finally:
        stop.set()
        thread.join()
        writer_db.close()
    assert written, "the writer wrote while the backup ran"
    assert any(stage == "copy" for stage, _, _ in steps)
    restored = tmp_path / "restored.db"
    backup.install_restore(backup.prepare_restore(result.path, PASSPHRASE, restored), restored)
    with Database.open(restored, PASSPHRASE) as copy, copy.read_connection() as conn:
        households = conn.exec_driver_sql("SELECT count(*) FROM household").scalar_one()
        journal_inserts = conn.exec_driver_sql(
            "SELECT count(*) FROM change_journal WHERE entity = 'household' AND op = 'I'"
        ).scalar_one()
        batches = conn.exec_driver_sql(
            "SELECT count(*) FROM household WHERE household_no LIKE 'W%'"
        ).scalar_one()
    # One moment: every household in the copy has its journal entry and writer batches are whole (5 each).
    assert households == result.manifest.counts["household"] == journal_inserts
    assert batches % 5 == 0


def test_cancelled_backup_leaves_no_file(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    add_households(db, 2000)
    with pytest.raises(backup.BackupCancelled):
        backup.create_backup(db, tmp_path, cancel=lambda: True)
    assert not list(tmp_path.glob("*.yulubak")) and not list(tmp_path.glob(".*"))
    assert not list(db.path.parent.glob(".yulu-backup-*"))


def test_restore_that_cannot_open_puts_the_old_database_back(
    db: Database, sample_graph: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = make_backup(db, tmp_path / "usb")
    path = db.path
    db.close()
    before = database_digest(path)
    prepared = backup.prepare_restore(result.path, PASSPHRASE, path)

    def broken_open(*_args: object, **_kwargs: object) -> Database:
        raise backup.BackupError("打不开")

    monkeypatch.setattr(backup.Database, "open", broken_open)
    with pytest.raises(backup.BackupError):
        backup.install_restore(prepared, path)
    monkeypatch.undo()
    assert database_digest(path) == before
    assert not list(path.parent.glob("*恢复前*"))


def test_rebase_moves_entries_made_since_the_restore_past_the_servers(db: Database) -> None:
    """Backup at journal seq X=3; the original laptop sent up to S=7 before it died; the restored one made 2 new
    entries (4, 5): they become 8, 9 and the backup's own 1..3 stay for the catch-up to compact."""
    from yulu_desktop.store import journal

    with db.write_connection() as conn:
        for number in range(3):
            conn.exec_driver_sql(
                "INSERT INTO change_journal (change_id, entity, entity_id, op, changes, hlc, device_id, author, "
                f"created_at) VALUES ('c{number}', 'household', 'h', 'U', '{{}}', {number + 1}, 'd', 'a', 'now')"
            )
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        assert restore_mark.mark(raw) == 3
    with db.write_connection() as conn:
        for number in range(3, 5):
            conn.exec_driver_sql(
                "INSERT INTO change_journal (change_id, entity, entity_id, op, changes, hlc, device_id, author, "
                f"created_at) VALUES ('c{number}', 'household', 'h', 'U', '{{}}', {number + 1}, 'd', 'a', 'now')"
            )
    with db.write_connection() as conn:
        assert restore_mark.rebase_connection(conn, 7) == 4
        rows = conn.exec_driver_sql("SELECT seq, change_id FROM change_journal ORDER BY seq").fetchall()
        assert [tuple(r) for r in rows] == [(1, "c0"), (2, "c1"), (3, "c2"), (8, "c3"), (9, "c4")]
        assert restore_mark.marked_seq_connection(conn) is None
        journal.acknowledge(conn, 7)
        assert journal.pending_count(conn) == 2
        # The journal is frozen again, and the next entry follows.
        with pytest.raises(Exception, match="已记录的变更不能修改"):
            conn.exec_driver_sql("UPDATE change_journal SET author = 'x'")
    with db.write_connection() as conn:
        conn.exec_driver_sql(
            "INSERT INTO change_journal (change_id, entity, entity_id, op, changes, hlc, device_id, author, "
            "created_at) VALUES ('c9', 'household', 'h', 'U', '{}', 99, 'd', 'a', 'now')"
        )
        assert conn.exec_driver_sql("SELECT max(seq) FROM change_journal").scalar_one() == 10
    with db.write_connection() as conn:  # no mark: nothing moves
        assert restore_mark.rebase_connection(conn, 50) == 0


def test_a_second_restore_keeps_the_first_mark(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    first = make_backup(db, tmp_path / "one")
    path = db.path
    db.close()
    backup.install_restore(backup.prepare_restore(first.path, PASSPHRASE, path), path)
    with Database.open(path, PASSPHRASE) as restored:
        add_households(restored, 2, prefix="SINCE")
        second = make_backup(restored, tmp_path / "two")
    assert second.manifest.journal_seq > first.manifest.journal_seq
    shutil.rmtree(tmp_path / "one")
    backup.install_restore(backup.prepare_restore(second.path, PASSPHRASE, path), path)
    with Database.open(path, PASSPHRASE) as again, again.engine.connect() as conn:
        assert restore_mark.marked_seq(conn.connection.dbapi_connection) == first.manifest.journal_seq


def test_backup_and_restore_stream_in_pieces(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    """A county's database is far larger than the pieces it is copied in: Python never holds the file whole."""
    import os
    import tracemalloc

    with db.write_connection() as conn:
        for number in range(24):  # 24 MiB of attachment bytes (incompressible, as photos are)
            conn.exec_driver_sql(
                "INSERT INTO attachment_blob (sha256, data) VALUES (?, ?)",
                (f"{number:064d}", os.urandom(1 << 20)),
            )
    tracemalloc.start()
    try:
        result = backup.create_backup(db, tmp_path)
        _, backup_peak = tracemalloc.get_traced_memory()
        tracemalloc.reset_peak()
        target = tmp_path / "restored.db"
        backup.install_restore(backup.prepare_restore(result.path, PASSPHRASE, target), target)
        _, restore_peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.size > 24 << 20
    assert backup_peak < 6 << 20 and restore_peak < 6 << 20, (backup_peak, restore_peak)
