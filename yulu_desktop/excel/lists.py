"""The three lists (三个清单) as sheets: their columns, and reading an edited sheet back.

One column spec per list serves both directions: :func:`write_list` exports with it, :func:`parse_list` reads
the same sheet after a cadre edited it. The last column, 记录编号, holds the record's UUID (hidden), so each
row is matched to the record it came from and only the cells that changed need applying. Rows without a
记录编号 are new rows typed in by the user (or a hand-kept list without the column).

Reading back, a row gives ``values`` for the columns present in the sheet only: a column the user deleted
is not "cleared". A sensitive cell still masked as exported (110105********002X) means "unchanged" and is
left out of ``values`` too (listed in ``ListRow.masked``). An empty cell is ``None``: the user cleared it.
Derived columns (性别, 出生日期 from the ID number) are exported for reading and ignored on import.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any, Final, Literal

from yulu_desktop.domain import codes
from yulu_desktop.domain.errors import Issue
from yulu_desktop.excel import cells
from yulu_desktop.excel.headers import ColumnSpec, find_header, is_repeated_header
from yulu_desktop.excel.results import ParsedSheet, RejectedRow, sort_issues
from yulu_desktop.excel.sheets import CellValue, is_blank, open_sheet
from yulu_desktop.excel.writer import Column, Mask, write_xlsx

ListKind = Literal["intent", "students", "graduates"]

KEY_FIELD: Final = "record_id"
KEY_HEADER: Final = "记录编号"
#: Fields derived from others (the ID number): exported for reading, never imported.
DERIVED_FIELDS: Final = frozenset({"sex", "birth_date"})

_KEY = Column(KEY_FIELD, KEY_HEADER, width=38, hidden=True, aliases=("记录ID", "记录id"))

_PLACE = (
    Column("county", "县（市、区）", width=12, aliases=("县", "县区", "区县")),
    Column("township", "乡镇", width=12, aliases=("乡", "乡（镇）")),
    Column("village", "行政村", width=12, aliases=("村",)),
    Column("household_no", "户编号", width=20, aliases=("户码",)),
)
_PERSON = (
    Column("name", "姓名", width=10, required=True),
    Column(
        "id_number",
        "身份证号",
        width=21,
        kind="id",
        required=True,
        aliases=("证件号码", "身份证号码", "公民身份号码"),
    ),
    Column("sex", "性别", width=6, kind="code", codes=codes.SEX),
    Column("birth_date", "出生日期", width=12, kind="date"),
)
_PHONE = Column("phone", "联系电话", width=14, kind="phone", aliases=("联系方式", "手机号", "手机号码"))

INTENT_COLUMNS: Final[tuple[Column, ...]] = (
    *_PLACE,
    *_PERSON,
    _PHONE,
    Column("student_status", "在校生状况", width=14, kind="code", codes=codes.STUDENT_STATUS),
    Column(
        "wants_vocational", "有无就读职业院校意愿", width=12, kind="bool", aliases=("就读意愿", "是否有意愿")
    ),
    Column("desired_school_type", "意向学校类型", width=12, kind="code", codes=codes.SCHOOL_TYPE),
    Column("desired_school", "意向学校", width=24),
    Column("desired_major", "意向专业", width=16),
    Column("expected_year", "预计入学年份", width=10, kind="int"),
    Column("wants_employment_help", "是否需要就业帮扶", width=10, kind="bool"),
    Column("recorded_on", "登记日期", width=12, kind="date", required=True, aliases=("了解日期", "走访日期")),
    Column("notes", "备注", width=30),
    _KEY,
)

STUDENT_COLUMNS: Final[tuple[Column, ...]] = (
    *_PLACE,
    *_PERSON,
    Column("school_year", "学年", width=11, required=True),
    Column("semester", "学期", width=10, kind="code", codes=codes.SEMESTER, required=True),
    Column("school_name", "学校名称", width=26, required=True, aliases=("就读学校", "学校")),
    Column("school_type", "学校类型", width=12, kind="code", codes=codes.SCHOOL_TYPE, required=True),
    Column("major", "专业", width=16, aliases=("所学专业",)),
    Column("length_years", "学制（年）", width=8, kind="int", aliases=("学制",)),
    Column("entry_date", "入学时间", width=12, kind="date", aliases=("入学日期",)),
    Column("grade", "年级", width=10),
    Column("registry_no", "学籍号", width=22),
    Column("registry_status", "学籍状态", width=10, kind="code", codes=codes.REGISTRY_STATUS),
    Column("payee_name", "持卡人", width=10, aliases=("户名",)),
    Column("payee_bank", "开户行", width=16),
    Column(
        "payee_account", "一卡通（折）账号", width=24, kind="account", aliases=("银行账号", "账号", "卡号")
    ),
    _PHONE,
    _KEY,
)

GRADUATE_COLUMNS: Final[tuple[Column, ...]] = (
    *_PLACE,
    *_PERSON,
    Column("school_name", "毕业学校", width=26, aliases=("学校名称",)),
    Column("major", "所学专业", width=16, aliases=("专业",)),
    Column("graduation_date", "毕业时间", width=12, kind="date", aliases=("毕业日期",)),
    Column("effective_date", "去向变动日期", width=12, kind="date", required=True, aliases=("去向日期",)),
    Column("destination", "毕业去向", width=10, kind="code", codes=codes.DESTINATION, required=True),
    Column("employer", "就业单位", width=26, aliases=("工作单位",)),
    Column("industry", "行业", width=12),
    Column("job", "岗位", width=12, aliases=("工作岗位",)),
    Column("place", "就业地点", width=16, aliases=("工作地点",)),
    Column("channel", "就业渠道", width=12, kind="code", codes=codes.JOB_CHANNEL),
    Column("monthly_income_fen", "月收入（元）", width=12, kind="money", aliases=("月收入", "月工资")),
    Column("matches_major", "是否专业对口", width=10, kind="bool"),
    Column("change_reason", "变动原因", width=20),
    Column("source", "信息来源", width=10, kind="code", codes=codes.EMPLOYMENT_SOURCE),
    Column("verified_by", "核实人", width=10),
    _PHONE,
    _KEY,
)

#: Columns a row may leave empty all together, though some of them are required once one is filled in: a
#: graduate with no destination yet (待就业) is listed with the employment columns blank.
BLANK_TOGETHER: Final[Mapping[str, frozenset[str]]] = MappingProxyType(
    {
        "graduates": frozenset(
            {
                "effective_date",
                "destination",
                "employer",
                "industry",
                "job",
                "place",
                "channel",
                "monthly_income_fen",
                "matches_major",
                "change_reason",
                "source",
                "verified_by",
            }
        )
    }
)

LIST_COLUMNS: Final[Mapping[str, tuple[Column, ...]]] = MappingProxyType(
    {"intent": INTENT_COLUMNS, "students": STUDENT_COLUMNS, "graduates": GRADUATE_COLUMNS}
)
LIST_TITLES: Final[Mapping[str, str]] = MappingProxyType(
    {
        "intent": "入读职业院校意愿清单",
        "students": "雨露计划在读学生清单",
        "graduates": "雨露计划毕业生就业去向清单",
    }
)


@dataclass(frozen=True, slots=True)
class ListRow:
    """One valid row of an edited list: ``key`` the record UUID (None for a new row), ``values`` field →
    typed value (codes as codes, money in fen, dates as dates; None = cleared) for the columns present,
    ``masked`` the sensitive fields left masked (unchanged)."""

    row_number: int
    key: str | None
    values: Mapping[str, object]
    masked: tuple[str, ...] = ()


def write_list(
    path: str | os.PathLike[str],
    kind: ListKind,
    rows: Iterable[Mapping[str, Any]],
    *,
    mask: Mask = True,
    title: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Export a list (rows: field → stored value, including ``record_id``); see :func:`write_xlsx`."""
    return write_xlsx(
        path,
        LIST_COLUMNS[kind],
        rows,
        title=title,
        mask=mask,
        sheet_name=LIST_TITLES[kind],
        progress=progress,
    )


def _specs(columns: Sequence[Column]) -> list[ColumnSpec]:
    # The header must name the person; other required columns are checked per row.
    return [
        ColumnSpec(c.field, c.header, c.aliases, required=c.field in ("name", "id_number")) for c in columns
    ]


def parse_list(
    path: str | os.PathLike[str],
    kind: ListKind,
    *,
    sheet: str | None = None,
    today: dt.date | None = None,
) -> ParsedSheet[ListRow]:
    """Read an edited list sheet back and validate every row; nothing is written.

    Raises ``YuluError`` if the file cannot be read or its header lacks 姓名/身份证号 (``ValidationFailed``).
    Two rows with the same 记录编号 are both rejected (a copied row must have its 记录编号 cleared).
    """
    return parse_list_columns(
        path,
        LIST_COLUMNS[kind],
        what=LIST_TITLES[kind],
        sheet=sheet,
        today=today,
        blank_together=BLANK_TOGETHER.get(kind, frozenset()),
    )


def parse_list_columns(
    path: str | os.PathLike[str],
    columns: Sequence[Column],
    *,
    what: str = "表格",
    sheet: str | None = None,
    today: dt.date | None = None,
    blank_together: frozenset[str] = frozenset(),
) -> ParsedSheet[ListRow]:
    """:func:`parse_list` for any column set (``blank_together``: see :data:`BLANK_TOGETHER`)."""
    today = today or dt.date.today()
    with open_sheet(path, sheet=sheet) as reader:
        header, rows = find_header(reader.rows(), _specs(columns), what=what)
        by_field = {c.field: c for c in columns}
        present = [(by_field[f], i, header.label(f)) for f, i in header.columns.items()]
        valid: list[ListRow] = []
        rejected: list[RejectedRow] = []
        issues: list[Issue] = list(header.notes)
        keys: dict[str, int] = {}
        duplicates: dict[int, list[int]] = {}
        for number, values in rows:
            if is_blank(values) or is_repeated_header(values, header):
                continue
            record, key, found = _parse_row(number, values, present, today, blank_together)
            if key is not None:
                first = keys.setdefault(key, number)
                if first != number:
                    duplicates.setdefault(first, []).append(number)
                    found.append(
                        Issue(
                            field=KEY_FIELD,
                            label=header.label(KEY_FIELD),
                            row=number,
                            message=f"与第{first}行的记录编号相同；复制出来的新行请清空记录编号",
                        )
                    )
            issues.extend(found)
            if record is not None and not any(i.is_error for i in found):
                valid.append(record)
            else:
                rejected.append(RejectedRow(number, header.raw_values(values), tuple(found)))
        notes = list(reader.notes)

    if duplicates:
        firsts = {}
        for first, later in duplicates.items():
            issue = Issue(
                field=KEY_FIELD,
                label=header.label(KEY_FIELD),
                row=first,
                message=f"与{_row_list(later)}的记录编号相同，无法确定哪一行是原记录",
            )
            issues.append(issue)
            firsts[first] = issue
        keep = []
        for record in valid:
            if record.row_number in firsts:
                rejected.append(_rejected_from(record, header.header_keys, header.columns, columns, firsts))
            else:
                keep.append(record)
        valid = keep
        rejected = [
            replace(r, issues=(*r.issues, firsts[r.row_number]))
            if r.row_number in firsts and firsts[r.row_number] not in r.issues
            else r
            for r in rejected
        ]
        rejected.sort(key=lambda r: r.row_number)
    return ParsedSheet(
        rows=valid,
        rejected=rejected,
        issues=sort_issues(issues),
        header_row=header.row,
        column_letters=header.column_letters,
        headers=header.header_keys,
        sheet_name=reader.sheet_name,
        notes=notes,
    )


def _row_list(rows: Sequence[int], limit: int = 10) -> str:
    shown = "、".join(f"第{r}行" for r in rows[:limit])
    return shown + (f"等{len(rows)}行" if len(rows) > limit else "")


def _rejected_from(
    record: ListRow,
    header_keys: Sequence[str],
    positions: Mapping[str, int],
    columns: Sequence[Column],
    firsts: Mapping[int, Issue],
) -> RejectedRow:
    by_field = {c.field: c for c in columns}
    values: dict[str, CellValue] = dict.fromkeys(header_keys)
    for field_name, value in [*record.values.items(), (KEY_FIELD, record.key)]:
        index = positions.get(field_name)
        if index is None or index >= len(header_keys):
            continue
        column = by_field[field_name]
        if column.kind == "code" and column.codes is not None and isinstance(value, str):
            value = column.codes.label(value)
        elif column.kind == "money" and isinstance(value, int):
            value = value / 100
        elif column.kind == "bool" and isinstance(value, bool):
            value = "是" if value else "否"
        values[header_keys[index]] = (
            value if isinstance(value, str | int | float | dt.date | None) else str(value)
        )
    return RejectedRow(record.row_number, values, (firsts[record.row_number],))


def _parse_row(
    number: int,
    values: tuple[CellValue, ...],
    present: Sequence[tuple[Column, int, str]],
    today: dt.date,
    blank_together: frozenset[str] = frozenset(),
) -> tuple[ListRow | None, str | None, list[Issue]]:
    out: dict[str, object] = {}
    masked: list[str] = []
    issues: list[Issue] = []
    empty_required: list[tuple[Column, str]] = []
    key: str | None = None
    n = len(values)
    for column, index, label in present:
        raw = values[index] if index < n else None
        name = column.field
        if name in DERIVED_FIELDS:
            continue
        if name == KEY_FIELD:
            key, found = _read_key(raw, label)
            issues += found
            continue
        if column.is_sensitive and cells.is_masked(raw):
            masked.append(name)
            continue
        value, found = _read(column, raw, label, today)
        issues += found
        if value is None and column.required and not any(i.is_error for i in found):
            empty_required.append((column, label))
        out[name] = value
    all_blank = bool(blank_together) and all(out.get(name) is None for name in blank_together)
    for column, label in empty_required:
        if not (all_blank and column.field in blank_together):
            issues.append(cells.error(column.field, label, f"{column.header}不能为空"))
    if issues:
        issues = [replace(i, row=number) for i in issues]
    if any(i.is_error for i in issues):
        return None, key, issues
    return ListRow(number, key, MappingProxyType(out), tuple(masked)), key, issues


def _read_key(raw: CellValue, label: str) -> tuple[str | None, list[Issue]]:
    text = cells.cell_text(raw)
    if text is None:
        return None, []
    try:
        return str(uuid.UUID(text)), []
    except ValueError:
        return None, [
            cells.error(
                KEY_FIELD,
                label,
                f"“{text}”不是有效的记录编号，这一列由系统生成，请不要修改（新增的行请留空）",
            )
        ]


def _read(column: Column, raw: CellValue, label: str, today: dt.date) -> tuple[object, list[Issue]]:
    name = column.field
    kind = column.kind
    if kind == "id":
        parsed, found = cells.read_id_number(raw, name, label, today)
        return (parsed.value if parsed is not None else None), found
    if kind == "phone":
        return cells.read_phone(raw, name, label)
    if kind == "account":
        return cells.read_account(raw, name, label)
    if kind == "date":
        return cells.read_date(raw, name, label)
    if kind == "int":
        return cells.read_int(raw, name, label)
    if kind == "money":
        return cells.read_money(raw, name, label)
    if kind == "bool":
        return cells.read_bool(raw, name, label)
    if kind == "code" and column.codes is not None:
        return cells.read_code(raw, column.codes, name, label)
    if name in ("household_no", "registry_no"):
        return cells.read_identifier(raw, name, label)
    return cells.read_text(raw, name, label)


__all__ = [
    "GRADUATE_COLUMNS",
    "INTENT_COLUMNS",
    "KEY_FIELD",
    "KEY_HEADER",
    "LIST_COLUMNS",
    "LIST_TITLES",
    "STUDENT_COLUMNS",
    "ListKind",
    "ListRow",
    "parse_list",
    "parse_list_columns",
    "write_list",
]
