"""The units of a jurisdiction in SQL: a unit and every unit below it.

:data:`SCOPE_CTE` opens a statement with the recursive CTE ``scope(id)`` of the unit bound as ``:scope_root`` and
all units below it; a query then keeps its rows with ``h.village_id IN (SELECT id FROM scope)`` or the like.
"""

from __future__ import annotations

from typing import Final

__all__ = ["SCOPE_CTE"]

SCOPE_CTE: Final = (
    "WITH RECURSIVE scope(id) AS (SELECT :scope_root UNION ALL "
    "SELECT o.id FROM org_unit o JOIN scope ON o.parent_id = scope.id) "
)
