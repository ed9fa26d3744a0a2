"""server initial schema

Revision ID: s0001
Revises:
Create Date: 2026-11-23 13:22:24.841213
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "applied_change",
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("change_id", name=op.f("pk_applied_change")),
    )
    with op.batch_alter_table("applied_change", schema=None) as batch_op:
        batch_op.create_index("uq_applied_change_device_seq", ["device_id", "device_seq"], unique=True)

    op.create_table(
        "change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("op", sa.String(length=1), nullable=False),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column(
            "field_versions",
            sa.Text(),
            nullable=True,
            comment="per-field versions when they are not this seq (re-sent values)",
        ),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("author", sa.Text(), nullable=False),
        sa.Column("scope_path", sa.Text(), nullable=False),
        sa.Column("shared_up", sa.Boolean(), nullable=False, comment="also visible below the unit"),
        sa.Column("change_id", sa.String(length=36), nullable=True, comment="the device change it came from"),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_log")),
    )
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.create_index("ix_change_log_record", ["entity", "entity_id"], unique=False)

    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False, comment="change_log seq announcing it"),
        sa.Column(
            "kind", sa.String(length=20), nullable=False, comment="field | edit_vs_delete | delete_vs_edit"
        ),
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=60), nullable=False),
        sa.Column("winner_value", sa.Text(), nullable=False),
        sa.Column("loser_value", sa.Text(), nullable=False),
        sa.Column("winner_device", sa.String(length=36), nullable=False),
        sa.Column("loser_device", sa.String(length=36), nullable=False),
        sa.Column("winner_hlc", sa.BigInteger(), nullable=False),
        sa.Column("loser_hlc", sa.BigInteger(), nullable=False),
        sa.Column("loser_author", sa.Text(), nullable=False),
        sa.Column("clock_skew", sa.Boolean(), nullable=False),
        sa.Column("scope_path", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resolution", sa.String(length=20), nullable=False),
        sa.Column("resolved_by", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_seq"), ["seq"], unique=False)

    op.create_table(
        "org_unit",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.Column("path", sa.Text(), nullable=False, comment="'/county-id/township-id/village-id/'"),
        sa.ForeignKeyConstraint(["parent_id"], ["org_unit.id"], name=op.f("fk_org_unit_parent_id_org_unit")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_org_unit")),
        sa.UniqueConstraint("code", name=op.f("uq_org_unit_code")),
    )
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_org_unit_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_org_unit_path"), ["path"], unique=False)

    op.create_table(
        "quarantine",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("change_id", sa.String(length=36), nullable=False),
        sa.Column("device_seq", sa.BigInteger(), nullable=False),
        sa.Column("entry", sa.Text(), nullable=False, comment="the entry as received (JSON)"),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarantine")),
    )
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarantine_device_id"), ["device_id"], unique=False)

    op.create_table(
        "record",
        sa.Column("entity", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=36), nullable=False),
        sa.Column("data", sa.Text(), nullable=False, comment='{"field": value}'),
        sa.Column(
            "versions",
            sa.Text(),
            nullable=False,
            comment='{"field": [seq, hlc, device_id]} (hlc 0: untrusted)',
        ),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("scope_path", sa.Text(), nullable=False),
        sa.Column("updated_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("entity", "entity_id", name=op.f("pk_record")),
    )
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_record_scope_path"), ["scope_path"], unique=False)

    op.create_table(
        "request_nonce",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("seen_at_ms", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "nonce", name=op.f("pk_request_nonce")),
    )
    with op.batch_alter_table("request_nonce", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_request_nonce_seen_at_ms"), ["seen_at_ms"], unique=False)

    op.create_table(
        "sync_counter",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_counter")),
    )
    # The single row whose lock orders the change log (server.db.ServerDatabase.ordered_write).
    op.execute("INSERT INTO sync_counter (id, value) VALUES (1, 0)")
    op.create_table(
        "cadre",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("username", sa.String(length=40), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("jurisdiction_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["jurisdiction_id"], ["org_unit.id"], name=op.f("fk_cadre_jurisdiction_id_org_unit")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cadre")),
        sa.UniqueConstraint("username", name=op.f("uq_cadre_username")),
    )
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cadre_jurisdiction_id"), ["jurisdiction_id"], unique=False)

    op.create_table(
        "device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("cadre_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("public_key", sa.String(length=100), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_seq", sa.BigInteger(), nullable=False, comment="highest journal seq received"),
        sa.Column("pull_cursor", sa.BigInteger(), nullable=False, comment="change_log seq the device holds"),
        sa.Column("protocol_version", sa.Integer(), nullable=False),
        sa.Column("client_version", sa.String(length=40), nullable=False),
        sa.Column("skew_ms", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_device_cadre_id_cadre")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_device")),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_cadre_id"), ["cadre_id"], unique=False)

    op.create_table(
        "enrollment_code",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("lookup", sa.String(length=16), nullable=False),
        sa.Column("secret_hash", sa.Text(), nullable=False),
        sa.Column("cadre_id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("used_by_device", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["cadre_id"], ["cadre.id"], name=op.f("fk_enrollment_code_cadre_id_cadre")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_enrollment_code")),
        sa.UniqueConstraint("lookup", name=op.f("uq_enrollment_code_lookup")),
    )
    with op.batch_alter_table("enrollment_code", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_enrollment_code_cadre_id"), ["cadre_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("enrollment_code", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_enrollment_code_cadre_id"))

    op.drop_table("enrollment_code")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_cadre_id"))

    op.drop_table("device")
    with op.batch_alter_table("cadre", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cadre_jurisdiction_id"))

    op.drop_table("cadre")
    op.drop_table("sync_counter")
    with op.batch_alter_table("request_nonce", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_request_nonce_seen_at_ms"))

    op.drop_table("request_nonce")
    with op.batch_alter_table("record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_record_scope_path"))

    op.drop_table("record")
    with op.batch_alter_table("quarantine", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarantine_device_id"))

    op.drop_table("quarantine")
    with op.batch_alter_table("org_unit", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_org_unit_path"))
        batch_op.drop_index(batch_op.f("ix_org_unit_parent_id"))

    op.drop_table("org_unit")
    with op.batch_alter_table("conflict", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_seq"))

    op.drop_table("conflict")
    with op.batch_alter_table("change_log", schema=None) as batch_op:
        batch_op.drop_index("ix_change_log_record")

    op.drop_table("change_log")
    with op.batch_alter_table("applied_change", schema=None) as batch_op:
        batch_op.drop_index("uq_applied_change_device_seq")

    op.drop_table("applied_change")
