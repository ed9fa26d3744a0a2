"""人口变动: the history of household members (登记, 出生, 婚入/婚出, 分户, 迁出/迁入, 死亡, 注销)

A new shared table ``membership_change`` (journaled and synced like the others; its parent is the person, so
it moves with the person's scope). env.py installs the journal triggers again after every migration, so the
new table is journaled from the start.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 15:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from yulu_desktop.store import journal

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "membership_change",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(12), nullable=False),
        sa.Column("happened_on", sa.Date(), nullable=False),
        sa.Column("from_household_id", sa.String(36), nullable=True),
        sa.Column("to_household_id", sa.String(36), nullable=True),
        sa.Column("from_place", sa.Text(), server_default="", nullable=False),
        sa.Column("to_place", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("recorded_by", sa.Text(), server_default="", nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name="fk_membership_change_person_id_person",
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_membership_change"),
    )
    op.create_index("ix_membership_change_person_id", "membership_change", ["person_id"])
    op.create_index("ix_membership_change_person_date", "membership_change", ["person_id", "happened_on"])


def downgrade() -> None:
    # The journal triggers name every shared table; they are installed again (without this one) afterwards.
    journal.drop_triggers(op.get_bind())
    op.drop_index("ix_membership_change_person_date", table_name="membership_change")
    op.drop_index("ix_membership_change_person_id", table_name="membership_change")
    op.drop_table("membership_change")
