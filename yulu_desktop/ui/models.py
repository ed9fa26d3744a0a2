"""Qt models: thin adapters over the read services (no SQL here).

``LazyListModel`` shows one list of ``services.lists`` and fetches it a page at a time as the view scrolls
(``canFetchMore``/``fetchMore``); sorting and filtering go back to the database. The next page starts after the
last loaded row's sort key (keyset paging), so a page deep in a county list costs what the first one does. Every
fetch is a job on the database worker; the rows arrive through a queued signal and are inserted with
``beginInsertRows``.

The model holds a window of at most ``WINDOW_ROWS`` rows of the list, not every row scrolled past: scrolled down
past the window, it forgets rows at the top (``offset`` counts them); scrolled back to its top, it fetches the
rows above (``fetch_before``: the page before the first row's key). ``windowMoved`` tells the view how many rows
came or went above what it shows, so it keeps showing the same rows (issue 20: a county's list scrolled to its
end held 200,000 rows, about 120 MB).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel

from yulu_desktop.services import lists
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store.database import Database
from yulu_desktop.ui.worker import DbWorker

Index = QModelIndex | QPersistentModelIndex

#: The id of the record in a row (for opening it).
RowIdRole = Qt.ItemDataRole.UserRole + 1
PersonIdRole = Qt.ItemDataRole.UserRole + 2
HouseholdIdRole = Qt.ItemDataRole.UserRole + 3
OrgUnitIdRole = Qt.ItemDataRole.UserRole + 4

PAGE_SIZE = 200
#: The most rows a list model holds (a window of the list around what the view shows): about 6 MB of rows.
WINDOW_ROWS = 10_000
#: Distinct texts of one column that loaded rows share (a village, a sex, a school: one string for every row
#: showing it). A column with more (names, ID numbers) stops sharing, so the table of texts stays small.
SHARED_TEXTS_PER_COLUMN = 4096


def column_label(label: str) -> str:
    """A column label of the read services (Chinese), translated for the user's language."""
    return QCoreApplication.translate("columns", label)


class LazyListModel(QAbstractTableModel):
    """One list (意愿清单, 在读学生清单, …) for a ``ListQuery``, loaded page by page as it is scrolled."""

    #: The total number of rows for the current query is known.
    countChanged = Signal(int)
    #: A page of rows has arrived (or the first page of a reload).
    pageLoaded = Signal()
    #: Rows were added (> 0) or forgotten (< 0) above the window's rows the view showed (see ``offset``).
    windowMoved = Signal(int)

    def __init__(self, worker: DbWorker, kind: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        self._spec = lists.spec(kind)
        self._query = lists.ListQuery()
        self._rows: list[lists.ListRow] = []
        #: Rows of the list above the window (forgotten while scrolling down).
        self._offset = 0
        self._total = 0
        self._fetching = False
        self._generation = 0
        self._shared: list[dict[str, str] | None] = []
        self.fetches = 0  # pages requested (the benchmark proves scrolling loads pages, not everything)

    # --- the query --------------------------------------------------------------------------------

    @property
    def kind(self) -> str:
        return self._spec.kind

    @property
    def spec(self) -> lists.ListSpec:
        return self._spec

    @property
    def query(self) -> lists.ListQuery:
        return self._query

    @property
    def total(self) -> int:
        return self._total

    @property
    def loading(self) -> bool:
        return self._fetching

    @property
    def offset(self) -> int:
        """How many rows of the list lie above the first row the model holds."""
        return self._offset

    def set_query(self, query: lists.ListQuery) -> None:
        if query != self._query:
            self._query = query
            self.reload()

    def update_query(self, **changes: Any) -> None:
        self.set_query(replace(self._query, **changes))

    def reload(self) -> None:
        """Forget the loaded rows and fetch the count and the first page for the current query."""
        self._generation += 1
        generation = self._generation
        self.beginResetModel()
        self._rows = []
        self._offset = 0
        self._shared = [{} for _ in self._spec.columns]
        self._total = 0
        self._fetching = True
        self.endResetModel()
        query, kind = self._query, self._spec.kind

        def job(db: Database) -> tuple[int, list[lists.ListRow]]:
            return lists.count(db, kind, query), lists.fetch(db, kind, query, limit=PAGE_SIZE)

        self.fetches += 1
        self._worker.submit(
            job, lambda result: self._first_page(generation, result), self._failed(generation)
        )

    def _failed(self, generation: int) -> Any:
        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._fetching = False
            self._worker.report_error(error)

        return failed

    def _first_page(self, generation: int, result: tuple[int, list[lists.ListRow]]) -> None:
        if generation != self._generation:
            return  # a newer query replaced this one while it ran
        total, rows = result
        self._fetching = False
        self._total = total
        self.countChanged.emit(total)
        self._insert(rows)
        self.pageLoaded.emit()

    def _insert(self, rows: Sequence[lists.ListRow]) -> None:
        """Append rows below the window, then forget as many at its top as it holds too many."""
        if not rows:
            return
        first = len(self._rows)
        compact = self._compact(rows, self._rows[-1] if self._rows else None)
        self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
        self._rows.extend(compact)
        self.endInsertRows()
        excess = len(self._rows) - WINDOW_ROWS
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), 0, excess - 1)
            del self._rows[:excess]
            self._offset += excess
            self.endRemoveRows()
            self.windowMoved.emit(-excess)

    def _insert_above(self, rows: Sequence[lists.ListRow]) -> None:
        """Put rows above the window, then forget as many at its bottom as it holds too many."""
        if not rows:
            return
        compact = self._compact(rows, None)
        self.beginInsertRows(QModelIndex(), 0, len(rows) - 1)
        self._rows[:0] = compact
        self._offset = max(self._offset - len(rows), 0)
        self.endInsertRows()
        excess = len(self._rows) - WINDOW_ROWS
        if excess > 0:
            self.beginRemoveRows(QModelIndex(), WINDOW_ROWS, len(self._rows) - 1)
            del self._rows[WINDOW_ROWS:]
            self.endRemoveRows()
        self.windowMoved.emit(len(rows))

    def _compact(self, rows: Sequence[lists.ListRow], before: lists.ListRow | None) -> list[lists.ListRow]:
        """The rows as the model keeps them (up to ``WINDOW_ROWS`` of them).

        Equal texts of a column are one string and ids equal to the row before are its string (about 1.3 KB →
        0.7 KB a row in the demo county). Every row keeps its sort key: the window may start or end at any row."""
        shared = self._shared
        while len(shared) < len(self._spec.columns):
            shared.append({})
        compact: list[lists.ListRow] = []
        for row in rows:
            cells = []
            for column, text in enumerate(row.cells):
                texts = shared[column]
                if texts is not None:
                    text = texts.setdefault(text, text)
                    if len(texts) > SHARED_TEXTS_PER_COLUMN:
                        shared[column] = None
                elif before is not None and before.cells[column] == text:
                    text = before.cells[column]
                cells.append(text)
            person_id = row.id if row.person_id == row.id else row.person_id
            household_id = row.household_id
            if before is not None:
                if person_id is not None and person_id == before.person_id:
                    person_id = before.person_id
                if household_id == before.household_id:
                    household_id = before.household_id
            before = lists.ListRow(row.id, person_id, household_id, tuple(cells), row.key)
            compact.append(before)
        return compact

    def trim(self, rows: int) -> None:
        """Keep the first ``rows`` rows of the window (whole pages) and forget the others; scrolling fetches
        them again."""
        keep = max(rows // PAGE_SIZE, 1) * PAGE_SIZE
        if len(self._rows) <= keep:
            return
        if self._fetching:
            self._generation += 1  # the page on its way follows rows that are gone
            self._fetching = False
        self.beginRemoveRows(QModelIndex(), keep, len(self._rows) - 1)
        del self._rows[keep:]
        self.endRemoveRows()

    # --- lazy fetching ---------------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._fetching and self._offset + len(self._rows) < self._total

    def can_fetch_before(self) -> bool:
        """Rows above the window were forgotten and none is on its way."""
        return not self._fetching and self._offset > 0 and bool(self._rows)

    def fetch_before(self) -> None:
        """Fetch the page above the window (the view was scrolled back to its top)."""
        if not self.can_fetch_before():
            return
        self._fetching = True
        generation, first = self._generation, self._rows[0]
        query, kind = self._query, self._spec.kind

        def job(db: Database) -> list[lists.ListRow]:
            return lists.fetch(db, kind, query, before=first.key, limit=PAGE_SIZE)

        def arrived(rows: list[lists.ListRow]) -> None:
            if generation != self._generation or not self._rows or self._rows[0] is not first:
                return
            self._fetching = False
            if len(rows) < PAGE_SIZE:
                self._offset = len(rows)  # the list starts there (rows removed since it was counted)
            self._insert_above(rows)
            self.pageLoaded.emit()

        self.fetches += 1
        self._worker.submit(job, arrived, self._failed(generation))

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, loaded = self._generation, len(self._rows)
        after = self._rows[-1].key if self._rows else None
        query, kind = self._query, self._spec.kind

        def job(db: Database) -> list[lists.ListRow]:
            return lists.fetch(db, kind, query, after=after, limit=PAGE_SIZE)

        def arrived(rows: list[lists.ListRow]) -> None:
            if generation != self._generation or loaded != len(self._rows):
                return
            self._fetching = False
            if len(rows) < PAGE_SIZE:
                # The list ended before the count said (rows removed since it was read): stop asking for more.
                self._total = self._offset + len(self._rows) + len(rows)
                self.countChanged.emit(self._total)
            self._insert(rows)
            self.pageLoaded.emit()

        self.fetches += 1
        self._worker.submit(job, arrived, self._failed(generation))

    # --- the table -----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spec.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._spec.columns):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            value = row.cells[index.column()]
            return value if len(value) > 12 else None
        if role == RowIdRole:
            return row.id
        if role == PersonIdRole:
            return row.person_id
        if role == HouseholdIdRole:
            return row.household_id
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._spec.columns):
            column = self._spec.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column_label(column.label)
            if role == Qt.ItemDataRole.ToolTipRole and column.sensitive:
                return QCoreApplication.translate("columns", "敏感信息，已脱敏显示")
        if (
            orientation == Qt.Orientation.Vertical
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self._rows)
        ):
            return self._offset + section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if 0 <= column < len(self._spec.columns):
            key = self._spec.columns[column].key
            self.update_query(sort=key, descending=order == Qt.SortOrder.DescendingOrder)
        else:
            self.update_query(sort=None, descending=False)  # the list's natural order

    def row(self, number: int) -> lists.ListRow:
        return self._rows[number]

    def column_texts(self, rows: int) -> list[list[str]]:
        """The texts of the first ``rows`` loaded rows, column by column (what the columns are sized to)."""
        sample = self._rows[:rows]
        return [[row.cells[number] for row in sample] for number in range(len(self._spec.columns))]


class OrgTreeModel(QStandardItemModel):
    """County → township → village, for the navigation tree (read-only)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeaderLabels([self.tr("行政区划")])

    def set_nodes(self, roots: Sequence[lists.OrgNode]) -> None:
        self.beginResetModel()
        self.blockSignals(True)
        try:
            self.removeRows(0, self.rowCount())
            everything = QStandardItem(self.tr("全部"))
            everything.setData("", OrgUnitIdRole)
            everything.setEditable(False)
            self.appendRow(everything)
            for root in roots:
                self.appendRow(self._item(root))
        finally:
            self.blockSignals(False)
            self.endResetModel()

    def _item(self, node: lists.OrgNode) -> QStandardItem:
        item = QStandardItem(node.name)
        item.setEditable(False)
        item.setData(node.id, OrgUnitIdRole)
        item.setToolTip(node.code)
        for child in node.children:
            item.appendRow(self._item(child))
        return item


class SearchResultsModel(QAbstractListModel):
    """Search hits as one line each: 姓名 性别 出生日期 · 户编号 村 · 身份证号(脱敏)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._hits: list[SearchHit] = []

    def set_hits(self, hits: Sequence[SearchHit]) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hit(self, row: int) -> SearchHit:
        return self._hits[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._hits):
            return None
        hit = self._hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            born = hit.birth_date[:4]
            return f"{hit.name}  {hit.sex} {born}  ·  {hit.relationship}  ·  {hit.village} {hit.household_no}  ·  {hit.id_number_masked}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("search", "匹配：{0}").format(hit.matched)
        if role == PersonIdRole:
            return hit.person_id
        if role == HouseholdIdRole:
            return hit.household_id
        return None


class RecordsTableModel(QAbstractTableModel):
    """A small, fully loaded table of already-rendered rows (the sections of a person's file)."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._headers = list(headers)
        self._rows: list[tuple[str, ...]] = []
        self._ids: list[str] = []

    def set_rows(self, rows: Sequence[tuple[str, ...]], ids: Sequence[str] | None = None) -> None:
        self.beginResetModel()
        self._rows = [tuple(r) for r in rows]
        self._ids = list(ids) if ids is not None else ["" for _ in rows]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._headers):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._rows[index.row()][index.column()]
            return value if role == Qt.ItemDataRole.DisplayRole or len(value) > 12 else None
        if role == RowIdRole:
            return self._ids[index.row()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None
