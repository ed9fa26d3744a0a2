"""province feed (issue 17): the prov_* projection tables and an index on record.updated_seq

Revision ID: s0009
Revises: s0008
Create Date: 2026-12-06 00:30:00

The county server projects its generic ``record`` rows into small relational ``prov_*`` tables (no clear ID
numbers, phones, accounts, health or income) that it publishes to the province by PostgreSQL logical
replication (``server/province_feed.py``). The feeder follows ``record.updated_seq`` from a cursor kept in
``prov_feed_state``, hence the index on it. The tables are created on SQLite too (the feeder runs there in tests
and small counties), only PostgreSQL can publish them.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0009"
down_revision: str | None = "s0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _key() -> list[sa.Column[str]]:
    return [
        sa.Column("county_code", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
    ]


def upgrade() -> None:
    with op.batch_alter_table("record") as batch:
        batch.create_index("ix_record_updated_seq", ["updated_seq"], unique=False)
    op.create_table(
        "prov_feed_state",
        sa.Column("county_code", sa.String(length=12), nullable=False),
        sa.Column("county_name", sa.Text(), nullable=False),
        sa.Column("feed_version", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False, comment="record.updated_seq fed up to"),
        sa.Column(
            "heartbeat_at", sa.DateTime(timezone=True), nullable=False, comment="the feeder's last run"
        ),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("people", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("county_code", name=op.f("pk_prov_feed_state")),
    )
    op.create_table(
        "prov_unit",
        *_key(),
        sa.Column("code", sa.String(length=20), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("parent_id", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("county_code", "id", name=op.f("pk_prov_unit")),
    )
    op.create_table(
        "prov_household",
        *_key(),
        sa.Column("household_no", sa.String(length=40), nullable=False),
        sa.Column("village_id", sa.String(length=36), nullable=True),
        sa.Column("household_type", sa.String(length=10), nullable=True),
        sa.Column("monitoring_type", sa.String(length=10), nullable=True),
        sa.PrimaryKeyConstraint("county_code", "id", name=op.f("pk_prov_household")),
    )
    op.create_table(
        "prov_person",
        *_key(),
        sa.Column("household_id", sa.String(length=36), nullable=True),
        sa.Column("village_id", sa.String(length=36), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("id_hash", sa.String(length=40), nullable=True, comment="p1: keyed hash (province key)"),
        sa.Column("id_masked", sa.String(length=18), server_default="", nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=True),
        sa.Column("birth_year", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), server_default="normal", nullable=False),
        sa.PrimaryKeyConstraint("county_code", "id", name=op.f("pk_prov_person")),
    )
    with op.batch_alter_table("prov_person") as batch:
        batch.create_index(batch.f("ix_prov_person_id_hash"), ["id_hash"], unique=False)
    op.create_table(
        "prov_enrollment",
        *_key(),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("semester", sa.String(length=6), nullable=False),
        sa.Column("school_name", sa.Text(), nullable=False),
        sa.Column("school_type", sa.String(length=20), nullable=False),
        sa.Column("major", sa.Text(), server_default="", nullable=False),
        sa.Column("registry_status", sa.String(length=12), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("county_code", "id", name=op.f("pk_prov_enrollment")),
    )
    op.create_table(
        "prov_subsidy",
        *_key(),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("term", sa.String(length=12), nullable=False),
        sa.Column("amount_fen", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("paid_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("county_code", "id", name=op.f("pk_prov_subsidy")),
    )
    op.create_table(
        "prov_employment",
        *_key(),
        sa.Column("person_id", sa.String(length=36), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(), nullable=True),
        sa.Column("destination", sa.String(length=16), nullable=False),
        sa.Column("region", sa.String(length=10), nullable=True),
        sa.Column("industry", sa.Text(), server_default="", nullable=False),
        sa.Column("matches_major", sa.Boolean(), nullable=True),
        sa.Column(
            "income_band", sa.String(length=8), server_default="", nullable=False, comment="INCOME_BANDS key"
        ),
        sa.PrimaryKeyConstraint("county_code", "id", name=op.f("pk_prov_employment")),
    )


def downgrade() -> None:
    # A publication names these tables: PostgreSQL drops them from it with the tables (the publication stays).
    for table in ("prov_employment", "prov_subsidy", "prov_enrollment"):
        op.drop_table(table)
    with op.batch_alter_table("prov_person") as batch:
        batch.drop_index(batch.f("ix_prov_person_id_hash"))
    for table in ("prov_person", "prov_household", "prov_unit", "prov_feed_state"):
        op.drop_table(table)
    with op.batch_alter_table("record") as batch:
        batch.drop_index("ix_record_updated_seq")
