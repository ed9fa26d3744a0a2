"""Indexes that serve the lists' natural orders, so a page is read in index order and stops after a page

People by pinyin of the name (intents, students of a term, unplaced graduates), each household's people head
first (people list), visits by due date and visit date (not voided), and job entries not voided (graduates
by the latest change, and their count).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 16:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The pinyin part of ``search_key`` ("张坤 zhangkun zk" → "zhangkun zk"), as ``services.lists`` sorts by it.
PINYIN = "lower(substr(search_key, instr(search_key, ' ') + 1))"


def upgrade() -> None:
    # Expression indexes are written in SQL: alembic's batch mode cannot express them.
    op.execute(f"CREATE INDEX ix_person_pinyin ON person ({PINYIN}, id)")
    op.create_index("ix_person_household_order", "person", ["household_id", "relationship", "id"])
    op.execute(
        "CREATE INDEX ix_visit_worklist ON visit (follow_up_due, visit_date DESC, id) WHERE voided_on IS NULL"
    )
    op.create_index(
        "ix_employment_record_current",
        "employment_record",
        ["effective_date", "recorded_at", "id"],
        sqlite_where=sa.text("voided_on IS NULL"),
    )
    op.create_index(
        "ix_employment_record_person_current",
        "employment_record",
        ["person_id", "effective_date", "recorded_at", "id"],
        sqlite_where=sa.text("voided_on IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_employment_record_person_current", table_name="employment_record")
    op.drop_index("ix_employment_record_current", table_name="employment_record")
    op.drop_index("ix_visit_worklist", table_name="visit")
    op.drop_index("ix_person_household_order", table_name="person")
    op.drop_index("ix_person_pinyin", table_name="person")
