"""基本信息: the person's own data, edited in place; ID number and phone masked until revealed (audited).

在校生状况 comes from the national export (or is typed here); the 学籍 tab's records say where the person is in
school. Both are shown, each with its source, and a contradiction between them is pointed out."""

from __future__ import annotations

import dataclasses
import html
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules, schooling
from yulu_desktop.domain.entities import Person
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.domain.masking import mask_id_number, mask_phone
from yulu_desktop.services import acting, records
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.print_preview import while_alive

if TYPE_CHECKING:
    from yulu_desktop.ui.person.window import PersonWindow

PERSON_FIELDS = (
    FieldSpec("name"),
    FieldSpec("id_number"),
    FieldSpec("phone"),
    FieldSpec("relationship", "code", codes.RELATIONSHIP, optional=False),
    FieldSpec("person_no"),
    FieldSpec("ethnicity"),
    FieldSpec("education", "code", codes.EDUCATION),
    FieldSpec("student_status", "code", codes.STUDENT_STATUS),
    FieldSpec("health", "code", codes.HEALTH),
    FieldSpec("disability"),
    FieldSpec("skills", "code", codes.SKILL),
    FieldSpec("status", "code", codes.PERSON_STATUS, optional=False),
)

#: Fields that are masked until the user asks to see them (and that is audited).
SENSITIVE = ("id_number", "phone")


class BasicTab(QScrollArea):
    """The edit form of the person. ``dirtyChanged`` tells the window to enable its 保存 button."""

    dirtyChanged = Signal(bool)

    def __init__(self, window: PersonWindow) -> None:
        super().__init__()
        self._window = window
        self.file: PersonFile | None = None
        self.dirty = False
        self._revealed: set[str] = set()
        self.form = RecordForm(PERSON_FIELDS, columns=2)
        self.form.edited.connect(self._person_edited)
        self.reveal_button = QPushButton(icon("eye"), self.tr("查看完整身份证号和手机号"))
        self.reveal_button.setToolTip(self.tr("查看完整信息会记入审计日志"))
        self.reveal_button.clicked.connect(self.reveal_sensitive)
        for name in SENSITIVE:
            editor = self.form.editors[name]
            assert isinstance(editor, QLineEdit)
            editor.setReadOnly(True)
        #: The schooling records next to 在校生状况, with where each comes from (and a contradiction named).
        self.schooling_note = QLabel()
        self.schooling_note.setObjectName("schoolingNote")
        self.schooling_note.setTextFormat(Qt.TextFormat.RichText)
        self.schooling_note.setWordWrap(True)
        #: The national export's own text of values the code lists did not know (kept by the import).
        self.raw_note = QLabel()
        self.raw_note.setObjectName("rawValuesNote")
        self.raw_note.setTextFormat(Qt.TextFormat.RichText)
        self.raw_note.setWordWrap(True)
        basic = QWidget()
        basic_layout = QVBoxLayout(basic)
        basic_layout.addWidget(self.form)
        basic_layout.addWidget(self.raw_note)
        basic_layout.addWidget(self.schooling_note)
        row = QHBoxLayout()
        row.addWidget(self.reveal_button)
        row.addStretch(1)
        basic_layout.addLayout(row)
        basic_layout.addStretch(1)
        self.setWidgetResizable(True)
        self.setWidget(basic)

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self._fill_form(person_file.person)
        self._show_raw_note()
        self._show_schooling_note()

    def _show_raw_note(self) -> None:
        assert self.file is not None
        kept = [
            f"{rules.FIELD_LABELS.get(name, name)}“{html.escape(text)}”"
            for name, text in sorted(self.file.raw_texts.items())
            if text
        ]
        self.raw_note.setVisible(bool(kept))
        self.raw_note.setText(
            self.tr("<b>导入原文</b>（代码表中没有对应项，请核对后在上方选择）：{0}").format("；".join(kept))
        )

    def _show_schooling_note(self) -> None:
        if self.file is None:
            return
        today = date.today()
        now = schooling.situation(self.file.enrollments, today).text or self.tr("无学籍记录")
        note = self.tr("<b>学籍记录</b>（见“学籍”页）：{0}").format(now) + "<br><span style='color:#666'>"
        note += (
            self.tr("上方“在校生状况”来自国家监测系统导入或手工填写，与学籍记录不一致时请核对。") + "</span>"
        )
        clash = schooling.disagreement(self.file.person.student_status, self.file.enrollments, today)
        if clash:
            note += f"<br><span style='color:#b26a00'>⚠ {clash}</span>"
        self.schooling_note.setText(note)

    def _fill_form(self, person: Person) -> None:
        values = {spec.name: getattr(person, spec.name) for spec in PERSON_FIELDS}
        for name in SENSITIVE:
            if name not in self._revealed:
                values[name] = (mask_id_number if name == "id_number" else mask_phone)(values[name])
        self.form.set_values(values)
        self.form.show_issues([])
        self.set_dirty(False)

    def set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.dirtyChanged.emit(dirty)

    def changes(self) -> dict[str, object]:
        """The fields the user changed (masked fields only once revealed); raises FormError."""
        assert self.file is not None
        values = self.form.values()
        for name in SENSITIVE:
            if name not in self._revealed:
                values.pop(name)
        for name in ("person_no",):
            values[name] = values[name] or None
        return {k: v for k, v in values.items() if getattr(self.file.person, k) != v}

    def validate(self) -> list[Issue]:
        """Check the form as it stands with the domain rules and show the messages next to the fields."""
        if self.file is None:
            return []
        try:
            changes = self.changes()
        except FormError as exc:
            self.form.show_issues([exc.issue])
            return [exc.issue]
        draft = dataclasses.replace(self.file.person, **changes)  # type: ignore[arg-type]
        rules.normalize_person(draft, today=date.today())
        issues = rules.person_issues(draft, today=date.today())
        self.form.show_issues(issues)
        return issues

    def _person_edited(self) -> None:
        self.validate()
        self.set_dirty(True)

    def save(self) -> None:
        window = self._window
        if self.file is None or not self.dirty:
            return
        issues = self.validate()
        if has_errors(issues):
            window.status.setText(self.tr("请先改正标红的内容"))
            self.form.focus_first_error()
            return
        changes = self.changes()
        person_id, actor = window.person_id, window.actor

        def job(db: Database) -> list[Issue]:
            return records.update_person(db, person_id, changes, actor=actor)

        def done(warnings: list[Issue]) -> None:
            self.set_dirty(False)
            window.saved_here(self.tr("已保存基本信息"), warnings)

        window.worker.submit(
            job,
            while_alive(self, done),
            while_alive(self, self._save_failed, self._window.worker.report_error),
            changes={"person"},
        )

    def _save_failed(self, error: BaseException) -> None:
        window = self._window
        window.cancel_close_after_save()
        if isinstance(error, ValidationFailed):
            self.form.show_issues(error.issues)
            window.status.setText(self.tr("未保存：{0}").format(error.text()))
        else:
            window.status.setText(self.tr("未保存"))
            window.worker.report_error(error)

    def ask_reveal_reason(self) -> str | None:
        """Why the full values are needed (written to the audit log); None if the user cancelled."""
        text, ok = QInputDialog.getText(
            self,
            self.tr("查看完整身份证号和手机号"),
            self.tr("理由（必填，记入审计日志），如：核对银行卡开户信息"),
        )
        return text.strip() if ok else None

    def reveal_sensitive(self) -> None:
        """Show the full ID number and phone, and let them be edited: a deliberate act with a reason, allowed
        by the role table and audited (``services.acting.reveal_person``)."""
        if self.file is None:
            return
        reason = self._window.ask_reveal_reason()  # the window asks (tests replace it there)
        if reason is None:
            return
        person_id, actor = self._window.person_id, self._window.actor

        def job(db: Database) -> tuple[str, str]:
            return acting.reveal_person(db, person_id, reason=reason, local_name=actor)

        def shown(full: tuple[str, str]) -> None:
            assert self.file is not None
            self._revealed.update(SENSITIVE)
            for name in SENSITIVE:
                editor = self.form.editors[name]
                assert isinstance(editor, QLineEdit)
                editor.setReadOnly(False)
            was_dirty = self.dirty
            self.form.set_values({"id_number": full[0], "phone": full[1]})
            self.set_dirty(was_dirty)
            self.reveal_button.setEnabled(False)

        self._window.worker.submit(job, while_alive(self, shown))
