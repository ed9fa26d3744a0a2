"""设置 → 设置…: one dialog for the county server's address (changed without enrolling again,
``sync.server_address``), the language (applies at the next start), the auto-lock time and the backup folder."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.store.database import Database
from yulu_desktop.sync import certificate_check, enrollment, local, server_address
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.setup.background import Background

LANGUAGES = (("zh_CN", "简体中文"), ("en", "English"))


class SettingsDialog(QDialog):
    """设置. ``idle_minutes_changed`` (if given) applies a new auto-lock time to the running window."""

    def __init__(
        self,
        database: Database,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        idle_minutes_changed: Callable[[int], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = database
        self._settings = settings
        self._idle_changed = idle_minutes_changed
        self.setWindowTitle(self.tr("设置"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(560)
        with database.read_connection() as conn:
            state = local.read_state(conn)
        self.enrolled = state.enrolled

        # County server
        server_box = QGroupBox(self.tr("县服务器"))
        self.server = QLineEdit(state.server_url)
        self.server.setObjectName("serverAddress")
        self.change_server = QPushButton(self.tr("更改地址(&H)"))
        self.change_server.setObjectName("changeServer")
        self.change_server.clicked.connect(self.apply_server)
        self.new_certificate = QCheckBox(self.tr("县里已更换服务器证书（经县里确认后才勾选）"))
        self.check = QLineEdit()
        self.check.setObjectName("certificateCheck")
        self.check.setPlaceholderText(
            self.tr("证书校验码（县里给出，可不填），例如 {0}").format(certificate_check.EXAMPLE)
        )
        self.server_message = QLabel(
            self.tr("更改地址不需要重新注册：新地址上的县服务器确认本机后才会保存。")
            if state.enrolled
            else self.tr("本机尚未连接县服务器，请使用“同步 → 连接县服务器…”。")
        )
        self.server_message.setObjectName("serverMessage")
        self.server_message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.server, 1)
        row.addWidget(self.change_server)
        server_layout = QVBoxLayout(server_box)
        server_layout.addLayout(row)
        server_layout.addWidget(self.new_certificate)
        server_layout.addWidget(self.check)
        server_layout.addWidget(self.server_message)
        for widget in (self.server, self.change_server, self.new_certificate, self.check):
            widget.setEnabled(state.enrolled)

        # This laptop
        general = QGroupBox(self.tr("本机"))
        self.language = QComboBox()
        self.language.setObjectName("language")
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(ui_settings.LANGUAGE.get(settings))))
        self.idle = QSpinBox()
        self.idle.setObjectName("idleMinutes")
        self.idle.setRange(0, 240)
        self.idle.setSuffix(self.tr(" 分钟"))
        self.idle.setSpecialValueText(self.tr("不自动锁定"))
        self.idle.setValue(ui_settings.IDLE_LOCK_MINUTES.get(settings))
        self.backup_folder = QLineEdit(ui_settings.BACKUP_FOLDER.get(settings))
        self.backup_folder.setObjectName("backupFolder")
        self.backup_folder.setPlaceholderText(self.tr("未设置：每次备份时选择"))
        browse = QPushButton(self.tr("选择(&B)…"))
        browse.clicked.connect(self._browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_folder, 1)
        folder_row.addWidget(browse)
        self.kept = QSpinBox()
        self.kept.setObjectName("autoBackupsKept")
        self.kept.setRange(0, 60)
        self.kept.setSpecialValueText(self.tr("不自动备份"))
        self.kept.setValue(ui_settings.AUTO_BACKUPS_KEPT.get(settings))
        form = QFormLayout(general)
        form.addRow(self.tr("界面语言(&L)"), self.language)
        form.addRow("", QLabel(self.tr("更改语言后，下次启动雨露时生效。")))
        form.addRow(self.tr("自动锁定(&I)"), self.idle)
        form.addRow(self.tr("备份文件夹"), folder_row)
        form.addRow(self.tr("本机保留自动备份"), self.kept)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(server_box)
        layout.addWidget(general)
        layout.addWidget(self.buttons)
        self.task = Background(self)
        self.task.done.connect(self._server_changed)
        self.task.failed.connect(self._server_failed)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("选择备份文件夹"), self.backup_folder.text())
        if folder:
            self.backup_folder.setText(folder)

    def apply_server(self) -> None:
        url = enrollment.normalized_url(self.server.text())
        if not url:
            self._server_say(self.tr("请填写服务器地址"), error=True)
            return
        check = self.check.text()
        try:
            certificate_check.parse(check)  # a typing mistake is said before any connection
        except certificate_check.BadCertificateCheck as exc:
            self._server_say(exc.text(), error=True)
            return
        self.change_server.setEnabled(False)
        self._server_say(self.tr("正在连接 {0}…").format(url))
        db, accept_new = self._db, self.new_certificate.isChecked()
        self.task.start(
            lambda _p, _c: server_address.change_server(
                db, url, accept_new_certificate=accept_new, check=check
            )
        )

    def _server_changed(self, change: Any) -> None:
        assert isinstance(change, server_address.ServerChange)
        self.change_server.setEnabled(True)
        self.server.setText(change.new_url)
        self._server_say(self.tr("县服务器地址已改为 {0}。").format(change.new_url))

    def _server_failed(self, error: BaseException) -> None:
        self.change_server.setEnabled(True)
        self._server_say(enrollment.error_text(error, self.server.text()), error=True)

    def _server_say(self, text: str, *, error: bool = False) -> None:
        self.server_message.setStyleSheet("color: #c62828;" if error else "")
        self.server_message.setText(text)

    def save(self) -> None:
        s = self._settings
        language = str(self.language.currentData())
        ui_settings.LANGUAGE.set(s, language)
        ui_settings.BACKUP_FOLDER.set(s, self.backup_folder.text().strip())
        ui_settings.AUTO_BACKUPS_KEPT.set(s, self.kept.value())
        if self._idle_changed is not None:
            self._idle_changed(self.idle.value())
        else:
            ui_settings.IDLE_LOCK_MINUTES.set(s, self.idle.value())
        s.sync()
        self.accept()

    def done(self, code: int) -> None:
        self.task.wait()
        super().done(code)
