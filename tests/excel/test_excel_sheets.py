"""Opening spreadsheets: every format, and a clear Chinese message for every file that is not one."""

from __future__ import annotations

import codecs
import datetime as dt
import zipfile
from pathlib import Path
from typing import Any

import pytest

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.excel.sheets import is_blank, iter_sheet_rows, open_sheet


def rows_of(path: Path) -> list[tuple[int, tuple[object, ...]]]:
    return list(iter_sheet_rows(path))


def test_xlsx_rows_keep_excel_row_numbers_across_blank_rows(tmp_path: Path, xl: Any) -> None:
    path = xl.book(name="a.xlsx", rows=[["姓名", "日期"], [], ["张三", dt.datetime(2024, 5, 1)], [None, 3]])
    rows = rows_of(path)
    assert [n for n, _ in rows] == [1, 2, 3, 4]
    assert rows[0][1] == ("姓名", "日期")
    assert is_blank(rows[1][1])
    assert rows[2][1] == ("张三", dt.datetime(2024, 5, 1))
    assert rows[3][1] == (None, 3)


def test_xlsx_choose_sheet_by_name(tmp_path: Path, xl: Any) -> None:
    path = xl.book(name="a.xlsx", rows=[["first"]])
    from openpyxl import load_workbook

    wb = load_workbook(path)
    wb.create_sheet("第二页").append(["second"])
    wb.save(path)
    with open_sheet(path, sheet="第二页") as reader:
        assert reader.sheet_names == ["Sheet", "第二页"]
        assert next(reader.rows()) == (1, ("second",))
    with pytest.raises(YuluError, match="没有名为“无此页”的工作表"):
        open_sheet(path, sheet="无此页")


def test_out_of_range_date_becomes_a_note(tmp_path: Path, xl: Any) -> None:
    """A date-formatted cell whose number is no date: read as the number, with a note (never a warning)."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["日期"])
    ws.append([1e12])
    ws["A2"].number_format = "yyyy-mm-dd"
    path = tmp_path / "d.xlsx"
    wb.save(path)
    with open_sheet(path) as reader:
        rows = list(reader.rows())
        assert rows[1] == (2, (1000000000000,))
        assert any("超出日期范围" in note for note in reader.notes)


def test_xlsx_shared_strings_formulas_booleans_and_prefixes(tmp_path: Path, xl: Any) -> None:
    """A sheet written the way other programs write it: shared strings, a prefixed namespace, cached formula
    values, booleans, errors, attributes in another order, a missing row."""
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>'
        '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="s" r="C1"><x:v>1</x:v></x:c></x:row>'
        '<x:row r="3"><x:c r="A3"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="B3" t="b"><x:v>1</x:v></x:c>'
        '<x:c r="C3" t="e"><x:v>#N/A</x:v></x:c><x:c r="D3" t="str"><x:f>A1</x:f><x:v>a&amp;b</x:v></x:c>'
        '<x:c r="E3" t="inlineStr"><x:is><x:r><x:t>张</x:t></x:r><x:r><x:t xml:space="preserve">三 </x:t></x:r>'
        "</x:is></x:c></x:row></x:sheetData></x:worksheet>"
    )
    path = tmp_path / "other.xlsx"
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    ct = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{ct}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{ct}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" ContentType="{ct}.sharedStrings+xml"/></Types>',
        )
        z.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        z.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
            '<sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        z.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        )
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr(
            "xl/sharedStrings.xml",
            f'<sst xmlns="{main}" count="2" uniqueCount="2"><si><t>姓名</t></si>'
            "<si><r><t>证件</t></r><r><t>号码</t></r></si></sst>",
        )
    with open_sheet(path) as reader:
        assert reader.sheet_name == "导出"
    rows = rows_of(path)
    assert rows == [
        (1, ("姓名", None, "证件号码")),
        (2, ()),
        (3, (2, True, "#N/A", "a&b", "张三 ")),
    ]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes('户编号,姓名\nH001,张三\n\n,\nH002,"李,四"\n'.encode(encoding))
    rows = rows_of(path)
    assert rows[0] == (1, ("户编号", "姓名"))
    assert rows[1] == (2, ("H001", "张三"))
    assert is_blank(rows[2][1])
    assert is_blank(rows[3][1])
    assert rows[4] == (5, ("H002", "李,四"))


def test_utf16_tab_separated_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "姓名\t证件号码\n张三\t5002\n".encode("utf-16-le"))
    assert rows_of(path)[1] == (2, ("张三", "5002"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(YuluError, match="找不到文件"):
        open_sheet(tmp_path / "nope.xlsx")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(YuluError, match="文件夹"):
        open_sheet(tmp_path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    with pytest.raises(YuluError, match="是空的"):
        open_sheet(path)


def test_pdf_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    with pytest.raises(YuluError, match="实际是PDF 文件，不是 Excel 表格"):
        open_sheet(path)


def test_docx_renamed_to_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(YuluError, match=r"Word 文档（\.docx）"):
        open_sheet(path)


def test_plain_zip(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hello")
    with pytest.raises(YuluError, match="压缩包"):
        open_sheet(path)


def test_truncated_xlsx_is_corrupt(tmp_path: Path, xl: Any) -> None:
    good = xl.book(name="good.xlsx", rows=[["姓名"], ["张三"]])
    path = tmp_path / "broken.xlsx"
    path.write_bytes(good.read_bytes()[:300])
    with pytest.raises(YuluError, match="已损坏"):
        open_sheet(path)


def test_xlsx_with_broken_sheet_xml(tmp_path: Path, xl: Any) -> None:
    good = xl.book(name="good.xlsx", rows=[["姓名"], ["张三"]])
    path = tmp_path / "badxml.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(path, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data[: len(data) // 2]
            dst.writestr(item, data)
    with pytest.raises(YuluError, match="无法"):
        list(iter_sheet_rows(path))


def test_password_protected_xlsx(tmp_path: Path, xl: Any) -> None:
    """Excel's "password to open" wraps the workbook in an OLE2 file with EncryptionInfo/EncryptedPackage."""
    path = tmp_path / "加密.xlsx"
    path.write_bytes(xl.ole2_file(["EncryptionInfo", "EncryptedPackage"]))
    with pytest.raises(YuluError, match=r"文件受密码保护，请先在 Excel 中取消密码后另存为 \.xlsx"):
        open_sheet(path)


def test_word_97_document_renamed_to_xls(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "名单.xls"
    path.write_bytes(xl.ole2_file(["WordDocument"]))
    with pytest.raises(YuluError, match=r"Word 文档（\.doc）"):
        open_sheet(path)


def test_corrupt_xls(tmp_path: Path, xl: Any) -> None:
    path = tmp_path / "坏.xls"
    path.write_bytes(xl.ole2_file(["Workbook"]))
    with pytest.raises(YuluError, match=r"已损坏或不是有效的 \.xls 文件"):
        open_sheet(path)


def test_ole2_garbage(tmp_path: Path) -> None:
    path = tmp_path / "坏.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00\x01" * 300)
    with pytest.raises(YuluError, match="已损坏"):
        open_sheet(path)


def test_html_saved_as_xls(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(YuluError, match="网页格式"):
        open_sheet(path)


def test_text_named_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_text("姓名,证件号码\n", encoding="utf-8")
    with pytest.raises(YuluError, match="不是有效的 Excel 文件"):
        open_sheet(path)


def test_image(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    with pytest.raises(YuluError, match="PNG 图片"):
        open_sheet(path)


def test_unsupported_extension(tmp_path: Path) -> None:
    path = tmp_path / "a.docx2"
    path.write_text("hello", encoding="utf-8")
    with pytest.raises(YuluError, match="不支持"):
        open_sheet(path)


def test_rows_only_once(tmp_path: Path, xl: Any) -> None:
    path = xl.book(name="a.xlsx", rows=[["x"]])
    with open_sheet(path) as reader:
        list(reader.rows())
        with pytest.raises(RuntimeError):
            reader.rows()
