"""The chart-and-table piece of the employment dashboard (issue 16): a horizontal bar chart (QtCharts) beside the
table of its numbers. Every bar and every number cell that stands for people carries the ``Drill`` of
``services.employment_stats`` that lists them; a click reports it (``drillRequested``).

Generic over what it shows: the page hands it categories (a unit, an industry, a fair …), bar sets (a name, a
colour, a value and a drill per category) and the table's lines (cells with their drills).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QTableWidgetItem,
    QWidget,
)

from yulu_desktop.services.employment_stats import Drill
from yulu_desktop.ui.charts import chart_beside_table, clear_chart

__all__ = ["Bars", "Cell", "ChartTable"]


@dataclass(frozen=True)
class Bars:
    """One bar set: its name and colour, a value per category and the drill of each bar (None: not clickable)."""

    name: str
    colour: str
    values: Sequence[float]
    drills: Sequence[Drill | None] = ()


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, the drill behind it (None: plain text), right aligned when a number."""

    text: str
    drill: Drill | None = None
    number: bool = True


class ChartTable(QWidget):
    """A bar chart beside the table of its numbers; a bar or a cell reports its drill (``drillRequested``)."""

    #: (Drill, what it is: "一镇 · 已就业")
    drillRequested = Signal(object, str)

    def __init__(self, name: str, *, percent: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.percent = percent
        self.categories: list[str] = []
        self.bars: list[Bars] = []
        self.bar_sets: list[QBarSet] = []
        self.headings: list[str] = []
        self.chart_labels: list[str] = []
        parts = chart_beside_table(self, name, min_width=340, stretch=(1, 1), sizes=(520, 480))
        self.chart, self.view, self.chart_scroll, self.table = (
            parts.chart,
            parts.view,
            parts.scroll,
            parts.table,
        )
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setMaximumSectionSize(260)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.cellClicked.connect(self._cell_clicked)
        self._cells: dict[tuple[int, int], tuple[Drill, str]] = {}

    # --- showing ---------------------------------------------------------------------------------------------

    def show_data(
        self,
        categories: Sequence[str],
        bars: Sequence[Bars],
        headings: Sequence[str],
        lines: Sequence[Sequence[Cell]],
        *,
        bold_last: bool = False,
        empty_text: str = "",
        chart_labels: Sequence[str] | None = None,
    ) -> None:
        """Draw ``bars`` over ``categories`` and fill the table with ``lines`` under ``headings``; the last line
        bold (合计) when ``bold_last``. ``chart_labels`` (rich text: ``<br>`` breaks a long one) name the
        categories on the chart when given, else ``categories`` do."""
        self.categories, self.bars, self.headings = list(categories), list(bars), list(headings)
        self.chart_labels = (
            list(chart_labels) if chart_labels is not None else [html.escape(c) for c in self.categories]
        )
        self._draw(empty_text)
        self.table.clear()
        self._cells.clear()
        self.table.setColumnCount(len(headings))
        self.table.setHorizontalHeaderLabels(list(headings))
        self.table.setRowCount(len(lines))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, line in enumerate(lines):
            first = line[0].text if line else ""
            for column, cell in enumerate(line):
                item = QTableWidgetItem(cell.text)
                if cell.number:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if cell.drill is not None:
                    item.setToolTip(self.tr("单击列出这些人"))
                    what = f"{first} · {headings[column]}" if column else first
                    self._cells[(row, column)] = (cell.drill, what)
                elif len(cell.text) > 12:
                    item.setToolTip(cell.text)
                if bold_last and row == len(lines) - 1:
                    item.setFont(bold)
                self.table.setItem(row, column, item)

    def _draw(self, empty_text: str) -> None:
        clear_chart(self.chart)
        self.bar_sets = []
        if not self.categories or not self.bars:
            self.chart.setTitle(empty_text or self.tr("没有数据"))
            self.chart.legend().setVisible(False)
            self.view.setMinimumHeight(200)
            return
        self.chart.setTitle("")
        self.chart.legend().setVisible(len(self.bars) > 1)
        series = QHorizontalBarSeries()
        # Categories go bottom-up on a horizontal chart: reversed, so the first is on top as in the table.
        count = len(self.categories)
        for number, bars in enumerate(self.bars):
            bar_set = QBarSet(bars.name)
            bar_set.setColor(QColor(bars.colour))
            bar_set.setBorderColor(QColor(bars.colour))
            bar_set.setLabelColor(QColor("#212121"))  # the value beside the bar (white by default: unseen)
            bar_set.append([float(v) for v in reversed(list(bars.values))])
            bar_set.clicked.connect(lambda index, n=number: self._bar_clicked(n, count - 1 - index))
            series.append(bar_set)
            self.bar_sets.append(bar_set)
        series.setLabelsVisible(True)
        series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        series.setLabelsFormat("@value%" if self.percent else "@value")
        if self.percent:
            series.setLabelsPrecision(3)
        self.chart.addSeries(series)
        axis = QBarCategoryAxis()
        axis.append(list(reversed(self.chart_labels)))
        values = QValueAxis()
        top = max((float(v) for b in self.bars for v in b.values), default=0.0)
        if self.percent:
            values.setRange(0, 100 if top <= 85 else max(100.0, top * 1.15))
            values.setLabelFormat("%.0f%%")
            values.setTickCount(6)
        else:
            values.setRange(0, max(1.0, top * 1.2))
            values.setLabelFormat("%.0f")
            values.applyNiceNumbers()
        self.chart.addAxis(axis, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis)
        series.attachAxis(values)
        lines = max(c.count("<br>") + 1 for c in self.chart_labels)
        per_category = max(22 + 14 * len(self.bars), 10 + 18 * lines)
        self.view.setMinimumHeight(max(200, 90 + per_category * count))

    # --- clicks ----------------------------------------------------------------------------------------------

    def _bar_clicked(self, number: int, index: int) -> None:
        if not (0 <= number < len(self.bars) and 0 <= index < len(self.categories)):
            return
        bars = self.bars[number]
        drill = bars.drills[index] if index < len(bars.drills) else None
        if drill is not None:
            self.drillRequested.emit(drill, f"{self.categories[index]} · {bars.name}")

    def click_bar(self, number: int, category: int) -> None:
        """As a click on bar set ``number`` of the ``category``-th category (from the top) does."""
        self.bar_sets[number].clicked.emit(len(self.categories) - 1 - category)

    def _cell_clicked(self, row: int, column: int) -> None:
        found = self._cells.get((row, column))
        if found is not None:
            self.drillRequested.emit(*found)

    def cell_drill(self, row: int, column: int) -> Drill | None:
        found = self._cells.get((row, column))
        return found[0] if found else None
