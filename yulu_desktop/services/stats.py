"""Counts per entity and the sync backlog (``yulu stats``, the status bar)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES, attachment_blob, audit_log


@dataclass(frozen=True)
class Stats:
    counts: dict[str, int]
    pending_changes: int
    device_id: str

    def as_dict(self) -> dict[str, object]:
        return {"counts": self.counts, "pending_changes": self.pending_changes, "device_id": self.device_id}


def collect(db: Database) -> Stats:
    with db.read_connection() as conn:
        counts = {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in {
                **SHARED_TABLES,
                "attachment_blob": attachment_blob,
                "audit_log": audit_log,
            }.items()
        }
        return Stats(
            counts=counts, pending_changes=journal.pending_count(conn), device_id=journal.device_id(conn)
        )
