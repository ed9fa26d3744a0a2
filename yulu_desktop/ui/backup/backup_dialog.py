"""数据 › 备份…: one step to an encrypted, verified backup file in a folder or on a USB stick.

The folder starts at the one used last time (设置 ``BACKUP_FOLDER``); the dialog shows progress, can be cancelled
(a cancel leaves no file and no error), and ends saying where the file is, how big it is and how many people it
holds. The work is ``services.backup.back_up`` on a thread of its own (``task.FileTask``).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.services import backup
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.backup.task import FileTask
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.print_preview import error_text

ERROR_STYLE = "color: #c62828;"
NOTE_STYLE = "color: #8a5a00;"


def size_text(size: int) -> str:
    if size >= 1024 * 1024 * 1024:
        return f"{size / 1024 / 1024 / 1024:.1f} GB"
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, size // 1024)} KB"


def same_disk(folder: Path, database: Path) -> bool:
    """True when ``folder`` is on the disk that holds the database (a backup there dies with the laptop)."""
    try:
        return os.stat(folder).st_dev == os.stat(database.parent).st_dev
    except OSError:
        return False


class BackupDialog(QDialog):
    """Back up ``db`` into a folder; ``backup_result`` is the ``BackupResult`` once done."""

    def __init__(
        self, db: Database, settings: QSettings, parent: QWidget | None = None, *, actor: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("backupDialog")
        self._db = db
        self._settings = settings
        self._actor = actor
        self.backup_result: backup.BackupResult | None = None
        self.task: FileTask | None = None
        self.setWindowTitle(self.tr("备份数据"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(560)

        intro = QLabel(
            self.tr(
                "把本机的全部数据做成一个加密的备份文件，建议存到U盘并放在安全的地方。"
                "备份文件用现在的数据库密码打开；恢复时需要这个密码。"
            )
        )
        intro.setWordWrap(True)
        self.folder = QLineEdit(ui_settings.BACKUP_FOLDER.get(settings))
        self.folder.setObjectName("backupFolder")
        self.folder.setPlaceholderText(self.tr("请选择U盘或文件夹"))
        self.folder.textChanged.connect(self._folder_changed)
        self.browse_button = QPushButton(self.tr("选择文件夹(&B)…"))
        self.browse_button.setObjectName("browseFolder")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        label = QLabel(self.tr("保存到(&F)："))
        label.setBuddy(self.folder)
        row.addWidget(label)
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse_button)
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.start_button = self.buttons.addButton(
            self.tr("开始备份"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.start_button.setObjectName("startBackup")
        self.start_button.setDefault(True)
        self.close_button = self.buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.close_button.setObjectName("closeBackup")
        self.start_button.clicked.connect(self.start)
        self.close_button.clicked.connect(self._close_or_cancel)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._folder_changed()

    # --- choosing the folder -----------------------------------------------------------------------------

    def browse(self) -> None:
        start = self.folder.text().strip() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, self.tr("选择备份保存到哪里"), start)
        if chosen:
            self.folder.setText(chosen)

    def _folder_changed(self) -> None:
        text = self.folder.text().strip()
        self.start_button.setEnabled(bool(text) and not self._running)
        if text and Path(text).is_dir() and same_disk(Path(text), self._db.path):
            self.note.setText(
                self.tr("提示：这个文件夹和数据库在同一块硬盘上，电脑坏了备份会一起丢失。建议存到U盘。")
            )
        else:
            self.note.setText("")

    @property
    def _running(self) -> bool:
        return self.task is not None and self.task.running

    # --- running -------------------------------------------------------------------------------------------

    def start(self) -> None:
        text = self.folder.text().strip()
        if not text:
            self.browse()
            text = self.folder.text().strip()
            if not text:
                return
        folder = Path(text)
        if not folder.is_dir():
            self._show_error(self.tr("找不到文件夹“{0}”。请插好U盘，或选择另一个文件夹。").format(folder))
            return
        db, actor = self._db, self._actor

        def run(progress: backup.Progress, cancelled: backup.Cancel) -> backup.BackupResult:
            return backup.back_up(db, folder, actor=actor, progress=progress, cancel=cancelled)

        self.task = FileTask(run, self)
        self.task.progress.connect(self._show_progress)
        self.task.succeeded.connect(self._done)
        self.task.failed.connect(self._failed)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在准备……"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.start_button.setEnabled(False)
        self.folder.setEnabled(False)
        self.browse_button.setEnabled(False)
        self.close_button.setText(self.tr("取消"))
        self.task.start()

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        texts = {
            "copy": self.tr("正在复制数据库……"),
            "check": self.tr("正在检查副本……"),
            "write": self.tr("正在写入备份文件……"),
            "verify": self.tr("正在校验备份文件……"),
        }
        self.message.setText(texts.get(stage, ""))
        self.progress.setRange(0, 1000)
        self.progress.setValue(done * 1000 // total if total else 1000)

    def _finish_run(self) -> None:
        self.progress.setVisible(False)
        self.folder.setEnabled(True)
        self.browse_button.setEnabled(True)
        self.close_button.setText(self.tr("关闭"))
        self._folder_changed()

    def _done(self, result: backup.BackupResult) -> None:
        self.backup_result = result
        ui_settings.BACKUP_FOLDER.set(self._settings, str(result.path.parent))
        self._finish_run()
        manifest = result.manifest
        self.message.setStyleSheet("")
        self.message.setText(
            self.tr("备份完成，已校验。\n文件：{0}\n大小：{1}\n内容：{2} 户，{3} 人（{4}）").format(
                result.path,
                size_text(result.size),
                manifest.households,
                manifest.people,
                manifest.county_label,
            )
        )
        self.start_button.setText(self.tr("再备份一次"))
        self.close_button.setFocus()
        self.adjustSize()  # the result is four lines: the dialog grows to show them

    def _failed(self, error: BaseException) -> None:
        self._finish_run()
        if isinstance(error, backup.BackupCancelled):
            self.message.setStyleSheet("")
            self.message.setText(self.tr("已取消，没有留下备份文件。"))
            return
        self._show_error(self.tr("备份没有完成：{0}").format(error_text(error)))

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.adjustSize()

    def _close_or_cancel(self) -> None:
        if self._running and self.task is not None:
            self.task.cancel()
            self.message.setText(self.tr("正在取消……"))
            return
        self.accept() if self.backup_result is not None else self.reject()

    def reject(self) -> None:
        if self._running and self.task is not None:  # Esc while running: cancel, and close when it stops
            self.task.cancel()
            self.task.wait()
        super().reject()
