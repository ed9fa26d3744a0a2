"""合并企业 across laptops with a real county server, on SQLite and PostgreSQL.

Two county laptops each enter the same enterprise (the same 统一社会信用代码) while apart, with a position each;
one adds it to an agreement, the other to a job fair; a township laptop pulls both and posts a position with the
second record. One county laptop merges them. After the syncs the server and every laptop hold one enterprise
with all three positions, the agreement and the fair name it once, and the server held nothing back (no
quarantine, no conflict): every write of the merge is one a county device may make, the township's position
included.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select
from sync_helpers import COUNTY, County, device_records, server_records

from yulu_desktop.domain.entities import EmploymentAgreement, Enterprise, JobFair, JobPosition
from yulu_desktop.server import admin
from yulu_desktop.server.models import Conflict
from yulu_desktop.services import employment_reference as reference
from yulu_desktop.services import enterprise_merge
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

pytestmark = pytest.mark.slow

T = date.today()
CREDIT_CODE = "91500000MA5U12345P"  # a valid 统一社会信用代码
ENTITIES = ("enterprise", "job_position", "employment_agreement", "job_fair")


def _sync(*clients: SyncClient) -> None:
    for client in clients:
        report = client.sync_once()
        assert not report.push_error, report.push_error
        assert report.complete and report.quarantined == 0 and report.rejected == 0, report


def _enterprise(db: Database, name: str, **fields: Any) -> str:
    return reference.save_enterprise(
        db,
        Enterprise(
            county_id="",
            name=name,
            credit_code=CREDIT_CODE,
            industry="manufacturing",
            region="county",
            **fields,
        ),
        actor="县局",
    )


def _position(db: Database, enterprise_id: str, title: str) -> str:
    return reference.save_position(
        db,
        JobPosition(
            unit_id="",
            enterprise_id=enterprise_id,
            title=title,
            region="county",
            posted_on=T - timedelta(days=3),
        ),
        actor="县局",
    )


def _enterprise_ids(db: Database, cls: type[Any], record_id: str) -> list[str]:
    with db.read() as session:
        found = session.get(cls, record_id)
        assert found is not None
        return list(json.loads(found.enterprise_ids))


def test_two_county_laptops_merge_one_enterprise_and_everyone_converges(county: County) -> None:
    admin.create_cadre(county.db, username="county2", name="县局二", unit_code=COUNTY, role="county")
    first, first_sync = county.device("county", name="县局一号机")
    second, second_sync = county.device("county2", name="县局二号机")
    township, township_sync = county.device("miaoba")
    _sync(first_sync, second_sync, township_sync)  # the org units

    # Apart: each county laptop enters the enterprise, with a position, and names it in an agreement or a fair.
    kept = _enterprise(first, "城口县宏达机械有限公司", contact_name="何经理", contact_phone="13800000001")
    kept_position = _position(first, kept, "数控车工")
    agreement = reference.save_agreement(
        first,
        EmploymentAgreement(
            county_id="",
            kind="school_enterprise",
            title="宏达订单班协议",
            enterprise_ids=json.dumps([kept]),
            signed_on=T,
        ),
        actor="县局",
    )
    dropped = _enterprise(second, "城口宏达机械有限公司", note="县工业园区龙头企业")
    dropped_position = _position(second, dropped, "焊工")
    fair = reference.save_fair(
        second,
        JobFair(unit_id="", name="宏达专场招聘会", held_on=T, enterprise_ids=json.dumps([dropped])),
        actor="县局",
    )
    _sync(second_sync, first_sync, township_sync)
    assert len(reference.duplicate_enterprises(first)) == 1

    # The township posts a position with the second record (a record of its county, as it sees it).
    township_position = _position(township, dropped, "仓库管理员")
    _sync(township_sync, first_sync, second_sync)

    report = enterprise_merge.merge_enterprises(first, kept, dropped, actor="县局")
    assert (report.repointed.positions, report.repointed.fairs) == (2, 1)
    _sync(first_sync, second_sync, township_sync, first_sync)

    positions = {kept_position, dropped_position, township_position}
    for db in (first, second, township):
        assert [e.id for e in reference.enterprises(db)] == [kept]
        (row,) = reference.enterprises(db)
        assert (row.contact_name, row.note) == ("何经理", "县工业园区龙头企业")
        assert {p.id for p in reference.positions(db) if p.enterprise_id == kept} == positions
        assert reference.duplicate_enterprises(db) == []
    for db in (first, second):
        assert _enterprise_ids(db, EmploymentAgreement, agreement) == [kept]
    for db in (first, second, township):
        assert _enterprise_ids(db, JobFair, fair) == [kept]

    # The server holds the same, and held nothing back.
    on_server = server_records(county.db, "/", ENTITIES)
    assert [k for k in on_server if k[0] == "enterprise"] == [("enterprise", kept)]
    assert {
        k[1] for k, v in on_server.items() if k[0] == "job_position" and v["enterprise_id"] == kept
    } == positions
    assert device_records(first, ENTITIES) == device_records(second, ENTITIES)
    assert admin.list_quarantine(county.db) == []
    with county.db.read() as session:
        assert session.scalars(select(Conflict)).all() == []
