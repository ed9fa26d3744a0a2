"""A county's subsidy rules as data (issue 15): who qualifies, what evidence an application needs, how long a
公示 runs, whose opinions the county approval needs and the layout of the 一卡通 payment sheet.

Rules are versioned rows (``entities.SubsidyRule``): a change is a new version from a date on, an application
records the version it was judged under, and a decided application is never judged again. Each county may
differ, so nothing here is a constant of the program except :data:`DEFAULT_RULE`, what a fresh county starts
from (DOMAIN.md: 脱贫户/监测户, 中职/高职 in good standing, the usual five pieces of evidence, a 5-day 公示).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Final

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import SubsidyRule

__all__ = [
    "DEFAULT_EVIDENCE",
    "DEFAULT_PAYMENT_COLUMNS",
    "DEFAULT_RULE",
    "PAYMENT_COLUMNS",
    "EvidenceItem",
    "RuleSet",
    "eligibility_problems",
    "missing_evidence",
    "rule_in_force",
    "rule_problems",
    "rule_set",
]


@dataclass(frozen=True, slots=True)
class EvidenceItem:
    """One item of the evidence checklist: ``code`` names it in data, ``label`` on screen and paper."""

    code: str
    label: str
    required: bool = True


DEFAULT_EVIDENCE: Final = (
    EvidenceItem("id_card", "身份证复印件"),
    EvidenceItem("registry_proof", "学籍证明或在校证明"),
    EvidenceItem("tuition_receipt", "学费凭证"),
    EvidenceItem("hukou", "户口本"),
    EvidenceItem("poverty_record", "建档立卡信息"),
)

#: Columns the 一卡通 payment sheet may have: key -> heading.
PAYMENT_COLUMNS: Final = {
    "seq": "序号",
    "name": "姓名",
    "id_number": "身份证号",
    "payee_name": "持卡人",
    "account": "账号",
    "amount": "金额（元）",
    "item": "补贴项目",
    "village": "村",
    "township": "乡镇",
    "note": "备注",
}
DEFAULT_PAYMENT_COLUMNS: Final = ("seq", "name", "id_number", "account", "amount", "item")


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A version of a county's rules, parsed (``rule_set``) from its row."""

    version: int
    effective_from: date
    household_types: frozenset[str]
    school_types: frozenset[str]
    registry_statuses: frozenset[str]
    exclusive_aids: tuple[str, ...] = ()
    evidence: tuple[EvidenceItem, ...] = DEFAULT_EVIDENCE
    publicity_min_days: int = 5
    joint_reviewers: tuple[str, ...] = ()
    payment_columns: tuple[str, ...] = DEFAULT_PAYMENT_COLUMNS
    note: str = ""
    id: str = field(default="", compare=False)

    @property
    def required_evidence(self) -> tuple[EvidenceItem, ...]:
        return tuple(e for e in self.evidence if e.required)

    def evidence_label(self, code: str) -> str:
        return next((e.label for e in self.evidence if e.code == code), code)

    def to_row(self, county_code: str) -> SubsidyRule:
        """The row that stores this version (JSON text in the list columns)."""
        return SubsidyRule(
            county_code=county_code,
            version=self.version,
            effective_from=self.effective_from,
            household_types=_dump(sorted(self.household_types)),
            school_types=_dump(sorted(self.school_types)),
            registry_statuses=_dump(sorted(self.registry_statuses)),
            exclusive_aids=_dump(list(self.exclusive_aids)),
            evidence=_dump(
                [{"code": e.code, "label": e.label, "required": e.required} for e in self.evidence]
            ),
            publicity_min_days=self.publicity_min_days,
            joint_reviewers=_dump(list(self.joint_reviewers)),
            payment_columns=_dump(list(self.payment_columns)),
            note=self.note,
        )


#: What a county starts from until it sets its own rules (version 0: never stored).
DEFAULT_RULE: Final = RuleSet(
    version=0,
    effective_from=date(2000, 1, 1),
    household_types=frozenset({"tuopin", "jiance"}),
    school_types=frozenset(codes.SCHOOL_TYPE.labels),
    registry_statuses=frozenset(codes.ELIGIBLE_REGISTRY_STATUS),
)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _load_list(text: str, what: str) -> list[Any]:
    try:
        value = json.loads(text or "[]")
    except ValueError as exc:
        raise ValueError(f"{what}不是有效的列表") from exc
    if not isinstance(value, list):
        raise ValueError(f"{what}不是有效的列表")
    return value


def rule_set(row: SubsidyRule) -> RuleSet:
    """Parse a stored rule row. Raises ``ValueError`` (Chinese) for a malformed one."""
    evidence = []
    for item in _load_list(row.evidence, "证明材料清单"):
        if not isinstance(item, dict) or not item.get("code") or not item.get("label"):
            raise ValueError("证明材料清单的每一项须有代码和名称")
        evidence.append(EvidenceItem(str(item["code"]), str(item["label"]), bool(item.get("required", True))))
    return RuleSet(
        version=row.version,
        effective_from=row.effective_from,
        household_types=frozenset(map(str, _load_list(row.household_types, "户类型"))),
        school_types=frozenset(map(str, _load_list(row.school_types, "学校类型"))),
        registry_statuses=frozenset(map(str, _load_list(row.registry_statuses, "学籍状态"))),
        exclusive_aids=tuple(map(str, _load_list(row.exclusive_aids, "互斥资助"))),
        evidence=tuple(evidence),
        publicity_min_days=row.publicity_min_days,
        joint_reviewers=tuple(map(str, _load_list(row.joint_reviewers, "联审部门"))),
        payment_columns=tuple(map(str, _load_list(row.payment_columns, "发放表列")))
        or DEFAULT_PAYMENT_COLUMNS,
        note=row.note,
        id=row.id,
    )


def rule_problems(rule: RuleSet) -> list[str]:
    """What is wrong with a rule version before it is saved (Chinese, one message per problem)."""
    problems = []
    if rule.version < 1:
        problems.append("规则版本须从 1 开始")
    if not rule.household_types:
        problems.append("至少选择一种可申请的户类型")
    problems += [
        f"未知的户类型“{t}”" for t in sorted(rule.household_types - set(codes.HOUSEHOLD_TYPE.labels))
    ]
    if not rule.school_types:
        problems.append("至少选择一种可申请的学校类型")
    problems += [f"未知的学校类型“{t}”" for t in sorted(rule.school_types - set(codes.SCHOOL_TYPE.labels))]
    if not rule.registry_statuses:
        problems.append("至少选择一种可申请的学籍状态")
    problems += [
        f"未知的学籍状态“{t}”" for t in sorted(rule.registry_statuses - set(codes.REGISTRY_STATUS.labels))
    ]
    codes_seen: set[str] = set()
    for item in rule.evidence:
        if item.code in codes_seen:
            problems.append(f"证明材料“{item.label}”重复")
        codes_seen.add(item.code)
        if len(item.code) > 20:
            problems.append(f"证明材料代码“{item.code}”过长（最多 20 个字符）")
    if not 1 <= rule.publicity_min_days <= 60:
        problems.append("公示天数须在 1 到 60 天之间")
    problems += [f"未知的发放表列“{c}”" for c in rule.payment_columns if c not in PAYMENT_COLUMNS]
    for needed in ("id_number", "account", "amount"):
        if needed not in rule.payment_columns:
            problems.append(f"发放表须有“{PAYMENT_COLUMNS[needed]}”列")
    return problems


def rule_in_force(rules: Iterable[RuleSet], on: date) -> RuleSet:
    """The newest version in force on a date, or :data:`DEFAULT_RULE` when the county set none."""
    current = [r for r in rules if r.effective_from <= on]
    return max(current, key=lambda r: (r.effective_from, r.version), default=DEFAULT_RULE)


def eligibility_problems(
    rule: RuleSet,
    *,
    household_type: str | None,
    school_type: str | None,
    registry_status: str | None,
    other_aid: str = "",
    has_enrollment: bool = True,
) -> list[str]:
    """Why a student does not qualify under ``rule`` (Chinese reasons; empty: eligible)."""
    problems: list[str] = []
    if household_type not in rule.household_types:
        shown = codes.HOUSEHOLD_TYPE.label(household_type) if household_type else "未填写"
        allowed = "、".join(codes.HOUSEHOLD_TYPE.label(t) for t in sorted(rule.household_types))
        problems.append(f"户类型为“{shown}”，本县规定{allowed}的子女才能申请")
    if not has_enrollment:
        problems.append("没有该学期的在读记录（学籍），请先登记在读信息")
        return problems
    if school_type not in rule.school_types:
        shown = codes.SCHOOL_TYPE.label(school_type) if school_type else "未填写"
        problems.append(f"学校类型“{shown}”不在本县补助范围内")
    if registry_status not in rule.registry_statuses:
        shown = codes.REGISTRY_STATUS.label(registry_status) if registry_status else "未填写"
        problems.append(f"学籍状态为“{shown}”，不符合补助条件（须在籍在读）")
    aid = other_aid.strip()
    if aid and any(_same_aid(aid, excluded) for excluded in rule.exclusive_aids):
        problems.append(f"已享受“{aid}”，按本县规定不能同时享受雨露计划补助")
    return problems


def _same_aid(declared: str, excluded: str) -> bool:
    a, b = declared.replace(" ", ""), excluded.replace(" ", "")
    return bool(a and b) and (a in b or b in a)


def missing_evidence(rule: RuleSet, provided: Sequence[str]) -> tuple[EvidenceItem, ...]:
    """Required evidence items not among the ``provided`` codes."""
    have = set(provided)
    return tuple(e for e in rule.required_evidence if e.code not in have)
