"""企业: the employers the county places graduates with (county reference data, issue 16).

The county keeps them (新增/修改/删除, Excel 导入/导出). Enterprises that look like the same one (the same credit
code, or the same name and place: ``services.employment_reference.duplicate_enterprises``, usually two laptops
that entered it apart and synced) are named on a warning line above the table.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel

from yulu_desktop.services import employment_reference
from yulu_desktop.services.employment_reference import EnterpriseRow
from yulu_desktop.store.database import Database
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
            self.duplicates.setText(
                translate(
                    "EnterprisesPage",
                    "疑似重复的企业（信用代码相同，或名称和所在地相同）：{0}。请核对后修改或删除多余的一条。",
                ).format(named)
            )
            self.duplicates.show()
        else:
            self.duplicates.clear()
            self.duplicates.hide()
