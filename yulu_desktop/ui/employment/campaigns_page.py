"""政策宣传: policy publicity at 中考和入学前, 毕业前 and 招聘前 (issue 16), by any level, and who it reached.

Every role records its campaigns (the unit is this laptop's) and marks the people reached
(``services.placement.reach``); the people reached by the selected campaign are listed under the table. Both are
imported from and exported to Excel (``services.employment_excel_followups``).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QListWidget, QListWidgetItem, QPushButton

from yulu_desktop.domain.access import Role
from yulu_desktop.services import employment_reference, placement
from yulu_desktop.services.employment_reference import CampaignRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons, PeoplePicker, ReferencePage
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column, iso

__all__ = ["CampaignsPage"]


class CampaignsPage(ReferencePage):
    """Policy campaigns and the people each reached."""

    table_name = "campaignsTable"
    kind = "campaign"
    entity = "policy_campaign"
    unit_records = True
    writers = frozenset(Role)  # every level holds campaigns (the service asks for no role)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker: PeoplePicker | None = None
        self.reach_button = QPushButton(self.tr("登记宣传对象…"))
        self.reach_button.setObjectName("reachButton")
        self.reach_button.clicked.connect(self.choose_reached)
        self.reached_title = QLabel(self.tr("宣传到的人"))
        self.reached = QListWidget()
        self.reached.setObjectName("reachedList")
        self.reached.setMaximumHeight(160)
        # Names side by side, in columns: a campaign reaches dozens of people.
        self.reached.setFlow(QListView.Flow.LeftToRight)
        self.reached.setWrapping(True)
        self.reached.setResizeMode(QListView.ResizeMode.Adjust)
        self.reached.setGridSize(QSize(self.fontMetrics().horizontalAdvance("欧阳明明（红岩村村）") + 16, 22))
        self.reached.itemDoubleClicked.connect(
            lambda item: self.openPerson.emit(str(item.data(Qt.ItemDataRole.UserRole)))
        )
        below = QHBoxLayout()
        below.addWidget(self.reached_title)
        below.addStretch(1)
        below.addWidget(self.reach_button)
        self.excel = ExcelButtons(self, "campaign", anyone=True, named=True)
        self.reach_excel = ExcelButtons(self, "reach", anyone=True, named=True, into=below)
        self.layout_.insertLayout(2, below)
        self.layout_.insertWidget(3, self.reached)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.load_reached())

    def columns(self) -> list[Column]:
        return [
            Column(translate("CampaignsPage", "宣传日期"), lambda r: iso(r.held_on)),
            Column(translate("CampaignsPage", "时点"), lambda r: r.moment_label),
            Column(translate("CampaignsPage", "主题"), lambda r: r.topic),
            Column(translate("CampaignsPage", "地点"), lambda r: r.place),
            Column(translate("CampaignsPage", "宣传人"), lambda r: r.held_by),
            Column(translate("CampaignsPage", "单位"), lambda r: r.unit_name),
            Column(translate("CampaignsPage", "宣传人数"), lambda r: str(r.reached)),
            Column(translate("CampaignsPage", "备注"), lambda r: r.note),
        ]

    def load(self, db: Database) -> list[CampaignRow]:
        return employment_reference.campaigns(db)

    def show_loaded(self, data: Any) -> None:
        super().show_loaded(data)
        self.load_reached()

    def load_reached(self) -> None:
        row = self.current_row()
        if row is None:
            self.reached.clear()
            self.reached_title.setText(self.tr("宣传到的人（先在上表选中一次宣传）"))
            return
        campaign_id = row.id

        def job(db: Database) -> list[tuple[str, str, str]]:
            return placement.reached(db, campaign_id)

        def arrived(people: list[tuple[str, str, str]]) -> None:
            current = self.current_row()
            if current is None or current.id != campaign_id:
                return
            self.reached.clear()
            for person_id, name, village in people:
                item = QListWidgetItem(f"{name}（{village}）")
                item.setData(Qt.ItemDataRole.UserRole, person_id)
                self.reached.addItem(item)
            self.reached_title.setText(self.tr("“{0}”宣传到的人：{1} 人").format(row.topic, len(people)))

        self.run(job, arrived)

    def choose_reached(self) -> None:
        row = self.current_row()
        if row is None:
            self.say(self.tr("请先在表中选中一次宣传"), error=True)
            return
        picker = PeoplePicker(self, self.tr("登记宣传对象：{0}").format(row.topic), "people")
        picker.chosen.connect(lambda ids, campaign_id=row.id: self.mark_reached(campaign_id, ids))
        self.picker = picker
        picker.open()

    def mark_reached(self, campaign_id: str, person_ids: list[str]) -> None:
        if not person_ids:
            return
        actor = self.actor

        def job(db: Database) -> int:
            return placement.reach(db, campaign_id, person_ids, actor=actor)

        def done(count: int) -> None:
            skipped = len(person_ids) - count
            text = self.tr("已登记 {0} 人").format(count)
            if skipped:
                text += self.tr("（{0} 人此前已登记）").format(skipped)
            self.say(text)

        self.write(job, done, changes={"campaign_reach"})

    def row_name(self, row: CampaignRow) -> str:
        return str(row.topic)
