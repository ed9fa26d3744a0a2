"""户和家庭成员: the household's data and its members (double-clicking a member opens their file), and the
person's 人口变动 history (登记, 出生, 婚入/婚出, 分户, 迁出, …)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from yulu_desktop.domain import codes
from yulu_desktop.domain.masking import mask_account, mask_birth_date, mask_id_number, mask_phone
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.ui.household.history import HistoryView
from yulu_desktop.ui.models import RecordsTableModel, RowIdRole
from yulu_desktop.ui.person.widgets import table

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow


class HouseholdTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.household_info = QLabel()
        self.household_info.setTextFormat(Qt.TextFormat.RichText)
        self.household_info.setWordWrap(True)
        self.members = RecordsTableModel(
            [
                self.tr("姓名"),
                self.tr("与户主关系"),
                self.tr("性别"),
                self.tr("出生年份"),
                self.tr("身份证号"),
                self.tr("在校生状况"),
                self.tr("手机号"),
            ],
            self,
        )
        self.members_view = table(self.members)
        self.members_view.doubleClicked.connect(self._open_member)
        self.history = HistoryView(window.worker, window.person_id)
        self.history.setMaximumHeight(140)  # a few events; the members table takes the rest
        layout = QVBoxLayout(self)
        layout.addWidget(self.household_info)
        layout.addWidget(self.members_view, 1)
        layout.addWidget(QLabel(f"<b>{self.tr('人口变动')}</b>"))
        layout.addWidget(self.history)

    def show_file(self, person_file: PersonFile) -> None:
        h = person_file.household
        self.household_info.setText(
            f"<b>{self.tr('户编号')}</b> {h.household_no}&nbsp;&nbsp; <b>{self.tr('住址')}</b> {person_file.place} "
            f"{h.group_name} {h.address}<br><b>{self.tr('户类型')}</b> {codes.HOUSEHOLD_TYPE.label(h.household_type)}"
            f"&nbsp;&nbsp; <b>{self.tr('监测对象类型')}</b> {codes.MONITORING_TYPE.label(h.monitoring_type) or '—'}"
            f"&nbsp;&nbsp; <b>{self.tr('风险类型')}</b> "
            f"{'、'.join(codes.RISK_CAUSE.label(c) for c in h.risk_causes.split(',') if c) or '—'}<br>"
            f"<b>{self.tr('联系电话')}</b> {mask_phone(h.contact_phone)}&nbsp;&nbsp; <b>{self.tr('收款人')}</b> "
            f"{h.payee_name} {h.payee_bank} {mask_account(h.payee_account)}"
        )
        self.members.set_rows(
            [
                (
                    m.name,
                    codes.RELATIONSHIP.label(m.relationship),
                    codes.SEX.label(m.sex),
                    mask_birth_date(m.birth_date),  # the year only: the ID beside it is masked
                    mask_id_number(m.id_number),
                    codes.STUDENT_STATUS.label(m.student_status),
                    mask_phone(m.phone),
                )
                for m in person_file.members
            ],
            [m.id for m in person_file.members],
        )

    def _open_member(self, index: QModelIndex) -> None:
        member_id = self.members.data(index, RowIdRole)
        if member_id and member_id != self._window.person_id:
            self._window.open_member(str(member_id))
