"""Sensitive fields encrypted at rest on the county server (issue 14): a copy of the server's disk holds no clear
ID number, phone or account; laptops still receive clear values and converge; duplicate ID numbers are still
found (keyed hash); conflicts on an encrypted field show both values; ``admin rotate-key`` re-encrypts
everything and resumes when interrupted; migration s0007 encrypts a database of the last release; a missing key
file with encrypted rows stops the start."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sync_helpers import (
    VILLAGE_A,
    VILLAGE_B,
    County,
    LiveServer,
    add_household,
    add_person,
    content_digest,
    device_records,
    pending,
    row,
    update,
)

from yulu_desktop.domain import masking
from yulu_desktop.server import admin, fieldcrypt, rekey
from yulu_desktop.server import db as server_db
from yulu_desktop.server.app import create_app
from yulu_desktop.server.cli import main as server_main
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import DuplicateReview, Record
from yulu_desktop.services.demo import generate_demo
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts

TABLES = ("record", "change_log", "conflict", "quarantine", "duplicate_review", "applied_change")


def _raw(db: ServerDatabase, *, files: bool = True) -> str:
    """What a copy of the server's disk shows: every row of the data tables as text, and on SQLite the bytes
    of the database file and its write-ahead log."""
    parts: list[str] = []
    with db.engine.connect() as conn:
        for name in TABLES:
            parts += [repr(tuple(r)) for r in conn.exec_driver_sql(f"SELECT * FROM {name}")]
    url = db.engine.url
    if files and url.get_backend_name() == "sqlite" and url.database:
        for suffix in ("", "-wal"):
            path = Path(url.database + suffix)
            if path.exists():
                parts.append(path.read_bytes().decode("utf-8", errors="ignore"))
    return "\n".join(parts)


def _secrets(db: Database) -> list[str]:
    """The clear sensitive values a laptop holds (ID numbers, phones, accounts)."""
    wanted = {
        "person": ("id_number", "phone"),
        "household": ("contact_phone", "payee_account"),
        "subsidy_application": ("payee_account",),
    }
    found: list[str] = []
    with db.read_connection() as conn:
        for table, fields in wanted.items():
            for name in fields:
                found += [
                    str(v)
                    for (v,) in conn.execute(text(f'SELECT "{name}" FROM "{table}"'))
                    if v not in (None, "") and len(str(v)) >= 7
                ]
    return found


def _shared(db: Database) -> Any:
    """The laptop's shared records, without the subsidy cycle's: the demo writes the county's standards and
    applications already approved or paid, which the county holds back from a village laptop (county-owned, or
    a step only the county takes: ``server.subsidy_guard``), so other laptops do not have them, encrypted or not."""
    from yulu_desktop.store.schema import SHARED_TABLES

    return device_records(db, [name for name in SHARED_TABLES if not name.startswith("subsidy_")])


def _sync_all(client: Any, db: Database) -> None:
    for _ in range(5):
        client.sync_once()
        if pending(db) == 0:
            return
    raise AssertionError("journal not emptied")


def _demo_village(county: County, households: int = 12) -> tuple[Database, Any]:
    db, client = county.device("hongyan")
    client.sync_once()
    generate_demo(db, households=households, seed=7)
    _sync_all(client, db)
    return db, client


def test_a_disk_copy_holds_no_clear_sensitive_value_and_laptops_receive_them_clear(county: County) -> None:
    db_a, _client_a = _demo_village(county)
    values = _secrets(db_a)
    assert len(values) > 40  # ID numbers, phones and accounts of a dozen demo households
    raw = _raw(county.db)
    assert "enc:v1:" in raw
    leaked = [v for v in values if v in raw]
    assert leaked == []
    # The ID number index is a keyed hash.
    with county.db.read() as session:
        keys = session.scalars(select(Record.unique_key).where(Record.unique_key.is_not(None))).all()
    assert keys and all(k.startswith(fieldcrypt.HASH_TAG) for k in keys)
    # A new laptop of the village receives every value in clear and holds what the first one holds.
    db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    assert sorted(_secrets(db_b)) == sorted(values)
    assert content_digest(_shared(db_b)) == content_digest(_shared(db_a))
    # The county's own view of the records (admin, tests) is clear too.
    people = {k: v for k, v in admin.record_state(county.db).items() if k[0] == "person" and v}
    assert {str(v["id_number"]) for v in people.values()} <= set(values)


def test_the_same_id_number_is_still_found_through_its_keyed_hash(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("shiping")
    client_a.sync_once()
    client_b.sync_once()
    number = "500229200703150012"
    first = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "张坤", id_number=number)
    second = add_person(db_b, add_household(db_b, county.unit_id(VILLAGE_B)), "张坤", id_number=number)
    client_a.sync_once()
    assert client_b.sync_once().quarantined == 1
    state = admin.record_state(county.db)
    assert state[("person", first)]["id_number"] == number  # type: ignore[index]
    assert ("person", second) not in state
    with county.db.read() as session:
        (review,) = session.scalars(select(DuplicateReview)).all()
        assert review.value == county.db.cipher.hash_value("person", "id_number", number)
        assert review.entry.startswith(fieldcrypt.TAG)
    (listed,) = admin.list_duplicates(county.db)
    assert listed["value"] == masking.mask_id_number(number)
    assert listed["incoming"]["changes"]["id_number"][1] == number
    assert listed["existing"]["id_number"] == number
    assert number not in _raw(county.db)


def test_a_conflict_on_an_encrypted_field_shows_both_values_to_the_laptops(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    person = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "张坤", phone="13800138000")
    client_a.sync_once()
    client_b.sync_once()
    update(db_a, "person", person, phone="13911111111")
    time.sleep(0.005)
    update(db_b, "person", person, phone="13922222222")
    for client in (client_a, client_b, client_a, client_b):
        client.sync_once()
    for db in (db_a, db_b):
        assert row(db, "person", person)["phone"] == "13922222222"  # type: ignore[index]
        assert [(c.field, c.winner_value, c.loser_value) for c in conflicts.list_conflicts(db)] == [
            ("phone", "13922222222", "13911111111")
        ]
    (conflict,) = admin.list_conflicts(county.db)
    assert (conflict["winner_value"], conflict["loser_value"]) == ("13922222222", "13911111111")
    raw = _raw(county.db)
    assert "13911111111" not in raw and "13922222222" not in raw and "13800138000" not in raw


def test_a_value_that_looks_sealed_is_sealed_like_any_other(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    client_a.sync_once()
    forged = "enc:v1:k00000000:AAAA"
    person = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "张坤", phone=forged)
    client_a.sync_once()
    db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    assert row(db_b, "person", person)["phone"] == forged  # type: ignore[index]


def _key_ids(raw: str) -> set[str]:
    import re

    return set(re.findall(r"enc:v1:([A-Za-z0-9_-]+):", raw))


def test_rotation_re_encrypts_every_row_and_an_interrupted_one_resumes(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    db_a, client_a = _demo_village(county, households=6)
    # A conflict, a held entry and a duplicate, so that every table with sealed values has rows.
    number = "500229200703150012"
    add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "李四", id_number=number)
    _sync_all(client_a, db_a)
    db_b, client_b = county.device("shiping")
    client_b.sync_once()
    add_person(db_b, add_household(db_b, county.unit_id(VILLAGE_B)), "李四", id_number=number)
    client_b.sync_once()
    path = county.db.data_key_file
    old = county.db.cipher.current
    assert _key_ids(_raw(county.db, files=False)) == {old}

    monkeypatch.setattr(rekey, "BATCH_ROWS", 7)
    real = rekey.convert_batch
    calls = {"n": 0}

    def crash_after_some(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] > 5:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(rekey, "convert_batch", crash_after_some)
    with pytest.raises(RuntimeError, match="power cut"):
        admin.rotate_data_key(county.db)
    ring = fieldcrypt.read_keyring(path)
    assert ring is not None and ring.current != old and set(ring.keys) == {old, ring.current}
    assert _key_ids(_raw(county.db, files=False)) == {old, ring.current}  # half done, both keys kept
    # Meanwhile the server serves and takes work as usual: rows under either key open.
    db_c, client_c = county.device("hongyan2")
    client_c.sync_once()
    assert content_digest(_shared(db_c)) == content_digest(_shared(db_a))

    monkeypatch.setattr(rekey, "convert_batch", real)
    assert server_main(["--database-url", county.db.url, "admin", "rotate-key"]) == 0
    done = fieldcrypt.read_keyring(path)
    assert done is not None and set(done.keys) == {ring.current}  # the old key is gone only now
    assert _key_ids(_raw(county.db, files=False)) == {ring.current}
    assert done.hash_key == ring.hash_key  # ID-number hashes stay valid
    assert path.stat().st_mode & 0o777 == 0o600
    # Another process (a fresh server) opens everything with the rotated file alone.
    fresh = ServerDatabase(county.db.url)
    try:
        state = admin.record_state(fresh)
        assert any(v and v.get("id_number") == number for v in state.values())
        (listed,) = admin.list_duplicates(fresh)
        assert listed["value"] == masking.mask_id_number(number)
    finally:
        fresh.dispose()
    db_d, client_d = county.device("hongyan2")
    client_d.sync_once()
    assert content_digest(_shared(db_d)) == content_digest(_shared(db_a))


def test_a_missing_key_file_with_encrypted_rows_refuses_to_start(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    _demo_village(county, households=2)
    path = county.db.data_key_file
    path.rename(path.with_name("moved-away.json"))
    fresh = ServerDatabase(county.db.url)
    try:
        with pytest.raises(fieldcrypt.DataKeyError, match="找不到数据密钥文件"):
            create_app(db=fresh)
        assert not path.exists()  # no new key was made that would open nothing
    finally:
        fresh.dispose()
    assert server_main(["--database-url", county.db.url, "admin", "rotate-key"]) == 1
    assert "找不到数据密钥文件" in capsys.readouterr().err


def test_an_empty_server_makes_its_key_file_private(server_url: str) -> None:
    database = ServerDatabase(server_url)
    try:
        create_app(db=database)
        path = database.data_key_file
        assert path.stat().st_mode & 0o777 == 0o600
        assert path != Path(str(fieldcrypt.bundle_key_file(database.engine.url)))
    finally:
        database.dispose()


def test_the_migration_encrypts_a_database_of_the_last_release(
    county: County, template_database: Path, tmp_path: Path
) -> None:
    db_a, _client = _demo_village(county, households=5)
    values = _secrets(db_a)
    url = county.db.url
    key_file = county.db.data_key_file
    # The database as the last release (s0006) left it: the same rows, every value in clear, no data key file.
    server_db.downgrade(county.db.engine, "s0006")
    raw = _raw(county.db, files=False)
    assert "enc:v1:" not in raw and all(v in raw for v in values)
    key_file.unlink()

    upgraded = ServerDatabase(url)
    try:
        upgraded.migrate()
        assert server_db.current_revision(upgraded.engine) == server_db.head_revision()
        raw = _raw(upgraded)
        assert [v for v in values if v in raw] == []
        assert key_file.exists()
        app = create_app(db=upgraded)
        import httpx

        with LiveServer(app) as live, httpx.Client(timeout=30) as http:
            again = County(db=upgraded, http=http, url=live, template=template_database, tmp=tmp_path)
            try:
                db_b, client_b = again.device("hongyan2")
                client_b.sync_once()
                assert sorted(_secrets(db_b)) == sorted(values)
            finally:
                for db in again.devices:
                    db.close()
    finally:
        upgraded.dispose()


def test_a_running_server_takes_up_a_key_file_rotated_by_another_process(tmp_path: Path) -> None:
    path = tmp_path / "data-keys.json"
    ring = fieldcrypt.load_keyring(path, lambda: False)
    server = fieldcrypt.FieldCipher(ring, path)
    admin_side = fieldcrypt.FieldCipher(ring, path)
    rotated = fieldcrypt.write_keyring(path, ring.with_new_key(), replace=True)
    admin_side.adopt(rotated)
    sealed = admin_side.seal_value("person", "phone", "13800138000")
    assert f":{rotated.current}:" in sealed
    # The server meets a value under a key it does not know yet: it reads the file again and opens it.
    assert server.open_value("person", "phone", sealed) == "13800138000"
    assert server.current == rotated.current  # and seals with the new key from now on
    with pytest.raises(fieldcrypt.DataKeyError, match="没有密钥"):
        server.open_value("person", "phone", sealed.replace(rotated.current, "kdeadbeef"))
