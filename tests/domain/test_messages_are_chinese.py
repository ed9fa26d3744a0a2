"""No English and no field names in the messages a cadre reads ("household_id：不能为空" was seen).

The domain's record checks are walked over bad values of every field they check, and the county server's field
checks (``sync.record_check``, whose reasons come back to the laptop) over a wrong value of every column of
every shared table: each message names the field by its Chinese label and holds no ASCII word outside the
quoted value that was wrong.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

import pytest

from yulu_desktop.domain import codes, rules
from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    Intent,
    Person,
    SubsidyApplication,
    Training,
    Visit,
)
from yulu_desktop.domain.errors import Issue
from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import record_check

TODAY = dt.date(2025, 6, 1)
FUTURE = dt.date(2030, 1, 1)
PAST = dt.date(2001, 1, 1)

#: What a message may quote: the wrong value itself (“…”), which may well be ASCII.
_QUOTED = re.compile(r"“[^”]*”|'[^']*'")
_ASCII_WORD = re.compile(r"[A-Za-z_]{2,}")
ALL_FIELDS = {c.name for table in SHARED_TABLES.values() for c in table.columns}


def leaks(text: str) -> list[str]:
    """ASCII words of a message outside its quotes (field names, codes, English)."""
    return _ASCII_WORD.findall(_QUOTED.sub("", text))


def assert_chinese(issues: Iterable[Issue]) -> set[str]:
    fields = set()
    for issue in issues:
        assert issue.label and not issue.label.isascii(), issue
        assert leaks(issue.text()) == [], issue.text()
        fields.add(issue.field)
    return fields


def bad_household(**changes: object) -> Household:
    household = Household(
        household_no=" ",
        village_id="",
        household_type="bad",
        monitoring_type="bad",
        risk_causes="01,zz",
        risk_identified_on=FUTURE,
        risk_eliminated_on=PAST,
        risk_eliminated=False,
        income_per_capita_fen=-1,
        contact_phone="12",
        payee_account="62abc",
    )
    for name, value in changes.items():
        setattr(household, name, value)
    return household


def test_every_column_of_every_shared_table_has_a_chinese_label() -> None:
    missing = [
        f"{table}.{column.name}"
        for table, definition in SHARED_TABLES.items()
        for column in definition.columns
        if rules.label(column.name, table).isascii()
    ]
    assert missing == []


def test_household_checks_speak_chinese() -> None:
    fields = assert_chinese(rules.household_issues(bad_household(), today=TODAY))
    fields |= assert_chinese(
        rules.household_issues(
            bad_household(household_type="jiance", monitoring_type=None, risk_identified_on=FUTURE),
            today=TODAY,
        )
    )
    assert {
        "household_no", "village_id", "household_type", "monitoring_type", "risk_causes", "risk_identified_on",
        "risk_eliminated", "income_per_capita_fen", "contact_phone", "payee_account",
    } <= fields  # fmt: skip


def test_person_checks_speak_chinese() -> None:
    person = Person(
        household_id="",
        name="",
        id_number="50022919700304001X",
        relationship="zz",
        sex="X",
        education="bad",
        student_status="bad",
        health="bad",
        skills="bad",
        phone="12345",
        status="gone",
        birth_date=FUTURE,
    )
    fields = assert_chinese(rules.person_issues(person, today=TODAY))
    person.name = "Zhang San 3"
    fields |= assert_chinese(rules.person_issues(person, today=TODAY))
    assert {
        "household_id", "name", "id_number", "relationship", "sex", "education", "student_status", "health",
        "skills", "phone", "status", "birth_date",
    } <= fields  # fmt: skip


def test_records_of_a_person_speak_chinese() -> None:
    enrollment = Enrollment(
        person_id="p",
        school_year="2025",
        semester="winter",
        school_name=" ",
        school_type="university",
        length_years=9,
        entry_date=FUTURE,
        registry_status="gone",
    )
    fields = assert_chinese(rules.enrollment_issues(enrollment, birth_date=dt.date(2026, 1, 1), today=TODAY))
    enrollment.entry_date = dt.date(2020, 9, 1)
    fields |= assert_chinese(rules.enrollment_issues(enrollment, birth_date=dt.date(2015, 1, 1), today=TODAY))
    assert {"school_year", "semester", "school_name", "school_type", "length_years", "entry_date"} <= fields

    intent = Intent(person_id="p", desired_school_type="bad", recorded_on=FUTURE, expected_year=1900)
    assert assert_chinese(rules.intent_issues(intent, today=TODAY)) == {
        "desired_school_type", "recorded_on", "expected_year",
    }  # fmt: skip

    visit = Visit(
        household_id="",
        visit_date=FUTURE,
        visitor_name="",
        visitor_role="boss",
        mode="fax",
        purpose="fun",
        follow_up_due=PAST,
        follow_up_done_on=FUTURE,
    )
    assert {
        "household_id",
        "visitor_name",
        "visitor_role",
        "mode",
        "purpose",
        "visit_date",
        "follow_up_due",
    } <= (assert_chinese(rules.visit_issues(visit, today=TODAY)))

    training = Training(
        person_id="p", name="", kind="bad", start_date=FUTURE, end_date=PAST, issued_on=FUTURE
    )
    assert {"name", "kind", "start_date", "end_date", "issued_on"} <= assert_chinese(
        rules.training_issues(training, today=TODAY)
    )

    job = EmploymentRecord(
        person_id="p",
        effective_date=FUTURE,
        destination="employed",
        channel="bad",
        source="bad",
        monthly_income_fen=-1,
        recorded_at=dt.datetime(2025, 1, 1),
    )
    assert {"channel", "source", "effective_date", "employer", "monthly_income_fen"} <= assert_chinese(
        rules.employment_issues(job, today=TODAY)
    )
    job.destination = "bad"
    assert "destination" in assert_chinese(rules.employment_issues(job, today=TODAY))

    application = SubsidyApplication(
        person_id="p", term="2025-winter", amount_fen=0, state="bad", applied_on=FUTURE, payee_account="12"
    )
    fields = assert_chinese(rules.subsidy_issues(application, enrollment=None, today=TODAY))
    fields |= assert_chinese(rules.subsidy_issues(application, enrollment=enrollment, today=TODAY))
    application.payee_account = ""
    fields |= assert_chinese(rules.subsidy_issues(application, enrollment=None, today=TODAY))
    assert {
        "term",
        "state",
        "amount_fen",
        "applied_on",
        "payee_account",
        "enrollment_id",
        "school_type",
    } <= fields


def test_code_list_messages_show_labels_not_internal_codes() -> None:
    message = codes.HOUSEHOLD_TYPE.problem("abc")
    assert message == "“abc”不是有效的户类型，可选：脱贫户、监测户、一般户"
    assert codes.RELATIONSHIP.problem("88") is not None and "01 本人" in codes.RELATIONSHIP.problem("88")  # type: ignore[operator]


def _wrong_value(kind: str) -> object:
    """A value of the wrong type for a column of ``kind``, whose repr holds no ASCII word."""
    return {"text": 12345, "id": 12345, "int": "错", "bool": "错", "date": "错", "datetime": "错"}[kind]


@pytest.mark.parametrize("entity", sorted(SHARED_TABLES))
def test_the_county_servers_reasons_speak_chinese(entity: str) -> None:
    columns = record_check._columns(entity)
    reasons: list[str] = []
    for name, column in columns.items():
        reasons += record_check.value_problems(entity, {name: _wrong_value(column.kind)})
        if column.not_null:
            reasons += record_check.value_problems(entity, {name: None})
        if column.codelist is not None or column.choices is not None:
            reasons += record_check.value_problems(entity, {name: "zz"})
    reasons += record_check.missing_required(entity, {})
    assert len(reasons) >= len(columns)
    for reason in reasons:
        assert leaks(reason) == [], reason
        assert not ALL_FIELDS & set(leaks(reason)), reason
