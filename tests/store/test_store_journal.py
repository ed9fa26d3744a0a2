"""The change journal: nothing changes shared data without an entry, in the same transaction."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from yulu_desktop.domain.entities import EmploymentRecord, Person, Visit
from yulu_desktop.store import audit, journal
from yulu_desktop.store.database import Database
from yulu_desktop.store.schema import LOCAL_ONLY_COLUMNS, SHARED_TABLES

# Which field to change on each entity for the update test (a plain text or number column).
UPDATABLE = {
    "org_unit": ("name", "城口县（新）"),
    "household": ("address", "2组5号"),
    "person": ("phone", "13800138000"),
    "enrollment": ("major", "护理"),
    "intent": ("notes", "想学护理"),
    "visit": ("notes", "孩子已报名"),
    "training": ("provider", "县就业局"),
    "subsidy_setting": ("annual_amount_fen", 400000),
    "subsidy_application": ("state", "village_reviewed"),
    "attachment": ("note", "已核对"),
    "membership_change": ("note", "补记：户口簿已核对"),
    "subsidy_rule": ("note", "2025 年秋季起执行"),
    "subsidy_window": ("term", "2026-spring"),
    "subsidy_evidence": ("note", "复印件清晰"),
    "subsidy_publicity": ("place", "村务公开栏"),
    "subsidy_objection": ("outcome", "dismissed"),
    "subsidy_payment_batch": ("total_count", 3),
    "school": ("place", "重庆市万州区"),
    "enterprise": ("contact_phone", "13800138000"),
    "employment_agreement": ("places_per_year", 30),
    "job_position": ("openings", 5),
    "job_fair": ("place", "县体育馆"),
    "fair_invitation": ("attended", True),
    "job_referral": ("state", "interview"),
    "employment_follow_up": ("note", "工作稳定"),
    "career_plan": ("goal", "口腔技师"),
    "policy_campaign": ("place", "村委会"),
    "campaign_reach": ("note", "已发放宣传单"),
    "placement_action": ("next_action", "联系县就业局"),
}


def entries(db: Database) -> list[journal.JournalEntry]:
    with db.read_connection() as conn:
        return journal.pending_entries(conn, limit=100000)


def test_every_shared_entity_has_a_table_in_the_update_list() -> None:
    assert set(UPDATABLE) | {"employment_record"} == set(SHARED_TABLES)


@pytest.mark.parametrize("entity", sorted(SHARED_TABLES))
def test_orm_insert_of_every_entity_is_journaled(
    db: Database, sample_graph: dict[str, Any], entity: str
) -> None:
    record = sample_graph[entity]
    inserts = [e for e in entries(db) if e.entity == entity and e.entity_id == record.id and e.op == "I"]
    assert len(inserts) == 1
    changes = inserts[0].changes
    local_only = LOCAL_ONLY_COLUMNS.get(entity, frozenset())
    expected_columns = {c.name for c in SHARED_TABLES[entity].columns} - local_only
    assert set(changes) == expected_columns
    assert all(old is None for old, _new in changes.values())
    assert changes["id"] == [None, record.id]
    assert inserts[0].author == "测试员"


@pytest.mark.parametrize("entity", sorted(UPDATABLE))
def test_orm_update_of_every_entity_records_only_the_changed_field(
    db: Database, sample_graph: dict[str, Any], entity: str
) -> None:
    field, value = UPDATABLE[entity]
    record = sample_graph[entity]
    old = getattr(record, field)
    with db.write() as session:
        journal.set_author(session.connection(), "王五")
        setattr(session.get(type(record), record.id), field, value)
    updates = [e for e in entries(db) if e.entity_id == record.id and e.op == "U"]
    assert len(updates) == 1
    assert updates[0].changes == {field: [old, value]}
    assert updates[0].author == "王五"


@pytest.mark.parametrize("entity", sorted(SHARED_TABLES))
def test_raw_sql_update_and_delete_of_every_entity_are_journaled(
    db: Database, sample_graph: dict[str, Any], entity: str
) -> None:
    """Whatever code path writes — here plain SQL, bypassing the ORM and services — the journal records it."""
    record = sample_graph[entity]
    with db.write_connection() as conn:
        if entity == "employment_record":
            with pytest.raises(IntegrityError, match="只能追加"), conn.begin_nested():
                conn.execute(text(f"DELETE FROM {entity} WHERE id = :id"), {"id": record.id})
            return
        if entity == "org_unit":
            # Referenced by the village and household (RESTRICT); drop the dependants first.
            conn.execute(text("DELETE FROM household"))
            conn.execute(text("DELETE FROM subsidy_publicity"))
            conn.execute(text("DELETE FROM subsidy_payment_batch"))
            for table in ("school", "enterprise", "employment_agreement", "job_position", "job_fair"):
                conn.execute(text(f"DELETE FROM {table}"))
            conn.execute(text("DELETE FROM policy_campaign"))
            conn.execute(text("DELETE FROM org_unit WHERE parent_id IS NOT NULL"))
        if entity == "enrollment":
            # A subsidy application keeps its enrollment (RESTRICT).
            conn.execute(text("DELETE FROM subsidy_application"))
        conn.execute(text(f"DELETE FROM {entity} WHERE id = :id"), {"id": record.id})
    tombstones = [e for e in entries(db) if e.entity_id == record.id and e.op == "D"]
    assert len(tombstones) == 1
    assert tombstones[0].changes["id"] == [record.id, None]
    assert all(new is None for _old, new in tombstones[0].changes.values())


def test_deleting_a_household_leaves_a_tombstone_for_each_cascaded_row(
    db: Database, sample_graph: dict[str, Any]
) -> None:
    with db.write_connection() as conn:
        conn.execute(text("DELETE FROM household WHERE id = :id"), {"id": sample_graph["household"].id})
    deleted = {(e.entity, e.entity_id) for e in entries(db) if e.op == "D"}
    for entity in (
        "household",
        "person",
        "enrollment",
        "intent",
        "visit",
        "training",
        "employment_record",
        "subsidy_application",
        "attachment",
    ):
        assert (entity, sample_graph[entity].id) in deleted


def test_local_only_column_changes_are_not_journaled(db: Database, sample_graph: dict[str, Any]) -> None:
    before = len(entries(db))
    with db.write() as session:
        session.get(Person, sample_graph["person"].id).search_key = "zhangkun zk"  # type: ignore[union-attr]
    assert len(entries(db)) == before


def test_rolled_back_transaction_leaves_no_journal_entry(db: Database, sample_graph: dict[str, Any]) -> None:
    before = len(entries(db))
    with pytest.raises(RuntimeError), db.write() as session:
        session.get(Visit, sample_graph["visit"].id).notes = "不会保存"  # type: ignore[union-attr]
        session.flush()
        raise RuntimeError("power cut")
    assert len(entries(db)) == before


def test_entries_have_unique_ids_increasing_clock_and_device(
    db: Database, sample_graph: dict[str, Any]
) -> None:
    all_entries = entries(db)
    assert len({e.change_id for e in all_entries}) == len(all_entries)
    clocks = [e.hlc for e in all_entries]
    assert clocks == sorted(clocks) and len(set(clocks)) == len(clocks)
    with db.read_connection() as conn:
        device = journal.device_id(conn)
    assert {e.device_id for e in all_entries} == {device}


def test_journal_entries_are_frozen(db: Database, sample_graph: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError, match="不能修改"), db.write_connection() as conn:
        conn.execute(text("UPDATE change_journal SET changes = '{}'"))


def test_unacknowledged_entries_cannot_be_deleted(db: Database, sample_graph: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError, match="尚未被县服务器确认"), db.write_connection() as conn:
        conn.execute(text("DELETE FROM change_journal"))


def test_acknowledge_compacts_and_later_entries_sort_after(
    db: Database, sample_graph: dict[str, Any]
) -> None:
    before = entries(db)
    with db.write_connection() as conn:
        removed = journal.acknowledge(conn, before[5].seq)
    assert removed == 6
    with db.read_connection() as conn:
        assert journal.pending_count(conn) == len(before) - 6
    with db.write_connection() as conn:
        journal.acknowledge(conn, before[-1].seq)
    assert entries(db) == []
    with db.write() as session:
        session.get(Visit, sample_graph["visit"].id).notes = "新的走访记录"  # type: ignore[union-attr]
    (after,) = entries(db)
    assert after.hlc > before[-1].hlc
    assert after.seq > before[-1].seq


def test_applying_remote_changes_is_not_journaled(db: Database, sample_graph: dict[str, Any]) -> None:
    before = len(entries(db))
    with db.write_connection() as conn:
        conn.execute(text("UPDATE device_state SET applying_remote = 1"))
        conn.execute(text("UPDATE visit SET notes = '来自县服务器'"))
        conn.execute(text("UPDATE device_state SET applying_remote = 0"))
    assert len(entries(db)) == before


def test_writes_fail_without_device_state(db: Database, sample_graph: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError), db.write_connection() as conn:
        conn.execute(text("DELETE FROM device_state"))
        conn.execute(text("UPDATE visit SET notes = '没有设备信息'"))


def test_record_ids_cannot_change(db: Database, sample_graph: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError, match="记录编号不能修改"), db.write_connection() as conn:
        conn.execute(text("UPDATE visit SET id = 'other'"))


def test_employment_history_is_append_only(db: Database, sample_graph: dict[str, Any]) -> None:
    with pytest.raises(IntegrityError, match="只能追加"), db.write() as session:
        session.get(EmploymentRecord, sample_graph["employment_record"].id).employer = "改写"  # type: ignore[union-attr]


def test_audit_log_is_append_only(db: Database) -> None:
    with db.write_connection() as conn:
        audit.append(conn, actor="李明", action="print")
    for statement in ("UPDATE audit_log SET actor = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(IntegrityError, match="审计日志只能追加"), db.write_connection() as conn:
            conn.execute(text(statement))


def test_triggers_cover_columns_added_by_a_later_migration(
    db: Database, sample_graph: dict[str, Any]
) -> None:
    """Triggers are generated from the live schema, so a new column is journaled once they are reinstalled."""
    with db.write_connection() as conn:
        conn.execute(text("ALTER TABLE visit ADD COLUMN weather TEXT"))
        journal.install_triggers(conn)
        conn.execute(text("UPDATE visit SET weather = '晴'"))
    (update,) = [e for e in entries(db) if e.op == "U"]
    assert update.changes == {"weather": [None, "晴"]}


# --- property: replaying the journal reproduces the table ----------------------------------------------

operations = st.lists(
    st.one_of(
        st.tuples(st.just("insert"), st.text("张王李赵刘", min_size=1, max_size=3)),
        st.tuples(st.just("rename"), st.integers(0, 20), st.text("伟芳娜静", min_size=1, max_size=2)),
        st.tuples(st.just("phone"), st.integers(0, 20), st.sampled_from(["13800138000", "", "15912345678"])),
        st.tuples(st.just("delete"), st.integers(0, 20)),
    ),
    max_size=25,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations)
def test_replaying_the_journal_reproduces_the_people(
    db: Database, sample_graph: dict[str, Any], ops: list[Any]
) -> None:
    household_id = sample_graph["household"].id
    with db.write_connection() as conn:
        conn.execute(text("DELETE FROM person"))
        start = conn.execute(text("SELECT coalesce(max(seq), 0) FROM change_journal")).scalar_one()
    ids: list[str] = []
    for op in ops:
        with db.write() as session:
            if op[0] == "insert":
                person = Person(household_id=household_id, name=op[1])
                session.add(person)
                ids.append(person.id)
            elif ids:
                target = session.get(Person, ids[op[1] % len(ids)])
                if target is None:
                    continue
                if op[0] == "rename":
                    target.name = op[2]
                elif op[0] == "phone":
                    target.phone = op[2]
                else:
                    session.delete(target)
    replayed: dict[str, dict[str, Any]] = {}
    with db.read_connection() as conn:
        for entry in journal.pending_entries(conn, after_seq=start, limit=100000):
            if entry.entity != "person":
                continue
            if entry.op == "D":
                del replayed[entry.entity_id]
            else:
                row = replayed.setdefault(entry.entity_id, {})
                row.update({name: new for name, (_old, new) in entry.changes.items()})
        actual = {
            row["id"]: {k: row[k] for k in ("name", "phone", "household_id")}
            for row in conn.execute(text("SELECT * FROM person")).mappings()
        }
    assert {
        pid: {k: r[k] for k in ("name", "phone", "household_id")} for pid, r in replayed.items()
    } == actual


def test_journal_changes_are_json_objects(db: Database, sample_graph: dict[str, Any]) -> None:
    with db.read_connection() as conn:
        raw = conn.execute(text("SELECT changes FROM change_journal")).scalars().all()
    assert raw and all(isinstance(json.loads(item), dict) for item in raw)


def test_dataclass_fields_match_table_columns() -> None:
    from yulu_desktop.domain.entities import SHARED_ENTITIES

    for name, cls in SHARED_ENTITIES.items():
        assert {f.name for f in dataclasses.fields(cls)} == {c.name for c in SHARED_TABLES[name].columns}, (
            name
        )


def test_acknowledging_beyond_the_newest_entry_keeps_the_count_right(
    db: Database, sample_graph: dict[str, Any]
) -> None:
    with db.write_connection() as conn:
        journal.acknowledge(conn, 10**9)
    with db.write() as session:
        session.get(Visit, sample_graph["visit"].id).notes = "确认之后的修改"  # type: ignore[union-attr]
    with db.read_connection() as conn:
        assert journal.pending_count(conn) == 1
