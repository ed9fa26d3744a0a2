"""托管: the laptop deposits its sealed database key with the county after enrolling; a county admin's one-time
release code, typed on the locked laptop with the server address, gives back what opens the database — and the
county alone (the deposit) or the laptop alone (its escrow key) opens nothing. SQLite and PostgreSQL."""

from __future__ import annotations

import base64
import subprocess
import sys

import pytest
from sqlalchemy import select
from sync_helpers import PASSPHRASE, County, add_household, add_person, device_records

from yulu_desktop.server import escrow as server_escrow
from yulu_desktop.server.models import EscrowDeposit, EscrowRelease
from yulu_desktop.services import passphrase
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database, WrongPassphrase
from yulu_desktop.sync import escrow
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient

NEW = "after-escrow-pass"


def test_forgotten_passphrase_recovered_through_the_county(county: County) -> None:
    db, client = county.device("hongyan")
    client.sync_once()  # the village's units arrive
    household = add_household(db, county.unit_id("500229101201"))
    add_person(db, household, "张坤")
    report = client.sync_once()
    assert report.complete and not report.problems
    device_id = client._device_id()
    assert escrow.is_deposited(db.path, device_id)
    assert escrow.escrow_server(db.path) == county.url
    before = device_records(db)
    path = db.path
    with county.db.read() as session:
        deposit = session.get(EscrowDeposit, device_id)
        assert deposit is not None and len(deposit.wrapped) == 60
        wrapped = deposit.wrapped
    # The county alone: its deposit is no key to the database, and no seal under the raw key either.
    assert keyring.open_sealed(keyring.Sealed(wrapped[:12], wrapped[12:]), db.raw_key(), b"") is None
    # A second sync does not deposit again.
    client.sync_once()
    with county.db.read() as session:
        assert session.get(EscrowDeposit, device_id).deposited_at == deposit.deposited_at  # type: ignore[union-attr]
    db.close()
    county.devices.remove(db)

    # The passphrase is forgotten. The county admin releases; the code works once, for this laptop only.
    code = server_escrow.release(county.db, device_id, released_by="县管理员 刘")
    with pytest.raises(escrow.EscrowRefused, match="解锁码无效"):
        escrow.redeem(path, county.url, code[:-2] + ("AA" if not code.endswith("AA") else "BB"))
    root = escrow.redeem(path, county.url, code.lower())
    with pytest.raises(escrow.EscrowRefused, match="已被使用"):
        escrow.redeem(path, county.url, code)
    with passphrase.open_with_root(path, root) as reopened:
        passphrase.set_new_passphrase(reopened, NEW)
    with pytest.raises(WrongPassphrase):
        Database.open(path, PASSPHRASE)
    with Database.open(path, NEW) as reopened:
        assert device_records(reopened) == before
        # The laptop goes on syncing with its new passphrase.
        assert SyncClient(reopened, county.url, http=county.http).sync_once().complete
    releases = server_escrow.list_releases(county.db, device_id)
    assert [(r.released_by, r.used_at is not None) for r in releases] == [("县管理员 刘", True)]


def test_a_release_code_of_another_laptop_does_not_open_this_one(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    _db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    client_b.sync_once()
    code_for_b = server_escrow.release(county.db, client_b._device_id(), released_by="刘")
    with pytest.raises(escrow.EscrowRefused, match="另一台电脑"):
        escrow.redeem(db_a.path, county.url, code_for_b)


def test_no_release_without_a_deposit_and_old_servers_are_skipped(county: County) -> None:
    db, client = county.device("hongyan")
    with pytest.raises(server_escrow.EscrowError, match="还没有向县里托管"):
        server_escrow.release(county.db, client._device_id(), released_by="刘")
    with pytest.raises(server_escrow.EscrowError, match="找不到设备"):
        server_escrow.release(county.db, "no-such-device", released_by="刘")
    # A server without the escrow route answers 404: nothing is marked deposited, nothing fails.

    def old_server(method: str, path: str, body: bytes, headers: dict[str, str]) -> object:
        import httpx

        return httpx.Response(404)

    assert not escrow.deposit_if_needed(db, county.url, client._device_id(), old_server)  # type: ignore[arg-type]
    assert not escrow.is_deposited(db.path, client._device_id())
    # A forged deposit request (not base64 of the right length) is refused.
    bad = p.EscrowDepositRequest(key_id="ab", wrapped=base64.b64encode(b"short").decode())
    answer = client.request_signed(
        "POST", "/v1/escrow/deposit", bad.model_dump_json().encode(), {"Content-Type": "application/json"}
    )
    assert answer.status_code == 400


def test_admin_escrow_release_command_prints_a_code_and_records_who(county: County, tmp_path: object) -> None:
    _db, client = county.device("hongyan")
    client.sync_once()
    url = str(county.db.engine.url.render_as_string(hide_password=False))
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "yulu_desktop.server.cli",
            "--database-url",
            url,
            "admin",
            "escrow",
            "release",
            "--device",
            client._device_id(),
            "--by",
            "刘局",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "解锁码" in done.stdout
    with county.db.read() as session:
        rows = session.scalars(select(EscrowRelease)).all()
    assert [r.released_by for r in rows] == ["刘局"]
