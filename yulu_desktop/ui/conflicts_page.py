"""The conflicts page (冲突处理): values two people typed for one field, edits of deleted records, and changes the
county server set aside — each with "keep mine", "keep theirs" or "edit".

A thin adapter over ``yulu_desktop.sync.conflicts``: the list is loaded and every choice is written through the
database worker (``DbWorker``), so the GUI thread never touches the database. A choice that changes data is an
ordinary journaled edit, sent with the next sync; the page announces it through the worker's ``changed`` signal
so that every view showing the record refreshes.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.rules import label as field_label
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts
from yulu_desktop.sync.conflicts import LocalConflict
from yulu_desktop.ui.worker import DbWorker

Index = QModelIndex | QPersistentModelIndex

#: Role of the conflict id in every cell.
ConflictIdRole = Qt.ItemDataRole.UserRole + 1

ENTITY_LABELS = {
    "household": "户",
    "person": "人员",
    "visit": "走访",
    "enrollment": "在读信息",
    "intent": "意向",
    "training": "培训",
    "employment_record": "就业",
    "subsidy_application": "补助",
    "org_unit": "单位",
    "subsidy_setting": "补助标准",
    "subsidy_evidence": "证明材料",
    "subsidy_publicity": "公示",
    "subsidy_objection": "公示异议",
    "school": "学校",
    "enterprise": "企业",
    "employment_agreement": "合作协议",
    "job_position": "岗位",
    "job_fair": "招聘会",
    "fair_invitation": "招聘会邀请",
    "job_referral": "推荐",
    "employment_follow_up": "稳岗回访",
    "career_plan": "职业规划",
    "policy_campaign": "政策宣传",
    "campaign_reach": "宣传对象",
    "placement_action": "未就业帮扶措施",
}


def show_value(value: Any) -> str:
    """A value as the cadre reads it: empty for nothing, ``已删除`` for a delete, text otherwise."""
    if value is None:
        return "（已删除／空）"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, dict):
        return "，".join(f"{k}：{show_value(v)}" for k, v in value.items() if v not in (None, ""))
    return str(value)


@dataclass(frozen=True, slots=True)
class ConflictRow:
    """A conflict with this laptop's and the other value already told apart."""

    conflict: LocalConflict
    mine: Any
    theirs: Any


def load_rows(db: Database) -> list[ConflictRow]:
    """Open conflicts of this laptop (runs on the database worker)."""
    with db.read_connection() as conn:
        me = journal.device_id(conn)
    rows = []
    for conflict in conflicts.list_conflicts(db):
        mine, theirs = conflict.mine_and_theirs(me) if conflict.from_server else (conflict.loser_value, None)
        rows.append(ConflictRow(conflict, mine, theirs))
    return rows


class ConflictsModel(QAbstractTableModel):
    """Open conflicts, one per row: kind, record, field, my value, the other value, who, when."""

    HEADERS = ("类型", "记录", "字段", "我的值", "对方的值", "修改人", "时间")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ConflictRow] = []

    def set_rows(self, rows: Sequence[ConflictRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ConflictRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def remove_conflict(self, conflict_id: str) -> None:
        for row, item in enumerate(self._rows):
            if item.conflict.id == conflict_id:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()
                return

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._rows)):
            return None
        if not (0 <= index.column() < len(self.HEADERS)):
            return None
        item = self._rows[index.row()]
        if role == ConflictIdRole:
            return item.conflict.id
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        conflict = item.conflict
        text = (
            conflict.label + ("（时钟不准）" if conflict.clock_skew else ""),
            f"{ENTITY_LABELS.get(conflict.entity, conflict.entity)} {conflict.entity_id[:8]}",
            field_label(conflict.field, conflict.entity) if conflict.field else "",
            show_value(item.mine),
            show_value(item.theirs) if conflict.from_server else "",
            conflict.loser_author,
            conflict.created_at[:16],
        )[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 12 else None
        return text

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.HEADERS):
            return self.HEADERS[section]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return section + 1
        return None


class ConflictsPage(QWidget):
    """The list of open conflicts with the three choices."""

    #: Number of open conflicts after a load or a choice (for a badge on the navigation).
    count_changed = Signal(int)
    #: A conflict was settled (its id).
    resolved = Signal(str)

    def __init__(self, worker: DbWorker, *, author: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.worker = worker
        self.author = author
        self.model = ConflictsModel(self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.summary = QLabel(self)
        self.keep_mine_button = QPushButton("保留我的", self)
        self.keep_theirs_button = QPushButton("采用对方的", self)
        self.edit_button = QPushButton("修改为…", self)
        self.reload_button = QPushButton("刷新", self)
        buttons = QHBoxLayout()
        for button in (self.keep_mine_button, self.keep_theirs_button, self.edit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reload_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.keep_mine_button.clicked.connect(lambda: self.choose("keep_mine"))
        self.keep_theirs_button.clicked.connect(lambda: self.choose("keep_theirs"))
        self.edit_button.clicked.connect(self._edit)
        self.reload_button.clicked.connect(self.reload)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        self.worker.changed.connect(self._on_changed)
        self._update_buttons()

    def reload(self) -> None:
        self.worker.submit(load_rows, self._loaded)

    def _loaded(self, rows: list[ConflictRow]) -> None:
        self.model.set_rows(rows)
        self.summary.setText(
            f"有 {len(rows)} 条冲突需要您确认。对方的值与您的值都已保存，选择后会在下次同步时发送。"
            if rows
            else "没有待处理的冲突。"
        )
        self.count_changed.emit(len(rows))
        self._update_buttons()

    def _on_changed(self, entities: object) -> None:
        if isinstance(entities, frozenset | set) and "sync_conflict" in entities:
            self.reload()

    def selected(self) -> ConflictRow | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_: object) -> None:
        item = self.selected()
        self.keep_mine_button.setEnabled(item is not None)
        self.keep_theirs_button.setEnabled(item is not None and item.conflict.from_server)
        self.edit_button.setEnabled(item is not None and item.conflict.kind == "field")

    def choose(self, choice: conflicts.Choice, value: Any = None) -> None:
        """Settle the selected conflict (``value`` for ``edit``); written on the database worker."""
        item = self.selected()
        if item is None:
            return
        conflict = item.conflict
        author = self.author

        def job(db: Database) -> str:
            conflicts.resolve(db, conflict.id, choice, value=value, resolved_by=author)
            return conflict.id

        def done(conflict_id: str) -> None:
            self.model.remove_conflict(conflict_id)
            self.count_changed.emit(self.model.rowCount())
            self.resolved.emit(conflict_id)
            self._update_buttons()

        self.worker.submit(job, done, changes=(conflict.entity,))

    def _edit(self) -> None:
        item = self.selected()
        if item is None:
            return
        current = item.mine if isinstance(item.mine, str) else json.dumps(item.mine, ensure_ascii=False)
        prompt = f"{field_label(item.conflict.field, item.conflict.entity)}的新值："
        value, accepted = QInputDialog.getText(self, "修改为", prompt, text=current or "")
        if accepted:
            self.choose("edit", value)
