"""一人一档 on screen: one window per person with the household, schooling, subsidies, visits, training,
employment history and attachments. The basic data, a new employment change, the schooling by semester, the
intent and training can be edited; a subsidy is applied for and moved along the approval chain in the 补助 tab.

Edits validate as you type (``rules.person_issues``, ``rules.employment_issues``, ``rules.enrollment_issues`` …)
with the message next to the field; saving is one service call (one transaction) on the database worker. Closing with unsaved changes asks.
ID number and phone are shown masked; revealing them is written to the audit log.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Intent, Person, Training
from yulu_desktop.domain.errors import Issue, ValidationFailed, YuluError
from yulu_desktop.domain.masking import mask_account, mask_birth_date, mask_id_number, mask_phone
from yulu_desktop.services import acting, records
from yulu_desktop.services.person_file import PersonFile, load_person_file
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments as attachment_sync
from yulu_desktop.sync.client import NotEnrolled, ServerUnreachable, SyncClient
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import RecordsTableModel, RowIdRole
from yulu_desktop.ui.print_dialogs import choose_term
from yulu_desktop.ui.print_preview import (
    PrintPreviewDialog,
    dossier_pdf,
    form_pdf,
    newest_first,
    open_print_preview,
    print_term,
)
from yulu_desktop.ui.worker import DbWorker

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

#: Fields that are masked until the user asks to see them (and that is audited).
SENSITIVE = ("id_number", "phone")


def _heading_row(title: str, *buttons: QWidget) -> QHBoxLayout:
    """A section's title with its buttons on the right."""
    row = QHBoxLayout()
    row.addWidget(QLabel(title), 1)
    for button in buttons:
        row.addWidget(button)
    return row


def _table(model: RecordsTableModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.verticalHeader().setDefaultSectionSize(24)
    return view


def _d(value: date | None) -> str:
    return value.isoformat() if value else ""


def _yuan(fen: int | None) -> str:
    return "" if fen is None else f"{fen / 100:,.0f}" if fen % 100 == 0 else f"{fen / 100:,.2f}"


def _blank(specs: Sequence[FieldSpec]) -> dict[str, Any]:
    """Values that clear a form (dates empty, codes at their first choice)."""
    return {spec.name: None for spec in specs}


def _selected_id(view: QTableView) -> str | None:
    rows = view.selectionModel().selectedRows()
    if not rows:
        return None
    value = rows[0].data(RowIdRole)
    return str(value) if value else None


class InlineEditor(QGroupBox):
    """A form for one record of a tab, shown by 新增 or 修改 and hidden after saving or 取消.

    ``check`` builds the draft record from the form and returns what the domain rules say (it may raise
    ``FormError``); the messages appear next to the fields as you type and the save button is enabled only while
    there is no error. ``record_id`` is the id of the record being changed (None for a new one).
    """

    def __init__(
        self,
        specs: Sequence[FieldSpec],
        check: Callable[[], list[Issue]],
        save: Callable[[], None],
        save_text: str,
        *,
        columns: int = 3,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.specs = tuple(specs)
        self.form = RecordForm(specs, columns=columns)
        self.form.edited.connect(self._edited)
        self._check = check
        self.record_id: str | None = None
        self.dirty = False
        self.save_button = QPushButton(icon("save"), save_text)
        self.save_button.clicked.connect(save)
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.clicked.connect(self.finish)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self.hide()

    def start(self, title: str, values: dict[str, Any], record_id: str | None = None) -> None:
        """Show the form for a new record (``record_id`` None) or for changing one."""
        self.setTitle(title)
        self.record_id = record_id
        self.form.set_values({**_blank(self.specs), **values})
        self.dirty = False
        self.form.show_issues([])
        self.save_button.setEnabled(not has_errors(self.issues()))
        self.show()
        self.form.setFocus()

    def record_values(self) -> dict[str, Any]:
        """The form's values, with the id of the record being changed (a new record gets a new id)."""
        values = self.form.values()
        if self.record_id is not None:
            values["id"] = self.record_id
        return values

    def issues(self) -> list[Issue]:
        try:
            return self._check()
        except FormError as exc:
            return [exc.issue]

    def validate(self) -> list[Issue]:
        issues = self.issues()
        self.form.show_issues(issues)
        self.save_button.setEnabled(not has_errors(issues))
        return issues

    def _edited(self) -> None:
        self.dirty = True
        self.validate()

    def finish(self) -> None:
        self.dirty = False
        self.record_id = None
        self.form.show_issues([])
        self.hide()


class AttachmentFetcher(QObject):
    """Downloads attachment files on a thread of its own (a slow link must hold up neither the GUI nor the
    database worker); ``fetched(sha256, bytes or None, problem)`` arrives on the GUI thread."""

    fetched = Signal(str, object, str)
    #: ``problem`` when the county server cannot be reached (or this laptop is not enrolled).
    OFFLINE = "offline"

    def fetch(self, db: Database, sha256: str) -> None:
        threading.Thread(target=self._run, args=(db, sha256), name="yulu-attachment", daemon=True).start()

    def _run(self, db: Database, sha256: str) -> None:
        data: bytes | None = None
        problem = ""
        try:
            with SyncClient(db) as client:
                data = attachment_sync.download(client, sha256, retries=1)
        except (ServerUnreachable, NotEnrolled):
            problem = self.OFFLINE
        except YuluError as exc:
            problem = exc.text()
        except Exception as exc:  # reported in the preview, never lost on this thread
            logging.getLogger(__name__).exception("attachment download failed")
            problem = str(exc)
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.fetched.emit(sha256, data, problem)


class PersonWindow(QWidget):
    """The file of one person. ``saved`` fires after a successful save."""

    saved = Signal()
    newVisit = Signal(str)  # household id

    def __init__(self, worker: DbWorker, person_id: str, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self._worker = worker
        self.person_id = person_id
        self.actor = actor
        self.file: PersonFile | None = None
        self._revealed: set[str] = set()
        self.dirty = False
        self._close_after_save = False
        self.setWindowIcon(icon("person"))
        self.setWindowTitle(self.tr("一人一档"))
        self.resize(1120, 700)

        self.header = QLabel(self.tr("正在读取…"))
        self.header.setObjectName("personHeader")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("personTabs")

        # 基本信息 — the edit form
        self.form = RecordForm(PERSON_FIELDS, columns=2)
        self.form.edited.connect(self._person_edited)
        self.reveal_button = QPushButton(icon("eye"), self.tr("查看完整身份证号和手机号"))
        self.reveal_button.setToolTip(self.tr("查看完整信息会记入审计日志"))
        self.reveal_button.clicked.connect(self.reveal_sensitive)
        for name in SENSITIVE:
            editor = self.form.editors[name]
            assert isinstance(editor, QLineEdit)
            editor.setReadOnly(True)
        basic = QWidget()
        basic_layout = QVBoxLayout(basic)
        basic_layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.reveal_button)
        row.addStretch(1)
        basic_layout.addLayout(row)
        basic_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(basic)
        self.tabs.addTab(scroll, self.tr("基本信息"))

        # 户和家庭成员
        self.household_info = QLabel()
        self.household_info.setTextFormat(Qt.TextFormat.RichText)
        self.household_info.setWordWrap(True)
        self.members = RecordsTableModel(
            [
                self.tr("姓名"),
                self.tr("与户主关系"),
                self.tr("性别"),
                self.tr("出生年份"),
                self.tr("身份证号"),
                self.tr("在校生状况"),
                self.tr("手机号"),
            ],
            self,
        )
        self.members_view = _table(self.members)
        self.members_view.doubleClicked.connect(self._open_member)
        household = QWidget()
        household_layout = QVBoxLayout(household)
        household_layout.addWidget(self.household_info)
        household_layout.addWidget(self.members_view, 1)
        self.tabs.addTab(household, self.tr("户和家庭成员"))

        # 学籍 by semester, with the intent
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
        self.enrollments_view = _table(self.enrollments)
        self.enrollments_view.doubleClicked.connect(lambda _index: self.edit_enrollment())
        self.enrollment_editor = InlineEditor(
            ENROLLMENT_FIELDS, self._enrollment_issues, self.save_enrollment, self.tr("保存学籍")
        )
        self.new_enrollment_button = QPushButton(icon("add"), self.tr("新增学期"))
        self.new_enrollment_button.clicked.connect(self.new_enrollment)
        self.edit_enrollment_button = QPushButton(self.tr("修改"))
        self.edit_enrollment_button.setToolTip(self.tr("修改选中的学期"))
        self.edit_enrollment_button.clicked.connect(self.edit_enrollment)
        self.intents_view = _table(self.intents)
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
        schooling_layout = QVBoxLayout(schooling)
        schooling_layout.addLayout(
            _heading_row(self.tr("学籍（按学期）"), self.new_enrollment_button, self.edit_enrollment_button)
        )
        schooling_layout.addWidget(self.enrollments_view, 3)
        schooling_layout.addWidget(self.enrollment_editor)
        schooling_layout.addLayout(
            _heading_row(self.tr("入读职业院校意愿"), self.new_intent_button, self.edit_intent_button)
        )
        schooling_layout.addWidget(self.intents_view, 1)
        schooling_layout.addWidget(self.intent_editor)
        schooling_scroll = QScrollArea()
        schooling_scroll.setWidgetResizable(True)
        schooling_scroll.setWidget(schooling)
        self.tabs.addTab(schooling_scroll, self.tr("学籍"))

        self.subsidies = RecordsTableModel(
            [
                self.tr("学期"),
                self.tr("补助金额（元）"),
                self.tr("状态"),
                self.tr("申请日期"),
                self.tr("收款人"),
                self.tr("收款账号"),
                self.tr("原因"),
            ],
            self,
        )
        self.subsidies_view = _table(self.subsidies)
        self.subsidies_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_subsidy_actions()
        )
        self.subsidy_term = QComboBox()
        self.subsidy_term.setObjectName("subsidyTerm")
        self.apply_button = QPushButton(icon("add"), self.tr("申请补助"))
        self.apply_button.setToolTip(self.tr("按县里设置的补助标准为所选学期申请补助"))
        self.apply_button.clicked.connect(self.apply_for_subsidy)
        self.next_state = QComboBox()
        self.next_state.setObjectName("subsidyNextState")
        self.opinion = QLineEdit()
        self.opinion.setPlaceholderText(self.tr("审核意见（村、乡镇、县审核时填写）"))
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("不通过、撤回或发放失败时必须填写"))
        self.advance_button = QPushButton(self.tr("推进状态"))
        self.advance_button.setToolTip(self.tr("把选中的补助申请推进到下一环节"))
        self.advance_button.clicked.connect(self.advance_subsidy)
        self.subsidy_message = QLabel()
        self.subsidy_message.setObjectName("subsidyMessage")
        self.subsidy_message.setWordWrap(True)
        self.subsidy_message.setStyleSheet("color: #c62828;")
        apply_box = QGroupBox(self.tr("申请补助"))
        apply_layout = QHBoxLayout(apply_box)
        apply_layout.addWidget(QLabel(self.tr("学期")))
        apply_layout.addWidget(self.subsidy_term, 1)
        apply_layout.addWidget(self.apply_button)
        advance_box = QGroupBox(self.tr("推进选中申请的状态"))
        advance_form = QFormLayout(advance_box)
        advance_form.addRow(self.tr("下一状态"), self.next_state)
        advance_form.addRow(self.tr("意见"), self.opinion)
        advance_form.addRow(self.tr("原因"), self.reason)
        advance_form.addRow("", self.advance_button)
        subsidy_boxes = QHBoxLayout()
        subsidy_boxes.addWidget(apply_box, 1)
        subsidy_boxes.addWidget(advance_box, 2)
        subsidies = QWidget()
        subsidies_layout = QVBoxLayout(subsidies)
        subsidies_layout.addWidget(self.subsidies_view, 1)
        subsidies_layout.addLayout(subsidy_boxes)
        subsidies_layout.addWidget(self.subsidy_message)
        self.tabs.addTab(subsidies, self.tr("补助"))
        self._update_subsidy_actions()

        self.visits = RecordsTableModel(
            [
                self.tr("走访日期"),
                self.tr("走访方式"),
                self.tr("走访目的"),
                self.tr("走访人"),
                self.tr("情况记录"),
                self.tr("承诺事项"),
                self.tr("办结期限"),
                self.tr("办结日期"),
            ],
            self,
        )
        visits = QWidget()
        visits_layout = QVBoxLayout(visits)
        self.new_visit_button = QPushButton(icon("visit"), self.tr("为该户新增走访"))
        self.new_visit_button.clicked.connect(self._new_visit)
        visits_layout.addWidget(self.new_visit_button, 0, Qt.AlignmentFlag.AlignLeft)
        visits_layout.addWidget(_table(self.visits), 1)
        self.tabs.addTab(visits, self.tr("走访记录"))

        self.trainings = RecordsTableModel(
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
        self.trainings_view = _table(self.trainings)
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
        training = QWidget()
        training_layout = QVBoxLayout(training)
        training_layout.addLayout(
            _heading_row(self.tr("培训与职业资格证书"), self.new_training_button, self.edit_training_button)
        )
        training_layout.addWidget(self.trainings_view, 1)
        training_layout.addWidget(self.training_editor)
        self.tabs.addTab(training, self.tr("培训与证书"))
        #: Inline editors with the tab they are on and how to save them (closing asks about unsaved ones).
        self._editors: list[tuple[InlineEditor, int, Callable[[], None]]] = [
            (self.enrollment_editor, 2, self.save_enrollment),
            (self.intent_editor, 2, self.save_intent),
            (self.training_editor, 5, self.save_training),
        ]

        # 就业 — every change kept; a new change is appended
        self.jobs = RecordsTableModel(
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
        employment = QWidget()
        employment_layout = QVBoxLayout(employment)
        employment_layout.addWidget(QLabel(self.tr("就业去向历史（每次变化都保留）")))
        employment_layout.addWidget(_table(self.jobs), 1)
        employment_layout.addWidget(job_box)
        self.tabs.addTab(employment, self.tr("就业去向"))

        # 附件
        self.attachment_list = QListWidget()
        self.attachment_list.currentItemChanged.connect(self._preview_attachment)
        self.attachment_kind = QComboBox()
        for code, label in codes.ATTACHMENT_KIND.labels.items():
            self.attachment_kind.addItem(label, code)
        self.add_attachment_button = QPushButton(icon("attach"), self.tr("添加附件…"))
        self.add_attachment_button.clicked.connect(self._choose_attachment)
        self.keep_original = QCheckBox(self.tr("保留原图"))
        self.keep_original.setToolTip(
            self.tr(
                "照片会缩小到适合存档的大小（最长边 2000 像素）再保存；勾选后同时保留原图，占用更多空间和流量"
            )
        )
        #: Fetches files this laptop does not hold from the county server (off the GUI and database threads).
        self.fetcher = AttachmentFetcher(self)
        self.fetcher.fetched.connect(self._attachment_fetched)
        self.preview = QLabel(self.tr("选择附件以预览"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("附件类型")))
        add_row.addWidget(self.attachment_kind)
        add_row.addWidget(self.keep_original)
        add_row.addWidget(self.add_attachment_button)
        left_layout.addLayout(add_row)
        left_layout.addWidget(self.attachment_list, 1)
        attachments = QSplitter()
        attachments.addWidget(left)
        attachments.addWidget(self.preview)
        attachments.setSizes([420, 600])
        self.tabs.addTab(attachments, self.tr("附件"))

        self.save_button = QPushButton(icon("save"), self.tr("保存"))
        self.save_button.setToolTip(self.tr("保存基本信息 (Ctrl+S)"))
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.close)
        self.print_dossier_action = QAction(icon("print"), self.tr("打印一人一档"), self)
        self.print_dossier_action.setShortcut(QKeySequence.StandardKey.Print)
        self.print_dossier_action.triggered.connect(lambda: self.print_dossier())
        self.print_form_action = QAction(self.tr("打印补助申请表…"), self)
        self.print_form_action.triggered.connect(lambda: self.print_form())
        self.addActions([self.print_dossier_action, self.print_form_action])
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
        self.status = QLabel()
        self.status.setObjectName("personStatus")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)
        self.reload()

    # --- loading ----------------------------------------------------------------------------------------

    def reload(self) -> None:
        person_id = self.person_id

        def job(db: Database) -> PersonFile:
            return load_person_file(db, person_id)

        self._worker.submit(job, self.show_file)

    def show_file(self, person_file: PersonFile) -> None:
        self.file = person_file
        p, h = person_file.person, person_file.household
        self.setWindowTitle(self.tr("一人一档 - {0}").format(p.name))
        age = ""
        if p.birth_date:
            today = date.today()
            years = (
                today.year
                - p.birth_date.year
                - ((today.month, today.day) < (p.birth_date.month, p.birth_date.day))
            )
            age = self.tr("{0}岁").format(years)
        now = person_file.current_employment
        situation = ""
        if now is not None:
            situation = f"{codes.DESTINATION.label(now.destination)} {now.employer}".strip()
        elif person_file.enrollments:
            last = person_file.enrollments[-1]
            situation = f"{last.school_name} {last.major} {codes.REGISTRY_STATUS.label(last.registry_status)}"
        self.header.setText(
            f"<span style='font-size:15pt; font-weight:bold'>{p.name}</span>&nbsp;&nbsp;"
            f"{codes.SEX.label(p.sex)} {age}&nbsp;&nbsp;{mask_id_number(p.id_number)}<br>"
            f"{person_file.place} · {self.tr('户编号')} {h.household_no} · {codes.HOUSEHOLD_TYPE.label(h.household_type)}"
            + (f" · {situation}" if situation else "")
        )
        self._fill_form(p)
        self.household_info.setText(
            f"<b>{self.tr('户编号')}</b> {h.household_no}&nbsp;&nbsp; <b>{self.tr('住址')}</b> {person_file.place} "
            f"{h.group_name} {h.address}<br><b>{self.tr('户类型')}</b> {codes.HOUSEHOLD_TYPE.label(h.household_type)}"
            f"&nbsp;&nbsp; <b>{self.tr('监测对象类型')}</b> {codes.MONITORING_TYPE.label(h.monitoring_type) or '—'}"
            f"&nbsp;&nbsp; <b>{self.tr('风险类型')}</b> "
            f"{'、'.join(codes.RISK_CAUSE.label(c) for c in h.risk_causes.split(',') if c) or '—'}<br>"
            f"<b>{self.tr('联系电话')}</b> {mask_phone(h.contact_phone)}&nbsp;&nbsp; <b>{self.tr('收款人')}</b> "
            f"{h.payee_name} {h.payee_bank} {mask_account(h.payee_account)}"
        )
        self.members.set_rows(
            [
                (
                    m.name,
                    codes.RELATIONSHIP.label(m.relationship),
                    codes.SEX.label(m.sex),
                    mask_birth_date(m.birth_date),  # the year only: the ID beside it is masked
                    mask_id_number(m.id_number),
                    codes.STUDENT_STATUS.label(m.student_status),
                    mask_phone(m.phone),
                )
                for m in person_file.members
            ],
            [m.id for m in person_file.members],
        )
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
                )
                for e in person_file.enrollments
            ],
            [e.id for e in person_file.enrollments],
        )
        self.intents.set_rows(
            [
                (
                    _d(i.recorded_on),
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
        self.subsidies.set_rows(
            [
                (
                    rules.term_label(s.term),
                    _yuan(s.amount_fen),
                    codes.SUBSIDY_STATE.label(s.state),
                    _d(s.applied_on),
                    s.payee_name,
                    mask_account(s.payee_account),
                    s.reason,
                )
                for s in person_file.subsidies
            ],
            [s.id for s in person_file.subsidies],
        )
        self.visits.set_rows(
            [
                (
                    _d(v.visit_date),
                    codes.VISIT_MODE.label(v.mode),
                    codes.VISIT_PURPOSE.label(v.purpose),
                    v.visitor_name,
                    v.notes,
                    v.follow_up,
                    _d(v.follow_up_due),
                    _d(v.follow_up_done_on),
                )
                for v in person_file.visits
            ]
        )
        self.trainings.set_rows(
            [
                (
                    codes.TRAINING_KIND.label(t.kind),
                    t.name,
                    t.provider,
                    _d(t.start_date),
                    _d(t.end_date),
                    t.certificate_no,
                    t.certificate_level,
                )
                for t in person_file.trainings
            ],
            [t.id for t in person_file.trainings],
        )
        self.jobs.set_rows(
            [
                (
                    _d(r.effective_date),
                    codes.DESTINATION.label(r.destination),
                    r.employer,
                    r.job,
                    r.place,
                    _yuan(r.monthly_income_fen),
                    codes.JOB_CHANNEL.label(r.channel),
                    r.change_reason,
                    codes.EMPLOYMENT_SOURCE.label(r.source),
                    r.recorded_at.strftime("%Y-%m-%d %H:%M"),
                )
                for r in person_file.employment
            ]
        )
        self.attachment_list.clear()
        for attachment in person_file.attachments:
            item = QListWidgetItem(
                f"{attachment.filename}  ·  {codes.ATTACHMENT_KIND.label(attachment.kind)}  ·  "
                f"{attachment.size / 1024:.0f} KB  ·  {_d(attachment.added_on)}"
            )
            item.setData(Qt.ItemDataRole.UserRole, attachment.sha256)
            item.setData(Qt.ItemDataRole.UserRole + 1, attachment.mime_type)
            self.attachment_list.addItem(item)
        self.tabs.setTabText(7, self.tr("附件 ({0})").format(len(person_file.attachments)))
        self.tabs.setTabText(6, self.tr("就业去向 ({0})").format(len(person_file.employment)))
        applied = {s.term for s in person_file.subsidies}
        terms = newest_first(print_term(e.school_year, e.semester) for e in person_file.enrollments)
        self.subsidy_term.clear()
        for term in terms:
            label = rules.term_label(term)
            self.subsidy_term.addItem(label + (self.tr("（已申请）") if term in applied else ""), term)
        self.subsidy_term.setCurrentIndex(next((n for n, t in enumerate(terms) if t not in applied), 0))
        self._update_subsidy_actions()

    def _fill_form(self, person: Person) -> None:
        values = {spec.name: getattr(person, spec.name) for spec in PERSON_FIELDS}
        for name in SENSITIVE:
            if name not in self._revealed:
                values[name] = (mask_id_number if name == "id_number" else mask_phone)(values[name])
        self.form.set_values(values)
        self.form.show_issues([])
        self._set_dirty(False)

    # --- editing the basic data -----------------------------------------------------------------------------

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        title = self.windowTitle().removesuffix(" *")
        self.setWindowTitle(title + (" *" if dirty else ""))

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
        self._set_dirty(True)

    def save(self) -> None:
        if self.file is None or not self.dirty:
            return
        issues = self.validate()
        if has_errors(issues):
            self.status.setText(self.tr("请先改正标红的内容"))
            self.form.focus_first_error()
            return
        changes = self.changes()
        person_id, actor = self.person_id, self.actor

        def job(db: Database) -> list[Issue]:
            return records.update_person(db, person_id, changes, actor=actor)

        def done(warnings: list[Issue]) -> None:
            self._set_dirty(False)
            self.status.setText(
                self.tr("已保存") + ("：" + "；".join(w.text() for w in warnings) if warnings else "")
            )
            self.saved.emit()
            if not self._close_if_saved():
                self.reload()

        self._worker.submit(job, done, self._save_failed, changes={"person"})

    def has_unsaved(self) -> bool:
        """Basic data, a new employment change or an open inline form was edited and not saved."""
        return self.dirty or self.job_dirty or any(editor.dirty for editor, _tab, _save in self._editors)

    def _close_if_saved(self) -> bool:
        if self._close_after_save and not self.has_unsaved():
            self.close()
            return True
        return False

    def _save_failed(self, error: BaseException) -> None:
        self._close_after_save = False
        if isinstance(error, ValidationFailed):
            self.form.show_issues(error.issues)
            self.status.setText(self.tr("未保存：{0}").format(error.text()))
        else:
            self.status.setText(self.tr("未保存"))
            self._worker.report_error(error)

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
        reason = self.ask_reveal_reason()
        if reason is None:
            return
        person_id, actor = self.person_id, self.actor

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
            self._set_dirty(was_dirty)
            self.reveal_button.setEnabled(False)

        self._worker.submit(job, shown)

    # --- employment -------------------------------------------------------------------------------------------

    def _job_draft(self) -> EmploymentRecord:
        values = self.job_form.values()
        return EmploymentRecord(
            person_id=self.person_id, recorded_at=datetime.now(UTC).replace(tzinfo=None), **values
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
        issues = self.validate_job()
        if has_errors(issues):
            self.status.setText(self.tr("请先改正标红的内容"))
            return
        record, actor = self._job_draft(), self.actor

        def job(db: Database) -> list[Issue]:
            return records.record_job_change(db, record, actor=actor)

        def done(_warnings: list[Issue]) -> None:
            self.job_dirty = False
            self.job_form.set_values({spec.name: None for spec in JOB_FIELDS if spec.kind != "date"})
            self.job_form.set_values({"destination": "employed", "source": "visit"})
            self.job_form.show_issues([])
            self.status.setText(self.tr("已记录去向变化"))
            self.saved.emit()
            if not self._close_if_saved():
                self.reload()

        def failed(error: BaseException) -> None:
            self._close_after_save = False
            if isinstance(error, ValidationFailed):
                self.job_form.show_issues(error.issues)
            else:
                self._worker.report_error(error)

        self._worker.submit(job, done, failed, changes={"employment_record"})

    # --- schooling, intent and training -------------------------------------------------------------------------

    def _birth_date(self) -> date | None:
        return self.file.person.birth_date if self.file else None

    def _enrollment_draft(self) -> Enrollment:
        values = self.enrollment_editor.record_values()
        if values["length_years"] is None:
            raise FormError(
                Issue(field="length_years", label=rules.label("length_years"), message="请填写学制")
            )
        return Enrollment(person_id=self.person_id, **values)

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
        enrollment_id = _selected_id(self.enrollments_view)
        found = [e for e in self.file.enrollments if e.id == enrollment_id] if self.file else []
        if not found:
            self.status.setText(self.tr("请先选择要修改的学期"))
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
        if not self._editor_ready(self.enrollment_editor):
            return
        enrollment, actor = self._enrollment_draft(), self.actor

        def job(db: Database) -> list[Issue]:
            return records.record_enrollment(db, enrollment, actor=actor)

        self._submit_edit(self.enrollment_editor, job, {"enrollment"}, self.tr("已保存学籍"))

    def _intent_draft(self) -> Intent:
        return Intent(person_id=self.person_id, **self.intent_editor.record_values())

    def _intent_issues(self) -> list[Issue]:
        return rules.intent_issues(self._intent_draft(), today=date.today())

    def new_intent(self) -> None:
        self.intent_editor.start(
            self.tr("登记入读职业院校意愿"), {"recorded_on": date.today(), "wants_vocational": True}
        )

    def edit_intent(self) -> None:
        intent_id = _selected_id(self.intents_view)
        found = [i for i in self.file.intents if i.id == intent_id] if self.file else []
        if not found:
            self.status.setText(self.tr("请先选择要修改的意愿"))
            return
        values = {spec.name: getattr(found[0], spec.name) for spec in INTENT_FIELDS}
        self.intent_editor.start(self.tr("修改意愿"), values, found[0].id)

    def save_intent(self) -> None:
        if not self._editor_ready(self.intent_editor):
            return
        intent, actor = self._intent_draft(), self.actor

        def job(db: Database) -> list[Issue]:
            return records.record_intent(db, intent, actor=actor)

        self._submit_edit(self.intent_editor, job, {"intent"}, self.tr("已保存意愿"))

    def _training_draft(self) -> Training:
        return Training(person_id=self.person_id, **self.training_editor.record_values())

    def _training_issues(self) -> list[Issue]:
        return rules.training_issues(self._training_draft(), today=date.today())

    def new_training(self) -> None:
        self.training_editor.start(self.tr("新增培训或证书"), {"kind": "training"})

    def edit_training(self) -> None:
        training_id = _selected_id(self.trainings_view)
        found = [t for t in self.file.trainings if t.id == training_id] if self.file else []
        if not found:
            self.status.setText(self.tr("请先选择要修改的培训或证书"))
            return
        values = {spec.name: getattr(found[0], spec.name) for spec in TRAINING_FIELDS}
        self.training_editor.start(self.tr("修改培训或证书"), values, found[0].id)

    def save_training(self) -> None:
        if not self._editor_ready(self.training_editor):
            return
        training, actor = self._training_draft(), self.actor

        def job(db: Database) -> list[Issue]:
            return records.record_training(db, training, actor=actor)

        self._submit_edit(self.training_editor, job, {"training"}, self.tr("已保存培训或证书"))

    def _editor_ready(self, editor: InlineEditor) -> bool:
        """Validate an inline form before saving; the refusal is shown next to the fields."""
        if editor.isHidden():
            return False
        if has_errors(editor.validate()):
            self._close_after_save = False
            self.status.setText(self.tr("请先改正标红的内容"))
            editor.form.focus_first_error()
            return False
        return True

    def _submit_edit(
        self, editor: InlineEditor, job: Callable[[Database], list[Issue]], changes: set[str], text: str
    ) -> None:
        def done(warnings: list[Issue]) -> None:
            editor.finish()
            self.status.setText(text + ("：" + "；".join(w.text() for w in warnings) if warnings else ""))
            self.saved.emit()
            if not self._close_if_saved():
                self.reload()

        def failed(error: BaseException) -> None:
            self._close_after_save = False
            if isinstance(error, ValidationFailed):
                editor.form.show_issues(error.issues)
                self.status.setText(self.tr("未保存：{0}").format(error.text()))
            else:
                self.status.setText(self.tr("未保存"))
                self._worker.report_error(error)

        self._worker.submit(job, done, failed, changes=changes)

    # --- subsidies ------------------------------------------------------------------------------------------------

    def _selected_subsidy_state(self) -> str | None:
        application_id = _selected_id(self.subsidies_view)
        if self.file is None or application_id is None:
            return None
        return next((s.state for s in self.file.subsidies if s.id == application_id), None)

    def _update_subsidy_actions(self) -> None:
        self.apply_button.setEnabled(self.subsidy_term.count() > 0)
        state = self._selected_subsidy_state()
        # The service decides what may follow (records.set_subsidy_state refuses anything else).
        allowed = records.next_subsidy_states(state) if state else frozenset()
        order = list(codes.SUBSIDY_STATE.labels)
        chain_next = [s for s in codes.SUBSIDY_CHAIN if s in allowed]
        ordered = chain_next + sorted(allowed - set(chain_next), key=order.index)
        self.next_state.clear()
        for next_state in ordered:
            self.next_state.addItem(codes.SUBSIDY_STATE.label(next_state), next_state)
        self.advance_button.setEnabled(bool(ordered))

    def apply_for_subsidy(self) -> None:
        """申请补助 for the chosen term; the amount comes from the county's setting for the school type."""
        term = self.subsidy_term.currentData()
        if not term:
            self.subsidy_message.setText(self.tr("没有学籍记录，请先在“学籍”中新增学期"))
            return
        person_id, actor = self.person_id, self.actor

        def job(db: Database) -> object:
            return records.apply_for_subsidy(db, person_id, term, actor=actor)

        def done(_application: object) -> None:
            self.subsidy_message.clear()
            self.status.setText(self.tr("已申请 {0} 的补助").format(rules.term_label(term)))
            self.saved.emit()
            self.reload()

        self._worker.submit(job, done, self._subsidy_failed, changes={"subsidy_application"})

    def advance_subsidy(self) -> None:
        """推进状态: move the selected application to the chosen next state, with the opinion or reason."""
        application_id, state = _selected_id(self.subsidies_view), self.next_state.currentData()
        if application_id is None or not state:
            self.subsidy_message.setText(self.tr("请先选择要推进的补助申请"))
            return
        opinion, reason, actor = self.opinion.text().strip(), self.reason.text().strip(), self.actor

        def job(db: Database) -> object:
            return records.set_subsidy_state(
                db, application_id, state, actor=actor, opinion=opinion, reason=reason
            )

        def done(_application: object) -> None:
            self.subsidy_message.clear()
            self.opinion.clear()
            self.reason.clear()
            self.status.setText(self.tr("补助申请已变为“{0}”").format(codes.SUBSIDY_STATE.label(state)))
            self.saved.emit()
            self.reload()

        self._worker.submit(job, done, self._subsidy_failed, changes={"subsidy_application"})

    def _subsidy_failed(self, error: BaseException) -> None:
        if isinstance(error, YuluError):
            self.subsidy_message.setText(error.text())
            self.status.setText(self.tr("未保存：{0}").format(error.text()))
        else:
            self.status.setText(self.tr("未保存"))
            self._worker.report_error(error)

    # --- attachments ------------------------------------------------------------------------------------------

    def _choose_attachment(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("选择扫描件或照片"),
            str(Path.home()),
            self.tr("图片和文档 (*.jpg *.jpeg *.png *.bmp *.pdf);;所有文件 (*)"),
        )
        if path:
            self.add_attachment(Path(path))

    def add_attachment(self, path: Path) -> None:
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.status.setText(self.tr("无法读取文件：{0}").format(exc))
            return
        kind, person_id, actor = self.attachment_kind.currentData(), self.person_id, self.actor
        keep_original = self.keep_original.isChecked()

        def job(db: Database) -> object:
            return records.add_attachment(
                db, person_id, path.name, data, kind=kind, actor=actor, keep_original=keep_original
            )

        def done(_: object) -> None:
            self.status.setText(self.tr("已添加附件 {0}").format(path.name))
            self.reload()

        self._worker.submit(job, done, changes={"attachment"})

    def _current_attachment(self) -> str | None:
        item = self.attachment_list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def _preview_attachment(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if item is None:
            return
        sha, mime = item.data(Qt.ItemDataRole.UserRole), item.data(Qt.ItemDataRole.UserRole + 1)
        if not str(mime).startswith("image/"):
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("此类文件不能预览"))
            return

        def job(db: Database) -> bytes | None:
            return records.attachment_bytes(db, sha)

        def show(data: bytes | None) -> None:
            if self._current_attachment() != sha:
                return  # the cadre has moved on
            if data is None:
                # Added on another laptop: the pull brought the record, the file is fetched when it is opened.
                database = self._worker.database
                self.preview.setPixmap(QPixmap())
                if database is None:
                    return
                self.preview.setText(self.tr("正在从县服务器下载附件…"))
                self.fetcher.fetch(database, sha)
                return
            self._show_image(data)

        self._worker.submit(job, show)

    def _show_image(self, data: bytes) -> None:
        pixmap = QPixmap()
        if pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText(self.tr("图片无法显示"))

    def _attachment_fetched(self, sha: str, data: object, problem: str) -> None:
        if self._current_attachment() != sha:
            return
        if isinstance(data, bytes):
            self._show_image(data)
        elif problem == AttachmentFetcher.OFFLINE:
            self.preview.setText(self.tr("附件在县服务器上，联网后可查看"))
        else:
            self.preview.setText(self.tr("附件无法下载：{0}").format(problem))

    # --- members and visits -------------------------------------------------------------------------------------

    # --- printing ----------------------------------------------------------------------------------------------

    def print_dossier(self) -> PrintPreviewDialog:
        """Preview (and print or save) this person's 一人一档."""
        name = self.file.person.name if self.file else ""
        return open_print_preview(
            self._worker,
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
            self._worker,
            form_pdf(self.person_id, term, self.actor),
            title=self.tr("补助申请表 {0} {1}").format(name, rules.term_label(term)),
            file_name=f"补助申请表_{term}_{name}.pdf",
            parent=self,
        )

    def _open_member(self, index: object) -> None:
        member_id = self.members.data(index, RowIdRole)  # type: ignore[arg-type]
        if member_id and member_id != self.person_id and self.parent() is None:
            window = PersonWindow(self._worker, str(member_id), self.actor)
            window.show()

    def _new_visit(self) -> None:
        if self.file is not None:
            self.newVisit.emit(self.file.household.id)

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
                    self.tabs.setCurrentIndex(6)
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
