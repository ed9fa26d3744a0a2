"""USB sync from the app's 同步 menu: 导出U盘同步文件… and 导入县里回执… (``yulu_desktop.sync.bundle``).

Each runs on the database worker with a progress dialog and a cancel button (a user's own cancel leaves no file
and shows no error); the result comes back as plain data (``ExportReport`` / ``ImportReport``) and is shown in
the status bar, a refusal as the file's Chinese message. No sync logic here.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QFileDialog, QWidget

from yulu_desktop.store.database import Database
from yulu_desktop.sync import bundle
from yulu_desktop.ui.dialogs import task_progress_dialog
from yulu_desktop.ui.print_preview import default_path, error_text, while_alive
from yulu_desktop.ui.worker import DbWorker

#: ``run(db, progress, cancelled) -> result`` on the worker.
BundleJob = Callable[[Database, bundle.Progress, bundle.Cancel], Any]


class _Progress(QObject):
    """Carries progress from the worker thread to the GUI (a queued connection)."""

    changed = Signal(str, int, int)


class BundleTask(QObject):
    """One export or import on the worker with a progress dialog; ``finished`` with the report, or None if it
    was cancelled (``cancelled``) or refused (the message in ``error``)."""

    finished = Signal(object)

    def __init__(self, worker: DbWorker, run: BundleJob, *, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self._worker = worker
        self._run = run
        self._cancel = threading.Event()
        self.cancelled = False
        self.error = ""
        self.result: Any = None
        self.dialog = task_progress_dialog(self.tr("正在准备……"), title, "bundleProgress", parent)
        self.dialog.canceled.connect(self.cancel)
        self._progress = _Progress(self)
        self._progress.changed.connect(self._show_progress, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        run, signal, flag = self._run, self._progress.changed, self._cancel

        def job(db: Database) -> Any:
            return run(db, lambda stage, done, total: signal.emit(stage, done, total), flag.is_set)

        self.dialog.setValue(0)
        self.dialog.show()
        self._worker.submit(job, while_alive(self, self._done), while_alive(self, self._failed))

    def cancel(self) -> None:
        self._cancel.set()
        self.dialog.setLabelText(self.tr("正在取消……"))

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if self._cancel.is_set():
            return
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        text = self.tr("正在导出修改 {0}/{1}……") if stage == "export" else self.tr("正在导入数据 {0}/{1}……")
        self.dialog.setLabelText(text.format(done, total))

    def _done(self, result: Any) -> None:
        self.dialog.close()
        self.result = result
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self.dialog.close()
        if isinstance(error, bundle.BundleCancelled):
            self.cancelled = True
        else:
            self.error = error_text(error)
        self.finished.emit(None)


def _device_id(db: Database) -> str:
    with db.read_connection() as conn:
        return str(conn.exec_driver_sql("SELECT device_id FROM device_state WHERE id = 1").scalar_one())


def choose_export_path(parent: QWidget, device_id: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(
        parent,
        parent.tr("导出U盘同步文件"),
        default_path(bundle.default_export_name(device_id)),
        parent.tr("雨露U盘同步文件 (*{0})").format(bundle.REQUEST_SUFFIX),
    )
    if not name:
        return None
    return Path(name) if name.endswith(bundle.REQUEST_SUFFIX) else Path(name + bundle.REQUEST_SUFFIX)


def choose_reply_path(parent: QWidget) -> Path | None:
    name, _ = QFileDialog.getOpenFileName(
        parent,
        parent.tr("导入县里回执"),
        default_path(""),
        parent.tr("县里回执 (*{0});;所有文件 (*)").format(bundle.REPLY_SUFFIX),
    )
    return Path(name) if name else None


def export_task(worker: DbWorker, target: Path, parent: QWidget) -> BundleTask:
    def run(db: Database, progress: bundle.Progress, cancel: bundle.Cancel) -> bundle.ExportReport:
        return bundle.export_bundle(db, target, progress=progress, cancel=cancel)

    return BundleTask(worker, run, title=parent.tr("导出U盘同步文件"), parent=parent)


def import_task(worker: DbWorker, source: Path, parent: QWidget) -> BundleTask:
    def run(db: Database, progress: bundle.Progress, cancel: bundle.Cancel) -> bundle.ImportReport:
        return bundle.import_reply(db, bundle.read_file(source), progress=progress, cancel=cancel)

    return BundleTask(worker, run, title=parent.tr("导入县里回执"), parent=parent)


def export_summary(report: bundle.ExportReport) -> str:
    return (
        f"已导出U盘同步文件 {report.path.name}：{report.entries} 条修改，{report.blobs} 个附件。"
        "请交给县里导入，再把县里的回执导入本机。"
    )


def import_summary(report: bundle.ImportReport) -> str:
    if report.nothing_new:
        return "这个回执以前已经导入过（或没有新内容），本机数据没有变化。"
    text = (
        f"已导入县里回执：县里确认收到 {report.acknowledged} 条修改，接收 {report.pulled} 条数据"
        + (f"，{report.conflicts} 条冲突待处理" if report.conflicts else "")
        + "。"
    )
    return " ".join([text, *report.problems])


def device_id_then(worker: DbWorker, then: Callable[[str], None]) -> None:
    worker.submit(_device_id, then)
