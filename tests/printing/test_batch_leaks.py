"""A batch that crashes leaves nothing readable behind for long: its workers die with it, its unfinished output
is private (0700 folder, 0600 files), and the next batch (or the app's start) removes what is left."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.printing.processes import running
from yulu_desktop.printing import batch
from yulu_desktop.printing.batch import remove_stale_batches, write_batch_files, write_batch_pdf
from yulu_desktop.printing.samples import sample_dossier

linux_only = pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX file modes")

#: Dossiers per worker task: a chunk takes a few seconds to render, so the parent is killed in the middle of one.
CHUNK = 100

SCRIPT = textwrap.dedent(
    f"""
    import sys
    from pathlib import Path

    from yulu_desktop.printing import batch, render_pool
    from yulu_desktop.printing.samples import sample_dossier

    if "--no-pdeathsig" in sys.argv:
        # Runs in the workers too (they import this script as __mp_main__): leave only the watching thread.
        render_pool._PR_SET_PDEATHSIG = -1

    if __name__ == "__main__":
        items = [sample_dossier(i, visits=2, subsidies=2, semesters=2) for i in range({4 * CHUNK})]
        batch.write_batch_pdf(items, Path(sys.argv[1]) / "all.pdf", workers=2, chunk_size={CHUNK})
        print("finished", flush=True)
    """
)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.fixture
def permissive_umask() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@linux_only
@pytest.mark.parametrize("how", ["pdeathsig", "watching-thread"])
def test_killing_the_parent_mid_batch_stops_the_workers_and_the_next_batch_cleans_up(
    tmp_path: Path, how: str, permissive_umask: None
) -> None:
    script = tmp_path / "run_batch.py"
    script.write_text(SCRIPT, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    args = [sys.executable, str(script), str(out)] + (["--no-pdeathsig"] if how == "watching-thread" else [])
    with subprocess.Popen(args, stdout=subprocess.DEVNULL) as proc:
        try:
            deadline = time.monotonic() + 60
            workers: list[int] = []
            while len(workers) < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
                workers = [
                    w
                    for w in _children(proc.pid)
                    if "resource_tracker" not in Path(f"/proc/{w}/cmdline").read_text()
                ]
            assert len(workers) == 2, workers
            time.sleep(2.0)  # the workers are rendering their first chunk (some four seconds each)
            assert proc.poll() is None
            staging = [p for p in out.iterdir() if p.name.startswith(".yulu-batch-")]
            assert len(staging) == 1
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(10)
        finally:
            if proc.poll() is None:
                proc.kill()

    deadline = time.monotonic() + 3.0  # a chunk takes some four seconds: a worker still alive then kept going
    while any(running(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not any(running(w) for w in workers), "workers kept running after their parent was killed"

    # Nothing more is written once the workers are gone (how many chunks were started depends on the machine's
    # speed, so the test compares the folder with itself a while later).
    left = staging[0]
    before = {p.name: p.stat().st_size for p in left.iterdir()}
    time.sleep(CHUNK * 0.05)
    sizes = {p.name: p.stat().st_size for p in left.iterdir()}
    assert sizes == before
    assert {".lock", "all.pdf.part"} <= set(sizes) and any(name[0].isdigit() for name in sizes), sizes

    # What the crash left is private while it waits for the next start.
    assert _mode(left) == 0o700
    assert all(_mode(f) == 0o600 for f in left.iterdir())

    # The next batch into the same folder removes it.
    write_batch_files([sample_dossier(1)], out)
    assert not left.exists()
    assert [p.name for p in out.iterdir() if p.name.startswith(".")] == []


def test_the_app_start_removes_a_leftover_listed_in_the_user_data_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with batch._staging(out) as staging:
        (staging / "00001.pdf").write_bytes(b"%PDF-")
        assert remove_stale_batches() == []  # its batch is running: left alone
        assert remove_stale_batches(out) == []
        assert staging.exists()
        lock = staging / ".lock"
    # A killed process leaves the folder, an unlocked lock file and the folder's listing: make that.
    staging.mkdir(mode=0o700)
    lock.write_bytes(b"")
    (staging / "00001.pdf").write_bytes(b"%PDF-")
    batch._registry().mkdir(parents=True, exist_ok=True)
    batch._registry_entry(staging).write_text(str(staging.resolve()), encoding="utf-8")
    assert remove_stale_batches() == [staging.resolve()]
    assert not staging.exists()
    assert list(batch._registry().iterdir()) == []


def test_a_folder_without_a_lock_is_removed_only_once_it_is_old(tmp_path: Path) -> None:
    fresh = tmp_path / ".yulu-batch-fresh"
    fresh.mkdir()
    assert remove_stale_batches(tmp_path) == []
    old = time.time() - 3600
    os.utime(fresh, (old, old))
    assert remove_stale_batches(tmp_path) == [fresh]


def test_only_staging_folders_are_ever_removed(tmp_path: Path) -> None:
    precious = tmp_path / "precious"
    precious.mkdir()
    batch._registry().mkdir(parents=True, exist_ok=True)
    (batch._registry() / "x.txt").write_text(str(precious), encoding="utf-8")
    assert remove_stale_batches() == []
    assert precious.exists()


@posix_only
@pytest.mark.parametrize("workers", [1, 2])
def test_batch_files_and_their_staging_are_private_under_a_permissive_umask(
    tmp_path: Path, permissive_umask: None, workers: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, int]] = []
    real_replace = os.replace

    def watching_replace(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        seen.append((Path(src).parent.name, _mode(Path(src).parent)))
        seen.append((Path(src).name, _mode(Path(src))))
        real_replace(src, dst)

    monkeypatch.setattr(batch.os, "replace", watching_replace)
    written = write_batch_files([sample_dossier(i) for i in range(3)], tmp_path, workers=workers)
    assert [_mode(p) for p in written] == [0o600] * 3
    assert seen and all(mode == (0o700 if name.startswith(".yulu-batch-") else 0o600) for name, mode in seen)
    target = write_batch_pdf([sample_dossier(i) for i in range(3)], tmp_path / "all.pdf")
    assert _mode(target) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
