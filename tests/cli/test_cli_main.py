"""The ``yulu`` command line: init, demo, stats, check — messages, never tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from yulu_desktop.cli.main import main
from yulu_desktop.store.database import Database

KEY = "cli-passphrase-1"


@pytest.fixture
def with_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YULU_DB_KEY", KEY)


def test_init_creates_then_reports_current(
    tmp_path: Path, with_key: None, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "a.db"
    assert main(["--db", str(db), "init"]) == 0
    assert "已创建加密数据库" in capsys.readouterr().out
    assert main(["--db", str(db), "init"]) == 0
    assert "数据库已是最新" in capsys.readouterr().out


def test_demo_stats_and_check(tmp_path: Path, with_key: None, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert main(["--db", str(db), "demo", "--households", "40", "--seed", "7"]) == 0
    assert "40 户" in capsys.readouterr().out
    assert main(["--db", str(db), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["counts"]["household"] == 40
    assert stats["counts"]["person"] >= 80
    rows = sum(n for name, n in stats["counts"].items() if name not in ("attachment_blob", "audit_log"))
    # Every row waits for the county; a decided referral is a second entry (a referral starts at 已推荐).
    assert rows <= stats["pending_changes"] <= rows + stats["counts"]["job_referral"]
    assert main(["--db", str(db), "check"]) == 0
    assert "0 个错误" in capsys.readouterr().out


def test_check_reports_a_bad_row_and_fails(
    tmp_path: Path, with_key: None, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.db"
    assert main(["--db", str(path), "demo", "--households", "5"]) == 0
    with Database.open(path, KEY) as db, db.write_connection() as conn:
        conn.execute(text("UPDATE person SET id_number = '110105194912310021' WHERE rowid = 1"))
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert "校验位" in out and "1 个错误" in out


def test_wrong_passphrase_is_a_message_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "w.db"
    monkeypatch.setenv("YULU_DB_KEY", KEY)
    assert main(["--db", str(db), "init"]) == 0
    monkeypatch.setenv("YULU_DB_KEY", "wrong-passphrase")
    assert main(["--db", str(db), "stats"]) == 1
    err = capsys.readouterr().err
    assert "密码不正确" in err and "Traceback" not in err


def test_missing_database_and_bad_arguments(
    tmp_path: Path, with_key: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", str(tmp_path / "none.db"), "stats"]) == 1
    assert "找不到数据库文件" in capsys.readouterr().err
    assert main(["--db", str(tmp_path / "x.db"), "demo", "--households", "0"]) == 1
    assert "正整数" in capsys.readouterr().err


def test_no_passphrase_without_terminal_is_a_message(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "yulu_desktop.cli.main", "--db", str(tmp_path / "n.db"), "init"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
        env={k: v for k, v in __import__("os").environ.items() if k != "YULU_DB_KEY"},
    )
    assert result.returncode == 1
    assert "YULU_DB_KEY" in result.stderr and "Traceback" not in result.stderr
