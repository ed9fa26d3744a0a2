"""The county server as the trust boundary of employment (雨露计划+ 就业, issue 16).

A laptop's services check the employment records before they save them (``domain.employment``); a laptop is not
trusted to have done so. Every entry a device pushes for a school, an enterprise, an agreement, a position, a job
fair, a policy campaign, a career plan, a placement action, a referral, a follow-up or an employment entry is
judged here against the server's *current* record (the laptop's old values may be stale or forged):

* the values the domain checks (``school_issues``, ``enterprise_issues``, ``position_issues`` …), errors only; an
  update is refused only for a problem it brings (a record stored before these checks may still be edited);
* a referral's step (``referral_step_problem``) from the state the server holds: a new referral starts at 已推荐,
  a final outcome is not changed, 未录用 and 放弃 need a reason;
* a follow-up's month (``FOLLOW_UP_MONTHS``) and that the job it follows up is the same person's;
* an employment entry naming a referral: the referral is the same person's and not 未录用 or 放弃 on the server
  (a stale laptop's hire of a referral that ended otherwise); a referral names an employment entry only once
  it is 录用.

Who may write the reference tables is decided before (``merge.apply_entry``: ``record_check.COUNTY_OWNED`` and
``TOWNSHIP_OWNED``). One entry point, :func:`employment_problem`, called by ``merge.apply_entry`` next to the
subsidy guard; :func:`prefetch` (called by ``Batch.prefetch``) reads the referrals and jobs a batch's entries name
in one query per table. Every read goes through the batch (``Batch.record``, ``Batch.load``), which remembers it,
so a batch merged outside the change-log lock is merged again if anything it judged by has changed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Final

from yulu_desktop.domain import codes, employment
from yulu_desktop.domain import hlc as hlc_clock
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
from yulu_desktop.domain.errors import Issue
from yulu_desktop.sync import protocol as p

if TYPE_CHECKING:
    from yulu_desktop.server.merge import Batch, RecordState

__all__ = ["GUARDED", "employment_problem", "prefetch"]

Values = Mapping[str, Any]

#: What each checked record is called in a refusal (``…未保存：``).
_WHAT: Final[Mapping[str, str]] = {
    "school": "学校",
    "enterprise": "企业",
    "employment_agreement": "合作协议",
    "job_position": "岗位",
    "job_fair": "招聘会",
    "policy_campaign": "政策宣传",
    "career_plan": "职业规划",
    "placement_action": "未就业帮扶措施",
    "job_referral": "岗位推荐",
    "employment_follow_up": "稳岗回访",
    "employment_record": "就业记录",
}
#: Entities whose entries are judged here.
GUARDED: Final = frozenset(_WHAT)
#: Final referral outcomes other than a hire: no employment entry records a hire through them.
_NOT_HIRED: Final = frozenset({"not_hired", "declined"})
#: Non-parent references the checks read, per entity: (field, entity it names). Prefetched per batch.
_NAMED: Final[Mapping[str, tuple[str, str]]] = {
    "employment_record": ("referral_id", "job_referral"),
    "employment_follow_up": ("employment_record_id", "employment_record"),
}


def employment_problem(
    batch: Batch,
    entry: p.PushEntry,
    record: RecordState | None,
    new_values: Mapping[str, Any],
    scope: str,
) -> str | None:
    """Why the server refuses this entry under the employment rules (Chinese), or None."""
    check = _CHECKS.get(entry.entity)
    if check is None or entry.op == "D":
        return None
    # A deleted record restored ("keep mine" of a delete conflict) is judged from the values it had.
    current = record.data if record is not None else None
    merged = {**(current or {}), **new_values}
    problem = check(batch, entry, current, merged)
    return f"{_WHAT[entry.entity]}{_title(entry.entity, merged)}未保存：{problem}" if problem else None


def prefetch(batch: Batch, entries: Sequence[p.PushEntry]) -> None:
    """Read the referrals and jobs the batch's employment entries and follow-ups name: one query per table
    (``Batch.prefetch`` calls this after loading the records the entries touch)."""
    wanted: dict[str, set[str]] = {}
    for entry in entries:
        named = _NAMED.get(entry.entity)
        if named is None or entry.op == "D":
            continue
        change = entry.changes.get(named[0])
        value = change[1] if isinstance(change, list) and len(change) == 2 else None
        if isinstance(value, str) and value:
            wanted.setdefault(named[1], set()).add(value)
    for entity, ids in wanted.items():
        batch.load(entity, ids)


# --- the checks ------------------------------------------------------------------------------------------


def _new_issues(before: Iterable[Issue], after: Iterable[Issue]) -> str | None:
    """The errors ``after`` has that ``before`` had not, as one Chinese text (None: none)."""
    known = {issue.text() for issue in before if issue.is_error}
    new = [issue.text() for issue in after if issue.is_error and issue.text() not in known]
    return "；".join(dict.fromkeys(new)) or None


def _issues_check(
    kind: type[Any], issues: Callable[[Any, date], list[Issue]]
) -> Callable[[Batch, p.PushEntry, Values | None, Values], str | None]:
    """A check of the domain's issues of one entity: those the entry brings, on the record as it would be."""

    def check(batch: Batch, entry: p.PushEntry, current: Values | None, merged: Values) -> str | None:
        today = _today(batch, entry)
        after = _entity(kind, merged)
        if after is None:
            return None  # not buildable (the generic checks passed it): nothing to judge by
        before = _entity(kind, current) if current is not None else None
        return _new_issues(issues(before, today) if before is not None else [], issues(after, today))

    return check


def _referral(batch: Batch, entry: p.PushEntry, current: Values | None, merged: Values) -> str | None:
    """The step from the server's state, and the dates of the referral."""
    old_state = current.get("state") if current is not None else None
    after = _entity(JobReferral, merged)
    if after is None:
        return None
    today = _today(batch, entry)
    issues = employment.referral_issues(after, old_state=_text(old_state) or None, today=today)
    before = _entity(JobReferral, current) if current is not None else None
    known = employment.referral_issues(before, old_state=before.state, today=today) if before else []
    problem = _new_issues(known, issues)
    linked = after.employment_record_id and _changes(entry, current, merged, "employment_record_id")
    if problem is None and linked and after.state != "hired":
        return f"推荐是“{codes.REFERRAL_STATE.label(after.state)}”，只有录用的推荐才能关联就业记录"
    return problem


def _follow_up(batch: Batch, entry: p.PushEntry, current: Values | None, merged: Values) -> str | None:
    month = merged.get("due_month")
    if month != (current or {}).get("due_month") and month not in employment.FOLLOW_UP_MONTHS:
        months = "、".join(str(m) for m in employment.FOLLOW_UP_MONTHS)
        return f"回访月份只能是上岗后第 {months} 个月，这里是 {month}"
    if _changes(entry, current, merged, "employment_record_id", "person_id"):
        job = _live(batch, "employment_record", merged.get("employment_record_id"))
        if job is not None and job.get("person_id") != merged.get("person_id"):
            return "所回访的就业记录不是该人的"
    return None


def _employment_record(
    batch: Batch, entry: p.PushEntry, current: Values | None, merged: Values
) -> str | None:
    if not _text(merged.get("referral_id")) or not _changes(
        entry, current, merged, "referral_id", "person_id"
    ):
        return None
    referral = _live(batch, "job_referral", merged.get("referral_id"))
    if referral is None:
        return None  # not on the server (yet): a plain id, nothing to judge by
    if referral.get("person_id") != merged.get("person_id"):
        return "所填的岗位推荐不是该人的（录用只能记在被推荐人的就业记录里）"
    state = str(referral.get("state"))
    if state in _NOT_HIRED:
        return f"所填的岗位推荐在县里已登记为“{codes.REFERRAL_STATE.label(state)}”，不能据此登记录用"
    return None


def _school(school: School, _today: date) -> list[Issue]:
    return employment.school_issues(school)


def _enterprise(enterprise: Enterprise, _today: date) -> list[Issue]:
    return employment.enterprise_issues(enterprise)


def _agreement(agreement: EmploymentAgreement, _today: date) -> list[Issue]:
    return employment.agreement_issues(agreement)


def _position(position: JobPosition, _today: date) -> list[Issue]:
    return employment.position_issues(position)


def _fair(fair: JobFair, _today: date) -> list[Issue]:
    return employment.fair_issues(fair)


def _campaign(campaign: PolicyCampaign, today: date) -> list[Issue]:
    return employment.campaign_issues(campaign, today=today)


def _career_plan(plan: CareerPlan, today: date) -> list[Issue]:
    return employment.career_plan_issues(plan, today=today)


def _placement_action(action: PlacementAction, _today: date) -> list[Issue]:
    return employment.placement_action_issues(action)


_CHECKS: Final[Mapping[str, Callable[[Batch, p.PushEntry, Values | None, Values], str | None]]] = {
    "school": _issues_check(School, _school),
    "enterprise": _issues_check(Enterprise, _enterprise),
    "employment_agreement": _issues_check(EmploymentAgreement, _agreement),
    "job_position": _issues_check(JobPosition, _position),
    "job_fair": _issues_check(JobFair, _fair),
    "policy_campaign": _issues_check(PolicyCampaign, _campaign),
    "career_plan": _issues_check(CareerPlan, _career_plan),
    "placement_action": _issues_check(PlacementAction, _placement_action),
    "job_referral": _referral,
    "employment_follow_up": _follow_up,
    "employment_record": _employment_record,
}


# --- values --------------------------------------------------------------------------------------------------


def _entity(kind: type[Any], values: Values) -> Any:
    """The domain entity of a record's values as they travel (dates as ISO text, booleans as 0/1), or None when
    it cannot be built (a required field missing, a value of another type)."""
    arguments: dict[str, Any] = {}
    for spec in dataclasses.fields(kind):
        if spec.name not in values:
            continue
        value = values[spec.name]
        shape = str(spec.type)
        if value is not None and "date" in shape:
            value = _date(value)
            if value is None:
                return None
        elif value is not None and "bool" in shape:
            value = bool(value)
        elif value is not None and "int" in shape and not isinstance(value, int):
            return None
        elif value is None and "None" not in shape:
            continue  # a NOT NULL column left out: the entity's default, if it has one
        arguments[spec.name] = value
    try:
        return kind(**arguments)
    except TypeError:
        return None


def _changes(entry: p.PushEntry, current: Values | None, merged: Values, *names: str) -> bool:
    """Whether the entry sets any of these fields to a value other than the stored one."""
    if current is None:
        return True
    return any(name in entry.changes and merged.get(name) != current.get(name) for name in names)


def _title(entity: str, values: Values) -> str:
    """The record's name in a refusal (“焊工”), when it has one."""
    for name in ("title", "name", "topic"):
        text = _text(values.get(name))
        if text:
            return f"“{text[:30]}”"
    return ""


def _live(batch: Batch, entity: str, entity_id: Any) -> Values | None:
    if not isinstance(entity_id, str) or not entity_id:
        return None
    found = batch.record(entity, entity_id)
    return found.data if found is not None and not found.deleted else None


def _today(batch: Batch, entry: p.PushEntry) -> date:
    """The day the entry was written, for "not after today" checks: the laptop's day as its clock says, within
    the clock skew the server trusts (a laptop a little ahead of the server is not refused for it)."""
    written = min(hlc_clock.wall_ms(entry.hlc), batch.now_ms + p.MAX_TRUSTED_SKEW_MS)
    return max(_day(batch.now_ms), _day(written))


def _day(ms: int) -> date:
    """The date of a moment in the server's time zone (the county's)."""
    return datetime.fromtimestamp(ms / 1000).date()


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
