"""扫码核对: scan (or paste) the QR code of a signed 一人一档 or 补助申请表, open the person, and say whether the
record changed since the paper was printed.

A USB scanner is a keyboard: it types the QR text and Enter into the focused field. The check runs on the
database worker (``services.scan_back``); the field is cleared and keeps the focus, so a pile of papers can be
scanned one after another.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import scan_back
from yulu_desktop.services.scan_back import ScanResult
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.worker import DbWorker


class ScanDialog(QDialog):
    """``openPerson`` asks the main window to open a person; ``checked`` reports each finished check."""

    openPerson = Signal(str)
    checked = Signal(object)  # ScanResult, or the error message (str)

    def __init__(self, worker: DbWorker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scanDialog")
        self.setWindowTitle(self.tr("扫码核对打印件"))
        self._worker = worker
        self.scanned: ScanResult | None = None

        intro = QLabel(
            self.tr(
                "用扫码枪扫描一人一档或补助申请表上的二维码（也可以从保存的 PDF 中复制 yulu: 开头的文字，粘贴后按回车）。"
                "系统会打开此人的档案，并说明打印后记录是否有改动。"
            )
        )
        intro.setWordWrap(True)
        self.field = QLineEdit()
        self.field.setObjectName("scanField")
        self.field.setPlaceholderText(self.tr("在此扫码，或粘贴 yulu: 开头的文字"))
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.check)
        field_label = QLabel(self.tr("二维码内容(&Q)："))
        field_label.setBuddy(self.field)

        self.verdict = QLabel()
        self.verdict.setObjectName("scanVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.RichText)
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict.setMinimumHeight(120)
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        self.open_button = QPushButton(icon("person"), self.tr("再次打开档案(&O)"))
        self.open_button.setEnabled(False)
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self._open_again)
        buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        for button in buttons.buttons():
            # Enter belongs to the scanner: it must never press a button of the dialog.
            if isinstance(button, QPushButton):
                button.setAutoDefault(False)
                button.setDefault(False)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(field_label)
        layout.addWidget(self.field)
        layout.addWidget(self.verdict, 1)
        layout.addWidget(buttons)
        self.resize(560, 340)
        self.field.setFocus()

    def check(self) -> None:
        qr_text = self.field.text().strip()
        if not qr_text:
            return
        self.field.clear()
        self.verdict.setText(self.tr("正在核对…"))

        def job(db: Database) -> ScanResult:
            return scan_back.scan(db, qr_text)

        self._worker.submit(job, self._show, self._failed)

    def _show(self, result: ScanResult) -> None:
        self.scanned = result
        self.open_button.setEnabled(True)
        what = (
            self.tr("一人一档")
            if result.kind == "dossier"
            else self.tr("{0}补助申请表").format(rules.term_label(result.term or ""))
        )
        lines = [f"<b>{html.escape(result.name)}</b> · {html.escape(result.place)} · {what}"]
        if result.printed_at is not None:
            lines.append(
                self.tr("本机于 {0} 由 {1} 打印。").format(
                    result.printed_at.strftime("%Y-%m-%d %H:%M"), html.escape(result.printed_by)
                )
            )
        else:
            lines.append(self.tr("本机没有这份打印记录（可能是在其他电脑上打印的）。"))
        if not result.changed:
            lines.append(
                "<span style='color:#2e7d32'><b>"
                + self.tr("打印后记录没有改动，纸上内容与系统一致。")
                + "</b></span>"
            )
        else:
            lines.append(
                "<span style='color:#b00020'><b>"
                + self.tr("打印后记录已有改动，纸上内容可能已过时，请核对后重新打印。")
                + "</b></span>"
            )
            if result.changes:
                items = "".join(f"<li>{html.escape(self.tr(line))}</li>" for line in result.changes)
                lines.append(self.tr("改动：") + f"<ul style='margin:0'>{items}</ul>")
            if not result.changes_complete:
                lines.append(self.tr("具体改动无法全部列出（打印在其他电脑上，或改动已同步到县里）。"))
        self.verdict.setText("<br>".join(lines))
        self.checked.emit(result)
        self.openPerson.emit(result.person_id)
        # The person's window opens beside; the dialog keeps the keyboard for the next paper.
        self.raise_()
        self.activateWindow()
        self.field.setFocus()

    def _failed(self, error: BaseException) -> None:
        self.scanned = None
        self.open_button.setEnabled(False)
        message = error.text() if isinstance(error, YuluError) else self.tr("核对失败：{0}").format(error)
        self.verdict.setText(f"<span style='color:#b00020'><b>{html.escape(message)}</b></span>")
        self.checked.emit(message)
        self.field.setFocus()

    def _open_again(self) -> None:
        if self.scanned is not None:
            self.openPerson.emit(self.scanned.person_id)


def scan_action(parent: QWidget) -> QAction:
    """The 打印 menu's 扫码核对 action (Ctrl+Shift+F)."""
    action = QAction(icon("scan"), QCoreApplication.translate("ScanDialog", "扫码核对打印件…"), parent)
    action.setShortcut(QKeySequence("Ctrl+Shift+F"))
    action.setToolTip(
        QCoreApplication.translate(
            "ScanDialog", "扫描打印件上的二维码，打开档案并检查打印后是否有改动 (Ctrl+Shift+F)"
        )
    )
    return action
