"""Rules of the household register (户籍登记): new households, members, and the life events that change who
belongs where — 出生, 婚入/婚出, 分户, 迁出/迁入, 死亡, 注销.

Pure Python, no I/O: the services look records up and pass plain values in. Each ``*_issues`` function returns
``Issue`` objects whose label names the field in Chinese, so a form can say what is wrong and where.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from yulu_desktop.domain import codes
from yulu_desktop.domain.errors import Issue, Severity

#: Length of ``household.household_no`` in the store.
HOUSEHOLD_NO_MAX = 40
#: Digits of the sequence part of a suggested 户编号 (the village code, then this many digits).
HOUSEHOLD_SEQ_DIGITS = 5
_HOUSEHOLD_NO = re.compile(r"[0-9A-Za-z]+")

#: Person statuses of members who are still part of their household (the others stay on file as history).
ACTIVE_STATUS = "normal"
#: The relationship code of the head of household (户主).
HEAD = "01"
#: Relationship code given to a former head who left or died (the household's new head is "01").
FORMER_HEAD = "99"

#: Events a member can join a household by, and those by which they leave it (``codes.MEMBERSHIP_CHANGE``).
JOIN_KINDS = frozenset({"register", "birth", "marry_in", "move_in"})
LEAVE_STATUS: dict[str, str] = {
    "marry_out": "moved_out",
    "move_out": "moved_out",
    "death": "deceased",
    "cancel": "cancelled",
}

LABELS = {
    "household_no": "户编号",
    "village_id": "所属村",
    "happened_on": "变动日期",
    "members": "分户成员",
    "head": "户主",
    "new_head": "新户主",
    "to_household": "迁入户",
    "to_village": "迁入村",
    "to_place": "迁往何处",
    "note": "原因说明",
    "birth_date": "出生日期",
    "id_number": "身份证号",
    "name": "姓名",
}


def _issue(field: str, message: str, severity: Severity = Severity.ERROR) -> Issue:
    return Issue(field=field, label=LABELS.get(field, field), message=message, severity=severity)


@dataclass(frozen=True, slots=True)
class MemberInfo:
    """What the rules need to know of one member of a household."""

    id: str
    name: str
    relationship: str
    status: str = ACTIVE_STATUS

    @property
    def active(self) -> bool:
        return self.status == ACTIVE_STATUS

    @property
    def is_head(self) -> bool:
        return self.relationship == HEAD


# --- household numbers ---------------------------------------------------------------------------------


def household_no_issues(household_no: str) -> list[Issue]:
    """户编号: required, letters and digits only (as the national system issues them), at most 40."""
    value = household_no.strip()
    if not value:
        return [_issue("household_no", "请填写户编号")]
    if len(value) > HOUSEHOLD_NO_MAX:
        return [_issue("household_no", f"户编号最多 {HOUSEHOLD_NO_MAX} 位，现在是 {len(value)} 位")]
    if not _HOUSEHOLD_NO.fullmatch(value):
        bad = "、".join(dict.fromkeys(f"“{ch}”" for ch in value if not _HOUSEHOLD_NO.fullmatch(ch)))
        return [_issue("household_no", f"户编号只能是数字和字母，不能含有{bad}")]
    return []


def suggest_household_no(village_code: str, taken: Collection[str]) -> str:
    """The next free 户编号 of a village: its code and a 5-digit sequence after the highest one in use
    (``taken`` are the numbers already used anywhere on this laptop)."""
    highest = 0
    prefix = village_code
    for number in taken:
        tail = number[len(prefix) :]
        if number.startswith(prefix) and len(tail) == HOUSEHOLD_SEQ_DIGITS and tail.isdigit():
            highest = max(highest, int(tail))
    candidate = highest + 1
    while f"{prefix}{candidate:0{HOUSEHOLD_SEQ_DIGITS}d}" in taken:
        candidate += 1
    return f"{prefix}{candidate:0{HOUSEHOLD_SEQ_DIGITS}d}"


# --- events --------------------------------------------------------------------------------------------


def event_date_issues(happened_on: date | None, today: date, *, after: date | None = None) -> list[Issue]:
    """变动日期: required, not in the future, and not before ``after`` (e.g. the person's birth)."""
    if happened_on is None:
        return [_issue("happened_on", "请填写变动日期")]
    if happened_on > today:
        return [_issue("happened_on", f"变动日期 {happened_on.isoformat()} 晚于今天，请核对")]
    if after is not None and happened_on < after:
        return [_issue("happened_on", f"变动日期不能早于出生日期 {after.isoformat()}")]
    return []


def birth_issues(
    *, id_number: str | None, birth_date: date | None, happened_on: date | None, today: date
) -> list[Issue]:
    """出生: the baby's birth date (from the ID number when there is one) is the date of the event."""
    issues: list[Issue] = []
    if not id_number and birth_date is None:
        issues.append(_issue("birth_date", "没有身份证号时请填写出生日期"))
    if birth_date is not None and birth_date > today:
        issues.append(_issue("birth_date", f"出生日期 {birth_date.isoformat()} 晚于今天，请核对"))
    if birth_date is not None and happened_on is not None and happened_on != birth_date:
        issues.append(_issue("happened_on", "出生登记的变动日期应为出生日期", severity=Severity.WARNING))
    return issues


def person_can_change_issues(member: MemberInfo) -> list[Issue]:
    """Only a member still in the household can marry out, move, split off, die or be cancelled."""
    if member.active:
        return []
    return [
        _issue(
            "name",
            f"{member.name}的人员状态是“{codes.PERSON_STATUS.label(member.status)}”，不能再办理变动",
        )
    ]


def new_head_issues(
    leaving: Iterable[MemberInfo], members: Sequence[MemberInfo], new_head_id: str | None
) -> list[Issue]:
    """When the head leaves a household that keeps active members, a new head must be chosen among them."""
    leaving = list(leaving)
    leaving_ids = {m.id for m in leaving}
    staying = [m for m in members if m.active and m.id not in leaving_ids]
    head_leaves = any(m.is_head for m in leaving)
    if new_head_id is None:
        if head_leaves and staying:
            head = next(m for m in leaving if m.is_head)
            return [_issue("new_head", f"{head.name}是户主，请从留在户内的成员中选定新户主")]
        return []
    if not head_leaves:
        return [_issue("new_head", "户主没有变动，不需要选定新户主")]
    if new_head_id not in {m.id for m in staying}:
        return [_issue("new_head", "新户主必须是留在户内的成员")]
    return []


def split_issues(
    members: Sequence[MemberInfo],
    chosen_ids: Collection[str],
    head_id: str | None,
    new_head_id: str | None,
    household_no: str,
) -> list[Issue]:
    """分户: some members of one household form a new one, with one of them as its head."""
    issues = household_no_issues(household_no)
    by_id = {m.id: m for m in members}
    chosen = [by_id[i] for i in chosen_ids if i in by_id]
    if len(chosen) != len(set(chosen_ids)):
        issues.append(_issue("members", "分户成员必须是本户的成员"))
    if not chosen:
        issues.append(_issue("members", "请至少选择一名分出的成员"))
        return issues
    for member in chosen:
        issues += person_can_change_issues(member)
    active = [m for m in members if m.active]
    if len(chosen) >= len(active):
        issues.append(_issue("members", "不能把全户成员都分出去；整户搬迁请用“迁出”"))
    if head_id is None:
        issues.append(_issue("head", "请选定新户的户主"))
    elif head_id not in {m.id for m in chosen}:
        issues.append(_issue("head", "新户的户主必须是分出的成员之一"))
    issues += new_head_issues(chosen, members, new_head_id)
    return issues


def move_issues(from_household_id: str, to_household_id: str | None) -> list[Issue]:
    """迁出 to another household: it must be another one."""
    if not to_household_id:
        return [_issue("to_household", "请选择迁入的户")]
    if to_household_id == from_household_id:
        return [_issue("to_household", "迁入的户就是现在所在的户，请另选")]
    return []


def household_move_issues(from_village_id: str, to_village_id: str | None) -> list[Issue]:
    """整户迁出 to another village."""
    if not to_village_id:
        return [_issue("to_village", "请选择迁入的村")]
    if to_village_id == from_village_id:
        return [_issue("to_village", "迁入的村就是现在所在的村，请另选")]
    return []


def leave_issues(kind: str, *, to_place: str, note: str) -> list[Issue]:
    """Leaving the register (婚出/迁出 to a place outside this laptop's records, 死亡, 注销)."""
    if kind not in LEAVE_STATUS:
        raise ValueError(f"not a leaving event: {kind}")
    if kind in ("marry_out", "move_out") and not to_place.strip():
        return [_issue("to_place", "请填写迁往何处（如：某县某村，或嫁入的户主姓名）")]
    if kind == "cancel" and not note.strip():
        return [_issue("note", "注销必须写明原因")]
    return []


def place_text(village_name: str, household_no: str) -> str:
    """How a household is named in the history: "红岩村 5002291012010001户"."""
    return f"{village_name} {household_no}户".strip()
