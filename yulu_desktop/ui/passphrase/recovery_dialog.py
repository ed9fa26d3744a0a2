"""设置 → 恢复密钥…: make the recovery key, show it once in large type, save its one-page PDF to print.

Only the owner (or the one user of a laptop without local users) makes it; a new key voids the old page.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.private_files import write_private
from yulu_desktop.services import passphrase
from yulu_desktop.ui.worker import DbWorker


class RecoveryKeyDialog(QDialog):
    """生成恢复密钥 → the code, 保存打印页（PDF）…, 我已抄好."""

    def __init__(self, worker: DbWorker, parent: QWidget | None = None, *, at_setup: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryKeyDialog")
        self._worker = worker
        self.code = ""
        db = worker.database
        has_one = db is not None and passphrase.has_recovery_key(db.path)
        self.setWindowTitle(self.tr("恢复密钥"))
        self.setMinimumWidth(560)
        text = self.tr(
            "恢复密钥是一串 24 位的字母和数字。忘记密码时，用它可以打开数据库并设置新密码，数据不会丢失。"
            "它只显示一次：请抄在纸上或打印出来，锁好保管，不要和电脑放在一起。"
        )
        if at_setup:
            text = self.tr("数据库已创建。") + text
        if has_one:
            text += self.tr("\n本机已有恢复密钥；重新生成后，旧的恢复密钥（和它的打印页）立即作废。")
        self.intro = QLabel(text)
        self.intro.setWordWrap(True)
        self.shown = QLabel()
        self.shown.setObjectName("code")
        self.shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        mono.setPointSize(20)
        mono.setWeight(QFont.Weight.Bold)
        self.shown.setFont(mono)
        self.shown.setMinimumHeight(self.shown.fontMetrics().height() * 2)
        self.shown.setStyleSheet("border: 1px solid palette(mid); padding: 12px;")
        self.shown.setVisible(False)
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.make_button = QPushButton(self.tr("重新生成恢复密钥") if has_one else self.tr("生成恢复密钥"))
        self.make_button.setObjectName("make")
        self.make_button.clicked.connect(self.make)
        self.pdf_button = QPushButton(self.tr("保存打印页（PDF）…"))
        self.pdf_button.setObjectName("pdf")
        self.pdf_button.clicked.connect(self.ask_pdf)
        self.pdf_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.addButton(self.make_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.pdf_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.shown)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.make_button.setFocus()
        if at_setup:  # a new database: the key is made and shown straight away
            self.make()

    def make(self) -> None:
        self.make_button.setEnabled(False)
        self._worker.submit(passphrase.make_recovery_key, self._made, self._failed)

    def _made(self, code: str) -> None:
        self.code = code
        self.shown.setText(code)
        self.shown.setVisible(True)
        self.pdf_button.setEnabled(True)
        self.pdf_button.setDefault(True)
        self.pdf_button.setFocus()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("我已抄好，关闭"))
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(self.tr("请现在抄写或保存打印页。关闭这个窗口后，恢复密钥不会再显示。"))
        self.adjustSize()

    def _failed(self, error: BaseException) -> None:
        self.make_button.setEnabled(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(error.text() if isinstance(error, YuluError) else str(error))

    def ask_pdf(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("保存恢复密钥打印页"),
            str(Path.home() / "雨露恢复密钥.pdf"),
            self.tr("PDF 文件 (*.pdf)"),
        )
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> None:
        """Write the one-page PDF (mode 0600: it holds the key) and say where it is."""
        from yulu_desktop.printing.recovery_sheet import render_recovery_sheet  # reportlab: when printed

        try:
            write_private(path, render_recovery_sheet(self.code, made_on=date.today()))
        except OSError as exc:
            self.message.setStyleSheet("color: #c62828;")
            self.message.setText(self.tr("无法保存：{0}").format(exc.strerror or exc))
            return
        self.message.setStyleSheet("color: palette(text);")
        self.message.setText(
            self.tr("已保存到 {0}。请打印后删除这个文件（它和恢复密钥一样能打开数据库）。").format(path)
        )
