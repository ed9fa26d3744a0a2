"""The county's subsidy rules, windows and amounts on a laptop (issue 15, ``services.subsidy_rules``)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import text

from yulu_desktop.domain.access import AccessDenied
from yulu_desktop.domain.entities import OrgUnit
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE
from yulu_desktop.services import records, subsidy_rules
from yulu_desktop.store.database import Database


def set_role(db: Database, role: str) -> None:
    """Enroll the laptop with ``role`` ("": not enrolled, the village role)."""
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, '王五', :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = '王五', cadre_role = :r"
            ),
            {"u": "wangwu" if role else "", "r": role},
        )


@pytest.fixture
def county(db: Database) -> OrgUnit:
    with records.writing(db, "测试") as session:
        unit = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", unit)
        records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    return unit


def test_only_county_roles_write_rules_windows_and_amounts(db: Database, county: OrgUnit) -> None:
    for role in ("", "village", "township"):
        set_role(db, role)
        with pytest.raises(AccessDenied, match="须由县级经办人员或县级管理员办理"):
            subsidy_rules.save_rule(db, replace(DEFAULT_RULE, version=1), actor="村")
        with pytest.raises(AccessDenied, match="设置申请期"):
            subsidy_rules.set_window(db, "2025-autumn", date(2025, 9, 1), date(2025, 9, 30), actor="村")
        with pytest.raises(AccessDenied, match="设置补助标准"):
            subsidy_rules.set_amount(db, "zhongzhuan", 300000, effective_from=date(2025, 1, 1), actor="村")
    assert subsidy_rules.rules_of_county(db) == [] and subsidy_rules.windows(db) == []
    assert subsidy_rules.amounts(db) == []
    set_role(db, "county_admin")
    assert subsidy_rules.save_rule(db, DEFAULT_RULE, actor="县").version == 1


def test_saving_a_rule_makes_a_new_version_and_never_edits_one(db: Database, county: OrgUnit) -> None:
    set_role(db, "county")
    first = subsidy_rules.save_rule(
        db,
        replace(DEFAULT_RULE, effective_from=date(2025, 1, 1), exclusive_aids=(" 学费资助 ", "")),
        actor="县",
    )
    second = subsidy_rules.save_rule(
        db,
        replace(first, effective_from=date(2025, 9, 1), publicity_min_days=7, joint_reviewers=("教体局",)),
        actor="县",
    )
    assert (first.version, second.version) == (1, 2)
    assert first.exclusive_aids == ("学费资助",) and first.id and second.id != first.id
    stored = subsidy_rules.rules_of_county(db)
    assert [(r.version, r.publicity_min_days, r.joint_reviewers) for r in stored] == [
        (1, 5, ()),
        (2, 7, ("教体局",)),
    ]
    assert subsidy_rules.rule_in_force(db, date(2024, 12, 31)) == DEFAULT_RULE
    assert subsidy_rules.rule_in_force(db, date(2025, 8, 31)).version == 1
    assert subsidy_rules.rule_in_force(db, date(2025, 9, 1)).version == 2
    with db.read_connection() as conn:
        rows = conn.execute(text("SELECT county_code, version FROM subsidy_rule ORDER BY version")).all()
    assert [tuple(r) for r in rows] == [("500229", 1), ("500229", 2)]


def test_a_wrong_rule_is_refused_with_every_problem(db: Database, county: OrgUnit) -> None:
    set_role(db, "county")
    bad = replace(DEFAULT_RULE, household_types=frozenset(), publicity_min_days=0, payment_columns=("name",))
    with pytest.raises(ValidationFailed) as refused:
        subsidy_rules.save_rule(db, bad, actor="县")
    text_ = refused.value.text()
    assert "户类型" in text_ and "公示天数" in text_ and "身份证号" in text_
    assert subsidy_rules.rules_of_county(db) == []


def test_windows_are_set_per_term_and_changed_in_place(db: Database, county: OrgUnit) -> None:
    set_role(db, "county")
    subsidy_rules.set_window(db, "2025-autumn", date(2025, 9, 1), date(2025, 9, 30), actor="县")
    subsidy_rules.set_window(db, "2025-autumn", date(2025, 9, 1), date(2025, 10, 31), actor="县")
    subsidy_rules.set_window(db, "2026-spring", date(2026, 3, 1), date(2026, 3, 31), actor="县")
    found = [(w.county_code, w.term, w.closes_on) for w in subsidy_rules.windows(db)]
    assert found == [
        ("500229", "2025-autumn", date(2025, 10, 31)),
        ("500229", "2026-spring", date(2026, 3, 31)),
    ]
    with pytest.raises(ValidationFailed, match="截止日期早于开始日期"):
        subsidy_rules.set_window(db, "2025-autumn", date(2025, 9, 30), date(2025, 9, 1), actor="县")
    with pytest.raises(ValidationFailed, match="格式"):
        subsidy_rules.set_window(db, "2025秋", date(2025, 9, 1), date(2025, 9, 30), actor="县")
    window = subsidy_rules.windows(db)[0]
    assert (
        subsidy_rules.window_problem(window, date(2025, 11, 1))
        == "2025年秋季学期申请期 2025-09-01至2025-10-31 已结束"
    )
    assert "尚未开始" in (subsidy_rules.window_problem(window, date(2025, 8, 31)) or "")
    assert subsidy_rules.window_problem(window, date(2025, 9, 1)) is None


def test_amounts_are_set_by_the_county_with_an_effective_date(db: Database, county: OrgUnit) -> None:
    set_role(db, "county")
    assert subsidy_rules.county_code(db) == "500229"
    subsidy_rules.set_amount(db, "zhongzhuan", 300000, effective_from=date(2020, 1, 1), actor="县")
    subsidy_rules.set_amount(db, "zhongzhuan", 400000, effective_from=date(2025, 9, 1), actor="县")
    with pytest.raises(ValidationFailed, match="大于 0"):
        subsidy_rules.set_amount(db, "zhongzhuan", 0, effective_from=date(2025, 9, 1), actor="县")
    assert [(a.school_type, a.annual_amount_fen) for a in subsidy_rules.amounts(db)] == [
        ("zhongzhuan", 300000),
        ("zhongzhuan", 400000),
    ]
    with db.read() as session:
        assert subsidy_rules.amount_fen(session, "500229", "zhongzhuan", date(2025, 8, 31)) == 150000
        assert subsidy_rules.amount_fen(session, "500229", "zhongzhuan", date(2025, 9, 1)) == 200000
        assert subsidy_rules.amount_fen(session, "500229", "dazhuan", date(2025, 9, 1)) is None


def test_the_county_of_an_enrolled_laptop_is_the_one_above_its_jurisdiction(
    db: Database, county: OrgUnit
) -> None:
    with records.writing(db, "测试") as session:
        other = records.ensure_org_unit(session, "140928", "五寨县", "county", None)
        township = records.ensure_org_unit(session, "140928101", "三岔镇", "township", other)
        village = records.ensure_org_unit(session, "140928101201", "三岔村", "village", township)
    assert subsidy_rules.county_code(db) == "140928"  # the first county by code when not enrolled
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, jurisdiction_id) VALUES (1, :j) "
                "ON CONFLICT (id) DO UPDATE SET jurisdiction_id = :j"
            ),
            {"j": village.id},
        )
    assert subsidy_rules.county_code(db) == "140928"
    with db.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET jurisdiction_id = :j"), {"j": county.id})
    assert subsidy_rules.county_code(db) == "500229"
