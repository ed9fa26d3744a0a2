"""Exporting the three lists (masked or full, audited, scoped), the round trip export → edit → import that
changes exactly the edited cells, append-only employment history, and reconciliation against a national export."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from yulu_desktop.domain.access import AccessDenied, ReasonRequired
from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Intent
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import excel_export as xe
from yulu_desktop.services import excel_import as xi
from yulu_desktop.services import records
from yulu_desktop.store.database import Database

TODAY = dt.date(2025, 6, 1)


def person_id_of(db: Database, person_no: str) -> str:
    with db.read_connection() as conn:
        return str(
            conn.exec_driver_sql("SELECT id FROM person WHERE person_no = ?", (person_no,)).scalar_one()
        )


@pytest.fixture
def county(db: Database, xl: Any) -> Database:
    """Two households from a national export, two students, an intent, a graduate with a job."""
    report = xi.import_national(db, xl.national(xl.standard_rows()), actor="测试员", today=TODAY)
    assert report.applied, report.problems()
    student, daughter = person_id_of(db, "P003"), person_id_of(db, "P005")
    for person in (student, daughter):
        records.record_enrollment(
            db,
            Enrollment(
                person_id=person, school_year="2024-2025", semester="spring",
                school_name="重庆三峡职业学院", school_type="dazhuan", major="电子商务技术",
                entry_date=dt.date(2024, 9, 1),
            ),
            actor="测试员", today=TODAY,
        )  # fmt: skip
    records.record_intent(
        db, Intent(person_id=daughter, desired_school="重庆工程职业学院", recorded_on=dt.date(2025, 3, 1)),
        actor="测试员", today=TODAY,
    )  # fmt: skip
    records.record_job_change(
        db,
        EmploymentRecord(
            person_id=student, effective_date=dt.date(2025, 5, 1), destination="employed",
            employer="重庆欣乐美义齿公司", monthly_income_fen=500000, recorded_at=dt.datetime(2025, 5, 2, 9, 0),
        ),
        actor="测试员", today=TODAY,
    )  # fmt: skip
    return db


def last_seq(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_journal").scalar_one())


def journal_after(db: Database, seq: int) -> list[tuple[str, str, dict[str, Any]]]:
    with db.read_connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT entity, op, changes FROM change_journal WHERE seq > ? ORDER BY seq", (seq,)
        ).fetchall()
    return [(e, op, json.loads(c)) for e, op, c in rows]


def audit_details(db: Database) -> list[tuple[str, str]]:
    with db.read_connection() as conn:
        return [(a, d) for a, d in conn.exec_driver_sql("SELECT action, detail FROM audit_log ORDER BY id")]


def sheet(path: Path) -> tuple[list[Any], list[list[Any]]]:
    wb = load_workbook(path)
    ws = wb.active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    wb.close()
    return rows[1], rows[2:]  # title on row 1, header on row 2


def test_export_is_masked_by_default_and_audited(county: Database, tmp_path: Path, xl: Any) -> None:
    result = xe.export_list(county, "students", tmp_path / "s.xlsx", actor="李明")
    assert result.rows == 2 and not result.full
    header, rows = sheet(tmp_path / "s.xlsx")
    ids = [r[header.index("身份证号")] for r in rows]
    assert all("********" in i for i in ids)
    assert {r[header.index("学校类型")] for r in rows} == {"大专"}
    assert isinstance(rows[0][header.index("入学时间")], dt.datetime)
    action, detail = audit_details(county)[-1]
    assert action == "export" and "已打码" in detail


def enroll(db: Database, role: str, name: str = "王县", username: str = "wangxian") -> None:
    """Make the laptop enrolled for a cadre with ``role`` (what sync enrollment writes)."""
    with db.write_connection() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET cadre_username = excluded.cadre_username, "
            "cadre_name = excluded.cadre_name, cadre_role = excluded.cadre_role",
            (username, name, role),
        )


@pytest.mark.parametrize("role", ["", "village", "township", "something-new"])
def test_full_export_is_refused_to_roles_below_the_county(
    county: Database, tmp_path: Path, role: str
) -> None:
    if role:
        enroll(county, role)
    before = audit_details(county)
    with pytest.raises(AccessDenied, match="无权导出完整"):
        xe.export_list(county, "students", tmp_path / "s.xlsx", actor="李明", full=True, reason="核对")
    assert not (tmp_path / "s.xlsx").exists() and audit_details(county) == before


def test_full_export_needs_a_reason(county: Database, tmp_path: Path) -> None:
    enroll(county, "county")
    with pytest.raises(ReasonRequired, match="须填写理由"):
        xe.export_list(county, "students", tmp_path / "s.xlsx", full=True, reason="  ")
    assert not (tmp_path / "s.xlsx").exists()


def test_full_export_is_recorded_in_the_audit_log(county: Database, tmp_path: Path, xl: Any) -> None:
    enroll(county, "county")
    xe.export_list(county, "students", tmp_path / "s.xlsx", actor="李明", full=True, reason="一卡通发放核对")
    header, rows = sheet(tmp_path / "s.xlsx")
    assert xl.person_id(2006, 33) in [r[header.index("身份证号")] for r in rows]
    wb = load_workbook(tmp_path / "s.xlsx")
    ws = wb.active
    assert ws.freeze_panes == "A3"
    assert ws.cell(3, header.index("身份证号") + 1).number_format == "@"
    assert ws.column_dimensions["W"].hidden  # 记录编号
    wb.close()
    action, detail = audit_details(county)[-1]
    assert action == "export" and "未打码" in detail and "理由：一卡通发放核对" in detail
    with county.read_connection() as conn:
        actor = conn.exec_driver_sql("SELECT actor FROM audit_log ORDER BY id DESC LIMIT 1").scalar_one()
    assert actor == "王县（wangxian）"  # the enrolled cadre, not the name passed in


def test_export_scope_by_village_and_township(county: Database, tmp_path: Path, sample_graph: Any) -> None:
    # sample_graph adds 红岩村 (500229101201) with one student; the import's villages have derived codes.
    result = xe.export_list(county, "students", tmp_path / "v.xlsx", actor="李明", village="500229101201")
    assert result.rows == 1 and result.scope_name == "红岩村"
    with county.read_connection() as conn:
        township = conn.exec_driver_sql("SELECT code FROM org_unit WHERE name = '庙坝镇'").scalar_one()
    assert xe.export_list(county, "students", tmp_path / "t.xlsx", actor="李明", township=township).rows == 2
    with pytest.raises(YuluError, match="找不到"):
        xe.export_list(county, "students", tmp_path / "x.xlsx", actor="李明", village="999")


@pytest.mark.parametrize("kind", ["intent", "students", "graduates"])
def test_reimporting_an_unedited_export_changes_nothing(county: Database, tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"{kind}.xlsx"
    xe.export_list(county, kind, path, actor="李明")  # masked: masked cells mean "unchanged"
    seq = last_seq(county)
    report = xi.import_list(county, path, kind, actor="李明", today=TODAY)
    assert report.applied and report.ok, report.problems()
    assert report.changed == 0 and report.new == 0 and report.unchanged >= 1
    assert journal_after(county, seq) == []


def test_round_trip_changes_exactly_the_edited_cells(county: Database, tmp_path: Path) -> None:
    path = tmp_path / "students.xlsx"
    xe.export_list(county, "students", path, actor="李明")
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    target = next(
        r for r in range(3, ws.max_row + 1) if ws.cell(r, header.index("姓名") + 1).value == "张小明"
    )
    ws.cell(target, header.index("专业") + 1).value = "口腔医学技术"
    ws.cell(target, header.index("年级") + 1).value = "2024级"
    ws.cell(target, header.index("开户行") + 1).value = "中国农业银行城口支行"
    wb.save(path)
    seq = last_seq(county)
    report = xi.import_list(county, path, "students", actor="李明", today=TODAY)
    assert (report.changed, report.unchanged, report.new) == (1, 1, 0), report.problems()
    changes = sorted((entity, op, tuple(sorted(c))) for entity, op, c in journal_after(county, seq))
    assert changes == [("enrollment", "U", ("grade", "major")), ("household", "U", ("payee_bank",))]


def test_list_import_validation_is_all_or_nothing(county: Database, tmp_path: Path) -> None:
    path = tmp_path / "students.xlsx"
    xe.export_list(county, "students", path, actor="李明")
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    ws.cell(3, header.index("学校类型") + 1).value = "夜校"
    ws.cell(4, header.index("专业") + 1).value = "护理"
    wb.save(path)
    seq = last_seq(county)
    report = xi.import_list(county, path, "students", actor="李明", today=TODAY)
    assert not report.applied and report.rejected == 1
    assert "第3行，学校类型（L列）" in report.problems()
    assert journal_after(county, seq) == []
    again = xi.import_list(county, path, "students", actor="李明", today=TODAY, skip_invalid=True)
    assert again.applied and again.changed == 1
    assert again.rejected_path is not None and again.rejected_path.exists()


def test_changed_graduate_row_appends_a_new_employment_record(county: Database, tmp_path: Path) -> None:
    path = tmp_path / "graduates.xlsx"
    xe.export_list(county, "graduates", path, actor="李明")
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    ws.cell(3, header.index("就业单位") + 1).value = "重庆海康威视科技有限公司"
    ws.cell(3, header.index("去向变动日期") + 1).value = dt.date(2025, 5, 20)
    wb.save(path)
    seq = last_seq(county)
    report = xi.import_list(county, path, "graduates", actor="李明", today=TODAY)
    assert report.changed == 1, report.problems()
    entries = journal_after(county, seq)
    assert [(e, op) for e, op, _ in entries] == [("employment_record", "I")]
    assert entries[0][2]["employer"][1] == "重庆海康威视科技有限公司"
    assert entries[0][2]["monthly_income_fen"][1] == 500000  # carried over from the earlier record
    with county.read_connection() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM employment_record").scalar_one() == 2
    # The same edited file again: the latest record already says so.
    seq = last_seq(county)
    assert xi.import_list(county, path, "graduates", actor="李明", today=TODAY).unchanged == 1
    assert journal_after(county, seq) == []


def test_new_list_row_without_record_id_is_matched_by_id_number(county: Database, xl: Any) -> None:
    path = xl.book(
        [
            ["姓名", "身份证号", "有无就读职业院校意愿", "意向学校", "登记日期"],
            ["张小明", xl.person_id(2006, 33), "是", "重庆旅游职业学院", dt.date(2025, 4, 1)],
            ["无名", xl.person_id(2001, 17), "是", "重庆旅游职业学院", dt.date(2025, 4, 1)],
        ]
    )
    report = xi.import_list(county, path, "intent", actor="李明", today=TODAY, skip_invalid=True)
    assert (report.new, report.rejected) == (1, 1)
    assert "第3行，身份证号（B列）：系统中没有这个身份证号的人员" in report.problems()
    again = xi.import_list(county, path, "intent", actor="李明", today=TODAY, skip_invalid=True)
    assert (again.new, again.unchanged) == (0, 1)  # a hand-kept list imports again without duplicates


def test_reconcile_finds_the_planted_differences(county: Database, xl: Any, tmp_path: Path) -> None:
    from yulu_desktop.domain.entities import Person

    # Yulu has one more member in H001 than the national system.
    with county.read_connection() as conn:
        household_id = conn.exec_driver_sql(
            "SELECT id FROM household WHERE household_no = 'H001'"
        ).scalar_one()
    records.add_member(
        county,
        Person(household_id=household_id, name="张奶奶", relationship="50", id_number=xl.person_id(1940, 42)),
        actor="测试员",
        today=TODAY,
    )
    header = list(xl.NATIONAL_HEADER)
    rows = xl.standard_rows()
    rows[1][header.index("联系电话")] = "13900139000"  # a field that differs
    rows[3][header.index("文化程度")] = "高中"
    rows += xl.household("H003", ("P009", "赵六", xl.person_id(1980, 15), "本人"))  # only in the file
    rows[4][header.index("证件号码")] = "bad"  # unreadable row
    result = xe.reconcile(county, xl.national(rows), today=TODAY)
    assert [p.name for p in result.only_in_file] == ["赵六"]
    assert sorted(p.name for p in result.only_in_yulu) == sorted(["张奶奶", "王丽"])
    fields = {(d.name, d.field, d.in_file, d.in_yulu) for d in result.differences}
    assert fields == {
        ("李四", "联系电话", "13900139000", "13800138000"),
        ("王五", "文化程度", "高中", "初中"),
    }
    households = {h.household_no: h for h in result.households}
    assert households["H001"].only_in_yulu == ("张奶奶",)
    assert households["H002"].only_in_yulu == ("王丽",)
    assert len(result.unreadable) == 1 and not result.in_step

    out = xe.write_reconcile_report(result, tmp_path / "report.xlsx")
    wb = load_workbook(out)
    assert wb.sheetnames == [
        "概况",
        "仅在国家系统",
        "仅在雨露",
        "字段不一致",
        "成员不一致的户",
        "无法核对的行",
    ]
    diff = [[c.value for c in r] for r in wb["字段不一致"].iter_rows(min_row=3)]
    assert any("139****9000" in r for r in diff)  # phones masked by default
    assert [wb["概况"].cell(5, c).value for c in (1, 2)] == ["仅在国家系统的人", 1]
    wb.close()


def test_reconcile_of_an_identical_export_is_in_step(county: Database, xl: Any) -> None:
    result = xe.reconcile(county, xl.national(xl.standard_rows()), today=TODAY)
    assert result.in_step, result.summary()
    assert result.matched == 5


def test_graduates_without_a_destination_are_listed_and_their_first_entry_can_be_filled_in(
    county: Database, tmp_path: Path
) -> None:
    daughter = person_id_of(county, "P005")
    with county.write_connection() as conn:
        conn.exec_driver_sql(
            "UPDATE enrollment SET registry_status = 'graduated' WHERE person_id = ?", (daughter,)
        )
    path = tmp_path / "graduates.xlsx"
    assert xe.export_list(county, "graduates", path, actor="李明").rows == 2  # placed and not yet placed
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[2]]
    row = next(
        r for r in range(3, ws.max_row + 1) if ws.cell(r, header.index("记录编号") + 1).value == daughter
    )
    assert ws.cell(row, header.index("毕业去向") + 1).value in (None, "")
    # Unedited, the sheet changes nothing (the blank row is no new entry and no error).
    seq = last_seq(county)
    report = xi.import_list(county, path, "graduates", actor="李明", today=TODAY)
    assert report.applied and report.ok and report.changed == 0, report.problems()
    assert journal_after(county, seq) == []
    # Filled in, it records the graduate's first job entry.
    ws.cell(row, header.index("毕业去向") + 1).value = "就业"
    ws.cell(row, header.index("去向变动日期") + 1).value = dt.date(2025, 5, 20)
    ws.cell(row, header.index("就业单位") + 1).value = "重庆正大农牧食品有限公司"
    ws.cell(row, header.index("信息来源") + 1).value = "走访"
    wb.save(path)
    report = xi.import_list(county, path, "graduates", actor="李明", today=TODAY)
    assert report.applied and report.changed + report.new == 1, report.problems()
    entries = journal_after(county, seq)
    assert [(e, op) for e, op, _ in entries] == [("employment_record", "I")]
    assert entries[0][2]["person_id"][1] == daughter
    assert entries[0][2]["employer"][1] == "重庆正大农牧食品有限公司"
