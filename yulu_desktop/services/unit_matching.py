"""Local org units matched to the county's at enrollment (区划匹配).

Data imported before enrolling made its own county/township/village units (``services.excel_import`` invents
``Y…`` codes for them; demo data and units typed on a laptop not enrolled are local too). The county server owns
org units: it never accepts a laptop's, so everything under a local unit would be held back. Once the county's
units have arrived by pull, :func:`plan` matches each local unit to one of the county's — by code first, then by
name under the matched parent — and :func:`apply` re-points households and child units to the county's unit and
deletes the local ones. Changes the county has not received yet are rewritten so they read as if made under the
county's unit from the start (``store.unsent``); records the county already holds are re-pointed with normal,
journaled writes. What cannot be matched is returned in the plan for the cadre to choose, never dropped.

A local unit is one created on this laptop and not (yet) accepted by the county: it has an unsent insert in the
journal, or an invented ``Y…`` code.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, text

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import journal, unsent
from yulu_desktop.store.database import Database

__all__ = [
    "MatchPlan",
    "MatchReport",
    "Unit",
    "apply",
    "has_local_units",
    "needs_matching",
    "park_local_codes",
    "plan",
]

_LEVEL_ORDER = {"county": 0, "township": 1, "village": 2, "group": 3}
_LEVEL_NAMES = {"county": "县", "township": "乡镇", "village": "村", "group": "组"}


@dataclass(frozen=True)
class Unit:
    """An org unit as the matching shows it: ``path`` is the names from the county down (``城口县 庙坝镇 红岩村``)."""

    id: str
    code: str
    name: str
    level: str
    parent_id: str | None
    path: str
    #: Households directly under it.
    households: int = 0

    @property
    def level_name(self) -> str:
        return _LEVEL_NAMES.get(self.level, self.level)


@dataclass(frozen=True)
class MatchPlan:
    """``matched``: local unit id → county unit id; ``unmatched``: local units for the cadre to choose;
    ``county``: every county unit (the choices)."""

    matched: dict[str, str]
    unmatched: list[Unit]
    county: list[Unit]
    local: list[Unit] = field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not self.local

    def candidates(self, unit: Unit) -> list[Unit]:
        """County units of ``unit``'s level, those under the county unit its parent matched first."""
        parent = self.matched.get(unit.parent_id or "", "")
        same_level = [c for c in self.county if c.level == unit.level]
        return sorted(same_level, key=lambda c: (c.parent_id != parent, c.path))


@dataclass(frozen=True)
class MatchReport:
    units_replaced: int
    households_moved: int
    #: Local units left as they are (their households are not sent to the county until matched).
    left: list[Unit]


def _norm(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def _units(conn: Connection) -> list[Unit]:
    rows = conn.execute(
        text(
            "SELECT u.id, u.code, u.name, u.level, u.parent_id, "
            "(SELECT count(*) FROM household h WHERE h.village_id = u.id) FROM org_unit u"
        )
    ).fetchall()
    by_id = {r[0]: r for r in rows}

    def path(unit_id: str | None) -> str:
        names: list[str] = []
        seen: set[str] = set()
        while unit_id and unit_id in by_id and unit_id not in seen:
            seen.add(unit_id)
            names.append(by_id[unit_id][2])
            unit_id = by_id[unit_id][4]
        return " ".join(reversed(names))

    return [
        Unit(id=r[0], code=r[1], name=r[2], level=r[3], parent_id=r[4], path=path(r[0]), households=int(r[5]))
        for r in rows
    ]


#: Prefix of a local unit's code set aside (``park_local_codes``) so that the county's unit of that code can arrive.
PARKED = "L:"


def _local_ids(conn: Connection, units: list[Unit]) -> set[str]:
    created_here = unsent.unsent_inserts(conn, "org_unit")
    return {u.id for u in units if u.id in created_here or u.code.startswith(("Y", PARKED))}


def _real_code(code: str) -> str:
    return code.removeprefix(PARKED)


def park_local_codes(db: Database) -> int:
    """Set aside the real codes of local units (demo data, units typed before enrolling: ``500229``), so that the
    county's units of the same code can arrive by pull instead of clashing with them; :func:`plan` still matches by
    the code. Call after enrolling, before the first pull. The number of units set aside.

    The rows change with the journal silent: their unsent inserts carry the real code, and they are replaced by
    the county's units at matching (a unit left unmatched is county data the county never accepts from a laptop)."""
    with db.write_connection() as conn:
        units = _units(conn)
        local = _local_ids(conn, units)
        parked = [u for u in units if u.id in local and not u.code.startswith(("Y", PARKED))]
        if not parked:
            return 0
        conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
        try:
            for unit in parked:
                conn.execute(
                    text("UPDATE org_unit SET code = :code WHERE id = :id"),
                    {"code": PARKED + unit.code, "id": unit.id},
                )
        finally:
            conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))
    return len(parked)


def has_local_units(conn: Connection) -> bool:
    """Whether this laptop holds units of its own (see the module docstring), matched or not yet."""
    return bool(_local_ids(conn, _units(conn)))


def needs_matching(conn: Connection) -> bool:
    """Whether this laptop has local units (see the module docstring) while the county's have arrived."""
    units = _units(conn)
    local = _local_ids(conn, units)
    return bool(local) and any(u.id not in local for u in units)


def plan(db: Database) -> MatchPlan:
    """Match every local unit to a county unit where the code or the name under the matched parent says which."""
    with db.read_connection() as conn:
        units = _units(conn)
        local_ids = _local_ids(conn, units)
    local = sorted(
        (u for u in units if u.id in local_ids), key=lambda u: (_LEVEL_ORDER.get(u.level, 9), u.path)
    )
    county = sorted((u for u in units if u.id not in local_ids), key=lambda u: u.path)
    by_code = {u.code: u for u in county}
    matched: dict[str, str] = {}
    unmatched: list[Unit] = []
    for unit in local:
        found = by_code.get(_real_code(unit.code))
        if found is None or found.level != unit.level:
            parent = matched.get(unit.parent_id or "")
            if unit.parent_id and parent is None and unit.parent_id not in local_ids:
                parent = unit.parent_id  # a local unit under one of the county's
            same = [c for c in county if c.level == unit.level and _norm(c.name) == _norm(unit.name)]
            if parent is not None:
                same = [c for c in same if c.parent_id == parent]
            elif unit.parent_id:
                same = []  # its parent is local and unmatched: the name alone does not say which
            found = same[0] if len(same) == 1 else None
        if found is not None:
            matched[unit.id] = found.id
        else:
            unmatched.append(unit)
    return MatchPlan(matched=matched, unmatched=unmatched, county=county, local=local)


def apply(db: Database, choices: Mapping[str, str], *, actor: str) -> MatchReport:
    """Replace each local unit of ``choices`` (local id → county id) by the county's: households and child
    units re-pointed, the local unit deleted. Local units not in ``choices`` stay, and are reported in ``left``.
    One transaction: all or nothing."""
    with db.write_connection() as conn:
        units = {u.id: u for u in _units(conn)}
        local_ids = _local_ids(conn, list(units.values()))
        for local_id, county_id in choices.items():
            if local_id not in local_ids:
                raise YuluError(
                    f"“{units[local_id].path if local_id in units else local_id}”不是本机自建的单位"
                )
            if county_id not in units or county_id in local_ids:
                raise YuluError("所选的县里单位不存在，请重新选择")
            if units[county_id].level != units[local_id].level:
                raise YuluError(
                    f"“{units[local_id].path}”是{units[local_id].level_name}，"
                    f"不能对应到{units[county_id].level_name}“{units[county_id].path}”"
                )
        mapping = dict(choices)
        journal.set_author(conn, actor)
        unsent.repoint_unsent(conn, mapping)
        # Records the county already holds (or that were not re-pointed above): normal, journaled writes.
        for local_id, county_id in mapping.items():
            for entity, column in unsent.ORG_UNIT_REFERENCES:
                conn.execute(
                    text(f"UPDATE {entity} SET {column} = :county WHERE {column} = :local"),
                    {"county": county_id, "local": local_id},
                )
        moved = sum(units[local_id].households for local_id in mapping)
        replaced = 0
        # Delete children before parents; local units the county never had leave no trace to send.
        for local_id in sorted(mapping, key=lambda i: -_LEVEL_ORDER.get(units[i].level, 9)):
            if local_id in unsent.unsent_inserts(conn, "org_unit") or units[local_id].code.startswith(
                ("Y", PARKED)
            ):
                conn.execute(text("UPDATE device_state SET applying_remote = 1 WHERE id = 1"))
                try:
                    conn.execute(text("DELETE FROM org_unit WHERE id = :id"), {"id": local_id})
                finally:
                    conn.execute(text("UPDATE device_state SET applying_remote = 0 WHERE id = 1"))
            else:
                conn.execute(text("DELETE FROM org_unit WHERE id = :id"), {"id": local_id})
            replaced += 1
    left = [units[i] for i in sorted(local_ids - set(mapping), key=lambda i: units[i].path)]
    return MatchReport(units_replaced=replaced, households_moved=moved, left=left)
