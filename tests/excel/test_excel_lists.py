"""The three lists: export, edit in Excel, read back; only what the user changed comes back as a change."""

from __future__ import annotations

import datetime as dt
import uuid
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.domain.validation import luhn_check_digit
from yulu_desktop.excel.lists import (
    GRADUATE_COLUMNS,
    INTENT_COLUMNS,
    KEY_HEADER,
    LIST_COLUMNS,
    STUDENT_COLUMNS,
    parse_list,
    write_list,
)

TODAY = dt.date(2025, 6, 1)
ACCOUNT = "621700123456789012" + luhn_check_digit("621700123456789012")


def student(xl: Any, n: int) -> dict[str, Any]:
    return {
        "county": "城口县",
        "township": "庙坝镇",
        "village": "红岩村",
        "household_no": "H001",
        "name": f"学生{n}",
        "id_number": xl.person_id(2006, 30 + n),
        "sex": "M",
        "birth_date": dt.date(2006, 3, 4),
        "school_year": "2025-2026",
        "semester": "autumn",
        "school_name": "重庆三峡职业学院",
        "school_type": "higher_vocational",
        "major": "电子商务技术",
        "length_years": 3,
        "entry_date": dt.date(2025, 9, 1),
        "grade": "2025级",
        "registry_no": f"G50022920060304{n:04d}",
        "registry_status": "enrolled",
        "payee_name": "张三",
        "payee_bank": "重庆农商行",
        "payee_account": ACCOUNT,
        "phone": "13800138000",
        "record_id": str(uuid.UUID(int=n)),
    }


def export(tmp_path: Path, xl: Any, *, mask: bool = False, n: int = 3) -> Path:
    path = tmp_path / "students.xlsx"
    write_list(path, "students", [student(xl, i) for i in range(1, n + 1)], mask=mask, title="在读学生清单")
    return path


def edit(path: Path, changes: dict[tuple[int, str], Any]) -> None:
    """Change cells by (Excel row, header)."""
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    for (row, name), value in changes.items():
        ws.cell(row, header.index(name) + 1).value = value
    wb.save(path)


def test_specs_are_consistent() -> None:
    for columns in LIST_COLUMNS.values():
        fields = [c.field for c in columns]
        assert len(fields) == len(set(fields))
        assert columns[-1].header == KEY_HEADER
        assert columns[-1].hidden
        for column in columns:
            assert (column.kind == "code") == (column.codes is not None), column
    assert {c.kind for c in STUDENT_COLUMNS} >= {"id", "date", "int", "account", "phone", "code", "text"}
    assert any(c.kind == "money" for c in GRADUATE_COLUMNS)
    assert any(c.kind == "bool" for c in INTENT_COLUMNS)


def test_round_trip_without_edits_gives_back_the_stored_values(tmp_path: Path, xl: Any) -> None:
    path = export(tmp_path, xl)
    result = parse_list(path, "students", today=TODAY)
    assert result.ok, result.report()
    assert result.header_row == 2
    assert len(result.rows) == 3
    row = result.rows[0]
    expected = student(xl, 1)
    assert row.key == expected["record_id"]
    for field, value in row.values.items():
        assert value == expected[field], field
    assert "sex" not in row.values  # derived from the ID number, never imported
    assert "birth_date" not in row.values


def test_edited_cells_come_back_changed(tmp_path: Path, xl: Any) -> None:
    path = export(tmp_path, xl)
    edit(
        path,
        {
            (3, "专业"): "物流管理",
            (4, "学期"): "春季学期",
            (4, "入学时间"): "2024/9/1",
            (5, "学制（年）"): "5",
            (5, "开户行"): None,
        },
    )
    result = parse_list(path, "students", today=TODAY)
    assert result.ok, result.report()
    by_key = {r.key: r.values for r in result.rows}
    original = {k: student(xl, i) for i, k in enumerate([None, *by_key], start=0) if k}
    changed = {
        key: {f: v for f, v in values.items() if v != original[key][f]} for key, values in by_key.items()
    }
    assert changed == {
        str(uuid.UUID(int=1)): {"major": "物流管理"},
        str(uuid.UUID(int=2)): {"semester": "spring", "entry_date": dt.date(2024, 9, 1)},
        str(uuid.UUID(int=3)): {"length_years": 5, "payee_bank": None},
    }


def test_masked_cells_mean_unchanged(tmp_path: Path, xl: Any) -> None:
    path = export(tmp_path, xl, mask=True)
    edit(path, {(3, "联系电话"): "13912345678"})
    result = parse_list(path, "students", today=TODAY)
    assert result.ok, result.report()
    first, second = result.rows[0], result.rows[1]
    assert first.values["phone"] == "13912345678"
    assert set(first.masked) == {"id_number", "payee_account", "registry_no"}
    assert set(second.masked) == {"id_number", "payee_account", "phone", "registry_no"}
    assert "id_number" not in second.values


def test_deleted_column_is_not_a_cleared_column(tmp_path: Path, xl: Any) -> None:
    path = export(tmp_path, xl)
    wb = load_workbook(path)
    ws = wb.active
    ws.delete_cols([c.value for c in ws[2]].index("专业") + 1)
    wb.save(path)
    result = parse_list(path, "students", today=TODAY)
    assert result.ok, result.report()
    assert "major" not in result.rows[0].values
    assert "major" not in result.column_letters


def test_new_row_without_key_and_bad_rows(tmp_path: Path, xl: Any) -> None:
    path = export(tmp_path, xl)
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    new = [None] * len(header)
    new[header.index("姓名")] = "新同学"
    new[header.index("身份证号")] = xl.person_id(2007, 55)
    new[header.index("学年")] = "2025-2026"
    new[header.index("学期")] = "秋季学期"
    new[header.index("学校名称")] = "重庆工程职业学院"
    new[header.index("学校类型")] = "高职院校"
    ws.append(new)  # row 6
    ws.cell(3, header.index("记录编号") + 1).value = "乱写的"
    ws.cell(4, header.index("学校类型") + 1).value = "大学"
    ws.cell(5, header.index("学校名称") + 1).value = None
    ws.cell(5, header.index("一卡通（折）账号") + 1).value = 6.21700123456789e18
    wb.save(path)
    result = parse_list(path, "students", today=TODAY)
    assert [r.row_number for r in result.rows] == [6]
    assert result.rows[0].key is None
    assert result.rows[0].values["school_type"] == "higher_vocational"
    text = result.report()
    assert "第3行，记录编号（W列）：“乱写的”不是有效的记录编号" in text
    assert "第4行，学校类型（L列）：“大学”不是有效的学校类型" in text
    assert "第5行，学校名称（K列）：学校名称不能为空" in text
    assert "第5行，一卡通（折）账号（U列）：账号被 Excel 存成了数字" in text


def test_copied_row_with_the_same_key(tmp_path: Path, xl: Any) -> None:
    path = export(tmp_path, xl)
    wb = load_workbook(path)
    ws = wb.active
    ws.append([c.value for c in ws[3]])  # row 6 copies row 3, key included
    wb.save(path)
    result = parse_list(path, "students", today=TODAY)
    assert [r.row_number for r in result.rejected] == [3, 6]
    assert "与第3行的记录编号相同" in result.report()
    assert "与第6行的记录编号相同" in result.report()


def test_missing_name_column(tmp_path: Path, xl: Any) -> None:
    path = xl.book([["身份证号", "学校名称"], [xl.person_id(2006, 1), "x"]])
    with pytest.raises(ValidationFailed, match="缺少“姓名”列"):
        parse_list(path, "students", today=TODAY)


def test_other_lists_round_trip(tmp_path: Path, xl: Any) -> None:
    intent = {
        "name": "李华",
        "id_number": xl.person_id(2009, 41),
        "wants_vocational": True,
        "desired_school_type": "zhongzhuan",
        "desired_school": "山西省畜牧兽医学校",
        "expected_year": 2025,
        "wants_employment_help": False,
        "recorded_on": dt.date(2025, 3, 2),
        "record_id": str(uuid.UUID(int=7)),
    }
    graduate = {
        "name": "王强",
        "id_number": xl.person_id(2002, 43),
        "effective_date": dt.date(2024, 7, 1),
        "destination": "employed",
        "employer": "重庆欣乐美义齿公司",
        "channel": "school_enterprise",
        "monthly_income_fen": 500000,
        "matches_major": True,
        "record_id": str(uuid.UUID(int=8)),
    }
    for kind, record in (("intent", intent), ("graduates", graduate)):
        path = tmp_path / f"{kind}.xlsx"
        write_list(path, kind, [record], mask=False)  # type: ignore[arg-type]
        result = parse_list(path, kind, today=TODAY)  # type: ignore[arg-type]
        assert result.ok, result.report()
        (row,) = result.rows
        assert row.key == record["record_id"]
        for field, value in record.items():
            if field != "record_id":
                assert row.values[field] == value, field
