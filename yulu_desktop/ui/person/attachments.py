"""附件: scans and photos of the person's papers; files another laptop added are fetched from the county server
when opened."""

from __future__ import annotations

import contextlib
import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import records
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.store.database import Database
from yulu_desktop.sync.errors import NotEnrolled, ServerUnreachable
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.table_models import iso

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow


class AttachmentFetcher(QObject):
    """Downloads attachment files on a thread of its own (a slow link must hold up neither the GUI nor the
    database worker); ``fetched(sha256, bytes or None, problem)`` arrives on the GUI thread."""

    fetched = Signal(str, object, str)
    #: ``problem`` when the county server cannot be reached (or this laptop is not enrolled).
    OFFLINE = "offline"

    def fetch(self, db: Database, sha256: str) -> None:
        threading.Thread(target=self._run, args=(db, sha256), name="yulu-attachment", daemon=True).start()

    def _run(self, db: Database, sha256: str) -> None:
        # The sync client (httpx, pydantic: ~26 MB) is loaded when a file is first fetched, not with the window.
        from yulu_desktop.sync import attachments as attachment_sync
        from yulu_desktop.sync.client import SyncClient

        data: bytes | None = None
        problem = ""
        try:
            with SyncClient(db) as client:
                data = attachment_sync.download(client, sha256, retries=1)
        except (ServerUnreachable, NotEnrolled):
            problem = self.OFFLINE
        except YuluError as exc:
            problem = exc.text()
        except Exception as exc:  # reported in the preview, never lost on this thread
            logging.getLogger(__name__).exception("attachment download failed")
            problem = str(exc)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.fetched.emit(sha256, data, problem)


class AttachmentsTab(QSplitter):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.attachment_list = QListWidget()
        self.attachment_list.currentItemChanged.connect(self._preview_attachment)
        self.attachment_kind = QComboBox()
        for code, label in codes.ATTACHMENT_KIND.labels.items():
            self.attachment_kind.addItem(label, code)
        self.add_attachment_button = QPushButton(icon("attach"), self.tr("添加附件…"))
        self.add_attachment_button.clicked.connect(self._choose_attachment)
        self.keep_original = QCheckBox(self.tr("保留原图"))
        self.keep_original.setToolTip(
            self.tr(
                "照片会缩小到适合存档的大小（最长边 2000 像素）再保存；勾选后同时保留原图，占用更多空间和流量"
            )
        )
        #: Fetches files this laptop does not hold from the county server (off the GUI and database threads).
        self.fetcher = AttachmentFetcher(self)
        self.fetcher.fetched.connect(self._attachment_fetched)
        self.preview = QLabel(self.tr("选择附件以预览"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("附件类型")))
        add_row.addWidget(self.attachment_kind)
        add_row.addWidget(self.keep_original)
        add_row.addWidget(self.add_attachment_button)
        left_layout.addLayout(add_row)
        left_layout.addWidget(self.attachment_list, 1)
        self.addWidget(left)
        self.addWidget(self.preview)
        self.setSizes([420, 600])

    def show_file(self, person_file: PersonFile) -> None:
        self.attachment_list.clear()
        for attachment in person_file.attachments:
            item = QListWidgetItem(
                f"{attachment.filename}  ·  {codes.ATTACHMENT_KIND.label(attachment.kind)}  ·  "
                f"{attachment.size / 1024:.0f} KB  ·  {iso(attachment.added_on)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, attachment.sha256)
            item.setData(Qt.ItemDataRole.UserRole + 1, attachment.mime_type)
            self.attachment_list.addItem(item)

    def _choose_attachment(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择扫描件或照片"),
            str(Path.home()),
            self.tr("图片和文档 (*.jpg *.jpeg *.png *.bmp *.pdf);;所有文件 (*)"),
        )
        if path:
            self.add_attachment(Path(path))

    def add_attachment(self, path: Path) -> None:
        window = self._window
        try:
            data = path.read_bytes()
        except OSError as exc:
            window.status.setText(self.tr("无法读取文件：{0}").format(exc))
            return
        kind, person_id, actor = self.attachment_kind.currentData(), window.person_id, window.actor
        keep_original = self.keep_original.isChecked()

        def job(db: Database) -> object:
            return records.add_attachment(
                db, person_id, path.name, data, kind=kind, actor=actor, keep_original=keep_original
            )

        def done(_: object) -> None:
            window.status.setText(self.tr("已添加附件 {0}").format(path.name))
            window.reload()

        window.worker.submit(job, while_alive(self, done), changes={"attachment"})

    def _current_attachment(self) -> str | None:
        item = self.attachment_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _preview_attachment(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        sha, mime = item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)
        if not str(mime).startswith("image/"):
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("此类文件不能预览"))
            return
        worker = self._window.worker

        def job(db: Database) -> bytes | None:
            return records.attachment_bytes(db, sha)

        def show(data: bytes | None) -> None:
            if self._current_attachment() != sha:
                return  # the cadre has moved on
            if data is None:
                # Added on another laptop: the pull brought the record, the file is fetched when it is opened.
                database = worker.database
                self.preview.setPixmap(QPixmap())
                if database is None:
                    return
                self.preview.setText(self.tr("正在从县服务器下载附件…"))
                self.fetcher.fetch(database, sha)
                return
            self._show_image(data)

        worker.submit(job, while_alive(self, show))

    def _show_image(self, data: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("图片无法显示"))

    def _attachment_fetched(self, sha: str, data: object, problem: str) -> None:
        if self._current_attachment() != sha:
            return
        if isinstance(data, bytes):
            self._show_image(data)
        elif problem == AttachmentFetcher.OFFLINE:
            self.preview.setText(self.tr("附件在县服务器上，联网后可查看"))
        else:
            self.preview.setText(self.tr("附件无法下载：{0}").format(problem))
