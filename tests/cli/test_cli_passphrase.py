"""``yulu passwd`` changes the owner's database passphrase (the other users keep theirs) or, with ``--user``,
that user's own; ``yulu recovery-key`` prints a new recovery key that opens the database."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from yulu_desktop.cli.main import main
from yulu_desktop.services import passphrase
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


def test_passwd_and_recovery_key(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ["--db", str(db_path)]
    run(monkeypatch, capsys, PASSPHRASE, *db, "users", "add", "李四", "--owner", "张三", "--passphrase-stdin",
        stdin=LISI)  # fmt: skip
    code, out, _ = run(monkeypatch, capsys, PASSPHRASE, *db, "recovery-key")
    assert code == 0
    found = re.search(r"([2-9A-Z]{4}-){5}[2-9A-Z]{4}", out)
    assert found is not None
    code, _, err = run(monkeypatch, capsys, PASSPHRASE, *db, "passwd", "--passphrase-stdin", stdin="short\n")
    assert code == 1 and "至少需要 8 个字符" in err
    code, out, _ = run(
        monkeypatch, capsys, PASSPHRASE, *db, "passwd", "--passphrase-stdin", stdin="owner-new-pass\n"
    )
    assert code == 0 and "已修改数据库密码" in out
    assert run(monkeypatch, capsys, PASSPHRASE, *db, "stats")[0] == 1
    assert run(monkeypatch, capsys, "owner-new-pass", *db, "stats")[0] == 0
    assert run(monkeypatch, capsys, LISI, *db, "--user", "李四", "stats")[0] == 0
    code, out, err = run(monkeypatch, capsys, LISI, *db, "--user", "李四", "passwd", "--passphrase-stdin",
                       stdin="lisi-new-pass\n")  # fmt: skip
    assert code == 0 and "李四" in out, err
    assert run(monkeypatch, capsys, "lisi-new-pass", *db, "--user", "李四", "stats")[0] == 0
    with passphrase.open_with_recovery_key(db_path, found.group(0)) as opened:
        assert opened.is_owner
