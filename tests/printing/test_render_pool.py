"""The worker processes of batch printing: kept between batches, progress and cancel per person, a dead worker
replaced, and stopped when nobody prints."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pypdf
import pytest

from tests.printing.processes import running
from yulu_desktop.printing import batch, render_pool
from yulu_desktop.printing.batch import BatchCancelled, CancelToken, write_batch_files, write_batch_pdf
from yulu_desktop.printing.render_pool import RenderPool
from yulu_desktop.printing.samples import sample_dossier

pytestmark = pytest.mark.slow

#: Generous: a loaded CI machine starts a worker (imports and the CJK font) slowly.
PATIENCE = 120.0


def _dossiers(n: int) -> list:
    return [sample_dossier(i, visits=2, subsidies=2, semesters=2) for i in range(n)]


def _until(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + PATIENCE
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def _worker_pids(pool: RenderPool) -> set[int]:
    executor = pool._executor
    assert executor is not None
    return {p.pid for p in executor._processes.values()}  # type: ignore[attr-defined]


@pytest.fixture
def pool() -> Iterator[RenderPool]:
    made = RenderPool(2)
    try:
        yield made
    finally:
        made.close()


def test_a_second_batch_reuses_the_workers_of_the_first(tmp_path: Path) -> None:
    shared = render_pool.shared(2)
    write_batch_pdf(_dossiers(4), tmp_path / "a.pdf", workers=2, chunk_size=1)
    first = _worker_pids(shared)
    assert len(first) == 2
    write_batch_pdf(_dossiers(4), tmp_path / "b.pdf", workers=2, chunk_size=1)
    assert render_pool.shared(2) is shared
    assert _worker_pids(shared) == first
    names = write_batch_files(_dossiers(3), tmp_path / "one-each", workers=2)
    assert len(names) == 3
    assert _worker_pids(shared) == first


def test_warm_starts_the_workers_before_the_batch(pool: RenderPool) -> None:
    assert not pool.running
    pool.warm()
    assert pool.running
    _until(lambda: len(_worker_pids(pool)) == 2)
    before = _worker_pids(pool)
    with pool.batch() as run:
        pid = run.submit(render_pool._ready).result(PATIENCE)
    assert pid in before
    assert _worker_pids(pool) == before


def test_progress_counts_people_inside_one_task(pool: RenderPool, tmp_path: Path) -> None:
    items = _dossiers(5)
    with pool.batch() as run:
        future = run.submit(batch._render_chunk, items, str(tmp_path / "x.pdf"), "x")
        future.result(PATIENCE)
        _until(lambda: run.people_done() == 5)
    assert len(pypdf.PdfReader(tmp_path / "x.pdf").pages) > 5


def test_cancel_stops_a_task_at_its_next_person_and_the_pool_stays_usable(
    pool: RenderPool, tmp_path: Path
) -> None:
    items = _dossiers(60)  # some seconds of rendering in one task
    with pytest.raises(BatchCancelled), pool.batch() as run:
        future = run.submit(batch._render_chunk, items, str(tmp_path / "x.pdf"), "x")
        _until(lambda: run.people_done() >= 1)
        raise BatchCancelled
    assert future.done()
    assert isinstance(future.exception(), render_pool.TaskStopped)  # not the whole task rendered

    with pool.batch() as run:
        path = run.submit(batch._render_chunk, items[:2], str(tmp_path / "y.pdf"), "y").result(PATIENCE)
    assert Path(path).exists()


def test_cancelling_a_parallel_batch_leaves_nothing_and_the_next_one_prints(tmp_path: Path) -> None:
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done >= 1:
            token.cancel()

    with pytest.raises(BatchCancelled):
        write_batch_pdf(_dossiers(60), tmp_path / "all.pdf", workers=2, progress=progress, cancel=token)
    assert list(tmp_path.iterdir()) == []
    target = write_batch_pdf(_dossiers(4), tmp_path / "all.pdf", workers=2, chunk_size=2)
    assert pypdf.PdfReader(target).metadata["/Title"] == "一人一档（4 份）"


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills a worker with SIGKILL")
def test_a_worker_killed_mid_batch_fails_that_batch_only(pool: RenderPool, tmp_path: Path) -> None:
    with pytest.raises(BrokenProcessPool), pool.batch() as run:
        future = run.submit(batch._render_chunk, _dossiers(60), str(tmp_path / "x.pdf"), "x")
        _until(lambda: run.people_done() >= 1)
        for pid in _worker_pids(pool):
            os.kill(pid, signal.SIGKILL)
        future.result(PATIENCE)
    assert not pool.running

    with pool.batch() as run:
        path = run.submit(batch._render_chunk, _dossiers(2), str(tmp_path / "y.pdf"), "y").result(PATIENCE)
    assert Path(path).exists()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills a worker with SIGKILL")
def test_a_worker_killed_between_batches_is_replaced(pool: RenderPool, tmp_path: Path) -> None:
    pool.warm()
    _until(lambda: len(_worker_pids(pool)) == 2)
    killed = _worker_pids(pool)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    _until(lambda: bool(getattr(pool._executor, "_broken", False)))
    with pool.batch() as run:
        path = run.submit(batch._render_chunk, _dossiers(2), str(tmp_path / "y.pdf"), "y").result(PATIENCE)
    assert Path(path).exists()
    assert not _worker_pids(pool) & killed


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
def test_workers_stop_when_nobody_prints_for_a_while(tmp_path: Path) -> None:
    pool = RenderPool(2, idle_seconds=0.5)
    try:
        with pool.batch() as run:
            run.submit(batch._render_chunk, _dossiers(2), str(tmp_path / "x.pdf"), "x").result(PATIENCE)
        pids = _worker_pids(pool)
        _until(lambda: not pool.running)
        _until(lambda: not any(running(pid) for pid in pids))
    finally:
        pool.close()
