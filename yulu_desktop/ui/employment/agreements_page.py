"""合作协议: the county's 校企县 and 校企 cooperation agreements (county reference data, issue 16).

Who signed (school, enterprises), when, for which majors and how many places a year, what is promised, and how
many graduates were hired through the agreement's positions. Excel 导入/导出 (``services.employment_excel_events``).
"""

from __future__ import annotations

from typing import Any

from yulu_desktop.services import employment_reference
from yulu_desktop.services.employment_reference import AgreementRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.employment.reference_dialogs import ExcelButtons, ReferencePage
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column, iso

__all__ = ["AgreementsPage"]


def _term(row: AgreementRow) -> str:
    if row.starts_on is None and row.ends_on is None:
        return ""
    return f"{iso(row.starts_on)}～{iso(row.ends_on)}"


class AgreementsPage(ReferencePage):
    """The county's cooperation agreements."""

    table_name = "agreementsTable"
    kind = "agreement"
    entity = "employment_agreement"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.excel = ExcelButtons(self, "agreement")

    def columns(self) -> list[Column]:
        return [
            Column(translate("AgreementsPage", "协议名称"), lambda r: r.title),
            Column(translate("AgreementsPage", "类型"), lambda r: r.kind_label),
            Column(translate("AgreementsPage", "学校"), lambda r: r.school_name),
            Column(translate("AgreementsPage", "合作企业"), lambda r: "、".join(r.enterprise_names)),
            Column(translate("AgreementsPage", "签订日期"), lambda r: iso(r.signed_on)),
            Column(translate("AgreementsPage", "有效期"), _term),
            Column(translate("AgreementsPage", "专业"), lambda r: "、".join(r.majors)),
            Column(
                translate("AgreementsPage", "每年名额"),
                lambda r: "" if r.places_per_year is None else str(r.places_per_year),
            ),
            Column(translate("AgreementsPage", "已录用"), lambda r: str(r.hired)),
            Column(translate("AgreementsPage", "支持内容"), lambda r: r.support),
        ]

    def load(self, db: Database) -> list[AgreementRow]:
        return employment_reference.agreements(db)

    def row_name(self, row: AgreementRow) -> str:
        return str(row.title)
