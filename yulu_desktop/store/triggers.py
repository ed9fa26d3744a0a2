"""Triggers dropped for a block of bulk writes and created again as they were, inside the caller's transaction.

A trigger runs a program per row even when it writes nothing (a journal trigger while a pull applies), and
one per row where a single statement afterwards does the same work (the search index of many new people). A
pulled page drops such triggers for its inserts (``sync.local``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any


@contextlib.contextmanager
def dropped(cursor: Any, names: Sequence[str]) -> Iterator[None]:
    """The triggers ``names`` (those that exist) dropped for the block, and created again from their stored SQL
    when it ends, whether it raised or not (``IF NOT EXISTS``: a failed statement may have rolled the whole
    transaction back, drop included). A crash before COMMIT rolls the drop back with everything else."""
    if not names:
        yield
        return
    rows = cursor.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ({', '.join('?' * len(names))})",
        list(names),
    ).fetchall()
    for name, _sql in rows:
        cursor.execute(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        for _name, sql in rows:
            cursor.execute(sql.replace("CREATE TRIGGER ", "CREATE TRIGGER IF NOT EXISTS ", 1))
