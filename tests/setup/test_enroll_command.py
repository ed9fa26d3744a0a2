"""``yulu sync enroll`` connects a laptop as the app's 连接县服务器 does: the county's data is downloaded and the
laptop's own org units are matched to the county's before anything is sent; a cut download is resumed without a
code, and ``yulu sync run`` sends nothing until then."""

from __future__ import annotations

import argparse
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select
from sync_helpers import PASSPHRASE, County

from yulu_desktop.cli import sync_commands
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.server import admin
from yulu_desktop.server.models import Record
from yulu_desktop.services.demo import generate_demo
from yulu_desktop.store.database import Database
from yulu_desktop.sync import enrollment
from yulu_desktop.sync.client import SyncClient


def _yulu(laptop_path: Path, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="yulu")
    parser.add_argument("--db")
    sync_commands.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["--db", str(laptop_path), *argv])
    return int(args.func(args))


def _server_households(county: County) -> int:
    with county.db.read() as session:
        query = select(func.count()).select_from(Record).where(Record.entity == "household", ~Record.deleted)
        return int(session.scalar(query) or 0)


def _households(laptop: Database) -> int:
    with laptop.read_connection() as conn:
        return int(conn.exec_driver_sql("SELECT count(*) FROM household").scalar_one())


@pytest.fixture(autouse=True)
def _passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)


def test_enroll_matches_the_laptops_own_units_before_anything_is_sent(
    county: County, laptop: Database, laptop_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Demo data under units of its own (城口县 › 庙坝镇 › 红岩村 with the demo's codes): after ``yulu sync enroll``
    they are the county's units, and ``yulu sync run`` brings every household to the county (not to its
    quarantine, where data under units the county does not know goes)."""
    generate_demo(laptop, households=10, seed=3)
    code = admin.issue_code(county.db, username="hongyan")
    assert _yulu(laptop_path, "sync", "enroll", "--server", county.url, "--code", code) == 0
    out = capsys.readouterr().out
    assert "管辖范围 红岩村" in out and "对应到县里的 3 个" in out
    assert _yulu(laptop_path, "sync", "run", "--quiet") == 0
    assert _server_households(county) == _households(laptop)
    with pytest.raises(YuluError, match="不需要再注册"):
        _yulu(laptop_path, "sync", "enroll", "--server", county.url, "--code", code)


def test_a_cut_download_is_resumed_by_enroll_and_run_waits_for_it(
    county: County,
    laptop: Database,
    laptop_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The line drops after the code was used: ``yulu sync run`` refuses to send (and sends nothing), and
    ``yulu sync enroll`` with no code resumes the download, matches the units, and then everything is sent."""
    generate_demo(laptop, households=10, seed=4)
    real_fetch = SyncClient._post_signed
    cut = {"on": True}

    def post(self: SyncClient, path: str, *args: object, **kwargs: object) -> object:
        if cut["on"] and path == "/v1/pull":
            raise httpx.ConnectError("the line dropped")
        return real_fetch(self, path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SyncClient, "_post_signed", post)
    code = admin.issue_code(county.db, username="hongyan")
    with pytest.raises(enrollment.DownloadUnfinished, match="不需要新的注册码"):
        _yulu(laptop_path, "sync", "enroll", "--server", county.url, "--code", code)
    with pytest.raises(YuluError, match="yulu sync enroll 继续下载"):
        _yulu(laptop_path, "sync", "run", "--quiet")
    assert _server_households(county) == 0

    cut["on"] = False
    capsys.readouterr()
    assert _yulu(laptop_path, "sync", "enroll") == 0
    out = capsys.readouterr().out
    assert "继续下载" in out and "对应到县里的 3 个" in out
    assert _yulu(laptop_path, "sync", "run", "--quiet") == 0
    assert _server_households(county) == _households(laptop)


def test_enroll_lists_the_units_it_could_not_match_and_run_waits_for_them(
    county: County,
    laptop: Database,
    laptop_path: Path,
    national_file: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """A national export with a village the county does not have (新村): ``yulu sync enroll`` matches the rest,
    names 新村 with its households and exits 1; ``yulu sync run`` then sends nothing, so nothing goes to the
    county's quarantine under a unit it does not know."""
    import datetime as dt

    from yulu_desktop.services import excel_import

    excel_import.import_national(laptop, national_file, actor="测试员", today=dt.date(2025, 6, 1))
    code = admin.issue_code(county.db, username="hongyan")
    assert _yulu(laptop_path, "sync", "enroll", "--server", county.url, "--code", code) == 1
    out = capsys.readouterr().out
    assert "找不到对应的县里区划" in out and "新村（1 户）" in out
    with pytest.raises(YuluError, match="yulu sync enroll 继续下载"):
        _yulu(laptop_path, "sync", "run", "--quiet")
    assert _server_households(county) == 0
