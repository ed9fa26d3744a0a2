"""合并企业: the county chooses which of two records of one enterprise to keep (issue 16, duplicates).

The dialog shows the enterprise selected on the 企业 page next to another of its county (the likely duplicates
first, marked 疑似重复), field by field, with the positions, agreements and job fairs that name each. A radio
button above each column chooses the record to keep; a third column shows the kept record as the merge will leave
it (``domain.enterprise_merge.merge_plan``: a value taken from the other record is marked 补, a field both have
filled differently is bold), and the line below says what moves. The service (``services.enterprise_merge``)
merges and refuses.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.enterprise_merge import merge_plan, shown_value
from yulu_desktop.services.enterprise_merge import MergeChoices, MergeSide
from yulu_desktop.ui import screen_fit

__all__ = ["EnterpriseMergeDialog"]

#: Rows that count what names an enterprise rather than show one of its fields.
_COUNTED = frozenset({"positions", "agreements", "fairs"})


class EnterpriseMergeDialog(QDialog):
    """Two enterprises side by side; ``choice()`` is (the id kept, the id dropped) once accepted."""

    def __init__(self, choices: MergeChoices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("enterpriseMergeDialog")
        self.setWindowTitle(self.tr("合并企业"))
        self.choices = choices
        intro = QLabel(
            self.tr(
                "两条记录是同一家企业时，合并为一条：保留的一条已填的信息不变，空着的信息从另一条补上；"
                "另一条的岗位、合作协议和招聘会都改为这一条，然后删除另一条。合并会同步到全县各台电脑，不能撤销。"
            )
        )
        intro.setWordWrap(True)

        self.other_combo = QComboBox()
        self.other_combo.setObjectName("mergeOther")
        for side in choices.others:
            row = side.enterprise
            where = f"（{row.place}）" if row.place else ""
            mark = self.tr("【疑似重复】") if side.duplicate else ""
            self.other_combo.addItem(f"{mark}{row.name}{where}", row.id)
        self.other_combo.currentIndexChanged.connect(lambda _i: self._show())
        pick = QFormLayout()
        pick.addRow(self.tr("与哪家企业合并："), self.other_combo)

        self.keep_left = QRadioButton()
        self.keep_left.setObjectName("keepSelected")
        self.keep_right = QRadioButton()
        self.keep_right.setObjectName("keepOther")
        self.keep_group = QButtonGroup(self)
        self.keep_group.addButton(self.keep_left)
        self.keep_group.addButton(self.keep_right)
        self.keep_left.setChecked(True)
        self.keep_group.buttonToggled.connect(lambda *_a: self._show_outcome())

        #: (label, the enterprise's field or what is counted, the value shown for one side)
        rows: list[tuple[str, str, Callable[[MergeSide], str]]] = [
            (self.tr("企业名称"), "name", lambda s: s.enterprise.name),
            (self.tr("统一社会信用代码"), "credit_code", lambda s: s.enterprise.credit_code or ""),
            (self.tr("行业"), "industry", lambda s: s.enterprise.industry_label),
            (self.tr("地域"), "region", lambda s: s.enterprise.region_label),
            (self.tr("所在地"), "place", lambda s: s.enterprise.place),
            (self.tr("联系人"), "contact_name", lambda s: s.enterprise.contact_name),
            (self.tr("联系电话"), "contact_phone", lambda s: s.enterprise.contact_phone),
            (self.tr("帮扶协作"), "pairing", lambda s: s.enterprise.pairing_label),
            (self.tr("协作方"), "pairing_partner", lambda s: s.enterprise.pairing_partner),
            (self.tr("备注"), "note", lambda s: s.enterprise.note),
            (self.tr("岗位"), "positions", lambda s: self.tr("{0} 个").format(s.positions)),
            (self.tr("合作协议"), "agreements", lambda s: self.tr("{0} 份").format(s.agreements)),
            (self.tr("招聘会"), "fairs", lambda s: self.tr("{0} 场").format(s.fairs)),
        ]
        self.rows = rows
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.keep_left, 0, 1)
        grid.addWidget(self.keep_right, 0, 2)
        result_heading = QLabel(self.tr("合并后"))
        result_heading.setObjectName("mergeResultHeading")
        heading_font = QFont(result_heading.font())
        heading_font.setBold(True)
        result_heading.setFont(heading_font)
        grid.addWidget(result_heading, 0, 3)
        self.cells: list[tuple[QLabel, QLabel, QLabel]] = []
        for number, (label, _field, _value) in enumerate(rows, start=1):
            name = QLabel(label)
            name.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            left, right, result = QLabel(), QLabel(), QLabel()
            for column, cell in enumerate((left, right, result), start=1):
                cell.setWordWrap(True)
                cell.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(cell, number, column)
            grid.addWidget(name, number, 0)
            self.cells.append((left, right, result))
        for column in (1, 2, 3):
            grid.setColumnStretch(column, 1)

        self.outcome = QLabel()
        self.outcome.setObjectName("mergeOutcome")
        self.outcome.setWordWrap(True)
        self.outcome.setStyleSheet("color: #b26a00;")

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("合并"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(pick)
        layout.addLayout(grid)
        layout.addStretch(1)
        layout.addWidget(self.outcome)
        layout.addWidget(self.buttons)
        self._show()
        screen_fit.fit_to_screen(self, 960, self.sizeHint().height())

    # --- what is shown ------------------------------------------------------------------------------------------

    def other(self) -> MergeSide:
        """The enterprise chosen in the combo."""
        return self.choices.others[max(self.other_combo.currentIndex(), 0)]

    def _show(self) -> None:
        selected, other = self.choices.selected, self.other()
        self.keep_left.setText(self.tr("保留“{0}”").format(selected.enterprise.name))
        self.keep_right.setText(self.tr("保留“{0}”").format(other.enterprise.name))
        for (left, right, _result), (_label, _field, value) in zip(self.cells, self.rows, strict=True):
            left.setText(value(selected) or "—")
            right.setText(value(other) or "—")
        self._show_outcome()

    def _show_outcome(self) -> None:
        """The 合并后 column and the line below: what the kept record becomes, and what moves to it."""
        kept, dropped = self._sides()
        plan = merge_plan(kept.record, dropped.record)
        differing = {d.field for d in plan.differences}
        for (left, right, result), (_label, field, value) in zip(self.cells, self.rows, strict=True):
            if field in _COUNTED:
                result.setText(self._merged_count(field, kept, dropped))
            elif field in plan.taken:
                result.setText(self.tr("{0}（补）").format(shown_value(field, plan.taken[field])))
            else:
                result.setText(value(kept) or "—")
            for cell in (left, right, result):
                font = QFont(cell.font())
                font.setBold(field in differing)
                cell.setFont(font)
        self.outcome.setText(
            self.tr(
                "合并后保留“{0}”，删除“{1}”；“{1}”的 {2} 个岗位、{3} 份合作协议和 {4} 场招聘会改为“{0}”。"
                "保留的一条空着的信息从另一条补上（标“补”）；两条都填了而不同的（加粗）以保留的一条为准。"
            ).format(
                kept.enterprise.name,
                dropped.enterprise.name,
                dropped.positions,
                dropped.agreements,
                dropped.fairs,
            )
        )

    def _merged_count(self, counted: str, kept: MergeSide, dropped: MergeSide) -> str:
        """The positions, agreements or fairs of the kept record after the merge (a list names it once)."""
        if counted == "positions":
            return self.tr("{0} 个").format(kept.positions + dropped.positions)
        if counted == "agreements":
            return self.tr("{0} 份").format(len(kept.agreement_ids | dropped.agreement_ids))
        return self.tr("{0} 场").format(len(kept.fair_ids | dropped.fair_ids))

    def _sides(self) -> tuple[MergeSide, MergeSide]:
        selected, other = self.choices.selected, self.other()
        return (selected, other) if self.keep_left.isChecked() else (other, selected)

    # --- the answer -------------------------------------------------------------------------------------------

    def choose(self, other_id: str, *, keep_other: bool) -> None:
        """Pick ``other_id`` in the combo and which record to keep (tests, and a caller that knows the pair)."""
        number = self.other_combo.findData(other_id)
        if number >= 0:
            self.other_combo.setCurrentIndex(number)
        (self.keep_right if keep_other else self.keep_left).setChecked(True)

    def choice(self) -> tuple[MergeSide, MergeSide]:
        """(the enterprise kept, the enterprise dropped)."""
        return self._sides()
