"""Follow-ups (稳岗回访), fair invitations, policy campaigns and the people they reached to and from Excel (issue
16): round trip, re-import updates instead of adding, every bad row reported with its row and column and nothing
written, masked ID numbers, the refusals of ``placement.record_follow_up``, audit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

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
from tests.services.employment_fixtures import TODAY, build_employment_county
from tests.services.subsidy_fixtures import set_role
from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import CampaignReach, EmploymentFollowUp, FairInvitation, PolicyCampaign
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.services import employment_excel_followups as xl
from yulu_desktop.services import employment_reference
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

ACTOR = "王县"
ENTITY = {
    "follow_up": EmploymentFollowUp,
    "invitation": FairInvitation,
    "campaign": PolicyCampaign,
    "reach": CampaignReach,
}
COUNTS = {"follow_up": 1, "invitation": 3, "campaign": 1, "reach": 2}
KINDS = list(ENTITY)
TOPIC = "雨露计划就业扶持政策"
FAIR = "2025年雨露计划毕业生专场招聘会"
STRANGER = make_id_number("500229", dt.date(2000, 1, 1), 123)  # valid, of nobody here


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    found = build_employment_county(db, today=TODAY)
    set_role(db, "county")
    return found


def _export(db: Database, kind: str, path: Path, **kw: Any) -> int:
    kw.setdefault("full", True)
    kw.setdefault("reason", "核对回访台账")
    return xl.export_follow_up_kind(db, kind, path, actor=ACTOR, **kw)


def _import(db: Database, kind: str, path: Path) -> xl.ImportResult:
    return xl.import_follow_up_kind(db, kind, path, actor=ACTOR, today=TODAY)


def _new_row(rows: list[list[Any]], **values: Any) -> list[Any]:
    if "回访日期" in values:
        values = {"是否在岗": "是", **values}  # a follow-up row must say it (not guessed on import)
    row: list[Any] = [None] * len(rows[0])
    for header, value in values.items():
        set_cell(rows, row, header, value)
    rows.append(row)
    return row


# --- round trip -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_export_then_import_changes_nothing(
    db: Database, ids: dict[str, str], tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    count = COUNTS[kind]
    assert _export(db, kind, path) == count
    before = [fields_of(r) for r in all_records(db, ENTITY[kind])]
    assert _import(db, kind, path) == xl.ImportResult(0, 0, count)
    assert [fields_of(r) for r in all_records(db, ENTITY[kind])] == before
    table = xl.follow_up_kind_table(kind)
    ((entity, detail),) = audits(db, "export")
    assert entity == table and f"{count} 行" in detail
    assert ("理由：核对回访台账" in detail) == (kind != "campaign")  # a campaign carries no ID numbers
    ((entity, detail),) = audits(db, "import")
    assert entity == table and f"未变 {count}" in detail


@pytest.mark.parametrize("kind", KINDS)
def test_an_exported_record_comes_back_the_same(
    db: Database, ids: dict[str, str], tmp_path: Path, kind: str
) -> None:
    path = tmp_path / f"{kind}.xlsx"
    _export(db, kind, path)
    # A campaign's unit is not on the sheet: one imported anew belongs to this laptop's unit.
    without = ("id", "unit_id") if kind == "campaign" else ("id",)
    before = [fields_of(r, without=without) for r in all_records(db, ENTITY[kind])]
    with db.write_connection() as conn:
        conn.execute(schema.metadata.tables[xl.follow_up_kind_table(kind)].delete())
    count = COUNTS[kind]
    assert _import(db, kind, path) == xl.ImportResult(count, 0, 0)
    back = [fields_of(r, without=without) for r in all_records(db, ENTITY[kind])]
    key = repr
    assert sorted(back, key=key) == sorted(before, key=key)


def test_the_export_reads_as_people_write_it(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "follow_ups.xlsx"
    _export(db, "follow_up", path)
    rows = read_sheet(path)
    zhang = dict(zip(rows[0], rows[1], strict=True))
    assert zhang["姓名"] == "张坤" and zhang["村"] == "红岩村"
    assert zhang["就业单位"] == "城口县宏达机械有限公司" and zhang["上岗日期"] == dt.datetime(2025, 7, 15)
    assert (zhang["回访月份"], zhang["回访方式"], zhang["是否在岗"]) == (1, "电话", "是")
    path = tmp_path / "invitations.xlsx"
    _export(db, "invitation", path)
    rows = read_sheet(path)
    assert rows[0][:4] == ["招聘会", "举办日期", "姓名", "身份证号"]
    came = {r[2]: r[rows[0].index("是否到场")] for r in rows[1:]}
    assert came == {"张坤": "到场", "李娜": "到场", "王强": "未到场"}


def test_a_masked_export_is_not_imported_back(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "invitations.xlsx"
    assert xl.export_follow_up_kind(db, "invitation", path, actor=ACTOR) == 3
    numbers = [r[3] for r in read_sheet(path)[1:]]
    assert all("*" in n for n in numbers)
    ((_entity, detail),) = audits(db, "export")
    assert "身份证号已打码" in detail
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "invitation", path)
    assert {(i.row, i.field) for i in caught.value.errors} == {
        (2, "id_number"),
        (3, "id_number"),
        (4, "id_number"),
    }
    assert "第2行，身份证号（D列）：" in caught.value.text() and "打码后的身份证号" in caught.value.text()


def test_a_full_export_needs_the_permission_and_a_reason(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    set_role(db, "village")
    with pytest.raises(AccessDenied):
        _export(db, "follow_up", tmp_path / "x.xlsx")
    assert xl.export_follow_up_kind(db, "follow_up", tmp_path / "x.xlsx", actor=ACTOR) == 1
    assert not audits(db, "import")


# --- re-import --------------------------------------------------------------------------------------------------


def test_reimport_updates_instead_of_adding(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    # Follow-ups: 张坤's first one corrected (he had left; its date too), and 孙磊's first one added, by label and
    # code.
    path = tmp_path / "follow_ups.xlsx"
    _export(db, "follow_up", path)
    rows = read_sheet(path)
    set_cell(rows, rows[1], "是否在岗", "否")
    set_cell(rows, rows[1], "回访日期", "2025-08-18")
    set_cell(rows, rows[1], "回访方式", "home")  # the code as well as the label
    set_cell(rows, rows[1], "备注", "已离职回家")
    _new_row(
        rows,
        姓名="孙磊",
        身份证号=id_number_of(db, ids["sun"]),
        上岗日期="2025-08-01",
        回访月份="第1个月",
        回访日期="2025-09-02",
        回访方式="微信",
    )
    assert _import(db, "follow_up", write_sheet(path, rows)) == xl.ImportResult(1, 1, 0)
    zhang = next(f for f in all_records(db, EmploymentFollowUp) if f.id == ids["follow_up_zhang"])
    assert (zhang.still_employed, zhang.mode, zhang.note, zhang.due_month) == (False, "home", "已离职回家", 1)
    assert zhang.done_on == dt.date(2025, 8, 18)
    (sun,) = [f for f in all_records(db, EmploymentFollowUp) if f.person_id == ids["sun"]]
    assert (sun.employment_record_id, sun.due_month, sun.done_on) == (ids["job_sun"], 1, dt.date(2025, 9, 2))
    assert (sun.mode, sun.still_employed, sun.followed_by) == ("wechat", True, "王县")
    assert row_count(db, "employment_follow_up") == 2
    assert _import(db, "follow_up", path) == xl.ImportResult(0, 0, 2)

    # Invitations: 王强 came after all, 周杰 is invited.
    path = tmp_path / "invitations.xlsx"
    _export(db, "invitation", path)
    rows = read_sheet(path)
    wang = next(r for r in rows if r[2] == "王强")
    set_cell(rows, wang, "是否到场", "是")
    _new_row(rows, 招聘会=FAIR, 姓名="周杰", 身份证号=id_number_of(db, ids["zhou"]))
    assert _import(db, "invitation", write_sheet(path, rows)) == xl.ImportResult(1, 1, 2)
    invited = {i.person_id: i for i in all_records(db, FairInvitation)}
    assert invited[ids["wang"]].attended is True
    zhou = invited[ids["zhou"]]
    assert (zhou.fair_id, zhou.invited_on, zhou.attended) == (ids["fair"], TODAY, None)
    assert row_count(db, "fair_invitation") == 4
    assert _import(db, "invitation", path) == xl.ImportResult(0, 0, 4)


# --- bad rows ---------------------------------------------------------------------------------------------------


def test_bad_follow_up_rows_are_reported_and_nothing_is_written(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "follow_ups.xlsx"
    _export(db, "follow_up", path)
    rows = read_sheet(path)
    sun = id_number_of(db, ids["sun"])
    _new_row(rows, 身份证号=STRANGER, 上岗日期="2025-08-01", 回访月份=1, 回访日期="2025-09-01")  # 3
    _new_row(
        rows, 身份证号="500229********1234", 上岗日期="2025-08-01", 回访月份=1, 回访日期="2025-09-01"
    )  # 4
    _new_row(rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=1, 回访日期="2025-13-40")  # 5
    _new_row(
        rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=1, 回访日期="2025-09-01", 回访方式="托梦"
    )  # 6
    _new_row(rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=2, 回访日期="2025-09-01")  # 7
    _new_row(rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=3, 回访日期="2025-11-01")  # 8
    _new_row(rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=3, 回访日期="2025-11-01")  # 9: same as 8
    _new_row(
        rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=3, 回访日期="2025-11-05"
    )  # 10: month 3 again
    _new_row(rows, 身份证号=sun, 上岗日期="2025-08-02", 回访月份=6, 回访日期="2025-11-01")  # 11: no such job
    _new_row(rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=6, 回访日期="2025-12-20")  # 12: after today
    _new_row(
        rows,
        身份证号=id_number_of(db, ids["zhang"]),
        上岗日期="2025-07-15",
        回访月份=1,
        回访日期="2025-08-20",
    )  # 13: 张坤's first month, which row 2 already is
    _new_row(
        rows,
        身份证号=id_number_of(db, ids["wang"]),
        上岗日期=f"{2024}-08-01",
        回访月份=1,
        回访日期="2024-09-01",
    )  # 14
    _new_row(
        rows, 身份证号=sun, 上岗日期="2025-08-01", 回访月份=6, 回访日期="2025-11-20", 是否在岗=None
    )  # 15
    before = [fields_of(r) for r in all_records(db, EmploymentFollowUp)]
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "follow_up", write_sheet(path, rows))
    message = caught.value.text()
    assert f"第3行，身份证号（B列）：本机数据中没有身份证号为 {STRANGER} 的人员" in message
    assert "第4行，身份证号（B列）：“500229********1234”是打码后的身份证号" in message
    assert "第5行，回访日期（H列）：" in message
    assert "第6行，回访方式（I列）：" in message and "托梦" in message
    assert "第7行，回访月份（G列）：回访只在上岗后第1、3、6、12个月进行，没有第2个月" in message
    assert "第9行，回访日期（H列）：与第8行是同一条回访" in message
    assert "第10行，回访月份（G列）：与第8行是同一份工作第3个月的回访，不能重复登记" in message
    assert "第11行，上岗日期（F列）：此人没有上岗日期为2025-08-02的就业记录" in message
    assert "第12行，回访日期（H列）：回访日期不能晚于今天" in message
    assert "第13行，回访月份（G列）：与第2行是同一份工作第1个月的回访，不能重复登记" in message
    assert "第14行，上岗日期（F列）：这条记录的去向是" in message
    assert "第15行，是否在岗（J列）：不能为空" in message
    assert not any(i.row == 8 for i in caught.value.errors)
    assert [fields_of(r) for r in all_records(db, EmploymentFollowUp)] == before
    assert not audits(db, "import")


def test_bad_invitation_rows_are_reported_and_nothing_is_written(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "invitations.xlsx"
    _export(db, "invitation", path)
    rows = read_sheet(path)
    zhou = id_number_of(db, ids["zhou"])
    _new_row(rows, 招聘会="不存在的招聘会", 身份证号=zhou)  # 5
    _new_row(rows, 招聘会=FAIR, 举办日期="2025-01-01", 身份证号=zhou)  # 6
    _new_row(rows, 招聘会=FAIR, 身份证号=STRANGER)  # 7
    _new_row(rows, 招聘会=FAIR, 身份证号=id_number_of(db, ids["chen"]), 是否到场="也许")  # 8
    _new_row(rows, 招聘会=FAIR, 身份证号=id_number_of(db, ids["sun"]), 邀请日期="昨天")  # 9
    _new_row(rows, 招聘会=FAIR, 身份证号=zhou)  # 10
    _new_row(rows, 招聘会=FAIR, 身份证号=zhou, 姓名="张三")  # 11
    before = [fields_of(r) for r in all_records(db, FairInvitation)]
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "invitation", write_sheet(path, rows))
    message = caught.value.text()
    assert "第5行，招聘会（A列）：没有名为“不存在的招聘会”的招聘会" in message
    assert "第6行，举办日期（B列）：招聘会“2025年雨露计划毕业生专场招聘会”的举办日期是2025-11-11" in message
    assert f"第7行，身份证号（D列）：本机数据中没有身份证号为 {STRANGER} 的人员" in message
    assert "第8行，是否到场（G列）：“也许”应填“到场”“未到场”" in message
    assert "第9行，邀请日期（F列）：" in message
    assert "第11行，姓名（C列）：身份证号对应的是“周杰”" in message
    assert "第11行，身份证号（D列）：与第10行是同一条邀请" in message
    assert not any(i.row == 10 for i in caught.value.errors)
    assert [fields_of(r) for r in all_records(db, FairInvitation)] == before
    assert not audits(db, "import")


def test_same_named_fairs_are_told_apart_by_date(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "invitations.xlsx"
    _export(db, "invitation", path)
    with db.write_connection() as conn:
        conn.execute(
            schema.job_fair.insert().values(
                id="fair-2",
                unit_id=ids["county"],
                name=FAIR,
                held_on=dt.date(2025, 6, 1),
                place="",
                school_ids="[]",
                enterprise_ids="[]",
                note="",
            )
        )
    rows = read_sheet(path)
    _new_row(rows, 招聘会=FAIR, 举办日期="2025-06-01", 身份证号=id_number_of(db, ids["zhou"]))
    _new_row(rows, 招聘会=FAIR, 身份证号=id_number_of(db, ids["sun"]))
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "invitation", write_sheet(path, rows))
    assert [e.text() for e in caught.value.errors] == [
        f"第6行，招聘会（A列）：有2场名为“{FAIR}”的招聘会，请填写举办日期以区分"
    ]
    rows.pop()
    assert _import(db, "invitation", write_sheet(path, rows)) == xl.ImportResult(1, 0, 3)
    (zhou,) = [i for i in all_records(db, FairInvitation) if i.person_id == ids["zhou"]]
    assert zhou.fair_id == "fair-2"


def test_an_empty_sheet_is_refused(db: Database, ids: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    with db.write_connection() as conn:
        conn.execute(schema.employment_follow_up.delete())
    assert _export(db, "follow_up", path) == 0
    with pytest.raises(ValidationFailed, match="稳岗回访表中没有数据行"):
        _import(db, "follow_up", path)


# --- campaigns ----------------------------------------------------------------------------------------------------


def test_campaigns_and_the_people_reached_update_on_reimport(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "campaigns.xlsx"
    _export(db, "campaign", path)
    rows = read_sheet(path)
    assert rows[0] == ["宣传日期", "时点", "主题", "地点", "宣传人", "备注"]
    assert rows[1][1:3] == ["毕业前", TOPIC]
    set_cell(rows, rows[1], "宣传人", "庙坝镇就业服务站")
    _new_row(
        rows, 宣传日期="2025-06-10", 时点="before_entry", 主题="中考前雨露计划政策宣讲", 地点="红岩村小学"
    )
    assert _import(db, "campaign", write_sheet(path, rows)) == xl.ImportResult(1, 1, 0)
    campaigns = {c.topic: c for c in all_records(db, PolicyCampaign)}
    assert campaigns[TOPIC].id == ids["campaign"] and campaigns[TOPIC].held_by == "庙坝镇就业服务站"
    new = campaigns["中考前雨露计划政策宣讲"]
    assert (new.moment, new.held_on, new.unit_id) == ("before_entry", dt.date(2025, 6, 10), ids["county"])
    assert _import(db, "campaign", path) == xl.ImportResult(0, 0, 2)

    path = tmp_path / "reach.xlsx"
    _export(db, "reach", path)
    rows = read_sheet(path)
    li = next(r for r in rows if r[rows[0].index("姓名")] == "李娜")
    set_cell(rows, li, "备注", "已发放明白卡")
    _new_row(
        rows, 宣传日期="2025-06-10", 主题="中考前雨露计划政策宣讲", 身份证号=id_number_of(db, ids["chen"])
    )
    assert _import(db, "reach", write_sheet(path, rows)) == xl.ImportResult(1, 1, 1)
    reached = {(r.campaign_id, r.person_id): r for r in all_records(db, CampaignReach)}
    assert reached[(ids["campaign"], ids["li"])].note == "已发放明白卡"
    assert (new.id, ids["chen"]) in reached and len(reached) == 3


def test_bad_campaign_rows_are_reported_and_nothing_is_written(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    path = tmp_path / "campaigns.xlsx"
    _export(db, "campaign", path)
    rows = read_sheet(path)
    _new_row(rows, 宣传日期="2025-12-20", 时点="毕业前", 主题="明天的宣传")  # 3: after today
    _new_row(rows, 宣传日期="2025-11-01", 时点="赶集时", 主题="赶集宣传")  # 4: bad code
    _new_row(rows, 宣传日期="2025-11-01", 时点="毕业前")  # 5: no topic
    _new_row(
        rows, 宣传日期="2025-10-02", 时点="毕业前", 主题=TOPIC, 地点="红岩村便民服务中心"
    )  # 6: same as 2
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "campaign", write_sheet(path, rows))
    message = caught.value.text()
    assert "第3行，宣传日期（A列）：宣传日期不能晚于今天" in message
    assert "第4行，时点（B列）：" in message and "赶集时" in message
    assert "第5行，主题（C列）：不能为空" in message
    assert "第6行，主题（C列）：与第2行是同一次宣传" in message

    path = tmp_path / "reach.xlsx"
    _export(db, "reach", path)
    rows = read_sheet(path)
    chen = id_number_of(db, ids["chen"])
    _new_row(rows, 宣传日期="2025-10-02", 主题="没有这次宣传", 身份证号=chen)  # 4
    _new_row(rows, 宣传日期="2025-10-02", 主题=TOPIC, 身份证号="500229********1234")  # 5
    _new_row(rows, 宣传日期="2025-10-02", 主题=TOPIC, 身份证号=STRANGER)  # 6
    li = 1 + next(n for n, r in enumerate(rows) if r[rows[0].index("姓名")] == "李娜")
    _new_row(rows, 宣传日期="2025-10-02", 主题=TOPIC, 身份证号=id_number_of(db, ids["li"]))  # 7: li again
    before = [fields_of(r) for r in all_records(db, CampaignReach)]
    with pytest.raises(ValidationFailed) as caught:
        _import(db, "reach", write_sheet(path, rows))
    message = caught.value.text()
    assert "第4行，主题（B列）：没有2025-10-02主题为“没有这次宣传”的宣传" in message
    assert "第5行，身份证号（D列）：“500229********1234”是打码后的身份证号" in message
    assert f"第6行，身份证号（D列）：本机数据中没有身份证号为 {STRANGER} 的人员" in message
    assert f"第7行，身份证号（D列）：与第{li}行是同一条记录" in message
    assert [fields_of(r) for r in all_records(db, CampaignReach)] == before
    assert [c.id for c in all_records(db, PolicyCampaign)] == [ids["campaign"]]
    assert not audits(db, "import")


def test_a_village_changes_its_own_campaigns_but_not_its_townships(
    db: Database, ids: dict[str, str], tmp_path: Path
) -> None:
    """A township's campaign reaches its villages' laptops, but the county server holds back a village's change of
    it: the import refuses that row, and with it the file, as the page refuses 修改."""
    township = employment_reference.save_campaign(
        db,
        PolicyCampaign(
            unit_id=ids["miaoba"],
            moment="before_recruitment",
            held_on=dt.date(2025, 5, 20),
            topic="春风行动招聘前宣传",
            place="庙坝镇政府",
        ),
        actor=ACTOR,
        today=TODAY,
    )
    enroll(db, "village", ids["hongyan"], "红岩村干部")
    path = tmp_path / "campaigns.xlsx"
    assert xl.export_follow_up_kind(db, "campaign", path, actor="红岩村干部") == 2
    assert xl.import_follow_up_kind(db, "campaign", path, actor="红岩村干部", today=TODAY) == (
        xl.ImportResult(0, 0, 2)
    )
    rows = read_sheet(path)
    theirs = next(r for r in rows if r[2] == "春风行动招聘前宣传")
    ours = next(r for r in rows if r[2] == TOPIC)
    set_cell(rows, theirs, "宣传人", "红岩村两委")
    set_cell(rows, ours, "备注", "发放明白卡30份")
    before = [fields_of(c) for c in all_records(db, PolicyCampaign)]
    with pytest.raises(ValidationFailed) as caught:
        xl.import_follow_up_kind(db, "campaign", write_sheet(path, rows), actor="红岩村干部", today=TODAY)
    number = 1 + rows.index(theirs)
    assert {(i.row, i.field) for i in caught.value.errors} == {(number, "topic")}
    assert (
        f"第{number}行，主题（C列）：这次宣传属于庙坝镇，不在本机的管辖范围（红岩村）内，本机不能修改"
        in caught.value.text()
    )
    assert [fields_of(c) for c in all_records(db, PolicyCampaign)] == before

    rows.remove(theirs)
    assert xl.import_follow_up_kind(
        db, "campaign", write_sheet(path, rows), actor="红岩村干部", today=TODAY
    ) == xl.ImportResult(0, 1, 0)
    assert {c.id: c.note for c in all_records(db, PolicyCampaign)}[ids["campaign"]] == "发放明白卡30份"

    # Another village may not change it; its township may.
    set_cell(rows, ours, "备注", "发放明白卡40份")
    write_sheet(path, rows)
    enroll(db, "village", ids["shiping"], "石坪村干部")
    with pytest.raises(ValidationFailed, match="这次宣传属于红岩村，不在本机的管辖范围（石坪村）内"):
        xl.import_follow_up_kind(db, "campaign", path, actor="石坪村干部", today=TODAY)
    enroll(db, "township", ids["miaoba"], "李乡")
    assert xl.import_follow_up_kind(db, "campaign", path, actor="李乡", today=TODAY) == xl.ImportResult(
        0, 1, 0
    )
    campaigns = {c.id: c for c in all_records(db, PolicyCampaign)}
    assert campaigns[ids["campaign"]].note == "发放明白卡40份" and campaigns[township].held_by == ""
