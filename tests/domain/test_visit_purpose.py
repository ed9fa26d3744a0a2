"""The 走访目的 a new visit starts with (domain/visit_purpose.py)."""

from __future__ import annotations

import pytest

from yulu_desktop.domain import codes
from yulu_desktop.domain.visit_purpose import Situation, purpose_for, suggested_purpose


@pytest.mark.parametrize(
    ("situation", "purpose"),
    [
        (Situation(age=18, in_school=True), "subsidy"),
        (Situation(age=18, in_school=True, applied_this_term=True), "student"),
        (Situation(age=21, graduated=True), "employment"),
        (Situation(age=40, has_employment=True), "employment"),
        (Situation(age=15), "intent"),
        (Situation(age=45, has_intent=True), "intent"),
        (Situation(age=45), "policy"),
        (Situation(), "policy"),
    ],
)
def test_purpose_for_one_person(situation: Situation, purpose: str) -> None:
    assert purpose_for(situation) == purpose
    assert purpose in codes.VISIT_PURPOSE.labels


def test_a_visit_about_a_parent_takes_the_most_pressing_purpose_of_the_household() -> None:
    parent = Situation(age=45)
    graduate = Situation(age=22, graduated=True)
    student = Situation(age=17, in_school=True)
    assert suggested_purpose(parent, [graduate, student]) == "subsidy"
    assert suggested_purpose(parent, [graduate]) == "employment"
    assert suggested_purpose(parent, []) == "policy"
    # The person's own situation comes first.
    assert suggested_purpose(graduate, [student]) == "employment"
    assert suggested_purpose(None, [student]) == "subsidy"


def test_working_since_the_last_schooling_is_employment_even_when_the_school_never_reported_graduation() -> (
    None
):
    assert purpose_for(Situation(age=21, in_school=True, employed_after_school=True)) == "employment"
    assert purpose_for(Situation(age=21, in_school=True, has_employment=True)) == "subsidy"  # a summer job
