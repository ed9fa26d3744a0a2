"""The main window's 备份 entries (数据 › 备份… / 从备份恢复…) and the laptop's automatic backups.

Automatic backups (``services.backup.auto_back_up``) go to the user data directory, at most one a day: when the
window closes, or — for a laptop left running for days — when the hourly check finds none made today. The
newest ``AUTO_BACKUPS_KEPT`` (设置) are kept; 0 turns them off. They run on a thread of their own with the
database's own pooled connections, so the window stays usable (at closing, a small progress window shows).

A restore from the main window closes the database (and the sync) just before the swap, then starts the app
again so that it opens the restored database with the usual unlock screen.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QObject, QProcess, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QProgressDialog

from yulu_desktop.services import backup
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.backup.backup_dialog import BackupDialog
from yulu_desktop.ui.backup.restore_dialog import RestoreDialog
from yulu_desktop.ui.backup.task import FileTask

if TYPE_CHECKING:
    from yulu_desktop.ui.main_window import MainWindow

#: How often a running app looks whether today's automatic backup is still to be made.
AUTO_CHECK_MS = 60 * 60 * 1000


def restart_application() -> None:
    """Start the app again with the same arguments (then this one quits): it opens the restored database."""
    frozen = getattr(sys, "frozen", False)
    arguments = sys.argv[1:] if frozen else sys.argv
    QProcess.startDetached(sys.executable, list(arguments))
    QApplication.quit()


class BackupActions(QObject):
    """Adds 备份… and 从备份恢复… to ``menu`` and runs the automatic backups of ``window``."""

    #: An automatic backup finished (the result) — for the status bar and tests.
    autoBackupDone = Signal(object)

    def __init__(self, window: MainWindow, menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        menu.addSeparator()
        self.backup_action = menu.addAction(self.tr("备份(&B)…"))
        self.backup_action.setObjectName("backupAction")
        self.backup_action.triggered.connect(lambda: self.open_backup())
        self.restore_action = menu.addAction(self.tr("从备份恢复(&R)…"))
        self.restore_action.setObjectName("restoreAction")
        self.restore_action.triggered.connect(lambda: self.open_restore())
        self.auto_task: FileTask | None = None
        #: The database was closed for a restore: nothing more is written, the app starts again.
        self.restarting = False
        self.timer = QTimer(self)
        self.timer.setInterval(AUTO_CHECK_MS)
        self.timer.timeout.connect(lambda: self.auto_backup_if_due())
        self.timer.start()

    @property
    def kept(self) -> int:
        return ui_settings.AUTO_BACKUPS_KEPT.get(self.window.settings)

    # --- the dialogs ---------------------------------------------------------------------------------------

    def open_backup(self) -> BackupDialog | None:
        db = self.window.worker.database
        if db is None:
            return None
        dialog = BackupDialog(db, self.window.settings, self.window, actor=self.window.actor)
        dialog.open()
        return dialog

    def open_restore(self) -> RestoreDialog | None:
        db = self.window.worker.database
        if db is None:
            return None
        dialog = RestoreDialog(db.path, self.window)
        dialog.expect_county(backup.current_county(db))
        dialog.warn_unsent(backup.unsent_changes(db))
        dialog.set_before_replace(self._close_database)
        dialog.set_actor(self.window.actor)
        dialog.finished.connect(lambda _code: self._restore_finished(dialog))
        dialog.open()
        return dialog

    def _close_database(self) -> None:
        """Stop every user of the database: the automatic backup, the sync, then the worker (which closes it)."""
        self.restarting = True
        self.timer.stop()
        if self.auto_task is not None:
            self.auto_task.cancel()
            self.auto_task.wait()
        if self.window.sync is not None:
            self.window.sync.shutdown()
        self.window.worker.shutdown()

    def _restore_finished(self, dialog: RestoreDialog) -> None:
        if not dialog.closed_current:
            return
        if dialog.restored is not None:
            text = dialog.result_text() + self.tr("雨露将重新启动，请输入密码打开恢复后的数据。")
            QMessageBox.information(self.window, self.tr("恢复完成"), text)
        else:
            QMessageBox.warning(
                self.window,
                self.tr("没有恢复"),
                self.tr("恢复没有完成，原来的数据已放回原处。雨露将重新启动。"),
            )
        restart_application()

    # --- automatic backups ---------------------------------------------------------------------------------

    def auto_backup_if_due(self) -> FileTask | None:
        """Start today's automatic backup in the background if it is due (and not running)."""
        db = self.window.worker.database
        if self.restarting or db is None or self.kept <= 0 or not backup.auto_backup_due():
            return None
        if self.auto_task is not None and self.auto_task.running:
            return self.auto_task
        keep = self.kept

        def run(progress: backup.Progress, cancelled: backup.Cancel) -> backup.BackupResult | None:
            return backup.auto_back_up(db, keep, progress=progress, cancel=cancelled)

        task = FileTask(run, self)
        task.succeeded.connect(self._auto_done)
        task.failed.connect(self._auto_failed)
        self.auto_task = task
        task.start()
        return task

    def _auto_done(self, result: backup.BackupResult | None) -> None:
        if result is not None:
            self.window.statusBar().showMessage(
                self.tr("已自动备份（{0} 人）：{1}").format(result.manifest.people, result.path), 10_000
            )
        self.autoBackupDone.emit(result)

    def _auto_failed(self, error: BaseException) -> None:
        if not isinstance(error, backup.BackupCancelled):
            self.window.statusBar().showMessage(self.tr("自动备份没有完成：{0}").format(error), 20_000)
        self.autoBackupDone.emit(None)

    def on_close(self) -> None:
        """The window closes: make today's automatic backup if there is none yet, showing a small progress
        window (the user may cancel; the backup is then simply not made)."""
        task = self.auto_task if self.auto_task is not None and self.auto_task.running else None
        task = task or self.auto_backup_if_due()
        if task is None:
            return
        self.timer.stop()
        progress = QProgressDialog(self.tr("正在自动备份本机数据……"), self.tr("跳过"), 0, 0, self.window)
        progress.setObjectName("autoBackupProgress")
        progress.setWindowTitle(self.tr("自动备份"))
        progress.setMinimumDuration(500)
        progress.setMinimumWidth(380)
        loop = QEventLoop()
        task.succeeded.connect(loop.quit)
        task.failed.connect(loop.quit)

        def show(_stage: str, done: int, total: int) -> None:
            progress.setMaximum(max(total, 1))
            progress.setValue(min(done, max(total, 1)))

        task.progress.connect(show)
        progress.canceled.connect(task.cancel)
        if task.running:
            loop.exec()
        progress.close()
        progress.deleteLater()
