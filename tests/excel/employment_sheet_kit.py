"""Helpers of the employment Excel tests (reference data, fairs and referrals, follow-ups and campaigns): read and
write a sheet as rows of cells, and read back what an import stored."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select, text

from tests.services.subsidy_fixtures import set_role
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database


def all_records(db: Database, cls: type) -> list[Any]:
    with db.read() as session:
        return sorted(session.execute(select(cls)).scalars(), key=lambda r: r.id)


def fields_of(record: object, *, without: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        f.name: getattr(record, f.name)
        for f in dataclasses.fields(record)  # type: ignore[arg-type]
        if f.name not in without
    }


def row_count(db: Database, table: str) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(select(func.count()).select_from(schema.metadata.tables[table])).scalar_one())


def audits(db: Database, action: str) -> list[tuple[str, str]]:
    a = schema.audit_log
    with db.read_connection() as conn:
        return [
            (r.entity, r.detail)
            for r in conn.execute(select(a.c.entity, a.c.detail).where(a.c.action == action))
        ]


def read_sheet(path: Path) -> list[list[Any]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [list(r) for r in sheet.iter_rows(values_only=True)]


def write_sheet(path: Path, rows: list[list[Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def set_cell(rows: list[list[Any]], row: list[Any], header: str, value: Any) -> None:
    """Set the cell of ``row`` under ``header`` (``rows[0]`` holds the headers)."""
    row[rows[0].index(header)] = value


def id_number_of(db: Database, person_id: str) -> str:
    with db.read_connection() as conn:
        return str(
            conn.execute(
                select(schema.person.c.id_number).where(schema.person.c.id == person_id)
            ).scalar_one()
        )


def enroll(db: Database, role: str, unit_id: str, name: str) -> None:
    """Enroll the laptop as a cadre with ``role`` whose jurisdiction (管辖范围) is ``unit_id``."""
    set_role(db, role, name)
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE sync_state SET jurisdiction_id = :j WHERE id = 1"), {"j": unit_id})
