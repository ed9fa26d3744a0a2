"""The first start on a laptop without a database: the three real starts — 连接县服务器, 导入国家系统导出表,
从备份恢复 — then the encrypted database is created (or, after a restore, unlocked) and the window opens with the
chosen next step (the enrollment dialog, the import wizard).

``choose`` runs before the database exists; ``follow_up`` after the main window is shown.
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from yulu_desktop.ui.i18n import icon

if TYPE_CHECKING:
    from yulu_desktop.ui.main_window import MainWindow


class Start(enum.Enum):
    SERVER = "server"
    IMPORT = "import"
    RESTORE = "restore"
    BLANK = "blank"


class FirstStartDialog(QDialog):
    """The choice of how to begin; ``choice`` once accepted."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice: Start | None = None
        self.setWindowTitle(self.tr("欢迎使用雨露计划+ 工作台"))
        self.setWindowIcon(icon("app"))
        self.setMinimumWidth(600)
        title = QLabel(self.tr("<h2>欢迎使用雨露计划+ 工作台</h2>"))
        intro = QLabel(
            self.tr("这台电脑上还没有雨露数据。请选择如何开始（数据将加密保存在 {0}）：").format(path)
        )
        intro.setWordWrap(True)
        self.server = QCommandLinkButton(
            self.tr("连接县服务器(&S)"),
            self.tr("有县里给的服务器地址和注册码：连接后本村的数据自动下载到这台电脑。"),
        )
        self.server.setObjectName("startServer")
        self.import_ = QCommandLinkButton(
            self.tr("导入国家系统导出表(&I)"),
            self.tr("有防返贫监测系统导出的 Excel 表：导入后即可使用，以后再连接县服务器。"),
        )
        self.import_.setObjectName("startImport")
        self.restore = QCommandLinkButton(
            self.tr("从备份恢复(&R)"),
            self.tr("换了电脑或重装了系统：从U盘或文件夹中的雨露备份文件恢复全部数据。"),
        )
        self.restore.setObjectName("startRestore")
        self.blank = QPushButton(self.tr("先创建空白数据库(&B)"))
        self.blank.setObjectName("startBlank")
        self.blank.setFlat(True)
        quit_button = QPushButton(self.tr("退出(&Q)"))
        quit_button.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        for button, start in (
            (self.server, Start.SERVER),
            (self.import_, Start.IMPORT),
            (self.restore, Start.RESTORE),
            (self.blank, Start.BLANK),
        ):
            button.clicked.connect(lambda _checked=False, s=start: self.pick(s))
            layout.addWidget(button)
        layout.addWidget(quit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.server.setFocus(Qt.FocusReason.OtherFocusReason)

    def pick(self, start: Start) -> None:
        self.choice = start
        self.accept()


def restore_dialog(target: Path, parent: QWidget | None = None) -> QDialog:
    """从备份恢复 (built in ``ui.backup.restore_dialog``): accepted once an encrypted database is at ``target``."""
    from yulu_desktop.ui.backup.restore_dialog import RestoreDialog

    dialog: QDialog = RestoreDialog(target, parent)
    return dialog


def choose(path: Path, parent: QWidget | None = None) -> Start | None:
    """Ask how to begin; after 从备份恢复 the database is at ``path``. None: the cadre quit."""
    while True:
        dialog = FirstStartDialog(path, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.choice is None:
            return None
        if dialog.choice is not Start.RESTORE:
            return dialog.choice
        if restore_dialog(path, parent).exec() == QDialog.DialogCode.Accepted and path.exists():
            return Start.RESTORE
        # Restore cancelled or failed: back to the choice.


def follow_up(window: MainWindow, start: Start | None) -> None:
    """The next step of the start chosen, once the window is shown."""
    from yulu_desktop.ui.setup import menu

    if start is Start.SERVER:
        menu.open_enroll(window)
    elif start is Start.IMPORT:
        window.open_import(kind="national")
    elif start is Start.BLANK:
        menu.open_profile(window)
