"""The county's subsidy screens (issue 15): rules, 县审定 with joint review, payment batches, ledger.

The demo database holds applications of the 2026 autumn term (applied, 初审 done); a fixture drives them through
初审, 公示 (in the past) and 乡镇审核 with the laptop's role switched the way enrollment sets it, so the county
pages start from a real queue.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QDialogButtonBox,
    QLineEdit,
    QTableWidget,
    QTreeWidgetItemIterator,
    QWidget,
)
from pytestqt.qtbot import QtBot

from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.services import subsidy, subsidy_payment, subsidy_publicity, subsidy_rules
from yulu_desktop.store.database import Database
from yulu_desktop.ui.subsidy.county_page import CountyApprovalPage
from yulu_desktop.ui.subsidy.dialogs import ask_reason
from yulu_desktop.ui.subsidy.ledger_page import LedgerPage
from yulu_desktop.ui.subsidy.payment_page import PaymentPage
from yulu_desktop.ui.subsidy.rules_page import RulesPage
from yulu_desktop.ui.table_models import yuan
from yulu_desktop.ui.worker import DbWorker

pytestmark = pytest.mark.gui

TERM = "2026-autumn"
ACTOR = "王县"
COUNTY_CODE = "500229"  # the demo county (城口县)


def run(qtbot: QtBot, worker: DbWorker, job: Any) -> Any:
    box: dict[str, Any] = {}
    with qtbot.waitSignal(worker.done, timeout=30000, check_params_cb=lambda op: op is box.get("op")) as done:
        box["op"] = worker.submit(job)
    operation = done.args[0]
    assert operation.error is None, operation.error
    return operation.result


def set_role(db: Database, role: str) -> None:
    """What enrollment writes: the cadre's role and jurisdiction (the demo county)."""
    with db.write_connection() as conn:
        county = conn.exec_driver_sql("SELECT id FROM org_unit WHERE code = ?", (COUNTY_CODE,)).scalar()
        conn.exec_driver_sql(
            "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role, jurisdiction_id) "
            "VALUES (1, 'wx', '王县', ?, ?) ON CONFLICT (id) DO UPDATE SET cadre_username = 'wx', "
            "cadre_name = '王县', cadre_role = excluded.cadre_role, jurisdiction_id = excluded.jurisdiction_id",
            (role, county),
        )


def to_county_queue(db: Database, *, joint_reviewers: tuple[str, ...] = ("教体局",)) -> list[str]:
    """The county sets a rule with a joint reviewer; the term's applications pass 初审, a 公示 that ended ten days
    ago and 乡镇审核. Returns the ids now awaiting 县审定 (the laptop is left with the county role)."""
    today = date.today()
    set_role(db, "county")
    rule = dataclasses.replace(
        DEFAULT_RULE, version=1, effective_from=date(2020, 1, 1), joint_reviewers=joint_reviewers
    )
    saved = subsidy_rules.save_rule(db, rule, actor=ACTOR)
    # The demo's applications were judged under the default rule (version 0); these are judged under the
    # county's own rule, as applications made after it took effect are.
    with db.write_connection() as conn:
        conn.exec_driver_sql(
            "UPDATE subsidy_application SET rule_version = ? WHERE term = ?", (saved.version, TERM)
        )
    set_role(db, "village")
    applied = subsidy.applications(db, term=TERM, states=["applied"])
    for row in applied:
        for item in subsidy.evidence(db, row.id):
            subsidy.set_evidence(db, row.id, item.kind, provided=True, actor=ACTOR)
    subsidy.take_step(db, [a.id for a in applied], "village_reviewed", actor=ACTOR, opinion="同意")
    by_village: dict[str, list[str]] = defaultdict(list)
    for row in subsidy.applications(db, term=TERM, states=["village_reviewed"]):
        by_village[row.village_id].append(row.id)
    for ids in by_village.values():
        subsidy_publicity.publicize(
            db,
            ids,
            starts_on=today - timedelta(days=20),
            ends_on=today - timedelta(days=10),
            actor=ACTOR,
            today=today - timedelta(days=20),
        )
    set_role(db, "township")
    publicized = [a.id for a in subsidy.applications(db, term=TERM, states=["publicized"])]
    report = subsidy.take_step(db, publicized, "township_reviewed", actor=ACTOR, opinion="同意")
    set_role(db, "county")
    assert len(report.done) >= 4
    # The ones that passed this 初审 (with evidence and the opinion 同意) first; the demo's own 公示 (ended
    # too) bring others, with the demo's opinions and no evidence.
    reviewed_here = {a.id for a in applied}
    return sorted(report.done, key=lambda i: i not in reviewed_here)


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()


def tree_ids(page: CountyApprovalPage) -> list[str]:
    found = []
    iterator = QTreeWidgetItemIterator(page.tree)
    while item := iterator.value():
        if item.data(0, Qt.ItemDataRole.UserRole + 1):
            found.append(str(item.data(0, Qt.ItemDataRole.UserRole + 1)))
        iterator += 1
    return found


def joint_column(page: CountyApprovalPage, application_id: str) -> str:
    iterator = QTreeWidgetItemIterator(page.tree)
    while item := iterator.value():
        if item.data(0, Qt.ItemDataRole.UserRole + 1) == application_id:
            return item.text(6)
        iterator += 1
    raise AssertionError(f"{application_id} is not listed")


def approved_on_column(page: CountyApprovalPage, application_id: str) -> str:
    """The 审定日期 cell of an application's line."""
    iterator = QTreeWidgetItemIterator(page.tree)
    while item := iterator.value():
        if item.data(0, Qt.ItemDataRole.UserRole + 1) == application_id:
            return item.text(5)
        iterator += 1
    raise AssertionError(f"{application_id} is not listed")


def states_of(qtbot: QtBot, worker: DbWorker, ids: list[str]) -> dict[str, str]:
    def job(db: Database) -> dict[str, str]:
        return {row.id: row.state for row in subsidy.applications(db, term=TERM) if row.id in ids}

    return dict(run(qtbot, worker, job))


def loaded(qtbot: QtBot, page: Any, term: str = TERM) -> None:
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.set_term(term)


def finish(qtbot: QtBot, page: Any, action: Any) -> str:
    """Run an action of the page; wait until it finished AND the page reloaded. The message shown."""
    with qtbot.waitSignals([page.finished, page.loaded], timeout=30000) as waited:
        action()
    del waited
    return str(page.message.text())


# --- rules ----------------------------------------------------------------------------------------------------


def test_rules_page_saves_a_new_version_and_lists_it(qtbot: QtBot, worker: DbWorker) -> None:
    run(qtbot, worker, lambda db: set_role(db, "county"))
    page = RulesPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    assert page.versions.rowCount() == 0
    assert not page.read_only_label.isVisibleTo(page) and page.save_button.isVisibleTo(page)
    # The form starts from the default rule: 脱贫户 and 监测户 ticked, five pieces of evidence.
    assert set(page.household_types.codes()) == {"tuopin", "jiance"}
    assert page.evidence.rowCount() == 5

    page.joint_reviewers.setText("教体局、财政局")
    page.publicity_days.setValue(7)
    page.exclusive_aids.setPlainText("重庆市建档立卡贫困家庭大学生学费资助\n")
    page.note.setText("县乡村振兴局通知")
    text = finish(qtbot, page, page.save_rule)
    assert "已保存第 1 版规则" in text, text
    assert page.versions.rowCount() == 1
    cells = [cell(page.versions, 0, c) for c in range(page.versions.columnCount())]
    assert cells[0] == "1" and cells[4] == "7" and cells[5] == "教体局、财政局"

    def stored(db: Database) -> Any:
        return subsidy_rules.rules_of_county(db)

    (rule,) = run(qtbot, worker, stored)
    assert rule.joint_reviewers == ("教体局", "财政局")
    assert rule.exclusive_aids == ("重庆市建档立卡贫困家庭大学生学费资助",)
    assert rule.publicity_min_days == 7

    # A second save is a second version; the first stays as it was.
    page.publicity_days.setValue(5)
    assert "已保存第 2 版规则" in finish(qtbot, page, page.save_rule)
    assert page.versions.rowCount() == 2
    assert cell(page.versions, 0, 4) == "7" and cell(page.versions, 1, 4) == "5"


def test_rules_page_names_what_is_wrong_with_the_form(qtbot: QtBot, worker: DbWorker) -> None:
    run(qtbot, worker, lambda db: set_role(db, "county"))
    page = RulesPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    page.household_types.set_codes([])
    text = finish(qtbot, page, page.save_rule)
    assert "至少选择一种可申请的户类型" in text
    assert page.versions.rowCount() == 0
    # A checklist row with a label but no code is named by its row, before anything is sent.
    page.household_types.set_codes(["tuopin"])
    page.add_evidence_row(dataclasses.replace(DEFAULT_RULE.evidence[0], code=""))
    with qtbot.waitSignal(page.finished, timeout=5000):
        page.save_rule()
    assert "第 6 行" in page.message.text()


def test_rules_page_sets_amounts_and_the_window(qtbot: QtBot, worker: DbWorker) -> None:
    run(qtbot, worker, lambda db: set_role(db, "county"))
    page = RulesPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    before = page.amounts.rowCount()
    page.amount_school.setCurrentIndex(page.amount_school.findData("dazhuan"))
    page.amount_yuan.setValue(4000)
    assert "每年 4,000.00 元" in finish(qtbot, page, page.set_amount)
    assert page.amounts.rowCount() == before + 1
    assert any(cell(page.amounts, r, 1) == "4,000.00" for r in range(page.amounts.rowCount()))
    assert "申请期" in finish(qtbot, page, page.set_window)
    assert page.windows.rowCount() == 1 and cell(page.windows, 0, 0) == "2026年秋季学期"


def test_a_village_laptop_sees_the_rules_read_only(qtbot: QtBot, worker: DbWorker) -> None:
    run(qtbot, worker, lambda db: set_role(db, "village"))
    page = RulesPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    assert page.read_only_label.isVisibleTo(page)
    assert not page.save_button.isVisibleTo(page)
    assert not page.amount_button.isVisibleTo(page) and not page.window_button.isVisibleTo(page)
    assert not page.household_types.isEnabled() and not page.evidence.isEnabled()
    # Even called directly, the service refuses and the page says why.
    text = finish(qtbot, page, page.save_rule)
    assert "无权设置补助规则" in text and page.versions.rowCount() == 0


# --- 县审定 ---------------------------------------------------------------------------------------------------


def test_approval_needs_the_joint_opinion(qtbot: QtBot, worker: DbWorker) -> None:
    queue = run(qtbot, worker, to_county_queue)
    page = CountyApprovalPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    assert sorted(tree_ids(page)) == sorted(queue)
    assert page.tree.isColumnHidden(5)  # 审定日期: none yet
    top = page.tree.topLevelItem(0)
    assert top is not None and top.text(0).startswith("庙坝镇")
    assert [page.department.itemText(i) for i in range(page.department.count())] == ["教体局"]
    first, second = queue[0], queue[1]

    # Without 教体局's opinion the approval is refused, with the reason, and nothing changes.
    page.check([first])
    text = finish(qtbot, page, page.approve)
    assert "县审定通过：0 份" in text and "还缺联审意见：教体局" in text
    assert page.message.property("error") is True
    assert states_of(qtbot, worker, [first]) == {first: "township_reviewed"}

    # With it, the approval goes through and the application leaves the queue.
    page.check([first, second])
    page.joint_opinion.setText("同意")
    assert "已记录教体局意见“同意”：2 份" in finish(qtbot, page, page.record_joint_opinion)
    assert joint_column(page, first) == "教体局：同意" and joint_column(page, queue[2]) == ""
    page.check([first, second])
    text = finish(qtbot, page, page.approve)
    assert "县审定通过：2 份" in text and page.message.property("error") is False
    assert states_of(qtbot, worker, [first, second]) == {first: "county_approved", second: "county_approved"}
    assert first not in tree_ids(page) and second not in tree_ids(page)

    # The approved ones are listed for 公告.
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.view.setCurrentIndex(1)
    assert sorted(tree_ids(page)) == sorted([first, second])
    assert page.announce_button.isVisibleTo(page) and not page.approve_button.isVisibleTo(page)
    # …with the day of the approval (a column hidden while awaiting it), also in the line's detail.
    header = page.tree.headerItem()
    assert header is not None and header.text(5) == "审定日期" and not page.tree.isColumnHidden(5)
    assert approved_on_column(page, first) == approved_on_column(page, second) == date.today().isoformat()
    assert page.select_application(first)
    qtbot.waitUntil(lambda: "证明材料" in page.detail.toPlainText(), timeout=20000)
    assert f"县审定日期：{date.today().isoformat()}" in page.detail.toPlainText()
    page.check_all()
    assert "已公告：2 份" in finish(qtbot, page, page.announce)
    assert states_of(qtbot, worker, [first]) == {first: "announced"}


def test_an_approval_by_a_laptop_of_the_last_release_says_its_day_is_not_recorded(
    qtbot: QtBot, worker: DbWorker
) -> None:
    queue = run(qtbot, worker, to_county_queue)

    def old_approval(db: Database) -> None:
        with db.write_connection() as conn:
            conn.exec_driver_sql(
                "UPDATE subsidy_application SET state = 'county_approved', county_opinion = '同意' WHERE id = ?",
                (queue[0],),
            )

    run(qtbot, worker, old_approval)
    page = CountyApprovalPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.view.setCurrentIndex(1)
    assert tree_ids(page) == [queue[0]]
    assert approved_on_column(page, queue[0]) == "未记录"
    iterator = QTreeWidgetItemIterator(page.tree)
    while (item := iterator.value()) and item.data(0, Qt.ItemDataRole.UserRole + 1) != queue[0]:
        iterator += 1
    assert item is not None and "旧版本" in item.toolTip(5)


def test_approval_page_returns_with_a_reason(qtbot: QtBot, worker: DbWorker) -> None:
    queue = run(qtbot, worker, to_county_queue)
    page = CountyApprovalPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    # The current line shows the lower levels' opinions and the evidence checklist.
    assert page.select_application(queue[0])
    qtbot.waitUntil(lambda: "证明材料" in page.detail.toPlainText(), timeout=20000)
    detail = page.detail.toPlainText()
    assert "村委会初审意见：同意" in detail and "乡镇审核意见：同意" in detail
    assert "身份证复印件：✔ 已提供" in detail
    page.check([queue[0]])
    assert "已退回村：1 份" in finish(qtbot, page, lambda: page.return_to_village("学籍证明与学校不符"))

    def returned(db: Database) -> list[Any]:
        return subsidy.applications(db, term=TERM, states=["returned"])

    (row,) = run(qtbot, worker, returned)
    assert row.id == queue[0] and row.returned_reason == "学籍证明与学校不符"
    # Nothing ticked: the page says so and sends nothing.
    with qtbot.waitSignal(page.finished, timeout=5000):
        page.approve()
    assert page.message.text() == "请先勾选要办理的申请"


def test_a_township_laptop_cannot_approve(qtbot: QtBot, worker: DbWorker) -> None:
    queue = run(qtbot, worker, to_county_queue)
    run(qtbot, worker, lambda db: set_role(db, "township"))
    page = CountyApprovalPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    assert not page.approve_button.isEnabled() and not page.joint_button.isEnabled()
    page.check(queue[:1])
    text = finish(qtbot, page, page.approve)
    assert "县审定通过：0 份" in text
    assert states_of(qtbot, worker, queue[:1]) == {queue[0]: "township_reviewed"}


# --- payment --------------------------------------------------------------------------------------------------


def approve_all(db: Database) -> list[str]:
    queue = to_county_queue(db)
    subsidy.set_joint_opinion(db, queue, "教体局", "同意", actor=ACTOR)
    report = subsidy.take_step(db, queue, "county_approved", actor=ACTOR, opinion="同意")
    assert len(report.done) == len(queue)
    # Demo households carry no 一卡通 account; give each application one, as the village records it.
    with db.write_connection() as conn:
        for i, application_id in enumerate(queue):
            conn.exec_driver_sql(
                "UPDATE subsidy_application SET payee_name = '户主', payee_account = ? WHERE id = ?",
                (f"62220202001122{i:05d}", application_id),
            )
    return queue


def bank_result(export: Path, target: Path, *, failed_row: int = 0) -> tuple[str, int]:
    """The bank's result sheet for an exported batch: every row 成功 except one 失败 (账户已销户). Returns the
    failed ID number and the number of people."""
    book = openpyxl.load_workbook(export, read_only=True)
    rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    header_at = next(i for i, r in enumerate(rows) if "身份证号" in r)
    header = rows[header_at]
    id_col, account_col, amount_col = (
        header.index("身份证号"),
        header.index("账号"),
        header.index("金额（元）"),
    )
    people = [r for r in rows[header_at + 1 :] if r[id_col]]
    out = openpyxl.Workbook()
    sheet = out.active
    assert sheet is not None
    sheet.append(["身份证号", "账号", "金额", "发放结果", "失败原因"])
    for i, r in enumerate(people):
        failed = i == failed_row
        sheet.append(
            [
                str(r[id_col]),
                str(r[account_col]),
                r[amount_col],
                "失败" if failed else "成功",
                "账户已销户" if failed else "",
            ]
        )
    out.save(target)
    return str(people[failed_row][id_col]), len(people)


def test_payment_page_makes_a_batch_exports_it_and_imports_the_result(
    qtbot: QtBot, worker: DbWorker, tmp_path: Path
) -> None:
    approved = run(qtbot, worker, approve_all)
    page = PaymentPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    assert page.payable.rowCount() == len(approved)
    assert page.batches.rowCount() == 0 and not page.export_button.isEnabled()

    text = finish(qtbot, page, lambda: page.create_batch(None))
    assert "已建立发放批次 500229-2026秋-01" in text, text
    assert page.payable.rowCount() == 0 and page.batches.rowCount() == 1
    batch = page.selected_batch()
    assert batch is not None and batch.total_count == len(approved) and batch.pending_count == len(approved)
    assert page.export_button.isEnabled() and page.import_button.isEnabled()

    sheet = tmp_path / "一卡通.xlsx"
    text = finish(qtbot, page, lambda: page.export_batch(batch.id, sheet, "报送一卡通平台"))
    assert "已导出一卡通表" in text and sheet.exists()
    assert cell(page.batches, 0, 4) == date.today().isoformat()

    failed_id, people = bank_result(sheet, tmp_path / "结果.xlsx")
    text = finish(qtbot, page, lambda: page.import_result(batch.id, tmp_path / "结果.xlsx"))
    assert text == f"已导入发放结果：发放成功 {people - 1} 人，发放失败 1 人"
    assert "退回村里更正账户" in page.report.toPlainText()
    assert [cell(page.batches, 0, c) for c in (6, 7, 8)] == [str(people - 1), "1", "0"]

    def failures(db: Database) -> list[Any]:
        return subsidy.applications(db, term=TERM, states=["payment_failed"])

    (failed,) = run(qtbot, worker, failures)
    assert failed.payment_failure == "账户已销户" and failed.id_number_masked[-4:] == failed_id[-4:]


def test_a_result_with_errors_applies_nothing_and_lists_the_rows(
    qtbot: QtBot, worker: DbWorker, tmp_path: Path
) -> None:
    run(qtbot, worker, approve_all)

    def make_batch(db: Database) -> str:
        return subsidy_payment.create_batch(db, TERM, actor=ACTOR)

    batch_id = run(qtbot, worker, make_batch)
    page = PaymentPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    result = tmp_path / "结果.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["身份证号", "发放结果", "失败原因"])
    sheet.append(["110105199001010013", "成功", ""])  # nobody of this batch
    book.save(result)
    text = finish(qtbot, page, lambda: page.import_result(batch_id, result))
    assert "全部未导入" in text and page.message.property("error") is True
    assert "第 2 行" in page.report.toPlainText()
    assert cell(page.batches, 0, 6) == "0" and cell(page.batches, 0, 8) != "0"


# --- ledger ---------------------------------------------------------------------------------------------------


def paid_batch(db: Database) -> str:
    """Every application of the queue approved and put in one batch; the bank pays all but one."""
    approved = approve_all(db)
    batch_id = subsidy_payment.create_batch(db, TERM, actor=ACTOR)
    lines = subsidy_payment.batch_lines(db, batch_id)
    assert len(lines) == len(approved)
    path = Path(str(db.path) + "-result.xlsx")
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["身份证号", "账号", "发放结果", "失败原因"])
    for i, line in enumerate(lines):
        sheet.append(
            [line.id_number, line.account, "失败" if i == 0 else "成功", "户名不符" if i == 0 else ""]
        )
    book.save(path)
    report = subsidy_payment.import_result(db, batch_id, path, actor=ACTOR)
    assert not report.errors and report.failed == 1
    return batch_id


def test_ledger_totals_equal_the_batch(qtbot: QtBot, worker: DbWorker, tmp_path: Path) -> None:
    run(qtbot, worker, paid_batch)

    def batch(db: Database) -> Any:
        (found,) = subsidy_payment.batches(db, TERM)
        return found

    paid = run(qtbot, worker, batch)
    assert paid.paid_count >= 3
    page = LedgerPage(worker, ACTOR)
    qtbot.addWidget(page)
    loaded(qtbot, page)
    ledger = page.ledger
    assert ledger is not None
    last = page.summary.rowCount() - 1
    assert cell(page.summary, last, 0) == "合计"
    assert cell(page.summary, last, 4) == str(paid.paid_count)
    assert cell(page.summary, last, 5) == "1"
    assert (
        cell(page.summary, last, 8)
        == yuan(paid.paid_fen, cents=True)
        == yuan(ledger.batches_paid_fen, cents=True)
    )
    assert page.lines.rowCount() == paid.paid_count
    assert {cell(page.lines, r, 0) for r in range(page.lines.rowCount())} == {paid.batch_no}
    assert f"已发放 {paid.paid_count} 人 {yuan(paid.paid_fen, cents=True)} 元" in page.totals.text()
    assert "（与台账一致）" in page.totals.text()

    # One township: its own rows only, the same paid total (the demo county has one township).
    township = page.unit.findText("庙坝镇")
    assert township > 0
    page.unit.setCurrentIndex(township)
    with qtbot.waitSignal(page.loaded, timeout=30000):
        page.refresh()
    assert "庙坝镇" in page.heading.text()
    assert cell(page.summary, page.summary.rowCount() - 1, 8) == yuan(paid.paid_fen, cents=True)

    xlsx, pdf = tmp_path / "台账.xlsx", tmp_path / "台账.pdf"
    assert "已导出台账" in finish(qtbot, page, lambda: page.export_excel(xlsx))
    book = openpyxl.load_workbook(xlsx, read_only=True)
    assert book.sheetnames[:2] == ["汇总", "发放台账"]
    book.close()
    assert "已生成发放台账 PDF" in finish(qtbot, page, lambda: page.print_pdf(pdf))
    assert pdf.read_bytes().startswith(b"%PDF")


def test_the_reason_prompt_stays_closed_without_a_reason(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: dict[str, bool] = {}

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        buttons = dialog.findChild(QDialogButtonBox)
        edit = dialog.findChild(QLineEdit, "reasonEdit")
        assert buttons is not None and edit is not None
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        seen["empty"] = ok.isEnabled()
        edit.setText("  报送一卡通平台 ")
        seen["typed"] = ok.isEnabled()
        ok.click()

    QTimer.singleShot(0, answer)
    assert ask_reason(parent, "导出一卡通表", "请填写理由：", "理由") == "报送一卡通平台"
    assert seen == {"empty": False, "typed": True}
