"""企业: the employers the county places graduates with (county reference data, issue 16).

The county keeps them (新增/修改/删除, Excel 导入/导出). Enterprises that look like the same one (the same credit
code, or the same name and place: ``services.employment_reference.duplicate_enterprises``, usually two laptops
that entered it apart and synced) are named on a warning line above the table. A county account merges two
records of one enterprise with 合并… (``EnterpriseMergeDialog``, then ``services.enterprise_merge``): the dialog
chooses the record kept, a question confirms, and a message says what was merged.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QLabel, QMessageBox, QPushButton

from yulu_desktop.services import employment_reference, enterprise_merge
from yulu_desktop.services.employment_reference import EnterpriseRow
from yulu_desktop.services.enterprise_merge import MergeChoices, MergeReport, MergeSide
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.enterprise_merge_dialog import EnterpriseMergeDialog
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons, ReferencePage
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column

__all__ = ["EnterprisesPage"]


def _contact(row: EnterpriseRow) -> str:
    return " ".join(part for part in (row.contact_name, row.contact_phone) if part)


def _pairing(row: EnterpriseRow) -> str:
    return f"{row.pairing_label}（{row.pairing_partner}）" if row.pairing_partner else row.pairing_label


class EnterprisesPage(ReferencePage):
    """The county's enterprises, with a warning for likely duplicates."""

    table_name = "enterprisesTable"
    kind = "enterprise"
    entity = "enterprise"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.excel = ExcelButtons(self, "enterprise")
        self.duplicates = QLabel()
        self.duplicates.setObjectName("duplicateWarning")
        self.duplicates.setWordWrap(True)
        self.duplicates.setStyleSheet("color: #b26a00;")
        self.duplicates.hide()
        self.layout_.insertWidget(1, self.duplicates)
        self.merge_button = QPushButton(self.tr("合并…"))
        self.merge_button.setObjectName("mergeButton")
        self.merge_button.setToolTip(self.tr("把同一家企业的两条记录合并为一条"))
        self.merge_button.clicked.connect(self.merge_current)
        self.merge_button.setVisible(self.may_write())
        self.toolbar.insertWidget(self.toolbar.indexOf(self.delete_button) + 1, self.merge_button)
        #: The open merge dialog (tests look at it).
        self.merge_dialog: EnterpriseMergeDialog | None = None

    def columns(self) -> list[Column]:
        return [
            Column(translate("EnterprisesPage", "企业名称"), lambda r: r.name),
            Column(translate("EnterprisesPage", "统一社会信用代码"), lambda r: r.credit_code or ""),
            Column(translate("EnterprisesPage", "行业"), lambda r: r.industry_label),
            Column(translate("EnterprisesPage", "地域"), lambda r: r.region_label),
            Column(translate("EnterprisesPage", "所在地"), lambda r: r.place),
            Column(translate("EnterprisesPage", "联系人"), _contact),
            Column(translate("EnterprisesPage", "帮扶协作"), _pairing),
            Column(translate("EnterprisesPage", "在招岗位"), lambda r: str(r.open_positions)),
            Column(translate("EnterprisesPage", "备注"), lambda r: r.note),
        ]

    def load(self, db: Database) -> tuple[list[EnterpriseRow], list[tuple[EnterpriseRow, EnterpriseRow]]]:
        return employment_reference.enterprises(db), employment_reference.duplicate_enterprises(db)

    def show_loaded(self, data: Any) -> None:
        rows, pairs = data
        super().show_loaded(rows)
        if pairs:
            named = "；".join(f"“{a.name}”与“{b.name}”" for a, b in pairs)
            if self.may_write():
                text = self.tr(
                    "疑似重复的企业（信用代码相同，或名称和所在地相同）：{0}。"
                    "请核对；是同一家的，选中其中一条，点“合并…”合为一条。"
                )
            else:
                text = translate(
                    "EnterprisesPage",
                    "疑似重复的企业（信用代码相同，或名称和所在地相同）：{0}。请核对后修改或删除多余的一条。",
                )
            self.duplicates.setText(text.format(named))
            self.duplicates.show()
        else:
            self.duplicates.clear()
            self.duplicates.hide()

    # --- 合并 ---------------------------------------------------------------------------------------------------

    def merge_current(self) -> None:
        """合并…: the selected enterprise and another of its county, chosen in the dialog, confirmed, merged."""
        row = self.current_row()
        if row is None:
            self.say(self.tr("请先在表中选中要合并的企业"), error=True)
            return
        enterprise_id, today = str(row.id), self.today
        self.run(
            lambda db: enterprise_merge.merge_choices(db, enterprise_id, today=today),
            self._merge_chosen,
        )

    def _merge_chosen(self, choices: MergeChoices) -> None:
        if not choices.others:
            self.say(self.tr("本县没有别的企业可以与它合并"), error=True)
            return
        pair = self.ask_merge(choices)
        if pair is None:
            return
        kept, dropped = pair
        if not self.confirm_merge(kept, dropped):
            return
        actor, today = self.actor, self.today
        keep_id, drop_id = kept.enterprise.id, dropped.enterprise.id
        self.write(
            lambda db: enterprise_merge.merge_enterprises(db, keep_id, drop_id, actor=actor, today=today),
            self.show_merged,
            done_text=self.tr("已将“{0}”合并到“{1}”").format(dropped.enterprise.name, kept.enterprise.name),
            changes={"enterprise", "job_position", "employment_agreement", "job_fair"},
        )

    def ask_merge(self, choices: MergeChoices) -> tuple[MergeSide, MergeSide] | None:
        """The merge dialog: (kept, dropped), or None when cancelled."""
        dialog = EnterpriseMergeDialog(choices, self)
        self.merge_dialog = dialog
        try:
            return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            self.merge_dialog = None
            dialog.deleteLater()

    def confirm_merge(self, kept: MergeSide, dropped: MergeSide) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("合并企业"),
            self.tr("确定把“{0}”合并到“{1}”并删除“{0}”吗？此操作会同步到全县，不能撤销。").format(
                dropped.enterprise.name, kept.enterprise.name
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def show_merged(self, report: MergeReport) -> None:
        """What the merge did (the service's Chinese report)."""
        QMessageBox.information(self, self.tr("合并完成"), "\n".join(report.lines()))
