"""Spreadsheets made to hurt: a zip bomb is refused quickly with a Chinese message on every import path, and a
formula cell is reported as a formula (not as empty) and written back as text in the rejected-rows file."""

from __future__ import annotations

import datetime as dt
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.excel import national as nat
from yulu_desktop.excel import national_stream as ns
from yulu_desktop.excel import sheets
from yulu_desktop.excel import xlsx_stream as xs
from yulu_desktop.excel.cells import read_text
from yulu_desktop.excel.lists import parse_list, write_list
from yulu_desktop.excel.sheets import Formula, open_sheet
from yulu_desktop.services import excel_export
from yulu_desktop.services import excel_import as xi
from yulu_desktop.store.database import Database

TODAY = dt.date(2025, 6, 1)
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

# --- zip bombs ----------------------------------------------------------------------------------------------


def _rebuild(source: Path, target: Path, sheet_xml: Callable[[zipfile.ZipFile], None]) -> Path:
    """``source`` with its first worksheet replaced by what ``sheet_xml`` writes into the new archive."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                new.writestr(info, old.read(info))
        sheet_xml(new)
    return target


def _workbook(path: Path, header: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(header)
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def bomb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two bombs of 64 MB of sheet XML packed into a few hundred KB: a national export and a student list."""
    folder = tmp_path_factory.mktemp("bombs")
    row = f'<row><c t="inlineStr"><is><t>{"张三" * 8}</t></is></c></row>'.encode()
    chunk = row * ((1 << 20) // len(row) + 1)

    def bomb(archive: zipfile.ZipFile) -> None:
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'<worksheet xmlns="{MAIN}"><sheetData>'.encode())
            written = 0
            while written < 64 << 20:
                out.write(chunk)
                written += len(chunk)
            out.write(b"</sheetData></worksheet>")

    national_header = ["户编号", "人编号", "姓名", "证件号码", "与户主关系"]
    _rebuild(_workbook(folder / "n.xlsx", national_header), folder / "炸弹名单.xlsx", bomb)
    _rebuild(_workbook(folder / "s.xlsx", ["姓名", "身份证号", "学年"]), folder / "炸弹学生.xlsx", bomb)
    return folder


def _refused_quickly(call: Callable[[], object], name: str) -> str:
    started = time.perf_counter()
    with pytest.raises(YuluError) as info:
        result = call()
        if hasattr(result, "__iter__"):
            list(result)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - started
    message = info.value.message
    assert name in message and "压缩炸弹" in message, message
    assert elapsed < 10, f"took {elapsed:.1f}s"
    return message


def test_the_bomb_is_small_on_disk_and_large_inside(bomb_dir: Path) -> None:
    path = bomb_dir / "炸弹名单.xlsx"
    assert path.stat().st_size < 3 << 20
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo("xl/worksheets/sheet1.xml").file_size > 64 << 20


NATIONAL_PATHS: dict[str, Callable[[Path], object]] = {
    "open_sheet": lambda p: open_sheet(p).rows(),
    "scan_national": lambda p: nat.scan_national(p, today=TODAY),
    "parse_national": lambda p: nat.parse_national(p, today=TODAY),
    "stream in this process": lambda p: ns.open_national_stream(p, today=TODAY, parallel=False),
    "stream in a child process": lambda p: ns.open_national_stream(p, today=TODAY, parallel=True),
}


@pytest.mark.parametrize("reader", NATIONAL_PATHS.values(), ids=NATIONAL_PATHS.keys())
def test_a_zip_bomb_is_refused_fast_on_every_reading_path(
    bomb_dir: Path, reader: Callable[[Path], object]
) -> None:
    _refused_quickly(lambda: reader(bomb_dir / "炸弹名单.xlsx"), "炸弹名单.xlsx")


def test_a_zip_bomb_list_is_refused(bomb_dir: Path) -> None:
    message = _refused_quickly(
        lambda: parse_list(bomb_dir / "炸弹学生.xlsx", "students", today=TODAY), "炸弹学生"
    )
    assert "倍" in message


@pytest.mark.parametrize(("kind", "name"), [("national", "炸弹名单.xlsx"), ("students", "炸弹学生.xlsx")])
def test_a_zip_bomb_import_is_refused_and_writes_nothing(
    db: Database, bomb_dir: Path, kind: str, name: str
) -> None:
    _refused_quickly(lambda: xi.import_file(db, bomb_dir / name, kind, actor="测试员", today=TODAY), name)


def test_a_zip_bomb_reconcile_is_refused(db: Database, bomb_dir: Path) -> None:
    _refused_quickly(lambda: excel_export.reconcile(db, bomb_dir / "炸弹名单.xlsx", today=TODAY), "炸弹名单")


def test_the_total_unpacked_size_is_capped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Many members each under the ratio check, together too large (the cap is lowered to keep the file small)."""
    monkeypatch.setattr(sheets, "MAX_UNPACKED_BYTES", 4 << 20)
    source = _workbook(tmp_path / "a.xlsx", ["姓名"])

    def parts(archive: zipfile.ZipFile) -> None:
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>')
        for i in range(5):
            archive.writestr(f"xl/media/pad{i}.bin", b"\0" * (1 << 20))

    path = _rebuild(source, tmp_path / "大.xlsx", parts)
    message = _refused_quickly(lambda: open_sheet(path), "大.xlsx")
    assert "超过上限" in message


def test_the_member_count_is_capped(tmp_path: Path) -> None:
    source = _workbook(tmp_path / "a.xlsx", ["姓名"])

    def parts(archive: zipfile.ZipFile) -> None:
        archive.writestr("xl/worksheets/sheet1.xml", f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>')
        for i in range(sheets.MAX_MEMBERS):
            archive.writestr(f"xl/media/p{i}.bin", b"")

    path = _rebuild(source, tmp_path / "多.xlsx", parts)
    with pytest.raises(YuluError, match=r"多\.xlsx.*内部文件"):
        open_sheet(path)


def test_an_ordinary_workbook_passes_the_archive_check(tmp_path: Path) -> None:
    path = _workbook(tmp_path / "ok.xlsx", ["姓名"])
    sheets.check_archive(path)
    with open_sheet(path) as reader:
        assert list(reader.rows()) == [(1, ("姓名",))]


# --- formulas -----------------------------------------------------------------------------------------------

NATIONAL_HEADER = [
    "县", "乡", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码", "人数", "与户主关系", "民族",
    "文化程度", "在校生状况", "健康状况", "劳动技能", "务工时间（月）", "致贫原因", "人均纯收入", "联系电话",
    "户类型", "监测对象类型", "风险是否消除", "风险识别时间", "风险消除时间",
]  # fmt: skip
FORMULA = '=CONCAT("张","三")'


def _national_with_formula_name(xl: Any) -> Path:
    rows = xl.standard_rows()
    rows[1][NATIONAL_HEADER.index("姓名")] = FORMULA
    return Path(xl.national(rows))


def test_a_formula_without_a_saved_value_is_read_as_its_text(tmp_path: Path) -> None:
    path = tmp_path / "f.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
        rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets>'
            "</workbook>",
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        )
        z.writestr(
            "xl/worksheets/sheet1.xml",
            f'<worksheet xmlns="{MAIN}"><sheetData><row r="1">'
            '<c r="A1"><f>A2&amp;"x"</f></c>'  # no value saved
            '<c r="B1" t="str"><f>A2</f><v></v></c>'  # an empty value saved: still nothing to import
            '<c r="C1" t="str"><f>A2</f><v>李四</v></c>'  # Excel saved what it showed: that is the value
            '<c r="D1"><f t="shared" si="0"/></c>'  # a shared formula's follower has no text of its own
            "</row></sheetData></worksheet>",
        )
    with open_sheet(path) as reader:
        ((_, values),) = list(reader.rows())
    assert values == ('=A2&"x"', "=A2", "李四", "=…")
    assert [isinstance(v, Formula) for v in values] == [True, True, False, True]
    name, issues = read_text(values[0], "name", "姓名")
    assert (
        name is None
        and issues[0].text()
        == '姓名：单元格里是公式（=A2&"x"），不是文字，无法导入。请改为文字（可复制这一列后“选择性粘贴 → 数值”）再导入'
    )


@pytest.mark.parametrize("parallel", [False, True], ids=["here", "child"])
def test_a_formula_name_is_reported_as_a_formula_not_as_empty(xl: Any, parallel: bool) -> None:
    path = _national_with_formula_name(xl)
    with ns.open_national_stream(path, today=TODAY, parallel=parallel) as stream:
        items = list(stream)
    rejected = [i for i in items if isinstance(i, nat.RejectedRow)]
    assert [r.row_number for r in rejected] == [4]
    reason = rejected[0].reason()
    assert '姓名（G列）：单元格里是公式（=CONCAT("张","三")）' in reason and "不能为空" not in reason
    assert rejected[0].values["姓名"] == FORMULA


def test_the_rejected_rows_file_keeps_the_formula_as_text_excel_will_not_run(db: Database, xl: Any) -> None:
    path = _national_with_formula_name(xl)
    report = xi.import_national(db, path, actor="测试员", today=TODAY, skip_invalid=True)
    assert report.rejected == 1 and report.rejected_path is not None
    wb = load_workbook(report.rejected_path)
    ws = wb.active
    assert ws is not None
    header = [c.value for c in ws[1]]
    cell = ws.cell(2, header.index("姓名") + 1)
    assert cell.value == FORMULA and cell.data_type == "s"  # text, not a formula
    assert cell.quotePrefix  # stays text when edited in Excel
    with zipfile.ZipFile(report.rejected_path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "CONCAT" in sheet


def test_a_formula_in_a_list_is_reported_as_a_formula(tmp_path: Path) -> None:
    path = tmp_path / "学生.xlsx"
    write_list(
        path,
        "students",
        [
            {
                "name": "学生一",
                "id_number": "500229200603040315",
                "school_year": "2025-2026",
                "semester": "autumn",
                "school_name": "重庆三峡职业学院",
                "school_type": "higher_vocational",
                "major": "电子商务",
            }
        ],
        mask=False,
    )
    wb = load_workbook(path)
    ws = wb.active
    assert ws is not None
    header = [c.value for c in ws[1]]
    ws.cell(2, header.index("姓名") + 1).value = "=B2"
    ws.cell(2, header.index("专业") + 1).value = "=C2"
    wb.save(path)
    result = parse_list(path, "students", today=TODAY)
    reasons = " ".join(r.reason() for r in result.rejected)
    assert "姓名（E列）：单元格里是公式（=B2）" in reasons and "专业（M列）：单元格里是公式（=C2）" in reasons
    assert "不能为空" not in reasons


def test_text_that_looks_like_a_formula_is_written_with_the_quote_prefix(tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    columns = [xs.SheetColumn("A", 10, False, xs.auto_cell), xs.SheetColumn("B", 10, False, xs.text_cell)]
    xs.write_workbook(path, [xs.SheetSpec("S", columns, [["=1+1", "+86"], ["-", "普通"]])])
    ws = load_workbook(path).active
    assert ws is not None
    assert (ws["A2"].value, ws["A2"].data_type, ws["A2"].quotePrefix) == ("=1+1", "s", True)
    assert (ws["B2"].value, ws["B2"].quotePrefix) == ("+86", True)
    assert not ws["A3"].quotePrefix and not ws["B3"].quotePrefix
    assert ws["B3"].number_format == "@"
