"""Tables of the local database and the mapping of the domain dataclasses onto them.

The domain classes stay plain Python (``domain.entities``); this module maps them imperatively, so services get
real domain objects out of the ORM. Constraint names follow one naming convention so that migrations are stable.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import registry

from yulu_desktop.domain import entities

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)
mapper_registry = registry(metadata=metadata)


def _id() -> Column[str]:
    return Column("id", String(36), primary_key=True)


def _fk(name: str, target: str, *, nullable: bool = False, cascade: bool = True) -> Column[str]:
    return Column(
        name,
        String(36),
        ForeignKey(f"{target}.id", ondelete="CASCADE" if cascade else "RESTRICT"),
        nullable=nullable,
        index=True,
    )


def _text(name: str) -> Column[str]:
    return Column(name, Text, nullable=False, server_default="")


org_unit = Table(
    "org_unit",
    metadata,
    _id(),
    Column("code", String(20), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("level", String(10), nullable=False),
    _fk("parent_id", "org_unit", nullable=True, cascade=False),
    CheckConstraint("level IN ('county', 'township', 'village', 'group')", name="level"),
)

household = Table(
    "household",
    metadata,
    _id(),
    Column("household_no", String(40), nullable=False, unique=True),
    _fk("village_id", "org_unit", cascade=False),
    _text("group_name"),
    _text("address"),
    Column("household_type", String(10), nullable=False),
    Column("monitoring_type", String(10)),
    _text("risk_causes"),
    Column("risk_identified_on", Date),
    Column("risk_eliminated", Boolean, nullable=False, server_default="0"),
    Column("risk_eliminated_on", Date),
    Column("income_per_capita_fen", Integer),
    _text("contact_phone"),
    _text("payee_name"),
    _text("payee_bank"),
    _text("payee_account"),
)

person = Table(
    "person",
    metadata,
    _id(),
    _fk("household_id", "household"),
    Column("person_no", String(40), unique=True),
    Column("name", Text, nullable=False),
    Column("id_number", String(18), unique=True),
    Column("sex", String(1)),
    Column("birth_date", Date),
    Column("relationship", String(2), nullable=False),
    _text("ethnicity"),
    Column("education", String(24)),
    Column("student_status", String(24)),
    Column("health", String(12)),
    _text("disability"),
    Column("skills", String(12)),
    _text("phone"),
    Column("status", String(12), nullable=False, server_default="normal"),
    _text("raw_values"),  # migration 0006
    _text("search_key"),
    Index("ix_person_name", "name"),
    Index("ix_person_phone", "phone"),
    # Migration 0009: list pages read in index order (services.lists), each household's people head first.
    # Also from 0009, in SQL only (SQLAlchemy cannot reflect an expression index, so it is not declared here):
    # ix_person_pinyin ON person (lower(substr(search_key, instr(search_key, ' ') + 1)), id) — people by pinyin.
    Index("ix_person_household_order", "household_id", "relationship", "id"),
)

enrollment = Table(
    "enrollment",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("school_year", String(9), nullable=False),
    Column("semester", String(6), nullable=False),
    Column("school_name", Text, nullable=False),
    Column("school_type", String(20), nullable=False),
    _text("major"),
    Column("length_years", Integer, nullable=False, server_default="3"),
    Column("entry_date", Date),
    _text("grade"),
    _text("registry_no"),
    Column("registry_status", String(12), nullable=False, server_default="enrolled"),
    Column("ended_on", Date),  # migration 0006
    UniqueConstraint("person_id", "school_year", "semester", name="uq_enrollment_person_term"),
    Index("ix_enrollment_term", "school_year", "semester"),
    # Migration 0006: graduates for 今日工作 without reading every enrollment.
    Index("ix_enrollment_graduated", "person_id", sqlite_where=text("registry_status = 'graduated'")),
)

intent = Table(
    "intent",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("wants_vocational", Boolean, nullable=False, server_default="1"),
    Column("desired_school_type", String(20)),
    _text("desired_school"),
    _text("desired_major"),
    Column("expected_year", Integer),
    Column("wants_employment_help", Boolean, nullable=False, server_default="0"),
    _text("notes"),
    Column("recorded_on", Date, nullable=False),
    Index("ix_intent_person_recorded", "person_id", "recorded_on"),
)

visit = Table(
    "visit",
    metadata,
    _id(),
    _fk("household_id", "household"),
    _fk("person_id", "person", nullable=True),
    Column("visit_date", Date, nullable=False, index=True),
    Column("visitor_name", Text, nullable=False),
    Column("visitor_role", String(20), nullable=False),
    Column("mode", String(10), nullable=False),
    Column("purpose", String(12), nullable=False),
    _text("notes"),
    _text("problems"),
    _text("requests"),
    _text("follow_up"),
    Column("follow_up_due", Date, index=True),
    Column("follow_up_done_on", Date),
    # Migration 0006: voided in error (作废), never erased.
    Column("voided_on", Date),
    _text("void_reason"),
    _text("voided_by"),
    # The follow-ups-due view reads only open promises, ordered by due date.
    Index("ix_visit_open_follow_up", "follow_up_due", sqlite_where=text("follow_up_done_on IS NULL")),
    # Migration 0009: the visits list's order. The migration makes visit_date DESC (newest visit first, as the
    # list sorts); declared ascending here because a descending column cannot be declared without an expression,
    # and SQLAlchemy reflects it as a plain column.
    Index("ix_visit_worklist", "follow_up_due", "visit_date", "id", sqlite_where=text("voided_on IS NULL")),
)

training = Table(
    "training",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("kind", String(12), nullable=False),
    Column("name", Text, nullable=False),
    _text("provider"),
    Column("start_date", Date),
    Column("end_date", Date),
    _text("certificate_no"),
    _text("certificate_level"),
    Column("issued_on", Date),
    # Migration 0006: voided in error (作废), never erased.
    Column("voided_on", Date),
    _text("void_reason"),
    _text("voided_by"),
)

employment_record = Table(
    "employment_record",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("effective_date", Date, nullable=False),
    Column("destination", String(16), nullable=False),
    _text("employer"),
    _text("industry"),
    _text("job"),
    _text("place"),
    Column("channel", String(20)),
    Column("monthly_income_fen", Integer),
    Column("matches_major", Boolean),
    _text("change_reason"),
    Column("source", String(12), nullable=False),
    _text("verified_by"),
    Column("recorded_at", DateTime, nullable=False),
    # Migration 0006: voided in error (作废), never erased.
    Column("voided_on", Date),
    _text("void_reason"),
    _text("voided_by"),
    # Migration 0011 (issue 16): where the job is, and the referral whose hire this entry records (no foreign key).
    Column("region", String(10)),
    Column("referral_id", String(36)),
    Index("ix_employment_record_person_date", "person_id", "effective_date"),
    # Migration 0009: graduates by their latest change, and each person's latest entry, without voided ones.
    Index(
        "ix_employment_record_current",
        "effective_date",
        "recorded_at",
        "id",
        sqlite_where=text("voided_on IS NULL"),
    ),
    Index(
        "ix_employment_record_person_current",
        "person_id",
        "effective_date",
        "recorded_at",
        "id",
        sqlite_where=text("voided_on IS NULL"),
    ),
)

subsidy_setting = Table(
    "subsidy_setting",
    metadata,
    _id(),
    Column("county_code", String(12), nullable=False),
    Column("school_type", String(20), nullable=False),
    Column("annual_amount_fen", Integer, nullable=False),
    Column("effective_from", Date, nullable=False),
    UniqueConstraint("county_code", "school_type", "effective_from", name="uq_subsidy_setting_key"),
)

subsidy_application = Table(
    "subsidy_application",
    metadata,
    _id(),
    _fk("person_id", "person"),
    _fk("enrollment_id", "enrollment", nullable=True, cascade=False),
    Column("term", String(12), nullable=False),
    Column("amount_fen", Integer, nullable=False),
    _text("payee_name"),
    _text("payee_account"),
    Column("state", String(20), nullable=False),
    Column("applied_on", Date, nullable=False),
    _text("village_opinion"),
    _text("township_opinion"),
    _text("county_opinion"),
    _text("reason"),
    UniqueConstraint("person_id", "term", name="uq_subsidy_application_person_term"),
    # Migration 0010 (issue 15): the subsidy cycle. No foreign keys to the 公示 and the payment batch: a
    # village laptop never holds the county's batches.
    Column("rule_version", Integer),
    _text("other_aid"),
    Column("publicity_id", String(36)),
    _text("returned_reason"),
    _text("joint_opinions"),
    Column("payment_batch_id", String(36)),
    Column("paid_on", Date),
    _text("payment_failure"),
    Index("ix_subsidy_application_term_state", "term", "state"),
    # Migration 0012: the day the county approved it (县审定), from which payment is overdue. Empty on applications
    # approved by laptops of the release before (the dashboard counts from the end of their 公示).
    Column("county_approved_on", Date),
)

attachment = Table(
    "attachment",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("kind", String(20), nullable=False),
    Column("filename", Text, nullable=False),
    Column("mime_type", String(60), nullable=False),
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False, index=True),
    _text("note"),
    Column("added_on", Date, nullable=False),
    Column("original_sha256", String(64)),
)

# Migration 0007: 人口变动 history of household members (births, marriages, 分户, moves, deaths).
membership_change = Table(
    "membership_change",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("kind", String(12), nullable=False),
    Column("happened_on", Date, nullable=False),
    # No foreign keys: the other household may be outside this laptop's jurisdiction.
    Column("from_household_id", String(36)),
    Column("to_household_id", String(36)),
    _text("from_place"),
    _text("to_place"),
    _text("note"),
    _text("recorded_by"),
    Index("ix_membership_change_person_date", "person_id", "happened_on"),
)

# --- the subsidy cycle (issue 15, migration 0010) ---------------------------------------------------------

subsidy_rule = Table(
    "subsidy_rule",
    metadata,
    _id(),
    Column("county_code", String(12), nullable=False),
    Column("version", Integer, nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("household_types", Text, nullable=False),
    Column("school_types", Text, nullable=False),
    Column("registry_statuses", Text, nullable=False),
    Column("exclusive_aids", Text, nullable=False, server_default="[]"),
    Column("evidence", Text, nullable=False),
    Column("publicity_min_days", Integer, nullable=False, server_default="5"),
    Column("joint_reviewers", Text, nullable=False, server_default="[]"),
    Column("payment_columns", Text, nullable=False, server_default="[]"),
    _text("note"),
    UniqueConstraint("county_code", "version", name="uq_subsidy_rule_county_version"),
)

subsidy_window = Table(
    "subsidy_window",
    metadata,
    _id(),
    Column("county_code", String(12), nullable=False),
    Column("term", String(12), nullable=False),
    Column("opens_on", Date, nullable=False),
    Column("closes_on", Date, nullable=False),
    UniqueConstraint("county_code", "term", name="uq_subsidy_window_county_term"),
)

subsidy_evidence = Table(
    "subsidy_evidence",
    metadata,
    _id(),
    _fk("application_id", "subsidy_application"),
    Column("kind", String(20), nullable=False),
    Column("provided", Boolean, nullable=False, server_default="0"),
    # No foreign key: the scan is the person's attachment, synced on its own.
    Column("attachment_id", String(36)),
    _text("note"),
    _text("checked_by"),
    Column("checked_on", Date),
    UniqueConstraint("application_id", "kind", name="uq_subsidy_evidence_application_kind"),
)

subsidy_publicity = Table(
    "subsidy_publicity",
    metadata,
    _id(),
    _fk("village_id", "org_unit", cascade=False),
    Column("term", String(12), nullable=False),
    Column("starts_on", Date, nullable=False),
    Column("ends_on", Date, nullable=False),
    _text("posted_by"),
    _text("place"),
    _text("note"),
)

subsidy_objection = Table(
    "subsidy_objection",
    metadata,
    _id(),
    _fk("application_id", "subsidy_application"),
    Column("publicity_id", String(36)),
    Column("raised_on", Date, nullable=False),
    Column("raised_by", Text, nullable=False),
    Column("content", Text, nullable=False),
    Column("outcome", String(12)),
    _text("outcome_note"),
    Column("resolved_on", Date),
    _text("recorded_by"),
)

subsidy_payment_batch = Table(
    "subsidy_payment_batch",
    metadata,
    _id(),
    _fk("county_id", "org_unit", cascade=False),
    Column("term", String(12), nullable=False),
    Column("batch_no", String(40), nullable=False),
    Column("created_on", Date, nullable=False),
    _text("created_by"),
    Column("item", Text, nullable=False, server_default="雨露计划补助"),
    Column("total_count", Integer, nullable=False, server_default="0"),
    Column("total_fen", Integer, nullable=False, server_default="0"),
    Column("exported_on", Date),
    Column("result_imported_on", Date),
    UniqueConstraint("batch_no", name="uq_subsidy_payment_batch_batch_no"),
)

# --- local tables (not shared) -------------------------------------------------------------------------

attachment_blob = Table(
    "attachment_blob",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("data", LargeBinary, nullable=False),
    comment="Attachment bytes, stored once per content hash inside the encrypted database.",
)

cadre_account = Table(
    "cadre_account",
    metadata,
    _id(),
    Column("username", String(40), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("role", String(10), nullable=False),
    _fk("jurisdiction_id", "org_unit", cascade=False),
    _text("phone"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("action", String(20), nullable=False),
    _text("entity"),
    _text("entity_id"),
    _text("detail"),
    # Hash chain (migration 0005): sha256 of the previous entry's hash and this entry's fields, so that a
    # deleted or changed entry breaks the chain (``yulu check``) and the county's copy shows a fork.
    _text("prev_hash"),
    _text("entry_hash"),
)

change_journal = Table(
    "change_journal",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("change_id", String(36), nullable=False, unique=True),
    Column("entity", String(30), nullable=False),
    Column("entity_id", String(36), nullable=False),
    Column("op", String(1), nullable=False),
    Column("changes", Text, nullable=False),
    Column("hlc", Integer, nullable=False),
    Column("device_id", String(36), nullable=False),
    Column("author", Text, nullable=False),
    Column("created_at", Text, nullable=False),
    CheckConstraint("op IN ('I', 'U', 'D')", name="op"),
    Index("ix_change_journal_entity", "entity", "entity_id"),
    sqlite_autoincrement=True,
    comment="Local changes of shared data waiting for the county server (written by triggers only).",
)

device_state = Table(
    "device_state",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("device_id", String(36), nullable=False),
    Column("author", Text, nullable=False, server_default=""),
    Column("hlc_floor", Integer, nullable=False, server_default="0"),
    Column("applying_remote", Integer, nullable=False, server_default="0"),
    Column("acked_seq", Integer, nullable=False, server_default="0"),
    CheckConstraint("id = 1", name="single_row"),
    comment="This device: its id, who is working, the clock floor and the sync acknowledgement point.",
)

# --- employment (issue 16, migration 0011). References beside the parent are plain ids (no foreign key): the
# referenced record syncs on its own. No unique constraints: two county laptops may create the same school while
# apart, and a pull must never fail on a unique index; the services catch duplicates instead.

school = Table(
    "school",
    metadata,
    _id(),
    _fk("county_id", "org_unit", cascade=False),
    Column("name", Text, nullable=False),
    Column("level", String(12), nullable=False),
    _text("place"),
    Column("majors", Text, nullable=False, server_default="[]"),
    _text("contact"),
    _text("note"),
)

enterprise = Table(
    "enterprise",
    metadata,
    _id(),
    _fk("county_id", "org_unit", cascade=False),
    Column("name", Text, nullable=False),
    Column("credit_code", String(18)),
    Column("industry", String(20), nullable=False),
    _text("place"),
    Column("region", String(10), nullable=False),
    _text("contact_name"),
    _text("contact_phone"),
    Column("pairing", String(12), nullable=False, server_default="local"),
    _text("pairing_partner"),
    _text("note"),
)

employment_agreement = Table(
    "employment_agreement",
    metadata,
    _id(),
    _fk("county_id", "org_unit", cascade=False),
    Column("kind", String(20), nullable=False),
    Column("title", Text, nullable=False),
    Column("school_id", String(36)),
    Column("enterprise_ids", Text, nullable=False, server_default="[]"),
    Column("signed_on", Date, nullable=False),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("majors", Text, nullable=False, server_default="[]"),
    Column("places_per_year", Integer),
    _text("support"),
    _text("note"),
)

job_position = Table(
    "job_position",
    metadata,
    _id(),
    _fk("unit_id", "org_unit", cascade=False),
    Column("enterprise_id", String(36), nullable=False, index=True),
    Column("title", Text, nullable=False),
    _text("place"),
    Column("region", String(10), nullable=False),
    Column("pay_min_fen", Integer),
    Column("pay_max_fen", Integer),
    Column("majors", Text, nullable=False, server_default="[]"),
    Column("skill_level", String(10), nullable=False, server_default="none"),
    Column("openings", Integer, nullable=False, server_default="1"),
    Column("posted_on", Date, nullable=False),
    Column("deadline", Date),
    Column("agreement_id", String(36)),
    Column("fair_id", String(36)),
    _text("note"),
)

job_fair = Table(
    "job_fair",
    metadata,
    _id(),
    _fk("unit_id", "org_unit", cascade=False),
    Column("name", Text, nullable=False),
    Column("held_on", Date, nullable=False),
    _text("place"),
    Column("school_ids", Text, nullable=False, server_default="[]"),
    Column("enterprise_ids", Text, nullable=False, server_default="[]"),
    _text("note"),
)

fair_invitation = Table(
    "fair_invitation",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("fair_id", String(36), nullable=False, index=True),
    Column("invited_on", Date, nullable=False),
    Column("attended", Boolean),
    _text("note"),
)

job_referral = Table(
    "job_referral",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("position_id", String(36), nullable=False, index=True),
    Column("fair_id", String(36)),
    Column("referred_on", Date, nullable=False),
    _text("referred_by"),
    Column("state", String(12), nullable=False, server_default="referred"),
    Column("outcome_on", Date),
    _text("outcome_reason"),
    Column("employment_record_id", String(36)),
    _text("note"),
)

employment_follow_up = Table(
    "employment_follow_up",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("employment_record_id", String(36), nullable=False, index=True),
    Column("due_month", Integer, nullable=False),
    Column("done_on", Date, nullable=False),
    Column("mode", String(10), nullable=False, server_default="phone"),
    Column("still_employed", Boolean, nullable=False, server_default="1"),
    _text("note"),
    _text("followed_by"),
)

career_plan = Table(
    "career_plan",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("recorded_on", Date, nullable=False),
    Column("stage", String(20), nullable=False, server_default="in_school"),
    _text("goal"),
    _text("school_name"),
    _text("major"),
    _text("reason"),
    Column("wanted_region", String(10)),
    Column("wanted_income_fen", Integer),
    Column("wanted_industry", String(20)),
    _text("recorded_by"),
    Column("visit_id", String(36)),
)

policy_campaign = Table(
    "policy_campaign",
    metadata,
    _id(),
    _fk("unit_id", "org_unit", cascade=False),
    Column("moment", String(20), nullable=False),
    Column("held_on", Date, nullable=False),
    Column("topic", Text, nullable=False),
    _text("place"),
    _text("held_by"),
    _text("note"),
)

campaign_reach = Table(
    "campaign_reach",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("campaign_id", String(36), nullable=False, index=True),
    _text("note"),
)

placement_action = Table(
    "placement_action",
    metadata,
    _id(),
    _fk("person_id", "person"),
    Column("recorded_on", Date, nullable=False),
    Column("reason", String(12), nullable=False),
    Column("next_action", Text, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("done_on", Date),
    _text("recorded_by"),
    _text("note"),
)

SHARED_TABLES: dict[str, Table] = {
    "org_unit": org_unit,
    "household": household,
    "person": person,
    "enrollment": enrollment,
    "intent": intent,
    "visit": visit,
    "training": training,
    "employment_record": employment_record,
    "subsidy_setting": subsidy_setting,
    "subsidy_application": subsidy_application,
    "attachment": attachment,
    "membership_change": membership_change,
    "subsidy_rule": subsidy_rule,
    "subsidy_window": subsidy_window,
    "subsidy_evidence": subsidy_evidence,
    "subsidy_publicity": subsidy_publicity,
    "subsidy_objection": subsidy_objection,
    "subsidy_payment_batch": subsidy_payment_batch,
    "school": school,
    "enterprise": enterprise,
    "employment_agreement": employment_agreement,
    "job_position": job_position,
    "job_fair": job_fair,
    "fair_invitation": fair_invitation,
    "job_referral": job_referral,
    "employment_follow_up": employment_follow_up,
    "career_plan": career_plan,
    "policy_campaign": policy_campaign,
    "campaign_reach": campaign_reach,
    "placement_action": placement_action,
}

#: Columns of shared tables that are derived locally and never journaled or synced.
LOCAL_ONLY_COLUMNS: dict[str, frozenset[str]] = {"person": frozenset({"search_key"})}

#: Shared tables whose rows may be inserted but never changed or deleted (history is kept, not overwritten).
APPEND_ONLY_TABLES = frozenset({"employment_record"})
#: Tables whose entries can be voided in error (作废, migration 0006): these columns are set once, together,
#: and never cleared — the only update an append-only table accepts (``services.corrections``).
VOIDABLE_TABLES = frozenset({"visit", "training", "employment_record"})
VOID_COLUMNS = ("voided_on", "void_reason", "voided_by")

assert set(SHARED_TABLES) == set(entities.SHARED_ENTITIES), "every shared entity needs a table"

for _name, _table in SHARED_TABLES.items():
    mapper_registry.map_imperatively(entities.SHARED_ENTITIES[_name], _table)
mapper_registry.map_imperatively(entities.CadreAccount, cadre_account)
mapper_registry.map_imperatively(entities.AuditEntry, audit_log)


# === Sync with the county server (issue 5; migration 0002) ===============================================
# Local-only tables: never journaled. Kept at the end of the file so that the sections above stay untouched.

sync_state = Table(
    "sync_state",
    metadata,
    Column("id", Integer, primary_key=True),
    _text("server_url"),
    Column("private_key", LargeBinary),
    Column("enrolled_at", DateTime),
    _text("cadre_username"),
    _text("cadre_name"),
    _text("jurisdiction_id"),
    _text("jurisdiction_name"),
    Column("pull_cursor", Integer, nullable=False, server_default="0"),
    Column("last_sync_at", DateTime),
    _text("last_error"),
    _text("server_bundle_key"),
    _text("server_signing_key"),
    # Migration 0005: the cadre's role from enrollment (what this laptop may show unmasked, print and export),
    # the SHA-256 of the server's TLS certificate seen at enrollment (pinned), and the last audit entry the
    # county holds.
    _text("cadre_role"),
    _text("server_cert_sha256"),
    Column("audit_sent_id", Integer, nullable=False, server_default="0"),
    # Migration 0006: the cadre's phone (我的信息), typed once or from enrollment.
    _text("cadre_phone"),
    CheckConstraint("id = 1", name="single_row"),
    comment="Enrollment with the county server (device key, server URL, the server's public keys for USB "
    "bundles) and the pull cursor.",
)

sync_field_version = Table(
    "sync_field_version",
    metadata,
    Column("entity", String(40), primary_key=True),
    Column("entity_id", String(36), primary_key=True),
    Column("field", String(60), primary_key=True),
    Column("version", Integer, nullable=False),
    comment="Per field, the server version (change-log seq) this device last received: the base of merges.",
)

sync_conflict = Table(
    "sync_conflict",
    metadata,
    Column("id", String(36), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_id", String(36), nullable=False),
    _text("field"),
    Column("winner_value", Text, nullable=False, server_default="null"),
    Column("loser_value", Text, nullable=False, server_default="null"),
    _text("winner_device"),
    _text("loser_device"),
    Column("winner_hlc", Integer, nullable=False, server_default="0"),
    Column("loser_hlc", Integer, nullable=False, server_default="0"),
    _text("loser_author"),
    Column("clock_skew", Boolean, nullable=False, server_default="0"),
    _text("created_at"),
    Column("status", String(10), nullable=False, server_default="open"),
    _text("resolution"),
    _text("resolved_by"),
    Column("resolved_at", DateTime),
    Column("reported", Boolean, nullable=False, server_default="1"),
    CheckConstraint("status IN ('open', 'resolved')", name="status"),
    Index("ix_sync_conflict_status", "status"),
    comment="Conflicts from the county server (and local sync problems) for the cadre to review.",
)


# === Attachments over bad links and USB bundles (issue 7; migration 0004) ================================

blob_upload = Table(
    "blob_upload",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("queued_at", DateTime, nullable=False),
    Column("uploaded_at", DateTime),
    Column("attempts", Integer, nullable=False, server_default="0"),
    _text("last_error"),
    Index("ix_blob_upload_pending", "uploaded_at"),
    comment="Attachment files this device holds that the county server has not confirmed yet (uploaded_at "
    "NULL): sent after the records, in chunks, online or in a USB bundle.",
)
