"""sync with the county server: enrollment and cursor, per-field versions, conflicts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 13:40:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.Text(), server_default="", nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=True),
        sa.Column("enrolled_at", sa.DateTime(), nullable=True),
        sa.Column("cadre_username", sa.Text(), server_default="", nullable=False),
        sa.Column("cadre_name", sa.Text(), server_default="", nullable=False),
        sa.Column("jurisdiction_id", sa.Text(), server_default="", nullable=False),
        sa.Column("jurisdiction_name", sa.Text(), server_default="", nullable=False),
        sa.Column("pull_cursor", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_sync_at", sa.DateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), server_default="", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
        comment="Enrollment with the county server (device key, server URL) and the pull cursor.",
    )
    op.execute("INSERT INTO sync_state (id) VALUES (1)")
    op.create_table(
        "sync_field_version",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", "field", name=op.f("pk_sync_field_version")),
        comment="Per field, the server version (change-log seq) this device last received: the base of merges.",
    )
    op.create_table(
        "sync_conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.Text(), server_default="", nullable=False),
        sa.Column("winner_value", sa.Text(), server_default="null", nullable=False),
        sa.Column("loser_value", sa.Text(), server_default="null", nullable=False),
        sa.Column("winner_device", sa.Text(), server_default="", nullable=False),
        sa.Column("loser_device", sa.Text(), server_default="", nullable=False),
        sa.Column("winner_hlc", sa.Integer(), server_default="0", nullable=False),
        sa.Column("loser_hlc", sa.Integer(), server_default="0", nullable=False),
        sa.Column("loser_author", sa.Text(), server_default="", nullable=False),
        sa.Column("clock_skew", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("created_at", sa.Text(), server_default="", nullable=False),
        sa.Column("status", sa.String(length=10), server_default="open", nullable=False),
        sa.Column("resolution", sa.Text(), server_default="", nullable=False),
        sa.Column("resolved_by", sa.Text(), server_default="", nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("reported", sa.Boolean(), server_default="1", nullable=False),
        sa.CheckConstraint("status IN ('open', 'resolved')", name=op.f("ck_sync_conflict_status")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_conflict")),
        comment="Conflicts from the county server (and local sync problems) for the cadre to review.",
    )
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.create_index("ix_sync_conflict_status", ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sync_conflict", schema=None) as batch_op:
        batch_op.drop_index("ix_sync_conflict_status")
    op.drop_table("sync_conflict")
    op.drop_table("sync_field_version")
    op.drop_table("sync_state")
