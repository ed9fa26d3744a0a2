"""The county admin's review (``yulu-server admin conflicts | quarantine | records``): listings in names, not ids;
filters; resolving a conflict, releasing or rejecting a quarantined change, repairing or removing a stored
record — each written through the change log so the laptops receive it. Also: ``… | head`` ends quietly, and a
USB bundle counts as contact."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text
from sync_helpers import (
    VILLAGE_A,
    VILLAGE_B,
    County,
    add_household,
    add_person,
    row,
    running_county,
    update,
)

from yulu_desktop.domain import hlc
from yulu_desktop.server import admin, bundles, repair, review, review_text
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import (
    AppliedChange,
    ChangeLog,
    Conflict,
    Device,
    OrgUnit,
    Quarantine,
    Record,
)
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import bundle, conflicts
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.client import SyncClient

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


@pytest.fixture
def county(template_database: Path, tmp_path: Path) -> Iterator[County]:
    """A county on a real SQLite file (the CLI opens the same file as the running server)."""
    with running_county(f"sqlite:///{tmp_path / 'county.db'}", template_database, tmp_path) as county:
        yield county


def run_admin(county: County, capsys: pytest.CaptureFixture[str], *argv: str, code: int = 0) -> str:
    assert server_cli.main(["--database-url", county.db.url, "admin", *argv]) == code
    captured = capsys.readouterr()
    return captured.out + captured.err


def device_id(db: Database) -> str:
    with db.read_connection() as conn:
        return journal.device_id(conn)


def _phone_conflict(county: County) -> tuple[Database, SyncClient, Database, SyncClient, str]:
    """张书记 (hongyan) and 李委员 (hongyan2) both change 张坤's phone: 李委员's later edit wins."""
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A), number="HY-0007")
    person = add_person(db_a, household, "张坤", phone="13800138000")
    client_a.sync_once()
    client_b.sync_once()
    update(db_a, "person", person, phone="13911111111")
    time.sleep(0.005)
    update(db_b, "person", person, phone="13922222222")
    for client in (client_a, client_b, client_a, client_b):
        client.sync_once()
    return db_a, client_a, db_b, client_b, person


def _push_raw(client: SyncClient, db: Database, entity: str, entity_id: str, changes: dict[str, Any]) -> None:
    """A signed push of one entry, as a laptop (or a tool posing as one) could send it."""
    with db.read_connection() as conn:
        seq = journal.acked_seq(conn) + 1
    entry = p.PushEntry(
        seq=seq,
        change_id=uuid.uuid4().hex,
        entity=entity,
        entity_id=entity_id,
        op="I",
        changes={k: [None, v] for k, v in changes.items()},
        hlc=int(time.time() * 1000) << 16,
        author="王书记",
    )
    answer = client._post_signed("/v1/push", p.PushRequest(entries=[entry]), p.PushResponse)
    assert answer.quarantined == 1, answer
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET acked_seq = :s"), {"s": seq})


def _foreign_household(county: County, *, household_type: str = "yiban") -> tuple[str, str]:
    """石坪村's laptop (王书记) sends a household of 红岩村: quarantined (outside its jurisdiction)."""
    db, client = county.device("shiping")
    client.sync_once()
    household = str(uuid.uuid4())
    _push_raw(
        client,
        db,
        "household",
        household,
        {
            "id": household,
            "household_no": "HY-0099",
            "village_id": county.unit_id(VILLAGE_A),
            "household_type": household_type,
        },
    )
    return household, device_id(db)


# --- conflicts -------------------------------------------------------------------------------------------


def test_conflicts_are_listed_with_names_values_who_and_when_not_ids(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    _phone_conflict(county)
    out = run_admin(county, capsys, "conflicts")
    lines = out.splitlines()
    assert lines[0].split()[:8] == [
        "编号",
        "时间",
        "村",
        "户编号",
        "姓名",
        "数据",
        "字段",
        "现在的值（谁改的）",
    ]
    body = lines[1]
    for expected in (
        "红岩村",
        "HY-0007",
        "张坤",
        "人员",
        "手机号",
        "13922222222（李委员）",
        "13911111111（张书记）",
    ):
        assert expected in body
    assert "同一字段被两人修改" in body
    assert re.search(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", body)  # local time, not an HLC
    assert not UUID.search(out) and not re.search(r"\d{12,}", out)
    (conflict,) = admin.list_conflicts(county.db)
    assert conflict["id"][:8] in body

    data = json.loads(run_admin(county, capsys, "conflicts", "--json"))
    assert [(c["person"], c["household_no"], c["village"], c["field_label"]) for c in data] == [
        ("张坤", "HY-0007", "红岩村", "手机号")
    ]
    assert data[0]["id"] == conflict["id"] and data[0]["raw"]["loser_value"] == "13911111111"


def test_conflict_filters_village_kind_age_and_handled(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    _phone_conflict(county)
    assert len(review.list_conflicts(county.db, review_text.Filters(village="红岩村"))) == 1
    assert (
        len(review.list_conflicts(county.db, review_text.Filters(village="500229101"))) == 1
    )  # the township
    assert review.list_conflicts(county.db, review_text.Filters(village="石坪村")) == []
    assert review.list_conflicts(county.db, review_text.Filters(kind="edit_vs_delete")) == []
    assert len(review.list_conflicts(county.db, review_text.Filters(kind="field"))) == 1
    assert len(review.list_conflicts(county.db, review_text.Filters(since_days=1))) == 1
    assert review.list_conflicts(county.db, review_text.Filters(older_than_days=1)) == []
    with county.db.write() as session:  # the conflict is ten days old
        for conflict in session.scalars(select(Conflict)):
            conflict.created_at = datetime.now(UTC) - timedelta(days=10)
    assert review.list_conflicts(county.db, review_text.Filters(since_days=7)) == []
    assert len(review.list_conflicts(county.db, review_text.Filters(older_than_days=7))) == 1
    assert "没有待处理的冲突" in run_admin(county, capsys, "conflicts", "--village", "石坪村")
    assert "找不到单位" in run_admin(county, capsys, "conflicts", "--village", "不存在村", code=1)
    assert "HY-0007" in run_admin(county, capsys, "conflicts", "--older-than", "7", "--kind", "field")


def test_county_resolves_a_conflict_with_the_other_value_and_every_laptop_receives_it(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    db_a, client_a, db_b, client_b, person = _phone_conflict(county)
    (conflict,) = admin.list_conflicts(county.db)
    assert "--by" in run_admin(
        county, capsys, "conflicts", "--resolve", conflict["id"][:8], "--as", "keep_loser", code=1
    )
    out = run_admin(
        county,
        capsys,
        "conflicts",
        "--resolve",
        conflict["id"][:8],
        "--as",
        "keep_loser",
        "--by",
        "县局刘科长",
    )
    assert "13911111111" in out
    assert admin.record_state(county.db)[("person", person)]["phone"] == "13911111111"  # type: ignore[index]
    with county.db.read() as session:
        change = session.scalars(
            select(ChangeLog)
            .where(ChangeLog.entity == "person", ChangeLog.entity_id == person)
            .order_by(ChangeLog.seq.desc())
        ).first()
    assert (
        change is not None
        and change.device_id == "server"
        and county.db.cipher.loads_fields("person", change.fields) == {"phone": "13911111111"}
    )
    for client in (client_a, client_b):
        client.sync_once()
    for db in (db_a, db_b):
        assert row(db, "person", person)["phone"] == "13911111111"  # type: ignore[index]
        assert conflicts.list_conflicts(db) == []  # the resolution reached the laptops too
    (resolved,) = admin.list_conflicts(county.db, include_resolved=True)
    assert (resolved["resolution"], resolved["resolved_by"]) == ("use_other", "县局刘科长")
    assert "已经处理过" in run_admin(
        county,
        capsys,
        "conflicts",
        "--resolve",
        conflict["id"],
        "--as",
        "keep_winner",
        "--by",
        "县局",
        code=1,
    )
    assert "已处理：改用另一个值（县局刘科长）" in run_admin(county, capsys, "conflicts", "--all")


def test_county_resolution_keep_winner_changes_no_data_and_only_announces_the_resolution(
    county: County,
) -> None:
    _db_a, _client_a, _db_b, _client_b, person = _phone_conflict(county)
    (conflict,) = admin.list_conflicts(county.db)
    with county.db.read() as session:
        head = county.db.read_head(session)
    review.resolve_conflict(county.db, conflict["id"], "keep_winner", by="县局")
    assert admin.record_state(county.db)[("person", person)]["phone"] == "13922222222"  # type: ignore[index]
    with county.db.read() as session:
        logged = session.scalars(select(ChangeLog).where(ChangeLog.seq > head)).all()
    assert [(c.entity, c.op, c.device_id) for c in logged] == [(p.CONFLICT_ENTITY, "U", "server")]
    assert admin.list_conflicts(county.db) == []


def test_county_resolution_with_a_new_value_is_validated_first(county: County) -> None:
    _db_a, _client_a, _db_b, _client_b, person = _phone_conflict(county)
    (conflict,) = admin.list_conflicts(county.db)
    with pytest.raises(admin.AdminError, match="--value"):
        review.resolve_conflict(county.db, conflict["id"], "edit", by="县局")
    with pytest.raises(admin.AdminError, match="这个值不能保存"):
        review.resolve_conflict(county.db, conflict["id"], "edit", by="县局", value="1" * 30000)
    assert len(admin.list_conflicts(county.db)) == 1  # still open, nothing written
    review.resolve_conflict(county.db, conflict["id"], "edit", by="县局", value="13700000000")
    assert admin.record_state(county.db)[("person", person)]["phone"] == "13700000000"  # type: ignore[index]
    (resolved,) = admin.list_conflicts(county.db, include_resolved=True)
    assert resolved["resolution"] == "edited"


def test_county_restores_a_deleted_record_kept_in_a_delete_conflict(county: County) -> None:
    db_a, client_a = county.device("hongyan")
    db_b, client_b = county.device("hongyan2")
    client_a.sync_once()
    household = add_household(db_a, county.unit_id(VILLAGE_A), number="HY-0008")
    person = add_person(db_a, household, "李梅", phone="13800138000")
    client_a.sync_once()
    client_b.sync_once()
    with db_a.write_connection() as conn:
        conn.execute(text("DELETE FROM person WHERE id = :id"), {"id": person})
    update(db_b, "person", person, phone="13933333333")
    for client in (client_a, client_b, client_a, client_b):
        client.sync_once()
    (view,) = review.list_conflicts(county.db)
    assert view.person == "李梅" and view.household_no == "HY-0008" and view.village == "红岩村"
    assert "已删除" in view.current_value and "13933333333" in view.other_value
    review.resolve_conflict(county.db, view.id, "keep_loser", by="县局")
    assert admin.record_state(county.db)[("person", person)]["phone"] == "13933333333"  # type: ignore[index]
    for client in (client_a, client_b):
        client.sync_once()
    for db in (db_a, db_b):
        assert row(db, "person", person)["phone"] == "13933333333"  # type: ignore[index]


# --- quarantine --------------------------------------------------------------------------------------------


def test_quarantine_is_listed_with_sender_village_content_and_reason(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    _foreign_household(county)
    out = run_admin(county, capsys, "quarantine")
    header, body = out.splitlines()[:2]
    assert header.split()[:4] == ["编号", "收到时间", "发送人", "村"]
    for expected in (
        "王书记",
        "红岩村",
        "HY-0099",
        "户",
        "新增",
        "户类型：一般户",
        "记录不在本设备的管辖范围内",
    ):
        assert expected in body
    assert not UUID.search(out)
    assert "HY-0099" in run_admin(county, capsys, "quarantine", "--village", "红岩村", "--kind", "户")
    assert "没有待审核" in run_admin(county, capsys, "quarantine", "--kind", "person")
    assert "没有待审核" in run_admin(county, capsys, "quarantine", "--village", VILLAGE_B)
    assert "没有待审核" in run_admin(county, capsys, "quarantine", "--older-than", "3")
    (item,) = json.loads(run_admin(county, capsys, "quarantine", "--json"))
    assert (item["sender"], item["village"], item["status"]) == ("王书记", "红岩村", "open")


def test_releasing_a_quarantined_change_applies_it_as_the_county(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    household, sender = _foreign_household(county)
    (kept,) = admin.list_quarantine(county.db)
    assert "--by" in run_admin(county, capsys, "quarantine", "--release", str(kept["id"]), code=1)
    assert "已放行" in run_admin(county, capsys, "quarantine", "--release", str(kept["id"]), "--by", "县局")
    assert admin.record_state(county.db)[("household", household)]["household_no"] == "HY-0099"  # type: ignore[index]
    with county.db.read() as session:
        logged = session.scalars(select(ChangeLog).where(ChangeLog.entity_id == household)).all()
        applied = session.get(AppliedChange, kept["change_id"])
        row_ = session.get(Quarantine, kept["id"])
    assert [(c.op, c.device_id) for c in logged] == [("I", sender)]
    assert applied is not None and applied.status == "applied"
    assert row_ is not None and (row_.status, row_.resolved_by) == ("released", "县局")
    assert "没有待审核" in run_admin(county, capsys, "quarantine")
    assert "已放行（县局）" in run_admin(county, capsys, "quarantine", "--all")
    assert "已处理过" in run_admin(
        county, capsys, "quarantine", "--release", str(kept["id"]), "--by", "县局", code=1
    )
    # The village's laptop receives it.
    db, client = county.device("hongyan")
    client.sync_once()
    assert row(db, "household", household) is not None


def test_a_release_that_fails_validation_again_stays_open_with_the_new_reason(county: County) -> None:
    household, _sender = _foreign_household(county, household_type="bogus")
    (kept,) = admin.list_quarantine(county.db)
    with county.db.read() as session:
        head = county.db.read_head(session)
    result = review.release_quarantined(county.db, kept["id"], by="县局")
    assert not result.released and "户类型" in result.reason
    (again,) = admin.list_quarantine(county.db)
    assert again["status"] == "open" and "户类型" in again["resolution_note"]
    assert len(admin.list_quarantine(county.db)) == 1  # not quarantined a second time
    assert ("household", household) not in admin.record_state(county.db)
    with county.db.read() as session:
        assert county.db.read_head(session) == head


def test_rejecting_a_quarantined_change_keeps_it_marked(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    household, _sender = _foreign_household(county)
    (kept,) = admin.list_quarantine(county.db)
    assert "--note" in run_admin(
        county, capsys, "quarantine", "--reject", str(kept["id"]), "--by", "县局", code=1
    )
    run_admin(
        county, capsys, "quarantine", "--reject", str(kept["id"]), "--by", "县局", "--note", "户编号重复登记"
    )
    (rejected,) = admin.list_quarantine(county.db)
    assert (rejected["status"], rejected["resolved_by"], rejected["resolution_note"]) == (
        "rejected",
        "县局",
        "户编号重复登记",
    )
    assert ("household", household) not in admin.record_state(county.db)
    assert "没有待审核" in run_admin(county, capsys, "quarantine")
    assert "已拒绝（县局）：户编号重复登记" in run_admin(county, capsys, "quarantine", "--all")
    assert admin.stats(county.db)["quarantined"] == 0


# --- records that should never have been stored ---------------------------------------------------------


def _store_unchecked(county: County, entity: str, entity_id: str, data: dict[str, Any], scope: str) -> None:
    """A record as an older server stored it, before it checked values."""
    with county.db.ordered_write() as (session, allocator):
        seq = allocator.next()
        session.add(
            Record(
                entity=entity,
                entity_id=entity_id,
                data=json.dumps(data, ensure_ascii=False),
                versions=json.dumps({f: [seq, 0, "old-device"] for f in data}),
                deleted=False,
                scope_path=scope,
                updated_seq=seq,
            )
        )
        session.add(
            ChangeLog(
                seq=seq,
                entity=entity,
                entity_id=entity_id,
                op="I",
                fields=json.dumps(data, ensure_ascii=False),
                hlc=0,
                device_id="old-device",
                author="",
                scope_path=scope,
                shared_up=False,
            )
        )


def _village_path(county: County, code: str) -> str:
    with county.db.read() as session:
        return session.scalars(select(OrgUnit.path).where(OrgUnit.code == code)).one()


def test_records_check_lists_what_a_laptop_cannot_store_and_set_repairs_it(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A), number="HY-0010")
    client.sync_once()
    bad = str(uuid.uuid4())
    _store_unchecked(
        county,
        "person",
        bad,
        {"household_id": household, "name": "王五", "relationship": {"code": "01"}, "status": "normal"},
        _village_path(county, VILLAGE_A),
    )
    out = run_admin(county, capsys, "records", "check", code=1)
    assert "王五" in out and "HY-0010" in out and "红岩村" in out and "与户主关系" in out and bad in out
    assert "没有发现问题" in run_admin(county, capsys, "records", "check", "--village", "石坪村")

    assert "不能保存" in run_admin(
        county, capsys, "records", "set", "person", bad, "relationship=88", "--by", "县局", code=1
    )
    run_admin(county, capsys, "records", "set", "person", bad[:8], "relationship=本人", "--by", "县局")
    assert admin.record_state(county.db)[("person", bad)]["relationship"] == "01"  # type: ignore[index]
    with county.db.read() as session:
        last = session.scalars(
            select(ChangeLog).where(ChangeLog.entity_id == bad).order_by(ChangeLog.seq.desc())
        ).first()
    assert last is not None and (last.op, last.device_id, json.loads(last.fields)) == (
        "U",
        "server",
        {"relationship": "01"},
    )
    assert "没有发现问题" in run_admin(county, capsys, "records", "check")


def test_records_check_finds_clashing_unique_values_and_missing_parents(county: County) -> None:
    scope = _village_path(county, VILLAGE_A)
    village = county.unit_id(VILLAGE_A)
    first, second, orphan = (str(uuid.uuid4()) for _ in range(3))
    for household_id in (first, second):
        _store_unchecked(
            county,
            "household",
            household_id,
            {"household_no": "SAME-1", "village_id": village, "household_type": "yiban"},
            scope,
        )
    _store_unchecked(
        county,
        "person",
        orphan,
        {"household_id": str(uuid.uuid4()), "name": "赵六", "relationship": "01", "status": "normal"},
        scope,
    )
    found = {(r.entity, r.entity_id): r.problems for r in repair.check_records(county.db)}
    assert set(found) == {("household", max(first, second)), ("person", orphan)}
    assert "户编号" in found[("household", max(first, second))][0]
    assert "不存在" in found[("person", orphan)][0]


def test_records_delete_removes_a_record_and_with_cascade_its_children_everywhere(
    county: County, capsys: pytest.CaptureFixture[str]
) -> None:
    db, client = county.device("hongyan")
    client.sync_once()
    household = add_household(db, county.unit_id(VILLAGE_A), number="HY-0011")
    person = add_person(db, household, "孙七")
    client.sync_once()
    out = run_admin(county, capsys, "records", "delete", "household", household, "--by", "县局", code=1)
    assert "人员 1 条" in out and "--cascade" in out
    assert admin.record_state(county.db)[("household", household)] is not None
    run_admin(county, capsys, "records", "delete", "household", household, "--by", "县局", "--cascade")
    state = admin.record_state(county.db)
    assert state[("household", household)] is None and state[("person", person)] is None
    with county.db.read() as session:
        deletes = session.scalars(select(ChangeLog).where(ChangeLog.op == "D").order_by(ChangeLog.seq)).all()
    assert [(c.entity, c.device_id) for c in deletes] == [("person", "server"), ("household", "server")]
    assert admin.list_conflicts(county.db) == []  # the county deletes knowingly: no "unseen child" conflict
    client.sync_once()
    assert row(db, "household", household) is None and row(db, "person", person) is None


def test_records_delete_of_a_unit_removes_it_unless_a_cadre_holds_it(county: County) -> None:
    admin.create_unit(county.db, code="500229101299", name="错建村", level="village", parent_code="500229101")
    unit = county.unit_id("500229101299")
    with pytest.raises(admin.AdminError, match="hongyan"):
        repair.delete_record(county.db, "org_unit", county.unit_id(VILLAGE_A), by="县局", cascade=True)
    repair.delete_record(county.db, "org_unit", unit, by="县局")
    assert admin.record_state(county.db)[("org_unit", unit)] is None
    with county.db.read() as session:
        assert session.get(OrgUnit, unit) is None
    db, client = county.device("miaoba")
    client.sync_once()
    assert row(db, "org_unit", unit) is None


# --- command line details ---------------------------------------------------------------------------------


def test_tables_align_chinese_and_latin_text(capsys: pytest.CaptureFixture[str]) -> None:
    server_cli._print_table(
        ["村", "户编号", "x"], [["红岩村", "A1", "1"], ["Shiping", "长长的户编号很长", "2"]], [None, 6, None]
    )
    lines = capsys.readouterr().out.splitlines()
    starts = [server_cli._width(line[: line.rindex(" ") + 1]) for line in lines]
    assert len(set(starts)) == 1  # the last column starts at the same terminal column on every line
    assert "长长…" in lines[2]


def test_a_listing_piped_into_head_ends_without_a_traceback(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'county.db'}"
    db = ServerDatabase(url)
    db.migrate()
    with db.write() as session:
        for n in range(3000):
            session.add(
                Quarantine(
                    device_id="d" * 36,
                    change_id=uuid.uuid4().hex,
                    device_seq=n + 1,
                    entry=json.dumps(
                        {"entity": "_unreadable", "entity_id": str(n), "op": "I", "changes": {}}
                    ),
                    reason="无法读取的修改" * 3,
                    received_at=datetime.now(UTC),
                )
            )
    db.dispose()
    proc = subprocess.Popen(
        [sys.executable, "-m", "yulu_desktop.server.cli", "--database-url", url, "admin", "quarantine"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    assert "编号" in proc.stdout.readline().decode()
    proc.stdout.close()  # as `head -1` does
    errors = proc.stderr.read().decode()
    proc.stderr.close()
    proc.wait(timeout=60)
    assert "Traceback" not in errors and "BrokenPipe" not in errors, errors


# --- USB bundles ------------------------------------------------------------------------------------------


def test_importing_a_usb_bundle_counts_as_the_devices_last_contact(county: County, tmp_path: Path) -> None:
    db, _client = county.device("hongyan")
    me = device_id(db)
    long_ago = datetime.now(UTC) - timedelta(days=30)
    with county.db.write() as session:
        device = session.get(Device, me)
        assert device is not None
        device.last_seen_at = long_ago
    request = tmp_path / f"usb{bundle.REQUEST_SUFFIX}"
    bundle.export_bundle(db, request)
    before = datetime.now(UTC) - timedelta(seconds=5)
    bundles.import_bundle(county.db, request.read_bytes(), imported_by="test")
    (listed,) = admin.list_devices(county.db)
    assert listed.last_seen_at is not None and listed.last_seen_at >= before
    assert listed.last_sync_at is not None and listed.last_sync_at >= before


def test_hlc_times_are_shown_as_local_times() -> None:
    moment = datetime(2025, 3, 4, 7, 5, tzinfo=UTC)
    stamp = hlc.pack(int(moment.timestamp() * 1000))
    assert review.hlc_time(stamp) == moment
    assert review.hlc_time(0) is None


def test_a_released_subsidy_step_keeps_the_role_of_the_cadre_who_took_it(county: County) -> None:
    """A village's 申请 released by the county is still a village's step (``server.subsidy_guard`` would refuse
    it as the county's), while other changes are merged with the county's role."""
    db, client = county.device("hongyan")
    client.sync_once()
    with db.read_connection() as conn:
        device_id = journal.device_id(conn)
    with county.db.read() as session:
        village_device = session.scalar(select(Device.id).where(Device.id == device_id))
        assert village_device is not None
        assert review._release_role(session, village_device, "subsidy_application") == "village"
        assert review._release_role(session, village_device, "subsidy_objection") == "village"
        assert review._release_role(session, village_device, "subsidy_rule") == "county"  # county-owned
        assert review._release_role(session, village_device, "household") == "county"
        assert review._release_role(session, "no-such-device", "subsidy_application") == "county"
