"""The database file on disk: private to its owner (0600, with -wal and -shm) whatever the umask, and a file
that is not a Yulu database told apart from a wrong passphrase."""

from __future__ import annotations

import os
import sqlite3
import stat
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from yulu_desktop.cli.main import main as yulu
from yulu_desktop.store.database import (
    Database,
    DatabaseUnusable,
    NotAYuluDatabase,
    WrongPassphrase,
    not_a_database_reason,
)

PASSPHRASE = "test-passphrase-1"

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _companions(path: Path) -> list[Path]:
    return [p for p in (path.with_name(path.name + s) for s in ("-wal", "-shm")) if p.exists()]


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@posix_only
def test_a_new_database_and_its_wal_and_shm_are_0600_under_a_permissive_umask(
    tmp_path: Path, permissive_umask: None
) -> None:
    path = tmp_path / "new.db"
    db = Database.open(path, PASSPHRASE, create=True)
    try:
        with db.write_connection() as conn:
            conn.exec_driver_sql("CREATE TABLE t (x)")
        companions = _companions(path)
        assert {p.name for p in companions} == {"new.db-wal", "new.db-shm"}
        assert _mode(path) == 0o600
        assert {p.name: _mode(p) for p in companions} == {p.name: 0o600 for p in companions}
    finally:
        db.close()


@posix_only
def test_opening_an_existing_world_readable_database_makes_it_private(
    db_path: Path, permissive_umask: None
) -> None:
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"")
    os.chmod(db_path, 0o644)
    os.chmod(wal, 0o666)
    db = Database.open(db_path, PASSPHRASE)
    try:
        with db.read_connection() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").fetchall()
        assert _mode(db_path) == 0o600
        assert all(_mode(p) == 0o600 for p in _companions(db_path))
        assert _companions(db_path)
    finally:
        db.close()


def test_a_failed_create_leaves_no_empty_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(Database, "__init__", broken)
    with pytest.raises(OSError, match="disk full"):
        Database.open(tmp_path / "new.db", PASSPHRASE, create=True)
    assert not (tmp_path / "new.db").exists()


def _xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
    return path


def _plain_sqlite(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda p: _xlsx(p / "名单.xlsx"), "Excel"),
        (lambda p: _plain_sqlite(p / "plain.db"), "未加密"),
        (
            # Not text: random bytes start with "<", "{" or "[" (what a text file starts with) 1 time in 85.
            lambda p: (p / "random.bin").write_bytes(b"\x80" + os.urandom(4999)) and p / "random.bin",
            "不是整数个数据库页",
        ),
        (lambda p: (p / "notes.txt").write_text("just some notes\n") and p / "notes.txt", "文本文件"),
    ],
)
def test_a_file_that_is_not_a_database_is_not_a_wrong_passphrase(
    tmp_path: Path, make: object, said: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(NotAYuluDatabase) as info:
        Database.open(path, PASSPHRASE)
    assert "不是雨露数据库" in info.value.message and said in info.value.message
    assert "密码不正确" not in info.value.message
    assert isinstance(info.value, DatabaseUnusable)


def test_a_real_database_with_another_passphrase_is_still_a_wrong_passphrase(db_path: Path) -> None:
    assert not_a_database_reason(db_path) is None
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, "another-passphrase")


def test_yulu_db_pointed_at_a_workbook_says_it_is_not_a_yulu_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    book = _xlsx(tmp_path / "some.xlsx")
    assert yulu(["--db", str(book), "stats"]) == 1
    err = capsys.readouterr().err
    assert "不是雨露数据库" in err and "Excel" in err
    assert "密码不正确" not in err and "Traceback" not in err
    assert "提示：--db 应指向雨露数据库文件" in err
