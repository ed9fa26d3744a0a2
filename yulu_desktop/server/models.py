"""Tables of the county server (SQLite or PostgreSQL), separate from the device's schema.

The server stores shared records generically (``record``: one row per entity and id, fields as JSON, with a
version per field), so that it does not depend on the exact columns of a given app version. ``change_log`` is
the ordered stream devices pull; its ``seq`` is assigned under the global write lock (``sync_counter``), so the
log becomes visible in ``seq`` order (see ``server.db.write_transaction`` and docs/SYNC.md).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    and_,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, QueryableAttribute, mapped_column
from sqlalchemy.sql.elements import ColumnElement

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


#: A jurisdiction path (``/county-id/township-id/village-id/``) in byte order on both backends: PostgreSQL's
#: ``C`` collation (SQLite compares bytes anyway), so a prefix is an index range whatever the database's own
#: collation is (migration s0010; see ``scope_within``).
ScopePath = Text().with_variant(Text(collation="C"), "postgresql")


def scope_within(column: ColumnElement[str] | QueryableAttribute[str], path: str) -> ColumnElement[bool]:
    """Rows whose ``column`` (a ``ScopePath``) lies inside jurisdiction ``path``, the path itself included.

    A range, not ``LIKE 'path%'``: PostgreSQL serves a ``LIKE`` from an index only with a plan-time constant
    pattern and a ``C`` column, while a range holds in every plan (psycopg prepares repeated statements, whose
    generic plans see only a parameter). Every string starting with ``path`` sorts from ``path`` up to, not
    including, ``path`` with its last character raised, and nothing else does."""
    if not path:
        return true()
    return and_(column >= path, column < path[:-1] + chr(ord(path[-1]) + 1))


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OrgUnit(Base):
    """县 / 乡镇 / 行政村 / 村民小组, with the materialised path of ids used for jurisdiction checks."""

    __tablename__ = "org_unit"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[str | None] = mapped_column(String(36), ForeignKey("org_unit.id"), index=True)
    path: Mapped[str] = mapped_column(Text, index=True, comment="'/county-id/township-id/village-id/'")


class Cadre(Base):
    """A cadre account (干部) and the org unit that is their jurisdiction (管辖范围)."""

    __tablename__ = "cadre"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(20))  # village | township | county | county_admin
    jurisdiction_id: Mapped[str] = mapped_column(String(36), ForeignKey("org_unit.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EnrollmentCode(Base):
    """A one-time enrollment code: ``lookup`` finds it, only an Argon2 hash of the secret part is stored."""

    __tablename__ = "enrollment_code"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    lookup: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(Text)
    cadre_id: Mapped[str] = mapped_column(String(36), ForeignKey("cadre.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    used_by_device: Mapped[str | None] = mapped_column(String(36))


class Device(Base):
    """An enrolled laptop: its public key, its cadre, how far it has pushed and pulled."""

    __tablename__ = "device"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    cadre_id: Mapped[str] = mapped_column(String(36), ForeignKey("cadre.id"), index=True)
    name: Mapped[str] = mapped_column(Text, default="")
    public_key: Mapped[str] = mapped_column(String(100))
    enrolled_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seen_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0, comment="highest journal seq received")
    pull_cursor: Mapped[int] = mapped_column(BigInteger, default=0, comment="change_log seq the device holds")
    protocol_version: Mapped[int] = mapped_column(Integer, default=0)
    client_version: Mapped[str] = mapped_column(String(40), default="")
    skew_ms: Mapped[int] = mapped_column(BigInteger, default=0)


class RequestNonce(Base):
    """Nonces seen within the request age window (replay protection)."""

    __tablename__ = "request_nonce"

    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at_ms: Mapped[int] = mapped_column(BigInteger, index=True)


class SyncCounter(Base):
    """The single row whose lock orders every write to the change log (commit order = seq order)."""

    __tablename__ = "sync_counter"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class Record(Base):
    """The current state of one shared record: fields and per-field versions as JSON; deletes are tombstones."""

    __tablename__ = "record"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    data: Mapped[str] = mapped_column(Text, comment='{"field": value}')
    versions: Mapped[str] = mapped_column(Text, comment='{"field": [seq, hlc, device_id]} (hlc 0: untrusted)')
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    scope_path: Mapped[str] = mapped_column(ScopePath)
    updated_seq: Mapped[int] = mapped_column(BigInteger)
    unique_key: Mapped[str | None] = mapped_column(
        String(40), comment="value of the entity's unique field (person: id_number) while not deleted"
    )

    __table_args__ = (
        Index("ix_record_unique_key", "entity", "unique_key"),
        # The digest, snapshots, attachments and repairs read one entity inside a jurisdiction (s0010).
        Index("ix_record_entity_scope", "entity", "scope_path"),
        # The province feed reads ``updated_seq > cursor`` in order (migration s0009).
        Index("ix_record_updated_seq", "updated_seq"),
    )


class ChangeLog(Base):
    """The ordered stream of changes devices pull (their cursor is a ``seq``)."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(1))
    fields: Mapped[str] = mapped_column(Text)
    field_versions: Mapped[str | None] = mapped_column(
        Text, comment="per-field versions when they are not this seq (re-sent values)"
    )
    hlc: Mapped[int] = mapped_column(BigInteger)
    device_id: Mapped[str] = mapped_column(String(36), default="")
    author: Mapped[str] = mapped_column(Text, default="")
    scope_path: Mapped[str] = mapped_column(ScopePath)
    shared_up: Mapped[bool] = mapped_column(Boolean, default=False, comment="also visible below the unit")
    change_id: Mapped[str | None] = mapped_column(String(36), comment="the device change it came from")

    __table_args__ = (Index("ix_change_log_record", "entity", "entity_id"),)


class AppliedChange(Base):
    """Every device change the server has received: ``change_id`` is the primary key, so a retried or raced
    batch can never be applied twice (the second insert fails and its transaction rolls back)."""

    __tablename__ = "applied_change"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(12))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (Index("uq_applied_change_device_seq", "device_id", "device_seq", unique=True),)


class Conflict(Base):
    """Two values for one field (or a delete racing an edit): the losing value is kept here for review."""

    __tablename__ = "conflict"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, index=True, comment="change_log seq announcing it")
    kind: Mapped[str] = mapped_column(String(20), comment="field | edit_vs_delete | delete_vs_edit")
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60), default="")
    winner_value: Mapped[str] = mapped_column(Text)
    loser_value: Mapped[str] = mapped_column(Text)
    winner_device: Mapped[str] = mapped_column(String(36))
    loser_device: Mapped[str] = mapped_column(String(36))
    winner_hlc: Mapped[int] = mapped_column(BigInteger)
    loser_hlc: Mapped[int] = mapped_column(BigInteger)
    loser_author: Mapped[str] = mapped_column(Text, default="")
    clock_skew: Mapped[bool] = mapped_column(Boolean, default=False)
    scope_path: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution: Mapped[str] = mapped_column(String(20), default="")
    resolved_by: Mapped[str] = mapped_column(Text, default="")


class Quarantine(Base):
    """Changes the server would not apply (revoked device, outside the jurisdiction, unknown parent), kept for
    review: nothing a device sends is dropped."""

    __tablename__ = "quarantine"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    change_id: Mapped[str] = mapped_column(String(36))
    device_seq: Mapped[int] = mapped_column(BigInteger)
    entry: Mapped[str] = mapped_column(Text, comment="the entry as received (JSON)")
    reason: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(
        String(12), default="open", server_default="open", comment="open | released | rejected"
    )
    resolved_by: Mapped[str] = mapped_column(Text, default="", server_default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    resolution_note: Mapped[str] = mapped_column(Text, default="", server_default="")


class DuplicateReview(Base):
    """A record that would give a second live record the same unique value (the same ID number registered as
    two people, typically by two villages): held here for the county to review, never merged automatically
    and never stored twice. ``yulu-server admin duplicates`` lists and resolves them."""

    __tablename__ = "duplicate_review"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[str] = mapped_column(String(40), index=True)
    existing_id: Mapped[str] = mapped_column(String(36), comment="the record already holding the value")
    incoming_id: Mapped[str] = mapped_column(String(36), comment="the record the device sent")
    device_id: Mapped[str] = mapped_column(String(36))
    change_id: Mapped[str] = mapped_column(String(36))
    entry: Mapped[str] = mapped_column(Text, comment="the entry as received (JSON)")
    scope_path: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default="open", comment="open | resolved")
    resolution: Mapped[str] = mapped_column(
        String(20), default="", comment="same_person | different_people | rejected"
    )
    resolved_by: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# === Attachments, USB bundles and the township office (issue 7; migration s0003) ========================


class ServerBlob(Base):
    """An attachment file held by the county, by content hash. Its bytes arrive in chunks (``blob_chunk``) that
    resume where a cut stopped them; ``complete`` is set only once the whole file hashes to ``sha256``."""

    __tablename__ = "server_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    received: Mapped[int] = mapped_column(BigInteger, default=0, comment="bytes stored, contiguous from 0")
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    first_device: Mapped[str] = mapped_column(String(36), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    completed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class BlobChunk(Base):
    """One stored chunk of an attachment file, at its byte offset, encrypted at rest (migration s0011): ``data``
    is nonce ‖ AES-256-GCM ciphertext under the data key ``key_id`` (``server.fieldcrypt``); a chunk with no
    ``key_id`` is in clear (only between a downgrade and the next upgrade)."""

    __tablename__ = "blob_chunk"

    sha256: Mapped[str] = mapped_column(String(64), ForeignKey("server_blob.sha256"), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    key_id: Mapped[str | None] = mapped_column(String(32), nullable=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ServerKey(Base):
    """The county server's own key pairs, made on first use: ``bundle_encryption`` (X25519: devices encrypt
    USB bundles to it) and ``bundle_signing`` (Ed25519: signs reply bundles)."""

    __tablename__ = "server_key"

    purpose: Mapped[str] = mapped_column(String(30), primary_key=True)
    private_key: Mapped[bytes] = mapped_column(LargeBinary)
    public_key: Mapped[str] = mapped_column(String(100), comment="raw public key, base64")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class BundleImport(Base):
    """A USB bundle the county has imported (importing it again changes nothing and gives the same reply)."""

    __tablename__ = "bundle_import"

    bundle_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_id: Mapped[str] = mapped_column(String(36), index=True)
    file_sha256: Mapped[str] = mapped_column(String(64))
    created_at_ms: Mapped[int] = mapped_column(BigInteger, comment="when the device wrote it (device clock)")
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    blobs: Mapped[int] = mapped_column(Integer, default=0)
    imported_by: Mapped[str] = mapped_column(Text, default="", comment="admin command or upload page")


metadata = Base.metadata


# === The server as a trust boundary (issue 13; migration s0004) ===========================================


class RecordKey(Base):
    """The values of a live record's unique constraints (as the laptop's schema declares them: org-unit code,
    household number, one enrollment per person and term, …), so that a pushed record that would give a laptop
    a unique-index violation is held back for that entry instead of failing every laptop's pull. The person's
    ID number keeps its own path (``record.unique_key`` and the duplicate review)."""

    __tablename__ = "record_key"

    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    key_name: Mapped[str] = mapped_column(String(120), primary_key=True)
    key_value: Mapped[str] = mapped_column(String(200), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36))

    __table_args__ = (Index("ix_record_key_owner", "entity", "entity_id"),)


class RecordRef(Base):
    """Which live record names which parent (every foreign key of the laptop's schema): a parent deleted on the
    server takes with it the children another laptop added meanwhile, as a laptop's cascade would, and each
    such child is kept in a conflict instead of living on where no laptop can hold it."""

    __tablename__ = "record_ref"

    ref_entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    ref_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    entity: Mapped[str] = mapped_column(String(40), primary_key=True)
    entity_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    field: Mapped[str] = mapped_column(String(60), primary_key=True)

    __table_args__ = (Index("ix_record_ref_child", "entity", "entity_id"),)


# === The devices' audit logs, kept by the county (issue 14; migration s0005) ===============================


class AuditEntry(Base):
    """One entry of a laptop's hash-chained audit log (who saw unmasked values, printed, exported, imported),
    as the laptop sent it. Append-only: rows are never changed or deleted (database triggers refuse it). An
    entry that does not continue the chain the county holds for its device is stored all the same, flagged:
    ``gap`` (ids skipped), ``fork`` (it does not follow the county's newest entry: the laptop's log was
    rewritten) or ``hash`` (it does not match its own hash). See ``server.audit``."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True, comment="order received")
    device_id: Mapped[str] = mapped_column(String(36))
    entry_id: Mapped[int] = mapped_column(BigInteger, comment="the laptop's audit_log.id")
    at: Mapped[str] = mapped_column(String(40), comment="UTC, as the laptop stored it (the hash covers it)")
    actor: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(String(20))
    entity: Mapped[str] = mapped_column(Text, default="", server_default="")
    entity_id: Mapped[str] = mapped_column(Text, default="", server_default="")
    detail: Mapped[str] = mapped_column(Text, default="", server_default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64))
    signature: Mapped[str] = mapped_column(
        Text, default="", server_default="", comment="the device's signature of this hash (last of a batch)"
    )
    flag: Mapped[str] = mapped_column(
        String(8), default="", server_default="", comment="'' | gap | fork | hash"
    )
    flag_note: Mapped[str] = mapped_column(Text, default="", server_default="")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        Index("ix_audit_entry_device", "device_id", "id"),
        Index("uq_audit_entry_device_entry", "device_id", "entry_id", "entry_hash", unique=True),
    )


# === Escrow of laptop database keys (托管; issue 18, migration s0008) ======================================


class EscrowDeposit(Base):
    """A laptop's database key wrapped under an escrow key that only the laptop keeps (``server.escrow``)."""

    __tablename__ = "escrow_deposit"

    device_id: Mapped[str] = mapped_column(String(36), ForeignKey("device.id"), primary_key=True)
    key_id: Mapped[str] = mapped_column(String(32), comment="the laptop's id of its escrow key")
    wrapped: Mapped[bytes] = mapped_column(LargeBinary)
    deposited_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class EscrowRelease(Base):
    """A one-time release code made by a county admin: ``lookup`` finds it, only an Argon2 hash of the secret."""

    __tablename__ = "escrow_release"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(String(36), ForeignKey("device.id"), index=True)
    lookup: Mapped[str] = mapped_column(String(16), unique=True)
    secret_hash: Mapped[str] = mapped_column(Text)
    released_by: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


# === The province feed (issue 17; migration s0009) =========================================================
#
# Small relational projections of the county's records, in the form the province needs (no clear ID numbers,
# phones, accounts, health or income), written by ``server.province_feed`` and published to the province by
# PostgreSQL logical replication (``PUBLICATION yulu_province``). The province holds the same columns in tables
# partitioned by ``county_code``; a later feed version may only add nullable columns.


class ProvFeedState(Base):
    """The feeder's cursor (``record.updated_seq`` fed) and heartbeat: one row, the county's."""

    __tablename__ = "prov_feed_state"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    county_name: Mapped[str] = mapped_column(Text)
    feed_version: Mapped[int] = mapped_column(Integer)
    last_seq: Mapped[int] = mapped_column(BigInteger, comment="record.updated_seq fed up to")
    heartbeat_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), comment="the feeder's last run")
    changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    people: Mapped[int] = mapped_column(Integer)


class ProvUnit(Base):
    __tablename__ = "prov_unit"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(Text)
    level: Mapped[str] = mapped_column(String(10))
    parent_id: Mapped[str | None] = mapped_column(String(36))


class ProvHousehold(Base):
    __tablename__ = "prov_household"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    household_no: Mapped[str] = mapped_column(String(40))
    village_id: Mapped[str | None] = mapped_column(String(36))
    household_type: Mapped[str | None] = mapped_column(String(10))
    monitoring_type: Mapped[str | None] = mapped_column(String(10))


class ProvPerson(Base):
    __tablename__ = "prov_person"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    household_id: Mapped[str | None] = mapped_column(String(36))
    village_id: Mapped[str | None] = mapped_column(String(36))
    name: Mapped[str] = mapped_column(Text)
    id_hash: Mapped[str | None] = mapped_column(
        String(40), index=True, comment="p1: keyed hash (province key)"
    )
    id_masked: Mapped[str] = mapped_column(String(18), default="", server_default="")
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(12), default="normal", server_default="normal")


class ProvEnrollment(Base):
    __tablename__ = "prov_enrollment"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36))
    school_year: Mapped[str] = mapped_column(String(9))
    semester: Mapped[str] = mapped_column(String(6))
    school_name: Mapped[str] = mapped_column(Text)
    school_type: Mapped[str] = mapped_column(String(20))
    major: Mapped[str] = mapped_column(Text, default="", server_default="")
    registry_status: Mapped[str] = mapped_column(String(12))
    ended_on: Mapped[date | None] = mapped_column(Date)


class ProvSubsidy(Base):
    __tablename__ = "prov_subsidy"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36))
    term: Mapped[str] = mapped_column(String(12))
    amount_fen: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(20))
    paid_on: Mapped[date | None] = mapped_column(Date)


class ProvEmployment(Base):
    __tablename__ = "prov_employment"

    county_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    person_id: Mapped[str] = mapped_column(String(36))
    effective_date: Mapped[date] = mapped_column(Date)
    recorded_at: Mapped[datetime | None] = mapped_column(DateTime)
    destination: Mapped[str] = mapped_column(String(16))
    region: Mapped[str | None] = mapped_column(String(10))
    industry: Mapped[str] = mapped_column(Text, default="", server_default="")
    matches_major: Mapped[bool | None] = mapped_column(Boolean)
    income_band: Mapped[str] = mapped_column(
        String(8), default="", server_default="", comment="INCOME_BANDS key"
    )
