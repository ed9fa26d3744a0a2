"""The journal bench (``bench/bench_store.py --journal-only``) in small: every mode writes and journals what it
should (the bench checks the counts itself), so the long run measures the right thing."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

import bench_store


def test_the_journal_bench_runs_every_mode_and_checks_its_counts() -> None:
    timings = bench_store.bench_journal(changes=300, rounds=2)
    assert set(timings) == set(bench_store.JOURNAL_MODES)
    assert all(len(runs) == 2 for runs in timings.values())
