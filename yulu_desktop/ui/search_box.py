"""The search box: results as you type, in a list under the box, picked with the arrow keys and Enter.

Each keystroke sends one search to the database worker; while one runs, newer text waits and only the latest is
sent next (typing fast never queues stale searches). The list is a frameless window that never takes focus,
so typing continues in the box.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QFocusEvent, QHideEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QLineEdit, QListView, QWidget

from yulu_desktop.services import search
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store.database import Database
from yulu_desktop.ui.models import SearchResultsModel
from yulu_desktop.ui.worker import DbWorker


class SearchField(QLineEdit):
    """A line edit that searches people as the user types and emits ``picked`` with the chosen hit."""

    picked = Signal(object)  # SearchHit
    #: Results for ``text`` are shown (``latency_ms`` since its keystroke).
    resultsShown = Signal(str, float)

    def __init__(self, worker: DbWorker, parent: QWidget | None = None, *, limit: int = 12) -> None:
        super().__init__(parent)
        self._worker = worker
        self._limit = limit
        self._org_unit_id: str | None = None
        self._in_flight = False
        self._waiting: tuple[str, float] | None = None
        self._shown_text = ""  # the text whose results the list shows
        self._pick_on_arrival = False  # Enter came before the results of the text typed
        self.model = SearchResultsModel(self)
        self.popup = QListView(self)
        self.popup.setWindowFlags(
            Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowDoesNotAcceptFocus
        )
        self.popup.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.popup.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.popup.setModel(self.model)
        self.popup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.popup.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.popup.setUniformItemSizes(True)
        self.popup.clicked.connect(self._pick_index)
        self.setClearButtonEnabled(True)
        self.textChanged.connect(self._typed)

    def set_scope(self, org_unit_id: str | None) -> None:
        self._org_unit_id = org_unit_id or None

    # --- searching -------------------------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if not text.strip():
            self._waiting = None
            self._pick_on_arrival = False
            self._shown_text = ""
            self.model.set_hits([])
            self.popup.hide()
            return
        self._waiting = (text, time.perf_counter())
        if not self._in_flight:
            self._send()

    def _send(self) -> None:
        if self._waiting is None:
            return
        text, started = self._waiting
        self._waiting = None
        self._in_flight = True
        limit, scope = self._limit, self._org_unit_id

        def job(db: Database) -> list[SearchHit]:
            return search.search(db, text, limit=limit, org_unit_id=scope)

        def arrived(hits: list[SearchHit]) -> None:
            self._in_flight = False
            if self._waiting is not None:
                self._send()  # the user typed on: only the newest text matters
                return
            if text != self.text():
                return
            self._show(hits)
            self._shown_text = text
            self.resultsShown.emit(text, (time.perf_counter() - started) * 1000)
            if self._pick_on_arrival:
                self._pick_on_arrival = False
                self.pick_current()

        def failed(error: BaseException) -> None:
            self._in_flight = False
            self._worker.report_error(error)

        self._worker.submit(job, arrived, failed)

    def _show(self, hits: list[SearchHit]) -> None:
        self.model.set_hits(hits)
        if not hits or not self.isVisible():
            self.popup.hide()
            return
        self.popup.setCurrentIndex(self.model.index(0, 0))
        rows = min(len(hits), 10)
        width = max(self.width(), 560)
        self.popup.resize(width, rows * self.popup.sizeHintForRow(0) + 2 * self.popup.frameWidth() + 2)
        self.popup.move(self.popup_position())
        self.popup.show()

    def popup_position(self) -> QPoint:
        """Under the box, moved left (or above the box) so that the list stays on the screen."""
        below = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry()
        x = max(screen.left(), min(below.x(), screen.right() + 1 - self.popup.width()))
        y = below.y()
        if y + self.popup.height() > screen.bottom() + 1:
            y = max(screen.top(), self.mapToGlobal(QPoint(0, 0)).y() - self.popup.height())
        return QPoint(x, y)

    # --- picking ----------------------------------------------------------------------------------------

    def _pick_index(self, index: QModelIndex) -> None:
        if index.isValid():
            hit = self.model.hit(index.row())
            self.popup.hide()
            self.picked.emit(hit)

    def pick_current(self) -> bool:
        index = self.popup.currentIndex()
        if self.model.rowCount() and not index.isValid():
            index = self.model.index(0, 0)
        if index.isValid():
            self._pick_index(index)
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        rows = self.model.rowCount()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and rows:
            current = self.popup.currentIndex().row()
            step = 1 if key == Qt.Key.Key_Down else -1
            self.popup.setCurrentIndex(self.model.index(max(0, min(rows - 1, current + step)), 0))
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            # Enter (main keyboard or keypad) opens the chosen result; typed before its results have come,
            # it opens the first result of the text typed as soon as they come.
            if self.text().strip() and (self._in_flight or self._waiting is not None):
                self._pick_on_arrival = True
                return
            if rows and self._shown_text == self.text() and self.pick_current():
                return
        if key == Qt.Key.Key_Escape and self.popup.isVisible():
            self.popup.hide()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.popup.hide()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.popup.hide()
        super().hideEvent(event)
