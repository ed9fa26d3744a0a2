"""Long-running work (import, export, reconciliation): progress reports and cancellation, without Qt.

A background function takes a ``progress`` callback and a :class:`CancelToken`, and returns plain data; the
desktop UI runs it on its worker thread and the CLI in the foreground (Orange3's concurrent helpers work the
same way). A cancelled task raises :class:`Cancelled`, which rolls its transaction back.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from yulu_desktop.domain.errors import YuluError

#: ``progress(phase, done, total)``: phase "read" (rows read from the file; total 0 = unknown), "apply"
#: (rows written), "write" (rows exported), "compare" (rows compared).
Progress = Callable[[str, int, int], None]


class Cancelled(YuluError):
    """The user cancelled; nothing was written (the UI shows no error for it)."""

    def __init__(self, message: str = "已取消，没有写入任何数据") -> None:
        super().__init__(message)


class CancelToken:
    """Set from any thread (the GUI's cancel button); checked by the task between batches."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        """Raise :class:`Cancelled` if cancellation was asked for."""
        if self._event.is_set():
            raise Cancelled()


def report(progress: Progress | None, phase: str, done: int, total: int = 0) -> None:
    if progress is not None:
        progress(phase, done, total)


def check(cancel: CancelToken | None) -> None:
    if cancel is not None:
        cancel.check()
