"""岗位: the jobs on offer (issue 16), entered by the county or a township and seen by every laptop below it.

Township and county laptops add, edit and delete positions (and import them from Excel); a village laptop reads
them. Every level can open 匹配毕业生: the graduates and final-year students who fit a position, with the reasons
(``ui.employment.match_dialog``).
"""

from __future__ import annotations

import importlib
from typing import Any

from PySide6.QtWidgets import QCheckBox, QPushButton

from yulu_desktop.services import employment_reference
from yulu_desktop.services.employment_reference import PositionRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons, ReferencePage
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column, iso

__all__ = ["PositionsPage"]

_MATCH_MODULE = "yulu_desktop.ui.employment.match_dialog"


def _status(row: PositionRow) -> str:
    if row.is_open:
        return translate("PositionsPage", "在招")
    return translate("PositionsPage", "已招满") if row.filled else translate("PositionsPage", "已截止")


class PositionsPage(ReferencePage):
    """The positions this laptop sees; 匹配毕业生 for the selected one."""

    table_name = "positionsTable"
    kind = "position"
    entity = "job_position"
    unit_records = True
    writers = employment_reference.TOWNSHIP_ROLES

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.open_only = False
        super().__init__(*args, **kwargs)
        self.match_dialog: Any = None
        self.open_only_box = QCheckBox(self.tr("只看在招"))
        self.open_only_box.setObjectName("openOnly")
        self.open_only_box.toggled.connect(self._open_only_toggled)
        self.match_button = QPushButton(self.tr("匹配毕业生…"))
        self.match_button.setObjectName("matchButton")
        self.match_button.clicked.connect(self.match_current)
        self.toolbar.insertWidget(1, self.open_only_box)
        self.toolbar.insertWidget(2, self.match_button)
        self.excel = ExcelButtons(self, "position")

    def columns(self) -> list[Column]:
        return [
            Column(translate("PositionsPage", "岗位名称"), lambda r: r.title),
            Column(translate("PositionsPage", "企业"), lambda r: r.enterprise_name),
            Column(translate("PositionsPage", "行业"), lambda r: r.industry_label),
            Column(translate("PositionsPage", "地域"), lambda r: r.region_label),
            Column(translate("PositionsPage", "工作地点"), lambda r: r.place),
            Column(translate("PositionsPage", "月薪"), lambda r: r.pay_text),
            Column(
                translate("PositionsPage", "专业要求"),
                lambda r: "、".join(r.majors) or translate("PositionsPage", "不限"),
            ),
            Column(translate("PositionsPage", "技能等级"), lambda r: r.skill_label),
            Column(translate("PositionsPage", "招聘人数"), lambda r: str(r.openings)),
            Column(translate("PositionsPage", "截止日期"), lambda r: iso(r.deadline)),
            Column(translate("PositionsPage", "状态"), _status, lambda r: not r.is_open),
            Column(translate("PositionsPage", "已推荐"), lambda r: str(r.referred)),
            Column(translate("PositionsPage", "已录用"), lambda r: str(r.hired)),
            Column(translate("PositionsPage", "招聘会"), lambda r: r.fair_name),
            Column(translate("PositionsPage", "录入单位"), lambda r: r.unit_name),
        ]

    def _open_only_toggled(self, checked: bool) -> None:
        self.open_only = checked
        self.refresh()

    def load(self, db: Database) -> list[PositionRow]:
        return employment_reference.positions(db, open_only=self.open_only, today=self.today)

    def row_name(self, row: PositionRow) -> str:
        return f"{row.enterprise_name} {row.title}"

    def match_current(self) -> None:
        """匹配毕业生 for the selected position (helper F's dialog, imported when first used)."""
        row = self.current_row()
        if row is None:
            self.say(self.tr("请先在表中选中一个岗位"), error=True)
            return
        try:
            module = importlib.import_module(_MATCH_MODULE)
        except ModuleNotFoundError as exc:
            if exc.name != _MATCH_MODULE:
                raise
            self.say(self.tr("这个版本还没有匹配毕业生的功能"), error=True)
            return
        dialog = module.GraduatesForPositionDialog(self.worker, self.actor, row.id, self)
        person_signal = getattr(dialog, "openPerson", None)
        if person_signal is not None:
            person_signal.connect(self.openPerson.emit)
        changed_signal = getattr(dialog, "changed", None)
        if changed_signal is not None:
            changed_signal.connect(self._matched_changed)
        self.match_dialog = dialog
        dialog.show()

    def _matched_changed(self) -> None:
        self.refresh()
        self.changed.emit()
