"""the day the county approved a subsidy application (``subsidy_application.county_approved_on``)

The dashboard counted 审定后超过30天未发放 from the end of the 公示, because an application held no date of the
county's approval: a county that approved weeks after the 公示 saw applications overdue the day it approved them.
The step to 县审定 now sets the day. Applications approved before (or by a laptop of the last release, which does
not send the column) keep it empty, and the dashboard falls back to the 公示's end for them.

Plain ``ADD COLUMN`` / ``DROP COLUMN`` (SQLite >= 3.35): no table is rebuilt, unsent journal entries stay as they
are; env.py installs the journal triggers again after every migration, naming the new column.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06 11:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from yulu_desktop.store import journal

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE subsidy_application ADD COLUMN county_approved_on DATE")


def downgrade() -> None:
    # The journal triggers name every column (SQLite refuses to drop a column a trigger names); they are
    # installed again, without it, after the downgrade.
    journal.drop_triggers(op.get_bind())
    op.execute("ALTER TABLE subsidy_application DROP COLUMN county_approved_on")
