"""Print preview (打印预览): a PDF made by :mod:`yulu_desktop.services.printing`, shown with QtPdf, printed
through the system print dialog or saved as a PDF file.

The PDF is made on the database worker — never on the GUI thread — while the dialog shows a busy indicator.
What the dialog shows is what gets printed: the printer receives every page rendered by QPdfDocument at the
printer's resolution (capped, see :data:`MAX_PRINT_DPI`). Auditing stays in the services: making the
document for the preview writes a ``print`` row; "另存为 PDF" makes it again with ``action="export"`` and the
same timestamp (the same data and timestamp give the same bytes) and writes an ``export`` row.

Open one with :func:`open_print_preview` and a :data:`PdfMaker` from the factories at the end of the module.

A document that has an unmasked version (a 补助申请表 for signing, a 一人一档 with health) comes as a
:class:`Printable`: the dialog asks the services which role the laptop's cadre has and offers the unmasked
version only if the role table allows it; choosing it shows a reason field, and the PDF is made again with
that reason (the service checks the role once more and writes the reason into the audit log).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QObject,
    QPoint,
    QPointF,
    QRect,
    QSaveFile,
    QSize,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence, QPageLayout, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from yulu_desktop.domain import rules
from yulu_desktop.domain.access import Actor, Permission, may
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import printing
from yulu_desktop.services.acting import current_actor
from yulu_desktop.services.printing import AuditAction
from yulu_desktop.store.database import Database
from yulu_desktop.ui.i18n import icon
from yulu_desktop.ui.screen_fit import fit_to_screen
from yulu_desktop.ui.worker import DbWorker

#: ``make(db, action, when) -> PDF bytes``: runs on the database worker and writes the audit row itself.
PdfMaker = Callable[[Database, AuditAction, dt.datetime], bytes]
#: ``make(db, action, when, full, reason) -> PDF bytes``: the same, for a document with an unmasked version.
UnmaskableMaker = Callable[[Database, AuditAction, dt.datetime, bool, str], bytes]


@dataclass(frozen=True)
class Printable:
    """A document with an unmasked version: called like a :data:`PdfMaker` it makes the masked one.

    ``permission`` is what the role needs for the unmasked one; ``actor`` the local author name (for a
    laptop not enrolled yet)."""

    make: UnmaskableMaker
    permission: Permission
    actor: str

    def __call__(self, db: Database, action: AuditAction, when: dt.datetime) -> bytes:
        return self.make(db, action, when, False, "")


#: Pages are rendered for the printer at its resolution, but at most this (a 1200 dpi A4 page would be a
#: 550 MB image; 300 dpi is what office laser printers print text at).
MAX_PRINT_DPI = 300

#: Zoom choices: factor, with 0 for "fit width" and -1 for "whole page".
_ZOOMS: tuple[float, ...] = (0, -1, 0.5, 0.75, 1.0, 1.25, 1.5, 2.0)


def error_text(error: BaseException) -> str:
    """A message for a person: the Chinese text of a ``YuluError``, else the error itself."""
    if isinstance(error, YuluError):
        return error.text()
    return str(error) or type(error).__name__


def while_alive(
    widget: QObject, callback: Callable[[Any], None], otherwise: Callable[[Any], None] | None = None
) -> Callable[[Any], None]:
    """``callback`` for a worker job, skipped if ``widget`` was deleted meanwhile (a dialog closed while its
    job ran: calling into a deleted Qt object raises); ``otherwise`` is called then instead (a save's failure
    still reported when its window is gone)."""

    def call(value: Any) -> None:
        if shiboken6.isValid(widget):
            callback(value)
        elif otherwise is not None:
            otherwise(value)

    return call


def default_path(file_name: str) -> str:
    """Where a save dialog starts: the user's documents folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return str(Path(folder) / file_name) if folder else file_name


def write_atomically(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all (QSaveFile writes a temporary file and renames it)."""
    out = QSaveFile(str(path))
    if not out.open(QIODevice.OpenModeFlag.WriteOnly):
        raise YuluError(f"无法写入 {path}：{out.errorString()}")
    if out.write(QByteArray(data)) != len(data):
        out.cancelWriting()
        out.commit()
        raise YuluError(f"无法写入 {path}：{out.errorString()}")
    if not out.commit():
        raise YuluError(f"无法保存 {path}：{out.errorString()}")


class PrintPreviewDialog(QDialog):
    """Shows a PDF made on the worker; 打印…, 另存为 PDF…, 关闭."""

    #: The PDF is shown (its page count).
    loaded = Signal(int)
    #: Making the PDF failed (the message shown).
    failed = Signal(str)
    #: "另存为 PDF" wrote this path (or failed: None).
    saved = Signal(object)
    #: Pages sent to the printer.
    printed = Signal(int)

    def __init__(
        self,
        worker: DbWorker,
        make_pdf: PdfMaker,
        *,
        title: str,
        file_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("printPreview")
        self.setWindowTitle(self.tr("打印预览 - {0}").format(title))
        self.setWindowIcon(icon("print"))
        fit_to_screen(self, 900, 760)  # an A4 page wants height; a 1366x768 laptop at 125% has 582 px
        self._worker = worker
        self._make = make_pdf
        self.printable = make_pdf if isinstance(make_pdf, Printable) else None
        #: The unmasked version is shown, made with this reason.
        self.full = False
        self.reason = ""
        #: The laptop's cadre, once the worker said (the unmasked version is offered by role).
        self.acting: Actor | None = None
        self.file_name = file_name
        #: One timestamp for the preview and a later "save as PDF": the saved file is the page on screen.
        self.when = dt.datetime.now().replace(microsecond=0)
        self.pdf: bytes | None = None
        self.printer: QPrinter | None = None
        self._buffer: QBuffer | None = None

        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setObjectName("pdfView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)

        self.busy_label = QLabel(self.tr("正在生成 {0}……").format(title))
        self.busy_label.setObjectName("previewBusy")
        self.busy_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.busy_label.setWordWrap(True)
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setMaximumWidth(320)
        busy = QWidget()
        busy_layout = QVBoxLayout(busy)
        busy_layout.addStretch(1)
        busy_layout.addWidget(self.busy_label)
        busy_layout.addWidget(self.busy_bar, 0, Qt.AlignmentFlag.AlignHCenter)
        busy_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(busy)
        self.stack.addWidget(self.view)

        self.previous_button = QToolButton()
        self.previous_button.setText("◀")
        self.previous_button.setToolTip(self.tr("上一页 (PgUp)"))
        self.previous_button.clicked.connect(lambda: self.go_to_page(self.current_page() - 1))
        self.next_button = QToolButton()
        self.next_button.setText("▶")
        self.next_button.setToolTip(self.tr("下一页 (PgDown)"))
        self.next_button.clicked.connect(lambda: self.go_to_page(self.current_page() + 1))
        self.page_spin = QSpinBox()
        self.page_spin.setObjectName("pageNumber")
        self.page_spin.setRange(1, 1)
        self.page_spin.setKeyboardTracking(False)
        self.page_spin.valueChanged.connect(lambda number: self.go_to_page(number - 1))
        self.page_count_label = QLabel("/ 0")
        self.zoom_combo = QComboBox()
        self.zoom_combo.setObjectName("zoom")
        for factor in _ZOOMS:
            if factor == 0:
                label = self.tr("适合宽度")
            elif factor < 0:
                label = self.tr("整页")
            else:
                label = f"{factor:.0%}"
            self.zoom_combo.addItem(label, factor)
        self.zoom_combo.currentIndexChanged.connect(self._zoom_chosen)
        self.view.pageNavigator().currentPageChanged.connect(self._page_shown)

        self.print_button = QPushButton(icon("print"), self.tr("打印…"))
        self.print_button.setObjectName("printButton")
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.clicked.connect(self.print_document)
        self.save_button = QPushButton(icon("save"), self.tr("另存为 PDF…"))
        self.save_button.setObjectName("savePdfButton")
        self.save_button.clicked.connect(lambda: self.save_as())
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.clicked.connect(self.close)
        self.status = QLabel()
        self.status.setObjectName("previewStatus")

        # The unmasked version: hidden until the role is known to allow it.
        self.full_check = QCheckBox(self._full_label())
        self.full_check.setObjectName("previewFull")
        self.full_check.hide()
        self.full_check.toggled.connect(self._full_toggled)
        self.reason_edit = QLineEdit()
        self.reason_edit.setObjectName("previewReason")
        self.reason_edit.setPlaceholderText(self.tr("理由（必填，记入审计日志），如：村委会初审签字"))
        self.reason_edit.hide()
        self.reason_edit.textChanged.connect(lambda _text: self._update_apply())
        self.reason_edit.returnPressed.connect(self.apply_full)
        self.apply_button = QPushButton(self.tr("生成"))
        self.apply_button.setObjectName("previewApplyFull")
        self.apply_button.hide()
        self.apply_button.clicked.connect(self.apply_full)

        bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.page_spin)
        bar.addWidget(self.page_count_label)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(QLabel(self.tr("缩放")))
        bar.addWidget(self.zoom_combo)
        bar.addSpacing(12)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.close_button)
        unmask = QHBoxLayout()
        unmask.addWidget(self.full_check)
        unmask.addWidget(self.reason_edit, 1)
        unmask.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(unmask)
        layout.addWidget(self.stack, 1)
        layout.addLayout(bar)
        QShortcut(QKeySequence(Qt.Key.Key_PageUp), self, lambda: self.go_to_page(self.current_page() - 1))
        QShortcut(QKeySequence(Qt.Key.Key_PageDown), self, lambda: self.go_to_page(self.current_page() + 1))
        QShortcut(QKeySequence.StandardKey.ZoomIn, self, lambda: self._step_zoom(1.25))
        QShortcut(QKeySequence.StandardKey.ZoomOut, self, lambda: self._step_zoom(0.8))
        self._set_ready(False)
        if self.printable is not None:
            printable = self.printable
            self._worker.submit(
                lambda db: current_actor(db, printable.actor),
                while_alive(self, self._role_known),
                lambda _e: None,
            )

    # --- the unmasked version -----------------------------------------------------------------------------

    def _full_label(self) -> str:
        if self.printable is not None and self.printable.permission is Permission.PRINT_HEALTH:
            return self.tr("显示健康状况和残疾情况")
        return self.tr("完整版（含完整身份证号和收款账号，签字盖章用）")

    def _role_known(self, actor: Actor) -> None:
        """Offer the unmasked version if the role table allows it (the service checks again)."""
        assert self.printable is not None
        self.acting = actor
        self.full_check.setVisible(may(actor.role, self.printable.permission))

    def _full_toggled(self, checked: bool) -> None:
        self.reason_edit.setVisible(checked)
        self.apply_button.setVisible(checked)
        self._update_apply()
        if checked:
            self.reason_edit.setFocus()
        elif self.full:  # back to the masked version
            self.full, self.reason = False, ""
            self.generate()

    def _update_apply(self) -> None:
        self.apply_button.setEnabled(bool(self.reason_edit.text().strip()))

    def apply_full(self) -> None:
        """Make the unmasked version with the reason typed (nothing happens without one)."""
        reason = self.reason_edit.text().strip()
        if self.printable is None or not self.full_check.isChecked() or not reason:
            return
        self.full, self.reason = True, reason
        self.generate()

    # --- making and showing the PDF ---------------------------------------------------------------------

    def generate(self) -> None:
        """Make the PDF on the worker (audited as a print); the preview shows it when it arrives."""
        make, when = self._maker(), self.when

        def job(db: Database) -> bytes:
            return make(db, "print", when)

        self._set_ready(False)
        self.stack.setCurrentIndex(0)
        self.busy_bar.show()
        self._worker.submit(job, while_alive(self, self.show_pdf), while_alive(self, self._generation_failed))

    def _maker(self) -> PdfMaker:
        """What makes the PDF now (the masked or the unmasked version), bound on the GUI thread."""
        printable, full, reason = self.printable, self.full, self.reason
        if printable is None:
            return self._make
        return lambda db, action, when: printable.make(db, action, when, full, reason)

    def show_pdf(self, data: bytes) -> None:
        """Show ``data`` (PDF bytes)."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer  # QPdfDocument reads from the device while it is shown
        self.document.load(buffer)  # from a device: loads synchronously, reports through status()
        if self.document.status() != QPdfDocument.Status.Ready or self.document.pageCount() == 0:
            self._show_failure(self.tr("无法显示生成的 PDF"))
            return
        self.pdf = data
        pages = self.document.pageCount()
        self.page_spin.blockSignals(True)
        self.page_spin.setRange(1, pages)
        self.page_spin.setValue(1)
        self.page_spin.blockSignals(False)
        self.page_count_label.setText(f"/ {pages}")
        self.stack.setCurrentIndex(1)
        self._set_ready(True)
        self.status.setText(self.tr("共 {0} 页").format(pages))
        self.loaded.emit(pages)

    def _generation_failed(self, error: BaseException) -> None:
        self._show_failure(error_text(error))

    def _show_failure(self, message: str) -> None:
        self.busy_bar.hide()
        self.busy_label.setText(message)
        self.stack.setCurrentIndex(0)
        self.failed.emit(message)

    def _set_ready(self, ready: bool) -> None:
        for widget in (
            self.print_button,
            self.save_button,
            self.page_spin,
            self.previous_button,
            self.next_button,
            self.zoom_combo,
        ):
            widget.setEnabled(ready)

    def page_count(self) -> int:
        return self.document.pageCount() if self.pdf is not None else 0

    # --- navigation and zoom ----------------------------------------------------------------------------

    def current_page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to_page(self, page: int) -> None:
        """Show ``page`` (0-based; clamped to the document)."""
        count = self.page_count()
        if count == 0:
            return
        page = max(0, min(page, count - 1))
        navigator = self.view.pageNavigator()
        navigator.jump(page, QPointF(), navigator.currentZoom())
        self._page_shown(page)

    def _page_shown(self, page: int) -> None:
        self.page_spin.blockSignals(True)
        self.page_spin.setValue(page + 1)
        self.page_spin.blockSignals(False)

    def _zoom_chosen(self, _index: int) -> None:
        factor = float(self.zoom_combo.currentData())
        if factor == 0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif factor < 0:
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(factor)

    def _step_zoom(self, step: float) -> None:
        factor = min(max(self.view.zoomFactor() * step, 0.25), 4.0)
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(factor)

    # --- printing ------------------------------------------------------------------------------------------

    def print_document(self) -> bool:
        """The system print dialog, then every chosen page to the printer; False if the user cancelled."""
        pages = self.page_count()
        if pages == 0:
            return False
        if self.printer is None:
            self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer = self.printer
        printer.setDocName(Path(self.file_name).stem)
        first = self.document.pagePointSize(0)
        printer.setPageOrientation(
            QPageLayout.Orientation.Landscape
            if first.width() > first.height()
            else QPageLayout.Orientation.Portrait
        )
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("打印"))
        dialog.setMinMax(1, pages)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, True)
        dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintCurrentPage, True)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        chosen = self.pages_to_print(printer)
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            printed = self.render_pages(printer, chosen)
        finally:
            QApplication.restoreOverrideCursor()
        if printed:
            self.status.setText(self.tr("已发送 {0} 页到打印机").format(printed))
            self.printed.emit(printed)
        else:
            self.status.setText(self.tr("无法开始打印，请检查打印机"))
        return printed > 0

    def pages_to_print(self, printer: QPrinter) -> list[int]:
        """The 0-based pages the print dialog chose (all, a range like 1-3,5, or the current page)."""
        count = self.page_count()
        match printer.printRange():
            case QPrinter.PrintRange.PageRange:
                ranges = printer.pageRanges()
                if not ranges.isEmpty():
                    return [page for page in range(count) if ranges.contains(page + 1)]
                first = max(printer.fromPage(), 1)
                last = min(printer.toPage() or count, count)
                return list(range(first - 1, last))
            case QPrinter.PrintRange.CurrentPage:
                return [self.current_page()]
            case _:
                return list(range(count))

    def render_pages(self, printer: QPrinter, pages: Sequence[int]) -> int:
        """Paint ``pages`` onto ``printer``, each scaled into the printable area; the number printed."""
        if not pages:
            return 0
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        dpi = min(printer.resolution(), MAX_PRINT_DPI)
        try:
            for number, page in enumerate(pages):
                if number and not printer.newPage():
                    return number
                points = self.document.pagePointSize(page)
                image = self.document.render(
                    page, QSize(round(points.width() / 72 * dpi), round(points.height() / 72 * dpi))
                )
                area = painter.viewport()
                size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
                corner = QPoint(
                    area.x() + (area.width() - size.width()) // 2,
                    area.y() + (area.height() - size.height()) // 2,
                )
                painter.drawImage(QRect(corner, size), image)
        finally:
            painter.end()
        return len(pages)

    # --- save as PDF -----------------------------------------------------------------------------------------

    def save_as(self, path: Path | None = None) -> None:
        """Ask where (unless ``path``), then make the PDF again on the worker as an export and write it
        atomically; ``saved`` says where."""
        if self.pdf is None:
            return
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("另存为 PDF"), default_path(self.file_name), self.tr("PDF 文件 (*.pdf)")
            )
            if not name:
                return
            path = Path(name)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        make, when, target = self._maker(), self.when, path

        def job(db: Database) -> Path:
            write_atomically(target, make(db, "export", when))
            return target

        def done(written: Path) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("已保存：{0}").format(written))
            self.saved.emit(written)

        def failed(error: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.status.setText(self.tr("保存失败：{0}").format(error_text(error)))
            self.saved.emit(None)

        self.save_button.setEnabled(False)
        self.status.setText(self.tr("正在保存……"))
        self._worker.submit(job, while_alive(self, done), while_alive(self, failed))


def open_print_preview(
    worker: DbWorker, make_pdf: PdfMaker, *, title: str, file_name: str, parent: QWidget | None = None
) -> PrintPreviewDialog:
    """Show a preview (non-modal, deleted on close) and start making its PDF on the worker."""
    dialog = PrintPreviewDialog(worker, make_pdf, title=title, file_name=file_name, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    dialog.generate()
    return dialog


# --- what can be previewed ---------------------------------------------------------------------------------


def dossier_pdf(person_id: str, actor: str) -> Printable:
    """一人一档 of a person (with health and disability for a role that may, with a reason)."""

    def make(db: Database, action: AuditAction, when: dt.datetime, full: bool, reason: str) -> bytes:
        return printing.print_dossier(
            db, person_id, actor, health=full, reason=reason, now=when, action=action
        )

    return Printable(make, Permission.PRINT_HEALTH, actor)


def form_pdf(person_id: str, term: str, actor: str) -> Printable:
    """补助申请表 of a student for ``term`` (``2025-autumn``): masked, or full for signing with a reason."""

    def make(db: Database, action: AuditAction, when: dt.datetime, full: bool, reason: str) -> bytes:
        return printing.print_form(
            db, person_id, term, actor, full=full, reason=reason, now=when, action=action
        )

    return Printable(make, Permission.PRINT_FULL_FORM, actor)


def org_code(db: Database, org_unit_id: str | None) -> str:
    """The code of a village or township picked in the tree; a message saying what to pick otherwise."""
    row = None
    if org_unit_id:
        with db.read_connection() as conn:
            row = conn.exec_driver_sql(
                "SELECT code, level FROM org_unit WHERE id = ?", (org_unit_id,)
            ).first()
    if row is None or row[1] not in ("village", "township"):
        raise YuluError("请先在左侧区划树中选择一个村或乡镇")
    return str(row[0])


def register_pdf(kind: str, org_unit_id: str | None, actor: str, *, term: str | None = None) -> PdfMaker:
    """A register (清单) of ``intent``, ``students`` or ``graduates`` for the village or township picked."""

    def make(db: Database, action: AuditAction, when: dt.datetime) -> bytes:
        code = org_code(db, org_unit_id)
        return printing.print_register(db, kind, code, actor, term=term, now=when, action=action)

    return make


def publicity_pdf(
    village_id: str,
    term: str,
    actor: str,
    *,
    contact_person: str,
    contact_phone: str,
    notice_start: dt.date | None = None,
    notice_end: dt.date | None = None,
    objection_office: str = "",
    objection_phone: str = "",
) -> PdfMaker:
    """公示名单 of a village for ``term``."""

    def make(db: Database, action: AuditAction, when: dt.datetime) -> bytes:
        code = org_code(db, village_id)
        return printing.print_publicity(
            db, code, term, actor,
            contact_person=contact_person, contact_phone=contact_phone,
            notice_start=notice_start, notice_end=notice_end,
            objection_office=objection_office, objection_phone=objection_phone,
            now=when, action=action,
        )  # fmt: skip

    return make


def print_term(school_year: str, semester: str) -> str:
    """``2025-2026``, ``autumn`` → ``2025-autumn`` (a term as printing names it: autumn in the first year)."""
    start, _, end = school_year.partition("-")
    return f"{start if semester == 'autumn' else end}-{semester}"


def list_term_to_print_term(list_term: str) -> str:
    """``2025-2026/autumn`` (the students list's term filter) → ``2025-autumn``."""
    school_year, _, semester = list_term.partition("/")
    return print_term(school_year, semester)


def newest_first(terms: Iterable[str]) -> list[str]:
    """Distinct terms (``2025-autumn``), newest first."""

    def key(term: str) -> tuple[int, int]:
        parsed = rules.parse_term(term)
        return (parsed[0], parsed[1] == "autumn") if parsed else (0, 0)

    return sorted(set(terms), key=key, reverse=True)
