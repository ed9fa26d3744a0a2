"""Visit entry, made for the keyboard: find the household by typing (name, pinyin initials, 户编号, ID tail),
Enter picks it; the date is today; arrow keys choose mode and purpose; Tab moves on; Ctrl+Enter saves.

Writing a promised follow-up fills its due date with two weeks from the visit (changeable). The visitor's name
and role are remembered on this laptop.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import Visit
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.services import records
from yulu_desktop.services.search import SearchHit
from yulu_desktop.store.database import Database
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui import visit_keys
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.search_box import SearchField
from yulu_desktop.ui.worker import DbWorker

VISIT_FIELDS = (
    FieldSpec("visit_date", "date"),
    FieldSpec("mode", "code", codes.VISIT_MODE, optional=False),
    FieldSpec("purpose", "code", codes.VISIT_PURPOSE, optional=False),
    FieldSpec("notes", "multiline"),
    FieldSpec("follow_up"),
    FieldSpec("follow_up_due", "optional_date"),
    FieldSpec("visitor_name"),
    FieldSpec("visitor_role", "code", codes.VISITOR_ROLE, optional=False),
)

FOLLOW_UP_DAYS = 14


class VisitDialog(QDialog):
    """走访登记. ``recorded`` fires with the saved visit."""

    recorded = Signal(object)

    def __init__(
        self,
        worker: DbWorker,
        settings: QSettings,
        actor: str,
        parent: QWidget | None = None,
        *,
        household: SearchHit | None = None,
    ) -> None:
        super().__init__(parent)
        self._worker = worker
        self._settings = settings
        self._actor = actor
        self.hit: SearchHit | None = None
        self.setWindowTitle(self.tr("新增走访"))
        self.setWindowIcon(icon("visit"))
        self.setMinimumWidth(620)

        self.household_search = SearchField(worker, self, limit=8)
        self.household_search.setObjectName("visitHousehold")
        self.household_search.setPlaceholderText(
            self.tr("输入姓名、拼音首字母、户编号或身份证号后几位，回车选择")
        )
        self.household_search.picked.connect(self.choose)
        self.chosen = QLabel(self.tr("尚未选择走访户"))
        self.chosen.setObjectName("visitChosen")
        self.household_message = QLabel()
        self.household_message.setStyleSheet("color: #c62828;")
        self.household_message.hide()
        top = QFormLayout()
        top.addRow(self.tr("走访户"), self.household_search)
        top.addRow("", self.chosen)
        top.addRow("", self.household_message)

        self.form = RecordForm(VISIT_FIELDS)
        self.form.edited.connect(self.validate)
        self.form.set_values(
            {
                "visit_date": date.today(),
                "mode": "home",
                "purpose": "other",
                "visitor_name": actor or ui_settings.VISITOR_NAME.get(settings),  # 我的信息 first
                "visitor_role": ui_settings.VISITOR_ROLE.get(settings),
            }
        )
        visit_keys.purpose_combo(self)  # from now on, a purpose the cadre picks is theirs to keep
        follow_up = self.form.editors["follow_up"]
        assert isinstance(follow_up, QLineEdit)
        follow_up.textEdited.connect(self._follow_up_typed)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setToolTip(self.tr("保存 (Ctrl+Enter)"))
        save_button.setAutoDefault(False)
        save_button.setDefault(False)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        if household is not None:
            self.choose(household)
        else:
            self.household_search.setFocus()

    def choose(self, hit: SearchHit) -> None:
        self.hit = hit
        self.household_search.blockSignals(True)
        self.household_search.setText(hit.name)
        self.household_search.blockSignals(False)
        self.chosen.setText(
            self.tr("已选：{0}（{1}）· {2} · 户编号 {3}").format(
                hit.name, hit.relationship, hit.village, hit.household_no
            )
        )
        self.household_message.hide()
        self.form.editors["visit_date"].setFocus()
        # 走访目的 from the records: 在读 → 补助申请 or 在读情况核实, 毕业 → 就业情况跟踪 (ui/visit_keys.py).
        visit_keys.suggest_purpose(self, self._worker, hit)

    def _follow_up_typed(self, text: str) -> None:
        due = self.form.editors["follow_up_due"]
        assert isinstance(due, QLineEdit)
        if text.strip() and not due.text().strip():
            visited = self.form.value("visit_date")
            due.setText((visited + timedelta(days=FOLLOW_UP_DAYS)).isoformat())

    def draft(self) -> Visit:
        values = self.form.values()
        return Visit(
            household_id=self.hit.household_id if self.hit else "",
            person_id=self.hit.person_id if self.hit else None,
            **values,
        )

    def validate(self) -> list[Issue]:
        try:
            visit = self.draft()
        except FormError as exc:
            self.form.show_issues([exc.issue])
            return [exc.issue]
        issues = rules.visit_issues(visit, today=date.today())
        self.form.show_issues(issues)
        household = [i for i in issues if i.field == "household_id"]
        self.household_message.setText(self.tr("请先选择走访的户") if household else "")
        self.household_message.setVisible(bool(household))
        return issues

    def save(self) -> None:
        issues = self.validate()
        if has_errors(issues):
            if self.hit is None:
                self.household_search.setFocus()
            else:
                self.form.focus_first_error()
            return
        visit, actor = self.draft(), self._actor
        ui_settings.VISITOR_NAME.set(self._settings, visit.visitor_name)
        ui_settings.VISITOR_ROLE.set(self._settings, visit.visitor_role)

        def job(db: Database) -> Visit:
            records.record_visit(db, visit, actor=actor)
            return visit

        def done(saved: Visit) -> None:
            self.recorded.emit(saved)
            self.accept()

        def failed(error: BaseException) -> None:
            self.buttons.setEnabled(True)
            if isinstance(error, ValidationFailed):
                self.form.show_issues(error.issues)
            else:
                self._worker.report_error(error)

        self.buttons.setEnabled(False)
        self._worker.submit(job, done, failed, changes={"visit"})

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field must not close the dialog half-filled (QDialog's default-button behaviour).
        if (
            isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        ):
            self.focusNextChild()
            return
        super().keyPressEvent(event)
