"""The county server as the subsidy cycle's trust boundary (issue 15).

A laptop offers only the steps its cadre's role may take (``domain.subsidy_cycle``) and checks eligibility before
it applies; a laptop is not trusted to have done so. Every entry a device pushes for an application, a 公示, an
objection, an evidence item or a county rule is judged here against the server's *current* records (the laptop's
old values may be stale or forged): who may take the step, which fields the pusher's level may write, the reasons a
step needs, eligibility and the amount under the rule version the application names, the end of the 公示 and its
objections before the township reviews, the opinions the county approval needs, the payment batch.

One entry point, :func:`subsidy_problem`, called by ``merge.apply_entry`` once its generic checks passed: the
reason (Chinese) to quarantine the entry, or None. It returns at once for other entities. Records are read through
the batch (``Batch.record``, ``children_of``, ``records_in_scope``), which caches them and remembers every read,
so that a batch merged outside the change-log lock is merged again if anything it judged by has changed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Final

from yulu_desktop.domain import codes, subsidy_rules
from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.domain import subsidy_cycle as cycle
from yulu_desktop.domain.entities import SubsidyRule
from yulu_desktop.domain.rules import term_label, term_school_year
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE, RuleSet
from yulu_desktop.sync import protocol as p

if TYPE_CHECKING:
    from yulu_desktop.server.merge import Batch, RecordState

__all__ = ["GUARDED", "subsidy_problem"]

#: Entities whose entries are judged here.
GUARDED: Final = frozenset(
    {"subsidy_application", "subsidy_publicity", "subsidy_objection", "subsidy_evidence", "subsidy_rule"}
)
#: County reference data the checks read (memoized per batch; an entry of one of them drops its memo).
_COUNTY_DATA: Final = frozenset({"subsidy_rule", "subsidy_window", "subsidy_setting"})
_WATCHED: Final = GUARDED | _COUNTY_DATA

#: Fields of an application that decide eligibility and the amount: a change re-checks them.
_ELIGIBILITY_FIELDS: Final = frozenset(
    {"person_id", "enrollment_id", "term", "amount_fen", "applied_on", "other_aid", "rule_version"}
)
#: States in which eligibility is not judged (a draft is unfinished; a refusal or withdrawal ends it).
_NOT_JUDGED: Final = frozenset({"draft", "rejected", "withdrawn"})

Values = Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class _Entry:
    """An entry as the checks see it: the record as the server holds it (None: new) and as it would become."""

    batch: Batch
    entry: p.PushEntry
    current: Values | None
    merged: Values
    new_values: Values
    scope: str

    @property
    def role(self) -> str:
        return self.batch.pusher.role

    @property
    def level(self) -> cycle.Level:
        return cycle.level_of(self.role)

    def changed(self) -> list[str]:
        """Fields the entry changes (an insert: the fields it fills in)."""
        if self.current is None:
            return [f for f, v in self.new_values.items() if f != "id" and v not in (None, "")]
        return [f for f, v in self.new_values.items() if f != "id" and v != self.current.get(f)]


def subsidy_problem(
    batch: Batch,
    entry: p.PushEntry,
    record: RecordState | None,
    new_values: Mapping[str, Any],
    scope: str,
) -> str | None:
    """Why the server refuses this entry under the subsidy cycle's rules (Chinese), or None."""
    if entry.entity not in _WATCHED:
        return None
    if entry.entity in _COUNTY_DATA:
        _forget(batch, entry.entity)
    if entry.entity not in GUARDED:
        return None
    current = record.data if record is not None and not record.deleted else None
    if entry.op == "D":
        if entry.entity == "subsidy_rule" and current is not None:
            return "补助规则只能新增版本，不能删除（已按旧版本审核的申请要用它）"
        return None
    merged = {**(current or {}), **new_values}
    return _CHECKS[entry.entity](_Entry(batch, entry, current, merged, new_values, scope))


# --- applications -------------------------------------------------------------------------------------------


def _application(e: _Entry) -> str | None:
    _prefetch(e.batch)
    where = f"{term_label(str(e.merged.get('term', '')))}的补助申请未保存："
    problem = _application_problem(e)
    return where + problem if problem is not None else None


def _application_problem(e: _Entry) -> str | None:
    source = e.current.get("state") if e.current is not None else None
    target = str(e.merged.get("state"))
    moves = source != target
    step = cycle.step_problem(source, target, e.role)
    if step is not None:
        return step
    changed = e.changed()
    for name in changed:
        if name == "state":
            continue
        field = cycle.field_problem(name, source, e.role)
        if field is not None:
            return field
    payment = _payment_field_problem(e, source, target, changed)
    if payment is not None:
        return payment
    if moves and target in cycle.NEEDS_REASON:
        missing = _missing_reason(target, e.merged)
        if missing is not None:
            return missing
    if target not in _NOT_JUDGED and (
        (moves and target == "applied") or not _ELIGIBILITY_FIELDS.isdisjoint(changed)
    ):
        problem = _eligibility_problem(e)
        if problem is not None:
            return problem
    if not moves:
        return None
    if target == "village_reviewed":
        return _evidence_problem(e)
    if target == "publicized":
        return _on_publicity_problem(e)
    if target == "township_reviewed":
        return _publicity_problem(e)
    if target == "county_approved":
        return _approval_problem(e)
    if target == "in_payment":
        return _payment_batch_problem(e)
    return None


def _payment_field_problem(e: _Entry, source: str | None, target: str, changed: list[str]) -> str | None:
    """The payment batch is set only by the move into a batch, the payment date only by the move to paid: an
    application in a batch does not enter another one, and nothing is paid twice."""
    if "payment_batch_id" in changed and not (target == "in_payment" and source != target):
        if source == "in_payment":
            current = e.current.get("payment_batch_id") if e.current is not None else None
            shown = _live(e.batch, "subsidy_payment_batch", current)
            number = shown.get("batch_no") if shown is not None else current
            return f"申请已在发放批次 {number} 中，不能再纳入另一个批次"
        return "发放批次只能在“纳入发放批次”时填写"
    if "paid_on" in changed and not (target == "paid" and source != target):
        return "发放日期只能在登记“发放成功”时填写"
    if "county_approved_on" in changed and not (target == "county_approved" and source != target):
        approved = e.current.get("county_approved_on") if e.current is not None else None
        if source in cycle.DECIDED and approved:
            return f"申请已于 {approved} 县审定，县审定日期不能再改"
        return "县审定日期只能在“县审定通过”时填写"
    return None


def _missing_reason(target: str, merged: Values) -> str | None:
    if target == "returned":
        return None if _text(merged.get("returned_reason")) else "退回村里须填写退回原因"
    if target == "payment_failed":
        if _text(merged.get("payment_failure")) or _text(merged.get("reason")):
            return None
        return "发放失败须填写失败原因（银行返回的原因）"
    if _text(merged.get("reason")):
        return None
    return f"“{codes.SUBSIDY_STATE.label(target)}”须填写原因"


def _eligibility_problem(e: _Entry) -> str | None:
    """Eligibility of the student under the rule version the application names, the application window of the
    term and the amount (rules of issue 15; the laptop's services check the same before they apply)."""
    batch, merged = e.batch, e.merged
    applied_on = _date(merged.get("applied_on"))
    term = str(merged.get("term") or "")
    if applied_on is None:
        return "申请日期无效"
    county = _county_code(batch, e.scope)
    if county is None:
        return "找不到申请所属的县，无法核对补助规则"
    rule = _named_rule(batch, county, merged.get("rule_version"), applied_on)
    if isinstance(rule, str):
        return rule
    person = _live(batch, "person", merged.get("person_id"))
    household = _live(batch, "household", person.get("household_id")) if person is not None else None
    enrollment = _live(batch, "enrollment", merged.get("enrollment_id"))
    problems: list[str] = []
    if enrollment is not None:
        wanted = term_school_year(term)
        if enrollment.get("person_id") != merged.get("person_id"):
            problems.append("所填的在读记录不是该学生的")
            enrollment = None
        elif wanted is not None and (enrollment.get("school_year"), enrollment.get("semester")) != wanted:
            year, semester = wanted
            problems.append(
                f"所填的在读记录是 {enrollment.get('school_year')} 学年{codes.SEMESTER.label(str(enrollment.get('semester')))}的，"
                f"不是本学期（{year} 学年{codes.SEMESTER.label(semester)}）的"
            )
            enrollment = None
    problems += subsidy_rules.eligibility_problems(
        rule,
        household_type=household.get("household_type") if household is not None else None,
        school_type=enrollment.get("school_type") if enrollment is not None else None,
        registry_status=enrollment.get("registry_status") if enrollment is not None else None,
        other_aid=_text(merged.get("other_aid")),
        has_enrollment=enrollment is not None,
    )
    window = _window_problem(batch, county, term, applied_on)
    if window is not None:
        problems.append(window)
    if enrollment is not None:
        amount = _amount_problem(batch, county, str(enrollment.get("school_type")), applied_on, merged)
        if amount is not None:
            problems.append(amount)
    return "；".join(dict.fromkeys(problems)) if problems else None


def _named_rule(batch: Batch, county: str, version: Any, applied_on: date) -> RuleSet | str:
    """The rule version an application names, if it is the one in force on its date; else why not. An
    application that names none (written by a laptop of the release before rules were versioned) is judged under
    the rule in force on its date."""
    rules = _rules(batch, county)
    in_force = subsidy_rules.rule_in_force(rules, applied_on)
    if version is None:
        return in_force
    named = int(version) if isinstance(version, int) else 0
    if named == 0:
        rule: RuleSet | None = DEFAULT_RULE
    else:
        rule = next((r for r in rules if r.version == named), None)
    if rule is None:
        return f"县里没有第 {named} 版补助规则"
    if rule.version != in_force.version:
        shown = "默认规则" if named == 0 else f"第 {named} 版规则"
        return (
            f"申请日期 {applied_on.isoformat()} 适用的是第 {in_force.version} 版补助规则，"
            f"申请记录按{shown}办理，请重新核对后申请"
        )
    return rule


def _window_problem(batch: Batch, county: str, term: str, applied_on: date) -> str | None:
    for window in _county_records(batch, "subsidy_window", county):
        if window.get("term") != term:
            continue
        opens_on, closes_on = _date(window.get("opens_on")), _date(window.get("closes_on"))
        if opens_on is None or closes_on is None:
            continue
        span = f"申请期 {opens_on.isoformat()}至{closes_on.isoformat()}"
        if applied_on > closes_on:
            return f"{span} 已结束（申请日期 {applied_on.isoformat()}）"
        if applied_on < opens_on:
            return f"{span} 未开始（申请日期 {applied_on.isoformat()}）"
    return None


def _amount_problem(
    batch: Batch, county: str, school_type: str, applied_on: date, merged: Values
) -> str | None:
    """The amount is half the county's yearly standard for the school type in force on the application date."""
    found: tuple[date, int] | None = None
    for setting in _county_records(batch, "subsidy_setting", county):
        since = _date(setting.get("effective_from"))
        annual = setting.get("annual_amount_fen")
        if setting.get("school_type") != school_type or since is None or since > applied_on:
            continue
        if not isinstance(annual, int):
            continue
        if found is None or since > found[0]:
            found = (since, annual)
    if found is None:
        return None
    expected = found[1] // 2
    if merged.get("amount_fen") == expected:
        return None
    amount = merged.get("amount_fen")
    shown = _yuan(amount) if isinstance(amount, int) else str(amount)
    return (
        f"补助金额 {shown} 元与县里标准不符：{codes.SCHOOL_TYPE.label(school_type)}每年 {_yuan(found[1])} 元，"
        f"每学期应为 {_yuan(expected)} 元"
    )


def _evidence_problem(e: _Entry) -> str | None:
    """村委会初审 needs every required evidence item of the application's rule provided."""
    rule = _rule_of_application(e)
    if isinstance(rule, str):
        return rule
    provided = [
        str(item.get("kind"))
        for item in _children(e.batch, e.entry.entity_id, "subsidy_evidence")
        if item.get("provided") in (True, 1)
    ]
    missing = subsidy_rules.missing_evidence(rule, provided)
    if missing:
        return "村委会初审前须收齐证明材料，还缺：" + "、".join(item.label for item in missing)
    return None


def _on_publicity_problem(e: _Entry) -> str | None:
    """An application goes on a 公示 of its own village and term."""
    publicity = _live(e.batch, "subsidy_publicity", e.merged.get("publicity_id"))
    if publicity is None:
        return "公示须指定县服务器上已有的公示"
    if publicity.get("term") != e.merged.get("term"):
        return "公示不是本学期的"
    if f"/{publicity.get('village_id')}/" not in e.scope:
        return "公示不是申请人所在村的"
    return None


def _publicity_problem(e: _Entry) -> str | None:
    """乡镇审核 only after the 公示 ended, and not while an objection is open or was upheld."""
    batch, merged = e.batch, e.merged
    publicity_id = merged.get("publicity_id")
    publicity = _live(batch, "subsidy_publicity", publicity_id)
    if publicity is None:
        return "申请尚未公示（或公示记录不在县服务器上），不能审核"
    if publicity.get("term") != merged.get("term"):
        return "申请所在的公示不是本学期的，不能审核"
    on = min(_day(batch.now_ms), _day(hlc_clock.wall_ms(e.entry.hlc)))
    ended = cycle.publicity_end_problem(_date(publicity.get("ends_on")), on)
    if ended is not None:
        return ended
    open_count = upheld = 0
    for objection in _children(batch, e.entry.entity_id, "subsidy_objection"):
        if objection.get("publicity_id") not in (None, "", publicity_id):
            continue  # raised against an earlier 公示 of the application (it was returned and publicized again)
        outcome = objection.get("outcome")
        if outcome in (None, ""):
            open_count += 1
        elif outcome == "upheld":
            upheld += 1
    if open_count:
        return f"公示期间有 {open_count} 条异议尚未处理，处理后才能审核"
    if upheld:
        return "公示异议成立，不能审核通过（请退回村里或不予通过）"
    return None


def _approval_problem(e: _Entry) -> str | None:
    """县审定 needs the county's opinion and the opinion of every joint reviewer the rule names, and a plausible
    day of approval when the laptop sends one (a laptop of the last release sends none)."""
    if not _text(e.merged.get("county_opinion")):
        return "县审定须填写县级审定意见"
    day = _approval_day_problem(e)
    if day is not None:
        return day
    rule = _rule_of_application(e)
    if isinstance(rule, str):
        return rule
    if not rule.joint_reviewers:
        return None
    try:
        opinions = json.loads(_text(e.merged.get("joint_opinions")) or "{}")
    except ValueError:
        opinions = None
    if not isinstance(opinions, dict):
        return "联审意见格式不对（应为各部门的意见）"
    missing = [d for d in rule.joint_reviewers if not _text(opinions.get(d))]
    if missing:
        return "县审定还缺联审部门的意见：" + "、".join(missing)
    return None


_ISO_DAY: Final = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)
#: How far past the server's date a day of approval may lie: a laptop's clock a day ahead (or in another zone).
_APPROVAL_SKEW_DAYS: Final = 1


def _approval_day_problem(e: _Entry) -> str | None:
    """``county_approved_on``, when given: a date, not before the application or the last day of its 公示 (the
    township reviews only after it; the day itself is let through, a county laptop's clock a day behind), and not
    later than the server's date plus a day of clock skew. The server's date is the bound, not the change's own
    clock: an approval is often pushed days after it was made offline."""
    value = e.merged.get("county_approved_on")
    if value is None:
        return None
    day = _date(value) if isinstance(value, str) and _ISO_DAY.fullmatch(value) else None
    if day is None:
        shown = "".join(c if c.isprintable() else "�" for c in str(value)[:40])
        return f"县审定日期“{shown}”不是有效的日期（应为“年-月-日”，如 2025-11-20）"
    applied_on = _date(e.merged.get("applied_on"))
    if applied_on is not None and day < applied_on:
        return f"县审定日期 {day.isoformat()} 早于申请日期 {applied_on.isoformat()}"
    publicity = _live(e.batch, "subsidy_publicity", e.merged.get("publicity_id"))
    ends_on = _date(publicity.get("ends_on")) if publicity is not None else None
    if ends_on is not None and day < ends_on:
        return f"县审定日期 {day.isoformat()} 早于公示结束日期 {ends_on.isoformat()}，请核对本机日期"
    server_day = _day(e.batch.now_ms)
    if day > server_day + timedelta(days=_APPROVAL_SKEW_DAYS):
        return (
            f"县审定日期 {day.isoformat()} 晚于今天（县服务器日期 {server_day.isoformat()}），请核对本机日期"
        )
    return None


def _payment_batch_problem(e: _Entry) -> str | None:
    batch_id = e.merged.get("payment_batch_id")
    payment_batch = _live(e.batch, "subsidy_payment_batch", batch_id)
    if payment_batch is None:
        return "纳入发放须指定县服务器上已有的发放批次"
    if payment_batch.get("term") != e.merged.get("term"):
        return f"发放批次 {payment_batch.get('batch_no')} 不是本学期的"
    return None


def _rule_of_application(e: _Entry) -> RuleSet | str:
    county = _county_code(e.batch, e.scope)
    if county is None:
        return "找不到申请所属的县，无法核对补助规则"
    version = e.merged.get("rule_version")
    named = int(version) if isinstance(version, int) else 0
    if named == 0:
        return DEFAULT_RULE
    rule = next((r for r in _rules(e.batch, county) if r.version == named), None)
    return rule if rule is not None else f"县里没有第 {named} 版补助规则"


# --- 公示, objections, evidence, rules -----------------------------------------------------------------------


def _publicity(e: _Entry) -> str | None:
    if e.level == cycle.Level.COUNTY:
        return "公示由村或乡镇办理，本设备是县级账号，未保存"
    starts_on, ends_on = _date(e.merged.get("starts_on")), _date(e.merged.get("ends_on"))
    if starts_on is None or ends_on is None:
        return "公示的起止日期无效，未保存"
    county = _county_code(e.batch, e.scope)
    rules = _rules(e.batch, county) if county is not None else []
    rule = subsidy_rules.rule_in_force(rules, starts_on)
    problem = cycle.publicity_length_problem(starts_on, ends_on, rule.publicity_min_days)
    return f"公示未保存：{problem}" if problem is not None else None


def _objection(e: _Entry) -> str | None:
    if e.level == cycle.Level.COUNTY:
        return "公示异议由村或乡镇登记和处理，本设备是县级账号，未保存"
    return None


def _evidence(e: _Entry) -> str | None:
    application = _live(e.batch, "subsidy_application", e.merged.get("application_id"))
    if application is None or not e.changed():
        return None
    problem = cycle.field_problem("subsidy_evidence", application.get("state"), e.role)
    return f"证明材料未保存：{problem}" if problem is not None else None


def _rule(e: _Entry) -> str | None:
    if e.current is not None:
        return "补助规则只能新增版本，不能修改" if e.changed() else None
    if e.level != cycle.Level.COUNTY:
        return "补助规则由县里制定，本设备不是县级账号，未保存"
    try:
        rule = subsidy_rules.rule_set(_rule_row(e.merged))
    except (ValueError, TypeError) as exc:
        return f"补助规则未保存：{exc}"
    problems = subsidy_rules.rule_problems(rule)
    return "补助规则未保存：" + "；".join(problems) if problems else None


_CHECKS: Final[Mapping[str, Callable[[_Entry], str | None]]] = {
    "subsidy_application": _application,
    "subsidy_publicity": _publicity,
    "subsidy_objection": _objection,
    "subsidy_evidence": _evidence,
    "subsidy_rule": _rule,
}


# --- reading through the batch -----------------------------------------------------------------------------


def _prefetch(batch: Batch) -> None:
    """Once per batch, at its first application: the stored evidence and objections of every application the
    batch touches, and the households of the students it names, each in one query (not one per entry)."""
    key = ("prefetched",)
    if key in batch.guard_memo:
        return
    batch.guard_memo[key] = True
    batch.prefetch_children(
        "subsidy_application", [i for entity, i in list(batch.records) if entity == "subsidy_application"]
    )
    households = [
        r.data.get("household_id")
        for (entity, _i), r in list(batch.records.items())
        if entity == "person" and r is not None
    ]
    batch.load("household", [h for h in households if isinstance(h, str)])


def _forget(batch: Batch, entity: str) -> None:
    for key in [k for k in batch.guard_memo if k[0] == entity]:
        del batch.guard_memo[key]


def _live(batch: Batch, entity: str, entity_id: Any) -> Values | None:
    if not isinstance(entity_id, str) or not entity_id:
        return None
    found = batch.record(entity, entity_id)
    return found.data if found is not None and not found.deleted else None


def _children(batch: Batch, application_id: str, entity: str) -> list[Values]:
    """Live records of ``entity`` naming the application: stored (``record_ref``) or written by this batch."""
    found = []
    for kind, child_id in sorted(batch.children_of("subsidy_application", application_id)):
        if kind != entity:
            continue
        child = _live(batch, kind, child_id)
        if child is not None and child.get("application_id") == application_id:
            found.append(child)
    return found


def _county_code(batch: Batch, scope: str) -> str | None:
    """The code of the county a jurisdiction path lies in (a county is a root unit: the path's first id)."""
    parts = [part for part in scope.split("/") if part]
    if not parts:
        return None
    key = ("org_unit", parts[0])
    if key not in batch.guard_memo:
        unit = _live(batch, "org_unit", parts[0])
        code = unit.get("code") if unit is not None and unit.get("level") == "county" else None
        batch.guard_memo[key] = code if isinstance(code, str) else None
    code = batch.guard_memo[key]
    return code if isinstance(code, str) else None


def _county_records(batch: Batch, entity: str, county: str) -> list[Values]:
    """Live records of a county's reference data (rules, windows, amounts), memoized for the batch."""
    key = (entity, county)
    if key not in batch.guard_memo:
        path = batch.scope_for(entity, "", {"county_code": county}) or "/"
        batch.guard_memo[key] = [
            r.data for r in batch.records_in_scope(entity, path) if r.data.get("county_code") == county
        ]
    records: list[Values] = batch.guard_memo[key]
    return records


def _rules(batch: Batch, county: str) -> list[RuleSet]:
    key = ("subsidy_rule", county, "parsed")
    if key not in batch.guard_memo:
        parsed = []
        for data in _county_records(batch, "subsidy_rule", county):
            try:
                parsed.append(subsidy_rules.rule_set(_rule_row(data)))
            except (ValueError, TypeError):
                continue  # refused on its way in (``_rule``); one stored before this guard is not applied
        batch.guard_memo[key] = sorted(parsed, key=lambda r: r.version)
    rules: list[RuleSet] = batch.guard_memo[key]
    return rules


def _rule_row(data: Values) -> SubsidyRule:
    effective_from = _date(data.get("effective_from"))
    if effective_from is None:
        raise ValueError("生效日期无效")
    version = data.get("version")
    minimum = data.get("publicity_min_days", 5)
    if not isinstance(version, int) or not isinstance(minimum, int):
        raise ValueError("版本号和公示天数须为整数")
    return SubsidyRule(
        county_code=str(data.get("county_code", "")),
        version=version,
        effective_from=effective_from,
        household_types=_text(data.get("household_types")),
        school_types=_text(data.get("school_types")),
        registry_statuses=_text(data.get("registry_statuses")),
        exclusive_aids=_text(data.get("exclusive_aids")) or "[]",
        evidence=_text(data.get("evidence")),
        publicity_min_days=minimum,
        joint_reviewers=_text(data.get("joint_reviewers")) or "[]",
        payment_columns=_text(data.get("payment_columns")) or "[]",
        note=_text(data.get("note")),
    )


# --- values -------------------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _day(ms: int) -> date:
    """The date of a moment in the server's time zone (the county's)."""
    return datetime.fromtimestamp(ms / 1000).date()


def _yuan(fen: int) -> str:
    return f"{fen // 100}" if fen % 100 == 0 else f"{fen / 100:.2f}"
