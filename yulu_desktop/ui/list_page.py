"""A page showing one list: header with the count, a filter box, a column chooser and the lazy table."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.services import lists
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.export_dialog import EXPORT_KIND_OF_PAGE, ExportListDialog
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import PAGE_SIZE, LazyListModel, PersonIdRole, RowIdRole, column_label
from yulu_desktop.ui.print_preview import (
    PrintPreviewDialog,
    list_term_to_print_term,
    open_print_preview,
    register_pdf,
)
from yulu_desktop.ui.worker import DbWorker

#: Delay between the last keystroke in the filter box and the query (typing a word sends one query).
FILTER_DELAY_MS = 200

#: Rows whose texts the columns are sized to when a list first shows (not every loaded row: see
#: ``ListPage._size_columns_once``).
SIZING_ROWS = 50

#: A list page hidden with more rows loaded keeps only this many (a county list scrolled to its end holds
#: 100 MB of rows; a hidden page reloads from its top anyway when data changes while it is hidden).
HIDDEN_ROWS_KEPT = 10 * PAGE_SIZE

#: Entities whose change can alter a list (the list reloads when the worker reports them).
LIST_ENTITIES: dict[str, frozenset[str]] = {
    "intents": frozenset({"intent", "person", "household"}),
    "students": frozenset({"enrollment", "subsidy_application", "person", "household"}),
    "graduates": frozenset({"employment_record", "person", "household"}),
    "households": frozenset({"household", "person"}),
    "people": frozenset({"person", "household"}),
    "visits": frozenset({"visit", "person", "household"}),
}

#: The list page → the register printed (``services.printing.REGISTER_KINDS``).
REGISTER_KIND_OF_PAGE: dict[str, str] = {
    "intents": "intent",
    "students": "students",
    "graduates": "graduates",
}


class ListPage(QWidget):
    """One of 意愿清单, 在读学生清单, 毕业生去向清单, 户, 人, 走访."""

    openPerson = Signal(str)
    newVisit = Signal()
    completeFollowUp = Signal(str)

    def __init__(
        self,
        worker: DbWorker,
        kind: str,
        title: str,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        actor: str = "",
    ) -> None:
        super().__init__(parent)
        self.kind = kind
        self.title = title
        #: Who prints and exports (the audit log's actor).
        self.actor = actor
        #: Name of the org unit the page is scoped to ("" for everything), for file names.
        self.scope_name = ""
        self._settings = settings
        self._worker = worker
        self.model = LazyListModel(worker, kind, self)
        self.setObjectName(f"page_{kind}")
        #: Data changed while the page was hidden; it reloads when shown.
        self.stale = True

        self.heading = QLabel(title)
        self.heading.setObjectName("pageHeading")
        self.count_label = QLabel()
        self.count_label.setObjectName("pageCount")
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("筛选：姓名、拼音、户编号"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(200)
        self.filter_edit.setMaximumWidth(260)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_edit.returnPressed.connect(self._apply_filter)

        self.columns_button = QToolButton()
        self.columns_button.setText(self.tr("显示列"))
        self.columns_button.setIcon(icon("columns"))
        self.columns_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.columns_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.columns_menu = QMenu(self.columns_button)
        self.columns_button.setMenu(self.columns_menu)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.count_label)
        top.addStretch(1)

        self.term_combo: QComboBox | None = None
        self._terms_loaded = False
        self.open_only: QCheckBox | None = None
        self.new_visit_button: QPushButton | None = None
        self.done_button: QPushButton | None = None
        if kind == "students":
            self.term_combo = QComboBox()
            self.term_combo.setMinimumContentsLength(20)
            self.term_combo.addItem(self.tr("全部学期"), "")
            self.term_combo.currentIndexChanged.connect(self._term_changed)
            top.addWidget(QLabel(self.tr("学期")))
            top.addWidget(self.term_combo)
        if kind == "visits":
            self.open_only = QCheckBox(self.tr("只看待办承诺"))
            self.open_only.toggled.connect(lambda on: self.model.update_query(open_follow_ups_only=on))
            self.done_button = QPushButton(icon("check"), self.tr("标记办结"))
            self.done_button.setEnabled(False)
            self.done_button.clicked.connect(self._complete_selected)
            self.new_visit_button = QPushButton(icon("visit"), self.tr("新增走访"))
            self.new_visit_button.setShortcut(QKeySequence("Ctrl+N"))
            self.new_visit_button.setToolTip(self.tr("新增走访 (Ctrl+N)"))
            self.new_visit_button.clicked.connect(self.newVisit)
            top.addWidget(self.open_only)
            top.addWidget(self.done_button)
            top.addWidget(self.new_visit_button)
        top.addWidget(self.filter_edit)
        top.addWidget(self.columns_button)
        self.print_button: QToolButton | None = None
        self.export_button: QToolButton | None = None
        if kind in REGISTER_KIND_OF_PAGE:
            self.print_button = QToolButton()
            self.print_button.setObjectName("printList")
            self.print_button.setText(self.tr("打印清单"))
            self.print_button.setToolTip(self.tr("打印左侧所选村或乡镇的清单（身份证号等已打码）"))
            self.print_button.setIcon(icon("print"))
            self.print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.print_button.clicked.connect(lambda: self.print_register())
            self.export_button = QToolButton()
            self.export_button.setObjectName("exportList")
            self.export_button.setText(self.tr("导出 Excel…"))
            self.export_button.setIcon(icon("export"))
            self.export_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.export_button.clicked.connect(lambda: self.export_excel())
            top.addWidget(self.print_button)
            top.addWidget(self.export_button)

        self.table = QTableView()
        self.table.setObjectName(f"table_{kind}")
        self.table.setModel(self.model)
        # No indicator before sorting is enabled: the list starts in its natural order (follow-ups due first…).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSectionsMovable(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.table,
            self._open_current,
            context=Qt.ShortcutContext.WidgetShortcut,
        )

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 4)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)

        self.model.countChanged.connect(self._show_count)
        self.model.pageLoaded.connect(self._size_columns_once)
        self.model.windowMoved.connect(self._keep_rows_in_view)
        self.table.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._sized = False
        self._build_column_menu()
        self._show_count(None)

    def hideEvent(self, event: QHideEvent) -> None:
        # Another page was chosen (not the window minimised, which the window system reports: spontaneous).
        if not event.spontaneous():
            self.model.trim(HIDDEN_ROWS_KEPT)
        super().hideEvent(event)

    # --- the window of rows the model holds (models.WINDOW_ROWS) -------------------------------------

    def _scrolled(self, value: int) -> None:
        # The view fetches the next page itself at the bottom (canFetchMore); at the top, the page above.
        if value == self.table.verticalScrollBar().minimum() and self.model.can_fetch_before():
            self.model.fetch_before()

    def _keep_rows_in_view(self, moved: int) -> None:
        """Rows came (> 0) or went (< 0) above the window: scroll by as many so the same rows stay in view."""
        self.table.updateGeometries()  # the scroll range of the new row count, before moving within it
        bar = self.table.verticalScrollBar()
        step = (
            1
            if self.table.verticalScrollMode() == QAbstractItemView.ScrollMode.ScrollPerItem
            else (self.table.verticalHeader().defaultSectionSize())
        )
        bar.setValue(bar.value() + moved * step)

    # --- header and columns -------------------------------------------------------------------------

    def _show_count(self, total: int | None) -> None:
        unit = {"户": self.tr("户"), "人": self.tr("人"), "条": self.tr("条")}[self.model.spec.unit]
        if total is None:
            self.count_label.setText(self.tr("正在读取…"))
        else:
            self.count_label.setText(self.tr("共 {0} {1}").format(f"{total:,}", unit))

    def _build_column_menu(self) -> None:
        hidden = ui_settings.hidden_columns(self._settings, self.kind)
        if hidden is None:
            hidden = {c.key for c in self.model.spec.columns if c.hidden_by_default}
        for number, column in enumerate(self.model.spec.columns):
            action = QAction(column_label(column.label), self.columns_menu)
            action.setCheckable(True)
            action.setChecked(column.key not in hidden)
            action.setData(column.key)
            action.toggled.connect(lambda on, n=number: self._toggle_column(n, on))
            self.columns_menu.addAction(action)
            self.table.setColumnHidden(number, column.key in hidden)

    def _toggle_column(self, number: int, visible: bool) -> None:
        self.table.setColumnHidden(number, not visible)
        hidden = {c.key for n, c in enumerate(self.model.spec.columns) if self.table.isColumnHidden(n)}
        ui_settings.set_hidden_columns(self._settings, self.kind, hidden)

    def column_actions(self) -> list[QAction]:
        return self.columns_menu.actions()

    def _size_columns_once(self) -> None:
        if self._sized or self.model.rowCount() == 0:
            return
        self._sized = True
        # Size to the texts of the first rows and the header, within sensible bounds. The view's own
        # sizeHintForColumn asked the model for every role of every cell of every loaded row (up to 1,000):
        # most of the GUI thread's time on the first switch to a list page (issue 20). A longer text further
        # down is elided, with the whole value in its tooltip.
        metrics = self.table.fontMetrics()
        style = self.table.style()
        # What QStyledItemDelegate adds around a cell's text (the focus frame margin on either side).
        margin = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1)
        header = self.table.horizontalHeader()
        for number, texts in enumerate(self.model.column_texts(SIZING_ROWS)):
            widest = max((metrics.horizontalAdvance(text) for text in set(texts) if text), default=0)
            width = max(widest + margin, header.sectionSizeHint(number))
            self.table.setColumnWidth(number, min(max(width + 8, 56), 260))

    # --- filtering and scope ---------------------------------------------------------------------------

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.update_query(text=self.filter_edit.text())

    def _term_changed(self, _index: int) -> None:
        assert self.term_combo is not None
        self.model.update_query(term=self.term_combo.currentData() or None)

    def set_scope(self, org_unit_id: str | None, name: str | None = None) -> None:
        if name is not None:
            self.scope_name = name
        self.model.update_query(org_unit_id=org_unit_id or None)

    def refresh(self) -> None:
        self._show_count(None)
        if self.term_combo is not None and not self._terms_loaded:
            # The students list opens on the newest term (who is studying now), which is also the fast query
            # at county scale: the terms come first, so the first page is not fetched for every term.
            self._load_terms(first=True)
            return
        self.model.reload()
        if self.term_combo is not None:
            self._load_terms()

    def _load_terms(self, *, first: bool = False) -> None:
        def show(terms: list[tuple[str, str]]) -> None:
            assert self.term_combo is not None
            current = terms[0][0] if first and terms else self.term_combo.currentData()
            self.term_combo.blockSignals(True)
            self.term_combo.clear()
            self.term_combo.addItem(self.tr("全部学期"), "")
            for key, label in terms:
                self.term_combo.addItem(label, key)
            found = self.term_combo.findData(current)
            self.term_combo.setCurrentIndex(max(found, 0))
            self.term_combo.blockSignals(False)
            self._terms_loaded = True
            if first:
                query = replace(self.model.query, term=self.term_combo.currentData() or None)
                if query != self.model.query:
                    self.model.set_query(query)
                else:
                    self.model.reload()

        def job(db: Database) -> list[tuple[str, str]]:
            return lists.student_terms(db)

        self._worker.submit(job, show)

    def on_changed(self, entities: frozenset[str]) -> None:
        if entities & LIST_ENTITIES[self.kind]:
            self.refresh()

    # --- printing and export -----------------------------------------------------------------------------

    def print_register(self) -> PrintPreviewDialog:
        """Preview the register of this list for the org unit picked (students: the term filtered on)."""
        term = None
        if self.term_combo is not None and self.term_combo.currentData():
            term = list_term_to_print_term(str(self.term_combo.currentData()))
        name = f"{self.title}_{self.scope_name}" if self.scope_name else self.title
        return open_print_preview(
            self._worker,
            register_pdf(
                REGISTER_KIND_OF_PAGE[self.kind], self.model.query.org_unit_id, self.actor, term=term
            ),
            title=self.title,
            file_name=f"{name}.pdf",
            parent=self,
        )

    def export_excel(self) -> ExportListDialog:
        """The export dialog for this list and scope (masked unless the user asks for full values)."""
        query = self.model.query
        unfiltered = not query.text and not query.term
        dialog = ExportListDialog(
            self._worker,
            EXPORT_KIND_OF_PAGE[self.kind],
            title=self.title,
            actor=self.actor,
            org_unit_id=query.org_unit_id,
            scope_name=self.scope_name,
            expected_rows=self.model.total if unfiltered and self.kind != "students" else None,
            parent=self,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    # --- opening rows ---------------------------------------------------------------------------------

    def _open_index(self, index: QModelIndex) -> None:
        person_id = self.model.data(index, PersonIdRole)
        if person_id:
            self.openPerson.emit(str(person_id))

    def _open_current(self) -> None:
        self._open_index(self.table.currentIndex())

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.done_button is not None:
            state = self.model.data(self.model.index(current.row(), self._state_column()))
            self.done_button.setEnabled(current.isValid() and state in {"待办", "已逾期"})

    def _state_column(self) -> int:
        return [c.key for c in self.model.spec.columns].index("follow_up_state")

    def _complete_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.completeFollowUp.emit(str(self.model.data(index, RowIdRole)))
