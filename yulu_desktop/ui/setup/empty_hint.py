"""The empty window's hint: no households and not connected to the county — instead of an empty list, the same
three starts as the first start (连接县服务器, 导入国家系统导出表, 从备份恢复 is offered only at first start, so
here: 我的信息 instead)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget
from sqlalchemy import text

from yulu_desktop.store.database import Database

if TYPE_CHECKING:
    from yulu_desktop.ui.main_window import MainWindow


def is_empty(db: Database) -> bool:
    """No household on the laptop, and not enrolled."""
    with db.read_connection() as conn:
        has_households = conn.execute(text("SELECT EXISTS (SELECT 1 FROM household)")).scalar()
        if has_households:
            return False
        from yulu_desktop.sync import local  # the sync protocol (pydantic): not needed at start-up

        return not has_households and not local.read_state(conn).enrolled


class EmptyHint(QWidget):
    """A page of the window's stack, shown while the laptop holds nothing."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("emptyHint")
        self._window = window
        title = QLabel(self.tr("<h2>这台电脑上还没有户的数据</h2>"))
        intro = QLabel(self.tr("请选择一种方式开始："))
        self.server = QCommandLinkButton(
            self.tr("连接县服务器"), self.tr("填写县里给的服务器地址和注册码，本村的数据会自动下载。")
        )
        self.server.setObjectName("hintServer")
        self.import_ = QCommandLinkButton(
            self.tr("导入国家系统导出表"), self.tr("选择防返贫监测系统导出的 Excel 表。")
        )
        self.import_.setObjectName("hintImport")
        self.profile = QCommandLinkButton(
            self.tr("填写我的信息"), self.tr("您的姓名会印在走访记录和打印的表格上。")
        )
        self.profile.setObjectName("hintProfile")
        from yulu_desktop.ui.setup import menu

        self.server.clicked.connect(lambda: menu.open_enroll(window))
        self.import_.clicked.connect(lambda: window.open_import(kind="national"))
        self.profile.clicked.connect(lambda: menu.open_profile(window))
        # One centred column, wide enough for the buttons' descriptions (a command link sizes to its title).
        column = QWidget(self)
        column.setFixedWidth(520)
        inner = QVBoxLayout(column)
        for widget in (title, intro, self.server, self.import_, self.profile):
            inner.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        window.stack.addWidget(self)
        window.worker.changed.connect(lambda _entities: self.check())
        self.check()

    def check(self) -> None:
        """Show the hint while the laptop is empty; back to the list once data arrives."""
        self._window.worker.submit(is_empty, self._show)

    def _show(self, empty: bool) -> None:
        stack = self._window.stack
        if empty:
            stack.setCurrentWidget(self)
        elif stack.currentWidget() is self:
            self._window.show_page(self._window.current_kind)
