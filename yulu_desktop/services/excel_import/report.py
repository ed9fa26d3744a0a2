"""What an import found and did: :class:`ImportReport`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from yulu_desktop.domain.errors import Issue
from yulu_desktop.excel import national as nat
from yulu_desktop.excel.lists import LIST_TITLES
from yulu_desktop.excel.results import RejectedRow, format_issues, sort_issues

IMPORT_KINDS: Final = ("national", "intent", "students", "graduates")
KIND_TITLES: Final[Mapping[str, str]] = {"national": nat.WHAT, **LIST_TITLES}


@dataclass
class ImportReport:
    """What an import found and did. Counts are of rows of the sheet (people for the national export).

    ``applied`` is True when the changes were written (False for a dry run or a refused all-or-nothing
    import). ``issues`` holds every problem (errors and warnings) with its Excel row and column;
    ``rejected_rows`` the rows not imported, ``rejected_path`` the file they were written to, if any.
    """

    kind: str
    path: Path
    dry_run: bool = False
    applied: bool = False
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    rejected: int = 0
    households_new: int = 0
    households_changed: int = 0
    org_units_new: int = 0
    issues: list[Issue] = field(default_factory=list)
    rejected_rows: list[RejectedRow] = field(default_factory=list)
    headers: tuple[str, ...] = ()
    rejected_path: Path | None = None
    column_letters: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True if no row was rejected."""
        return self.rejected == 0

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.is_error]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if not i.is_error]

    def summary(self) -> str:
        """One line in Chinese: 新增 3 人，修改 2 人，未变 10 人，未导入 1 行（…）."""
        unit = "人" if self.kind == "national" else "条"
        text = (
            f"新增 {self.new} {unit}，修改 {self.changed} {unit}，未变 {self.unchanged} {unit}，"
            f"未导入 {self.rejected} 行"
        )
        if self.kind == "national" and (self.households_new or self.households_changed):
            text += f"；户：新增 {self.households_new}，修改 {self.households_changed}"
        if self.org_units_new:
            text += f"；新建行政区划 {self.org_units_new} 个"
        if self.warnings:
            text += f"；另有 {len(self.warnings)} 条提醒，请查看"
        if self.dry_run:
            return "试导入（未写入任何数据）：" + text
        if not self.applied:
            return (
                f"有 {self.rejected} 行不符合要求，未导入任何数据（可改正后重新导入，或选择跳过有问题的行）"
            )
        return "已导入：" + text

    def problems(self, limit: int | None = None) -> str:
        """The problems, one per line (errors first), capped at ``limit`` lines with a count of the rest."""
        ordered = sort_issues(self.errors) + sort_issues(self.warnings)
        return format_issues(ordered, limit)


def default_rejected_path(source: str | Path) -> Path:
    """Where rejected rows go when the caller did not say: next to the source, ``名单-未导入的行.xlsx``."""
    source = Path(source)
    return source.with_name(f"{source.stem}-未导入的行.xlsx")
