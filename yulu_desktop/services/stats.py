"""Counts per entity and the sync backlog (``yulu stats``, the status bar)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import SHARED_TABLES, VOIDABLE_TABLES, attachment_blob, audit_log


@dataclass(frozen=True)
class Stats:
    counts: dict[str, int]  # rows in force: entries voided in error (作废) are not counted here
    pending_changes: int
    device_id: str
    voided: dict[str, int] = field(default_factory=dict)  # entries voided in error, per table that has voids

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": self.counts,
            "voided": self.voided,
            "pending_changes": self.pending_changes,
            "device_id": self.device_id,
        }


def collect(db: Database) -> Stats:
    tables = {**SHARED_TABLES, "attachment_blob": attachment_blob, "audit_log": audit_log}
    with db.read_connection() as conn:
        counts = {
            name: int(conn.execute(select(func.count()).select_from(table)).scalar_one())
            for name, table in tables.items()
        }
        voided = {
            name: int(
                conn.execute(
                    select(func.count())
                    .select_from(tables[name])
                    .where(tables[name].c.voided_on.is_not(None))
                ).scalar_one()
            )
            for name in sorted(VOIDABLE_TABLES)
        }
        for name, n in voided.items():
            counts[name] -= n
        return Stats(
            counts=counts,
            pending_changes=journal.pending_count(conn),
            device_id=journal.device_id(conn),
            voided=voided,
        )
