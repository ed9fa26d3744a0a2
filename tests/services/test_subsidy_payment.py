"""Payment batches (issue 15): a batch takes payable applications once, its 一卡通 sheet has the rule's columns,
text cells and a totals row, and the bank's result is applied all or nothing with row-numbered errors."""

from __future__ import annotations

import dataclasses
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from yulu_desktop.domain.access import AccessDenied, ReasonRequired
from yulu_desktop.domain.entities import SubsidyApplication
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.services import subsidy_payment as pay
from yulu_desktop.services import subsidy_rules
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

sys.path.insert(0, str(Path(__file__).parent))
from subsidy_fixtures import TERM, County, build_county, set_role

TODAY = date(2025, 11, 20)


@pytest.fixture
def county(db: Database) -> County:
    found = build_county(db)
    set_role(db, "county")
    return found


def _state(db: Database, application_id: str) -> SubsidyApplication:
    with db.read() as session:
        found = session.get(SubsidyApplication, application_id)
        assert found is not None
        session.expunge(found)
        return found


def _audit_actions(db: Database) -> list[tuple[str, str]]:
    a = schema.audit_log
    with db.read_connection() as conn:
        return [(r.action, r.entity) for r in conn.execute(select(a.c.action, a.c.entity))]


def _result_file(path: Path, rows: list[tuple[object, ...]], *, title: bool = True) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    if title:
        sheet.append(("城口县惠民惠农一卡通发放结果",))
        sheet.append(())
    sheet.append(("序号", "姓名", "证件号码", "账号", "金额", "发放结果", "失败原因"))
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def _line(
    county: County, name: str, result: str, reason: str = "", *, amount: object = None
) -> tuple[object, ...]:
    person = county.people[name]
    application = county.applications[name]
    shown_amount = application.amount_fen / 100 if amount is None else amount
    return (1, name, person.id_number, application.payee_account, shown_amount, result, reason)


def test_create_batch_takes_every_payable_application_once(db: Database, county: County) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)

    taken = {"张坤", "李娜", "王强", "赵敏"}  # county approved or announced; 孙磊 and 周杰 are not yet
    for name, application in county.applications.items():
        stored = _state(db, application.id)
        if name in taken:
            assert (stored.state, stored.payment_batch_id) == ("in_payment", batch_id)
        else:
            assert stored.state == application.state and stored.payment_batch_id is None
    (row,) = pay.batches(db, TERM)
    assert row.batch_no == "500229-2025秋-01"
    assert (row.total_count, row.total_fen) == (4, 650000)
    assert (row.paid_count, row.failed_count, row.pending_count) == (0, 0, 4)

    # In payment: no second batch takes them, and nothing is left to pay.
    with pytest.raises(YuluError, match="没有待发放"):
        pay.create_batch(db, TERM, actor="", today=TODAY)
    with pytest.raises(YuluError, match="张坤：已在其他发放批次中"):
        pay.create_batch(db, TERM, [county.applications["张坤"].id], actor="", today=TODAY)
    assert len(pay.batches(db, TERM)) == 1


def test_a_chosen_batch_is_all_or_nothing(db: Database, county: County) -> None:
    ids = [county.applications["张坤"].id, county.applications["孙磊"].id]
    with pytest.raises(YuluError, match="孙磊") as caught:
        pay.create_batch(db, TERM, ids, actor="", today=TODAY)
    assert "张坤" not in str(caught.value)
    assert _state(db, county.applications["张坤"].id).state == "county_approved"
    assert pay.batches(db) == []


def test_only_the_county_makes_batches(db: Database, county: County) -> None:
    for role in ("village", "township"):
        set_role(db, role, name="李乡")
        with pytest.raises(AccessDenied):
            pay.create_batch(db, TERM, actor="", today=TODAY)
    assert pay.batches(db) == []
    assert _state(db, county.applications["张坤"].id).state == "county_approved"


def test_an_application_without_account_is_refused(db: Database, county: County) -> None:
    with db.write() as session:
        found = session.get(SubsidyApplication, county.applications["李娜"].id)
        assert found is not None
        found.payee_account = ""
    with pytest.raises(YuluError, match="李娜：没有收款账号"):
        pay.create_batch(db, TERM, actor="", today=TODAY)


def test_export_writes_the_rule_columns_as_text_with_totals(
    db: Database, county: County, tmp_path: Path
) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    target = tmp_path / "发放表.xlsx"

    with pytest.raises(ReasonRequired):
        pay.export_batch(db, batch_id, target, actor="", reason="")
    assert not target.exists()

    pay.export_batch(db, batch_id, target, actor="", reason="报送一卡通平台", today=TODAY)

    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("序号", "姓名", "身份证号", "账号", "金额（元）", "补贴项目")
    body, total = rows[1:-1], rows[-1]
    assert {r[1] for r in body} == {"张坤", "李娜", "王强", "赵敏"}
    zhang = next(r for r in body if r[1] == "张坤")
    assert zhang[2] == county.people["张坤"].id_number  # full, as text: no 5.00229E+17
    assert zhang[3] == "6217000000000000011"
    assert Decimal(str(zhang[4])) == Decimal("1500.00")
    assert zhang[5] == "雨露计划补助"
    assert total[0] == "合计" and total[1] == "4 人"
    assert Decimal(str(total[4])) == Decimal("6500.00")
    for cells in sheet.iter_rows(min_row=2, max_row=sheet.max_row - 1):
        assert cells[2].data_type == "s" and cells[3].data_type == "s"
        assert cells[4].number_format == "#,##0.00"

    (row,) = pay.batches(db, TERM)
    assert row.exported_on == TODAY
    assert ("export", "subsidy_payment_batch") in _audit_actions(db)


def test_export_follows_the_county_column_layout(db: Database, county: County, tmp_path: Path) -> None:
    rule = dataclasses.replace(
        DEFAULT_RULE,
        version=1,
        effective_from=date(2025, 1, 1),
        payment_columns=(
            "seq",
            "township",
            "village",
            "name",
            "payee_name",
            "id_number",
            "account",
            "amount",
        ),
    )
    subsidy_rules.save_rule(db, rule, actor="")
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    target = pay.export_batch(db, batch_id, tmp_path / "b.xlsx", actor="", reason="报送")
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None
    header = next(sheet.iter_rows(values_only=True))
    assert header == ("序号", "乡镇", "村", "姓名", "持卡人", "身份证号", "账号", "金额（元）")
    shi = next(r for r in sheet.iter_rows(values_only=True) if r[3] == "赵敏")
    assert shi[1:3] == ("庙坝镇", "石坪村") and shi[4] == "赵敏家长"


def test_the_village_may_not_export_a_batch(db: Database, county: County, tmp_path: Path) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    set_role(db, "village", name="李村")
    with pytest.raises(AccessDenied):
        pay.export_batch(db, batch_id, tmp_path / "x.xlsx", actor="", reason="想看看")
    assert not (tmp_path / "x.xlsx").exists()


def test_import_result_pays_and_fails(db: Database, county: County, tmp_path: Path) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    result = _result_file(
        tmp_path / "result.xlsx",
        [
            _line(county, "张坤", "成功"),
            _line(county, "李娜", "失败", "账户已销户"),
            _line(county, "王强", "成功"),
            _line(county, "赵敏", "成功"),
            ("合计", None, None, None, 6500, None, None),
        ],
    )
    report = pay.import_result(db, batch_id, result, actor="", today=date(2025, 12, 1))

    assert report.ok and (report.paid, report.failed, report.pending) == (3, 1, 0)
    zhang = _state(db, county.applications["张坤"].id)
    assert (zhang.state, zhang.paid_on) == ("paid", date(2025, 12, 1))
    li = _state(db, county.applications["李娜"].id)
    assert (li.state, li.payment_failure, li.paid_on) == ("payment_failed", "账户已销户", None)
    (row,) = pay.batches(db, TERM)
    assert (row.paid_count, row.failed_count, row.pending_count) == (3, 1, 0)
    assert row.paid_fen == 500000 and row.result_imported_on == date(2025, 12, 1)
    assert ("import", "subsidy_payment_batch") in _audit_actions(db)


def test_a_failed_payment_goes_into_a_later_batch_after_the_account_is_fixed(
    db: Database, county: County, tmp_path: Path
) -> None:
    first = pay.create_batch(db, TERM, actor="", today=TODAY)
    result = _result_file(tmp_path / "r1.xlsx", [_line(county, "李娜", "失败", "账号错误")])
    assert pay.import_result(db, first, result, actor="").failed == 1
    li = county.applications["李娜"].id
    with pytest.raises(YuluError, match="发放失败"):  # not until the village fixed the account
        pay.create_batch(db, TERM, [li], actor="", today=TODAY)
    with db.write() as session:
        found = session.get(SubsidyApplication, li)
        assert found is not None
        found.state, found.payee_account = "account_fixed", "6217000000000000078"

    second = pay.create_batch(db, TERM, [li], actor="", today=TODAY)

    assert second != first
    assert {b.batch_no for b in pay.batches(db, TERM)} == {"500229-2025秋-01", "500229-2025秋-02"}
    by_id = {b.id: b for b in pay.batches(db, TERM)}
    assert by_id[first].failed_count == 1  # the first batch still says one failed
    assert by_id[second].pending_count == 1
    person = county.people["李娜"]
    result2 = _result_file(
        tmp_path / "r2.xlsx", [(1, "李娜", person.id_number, "6217000000000000078", 1500, "成功", "")]
    )
    report = pay.import_result(db, second, result2, actor="")
    assert report.ok and report.paid == 1
    assert _state(db, li).state == "paid"


@pytest.mark.parametrize(
    ("bad_row", "message"),
    [
        (
            (9, "无名", "110105194912310029", "6217", 1500, "成功", ""),
            r"第 5 行：身份证号 110105\*+0029 找不到对应的人员",
        ),
        ("孙磊", "第 5 行：身份证号 .* 不在本批次"),
        ("amount", "第 5 行：.*金额 1,499.00 元与发放表 1,500.00 元不一致"),
        ("result", "第 5 行：发放结果“待定”无法识别"),
        ("duplicate", "第 5 行：与第 4 行是同一人"),
        ("account", "第 5 行：.*账号与发放表不一致"),
    ],
)
def test_a_result_with_an_error_applies_nothing(
    db: Database, county: County, tmp_path: Path, bad_row: object, message: str
) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    good = _line(county, "张坤", "成功")
    bad: tuple[object, ...]
    if bad_row == "孙磊":
        bad = _line(county, "孙磊", "成功")
    elif bad_row == "amount":
        bad = _line(county, "李娜", "成功", amount=1499)
    elif bad_row == "result":
        bad = _line(county, "李娜", "待定")
    elif bad_row == "duplicate":
        bad = _line(county, "张坤", "失败", "重复")
    elif bad_row == "account":
        bad = (*_line(county, "李娜", "成功")[:3], "6217999999999999999", 1500, "成功", "")
    else:
        assert isinstance(bad_row, tuple)
        bad = bad_row
    result = _result_file(tmp_path / "bad.xlsx", [good, bad])  # title, blank, header: rows 4 and 5

    report = pay.import_result(db, batch_id, result, actor="")

    assert not report.ok and (report.paid, report.failed) == (0, 0)
    assert any(re.search(message, e) for e in report.errors), report.errors
    assert _state(db, county.applications["张坤"].id).state == "in_payment"  # the good row was not applied
    (row,) = pay.batches(db, TERM)
    assert row.result_imported_on is None


def test_a_result_for_an_already_paid_application_is_refused(
    db: Database, county: County, tmp_path: Path
) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    first = _result_file(tmp_path / "r.xlsx", [_line(county, "张坤", "成功")])
    assert pay.import_result(db, batch_id, first, actor="").paid == 1

    again = _result_file(
        tmp_path / "again.xlsx", [_line(county, "李娜", "成功"), _line(county, "张坤", "成功")]
    )
    report = pay.import_result(db, batch_id, again, actor="")

    assert report.errors == (
        "第 5 行：身份证号 "
        + _masked(county, "张坤")
        + " 的补助已发放（批次 500229-2025秋-01），不能重复发放",
    )
    assert _state(db, county.applications["李娜"].id).state == "in_payment"


def _masked(county: County, name: str) -> str:
    from yulu_desktop.domain.masking import mask_id_number

    return mask_id_number(county.people[name].id_number)


def test_a_sheet_without_the_needed_headers_is_refused(db: Database, county: County, tmp_path: Path) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("姓名", "金额"))
    sheet.append(("张坤", 1500))
    book.save(tmp_path / "wrong.xlsx")
    report = pay.import_result(db, batch_id, tmp_path / "wrong.xlsx", actor="")
    assert report.errors and "没有找到表头" in report.errors[0]


def test_only_the_county_imports_a_result(db: Database, county: County, tmp_path: Path) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    result = _result_file(tmp_path / "r.xlsx", [_line(county, "张坤", "成功")])
    set_role(db, "township", name="李乡")
    with pytest.raises(AccessDenied):
        pay.import_result(db, batch_id, result, actor="")
    assert _state(db, county.applications["张坤"].id).state == "in_payment"


def test_payable_lists_what_a_batch_would_take(db: Database, county: County, tmp_path: Path) -> None:
    assert sorted(row.name for row in pay.payable(db, TERM)) == ["张坤", "李娜", "王强", "赵敏"]
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    assert pay.payable(db, TERM) == []
    result = _result_file(tmp_path / "r.xlsx", [_line(county, "李娜", "失败", "卡号错误")])
    pay.import_result(db, batch_id, result, actor="")
    assert pay.payable(db, TERM) == []  # failed: the village fixes the account first
    with db.write() as session:
        found = session.get(SubsidyApplication, county.applications["李娜"].id)
        assert found is not None
        found.state = "account_fixed"
    assert [row.name for row in pay.payable(db, TERM)] == ["李娜"]


def test_an_id_number_excel_turned_into_a_number_is_an_error(
    db: Database, county: County, tmp_path: Path
) -> None:
    batch_id = pay.create_batch(db, TERM, actor="", today=TODAY)
    id_number = county.people["张坤"].id_number
    assert id_number is not None
    as_number = float(id_number[:17] + "0")  # what Excel keeps of an ID typed into a number cell
    result = _result_file(tmp_path / "r.xlsx", [(1, "张坤", as_number, None, 1500, "成功", "")])
    report = pay.import_result(db, batch_id, result, actor="")
    assert len(report.errors) == 1 and report.errors[0].startswith("第 4 行：身份证号")
    assert "数字" in report.errors[0]
    assert _state(db, county.applications["张坤"].id).state == "in_payment"
