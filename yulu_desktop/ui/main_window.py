"""The main window: pages in the toolbar, the county → township → village tree on the left, the lists on the
right, one search box, and a status bar with the database, pending changes and sync state."""

from __future__ import annotations

import getpass
from datetime import date

from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QWidget,
)

from yulu_desktop.services import lists, records
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.list_page import LIST_ENTITIES, ListPage
from yulu_desktop.ui.models import OrgTreeModel, OrgUnitIdRole
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.search_box import SearchField
from yulu_desktop.ui.visit_dialog import VisitDialog
from yulu_desktop.ui.worker import DbWorker

#: Pages in toolbar order: list kind, icon.
PAGES: tuple[tuple[str, str], ...] = (
    ("intents", "intent"),
    ("students", "student"),
    ("graduates", "graduate"),
    ("households", "household"),
    ("people", "person"),
    ("visits", "visit"),
)


class MainWindow(QMainWindow):
    #: The first page has shown its first rows (the window is interactive).
    ready = Signal()

    def __init__(self, worker: DbWorker, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.settings = settings
        self.actor = ui_settings.VISITOR_NAME.get(settings) or getpass.getuser()
        self.person_windows: dict[str, PersonWindow] = {}
        self._ready_sent = False
        self.setWindowTitle(self.tr("雨露计划+ 工作台"))
        self.setWindowIcon(icon("app"))

        titles = {
            "intents": self.tr("意愿清单"),
            "students": self.tr("在读学生清单"),
            "graduates": self.tr("毕业生去向清单"),
            "households": self.tr("户"),
            "people": self.tr("人"),
            "visits": self.tr("走访"),
        }
        headings = {
            "intents": self.tr("入读职业院校意愿清单"),
            "students": self.tr("雨露计划在读学生清单"),
            "graduates": self.tr("雨露计划毕业生就业去向清单"),
            "households": self.tr("户"),
            "people": self.tr("人"),
            "visits": self.tr("走访（待办承诺在前）"),
        }

        # Pages
        self.stack = QStackedWidget()
        self.pages: dict[str, ListPage] = {}
        toolbar = QToolBar(self.tr("页面"))
        toolbar.setObjectName("pagesToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        self.page_actions: dict[str, QAction] = {}
        group = QActionGroup(self)
        for number, (kind, icon_name) in enumerate(PAGES):
            page = ListPage(worker, kind, headings[kind], settings, self)
            page.openPerson.connect(self.open_person)
            page.newVisit.connect(self.new_visit)
            page.completeFollowUp.connect(self.complete_follow_up)
            self.pages[kind] = page
            self.stack.addWidget(page)
            action = QAction(icon(icon_name), titles[kind], self)
            action.setCheckable(True)
            action.setShortcut(QKeySequence(f"Ctrl+{number + 1}"))
            action.setToolTip(f"{titles[kind]} (Ctrl+{number + 1})")
            action.triggered.connect(lambda _checked=False, k=kind: self.show_page(k))
            group.addAction(action)
            toolbar.addAction(action)
            self.page_actions[kind] = action
        toolbar.addSeparator()
        self.new_visit_action = QAction(icon("add"), self.tr("新增走访"), self)
        self.new_visit_action.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.new_visit_action.triggered.connect(lambda: self.new_visit())
        toolbar.addAction(self.new_visit_action)
        spacer = QWidget()
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy()
        )
        toolbar.addWidget(spacer)
        self.search = SearchField(worker, self)
        self.search.setObjectName("mainSearch")
        self.search.setPlaceholderText(self.tr("搜索姓名、拼音、证件尾号、户编号"))
        self.search.setToolTip(
            self.tr("姓名、全拼或首字母（zk 找张坤）、身份证后几位、户编号、手机号 (Ctrl+F)")
        )
        self.search.setMinimumWidth(330)
        self.search.setMaximumWidth(420)
        self.search.addAction(icon("search"), self.search.ActionPosition.LeadingPosition)
        self.search.picked.connect(self._search_picked)
        toolbar.addWidget(self.search)
        find = QAction(self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.triggered.connect(self._focus_search)
        self.addAction(find)

        # Navigation tree
        self.tree_model = OrgTreeModel(self)
        self.tree = QTreeView()
        self.tree.setObjectName("orgTree")
        self.tree.setModel(self.tree_model)
        self.tree.setHeaderHidden(False)
        self.tree.setMinimumWidth(150)
        self.tree.selectionModel().selectionChanged.connect(self._scope_changed)

        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([180, 1180])
        self.setCentralWidget(splitter)

        # Status bar
        self.db_label = QLabel()
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pendingChanges")
        self.sync_label = QLabel(self.tr("上次同步：未配置同步"))
        self.sync_label.setObjectName("lastSync")
        self.connection_label = QLabel(self.tr("连接：未配置同步"))
        self.connection_label.setObjectName("connectionState")
        for label in (self.db_label, self.pending_label, self.sync_label, self.connection_label):
            self.statusBar().addPermanentWidget(label)
        self.db_label.setText(self.tr("数据库：{0}").format(worker.path))
        self.db_label.setToolTip(worker.path)

        worker.changed.connect(self._changed)
        worker.failed.connect(self.show_error)
        self.pages_loaded_first = False

        # Restore
        geometry = ui_settings.geometry(settings, "window/geometry")
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1366, 740)
        last = ui_settings.LAST_PAGE.get(settings)
        self.current_kind = last if last in self.pages else "intents"
        for page in self.pages.values():
            page.model.pageLoaded.connect(self._maybe_ready)
        self.load()

    # --- loading and refreshing ------------------------------------------------------------------------

    def load(self) -> None:
        def job(db: Database) -> list[lists.OrgNode]:
            return lists.org_tree(db)

        self.worker.submit(job, self._tree_loaded)
        self.show_page(self.current_kind)
        self.refresh_pending()

    def _tree_loaded(self, roots: list[lists.OrgNode]) -> None:
        self.tree_model.set_nodes(roots)
        self.tree.expandToDepth(1)
        wanted = ui_settings.LAST_ORG_UNIT.get(self.settings)
        matches = self.tree_model.match(
            self.tree_model.index(0, 0),
            OrgUnitIdRole,
            wanted,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        target = matches[0] if matches and wanted else self.tree_model.index(0, 0)
        self.tree.selectionModel().blockSignals(True)
        self.tree.setCurrentIndex(target)
        self.tree.selectionModel().blockSignals(False)

    def _maybe_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def show_page(self, kind: str) -> None:
        page = self.pages[kind]
        self.current_kind = kind
        self.page_actions[kind].setChecked(True)
        self.stack.setCurrentWidget(page)
        ui_settings.LAST_PAGE.set(self.settings, kind)
        scope = ui_settings.LAST_ORG_UNIT.get(self.settings) or None
        if page.model.query.org_unit_id != scope:
            page.stale = False
            page.set_scope(scope)
        elif page.stale:
            page.stale = False
            page.refresh()

    def current_page(self) -> ListPage:
        return self.pages[self.current_kind]

    def _scope_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        org_unit_id = str(indexes[0].data(OrgUnitIdRole) or "")
        ui_settings.LAST_ORG_UNIT.set(self.settings, org_unit_id)
        self.search.set_scope(org_unit_id)
        self.current_page().set_scope(org_unit_id)

    def _changed(self, entities: frozenset[str]) -> None:
        # Only the visible page reloads now; the others reload when they are shown.
        for kind, page in self.pages.items():
            if kind == self.current_kind:
                page.on_changed(entities)
            elif entities & LIST_ENTITIES[kind]:
                page.stale = True
        self.refresh_pending()

    def refresh_pending(self) -> None:
        def job(db: Database) -> int:
            with db.read_connection() as conn:
                return journal.pending_count(conn)

        def show(count: int) -> None:
            self.pending_label.setText(self.tr("待同步：{0} 条").format(f"{count:,}"))

        self.worker.submit(job, show)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    # --- people and visits ---------------------------------------------------------------------------------

    def open_person(self, person_id: str) -> PersonWindow:
        window = self.person_windows.get(person_id)
        if window is None:
            window = PersonWindow(self.worker, person_id, self.actor)
            window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            window.newVisit.connect(lambda _household_id, w=window: self._visit_for(w))
            window.destroyed.connect(lambda _obj=None, pid=person_id: self.person_windows.pop(pid, None))
            self.person_windows[person_id] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _search_picked(self, hit: SearchHit) -> None:
        self.search.clear()
        self.open_person(hit.person_id)

    def _visit_for(self, window: PersonWindow) -> None:
        if window.file is None:
            return
        p, h = window.file.person, window.file.household
        hit = SearchHit(
            person_id=p.id,
            household_id=h.id,
            name=p.name,
            sex="",
            birth_date="",
            id_number_masked="",
            phone_masked="",
            household_no=h.household_no,
            village=window.file.org_path[-1].name if window.file.org_path else "",
            relationship="",
            matched="",
        )
        self.new_visit(hit, parent=window)

    def new_visit(self, household: SearchHit | None = None, parent: QWidget | None = None) -> VisitDialog:
        dialog = VisitDialog(self.worker, self.settings, self.actor, parent or self, household=household)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(lambda _visit: self.statusBar().showMessage(self.tr("走访已保存"), 5000))
        dialog.open()
        return dialog

    def complete_follow_up(self, visit_id: str) -> None:
        actor = self.actor

        def job(db: Database) -> None:
            records.complete_follow_up(db, visit_id, done_on=date.today(), actor=actor)

        self.worker.submit(
            job, lambda _r: self.statusBar().showMessage(self.tr("已标记办结"), 5000), changes={"visit"}
        )

    # --- closing ---------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        for window in list(self.person_windows.values()):
            if not window.close():
                event.ignore()
                return
        self.settings.setValue("window/geometry", self.saveGeometry())
        ui_settings.LAST_PAGE.set(self.settings, self.current_kind)
        self.settings.sync()
        event.accept()
