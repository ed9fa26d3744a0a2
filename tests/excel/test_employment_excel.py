"""Schools, enterprises and positions to and from Excel (issue 16): round trip, template, updates on re-import,
every bad row reported with its row and column and nothing written, roles, audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tests.excel.employment_sheet_kit import all_records, audits, enroll, read_sheet, row_count, write_sheet
from tests.services.employment_fixtures import CREDIT_CODES, TODAY, build_employment_county, credit_code
from tests.services.subsidy_fixtures import set_role
from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import Enterprise, JobPosition, OrgUnit, School
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.services import employment_excel as xl_ref
from yulu_desktop.services import employment_reference as ref
from yulu_desktop.store.database import Database

ACTOR = "王县"


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    found = build_employment_county(db, today=TODAY)
    set_role(db, "county")
    return found


@pytest.mark.parametrize(("kind", "count"), [("school", 2), ("enterprise", 3), ("position", 4)])
def test_export_then_import_changes_nothing(
    db: Database, ids: dict[str, str], tmp_path: Path, kind: str, count: int
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    assert xl_ref.export_reference(db, kind, path, actor=ACTOR) == count
    before = {
        "school": [dataclass_values(s) for s in all_records(db, School)],
        "enterprise": [dataclass_values(e) for e in all_records(db, Enterprise)],
        "position": [dataclass_values(p) for p in all_records(db, JobPosition)],
    }[kind]
    assert xl_ref.import_reference(db, kind, path, actor=ACTOR) == xl_ref.ImportResult(0, 0, count)
    after = [
        dataclass_values(r)
        for r in all_records(db, {"school": School, "enterprise": Enterprise, "position": JobPosition}[kind])
    ]
    assert after == before
    table = xl_ref.rules_entity(kind)
    assert [e for e, _ in audits(db, "export")] == [table]
    ((entity, detail),) = audits(db, "import")
    assert entity == table and f"未变 {count}" in detail


def dataclass_values(record: object) -> dict[str, Any]:
    import dataclasses

    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}  # type: ignore[arg-type]


def test_the_export_reads_as_people_write_it(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "positions.xlsx"
    xl_ref.export_reference(db, "position", path, actor=ACTOR)
    rows = read_sheet(path)
    header = rows[0]
    assert header[:3] == ["企业名称", "统一社会信用代码", "岗位名称"]
    cnc = dict(zip(header, next(r for r in rows if r[2] == "数控车床操作工"), strict=True))
    assert cnc["就业地域"] == "县内" and cnc["技能等级"] == "初级工（五级）"
    assert cnc["月薪下限（元）"] == 3500 and cnc["合作协议"] == "数控技术应用订单培养协议"
    path = tmp_path / "schools.xlsx"
    xl_ref.export_reference(db, "school", path, actor=ACTOR)
    sanxia = next(r for r in read_sheet(path) if r[0] == "重庆三峡职业学院")
    assert sanxia[1] == "高职" and sanxia[3] == "数控技术应用、护理、电子商务、电子技术应用"


def test_an_empty_export_is_the_template(db: Database, tmp_path: Path) -> None:
    with db.write() as session:
        session.add(OrgUnit(code="500229", name="城口县", level="county"))
    path = tmp_path / "template.xlsx"
    assert xl_ref.export_reference(db, "enterprise", path, actor=ACTOR) == 0
    assert read_sheet(path)[0][:3] == ["企业名称", "统一社会信用代码", "行业"]
    set_role(db, "county")
    with pytest.raises(ValidationFailed, match="没有数据行"):
        xl_ref.import_reference(db, "enterprise", path, actor=ACTOR)


def test_reimport_updates_matched_rows_and_adds_new_ones(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "enterprises.xlsx"
    xl_ref.export_reference(db, "enterprise", path, actor=ACTOR)
    rows = read_sheet(path)
    header = rows[0]
    hongda = next(r for r in rows if r[1] == CREDIT_CODES["hongda"])
    hongda[header.index("联系人")] = "新经理"
    hongda[header.index("企业名称")] = (
        "城口县宏达机械股份有限公司"  # renamed: still matched by its credit code
    )
    new: list[Any] = [None] * len(header)
    new[header.index("企业名称")] = "城口县山珍食品有限公司"
    new[header.index("行业")] = "manufacturing"  # a code is accepted as well as a label
    new[header.index("就业地域")] = "县内"
    new[header.index("所在地")] = "城口县葛城街道"
    rows.append(new)
    result = xl_ref.import_reference(
        db, "enterprise", write_sheet(tmp_path / "edited.xlsx", rows), actor=ACTOR
    )
    assert result == xl_ref.ImportResult(added=1, updated=1, unchanged=2)
    stored = ref.load(db, Enterprise, ids["hongda"])
    assert (stored.name, stored.contact_name) == ("城口县宏达机械股份有限公司", "新经理")
    added = next(e for e in ref.enterprises(db) if e.name == "城口县山珍食品有限公司")
    assert (added.industry, added.region, added.pairing, added.credit_code) == (
        "manufacturing",
        "county",
        "local",
        None,
    )


def test_bad_rows_are_each_reported_and_nothing_is_written(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    header = ["企业名称", "统一社会信用代码", "行业", "所在地", "就业地域", "联系人", "联系电话", "帮扶协作"]
    good = credit_code("91500229MA60000A0")
    kangning = ["万州康宁医院", "重庆市万州区"]
    rows: list[list[Any]] = [
        ["县企业名录"],  # a title above the header
        header,
        ["城口县山珍食品有限公司", good, "制造业", "城口县", "县内", "", "", "本地企业"],  # row 3: fine
        ["城口县茶叶合作社", "", "茶叶", "城口县", "县内", "", "", ""],  # row 4: unknown industry
        [None, "", "制造业", "城口县", "县外", "", "", ""],  # row 5: no name, unknown region
        ["城口县竹木加工厂", "91500229MA60000A01", "制造业", "城口县", "省外"],  # row 6: check character
        ["山珍食品（城口）", good, "制造业", "城口县", "县内", "", "", ""],  # row 7: same code as row 3
        # row 8: hongda's credit code (so it matches hongda) with kangning's name and place: another stored one
        [kangning[0], CREDIT_CODES["hongda"], "卫生和社会工作", kangning[1], "省内县外"],
        ["城口县物流公司", "", "交通运输、仓储和邮政业", "城口县", "县内", "", "", "外省帮扶"],  # row 9
    ]  # fmt: skip
    path = write_sheet(tmp_path / "bad.xlsx", rows)
    before = [dataclass_values(e) for e in all_records(db, Enterprise)]
    with pytest.raises(ValidationFailed) as caught:
        xl_ref.import_reference(db, "enterprise", path, actor=ACTOR)
    found = {(i.row, i.field) for i in caught.value.errors}
    assert found == {
        (4, "industry"),
        (5, "name"),
        (5, "region"),
        (6, "credit_code"),
        (7, "credit_code"),
        (8, "name"),
        (9, "pairing"),
    }
    message = caught.value.text()
    assert "第4行，行业（C列）：" in message
    assert "第5行，企业名称（A列）：不能为空" in message
    assert "第7行，统一社会信用代码（B列）：与第3行是同一企业（同一统一社会信用代码）" in message
    assert "与已有企业“万州康宁医院”（重庆市万州区）重复（同名同地）" in message
    assert [dataclass_values(e) for e in all_records(db, Enterprise)] == before
    assert audits(db, "import") == []


def test_schools_within_the_file_and_required_columns(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    rows: list[list[Any]] = [
        ["学校名称", "学校层次", "开设专业"],
        ["重庆工业职业技术学院", "高职", "机电一体化，汽车检测与维修"],
        ["重庆工业职业技术学院", "higher", ""],
    ]
    with pytest.raises(ValidationFailed, match="第3行，学校名称（A列）：与第2行是同一学校"):
        xl_ref.import_reference(db, "school", write_sheet(tmp_path / "s.xlsx", rows), actor=ACTOR)
    result = xl_ref.import_reference(db, "school", write_sheet(tmp_path / "s2.xlsx", rows[:2]), actor=ACTOR)
    assert result == xl_ref.ImportResult(1, 0, 0)
    added = next(s for s in ref.schools(db) if s.name == "重庆工业职业技术学院")
    assert added.majors == ("机电一体化", "汽车检测与维修") and added.level == "higher"
    with pytest.raises(ValidationFailed, match="缺少“学校层次”列"):
        xl_ref.import_reference(
            db,
            "school",
            write_sheet(tmp_path / "s3.xlsx", [["学校名称", "所在地"], ["某校", "城口"]]),
            actor=ACTOR,
        )


def test_positions_resolve_enterprise_agreement_and_fair(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    header = [
        "企业名称",
        "岗位名称",
        "就业地域",
        "月薪下限（元）",
        "月薪上限",
        "专业要求",
        "技能等级",
        "招聘人数",
        "发布日期",
        "截止日期",
        "合作协议",
        "招聘会",
    ]
    rows: list[list[Any]] = [
        header,
        [
            "城口县宏达机械有限公司",
            "焊工",
            "县内",
            "4,000元",
            5000.5,
            "焊接技术应用、数控技术应用",
            "中级工（四级）",
            2,
            dt.date(2025, 11, 1),
            "2025-12-31",
            "数控技术应用订单培养协议",
            "",
        ],
        ["不存在的企业", "杂工", "县内", None, None, "", "", None, "2025-11-01", None, "", ""],
        [
            "万州康宁医院",
            "护工",
            "省内县外",
            3000,
            2000,
            "",
            "",
            0,
            "2025-11-02",
            "2025-10-01",
            "",
            "没有的招聘会",
        ],
    ]
    with pytest.raises(ValidationFailed) as caught:
        xl_ref.import_reference(db, "position", write_sheet(tmp_path / "p.xlsx", rows), actor=ACTOR)
    assert {(i.row, i.field) for i in caught.value.errors} == {
        (3, "enterprise_name"),
        (4, "pay_max"),
        (4, "openings"),
        (4, "deadline"),
        (4, "fair"),
    }
    assert row_count(db, "job_position") == 4
    result = xl_ref.import_reference(db, "position", write_sheet(tmp_path / "p2.xlsx", rows[:2]), actor=ACTOR)
    assert result == xl_ref.ImportResult(1, 0, 0)
    welder = next(p for p in ref.positions(db, today=TODAY) if p.title == "焊工")
    assert (welder.pay_min_fen, welder.pay_max_fen, welder.openings) == (400000, 500050, 2)
    assert welder.majors == ("焊接技术应用", "数控技术应用") and welder.skill_level == "level4"
    assert welder.agreement_id == ids["agreement"] and welder.unit_id == ids["county"]
    assert welder.deadline == dt.date(2025, 12, 31)
    rows[1][7] = 3  # same enterprise, title and posting date: an update
    result = xl_ref.import_reference(db, "position", write_sheet(tmp_path / "p3.xlsx", rows[:2]), actor=ACTOR)
    assert result == xl_ref.ImportResult(0, 1, 0)
    assert ref.load(db, JobPosition, welder.id).openings == 3


def test_a_credit_code_cell_without_a_code_is_an_error_not_looked_up(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    """A company name typed in the 统一社会信用代码 column, or a code with a wrong character, is an error of that
    cell saying the code is not valid, not "no enterprise has this code" (nor a name looked up instead)."""
    hongda = "城口县宏达机械有限公司"
    header = ["企业名称", "统一社会信用代码", "岗位名称", "就业地域", "发布日期"]
    rows: list[list[Any]] = [
        header,
        [hongda, hongda, "焊工", "县内", "2025-11-01"],  # 2: the name in the code column
        [hongda, CREDIT_CODES["hongda"][:-1] + "0", "钳工", "县内", "2025-11-01"],  # 3: wrong check character
        [hongda, "91500229MA5U3K8X1", "车工", "县内", "2025-11-01"],  # 4: a character missing
        [hongda, CREDIT_CODES["hongda"].lower(), "铣工", "县内", "2025-11-01"],  # 5: fine (lower case)
    ]
    with pytest.raises(ValidationFailed) as caught:
        xl_ref.import_reference(db, "position", write_sheet(tmp_path / "p.xlsx", rows), actor=ACTOR)
    assert {(i.row, i.field) for i in caught.value.errors} == {
        (2, "enterprise_code"),
        (3, "enterprise_code"),
        (4, "enterprise_code"),
    }
    message = caught.value.text()
    assert f"第2行，统一社会信用代码（B列）：“{hongda}”不是有效的统一社会信用代码：" in message
    assert "第3行，统一社会信用代码（B列）：" in message and "校验位不对" in message
    assert "第4行，统一社会信用代码（B列）：“91500229MA5U3K8X1”不是有效的统一社会信用代码：" in message
    assert "应为18位，这里是17位" in message
    assert "没有统一社会信用代码为" not in message
    assert row_count(db, "job_position") == 4 and audits(db, "import") == []

    # The enterprises sheet says the same, and does not take the row for another enterprise of that name and place.
    rows = [
        ["企业名称", "统一社会信用代码", "行业", "所在地", "就业地域"],
        [hongda, hongda, "制造业", "城口县工业园区", "县内"],
    ]
    with pytest.raises(ValidationFailed) as caught:
        xl_ref.import_reference(db, "enterprise", write_sheet(tmp_path / "e.xlsx", rows), actor=ACTOR)
    assert {(i.row, i.field) for i in caught.value.errors} == {(2, "credit_code")}
    assert f"第2行，统一社会信用代码（B列）：“{hongda}”不是有效的统一社会信用代码：" in caught.value.text()


def test_a_township_changes_its_own_positions_but_not_the_countys(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    enroll(db, "township", ids["miaoba"], "李乡")
    path = tmp_path / "positions.xlsx"
    xl_ref.export_reference(db, "position", path, actor="李乡")
    rows = read_sheet(path)
    header = rows[0]
    cnc = next(r for r in rows if r[header.index("岗位名称")] == "数控车床操作工")  # the county's
    nurse = next(r for r in rows if r[header.index("岗位名称")] == "护理员")  # 庙坝镇's
    cnc[header.index("招聘人数")] = 8
    nurse[header.index("招聘人数")] = 4
    before = [dataclass_values(p) for p in all_records(db, JobPosition)]
    with pytest.raises(ValidationFailed) as caught:
        xl_ref.import_reference(db, "position", write_sheet(tmp_path / "edited.xlsx", rows), actor="李乡")
    number = 1 + rows.index(cnc)
    assert {(i.row, i.field) for i in caught.value.errors} == {(number, "title")}
    assert (
        f"第{number}行，岗位名称（C列）：这个岗位属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改"
        in caught.value.text()
    )
    assert [dataclass_values(p) for p in all_records(db, JobPosition)] == before
    rows.remove(cnc)
    result = xl_ref.import_reference(db, "position", write_sheet(tmp_path / "own.xlsx", rows), actor="李乡")
    assert result == xl_ref.ImportResult(0, 1, 2)
    assert ref.load(db, JobPosition, ids["pos_nurse"]).openings == 4


def test_roles(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "schools.xlsx"
    set_role(db, "township", "李乡")
    assert xl_ref.export_reference(db, "school", path, actor="李乡") == 2  # anyone may export
    with pytest.raises(AccessDenied, match="只有县级账号"):
        xl_ref.import_reference(db, "school", path, actor="李乡")
    positions = tmp_path / "positions.xlsx"
    xl_ref.export_reference(db, "position", positions, actor="李乡")
    assert xl_ref.import_reference(db, "position", positions, actor="李乡").unchanged == 4
    set_role(db, "village", "村甲")
    with pytest.raises(AccessDenied, match="只有乡镇或县级账号"):
        xl_ref.import_reference(db, "position", positions, actor="村甲")
    with pytest.raises(ValueError, match="unknown"):
        xl_ref.export_reference(db, "person", path, actor="村甲")
