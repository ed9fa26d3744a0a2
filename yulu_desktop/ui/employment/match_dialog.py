"""匹配毕业生: the graduates (not employed) and final-year students who fit one position, ranked with the score
and the reasons (``services.matching.graduates_for``); 推荐 the selected people (``services.placement.refer``,
one referral each; a refusal — already referred, the position closed — is named per person) and open a person.

Opened by the positions page: ``GraduatesForPositionDialog(worker, actor, position_id, parent)``.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import employment_reference, placement
from yulu_desktop.services import matching as matching_service
from yulu_desktop.services.employment_reference import PositionRow
from yulu_desktop.services.matching import GraduateMatch
from yulu_desktop.store.database import Database
from yulu_desktop.ui import screen_fit
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.models import Index, RecordsTableModel, RowIdRole
from yulu_desktop.ui.person.widgets import table
from yulu_desktop.ui.print_preview import while_alive
from yulu_desktop.ui.worker import DbWorker

__all__ = ["GraduatesForPositionDialog", "ReferOutcome"]

_FITS = QColor("#1b5e20")


class _MatchesModel(RecordsTableModel):
    def __init__(self, headers: list[str], parent: QWidget | None = None) -> None:
        super().__init__(headers, parent)
        self._fits: list[bool] = []

    def set_matches(self, rows: list[tuple[str, ...]], ids: list[str], fits: list[bool]) -> None:
        self._fits = fits
        self.set_rows(rows, ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid() and index.row() < len(self._fits):
            return _FITS if self._fits[index.row()] else None
        return super().data(index, role)


class ReferOutcome:
    """What one 推荐 of several people did: the names referred and, per refused person, why."""

    def __init__(self) -> None:
        self.referred: list[str] = []
        self.refused: list[tuple[str, str]] = []


class GraduatesForPositionDialog(QDialog):
    """The people who fit a position, best first; 推荐 the selected ones, open a person."""

    #: A person is to be opened (the positions page passes it on to the window).
    openPerson = Signal(str)
    #: A load finished (tests wait for it).
    loaded = Signal()
    #: Referrals were written.
    referred = Signal()

    def __init__(
        self,
        worker: DbWorker,
        actor: str,
        position_id: str,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = worker
        self.actor = actor
        self.position_id = position_id
        self.today = today
        self.position: PositionRow | None = None
        self.matches: list[GraduateMatch] = []
        self._generation = 0
        self.setWindowTitle(self.tr("匹配毕业生"))
        self.setObjectName("graduatesForPosition")

        self.heading = QLabel(self.tr("正在读取……"))
        self.heading.setObjectName("positionHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = self.heading.font()
        font.setBold(True)
        self.heading.setFont(font)
        self.fitting_only = QCheckBox(self.tr("只看合适的"))
        self.fitting_only.setToolTip(self.tr("专业不对口或技能等级不够的人不显示"))
        self.fitting_only.setChecked(True)
        self.fitting_only.toggled.connect(lambda _on: self.reload())
        self.model = _MatchesModel(
            [
                self.tr("得分"),
                self.tr("姓名"),
                self.tr("村"),
                self.tr("学校"),
                self.tr("专业"),
                self.tr("毕业年份"),
                self.tr("合适"),
                self.tr("理由"),
            ],
            self,
        )
        self.view = table(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.selectionModel().selectionChanged.connect(lambda *_: self._selection_changed())
        self.reasons = QLabel()
        self.reasons.setObjectName("matchReasons")
        self.reasons.setWordWrap(True)
        self.reasons.setTextFormat(Qt.TextFormat.PlainText)
        self.message = QLabel()
        self.message.setObjectName("matchMessage")
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.refer_button = QPushButton(icon("add"), self.tr("推荐所选…"))
        self.refer_button.setToolTip(self.tr("把选中的人推荐到这个岗位（可按住 Ctrl 多选）"))
        self.refer_button.clicked.connect(lambda: self.refer_selected())
        self.open_button = QPushButton(icon("person"), self.tr("打开档案"))
        self.open_button.clicked.connect(self.open_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("关闭"))
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.fitting_only)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.open_button)
        bottom.addWidget(self.refer_button)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.reasons)
        layout.addLayout(bottom)
        screen_fit.fit_to_screen(self, 980, 560)
        self._selection_changed()
        self.reload()

    # --- loading ------------------------------------------------------------------------------------------------

    def reload(self) -> None:
        self._generation += 1
        generation, position_id, today = self._generation, self.position_id, self.today
        fitting_only = self.fitting_only.isChecked()

        def job(db: Database) -> tuple[PositionRow | None, list[GraduateMatch]]:
            found = [p for p in employment_reference.positions(db, today=today) if p.id == position_id]
            matches = matching_service.graduates_for(db, position_id, today=today, fitting_only=fitting_only)
            return (found[0] if found else None), matches

        def arrived(result: tuple[PositionRow | None, list[GraduateMatch]]) -> None:
            if generation == self._generation:
                self.show_matches(*result)
                self.loaded.emit()

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._show_error(error)
                self.loaded.emit()

        self.worker.submit(job, while_alive(self, arrived), while_alive(self, failed))

    def show_matches(self, position: PositionRow | None, matches: list[GraduateMatch]) -> None:
        self.position, self.matches = position, matches
        if position is None:
            self.heading.setText(self.tr("（岗位已删除）"))
        else:
            closed = (
                "" if position.is_open else self.tr("，已招满") if position.filled else self.tr("，已截止")
            )
            self.heading.setText(
                self.tr("{0} · {1}（{2}，{3}，招{4}人{5}）").format(
                    position.enterprise_name,
                    position.title,
                    position.region_label,
                    position.pay_text,
                    position.openings,
                    closed,
                )
            )
        self.model.set_matches(
            [
                (
                    str(m.match.score),
                    m.name,
                    m.village_name,
                    m.school_name,
                    m.major,
                    self._year_text(m),
                    self.tr("是") if m.match.fits else self.tr("否"),
                    "；".join(m.match.reasons),
                )
                for m in matches
            ],
            [m.person_id for m in matches],
            [m.match.fits for m in matches],
        )
        if not matches:
            self.message.setText(self.tr("没有合适的毕业生或毕业班学生"))
        self._selection_changed()

    def _year_text(self, match: GraduateMatch) -> str:
        """The graduation year; a final-year student's expected one, marked (毕业班)."""
        year = str(match.graduation_year) if match.graduation_year else ""
        if match.final_year:
            return self.tr("{0}（毕业班）").format(year) if year else self.tr("毕业班")
        return year

    def _show_error(self, error: BaseException) -> None:
        if self.position is None:
            self.heading.clear()
        if isinstance(error, YuluError):
            self.message.setStyleSheet("color: #b71c1c;")
            self.message.setText(error.text())
        else:
            self.worker.report_error(error)

    # --- selection ----------------------------------------------------------------------------------------------

    def selected_ids(self) -> list[str]:
        rows = sorted(index.row() for index in self.view.selectionModel().selectedRows())
        return [str(self.model.index(row, 0).data(RowIdRole)) for row in rows]

    def _selected(self) -> list[GraduateMatch]:
        chosen = set(self.selected_ids())
        return [m for m in self.matches if m.person_id in chosen]

    def _selection_changed(self) -> None:
        chosen = self._selected()
        open_position = self.position is not None and self.position.is_open
        self.refer_button.setEnabled(bool(chosen) and open_position)
        self.open_button.setEnabled(len(chosen) == 1)
        self.reasons.setText(
            self.tr("{0}（{1}分）：{2}").format(
                chosen[0].name, chosen[0].match.score, "；".join(chosen[0].match.reasons)
            )
            if len(chosen) == 1
            else ""
        )

    def open_selected(self) -> None:
        chosen = self.selected_ids()
        if chosen:
            self.openPerson.emit(chosen[0])

    # --- 推荐 ------------------------------------------------------------------------------------------------------

    def ask_note(self, names: list[str]) -> str | None:
        """The note of the referrals (may be empty); None if cancelled."""
        from yulu_desktop.ui.employment.placement_dialogs import ReferDialog

        what = f"{self.position.enterprise_name} {self.position.title}".strip() if self.position else ""
        dialog = ReferDialog(what, names, parent=self)
        return dialog.note() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def refer_selected(self) -> None:
        """推荐 every selected person; each referral is its own write, a refused one is named with the reason."""
        chosen = self._selected()
        if not chosen:
            self.message.setText(self.tr("请先选择要推荐的人"))
            return
        note = self.ask_note([m.name for m in chosen])
        if note is None:
            return
        people = [(m.person_id, m.name) for m in chosen]
        position_id, actor, today = self.position_id, self.actor, self.today
        fair_id = self.position.fair_id if self.position else None

        def job(db: Database) -> ReferOutcome:
            outcome = ReferOutcome()
            for person_id, name in people:
                try:
                    placement.refer(
                        db, person_id, position_id, actor=actor, fair_id=fair_id, note=note, today=today
                    )
                except YuluError as exc:
                    outcome.refused.append((name, exc.text()))
                else:
                    outcome.referred.append(name)
            return outcome

        def done(outcome: ReferOutcome) -> None:
            parts = []
            if outcome.referred:
                parts.append(self.tr("已推荐：{0}").format("、".join(outcome.referred)))
            if outcome.refused:
                parts.append(
                    self.tr("未推荐：{0}").format(
                        "；".join(f"{name}（{why}）" for name, why in outcome.refused)
                    )
                )
            self.message.setStyleSheet("color: #b71c1c;" if outcome.refused else "color: #1b5e20;")
            self.message.setText("。".join(parts))
            if outcome.referred:
                self.referred.emit()
            self.reload()

        self.worker.submit(
            job, while_alive(self, done), while_alive(self, self._show_error), changes={"job_referral"}
        )
