"""What a sheet parser returns: the valid rows, the rejected ones with their reasons, and every issue."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from yulu_desktop.domain.errors import Issue
from yulu_desktop.excel.sheets import CellValue

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RejectedRow:
    """A row that will not be imported: its Excel row number, its cells as read (header → value, every column
    of the sheet, in sheet order) and why (at least one error; warnings of the row too)."""

    row_number: int
    values: Mapping[str, CellValue]
    issues: tuple[Issue, ...]

    def reason(self) -> str:
        """The reasons in one line for the 错误原因 column: "证件号码（H列）：…；姓名（C列）：不能为空"."""
        return "；".join(_without_row(i) for i in self.issues if i.is_error) or "；".join(
            _without_row(i) for i in self.issues
        )


def _without_row(issue: Issue) -> str:
    return f"{issue.label}：{issue.message}" if issue.label else issue.message


@dataclass
class ParsedSheet(Generic[T]):
    """A whole sheet parsed and validated; nothing has been written anywhere.

    ``rows`` are the valid rows (warnings allowed), ``rejected`` the rows with at least one error, ``issues``
    every problem found (errors and warnings, row-level and sheet-level such as duplicates), ordered by row.
    ``header_row`` is the Excel row of the header; ``headers`` the header texts of every column of the sheet
    (the keys of ``RejectedRow.values``), for writing the rejected rows back; ``column_letters`` maps each
    recognised field to its column letter; ``notes`` are messages about ignored parts of the file.
    """

    rows: list[T]
    rejected: list[RejectedRow]
    issues: list[Issue]
    header_row: int
    column_letters: dict[str, str]
    headers: tuple[str, ...] = ()
    sheet_name: str = ""
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    @property
    def ok(self) -> bool:
        """True if nothing was rejected (an all-or-nothing import may go ahead)."""
        return not self.rejected and not self.errors

    def report(self, limit: int | None = None) -> str:
        """The problems as text, one per line (at most ``limit`` lines, then a count of the rest)."""
        return format_issues(self.issues, limit)


def format_issues(issues: Iterable[Issue], limit: int | None = None) -> str:
    items = list(issues)
    lines = [i.text() for i in (items if limit is None else items[:limit])]
    if limit is not None and len(items) > limit:
        lines.append(f"……另有 {len(items) - limit} 个问题")
    return "\n".join(lines)


def sort_issues(issues: Iterable[Issue]) -> list[Issue]:
    return sorted(issues, key=lambda i: i.row if i.row is not None else 0)
