"""Import of an edited list (意愿清单, 在读学生清单, 毕业生去向清单): only changed cells are written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection

from yulu_desktop.domain import rules
from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Household, Intent, Person, new_id
from yulu_desktop.domain.errors import Issue, Severity, YuluError
from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.excel.lists import KEY_FIELD, LIST_COLUMNS, ListKind, ListRow, parse_list
from yulu_desktop.excel.results import RejectedRow, sort_issues
from yulu_desktop.services.bulk import sql_value
from yulu_desktop.services.excel_import.plumbing import (
    _CHECK_EVERY,
    _audit,
    _cursor,
    _diff,
    _Rollback,
    _transaction,
    _write_rejected_file,
    _Writes,
)
from yulu_desktop.services.excel_import.report import ImportReport
from yulu_desktop.services.tasks import CancelToken, Progress, check, report
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database


@dataclass(frozen=True)
class _ListShape:
    """How one list maps onto the tables: the record table and the fields each table takes from the sheet."""

    table: str
    record_fields: tuple[str, ...]
    person_fields: tuple[str, ...]
    household_fields: tuple[str, ...] = ()
    #: Record columns that cannot be NULL: an emptied cell leaves the stored value alone.
    not_null: tuple[str, ...] = ()


_SHAPES: Final[Mapping[str, _ListShape]] = {
    "intent": _ListShape(
        table="intent",
        record_fields=(
            "wants_vocational", "desired_school_type", "desired_school", "desired_major", "expected_year",
            "wants_employment_help", "recorded_on", "notes",
        ),
        person_fields=("name", "id_number", "phone", "student_status"),
        not_null=("wants_vocational", "wants_employment_help", "recorded_on"),
    ),
    "students": _ListShape(
        table="enrollment",
        record_fields=(
            "school_year", "semester", "school_name", "school_type", "major", "length_years", "entry_date",
            "grade", "registry_no", "registry_status",
        ),
        person_fields=("name", "id_number", "phone"),
        household_fields=("payee_name", "payee_bank", "payee_account"),
        not_null=("school_year", "semester", "school_name", "school_type", "length_years", "registry_status"),
    ),
    "graduates": _ListShape(
        table="employment_record",
        record_fields=(
            "effective_date", "destination", "employer", "industry", "job", "place", "channel",
            "monthly_income_fen", "matches_major", "change_reason", "source", "verified_by",
        ),
        person_fields=("name", "id_number", "phone"),
        not_null=("effective_date", "destination", "source"),
    ),
}  # fmt: skip

_RECORD_CLASSES: Final[Mapping[str, type]] = {
    "intent": Intent,
    "enrollment": Enrollment,
    "employment_record": EmploymentRecord,
}
_PERSON_READ: Final = ("household_id", "name", "id_number", "sex", "birth_date", "phone", "student_status")
_HOUSEHOLD_READ: Final = ("payee_name", "payee_bank", "payee_account")


def _text_columns(table: str) -> set[str]:
    """NOT NULL text columns of a table (stored as "" when empty)."""
    return {
        c.name
        for c in schema.metadata.tables[table].columns
        if not c.nullable and c.server_default is not None and str(c.server_default.arg) == ""  # type: ignore[attr-defined]
    }


def _stored(value: Any, column: str, text_columns: set[str]) -> Any:
    if value is None and column in text_columns:
        return ""
    return sql_value(value)


def _python_date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _entity(cls: type, data: Mapping[str, Any]) -> Any:
    """A domain record from stored values (ISO dates back to dates, 0/1 back to booleans)."""
    out: dict[str, Any] = {}
    for name, value in data.items():
        if name in ("recorded_on", "entry_date", "effective_date", "birth_date", "risk_identified_on"):
            out[name] = _python_date(value)
        elif (
            name in ("wants_vocational", "wants_employment_help", "risk_eliminated") and value is not None
        ) or (name == "matches_major" and value is not None):
            out[name] = bool(value)
        else:
            out[name] = value
    return cls(**out)


def import_list(
    db: Database,
    path: str | Path,
    kind: ListKind,
    *,
    actor: str,
    skip_invalid: bool = False,
    dry_run: bool = False,
    rejected_path: str | Path | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """Apply an edited list sheet (意愿清单 ``intent``, 在读学生清单 ``students``, 毕业生去向清单
    ``graduates``): only the cells that differ from what Yulu holds are written. See the module docstring."""
    path = Path(path)
    today = today or dt.date.today()
    if kind not in _SHAPES:
        raise YuluError(f"未知的清单“{kind}”")
    parsed = parse_list(path, kind, today=today)
    result = ImportReport(
        kind=kind, path=path, dry_run=dry_run, headers=parsed.headers, column_letters=parsed.column_letters
    )
    rejected = {r.row_number: r for r in parsed.rejected}
    issues = list(parsed.issues)
    try:
        with _transaction(db, actor=actor) as conn:
            applier = _ListApplier(conn, kind, _SHAPES[kind], parsed.column_letters, today, result)
            plans: list[_Plan] = []
            for done, row in enumerate(parsed.rows, start=1):
                if done % _CHECK_EVERY == 0:
                    check(cancel)
                    report(progress, "read", done, len(parsed.rows))
                plan, found = applier.plan(row)
                issues.extend(found)
                if plan is None:
                    rejected[row.row_number] = _rejected_list_row(
                        row, parsed.headers, parsed.column_letters, found
                    )
                else:
                    plans.append(plan)
            result.rejected_rows = [rejected[n] for n in sorted(rejected)]
            result.rejected = len(rejected)
            result.issues = sort_issues(dict.fromkeys(issues))
            if result.rejected and not skip_invalid and not dry_run:
                raise _Rollback
            applier.apply(plans, progress, cancel)
            if dry_run:
                raise _Rollback
            result.applied = True
            _audit(conn, actor=actor, kind=kind, path=path, text=result.summary())
    except _Rollback:
        pass
    _write_rejected_file(
        result,
        rejected_path,
        skip_invalid=skip_invalid,
        text_columns=[c.header for c in LIST_COLUMNS[kind] if c.kind in ("id", "phone", "account", "text")],
    )
    return result


def _rejected_list_row(
    row: ListRow, headers: Sequence[str], letters: Mapping[str, str], found: Sequence[Issue]
) -> RejectedRow:
    """A row refused after parsing (a check against the database): its cells rebuilt from the values read."""
    columns = {c.field: c for c in LIST_COLUMNS_ALL}
    index = {letter: i for i, letter in enumerate(_letters(len(headers)))}
    values: dict[str, Any] = dict.fromkeys(headers)
    for name, value in [*row.values.items(), (KEY_FIELD, row.key)]:
        letter = letters.get(name)
        if letter is None or letter not in index:
            continue
        column = columns.get(name)
        cell: Any = value
        if (
            column is not None
            and column.kind == "code"
            and column.codes is not None
            and isinstance(value, str)
        ):
            cell = column.codes.label(value)
        elif column is not None and column.kind == "money" and isinstance(value, int):
            cell = value / 100
        elif isinstance(value, bool):
            cell = "是" if value else "否"
        values[headers[index[letter]]] = cell
    return RejectedRow(row.row_number, values, tuple(i for i in found if i.is_error) or tuple(found))


def _letters(count: int) -> list[str]:
    from yulu_desktop.excel.headers import column_letter

    return [column_letter(i) for i in range(count)]


LIST_COLUMNS_ALL: Final = tuple({c.field: c for cols in LIST_COLUMNS.values() for c in cols}.values())


@dataclass
class _Plan:
    """The writes one valid row needs."""

    row_number: int
    inserts: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)
    is_new: bool = False


class _ListApplier:
    """Matches list rows to records, compares them with what is stored, validates the result."""

    def __init__(
        self,
        conn: Connection,
        kind: str,
        shape: _ListShape,
        letters: Mapping[str, str],
        today: dt.date,
        result: ImportReport,
    ) -> None:
        self.conn = conn
        self.cur = _cursor(conn)
        self.kind = kind
        self.shape = shape
        self.today = today
        self.result = result
        self.headers = {c.field: c.header for c in LIST_COLUMNS[kind]}
        self.letters = dict(letters)
        self.record_columns = [c.name for c in schema.metadata.tables[shape.table].columns]
        self.text_columns = {
            "intent": _text_columns("intent"),
            "enrollment": _text_columns("enrollment"),
            "employment_record": _text_columns("employment_record"),
            "person": _text_columns("person"),
            "household": _text_columns("household"),
        }
        #: Terms (person, year, semester) and ID numbers claimed by earlier rows of this sheet.
        self.claimed_terms: dict[tuple[str, str, str], int] = {}
        self.claimed_ids: dict[str, int] = {}

    # -- helpers --

    def _label(self, name: str) -> str:
        # A field the sheet has no column for (a derived one, say) is named by its Chinese label, never its name.
        header = self.headers.get(name) or rules.label(name, self.shape.table)
        letter = self.letters.get(name)
        return f"{header}（{letter}列）" if letter else header

    def _issue(self, row: int, name: str, message: str) -> Issue:
        return Issue(field=name, label=self._label(name), row=row, message=message)

    def _one(self, sql: str, params: Sequence[Any]) -> dict[str, Any] | None:
        cursor = self.cur.execute(sql, tuple(params))
        row = cursor.fetchone()
        if row is None:
            return None
        return dict(zip([d[0] for d in cursor.description], row, strict=True))

    def _record(self, record_id: str) -> dict[str, Any] | None:
        return self._one(f"SELECT * FROM {self.shape.table} WHERE id = ?", (record_id,))

    def _latest_job(self, person_id: str) -> dict[str, Any] | None:
        """The person's latest job entry not voided in error (作废), as the exported list shows it."""
        return self._one(
            "SELECT * FROM employment_record WHERE person_id = ? AND voided_on IS NULL "
            "ORDER BY effective_date DESC, recorded_at DESC, id DESC LIMIT 1",
            (person_id,),
        )

    def _person_id(self, person_id: str) -> str | None:
        found = self._one("SELECT id FROM person WHERE id = ?", (person_id,))
        return None if found is None else str(found["id"])

    # -- planning one row --

    def plan(self, row: ListRow) -> tuple[_Plan | None, list[Issue]]:
        n = row.row_number
        shape = self.shape
        values = row.values
        issues: list[Issue] = []
        person: dict[str, Any] | None = None
        record: dict[str, Any] | None = None
        if row.key is not None:
            owner: str | None = None
            if shape.table == "employment_record":
                keyed = self._record(row.key)
                # A graduate with no job entry yet is exported under their person's id.
                owner = keyed["person_id"] if keyed is not None else self._person_id(row.key)
                record = self._latest_job(owner) if owner is not None else None
            else:
                record = self._record(row.key)
                owner = record["person_id"] if record is not None else None
            if owner is None:
                return None, [
                    self._issue(
                        n,
                        KEY_FIELD,
                        f"记录编号“{row.key}”在系统中不存在（可能已被删除）；新增的行请清空记录编号",
                    )
                ]
            person = self._one(f"SELECT id, {', '.join(_PERSON_READ)} FROM person WHERE id = ?", (owner,))
        else:
            id_number = values.get("id_number")
            if id_number is None:
                return None, [self._issue(n, "id_number", "新增的行需要填写身份证号，才能找到对应的人员")]
            person = self._one(
                f"SELECT id, {', '.join(_PERSON_READ)} FROM person WHERE id_number = ?",
                (normalize_id_number(str(id_number)),),
            )
            if person is None:
                return None, [
                    self._issue(
                        n,
                        "id_number",
                        "系统中没有这个身份证号的人员，请先导入全国系统数据或登记该人员后再导入本行",
                    )
                ]
            record = self._match_keyless(person["id"], values)
        assert person is not None
        plan = _Plan(row_number=n)

        # The person's own columns.
        person_values = {f: values[f] for f in shape.person_fields if f in values}
        if "id_number" in row.masked:
            person_values.pop("id_number", None)
        if "phone" in row.masked:
            person_values.pop("phone", None)
        person_changes = self._person_changes(n, person, person_values, issues)
        if person_changes:
            plan.updates.append(("person", person["id"], person_changes))

        # Household columns (students: the payee).
        if shape.household_fields:
            household_values = {
                f: values[f] for f in shape.household_fields if f in values and f not in row.masked
            }
            if household_values:
                household = self._one("SELECT * FROM household WHERE id = ?", (person["household_id"],))
                assert household is not None
                wanted = {
                    c: _stored(v, c, self.text_columns["household"]) for c, v in household_values.items()
                }
                changes = _diff(household, wanted)
                if changes:
                    draft = _entity(Household, {**household, **changes})
                    rules.normalize_household(draft)
                    issues += [
                        replace(i, label=self._label(i.field), row=n)
                        for i in rules.household_issues(draft, today=self.today)
                        if i.field in changes
                    ]
                    plan.updates.append(("household", household["id"], changes))

        # The record itself.
        record_values = {f: values[f] for f in shape.record_fields if f in values}
        if shape.table == "employment_record" and all(v is None for v in record_values.values()):
            # A graduate with no destination yet (待就业), listed with the employment columns blank: nothing to
            # record (a blanked row never erases history either).
            return (None, issues) if any(i.is_error for i in issues) else (plan, issues)
        text_columns = self.text_columns[shape.table]
        wanted = {}
        for name, value in record_values.items():
            if value is None and name in shape.not_null and name not in text_columns:
                continue  # an emptied required cell: reported by the parser, else leave the value alone
            wanted[name] = _stored(value, name, text_columns)
        if record is not None:
            changes = _diff(record, wanted)
            merged = {**record, **changes}
        else:
            changes = dict(wanted)
            merged = dict.fromkeys(self.record_columns)
            defaults = asdict(self._blank(person["id"]))
            merged.update({k: sql_value(v) for k, v in defaults.items()})
            merged.update(changes)
        if record is None or changes:
            issues += self._check_record(n, merged, person, set(record_values))
            if shape.table == "employment_record":
                merged["id"] = new_id()
                merged["recorded_at"] = sql_value(dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0))
                plan.inserts.append(("employment_record", merged))
                plan.is_new = record is None
            elif record is None:
                plan.inserts.append((shape.table, merged))
                plan.is_new = True
            else:
                plan.updates.append((shape.table, record["id"], changes))
        if shape.table == "enrollment":
            term = (person["id"], merged["school_year"], merged["semester"])
            first = self.claimed_terms.setdefault(term, n)
            if first != n:
                issues.append(
                    self._issue(n, "semester", f"与第{first}行是同一人同一学期的学籍，请合并为一行")
                )
        if any(i.is_error for i in issues):
            return None, issues
        return plan, issues

    def _blank(self, person_id: str) -> Any:
        if self.shape.table == "intent":
            return Intent(person_id=person_id, recorded_on=self.today)
        if self.shape.table == "enrollment":
            return Enrollment(
                person_id=person_id, school_year="", semester="", school_name="", school_type=""
            )
        return EmploymentRecord(
            person_id=person_id, effective_date=self.today, destination="", recorded_at=dt.datetime.now()
        )

    def _match_keyless(self, person_id: str, values: Mapping[str, Any]) -> dict[str, Any] | None:
        """The record a row without 记录编号 stands for, so a hand-kept list can be imported again."""
        table = self.shape.table
        if table == "employment_record":
            return self._latest_job(person_id)
        if table == "enrollment":
            if values.get("school_year") is None or values.get("semester") is None:
                return None
            return self._one(
                "SELECT * FROM enrollment WHERE person_id = ? AND school_year = ? AND semester = ?",
                (person_id, values["school_year"], values["semester"]),
            )
        recorded_on = values.get("recorded_on")
        if recorded_on is None:
            return None
        return self._one(
            "SELECT * FROM intent WHERE person_id = ? AND recorded_on = ? ORDER BY id LIMIT 1",
            (person_id, sql_value(recorded_on)),
        )

    def _person_changes(
        self, n: int, person: Mapping[str, Any], values: Mapping[str, Any], issues: list[Issue]
    ) -> dict[str, Any]:
        text_columns = self.text_columns["person"]
        wanted: dict[str, Any] = {}
        for name, value in values.items():
            if value is None and name in ("name", "id_number"):
                continue  # required: the parser reported an empty cell already
            wanted[name] = _stored(value, name, text_columns)
        if not _diff(person, wanted):
            return {}
        draft = _entity(Person, {k: v for k, v in person.items() if k != "id"} | wanted)
        draft.id = person["id"]
        rules.normalize_person(draft, today=self.today)
        normalized = {name: sql_value(getattr(draft, name)) for name in wanted}
        if "id_number" in wanted:
            normalized.update(sex=draft.sex, birth_date=sql_value(draft.birth_date))
        changes = _diff(person, normalized)
        issues += [
            replace(i, label=self._label(i.field), row=n)
            for i in rules.person_issues(draft, today=self.today)
            if i.field in changes
        ]
        if "id_number" in changes and draft.id_number:
            other = self._one(
                "SELECT id, name FROM person WHERE id_number = ? AND id != ?", (draft.id_number, person["id"])
            )
            if other is not None:
                issues.append(
                    self._issue(
                        n, "id_number", f"这个身份证号已属于系统中的另一人（{other['name']}），请核对"
                    )
                )
            first = self.claimed_ids.setdefault(draft.id_number, n)
            if first != n:
                issues.append(self._issue(n, "id_number", f"与第{first}行改成了同一个身份证号，请核对"))
        if "name" in changes:
            changes["search_key"] = search_key(draft.name)
        return changes

    def _check_record(
        self, n: int, merged: Mapping[str, Any], person: Mapping[str, Any], shown: set[str]
    ) -> list[Issue]:
        table = self.shape.table
        record = _entity(_RECORD_CLASSES[table], dict(merged.items()))
        if table == "intent":
            found = rules.intent_issues(record, today=self.today)
        elif table == "enrollment":
            found = rules.enrollment_issues(
                record, birth_date=_python_date(person["birth_date"]), today=self.today
            )
            if merged.get("id") is not None:
                clash = self._one(
                    "SELECT id FROM enrollment WHERE person_id = ? AND school_year = ? AND semester = ? AND id != ?",
                    (person["id"], merged["school_year"], merged["semester"], merged["id"]),
                )
                if clash is not None:
                    found.append(
                        Issue(field="semester", message="该人在这个学期已有另一条学籍记录，不能重复")
                    )
        else:
            found = rules.employment_issues(record, today=self.today)
        out = []
        for issue in found:
            if issue.field not in shown and issue.severity is Severity.WARNING:
                continue
            out.append(replace(issue, label=self._label(issue.field), row=n))
        return out

    # -- writing --

    def apply(self, plans: Sequence[_Plan], progress: Progress | None, cancel: CancelToken | None) -> None:
        writes = _Writes()
        result = self.result
        for done, plan in enumerate(plans, start=1):
            if not plan.inserts and not plan.updates:
                result.unchanged += 1
            elif plan.is_new:
                result.new += 1
            else:
                result.changed += 1
            for table, row in plan.inserts:
                writes.insert(table, row)
            for table, record_id, changes in plan.updates:
                writes.update(table, record_id, changes)
            if done % _CHECK_EVERY == 0:
                check(cancel)
                writes.flush(self.cur, dry_run=result.dry_run)
                report(progress, "apply", done, len(plans))
        check(cancel)
        writes.flush(self.cur, dry_run=result.dry_run)
        report(progress, "apply", len(plans), len(plans))
