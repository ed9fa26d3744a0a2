"""USB sync bundles (docs/SYNC.md "USB bundles"): a laptop's bundle through the county and back converges exactly
like an online sync; importing twice changes nothing; a tampered, truncated, foreign or misaddressed file is
refused with a Chinese message and nothing applied; a revoked laptop's bundle is quarantined; the county's
browser page and both command lines."""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, text
from sync_helpers import (
    PASSPHRASE,
    VILLAGE_A,
    County,
    add_household,
    add_person,
    content_digest,
    device_records,
    pending,
    row,
    server_records,
    setup_county,
    update,
)

from yulu_desktop.cli import bundle_commands
from yulu_desktop.server import admin, bundle_keys, bundles
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import BundleImport, OrgUnit, Quarantine
from yulu_desktop.services import records
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments, bundle, local, signing
from yulu_desktop.sync.bundle import BundleError
from yulu_desktop.sync.client import SyncClient


def exchange(county: County, db: Database, tmp: Path) -> tuple[bundles.ImportResult, bundle.ImportReport]:
    """Laptop → USB → county → USB → laptop."""
    request = tmp / f"{uuid.uuid4().hex[:6]}{bundle.REQUEST_SUFFIX}"
    bundle.export_bundle(db, request)
    result = bundles.import_bundle(county.db, request.read_bytes(), imported_by="test")
    return result, bundle.import_reply(db, result.reply)


def usb_device(county: County, cadre: str = "hongyan") -> Database:
    """An enrolled laptop that received its county, township and villages by USB (its first exchange)."""
    db, _client = county.device(cadre)
    _result, report = exchange(county, db, county.tmp)
    assert report.pulled >= 3  # county, township, village
    return db


def online_device(county: County, cadre: str = "hongyan2") -> tuple[Database, SyncClient]:
    db, client = county.device(cadre)
    client.sync_once()
    return db, client


def path_of(county: County, code: str) -> str:
    with county.db.read() as session:
        return session.scalars(select(OrgUnit.path).where(OrgUnit.code == code)).one()


def device_state(db: Database) -> tuple[Any, ...]:
    """Everything a refused reply must leave alone: data, journal, cursor, notes, upload queue."""
    with db.read_connection() as conn:
        state = local.read_state(conn)
        notes = conn.execute(text("SELECT count(*) FROM sync_conflict")).scalar_one()
        queue = conn.execute(text("SELECT sha256, uploaded_at FROM blob_upload ORDER BY sha256")).all()
        acked = journal.acked_seq(conn)
    return content_digest(device_records(db)), pending(db), acked, state.pull_cursor, notes, queue


def server_state(county: County) -> tuple[Any, ...]:
    with county.db.read() as session:
        imports = session.scalar(select(func.count()).select_from(BundleImport))
    return admin.stats(county.db), admin.record_state(county.db), imports


def test_bundle_round_trip_converges_like_the_online_path(county: County, tmp_path: Path) -> None:
    """Laptop A syncs only by USB, laptop B of the same village online; concurrent edits of one field make a
    conflict. After the exchanges both laptops and the county hold exactly the same records."""
    village = county.unit_id(VILLAGE_A)
    usb = usb_device(county)
    online, client = online_device(county)
    household = add_household(usb, village)
    person = add_person(usb, household, "张坤", phone="13800000001")
    add_person(usb, household, "张小雨")

    result, report = exchange(county, usb, tmp_path)
    assert result.push.applied == 3 and result.push.acked_seq == 3 and not result.already_imported
    assert report.acknowledged == 3 and pending(usb) == 0

    client.sync_once()
    assert row(online, "person", person)["name"] == "张坤"  # type: ignore[index]
    update(online, "person", person, phone="13900000002")  # concurrent edits of one field
    update(usb, "person", person, phone="13700000003")
    add_person(online, household, "张大山")
    add_household(usb, village)
    client.sync_once()
    result, report = exchange(county, usb, tmp_path)
    assert result.push.conflicts == 1
    assert report.conflicts >= 1 and report.pulled > 0
    client.sync_once()
    exchange(county, usb, tmp_path)  # brings back what the county decided after B's last sync (nothing new)

    path = path_of(county, VILLAGE_A)
    expected = content_digest(server_records(county.db, path))
    assert content_digest(device_records(usb)) == expected
    assert content_digest(device_records(online)) == expected
    with usb.read_connection() as a, online.read_connection() as b:
        conflicts_a = a.execute(text("SELECT id FROM sync_conflict WHERE kind = 'field'")).scalars().all()
        conflicts_b = b.execute(text("SELECT id FROM sync_conflict WHERE kind = 'field'")).scalars().all()
        assert sorted(conflicts_a) == sorted(conflicts_b) and len(conflicts_a) == 1
        assert local.read_state(a).pull_cursor == local.read_state(b).pull_cursor
    # Exchanging again changes nothing anywhere.
    before = device_state(usb), admin.record_state(county.db)
    _result, report = exchange(county, usb, tmp_path)
    assert report.nothing_new
    assert (device_state(usb), admin.record_state(county.db)) == before


def test_importing_a_bundle_twice_changes_nothing_and_acknowledges_the_same(
    county: County, tmp_path: Path
) -> None:
    db = usb_device(county)
    household = add_household(db, county.unit_id(VILLAGE_A))
    add_person(db, household, "王五")
    # Outside the jurisdiction (石坪村, which this laptop should not even know): quarantined, with a note.
    other_village = county.unit_id("500229101202")
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET applying_remote = 1"))
        conn.execute(
            text(
                "INSERT INTO org_unit (id, code, name, level, parent_id) SELECT :id, :code, '石坪村', level, "
                "parent_id FROM org_unit WHERE id = :village"
            ),
            {"id": other_village, "code": "500229101202", "village": county.unit_id(VILLAGE_A)},
        )
        conn.execute(text("UPDATE device_state SET applying_remote = 0"))
    add_household(db, other_village)
    request = tmp_path / "a.yulusync"
    bundle.export_bundle(db, request)
    data = request.read_bytes()
    first = bundles.import_bundle(county.db, data)
    after_first = server_state(county)
    second = bundles.import_bundle(county.db, data)
    assert server_state(county) == after_first
    assert second.already_imported and not first.already_imported
    assert second.push.acked_seq == first.push.acked_seq == 3
    assert second.push.applied == 0 and second.push.skipped == 3
    assert [(r.seq, r.status) for r in second.push.results] == [(r.seq, r.status) for r in first.push.results]
    assert [r.status for r in first.push.results] == ["quarantined"]

    # Either reply does the same on the laptop, and the other one then changes nothing.
    report = bundle.import_reply(db, second.reply)
    assert report.quarantined == 1 and report.acknowledged == 3
    settled = device_state(db)
    again = bundle.import_reply(db, first.reply)
    assert again.nothing_new and device_state(db) == settled
    with db.read_connection() as conn:
        notes = conn.execute(
            text("SELECT count(*) FROM sync_conflict WHERE kind = 'quarantined'")
        ).scalar_one()
    assert notes == 1


def test_a_reply_imported_twice_changes_nothing(county: County, tmp_path: Path) -> None:
    db = usb_device(county)
    other, other_client = online_device(county)
    add_person(other, add_household(other, county.unit_id(VILLAGE_A)), "李四")
    other_client.sync_once()
    add_household(db, county.unit_id(VILLAGE_A))
    result, report = exchange(county, db, tmp_path)
    assert report.pulled >= 3 and not report.nothing_new
    settled = device_state(db)
    again = bundle.import_reply(db, result.reply)
    assert again.nothing_new
    assert device_state(db) == settled


def test_an_older_reply_does_not_undo_newer_data(county: County, tmp_path: Path) -> None:
    """A reply applies only changes above the laptop's cursor: an old reply found on the stick later cannot
    roll a record back to an older value."""
    db, client = online_device(county, "hongyan")
    other, other_client = online_device(county)
    person = add_person(other, add_household(other, county.unit_id(VILLAGE_A)), "李四", phone="13800000001")
    other_client.sync_once()
    old, _report = exchange(county, db, tmp_path)
    update(other, "person", person, phone="13900000009")
    other_client.sync_once()
    client.sync_once()
    assert row(db, "person", person)["phone"] == "13900000009"  # type: ignore[index]
    assert bundle.import_reply(db, old.reply).nothing_new
    assert row(db, "person", person)["phone"] == "13900000009"  # type: ignore[index]


# --- refusals: nothing applied ------------------------------------------------------------------------------


@pytest.fixture
def laptop_with_work(county: County, tmp_path: Path) -> tuple[Database, bytes]:
    db = usb_device(county)
    add_person(db, add_household(db, county.unit_id(VILLAGE_A)), "赵六")
    request = tmp_path / "work.yulusync"
    bundle.export_bundle(db, request)
    return db, request.read_bytes()


CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _refused_by_county(county: County, data: bytes) -> str:
    before = server_state(county)
    with pytest.raises(BundleError) as refused:
        bundles.import_bundle(county.db, data)
    assert server_state(county) == before
    assert CHINESE.search(refused.value.message) and "未导入" in refused.value.message
    return refused.value.message


def test_tampered_truncated_or_foreign_bundles_are_refused_by_the_county(
    county: County, laptop_with_work: tuple[Database, bytes], tmp_path: Path
) -> None:
    _db, data = laptop_with_work
    size = len(data)
    for position in sorted({0, 9, 14, 40, size // 3, size // 2, size - 70, size - 65, size - 1}):
        tampered = bytearray(data)
        tampered[position] ^= 0x01
        _refused_by_county(county, bytes(tampered))
    for length in (0, 5, 20, size // 2, size - 1):
        assert "不完整" in _refused_by_county(county, data[:length]) or length < 8
    assert "不是雨露同步文件" in _refused_by_county(county, b"PK\x03\x04" + data[4:])
    assert "不是雨露同步文件" in _refused_by_county(county, b"hello world, this is not a bundle at all")
    assert "多余" in _refused_by_county(county, data + b"\x00")

    # The same laptop's bundle at another county's server.
    other = ServerDatabase(f"sqlite:///{tmp_path / 'other-county.db'}")
    other.migrate()
    setup_county(other)
    with pytest.raises(BundleError, match="另一个县服务器"):
        bundles.import_bundle(other, data)
    assert admin.stats(other)["applied_changes"] == 0
    other.dispose()

    # A reply is not a bundle for the county.
    reply = bundles.import_bundle(county.db, data).reply
    assert "回执" in _refused_by_county(county, reply)


def test_unknown_device_is_refused(county: County, tmp_path: Path, template_database: Path) -> None:
    db, _ = county.device()
    request = tmp_path / "x.yulusync"
    bundle.export_bundle(db, request)
    with county.db.write() as session:
        session.execute(text("DELETE FROM device WHERE id = :id"), {"id": _device_id(db)})
    assert "不认识" in _refused_by_county(county, request.read_bytes())


def _device_id(db: Database) -> str:
    with db.read_connection() as conn:
        return journal.device_id(conn)


def _refused_on_laptop(db: Database, data: bytes) -> str:
    before = device_state(db)
    with pytest.raises(BundleError) as refused:
        bundle.import_reply(db, data)
    assert device_state(db) == before
    assert CHINESE.search(refused.value.message) and "未导入" in refused.value.message
    return refused.value.message


def test_tampered_truncated_misaddressed_or_foreign_replies_are_refused_on_the_laptop(
    county: County, laptop_with_work: tuple[Database, bytes]
) -> None:
    db, data = laptop_with_work
    reply = bundles.import_bundle(county.db, data).reply
    size = len(reply)
    for position in sorted({0, 12, 30, size // 4, size // 2, size - 66, size - 1}):
        tampered = bytearray(reply)
        tampered[position] ^= 0x80
        _refused_on_laptop(db, bytes(tampered))
    for length in (3, 100, size - 10):
        _refused_on_laptop(db, reply[:length])
    assert "签名" in _refused_on_laptop(db, reply[:-64] + bytes(64))

    # The laptop's own bundle is not a reply.
    assert "回执" in _refused_on_laptop(db, data)

    # A reply for another laptop of the same county (signed by the right server).
    other, _ = county.device("hongyan2")
    request = bytearray()
    path = county.tmp / "other.yulusync"
    bundle.export_bundle(other, path)
    request += path.read_bytes()
    for_other = bundles.import_bundle(county.db, bytes(request)).reply
    assert "另一台电脑" in _refused_on_laptop(db, for_other)

    # A reply made by another server (its own signing key) for this very laptop.
    with db.read_connection() as conn:
        state = local.read_state(conn)
    assert state.private_key is not None
    forged = bundle.seal(
        kind="reply",
        device_id=state.device_id,
        payload=b"{}",
        recipient_key=bundle.x25519_public(bundle.reply_private_key(state.private_key)),
        signing_key=signing.new_private_key(),
    )
    assert "不是本机所注册的县服务器" in _refused_on_laptop(db, forged)

    # The genuine reply still works afterwards.
    assert bundle.import_reply(db, reply).acknowledged == 2


def test_a_revoked_devices_bundle_is_quarantined_and_the_reply_says_so(
    county: County, laptop_with_work: tuple[Database, bytes]
) -> None:
    db, data = laptop_with_work
    admin.revoke_device(county.db, _device_id(db))
    result = bundles.import_bundle(county.db, data)
    assert result.revoked and "停用" in result.summary()
    with county.db.read() as session:
        quarantined = session.scalars(select(Quarantine)).all()
    assert len(quarantined) == 2 and admin.stats(county.db)["applied_changes"] == 0
    assert len(admin.list_quarantine(county.db)) == 2
    bundles.import_bundle(county.db, data)  # again: kept once
    assert len(admin.list_quarantine(county.db)) == 2
    with pytest.raises(bundle.DeviceRevokedByCounty, match="停用"):
        bundle.import_reply(db, result.reply)
    assert pending(db) == 2  # nothing acknowledged: the work stays on the laptop


def test_a_laptop_without_the_servers_keys_cannot_export_and_hello_brings_them(
    county: County, tmp_path: Path, template_database: Path
) -> None:
    db, client = county.device()
    with db.read_connection() as conn:
        state = local.read_state(conn)
    assert state.server_bundle_key == bundle_keys.public_keys(county.db).encryption
    assert state.server_signing_key == bundle_keys.public_keys(county.db).signing
    with db.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET server_bundle_key = '', server_signing_key = ''"))
    with pytest.raises(BundleError, match="先在有网络的地方"):
        bundle.export_bundle(db, tmp_path / "x.yulusync")
    assert not (tmp_path / "x.yulusync").exists()
    client.hello()
    bundle.export_bundle(db, tmp_path / "x.yulusync")

    fresh_path = tmp_path / "fresh.db"
    shutil.copyfile(template_database, fresh_path)
    fresh = Database.open(fresh_path, PASSPHRASE)
    try:
        with pytest.raises(BundleError, match="尚未在县服务器注册"):
            bundle.export_bundle(fresh, tmp_path / "y.yulusync")
    finally:
        fresh.close()


def test_attachments_travel_both_ways_in_bundles(county: County, tmp_path: Path) -> None:
    """A's scan goes to the county in A's bundle (confirmed in the reply); B, offline too, asks for the file
    its new attachment record names and receives it in its reply."""
    a = usb_device(county)
    b = usb_device(county, "hongyan2")
    person = add_person(a, add_household(a, county.unit_id(VILLAGE_A)), "钱七")
    scan = b"%PDF-1.4 scan of the enrollment proof " + bytes(range(256)) * 20
    sha = hashlib.sha256(scan).hexdigest()
    records.add_attachment(a, person, "学籍证明.pdf", scan, kind="enrollment_proof", actor="测试")
    with a.write_connection() as conn:
        attachments.queue_upload(conn, sha)
        assert attachments.pending_uploads(conn) == [sha]
    result, report = exchange(county, a, tmp_path)
    assert result.blobs == 1 and report.blobs_confirmed == 1
    with a.read_connection() as conn:
        assert attachments.pending_uploads(conn) == []

    exchange(county, b, tmp_path)  # the attachment record arrives; the file is asked for next time
    with b.read_connection() as conn:
        assert attachments.missing_blobs(conn) == [sha]
    _result, report = exchange(county, b, tmp_path)
    assert report.blobs_received == 1
    with b.read_connection() as conn:
        assert attachments.read_blob(conn, sha) == scan


# --- the browser page and the command lines -------------------------------------------------------------


def test_upload_page_imports_and_answers_with_the_reply_file(
    county: County, laptop_with_work: tuple[Database, bytes]
) -> None:
    from sync_helpers import LiveServer

    from yulu_desktop.server.app import create_app

    db, data = laptop_with_work
    token = "county-admin-token-0123456789"
    # The page needs the county admin's token (tests/sync/test_bundle_upload_limits.py checks the refusals).
    app = create_app(db=county.db, migrate=False, admin_token=token)
    with LiveServer(app) as url, httpx.Client(auth=("admin", token), timeout=60) as http:
        _upload_page_checks(url, http, county, db, data)


def _upload_page_checks(url: str, http: httpx.Client, county: County, db: Database, data: bytes) -> None:
    page = http.get(f"{url}/bundles")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert 'enctype="multipart/form-data"' in page.text and "导入U盘同步文件" in page.text

    answer = http.post(
        f"{url}/bundles", files={"bundle": ("雨露同步.yulusync", data, "application/octet-stream")}
    )
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/octet-stream"
    assert "attachment" in answer.headers["content-disposition"]
    assert bundle.import_reply(db, answer.content).acknowledged == 2
    with county.db.read() as session:
        assert "网页上传" in session.scalars(select(BundleImport.imported_by)).all()

    garbage = http.post(f"{url}/bundles", files={"bundle": ("x.yulusync", b"garbage" * 50, "text/plain")})
    assert garbage.status_code == 400 and "text/html" in garbage.headers["content-type"]
    assert "不是雨露同步文件" in garbage.text
    empty = http.post(f"{url}/bundles", data={"nothing": "here"})
    assert empty.status_code == 400 and "请先选择" in empty.text
    for body, headers in [
        (b"", {}),
        (b"{}", {"Content-Type": "application/json"}),
        (b"--x\r\nbroken", {"Content-Type": "multipart/form-data; boundary=x"}),
        (data[:100], {"Content-Type": "multipart/form-data"}),
        (bytes(range(256)) * 4, {"Content-Type": "application/octet-stream"}),
    ]:
        odd = http.post(f"{url}/bundles", content=body, headers=headers)
        assert 400 <= odd.status_code < 500 and "text/html" in odd.headers["content-type"], odd.text
    truncated = http.post(
        f"{url}/bundles",
        files={"bundle": ("x.yulusync", data[: len(data) // 2], "application/octet-stream")},
    )
    assert truncated.status_code == 400 and "不完整" in truncated.text


def _yulu(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="yulu")
    parser.add_argument("--db")
    bundle_commands.add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args))


def test_command_lines_export_import_bundle_and_import_reply(
    county: County, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from yulu_desktop.cli import main as yulu_main

    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
    db = usb_device(county)
    add_household(db, county.unit_id(VILLAGE_A))
    device = str(db.path)
    request, reply = tmp_path / "usb.yulusync", tmp_path / "usb.yulureply"
    assert yulu_main.main(["--db", device, "bundle", "export", "-o", str(request), "--quiet"]) == 0
    assert "已导出U盘同步文件" in capsys.readouterr().out

    url = county.db.url
    assert (
        server_cli.main(["--database-url", url, "admin", "import-bundle", str(request), "-o", str(reply)])
        == 0
    )
    out = capsys.readouterr().out
    assert "1 条修改" in out and "回执已保存到" in out and reply.exists()
    # Default reply name: beside the bundle.
    assert server_cli.main(["--database-url", url, "admin", "import-bundle", str(request)]) == 0
    assert "以前导入过" in capsys.readouterr().out
    assert list(tmp_path.glob(f"雨露回执_*{bundle.REPLY_SUFFIX}"))

    assert _yulu(["--db", device, "bundle", "import", str(reply), "--quiet"]) == 0
    assert "县里确认收到 1 条修改" in capsys.readouterr().out
    assert _yulu(["--db", device, "bundle", "import", str(reply), "--quiet"]) == 0
    assert "以前已经导入过" in capsys.readouterr().out

    garbage = tmp_path / "garbage.yulureply"
    garbage.write_bytes(b"not a reply")
    assert yulu_main.main(["--db", device, "bundle", "import", str(garbage)]) == 1
    assert "不是雨露同步文件" in capsys.readouterr().err
    assert server_cli.main(["--database-url", url, "admin", "import-bundle", str(garbage)]) == 1
    assert "不是雨露同步文件" in capsys.readouterr().err
    assert yulu_main.main(["--db", device, "bundle", "import", str(tmp_path / "missing")]) == 1
    assert "找不到文件" in capsys.readouterr().err
