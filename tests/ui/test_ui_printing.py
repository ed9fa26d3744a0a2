"""Print preview: a dossier, a form and a register shown with QtPdf, printed to a PDF printer and saved as
PDF, each audited."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from yulu_desktop.services import lists, printing
from yulu_desktop.store.database import Database
from yulu_desktop.ui.list_page import ListPage
from yulu_desktop.ui.person_window import PersonWindow
from yulu_desktop.ui.print_preview import PrintPreviewDialog, dossier_pdf, open_print_preview
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def a_graduate(qtbot: QtBot, worker: DbWorker) -> str:
    """A demo person with schooling, subsidies and employment (a dossier of several sections)."""
    return str(run(qtbot, worker, lambda db: lists.fetch(db, "graduates", limit=1)[0].person_id))


def audit_rows(qtbot: QtBot, worker: DbWorker, entity_id: str) -> list[tuple[str, str, str]]:
    def job(db: Database) -> list[tuple[str, str, str]]:
        with db.read_connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT actor, action, detail FROM audit_log WHERE entity_id = ? ORDER BY id", (entity_id,)
            ).all()
        return [(r[0], r[1], r[2]) for r in rows]

    return list(run(qtbot, worker, job))


def pages_of(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def open_preview(qtbot: QtBot, worker: DbWorker, person_id: str) -> PrintPreviewDialog:
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dialog = open_print_preview(
            worker, dossier_pdf(person_id, "测试员"), title="一人一档", file_name="一人一档.pdf"
        )
    qtbot.addWidget(dialog)
    assert dialog.pdf is not None, dialog.busy_label.text()
    return dialog


@pytest.fixture
def accept_print_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system print dialog says OK without showing itself (the printer is set up by the test)."""
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Accepted.value)


def test_preview_shows_the_dossier_with_its_page_count(qtbot: QtBot, worker: DbWorker) -> None:
    person_id = a_graduate(qtbot, worker)
    dialog = open_preview(qtbot, worker, person_id)
    when = dialog.when
    expected = run(qtbot, worker, lambda db: printing.print_dossier(db, person_id, "测试员", now=when))
    assert expected == dialog.pdf  # the same data and timestamp give the same bytes
    assert dialog.page_count() == pages_of(expected) >= 2
    assert dialog.page_spin.maximum() == dialog.page_count()
    assert dialog.page_count_label.text() == f"/ {dialog.page_count()}"
    assert dialog.print_button.isEnabled() and dialog.save_button.isEnabled()
    dialog.go_to_page(1)
    assert dialog.current_page() == 1 and dialog.page_spin.value() == 2
    dialog.go_to_page(99)
    assert dialog.current_page() == dialog.page_count() - 1
    audit = audit_rows(qtbot, worker, person_id)
    assert [row[:2] for row in audit] == [("测试员", "print"), ("测试员", "print")]  # preview + check


def test_save_as_pdf_writes_the_document_and_audits_an_export(
    qtbot: QtBot, worker: DbWorker, tmp_path: Path
) -> None:
    person_id = a_graduate(qtbot, worker)
    dialog = open_preview(qtbot, worker, person_id)
    out = tmp_path / "out"
    out.mkdir()
    with qtbot.waitSignal(dialog.saved, timeout=20000) as saved:
        dialog.save_as(out / "档案")  # the suffix is added
    target = out / "档案.pdf"
    assert saved.args[0] == target
    data = target.read_bytes()
    assert data == dialog.pdf  # the page on screen
    assert pages_of(data) == dialog.page_count()
    assert list(out.iterdir()) == [target]  # no temporary file left behind
    actions = [action for _actor, action, _detail in audit_rows(qtbot, worker, person_id)]
    assert actions == ["print", "export"]
    assert "已保存" in dialog.status.text()


def test_printing_renders_every_page_to_the_printer(
    qtbot: QtBot, worker: DbWorker, tmp_path: Path, accept_print_dialog: None
) -> None:
    dialog = open_preview(qtbot, worker, a_graduate(qtbot, worker))
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)  # a real printer's 1200 dpi is slow here
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    dialog.printer = printer
    with qtbot.waitSignal(dialog.printed) as printed:
        assert dialog.print_document()
    assert printed.args[0] == dialog.page_count()
    assert pages_of((tmp_path / "printed.pdf").read_bytes()) == dialog.page_count()
    # A page range from the print dialog is honoured.
    printer.setOutputFileName(str(tmp_path / "page2.pdf"))
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 2)
    assert dialog.pages_to_print(printer) == [1]
    assert dialog.print_document()
    assert pages_of((tmp_path / "page2.pdf").read_bytes()) == 1


def test_cancelled_print_dialog_prints_nothing(
    qtbot: QtBot, worker: DbWorker, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_preview(qtbot, worker, a_graduate(qtbot, worker))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected.value)
    dialog.printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    dialog.printer.setOutputFileName(str(tmp_path / "never.pdf"))
    assert not dialog.print_document()
    assert not (tmp_path / "never.pdf").exists()


def test_person_window_prints_dossier_and_form(qtbot: QtBot, worker: DbWorker) -> None:
    person_id = a_graduate(qtbot, worker)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        window = PersonWindow(worker, person_id, "测试员")
    qtbot.addWidget(window)
    assert [a.text() for a in window.print_button.menu().actions()] == ["打印一人一档", "打印补助申请表…"]
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dossier = window.print_dossier()
    assert dossier.page_count() >= 2 and dossier.parent() is window
    terms = window.form_terms()
    assert terms, "a graduate has schooling on record"
    with qtbot.waitSignal(worker.idle, timeout=20000):
        form = window.print_form(terms[-1])  # the first term of schooling
    assert form is not None
    assert form.pdf is not None, form.busy_label.text()
    assert form.page_count() == 1


def test_list_page_prints_the_register_of_the_village(qtbot: QtBot, worker: DbWorker, settings: Any) -> None:
    def village_with_intents(db: Database) -> str:
        with db.read_connection() as conn:
            return str(
                conn.exec_driver_sql(
                    "SELECT h.village_id FROM intent i JOIN person p ON p.id = i.person_id "
                    "JOIN household h ON h.id = p.household_id LIMIT 1"
                ).scalar_one()
            )

    village = run(qtbot, worker, village_with_intents)
    page = ListPage(worker, "intents", "入读职业院校意愿清单", settings, actor="测试员")
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.model.pageLoaded, timeout=20000):
        page.set_scope(village, "红岩村")
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dialog = page.print_register()
    assert dialog.pdf is not None, dialog.busy_label.text()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(dialog.pdf)).pages)
    assert "意愿清单" in text

    def audited(db: Database) -> list[tuple[str, str]]:
        with db.read_connection() as conn:
            rows = conn.exec_driver_sql(
                "SELECT a.action, a.entity FROM audit_log a JOIN org_unit o ON o.code = a.entity_id "
                "WHERE o.id = ?",
                (village,),
            ).all()
        return [(r[0], r[1]) for r in rows]

    assert run(qtbot, worker, audited) == [("print", "org_unit")]


def test_register_of_everything_asks_for_a_village(qtbot: QtBot, worker: DbWorker, settings: Any) -> None:
    page = ListPage(worker, "graduates", "毕业生", settings, actor="测试员")
    qtbot.addWidget(page)
    dialog = page.print_register()  # the page shows everything: no register for that
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.failed, timeout=20000):
        pass
    assert dialog.pdf is None
    assert "选择一个村或乡镇" in dialog.busy_label.text()
    assert not dialog.print_button.isEnabled()


# --- unmasked versions: offered by role, made with a reason ------------------------------------------------


def a_form_student(qtbot: QtBot, worker: DbWorker) -> tuple[str, str, str]:
    """(person id, ID number, term) of a student with a subsidy application."""

    def job(db: Database) -> tuple[str, str, str]:
        with db.read_connection() as conn:
            row = conn.exec_driver_sql(
                "SELECT p.id, p.id_number, s.term FROM person p JOIN subsidy_application s ON s.person_id = p.id "
                "JOIN enrollment e ON e.id = s.enrollment_id ORDER BY p.person_no LIMIT 1"
            ).one()
        return str(row[0]), str(row[1]), str(row[2])

    result: tuple[str, str, str] = run(qtbot, worker, job)
    return result


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).replace(" ", "")


def test_form_preview_offers_the_signed_copy_with_a_reason(qtbot: QtBot, worker: DbWorker) -> None:
    from yulu_desktop.domain.masking import mask_id_number
    from yulu_desktop.ui.print_preview import form_pdf

    person_id, id_number, term = a_form_student(qtbot, worker)
    with qtbot.waitSignal(worker.idle, timeout=20000):
        dialog = open_print_preview(
            worker, form_pdf(person_id, term, "测试员"), title="申请表", file_name="f.pdf"
        )
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.acting is not None)
    assert dialog.pdf is not None and id_number not in pdf_text(dialog.pdf)
    assert mask_id_number(id_number) in pdf_text(dialog.pdf)
    assert dialog.full_check.isVisible()  # a village cadre prints forms for signatures
    assert dialog.reason_edit.isHidden()
    dialog.full_check.setChecked(True)
    assert dialog.reason_edit.isVisible() and not dialog.apply_button.isEnabled()
    dialog.apply_full()  # no reason: nothing happens
    assert not dialog.full
    dialog.reason_edit.setText("村委会初审签字")
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.apply_button.click()
    assert id_number in pdf_text(dialog.pdf)
    audit = audit_rows(qtbot, worker, person_id)
    assert "核对稿" in audit[0][2] and "理由：村委会初审签字" in audit[-1][2]
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.full_check.setChecked(False)  # back to the masked copy
    assert id_number not in pdf_text(dialog.pdf)


def test_dossier_preview_hides_health_from_a_village_cadre(qtbot: QtBot, worker: DbWorker) -> None:
    dialog = open_preview(qtbot, worker, a_graduate(qtbot, worker))
    qtbot.waitUntil(lambda: dialog.acting is not None)
    assert dialog.full_check.isHidden()
    assert "（不显示）" in pdf_text(dialog.pdf or b"")
