"""Many dossiers or forms at once: into one PDF, or one file per person into a folder.

The work runs in the caller's thread (the UI puts it on a worker) and reports ``progress(done, total)``;
a :class:`CancelToken` stops it between two people. Output is written to a temporary name in the target
directory and renamed into place only when complete, so a cancelled or failed batch leaves no partial file.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from pathlib import Path
from typing import BinaryIO

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


def _render_chunk(items: Sequence[Printable], path: str, title: str) -> str:
    """Render ``items`` into one PDF at ``path`` (runs in a worker process)."""
    build_pdf(path, [_section(item) for item in items], generated_at=items[0].generated_at, title=title)
    return path


def _pool(workers: int) -> ProcessPoolExecutor:
    # spawn, not fork: the caller may be a Qt application with threads running, which fork does not survive.
    # A frozen build must call multiprocessing.freeze_support() in its entry point.
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))


def _title(items: Sequence[Printable]) -> str:
    kind = "一人一档" if isinstance(items[0], DossierData) else "雨露计划补助申请表"
    return f"{kind}（{len(items)} 份）"


def write_batch_pdf(
    items: Sequence[Printable],
    target: Path,
    *,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    workers: int = 1,
    chunk_size: int = 25,
) -> Path:
    """Render every item into one PDF at ``target``; each person's pages are numbered on their own.

    With ``workers == 1`` everything is one document built in this thread: the font subset is embedded once
    for the whole batch and the output is byte-for-byte reproducible. With more workers, chunks of
    ``chunk_size`` people are rendered in parallel processes and joined with pypdf (progress then moves per
    chunk). Raises :class:`BatchCancelled` if cancelled; ``target`` is then untouched.
    """
    if not items:
        raise ValueError("nothing to print")
    target = Path(target)
    total = len(items)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            if workers <= 1 or total <= chunk_size:
                build_pdf(
                    out,
                    (_section(item) for item in items),
                    generated_at=items[0].generated_at,
                    title=_title(items),
                    before_section=_checker(total, progress, cancel),
                )
            else:
                _parallel_pdf(items, out, target.parent, workers, chunk_size, progress, cancel)
            out.flush()
            os.fsync(out.fileno())
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if progress is not None:
        progress(total, total)
    return target


def _parallel_pdf(
    items: Sequence[Printable],
    out: BinaryIO,
    where: Path,
    workers: int,
    chunk_size: int,
    progress: Progress | None,
    cancel: CancelToken | None,
) -> None:
    from pypdf import PdfReader, PdfWriter

    total = len(items)
    chunks = [items[i : i + chunk_size] for i in range(0, total, chunk_size)]
    staging = Path(tempfile.mkdtemp(prefix=".yulu-batch-", dir=where))
    try:
        with _pool(workers) as pool:
            futures = {
                pool.submit(_render_chunk, chunk, str(staging / f"{k:05d}.pdf"), _title(chunk)): len(chunk)
                for k, chunk in enumerate(chunks)
            }
            done = 0
            try:
                pending = set(futures)
                while pending:
                    finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                    if cancel is not None and cancel.cancelled:
                        raise BatchCancelled
                    for f in finished:
                        f.result()  # re-raise a worker's error here
                        done += futures[f]
                    if finished and progress is not None:
                        progress(done, total)
            except BaseException:
                pool.shutdown(wait=True, cancel_futures=True)
                raise
        writer = PdfWriter()
        for k in range(len(chunks)):
            writer.append(PdfReader(staging / f"{k:05d}.pdf"))
        writer.add_metadata({"/Title": _title(items), "/Creator": "雨露 Yulu Desktop"})
        writer.write(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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
    staging = Path(tempfile.mkdtemp(prefix=".yulu-batch-", dir=folder))
    total = len(items)
    try:
        if workers <= 1:
            before = _checker(total, progress, cancel)
            for i, (item, name) in enumerate(zip(items, names, strict=True)):
                before(i)
                _render_chunk([item], str(staging / name), name.removesuffix(".pdf"))
        else:
            with _pool(workers) as pool:
                futures = [
                    pool.submit(_render_chunk, [item], str(staging / name), name.removesuffix(".pdf"))
                    for item, name in zip(items, names, strict=True)
                ]
                try:
                    done = 0
                    pending = set(futures)
                    while pending:
                        finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                        if cancel is not None and cancel.cancelled:
                            raise BatchCancelled
                        for f in finished:
                            f.result()
                        done += len(finished)
                        if finished and progress is not None:
                            progress(done, total)
                except BaseException:
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise
        if cancel is not None and cancel.cancelled:
            raise BatchCancelled
        written = []
        for name in names:
            os.replace(staging / name, folder / name)
            written.append(folder / name)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if progress is not None:
        progress(total, total)
    return written


__all__ = [
    "BatchCancelled",
    "CancelToken",
    "Printable",
    "default_filename",
    "write_batch_files",
    "write_batch_pdf",
]
