"""Import of the national monitoring export (全国防返贫监测信息系统导出表), streamed; see the package docstring."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection

from yulu_desktop.domain.entities import Household, Person, new_id
from yulu_desktop.domain.errors import Issue
from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.excel import national as nat
from yulu_desktop.excel import national_stream
from yulu_desktop.excel.headers import HeaderMap
from yulu_desktop.excel.results import RejectedRow, sort_issues
from yulu_desktop.services.bulk import sql_value
from yulu_desktop.services.excel_import import raw_texts
from yulu_desktop.services.excel_import.org_units import _norm_name, _OrgUnits
from yulu_desktop.services.excel_import.plumbing import (
    _BATCH,
    _CHECK_EVERY,
    _audit,
    _cursor,
    _diff,
    _fetch_by_ids,
    _Rollback,
    _transaction,
    _write_rejected_file,
    _Writes,
)
from yulu_desktop.services.excel_import.report import ImportReport
from yulu_desktop.services.tasks import CancelToken, Progress, check, report
from yulu_desktop.store.database import Database

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
_PERSON_COLUMNS: Final = (*(c for cols in _PERSON_SOURCES.values() for c in cols), "raw_values")
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
        self.present = frozenset(present)
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
                raw_texts.keep_known(
                    current[household_id], values, dict(record.raw_values), raw_texts.HOUSEHOLD_FIELDS
                )
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
                stored = current[person_id]
                wanted = {c: values[c] for c in columns}
                wanted["household_id"] = household_id
                if self.skip_phone:
                    wanted.pop("phone", None)
                if wanted.get("person_no", "") is None:
                    del wanted["person_no"]  # an identifier is never cleared by an empty cell
                raw = dict(staged.record.raw_values)
                raw_texts.keep_known(stored, wanted, raw, raw_texts.PERSON_FIELDS)
                wanted["raw_values"] = raw_texts.merged(
                    stored["raw_values"], values["raw_values"], self.present
                )
                changes = _diff(stored, wanted)
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
