"""cadre roles up to 20 characters (county_admin)

Revision ID: s0006
Revises: s0005
Create Date: 2026-12-05 14:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0006"
down_revision: str | None = "s0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    _widen_role(10, 20)


def _widen_role(before: int, after: int) -> None:
    # On SQLite the table is rebuilt: ``server.db`` runs migrations with foreign keys off, checked at the end.
    with op.batch_alter_table("cadre") as batch:
        batch.alter_column("role", existing_type=sa.String(length=before), type_=sa.String(length=after))


def downgrade() -> None:
    op.execute("UPDATE cadre SET role = 'county' WHERE role = 'county_admin'")
    _widen_role(20, 10)
