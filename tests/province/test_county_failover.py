"""A county server fails over to its PostgreSQL standby and the laptops lose nothing they were told was saved
(issue 17, "Operations": how a county server is kept highly available; docs/PROVINCE.md "County server high
availability").

The county database P streams to a standby S. A laptop pushes (the server acknowledges), pushes more, and keeps
working offline; P's machine dies (PostgreSQL stopped with ``-m immediate``: a crash, and the server process with
it). S is promoted and a county server starts on S at another address — with the key files and the TLS
certificate copied from the old machine, since they are not in the database (without the data key file the
server refuses to start). The laptop's sync to the old address fails in Chinese and keeps its changes;
``yulu sync set-server`` moves it; it sends everything and the new server holds every change it ever sent.

Why the standby must be *synchronous*: the laptop compacts what the server acknowledged, so a server that lost an
acknowledged push can never get it back from the laptop. The second test shows that with an asynchronous standby
that fell behind (here: stopped while the laptop pushed), the promoted server lacks acknowledged changes and the
laptop refuses to sync with it ("县服务器缺少本机已确认发送过的数据…", ``SyncClient._catch_up_acknowledgement``)
rather than carry on as if nothing happened; with a synchronous standby that push would not have been
acknowledged until the standby had it.
"""

from __future__ import annotations

import shutil
import sys
import time
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from pg_clusters import Cluster, clusters, create_cluster, create_standby
from sync_helpers import (
    PASSPHRASE,
    VILLAGE_A,
    LiveServer,
    add_household,
    add_person,
    content_digest,
    device_records,
    pending,
    server_records,
    setup_county,
    update,
    use_cheap_argon2,
)

from yulu_desktop.cli.main import main as yulu_main
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.province import counties
from yulu_desktop.province.db import ProvinceDatabase
from yulu_desktop.server import admin, province_feed, tls
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.fieldcrypt import DataKeyError
from yulu_desktop.server.models import OrgUnit
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient
from yulu_desktop.sync.errors import ServerUnreachable, SyncError
from yulu_desktop.sync.server_address import change_server

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

Asgi = Callable[..., Any]
ENTITIES = ("org_unit", "household", "person")


class Machine:
    """A county server machine's own files: the bundle and data key files and the TLS certificate. Selecting a
    machine points ``YULU_SERVER_KEY_FILE`` at its directory (the data key file lies beside it)."""

    def __init__(self, directory: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.directory = directory
        self.monkeypatch = monkeypatch
        directory.mkdir(parents=True, exist_ok=True)

    def select(self) -> None:
        self.monkeypatch.setenv("YULU_SERVER_KEY_FILE", str(self.directory / "yulu-server-keys.json"))

    @property
    def cert(self) -> Path:
        return tls.default_files(self.directory)[0]

    @property
    def key(self) -> Path:
        return tls.default_files(self.directory)[1]

    def copy_files_to(self, other: Machine) -> list[str]:
        """What the runbook says to copy to the standby's machine: every file of the server's own directory."""
        copied = []
        for path in sorted(self.directory.iterdir()):
            shutil.copy2(path, other.directory / path.name)
            copied.append(path.name)
        return copied


def _laptop(template: Path, tmp: Path) -> Database:
    path = tmp / f"laptop-{uuid.uuid4().hex[:8]}.db"
    shutil.copyfile(template, path)
    db = Database.open(path, PASSPHRASE)
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET device_id = :id WHERE id = 1"), {"id": str(uuid.uuid4())})
    return db


def _village_id(server: ServerDatabase) -> str:
    with server.read() as session:
        return str(session.scalars(select(OrgUnit.id).where(OrgUnit.code == VILLAGE_A)).one())


def _village_path(server: ServerDatabase) -> str:
    with server.read() as session:
        return str(session.scalars(select(OrgUnit.path).where(OrgUnit.code == VILLAGE_A)).one())


def _work(laptop: Database, village_id: str, n: int) -> list[str]:
    """A cadre's work: a household with a member (ID number: a sealed field on the server), a change to an
    earlier household. Returns the new record ids."""
    household = add_household(laptop, village_id, number=f"50022910120199{n:02d}")
    person = add_person(
        laptop, household, f"学生{n}", id_number=make_id_number("500229", date(2006, 3, n), 30 + 2 * n)
    )
    update(laptop, "household", household, address=f"红岩村{n}组")
    return [household, person]


def _sync(laptop: Database) -> None:
    with SyncClient(laptop) as client:
        report = client.sync_once()
    assert report.complete and not report.push_error and not report.problems, report
    assert pending(laptop) == 0


def _sent_ids(server: ServerDatabase) -> set[str]:
    return {key[1] for key in server_records(server, "", ("household", "person"))}


def _county_on(cluster: Cluster, machine: Machine) -> tuple[ServerDatabase, Asgi]:
    machine.select()
    server = ServerDatabase(cluster.url())
    try:
        return server, create_app(db=server)
    except BaseException:
        server.dispose()
        raise


def test_failover_to_a_synchronous_standby_loses_nothing_the_laptop_sent(
    template_database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_cheap_argon2()
    old_machine = Machine(tmp_path / "server-p", monkeypatch)
    new_machine = Machine(tmp_path / "server-s", monkeypatch)
    with clusters() as made:
        made.append(primary := create_cluster("failp"))
        made.append(standby := create_standby(primary, "fails", synchronous=True))

        # --- the county server on P, over TLS; a laptop enrolls (pins the certificate) and works ------------
        old_machine.select()
        _cert, _key, pin = tls.make_certificate(["127.0.0.1", "localhost"], directory=old_machine.directory)
        old, old_app = _county_on(primary, old_machine)
        setup_county(old)
        village = _village_id(old)
        laptop = _laptop(template_database, tmp_path)
        try:
            with LiveServer(old_app, cert=old_machine.cert, key=old_machine.key) as old_url:
                with SyncClient(laptop, old_url) as client:
                    client.enroll(admin.issue_code(old, username="hongyan"), device_name="红岩村笔记本")
                _sync(laptop)
                acknowledged = _work(laptop, village, 1)
                _sync(laptop)  # acknowledged: the journal is compacted, the laptop will not send these again
                acknowledged += _work(laptop, village, 2)
                _sync(laptop)
                assert set(acknowledged) <= _sent_ids(old)
                # P's COMMIT waited for S: S is P's synchronous standby.
                assert primary.query("SELECT sync_state FROM pg_stat_replication", dbname="postgres") == [
                    ("sync",)
                ]
                unsent = _work(laptop, village, 3)  # offline work, not sent yet
                waiting = pending(laptop)
                assert waiting > 0

            # --- P's machine dies: PostgreSQL crashes, the server process is gone ---------------------------
            primary.stop("immediate")
            old.dispose()
            with SyncClient(laptop) as client, pytest.raises(ServerUnreachable) as unreachable:
                client.sync_once()
            assert "无法连接县服务器" in unreachable.value.message
            assert "数据已保存在本机" in unreachable.value.message
            assert pending(laptop) == waiting

            # --- S is promoted; a county server starts there, at another address -----------------------------
            standby.promote()
            # The key files are not in the database: without them the new server refuses to start.
            with pytest.raises(DataKeyError) as no_key:
                _county_on(standby, new_machine)
            assert "找不到数据密钥文件" in str(no_key.value)
            assert old_machine.copy_files_to(new_machine) == sorted(
                [
                    "yulu-server-cert.pem",
                    "yulu-server-key.pem",
                    "yulu-server-keys.json",
                    "yulu-server-keys-data.json",
                ]
            )
            new, new_app = _county_on(standby, new_machine)
            try:
                # Everything acknowledged is there (the synchronous standby had it before the laptop was told).
                assert set(acknowledged) <= _sent_ids(new)
                assert not set(unsent) & _sent_ids(new)
                with LiveServer(new_app, cert=new_machine.cert, key=new_machine.key) as new_url:
                    assert new_url != old_url
                    monkeypatch.setenv("YULU_DB_KEY", PASSPHRASE)
                    assert yulu_main(["--db", str(laptop.path), "sync", "set-server", new_url]) == 0
                    assert new_url in capsys.readouterr().out
                    _sync(laptop)
                    later = _work(laptop, village, 4)
                    _sync(laptop)

                sent = _sent_ids(new)
                assert set(acknowledged + unsent + later) <= sent
                # The same certificate: the laptop's pin did not change and it was never asked to accept another.
                with laptop.read_connection() as conn:
                    assert conn.execute(text("SELECT server_cert_sha256 FROM sync_state")).scalar_one() == pin
                # Field for field, the village's records on the new server are the laptop's.
                assert content_digest(device_records(laptop, ENTITIES)) == content_digest(
                    server_records(new, _village_path(new), ENTITIES)
                )
            finally:
                new.dispose()
        finally:
            laptop.close()


def test_an_asynchronous_standby_that_fell_behind_is_refused_by_the_laptop(
    template_database: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_cheap_argon2()
    machine = Machine(tmp_path / "server", monkeypatch)
    with clusters() as made:
        made.append(primary := create_cluster("asyncp"))
        made.append(standby := create_standby(primary, "asyncs", synchronous=False))
        machine.select()
        tls.make_certificate(["127.0.0.1", "localhost"], directory=machine.directory)
        old, old_app = _county_on(primary, machine)
        setup_county(old)
        village = _village_id(old)
        laptop = _laptop(template_database, tmp_path)
        try:
            with LiveServer(old_app, cert=machine.cert, key=machine.key) as old_url:
                with SyncClient(laptop, old_url) as client:
                    client.enroll(admin.issue_code(old, username="hongyan"))
                _sync(laptop)
                first = _work(laptop, village, 1)
                _sync(laptop)
                # Wait until the standby has replayed the first work, then it falls behind (here: it stops; an
                # asynchronous standby lets the primary commit without it).
                deadline = time.monotonic() + 120
                while not set(first) <= _ids_on(standby):
                    assert time.monotonic() < deadline, "the standby never replayed the first push"
                    time.sleep(0.1)
                standby.stop()
                lost = _work(laptop, village, 2)
                _sync(laptop)  # acknowledged by P alone
                assert set(lost) <= _sent_ids(old)
            primary.stop("immediate")
            old.dispose()

            standby.start()
            standby.promote()
            new, new_app = _county_on(standby, machine)
            try:
                assert set(first) <= _sent_ids(new) and not set(lost) & _sent_ids(new)
                with LiveServer(new_app, cert=machine.cert, key=machine.key) as new_url:
                    change_server(laptop, new_url)  # the server knows the device: the address is accepted
                    with SyncClient(laptop) as client, pytest.raises(SyncError) as refused:
                        client.sync_once()
                assert "县服务器缺少本机已确认发送过的数据" in refused.value.message
                assert "本机数据不会被删除" in refused.value.message
                # Nothing was deleted on the laptop: the records the server lost are still there.
                kept = device_records(laptop, ("household", "person"))
                assert all(("household", i) in kept or ("person", i) in kept for i in lost)
            finally:
                new.dispose()
        finally:
            laptop.close()


def _ids_on(cluster: Cluster) -> set[str]:
    """Record ids of households and people in the county database of ``cluster`` (a standby: read-only)."""
    rows = cluster.query(
        "SELECT entity_id FROM record WHERE entity IN ('household', 'person') AND NOT deleted"
    )
    return {str(r[0]) for r in rows}


def test_after_a_failover_the_province_adds_the_county_again_from_the_promoted_standby(
    template_database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The province's replication slot lives on the county's primary only: PostgreSQL 15 does not carry logical
    slots to a physical standby (PostgreSQL 17's failover slots would). After the failover the province drops the
    county (the old slot cannot be reached: it is told to drop it by hand should the old primary come back) and
    adds it again at the new address with a full copy — which also replaces anything the province had received
    from the old primary that the standby never got."""

    use_cheap_argon2()
    old_machine = Machine(tmp_path / "server-p", monkeypatch)
    new_machine = Machine(tmp_path / "server-s", monkeypatch)
    key_file = tmp_path / "province.key"
    province_feed.write_province_key(key_file, province_feed.new_province_key())
    code = "500229"
    with clusters() as made:
        made.append(primary := create_cluster("slotp"))
        made.append(standby := create_standby(primary, "slots", synchronous=True))
        made.append(province_cluster := create_cluster("slotprov", logical=False))
        province = ProvinceDatabase(province_cluster.url())
        province.migrate()
        laptop = _laptop(template_database, tmp_path)
        try:
            old_machine.select()
            tls.make_certificate(["127.0.0.1", "localhost"], directory=old_machine.directory)
            old, old_app = _county_on(primary, old_machine)
            setup_county(old)
            village = _village_id(old)
            with LiveServer(old_app, cert=old_machine.cert, key=old_machine.key) as old_url:
                with SyncClient(laptop, old_url) as client:
                    client.enroll(admin.issue_code(old, username="hongyan"))
                _sync(laptop)
                before = _work(laptop, village, 1)
                _sync(laptop)
            join = ["--database-url", primary.url(), "admin", "province", "join", "--key-file", str(key_file)]
            assert server_cli.main(join) == 0
            added = counties.add_county(province, code=code, name="城口县", conninfo=primary.conninfo())
            _wait_for_people(province, code, before)
            assert primary.query(
                "SELECT slot_name FROM pg_replication_slots WHERE slot_name NOT LIKE 'pg\\_%'"
            ) == [(added.slot,)]
            # The standby has every row of the county database, the publication too, but not the slot.
            assert standby.query("SELECT count(*) FROM pg_publication WHERE pubname = 'yulu_province'") == [
                (1,)
            ]
            assert standby.query("SELECT slot_name FROM pg_replication_slots") == []

            # --- failover -------------------------------------------------------------------------------
            primary.stop("immediate")
            old.dispose()
            standby.promote()
            assert standby.query("SELECT slot_name FROM pg_replication_slots") == []
            old_machine.copy_files_to(new_machine)  # with the province key: the feeder needs it
            new, new_app = _county_on(standby, new_machine)
            try:
                with LiveServer(new_app, cert=new_machine.cert, key=new_machine.key) as new_url:
                    change_server(laptop, new_url)
                    after = _work(laptop, village, 2)
                    _sync(laptop)
                capsys.readouterr()
                assert server_cli.main(["--database-url", standby.url(), "admin", "province", "feed"]) == 0
                assert "已报送县 500229" in capsys.readouterr().out

                # --- the province: drop the county (its slot is out of reach), add it at the new address ----
                messages = counties.drop_county(province, code=code, keep_data=False)
                assert any(f"pg_drop_replication_slot('{added.slot}')" in m for m in messages), messages
                again = counties.add_county(province, code=code, name="城口县", conninfo=standby.conninfo())
                _wait_for_people(province, code, before + after)
                assert standby.query(
                    "SELECT slot_name FROM pg_replication_slots WHERE slot_name NOT LIKE 'pg\\_%'"
                ) == [(again.slot,)]
            finally:
                new.dispose()
        finally:
            laptop.close()
            province.dispose()


def _wait_for_people(province: ProvinceDatabase, code: str, person_ids: list[str]) -> None:
    """Wait (up to 120 s) until the province's ``prov_person`` partition of ``code`` holds these people."""

    deadline = time.monotonic() + 120
    while True:
        with province.engine.connect() as conn:
            held = {
                str(r[0])
                for r in conn.execute(text(f"SELECT id FROM {counties.partition_name('prov_person', code)}"))
            }
        if set(person_ids[1::2]) <= held:  # _work's ids: household, person, household, person…
            return
        assert time.monotonic() < deadline, f"the province never received {person_ids}"
        time.sleep(0.2)
