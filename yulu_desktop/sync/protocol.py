"""The sync protocol between a device and the county server, defined once for both sides.

Every message is a pydantic model: the server (FastAPI) validates requests and documents them in its OpenAPI
schema with these classes, and the client (httpx) builds and reads the same classes. ``docs/SYNC.md`` explains
the exchange; this module is the reference for field names.

Versions:

* ``PROTOCOL_VERSION`` is the version of these messages. The server accepts ``MIN_PROTOCOL_VERSION`` and newer
  (always at least the previous version, so that laptops can be updated one by one).
* ``SCHEMA_VERSION`` is the version of the shared data (tables and fields of ``store.schema.SHARED_TABLES``).
  A device whose data schema is older than ``MIN_SCHEMA_VERSION`` must be updated before it can sync: it would
  drop fields it does not know. The server answers hello with the older of the two versions; a device whose
  version is newer than that keeps its changes until the server is upgraded, and still pulls.

Request authentication (every request after enrollment) uses these headers, see ``sync.signing``.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Iterable
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 5
#: The oldest protocol the server still speaks (v1 had no conflict resolutions in push; v2 no digest/snapshot
#: consistency check — a v3 client skips the check when the server answers hello with 2).
MIN_PROTOCOL_VERSION = 1
#: The first version with ``/v1/digest`` and ``/v1/snapshot``.
DIGEST_SINCE_VERSION = 3
#: The first version whose request signature covers the protocol header, with ``/v1/audit`` (the device's
#: hash-chained audit log, kept by the county), and whose enrollment answer carries the cadre's role.
SIGNED_PROTOCOL_SINCE_VERSION = 4
AUDIT_SINCE_VERSION = 4
#: The first version that understands ``LEAVE_SCOPE`` pull entries (a record moved out of the jurisdiction: drop
#: the local copy, never as a delete). Older laptops are not sent them (their digest check removes the copies).
SCOPE_MOVE_SINCE_VERSION = 5
#: 2: ``subsidy_application.county_approved_on`` (laptop migration 0012). A laptop does not push to a server that
#: answers hello with an older version: that server would hold every entry naming a field it does not know.
SCHEMA_VERSION = 2
MIN_SCHEMA_VERSION = 1

#: How far ahead of the server's clock a change's timestamp may be and still be trusted for last-writer-wins.
MAX_TRUSTED_SKEW_MS = 5 * 60 * 1000
#: How old (or early) a signed request may be. Devices correct their clock offset from the server's answer.
REQUEST_MAX_AGE_MS = 5 * 60 * 1000

#: Largest push batch and pull page the server accepts / returns.
MAX_PUSH_ENTRIES = 2000
MAX_PULL_LIMIT = 5000
#: Largest request body (compressed and decompressed), bytes.
MAX_BODY_BYTES = 32 * 1024 * 1024

HEADER_DEVICE = "X-Yulu-Device"
HEADER_TIMESTAMP = "X-Yulu-Timestamp"
HEADER_NONCE = "X-Yulu-Nonce"
HEADER_SIGNATURE = "X-Yulu-Signature"
HEADER_PROTOCOL = "X-Yulu-Protocol"

#: Text that names things and is stored as it is (ids, entity, author): no NUL, which PostgreSQL cannot store.
NO_NUL = r"^[^\x00]*$"

#: Pseudo-entity of the pull stream that carries conflict entries (not a table of the device).
CONFLICT_ENTITY = "_conflict"

Op = Literal["I", "U", "D"]
#: Pull-only op: the record (household, person and what hangs under them) moved to a scope outside the device's
#: jurisdiction. The device removes its copy without journaling it: it is not a delete, the record lives on
#: elsewhere. ``fields`` holds ``{"to": scope path}`` (the server uses it to leave out devices that see both).
LEAVE_SCOPE = "X"
PullOp = Literal["I", "U", "D", "X"]

#: Every integer on the wire fits the databases' 64-bit integers (a larger one is a 422, not a crash).
Int64 = Annotated[int, Field(ge=-(2**63), lt=2**63)]
Count = Annotated[int, Field(ge=0, lt=2**63)]


class Message(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ErrorBody(Message):
    """The body of every refusal: a machine code and a message for the cadre (Chinese)."""

    code: str
    message: str
    server_time_ms: int | None = None


# --- enrollment and hello ------------------------------------------------------------------------------


class EnrollRequest(Message):
    code: str = Field(
        max_length=64,
        description="One-time enrollment code issued by the county (yulu-server admin issue-code)",
    )
    device_id: str = Field(min_length=36, max_length=36)
    public_key: str = Field(max_length=100, description="Ed25519 public key, raw 32 bytes, base64")
    proof: str = Field(
        max_length=200, description="Signature of 'enroll\\n{device_id}\\n{code}' with the new key"
    )
    device_name: str = Field(default="", max_length=100)
    protocol_version: Count = PROTOCOL_VERSION


class OrgUnitInfo(Message):
    id: str
    code: str
    name: str
    level: str


class BundleKeys(Message):
    """The county server's public keys for USB bundles (``sync.bundle``), raw bytes in base64. Empty from a
    server older than bundles; the device keeps the last ones it was given."""

    bundle_key: str = Field(default="", max_length=100, description="X25519: devices encrypt bundles to it")
    bundle_signing_key: str = Field(
        default="", max_length=100, description="Ed25519: the server signs reply bundles with it"
    )


class EnrollResponse(BundleKeys):
    device_id: str
    cadre_username: str
    cadre_name: str
    #: village | township | county (v4; an older server sends none: the laptop then assumes village).
    cadre_role: str = "village"
    jurisdiction: OrgUnitInfo
    server_time_ms: int


class HelloRequest(Message):
    protocol_version: Count
    schema_version: Count
    client_version: str = Field(default="", max_length=40)
    device_time_ms: Annotated[int, Field(ge=0, lt=2**53)]
    pending_count: Count = 0
    pull_cursor: Count | None = Field(
        default=None,
        description="The device's stored pull cursor (confirms what it holds, so that a sync with nothing "
        "new to pull needs no pull request); None from older clients",
    )


class HelloResponse(BundleKeys):
    protocol_version: int = Field(description="The version both sides will speak")
    schema_version: int
    server_time_ms: int
    device_skew_ms: int = Field(
        description="How far the device clock runs ahead of the server (negative: behind)"
    )
    clock_trusted: bool
    last_device_seq: int = Field(description="Highest journal sequence of this device the server holds")
    jurisdiction: OrgUnitInfo
    head_seq: int = Field(description="Newest change on the server (pull until the cursor reaches it)")
    cadre_role: str = Field(default="", description="The cadre's role (v4): village | township | county")


# --- push -----------------------------------------------------------------------------------------------


class PushEntry(Message):
    """One journal entry of the device, frozen once sent: a retry sends exactly the same entry."""

    seq: int = Field(ge=1, lt=2**63, description="The device's journal sequence number (gap-free per device)")
    change_id: str = Field(min_length=32, max_length=36, pattern=NO_NUL)
    entity: str = Field(max_length=40, pattern=NO_NUL)
    entity_id: str = Field(min_length=1, max_length=36, pattern=NO_NUL)
    op: Op
    changes: dict[str, list[Any]] = Field(description='{"field": [old, new]} as in the journal')
    base: dict[str, Count] = Field(
        default_factory=dict,
        description="Per field, the server version (change-log seq) the device's edit was based on; 0 = none",
    )
    hlc: int = Field(ge=0, lt=2**63)
    author: str = Field(default="", max_length=100, pattern=NO_NUL)


class ConflictResolution(Message):
    conflict_id: str = Field(min_length=36, max_length=36)
    resolution: Literal["keep_current", "use_other", "edited"]
    resolved_by: str = Field(default="", max_length=100)


class PushRequest(Message):
    entries: list[PushEntry] = Field(max_length=MAX_PUSH_ENTRIES)
    resolutions: list[ConflictResolution] = Field(default_factory=list, max_length=MAX_PUSH_ENTRIES)


EntryStatus = Literal["applied", "merged", "lost", "duplicate", "quarantined"]


class EntryResult(Message):
    seq: int
    change_id: str
    status: EntryStatus
    reason: str = ""


class PushResponse(Message):
    acked_seq: int = Field(description="Every entry up to this device sequence is stored on the server")
    applied: int
    skipped: int
    conflicts: int
    quarantined: int
    results: list[EntryResult] = Field(
        default_factory=list, description="Only entries that were not simply applied (lost, quarantined, …)"
    )


# --- pull -----------------------------------------------------------------------------------------------


class PullRequest(Message):
    after: int = Field(
        ge=0, lt=2**63, description="The device's cursor: every change up to here is stored on the device"
    )
    limit: int = Field(default=1000, ge=1, le=MAX_PULL_LIMIT)
    own_held_above: int | None = Field(
        default=None,
        ge=0,
        lt=2**63,
        description="The device holds every change it sent after this journal sequence: the server need not send "
        "those back where they were stored as sent (no echo of a push). Older servers ignore it.",
    )
    pull_started_after: int | None = Field(
        default=None,
        ge=0,
        lt=2**63,
        description="The cursor this sync's pull started from (with own_held_above): a change is left out only "
        "if no earlier change of its record since then is sent.",
    )


@dataclasses.dataclass(frozen=True, slots=True)
class Change:
    """One change of the county's data, as the server decided it (after merging).

    A plain (slotted) dataclass rather than a model: a first pull parses some 100,000 of them, and pydantic
    builds and checks these in half the time of a model's (the fields are checked the same; unknown keys are
    ignored, as in every message)."""

    seq: int
    entity: str
    entity_id: str
    op: Annotated[
        PullOp, Field(description="I insert, U update, D delete, X left the jurisdiction (protocol 5)")
    ]
    hlc: int
    fields: Annotated[dict[str, Any], Field(description="New values; every field for I")] = dataclasses.field(
        default_factory=dict
    )
    versions: Annotated[
        dict[str, int],
        Field(description="Version of a field when it is not this change's seq (a winning value sent again)"),
    ] = dataclasses.field(default_factory=dict)
    device_id: str = ""
    author: str = ""


class PullResponse(Message):
    changes: list[Change]
    next_cursor: int = Field(description="Store this cursor with the changes, in the same transaction")
    more: bool
    head_seq: int


class FirstPullRequest(Message):
    """A device with nothing yet asks for its whole pull as a database image (``sync.first_pull``); a server
    without the route answers 404 and the device pulls page by page."""

    schema_revision: str = Field(
        max_length=64, description="The device's database schema (alembic revision): the image is made for it"
    )


# --- consistency check (after a complete sync) ---------------------------------------------------------

#: Entities compared after a sync (the records of a jurisdiction; reference data above it is not counted).
DIGEST_ENTITIES = (
    "household",
    "person",
    "visit",
    "enrollment",
    "intent",
    "training",
    "employment_record",
    "subsidy_application",
    "membership_change",
)


def id_digest(ids: Iterable[str]) -> str:
    """Order-independent digest of a set of record ids: the sum of the first 8 bytes of each id's SHA-256,
    modulo 2**64, in hex. Both sides compute it with this function."""
    total = 0
    for record_id in ids:
        total += int.from_bytes(hashlib.sha256(record_id.encode()).digest()[:8], "big")
    return f"{total % 2**64:016x}"


class ScopeDigest(Message):
    count: int
    digest: str


class DigestResponse(Message):
    """Live records per entity in the device's jurisdiction, as the server holds them."""

    entities: dict[str, ScopeDigest]
    head_seq: int


class SnapshotRequest(Message):
    entity: str = Field(max_length=40)
    after_id: str = Field(default="", max_length=36, description="Page on: the last id of the previous page")
    limit: int = Field(default=2000, ge=1, le=MAX_PULL_LIMIT)


class SnapshotRecord(Message):
    entity_id: str
    fields: dict[str, Any]
    versions: dict[str, int] = Field(description="Per field, the change-log seq that set it")


class SnapshotResponse(Message):
    """A page of the current records of one entity in the device's jurisdiction (repair after a mismatch)."""

    records: list[SnapshotRecord]
    more: bool


# --- attachment files (issue 7; docs/SYNC.md "Attachments") --------------------------------------------------

#: Largest attachment file the county server takes (413 above).
MAX_BLOB_BYTES = 20 * 1024 * 1024
#: Largest chunk of one ``PUT /v1/blobs/{sha256}`` and of one ``GET`` answer.
MAX_BLOB_CHUNK_BYTES = 256 * 1024
#: Total size of the file, on every ``GET /v1/blobs/{sha256}`` answer.
HEADER_BLOB_SIZE = "X-Yulu-Blob-Size"

Sha256 = Annotated[str, Field(min_length=64, max_length=64, pattern="^[0-9a-f]{64}$")]
BlobStateName = Literal["complete", "partial", "unknown", "forbidden"]


class BlobRef(Message):
    sha256: Sha256
    size: int = Field(ge=1, lt=2**63)


class BlobStatusRequest(Message):
    blobs: list[BlobRef] = Field(max_length=1000)


class BlobState(Message):
    sha256: str
    state: BlobStateName = Field(
        description="complete: nothing to send; partial: go on from `received`; unknown: send from 0; "
        "forbidden: no attachment record of the device's jurisdiction names this file"
    )
    received: int = Field(description="Bytes the server holds, contiguous from 0")


class BlobStatusResponse(Message):
    blobs: list[BlobState]
    max_chunk_bytes: int
    max_blob_bytes: int


class BlobPutResponse(Message):
    received: int = Field(description="Bytes the server now holds from 0: send the next chunk from here")
    complete: bool = Field(description="The whole file arrived and matched its hash")
    stored: int = Field(description="Bytes of this request that were new to the server")


# --- the audit log (protocol 4; sync.audit_upload, server.audit; docs/SYNC.md "Audit log") ---------------

#: Largest batch of audit entries in one upload.
MAX_AUDIT_ENTRIES = 1000
AuditFlag = Literal["gap", "fork", "hash"]


def audit_batch_message(device_id: str, last_id: int, last_hash: str) -> bytes:
    """What the device signs for a batch: its newest entry's hash (which commits to the whole chain before
    it), so the county can later show the laptop vouched for that chain with its own key."""
    return f"audit\n{device_id}\n{last_id}\n{last_hash}".encode()


class AuditRecord(Message):
    """One audit entry as the laptop holds it (``store.audit``); the county checks the chain fields."""

    id: int = Field(ge=1, lt=2**63)
    at: str = Field(max_length=40, pattern=NO_NUL)
    actor: str = Field(max_length=200, pattern=NO_NUL)
    action: str = Field(max_length=20, pattern=NO_NUL)
    entity: str = Field(default="", max_length=100, pattern=NO_NUL)
    entity_id: str = Field(default="", max_length=100, pattern=NO_NUL)
    detail: str = Field(default="", max_length=100_000, pattern=NO_NUL)
    prev_hash: str = Field(max_length=64, pattern=NO_NUL)
    entry_hash: str = Field(max_length=64, pattern=NO_NUL)


class AuditUploadRequest(Message):
    entries: list[AuditRecord] = Field(min_length=1, max_length=MAX_AUDIT_ENTRIES, description="In id order")
    signature: str = Field(
        max_length=200, description="Ed25519 (device key, base64) over audit_batch_message of the last entry"
    )


class AuditFlagInfo(Message):
    kind: AuditFlag = Field(
        description="gap: ids skipped; fork: the entry does not continue the chain the county holds (the "
        "laptop's log was rewritten); hash: the entry does not match its own hash"
    )
    entry_id: int
    message: str


class AuditUploadResponse(Message):
    last_id: int = Field(description="The id of the newest entry of this device the county holds")
    stored: int
    duplicates: int = Field(description="Entries the county held already (a re-sent batch changes nothing)")
    flags: list[AuditFlagInfo] = Field(default_factory=list, description="Raised by this batch")


# --- escrow of the laptop's database key (server.escrow, sync.escrow; docs/SECURITY.md "Escrow") ----------

EscrowBytes = Annotated[str, Field(min_length=1, max_length=200, pattern="^[A-Za-z0-9+/=]+$")]


def escrow_purpose(device_id: str) -> bytes:
    """The associated data of the escrow seal: a deposit opens only for the laptop that made it."""
    return f"yulu-escrow-v1\n{device_id}".encode()


class EscrowDepositRequest(Message):
    key_id: str = Field(min_length=1, max_length=32, pattern="^[0-9a-f]+$")
    wrapped: EscrowBytes = Field(description="nonce (12 bytes) + AES-256-GCM seal of the root key, base64")


class EscrowDepositResponse(Message):
    stored: bool


class EscrowRedeemRequest(Message):
    """Unsigned (the laptop is locked, its device key with it): the one-time release code is the credential."""

    code: str = Field(min_length=1, max_length=60, pattern=NO_NUL)


class EscrowRedeemResponse(Message):
    device_id: str
    key_id: str
    wrapped: str
