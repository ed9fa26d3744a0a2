"""交接本机 without a server: an unenrolled laptop is never "ready", unsent work is counted, and the wipe refuses
(deleting nothing) until everything is at the county and the words are typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import handover, records
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database


def test_an_unenrolled_laptop_with_work_is_not_ready_and_is_not_wiped(
    db: Database, sample_graph: object
) -> None:
    readiness = handover.check(db)
    assert not readiness.enrolled and not readiness.ready
    assert readiness.unsent_changes > 0
    assert any("还没有连接县服务器" in line for line in readiness.remaining())
    assert any("条修改还没有发送" in line for line in readiness.remaining())
    with pytest.raises(YuluError, match="不能清除"):
        handover.wipe(db, handover.WIPE_WORDS)
    assert db.path.exists()


def test_the_wipe_needs_the_words_and_removes_database_key_file_and_backups(
    db: Database, tmp_path: Path
) -> None:
    # As a laptop whose work has all reached the county: enrolled, journal acknowledged, audit sent.
    records.audit(db, actor="测试", action="export", detail="x")
    with db.write_connection() as conn:
        conn.execute(
            text("UPDATE sync_state SET server_url = 'https://county', private_key = x'00' WHERE id = 1")
        )
        journal.acknowledge(conn, 1 << 60)
        conn.execute(
            text("UPDATE sync_state SET audit_sent_id = (SELECT max(id) FROM audit_log) WHERE id = 1")
        )
    readiness = handover.check(db)
    assert readiness.ready, readiness.remaining()
    backups = tmp_path / "backups"
    backups.mkdir()
    old = backups / "自动备份_20261201-080000.yulubak"
    old.write_bytes(b"backup")
    kept = backups / "别的文件.txt"
    kept.write_text("mine")
    with pytest.raises(YuluError, match="清除本机数据"):
        handover.wipe(db, "清除")
    assert db.path.exists()
    removed = handover.wipe(db, handover.WIPE_WORDS, backups_folder=backups)
    assert db.path in removed and old in removed
    assert not db.path.exists() and not old.exists() and kept.exists()
