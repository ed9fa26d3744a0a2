"""人口变动 history of one person (登记, 出生, 婚入/婚出, 分户, 迁出, 死亡, 注销), for the person window."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from yulu_desktop.services import households
from yulu_desktop.services.households import HistoryLine
from yulu_desktop.ui.worker import DbWorker


class HistoryView(QWidget):
    """The person's history, oldest first; reloads when households, people or history change."""

    loaded = Signal()

    def __init__(self, worker: DbWorker, person_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("membershipHistory")
        self._worker = worker
        self.person_id = person_id
        self.list = QListWidget()
        self.list.setObjectName("membershipHistoryList")
        self.empty = QLabel(self.tr("没有人口变动记录"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        worker.changed.connect(self._changed)
        self.reload()

    def _changed(self, entities: frozenset[str]) -> None:
        if entities & {"membership_change", "person", "household"}:
            self.reload()

    def reload(self) -> None:
        person_id = self.person_id
        self._worker.submit(lambda db: households.history(db, person_id), self._show)

    def _show(self, lines: list[HistoryLine]) -> None:
        self.list.clear()
        for line in lines:
            self.list.addItem(line.text())
        self.empty.setVisible(not lines)
        self.list.setVisible(bool(lines))
        self.loaded.emit()

    def texts(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]
