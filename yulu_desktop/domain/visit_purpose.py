"""The 走访目的 a new visit starts with, from where the people of the household stand (the cadre can change it).

A graduate, or anyone working since their last schooling began: 就业情况跟踪; a student in school whose subsidy for
this term is not applied for yet: 补助申请; a student already applied for: 在读情况核实; anyone else with
employment records: 就业情况跟踪; a child of school-leaving age, or
anyone with a recorded 就读意愿: 了解就读意愿; anyone else: 政策宣传.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Ages at which a child is asked about vocational school (初中 to the end of 高中).
INTENT_AGES = range(13, 19)

#: Purposes about one person, most pressing first (used to pick the household member a visit is about).
_PRIORITY = ("subsidy", "student", "employment", "intent")


@dataclass(frozen=True)
class Situation:
    """What the records say about one person, for choosing a visit's purpose."""

    age: int | None = None
    in_school: bool = False  # latest schooling still 在籍 (not ended)
    applied_this_term: bool = False  # a subsidy application for the current term exists
    graduated: bool = False  # latest schooling ended as 毕业
    has_employment: bool = False
    employed_after_school: bool = False  # an employment record dated after the latest schooling began
    has_intent: bool = False


def purpose_for(situation: Situation) -> str:
    """The VISIT_PURPOSE code fitting one person (``"policy"`` when nothing in particular)."""
    if situation.graduated or situation.employed_after_school:
        return "employment"
    if situation.in_school:
        return "student" if situation.applied_this_term else "subsidy"
    if situation.has_employment:
        return "employment"
    if situation.has_intent or (situation.age is not None and situation.age in INTENT_AGES):
        return "intent"
    return "policy"


def suggested_purpose(person: Situation | None, household: Iterable[Situation] = ()) -> str:
    """The purpose of a visit to ``person``; when nothing in particular concerns them, the most pressing
    purpose among the other members of the ``household``."""
    own = purpose_for(person) if person is not None else "policy"
    if own != "policy":
        return own
    found = {purpose_for(member) for member in household}
    return next((purpose for purpose in _PRIORITY if purpose in found), "policy")
