"""The printing benches run (a short version of ``bench/bench_printing.py`` and ``bench_print_service.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_printing_bench_reports_running_workers_and_the_machine_ceiling() -> None:
    result = subprocess.run(
        [sys.executable, "bench/bench_printing.py", "--count", "6", "--rounds", "2", "--spin", "100000"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    lines = {line.split("  ")[0].strip(): line for line in result.stdout.splitlines()}
    for measure in (
        "2 processes started before ÷ 1, median",
        "2 processes that printed before ÷ 1, median",
        "2 processes started for the batch ÷ 1, median",
        "machine ceiling: spin in 2 ÷ 1, median",
        "ours ÷ bare reportlab (CPU), median",
    ):
        assert measure in lines, result.stdout
    running_cpu = lines["ours, 2 processes started before (CPU, all)"].split()[-1]
    assert running_cpu.endswith("/CPU-s") and float(running_cpu.removesuffix("/CPU-s")) > 0


@pytest.mark.slow
def test_print_service_bench_runs() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "bench/bench_print_service.py",
            "--count",
            "8",
            "--households",
            "3",
            "--rounds",
            "1",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    assert "service ÷ bare reportlab (CPU), median" in result.stdout
    assert "2 processes ÷ 1 (wall speed-up), median" in result.stdout
