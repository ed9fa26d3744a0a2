"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-23 13:16:11.996562
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('attachment_blob',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('data', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('sha256', name=op.f('pk_attachment_blob')),
    comment='Attachment bytes, stored once per content hash inside the encrypted database.'
    )
    op.create_table('audit_log',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('actor', sa.Text(), nullable=False),
    sa.Column('action', sa.String(length=20), nullable=False),
    sa.Column('entity', sa.Text(), server_default='', nullable=False),
    sa.Column('entity_id', sa.Text(), server_default='', nullable=False),
    sa.Column('detail', sa.Text(), server_default='', nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_log'))
    )
    op.create_table('change_journal',
    sa.Column('seq', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('change_id', sa.String(length=36), nullable=False),
    sa.Column('entity', sa.String(length=30), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('op', sa.String(length=1), nullable=False),
    sa.Column('changes', sa.Text(), nullable=False),
    sa.Column('hlc', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('author', sa.Text(), nullable=False),
    sa.Column('created_at', sa.Text(), nullable=False),
    sa.CheckConstraint("op IN ('I', 'U', 'D')", name=op.f('ck_change_journal_op')),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_change_journal')),
    sa.UniqueConstraint('change_id', name=op.f('uq_change_journal_change_id')),
    comment='Local changes of shared data waiting for the county server (written by triggers only).',
    sqlite_autoincrement=True
    )
    with op.batch_alter_table('change_journal', schema=None) as batch_op:
        batch_op.create_index('ix_change_journal_entity', ['entity', 'entity_id'], unique=False)

    op.create_table('device_state',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('author', sa.Text(), server_default='', nullable=False),
    sa.Column('hlc_floor', sa.Integer(), server_default='0', nullable=False),
    sa.Column('applying_remote', sa.Integer(), server_default='0', nullable=False),
    sa.Column('acked_seq', sa.Integer(), server_default='0', nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_device_state_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device_state')),
    comment='This device: its id, who is working, the clock floor and the sync acknowledgement point.'
    )
    # This device's identity, made once, here, so that every journal entry can name its device.
    op.execute(
        "INSERT INTO device_state (id, device_id, author, hlc_floor, applying_remote, acked_seq) VALUES (1, "
        "lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || "
        "substr(lower(hex(randomblob(2))), 2) || '-a' || substr(lower(hex(randomblob(2))), 2) || '-' || "
        "lower(hex(randomblob(6))), '', 0, 0, 0)"
    )
    op.create_table('org_unit',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.CheckConstraint("level IN ('county', 'township', 'village', 'group')", name=op.f('ck_org_unit_level')),
    sa.ForeignKeyConstraint(['parent_id'], ['org_unit.id'], name=op.f('fk_org_unit_parent_id_org_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_org_unit')),
    sa.UniqueConstraint('code', name=op.f('uq_org_unit_code'))
    )
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_org_unit_parent_id'), ['parent_id'], unique=False)

    op.create_table('subsidy_setting',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('county_code', sa.String(length=12), nullable=False),
    sa.Column('school_type', sa.String(length=20), nullable=False),
    sa.Column('annual_amount_fen', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_setting')),
    sa.UniqueConstraint('county_code', 'school_type', 'effective_from', name='uq_subsidy_setting_key')
    )
    op.create_table('cadre_account',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('jurisdiction_id', sa.String(length=36), nullable=False),
    sa.Column('phone', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['jurisdiction_id'], ['org_unit.id'], name=op.f('fk_cadre_account_jurisdiction_id_org_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cadre_account')),
    sa.UniqueConstraint('username', name=op.f('uq_cadre_account_username'))
    )
    with op.batch_alter_table('cadre_account', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cadre_account_jurisdiction_id'), ['jurisdiction_id'], unique=False)

    op.create_table('household',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('household_no', sa.String(length=40), nullable=False),
    sa.Column('village_id', sa.String(length=36), nullable=False),
    sa.Column('group_name', sa.Text(), server_default='', nullable=False),
    sa.Column('address', sa.Text(), server_default='', nullable=False),
    sa.Column('household_type', sa.String(length=10), nullable=False),
    sa.Column('monitoring_type', sa.String(length=10), nullable=True),
    sa.Column('risk_causes', sa.Text(), server_default='', nullable=False),
    sa.Column('risk_identified_on', sa.Date(), nullable=True),
    sa.Column('risk_eliminated', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('risk_eliminated_on', sa.Date(), nullable=True),
    sa.Column('income_per_capita_fen', sa.Integer(), nullable=True),
    sa.Column('contact_phone', sa.Text(), server_default='', nullable=False),
    sa.Column('payee_name', sa.Text(), server_default='', nullable=False),
    sa.Column('payee_bank', sa.Text(), server_default='', nullable=False),
    sa.Column('payee_account', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['village_id'], ['org_unit.id'], name=op.f('fk_household_village_id_org_unit'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_household')),
    sa.UniqueConstraint('household_no', name=op.f('uq_household_household_no'))
    )
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_household_village_id'), ['village_id'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('person_no', sa.String(length=40), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('sex', sa.String(length=1), nullable=True),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('relationship', sa.String(length=2), nullable=False),
    sa.Column('ethnicity', sa.Text(), server_default='', nullable=False),
    sa.Column('education', sa.String(length=24), nullable=True),
    sa.Column('student_status', sa.String(length=24), nullable=True),
    sa.Column('health', sa.String(length=12), nullable=True),
    sa.Column('disability', sa.Text(), server_default='', nullable=False),
    sa.Column('skills', sa.String(length=12), nullable=True),
    sa.Column('phone', sa.Text(), server_default='', nullable=False),
    sa.Column('status', sa.String(length=12), server_default='normal', nullable=False),
    sa.Column('search_key', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_person_household_id_household'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_person')),
    sa.UniqueConstraint('id_number', name=op.f('uq_person_id_number')),
    sa.UniqueConstraint('person_no', name=op.f('uq_person_person_no'))
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_household_id'), ['household_id'], unique=False)
        batch_op.create_index('ix_person_name', ['name'], unique=False)
        batch_op.create_index('ix_person_phone', ['phone'], unique=False)

    op.create_table('attachment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('filename', sa.Text(), nullable=False),
    sa.Column('mime_type', sa.String(length=60), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('note', sa.Text(), server_default='', nullable=False),
    sa.Column('added_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_attachment_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)

    op.create_table('employment_record',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('destination', sa.String(length=16), nullable=False),
    sa.Column('employer', sa.Text(), server_default='', nullable=False),
    sa.Column('industry', sa.Text(), server_default='', nullable=False),
    sa.Column('job', sa.Text(), server_default='', nullable=False),
    sa.Column('place', sa.Text(), server_default='', nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=True),
    sa.Column('monthly_income_fen', sa.Integer(), nullable=True),
    sa.Column('matches_major', sa.Boolean(), nullable=True),
    sa.Column('change_reason', sa.Text(), server_default='', nullable=False),
    sa.Column('source', sa.String(length=12), nullable=False),
    sa.Column('verified_by', sa.Text(), server_default='', nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_employment_record_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_employment_record'))
    )
    with op.batch_alter_table('employment_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_employment_record_person_id'), ['person_id'], unique=False)

    op.create_table('enrollment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('school_year', sa.String(length=9), nullable=False),
    sa.Column('semester', sa.String(length=6), nullable=False),
    sa.Column('school_name', sa.Text(), nullable=False),
    sa.Column('school_type', sa.String(length=20), nullable=False),
    sa.Column('major', sa.Text(), server_default='', nullable=False),
    sa.Column('length_years', sa.Integer(), server_default='3', nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=True),
    sa.Column('grade', sa.Text(), server_default='', nullable=False),
    sa.Column('registry_no', sa.Text(), server_default='', nullable=False),
    sa.Column('registry_status', sa.String(length=12), server_default='enrolled', nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_enrollment_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_enrollment')),
    sa.UniqueConstraint('person_id', 'school_year', 'semester', name='uq_enrollment_person_term')
    )
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_enrollment_person_id'), ['person_id'], unique=False)

    op.create_table('intent',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('wants_vocational', sa.Boolean(), server_default='1', nullable=False),
    sa.Column('desired_school_type', sa.String(length=20), nullable=True),
    sa.Column('desired_school', sa.Text(), server_default='', nullable=False),
    sa.Column('desired_major', sa.Text(), server_default='', nullable=False),
    sa.Column('expected_year', sa.Integer(), nullable=True),
    sa.Column('wants_employment_help', sa.Boolean(), server_default='0', nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('recorded_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_intent_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_intent'))
    )
    with op.batch_alter_table('intent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_intent_person_id'), ['person_id'], unique=False)

    op.create_table('training',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('provider', sa.Text(), server_default='', nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('certificate_no', sa.Text(), server_default='', nullable=False),
    sa.Column('certificate_level', sa.Text(), server_default='', nullable=False),
    sa.Column('issued_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_training_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_training'))
    )
    with op.batch_alter_table('training', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_training_person_id'), ['person_id'], unique=False)

    op.create_table('visit',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('household_id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=True),
    sa.Column('visit_date', sa.Date(), nullable=False),
    sa.Column('visitor_name', sa.Text(), nullable=False),
    sa.Column('visitor_role', sa.String(length=20), nullable=False),
    sa.Column('mode', sa.String(length=10), nullable=False),
    sa.Column('purpose', sa.String(length=12), nullable=False),
    sa.Column('notes', sa.Text(), server_default='', nullable=False),
    sa.Column('problems', sa.Text(), server_default='', nullable=False),
    sa.Column('requests', sa.Text(), server_default='', nullable=False),
    sa.Column('follow_up', sa.Text(), server_default='', nullable=False),
    sa.Column('follow_up_due', sa.Date(), nullable=True),
    sa.Column('follow_up_done_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['household_id'], ['household.id'], name=op.f('fk_visit_household_id_household'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_visit_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_visit'))
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_visit_follow_up_due'), ['follow_up_due'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_household_id'), ['household_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_person_id'), ['person_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_visit_visit_date'), ['visit_date'], unique=False)

    op.create_table('subsidy_application',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('person_id', sa.String(length=36), nullable=False),
    sa.Column('enrollment_id', sa.String(length=36), nullable=True),
    sa.Column('term', sa.String(length=12), nullable=False),
    sa.Column('amount_fen', sa.Integer(), nullable=False),
    sa.Column('payee_name', sa.Text(), server_default='', nullable=False),
    sa.Column('payee_account', sa.Text(), server_default='', nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('village_opinion', sa.Text(), server_default='', nullable=False),
    sa.Column('township_opinion', sa.Text(), server_default='', nullable=False),
    sa.Column('county_opinion', sa.Text(), server_default='', nullable=False),
    sa.Column('reason', sa.Text(), server_default='', nullable=False),
    sa.ForeignKeyConstraint(['enrollment_id'], ['enrollment.id'], name=op.f('fk_subsidy_application_enrollment_id_enrollment'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_subsidy_application_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subsidy_application')),
    sa.UniqueConstraint('person_id', 'term', name='uq_subsidy_application_person_term')
    )
    with op.batch_alter_table('subsidy_application', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_subsidy_application_enrollment_id'), ['enrollment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_subsidy_application_person_id'), ['person_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('subsidy_application', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_subsidy_application_person_id'))
        batch_op.drop_index(batch_op.f('ix_subsidy_application_enrollment_id'))

    op.drop_table('subsidy_application')
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_visit_visit_date'))
        batch_op.drop_index(batch_op.f('ix_visit_person_id'))
        batch_op.drop_index(batch_op.f('ix_visit_household_id'))
        batch_op.drop_index(batch_op.f('ix_visit_follow_up_due'))

    op.drop_table('visit')
    with op.batch_alter_table('training', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_training_person_id'))

    op.drop_table('training')
    with op.batch_alter_table('intent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_intent_person_id'))

    op.drop_table('intent')
    with op.batch_alter_table('enrollment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_enrollment_person_id'))

    op.drop_table('enrollment')
    with op.batch_alter_table('employment_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_employment_record_person_id'))

    op.drop_table('employment_record')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_person_id'))

    op.drop_table('attachment')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_phone')
        batch_op.drop_index('ix_person_name')
        batch_op.drop_index(batch_op.f('ix_person_household_id'))

    op.drop_table('person')
    with op.batch_alter_table('household', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_household_village_id'))

    op.drop_table('household')
    with op.batch_alter_table('cadre_account', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cadre_account_jurisdiction_id'))

    op.drop_table('cadre_account')
    op.drop_table('subsidy_setting')
    with op.batch_alter_table('org_unit', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_org_unit_parent_id'))

    op.drop_table('org_unit')
    op.drop_table('device_state')
    with op.batch_alter_table('change_journal', schema=None) as batch_op:
        batch_op.drop_index('ix_change_journal_entity')

    op.drop_table('change_journal')
    op.drop_table('audit_log')
    op.drop_table('attachment_blob')
