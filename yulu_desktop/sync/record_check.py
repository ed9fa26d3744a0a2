"""What a laptop can store: the shared tables' schema and the domain's code lists, checked on plain values.

The county server checks every pushed field with these functions before it stores anything (a laptop that
sends a JSON object for a name, an over-long code or an unknown code is answered with a Chinese reason for that
entry, and the rest of its batch goes on), and a laptop checks every pulled change again before applying it
(defence in depth: a value the server stored before it checked is set aside, never a wedged sync).

The rules are read from ``store.schema.SHARED_TABLES`` (column types, lengths, NOT NULL, CHECK lists, unique
constraints, foreign keys) and ``domain.rules.CODED_FIELDS`` (code lists), so a column added to the laptop's
schema is checked on the server without another list to keep in step. Values are as they travel: the journal
triggers' JSON (dates as ``YYYY-MM-DD`` text, booleans as 0/1, timestamps as ISO text).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from yulu_desktop.domain import codes
from yulu_desktop.domain.errors import Severity
from yulu_desktop.domain.idcard import id_number_issues
from yulu_desktop.domain.rules import CODED_FIELDS, label
from yulu_desktop.store.schema import (
    APPEND_ONLY_TABLES,
    LOCAL_ONLY_COLUMNS,
    SHARED_TABLES,
    VOID_COLUMNS,
    VOIDABLE_TABLES,
)

#: Tables the county owns: written by the county (admin commands or a county-role device), read by everyone.
COUNTY_OWNED = frozenset(
    {
        "org_unit",
        "subsidy_setting",
        "subsidy_rule",
        "subsidy_window",
        "subsidy_payment_batch",
        "school",
        "enterprise",
        "employment_agreement",
    }
)
#: Tables a township or the county writes (positions and job fairs, issue 16), read by every laptop below.
TOWNSHIP_OWNED = frozenset({"job_position", "job_fair"})

#: Largest integer a laptop's SQLite column (and the server's JSON) takes.
_INT_RANGE = (-(2**63), 2**63 - 1)
#: Longest text in a free-text column: far beyond any real note, short enough that no page of them is absurd.
MAX_TEXT_LENGTH = 20_000

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_IN_LIST = re.compile(r"^\s*(\w+)\s+IN\s*\((.*)\)\s*$", re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True, slots=True)
class Reference:
    """A foreign key of a shared table: ``field`` names a record of ``target``."""

    field: str
    target: str
    cascade: bool


@dataclass(frozen=True, slots=True)
class UniqueKey:
    """Fields whose values together are unique among the live records of a table (NULL is never a clash)."""

    name: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Column:
    name: str
    kind: str  # text | int | bool | date | datetime | id
    max_length: int | None
    #: NOT NULL: a value may never be null (a laptop's insert or update of null fails).
    not_null: bool
    #: NOT NULL without a default: an insert must carry it.
    required: bool
    choices: frozenset[str] | None
    #: The domain's code list of the field, if coded (``risk_causes`` holds several, comma-separated).
    codelist: codes.CodeList | None = None
    #: An ID number, checked as the laptop checks it.
    id_number: bool = False


def _kind(column: Any) -> str:
    kind = column.type
    if column.foreign_keys or column.primary_key:
        return "id"
    if isinstance(kind, Boolean):
        return "bool"
    if isinstance(kind, Integer):
        return "int"
    if isinstance(kind, DateTime):
        return "datetime"
    if isinstance(kind, Date):
        return "date"
    if isinstance(kind, String | Text):
        return "text"
    raise TypeError(f"no wire rule for column {column}")  # a new column type needs a rule here


def _check_lists(table: Table) -> dict[str, frozenset[str]]:
    """``CHECK (level IN ('county', …))`` constraints of a table, as allowed values per column."""
    found: dict[str, frozenset[str]] = {}
    for constraint in table.constraints:
        if isinstance(constraint, CheckConstraint):
            match = _IN_LIST.match(str(constraint.sqltext))
            if match:
                found[match.group(1)] = frozenset(re.findall(r"'([^']*)'", match.group(2)))
    return found


@cache
def _columns(entity: str) -> dict[str, _Column]:
    table = SHARED_TABLES[entity]
    lists = _check_lists(table)
    local_only = LOCAL_ONLY_COLUMNS.get(entity, frozenset())
    result = {}
    for column in table.columns:
        if column.name in local_only:
            continue
        length = getattr(column.type, "length", None)
        result[column.name] = _Column(
            name=column.name,
            kind=_kind(column),
            max_length=length if length is not None else (36 if column.foreign_keys else MAX_TEXT_LENGTH),
            not_null=not column.nullable,
            required=not column.nullable and column.server_default is None and not column.primary_key,
            choices=lists.get(column.name),
            codelist=CODED_FIELDS.get(entity, {}).get(column.name),
            id_number=(entity, column.name) == ("person", "id_number"),
        )
    return result


@cache
def references(entity: str) -> tuple[Reference, ...]:
    """The foreign keys of a shared table (parents it names)."""
    found = []
    for column in SHARED_TABLES[entity].columns:
        for key in column.foreign_keys:
            found.append(Reference(column.name, key.column.table.name, key.ondelete == "CASCADE"))
    return tuple(found)


@cache
def unique_keys(entity: str) -> tuple[UniqueKey, ...]:
    """The unique constraints of a shared table, other than its id."""
    table = SHARED_TABLES[entity]
    keys = []
    for constraint in table.constraints:
        if isinstance(constraint, UniqueConstraint):
            names = tuple(c.name for c in constraint.columns)
            keys.append(UniqueKey("+".join(names), names))
    for column in table.columns:
        if column.unique and not column.primary_key:
            keys.append(UniqueKey(column.name, (column.name,)))
    return tuple(sorted(set(keys), key=lambda k: k.name))


def unique_value(key: UniqueKey, values: Mapping[str, Any]) -> str | None:
    """The value of ``key`` for a record as one string, or None when a part is missing (no clash possible)."""
    parts = [values.get(name) for name in key.fields]
    if any(part is None or part == "" for part in parts):
        return None
    return "\x1f".join(str(part) for part in parts)


def key_label(key: UniqueKey) -> str:
    return "+".join(label(name) for name in key.fields)


def is_known(entity: str) -> bool:
    return entity in SHARED_TABLES


def value_problems(entity: str, values: Mapping[str, Any]) -> list[str]:
    """Why these field values (field → new value) could not be stored by a laptop; empty when they can.

    Each reason is Chinese and names the field. Fields are checked one by one: type, length, NOT NULL, the
    table's CHECK lists, the domain's code lists and the ID number's checks.
    """
    return _problems(entity, values, domain_rules=True)


def storable_problems(entity: str, values: Mapping[str, Any]) -> list[str]:
    """The part of ``value_problems`` that decides whether a laptop's database takes the values at all (type,
    length, NOT NULL, CHECK lists), without the domain's code lists and ID checks: what a laptop checks again
    on every pulled change (the county checked the rest)."""
    return _problems(entity, values, domain_rules=False)


def _plainly_storable(column: _Column, value: Any) -> bool:
    if value is None:
        return not column.not_null
    kind = column.kind
    if kind == "text" or kind == "id":
        return (
            type(value) is str
            and (column.max_length is None or len(value) <= column.max_length)
            and "\x00" not in value
            and column.choices is None
            and (not column.required or bool(value.strip()))
        )
    if kind == "int":
        return type(value) is int and _INT_RANGE[0] <= value <= _INT_RANGE[1]
    if kind == "bool":
        return value is True or value is False or (type(value) is int and (value == 0 or value == 1))
    return _type_problem(column, value) is None and "\x00" not in value  # a date or a time: parsed


def column_plainly_storable(entity: str, name: str, values: Sequence[Any]) -> bool:
    """Whether every value of ``values`` plainly fits column ``name`` of ``entity`` (``_plainly_storable`` for
    each, without the domain's code lists and ID checks), tested a column at a time by the interpreter's
    built-ins: a first pull checks a million values. False for an unknown column, and for the kinds it does
    not test in bulk (times): those values get the test one by one."""
    column = _columns(entity).get(name) if entity in SHARED_TABLES else None
    if column is None:
        return False
    kinds = set(map(type, values))
    if type(None) in kinds:
        if column.not_null:
            return False
        kinds.discard(type(None))
        values = [value for value in values if value is not None]
    if not values:
        return True
    kind = column.kind
    if kind in ("text", "id", "date"):
        if kinds != {str}:
            return False
        if kind == "date":
            return all(map(_ISO_DATE.match, values)) and _all_parse(date.fromisoformat, values)
        if column.max_length is not None and max(map(len, values)) > column.max_length:
            return False
        if column.required and not all(map(str.strip, values)):
            return False
        if column.choices is not None and not set(values) <= column.choices:
            return False
        return "\x00" not in "".join(values)
    if kind == "int":
        return kinds == {int} and _INT_RANGE[0] <= min(values) and max(values) <= _INT_RANGE[1]
    if kind == "bool":
        return kinds <= {bool, int} and set(values) <= {0, 1}
    return False


def _all_parse(parse: Any, values: Sequence[str]) -> bool:
    try:
        for _parsed in map(parse, values):
            pass
    except ValueError:
        return False
    return True


def _problems(entity: str, values: Mapping[str, Any], *, domain_rules: bool, quick: bool = True) -> list[str]:
    """Problems of each value. A push or a first pull checks tens of thousands of records, so a value that
    plainly fits its column, where no code list or ID check applies, passes a short test (``quick``); the
    others get the full one, which also words the message."""
    if entity not in SHARED_TABLES:
        return [f"未知的数据类型“{_printable(entity)}”"]
    columns = _columns(entity)
    problems = []
    for name, value in values.items():
        column = columns.get(name)
        if (
            quick
            and column is not None
            and (not domain_rules or (column.codelist is None and not column.id_number))
            and _plainly_storable(column, value)
        ):
            continue
        if column is None:
            problems.append(f"未知的字段“{_printable(name)}”")
            continue
        problem = _value_problem(column, value, domain_rules)
        if problem is not None:
            problems.append(f"{label(name, entity)}：{problem}")
    return problems


@cache
def insert_defaults(entity: str) -> dict[str, Any]:
    """The values a laptop's insert gives the columns it leaves out (their ``server_default``), as they travel:
    the server fills them in on insert so that its record and every laptop's are the same field by field."""
    found: dict[str, Any] = {}
    for column in SHARED_TABLES[entity].columns:
        default = column.server_default
        if default is None or column.name in LOCAL_ONLY_COLUMNS.get(entity, frozenset()):
            continue
        text = str(getattr(default, "arg", ""))
        kind = _columns(entity)[column.name].kind
        found[column.name] = int(text) if kind in ("int", "bool") else text
    return found


def missing_required(entity: str, record: Mapping[str, Any]) -> list[str]:
    """Required fields a whole record lacks (an insert, or a record after an update)."""
    return [
        f"{label(c.name, entity)}：必填，不能为空"
        for c in _columns(entity).values()
        if c.required
        and (record.get(c.name) is None or (c.kind in ("text", "id") and record.get(c.name) == ""))
    ]


def record_problems(entity: str, record: Mapping[str, Any]) -> list[str]:
    """Everything wrong with a whole record as stored (values and required fields)."""
    values = {k: v for k, v in record.items() if k != "id"}
    return value_problems(entity, values) + (missing_required(entity, record) if is_known(entity) else [])


# --- one value ----------------------------------------------------------------------------------------------


def _value_problem(column: _Column, value: Any, domain_rules: bool) -> str | None:
    if value is None:
        return "必填，不能为空" if column.not_null else None
    if type(value) is str and column.kind == "text":  # the common case first: a laptop's text field
        return _text_problem(column, value, domain_rules)
    problem = _type_problem(column, value)
    if problem is not None:
        return problem
    if isinstance(value, str):
        return _text_problem(column, value, domain_rules)
    return None


def _type_problem(column: _Column, value: Any) -> str | None:
    kind = column.kind
    if kind == "bool":
        if isinstance(value, bool) or (type(value) is int and value in (0, 1)):
            return None
        return f"应为是/否（0 或 1），收到 {_shown(value)}"
    if kind == "int":
        if type(value) is int and _INT_RANGE[0] <= value <= _INT_RANGE[1]:
            return None
        return f"应为整数，收到 {_shown(value)}"
    if not isinstance(value, str):
        return f"应为文字，收到 {_shown(value)}"
    if kind == "date":
        if _ISO_DATE.match(value) and _parses(date.fromisoformat, value):
            return None
        return f"日期应为“年-月-日”（如 2025-09-01），收到 {_shown(value)}"
    if kind == "datetime":
        if _parses(datetime.fromisoformat, value.replace("Z", "+00:00")):
            return None
        return f"时间格式不对，收到 {_shown(value)}"
    return None


def _text_problem(column: _Column, value: str, domain_rules: bool) -> str | None:
    if column.max_length is not None and len(value) > column.max_length:
        return f"最多 {column.max_length} 个字符，收到 {len(value)} 个"
    if "\x00" in value:
        return "含有不可见的控制字符"
    if column.required and column.kind in ("text", "id") and not value.strip():
        return "必填，不能为空"
    if column.choices is not None and value not in column.choices:
        shown = sorted(column.codelist.label(c) if column.codelist else c for c in column.choices)
        return f"“{_clip(value)}”不在可选值 {'、'.join(shown)} 中"
    if not domain_rules:
        return None
    codelist = column.codelist
    if codelist is not None and value != "":
        parts = value.split(",") if codelist is codes.RISK_CAUSE else [value]
        for part in parts:
            problem = codelist.problem(part)
            if problem is not None:
                return problem
    if column.id_number and value:
        errors = [i.message for i in id_number_issues(value) if i.severity is Severity.ERROR]
        if errors:
            return errors[0]
    return None


def _parses(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ValueError:
        return False
    return True


def _printable(text: str) -> str:
    """A name from outside, safe to show and to store (no control characters; PostgreSQL refuses NUL)."""
    return _clip("".join(c if c.isprintable() else "�" for c in text))


def _clip(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _shown(value: Any) -> str:
    kinds = {dict: "对象", list: "列表", float: "小数", bool: "是/否", int: "整数", str: "文字"}
    shown = _clip(repr(value))
    return f"{kinds.get(type(value), type(value).__name__)} {shown}"


def entity_problems(entity: str, op: str, changes: Mapping[str, Sequence[Any]]) -> list[str]:
    """Problems of a journal entry's shape: known entity, ``[old, new]`` pairs."""
    if entity not in SHARED_TABLES:
        return [f"未知的数据类型“{_printable(entity)}”"]
    if op == "U" and entity in APPEND_ONLY_TABLES and not _only_voids(changes):
        return ["就业去向记录只能追加，不能修改；请新增一条变更记录"]
    if op == "U" and entity in VOIDABLE_TABLES:
        problems = void_problems(changes)
        if problems:
            return problems
    bad = [
        _printable(name)
        for name, pair in changes.items()
        if not isinstance(pair, list | tuple) or len(pair) != 2
    ]
    return [f"字段“{name}”的变更格式不对（应为 [旧值, 新值]）" for name in bad]


def _pair(changes: Mapping[str, Sequence[Any]], name: str) -> tuple[Any, Any]:
    pair = changes.get(name)
    if isinstance(pair, list | tuple) and len(pair) == 2:
        return pair[0], pair[1]
    return None, None


def _only_voids(changes: Mapping[str, Sequence[Any]]) -> bool:
    """The update sets the void columns (作废) and nothing else: the one change an append-only entry takes."""
    return bool(changes) and set(changes) <= set(VOID_COLUMNS) and "voided_on" in changes


def void_problems(changes: Mapping[str, Sequence[Any]]) -> list[str]:
    """A void (作废) is set once, with a reason, and never cleared or rewritten (the laptop's triggers say the
    same); an update that does not touch the void columns is no concern here."""
    touched = set(changes) & set(VOID_COLUMNS)
    if not touched:
        return []
    old_on, new_on = _pair(changes, "voided_on")
    if old_on is not None or any(_pair(changes, c)[0] not in (None, "") for c in touched):
        return ["已作废的记录不能撤销或修改作废"]
    if new_on is None:
        return ["作废必须填写作废日期"]
    reason = _pair(changes, "void_reason")[1]
    if not isinstance(reason, str) or not reason.strip():
        return ["作废必须填写原因"]
    return []


def touches_void(entity: str, changes: Mapping[str, Sequence[Any]]) -> bool:
    """The update changes a void column of a voidable table (the server then checks the stored void too)."""
    return entity in VOIDABLE_TABLES and bool(set(changes) & set(VOID_COLUMNS))
