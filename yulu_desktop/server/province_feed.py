"""The county side of the province view (issue 17): the feeder that projects the county's records into the
``prov_*`` tables, and the PostgreSQL publication that carries them to the province.

Why a projection: the county stores its records generically (``record``: JSON fields, sensitive values sealed
under the county's own data key). The province needs a handful of columns of a few entities, relational so that
PostgreSQL's logical replication can copy them and the province can query them, and never a clear ID number,
phone, account, health or income. So the feeder writes small tables in the county database (the province holds
the same columns, partitioned by ``county_code``) and PostgreSQL does all the copying between machines
(``CREATE PUBLICATION yulu_province``; the province subscribes once per county). Nothing here talks to the
province.

How it follows the records: ``record.updated_seq`` is assigned under the change-log lock (``server.db``), so
records become visible in ``updated_seq`` order and a cursor never skips one. The feeder reads the head of the
log first, then the records with ``cursor < updated_seq <= head`` in that order, in batches; each batch's rows
and the new cursor are written in one transaction (``prov_feed_state.last_seq``), so a crash between batches
loses nothing and repeats nothing that matters (an upsert of equal values is skipped). Rows whose projected values
did not change are not written at all: every write is replication traffic to the province. Reading and writing
are separate transactions (on SQLite a write transaction blocks every push); the write checks that the cursor is
still the one the batch started from, so two feeders (the server's thread and ``admin province feed``) never
interleave their batches.

What is published (``FEED_VERSION`` 1): org units; households (number, village, type); people (name, a keyed
hash of the ID number under the **province's** key, so that the same number hashes equally in every county, the
masked number as the app shows it, sex, birth year, status); enrollments (no 学籍号); subsidy applications (term,
amount, state, paid date — no payee or account); employment entries (no employer, job, place or income: the
income only as its band), voided entries not at all. A deleted record deletes its row. A later feed version may
only add nullable columns (the province migrates first).

Every run also writes a heartbeat (``prov_feed_state.heartbeat_at``), even when nothing changed: replicated, it
lets the province measure the lag end to end — a stopped feeder, a county that is down and a broken subscription
all stop it moving.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Connection, Table, delete, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import URL
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql.sqltypes import String

from yulu_desktop.domain.employment import income_band_of
from yulu_desktop.domain.errors import ValidationFailed
from yulu_desktop.domain.idcard import normalize_id_number, upgrade_15_to_18
from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.private_files import write_private
from yulu_desktop.server import fieldcrypt
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import (
    OrgUnit,
    ProvEmployment,
    ProvEnrollment,
    ProvFeedState,
    ProvHousehold,
    ProvPerson,
    ProvSubsidy,
    ProvUnit,
    Record,
)

__all__ = [
    "FEED_TABLE_NAMES",
    "FEED_VERSION",
    "PROVINCE_KEY_FILE_ENV",
    "PUBLICATION",
    "FeedError",
    "FeedResult",
    "FeedStatus",
    "Feeder",
    "ProvinceKey",
    "ReplicationSlot",
    "feed_once",
    "feed_status",
    "new_province_key",
    "province_key_file",
    "province_slot_name",
    "province_slot_parts",
    "publish",
    "read_province_key",
    "write_province_key",
]

FEED_VERSION: Final = 1
PUBLICATION: Final = "yulu_province"
#: Each subscriber database (the province, a city) holds its own replication slot on the county,
#: ``yulu_c<code>_<subscriber>``: PostgreSQL names a subscription's slot after the subscription, and every
#: subscriber calls its subscription ``yulu_c<code>``, so two of them would ask for one slot. The subscriber tag
#: is chosen by the subscribing database (``province.counties.subscriber_tag``). A slot named ``yulu_c<code>``
#: alone is a subscription made before a county could have more than one subscriber; it keeps working.
SLOT_PREFIX: Final = "yulu_c"
_SLOT_NAME: Final = re.compile(r"yulu_c(\d{6})(?:_([a-z0-9]{1,40}))?")
FEED_TABLE_NAMES: Final[tuple[str, ...]] = (
    "prov_feed_state",
    "prov_unit",
    "prov_household",
    "prov_person",
    "prov_enrollment",
    "prov_subsidy",
    "prov_employment",
)
PROVINCE_KEY_FILE_ENV: Final = "YULU_PROVINCE_KEY_FILE"
#: Prefix of the province's ID-number hashes (the county's own are ``h1:``: another key, never comparable).
HASH_TAG: Final = "p1:"
_KEY_FORMAT: Final = 1
_KEY_PURPOSE: Final = "yulu-province-id-hash"
#: Ids per ``IN (…)`` when the existing projection rows of a batch are read or deleted.
_CHUNK: Final = 500

log = logging.getLogger("yulu.province_feed")


class FeedError(RuntimeError):
    """The feed or the publication could not be done (the message is Chinese)."""


# --- the province key -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProvinceKey:
    """The province's ID-number hash key: one key for every county (made by ``yulu-province make-key``), so the
    same person's hash is equal in every county's feed. Not the county's own hash key."""

    key_id: str
    key: bytes = field(repr=False)

    def id_hash(self, id_number: str) -> str:
        """``p1:`` + the first 32 hex digits of HMAC-SHA256 of the normalised 18-character number (a 15-digit
        number is upgraded first; a number that does not parse is hashed as its normalised text)."""
        text = normalize_id_number(id_number)
        if len(text) == 15:
            with contextlib.suppress(ValidationFailed):
                text = upgrade_15_to_18(text)
        digest = hmac.new(self.key, text.encode("utf-8"), hashlib.sha256).hexdigest()
        return HASH_TAG + digest[:32]


def new_province_key() -> ProvinceKey:
    return ProvinceKey("p" + secrets.token_hex(4), secrets.token_bytes(32))


def _key_bytes(key: ProvinceKey) -> bytes:
    payload = {
        "format": _KEY_FORMAT,
        "purpose": _KEY_PURPOSE,
        "key_id": key.key_id,
        "key": base64.b64encode(key.key).decode(),
    }
    return json.dumps(payload).encode("utf-8")


def read_province_key(path: Path) -> ProvinceKey:
    """The key in ``path``; ``FeedError`` (Chinese) when the file is missing or damaged."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FeedError(
            f"找不到省级密钥文件 {path}。请向省里索取（省里用 yulu-province make-key 生成），"
            "再用 yulu-server admin province join --key-file 文件 导入。"
        ) from None
    except OSError as exc:
        raise FeedError(f"无法读取省级密钥文件 {path}：{exc}") from None
    try:
        data = json.loads(text)
        if data.get("purpose") != _KEY_PURPOSE:
            raise ValueError
        key = ProvinceKey(str(data["key_id"]), base64.b64decode(data["key"], validate=True))
        if len(key.key) != 32 or not key.key_id:
            raise ValueError
        return key
    except (ValueError, KeyError, TypeError, AttributeError):
        raise FeedError(f"省级密钥文件 {path} 已损坏，或不是省级密钥文件。") from None


def write_province_key(path: Path, key: ProvinceKey) -> None:
    """Write ``key`` to ``path`` (0600). A file already there is kept: the same key is fine, another one is a
    ``FeedError`` (every hash already sent to the province was made with it)."""
    if not write_private(path, _key_bytes(key), replace=False):
        found = read_province_key(path)
        if found != key:
            raise FeedError(
                f"{path} 中已有另一把省级密钥（{found.key_id}），不能替换为 {key.key_id}："
                "已发给省里的身份证号摘要都是用原来的密钥算的。"
            )


def province_key_file(url: URL) -> Path:
    """``YULU_PROVINCE_KEY_FILE``, else beside the data key file (``yulu-server-keys-data.json`` →
    ``yulu-server-keys-province.json``)."""
    override = os.environ.get(PROVINCE_KEY_FILE_ENV)
    if override:
        return Path(override)
    data = fieldcrypt.data_key_file(url)
    return data.with_name(f"{data.stem.removesuffix('-data')}-province.json")


# --- the projection ---------------------------------------------------------------------------------------

_TABLES: Final[dict[str, Table]] = {
    "org_unit": ProvUnit.__table__,  # type: ignore[dict-item]
    "household": ProvHousehold.__table__,  # type: ignore[dict-item]
    "person": ProvPerson.__table__,  # type: ignore[dict-item]
    "enrollment": ProvEnrollment.__table__,  # type: ignore[dict-item]
    "subsidy_application": ProvSubsidy.__table__,  # type: ignore[dict-item]
    "employment_record": ProvEmployment.__table__,  # type: ignore[dict-item]
}
_STATE: Final[Table] = ProvFeedState.__table__  # type: ignore[assignment]
#: The record entities fed, in no particular order (each projection row depends on its own record only).
FED_ENTITIES: Final = tuple(_TABLES)
#: Value columns (not the key) of each table, in table order.
_VALUE_COLUMNS: Final = {
    entity: tuple(c.name for c in table.columns if c.name not in ("county_code", "id"))
    for entity, table in _TABLES.items()
}
#: Declared lengths of the string columns: longer values are cut (PostgreSQL would refuse the whole batch).
_LENGTHS: Final = {
    entity: {
        c.name: c.type.length
        for c in table.columns
        if isinstance(c.type, String) and c.type.length is not None
    }
    for entity, table in _TABLES.items()
}

Row = dict[str, Any]


def _str(value: Any) -> str:
    return "" if value is None else str(value)


def _opt_str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _datetime(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        found = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    # Stored without a zone, as the laptop's column is (``recorded_at`` is the laptop's UTC time).
    return found.astimezone(UTC).replace(tzinfo=None) if found.tzinfo is not None else found


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return None


def _bool(value: Any) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "t", "yes")
    return bool(value)


@dataclass
class _Context:
    """What a batch's projection needs besides the records: the province key, the cipher (only the person's ID
    number is opened), and the level of every org unit (a person's village is the village on its scope path)."""

    key: ProvinceKey
    cipher: fieldcrypt.FieldCipher
    levels: dict[str, str]


def _village_on(scope_path: str, levels: Mapping[str, str]) -> str | None:
    for part in reversed(scope_path.strip("/").split("/")):
        if levels.get(part) == "village":
            return part
    return None


def _project_unit(data: Mapping[str, Any], _scope: str, _ctx: _Context) -> Row | None:
    return {
        "code": _str(data.get("code")),
        "name": _str(data.get("name")),
        "level": _str(data.get("level")),
        "parent_id": _opt_str(data.get("parent_id")),
    }


def _project_household(data: Mapping[str, Any], _scope: str, _ctx: _Context) -> Row | None:
    return {
        "household_no": _str(data.get("household_no")),
        "village_id": _opt_str(data.get("village_id")),
        "household_type": _opt_str(data.get("household_type")),
        "monitoring_type": _opt_str(data.get("monitoring_type")),
    }


def _project_person(data: Mapping[str, Any], scope: str, ctx: _Context) -> Row | None:
    sealed = data.get("id_number")
    id_number = ctx.cipher.open_value("person", "id_number", sealed) if sealed else None
    birth = _date(data.get("birth_date"))
    return {
        "household_id": _opt_str(data.get("household_id")),
        "village_id": _village_on(scope, ctx.levels),
        "name": _str(data.get("name")),
        "id_hash": ctx.key.id_hash(str(id_number)) if id_number else None,
        "id_masked": mask_id_number(str(id_number))[:18] if id_number else "",
        "sex": _opt_str(data.get("sex")),
        "birth_year": birth.year if birth is not None else None,
        "status": _str(data.get("status")) or "normal",
    }


def _project_enrollment(data: Mapping[str, Any], _scope: str, _ctx: _Context) -> Row | None:
    if not data.get("person_id"):
        return None
    return {
        "person_id": _str(data.get("person_id")),
        "school_year": _str(data.get("school_year")),
        "semester": _str(data.get("semester")),
        "school_name": _str(data.get("school_name")),
        "school_type": _str(data.get("school_type")),
        "major": _str(data.get("major")),
        "registry_status": _str(data.get("registry_status")) or "enrolled",
        "ended_on": _date(data.get("ended_on")),
    }


def _project_subsidy(data: Mapping[str, Any], _scope: str, _ctx: _Context) -> Row | None:
    amount = _int(data.get("amount_fen"))
    if not data.get("person_id") or amount is None:
        return None
    return {
        "person_id": _str(data.get("person_id")),
        "term": _str(data.get("term")),
        "amount_fen": amount,
        "state": _str(data.get("state")),
        "paid_on": _date(data.get("paid_on")),
    }


def _project_employment(data: Mapping[str, Any], _scope: str, _ctx: _Context) -> Row | None:
    effective = _date(data.get("effective_date"))
    if data.get("voided_on") or effective is None or not data.get("person_id"):
        return None  # a voided entry is not published (and leaves the projection)
    return {
        "person_id": _str(data.get("person_id")),
        "effective_date": effective,
        "recorded_at": _datetime(data.get("recorded_at")),
        "destination": _str(data.get("destination")),
        "region": _opt_str(data.get("region")),
        "industry": _str(data.get("industry")),
        "matches_major": _bool(data.get("matches_major")),
        "income_band": income_band_of(_int(data.get("monthly_income_fen"))),
    }


_PROJECTIONS: Final[dict[str, Callable[[Mapping[str, Any], str, _Context], Row | None]]] = {
    "org_unit": _project_unit,
    "household": _project_household,
    "person": _project_person,
    "enrollment": _project_enrollment,
    "subsidy_application": _project_subsidy,
    "employment_record": _project_employment,
}


def project(entity: str, data_json: str, scope_path: str, ctx: _Context) -> Row | None:
    """The projection row (value columns) of one live record, or None when it is not published."""
    data = json.loads(data_json)
    if not isinstance(data, dict):
        return None
    row = _PROJECTIONS[entity](data, scope_path, ctx)
    if row is None:
        return None
    for name, length in _LENGTHS[entity].items():
        value = row.get(name)
        if isinstance(value, str) and len(value) > length:
            row[name] = value[:length]
    return row


# --- feeding ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedResult:
    county_code: str
    changed: int  # projection rows inserted or updated
    deleted: int  # projection rows deleted
    last_seq: int  # the cursor after the run
    caught_up: bool  # the cursor reached the head of the change log the last batch saw


@dataclass
class _Batch:
    start: int  # the cursor the batch was read from
    end: int  # the cursor after it
    rows: dict[str, dict[str, Row | None]]  # entity → id → projected values (None: not published)
    full: bool  # as many records as asked for: more may follow


def county_of(db: ServerDatabase) -> tuple[str, str]:
    """Code and name of the server's one county-level unit (``FeedError`` when there is none or several)."""
    with db.read() as session:
        found = session.execute(select(OrgUnit.code, OrgUnit.name).where(OrgUnit.level == "county")).all()
    if not found:
        raise FeedError(
            "县服务器上还没有县级单位（yulu-server admin create-unit --level county），无法向省里报送。"
        )
    if len(found) > 1:
        codes = "、".join(sorted(str(r[0]) for r in found))
        raise FeedError(f"县服务器上有 {len(found)} 个县级单位（{codes}），一个县服务器只能对应一个县。")
    return str(found[0][0]), str(found[0][1])


def _cursor(conn: Connection, county_code: str) -> int | None:
    value = conn.execute(select(_STATE.c.last_seq).where(_STATE.c.county_code == county_code)).scalar()
    return None if value is None else int(value)


def _read_batch(db: ServerDatabase, county_code: str, ctx: _Context, limit: int) -> _Batch:
    """The next batch after the stored cursor, projected (one read transaction)."""
    with db.read() as session:
        conn = session.connection()
        start = _cursor(conn, county_code) or 0
        head = db.read_head(session)  # first: every record with updated_seq <= head is committed
        ctx.levels = {str(i): str(lv) for i, lv in conn.execute(select(OrgUnit.id, OrgUnit.level))}
        columns = (Record.entity, Record.entity_id, Record.data, Record.deleted, Record.scope_path)
        found = conn.execute(
            select(*columns, Record.updated_seq)
            .where(Record.updated_seq > start, Record.updated_seq <= head, Record.entity.in_(FED_ENTITIES))
            .order_by(Record.updated_seq)
            .limit(limit)
        ).all()
        end = head
        records = [tuple(r[:5]) for r in found]
        if len(found) == limit:
            end = int(found[-1][5])
            # Records sharing the last number may lie beyond the limit: take them all, or they would be skipped.
            seen = {(r[0], r[1]) for r in found if int(r[5]) == end}
            records.extend(
                tuple(r)
                for r in conn.execute(
                    select(*columns).where(Record.updated_seq == end, Record.entity.in_(FED_ENTITIES))
                )
                if (r[0], r[1]) not in seen
            )
    rows: dict[str, dict[str, Row | None]] = {}
    for entity, entity_id, data, deleted, scope_path in records:
        projected = None if deleted else project(str(entity), str(data), str(scope_path), ctx)
        rows.setdefault(str(entity), {})[str(entity_id)] = projected
    return _Batch(start, max(end, start), rows, len(found) == limit)


def _upsert(conn: Connection, table: Table, rows: list[Row]) -> None:
    columns = [c.name for c in table.columns if c.name not in ("county_code", "id")]
    insert = (postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert)(table)
    conn.execute(
        insert.on_conflict_do_update(
            index_elements=["county_code", "id"], set_={c: insert.excluded[c] for c in columns}
        ),
        rows,
    )


def _chunks(items: Sequence[str]) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


class _Moved(Exception):
    """Another feeder moved the cursor since this batch was read: read again."""


def _write_batch(
    db: ServerDatabase, county: tuple[str, str], batch: _Batch, now: datetime
) -> tuple[int, int]:
    """Write a batch's changed rows, its deletes and the new cursor and heartbeat in one transaction; returns
    (rows written, rows deleted). ``_Moved`` when the stored cursor is no longer the batch's start."""
    code, name = county
    changed = deleted = 0
    with db.write() as session:
        conn = session.connection()
        query = select(_STATE.c.last_seq).where(_STATE.c.county_code == code)
        if conn.dialect.name == "postgresql":
            query = query.with_for_update()
        stored = conn.execute(query).scalar()
        if (0 if stored is None else int(stored)) != batch.start:
            raise _Moved
        for entity, by_id in batch.rows.items():
            table = _TABLES[entity]
            values = _VALUE_COLUMNS[entity]
            existing: dict[str, tuple[Any, ...]] = {}
            for chunk in _chunks(sorted(by_id)):
                for found in conn.execute(
                    select(table.c.id, *(table.c[v] for v in values)).where(
                        table.c.county_code == code, table.c.id.in_(chunk)
                    )
                ):
                    existing[str(found[0])] = tuple(found[1:])
            writes = [
                {"county_code": code, "id": entity_id, **row}
                for entity_id, row in by_id.items()
                if row is not None and existing.get(entity_id) != tuple(row[v] for v in values)
            ]
            gone = sorted(i for i, row in by_id.items() if row is None and i in existing)
            if writes:
                _upsert(conn, table, writes)
            for chunk in _chunks(gone):
                conn.execute(delete(table).where(table.c.county_code == code, table.c.id.in_(chunk)))
            changed += len(writes)
            deleted += len(gone)
        people_changed = stored is None or "person" in batch.rows
        state: Row = {
            "county_name": name,
            "feed_version": FEED_VERSION,
            "last_seq": batch.end,
            "heartbeat_at": now,
        }
        if changed or deleted:
            state["changed_at"] = now
        if people_changed:
            state["people"] = int(
                conn.execute(
                    select(func.count()).select_from(ProvPerson).where(ProvPerson.county_code == code)
                ).scalar_one()
            )
        if stored is None:
            try:
                with conn.begin_nested():
                    conn.execute(_STATE.insert().values(county_code=code, **state))
            except IntegrityError:
                raise _Moved from None  # another feeder made the row first
        else:
            conn.execute(update(_STATE).where(_STATE.c.county_code == code).values(**state))
    return changed, deleted


def feed_once(
    db: ServerDatabase, key: ProvinceKey, *, batch: int = 5000, now: datetime | None = None
) -> FeedResult:
    """Bring the projection up to the head of the change log, ``batch`` records per transaction, and write the
    heartbeat (also when nothing changed)."""
    if batch < 1:
        raise ValueError("batch must be positive")
    county = county_of(db)
    ctx = _Context(key, db.cipher, {})
    changed = deleted = 0
    moved = 0
    while True:
        current = _read_batch(db, county[0], ctx, batch)
        try:
            written, removed = _write_batch(db, county, current, now or datetime.now(UTC))
        except _Moved:
            moved += 1
            if moved > 100:
                raise FeedError("另一个报送进程一直在同时运行，本次报送停止。") from None
            continue
        changed += written
        deleted += removed
        if not current.full:
            return FeedResult(county[0], changed, deleted, current.end, True)


# --- the publication ----------------------------------------------------------------------------------------


def _require_postgres(db: ServerDatabase) -> None:
    if db.engine.dialect.name != "postgresql":
        raise FeedError(
            "只有使用 PostgreSQL 的县服务器才能向省里发布数据（逻辑复制）；这个县服务器使用的是 SQLite。"
            "请先把县服务器迁移到 PostgreSQL。"
        )


def _quote(conn: Connection, name: str) -> str:
    return str(conn.dialect.identifier_preparer.quote(name))


def publish(db: ServerDatabase, *, grant_to: str | None = None, name: str = PUBLICATION) -> list[str]:
    """Create (or correct) the publication of the seven ``prov_*`` tables; PostgreSQL only, idempotent.
    ``grant_to``: the role the province subscribes as gets SELECT on them (the initial copy reads them).

    Returns warnings (Chinese) about what would keep the province from subscribing: ``wal_level`` not
    ``logical`` (a publication can be created with any ``wal_level``, a subscription to it cannot), no
    replication slots or senders, a role without the REPLICATION attribute."""
    _require_postgres(db)
    warnings: list[str] = []
    with db.engine.begin() as conn:
        tables = ", ".join(_quote(conn, t) for t in FEED_TABLE_NAMES)
        exists = conn.execute(
            text("SELECT 1 FROM pg_publication WHERE pubname = :name"), {"name": name}
        ).first()
        verb = "ALTER PUBLICATION {} SET TABLE {}" if exists else "CREATE PUBLICATION {} FOR TABLE {}"
        conn.exec_driver_sql(verb.format(_quote(conn, name), tables))
        if grant_to:
            role = conn.execute(
                text("SELECT rolreplication, rolsuper FROM pg_roles WHERE rolname = :role"),
                {"role": grant_to},
            ).first()
            if role is None:
                raise FeedError(
                    f"数据库中没有角色 {grant_to}：请先创建省里订阅用的角色（CREATE ROLE … LOGIN）。"
                )
            conn.exec_driver_sql(f"GRANT SELECT ON {tables} TO {_quote(conn, grant_to)}")
            schema = conn.execute(text("SELECT current_schema()")).scalar_one()
            conn.exec_driver_sql(
                f"GRANT USAGE ON SCHEMA {_quote(conn, str(schema))} TO {_quote(conn, grant_to)}"
            )
            if not (role[0] or role[1]):
                warnings.append(
                    f"角色 {grant_to} 没有 REPLICATION 权限，省里无法用它订阅。"
                    f"请由数据库超级用户执行：ALTER ROLE {grant_to} REPLICATION;"
                )
        warnings.extend(_server_warnings(conn))
    return warnings


def _server_warnings(conn: Connection) -> list[str]:
    settings: dict[str, str] = dict(
        conn.execute(
            text(
                "SELECT name, setting FROM pg_settings "
                "WHERE name IN ('wal_level', 'max_replication_slots', 'max_wal_senders')"
            )
        ).all()
    )
    warnings = []
    level = settings.get("wal_level", "")
    if level != "logical":
        warnings.append(
            f"PostgreSQL 的 wal_level 是 {level or '未知'}，不是 logical：发布已建立，但省里还无法订阅。"
            "请在 postgresql.conf 中设置 wal_level = logical，然后重启数据库。"
        )
    for setting in ("max_replication_slots", "max_wal_senders"):
        if int(settings.get(setting, "0") or 0) < 1:
            warnings.append(
                f"PostgreSQL 的 {setting} 是 0：省里无法订阅，请在 postgresql.conf 中调大它并重启。"
            )
    return warnings


# --- status -------------------------------------------------------------------------------------------------


def province_slot_name(code: str, subscriber: str) -> str:
    """The replication slot on county ``code`` of the subscriber database tagged ``subscriber``:
    ``yulu_c500229_3f2a9c0177`` (lower-case letters, digits and underscores, as PostgreSQL wants)."""
    name = f"{SLOT_PREFIX}{code}_{subscriber}"
    if not _SLOT_NAME.fullmatch(name):
        raise ValueError(f"not a province slot name: {name!r}")
    return name


def province_slot_parts(name: str) -> tuple[str, str] | None:
    """``(county code, subscriber tag)`` of a province slot name (tag ``''`` for the old single-subscriber name
    ``yulu_c<code>``), None for any other slot (a subscriber's table copy ``pg_…_sync_…``, say)."""
    match = _SLOT_NAME.fullmatch(name)
    return None if match is None else (match.group(1), match.group(2) or "")


@dataclass(frozen=True)
class ReplicationSlot:
    """A logical replication slot of this database: a subscriber's (the province's, a city's), named
    ``yulu_c<code>_<subscriber>`` or, made before a county could have two subscribers, ``yulu_c<code>``."""

    name: str
    active: bool
    lag_bytes: int | None  # WAL not yet confirmed by the subscriber (the WAL this slot holds back)
    state: str  # pg_stat_replication.state of its sender ('' when none is connected)
    replay_lag_seconds: float | None

    @property
    def subscriber(self) -> str | None:
        """The subscriber tag of a province slot (``''``: the old name ``yulu_c<code>``); None for another slot,
        such as the temporary slot of a subscriber's table copy (``pg_…_sync_…``)."""
        parts = province_slot_parts(self.name)
        return None if parts is None else parts[1]


@dataclass(frozen=True)
class FeedStatus:
    county_code: str
    county_name: str
    key_file: Path
    key_id: str  # '' when the key file is missing
    fed: bool  # a feed state exists
    last_seq: int
    head: int
    heartbeat_at: datetime | None
    changed_at: datetime | None
    people: int
    postgres: bool
    publication: bool
    published_tables: tuple[str, ...]
    slots: tuple[ReplicationSlot, ...]
    warnings: tuple[str, ...]


def feed_status(db: ServerDatabase, *, publication: str = PUBLICATION) -> FeedStatus:
    """Where the feed stands: cursor against the head of the log, heartbeat, the publication, the replication
    slots of this database and their lag."""
    code, name = county_of(db)
    path = province_key_file(db.engine.url)
    try:
        key_id = read_province_key(path).key_id
    except FeedError:
        key_id = ""
    with db.read() as session:
        head = db.read_head(session)
        state = session.execute(select(_STATE).where(_STATE.c.county_code == code)).mappings().first()
    postgres = db.engine.dialect.name == "postgresql"
    tables: tuple[str, ...] = ()
    exists = False
    slots: list[ReplicationSlot] = []
    warnings: list[str] = []
    if postgres:
        with db.engine.connect() as conn:
            exists = (
                conn.execute(
                    text("SELECT 1 FROM pg_publication WHERE pubname = :n"), {"n": publication}
                ).first()
                is not None
            )
            tables = tuple(
                sorted(
                    str(r[0])
                    for r in conn.execute(
                        text("SELECT tablename FROM pg_publication_tables WHERE pubname = :n"),
                        {"n": publication},
                    )
                )
            )
            for row in conn.execute(
                text(
                    "SELECT s.slot_name, s.active, "
                    "pg_wal_lsn_diff(pg_current_wal_lsn(), s.confirmed_flush_lsn)::bigint, "
                    "coalesce(r.state, ''), extract(epoch FROM r.replay_lag)::float8 "
                    "FROM pg_replication_slots s "
                    "LEFT JOIN pg_stat_replication r ON r.pid = s.active_pid "
                    "WHERE s.slot_type = 'logical' AND s.database = current_database() "
                    "ORDER BY s.slot_name"
                )
            ):
                slots.append(
                    ReplicationSlot(
                        str(row[0]),
                        bool(row[1]),
                        None if row[2] is None else int(row[2]),
                        str(row[3]),
                        None if row[4] is None else float(row[4]),
                    )
                )
            warnings = _server_warnings(conn)
    return FeedStatus(
        county_code=code,
        county_name=name,
        key_file=path,
        key_id=key_id,
        fed=state is not None,
        last_seq=int(state["last_seq"]) if state else 0,
        head=head,
        heartbeat_at=_aware(state["heartbeat_at"]) if state else None,
        changed_at=_aware(state["changed_at"]) if state else None,
        people=int(state["people"]) if state else 0,
        postgres=postgres,
        publication=exists,
        published_tables=tables,
        slots=tuple(slots),
        warnings=tuple(warnings),
    )


def _aware(value: datetime | None) -> datetime | None:
    """SQLite gives the stored UTC time back without its zone."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


# --- the background thread ----------------------------------------------------------------------------------


class Feeder:
    """Runs ``feed_once`` every ``interval`` seconds in a daemon thread (``yulu-server serve``). Errors are
    logged and kept in ``last_error``; the next run tries again."""

    def __init__(self, db: ServerDatabase, key: ProvinceKey, interval: float, *, batch: int = 5000) -> None:
        if interval <= 0:
            raise ValueError("interval must be positive")
        self.db, self.key, self.interval, self.batch = db, key, interval, batch
        self.runs = 0
        self.last_result: FeedResult | None = None
        self.last_error = ""
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> Feeder:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="yulu-province-feed", daemon=True)
            self._thread.start()
        return self

    def stop(self, timeout: float = 60.0) -> None:
        """Ask the thread to stop and wait for it (a run under way finishes its batch first)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.last_result = feed_once(self.db, self.key, batch=self.batch)
                self.last_error = ""
            except Exception as exc:  # logged, and tried again at the next interval
                self.last_error = str(exc)
                log.exception("省级数据报送失败：%s", exc)
            self.runs += 1
            self._stop.wait(self.interval)
