"""结束学籍: the dialog that ends the latest semester's schooling as 毕业, 退学, 休学 or 转学 on a date — checked
as you type (never before the entry date, never after today) by the same rule the service applies."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from yulu_desktop.domain import codes, schooling
from yulu_desktop.domain.entities import Enrollment
from yulu_desktop.domain.errors import Issue
from yulu_desktop.ui.forms import FieldSpec, FormError, RecordForm, has_errors

#: The ends a cadre can choose, graduation first (the usual case).
END_STATUS = codes.CodeList(
    "学籍状态", MappingProxyType({s: codes.REGISTRY_STATUS.label(s) for s in schooling.END_STATUSES})
)
END_FIELDS = (
    FieldSpec("registry_status", "code", END_STATUS, optional=False, label="结束方式"),
    FieldSpec("ended_on", "date", label="结束日期"),
)


class EndSchoolingDialog(QDialog):
    """Ends ``enrollment``; ``status()`` and ``ended_on()`` hold the choice once accepted."""

    def __init__(self, enrollment: Enrollment, *, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enrollment = enrollment
        self._today = today
        self.setWindowTitle(self.tr("结束学籍"))
        what = QLabel(
            self.tr("{0}学年{1}　{2} {3}").format(
                enrollment.school_year,
                codes.SEMESTER.label(enrollment.semester),
                enrollment.school_name,
                enrollment.major,
            )
        )
        what.setWordWrap(True)
        what.setStyleSheet("font-weight: bold;")
        entry = enrollment.entry_date.isoformat() if enrollment.entry_date else self.tr("未填写")
        hint = QLabel(
            self.tr(
                "入学日期：{0}。毕业或退学后，在校生状况改为“非在校生”；毕业生会列入毕业生就业去向清单。"
            ).format(entry)
        )
        hint.setWordWrap(True)
        self.form = RecordForm(END_FIELDS)
        self.form.set_values({"registry_status": "graduated", "ended_on": today})
        self.form.edited.connect(self.validate)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(what)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(480)
        self.validate()

    def issues(self) -> list[Issue]:
        try:
            values = self.form.values()
        except FormError as exc:
            return [exc.issue]
        return schooling.end_issues(
            self.enrollment, values["registry_status"], values["ended_on"], today=self._today
        )

    def validate(self) -> list[Issue]:
        issues = self.issues()
        self.form.show_issues(issues)
        self.ok_button.setEnabled(not has_errors(issues))
        return issues

    def accept(self) -> None:
        if has_errors(self.validate()):
            self.form.focus_first_error()
            return
        super().accept()

    def status(self) -> str:
        return str(self.form.value("registry_status"))

    def ended_on(self) -> date:
        value = self.form.value("ended_on")
        assert isinstance(value, date)
        return value
