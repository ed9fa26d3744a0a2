"""未就业: the unemployed-graduate list (未就业毕业生清单, issue 16) — every graduate not placed, with the reason,
the next action and its due date (overdue in red), for the graduation year chosen on top of the window; a text
filter and 只看逾期; export to Excel (``services.employment_stats.export_unemployed``, audited); add a placement
action or mark one done; open the person."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QWidget,
)

from yulu_desktop.domain.access import Actor
from yulu_desktop.services import employment_stats
from yulu_desktop.services.employment_stats import UnemployedRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.page import OverdueListPage
from yulu_desktop.ui.employment.placement_dialogs import (
    PlacementActionDialog,
    PlacementActionValues,
    finish_action_job,
)
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.person.widgets import selected_id
from yulu_desktop.ui.table_models import iso
from yulu_desktop.ui.worker import DbWorker

__all__ = ["UnemployedPage"]


class UnemployedPage(OverdueListPage):
    """The graduates not placed, their reason, next action and due date."""

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
        self.rows: list[UnemployedRow] = []
        self._query: tuple[int | None, date | None] = (None, today)
        self.shown: list[UnemployedRow] = []
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(self.tr("按姓名、村、学校、专业或原因筛选"))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(280)
        self.filter_box.textChanged.connect(lambda _text: self._show_rows())
        self.overdue_only = QCheckBox(self.tr("只看逾期"))
        self.overdue_only.toggled.connect(lambda _on: self._show_rows())
        self.build_list(
            self.tr("未就业毕业生清单"),
            "unemployedCount",
            [
                self.tr("姓名"),
                self.tr("村"),
                self.tr("电话"),
                self.tr("学校"),
                self.tr("专业"),
                self.tr("毕业年份"),
                self.tr("去向"),
                self.tr("未就业原因"),
                self.tr("下一步措施"),
                self.tr("完成期限"),
                self.tr("状态"),
            ],
            self.tr("打开档案"),
        )
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.add_action_button = QPushButton(icon("add"), self.tr("新增措施…"))
        self.add_action_button.setToolTip(self.tr("为选中的毕业生记录未就业原因、下一步措施和完成期限"))
        self.add_action_button.clicked.connect(lambda: self.add_action())
        self.finish_button = QPushButton(self.tr("措施完成"))
        self.finish_button.setToolTip(self.tr("选中毕业生的当前措施已完成"))
        self.finish_button.clicked.connect(lambda: self.finish_action())
        self.export_button = QPushButton(icon("export"), self.tr("导出 Excel…"))
        self.export_button.clicked.connect(lambda: self.export_excel())
        self.lay_out_list(
            top=[self.filter_box, self.overdue_only],
            buttons=[self.add_action_button, self.finish_button, self.export_button],
        )

    # --- loading ------------------------------------------------------------------------------------------------

    def refresh(self) -> None:
        # What the load reads, fixed here on the GUI thread (the job itself touches no widget).
        self._query = (self.graduation_year, self.today)
        super().refresh()

    def load(self, db: Database) -> list[UnemployedRow]:
        year, today = self._query
        return employment_stats.unemployed_graduates(db, graduation_year=year, today=today)

    def show_loaded(self, data: Any) -> None:
        self.rows = list(data)
        self._show_rows()

    def _matches(self, row: UnemployedRow, text: str) -> bool:
        if self.overdue_only.isChecked() and not row.overdue:
            return False
        if not text:
            return True
        haystack = " ".join(
            (row.name, row.village_name, row.school_name, row.major, row.reason_label, row.next_action)
        )
        return all(word in haystack for word in text.split())

    def _show_rows(self) -> None:
        text = self.filter_box.text().strip()
        self.shown = [row for row in self.rows if self._matches(row, text)]
        self.model.set_overdue_rows(
            [
                (
                    r.name,
                    r.village_name,
                    r.phone_masked,
                    r.school_name,
                    r.major,
                    str(r.graduation_year) if r.graduation_year else "",
                    r.destination_label,
                    r.reason_label,
                    r.next_action,
                    iso(r.due_on),
                    self.tr("逾期") if r.overdue else (self.tr("未定措施") if not r.action_id else ""),
                )
                for r in self.shown
            ],
            [r.person_id for r in self.shown],
            [r.overdue for r in self.shown],
        )
        overdue = sum(1 for r in self.rows if r.overdue)
        year = (
            self.tr("{0}年毕业").format(self.graduation_year) if self.graduation_year else self.tr("各年毕业")
        )
        self.count_label.setText(
            self.tr("{0}：{1}人未就业，其中{2}人措施逾期").format(year, len(self.rows), overdue)
            + (self.tr("（显示{0}人）").format(len(self.shown)) if len(self.shown) != len(self.rows) else "")
        )
        self.update_buttons()

    def selected(self) -> UnemployedRow | None:
        person_id = selected_id(self.view)
        return next((r for r in self.shown if r.person_id == person_id), None)

    def update_buttons(self) -> None:
        super().update_buttons()
        row = self.selected()
        self.add_action_button.setEnabled(row is not None)
        self.finish_button.setEnabled(row is not None and row.action_id is not None)
        self.export_button.setEnabled(bool(self.rows))

    # --- writing ------------------------------------------------------------------------------------------------

    def ask_action(self, row: UnemployedRow) -> PlacementActionValues | None:
        dialog = PlacementActionDialog(row.name, today=self.today, parent=self)
        return dialog.action() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def add_action(self) -> None:
        """新增措施 for the selected graduate."""
        row = self.selected()
        if row is None:
            self.say(self.tr("请先选择一位毕业生"), error=True)
            return
        values = self.ask_action(row)
        if values is None:
            return
        self.write(
            values.job(row.person_id, actor=self.actor, today=self.today),
            done_text=self.tr("已为{0}保存帮扶措施").format(row.name),
            changes={"placement_action"},
        )

    def finish_action(self) -> None:
        """措施完成: the selected graduate's current action is done (today)."""
        row = self.selected()
        if row is None or row.action_id is None:
            self.say(self.tr("请先选择有未完成措施的毕业生"), error=True)
            return
        self.write(
            finish_action_job(row.action_id, actor=self.actor, today=self.today),
            done_text=self.tr("{0}的措施已完成：{1}").format(row.name, row.next_action),
            changes={"placement_action"},
        )

    def ask_path(self) -> Path | None:
        year = f"{self.graduation_year}届" if self.graduation_year else ""
        chosen, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("导出未就业毕业生清单"),
            f"未就业毕业生清单{year}.xlsx",
            self.tr("Excel 文件 (*.xlsx)"),
        )
        return Path(chosen) if chosen else None

    def export_excel(self, path: Path | None = None) -> None:
        """导出 Excel of the rows shown (audited as an export)."""
        if not self.shown:
            self.say(self.tr("没有可导出的行"), error=True)
            return
        target = path or self.ask_path()
        if target is None:
            return
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        rows, actor = list(self.shown), self.actor

        def job(db: Database) -> None:
            employment_stats.export_unemployed(db, rows, target, actor=actor)

        self.run(
            job,
            lambda _result: self.say(self.tr("已导出{0}行：{1}").format(len(rows), target)),
        )
