"""The subsidy cycle as data (issue 15, ``domain.subsidy_cycle``): who takes which step, who writes which field."""

from __future__ import annotations

from datetime import date

import pytest

from yulu_desktop.domain import codes
from yulu_desktop.domain.access import Role
from yulu_desktop.domain.subsidy_cycle import (
    CORRECTABLE,
    DECIDED,
    FIELD_LEVEL,
    FINAL,
    NEEDS_REASON,
    PAYABLE,
    STEPS,
    Level,
    field_problem,
    level_of,
    publicity_end_problem,
    publicity_length_problem,
    step_problem,
    steps_from,
)

ROLES = ("village", "township", "county", "county_admin")


@pytest.mark.parametrize(
    ("role", "level"),
    [
        ("village", Level.VILLAGE),
        (Role.VILLAGE, Level.VILLAGE),
        ("township", Level.TOWNSHIP),
        (Role.TOWNSHIP, Level.TOWNSHIP),
        ("county", Level.COUNTY),
        ("county_admin", Level.COUNTY),
        (Role.COUNTY_ADMIN, Level.COUNTY),
        ("", Level.VILLAGE),  # a laptop not enrolled works as a village
    ],
)
def test_level_of_a_role(role: Role | str, level: Level) -> None:
    assert level_of(role) == level


def test_levels_have_chinese_labels() -> None:
    assert [lv.label for lv in Level] == ["村级", "乡镇", "县级"]


def test_the_table_is_consistent() -> None:
    moves = [(s.source, s.target) for s in STEPS]
    assert len(moves) == len(set(moves)), "a move belongs to one level only"
    for step in STEPS:
        assert step.target in codes.SUBSIDY_STATE
        assert step.source is None or step.source in codes.SUBSIDY_STATE
        assert step.source not in FINAL, f"{step.source} is final but has a step out"
        assert step.label
    reached = {s.target for s in STEPS}
    assert set(codes.SUBSIDY_STATE.labels) == reached, "every state is reached by some step"
    assert PAYABLE <= DECIDED and CORRECTABLE <= DECIDED
    assert {"returned", "rejected", "withdrawn", "payment_failed"} == NEEDS_REASON
    assert {"paid", "rejected", "withdrawn"} == FINAL
    assert {s.source for s in STEPS if s.target == "in_payment"} == PAYABLE


@pytest.mark.parametrize("step", STEPS, ids=lambda s: f"{s.source}->{s.target}")
def test_each_step_is_taken_by_its_level_only(step: object) -> None:
    from yulu_desktop.domain.subsidy_cycle import Step

    assert isinstance(step, Step)
    for role in ROLES:
        problem = step_problem(step.source, step.target, role)
        if level_of(role) == step.level:
            assert problem is None
            assert step in steps_from(step.source, role)
        else:
            assert problem is not None
            assert step.label in problem and f"须由{step.level.label}办理" in problem
            assert f"本设备是{level_of(role).label}账号" in problem
            assert step not in steps_from(step.source, role)


@pytest.mark.parametrize(
    ("source", "target", "role", "words"),
    [
        ("applied", "county_approved", "county", ("当前为“已申请”", "不能变为“县审定”")),
        ("paid", "in_payment", "county", ("已发放", "发放中")),
        ("paid", "payment_failed", "county", ("已发放",)),
        ("rejected", "applied", "village", ("未通过",)),
        ("withdrawn", "applied", "village", ("已撤回",)),
        (None, "publicized", "village", ("（新申请）", "公示")),
        ("in_payment", "in_payment_again", "county", ("未知的补助状态",)),
        ("publicized", "township_reviewed", "village", ("乡镇审核通过", "须由乡镇办理", "村级账号")),
        ("township_reviewed", "county_approved", "township", ("县审定通过", "须由县级办理", "乡镇账号")),
        ("in_payment", "paid", "township", ("发放成功", "须由县级办理")),
        ("applied", "village_reviewed", "county_admin", ("村委会初审", "须由村级办理", "县级账号")),
    ],
)
def test_refused_steps_say_why(source: str | None, target: str, role: str, words: tuple[str, ...]) -> None:
    problem = step_problem(source, target, role)
    assert problem is not None
    for word in words:
        assert word in problem


@pytest.mark.parametrize("state", [None, *codes.SUBSIDY_STATE.labels])
def test_staying_in_a_state_is_no_step(state: str | None) -> None:
    for role in ROLES:
        if state is not None:
            assert step_problem(state, state, role) is None


@pytest.mark.parametrize(
    ("state", "role", "expected"),
    [
        (None, "village", {"draft", "applied"}),
        ("applied", "village", {"village_reviewed", "withdrawn"}),
        ("applied", "township", set()),
        ("publicized", "village", {"withdrawn"}),
        ("publicized", "township", {"township_reviewed", "returned", "rejected"}),
        ("township_reviewed", "county", {"county_approved", "returned", "rejected"}),
        ("county_approved", "county_admin", {"announced", "in_payment"}),
        ("in_payment", "county", {"paid", "payment_failed"}),
        ("payment_failed", "village", {"account_fixed"}),
        ("payment_failed", "county", {"rejected"}),
        ("account_fixed", "county", {"in_payment"}),
        ("returned", "village", {"applied", "withdrawn"}),
        ("paid", "county", set()),
        ("rejected", "village", set()),
    ],
)
def test_steps_from_a_state(state: str | None, role: str, expected: set[str]) -> None:
    assert {s.target for s in steps_from(state, role)} == expected


@pytest.mark.parametrize(
    ("field", "state", "role", "words"),
    [
        # Each level writes its own opinion; payment fields are the county's.
        ("village_opinion", "applied", "village", None),
        ("village_opinion", "applied", "township", ("村委会意见", "村级填写", "乡镇账号")),
        ("township_opinion", "publicized", "township", None),
        ("township_opinion", "publicized", "village", ("乡镇审核意见", "乡镇填写", "村级账号")),
        ("county_opinion", "township_reviewed", "county", None),
        ("county_opinion", "township_reviewed", "county_admin", None),
        ("county_opinion", "applied", "village", ("县级审定意见", "县级填写", "村级账号")),
        ("joint_opinions", "township_reviewed", "township", ("联审意见", "县级填写")),
        ("payment_batch_id", "county_approved", "village", ("发放批次",)),
        ("paid_on", "in_payment", "township", ("发放日期",)),
        ("payment_failure", "in_payment", "county", None),
        # Fields nobody owns: anyone who may edit the application.
        ("payee_account", "applied", "village", None),
        ("amount_fen", "township_reviewed", "county", None),
        # Final states: nobody changes anything.
        ("payee_account", "paid", "county", ("已发放", "不能再修改")),
        ("paid_on", "paid", "county", ("已发放", "不能再修改")),
        ("reason", "rejected", "township", ("未通过", "不能再修改")),
        ("note", "withdrawn", "village", ("已撤回",)),
        # Decided: the village only corrects a failed payment's account.
        ("payee_account", "county_approved", "village", ("县审定", "村级不能再修改")),
        ("payee_account", "in_payment", "village", ("发放中",)),
        ("payee_account", "payment_failed", "village", None),
        ("payee_name", "payment_failed", "village", None),
        ("amount_fen", "payment_failed", "village", ("发放失败", "可更正账户")),
        ("payee_account", "account_fixed", "village", ("账户已更正",)),
        ("payee_account", "county_approved", "county", None),
    ],
)
def test_who_writes_which_field(field: str, state: str, role: str, words: tuple[str, ...] | None) -> None:
    problem = field_problem(field, state, role)
    if words is None:
        assert problem is None
    else:
        assert problem is not None
        for word in words:
            assert word in problem


def test_field_owners_are_levels_and_opinions_are_their_levels() -> None:
    assert FIELD_LEVEL["village_opinion"] == Level.VILLAGE
    assert FIELD_LEVEL["township_opinion"] == Level.TOWNSHIP
    assert {FIELD_LEVEL[f] for f in ("county_opinion", "joint_opinions", "payment_batch_id", "paid_on")} == {
        Level.COUNTY
    }


@pytest.mark.parametrize(
    ("starts_on", "ends_on", "min_days", "words"),
    [
        (date(2025, 9, 1), date(2025, 9, 5), 5, None),  # inclusive: 1..5 is five days
        (date(2025, 9, 1), date(2025, 9, 4), 5, ("公示期为 4 天", "至少 5 天")),
        (date(2025, 9, 1), date(2025, 9, 1), 1, None),
        (date(2025, 9, 1), date(2025, 8, 31), 1, ("结束日期早于开始日期",)),
        (date(2025, 2, 25), date(2025, 3, 3), 7, None),  # across a month end
        (date(2025, 9, 1), date(2025, 9, 9), 10, ("9 天", "10 天")),
    ],
)
def test_publicity_length(
    starts_on: date, ends_on: date, min_days: int, words: tuple[str, ...] | None
) -> None:
    problem = publicity_length_problem(starts_on, ends_on, min_days)
    if words is None:
        assert problem is None
    else:
        assert problem is not None
        for word in words:
            assert word in problem


@pytest.mark.parametrize(
    ("ends_on", "on", "words"),
    [
        (None, date(2025, 9, 10), ("尚未公示",)),
        (date(2025, 9, 5), date(2025, 9, 4), ("公示到 2025-09-05", "2025-09-06 起")),
        (date(2025, 9, 5), date(2025, 9, 5), ("2025-09-06 起才能审核",)),  # the last day is still 公示
        (date(2025, 9, 5), date(2025, 9, 6), None),
        (date(2025, 12, 31), date(2026, 1, 1), None),
    ],
)
def test_publicity_end(ends_on: date | None, on: date, words: tuple[str, ...] | None) -> None:
    problem = publicity_end_problem(ends_on, on)
    if words is None:
        assert problem is None
    else:
        assert problem is not None
        for word in words:
            assert word in problem
