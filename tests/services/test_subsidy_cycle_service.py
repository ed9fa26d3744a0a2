"""The subsidy cycle on a laptop (issue 15, ``services.subsidy``): apply, evidence, 初审, 公示 and objections,
乡镇审核, 县审定 with joint opinions, returns and re-applying, the account fix after a failed payment, and the
role of each step."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import Enrollment, Household, OrgUnit, Person
from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.domain.subsidy_rules import DEFAULT_EVIDENCE, DEFAULT_RULE, EvidenceItem
from yulu_desktop.domain.validation import luhn_check_digit
from yulu_desktop.services import records, subsidy, subsidy_publicity, subsidy_rules, today
from yulu_desktop.store.database import Database

TERM = "2025-autumn"
DAY = date(2025, 10, 10)
ACTOR = "李明"
ACCOUNT = "6217000010000000008"
NEW_ACCOUNT = "621700001000000001" + luhn_check_digit("621700001000000001")


def set_role(db: Database, role: str, name: str = "王五", username: str = "wangwu") -> None:
    """Enroll the laptop with ``role`` ("" leaves it not enrolled: village)."""
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": username if role else "", "n": name, "r": role},
        )


@pytest.fixture
def units(db: Database) -> dict[str, OrgUnit]:
    with records.writing(db, ACTOR) as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        red = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
        river = records.ensure_org_unit(session, "500229101202", "河鱼村", "village", township)
    records.set_subsidy_amount(
        db, "500229", "higher_vocational", 300000, effective_from=date(2020, 1, 1), actor="县"
    )
    records.set_subsidy_amount(
        db, "500229", "zhongzhuan", 400000, effective_from=date(2020, 1, 1), actor="县"
    )
    return {"county": county, "township": township, "red": red, "river": river}


_numbers = iter(range(1, 10_000))


def student(
    db: Database,
    village: OrgUnit,
    name: str,
    *,
    household_type: str = "tuopin",
    school_type: str = "higher_vocational",
    registry_status: str = "enrolled",
    enrolled: bool = True,
    student_status: str | None = "higher_vocational",
) -> Person:
    household = Household(
        household_no=f"{village.code}{next(_numbers):06d}",
        village_id=village.id,
        household_type=household_type,
        payee_name=f"{name}家长",
        payee_account=ACCOUNT,
    )
    records.register_household(db, household, actor=ACTOR, today=DAY)
    person = Person(household_id=household.id, name=name, relationship="20", student_status=student_status)
    records.add_member(db, person, actor=ACTOR, today=DAY)
    if enrolled:
        records.record_enrollment(
            db,
            Enrollment(
                person_id=person.id,
                school_year="2025-2026",
                semester="autumn",
                school_name="重庆三峡职业学院",
                school_type=school_type,
                registry_status=registry_status,
                entry_date=date(2025, 9, 1),
            ),
            actor=ACTOR,
            today=DAY,
        )
    return person


def applied(db: Database, *people: Person, day: date = DAY) -> list[str]:
    report = subsidy.apply(db, [p.id for p in people], TERM, actor=ACTOR, today=day)
    assert not report.refused, report.refused
    return list(report.done)


def provide_all(db: Database, application_id: str) -> None:
    for row in subsidy.evidence(db, application_id):
        subsidy.set_evidence(db, application_id, row.kind, provided=True, actor=ACTOR, today=DAY)


def one(db: Database, application_id: str) -> subsidy.ApplicationRow:
    (row,) = subsidy.applications(db, ids=[application_id])
    return row


def publicized(db: Database, *people: Person) -> list[str]:
    """Applications of ``people`` (one village), 初审 done and on a 公示 from DAY to DAY + 4."""
    ids = applied(db, *people)
    for app_id in ids:
        provide_all(db, app_id)
    assert subsidy.take_step(db, ids, "village_reviewed", actor=ACTOR, opinion="情况属实", today=DAY).done
    subsidy_publicity.publicize(
        db, ids, starts_on=DAY, ends_on=date(2025, 10, 14), place="村务公开栏", actor=ACTOR
    )
    return ids


AFTER = date(2025, 10, 15)  # the day after the 公示 of ``publicized``


# --- candidates and applying ------------------------------------------------------------------------------


def test_candidates_list_the_eligible_first_with_reasons_for_the_others(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    red = units["red"]
    ordinary = student(db, red, "甲一般", household_type="yiban")
    dropped = student(db, red, "乙退学", registry_status="dropped")
    no_enrollment = student(db, red, "丙无学籍", enrolled=False)
    good = student(db, red, "丁合格")
    done = student(db, red, "戊已申请")
    student(db, red, "己非学生", enrolled=False, student_status="not_student")
    applied(db, done)

    found = subsidy.candidates(db, TERM, unit_id=units["township"].id, today=DAY)
    by_name = {c.name: c for c in found}
    assert found[0].name == good.name and by_name[good.name].eligible
    assert set(by_name) == {ordinary.name, dropped.name, no_enrollment.name, good.name}
    assert "一般户" in by_name[ordinary.name].problems[0]
    assert any("退学" in p for p in by_name[dropped.name].problems)
    assert any("没有该学期的在读记录" in p for p in by_name[no_enrollment.name].problems)
    assert by_name[no_enrollment.name].enrollment_id is None
    assert subsidy.candidates(db, TERM, unit_id=units["river"].id, today=DAY) == []


def test_apply_makes_the_application_with_amount_payee_rule_and_checklist(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    person = student(db, units["red"], "张小红")
    (app_id,) = applied(db, person)
    row = one(db, app_id)
    assert (row.state, row.amount_fen, row.rule_version, row.term) == ("applied", 150000, 0, TERM)
    assert (row.village_name, row.township_name, row.school_name) == ("红岩村", "庙坝镇", "重庆三峡职业学院")
    assert row.missing_evidence == tuple(item.label for item in DEFAULT_RULE.evidence)
    checklist = subsidy.evidence(db, app_id)
    assert [e.kind for e in checklist] == [item.code for item in DEFAULT_RULE.evidence]
    assert not any(e.provided for e in checklist)
    with db.read_connection() as conn:
        payee = conn.execute(
            text("SELECT payee_name, payee_account FROM subsidy_application WHERE id = :id"), {"id": app_id}
        ).one()
        evidence_rows = conn.execute(
            text("SELECT count(*) FROM subsidy_evidence WHERE application_id = :id"), {"id": app_id}
        ).scalar_one()
    assert tuple(payee) == ("张小红家长", ACCOUNT)
    assert evidence_rows == len(DEFAULT_RULE.evidence)


def test_a_second_application_in_a_term_and_ineligible_students_are_refused(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    red = units["red"]
    good = student(db, red, "张小红")
    ordinary = student(db, red, "李一般", household_type="yiban")
    aided = student(db, red, "王助学")
    set_role(db, "county")
    subsidy_rules.save_rule(
        db,
        replace(DEFAULT_RULE, exclusive_aids=("重庆市高校学生学费资助",), effective_from=date(2025, 1, 1)),
        actor="县",
    )
    set_role(db, "village")
    applied(db, good)
    report = subsidy.apply(
        db,
        [good.id, ordinary.id, aided.id, "no-such-person"],
        TERM,
        actor=ACTOR,
        other_aid={aided.id: "重庆市高校学生学费资助"},
        today=DAY,
    )
    assert report.done == ()
    reasons = {pid: why for pid, _name, why in report.refused}
    assert "每人每学期只能申请一次" in reasons[good.id]
    assert "一般户" in reasons[ordinary.id]
    assert "不能同时享受" in reasons[aided.id]
    assert "找不到" in reasons["no-such-person"]
    assert len(subsidy.applications(db, term=TERM)) == 1
    moved = student(db, red, "赵迁出")
    with db.write_connection() as conn:
        conn.execute(text("UPDATE person SET status = 'moved_out' WHERE id = :id"), {"id": moved.id})
    assert "人员状态为“迁出”" in subsidy.apply(db, [moved.id], TERM, actor=ACTOR, today=DAY).refused[0][2]


def test_a_batch_applies_the_ones_that_pass_in_one_go(db: Database, units: dict[str, OrgUnit]) -> None:
    red = units["red"]
    first, second = student(db, red, "甲"), student(db, red, "乙")
    ordinary = student(db, red, "丙", household_type="yiban")
    report = subsidy.apply(db, [first.id, ordinary.id, second.id], TERM, actor=ACTOR, today=DAY)
    assert len(report.done) == 2 and [r[1] for r in report.refused] == ["丙"]
    assert {r.name for r in subsidy.applications(db, term=TERM)} == {"甲", "乙"}


def test_the_application_window_refuses_a_late_application(db: Database, units: dict[str, OrgUnit]) -> None:
    person = student(db, units["red"], "张小红")
    set_role(db, "county")
    subsidy_rules.set_window(db, TERM, date(2025, 9, 1), date(2025, 9, 30), actor="县")
    set_role(db, "village")
    report = subsidy.apply(db, [person.id], TERM, actor=ACTOR, today=DAY)
    assert "已结束" in report.refused[0][2] and "2025-09-30" in report.refused[0][2]
    assert subsidy.candidates(db, TERM, today=DAY)[0].problems[-1].endswith("已结束")
    assert subsidy.apply(db, [person.id], TERM, actor=ACTOR, today=date(2025, 9, 15)).done


def test_a_township_or_county_laptop_cannot_apply(db: Database, units: dict[str, OrgUnit]) -> None:
    person = student(db, units["red"], "张小红")
    set_role(db, "township")
    report = subsidy.apply(db, [person.id], TERM, actor=ACTOR, today=DAY)
    assert report.done == () and "须由村级办理" in report.refused[0][2]
    assert subsidy.applications(db) == []


def test_an_application_keeps_the_rule_version_it_was_judged_under(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    red = units["red"]
    early, late = student(db, red, "早"), student(db, red, "晚")
    set_role(db, "county")
    first = subsidy_rules.save_rule(db, replace(DEFAULT_RULE, effective_from=date(2025, 1, 1)), actor="县")
    set_role(db, "village")
    (early_id,) = applied(db, early)
    set_role(db, "county")
    extra = (*DEFAULT_RULE.evidence, EvidenceItem("school_letter", "学校证明信"))
    second = subsidy_rules.save_rule(
        db, replace(DEFAULT_RULE, effective_from=date(2025, 10, 1), evidence=extra), actor="县"
    )
    set_role(db, "village")
    (late_id,) = applied(db, late)
    assert (first.version, second.version) == (1, 2)
    assert (one(db, early_id).rule_version, one(db, late_id).rule_version) == (1, 2)
    assert "学校证明信" not in one(db, early_id).missing_evidence
    assert "学校证明信" in one(db, late_id).missing_evidence
    assert [e.kind for e in subsidy.evidence(db, early_id)][-1] == "poverty_record"


# --- evidence and 村委会初审 --------------------------------------------------------------------------------


def test_missing_evidence_blocks_the_village_review(db: Database, units: dict[str, OrgUnit]) -> None:
    (app_id,) = applied(db, student(db, units["red"], "张小红"))
    report = subsidy.take_step(db, [app_id], "village_reviewed", actor=ACTOR, today=DAY)
    assert report.done == () and report.refused[0][1] == "张小红"
    assert "缺少证明材料" in report.refused[0][2] and "身份证复印件" in report.refused[0][2]
    provide_all(db, app_id)
    subsidy.set_evidence(db, app_id, "hukou", provided=False, note="户口本在外地", actor=ACTOR, today=DAY)
    assert one(db, app_id).missing_evidence == ("户口本",)
    assert "户口本" in subsidy.take_step(db, [app_id], "village_reviewed", actor=ACTOR).refused[0][2]
    subsidy.set_evidence(db, app_id, "hukou", provided=True, actor=ACTOR, today=DAY)
    report = subsidy.take_step(db, [app_id], "village_reviewed", actor=ACTOR, opinion="情况属实", today=DAY)
    assert report.done == (app_id,)
    with db.read_connection() as conn:
        state, opinion = conn.execute(
            text("SELECT state, village_opinion FROM subsidy_application WHERE id = :id"), {"id": app_id}
        ).one()
    assert (state, opinion) == ("village_reviewed", "情况属实")


def test_a_scan_is_kept_with_the_student_and_ticks_the_item(db: Database, units: dict[str, OrgUnit]) -> None:
    person = student(db, units["red"], "张小红")
    (app_id,) = applied(db, person)
    attachment_id = subsidy.attach_evidence(
        db, app_id, "id_card", "身份证.pdf", b"%PDF-1.4 scan", actor=ACTOR
    )
    row = next(e for e in subsidy.evidence(db, app_id) if e.kind == "id_card")
    assert (row.provided, row.attachment_id, row.filename) == (True, attachment_id, "身份证.pdf")
    with db.read_connection() as conn:
        owner, kind = conn.execute(
            text("SELECT person_id, kind FROM attachment WHERE id = :id"), {"id": attachment_id}
        ).one()
    assert (owner, kind) == (person.id, "id_card")
    with pytest.raises(YuluError, match="证明材料清单中没有"):
        subsidy.set_evidence(db, app_id, "selfie", provided=True, actor=ACTOR)
    other = student(db, units["red"], "李四")
    stranger = records.add_attachment(
        db, other.id, "身份证.jpg", b"\xff\xd8other", kind="id_card", actor=ACTOR
    )
    with pytest.raises(YuluError, match="不是该学生的材料"):
        subsidy.set_evidence(db, app_id, "hukou", provided=True, attachment_id=stranger.id, actor=ACTOR)
    set_role(db, "township")
    with pytest.raises(AccessDenied, match="村级"):
        subsidy.set_evidence(db, app_id, "hukou", provided=True, actor=ACTOR)


# --- 公示 and objections ---------------------------------------------------------------------------------


def test_a_publicity_shorter_than_the_rule_or_mixed_is_refused_whole(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    red_one, red_two = student(db, units["red"], "甲"), student(db, units["red"], "乙")
    river = student(db, units["river"], "丙")
    ids = applied(db, red_one, red_two, river)
    for app_id in ids:
        provide_all(db, app_id)
    subsidy.take_step(db, ids, "village_reviewed", actor=ACTOR, today=DAY)
    with pytest.raises(ValidationFailed, match="公示期为 4 天，县里规定至少 5 天"):
        subsidy_publicity.publicize(db, ids[:2], starts_on=DAY, ends_on=date(2025, 10, 13), actor=ACTOR)
    with pytest.raises(ValidationFailed, match="同一个村"):
        subsidy_publicity.publicize(db, ids, starts_on=DAY, ends_on=date(2025, 10, 14), actor=ACTOR)
    subsidy.take_step(db, [ids[1]], "withdrawn", actor=ACTOR, reason="已转学")
    with pytest.raises(ValidationFailed, match="乙：补助申请当前为“已撤回”"):
        subsidy_publicity.publicize(db, ids[:2], starts_on=DAY, ends_on=date(2025, 10, 14), actor=ACTOR)
    assert subsidy_publicity.publicities(db) == [] and one(db, ids[0]).state == "village_reviewed"

    publicity_id = subsidy_publicity.publicize(
        db, ids[:1], starts_on=DAY, ends_on=date(2025, 10, 14), actor=ACTOR
    )
    row = one(db, ids[0])
    assert (row.state, row.publicity_id, row.publicity_ends_on) == (
        "publicized",
        publicity_id,
        date(2025, 10, 14),
    )
    (listed,) = subsidy_publicity.publicities(db, term=TERM, unit_id=units["red"].id, today=DAY)
    assert (listed.village_name, listed.count, listed.ended) == ("红岩村", 1, False)
    assert subsidy_publicity.publicities(db, unit_id=units["river"].id) == []


def test_township_review_waits_for_the_publicity_end_and_open_objections(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    (app_id,) = publicized(db, student(db, units["red"], "张小红"))
    objection = subsidy_publicity.raise_objection(
        db, app_id, raised_by="村民李四", content="家里新买了车", raised_on=date(2025, 10, 12), actor=ACTOR
    )
    set_role(db, "township")
    early = subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", today=date(2025, 10, 14))
    assert "2025-10-15 起才能审核" in early.refused[0][2]
    blocked = subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", today=AFTER)
    assert "未处理的异议" in blocked.refused[0][2]
    assert one(db, app_id).open_objections == 1
    assert subsidy_publicity.publicities(db, today=AFTER)[0].open_objections == 1
    subsidy_publicity.resolve_objection(
        db, objection, outcome="dismissed", note="车辆为借用，核实属实", actor="乡", today=AFTER
    )
    with pytest.raises(YuluError, match="已处理"):
        subsidy_publicity.resolve_objection(db, objection, outcome="upheld", note="再议", actor="乡")
    (listed,) = subsidy_publicity.objections(db, app_id)
    assert (listed.outcome_label, listed.resolved_on, listed.raised_by) == ("异议不成立", AFTER, "村民李四")
    done = subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", opinion="同意", today=AFTER)
    assert done.done == (app_id,) and one(db, app_id).state == "township_reviewed"


def test_an_upheld_objection_is_returned_and_the_village_publicizes_again(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    (app_id,) = publicized(db, student(db, units["red"], "张小红"))
    first_publicity = one(db, app_id).publicity_id
    objection = subsidy_publicity.raise_objection(
        db, app_id, raised_by="匿名", content="学籍证明是假的", raised_on=date(2025, 10, 11), actor=ACTOR
    )
    subsidy_publicity.resolve_objection(db, objection, outcome="upheld", note="学籍证明日期有误", actor=ACTOR)
    set_role(db, "township")
    refused = subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", today=AFTER)
    assert "异议成立" in refused.refused[0][2]
    with pytest.raises(ValidationFailed, match="须填写原因"):
        subsidy.take_step(db, [app_id], "returned", actor="乡", today=AFTER)
    assert subsidy.take_step(
        db, [app_id], "returned", actor="乡", reason="重新开具学籍证明", today=AFTER
    ).done
    assert one(db, app_id).returned_reason == "重新开具学籍证明"
    assert [r.id for r in subsidy.returned_to_village(db)] == [app_id]

    set_role(db, "village")
    assert subsidy.take_step(db, [app_id], "applied", actor=ACTOR, today=AFTER).done
    assert subsidy.take_step(db, [app_id], "village_reviewed", actor=ACTOR, today=AFTER).done
    second = subsidy_publicity.publicize(
        db, [app_id], starts_on=AFTER, ends_on=date(2025, 10, 19), actor=ACTOR
    )
    assert second != first_publicity and one(db, app_id).publicity_id == second
    set_role(db, "township")
    assert (
        "公示到 2025-10-19"
        in subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", today=AFTER).refused[0][2]
    )
    # The objection upheld on the first 公示 was dealt with by the return: it does not block the second.
    assert subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", today=date(2025, 10, 20)).done
    assert subsidy.returned_to_village(db) == []


def test_objections_need_who_and_what_and_a_publicized_application(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    (app_id,) = applied(db, student(db, units["red"], "张小红"))
    with pytest.raises(ValidationFailed, match="提出人"):
        subsidy_publicity.raise_objection(db, app_id, raised_by=" ", content="x", raised_on=DAY, actor=ACTOR)
    with pytest.raises(YuluError, match="只有公示中的申请"):
        subsidy_publicity.raise_objection(
            db, app_id, raised_by="李四", content="不符合", raised_on=DAY, actor=ACTOR
        )


# --- county ------------------------------------------------------------------------------------------------


def _township_reviewed(db: Database, units: dict[str, OrgUnit]) -> str:
    (app_id,) = publicized(db, student(db, units["red"], "张小红"))
    set_role(db, "township")
    assert subsidy.take_step(db, [app_id], "township_reviewed", actor="乡", today=AFTER).done
    return app_id


def test_a_village_or_township_laptop_cannot_approve_for_the_county(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    app_id = _township_reviewed(db, units)
    for role in ("village", "township"):
        set_role(db, role)
        report = subsidy.take_step(db, [app_id], "county_approved", actor=ACTOR, opinion="同意", today=AFTER)
        assert "须由县级办理" in report.refused[0][2]
    assert one(db, app_id).state == "township_reviewed"
    set_role(db, "county")
    assert (
        "请填写县级审定意见" in subsidy.take_step(db, [app_id], "county_approved", actor="县").refused[0][2]
    )
    assert subsidy.take_step(db, [app_id], "county_approved", actor="县", opinion="同意").done


def test_county_approval_records_its_day(db: Database, units: dict[str, OrgUnit]) -> None:
    """县审定 sets ``county_approved_on`` to the day of the step (weeks after the 公示 here), journaled with the
    step so the county server and the other laptops get it; 公告 afterwards keeps it."""
    app_id = _township_reviewed(db, units)
    assert one(db, app_id).county_approved_on is None
    set_role(db, "county")
    approved_on = date(2025, 11, 24)
    assert subsidy.take_step(
        db, [app_id], "county_approved", actor="县", opinion="同意", today=approved_on
    ).done
    row = one(db, app_id)
    assert (row.state, row.county_approved_on) == ("county_approved", approved_on)
    with db.read_connection() as conn:
        changes = conn.execute(
            text(
                "SELECT changes FROM change_journal WHERE entity = 'subsidy_application' AND entity_id = :id "
                "ORDER BY seq DESC LIMIT 1"
            ),
            {"id": app_id},
        ).scalar_one()
    assert '"county_approved_on"' in changes and approved_on.isoformat() in changes
    assert subsidy.take_step(db, [app_id], "announced", actor="县", today=date(2025, 11, 28)).done
    assert one(db, app_id).county_approved_on == approved_on


def test_county_approval_needs_every_joint_opinion(db: Database, units: dict[str, OrgUnit]) -> None:
    set_role(db, "county")
    subsidy_rules.save_rule(
        db,
        replace(DEFAULT_RULE, effective_from=date(2025, 1, 1), joint_reviewers=("教体局", "农业农村局")),
        actor="县",
    )
    set_role(db, "village")
    app_id = _township_reviewed(db, units)
    set_role(db, "township")
    with pytest.raises(AccessDenied, match="联审意见"):
        subsidy.set_joint_opinion(db, [app_id], "教体局", "同意", actor="乡")
    set_role(db, "county")
    assert subsidy.set_joint_opinion(db, [app_id], "教体局", "同意", actor="县").done == (app_id,)
    refused = subsidy.take_step(db, [app_id], "county_approved", actor="县", opinion="同意")
    assert "还缺联审意见：农业农村局" in refused.refused[0][2]
    subsidy.set_joint_opinion(db, [app_id], "农业农村局", "同意", actor="县")
    assert subsidy.take_step(db, [app_id], "county_approved", actor="县", opinion="同意").done
    with db.read_connection() as conn:
        joint = conn.execute(
            text("SELECT joint_opinions FROM subsidy_application WHERE id = :id"), {"id": app_id}
        ).scalar_one()
    assert joint == '{"农业农村局": "同意", "教体局": "同意"}'
    late = subsidy.set_joint_opinion(db, [app_id], "教体局", "不同意", actor="县")
    assert "县审定前" in late.refused[0][2]


def test_steps_with_their_own_function_are_pointed_there(db: Database, units: dict[str, OrgUnit]) -> None:
    (app_id,) = applied(db, student(db, units["red"], "张小红"))
    with pytest.raises(YuluError, match="公示"):
        subsidy.take_step(db, [app_id], "publicized", actor=ACTOR)
    with pytest.raises(YuluError, match="发放批次"):
        subsidy.take_step(db, [app_id], "paid", actor=ACTOR)
    with pytest.raises(ValidationFailed, match="须填写原因"):
        subsidy.take_step(db, [app_id], "withdrawn", actor=ACTOR)
    assert subsidy.take_step(db, [app_id], "withdrawn", actor=ACTOR, reason="已辍学").done
    assert one(db, app_id).reason == "已辍学"
    assert "不能变为" in subsidy.take_step(db, [app_id], "applied", actor=ACTOR).refused[0][2]


# --- the account fix --------------------------------------------------------------------------------------


def test_the_village_fixes_the_account_after_a_failed_payment(
    db: Database, units: dict[str, OrgUnit]
) -> None:
    (app_id,) = applied(db, student(db, units["red"], "张小红"))
    with pytest.raises(YuluError, match="只有发放失败的申请可以更正账户"):
        subsidy.fix_account(db, app_id, payee_name="张大山", payee_account=NEW_ACCOUNT, actor=ACTOR)
    with db.write_connection() as conn:  # the payment service's result import (services.subsidy_payment)
        conn.execute(
            text(
                "UPDATE subsidy_application SET state = 'payment_failed', payment_failure = '账户已销户' WHERE id = :id"
            ),
            {"id": app_id},
        )
    with pytest.raises(YuluError, match="相同"):
        subsidy.fix_account(db, app_id, payee_name="张小红家长", payee_account=ACCOUNT, actor=ACTOR)
    with pytest.raises(ValidationFailed, match="只能是数字"):
        subsidy.fix_account(db, app_id, payee_name="张大山", payee_account="62AB", actor=ACTOR)
    set_role(db, "township")
    with pytest.raises(AccessDenied, match="须由村级办理"):
        subsidy.fix_account(db, app_id, payee_name="张大山", payee_account=NEW_ACCOUNT, actor="乡")
    set_role(db, "village")
    subsidy.fix_account(db, app_id, payee_name="张大山", payee_account=NEW_ACCOUNT, actor=ACTOR)
    with db.read_connection() as conn:
        row = conn.execute(
            text("SELECT state, payee_name, payee_account FROM subsidy_application WHERE id = :id"),
            {"id": app_id},
        ).one()
    assert tuple(row) == ("account_fixed", "张大山", NEW_ACCOUNT)
    with pytest.raises(YuluError, match="等待县里"):
        subsidy.fix_account(db, app_id, payee_name="张大山", payee_account=NEW_ACCOUNT, actor=ACTOR)


# --- lists and 今日工作 ----------------------------------------------------------------------------------


def test_applications_filter_by_unit_state_and_term(db: Database, units: dict[str, OrgUnit]) -> None:
    red_id, river_id = applied(db, student(db, units["red"], "甲"), student(db, units["river"], "乙"))
    subsidy.take_step(db, [river_id], "withdrawn", actor=ACTOR, reason="转学")
    assert [r.id for r in subsidy.applications(db, unit_id=units["red"].id)] == [red_id]
    assert {r.id for r in subsidy.applications(db, unit_id=units["county"].id)} == {red_id, river_id}
    assert [r.id for r in subsidy.applications(db, states=["withdrawn"])] == [river_id]
    assert subsidy.applications(db, term="2026-spring") == []
    assert one(db, river_id).state_label == "已撤回"


def test_returned_applications_reach_the_cadres_today_page(db: Database, units: dict[str, OrgUnit]) -> None:
    (app_id,) = publicized(db, student(db, units["red"], "张小红"))
    set_role(db, "township")
    subsidy.take_step(db, [app_id], "returned", actor="乡", reason="学费凭证看不清", today=AFTER)
    page = today.load_today(db, units["red"].id, day=AFTER)
    (line,) = page.sections["returned"].lines
    assert (line.name, line.village, line.facts) == ("张小红", "红岩村", (TERM, "学费凭证看不清"))
    assert today.load_today(db, units["river"].id, day=AFTER).sections["returned"].count == 0


def test_the_old_records_names_still_work(db: Database, units: dict[str, OrgUnit]) -> None:
    person = student(db, units["red"], "张小红")
    application = records.apply_for_subsidy(db, person.id, TERM, actor=ACTOR, today=DAY)
    assert (application.state, application.amount_fen) == ("applied", 150000)
    with pytest.raises(ValidationFailed, match="每人每学期只能申请一次"):
        records.apply_for_subsidy(db, person.id, TERM, actor=ACTOR, today=DAY)
    assert records.next_subsidy_states("applied") == {"village_reviewed", "withdrawn"}
    assert records.next_subsidy_states("publicized") == {
        "township_reviewed",
        "returned",
        "rejected",
        "withdrawn",
    }
    with pytest.raises(YuluError, match="缺少证明材料"):
        records.set_subsidy_state(db, application.id, "village_reviewed", actor=ACTOR)
    done = records.set_subsidy_state(db, application.id, "withdrawn", actor=ACTOR, reason="放弃")
    assert (done.state, done.reason) == ("withdrawn", "放弃")


def test_demo_applications_carry_the_rule_version_and_the_payment_day(db: Database) -> None:
    from yulu_desktop.services import demo

    demo.generate_demo(db, households=12, seed=7, today=date(2025, 11, 20))
    with db.read_connection() as conn:
        rows = conn.execute(
            text("SELECT state, rule_version, paid_on, county_approved_on FROM subsidy_application")
        ).all()
    assert rows and all(r.rule_version == 0 for r in rows) and any(r.state == "paid" for r in rows)
    assert all((r.paid_on is not None) == (r.state == "paid") for r in rows)
    # Paid ones were approved before they were paid.
    assert all((r.county_approved_on is not None) == (r.state == "paid") for r in rows)
    assert all(r.county_approved_on <= r.paid_on for r in rows if r.state == "paid")


def test_demo_applications_on_publicity_name_a_finished_publicity_of_their_village(db: Database) -> None:
    from yulu_desktop.services import demo

    demo.generate_demo(db, households=60, seed=3, today=date(2025, 11, 20))
    with db.read_connection() as conn:
        rows = conn.execute(
            text(
                "SELECT s.applied_on, u.starts_on, u.ends_on, u.village_id = h.village_id AS same_village, u.term = "
                "s.term AS same_term FROM subsidy_application s JOIN person p ON p.id = s.person_id "
                "JOIN household h ON h.id = p.household_id "
                "LEFT JOIN subsidy_publicity u ON u.id = s.publicity_id WHERE s.state = 'publicized'"
            )
        ).all()
    assert rows
    for applied_on, starts_on, ends_on, same_village, same_term in rows:
        assert same_village and same_term
        assert str(applied_on) < str(starts_on) < str(ends_on)
    # The township can review them once the 公示 has ended (the demo's 公示 end before its "today").
    assert any(str(r.ends_on) < "2025-11-20" for r in rows)


def test_demo_applications_in_the_cycle_carry_their_evidence_checklist(db: Database) -> None:
    from yulu_desktop.services import demo

    demo.generate_demo(db, households=60, seed=3, today=date(2025, 11, 20))
    rows = subsidy.applications(db, states=["village_reviewed", "publicized"])
    assert rows and all(row.missing_evidence == () for row in rows)  # checked at 初审
    for row in subsidy.applications(db, states=["applied"]):
        assert len(subsidy.evidence(db, row.id)) == len(DEFAULT_EVIDENCE)
