"""attachment files encrypted at rest

Revision ID: s0011
Revises: s0010
Create Date: 2026-12-06 10:00:00

The chunks of attachment files (``blob_chunk.data``: scans of ID cards, bank cards, disability certificates and
signed forms) lay in clear on the county's disk while the sensitive fields of the records were encrypted
(s0007). Each chunk is now sealed with the data key of ``server.fieldcrypt`` (AES-256-GCM, its file and offset
as associated data) and ``blob_chunk.key_id`` names the key. The chunks already stored are sealed here, a few at a
time, inside the migration's transaction: interrupted, nothing is half done. The downgrade opens them again.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from yulu_desktop.server import rekey

revision: str = "s0011"
down_revision: str | None = "s0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("blob_chunk") as batch:
        batch.add_column(sa.Column("key_id", sa.String(length=32), nullable=True))
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # Overwrite the clear bytes of the chunks rewritten, not only unlink their pages (as s0007).
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    rekey.walk_all(conn, rekey.migration_cipher(conn), "seal", (rekey.BLOB_WALK,))


def downgrade() -> None:
    conn = op.get_bind()
    rekey.walk_all(conn, rekey.migration_cipher(conn), "open", (rekey.BLOB_WALK,))
    with op.batch_alter_table("blob_chunk") as batch:
        batch.drop_column("key_id")
