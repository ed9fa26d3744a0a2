"""走访记录: the visits to the person's household, newest first; 新增走访 (Ctrl+N) opens the visit dialog, and a
visit recorded in error is voided (作废) with a reason — kept, struck through."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.person.voids import VoidableTableModel
from yulu_desktop.ui.person.widgets import selected_id, table
from yulu_desktop.ui.table_models import iso

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow


class VisitsTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.visits = VoidableTableModel(
            [
                self.tr("走访日期"),
                self.tr("走访方式"),
                self.tr("走访目的"),
                self.tr("走访人"),
                self.tr("情况记录"),
                self.tr("承诺事项"),
                self.tr("办结期限"),
                self.tr("办结日期"),
            ],
            self,
        )
        self.new_visit_button = QPushButton(icon("visit"), self.tr("为该户新增走访"))
        self.new_visit_button.setToolTip(self.tr("为该户新增走访 (Ctrl+N)"))
        self.new_visit_button.clicked.connect(window.new_visit)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.setToolTip(self.tr("选中的走访记录录错了：填写原因后作废（保留记录，划线显示）"))
        self.void_button.clicked.connect(self.void_selected)
        self.visits_view = table(self.visits)
        self.visits_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_visit_button)
        buttons.addStretch(1)
        buttons.addWidget(self.void_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.visits_view, 1)
        self._update_actions()

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.visits.set_entries(
            [
                (
                    iso(v.visit_date),
                    codes.VISIT_MODE.label(v.mode),
                    codes.VISIT_PURPOSE.label(v.purpose),
                    v.visitor_name,
                    v.notes,
                    v.follow_up,
                    iso(v.follow_up_due),
                    iso(v.follow_up_done_on),
                )
                for v in person_file.visits
            ],
            [v.id for v in person_file.visits],
            [(v.voided_on, v.void_reason, v.voided_by) for v in person_file.visits],
        )
        self._update_actions()

    def _update_actions(self) -> None:
        rows = self.visits_view.selectionModel().selectedRows()
        self.void_button.setEnabled(bool(rows) and not self.visits.is_voided(rows[0].row()))

    def void_selected(self) -> None:
        visit_id = selected_id(self.visits_view)
        found = [v for v in self.file.visits if v.id == visit_id] if self.file else []
        if not found or found[0].voided_on is not None:
            self._window.status.setText(self.tr("请先选择要作废的走访记录"))
            return
        visit = found[0]
        what = self.tr("{0} {1}的走访（{2}）").format(
            iso(visit.visit_date), visit.visitor_name, codes.VISIT_PURPOSE.label(visit.purpose)
        )
        self._window.void_entry("visit", visit.id, what)
