"""The national export as a stream of checked rows, read in this process or in a child process.

:class:`~yulu_desktop.excel.national.NationalScan` parses the sheet; here each valid row also goes through the
domain rules of a single edit (normalised person and household values, issues relabelled to the sheet's columns),
which needs nothing but the row. What is left for the import service is what needs the database: matching by
人员编号 / ID number, and writing.

With ``parallel=True`` the reading, parsing and rule checks run in a child process (``spawn``: the caller may be
a Qt application with threads running, which ``fork`` does not survive; a frozen build must call
``multiprocessing.freeze_support()`` in its entry point) and reach this process through a pipe in chunks of
rows, so that a second core parses while the first one writes. The pipe's buffer holds a few chunks at most:
the child waits when the parent is behind, so neither side holds the sheet. Errors in the child come back as
the same :class:`YuluError` (or :class:`ValidationFailed`) the in-process reader raises; a child that dies or
crashes is reported in Chinese, and :meth:`NationalStream.close` (also on cancel) stops it.
"""

from __future__ import annotations

import abc
import contextlib
import datetime as dt
import multiprocessing
import os
import queue
import sys
import threading
import traceback
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass, replace
from multiprocessing.connection import Connection
from pathlib import Path
from types import SimpleNamespace, TracebackType
from typing import Any, Final

from yulu_desktop.domain import code_text, rules
from yulu_desktop.domain.errors import Issue, Severity, ValidationFailed, YuluError
from yulu_desktop.excel import national as nat
from yulu_desktop.excel.headers import HeaderMap
from yulu_desktop.excel.results import RejectedRow
from yulu_desktop.excel.sheets import check_archive

#: Files at least this large are parsed in a child process when the caller leaves it to us (``parallel=None``):
#: below it, starting an interpreter costs more than a second core saves (about 7,000 rows).
PARALLEL_MIN_BYTES: Final = 1_000_000
#: A frozen (PyInstaller) build starts a child process by running its own executable again, which only works if
#: the entry point calls ``multiprocessing.freeze_support()`` first; such an entry point sets this to True.
#: Until then a frozen build reads in-process, unless the caller asks for ``parallel=True``.
FROZEN_ENTRY_POINT_READY = False
#: Rows per message from the child process.
CHUNK_ROWS: Final = 500
#: Messages the child may have ready before the parent takes them (how far the parser may run ahead).
AHEAD_CHUNKS: Final = 8
#: How often (seconds) the parent stops waiting for the child to look at its cancel flag.
_POLL_SECONDS: Final = 0.1

#: Fields of the domain rules → the column of the export their issues are about.
_RULE_FIELDS: Final[Mapping[str, str]] = {
    "group_name": "natural_village",
    "income_per_capita_fen": "income_per_capita",
    "contact_phone": "phone",
    "sex": "id_number",
    "birth_date": "id_number",
}


@dataclass(frozen=True, slots=True)
class CheckedRow:
    """A row the parser accepted, after the domain rules: the record, the person's and the household's columns
    as they will be stored (normalised, dates as ISO text), and the rules' issues (warnings, or errors that
    reject the row) with row number and sheet column."""

    record: nat.NationalPersonRow
    person: dict[str, Any]
    household: dict[str, Any]
    issues: tuple[Issue, ...]

    @property
    def ok(self) -> bool:
        return not any(i.is_error for i in self.issues)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return CheckedRow, (self.record, self.person, self.household, self.issues)


def _relabel(issue: Issue, header: HeaderMap, row: int) -> Issue:
    name = _RULE_FIELDS.get(issue.field, issue.field)
    label = header.label(name) if name in header.columns else issue.label
    return replace(issue, field=name, label=label, row=row)


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


_HOUSEHOLD_ISSUES: dict[tuple[Any, ...], list[Issue]] = {}


def check_row(record: nat.NationalPersonRow, header: HeaderMap, today: dt.date) -> CheckedRow:
    """The domain rules of a single edit for one parsed row (nothing that needs the database)."""
    row = record.row_number
    # Plain namespaces, not the mapped entities: the domain rules only read and normalise attributes, and
    # building instrumented ORM objects for 200,000 rows would cost more than the whole validation. The ID
    # number was checked by the parser with the same rule and the same ``today`` (a valid number has no
    # issue at all); it is left out of the rules here so that it is not analysed three more times.
    person: Any = SimpleNamespace(
        household_id="-",
        person_no=record.person_no,
        name=record.name,
        id_number=None,
        sex=record.sex,
        birth_date=record.birth_date,
        relationship=record.relationship,
        ethnicity=record.ethnicity or "",
        education=record.education,
        student_status=record.student_status,
        health=record.health,
        skills=record.skills,
        phone=record.phone or "",
        status="normal",
    )
    rules.normalize_person(person, today=today)
    household: Any = SimpleNamespace(
        household_no=record.household_no,
        village_id="-",
        group_name=record.natural_village or "",
        household_type=record.household_type or "tuopin",
        monitoring_type=record.monitoring_type,
        risk_causes=record.risk_causes_text,
        risk_identified_on=record.risk_identified_on,
        risk_eliminated=record.risk_eliminated,
        risk_eliminated_on=record.risk_eliminated_on,
        income_per_capita_fen=record.income_per_capita_fen,
        contact_phone=record.phone or "",
        payee_account="",
    )
    rules.normalize_household(household)
    # Every member's row repeats the household's columns: check each distinct set of values once.
    household_key = (today, *vars(household).values())
    found = _HOUSEHOLD_ISSUES.get(household_key)
    if found is None:
        found = rules.household_issues(household, today=today)
        if len(_HOUSEHOLD_ISSUES) > 10_000:
            _HOUSEHOLD_ISSUES.clear()
        _HOUSEHOLD_ISSUES[household_key] = found
    # Only what breaks identity refuses a row: the household's descriptive values (a 监测户 without its type,
    # say) are warnings here, and the county sees them on the household.
    found = [
        i if i.field == "household_no" or not i.is_error else replace(i, severity=Severity.WARNING)
        for i in found
    ]
    issues = tuple(
        _relabel(i, header, row)
        for i in rules.person_issues(person, today=today) + found
        if i.field not in ("household_id", "village_id")
    )
    person.id_number = record.id_number
    return CheckedRow(
        record=record,
        person={
            "person_no": person.person_no,
            "name": person.name,
            "id_number": person.id_number,
            "sex": person.sex,
            "birth_date": _date(person.birth_date),
            "relationship": person.relationship,
            "ethnicity": person.ethnicity,
            "education": person.education,
            "student_status": person.student_status,
            "health": person.health,
            "skills": person.skills,
            "phone": person.phone,
            "raw_values": code_text.encode_raw_values(dict(record.raw_values)),
        },
        household={
            "group_name": household.group_name,
            "household_type": record.household_type,  # None: keep what the household has
            "monitoring_type": household.monitoring_type,
            "risk_causes": household.risk_causes,
            "risk_eliminated": int(household.risk_eliminated),
            "risk_identified_on": _date(household.risk_identified_on),
            "risk_eliminated_on": _date(household.risk_eliminated_on),
            "income_per_capita_fen": household.income_per_capita_fen,
            "contact_phone": household.contact_phone,
        },
        issues=issues,
    )


StreamItem = RejectedRow | CheckedRow


class NationalStream(abc.ABC):
    """One pass over an export: ``header`` and ``sheet_name`` at once, rows by iterating (once), then
    :meth:`summary` and ``notes``. Close it (or use ``with``); closing early stops a child process."""

    header: HeaderMap
    sheet_name: str
    notes: list[str]

    @abc.abstractmethod
    def __iter__(self) -> Iterator[StreamItem]:
        """The rows, checked or rejected, in sheet order (once)."""

    @abc.abstractmethod
    def summary(self) -> nat.ScanSummary:
        """Counts of the pass, once the rows have been read."""

    @abc.abstractmethod
    def close(self) -> None:
        """Stop reading (a child process is stopped) and free the file."""

    def __enter__(self) -> NationalStream:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _checked(scan: nat.NationalScan, today: dt.date) -> Iterator[StreamItem]:
    header = scan.header
    for item in scan:
        if isinstance(item, RejectedRow):
            yield item
        else:
            yield check_row(item, header, today)


class _LocalStream(NationalStream):
    """Everything in this process (small files, tests, and the reference the child process is checked against)."""

    def __init__(self, scan: nat.NationalScan, today: dt.date) -> None:
        self._scan = scan
        self._today = today
        self.header = scan.header
        self.sheet_name = scan.reader.sheet_name
        self.notes = scan.reader.notes

    def __iter__(self) -> Iterator[StreamItem]:
        return _checked(self._scan, self._today)

    def summary(self) -> nat.ScanSummary:
        return self._scan.summary()

    def close(self) -> None:
        self._scan.close()


# --- the child process --------------------------------------------------------------------------------------


class _Sender:
    """Sends the child's messages from a thread of their own, up to :data:`AHEAD_CHUNKS` behind the parser.

    A pipe holds only about 64 KB (some 180 rows) while the parent writes a batch of 2,000 rows: sending from
    the parsing thread would make the two processes take turns instead of working at once. The queue lets the
    parser run ahead by a few thousand rows, and no further."""

    def __init__(self, out: Connection) -> None:
        self._out = out
        self._queue: queue.Queue[tuple[Any, ...] | None] = queue.Queue(maxsize=AHEAD_CHUNKS)
        self.broken = threading.Event()
        self._thread = threading.Thread(target=self._run, name="yulu-excel-sender", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while (message := self._queue.get()) is not None:
            if self.broken.is_set():
                continue  # the parent is gone: drain, so that send() never blocks for good
            try:
                self._out.send(message)
            except (BrokenPipeError, EOFError, OSError):
                self.broken.set()

    def send(self, message: tuple[Any, ...]) -> None:
        if self.broken.is_set():
            raise BrokenPipeError("the reading process's parent went away")
        self._queue.put(message)

    def close(self) -> None:
        """Send what is queued (unless the parent is gone), then stop."""
        self._queue.put(None)
        self._thread.join()


def _tell(sender: _Sender, message: tuple[Any, ...]) -> None:
    with contextlib.suppress(BrokenPipeError):
        sender.send(message)


def _child(
    out: Connection,
    path: str,
    sheet: str | None,
    today: dt.date,
    known_households: frozenset[str],
    chunk_rows: int = CHUNK_ROWS,
) -> None:
    """Run in the child process: scan and check ``path``, sending messages to ``out``.

    ("header", HeaderMap, sheet name), then ("rows", [items]) any number of times, then ("end", summary,
    notes); or ("invalid", issues) / ("error", message) for a file we refuse, ("crash", traceback) for a bug.
    """
    sender = _Sender(out)
    send = sender.send
    try:
        with nat.scan_national(path, sheet=sheet, today=today, known_households=known_households) as scan:
            send(("header", scan.header, scan.reader.sheet_name))
            chunk: list[StreamItem] = []
            for item in _checked(scan, today):
                chunk.append(item)
                if len(chunk) >= chunk_rows:
                    send(("rows", chunk))
                    chunk = []
            if chunk:
                send(("rows", chunk))
            send(("end", scan.summary(), list(scan.reader.notes)))
    except BrokenPipeError:
        pass  # the parent went away (cancelled): nothing to tell
    except ValidationFailed as exc:
        _tell(sender, ("invalid", exc.issues))
    except YuluError as exc:
        _tell(sender, ("error", exc.message))
    except BaseException:
        _tell(sender, ("crash", traceback.format_exc()))
    finally:
        sender.close()
        out.close()


class ChildProcessFailed(YuluError):
    """The child process reading the sheet died or failed; the message says so in Chinese."""


def _raise_for(message: tuple[Any, ...], path: Path) -> None:
    """Raise what a message from the child reports, if it reports a failure."""
    kind = message[0]
    if kind == "invalid":
        raise ValidationFailed(message[1])
    if kind == "error":
        raise YuluError(message[1])
    if kind == "crash":
        raise ChildProcessFailed(
            f"读取“{path.name}”时后台进程出错，没有写入任何数据。请把以下信息发给技术支持：\n{message[1]}"
        )


class _ChildStream(NationalStream):
    """The same stream, read from a child process that scans and checks the sheet."""

    def __init__(
        self,
        path: Path,
        *,
        sheet: str | None,
        today: dt.date,
        known_households: frozenset[str],
        should_stop: Callable[[], None] | None = None,
    ) -> None:
        self._path = path
        self._should_stop = should_stop
        ctx = multiprocessing.get_context("spawn")
        self._conn, child_end = ctx.Pipe(duplex=False)
        self._process = ctx.Process(
            target=_child,
            args=(child_end, str(path), sheet, today, known_households, CHUNK_ROWS),
            name="yulu-excel-reader",
            daemon=True,
        )
        self._summary: nat.ScanSummary | None = None
        self.notes = []
        try:
            self._process.start()
        finally:
            child_end.close()  # ours: so that the child's end of the pipe is the only one, and EOF means it died
        try:
            message = self._receive()
            if message[0] != "header":
                raise self._unexpected(message)
            self.header = message[1]
            self.sheet_name = message[2]
        except BaseException:
            self.close()
            raise

    def _receive(self) -> tuple[Any, ...]:
        """The next message from the child; raises the child's error, or a Chinese message if it died."""
        while not self._conn.poll(_POLL_SECONDS):
            if self._should_stop is not None:
                self._should_stop()
            if not self._process.is_alive() and not self._conn.poll(0):
                break
        try:
            message: tuple[Any, ...] = self._conn.recv()
        except (EOFError, OSError) as exc:
            self._process.join(5)
            code = self._process.exitcode
            hint = "可能是内存不足，请关闭其他程序后重试" if code is not None and code < 0 else "请重试"
            raise ChildProcessFailed(
                f"读取“{self._path.name}”的后台进程意外退出（退出码 {code}），没有写入任何数据。{hint}"
            ) from exc
        _raise_for(message, self._path)
        return message

    def _unexpected(self, message: tuple[Any, ...]) -> ChildProcessFailed:
        return ChildProcessFailed(f"读取“{self._path.name}”的后台进程发来了无法识别的消息（{message[0]}）")

    def __iter__(self) -> Iterator[StreamItem]:
        while True:
            message = self._receive()
            if message[0] == "rows":
                yield from message[1]
            elif message[0] == "end":
                self._summary = message[1]
                self.notes = message[2]
                return
            else:
                raise self._unexpected(message)

    def summary(self) -> nat.ScanSummary:
        if self._summary is None:
            raise RuntimeError("NationalStream.summary() is available after the rows have been read")
        return self._summary

    def close(self) -> None:
        process = self._process
        if process.is_alive() and self._summary is None:
            process.terminate()  # stopped early (cancel, an error here): the rest of the sheet is not wanted
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join()
        self._conn.close()
        process.close()


def open_national_stream(
    path: str | os.PathLike[str],
    *,
    today: dt.date,
    sheet: str | None = None,
    known_households: Collection[str] = frozenset(),
    parallel: bool | None = None,
    should_stop: Callable[[], None] | None = None,
) -> NationalStream:
    """Open an export for one checked pass; see the module docstring.

    ``parallel``: read in a child process (True), in this one (False), or by file size (None: from
    :data:`PARALLEL_MIN_BYTES`). ``should_stop`` is called while waiting for the child and may raise (a
    cancel check). Raises ``YuluError`` as :func:`~yulu_desktop.excel.national.scan_national` does."""
    p = Path(path)
    # Here as well as in open_sheet: a zip bomb is refused before a child process is started for it.
    check_archive(p)
    if parallel is None:
        try:
            parallel = p.stat().st_size >= PARALLEL_MIN_BYTES
        except OSError:
            parallel = False  # open_sheet reports a missing file in Chinese
        if getattr(sys, "frozen", False) and not FROZEN_ENTRY_POINT_READY:
            parallel = False
    if parallel:
        return _ChildStream(
            p, sheet=sheet, today=today, known_households=frozenset(known_households), should_stop=should_stop
        )
    return _LocalStream(
        nat.scan_national(p, sheet=sheet, today=today, known_households=known_households), today
    )
