"""services.backup: the laptop's automatic backups (at most one a day, the newest N kept, other files left
alone), audit entries for 备份 and 恢复, and a backup from a newer app refused before anything is touched."""

from __future__ import annotations

import json
import zipfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from yulu_desktop.services import backup
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"


def test_automatic_backups_once_a_day_and_the_newest_kept(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    folder = tmp_path / "auto"
    folder.mkdir()
    mine = folder / "我的备份.yulubak"
    mine.write_bytes(b"not touched")
    day = datetime(2026, 3, 1, 18, 0)
    made = []
    for number in range(6):
        when = day + timedelta(days=number)
        result = backup.auto_back_up(db, 3, folder=folder, now=when)
        assert result is not None
        made.append(result.path)
        # Again the same day: nothing new.
        assert backup.auto_back_up(db, 3, folder=folder, now=when + timedelta(hours=2)) is None
    kept = backup.auto_backups(folder)
    assert kept == list(reversed(made[-3:]))
    assert all(not path.exists() for path in made[:3])
    assert mine.read_bytes() == b"not touched"
    assert backup.auto_backup_due(folder, day + timedelta(days=5, hours=3)) is False
    assert backup.auto_backup_due(folder, day + timedelta(days=6)) is True
    # 0 kept: automatic backups are off.
    assert backup.auto_back_up(db, 0, folder=folder, now=day + timedelta(days=9)) is None
    assert backup.auto_backups(folder) == kept
    # Each is a whole, verified backup.
    assert backup.inspect(kept[0]).people == 1


def test_automatic_backups_default_to_the_user_data_directory(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = backup.auto_back_up(db, 7)
    assert result is not None
    assert result.path.parent == backup.auto_backup_folder()
    assert backup.auto_backup_folder().parent == Path(__import__("os").environ["YULU_HOME"])


def test_backup_and_restore_are_audited(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = backup.back_up(db, tmp_path, actor="张书记")
    with db.read_connection() as conn:
        entry = conn.exec_driver_sql(
            "SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert tuple(entry[:2]) == ("张书记", "backup")
    assert result.path.name in entry[2]
    county = backup.current_county(db)
    assert county == backup.County("500229", "城口县")
    path = db.path
    db.close()
    prepared = backup.prepare_restore(result.path, PASSPHRASE, path, expected_county=county)
    restored = backup.finish_restore(prepared, path, actor="张书记")
    assert restored.set_aside is not None
    with Database.open(path, PASSPHRASE) as again, again.read_connection() as conn:
        entry = conn.exec_driver_sql(
            "SELECT actor, action, detail FROM audit_log ORDER BY id DESC LIMIT 1"
        ).one()
    assert tuple(entry[:2]) == ("张书记", "restore")
    assert "城口县" in entry[2] and "1 人" in entry[2]


def test_a_missing_folder_is_a_message(db: Database, tmp_path: Path) -> None:
    with pytest.raises(backup.BackupError) as missing:
        backup.back_up(db, tmp_path / "U盘")
    assert "找不到文件夹" in str(missing.value)


def test_backup_of_a_newer_app_is_refused(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = backup.back_up(db, tmp_path)
    newer = tmp_path / "newer.yulubak"
    with zipfile.ZipFile(result.path) as src, zipfile.ZipFile(newer, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "manifest.json":
                doc = json.loads(data)
                doc["schema_revision"] = "9999_from_the_future"
                doc["app_version"] = "9.0"
                data = json.dumps(doc).encode()
            out.writestr(info.filename, data)
    with pytest.raises(backup.BackupError) as refused:
        backup.prepare_restore(newer, PASSPHRASE, tmp_path / "x.db")
    assert "更新版本" in refused.value.message and "9.0" in refused.value.message
    assert not (tmp_path / "x.db").exists()


def test_summary_says_whose_data_how_much_and_when(
    db: Database, sample_graph: dict[str, object], tmp_path: Path
) -> None:
    result = backup.back_up(db, tmp_path)
    text = backup.summary(result.manifest)
    assert text.startswith("城口县（500229） 红岩村，1 户 1 人，备份于 ")
    assert "尚未同步到县里" in text


def test_backup_of_an_older_schema_is_brought_up_to_date(tmp_path: Path) -> None:
    from yulu_desktop.store import migrate

    old = tmp_path / "old.db"
    with Database.open(old, PASSPHRASE, create=True) as db:
        migrate.upgrade(db, "0005")
        with db.read_connection() as conn:
            assert migrate.current_revision(conn) == "0005"
        result = backup.back_up(db, tmp_path)
    assert result.manifest.schema_revision == "0005"
    target = tmp_path / "restored.db"
    restored = backup.finish_restore(backup.prepare_restore(result.path, PASSPHRASE, target), target)
    assert restored.set_aside is None
    with Database.open(target, PASSPHRASE) as db, db.read_connection() as conn:
        assert migrate.current_revision(conn) == migrate.head_revision()
