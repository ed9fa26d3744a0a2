"""A person window closed while its file loads takes the late result quietly (the placement tab has its own
test in test_employment_person.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.worker import DbWorker

sys.path.insert(0, str(Path(__file__).parent))

from employment_kit import build_county_template, failures_of, open_county

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def county_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    from datetime import date

    return build_county_template(tmp_path_factory.mktemp("late_results"), today=date(2025, 12, 1))


def test_a_file_closed_while_it_loads_takes_the_late_results_quietly(
    qtbot: QtBot, county_template: tuple[Path, dict[str, str]], tmp_path: Path, bare_worker: DbWorker
) -> None:
    worker, ids = open_county(county_template, tmp_path, bare_worker, qtbot)
    failures = failures_of(worker)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        window = PersonWindow(worker, ids["li"], "测试员")
    window.show()
    window.reload()  # the file, queued on the worker
    window.dirty = window.job_dirty = False
    window.close()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    if worker.pending:
        with qtbot.waitSignal(worker.idle, timeout=20000):
            pass
    qtbot.wait(50)
    assert failures == []
