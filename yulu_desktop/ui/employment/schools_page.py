"""学校: the vocational schools the county works with (county reference data, issue 16).

The county keeps them (新增/修改/删除, Excel 导入/导出); other levels do not see this tab.
"""

from __future__ import annotations

from typing import Any

from yulu_desktop.services import employment_reference
from yulu_desktop.services.employment_reference import SchoolRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons, ReferencePage
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column

__all__ = ["SchoolsPage"]


class SchoolsPage(ReferencePage):
    """The county's schools."""

    table_name = "schoolsTable"
    kind = "school"
    entity = "school"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.excel = ExcelButtons(self, "school")

    def columns(self) -> list[Column]:
        return [
            Column(translate("SchoolsPage", "学校名称"), lambda r: r.name),
            Column(translate("SchoolsPage", "层次"), lambda r: r.level_label),
            Column(translate("SchoolsPage", "所在地"), lambda r: r.place),
            Column(translate("SchoolsPage", "开设专业"), lambda r: "、".join(r.majors)),
            Column(translate("SchoolsPage", "联系人及电话"), lambda r: r.contact),
            Column(translate("SchoolsPage", "备注"), lambda r: r.note),
        ]

    def load(self, db: Database) -> list[SchoolRow]:
        return employment_reference.schools(db)
