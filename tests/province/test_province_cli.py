"""``yulu-province`` (``province.cli.main``): every command, its Chinese output and its errors (exit status 1 with
a message saying what is wrong, never a traceback)."""

from __future__ import annotations

import json
import stat
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from province_rows import insert_row

from yulu_desktop.province import cli
from yulu_desktop.province.counties import create_partitions
from yulu_desktop.province.db import PROVINCE_DB_ENV, ProvinceDatabase

pytestmark = pytest.mark.postgres

A, B = "500229", "500238"
SHARED_HASH = "p1:" + "a" * 32


def _county(db: ProvinceDatabase, code: str, name: str, *, heartbeat: datetime | None = None) -> None:
    create_partitions(db, code=code, name=name)
    insert_row(
        db, "prov_unit", county_code=code, id="t", code=code + "101", name=f"{name[:2]}镇", level="township"
    )
    insert_row(db, "prov_unit", county_code=code, id="v", code=code + "101201", name=f"{name[:2]}村", level="village",
            parent_id="t")  # fmt: skip
    insert_row(
        db, "prov_household", county_code=code, id="h1", household_no=f"{code}101201001", village_id="v"
    )
    insert_row(db, "prov_person", county_code=code, id="p1", household_id="h1", village_id="v", name="张三",
            id_hash=SHARED_HASH, id_masked="500229********001X")  # fmt: skip
    insert_row(db, "prov_subsidy", county_code=code, id="s1", person_id="p1", term="2025-autumn", amount_fen=150000,
            state="paid")  # fmt: skip
    if heartbeat is not None:
        insert_row(db, "prov_feed_state", county_code=code, county_name=name, feed_version=1, last_seq=77,
                heartbeat_at=heartbeat, people=1)  # fmt: skip


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_migrate_from_the_option_or_the_environment(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, _ = run(capsys, "--database-url", pg_url, "migrate")
    assert code == 0 and "p0002" in out
    monkeypatch.setenv(PROVINCE_DB_ENV, pg_url)
    code, out, _ = run(capsys, "migrate")
    assert code == 0 and "最新版本" in out


def test_without_a_database_or_with_the_wrong_one(
    pg_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(PROVINCE_DB_ENV, raising=False)
    code, _, err = run(capsys, "status")
    assert code == 1 and "没有指定省级数据库" in err and PROVINCE_DB_ENV in err
    code, _, err = run(capsys, "--database-url", "sqlite:///x.db", "stats")
    assert code == 1 and "只能是 PostgreSQL" in err
    code, _, err = run(capsys, "--database-url", pg_url, "status")  # not migrated yet
    assert code == 1 and "yulu-province migrate" in err and "Traceback" not in err
    closed = "postgresql://postgres@127.0.0.1:1/test"
    code, _, err = run(capsys, "--database-url", closed, "checks")
    assert code == 1 and "无法连接省级数据库" in err


def test_make_key_writes_a_private_key_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "province-key.json"
    code, out, _ = run(capsys, "make-key", "--out", str(target))
    assert code == 0 and "yulu-server admin province join --key-file province-key.json" in out
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    before = target.read_bytes()
    code, _, err = run(capsys, "make-key", "--out", str(target))
    assert code == 1 and "省级密钥" in err
    assert target.read_bytes() == before  # never replaced: every hash sent to the province depends on it


def test_add_and_drop_county(
    province: ProvinceDatabase, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        capsys, "--database-url", pg_url, "add-county", "--code", A, "--name", "城口县",
        "--conninfo", "host=127.0.0.1 port=1 dbname=yulu user=postgres password=pw connect_timeout=5",
    )  # fmt: skip
    assert code == 1 and "无法订阅县 500229（城口县）" in err and "password=pw" not in err
    code, _, err = run(capsys, "--database-url", pg_url, "add-county", "--code", "5002", "--name", "城口县",
                       "--conninfo", "host=x")  # fmt: skip
    assert code == 1 and "6 位数字" in err
    code, _, err = run(capsys, "--database-url", pg_url, "drop-county", "--code", A)
    assert code == 1 and "没有添加" in err
    create_partitions(province, code=A, name="城口县")
    code, out, _ = run(capsys, "--database-url", pg_url, "drop-county", "--code", A, "--drop-data")
    assert code == 0 and "数据已删除" in out


def test_status_shows_each_county_lag_and_heartbeat(
    province: ProvinceDatabase, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--database-url", pg_url, "status")
    assert code == 0 and "还没有添加县" in out
    _county(province, A, "城口县", heartbeat=datetime.now(UTC) - timedelta(minutes=3, seconds=5))
    _county(province, B, "巫溪县")
    code, out, _ = run(capsys, "--database-url", pg_url, "status")
    header, chengkou, wuxi = out.splitlines()
    assert header.split() == ["县", "订阅", "延迟", "最近心跳", "错误", "人数", "复制槽"]
    assert chengkou.startswith("500229 城口县") and "已停用或不存在" in chengkou and "3分钟" in chengkou
    assert "应用 0 / 同步 0" in chengkou
    assert wuxi.startswith("500238 巫溪县") and "无心跳" in wuxi
    code, out, _ = run(capsys, "--database-url", pg_url, "status", "--json")
    lines = json.loads(out)
    assert [x["code"] for x in lines] == [A, B]
    assert lines[0]["last_seq"] == 77 and 180 <= lines[0]["lag_seconds"] < 3600
    assert lines[1]["heartbeat_at"] is None


def test_lag_text() -> None:
    assert [cli.lag_text(s) for s in (None, 5.9, 61, 3 * 3600 + 12 * 60, 2 * 86400 + 4 * 3600)] == [
        "无心跳",
        "5秒",
        "1分钟",
        "3小时12分",
        "2天4小时",
    ]


def test_checks_print_export_and_filter(
    province: ProvinceDatabase, pg_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--database-url", pg_url, "checks")
    assert code == 0 and "没有发现跨县问题" in out
    _county(province, A, "城口县")
    _county(province, B, "巫溪县")
    code, out, _ = run(capsys, "--database-url", pg_url, "checks", "--kind", "double_subsidy")
    assert code == 0
    assert "1. 【重复补助】2025年秋季学期同一学生（500229********001X）在 2 个县获批补助" in out
    assert (
        "   - 城口县城口镇城口村 户 500229101201001 张三 500229********001X：2025年秋季学期 已发放 1500.00元"
        in out
    )
    assert "   - 巫溪县巫溪镇巫溪村 户 500238101201001" in out
    assert out.rstrip().endswith("共 1 条。")
    code, out, _ = run(capsys, "--database-url", pg_url, "checks", "--kind", "重复登记", "--county", B)
    assert code == 0 and "【重复登记】" in out and "【重复补助】" not in out
    code, _, err = run(capsys, "--database-url", pg_url, "checks", "--kind", "nonsense")
    assert code == 1 and "没有这种核查" in err and "double_subsidy（重复补助）" in err

    target = tmp_path / "跨县核查.xlsx"
    code, out, _ = run(capsys, "--database-url", pg_url, "checks", "--xlsx", str(target))
    assert code == 0 and f"到 {target}" in out
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["重复登记", "重复补助", "跨县迁户", "去向不一致"]  # one sheet per kind
    sheets = {name: [[c.value for c in r] for r in book[name].iter_rows()] for name in book.sheetnames}
    header = sheets["重复补助"][1]
    assert header[:5] == ["序号", "学期", "情况", "县代码", "县"]
    county, term = header.index("县"), header.index("学期")
    for name in ("重复补助", "重复登记"):  # a line per county of each finding
        assert len(sheets[name][2:]) == 2 and {r[county] for r in sheets[name][2:]} == {"城口县", "巫溪县"}
    assert {r[term] for r in sheets["重复补助"][2:]} == {"2025年秋季学期"}
    masked = header.index("身份证号（脱敏）")
    assert all(
        r[masked] == "500229********001X" for name in ("重复补助", "重复登记") for r in sheets[name][2:]
    )


def test_stats_table_and_json(
    province: ProvinceDatabase, pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _county(province, A, "城口县")
    _county(province, B, "巫溪县")
    code, out, _ = run(capsys, "--database-url", pg_url, "stats", "--term", "2025-autumn")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "雨露计划 全省统计 · 毕业生：全部毕业年份 · 补助：2025年秋季学期"
    assert lines[-1].split()[0] == "全省" and lines[-1].split()[-2:] == ["3,000.00", "0"]
    code, out, _ = run(capsys, "--database-url", pg_url, "stats", "--year", "2025", "--json")
    data = json.loads(out)
    assert data["graduation_year"] == 2025 and data["term"] is None
    assert [c["code"] for c in data["counties"]] == [A, B]
    assert data["total"]["paid_fen"] == 300000 and data["total"]["name"] == "全省"
    code, _, err = run(capsys, "--database-url", pg_url, "stats", "--term", "秋季")
    assert code == 1 and "2025-autumn" in err


def test_serve_runs_the_web_page_with_the_token(
    province: ProvinceDatabase,
    pg_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    started: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.append({"app": app, **kw}))
    token = tmp_path / "token.txt"
    token.write_text("short\n", encoding="utf-8")
    code, _, err = run(capsys, "--database-url", pg_url, "serve", "--token-file", str(token))
    assert code == 1 and "口令" in err and not started
    token.write_text("a-long-enough-province-token\n", encoding="utf-8")
    code, _, _ = run(capsys, "--database-url", pg_url, "serve", "--token-file", str(token), "--port", "8471")
    assert code == 0
    (call,) = started
    assert (call["host"], call["port"]) == ("127.0.0.1", 8471)
    assert type(call["app"]).__name__ == "FastAPI"
