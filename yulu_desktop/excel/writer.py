"""Write .xlsx files people can read and edit without Excel mangling them.

Streaming (openpyxl write-only: rows go to disk as they come, memory stays flat), Chinese headers in bold on a
frozen first row, column widths, dates as real dates, and identifiers (ID numbers, phones, accounts, 学籍号)
as text cells formatted ``@`` so that Excel neither shows 5.00229E+17 nor drops digits when a cell is edited.
The file appears only when complete: it is written to a temporary file in the same folder and moved into
place, so a failed or cancelled export leaves any earlier file untouched and no half-written one behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, Literal, cast

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill

from yulu_desktop.domain.codes import CodeList
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.masking import mask_account, mask_id_number, mask_phone
from yulu_desktop.excel.cells import cell_text
from yulu_desktop.excel.headers import column_letter
from yulu_desktop.excel.results import RejectedRow
from yulu_desktop.excel.sheets import CellValue

#: What a column holds; decides how a value is written and read back.
#: ``auto`` writes values as they are (dates formatted as dates) — for rejected rows of any sheet.
ColumnKind = Literal["text", "date", "int", "money", "id", "phone", "account", "code", "bool", "auto"]

#: Kinds written as text cells (number format ``@``).
TEXT_KINDS: Final = frozenset({"text", "id", "phone", "account", "code", "bool"})
#: Kinds holding sensitive personal information, masked unless the user chose the full values.
SENSITIVE_KINDS: Final = frozenset({"id", "phone", "account"})

DATE_FORMAT: Final = "yyyy-mm-dd"
MONEY_FORMAT: Final = "#,##0.00"
TEXT_FORMAT: Final = "@"
REASON_HEADER: Final = "错误原因"
ROW_HEADER: Final = "原表行号"

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_HEADER_ALIGN = Alignment(horizontal="center", vertical="center", wrap_text=True)
_TITLE_FONT = Font(bold=True, size=14)
_WRAP = Alignment(wrap_text=True, vertical="top")
_PROGRESS_EVERY = 1000


@dataclass(frozen=True, slots=True)
class Column:
    """One column of an exported sheet (and of the same sheet read back).

    ``field`` is the key in each row mapping, ``header`` the Chinese header, ``width`` in Excel character
    units. ``codes`` (kind ``code``) turns stored codes into labels on export and back on import.
    ``sensitive`` marks a text column to mask like the sensitive kinds; ``hidden`` hides the column (the
    record key); ``aliases`` are other headers accepted on import; ``required`` means a value is needed.
    """

    field: str
    header: str
    width: float = 12
    kind: ColumnKind = "text"
    codes: CodeList | None = None
    required: bool = False
    hidden: bool = False
    sensitive: bool = False
    aliases: tuple[str, ...] = ()

    @property
    def is_sensitive(self) -> bool:
        return self.sensitive or self.kind in SENSITIVE_KINDS


#: ``mask``: True masks every sensitive column, False none, or the set of fields to mask.
Mask = bool | Collection[str]


def _masks(columns: Sequence[Column], mask: Mask) -> list[bool]:
    if isinstance(mask, bool):
        return [mask and c.is_sensitive for c in columns]
    chosen = set(mask)
    return [c.field in chosen for c in columns]


def mask_value(column: Column, value: str) -> str:
    """The masked form of a sensitive value (DOMAIN.md): ID 110105********002X, phone 138****8000,
    account ****1234; other sensitive text shows only its first character."""
    if column.kind == "id":
        return mask_id_number(value)
    if column.kind == "phone":
        return mask_phone(value)
    if column.kind == "account":
        return mask_account(value)
    return value[:1] + "*" * max(len(value) - 1, 3) if value else value


def _convert(column: Column, value: Any, masked: bool) -> CellValue | Decimal:
    """A stored value as the cell shows it."""
    if value is None or value == "":
        return None
    kind = column.kind
    if kind == "code":
        return column.codes.label(str(value)) if column.codes is not None else str(value)
    if kind == "bool":
        return ("是" if value else "否") if isinstance(value, bool) else str(value)
    if kind == "money":
        if isinstance(value, int) and not isinstance(value, bool):
            return Decimal(value) / 100
        return cast(CellValue, value)
    if kind == "date":
        if isinstance(value, dt.datetime):
            return value.date() if value.time() == dt.time() else value
        return cast(CellValue, value)
    if kind in TEXT_KINDS:
        text = cell_text(value) if not isinstance(value, str) else value
        if text is not None and masked:
            return mask_value(column, text)
        return text
    if isinstance(value, str | int | float | bool | dt.date | dt.time | dt.timedelta | Decimal):
        return value
    return str(value)


def _number_format(column: Column) -> str | None:
    if column.kind in TEXT_KINDS:
        return TEXT_FORMAT
    if column.kind == "date":
        return DATE_FORMAT
    if column.kind == "money":
        return MONEY_FORMAT
    return None


def write_xlsx(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    title: str | None = None,
    mask: Mask = True,
    sheet_name: str = "Sheet1",
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write ``rows`` (mappings field → stored value) under ``columns`` to ``path``; return the row count.

    Sensitive columns (IDs, phones, accounts, and columns marked ``sensitive``) are masked unless ``mask`` is
    False or a set of fields that leaves them out. ``title`` goes on a row above the header. ``progress`` is
    called with the number of rows written every 1,000 rows; an exception from it (or from ``rows``) cancels
    the export and leaves nothing at ``path``.
    """
    target = Path(path)
    if not columns:
        raise ValueError("write_xlsx needs at least one column")
    if not target.parent.is_dir():
        raise YuluError(f"文件夹“{target.parent}”不存在，无法保存“{target.name}”")
    masks = _masks(columns, mask)
    workbook = Workbook(write_only=True)
    ws = workbook.create_sheet(title=_safe_sheet_name(sheet_name))
    count = 0
    with _atomic_target(target) as tmp, _abandon_on_error(ws):
        formats = [_number_format(c) for c in columns]
        for index, column in enumerate(columns):
            dim = ws.column_dimensions[column_letter(index)]
            dim.width = column.width
            if column.hidden:
                dim.hidden = True
            if formats[index] is not None:
                dim.number_format = formats[index]
        header_row = 2 if title else 1
        ws.freeze_panes = f"A{header_row + 1}"

        if title:
            cell = WriteOnlyCell(ws, value=title)
            cell.font = _TITLE_FONT
            ws.append([cell])
        header = []
        for column in columns:
            cell = WriteOnlyCell(ws, value=column.header)
            cell.font = _HEADER_FONT
            cell.fill = _HEADER_FILL
            cell.alignment = _HEADER_ALIGN
            header.append(cell)
        ws.append(header)

        # One styled cell per formatted column, reused for every row: the write-only sheet serialises a row as
        # soon as it is appended, so the same cell object can carry the next row's value.
        styled: list[Any] = []
        for fmt in formats:
            if fmt is None:
                styled.append(None)
                continue
            cell = WriteOnlyCell(ws)
            cell.number_format = fmt
            styled.append(cell)
        plan = list(zip(columns, masks, styled, strict=True))

        for row in rows:
            out: list[Any] = []
            for column, masked, cell in plan:
                value = _convert(column, row.get(column.field), masked)
                if cell is None:
                    out.append(value)
                else:
                    cell.value = value
                    if column.kind == "date" and isinstance(value, dt.datetime):
                        cell.number_format = "yyyy-mm-dd hh:mm"
                    elif column.kind == "date":
                        cell.number_format = DATE_FORMAT
                    out.append(cell)
            ws.append(out)
            count += 1
            if progress is not None and count % _PROGRESS_EVERY == 0:
                progress(count)
        workbook.save(tmp)
    if progress is not None:
        progress(count)
    return count


def write_rejected(
    path: str | os.PathLike[str],
    header: Sequence[str],
    rejected_rows: Iterable[RejectedRow],
    *,
    text_columns: Collection[str] = (),
    title: str | None = None,
) -> int:
    """Write rejected rows under the sheet's own ``header`` (``ParsedSheet.headers``), plus 错误原因 and
    原表行号 columns, so the user can fix them and import the file again. Full values, never masked: the
    file is for correcting the data. Identifier-like columns (by header name, or listed in ``text_columns``)
    are written as text."""
    columns = [
        Column(
            field=h,
            header=h,
            width=_width_for(h),
            kind="text" if (h in text_columns or _looks_like_identifier(h)) else "auto",
        )
        for h in header
    ]
    columns.append(Column(REASON_HEADER, REASON_HEADER, width=60))
    columns.append(Column(ROW_HEADER, ROW_HEADER, width=9, kind="int"))

    def rows() -> Iterable[Mapping[str, Any]]:
        for rejected in rejected_rows:
            out: dict[str, Any] = {}
            for key in header:
                value = rejected.values.get(key)
                if isinstance(value, dt.datetime) and value.time() == dt.time():
                    value = value.date()
                out[key] = value
            out[REASON_HEADER] = rejected.reason()
            out[ROW_HEADER] = rejected.row_number
            yield out

    return write_xlsx(path, columns, rows(), title=title, mask=False, sheet_name="需修改的行")


_IDENTIFIER_WORDS: Final = (
    "证件",
    "身份证",
    "号码",
    "编号",
    "户码",
    "人员码",
    "电话",
    "手机",
    "联系方式",
    "账号",
    "卡号",
    "学籍号",
    "代码",
)


def _looks_like_identifier(header: str) -> bool:
    return any(word in header for word in _IDENTIFIER_WORDS)


def _width_for(header: str) -> float:
    if any(word in header for word in ("证件", "身份证", "账号", "卡号")):
        return 22
    if any(word in header for word in ("编号", "户码", "学籍号")):
        return 20
    if any(word in header for word in ("电话", "手机", "联系方式")):
        return 14
    return max(8.0, min(30.0, 2.2 * len(header) + 2))


def _safe_sheet_name(name: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in name).strip("'") or "Sheet1"
    return cleaned[:31]


@contextlib.contextmanager
def _abandon_on_error(ws: Any) -> Iterator[None]:
    """If the export stops half-way, close openpyxl's row writer and its temporary file in order (left to
    the garbage collector, they are finalised in any order and complain about a closed file)."""
    try:
        yield
    except BaseException:
        rows, writer = getattr(ws, "_rows", None), getattr(ws, "_writer", None)
        with contextlib.suppress(Exception):
            if rows is not None:
                rows.close()
        with contextlib.suppress(Exception):
            if writer is not None:
                writer.xf.close()
                writer.cleanup()
        raise


@contextlib.contextmanager
def _atomic_target(target: Path) -> Iterator[Path]:
    """A temporary path next to ``target``; moved onto ``target`` if the block succeeds, removed if not."""
    directory = target.parent
    if not directory.is_dir():
        raise YuluError(f"文件夹“{directory}”不存在，无法保存“{target.name}”")
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".xlsx.tmp", dir=directory)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
