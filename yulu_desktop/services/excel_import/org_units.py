"""County / township / village of an imported household, found by name or created."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from typing import Final

from sqlalchemy import Connection

from yulu_desktop.domain.entities import new_id
from yulu_desktop.services.excel_import.plumbing import _Writes


def _norm_name(name: str | None) -> str:
    return unicodedata.normalize("NFKC", name).strip() if name else ""


class _OrgUnits:
    """County / township / village found by name under their parent, created when missing.

    The national export names places but carries no codes; a created unit gets a code derived from its names
    ("Y" + 15 hex digits of a hash of 县/乡/村), the same on every device, so a second import — here or on
    another laptop — finds the same unit, and the county server sees one code."""

    _LEVELS: Final = ("county", "township", "village")

    def __init__(self, conn: Connection, writes: _Writes) -> None:
        self.writes = writes
        self.by_parent: dict[tuple[str, str | None, str], str] = {}
        self.by_name: dict[tuple[str, str], list[str]] = {}
        self.codes: set[str] = set()
        self.created = 0
        for unit_id, code, name, level, parent_id in conn.exec_driver_sql(
            "SELECT id, code, name, level, parent_id FROM org_unit"
        ):
            self._remember(unit_id, code, _norm_name(name), level, parent_id)

    def _remember(self, unit_id: str, code: str, name: str, level: str, parent_id: str | None) -> None:
        self.by_parent[(level, parent_id, name)] = unit_id
        self.by_name.setdefault((level, name), []).append(unit_id)
        self.codes.add(code)

    def find(self, county: str | None, township: str | None, village: str | None) -> str | None:
        """The village's id, or None if it (or a unit above it) is not in the database yet."""
        return self._walk(county, township, village, create=False)

    def village(self, county: str | None, township: str | None, village: str | None) -> str | None:
        """The village's id, creating it (and the units above it) if needed; None without a village name."""
        return self._walk(county, township, village, create=True)

    def _walk(
        self, county: str | None, township: str | None, village: str | None, *, create: bool
    ) -> str | None:
        if not _norm_name(village):
            return None
        parent: str | None = None
        chain: list[str] = []
        for level, raw in zip(self._LEVELS, (county, township, village), strict=True):
            name = _norm_name(raw)
            if not name:
                continue
            chain.append(name)
            found = self.by_parent.get((level, parent, name))
            if found is None and parent is None:
                candidates = self.by_name.get((level, name), [])
                found = candidates[0] if len(candidates) == 1 else None
            if found is None:
                if not create:
                    return None
                found = self._create(level, name, parent, chain)
            parent = found
        return parent

    def _create(self, level: str, name: str, parent: str | None, chain: Sequence[str]) -> str:
        digest = hashlib.sha1("/".join(chain).encode()).hexdigest().upper()
        code = f"Y{digest[:15]}"
        suffix = 0
        while code in self.codes:
            suffix += 1
            code = f"Y{digest[:12]}{suffix:03d}"
        unit_id = new_id()
        self.writes.insert(
            "org_unit", {"id": unit_id, "code": code, "name": name, "level": level, "parent_id": parent}
        )
        self._remember(unit_id, code, name, level, parent)
        self.created += 1
        return unit_id
