"""Table models of the subsidy window, and the few pieces its pages share.

The generic tables (``Column``, ``RowsModel``, ``rows_view``, ``table_widget``, ``cell``, ``yuan``, ``iso``,
``IdRole``, ``error_text``) live in ``ui.table_models`` (the employment window uses them too). What is the
subsidy cycle's own: the entities its pages watch, the columns of an application list
(``ApplicationRow``: a village or a township queue is at most a few hundred rows) and batch reports. The pages'
base class is ``ui.subsidy.page.SubsidyPage``.
"""

from __future__ import annotations

from yulu_desktop.services.subsidy import ApplicationRow, StepReport
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.table_models import Column, iso, yuan

__all__ = ["SUBSIDY_ENTITIES", "application_columns", "report_text"]

#: Entities whose changes can change what the subsidy pages show.
SUBSIDY_ENTITIES = frozenset(
    {
        "subsidy_application",
        "subsidy_evidence",
        "subsidy_publicity",
        "subsidy_objection",
        "subsidy_payment_batch",
        "subsidy_rule",
        "subsidy_window",
        "subsidy_setting",
        "enrollment",
        "person",
        "household",
    }
)


def _reason_of(row: ApplicationRow) -> str:
    return row.returned_reason or row.payment_failure or row.reason


def application_columns(*, village: bool = True) -> list[Column]:
    """The columns of an application list (``ApplicationRow``); ``village`` adds the 村 column."""
    columns = [
        Column(translate("SubsidyModels", "姓名"), lambda r: r.name),
        Column(translate("SubsidyModels", "身份证号"), lambda r: r.id_number_masked),
    ]
    if village:
        columns.append(Column(translate("SubsidyModels", "村"), lambda r: r.village_name))
    columns += [
        Column(translate("SubsidyModels", "学校"), lambda r: r.school_name),
        Column(translate("SubsidyModels", "金额（元）"), lambda r: yuan(r.amount_fen)),
        Column(
            translate("SubsidyModels", "状态"),
            lambda r: r.state_label,
            lambda r: r.state in ("returned", "payment_failed", "rejected"),
        ),
        Column(translate("SubsidyModels", "申请日期"), lambda r: iso(r.applied_on)),
        Column(translate("SubsidyModels", "公示截止"), lambda r: iso(r.publicity_ends_on)),
        Column(
            translate("SubsidyModels", "未决异议"),
            lambda r: str(r.open_objections) if r.open_objections else "",
            lambda r: r.open_objections > 0,
        ),
        Column(
            translate("SubsidyModels", "缺少材料"),
            lambda r: "、".join(r.missing_evidence),
            lambda r: bool(r.missing_evidence),
        ),
        Column(
            translate("SubsidyModels", "退回／不通过／失败原因"), _reason_of, lambda r: bool(_reason_of(r))
        ),
    ]
    return columns


def report_text(report: StepReport, done_text: str) -> tuple[str, bool]:
    """A batch action's outcome for a message line and whether anything was refused (each refusal named)."""
    lines = []
    if report.done:
        lines.append(done_text.format(len(report.done)))
    if report.refused:
        lines.append(translate("SubsidyModels", "{0} 条未办理：").format(len(report.refused)))
        lines += [f"· {name}：{reason}" for _id, name, reason in report.refused]
    if not lines:
        lines.append(translate("SubsidyModels", "没有办理任何申请"))
    return "\n".join(lines), bool(report.refused)
