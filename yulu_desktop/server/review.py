"""The county admin's review of conflicts and quarantined changes: listed in words a person reads
(``server.review_text``), resolved, released (checked again and applied as the county) or rejected. Records that
should never have been stored are in ``server.repair``.

Everything here is for ``yulu-server admin conflicts | quarantine`` (``server.cli``). Every change of data made
here goes through ``merge.apply_entry`` as the county (device ``server``, role ``county``), inside
``ServerDatabase.ordered_write``: it is validated by the same rules as a laptop's push, written to ``record`` and
appended to the change log, so every laptop of the jurisdiction receives it with its next pull. A change the
merge would not store is refused with its reason and nothing is written.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain.rules import label
from yulu_desktop.server import merge
from yulu_desktop.server.admin import AdminError
from yulu_desktop.server.db import SeqAllocator, ServerDatabase
from yulu_desktop.server.models import (
    AppliedChange,
    Cadre,
    ChangeLog,
    Conflict,
    Device,
    Quarantine,
    Record,
)
from yulu_desktop.server.repair import parse_value, require_by, write_as_county
from yulu_desktop.server.review_text import (
    CONFLICT_KINDS,
    ENTITY_LABELS,
    MIN_PREFIX,
    NO_FILTERS,
    OP_LABELS,
    QUARANTINE_STATUS,
    RESOLUTION_LABELS,
    Filters,
    Names,
    Subject,
    as_text,
    aware,
    describe_record,
    entity_label,
    hlc_time,
    in_age,
    in_paths,
    preload_subjects,
    show_value,
    village_paths,
)
from yulu_desktop.server.service import SERVER_DEVICE, now_ms, utcnow
from yulu_desktop.store.schema import SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import record_check

Choice = Literal["keep_winner", "keep_loser", "edit"]
CHOICES: tuple[Choice, ...] = ("keep_winner", "keep_loser", "edit")
_RESOLUTION_OF: dict[Choice, str] = {
    "keep_winner": "keep_current",
    "keep_loser": "use_other",
    "edit": "edited",
}


# --- conflicts ------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ConflictView:
    """One conflict as the county admin reads it (``admin conflicts``)."""

    id: str
    kind: str
    kind_label: str
    entity: str
    entity_label: str
    entity_id: str
    village: str
    household_no: str
    person: str
    field: str
    field_label: str
    current_value: str
    current_by: str
    current_at: datetime | None
    other_value: str
    other_by: str
    other_at: datetime | None
    clock_skew: bool
    created_at: datetime
    resolved: bool
    resolution: str
    resolved_by: str
    resolved_at: datetime | None
    raw: dict[str, Any] = dataclasses.field(repr=False)

    @property
    def reason(self) -> str:
        skew = "；一方电脑时钟不准，它的修改时间不作数" if self.clock_skew else ""
        return self.kind_label + skew

    @property
    def status(self) -> str:
        if not self.resolved:
            return "待处理"
        how = RESOLUTION_LABELS.get(self.resolution, self.resolution)
        return f"已处理：{how}" + (f"（{self.resolved_by}）" if self.resolved_by else "")


def _conflict_view(conflict: Conflict, names: Names) -> ConflictView:
    open_value = names.cipher.open_conflict_value
    winner = open_value(conflict.entity, conflict.field, json.loads(conflict.winner_value))
    loser = open_value(conflict.entity, conflict.field, json.loads(conflict.loser_value))
    fields = [f for f in conflict.field.split(",") if f]
    if conflict.kind == "field":
        current = show_value(conflict.entity, conflict.field, winner)
        other = show_value(conflict.entity, conflict.field, loser)
    else:
        current = "（已删除）" if winner is None else describe_record(conflict.entity, winner)
        other = "（已删除）" if loser is None else describe_record(conflict.entity, loser)
    values = loser if isinstance(loser, dict) else None
    subject = names.subject(conflict.entity, conflict.entity_id, values)
    return ConflictView(
        id=conflict.id,
        kind=conflict.kind,
        kind_label=CONFLICT_KINDS.get(conflict.kind, conflict.kind),
        entity=conflict.entity,
        entity_label=entity_label(conflict.entity),
        entity_id=conflict.entity_id,
        village=subject.village or names.unit_name(conflict.scope_path),
        household_no=subject.household_no,
        person=subject.person,
        field=conflict.field,
        field_label="、".join(label(f) for f in fields),
        current_value=current,
        current_by=names.who(conflict.winner_device),
        current_at=hlc_time(conflict.winner_hlc),
        other_value=other,
        other_by=names.who(conflict.loser_device, conflict.loser_author),
        other_at=hlc_time(conflict.loser_hlc),
        clock_skew=conflict.clock_skew,
        created_at=aware(conflict.created_at) or conflict.created_at,
        resolved=conflict.resolved_at is not None,
        resolution=conflict.resolution,
        resolved_by=conflict.resolved_by,
        resolved_at=aware(conflict.resolved_at),
        raw={"winner_value": winner, "loser_value": loser},
    )


def list_conflicts(db: ServerDatabase, filters: Filters = NO_FILTERS) -> list[ConflictView]:
    """Conflicts, oldest first; open ones only unless ``filters.include_handled``."""
    if filters.kind is not None and filters.kind not in CONFLICT_KINDS:
        raise AdminError(f"冲突类型应为 {' / '.join(CONFLICT_KINDS)} 之一")
    now = utcnow()
    with db.read() as session:
        paths = village_paths(session, filters.village)
        query = select(Conflict).order_by(Conflict.created_at, Conflict.id)
        if not filters.include_handled:
            query = query.where(Conflict.resolved_at.is_(None))
        if filters.kind is not None:
            query = query.where(Conflict.kind == filters.kind)
        chosen = [
            c
            for c in session.scalars(query)
            if in_paths(c.scope_path, paths) and in_age(aware(c.created_at) or now, filters, now)
        ]
        names = Names(session, db.cipher)
        preload_subjects(names, [(c.entity, c.entity_id) for c in chosen])
        return [_conflict_view(c, names) for c in chosen]


def _find_conflict(session: Session, conflict_id: str) -> Conflict:
    conflict = session.get(Conflict, conflict_id)
    if conflict is not None:
        return conflict
    if len(conflict_id) >= MIN_PREFIX:
        found = session.scalars(
            select(Conflict).where(Conflict.id.startswith(conflict_id, autoescape=True)).limit(2)
        ).all()
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise AdminError(f"编号 {conflict_id} 对应多条冲突，请给出更长的编号")
    raise AdminError(f"找不到冲突 {conflict_id}")


def resolve_conflict(
    db: ServerDatabase, conflict_id: str, choice: Choice, *, by: str, value: str | None = None
) -> str:
    """Settle a conflict as the county; returns what was done, in Chinese.

    ``keep_winner`` keeps the value the server holds; ``keep_loser`` writes the other value (for a delete
    conflict: restores the record as it was kept); ``edit`` writes ``value`` (a field conflict only). A choice
    that changes data is written as the county (device ``server``) through the merge and the change log, so
    every laptop receives the value, and the resolution travels to the laptops as the conflict's update."""
    by = require_by(by)
    if choice not in CHOICES:
        raise AdminError(f"处理方式应为 {' / '.join(CHOICES)} 之一")
    with db.ordered_write() as (session, allocator):
        conflict = _find_conflict(session, conflict_id)
        if conflict.resolved_at is not None:
            raise AdminError(f"这条冲突已经处理过了（{conflict.resolved_by or '处理人未记录'}）")
        entity, entity_id = conflict.entity, conflict.entity_id
        stored = session.get(Record, (entity, entity_id))
        loser = db.cipher.open_conflict_value(entity, conflict.field, json.loads(conflict.loser_value))
        done = "已保留现在的值，未改动数据。"
        if choice == "edit" and conflict.kind != "field":
            raise AdminError("删除与修改的冲突只能选择 keep_winner（维持删除）或 keep_loser（恢复记录）")
        if choice == "edit" and value is None:
            raise AdminError("选择 edit 时需要用 --value 给出新的值")
        if choice in ("keep_loser", "edit") and conflict.kind == "field":
            if stored is None or stored.deleted:
                raise AdminError("这条记录已被删除，不能再改它的字段；如需恢复，请让村里重新录入")
            chosen = parse_value(entity, conflict.field, value) if choice == "edit" else loser
            problems = record_check.value_problems(entity, {conflict.field: chosen})
            if problems:
                raise AdminError("这个值不能保存：" + "；".join(problems))
            if db.cipher.loads_fields(entity, stored.data).get(conflict.field) != chosen:
                write_as_county(
                    session, allocator, [(entity, entity_id, "U", {conflict.field: chosen})], by, db.cipher
                )
            done = f"已把{label(conflict.field)}改为 {show_value(entity, conflict.field, chosen)}，各电脑下次同步时收到。"
        elif choice == "keep_loser":
            if not isinstance(loser, dict):
                done = "被删除的一方已是现状，未改动数据。"
            else:
                restored = {k: v for k, v in loser.items() if k != "id"}
                problems = record_check.record_problems(entity, restored)
                if problems:
                    raise AdminError("保留的记录不能恢复：" + "；".join(problems))
                if stored is not None and not stored.deleted:
                    current = db.cipher.loads_fields(entity, stored.data)
                    changed = {k: v for k, v in restored.items() if current.get(k) != v}
                    if changed:
                        write_as_county(
                            session, allocator, [(entity, entity_id, "U", changed)], by, db.cipher
                        )
                else:
                    write_as_county(session, allocator, [(entity, entity_id, "I", restored)], by, db.cipher)
                done = "已恢复这条记录（按冲突时保留的内容），各电脑下次同步时收到。"
        _mark_resolved(session, allocator, conflict, _RESOLUTION_OF[choice], by)
        return done


def _mark_resolved(
    session: Session, allocator: SeqAllocator, conflict: Conflict, resolution: str, by: str
) -> None:
    """Close a conflict and announce it in the log (laptops mark their copy resolved), as a laptop's
    resolution is (``service._resolve_conflict``)."""
    conflict.resolved_at = utcnow()
    conflict.resolution = resolution
    conflict.resolved_by = by
    seq = allocator.next()
    conflict.seq = seq
    session.add(
        ChangeLog(
            seq=seq,
            entity=p.CONFLICT_ENTITY,
            entity_id=conflict.id,
            op="U",
            fields=json.dumps({"resolution": resolution, "resolved_by": by}, ensure_ascii=False),
            field_versions=None,
            hlc=0,
            device_id=SERVER_DEVICE,
            author=by,
            scope_path=conflict.scope_path,
            shared_up=False,
            change_id=None,
        )
    )


# --- quarantine ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class QuarantineView:
    """One change the server set aside (``admin quarantine``)."""

    id: int
    device_id: str
    sender: str
    received_at: datetime
    entity: str
    entity_label: str
    entity_id: str
    op: str
    village: str
    household_no: str
    person: str
    content: str
    reason: str
    status: str
    resolved_by: str
    resolved_at: datetime | None
    resolution_note: str
    #: Where the change belongs (its record's place, else its sender's jurisdiction): the village filter.
    scope_path: str
    entry: dict[str, Any] = dataclasses.field(repr=False)

    @property
    def status_label(self) -> str:
        shown = QUARANTINE_STATUS.get(self.status, self.status)
        if self.resolved_by:
            shown += f"（{self.resolved_by}）"
        return shown + (f"：{self.resolution_note}" if self.resolution_note else "")


def _entry_values(entry: Mapping[str, Any]) -> dict[str, Any]:
    """The field values a quarantined entry carries (new values; old ones for a delete)."""
    changes = entry.get("changes")
    if not isinstance(changes, dict):
        return {}
    index = 0 if entry.get("op") == "D" else 1
    return {
        str(name): pair[index]
        for name, pair in changes.items()
        if isinstance(pair, list) and len(pair) == 2 and name != "id"
    }


def _quarantine_view(row: Quarantine, names: Names) -> QuarantineView:
    try:
        entry = json.loads(names.cipher.open_blob(row.entry))
    except ValueError:
        entry = {}
    if not isinstance(entry, dict):
        entry = {}
    entity = as_text(entry.get("entity"))
    entity_id = as_text(entry.get("entity_id"))
    values = _entry_values(entry)
    known = entity in SHARED_TABLES
    subject = names.subject(entity, entity_id, values) if known else Subject("", "", "", "")
    scope = subject.scope_path or names.device_paths.get(row.device_id, "")
    shown = [
        f"{label(name, entity)}：{show_value(entity, name, value) if known else value}"
        for name, value in values.items()
        if not name.endswith("_id") or not known
    ]
    return QuarantineView(
        id=row.id,
        device_id=row.device_id,
        sender=names.who(row.device_id, as_text(entry.get("author"))),
        received_at=aware(row.received_at) or row.received_at,
        entity=entity,
        entity_label=entity_label(entity),
        entity_id=entity_id,
        op=OP_LABELS.get(as_text(entry.get("op")), as_text(entry.get("op"))),
        village=subject.village or names.unit_name(scope),
        household_no=subject.household_no,
        person=subject.person,
        content="；".join(shown),
        reason=row.reason,
        status=row.status,
        resolved_by=row.resolved_by,
        resolved_at=aware(row.resolved_at),
        resolution_note=row.resolution_note,
        scope_path=scope,
        entry=entry,
    )


def list_quarantine(db: ServerDatabase, filters: Filters = NO_FILTERS) -> list[QuarantineView]:
    """Quarantined changes, oldest first; open ones only unless ``filters.include_handled``. ``filters.kind``
    is the data type (``person``, ``household``, … or its Chinese name)."""
    kind = filters.kind
    if kind is not None:
        kind = next((e for e, text in ENTITY_LABELS.items() if text == kind), kind)
    now = utcnow()
    with db.read() as session:
        paths = village_paths(session, filters.village)
        query = select(Quarantine).order_by(Quarantine.id)
        if not filters.include_handled:
            query = query.where(Quarantine.status == "open")
        rows = [q for q in session.scalars(query) if in_age(aware(q.received_at) or now, filters, now)]
        names = Names(session, db.cipher)
        views = [_quarantine_view(q, names) for q in rows]
    return [v for v in views if (kind is None or v.entity == kind) and in_paths(v.scope_path, paths)]


@dataclass(frozen=True, slots=True)
class ReleaseResult:
    released: bool
    #: How the merge took it (applied / merged / lost) when released; the new reason when held again.
    status: str
    reason: str
    conflicts: int = 0

    def summary(self) -> str:
        if not self.released:
            return f"重新核验未通过，仍待审核：{self.reason}"
        if self.status == "lost":
            return "已放行；但这条记录在县里已有更新的修改或已被删除，已记为冲突。"
        if self.conflicts:
            return f"已放行并写入，与他人的修改有 {self.conflicts} 处冲突（已保留双方的值，见 admin conflicts）。"
        return "已放行并写入，各电脑下次同步时收到。"


class _HeldAgain(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _open_quarantined(session: Session, quarantine_id: int) -> Quarantine:
    row = session.get(Quarantine, quarantine_id)
    if row is None:
        raise AdminError(f"找不到暂存记录 {quarantine_id}")
    if row.status != "open":
        shown = QUARANTINE_STATUS.get(row.status, row.status)
        raise AdminError(f"暂存记录 {quarantine_id} 已处理过（{shown}，{row.resolved_by or '处理人未记录'}）")
    return row


def _release_role(session: Session, device_id: str, entity: str) -> str:
    """The role a released change is merged with: the sender's for the subsidy cycle, the county's otherwise."""
    if not entity.startswith("subsidy_") or entity in record_check.COUNTY_OWNED:
        return "county"
    role = session.scalar(
        select(Cadre.role).join(Device, Device.cadre_id == Cadre.id).where(Device.id == device_id)
    )
    return role or "county"


def release_quarantined(db: ServerDatabase, quarantine_id: int, *, by: str, note: str = "") -> ReleaseResult:
    """Apply a quarantined change as the county: validated and merged again (``merge.apply_entry`` with the
    whole county as jurisdiction, on behalf of the device that sent it). The steps of the subsidy cycle keep the
    sending cadre's role (``server.subsidy_guard``: a village's 申请 stays a village's step); other changes are
    judged with the county's role. When the merge
    holds it again, nothing is written, the row stays open and its note says why; otherwise the row is marked
    ``released`` and the device's recorded outcome updated."""
    by = require_by(by)
    try:
        with db.ordered_write() as (session, allocator):
            row = _open_quarantined(session, quarantine_id)
            try:
                entry = p.PushEntry.model_validate_json(db.cipher.open_blob(row.entry))
            except ValueError:
                raise AdminError("这条暂存的数据无法读取，不能放行（可以用 --reject 拒绝）") from None
            received_at = utcnow()
            batch = merge.Batch(
                conn=session.connection(),
                allocator=allocator,
                pusher=merge.Pusher(row.device_id, "/", _release_role(session, row.device_id, entry.entity)),
                now_ms=now_ms(),
                received_at=received_at,
                cipher=db.cipher,
            )
            batch.prefetch([entry])
            batch.prefetch_unique([entry])
            outcome = merge.apply_entry(batch, entry)
            if outcome.status == "quarantined":
                raise _HeldAgain(outcome.reason)  # rolls back: nothing of this attempt is written
            batch.flush()
            row.status = "released"
            row.resolved_by = by
            row.resolved_at = received_at
            row.resolution_note = note
            _record_outcome(session, row, outcome.status)
            return ReleaseResult(True, outcome.status, outcome.reason, outcome.conflicts)
    except _HeldAgain as held:
        with db.write() as session:
            row = _open_quarantined(session, quarantine_id)
            row.resolution_note = f"重新核验未通过（{by}）：{held.reason}"
        return ReleaseResult(False, "quarantined", held.reason)


def _record_outcome(session: Session, row: Quarantine, status: str) -> None:
    """The device's change now has an outcome: its ``applied_change`` row says so (made when the change was
    refused before it was numbered, as a revoked device's are)."""
    applied = session.get(AppliedChange, row.change_id)
    if applied is not None:
        applied.status = status
        return
    taken = session.scalar(
        select(AppliedChange.change_id).where(
            AppliedChange.device_id == row.device_id, AppliedChange.device_seq == row.device_seq
        )
    )
    if taken is None:
        session.add(
            AppliedChange(
                change_id=row.change_id,
                device_id=row.device_id,
                device_seq=row.device_seq,
                status=status,
                received_at=row.received_at,
            )
        )


def reject_quarantined(db: ServerDatabase, quarantine_id: int, *, by: str, note: str) -> None:
    """Refuse a quarantined change for good: kept, marked ``rejected`` with who and why."""
    by = require_by(by)
    if not note.strip():
        raise AdminError("拒绝时请用 --note 写明原因")
    with db.write() as session:
        row = _open_quarantined(session, quarantine_id)
        row.status = "rejected"
        row.resolved_by = by
        row.resolved_at = utcnow()
        row.resolution_note = note.strip()
