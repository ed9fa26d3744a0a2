"""trust boundary: unique keys and parent references of live records, quarantine review

Revision ID: s0004
Revises: s0003
Create Date: 2026-12-05 13:00:00
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from yulu_desktop.sync import record_check

revision: str = "s0004"
down_revision: str | None = "s0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 2000


def upgrade() -> None:
    with op.batch_alter_table("quarantine") as batch:
        batch.add_column(
            sa.Column(
                "status",
                sa.String(length=12),
                server_default="open",
                nullable=False,
                comment="open | released | rejected",
            )
        )
        batch.add_column(sa.Column("resolved_by", sa.Text(), server_default="", nullable=False))
        batch.add_column(sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("resolution_note", sa.Text(), server_default="", nullable=False))
    op.create_table(
        "record_key",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("key_name", sa.String(length=120), nullable=False),
        sa.Column("key_value", sa.String(length=200), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.PrimaryKeyConstraint("entity", "key_name", "key_value", name=op.f("pk_record_key")),
    )
    op.create_index("ix_record_key_owner", "record_key", ["entity", "entity_id"])
    op.create_table(
        "record_ref",
        sa.Column("ref_entity", sa.String(length=40), nullable=False),
        sa.Column("ref_id", sa.String(length=36), nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.PrimaryKeyConstraint(
            "ref_entity", "ref_id", "entity", "entity_id", "field", name=op.f("pk_record_ref")
        ),
    )
    op.create_index("ix_record_ref_child", "record_ref", ["entity", "entity_id"])
    _backfill()


def _backfill() -> None:
    """Index the live records already stored. Where two already clash on a unique key (stored before the
    server checked), the older keeps the key; ``yulu-server admin records check`` lists the other."""
    conn = op.get_bind()
    record = sa.table(
        "record",
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("data", sa.Text),
        sa.column("deleted", sa.Boolean),
        sa.column("updated_seq", sa.BigInteger),
    )
    keys = sa.table(
        "record_key",
        sa.column("entity", sa.String),
        sa.column("key_name", sa.String),
        sa.column("key_value", sa.String),
        sa.column("entity_id", sa.String),
    )
    refs = sa.table(
        "record_ref",
        sa.column("ref_entity", sa.String),
        sa.column("ref_id", sa.String),
        sa.column("entity", sa.String),
        sa.column("entity_id", sa.String),
        sa.column("field", sa.String),
    )
    seen: set[tuple[str, str, str]] = set()
    key_rows: list[dict[str, Any]] = []
    ref_rows: list[dict[str, Any]] = []
    rows = conn.execute(
        sa.select(record.c.entity, record.c.entity_id, record.c.data)
        .where(record.c.deleted.is_(False))
        .order_by(record.c.updated_seq)
    )
    for entity, entity_id, text in rows:
        if not record_check.is_known(entity):
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        if not isinstance(data, dict):
            continue
        for key in record_check.unique_keys(entity):
            value = record_check.unique_value(key, data)
            if entity == "person" and key.name == "id_number":
                continue
            if value is None or len(value) > 200 or (entity, key.name, value) in seen:
                continue
            seen.add((entity, key.name, value))
            key_rows.append(
                {"entity": entity, "key_name": key.name, "key_value": value, "entity_id": entity_id}
            )
        for ref in record_check.references(entity):
            target = data.get(ref.field)
            if isinstance(target, str) and target and len(target) <= 36:
                ref_rows.append(
                    {
                        "ref_entity": ref.target,
                        "ref_id": target,
                        "entity": entity,
                        "entity_id": entity_id,
                        "field": ref.field,
                    }
                )
        if len(key_rows) >= _BATCH:
            conn.execute(keys.insert(), key_rows)
            key_rows = []
        if len(ref_rows) >= _BATCH:
            conn.execute(refs.insert(), ref_rows)
            ref_rows = []
    if key_rows:
        conn.execute(keys.insert(), key_rows)
    if ref_rows:
        conn.execute(refs.insert(), ref_rows)


def downgrade() -> None:
    op.drop_index("ix_record_ref_child", table_name="record_ref")
    op.drop_table("record_ref")
    op.drop_index("ix_record_key_owner", table_name="record_key")
    op.drop_table("record_key")
    with op.batch_alter_table("quarantine") as batch:
        batch.drop_column("resolution_note")
        batch.drop_column("resolved_at")
        batch.drop_column("resolved_by")
        batch.drop_column("status")
