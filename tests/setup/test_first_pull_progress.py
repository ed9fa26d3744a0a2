"""What the cadre reads while a first pull comes as a database image (``sync.first_pull``): the county server
preparing it, then its kilobytes, in the enrollment dialog and in the status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from yulu_desktop.store.database import Database
from yulu_desktop.ui.setup.enroll_dialog import EnrollDialog
from yulu_desktop.ui.sync_worker import progress_text

pytestmark = pytest.mark.gui

PASSPHRASE = "test-passphrase-1"


def test_the_status_bar_says_the_server_prepares_then_counts_kilobytes() -> None:
    assert progress_text("image", 0, 0) == "县服务器正在准备本机的数据…"
    assert progress_text("image", 3 * 1024, 10 * 1024) == "正在下载首次同步的数据 3/10 KB"
    assert progress_text("pull", 5, 9) == "正在接收 5/9"


def test_the_enrollment_dialog_says_the_same(qtbot: QtBot, laptop_path: Path) -> None:
    db = Database.open(laptop_path, PASSPHRASE)
    try:
        dialog = EnrollDialog(db)
        qtbot.addWidget(dialog)
        dialog._show_progress("image", 0, 0)
        assert dialog.progress.format() == "县服务器正在准备本机的数据…"
        assert dialog.progress.value() == 0, "a bar with a value shows its text"
        dialog._show_progress("image", 3 * 1024, 10 * 1024)
        assert dialog.progress.format() == "正在下载首次同步的数据 3/10 KB"
        assert dialog.progress.maximum() == 10 * 1024
    finally:
        db.close()
