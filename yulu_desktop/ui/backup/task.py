"""A long file task (backup, restore) on a thread of its own, reporting to the GUI through queued signals.

Backups read the database through connections of their own from its pool (``store.backup``), so they need not
wait on — nor hold up — the database worker; restores may run before any database is open at all. The function
touches no widget: it gets a progress callback and a cancel flag and returns plain data.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal

#: ``run(progress, cancelled) -> result`` on the task's thread.
TaskFunction = Callable[[Callable[[str, int, int], None], Callable[[], bool]], Any]


class FileTask(QObject):
    """Runs ``function`` once on a thread; ``progress`` while it runs, then ``succeeded`` or ``failed``."""

    progress = Signal(str, int, int)
    succeeded = Signal(object)
    failed = Signal(object)
    _finished = Signal(object, object)

    def __init__(self, function: TaskFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._function = function
        self._cancel = threading.Event()
        self._thread: threading.Thread | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self._delivered = False
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        """Started and its outcome not delivered yet (the thread itself may outlive the delivery by a moment)."""
        return self._thread is not None and not self._delivered

    def start(self) -> None:
        function, progress, finished, cancel = self._function, self.progress, self._finished, self._cancel

        def run() -> None:
            result: Any = None
            error: BaseException | None = None
            try:
                result = function(lambda stage, done, total: progress.emit(stage, done, total), cancel.is_set)
            except BaseException as exc:  # reported on the GUI thread, never lost on this one
                error = exc
            finished.emit(result, error)

        self._thread = threading.Thread(target=run, name="yulu-backup", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _deliver(self, result: Any, error: BaseException | None) -> None:
        self.result, self.error = result, error
        self._delivered = True
        if error is None:
            self.succeeded.emit(result)
        else:
            self.failed.emit(error)
