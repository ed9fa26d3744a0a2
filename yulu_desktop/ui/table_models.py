"""Generic tables of plain service rows, shared by the subsidy and employment windows (and their dialogs).

``RowsModel`` is a thin adapter over the plain rows a service returns: each ``Column`` is a heading and a function
that renders a row (``warn`` marks a cell that needs attention). The rows are loaded on the database worker and
handed to ``set_rows`` whole. Here too: money (``yuan``), dates (``iso``), the row id role (``IdRole``), table
setup (``rows_view``, ``table_widget``, ``cell``, ``selected_rows``) and the text of a refusal (``error_text``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.ui.models import RowIdRole

__all__ = [
    "Column",
    "IdRole",
    "RowsModel",
    "cell",
    "error_text",
    "iso",
    "rows_view",
    "selected_rows",
    "setup_table",
    "table_widget",
    "yuan",
]

#: The id of the record (application, person, batch …) an item or a row stands for.
IdRole = RowIdRole

Index = QModelIndex | QPersistentModelIndex

_WARNING = QColor("#b71c1c")


def yuan(fen: int | None, *, cents: bool = False) -> str:
    """An amount in fen, shown in yuan: ``150000`` → ``1,500``, or ``1,500.00`` with ``cents`` (ledgers, batches)."""
    if fen is None:
        return ""
    return f"{fen / 100:,.2f}" if cents or fen % 100 else f"{fen / 100:,.0f}"


def error_text(error: BaseException) -> str | None:
    """The Chinese text of a refusal (``YuluError``) for a message line; None for anything else (a bug, which
    goes to the worker's one error display)."""
    return error.text() if isinstance(error, YuluError) else None


def iso(value: date | None) -> str:
    return value.isoformat() if value else ""


@dataclass(frozen=True)
class Column:
    """A column: its heading and how a row is shown in it; ``warn`` marks a cell that needs attention."""

    heading: str
    text: Callable[[Any], str]
    warn: Callable[[Any], bool] | None = None


class RowsModel(QAbstractTableModel):
    """A fully loaded table of service rows; ``RowIdRole`` gives the row's key (``key(row)``)."""

    def __init__(
        self, columns: Sequence[Column], key: Callable[[Any], str], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._columns = list(columns)
        self._key = key
        self._rows: list[Any] = []

    @property
    def rows(self) -> list[Any]:
        return list(self._rows)

    def set_rows(self, rows: Iterable[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, number: int) -> Any:
        return self._rows[number]

    def key(self, number: int) -> str:
        return self._key(self._rows[number])

    def find(self, key: str) -> int | None:
        """The row number of the row with ``key``, or None."""
        return next((n for n, row in enumerate(self._rows) if self._key(row) == key), None)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._columns):
            return None
        row, column = self._rows[index.row()], self._columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            text = column.text(row)
            return text if len(text) > 12 else None
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_WARNING) if column.warn is not None and column.warn(row) else None
        if role == RowIdRole:
            return self._key(row)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            return self._columns[section].heading
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None


def setup_table(view: QTableView, name: str, *, multi: bool = True) -> None:
    """Make ``view`` a read-only table of whole rows; several rows can be selected when ``multi``."""
    view.setObjectName(name)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)


def table_widget(name: str, headers: Sequence[str], *, multi: bool = True) -> QTableWidget:
    """A read-only QTableWidget with ``headers`` and no row numbers (``setup_table``)."""
    table = QTableWidget(0, len(headers))
    setup_table(table, name, multi=multi)
    table.setHorizontalHeaderLabels(list(headers))
    table.verticalHeader().setVisible(False)
    return table


def cell(text: str, *, right: bool = False) -> QTableWidgetItem:
    """A table cell; ``right`` aligns it right (numbers, amounts)."""
    item = QTableWidgetItem(text)
    if right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


def rows_view(model: RowsModel, name: str, *, multi: bool = True) -> QTableView:
    """A read-only table of ``model``; several rows can be selected for a batch action when ``multi``."""
    view = QTableView()
    setup_table(view, name, multi=multi)
    view.setModel(model)
    view.setWordWrap(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # A long cell (five missing items, a long reason) is cut, not the columns after it; the tooltip has it all.
    header.setMaximumSectionSize(240)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


def selected_rows(view: QTableView) -> list[int]:
    """The selected row numbers, top to bottom."""
    return sorted({index.row() for index in view.selectionModel().selectedRows()})
