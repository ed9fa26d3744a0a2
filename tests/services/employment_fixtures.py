"""A small county for the employment tests (issue 16): 城口县 with two townships (庙坝镇, 高观镇), three villages
(红岩村, 石坪村 under 庙坝镇; 三岔村 under 高观镇), graduates with and without jobs, students, schools,
enterprises, an agreement, a job fair, positions and a few per-person records — written straight through the ORM,
so tests of one service do not depend on the others.

``build_employment_county(db, today=TODAY)`` returns the ids by name (see :data:`KEYS`); the names are stable.
Dates are relative to ``today``; the graduation years are in the returned dict as ``"year"`` (the latest
graduation year, ``Y``: ``today.year`` from July on, else the year before) and ``"year_before"`` (``Y - 1``).

People (村, 学校·专业, 去向 as of ``today``):

- ``zhang`` 张坤 (红岩村): graduated in Y (ended_on 30 June Y), 数控技术应用, hired through referral
  ``ref_zhang`` to ``pos_cnc`` (企业 ``hongda``, 县内, 3,500 元), entry ``job_zhang`` starting 15 July Y;
  the 1-month follow-up ``follow_up_zhang`` is done; invited to ``fair`` and attended.
- ``li`` 李娜 (红岩村): graduated in Y, 护理, no employment entry; invited to ``fair`` and attended; referral
  ``ref_li`` to ``pos_nurse`` (state referred, at the fair); career plan ``plan_li`` (wants 省内县外, 卫生).
- ``wang`` 王强 (石坪村): graduated in Y-1 (no ended_on: year from school_year), 电子商务, destination seeking;
  open placement action ``action_wang`` due 3 days before ``today`` (overdue); invited to ``fair``, absent.
- ``zhao`` 赵敏 (石坪村): graduated in Y-1, 护理, further_study (placed, not employed).
- ``sun`` 孙磊 (三岔村): graduated in Y, 电子技术应用, employed at ``ningbo`` (省外, 5,200 元, major not matched,
  entry ``job_sun``).
- ``zhou`` 周杰 (三岔村): enrolled, 数控技术应用, finishes 6 months after ``today`` (final-year student);
  training certificate 中级工.
- ``chen`` 陈晨 (红岩村): enrolled, first year (not final-year).

Graduates: zhang, li, wang, zhao, sun (5); employed: zhang, sun (2); placed: zhang, sun, zhao (3).

Reference: schools ``school_sanxia`` (高职) and ``school_vocational`` (中职); enterprises ``hongda`` (本地, 县内,
制造业), ``kangning`` (本地企业, 省内县外, 卫生), ``ningbo`` (东西部协作, 省外, 制造业); agreement ``agreement``
(三方: sanxia + hongda, 数控技术应用); fair ``fair`` (county, 20 days before today, sanxia; hongda and kangning);
positions ``pos_cnc`` (county, hongda, under the agreement, open), ``pos_nurse`` (庙坝镇, kangning, at the fair,
open), ``pos_ningbo`` (county, ningbo, 电子技术应用, open), ``pos_closed`` (高观镇, hongda, any major, deadline
passed); campaign ``campaign`` (红岩村, 毕业前) that reached li and wang.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta

from yulu_desktop.domain.employment import add_months
from yulu_desktop.domain.entities import (
    CampaignReach,
    CareerPlan,
    EmploymentAgreement,
    EmploymentFollowUp,
    EmploymentRecord,
    Enrollment,
    Enterprise,
    FairInvitation,
    Household,
    JobFair,
    JobPosition,
    JobReferral,
    OrgUnit,
    Person,
    PlacementAction,
    PolicyCampaign,
    School,
    Training,
)
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

#: The day the fixture is usually built for.
TODAY = date(2025, 12, 1)

#: Valid 统一社会信用代码 of the fixture's enterprises.
CREDIT_CODES = {
    "hongda": "91500229MA5U3K8X17",
    "kangning": "125002294503975222",
    "ningbo": "91330200MA2CHY8B4E",
}

#: Every key of the dict ``build_employment_county`` returns.
KEYS = (
    "county",
    "miaoba",
    "gaoguan",
    "hongyan",
    "shiping",
    "sancha",
    "zhang",
    "li",
    "wang",
    "zhao",
    "sun",
    "zhou",
    "chen",
    "school_sanxia",
    "school_vocational",
    "hongda",
    "kangning",
    "ningbo",
    "agreement",
    "fair",
    "pos_cnc",
    "pos_nurse",
    "pos_ningbo",
    "pos_closed",
    "job_zhang",
    "job_sun",
    "ref_zhang",
    "ref_li",
    "follow_up_zhang",
    "action_wang",
    "plan_li",
    "campaign",
    "year",
    "year_before",
)


def credit_code(body: str) -> str:
    """``body`` (17 characters) with its GB 32100-2015 check character."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    weights = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
    total = sum(alphabet.index(ch) * w for ch, w in zip(body, weights, strict=True))
    return body + alphabet[(31 - total % 31) % 31]


def _majors(*names: str) -> str:
    return json.dumps(list(names), ensure_ascii=False)


def build_employment_county(db: Database, *, today: date = TODAY) -> dict[str, str]:
    """Write the county described in the module docstring and return its ids by name."""
    year = today.year if today.month >= 7 else today.year - 1
    ids: dict[str, str] = {"year": str(year), "year_before": str(year - 1)}
    county = OrgUnit(code="500229", name="城口县", level="county")
    miaoba = OrgUnit(code="500229101", name="庙坝镇", level="township", parent_id=county.id)
    gaoguan = OrgUnit(code="500229102", name="高观镇", level="township", parent_id=county.id)
    villages = {
        "hongyan": OrgUnit(code="500229101201", name="红岩村", level="village", parent_id=miaoba.id),
        "shiping": OrgUnit(code="500229101202", name="石坪村", level="village", parent_id=miaoba.id),
        "sancha": OrgUnit(code="500229102201", name="三岔村", level="village", parent_id=gaoguan.id),
    }
    units = {"county": county, "miaoba": miaoba, "gaoguan": gaoguan, **villages}
    records: list[object] = list(units.values())

    sanxia = School(
        county_id=county.id,
        name="重庆三峡职业学院",
        level="higher",
        place="重庆市万州区",
        majors=_majors("数控技术应用", "护理", "电子商务", "电子技术应用"),
        contact="招就处 刘老师 023-58556000",
    )
    vocational = School(
        county_id=county.id,
        name="城口县职业教育中心",
        level="secondary",
        place="城口县葛城街道",
        majors=_majors("汽车运用与维修", "电子商务"),
    )
    hongda = Enterprise(
        county_id=county.id,
        name="城口县宏达机械有限公司",
        credit_code=CREDIT_CODES["hongda"],
        industry="manufacturing",
        place="城口县工业园区",
        region="county",
        contact_name="何经理",
        contact_phone="13800000001",
        pairing="local",
    )
    kangning = Enterprise(
        county_id=county.id,
        name="万州康宁医院",
        credit_code=CREDIT_CODES["kangning"],
        industry="health",
        place="重庆市万州区",
        region="province",
        pairing="local",
    )
    ningbo = Enterprise(
        county_id=county.id,
        name="宁波甬城电子有限公司",
        credit_code=CREDIT_CODES["ningbo"],
        industry="manufacturing",
        place="浙江省宁波市",
        region="outside",
        pairing="east_west",
        pairing_partner="浙江省宁波市",
    )
    agreement = EmploymentAgreement(
        county_id=county.id,
        kind="tripartite",
        title="数控技术应用订单培养协议",
        school_id=sanxia.id,
        enterprise_ids=json.dumps([hongda.id]),
        signed_on=today - timedelta(days=400),
        starts_on=today - timedelta(days=400),
        ends_on=today + timedelta(days=700),
        majors=_majors("数控技术应用"),
        places_per_year=20,
        support="订单培养，实习补贴每月800元",
    )
    fair = JobFair(
        unit_id=county.id,
        name=f"{year}年雨露计划毕业生专场招聘会",
        held_on=today - timedelta(days=20),
        place="城口县人力资源市场",
        school_ids=json.dumps([sanxia.id]),
        enterprise_ids=json.dumps([hongda.id, kangning.id]),
    )
    pos_cnc = JobPosition(
        unit_id=county.id,
        enterprise_id=hongda.id,
        title="数控车床操作工",
        place="城口县工业园区",
        region="county",
        pay_min_fen=350000,
        pay_max_fen=450000,
        majors=_majors("数控技术应用"),
        skill_level="level5",
        openings=5,
        posted_on=today - timedelta(days=200),
        deadline=today + timedelta(days=30),
        agreement_id=agreement.id,
    )
    pos_nurse = JobPosition(
        unit_id=miaoba.id,
        enterprise_id=kangning.id,
        title="护理员",
        place="重庆市万州区",
        region="province",
        pay_min_fen=400000,
        pay_max_fen=500000,
        majors=_majors("护理"),
        openings=3,
        posted_on=today - timedelta(days=25),
        deadline=today + timedelta(days=60),
        fair_id=fair.id,
    )
    pos_ningbo = JobPosition(
        unit_id=county.id,
        enterprise_id=ningbo.id,
        title="电子装配工",
        place="浙江省宁波市",
        region="outside",
        pay_min_fen=520000,
        pay_max_fen=650000,
        majors=_majors("电子技术应用"),
        openings=10,
        posted_on=today - timedelta(days=10),
    )
    pos_closed = JobPosition(
        unit_id=gaoguan.id,
        enterprise_id=hongda.id,
        title="仓库管理员",
        place="城口县工业园区",
        region="county",
        pay_min_fen=300000,
        openings=1,
        posted_on=today - timedelta(days=60),
        deadline=today - timedelta(days=5),
    )
    records += [sanxia, vocational, hongda, kangning, ningbo, agreement, fair]
    records += [pos_cnc, pos_nurse, pos_ningbo, pos_closed]
    ids |= {key: unit.id for key, unit in units.items()}
    ids |= {
        "school_sanxia": sanxia.id,
        "school_vocational": vocational.id,
        "hongda": hongda.id,
        "kangning": kangning.id,
        "ningbo": ningbo.id,
        "agreement": agreement.id,
        "fair": fair.id,
        "pos_cnc": pos_cnc.id,
        "pos_nurse": pos_nurse.id,
        "pos_ningbo": pos_ningbo.id,
        "pos_closed": pos_closed.id,
    }

    # (key, name, village, major, status, school year, ended_on, entry_date)
    finishing = add_months(today, 6)
    people = (
        (
            "zhang",
            "张坤",
            "hongyan",
            "数控技术应用",
            "graduated",
            f"{year - 1}-{year}",
            date(year, 6, 30),
            None,
        ),
        ("li", "李娜", "hongyan", "护理", "graduated", f"{year - 1}-{year}", date(year, 6, 30), None),
        ("wang", "王强", "shiping", "电子商务", "graduated", f"{year - 2}-{year - 1}", None, None),
        (
            "zhao",
            "赵敏",
            "shiping",
            "护理",
            "graduated",
            f"{year - 2}-{year - 1}",
            date(year - 1, 7, 1),
            None,
        ),
        ("sun", "孙磊", "sancha", "电子技术应用", "graduated", f"{year - 1}-{year}", date(year, 6, 30), None),
        (
            "zhou",
            "周杰",
            "sancha",
            "数控技术应用",
            "enrolled",
            f"{today.year - 1}-{today.year}" if today.month < 9 else f"{today.year}-{today.year + 1}",
            None,
            date(finishing.year - 3, finishing.month, 1),
        ),
        (
            "chen",
            "陈晨",
            "hongyan",
            "护理",
            "enrolled",
            f"{today.year - 1}-{today.year}" if today.month < 9 else f"{today.year}-{today.year + 1}",
            None,
            today - timedelta(days=60),
        ),
    )
    person_ids: dict[str, str] = {}
    for n, (key, name, village_key, major, status, school_year, ended_on, entry_date) in enumerate(people, 1):
        village = units[village_key]
        household = Household(
            household_no=f"{village.code}{n:04d}",
            village_id=village.id,
            payee_name=f"{name}家长",
            contact_phone=f"1390000{n:04d}",
        )
        person = Person(
            household_id=household.id,
            name=name,
            id_number=make_id_number("500229", date(2004, 3, n), 10 + 2 * n),
            relationship="20",
        )
        person_ids[key] = person.id
        records += [household, person]
        if status == "graduated":
            # An earlier term while in school, so "latest enrollment" is tested.
            first, second = (int(part) for part in school_year.split("-"))
            records.append(
                Enrollment(
                    person_id=person.id,
                    school_year=f"{first - 1}-{second - 1}",
                    semester="autumn",
                    school_name=sanxia.name,
                    school_type="higher_vocational",
                    major=major,
                    entry_date=date(second - 3, 9, 1),
                )
            )
        records.append(
            Enrollment(
                person_id=person.id,
                school_year=school_year,
                semester="spring" if status == "graduated" else "autumn",
                school_name=sanxia.name,
                school_type="higher_vocational",
                major=major,
                length_years=3,
                entry_date=entry_date,
                registry_status=status,
                ended_on=ended_on,
            )
        )
    ids |= person_ids

    stamp = datetime(today.year, today.month, today.day, 9, 0)
    job_zhang = EmploymentRecord(
        person_id=person_ids["zhang"],
        effective_date=date(year, 7, 15),
        destination="employed",
        employer=hongda.name,
        industry="制造业",
        job=pos_cnc.title,
        place=pos_cnc.place,
        region="county",
        channel="school_enterprise",
        monthly_income_fen=350000,
        matches_major=True,
        recorded_at=stamp,
    )
    job_sun = EmploymentRecord(
        person_id=person_ids["sun"],
        effective_date=date(year, 8, 1),
        destination="employed",
        employer=ningbo.name,
        industry="制造业",
        job="电子装配工",
        place=ningbo.place,
        region="outside",
        monthly_income_fen=520000,
        matches_major=False,
        recorded_at=stamp,
    )
    records += [
        job_zhang,
        job_sun,
        EmploymentRecord(
            person_id=person_ids["wang"],
            effective_date=date(year - 1, 8, 1),
            destination="seeking",
            recorded_at=stamp,
        ),
        EmploymentRecord(
            person_id=person_ids["zhao"],
            effective_date=date(year - 1, 9, 1),
            destination="further_study",
            recorded_at=stamp,
        ),
    ]
    ref_zhang = JobReferral(
        person_id=person_ids["zhang"],
        position_id=pos_cnc.id,
        referred_on=date(year, 6, 1),
        referred_by="测试员",
        state="hired",
        outcome_on=date(year, 6, 20),
        employment_record_id=job_zhang.id,
    )
    job_zhang.referral_id = ref_zhang.id
    ref_li = JobReferral(
        person_id=person_ids["li"],
        position_id=pos_nurse.id,
        fair_id=fair.id,
        referred_on=fair.held_on,
        referred_by="测试员",
    )
    follow_up = EmploymentFollowUp(
        person_id=person_ids["zhang"],
        employment_record_id=job_zhang.id,
        due_month=1,
        done_on=date(year, 8, 16),
        followed_by="测试员",
    )
    action = PlacementAction(
        person_id=person_ids["wang"],
        recorded_on=today - timedelta(days=30),
        reason="seeking",
        next_action="推荐参加专场招聘会",
        due_on=today - timedelta(days=3),
        recorded_by="测试员",
    )
    plan = CareerPlan(
        person_id=person_ids["li"],
        recorded_on=today - timedelta(days=90),
        stage="before_graduation",
        goal="到医院做护理工作",
        school_name=sanxia.name,
        major="护理",
        wanted_region="province",
        wanted_income_fen=400000,
        wanted_industry="health",
        recorded_by="测试员",
    )
    campaign = PolicyCampaign(
        unit_id=villages["hongyan"].id,
        moment="before_graduation",
        held_on=today - timedelta(days=60),
        topic="雨露计划就业扶持政策",
        place="红岩村便民服务中心",
        held_by="红岩村两委",
    )
    records += [ref_zhang, ref_li, follow_up, action, plan, campaign]
    records += [
        FairInvitation(
            person_id=person_ids["zhang"], fair_id=fair.id, invited_on=fair.held_on, attended=True
        ),
        FairInvitation(person_id=person_ids["li"], fair_id=fair.id, invited_on=fair.held_on, attended=True),
        FairInvitation(
            person_id=person_ids["wang"], fair_id=fair.id, invited_on=fair.held_on, attended=False
        ),
        CampaignReach(person_id=person_ids["li"], campaign_id=campaign.id),
        CampaignReach(person_id=person_ids["wang"], campaign_id=campaign.id),
        Training(
            person_id=person_ids["zhou"],
            kind="certificate",
            name="数控车工",
            certificate_level="中级工",
            issued_on=today - timedelta(days=100),
        ),
    ]
    ids |= {
        "job_zhang": job_zhang.id,
        "job_sun": job_sun.id,
        "ref_zhang": ref_zhang.id,
        "ref_li": ref_li.id,
        "follow_up_zhang": follow_up.id,
        "action_wang": action.id,
        "plan_li": plan.id,
        "campaign": campaign.id,
    }
    with db.write() as session:
        journal.set_author(session.connection(), "测试员")
        for record in records:
            session.add(record)
            session.flush()
    assert set(ids) == set(KEYS)
    return ids
