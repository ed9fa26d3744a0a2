"""A city bureau and the province both subscribe to one county (docs/PROVINCE.md "A city and the province").

Every subscriber calls its subscription ``yulu_c<code>``, and PostgreSQL would name the replication slot on the
county after it: two subscribers would ask the county for one slot. Each subscriber database therefore names its
slot ``yulu_c<code>_<subscriber>`` (``province.counties.subscriber_tag``) and keeps the name with the county.

Two throw-away clusters (``pg_clusters``): the county, and one subscriber cluster holding two databases, ``city``
and ``yulu`` (the province) — two databases of one cluster share the cluster's system identifier, the closest two
subscribers can be. The county runs a real county server database; its feeder commits a new unit after both
subscriptions exist, and both must receive it. Then the upgrade: a province database of the last release
(``p0001``, the slot named ``yulu_c<code>``) migrates, keeps streaming, and drop-county drops that slot.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))

from pg_clusters import Cluster, clusters, create_cluster

from yulu_desktop.province import counties, status
from yulu_desktop.province.db import ProvinceDatabase
from yulu_desktop.server import admin, province_feed
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.db import ServerDatabase

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

CODE, NAME = "500229", "城口县"
WAIT = 120.0


def _wait(what: str, ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT:.0f} s: {what}")
        time.sleep(0.2)


@contextlib.contextmanager
def _county(cluster: Cluster) -> Iterator[tuple[ServerDatabase, province_feed.ProvinceKey]]:
    """A county server database with its county and one township, fed once and published."""
    server = ServerDatabase(cluster.url())
    try:
        server.migrate()
        admin.create_unit(server, code=CODE, name=NAME, level="county")
        admin.create_unit(server, code="500229101", name="庙坝镇", level="township", parent_code=CODE)
        key = province_feed.new_province_key()
        province_feed.feed_once(server, key)
        province_feed.publish(server)
        yield server, key
    finally:
        server.dispose()


def _new_unit(server: ServerDatabase, key: province_feed.ProvinceKey, code: str, name: str) -> str:
    """A township the county creates, then one feeder run: a change the feeder commits. Returns its id."""
    unit_id = admin.create_unit(server, code=code, name=name, level="township", parent_code=CODE)
    assert province_feed.feed_once(server, key).caught_up
    return unit_id


def _units(db: ProvinceDatabase) -> set[str]:
    with db.engine.connect() as conn:
        return {
            str(r[0])
            for r in conn.execute(text(f"SELECT id FROM {counties.partition_name('prov_unit', CODE)}"))
        }


def _receives(db: ProvinceDatabase, unit_id: str) -> Callable[[], bool]:
    return lambda: unit_id in _units(db)


def _copied(db: ProvinceDatabase) -> Callable[[], bool]:
    """Every table of the subscription copied and streaming ('r' in pg_subscription_rel)."""

    def ready() -> bool:
        with db.engine.connect() as conn:
            states = conn.execute(
                text(
                    "SELECT r.srsubstate FROM pg_subscription_rel r JOIN pg_subscription s ON s.oid = r.srsubid "
                    "WHERE s.subname = :sub AND s.subdbid = (SELECT oid FROM pg_database "
                    "WHERE datname = current_database())"
                ),
                {"sub": counties.subscription_name(CODE)},
            ).scalars()
            found = list(states)
        return len(found) == len(counties.FEED_TABLES) and set(found) == {"r"}

    return ready


def _slots(county: Cluster) -> list[str]:
    """The subscribers' slots on the county (not the temporary slots of table copies, ``pg_…_sync_…``)."""
    return [
        str(r[0])
        for r in county.query(
            "SELECT slot_name FROM pg_replication_slots WHERE slot_name NOT LIKE 'pg\\_%' ORDER BY 1"
        )
    ]


def _running(db: ProvinceDatabase) -> bool:
    (state,) = status.county_status(db)
    return state.running


def test_names_of_slots() -> None:
    assert counties.slot_name(CODE, "3f2a9c0177") == "yulu_c500229_3f2a9c0177"
    assert province_feed.province_slot_parts("yulu_c500229_3f2a9c0177") == (CODE, "3f2a9c0177")
    assert province_feed.province_slot_parts("yulu_c500229") == (CODE, "")  # subscribed before this change
    assert province_feed.province_slot_parts("pg_16390_sync_16385_7300000000000000000") is None
    with pytest.raises(ValueError, match="not a province slot name"):
        counties.slot_name(CODE, "City")  # PostgreSQL takes lower-case letters, digits and underscores only


def test_a_city_and_the_province_each_subscribe_to_one_county(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with clusters() as made:
        made.append(county_cluster := create_cluster("twoc"))
        made.append(subscribers := create_cluster("twos", logical=False))
        subscribers.execute("CREATE DATABASE city", dbname="postgres")
        province = ProvinceDatabase(subscribers.url("yulu"))
        city = ProvinceDatabase(subscribers.url("city"))
        try:
            with _county(county_cluster) as (server, key):
                for db in (province, city):
                    db.migrate()
                with province.engine.connect() as p, city.engine.connect() as c:
                    assert counties.subscriber_tag(p) != counties.subscriber_tag(c)
                    assert counties.subscriber_tag(p) == counties.subscriber_tag(p)  # stable

                added_p = counties.add_county(
                    province, code=CODE, name=NAME, conninfo=county_cluster.conninfo()
                )
                _wait("the province's copy", _copied(province))
                added_c = counties.add_county(city, code=CODE, name=NAME, conninfo=county_cluster.conninfo())
                _wait("the city's copy", _copied(city))
                assert added_p.subscription == added_c.subscription == "yulu_c500229"
                assert added_p.slot != added_c.slot
                for added in (added_p, added_c):
                    assert added.slot.startswith("yulu_c500229_") and len(added.slot) <= 63
                assert _slots(county_cluster) == sorted([added_p.slot, added_c.slot])
                assert [s.slot for s in status.county_status(province)] == [added_p.slot]

                # A change the county's feeder commits reaches both.
                first = _new_unit(server, key, "500229102", "修齐镇")
                _wait("the province receives the new unit", _receives(province, first))
                _wait("the city receives the new unit", _receives(city, first))
                assert _units(province) == _units(city)

                # The county's own status names both subscribers and what each holds back.
                capsys.readouterr()
                assert (
                    server_cli.main(["--database-url", county_cluster.url(), "admin", "province", "status"])
                    == 0
                )
                out = capsys.readouterr().out
                assert "订阅本县的数据库：2 个" in out
                for added in (added_p, added_c):
                    tag = added.slot.removeprefix("yulu_c500229_")
                    assert f"复制槽 {added.slot}（订阅者 {tag}）" in out

                # The city drops the county: the province keeps streaming, its slot is the one left.
                messages = counties.drop_county(city, code=CODE, keep_data=False)
                assert any(added_c.slot in m for m in messages), messages
                assert _slots(county_cluster) == [added_p.slot]
                second = _new_unit(server, key, "500229103", "沿河乡")
                _wait("the province still receives", _receives(province, second))
                assert _running(province)
                assert counties.list_counties(city)[0].detached_at is not None

                # And the city can subscribe again beside it (the name is the city's, the slot free again).
                again = counties.add_county(city, code=CODE, name=NAME, conninfo=county_cluster.conninfo())
                assert again.slot == added_c.slot
                _wait("the city's copy again", _copied(city))
                assert second in _units(city)
                assert _slots(county_cluster) == sorted([added_p.slot, added_c.slot])
                for db in (city, province):
                    counties.drop_county(db, code=CODE, keep_data=False)
                assert _slots(county_cluster) == []
        finally:
            province.dispose()
            city.dispose()


def _add_county_as_the_last_release_did(db: ProvinceDatabase, conninfo: str) -> None:
    """``add_county`` of the last release (schema p0001): the partitions, the county's row and a subscription
    whose slot is named after it, ``yulu_c<code>``."""
    with db.engine.begin() as conn:
        for table in counties.FEED_TABLES:
            conn.exec_driver_sql(
                f"CREATE TABLE {counties.partition_name(table, CODE)} PARTITION OF {table} FOR VALUES IN ('{CODE}')"
            )
        conn.execute(
            text(
                "INSERT INTO province_county (code, name, subscription, conninfo_display, added_at, detached_at) "
                "VALUES (:code, :name, :sub, :display, :now, NULL)"
            ),
            {
                "code": CODE,
                "name": NAME,
                "sub": f"yulu_c{CODE}",
                "display": conninfo,
                "now": datetime.now(UTC),
            },
        )
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql(
            f"CREATE SUBSCRIPTION yulu_c{CODE} CONNECTION '{conninfo}' PUBLICATION yulu_province "
            "WITH (copy_data = true)"
        )


def test_a_county_subscribed_by_the_last_release_keeps_its_slot_through_the_upgrade() -> None:
    with clusters() as made:
        made.append(county_cluster := create_cluster("oldc"))
        made.append(province_cluster := create_cluster("olds", logical=False))
        province = ProvinceDatabase(province_cluster.url())
        try:
            with _county(county_cluster) as (server, key):
                province.migrate("p0001")
                _add_county_as_the_last_release_did(province, county_cluster.conninfo())
                _wait("the old subscription's copy", _copied(province))
                assert _slots(county_cluster) == ["yulu_c500229"]

                province.migrate()
                assert province.current_revision() == "p0002"
                (county,) = counties.list_counties(province)
                assert (county.subscription, county.slot) == ("yulu_c500229", "yulu_c500229")
                assert [s.slot for s in status.county_status(province)] == ["yulu_c500229"]
                unit = _new_unit(server, key, "500229102", "修齐镇")
                _wait("the upgraded province keeps receiving", _receives(province, unit))
                assert _running(province)
                assert _slots(county_cluster) == ["yulu_c500229"]

                messages = counties.drop_county(province, code=CODE, keep_data=False)
                assert any("yulu_c500229 一并删除" in m for m in messages), messages
                assert _slots(county_cluster) == []
        finally:
            province.dispose()
