"""The village's and the township's screens of the subsidy cycle (issue 15): 申请 with evidence, 初审, 公示 with
an objection, 乡镇审核 (approve after the 公示 end, return with a reason) and the returned item back in the village."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.entities import Enrollment, Household, Person
from yulu_desktop.services import records, subsidy
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.apply_page import ApplyPage
from yulu_desktop.ui.subsidy.dialogs import (
    EvidenceDialog,
    FixAccountDialog,
    ObjectionsDialog,
    PublicizeDialog,
)
from yulu_desktop.ui.subsidy.publicity_page import PublicityPage
from yulu_desktop.ui.subsidy.township_page import TownshipPage
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

TERM = "2026-autumn"
COUNTY = "149928"  # 五寨县（测试）, tests/ui/conftest.py: no demo data of its own
VILLAGE, TOWNSHIP = "149928101201", "149928101"  # 三岔村, 三岔镇
APPLIED_ON = date(2026, 9, 20)
PUBLICITY_STARTS, PUBLICITY_ENDS = date(2026, 9, 25), date(2026, 9, 29)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    with qtbot.waitSignal(worker.done, timeout=20000) as done:
        worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def settle(qtbot: QtBot, worker: DbWorker) -> None:
    qtbot.waitUntil(lambda: worker.pending == 0, timeout=20000)


def enroll(qtbot: QtBot, worker: DbWorker, role: str) -> None:
    """Make the laptop enrolled for a cadre with ``role`` (what sync enrollment writes)."""

    def job(db: Database) -> None:
        with db.write_connection() as conn:
            conn.exec_driver_sql(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'u', '干部', ?) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = 'u', cadre_name = '干部', "
                "cadre_role = excluded.cadre_role",
                (role,),
            )

    run(qtbot, worker, job)


def students(qtbot: QtBot, worker: DbWorker) -> dict[str, str]:
    """Three students of 三岔村 in the term: 李一 and 李二 of a 脱贫户, 王三 of a 一般户 (not eligible)."""

    def job(db: Database) -> dict[str, str]:
        with db.read_connection() as conn:
            village_id = str(
                conn.exec_driver_sql("SELECT id FROM org_unit WHERE code = '149928101201'").scalar_one()
            )
        records.set_subsidy_amount(
            db, COUNTY, "zhongzhuan", 300000, effective_from=date(2020, 1, 1), actor="测试"
        )
        ids: dict[str, str] = {}
        for household_no, kind, names in (
            ("1499281012010101", "tuopin", ("李一", "李二")),
            ("1499281012010102", "yiban", ("王三",)),
        ):
            household = Household(
                household_no=household_no,
                village_id=village_id,
                household_type=kind,
                payee_name="户主",
                payee_account="6222020200112233445",
            )
            records.register_household(db, household, actor="测试")
            for name in names:
                person = Person(household_id=household.id, name=name, relationship="20")
                records.add_member(db, person, actor="测试", today=date(2026, 1, 1))
                records.record_enrollment(
                    db,
                    Enrollment(
                        person_id=person.id,
                        school_year="2026-2027",
                        semester="autumn",
                        school_name="山西省畜牧兽医学校",
                        school_type="zhongzhuan",
                        major="畜牧兽医",
                    ),
                    actor="测试",
                )
                ids[name] = person.id
        return ids

    result: dict[str, str] = run(qtbot, worker, job)
    return result


def unit(qtbot: QtBot, worker: DbWorker, code: str) -> str:
    def job(db: Database) -> str:
        with db.read_connection() as conn:
            return str(conn.exec_driver_sql("SELECT id FROM org_unit WHERE code = ?", (code,)).scalar_one())

    result: str = run(qtbot, worker, job)
    return result


def loaded_page(qtbot: QtBot, page: Any, today: date, code: str = VILLAGE) -> None:
    """The page on the test term, scoped to the test county's village (or township): the demo data has
    applications of its own in the term."""
    page.today = today
    page.unit_id = unit(qtbot, page.worker, code)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.set_term(TERM)


def reload(qtbot: QtBot, page: Any) -> None:
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.refresh()


def select(page: ApplyPage, *names: str) -> None:
    page.applications_view.clearSelection()
    selection = page.applications_view.selectionModel()
    for n in range(page.applications.rowCount()):
        if page.applications.row(n).name in names:
            selection.select(
                page.applications.index(n, 0), selection.SelectionFlag.Select | selection.SelectionFlag.Rows
            )
    assert {a.name for a in page.selected_applications()} == set(names)


def row_of(page: ApplyPage, name: str) -> Any:
    return next(a for a in page.applications.rows if a.name == name)


def tick_all(qtbot: QtBot, worker: DbWorker, dialog: EvidenceDialog) -> None:
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
    for n in range(dialog.table.rowCount()):
        item = dialog.table.item(n, 0)
        assert item is not None
        if item.checkState() != Qt.CheckState.Checked:
            with qtbot.waitSignal(dialog.loaded, timeout=20000):
                item.setCheckState(Qt.CheckState.Checked)  # what a click on the box does
    settle(qtbot, worker)


@pytest.fixture
def apply_page(qtbot: QtBot, worker: DbWorker) -> ApplyPage:
    page = ApplyPage(worker, "李明")
    qtbot.addWidget(page)
    page.resize(1200, 700)
    return page


def apply_both(qtbot: QtBot, worker: DbWorker, page: ApplyPage) -> dict[str, str]:
    ids = students(qtbot, worker)
    loaded_page(qtbot, page, APPLIED_ON)
    problems = {c.name: c.problems for c in page.candidates.rows}
    assert problems["李一"] == () and problems["李二"] == ()
    assert "一般户" in "".join(problems["王三"])  # shown with the reason
    assert page.candidates.index(page.candidates.find(ids["王三"]) or 0, 5).data().startswith("户类型")
    page.select_eligible()
    chosen = {
        page.candidates.key(n)
        for n in range(page.candidates.rowCount())
        if page.candidates_view.selectionModel().isRowSelected(n)
    }
    assert ids["李一"] in chosen and ids["李二"] in chosen and ids["王三"] not in chosen
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.apply_selected([ids["李一"], ids["李二"]])
    assert {a.name: a.state for a in page.applications.rows} == {"李一": "applied", "李二": "applied"}
    assert "已为 2 名学生申请" in page.message.text()
    assert ids["李一"] not in {c.person_id for c in page.candidates.rows}  # no longer a candidate
    return ids


def test_village_applies_in_a_batch_ticks_evidence_and_is_stopped_by_missing_evidence(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage
) -> None:
    page = apply_page
    apply_both(qtbot, worker, page)
    assert "身份证复印件" in row_of(page, "李一").missing_evidence

    select(page, "李一")
    dialog = page.open_evidence()
    assert isinstance(dialog, EvidenceDialog)
    tick_all(qtbot, worker, dialog)
    assert dialog.summary.text() == "必需的材料已齐全"
    dialog.close()
    reload(qtbot, page)
    assert row_of(page, "李一").missing_evidence == ()

    # 初审 of both: 李一 passes, 李二 is refused with the missing evidence named.
    select(page, "李一", "李二")
    assert page.review_button.isEnabled() and not page.publicize_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.review("情况属实，同意上报")
    assert row_of(page, "李一").state == "village_reviewed"
    assert row_of(page, "李二").state == "applied"
    text = page.message.text()
    assert "1 份申请已通过村委会初审" in text and "李二" in text and "身份证复印件" in text


def test_publicity_dialog_refuses_a_too_short_period(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage
) -> None:
    page = apply_page
    apply_both(qtbot, worker, page)
    select(page, "李一")
    tick_all(qtbot, worker, page.open_evidence())  # type: ignore[arg-type]
    page.dialog.close()  # type: ignore[union-attr]
    reload(qtbot, page)
    select(page, "李一")
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.review("同意")
    select(page, "李一")
    assert page.publicize_button.isEnabled()
    page.open_publicize()
    qtbot.waitUntil(lambda: isinstance(page.dialog, PublicizeDialog), timeout=20000)
    dialog = page.dialog
    assert isinstance(dialog, PublicizeDialog) and dialog.min_days == 5
    dialog.starts_on.setDate(qdate(PUBLICITY_STARTS))
    dialog.ends_on.setDate(QDate(2026, 9, 27))  # 3 days
    dialog.submit()
    assert dialog.problem.text() == "公示期为 3 天，县里规定至少 5 天"
    assert dialog.isVisible() or not dialog.result()
    settle(qtbot, worker)
    reload(qtbot, page)
    assert row_of(page, "李一").state == "village_reviewed"  # nothing was publicized

    dialog.ends_on.setDate(qdate(PUBLICITY_ENDS))
    with qtbot.waitSignal(dialog.finished, timeout=20000):
        dialog.submit()
    assert dialog.publicity_id
    settle(qtbot, worker)
    reload(qtbot, page)
    assert row_of(page, "李一").state == "publicized"
    assert row_of(page, "李一").publicity_ends_on == PUBLICITY_ENDS


def _to_publicity(qtbot: QtBot, worker: DbWorker, page: ApplyPage) -> None:
    """Both students applied, evidence complete, 初审 and on one 公示 (25–29 Sept.)."""
    apply_both(qtbot, worker, page)
    for name in ("李一", "李二"):
        select(page, name)
        tick_all(qtbot, worker, page.open_evidence())  # type: ignore[arg-type]
        page.dialog.close()  # type: ignore[union-attr]
    reload(qtbot, page)
    select(page, "李一", "李二")
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.review("同意")
    select(page, "李一", "李二")
    page.open_publicize()
    qtbot.waitUntil(lambda: isinstance(page.dialog, PublicizeDialog), timeout=20000)
    dialog = page.dialog
    assert isinstance(dialog, PublicizeDialog)
    dialog.starts_on.setDate(qdate(PUBLICITY_STARTS))
    dialog.ends_on.setDate(qdate(PUBLICITY_ENDS))
    with qtbot.waitSignal(dialog.finished, timeout=20000):
        dialog.submit()
    settle(qtbot, worker)


def test_objection_is_recorded_and_resolved_on_the_publicity_page(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage
) -> None:
    _to_publicity(qtbot, worker, apply_page)
    page = PublicityPage(worker, "李明")
    qtbot.addWidget(page)
    loaded_page(qtbot, page, date(2026, 9, 26))
    publicity = page.current_publicity()
    assert publicity is not None and publicity.count == 2 and publicity.village_name == "三岔村"
    assert {page.members.row(n).name for n in range(page.members.rowCount())} == {"李一", "李二"}
    li_er = next(a for a in page.members.rows if a.name == "李二")
    dialog = page.open_objections(li_er.id)
    assert isinstance(dialog, ObjectionsDialog)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.record("", "家里有人在外务工", date(2026, 9, 26))
    assert "提出人" in dialog.problem.text()  # who objected is required
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.record("村民张某", "家里有人在外务工，收入较高", date(2026, 9, 26))
    assert dialog.model.rowCount() == 1 and dialog.model.index(0, 3).data() == "待处理"
    reload(qtbot, page)
    assert page.current_publicity() is not None and page.current_publicity().open_objections == 1  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.resolve(dialog.model.key(0), "dismissed", "经入户核实，务工收入不高，异议不属实")
    assert dialog.model.index(0, 3).data() == "异议不成立"


def test_township_approves_after_the_publicity_end_and_returns_with_a_reason(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage
) -> None:
    _to_publicity(qtbot, worker, apply_page)
    enroll(qtbot, worker, "township")
    page = TownshipPage(worker, "赵乡")
    qtbot.addWidget(page)
    page.resize(1200, 700)
    loaded_page(qtbot, page, PUBLICITY_ENDS, TOWNSHIP)  # the last day of the 公示
    assert page.villages.rowCount() == 1 and page.villages.index(0, 0).data() == "三岔村"
    assert page.villages.row(0).waiting == 2 and page.villages.row(0).ready == 0
    assert page.queue.rowCount() == 2
    assert page.queue.index(0, page.queue.columnCount() - 1).data() == "公示中，2026-09-30 起可审核"

    page.select_all()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.approve()  # before the 公示 ended: refused, with the date
    assert "2026-09-30 起才能审核" in page.message.text()
    assert page.queue.rowCount() == 2  # nothing moved

    page.today = date(2026, 10, 8)
    reload(qtbot, page)
    assert page.villages.row(0).ready == 2
    li_yi = next(n for n in range(page.queue.rowCount()) if page.queue.row(n).name == "李一")
    page.queue_view.selectRow(li_yi)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.approve()
    assert "1 份申请已通过乡镇审核" in page.message.text()
    assert [page.queue.row(n).name for n in range(page.queue.rowCount())] == ["李二"]

    page.queue_view.selectRow(0)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.return_to_village("学费凭证不清晰，请重新提供")
    assert page.queue.rowCount() == 0 and page.villages.rowCount() == 0

    states = {
        a.name: (a.state, a.returned_reason)
        for a in run(qtbot, worker, lambda db: subsidy.applications(db, term=TERM))
        if a.name in ("李一", "李二")
    }
    assert states == {"李一": ("township_reviewed", ""), "李二": ("returned", "学费凭证不清晰，请重新提供")}

    # Back in the village: the returned item shows its reason and is applied for again.
    enroll(qtbot, worker, "village")
    village = apply_page
    village.today = date(2026, 10, 9)
    reload(qtbot, village)
    assert village.returned_banner.isVisibleTo(village)
    assert "李二：学费凭证不清晰，请重新提供" in village.returned_banner.text()
    li_er = village.applications.find(row_of(village, "李二").id)
    assert li_er is not None
    reason_column = village.applications.columnCount() - 1
    assert village.applications.index(li_er, reason_column).data() == "学费凭证不清晰，请重新提供"
    select(village, "李二")
    assert village.reapply_button.isEnabled() and not village.review_button.isEnabled()
    with qtbot.waitSignal(village.loaded, timeout=20000):
        village.reapply()
    assert row_of(village, "李二").state == "applied"
    assert not village.returned_banner.isVisibleTo(village)


def test_a_scan_is_attached_to_an_evidence_item(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage, tmp_path: Path
) -> None:
    page = apply_page
    apply_both(qtbot, worker, page)
    select(page, "李一")
    dialog = page.open_evidence()
    assert isinstance(dialog, EvidenceDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() > 0, timeout=20000)
    scan = tmp_path / "身份证正反面.png"
    image = QImage(200, 120, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    assert image.save(str(scan))
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.attach("id_card", scan)
    row = next(n for n, r in enumerate(dialog.rows) if r.kind == "id_card")
    assert dialog.rows[row].provided and dialog.rows[row].attachment_id
    assert dialog.table.item(row, 2).text() == "身份证正反面.png"  # type: ignore[union-attr]
    assert dialog.table.item(row, 0).checkState() == Qt.CheckState.Checked  # type: ignore[union-attr]
    assert "身份证复印件" not in dialog.summary.text() and "学费凭证" in dialog.summary.text()

    # 标记缺失 on the selected item takes the tick away again.
    dialog.table.selectRow(row)
    with qtbot.waitSignal(dialog.loaded, timeout=20000):
        dialog.missing_button.click()
    assert not next(r for r in dialog.rows if r.kind == "id_card").provided


def test_withdraw_needs_a_reason_and_a_failed_payment_gets_a_new_account(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage
) -> None:
    page = apply_page
    apply_both(qtbot, worker, page)
    select(page, "李二")
    assert page.withdraw_button.isEnabled()
    with qtbot.waitSignal(page.loaded, timeout=20000):
        page.withdraw("学生已退学")
    assert row_of(page, "李二").state == "withdrawn" and row_of(page, "李二").reason == "学生已退学"

    # A payment the bank refused (the county's import): the village corrects the account.
    li_yi = row_of(page, "李一").id

    def failed(db: Database) -> None:
        with db.write_connection() as conn:
            conn.exec_driver_sql(
                "UPDATE subsidy_application SET state = 'payment_failed', payment_failure = '账户已销户' "
                "WHERE id = ?",
                (li_yi,),
            )

    run(qtbot, worker, failed)
    reload(qtbot, page)
    select(page, "李一")
    assert page.fix_button.isEnabled() and not page.review_button.isEnabled()
    dialog = page.open_fix_account()
    assert isinstance(dialog, FixAccountDialog)
    dialog.submit()
    assert dialog.problem.text() == "请填写持卡人姓名"
    dialog.payee_name.setText("李大")
    dialog.payee_account.setText("6222 0202 0011 2233 446")
    with qtbot.waitSignal(dialog.finished, timeout=20000):
        dialog.submit()
    settle(qtbot, worker)
    reload(qtbot, page)
    assert row_of(page, "李一").state == "account_fixed"
    assert "县里将在下一批次发放" in page.message.text()


def test_application_forms_of_the_selected_students_print_to_one_pdf(
    qtbot: QtBot, worker: DbWorker, apply_page: ApplyPage, tmp_path: Path
) -> None:
    import pypdf

    page = apply_page
    apply_both(qtbot, worker, page)
    select(page, "李一", "李二")
    assert page.print_button.isEnabled()
    target = tmp_path / "申请表.pdf"
    with qtbot.waitSignal(worker.done, timeout=60000):
        page.print_forms(target)
    assert "已把 2 份申请表保存到" in page.message.text()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert "李一" in text and "李二" in text
    assert "6222020200112233445" not in text  # the masked copy: no full account
