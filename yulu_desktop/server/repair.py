"""Records that should never have been stored: find them (``admin records check``), correct or delete them
(``admin records set | delete``), always written as the county through the merge, so every laptop receives the
fix with its next pull."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from yulu_desktop.domain import hlc as hlc_clock
from yulu_desktop.domain.rules import CODED_FIELDS, label
from yulu_desktop.server import merge
from yulu_desktop.server.admin import AdminError
from yulu_desktop.server.db import SeqAllocator, ServerDatabase
from yulu_desktop.server.fieldcrypt import FieldCipher
from yulu_desktop.server.models import (
    Cadre,
    OrgUnit,
    Record,
    RecordRef,
    scope_within,
)
from yulu_desktop.server.review_text import (
    MIN_PREFIX,
    Names,
    Subject,
    entity_label,
    in_paths,
    preload_subjects,
    village_paths,
)
from yulu_desktop.server.service import SERVER_DEVICE, now_ms, utcnow
from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync import record_check

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
        paths = village_paths(session, village)
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
                data = db.cipher.loads_fields(entity, raw)
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
        names = Names(session, db.cipher)
        chosen = [k for k in found if in_paths(scopes[k], paths)]
        preload_subjects(names, chosen)
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
                f"{label(reference.field, entity)}指向的{entity_label(reference.target)}在县里不存在或已删除"
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
    by = require_by(by)
    if not values:
        raise AdminError("请给出要修改的字段：FIELD=VALUE")
    with db.ordered_write() as (session, allocator):
        record = _find_record(session, entity, entity_id)
        parsed = {name: parse_value(entity, name, text) for name, text in values.items()}
        problems = record_check.value_problems(entity, parsed)
        if problems:
            raise AdminError("不能保存：" + "；".join(problems))
        data = db.cipher.loads_fields(entity, record.data)
        changed = {k: v for k, v in parsed.items() if data.get(k) != v}
        if changed:
            write_as_county(session, allocator, [(entity, record.entity_id, "U", changed)], by, db.cipher)
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
    by = require_by(by)
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
        write_as_county(session, allocator, [(d.entity, d.entity_id, "D", {}) for d in order], by, db.cipher)
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
                    scope_within(Record.scope_path, scope),
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


def require_by(by: str) -> str:
    by = by.strip()
    if not by:
        raise AdminError("请用 --by 写明处理人姓名")
    return by[:100]


def write_as_county(
    session: Session,
    allocator: SeqAllocator,
    changes: Sequence[tuple[str, str, p.Op, Mapping[str, Any]]],
    by: str,
    cipher: FieldCipher,
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
        cipher=cipher,
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
