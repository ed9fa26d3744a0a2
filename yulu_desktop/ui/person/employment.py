"""就业去向: the employment history — every change kept, a new change appended, never overwritten; an entry
made in error is voided (作废) with a reason, the only change an entry takes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QPushButton, QVBoxLayout, QWidget

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import EmploymentRecord
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.services import records
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.person.voids import VoidableTableModel
from yulu_desktop.ui.person.widgets import heading_row, selected_id, table
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.table_models import iso, yuan

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow

JOB_FIELDS = (
    FieldSpec("effective_date", "date"),
    FieldSpec("destination", "code", codes.DESTINATION, optional=False),
    FieldSpec("employer"),
    FieldSpec("job"),
    FieldSpec("place"),
    FieldSpec("monthly_income_fen", "yuan", label="月收入（元）"),
    FieldSpec("channel", "code", codes.JOB_CHANNEL),
    FieldSpec("source", "code", codes.EMPLOYMENT_SOURCE, optional=False),
    FieldSpec("change_reason"),
)


class EmploymentTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.jobs = VoidableTableModel(
            [
                self.tr("变更日期"),
                self.tr("去向"),
                self.tr("就业单位"),
                self.tr("岗位"),
                self.tr("就业地点"),
                self.tr("月收入（元）"),
                self.tr("就业渠道"),
                self.tr("变更原因"),
                self.tr("信息来源"),
                self.tr("记录时间"),
            ],
            self,
        )
        self.job_form = RecordForm(JOB_FIELDS, columns=3)
        self.job_form.edited.connect(self._job_edited)
        self.job_dirty = False
        self.add_job_button = QPushButton(icon("add"), self.tr("记录去向变化"))
        self.add_job_button.clicked.connect(self.record_job_change)
        job_box = QGroupBox(self.tr("新的去向变化（保存后不能修改，只能再追加）"))
        job_box_layout = QVBoxLayout(job_box)
        job_box_layout.addWidget(self.job_form)
        job_box_layout.addWidget(self.add_job_button, 0, Qt.AlignmentFlag.AlignRight)
        self.jobs_view = table(self.jobs)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.setToolTip(self.tr("选中的去向记录录错了：填写原因后作废（保留记录，划线显示）"))
        self.void_button.clicked.connect(self.void_selected)
        self.jobs_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        layout = QVBoxLayout(self)
        layout.addLayout(heading_row(self.tr("就业去向历史（每次变化都保留）"), self.void_button))
        layout.addWidget(self.jobs_view, 1)
        layout.addWidget(job_box)

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.jobs.set_entries(
            [
                (
                    iso(r.effective_date),
                    codes.DESTINATION.label(r.destination),
                    r.employer,
                    r.job,
                    r.place,
                    yuan(r.monthly_income_fen),
                    codes.JOB_CHANNEL.label(r.channel),
                    r.change_reason,
                    codes.EMPLOYMENT_SOURCE.label(r.source),
                    r.recorded_at.strftime("%Y-%m-%d %H:%M"),
                )
                for r in person_file.employment
            ],
            [r.id for r in person_file.employment],
            [(r.voided_on, r.void_reason, r.voided_by) for r in person_file.employment],
        )
        self._update_actions()

    def _update_actions(self) -> None:
        rows = self.jobs_view.selectionModel().selectedRows()
        self.void_button.setEnabled(bool(rows) and not self.jobs.is_voided(rows[0].row()))

    def void_selected(self) -> None:
        record_id = selected_id(self.jobs_view)
        found = [r for r in self.file.employment if r.id == record_id] if self.file else []
        if not found or found[0].voided_on is not None:
            self._window.status.setText(self.tr("请先选择要作废的去向记录"))
            return
        record = found[0]
        what = (
            self.tr("{0} {1} {2}")
            .format(iso(record.effective_date), codes.DESTINATION.label(record.destination), record.employer)
            .strip()
        )
        self._window.void_entry("employment_record", record.id, what)

    def _job_draft(self) -> EmploymentRecord:
        values = self.job_form.values()
        return EmploymentRecord(
            person_id=self._window.person_id, recorded_at=datetime.now(UTC).replace(tzinfo=None), **values
        )

    def _job_edited(self) -> None:
        self.job_dirty = True
        self.validate_job()

    def validate_job(self) -> list[Issue]:
        try:
            draft = self._job_draft()
        except FormError as exc:
            self.job_form.show_issues([exc.issue])
            return [exc.issue]
        issues = rules.employment_issues(draft, today=date.today())
        self.job_form.show_issues(issues)
        return issues

    def record_job_change(self) -> None:
        window = self._window
        issues = self.validate_job()
        if has_errors(issues):
            window.status.setText(self.tr("请先改正标红的内容"))
            return
        record, actor = self._job_draft(), window.actor

        def job(db: Database) -> list[Issue]:
            return records.record_job_change(db, record, actor=actor)

        def done(_warnings: list[Issue]) -> None:
            self.job_dirty = False
            self.job_form.set_values({spec.name: None for spec in JOB_FIELDS if spec.kind != "date"})
            self.job_form.set_values({"destination": "employed", "source": "visit"})
            self.job_form.show_issues([])
            window.saved_here(self.tr("已记录去向变化"))

        def failed(error: BaseException) -> None:
            window.cancel_close_after_save()
            if isinstance(error, ValidationFailed):
                self.job_form.show_issues(error.issues)
            else:
                window.worker.report_error(error)

        window.worker.submit(
            job,
            while_alive(self, done),
            while_alive(self, failed, self._window.worker.report_error),
            changes={"employment_record"},
        )
