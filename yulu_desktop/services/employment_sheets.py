"""The machinery the employment spreadsheets share (issue 16): a sheet's columns, reading its data rows, a row's
cells with their problems at Excel row and column ("第3行，行业（C列）：…"), looking up stored schools and
enterprises by name and people by ID number, a file's rows that name one record twice, the plan of what an
import writes, and the all-or-nothing import and audited export around it.

``services.employment_excel`` (schools, enterprises, positions), ``services.employment_excel_events`` (job
fairs, agreements, referrals) and ``services.employment_excel_followups`` (follow-ups, fair invitations) each
declare their sheets and how a row becomes a record; everything else is here, once.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Final, Protocol, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import codes, employment, rules
from yulu_desktop.domain.access import Actor
from yulu_desktop.domain.entities import Enterprise, School
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.jurisdiction import Jurisdiction
from yulu_desktop.excel import cells
from yulu_desktop.excel.headers import ColumnSpec, HeaderMap, find_header, is_repeated_header
from yulu_desktop.excel.results import sort_issues
from yulu_desktop.excel.sheets import CellValue, is_blank, open_sheet
from yulu_desktop.excel.writer import Column, Mask, write_xlsx
from yulu_desktop.services import records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = [
    "EnterpriseIndex",
    "ImportResult",
    "Once",
    "Person",
    "Plan",
    "Row",
    "SchoolIndex",
    "Sheet",
    "export_sheet",
    "inside_jurisdiction",
    "join_names",
    "lookup",
    "name_key",
    "person_of",
    "read_rows",
    "run_import",
    "same_majors",
]

T = TypeVar("T")

#: What separates the items of a list cell (majors, schools, enterprises): 顿号 first, also commas and the like.
LIST_SPLIT: Final = re.compile(r"[、,，;；/|\n]+")


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class Sheet:
    """One kind of sheet: its title (学校表), what one row is (学校), the entity it writes, the table the audit
    log names, its columns, and the entity fields whose problems show in another column (``column_of``)."""

    title: str
    what: str
    entity: type
    table: str
    columns: tuple[Column, ...]
    column_of: Mapping[str, str] = dataclasses.field(default_factory=dict)


def join_names(values: Iterable[str]) -> str:
    """A list cell as exported: ``数控技术应用、护理``."""
    return "、".join(values)


def name_key(text: str) -> str:
    """A name compared as people type it: without spaces."""
    return "".join(text.split())


def lookup(names: Mapping[str, list[T]], text: str) -> list[T]:
    """The records of ``names`` (name key → records) called ``text``; none for an empty cell."""
    return names.get(name_key(text), []) if text else []


class Row:
    """One data row being read: its cells, and the issues found (with its row number and column labels)."""

    def __init__(
        self, number: int, values: Sequence[CellValue], header: HeaderMap, column_of: Mapping[str, str]
    ) -> None:
        self.number = number
        self.values = values
        self.header = header
        self.column_of = column_of
        self.issues: list[Issue] = []

    def label(self, field: str) -> str:
        return self.header.label(field)

    def raw(self, field: str) -> CellValue:
        return self.header.value(self.values, field)

    def _add(self, found: list[Issue]) -> None:
        self.issues += [dataclasses.replace(i, row=self.number) for i in found]

    def error(self, field: str, message: str) -> None:
        self.issues.append(Issue(field=field, label=self.label(field), message=message, row=self.number))

    def has_error(self, field: str) -> bool:
        return any(i.field == field and i.is_error for i in self.issues)

    def text(self, field: str) -> str:
        value, found = cells.read_text(self.raw(field), field, self.label(field))
        self._add(found)
        return value or ""

    def code(self, field: str, codelist: codes.CodeList, default: str = "") -> str:
        value, found = cells.read_code(self.raw(field), codelist, field, self.label(field))
        self._add(found)
        return value or default

    def identifier(self, field: str) -> str | None:
        value, found = cells.read_identifier(self.raw(field), field, self.label(field))
        self._add(found)
        return employment.normalize_credit_code(value)

    def credit_code(self, field: str) -> str | None:
        """A 统一社会信用代码 cell, normalised; None for an empty cell. A cell that holds no valid code (a company
        name typed there, a character missing or mistyped) is an error, and None: it is never looked up as a
        code."""
        code = self.identifier(field)
        problem = employment.credit_code_problem(code)
        if problem is not None:
            self.error(field, f"“{code}”不是有效的统一社会信用代码：{problem}；没有代码请留空")
            return None
        return code

    def names(self, field: str) -> list[str]:
        """The items of a list cell, each once, in order."""
        found: list[str] = []
        for part in LIST_SPLIT.split(self.text(field)):
            part = part.strip()
            if part and part not in found:
                found.append(part)
        return found

    def majors(self, field: str) -> str:
        return json.dumps(self.names(field), ensure_ascii=False)

    def money(self, field: str) -> int | None:
        value, found = cells.read_money(self.raw(field), field, self.label(field))
        self._add(found)
        return value

    def integer(self, field: str) -> int | None:
        value, found = cells.read_int(self.raw(field), field, self.label(field))
        self._add(found)
        return value

    def flag(self, field: str) -> bool | None:
        """是/否 (and Y/N, 1/0, √/×); None for an empty cell."""
        value, found = cells.read_bool(self.raw(field), field, self.label(field))
        self._add(found)
        return value

    def day(self, field: str) -> date | None:
        value, found = cells.read_date(self.raw(field), field, self.label(field))
        self._add(found)
        return value

    def required(self, field: str, value: object) -> None:
        if value in (None, "") and not any(i.field == field for i in self.issues):
            self.error(field, "不能为空")

    def domain(self, found: Iterable[Issue]) -> None:
        """Issues of the domain checks, placed in this row's columns."""
        for issue in found:
            column = self.column_of.get(issue.field, issue.field)
            if self.has_error(column):
                continue  # the cell could not be read: that issue says it already
            label = self.label(column) if column in self.header.specs else issue.label
            self.issues.append(dataclasses.replace(issue, field=column, label=label, row=self.number))


@dataclass
class Plan:
    """What an import will write: new records, and (stored, draft) pairs to update."""

    added: list[Any] = dataclasses.field(default_factory=list)
    updated: list[tuple[Any, Any]] = dataclasses.field(default_factory=list)
    unchanged: int = 0

    def place(self, stored: Any | None, draft: Any) -> None:
        if stored is None:
            self.added.append(draft)
        elif rules.changed_fields(stored, draft):
            self.updated.append((stored, draft))
        else:
            self.unchanged += 1


def same_majors(stored: Any | None, draft: Any, field: str = "majors") -> Any:
    """``draft`` with the stored list text of ``field`` when the list is the same (no update for formatting
    alone)."""
    if stored is not None and employment.json_list(getattr(stored, field)) == employment.json_list(
        getattr(draft, field)
    ):
        return dataclasses.replace(draft, **{field: getattr(stored, field)})
    return draft


class _AtPlace(Protocol):
    place: str


Placed = TypeVar("Placed", bound=_AtPlace)


def one_at_place(row: Row, candidates: Sequence[Placed], place: str, ambiguous: str) -> Placed | None:
    """The stored record a row names among ``candidates`` (the records of its natural key: a fair's name and day,
    a campaign's day and topic): the only one, else the only one at the row's ``place``; several and no place
    is an error on the place ("已有{0}…" formatted with their number)."""
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        same_place = [c for c in candidates if name_key(c.place) == name_key(place)]
        if len(same_place) == 1:
            return same_place[0]
        if not place:
            row.error("place", ambiguous.format(len(candidates)))
    return None


def inside_jurisdiction(
    row: Row, field: str, reach: Jurisdiction, stored: Any | None, draft: Any, what: str
) -> None:
    """An error in ``field`` when the row would write ``draft`` (a new record, or a change to ``stored``) for a
    unit outside this laptop's jurisdiction, as the page refuses it and the county server would hold it back
    (``domain.jurisdiction``); ``what`` names the record ("这场招聘会"). A row that changes nothing writes
    nothing, so an exported sheet that holds other units' records imports back."""
    if stored is not None and not rules.changed_fields(stored, draft):
        return
    problem = reach.refusal(draft.unit_id)
    if problem is not None:
        row.error(field, f"{what}{problem}")


# --- one record per row, people by ID number ------------------------------------------------------------------


class Once:
    """Which row of the file first named each key, and which row matched each stored record."""

    def __init__(self) -> None:
        self.first: dict[Any, int] = {}
        self.matched: dict[str, int] = {}

    def key(self, row: Row, field: str, key: Any, message: str) -> bool:
        """An error when an earlier row had the same ``key`` ("与第{0}行…" formatted with its number); whether
        there was one."""
        if key in self.first:
            row.error(field, message.format(self.first[key]))
            return True
        self.first[key] = row.number
        return False

    def match(self, row: Row, field: str, stored: Any | None, what: str) -> None:
        if stored is None:
            return
        if stored.id in self.matched:
            row.error(field, f"与第{self.matched[stored.id]}行对应的是同一{what}，请合并为一行")
        self.matched.setdefault(stored.id, row.number)


@dataclass(frozen=True)
class Person:
    id: str
    name: str


def person_of(session: Session, row: Row, today: date) -> Person | None:
    """The person of the row's ID number (and name, when given), else an error naming the row."""
    raw = row.raw("id_number")
    label = row.label("id_number")
    if cells.is_masked(raw):
        row.error("id_number", f"“{raw}”是打码后的身份证号，无法对应人员；请导出完整身份证号后再导入")
        return None
    parsed, found = cells.read_id_number(raw, "id_number", label, today)
    numbers: set[str] = set()
    if parsed is not None:
        numbers.add(parsed.value)  # normalised, a legacy 15-digit number upgraded
    elif isinstance(raw, str) and raw.strip():
        numbers.add(normalize_id_number(raw))  # a stored number the checks refuse still finds its person
    p = schema.person
    people = (
        session.execute(select(p.c.id, p.c.name).where(p.c.id_number.in_(sorted(numbers)))).all()
        if numbers
        else []
    )
    if not people:
        if any(i.is_error for i in found):
            row.issues += [dataclasses.replace(i, row=row.number) for i in found]
        elif numbers:
            row.error(
                "id_number", f"本机数据中没有身份证号为 {sorted(numbers)[0]} 的人员，请先同步或核对号码"
            )
        else:
            row.required("id_number", "")
        return None
    if len(people) > 1:
        row.error("id_number", f"身份证号对应本机{len(people)}个人员，请先合并重复的人员")
        return None
    person = Person(people[0].id, people[0].name)
    written = row.text("name")
    if written and name_key(written) != name_key(person.name):
        row.error("name", f"身份证号对应的是“{person.name}”，与所填姓名“{written}”不符")
    return person


# --- stored records by name -----------------------------------------------------------------------------------


class SchoolIndex:
    """The stored schools by name (schools are told apart by name)."""

    def __init__(self, session: Session) -> None:
        self.by_name: dict[str, list[School]] = {}
        for s in session.execute(select(School)).scalars():
            self.by_name.setdefault(name_key(s.name), []).append(s)

    def one(self, row: Row, field: str, name: str) -> School | None:
        """The school called ``name``, else an error in ``field`` (and None)."""
        found = lookup(self.by_name, name)
        if not found:
            row.error(field, f"没有名为“{name}”的学校，请先录入或导入学校")
            return None
        return found[0]

    def many(self, row: Row, field: str) -> list[str]:
        """The ids of the schools a list cell names (each an error if unknown)."""
        ids = [s.id for name in row.names(field) if (s := self.one(row, field, name)) is not None]
        return list(dict.fromkeys(ids))


class EnterpriseIndex:
    """The stored enterprises by credit code and by name."""

    def __init__(self, session: Session) -> None:
        enterprises = list(session.execute(select(Enterprise)).scalars())
        self.by_id = {e.id: e for e in enterprises}
        self.by_code = {e.credit_code: e for e in enterprises if e.credit_code}
        self.by_name: dict[str, list[Enterprise]] = {}
        for e in enterprises:
            self.by_name.setdefault(name_key(e.name), []).append(e)

    def named(self, row: Row, field: str, name: str) -> Enterprise | None:
        """The one enterprise called ``name`` (or with that credit code), else an error in ``field``."""
        by_code = self.by_code.get(employment.normalize_credit_code(name) or "")
        if by_code is not None:
            return by_code
        found = lookup(self.by_name, name)
        if not found:
            row.error(field, f"没有名为“{name}”的企业，请先录入或导入企业")
        elif len(found) > 1:
            row.error(field, f"有{len(found)}家企业名为“{name}”，请改填它的统一社会信用代码")
        else:
            return found[0]
        return None

    def one(
        self, row: Row, name_field: str, name: str, code_field: str, code: str | None
    ) -> Enterprise | None:
        """The enterprise of a row's name and credit code cells (the code decides when given), else an error. A
        code cell with an error (``Row.credit_code``) names no enterprise, not even by the name cell."""
        if row.has_error(code_field):
            return None  # the row meant a code that cannot be read: that issue says it
        if code:
            enterprise = self.by_code.get(code)
            if enterprise is None:
                row.error(code_field, f"没有统一社会信用代码为 {code} 的企业，请先录入或导入企业")
            return enterprise
        if not name:
            return None
        found = lookup(self.by_name, name)
        if not found:
            row.error(name_field, f"没有名为“{name}”的企业，请先录入或导入企业")
        elif len(found) > 1:
            row.error(name_field, f"有{len(found)}家企业名为“{name}”，请填写统一社会信用代码")
        else:
            return found[0]
        return None

    def many(self, row: Row, field: str) -> list[str]:
        """The ids of the enterprises a list cell names, by name or credit code (each an error if unknown)."""
        ids = [e.id for name in row.names(field) if (e := self.named(row, field, name)) is not None]
        return list(dict.fromkeys(ids))

    def names_of(self, ids: Iterable[str]) -> str:
        """A list cell of enterprises as exported: names, or the credit code where a name is not unique."""
        shown = []
        for record_id in ids:
            e = self.by_id.get(record_id)
            if e is None:
                continue  # deleted: the export leaves it out, as the screens show （企业已删除）
            unique = len(self.by_name.get(name_key(e.name), [])) == 1
            shown.append(e.name if unique or not e.credit_code else e.credit_code)
        return join_names(shown)


# --- reading, importing, exporting ----------------------------------------------------------------------------


def read_rows(path: Path, sheet: Sheet) -> tuple[HeaderMap, list[Row]]:
    """The header of ``sheet`` in the file and its data rows (blank rows and repeated headers left out)."""
    specs = [ColumnSpec(c.field, c.header, c.aliases, c.required) for c in sheet.columns]
    with open_sheet(path) as reader:
        header, rows = find_header(reader.rows(), specs, what=sheet.title)
        found = [
            Row(number, values, header, sheet.column_of)
            for number, values in rows
            if not is_blank(values) and not is_repeated_header(values, header)
        ]
    return header, found


def _write_plan(session: Session, plan: Plan) -> None:
    for record in plan.added:
        session.add(record)
    for stored, draft in plan.updated:
        for name in rules.changed_fields(stored, draft):
            setattr(stored, name, getattr(draft, name))
    session.flush()


def run_import(
    db: Database,
    sheet: Sheet,
    path: Path,
    who: Actor,
    read: Callable[[Session, list[Row], Plan], None],
    *,
    write: Callable[[Session, Plan], None] = _write_plan,
) -> ImportResult:
    """Read the rows of ``path`` with ``read`` (which fills the plan and the rows' issues), then write the plan
    with ``write`` and audit it ``import``, all in one transaction — or, while any row has an error, write
    nothing and raise ``ValidationFailed`` with every problem, by row."""
    _header, rows = read_rows(Path(path), sheet)
    plan = Plan()
    with records.writing(db, who.audit_name) as session:
        read(session, rows, plan)
        issues = [i for row in rows for i in row.issues if i.is_error]
        if not rows:
            issues.append(Issue(field="", label=sheet.title, message=f"{sheet.title}中没有数据行"))
        if issues:
            raise ValidationFailed(sort_issues(issues))
        write(session, plan)
        records.record_audit(
            session,
            actor=who.audit_name,
            action="import",
            entity=sheet.table,
            detail=(
                f"{sheet.title} ← {Path(path).name}：新增 {len(plan.added)}，更新 {len(plan.updated)}，"
                f"未变 {plan.unchanged}"
            ),
        )
    return ImportResult(added=len(plan.added), updated=len(plan.updated), unchanged=plan.unchanged)


def export_sheet(
    db: Database,
    sheet: Sheet,
    rows: Iterable[Mapping[str, Any]],
    path: Path,
    *,
    who: Actor,
    mask: Mask = False,
    note: str = "",
) -> int:
    """Write ``rows`` under the sheet's columns to ``path`` and audit it ``export``; the number of rows. With
    no rows the file is the empty import template."""
    target = Path(path)
    count = write_xlsx(target, sheet.columns, rows, mask=mask, sheet_name=sheet.title)
    records.audit_file(
        db,
        target,
        actor=who.audit_name,
        action="export",
        entity=sheet.table,
        detail=f"{sheet.title} {count} 行 → {target.name}" + (f"；{note}" if note else ""),
    )
    return count
