"""The main window: pages in the toolbar, the county → township → village tree on the left, the lists on the
right, one search box, and a status bar with the database, pending changes and sync state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QItemSelection, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QTreeView,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import lists, printing, records
from yulu_desktop.services.printing import BatchResult
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.ui import keyboard_menu, screen_fit
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.backup.actions import BackupActions
from yulu_desktop.ui.conflicts_page import ConflictsPage
from yulu_desktop.ui.conflicts_window import conflicts_window
from yulu_desktop.ui.household.actions import add_register_action, install_list_actions
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.import_wizard import ImportWizard, open_import_wizard
from yulu_desktop.ui.list_page import LIST_ENTITIES, ListPage
from yulu_desktop.ui.lock import IdleLock
from yulu_desktop.ui.models import OrgTreeModel, OrgUnitIdRole
from yulu_desktop.ui.passphrase import menu as passphrase_menu
from yulu_desktop.ui.print_dialogs import BatchPrint, PublicityDialog, ask_signed_copy, choose_term
from yulu_desktop.ui.print_preview import (
    PrintPreviewDialog,
    default_path,
    list_term_to_print_term,
    newest_first,
    open_print_preview,
    org_code,
    publicity_pdf,
)
from yulu_desktop.ui.reconcile_page import ReconcilePage, open_reconcile_page
from yulu_desktop.ui.scan_dialog import ScanDialog, scan_action
from yulu_desktop.ui.search_box import SearchField
from yulu_desktop.ui.setup import menu as setup_menu
from yulu_desktop.ui.setup.profile_dialog import profile_name
from yulu_desktop.ui.today_page import TODAY_KIND, TodayPage, today_action
from yulu_desktop.ui.users_dialog import UsersDialog
from yulu_desktop.ui.visit_dialog import VisitDialog
from yulu_desktop.ui.worker import DbWorker

if TYPE_CHECKING:
    from yulu_desktop.printing.batch import CancelToken
    from yulu_desktop.ui import bundle_actions
    from yulu_desktop.ui.person_window import PersonWindow
    from yulu_desktop.ui.sync_worker import SyncController

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

    def __init__(
        self,
        worker: DbWorker,
        settings: QSettings,
        parent: QWidget | None = None,
        *,
        sync: SyncController | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.sync = sync
        self.settings = settings
        # The local user who unlocked (where several share the laptop) is who acts; else 我的信息's name (never
        # the OS login name: it would land on official paper).
        opened = worker.database
        self.local_user = opened.local_user if opened is not None else ""
        self.actor = self.local_user or profile_name(worker)
        self.person_windows: dict[str, PersonWindow] = {}
        self.org_roots: list[lists.OrgNode] = []
        self._ready_sent = False
        self.setWindowTitle(self.tr("雨露计划+ 工作台"))
        self.setWindowIcon(icon("app"))
        # Idle auto-lock: every window covered after the idle time set in 设置 (ui/lock.py).
        self.idle_lock = IdleLock(self, settings, self._verify_passphrase, user=lambda: self.local_user)

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
        # 今日工作 (ui/today_page.py) comes first; it is not a list page, so it is kept apart from self.pages.
        self.showing_today = False
        self.today_page = TodayPage(worker, settings, self)
        self.today_page.openPerson.connect(self.open_person)
        self.today_page.openConflicts.connect(self.open_conflicts)
        self.today_page.openList.connect(self.show_page)
        self.today_page.openSubsidy.connect(
            lambda person_id, term: self.open_subsidy(person_id=person_id, term=term)
        )
        self.today_page.loaded.connect(self._maybe_ready)
        self.stack.addWidget(self.today_page)
        self.today_action = today_action(self)
        self.today_action.triggered.connect(lambda _checked=False: self.show_page(TODAY_KIND))
        group.addAction(self.today_action)
        toolbar.addAction(self.today_action)
        for number, (kind, icon_name) in enumerate(PAGES):
            page = ListPage(worker, kind, headings[kind], settings, self, actor=self.actor)
            page.openPerson.connect(self.open_person)
            page.newVisit.connect(self.new_visit)
            page.completeFollowUp.connect(self.complete_follow_up)
            install_list_actions(page, worker, self.actor)  # 户籍变动 context menu (ui/household)
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
        # The file name only (the full path is the tooltip): at 125% the four labels must share 1093 px.
        self.db_label.setText(self.tr("数据库：{0}").format(Path(worker.path).name))
        if self.local_user:
            self.db_label.setText(self.db_label.text() + "  " + self.tr("用户：{0}").format(self.local_user))
        self.db_label.setToolTip(worker.path)

        self._build_menus()
        self.batch: BatchPrint | None = None
        self.bundle_task: bundle_actions.BundleTask | None = None
        self.conflicts_page: ConflictsPage | None = None
        if sync is not None:
            self._attach_sync(sync)
        self.setup = setup_menu.install(self)  # 连接县服务器, 我的信息, 设置, 帮助, the empty window's hint
        self.pages_menu = keyboard_menu.install(self)  # 页面: pages, 搜索, 新增走访 with their shortcuts
        self.passphrase_actions = passphrase_menu.install(self)  # 修改密码, 恢复密钥, 交接本机

        worker.changed.connect(self._changed)
        worker.failed.connect(self.show_error)
        self.pages_loaded_first = False

        # Restore
        geometry = ui_settings.geometry(settings, "window/geometry")
        if geometry is None or not self.restoreGeometry(geometry) or not screen_fit.fits(self):
            screen_fit.fit_to_screen(self, 1366, 740)  # a 1366x768 laptop at 100% or 125%
        last = ui_settings.LAST_PAGE.get(settings)
        self.current_kind = last if last in self.pages else "intents"
        self.showing_today = last == TODAY_KIND
        for page in self.pages.values():
            page.model.pageLoaded.connect(self._maybe_ready)
        self.load()

    # --- loading and refreshing ------------------------------------------------------------------------

    def load(self) -> None:
        def job(db: Database) -> list[lists.OrgNode]:
            return lists.org_tree(db)

        self.worker.submit(job, self._tree_loaded)
        self.show_page(TODAY_KIND if self.showing_today else self.current_kind)
        self.refresh_pending()

    def _tree_loaded(self, roots: list[lists.OrgNode]) -> None:
        self.org_roots = roots
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
        name = self.scope_name(self.current_scope())
        for page in self.pages.values():
            page.scope_name = name

    def _maybe_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def show_page(self, kind: str) -> None:
        self.showing_today = kind == TODAY_KIND
        if self.showing_today:
            self.today_action.setChecked(True)
            self.stack.setCurrentWidget(self.today_page)
            ui_settings.LAST_PAGE.set(self.settings, TODAY_KIND)
            scope = self.current_scope()
            self.today_page.set_scope(scope, self.scope_name(scope))
            return
        page = self.pages[kind]
        self.current_kind = kind
        self.page_actions[kind].setChecked(True)
        self.stack.setCurrentWidget(page)
        ui_settings.LAST_PAGE.set(self.settings, kind)
        scope = self.current_scope()
        page.scope_name = self.scope_name(scope)
        if page.model.query.org_unit_id != scope:
            page.stale = False
            page.set_scope(scope)
        elif page.stale:
            page.stale = False
            page.refresh()

    def current_page(self) -> ListPage:
        return self.pages[self.current_kind]

    def current_scope(self) -> str | None:
        """The org unit picked in the tree (None: everything)."""
        return ui_settings.LAST_ORG_UNIT.get(self.settings) or None

    def scope_name(self, org_unit_id: str | None) -> str:
        """The tree's name of an org unit ("" for everything or while the tree is loading)."""
        if not org_unit_id:
            return ""
        matches = self.tree_model.match(
            self.tree_model.index(0, 0),
            OrgUnitIdRole,
            org_unit_id,
            1,
            Qt.MatchFlag.MatchExactly | Qt.MatchFlag.MatchRecursive,
        )
        return str(matches[0].data()) if matches else ""

    def _scope_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if not indexes:
            return
        org_unit_id = str(indexes[0].data(OrgUnitIdRole) or "")
        ui_settings.LAST_ORG_UNIT.set(self.settings, org_unit_id)
        self.search.set_scope(org_unit_id)
        if self.showing_today:  # the list page follows when it is shown
            self.today_page.set_scope(org_unit_id, self.scope_name(org_unit_id))
            return
        self.current_page().set_scope(org_unit_id, self.scope_name(org_unit_id))

    def _changed(self, entities: frozenset[str]) -> None:
        # Only the visible page reloads now; the others reload when they are shown.
        for kind, page in self.pages.items():
            if kind == self.current_kind and not self.showing_today:
                page.on_changed(entities)
            elif entities & LIST_ENTITIES[kind]:
                page.stale = True
        if self.showing_today:
            self.today_page.on_changed(entities)
        self.refresh_pending()

    def refresh_pending(self) -> None:
        if self.sync is not None:  # the sync controller owns the status bar's sync labels
            self.sync.refresh_status()
            return

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
            # The file's window brings attachments and their upload (httpx, pydantic): not at start-up.
            from yulu_desktop.ui.person_window import PersonWindow

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
        dialog = self.new_visit(hit, parent=window)
        dialog.recorded.connect(window.visit_recorded)  # confirmed where the cadre looks

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

    # --- the data and print menus ----------------------------------------------------------------------------

    def _build_menus(self) -> None:
        data = self.menuBar().addMenu(self.tr("数据(&D)"))
        data.setObjectName("dataMenu")
        self.import_action = data.addAction(icon("import"), self.tr("导入 Excel…"))
        self.import_action.triggered.connect(lambda: self.open_import())
        self.reconcile_action = data.addAction(self.tr("核对国家系统数据…"))
        self.reconcile_action.triggered.connect(lambda: self.open_reconcile())
        self.register_household_action = add_register_action(self, data)  # 登记新户… (ui/household)
        data.addSeparator()
        self.export_action = data.addAction(icon("export"), self.tr("导出当前清单 Excel…"))
        self.export_action.triggered.connect(self._export_current)
        self.backup_actions = BackupActions(self, data)  # 备份… / 从备份恢复…, automatic backups
        # 雨露计划补助 (issue 15): a window of its own; in the menu only, the toolbar has no room.
        data.addSeparator()
        self.subsidy_action = data.addAction(self.tr("雨露计划补助…"))
        self.subsidy_action.setShortcut(QKeySequence("Ctrl+B"))
        self.subsidy_action.triggered.connect(lambda: self.open_subsidy())
        # 雨露计划就业 (issue 16): schools, enterprises, positions, fairs, follow-ups, statistics.
        self.employment_action = data.addAction(self.tr("雨露计划就业…"))
        self.employment_action.setShortcut(QKeySequence("Ctrl+J"))
        self.employment_action.triggered.connect(lambda: self.open_employment())
        printing_menu = self.menuBar().addMenu(self.tr("打印(&P)"))
        printing_menu.setObjectName("printMenu")
        self.print_list_action = printing_menu.addAction(icon("print"), self.tr("打印当前清单…"))
        self.print_list_action.triggered.connect(self._print_current)
        printing_menu.addSeparator()
        self.batch_dossiers_action = printing_menu.addAction(self.tr("本村一人一档（批量）…"))
        self.batch_dossiers_action.triggered.connect(lambda: self.batch_print("dossiers"))
        self.batch_forms_action = printing_menu.addAction(self.tr("本村补助申请表（批量）…"))
        self.batch_forms_action.triggered.connect(lambda: self.batch_print("forms"))
        printing_menu.addSeparator()
        self.publicity_action = printing_menu.addAction(self.tr("公示名单…"))
        self.publicity_action.triggered.connect(lambda: self.print_publicity())
        printing_menu.addSeparator()
        self.scan_action = scan_action(self)  # 扫码核对 (ui/scan_dialog.py)
        self.scan_action.triggered.connect(lambda: self.open_scan())
        printing_menu.addAction(self.scan_action)
        self._build_language_menu()

    def _build_language_menu(self) -> None:
        """设置 → 界面语言: each language named in itself; the choice applies at the next start."""
        settings_menu = self.menuBar().addMenu(self.tr("设置(&T)"))
        settings_menu.setObjectName("settingsMenu")
        languages = settings_menu.addMenu(self.tr("界面语言"))
        group = QActionGroup(languages)
        current = ui_settings.LANGUAGE.get(self.settings)
        self.language_actions: dict[str, QAction] = {}
        for code, name in (("zh_CN", "简体中文"), ("en", "English")):
            action = languages.addAction(name)
            action.setCheckable(True)
            action.setChecked(code == current)
            action.setActionGroup(group)
            action.triggered.connect(lambda _checked=False, code=code: self.choose_language(code))
            self.language_actions[code] = action
        settings_menu.addSeparator()
        self.idle_lock_action = settings_menu.addAction(self.tr("自动锁定时间…"))
        self.idle_lock_action.triggered.connect(self.choose_idle_lock)
        self.lock_action = settings_menu.addAction(self.tr("立即锁定"))
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.idle_lock.lock())
        settings_menu.addSeparator()
        self.users_action = settings_menu.addAction(self.tr("本机用户…"))
        self.users_action.triggered.connect(lambda: self.open_users())

    def open_scan(self) -> ScanDialog:
        """打印 → 扫码核对: one dialog, kept open for a pile of papers; each scan opens its person."""
        dialog = self.findChild(ScanDialog)
        if dialog is None:
            dialog = ScanDialog(self.worker, self)
            dialog.openPerson.connect(self.open_person)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        dialog.field.setFocus()
        return dialog

    def open_users(self) -> UsersDialog:
        """设置 → 本机用户: who may unlock this laptop's database (ui/users_dialog.py)."""
        dialog = UsersDialog(self.worker, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def choose_idle_lock(self) -> None:
        """Minutes without input before the window locks (0: never)."""
        minutes, ok = QInputDialog.getInt(
            self,
            self.tr("自动锁定"),
            self.tr("多少分钟没有操作后自动锁定（0 表示不自动锁定）："),
            ui_settings.IDLE_LOCK_MINUTES.get(self.settings),
            0,
            240,
        )
        if ok:
            self.idle_lock.set_idle_minutes(minutes)

    def _verify_passphrase(self, passphrase: str) -> None:
        """Raises unless ``passphrase`` opens the database (runs on the lock dialog's thread)."""
        db = self.worker.database
        if db is None:
            raise YuluError(self.tr("数据库未打开"))
        db.verify_passphrase(passphrase)

    def choose_language(self, language: str) -> None:
        if language == ui_settings.LANGUAGE.get(self.settings):
            return
        ui_settings.LANGUAGE.set(self.settings, language)
        self.statusBar().showMessage(self.tr("界面语言将在下次启动雨露时生效"), 10000)

    # --- sync with the county server ---------------------------------------------------------------------

    def _attach_sync(self, sync: SyncController) -> None:
        """Status bar, a 同步 menu (sync now / cancel, conflicts) and progress messages from the sync worker."""
        sync.attach(self.pending_label, self.sync_label, self.connection_label)
        self.worker.changed.connect(sync.note_local_change)
        sync.error.connect(self.show_error)
        sync.warning.connect(self.show_error)
        sync.progress.connect(self._sync_progress)
        menu = self.menuBar().addMenu(self.tr("同步(&S)"))
        menu.setObjectName("syncMenu")
        self.sync_action = menu.addAction(self.tr("立即同步"))
        self.sync_action.setShortcut(QKeySequence("F5"))
        self.sync_action.triggered.connect(lambda: setup_menu.sync_or_enroll(self))  # not enrolled: connect
        sync.started.connect(lambda _manual: self.sync_action.setText(self.tr("取消同步")))
        sync.finished.connect(self._sync_finished)
        self.conflicts_action = menu.addAction(self.tr("冲突处理…"))
        self.conflicts_action.triggered.connect(self.open_conflicts)
        menu.addSeparator()
        self.export_bundle_action = menu.addAction(self.tr("导出U盘同步文件…"))
        self.export_bundle_action.triggered.connect(lambda: self.export_bundle())
        self.import_reply_action = menu.addAction(self.tr("导入县里回执…"))
        self.import_reply_action.triggered.connect(lambda: self.import_reply())

    def export_bundle(self, target: Path | None = None) -> None:
        """USB sync: everything the county has not acknowledged into a file (asks where unless given);
        ``self.bundle_task`` is the running export."""
        # Loads the sync protocol (pydantic, httpx), which start-up does not need.
        from yulu_desktop.ui import bundle_actions

        if target is None:
            setup_menu.enrolled_then(
                self, lambda: bundle_actions.device_id_then(self.worker, self._export_bundle_to)
            )
            return
        self._run_bundle_task(bundle_actions.export_task(self.worker, target, self))

    def _export_bundle_to(self, device_id: str) -> None:
        from yulu_desktop.ui import bundle_actions  # loaded already by export_bundle

        target = bundle_actions.choose_export_path(self, device_id)
        if target is not None:
            self.export_bundle(target)

    def import_reply(self, source: Path | None = None) -> None:
        """USB sync: apply the county's reply file (asks for it unless given), then refresh like a sync."""
        # Loads the sync protocol (pydantic, httpx), which start-up does not need.
        from yulu_desktop.ui import bundle_actions

        source = source or bundle_actions.choose_reply_path(self)
        if source is not None:
            self._run_bundle_task(bundle_actions.import_task(self.worker, source, self))

    def _run_bundle_task(self, task: bundle_actions.BundleTask) -> None:
        task.finished.connect(lambda result, t=task: self._bundle_finished(t, result))
        self.bundle_task = task
        task.start()

    def _bundle_finished(self, task: bundle_actions.BundleTask, result: object) -> None:
        from yulu_desktop.sync.bundle import ExportReport, ImportReport
        from yulu_desktop.ui import bundle_actions

        if isinstance(result, ExportReport):
            self.statusBar().showMessage(bundle_actions.export_summary(result), 15000)
        elif isinstance(result, ImportReport):
            self.statusBar().showMessage(bundle_actions.import_summary(result), 15000)
            self._data_arrived()
        elif task.cancelled:
            self.statusBar().showMessage(self.tr("已取消"), 5000)
        else:
            self.show_error(task.error)
        task.deleteLater()
        if self.bundle_task is task:
            self.bundle_task = None

    def _sync_progress(self, stage: str, done: int, total: int) -> None:
        from yulu_desktop.ui.sync_worker import progress_text  # loaded already: the controller exists

        self.statusBar().showMessage(progress_text(stage, done, total), 5000)

    def _sync_finished(self, report: object) -> None:
        from yulu_desktop.ui.sync_worker import Connection  # loaded already: the controller exists

        self.sync_action.setText(self.tr("立即同步"))
        status = self.sync.last_status if self.sync is not None else None
        if report is None and status is not None and status.connection is Connection.NOT_ENROLLED:
            return  # a laptop not connected yet (the attempt 1 s after start): nothing arrived, nothing to reload
        self._data_arrived()

    def _data_arrived(self) -> None:
        """Synced data came in (online or from a USB reply): refresh the lists, counts and conflicts."""
        self.refresh_pending()
        for page in self.pages.values():
            page.stale = True
        if self.showing_today:  # the list page behind it reloads when shown (it is stale)
            self.today_page.refresh()
        else:
            self.current_page().on_changed(frozenset(LIST_ENTITIES[self.current_kind]))
        if self.conflicts_page is not None:
            self.conflicts_page.reload()

    def open_subsidy(self, *, person_id: str | None = None, term: str | None = None) -> QWidget:
        """The 雨露计划补助 window (ui/subsidy); with a person and term, on that person's application."""
        from yulu_desktop.ui.subsidy.window import open_subsidy_window  # not at start-up

        window = open_subsidy_window(self.worker, self.actor, parent=self, person_opener=self.open_person)
        if person_id and term:
            window.open_person_application(person_id, term)
        return window

    def open_employment(self) -> QWidget:
        """The 雨露计划就业 window (ui/employment)."""
        from yulu_desktop.ui.employment.window import open_employment_window  # not at start-up

        return open_employment_window(self.worker, self.actor, parent=self, person_opener=self.open_person)

    def open_conflicts(self) -> ConflictsPage:
        """The conflicts found by sync, with keep mine / keep theirs / edit, in a window of their own."""
        # In a dialog with 关闭 and Esc, sized to the screen (ui/conflicts_window.py).
        if self.conflicts_page is None:
            self.conflicts_page = conflicts_window(self.worker, self.actor, self)
            self.conflicts_page.resolved.connect(lambda _id: self.refresh_pending())
        self.conflicts_page.reload()
        window = self.conflicts_page.window()
        window.show()
        window.raise_()
        return self.conflicts_page

    def _export_current(self) -> None:
        page = self.current_page()
        if page.export_button is None or self.showing_today:
            self.show_error(self.tr("请先切换到意愿清单、在读学生清单或毕业生去向清单"))
            return
        page.export_excel()

    def _print_current(self) -> None:
        page = self.current_page()
        if page.print_button is None or self.showing_today:
            self.show_error(self.tr("请先切换到意愿清单、在读学生清单或毕业生去向清单"))
            return
        page.print_register()

    def open_import(self, path: str | None = None, kind: str | None = None) -> ImportWizard:
        """The import wizard; a finished import refreshes the tree, the current page and the pending count."""
        wizard = open_import_wizard(self.worker, actor=self.actor, parent=self, path=path, kind=kind)
        wizard.imported.connect(self._imported)
        return wizard

    def _imported(self, report: object) -> None:
        self.statusBar().showMessage(self.tr("导入完成"), 5000)
        self.worker.submit(lambda db: lists.org_tree(db), self._tree_loaded)  # new villages
        for kind, page in self.pages.items():
            if kind == self.current_kind:
                page.refresh()
            else:
                page.stale = True
        self.refresh_pending()

    def open_reconcile(self) -> ReconcilePage:
        return open_reconcile_page(self.worker, parent=self)

    def _villages(self) -> list[tuple[str, str]]:
        """Every village in the tree: (id, "乡镇 村")."""
        found: list[tuple[str, str]] = []

        def walk(node: lists.OrgNode, path: str) -> None:
            name = f"{path} {node.name}".strip() if node.level != "county" else ""
            if node.level == "village":
                found.append((node.id, name))
            for child in node.children:
                walk(child, name)

        for root in self.org_roots:
            walk(root, "")
        return found

    def _terms(self, then: Callable[[list[str]], None]) -> None:
        """The terms with schooling recorded (``2025-autumn``, newest first), given to ``then``."""

        def job(db: Database) -> list[str]:
            return newest_first(list_term_to_print_term(key) for key, _label in lists.student_terms(db))

        self.worker.submit(job, then)

    def batch_print(
        self,
        what: str,
        *,
        org_unit_id: str | None = None,
        target: Path | None = None,
        term: str | None = None,
        signed: tuple[bool, str] | None = None,
    ) -> None:
        """All dossiers (``what="dossiers"``) or forms (``"forms"``) of the village or township picked, into
        one PDF; asks for the term (forms), whether the forms are the signed copies (``signed``: full, reason)
        and the file unless given. ``self.batch`` is the running batch."""
        scope = org_unit_id or self.current_scope()
        if not scope:
            self.show_error(self.tr("请先在左侧区划树中选择一个村或乡镇"))
            return
        if what == "forms" and term is None:
            self._terms(lambda terms: self._batch_forms_with_terms(scope, terms, target))
            return
        if what == "forms" and signed is None:
            signed = ask_signed_copy(self)
            if signed is None:
                return
        full, reason = signed or (False, "")
        place = self.scope_name(scope)
        title = self.tr("一人一档") if what == "dossiers" else self.tr("补助申请表")
        if target is None:
            printing.warm_batch_workers()  # while the user chooses the file
            stem = f"{title}_{place}" + (f"_{term}" if term else "")
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("保存批量打印的 PDF"), default_path(f"{stem}.pdf"), self.tr("PDF 文件 (*.pdf)")
            )
            if not name:
                return
            target = Path(name) if name.lower().endswith(".pdf") else Path(name + ".pdf")
        actor, path, chosen, workers = self.actor, target, term or "", printing.batch_workers()

        def run(db: Database, progress: Callable[[str, int, int], None], cancel: CancelToken) -> BatchResult:
            code = org_code(db, scope)
            if what == "dossiers":
                return printing.print_dossiers(
                    db, code, path, actor, progress=progress, cancel=cancel, workers=workers
                )
            return printing.print_forms(
                db,
                code,
                chosen,
                path,
                actor,
                progress=progress,
                cancel=cancel,
                full=full,
                reason=reason,
                workers=workers,
            )

        batch = BatchPrint(self.worker, run, title=title, target=path, parent=self)
        batch.finished.connect(lambda result, b=batch: self._batch_finished(b, result))
        self.batch = batch
        batch.start()

    def _batch_forms_with_terms(self, scope: str, terms: list[str], target: Path | None) -> None:
        if not terms:
            self.show_error(self.tr("还没有学籍记录，无法打印补助申请表"))
            return
        term = choose_term(self, self.tr("本村补助申请表（批量）"), terms)
        if term is not None:
            self.batch_print("forms", org_unit_id=scope, target=target, term=term)

    def _batch_finished(self, batch: BatchPrint, result: BatchResult | None) -> None:
        if result is not None:
            message = self.tr("已生成 {0} 份，保存到 {1}").format(result.printed, batch.target)
            if result.skipped:
                box = QMessageBox(
                    QMessageBox.Icon.Information,
                    self.tr("批量打印"),
                    message + "\n" + self.tr("以下 {0} 人未打印：").format(len(result.skipped)),
                    QMessageBox.StandardButton.Ok,
                    self,
                )
                box.setDetailedText("\n".join(result.skipped))
                box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                box.open()
            self.statusBar().showMessage(message, 15000)
        elif batch.cancelled:
            self.statusBar().showMessage(self.tr("已取消批量打印，没有生成文件"), 5000)
        else:
            self.show_error(batch.error)
        batch.deleteLater()
        if self.batch is batch:
            self.batch = None

    def print_publicity(self) -> PublicityDialog | None:
        """Ask for village, term and contact, then preview the 公示名单."""
        villages = self._villages()
        if not villages:
            self.show_error(self.tr("还没有行政村，无法生成公示名单"))
            return None
        dialog = PublicityDialog(
            villages, [], village_id=self.current_scope(), contact_person=self.actor, parent=self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def fill(terms: list[str]) -> None:
            if shiboken6.isValid(dialog):
                dialog.set_terms(terms)

        self._terms(fill)
        dialog.accepted.connect(lambda: self._preview_publicity(dialog.values()))
        dialog.open()
        return dialog

    def _preview_publicity(self, values: dict[str, Any]) -> PrintPreviewDialog:
        village = self.scope_name(values["village_id"])
        term = values["term"]
        return open_print_preview(
            self.worker,
            publicity_pdf(actor=self.actor, **values),
            title=self.tr("公示名单 {0} {1}").format(village, rules.term_label(term)),
            file_name=f"公示名单_{village}_{term}.pdf",
            parent=self,
        )

    # --- closing ---------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.idle_lock.locked:  # closing would drop what is under the cover
            event.ignore()
            return
        for window in list(self.person_windows.values()):
            if not window.close():
                event.ignore()
                return
        self.settings.setValue("window/geometry", self.saveGeometry())
        ui_settings.LAST_PAGE.set(self.settings, TODAY_KIND if self.showing_today else self.current_kind)
        self.settings.sync()
        self.idle_lock.shutdown()
        event.accept()
