"""Search keys with zh/ch/sh initials (``zhk`` finds 张坤) and a search index that finds single characters

``person.search_key`` is derived from the name in Python (pypinyin), local only and never journaled; its
format gained the initials with zh/ch/sh, so every person's key is computed again here. The search index
(``store.search_index``) is dropped first — otherwise its update trigger would rewrite an index row per
person — and env.py builds it again, in its new layout, from the new keys after the migration run.

No schema change: the downgrade leaves the longer keys in place (older code reads them as before).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 15:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from yulu_desktop.domain.pinyin import search_key
from yulu_desktop.store import search_index

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 5000


def upgrade() -> None:
    conn = op.get_bind()
    search_index.drop(conn)
    # rowid pages through the table without holding every name in memory at county scale.
    last = -1
    while True:
        rows = conn.exec_driver_sql(
            "SELECT rowid, name, search_key FROM person WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (last, _BATCH),
        ).fetchall()
        if not rows:
            break
        last = rows[-1][0]
        changed = [(key, rowid) for rowid, name, old in rows if (key := search_key(name)) != old]
        if changed:
            conn.exec_driver_sql("UPDATE person SET search_key = ? WHERE rowid = ?", changed)


def downgrade() -> None:
    pass
