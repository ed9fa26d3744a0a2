"""公示 (``PublicityPage``): the village's 公示 lists of the term, the applications on each, their objections, and
the printed list to post (issue 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.services import subsidy, subsidy_publicity
from yulu_desktop.services.subsidy import ApplicationRow
from yulu_desktop.services.subsidy_publicity import PublicityRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.subsidy.dialogs import ObjectionsDialog
from yulu_desktop.ui.subsidy.models import application_columns
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import Column, RowsModel, iso, rows_view, selected_rows
from yulu_desktop.ui.worker import DbWorker

__all__ = ["PublicityPage"]


# --- 公示 ---------------------------------------------------------------------------------------------------------


class PublicityPage(SubsidyPage):
    """公示: the term's 公示 lists, the applications on the selected one, objections and the printed list."""

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("subsidyPublicityPage")
        self.today: date | None = None
        self.dialog: QDialog | None = None
        self.publicities = RowsModel(
            [
                Column(self.tr("村"), lambda p: p.village_name),
                Column(self.tr("学期"), lambda p: rules.term_label(p.term)),
                Column(self.tr("开始"), lambda p: iso(p.starts_on)),
                Column(self.tr("结束"), lambda p: iso(p.ends_on)),
                Column(self.tr("人数"), lambda p: str(p.count)),
                Column(
                    self.tr("未决异议"),
                    lambda p: str(p.open_objections) if p.open_objections else "",
                    lambda p: p.open_objections > 0,
                ),
                Column(self.tr("状态"), lambda p: self.tr("已结束") if p.ended else self.tr("公示中")),
            ],
            lambda p: p.id,
            self,
        )
        self.publicities_view = rows_view(self.publicities, "publicitiesTable", multi=False)
        self.publicities_view.selectionModel().selectionChanged.connect(lambda *_: self._show_members())
        self.members = RowsModel(application_columns(village=False), lambda a: a.id, self)
        self.members_view = rows_view(self.members, "publicityMembers", multi=False)
        self.members_view.doubleClicked.connect(lambda _i: self.open_objections())
        self.all_applications: list[ApplicationRow] = []
        self.objections_button = QPushButton(self.tr("异议…"))
        self.objections_button.setObjectName("objectionsButton")
        self.objections_button.setToolTip(self.tr("记录或处理选中学生的异议（双击一行也可）"))
        self.objections_button.clicked.connect(lambda: self.open_objections())
        self.print_button = QPushButton(icon("print"), self.tr("打印公示名单…"))
        self.print_button.setObjectName("printPublicity")
        self.print_button.setToolTip(self.tr("生成张贴用的公示名单 PDF（不含身份证号、电话和账号）"))
        self.print_button.clicked.connect(lambda: self.print_list())
        top = QGroupBox(self.tr("本学期的公示"))
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(self.publicities_view)
        self.members_box = QGroupBox(self.tr("公示名单"))
        members_layout = QVBoxLayout(self.members_box)
        members_layout.addWidget(self.members_view, 1)
        row = QHBoxLayout()
        row.addWidget(self.objections_button)
        row.addStretch(1)
        row.addWidget(self.print_button)
        members_layout.addLayout(row)
        hint = QLabel(
            self.tr(
                "公示期满（结束日期的次日起）且没有未决异议，乡镇才能审核。要公示的申请请在“申请”页选中后点“发起公示”。"
            )
        )
        hint.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(top)
        splitter.addWidget(self.members_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._show_members()

    def load_options(self) -> str | None:
        return self.unit_id

    def load(
        self, db: Database, term: str, unit_id: str | None
    ) -> tuple[list[PublicityRow], list[ApplicationRow]]:
        return (
            subsidy_publicity.publicities(db, term=term, unit_id=unit_id),
            subsidy.applications(db, term=term, unit_id=unit_id),
        )

    def show_loaded(self, data: tuple[list[PublicityRow], list[ApplicationRow]]) -> None:
        publicities, applications = data
        keep = self.current_publicity()
        self.publicities.set_rows(publicities)
        self.all_applications = applications
        row = self.publicities.find(keep.id) if keep else None
        row = row if row is not None else (0 if publicities else None)
        if row is not None:
            self.publicities_view.selectRow(row)
        self._show_members()

    def current_publicity(self) -> PublicityRow | None:
        rows = selected_rows(self.publicities_view)
        return self.publicities.row(rows[0]) if rows else None

    def _show_members(self) -> None:
        publicity = self.current_publicity()
        members = [a for a in self.all_applications if publicity and a.publicity_id == publicity.id]
        self.members.set_rows(members)
        if publicity is None:
            self.members_box.setTitle(self.tr("公示名单"))
        else:
            self.members_box.setTitle(
                self.tr("{0} 公示名单（{1} 至 {2}）").format(
                    publicity.village_name, iso(publicity.starts_on), iso(publicity.ends_on)
                )
            )
        self.print_button.setEnabled(publicity is not None)
        self.objections_button.setEnabled(bool(members))

    def open_objections(self, application_id: str | None = None) -> ObjectionsDialog | None:
        if application_id is not None:
            row = self.members.find(application_id)
            rows = [row] if row is not None else []
        else:
            rows = selected_rows(self.members_view)
        if not rows:
            self.say(self.tr("请先在公示名单中选择学生"), error=True)
            return None
        dialog = ObjectionsDialog(self.worker, self.actor, self.members.row(rows[0]), self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def print_list(self, path: Path | None = None) -> None:
        """The 公示 list as a PDF to post (masked: no ID, phone or account)."""
        publicity = self.current_publicity()
        if publicity is None:
            return
        if path is None:
            suggested = f"公示名单_{publicity.village_name}_{rules.term_label(publicity.term)}.pdf"
            chosen, _filter = QFileDialog.getSaveFileName(
                self, self.tr("保存公示名单"), suggested, self.tr("PDF 文件 (*.pdf)")
            )
            if not chosen:
                return
            path = Path(chosen)
        target, actor = path, self.actor

        def job(db: Database) -> Path:
            from yulu_desktop.services import subsidy_ledger

            return subsidy_ledger.print_publicity_list(db, publicity.id, target, actor=actor)

        self.worker.submit(
            job,
            lambda written: self.say(self.tr("公示名单已保存到 {0}").format(written)),
            self.failed,
        )
