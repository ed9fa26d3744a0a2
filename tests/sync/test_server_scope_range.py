"""A jurisdiction is read as an index range on ``scope_path`` (server migration s0010, issue 20).

The digest every sync ends with, snapshots, attachments and repairs read one entity inside a jurisdiction.
Before s0010 that was ``scope_path LIKE 'path%'``, which PostgreSQL under the database's collation cannot take
from an index: each digest scanned the whole ``record`` table.
"""

from __future__ import annotations

import itertools

from sqlalchemy import insert, inspect, select, text
from sync_helpers import VILLAGE_A, VILLAGE_B, County, add_household, add_person, pending

from yulu_desktop.server import admin, service
from yulu_desktop.server import db as server_db
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import OrgUnit, Record, scope_within
from yulu_desktop.sync import protocol as p

#: Characters around the path separator in byte order ("-" < "." < "/" < "0"), a letter, DEL and a Chinese one.
ALPHABET = "-./0a\x7f中"


def test_scope_within_is_exactly_the_paths_starting_with_the_jurisdiction(server_url: str) -> None:
    """Every path of up to three characters over ``ALPHABET``, asked for by every such prefix: the range holds
    exactly the paths ``str.startswith`` holds, on SQLite and under PostgreSQL's ``C`` collation alike."""
    paths = ["".join(t) for n in range(1, 4) for t in itertools.product(ALPHABET, repeat=n)]
    database = ServerDatabase(server_url)
    database.migrate()
    try:
        with database.write() as session:
            session.execute(
                insert(Record),
                [
                    {
                        "entity": "household",
                        "entity_id": str(i),
                        "data": "{}",
                        "versions": "{}",
                        "deleted": False,
                        "scope_path": path,
                        "updated_seq": i,
                    }
                    for i, path in enumerate(paths)
                ],
            )
        with database.read() as session:
            for prefix in ["", *(p for p in paths if len(p) <= 2)]:
                found = set(
                    session.scalars(select(Record.scope_path).where(scope_within(Record.scope_path, prefix)))
                )
                assert found == {path for path in paths if path.startswith(prefix)}, prefix
    finally:
        database.dispose()


def test_the_digest_reads_its_jurisdiction_from_the_index(county: County) -> None:
    """The plan of the digest's query takes the jurisdiction as an index condition on ``scope_path``: on
    PostgreSQL with sequential scans off (so the size of a test table does not decide), on SQLite as it is.
    Before s0010 neither could: a ``LIKE`` under PostgreSQL's database collation, or SQLite's case-blind one."""
    with county.db.read() as session:
        path = session.scalars(select(OrgUnit.path).where(OrgUnit.code == VILLAGE_A)).one()
    village = p.OrgUnitInfo(id=county.unit_id(VILLAGE_A), code=VILLAGE_A, name="红岩村", level="village")
    ctx = service.DeviceContext(device_id="d", cadre_id="c", revoked=False, jurisdiction=village, path=path)
    query = select(Record.entity_id).where(service._live_in_scope(ctx, "person"))
    compiled = query.compile(county.db.engine, compile_kwargs={"literal_binds": True})
    with county.db.engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))
            plan = "\n".join(str(r[0]) for r in conn.execute(text(f"EXPLAIN {compiled}")))
            condition = plan.split("Index Cond", 1)[-1]
        else:
            plan = "\n".join(str(r[-1]) for r in conn.execute(text(f"EXPLAIN QUERY PLAN {compiled}")))
            condition = plan.split("USING INDEX", 1)[-1]
    assert "ix_record_entity_scope" in plan and "scope_path" in condition, plan


def test_a_county_of_the_last_release_upgrades_and_its_laptops_sync_their_unsent_changes(
    county: County,
) -> None:
    """s0009 (the last release) → s0010 while laptops hold unsent changes in two villages: everything reaches
    the county, each digest agrees with its laptop (nothing to repair), and a new township laptop pulls
    exactly its jurisdiction."""
    hongyan, hongyan_sync = county.device("hongyan")
    shiping, shiping_sync = county.device("shiping")
    for client in (hongyan_sync, shiping_sync):
        assert client.sync_once().complete
    sent_before = add_household(hongyan, county.unit_id(VILLAGE_A))
    add_person(hongyan, sent_before, "张坤")
    assert hongyan_sync.sync_once().complete
    server_db.downgrade(county.db.engine, "s0009")
    with county.db.engine.connect() as conn:
        assert "ix_record_scope_path" in {i["name"] for i in inspect(conn).get_indexes("record")}
    # Offline meanwhile: unsent changes in both villages.
    unsent_a = add_household(hongyan, county.unit_id(VILLAGE_A))
    person_a = add_person(hongyan, unsent_a, "李梅")
    unsent_b = add_household(shiping, county.unit_id(VILLAGE_B))
    person_b = add_person(shiping, unsent_b, "王芳")
    assert pending(hongyan) == 2 and pending(shiping) == 2

    upgraded = ServerDatabase(county.db.url)
    try:
        upgraded.migrate()
        assert server_db.current_revision(upgraded.engine) == server_db.head_revision()
        with upgraded.engine.connect() as conn:
            indexes = {i["name"] for i in inspect(conn).get_indexes("record")}
            if conn.dialect.name == "postgresql":
                collations = set(
                    conn.scalars(
                        text(
                            "SELECT collation_name FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND column_name = 'scope_path' "
                            "AND table_name IN ('record', 'change_log')"
                        )
                    )
                )
                assert collations == {"C"}
        assert "ix_record_entity_scope" in indexes and "ix_record_scope_path" not in indexes
    finally:
        upgraded.dispose()

    for db, client in ((hongyan, hongyan_sync), (shiping, shiping_sync)):
        report = client.sync_once()
        assert report.complete and report.repaired == [] and pending(db) == 0
    state = admin.record_state(county.db)
    assert state[("person", person_a)]["name"] == "李梅"  # type: ignore[index]
    assert state[("person", person_b)]["name"] == "王芳"  # type: ignore[index]

    township, township_sync = county.device("miaoba")
    report = township_sync.sync_once()
    assert report.complete and report.repaired == []
    with township.read_connection() as conn:
        households = set(conn.scalars(text("SELECT id FROM household")))
    assert households == {sent_before, unsent_a, unsent_b}
    # The other village's laptop sees only its own households.
    with shiping.read_connection() as conn:
        assert set(conn.scalars(text("SELECT id FROM household"))) == {unsent_b}
