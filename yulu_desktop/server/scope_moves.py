"""Records that move between jurisdictions: a household moving to another village (整户迁出), a person moving to a
household of another village (迁出, 婚出, 分户 across villages).

A record's scope path comes from its parent when it is written (``merge.Batch.scope_for``), so on its own a move
re-scopes only the record that changed. Here, in the same batch:

* the record and every descendant whose scope follows it (a person's schooling, applications, attachments,
  history; a household's people and visits) get the new scope path;
* each of them is sent whole (``I``, with its per-field versions) to the new scope, parents before children, so a
  laptop that never had them receives complete rows;
* each gets a ``LEAVE_SCOPE`` (``X``) entry in the old scope, children before parents, telling the old
  jurisdiction's laptops to drop their copies locally — never a delete that would propagate. Devices whose
  jurisdiction contains the new scope too (township, county) are not sent it (``service.pull_json``); a laptop
  older than protocol 5 is not sent it either (its after-sync digest check removes the copies, with a note).

An edit made on the old village's laptop before it learned of the move (it still held the record) is accepted
(``edit_after_move_allowed``): it was based on a version older than the move, so it is merged as any concurrent
edit, in the record's new scope, and reaches the new village.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from yulu_desktop.sync import protocol as p

if TYPE_CHECKING:
    from yulu_desktop.server.merge import Batch, RecordState

#: Order in which moved records are sent to the new scope (parents first; an application names its enrollment).
_RANK = {
    "household": 0,
    "person": 1,
    "visit": 2,
    "enrollment": 3,
    "intent": 4,
    "training": 5,
    "employment_record": 6,
    "attachment": 7,
    "membership_change": 8,
    "subsidy_application": 9,
}


def county_prefix(path: str) -> str:
    """``/county/`` of a jurisdiction path ``/county/township/village/``."""
    parts = [part for part in path.split("/") if part]
    return f"/{parts[0]}/" if parts else "/"


def move_out_allowed(record: RecordState | None, scope: str, path: str) -> bool:
    """A device may move a record of its jurisdiction out of it (迁出 to another village of the same county)."""
    return (
        record is not None
        and not record.deleted
        and record.scope_path.startswith(path)
        and scope != record.scope_path
        and scope.startswith(county_prefix(path))
    )


def edit_after_move_allowed(batch: Batch, entry: p.PushEntry, record: RecordState | None) -> bool:
    """An edit or delete of a record that left the device's jurisdiction, made while the device still held it:
    the record left (a ``LEAVE_SCOPE`` entry inside the device's jurisdiction) after the versions the edit was
    based on."""
    if record is None or entry.op == "I":
        return False
    log = batch.departures(entry.entity, entry.entity_id)
    based_on = max(entry.base.values(), default=0)
    return any(scope.startswith(batch.pusher.path) and seq > based_on for seq, scope in log)


def rescope(batch: Batch, entry: p.PushEntry, root: RecordState, old_scope: str, hlc: int) -> None:
    """``root`` moved from ``old_scope`` to its current ``scope_path``: move its descendants along, send them all
    whole to the new scope and tell the old one to drop them."""
    from yulu_desktop.server.merge import PARENT_REF

    moved: list[tuple[RecordState, str]] = [(root, old_scope)]
    seen = {(root.entity, root.entity_id)}
    queue = [root]
    while queue:
        parent = queue.pop(0)
        for child_entity, child_id in sorted(batch.children_of(parent.entity, parent.entity_id)):
            if child_entity not in PARENT_REF or (child_entity, child_id) in seen:
                continue
            child = batch.record(child_entity, child_id)
            if child is None or child.deleted:
                continue
            new_scope = batch.scope_for(child_entity, child_id, child.data)
            if new_scope is None or new_scope == child.scope_path:
                continue
            seen.add((child_entity, child_id))
            moved.append((child, child.scope_path))
            child.scope_path = new_scope
            child.dirty = True
            queue.append(child)
    depth = {id(record): index for index, (record, _old) in enumerate(moved)}
    ordered = sorted(moved, key=lambda pair: (_RANK.get(pair[0].entity, 99), depth[id(pair[0])]))
    for record, _old in ordered:
        seq = batch.allocator.next()
        versions: dict[str, Any] = {name: int(v[0]) for name, v in record.versions.items()}
        batch.log(
            entry,
            seq,
            "I",
            record.data,
            record.scope_path,
            hlc,
            versions,
            of=(record.entity, record.entity_id),
        )
        record.updated_seq = seq
    for record, old in reversed(ordered):
        seq = batch.allocator.next()
        batch.log(
            entry,
            seq,
            p.LEAVE_SCOPE,
            {"to": record.scope_path},
            old,
            hlc,
            of=(record.entity, record.entity_id),
        )


def still_visible(fields_json: str, path: str) -> bool:
    """Whether a ``LEAVE_SCOPE`` entry's record is still inside the jurisdiction ``path`` (a township or county
    that sees both villages): such a device is not told to drop it."""
    try:
        target = json.loads(fields_json).get("to", "")
    except (ValueError, AttributeError):
        return False
    return isinstance(target, str) and target.startswith(path)
