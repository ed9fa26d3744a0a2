"""the devices' hash-chained audit logs, kept append-only by the county

Revision ID: s0005
Revises: s0004
Create Date: 2026-12-06 10:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0005"
down_revision: str | None = "s0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MESSAGE = "审计记录只能追加，不能修改或删除"


def upgrade() -> None:
    op.create_table(
        "audit_entry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False, comment="order received"),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("entry_id", sa.BigInteger(), nullable=False, comment="the laptop's audit_log.id"),
        sa.Column(
            "at",
            sa.String(length=40),
            nullable=False,
            comment="UTC, as the laptop stored it (the hash covers it)",
        ),
        sa.Column("actor", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("entity", sa.Text(), server_default="", nullable=False),
        sa.Column("entity_id", sa.Text(), server_default="", nullable=False),
        sa.Column("detail", sa.Text(), server_default="", nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.Column(
            "signature",
            sa.Text(),
            server_default="",
            nullable=False,
            comment="the device's signature of this hash (last of a batch)",
        ),
        sa.Column(
            "flag", sa.String(length=8), server_default="", nullable=False, comment="'' | gap | fork | hash"
        ),
        sa.Column("flag_note", sa.Text(), server_default="", nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_entry")),
    )
    op.create_index("ix_audit_entry_device", "audit_entry", ["device_id", "id"])
    op.create_index(
        "uq_audit_entry_device_entry", "audit_entry", ["device_id", "entry_id", "entry_hash"], unique=True
    )
    # Append-only in the database too, so that no code path (nor an admin's SQL by accident) rewrites it.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION yulu_audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry "
            "FOR EACH ROW EXECUTE FUNCTION yulu_audit_entry_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_entry_no_{event.lower()} BEFORE {event} ON audit_entry "
                f"BEGIN SELECT RAISE(ABORT, '{_MESSAGE}'); END"
            )


def downgrade() -> None:
    op.drop_index("uq_audit_entry_device_entry", table_name="audit_entry")
    op.drop_index("ix_audit_entry_device", table_name="audit_entry")
    op.drop_table("audit_entry")  # its triggers go with it
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION yulu_audit_entry_append_only()")
