"""The chart-beside-its-table piece of the dashboards (the subsidy and employment windows): a QtCharts chart that
scrolls when it grows tall (many units or categories), the read-only table of its numbers, side by side."""

from __future__ import annotations

from PySide6.QtCharts import QChart, QChartView
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

__all__ = ["ChartParts", "chart_beside_table", "clear_chart"]


class ChartParts:
    """The chart (``chart``, in ``view``, in ``scroll``) and the table (``table``) laid out side by side."""

    def __init__(self, chart: QChart, view: QChartView, scroll: QScrollArea, table: QTableWidget) -> None:
        self.chart = chart
        self.view = view
        self.scroll = scroll
        self.table = table


def chart_beside_table(
    owner: QWidget, name: str, *, min_width: int, stretch: tuple[int, int], sizes: tuple[int, int]
) -> ChartParts:
    """Lay out in ``owner`` a chart (``{name}Chart``, at least ``min_width`` wide) and its table
    (``{name}Table``: one cell selected at a time, read only, no row numbers), split by ``stretch``/``sizes``."""
    chart = QChart()
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(0)
    view = QChartView(chart)
    view.setObjectName(f"{name}Chart")
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(200)
    view.setMinimumWidth(min_width)
    table = QTableWidget()
    table.setObjectName(f"{name}Table")
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # Many units or categories make a tall chart: it scrolls rather than squeezing its bars.
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(view)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.setChildrenCollapsible(False)
    splitter.addWidget(scroll)
    splitter.addWidget(table)
    splitter.setStretchFactor(0, stretch[0])
    splitter.setStretchFactor(1, stretch[1])
    splitter.setSizes(list(sizes))
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(splitter)
    return ChartParts(chart, view, scroll, table)


def clear_chart(chart: QChart) -> None:
    """Remove every series and axis (before drawing anew)."""
    chart.removeAllSeries()
    for axis in chart.axes():
        chart.removeAxis(axis)
