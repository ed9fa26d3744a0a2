"""从备份恢复: choose a backup, see what it holds and from when, give its passphrase, and restore.

``RestoreDialog(target, parent)`` is used in two places: the first-start page (no database yet: nothing is
replaced and there is no county to compare) and 数据 › 从备份恢复… in the main window, which also calls
``expect_county`` (another county's backup is refused) and ``set_before_replace`` (closes the open database just
before the files are swapped). Accepted means an encrypted database now exists at ``target``.

Everything is checked before anything is replaced (``services.backup.prepare_restore``: the file, its hashes,
the passphrase, the integrity checks, the county); the database replaced is renamed aside, not deleted.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import backup
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.backup.backup_dialog import ERROR_STYLE, NOTE_STYLE
from yulu_desktop.ui.backup.task import FileTask
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.print_preview import error_text

_PATH_ROLE = Qt.ItemDataRole.UserRole


def known_backups() -> list[Path]:
    """Backups the laptop knows of: its automatic ones and those in the backup folder used last, newest first."""
    found = backup.auto_backups()
    folder = ui_settings.BACKUP_FOLDER.get(ui_settings.open_settings())
    if folder and Path(folder).is_dir():
        others = [p for p in Path(folder).glob(f"*{backup.SUFFIX}") if p.is_file()]
        found += sorted(others, key=lambda p: p.stat().st_mtime, reverse=True)
    return found


class RestoreDialog(QDialog):
    """Restore a backup to ``target``; ``restored`` is the ``RestoreResult`` once done."""

    def __init__(self, target: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.target = Path(target)
        self.restored: backup.RestoreResult | None = None
        self.manifest: backup.Manifest | None = None
        self.source: Path | None = None
        #: True once the open database was closed for the swap (the caller must reopen or restart).
        self.closed_current = False
        self.task: FileTask | None = None
        self._expected: backup.County | None = None
        self._before_replace: Callable[[], None] | None = None
        self._actor = ""
        replacing = self.target.exists()
        self.setWindowTitle(self.tr("从备份恢复"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(600)

        intro = QLabel(
            self.tr(
                "用备份文件替换本机现在的数据。恢复前会先完整检查备份；现在的数据不会删除，会改名保存在同一个文件夹。"
            )
            if replacing
            else self.tr("用备份文件在这台电脑上恢复雨露的数据。恢复前会先完整检查备份。")
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setObjectName("backupList")
        self.list.setMaximumHeight(130)
        self.list.currentItemChanged.connect(self._picked)
        list_label = QLabel(self.tr("本机找到的备份(&L)："))
        list_label.setBuddy(self.list)
        self.file = QLineEdit()
        self.file.setObjectName("backupFile")
        self.file.setReadOnly(True)
        self.file.setPlaceholderText(self.tr("请选择备份文件（.yulubak）"))
        self.choose_button = QPushButton(self.tr("选择备份文件(&O)…"))
        self.choose_button.setObjectName("chooseBackup")
        self.choose_button.setAutoDefault(False)  # Return in the passphrase means 恢复, never 选择文件
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file, 1)
        file_row.addWidget(self.choose_button)
        self.details = QLabel()
        self.details.setObjectName("details")
        self.details.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("做这个备份时数据库的密码"))
        self.passphrase.textChanged.connect(self._update_buttons)
        form = QFormLayout()
        form.addRow(self.tr("备份文件："), file_row)
        form.addRow(self.tr("备份的密码(&P)："), self.passphrase)
        self.note = QLabel(
            self.tr(
                "恢复后第一次同步时，备份之后已经同步到县里的修改会从县服务器取回；"
                "备份之后做的、还没有同步的修改不在备份里。"
            )
            if replacing
            else ""
        )
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.setStyleSheet(NOTE_STYLE)
        self.note.setVisible(replacing)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress")
        self.progress.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox()
        self.restore_button = self.buttons.addButton(self.tr("恢复"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setObjectName("restore")
        self.restore_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(list_label)
        layout.addWidget(self.list)
        layout.addLayout(form)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._fill_list()
        self._update_buttons()

    # --- what the caller sets ------------------------------------------------------------------------------

    def expect_county(self, county: backup.County | None) -> None:
        """The county of the database being replaced: a backup of another county is refused."""
        self._expected = county

    def set_before_replace(self, close_current: Callable[[], None]) -> None:
        """Called on the GUI thread once the backup has passed every check, just before the swap: it must close
        every connection to the database at ``target``."""
        self._before_replace = close_current

    def set_actor(self, actor: str) -> None:
        self._actor = actor

    def warn_unsent(self, count: int) -> None:
        """The database being replaced has ``count`` changes the county has not received: say so before 恢复."""
        if count <= 0:
            return
        self.note.setText(
            self.tr(
                "注意：本机现在有 {0} 条修改还没有同步到县里，它们不在备份里。建议先同步再恢复；"
                "恢复后它们只留在改名保存的原数据库里。"
            ).format(count)
            + "\n"
            + self.note.text()
        )
        self.note.setStyleSheet(ERROR_STYLE)
        self.note.setVisible(True)

    # --- choosing ------------------------------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.list.clear()
        for path in known_backups():
            try:
                manifest = backup.inspect(path)
            except YuluError:
                continue
            when = manifest.created.astimezone().strftime("%Y-%m-%d %H:%M")
            kind = self.tr("自动备份") if path.name.startswith(backup.AUTO_PREFIX) else self.tr("备份")
            item = QListWidgetItem(
                self.tr("{0} {1} — {2} {3}，{4} 人").format(
                    kind, when, manifest.county_name, manifest.scope_name, manifest.people
                )
            )
            item.setData(_PATH_ROLE, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        if self.list.count() == 0:
            item = QListWidgetItem(self.tr("（没有找到备份，请点“选择备份文件…”找到U盘上的备份）"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)

    def _picked(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None) -> None:
        if item is not None and item.data(_PATH_ROLE):
            self.select(Path(str(item.data(_PATH_ROLE))))

    def choose_file(self) -> None:
        folder = ui_settings.BACKUP_FOLDER.get(ui_settings.open_settings()) or str(Path.home())
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择备份文件"),
            folder,
            self.tr("雨露备份 (*{0});;所有文件 (*)").format(backup.SUFFIX),
        )
        if name:
            self.select(Path(name))

    def select(self, path: Path) -> None:
        """Show what the backup at ``path`` holds (its manifest: quick; the contents are checked at 恢复)."""
        self.source, self.manifest = path, None
        self.file.setText(str(path))
        current = self.list.currentItem()
        if current is not None and current.data(_PATH_ROLE) != str(path):
            self.list.blockSignals(True)  # a file chosen elsewhere: no listed backup stays highlighted
            self.list.setCurrentRow(-1)
            self.list.blockSignals(False)
        self.message.setText("")
        try:
            self.manifest = backup.inspect(path)
        except YuluError as exc:
            self.details.setText("")
            self._show_error(exc.text())
        else:
            self.details.setText(self._describe(self.manifest))
            if self._expected is not None and backup.County(
                self.manifest.county_code, self.manifest.county_name
            ).differs_from(self._expected):
                self._show_error(
                    self.tr("这是{0}的备份，而本机的数据属于{1}：不能用另一个县的备份替换本机数据。").format(
                        self.manifest.county_label, self._expected.label
                    )
                )
                self.manifest = None
        self._update_buttons()
        self.adjustSize()
        if self.manifest is not None:
            self.passphrase.setFocus()

    def _describe(self, manifest: backup.Manifest) -> str:
        when = manifest.created.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = [
            self.tr("备份时间：{0}").format(when),
            self.tr("数据：{0} {1}").format(manifest.county_label, manifest.scope_name),
            self.tr("内容：{0} 户，{1} 人，{2} 次走访").format(
                manifest.households, manifest.people, manifest.counts.get("visit", 0)
            ),
        ]
        if manifest.pending_changes:
            lines.append(
                self.tr("备份时有 {0} 条修改尚未同步到县里，恢复后会照常发送。").format(
                    manifest.pending_changes
                )
            )
        return "\n".join(lines)

    def _update_buttons(self) -> None:
        running = self.task is not None and self.task.running
        self.restore_button.setEnabled(
            self.manifest is not None and bool(self.passphrase.text()) and not running
        )

    # --- restoring -----------------------------------------------------------------------------------------

    def start(self) -> None:
        if self.manifest is None or self.source is None or not self.passphrase.text():
            return
        source, passphrase, target, expected = (
            self.source,
            self.passphrase.text(),
            self.target,
            self._expected,
        )

        def check(progress: backup.Progress, _cancelled: backup.Cancel) -> backup.PreparedRestore:
            return backup.prepare_restore(
                source, passphrase, target, expected_county=expected, progress=progress
            )

        self._run(check, self._checked, self.tr("正在检查备份……"))

    def _run(self, function: object, then: Callable[[object], None], text: str) -> None:
        self.task = FileTask(function, self)  # type: ignore[arg-type]
        self.task.progress.connect(self._show_progress)
        self.task.succeeded.connect(then)
        self.task.failed.connect(self._failed)
        self.message.setStyleSheet("")
        self.message.setText(text)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        for widget in (self.list, self.choose_button, self.passphrase, self.cancel_button):
            widget.setEnabled(False)
        self.task.start()
        self._update_buttons()

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        texts = {"verify": self.tr("正在校验备份文件……"), "check": self.tr("正在检查数据库……")}
        self.message.setText(texts.get(stage, self.message.text()))
        self.progress.setRange(0, 1000)
        self.progress.setValue(done * 1000 // total if total else 1000)

    def _checked(self, prepared: object) -> None:
        assert isinstance(prepared, backup.PreparedRestore)
        try:
            if self._before_replace is not None:
                self.closed_current = True
                self._before_replace()
        except BaseException as exc:
            prepared.discard()
            self._failed(exc)
            return
        target, actor = self.target, self._actor

        def install(_progress: backup.Progress, _cancelled: backup.Cancel) -> backup.RestoreResult:
            try:
                return backup.finish_restore(prepared, target, actor=actor)
            finally:
                prepared.discard()

        self._run(install, self._done, self.tr("正在替换数据……"))

    def _done(self, result: object) -> None:
        assert isinstance(result, backup.RestoreResult)
        self.restored = result
        self.progress.setVisible(False)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.progress.setVisible(False)
        for widget in (self.list, self.choose_button, self.passphrase, self.cancel_button):
            widget.setEnabled(True)
        self._show_error(self.tr("没有恢复：{0}").format(error_text(error)))
        self._update_buttons()
        self.restore_button.setDefault(True)
        self.passphrase.selectAll()
        self.passphrase.setFocus()

    def _show_error(self, text: str) -> None:
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText(text)
        self.adjustSize()

    def reject(self) -> None:
        if (
            self.task is not None and self.task.running
        ):  # nothing to cancel half-way: a restore runs to the end
            return
        super().reject()

    def result_text(self) -> str:
        """What the main window says after a restore (where the old data went)."""
        if self.restored is None:
            return ""
        text = self.tr("已从备份恢复：{0}。").format(backup.summary(self.restored.manifest))
        if self.restored.set_aside is not None:
            text += self.tr("原来的数据没有删除，已改名保存为 {0}。").format(self.restored.set_aside)
        return text
