"""Helpers of the sync tests (imported by the tests; fixtures live in conftest.py)."""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from sqlalchemy import text

from yulu_desktop.server import admin, service
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

PASSPHRASE = "test-passphrase-1"

COUNTY, TOWNSHIP, VILLAGE_A, VILLAGE_B = "500229", "500229101", "500229101201", "500229101202"


class LiveServer:
    """A real uvicorn server on a random loopback port, in a thread; with ``cert`` and ``key``, over TLS.

    It is waited for generously: a loaded CI machine once took more than 30 s to start one."""

    def __init__(self, app: Any, *, cert: Path | None = None, key: Path | None = None) -> None:
        tls = {} if cert is None or key is None else {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
        config = uvicorn.Config(
            app, host="127.0.0.1", port=0, log_level="warning", lifespan="off", ws="none", **tls
        )
        self.scheme = "https" if tls else "http"
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 120
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"{self.scheme}://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=60)


@dataclass
class County:
    """A county server with 城口县 › 庙坝镇 › 红岩村 / 石坪村 and one cadre per village, the township and the county."""

    db: ServerDatabase
    http: httpx.Client
    url: str
    template: Path
    tmp: Path
    devices: list[Database] = field(default_factory=list)

    def device(self, cadre: str = "hongyan", *, name: str = "") -> tuple[Database, SyncClient]:
        path = self.tmp / f"device-{uuid.uuid4().hex[:8]}.db"
        shutil.copyfile(self.template, path)
        db = Database.open(path, PASSPHRASE)
        with db.write_connection() as conn:
            conn.execute(
                text("UPDATE device_state SET device_id = :id WHERE id = 1"), {"id": str(uuid.uuid4())}
            )
        self.devices.append(db)
        client = SyncClient(db, self.url, http=self.http)
        client.enroll(admin.issue_code(self.db, username=cadre), device_name=name or cadre)
        return db, client

    def unit_id(self, code: str) -> str:
        from sqlalchemy import select

        from yulu_desktop.server.models import OrgUnit

        with self.db.read() as session:
            return session.scalars(select(OrgUnit.id).where(OrgUnit.code == code)).one()


def use_cheap_argon2() -> None:
    """Enrollment codes are hashed with Argon2; full-strength parameters cost 0.6 s per device in tests."""
    from argon2 import PasswordHasher

    from yulu_desktop.server import service

    service.use_password_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))


@contextlib.contextmanager
def running_county(server_url: str, template: Path, tmp: Path) -> Iterator[County]:
    """A county server over ``server_url`` (set up by ``setup_county``) on a loopback port; the devices made
    through it are closed afterwards."""
    from yulu_desktop.server.app import create_app

    use_cheap_argon2()
    server_db = ServerDatabase(server_url)
    app = create_app(db=server_db)
    setup_county(server_db)
    with LiveServer(app) as url, httpx.Client(timeout=30) as http:
        county = County(db=server_db, http=http, url=url, template=template, tmp=tmp)
        try:
            yield county
        finally:
            for db in county.devices:
                db.close()
    server_db.dispose()


def setup_county(db: ServerDatabase) -> None:
    admin.create_unit(db, code=COUNTY, name="城口县", level="county")
    admin.create_unit(db, code=TOWNSHIP, name="庙坝镇", level="township", parent_code=COUNTY)
    admin.create_unit(db, code=VILLAGE_A, name="红岩村", level="village", parent_code=TOWNSHIP)
    admin.create_unit(db, code=VILLAGE_B, name="石坪村", level="village", parent_code=TOWNSHIP)
    admin.create_cadre(db, username="hongyan", name="张书记", unit_code=VILLAGE_A)
    admin.create_cadre(db, username="hongyan2", name="李委员", unit_code=VILLAGE_A)
    admin.create_cadre(db, username="shiping", name="王书记", unit_code=VILLAGE_B)
    admin.create_cadre(db, username="miaoba", name="赵镇长", unit_code=TOWNSHIP, role="township")
    admin.create_cadre(db, username="county", name="县局", unit_code=COUNTY, role="county")


# --- helpers for reading and writing device data ---------------------------------------------------------


def add_household(db: Database, village_id: str, *, number: str | None = None) -> str:
    from yulu_desktop.domain.entities import Household

    household = Household(household_no=number or uuid.uuid4().hex[:16], village_id=village_id)
    with db.write() as session:
        session.add(household)
    return household.id


def add_person(db: Database, household_id: str, name: str = "张坤", **fields: Any) -> str:
    from yulu_desktop.domain.entities import Person

    person = Person(household_id=household_id, name=name, **fields)
    with db.write() as session:
        session.add(person)
    return person.id


def update(db: Database, table: str, record_id: str, **values: Any) -> None:
    assignments = ", ".join(f'"{k}" = :{k}' for k in values)
    with db.write_connection() as conn:
        conn.execute(text(f'UPDATE "{table}" SET {assignments} WHERE id = :id'), {**values, "id": record_id})


def delete(db: Database, table: str, record_id: str) -> None:
    with db.write_connection() as conn:
        conn.execute(text(f'DELETE FROM "{table}" WHERE id = :id'), {"id": record_id})


def row(db: Database, table: str, record_id: str) -> dict[str, Any] | None:
    with db.read_connection() as conn:
        found = (
            conn.execute(text(f'SELECT * FROM "{table}" WHERE id = :id'), {"id": record_id})
            .mappings()
            .first()
        )
        return dict(found) if found is not None else None


def pending(db: Database) -> int:
    from yulu_desktop.store import journal

    with db.read_connection() as conn:
        return journal.pending_count(conn)


def shared_digest(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every shared row of the device (local-only columns left out): what replicas must agree on."""
    from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES

    result: dict[str, list[tuple[Any, ...]]] = {}
    with db.read_connection() as conn:
        for name, table in SHARED_TABLES.items():
            columns = [
                c.name for c in table.columns if c.name not in LOCAL_ONLY_COLUMNS.get(name, frozenset())
            ]
            quoted = ", ".join(f'"{c}"' for c in columns)
            result[name] = [
                tuple(r) for r in conn.execute(text(f'SELECT {quoted} FROM "{name}" ORDER BY id')).all()
            ]
    return result


Step = Callable[[], None]


# --- field-value digests: what every replica must agree on ---------------------------------------------------

Records = dict[tuple[str, str], dict[str, Any]]
"""(entity, id) → {field: value} of live shared records."""


def device_records(db: Database, entities: Iterable[str] | None = None) -> Records:
    """The live shared records of a device with their field values (local-only columns left out)."""
    from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES

    result: Records = {}
    with db.read_connection() as conn:
        for name in entities if entities is not None else SHARED_TABLES:
            local_only = LOCAL_ONLY_COLUMNS.get(name, frozenset())
            for found in conn.execute(text(f'SELECT * FROM "{name}"')).mappings():
                values = {k: v for k, v in found.items() if k not in local_only and k != "id"}
                result[(name, found["id"])] = values
    return result


def server_records(server_db: ServerDatabase, path: str, entities: Iterable[str] | None = None) -> Records:
    """The live records of the server's ``record`` table that a device with jurisdiction ``path`` holds."""
    from sqlalchemy import select

    from yulu_desktop.server.merge import SHARED_UP
    from yulu_desktop.server.models import Record

    wanted = set(entities) if entities is not None else None
    result: Records = {}
    with server_db.read() as session:
        for record in session.scalars(select(Record).where(Record.deleted.is_(False))):
            if wanted is not None and record.entity not in wanted:
                continue
            inside = record.scope_path.startswith(path)
            above = record.entity in SHARED_UP and path.startswith(record.scope_path)
            if inside or above:
                values = server_db.cipher.loads_fields(record.entity, record.data)  # sensitive fields opened
                values.pop("id", None)
                result[(record.entity, record.entity_id)] = values
    return result


def content_digest(records: Records) -> str:
    """SHA-256 of every record's id and field values (canonical JSON): equal digests, equal content."""
    import hashlib
    import json

    digest = hashlib.sha256()
    for key in sorted(records):
        digest.update(
            json.dumps([*key, sorted(records[key].items())], ensure_ascii=False, default=str).encode()
        )
        digest.update(b"\n")
    return digest.hexdigest()


def device_context(db: ServerDatabase, username: str) -> service.DeviceContext:
    """A device of ``username`` enrolled with a real signed proof, as the server sees it after authentication
    (``service.DeviceContext``, with the cadre's role): for calling the service layer directly."""
    from yulu_desktop.server.models import Cadre, Device, OrgUnit
    from yulu_desktop.sync import protocol as p
    from yulu_desktop.sync import signing

    key = signing.new_private_key()
    device_id = str(uuid.uuid4())
    code = admin.issue_code(db, username=username)
    service.enroll(
        db,
        p.EnrollRequest(
            code=code,
            device_id=device_id,
            public_key=signing.b64(signing.public_key_of(key)),
            proof=signing.sign(key, signing.enroll_message(device_id, code)),
        ),
    )
    with db.read() as session:
        device = session.get(Device, device_id)
        assert device is not None
        cadre = session.get(Cadre, device.cadre_id)
        assert cadre is not None
        unit = session.get(OrgUnit, cadre.jurisdiction_id)
        assert unit is not None
        info = p.OrgUnitInfo(id=unit.id, code=unit.code, name=unit.name, level=unit.level)
        return service.DeviceContext(device_id, cadre.id, False, info, unit.path, role=cadre.role)
