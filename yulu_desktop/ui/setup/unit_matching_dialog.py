"""区划匹配: local org units the county's could not be matched to by code or name, each with a choice of the
county's units of its level (or 暂不对应, listed clearly). Applied in one transaction on a background thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.services import unit_matching
from yulu_desktop.store.database import Database
from yulu_desktop.ui.setup.background import Background


class UnitMatchingDialog(QDialog):
    """One row per unmatched local unit: its path, households, and a combo of county units."""

    def __init__(
        self, database: Database, plan: unit_matching.MatchPlan, *, actor: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._db = database
        self._actor = actor
        self.plan = plan
        self.left: list[unit_matching.Unit] = list(plan.unmatched)
        self.setWindowTitle(self.tr("区划匹配"))
        self.setMinimumWidth(640)
        intro = QLabel(
            self.tr(
                "以下区划是本机导入数据时自建的，在县里的区划中没有找到同名的单位。请为每一个选择对应的县里区划；"
                "选“暂不对应”的，其中的户暂不发送到县里。"
            )
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(plan.unmatched), 3)
        self.table.setObjectName("unmatchedUnits")
        self.table.setHorizontalHeaderLabels([self.tr("本机区划"), self.tr("户数"), self.tr("对应县里区划")])
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.choices: dict[str, QComboBox] = {}
        for row, unit in enumerate(plan.unmatched):
            self.table.setItem(row, 0, QTableWidgetItem(f"{unit.path}（{unit.level_name}）"))
            self.table.setItem(row, 1, QTableWidgetItem(str(unit.households)))
            combo = QComboBox()
            combo.addItem(self.tr("暂不对应"), "")
            for candidate in plan.candidates(unit):
                combo.addItem(candidate.path, candidate.id)
            self.table.setCellWidget(row, 2, combo)
            self.choices[unit.id] = combo
        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("确定"))
        self.buttons.accepted.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.task = Background(self)
        self.task.done.connect(self._applied)
        self.task.failed.connect(self._failed)

    def choose(self, unit_id: str, county_unit_id: str) -> None:
        combo = self.choices[unit_id]
        combo.setCurrentIndex(max(0, combo.findData(county_unit_id)))

    def apply(self) -> None:
        chosen = {
            unit_id: str(combo.currentData())
            for unit_id, combo in self.choices.items()
            if combo.currentData()
        }
        self.buttons.setEnabled(False)
        self.message.setStyleSheet("")
        self.message.setText(self.tr("正在更新区划…"))
        db, actor = self._db, self._actor
        self.task.start(lambda _p, _c: unit_matching.apply(db, chosen, actor=actor))

    def _applied(self, report: Any) -> None:
        assert isinstance(report, unit_matching.MatchReport)
        self.left = report.left
        self.accept()

    def _failed(self, error: BaseException) -> None:
        from yulu_desktop.sync.enrollment import error_text

        self.buttons.setEnabled(True)
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText(error_text(error))

    def reject(self) -> None:
        """Closing without 确定 leaves every unit as it is (they stay listed)."""
        if not self.task.running:
            super().reject()
