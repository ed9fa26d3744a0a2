"""The subsidy cycle (issue 15): county rules and application windows, the evidence checklist, 公示 lists and
objections, payment batches; the application gains its rule version, declared other aid, 公示, return reason,
joint opinions and payment fields, and states 发放中, 账户已更正 and 已退回 (codes only: no CHECK list).

New shared tables are journaled from the start (env.py installs the journal triggers again after every
migration, naming the new columns of ``subsidy_application`` too).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 18:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from yulu_desktop.store import journal

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_APPLICATION_COLUMNS = (
    sa.Column("rule_version", sa.Integer(), nullable=True),
    sa.Column("other_aid", sa.Text(), server_default="", nullable=False),
    sa.Column("publicity_id", sa.String(36), nullable=True),
    sa.Column("returned_reason", sa.Text(), server_default="", nullable=False),
    sa.Column("joint_opinions", sa.Text(), server_default="", nullable=False),
    sa.Column("payment_batch_id", sa.String(36), nullable=True),
    sa.Column("paid_on", sa.Date(), nullable=True),
    sa.Column("payment_failure", sa.Text(), server_default="", nullable=False),
)


def _fk(column: str, target: str, table: str, *, cascade: bool) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        ondelete="CASCADE" if cascade else "RESTRICT",
    )


def upgrade() -> None:
    for column in _APPLICATION_COLUMNS:
        op.add_column("subsidy_application", column)
    op.create_index("ix_subsidy_application_term_state", "subsidy_application", ["term", "state"])
    op.create_table(
        "subsidy_rule",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("effective_from", sa.Date(), nullable=False),
        sa.Column("household_types", sa.Text(), nullable=False),
        sa.Column("school_types", sa.Text(), nullable=False),
        sa.Column("registry_statuses", sa.Text(), nullable=False),
        sa.Column("exclusive_aids", sa.Text(), server_default="[]", nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("publicity_min_days", sa.Integer(), server_default="5", nullable=False),
        sa.Column("joint_reviewers", sa.Text(), server_default="[]", nullable=False),
        sa.Column("payment_columns", sa.Text(), server_default="[]", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subsidy_rule"),
        sa.UniqueConstraint("county_code", "version", name="uq_subsidy_rule_county_version"),
    )
    op.create_table(
        "subsidy_window",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("county_code", sa.String(12), nullable=False),
        sa.Column("term", sa.String(12), nullable=False),
        sa.Column("opens_on", sa.Date(), nullable=False),
        sa.Column("closes_on", sa.Date(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_subsidy_window"),
        sa.UniqueConstraint("county_code", "term", name="uq_subsidy_window_county_term"),
    )
    op.create_table(
        "subsidy_evidence",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("application_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("provided", sa.Boolean(), server_default="0", nullable=False),
        sa.Column("attachment_id", sa.String(36), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("checked_by", sa.Text(), server_default="", nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=True),
        _fk("application_id", "subsidy_application", "subsidy_evidence", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_subsidy_evidence"),
        sa.UniqueConstraint("application_id", "kind", name="uq_subsidy_evidence_application_kind"),
    )
    op.create_index("ix_subsidy_evidence_application_id", "subsidy_evidence", ["application_id"])
    op.create_table(
        "subsidy_publicity",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("village_id", sa.String(36), nullable=False),
        sa.Column("term", sa.String(12), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("posted_by", sa.Text(), server_default="", nullable=False),
        sa.Column("place", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("village_id", "org_unit", "subsidy_publicity", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_subsidy_publicity"),
    )
    op.create_index("ix_subsidy_publicity_village_id", "subsidy_publicity", ["village_id"])
    op.create_table(
        "subsidy_objection",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("application_id", sa.String(36), nullable=False),
        sa.Column("publicity_id", sa.String(36), nullable=True),
        sa.Column("raised_on", sa.Date(), nullable=False),
        sa.Column("raised_by", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(12), nullable=True),
        sa.Column("outcome_note", sa.Text(), server_default="", nullable=False),
        sa.Column("resolved_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Text(), server_default="", nullable=False),
        _fk("application_id", "subsidy_application", "subsidy_objection", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_subsidy_objection"),
    )
    op.create_index("ix_subsidy_objection_application_id", "subsidy_objection", ["application_id"])
    op.create_table(
        "subsidy_payment_batch",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("county_id", sa.String(36), nullable=False),
        sa.Column("term", sa.String(12), nullable=False),
        sa.Column("batch_no", sa.String(40), nullable=False),
        sa.Column("created_on", sa.Date(), nullable=False),
        sa.Column("created_by", sa.Text(), server_default="", nullable=False),
        sa.Column("item", sa.Text(), server_default="雨露计划补助", nullable=False),
        sa.Column("total_count", sa.Integer(), server_default="0", nullable=False),
        sa.Column("total_fen", sa.Integer(), server_default="0", nullable=False),
        sa.Column("exported_on", sa.Date(), nullable=True),
        sa.Column("result_imported_on", sa.Date(), nullable=True),
        _fk("county_id", "org_unit", "subsidy_payment_batch", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_subsidy_payment_batch"),
        sa.UniqueConstraint("batch_no", name="uq_subsidy_payment_batch_batch_no"),
    )
    op.create_index("ix_subsidy_payment_batch_county_id", "subsidy_payment_batch", ["county_id"])


def downgrade() -> None:
    # The journal triggers name every shared table and column; they are installed again afterwards.
    journal.drop_triggers(op.get_bind())
    for table in (
        "subsidy_payment_batch",
        "subsidy_objection",
        "subsidy_publicity",
        "subsidy_evidence",
        "subsidy_window",
        "subsidy_rule",
    ):
        op.drop_table(table)
    op.drop_index("ix_subsidy_application_term_state", table_name="subsidy_application")
    for column in reversed(_APPLICATION_COLUMNS):
        op.execute(f"ALTER TABLE subsidy_application DROP COLUMN {column.name}")
