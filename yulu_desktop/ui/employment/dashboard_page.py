"""统计图表 of the 雨露计划就业 window (issue 16): the graduates' employment figures, drawn with QtCharts.

A thin adapter over ``services.employment_stats.dashboard`` for the window's graduation year: a summary line
(graduates, employed, placed, not placed), then one tab per breakdown, each a bar chart beside the table of its
numbers — employment and placement rates per unit, industry, region (县内/省内县外/省外), major match, monthly
income, months in the current job, students now enrolled per school and major, and the job fairs with their
invited, attended, referred and hired people. Every bar, number and summary figure opens the list behind it
(``services.employment_stats.drill_rows``: exactly the counted people) in a dialog; a double click there opens
the person. 导出 Excel writes ``export_dashboard``; 打印月报 asks the month and makes the month's report
(``services.employment_report.print_monthly_report``), then previews it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.access import Actor
from yulu_desktop.services import employment_report
from yulu_desktop.services import employment_stats as es
from yulu_desktop.services.employment_stats import (
    Drill,
    DrillKind,
    DrillRow,
    EmploymentDashboard,
    FairOutcome,
    Figure,
)
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.dashboard_charts import Bars, Cell, ChartTable
from yulu_desktop.ui.employment.page import EMPLOYMENT_ENTITIES, EmploymentPage, error_text
from yulu_desktop.ui.print_preview import PrintPreviewDialog, default_path, open_print_preview, while_alive
from yulu_desktop.ui.screen_fit import fit_to_screen
from yulu_desktop.ui.table_models import Column, RowsModel, iso, rows_view, yuan
from yulu_desktop.ui.worker import DbWorker

__all__ = ["DrillDialog", "EmploymentDashboardPage", "MonthDialog", "percent"]

_EMPLOYED_COLOUR = "#1e88e5"
_PLACED_COLOUR = "#43a047"
_COUNT_COLOUR = "#3949ab"
#: The fairs' four bars: invited, attended, referred, hired.
_FAIR_COLOURS = ("#90caf9", "#42a5f5", "#fb8c00", "#43a047")


def percent(share: float | None) -> str:
    """A rate for a table: ``0.625`` → ``62.5%``; ``—`` when there is nothing to divide by."""
    return "—" if share is None else f"{share:.1%}"


class DrillDialog(QDialog):
    """The people behind a figure: a list loaded on the worker; a double click opens the person."""

    #: The person with this id is to be opened.
    openPerson = Signal(str)
    #: The rows arrived (their number).
    loaded = Signal(int)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("employmentDrillDialog")
        self.title = title
        self.setWindowTitle(title)
        fit_to_screen(self, 1000, 520)
        self.heading = QLabel(self.tr("{0}：正在读取……").format(title))
        self.heading.setObjectName("employmentDrillTitle")
        self.heading.setWordWrap(True)
        self.model = RowsModel(self._columns(), lambda r: r.person_id, self)
        self.view = rows_view(self.model, "employmentDrillList", multi=False)
        self.view.setToolTip(self.tr("双击一行打开此人的档案"))
        self.view.doubleClicked.connect(self._open_row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def _columns(self) -> list[Column]:
        return [
            Column(self.tr("姓名"), lambda r: r.name),
            Column(self.tr("村"), lambda r: r.village_name),
            Column(self.tr("学校"), lambda r: r.school_name),
            Column(self.tr("专业"), lambda r: r.major),
            Column(self.tr("毕业年份"), lambda r: str(r.graduation_year or "")),
            Column(self.tr("去向"), lambda r: r.destination_label or self.tr("未登记")),
            Column(self.tr("单位"), lambda r: r.employer),
            Column(self.tr("地域"), lambda r: r.region_label),
            Column(self.tr("月收入（元）"), lambda r: yuan(r.income_fen)),
            Column(self.tr("在岗月数"), lambda r: "" if r.months_in_job is None else str(r.months_in_job)),
        ]

    def set_rows(self, rows: Sequence[DrillRow]) -> None:
        self.model.set_rows(rows)
        self.heading.setText(self.tr("{0}：{1} 人（双击一行打开档案）").format(self.title, len(rows)))
        self.loaded.emit(len(rows))

    def failed(self, text: str) -> None:
        self.heading.setText(self.tr("{0}：读取失败：{1}").format(self.title, text))
        self.heading.setStyleSheet("color: #b71c1c;")

    @property
    def person_ids(self) -> list[str]:
        return [r.person_id for r in self.model.rows]

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.openPerson.emit(self.model.row(index.row()).person_id)


class MonthDialog(QDialog):
    """Which month's report to print (the current month by default)."""

    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("employmentMonthDialog")
        self.setWindowTitle(self.tr("打印就业月报"))
        self.setMinimumWidth(320)
        self.month_edit = QDateEdit(QDate(today.year, today.month, 1))
        self.month_edit.setObjectName("employmentReportMonth")
        self.month_edit.setDisplayFormat("yyyy-MM")
        self.month_edit.setCalendarPopup(False)
        self.month_edit.setMaximumDate(QDate(today.year, today.month, 1).addMonths(1))
        form = QFormLayout()
        form.addRow(self.tr("月份(&M)："), self.month_edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def month(self) -> date:
        chosen = self.month_edit.date()
        return date(chosen.year(), chosen.month(), 1)


class EmploymentDashboardPage(EmploymentPage):
    """统计图表: the graduation year's employment figures per unit and per breakdown; every figure lists its people."""

    follows_changes = True
    #: A drill dialog was opened (it loads its rows on the worker).
    drillOpened = Signal(object)
    #: A message was shown on the page's message line.
    said = Signal(str)

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        acting: Actor,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(worker, actor, acting, today=today, parent=parent)
        self.board: EmploymentDashboard | None = None
        self._query: tuple[str | None, int | None, date | None] = (None, None, today)
        #: The org unit shown (None: everything on this laptop).
        self.unit_id: str | None = None
        #: The open lists behind figures.
        self.dialogs: list[DrillDialog] = []
        self.preview: PrintPreviewDialog | None = None
        #: Data changed while the page was hidden: it reloads when shown.
        self.stale = False
        worker.changed.connect(self._data_changed)
        self.setObjectName("employmentDashboardPage")

        self.heading = QLabel()
        self.heading.setObjectName("employmentDashboardHeading")
        font = self.heading.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.heading.setFont(font)
        # The scope: everything on this laptop, or one township of it (then per village).
        self.scope_combo = QComboBox()
        self.scope_combo.setObjectName("employmentDashboardScope")
        self.scope_combo.addItem(self.tr("本机全部"), None)
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.scope_combo.activated.connect(self._scope_chosen)
        scope_label = QLabel(self.tr("范围(&S)："))
        scope_label.setBuddy(self.scope_combo)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.setObjectName("employmentDashboardRefresh")
        self.refresh_button.clicked.connect(self.refresh)
        self.export_button = QPushButton(self.tr("导出 Excel(&E)…"))
        self.export_button.setObjectName("employmentDashboardExport")
        self.export_button.clicked.connect(lambda: self.export())
        self.print_button = QPushButton(self.tr("打印月报(&P)…"))
        self.print_button.setObjectName("employmentDashboardPrint")
        self.print_button.clicked.connect(lambda: self.print_report())
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(scope_label)
        top.addWidget(self.scope_combo)
        top.addWidget(self.refresh_button)
        top.addWidget(self.export_button)
        top.addWidget(self.print_button)

        # The summary: the scope's totals, each a button that lists its people.
        self.summary: dict[str, QPushButton] = {}
        cards = QHBoxLayout()
        for key in ("graduates", "employed", "placed", "unplaced"):
            button = QPushButton()
            button.setObjectName(f"employmentSummary_{key}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setStyleSheet(
                "QPushButton { border: 1px solid #c5cae9; border-radius: 4px; padding: 6px 12px; "
                "background: #f5f7ff; text-align: left; } QPushButton:hover { background: #e8eaf6; }"
            )
            button.setToolTip(self.tr("单击列出这些人"))
            button.clicked.connect(lambda _checked=False, k=key: self._summary_clicked(k))
            self.summary[key] = button
            cards.addWidget(button)
        cards.addStretch(1)

        self.units_tab = ChartTable("employmentUnits", percent=True)
        self.industry_tab = ChartTable("employmentIndustry")
        self.region_tab = ChartTable("employmentRegion")
        self.major_match_tab = ChartTable("employmentMajorMatch")
        self.income_tab = ChartTable("employmentIncome")
        self.months_tab = ChartTable("employmentMonths")
        self.school_major_tab = ChartTable("employmentSchoolMajor")
        self.fairs_tab = ChartTable("employmentFairs")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("employmentDashboardTabs")
        for tab, title in (
            (self.units_tab, self.tr("就业率")),
            (self.industry_tab, self.tr("行业")),
            (self.region_tab, self.tr("地域")),
            (self.major_match_tab, self.tr("专业对口")),
            (self.income_tab, self.tr("月收入")),
            (self.months_tab, self.tr("在岗时长")),
            (self.school_major_tab, self.tr("在校学校专业")),
            (self.fairs_tab, self.tr("招聘会")),
        ):
            self.tabs.addTab(tab, title)
            tab.drillRequested.connect(self.drill)

        self.message.hide()  # shown with a message (``say``), so that it takes no room before
        hint = QLabel(self.tr("单击图中的条形、表中的数字或上方的汇总，列出对应的人；双击其中一人打开档案。"))
        hint.setObjectName("employmentDashboardHint")
        hint.setStyleSheet("color: #616161;")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addWidget(self.message)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(hint)

    @property
    def chart_tabs(self) -> tuple[ChartTable, ...]:
        return (
            self.units_tab,
            self.industry_tab,
            self.region_tab,
            self.major_match_tab,
            self.income_tab,
            self.months_tab,
            self.school_major_tab,
            self.fairs_tab,
        )

    # --- the message line ----------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        super().say(text, error=error)
        self.message.setVisible(bool(text))
        self.said.emit(text)

    # --- loading ---------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Load the dashboard of the graduation year on the worker; a load a newer one overtook is dropped."""
        self.stale = False
        # What the load reads, fixed here on the GUI thread (the job itself touches no widget).
        self._query = (self.unit_id, self.graduation_year, self.today)
        super().refresh()

    def load(self, db: Database) -> EmploymentDashboard:
        unit_id, year, today = self._query
        return es.dashboard(db, unit_id=unit_id, graduation_year=year, today=today)

    def show_loaded(self, data: EmploymentDashboard) -> None:
        self.show_board(data)

    def _data_changed(self, entities: Iterable[str]) -> None:
        """A write anywhere (a hire in a person window, an import) changed data: reload now if shown, else when
        next shown."""
        if not set(entities) & EMPLOYMENT_ENTITIES:
            return
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def _scope_chosen(self, index: int) -> None:
        unit_id = self.scope_combo.itemData(index)
        self.unit_id = str(unit_id) if unit_id else None
        self.refresh()

    def _offer_scopes(self, board: EmploymentDashboard) -> None:
        """The whole laptop's dashboard per township offers each township as a scope (its villages then)."""
        if self.unit_id is not None or board.unit_level != "township":
            return
        offered = [(u.unit_name, u.unit_id) for u in board.by_unit if u.unit_id]
        if offered == [
            (self.scope_combo.itemText(i), self.scope_combo.itemData(i))
            for i in range(1, self.scope_combo.count())
        ]:
            return
        while self.scope_combo.count() > 1:
            self.scope_combo.removeItem(1)
        for name, unit_id in offered:
            self.scope_combo.addItem(name, unit_id)

    def show_board(self, board: EmploymentDashboard) -> None:
        self.board = board
        self._offer_scopes(board)
        year = (
            self.tr("{0} 届").format(board.graduation_year) if board.graduation_year else self.tr("全部届别")
        )
        self.heading.setText(self.tr("{0} · {1}毕业生就业统计").format(board.scope_name, year))
        totals = board.totals
        self.summary["graduates"].setText(self.tr("毕业生\n{0} 人").format(totals.graduates))
        self.summary["employed"].setText(
            self.tr("已就业\n{0} 人（就业率 {1}）").format(totals.employed, percent(totals.rate))
        )
        self.summary["placed"].setText(
            self.tr("去向落实\n{0} 人（落实率 {1}）").format(totals.placed, percent(totals.placement_rate))
        )
        self.summary["unplaced"].setText(self.tr("未落实\n{0} 人").format(totals.unplaced))
        self._show_units(board)
        self._show_figures(self.industry_tab, board.by_industry, self.tr("行业"), self.tr("已就业人数"))
        self._show_figures(self.region_tab, board.by_region, self.tr("地域"), self.tr("已就业人数"))
        self._show_figures(
            self.major_match_tab, board.by_major_match, self.tr("专业对口"), self.tr("已就业人数")
        )
        self._show_figures(self.income_tab, board.by_income, self.tr("月收入"), self.tr("已就业人数"))
        self._show_figures(self.months_tab, board.by_months, self.tr("在岗时长"), self.tr("已就业人数"))
        self._show_figures(
            self.school_major_tab,
            board.by_school_major,
            self.tr("学校 · 专业"),
            self.tr("在校生人数"),
            two_lines=True,
        )
        self._show_fairs(board)

    def _placed_drill(self, unit_id: str | None) -> Drill:
        assert self.board is not None
        return Drill(DrillKind.PLACED, unit_id, self.board.graduation_year)

    def _show_units(self, board: EmploymentDashboard) -> None:
        units = list(board.by_unit)
        lines: list[list[Cell]] = []
        for unit in [*units, board.totals]:
            name = unit.unit_name if unit is not board.totals else self.tr("合计")
            lines.append(
                [
                    Cell(name, number=False),
                    Cell(str(unit.graduates), unit.drill_graduates),
                    Cell(str(unit.employed), unit.drill_employed),
                    Cell(str(unit.placed), self._placed_drill(unit.unit_id)),
                    Cell(str(unit.unplaced), unit.drill_unplaced),
                    Cell(percent(unit.rate)),
                    Cell(percent(unit.placement_rate)),
                ]
            )
        self.units_tab.show_data(
            [u.unit_name for u in units],
            [
                Bars(
                    self.tr("就业率"),
                    _EMPLOYED_COLOUR,
                    [_share(u.rate) for u in units],
                    [u.drill_employed for u in units],
                ),
                Bars(
                    self.tr("去向落实率"),
                    _PLACED_COLOUR,
                    [_share(u.placement_rate) for u in units],
                    [self._placed_drill(u.unit_id) for u in units],
                ),
            ],
            [
                self.tr("乡镇") if board.unit_level == "township" else self.tr("村"),
                self.tr("毕业生"),
                self.tr("已就业"),
                self.tr("去向落实"),
                self.tr("未落实"),
                self.tr("就业率"),
                self.tr("去向落实率"),
            ],
            lines,
            bold_last=True,
            empty_text=self.tr("没有毕业生"),
        )

    def _show_figures(
        self,
        tab: ChartTable,
        figures: Sequence[Figure],
        heading: str,
        count_heading: str,
        *,
        two_lines: bool = False,
    ) -> None:
        total = sum(f.count for f in figures)
        lines = [
            [
                Cell(f.label, number=False),
                Cell(str(f.count), f.drill),
                Cell(percent(f.count / total if total else None)),
            ]
            for f in figures
        ]
        lines.append([Cell(self.tr("合计"), number=False), Cell(str(total)), Cell("")])
        tab.show_data(
            [f.label for f in figures],
            [Bars(count_heading, _COUNT_COLOUR, [f.count for f in figures], [f.drill for f in figures])],
            [heading, count_heading, self.tr("占比")],
            lines,
            bold_last=True,
            # 学校·专业 on two lines: a school's long name would cut the major off.
            chart_labels=[html.escape(f.label).replace("·", "<br>", 1) for f in figures]
            if two_lines
            else None,
        )

    def _show_fairs(self, board: EmploymentDashboard) -> None:
        fairs = list(board.fairs)
        columns: list[tuple[str, Callable[[FairOutcome], tuple[int, Drill]]]] = [
            (self.tr("已邀请"), lambda f: (f.invited, f.drill_invited)),
            (self.tr("已到场"), lambda f: (f.attended, f.drill_attended)),
            (self.tr("已推荐"), lambda f: (f.referred, f.drill_referred)),
            (self.tr("已录用"), lambda f: (f.hired, f.drill_hired)),
        ]
        lines = [
            [
                Cell(fair.name, number=False),
                Cell(iso(fair.held_on), number=False),
                *(Cell(str(get(fair)[0]), get(fair)[1]) for _heading, get in columns),
            ]
            for fair in fairs
        ]
        self.fairs_tab.show_data(
            [f"{fair.name}（{iso(fair.held_on)}）" for fair in fairs],
            [
                Bars(heading, colour, [get(f)[0] for f in fairs], [get(f)[1] for f in fairs])
                for (heading, get), colour in zip(columns, _FAIR_COLOURS, strict=True)
            ],
            [self.tr("招聘会"), self.tr("日期"), *(heading for heading, _get in columns)],
            lines,
            empty_text=self.tr("没有招聘会"),
            chart_labels=[f"{html.escape(fair.name)}<br>{iso(fair.held_on)}" for fair in fairs],
        )

    # --- the people behind a figure ------------------------------------------------------------------------

    def _summary_clicked(self, key: str) -> None:
        if self.board is None:
            return
        totals = self.board.totals
        drill, what = {
            "graduates": (totals.drill_graduates, self.tr("毕业生")),
            "employed": (totals.drill_employed, self.tr("已就业")),
            "placed": (self._placed_drill(totals.unit_id), self.tr("去向落实")),
            "unplaced": (totals.drill_unplaced, self.tr("未落实")),
        }[key]
        self.drill(drill, f"{self.tr('合计')} · {what}")

    def drill(self, target: Drill, title: str) -> DrillDialog:
        """Open the list of the people behind a figure (loaded on the worker) in a dialog."""
        dialog = DrillDialog(title, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.openPerson.connect(self.openPerson)
        dialog.destroyed.connect(lambda _obj=None, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        today = self.today

        def job(db: Database) -> list[DrillRow]:
            return es.drill_rows(db, target, today=today)

        def done(rows: list[DrillRow]) -> None:
            if dialog in self.dialogs:
                dialog.set_rows(rows)

        def failed(error: BaseException) -> None:
            if dialog in self.dialogs:
                dialog.failed(error_text(error) or str(error))
            self.show_error(error)

        dialog.show()
        self.drillOpened.emit(dialog)
        self.worker.submit(job, while_alive(self, done), while_alive(self, failed))
        return dialog

    def _forget(self, dialog: DrillDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)

    # --- export and print ----------------------------------------------------------------------------------

    def _file_name(self, stem: str, suffix: str) -> str:
        scope = self.board.scope_name if self.board else ""
        year = f"_{self.graduation_year}届" if self.graduation_year else ""
        return default_path(f"{stem}_{scope}{year}{suffix}")

    def export(self, path: Path | None = None) -> None:
        """Write the shown dashboard to an Excel file (asks where, unless ``path`` is given)."""
        board = self.board
        if board is None:
            return
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("导出就业统计"),
                self._file_name("就业统计", ".xlsx"),
                self.tr("Excel 文件 (*.xlsx)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        target, actor = path, self.actor

        def job(db: Database) -> Path:
            es.export_dashboard(db, board, target, actor=actor)
            return target

        self.worker.submit(
            job,
            while_alive(self, lambda written: self.say(self.tr("就业统计已导出到 {0}").format(written))),
            while_alive(self, self.show_error),
        )

    def print_report(
        self, month: date | None = None, path: Path | None = None, *, preview: bool = True
    ) -> None:
        """Make the month's employment report as a PDF (asks the month and where, unless given), then preview it."""
        today = self.today or date.today()
        if month is None:
            dialog = MonthDialog(today, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            month = dialog.month
        if path is None:
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                self.tr("打印就业月报"),
                self._file_name(f"就业月报_{month:%Y-%m}", ".pdf"),
                self.tr("PDF 文件 (*.pdf)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        target, unit_id, actor, chosen_month = path, self.unit_id, self.actor, month
        report_today = self.today

        def job(db: Database) -> tuple[Path, bytes]:
            written = employment_report.print_monthly_report(
                db, chosen_month, target, unit_id=unit_id, actor=actor, today=report_today
            )
            return written, written.read_bytes()

        def done(result: tuple[Path, bytes]) -> None:
            written, pdf = result
            self.say(self.tr("已生成就业月报 PDF：{0}").format(written))
            if preview:
                self.preview = open_print_preview(
                    self.worker,
                    lambda _db, _action, _when: pdf,  # the file just written (printed and audited once)
                    title=self.tr("{0} 就业月报").format(f"{chosen_month:%Y-%m}"),
                    file_name=written.name,
                    parent=self,
                )

        self.worker.submit(job, while_alive(self, done), while_alive(self, self.show_error))


def _share(rate: float | None) -> float:
    """A rate as a percentage for a bar (0 when there is nothing to divide by)."""
    return round((rate or 0.0) * 100, 1)
