"""同步 → 交接本机…: before a laptop is handed over or wiped, one screen says whether anything is not yet at the
county, sends it (an ordinary sync through the window's sync controller), says "可以交接" or what remains,
explains the next steps, and offers to wipe the laptop's data only when nothing is left unsent.

A thin adapter over ``services.handover`` (the counts and the wipe); the counting runs on the database worker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import handover
from yulu_desktop.ui.sync_worker import Connection, SyncController
from yulu_desktop.ui.worker import DbWorker


class HandoverDialog(QDialog):
    """The handover check: what is left, 发送到县里, the verdict, the next steps, 清除本机数据…."""

    #: The laptop's data were wiped (the window closes: there is no database any more).
    wiped = Signal()

    def __init__(self, worker: DbWorker, sync: SyncController | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self._worker = worker
        self._sync = sync
        self.readiness: handover.Readiness | None = None
        self.revoked = False
        self.setWindowTitle(self.tr("交接本机"))
        self.setMinimumWidth(600)
        intro = QLabel(
            self.tr(
                "换电脑或交给别人之前，先确认本机的工作都已交到县里：未发送的修改、附件、冲突和审计记录。"
            )
        )
        intro.setWordWrap(True)
        self.items = QLabel(self.tr("正在检查…"))
        self.items.setObjectName("items")
        self.items.setWordWrap(True)
        self.items.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict = QLabel()
        self.verdict.setObjectName("verdict")
        self.verdict.setWordWrap(True)
        verdict_font = self.verdict.font()
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.15)
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.steps = QLabel()
        self.steps.setObjectName("steps")
        self.steps.setWordWrap(True)
        self.send_button = QPushButton(self.tr("发送到县里(&S)"))
        self.send_button.setObjectName("send")
        self.send_button.clicked.connect(self.send)
        self.check_button = QPushButton(self.tr("重新检查(&C)"))
        self.check_button.clicked.connect(self.refresh)
        self.wipe_button = QPushButton(self.tr("清除本机数据…"))
        self.wipe_button.setObjectName("wipe")
        self.wipe_button.clicked.connect(self.ask_wipe)
        self.wipe_button.setEnabled(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        for button in (self.send_button, self.check_button, self.wipe_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.items)
        layout.addWidget(self.verdict)
        layout.addWidget(self.steps)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        if sync is not None:
            sync.finished.connect(self._synced)
        self.refresh()

    # --- checking -------------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._worker.submit(handover.check, self._show, self._failed)

    def _show(self, readiness: handover.Readiness) -> None:
        self.readiness = readiness
        lines = [
            self.tr("未发送的修改：{0} 条").format(readiness.unsent_changes),
            self.tr("未上传的附件：{0} 个").format(readiness.unsent_files),
            self.tr("未处理的冲突：{0} 条").format(readiness.open_conflicts),
            self.tr("未发送的审计记录：{0} 条").format(readiness.unsent_audit),
        ]
        if readiness.last_sync_at is not None:
            lines.append(
                self.tr("上次同步：{0}").format(f"{readiness.last_sync_at.astimezone():%Y-%m-%d %H:%M}")
            )
        self.items.setText("\n".join(lines))
        if self.revoked:
            self._verdict(
                self.tr(
                    "本机已被县里停用，不能再发送。还没交到县里的数据仍完整保存在本机："
                    "请做一个备份交给县里，或请县里恢复本机后再同步。"
                ),
                ok=False,
            )
        elif readiness.ready:
            self._verdict(self.tr("可以交接：本机的工作都已交到县里。"), ok=True)
        else:
            self._verdict(self.tr("还不能交接：") + "；".join(readiness.remaining()) + "。", ok=False)
        self.send_button.setEnabled(readiness.enrolled and not self.revoked)
        self.wipe_button.setEnabled(readiness.ready and not self.revoked)
        device = readiness.device_id[:8] if readiness.device_id else ""
        self.steps.setText(
            self.tr(
                "接下来：\n"
                "1. 县里为新电脑发注册码；新电脑“连接县服务器”后，本村的数据会自动下载到新电脑。\n"
                "2. 请县里停用这台旧电脑（管理员命令：yulu-server admin revoke，本机设备编号 {0}…）。\n"
                "3. 在新电脑上核对数据齐全后，再清除这台电脑的数据。"
            ).format(device)
        )
        self.adjustSize()

    def _verdict(self, text: str, *, ok: bool) -> None:
        self.verdict.setStyleSheet("color: #2e7d32;" if ok else "color: #c62828;")
        self.verdict.setText(text)

    def _failed(self, error: BaseException) -> None:
        self._verdict(error.text() if isinstance(error, YuluError) else str(error), ok=False)

    # --- sending ---------------------------------------------------------------------------------------

    def send(self) -> None:
        if self._sync is None:
            self._verdict(self.tr("本机没有同步功能（未连接县服务器）"), ok=False)
            return
        self.send_button.setEnabled(False)
        self.verdict.setStyleSheet("color: palette(text);")
        self.verdict.setText(self.tr("正在发送到县里…"))
        self._sync.sync_now()

    def _synced(self, _report: object) -> None:
        status = self._sync.last_status if self._sync is not None else None
        self.revoked = status is not None and status.connection is Connection.REVOKED
        if status is not None and status.message and not self.revoked:
            self.verdict.setText(status.message)
        self.refresh()

    # --- wiping ----------------------------------------------------------------------------------------

    def ask_wipe(self) -> None:
        typed, ok = QInputDialog.getText(
            self,
            self.tr("清除本机数据"),
            self.tr(
                "将删除本机的数据库、钥匙文件和自动备份，无法撤销（U盘上的备份不受影响）。\n"
                "确认要清除，请输入“{0}”："
            ).format(handover.WIPE_WORDS),
            QLineEdit.EchoMode.Normal,
        )
        if ok:
            self.wipe(typed)

    def wipe(self, typed: str) -> None:
        if typed.strip() != handover.WIPE_WORDS:
            self._verdict(self.tr("没有清除：请准确输入“{0}”。").format(handover.WIPE_WORDS), ok=False)
            return
        if self.readiness is None or not self.readiness.ready or self.revoked:
            self._verdict(self.tr("还有数据没有交到县里，不能清除。请先发送到县里。"), ok=False)
            return
        if self._sync is not None:
            self._sync.shutdown()  # its connections go before the files do
        self._worker.submit(lambda db: handover.wipe(db, typed), self._wiped, self._failed)

    def _wiped(self, _removed: object) -> None:
        self._verdict(self.tr("本机数据已清除。现在可以关闭雨露，把电脑交接出去。"), ok=True)
        for button in (self.send_button, self.check_button, self.wipe_button):
            button.setEnabled(False)
        self.wiped.emit()
