"""attachment files in chunks, the server's bundle keys, imported USB bundles

Revision ID: s0003
Revises: s0002
Create Date: 2026-11-23 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0003"
down_revision: str | None = "s0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "server_blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("received", sa.BigInteger(), nullable=False, comment="bytes stored, contiguous from 0"),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("first_device", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_server_blob")),
    )
    op.create_table(
        "blob_chunk",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["sha256"], ["server_blob.sha256"], name=op.f("fk_blob_chunk_sha256_server_blob")
        ),
        sa.PrimaryKeyConstraint("sha256", "offset", name=op.f("pk_blob_chunk")),
    )
    op.create_table(
        "server_key",
        sa.Column("purpose", sa.String(length=30), nullable=False),
        sa.Column("private_key", sa.LargeBinary(), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False, comment="raw public key, base64"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("purpose", name=op.f("pk_server_key")),
    )
    op.create_table(
        "bundle_import",
        sa.Column("bundle_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("file_sha256", sa.String(length=64), nullable=False),
        sa.Column(
            "created_at_ms",
            sa.BigInteger(),
            nullable=False,
            comment="when the device wrote it (device clock)",
        ),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("entries", sa.Integer(), nullable=False),
        sa.Column("blobs", sa.Integer(), nullable=False),
        sa.Column("imported_by", sa.Text(), nullable=False, comment="admin command or upload page"),
        sa.PrimaryKeyConstraint("bundle_id", name=op.f("pk_bundle_import")),
    )
    with op.batch_alter_table("bundle_import", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bundle_import_device_id"), ["device_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("bundle_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bundle_import_device_id"))
    op.drop_table("bundle_import")
    op.drop_table("server_key")
    op.drop_table("blob_chunk")
    op.drop_table("server_blob")
