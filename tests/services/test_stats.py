"""``yulu stats``: counts of rows in force, with entries voided in error (作废) counted apart."""

from __future__ import annotations

from typing import Any

from yulu_desktop.services import corrections, stats
from yulu_desktop.store.database import Database


def test_voided_entries_are_counted_apart(db: Database, sample_graph: dict[str, Any]) -> None:
    before = stats.collect(db)
    assert before.counts["visit"] == 1 and before.voided["visit"] == 0
    corrections.void_entry(db, "visit", sample_graph["visit"].id, reason="录错了户", actor="测试员")
    after = stats.collect(db)
    assert after.counts["visit"] == 0
    assert after.voided == {"employment_record": 0, "training": 0, "visit": 1}
    assert after.as_dict()["voided"] == after.voided
    assert after.counts["person"] == before.counts["person"]
