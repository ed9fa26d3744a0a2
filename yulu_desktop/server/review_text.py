"""How the county admin's review reads: labels of entities, fields and codes, values as a person reads them,
the person, household and village a record belongs to (from the server's ``record`` table), and the listing
filters. Used by ``server.review`` (conflicts, quarantine) and ``server.repair`` (records)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.domain.rules import CODED_FIELDS, label
from yulu_desktop.server.admin import AdminError
from yulu_desktop.server.fieldcrypt import FieldCipher
from yulu_desktop.server.models import (
    Cadre,
    Device,
    OrgUnit,
    Record,
)
from yulu_desktop.server.service import SERVER_DEVICE
from yulu_desktop.store.schema import SHARED_TABLES

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
    "membership_change": "人口变动",
    "subsidy_rule": "补助规则",
    "subsidy_window": "申请时间",
    "subsidy_evidence": "证明材料",
    "subsidy_publicity": "公示",
    "subsidy_objection": "公示异议",
    "subsidy_payment_batch": "发放批次",
    "school": "学校",
    "enterprise": "企业",
    "employment_agreement": "合作协议",
    "job_position": "岗位",
    "job_fair": "招聘会",
    "fair_invitation": "招聘会邀请",
    "job_referral": "推荐",
    "employment_follow_up": "稳岗回访",
    "career_plan": "职业规划",
    "policy_campaign": "政策宣传",
    "campaign_reach": "宣传对象",
    "placement_action": "未就业帮扶措施",
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


def describe_record(entity: str, values: Any) -> str:
    """A whole record (the value a delete conflict keeps) in one line: its most telling fields."""
    if not isinstance(values, dict):
        return show_value(entity, "", values)
    shown = [
        f"{label(name)}：{show_value(entity, name, value)}"
        for name, value in values.items()
        if name != "id" and not name.endswith("_id") and value not in (None, "")
    ]
    return "整条记录（" + "，".join(shown[:4]) + ("…" if len(shown) > 4 else "") + "）"


def hlc_time(hlc: int) -> datetime | None:
    """When an edit was typed (the wall clock part of its HLC); None for an untrusted timestamp (0)."""
    if hlc <= 0:
        return None
    return datetime.fromtimestamp(hlc_clock.wall_ms(hlc) / 1000, UTC)


def aware(moment: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes for timezone-aware columns (stored as UTC).
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def as_text(value: Any) -> str:
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

    def __init__(self, session: Session, cipher: FieldCipher) -> None:
        self.session = session
        #: Records are read with their sensitive values opened (``server.fieldcrypt``).
        self.cipher = cipher
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
                data = self.cipher.loads_fields(entity, row[0])
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
                    loaded = self.cipher.loads_fields(entity, data)
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
                parent = self.units.get(as_text(data.get("parent_id")))
                scope = f"{parent.path}{entity_id}/" if parent is not None else ""
            # The unit as the county holds it: a held rename must not read as the unit's name.
            village = (unit.name if unit is not None else "") or as_text(data.get("name"))
            return Subject(village, "", "", scope)
        if entity in ("subsidy_setting", "subsidy_rule", "subsidy_window"):
            code = as_text(data.get("county_code"))
            county = next((u for u in self.units.values() if u.code == code), None)
            return Subject(county.name if county else code, "", "", scope or (county.path if county else ""))
        unit_ref = data.get("county_id") or data.get("unit_id") or data.get("village_id")
        if entity != "household" and isinstance(unit_ref, str) and unit_ref in self.units:
            # Reference data of a unit (a school, a position, a 公示): the unit is its place.
            unit = self.units[unit_ref]
            return Subject(unit.name, "", "", scope or unit.path)
        if entity == "person":
            person = as_text(data.get("name"))
            household_id = data.get("household_id")
        elif entity == "household":
            household_no = as_text(data.get("household_no"))
            village_id = data.get("village_id")
            unit = self.units.get(village_id) if isinstance(village_id, str) else None
            if not scope and unit is not None:
                scope = unit.path
        else:
            person_id = data.get("person_id")
            found = self.record("person", person_id)
            if found is not None:
                person = as_text(found[0].get("name"))
                household_id = found[0].get("household_id")
                scope = scope or found[1]
            household_id = data.get("household_id", household_id)
        if household_id is not None:
            household = self.record("household", household_id)
            if household is not None:
                household_no = as_text(household[0].get("household_no"))
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


#: The open items of every village, of any kind and age.
NO_FILTERS = Filters()


def village_paths(session: Session, village: str | None) -> list[str] | None:
    """The paths of the units ``village`` names (by code or name); None for no filter."""
    if village is None or village == "":
        return None
    units = session.scalars(
        select(OrgUnit).where((OrgUnit.code == village) | (OrgUnit.name == village))
    ).all()
    if not units:
        raise AdminError(f"找不到单位“{village}”（请给出单位编码或名称）")
    return [u.path for u in units]


def in_paths(scope: str, paths: list[str] | None) -> bool:
    return paths is None or any(scope.startswith(path) for path in paths)


def in_age(moment: datetime, filters: Filters, now: datetime) -> bool:
    if filters.since_days is not None and moment < now - timedelta(days=filters.since_days):
        return False
    return not (
        filters.older_than_days is not None and moment > now - timedelta(days=filters.older_than_days)
    )


def preload_subjects(names: Names, keys: Sequence[tuple[str, str]]) -> None:
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
