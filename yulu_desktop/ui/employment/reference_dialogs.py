"""Edit dialogs of the employment reference data (issue 16): 学校, 企业, 合作协议, 岗位, 招聘会, 政策宣传.

A dialog is a ``forms.RecordForm`` over the entity's fields, plus checklists for the id lists (an agreement's
enterprises, a fair's schools and enterprises). 保存 builds the entity and saves it through
``services.employment_reference`` on the database worker; what the service refuses (``ValidationFailed``) is
shown next to its field, and the dialog stays open. No rule lives here.

``edit_reference(page, kind, record_id)`` opens the dialog of ``kind`` for a new row (``record_id`` None) or an
existing one, after reading on the worker what the combos offer and the laptop's county and unit.
``view_reference(page, kind, record_id, why)`` opens the same dialog read only, for a row this laptop may not
change: every field shown but none editable, only 关闭, and ``why`` (a sentence) on top.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import MISSING, dataclass, fields
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QBoxLayout,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes
from yulu_desktop.domain.access import Permission, may
from yulu_desktop.domain.employment import json_list
from yulu_desktop.domain.entities import (
    EmploymentAgreement,
    Enterprise,
    JobFair,
    JobPosition,
    PolicyCampaign,
    School,
)
from yulu_desktop.domain.errors import Issue, ValidationFailed, YuluError
from yulu_desktop.domain.jurisdiction import Jurisdiction
from yulu_desktop.services import employment_reference, lists, matching, records
from yulu_desktop.store.database import Database
from yulu_desktop.ui import screen_fit
from yulu_desktop.ui.employment.page import EmploymentPage, TablePage
from yulu_desktop.ui.forms import KEPT_ROLE, FieldSpec, FormError, RecordForm
from yulu_desktop.ui.i18n import translate
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.subsidy.dialogs import ask_reason

__all__ = [
    "KINDS",
    "ExcelButtons",
    "IdChecklist",
    "PeoplePicker",
    "ReferenceDialog",
    "ReferencePage",
    "edit_reference",
    "people_choices",
    "split_list",
    "view_reference",
]

_SEPARATORS = re.compile(r"[、,，;；\s]+")
# The reason on top of a dialog that shows a row read only (amber, as a warning under a field).
_REASON_STYLE = "QLabel { color: #7a4a00; background: #fff4e0; border: 1px solid #f0c36d; padding: 6px; }"


def split_list(text: str) -> list[str]:
    """``数控技术应用、护理`` → ``["数控技术应用", "护理"]`` (顿号, commas, semicolons or spaces)."""
    seen: list[str] = []
    for part in _SEPARATORS.split(text or ""):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


class IdChecklist(QWidget):
    """A searchable checklist of (id, name) choices: an agreement's enterprises, a fair's schools."""

    def __init__(self, choices: Sequence[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("EmploymentDialogs", "查找"))
        self.search.setClearButtonEnabled(True)
        self.list = QListWidget()
        self.list.setMaximumHeight(120)
        for record_id, name in choices:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.search.textChanged.connect(self._filter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.search)
        layout.addWidget(self.list)

    def _filter(self, text: str) -> None:
        for number in range(self.list.count()):
            item = self.list.item(number)
            item.setHidden(bool(text) and text not in item.text())

    def set_checked(self, ids: Sequence[str]) -> None:
        """Check ``ids``. An id that is not among the choices (a school or enterprise this laptop does not hold,
        written by another laptop or an import) gets an item of its own, checked and marked as not a current
        choice, so that 保存 keeps it rather than silently dropping it; the cadre may uncheck it. Such items
        belong to the record shown: the next ``set_checked`` removes them."""
        for number in reversed(range(self.list.count())):
            if self.list.item(number).data(KEPT_ROLE):
                self.list.takeItem(number)
        chosen = set(ids)
        known: set[str] = set()
        for number in range(self.list.count()):
            item = self.list.item(number)
            record_id = item.data(Qt.ItemDataRole.UserRole)
            known.add(record_id)
            checked = record_id in chosen
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        for record_id in dict.fromkeys(ids):
            if record_id in known:
                continue
            item = QListWidgetItem(translate("RecordForm", "{0}（不在可选列表中）").format(record_id))
            item.setData(Qt.ItemDataRole.UserRole, record_id)
            item.setData(KEPT_ROLE, True)
            item.setToolTip(
                translate(
                    "EmploymentDialogs", "可选列表中没有编号为 {0} 的记录；不取消勾选则原样保存。"
                ).format(record_id)
            )
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            item.setHidden(bool(self.search.text()) and self.search.text() not in item.text())
            self.list.addItem(item)

    def checked(self) -> list[str]:
        return [
            str(self.list.item(n).data(Qt.ItemDataRole.UserRole))
            for n in range(self.list.count())
            if self.list.item(n).checkState() == Qt.CheckState.Checked
        ]

    def set_read_only(self) -> None:
        """Checks shown but not changed (the search still filters)."""
        for number in range(self.list.count()):
            item = self.list.item(number)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)


@dataclass(frozen=True)
class Kind:
    """A kind of reference row: its entity, dialog title, fields and how it is saved."""

    entity: type[Any]
    title: str
    specs: Callable[[dict[str, Any]], list[FieldSpec]]  # from the context (the combos' choices)
    save: Callable[..., str]
    parent_field: str  # county_id or unit_id: filled from the context for a new row
    table: str  # the entity's table (what a save changes)
    lists: tuple[str, ...] = ()  # JSON list fields edited as text (majors)
    checklists: tuple[tuple[str, str, str], ...] = ()  # (field, label, context key of the choices)
    columns: int = 1


def _choices(name: str, pairs: Sequence[tuple[str, str]]) -> codes.CodeList:
    return codes.CodeList(name, dict(pairs))


def _school_specs(_context: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("name", label=translate("EmploymentDialogs", "学校名称")),
        FieldSpec(
            "level",
            "code",
            codes.SCHOOL_LEVEL,
            optional=False,
            label=translate("EmploymentDialogs", "学校层次"),
        ),
        FieldSpec("place", label=translate("EmploymentDialogs", "所在地")),
        FieldSpec("majors", label=translate("EmploymentDialogs", "开设专业（用顿号分隔）")),
        FieldSpec("contact", label=translate("EmploymentDialogs", "联系人及电话")),
        FieldSpec("note", "multiline", label=translate("EmploymentDialogs", "备注")),
    ]


def _enterprise_specs(_context: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("name", label=translate("EmploymentDialogs", "企业名称")),
        FieldSpec("credit_code", label=translate("EmploymentDialogs", "统一社会信用代码")),
        FieldSpec(
            "industry", "code", codes.INDUSTRY, optional=False, label=translate("EmploymentDialogs", "行业")
        ),
        FieldSpec("place", label=translate("EmploymentDialogs", "所在地")),
        FieldSpec(
            "region", "code", codes.REGION, optional=False, label=translate("EmploymentDialogs", "地域")
        ),
        FieldSpec("contact_name", label=translate("EmploymentDialogs", "联系人")),
        FieldSpec("contact_phone", label=translate("EmploymentDialogs", "联系电话")),
        FieldSpec(
            "pairing", "code", codes.PAIRING, optional=False, label=translate("EmploymentDialogs", "帮扶协作")
        ),
        FieldSpec("pairing_partner", label=translate("EmploymentDialogs", "协作方")),
        FieldSpec("note", "multiline", label=translate("EmploymentDialogs", "备注")),
    ]


def _agreement_specs(context: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "kind",
            "code",
            codes.AGREEMENT_KIND,
            optional=False,
            label=translate("EmploymentDialogs", "协议类型"),
        ),
        FieldSpec("title", label=translate("EmploymentDialogs", "协议名称")),
        FieldSpec(
            "school_id",
            "code",
            _choices("学校", context["schools"]),
            label=translate("EmploymentDialogs", "学校"),
        ),
        FieldSpec("signed_on", "date", label=translate("EmploymentDialogs", "签订日期")),
        FieldSpec("starts_on", "optional_date", label=translate("EmploymentDialogs", "开始日期")),
        FieldSpec("ends_on", "optional_date", label=translate("EmploymentDialogs", "结束日期")),
        FieldSpec("majors", label=translate("EmploymentDialogs", "专业（用顿号分隔）")),
        FieldSpec("places_per_year", "int", label=translate("EmploymentDialogs", "每年名额")),
        FieldSpec("support", label=translate("EmploymentDialogs", "支持内容")),
        FieldSpec("note", "multiline", label=translate("EmploymentDialogs", "备注")),
    ]


def _position_specs(context: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "enterprise_id",
            "code",
            _choices("企业", context["enterprises"]),
            optional=False,
            label=translate("EmploymentDialogs", "企业"),
        ),
        FieldSpec("title", label=translate("EmploymentDialogs", "岗位名称")),
        FieldSpec("place", label=translate("EmploymentDialogs", "工作地点")),
        FieldSpec(
            "region", "code", codes.REGION, optional=False, label=translate("EmploymentDialogs", "地域")
        ),
        FieldSpec("pay_min_fen", "yuan", label=translate("EmploymentDialogs", "月薪下限（元）")),
        FieldSpec("pay_max_fen", "yuan", label=translate("EmploymentDialogs", "月薪上限（元）")),
        FieldSpec("majors", label=translate("EmploymentDialogs", "专业要求（顿号分隔，空为不限）")),
        FieldSpec(
            "skill_level",
            "code",
            codes.SKILL_LEVEL,
            optional=False,
            label=translate("EmploymentDialogs", "技能等级"),
        ),
        FieldSpec("openings", "int", label=translate("EmploymentDialogs", "招聘人数")),
        FieldSpec("posted_on", "date", label=translate("EmploymentDialogs", "发布日期")),
        FieldSpec("deadline", "optional_date", label=translate("EmploymentDialogs", "截止日期")),
        FieldSpec(
            "agreement_id",
            "code",
            _choices("合作协议", context["agreements"]),
            label=translate("EmploymentDialogs", "合作协议"),
        ),
        FieldSpec(
            "fair_id",
            "code",
            _choices("招聘会", context["fairs"]),
            label=translate("EmploymentDialogs", "招聘会"),
        ),
        FieldSpec("note", "multiline", label=translate("EmploymentDialogs", "备注")),
    ]


def _fair_specs(_context: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec("name", label=translate("EmploymentDialogs", "招聘会名称")),
        FieldSpec("held_on", "date", label=translate("EmploymentDialogs", "举办日期")),
        FieldSpec("place", label=translate("EmploymentDialogs", "地点")),
        FieldSpec("note", "multiline", label=translate("EmploymentDialogs", "备注")),
    ]


def _campaign_specs(_context: dict[str, Any]) -> list[FieldSpec]:
    return [
        FieldSpec(
            "moment",
            "code",
            codes.CAMPAIGN_MOMENT,
            optional=False,
            label=translate("EmploymentDialogs", "宣传时点"),
        ),
        FieldSpec("held_on", "date", label=translate("EmploymentDialogs", "宣传日期")),
        FieldSpec("topic", label=translate("EmploymentDialogs", "宣传主题")),
        FieldSpec("place", label=translate("EmploymentDialogs", "地点")),
        FieldSpec("held_by", label=translate("EmploymentDialogs", "宣传人")),
        FieldSpec("note", "multiline", label=translate("EmploymentDialogs", "备注")),
    ]


def _save_campaign(db: Database, campaign: PolicyCampaign, *, actor: str) -> str:
    return employment_reference.save_campaign(db, campaign, actor=actor)


#: Every kind of reference row a dialog edits.
KINDS: dict[str, Kind] = {
    "school": Kind(
        School, "学校", _school_specs, employment_reference.save_school, "county_id", "school", ("majors",)
    ),
    "enterprise": Kind(
        Enterprise,
        "企业",
        _enterprise_specs,
        employment_reference.save_enterprise,
        "county_id",
        "enterprise",
        columns=2,
    ),
    "agreement": Kind(
        EmploymentAgreement,
        "合作协议",
        _agreement_specs,
        employment_reference.save_agreement,
        "county_id",
        "employment_agreement",
        ("majors",),
        (("enterprise_ids", "合作企业", "enterprises"),),
        columns=2,
    ),
    "position": Kind(
        JobPosition,
        "岗位",
        _position_specs,
        employment_reference.save_position,
        "unit_id",
        "job_position",
        ("majors",),
        columns=2,
    ),
    "fair": Kind(
        JobFair,
        "招聘会",
        _fair_specs,
        employment_reference.save_fair,
        "unit_id",
        "job_fair",
        checklists=(("school_ids", "参加学校", "schools"), ("enterprise_ids", "参加企业", "enterprises")),
    ),
    "campaign": Kind(
        PolicyCampaign, "政策宣传", _campaign_specs, _save_campaign, "unit_id", "policy_campaign"
    ),
}


def _view_title(kind: str) -> str:
    """The title of a dialog that shows a row read only; literal, so that lupdate finds them."""
    return {
        "school": translate("EmploymentDialogs", "查看学校"),
        "enterprise": translate("EmploymentDialogs", "查看企业"),
        "agreement": translate("EmploymentDialogs", "查看合作协议"),
        "position": translate("EmploymentDialogs", "查看岗位"),
        "fair": translate("EmploymentDialogs", "查看招聘会"),
        "campaign": translate("EmploymentDialogs", "查看政策宣传"),
    }[kind]


def _titles(kind: str) -> tuple[str, str]:
    """(新增 title, 修改 title) of a dialog; literal, so that lupdate finds them."""
    return {
        "school": (translate("EmploymentDialogs", "新增学校"), translate("EmploymentDialogs", "修改学校")),
        "enterprise": (
            translate("EmploymentDialogs", "新增企业"),
            translate("EmploymentDialogs", "修改企业"),
        ),
        "agreement": (
            translate("EmploymentDialogs", "新增合作协议"),
            translate("EmploymentDialogs", "修改合作协议"),
        ),
        "position": (translate("EmploymentDialogs", "新增岗位"), translate("EmploymentDialogs", "修改岗位")),
        "fair": (translate("EmploymentDialogs", "新增招聘会"), translate("EmploymentDialogs", "修改招聘会")),
        "campaign": (
            translate("EmploymentDialogs", "新增政策宣传"),
            translate("EmploymentDialogs", "修改政策宣传"),
        ),
    }[kind]


def _checklist_label(label: str) -> str:
    """A checklist's label, translated (literal, so that lupdate finds them)."""
    return {
        "合作企业": translate("EmploymentDialogs", "合作企业"),
        "参加学校": translate("EmploymentDialogs", "参加学校"),
        "参加企业": translate("EmploymentDialogs", "参加企业"),
    }.get(label, label)


def _jurisdiction(db: Database) -> Jurisdiction:
    """This laptop's jurisdiction (on the worker)."""
    with db.read() as session:
        return employment_reference.jurisdiction(session)


def _outside(owner: str, home: str) -> str:
    """Why a row of the unit ``owner`` is not changed on a laptop whose jurisdiction is the unit ``home``."""
    return translate(
        "ReferencePage", "属于{0}，不在本机的管辖范围（{1}）内，本机不能修改或删除；请由{0}修改"
    ).format(owner, home)


def _context(db: Database, kind: str) -> dict[str, Any]:
    """What a dialog of ``kind`` needs: the laptop's county and unit, and the combos' choices."""
    with db.read() as session:
        home = employment_reference.home_unit(session)
        county = records.county_of(session, home.id)
        context: dict[str, Any] = {"county_id": county.id, "unit_id": home.id}
    if kind in ("agreement", "fair"):
        context["schools"] = [(s.id, s.name) for s in employment_reference.schools(db)]
    if kind in ("agreement", "fair", "position"):
        context["enterprises"] = [(e.id, e.name) for e in employment_reference.enterprises(db)]
    if kind == "position":
        context["agreements"] = [(a.id, a.title) for a in employment_reference.agreements(db)]
        context["fairs"] = [
            (f.id, f"{f.name}（{f.held_on.isoformat()}）") for f in employment_reference.fairs(db)
        ]
    return context


class ReferenceDialog(QDialog):
    """The edit dialog of one reference row; ``saved(id)`` after the service stored it. With ``read_only`` (the
    sentence saying why this laptop may not change the row) it shows the row: that sentence on top, the fields not
    editable, only 关闭."""

    saved = Signal(str)

    def __init__(
        self,
        page: EmploymentPage,
        kind: str,
        context: dict[str, Any],
        entity: Any | None = None,
        *,
        read_only: str | None = None,
    ) -> None:
        super().__init__(page)
        self.setObjectName(f"{kind}Dialog")
        self.page = page
        self.kind = kind
        self.spec = KINDS[kind]
        self.context = context
        self.entity = entity
        self.read_only = read_only is not None
        new_title, edit_title = _titles(kind)
        if self.read_only:
            self.setWindowTitle(_view_title(kind))
        else:
            self.setWindowTitle(new_title if entity is None else edit_title)
        self.form = RecordForm(self.spec.specs(context), self, columns=self.spec.columns)
        self.checklists: dict[str, IdChecklist] = {}
        extra = QFormLayout()
        for name, label, key in self.spec.checklists:
            checklist = IdChecklist(context.get(key, ()), self)
            checklist.setObjectName(f"field_{name}")
            self.checklists[name] = checklist
            extra.addRow(QLabel(_checklist_label(label)), checklist)
        layout = QVBoxLayout(self)
        # Why the row is shown read only (on top), None in an edit dialog.
        self.reason: QLabel | None = None
        if read_only is not None:
            self.reason = QLabel(read_only)
            self.reason.setObjectName("readOnlyReason")
            self.reason.setWordWrap(True)
            self.reason.setTextFormat(Qt.TextFormat.PlainText)
            self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.reason.setStyleSheet(_REASON_STYLE)
            layout.addWidget(self.reason)
            self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
            self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        else:
            self.buttons = QDialogButtonBox(
                QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
            )
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("保存"))
            self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
            self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.form)
        layout.addLayout(extra)
        layout.addWidget(self.buttons)
        if entity is not None:
            self._show(entity)
        else:  # a new row starts from the entity's defaults (one opening, 无要求, 本地企业 …)
            defaults = {
                f.name: f.default
                for f in fields(self.spec.entity)
                if f.name in self.form.specs and f.default is not MISSING and f.default is not None
            }
            day = page.today or date.today()
            defaults.update({name: day for name, spec in self.form.specs.items() if spec.kind == "date"})
            self.form.set_values(defaults)
        if self.read_only:
            self._lock()
        screen_fit.fit_to_screen(self, 760 if self.spec.columns == 2 else 460, self.sizeHint().height())

    def _lock(self) -> None:
        """Every field shown as it is and none editable: text can still be selected and copied, on the window's
        grey instead of white; an empty field shows no example (a grey 2025-09-01 in an empty 截止日期 reads as
        a date); a choice keeps its text in the normal colour (a disabled combo box greys it out)."""
        for editor in self.form.editors.values():
            palette = editor.palette()
            if isinstance(editor, (QLineEdit, QPlainTextEdit)):
                editor.setReadOnly(True)
                editor.setPlaceholderText("")
                palette.setColor(QPalette.ColorRole.Base, palette.color(QPalette.ColorRole.Window))
                editor.setPalette(palette)
            else:  # a combo box (or a check box) has no read-only state
                for role in (QPalette.ColorRole.ButtonText, QPalette.ColorRole.Text):
                    palette.setColor(
                        QPalette.ColorGroup.Disabled, role, palette.color(QPalette.ColorGroup.Active, role)
                    )
                editor.setPalette(palette)
                editor.setEnabled(False)
        for checklist in self.checklists.values():
            checklist.set_read_only()
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setFocus()

    def _show(self, entity: Any) -> None:
        values: dict[str, Any] = {}
        for spec_name in self.form.specs:
            value = getattr(entity, spec_name)
            values[spec_name] = "、".join(json_list(value)) if spec_name in self.spec.lists else value
        self.form.set_values(values)
        for name, checklist in self.checklists.items():
            checklist.set_checked(json_list(getattr(entity, name)))

    def values(self) -> dict[str, Any]:
        """The entity's fields as edited; raises ``FormError`` for a date or number that is not one."""
        values = self.form.values()
        for name in self.spec.lists:
            values[name] = json.dumps(split_list(values[name]), ensure_ascii=False)
        for name, checklist in self.checklists.items():
            values[name] = json.dumps(checklist.checked(), ensure_ascii=False)
        for name, value in list(values.items()):
            if value == "" and name in ("credit_code",):
                values[name] = None
        return values

    def build(self) -> Any:
        """The entity to save: a new one, or the edited copy of the loaded one (same id)."""
        values = self.values()
        if self.entity is None:
            values.setdefault(self.spec.parent_field, self.context[self.spec.parent_field])
            return self.spec.entity(**values)
        current = {f.name: getattr(self.entity, f.name) for f in fields(self.entity)}
        current.update(values)
        return self.spec.entity(**current)

    def save(self) -> None:
        if self.read_only:  # nothing offers 保存 then; a row shown read only is never written
            return
        try:
            entity = self.build()
        except FormError as exc:
            self.form.show_issues([exc.issue])
            self.form.focus_first_error()
            return
        self.form.show_issues([])
        self.buttons.setEnabled(False)
        save, actor = self.spec.save, self.page.actor
        changes = {self.spec.table}

        def job(db: Database) -> str:
            return str(save(db, entity, actor=actor))

        def done(record_id: str) -> None:
            self.buttons.setEnabled(True)
            self.saved.emit(record_id)
            self.accept()

        self.page.run(job, done, on_error=self.failed, changes=changes)

    def failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.form.show_issues(error.issues)
            self.form.focus_first_error()
        elif isinstance(error, YuluError):
            self.form.show_issues([Issue(field="", label="", message=error.text())])
        else:
            self.page.show_error(error)

    def issues_shown(self) -> dict[str, str]:
        """Field name → the message shown under it (tests read it); "" for the general line."""
        shown = {name: self.form.message(name) for name in self.form.messages if self.form.message(name)}
        if not self.form.general_message.isHidden():
            shown[""] = self.form.general_message.text()
        return shown


def edit_reference(
    page: EmploymentPage, kind: str, record_id: str | None = None, *, read_only: str | None = None
) -> None:
    """Open the dialog of ``kind`` (new when ``record_id`` is None) once its choices are read; on save the page
    says so, reloads and emits ``changed``. ``read_only``: the row is shown, not edited, for this reason. The
    dialog is ``page.dialog`` while open."""
    entity_type = KINDS[kind].entity

    def job(db: Database) -> tuple[dict[str, Any], Any]:
        context = _context(db, kind)
        entity = None if record_id is None else employment_reference.load(db, entity_type, record_id)
        return context, entity

    def ready(result: tuple[dict[str, Any], Any]) -> None:
        context, entity = result
        dialog = ReferenceDialog(page, kind, context, entity, read_only=read_only)
        page.dialog = dialog  # type: ignore[attr-defined]

        def saved(_record_id: str) -> None:
            page.say(translate("EmploymentDialogs", "已保存"))
            page.refresh()
            page.changed.emit()

        dialog.saved.connect(saved)
        dialog.open()

    page.run(job, ready)


def view_reference(page: EmploymentPage, kind: str, record_id: str, why: str) -> None:
    """Open the dialog of ``kind`` on the row ``record_id`` read only, ``why`` on top (``page.dialog``)."""
    edit_reference(page, kind, record_id, read_only=why)


def _kind_name(kind: str) -> str:
    return {
        "school": translate("EmploymentDialogs", "学校"),
        "enterprise": translate("EmploymentDialogs", "企业"),
        "position": translate("EmploymentDialogs", "岗位"),
        "fair": translate("EmploymentDialogs", "招聘会"),
        "agreement": translate("EmploymentDialogs", "合作协议"),
        "referral": translate("EmploymentDialogs", "推荐记录"),
        "follow_up": translate("EmploymentDialogs", "稳岗回访"),
        "invitation": translate("EmploymentDialogs", "邀请名单"),
        "campaign": translate("EmploymentDialogs", "政策宣传"),
        "reach": translate("EmploymentDialogs", "宣传对象"),
    }[kind]


def _kind_in_a_sentence(kind: str) -> str:
    """The kind's rows named inside a sentence (本机只能查看岗位…): the same Chinese as ``_kind_name``, but a
    plural noun in English ("may only view job positions"), told apart by the disambiguation."""
    return {
        "school": translate("EmploymentDialogs", "学校", "rows, in a sentence"),
        "enterprise": translate("EmploymentDialogs", "企业", "rows, in a sentence"),
        "position": translate("EmploymentDialogs", "岗位", "rows, in a sentence"),
        "fair": translate("EmploymentDialogs", "招聘会", "rows, in a sentence"),
        "agreement": translate("EmploymentDialogs", "合作协议", "rows, in a sentence"),
        "referral": translate("EmploymentDialogs", "推荐记录", "rows, in a sentence"),
        "follow_up": translate("EmploymentDialogs", "稳岗回访", "rows, in a sentence"),
        "invitation": translate("EmploymentDialogs", "邀请名单", "rows, in a sentence"),
        "campaign": translate("EmploymentDialogs", "政策宣传", "rows, in a sentence"),
        "reach": translate("EmploymentDialogs", "宣传对象", "rows, in a sentence"),
    }[kind]


# The tables an import of each kind writes (the views showing them reload).
_KIND_TABLES: dict[str, set[str]] = {
    "school": {"school"},
    "enterprise": {"enterprise"},
    "position": {"job_position"},
    "fair": {"job_fair"},
    "agreement": {"employment_agreement"},
    "referral": {"job_referral", "employment_record"},  # a hire writes the employment entry
    "follow_up": {"employment_follow_up"},
    "invitation": {"fair_invitation"},
    "campaign": {"policy_campaign"},
    "reach": {"campaign_reach"},
}
# Kinds of ``services.employment_excel_events`` and of ``services.employment_excel_followups``; the others are
# ``services.employment_excel``'s.
_EVENT_KINDS = frozenset({"fair", "agreement", "referral"})
_FOLLOW_UP_KINDS = frozenset({"follow_up", "invitation", "campaign", "reach"})
# Kinds whose sheet carries ID numbers: masked unless a role that may exports them in full, with a reason.
_PERSON_KINDS = frozenset({"referral", "follow_up", "invitation", "reach"})


def _import_kind(db: Database, kind: str, path: Path, actor: str, today: date | None) -> Any:
    # The Excel code is imported when first used.
    if kind in _FOLLOW_UP_KINDS:
        from yulu_desktop.services import employment_excel_followups

        return employment_excel_followups.import_follow_up_kind(db, kind, path, actor=actor, today=today)
    if kind in _EVENT_KINDS:
        from yulu_desktop.services import employment_excel_events

        return employment_excel_events.import_events(db, kind, path, actor=actor, today=today)
    from yulu_desktop.services import employment_excel

    return employment_excel.import_reference(db, kind, path, actor=actor, today=today)


def _export_kind(
    db: Database, kind: str, path: Path, actor: str, reason: str | None, fair_id: str | None = None
) -> int:
    if kind in _FOLLOW_UP_KINDS:
        from yulu_desktop.services import employment_excel_followups

        return employment_excel_followups.export_follow_up_kind(
            db, kind, path, actor=actor, full=reason is not None, reason=reason or "", fair_id=fair_id
        )
    if kind in _EVENT_KINDS:
        from yulu_desktop.services import employment_excel_events

        return employment_excel_events.export_events(
            db, kind, path, actor=actor, full=reason is not None, reason=reason or ""
        )
    from yulu_desktop.services import employment_excel

    return employment_excel.export_reference(db, kind, path, actor=actor)


def _reason_hint(kind: str) -> str:
    if kind == "follow_up":
        return translate("EmploymentDialogs", "如：村里补录回访后重新导入")
    if kind == "invitation":
        return translate("EmploymentDialogs", "如：核对到场情况后重新导入")
    if kind == "reach":
        return translate("EmploymentDialogs", "如：补登宣传对象后重新导入")
    return translate("EmploymentDialogs", "如：核对后重新导入推荐结果")


class ExcelButtons:
    """导入… and 导出… of a page (``services.employment_excel``, ``services.employment_excel_events``,
    ``services.employment_excel_followups``): the buttons join the page's toolbar, or the layout ``into``. An import is all or nothing: its counts, or every refused row with its
    field, are shown in a dialog (``box`` while open). ``anyone``: every role imports (referrals belong to the
    person), else only a role that may write the page's rows. A page with two kinds names them on the buttons
    (``named``). Referrals, follow-ups and invitations carry ID numbers: a role that may export them in full is
    asked whether to, with a reason (only a full export can be imported back). So are the people a campaign
    reached. ``fair_of``: the fair whose invitations an export writes (the one selected; None: every fair)."""

    def __init__(
        self,
        page: Any,
        kind: str,
        *,
        anyone: bool = False,
        named: bool = False,
        into: QBoxLayout | None = None,
        fair_of: Callable[[], str | None] | None = None,
    ) -> None:
        self.page = page
        self.kind = kind
        self.fair_of = fair_of
        self.box: QDialog | None = None
        if named:
            import_text = translate("EmploymentDialogs", "{0} Excel 导入…").format(_kind_name(kind))
            export_text = translate("EmploymentDialogs", "{0} Excel 导出…").format(_kind_name(kind))
        else:
            import_text = translate("EmploymentDialogs", "Excel 导入…")
            export_text = translate("EmploymentDialogs", "Excel 导出…")
        self.import_button = QPushButton(import_text)
        self.import_button.setObjectName(f"{kind}ImportButton" if named else "importButton")
        self.export_button = QPushButton(export_text)
        self.export_button.setObjectName(f"{kind}ExportButton" if named else "exportButton")
        self.import_button.clicked.connect(self._choose_import)
        self.export_button.clicked.connect(self._choose_export)
        self.import_button.setVisible(anyone or page.may_write())
        if into is not None:
            into.addWidget(self.import_button)
            into.addWidget(self.export_button)
            return
        at = page.toolbar.indexOf(page.count_label)
        page.toolbar.insertWidget(at, self.import_button)
        page.toolbar.insertWidget(at + 1, self.export_button)

    def _choose_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.page,
            translate("EmploymentDialogs", "选择要导入的 Excel 文件"),
            "",
            translate("EmploymentDialogs", "Excel 文件 (*.xlsx)"),
        )
        if name:
            self.import_from(Path(name))

    def _choose_export(self) -> None:
        kind_name = _kind_name(self.kind)
        name, _ = QFileDialog.getSaveFileName(
            self.page,
            translate("EmploymentDialogs", "导出{0}").format(kind_name),
            f"{kind_name}.xlsx",
            translate("EmploymentDialogs", "Excel 文件 (*.xlsx)"),
        )
        if not name:
            return
        reason: str | None = None
        if self.kind in _PERSON_KINDS and may(self.page.role, Permission.EXPORT_FULL):
            answer = QMessageBox.question(
                self.page,
                translate("EmploymentDialogs", "导出{0}").format(kind_name),
                translate(
                    "EmploymentDialogs",
                    "是否导出完整的身份证号？修改后重新导入须用完整号码；导出完整号码须填写理由，记入审计日志。"
                    "选“否”则身份证号打码。",
                ),
                QMessageBox.StandardButton.Yes
                | QMessageBox.StandardButton.No
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.No,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                return
            if answer == QMessageBox.StandardButton.Yes:
                reason = ask_reason(
                    self.page,
                    translate("EmploymentDialogs", "导出完整身份证号"),
                    translate("EmploymentDialogs", "导出完整身份证号的理由（记入审计日志）："),
                    _reason_hint(self.kind),
                )
                if reason is None:
                    return
        self.export_to(Path(name), reason=reason)

    def import_from(self, path: Path) -> None:
        kind, actor, today = self.kind, self.page.actor, self.page.today

        def job(db: Database) -> Any:
            return _import_kind(db, kind, path, actor, today)

        def done(result: Any) -> None:
            text = translate("EmploymentDialogs", "导入完成：新增 {0} 条，更新 {1} 条，未变 {2} 条").format(
                result.added, result.updated, result.unchanged
            )
            self.page.say(text)
            self._show(translate("EmploymentDialogs", "导入完成"), text, [])
            self.page.refresh()
            self.page.changed.emit()

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationFailed):
                lines = [issue.text() for issue in error.issues]
                text = translate(
                    "EmploymentDialogs", "没有导入任何一行：文件中有 {0} 处问题，请改正后重新导入"
                ).format(len(lines))
                self.page.say(text, error=True)
                self._show(translate("EmploymentDialogs", "导入失败"), text, lines)
            else:
                self.page.show_error(error)

        self.page.run(job, done, on_error=failed, changes=_KIND_TABLES[kind])

    def export_to(self, path: Path, *, reason: str | None = None) -> None:
        """Export to ``path``; ID numbers in full when a ``reason`` is given."""
        kind, actor = self.kind, self.page.actor
        fair_id = self.fair_of() if self.fair_of is not None else None

        def job(db: Database) -> int:
            return _export_kind(db, kind, path, actor, reason, fair_id)

        def done(count: int) -> None:
            self.page.say(translate("EmploymentDialogs", "已导出 {0} 条到 {1}").format(count, str(path)))

        self.page.run(job, done)

    def _show(self, title: str, text: str, lines: list[str]) -> None:
        box = QDialog(self.page)
        box.setObjectName("importResult")
        box.setWindowTitle(title)
        layout = QVBoxLayout(box)
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
        if lines:
            details = QPlainTextEdit("\n".join(lines))
            details.setObjectName("importIssues")
            details.setReadOnly(True)
            layout.addWidget(details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(translate("EmploymentDialogs", "关闭"))
        buttons.rejected.connect(box.reject)
        layout.addWidget(buttons)
        screen_fit.fit_to_screen(box, 560, 320 if lines else 140)
        self.box = box
        box.open()


def people_choices(
    db: Database, kind: str, text: str = "", limit: int = 300, *, today: date | None = None
) -> list[tuple[str, str]]:
    """(person id, "姓名（村）") of a list of this laptop (``people``), or of the ``candidates`` of a fair
    (graduates not employed and final-year students, ``matching.candidate_people``), filtered by ``text``."""
    if kind == "candidates":
        return [
            (
                person_id,
                f"{name}（{village}）" + (translate("EmploymentDialogs", "·毕业班") if final_year else ""),
            )
            for person_id, name, village, final_year in matching.candidate_people(db, text=text, today=today)[
                :limit
            ]
        ]
    keys = [column.key for column in lists.columns(kind)]
    name_at, village_at = keys.index("name"), keys.index("village")
    rows = lists.fetch(db, kind, lists.ListQuery(text=text.strip()), limit=limit)
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for row in rows:
        person_id = row.person_id or row.id
        if person_id in seen:
            continue
        seen.add(person_id)
        out.append((person_id, f"{row.cells[name_at]}（{row.cells[village_at]}）"))
    return out


class PeoplePicker(QDialog):
    """Choose people of this laptop (a searchable checklist: the candidates for a fair, everyone for a
    campaign); ``chosen(ids)`` on 确定. People checked stay checked across searches."""

    chosen = Signal(list)

    def __init__(self, page: EmploymentPage, title: str, kind: str, hint: str = "") -> None:
        super().__init__(page)
        self.setObjectName("peoplePicker")
        self.setWindowTitle(title)
        self.page = page
        self.kind = kind
        self.checked: dict[str, str] = {}
        self._generation = 0
        self.search = QLineEdit()
        self.search.setObjectName("peopleSearch")
        self.search.setPlaceholderText(self.tr("输入姓名、拼音首字母或户编号查找"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _text: self.reload())
        self.list = QListWidget()
        self.list.setObjectName("peopleList")
        self.list.itemChanged.connect(self._item_changed)
        self.count = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if hint:
            note = QLabel(hint)
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(self.buttons)
        screen_fit.fit_to_screen(self, 420, 480)
        self.reload()

    def reload(self) -> None:
        self._generation += 1
        generation, kind, text, today = self._generation, self.kind, self.search.text(), self.page.today

        def job(db: Database) -> list[tuple[str, str]]:
            return people_choices(db, kind, text, today=today)

        def arrived(choices: list[tuple[str, str]]) -> None:
            if generation == self._generation:
                self._fill(choices)

        self.page.run(job, arrived)

    def _fill(self, choices: list[tuple[str, str]]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for person_id, label in choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, person_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = person_id in self.checked
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._count()

    def _item_changed(self, item: QListWidgetItem) -> None:
        person_id = str(item.data(Qt.ItemDataRole.UserRole))
        if item.checkState() == Qt.CheckState.Checked:
            self.checked[person_id] = item.text()
        else:
            self.checked.pop(person_id, None)
        self._count()

    def _count(self) -> None:
        self.count.setText(self.tr("已选 {0} 人").format(len(self.checked)))

    def check(self, person_id: str) -> bool:
        """Check the person with ``person_id`` if shown (tests); False when not in the list."""
        for number in range(self.list.count()):
            item = self.list.item(number)
            if item.data(Qt.ItemDataRole.UserRole) == person_id:
                item.setCheckState(Qt.CheckState.Checked)
                return True
        return False

    def _accept(self) -> None:
        self.chosen.emit(list(self.checked))
        self.accept()


class ReferencePage(TablePage):
    """A table page of one kind of reference rows: 新增 and 修改 open its dialog (``edit_reference`` of
    ``kind``), 删除 deletes the row of ``entity`` after a confirmation, naming it by ``row_name``.

    Rows of a unit (``unit_records``: positions, fairs, campaigns) may be changed only inside this laptop's
    jurisdiction (``domain.jurisdiction``): each refresh reads it on the worker, just before the rows, and a row of
    a unit outside it keeps 修改 and 删除 disabled (``refusal``); a double click opens it read only
    (``view_reference``)."""

    #: The dialog's kind (``KINDS``).
    kind: ClassVar[str]
    #: The table a row is deleted from (``employment_reference.delete_reference``).
    entity: ClassVar[str]
    #: The rows belong to the unit that entered them (``row.unit_id``, ``row.unit_name``).
    unit_records: ClassVar[bool] = False
    #: This laptop's jurisdiction as last read (None before: nothing is refused until it is known).
    jurisdiction: Jurisdiction | None = None

    def refresh(self) -> None:
        if self.unit_records:
            # The worker runs jobs in order and delivers their results in order: the rows arrive after it.
            self.run(_jurisdiction, while_alive(self, self._jurisdiction_read))
        super().refresh()

    def _jurisdiction_read(self, jurisdiction: Jurisdiction) -> None:
        self.jurisdiction = jurisdiction
        self.update_actions()

    def refusal(self, row: Any) -> str | None:
        reach = self.jurisdiction
        if not self.unit_records or reach is None or reach.unit_id is None or reach.holds(row.unit_id):
            return None
        return _outside(row.unit_name, reach.units.get(reach.unit_id, ("", None))[0])

    def row_name(self, row: Any) -> str:
        """How the confirmation of 删除 names ``row``."""
        return str(row.name)

    def add(self) -> None:
        edit_reference(self, self.kind)

    def edit(self, row: Any) -> None:
        edit_reference(self, self.kind, row.id)

    def noun(self) -> str:
        return _kind_in_a_sentence(self.kind)

    def view(self, row: Any, why: str) -> None:
        view_reference(self, self.kind, row.id, why)

    def delete(self, row: Any) -> None:
        self.delete_reference(self.entity, row, self.row_name(row))
