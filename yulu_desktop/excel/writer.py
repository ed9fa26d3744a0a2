"""Write .xlsx files people can read and edit without Excel mangling them.

Streaming (:mod:`yulu_desktop.excel.xlsx_stream` writes the sheet XML straight into the zip stream: rows go
to disk as they come, memory stays flat, 200,000 rows in seconds), Chinese headers in bold on a
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

from yulu_desktop.domain.codes import CodeList
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.masking import (
    mask_account,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_registry_no,
)
from yulu_desktop.excel import xlsx_stream as xs
from yulu_desktop.excel.cells import cell_text
from yulu_desktop.excel.results import RejectedRow
from yulu_desktop.excel.sheets import CellValue

#: What a column holds; decides how a value is written and read back.
#: ``auto`` writes values as they are (dates formatted as dates) — for rejected rows of any sheet.
ColumnKind = Literal["text", "date", "int", "money", "id", "phone", "account", "code", "bool", "auto"]

#: Kinds written as text cells (number format ``@``).
TEXT_KINDS: Final = frozenset({"text", "id", "phone", "account", "code", "bool"})
#: Kinds holding sensitive personal information, masked unless the user chose the full values.
SENSITIVE_KINDS: Final = frozenset({"id", "phone", "account"})
#: Fields that would give back the 8 birth-date digits a masked ID number hides: masked with it (the birth
#: date as its year, the 学籍号 like ``G************56``), so that no mask in a sheet can be undone.
REBUILDS_ID_FIELDS: Final = frozenset({"birth_date", "registry_no"})

DATE_FORMAT: Final = "yyyy-mm-dd"
MONEY_FORMAT: Final = "#,##0.00"
TEXT_FORMAT: Final = "@"
REASON_HEADER: Final = "错误原因"
ROW_HEADER: Final = "原表行号"

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
        return self.sensitive or self.kind in SENSITIVE_KINDS or self.field in REBUILDS_ID_FIELDS


#: ``mask``: True masks every sensitive column, False none, or the set of fields to mask.
Mask = bool | Collection[str]


def _masks(columns: Sequence[Column], mask: Mask) -> list[bool]:
    if isinstance(mask, bool):
        return [mask and c.is_sensitive for c in columns]
    chosen = set(mask)
    return [c.field in chosen for c in columns]


def mask_value(column: Column, value: str) -> str:
    """The masked form of a sensitive value (DOMAIN.md): ID 110105********002X, phone 138****8000,
    account ****1234, birth date 2005年, 学籍号 G************56; other sensitive text shows only its first
    character."""
    if column.field == "birth_date":
        return mask_birth_date(value)
    if column.field == "registry_no":
        return mask_registry_no(value)
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


def _cell_writer(column: Column, masked: bool) -> xs.CellWriter:
    """How one column's stored values become cells, chosen once per column (the hot loop stays small)."""
    kind = column.kind
    if kind == "code":
        codelist = column.codes

        def code(ref: str, value: Any) -> str:
            if value is None or value == "":
                return ""
            return xs.text_cell(ref, codelist.label(str(value)) if codelist is not None else str(value))

        return code
    if kind in TEXT_KINDS:
        if masked:

            def secret(ref: str, value: Any) -> str:
                converted = _convert(column, value, True)
                return xs.text_cell(ref, converted)

            return secret
        if kind == "text":

            def text(ref: str, value: Any) -> str:
                if value is None or value == "":
                    return ""
                if isinstance(value, str):
                    return xs.text_cell(ref, value)
                return xs.text_cell(ref, cell_text(value))

            return text

        def other_text(ref: str, value: Any) -> str:
            return xs.text_cell(ref, _convert(column, value, False))

        return other_text
    if kind == "date":
        if masked:

            def masked_date(ref: str, value: Any) -> str:
                if value is None or value == "":
                    return ""
                shown = (
                    mask_birth_date(value) if isinstance(value, dt.date) else mask_value(column, str(value))
                )
                return xs.text_cell(ref, shown)

            return masked_date
        return xs.date_cell
    if kind == "money":

        def money(ref: str, value: Any) -> str:
            if value is None or value == "":
                return ""
            return xs.money_cell(ref, _convert(column, value, False))

        return money
    return xs.auto_cell


def _sheet(
    columns: Sequence[Column],
    rows: Iterable[Mapping[str, Any]],
    *,
    title: str | None,
    mask: Mask,
    sheet_name: str,
) -> xs.SheetSpec:
    if not columns:
        raise ValueError("write_xlsx needs at least one column")
    masks = _masks(columns, mask)
    fields = [c.field for c in columns]
    layout = [
        xs.SheetColumn(c.header, c.width, c.hidden, _cell_writer(c, m))
        for c, m in zip(columns, masks, strict=True)
    ]
    values = ([row.get(f) for f in fields] for row in rows)
    return xs.SheetSpec(_safe_sheet_name(sheet_name), layout, values, title)


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
    spec = _sheet(columns, rows, title=title, mask=mask, sheet_name=sheet_name)
    with _atomic_target(target) as tmp:
        (count,) = xs.write_workbook(tmp, [spec], progress=progress, progress_every=_PROGRESS_EVERY)
        # The last report comes before the file is moved into place: a cancel it raises (an export of fewer
        # rows than one report's worth gets no other chance) still leaves nothing at ``path``.
        if progress is not None and (count == 0 or count % _PROGRESS_EVERY):
            progress(count)
    return count


#: One sheet of :func:`write_workbook`: (sheet name, title row or None, columns, rows).
SheetContent = tuple[str, str | None, Sequence[Column], Iterable[Mapping[str, Any]]]


def write_workbook(
    path: str | os.PathLike[str], sheets: Sequence[SheetContent], *, mask: Mask = True
) -> list[int]:
    """Several sheets in one .xlsx (a reconciliation report, say), written atomically like :func:`write_xlsx`;
    the row count of each sheet."""
    target = Path(path)
    specs = [
        _sheet(columns, rows, title=title, mask=mask, sheet_name=name)
        for name, title, columns, rows in sheets
    ]
    with _atomic_target(target) as tmp:
        return xs.write_workbook(tmp, specs)


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
