"""Employment rules (domain/employment.py, issue 16): dates and the follow-up schedule, referral steps, skill
levels, the 统一社会信用代码 check, duplicate enterprises and the checks of the new records."""

from __future__ import annotations

from datetime import date

import pytest

from yulu_desktop.domain import employment
from yulu_desktop.domain.employment import (
    FollowUpDue,
    add_months,
    credit_code_problem,
    follow_up_schedule,
    json_list,
    months_in_job,
    normalize_credit_code,
    referral_step_problem,
    skill_level_of,
    skill_rank,
)
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentAgreement,
    Enterprise,
    JobPosition,
    JobReferral,
    PlacementAction,
    School,
)

# --- dates ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2025, 1, 15), 1, date(2025, 2, 15)),
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2025, 8, 31), 3, date(2025, 11, 30)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),  # across the year
        (date(2025, 7, 15), 12, date(2026, 7, 15)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), -1, date(2025, 2, 28)),
        (date(2025, 1, 10), -1, date(2024, 12, 10)),
        (date(2025, 5, 5), 0, date(2025, 5, 5)),
    ],
)
def test_add_months(start: date, months: int, expected: date) -> None:
    assert add_months(start, months) == expected


@pytest.mark.parametrize(
    ("start", "end", "months"),
    [
        (date(2025, 1, 15), date(2025, 1, 15), 0),
        (date(2025, 1, 15), date(2025, 2, 14), 0),
        (date(2025, 1, 15), date(2025, 2, 15), 1),
        (date(2025, 1, 31), date(2025, 2, 28), 1),  # the month's last day counts as a full month
        (date(2025, 1, 31), date(2025, 2, 27), 0),
        (date(2025, 7, 15), date(2026, 7, 14), 11),
        (date(2025, 7, 15), date(2026, 7, 15), 12),
        (date(2025, 7, 15), date(2025, 7, 1), 0),  # before the start
    ],
)
def test_months_in_job(start: date, end: date, months: int) -> None:
    assert months_in_job(start, end) == months


def test_follow_up_schedule_of_a_job_started_at_a_month_end() -> None:
    schedule = follow_up_schedule(date(2025, 8, 31), [])
    assert [(f.month, f.due_on, f.done_on) for f in schedule] == [
        (1, date(2025, 9, 30), None),
        (3, date(2025, 11, 30), None),
        (6, date(2026, 2, 28), None),
        (12, date(2026, 8, 31), None),
    ]


def test_follow_up_schedule_takes_the_earliest_of_each_month() -> None:
    done = [(1, date(2025, 2, 20)), (1, date(2025, 2, 16)), (3, date(2025, 4, 20)), (5, date(2025, 6, 1))]
    schedule = follow_up_schedule(date(2025, 1, 15), done)
    assert [(f.month, f.done_on) for f in schedule] == [
        (1, date(2025, 2, 16)),
        (3, date(2025, 4, 20)),
        (6, None),
        (12, None),
    ]  # a follow-up recorded for a month not in the schedule (5) is ignored


def test_follow_ups_of_an_ended_job() -> None:
    start = date(2025, 1, 15)
    # Ended on 1 May: the 6- and 12-month follow-ups are not owed; one due on the day it ended is.
    assert [f.month for f in follow_up_schedule(start, [], ended_on=date(2025, 5, 1))] == [1, 3]
    assert [f.month for f in follow_up_schedule(start, [], ended_on=date(2025, 4, 15))] == [1, 3]
    assert [f.month for f in follow_up_schedule(start, [], ended_on=date(2025, 4, 14))] == [1]
    # Done anyway after the end: still listed, as done.
    late = follow_up_schedule(start, [(6, date(2025, 7, 20))], ended_on=date(2025, 5, 1))
    assert [(f.month, f.done_on) for f in late] == [(1, None), (3, None), (6, date(2025, 7, 20))]


@pytest.mark.parametrize(
    ("due", "done", "today", "overdue"),
    [
        (date(2025, 2, 15), None, date(2025, 2, 15), False),  # due today: not yet overdue
        (date(2025, 2, 15), None, date(2025, 2, 16), True),
        (date(2025, 2, 15), date(2025, 3, 1), date(2025, 4, 1), False),  # done late: no longer overdue
    ],
)
def test_overdue(due: date, done: date | None, today: date, overdue: bool) -> None:
    assert FollowUpDue(1, due, done).overdue(today) is overdue


# --- referrals --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "reason", "problem"),
    [
        (None, "referred", "", None),
        (None, "interview", "", "新的推荐只能从“已推荐”开始"),
        ("referred", "interview", "", None),
        ("referred", "hired", "", None),
        ("referred", "not_hired", "", "“未录用”须填写原因"),
        ("referred", "not_hired", "  ", "“未录用”须填写原因"),
        ("referred", "not_hired", "缺证", None),
        ("interview", "declined", "", "“放弃”须填写原因"),
        ("interview", "declined", "外出务工", None),
        ("interview", "referred", "", "推荐不能从“面试”改为“已推荐”"),
        ("hired", "not_hired", "x", "推荐已是“录用”，不能再改为“未录用”"),
        ("declined", "hired", "", "推荐已是“放弃”，不能再改为“录用”"),
        ("referred", "referred", "", None),
        ("referred", "lost", "", "“lost”不是有效的推荐状态"),
    ],
)
def test_referral_steps(old: str | None, new: str, reason: str, problem: str | None) -> None:
    assert referral_step_problem(old, new, reason) == problem


def test_referral_issues_dates() -> None:
    referral = JobReferral(
        person_id="p",
        position_id="x",
        referred_on=date(2025, 12, 2),
        state="interview",
        outcome_on=date(2025, 12, 1),
    )
    issues = employment.referral_issues(referral, old_state="referred", today=date(2025, 12, 1))
    assert {i.field for i in issues} == {"referred_on", "outcome_on"}
    assert all(i.label for i in issues)


# --- skill levels -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        ((), "none"),
        (("",), "none"),
        (("中级工",), "level4"),
        (("初级工（五级）",), "level5"),  # a label
        (("level3",), "level3"),  # a code
        (("高级技师",), "level1"),  # not 高级 (三级) nor 技师
        (("技师",), "level2"),
        (("国家职业资格三级",), "level3"),
        (("四级", "高级工", "初级"), "level3"),  # the highest
        (("合格", "结业"), "none"),
        ((" 中级 ",), "level4"),
    ],
)
def test_skill_level_of(levels: tuple[str, ...], expected: str) -> None:
    assert skill_level_of(levels) == expected


def test_skill_rank_orders_levels() -> None:
    ranks = [skill_rank(code) for code in ("none", "level5", "level4", "level3", "level2", "level1")]
    assert ranks == sorted(ranks) and len(set(ranks)) == 6
    assert skill_rank(None) == skill_rank("bogus") == 0


# --- credit codes and enterprises -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        (None, None),
        ("", None),
        ("91350100M000100Y43", None),  # the example of GB 32100-2015
        ("91500229MA5U3K8X17", None),
        ("125002294503975222", None),
        ("91350100M000100Y4", "统一社会信用代码应为18位，这里是17位"),
        ("91350100M000100Y44", "统一社会信用代码校验位不对（应为 3），请核对"),
        ("91350100M00010OY43", "统一社会信用代码含有不允许的字符（不含字母 I、O、S、V、Z）"),
        (
            "9135010AM000100Y43",
            "统一社会信用代码含有不允许的字符（不含字母 I、O、S、V、Z）",
        ),  # region code: digits
    ],
)
def test_credit_code(code: str | None, problem: str | None) -> None:
    assert credit_code_problem(code) == problem


def test_normalize_credit_code() -> None:
    assert normalize_credit_code(" 91350100 m000100y43 ") == "91350100M000100Y43"
    assert normalize_credit_code("  ") is None


def _enterprise(**values: object) -> Enterprise:
    defaults: dict[str, object] = {
        "county_id": "c",
        "name": "宏达机械有限公司",
        "industry": "manufacturing",
        "region": "county",
    }
    defaults.update(values)
    return Enterprise(**defaults)  # type: ignore[arg-type]


def test_duplicate_enterprise() -> None:
    stored = [
        _enterprise(name="宁波甬城电子有限公司", place="浙江省宁波市", credit_code="91330200MA2CHY8B4E"),
        _enterprise(name="城口县宏达机械有限责任公司", place="城口县 工业园区"),
    ]
    same_code = _enterprise(name="甬城电子", credit_code="91330200MA2CHY8B4E")
    same_name = _enterprise(name="城口县宏达机械（有限公司）", place="城口县工业园区")
    other_place = _enterprise(name="城口县宏达机械有限公司", place="巫溪县")
    assert employment.duplicate_enterprise(same_code, stored) is stored[0]
    assert employment.duplicate_enterprise(same_name, stored) is stored[1]
    assert employment.duplicate_enterprise(other_place, stored) is None
    assert employment.duplicate_enterprise(stored[0], stored) is None  # itself


def test_enterprise_issues() -> None:
    issues = employment.enterprise_issues(
        _enterprise(name=" ", credit_code="123", industry="mining_on_mars", pairing="east_west")
    )
    fields = {i.field: i for i in issues}
    assert set(fields) == {"name", "credit_code", "industry", "pairing_partner"}
    assert not fields["pairing_partner"].is_error  # a warning


# --- json lists and record checks -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, []),
        ("", []),
        ("not json", []),
        ('{"a": 1}', []),
        ('["护理", "", " ", 12]', ["护理", "12"]),
        ('["数控技术应用"]', ["数控技术应用"]),
    ],
)
def test_json_list(text: str | None, expected: list[str]) -> None:
    assert json_list(text) == expected


def test_position_issues() -> None:
    position = JobPosition(
        unit_id="u",
        enterprise_id="",
        title="",
        region="moon",
        pay_min_fen=500000,
        pay_max_fen=400000,
        majors="护理",
        openings=0,
        posted_on=date(2025, 12, 1),
        deadline=date(2025, 11, 1),
    )
    fields = {i.field for i in employment.position_issues(position)}
    assert fields == {"title", "enterprise_id", "region", "majors", "pay_max_fen", "openings", "deadline"}


def test_agreement_issues() -> None:
    agreement = EmploymentAgreement(
        county_id="c",
        kind="tripartite",
        title="协议",
        signed_on=date(2025, 1, 1),
        starts_on=date(2025, 2, 1),
        ends_on=date(2025, 1, 1),
        places_per_year=-1,
    )
    fields = {i.field for i in employment.agreement_issues(agreement)}
    assert fields == {"enterprise_ids", "school_id", "ends_on", "places_per_year"}


def test_career_plan_and_placement_action_issues() -> None:
    plan = CareerPlan(person_id="p", recorded_on=date(2025, 12, 2), stage="later", wanted_income_fen=-1)
    fields = {i.field for i in employment.career_plan_issues(plan, today=date(2025, 12, 1))}
    assert fields == {"stage", "recorded_on", "wanted_income_fen", "goal"}
    action = PlacementAction(
        person_id="p",
        recorded_on=date(2025, 12, 1),
        reason="seeking",
        next_action="推荐岗位",
        due_on=date(2025, 12, 1),
    )
    assert employment.placement_action_issues(action) == []  # due the day it is recorded is fine


# --- graduation year and final-year students (one definition for matching, statistics and the person tab) -----


@pytest.mark.parametrize(
    ("school_year", "ended_on", "expected"),
    [
        ("2024-2025", date(2025, 6, 30), 2025),
        ("2024-2025", date(2026, 1, 15), 2026),  # the day it ended wins over the school year
        ("2024-2025", None, 2025),
        ("", None, None),
        ("2024", None, None),
    ],
)
def test_graduation_year_is_the_end_date_year_else_the_school_years_second_year(
    school_year: str, ended_on: date | None, expected: int | None
) -> None:
    assert employment.graduation_year_of(school_year, ended_on) == expected


@pytest.mark.parametrize(
    ("status", "entry_date", "length", "today", "expected"),
    [
        ("enrolled", date(2023, 9, 1), 3, date(2025, 12, 1), True),  # ends 2026-09-01, within a year
        ("enrolled", date(2024, 9, 1), 3, date(2025, 12, 1), False),  # ends 2027-09-01
        ("enrolled", date(2022, 9, 1), 3, date(2025, 12, 1), False),  # ended already
        ("enrolled", date(2023, 9, 1), None, date(2025, 12, 1), True),  # 学制 unknown: 3 years
        ("enrolled", None, 3, date(2025, 12, 1), False),
        ("graduated", date(2023, 9, 1), 3, date(2025, 12, 1), False),
        ("enrolled", date(2024, 9, 1), 2, date(2025, 9, 1), True),  # ends today
    ],
)
def test_final_year_students_finish_within_the_next_twelve_months(
    status: str, entry_date: date | None, length: int | None, today: date, expected: bool
) -> None:
    assert employment.is_final_year(status, entry_date, length, today) is expected


def test_enterprises_of_two_counties_are_not_duplicates() -> None:
    ours = Enterprise(county_id="c1", name="重庆欣乐美义齿公司", industry="manufacturing", region="province")
    theirs = Enterprise(
        county_id="c2", name="重庆欣乐美义齿公司", industry="manufacturing", region="province"
    )
    same_county = Enterprise(
        county_id="c1", name="重庆欣乐美义齿公司", industry="manufacturing", region="county"
    )
    assert employment.duplicate_enterprise(ours, [theirs]) is None
    assert employment.duplicate_enterprise(ours, [theirs, same_county]) is same_county


def test_messages_name_the_field_as_the_record_calls_it() -> None:
    """A school's ``name`` is 学校名称 and a position's pay is 月薪上限 — not the person's 姓名 (the labels the
    services, the importer and the county server's refusals show)."""
    school = employment.school_issues(School(county_id="c", name=" ", level="higher"))
    assert [(i.field, i.label) for i in school] == [("name", "学校名称")]
    position = JobPosition(
        unit_id="u",
        enterprise_id="e",
        title="",
        region="county",
        pay_min_fen=500000,
        pay_max_fen=300000,
        posted_on=date(2025, 6, 1),
    )
    labels = {i.field: i.label for i in employment.position_issues(position)}
    assert labels == {"title": "岗位名称", "pay_max_fen": "月薪上限"}
