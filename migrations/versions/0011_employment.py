"""Employment (雨露计划+ 就业, issue 16): schools, enterprises and agreements (county reference data), positions
and job fairs (county or township), and per person fair invitations, referrals, follow-ups after a start (稳岗),
career plans, policy campaigns reached and the next action for a graduate not employed. Employment entries gain
their region (县内/省内县外/省外) and the referral whose hire they record; destinations 灵活就业 and 公益性岗位 are new
codes (no CHECK list).

New shared tables are journaled from the start (env.py installs the journal triggers again after every
migration, naming the new columns of ``employment_record`` too).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 21:30:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from yulu_desktop.store import journal

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_EMPLOYMENT_RECORD_COLUMNS = (
    sa.Column("region", sa.String(10), nullable=True),
    sa.Column("referral_id", sa.String(36), nullable=True),
)

_NEW_TABLES = (
    "school",
    "enterprise",
    "employment_agreement",
    "job_position",
    "job_fair",
    "fair_invitation",
    "job_referral",
    "employment_follow_up",
    "career_plan",
    "policy_campaign",
    "campaign_reach",
    "placement_action",
)


def _fk(column: str, target: str, table: str, *, cascade: bool) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        [f"{target}.id"],
        name=f"fk_{table}_{column}_{target}",
        ondelete="CASCADE" if cascade else "RESTRICT",
    )


def upgrade() -> None:
    for column in _EMPLOYMENT_RECORD_COLUMNS:
        op.add_column("employment_record", column)
    op.create_table(
        "school",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("county_id", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("level", sa.String(12), nullable=False),
        sa.Column("place", sa.Text(), server_default="", nullable=False),
        sa.Column("majors", sa.Text(), server_default="[]", nullable=False),
        sa.Column("contact", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("county_id", "org_unit", "school", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_school"),
    )
    op.create_index("ix_school_county_id", "school", ["county_id"])
    op.create_table(
        "enterprise",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("county_id", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("credit_code", sa.String(18), nullable=True),
        sa.Column("industry", sa.String(20), nullable=False),
        sa.Column("place", sa.Text(), server_default="", nullable=False),
        sa.Column("region", sa.String(10), nullable=False),
        sa.Column("contact_name", sa.Text(), server_default="", nullable=False),
        sa.Column("contact_phone", sa.Text(), server_default="", nullable=False),
        sa.Column("pairing", sa.String(12), server_default="local", nullable=False),
        sa.Column("pairing_partner", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("county_id", "org_unit", "enterprise", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_enterprise"),
    )
    op.create_index("ix_enterprise_county_id", "enterprise", ["county_id"])
    op.create_table(
        "employment_agreement",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("county_id", sa.String(36), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("school_id", sa.String(36), nullable=True),
        sa.Column("enterprise_ids", sa.Text(), server_default="[]", nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=True),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("majors", sa.Text(), server_default="[]", nullable=False),
        sa.Column("places_per_year", sa.Integer(), nullable=True),
        sa.Column("support", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("county_id", "org_unit", "employment_agreement", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_employment_agreement"),
    )
    op.create_index("ix_employment_agreement_county_id", "employment_agreement", ["county_id"])
    op.create_table(
        "job_position",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("unit_id", sa.String(36), nullable=False),
        sa.Column("enterprise_id", sa.String(36), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), server_default="", nullable=False),
        sa.Column("region", sa.String(10), nullable=False),
        sa.Column("pay_min_fen", sa.Integer(), nullable=True),
        sa.Column("pay_max_fen", sa.Integer(), nullable=True),
        sa.Column("majors", sa.Text(), server_default="[]", nullable=False),
        sa.Column("skill_level", sa.String(10), server_default="none", nullable=False),
        sa.Column("openings", sa.Integer(), server_default="1", nullable=False),
        sa.Column("posted_on", sa.Date(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("agreement_id", sa.String(36), nullable=True),
        sa.Column("fair_id", sa.String(36), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("unit_id", "org_unit", "job_position", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_job_position"),
    )
    op.create_index("ix_job_position_enterprise_id", "job_position", ["enterprise_id"])
    op.create_index("ix_job_position_unit_id", "job_position", ["unit_id"])
    op.create_table(
        "job_fair",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("unit_id", sa.String(36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("place", sa.Text(), server_default="", nullable=False),
        sa.Column("school_ids", sa.Text(), server_default="[]", nullable=False),
        sa.Column("enterprise_ids", sa.Text(), server_default="[]", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("unit_id", "org_unit", "job_fair", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_job_fair"),
    )
    op.create_index("ix_job_fair_unit_id", "job_fair", ["unit_id"])
    op.create_table(
        "fair_invitation",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("fair_id", sa.String(36), nullable=False),
        sa.Column("invited_on", sa.Date(), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("person_id", "person", "fair_invitation", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_fair_invitation"),
    )
    op.create_index("ix_fair_invitation_fair_id", "fair_invitation", ["fair_id"])
    op.create_index("ix_fair_invitation_person_id", "fair_invitation", ["person_id"])
    op.create_table(
        "job_referral",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("position_id", sa.String(36), nullable=False),
        sa.Column("fair_id", sa.String(36), nullable=True),
        sa.Column("referred_on", sa.Date(), nullable=False),
        sa.Column("referred_by", sa.Text(), server_default="", nullable=False),
        sa.Column("state", sa.String(12), server_default="referred", nullable=False),
        sa.Column("outcome_on", sa.Date(), nullable=True),
        sa.Column("outcome_reason", sa.Text(), server_default="", nullable=False),
        sa.Column("employment_record_id", sa.String(36), nullable=True),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("person_id", "person", "job_referral", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_job_referral"),
    )
    op.create_index("ix_job_referral_person_id", "job_referral", ["person_id"])
    op.create_index("ix_job_referral_position_id", "job_referral", ["position_id"])
    op.create_table(
        "employment_follow_up",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("employment_record_id", sa.String(36), nullable=False),
        sa.Column("due_month", sa.Integer(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=False),
        sa.Column("mode", sa.String(10), server_default="phone", nullable=False),
        sa.Column("still_employed", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        sa.Column("followed_by", sa.Text(), server_default="", nullable=False),
        _fk("person_id", "person", "employment_follow_up", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_employment_follow_up"),
    )
    op.create_index(
        "ix_employment_follow_up_employment_record_id", "employment_follow_up", ["employment_record_id"]
    )
    op.create_index("ix_employment_follow_up_person_id", "employment_follow_up", ["person_id"])
    op.create_table(
        "career_plan",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("stage", sa.String(20), server_default="in_school", nullable=False),
        sa.Column("goal", sa.Text(), server_default="", nullable=False),
        sa.Column("school_name", sa.Text(), server_default="", nullable=False),
        sa.Column("major", sa.Text(), server_default="", nullable=False),
        sa.Column("reason", sa.Text(), server_default="", nullable=False),
        sa.Column("wanted_region", sa.String(10), nullable=True),
        sa.Column("wanted_income_fen", sa.Integer(), nullable=True),
        sa.Column("wanted_industry", sa.String(20), nullable=True),
        sa.Column("recorded_by", sa.Text(), server_default="", nullable=False),
        sa.Column("visit_id", sa.String(36), nullable=True),
        _fk("person_id", "person", "career_plan", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_career_plan"),
    )
    op.create_index("ix_career_plan_person_id", "career_plan", ["person_id"])
    op.create_table(
        "policy_campaign",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("unit_id", sa.String(36), nullable=False),
        sa.Column("moment", sa.String(20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("topic", sa.Text(), nullable=False),
        sa.Column("place", sa.Text(), server_default="", nullable=False),
        sa.Column("held_by", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("unit_id", "org_unit", "policy_campaign", cascade=False),
        sa.PrimaryKeyConstraint("id", name="pk_policy_campaign"),
    )
    op.create_index("ix_policy_campaign_unit_id", "policy_campaign", ["unit_id"])
    op.create_table(
        "campaign_reach",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("campaign_id", sa.String(36), nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("person_id", "person", "campaign_reach", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_campaign_reach"),
    )
    op.create_index("ix_campaign_reach_campaign_id", "campaign_reach", ["campaign_id"])
    op.create_index("ix_campaign_reach_person_id", "campaign_reach", ["person_id"])
    op.create_table(
        "placement_action",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("person_id", sa.String(36), nullable=False),
        sa.Column("recorded_on", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(12), nullable=False),
        sa.Column("next_action", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("recorded_by", sa.Text(), server_default="", nullable=False),
        sa.Column("note", sa.Text(), server_default="", nullable=False),
        _fk("person_id", "person", "placement_action", cascade=True),
        sa.PrimaryKeyConstraint("id", name="pk_placement_action"),
    )
    op.create_index("ix_placement_action_person_id", "placement_action", ["person_id"])


def downgrade() -> None:
    # The journal triggers name every shared table and column; they are installed again afterwards.
    journal.drop_triggers(op.get_bind())
    for table in reversed(_NEW_TABLES):
        op.drop_table(table)
    for column in reversed(_EMPLOYMENT_RECORD_COLUMNS):
        op.execute(f"ALTER TABLE employment_record DROP COLUMN {column.name}")
