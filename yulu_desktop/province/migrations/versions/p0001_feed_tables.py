"""province feed tables: prov_* partitioned by county code, and the list of counties

Revision ID: p0001
Revises:
Create Date: 2026-12-06 00:20:00

The seven ``prov_*`` tables have the columns of the county feed (``server.province_feed``, FEED_VERSION 1) and
are ``PARTITION BY LIST (county_code)``: ``province.counties`` adds one partition per county and table, which a
subscription to that county fills. Every primary key starts with ``county_code`` (PostgreSQL requires the
partition key in it). Besides the id_hash index of the design, the person_id / household_id of the child tables
are indexed with the county code, for the joins of the checks and statistics. ``province_county`` lists the
counties ever added (``detached_at`` set once dropped). The DDL is written out here, frozen: a later feed version
adds nullable columns in a later revision.

Only the key columns and the two the design makes NOT NULL (``id_masked``, ``status``) refuse NULL here: a
subscription that meets a constraint violation stops applying that county's changes until someone intervenes, so
the province is lenient and the queries read other columns through COALESCE.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "p0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = (
    """
    CREATE TABLE prov_feed_state (
        county_code varchar(12) NOT NULL,
        county_name text,
        feed_version integer,
        last_seq bigint,
        heartbeat_at timestamp with time zone,
        changed_at timestamp with time zone,
        people integer,
        CONSTRAINT pk_prov_feed_state PRIMARY KEY (county_code)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE prov_unit (
        county_code varchar(12) NOT NULL,
        id varchar(36) NOT NULL,
        code varchar(20),
        name text,
        level varchar(10),
        parent_id varchar(36),
        CONSTRAINT pk_prov_unit PRIMARY KEY (county_code, id)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE prov_household (
        county_code varchar(12) NOT NULL,
        id varchar(36) NOT NULL,
        household_no varchar(40),
        village_id varchar(36),
        household_type varchar(10),
        monitoring_type varchar(10),
        CONSTRAINT pk_prov_household PRIMARY KEY (county_code, id)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE prov_person (
        county_code varchar(12) NOT NULL,
        id varchar(36) NOT NULL,
        household_id varchar(36),
        village_id varchar(36),
        name text,
        id_hash varchar(40),
        id_masked varchar(18) NOT NULL DEFAULT '',
        sex varchar(1),
        birth_year integer,
        status varchar(12) NOT NULL DEFAULT 'normal',
        CONSTRAINT pk_prov_person PRIMARY KEY (county_code, id)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE prov_enrollment (
        county_code varchar(12) NOT NULL,
        id varchar(36) NOT NULL,
        person_id varchar(36),
        school_year varchar(9),
        semester varchar(6),
        school_name text,
        school_type varchar(20),
        major text DEFAULT '',
        registry_status varchar(12),
        ended_on date,
        CONSTRAINT pk_prov_enrollment PRIMARY KEY (county_code, id)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE prov_subsidy (
        county_code varchar(12) NOT NULL,
        id varchar(36) NOT NULL,
        person_id varchar(36),
        term varchar(12),
        amount_fen integer,
        state varchar(20),
        paid_on date,
        CONSTRAINT pk_prov_subsidy PRIMARY KEY (county_code, id)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE prov_employment (
        county_code varchar(12) NOT NULL,
        id varchar(36) NOT NULL,
        person_id varchar(36),
        effective_date date,
        recorded_at timestamp without time zone,
        destination varchar(16),
        region varchar(10),
        industry text DEFAULT '',
        matches_major boolean,
        income_band varchar(8) DEFAULT '',
        CONSTRAINT pk_prov_employment PRIMARY KEY (county_code, id)
    ) PARTITION BY LIST (county_code)
    """,
    """
    CREATE TABLE province_county (
        code varchar(12) NOT NULL,
        name text NOT NULL,
        subscription text NOT NULL,
        conninfo_display text NOT NULL DEFAULT '',
        added_at timestamp with time zone NOT NULL,
        detached_at timestamp with time zone,
        CONSTRAINT pk_province_county PRIMARY KEY (code)
    )
    """,
)

_INDEXES = (
    "CREATE INDEX ix_prov_person_id_hash ON prov_person (id_hash)",
    "CREATE INDEX ix_prov_person_household ON prov_person (county_code, household_id)",
    "CREATE INDEX ix_prov_enrollment_person ON prov_enrollment (county_code, person_id)",
    "CREATE INDEX ix_prov_subsidy_person ON prov_subsidy (county_code, person_id)",
    "CREATE INDEX ix_prov_subsidy_term ON prov_subsidy (term)",
    "CREATE INDEX ix_prov_employment_person ON prov_employment (county_code, person_id)",
)


def upgrade() -> None:
    for statement in (*_TABLES, *_INDEXES):
        op.execute(statement)


def downgrade() -> None:
    for table in (
        "province_county",
        "prov_employment",
        "prov_subsidy",
        "prov_enrollment",
        "prov_person",
        "prov_household",
        "prov_unit",
        "prov_feed_state",
    ):
        op.execute(f"DROP TABLE {table}")
