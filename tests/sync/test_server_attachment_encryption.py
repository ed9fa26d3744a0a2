"""Attachment files encrypted at rest on the county server (migration s0011): the scans of ID cards and bank
cards are no more in clear on its disk than the ID numbers; laptops get them back byte for byte; a server of the
last release is upgraded with its files and a laptop's unsent upload; ``rotate-key`` re-seals them too."""

from __future__ import annotations

import random
from pathlib import Path

import httpx
from sqlalchemy import select
from sync_helpers import VILLAGE_A, County, LiveServer, add_household, add_person

from yulu_desktop.server import admin, fieldcrypt, rekey
from yulu_desktop.server import db as server_db
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import BlobChunk
from yulu_desktop.services import records
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments
from yulu_desktop.sync.client import SyncClient, SyncReport

#: Stands for what a scan shows (an ID number, a name): it must not appear on the server's disk.
MARKER = "身份证 500229200703150012 张坤".encode()


def _scan(size: int, seed: int) -> bytes:
    """Incompressible bytes with the marker in several places, as a scan repeats what it shows."""
    rng = random.Random(seed)
    parts = []
    while sum(map(len, parts)) < size:
        parts += [rng.randbytes(5_000), MARKER]
    return b"".join(parts)


def _attach(db: Database, client: SyncClient, county: County, data: bytes) -> str:
    client.sync_once()  # org units first
    person = add_person(db, add_household(db, county.unit_id(VILLAGE_A)), "张坤")
    return records.add_attachment(db, person, "身份证.pdf", data, kind="id_card", actor="李明").sha256


def _chunks(db: ServerDatabase) -> list[tuple[str | None, bytes]]:
    with db.read() as session:
        return [(k, bytes(d)) for k, d in session.execute(select(BlobChunk.key_id, BlobChunk.data))]


def _disk(db: ServerDatabase) -> bytes:
    """The bytes of a SQLite server's database file and write-ahead log (nothing on PostgreSQL)."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite" or not url.database:
        return b""
    return b"".join(
        Path(url.database + s).read_bytes() for s in ("", "-wal") if Path(url.database + s).exists()
    )


def test_a_file_is_stored_sealed_and_another_laptop_gets_it_back_whole(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    data = _scan(150_000, seed=1)
    sha = _attach(db_a, client_a, county, data)
    assert client_a.sync_once().files_sent == 1
    chunks = _chunks(county.db)
    assert len(chunks) > 1, "uploaded in several chunks"
    assert {key_id for key_id, _data in chunks} == {county.db.cipher.current}
    assert not any(MARKER in stored for _key_id, stored in chunks)
    assert MARKER not in _disk(county.db)

    _db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    assert attachments.download(client_b, sha, part_bytes=20_000) == data  # parts across chunks


def test_a_server_of_the_last_release_is_upgraded_with_its_files_and_an_unsent_upload(
    county: County, template_database: Path, tmp_path: Path
) -> None:
    """s0010 holds files in clear; a laptop has a scan and a record it has not sent yet. After the upgrade every
    stored chunk is sealed, the laptop's record and upload go through, and another laptop downloads both files
    whole."""
    db_a, client_a = county.device("hongyan")
    sent = _scan(60_000, seed=2)
    sent_sha = _attach(db_a, client_a, county, sent)
    client_a.sync_once()
    unsent = _scan(40_000, seed=3)
    person = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "李四")
    unsent_sha = records.add_attachment(
        db_a, person, "银行卡.pdf", unsent, kind="bank_card", actor="李明"
    ).sha256
    client_a.push_all(SyncReport())  # the records go; the file waits on the laptop
    waiting = add_person(db_a, add_household(db_a, county.unit_id(VILLAGE_A)), "王五")  # and an unsent record

    url = county.db.url
    server_db.downgrade(county.db.engine, "s0010")
    with county.db.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT data FROM blob_chunk").all()
    assert rows and any(MARKER in bytes(r[0]) for r in rows), "the last release keeps files in clear"

    upgraded = ServerDatabase(url)
    try:
        upgraded.migrate()
        assert server_db.current_revision(upgraded.engine) == server_db.head_revision()
        chunks = _chunks(upgraded)
        assert chunks and all(key_id is not None for key_id, _d in chunks)
        assert not any(MARKER in stored for _k, stored in chunks)
        with LiveServer(create_app(db=upgraded)) as live, httpx.Client(timeout=30) as http:
            again = County(db=upgraded, http=http, url=live, template=template_database, tmp=tmp_path)
            try:
                report = SyncClient(db_a, live, http=http).sync_once()
                assert report.complete and report.files_sent == 1
                assert admin.record_state(upgraded)[("person", waiting)] is not None
                _db_b, client_b = again.device("hongyan2")
                client_b.sync_once()
                assert attachments.download(client_b, sent_sha) == sent
                assert attachments.download(client_b, unsent_sha) == unsent
            finally:
                for db in again.devices:
                    db.close()
        assert not any(MARKER in stored for _k, stored in _chunks(upgraded))
        # The downgrade opens them again (and the upgrade seals them once more).
        server_db.downgrade(upgraded.engine, "s0010")
        with upgraded.engine.connect() as conn:
            opened = b"".join(bytes(r[0]) for r in conn.exec_driver_sql("SELECT data FROM blob_chunk"))
        assert opened.count(MARKER) == sent.count(MARKER) + unsent.count(MARKER)
        upgraded.migrate()
    finally:
        upgraded.dispose()


def test_rotate_key_re_seals_the_files_and_drops_the_old_key(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    data = _scan(80_000, seed=4)
    sha = _attach(db_a, client_a, county, data)
    client_a.sync_once()
    old = county.db.cipher.current
    assert {k for k, _d in _chunks(county.db)} == {old}
    with county.db.engine.connect() as conn:
        assert rekey.has_sealed_rows(conn)

    rotation = admin.rotate_data_key(county.db)
    assert rotation.dropped == (old,)
    ring = fieldcrypt.read_keyring(county.db.data_key_file)
    assert ring is not None and set(ring.keys) == {rotation.key_id}
    assert {k for k, _d in _chunks(county.db)} == {rotation.key_id}
    _db_b, client_b = county.device("hongyan2")
    client_b.sync_once()
    assert attachments.download(client_b, sha) == data
