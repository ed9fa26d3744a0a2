"""稳岗回访: the follow-ups after a job start that are overdue or due soon (``services.placement.follow_ups_due``,
issue 16), overdue in red; 记录回访 on one; a follow-up that finds the person out of work offers to open the
person's file, where the change is recorded as a new employment entry (the history is kept). Every level imports
follow-ups from Excel and exports them (``services.employment_excel_followups``): a village collects them on a
sheet and imports it at once."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QWidget,
)

from yulu_desktop.domain.access import Actor
from yulu_desktop.services import placement
from yulu_desktop.services.placement import FollowUpRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.page import OverdueListPage
from yulu_desktop.ui.employment.placement_dialogs import FollowUpDialog, FollowUpValues
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons
from yulu_desktop.ui.person.widgets import selected_id
from yulu_desktop.ui.table_models import iso
from yulu_desktop.ui.worker import DbWorker

__all__ = ["FollowUpPage", "row_key"]


def row_key(row: FollowUpRow) -> str:
    """One follow-up: the job followed and the month."""
    return f"{row.employment_record_id}:{row.month}"


class FollowUpPage(OverdueListPage):
    """Follow-ups overdue or due within the chosen days."""

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
        self.rows: list[FollowUpRow] = []
        self._query: tuple[date | None, int] = (today, 7)
        self.within = QComboBox()
        self.within.setObjectName("followUpWithin")
        for days, text in (
            (7, self.tr("逾期和7天内到期")),
            (30, self.tr("逾期和30天内到期")),
            (0, self.tr("只看逾期")),
        ):
            self.within.addItem(text, days)
        self.within.currentIndexChanged.connect(lambda _index: self.refresh())
        self.build_list(
            self.tr("稳岗回访"),
            "followUpCount",
            [
                self.tr("姓名"),
                self.tr("村"),
                self.tr("就业单位"),
                self.tr("岗位"),
                self.tr("上岗日期"),
                self.tr("回访"),
                self.tr("应回访日期"),
                self.tr("状态"),
            ],
            self.tr("打开档案"),
        )
        self.view.doubleClicked.connect(lambda _index: self.record_follow_up())
        self.record_button = QPushButton(self.tr("记录回访…"))
        self.record_button.setToolTip(self.tr("记录选中的回访：日期、方式、是否仍在岗"))
        self.record_button.clicked.connect(lambda: self.record_follow_up())
        self.lay_out_list(
            top=[self.within],
            above=[
                QLabel(
                    self.tr("就业后第1、3、6、12个月各回访一次（电话或走访），了解是否在岗、工作和生活情况。")
                )
            ],
            buttons=[self.record_button],
        )
        self.excel = ExcelButtons(self, "follow_up", anyone=True, into=self.bottom)
        self.excel.import_button.setToolTip(
            self.tr("从 Excel 导入已做的回访（先导出一份作模板）；有错误时一行也不导入，逐行列出问题")
        )

    # --- loading ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        # What the load reads, fixed here on the GUI thread (the job itself touches no widget).
        self._query = (self.today, int(self.within.currentData()))
        super().refresh()

    def load(self, db: Database) -> list[FollowUpRow]:
        today, within_days = self._query
        return placement.follow_ups_due(db, today=today, within_days=within_days)

    def show_loaded(self, data: Any) -> None:
        day = self.today or date.today()
        self.rows = [r for r in data if r.overdue or int(self.within.currentData()) > 0]
        self.model.set_overdue_rows(
            [
                (
                    r.person_name,
                    r.village_name,
                    r.employer,
                    r.job,
                    iso(r.started_on),
                    self.tr("第{0}个月").format(r.month),
                    iso(r.due_on),
                    self.tr("逾期{0}天").format((day - r.due_on).days) if r.overdue else self.tr("待回访"),
                )
                for r in self.rows
            ],
            [row_key(r) for r in self.rows],
            [r.overdue for r in self.rows],
        )
        overdue = sum(1 for r in self.rows if r.overdue)
        self.count_label.setText(self.tr("{0}个回访，其中{1}个逾期").format(len(self.rows), overdue))
        self.update_buttons()

    def selected(self) -> FollowUpRow | None:
        key = selected_id(self.view)
        return next((r for r in self.rows if row_key(r) == key), None)

    def update_buttons(self) -> None:
        super().update_buttons()
        self.record_button.setEnabled(self.selected() is not None)

    # --- 记录回访 -------------------------------------------------------------------------------------------------

    def ask_follow_up(self, row: FollowUpRow) -> FollowUpValues | None:
        what = self.tr("{0}（{1}）：{2} {3}，{4}上岗，应在{5}回访").format(
            row.person_name, row.village_name, row.employer, row.job, iso(row.started_on), iso(row.due_on)
        )
        dialog = FollowUpDialog(what, row.month, started_on=row.started_on, today=self.today, parent=self)
        return dialog.follow_up() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def confirm_open_person(self, row: FollowUpRow) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("已不在岗"),
            self.tr("{0}已不在岗。是否打开档案，在“就业去向”中记录这次变化？（原记录保留）").format(
                row.person_name
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def record_follow_up(self) -> None:
        row = self.selected()
        if row is None:
            self.say(self.tr("请先选择一个回访"), error=True)
            return
        values = self.ask_follow_up(row)
        if values is None:
            return
        month = row.month
        job = values.job(row.employment_record_id, month, actor=self.actor, today=self.today)

        def done(_id: object) -> None:
            if not values.still_employed and self.confirm_open_person(row):
                self.openPerson.emit(row.person_id)

        self.write(
            job,
            done,
            done_text=self.tr("已记录{0}第{1}个月的回访").format(row.person_name, month),
            changes={"employment_follow_up"},
        )
