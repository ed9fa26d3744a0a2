"""一人一档 on screen: one window per person with the household, schooling, subsidies, visits, training,
employment history and attachments. The basic data, a new employment change, the schooling by semester, the
intent and training can be edited; a subsidy is applied for and moved along the approval chain in the 补助 tab.

Each tab is a module of this package; this shell holds the header, the tabs, the status line, printing and
closing. Edits validate as you type (``rules.person_issues``, ``rules.employment_issues``,
``rules.enrollment_issues`` …) with the message next to the field; saving is one service call (one transaction)
on the database worker, and says so in the window's own status line. Closing with unsaved changes asks.
ID number and phone are shown masked; revealing them is written to the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QRect, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.domain.entities import Enrollment
from yulu_desktop.domain.errors import Issue, ValidationFailed, YuluError
from yulu_desktop.services import corrections
from yulu_desktop.services.person_file import PersonFile, load_person_file
from yulu_desktop.store.database import Database
from yulu_desktop.ui.forms import has_errors
from yulu_desktop.ui.household.actions import member_actions_menu
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.person.attachments import AttachmentsTab
from yulu_desktop.ui.person.basic import BasicTab
from yulu_desktop.ui.person.employment import EmploymentTab
from yulu_desktop.ui.person.header import PersonHeader
from yulu_desktop.ui.person.household import HouseholdTab
from yulu_desktop.ui.person.placement import PlacementTab
from yulu_desktop.ui.person.schooling import SchoolingTab
from yulu_desktop.ui.person.subsidies import SubsidiesTab
from yulu_desktop.ui.person.training import TrainingTab
from yulu_desktop.ui.person.visits import VisitsTab
from yulu_desktop.ui.person.voids import VoidDialog
from yulu_desktop.ui.person.widgets import InlineEditor
from yulu_desktop.ui.print_dialogs import choose_term
from yulu_desktop.ui.print_preview import (
    PrintPreviewDialog,
    dossier_pdf,
    form_pdf,
    newest_first,
    open_print_preview,
    print_term,
    while_alive,
)
from yulu_desktop.ui.worker import DbWorker

#: Tab positions (closing with unsaved changes shows the tab that needs attention).
SCHOOLING_TAB, TRAINING_TAB, EMPLOYMENT_TAB, PLACEMENT_TAB, ATTACHMENTS_TAB = 2, 5, 6, 7, 8


class PersonWindow(QWidget):
    """The file of one person. ``saved`` fires after a successful save."""

    saved = Signal()
    newVisit = Signal(str)  # household id

    def __init__(self, worker: DbWorker, person_id: str, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.worker = worker
        self.person_id = person_id
        self.actor = actor
        self.file: PersonFile | None = None
        self._close_after_save = False
        self.setWindowIcon(icon("person"))
        self.setWindowTitle(self.tr("一人一档"))

        self.header = PersonHeader()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("personTabs")
        self.basic = BasicTab(self)
        self.household = HouseholdTab(self)
        self.schooling = SchoolingTab(self)
        self.subsidy_tab = SubsidiesTab(self)
        self.visit_tab = VisitsTab(self)
        self.training = TrainingTab(self)
        self.employment = EmploymentTab(self)
        self.placement = PlacementTab(self)
        self.attachments = AttachmentsTab(self)
        self.tabs.addTab(self.basic, self.tr("基本信息"))
        self.tabs.addTab(self.household, self.tr("户和家庭成员"))
        self.tabs.addTab(self.schooling, self.tr("学籍"))
        self.tabs.addTab(self.subsidy_tab, self.tr("补助"))
        self.tabs.addTab(self.visit_tab, self.tr("走访记录"))
        self.tabs.addTab(self.training, self.tr("培训与证书"))
        self.tabs.addTab(self.employment, self.tr("就业去向"))
        self.tabs.addTab(self.placement, self.tr("就业帮扶"))
        self.tabs.addTab(self.attachments, self.tr("附件"))
        #: Inline editors with the tab they are on and how to save them (closing asks about unsaved ones).
        self._editors: list[tuple[InlineEditor, int, Callable[[], None]]] = [
            (self.schooling.enrollment_editor, SCHOOLING_TAB, self.schooling.save_enrollment),
            (self.schooling.intent_editor, SCHOOLING_TAB, self.schooling.save_intent),
            (self.training.training_editor, TRAINING_TAB, self.training.save_training),
        ]
        self._expose_tab_parts()

        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存基本信息 (Ctrl+S)"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        self.basic.dirtyChanged.connect(self._dirty_changed)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.close)
        self.print_dossier_action = QAction(icon("print"), self.tr("打印一人一档"), self)
        self.print_dossier_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_dossier_action.triggered.connect(lambda: self.print_dossier())
        self.print_form_action = QAction(self.tr("打印补助申请表…"), self)
        self.print_form_action.triggered.connect(lambda: self.print_form())
        self.new_visit_action = QAction(icon("visit"), self.tr("为该户新增走访"), self)
        self.new_visit_action.setShortcut(QKeySequence.StandardKey.New)
        self.new_visit_action.triggered.connect(self.new_visit)
        self.addActions([self.print_dossier_action, self.print_form_action, self.new_visit_action])
        print_menu = QMenu(self)
        print_menu.addAction(self.print_dossier_action)
        print_menu.addAction(self.print_form_action)
        self.print_button = QToolButton()
        self.print_button.setObjectName("personPrint")
        self.print_button.setText(self.tr("打印"))
        self.print_button.setIcon(icon("print"))
        self.print_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.print_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.print_button.setMenu(print_menu)
        self.member_events_button = QToolButton()
        self.member_events_button.setObjectName("personMemberEvents")
        self.member_events_button.setText(self.tr("户籍变动"))
        self.member_events_button.setToolTip(self.tr("出生、婚入/婚出、分户、迁出、死亡、注销"))
        self.member_events_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.member_events_button.setMenu(member_actions_menu(self, worker, actor, person_id=person_id))
        self.status = QLabel()
        self.status.setObjectName("personStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.member_events_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.fit_to_screen()
        # A visit saved anywhere (the visit dialog, another window) shows here at once.
        worker.changed.connect(self._data_changed)
        self.reload()

    def fit_to_screen(self, available: QRect | None = None) -> None:
        """Size the window to the screen it is on (1366x768 at 100% or 125% leaves 1093x614 or less), never
        larger; the tabs scroll where their content needs more."""
        if available is None:
            screen = self.screen()
            available = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)
        # Leave room for the window frame and title bar, which availableGeometry does not include.
        width = min(1120, available.width() - 16)
        height = min(700, available.height() - 40)
        self.setMinimumSize(min(640, width), min(420, height))
        self.resize(width, height)
        self.move(
            available.x() + max(0, (available.width() - width) // 2),
            available.y() + max(0, (available.height() - height - 30) // 2),
        )

    def _expose_tab_parts(self) -> None:
        """The parts of the tabs that callers and tests reach through the window (kept from before the window
        was split into one module per tab)."""
        basic, schooling, subsidy, training = self.basic, self.schooling, self.subsidy_tab, self.training
        self.form, self.reveal_button = basic.form, basic.reveal_button
        self.members, self.members_view = self.household.members, self.household.members_view
        self.enrollments, self.enrollments_view = schooling.enrollments, schooling.enrollments_view
        self.enrollment_editor, self.intent_editor = schooling.enrollment_editor, schooling.intent_editor
        self.intents, self.intents_view = schooling.intents, schooling.intents_view
        self.new_enrollment_button = schooling.new_enrollment_button
        self.edit_enrollment_button = schooling.edit_enrollment_button
        self.new_intent_button, self.edit_intent_button = (
            schooling.new_intent_button,
            schooling.edit_intent_button,
        )
        self.save_enrollment, self.save_intent = schooling.save_enrollment, schooling.save_intent
        self.subsidies, self.subsidies_view = subsidy.subsidies, subsidy.subsidies_view
        self.subsidy_term, self.next_state = subsidy.subsidy_term, subsidy.next_state
        self.apply_button, self.advance_button = subsidy.apply_button, subsidy.advance_button
        self.opinion, self.reason, self.subsidy_message = (
            subsidy.opinion,
            subsidy.reason,
            subsidy.subsidy_message,
        )
        self.visits, self.new_visit_button = self.visit_tab.visits, self.visit_tab.new_visit_button
        self.trainings, self.trainings_view = training.trainings, training.trainings_view
        self.training_editor, self.save_training = training.training_editor, training.save_training
        self.new_training_button, self.edit_training_button = (
            training.new_training_button,
            training.edit_training_button,
        )
        self.jobs, self.job_form = self.employment.jobs, self.employment.job_form
        self.record_job_change, self.validate_job = (
            self.employment.record_job_change,
            self.employment.validate_job,
        )
        self.attachment_list, self.preview = self.attachments.attachment_list, self.attachments.preview
        self.keep_original, self.fetcher = self.attachments.keep_original, self.attachments.fetcher
        self.add_attachment = self.attachments.add_attachment

    @property
    def dirty(self) -> bool:
        """The basic data was edited and not saved."""
        return self.basic.dirty

    @dirty.setter
    def dirty(self, value: bool) -> None:
        self.basic.dirty = value

    @property
    def job_dirty(self) -> bool:
        """A new employment change was typed and not recorded."""
        return self.employment.job_dirty

    @job_dirty.setter
    def job_dirty(self, value: bool) -> None:
        self.employment.job_dirty = value

    # --- loading ----------------------------------------------------------------------------------------

    def reload(self) -> None:
        person_id = self.person_id

        def job(db: Database) -> PersonFile:
            return load_person_file(db, person_id)

        self.worker.submit(job, while_alive(self, self.show_file))

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        self.setWindowTitle(self.tr("一人一档 - {0}").format(person_file.person.name))
        self.header.show_file(person_file)
        for tab in (
            self.basic,
            self.household,
            self.schooling,
            self.subsidy_tab,
            self.visit_tab,
            self.training,
            self.employment,
            self.placement,
            self.attachments,
        ):
            tab.show_file(person_file)
        self.tabs.setTabText(ATTACHMENTS_TAB, self.tr("附件 ({0})").format(len(person_file.attachments)))
        live_jobs = [r for r in person_file.employment if r.voided_on is None]
        self.tabs.setTabText(EMPLOYMENT_TAB, self.tr("就业去向 ({0})").format(len(live_jobs)))

    # --- saving: shared by the tabs ---------------------------------------------------------------------

    def _dirty_changed(self, dirty: bool) -> None:
        self.save_button.setEnabled(dirty)
        title = self.windowTitle().removesuffix(" *")
        self.setWindowTitle(title + (" *" if dirty else ""))

    def save(self) -> None:
        """保存 the basic data."""
        self.basic.save()

    def validate(self) -> list[Issue]:
        return self.basic.validate()

    def changes(self) -> dict[str, object]:
        return self.basic.changes()

    def ask_reveal_reason(self) -> str | None:
        return self.basic.ask_reveal_reason()

    def reveal_sensitive(self) -> None:
        self.basic.reveal_sensitive()

    def saved_here(self, text: str, warnings: list[Issue] | None = None) -> None:
        """A tab saved: say so in this window's status line, tell the listeners, and show the new state."""
        self.status.setText(text + ("：" + "；".join(w.text() for w in warnings) if warnings else ""))
        self.saved.emit()
        if not self._close_if_saved():
            self.reload()

    def cancel_close_after_save(self) -> None:
        """A save that closing started failed: the window stays open."""
        self._close_after_save = False

    def editor_ready(self, editor: InlineEditor) -> bool:
        """Validate an inline form before saving; the refusal is shown next to the fields."""
        if editor.isHidden():
            return False
        if has_errors(editor.validate()):
            self._close_after_save = False
            self.status.setText(self.tr("请先改正标红的内容"))
            editor.form.focus_first_error()
            return False
        return True

    def submit_edit(
        self, editor: InlineEditor, job: Callable[[Database], list[Issue]], changes: set[str], text: str
    ) -> None:
        def done(warnings: list[Issue]) -> None:
            editor.finish()
            self.saved_here(text, warnings)

        def failed(error: BaseException) -> None:
            self._close_after_save = False
            if isinstance(error, ValidationFailed):
                editor.form.show_issues(error.issues)
                self.status.setText(self.tr("未保存：{0}").format(error.text()))
            else:
                self.status.setText(self.tr("未保存"))
                self.worker.report_error(error)

        self.worker.submit(
            job, while_alive(self, done), while_alive(self, failed, self.worker.report_error), changes=changes
        )

    def has_unsaved(self) -> bool:
        """Basic data, a new employment change or an open inline form was edited and not saved."""
        return self.dirty or self.job_dirty or any(editor.dirty for editor, _tab, _save in self._editors)

    def _close_if_saved(self) -> bool:
        if self._close_after_save and not self.has_unsaved():
            self.close()
            return True
        return False

    # --- printing ----------------------------------------------------------------------------------------------

    def print_dossier(self) -> PrintPreviewDialog:
        """Preview (and print or save) this person's 一人一档."""
        name = self.file.person.name if self.file else ""
        return open_print_preview(
            self.worker,
            dossier_pdf(self.person_id, self.actor),
            title=self.tr("一人一档 {0}").format(name).strip(),
            file_name=f"一人一档_{name}.pdf",
            parent=self,
        )

    def form_terms(self) -> list[str]:
        """Terms this person has schooling or a subsidy application for (``2025-autumn``), newest first."""
        if self.file is None:
            return []
        terms = [print_term(e.school_year, e.semester) for e in self.file.enrollments]
        terms += [s.term for s in self.file.subsidies if rules.parse_term(s.term)]
        return newest_first(terms)

    def print_form(self, term: str | None = None) -> PrintPreviewDialog | None:
        """Preview the 补助申请表 for ``term`` (asked for among the person's terms when not given)."""
        if term is None:
            terms = self.form_terms()
            if not terms:
                self.status.setText(self.tr("没有学籍记录，无法打印补助申请表"))
                return None
            term = choose_term(self, self.tr("打印补助申请表"), terms)
            if term is None:
                return None
        name = self.file.person.name if self.file else ""
        return open_print_preview(
            self.worker,
            form_pdf(self.person_id, term, self.actor),
            title=self.tr("补助申请表 {0} {1}").format(name, rules.term_label(term)),
            file_name=f"补助申请表_{term}_{name}.pdf",
            parent=self,
        )

    # --- members and visits -------------------------------------------------------------------------------------

    def open_member(self, member_id: str) -> None:
        if self.parent() is None:
            window = PersonWindow(self.worker, member_id, self.actor)
            window.show()

    def new_visit(self) -> None:
        """为该户新增走访 (Ctrl+N): the main window opens the visit dialog over this window."""
        if self.file is not None:
            self.newVisit.emit(self.file.household.id)

    def visit_recorded(self, _visit: object = None) -> None:
        """The visit dialog opened from here saved: say so here (the list reloads on the change)."""
        self.tabs.setCurrentWidget(self.visit_tab)
        self.status.setText(self.tr("已保存走访记录"))

    def _data_changed(self, changes: object) -> None:
        if isinstance(changes, frozenset | set) and "visit" in changes:
            self.reload()

    # --- corrections (作废) and the end of schooling --------------------------------------------------------

    def ask_void_reason(self, what: str) -> str | None:
        """The reason for voiding ``what`` (required); None if the user cancelled."""
        dialog = VoidDialog(what, self)
        return dialog.reason_text() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def void_entry(self, entity: str, entry_id: str, what: str) -> None:
        """作废 an entry of this file made in error, after asking why (``services.corrections``)."""
        reason = self.ask_void_reason(what)
        if reason is None:
            return
        actor = self.actor

        def job(db: Database) -> corrections.VoidedEntry:
            return corrections.void_entry(db, entity, entry_id, reason=reason, actor=actor)

        def done(_voided: corrections.VoidedEntry) -> None:
            self.saved_here(self.tr("已作废：{0}").format(what))

        def failed(error: BaseException) -> None:
            if isinstance(error, YuluError):
                self.status.setText(self.tr("未作废：{0}").format(error.text()))
            else:
                self.status.setText(self.tr("未作废"))
                self.worker.report_error(error)

        self.worker.submit(
            job,
            while_alive(self, done),
            while_alive(self, failed, self.worker.report_error),
            changes={entity},
        )

    def ask_end(self, enrollment: Enrollment) -> tuple[str, date] | None:
        """结束学籍: how and when the schooling of ``enrollment`` ended; None if cancelled."""
        return self.schooling.ask_end(enrollment)

    # --- closing -------------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.has_unsaved():
            answer = QMessageBox.question(
                self,
                self.tr("未保存的修改"),
                self.tr("{0}的档案有未保存的修改。是否保存？").format(
                    self.file.person.name if self.file else ""
                ),
                QMessageBox.StandardButton.Save
                | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel:
                event.ignore()
                return
            if answer == QMessageBox.StandardButton.Save:
                # Saving runs on the worker: stay open until it succeeded, then close (a refusal keeps the window).
                event.ignore()
                if self.dirty and has_errors(self.validate()):
                    self.status.setText(self.tr("请先改正标红的内容"))
                    return
                if self.job_dirty and has_errors(self.validate_job()):
                    self.tabs.setCurrentIndex(EMPLOYMENT_TAB)
                    return
                for editor, tab, _save in self._editors:
                    if editor.dirty and has_errors(editor.validate()):
                        self.tabs.setCurrentIndex(tab)
                        return
                self._close_after_save = True
                if self.dirty:
                    self.save()
                if self.job_dirty:
                    self.record_job_change()
                for editor, _tab, save in self._editors:
                    if editor.dirty:
                        save()
                return
            self.dirty = self.job_dirty = False
            for editor, _tab, _save in self._editors:
                editor.dirty = False
        event.accept()
