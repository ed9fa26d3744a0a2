"""The whole 雨露计划 cycle across a village, a township and a county laptop with a real county server (issue 15,
"Done when"), on SQLite and PostgreSQL.

Each laptop works only through the services a cadre's screen calls, and the laptops exchange everything only by
syncing with the server: the county sets the rule (with a joint reviewer) and the amount; the village applies
with evidence, 初审, puts the students on a 公示 that gets an objection (dismissed); the township reviews after
the 公示 ended and returns one application, which the village applies for again and puts on a new 公示; the county
approves with the joint opinion, makes a payment batch, exports it, imports the bank's result with one failure;
the village fixes that account, the county pays it in a second batch; the ledger's totals equal the batches'.

Dates are days before today: the server judges a step after a 公示 by min(its today, the change's clock), so
every 公示 has to be over in real time.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import text
from sync_helpers import COUNTY, VILLAGE_A, County

from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import Enrollment, Household, Person
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE, RuleSet
from yulu_desktop.services import subsidy, subsidy_ledger, subsidy_payment, subsidy_publicity, subsidy_rules
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

pytestmark = pytest.mark.slow

TERM = "2026-autumn"
T = date.today()
ANNUAL_FEN = 300_000
RULE = RuleSet(
    version=1,
    effective_from=date(2020, 1, 1),
    household_types=frozenset({"tuopin", "jiance"}),
    school_types=DEFAULT_RULE.school_types,
    registry_statuses=frozenset({"enrolled"}),
    publicity_min_days=7,
    joint_reviewers=("教体局",),
)
STUDENTS = ("张坤", "李娜", "王强")


def _day(n: int) -> date:
    """``n`` days before today."""
    return T - timedelta(days=n)


def _sync(*clients: SyncClient) -> None:
    for client in clients:
        report = client.sync_once()
        assert not report.push_error, report.push_error
        assert report.quarantined == 0 and report.rejected == 0, report


def _refusals(db: Database) -> list[str]:
    with db.read_connection() as conn:
        return [str(r[0]) for r in conn.execute(text("SELECT loser_author FROM sync_conflict"))]


def _states(db: Database) -> dict[str, str]:
    return {row.name: row.state for row in subsidy.applications(db, term=TERM)}


def _students(
    village: Database, village_id: str, *, names: tuple[str, ...] = STUDENTS, household_type: str = "tuopin"
) -> dict[str, str]:
    """Students of 红岩村 at a 中职 school this term, each in their own household (脱贫户) with an account."""
    ids: dict[str, str] = {}
    first = 1 if names == STUDENTS else 10
    with village.write() as session:
        for n, name in enumerate(names, start=first):
            household = Household(
                household_no=f"50022910120100{n:02d}",
                village_id=village_id,
                household_type=household_type,
                payee_name=f"{name}家长",
                payee_account=f"62170000000000000{n}1",
            )
            person = Person(
                household_id=household.id,
                name=name,
                id_number=make_id_number("500229", date(2008, 5, n), 20 + 2 * n),
                relationship="20",
            )
            enrollment = Enrollment(
                person_id=person.id,
                school_year="2026-2027",
                semester="autumn",
                school_name="重庆三峡职业学院",
                school_type="zhongzhuan",
                registry_status="enrolled",
                grade="2025级",
            )
            for record in (household, person, enrollment):
                session.add(record)
                session.flush()
            ids[name] = person.id
    return ids


def _bank_result(path: Path, exported: Path, outcomes: dict[str, tuple[str, str]]) -> Path:
    """The bank's returned sheet: the exported rows (by ID number, account and amount) with a result column."""
    sheet = openpyxl.load_workbook(exported).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    name_col, id_col = header.index("姓名"), header.index("身份证号")
    account_col, amount_col = header.index("账号"), header.index("金额（元）")
    book = openpyxl.Workbook()
    out = book.active
    assert out is not None
    out.append(("惠民惠农财政补贴资金一卡通发放结果",))
    out.append(("姓名", "证件号码", "账号", "金额", "发放结果", "失败原因"))
    for row in rows[1:]:
        if row[0] == "合计":
            continue
        result, reason = outcomes[str(row[name_col])]
        out.append((row[name_col], row[id_col], row[account_col], row[amount_col], result, reason))
    book.save(path)
    return path


def _ids(db: Database) -> dict[str, str]:
    return {row.name: row.id for row in subsidy.applications(db, term=TERM)}


def test_the_subsidy_cycle_end_to_end(county: County, tmp_path: Path) -> None:
    office, office_sync = county.device("county")
    village, village_sync = county.device("hongyan")
    township, township_sync = county.device("miaoba")

    # --- the county sets the rule, the amount and the application window ------------------------------------
    _sync(office_sync)
    subsidy_rules.save_rule(office, RULE, actor="")
    subsidy_rules.set_amount(office, "zhongzhuan", ANNUAL_FEN, effective_from=date(2020, 1, 1), actor="")
    subsidy_rules.set_window(office, TERM, _day(100), _day(-30), actor="")
    with pytest.raises(AccessDenied):  # the village sets no rules
        subsidy_rules.set_amount(village, "zhongzhuan", 1, effective_from=date(2020, 1, 1), actor="")
    _sync(office_sync, village_sync, township_sync)
    assert [r.joint_reviewers for r in subsidy_rules.rules_of_county(village)] == [("教体局",)]

    # --- the village applies with evidence, 初审, 公示 with an objection ---------------------------------------
    people = _students(village, county.unit_id(VILLAGE_A))
    report = subsidy.apply(village, list(people.values()), TERM, actor="", today=_day(80))
    assert len(report.done) == 3 and not report.refused
    again = subsidy.apply(village, [people["张坤"]], TERM, actor="", today=_day(80))
    assert not again.done and "张坤" in again.refused[0][1]  # one application per person and term
    ineligible = _students(village, county.unit_id(VILLAGE_A), names=("刘洋",), household_type="yiban")
    refused = subsidy.apply(village, [ineligible["刘洋"]], TERM, actor="", today=_day(80))
    assert not refused.done and "户类型" in refused.refused[0][2]  # a 一般户's child does not qualify
    apps = _ids(village)
    assert set(apps) == set(STUDENTS)
    assert all(
        row.amount_fen == ANNUAL_FEN // 2 and row.rule_version == 1 for row in subsidy.applications(village)
    )

    early = subsidy.take_step(village, list(apps.values()), "village_reviewed", actor="", today=_day(79))
    assert not early.done and len(early.refused) == 3  # no evidence yet
    scan = subsidy.attach_evidence(
        village,
        apps["张坤"],
        "id_card",
        "身份证.pdf",
        b"%PDF-1.4\n% id card scan\n",
        actor="",
        today=_day(79),
    )
    assert scan
    for app_id in apps.values():
        for item in subsidy.evidence(village, app_id):
            if not item.provided:
                subsidy.set_evidence(village, app_id, item.kind, provided=True, actor="", today=_day(79))
    reviewed = subsidy.take_step(
        village, list(apps.values()), "village_reviewed", actor="", opinion="情况属实", today=_day(78)
    )
    assert set(reviewed.done) == set(apps.values())
    first_publicity = subsidy_publicity.publicize(
        village,
        list(apps.values()),
        starts_on=_day(75),
        ends_on=_day(69),
        place="红岩村村务公开栏",
        actor="",
        today=_day(75),
    )
    objection = subsidy_publicity.raise_objection(
        village, apps["李娜"], raised_by="匿名", content="家里新买了车", raised_on=_day(73), actor=""
    )
    subsidy_publicity.resolve_objection(
        village, objection, outcome="dismissed", note="经核实车辆为亲戚借用", actor="", today=_day(71)
    )
    pdf = subsidy_ledger.print_publicity_list(village, first_publicity, tmp_path / "公示.pdf", actor="")
    assert pdf.stat().st_size > 0
    _sync(village_sync)

    # --- the township reviews after the 公示 ended, and returns one to the village ----------------------------
    _sync(township_sync)
    assert set(_states(township).values()) == {"publicized"}
    too_early = subsidy.take_step(township, [apps["张坤"]], "township_reviewed", actor="", today=_day(69))
    assert not too_early.done and "公示" in too_early.refused[0][2]
    with pytest.raises(AccessDenied):  # a township laptop does not pay
        subsidy_payment.create_batch(township, TERM, actor="", today=_day(60))
    passed = subsidy.take_step(
        township, [apps["张坤"], apps["李娜"]], "township_reviewed", actor="", opinion="同意", today=_day(65)
    )
    assert len(passed.done) == 2, passed.refused
    returned = subsidy.take_step(
        township, [apps["王强"]], "returned", actor="", reason="学籍证明看不清，请重新提供", today=_day(65)
    )
    assert returned.done == (apps["王强"],)
    _sync(township_sync)

    # --- the village applies again for the returned one: 初审 and a new 公示 -----------------------------------
    _sync(village_sync)
    assert [row.name for row in subsidy.returned_to_village(village)] == ["王强"]
    approve_here = subsidy.take_step(village, [apps["张坤"]], "county_approved", actor="", opinion="同意")
    assert not approve_here.done and approve_here.refused  # a village laptop does not approve
    assert subsidy.take_step(village, [apps["王强"]], "applied", actor="", today=_day(60)).done
    assert subsidy.take_step(
        village, [apps["王强"]], "village_reviewed", actor="", opinion="已补", today=_day(60)
    ).done
    second_publicity = subsidy_publicity.publicize(
        village, [apps["王强"]], starts_on=_day(58), ends_on=_day(52), actor="", today=_day(58)
    )
    assert second_publicity != first_publicity
    _sync(village_sync, township_sync)
    assert subsidy.take_step(
        township, [apps["王强"]], "township_reviewed", actor="", opinion="同意", today=_day(50)
    ).done
    _sync(township_sync)

    # --- the county approves with the joint opinion -----------------------------------------------------------
    _sync(office_sync)
    assert set(_states(office).values()) == {"township_reviewed"}
    missing_joint = subsidy.take_step(
        office, list(apps.values()), "county_approved", actor="", opinion="同意", today=_day(45)
    )
    assert not missing_joint.done and "教体局" in missing_joint.refused[0][2]
    subsidy.set_joint_opinion(office, list(apps.values()), "教体局", "同意", actor="")
    approved = subsidy.take_step(
        office, list(apps.values()), "county_approved", actor="", opinion="同意", today=_day(45)
    )
    assert set(approved.done) == set(apps.values())

    # --- payment: a batch, its export, the bank's result with one failure --------------------------------------
    first = subsidy_payment.create_batch(office, TERM, actor="", today=_day(40))
    exported = subsidy_payment.export_batch(
        office, first, tmp_path / "batch1.xlsx", actor="", reason="报送一卡通平台"
    )
    result = _bank_result(
        tmp_path / "result1.xlsx",
        exported,
        {"张坤": ("成功", ""), "李娜": ("失败", "账户已销户"), "王强": ("成功", "")},
    )
    outcome = subsidy_payment.import_result(office, first, result, actor="", today=_day(30))
    assert outcome.ok and (outcome.paid, outcome.failed) == (2, 1), outcome.errors
    again_result = subsidy_payment.import_result(office, first, result, actor="", today=_day(30))
    assert not again_result.ok and any("不能重复发放" in e for e in again_result.errors)
    _sync(office_sync)

    # --- the village fixes the account; the county pays it in a second batch -----------------------------------
    _sync(village_sync)
    assert _states(village) == {"张坤": "paid", "李娜": "payment_failed", "王强": "paid"}
    subsidy.fix_account(
        village, apps["李娜"], payee_name="李娜", payee_account="6217000000000000991", actor=""
    )
    _sync(village_sync, office_sync)
    assert _states(office)["李娜"] == "account_fixed"
    second = subsidy_payment.create_batch(office, TERM, actor="", today=_day(20))
    assert second != first
    exported2 = subsidy_payment.export_batch(
        office, second, tmp_path / "batch2.xlsx", actor="", reason="补发"
    )
    result2 = _bank_result(tmp_path / "result2.xlsx", exported2, {"李娜": ("成功", "")})
    assert subsidy_payment.import_result(office, second, result2, actor="", today=_day(10)).paid == 1
    _sync(office_sync, village_sync, township_sync)

    # --- everyone sees it paid; the ledger's totals equal the batches' ------------------------------------------
    for db in (office, village, township):
        assert set(_states(db).values()) == {"paid"}
    batches = subsidy_payment.batches(office, TERM)
    assert [
        (b.total_count, b.paid_count, b.failed_count) for b in sorted(batches, key=lambda b: b.batch_no)
    ] == [
        (3, 2, 1),
        (1, 1, 0),
    ]
    book = subsidy_ledger.ledger(office, TERM, today=T)
    assert book.total.paid_fen == sum(b.paid_fen for b in batches) == 3 * ANNUAL_FEN // 2
    assert book.total.paid_count == 3 and book.lines_fen == book.total.paid_fen
    village_book = subsidy_ledger.ledger(village, TERM, today=T)
    assert village_book.total.paid_fen == book.total.paid_fen and len(village_book.lines) == 3
    assert [s.name for s in book.not_applied] == []  # 刘洋 does not qualify; the others applied
    assert (
        subsidy_ledger.print_ledger(office, TERM, tmp_path / "台账.pdf", actor="", today=T).stat().st_size > 0
    )
    assert not any(_refusals(db) for db in (office, village, township))


def _payable_in_batch(county: County) -> tuple[Database, SyncClient, dict[str, Any]]:
    """A county laptop with three approved applications written straight into its database (the negative cases
    below are about the payment service, not the cycle before it)."""
    office, office_sync = county.device("county")
    _sync(office_sync)
    village_id = county.unit_id(VILLAGE_A)
    people = _students(office, village_id)
    from yulu_desktop.domain.entities import SubsidyApplication

    with office.write() as session:
        for name, person_id in people.items():
            session.add(
                SubsidyApplication(
                    person_id=person_id,
                    term=TERM,
                    amount_fen=ANNUAL_FEN // 2,
                    payee_name=f"{name}家长",
                    payee_account=f"62170000000000000{STUDENTS.index(name) + 1}1",
                    state="county_approved",
                    applied_on=_day(80),
                )
            )
    assert subsidy_rules.county_code(office) == COUNTY
    return office, office_sync, people


def test_a_result_for_an_unknown_or_already_paid_application_changes_nothing(
    county: County, tmp_path: Path
) -> None:
    office, _, _ = _payable_in_batch(county)
    batch = subsidy_payment.create_batch(office, TERM, actor="", today=_day(5))
    exported = subsidy_payment.export_batch(office, batch, tmp_path / "b.xlsx", actor="", reason="报送")
    paid_one = _bank_result(tmp_path / "one.xlsx", exported, dict.fromkeys(STUDENTS, ("成功", "")))
    # Only 张坤 first: drop the others from the result.
    sheet_book = openpyxl.load_workbook(paid_one)
    sheet = sheet_book.active
    assert sheet is not None
    sheet.delete_rows(4, 2)
    sheet_book.save(paid_one)
    assert subsidy_payment.import_result(office, batch, paid_one, actor="").paid == 1

    everyone = _bank_result(tmp_path / "all.xlsx", exported, dict.fromkeys(STUDENTS, ("成功", "")))
    book = openpyxl.load_workbook(everyone)
    sheet = book.active
    assert sheet is not None
    sheet.append(("无名氏", make_id_number("500229", date(2001, 1, 1), 11), "6217", 1500, "成功", ""))
    book.save(everyone)

    report = subsidy_payment.import_result(office, batch, everyone, actor="")

    assert not report.ok and (report.paid, report.failed) == (0, 0)
    assert any(e.startswith("第 3 行") and "已发放" in e for e in report.errors), report.errors
    assert any(e.startswith("第 6 行") and "找不到对应的人员" in e for e in report.errors), report.errors
    assert _states(office) == {"张坤": "paid", "李娜": "in_payment", "王强": "in_payment"}
