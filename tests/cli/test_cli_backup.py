"""``yulu backup`` and ``yulu restore``: a backup to a folder, checked and restored over a database whose original
is kept aside; ``--check`` changes nothing; another county's backup and a damaged file are refused with exit 1."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from yulu_desktop.cli.main import main
from yulu_desktop.services import records
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"  # the template database's (tests/conftest.py)


def run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *argv: str
) -> tuple[int, str, str]:
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_backup_check_and_restore(
    db: Database,
    sample_graph: dict[str, object],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = db.path
    db.close()
    usb = tmp_path / "usb"
    usb.mkdir()
    code, out, err = run(monkeypatch, capsys, "--db", str(path), "backup", "-o", str(usb), "--quiet")
    assert code == 0, err
    (made,) = usb.glob("*.yulubak")
    assert str(made) in out and "1 户 1 人" in out and "已校验" in out

    code, out, err = run(monkeypatch, capsys, "--db", str(path), "restore", "--check", str(made), "--quiet")
    assert code == 0, err
    assert "备份文件完好" in out and "城口县" in out
    assert sorted(p.name for p in path.parent.iterdir() if "恢复前" in p.name) == []

    code, out, err = run(monkeypatch, capsys, "--db", str(path), "restore", str(made), "--quiet")
    assert code == 0, err
    assert "已从备份恢复" in out and "恢复前" in out
    assert len([p for p in path.parent.iterdir() if "恢复前" in p.name]) == 1

    code, out, _ = run(monkeypatch, capsys, "--db", str(path), "backup", "--auto", "--quiet")
    assert code == 0 and "自动备份_" in out
    code, out, _ = run(monkeypatch, capsys, "--db", str(path), "backup", "--auto", "--quiet")
    assert code == 0 and "今天已经做过自动备份" in out


def test_restore_refuses_another_county_and_a_damaged_file(
    db: Database,
    sample_graph: dict[str, object],
    template_database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = db.path
    db.close()
    code, _, err = run(monkeypatch, capsys, "--db", str(path), "backup", "-o", str(tmp_path), "--quiet")
    assert code == 0, err
    (made,) = tmp_path.glob("*.yulubak")
    other = tmp_path / "wuzhai.db"
    shutil.copyfile(template_database, other)
    with Database.open(other, PASSPHRASE) as wuzhai, records.writing(wuzhai, "测试") as session:
        records.ensure_org_unit(session, "140928", "五寨县", "county", None)
    before = other.read_bytes()
    code, _, err = run(monkeypatch, capsys, "--db", str(other), "restore", str(made), "--quiet")
    assert code == 1
    assert "不能用另一个县的备份替换本机数据" in err
    assert other.read_bytes() == before

    damaged = tmp_path / "damaged.yulubak"
    data = bytearray(made.read_bytes())
    data[len(data) // 2] ^= 1
    damaged.write_bytes(bytes(data))
    code, _, err = run(monkeypatch, capsys, "--db", str(path), "restore", str(damaged), "--quiet")
    assert code == 1 and "已损坏" in err
