"""entries voided in error (visits, trainings, employment), the end of a schooling, the national export's own
text of unknown descriptive values, and the cadre's phone

Plain ``ADD COLUMN`` / ``DROP COLUMN`` (SQLite >= 3.35): no table is rebuilt, so the journal and search triggers
of the other tables stay valid; env.py installs the journal triggers again after every migration.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 15:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from yulu_desktop.store import journal

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

VOIDABLE = ("visit", "training", "employment_record")

_COLUMNS: list[tuple[str, str, str]] = [
    *(
        (table, column, kind)
        for table in VOIDABLE
        for column, kind in (
            ("voided_on", "DATE"),
            ("void_reason", "TEXT DEFAULT '' NOT NULL"),
            ("voided_by", "TEXT DEFAULT '' NOT NULL"),
        )
    ),
    ("enrollment", "ended_on", "DATE"),
    ("person", "raw_values", "TEXT DEFAULT '' NOT NULL"),
    ("sync_state", "cadre_phone", "TEXT DEFAULT '' NOT NULL"),
]


#: 今日工作 lists graduates without a job: their graduated enrollments, found without reading every enrollment.
_GRADUATED_INDEX = (
    "CREATE INDEX ix_enrollment_graduated ON enrollment (person_id) WHERE registry_status = 'graduated'"
)


def upgrade() -> None:
    for table, column, kind in _COLUMNS:
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
    op.execute(_GRADUATED_INDEX)


def downgrade() -> None:
    # The journal triggers name every column; they are installed again (without these) after the downgrade.
    journal.drop_triggers(op.get_bind())
    op.execute("DROP INDEX IF EXISTS ix_enrollment_graduated")
    for table, column, _kind in reversed(_COLUMNS):
        op.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
