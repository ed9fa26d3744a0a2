"""Table models of the subsidy window, and the few pieces its pages share.

``RowsModel`` is a thin adapter over the plain rows ``services.subsidy`` returns (``ApplicationRow``,
``Candidate``, ``PublicityRow`` …): each column is a heading and a function that renders a row. The rows are
loaded on the database worker and handed to ``set_rows`` whole (a village or a township queue is at most a few
hundred rows). ``SubsidyPage`` is the base of the pages the window hosts (``Page(worker, actor, parent)``,
``set_term``, ``openPerson``).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services.subsidy import ApplicationRow, StepReport
from yulu_desktop.ui.models import RowIdRole
from yulu_desktop.ui.worker import DbWorker

__all__ = [
    "SUBSIDY_ENTITIES",
    "Column",
    "RowsModel",
    "SubsidyPage",
    "application_columns",
    "report_text",
    "rows_view",
    "yuan",
]

Index = QModelIndex | QPersistentModelIndex

#: Entities whose changes can change what the subsidy pages show.
SUBSIDY_ENTITIES = frozenset(
    {
        "subsidy_application",
        "subsidy_evidence",
        "subsidy_publicity",
        "subsidy_objection",
        "subsidy_payment_batch",
        "subsidy_rule",
        "subsidy_window",
        "subsidy_setting",
        "enrollment",
        "person",
        "household",
    }
)

_WARNING = QColor("#b71c1c")


def _tr(text: str) -> str:
    return QCoreApplication.translate("SubsidyModels", text)


def yuan(fen: int | None) -> str:
    """An amount in fen, shown in yuan (1500 → "1,500")."""
    if fen is None:
        return ""
    return f"{fen / 100:,.0f}" if fen % 100 == 0 else f"{fen / 100:,.2f}"


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


def rows_view(model: RowsModel, name: str, *, multi: bool = True) -> QTableView:
    """A read-only table of ``model``; several rows can be selected for a batch action when ``multi``."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(
        QAbstractItemView.SelectionMode.ExtendedSelection
        if multi
        else QAbstractItemView.SelectionMode.SingleSelection
    )
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
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


def _reason_of(row: ApplicationRow) -> str:
    return row.returned_reason or row.payment_failure or row.reason


def application_columns(*, village: bool = True) -> list[Column]:
    """The columns of an application list (``ApplicationRow``); ``village`` adds the 村 column."""
    columns = [
        Column(_tr("姓名"), lambda r: r.name),
        Column(_tr("身份证号"), lambda r: r.id_number_masked),
    ]
    if village:
        columns.append(Column(_tr("村"), lambda r: r.village_name))
    columns += [
        Column(_tr("学校"), lambda r: r.school_name),
        Column(_tr("金额（元）"), lambda r: yuan(r.amount_fen)),
        Column(
            _tr("状态"),
            lambda r: r.state_label,
            lambda r: r.state in ("returned", "payment_failed", "rejected"),
        ),
        Column(_tr("申请日期"), lambda r: iso(r.applied_on)),
        Column(_tr("公示截止"), lambda r: iso(r.publicity_ends_on)),
        Column(
            _tr("未决异议"),
            lambda r: str(r.open_objections) if r.open_objections else "",
            lambda r: r.open_objections > 0,
        ),
        Column(
            _tr("缺少材料"),
            lambda r: "、".join(r.missing_evidence),
            lambda r: bool(r.missing_evidence),
        ),
        Column(_tr("退回／不通过／失败原因"), _reason_of, lambda r: bool(_reason_of(r))),
    ]
    return columns


def report_text(report: StepReport, done_text: str) -> tuple[str, bool]:
    """A batch action's outcome for a message line (rich text) and whether anything was refused."""
    lines = []
    if report.done:
        lines.append(html.escape(done_text.format(len(report.done))))
    if report.refused:
        lines.append(html.escape(_tr("{0} 条未办理：").format(len(report.refused))))
        lines += [f"· {html.escape(name)}：{html.escape(reason)}" for _id, name, reason in report.refused]
    if not lines:
        lines.append(html.escape(_tr("没有办理任何申请")))
    return "<br>".join(lines), bool(report.refused)


class SubsidyPage(QWidget):
    """Base of the subsidy window's pages: the worker, the acting name, the term and one message line.

    A page shows the term given with ``set_term`` and reloads when the worker says subsidy data changed.
    """

    openPerson = Signal(str)
    #: A load finished and the page shows it.
    loaded = Signal()

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.actor = actor
        self.term = ""
        #: The org unit whose applications are shown (a village, township or county id; None: all on this laptop).
        self.unit_id: str | None = None
        self.message = QLabel()
        self.message.setObjectName("subsidyMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self._generation = 0
        worker.changed.connect(self._changed)

    def set_term(self, term: str) -> None:
        if term != self.term:
            self.term = term
            self.message.clear()
            self.reload()

    def reload(self) -> None:  # pragma: no cover - every page overrides it
        raise NotImplementedError

    def _changed(self, entities: frozenset[str]) -> None:
        if self.term and entities & SUBSIDY_ENTITIES:
            self.reload()

    def next_generation(self) -> int:
        """A number for a load; ``is_current`` says whether no newer load started since."""
        self._generation += 1
        return self._generation

    def is_current(self, generation: int) -> bool:
        return generation == self._generation

    def say(self, text: str, *, error: bool = False) -> None:
        """Show a message line (rich text; red for a refusal)."""
        self.message.setStyleSheet("color: #b71c1c;" if error else "color: #1b5e20;")
        self.message.setText(text)

    def failed(self, error: BaseException) -> None:
        """A job failed: a YuluError's Chinese text on the message line, anything else to the worker."""
        if isinstance(error, YuluError):
            self.say(html.escape(error.text()), error=True)
        else:
            self.worker.report_error(error)

    def show_report(self, report: StepReport, done_text: str) -> None:
        text, refused = report_text(report, done_text)
        self.say(text, error=refused)
