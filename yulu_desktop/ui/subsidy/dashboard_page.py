"""统计图表: the township's and the county's dashboard of a term (issue 15), drawn with QtCharts.

A thin adapter over ``services.subsidy_dashboard``: the figures are computed on the database worker (SQL
aggregates) and shown as four charts, each beside the table of its numbers — applications per state per
township or village (stacked bars), overdue steps, amounts approved and paid, coverage (eligible students who
applied and who did not). Every bar, every table cell and every summary figure opens the list behind it below
the charts (``services.subsidy_dashboard.drill_rows``); a double click on a line of that list opens the person.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSet,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.services import subsidy_dashboard as sd
from yulu_desktop.services.subsidy_dashboard import Dashboard, DrillRow, Figure, UnitFigures
from yulu_desktop.store.database import Database
from yulu_desktop.ui.charts import chart_beside_table, clear_chart
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import Column, RowsModel, iso, rows_view, yuan
from yulu_desktop.ui.worker import DbWorker

__all__ = ["DRILL_LIMIT", "DashboardPage"]

#: Lines the list behind a figure shows at most (a county's "eligible, not applied" can be thousands).
DRILL_LIMIT = 5000

#: Colours of the states in the stacked bars: the chain from grey to green, refusals red, returns orange.
_STATE_COLOURS = {
    "draft": "#bdbdbd",
    "applied": "#90caf9",
    "village_reviewed": "#64b5f6",
    "publicized": "#42a5f5",
    "township_reviewed": "#1e88e5",
    "county_approved": "#3949ab",
    "announced": "#5e35b1",
    "in_payment": "#8e24aa",
    "paid": "#43a047",
    "payment_failed": "#e53935",
    "account_fixed": "#fb8c00",
    "returned": "#ffb300",
    "rejected": "#6d4c41",
    "withdrawn": "#9e9e9e",
}


@dataclass(frozen=True)
class _Series:
    """One bar set of a chart (and one column of its table): its name, colour and the figure of a unit."""

    name: str
    colour: str
    figure: Callable[[UnitFigures], Figure]
    money: bool = False


class _FigureTab(QWidget):
    """A chart and the table of its numbers; a bar or a cell reports its figure (``figureClicked``)."""

    figureClicked = Signal(object, str)  # Figure, what it is ("庙坝镇 · 村内公示")

    def __init__(
        self, name: str, *, stacked: bool, extra_columns: Sequence[str] = (), parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setObjectName(name)
        self.stacked = stacked
        self.extra_columns = list(extra_columns)
        self.series: list[_Series] = []
        self.units: list[UnitFigures] = []
        self.bar_sets: list[QBarSet] = []
        # The chart takes three fifths of the width (the table's size hint would otherwise take it all).
        parts = chart_beside_table(self, name, min_width=360, stretch=(3, 2), sizes=(600, 400))
        self.chart, self.view, self.chart_scroll, self.table = (
            parts.chart,
            parts.view,
            parts.scroll,
            parts.table,
        )
        self.table.cellClicked.connect(self._cell_clicked)
        self._cells: dict[tuple[int, int], tuple[Figure, str]] = {}

    def show_figures(
        self,
        series: Sequence[_Series],
        units: Sequence[UnitFigures],
        totals: UnitFigures,
        extra: Callable[[UnitFigures], Sequence[str]] | None = None,
    ) -> None:
        """Draw ``series`` for ``units`` (the chart) and fill the table (units, then the 合计 line)."""
        self.series, self.units = list(series), list(units)
        self._draw()
        lines = [*units, totals]
        headings = [self.tr("单位"), *(s.name for s in series), *self.extra_columns]
        self.table.clear()
        self._cells.clear()
        self.table.setColumnCount(len(headings))
        self.table.setHorizontalHeaderLabels(headings)
        self.table.setRowCount(len(lines))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, unit in enumerate(lines):
            name = QTableWidgetItem(unit.unit_name if unit is not totals else self.tr("合计"))
            self.table.setItem(row, 0, name)
            cells: list[QTableWidgetItem] = [name]
            for column, s in enumerate(series, start=1):
                figure = s.figure(unit)
                item = QTableWidgetItem(yuan(figure.value) if s.money else str(figure.value))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if figure.rows:
                    item.setToolTip(self.tr("单击列出这 {0} 人").format(figure.rows))
                self.table.setItem(row, column, item)
                self._cells[(row, column)] = (figure, f"{name.text()} · {s.name}")
                cells.append(item)
            for offset, value in enumerate(extra(unit) if extra else ()):
                item = QTableWidgetItem(value)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, len(series) + 1 + offset, item)
                cells.append(item)
            if unit is totals:
                for item in cells:
                    item.setFont(bold)

    def _draw(self) -> None:
        clear_chart(self.chart)
        self.bar_sets = []
        if not self.units:
            self.chart.setTitle(self.tr("本学期没有数据"))
            return
        self.chart.setTitle("")
        bars: QAbstractBarSeries = QHorizontalStackedBarSeries() if self.stacked else QHorizontalBarSeries()
        # Categories bottom-up on a horizontal chart: reversed, so the first unit is at the top like the table.
        units = list(reversed(self.units))
        top = 0.0
        for number, s in enumerate(self.series):
            bar_set = QBarSet(s.name)
            bar_set.setColor(QColor(s.colour))
            bar_set.setBorderColor(QColor(s.colour))
            # One call for all values.
            bar_set.append([s.figure(u).value / 100 if s.money else float(s.figure(u).value) for u in units])
            bar_set.clicked.connect(lambda index, n=number: self._bar_clicked(n, index))
            bars.append(bar_set)
            self.bar_sets.append(bar_set)
        if self.stacked:
            top = max((sum(s.figure(u).value for s in self.series) for u in units), default=0)
        else:
            top = max((s.figure(u).value for s in self.series for u in units), default=0)
        if any(s.money for s in self.series):
            top /= 100
        self.chart.addSeries(bars)
        categories = QBarCategoryAxis()
        categories.append([u.unit_name for u in units])
        values = QValueAxis()
        values.setRange(0, max(1.0, top * 1.1))
        values.setLabelFormat("%.0f")
        values.applyNiceNumbers()
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(categories)
        bars.attachAxis(values)
        # Room for every unit's name: a county's townships or a township's villages, a bar each.
        self.view.setMinimumHeight(max(200, 80 + 26 * len(units)))

    def _bar_clicked(self, series: int, index: int) -> None:
        units = list(reversed(self.units))
        if 0 <= index < len(units) and 0 <= series < len(self.series):
            unit, s = units[index], self.series[series]
            self.figureClicked.emit(s.figure(unit), f"{unit.unit_name} · {s.name}")

    def _cell_clicked(self, row: int, column: int) -> None:
        found = self._cells.get((row, column))
        if found is not None:
            self.figureClicked.emit(*found)


class DashboardPage(SubsidyPage):
    """统计图表: the term's figures per township or village, and the list behind any figure."""

    #: The list behind a figure is shown (its title).
    drilled = Signal(str)

    def __init__(
        self, worker: DbWorker, actor: str, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("subsidyDashboardPage")
        self.today = today
        self.board: Dashboard | None = None
        self.level: str | None = None  # None: per township for the county, per village below
        self.drill_figure: Figure | None = None
        self._drill_generation = 0

        self.heading = self.make_heading(name="dashboardHeading")
        self.level_combo = QComboBox()
        self.level_combo.setObjectName("dashboardLevel")
        self.level_combo.addItem(self.tr("按乡镇"), "township")
        self.level_combo.addItem(self.tr("按村"), "village")
        self.level_combo.activated.connect(self._level_chosen)
        level_label = QLabel(self.tr("汇总(&G)："))
        level_label.setBuddy(self.level_combo)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("导出 Excel(&E)…"))
        self.export_button.setObjectName("exportDashboardButton")
        self.export_button.clicked.connect(lambda: self.export())
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(level_label)
        top.addWidget(self.level_combo)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)

        # The summary: the scope's totals, each a button that lists its rows.
        self.summary: dict[str, QPushButton] = {}
        cards = QHBoxLayout()
        for key in ("total", "overdue", "approved", "paid", "coverage"):
            button = QPushButton()
            button.setObjectName(f"dashboardSummary_{key}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(
                "QPushButton { border: 1px solid #c5cae9; border-radius: 4px; padding: 6px 12px; "
                "background: #f5f7ff; text-align: left; } QPushButton:hover { background: #e8eaf6; }"
            )
            button.clicked.connect(lambda _checked=False, k=key: self._summary_clicked(k))
            self.summary[key] = button
            cards.addWidget(button)
        cards.addStretch(1)

        self.states_tab = _FigureTab("dashboardStates", stacked=True)
        self.overdue_tab = _FigureTab("dashboardOverdue", stacked=False, extra_columns=[self.tr("合计")])
        self.amounts_tab = _FigureTab(
            "dashboardAmounts", stacked=False, extra_columns=[self.tr("未发放（元）")]
        )
        self.coverage_tab = _FigureTab(
            "dashboardCoverage", stacked=True, extra_columns=[self.tr("应享受"), self.tr("覆盖率")]
        )
        self.tabs = QTabWidget()
        self.tabs.setObjectName("dashboardTabs")
        self.tabs.addTab(self.states_tab, self.tr("申请状态"))
        self.tabs.addTab(self.overdue_tab, self.tr("逾期事项"))
        self.tabs.addTab(self.amounts_tab, self.tr("金额"))
        self.tabs.addTab(self.coverage_tab, self.tr("覆盖率"))
        for tab in self.figure_tabs:
            tab.figureClicked.connect(self.drill)

        self.drill_title = QLabel(self.tr("单击图中的条形、表中的数字或上方的汇总，在这里列出对应的学生。"))
        self.drill_title.setObjectName("dashboardDrillTitle")
        self.drill_title.setWordWrap(True)
        self.drill_model = RowsModel(self._drill_columns(), lambda r: r.application_id or r.person_id, self)
        self.drill_view = rows_view(self.drill_model, "dashboardDrillList", multi=False)
        self.drill_view.setToolTip(self.tr("双击一行打开此人的档案"))
        self.drill_view.doubleClicked.connect(self._open_row)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.drill_title)
        below_layout.addWidget(self.drill_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.tabs)
        splitter.addWidget(below)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(self.message)
        self.message.hide()  # shown with a message (``say``), so that it takes no room before
        layout.addWidget(splitter, 1)

    def say(self, text: str, *, error: bool = False) -> None:
        super().say(text, error=error)
        self.message.setVisible(bool(text))

    @property
    def figure_tabs(self) -> tuple[_FigureTab, ...]:
        return (self.states_tab, self.overdue_tab, self.amounts_tab, self.coverage_tab)

    def _drill_columns(self) -> list[Column]:
        return [
            Column(self.tr("姓名"), lambda r: r.name),
            Column(self.tr("乡镇"), lambda r: r.township_name),
            Column(self.tr("村"), lambda r: r.village_name),
            Column(self.tr("学校"), lambda r: r.school_name),
            Column(self.tr("户类型"), lambda r: codes.HOUSEHOLD_TYPE.label(r.household_type)),
            Column(
                self.tr("状态"),
                lambda r: r.state_label,
                lambda r: r.state in ("returned", "payment_failed", "rejected", ""),
            ),
            Column(self.tr("金额（元）"), lambda r: yuan(r.amount_fen)),
            Column(self.tr("申请日期"), lambda r: iso(r.applied_on)),
            Column(self.tr("公示截止"), lambda r: iso(r.publicity_ends_on)),
            Column(self.tr("审定日期"), lambda r: iso(r.county_approved_on)),
            Column(
                self.tr("待发放天数"),
                lambda r: _days(r.days_unpaid(self._day())),
                lambda r: (r.days_unpaid(self._day()) or 0) > sd.PAYMENT_GRACE_DAYS,
            ),
            Column(self.tr("说明"), lambda r: r.note),
        ]

    def _day(self) -> date:
        """The day the figures are for (the unpaid days of the list are counted to it)."""
        if self.board is not None:
            return self.board.day
        return self.today or date.today()

    # --- loading -------------------------------------------------------------------------------------------

    def load_options(self) -> tuple[date | None, str | None, str]:
        return self.today, self.level, self.actor

    def load(self, db: Database, term: str, options: tuple[date | None, str | None, str]) -> Dashboard:
        today, level, actor = options
        return sd.dashboard(db, term, today=today, level=level, actor=actor)

    def show_loaded(self, board: Dashboard) -> None:
        self._show_board(board)

    def _level_chosen(self, _index: int) -> None:
        self.level = str(self.level_combo.currentData())
        self.refresh()

    def _show_board(self, board: Dashboard) -> None:
        self.board = board
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(board.group_level)))
        self.heading.setText(
            self.tr("{0} 雨露计划补助统计 · {1}").format(rules.term_label(board.term), board.scope_name)
        )
        totals = board.totals
        self.summary["total"].setText(self.tr("申请\n{0} 件").format(totals.total.value))
        self.summary["overdue"].setText(self.tr("逾期事项\n{0} 件").format(totals.overdue))
        self.summary["approved"].setText(self.tr("审定金额\n{0} 元").format(yuan(totals.approved_fen.value)))
        self.summary["paid"].setText(self.tr("已发放\n{0} 元").format(yuan(totals.paid_fen.value)))
        self.summary["coverage"].setText(
            self.tr("覆盖率\n{0}（{1}/{2}）").format(
                _percent(totals.coverage), totals.applied.value, totals.eligible
            )
        )
        units = board.units
        self.states_tab.show_figures(
            [
                _Series(codes.SUBSIDY_STATE.label(s), _STATE_COLOURS.get(s, "#757575"), _state_figure(s))
                for s in board.used_states
            ],
            units,
            totals,
        )
        self.overdue_tab.show_figures(
            [
                _Series(
                    self.tr("公示结束超过 {0} 天未审核").format(sd.PUBLICITY_GRACE_DAYS),
                    "#fb8c00",
                    lambda u: u.publicity_overdue,
                ),
                _Series(
                    self.tr("审定后超过 {0} 天未发放").format(sd.PAYMENT_GRACE_DAYS),
                    "#e53935",
                    lambda u: u.payment_overdue,
                ),
                _Series(self.tr("退回后未重新申请"), "#8d6e63", lambda u: u.returned),
            ],
            units,
            totals,
            lambda u: [str(u.overdue)],
        )
        self.amounts_tab.show_figures(
            [
                _Series(self.tr("审定金额（元）"), "#3949ab", lambda u: u.approved_fen, money=True),
                _Series(self.tr("已发放金额（元）"), "#43a047", lambda u: u.paid_fen, money=True),
            ],
            units,
            totals,
            lambda u: [yuan(u.approved_fen.value - u.paid_fen.value)],
        )
        self.coverage_tab.show_figures(
            [
                _Series(self.tr("已申请"), "#1e88e5", lambda u: u.applied),
                _Series(self.tr("符合条件未申请"), "#e53935", lambda u: u.not_applied),
            ],
            units,
            totals,
            lambda u: [str(u.eligible), _percent(u.coverage)],
        )

    # --- the list behind a figure ------------------------------------------------------------------------

    def _summary_clicked(self, key: str) -> None:
        if self.board is None:
            return
        totals = self.board.totals
        if key == "overdue":
            self.tabs.setCurrentWidget(self.overdue_tab)
            return
        figure, what = {
            "total": (totals.total, self.tr("全部申请")),
            "approved": (totals.approved_fen, self.tr("审定金额")),
            "paid": (totals.paid_fen, self.tr("已发放")),
            "coverage": (totals.not_applied, self.tr("符合条件未申请")),
        }[key]
        self.drill(figure, self.tr("合计") + " · " + what)

    def drill(self, figure: Figure, title: str) -> None:
        """List the rows behind ``figure`` below the charts."""
        self.drill_figure = figure
        self._drill_generation += 1
        generation = self._drill_generation
        today, target = self.today, figure.drill
        self.drill_title.setText(self.tr("{0}：正在读取……").format(title))

        def job(db: Database) -> list[DrillRow]:
            return sd.drill_rows(db, target, today=today, limit=DRILL_LIMIT)

        def done(rows: list[DrillRow]) -> None:
            if generation != self._drill_generation:
                return
            self.drill_model.set_rows(rows)
            text = self.tr("{0}：{1} 人（双击一行打开档案）").format(title, len(rows))
            if figure.rows > len(rows):
                text += self.tr("；共 {0} 人，只列出前 {1} 人").format(figure.rows, len(rows))
            self.drill_title.setText(text)
            self.drilled.emit(title)

        self.worker.submit(job, done, self.failed)

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openPerson.emit(self.drill_model.row(index.row()).person_id)

    # --- export --------------------------------------------------------------------------------------------

    def export(self, path: Path | None = None) -> None:
        """Write the dashboard to an Excel file (asks where, unless ``path`` is given)."""
        if not self.term:
            return
        if path is None:
            scope = self.board.scope_name if self.board else ""
            suggested = f"雨露计划统计_{scope}_{rules.term_label(self.term)}.xlsx"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("导出统计表"), suggested, self.tr("Excel 文件 (*.xlsx)")
            )
            if not chosen:
                return
            path = Path(chosen)
        target, term, today, level, actor = path, self.term, self.today, self.level, self.actor

        def job(db: Database) -> Path:
            return sd.export_dashboard(db, term, target, today=today, level=level, actor=actor)

        self.worker.submit(
            job,
            lambda written: self.say(self.tr("统计表已导出到 {0}").format(written)),
            self.failed,
        )


def _state_figure(state: str) -> Callable[[UnitFigures], Figure]:
    return lambda unit: unit.states[state]


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.1%}"


def _days(days: int | None) -> str:
    return "" if days is None else str(days)
