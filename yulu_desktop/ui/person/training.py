"""培训与证书: trainings and vocational certificates, with their inline editor; an entry made in error is voided
(作废) with a reason — kept, struck through, no longer editable."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import Training
from yulu_desktop.domain.errors import Issue
from yulu_desktop.services import records
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.person.voids import VoidableTableModel
from yulu_desktop.ui.person.widgets import InlineEditor, heading_row, selected_id, table
from yulu_desktop.ui.table_models import iso

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow

TRAINING_FIELDS = (
    FieldSpec("kind", "code", codes.TRAINING_KIND, optional=False),
    FieldSpec("name", label="培训/证书名称"),
    FieldSpec("provider"),
    FieldSpec("start_date", "optional_date"),
    FieldSpec("end_date", "optional_date"),
    FieldSpec("certificate_no"),
    FieldSpec("certificate_level"),
    FieldSpec("issued_on", "optional_date"),
)


class TrainingTab(QWidget):
    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.trainings = VoidableTableModel(
            [
                self.tr("类别"),
                self.tr("名称"),
                self.tr("培训机构"),
                self.tr("开始日期"),
                self.tr("结束日期"),
                self.tr("证书编号"),
                self.tr("证书等级"),
            ],
            self,
        )
        self.trainings_view = table(self.trainings)
        self.trainings_view.doubleClicked.connect(lambda _index: self.edit_training())
        self.training_editor = InlineEditor(
            TRAINING_FIELDS, self._training_issues, self.save_training, self.tr("保存培训")
        )
        self.new_training_button = QPushButton(icon("add"), self.tr("新增"))
        self.new_training_button.setToolTip(self.tr("新增培训或证书"))
        self.new_training_button.clicked.connect(self.new_training)
        self.edit_training_button = QPushButton(self.tr("修改"))
        self.edit_training_button.setToolTip(self.tr("修改选中的培训或证书"))
        self.edit_training_button.clicked.connect(self.edit_training)
        self.void_button = QPushButton(self.tr("作废…"))
        self.void_button.setToolTip(self.tr("选中的记录录错了：填写原因后作废（保留记录，划线显示）"))
        self.void_button.clicked.connect(self.void_selected)
        self.trainings_view.selectionModel().selectionChanged.connect(lambda *_: self._update_actions())
        layout = QVBoxLayout(self)
        layout.addLayout(
            heading_row(
                self.tr("培训与职业资格证书"),
                self.new_training_button,
                self.edit_training_button,
                self.void_button,
            )
        )
        layout.addWidget(self.trainings_view, 1)
        layout.addWidget(self.training_editor)

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.trainings.set_entries(
            [
                (
                    codes.TRAINING_KIND.label(t.kind),
                    t.name,
                    t.provider,
                    iso(t.start_date),
                    iso(t.end_date),
                    t.certificate_no,
                    t.certificate_level,
                )
                for t in person_file.trainings
            ],
            [t.id for t in person_file.trainings],
            [(t.voided_on, t.void_reason, t.voided_by) for t in person_file.trainings],
        )
        self._update_actions()

    def _update_actions(self) -> None:
        rows = self.trainings_view.selectionModel().selectedRows()
        live = bool(rows) and not self.trainings.is_voided(rows[0].row())
        self.void_button.setEnabled(live)
        self.edit_training_button.setEnabled(live or not rows)

    def void_selected(self) -> None:
        found = self._selected()
        if found is None or found.voided_on is not None:
            self._window.status.setText(self.tr("请先选择要作废的培训或证书"))
            return
        what = self.tr("{0}：{1}").format(codes.TRAINING_KIND.label(found.kind), found.name)
        self._window.void_entry("training", found.id, what)

    def _selected(self) -> Training | None:
        training_id = selected_id(self.trainings_view)
        found = [t for t in self.file.trainings if t.id == training_id] if self.file else []
        return found[0] if found else None

    def _training_draft(self) -> Training:
        return Training(person_id=self._window.person_id, **self.training_editor.record_values())

    def _training_issues(self) -> list[Issue]:
        return rules.training_issues(self._training_draft(), today=date.today())

    def new_training(self) -> None:
        self.training_editor.start(self.tr("新增培训或证书"), {"kind": "training"})

    def edit_training(self) -> None:
        found = self._selected()
        if found is None:
            self._window.status.setText(self.tr("请先选择要修改的培训或证书"))
            return
        if found.voided_on is not None:
            self._window.status.setText(self.tr("已作废的记录不能修改，请新增一条"))
            return
        values = {spec.name: getattr(found, spec.name) for spec in TRAINING_FIELDS}
        self.training_editor.start(self.tr("修改培训或证书"), values, found.id)

    def save_training(self) -> None:
        window = self._window
        if not window.editor_ready(self.training_editor):
            return
        training, actor = self._training_draft(), window.actor

        def job(db: Database) -> list[Issue]:
            return records.record_training(db, training, actor=actor)

        window.submit_edit(self.training_editor, job, {"training"}, self.tr("已保存培训或证书"))
