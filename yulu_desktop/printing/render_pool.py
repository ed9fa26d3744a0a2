"""Worker processes for printing many people at once, kept between batches.

Starting a worker costs about a third of a second of CPU (the imports and the 5 MB CJK font), which a batch of a
few hundred dossiers would otherwise pay on every run. :func:`shared` hands out one pool per process; its
workers start on first use (or :meth:`RenderPool.warm`, when the print dialog opens) and stop after
:data:`IDLE_SECONDS` without a batch, so they take no memory while nobody prints.

Inside a worker, a task calls :func:`checkpoint` before each person. It reports the person done to the batch
(so progress moves per person, not per task) and stops the task when the batch is cancelled, or when the
parent process is gone. Workers die with their parent: on Linux the kernel kills them (``PR_SET_PDEATHSIG``),
and everywhere a thread in each worker waits on the handle multiprocessing gives a child of its parent (a pipe
on POSIX, the process handle on Windows) and ends the worker as soon as the parent is gone.

One batch uses a pool at a time; a second one waits for the first (the app prints one batch at a time anyway).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import multiprocessing
import multiprocessing.connection
import os
import queue
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Final

#: Workers stop after this long without a batch.
IDLE_SECONDS: Final = 300.0

_PR_SET_PDEATHSIG: Final = 1


class TaskStopped(Exception):
    """Raised inside a worker's task by :func:`checkpoint` when its batch was cancelled."""


# --- inside a worker process ------------------------------------------------------------------------------

_progress_queue: Any = None
_cancelled: Any = None


def _parent_is_gone() -> bool:
    parent = multiprocessing.parent_process()
    return parent is not None and not parent.is_alive()


def _watch_parent(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])
    os._exit(1)  # the parent is gone: stop now, writing nothing more (no cleanup that could block)


def _worker_started(progress_queue: Any, cancelled: Any) -> None:
    """Initializer of each worker process: arrange to die with the parent, and keep the batch's channels."""
    global _progress_queue, _cancelled
    _progress_queue, _cancelled = progress_queue, cancelled
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    parent = multiprocessing.parent_process()
    if parent is None:
        return
    if not parent.is_alive():  # it died before the line above took effect
        os._exit(1)
    threading.Thread(
        target=_watch_parent, args=(parent.sentinel,), name="yulu-batch-parent-watch", daemon=True
    ).start()


def checkpoint(batch: int, index: int) -> None:
    """Called in a worker before person ``index`` of a task of ``batch``: report the person before it done, and
    stop the task if its batch was cancelled (:class:`TaskStopped`) or the parent is gone."""
    if _parent_is_gone():
        os._exit(1)
    if _cancelled is not None and _cancelled.is_set():
        raise TaskStopped
    if index > 0:
        _report(batch)


def task_finished(batch: int) -> None:
    """Called in a worker when a task of ``batch`` is done: report its last person."""
    _report(batch)


def _report(batch: int) -> None:
    if _progress_queue is not None:
        _progress_queue.put(batch)


def _ready(*, batch: int = 0) -> int:
    """A task that makes a worker load what printing needs (run by :meth:`RenderPool.warm`); its process id."""
    from yulu_desktop.printing.fonts import register_fonts
    from yulu_desktop.printing.layout import build_pdf  # noqa: F401  (the imports are the point)

    register_fonts()
    return os.getpid()


# --- in the parent process --------------------------------------------------------------------------------


class Batch:
    """One batch's use of the pool: submit tasks, count the people done, cancel."""

    def __init__(self, pool: RenderPool, number: int) -> None:
        self._pool = pool
        self.number = number
        self.futures: list[Future[Any]] = []
        self._done = 0

    def submit(self, task: Callable[..., Any], *args: Any) -> Future[Any]:
        """Run ``task(*args, batch=number)`` in a worker; the task calls :func:`checkpoint` per person."""
        future = self._pool._executor_now().submit(task, *args, batch=self.number)
        self.futures.append(future)
        return future

    def people_done(self) -> int:
        """People reported done so far by this batch's tasks (:func:`checkpoint`, :func:`task_finished`)."""
        channel = self._pool._progress
        while True:
            try:
                batch = channel.get_nowait()
            except queue.Empty:
                return self._done
            if batch == self.number:  # not a late report of an earlier, cancelled batch
                self._done += 1

    def _stop(self) -> None:
        """Cancel what has not started and make running tasks stop at their next person; wait for them."""
        for future in self.futures:
            future.cancel()
        self._pool._cancelled.set()
        try:
            wait(self.futures)
        finally:
            self._pool._cancelled.clear()


class RenderPool:
    """``workers`` processes (``spawn``: the caller may be a Qt application with threads running, which fork
    does not survive; a frozen build calls ``multiprocessing.freeze_support()`` in its entry point)."""

    def __init__(self, workers: int, *, idle_seconds: float = IDLE_SECONDS) -> None:
        self.workers = workers
        self.idle_seconds = idle_seconds
        self._context = multiprocessing.get_context("spawn")
        self._progress: Any = self._context.Queue()
        self._cancelled: Any = self._context.Event()
        self._in_use = threading.Lock()  # one batch at a time
        self._state = threading.Lock()  # guards _executor, _timer, _batches
        self._executor: ProcessPoolExecutor | None = None
        self._timer: threading.Timer | None = None
        self._batches = 0

    def _executor_now(self) -> ProcessPoolExecutor:
        with self._state:
            if self._executor is not None and getattr(self._executor, "_broken", False):
                # A worker died while the pool was idle (killed, out of memory): start afresh rather than fail
                # the batch. ``_broken`` is how ProcessPoolExecutor itself remembers it.
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = None
            if self._executor is None:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=self._context,
                    initializer=_worker_started,
                    initargs=(self._progress, self._cancelled),
                )
            return self._executor

    @property
    def running(self) -> bool:
        """True while worker processes are up (between a first batch, or :meth:`warm`, and the idle stop)."""
        return self._executor is not None

    def warm(self) -> None:
        """Start the workers now, without waiting for them (say when the print dialog opens). Does nothing while
        a batch runs: its workers are up."""
        if not self._in_use.acquire(blocking=False):
            return
        try:
            executor = self._executor_now()
            for _ in range(self.workers):
                executor.submit(_ready)
            self._stop_later()
        finally:
            self._in_use.release()

    @contextlib.contextmanager
    def batch(self) -> Iterator[Batch]:
        """Use the workers for one batch. Leaving early (cancel, an error) stops the batch's tasks first; a
        pool whose worker died is discarded, and the next batch starts new workers."""
        with self._in_use:
            with self._state:
                if self._timer is not None:
                    self._timer.cancel()
                    self._timer = None
                self._batches += 1
                run = Batch(self, self._batches)
            try:
                yield run
            except BrokenProcessPool:
                self.close()
                raise
            except BaseException:
                run._stop()
                raise
            finally:
                if self._executor is not None:
                    self._stop_later()

    def _stop_later(self) -> None:
        with self._state:
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.idle_seconds, self._stop_if_idle)
            self._timer.daemon = True
            self._timer.start()

    def _stop_if_idle(self) -> None:
        if self._in_use.acquire(blocking=False):
            try:
                self.close()
            finally:
                self._in_use.release()

    def close(self) -> None:
        """Stop the workers (waiting for them); the next batch starts new ones."""
        with self._state:
            executor, self._executor = self._executor, None
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
        if executor is not None:
            self._drain()  # a worker cannot end while what it reported still fills the pipe
            executor.shutdown(wait=True, cancel_futures=True)

    def _drain(self) -> None:
        with contextlib.suppress(queue.Empty, OSError):
            while True:
                self._progress.get_nowait()


_shared: RenderPool | None = None
_shared_lock = threading.Lock()


def shared(workers: int) -> RenderPool:
    """The process's pool of ``workers`` processes (one with another number of workers is closed first)."""
    global _shared
    with _shared_lock:
        if _shared is None or _shared.workers != workers:
            if _shared is not None:
                _shared.close()
            _shared = RenderPool(workers)
        return _shared


@atexit.register
def _close_shared() -> None:
    if _shared is not None:
        _shared.close()


def default_workers() -> int:
    """Processes a batch is printed in by default: two where the machine has two cores or more."""
    return 2 if (os.cpu_count() or 1) >= 2 else 1


__all__ = [
    "IDLE_SECONDS",
    "Batch",
    "RenderPool",
    "TaskStopped",
    "checkpoint",
    "default_workers",
    "shared",
    "task_finished",
]
