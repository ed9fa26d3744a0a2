"""Find the header row of a sheet and map its Chinese column names to field names.

Sheets from counties rarely start on row 1: there is a merged title ("XX县防返贫监测对象信息表"), a date line,
sometimes a two-line header. Header cells carry spaces, line breaks, full-width brackets, an asterisk for
required columns, and each system spells a column its own way (证件号码 / 身份证号 / 公民身份号码). This
module normalises all that and finds the row that looks most like a header within the first rows of the sheet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from yulu_desktop.domain.errors import Issue, Severity, ValidationFailed, YuluError
from yulu_desktop.excel.sheets import CellValue, SheetRow, is_blank

#: How many rows from the top are searched for the header.
HEADER_SCAN_ROWS = 20

_SPACES = re.compile(r"\s+")
_BRACKETED = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_MARKERS = str.maketrans("", "", "*＊★※:：")


@dataclass(frozen=True, slots=True)
class ColumnSpec:
    """A column a parser knows: ``field`` (attribute name), ``header`` (the canonical Chinese name) and the
    other names it goes by. ``required`` columns must be present in the sheet (values may still be empty)."""

    field: str
    header: str
    aliases: tuple[str, ...] = ()
    required: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.header, *self.aliases)


def normalize_header(text: object) -> str:
    """The comparable form of a header cell: NFKC (full-width → half-width), no whitespace or line breaks,
    no required-field markers (*) or colons, lower case."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text))
    s = _SPACES.sub("", s).translate(_MARKERS)
    return s.lower()


def display_header(text: object) -> str:
    """A header cell as the user reads it, on one line (line breaks and runs of spaces removed)."""
    if text is None:
        return ""
    return _SPACES.sub("", str(text)).strip()


def _without_brackets(normalized: str) -> str:
    previous = None
    while previous != normalized:
        previous = normalized
        normalized = _BRACKETED.sub("", normalized)
    return normalized


@dataclass(frozen=True)
class HeaderMap:
    """Where each known field is in the sheet.

    ``row`` is the Excel row number of the header; ``columns`` maps field → 0-based column index;
    ``headers`` holds every header cell as it reads in the sheet (one line), index by index, so that a
    rejected row can be written back under the same header; ``notes`` are warnings (a column given twice, …).
    """

    row: int
    columns: dict[str, int]
    headers: tuple[str, ...]
    specs: dict[str, ColumnSpec]
    notes: tuple[Issue, ...] = ()

    def __contains__(self, field_name: object) -> bool:
        return field_name in self.columns

    def letter(self, field_name: str) -> str:
        """The column letter (A, B, … AA) of a field."""
        return column_letter(self.columns[field_name])

    def label(self, field_name: str) -> str:
        """How messages name the column: header as in the sheet plus its letter, e.g. 证件号码（H列）."""
        if field_name not in self.columns:
            spec = self.specs.get(field_name)
            return spec.header if spec else field_name
        index = self.columns[field_name]
        text = self.headers[index] if index < len(self.headers) else ""
        return f"{text or self.specs[field_name].header}（{column_letter(index)}列）"

    @property
    def column_letters(self) -> dict[str, str]:
        return {f: column_letter(i) for f, i in self.columns.items()}

    def value(self, values: Sequence[CellValue], field_name: str) -> CellValue:
        """The cell of ``field_name`` in a data row (None if the column is absent or the row is short)."""
        index = self.columns.get(field_name)
        if index is None or index >= len(values):
            return None
        return values[index]

    def raw_values(self, values: Sequence[CellValue]) -> dict[str, CellValue]:
        """A data row as header → value, every column of the sheet (for writing a rejected row back).

        A column without a header is keyed by its letter ("K列"); a header used twice gets its letter too."""
        out: dict[str, CellValue] = {}
        for key, index in zip(self.header_keys, range(len(self.headers)), strict=True):
            out[key] = values[index] if index < len(values) else None
        return out

    @property
    def header_keys(self) -> tuple[str, ...]:
        """The keys of :meth:`raw_values`: one unique name per column of the sheet."""
        seen: set[str] = set()
        keys = []
        for index, text in enumerate(self.headers):
            key = text or f"{column_letter(index)}列"
            if key in seen:
                key = f"{key}（{column_letter(index)}列）"
            seen.add(key)
            keys.append(key)
        return tuple(keys)


def column_letter(index: int) -> str:
    """0-based column index → Excel column letter."""
    from openpyxl.utils import get_column_letter  # openpyxl (with numpy) is loaded only when Excel is used

    return str(get_column_letter(index + 1))


def _match_row(values: Sequence[CellValue], lookup: dict[str, str], loose: dict[str, str]) -> dict[str, int]:
    """field → first column index whose header names it."""
    found: dict[str, int] = {}
    for index, value in enumerate(values):
        if not isinstance(value, str):
            continue
        key = normalize_header(value)
        if not key:
            continue
        field_name = lookup.get(key) or loose.get(_without_brackets(key))
        if field_name is not None and field_name not in found:
            found[field_name] = index
    return found


def _lookups(specs: Iterable[ColumnSpec]) -> tuple[dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    loose: dict[str, str] = {}
    for spec in specs:
        for name in spec.names():
            key = normalize_header(name)
            exact.setdefault(key, spec.field)
            loose.setdefault(_without_brackets(key), spec.field)
    return exact, loose


def find_header(
    rows: Iterator[SheetRow],
    specs: Sequence[ColumnSpec],
    *,
    scan_rows: int = HEADER_SCAN_ROWS,
    what: str = "表格",
) -> tuple[HeaderMap, Iterator[SheetRow]]:
    """Find the header among the first ``scan_rows`` rows; return it and the rows after it.

    The header is the row that names the most known columns (at least two, or the single required one).
    Raise :class:`ValidationFailed` listing the missing columns (with the names each may go by) if required
    columns are missing, and :class:`YuluError` if no row looks like a header. ``what`` names the kind of
    sheet in messages (e.g. "全国防返贫监测信息系统导出表").
    """
    by_field = {s.field: s for s in specs}
    exact, loose = _lookups(specs)
    buffered: list[SheetRow] = []
    best: tuple[int, int, dict[str, int]] | None = None  # (position in buffer, row number, matches)
    for row in rows:
        buffered.append(row)
        number, values = row
        if not is_blank(values):
            matches = _match_row(values, exact, loose)
            if matches and (best is None or len(matches) > len(best[2])):
                best = (len(buffered) - 1, number, matches)
        if len(buffered) >= scan_rows:
            break

    required = [s for s in specs if s.required]
    minimum = 1 if len(required) <= 1 else 2
    if best is None or len(best[2]) < minimum:
        expected = "、".join(s.header for s in (required or specs))
        if not buffered or all(is_blank(v) for _, v in buffered):
            raise YuluError(f"{what}是空的：前 {scan_rows} 行没有内容")
        raise YuluError(
            f"在{what}的前 {scan_rows} 行中没有找到表头。表头应包含这些列：{expected}。"
            "请确认选择了正确的文件和工作表",
        )

    position, number, matches = best
    header_values = buffered[position][1]
    headers = tuple(display_header(v) for v in header_values)
    missing = [s for s in required if s.field not in matches]
    if missing:
        issues = [
            Issue(
                field=s.field,
                label=s.header,
                row=number,
                message=f"第{number}行的表头中缺少“{s.header}”列"
                + (f"（也可写作：{'、'.join(s.aliases)}）" if s.aliases else ""),
            )
            for s in missing
        ]
        raise ValidationFailed(issues)

    notes = []
    for index, value in enumerate(header_values):
        if not isinstance(value, str):
            continue
        key = normalize_header(value)
        field_name = exact.get(key) or loose.get(_without_brackets(key))
        if field_name is not None and matches.get(field_name) != index:
            first = matches[field_name]
            notes.append(
                Issue(
                    field=field_name,
                    label=f"{headers[index]}（{column_letter(index)}列）",
                    row=number,
                    severity=Severity.WARNING,
                    message=f"与{headers[first]}（{column_letter(first)}列）是同一项，只读取{column_letter(first)}列",
                )
            )
    header = HeaderMap(row=number, columns=matches, headers=headers, specs=by_field, notes=tuple(notes))
    return header, chain(buffered[position + 1 :], rows)


def is_repeated_header(values: Sequence[CellValue], header: HeaderMap) -> bool:
    """True if a data row repeats the header (sheets printed in pages often do)."""
    return all(
        index < len(values) and normalize_header(values[index]) == normalize_header(header.headers[index])
        for index in header.columns.values()
    )
