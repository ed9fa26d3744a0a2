"""jurisdiction paths in byte order, and an index for one entity inside a jurisdiction (issue 20)

Revision ID: s0010
Revises: s0009
Create Date: 2026-12-06 03:30:00

Every sync ends with a digest of the device's jurisdiction (``record … scope_path LIKE 'path%'``, once per
entity), and a pull reads the change log inside it. Under the database's collation (``C.UTF-8``,
``en_US.UTF-8`` …) PostgreSQL cannot serve such a prefix from an index, so each digest scanned the whole
``record`` table: 0.3–1.4 s per entity at 919,000 records, and the township office's pushes queued behind it.

On PostgreSQL ``record.scope_path`` and ``change_log.scope_path`` take the ``C`` collation (byte order, as
SQLite compares anyway): the queries now ask for a range (``models.scope_within``) that an index serves in any
plan. Changing only the collation of a ``text`` column does not rewrite the table; PostgreSQL rebuilds the
indexes on the column, and the tables are analyzed again (the new type drops the column's statistics). The
index on ``scope_path`` alone becomes one on ``(entity, scope_path)``: every query of it names the entity.
At 919,000 records the upgrade took 2.2–2.3 s on a 2-core machine (bench/bench_jurisdiction.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "s0010"
down_revision: str | None = "s0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("record", "change_log")


def _collate(collation: str | None) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in _TABLES:
        op.alter_column(
            table,
            "scope_path",
            type_=sa.Text(collation=collation),
            existing_nullable=False,
        )
        # A new type drops the column's statistics: without them the planner guesses every jurisdiction is
        # small and reads even the county's through the index. Autovacuum would re-analyze only after a tenth
        # of the table changed.
        op.execute(f"ANALYZE {table}")


def upgrade() -> None:
    with op.batch_alter_table("record") as batch:
        batch.drop_index("ix_record_scope_path")
    _collate("C")
    with op.batch_alter_table("record") as batch:
        batch.create_index("ix_record_entity_scope", ["entity", "scope_path"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("record") as batch:
        batch.drop_index("ix_record_entity_scope")
    _collate(None)
    with op.batch_alter_table("record") as batch:
        batch.create_index("ix_record_scope_path", ["scope_path"], unique=False)
