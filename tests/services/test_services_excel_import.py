"""Importing the national export and edited lists: validation with row and column, all-or-nothing, skip-invalid
with a re-importable rejected file, dry runs, no-op re-import, field-level changes through the journal, cancel."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import excel_import as xi
from yulu_desktop.services.tasks import Cancelled, CancelToken
from yulu_desktop.store.database import Database

TODAY = dt.date(2025, 6, 1)
HEADER: Sequence[str] = ()  # filled from the xl fixture


def counts(db: Database) -> dict[str, int]:
    with db.read_connection() as conn:
        return {
            t: int(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one())
            for t in ("org_unit", "household", "person", "change_journal", "audit_log")
        }


def journal_after(db: Database, seq: int) -> list[tuple[str, str, dict[str, Any]]]:
    with db.read_connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT entity, op, changes FROM change_journal WHERE seq > ? ORDER BY seq", (seq,)
        ).fetchall()
    return [(e, op, json.loads(c)) for e, op, c in rows]


def last_seq(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_journal").scalar_one())


def col(xl: Any, name: str) -> int:
    return list(xl.NATIONAL_HEADER).index(name)


def run(db: Database, path: Path, **kwargs: Any) -> xi.ImportReport:
    return xi.import_national(db, path, actor="测试员", today=TODAY, **kwargs)


def test_first_import_creates_org_units_households_people(db: Database, xl: Any) -> None:
    report = run(db, xl.national(xl.standard_rows()))
    assert report.applied and report.ok, report.problems()
    assert (report.new, report.changed, report.unchanged) == (5, 0, 0)
    assert (report.households_new, report.org_units_new) == (2, 3)
    after = counts(db)
    assert after["person"] == 5 and after["household"] == 2 and after["org_unit"] == 3
    assert after["audit_log"] == 1
    with db.read_connection() as conn:
        levels = {r[0]: r[1] for r in conn.exec_driver_sql("SELECT name, level FROM org_unit")}
        head = conn.exec_driver_sql(
            "SELECT p.name, p.sex, p.birth_date, h.household_type, h.monitoring_type, h.risk_causes, "
            "h.income_per_capita_fen, h.contact_phone FROM person p JOIN household h ON h.id = p.household_id "
            "WHERE p.person_no = 'P001'"
        ).one()
        action = conn.exec_driver_sql("SELECT action, detail FROM audit_log").one()
    assert levels == {"城口县": "county", "庙坝镇": "township", "红岩村": "village"}
    assert tuple(head) == ("张三", "M", "1970-03-04", "jiance", "unstable", "01", 876543, "13800138000")
    assert action[0] == "import" and "新增 5 人" in action[1]


def test_import_finds_existing_org_units_by_name(db: Database, xl: Any, sample_graph: dict[str, Any]) -> None:
    rows = xl.standard_rows()
    for row in rows:
        row[col(xl, "乡")] = None  # the sample has 城口县 → 红岩村 directly
    report = run(db, xl.national(rows))
    assert report.applied and report.org_units_new == 0, report.summary()


def test_reimport_of_the_same_file_writes_nothing(db: Database, xl: Any) -> None:
    path = xl.national(xl.standard_rows())
    run(db, path)
    seq = last_seq(db)
    before = counts(db)
    again = run(db, path)
    assert again.applied
    assert (again.new, again.changed, again.unchanged, again.households_changed) == (0, 0, 5, 0)
    assert journal_after(db, seq) == []
    assert counts(db) == before | {"audit_log": before["audit_log"] + 1}


def test_newer_file_changes_exactly_the_changed_fields(db: Database, xl: Any) -> None:
    run(db, xl.national(xl.standard_rows()))
    seq = last_seq(db)
    rows = xl.standard_rows()
    rows[1][col(xl, "联系电话")] = "13900139000"  # 李四's phone
    rows[3][col(xl, "文化程度")] = "高中"  # 王五's education
    rows[3][col(xl, "人均纯收入")] = 9000  # household H002 (王五 is its head)
    report = run(db, xl.national(rows))
    assert (report.new, report.changed, report.unchanged) == (0, 2, 3)
    assert report.households_changed == 1
    entries = journal_after(db, seq)
    changed = sorted((entity, op, tuple(sorted(changes))) for entity, op, changes in entries)
    assert changed == [
        ("household", "U", ("income_per_capita_fen",)),
        ("person", "U", ("education",)),
        ("person", "U", ("phone",)),
    ]
    values = {e[2].get("phone", [None, None])[1] for e in entries} | {
        e[2].get("income_per_capita_fen", [None, None])[1] for e in entries
    }
    assert {"13900139000", 900000} <= values


def test_match_by_id_number_when_person_number_is_missing(db: Database, xl: Any) -> None:
    run(db, xl.national(xl.standard_rows()))
    rows = xl.standard_rows()
    for row in rows:
        row[col(xl, "人编号")] = None
    report = run(db, xl.national(rows))
    assert (report.new, report.unchanged) == (0, 5)
    assert report.changed == 0  # an empty 人编号 never clears the one Yulu holds
    assert counts(db)["person"] == 5


BAD_INPUTS = [
    # (what, cell to spoil, value, expected words in the message, column letter)
    ("bad check character", "证件号码", "50022919700304001X", "校验", "H"),
    ("impossible birth date", "证件号码", "500229197002300011", "出生日期", "H"),
    ("ID turned into a number", "证件号码", 5.00229197003041e17, "5.00229E+17", "H"),
    ("missing household number", "户编号", None, "户编号不能为空", "E"),
    ("missing name", "姓名", None, "姓名不能为空", "G"),
    # Descriptive values no code stands for import the person with a warning: test_import_keeps_people.py.
]


@pytest.mark.parametrize(
    ("what", "header", "value", "words", "letter"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS]
)
def test_every_bad_input_is_reported_with_row_and_column(
    db: Database, xl: Any, what: str, header: str, value: Any, words: str, letter: str
) -> None:
    rows = xl.standard_rows()
    rows[2][col(xl, header)] = value  # 张小明, Excel row 5
    before = counts(db)
    report = run(db, xl.national(rows))
    assert not report.applied
    assert report.rejected >= 1
    text = report.problems()
    assert f"第5行，{header}（{letter}列）" in text, text
    assert words in text, text
    assert counts(db) == before  # all or nothing: not one row, not one journal entry


def test_sheet_level_problems(db: Database, xl: Any) -> None:
    rows = xl.standard_rows()
    rows.append(list(rows[0]))  # 张三 twice (row 8)
    rows[3][col(xl, "户编号")] = "H009"  # 王五 alone in H009 … and H002 loses its head
    report = run(db, xl.national(rows))
    text = report.problems()
    assert "第8行" in text and "同一人" in text
    assert "户编号“H002”" in text and "没有与户主关系为“本人”的户主" in text
    assert not report.applied and counts(db)["person"] == 0


def test_fullwidth_digits_and_lowercase_x_are_fine(db: Database, xl: Any) -> None:
    rows = xl.standard_rows()
    idn = xl.person_id(1970, 11)
    rows[0][col(xl, "证件号码")] = idn.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    lower = next(xl.person_id(1980, s) for s in range(1, 999) if xl.person_id(1980, s).endswith("X"))
    rows[1][col(xl, "证件号码")] = lower.lower()
    report = run(db, xl.national(rows))
    assert report.ok and report.applied, report.problems()
    with db.read_connection() as conn:
        ids = {r[0] for r in conn.exec_driver_sql("SELECT id_number FROM person")}
    assert {idn, lower} <= ids


def test_skip_invalid_imports_the_rest_and_writes_a_reimportable_file(
    db: Database, xl: Any, tmp_path: Path
) -> None:
    rows = xl.standard_rows()
    good_id = rows[2][col(xl, "证件号码")]
    rows[2][col(xl, "证件号码")] = float(good_id)  # Excel lost digits
    rejected_path = tmp_path / "rejected.xlsx"
    report = run(db, xl.national(rows), skip_invalid=True, rejected_path=rejected_path)
    assert report.applied and report.rejected == 1 and report.new == 4
    assert report.rejected_path == rejected_path
    wb = load_workbook(rejected_path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["错误原因", "原表行号"]
    assert "存成了数字" in ws.cell(2, len(header) - 1).value
    ws.cell(2, header.index("证件号码") + 1).value = good_id  # the user fixes the cell
    wb.save(rejected_path)
    again = run(db, rejected_path)
    assert again.applied and again.new == 1 and again.ok, again.problems()
    assert counts(db)["person"] == 5


def test_skip_invalid_defaults_the_rejected_file_next_to_the_source(db: Database, xl: Any) -> None:
    rows = xl.standard_rows()
    rows[4][col(xl, "姓名")] = None
    source = xl.national(rows, name="名单.xlsx")
    report = run(db, source, skip_invalid=True)
    assert report.rejected_path == source.with_name("名单-未导入的行.xlsx")
    assert report.rejected_path.exists()


def test_dry_run_counts_and_writes_nothing(db: Database, xl: Any) -> None:
    run(db, xl.national(xl.standard_rows()))
    before = counts(db)
    rows = xl.standard_rows()
    rows[0][col(xl, "文化程度")] = "小学"
    rows.extend(xl.household("H003", ("P009", "赵六", xl.person_id(1980, 15), "本人")))
    rows[1][col(xl, "姓名")] = None
    report = run(db, xl.national(rows), dry_run=True)
    assert (report.new, report.changed, report.unchanged, report.rejected) == (1, 1, 3, 1)
    assert not report.applied and report.dry_run
    assert "试导入" in report.summary()
    assert counts(db) == before


def test_cancelled_import_writes_nothing(db: Database, xl: Any) -> None:
    rows = [
        r
        for h in range(300)
        for r in xl.household(
            f"H{h:04d}",
            (f"P{h:04d}", "张三", xl.person_id(1950 + h % 50, h % 999 + 1, 1 + h % 12, 1 + h % 28), "本人"),
        )
    ]
    token = CancelToken()
    seen: list[tuple[str, int, int]] = []

    def progress(phase: str, done: int, total: int) -> None:
        seen.append((phase, done, total))
        if phase == "apply":
            token.cancel()

    before = counts(db)
    with pytest.raises(Cancelled):
        run(db, xl.national(rows), progress=progress, cancel=token)
    assert counts(db) == before
    assert any(p == "apply" for p, _, _ in seen)


def test_unreadable_files_get_a_clear_message(db: Database, xl: Any, tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"%PDF-1.4 not a sheet")
    with pytest.raises(YuluError, match="PDF"):
        run(db, path)
    protected = tmp_path / "p.xlsx"
    protected.write_bytes(xl.ole2_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(YuluError, match="密码"):
        run(db, protected)


def test_new_household_needs_a_village(db: Database, xl: Any) -> None:
    rows = xl.standard_rows()
    for row in rows[:3]:
        row[col(xl, "行政村")] = None
    report = run(db, xl.national(rows))
    assert "第3行，行政村（C列）：新的户需要填写行政村" in report.problems()


def test_conflicting_keys_are_refused(db: Database, xl: Any) -> None:
    run(db, xl.national(xl.standard_rows()))
    rows = xl.standard_rows()
    rows[0][col(xl, "人编号")] = "P002"  # 张三's ID with 李四's number …
    rows[1][col(xl, "人编号")] = "P001"
    report = run(db, xl.national(rows))
    assert "两个不同的人" in report.problems()
    assert not report.applied
