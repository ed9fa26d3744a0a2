"""Import spreadsheets into Yulu: the national monitoring export (全国防返贫监测信息系统) and the three lists.

Both imports validate before anything is written, apply everything in one transaction, and go through the
journal triggers, so imported changes sync like any other. Matching on re-import:

* national export — households by 户编号, people by 人编号 or else by ID number; org units (county, township,
  village) by name under their parent, created with a stable derived code where the export carries none.
* an edited list — rows by their 记录编号 (the record's id, exported in a hidden column); rows without it by
  the person's ID number (and the term or date that identifies the record).

Only values that differ are written, column by column (``UPDATE person SET phone = ? WHERE id = ?``), so the
journal records exactly the changed fields and a second import of the same file writes nothing at all.
Employment history is append-only: a changed graduate row appends a new ``EmploymentRecord``.

By default an import is all-or-nothing: a single rejected row and nothing is written (the report lists every
problem with its Excel row and column, in Chinese). ``skip_invalid`` imports the valid rows; the rejected ones
go, with their reasons, to an .xlsx the user can correct and import again. ``dry_run`` counts new / changed /
unchanged / rejected rows and writes nothing. A cancelled import raises ``Cancelled`` and writes nothing.

The national export is streamed, not held: the sheet is parsed and checked against the domain rules in a child
process for large files (:mod:`yulu_desktop.excel.national_stream`), while this process checks each row against
the database and writes it in batches with ``executemany``, in the import's one transaction, as it comes — so
memory does not grow with the file and the two cores work at once. A household is written with its head's
values (members of a new household wait for their head). Checks that need the whole sheet (the same person
twice, a household without its head or with two) finish only at the end: rows they refuse may have been
written already. An all-or-nothing import is then refused and rolled back anyway (and stops writing at the
first rejected row); otherwise (``skip_invalid``, ``dry_run``) the writes are rolled back to a savepoint and the
file is read once more, leaving those rows out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from yulu_desktop.domain import rules
from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Household, Intent, Person, new_id
from yulu_desktop.domain.errors import Issue, Severity, YuluError
from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.excel import national as nat
from yulu_desktop.excel import national_stream
from yulu_desktop.excel.headers import HeaderMap
from yulu_desktop.excel.lists import KEY_FIELD, LIST_COLUMNS, LIST_TITLES, ListKind, ListRow, parse_list
from yulu_desktop.excel.results import RejectedRow, format_issues, sort_issues
from yulu_desktop.excel.writer import write_rejected
from yulu_desktop.services.bulk import sql_value
from yulu_desktop.services.tasks import Cancelled, CancelToken, Progress, check, report
from yulu_desktop.store import audit as audit_chain
from yulu_desktop.store import journal, schema
from yulu_desktop.store.database import Database

__all__ = [
    "IMPORT_KINDS",
    "CancelToken",
    "Cancelled",
    "ImportReport",
    "default_rejected_path",
    "import_file",
    "import_list",
    "import_national",
]

IMPORT_KINDS: Final = ("national", "intent", "students", "graduates")
KIND_TITLES: Final[Mapping[str, str]] = {"national": nat.WHAT, **LIST_TITLES}

_BATCH = 2000
_CHECK_EVERY = 500


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


def import_file(
    db: Database,
    path: str | Path,
    kind: str,
    *,
    actor: str,
    skip_invalid: bool = False,
    dry_run: bool = False,
    rejected_path: str | Path | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """:func:`import_national` or :func:`import_list`, by ``kind`` (national, intent, students, graduates)."""
    if kind == "national":
        return import_national(
            db, path, actor=actor, skip_invalid=skip_invalid, dry_run=dry_run,
            rejected_path=rejected_path, progress=progress, cancel=cancel, today=today,
        )  # fmt: skip
    if kind not in LIST_COLUMNS:
        raise YuluError(f"未知的导入类型“{kind}”，可选：{'、'.join(IMPORT_KINDS)}")
    return import_list(
        db, path, kind, actor=actor, skip_invalid=skip_invalid, dry_run=dry_run,  # type: ignore[arg-type]
        rejected_path=rejected_path, progress=progress, cancel=cancel, today=today,
    )  # fmt: skip


# --- plumbing ---------------------------------------------------------------------------------------------


class _Rollback(Exception):
    """Leaves a write transaction without committing it (a refused import)."""


@contextlib.contextmanager
def _transaction(db: Database, *, actor: str) -> Iterator[Connection]:
    """The import's one ``BEGIN IMMEDIATE`` transaction. A dry run and a refused import leave it by raising
    ``_Rollback``; so does a cancel (``Cancelled``) or any error — nothing is ever half-written."""
    try:
        with db.write_connection() as conn:
            journal.set_author(conn, actor)
            yield conn
    except IntegrityError as exc:
        raise YuluError(
            f"导入时与系统中已有的数据冲突（{exc.orig}），没有写入任何数据；请核对人编号、证件号码和户编号"
        ) from exc


def _cursor(conn: Connection) -> Any:
    return conn.connection.cursor()


def _chunks(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _fetch_by_ids(
    cur: Any, table: str, columns: Sequence[str], ids: Sequence[str]
) -> dict[str, dict[str, Any]]:
    """Current stored values (as SQLite holds them) of rows ``ids``, in one query per 500 ids."""
    out: dict[str, dict[str, Any]] = {}
    select = ", ".join(columns)
    for part in _chunks(list(ids)):
        marks = ", ".join("?" * len(part))
        for row in cur.execute(f"SELECT id, {select} FROM {table} WHERE id IN ({marks})", tuple(part)):
            out[row[0]] = dict(zip(columns, row[1:], strict=True))
    return out


def _diff(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, Any]:
    """Columns whose wanted value differs from the stored one (values compared as SQLite stores them)."""
    return {c: v for c, v in wanted.items() if current.get(c) != v}


#: Inserts are written parents first, whatever order a batch met them in (the foreign keys are immediate).
_INSERT_ORDER: Final = ("org_unit", "household", "person")


@functools.cache
def _insert_statement(table: str) -> tuple[str, tuple[str, ...]]:
    names = tuple(c.name for c in schema.metadata.tables[table].columns)
    return f"INSERT INTO {table} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})", names


class _Writes:
    """Inserts and column-wise updates collected for a batch, written with executemany."""

    def __init__(self) -> None:
        self.inserts: dict[str, list[tuple[Any, ...]]] = {}
        self.updates: dict[tuple[str, tuple[str, ...]], list[tuple[Any, ...]]] = {}

    def insert(self, table: str, row: Mapping[str, Any], *, stored: bool = False) -> None:
        """Queue a new row (column → value; missing columns NULL). ``stored``: values are already as SQLite
        stores them (ISO dates, 0/1), which saves converting every value again."""
        names = _insert_statement(table)[1]
        get = row.get
        values = tuple(map(get, names)) if stored else tuple(sql_value(get(c)) for c in names)
        self.inserts.setdefault(table, []).append(values)

    def update(self, table: str, record_id: str, changes: Mapping[str, Any]) -> None:
        columns = tuple(sorted(changes))
        values = tuple(sql_value(changes[c]) for c in columns)
        self.updates.setdefault((table, columns), []).append((*values, record_id))

    def flush(self, cur: Any, *, dry_run: bool) -> None:
        if not dry_run:
            order = {t: i for i, t in enumerate(_INSERT_ORDER)}
            for table in sorted(self.inserts, key=lambda t: order.get(t, len(order))):
                cur.executemany(_insert_statement(table)[0], self.inserts[table])
            for (table, columns), params in self.updates.items():
                assignments = ", ".join(f"{c} = ?" for c in columns)
                cur.executemany(f"UPDATE {table} SET {assignments} WHERE id = ?", params)
        self.inserts.clear()
        self.updates.clear()


def _audit(conn: Connection, *, actor: str, kind: str, path: Path, text: str) -> None:
    audit_chain.append(
        conn,
        actor=actor,
        action="import",
        entity="person" if kind == "national" else kind,
        entity_id="",
        detail=f"{KIND_TITLES.get(kind, kind)}：{path.name}；{text}",
    )


def _write_rejected_file(
    result: ImportReport, rejected_path: str | Path | None, *, skip_invalid: bool, text_columns: Iterable[str]
) -> None:
    if not result.rejected_rows:
        return
    target = (
        Path(rejected_path)
        if rejected_path
        else (default_rejected_path(result.path) if skip_invalid else None)
    )
    if target is None:
        return
    write_rejected(
        target,
        result.headers,
        sorted(result.rejected_rows, key=lambda r: r.row_number),
        text_columns=tuple(text_columns),
    )
    result.rejected_path = target


# --- org units ---------------------------------------------------------------------------------------------


def _norm_name(name: str | None) -> str:
    return unicodedata.normalize("NFKC", name).strip() if name else ""


class _OrgUnits:
    """County / township / village found by name under their parent, created when missing.

    The national export names places but carries no codes; a created unit gets a code derived from its names
    ("Y" + 15 hex digits of a hash of 县/乡/村), the same on every device, so a second import — here or on
    another laptop — finds the same unit, and the county server sees one code."""

    _LEVELS: Final = ("county", "township", "village")

    def __init__(self, conn: Connection, writes: _Writes) -> None:
        self.writes = writes
        self.by_parent: dict[tuple[str, str | None, str], str] = {}
        self.by_name: dict[tuple[str, str], list[str]] = {}
        self.codes: set[str] = set()
        self.created = 0
        for unit_id, code, name, level, parent_id in conn.exec_driver_sql(
            "SELECT id, code, name, level, parent_id FROM org_unit"
        ):
            self._remember(unit_id, code, _norm_name(name), level, parent_id)

    def _remember(self, unit_id: str, code: str, name: str, level: str, parent_id: str | None) -> None:
        self.by_parent[(level, parent_id, name)] = unit_id
        self.by_name.setdefault((level, name), []).append(unit_id)
        self.codes.add(code)

    def find(self, county: str | None, township: str | None, village: str | None) -> str | None:
        """The village's id, or None if it (or a unit above it) is not in the database yet."""
        return self._walk(county, township, village, create=False)

    def village(self, county: str | None, township: str | None, village: str | None) -> str | None:
        """The village's id, creating it (and the units above it) if needed; None without a village name."""
        return self._walk(county, township, village, create=True)

    def _walk(
        self, county: str | None, township: str | None, village: str | None, *, create: bool
    ) -> str | None:
        if not _norm_name(village):
            return None
        parent: str | None = None
        chain: list[str] = []
        for level, raw in zip(self._LEVELS, (county, township, village), strict=True):
            name = _norm_name(raw)
            if not name:
                continue
            chain.append(name)
            found = self.by_parent.get((level, parent, name))
            if found is None and parent is None:
                candidates = self.by_name.get((level, name), [])
                found = candidates[0] if len(candidates) == 1 else None
            if found is None:
                if not create:
                    return None
                found = self._create(level, name, parent, chain)
            parent = found
        return parent

    def _create(self, level: str, name: str, parent: str | None, chain: Sequence[str]) -> str:
        digest = hashlib.sha1("/".join(chain).encode()).hexdigest().upper()
        code = f"Y{digest[:15]}"
        suffix = 0
        while code in self.codes:
            suffix += 1
            code = f"Y{digest[:12]}{suffix:03d}"
        unit_id = new_id()
        self.writes.insert(
            "org_unit", {"id": unit_id, "code": code, "name": name, "level": level, "parent_id": parent}
        )
        self._remember(unit_id, code, name, level, parent)
        self.created += 1
        return unit_id


# --- the national export -----------------------------------------------------------------------------------

#: Columns of the export → the person columns they fill.
_PERSON_SOURCES: Final[Mapping[str, tuple[str, ...]]] = {
    "person_no": ("person_no",),
    "name": ("name",),
    "id_number": ("id_number", "sex", "birth_date"),
    "relationship": ("relationship",),
    "ethnicity": ("ethnicity",),
    "education": ("education",),
    "student_status": ("student_status",),
    "health": ("health",),
    "skills": ("skills",),
    "phone": ("phone",),
}
#: Columns of the export → the household columns they fill (from the head's row).
_HOUSEHOLD_SOURCES: Final[Mapping[str, tuple[str, ...]]] = {
    "natural_village": ("group_name",),
    "household_type": ("household_type",),
    "monitoring_type": ("monitoring_type",),
    "risk_causes": ("risk_causes",),
    "risk_eliminated": ("risk_eliminated",),
    "risk_identified_on": ("risk_identified_on",),
    "risk_eliminated_on": ("risk_eliminated_on",),
    "income_per_capita": ("income_per_capita_fen",),
    "phone": ("contact_phone",),
}
_PERSON_COLUMNS: Final = tuple(c for cols in _PERSON_SOURCES.values() for c in cols)
_HOUSEHOLD_COLUMNS: Final = (
    *dict.fromkeys(c for cols in _HOUSEHOLD_SOURCES.values() for c in cols),
    "village_id",
)


#: Column defaults of new rows, taken once from the entities (instantiating mapped classes per row is slow).
_HOUSEHOLD_TEMPLATE: Final = {
    k: sql_value(v) for k, v in asdict(Household(household_no="", village_id="")).items()
}
_PERSON_TEMPLATE: Final = {k: sql_value(v) for k, v in asdict(Person(household_id="", name="")).items()}
_SAVEPOINT: Final = "yulu_import"
#: How many rows may wait in memory for their household's head before those households are written anyway.
_HOLD_LIMIT: Final = 20_000


@dataclass
class _Keys:
    """What the database held before the import: households by 户编号, those with a head, people by key."""

    households: dict[str, str]
    with_head: set[str]
    person_nos: dict[str, str]
    id_numbers: dict[str, str]


def _load_keys(conn: Connection) -> _Keys:
    households: dict[str, str] = dict(conn.exec_driver_sql("SELECT household_no, id FROM household").all())
    with_head = {
        no
        for (no,) in conn.exec_driver_sql(
            "SELECT h.household_no FROM household h WHERE EXISTS "
            "(SELECT 1 FROM person p WHERE p.household_id = h.id AND p.relationship = '01')"
        )
    }
    person_nos: dict[str, str] = {}
    id_numbers: dict[str, str] = {}
    for person_id, person_no, id_number in conn.exec_driver_sql(
        "SELECT id, person_no, id_number FROM person"
    ):
        if person_no:
            person_nos[person_no] = person_id
        if id_number:
            id_numbers[id_number] = person_id
    return _Keys(households, with_head, person_nos, id_numbers)


def _database_issues(
    record: nat.NationalPersonRow, header: HeaderMap, keys: _Keys
) -> tuple[list[Issue], str | None]:
    """The checks of one row against the database as it was before the import; and the person it updates."""
    row = record.row_number
    issues: list[Issue] = []
    by_number = keys.person_nos.get(record.person_no) if record.person_no else None
    by_id = keys.id_numbers.get(record.id_number) if record.id_number else None
    if by_number and by_id and by_number != by_id:
        issues.append(
            Issue(
                field="person_no",
                label=header.label("person_no"),
                row=row,
                message="人编号和证件号码分别对应系统中两个不同的人，请核对是哪一项填错了",
            )
        )
    if record.household_no not in keys.households and not _norm_name(record.village):
        issues.append(
            Issue(
                field="village",
                label=header.label("village"),
                row=row,
                message="新的户需要填写行政村，否则无法确定它属于哪个村",
            )
        )
    return issues, by_number or by_id


@dataclass(slots=True)
class _Staged:
    """A row that passed every check, waiting in a batch (or for its household's head) to be written."""

    record: nat.NationalPersonRow
    person_id: str | None
    person: dict[str, Any]
    household: dict[str, Any]


def import_national(
    db: Database,
    path: str | Path,
    *,
    actor: str,
    skip_invalid: bool = False,
    dry_run: bool = False,
    rejected_path: str | Path | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    today: dt.date | None = None,
    parallel: bool | None = None,
) -> ImportReport:
    """Import an export of the national monitoring system; see the module docstring.

    ``parallel``: read the sheet in a child process (True), in this process (False), or by file size (None).
    Raises ``YuluError`` if the file cannot be read (protected, corrupt, wrong type) or lacks required
    columns, and ``Cancelled`` if ``cancel`` was set (nothing is written)."""
    path = Path(path)
    today = today or dt.date.today()
    result = ImportReport(kind="national", path=path, dry_run=dry_run)
    try:
        with _transaction(db, actor=actor) as conn:
            _import_national(conn, path, result, skip_invalid, today, progress, cancel, parallel)
            if not result.applied:
                raise _Rollback
            _audit(conn, actor=actor, kind="national", path=path, text=result.summary())
    except _Rollback:
        pass
    _write_rejected_file(result, rejected_path, skip_invalid=skip_invalid, text_columns=())
    return result


def _import_national(
    conn: Connection,
    path: Path,
    result: ImportReport,
    skip_invalid: bool,
    today: dt.date,
    progress: Progress | None,
    cancel: CancelToken | None,
    parallel: bool | None,
) -> None:
    keys = _load_keys(conn)
    cur = _cursor(conn)
    refuse = not skip_invalid and not result.dry_run
    known_households = frozenset(keys.with_head)

    def stream() -> national_stream.NationalStream:
        return national_stream.open_national_stream(
            path, today=today, known_households=known_households, parallel=parallel,
            should_stop=lambda: check(cancel),
        )  # fmt: skip

    cur.execute(f"SAVEPOINT {_SAVEPOINT}")
    with stream() as rows:
        header = rows.header
        result.headers = header.header_keys
        result.column_letters = header.column_letters
        first = _NationalPass(conn, cur, keys, header, result, progress, cancel, refuse=refuse)
        first.run(rows)
        summary = rows.summary()
    rejected = first.rejected
    late = summary.late_rejected
    # Rows refused by a check of the whole sheet after they were read: their cells are rebuilt from the record.
    held = first.held_records() if late else {}
    for number, found in late.items():
        if number in held:
            rejected[number] = nat.rejected_from_record(held[number], header, found)
    if any(number not in rejected for number in late):
        # Some of them were written (or dropped once the import was refused): read the file again, skipping
        # them. Rare — the same person twice, a household with two heads — and it keeps memory flat. An
        # all-or-nothing import is refused now whatever happens: the second read only collects those records.
        apply_again = not refuse
        if apply_again:
            cur.execute(f"ROLLBACK TO {_SAVEPOINT}")
            _reset_counts(result)
            keys = _load_keys(conn)
        with stream() as rows:
            second = _NationalPass(
                conn, cur, keys, rows.header, result, progress, cancel,
                refuse=refuse, skip=late, write=apply_again,
            )  # fmt: skip
            second.run(rows)
            rows.summary()
        for number, record in second.skipped.items():
            if number not in rejected:  # refused for its own sake as well: that report stands
                rejected[number] = nat.rejected_from_record(record, header, late[number])
        if apply_again:
            second.finish(late)
    else:
        first.finish(late)
    cur.execute(f"RELEASE {_SAVEPOINT}")
    for number, found in summary.row_issues.items():
        if number in rejected and number not in late:
            old = rejected[number]
            rejected[number] = replace(
                old, issues=old.issues + tuple(i for i in found if i not in old.issues)
            )
    result.rejected_rows = [rejected[n] for n in sorted(rejected)]
    result.rejected = len(rejected)
    all_issues: list[Issue] = [i for r in result.rejected_rows for i in r.issues]
    all_issues += summary.warnings + first.warnings + summary.sheet_issues
    result.issues = sort_issues(dict.fromkeys(all_issues))
    # Rows are written while they are read (phase "read"); the count written is reported once, at the end.
    written = result.new + result.changed + result.unchanged
    report(progress, "apply", written, written)
    check(cancel)  # the last chance: a cancel after the final batch still rolls everything back
    if result.rejected and refuse:
        _reset_counts(result)
        return
    result.applied = not result.dry_run


def _reset_counts(result: ImportReport) -> None:
    result.new = result.changed = result.unchanged = 0
    result.households_new = result.households_changed = result.org_units_new = 0


def _present_columns(present: Iterable[str], sources: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    present = set(present)
    return tuple(dict.fromkeys(c for f, cols in sources.items() if f in present for c in cols))


class _NationalPass:
    """One pass over the export: each row checked against the database, then written in batches as it comes.

    A household is written with the values of its head's row (the export repeats them on every member's row):
    members of a household that is not in the database yet wait for their head; members of a known household
    are written at once and its columns updated when the head comes, or from its first row at the end. Rows
    whose household never gets a head are refused by the sheet-level check anyway.

    ``refuse``: an all-or-nothing import, which stops writing at the first rejected row (the rest is still
    checked, for the report). ``skip``: rows already known to be refused (a second pass). ``write`` False:
    only check (and collect the records of ``skip`` rows)."""

    def __init__(
        self,
        conn: Connection,
        cur: Any,
        keys: _Keys,
        header: HeaderMap,
        result: ImportReport,
        progress: Progress | None,
        cancel: CancelToken | None,
        *,
        refuse: bool,
        skip: Mapping[int, Any] | None = None,
        write: bool = True,
    ) -> None:
        self.cur = cur
        self.keys = keys
        self.header = header
        self.result = result
        self.progress = progress
        self.cancel = cancel
        self.refuse = refuse
        self.skip = skip or {}
        self.writing = write
        self.writes = _Writes()
        self.orgs = _OrgUnits(conn, self.writes)
        present = header.columns
        self.person_columns = _present_columns(present, _PERSON_SOURCES)
        self.household_columns = _present_columns(present, _HOUSEHOLD_SOURCES)
        self.skip_phone = "phone" not in present
        self.rejected: dict[int, RejectedRow] = {}
        self.warnings: list[Issue] = []
        self.skipped: dict[int, nat.NationalPersonRow] = {}
        #: 户编号 → id of households created by this import.
        self.created: dict[str, str] = {}
        #: Households whose columns have been written (or are in the batch).
        self.households_done: set[str] = set()
        #: Known households waiting for their head: the first row, whose values they take if none comes.
        self.first_rows: dict[str, _Staged] = {}
        #: Members of new households waiting for their head.
        self.held: dict[str, list[_Staged]] = {}
        self.held_rows = 0
        #: New households written before their head came (too many rows were waiting), and their values.
        self.waiting_head: set[str] = set()
        self.provisional: dict[str, dict[str, Any]] = {}
        self.batch_households: list[tuple[str, _Staged, bool]] = []
        self.batch_people: list[_Staged] = []

    def run(self, rows: Iterable[national_stream.StreamItem]) -> None:
        header, keys, skip = self.header, self.keys, self.skip
        seen = 0
        for item in rows:
            seen += 1
            if seen % _CHECK_EVERY == 0:
                check(self.cancel)
                report(self.progress, "read", seen)
            if isinstance(item, RejectedRow):
                self._reject(item)
                continue
            record = item.record
            if record.row_number in skip:
                self.skipped[record.row_number] = record
                continue
            found, person_id = _database_issues(record, header, keys)
            issues = [*item.issues, *found]
            if not item.ok or any(i.is_error for i in found):
                self._reject(nat.rejected_from_record(record, header, issues))
                continue
            self.warnings.extend(issues)
            if self.writing:
                self._add(_Staged(record, person_id, item.person, item.household))
        report(self.progress, "read", seen)

    def held_records(self) -> dict[int, nat.NationalPersonRow]:
        """The records of rows still waiting for their household's head (never written)."""
        return {s.record.row_number: s.record for rows in self.held.values() for s in rows}

    def _reject(self, row: RejectedRow) -> None:
        self.rejected[row.row_number] = row
        if self.refuse and self.writing:
            # All or nothing: nothing of this import will be written, so stop writing (keep checking).
            self.writing = False
            self.batch_households.clear()
            self.batch_people.clear()

    def _add(self, staged: _Staged) -> None:
        household_no = staged.record.household_no
        if household_no in self.households_done:
            self._person(staged)
        elif staged.record.is_head:
            self.households_done.add(household_no)
            self.first_rows.pop(household_no, None)
            self.waiting_head.discard(household_no)
            self.batch_households.append((household_no, staged, False))
            waiting = self.held.pop(household_no, ())
            self.held_rows -= len(waiting)
            for member in waiting:
                self._person(member)
            self._person(staged)
        elif household_no in self.keys.households or household_no in self.waiting_head:
            self.first_rows.setdefault(household_no, staged)
            self._person(staged)
        else:
            self.held.setdefault(household_no, []).append(staged)
            self.held_rows += 1
            if self.held_rows > _HOLD_LIMIT:
                self._release_held()

    def _release_held(self) -> None:
        """Too many rows wait for their heads (a sheet sorted by 与户主关系, say), and memory must not grow with
        the file: write those households now from their first row; their head's row corrects them (an insert
        and an update in the journal instead of one insert), or the first row stands if none comes."""
        for household_no, waiting in self.held.items():
            self.waiting_head.add(household_no)
            self.batch_households.append((household_no, waiting[0], True))
            for member in waiting:
                self._person(member)
        self.held = {}
        self.held_rows = 0

    def _person(self, staged: _Staged) -> None:
        self.batch_people.append(staged)
        if len(self.batch_people) >= _BATCH:
            self._flush()

    def finish(self, late: Mapping[int, Any]) -> None:
        """After the last row: households that got no head row take their first row's values."""
        if not self.writing:
            return
        for household_no, staged in self.first_rows.items():
            if household_no not in self.waiting_head:  # those were written from that row already
                self.batch_households.append((household_no, staged, False))
        self.first_rows.clear()
        for household_no, waiting in self.held.items():
            members = [s for s in waiting if s.record.row_number not in late]
            if members:
                self.households_done.add(household_no)
                self.batch_households.append((household_no, members[0], False))
                self.batch_people.extend(members)
        self.held.clear()
        self._flush()
        self.result.org_units_new = self.orgs.created

    def _flush(self) -> None:
        check(self.cancel)
        if self.batch_households:
            self._households(self.batch_households)
            self.batch_households = []
        if self.batch_people:
            self._people(self.batch_people)
            self.batch_people = []
        self.writes.flush(self.cur, dry_run=self.result.dry_run)
        self.result.org_units_new = self.orgs.created

    def _households(self, pending: Sequence[tuple[str, _Staged, bool]]) -> None:
        """Write households: (户编号, the row whose values they take, provisional: written before the head)."""
        keys, result, writes, columns = self.keys, self.result, self.writes, self.household_columns
        existing_ids = [keys.households[no] for no, _, _ in pending if no in keys.households]
        current = _fetch_by_ids(self.cur, "household", _HOUSEHOLD_COLUMNS, existing_ids)
        for household_no, staged, provisional in pending:
            staged_household = staged.household
            values: dict[str, Any] = {c: staged_household[c] for c in columns}
            record = staged.record
            village_id = self.orgs.village(record.county, record.township, record.village)
            if village_id is not None:
                values["village_id"] = village_id
            household_id = keys.households.get(household_no)
            if household_id is not None:
                if values.get("household_type") is None:
                    values.pop("household_type", None)
                changes = _diff(current[household_id], values)
                if changes:
                    writes.update("household", household_id, changes)
                    result.households_changed += 1
                continue
            written = self.provisional.pop(household_no, None)
            household = dict(_HOUSEHOLD_TEMPLATE, id=written["id"] if written else new_id())
            household.update(staged_household, household_no=household_no, village_id=village_id)
            household["household_type"] = staged_household["household_type"] or "tuopin"
            if written is not None:  # written from a member's row before its head came: corrected now
                changes = _diff(written, household)
                if changes:
                    writes.update("household", household["id"], changes)
                continue
            writes.insert("household", household, stored=True)
            self.created[household_no] = household["id"]
            if provisional:
                self.provisional[household_no] = household
            result.households_new += 1

    def _people(self, pending: Sequence[_Staged]) -> None:
        keys, result, writes, columns = self.keys, self.result, self.writes, self.person_columns
        current = _fetch_by_ids(
            self.cur,
            "person",
            ("household_id", *_PERSON_COLUMNS),
            [s.person_id for s in pending if s.person_id],
        )
        for staged in pending:
            values = staged.person
            household_no = staged.record.household_no
            household_id = keys.households.get(household_no) or self.created[household_no]
            person_id = staged.person_id
            if person_id is not None:
                wanted = {c: values[c] for c in columns}
                wanted["household_id"] = household_id
                if self.skip_phone:
                    wanted.pop("phone", None)
                if wanted.get("person_no", "") is None:
                    del wanted["person_no"]  # an identifier is never cleared by an empty cell
                changes = _diff(current[person_id], wanted)
                if changes:
                    if "name" in changes:
                        changes["search_key"] = search_key(changes["name"])
                    writes.update("person", person_id, changes)
                    result.changed += 1
                else:
                    result.unchanged += 1
                continue
            person = dict(_PERSON_TEMPLATE, id=new_id(), household_id=household_id)
            person.update(values)
            person["search_key"] = search_key(values["name"])
            writes.insert("person", person, stored=True)
            result.new += 1


# --- the three lists ---------------------------------------------------------------------------------------


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
        header = self.headers.get(name, name)
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
        return self._one(
            "SELECT * FROM employment_record WHERE person_id = ? ORDER BY effective_date DESC, recorded_at DESC "
            "LIMIT 1",
            (person_id,),
        )

    # -- planning one row --

    def plan(self, row: ListRow) -> tuple[_Plan | None, list[Issue]]:
        n = row.row_number
        shape = self.shape
        values = row.values
        issues: list[Issue] = []
        person: dict[str, Any] | None = None
        record: dict[str, Any] | None = None
        if row.key is not None:
            if shape.table == "employment_record":
                keyed = self._record(row.key)
                if keyed is not None:
                    record = self._latest_job(keyed["person_id"])
            else:
                record = self._record(row.key)
            if record is None:
                return None, [
                    self._issue(
                        n,
                        KEY_FIELD,
                        f"记录编号“{row.key}”在系统中不存在（可能已被删除）；新增的行请清空记录编号",
                    )
                ]
            person = self._one(
                f"SELECT id, {', '.join(_PERSON_READ)} FROM person WHERE id = ?", (record["person_id"],)
            )
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
