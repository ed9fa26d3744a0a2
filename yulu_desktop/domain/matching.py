"""Matching graduates and positions (岗位匹配, issue 16): a score out of 100 from five plain parts, each with
its reason in Chinese, so a cadre can tell a family why a job is proposed. No learning, no hidden weights.

| part | points | how |
| --- | --- | --- |
| 专业 (major) | 40 | the same major 40; a related one (sharing a two-character word, e.g. 口腔, not a generic one like 应用 or 管理) 25; any major wanted 20 |
| 地域 (region) | 20 | where the family wants the job 20; no wish recorded 10; otherwise 0 |
| 薪酬 (pay) | 25 | the lowest pay reaches the wish 25; only the highest does 15; no wish or no pay given 10 |
| 技能 (skill) | 10 | the level asked for is met 10 |
| 行业 (industry) | 5 | the industry the family wants 5 |

A pair *fits* when the major is not foreign to the position, the skill level is met and the position is still
open; the rest only orders. Ties are broken by the higher pay, the earlier deadline and then the id, so the same
data always gives the same list.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Final

from yulu_desktop.domain import codes
from yulu_desktop.domain.employment import pay_text, skill_rank

__all__ = [
    "GraduateProfile",
    "Match",
    "PositionProfile",
    "major_fit",
    "rank_graduates",
    "rank_positions",
    "score",
]

MAJOR_POINTS: Final = {"same": 40, "related": 25, "any": 20, "other": 0}
REGION_POINTS: Final = {"wanted": 20, "unknown": 10, "other": 0}
PAY_POINTS: Final = {"floor": 25, "ceiling": 15, "unknown": 10, "below": 0}
SKILL_POINTS: Final = 10
INDUSTRY_POINTS: Final = 5

_MAJOR_NOISE: Final = re.compile(r"[\s()（）·、与及和]|专业|技术|方向")
#: Words in the names of many unrelated majors (数控技术应用, 计算机应用; 酒店管理, 物流管理): sharing one of
#: them does not make two majors related.
_GENERIC_WORDS: Final = frozenset(
    {"应用", "管理", "服务", "工程", "运用", "维修", "事务", "设计", "制造", "操作"}
)


@functools.lru_cache(maxsize=4096)  # a county has a few hundred majors; profiles are built by the thousand
def _major_key(major: str) -> str:
    return _MAJOR_NOISE.sub("", major or "")


@functools.lru_cache(maxsize=4096)
def _bigrams(key: str) -> frozenset[str]:
    return frozenset(key[i : i + 2] for i in range(len(key) - 1)) - _GENERIC_WORDS


@dataclass(frozen=True, slots=True)
class GraduateProfile:
    """What matching knows of a graduate or final-year student."""

    person_id: str
    name: str
    major: str = ""
    skill_level: str = "none"  # codes.SKILL_LEVEL, from certificates (``employment.skill_level_of``)
    wanted_region: str | None = None  # codes.REGION, from the career plan (就业意愿)
    wanted_income_fen: int | None = None
    wanted_industry: str | None = None  # codes.INDUSTRY
    village: str = ""
    graduation_year: int | None = None
    _key: str = field(init=False, repr=False, compare=False)
    _grams: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        key = _major_key(self.major)
        object.__setattr__(self, "_key", key)
        object.__setattr__(self, "_grams", _bigrams(key))


@dataclass(frozen=True, slots=True)
class PositionProfile:
    """What matching knows of a position and its enterprise."""

    position_id: str
    title: str
    enterprise: str
    industry: str | None  # codes.INDUSTRY of the enterprise
    region: str  # codes.REGION
    place: str = ""
    pay_min_fen: int | None = None
    pay_max_fen: int | None = None
    majors: tuple[str, ...] = ()  # empty: any major
    skill_level: str = "none"
    openings: int = 1
    deadline: date | None = None
    _keys: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _grams: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        keys = tuple(k for k in (_major_key(m) for m in self.majors) if k)
        object.__setattr__(self, "_keys", keys)
        object.__setattr__(self, "_grams", frozenset().union(*(_bigrams(k) for k in keys)))

    def open_on(self, today: date) -> bool:
        return self.openings > 0 and (self.deadline is None or self.deadline >= today)


@dataclass(frozen=True, slots=True)
class Match:
    """A graduate and a position, scored: ``reasons`` in Chinese, in the order of the table above."""

    person_id: str
    position_id: str
    score: int
    fits: bool
    reasons: tuple[str, ...]


def _yuan(fen: int) -> str:
    return f"{fen // 100:,}元".replace(",", "")


def major_fit(graduate: GraduateProfile, position: PositionProfile) -> str:
    """``same``, ``related``, ``any`` (the position takes any major) or ``other``."""
    if not position._keys:
        return "any"
    if graduate._key and graduate._key in position._keys:
        return "same"
    if graduate._grams & position._grams:
        return "related"
    return "other"


def score(graduate: GraduateProfile, position: PositionProfile, *, today: date) -> Match:
    reasons: list[str] = []
    points = 0
    fits = True

    fit = major_fit(graduate, position)
    points += MAJOR_POINTS[fit]
    wanted_majors = "、".join(position.majors)
    if fit == "same":
        reasons.append(f"专业对口（{graduate.major}）")
    elif fit == "related":
        reasons.append(f"专业相近（本人{graduate.major}，岗位要{wanted_majors}）")
    elif fit == "any":
        reasons.append("岗位不限专业")
    else:
        fits = False
        reasons.append(f"专业不对口（本人{graduate.major or '未填专业'}，岗位要{wanted_majors}）")

    region = codes.REGION.label(position.region)
    if not graduate.wanted_region:
        points += REGION_POINTS["unknown"]
        reasons.append(f"地域：{region}（未填意向地域）")
    elif graduate.wanted_region == position.region:
        points += REGION_POINTS["wanted"]
        reasons.append(f"在意向地域（{region}）")
    else:
        reasons.append(f"不在意向地域（意向{codes.REGION.label(graduate.wanted_region)}，岗位在{region}）")

    wanted = graduate.wanted_income_fen
    low, high = position.pay_min_fen, position.pay_max_fen
    pay = pay_text(low, high)
    if wanted is None or (low is None and high is None):
        points += PAY_POINTS["unknown"]
        reasons.append("薪酬：未填期望月收入" if wanted is None else "薪酬：岗位未写月薪")
    elif low is not None and low >= wanted:
        points += PAY_POINTS["floor"]
        reasons.append(f"月薪{pay}，达到期望{_yuan(wanted)}")
    elif high is not None and high >= wanted:
        points += PAY_POINTS["ceiling"]
        reasons.append(f"月薪{pay}，上限达到期望{_yuan(wanted)}")
    else:
        reasons.append(f"月薪{pay}，低于期望{_yuan(wanted)}")

    if skill_rank(graduate.skill_level) >= skill_rank(position.skill_level):
        points += SKILL_POINTS
        if position.skill_level != "none":
            reasons.append(f"技能等级满足（要求{codes.SKILL_LEVEL.label(position.skill_level)}）")
    else:
        fits = False
        have = codes.SKILL_LEVEL.label(graduate.skill_level) if graduate.skill_level != "none" else "无证书"
        reasons.append(f"技能等级不够（要求{codes.SKILL_LEVEL.label(position.skill_level)}，本人{have}）")

    if graduate.wanted_industry and graduate.wanted_industry == position.industry:
        points += INDUSTRY_POINTS
        reasons.append(f"意向行业（{codes.INDUSTRY.label(position.industry)}）")

    if not position.open_on(today):
        fits = False
        reasons.append("岗位已截止")
    return Match(graduate.person_id, position.position_id, points, fits, tuple(reasons))


def _position_order(match: Match, position: PositionProfile) -> tuple[int, int, date, str]:
    return (
        -match.score,
        -(position.pay_max_fen or position.pay_min_fen or 0),
        position.deadline or date.max,
        position.position_id,
    )


def rank_positions(
    graduate: GraduateProfile,
    positions: Iterable[PositionProfile],
    *,
    today: date,
    fitting_only: bool = False,
) -> list[Match]:
    """The positions for one graduate, best first."""
    scored = [(score(graduate, p, today=today), p) for p in positions]
    scored.sort(key=lambda pair: _position_order(*pair))
    return [m for m, _ in scored if m.fits or not fitting_only]


def rank_graduates(
    position: PositionProfile,
    graduates: Sequence[GraduateProfile],
    *,
    today: date,
    fitting_only: bool = True,
) -> list[Match]:
    """The graduates who fit one position, best first (ties by name's person id, for a stable order)."""
    matches = [score(g, position, today=today) for g in graduates]
    matches.sort(key=lambda m: (-m.score, m.person_id))
    return [m for m in matches if m.fits or not fitting_only]
