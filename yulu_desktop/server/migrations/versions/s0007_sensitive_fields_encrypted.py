"""sensitive fields encrypted at rest; ID numbers kept as keyed hashes

Revision ID: s0007
Revises: s0006
Create Date: 2027-01-10 10:00:00

Every stored value of a field of ``fieldcrypt.SENSITIVE_FIELDS`` (``record.data``, ``change_log.fields``, the
values of ``conflict``) is encrypted, the raw entries of ``quarantine`` and ``duplicate_review`` are encrypted
whole, and ``record.unique_key`` / ``duplicate_review.value`` become keyed hashes. The keys are read from (or
made in) the data key file, never stored in the database. Rows are converted in batches of
``rekey.BATCH_ROWS`` inside the migration's transaction: interrupted, nothing is half done.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from yulu_desktop.server import rekey

revision: str = "s0007"
down_revision: str | None = "s0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # Overwrite the clear bytes of the rows rewritten, not only unlink their pages (``server.db.upgrade``
        # then checkpoints the write-ahead log). PostgreSQL keeps old row versions until VACUUM (docs/SYNC.md).
        conn.exec_driver_sql("PRAGMA secure_delete = ON")
    rekey.walk_all(conn, rekey.migration_cipher(conn), "seal", rekey.FIELD_WALKS)


def downgrade() -> None:
    conn = op.get_bind()
    rekey.walk_all(conn, rekey.migration_cipher(conn), "open", rekey.FIELD_WALKS)
