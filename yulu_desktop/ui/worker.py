"""The one database worker: every database job runs here, one after another, off the GUI thread.

SQLite has one writer, so jobs are serialised on a single thread (Anki's taskman does the same). The GUI submits
an operation — a function of the open ``Database`` — with success and failure callbacks; the result comes back
through a queued signal and the callbacks run on the GUI thread. Jobs touch no widget.

Writes announce what they changed (``changed``), and every view showing that data refreshes itself.
"""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store.database import Database

log = logging.getLogger(__name__)

Job = Callable[[Database], Any]


@dataclass(eq=False)
class Operation:
    """A unit of database work with its callbacks (run on the GUI thread)."""

    job: Callable[[Database | None], Any]
    on_success: Callable[[Any], None] | None = None
    on_failure: Callable[[BaseException], None] | None = None
    changes: frozenset[str] = frozenset()  # entity names a successful run has changed
    result: Any = None
    error: BaseException | None = None
    details: str = field(default="", repr=False)


class _Runner(QObject):
    """Lives on the worker thread and runs what it is given, in order.

    It receives only ``(number, job)`` and sends back ``(number, result, error, details)``: the operation with
    its callbacks stays on the GUI thread. (If the worker thread held the last reference to a callback, a
    widget the callback refers to could be destroyed on the worker thread, which crashes Qt.)
    """

    finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.db: Database | None = None

    @Slot(object)
    def run(self, payload: tuple[int, Callable[[Database | None], Any]]) -> None:
        number, job = payload
        del payload
        result: Any = None
        error: BaseException | None = None
        details = ""
        try:
            result = job(self.db)
        except BaseException as exc:  # reported to the GUI, never lost on the thread
            error = exc
            if not isinstance(exc, YuluError):
                details = traceback.format_exc()
        del job
        self.finished.emit((number, result, error, details))


class DbWorker(QObject):
    """Submits operations to the worker thread and delivers their results on the GUI thread."""

    _submit = Signal(object)
    #: A YuluError (Chinese message) or an unexpected error no callback handled.
    failed = Signal(str)
    #: Entity names changed by a write ("person", "visit", …).
    changed = Signal(object)
    #: No operation is queued or running.
    idle = Signal()
    #: An operation finished (after its callbacks ran).
    done = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("yulu-db-worker")
        self._runner = _Runner()
        self._runner.moveToThread(self._thread)
        self._submit.connect(self._runner.run, Qt.ConnectionType.QueuedConnection)
        self._runner.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        # The runner dies on its own thread when the thread ends (deleting it from the GUI thread later, at
        # interpreter exit, crashes in shiboken).
        self._thread.finished.connect(self._runner.deleteLater)
        self._pending = 0
        self._operations: dict[int, Operation] = {}
        self._numbers = itertools.count(1)
        self.path: str = ""
        self._thread.start()

    @property
    def database(self) -> Database | None:
        """The database the worker opened (None before). Other threads may use it: its pool gives each its
        own connections."""
        return self._runner.db

    @property
    def pending(self) -> int:
        return self._pending

    def submit(
        self,
        job: Callable[[Database], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
        *,
        changes: Iterable[str] = (),
    ) -> Operation:
        """Run ``job(db)`` on the worker thread once the jobs before it are done."""
        runner = self._runner

        def with_database(_: Database | None) -> Any:
            if runner.db is None:
                raise YuluError("数据库尚未打开")
            return job(runner.db)

        return self._enqueue(Operation(with_database, on_success, on_failure, frozenset(changes)))

    def open(
        self,
        opener: Callable[[], Database],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[BaseException], None] | None = None,
    ) -> Operation:
        """Open (or create) the database on the worker thread; it becomes the database of later jobs."""
        runner = self._runner

        def opening(_: Database | None) -> Database:
            db = opener()
            if runner.db is not None:
                runner.db.close()
            runner.db = db
            return db

        def opened(db: Any) -> None:
            self.path = str(db.path)
            if on_success:
                on_success(db)

        return self._enqueue(Operation(opening, opened, on_failure))

    def _enqueue(self, operation: Operation) -> Operation:
        self._pending += 1
        number = next(self._numbers)
        self._operations[number] = operation
        self._submit.emit((number, operation.job))
        return operation

    @Slot(object)
    def _deliver(self, outcome: tuple[int, Any, BaseException | None, str]) -> None:
        number, result, error, details = outcome
        operation = self._operations.pop(number)
        operation.result, operation.error, operation.details = result, error, details
        self._pending -= 1
        try:
            if operation.error is None:
                if operation.on_success:
                    operation.on_success(operation.result)
                if operation.changes:
                    self.changed.emit(operation.changes)
            elif operation.on_failure:
                operation.on_failure(operation.error)
            else:
                self.report_error(operation.error, operation.details)
        finally:
            self.done.emit(operation)
            if self._pending == 0:
                self.idle.emit()

    def report_error(self, error: BaseException, details: str = "") -> None:
        """The one place errors of database jobs reach the user (``failed``)."""
        if isinstance(error, YuluError):
            self.failed.emit(error.text())
        else:
            log.error("database job failed: %r\n%s", error, details)
            self.failed.emit(self.tr("操作失败：{0}").format(error))

    def shutdown(self) -> None:
        """Close the database on its own thread and stop the thread (waits for running jobs)."""
        if not self._thread.isRunning():
            return
        runner = self._runner
        thread = self._thread

        def closing(_: Database | None) -> None:
            try:
                if runner.db is not None:
                    runner.db.close()
                    runner.db = None
            finally:
                # Quit from inside the queue, so that every job submitted before runs first.
                thread.quit()

        self._enqueue(Operation(closing))
        self._thread.wait()
