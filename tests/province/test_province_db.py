"""The province database: migration, partitions per county, adding and dropping counties, and status.

Subscriptions themselves need a county cluster to connect to (tests/province/test_county_failover.py and the
end-to-end test start those); here the failure path of ``add_county`` (a county that cannot be reached leaves
nothing behind), everything around the subscription, and the status read from the replicated heartbeat row.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from province_rows import insert_row
from sqlalchemy import text

from yulu_desktop.province.counties import (
    FEED_TABLES,
    add_county,
    conninfo_display,
    create_partitions,
    drop_county,
    list_counties,
    partition_name,
    subscription_name,
)
from yulu_desktop.province.db import VERSION_TABLE, ProvinceDatabase, ProvinceError, head_revision
from yulu_desktop.province.status import county_status

pytestmark = pytest.mark.postgres

CLOSED_PORT_CONNINFO = "host=127.0.0.1 port=1 dbname=yulu user=postgres password=s3cret connect_timeout=5"


def _tables(db: ProvinceDatabase) -> set[str]:
    with db.engine.connect() as conn:
        return set(
            conn.execute(
                text("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")
            ).scalars()
        )


def _partitions_of(db: ProvinceDatabase, table: str) -> set[str]:
    with db.engine.connect() as conn:
        return set(
            conn.execute(
                text(
                    "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                    "WHERE i.inhparent = to_regclass(:t)"
                ),
                {"t": table},
            ).scalars()
        )


def test_migrate_creates_the_partitioned_tables_under_its_own_version_table(
    province: ProvinceDatabase,
) -> None:
    province.migrate()  # a second run changes nothing
    assert province.current_revision() == head_revision() == "p0002"
    tables = _tables(province)
    assert {*FEED_TABLES, "province_county", VERSION_TABLE} <= tables
    assert "alembic_version" not in tables  # never mistaken for (or colliding with) a county server
    with province.engine.connect() as conn:
        partitioned: dict[str, str] = dict(
            conn.execute(
                text(
                    "SELECT c.relname, pg_get_partkeydef(c.oid) FROM pg_partitioned_table p "
                    "JOIN pg_class c ON c.oid = p.partrelid "
                    "WHERE c.relnamespace = to_regnamespace(current_schema())"
                )
            ).all()
        )
        keys: dict[str, str] = dict(
            conn.execute(
                text(
                    "SELECT c.relname, pg_get_constraintdef(k.oid) FROM pg_constraint k "
                    "JOIN pg_class c ON c.oid = k.conrelid WHERE k.contype = 'p' "
                    "AND c.relnamespace = to_regnamespace(current_schema())"
                )
            ).all()
        )
        indexes = set(
            conn.execute(
                text("SELECT indexdef FROM pg_indexes WHERE schemaname = current_schema()")
            ).scalars()
        )
    assert partitioned == dict.fromkeys(FEED_TABLES, "LIST (county_code)")
    assert keys["prov_feed_state"] == "PRIMARY KEY (county_code)"
    for table in FEED_TABLES[1:]:
        assert keys[table] == "PRIMARY KEY (county_code, id)", table
    assert any("ON ONLY" in i and "prov_person" in i and "(id_hash)" in i for i in indexes)


def test_only_postgresql_is_accepted() -> None:
    with pytest.raises(ProvinceError, match="只能是 PostgreSQL"):
        ProvinceDatabase("sqlite:///province.db")
    with pytest.raises(ProvinceError, match="无法识别"):
        ProvinceDatabase("not a url")


def test_names_of_partitions_and_subscriptions() -> None:
    assert partition_name("prov_person", "500229") == "prov_person_c500229"
    assert subscription_name("500229") == "yulu_c500229"


def test_partitions_route_each_county_to_its_own_table(province: ProvinceDatabase) -> None:
    create_partitions(province, code="500229", name="城口县")
    create_partitions(province, code="500238", name="巫溪县")
    for table in FEED_TABLES:
        assert _partitions_of(province, table) == {f"{table}_c500229", f"{table}_c500238"}
    insert_row(province, "prov_person", county_code="500229", id="p1", name="张三")
    insert_row(province, "prov_person", county_code="500238", id="p1", name="李四")
    with province.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM prov_person_c500229")).scalars().all() == ["张三"]
        assert conn.execute(text("SELECT name FROM prov_person_c500238")).scalars().all() == ["李四"]
        person = conn.execute(text("SELECT id_masked, status FROM prov_person_c500229")).one()
    assert tuple(person) == ("", "normal")  # the defaults of the feed
    with pytest.raises(Exception, match="no partition"):
        insert_row(province, "prov_person", county_code="500240", id="p1", name="王五")


def test_a_county_is_added_once(province: ProvinceDatabase) -> None:
    create_partitions(province, code="500229", name="城口县")
    with pytest.raises(ProvinceError, match="已经添加过"):
        create_partitions(province, code="500229", name="城口县")
    with pytest.raises(ProvinceError, match="已经添加过"):
        add_county(province, code="500229", name="城口县", conninfo=CLOSED_PORT_CONNINFO)
    # the county that was there is untouched
    assert _partitions_of(province, "prov_person") == {"prov_person_c500229"}
    assert [c.code for c in list_counties(province)] == ["500229"]


@pytest.mark.parametrize(
    ("code", "name"), [("50022", "城口县"), ("50022x", "城口县"), ("500229", " "), ("500229", "城口\n县")]
)
def test_codes_and_names_are_checked(province: ProvinceDatabase, code: str, name: str) -> None:
    with pytest.raises(ProvinceError, match=r"县代码|县名称"):
        add_county(province, code=code, name=name, conninfo=CLOSED_PORT_CONNINFO)
    assert _partitions_of(province, "prov_person") == set()
    assert list_counties(province) == []


def test_a_county_that_cannot_be_reached_leaves_nothing_behind(province: ProvinceDatabase) -> None:
    with pytest.raises(ProvinceError) as caught:
        add_county(province, code="500229", name="城口县", conninfo=CLOSED_PORT_CONNINFO)
    message = str(caught.value)
    assert "无法订阅县 500229（城口县）" in message and "port=1" in message
    assert "s3cret" not in message  # the password is never shown
    for table in FEED_TABLES:
        assert _partitions_of(province, table) == set(), table
        assert partition_name(table, "500229") not in _tables(province)
    assert list_counties(province) == []
    # and it can simply be tried again
    create_partitions(province, code="500229", name="城口县")
    assert [c.code for c in list_counties(province)] == ["500229"]


def test_a_failed_new_attempt_keeps_the_record_of_a_dropped_county(province: ProvinceDatabase) -> None:
    create_partitions(province, code="500229", name="城口县")
    drop_county(province, code="500229", keep_data=False)
    (before,) = list_counties(province)
    with pytest.raises(ProvinceError):
        add_county(province, code="500229", name="城口县（新）", conninfo=CLOSED_PORT_CONNINFO)
    assert list_counties(province) == [before]


def test_dropping_a_county_keeps_its_data_under_a_dated_name(province: ProvinceDatabase) -> None:
    create_partitions(province, code="500229", name="城口县")
    create_partitions(province, code="500238", name="巫溪县")
    insert_row(province, "prov_person", county_code="500229", id="p1", name="张三")
    insert_row(province, "prov_person", county_code="500238", id="p2", name="李四")
    messages = drop_county(province, code="500229")
    assert any("已分离" in m for m in messages)
    day = datetime.now(UTC).strftime("%Y%m%d")
    tables = _tables(province)
    for table in FEED_TABLES:
        assert _partitions_of(province, table) == {f"{table}_c500238"}
        assert f"{table}_c500229_detached_{day}" in tables
    with province.engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM prov_person")).scalars().all() == ["李四"]
        kept = conn.execute(text(f"SELECT name FROM prov_person_c500229_detached_{day}")).scalars().all()
    assert kept == ["张三"]
    by_code = {c.code: c for c in list_counties(province)}
    assert by_code["500229"].detached_at is not None and by_code["500238"].detached_at is None
    with pytest.raises(ProvinceError, match="没有添加"):
        drop_county(province, code="500229")
    # added again (and dropped again the same day: the second copy gets its own name)
    create_partitions(province, code="500229", name="城口县")
    drop_county(province, code="500229")
    assert f"prov_person_c500229_detached_{day}_2" in _tables(province)


def test_dropping_a_county_without_keeping_its_data(province: ProvinceDatabase) -> None:
    create_partitions(province, code="500229", name="城口县")
    insert_row(province, "prov_person", county_code="500229", id="p1", name="张三")
    drop_county(province, code="500229", keep_data=False)
    assert not any("500229" in t for t in _tables(province))
    with province.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM prov_person")).scalar_one() == 0
    with pytest.raises(ProvinceError, match="没有添加"):
        drop_county(province, code="500238")


def test_the_password_is_not_kept() -> None:
    shown = conninfo_display("host=10.0.0.5 port=5432 dbname=yulu user=province password='p w'")
    assert "password" not in shown and "p w" not in shown
    assert "host=10.0.0.5" in shown and "user=province" in shown
    assert "secret" not in conninfo_display("postgresql://province:secret@10.0.0.5/yulu")
    with pytest.raises(ProvinceError, match="连接串"):
        conninfo_display("host='unterminated")


def test_status_measures_the_lag_from_the_replicated_heartbeat(province: ProvinceDatabase) -> None:
    create_partitions(province, code="500229", name="城口县")
    create_partitions(province, code="500238", name="巫溪县")
    now = datetime(2026, 12, 6, 8, 0, tzinfo=UTC)
    insert_row(
        province,
        "prov_feed_state",
        county_code="500229",
        county_name="城口县",
        feed_version=1,
        last_seq=4711,
        heartbeat_at=now - timedelta(seconds=90),
        changed_at=now - timedelta(hours=1),
        people=1234,
    )
    chengkou, wuxi = county_status(province, now=now)
    assert (chengkou.code, chengkou.name) == ("500229", "城口县")
    assert chengkou.lag_seconds == pytest.approx(90.0)
    assert chengkou.heartbeat_at == now - timedelta(seconds=90)
    assert (chengkou.feed_version, chengkou.last_seq, chengkou.people) == (1, 4711, 1234)
    # no subscription in this test: neither enabled nor running, no errors counted
    assert (chengkou.enabled, chengkou.running, chengkou.apply_errors, chengkou.sync_errors) == (
        False,
        False,
        0,
        0,
    )
    assert (wuxi.code, wuxi.heartbeat_at, wuxi.lag_seconds, wuxi.people, wuxi.last_seq) == (
        "500238",
        None,
        None,
        0,
        None,
    )
    drop_county(province, code="500238")
    assert [s.code for s in county_status(province, now=now)] == ["500229"]


def test_a_county_that_cannot_be_reached_is_dropped_and_the_admin_told_about_its_slot(
    province: ProvinceDatabase,
) -> None:
    """A real subscription, created without connecting (``connect = false``: no county needed), whose county
    cannot be reached when it is dropped: the slot cannot be dropped there, so the admin gets the exact SQL."""
    code = "990001"  # subscriptions are per database, not per schema: a code no other test uses
    sub = subscription_name(code)
    create_partitions(province, code=code, name="测试县")
    (county,) = list_counties(province)
    assert county.slot.startswith(
        f"{sub}_"
    )  # this database's own slot on the county, not the subscription's name
    with province.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(
            f"CREATE SUBSCRIPTION {sub} CONNECTION 'host=127.0.0.1 port=1 dbname=yulu connect_timeout=5' "
            f"PUBLICATION yulu_province WITH (connect = false, slot_name = '{county.slot}')"
        )
    try:
        messages = drop_county(province, code=code)
        with province.engine.connect() as conn:
            left = conn.execute(text("SELECT count(*) FROM pg_subscription WHERE subname = :s"), {"s": sub})
            assert left.scalar_one() == 0
    finally:
        with province.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            if conn.execute(
                text("SELECT count(*) FROM pg_subscription WHERE subname = :s"), {"s": sub}
            ).scalar_one():
                conn.exec_driver_sql(f"ALTER SUBSCRIPTION {sub} DISABLE")
                conn.exec_driver_sql(f"ALTER SUBSCRIPTION {sub} SET (slot_name = NONE)")
                conn.exec_driver_sql(f"DROP SUBSCRIPTION {sub}")
    assert any(f"SELECT pg_drop_replication_slot('{county.slot}');" in m for m in messages), messages
    assert not any(f"'{sub}'" in m for m in messages), messages  # another subscriber's slot would be named so
    assert _partitions_of(province, "prov_person") == set()
    assert list_counties(province)[0].detached_at is not None
