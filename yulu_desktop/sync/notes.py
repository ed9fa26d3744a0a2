"""Local notes: sync problems kept on this laptop for the cadre (rows of ``sync_conflict`` the server never
sent), shown with the conflicts."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, text


def add_local_note(
    conn: Connection,
    *,
    kind: str,
    entity: str,
    entity_id: str,
    value: Any,
    reason: str,
    field_name: str = "",
    once: bool = False,
) -> bool:
    """A sync problem kept for the cadre to see (a change the server quarantined, a pulled duplicate).

    ``once``: when an open note of this kind, record, field and reason exists, only its value is brought up to
    date (a problem met again at every sync is one note). Returns whether a note was added.
    """
    shown = json.dumps(value, ensure_ascii=False)
    if once and _refresh_open_note(conn, kind, entity, entity_id, field_name, reason, shown):
        return False
    conn.execute(
        text(
            "INSERT INTO sync_conflict (id, kind, entity, entity_id, field, winner_value, loser_value, "
            "loser_author, created_at, status, reported) "
            "VALUES (:id, :kind, :entity, :eid, :field, 'null', :value, :reason, :at, 'open', 1)"
        ),
        {
            "id": str(uuid.uuid4()),
            "kind": kind,
            "entity": entity,
            "eid": entity_id,
            "field": field_name,
            "value": shown,
            "reason": reason,
            "at": datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" "),
        },
    )
    return True


def _refresh_open_note(
    conn: Connection, kind: str, entity: str, entity_id: str, field_name: str, reason: str, value: str
) -> bool:
    found = conn.execute(
        text(
            "UPDATE sync_conflict SET loser_value = :value WHERE status = 'open' AND kind = :kind "
            "AND entity = :entity AND entity_id = :eid AND field = :field AND loser_author = :reason"
        ),
        {
            "value": value,
            "kind": kind,
            "entity": entity,
            "eid": entity_id,
            "field": field_name,
            "reason": reason,
        },
    )
    return bool(found.rowcount)
