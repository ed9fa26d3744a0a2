"""乡镇审核 (issue 15): the township's queue of publicized applications, one village at a time.

On the left the villages with applications waiting (and how many of them may be reviewed today); on the right
that village's applications with the 公示 end date, open objections and missing evidence. The clerk approves,
returns to the village with a reason, or rejects with a reason, over several applications at once; the service
refuses, with the reason, those whose 公示 has not ended or that have an open or upheld objection.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.services import subsidy
from yulu_desktop.services.subsidy import ApplicationRow
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.dialogs import EvidenceDialog, ObjectionsDialog, ask_reason
from yulu_desktop.ui.subsidy.models import application_columns
from yulu_desktop.ui.subsidy.page import SubsidyPage
from yulu_desktop.ui.table_models import Column, RowsModel, rows_view, selected_rows
from yulu_desktop.ui.worker import DbWorker

__all__ = ["TownshipPage", "VillageQueue"]


@dataclass(frozen=True)
class VillageQueue:
    """A village's applications waiting for 乡镇审核."""

    village_id: str
    village_name: str
    waiting: int
    ready: int  # 公示 ended and no open objection: can be reviewed today


def village_queues(applications: Sequence[ApplicationRow], today: date) -> list[VillageQueue]:
    """The villages of ``applications`` (all publicized) with how many wait and how many are ready."""
    queues: dict[str, list[ApplicationRow]] = {}
    names: dict[str, str] = {}
    for a in applications:
        queues.setdefault(a.village_id, []).append(a)
        names[a.village_id] = a.village_name
    return sorted(
        (
            VillageQueue(
                village_id,
                names[village_id],
                len(rows),
                sum(1 for a in rows if _ready(a, today)),
            )
            for village_id, rows in queues.items()
        ),
        key=lambda q: (-q.ready, q.village_name),
    )


def _ready(application: ApplicationRow, today: date) -> bool:
    ends = application.publicity_ends_on
    return ends is not None and ends < today and application.open_objections == 0


class TownshipPage(SubsidyPage):
    """乡镇审核: approve, return or reject the publicized applications of a village, in a batch."""

    def __init__(self, worker: DbWorker, actor: str, parent: QWidget | None = None) -> None:
        super().__init__(worker, actor, parent)
        self.setObjectName("subsidyTownshipPage")
        #: The day the services take as today (None: the real date; tests set it).
        self.empty_selection = self.tr("请先选择要审核的申请（可按住 Ctrl 或 Shift 多选）")
        self.dialog: QDialog | None = None
        self.all_applications: list[ApplicationRow] = []
        self.villages = RowsModel(
            [
                Column(self.tr("村"), lambda q: q.village_name),
                Column(self.tr("待审核"), lambda q: str(q.waiting)),
                Column(self.tr("可审核"), lambda q: str(q.ready)),
            ],
            lambda q: q.village_id,
            self,
        )
        self.villages_view = rows_view(self.villages, "villageQueue", multi=False)
        self.villages_view.selectionModel().selectionChanged.connect(lambda *_: self._show_village())
        self.queue = RowsModel(
            [
                *application_columns(village=False),
                Column(
                    self.tr("可否审核"), lambda a: self._readiness(a), lambda a: not _ready(a, self._today())
                ),
            ],
            lambda a: a.id,
            self,
        )
        self.queue_view = rows_view(self.queue, "townshipQueue")
        self.queue_view.doubleClicked.connect(lambda _i: self.open_evidence())
        self.queue_view.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.opinion = QLineEdit(self.tr("经审核，符合补助条件，同意"))
        self.opinion.setObjectName("townshipOpinion")
        self.opinion.setToolTip(self.tr("乡镇审核意见，写入每份通过的申请"))
        self.approve_button = QPushButton(self.tr("审核通过"))
        self.approve_button.setObjectName("approveButton")
        self.approve_button.clicked.connect(lambda: self.approve())
        self.return_button = QPushButton(self.tr("退回村…"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setToolTip(self.tr("退回村里补正，须写明原因；村里重新申请后要重新初审和公示"))
        self.return_button.clicked.connect(lambda: self.return_to_village())
        self.reject_button = QPushButton(self.tr("不通过…"))
        self.reject_button.setObjectName("rejectButton")
        self.reject_button.setToolTip(self.tr("不符合条件，须写明原因"))
        self.reject_button.clicked.connect(lambda: self.reject())
        self.evidence_button = QPushButton(self.tr("证明材料…"))
        self.evidence_button.clicked.connect(lambda: self.open_evidence())
        self.objections_button = QPushButton(self.tr("异议…"))
        self.objections_button.clicked.connect(lambda: self.open_objections())
        self.person_button = QPushButton(self.tr("打开档案"))
        self.person_button.clicked.connect(self._open_person)

        left = QGroupBox(self.tr("各村待审核"))
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(self.villages_view)
        self.queue_box = QGroupBox(self.tr("待审核的申请"))
        right_layout = QVBoxLayout(self.queue_box)
        right_layout.addWidget(self.queue_view, 1)
        tools = QHBoxLayout()
        tools.addWidget(self.evidence_button)
        tools.addWidget(self.objections_button)
        tools.addWidget(self.person_button)
        tools.addStretch(1)
        right_layout.addLayout(tools)
        decide = QHBoxLayout()
        decide.addWidget(QLabel(self.tr("审核意见")))
        decide.addWidget(self.opinion, 1)
        decide.addWidget(self.approve_button)
        decide.addWidget(self.return_button)
        decide.addWidget(self.reject_button)
        right_layout.addLayout(decide)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.queue_box)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 900])
        hint = QLabel(
            self.tr(
                "公示期满（结束日期的次日起）且没有未决异议的申请才能审核通过；可按住 Ctrl 或 Shift 多选后一并办理。"
            )
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)
        self._update_buttons()

    def _today(self) -> date:
        return self.today or date.today()

    def _readiness(self, application: ApplicationRow) -> str:
        ends = application.publicity_ends_on
        if ends is None:
            return self.tr("未公示")
        if ends >= self._today():
            return self.tr("公示中，{0} 起可审核").format(date.fromordinal(ends.toordinal() + 1).isoformat())
        if application.open_objections:
            return self.tr("有未处理的异议")
        return self.tr("可审核")

    # --- loading ---

    def load_options(self) -> str | None:
        return self.unit_id

    def load(self, db: Database, term: str, unit_id: str | None) -> list[ApplicationRow]:
        return subsidy.applications(db, term=term, states=["publicized"], unit_id=unit_id)

    def show_loaded(self, rows: list[ApplicationRow]) -> None:
        self._show(rows)

    def _show(self, rows: list[ApplicationRow]) -> None:
        keep = self.current_village()
        self.all_applications = list(rows)
        queues = village_queues(rows, self._today())
        self.villages.set_rows(queues)
        row = self.villages.find(keep) if keep else None
        if row is None and queues:
            row = 0
        if row is not None:
            self.villages_view.selectRow(row)
        self._show_village()

    def current_village(self) -> str | None:
        rows = selected_rows(self.villages_view)
        return self.villages.key(rows[0]) if rows else None

    def select_village(self, village_id: str) -> bool:
        row = self.villages.find(village_id)
        if row is None:
            return False
        self.villages_view.selectRow(row)
        return True

    def _show_village(self) -> None:
        village = self.current_village()
        rows = [a for a in self.all_applications if a.village_id == village]
        self.queue.set_rows(rows)
        name = rows[0].village_name if rows else ""
        if village is None:
            self.queue_box.setTitle(self.tr("{0}没有待乡镇审核的申请").format(rules.term_label(self.term)))
        else:
            self.queue_box.setTitle(self.tr("{0}：待审核 {1} 份").format(name, len(rows)))
        self._update_buttons()

    def select_application(self, application_id: str) -> bool:
        found = next((a for a in self.all_applications if a.id == application_id), None)
        if found is None or not self.select_village(found.village_id):
            return False
        row = self.queue.find(application_id)
        if row is None:
            return False
        self.queue_view.selectRow(row)
        return True

    def selected_applications(self) -> list[ApplicationRow]:
        return [self.queue.row(n) for n in selected_rows(self.queue_view)]

    def _update_buttons(self) -> None:
        chosen = bool(selected_rows(self.queue_view))
        for b in (
            self.approve_button,
            self.return_button,
            self.reject_button,
            self.evidence_button,
            self.objections_button,
            self.person_button,
        ):
            b.setEnabled(chosen)

    # --- steps ---

    def select_all(self) -> None:
        self.queue_view.selectAll()

    def approve(self) -> None:
        """乡镇审核通过 with the opinion typed above the buttons."""
        self.step(
            "township_reviewed",
            self.tr("{0} 份申请已通过乡镇审核，报县审定"),
            opinion=self.opinion.text().strip(),
        )

    def return_to_village(self, reason: str | None = None) -> None:
        """退回村 with a reason (asked when not given); it comes back to the cadre's 今日工作."""
        if not self.selected_applications():
            self.say(self.tr("请先选择要退回的申请"), error=True)
            return
        if reason is None:
            reason = ask_reason(
                self, self.tr("退回村"), self.tr("退回原因（村里会看到，如“学费凭证不清晰，请重新提供”）：")
            )
            if reason is None:
                return
        self.step("returned", self.tr("已退回 {0} 份申请，村里补正后重新申请"), reason=reason)

    def reject(self, reason: str | None = None) -> None:
        if not self.selected_applications():
            self.say(self.tr("请先选择申请"), error=True)
            return
        if reason is None:
            reason = ask_reason(self, self.tr("不通过"), self.tr("不通过的原因："))
            if reason is None:
                return
        self.step("rejected", self.tr("{0} 份申请审核不通过"), reason=reason)

    def open_evidence(self) -> EvidenceDialog | None:
        rows = self.selected_applications()
        if not rows:
            return None
        dialog = EvidenceDialog(self.worker, self.actor, rows[0], self, read_only=True, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_objections(self) -> ObjectionsDialog | None:
        rows = self.selected_applications()
        if not rows:
            return None
        dialog = ObjectionsDialog(self.worker, self.actor, rows[0], self, today=self.today)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _open_person(self) -> None:
        rows = self.selected_applications()
        if rows:
            self.openPerson.emit(rows[0].person_id)
