"""``yulu users list|add|remove|passwd`` and ``yulu --user NAME``: each user opens the database with their own
passphrase, and what they do is audited under their name."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from yulu_desktop.cli.main import main
from yulu_desktop.store import keyring

PASSPHRASE = "test-passphrase-1"  # the template database's (tests/conftest.py)
LISI = "lisi-passphrase-2"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], key: str, *argv: str, stdin: str = ""
) -> tuple[int, str, str]:
    monkeypatch.setenv("YULU_DB_KEY", key)
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_users_add_list_open_as_user_passwd_remove(
    db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    code, out, _ = run(monkeypatch, capsys, PASSPHRASE, *db, "users", "list")
    assert code == 0 and "没有其他用户" in out
    code, _, err = run(
        monkeypatch, capsys, PASSPHRASE, *db, "users", "add", "李四", "--passphrase-stdin", stdin=LISI
    )
    assert code == 1 and "--owner" in err
    code, out, _ = run(monkeypatch, capsys, PASSPHRASE, *db, "users", "add", "李四", "--owner", "张三",
                       "--passphrase-stdin", stdin=LISI + "\n")  # fmt: skip
    assert code == 0 and "已添加本机用户“李四”（所有者：张三）" in out
    code, out, _ = run(monkeypatch, capsys, LISI, *db, "--user", "李四", "users", "list")
    assert code == 0 and out.splitlines() == ["张三（所有者）", "李四（当前）"]
    code, _, err = run(monkeypatch, capsys, PASSPHRASE, *db, "--user", "李四", "stats")
    assert code == 1 and "密码不正确" in err
    code, _, err = run(monkeypatch, capsys, LISI, *db, "users", "list")
    assert code == 1 and "--user" in err
    code, _, err = run(monkeypatch, capsys, LISI, *db, "--user", "李四", "users", "remove", "李四")
    assert code == 1 and "只有本机所有者" in err

    # What 李四 does is audited under 李四, even with another --actor given.
    out_file = tmp_path / "export.xlsx"
    code, _, err = run(monkeypatch, capsys, LISI, *db, "--user", "李四", "export", "intent", "-o", str(out_file),
                       "--actor", "别人")  # fmt: skip
    assert code == 1 and "本机用户“李四”已登录" in err

    code, out, _ = run(monkeypatch, capsys, LISI, *db, "--user", "李四", "users", "passwd", "李四",
                       "--passphrase-stdin", stdin="lisi-new-passphrase\n")  # fmt: skip
    assert code == 0 and "已修改" in out
    assert run(monkeypatch, capsys, LISI, *db, "--user", "李四", "stats")[0] == 1
    assert run(monkeypatch, capsys, "lisi-new-passphrase", *db, "--user", "李四", "stats")[0] == 0

    code, out, _ = run(monkeypatch, capsys, PASSPHRASE, *db, "users", "remove", "李四")
    assert code == 0 and "已删除" in out
    code, _, err = run(monkeypatch, capsys, "lisi-new-passphrase", *db, "--user", "李四", "stats")
    assert code == 1 and "本机没有用户“李四”" in err


def test_a_missing_key_file_is_a_message(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    run(monkeypatch, capsys, PASSPHRASE, *db, "users", "add", "李四", "--owner", "张三", "--passphrase-stdin",
        stdin=LISI)  # fmt: skip
    shutil.move(keyring.key_file_path(db_path), db_path.with_name("elsewhere"))
    code, _, err = run(monkeypatch, capsys, LISI, *db, "--user", "李四", "stats")
    assert code == 1 and "找不到本机用户钥匙文件" in err and "Traceback" not in err
    assert run(monkeypatch, capsys, PASSPHRASE, *db, "stats")[0] == 0


def test_audit_entries_name_the_user(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import select

    from yulu_desktop.store import schema
    from yulu_desktop.store.database import Database

    db = ["--db", str(db_path)]
    run(monkeypatch, capsys, PASSPHRASE, *db, "users", "add", "李四", "--owner", "张三", "--passphrase-stdin",
        stdin=LISI)  # fmt: skip
    run(
        monkeypatch,
        capsys,
        PASSPHRASE,
        *db,
        "users",
        "add",
        "王五",
        "--passphrase-stdin",
        stdin="wangwu-pass-3",
    )
    code, _, err = run(monkeypatch, capsys, "wangwu-pass-3", *db, "--user", "王五", "users", "passwd", "王五",
                       "--passphrase-stdin", stdin="wangwu-pass-4")  # fmt: skip
    assert code == 0, err
    with Database.open(db_path, PASSPHRASE) as database, database.read_connection() as conn:
        a = schema.audit_log
        actors = [tuple(r) for r in conn.execute(select(a.c.actor, a.c.entity_id).order_by(a.c.id)).all()]
    assert actors[-3:] == [("张三", "李四"), ("张三", "王五"), ("王五", "王五")]
