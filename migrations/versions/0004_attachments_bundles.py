"""attachment originals, the upload queue of attachment files, the server's keys for USB bundles

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("original_sha256", sa.String(length=64), nullable=True))
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(sa.Column("server_bundle_key", sa.Text(), server_default="", nullable=False))
        batch_op.add_column(sa.Column("server_signing_key", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "blob_upload",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("sha256", name=op.f("pk_blob_upload")),
        comment="Attachment files this device holds that the county server has not confirmed yet (uploaded_at "
        "NULL): sent after the records, in chunks, online or in a USB bundle.",
    )
    with op.batch_alter_table("blob_upload", schema=None) as batch_op:
        batch_op.create_index("ix_blob_upload_pending", ["uploaded_at"], unique=False)
    # Files added before this revision were never sent: queue them.
    op.execute(
        "INSERT INTO blob_upload (sha256, queued_at) SELECT sha256, CURRENT_TIMESTAMP FROM attachment_blob"
    )


def downgrade() -> None:
    with op.batch_alter_table("blob_upload", schema=None) as batch_op:
        batch_op.drop_index("ix_blob_upload_pending")
    op.drop_table("blob_upload")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("server_signing_key")
        batch_op.drop_column("server_bundle_key")
    with op.batch_alter_table("attachment", schema=None) as batch_op:
        batch_op.drop_column("original_sha256")
