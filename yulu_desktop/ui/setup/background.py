"""One piece of network work off the GUI thread, its result back through a queued signal.

Enrollment and the first sync talk to the county server for seconds to minutes: they run on a thread of their own
(never on the database worker, which the window keeps using), take a progress callback and a cancel flag, touch no
widget, and return plain data (see STYLE.md, "Work off the GUI thread").
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

#: ``progress(stage, done, total)`` as the sync client reports it.
Progress = Callable[[str, int, int], None]


class Background(QObject):
    """Runs ``work(progress, cancelled)`` on a thread; ``progress``, then ``done(result)`` or ``failed(error)``
    arrive on the GUI thread (the signals cross threads queued).

    ``running`` stays true until ``done`` or ``failed`` is handled on the GUI thread, not only while the thread
    lives: between the thread's end and the queued result the task is not idle, and a caller that saw it idle
    there (a cancel, a test waiting for the end) would act before the result."""

    progress = Signal(str, int, int)
    done = Signal(object)
    failed = Signal(object)
    _finished = Signal(bool, object)  # (succeeded, result or error), from the thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_flag = threading.Event()
        self._thread: threading.Thread | None = None
        self._running = False
        self._finished.connect(self._deliver)

    @property
    def running(self) -> bool:
        return self._running

    def start(self, work: Callable[[Progress, Callable[[], bool]], Any]) -> None:
        self.cancel_flag.clear()
        self._running = True

        def run() -> None:
            try:
                result = work(self.progress.emit, self.cancel_flag.is_set)
            except BaseException as exc:  # handed to the GUI thread, which says it in Chinese
                self._finished.emit(False, exc)
            else:
                self._finished.emit(True, result)

        self._thread = threading.Thread(target=run, name="yulu-setup", daemon=True)
        self._thread.start()

    def _deliver(self, succeeded: bool, payload: object) -> None:
        self._running = False  # before the handlers, which may start the next task
        (self.done if succeeded else self.failed).emit(payload)

    def cancel(self) -> None:
        self.cancel_flag.set()

    def wait(self, seconds: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(seconds)
