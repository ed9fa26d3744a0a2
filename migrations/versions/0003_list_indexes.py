"""Indexes for the list pages at county scale

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 14:50:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_enrollment_term", "enrollment", ["school_year", "semester"])
    op.create_index("ix_intent_person_recorded", "intent", ["person_id", "recorded_on"])
    op.create_index(
        "ix_visit_open_follow_up",
        "visit",
        ["follow_up_due"],
        sqlite_where=sa.text("follow_up_done_on IS NULL"),
    )
    op.create_index("ix_employment_record_person_date", "employment_record", ["person_id", "effective_date"])


def downgrade() -> None:
    op.drop_index("ix_employment_record_person_date", table_name="employment_record")
    op.drop_index("ix_visit_open_follow_up", table_name="visit")
    op.drop_index("ix_intent_person_recorded", table_name="intent")
    op.drop_index("ix_enrollment_term", table_name="enrollment")
