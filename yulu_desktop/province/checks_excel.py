"""The cross-county findings as an Excel file (``yulu-province checks --xlsx`` and the page's download): one
sheet per kind of check, one line per county involved in a finding, so that each county can be sent its lines.
The only identifier, the ID number, is masked already (the province never holds it in clear)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Final

from yulu_desktop.domain.rules import term_label
from yulu_desktop.excel.writer import Column, SheetContent, write_workbook
from yulu_desktop.province.checks import CHECK_LABELS, CheckKind, CheckRow

COLUMNS: Final = (
    Column("number", "序号", width=6, kind="int"),
    Column("term", "学期", width=14),
    Column("message", "情况", width=40),
    Column("county_code", "县代码", width=10, kind="code"),
    Column("county", "县", width=12),
    Column("township", "乡镇", width=12),
    Column("village", "村", width=12),
    Column("household_no", "户编号", width=16, kind="code"),
    Column("name", "姓名", width=10),
    Column("id_masked", "身份证号（脱敏）", width=20),
    Column("detail", "该县记录", width=40),
)


def sheets(rows: Sequence[CheckRow], kinds: Iterable[CheckKind], scope: str, made: str) -> list[SheetContent]:
    """One sheet per kind in ``kinds`` (empty ones too, so that "none found" is in the file); ``scope`` names
    the counties shown (全部县, 城口县), ``made`` when the file was made."""
    out: list[SheetContent] = []
    for kind in kinds:
        found = [r for r in rows if r.kind == kind]
        lines: list[dict[str, Any]] = [
            {
                "number": number,
                "term": term_label(row.term) if row.term else "",
                "message": row.message,
                "county_code": party.county_code,
                "county": party.county_name,
                "township": party.township,
                "village": party.village,
                "household_no": party.household_no,
                "name": party.name,
                "id_masked": party.id_masked,
                "detail": party.detail,
            }
            for number, row in enumerate(found, start=1)
            for party in row.parties
        ]
        title = f"跨县核查 · {CHECK_LABELS[kind]} · {scope} · {len(found)} 条（{made} 导出）"
        out.append((CHECK_LABELS[kind], title, COLUMNS, lines))
    return out


def write(path: Path, content: list[SheetContent]) -> None:
    write_workbook(path, content, mask=False)
