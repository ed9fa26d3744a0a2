"""record.unique_key (ID numbers, indexed) and the duplicate review queue

Revision ID: s0002
Revises: s0001
Create Date: 2026-11-23 14:20:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0002"
down_revision: str | None = "s0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "unique_key",
                sa.String(length=40),
                nullable=True,
                comment="value of the entity's unique field (person: id_number) while not deleted",
            )
        )
        batch_op.create_index("ix_record_unique_key", ["entity", "unique_key"], unique=False)
    # Backfill the ID numbers of people already on the server.
    conn = op.get_bind()
    record = sa.table(
        "record",
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("data", sa.Text),
        sa.column("unique_key", sa.String),
    )
    rows = conn.execute(
        sa.select(record.c.entity_id, record.c.data).where(
            record.c.entity == "person", sa.column("deleted").is_(False)
        )
    ).all()
    updates = []
    for entity_id, data in rows:
        value = json.loads(data).get("id_number")
        if value not in (None, ""):
            updates.append({"key_id": entity_id, "key": str(value)})
    if updates:
        conn.execute(
            record.update()
            .where(record.c.entity == "person", record.c.entity_id == sa.bindparam("key_id"))
            .values(unique_key=sa.bindparam("key")),
            updates,
        )

    op.create_table(
        "duplicate_review",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column(
            "existing_id",
            sa.String(length=36),
            nullable=False,
            comment="the record already holding the value",
        ),
        sa.Column("incoming_id", sa.String(length=36), nullable=False, comment="the record the device sent"),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("entry", sa.Text(), nullable=False, comment="the entry as received (JSON)"),
        sa.Column("scope_path", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False, comment="open | resolved"),
        sa.Column(
            "resolution",
            sa.String(length=20),
            nullable=False,
            comment="same_person | different_people | rejected",
        ),
        sa.Column("resolved_by", sa.Text(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_review")),
    )
    with op.batch_alter_table("duplicate_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_duplicate_review_value"), ["value"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("duplicate_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_review_value"))
    op.drop_table("duplicate_review")
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.drop_index("ix_record_unique_key")
        batch_op.drop_column("unique_key")
