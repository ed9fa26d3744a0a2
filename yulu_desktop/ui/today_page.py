"""今日工作: the main window's first page — what is due today in the org unit picked in the tree.

A thin adapter over ``services.today``: the sections are read on the database worker and shown as a tree, one
branch per section with its count; a line opens the person (a household's line its head, a conflict's line the
conflicts page) with Enter, a double click or a click.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.services import today
from yulu_desktop.services.today import Section, Today, TodayLine
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.worker import DbWorker

#: Lines shown per section; the rest are one line that opens the full list.
LINES_PER_SECTION = 10

#: The list page that shows a whole section (``MainWindow.show_page``).
SECTION_LISTS = {
    "overdue": "visits",
    "not_visited": "households",
    "no_application": "students",
    "graduates": "graduates",
}

#: What a line opens: ("person", person id), ("conflicts", ""), ("list", list kind) or, for an application the
#: township or county returned, ("subsidy", (person id, term)): the subsidy window on it.
TargetRole = Qt.ItemDataRole.UserRole + 1

#: The entities whose changes can change the page.
TODAY_ENTITIES = frozenset(
    {
        "visit",
        "household",
        "person",
        "enrollment",
        "subsidy_application",
        "employment_record",
        "sync_conflict",
        "employment_follow_up",
        "placement_action",
    }
)

_CONFLICT_ENTITIES = {
    "household": "户",
    "person": "人员",
    "visit": "走访",
    "enrollment": "在读信息",
    "intent": "意向",
    "training": "培训",
    "employment_record": "就业",
    "subsidy_application": "补助",
}


class TodayPage(QWidget):
    openPerson = Signal(str)
    openConflicts = Signal()
    openList = Signal(str)  # a list kind: the whole section on its list page
    openSubsidy = Signal(str, str)  # person id, term: the returned application in the subsidy window
    #: A load finished and the tree shows it.
    loaded = Signal()

    def __init__(self, worker: DbWorker, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("todayPage")
        self._worker = worker
        self._settings = settings
        self.org_unit_id: str | None = None
        self.scope_name = ""
        self.stale = False
        self.result: Today | None = None
        self._generation = 0

        self.heading = QLabel()
        self.heading.setObjectName("todayHeading")
        font = self.heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self.sync_label = QLabel()
        self.sync_label.setObjectName("todaySync")

        self.days = QSpinBox()
        self.days.setObjectName("staleDays")
        self.days.setRange(7, 730)
        self.days.setSuffix(self.tr(" 天"))
        self.days.setValue(ui_settings.STALE_VISIT_DAYS.get(settings))
        self.days.setToolTip(self.tr("超过这么多天没有走访的户列在“未走访的户”中"))
        self.days.editingFinished.connect(self._days_changed)
        days_label = QLabel(self.tr("未走访天数(&N)："))
        days_label.setBuddy(self.days)
        self.refresh_button = QPushButton(self.tr("刷新(&R)"))
        self.refresh_button.clicked.connect(self.refresh)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(days_label)
        top.addWidget(self.days)
        top.addWidget(self.refresh_button)

        self.tree = QTreeWidget()
        self.tree.setObjectName("todayTree")
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels(
            [self.tr("姓名／事项"), self.tr("户编号"), self.tr("行政村"), self.tr("情况")]
        )
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        # Section titles span the row; names are short, so the 情况 column gets the width (fits at 125 %).
        self.tree.setColumnWidth(0, 170)
        self.tree.setColumnWidth(1, 150)
        self.tree.setColumnWidth(2, 90)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)

        hint = QLabel(self.tr("单击一行或按回车键打开此人的档案；计数超过 1000 时显示“1000+”。"))
        hint.setObjectName("todayHint")
        hint.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.sync_label)
        layout.addWidget(self.tree, 1)
        layout.addWidget(hint)
        self._show_heading()

    # --- loading ------------------------------------------------------------------------------------------

    def set_scope(self, org_unit_id: str | None, name: str = "") -> None:
        self.org_unit_id = org_unit_id or None
        self.scope_name = name
        self.refresh()

    def on_changed(self, entities: frozenset[str]) -> None:
        if entities & TODAY_ENTITIES:
            self.refresh()

    def refresh(self) -> None:
        self.stale = False
        self._generation += 1
        generation = self._generation
        scope, days = self.org_unit_id, self.days.value()
        self._show_heading()

        def job(db: Database) -> Today:
            return today.load_today(db, scope, stale_days=days, limit=LINES_PER_SECTION)

        self._worker.submit(job, lambda result: self._show(generation, result))

    def _days_changed(self) -> None:
        if self.days.value() != ui_settings.STALE_VISIT_DAYS.get(self._settings):
            ui_settings.STALE_VISIT_DAYS.set(self._settings, self.days.value())
            self.refresh()

    # --- showing ------------------------------------------------------------------------------------------

    def _show_heading(self) -> None:
        place = self.scope_name or self.tr("全部")
        self.heading.setText(self.tr("今日工作 · {0} · {1}").format(place, dt.date.today().isoformat()))

    def _show(self, generation: int, result: Today) -> None:
        if generation != self._generation:  # a newer load is on its way
            return
        self.result = result
        self._show_sync(result)
        current = self.tree.currentItem()
        keep = current.data(0, TargetRole) if current is not None else None
        self.tree.clear()
        titles = {
            "overdue": self.tr("逾期未办结的承诺"),
            "not_visited": self.tr("超过 {0} 天未走访的户").format(result.stale_days),
            "no_application": self.tr("{0}未申请补助的在读学生").format(rules.term_label(result.term)),
            "graduates": self.tr("未就业或去向待核实的毕业生"),
            "conflicts": self.tr("待处理的同步冲突"),
            "returned": self.tr("被退回的补助申请"),
            "follow_ups": self.tr("逾期或 {0} 天内到期的稳岗回访").format(today.FOLLOW_UP_DAYS),
            "placement_overdue": self.tr("逾期的未就业帮扶措施"),
        }
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for key in dict.fromkeys((*today.SECTIONS, *today.SUBSIDY_SECTIONS, *today.EMPLOYMENT_SECTIONS)):
            section = result.sections.get(key)
            if section is None:
                continue
            top = QTreeWidgetItem([f"{titles[key]}（{self._count(section)}）"])
            top.setFont(0, bold)
            top.setFirstColumnSpanned(False)
            top.setData(0, Qt.ItemDataRole.AccessibleTextRole, titles[key])
            top.setData(0, TargetRole, None)
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(top)
            for line in section.lines:
                top.addChild(self._line_item(key, line, result.day))
            if not section.lines:
                empty = QTreeWidgetItem([self.tr("没有需要处理的事项")])
                empty.setFlags(Qt.ItemFlag.NoItemFlags)
                top.addChild(empty)
            elif section.count > len(section.lines):
                more = QTreeWidgetItem([self.tr("另有 {0} 项…").format(self._rest(section))])
                if key in SECTION_LISTS:
                    more.setText(3, self.tr("按回车或单击打开完整清单"))
                    more.setData(0, TargetRole, ("list", SECTION_LISTS[key]))
                elif key == "conflicts":
                    more.setData(0, TargetRole, ("conflicts", ""))
                top.addChild(more)
            top.setFirstColumnSpanned(True)
            top.setExpanded(True)
        # A refresh (a save elsewhere, a sync) keeps the line the cadre was on; else the first line.
        first = self._first_line(keep) or self._first_line()
        if first is not None:
            self.tree.setCurrentItem(first)
        self.loaded.emit()

    def _count(self, section: Section) -> str:
        return f"{today.COUNT_CAP}+" if section.capped else str(section.count)

    def _rest(self, section: Section) -> str:
        rest = section.count - len(section.lines)
        return f"{rest}+" if section.capped else str(rest)

    def _first_line(self, target: object = None) -> QTreeWidgetItem | None:
        """The first line that opens something (with ``target``: the first that opens that)."""
        for index in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(index)
            for child in range(top.childCount() if top is not None else 0):
                item = top.child(child) if top is not None else None
                found = item.data(0, TargetRole) if item is not None else None
                if found and (target is None or found == target):
                    return item
        return None

    def _show_sync(self, result: Today) -> None:
        info = result.sync
        if not info.enrolled:
            self.sync_label.setText(self.tr("同步：未连接县服务器"))
        elif info.last_sync_at is None or info.days_since is None:
            self.sync_label.setText(self.tr("同步：已连接县服务器，尚未同步过"))
        elif info.days_since == 0:
            self.sync_label.setText(self.tr("上次同步：今天 {0}").format(info.last_sync_at.strftime("%H:%M")))
        else:
            self.sync_label.setText(
                self.tr("上次同步：{0} 天前（{1}）").format(
                    info.days_since, info.last_sync_at.strftime("%Y-%m-%d %H:%M")
                )
            )
        late = info.enrolled and (info.days_since is None or info.days_since >= 7)
        self.sync_label.setStyleSheet("color: #b00020;" if late else "")

    def _line_item(self, key: str, line: TodayLine, day: dt.date) -> QTreeWidgetItem:
        if key == "conflicts":
            entity, field = str(line.facts[0]), str(line.facts[1] or "")
            what = _CONFLICT_ENTITIES.get(entity, entity)
            label = rules.label(field, entity) if field else ""
            item = QTreeWidgetItem([self.tr(what), "", "", label])
            item.setData(0, TargetRole, ("conflicts", ""))
            item.setToolTip(0, self.tr("打开冲突处理"))
            return item
        item = QTreeWidgetItem([line.name or self.tr("（无户主）"), line.household_no, line.village, ""])
        item.setText(3, self._detail(key, line, day))
        item.setToolTip(3, item.text(3))
        if key == "returned" and line.person_id:
            item.setData(0, TargetRole, ("subsidy", (line.person_id, str(line.facts[0]))))
            item.setToolTip(0, self.tr("在雨露计划补助窗口中打开这份申请"))
        elif line.person_id:
            item.setData(0, TargetRole, ("person", line.person_id))
        else:
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        return item

    def _detail(self, key: str, line: TodayLine, day: dt.date) -> str:
        facts = line.facts
        if key == "overdue":
            promise, due = str(facts[0] or ""), facts[1]
            late = (day - due).days if isinstance(due, dt.date) else 0
            return self.tr("{0}（应于 {1} 办结，已逾期 {2} 天）").format(promise, due, late)
        if key == "not_visited":
            last = facts[0]
            if not isinstance(last, dt.date):
                return self.tr("从未走访")
            return self.tr("上次走访 {0}（{1} 天前）").format(last.isoformat(), (day - last).days)
        if key == "no_application":
            return self.tr("{0}，本学期还没有补助申请").format(facts[0])
        if key == "graduates":
            state, employer = str(facts[0]), str(facts[1] or "")
            if state == "no_destination":
                return self.tr("已毕业，尚未登记去向")
            if state == "to_confirm":
                return self.tr("本人申报的去向待核实：{0}").format(employer or self.tr("未填单位"))
            return self.tr("去向：{0}").format(self.tr(codes.DESTINATION.label(state)))
        if key == "returned":
            return self.tr("{0}的申请被退回：{1}").format(rules.term_label(str(facts[0])), facts[1] or "")
        if key in ("follow_ups", "placement_overdue"):
            return self._employment_detail(key, facts, day)
        return ""

    def _employment_detail(self, key: str, facts: tuple[object, ...], day: dt.date) -> str:
        """稳岗回访 (employer, month, due date, record id) and 帮扶措施 (reason, next action, due date, id) lines."""
        due = facts[2]
        late = (day - due).days if isinstance(due, dt.date) else 0
        if key == "follow_ups":
            when = self.tr("已逾期 {0} 天").format(late) if late > 0 else self.tr("应于 {0} 回访").format(due)
            return self.tr("{0}：上岗第 {1} 个月回访，{2}").format(facts[0] or "", facts[1], when)
        reason = str(facts[0] or "")
        label = codes.UNEMPLOYMENT_REASON.label(reason) if reason in codes.UNEMPLOYMENT_REASON else reason
        return self.tr("{0}（{1}，应于 {2} 完成，已逾期 {3} 天）").format(facts[1] or "", label, due, late)

    # --- opening --------------------------------------------------------------------------------------------

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        target = item.data(0, TargetRole)
        if not target:
            return
        kind, value = target
        if kind == "person":
            self.openPerson.emit(str(value))
        elif kind == "conflicts":
            self.openConflicts.emit()
        elif kind == "list":
            self.openList.emit(str(value))
        elif kind == "subsidy":
            person_id, term = value
            self.openSubsidy.emit(str(person_id), str(term))


#: The key of the 今日工作 page in the remembered settings (``ui_settings.LAST_PAGE``).
TODAY_KIND = "today"


def today_action(parent: QWidget) -> QAction:
    """The toolbar action of the page: checkable, Ctrl+0 (the list pages have Ctrl+1 … Ctrl+6)."""
    action = QAction(icon("today"), QCoreApplication.translate("TodayPage", "今日工作"), parent)
    action.setCheckable(True)
    action.setShortcut(QKeySequence("Ctrl+0"))
    action.setToolTip(
        QCoreApplication.translate("TodayPage", "今日工作：逾期承诺、未走访的户、未申请补助的学生…… (Ctrl+0)")
    )
    return action
