"""Per-person placement services (issue 16): career plans, fair invitations, referrals and their outcomes (a hire
writes the employment entry in the same transaction), follow-ups, placement actions and campaign reach."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.services.employment_fixtures import TODAY, build_employment_county
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentRecord,
    Enterprise,
    JobPosition,
    JobReferral,
    PlacementAction,
)
from yulu_desktop.domain.errors import NotFound, ValidationFailed, YuluError
from yulu_desktop.services import employment_reference, matching, placement
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

ACTOR = "测试员"


@pytest.fixture
def county(db: Database) -> dict[str, str]:
    return build_employment_county(db, today=TODAY)


def _count(db: Database, table: object) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())  # type: ignore[arg-type]


def _message(exc: pytest.ExceptionInfo[Exception]) -> str:
    value = exc.value
    if isinstance(value, ValidationFailed):
        return " ".join(f"{i.label}:{i.message}" for i in value.issues)
    assert isinstance(value, YuluError)
    return value.message


# --- career plans -------------------------------------------------------------------------------------------


def test_a_review_of_the_career_plan_is_a_new_row_and_comes_first(
    db: Database, county: dict[str, str]
) -> None:
    old = placement.career_plans(db, county["li"])
    assert [p.id for p in old] == [county["plan_li"]]
    review = CareerPlan(
        person_id=county["li"],
        recorded_on=TODAY,
        stage="before_graduation",
        goal="到县医院做护理",
        wanted_region="county",
        wanted_income_fen=300000,
    )
    new_id = placement.save_career_plan(db, review, actor=ACTOR, today=TODAY)
    # Saving the same object again is another review, not an overwrite.
    again = placement.save_career_plan(db, review, actor=ACTOR, today=TODAY)
    plans = placement.career_plans(db, county["li"])
    assert [p.id for p in plans] == [again, new_id, county["plan_li"]]
    assert plans[0].wanted_region == "county" and plans[0].recorded_by == ACTOR
    assert plans[-1].goal == "到医院做护理工作"  # the history is kept


def test_a_career_plan_is_checked(db: Database, county: dict[str, str]) -> None:
    plan = CareerPlan(
        person_id=county["li"], recorded_on=TODAY + timedelta(days=1), stage="before_graduation"
    )
    with pytest.raises(ValidationFailed) as exc:
        placement.save_career_plan(db, plan, actor=ACTOR, today=TODAY)
    text = _message(exc)
    assert "记录日期不能晚于今天" in text and "职业目标" in text
    with pytest.raises(NotFound, match="本机数据中没有这个人员"):
        placement.save_career_plan(
            db, CareerPlan(person_id="nobody", recorded_on=TODAY, goal="x"), actor=ACTOR, today=TODAY
        )
    assert len(placement.career_plans(db, county["li"])) == 1


# --- fairs ------------------------------------------------------------------------------------------------------


def test_invite_skips_those_already_invited_and_marks_attendance(
    db: Database, county: dict[str, str]
) -> None:
    added = placement.invite(
        db, county["fair"], [county["zhang"], county["zhou"], county["zhou"]], actor=ACTOR
    )
    assert added == 1
    rows = placement.invitations(db, fair_id=county["fair"])
    assert sorted(r.person_name for r in rows) == ["周杰", "张坤", "李娜", "王强"]
    zhou = next(r for r in rows if r.person_id == county["zhou"])
    assert zhou.attended is None and zhou.village_name == "三岔村" and zhou.fair_name.endswith("专场招聘会")
    placement.set_attendance(db, zhou.id, True, actor=ACTOR)
    assert placement.invitations(db, person_id=county["zhou"])[0].attended is True


def test_attendance_of_several_people_is_one_transaction(db: Database, county: dict[str, str]) -> None:
    rows = placement.invitations(db, fair_id=county["fair"])
    ids = [r.id for r in rows]
    with pytest.raises(NotFound, match="邀请"):
        placement.set_attendance(db, [*ids, "gone"], False, actor=ACTOR)
    assert [r.attended for r in placement.invitations(db, fair_id=county["fair"])] == [
        r.attended for r in rows
    ]
    placement.set_attendance(db, ids, False, actor=ACTOR)
    assert {r.attended for r in placement.invitations(db, fair_id=county["fair"])} == {False}


def test_invite_refuses_unknown_fair_or_people(db: Database, county: dict[str, str]) -> None:
    with pytest.raises(NotFound, match="招聘会"):
        placement.invite(db, "no-fair", [county["zhou"]], actor=ACTOR)
    with pytest.raises(ValidationFailed) as exc:
        placement.invite(db, county["fair"], [county["zhou"], "ghost"], actor=ACTOR)
    assert "不在本机数据中" in _message(exc)
    assert len(placement.invitations(db, fair_id=county["fair"])) == 3  # nothing half-written


def test_an_invitation_to_a_deleted_fair_is_listed(db: Database, county: dict[str, str]) -> None:
    with db.write() as session:
        session.execute(schema.job_fair.delete().where(schema.job_fair.c.id == county["fair"]))
    rows = placement.invitations(db, person_id=county["li"])
    assert rows[0].fair_name == placement.DELETED_FAIR and rows[0].held_on is None


# --- referrals --------------------------------------------------------------------------------------------------


def test_refer_then_refuse_a_second_open_referral(db: Database, county: dict[str, str]) -> None:
    referral_id = placement.refer(
        db, county["wang"], county["pos_ningbo"], actor=ACTOR, today=TODAY, note=" 电话 "
    )
    rows = placement.referrals(db, person_id=county["wang"])
    assert [r.id for r in rows] == [referral_id]
    row = rows[0]
    assert (row.position_title, row.enterprise_name, row.state_label) == (
        "电子装配工",
        "宁波甬城电子有限公司",
        "已推荐",
    )
    assert row.next_states == ("interview", "hired", "not_hired", "declined") and row.note == "电话"
    with pytest.raises(ValidationFailed) as exc:
        placement.refer(db, county["wang"], county["pos_ningbo"], actor=ACTOR, today=TODAY)
    assert "结果尚未登记，不能重复推荐" in _message(exc)
    # After an outcome, a new referral to the same position is allowed.
    placement.record_outcome(db, referral_id, "declined", actor=ACTOR, reason="离家太远", today=TODAY)
    placement.refer(db, county["wang"], county["pos_ningbo"], actor=ACTOR, today=TODAY)
    assert len(placement.referrals(db, position_id=county["pos_ningbo"])) == 2


def test_refer_refuses_a_closed_position_and_a_stranger(db: Database, county: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed) as exc:
        placement.refer(db, county["wang"], county["pos_closed"], actor=ACTOR, today=TODAY)
    assert "已于" in _message(exc) and "截止，不能再推荐" in _message(exc)
    with pytest.raises(NotFound, match="本机数据中没有这个人员"):
        placement.refer(db, "stranger", county["pos_ningbo"], actor=ACTOR, today=TODAY)
    with pytest.raises(NotFound, match="岗位"):
        placement.refer(db, county["wang"], "no-position", actor=ACTOR, today=TODAY)
    assert _count(db, schema.job_referral) == 2


def test_a_filled_position_is_no_longer_offered_nor_takes_referrals(
    db: Database, county: dict[str, str]
) -> None:
    nurse = county["pos_nurse"]
    with db.write() as session:
        position = session.get(JobPosition, nurse)
        assert position is not None
        position.openings = 1

    def row() -> employment_reference.PositionRow:
        return next(p for p in employment_reference.positions(db, today=TODAY) if p.id == nurse)

    assert (row().is_open, row().filled) == (True, False)
    placement.record_outcome(
        db, county["ref_li"], "hired", actor=ACTOR, start_on=TODAY - timedelta(days=1), today=TODAY
    )
    assert (row().hired, row().is_open, row().filled) == (1, False, True)
    assert nurse not in {p.id for p in employment_reference.positions(db, open_only=True, today=TODAY)}
    assert nurse not in {m.position.id for m in matching.positions_for(db, county["wang"], today=TODAY)}
    with pytest.raises(ValidationFailed) as exc:
        placement.refer(db, county["wang"], nurse, actor=ACTOR, today=TODAY)
    assert "已招满（招 1 人，已录用 1 人），不能再推荐" in _message(exc)

    # One more opening: offered again.
    with db.write() as session:
        position = session.get(JobPosition, nurse)
        assert position is not None
        position.openings = 2
    assert (row().is_open, row().filled) == (True, False)
    placement.refer(db, county["wang"], nurse, actor=ACTOR, today=TODAY)


def test_outcome_steps_and_reasons(db: Database, county: dict[str, str]) -> None:
    ref = county["ref_li"]
    assert placement.record_outcome(db, ref, "interview", actor=ACTOR, today=TODAY) is None
    with pytest.raises(ValidationFailed) as exc:
        placement.record_outcome(db, ref, "not_hired", actor=ACTOR, today=TODAY)
    assert "须填写原因" in _message(exc)
    with pytest.raises(ValidationFailed) as exc:
        placement.record_outcome(db, ref, "interview", actor=ACTOR, today=TODAY)
    assert "无需重复登记" in _message(exc)
    placement.record_outcome(db, ref, "not_hired", actor=ACTOR, reason="  没有护士资格证 ", today=TODAY)
    row = placement.referrals(db, person_id=county["li"])[0]
    assert (row.state, row.outcome_reason, row.outcome_on, row.next_states) == (
        "not_hired",
        "没有护士资格证",
        TODAY,
        (),
    )
    with pytest.raises(ValidationFailed) as exc:
        placement.record_outcome(db, ref, "hired", actor=ACTOR, today=TODAY)
    assert "不能再改为" in _message(exc)


def test_outcome_dates_are_checked(db: Database, county: dict[str, str]) -> None:
    ref = county["ref_li"]
    with pytest.raises(ValidationFailed) as exc:
        placement.record_outcome(db, ref, "interview", actor=ACTOR, on=TODAY + timedelta(days=1), today=TODAY)
    assert "结果日期不能晚于今天" in _message(exc)
    with pytest.raises(ValidationFailed) as exc:
        placement.record_outcome(db, ref, "interview", actor=ACTOR, on=date(2000, 1, 1), today=TODAY)
    assert "结果日期不能早于推荐日期" in _message(exc)


def test_a_hire_writes_the_employment_entry(db: Database, county: dict[str, str]) -> None:
    ref = county["ref_li"]
    start = TODAY - timedelta(days=2)
    record_id = placement.record_outcome(
        db, ref, "hired", actor=ACTOR, on=TODAY - timedelta(days=5), start_on=start, today=TODAY
    )
    assert record_id is not None
    with db.read() as session:
        record = session.get(EmploymentRecord, record_id)
        referral = session.get(JobReferral, ref)
        assert record is not None and referral is not None
        assert referral.state == "hired" and referral.employment_record_id == record_id
        assert referral.outcome_on == TODAY - timedelta(days=5)
        assert (record.destination, record.effective_date, record.employer, record.job) == (
            "employed",
            start,
            "万州康宁医院",
            "护理员",
        )
        assert (record.industry, record.region, record.place) == (
            "卫生和社会工作",
            "province",
            "重庆市万州区",
        )
        assert record.channel == "job_fair"  # referred at the fair
        assert record.monthly_income_fen == 400000  # the position's lowest pay when none is given
        assert record.matches_major is True  # 护理 → 护理
        assert (record.source, record.referral_id, record.person_id) == ("visit", ref, county["li"])


def test_hire_channel_income_and_major_match(db: Database, county: dict[str, str]) -> None:
    # wang (电子商务) to the position under the agreement: 校企合作, major not matched, pay as given.
    with db.write() as session:
        position = session.get(JobPosition, county["pos_cnc"])
        assert position is not None
        position.skill_level = "none"
    cnc = placement.refer(db, county["wang"], county["pos_cnc"], actor=ACTOR, today=TODAY)
    record_id = placement.record_outcome(
        db, cnc, "hired", actor=ACTOR, monthly_income_fen=380000, today=TODAY
    )
    # zhao (护理) to a position without an agreement or fair that takes any major: 公共就业服务, match unknown.
    with db.write() as session:
        position = session.get(JobPosition, county["pos_ningbo"])
        assert position is not None
        position.majors = "[]"
    other = placement.refer(db, county["zhao"], county["pos_ningbo"], actor=ACTOR, today=TODAY)
    other_id = placement.record_outcome(db, other, "hired", actor=ACTOR, today=TODAY)
    with db.read() as session:
        first = session.get(EmploymentRecord, record_id)
        second = session.get(EmploymentRecord, other_id)
        assert first is not None and second is not None
        assert (first.channel, first.monthly_income_fen, first.matches_major) == (
            "school_enterprise",
            380000,
            False,
        )
        assert (second.channel, second.monthly_income_fen, second.matches_major) == (
            "public_service",
            520000,
            None,
        )


def test_a_hire_that_fails_half_way_writes_nothing(
    db: Database, county: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    original = placement.write_hire

    def broken(*args: object, **kwargs: object) -> None:
        original(*args, **kwargs)  # type: ignore[arg-type]
        raise RuntimeError("disk full")

    monkeypatch.setattr(placement, "write_hire", broken)
    before = _count(db, schema.employment_record)
    with pytest.raises(RuntimeError):
        placement.record_outcome(db, county["ref_li"], "hired", actor=ACTOR, today=TODAY)
    assert _count(db, schema.employment_record) == before
    with db.read() as session:
        referral = session.get(JobReferral, county["ref_li"])
        assert referral is not None and referral.state == "referred" and referral.employment_record_id is None


def test_a_hire_whose_position_or_enterprise_is_gone_is_refused(db: Database, county: dict[str, str]) -> None:
    with db.write() as session:
        enterprise = session.get(Enterprise, county["kangning"])
        session.delete(enterprise)
    with pytest.raises(YuluError, match="企业已被删除"):
        placement.record_outcome(db, county["ref_li"], "hired", actor=ACTOR, today=TODAY)
    rows = placement.referrals(db, person_id=county["li"])
    assert rows[0].enterprise_name == placement.DELETED_ENTERPRISE and rows[0].state == "referred"
    with db.write() as session:
        session.execute(schema.job_position.delete().where(schema.job_position.c.id == county["pos_nurse"]))
    with pytest.raises(YuluError, match="岗位已被删除"):
        placement.record_outcome(db, county["ref_li"], "hired", actor=ACTOR, today=TODAY)
    row = placement.referrals(db, person_id=county["li"])[0]
    assert (row.position_title, row.enterprise_name) == (placement.DELETED_POSITION, "")
    # A rejection still works without the position.
    placement.record_outcome(db, county["ref_li"], "declined", actor=ACTOR, reason="外出务工", today=TODAY)


def test_a_hire_needs_a_start_that_is_not_in_the_future(db: Database, county: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed):
        placement.record_outcome(
            db, county["ref_li"], "hired", actor=ACTOR, start_on=TODAY + timedelta(days=3), today=TODAY
        )
    assert _count(db, schema.employment_record) == 4


# --- follow-ups -------------------------------------------------------------------------------------------------


def test_follow_ups_of_a_job(db: Database, county: dict[str, str]) -> None:
    year = int(county["year"])
    rows = placement.follow_ups(db, county["zhang"], today=TODAY)
    # Started 15 July: due 15 Aug (done), 15 Oct, 15 Jan, 15 July next year.
    assert [(r.month, r.due_on, r.done_on) for r in rows] == [
        (1, date(year, 8, 15), date(year, 8, 16)),
        (3, date(year, 10, 15), None),
        (6, date(year + 1, 1, 15), None),
        (12, date(year + 1, 7, 15), None),
    ]
    assert [r.overdue for r in rows] == [False, True, False, False]
    assert rows[0].still_employed is True and rows[1].still_employed is None
    assert rows[0].employer == "城口县宏达机械有限公司" and rows[0].person_name == "张坤"
    assert placement.follow_ups(db, county["wang"], today=TODAY) == []  # seeking: no job to follow


def test_follow_ups_of_an_ended_job_stop_at_its_end(db: Database, county: dict[str, str]) -> None:
    year = int(county["year"])
    from datetime import datetime

    with db.write() as session:
        session.add(
            EmploymentRecord(
                person_id=county["zhang"],
                effective_date=date(year, 11, 1),
                destination="seeking",
                recorded_at=datetime(year, 11, 2),
            )
        )
    rows = placement.follow_ups(db, county["zhang"], today=TODAY)
    assert [r.month for r in rows] == [1, 3]  # 6 and 12 fell due after the job ended
    due = placement.follow_ups_due(db, today=TODAY)
    assert county["zhang"] not in {r.person_id for r in due}  # not a current job


def test_follow_ups_due_in_scope(db: Database, county: dict[str, str]) -> None:
    year = int(county["year"])
    due = placement.follow_ups_due(db, today=TODAY)
    # zhang's 3-month (15 Oct) and sun's 1- and 3-month (1 Sep, 1 Nov) are overdue on 1 Dec.
    assert [(r.person_name, r.month, r.due_on) for r in due] == [
        ("孙磊", 1, date(year, 9, 1)),
        ("张坤", 3, date(year, 10, 15)),
        ("孙磊", 3, date(year, 11, 1)),
    ]
    assert all(r.overdue for r in due)
    assert [r.person_name for r in placement.follow_ups_due(db, unit_id=county["gaoguan"], today=TODAY)] == [
        "孙磊",
        "孙磊",
    ]
    assert placement.follow_ups_due(db, unit_id=county["shiping"], today=TODAY) == []
    # A follow-up due soon is listed; one due later is not.
    soon = placement.follow_ups_due(db, unit_id=county["hongyan"], today=date(year + 1, 1, 10), within_days=7)
    assert [(r.month, r.overdue) for r in soon] == [(3, True), (6, False)]
    assert [r.month for r in placement.follow_ups_due(db, today=date(year + 1, 1, 7), within_days=7)].count(
        6
    ) == 0


def test_record_follow_up(db: Database, county: dict[str, str]) -> None:
    job = county["job_zhang"]
    follow_up_id = placement.record_follow_up(
        db, job, 3, actor=ACTOR, still_employed=False, note="已离职回家", mode="home", today=TODAY
    )
    assert follow_up_id
    row = next(r for r in placement.follow_ups(db, county["zhang"], today=TODAY) if r.month == 3)
    assert (row.done_on, row.still_employed, row.note, row.overdue) == (TODAY, False, "已离职回家", False)
    # The history is not changed by the follow-up.
    assert _count(db, schema.employment_record) == 4
    with pytest.raises(ValidationFailed) as exc:
        placement.record_follow_up(db, job, 3, actor=ACTOR, today=TODAY)
    assert "不能重复登记" in _message(exc)
    with pytest.raises(ValidationFailed) as exc:
        placement.record_follow_up(
            db, job, 2, actor=ACTOR, mode="fax", done_on=TODAY + timedelta(1), today=TODAY
        )
    text = _message(exc)
    assert "没有第2个月" in text and "回访日期不能晚于今天" in text and "回访方式" in text
    with pytest.raises(ValidationFailed, match="上岗日期"):
        placement.record_follow_up(db, job, 6, actor=ACTOR, done_on=date(2000, 1, 1), today=TODAY)


def test_record_follow_up_refuses_what_is_not_a_job(db: Database, county: dict[str, str]) -> None:
    with db.read_connection() as conn:
        er = schema.employment_record
        seeking = conn.execute(select(er.c.id).where(er.c.person_id == county["wang"])).scalar_one()
    with pytest.raises(YuluError, match="不是就业"):
        placement.record_follow_up(db, seeking, 1, actor=ACTOR, today=TODAY)
    with pytest.raises(NotFound):
        placement.record_follow_up(db, "nothing", 1, actor=ACTOR, today=TODAY)
    with db.write() as session:
        record = session.get(EmploymentRecord, county["job_sun"])
        assert record is not None
        record.voided_on = TODAY
        record.void_reason = "录错了"
        record.voided_by = ACTOR
    with pytest.raises(YuluError, match="已作废"):
        placement.record_follow_up(db, county["job_sun"], 1, actor=ACTOR, today=TODAY)


# --- placement actions ------------------------------------------------------------------------------------------


def test_placement_actions(db: Database, county: dict[str, str]) -> None:
    rows = placement.placement_actions(db, county["wang"], today=TODAY)
    assert [(r.id, r.overdue, r.reason_label) for r in rows] == [(county["action_wang"], True, "正在求职")]
    new = placement.add_placement_action(
        db,
        county["wang"],
        reason="training",
        next_action=" 报名电工培训 ",
        due_on=TODAY + timedelta(days=30),
        actor=ACTOR,
        today=TODAY,
    )
    rows = placement.placement_actions(db, county["wang"], today=TODAY)
    assert [r.id for r in rows] == [new, county["action_wang"]]
    assert (rows[0].next_action, rows[0].recorded_by, rows[0].overdue) == ("报名电工培训", ACTOR, False)
    placement.finish_placement_action(db, county["action_wang"], actor=ACTOR, today=TODAY)
    done = next(
        r
        for r in placement.placement_actions(db, county["wang"], today=TODAY)
        if r.id == county["action_wang"]
    )
    assert done.done_on == TODAY and not done.overdue
    with pytest.raises(YuluError, match="已于"):
        placement.finish_placement_action(db, county["action_wang"], actor=ACTOR, today=TODAY)


def test_placement_action_checks(db: Database, county: dict[str, str]) -> None:
    with pytest.raises(ValidationFailed) as exc:
        placement.add_placement_action(
            db,
            county["wang"],
            reason="bored",
            next_action=" ",
            due_on=TODAY - timedelta(1),
            actor=ACTOR,
            today=TODAY,
        )
    text = _message(exc)
    assert "下一步措施" in text and "完成期限不能早于记录日期" in text and "未就业原因" in text
    with pytest.raises(ValidationFailed, match="完成日期"):
        placement.finish_placement_action(
            db, county["action_wang"], actor=ACTOR, done_on=TODAY - timedelta(days=100), today=TODAY
        )
    with pytest.raises(NotFound):
        placement.finish_placement_action(db, "nothing", actor=ACTOR, today=TODAY)
    with db.read() as session:
        action = session.get(PlacementAction, county["action_wang"])
        assert action is not None and action.done_on is None


# --- campaigns --------------------------------------------------------------------------------------------------


def test_reach_skips_those_already_reached(db: Database, county: dict[str, str]) -> None:
    # By village and name (as the database orders text).
    assert placement.reached(db, county["campaign"]) == [
        (county["wang"], "王强", "石坪村"),
        (county["li"], "李娜", "红岩村"),
    ]
    assert placement.reach(db, county["campaign"], [county["li"], county["chen"]], actor=ACTOR) == 1
    assert [name for _, name, _ in placement.reached(db, county["campaign"])] == ["王强", "李娜", "陈晨"]
    with pytest.raises(NotFound, match="政策宣传"):
        placement.reach(db, "nothing", [county["li"]], actor=ACTOR)
    with pytest.raises(ValidationFailed):
        placement.reach(db, county["campaign"], ["ghost"], actor=ACTOR)


def test_a_start_before_the_referral_is_refused_and_fair_referrals_are_listed(
    db: Database, county: dict[str, str]
) -> None:
    with pytest.raises(ValidationFailed) as exc:
        placement.record_outcome(
            db,
            county["ref_li"],
            "hired",
            actor=ACTOR,
            start_on=date(2000, 1, 1),
            monthly_income_fen=-1,
            today=TODAY,
        )
    text = _message(exc)
    assert "上岗日期不能早于推荐日期" in text and "月收入不能为负数" in text
    at_fair = placement.referrals(db, fair_id=county["fair"])
    assert [(r.person_name, r.fair_name) for r in at_fair] == [("李娜", "2025年雨露计划毕业生专场招聘会")]
    assert placement.referrals(db, person_id=county["zhang"])[0].fair_name == ""  # not made at a fair


def test_follow_ups_overdue_for_more_than_a_year_are_not_listed(db: Database, county: dict[str, str]) -> None:
    from datetime import datetime

    with db.write() as session:
        # chen's job of 20 months ago, entered late: only the 12-month follow-up (8 months overdue) is listed.
        session.add(
            EmploymentRecord(
                person_id=county["chen"],
                effective_date=date(2024, 4, 1),
                destination="employed",
                employer="县电商中心",
                recorded_at=datetime(2025, 11, 30),
            )
        )
    rows = [r for r in placement.follow_ups_due(db, today=TODAY) if r.person_id == county["chen"]]
    assert [(r.month, r.due_on) for r in rows] == [(12, date(2025, 4, 1))]
    # The person's own list still shows every follow-up as overdue.
    assert [r.overdue for r in placement.follow_ups(db, county["chen"], today=TODAY)] == [True] * 4
    assert [r.person_id for r in placement.follow_ups_due(db, today=date(2026, 4, 2))].count(
        county["chen"]
    ) == 0
