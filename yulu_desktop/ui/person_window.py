"""一人一档 on screen: one window per person with the household, schooling, subsidies, visits, training,
employment history and attachments; the basic data and a new employment change can be edited.

Edits validate as you type (``rules.person_issues``, ``rules.employment_issues``) with the message next to the
field; saving is one service call (one transaction) on the database worker. Closing with unsaved changes asks.
ID number and phone are shown masked; revealing them is written to the audit log.
"""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
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
from yulu_desktop.domain.entities import EmploymentRecord, Person
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.domain.masking import mask_account, mask_id_number, mask_phone
from yulu_desktop.services import records
from yulu_desktop.services.person_file import PersonFile, load_person_file
from yulu_desktop.store.database import Database
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

#: Fields that are masked until the user asks to see them (and that is audited).
SENSITIVE = ("id_number", "phone")


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
                self.tr("出生日期"),
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
        schooling = QWidget()
        schooling_layout = QVBoxLayout(schooling)
        schooling_layout.addWidget(QLabel(self.tr("学籍（按学期）")))
        schooling_layout.addWidget(_table(self.enrollments), 3)
        schooling_layout.addWidget(QLabel(self.tr("入读职业院校意愿")))
        schooling_layout.addWidget(_table(self.intents), 1)
        self.tabs.addTab(schooling, self.tr("学籍"))

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
        self.tabs.addTab(_table(self.subsidies), self.tr("补助"))

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
        self.tabs.addTab(_table(self.trainings), self.tr("培训与证书"))

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
        self.preview = QLabel(self.tr("选择附件以预览"))
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        add_row = QHBoxLayout()
        add_row.addWidget(QLabel(self.tr("附件类型")))
        add_row.addWidget(self.attachment_kind)
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
                    _d(m.birth_date),
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
            ]
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
            ]
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
            ]
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
            ]
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

    def _close_if_saved(self) -> bool:
        if self._close_after_save and not self.dirty and not self.job_dirty:
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

    def reveal_sensitive(self) -> None:
        """Show the full ID number and phone (audited), and let them be edited."""
        if self.file is None:
            return
        person_id, actor = self.person_id, self.actor

        def job(db: Database) -> None:
            records.audit(
                db,
                actor=actor,
                action="view_unmasked",
                entity="person",
                entity_id=person_id,
                detail="身份证号、手机号",
            )

        def shown(_: None) -> None:
            assert self.file is not None
            self._revealed.update(SENSITIVE)
            for name in SENSITIVE:
                editor = self.form.editors[name]
                assert isinstance(editor, QLineEdit)
                editor.setReadOnly(False)
            was_dirty = self.dirty
            self.form.set_values(
                {"id_number": self.file.person.id_number or "", "phone": self.file.person.phone}
            )
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

        def job(db: Database) -> object:
            return records.add_attachment(db, person_id, path.name, data, kind=kind, actor=actor)

        def done(_: object) -> None:
            self.status.setText(self.tr("已添加附件 {0}").format(path.name))
            self.reload()

        self._worker.submit(job, done, changes={"attachment"})

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
            pixmap = QPixmap()
            if data and pixmap.loadFromData(data):
                self.preview.setPixmap(
                    pixmap.scaled(
                        self.preview.size(),
                        Qt.AspectRatioMode.KeepAspectRatio,
                        Qt.TransformationMode.SmoothTransformation,
                    )
                )
            else:
                self.preview.setText(self.tr("图片无法显示"))

        self._worker.submit(job, show)

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
        if self.dirty or self.job_dirty:
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
                self._close_after_save = True
                if self.dirty:
                    self.save()
                if self.job_dirty:
                    self.record_job_change()
                return
            self.dirty = self.job_dirty = False
        event.accept()
