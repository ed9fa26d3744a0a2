"""Employment reference data (issue 16): lists and counts, saves with validation, roles, enterprise duplicates,
deletes refused while referenced, missing references shown, not crashed on."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select, text

from tests.services.employment_fixtures import CREDIT_CODES, TODAY, build_employment_county, credit_code
from tests.services.subsidy_fixtures import set_role
from yulu_desktop.domain import employment
from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import (
    EmploymentAgreement,
    Enterprise,
    JobFair,
    JobPosition,
    PolicyCampaign,
    School,
)
from yulu_desktop.domain.errors import NotFound, ValidationFailed
from yulu_desktop.services import employment_reference as ref
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

ACTOR = "王县"


@pytest.fixture
def ids(db: Database) -> dict[str, str]:
    found = build_employment_county(db, today=TODAY)
    set_role(db, "county")
    return found


def _count(db: Database, table: str) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar_one())


def _new_enterprise(**changes: object) -> Enterprise:
    values: dict[str, object] = {
        "county_id": "",
        "name": "城口县山珍食品有限公司",
        "credit_code": credit_code("91500229MA60000A0"),
        "industry": "manufacturing",
        "place": "城口县葛城街道",
        "region": "county",
    }
    values.update(changes)
    return Enterprise(**values)  # type: ignore[arg-type]


# --- home unit ------------------------------------------------------------------------------------------------


def test_home_unit_is_the_enrolled_jurisdiction_else_the_county(db: Database, ids: dict[str, str]) -> None:
    with db.read() as session:
        assert ref.home_unit(session).id == ids["county"]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE sync_state SET jurisdiction_id = :j WHERE id = 1"), {"j": ids["miaoba"]})
    with db.read() as session:
        assert ref.home_unit(session).id == ids["miaoba"]
    with db.engine.begin() as conn:  # a jurisdiction not on this laptop (yet): the county
        conn.execute(text("UPDATE sync_state SET jurisdiction_id = 'elsewhere' WHERE id = 1"))
    with db.read() as session:
        assert ref.home_unit(session).id == ids["county"]


# --- lists ----------------------------------------------------------------------------------------------------


def test_lists_carry_names_labels_and_counts(db: Database, ids: dict[str, str]) -> None:
    schools = {s.id: s for s in ref.schools(db)}
    assert schools[ids["school_sanxia"]].level_label == "高职"
    assert "护理" in schools[ids["school_sanxia"]].majors

    enterprises = {e.id: e for e in ref.enterprises(db, today=TODAY)}
    assert enterprises[ids["hongda"]].open_positions == 1  # pos_cnc; pos_closed has passed its deadline
    assert enterprises[ids["ningbo"]].pairing_label == "东西部协作"
    assert [e.id for e in ref.enterprises(db, text="宁波", today=TODAY)] == [ids["ningbo"]]
    assert [e.id for e in ref.enterprises(db, text=CREDIT_CODES["kangning"].lower(), today=TODAY)] == [
        ids["kangning"]
    ]

    (agreement,) = ref.agreements(db)
    assert agreement.school_name == "重庆三峡职业学院"
    assert agreement.enterprise_names == ("城口县宏达机械有限公司",)
    assert agreement.hired == 1  # 张坤 through pos_cnc

    rows = {p.id: p for p in ref.positions(db, today=TODAY)}
    cnc = rows[ids["pos_cnc"]]
    assert (cnc.referred, cnc.hired, cnc.is_open, cnc.pay_text) == (1, 1, True, "3500–4500元/月")
    assert cnc.industry_label == "制造业" and cnc.unit_name == "城口县"
    assert rows[ids["pos_nurse"]].fair_name.endswith("专场招聘会")
    assert rows[ids["pos_ningbo"]].pay_text == "5200–6500元/月"
    assert rows[ids["pos_closed"]].is_open is False
    assert rows[ids["pos_closed"]].pay_text == "3000元/月起"
    assert ids["pos_closed"] not in {p.id for p in ref.positions(db, open_only=True, today=TODAY)}
    assert {p.id for p in ref.positions(db, unit_id=ids["miaoba"], today=TODAY)} == {ids["pos_nurse"]}
    assert {p.id for p in ref.positions(db, enterprise_id=ids["hongda"], today=TODAY)} == {
        ids["pos_cnc"],
        ids["pos_closed"],
    }
    assert {p.id for p in ref.positions(db, fair_id=ids["fair"], today=TODAY)} == {ids["pos_nurse"]}

    (fair,) = ref.fairs(db)
    assert (fair.positions, fair.invited, fair.attended, fair.referred, fair.hired) == (1, 3, 2, 1, 0)
    assert fair.school_names == ("重庆三峡职业学院",)

    (campaign,) = ref.campaigns(db)
    assert (campaign.unit_name, campaign.moment_label, campaign.reached) == ("红岩村", "毕业前", 2)
    assert ref.campaigns(db, unit_id=ids["gaoguan"]) == []
    assert len(ref.campaigns(db, unit_id=ids["miaoba"])) == 1


def test_missing_references_are_named_not_crashed_on(db: Database, ids: dict[str, str]) -> None:
    with db.engine.begin() as conn:  # as if the enterprise and fair were deleted elsewhere or not synced yet
        conn.execute(text("PRAGMA foreign_keys = OFF"))
        conn.execute(text("DELETE FROM enterprise WHERE id = :e"), {"e": ids["kangning"]})
        conn.execute(text("DELETE FROM job_fair WHERE id = :f"), {"f": ids["fair"]})
        conn.execute(text("DELETE FROM school WHERE id = :s"), {"s": ids["school_sanxia"]})
    nurse = next(p for p in ref.positions(db, today=TODAY) if p.id == ids["pos_nurse"])
    assert (nurse.enterprise_name, nurse.fair_name, nurse.industry_label) == (
        "（企业已删除）",
        "（招聘会已删除）",
        "",
    )
    assert ref.agreements(db)[0].school_name == "（学校已删除）"


def test_load_and_not_found(db: Database, ids: dict[str, str]) -> None:
    school = ref.load(db, School, ids["school_sanxia"])
    assert school.name == "重庆三峡职业学院"
    with pytest.raises(NotFound, match="找不到企业"):
        ref.load(db, Enterprise, "nope")


# --- saves ----------------------------------------------------------------------------------------------------


def test_save_school_inserts_with_the_county_then_updates_changed_fields(
    db: Database, ids: dict[str, str]
) -> None:
    school_id = ref.save_school(
        db,
        School(county_id="", name="重庆工业职业技术学院", level="higher", majors=json.dumps(["机电一体化"])),
        actor=ACTOR,
    )
    stored = ref.load(db, School, school_id)
    assert stored.county_id == ids["county"]
    ref.save_school(db, dataclasses.replace(stored, place="重庆市渝北区"), actor=ACTOR)
    assert ref.load(db, School, school_id).place == "重庆市渝北区"
    assert _count(db, "school") == 3


def test_save_refuses_invalid_records_with_field_labels(db: Database, ids: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed) as caught:
        ref.save_school(db, School(county_id="", name=" ", level="nope"), actor=ACTOR)
    assert {(i.field, i.label) for i in caught.value.errors} == {("name", "学校名称"), ("level", "学校层次")}
    with pytest.raises(ValidationFailed, match="已有同名学校"):
        ref.save_school(db, School(county_id="", name="重庆三峡职业学院", level="higher"), actor=ACTOR)
    with pytest.raises(ValidationFailed, match="统一社会信用代码校验位不对"):
        ref.save_enterprise(db, _new_enterprise(credit_code="91500229MA60000A01"), actor=ACTOR)
    agreement = EmploymentAgreement(
        county_id="", kind="tripartite", title="协议", signed_on=TODAY, enterprise_ids=json.dumps(["gone"])
    )
    with pytest.raises(ValidationFailed) as caught:
        ref.save_agreement(db, agreement, actor=ACTOR)
    assert {i.field for i in caught.value.errors} == {"school_id", "enterprise_ids"}
    position = JobPosition(
        unit_id="",
        enterprise_id=ids["hongda"],
        title="焊工",
        region="county",
        pay_min_fen=500000,
        pay_max_fen=400000,
        posted_on=TODAY,
        fair_id="gone",
    )
    with pytest.raises(ValidationFailed) as caught:
        ref.save_position(db, position, actor=ACTOR)
    assert {(i.field, i.label) for i in caught.value.errors} == {
        ("pay_max_fen", "月薪上限"),
        ("fair_id", "招聘会"),
    }
    with pytest.raises(ValidationFailed, match="宣传日期不能晚于今天"):
        ref.save_campaign(
            db,
            PolicyCampaign(
                unit_id="", moment="before_entry", held_on=TODAY + timedelta(days=1), topic="政策"
            ),
            actor=ACTOR,
            today=TODAY,
        )
    assert (_count(db, "school"), _count(db, "enterprise"), _count(db, "job_position")) == (2, 3, 4)


def test_save_enterprise_normalizes_the_credit_code_and_allows_warnings(
    db: Database, ids: dict[str, str]
) -> None:
    code = credit_code("91500229MA60000A0")
    enterprise_id = ref.save_enterprise(
        db, _new_enterprise(credit_code=f" {code.lower()} ", pairing="east_west"), actor=ACTOR
    )
    stored = ref.load(db, Enterprise, enterprise_id)
    assert stored.credit_code == code and stored.county_id == ids["county"]


def test_duplicate_enterprise_is_refused_naming_the_other(db: Database, ids: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed, match=r"城口县宏达机械有限公司.*同一统一社会信用代码") as caught:
        ref.save_enterprise(db, _new_enterprise(credit_code=CREDIT_CODES["hongda"]), actor=ACTOR)
    assert caught.value.errors[0].field == "credit_code"
    with pytest.raises(ValidationFailed, match=r"万州康宁医院.*同名同地"):
        ref.save_enterprise(
            db, _new_enterprise(name="万州康宁医院", place="重庆市万州区", credit_code=None), actor=ACTOR
        )
    # Saving the stored record itself is no duplicate.
    hongda = ref.load(db, Enterprise, ids["hongda"])
    ref.save_enterprise(db, dataclasses.replace(hongda, contact_name="新经理"), actor=ACTOR)
    assert ref.load(db, Enterprise, ids["hongda"]).contact_name == "新经理"


def test_duplicate_enterprises_already_stored_are_paired(db: Database, ids: dict[str, str]) -> None:
    assert ref.duplicate_enterprises(db) == []
    with db.write() as session:  # as sync brings in a record entered on another laptop
        session.add(
            _new_enterprise(
                county_id=ids["county"], name="城口宏达机械有限公司", credit_code=CREDIT_CODES["hongda"]
            )
        )
    ((first, second),) = ref.duplicate_enterprises(db, today=TODAY)
    assert (first.id, second.name) == (ids["hongda"], "城口宏达机械有限公司")
    assert first.open_positions == 1


def test_positions_fairs_and_campaigns_default_to_the_home_unit(db: Database, ids: dict[str, str]) -> None:
    set_role(db, "township", "李乡")
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE sync_state SET jurisdiction_id = :j WHERE id = 1"), {"j": ids["gaoguan"]})
    position_id = ref.save_position(
        db,
        JobPosition(unit_id="", enterprise_id=ids["hongda"], title="焊工", region="county", posted_on=TODAY),
        actor="李乡",
    )
    fair_id = ref.save_fair(db, JobFair(unit_id="", name="高观镇招聘会", held_on=TODAY), actor="李乡")
    campaign_id = ref.save_campaign(
        db,
        PolicyCampaign(unit_id="", moment="before_recruitment", held_on=TODAY, topic="招聘前宣传"),
        actor="李乡",
        today=TODAY,
    )
    assert ref.load(db, JobPosition, position_id).unit_id == ids["gaoguan"]
    assert ref.load(db, JobFair, fair_id).unit_id == ids["gaoguan"]
    assert ref.load(db, PolicyCampaign, campaign_id).unit_id == ids["gaoguan"]
    with db.read_connection() as conn:
        author = conn.execute(text("SELECT author FROM device_state WHERE id = 1")).scalar()
    assert "李乡" in str(author)


# --- roles ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["village", "township"])
def test_only_the_county_keeps_schools_enterprises_and_agreements(
    db: Database, ids: dict[str, str], role: str
) -> None:
    set_role(db, role, "村干部甲")
    school = School(county_id="", name="新学校", level="secondary")
    with pytest.raises(AccessDenied, match="只有县级账号可以维护学校、企业和合作协议"):
        ref.save_school(db, school, actor="村干部甲")
    with pytest.raises(AccessDenied, match="只有县级账号"):
        ref.save_enterprise(db, _new_enterprise(), actor="村干部甲")
    with pytest.raises(AccessDenied, match="只有县级账号"):
        ref.save_agreement(db, ref.load(db, EmploymentAgreement, ids["agreement"]), actor="村干部甲")
    with pytest.raises(AccessDenied, match="只有县级账号"):
        ref.delete_reference(db, "school", ids["school_vocational"], actor="村干部甲")
    assert _count(db, "school") == 2


def test_a_village_may_not_enter_positions_or_fairs_but_may_record_campaigns(
    db: Database, ids: dict[str, str]
) -> None:
    set_role(db, "village", "村干部甲")
    position = JobPosition(
        unit_id="", enterprise_id=ids["hongda"], title="焊工", region="county", posted_on=TODAY
    )
    with pytest.raises(AccessDenied, match="只有乡镇或县级账号可以录入岗位和招聘会"):
        ref.save_position(db, position, actor="村干部甲")
    with pytest.raises(AccessDenied, match="只有乡镇或县级账号"):
        ref.save_fair(db, JobFair(unit_id="", name="招聘会", held_on=TODAY), actor="村干部甲")
    campaign = PolicyCampaign(
        unit_id=ids["hongyan"], moment="before_entry", held_on=TODAY, topic="入学前宣传"
    )
    ref.save_campaign(db, campaign, actor="村干部甲", today=TODAY)
    assert _count(db, "policy_campaign") == 2


def _enroll(db: Database, role: str, unit_id: str, name: str) -> None:
    set_role(db, role, name)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE sync_state SET jurisdiction_id = :j WHERE id = 1"), {"j": unit_id})


def test_a_unit_record_is_changed_only_inside_the_jurisdiction(db: Database, ids: dict[str, str]) -> None:
    """What the county server holds back (a record of a unit outside the device's jurisdiction, before or after
    the change) the page refuses: a township laptop holds the county's fair and position but may not change or
    delete them, nor move its own position to the county."""
    _enroll(db, "township", ids["miaoba"], "李乡")
    fair = ref.load(db, JobFair, ids["fair"])
    refused = "属于城口县，不在本机的管辖范围（庙坝镇）内，本机不能修改"
    with pytest.raises(AccessDenied, match=f"招聘会“{fair.name}”{refused}"):
        ref.save_fair(db, dataclasses.replace(fair, place="庙坝镇体育馆"), actor="李乡")
    with pytest.raises(AccessDenied, match=refused):
        ref.delete_reference(db, "position", ids["pos_ningbo"], actor="李乡")
    assert ref.save_fair(db, fair, actor="李乡") == fair.id  # unchanged: nothing written, nothing refused
    nurse = ref.load(db, JobPosition, ids["pos_nurse"])  # 庙坝镇's
    ref.save_position(db, dataclasses.replace(nurse, openings=4), actor="李乡")
    with pytest.raises(AccessDenied, match=f"岗位“护理员”{refused}"):
        ref.save_position(db, dataclasses.replace(nurse, unit_id=ids["county"]), actor="李乡")
    assert ref.load(db, JobPosition, ids["pos_nurse"]).unit_id == ids["miaoba"]
    assert _count(db, "job_position") == 4

    campaign = ref.load(db, PolicyCampaign, ids["campaign"])  # 红岩村's
    ref.save_campaign(db, dataclasses.replace(campaign, note="乡镇补记"), actor="李乡", today=TODAY)
    _enroll(db, "village", ids["shiping"], "石坪村干部")
    with pytest.raises(
        AccessDenied, match="政策宣传“雨露计划就业扶持政策”属于红岩村，不在本机的管辖范围（石坪村）内"
    ):
        ref.save_campaign(db, dataclasses.replace(campaign, note="石坪村改"), actor="石坪村干部", today=TODAY)
    assert ref.load(db, PolicyCampaign, ids["campaign"]).note == "乡镇补记"


def test_an_unenrolled_laptop_acts_as_a_village(db: Database) -> None:
    build_employment_county(db, today=TODAY)
    with pytest.raises(AccessDenied, match="只有县级账号"):
        ref.save_school(db, School(county_id="", name="新学校", level="secondary"), actor="张三")


# --- delete ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("entity", "key", "used_by"),
    [
        ("school", "school_sanxia", "1 份合作协议、1 场招聘会"),
        ("enterprise", "hongda", "2 个岗位、1 份合作协议、1 场招聘会"),
        ("employment_agreement", "agreement", "1 个岗位"),
        ("job_position", "pos_cnc", "1 条推荐记录"),
        ("fair", "fair", "1 个岗位、3 条邀请记录、1 条推荐记录"),
        ("campaign", "campaign", "2 条宣传对象记录"),
    ],
)
def test_delete_is_refused_while_referenced(
    db: Database, ids: dict[str, str], entity: str, key: str, used_by: str
) -> None:
    with pytest.raises(ValidationFailed, match=f"还被{used_by}引用，不能删除"):
        ref.delete_reference(db, entity, ids[key], actor=ACTOR)


def test_delete_unreferenced_records(db: Database, ids: dict[str, str]) -> None:
    ref.delete_reference(db, "school", ids["school_vocational"], actor=ACTOR)
    ref.delete_reference(db, "position", ids["pos_ningbo"], actor=ACTOR)
    ref.delete_reference(db, "enterprise", ids["ningbo"], actor=ACTOR)  # its only position is gone now
    assert (_count(db, "school"), _count(db, "job_position"), _count(db, "enterprise")) == (1, 3, 2)
    with pytest.raises(NotFound, match="找不到学校"):
        ref.delete_reference(db, "school", ids["school_vocational"], actor=ACTOR)
    with pytest.raises(ValueError, match="unknown"):
        ref.delete_reference(db, "person", ids["zhang"], actor=ACTOR)


def test_pay_text() -> None:
    assert employment.pay_text(None, None) == "面议"
    assert employment.pay_text(None, 450000) == "最高4500元/月"
    assert employment.pay_text(350050, 350050) == "3500.5元/月"
    assert ref.is_open(
        JobPosition(
            unit_id="u",
            enterprise_id="e",
            title="t",
            region="county",
            posted_on=date(2025, 1, 1),
            deadline=TODAY,
        ),
        TODAY,
    )
