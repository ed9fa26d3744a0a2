"""The 雨露计划 subsidy cycle as data: which step moves an application from which state to which, and which
level (村, 乡镇, 县) takes it (issue 15).

One table (:data:`STEPS`) is read by the laptop's services (to offer only the steps a role may take) and by the
county server (to refuse a step pushed by the wrong role, or from a state the application is no longer in).
Each step belongs to exactly one level: separation of duties is the point of an approval chain, so a township
clerk does not apply and a county officer does not 初审. Preconditions that need other records (公示 ended, no
open objection, eligibility, payment batch) are checked by the callers with the helpers at the end.

States (``codes.SUBSIDY_STATE``)::

    draft → applied → village_reviewed → publicized → township_reviewed → county_approved → (announced)
          → in_payment → paid | payment_failed → account_fixed → in_payment …
    returned (by the township or county, to the village) → applied again
    rejected / withdrawn: final
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

from yulu_desktop.domain import codes
from yulu_desktop.domain.access import Role
from yulu_desktop.domain.rules import label

__all__ = [
    "APPLIED",
    "CORRECTABLE",
    "DECIDED",
    "FIELD_LEVEL",
    "FINAL",
    "NEEDS_REASON",
    "PAYABLE",
    "STEPS",
    "Level",
    "Step",
    "field_problem",
    "level_of",
    "publicity_end_problem",
    "publicity_length_problem",
    "step_problem",
    "steps_from",
]


class Level(enum.StrEnum):
    """Who takes a step: the village (村委会), the township (乡镇) or the county (县)."""

    VILLAGE = "village"
    TOWNSHIP = "township"
    COUNTY = "county"

    @property
    def label(self) -> str:
        return {"village": "村级", "township": "乡镇", "county": "县级"}[self.value]


def level_of(role: Role | str) -> Level:
    """The level a role works at (``county_admin`` works at the county level)."""
    value = str(role)
    if value in ("county", "county_admin"):
        return Level.COUNTY
    if value == "township":
        return Level.TOWNSHIP
    return Level.VILLAGE


@dataclass(frozen=True, slots=True)
class Step:
    """A move of an application from ``source`` (None: a new application) to ``target``, taken by ``level``."""

    source: str | None
    target: str
    level: Level
    label: str  # the action as a button says it


_V, _T, _C = Level.VILLAGE, Level.TOWNSHIP, Level.COUNTY
_WITHDRAWABLE = ("draft", "applied", "village_reviewed", "publicized", "returned")

#: Every step of the cycle. Nothing else in the code decides who may move an application where.
STEPS: Final[tuple[Step, ...]] = (
    Step(None, "draft", _V, "保存草稿"),
    Step(None, "applied", _V, "申请"),
    Step("draft", "applied", _V, "申请"),
    Step("returned", "applied", _V, "重新申请"),
    Step("applied", "village_reviewed", _V, "村委会初审"),
    Step("village_reviewed", "publicized", _V, "公示"),
    *(Step(s, "withdrawn", _V, "撤回") for s in _WITHDRAWABLE),
    Step("payment_failed", "account_fixed", _V, "更正账户"),
    Step("publicized", "township_reviewed", _T, "乡镇审核通过"),
    Step("publicized", "returned", _T, "退回村"),
    Step("publicized", "rejected", _T, "不通过"),
    Step("township_reviewed", "county_approved", _C, "县审定通过"),
    Step("township_reviewed", "returned", _C, "退回村"),
    Step("township_reviewed", "rejected", _C, "不通过"),
    Step("county_approved", "announced", _C, "公告"),
    Step("county_approved", "in_payment", _C, "纳入发放批次"),
    Step("announced", "in_payment", _C, "纳入发放批次"),
    Step("account_fixed", "in_payment", _C, "纳入发放批次"),
    Step("in_payment", "paid", _C, "发放成功"),
    Step("in_payment", "payment_failed", _C, "发放失败"),
    Step("payment_failed", "rejected", _C, "不通过"),
)

_BY_MOVE: Final[Mapping[tuple[str | None, str], Step]] = MappingProxyType(
    {(s.source, s.target): s for s in STEPS}
)

#: States that end an application: nothing moves it again.
FINAL: Final = frozenset({"paid", "rejected", "withdrawn"})
#: States in which the county has decided: the village no longer edits the application (but see CORRECTABLE).
DECIDED: Final = frozenset(
    {"county_approved", "announced", "in_payment", "paid", "payment_failed", "account_fixed"}
)
#: States counted as applied (提交了的申请): every state but a draft (not submitted) and a withdrawn one.
APPLIED: Final = frozenset(codes.SUBSIDY_STATE.labels) - {"draft", "withdrawn"}
#: States a payment batch takes an application from.
PAYABLE: Final = frozenset({"county_approved", "announced", "account_fixed"})
#: After a failed payment the village corrects the account (and only that).
CORRECTABLE: Final = frozenset({"payment_failed"})
#: Targets that need a reason (``reason`` or, for returned, ``returned_reason``).
NEEDS_REASON: Final = frozenset({"returned", "rejected", "withdrawn", "payment_failed"})

#: Which level writes each field of an application (fields not named: anyone who may edit the application).
FIELD_LEVEL: Final[Mapping[str, Level]] = MappingProxyType(
    {
        "village_opinion": _V,
        "township_opinion": _T,
        "county_opinion": _C,
        "joint_opinions": _C,
        "payment_batch_id": _C,
        "paid_on": _C,
        "county_approved_on": _C,
        "payment_failure": _C,
    }
)
#: Fields the village may change after the county decided (a failed payment: the account).
_CORRECTION_FIELDS: Final = frozenset({"payee_name", "payee_account", "state"})


def steps_from(state: str | None, role: Role | str) -> tuple[Step, ...]:
    """The steps ``role`` may take on an application in ``state`` (None: no application yet)."""
    level = level_of(role)
    return tuple(s for s in STEPS if s.source == state and s.level == level)


def _state_label(state: str | None) -> str:
    return "（新申请）" if state is None else codes.SUBSIDY_STATE.label(state)


def step_problem(source: str | None, target: str, role: Role | str) -> str | None:
    """Why ``role`` may not move an application from ``source`` to ``target`` (Chinese), or None if it may."""
    if source == target:
        return None
    if target not in codes.SUBSIDY_STATE:
        return f"未知的补助状态“{target}”"
    step = _BY_MOVE.get((source, target))
    if step is None:
        return f"补助申请当前为“{_state_label(source)}”，不能变为“{_state_label(target)}”"
    level = level_of(role)
    if step.level != level:
        return (
            f"“{step.label}”（{_state_label(source)}→{_state_label(target)}）须由{step.level.label}办理，"
            f"本设备是{level.label}账号"
        )
    return None


def field_problem(field: str, state: str | None, role: Role | str) -> str | None:
    """Why ``role`` may not change ``field`` of an application now in ``state``, or None if it may."""
    level = level_of(role)
    owner = FIELD_LEVEL.get(field)
    if owner is not None and owner != level:
        return f"“{label(field, 'subsidy_application')}”由{owner.label}填写，本设备是{level.label}账号"
    if state in FINAL:
        return f"补助申请已是“{_state_label(state)}”，不能再修改"
    if level == Level.VILLAGE and state in DECIDED:
        if state in CORRECTABLE and field in _CORRECTION_FIELDS:
            return None
        return f"补助申请已{_state_label(state)}，村级不能再修改（发放失败后可更正账户）"
    return None


def publicity_length_problem(starts_on: date, ends_on: date, min_days: int) -> str | None:
    """A 公示 runs at least ``min_days`` days, ``starts_on`` to ``ends_on`` inclusive."""
    if ends_on < starts_on:
        return "公示结束日期早于开始日期"
    days = (ends_on - starts_on).days + 1
    if days < min_days:
        return f"公示期为 {days} 天，县里规定至少 {min_days} 天"
    return None


def publicity_end_problem(ends_on: date | None, on: date) -> str | None:
    """A step after the 公示 is taken only once it has ended (the day after ``ends_on``)."""
    if ends_on is None:
        return "申请尚未公示，不能审核"
    if on <= ends_on:
        first = ends_on + timedelta(days=1)
        return f"公示到 {ends_on.isoformat()} 才结束，{first.isoformat()} 起才能审核"
    return None
