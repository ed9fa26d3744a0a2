"""学籍: schooling by semester and the 入读职业院校意愿 (intent), each with its inline editor; 结束学籍 ends the
latest semester as 毕业, 退学, 休学 or 转学 on a date (``services.schooling``)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QPushButton, QScrollArea, QVBoxLayout, QWidget

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain import schooling as schooling_rules
from yulu_desktop.domain.entities import Enrollment, Intent
from yulu_desktop.domain.errors import Issue, NotFound, ValidationFailed
from yulu_desktop.services import records
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.services.schooling import end_schooling
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec, FormError
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import RecordsTableModel
from yulu_desktop.ui.person.end_schooling import EndSchoolingDialog
from yulu_desktop.ui.person.widgets import InlineEditor, heading_row, selected_id, table
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.table_models import iso

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow

ENROLLMENT_FIELDS = (
    FieldSpec("school_year"),
    FieldSpec("semester", "code", codes.SEMESTER, optional=False),
    FieldSpec("school_name"),
    FieldSpec("school_type", "code", codes.SCHOOL_TYPE, optional=False),
    FieldSpec("major"),
    FieldSpec("length_years", "int", label="学制（年）"),
    FieldSpec("entry_date", "optional_date"),
    FieldSpec("grade"),
    FieldSpec("registry_no"),
    FieldSpec("registry_status", "code", codes.REGISTRY_STATUS, optional=False),
)

INTENT_FIELDS = (
    FieldSpec("recorded_on", "date"),
    FieldSpec("wants_vocational", "bool"),
    FieldSpec("desired_school_type", "code", codes.SCHOOL_TYPE),
    FieldSpec("desired_school"),
    FieldSpec("desired_major"),
    FieldSpec("expected_year", "int"),
    FieldSpec("wants_employment_help", "bool"),
    FieldSpec("notes", "multiline"),
)


class SchoolingTab(QScrollArea):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.enrollments = RecordsTableModel(
            [
                self.tr("学年"),
                self.tr("学期"),
                self.tr("学校名称"),
                self.tr("学校类型"),
                self.tr("专业"),
                self.tr("年级"),
                self.tr("学籍号"),
                self.tr("学籍状态"),
                self.tr("结束日期"),
            ],
            self,
        )
        self.intents = RecordsTableModel(
            [
                self.tr("登记日期"),
                self.tr("有意愿就读"),
                self.tr("意向学校类型"),
                self.tr("意向学校"),
                self.tr("意向专业"),
                self.tr("预计入学年份"),
                self.tr("情况记录"),
            ],
            self,
        )
        self.enrollments_view = table(self.enrollments)
        self.enrollments_view.doubleClicked.connect(lambda _index: self.edit_enrollment())
        self.enrollment_editor = InlineEditor(
            ENROLLMENT_FIELDS, self._enrollment_issues, self.save_enrollment, self.tr("保存学籍")
        )
        self.new_enrollment_button = QPushButton(icon("add"), self.tr("新增学期"))
        self.new_enrollment_button.clicked.connect(self.new_enrollment)
        self.edit_enrollment_button = QPushButton(self.tr("修改"))
        self.edit_enrollment_button.setToolTip(self.tr("修改选中的学期"))
        self.edit_enrollment_button.clicked.connect(self.edit_enrollment)
        self.end_button = QPushButton(self.tr("结束学籍…"))
        self.end_button.setToolTip(self.tr("最近一个学期毕业、退学、休学或转学：登记结束方式和日期"))
        self.end_button.clicked.connect(self.end_schooling)
        self.intents_view = table(self.intents)
        self.intents_view.doubleClicked.connect(lambda _index: self.edit_intent())
        self.intent_editor = InlineEditor(
            INTENT_FIELDS, self._intent_issues, self.save_intent, self.tr("保存意愿"), columns=2
        )
        self.new_intent_button = QPushButton(icon("add"), self.tr("登记意愿"))
        self.new_intent_button.clicked.connect(self.new_intent)
        self.edit_intent_button = QPushButton(self.tr("修改"))
        self.edit_intent_button.setToolTip(self.tr("修改选中的意愿"))
        self.edit_intent_button.clicked.connect(self.edit_intent)
        schooling = QWidget()
        layout = QVBoxLayout(schooling)
        layout.addLayout(
            heading_row(
                self.tr("学籍（按学期）"),
                self.new_enrollment_button,
                self.edit_enrollment_button,
                self.end_button,
            )
        )
        layout.addWidget(self.enrollments_view, 3)
        layout.addWidget(self.enrollment_editor)
        layout.addLayout(
            heading_row(self.tr("入读职业院校意愿"), self.new_intent_button, self.edit_intent_button)
        )
        layout.addWidget(self.intents_view, 1)
        layout.addWidget(self.intent_editor)
        self.setWidgetResizable(True)
        self.setWidget(schooling)

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.enrollments.set_rows(
            [
                (
                    e.school_year,
                    codes.SEMESTER.label(e.semester),
                    e.school_name,
                    codes.SCHOOL_TYPE.label(e.school_type),
                    e.major,
                    e.grade,
                    e.registry_no,
                    codes.REGISTRY_STATUS.label(e.registry_status),
                    iso(e.ended_on),
                )
                for e in person_file.enrollments
            ],
            [e.id for e in person_file.enrollments],
        )
        self.end_button.setEnabled(bool(person_file.enrollments))
        self.intents.set_rows(
            [
                (
                    iso(i.recorded_on),
                    self.tr("是") if i.wants_vocational else self.tr("否"),
                    codes.SCHOOL_TYPE.label(i.desired_school_type),
                    i.desired_school,
                    i.desired_major,
                    str(i.expected_year or ""),
                    i.notes,
                )
                for i in person_file.intents
            ],
            [i.id for i in person_file.intents],
        )

    # --- schooling by semester ------------------------------------------------------------------------------

    def _birth_date(self) -> date | None:
        return self.file.person.birth_date if self.file else None

    def _enrollment_draft(self) -> Enrollment:
        values = self.enrollment_editor.record_values()
        if values["length_years"] is None:
            raise FormError(
                Issue(field="length_years", label=rules.label("length_years"), message="请填写学制")
            )
        return Enrollment(person_id=self._window.person_id, **values)

    def _enrollment_issues(self) -> list[Issue]:
        return rules.enrollment_issues(
            self._enrollment_draft(), birth_date=self._birth_date(), today=date.today()
        )

    def new_enrollment(self) -> None:
        """新增学期: the form starts from the newest semester's school (the next semester is the usual case)."""
        values: dict[str, Any] = {"length_years": 3, "registry_status": "enrolled", "semester": "autumn"}
        if self.file is not None and self.file.enrollments:
            last = self.file.enrollments[-1]
            values.update(
                {
                    name: getattr(last, name)
                    for name in ("school_name", "school_type", "major", "length_years", "entry_date", "grade")
                }
            )
            values["registry_no"] = last.registry_no
            if last.semester == "autumn":
                values.update(school_year=last.school_year, semester="spring")
            else:
                start = int(last.school_year[:4]) + 1 if last.school_year[:4].isdigit() else date.today().year
                values["school_year"] = f"{start}-{start + 1}"
        else:
            today = date.today()
            start = today.year if today.month >= 8 else today.year - 1
            values["school_year"] = f"{start}-{start + 1}"
            values["semester"] = "autumn" if today.month >= 8 or today.month == 1 else "spring"
        self.enrollment_editor.start(self.tr("新增学期"), values)

    def edit_enrollment(self) -> None:
        enrollment_id = selected_id(self.enrollments_view)
        found = [e for e in self.file.enrollments if e.id == enrollment_id] if self.file else []
        if not found:
            self._window.status.setText(self.tr("请先选择要修改的学期"))
            return
        values = {spec.name: getattr(found[0], spec.name) for spec in ENROLLMENT_FIELDS}
        self.enrollment_editor.start(
            self.tr("修改学籍：{0} {1}").format(
                found[0].school_year, codes.SEMESTER.label(found[0].semester)
            ),
            values,
            found[0].id,
        )

    def save_enrollment(self) -> None:
        window = self._window
        if not window.editor_ready(self.enrollment_editor):
            return
        enrollment, actor = self._enrollment_draft(), window.actor

        def job(db: Database) -> list[Issue]:
            return records.record_enrollment(db, enrollment, actor=actor)

        window.submit_edit(self.enrollment_editor, job, {"enrollment"}, self.tr("已保存学籍"))

    # --- intent -------------------------------------------------------------------------------------------

    def _intent_draft(self) -> Intent:
        return Intent(person_id=self._window.person_id, **self.intent_editor.record_values())

    def _intent_issues(self) -> list[Issue]:
        return rules.intent_issues(self._intent_draft(), today=date.today())

    def new_intent(self) -> None:
        self.intent_editor.start(
            self.tr("登记入读职业院校意愿"), {"recorded_on": date.today(), "wants_vocational": True}
        )

    def edit_intent(self) -> None:
        intent_id = selected_id(self.intents_view)
        found = [i for i in self.file.intents if i.id == intent_id] if self.file else []
        if not found:
            self._window.status.setText(self.tr("请先选择要修改的意愿"))
            return
        values = {spec.name: getattr(found[0], spec.name) for spec in INTENT_FIELDS}
        self.intent_editor.start(self.tr("修改意愿"), values, found[0].id)

    def save_intent(self) -> None:
        window = self._window
        if not window.editor_ready(self.intent_editor):
            return
        intent, actor = self._intent_draft(), window.actor

        def job(db: Database) -> list[Issue]:
            return records.record_intent(db, intent, actor=actor)

        window.submit_edit(self.intent_editor, job, {"intent"}, self.tr("已保存意愿"))

    # --- end of schooling ----------------------------------------------------------------------------------

    def ask_end(self, enrollment: Enrollment) -> tuple[str, date] | None:
        """The end chosen in the dialog (status, date); None if cancelled."""
        dialog = EndSchoolingDialog(enrollment, today=date.today(), parent=self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.status(), dialog.ended_on()

    def end_schooling(self) -> None:
        """结束学籍 of the latest semester (the service refuses an older one)."""
        last = schooling_rules.latest(self.file.enrollments) if self.file else None
        if last is None:
            self._window.status.setText(self.tr("没有学籍记录，请先新增学期"))
            return
        chosen = self._window.ask_end(last)
        if chosen is None:
            return
        status, ended_on = chosen
        window, actor, enrollment_id = self._window, self._window.actor, last.id

        def job(db: Database) -> Enrollment:
            return end_schooling(db, enrollment_id, status, ended_on, actor=actor)

        def done(_enrollment: Enrollment) -> None:
            window.saved_here(
                self.tr("已登记{0}（{1}）").format(codes.REGISTRY_STATUS.label(status), ended_on.isoformat())
            )

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationFailed | NotFound):
                window.status.setText(self.tr("未保存：{0}").format(error.text()))
            else:
                window.status.setText(self.tr("未保存"))
                window.worker.report_error(error)

        window.worker.submit(
            job,
            while_alive(self, done),
            while_alive(self, failed, self._window.worker.report_error),
            changes={"enrollment", "person"},
        )
