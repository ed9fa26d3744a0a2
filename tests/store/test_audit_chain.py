"""The audit log is a hash chain: only ``store.audit.append`` can add to it, and ``yulu check`` names the first
broken link when someone with the passphrase drops the triggers and deletes or edits entries."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from yulu_desktop.cli.main import main
from yulu_desktop.domain.entities import AuditEntry
from yulu_desktop.services import check as check_service
from yulu_desktop.services import records
from yulu_desktop.store import audit, journal, migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"


def _append(db: Database, n: int, *, actor: str = "李明") -> list[audit.ChainEntry]:
    made = []
    with db.write_connection() as conn:
        for i in range(n):
            made.append(audit.append(conn, actor=actor, action="print", entity="person", detail=f"第{i}份"))
    return made


def _drop_guards(db: Database) -> None:
    """What a person with the passphrase and the ``sqlite3`` shell can do."""
    with db.write_connection() as conn:
        for name in audit.GUARD_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")


def _verify(db: Database) -> audit.ChainProblem | None:
    with db.read_connection() as conn:
        return audit.verify(conn)


def test_entries_are_chained_in_order(db: Database) -> None:
    made = _append(db, 3)
    assert [e.id for e in made] == [1, 2, 3]
    assert made[0].prev_hash == audit.GENESIS
    assert [e.prev_hash for e in made[1:]] == [e.entry_hash for e in made[:-1]]
    with db.read_connection() as conn:
        stored = audit.entries(conn)
    assert stored == made
    assert all(e.computed_hash() == e.entry_hash and len(e.entry_hash) == 64 for e in stored)
    assert _verify(db) is None


def test_the_hash_covers_every_field() -> None:
    base = {
        "prev_hash": "a" * 64,
        "id": 7,
        "at": "2026-12-05 13:00:00.000000",
        "actor": "李明",
        "action": "print",
        "entity": "person",
        "entity_id": "p1",
        "detail": "一人一档",
    }
    digest = audit.compute_hash(**base)  # type: ignore[arg-type]
    for name, other in [
        ("prev_hash", "b" * 64),
        ("id", 8),
        ("at", "2026-12-05 13:00:00.000001"),
        ("actor", "李明 "),
        ("action", "export"),
        ("entity", "household"),
        ("entity_id", "p2"),
        ("detail", "一人一档。"),
    ]:
        assert audit.compute_hash(**{**base, name: other}) != digest, name  # type: ignore[arg-type]
    # Fields cannot be shifted into each other (the encoding keeps them apart).
    shifted = {**base, "entity": "person", "entity_id": "", "detail": "p1一人一档"}
    assert audit.compute_hash(**shifted) != digest  # type: ignore[arg-type]


def test_record_audit_goes_through_the_chain(db: Database) -> None:
    records.audit(
        db, actor="李明", action="view_unmasked", entity="person", entity_id="p1", detail="身份证号"
    )
    with db.write() as session:
        records.record_audit(session, actor="王芳", action="export", entity="person")
    with db.read_connection() as conn:
        first, second = audit.entries(conn)
    assert (first.actor, first.action, second.actor, second.prev_hash) == (
        "李明",
        "view_unmasked",
        "王芳",
        first.entry_hash,
    )
    assert _verify(db) is None
    with db.read() as session:  # the ORM still reads the entries
        assert [e.actor for e in session.query(AuditEntry).order_by(AuditEntry.id)] == ["李明", "王芳"]


@pytest.mark.parametrize(
    "statement",
    [
        # a plain insert, as before the chain (auto id, no hashes)
        "INSERT INTO audit_log (at, actor, action) VALUES ('2026-01-01', '某人', 'print')",
        # the next id, but not continuing the chain
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, entry_hash) "
        f"VALUES (3, '2026-01-01', '某人', 'print', '', '{'0' * 64}')",
        # the right prev_hash, but no hash of its own
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, entry_hash) "
        "VALUES (3, '2026-01-01', '某人', 'print', (SELECT entry_hash FROM audit_log WHERE id = 2), '')",
        # the right prev_hash, but an id that leaves a gap
        "INSERT INTO audit_log (id, at, actor, action, prev_hash, entry_hash) "
        f"VALUES (5, '2026-01-01', '某人', 'print', (SELECT entry_hash FROM audit_log WHERE id = 2), '{'0' * 64}')",
    ],
)
def test_an_insert_that_bypasses_the_chain_is_refused(db: Database, statement: str) -> None:
    _append(db, 2)
    with pytest.raises(IntegrityError, match="哈希链不连续"), db.write_connection() as conn:
        conn.exec_driver_sql(statement)
    with db.read_connection() as conn:
        assert audit.newest_id(conn) == 2


def test_an_orm_insert_is_refused(db: Database) -> None:
    with pytest.raises(IntegrityError, match="哈希链不连续"), db.write() as session:
        session.add(AuditEntry(at=datetime.now(UTC).replace(tzinfo=None), actor="某人", action="print"))


def test_updates_and_deletes_stay_refused(db: Database) -> None:
    _append(db, 2)
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log WHERE id = 2"):
        with pytest.raises(IntegrityError, match="审计日志只能追加"), db.write_connection() as conn:
            conn.execute(text(statement))


# --- tampering with the triggers dropped: check names the first broken link -------------------------------


def test_a_deleted_entry_is_a_gap(db: Database) -> None:
    _append(db, 5)
    _drop_guards(db)
    with db.write_connection() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id = 3")
    problem = _verify(db)
    assert problem is not None and (problem.entry_id, problem.kind) == (4, "gap")
    assert "第 3 条不见了" in problem.text()


def test_the_first_entry_deleted_is_a_gap(db: Database) -> None:
    _append(db, 3)
    _drop_guards(db)
    with db.write_connection() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id <= 2")
    problem = _verify(db)
    assert problem is not None and (problem.entry_id, problem.kind) == (3, "gap")
    assert "第 1–2 条不见了" in problem.message


def test_an_edited_entry_does_not_match_its_hash(db: Database) -> None:
    made = _append(db, 4)
    _drop_guards(db)
    with db.write_connection() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET action = 'export', detail = '' WHERE id = 2")
    problem = _verify(db)
    assert problem is not None and (problem.entry_id, problem.kind, problem.at) == (2, "hash", made[1].at)
    assert "被改动过" in problem.text()


def test_an_edited_entry_with_its_hash_recomputed_breaks_the_next_link(db: Database) -> None:
    made = _append(db, 4)
    _drop_guards(db)
    forged = audit.compute_hash(
        prev_hash=made[1].prev_hash,
        id=2,
        at=made[1].at,
        actor="别人",
        action="print",
        entity="person",
        entity_id="",
        detail="第1份",
    )
    with db.write_connection() as conn:
        conn.execute(text("UPDATE audit_log SET actor = '别人', entry_hash = :h WHERE id = 2"), {"h": forged})
    problem = _verify(db)
    assert problem is not None and (problem.entry_id, problem.kind) == (3, "prev_hash")
    assert "第 2 条不符" in problem.message


def test_an_entry_without_a_hash_is_reported(db: Database) -> None:
    _append(db, 2)
    _drop_guards(db)
    with db.write_connection() as conn:
        conn.exec_driver_sql(
            "INSERT INTO audit_log (id, at, actor, action) VALUES (3, '2026-01-01', 'x', 'print')"
        )
    problem = _verify(db)
    assert problem is not None and (problem.entry_id, problem.kind) == (3, "unhashed")


def test_entries_cut_off_the_end_are_reported_against_what_the_county_holds(db: Database) -> None:
    _append(db, 5)
    _drop_guards(db)
    with db.write_connection() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id > 3")
        conn.exec_driver_sql("UPDATE sync_state SET audit_sent_id = 5 WHERE id = 1")
    report = check_service.check(db)
    assert report.audit_problem is not None and report.audit_problem.kind == "truncated"
    assert "县服务器已保存到第 5 条，本机只剩到第 3 条" in report.audit_problem.text()
    assert not report.ok


def test_check_reports_dropped_guards_and_the_broken_link(db: Database) -> None:
    _append(db, 3)
    assert check_service.check(db).ok
    _drop_guards(db)
    with db.write_connection() as conn:
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id = 2")
    report = check_service.check(db)
    assert not report.ok
    assert set(report.missing_audit_guards) == set(audit.GUARD_TRIGGERS)
    assert report.audit_problem is not None and report.audit_problem.entry_id == 3
    # `yulu init` (the triggers reinstalled) brings the guards back; the broken link stays reported.
    with db.write_connection() as conn:
        journal.install_triggers(conn)
    report = check_service.check(db)
    assert report.missing_audit_guards == [] and report.audit_problem is not None


def test_yulu_check_names_the_broken_entry(
    db_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    with Database.open(db_path, PASSPHRASE) as db:
        _append(db, 4)
    assert main(["--db", str(db_path), "check"]) == 0
    assert "0 个错误" in capsys.readouterr().out
    with Database.open(db_path, PASSPHRASE) as db:
        _drop_guards(db)
        with db.write_connection() as conn:
            conn.exec_driver_sql("DELETE FROM audit_log WHERE id = 2")
            journal.install_triggers(conn)  # even with the triggers put back afterwards
    assert main(["--db", str(db_path), "check"]) == 1
    out = capsys.readouterr().out
    assert "审计日志第 3 条" in out and "第 2 条不见了" in out and "1 个错误" in out


# --- entries written before the chain existed (migration 0005) -----------------------------------------


def test_entries_from_before_the_chain_are_chained_once_at_upgrade(
    template_database: Path, tmp_path: Path
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(template_database, path)
    with Database.open(path, PASSPHRASE) as db:
        migrate.downgrade(db, "0004")
        with db.write_connection() as conn:  # as the last release wrote them
            for actor in ("甲", "乙", "丙"):
                conn.execute(
                    text(
                        "INSERT INTO audit_log (at, actor, action) VALUES ('2025-06-01 08:00:00.000000', :a, 'print')"
                    ),
                    {"a": actor},
                )
        migrate.upgrade(db)
        with db.read_connection() as conn:
            chained = audit.entries(conn)
            assert [e.actor for e in chained] == ["甲", "乙", "丙"]
            assert chained[0].prev_hash == audit.GENESIS and audit.verify(conn) is None
            assert audit.missing_guards(conn) == []
        new = _append(db, 1)[0]
        assert new.prev_hash == chained[-1].entry_hash
        # Reinstalling the triggers later never re-chains (that would hide an edit).
        _drop_guards(db)
        with db.write_connection() as conn:
            conn.exec_driver_sql("UPDATE audit_log SET actor = '丁' WHERE id = 2")
            journal.install_triggers(conn)
        assert _verify(db) == audit.ChainProblem(
            2, chained[1].at, "hash", "内容与其哈希值不符（这条审计记录被改动过）"
        )
