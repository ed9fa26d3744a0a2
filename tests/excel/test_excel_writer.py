"""Writing .xlsx: headers, frozen pane, widths, text-formatted identifiers, real dates, atomic replace, and the
rejected-rows file that can be fixed and imported again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from yulu_desktop.excel.national import parse_national
from yulu_desktop.excel.writer import Column, write_rejected, write_xlsx

TODAY = dt.date(2025, 6, 1)

COLUMNS = [
    Column("name", "姓名", width=10),
    Column("id_number", "身份证号", width=21, kind="id"),
    Column("phone", "联系电话", width=14, kind="phone"),
    Column("account", "账号", width=24, kind="account"),
    Column("registry_no", "学籍号", width=22),
    Column("entry_date", "入学时间", width=12, kind="date"),
    Column("amount", "补助金额", width=10, kind="money"),
    Column("years", "学制", width=6, kind="int"),
    Column("key", "记录编号", width=38, hidden=True),
]


def record(xl: Any) -> dict[str, Any]:
    return {
        "name": "张小明",
        "id_number": xl.person_id(2006, 33),
        "phone": "13800138000",
        "account": "6217001234567890123",
        "registry_no": "G500229200603041234",
        "entry_date": dt.date(2024, 9, 1),
        "amount": 150000,
        "years": 3,
        "key": "6f1c2a4e-8d9b-4c1e-9f0a-1b2c3d4e5f60",
    }


def test_layout_formats_and_values(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "out.xlsx"
    assert write_xlsx(path, COLUMNS, [record(xl)], mask=False, sheet_name="在读学生") == 1
    wb = load_workbook(path)
    ws = wb["在读学生"]
    assert ws.freeze_panes == "A2"
    assert [c.value for c in ws[1]] == [c.header for c in COLUMNS]
    assert ws[1][0].font.b
    assert ws.column_dimensions["B"].width == 21
    assert ws.column_dimensions["I"].hidden
    row = ws[2]
    assert row[1].value == xl.person_id(2006, 33)
    assert row[1].data_type == "s"
    assert row[1].number_format == "@"
    assert row[2].number_format == "@"
    assert row[3].number_format == "@"
    assert row[4].number_format == "@"
    assert row[3].value == "6217001234567890123"
    assert isinstance(row[5].value, dt.datetime)
    assert row[5].value.date() == dt.date(2024, 9, 1)
    assert row[5].is_date
    assert row[5].number_format == "yyyy-mm-dd"
    assert row[6].value == 1500
    assert row[7].value == 3
    wb.close()


def test_masked_by_default(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(path, COLUMNS, [record(xl)])
    wb = load_workbook(path, read_only=True)
    values = next(wb.active.iter_rows(min_row=2, values_only=True))
    assert values[1] == xl.person_id(2006, 33)[:6] + "********" + xl.person_id(2006, 33)[14:]
    assert values[2] == "138****8000"
    assert values[3] == "****0123"
    assert values[0] == "张小明"
    wb.close()


def test_mask_selected_fields_only(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(path, COLUMNS, [record(xl)], mask={"phone"})
    wb = load_workbook(path, read_only=True)
    values = next(wb.active.iter_rows(min_row=2, values_only=True))
    assert values[1] == xl.person_id(2006, 33)
    assert values[2] == "138****8000"
    wb.close()


def test_title_row_moves_the_frozen_pane(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "out.xlsx"
    write_xlsx(path, COLUMNS, [record(xl)], title="雨露计划在读学生清单", mask=False)
    wb = load_workbook(path)
    ws = wb.active
    assert ws["A1"].value == "雨露计划在读学生清单"
    assert ws.freeze_panes == "A3"
    assert ws["A2"].value == "姓名"
    wb.close()


def test_failed_export_leaves_the_old_file_and_no_temporary(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "out.xlsx"
    path.write_bytes(b"old")

    def rows() -> Iterator[dict[str, Any]]:
        yield record(xl)
        raise KeyboardInterrupt  # the user cancelled

    with pytest.raises(KeyboardInterrupt):
        write_xlsx(path, COLUMNS, rows())
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.xlsx"]


def test_progress_is_reported(tmp_path: Path) -> None:
    seen: list[int] = []
    write_xlsx(
        tmp_path / "p.xlsx", COLUMNS[:1], ({"name": str(i)} for i in range(2500)), progress=seen.append
    )
    assert seen == [1000, 2000, 2500]


def test_rejected_rows_round_trip(tmp_path: Path, xl: Any) -> None:
    rows = xl.standard_rows()
    good_id = rows[1][7]
    rows[1][7] = float(good_id)  # Excel lost digits
    rows[2][4] = None  # no 户编号
    source = xl.national(rows)
    parsed = parse_national(source, today=TODAY)
    assert [r.row_number for r in parsed.rejected] == [4, 5]

    out = tmp_path / "rejected.xlsx"
    assert write_rejected(out, parsed.headers, parsed.rejected) == 2
    wb = load_workbook(out)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[: len(parsed.headers)] == list(parsed.headers)
    assert header[-2:] == ["错误原因", "原表行号"]
    assert ws.freeze_panes == "A2"
    id_col = header.index("证件号码") + 1
    assert ws.cell(2, id_col).number_format == "@"
    assert "存成了数字" in ws.cell(2, len(header) - 1).value
    assert ws.cell(3, len(header)).value == 5
    assert isinstance(ws.cell(2, header.index("风险识别时间") + 1).value, dt.datetime)

    # The user fixes both rows in Excel and imports the file again.
    ws.cell(2, id_col).value = good_id
    ws.cell(3, header.index("户编号") + 1).value = "H001"
    wb.save(out)
    alone = parse_national(out, today=TODAY)
    assert "没有与户主关系为“本人”的户主" in alone.report()  # H001's head is not in this file
    again = parse_national(out, today=TODAY, known_households={"H001"})  # …but it is in Yulu already
    assert again.ok, again.report()
    assert [r.id_number for r in again.rows] == [good_id, xl.person_id(2006, 33)]
    assert again.rows[0].risk_identified_on == dt.date(2023, 5, 1)


def test_missing_folder(tmp_path: Path) -> None:
    from yulu_desktop.domain.errors import YuluError

    with pytest.raises(YuluError, match="不存在"):
        write_xlsx(tmp_path / "nope" / "x.xlsx", COLUMNS, [])
