"""Many dossiers or forms at once: into one PDF, or one file per person into a folder.

The work runs in the caller's thread (the UI puts it on a worker) and reports ``progress(done, total)``;
a :class:`CancelToken` stops it between two people. Output is written to a temporary name in the target
directory and renamed into place only when complete, so a cancelled or failed batch leaves no partial file.

What a crash leaves behind. Everything unfinished lives in one staging folder in the target directory,
``.yulu-batch-*``, made private (0700, its files 0600: dossiers hold ID numbers and health), and holding a
locked ``.lock`` file for as long as its batch runs. If the process is killed, the lock goes with it and the
next batch (or the app's start, :func:`remove_stale_batches` — staging folders are also listed in the user
data directory so that it can find them) removes the folder. Worker processes die with their parent
(:mod:`yulu_desktop.printing.render_pool`).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path
from typing import BinaryIO, Final

from yulu_desktop.paths import user_data_dir
from yulu_desktop.printing import render_pool
from yulu_desktop.printing.application_form import form_section
from yulu_desktop.printing.dossier import dossier_section
from yulu_desktop.printing.layout import Section, build_pdf
from yulu_desktop.printing.model import ApplicationFormData, DossierData

Printable = DossierData | ApplicationFormData
Progress = Callable[[int, int], None]


class BatchCancelled(Exception):
    """The user cancelled the batch. Not an error to show: nothing was written."""


class CancelToken:
    """Set from any thread with :meth:`cancel`; the batch checks it before each person."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


def _section(item: Printable) -> Section:
    if isinstance(item, DossierData):
        return dossier_section(item)
    return form_section(item)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def default_filename(item: Printable) -> str:
    """``一人一档_张小雨_500229….pdf`` / ``补助申请表_2025-autumn_张小雨_….pdf``: unique per person, safe on Windows."""
    if isinstance(item, DossierData):
        stem = f"一人一档_{item.name}_{item.person_no or item.person_id}"
    else:
        stem = (
            f"补助申请表_{item.term}_{item.student_name}_{item.person_id[-12:]}"  # the random end of the id
        )
    return _UNSAFE.sub("_", stem) + ".pdf"


def _checker(total: int, progress: Progress | None, cancel: CancelToken | None) -> Callable[[int], None]:
    def before(i: int) -> None:
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        if progress is not None:
            progress(i, total)

    return before


# --- private staging, and what a crash left ---------------------------------------------------------------

STAGING_PREFIX: Final = ".yulu-batch-"
_LOCK_NAME: Final = ".lock"
#: A staging folder without a lock file (made by an older release, or this very moment by another batch) is
#: only taken for a leftover once it is this old.
_UNLOCKED_GRACE_SECONDS: Final = 60.0
_PRIVATE_FILE: Final = 0o600


def _private_file(path: Path | str) -> BinaryIO:
    """A new file only its owner may read (0600 whatever the umask)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), _PRIVATE_FILE)
    if hasattr(os, "fchmod"):
        os.fchmod(fd, _PRIVATE_FILE)
    return os.fdopen(fd, "wb")


def _try_lock(fd: int) -> bool:
    """An exclusive lock on an open file, without waiting; False if someone holds it."""
    try:
        if sys.platform == "win32":
            import msvcrt

            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _registry() -> Path:
    return user_data_dir() / "batch-staging"


def _registry_entry(staging: Path) -> Path:
    digest = hashlib.sha256(str(staging.resolve()).encode()).hexdigest()[:32]
    return _registry() / f"{digest}.txt"


@contextlib.contextmanager
def _staging(where: Path) -> Iterator[Path]:
    """A private, locked staging folder in ``where`` for one batch; removed when the batch ends."""
    remove_stale_batches(where)
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=where))  # mkdtemp makes it 0700
    entry = _registry_entry(staging)
    lock: BinaryIO | None = None
    try:
        lock = _private_file(staging / _LOCK_NAME)
        if not _try_lock(lock.fileno()):
            raise OSError(f"cannot lock {staging}")
        with contextlib.suppress(OSError):  # the list only helps the app's start find leftovers
            entry.parent.mkdir(parents=True, exist_ok=True)
            entry.write_text(str(staging.resolve()), encoding="utf-8")
        yield staging
    finally:
        if lock is not None:
            lock.close()  # before removing: Windows cannot delete an open file
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            entry.unlink()


def _is_abandoned(staging: Path) -> bool:
    """True if no running batch owns ``staging`` (its lock is free, or it never had one and is old)."""
    lock_path = staging / _LOCK_NAME
    try:
        fd = os.open(lock_path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        try:
            age = time.time() - staging.stat().st_mtime
        except OSError:
            return False
        return age > _UNLOCKED_GRACE_SECONDS
    except OSError:
        return False
    try:
        return _try_lock(fd)
    finally:
        os.close(fd)  # releases the probe's lock too


def remove_stale_batches(folder: Path | None = None) -> list[Path]:
    """Remove staging folders that a crashed or killed batch left behind; the folders removed.

    ``folder``: also look there for ``.yulu-batch-*`` (a batch calls this for its target folder). Without it,
    only the folders listed in the user data directory are looked at (what the app does at its start)."""
    candidates: dict[Path, Path | None] = {}
    if folder is not None:
        with contextlib.suppress(OSError):
            for child in Path(folder).iterdir():
                if child.name.startswith(STAGING_PREFIX) and child.is_dir() and not child.is_symlink():
                    candidates[child] = None
    with contextlib.suppress(OSError):
        for entry in _registry().glob("*.txt"):
            try:
                listed = Path(entry.read_text(encoding="utf-8").strip())
            except (OSError, UnicodeDecodeError):
                continue
            if not listed.name.startswith(STAGING_PREFIX):
                entry.unlink()  # not ours to remove
            elif not listed.exists():
                entry.unlink()
            else:
                candidates[listed] = entry
    removed = []
    for staging, listed_by in candidates.items():
        if _is_abandoned(staging):
            shutil.rmtree(staging, ignore_errors=True)
            if not staging.exists():
                removed.append(staging)
                with contextlib.suppress(OSError):
                    (listed_by or _registry_entry(staging)).unlink()
    return removed


# --- rendering in worker processes ----------------------------------------------------------------------


def _render(
    items: Sequence[Printable], path: str, title: str, before_section: Callable[[int], None] | None = None
) -> None:
    """Render ``items`` into one new private PDF at ``path``."""
    with _private_file(path) as out:
        build_pdf(
            out,
            [_section(item) for item in items],
            generated_at=items[0].generated_at,
            title=title,
            before_section=before_section,
        )


def _render_chunk(items: Sequence[Printable], path: str, title: str, *, batch: int) -> str:
    """:func:`_render` in a worker process of ``batch``: progress and cancel per person."""
    _render(items, path, title, lambda i: render_pool.checkpoint(batch, i))
    render_pool.task_finished(batch)
    return path


def _title(items: Sequence[Printable]) -> str:
    kind = "一人一档" if isinstance(items[0], DossierData) else "雨露计划补助申请表"
    return f"{kind}（{len(items)} 份）"


def default_chunk_size(total: int, workers: int) -> int:
    """People per worker task: about two tasks per worker, so that the work evens out at the end and the
    first tasks are joined while the last ones render; at least 25 and at most 250 (every task embeds its own
    font subset). Progress and cancelling move per person whatever the size."""
    return max(25, min(250, -(-total // (2 * max(1, workers)))))


def write_batch_pdf(
    items: Sequence[Printable],
    target: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int = 1,
    chunk_size: int | None = None,
) -> Path:
    """Render every item into one PDF at ``target``; each person's pages are numbered on their own.

    With ``workers == 1`` everything is one document built in this thread: the font subset is embedded once
    for the whole batch and the output is byte-for-byte reproducible. With more workers, chunks of
    ``chunk_size`` people (default: :func:`default_chunk_size`) are rendered in the processes of
    :func:`render_pool.shared` and joined with pikepdf (qpdf) as they finish. Raises :class:`BatchCancelled`
    if cancelled; ``target`` is then untouched.
    """
    if not items:
        raise ValueError("nothing to print")
    target = Path(target)
    total = len(items)
    if chunk_size is None:
        chunk_size = default_chunk_size(total, workers)
    with _staging(target.parent) as staging:
        tmp = staging / f"{target.name}.part"
        with _private_file(tmp) as out:
            if workers <= 1 or total <= chunk_size:
                build_pdf(
                    out,
                    (_section(item) for item in items),
                    generated_at=items[0].generated_at,
                    title=_title(items),
                    before_section=_checker(total, progress, cancel),
                )
            else:
                _parallel_pdf(items, out, staging, workers, chunk_size, progress, cancel)
            out.flush()
            os.fsync(out.fileno())
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        os.replace(tmp, target)
    if progress is not None:
        progress(total, total)
    return target


def _parallel_pdf(
    items: Sequence[Printable],
    out: BinaryIO,
    staging: Path,
    workers: int,
    chunk_size: int,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> None:
    import pikepdf

    total = len(items)
    chunks = [items[i : i + chunk_size] for i in range(0, total, chunk_size)]
    joined = pikepdf.Pdf.new()
    parts: list[pikepdf.Pdf] = []  # open until the joined file is written: its pages read from them
    try:
        with render_pool.shared(workers).batch() as run:
            futures = [
                run.submit(_render_chunk, chunk, str(staging / f"{k:05d}.pdf"), _title(chunk))
                for k, chunk in enumerate(chunks)
            ]

            def join_finished() -> None:
                # in order, as chunks finish, while the workers render the rest
                while len(parts) < len(chunks) and futures[len(parts)].done():
                    part = pikepdf.Pdf.open(futures[len(parts)].result())
                    parts.append(part)
                    joined.pages.extend(part.pages)

            _follow(run, futures, total, progress, cancel, between=join_finished)  # joins the last one too
        assert len(parts) == len(chunks)
        joined.docinfo["/Title"] = _title(items)
        joined.docinfo["/Creator"] = "雨露 Yulu Desktop"
        # The chunks' streams are copied as they are (already compressed, not decoded again).
        joined.save(
            out,
            compress_streams=False,
            stream_decode_level=pikepdf.StreamDecodeLevel.none,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
            deterministic_id=True,
        )
    finally:
        for part in parts:
            part.close()  # before removing: Windows cannot delete an open file
        joined.close()
        for k in range(len(chunks)):
            with contextlib.suppress(OSError):
                (staging / f"{k:05d}.pdf").unlink()


def _follow(
    run: render_pool.Batch,
    futures: Sequence[Future[str]],
    total: int,
    progress: Progress | None,
    cancel: CancelToken | None,
    *,
    between: Callable[[], None] = lambda: None,
) -> None:
    """Wait for a batch's tasks, reporting the people done and calling ``between`` as tasks finish; re-raise a
    task's error, and raise :class:`BatchCancelled` as soon as ``cancel`` is set."""
    pending: set[Future[str]] = set(futures)
    reported = -1
    while pending:
        finished, pending = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        for future in finished:
            future.result()  # re-raise a worker's error here
        between()
        done = run.people_done()
        if progress is not None and done != reported:
            progress(min(done, total), total)
            reported = done


def write_batch_files(
    items: Sequence[Printable],
    folder: Path,
    *,
    filename: Callable[[Printable], str] = default_filename,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int = 1,
) -> list[Path]:
    """Render one PDF per item into ``folder``; returns the paths written.

    All files are written into a hidden temporary folder inside ``folder`` and moved into place only when the
    whole batch is done, so a cancelled or failed batch adds nothing to ``folder``. Existing files of the same
    name are replaced. ``workers > 1`` renders in that many processes.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = [filename(item) for item in items]
    if len(set(names)) != len(names):
        raise ValueError("two items would be written to the same file name")
    total = len(items)
    with _staging(folder) as staging:
        if workers <= 1:
            before = _checker(total, progress, cancel)
            for i, (item, name) in enumerate(zip(items, names, strict=True)):
                before(i)
                _render([item], str(staging / name), name.removesuffix(".pdf"))
        else:
            with render_pool.shared(workers).batch() as run:
                futures = [
                    run.submit(_render_chunk, [item], str(staging / name), name.removesuffix(".pdf"))
                    for item, name in zip(items, names, strict=True)
                ]
                _follow(run, futures, total, progress, cancel)
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        written = []
        for name in names:
            os.replace(staging / name, folder / name)
            written.append(folder / name)
    if progress is not None:
        progress(total, total)
    return written


__all__ = [
    "BatchCancelled",
    "CancelToken",
    "Printable",
    "default_chunk_size",
    "default_filename",
    "remove_stale_batches",
    "write_batch_files",
    "write_batch_pdf",
]
