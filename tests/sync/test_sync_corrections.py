"""作废 across laptops: a void of an employment entry (or a visit) syncs through the county server to the other
laptops; the server still refuses any other change of an employment entry, and refuses to clear or rewrite a
void — whatever old value the laptop claims."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import VILLAGE_A, County, add_household, add_person, device_context, row, setup_county

from yulu_desktop.domain.entities import EmploymentRecord, Visit
from yulu_desktop.server import service
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import OrgUnit, Record
from yulu_desktop.services import corrections
from yulu_desktop.store.database import Database
from yulu_desktop.sync import protocol as p


def _add_job(db: Database, person_id: str) -> str:
    record = EmploymentRecord(
        person_id=person_id,
        effective_date=date(2025, 7, 15),
        destination="employed",
        employer="录错的单位",
        recorded_at=datetime(2025, 7, 15, 9, 0),
    )  # type: ignore[arg-type]
    with db.write() as session:
        session.add(record)
    return record.id


def _add_visit(db: Database, household_id: str) -> str:
    visit = Visit(
        household_id=household_id,
        visit_date=date(2025, 10, 1),
        visitor_name="张书记",
        visitor_role="first_secretary",
        mode="home",
        purpose="employment",
    )  # type: ignore[call-arg]
    with db.write() as session:
        session.add(visit)
    return visit.id


def test_a_void_reaches_the_other_laptop(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A))
    person = add_person(db_a, household, "张坤", relationship="20")
    job, visit = _add_job(db_a, person), _add_visit(db_a, household)
    assert client_a.sync_once().push_error == ""
    client_b.sync_once()
    assert row(db_b, "employment_record", job) is not None

    corrections.void_entry(
        db_a, "employment_record", job, reason="录错了人", actor="张书记", today=date(2025, 11, 1)
    )
    corrections.void_entry(db_a, "visit", visit, reason="重复录入", actor="张书记", today=date(2025, 11, 1))
    report = client_a.sync_once()
    assert (report.push_error, report.quarantined, report.pushed) == ("", 0, 2)
    pulled = client_b.sync_once()
    assert pulled.rejected == 0 and pulled.pulled >= 2
    voided_job, voided_visit = row(db_b, "employment_record", job), row(db_b, "visit", visit)
    assert voided_job is not None and voided_visit is not None
    assert (voided_job["void_reason"], voided_job["voided_by"], voided_job["employer"]) == (
        "录错了人",
        "张书记",
        "录错的单位",
    )
    assert str(voided_job["voided_on"]) == "2025-11-01"
    assert voided_visit["void_reason"] == "重复录入"


class Pusher:
    """A device sending hand-made journal entries (a laptop whose triggers were bypassed)."""

    def __init__(self, db: ServerDatabase, username: str) -> None:
        self.db = db
        self.ctx = device_context(db, username)
        self.seq = 0

    def entry(self, entity: str, op: str, changes: dict[str, list[Any]], entity_id: str) -> p.PushEntry:
        self.seq += 1
        return p.PushEntry(
            seq=self.seq,
            change_id=uuid.uuid4().hex,
            entity=entity,
            entity_id=entity_id,
            op=op,  # type: ignore[arg-type]
            changes=changes,
            hlc=int(time.time() * 1000) << 16,
        )

    def insert(self, entity: str, values: dict[str, Any]) -> str:
        entity_id = str(uuid.uuid4())
        changes = {k: [None, v] for k, v in values.items()} | {"id": [None, entity_id]}
        assert self.status(self.entry(entity, "I", changes, entity_id)) == ("applied", "")
        return entity_id

    def status(self, entry: p.PushEntry) -> tuple[str, str]:
        response = service.push(self.db, self.ctx, p.PushRequest(entries=[entry]))
        found = {r.seq: (r.status, r.reason) for r in response.results}
        return found.get(entry.seq, ("applied", ""))


@pytest.fixture
def server(server_url: str) -> Iterator[ServerDatabase]:
    db = ServerDatabase(server_url)
    db.migrate()
    setup_county(db)
    yield db
    db.dispose()


def _stored(db: ServerDatabase, entity: str, entity_id: str) -> dict[str, Any]:
    with db.read() as session:
        found = session.scalars(
            select(Record).where(Record.entity == entity, Record.entity_id == entity_id)
        ).one()
        return db.cipher.loads_fields(entity, found.data)  # type: ignore[no-any-return]


def test_the_server_takes_a_void_once_and_nothing_else(server: ServerDatabase) -> None:
    device = Pusher(server, "hongyan")
    with server.read() as session:
        village = session.scalars(select(OrgUnit.id).where(OrgUnit.code == VILLAGE_A)).one()
    household = device.insert(
        "household", {"household_no": "H1", "village_id": village, "household_type": "tuopin"}
    )
    person = device.insert("person", {"household_id": household, "name": "张坤", "relationship": "20"})
    job = device.insert(
        "employment_record",
        {
            "person_id": person,
            "effective_date": "2025-07-15",
            "destination": "employed",
            "employer": "温氏股份",
            "source": "visit",
            "recorded_at": "2025-07-15T09:00:00",
        },
    )
    other_field = device.entry("employment_record", "U", {"employer": ["温氏股份", "别的单位"]}, job)
    status, reason = device.status(other_field)
    assert status == "quarantined" and "只能追加" in reason
    sneaked = device.entry(  # a void with another field changed at once is not a void
        "employment_record",
        "U",
        {"voided_on": [None, "2025-11-01"], "void_reason": ["", "错"], "employer": ["温氏股份", "别的"]},
        job,
    )
    assert device.status(sneaked)[0] == "quarantined"
    no_reason = device.entry("employment_record", "U", {"voided_on": [None, "2025-11-01"]}, job)
    assert device.status(no_reason) == ("quarantined", "作废必须填写原因")

    void = {"voided_on": [None, "2025-11-01"], "void_reason": ["", "录错了人"], "voided_by": ["", "张书记"]}
    assert device.status(device.entry("employment_record", "U", void, job)) == ("applied", "")
    stored = _stored(server, "employment_record", job)
    assert (stored["voided_on"], stored["void_reason"], stored["employer"]) == (
        "2025-11-01",
        "录错了人",
        "温氏股份",
    )

    unvoid = {"voided_on": ["2025-11-01", None], "void_reason": ["录错了人", ""], "voided_by": ["张书记", ""]}
    status, reason = device.status(device.entry("employment_record", "U", unvoid, job))
    assert status == "quarantined" and "不能撤销" in reason
    # Claiming the entry was not voided yet does not help: the server looks at what it holds.
    again = {
        "voided_on": [None, "2025-12-01"],
        "void_reason": ["", "另一个原因"],
        "voided_by": ["", "李委员"],
    }
    status, reason = device.status(device.entry("employment_record", "U", again, job))
    assert status == "quarantined" and "不能撤销" in reason
    assert _stored(server, "employment_record", job)["void_reason"] == "录错了人"

    visit = device.insert(
        "visit",
        {
            "household_id": household,
            "visit_date": "2025-10-01",
            "visitor_name": "张书记",
            "visitor_role": "first_secretary",
            "mode": "home",
            "purpose": "employment",
        },
    )
    assert device.status(device.entry("visit", "U", void, visit)) == ("applied", "")
    assert device.status(device.entry("visit", "U", unvoid, visit))[0] == "quarantined"
    # A voided visit's other fields are no concern of the void rule.
    assert device.status(device.entry("visit", "U", {"notes": ["", "补记"]}, visit)) == ("applied", "")
