"""Jurisdiction (管辖范围): whose unit records a laptop may change.

A job position, a job fair or a policy campaign belongs to the unit that entered it (``unit_id``), and it is
synced down to every laptop below that unit, so a township laptop holds the county's fairs and a village laptop
its township's campaigns. The county server takes a change to such a record only from a device whose
jurisdiction holds the record's unit, before and after the change: the cadre's own unit or a unit below it
(``server.merge.apply_entry`` compares jurisdiction paths; anything else is held back as
"记录不在本设备的管辖范围内"). The laptop applies the same rule before it writes, on the page and in an Excel
import, so the cadre learns it at once instead of at the next sync.

Pure: the services pass in the units the laptop holds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["Jurisdiction"]


@dataclass(frozen=True)
class Jurisdiction:
    """A laptop's jurisdiction among the org units it holds."""

    #: The enrolled cadre's unit; None when the laptop has none to judge by (not enrolled, or its unit not synced
    #: yet): then no county server has given it a jurisdiction, and nothing is refused here.
    unit_id: str | None
    #: The org units on the laptop: id → (name, parent id).
    units: Mapping[str, tuple[str, str | None]]

    def holds(self, unit_id: str) -> bool:
        """Whether a record of ``unit_id`` is inside the jurisdiction: the unit itself or one below it."""
        if self.unit_id is None:
            return True
        seen: set[str] = set()
        current: str | None = unit_id
        while current is not None and current not in seen:
            if current == self.unit_id:
                return True
            seen.add(current)
            current = self.units.get(current, ("", None))[1]
        return False

    def refusal(self, unit_id: str) -> str | None:
        """Why this laptop may not change a record of ``unit_id`` (Chinese, to follow the record's name:
        "属于城口县，不在本机的管辖范围（庙坝镇）内…"), or None when it may."""
        if self.holds(unit_id) or self.unit_id is None:
            return None
        owner = self._name(unit_id)
        return (
            f"属于{owner}，不在本机的管辖范围（{self._name(self.unit_id)}）内，本机不能修改"
            f"（县服务器不会接受这一修改）；请由{owner}修改"
        )

    def _name(self, unit_id: str) -> str:
        found = self.units.get(unit_id)
        return found[0] if found is not None else f"编号为 {unit_id} 的单位"
