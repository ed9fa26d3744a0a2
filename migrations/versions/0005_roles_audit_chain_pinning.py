"""the cadre's role from enrollment, the server's pinned certificate, a hash-chained audit log and how much of
it the county holds

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("cadre_role", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("server_cert_sha256", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("audit_sent_id", sa.Integer(), server_default="0", nullable=False))
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("entry_hash", sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("audit_sent_id")
        batch_op.drop_column("server_cert_sha256")
        batch_op.drop_column("cadre_role")
