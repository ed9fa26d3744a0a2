"""The short version of bench/bench_memory.py: a few seconds of the session on the small demo completes, closes
what it opened and reports its numbers (no thresholds: memory is measured in the bench, not asserted here)."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from yulu_desktop.ui.main_window import MainWindow
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_memory.py"


def _bench_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_memory", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_memory"] = module
    spec.loader.exec_module(module)
    return module


def test_a_short_session_completes_and_reports(
    qtbot: QtBot, qapp: QApplication, worker: DbWorker, settings: QSettings, tmp_path: Path
) -> None:
    bench = _bench_module()
    window = MainWindow(worker, settings)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.ready, timeout=20000):
        window.show()
    csv_path = tmp_path / "memory.csv"

    result = bench.run_session(
        qapp, window, worker, seconds=3, files_per_cycle=2, csv_path=csv_path, sample_seconds=0.5
    )

    assert result.cycles >= 1
    assert len(result.rss_after_cycle_mb) == result.cycles
    assert result.files_opened >= 2
    assert result.dossiers_printed == result.files_opened
    assert result.dossiers_failed == 0
    assert result.rows_scrolled > 0, "the people list of the demo has more than one page"
    assert result.pages_fetched > 0
    assert 0 < result.final_rss_mb <= result.peak_rss_mb
    assert result.cpu_s > 0 and result.wall_s > 0
    assert result.load_start and result.load_end
    assert window.person_windows == {}, "every person window the session opened was closed and deleted"
    with csv_path.open(encoding="utf-8") as samples:
        rows = list(csv.DictReader(samples))
    assert len(rows) >= 2
    assert set(rows[0]) == set(bench.CSV_FIELDS)
    assert all(float(row["rss_mb"]) > 0 for row in rows)
    assert rows[-1]["phase"] == "cycle end"
    assert int(rows[-1]["files_opened"]) == result.files_opened
