"""province_county.slot_name: each subscriber database's own replication slot on the county

Revision ID: p0002
Revises: p0001
Create Date: 2026-12-20 00:00:00

A city bureau and the province may each subscribe to the same county. PostgreSQL names a subscription's slot on
the publisher after the subscription, and every subscriber calls its subscription ``yulu_c<code>``, so from now
on ``add-county`` names the slot ``yulu_c<code>_<subscriber>`` and keeps the name here (``province.counties``).
Counties subscribed before keep their slot: the column is filled from the subscription's own slot in the catalog
(``pg_subscription.subslotname``), else the subscription's name, which was the slot's name.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "p0002"
down_revision: str | None = "p0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("ALTER TABLE province_county ADD COLUMN slot_name text")
    op.execute(
        """
        UPDATE province_county c SET slot_name = COALESCE(
            (SELECT s.subslotname FROM pg_subscription s
             WHERE s.subname = c.subscription
               AND s.subdbid = (SELECT oid FROM pg_database WHERE datname = current_database())),
            c.subscription)
        """
    )
    op.execute("ALTER TABLE province_county ALTER COLUMN slot_name SET NOT NULL")


def downgrade() -> None:
    op.execute("ALTER TABLE province_county DROP COLUMN slot_name")
