"""The setup dialogs' background task: idle only once its result has been handled on the GUI thread."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from yulu_desktop.ui.setup.background import Background


def test_running_until_the_result_is_handled(qtbot: QtBot) -> None:
    """The thread ends before its queued result arrives: the task must not look idle in between (a dialog that
    saw it idle there took the enrollment for finished before its result, and a CI run failed on it)."""
    task = Background()
    seen: list[tuple[object, bool]] = []
    task.done.connect(lambda result: seen.append((result, task.running)))
    task.start(lambda progress, cancelled: 7)
    task.wait()
    assert task.running and not seen  # the thread is gone, the result not yet handled
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [(7, False)] and not task.running


def test_a_failure_ends_the_task_too(qtbot: QtBot) -> None:
    task = Background()
    errors: list[BaseException] = []
    task.failed.connect(errors.append)

    def fail(progress: object, cancelled: object) -> None:
        raise ValueError("断网")

    task.start(fail)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    assert isinstance(errors[0], ValueError) and not task.running
