"""Employment rules (雨露计划+ 就业, issue 16): the follow-up schedule after a start (稳岗), months in a job,
referral outcomes, skill levels, enterprise duplicates and the checks of the employment records.

Pure functions over plain values: the services, the UI, the importer and the county server share them.
"""

from __future__ import annotations

import calendar
import dataclasses
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentAgreement,
    Enterprise,
    JobFair,
    JobPosition,
    JobReferral,
    PlacementAction,
    PolicyCampaign,
    School,
)
from yulu_desktop.domain.errors import Issue, Severity

__all__ = [
    "FOLLOW_UP_MONTHS",
    "INCOME_BANDS",
    "REFERRAL_STEPS",
    "FollowUpDue",
    "add_months",
    "agreement_issues",
    "career_plan_issues",
    "credit_code_problem",
    "enterprise_issues",
    "enterprise_key",
    "fair_issues",
    "follow_up_schedule",
    "graduation_year_of",
    "income_band_of",
    "is_final_year",
    "json_list",
    "months_in_job",
    "pay_text",
    "placement_action_issues",
    "position_issues",
    "referral_step_problem",
    "school_issues",
    "schooling_ends_on",
    "skill_level_of",
    "skill_rank",
]

#: Monthly income bands: (key, label, from fen inclusive, below fen or None). Entries without income: key "".
#: Shared by the county's employment dashboards and the province feed (which publishes the band, never the
#: amount).
INCOME_BANDS: Final[tuple[tuple[str, str, int, int | None], ...]] = (
    ("lt2000", "2000元以下", 0, 200000),
    ("2000", "2000–2999元", 200000, 300000),
    ("3000", "3000–3999元", 300000, 400000),
    ("4000", "4000–4999元", 400000, 500000),
    ("5000", "5000–5999元", 500000, 600000),
    ("ge6000", "6000元及以上", 600000, None),
)

#: Follow-ups after a start are due this many months later (稳岗: 1, 3, 6 and 12 months).
FOLLOW_UP_MONTHS: Final = (1, 3, 6, 12)

#: Referral outcomes: from a state, the states a cadre may record next. 录用, 未录用 and 放弃 are final.
REFERRAL_STEPS: Final[dict[str, frozenset[str]]] = {
    "referred": frozenset({"interview", "hired", "not_hired", "declined"}),
    "interview": frozenset({"hired", "not_hired", "declined"}),
    "hired": frozenset(),
    "not_hired": frozenset(),
    "declined": frozenset(),
}
#: Outcomes that need a reason (why not hired, why the person gave up).
REASON_NEEDED: Final = frozenset({"not_hired", "declined"})


def _issue(field: str, message: str, severity: Severity = Severity.ERROR) -> Issue:
    from yulu_desktop.domain.rules import label

    return Issue(field=field, message=message, severity=severity, label=label(field))


def _labelled(entity: str, issues: list[Issue]) -> list[Issue]:
    """``issues`` with the field labels of ``entity`` (a school's ``name`` is 学校名称, not 姓名)."""
    from yulu_desktop.domain.rules import label

    return [dataclasses.replace(i, label=label(i.field, entity)) for i in issues]


def _code(codelist: codes.CodeList, value: str | None, field: str, *, required: bool = True) -> list[Issue]:
    if value in (None, ""):
        return [_issue(field, f"请选择{codelist.name}")] if required else []
    problem = codelist.problem(value)
    return [_issue(field, problem)] if problem else []


def _required_text(value: str, field: str, what: str) -> list[Issue]:
    return [] if value.strip() else [_issue(field, f"请填写{what}")]


def json_list(text: str | None) -> list[str]:
    """A JSON array of strings as stored (majors, ids); anything else reads as empty."""
    if not text:
        return []
    try:
        value = json.loads(text)
    except ValueError:
        return []
    return (
        [str(v) for v in value if isinstance(v, str | int) and str(v).strip()]
        if isinstance(value, list)
        else []
    )


def _list_issues(text: str, field: str) -> list[Issue]:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return [_issue(field, "内容格式不对（应为列表）")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [_issue(field, "内容格式不对（应为文字列表）")]
    return []


# --- dates -----------------------------------------------------------------------------------------------


def add_months(start: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it has no such day (31 Jan + 1 → 28/29 Feb)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def months_in_job(start: date, end: date) -> int:
    """Whole months from ``start`` to ``end`` (0 when it ended or is measured before a month passed)."""
    if end < start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months if add_months(start, months) <= end else months - 1


def income_band_of(monthly_income_fen: int | None) -> str:
    """The ``INCOME_BANDS`` key of a monthly income ('' when there is none, or a negative one)."""
    if monthly_income_fen is None:
        return ""
    for key, _label, low, high in INCOME_BANDS:
        if monthly_income_fen >= low and (high is None or monthly_income_fen < high):
            return key
    return ""


def pay_text(pay_min_fen: int | None, pay_max_fen: int | None) -> str:
    """A position's monthly pay as people say it: 3500–4500元/月, 3000元/月起, 最高4500元/月, 面议."""

    def yuan(fen: int) -> str:
        return f"{fen / 100:g}" if fen % 100 else str(fen // 100)

    if pay_min_fen is not None and pay_max_fen is not None:
        if pay_min_fen == pay_max_fen:
            return f"{yuan(pay_min_fen)}元/月"
        return f"{yuan(pay_min_fen)}–{yuan(pay_max_fen)}元/月"
    if pay_min_fen is not None:
        return f"{yuan(pay_min_fen)}元/月起"
    if pay_max_fen is not None:
        return f"最高{yuan(pay_max_fen)}元/月"
    return "面议"


def graduation_year_of(school_year: str | None, ended_on: date | None) -> int | None:
    """A graduate's graduation year: ``ended_on.year`` if set, else the second year of the school year
    ("2024-2025" → 2025)."""
    if ended_on is not None:
        return ended_on.year
    _, _, second = (school_year or "").partition("-")
    return int(second) if second.isdigit() else None


def schooling_ends_on(entry_date: date | None, length_years: int | None) -> date | None:
    """When a schooling ends: the entry date plus its length (学制, 3 years when unknown); None without a date."""
    if entry_date is None:
        return None
    return add_months(entry_date, 12 * (length_years or 3))


def is_final_year(
    registry_status: str, entry_date: date | None, length_years: int | None, today: date
) -> bool:
    """A final-year student (毕业班): still enrolled, and the schooling ends within the next 12 months."""
    if registry_status != "enrolled":
        return False
    ends = schooling_ends_on(entry_date, length_years)
    return ends is not None and today <= ends <= add_months(today, 12)


@dataclass(frozen=True, slots=True)
class FollowUpDue:
    """One follow-up of a job: due ``month`` months after the start, on ``due_on``; ``done_on`` once recorded."""

    month: int
    due_on: date
    done_on: date | None

    def overdue(self, today: date) -> bool:
        return self.done_on is None and self.due_on < today


def follow_up_schedule(
    start: date, done: Iterable[tuple[int, date]], *, ended_on: date | None = None
) -> list[FollowUpDue]:
    """The follow-ups of a job started on ``start``: one per :data:`FOLLOW_UP_MONTHS`, with the day each was done
    (``done``: (month, done_on) pairs as recorded; the earliest counts). A follow-up falling due after the job
    ended (``ended_on``: a later entry of the history) is not owed, unless it was done anyway."""
    done_by_month: dict[int, date] = {}
    for month, done_on in done:
        if month not in done_by_month or done_on < done_by_month[month]:
            done_by_month[month] = done_on
    schedule = []
    for month in FOLLOW_UP_MONTHS:
        due_on = add_months(start, month)
        recorded = done_by_month.get(month)
        if ended_on is not None and due_on > ended_on and recorded is None:
            continue
        schedule.append(FollowUpDue(month, due_on, recorded))
    return schedule


# --- skill levels ------------------------------------------------------------------------------------------

_SKILL_ORDER: Final = tuple(codes.SKILL_LEVEL.labels)
#: Words of certificate levels as written on certificates and in training records, most specific first.
_SKILL_WORDS: Final = (
    ("高级技师", "level1"),
    ("一级", "level1"),
    ("技师", "level2"),
    ("二级", "level2"),
    ("高级", "level3"),
    ("三级", "level3"),
    ("中级", "level4"),
    ("四级", "level4"),
    ("初级", "level5"),
    ("五级", "level5"),
)


def skill_rank(level: str | None) -> int:
    """0 for no level, up to 5 for 高级技师: levels compare by rank."""
    return _SKILL_ORDER.index(level) if level in _SKILL_ORDER else 0


def skill_level_of(certificate_levels: Iterable[str]) -> str:
    """The highest skill level among certificate levels as written (a code, a label or words like 中级工)."""
    best = "none"
    for text in certificate_levels:
        text = (text or "").strip()
        level = text if text in codes.SKILL_LEVEL else codes.SKILL_LEVEL.code_for(text)
        if level is None:
            level = next((code for word, code in _SKILL_WORDS if word in text), None)
        if level is not None and skill_rank(level) > skill_rank(best):
            best = level
    return best


# --- referrals ---------------------------------------------------------------------------------------------


def referral_step_problem(old_state: str | None, new_state: str, reason: str) -> str | None:
    """Why a referral may not go from ``old_state`` (None: a new referral) to ``new_state``, or None."""
    if new_state not in codes.REFERRAL_STATE:
        return f"“{new_state}”不是有效的推荐状态"
    if old_state is None:
        if new_state != "referred":
            return "新的推荐只能从“已推荐”开始"
        return None
    if old_state == new_state:
        return None
    if new_state not in REFERRAL_STEPS.get(old_state, frozenset()):
        old_label, new_label = codes.REFERRAL_STATE.label(old_state), codes.REFERRAL_STATE.label(new_state)
        if not REFERRAL_STEPS.get(old_state):
            return f"推荐已是“{old_label}”，不能再改为“{new_label}”"
        return f"推荐不能从“{old_label}”改为“{new_label}”"
    if new_state in REASON_NEEDED and not reason.strip():
        return f"“{codes.REFERRAL_STATE.label(new_state)}”须填写原因"
    return None


def referral_issues(referral: JobReferral, *, old_state: str | None, today: date) -> list[Issue]:
    problem = referral_step_problem(old_state, referral.state, referral.outcome_reason)
    issues = [_issue("state", problem)] if problem else []
    if referral.referred_on > today:
        issues.append(_issue("referred_on", "推荐日期不能晚于今天"))
    if referral.outcome_on is not None and referral.outcome_on < referral.referred_on:
        issues.append(_issue("outcome_on", "结果日期不能早于推荐日期"))
    return _labelled("job_referral", issues)


# --- reference records ---------------------------------------------------------------------------------------

#: 统一社会信用代码 (GB 32100-2015): 18 characters from this alphabet, the last a check character.
_CREDIT_ALPHABET: Final = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS: Final = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_CREDIT_SHAPE: Final = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def normalize_credit_code(text: str | None) -> str | None:
    """Upper case without spaces; None for empty."""
    cleaned = re.sub(r"\s+", "", text or "").upper()
    return cleaned or None


def credit_code_problem(code: str | None) -> str | None:
    """Why ``code`` is not a valid 统一社会信用代码 (None if valid or empty)."""
    if not code:
        return None
    if len(code) != 18:
        return f"统一社会信用代码应为18位，这里是{len(code)}位"
    if not _CREDIT_SHAPE.match(code):
        return "统一社会信用代码含有不允许的字符（不含字母 I、O、S、V、Z）"
    total = sum(_CREDIT_ALPHABET.index(ch) * w for ch, w in zip(code[:17], _CREDIT_WEIGHTS, strict=True))
    expected = _CREDIT_ALPHABET[(31 - total % 31) % 31]
    if code[17] != expected:
        return f"统一社会信用代码校验位不对（应为 {expected}），请核对"
    return None


def _name_key(text: str) -> str:
    """A name or place compared loosely: no spaces or brackets of either width, no 有限公司 variants."""
    key = re.sub(r"[\s()（）·.,，、]", "", text or "")
    return key.replace("有限责任公司", "有限公司")


def enterprise_key(enterprise: Enterprise) -> tuple[str, str]:
    """The keys two records of one enterprise share: its credit code, or its name and place."""
    return (enterprise.credit_code or "", f"{_name_key(enterprise.name)}@{_name_key(enterprise.place)}")


def duplicate_enterprise(enterprise: Enterprise, others: Sequence[Enterprise]) -> Enterprise | None:
    """Another record of the same enterprise in the same county: the same credit code, or the same name in the
    same place. Each county keeps its own record of an enterprise it works with."""
    code, name_place = enterprise_key(enterprise)
    for other in others:
        if other.id == enterprise.id or other.county_id != enterprise.county_id:
            continue
        other_code, other_name_place = enterprise_key(other)
        if (code and code == other_code) or name_place == other_name_place:
            return other
    return None


def school_issues(school: School) -> list[Issue]:
    issues = _required_text(school.name, "name", "学校名称")
    issues += _code(codes.SCHOOL_LEVEL, school.level, "level")
    issues += _list_issues(school.majors, "majors")
    return _labelled("school", issues)


def enterprise_issues(enterprise: Enterprise) -> list[Issue]:
    issues = _required_text(enterprise.name, "name", "企业名称")
    problem = credit_code_problem(enterprise.credit_code)
    if problem:
        issues.append(_issue("credit_code", problem))
    issues += _code(codes.INDUSTRY, enterprise.industry, "industry")
    issues += _code(codes.REGION, enterprise.region, "region")
    issues += _code(codes.PAIRING, enterprise.pairing, "pairing")
    if enterprise.pairing in {"east_west", "assigned", "wanqi"} and not enterprise.pairing_partner.strip():
        issues.append(
            _issue("pairing_partner", "东西部协作、定点帮扶或万企兴万村的企业请填写协作方", Severity.WARNING)
        )
    return _labelled("enterprise", issues)


def agreement_issues(agreement: EmploymentAgreement) -> list[Issue]:
    issues = _required_text(agreement.title, "title", "协议名称")
    issues += _code(codes.AGREEMENT_KIND, agreement.kind, "kind")
    issues += _list_issues(agreement.enterprise_ids, "enterprise_ids")
    issues += _list_issues(agreement.majors, "majors")
    if not json_list(agreement.enterprise_ids):
        issues.append(_issue("enterprise_ids", "协议至少要有一家企业"))
    if agreement.kind == "tripartite" and not agreement.school_id:
        issues.append(_issue("school_id", "校企县三方协议须选择学校"))
    if agreement.starts_on and agreement.ends_on and agreement.ends_on < agreement.starts_on:
        issues.append(_issue("ends_on", "结束日期不能早于开始日期"))
    if agreement.places_per_year is not None and agreement.places_per_year < 0:
        issues.append(_issue("places_per_year", "每年岗位数不能为负数"))
    return _labelled("employment_agreement", issues)


def position_issues(position: JobPosition) -> list[Issue]:
    issues = _required_text(position.title, "title", "岗位名称")
    if not position.enterprise_id:
        issues.append(_issue("enterprise_id", "请选择企业"))
    issues += _code(codes.REGION, position.region, "region")
    issues += _code(codes.SKILL_LEVEL, position.skill_level, "skill_level")
    issues += _list_issues(position.majors, "majors")
    for field in ("pay_min_fen", "pay_max_fen"):
        value = getattr(position, field)
        if value is not None and value < 0:
            issues.append(_issue(field, "月薪不能为负数"))
    if (
        position.pay_min_fen is not None
        and position.pay_max_fen is not None
        and position.pay_max_fen < position.pay_min_fen
    ):
        issues.append(_issue("pay_max_fen", "月薪上限不能低于下限"))
    if not isinstance(position.openings, int) or position.openings < 1:  # a cleared form field sends None
        issues.append(_issue("openings", "招聘人数至少为1"))
    if position.deadline is not None and position.deadline < position.posted_on:
        issues.append(_issue("deadline", "截止日期不能早于发布日期"))
    return _labelled("job_position", issues)


def fair_issues(fair: JobFair) -> list[Issue]:
    issues = _required_text(fair.name, "name", "招聘会名称")
    issues += _list_issues(fair.school_ids, "school_ids")
    issues += _list_issues(fair.enterprise_ids, "enterprise_ids")
    return _labelled("job_fair", issues)


def career_plan_issues(plan: CareerPlan, *, today: date) -> list[Issue]:
    issues = _code(codes.CAREER_STAGE, plan.stage, "stage")
    issues += _code(codes.REGION, plan.wanted_region, "wanted_region", required=False)
    issues += _code(codes.INDUSTRY, plan.wanted_industry, "wanted_industry", required=False)
    if plan.recorded_on > today:
        issues.append(_issue("recorded_on", "记录日期不能晚于今天"))
    if plan.wanted_income_fen is not None and plan.wanted_income_fen < 0:
        issues.append(_issue("wanted_income_fen", "期望月收入不能为负数"))
    if not (plan.goal.strip() or plan.major.strip() or plan.school_name.strip()):
        issues.append(_issue("goal", "请至少填写职业目标、学校或专业之一"))
    return _labelled("career_plan", issues)


def campaign_issues(campaign: PolicyCampaign, *, today: date) -> list[Issue]:
    issues = _code(codes.CAMPAIGN_MOMENT, campaign.moment, "moment")
    issues += _required_text(campaign.topic, "topic", "宣传内容")
    if campaign.held_on > today:
        issues.append(_issue("held_on", "宣传日期不能晚于今天"))
    return _labelled("policy_campaign", issues)


def placement_action_issues(action: PlacementAction) -> list[Issue]:
    issues = _code(codes.UNEMPLOYMENT_REASON, action.reason, "reason")
    issues += _required_text(action.next_action, "next_action", "下一步措施")
    if action.due_on < action.recorded_on:
        issues.append(_issue("due_on", "完成期限不能早于记录日期"))
    return _labelled("placement_action", issues)
