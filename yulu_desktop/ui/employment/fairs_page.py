"""招聘会: job fairs (专场招聘, issue 16), the people invited to each, who came, and the referrals made there.

Township and county laptops add, edit and delete fairs; every level invites its own graduates (邀请…), marks who
came (到场 / 未到场) and sees the referrals made at the fair with their outcomes. Fairs (township and county) and
referrals (every level: they belong to the person) are imported from and exported to Excel
(``services.employment_excel_events``), and so are the invitations, with who came (every level, from the 邀请名单
tab; ``services.employment_excel_followups``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from yulu_desktop.services import employment_reference, placement
from yulu_desktop.services.employment_reference import FairRow
from yulu_desktop.services.placement import InvitationRow, ReferralRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons, PeoplePicker, ReferencePage
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column, RowsModel, iso, rows_view, selected_rows

__all__ = ["FairsPage"]


def _attended(row: InvitationRow) -> str:
    if row.attended is None:
        return translate("FairsPage", "未登记")
    return translate("FairsPage", "到场") if row.attended else translate("FairsPage", "未到场")


@dataclass(frozen=True)
class FairDetails:
    fair_id: str
    invitations: list[InvitationRow]
    referrals: list[ReferralRow]


class FairsPage(ReferencePage):
    """The job fairs; under the table, the selected fair's invitations and referrals."""

    table_name = "fairsTable"
    kind = "fair"
    entity = "job_fair"
    unit_records = True
    writers = employment_reference.TOWNSHIP_ROLES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.picker: PeoplePicker | None = None
        self.excel = ExcelButtons(self, "fair", named=True)
        self.referral_excel = ExcelButtons(self, "referral", anyone=True, named=True)
        self.invitations = RowsModel(
            [
                Column(translate("FairsPage", "姓名"), lambda r: r.person_name),
                Column(translate("FairsPage", "村"), lambda r: r.village_name),
                Column(translate("FairsPage", "邀请日期"), lambda r: iso(r.invited_on)),
                Column(translate("FairsPage", "是否到场"), _attended, lambda r: r.attended is False),
                Column(translate("FairsPage", "备注"), lambda r: r.note),
            ],
            lambda r: str(r.id),
            self,
        )
        self.invitations_view = rows_view(self.invitations, "invitationsTable")
        self.invitations_view.doubleClicked.connect(
            lambda index: self.openPerson.emit(self.invitations.row(index.row()).person_id)
        )
        self.referrals = RowsModel(
            [
                Column(translate("FairsPage", "姓名"), lambda r: r.person_name),
                Column(translate("FairsPage", "村"), lambda r: r.village_name),
                Column(translate("FairsPage", "岗位"), lambda r: r.position_title),
                Column(translate("FairsPage", "企业"), lambda r: r.enterprise_name),
                Column(translate("FairsPage", "推荐日期"), lambda r: iso(r.referred_on)),
                Column(
                    translate("FairsPage", "结果"),
                    lambda r: r.state_label,
                    lambda r: r.state in ("not_hired", "declined"),
                ),
                Column(translate("FairsPage", "结果日期"), lambda r: iso(r.outcome_on)),
                Column(translate("FairsPage", "原因"), lambda r: r.outcome_reason),
            ],
            lambda r: str(r.id),
            self,
        )
        self.referrals_view = rows_view(self.referrals, "fairReferralsTable", multi=False)
        self.referrals_view.doubleClicked.connect(
            lambda index: self.openPerson.emit(self.referrals.row(index.row()).person_id)
        )
        self.invite_button = QPushButton(self.tr("邀请…"))
        self.invite_button.setObjectName("inviteButton")
        self.invite_button.clicked.connect(self.choose_invited)
        self.attended_button = QPushButton(self.tr("到场"))
        self.attended_button.setObjectName("attendedButton")
        self.attended_button.clicked.connect(lambda: self.mark_attendance(True))
        self.absent_button = QPushButton(self.tr("未到场"))
        self.absent_button.setObjectName("absentButton")
        self.absent_button.clicked.connect(lambda: self.mark_attendance(False))
        self.details_title = QLabel()
        self.details_title.setObjectName("fairDetailsTitle")

        invited = QWidget()
        invited_layout = QVBoxLayout(invited)
        invited_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.invite_button)
        buttons.addWidget(self.attended_button)
        buttons.addWidget(self.absent_button)
        buttons.addStretch(1)
        self.invitation_excel = ExcelButtons(
            self, "invitation", anyone=True, named=True, into=buttons, fair_of=self._selected_fair_id
        )
        invited_layout.addLayout(buttons)
        invited_layout.addWidget(self.invitations_view, 1)
        self.details = QTabWidget()
        self.details.setObjectName("fairDetails")
        self.details.addTab(invited, self.tr("邀请名单"))
        self.details.addTab(self.referrals_view, self.tr("推荐及结果"))
        lower = QWidget()
        lower_layout = QVBoxLayout(lower)
        lower_layout.setContentsMargins(0, 0, 0, 0)
        lower_layout.addWidget(self.details_title)
        lower_layout.addWidget(self.details, 1)

        # The fairs above, the selected fair's people below.
        self.layout_.removeWidget(self.table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.layout_.insertWidget(1, splitter, 1)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self.load_details())
        self._details_generation = 0
        self._show_details(None)

    def columns(self) -> list[Column]:
        return [
            Column(translate("FairsPage", "招聘会"), lambda r: r.name),
            Column(translate("FairsPage", "举办日期"), lambda r: iso(r.held_on)),
            Column(translate("FairsPage", "地点"), lambda r: r.place),
            Column(translate("FairsPage", "参加学校"), lambda r: "、".join(r.school_names)),
            Column(translate("FairsPage", "参加企业"), lambda r: "、".join(r.enterprise_names)),
            Column(translate("FairsPage", "岗位"), lambda r: str(r.positions)),
            Column(translate("FairsPage", "邀请"), lambda r: str(r.invited)),
            Column(translate("FairsPage", "到场"), lambda r: str(r.attended)),
            Column(translate("FairsPage", "推荐"), lambda r: str(r.referred)),
            Column(translate("FairsPage", "录用"), lambda r: str(r.hired)),
            Column(translate("FairsPage", "举办单位"), lambda r: r.unit_name),
        ]

    def load(self, db: Database) -> list[FairRow]:
        return employment_reference.fairs(db)

    def show_loaded(self, data: Any) -> None:
        super().show_loaded(data)
        if self.current_row() is None and self.model.rows:
            self.table.selectRow(0)
        self.load_details()

    # --- the selected fair ------------------------------------------------------------------------------------

    def _selected_fair_id(self) -> str | None:
        row = self.current_row()
        return row.id if row is not None else None

    def load_details(self) -> None:
        row = self.current_row()
        self._details_generation += 1
        if row is None:
            self._show_details(None)
            return
        generation, fair_id = self._details_generation, row.id

        def job(db: Database) -> FairDetails:
            return FairDetails(
                fair_id,
                placement.invitations(db, fair_id=fair_id),
                placement.referrals(db, fair_id=fair_id),
            )

        def arrived(details: FairDetails) -> None:
            if generation == self._details_generation:
                self._show_details(details)

        self.run(job, arrived)

    def _show_details(self, details: FairDetails | None) -> None:
        row = self.current_row()
        for button in (self.invite_button, self.attended_button, self.absent_button):
            button.setEnabled(details is not None)
        if details is None or row is None:
            self.invitations.set_rows([])
            self.referrals.set_rows([])
            self.details_title.setText(self.tr("先在上表选中一场招聘会"))
            return
        self.invitations.set_rows(details.invitations)
        self.referrals.set_rows(details.referrals)
        came = sum(1 for r in details.invitations if r.attended)
        self.details_title.setText(
            self.tr("“{0}”：邀请 {1} 人，到场 {2} 人，推荐 {3} 人次").format(
                row.name, len(details.invitations), came, len(details.referrals)
            )
        )

    def choose_invited(self) -> None:
        row = self.current_row()
        if row is None:
            self.say(self.tr("请先在表中选中一场招聘会"), error=True)
            return
        picker = PeoplePicker(
            self,
            self.tr("邀请参加：{0}").format(row.name),
            "candidates",
            self.tr("列出本机尚未就业的毕业生和毕业班学生；已邀请的人不会重复邀请。"),
        )
        picker.chosen.connect(lambda ids, fair_id=row.id: self.invite(fair_id, ids))
        self.picker = picker
        picker.open()

    def invite(self, fair_id: str, person_ids: list[str]) -> None:
        if not person_ids:
            return
        actor, today = self.actor, self.today

        def job(db: Database) -> int:
            return placement.invite(db, fair_id, person_ids, actor=actor, today=today)

        def done(count: int) -> None:
            skipped = len(person_ids) - count
            text = self.tr("已邀请 {0} 人").format(count)
            if skipped:
                text += self.tr("（{0} 人此前已邀请）").format(skipped)
            self.say(text)

        self.write(job, done, changes={"fair_invitation"})

    def mark_attendance(self, attended: bool) -> None:
        chosen = [self.invitations.row(n) for n in selected_rows(self.invitations_view)]
        if not chosen:
            self.say(self.tr("请先在邀请名单中选中人"), error=True)
            return
        ids, actor = [r.id for r in chosen], self.actor

        def job(db: Database) -> None:
            placement.set_attendance(db, ids, attended, actor=actor)

        text = self.tr("已登记 {0} 人到场") if attended else self.tr("已登记 {0} 人未到场")
        self.write(job, done_text=text.format(len(ids)), changes={"fair_invitation"})
