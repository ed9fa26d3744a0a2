"""The 发放台账 (issue 15): per village with township subtotals and the total, amounts approved and paid, the
payment lines, and the students who qualify but did not apply; totals equal the payment batches'."""

from __future__ import annotations

import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import select

from yulu_desktop.domain.entities import SubsidyApplication
from yulu_desktop.services import subsidy_ledger as ledgers
from yulu_desktop.services import subsidy_payment as pay
from yulu_desktop.services.subsidy import descendants, units_under
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


def _result(path: Path, county: County, rows: list[tuple[str, str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("姓名", "身份证号", "发放结果", "失败原因"))
    for name, result, reason in rows:
        sheet.append((name, county.people[name].id_number, result, reason))
    book.save(path)
    return path


def _pay_two_batches(db: Database, county: County, tmp_path: Path) -> None:
    """First batch: 李娜 fails; after the account is fixed the second batch pays her."""
    first = pay.create_batch(db, TERM, actor="", today=TODAY)
    paid = [("张坤", "成功", ""), ("李娜", "失败", "卡已注销"), ("王强", "成功", ""), ("赵敏", "成功", "")]
    assert pay.import_result(db, first, _result(tmp_path / "r1.xlsx", county, paid), actor="").ok
    with db.write() as session:
        found = session.get(SubsidyApplication, county.applications["李娜"].id)
        assert found is not None
        found.state, found.payee_account = "account_fixed", "6217000000000000078"
    second = pay.create_batch(db, TERM, actor="", today=TODAY)
    report = pay.import_result(
        db, second, _result(tmp_path / "r2.xlsx", county, [("李娜", "成功", "")]), actor=""
    )
    assert report.paid == 1


def test_ledger_rows_subtotals_and_totals(db: Database, county: County) -> None:
    book = ledgers.ledger(db, TERM, today=TODAY)

    assert [(r.level, r.label) for r in book.rows] == [
        ("village", "红岩村"),
        ("village", "石坪村"),
        ("township", "庙坝镇小计"),
        ("village", "三岔村"),
        ("township", "高观镇小计"),
        ("total", "合计"),
    ]
    hongyan, shiping, miaoba, sancha, gaoguan, total = book.rows
    assert hongyan.counts == {"county_approved": 2, "announced": 1}
    assert hongyan.approved_fen == 500000 and hongyan.paid_fen == 0
    assert hongyan.not_applied == 1  # 陈晨 (监测户); 刘洋 of a 一般户 household does not qualify
    assert shiping.counts == {"county_approved": 1, "township_reviewed": 1}
    assert shiping.approved_fen == 150000  # the township-reviewed one is not approved yet
    assert miaoba.applied == 5 and miaoba.approved_fen == 650000 and miaoba.not_applied == 1
    assert sancha.counts == {"applied": 1} and gaoguan.applied == 1 and gaoguan.not_applied == 0
    assert total.applied == 6 and total.approved_fen == 650000 and total.approved_count == 4
    assert [s.name for s in book.not_applied] == ["陈晨"]
    assert book.lines == ()


def test_ledger_totals_equal_the_batches(db: Database, county: County, tmp_path: Path) -> None:
    _pay_two_batches(db, county, tmp_path)

    book = ledgers.ledger(db, TERM, today=TODAY)

    batches = pay.batches(db, TERM)
    assert len(batches) == 2
    assert book.total.paid_fen == sum(b.paid_fen for b in batches) == 650000
    assert book.total.paid_count == sum(b.paid_count for b in batches) == 4
    assert book.lines_fen == book.total.paid_fen == book.batches_paid_fen
    assert [(no, count) for no, count, _ in book.batches] == [
        ("500229-2025秋-01", 3),
        ("500229-2025秋-02", 1),
    ]
    li = next(x for x in book.lines if x.name == "李娜")
    assert li.batch_no == "500229-2025秋-02" and li.village_name == "红岩村" and li.township_name == "庙坝镇"
    assert "*" in li.id_number_masked and li.id_number_masked != county.people["李娜"].id_number


def test_ledger_of_a_township_and_a_village(db: Database, county: County, tmp_path: Path) -> None:
    _pay_two_batches(db, county, tmp_path)

    township = ledgers.ledger(db, TERM, unit_id=county.townships["miaoba"].id, today=TODAY)
    village = ledgers.ledger(db, TERM, unit_id=county.villages["shiping"].id, today=TODAY)

    assert [r.label for r in township.rows] == ["红岩村", "石坪村", "庙坝镇小计", "合计"]
    assert township.scope_name == "城口县 庙坝镇"
    assert township.total.paid_fen == 650000  # every paid student is in 庙坝镇
    assert [r.label for r in village.rows] == ["石坪村", "庙坝镇小计", "合计"]
    assert village.total.paid_fen == 150000 and [x.name for x in village.lines] == ["赵敏"]
    assert village.not_applied == ()


def test_export_ledger_has_three_sheets_masked_and_audited(
    db: Database, county: County, tmp_path: Path
) -> None:
    _pay_two_batches(db, county, tmp_path)
    target = ledgers.export_ledger(db, TERM, tmp_path / "台账.xlsx", actor="", today=TODAY)

    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["汇总", "发放台账", "未申请"]
    summary = list(book["汇总"].iter_rows(values_only=True))
    header = summary[1]
    assert header[:3] == ("乡镇", "村", "申请人数") and "已发放金额（元）" in header
    total = summary[-1]
    assert total[0] == "合计"
    assert Decimal(str(total[header.index("已发放金额（元）")])) == Decimal("6500.00")
    lines = list(book["发放台账"].iter_rows(values_only=True))
    assert lines[1][:4] == ("序号", "发放批次", "姓名", "身份证号")
    ids = [r[3] for r in lines[2:-1]]
    assert len(ids) == 4 and all("*" in i for i in ids)
    assert lines[-1][0] == "合计" and Decimal(str(lines[-1][7])) == Decimal("6500.00")
    everything = " ".join(str(c) for sheet in book for row in sheet.iter_rows(values_only=True) for c in row)
    for person in county.people.values():
        assert str(person.id_number) not in everything
    assert "6217000000000000011" not in everything
    assert [r[1] for r in book["未申请"].iter_rows(min_row=3, values_only=True)] == ["陈晨"]
    a = schema.audit_log
    with db.read_connection() as conn:
        assert conn.execute(select(a.c.entity).where(a.c.action == "export")).scalars().all() == [
            "subsidy_ledger"
        ]


def test_payment_lines_show_the_day_of_approval(db: Database, county: County, tmp_path: Path) -> None:
    """The 发放台账 names the day of 县审定 beside the day paid (empty for an approval by a laptop of the last
    release), in the list, the Excel sheet and the PDF's rows."""
    with db.write() as session:
        found = session.get(SubsidyApplication, county.applications["张坤"].id)
        assert found is not None
        found.county_approved_on = date(2025, 11, 3)
    _pay_two_batches(db, county, tmp_path)

    book = ledgers.ledger(db, TERM, today=TODAY)
    approved = {x.name: x.county_approved_on for x in book.lines}
    assert approved == {"张坤": date(2025, 11, 3), "李娜": None, "王强": None, "赵敏": None}
    printed = ledgers.ledger_print_data(book, printed_by="王县")
    (zhang,) = (row for row in printed.lines if row[2] == "张坤")
    assert zhang[-2] == "2025-11-03" and zhang[-1]  # 审定日期, 发放日期
    target = ledgers.export_ledger(db, TERM, tmp_path / "台账.xlsx", actor="", today=TODAY)
    sheet = list(openpyxl.load_workbook(target)["发放台账"].iter_rows(values_only=True))
    header = sheet[1]
    column = header.index("审定日期")
    assert header[column + 1] == "发放日期"
    (row,) = (r for r in sheet[2:-1] if r[2] == "张坤")
    assert str(row[column])[:10] == "2025-11-03"


def test_descendants_are_the_unit_and_everything_below_it() -> None:
    units = [
        ("county", None),
        ("t1", "county"),
        ("t2", "county"),
        ("v1", "t1"),
        ("v2", "t1"),
        ("v3", "t2"),
        ("a", "b"),  # a loop (bad data) must not hang the walk
        ("b", "a"),
    ]
    assert descendants(units, "t1") == {"t1", "v1", "v2"}
    assert descendants(units, "county") == {"county", "t1", "t2", "v1", "v2", "v3"}
    assert descendants(units, "v3") == {"v3"}
    assert descendants(units, "a") == {"a", "b"}
    assert descendants(units, "gone") == {"gone"}


def test_ledger_and_application_lists_agree_on_what_is_under_a_township(db: Database, county: County) -> None:
    township = county.townships["miaoba"].id
    with db.read_connection() as conn:
        under = units_under(conn, township)
    assert under == {township} | {v.id for v in county.villages.values() if v.parent_id == township}
    assert len(under) > 2  # the township and at least two villages

    ledger = ledgers.ledger(db, TERM, unit_id=township, today=TODAY)
    villages = {r.unit_id for r in ledger.rows if r.level == "village"}
    assert villages == under - {township}
