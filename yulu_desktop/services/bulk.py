"""Bulk writes for import, demo data and other large batches: validated, one transaction, Core executemany.

Going row by row through the ORM would cost more than SQLite itself; here rows are validated with the same
domain rules as single edits, then written with the driver's ``executemany`` and journaled by one statement per
batch (``journal.insert_rows``: the entries the triggers would write), so bulk changes sync like any other.
"""

from __future__ import annotations

import dataclasses
import functools
import operator
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table

from yulu_desktop.domain import rules
from yulu_desktop.domain.entities import (
    EmploymentRecord,
    Enrollment,
    Household,
    Intent,
    Person,
    Training,
    Visit,
)
from yulu_desktop.domain.errors import Issue, ValidationFailed
from yulu_desktop.services import records
from yulu_desktop.store import journal, schema
from yulu_desktop.store.database import Database

Validator = Callable[[Any, date], list[Issue]]


#: How each entity is checked before a bulk write (the same rules as a single edit).
VALIDATORS: dict[type, tuple[Table, Validator]] = {
    Household: (schema.household, records.normalized_household_issues),
    Person: (schema.person, records.normalized_person_issues),
    Enrollment: (
        schema.enrollment,
        lambda e, today: rules.enrollment_issues(e, birth_date=None, today=today),
    ),
    Intent: (schema.intent, lambda i, today: rules.intent_issues(i, today=today)),
    Visit: (schema.visit, lambda v, today: rules.visit_issues(v, today=today)),
    Training: (schema.training, lambda t, today: rules.training_issues(t, today=today)),
    EmploymentRecord: (schema.employment_record, lambda r, today: rules.employment_issues(r, today=today)),
}


def sql_value(value: Any) -> Any:
    """A Python value as SQLAlchemy stores it in SQLite (ISO dates, 0/1 booleans)."""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _to_sql(value: Any) -> Any:
    return None if value is None else sql_value(value)


@functools.cache
def _row_values(table: Table) -> Callable[[Any], Sequence[Any]]:
    """A record's values as SQLite stores them, in the column order of ``insert_sql(table)``.

    Straight from the instance dict: ``dataclasses.asdict`` deep-copies, and the ORM's attribute instrumentation
    costs more than SQLite's own work per row. Only the date and boolean columns are converted.
    """
    values_of = operator.itemgetter(*(column.name for column in table.columns))
    converted = [
        i for i, column in enumerate(table.columns) if isinstance(column.type, (Date, DateTime, Boolean))
    ]

    def row_values(item: Any) -> Sequence[Any]:
        values = list(values_of(vars(item)))
        for i in converted:
            values[i] = _to_sql(values[i])
        return values

    return row_values


@functools.cache
def insert_sql(table: Table) -> tuple[str, list[str]]:
    columns = [column.name for column in table.columns]
    placeholders = ", ".join("?" * len(columns))
    return f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({placeholders})", columns


def insert_many(
    db: Database,
    items: Sequence[Any],
    *,
    actor: str,
    today: date | None = None,
    chunk_size: int = 5000,
) -> list[Issue]:
    """Validate every record, then insert them all in one transaction; all or nothing.

    Records may be of several entity types (parents before children). Every problem is reported with
    ``row`` set to the record's position (1-based) in ``items``; returns the warnings.
    """
    today = today or date.today()
    issues: list[Issue] = []
    for position, item in enumerate(items, start=1):
        _table, validate = VALIDATORS[type(item)]
        issues.extend(dataclasses.replace(issue, row=position) for issue in validate(item, today))
    if any(issue.is_error for issue in issues):
        raise ValidationFailed(issues)
    with db.write_connection() as conn:
        journal.set_author(conn, actor)
        cursor = conn.connection.cursor()
        start = 0
        while start < len(items):
            table = VALIDATORS[type(items[start])][0]
            end = start
            while end < len(items) and end - start < chunk_size and VALIDATORS[type(items[end])][0] is table:
                end += 1
            row_values = _row_values(table)
            journal.insert_rows(
                cursor, table.name, insert_sql(table)[1], [row_values(item) for item in items[start:end]]
            )
            start = end
    return issues
