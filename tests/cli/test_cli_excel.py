"""``yulu import / export / reconcile``: exit codes, the Chinese problem list with row and column, files written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from yulu_desktop.cli.main import main
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"  # the template database of tests/conftest.py


@pytest.fixture
def db_file(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    return db_path


def count(db_file: Path, table: str) -> int:
    with Database.open(db_file, PASSPHRASE) as db, db.read_connection() as conn:
        return int(conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar_one())


def yulu(db_file: Path, *args: str) -> int:
    return main(["--db", str(db_file), *args])


def test_import_dry_run_then_import(db_file: Path, xl: Any, capsys: pytest.CaptureFixture[str]) -> None:
    path = xl.national(xl.standard_rows())
    assert yulu(db_file, "import", str(path), "--kind", "national", "--dry-run") == 0
    out = capsys.readouterr().out
    assert "试导入" in out and "新增 5 人" in out
    assert count(db_file, "person") == 0
    assert yulu(db_file, "import", str(path), "--kind", "national", "--actor", "李明") == 0
    assert "已导入：新增 5 人" in capsys.readouterr().out
    assert count(db_file, "person") == 5
    journal = count(db_file, "change_journal")
    assert yulu(db_file, "import", str(path), "--kind", "national") == 0
    assert "未变 5 人" in capsys.readouterr().out
    assert count(db_file, "change_journal") == journal


def test_rejected_rows_exit_non_zero_with_row_and_column(
    db_file: Path, xl: Any, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rows = xl.standard_rows()
    rows[2][7] = 5.00229200603043e17  # 证件号码 of row 5 turned into a number by Excel
    path = xl.national(rows)
    assert yulu(db_file, "import", str(path), "--kind", "national") == 1
    captured = capsys.readouterr()
    assert "第5行，证件号码（H列）" in captured.err and "5.00229E+17" in captured.err
    assert "未导入任何数据" in captured.out and "--skip-invalid" in captured.out
    assert count(db_file, "person") == 0

    rejected = tmp_path / "bad.xlsx"
    code = yulu(
        db_file, "import", str(path), "--kind", "national", "--skip-invalid", "--rejected", str(rejected)
    )
    assert code == 1  # something was rejected, even though the rest went in
    assert count(db_file, "person") == 4
    assert "已写入" in capsys.readouterr().out
    wb = load_workbook(rejected)
    assert wb.active.cell(2, wb.active.max_column).value == 5  # 原表行号
    wb.close()


def test_problem_list_is_capped(db_file: Path, xl: Any, capsys: pytest.CaptureFixture[str]) -> None:
    rows = [xl.national_row(户编号=f"H{i}", 人编号=f"P{i}", 证件号码="bad") for i in range(30)]
    assert yulu(db_file, "import", str(xl.national(rows)), "--kind", "national", "--limit", "5") == 1
    err = capsys.readouterr().err
    assert err.count("第") >= 5 and "……另有" in err


def test_unreadable_file_is_an_error_message(
    db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"%PDF-1.4")
    assert yulu(db_file, "import", str(path), "--kind", "national") == 1
    assert "PDF" in capsys.readouterr().err


def test_export_and_reimport_list(
    db_file: Path, xl: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert yulu(db_file, "import", str(xl.national(xl.standard_rows())), "--kind", "national") == 0
    out = tmp_path / "students.xlsx"
    assert yulu(db_file, "export", "students", "-o", str(out)) == 0
    assert "已导出 0 行" in capsys.readouterr().out
    assert out.exists()
    assert yulu(db_file, "export", "intent", "--full", "-o", str(out)) == 1  # not enrolled: a village cadre
    assert "无权导出完整" in capsys.readouterr().err
    with Database.open(db_file, PASSPHRASE) as db, db.write_connection() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'wx', '王县', 'county') "
            "ON CONFLICT (id) DO UPDATE SET cadre_username = 'wx', cadre_name = '王县', cadre_role = 'county'"
        )
    assert yulu(db_file, "export", "intent", "--full", "-o", str(out)) == 1
    assert "须填写理由" in capsys.readouterr().err
    assert yulu(db_file, "export", "intent", "--full", "--reason", "一卡通发放核对", "-o", str(out)) == 0
    assert "审计日志" in capsys.readouterr().out
    assert yulu(db_file, "import", str(out), "--kind", "intent") == 0
    assert yulu(db_file, "export", "intent", "--village", "nope", "-o", str(out)) == 1
    assert "找不到" in capsys.readouterr().err


def test_reconcile_writes_a_report(
    db_file: Path, xl: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert yulu(db_file, "import", str(xl.national(xl.standard_rows())), "--kind", "national") == 0
    rows = xl.standard_rows()[:4]  # 王丽 is missing from the newer export
    report = tmp_path / "report.xlsx"
    assert yulu(db_file, "reconcile", str(xl.national(rows)), "-o", str(report)) == 0
    out = capsys.readouterr().out
    assert "仅在雨露 1 人" in out
    wb = load_workbook(report)
    assert "仅在雨露" in wb.sheetnames
    assert wb["仅在雨露"].cell(3, 4).value == "王丽"
    wb.close()
