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
    arrive on the GUI thread (the signals cross threads queued)."""

    progress = Signal(str, int, int)
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.cancel_flag = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, work: Callable[[Progress, Callable[[], bool]], Any]) -> None:
        self.cancel_flag.clear()

        def run() -> None:
            try:
                result = work(self.progress.emit, self.cancel_flag.is_set)
            except BaseException as exc:  # handed to the GUI thread, which says it in Chinese
                self.failed.emit(exc)
            else:
                self.done.emit(result)

        self._thread = threading.Thread(target=run, name="yulu-setup", daemon=True)
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_flag.set()

    def wait(self, seconds: float = 30.0) -> None:
        if self._thread is not None:
            self._thread.join(seconds)
