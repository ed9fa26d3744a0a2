"""The county admin's review: conflicts and quarantined changes in words a person reads, their resolution, and
the repair of records that should never have been stored.

Everything here is for ``yulu-server admin conflicts | quarantine | records`` (``server.cli``). Listings name the
person, the household number and the village (resolved through the server's ``record`` table: person →
household → org unit, a visit or an enrollment through its ``person_id`` / ``household_id``), the field in
Chinese, both values, the cadre who typed them and when, in local time.

Every change of data made here goes through ``merge.apply_entry`` as the county (device ``server``, role
``county``), inside ``ServerDatabase.ordered_write``: it is validated by the same rules as a laptop's push, written
to ``record`` and appended to the change log, so every laptop of the jurisdiction receives it with its next pull.
A change the merge would not store (it would quarantine it) is refused with its reason and nothing is written.
"""

from __future__ import annotations

import dataclasses
import json
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.domain.rules import CODED_FIELDS, label
from yulu_desktop.server import merge
from yulu_desktop.server.admin import AdminError
from yulu_desktop.server.db import SeqAllocator, ServerDatabase
from yulu_desktop.server.models import (
    AppliedChange,
    Cadre,
    ChangeLog,
    Conflict,
    Device,
    OrgUnit,
    Quarantine,
    Record,
    RecordRef,
)
from yulu_desktop.server.service import SERVER_DEVICE, now_ms, utcnow
from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import record_check

ENTITY_LABELS = {
    "org_unit": "单位",
    "household": "户",
    "person": "人员",
    "enrollment": "在读信息",
    "intent": "意向",
    "visit": "走访",
    "training": "培训",
    "employment_record": "就业",
    "subsidy_setting": "补助标准",
    "subsidy_application": "补助",
    "attachment": "附件",
    "_unreadable": "无法读取的修改",
}
CONFLICT_KINDS = {
    "field": "同一字段被两人修改",
    "edit_vs_delete": "修改了已被删除的记录",
    "delete_vs_edit": "删除了他人正在修改的记录",
}
QUARANTINE_STATUS = {"open": "待审核", "released": "已放行", "rejected": "已拒绝"}
RESOLUTION_LABELS = {"keep_current": "保留现在的值", "use_other": "改用另一个值", "edited": "改为新值"}
OP_LABELS = {"I": "新增", "U": "修改", "D": "删除"}

Choice = Literal["keep_winner", "keep_loser", "edit"]
CHOICES: tuple[Choice, ...] = ("keep_winner", "keep_loser", "edit")
_RESOLUTION_OF: dict[Choice, str] = {
    "keep_winner": "keep_current",
    "keep_loser": "use_other",
    "edit": "edited",
}

#: Shortest id prefix an admin may type instead of a whole id (the listings show 8 characters).
MIN_PREFIX = 6
#: Who a change written by the county is shown as.
COUNTY_NAME = "县里"


def entity_label(entity: str) -> str:
    return ENTITY_LABELS.get(entity, entity)


# --- values as a person reads them ---------------------------------------------------------------------------


def show_value(entity: str, name: str, value: Any) -> str:
    """A field's value in words: code labels for coded fields, 是/否 for flags, "（空）" for nothing."""
    if value is None or value == "":
        return "（空）"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    column = SHARED_TABLES[entity].columns.get(name) if entity in SHARED_TABLES else None
    if column is not None and column.type.python_type is bool and value in (0, 1, True, False):
        return "是" if value else "否"
    codelist = CODED_FIELDS.get(entity, {}).get(name)
    if codelist is not None and isinstance(value, str):
        return "、".join(codelist.label(part) for part in value.split(",")) if value else ""
    return str(value)


def _describe_record(entity: str, values: Any) -> str:
    """A whole record (the value a delete conflict keeps) in one line: its most telling fields."""
    if not isinstance(values, dict):
        return show_value(entity, "", values)
    shown = [
        f"{label(name)}：{show_value(entity, name, value)}"
        for name, value in values.items()
        if name != "id" and not name.endswith("_id") and value not in (None, "")
    ]
    return "整条记录（" + "，".join(shown[:4]) + ("…" if len(shown) > 4 else "") + "）"


def _hlc_time(hlc: int) -> datetime | None:
    """When an edit was typed (the wall clock part of its HLC); None for an untrusted timestamp (0)."""
    if hlc <= 0:
        return None
    return datetime.fromtimestamp(hlc_clock.wall_ms(hlc) / 1000, UTC)


def _aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for timezone-aware columns (stored as UTC).
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


# --- who and where: names from the server's records ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subject:
    """Which record a listing line is about, in names: village, household number, person."""

    village: str
    household_no: str
    person: str
    #: The jurisdiction path of the record ('' when it cannot be placed): filters by village use it.
    scope_path: str


class Names:
    """Resolves ids to names for one listing: org units, cadres of devices, records (each read once)."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.units: dict[str, OrgUnit] = {u.id: u for u in session.scalars(select(OrgUnit))}
        self.cadres: dict[str, str] = {
            str(device_id): str(name)
            for device_id, name in session.execute(
                select(Device.id, Cadre.name).join(Cadre, Device.cadre_id == Cadre.id)
            )
        }
        self.device_paths: dict[str, str] = {
            str(device_id): str(path)
            for device_id, path in session.execute(
                select(Device.id, OrgUnit.path)
                .join(Cadre, Device.cadre_id == Cadre.id)
                .join(OrgUnit, Cadre.jurisdiction_id == OrgUnit.id)
            )
        }
        self._records: dict[tuple[str, str], tuple[dict[str, Any], str] | None] = {}

    def who(self, device_id: str, author: str = "") -> str:
        """The cadre behind a device (the author's own name if the device is unknown)."""
        if device_id == SERVER_DEVICE:
            return f"{COUNTY_NAME}（{author}）" if author else COUNTY_NAME
        name = self.cadres.get(device_id)
        if name is not None:
            return name
        return author or f"设备 {device_id[:8]}"

    def record(self, entity: str, entity_id: Any) -> tuple[dict[str, Any], str] | None:
        """A record's fields (a tombstone's last fields too) and its scope path."""
        if not isinstance(entity_id, str) or not entity_id:
            return None
        key = (entity, entity_id)
        if key not in self._records:
            row = self.session.execute(
                select(Record.data, Record.scope_path).where(
                    Record.entity == entity, Record.entity_id == entity_id
                )
            ).first()
            found: tuple[dict[str, Any], str] | None = None
            if row is not None:
                data = json.loads(row[0])
                found = (data if isinstance(data, dict) else {}, row[1])
            self._records[key] = found
        return self._records[key]

    def preload(self, keys: Iterable[tuple[str, str]]) -> None:
        """Read many records at once (a listing's subjects and their parents) instead of one by one."""
        wanted: dict[str, set[str]] = {}
        for entity, entity_id in keys:
            if (entity, entity_id) not in self._records:
                wanted.setdefault(entity, set()).add(entity_id)
        for entity, ids in wanted.items():
            ordered = sorted(ids)
            for start in range(0, len(ordered), 900):
                for entity_id, data, scope in self.session.execute(
                    select(Record.entity_id, Record.data, Record.scope_path).where(
                        Record.entity == entity, Record.entity_id.in_(ordered[start : start + 900])
                    )
                ):
                    loaded = json.loads(data)
                    self._records[(entity, entity_id)] = (loaded if isinstance(loaded, dict) else {}, scope)
            for entity_id in ids:
                self._records.setdefault((entity, entity_id), None)

    def unit_name(self, path: str) -> str:
        """The name of the deepest unit of a jurisdiction path (a record's village)."""
        ids = [part for part in path.split("/") if part]
        for unit_id in reversed(ids):
            unit = self.units.get(unit_id)
            if unit is not None:
                return unit.name
        return ""

    def subject(self, entity: str, entity_id: str, values: Mapping[str, Any] | None = None) -> Subject:
        """Village, household number and person of a record; ``values`` (a quarantined entry's fields) take
        precedence over what the server holds, so a record the server never stored is placed too."""
        stored = self.record(entity, entity_id)
        data: dict[str, Any] = dict(stored[0]) if stored is not None else {}
        data.update(values or {})
        scope = stored[1] if stored is not None else ""
        person = household_no = ""
        household_id: Any = None
        if entity == "org_unit":
            unit = self.units.get(entity_id)
            if unit is not None:
                scope = scope or unit.path
            elif not scope:
                parent = self.units.get(_text(data.get("parent_id")))
                scope = f"{parent.path}{entity_id}/" if parent is not None else ""
            village = _text(data.get("name")) or (unit.name if unit is not None else "")
            return Subject(village, "", "", scope)
        if entity == "subsidy_setting":
            code = _text(data.get("county_code"))
            county = next((u for u in self.units.values() if u.code == code), None)
            return Subject(county.name if county else code, "", "", scope or (county.path if county else ""))
        if entity == "person":
            person = _text(data.get("name"))
            household_id = data.get("household_id")
        elif entity == "household":
            household_no = _text(data.get("household_no"))
            village_id = data.get("village_id")
            unit = self.units.get(village_id) if isinstance(village_id, str) else None
            if not scope and unit is not None:
                scope = unit.path
        else:
            person_id = data.get("person_id")
            found = self.record("person", person_id)
            if found is not None:
                person = _text(found[0].get("name"))
                household_id = found[0].get("household_id")
                scope = scope or found[1]
            household_id = data.get("household_id", household_id)
        if household_id is not None:
            household = self.record("household", household_id)
            if household is not None:
                household_no = _text(household[0].get("household_no"))
                scope = scope or household[1]
        return Subject(self.unit_name(scope), household_no, person, scope)


# --- filters -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Filters:
    """What a listing shows: ``village`` (a code or name: any unit of its subtree), ``kind``, age in days
    (``since``: at most that old; ``older_than``: at least), and whether handled items are included."""

    village: str | None = None
    kind: str | None = None
    since_days: float | None = None
    older_than_days: float | None = None
    include_handled: bool = False


def _village_paths(session: Session, village: str | None) -> list[str] | None:
    """The paths of the units ``village`` names (by code or name); None for no filter."""
    if village is None or village == "":
        return None
    units = session.scalars(
        select(OrgUnit).where((OrgUnit.code == village) | (OrgUnit.name == village))
    ).all()
    if not units:
        raise AdminError(f"找不到单位“{village}”（请给出单位编码或名称）")
    return [u.path for u in units]


def _in_paths(scope: str, paths: list[str] | None) -> bool:
    return paths is None or any(scope.startswith(path) for path in paths)


def _in_age(moment: datetime, filters: Filters, now: datetime) -> bool:
    if filters.since_days is not None and moment < now - timedelta(days=filters.since_days):
        return False
    return not (
        filters.older_than_days is not None and moment > now - timedelta(days=filters.older_than_days)
    )


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
    winner = json.loads(conflict.winner_value)
    loser = json.loads(conflict.loser_value)
    fields = [f for f in conflict.field.split(",") if f]
    if conflict.kind == "field":
        current = show_value(conflict.entity, conflict.field, winner)
        other = show_value(conflict.entity, conflict.field, loser)
    else:
        current = "（已删除）" if winner is None else _describe_record(conflict.entity, winner)
        other = "（已删除）" if loser is None else _describe_record(conflict.entity, loser)
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
        current_at=_hlc_time(conflict.winner_hlc),
        other_value=other,
        other_by=names.who(conflict.loser_device, conflict.loser_author),
        other_at=_hlc_time(conflict.loser_hlc),
        clock_skew=conflict.clock_skew,
        created_at=_aware(conflict.created_at) or conflict.created_at,
        resolved=conflict.resolved_at is not None,
        resolution=conflict.resolution,
        resolved_by=conflict.resolved_by,
        resolved_at=_aware(conflict.resolved_at),
        raw={"winner_value": winner, "loser_value": loser},
    )


def list_conflicts(db: ServerDatabase, filters: Filters = Filters()) -> list[ConflictView]:
    """Conflicts, oldest first; open ones only unless ``filters.include_handled``."""
    if filters.kind is not None and filters.kind not in CONFLICT_KINDS:
        raise AdminError(f"冲突类型应为 {' / '.join(CONFLICT_KINDS)} 之一")
    now = utcnow()
    with db.read() as session:
        paths = _village_paths(session, filters.village)
        query = select(Conflict).order_by(Conflict.created_at, Conflict.id)
        if not filters.include_handled:
            query = query.where(Conflict.resolved_at.is_(None))
        if filters.kind is not None:
            query = query.where(Conflict.kind == filters.kind)
        chosen = [
            c
            for c in session.scalars(query)
            if _in_paths(c.scope_path, paths) and _in_age(_aware(c.created_at) or now, filters, now)
        ]
        names = Names(session)
        _preload_subjects(names, [(c.entity, c.entity_id) for c in chosen])
        return [_conflict_view(c, names) for c in chosen]


def _preload_subjects(names: Names, keys: Sequence[tuple[str, str]]) -> None:
    """Read the subjects of a listing, then their persons and households, with a few queries."""
    names.preload(keys)
    persons: set[tuple[str, str]] = set()
    for key in keys:
        found = names.record(*key)
        if found is not None and isinstance(found[0].get("person_id"), str):
            persons.add(("person", found[0]["person_id"]))
    names.preload(persons)
    households: set[tuple[str, str]] = set()
    for key in [*keys, *persons]:
        found = names.record(*key)
        if found is not None and isinstance(found[0].get("household_id"), str):
            households.add(("household", found[0]["household_id"]))
    names.preload(households)


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
    by = _require_by(by)
    if choice not in CHOICES:
        raise AdminError(f"处理方式应为 {' / '.join(CHOICES)} 之一")
    with db.ordered_write() as (session, allocator):
        conflict = _find_conflict(session, conflict_id)
        if conflict.resolved_at is not None:
            raise AdminError(f"这条冲突已经处理过了（{conflict.resolved_by or '处理人未记录'}）")
        entity, entity_id = conflict.entity, conflict.entity_id
        stored = session.get(Record, (entity, entity_id))
        loser = json.loads(conflict.loser_value)
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
            if json.loads(stored.data).get(conflict.field) != chosen:
                _write_as_county(session, allocator, [(entity, entity_id, "U", {conflict.field: chosen})], by)
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
                    current = json.loads(stored.data)
                    changed = {k: v for k, v in restored.items() if current.get(k) != v}
                    if changed:
                        _write_as_county(session, allocator, [(entity, entity_id, "U", changed)], by)
                else:
                    _write_as_county(session, allocator, [(entity, entity_id, "I", restored)], by)
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
        entry = json.loads(row.entry)
    except ValueError:
        entry = {}
    if not isinstance(entry, dict):
        entry = {}
    entity = _text(entry.get("entity"))
    entity_id = _text(entry.get("entity_id"))
    values = _entry_values(entry)
    known = entity in SHARED_TABLES
    subject = names.subject(entity, entity_id, values) if known else Subject("", "", "", "")
    scope = subject.scope_path or names.device_paths.get(row.device_id, "")
    shown = [
        f"{label(name)}：{show_value(entity, name, value) if known else value}"
        for name, value in values.items()
        if not name.endswith("_id") or not known
    ]
    return QuarantineView(
        id=row.id,
        device_id=row.device_id,
        sender=names.who(row.device_id, _text(entry.get("author"))),
        received_at=_aware(row.received_at) or row.received_at,
        entity=entity,
        entity_label=entity_label(entity),
        entity_id=entity_id,
        op=OP_LABELS.get(_text(entry.get("op")), _text(entry.get("op"))),
        village=subject.village or names.unit_name(scope),
        household_no=subject.household_no,
        person=subject.person,
        content="；".join(shown),
        reason=row.reason,
        status=row.status,
        resolved_by=row.resolved_by,
        resolved_at=_aware(row.resolved_at),
        resolution_note=row.resolution_note,
        scope_path=scope,
        entry=entry,
    )


def list_quarantine(db: ServerDatabase, filters: Filters = Filters()) -> list[QuarantineView]:
    """Quarantined changes, oldest first; open ones only unless ``filters.include_handled``. ``filters.kind``
    is the data type (``person``, ``household``, … or its Chinese name)."""
    kind = filters.kind
    if kind is not None:
        kind = next((e for e, text in ENTITY_LABELS.items() if text == kind), kind)
    now = utcnow()
    with db.read() as session:
        paths = _village_paths(session, filters.village)
        query = select(Quarantine).order_by(Quarantine.id)
        if not filters.include_handled:
            query = query.where(Quarantine.status == "open")
        rows = [q for q in session.scalars(query) if _in_age(_aware(q.received_at) or now, filters, now)]
        names = Names(session)
        views = [_quarantine_view(q, names) for q in rows]
    return [v for v in views if (kind is None or v.entity == kind) and _in_paths(v.scope_path, paths)]


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


def release_quarantined(db: ServerDatabase, quarantine_id: int, *, by: str, note: str = "") -> ReleaseResult:
    """Apply a quarantined change as the county: validated and merged again (``merge.apply_entry`` with the
    county's role and the whole county as jurisdiction, on behalf of the device that sent it). When the merge
    holds it again, nothing is written, the row stays open and its note says why; otherwise the row is marked
    ``released`` and the device's recorded outcome updated."""
    by = _require_by(by)
    try:
        with db.ordered_write() as (session, allocator):
            row = _open_quarantined(session, quarantine_id)
            try:
                entry = p.PushEntry.model_validate_json(row.entry)
            except ValueError:
                raise AdminError("这条暂存的数据无法读取，不能放行（可以用 --reject 拒绝）") from None
            received_at = utcnow()
            batch = merge.Batch(
                conn=session.connection(),
                allocator=allocator,
                pusher=merge.Pusher(row.device_id, "/", "county"),
                now_ms=now_ms(),
                received_at=received_at,
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
    by = _require_by(by)
    if not note.strip():
        raise AdminError("拒绝时请用 --note 写明原因")
    with db.write() as session:
        row = _open_quarantined(session, quarantine_id)
        row.status = "rejected"
        row.resolved_by = by
        row.resolved_at = utcnow()
        row.resolution_note = note.strip()


# --- records that should never have been stored ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RecordProblem:
    """A live record a laptop could not store, with the reasons (``admin records check``)."""

    entity: str
    entity_label: str
    entity_id: str
    village: str
    household_no: str
    person: str
    problems: tuple[str, ...]


def check_records(db: ServerDatabase, *, village: str | None = None) -> list[RecordProblem]:
    """Every live record a laptop could not store: values the laptop's schema or code lists refuse, required
    fields missing, a parent that is not a live record, or a unique value (household number, unit code, …)
    another live record of the same kind holds."""
    with db.read() as session:
        paths = _village_paths(session, village)
        live: dict[str, set[str]] = {}
        for entity, entity_id in session.execute(
            select(Record.entity, Record.entity_id).where(Record.deleted.is_(False))
        ):
            live.setdefault(entity, set()).add(entity_id)
        found: dict[tuple[str, str], list[str]] = {}
        holders: dict[tuple[str, str, str], str] = {}
        rows = session.execute(
            select(Record.entity, Record.entity_id, Record.data, Record.scope_path)
            .where(Record.deleted.is_(False))
            .order_by(Record.entity, Record.entity_id)
        )
        scopes: dict[tuple[str, str], str] = {}
        for entity, entity_id, raw, scope in rows:
            key = (entity, entity_id)
            scopes[key] = scope
            try:
                data = json.loads(raw)
            except ValueError:
                found[key] = ["内容不是有效的 JSON"]
                continue
            if not isinstance(data, dict):
                found[key] = ["内容不是字段表"]
                continue
            problems = record_check.record_problems(entity, data)
            if record_check.is_known(entity):
                problems += _reference_problems(entity, data, live)
                for unique in record_check.unique_keys(entity):
                    value = record_check.unique_value(unique, data)
                    if value is None:
                        continue
                    other = holders.setdefault((entity, unique.name, value), entity_id)
                    if other != entity_id:
                        problems.append(
                            f"{record_check.key_label(unique)}与另一条记录（{other[:8]}）相同，电脑上不能同时保存"
                        )
            if problems:
                found[key] = problems
        names = Names(session)
        chosen = [k for k in found if _in_paths(scopes[k], paths)]
        _preload_subjects(names, chosen)
        result = []
        for entity, entity_id in chosen:
            subject = names.subject(entity, entity_id) if entity in SHARED_TABLES else Subject("", "", "", "")
            result.append(
                RecordProblem(
                    entity=entity,
                    entity_label=entity_label(entity),
                    entity_id=entity_id,
                    village=subject.village or names.unit_name(scopes[(entity, entity_id)]),
                    household_no=subject.household_no,
                    person=subject.person,
                    problems=tuple(found[(entity, entity_id)]),
                )
            )
        return result


def _reference_problems(entity: str, data: Mapping[str, Any], live: Mapping[str, set[str]]) -> list[str]:
    problems = []
    for reference in record_check.references(entity):
        value = data.get(reference.field)
        if value is None or not isinstance(value, str):
            continue  # absent (a nullable reference) or of the wrong type (reported as a value problem)
        if value not in live.get(reference.target, set()):
            problems.append(
                f"{label(reference.field)}（{reference.field}）指向的{entity_label(reference.target)}在县里不存在或已删除"
            )
    return problems


def _find_record(session: Session, entity: str, entity_id: str) -> Record:
    if entity not in SHARED_TABLES:
        raise AdminError(f"未知的数据类型 {entity}（可选：{'、'.join(SHARED_TABLES)}）")
    record = session.get(Record, (entity, entity_id))
    if record is None and len(entity_id) >= MIN_PREFIX:
        found = session.scalars(
            select(Record)
            .where(Record.entity == entity, Record.entity_id.startswith(entity_id, autoescape=True))
            .limit(2)
        ).all()
        if len(found) > 1:
            raise AdminError(f"编号 {entity_id} 对应多条{entity_label(entity)}记录，请给出更长的编号")
        record = found[0] if found else None
    if record is None:
        raise AdminError(f"找不到{entity_label(entity)}记录 {entity_id}")
    if record.deleted:
        raise AdminError(f"{entity_label(entity)}记录 {record.entity_id} 已被删除")
    return record


def parse_value(entity: str, name: str, text: str | None) -> Any:
    """A value typed by the admin, as it travels: integers for integer columns, 0/1 for flags, a code for a
    coded field (its Chinese label is accepted too), None for an empty non-text field, text otherwise."""
    if entity not in SHARED_TABLES:
        raise AdminError(f"未知的数据类型 {entity}")
    column = SHARED_TABLES[entity].columns.get(name)
    if column is None or name in LOCAL_ONLY_COLUMNS.get(entity, frozenset()) or name == "id":
        raise AdminError(f"{entity_label(entity)}没有字段 {name}")
    text = "" if text is None else text.strip()
    kind = column.type.python_type
    if text == "" and (kind is not str or column.foreign_keys):
        return None
    if kind is bool:
        if text.lower() in ("1", "true", "yes", "是"):
            return 1
        if text.lower() in ("0", "false", "no", "否"):
            return 0
        raise AdminError(f"{label(name)}应为 是/否（1/0），而不是 {text}")
    if kind is int:
        try:
            return int(text)
        except ValueError:
            raise AdminError(f"{label(name)}应为整数，而不是 {text}") from None
    codelist = CODED_FIELDS.get(entity, {}).get(name)
    if codelist is not None and text not in codelist:
        code = codelist.code_for(text)
        if code is not None:
            return code
    return text


def set_fields(
    db: ServerDatabase, entity: str, entity_id: str, values: Mapping[str, str], *, by: str
) -> list[str]:
    """Repair fields of a stored record as the county (``FIELD=VALUE``, parsed by ``parse_value``): validated
    with the laptop's rules, written through the merge and the change log, so every laptop receives it.
    Returns the problems the record still has (other fields), empty when it is now sound."""
    by = _require_by(by)
    if not values:
        raise AdminError("请给出要修改的字段：FIELD=VALUE")
    with db.ordered_write() as (session, allocator):
        record = _find_record(session, entity, entity_id)
        parsed = {name: parse_value(entity, name, text) for name, text in values.items()}
        problems = record_check.value_problems(entity, parsed)
        if problems:
            raise AdminError("不能保存：" + "；".join(problems))
        data = json.loads(record.data)
        changed = {k: v for k, v in parsed.items() if data.get(k) != v}
        if changed:
            _write_as_county(session, allocator, [(entity, record.entity_id, "U", changed)], by)
        return record_check.record_problems(entity, {**data, **parsed})


@dataclass(frozen=True, slots=True)
class Deleted:
    entity: str
    entity_id: str


def delete_record(
    db: ServerDatabase, entity: str, entity_id: str, *, by: str, cascade: bool = False
) -> list[Deleted]:
    """Delete a stored record as the county (a tombstone and a ``D`` change every laptop receives). A record
    other live records name (a household's people, a person's visits, a unit's households) is deleted only
    with ``cascade``, and then those first, each through the log. Returns what was deleted, the record last."""
    by = _require_by(by)
    with db.ordered_write() as (session, allocator):
        record = _find_record(session, entity, entity_id)
        order = _dependants(session, record)
        if len(order) > 1 and not cascade:
            counts: dict[str, int] = {}
            for dependant in order[:-1]:
                counts[dependant.entity] = counts.get(dependant.entity, 0) + 1
            listed = "、".join(f"{entity_label(e)} {n} 条" for e, n in counts.items())
            raise AdminError(f"还有记录属于它（{listed}）；先处理这些记录，或加 --cascade 一并删除")
        units = [d.entity_id for d in order if d.entity == "org_unit"]
        if units:
            holders = session.scalars(select(Cadre.username).where(Cadre.jurisdiction_id.in_(units))).all()
            if holders:
                raise AdminError(f"干部账号 {'、'.join(holders)} 管辖这个单位，不能删除")
        _write_as_county(session, allocator, [(d.entity, d.entity_id, "D", {}) for d in order], by)
        for unit_id in units:  # deepest first: a unit's children are gone before it
            session.execute(delete(OrgUnit).where(OrgUnit.id == unit_id))
        return order


def _dependants(session: Session, record: Record) -> list[Deleted]:
    """The record and every live record that names it, directly or further down, children before their
    parents. Children are found by their fields (a child always lives inside its parent's scope), and through
    ``record_ref`` too."""
    links: dict[str, list[tuple[str, str]]] = {}
    for child in SHARED_TABLES:
        for reference in record_check.references(child):
            links.setdefault(reference.target, []).append((child, reference.field))
    result: list[Deleted] = []
    seen: set[tuple[str, str]] = set()

    def children(entity: str, entity_id: str, scope: str) -> list[tuple[str, str, str]]:
        found: dict[tuple[str, str], str] = {}
        for child, ref_field in links.get(entity, []):
            for child_id, data, child_scope in session.execute(
                select(Record.entity_id, Record.data, Record.scope_path).where(
                    Record.entity == child,
                    Record.deleted.is_(False),
                    Record.scope_path.startswith(scope, autoescape=True),
                )
            ):
                loaded = json.loads(data)
                if isinstance(loaded, dict) and loaded.get(ref_field) == entity_id:
                    found[(child, child_id)] = child_scope
        for child, child_id, child_scope in session.execute(
            select(RecordRef.entity, RecordRef.entity_id, Record.scope_path)
            .join(Record, (Record.entity == RecordRef.entity) & (Record.entity_id == RecordRef.entity_id))
            .where(RecordRef.ref_entity == entity, RecordRef.ref_id == entity_id, Record.deleted.is_(False))
        ):
            found[(child, child_id)] = child_scope
        return sorted((e, i, sc) for (e, i), sc in found.items())

    def visit(entity: str, entity_id: str, scope: str) -> None:
        seen.add((entity, entity_id))
        for child, child_id, child_scope in children(entity, entity_id, scope):
            if (child, child_id) not in seen:
                visit(child, child_id, child_scope)
        result.append(Deleted(entity, entity_id))

    visit(record.entity, record.entity_id, record.scope_path)
    return result


# --- writing as the county -------------------------------------------------------------------------------------


def _require_by(by: str) -> str:
    by = by.strip()
    if not by:
        raise AdminError("请用 --by 写明处理人姓名")
    return by[:100]


def _write_as_county(
    session: Session,
    allocator: SeqAllocator,
    changes: Sequence[tuple[str, str, p.Op, Mapping[str, Any]]],
    by: str,
) -> None:
    """Write changes ``(entity, id, op, {field: value})`` as the county through the merge (validation,
    record, change log): a push of device ``server`` with the county's role, each based on the current version
    of every field (so it is never taken for a concurrent edit). ``AdminError`` with the merge's reason when
    it would not store one; the caller's transaction then rolls back and nothing is written."""
    moment = now_ms()
    batch = merge.Batch(
        conn=session.connection(),
        allocator=allocator,
        # Everything logged so far counts as seen: the county deletes knowingly, no child is "unseen".
        pusher=merge.Pusher(SERVER_DEVICE, "/", "county", seen_seq=allocator.value),
        now_ms=moment,
        received_at=utcnow(),
    )
    session.flush()
    entries = []
    for entity, entity_id, op, values in changes:
        state = batch.record(entity, entity_id)
        current = state.data if state is not None and not state.deleted else {}
        entries.append(
            p.PushEntry(
                seq=1,
                change_id=str(uuid.uuid4()),
                entity=entity,
                entity_id=entity_id,
                op=op,
                changes={f: [current.get(f), v] for f, v in values.items()},
                base={f: int(v[0]) for f, v in state.versions.items()} if state is not None else {},
                hlc=hlc_clock.pack(moment),
                author=by,
            )
        )
    batch.prefetch(entries)
    batch.prefetch_unique(entries)
    for entry in entries:
        outcome = merge.apply_entry(batch, entry)
        # Based on every current version, a county write is never concurrent with anything: any other outcome
        # than "applied" (held back, or lost to a deleted parent) means it cannot be stored as it is.
        if outcome.status != "applied" or batch.quarantine_rows or batch.duplicate_rows:
            raise AdminError(f"县服务器不能保存这个修改：{outcome.reason or '与现有数据冲突'}")
    batch.flush()
