"""Walking the stored rows that hold sensitive values: encrypt a database of the last release (migrations
s0007 and s0011), re-encrypt under a new key (``yulu-server admin rotate-key``), or decrypt (the migrations'
downgrades).

Rows are read and rewritten in batches in primary-key order (``after`` is the last key done), so memory stays
flat and a rotation can commit batch by batch: an interrupted rotation is resumed by running it again (rows
already under the current key are read but not rewritten). See ``server.fieldcrypt`` for the format.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import (
    ColumnElement,
    Connection,
    TableClause,
    and_,
    bindparam,
    column,
    inspect,
    or_,
    select,
    table,
    tuple_,
)

from yulu_desktop.server import fieldcrypt
from yulu_desktop.server.fieldcrypt import CONFLICT_ENTITY, SENSITIVE_FIELDS, TAG, FieldCipher

Mode = Literal["seal", "rotate", "open"]
#: The unique sensitive field of an entity (``merge.UNIQUE_FIELDS``), kept as a keyed hash.
UNIQUE_SENSITIVE = {"person": "id_number"}
BATCH_ROWS = 500

_record = table(
    "record", column("entity"), column("entity_id"), column("data"), column("unique_key"), column("deleted")
)
_log = table("change_log", column("seq"), column("entity"), column("fields"))
_conflict = table(
    "conflict", column("id"), column("entity"), column("field"), column("winner_value"), column("loser_value")
)
_quarantine = table("quarantine", column("id"), column("entry"))
_duplicate = table(
    "duplicate_review", column("id"), column("entity"), column("field"), column("value"), column("entry")
)
_blob_chunk = table("blob_chunk", column("sha256"), column("offset"), column("key_id"), column("data"))


@dataclass(frozen=True)
class Walk:
    """One table: its key columns, the columns it rewrites and how one row is converted."""

    name: str
    table: TableClause
    key: tuple[str, ...]
    columns: tuple[str, ...]
    convert: Callable[[FieldCipher, Mode, dict[str, Any]], dict[str, Any]]
    only_entities: bool = False
    #: Rows read per batch, when not ``BATCH_ROWS`` (attachment chunks are up to a whole file each).
    batch_rows: int | None = None
    #: The rows a rotation to the current key (the ``str``) reads: by default those whose text has the tag.
    stale: Callable[[TableClause, str], ColumnElement[bool]] | None = None


def _entities() -> list[str]:
    return sorted(SENSITIVE_FIELDS)


def _record_row(cipher: FieldCipher, mode: Mode, row: dict[str, Any]) -> dict[str, Any]:
    entity = row["entity"]
    clear = cipher.loads_fields(entity, row["data"])
    unique = UNIQUE_SENSITIVE.get(entity)
    key = row["unique_key"]
    if unique is not None and key is not None:
        value = clear.get(unique)
        if mode == "open":
            key = str(value) if value not in (None, "") else None
        elif mode == "seal" or not str(key).startswith("h1:"):
            key = cipher.hash_value(entity, unique, str(value)) if value not in (None, "") else None
    data = json.dumps(clear if mode == "open" else cipher.seal_fields(entity, clear), ensure_ascii=False)
    return {"data": data, "unique_key": key}


def _log_row(cipher: FieldCipher, mode: Mode, row: dict[str, Any]) -> dict[str, Any]:
    entity, text = row["entity"], row["fields"]
    if entity != CONFLICT_ENTITY:
        clear = cipher.loads_fields(entity, text)
        sealed = clear if mode == "open" else cipher.seal_fields(entity, clear)
        return {"fields": json.dumps(sealed, ensure_ascii=False)}
    fields = cipher.open_conflict_fields(json.loads(text))
    if mode != "open":
        target, name = str(fields.get("entity", "")), str(fields.get("field", ""))
        for key in ("winner_value", "loser_value"):
            if key in fields:
                fields[key] = cipher.seal_conflict_value(target, name, fields[key])
    return {"fields": json.dumps(fields, ensure_ascii=False)}


def _conflict_row(cipher: FieldCipher, mode: Mode, row: dict[str, Any]) -> dict[str, Any]:
    entity, name = row["entity"], row["field"]
    out = {}
    for key in ("winner_value", "loser_value"):
        value = cipher.open_conflict_value(entity, name, json.loads(row[key]))
        if mode != "open":
            value = cipher.seal_conflict_value(entity, name, value)
        out[key] = json.dumps(value, ensure_ascii=False)
    return out


def _quarantine_row(cipher: FieldCipher, mode: Mode, row: dict[str, Any]) -> dict[str, Any]:
    clear = cipher.open_blob(row["entry"])
    return {"entry": clear if mode == "open" else cipher.seal_blob(clear)}


def _duplicate_row(cipher: FieldCipher, mode: Mode, row: dict[str, Any]) -> dict[str, Any]:
    clear = cipher.open_blob(row["entry"])
    value = row["value"]
    if mode == "open":
        try:
            pair = json.loads(clear)["changes"][row["field"]]
            value = str(pair[1])
        except (ValueError, KeyError, TypeError, IndexError):
            pass
    elif not str(value).startswith("h1:"):
        value = cipher.hash_value(row["entity"], row["field"], str(value))
    return {"entry": clear if mode == "open" else cipher.seal_blob(clear), "value": value}


def _blob_chunk_row(cipher: FieldCipher, mode: Mode, row: dict[str, Any]) -> dict[str, Any]:
    data = cipher.open_chunk(row["sha256"], row["offset"], row["key_id"], row["data"])
    if mode == "open":
        return {"key_id": None, "data": data}
    key_id, sealed = cipher.seal_chunk(row["sha256"], row["offset"], data)
    return {"key_id": key_id, "data": sealed}


#: The sensitive fields (migration s0007).
FIELD_WALKS: tuple[Walk, ...] = (
    Walk("record", _record, ("entity", "entity_id"), ("data", "unique_key"), _record_row, only_entities=True),
    Walk("change_log", _log, ("seq",), ("fields",), _log_row, only_entities=True),
    Walk("conflict", _conflict, ("id",), ("winner_value", "loser_value"), _conflict_row, only_entities=True),
    Walk("quarantine", _quarantine, ("id",), ("entry",), _quarantine_row),
    Walk("duplicate_review", _duplicate, ("id",), ("entry", "value"), _duplicate_row),
)
#: The chunks of attachment files (migration s0011).
BLOB_WALK = Walk(
    "blob_chunk",
    _blob_chunk,
    ("sha256", "offset"),
    ("key_id", "data"),
    _blob_chunk_row,
    batch_rows=8,
    stale=lambda t, current: and_(t.c.key_id.is_not(None), t.c.key_id != current),
)
WALKS: tuple[Walk, ...] = (*FIELD_WALKS, BLOB_WALK)


def _where(walk: Walk, mode: Mode, after: tuple[Any, ...] | None, current: str) -> Any:
    t = walk.table
    conditions: list[ColumnElement[bool]] = []
    if walk.only_entities:
        names = _entities() + ([CONFLICT_ENTITY] if walk.name == "change_log" else [])
        conditions.append(t.c.entity.in_(names))
    if mode == "rotate":
        # Only rows holding a sealed value can need the new key: the tag is in the text of the column, or the
        # walk says which rows are under another key (attachment chunks name theirs).
        if walk.stale is not None:
            conditions.append(walk.stale(t, current))
        else:
            conditions.append(
                or_(*(t.c[c].contains(TAG, autoescape=True) for c in walk.columns if c != "value"))
            )
    if after is not None:
        keys = [t.c[k] for k in walk.key]
        conditions.append(tuple_(*keys) > tuple_(*after) if len(keys) > 1 else keys[0] > after[0])
    return and_(*conditions) if conditions else None


def convert_batch(
    conn: Connection, cipher: FieldCipher, walk: Walk, mode: Mode, after: tuple[Any, ...] | None
) -> tuple[tuple[Any, ...] | None, int]:
    """Convert the next ``BATCH_ROWS`` rows of ``walk`` after key ``after``: (last key read or None when the
    table is done, rows rewritten)."""
    t = walk.table
    wanted = [t.c[k] for k in walk.key] + [c for c in t.c if c.name not in walk.key]
    query = select(*wanted).order_by(*(t.c[k] for k in walk.key)).limit(walk.batch_rows or BATCH_ROWS)
    where = _where(walk, mode, after, cipher.current)
    if where is not None:
        query = query.where(where)
    rows = [dict(r._mapping) for r in conn.execute(query)]
    if not rows:
        return None, 0
    updates = []
    for row in rows:
        cipher.opened_stale = 0
        new = walk.convert(cipher, mode, row)
        if mode == "rotate" and cipher.opened_stale == 0:
            continue  # everything in it is under the current key already
        if any(new[c] != row[c] for c in new):
            updates.append({**{f"k_{k}": row[k] for k in walk.key}, **new})
    if updates:
        conn.execute(
            t.update()
            .where(and_(*(t.c[k] == bindparam(f"k_{k}") for k in walk.key)))
            .values({c: bindparam(c) for c in walk.columns}),
            updates,
        )
    last = rows[-1]
    return tuple(last[k] for k in walk.key), len(updates)


def walk_all(conn: Connection, cipher: FieldCipher, mode: Mode, walks: tuple[Walk, ...]) -> int:
    """Convert every row of ``walks`` in one connection (a migration: one transaction, in batches)."""
    changed = 0
    for walk in walks:
        after: tuple[Any, ...] | None = None
        while True:
            after, count = convert_batch(conn, cipher, walk, mode, after)
            changed += count
            if after is None:
                break
    return changed


def migration_cipher(conn: Connection) -> FieldCipher:
    """The cipher of the database ``conn`` is migrating (s0007, s0011): its data key file, made when the
    database holds nothing sealed yet."""
    path = fieldcrypt.data_key_file(conn.engine.url)
    return FieldCipher(fieldcrypt.load_keyring(path, lambda: has_sealed_rows(conn)), path)


def has_sealed_rows(conn: Connection) -> bool:
    """Whether the database already holds encrypted values (then a lost key file cannot simply be remade)."""
    like = f"{TAG}%"
    probes = {
        "record": select(_record.c.entity).where(_record.c.data.contains(TAG, autoescape=True)),
        "change_log": select(_log.c.seq).where(_log.c.fields.contains(TAG, autoescape=True)),
        "quarantine": select(_quarantine.c.id).where(_quarantine.c.entry.like(like)),
        "duplicate_review": select(_duplicate.c.id).where(_duplicate.c.entry.like(like)),
    }
    schema = inspect(conn)
    existing = set(schema.get_table_names())
    if "blob_chunk" in existing and "key_id" in {c["name"] for c in schema.get_columns("blob_chunk")}:
        probes["blob_chunk"] = select(_blob_chunk.c.sha256).where(_blob_chunk.c.key_id.is_not(None))
    return any(
        conn.execute(probe.limit(1)).first() is not None for name, probe in probes.items() if name in existing
    )
