"""The base of every page the employment window hosts (issue 16).

``EmploymentPage(worker, actor, acting, *, today=None, parent=None)`` keeps the database worker, the local author
name (``actor``), the laptop's account (``acting``: name and role, read once by the window), ``today`` and the
graduation year chosen on top of the window (``graduation_year``; None = every year). A page loads on the
database worker with ``run(fn, on_done)`` — ``fn(db)`` there, ``on_done(result)`` back on the GUI thread, a
refusal (``YuluError``) shown by ``show_error`` on the page's one message line, anything else (a bug) on the
worker's one error display. A page that wrote something emits ``changed`` (``write`` does it) so that the window
refreshes the other pages.

A simple page overrides ``load(db)`` (on the worker) and ``show_loaded(data)`` (on the GUI thread); ``refresh``
then runs them, dropping a result that a newer load overtook. A page may override ``refresh`` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import Any, ClassVar

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.access import Actor, Role
from yulu_desktop.services.employment_reference import COUNTY_ROLES
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon, translate
from yulu_desktop.ui.message_line import heading_label, message_label, say, show_failure
from yulu_desktop.ui.models import Index, RecordsTableModel
from yulu_desktop.ui.person.widgets import table
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.table_models import Column, RowsModel, error_text, rows_view
from yulu_desktop.ui.worker import DbWorker

__all__ = [
    "EMPLOYMENT_ENTITIES",
    "EmploymentPage",
    "OverdueListPage",
    "OverdueModel",
    "TablePage",
    "error_text",
]

_OVERDUE = QColor("#b71c1c")

#: Entities whose writes change what the employment pages show.
EMPLOYMENT_ENTITIES = frozenset(
    {
        "school",
        "enterprise",
        "employment_agreement",
        "job_position",
        "job_fair",
        "fair_invitation",
        "job_referral",
        "employment_follow_up",
        "career_plan",
        "policy_campaign",
        "campaign_reach",
        "placement_action",
        "employment_record",
        "enrollment",
        "person",
    }
)


class OverdueModel(RecordsTableModel):
    """A table of text rows (``ui.models.RecordsTableModel``) whose overdue rows are red (the 未就业 list's late
    actions, 稳岗回访's late follow-ups)."""

    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._overdue: list[bool] = []

    def set_overdue_rows(self, rows: list[tuple[str, ...]], ids: list[str], overdue: list[bool]) -> None:
        self._overdue = overdue
        self.set_rows(rows, ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._overdue):
            return _OVERDUE if self._overdue[index.row()] else None
        return super().data(index, role)


class EmploymentPage(QWidget):
    """A page of the employment window: worker, author name, account, today, graduation year, a message line."""

    #: The person with this id is to be opened (a double click on a line).
    openPerson = Signal(str)
    #: The page wrote something: the window refreshes the other pages.
    changed = Signal()
    #: A load finished (or failed) and the page shows it (tests wait for it).
    loaded = Signal()
    #: The page follows the worker's data changes itself (the window leaves it alone).
    follows_changes = False

    #: The entities a page's writes change by default (``write``'s ``changes``).
    writes: ClassVar[frozenset[str]] = EMPLOYMENT_ENTITIES

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        acting: Actor,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.actor = actor
        self.acting = acting
        self.today = today
        self.graduation_year: int | None = None
        self.message = message_label("employmentMessage")
        self._generation = 0

    # --- the account ------------------------------------------------------------------------------------------

    @property
    def role(self) -> Role:
        return self.acting.role

    @property
    def is_county(self) -> bool:
        return self.acting.role in (Role.COUNTY, Role.COUNTY_ADMIN)

    @property
    def is_township_or_county(self) -> bool:
        return self.is_county or self.acting.role == Role.TOWNSHIP

    # --- loading ----------------------------------------------------------------------------------------------

    def set_graduation_year(self, year: int | None) -> None:
        """Show ``year``'s graduates (None: every year) and reload."""
        self.graduation_year = year
        self.refresh()

    def load(self, db: Database) -> Any:  # pragma: no cover - a page overrides load or refresh
        """The page's data (on the worker thread)."""
        return None

    def show_loaded(self, data: Any) -> None:  # pragma: no cover - a page overrides show_loaded or refresh
        """Show what ``load`` returned (on the GUI thread)."""

    def refresh(self) -> None:
        """Reload the page on the worker (``load`` there, ``show_loaded`` here); an overtaken result is dropped."""
        self._generation += 1
        generation = self._generation
        load = self.load

        def arrived(data: Any) -> None:
            if generation != self._generation:
                return
            self.show_loaded(data)
            self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self.show_error(error)
                self.loaded.emit()

        self.worker.submit(load, while_alive(self, arrived), while_alive(self, failed))

    # --- running and writing ----------------------------------------------------------------------------------

    def run(
        self,
        fn: Callable[[Database], Any],
        on_done: Callable[[Any], None],
        *,
        on_error: Callable[[BaseException], None] | None = None,
        changes: Iterable[str] = (),
    ) -> None:
        """Run ``fn(db)`` on the worker, then ``on_done(result)`` here; a failure goes to ``on_error`` when given,
        else to ``show_error``. ``changes`` names the entities a write changed (for ``DbWorker.changed``)."""
        self.worker.submit(fn, on_done, on_error or self.show_error, changes=frozenset(changes))

    def write(
        self,
        fn: Callable[[Database], Any],
        on_done: Callable[[Any], None] | None = None,
        *,
        done_text: str = "",
        on_error: Callable[[BaseException], None] | None = None,
        changes: Iterable[str] | None = None,
    ) -> None:
        """Run a write: on success show ``done_text`` (if any), call ``on_done``, reload the page and emit
        ``changed``; a refusal is shown by ``on_error`` or ``show_error``."""

        def succeeded(result: Any) -> None:
            if done_text:
                self.say(done_text)
            if on_done is not None:
                on_done(result)
            self.refresh()
            self.changed.emit()

        self.run(
            fn,
            succeeded,
            on_error=on_error,
            changes=self.writes if changes is None else changes,
        )

    # --- the message line -------------------------------------------------------------------------------------

    def say(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` on the message line (red, with the property ``error``, for a refusal)."""
        say(self.message, text, error=error)

    def show_error(self, exc: BaseException) -> None:
        """A refusal's Chinese text on the message line; anything else (a bug) to the worker's error display."""
        show_failure(self.worker, self.message, exc)

    @staticmethod
    def make_heading(text: str = "", name: str = "employmentHeading") -> QLabel:
        """A page's title line (bold, larger)."""
        return heading_label(text, name)


class OverdueListPage(EmploymentPage):
    """A page listing people, overdue rows in red (未就业, 稳岗回访): the heading and a count on top, the table
    (``view`` of ``model``, one row selected at a time), the message line and the buttons below; 打开档案 opens
    the selected person. A subclass calls ``build_list`` then ``lay_out_list`` in ``__init__``, and gives
    ``selected`` (the row selected, with its ``person_id``) and ``update_buttons``."""

    def build_list(self, heading: str, count_name: str, headers: list[str], open_text: str) -> None:
        """The heading, the count, the table of ``headers`` and the 打开档案 button (``open_text``)."""
        self.heading = self.make_heading(heading)
        self.count_label = QLabel()
        self.count_label.setObjectName(count_name)
        self.model = OverdueModel(headers, self)
        self.view = table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(lambda *_: self.update_buttons())
        self.open_button = QPushButton(icon("person"), open_text)
        self.open_button.clicked.connect(self.open_selected)

    def lay_out_list(
        self, *, top: Sequence[QWidget] = (), above: Sequence[QWidget] = (), buttons: Sequence[QWidget] = ()
    ) -> None:
        """The heading, the count and ``top`` on one line, ``above`` the table, then the message line, 打开档案
        and ``buttons`` (the line ``bottom``, where a subclass may add more)."""
        top_line = QHBoxLayout()
        top_line.addWidget(self.heading)
        top_line.addWidget(self.count_label, 1)
        for widget in top:
            top_line.addWidget(widget)
        bottom = self.bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.open_button)
        for widget in buttons:
            bottom.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top_line)
        for widget in above:
            layout.addWidget(widget)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.update_buttons()

    def selected(self) -> Any:  # pragma: no cover - every list page overrides it
        """The row selected in the table, or None."""
        raise NotImplementedError

    def update_buttons(self) -> None:
        """Enable the buttons that need a selected row."""
        self.open_button.setEnabled(self.selected() is not None)

    def open_selected(self) -> None:
        row = self.selected()
        if row is not None:
            self.openPerson.emit(row.person_id)


class TablePage(EmploymentPage):
    """A page of one table of service rows (``load`` returns them), a filter box, and 新增/修改/删除 for a role
    that may write (``may_write``: one of ``writers``). Subclasses give ``columns``, ``load``, and
    ``add``/``edit``/``delete``; a row this laptop may not change (``refusal``) keeps 修改 and 删除 disabled, the
    reason in their tooltip and, while the row is selected, on the message line. A double click or Enter on a row
    opens it: ``edit`` where it may be changed, ``view`` (read only, with the reason on top) where not — the row's
    ``refusal``, or on a page this laptop's role writes nothing on, ``role_refusal``."""

    #: The object name of the table (tests find it).
    table_name: ClassVar[str] = "employmentTable"
    #: The roles that add, change and delete the page's rows: the sets the service checks
    #: (``services.employment_reference``), so that the page offers what the service allows.
    writers: ClassVar[frozenset[Role]] = COUNTY_ROLES

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
        self.model = RowsModel(self.columns(), lambda row: str(row.id), self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = rows_view(self.model, self.table_name, multi=False)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        # The services' order until a heading is clicked (no sort indicator, no row numbers).
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.proxy.sort(-1)
        self.table.verticalHeader().setVisible(False)
        self.table.doubleClicked.connect(lambda _index: self._edit_current())
        # Enter opens the row too (the table itself only emits activated, which a single click also emits where
        # the platform activates items on a single click).
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            QShortcut(
                QKeySequence(key), self.table, self._edit_current, context=Qt.ShortcutContext.WidgetShortcut
            )
        # After setModel: it replaced the selection model.
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.update_actions())
        self.filter = QLineEdit()
        self.filter.setObjectName("employmentFilter")
        self.filter.setPlaceholderText(self.tr("筛选：输入名称、地点等任意文字"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.add_button = QPushButton(self.tr("新增…"))
        self.add_button.setObjectName("addButton")
        self.edit_button = QPushButton(self.tr("修改…"))
        self.edit_button.setObjectName("editButton")
        self.delete_button = QPushButton(self.tr("删除"))
        self.delete_button.setObjectName("deleteButton")
        self.add_button.clicked.connect(lambda: self.add())
        self.edit_button.clicked.connect(self._edit_current)
        self.delete_button.clicked.connect(self._delete_current)
        self.count_label = QLabel()
        self.count_label.setObjectName("employmentCount")
        # The row (id) and refusal ``update_actions`` last put on the message line; None: none shown.
        self._told: tuple[str, str] | None = None

        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.filter, 1)
        for button in (self.add_button, self.edit_button, self.delete_button):
            self.toolbar.addWidget(button)
            button.setVisible(self.may_write())
        self.toolbar.addWidget(self.count_label)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(4, 4, 4, 4)
        self.layout_.addLayout(self.toolbar)
        self.layout_.addWidget(self.table, 1)
        self.layout_.addWidget(self.message)

    def columns(self) -> list[Column]:  # pragma: no cover - every table page overrides it
        raise NotImplementedError

    def may_write(self) -> bool:
        """Whether this laptop's role adds, edits and deletes the page's rows."""
        return self.role in self.writers

    def noun(self) -> str:
        """What the page's rows are called in a sentence (``role_refusal``: 本机（村级）只能查看岗位…)."""
        return translate("TablePage", "这些记录")

    def role_refusal(self) -> str:
        """Why this laptop's role changes no row of the page, naming its level and the levels that do:
        本机（村级）只能查看岗位，岗位由乡镇或县里录入和修改。"""
        what = self.noun()
        return translate("TablePage", "本机（{0}）只能查看{1}，{1}由{2}录入和修改。").format(
            _level(self.role), what, _writer_levels(self.writers)
        )

    def show_loaded(self, data: Any) -> None:
        current = self.current_row()
        self.model.set_rows(data)
        self.count_label.setText(self.tr("共 {0} 条").format(len(self.model.rows)))
        if current is not None:
            self.select(str(current.id))
        self.update_actions()  # a model reset clears the selection without selectionChanged

    # --- selection --------------------------------------------------------------------------------------------

    def current_row(self) -> Any:
        """The row selected in the table, or None."""
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.model.row(self.proxy.mapToSource(rows[0]).row())

    def select(self, key: str) -> bool:
        """Select the row with id ``key``; False when it is not shown."""
        number = self.model.find(key)
        if number is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(number, 0))
        if not index.isValid():
            return False
        self.table.selectRow(index.row())
        return True

    # --- what the selected row allows -------------------------------------------------------------------------

    def refusal(self, row: Any) -> str | None:
        """Why this laptop may not change or delete ``row`` (a person's sentence), or None when it may. The
        service refuses such a change anyway; the page only spares the cadre the attempt."""
        return None

    def update_actions(self) -> None:
        """修改 and 删除 disabled on a row this laptop may not change, the reason in their tooltip and on the
        message line; the reason leaves the line when the selection moves to a row that may be changed."""
        row = self.current_row()
        why = self.refusal(row) if row is not None else None
        for button in (self.edit_button, self.delete_button):
            button.setEnabled(why is None)
            button.setToolTip(why or "")
        self._tell_refusal(None if why is None or not self.may_write() else (str(row.id), why))

    def _tell_refusal(self, told: tuple[str, str] | None) -> None:
        """Show the refusal of the selected row on the message line, once per row (a reload after a write keeps
        the write's message), and take it away when no longer true; any other message stays."""
        if told == self._told:
            return
        if told is not None:
            self.say(told[1], error=True)
        elif self._told is not None and self.message.text() == self._told[1]:
            self.message.clear()
        self._told = told

    def _edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            self.say(self.tr("请先在表中选中一行"), error=True)
            return
        if not self.may_write():  # a role that changes nothing here: every row shown, none edited
            self.view(row, self.role_refusal())
            return
        why = self.refusal(row)
        if why is not None:  # a row of another unit: shown, not edited
            self.view(row, translate("TablePage", "本机只能查看这条记录：{0}").format(why))
            return
        self.edit(row)

    def _delete_current(self) -> None:
        row = self.current_row()
        if row is None:
            self.say(self.tr("请先在表中选中一行"), error=True)
            return
        why = self.refusal(row)
        if why is not None:
            self.say(why, error=True)
            return
        self.delete(row)

    # --- writes (pages override) ------------------------------------------------------------------------------

    def add(self) -> None:  # pragma: no cover - pages with 新增 override it
        pass

    def edit(self, row: Any) -> None:  # pragma: no cover - pages with 修改 override it
        pass

    def view(self, row: Any, why: str) -> None:  # pragma: no cover - every table page is a ReferencePage
        """Show ``row`` read only, ``why`` (the sentence saying why it may not be changed) on top; a page without
        a read-only view says why on the message line."""
        self.say(why, error=True)

    def delete(self, row: Any) -> None:  # pragma: no cover - pages with 删除 override it
        pass

    def delete_reference(self, entity: str, row: Any, name: str) -> None:
        """Delete a reference row after a confirmation (the service refuses one still referenced)."""
        answer = QMessageBox.question(
            self,
            self.tr("删除"),
            self.tr("确定删除“{0}”吗？").format(name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        actor, record_id = self.actor, str(row.id)

        def job(db: Database) -> None:
            from yulu_desktop.services import employment_reference

            employment_reference.delete_reference(db, entity, record_id, actor=actor)

        self.write(job, done_text=self.tr("已删除“{0}”").format(name), changes={entity})


def _level(role: Role) -> str:
    """The level of a laptop of ``role``, as the cadres say it: 村级, 乡镇级, 县级."""
    if role == Role.VILLAGE:
        return translate("TablePage", "村级")
    if role == Role.TOWNSHIP:
        return translate("TablePage", "乡镇级")
    return translate("TablePage", "县级")


def _writer_levels(writers: frozenset[Role]) -> str:
    """Who enters the rows ``writers`` may write, lowest level first: 县里, 乡镇或县里, 村、乡镇或县里."""
    places = [
        place
        for roles, place in (
            ({Role.VILLAGE}, translate("TablePage", "村里")),
            ({Role.TOWNSHIP}, translate("TablePage", "乡镇")),
            ({Role.COUNTY, Role.COUNTY_ADMIN}, translate("TablePage", "县里")),
        )
        if roles & writers
    ]
    if len(places) == 1:
        return places[0]
    return translate("TablePage", "{0}或{1}").format(
        translate("TablePage", "、").join(places[:-1]), places[-1]
    )
