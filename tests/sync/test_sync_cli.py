"""The command lines: ``yulu-server admin …`` and ``yulu sync …`` / ``yulu conflicts …``."""

from __future__ import annotations

import argparse
import re
import shutil
import uuid
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sync_helpers import PASSPHRASE, LiveServer

from yulu_desktop.cli import sync_commands
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.app import create_app
from yulu_desktop.store.database import Database


def _yulu(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="yulu")
    parser.add_argument("--db")
    sync_commands.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_admin_and_device_command_lines(
    tmp_path: Path,
    template_database: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"sqlite:///{tmp_path / 'county.db'}"

    def admin(*argv: str) -> str:
        assert server_cli.main(["--database-url", url, "admin", *argv]) == 0
        return capsys.readouterr().out

    admin("migrate")
    admin("create-unit", "--code", "140928", "--name", "五寨县", "--level", "county")
    admin(
        "create-unit", "--code", "140928101", "--name", "三岔镇", "--level", "township", "--parent", "140928"
    )
    admin(
        "create-unit",
        "--code",
        "140928101201",
        "--name",
        "三岔村",
        "--level",
        "village",
        "--parent",
        "140928101",
    )
    assert (
        server_cli.main(
            [
                "--database-url",
                url,
                "admin",
                "create-unit",
                "--code",
                "x",
                "--name",
                "y",
                "--level",
                "village",
            ]
        )
        == 1
    )
    capsys.readouterr()
    admin("create-cadre", "--username", "wang", "--name", "王书记", "--unit", "140928101201")
    code = re.search(r"[A-Z0-9]{6}-[A-Z0-9]{12}", admin("issue-code", "--username", "wang"))
    assert code is not None

    device_path = tmp_path / "laptop.db"
    shutil.copyfile(template_database, device_path)
    with Database.open(device_path, PASSPHRASE) as db, db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET device_id = :id"), {"id": str(uuid.uuid4())})
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    db_arg = ["--db", str(device_path)]

    from yulu_desktop.server.db import ServerDatabase

    server_db = ServerDatabase(url)
    with LiveServer(create_app(db=server_db)) as server_url:
        assert _yulu([*db_arg, "sync", "enroll", "--server", server_url, "--code", code.group(0)]) == 0
        assert "三岔村" in capsys.readouterr().out
        assert _yulu([*db_arg, "sync", "run", "--quiet"]) == 0
        assert "本机待发送 0 条" in capsys.readouterr().out
        assert httpx.get(f"{server_url}/openapi.json").json()["paths"]["/v1/push"]
    server_db.dispose()
    assert _yulu([*db_arg, "sync", "status"]) == 0
    status = capsys.readouterr().out
    assert "王书记" in status
    assert "待发送变更：0 条" in status
    assert _yulu([*db_arg, "conflicts", "list"]) == 0
    assert "没有待处理的冲突" in capsys.readouterr().out
    devices = admin("devices")
    assert "王书记" in devices
    assert "从未同步" not in devices
    assert '"records.org_unit": 3' in admin("stats")
