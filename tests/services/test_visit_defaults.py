"""The purpose of a new visit, from the records (services/visit_defaults.py)."""

from __future__ import annotations

from datetime import date

from yulu_desktop.domain.entities import Enrollment, Household, Person
from yulu_desktop.services import records
from yulu_desktop.services.visit_defaults import current_term, suggested_visit_purpose
from yulu_desktop.store.database import Database


def test_current_term() -> None:
    assert current_term(date(2025, 9, 1)) == "2025-autumn"
    assert current_term(date(2026, 1, 20)) == "2025-autumn"
    assert current_term(date(2026, 3, 1)) == "2026-spring"


def test_purpose_follows_schooling_subsidy_and_graduation(
    db: Database, sample_graph: dict[str, object]
) -> None:
    person, household = sample_graph["person"], sample_graph["household"]
    assert isinstance(person, Person) and isinstance(household, Household)
    # Enrolled in autumn 2025 with that term's subsidy applied for: check the schooling.
    assert suggested_visit_purpose(db, household.id, person.id, today=date(2025, 10, 15)) == "student"
    # Spring 2026: no application yet for the term.
    assert suggested_visit_purpose(db, household.id, person.id, today=date(2026, 3, 10)) == "subsidy"
    # A household member's visit without the person: the household's most pressing purpose.
    assert suggested_visit_purpose(db, household.id, None, today=date(2026, 3, 10)) == "subsidy"
    records.record_enrollment(
        db,
        Enrollment(
            person_id=person.id,
            school_year="2025-2026",
            semester="spring",
            school_name="重庆三峡医药高等专科学校",
            school_type="dazhuan",
            registry_status="graduated",
            ended_on=date(2026, 6, 30),
        ),
        actor="测试员",
        today=date(2026, 7, 1),
    )
    assert suggested_visit_purpose(db, household.id, person.id, today=date(2026, 7, 10)) == "employment"


def test_purpose_of_a_household_with_nobody_in_particular_is_policy(
    db: Database, sample_graph: dict[str, object]
) -> None:
    village = sample_graph["village"]
    household = Household(household_no="5002291012010099", village_id=village.id)  # type: ignore[attr-defined]
    records.register_household(db, household, actor="测试员")
    adult = Person(household_id=household.id, name="王五", relationship="01", birth_date=date(1970, 5, 1))
    records.add_member(db, adult, actor="测试员")
    assert suggested_visit_purpose(db, household.id, adult.id, today=date(2026, 3, 10)) == "policy"
