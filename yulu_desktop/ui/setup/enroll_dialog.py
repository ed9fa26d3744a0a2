"""同步 → 连接县服务器…: server address, the county's one-time code and certificate check (证书校验码, optional:
the server's certificate is compared with it before the code is sent; left empty, the dialog says the certificate
is trusted as met), then the village's data is pulled with visible progress, local org units are matched to the
county's (the cadre chooses where the name does not say), and the first sync sends what the laptop holds. Errors
are said in Chinese under the fields; nothing is lost."""

from __future__ import annotations

from typing import Any

import httpx
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.store.database import Database
from yulu_desktop.sync import certificate_check, enrollment, transport
from yulu_desktop.sync.client import SyncReport
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.setup.background import Background
from yulu_desktop.ui.setup.unit_matching_dialog import UnitMatchingDialog


class EnrollDialog(QDialog):
    """Connect this laptop to the county server. ``enrolled`` once the laptop is registered; ``accepted`` after
    the first sync (or when the cadre closes it after registration)."""

    enrolled = Signal(object)  # enrollment.Enrolled

    def __init__(
        self,
        database: Database,
        parent: QWidget | None = None,
        *,
        actor: str = "",
        server: str = "",
        http: httpx.Client | None = None,
        resume: bool = False,
    ) -> None:
        super().__init__(parent)
        self._db = database
        #: Enrolled already, the first download unfinished: 继续下载 needs no code (``enrollment.enroll_and_pull``).
        self._resume = False
        self._actor = actor
        self._http = http
        self.result_enrolled: enrollment.Enrolled | None = None
        self.report: SyncReport | None = None
        self.matching: UnitMatchingDialog | None = None
        # Whether the certificate was compared with the county's check, said with the result ("" when moot).
        self._certificate_note = ""
        self.setWindowTitle(self.tr("连接县服务器"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(540)
        intro = QLabel(
            self.tr(
                "请填写县乡村振兴局提供的服务器地址和一次性注册码。连接后，本村的数据会下载到这台电脑，"
                "本机已录入或导入的数据会发送到县里。"
            )
        )
        intro.setWordWrap(True)
        self.server = QLineEdit(server)
        self.server.setObjectName("serverAddress")
        self.server.setPlaceholderText(self.tr("例如 https://yulu.example.gov.cn"))
        self.code = QLineEdit()
        self.code.setObjectName("enrollCode")
        self.code.setPlaceholderText(self.tr("县里给的一次性注册码"))
        self.check = QLineEdit()
        self.check.setObjectName("certificateCheck")
        self.check.setPlaceholderText(self.tr("县里随注册码给出，例如 {0}").format(certificate_check.EXAMPLE))
        self.check_hint = QLabel()
        self.check_hint.setObjectName("certificateCheckHint")
        self.check_hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("服务器地址(&A)"), self.server)
        form.addRow(self.tr("注册码(&C)"), self.code)
        form.addRow(self.tr("证书校验码(&K)"), self.check)
        form.addRow("", self.check_hint)
        self.server.textChanged.connect(self._show_check_hint)
        self.check.textChanged.connect(self._show_check_hint)
        self._show_check_hint()
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = QProgressBar()
        self.progress.setObjectName("enrollProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(self.tr("连接"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(self.tr("取消"))
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        # One background task per step: the enrollment with the first pull, then the first sync.
        self.enroll_task = Background(self)
        self.enroll_task.done.connect(self._enrolled)
        self.sync_task = Background(self)
        self.sync_task.done.connect(self._synced)
        for task in (self.enroll_task, self.sync_task):
            task.progress.connect(self._show_progress)
            task.failed.connect(self._failed)
        self._stage = "idle"
        (self.code if server else self.server).setFocus(Qt.FocusReason.OtherFocusReason)
        if resume:
            self._resumable(
                self.tr(
                    "本机已注册，但县里的数据还没有下载完，本机自建的区划还没有对应到县里的区划，"
                    "在此之前本机不发送数据。请点“继续下载”，不需要注册码。"
                )
            )

    # --- steps ------------------------------------------------------------------------------------------

    def start(self) -> None:
        """连接: enroll and pull on the background thread."""
        if self._stage == "done":
            self.accept()
            return
        url = enrollment.normalized_url(self.server.text())
        if not url:
            self._say(self.tr("请填写服务器地址"), error=True)
            self.server.setFocus()
            return
        if not self._resume and not self.code.text().strip():
            self._say(self.tr("请填写县里给的注册码"), error=True)
            self.code.setFocus()
            return
        check = "" if self._resume else self.check.text()
        try:
            certificate_check.parse(check)  # a typing mistake is said before any connection
        except certificate_check.BadCertificateCheck as exc:
            self._say(exc.text(), error=True)
            self.check.setFocus()
            return
        self.server.setText(url)
        enrollment.IN_PROGRESS.set()
        self._busy(True, self.tr("正在连接县服务器并注册本机…"))
        db, code, actor, http = self._db, self.code.text(), self._actor, self._http
        self._stage = "enroll"
        self.enroll_task.start(
            lambda progress, cancelled: enrollment.enroll_and_pull(
                db, url, code, progress, cancelled, actor=actor, http=http, check=check
            )
        )

    def _enrolled(self, result: Any) -> None:
        assert isinstance(result, enrollment.Enrolled)
        self.result_enrolled = result
        self.enrolled.emit(result)
        text = self.tr("注册成功：本机属于 {0}，管辖范围 {1}。已下载 {2} 条数据。").format(
            result.cadre_name, result.jurisdiction_name, result.pulled
        )
        if result.certificate_checked:
            self._certificate_note = self.tr("服务器证书与证书校验码相符。")
        elif not self._resume and transport.checks_certificate(self.server.text()):
            self._certificate_note = self.tr("本机没有核对服务器证书（没有填写证书校验码）。")
        text += self._certificate_note
        if result.units_matched:
            text += self.tr("本机自建的 {0} 个区划已对应到县里的区划。").format(result.units_matched)
        self._say(text)
        if result.plan.unmatched:
            self.matching = UnitMatchingDialog(self._db, result.plan, actor=self._actor, parent=self)
            self.matching.finished.connect(lambda _code: self._send())
            self.matching.open()
            return
        self._send()

    def _send(self) -> None:
        """The first sync: what the laptop holds goes to the county."""
        self._busy(True, self.message.text() + "\n" + self.tr("正在发送本机数据…"))
        self._stage = "sync"
        db, http = self._db, self._http
        self.sync_task.start(
            lambda progress, cancelled: enrollment.first_sync(db, progress, cancelled, http=http)
        )

    def _synced(self, result: Any) -> None:
        assert isinstance(result, SyncReport)
        self.report = result
        self._stage = "done"
        enrollment.IN_PROGRESS.clear()
        self._busy(False, "")
        lines = [
            self.tr("本机已连接县服务器。已发送 {0} 条，已接收 {1} 条。").format(result.pushed, result.pulled)
            + self._certificate_note
        ]
        if result.quarantined:
            lines.append(
                self.tr("有 {0} 条数据县里暂存待审核，可在“同步 → 冲突处理”中查看。").format(
                    result.quarantined
                )
            )
        lines += result.problems
        if self.matching is not None and self.matching.left:
            lines.append(
                self.tr("以下区划没有对应到县里的区划，其中的户暂不发送：{0}").format(
                    "、".join(u.path for u in self.matching.left)
                )
            )
        self._say("\n".join(lines))
        self.ok.setText(self.tr("完成"))
        self.cancel_button.hide()
        self.ok.setFocus()

    def _failed(self, error: Any) -> None:
        if isinstance(error, enrollment.DownloadUnfinished):
            self._busy(False, "")
            enrollment.IN_PROGRESS.clear()
            self._resumable(error.text(), error=True)
            return
        registered = self.result_enrolled is not None
        self._busy(False, "")
        text = enrollment.error_text(error, self.server.text())
        if registered:
            # Registered already: the sync will try again by itself; nothing is lost.
            text = self.tr("本机已注册，但首次同步没有完成：{0} 稍后会自动重试。").format(text)
            self._stage = "done"
            self.ok.setText(self.tr("完成"))
        else:
            self._stage = "idle"
        enrollment.IN_PROGRESS.clear()
        self._say(text, error=True)

    def _cancel(self) -> None:
        if self.running:
            self.enroll_task.cancel()
            self.sync_task.cancel()
            self._say(self.tr("正在取消…"))
            return
        if self.result_enrolled is not None:
            self.accept()
        else:
            self.reject()

    # --- helpers ----------------------------------------------------------------------------------------

    def _resumable(self, text: str, *, error: bool = False) -> None:
        """Enrolled, the download unfinished: 继续下载 picks it up without a code."""
        self._resume = True
        self._stage = "idle"
        self.code.clear()
        self.code.setPlaceholderText(self.tr("本机已注册，不需要注册码"))
        self.server.setEnabled(False)
        self.code.setEnabled(False)
        self.check.setEnabled(False)
        self.check_hint.hide()
        self.ok.setText(self.tr("继续下载"))
        self.ok.setFocus()
        self._say(text, error=error)

    def _busy(self, busy: bool, text: str) -> None:
        editable = not busy and self.result_enrolled is None and not self._resume
        self.server.setEnabled(editable)
        self.code.setEnabled(editable)
        self.check.setEnabled(editable)
        self.ok.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.progress.setRange(0, 0)
            self._say(text)

    def _show_check_hint(self) -> None:
        """What the certificate check does with what is typed: compared, not applicable, or trust on first use."""
        url = enrollment.normalized_url(self.server.text())
        checked = bool(self.check.text().strip())
        if url and not transport.checks_certificate(url):
            text = (
                self.tr("http:// 地址只用于本机，连接不使用证书，证书校验码不适用。")
                if checked
                else self.tr("http:// 地址只用于本机，连接不使用证书。")
            )
            warn = False
        elif checked:
            text = self.tr("连接后先核对服务器出示的证书，与校验码不符时停止连接，不发送注册码。")
            warn = False
        else:
            text = self.tr(
                "未填写证书校验码：本机将信任这次连接到的服务器证书。如果此时有人在网络上冒充县服务器，"
                "本机无法发现。请向县里索取证书校验码。"
            )
            warn = True
        self.check_hint.setStyleSheet("color: #a15c00;" if warn else "")
        self.check_hint.setText(text)
        self._fit_height()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #c62828;" if error else "")
        self.message.setText(text)
        self._fit_height()

    def _fit_height(self) -> None:
        """Grow to show every line of the wrapped texts: a word-wrapped label's height depends on its width,
        which the minimum size Qt gives a window does not follow (the hint was squeezed under a long message)."""
        if not self.isVisible():
            return
        needed = self.heightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _show_progress(self, stage: str, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))
        elif stage == "image":  # the server prepares the image: an empty bar that says so
            self.progress.setRange(0, 1)
            self.progress.setValue(0)
        label = self.tr("正在下载 {0}/{1}") if stage == "pull" else self.tr("正在发送 {0}/{1}")
        if stage == "files":
            label = self.tr("正在上传附件 {0}/{1} KB")
            done, total = (done + 1023) // 1024, (total + 1023) // 1024
        elif stage == "image" and total == 0:
            label = self.tr("县服务器正在准备本机的数据…")
        elif stage == "image":
            label = self.tr("正在下载首次同步的数据 {0}/{1} KB")
            done, total = (done + 1023) // 1024, (total + 1023) // 1024
        self.progress.setFormat(label.format(done, total))

    def done(self, code: int) -> None:
        for task in (self.enroll_task, self.sync_task):
            task.cancel()
            task.wait()
        enrollment.IN_PROGRESS.clear()
        super().done(code)

    @property
    def running(self) -> bool:
        return self.enroll_task.running or self.sync_task.running
