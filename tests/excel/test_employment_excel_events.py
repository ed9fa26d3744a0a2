"""Job fairs, agreements and referrals to and from Excel (issue 16): round trip, re-import updates instead of
adding, a hire through the sheet writes its employment entry, every bad row reported with its row and column and
nothing written, masked ID numbers, roles, audit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from tests.excel.employment_sheet_kit import (
    all_records,
    audits,
    enroll,
    fields_of,
    id_number_of,
    read_sheet,
    row_count,
    set_cell,
    write_sheet,
)
from tests.services.employment_fixtures import CREDIT_CODES, TODAY, build_employment_county
from tests.services.subsidy_fixtures import set_role
from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import EmploymentAgreement, EmploymentRecord, JobFair, JobReferral, new_id
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.services import employment_excel_events as xl
from yulu_desktop.services import employment_reference
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

ACTOR = "王县"
ENTITY = {"fair": JobFair, "agreement": EmploymentAgreement, "referral": JobReferral}
COUNTS = {"fair": 1, "agreement": 1, "referral": 2}


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    found = build_employment_county(db, today=TODAY)
    set_role(db, "county")
    return found


def _export(db: Database, kind: str, path: Path, **kw: Any) -> int:
    if kind == "referral":
        kw.setdefault("full", True)
        kw.setdefault("reason", "核对推荐台账")
    return xl.export_events(db, kind, path, actor=ACTOR, **kw)


def _import(db: Database, kind: str, path: Path) -> xl.ImportResult:
    return xl.import_events(db, kind, path, actor=ACTOR, today=TODAY)


# --- round trip -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["fair", "agreement", "referral"])
def test_export_then_import_changes_nothing(
    db: Database, ids: dict[str, str], tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    count = COUNTS[kind]
    assert _export(db, kind, path) == count
    before = [fields_of(r) for r in all_records(db, ENTITY[kind])]
    jobs = row_count(db, "employment_record")
    assert _import(db, kind, path) == xl.ImportResult(0, 0, count)
    assert [fields_of(r) for r in all_records(db, ENTITY[kind])] == before
    assert row_count(db, "employment_record") == jobs
    table = xl.event_table(kind)
    ((entity, detail),) = audits(db, "export")
    assert entity == table and f"{count} 行" in detail
    ((entity, detail),) = audits(db, "import")
    assert entity == table and f"未变 {count}" in detail


@pytest.mark.parametrize("kind", ["fair", "agreement"])
def test_an_exported_record_comes_back_the_same(
    db: Database, ids: dict[str, str], tmp_path: Path, kind: str
) -> None:
    """Deleted after the export, the fair or agreement is imported back with every field as it was."""
    path = tmp_path / f"{kind}.xlsx"
    _export(db, kind, path)
    (record,) = all_records(db, ENTITY[kind])
    table = schema.metadata.tables[xl.event_table(kind)]
    column = {"fair": "fair_id", "agreement": "agreement_id"}[kind]
    with db.write_connection() as conn:
        conn.execute(schema.job_position.update().values({column: None}))
        if kind == "fair":
            conn.execute(text("DELETE FROM fair_invitation"))
            conn.execute(schema.job_referral.update().values(fair_id=None))
        conn.execute(table.delete())
    assert _import(db, kind, path) == xl.ImportResult(1, 0, 0)
    (back,) = all_records(db, ENTITY[kind])
    assert back.id != record.id
    assert fields_of(back, without=("id",)) == fields_of(record, without=("id",))


def test_a_referral_comes_back_the_same(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "referrals.xlsx"
    _export(db, "referral", path)
    (li,) = [r for r in all_records(db, JobReferral) if r.id == ids["ref_li"]]
    with db.write_connection() as conn:
        conn.execute(schema.job_referral.delete().where(schema.job_referral.c.id == ids["ref_li"]))
    assert _import(db, "referral", path) == xl.ImportResult(1, 0, 1)
    (back,) = [r for r in all_records(db, JobReferral) if r.person_id == ids["li"]]
    assert fields_of(back, without=("id",)) == fields_of(li, without=("id",))


def test_the_export_reads_as_people_write_it(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "referrals.xlsx"
    _export(db, "referral", path)
    rows = read_sheet(path)
    header = rows[0]
    assert header[:5] == ["姓名", "身份证号", "企业名称", "统一社会信用代码", "岗位名称"]
    zhang = dict(zip(header, next(r for r in rows if r[0] == "张坤"), strict=True))
    assert zhang["推荐结果"] == "录用" and zhang["岗位名称"] == "数控车床操作工"
    assert zhang["上岗日期"] == dt.datetime(2025, 7, 15) and zhang["月收入（元）"] == 3500
    li = dict(zip(header, next(r for r in rows if r[0] == "李娜"), strict=True))
    assert li["推荐结果"] == "已推荐" and li["招聘会"] == "2025年雨露计划毕业生专场招聘会"
    path = tmp_path / "agreements.xlsx"
    _export(db, "agreement", path)
    agreement = dict(zip(read_sheet(path)[0], read_sheet(path)[1], strict=True))
    assert agreement["协议类型"] == "校企县三方协议" and agreement["学校"] == "重庆三峡职业学院"
    assert agreement["合作企业"] == "城口县宏达机械有限公司" and agreement["专业"] == "数控技术应用"


def test_a_masked_export_is_not_imported_back(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "referrals.xlsx"
    assert xl.export_events(db, "referral", path, actor=ACTOR) == 2
    numbers = [r[1] for r in read_sheet(path)[1:]]
    assert all("*" in n for n in numbers)
    ((_entity, detail),) = audits(db, "export")
    assert "身份证号已打码" in detail
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "referral", path)
    assert {(i.row, i.field) for i in caught.value.errors} == {(2, "id_number"), (3, "id_number")}
    assert "打码后的身份证号" in caught.value.text()


# --- re-import --------------------------------------------------------------------------------------------------


def test_reimport_updates_instead_of_duplicating(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    # A fair: its place corrected, a school added, and a new fair.
    path = tmp_path / "fairs.xlsx"
    _export(db, "fair", path)
    rows = read_sheet(path)
    set_cell(rows, rows[1], "举办地点", "城口县体育馆")
    set_cell(rows, rows[1], "参加学校", "重庆三峡职业学院、城口县职业教育中心")
    rows.append(["庙坝镇春风行动招聘会", "2025-11-20", "庙坝镇政府", "", "万州康宁医院", ""])
    assert _import(db, "fair", write_sheet(path, rows)) == xl.ImportResult(1, 1, 0)
    fair = next(f for f in all_records(db, JobFair) if f.id == ids["fair"])
    assert fair.place == "城口县体育馆"
    assert json.loads(fair.school_ids) == [ids["school_sanxia"], ids["school_vocational"]]
    assert row_count(db, "job_fair") == 2
    assert _import(db, "fair", path) == xl.ImportResult(0, 0, 2)

    # An agreement: renamed (matched by its parties and date), then an enterprise added (matched by title).
    path = tmp_path / "agreements.xlsx"
    _export(db, "agreement", path)
    rows = read_sheet(path)
    set_cell(rows, rows[1], "协议名称", "数控技术应用订单培养协议（2025修订）")
    set_cell(rows, rows[1], "支持内容", "订单培养，实习补贴每月1000元")
    assert _import(db, "agreement", write_sheet(path, rows)) == xl.ImportResult(0, 1, 0)
    set_cell(rows, rows[1], "合作企业", "城口县宏达机械有限公司、万州康宁医院")  # now matched by title
    assert _import(db, "agreement", write_sheet(path, rows)) == xl.ImportResult(0, 1, 0)
    (agreement,) = all_records(db, EmploymentAgreement)
    assert agreement.id == ids["agreement"] and agreement.title == "数控技术应用订单培养协议（2025修订）"
    assert json.loads(agreement.enterprise_ids) == [ids["hongda"], ids["kangning"]]

    # A referral: 李娜 was interviewed.
    path = tmp_path / "referrals.xlsx"
    _export(db, "referral", path)
    rows = read_sheet(path)
    li = next(r for r in rows if r[0] == "李娜")
    set_cell(rows, li, "推荐结果", "interview")  # the code as well as the label
    set_cell(rows, li, "结果日期", "2025-11-25")
    assert _import(db, "referral", write_sheet(path, rows)) == xl.ImportResult(0, 1, 1)
    referral = next(r for r in all_records(db, JobReferral) if r.id == ids["ref_li"])
    assert (referral.state, referral.outcome_on) == ("interview", dt.date(2025, 11, 25))
    assert row_count(db, "job_referral") == 2


def test_a_hire_through_the_sheet_writes_the_employment_entry(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "referrals.xlsx"
    _export(db, "referral", path)
    rows = read_sheet(path)
    wang = [None] * len(rows[0])
    for header, value in (
        ("姓名", "王强"),
        ("身份证号", id_number_of(db, ids["wang"])),
        ("企业名称", "宁波甬城电子有限公司"),
        ("岗位名称", "电子装配工"),
        ("推荐日期", "2025-11-25"),
        ("推荐结果", "录用"),
        ("结果日期", "2025-11-28"),
        ("上岗日期", "2025-12-01"),
        ("月收入（元）", 5500),
    ):
        set_cell(rows, wang, header, value)
    rows.append(wang)
    assert _import(db, "referral", write_sheet(path, rows)) == xl.ImportResult(1, 0, 2)
    (referral,) = [r for r in all_records(db, JobReferral) if r.person_id == ids["wang"]]
    assert (referral.state, referral.referred_by) == ("hired", "王县")
    (job,) = [r for r in all_records(db, EmploymentRecord) if r.referral_id == referral.id]
    assert referral.employment_record_id == job.id
    assert (job.destination, job.employer, job.effective_date, job.monthly_income_fen, job.region) == (
        "employed",
        "宁波甬城电子有限公司",
        dt.date(2025, 12, 1),
        550000,
        "outside",
    )
    # Journaled at 已推荐 first, then moved to 录用, as the county server accepts a new referral.
    with db.read_connection() as conn:
        changes = [
            json.loads(c)
            for (c,) in conn.execute(
                text(
                    "SELECT changes FROM change_journal WHERE entity = 'job_referral' AND entity_id = :i ORDER BY seq"
                ),
                {"i": referral.id},
            )
        ]
    assert changes[0]["state"][-1] == "referred" and changes[1]["state"] == ["referred", "hired"]
    assert _import(db, "referral", path) == xl.ImportResult(0, 0, 3)  # no second entry


# --- bad rows ---------------------------------------------------------------------------------------------------


def test_bad_fair_rows_are_each_reported_and_nothing_is_written(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        ["县招聘会台账"],  # a title above the header
        ["招聘会名称", "举办日期", "举办地点", "参加学校", "参加企业"],
        ["春季招聘会", "2026-03-05", "县城", "重庆三峡职业学院", "城口县宏达机械有限公司"],  # row 3: fine
        ["夏季招聘会", "2026-13-45", "县城", "", ""],  # row 4: bad date
        ["秋季招聘会", "2026-09-05", "县城", "", "城口县不存在公司"],  # row 5: unknown enterprise
        ["冬季招聘会", "2026-12-05", "县城", "某某技校", ""],  # row 6: unknown school
        ["春季招聘会", "2026-03-05", "县城", "", ""],  # row 7: the same fair as row 3
    ]  # fmt: skip
    before = [fields_of(f) for f in all_records(db, JobFair)]
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "fair", write_sheet(tmp_path / "bad.xlsx", rows))
    assert {(i.row, i.field) for i in caught.value.errors} == {
        (4, "held_on"),
        (5, "enterprises"),
        (6, "schools"),
        (7, "name"),
    }
    message = caught.value.text()
    assert "第4行，举办日期（B列）：" in message
    assert "第5行，参加企业（E列）：没有名为“城口县不存在公司”的企业" in message
    assert "第7行，招聘会名称（A列）：与第3行是同一场招聘会" in message
    assert [fields_of(f) for f in all_records(db, JobFair)] == before
    assert audits(db, "import") == []


def test_a_fair_held_twice_on_one_day_is_told_apart_by_its_place(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    fair = next(f for f in all_records(db, JobFair) if f.id == ids["fair"])
    other = employment_reference.save_fair(
        db, dataclasses.replace(fair, id=new_id(), place="庙坝镇便民服务中心"), actor=ACTOR
    )
    header = ["招聘会名称", "举办日期", "举办地点", "备注"]
    held_on = fair.held_on.isoformat()
    with pytest.raises(ValidationFailed) as caught:
        _import(
            db, "fair", write_sheet(tmp_path / "no_place.xlsx", [header, [fair.name, held_on, "", "补记"]])
        )
    assert "第2行，举办地点（C列）：已有2场同名同日的招聘会，请填写举办地点以区分" in caught.value.text()
    rows = [header, [fair.name, held_on, "庙坝镇便民服务中心", "补记"]]
    assert _import(db, "fair", write_sheet(tmp_path / "place.xlsx", rows)) == xl.ImportResult(0, 1, 0)
    assert {f.id: f.note for f in all_records(db, JobFair)}[other] == "补记"


def test_bad_agreement_rows_are_each_reported(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    rows: list[list[Any]] = [
        ["协议名称", "协议类型", "学校", "合作企业", "签订日期", "开始日期", "结束日期"],
        ["护理订单班协议", "校企合作协议", "", "万州康宁医院", "2025-09-01", "2025-09-01", "2028-08-31"],  # fine
        ["电子商务合作协议", "三方", "重庆三峡职业学院", "某电商公司", "2025-10-01", None, None],
        ["数控技术应用订单培养协议", "校企县三方协议", "", "城口县宏达机械有限公司", "2025-10-01", None, None],
        ["护理订单班协议", "校企合作协议", "", "万州康宁医院", "2025-09-01", "2026-01-01", "2025-12-31"],
    ]  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "agreement", write_sheet(tmp_path / "bad.xlsx", rows))
    assert {(i.row, i.field) for i in caught.value.errors} == {
        (3, "kind"),  # not a kind
        (3, "enterprises"),  # unknown enterprise
        (4, "school"),  # 三方 without a school
        (4, "title"),  # the title of the stored agreement, another date: the positions sheet could not tell
        (5, "title"),  # the same title as row 2
        (5, "ends_on"),  # ends before it starts
    }
    message = caught.value.text()
    assert "第3行，合作企业（D列）：没有名为“某电商公司”的企业" in message
    assert "第4行，学校（C列）：校企县三方协议须选择学校" in message
    assert row_count(db, "employment_agreement") == 1


def test_bad_referral_rows_are_each_reported(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    li = id_number_of(db, ids["li"])
    unknown = make_id_number("500229", dt.date(2004, 3, 15), 19)  # valid, nobody on this laptop
    header = ["姓名", "身份证号", "企业名称", "岗位名称", "推荐日期", "推荐结果", "结果日期", "原因"]
    rows: list[list[Any]] = [
        header,
        ["李娜", li, "宁波甬城电子有限公司", "电子装配工", "2025-11-25", "已推荐", None, ""],  # 2: fine
        ["某人", unknown, "宁波甬城电子有限公司", "电子装配工", "2025-11-25", "", None, ""],  # 3: unknown person
        ["李娜", li, "宁波甬城电子有限公司", "电子装配工", "2025-11-31", "", None, ""],  # 4: bad date
        ["李娜", li, "宁波甬城电子有限公司", "电子装配工", "2025-11-26", "录取了", "2025-11-28", ""],  # 5: bad outcome
        ["李娜", li, "宁波甬城电子有限公司", "电子装配工", "2025-11-25", "", None, ""],  # 6: same as row 2
        ["李娜", li, "不存在的企业", "电子装配工", "2025-11-25", "", None, ""],  # 7: unknown enterprise
        ["张坤", li, "万州康宁医院", "护理员", "2025-11-11", "未录用", "2025-11-20", ""],  # 8: name; no reason
    ]  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "referral", write_sheet(tmp_path / "bad.xlsx", rows))
    assert {(i.row, i.field) for i in caught.value.errors} == {
        (3, "id_number"),
        (4, "referred_on"),
        (5, "state"),
        (6, "id_number"),
        (7, "enterprise_name"),
        (8, "name"),
        (8, "state"),
    }
    message = caught.value.text()
    assert f"第3行，身份证号（B列）：本机数据中没有身份证号为 {unknown} 的人员" in message
    assert "第4行，推荐日期（E列）：" in message
    assert "第5行，推荐结果（F列）：" in message and "录取了" in message
    assert "第6行，身份证号（B列）：与第2行是同一条推荐" in message
    assert "第8行，姓名（A列）：身份证号对应的是“李娜”，与所填姓名“张坤”不符" in message
    assert "第8行，推荐结果（F列）：“未录用”须填写原因" in message
    assert row_count(db, "job_referral") == 2 and audits(db, "import") == []


def test_referral_steps_follow_the_stored_state(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "referrals.xlsx"
    _export(db, "referral", path)
    rows = read_sheet(path)
    zhang = next(r for r in rows if r[0] == "张坤")
    set_cell(rows, zhang, "推荐结果", "放弃")  # 录用 is final
    set_cell(rows, zhang, "原因", "不想去")
    set_cell(rows, zhang, "上岗日期", None)
    set_cell(rows, zhang, "月收入（元）", None)
    li = next(r for r in rows if r[0] == "李娜")
    set_cell(rows, li, "推荐日期", "2025-11-25")  # a second open referral to the same position
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "referral", write_sheet(path, rows))
    message = caught.value.text()
    assert "推荐已是“录用”，不能再改为“放弃”" in message
    assert "此人已于2025-11-11推荐到岗位“护理员”，结果尚未登记，不能重复推荐" in message


def test_a_credit_code_cell_without_a_code_is_an_error_not_looked_up(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    li = id_number_of(db, ids["li"])
    header = ["姓名", "身份证号", "企业名称", "统一社会信用代码", "岗位名称", "推荐日期"]
    ningbo = "宁波甬城电子有限公司"
    rows: list[list[Any]] = [
        header,
        ["李娜", li, ningbo, ningbo, "电子装配工", "2025-11-25"],  # 2: the name typed in the code column
        ["李娜", li, ningbo, CREDIT_CODES["ningbo"][:-1] + "0", "电子装配工", "2025-11-26"],  # 3: check char
    ]  # fmt: skip
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "referral", write_sheet(tmp_path / "codes.xlsx", rows))
    assert {(i.row, i.field) for i in caught.value.errors} == {(2, "enterprise_code"), (3, "enterprise_code")}
    message = caught.value.text()
    assert f"第2行，统一社会信用代码（D列）：“{ningbo}”不是有效的统一社会信用代码：" in message
    assert "第3行，统一社会信用代码（D列）：" in message and "校验位不对" in message
    assert "没有统一社会信用代码为" not in message
    assert row_count(db, "job_referral") == 2 and audits(db, "import") == []


# --- jurisdiction -----------------------------------------------------------------------------------------------


def test_a_township_changes_its_own_fairs_but_not_the_countys(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    """The county's fair reaches a township laptop, but the county server holds back the township's change of it:
    the import refuses that row, and with it the file, as the page refuses 修改."""
    own = employment_reference.save_fair(
        db,
        JobFair(unit_id=ids["miaoba"], name="庙坝镇春风行动招聘会", held_on=TODAY, place="庙坝镇政府"),
        actor=ACTOR,
    )
    enroll(db, "township", ids["miaoba"], "李乡")
    path = tmp_path / "fairs.xlsx"
    assert xl.export_events(db, "fair", path, actor="李乡") == 2
    assert xl.import_events(db, "fair", path, actor="李乡", today=TODAY) == xl.ImportResult(0, 0, 2)
    rows = read_sheet(path)
    county_row = next(r for r in rows if r[0] == "2025年雨露计划毕业生专场招聘会")
    own_row = next(r for r in rows if r[0] == "庙坝镇春风行动招聘会")
    set_cell(rows, county_row, "举办地点", "庙坝镇体育馆")
    set_cell(rows, own_row, "备注", "改到下午")
    rows.append(["庙坝镇秋季招聘会", "2025-09-20", "庙坝镇政府", "", "", ""])
    before = [fields_of(f) for f in all_records(db, JobFair)]
    with pytest.raises(ValidationFailed) as caught:
        xl.import_events(db, "fair", write_sheet(path, rows), actor="李乡", today=TODAY)
    number = 1 + rows.index(county_row)
    assert {(i.row, i.field) for i in caught.value.errors} == {(number, "name")}
    assert (
        f"第{number}行，招聘会名称（A列）：这场招聘会属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改"
        in caught.value.text()
    )
    assert [fields_of(f) for f in all_records(db, JobFair)] == before
    assert audits(db, "import") == [("job_fair", "招聘会表 ← fairs.xlsx：新增 0，更新 0，未变 2")]

    rows.remove(county_row)
    assert xl.import_events(db, "fair", write_sheet(path, rows), actor="李乡", today=TODAY) == (
        xl.ImportResult(1, 1, 0)
    )
    assert {f.id: f.note for f in all_records(db, JobFair)}[own] == "改到下午"
    new = next(f for f in all_records(db, JobFair) if f.name == "庙坝镇秋季招聘会")
    assert new.unit_id == ids["miaoba"]

    # Another township may not change it either; the county may change any township's.
    set_cell(rows, own_row, "备注", "改到上午")
    write_sheet(path, rows)
    enroll(db, "township", ids["gaoguan"], "高乡")
    with pytest.raises(ValidationFailed, match="这场招聘会属于庙坝镇，不在本机的管辖范围（高观镇）内"):
        xl.import_events(db, "fair", path, actor="高乡", today=TODAY)
    enroll(db, "county", ids["county"], ACTOR)
    assert xl.import_events(db, "fair", path, actor=ACTOR, today=TODAY) == xl.ImportResult(0, 1, 1)
    assert {f.id: f.note for f in all_records(db, JobFair)}[own] == "改到上午"


# --- roles ------------------------------------------------------------------------------------------------------


def test_roles(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    fairs, agreements, referrals = (tmp_path / f"{k}.xlsx" for k in ("fairs", "agreements", "referrals"))
    _export(db, "referral", referrals)
    set_role(db, "township", "李乡")
    assert xl.export_events(db, "agreement", agreements, actor="李乡") == 1  # anyone may export
    with pytest.raises(AccessDenied, match="只有县级账号"):
        xl.import_events(db, "agreement", agreements, actor="李乡", today=TODAY)
    with pytest.raises(AccessDenied):  # full ID numbers: the county only
        xl.export_events(db, "referral", tmp_path / "r.xlsx", actor="李乡", full=True, reason="核对")
    xl.export_events(db, "fair", fairs, actor="李乡")
    assert xl.import_events(db, "fair", fairs, actor="李乡", today=TODAY).unchanged == 1
    set_role(db, "village", "村甲")
    with pytest.raises(AccessDenied, match="只有乡镇或县级账号"):
        xl.import_events(db, "fair", fairs, actor="村甲", today=TODAY)
    assert xl.import_events(db, "referral", referrals, actor="村甲", today=TODAY).unchanged == 2
