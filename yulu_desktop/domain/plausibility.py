"""Whether a household's members are believable together: ages by 与户主关系, one head, an address with one 组.

Nothing here refuses anything: a household can be odd and true (an adopted child, a late second marriage). The
findings are warnings for ``yulu check`` and for a cadre who wants to look again, each naming the member
concerned, in Chinese. Relationships are the national codes of ``codes.RELATIONSHIP`` — all relative to the
head (户主): 10 配偶, 20 子, 30 女, 40 孙辈, 50 父母, 60 祖父母.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Final

HEAD: Final = "01"
SPOUSE: Final = "10"
CHILDREN: Final = frozenset({"20", "30"})
GRANDCHILD: Final = "40"
PARENT: Final = "50"
GRANDPARENT: Final = "60"

#: Fewest years between a parent and a child for the record to be believed at a glance.
MIN_PARENT_GAP: Final = 15
#: Fewest years between a grandparent and a grandchild.
MIN_GRANDPARENT_GAP: Final = 30
#: 法定婚龄 (Civil Code art. 1047): men 22, women 20.
MARRIAGE_AGE: Final = {"M": 22, "F": 20}

_GROUP = re.compile(r"[0-9０-９一二三四五六七八九十百零〇两]+\s*(?:组|社)")


@dataclass(frozen=True, slots=True)
class Member:
    """What the checks need of one member (a living member in the household now)."""

    id: str
    name: str
    relationship: str
    birth_date: date | None
    sex: str | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One implausible thing, about ``member_id`` (None: the household as a whole)."""

    member_id: str | None
    field: str
    message: str


def years_between(older: date, younger: date) -> int:
    """Whole years from ``older`` to ``younger`` (negative if ``older`` is in fact the younger)."""
    if younger < older:
        return -years_between(younger, older)
    years = younger.year - older.year
    if (younger.month, younger.day) < (older.month, older.day):
        years -= 1
    return years


def _age_gap(
    elder: Member, junior: Member, minimum: int, elder_role: str, junior_role: str
) -> Finding | None:
    """A finding if ``junior`` (by relationship) is not at least ``minimum`` years younger than ``elder``."""
    if elder.birth_date is None or junior.birth_date is None:
        return None
    if junior.birth_date <= elder.birth_date:
        return Finding(
            junior.id,
            "birth_date",
            f"{junior.name}是{elder_role}{elder.name}的{junior_role}，却比{elder.name}年长或同岁，"
            "请核对出生日期和与户主关系",
        )
    gap = years_between(elder.birth_date, junior.birth_date)
    if gap < minimum:
        return Finding(
            junior.id,
            "birth_date",
            f"{junior.name}是{elder_role}{elder.name}的{junior_role}，两人只相差 {gap} 岁，"
            "请核对出生日期和与户主关系",
        )
    return None


def household_findings(
    members: Sequence[Member], *, group_name: str = "", address: str = "", today: date
) -> list[Finding]:
    """Everything implausible about one household's members and address."""
    found: list[Finding] = []
    heads = [m for m in members if m.relationship == HEAD]
    if len(heads) > 1:
        names = "、".join(m.name for m in heads)
        found.append(
            Finding(None, "relationship", f"一户有 {len(heads)} 个户主（{names}），请核对与户主关系")
        )
    groups = _GROUP.findall(f"{group_name} {address}")
    if len(groups) > 1:
        found.append(
            Finding(
                None,
                "address",
                f"村民小组和住址中出现了 {len(groups)} 个“组”（{'、'.join(g.strip() for g in groups)}），"
                "请核对村民小组和住址",
            )
        )
    spouses = [m for m in members if m.relationship == SPOUSE]
    for head in heads[:1]:
        parents_of_children = [head, *spouses]
        for member in members:
            relationship = member.relationship
            finding: Finding | None = None
            if relationship in CHILDREN:
                for parent in parents_of_children:
                    role = "户主" if parent is head else "户主的配偶"
                    word = "儿子" if relationship == "20" else "女儿"
                    finding = _age_gap(parent, member, MIN_PARENT_GAP, role, word)
                    if finding:
                        break
            elif relationship == GRANDCHILD:
                finding = _age_gap(head, member, MIN_GRANDPARENT_GAP, "户主", "孙辈")
            elif relationship == PARENT:
                finding = _age_gap(member, head, MIN_PARENT_GAP, "", "子女")
                if finding is not None:
                    finding = Finding(
                        member.id,
                        "birth_date",
                        f"{member.name}登记为户主{head.name}的父母，{_gap_words(member, head)}，"
                        "请核对出生日期和与户主关系",
                    )
            elif relationship == GRANDPARENT:
                finding = _age_gap(member, head, MIN_GRANDPARENT_GAP, "", "孙辈")
                if finding is not None:
                    finding = Finding(
                        member.id,
                        "birth_date",
                        f"{member.name}登记为户主{head.name}的祖父母，{_gap_words(member, head)}，"
                        "请核对出生日期和与户主关系",
                    )
            if finding is not None:
                found.append(finding)
    parents = [m for m in members if m.relationship == PARENT and m.birth_date]
    for grandparent in (m for m in members if m.relationship == GRANDPARENT and m.birth_date):
        for parent in parents:
            assert grandparent.birth_date is not None and parent.birth_date is not None
            if grandparent.birth_date >= parent.birth_date:
                found.append(
                    Finding(
                        grandparent.id,
                        "birth_date",
                        f"祖父母{grandparent.name}不比父母{parent.name}年长，请核对出生日期和与户主关系",
                    )
                )
    if spouses:
        for member in [*heads[:1], *spouses]:
            minimum = MARRIAGE_AGE.get(member.sex or "", 20)
            if member.birth_date is not None and years_between(member.birth_date, today) < minimum:
                age = years_between(member.birth_date, today)
                found.append(
                    Finding(
                        member.id,
                        "birth_date",
                        f"{member.name}已婚（户内有配偶），但只有 {age} 岁，不到法定婚龄 {minimum} 岁，"
                        "请核对出生日期和与户主关系",
                    )
                )
    return found


def _gap_words(elder: Member, junior: Member) -> str:
    assert elder.birth_date is not None and junior.birth_date is not None
    if elder.birth_date >= junior.birth_date:
        return "却不比户主年长"
    return f"只比户主大 {years_between(elder.birth_date, junior.birth_date)} 岁"
