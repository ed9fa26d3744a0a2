"""Read a spreadsheet (.xlsx, .xls, .csv) as a stream of rows, whatever the user gave us.

The file type is decided by its first bytes, not by its name: counties rename files, save a Word document
as "名单.xlsx", or receive a password-protected workbook. Each such case gets a Chinese message that says what
the file is and what to do, as a :class:`~yulu_desktop.domain.errors.YuluError`.

Rows come out as ``(excel_row_number, values)``; ``values`` is a tuple of plain Python values (str, int,
float, bool, date/datetime/time, None). Blank rows are yielded too (as they are in the sheet), so row numbers
always match what the user sees in Excel; callers skip them with :func:`is_blank`.

.xlsx files are streamed (workbook parts read with openpyxl, the worksheet decoded row by row as it is
decompressed), so memory does not grow with the number of rows; only the shared-strings table is held.
.xls files are read whole by xlrd (the format holds at most 65,536 rows). CSV is read as UTF-8 (with or
without BOM), falling back to GB18030, the encoding Excel uses for CSV on Chinese Windows.

A workbook is a zip archive, and a few megabytes can unpack to gigabytes (a "zip bomb", made on purpose or by
a broken exporter): before anything is decompressed, :func:`check_archive` refuses an archive whose members
would unpack to more than :data:`MAX_UNPACKED_BYTES` in all, a large member packed more than
:data:`MAX_RATIO` times, or more than :data:`MAX_MEMBERS` members. Python's ``zipfile`` stops a member at the
size its header declares (and fails its CRC check), so a header that lies cannot get past these limits.

A formula cell gives the value Excel saved for it (what the user saw), as openpyxl's ``data_only`` does. A
formula without a saved value (written by a program rather than Excel) is read as :class:`Formula`, its text,
so that a checker can say "this is a formula" rather than "this is empty", and a rejected row is written back
with the formula's text.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import html
import os
import re
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Final

from yulu_desktop.domain.errors import YuluError

#: A cell value as read from any of the supported formats.
CellValue = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta | None
#: One row: its row number as Excel shows it (1-based) and its cell values, left to right.
SheetRow = tuple[int, tuple[CellValue, ...]]

OLE2_MAGIC: Final = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC: Final = b"PK\x03\x04"

#: Largest float that still holds an integer exactly; bigger integral floats (an ID turned into a number)
#: stay floats so that the caller can tell digits were lost.
_EXACT_FLOAT_INT = 2**53

_PASSWORD_MESSAGE: Final = "文件受密码保护，请先在 Excel 中取消密码后另存为 .xlsx 再导入"
_SAVE_AS_HINT: Final = "请用 Excel 或 WPS 打开后“另存为” Excel 工作簿（.xlsx）再导入"

# Signatures of files people commonly pick by mistake.
_OTHER_FORMATS: Final[tuple[tuple[bytes, str], ...]] = (
    (b"%PDF", "PDF 文件"),
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"BM", "BMP 图片"),
    (b"Rar!", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"{\\rtf", "RTF 文档"),
    (b"MZ", "程序文件（.exe）"),
)


#: Limits of an .xlsx archive (see the module docstring). A county export of 200,000 people unpacks to some
#: 250 MB of sheet XML, packed about ten times.
MAX_UNPACKED_BYTES: Final = 1 << 30
MAX_RATIO: Final = 100
#: A member is checked for its ratio only from this size: small parts (styles, shared formulas) pack very well.
RATIO_CHECKED_FROM: Final = 50 << 20
MAX_MEMBERS: Final = 10_000


class Formula(str):
    """A formula cell that has no saved value: its text, ``=A1&B1``. Not a value to import (``cells`` refuses
    it with a message), but written back as text in a file of rejected rows."""

    __slots__ = ()


def check_archive(path: Path) -> None:
    """Refuse an .xlsx (zip) archive that would unpack to an absurd size, before reading any of it.

    Reads only the archive's directory. Raises :class:`YuluError` in Chinese naming the file; a file that is
    not a zip archive at all is left for :func:`open_sheet` to report."""
    name = path.name
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    hint = "请确认文件来源；如果是从系统导出的，请重新导出后再导入"
    if len(members) > MAX_MEMBERS:
        raise YuluError(
            f"“{name}”包含 {len(members)} 个内部文件，远多于正常的 Excel 表格（上限 {MAX_MEMBERS} 个），"
            f"已拒绝读取。{hint}"
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > RATIO_CHECKED_FROM and ratio > MAX_RATIO:
            raise YuluError(
                f"“{name}”中的“{member.filename}”解压后有 {_size(member.file_size)}，是压缩后大小的 "
                f"{ratio:.0f} 倍，不像正常的 Excel 表格（可能是恶意构造的“压缩炸弹”），已拒绝读取。{hint}"
            )
    if total > MAX_UNPACKED_BYTES:
        raise YuluError(
            f"“{name}”解压后共有 {_size(total)}，超过上限 {_size(MAX_UNPACKED_BYTES)}，不像正常的 Excel 表格"
            f"（可能是恶意构造的“压缩炸弹”），已拒绝读取。{hint}"
        )


def _size(n: int) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):.1f} GB"
    return f"{n / (1 << 20):.0f} MB"


def is_blank(values: tuple[CellValue, ...]) -> bool:
    """True if every cell is empty or only whitespace."""
    for value in values:
        if value is None:
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return False
    return True


class SheetReader:
    """An opened spreadsheet; iterate :meth:`rows` once. Use as a context manager (or call :meth:`close`).

    ``kind`` is ``"xlsx"``, ``"xls"`` or ``"csv"``; ``sheet_name`` the sheet being read (the file name stem
    for CSV); ``sheet_names`` every sheet in the workbook; ``notes`` messages about parts of the file that were
    ignored (openpyxl's warnings about unsupported features, for instance), for a log or a details pane.
    """

    def __init__(
        self,
        path: Path,
        kind: str,
        sheet_name: str,
        sheet_names: list[str],
        rows: Callable[[], Iterator[SheetRow]],
        close: Callable[[], None],
    ) -> None:
        self.path = path
        self.kind = kind
        self.sheet_name = sheet_name
        self.sheet_names = sheet_names
        self.notes: list[str] = []
        self._rows = rows
        self._close = close
        self._started = False

    def rows(self) -> Iterator[SheetRow]:
        """Every row of the sheet in order, as ``(excel_row_number, values)``; only once per reader."""
        if self._started:
            raise RuntimeError("SheetReader.rows() can be iterated only once")
        self._started = True
        return self._rows()

    def close(self) -> None:
        self._close()

    def __enter__(self) -> SheetReader:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_sheet(path: str | os.PathLike[str], *, sheet: str | None = None) -> SheetReader:
    """Open ``path`` for reading; raise :class:`YuluError` (in Chinese) if it cannot be read as a table.

    ``sheet`` names the worksheet to read; by default the sheet that is active when the workbook is opened.
    """
    p = Path(path)
    name = p.name
    if not p.exists():
        raise YuluError(f"找不到文件“{p}”，请检查路径是否正确")
    if p.is_dir():
        raise YuluError(f"“{p}”是一个文件夹，请选择 Excel 或 CSV 文件")
    try:
        with p.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise YuluError(f"无法读取文件“{name}”：{exc.strerror or exc}。请确认文件没有被其他程序占用") from exc
    if not head:
        raise YuluError(f"文件“{name}”是空的（0 字节），请重新导出或选择正确的文件")

    if head.startswith(ZIP_MAGIC):
        return _open_xlsx(p, sheet)
    if head.startswith(OLE2_MAGIC):
        return _open_ole2(p, sheet)
    for magic, what in _OTHER_FORMATS:
        if head.startswith(magic):
            raise YuluError(
                f"“{name}”实际是{what}，不是 Excel 表格。请选择从系统导出的 .xlsx、.xls 或 .csv 文件"
            )
    if head.startswith(b"PK"):
        raise YuluError(f"“{name}”已损坏，无法打开（不是完整的 Excel 文件）。请重新导出或重新下载")
    return _open_text(p, head, sheet)


def iter_sheet_rows(path: str | os.PathLike[str], *, sheet: str | None = None) -> Iterator[SheetRow]:
    """Shortcut: open ``path`` and yield its rows; the file is closed when the iterator ends or is closed."""
    reader = open_sheet(path, sheet=sheet)
    try:
        yield from reader.rows()
    finally:
        reader.close()


# --- .xlsx --------------------------------------------------------------------------------------------------


_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_TAG_C, _TAG_V, _TAG_ROW, _TAG_IS, _TAG_SHEETDATA = (
    _NS + "c",
    _NS + "v",
    _NS + "row",
    _NS + "is",
    _NS + "sheetData",
)


def _open_xlsx(path: Path, sheet: str | None) -> SheetReader:
    """Read the workbook parts with openpyxl; the sheet itself with :func:`_xlsx_rows`.

    openpyxl's own read-only rows cost several microseconds per cell in pure Python (and without lxml it
    first scans the whole sheet for its size), far too slow for a 200,000-row export; the workbook, shared
    strings and styles are small and read with openpyxl as usual.
    """
    name = path.name
    check_archive(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise YuluError(f"“{name}”已损坏，无法打开（压缩结构不完整）。请重新导出或重新下载") from exc
    except OSError as exc:
        raise YuluError(f"无法读取文件“{name}”：{exc}") from exc
    if "xl/workbook.xml" not in members and not any(m.endswith("/workbook.xml") for m in members):
        if "word/document.xml" in members:
            what = "Word 文档（.docx）"
        elif "ppt/presentation.xml" in members:
            what = "PowerPoint 演示文稿（.pptx）"
        elif "content.xml" in members and "mimetype" in members:
            what = "OpenDocument 文件（.ods/.odt），请另存为 .xlsx"
        else:
            what = "压缩包"
        raise YuluError(f"“{name}”实际是{what}，不是 Excel 表格。请选择 .xlsx、.xls 或 .csv 文件")

    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet

    notes: list[str] = []
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            book = ExcelReader(path, read_only=True, data_only=True)
            try:
                book.read_manifest()
                book.read_workbook()
                apply_stylesheet(book.archive, book.wb)
                found = [(s.name, s.state, rel.target, rel.Type) for s, rel in book.parser.find_sheets()]
            except BaseException:
                book.archive.close()
                raise
        _collect_warnings(caught, notes)
    except (zipfile.BadZipFile, KeyError, EOFError, OSError, ValueError, TypeError) as exc:
        raise YuluError(f"“{name}”已损坏或格式不受支持，无法打开。{_SAVE_AS_HINT}") from exc
    except Exception as exc:  # openpyxl raises many kinds of errors on malformed XML
        raise YuluError(f"“{name}”内容有误，无法读取。{_SAVE_AS_HINT}") from exc

    archive = book.archive
    try:
        valid = set(book.valid_files)
        sheets = [(n, state, target) for n, state, target, kind in found if "chartsheet" not in kind]
        sheets = [s for s in sheets if s[2] in valid]
        names = [n for n, _, _ in sheets]
        if not sheets:
            raise YuluError(f"“{name}”中没有工作表")
        if sheet is not None:
            if sheet not in names:
                raise YuluError(f"“{name}”中没有名为“{sheet}”的工作表，现有：{'、'.join(names)}")
            chosen = sheets[names.index(sheet)]
        else:
            active = getattr(book.wb, "_active_sheet_index", 0)
            candidates = [s for s in found if "chartsheet" not in s[3]]
            chosen = sheets[0]
            if 0 <= active < len(found) and found[active][0] in names:
                chosen = sheets[names.index(found[active][0])]
            elif candidates and candidates[0][1] != "visible":
                chosen = next((s for s in sheets if s[1] == "visible"), sheets[0])
        wb = book.wb
        context = _XlsxContext(
            strings=_shared_strings(book),
            date_styles=frozenset(wb._date_formats),
            timedelta_styles=frozenset(wb._timedelta_formats),
            epoch=wb.epoch,
        )
    except BaseException:
        archive.close()
        raise

    target = chosen[2]
    reader = SheetReader(
        path, "xlsx", chosen[0], names, lambda: _xlsx_rows(archive, target, context, reader), archive.close
    )
    reader.notes.extend(notes)
    return reader


_SI_RE = re.compile(r"<(?:\w+:)?si\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?si>)", re.DOTALL)


def _shared_strings(book: Any) -> list[str]:
    """The shared-strings table (every distinct text of the workbook), read as the sheet is: by regex.

    openpyxl builds an object per string, which takes seconds for the ~million unique strings (names, ID
    numbers, phones) of a large export."""
    from openpyxl.xml.constants import SHARED_STRINGS

    part = book.package.find(SHARED_STRINGS)
    if part is None:
        return []
    strings: list[str] = []
    unescape = html.unescape
    with book.archive.open(part.PartName[1:]) as source:
        head = source.read(_CHUNK)
        declared = _ENCODING_RE.match(head)
        decoder = codecs.getincrementaldecoder(declared.group(1).decode() if declared else "utf-8")()
        buffer = decoder.decode(head)
        final = not head
        while True:
            last = 0
            for si in _SI_RE.finditer(buffer):
                last = si.end()
                body = si.group(1)
                if not body:
                    strings.append("")
                    continue
                if "rPh" in body:
                    body = _PHONETIC_RE.sub("", body)
                parts = _T_RE.findall(body)
                text = parts[0] if len(parts) == 1 else "".join(parts)
                strings.append(unescape(text) if "&" in text else text)
            if final:
                break
            chunk = source.read(_CHUNK)
            final = not chunk
            buffer = buffer[last:] + decoder.decode(chunk, final)
    return strings


class _XlsxContext:
    __slots__ = ("date_styles", "epoch", "strings", "timedelta_styles")

    def __init__(
        self, strings: list[Any], date_styles: frozenset[int], timedelta_styles: frozenset[int], epoch: Any
    ) -> None:
        self.strings = strings
        self.date_styles = date_styles
        self.timedelta_styles = timedelta_styles
        self.epoch = epoch


_COLUMN_CACHE: dict[str, int] = {}


def _column_index(ref: str) -> int:
    """0-based column of a cell reference such as "AB12"."""
    letters = ref.rstrip("0123456789")
    index = _COLUMN_CACHE.get(letters)
    if index is None:
        index = 0
        for ch in letters.upper():
            index = index * 26 + (ord(ch) - 64)
        index -= 1
        _COLUMN_CACHE[letters] = index
    return index


# Worksheet XML is matched with regular expressions rather than a parser: one C-level scan per row instead of a
# Python call per element makes reading about four times faster. The parts read are simple and regular
# (<row>, <c>, <v>, <is>/<t>); an optional namespace prefix (x:c, written by the Open XML SDK) is allowed.
_ROW_RE = re.compile(r"<(?:\w+:)?row\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?row>)", re.DOTALL)
_CELL_RE = re.compile(r"<(?:\w+:)?c\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?c>)", re.DOTALL)
_ATTR_RE = re.compile(r"\b([rst])\s*=\s*[\"']([^\"']*)[\"']")
_V_RE = re.compile(r"<(?:\w+:)?v(?:\s[^>]*)?>(.*?)</(?:\w+:)?v>", re.DOTALL)
_T_RE = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.DOTALL)
_F_RE = re.compile(r"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.DOTALL)
_PHONETIC_RE = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.DOTALL)
_ENCODING_RE = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']""")
_END_RE = re.compile(r"</(?:\w+:)?sheetData\s*>|<(?:\w+:)?sheetData\s*/>")
_CHUNK = 1 << 18


# The common spelling of a cell (Excel, WPS, LibreOffice and openpyxl write attributes in this order): one
# match gives column, style, type and value. A row whose cells are spelt otherwise takes the general path.
# Inline strings (written by our own writer and many exporting systems) have their plain one-run form matched too.
_FAST_CELL_RE = re.compile(
    r'<c r="([A-Z]{1,3})\d+"(?: s="(\d+)")?(?: t="(\w+)")?'
    r'(?:/>|><v>([^<]*)</v></c>|><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>|>(.*?)</c>)',
    re.DOTALL,
)


def _xlsx_rows(
    archive: zipfile.ZipFile, target: str, ctx: _XlsxContext, reader: SheetReader
) -> Iterator[SheetRow]:
    """Stream a worksheet part: decompressed in chunks, each complete ``<row>`` decoded as soon as it is in.

    Formulas give their cached value (what Excel last showed), as with openpyxl's ``data_only``.
    """
    from openpyxl.utils.datetime import from_excel

    strings = ctx.strings
    date_styles = ctx.date_styles
    timedelta_styles = ctx.timedelta_styles
    epoch = ctx.epoch
    unescape = html.unescape
    column_index = _column_index
    parse_number = _parse_number

    def value_of(kind: str, style: str, raw: str | None, body: str, ref: str) -> CellValue:
        """A cell's value from its type (t), style (s) and <v> text (or its body, for inline strings)."""
        if kind == "inlineStr":
            if not body:
                return ""
            if "rPh" in body:
                body = _PHONETIC_RE.sub("", body)
            text = "".join(_T_RE.findall(body))
            return unescape(text) if "&" in text else text
        if raw is None:
            m = _V_RE.search(body) if body else None
            if m is None or not m.group(1):
                f = _F_RE.search(body) if body else None
                if f is not None:  # a formula with no saved value: its text, not "empty"
                    text = unescape(f.group(1) or "").strip()
                    return Formula("=" + (text or "…"))
            if m is None:
                return None
            raw = m.group(1)
        if kind == "s":
            return strings[int(raw)]  # type: ignore[no-any-return]
        if "&" in raw:
            raw = unescape(raw)
        if kind == "n" or not kind:
            value = parse_number(raw)
            if style and not isinstance(value, str) and int(style) in date_styles:
                s_id = int(style)
                try:
                    return from_excel(value, epoch, timedelta=s_id in timedelta_styles)  # type: ignore[no-any-return]
                except (OverflowError, ValueError):
                    reader.notes.append(f"{ref}单元格设为日期格式，但数值{value}超出日期范围，按数字读取")
            return value
        if kind == "b":
            return raw.strip() == "1"
        if kind == "d":
            return _parse_iso(raw)
        return raw  # "str" (a formula's text), "e" (#N/A, #VALUE!…)

    def general(body: str) -> list[CellValue]:
        values: list[CellValue] = []
        for cell in _CELL_RE.finditer(body):
            attrs = dict(_ATTR_RE.findall(cell.group(1)))
            ref = attrs.get("r")
            value = value_of(attrs.get("t", ""), attrs.get("s", ""), None, cell.group(2) or "", ref or "")
            col = column_index(ref) if ref else len(values)
            _place(values, col, value)
        return values

    column_cache = _COLUMN_CACHE

    def fast(body: str) -> list[CellValue] | None:
        found = _FAST_CELL_RE.findall(body)
        if len(found) != body.count("<c ") + body.count("<c>"):
            return None
        values: list[CellValue] = []
        append = values.append
        for letters, style, kind, raw, text, inner in found:
            value: CellValue
            if kind == "inlineStr" and not inner:
                value = unescape(text) if "&" in text else text
            elif kind == "s" and raw:
                value = strings[int(raw)]
            elif not kind and raw:
                value = parse_number(raw)
                if style and int(style) in date_styles:
                    value = value_of(kind, style, raw, inner, letters)
            else:
                value = value_of(kind, style, raw if raw or not inner else None, inner, letters)
            col = column_cache.get(letters)
            if col is None:
                col = column_index(letters)
            if col == len(values):
                append(value)
            else:
                _place(values, col, value)
        return values

    expected = 1
    try:
        with archive.open(target) as source:
            head = source.read(_CHUNK)
            declared = _ENCODING_RE.match(head)
            decoder = codecs.getincrementaldecoder(declared.group(1).decode() if declared else "utf-8")()
            buffer = decoder.decode(head)
            final = not head
            prefixed = bool(re.search(r"<\w+:sheetData\b", buffer))
            while True:
                last = 0
                for row in _ROW_RE.finditer(buffer):
                    last = row.end()
                    row_attrs = dict(_ATTR_RE.findall(row.group(1)))
                    number = int(row_attrs["r"]) if "r" in row_attrs else expected
                    while expected < number:  # rows the file leaves out are empty
                        yield expected, ()
                        expected += 1
                    body = row.group(2)
                    values: list[CellValue] | None = None
                    if body:
                        values = None if prefixed else fast(body)
                        if values is None:
                            values = general(body)
                    yield number, tuple(values) if values else ()
                    expected = number + 1
                if final:
                    if not _END_RE.search(buffer, last):
                        raise ValueError("worksheet ends before </sheetData>")
                    break
                chunk = source.read(_CHUNK)
                final = not chunk
                buffer = buffer[last:] + decoder.decode(chunk, final)
    except (zipfile.BadZipFile, EOFError, KeyError, ValueError, IndexError, LookupError, zlib.error) as exc:
        raise YuluError(
            f"“{reader.path.name}”第{expected}行附近内容有误，无法继续读取。{_SAVE_AS_HINT}"
        ) from exc


def _place(values: list[CellValue], col: int, value: CellValue) -> None:
    if col >= len(values):
        values.extend([None] * (col - len(values)))
        values.append(value)
    else:
        values[col] = value


def _parse_number(text: str) -> int | float | str:
    try:
        if "." in text or "E" in text or "e" in text:
            number = float(text)
            return _number(number)
        return int(text)
    except ValueError:
        return text


def _parse_iso(text: str) -> CellValue:
    try:
        if "T" in text or " " in text:
            return dt.datetime.fromisoformat(text.rstrip("Z"))
        if ":" in text:
            return dt.time.fromisoformat(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        return text


def _collect_warnings(caught: list[warnings.WarningMessage], notes: list[str]) -> None:
    """Keep openpyxl's warnings as notes; anything else is shown again as it would have been."""
    for w in caught:
        if "openpyxl" in w.filename.replace("\\", "/"):
            text = str(w.message)
            if text not in notes:
                notes.append(text)
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno, source=w.source)


# --- .xls and other OLE2 compound files ---------------------------------------------------------------


def _ole2_streams(data: bytes) -> set[str]:
    """Names of the streams in an OLE2 compound file (empty if its directory cannot be read)."""
    from xlrd import compdoc

    with open(os.devnull, "w") as log:
        try:
            doc = compdoc.CompDoc(data, logfile=log)
        except Exception:
            return set()
        return {entry.name for entry in doc.dirlist}


def _open_ole2(path: Path, sheet: str | None) -> SheetReader:
    import xlrd

    name = path.name
    data = path.read_bytes()
    streams = _ole2_streams(data)
    if "EncryptionInfo" in streams or "EncryptedPackage" in streams:
        # An encrypted .xlsx is wrapped in an OLE2 container: this is what "password to open" produces.
        raise YuluError(f"“{name}”{_PASSWORD_MESSAGE}")
    if "WordDocument" in streams:
        raise YuluError(f"“{name}”实际是 Word 文档（.doc），不是 Excel 表格。请选择 .xlsx、.xls 或 .csv 文件")
    if "PowerPoint Document" in streams:
        raise YuluError(f"“{name}”实际是 PowerPoint 演示文稿，不是 Excel 表格")
    if streams and not ({"Workbook", "Book"} & streams):
        raise YuluError(f"“{name}”不是 Excel 表格（无法识别的 Office 文件）。请选择 .xlsx、.xls 或 .csv 文件")

    try:
        with open(os.devnull, "w") as devnull:
            book = xlrd.open_workbook(file_contents=data, logfile=devnull, on_demand=True)
    except xlrd.XLRDError as exc:
        if "encrypted" in str(exc).lower():
            raise YuluError(f"“{name}”{_PASSWORD_MESSAGE}") from exc
        raise YuluError(f"“{name}”已损坏或不是有效的 .xls 文件，无法打开。{_SAVE_AS_HINT}") from exc
    except Exception as exc:
        raise YuluError(f"“{name}”已损坏或不是有效的 .xls 文件，无法打开。{_SAVE_AS_HINT}") from exc

    try:
        names = list(book.sheet_names())
        if not names:
            raise YuluError(f"“{name}”中没有工作表")
        if sheet is not None and sheet not in names:
            raise YuluError(f"“{name}”中没有名为“{sheet}”的工作表，现有：{'、'.join(names)}")
        index = names.index(sheet) if sheet is not None else 0
        ws = book.sheet_by_index(index)
    except YuluError:
        book.release_resources()
        raise
    except Exception as exc:
        book.release_resources()
        raise YuluError(f"“{name}”已损坏，无法读取工作表。{_SAVE_AS_HINT}") from exc

    return SheetReader(
        path, "xls", ws.name, names, lambda: _xls_rows(ws, book.datemode), book.release_resources
    )


def _xls_rows(ws: Any, datemode: int) -> Iterator[SheetRow]:
    import xlrd

    for r in range(ws.nrows):
        values: list[CellValue] = []
        for cell in ws.row(r):
            ctype, value = cell.ctype, cell.value
            if ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                values.append(None)
            elif ctype == xlrd.XL_CELL_TEXT:
                values.append(value)
            elif ctype == xlrd.XL_CELL_NUMBER:
                values.append(_number(value))
            elif ctype == xlrd.XL_CELL_DATE:
                try:
                    values.append(xlrd.xldate.xldate_as_datetime(value, datemode))
                except (xlrd.xldate.XLDateError, ValueError, OverflowError):
                    values.append(_number(value))
            elif ctype == xlrd.XL_CELL_BOOLEAN:
                values.append(bool(value))
            elif ctype == xlrd.XL_CELL_ERROR:
                values.append(xlrd.error_text_from_code.get(value, "#错误"))
            else:
                values.append(value)
        yield r + 1, tuple(values)


def _number(value: float) -> int | float:
    if value.is_integer() and abs(value) < _EXACT_FLOAT_INT:
        return int(value)
    return value


# --- CSV and other text ---------------------------------------------------------------------------------


def _open_text(path: Path, head: bytes, sheet: str | None) -> SheetReader:
    name = path.name
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls", ".et"):
        if _looks_like_html(path):
            raise YuluError(
                f"“{name}”实际是网页格式（HTML），只是扩展名为 {suffix}。{_SAVE_AS_HINT}",
            )
        raise YuluError(f"“{name}”不是有效的 Excel 文件（文件已损坏或类型不对）。{_SAVE_AS_HINT}")
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise YuluError(f"“{name}”不是表格文件，无法识别。请选择 .xlsx、.xls 或 .csv 文件")
    if suffix not in (".csv", ".txt", ".tsv", ""):
        raise YuluError(f"不支持“{suffix}”类型的文件“{name}”。请选择 .xlsx、.xls 或 .csv 文件")
    if sheet is not None:
        raise YuluError(f"“{name}”是 CSV 文件，没有名为“{sheet}”的工作表")
    encoding = _detect_encoding(path, head)
    delimiter = _detect_delimiter(path, encoding)
    stem = path.stem

    handle: list[IO[str]] = []

    def rows() -> Iterator[SheetRow]:
        fh = path.open("r", encoding=encoding, newline="")
        handle.append(fh)
        try:
            for number, record in enumerate(csv.reader(fh, delimiter=delimiter), start=1):
                yield number, tuple(v if v.strip() else None for v in record)
        except csv.Error as exc:
            raise YuluError(f"“{name}”不是有效的 CSV 文件：{exc}") from exc
        finally:
            fh.close()

    def close() -> None:
        for fh in handle:
            fh.close()

    return SheetReader(path, "csv", stem, [stem], rows, close)


def _looks_like_html(path: Path) -> bool:
    with path.open("rb") as fh:
        start = fh.read(2048).lstrip(codecs.BOM_UTF8).lstrip().lower()
    return start.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml", b"<meta"))


def _detect_encoding(path: Path, head: bytes) -> str:
    """utf-16 if it has that BOM; utf-8-sig if the whole file decodes as UTF-8; otherwise gb18030."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for encoding in ("utf-8-sig", "gb18030"):
        decoder = codecs.getincrementaldecoder(encoding)()
        try:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise YuluError(f"无法识别“{path.name}”的文字编码。请用 Excel 打开后另存为 .xlsx 再导入")


def _detect_delimiter(path: Path, encoding: str) -> str:
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(8192)
    first = sample.splitlines()[0] if sample else ""
    return "\t" if first.count("\t") > first.count(",") else ","
