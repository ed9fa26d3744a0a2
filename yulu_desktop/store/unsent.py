"""Re-pointing unsent journal entries from a local org unit to the county's (unit matching at enrollment).

Data imported before the laptop was enrolled created its own county/township/village units with invented codes
(``Y…``). The county server owns org units and never accepts a laptop's, so every household journaled under such a
unit would be held back. When the county's units arrive, ``services.unit_matching`` maps each local unit to the
county's; for journal entries that never left this laptop it makes the journal say what it would have said had
the import used the county's unit from the start:

* entries of the local units themselves (their insert, edits, delete) are removed — they never reached the county
  and the county's unit stands in for them;
* the entries after them are renumbered, so the device's sequence has no gap (the county takes a device's
  entries only in unbroken sequence; no unsent entry has been offered to it yet, since matching runs right after
  enrollment, before the first push);
* references to a local unit in the other unsent entries (:data:`ORG_UNIT_REFERENCES`: ``household.village_id``,
  ``org_unit.parent_id``, a 公示's village, a payment batch's county) are replaced by the county unit's id;
* the rows are changed to match, with the journal triggers silent (the rewritten entries already carry the
  change).

Only unsent entries (``seq > acked_seq``) are touched, in one transaction with the data; the journal's guards
(frozen entries, no deletion before acknowledgement) are lifted for that transaction only and reinstalled before
it commits. Entries the county already holds are never rewritten: a record sent under a local unit is re-pointed
by a normal, journaled write instead (``services.unit_matching``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, text

from yulu_desktop.store import journal

#: (entity, column) of every reference to an org unit in shared data.
ORG_UNIT_REFERENCES: tuple[tuple[str, str], ...] = (
    ("household", "village_id"),
    ("org_unit", "parent_id"),
    ("subsidy_publicity", "village_id"),
    ("subsidy_payment_batch", "county_id"),
    ("school", "county_id"),
    ("enterprise", "county_id"),
    ("employment_agreement", "county_id"),
    ("job_position", "unit_id"),
    ("job_fair", "unit_id"),
    ("policy_campaign", "unit_id"),
)
_REFERENCE_COLUMN = dict(ORG_UNIT_REFERENCES)


def unsent_inserts(conn: Connection, entity: str) -> set[str]:
    """Ids of ``entity`` records inserted on this laptop whose insert has not reached the county."""
    rows = conn.execute(
        text(
            "SELECT entity_id FROM change_journal WHERE entity = :entity AND op = 'I' "
            "AND seq > (SELECT acked_seq FROM device_state WHERE id = 1)"
        ),
        {"entity": entity},
    )
    return {str(r[0]) for r in rows}


def repoint_unsent(conn: Connection, mapping: Mapping[str, str]) -> int:
    """Replace the local org units ``mapping``'s keys by the county units of its values in the unsent journal
    and in the records first sent by it (see the module docstring); the number of entries changed or removed.

    Call inside a write transaction, before the local units are deleted. Records whose insert was sent already
    keep their references: the caller re-points them with a journaled write."""
    if not mapping:
        return 0
    unsent = {entity: unsent_inserts(conn, entity) for entity in _REFERENCE_COLUMN}
    entities = ", ".join(f"'{entity}'" for entity in _REFERENCE_COLUMN)
    rows = conn.execute(
        text(
            "SELECT seq, entity, entity_id, changes FROM change_journal "
            f"WHERE seq > (SELECT acked_seq FROM device_state WHERE id = 1) AND entity IN ({entities}) "
            "ORDER BY seq"
        )
    ).fetchall()
    removed: list[int] = []
    rewritten: list[tuple[int, str]] = []
    for seq, entity, entity_id, changes_text in rows:
        if entity == "org_unit" and entity_id in mapping:
            removed.append(int(seq))
            continue
        if entity_id not in unsent[entity]:
            continue
        column = _REFERENCE_COLUMN[entity]
        changes: dict[str, list[Any]] = json.loads(changes_text)
        pair = changes.get(column)
        if not pair or not any(value in mapping for value in pair):
            continue
        changes[column] = [mapping.get(value, value) if isinstance(value, str) else value for value in pair]
        if entity != "org_unit" and len(pair) == 2 and changes[column][0] == changes[column][1]:
            # A move between two units that are now the same one is no change at all.
            del changes[column]
        rewritten.append((int(seq), json.dumps(changes, ensure_ascii=False, separators=(",", ":"))))
    if not removed and not rewritten:
        return _repoint_rows(conn, mapping, unsent)
    journal.drop_triggers(conn)
    try:
        for seq, changes_text in rewritten:
            conn.execute(
                text("UPDATE change_journal SET changes = :changes WHERE seq = :seq"),
                {"changes": changes_text, "seq": seq},
            )
        for seq in removed:
            conn.execute(text("DELETE FROM change_journal WHERE seq = :seq"), {"seq": seq})
        # An update entry left with no change at all (a move between two units now the same) goes too.
        conn.execute(
            text(
                "DELETE FROM change_journal WHERE op = 'U' AND changes = '{}' "
                "AND seq > (SELECT acked_seq FROM device_state WHERE id = 1)"
            )
        )
        # Safe: no unsent entry has been offered to the county (matching runs before the first push).
        acked = journal.acked_seq(conn)
        journal.renumber_unsent(conn, after=acked, first=acked + 1)
        _repoint_rows(conn, mapping, unsent)
    finally:
        journal.install_triggers(conn)
    return len(removed) + len(rewritten)


def _repoint_rows(conn: Connection, mapping: Mapping[str, str], unsent: Mapping[str, set[str]]) -> int:
    """The rows first sent by the rewritten entries, changed with the triggers silent (nothing new to send)."""
    conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
    try:
        for local_id, county_id in mapping.items():
            for entity, column in ORG_UNIT_REFERENCES:
                ids = unsent[entity]
                found = conn.execute(
                    text(f"SELECT id FROM {entity} WHERE {column} = :local"), {"local": local_id}
                ).fetchall()
                for (record_id,) in found:
                    if record_id in ids:
                        conn.execute(
                            text(f"UPDATE {entity} SET {column} = :county WHERE id = :id"),
                            {"county": county_id, "id": record_id},
                        )
    finally:
        conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))
    return 0
