"""The laptop's hash-chained audit log reaches the county after each sync, signed by the device, and is kept
there append-only; a log rewritten or cut on the laptop shows at the county as a fork or a gap of that device.
Against a real loopback server, SQLite and PostgreSQL (the ``county`` fixture)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError
from sync_helpers import County

from yulu_desktop.server import audit as server_audit
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server import service
from yulu_desktop.server.models import AuditEntry, Device
from yulu_desktop.services import check as check_service
from yulu_desktop.services import records
from yulu_desktop.store import audit
from yulu_desktop.store.database import Database
from yulu_desktop.sync import audit_upload, local, signing
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncError


def _print(db: Database, n: int, *, actor: str = "张书记") -> None:
    for i in range(n):
        records.audit(
            db, actor=actor, action="print", entity="person", entity_id=f"p{i}", detail=f"一人一档 {i}"
        )


def _held(county: County, device_id: str) -> list[AuditEntry]:
    with county.db.read() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.device_id == device_id).order_by(AuditEntry.id)
            )
        )


def _device_id(db: Database) -> str:
    with db.read_connection() as conn:
        return local.read_state(conn).device_id


def _sent_id(db: Database) -> int:
    with db.read_connection() as conn:
        return audit_upload.sent_id(conn)


def _rewrite(db: Database, from_id: int, **changes: str) -> None:
    """What someone with the passphrase can do: drop the guards, change entry ``from_id`` and recompute the
    hashes after it, so that the laptop's own chain is consistent again."""
    with db.write_connection() as conn:
        for name in audit.GUARD_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        entries = audit.entries(conn)
        prev = entries[from_id - 2].entry_hash if from_id > 1 else audit.GENESIS
        for entry in entries[from_id - 1 :]:
            fields = {
                "actor": entry.actor,
                "action": entry.action,
                "entity": entry.entity,
                "entity_id": entry.entity_id,
                "detail": entry.detail,
                **(changes if entry.id == from_id else {}),
            }
            digest = audit.compute_hash(prev_hash=prev, id=entry.id, at=entry.at, **fields)
            conn.execute(
                text(
                    "UPDATE audit_log SET actor = :actor, action = :action, entity = :entity, "
                    "entity_id = :entity_id, detail = :detail, prev_hash = :prev, entry_hash = :hash WHERE id = :id"
                ),
                {**fields, "prev": prev, "hash": digest, "id": entry.id},
            )
            prev = digest


def test_audit_entries_reach_the_county_signed_by_the_device(county: County) -> None:
    db, client = county.device("hongyan")
    _print(db, 3)
    report = client.sync_once()
    assert report.complete and report.audit_sent == 3
    device_id = _device_id(db)
    held = _held(county, device_id)
    with db.read_connection() as conn:
        local_entries = audit.entries(conn)
    assert [(e.entry_id, e.entry_hash, e.prev_hash, e.detail, e.flag) for e in held] == [
        (e.id, e.entry_hash, e.prev_hash, e.detail, "") for e in local_entries
    ]
    assert _sent_id(db) == 3
    # The batch's last entry carries the device's signature over its hash (the chain up to it).
    with county.db.read() as session:
        device = session.get(Device, device_id)
        assert device is not None
        public_key = signing.unb64(device.public_key)
    assert [bool(e.signature) for e in held] == [False, False, True]
    assert signing.verify(
        public_key, p.audit_batch_message(device_id, 3, held[-1].entry_hash), held[-1].signature
    )
    # Nothing new: nothing sent. New entries: only they are sent.
    assert client.sync_once().audit_sent == 0
    _print(db, 2)
    assert client.sync_once().audit_sent == 2
    assert [e.entry_id for e in _held(county, device_id)] == [1, 2, 3, 4, 5]
    assert all(e.flag == "" for e in _held(county, device_id))


def test_entries_go_in_batches_and_a_resent_batch_changes_nothing(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    _print(db, 5)
    requests: list[p.AuditUploadRequest] = []

    def send(request: p.AuditUploadRequest) -> p.AuditUploadResponse:
        requests.append(request)
        return client._post_signed("/v1/audit", request, p.AuditUploadResponse)

    result = audit_upload.upload(db, send, batch=2)
    assert (result.batches, result.sent, result.stored, result.county_last_id) == (3, 5, 5, 5)
    assert [len(r.entries) for r in requests] == [2, 2, 1]
    # The same request again (an answer lost on the way), and the whole log again (the mark lost): no change.
    again = send(requests[1])
    assert (again.stored, again.duplicates, again.last_id, again.flags) == (0, 2, 5, [])
    with db.write_connection() as conn:
        conn.exec_driver_sql("UPDATE sync_state SET audit_sent_id = 0")
    report = client.sync_once()
    assert report.audit_sent == 5 and not report.problems
    held = _held(county, _device_id(db))
    assert [e.entry_id for e in held] == [1, 2, 3, 4, 5] and all(e.flag == "" for e in held)
    assert _sent_id(db) == 5


def test_a_rewritten_log_is_flagged_as_a_fork_at_the_county(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    db, client = county.device("hongyan")
    _print(db, 4)
    client.sync_once()
    # Entry 2 (already at the county) is rewritten and the chain recomputed: the laptop's own check cannot
    # tell, which is why the county keeps a copy.
    _rewrite(db, 2, actor="别人", detail="什么也没打印")
    assert check_service.check(db).audit_problem is None
    _print(db, 1)
    report = client.sync_once()
    assert report.audit_sent == 1
    held = _held(county, _device_id(db))
    assert [(e.entry_id, e.flag) for e in held] == [(1, ""), (2, ""), (3, ""), (4, ""), (5, "fork")]
    assert held[1].actor == "张书记"  # the county still has what the laptop first recorded
    assert "第 4 条衔接不上" in held[-1].flag_note
    (summary,) = server_audit.summary(county.db, device=_device_id(db)[:8])
    assert (summary.entries, summary.last_id, [(f.kind, f.entry_id) for f in summary.flags]) == (
        5,
        5,
        [("fork", 5)],
    )
    assert server_cli.main(["--database-url", county.db.url, "admin", "audit", "--flags"]) == 1
    out = capsys.readouterr().out
    assert "县里保存 5 条审计记录" in out and "分叉 第 5 条" in out and "张书记" in out


def test_an_old_log_rewritten_from_the_start_is_a_fork_at_its_first_new_entry(county: County) -> None:
    """The log wiped and started again (ids reused): the county holds those ids with other hashes."""
    db, client = county.device("hongyan")
    _print(db, 3)
    client.sync_once()
    with db.write_connection() as conn:
        for name in audit.GUARD_TRIGGERS:
            conn.exec_driver_sql(f"DROP TRIGGER {name}")
        conn.exec_driver_sql("DELETE FROM audit_log")
        conn.exec_driver_sql("UPDATE sync_state SET audit_sent_id = 0")
        for i in range(2):
            audit.append(conn, actor="别人", action="export", detail=f"{i}")
    client.sync_once()
    held = _held(county, _device_id(db))
    assert [(e.entry_id, e.flag) for e in held] == [(1, ""), (2, ""), (3, ""), (1, "fork"), (2, "")]
    assert "县里已有第 1 条" in held[3].flag_note


def test_entries_deleted_before_they_were_sent_are_a_gap_at_the_county(county: County) -> None:
    db, client = county.device("hongyan")
    _print(db, 2)
    client.sync_once()
    _print(db, 3)
    with db.write_connection() as conn:
        conn.exec_driver_sql("DROP TRIGGER yulu_journal_audit_no_delete")
        conn.exec_driver_sql("DELETE FROM audit_log WHERE id IN (3, 4)")
    assert check_service.check(db).audit_problem is not None  # the laptop's check sees it too
    report = client.sync_once()
    assert report.audit_sent == 1 and not report.problems
    held = _held(county, _device_id(db))
    assert [(e.entry_id, e.flag) for e in held] == [(1, ""), (2, ""), (5, "gap")]
    assert "第 3–4 条" in held[-1].flag_note


def test_an_entry_edited_before_it_was_sent_does_not_match_its_hash(county: County) -> None:
    db, client = county.device("hongyan")
    _print(db, 2)
    with db.write_connection() as conn:
        conn.exec_driver_sql("DROP TRIGGER yulu_journal_audit_no_update")
        conn.exec_driver_sql("UPDATE audit_log SET detail = '改过' WHERE id = 2")
    client.sync_once()
    assert [(e.entry_id, e.flag) for e in _held(county, _device_id(db))] == [(1, ""), (2, "hash")]


def test_a_batch_without_the_device_signature_is_refused(county: County) -> None:
    db, client = county.device("hongyan")
    _print(db, 2)
    with db.read_connection() as conn:
        entries = audit.entries(conn)
    forged = audit_upload.build_request(_device_id(db), signing.new_private_key(), entries)
    with pytest.raises(SyncError, match="设备签名不正确"):
        client._post_signed("/v1/audit", forged, p.AuditUploadResponse)
    assert _held(county, _device_id(db)) == []
    # Entries out of order are refused too.
    with db.read_connection() as conn:
        state = local.read_state(conn)
    assert state.private_key is not None
    backwards = audit_upload.build_request(state.device_id, state.private_key, entries[::-1])
    with pytest.raises(SyncError, match="从小到大"):
        client._post_signed("/v1/audit", backwards, p.AuditUploadResponse)


def test_a_server_of_protocol_3_gets_no_upload_and_the_sync_works(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_hello = service.hello

    def old_hello(*args: Any) -> p.HelloResponse:
        return real_hello(*args).model_copy(update={"protocol_version": 3})

    monkeypatch.setattr(service, "hello", old_hello)
    db, client = county.device("hongyan")
    _print(db, 2)
    report = client.sync_once()
    assert report.complete and not report.problems and report.audit_sent == 0
    assert client.protocol_version == 3
    assert _held(county, _device_id(db)) == [] and _sent_id(db) == 0


def test_a_refused_upload_is_reported_and_the_sync_goes_on(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: Any) -> p.AuditUploadResponse:
        raise service.ApiError(409, "busy", "县服务器忙")

    monkeypatch.setattr(server_audit, "upload", refuse)
    db, client = county.device("hongyan")
    _print(db, 2)
    report = client.sync_once()
    assert report.complete and report.audit_sent == 0
    assert report.problems == ["审计日志暂时无法发送到县服务器：县服务器忙"]
    assert _sent_id(db) == 0
    monkeypatch.undo()
    assert client.sync_once().audit_sent == 2


def test_the_county_copy_is_append_only(county: County) -> None:
    db, client = county.device("hongyan")
    _print(db, 1)
    client.sync_once()
    for statement in ("UPDATE audit_entry SET actor = 'x'", "DELETE FROM audit_entry"):
        with pytest.raises(DBAPIError, match="只能追加"), county.db.write() as session:
            session.execute(text(statement))
    assert len(_held(county, _device_id(db))) == 1


def test_admin_audit_lists_devices_with_no_flags(county: County, capsys: pytest.CaptureFixture[str]) -> None:
    db, client = county.device("hongyan")
    other, other_client = county.device("shiping")
    _print(db, 2)
    _print(other, 1, actor="王书记")
    client.sync_once()
    other_client.sync_once()
    assert server_cli.main(["--database-url", county.db.url, "admin", "audit"]) == 0
    out = capsys.readouterr().out
    assert out.count("审计链完整") == 2 and "县里保存 2 条" in out and "县里保存 1 条" in out
    assert server_cli.main(["--database-url", county.db.url, "admin", "audit", "--flags"]) == 0
    assert "没有发现缺失或分叉" in capsys.readouterr().out
    device = _device_id(other)
    assert (
        server_cli.main(["--database-url", county.db.url, "admin", "audit", "--device", device, "--json"])
        == 0
    )
    (listed,) = json.loads(capsys.readouterr().out)
    assert (listed["device_id"], listed["entries"], listed["flags"]) == (device, 1, [])


def test_a_usb_bundle_carries_the_audit_entries(county: County, tmp_path: Path) -> None:
    from yulu_desktop.server import bundles
    from yulu_desktop.sync import bundle

    db, client = county.device("hongyan")
    client.sync_once()  # the server's bundle keys
    _print(db, 3)
    request = tmp_path / "request.yulusync"
    bundle.export_bundle(db, request)
    assert _sent_id(db) == 0  # nothing marked until the county's reply
    data = request.read_bytes()
    first = bundles.import_bundle(county.db, data)
    again = bundles.import_bundle(county.db, data)  # imported twice: nothing more stored
    held = _held(county, _device_id(db))
    assert [(e.entry_id, e.flag) for e in held] == [(1, ""), (2, ""), (3, "")]
    bundle.import_reply(db, again.reply)
    assert _sent_id(db) == 3
    bundle.import_reply(db, first.reply)  # an older reply never moves the mark back
    assert _sent_id(db) == 3
    assert client.sync_once().audit_sent == 0
