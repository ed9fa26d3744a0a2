"""escrow of laptop database keys (托管): deposits and one-time release codes

Revision ID: s0008
Revises: s0007
Create Date: 2026-12-05 15:10:00

``escrow_deposit`` holds, per enrolled device, the laptop's database key wrapped (AES-256-GCM) under a random
escrow key that only the laptop keeps: the county alone cannot open anything with it. ``escrow_release`` holds
the one-time release codes a county admin makes (only an Argon2 hash of the secret part). See
``server/escrow.py`` and docs/SECURITY.md.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0008"
down_revision: str | None = "s0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "escrow_deposit",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column(
            "key_id", sa.String(length=32), nullable=False, comment="the laptop's id of its escrow key"
        ),
        sa.Column("wrapped", sa.LargeBinary(), nullable=False),
        sa.Column("deposited_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_escrow_deposit_device_id_device")
        ),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_escrow_deposit")),
    )
    op.create_table(
        "escrow_release",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("lookup", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.Text(), nullable=False),
        sa.Column("released_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["device_id"], ["device.id"], name=op.f("fk_escrow_release_device_id_device")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_escrow_release")),
        sa.UniqueConstraint("lookup", name=op.f("uq_escrow_release_lookup")),
    )
    with op.batch_alter_table("escrow_release") as batch:
        batch.create_index(batch.f("ix_escrow_release_device_id"), ["device_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("escrow_release") as batch:
        batch.drop_index(batch.f("ix_escrow_release_device_id"))
    op.drop_table("escrow_release")
    op.drop_table("escrow_deposit")
