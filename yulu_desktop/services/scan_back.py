"""扫码核对: the QR code of a signed paper (一人一档 or 补助申请表) scanned back into the app.

``check_printed_reference`` says whose record it is and whether it changed since it was printed; this module
adds what the laptop can tell about the paper: when and by whom it was printed here (the print is in the audit
log with its record version), and which parts of the record changed since (the change journal, field names
only — never a value, so a scan shows nothing a mask hides). Changes already sent to the county and compacted,
or that came in by sync, cannot be listed: the result says so rather than pretending nothing changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, text

from yulu_desktop.domain import rules
from yulu_desktop.domain.errors import NotFound
from yulu_desktop.services.person_file import PersonFile
from yulu_desktop.services.printing import check_printed_reference
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

__all__ = ["ENTITY_LABELS", "ScanResult", "scan"]

ENTITY_LABELS = {
    "org_unit": "区划",
    "household": "户",
    "person": "人员",
    "enrollment": "学籍",
    "subsidy_application": "补助申请",
    "visit": "走访",
    "intent": "意愿",
    "training": "培训",
    "employment_record": "就业去向",
    "attachment": "附件",
}

#: Fields that are bookkeeping, not content a paper shows.
_NOT_SHOWN = frozenset({"search_key", "id"})


@dataclass(frozen=True, slots=True)
class ScanResult:
    """What a scanned paper is and whether the record still says what the paper says."""

    person_id: str
    name: str
    place: str
    kind: Literal["dossier", "form"]
    term: str | None
    changed: bool
    #: When and by whom this laptop printed that version (None: printed elsewhere, or before the audit log).
    printed_at: dt.datetime | None
    printed_by: str
    #: What changed since, in Chinese ("人员：手机号 已修改"), oldest first; field names only.
    changes: tuple[str, ...]
    #: False when the changes cannot all be listed (printed elsewhere, sent and compacted, or synced in).
    changes_complete: bool


def scan(db: Database, qr_text: str) -> ScanResult:
    """Check a scanned QR text. ``YuluError`` if it is not one of ours; ``NotFound`` (with a message for the
    cadre) if the person is not in this database: a paper of another county or database, or not synced yet."""
    try:
        check = check_printed_reference(db, qr_text)
    except NotFound:
        raise NotFound(
            "这张打印件上的人员不在本机数据库中：可能是其他县（或其他数据库）打印的，"
            "也可能已被删除或尚未同步到本机"
        ) from None
    ref, pf = check.reference, check.person_file
    with db.read_connection() as conn:
        printed_at, printed_by = _printed(conn, ref.person_id, ref.record_version)
        changes: list[str] = []
        complete = not check.changed_since
        if check.changed_since and printed_at is not None:
            changes, complete = _changes_since(conn, _record_ids(pf, ref.term), printed_at)
            complete = complete and bool(changes)
    return ScanResult(
        person_id=check.person_id,
        name=pf.person.name,
        place=pf.place,
        kind=ref.kind,
        term=ref.term,
        changed=check.changed_since,
        printed_at=_local(printed_at) if printed_at else None,
        printed_by=printed_by,
        changes=tuple(changes),
        changes_complete=complete,
    )


def _printed(conn: Connection, person_id: str, version: str) -> tuple[dt.datetime | None, str]:
    """The last time this laptop printed (or exported) the person at ``version``: (UTC time, who)."""
    row = conn.execute(
        text(
            "SELECT at, actor FROM audit_log WHERE entity = 'person' AND entity_id = :id "
            "AND action IN ('print', 'export') AND instr(detail, :version) > 0 ORDER BY id DESC LIMIT 1"
        ),
        {"id": person_id, "version": f"记录版本 {version}"},
    ).one_or_none()
    if row is None:
        return None, ""
    return _parse_utc(str(row[0])), str(row[1])


def _parse_utc(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("T", " ").rstrip("Z"))


def _local(utc: dt.datetime) -> dt.datetime:
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _record_ids(pf: PersonFile, term: str | None) -> list[tuple[str, str]]:
    """(entity, id) of every record the paper was made from."""
    ids: list[tuple[str, str]] = [("person", pf.person.id), ("household", pf.household.id)]
    ids += [("org_unit", unit.id) for unit in pf.org_path]
    if term is None:
        ids += [("person", m.id) for m in pf.members if m.id != pf.person.id]
        ids += [("enrollment", e.id) for e in pf.enrollments]
        ids += [("subsidy_application", s.id) for s in pf.subsidies]
        ids += [("visit", v.id) for v in pf.visits if v.person_id in (None, pf.person.id)]
        ids += [("intent", i.id) for i in pf.intents]
        ids += [("training", t.id) for t in pf.trainings]
        ids += [("employment_record", r.id) for r in pf.employment]
        ids += [("attachment", a.id) for a in pf.attachments]
    else:
        head = next((m for m in pf.members if m.relationship == "01"), None)
        if head is not None and head.id != pf.person.id:
            ids.append(("person", head.id))
        ids += [("enrollment", e.id) for e in pf.enrollments]
        ids += [("subsidy_application", s.id) for s in pf.subsidies if s.term == term]
    return ids


def _changes_since(
    conn: Connection, ids: list[tuple[str, str]], since: dt.datetime
) -> tuple[list[str], bool]:
    """Chinese lines naming what changed after ``since`` (UTC), and whether the journal still holds every
    change of that time (entries the county acknowledged may have been compacted away)."""
    found: list[tuple[str, str]] = []
    for entity, entity_id in ids:
        for entry in journal.entries_for(conn, entity, entity_id):
            created = _parse_utc(entry.created_at)
            if created <= since:
                continue
            found.append((entry.created_at, _describe(entry.entity, entry.op, entry.changes, entity_id)))
    found.sort()
    lines: list[str] = []
    for _at, line in found:
        if line not in lines:
            lines.append(line)
    oldest = conn.execute(text("SELECT created_at FROM change_journal ORDER BY seq LIMIT 1")).scalar()
    compacted = journal.acked_seq(conn) > 0 and (oldest is None or _parse_utc(str(oldest)) > since)
    return lines, not compacted


def _describe(entity: str, op: str, changes: dict[str, list[object]], _entity_id: str) -> str:
    what = ENTITY_LABELS.get(entity, entity)
    if op == "I":
        return f"新增{what}"
    if op == "D":
        return f"删除{what}"
    fields = [rules.label(name, entity) for name in changes if name not in _NOT_SHOWN]
    return f"{what}：{'、'.join(fields)} 已修改" if fields else f"{what}已修改"
