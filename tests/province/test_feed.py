"""The county side of the province feed (issue 17, ``server.province_feed``), on SQLite and PostgreSQL county
servers, with laptops syncing through the real server: what the projection holds (and never holds), how it
follows updates, deletes, voids and moves, its cursor across restarts, batches and crashes, the purge floor, the
publication, the ``yulu-server admin province`` commands and the ``serve`` thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg
import pytest
from sqlalchemy import inspect as sqlalchemy_inspect
from sqlalchemy import select, text
from sync_helpers import (
    TOWNSHIP,
    VILLAGE_A,
    VILLAGE_B,
    County,
    running_county,
    setup_county,
)
from sync_helpers import delete as delete_row
from sync_helpers import update as update_row

from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Household, Person
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.server import admin, service
from yulu_desktop.server import province_feed as feed
from yulu_desktop.server.cli import main as server_main
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import ChangeLog, Record
from yulu_desktop.services import subsidy, subsidy_rules
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

PG_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/test"
TERM = "2026-autumn"
T = date.today()
KEY = feed.ProvinceKey("ptest", bytes(range(32)))
ID_NUMBER = make_id_number("500229", date(2005, 3, 15), 21)  # odd 17th digit: male
OTHER_ID = make_id_number("500229", date(2006, 8, 1), 42)
PHONE = "13812345678"
ACCOUNT = "6217000000000012345"
INCOME_FEN = 456_700
REGISTRY_NO = "G" + ID_NUMBER


@dataclass
class Family:
    household: str
    student: str
    sister: str
    enrollment: str
    job: str
    application: str


def _sync(*clients: SyncClient) -> None:
    for client in clients:
        report = client.sync_once()
        assert not report.push_error, report.push_error
        if report.quarantined or report.rejected or not report.complete:
            with client.db.read_connection() as conn:
                reasons = [str(r[0]) for r in conn.execute(text("SELECT loser_author FROM sync_conflict"))]
            raise AssertionError(f"{report}: {reasons}")


def _fill(county: County) -> tuple[Family, Database, SyncClient, SyncClient]:
    """A county sets the subsidy rule; a village laptop registers a household (phone, payee account), a graduate
    (ID number, phone, health, schooling with a 学籍号, an employment entry with an income) and a sister who
    applies for this term's subsidy; everything is synced to the county server."""
    office, office_sync = county.device("county")
    village, village_sync = county.device("hongyan")
    _sync(office_sync, village_sync)
    subsidy_rules.set_amount(office, "zhongzhuan", 300_000, effective_from=date(2020, 1, 1), actor="")
    subsidy_rules.set_window(office, TERM, T - timedelta(days=30), T + timedelta(days=30), actor="")
    _sync(office_sync, village_sync)
    household = Household(
        household_no="500229101201000001",
        village_id=county.unit_id(VILLAGE_A),
        household_type="tuopin",
        contact_phone=PHONE,
        payee_name="张大山",
        payee_account=ACCOUNT,
        income_per_capita_fen=812_300,
        address="红岩村三组12号",
    )
    student = Person(
        household_id=household.id,
        name="张坤",
        id_number=ID_NUMBER,
        sex="M",
        birth_date=date(2005, 3, 15),
        relationship="20",
        phone="13987654321",
        health="serious",
    )
    sister = Person(
        household_id=household.id,
        name="张丽",
        id_number=OTHER_ID,
        sex="F",
        birth_date=date(2006, 8, 1),
        relationship="20",
    )
    enrollment = Enrollment(
        person_id=student.id,
        school_year="2024-2025",
        semester="spring",
        school_name="重庆三峡职业学院",
        school_type="higher_vocational",
        major="数控技术",
        registry_no=REGISTRY_NO,
        registry_status="graduated",
        ended_on=date(2025, 6, 30),
    )
    sister_school = Enrollment(
        person_id=sister.id,
        school_year="2026-2027",
        semester="autumn",
        school_name="城口县职业教育中心",
        school_type="zhongzhuan",
        registry_status="enrolled",
    )
    job = EmploymentRecord(
        person_id=student.id,
        effective_date=date(2025, 7, 15),
        destination="employed",
        employer="重庆长安汽车股份有限公司",
        industry="manufacturing",
        job="数控车工",
        monthly_income_fen=INCOME_FEN,
        matches_major=True,
        region="province",
        recorded_at=datetime(2025, 7, 15, 9, 30),
    )
    with village.write() as session:
        for record in (household, student, sister, enrollment, sister_school, job):
            session.add(record)
            session.flush()
    applied = subsidy.apply(village, [sister.id], TERM, actor="", today=T)
    assert len(applied.done) == 1, applied
    _sync(village_sync)
    with village.read_connection() as conn:
        application = conn.execute(
            text("SELECT id FROM subsidy_application WHERE person_id = :p"), {"p": sister.id}
        ).scalar_one()
    family = Family(household.id, student.id, sister.id, enrollment.id, job.id, str(application))
    return family, village, village_sync, office_sync


@pytest.fixture
def county(server_url: str, template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(server_url, template_database, tmp_path) as county:
        yield county


def _projection(db: ServerDatabase) -> dict[str, dict[str, dict[str, Any]]]:
    """Every row of every feed table but the state: table → id → columns."""
    result: dict[str, dict[str, dict[str, Any]]] = {}
    with db.engine.connect() as conn:
        for table in feed.FEED_TABLE_NAMES[1:]:
            rows = conn.execute(text(f"SELECT * FROM {table}")).mappings()
            result[table] = {str(r["id"]): dict(r) for r in rows}
    return result


def _state(db: ServerDatabase) -> dict[str, Any]:
    with db.engine.connect() as conn:
        return dict(conn.execute(text("SELECT * FROM prov_feed_state")).mappings().one())


def _reset(db: ServerDatabase) -> None:
    with db.engine.begin() as conn:
        for table in feed.FEED_TABLE_NAMES:
            conn.execute(text(f"DELETE FROM {table}"))


# --- the projection ---------------------------------------------------------------------------------------


def test_the_projection_holds_what_the_province_needs_and_no_clear_value(county: County) -> None:
    family, *_laptops = _fill(county)
    result = feed.feed_once(county.db, KEY, now=datetime(2026, 12, 1, 8, 0, tzinfo=UTC))
    assert (result.county_code, result.deleted, result.caught_up) == ("500229", 0, True)
    rows = _projection(county.db)
    assert result.changed == sum(len(t) for t in rows.values())

    units = {r["code"]: r for r in rows["prov_unit"].values()}
    assert set(units) >= {"500229", TOWNSHIP, VILLAGE_A, VILLAGE_B}
    assert units[VILLAGE_A]["parent_id"] == units[TOWNSHIP]["id"] and units["500229"]["parent_id"] is None
    assert {r["county_code"] for t in rows.values() for r in t.values()} == {"500229"}

    household = rows["prov_household"][family.household]
    assert household["household_no"] == "500229101201000001"
    assert (household["village_id"], household["household_type"]) == (county.unit_id(VILLAGE_A), "tuopin")

    student = rows["prov_person"][family.student]
    assert student["id_hash"] == KEY.id_hash(ID_NUMBER) and student["id_hash"].startswith("p1:")
    assert len(student["id_hash"]) == 35
    assert student["id_masked"] == ID_NUMBER[:6] + "********" + ID_NUMBER[14:]
    assert (student["name"], student["sex"], student["birth_year"], student["status"]) == (
        "张坤",
        "M",
        2005,
        "normal",
    )
    assert (student["household_id"], student["village_id"]) == (family.household, county.unit_id(VILLAGE_A))

    enrollment = rows["prov_enrollment"][family.enrollment]
    assert (enrollment["registry_status"], enrollment["major"], enrollment["school_year"]) == (
        "graduated",
        "数控技术",
        "2024-2025",
    )
    assert str(enrollment["ended_on"])[:10] == "2025-06-30"

    job = rows["prov_employment"][family.job]
    assert (job["destination"], job["region"], job["industry"], job["income_band"]) == (
        "employed",
        "province",
        "manufacturing",
        "4000",
    )
    assert job["matches_major"] in (True, 1) and str(job["effective_date"])[:10] == "2025-07-15"
    assert str(job["recorded_at"])[:16] in ("2025-07-15 09:30", "2025-07-15T09:30")

    application = rows["prov_subsidy"][family.application]
    assert (application["person_id"], application["term"], application["state"]) == (
        family.sister,
        TERM,
        "applied",
    )
    assert application["amount_fen"] == 150_000 and application["paid_on"] is None

    state = _state(county.db)
    assert (state["county_code"], state["county_name"], state["feed_version"]) == ("500229", "城口县", 1)
    assert state["people"] == 2 and state["last_seq"] == result.last_seq
    with county.db.read() as session:
        assert result.last_seq == county.db.read_head(session)

    # Never a clear ID number (nor its birth-date digits), phone, account, payee, health, income, address or 学籍号.
    forbidden = [ID_NUMBER, OTHER_ID, ID_NUMBER[6:14], PHONE, "13987654321", ACCOUNT, "张大山", "红岩村三组"]
    forbidden += [str(INCOME_FEN), "812300", REGISTRY_NO, "数控车工", "重庆长安汽车"]
    with county.db.engine.connect() as conn:
        for table in feed.FEED_TABLE_NAMES:
            for found in conn.execute(text(f"SELECT * FROM {table}")).mappings():
                for column, value in found.items():
                    for secret in forbidden:
                        assert secret not in str(value), (table, column, value)
                    assert column not in {
                        "phone",
                        "health",
                        "disability",
                        "payee_account",
                        "monthly_income_fen",
                    }


def test_id_hashes_agree_across_counties_with_different_data_keys(
    county: County, template_database: Path, tmp_path: Path
) -> None:
    """Two county servers (the second on SQLite, with its own data key) register the same ID number: their
    projections carry the same province hash, though their own hashes (``record.unique_key``) differ."""
    family, *_laptops = _fill(county)
    other_dir = tmp_path / "other-county"
    other_dir.mkdir()
    with running_county(f"sqlite:///{other_dir / 'server.db'}", template_database, other_dir) as other:
        village, village_sync = other.device("shiping")
        _sync(village_sync)
        household = Household(household_no="500229101202000009", village_id=other.unit_id(VILLAGE_B))
        # The same number as typed elsewhere: lower-case x and full-width digits are normalised before hashing.
        person = Person(household_id=household.id, name="张坤", id_number=ID_NUMBER, relationship="01")
        with village.write() as session:
            session.add(household)
            session.flush()
            session.add(person)
        _sync(village_sync)
        feed.feed_once(county.db, KEY)
        feed.feed_once(other.db, KEY)
        assert county.db.data_key_file != other.db.data_key_file
        with county.db.read() as session:
            here = session.get(Record, ("person", family.student))
            assert here is not None
        with other.db.read() as session:
            there = session.get(Record, ("person", person.id))
            assert there is not None
        assert here.unique_key and there.unique_key and here.unique_key != there.unique_key
        mine = _projection(county.db)["prov_person"][family.student]["id_hash"]
        theirs = _projection(other.db)["prov_person"][person.id]["id_hash"]
        assert mine == theirs == KEY.id_hash(ID_NUMBER)
        other_key = feed.new_province_key()
        assert other_key.id_hash(ID_NUMBER) != mine


def test_id_hash_normalises_the_number() -> None:
    full_width = ID_NUMBER.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert KEY.id_hash(full_width) == KEY.id_hash(ID_NUMBER)
    with_x = make_id_number("110105", date(1949, 12, 31), 2)
    if with_x.endswith("X"):
        assert KEY.id_hash(with_x.lower()) == KEY.id_hash(with_x)
    old = "500229" + "050315" + "021"  # a first-generation card: 15 digits
    assert KEY.id_hash(old) == KEY.id_hash(make_id_number("500229", date(1905, 3, 15), 21))
    assert KEY.id_hash("not a number").startswith("p1:")


# --- following the county -----------------------------------------------------------------------------------


def test_updates_deletes_voids_and_moves_follow(county: County) -> None:
    family, village, village_sync, _office = _fill(county)
    town, town_sync = county.device("miaoba")
    _sync(town_sync)
    feed.feed_once(county.db, KEY)
    update_row(village, "person", family.student, name="张坤坤", status="moved_out")
    delete_row(village, "enrollment", family.enrollment)
    update_row(
        village,
        "employment_record",
        family.job,
        voided_on=T.isoformat(),
        void_reason="录错了人",
        voided_by="张书记",
    )
    _sync(village_sync)
    result = feed.feed_once(county.db, KEY)
    rows = _projection(county.db)
    assert rows["prov_person"][family.student]["name"] == "张坤坤"
    assert rows["prov_person"][family.student]["status"] == "moved_out"
    assert family.enrollment not in rows["prov_enrollment"], "a deleted record leaves the projection"
    assert family.job not in rows["prov_employment"], "a voided entry is not published"
    assert (result.changed, result.deleted) == (1, 2)

    # The township moves the whole household to 石坪村: the household and its people follow.
    _sync(town_sync)
    update_row(town, "household", family.household, village_id=county.unit_id(VILLAGE_B))
    _sync(town_sync)
    feed.feed_once(county.db, KEY)
    rows = _projection(county.db)
    village_b = county.unit_id(VILLAGE_B)
    assert rows["prov_household"][family.household]["village_id"] == village_b
    assert rows["prov_person"][family.student]["village_id"] == village_b
    assert rows["prov_person"][family.sister]["village_id"] == village_b

    # An application deleted on the laptop is deleted from the projection.
    delete_row(village, "subsidy_application", family.application)
    _sync(village_sync)
    assert feed.feed_once(county.db, KEY).deleted == 1
    assert _state(county.db)["people"] == 2


def test_the_cursor_survives_a_restart_and_a_second_run_only_beats(county: County) -> None:
    _fill(county)
    first = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)
    done = feed.feed_once(county.db, KEY, now=first)
    before = _projection(county.db)
    restarted = ServerDatabase(county.db.url)  # another process, as after a restart
    try:
        later = first + timedelta(minutes=5)
        again = feed.feed_once(restarted, KEY, now=later)
        assert (again.changed, again.deleted, again.last_seq) == (0, 0, done.last_seq)
        state = _state(restarted)
        assert _aware(state["heartbeat_at"]) == later, "the heartbeat moves even when nothing changed"
        assert _aware(state["changed_at"]) == first
        assert _projection(restarted) == before
    finally:
        restarted.dispose()


def _aware(value: Any) -> datetime:
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def test_batches_and_a_crash_between_them_give_the_same_projection(
    county: County, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fill(county)
    feed.feed_once(county.db, KEY)
    whole = _projection(county.db)
    cursor = _state(county.db)["last_seq"]

    _reset(county.db)
    small = feed.feed_once(county.db, KEY, batch=2)
    assert _projection(county.db) == whole and small.last_seq == cursor

    _reset(county.db)
    real = feed._write_batch
    calls = 0

    def crashing(*args: Any, **kwargs: Any) -> tuple[int, int]:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise RuntimeError("power cut")
        return real(*args, **kwargs)

    monkeypatch.setattr(feed, "_write_batch", crashing)
    with pytest.raises(RuntimeError, match="power cut"):
        feed.feed_once(county.db, KEY, batch=2)
    partial = _state(county.db)["last_seq"]
    assert 0 < partial < cursor
    monkeypatch.setattr(feed, "_write_batch", real)
    feed.feed_once(county.db, KEY, batch=2)
    assert _projection(county.db) == whole


def test_purge_does_not_pass_the_feed_cursor(county: County) -> None:
    family, village, village_sync, office_sync = _fill(county)
    feed.feed_once(county.db, KEY)
    delete_row(village, "subsidy_application", family.application)
    _sync(village_sync, office_sync, village_sync, office_sync)  # every laptop's cursor passes the delete
    with county.db.read() as session:
        entries = session.scalars(
            select(ChangeLog.seq).where(ChangeLog.entity_id == family.application)
        ).all()
    assert entries
    assert service.purge_tombstones(county.db) == 0, "the feeder has not fed the delete yet"
    feed.feed_once(county.db, KEY)
    assert service.purge_tombstones(county.db) >= 2
    assert family.application not in _projection(county.db)["prov_subsidy"]


# --- the key file -------------------------------------------------------------------------------------------


def test_the_key_file_is_private_kept_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "province.json"
    with pytest.raises(feed.FeedError, match="找不到省级密钥文件"):
        feed.read_province_key(path)
    key = feed.new_province_key()
    feed.write_province_key(path, key)
    assert path.stat().st_mode & 0o777 == 0o600
    assert feed.read_province_key(path) == key
    feed.write_province_key(path, key)  # the same key again: fine
    with pytest.raises(feed.FeedError, match="已有另一把省级密钥"):
        feed.write_province_key(path, feed.new_province_key())
    assert feed.read_province_key(path) == key
    path.write_text('{"purpose": "yulu-province-id-hash", "key_id": "x", "key": "c2hvcnQ="}')
    with pytest.raises(feed.FeedError, match="已损坏"):
        feed.read_province_key(path)


def test_the_key_file_lies_beside_the_data_key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        assert feed.province_key_file(db.engine.url) == tmp_path / "server-keys-province.json"
        monkeypatch.setenv(feed.PROVINCE_KEY_FILE_ENV, str(tmp_path / "elsewhere.json"))
        assert feed.province_key_file(db.engine.url) == tmp_path / "elsewhere.json"
    finally:
        db.dispose()


def test_a_server_must_hold_exactly_one_county(tmp_path: Path) -> None:
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        db.migrate()
        with pytest.raises(feed.FeedError, match="还没有县级单位"):
            feed.feed_once(db, KEY)
        admin.create_unit(db, code="500229", name="城口县", level="county")
        admin.create_unit(db, code="500238", name="巫溪县", level="county")
        with pytest.raises(feed.FeedError, match="2 个县级单位"):
            feed.feed_once(db, KEY)
    finally:
        db.dispose()


# --- the publication and the commands -----------------------------------------------------------------------


@contextlib.contextmanager
def _publication_name() -> Iterator[str]:
    """A publication name of this test's own (publications belong to the whole ``test`` database), dropped
    afterwards."""
    name = f"yulu_province_{uuid.uuid4().hex[:10]}"
    try:
        yield name
    finally:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
            conn.execute(f'DROP PUBLICATION IF EXISTS "{name}"')


def _published(name: str) -> set[str]:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        rows = conn.execute("SELECT tablename FROM pg_publication_tables WHERE pubname = %s", (name,))
        return {str(r[0]) for r in rows}


def _wal_level() -> str:
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        found = conn.execute("SHOW wal_level").fetchone()
        assert found is not None
        return str(found[0])


@pytest.mark.postgres
def test_publish_creates_the_publication_of_the_seven_tables(pg_url: str) -> None:
    db = ServerDatabase(pg_url)
    try:
        db.migrate()
        admin.create_unit(db, code="500229", name="城口县", level="county")
        feed.feed_once(db, KEY)
        with _publication_name() as name:
            warnings = feed.publish(db, name=name)
            assert _published(name) == set(feed.FEED_TABLE_NAMES)
            if _wal_level() != "logical":
                assert any("wal_level" in w and "logical" in w for w in warnings), warnings
            else:
                assert not any("wal_level" in w for w in warnings)
            with db.engine.begin() as conn:  # someone took a table out: publishing again puts it back
                conn.exec_driver_sql(f'ALTER PUBLICATION "{name}" DROP TABLE prov_person')
            feed.publish(db, name=name)
            assert _published(name) == set(feed.FEED_TABLE_NAMES)
            status = feed.feed_status(db, publication=name)
            assert status.publication and set(status.published_tables) == set(feed.FEED_TABLE_NAMES)
            assert status.fed and status.last_seq == status.head
            with pytest.raises(feed.FeedError, match="没有角色"):
                feed.publish(db, name=name, grant_to=f"nobody_{uuid.uuid4().hex[:6]}")
    finally:
        db.dispose()


def test_publish_needs_postgresql(tmp_path: Path) -> None:
    db = ServerDatabase(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        db.migrate()
        with pytest.raises(feed.FeedError, match="PostgreSQL"):
            feed.publish(db)
    finally:
        db.dispose()


def test_the_province_commands(
    server_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``admin province join`` stores the key, feeds and publishes (PostgreSQL; on SQLite it says it cannot
    publish); ``feed`` feeds once; ``status`` shows the cursor, the heartbeat and the publication."""
    monkeypatch.setenv(feed.PROVINCE_KEY_FILE_ENV, str(tmp_path / "stored" / "province.json"))
    db = ServerDatabase(server_url)
    db.migrate()
    setup_county(db)
    given = tmp_path / "from-the-province.json"
    feed.write_province_key(given, KEY)
    base = ["--database-url", server_url, "admin", "province"]
    with _publication_name() as name:
        code = server_main([*base, "join", "--key-file", str(given), "--publication", name])
        out, err = capsys.readouterr()
        assert feed.read_province_key(tmp_path / "stored" / "province.json") == KEY
        assert "已报送县 500229" in out
        if db.engine.dialect.name == "postgresql":
            assert code == 0 and f"已发布 {name}" in out
            assert _published(name) == set(feed.FEED_TABLE_NAMES)
        else:
            assert code == 1 and "PostgreSQL" in err

        admin.create_unit(db, code="500229101203", name="新建村", level="village", parent_code=TOWNSHIP)
        assert server_main([*base, "feed"]) == 0
        out, _err = capsys.readouterr()
        assert "写入 1 行，删除 0 行" in out

        code = server_main([*base, "status", "--publication", name])
        out, _err = capsys.readouterr()
        assert "城口县（500229）" in out and "落后 0" in out and KEY.key_id in out
        if db.engine.dialect.name == "postgresql":
            assert code == 0 and f"发布 {name}：已建立，7 张表" in out
        else:
            assert code == 0 and "SQLite" in out
    db.dispose()


def test_the_feed_command_without_a_key_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv(feed.PROVINCE_KEY_FILE_ENV, str(tmp_path / "none.json"))
    url = f"sqlite:///{tmp_path / 'server.db'}"
    assert server_main(["--database-url", url, "admin", "province", "feed"]) == 1
    assert "找不到省级密钥文件" in capsys.readouterr().err


# --- the thread of ``yulu-server serve`` --------------------------------------------------------------------


def test_the_feeder_thread_runs_and_stops(county: County) -> None:
    family, *_laptops = _fill(county)
    feeder = feed.Feeder(county.db, KEY, 0.05).start()
    try:
        deadline = time.monotonic() + 120
        while feeder.runs < 3:
            assert time.monotonic() < deadline, feeder.last_error
            time.sleep(0.05)
    finally:
        feeder.stop()
    assert not feeder.alive and feeder.last_error == ""
    assert family.student in _projection(county.db)["prov_person"]
    runs = feeder.runs
    time.sleep(0.2)
    assert feeder.runs == runs, "a stopped feeder does not run again"


def test_serve_starts_the_feeder_only_with_a_province_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``yulu-server serve``: the feeder thread runs while uvicorn runs, when the key file exists and
    ``--province-feed-seconds`` is not 0, and is stopped when uvicorn returns."""
    import uvicorn

    monkeypatch.setenv(feed.PROVINCE_KEY_FILE_ENV, str(tmp_path / "province.json"))
    url = f"sqlite:///{tmp_path / 'server.db'}"
    db = ServerDatabase(url)
    db.migrate()
    admin.create_unit(db, code="500229", name="城口县", level="county")
    seen: list[feed.Feeder] = []
    real_start = feed.Feeder.start

    def start(self: feed.Feeder) -> feed.Feeder:
        seen.append(self)
        return real_start(self)

    def run(self: uvicorn.Server) -> None:  # the server "runs" until the feeder has fed once
        deadline = time.monotonic() + 120
        while not seen or seen[0].runs < 1:
            assert time.monotonic() < deadline
            time.sleep(0.05)

    monkeypatch.setattr(feed.Feeder, "start", start)
    monkeypatch.setattr(uvicorn.Server, "run", run)
    serve = ["--database-url", url, "serve", "--province-feed-seconds", "0.05"]
    monkeypatch.setattr(uvicorn.Server, "run", lambda self: None)
    assert server_main(serve) == 0
    assert seen == [], "no key file: no feeder"
    feed.write_province_key(tmp_path / "province.json", KEY)
    assert server_main([*serve[:-2], "--province-feed-seconds", "0"]) == 0
    assert seen == [], "switched off"
    monkeypatch.setattr(uvicorn.Server, "run", run)
    assert server_main(serve) == 0
    assert len(seen) == 1 and not seen[0].alive
    assert _state(db)["county_code"] == "500229"
    db.dispose()


def test_feeders_running_at_once_do_not_interleave_their_batches(county: County) -> None:
    """The server's thread and ``admin province feed`` may run at the same time: each batch checks that the cursor
    is still the one it was read from, so together they give the projection one feeder gives."""
    _fill(county)
    feed.feed_once(county.db, KEY)
    whole = _projection(county.db)
    _reset(county.db)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            feed.feed_once(county.db, KEY, batch=2)
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    assert _projection(county.db) == whole


def test_purge_waits_for_a_feed_that_has_not_started(
    county: County, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With a province key configured but nothing fed yet, no tombstone history is purged."""
    family, village, village_sync, office_sync = _fill(county)
    monkeypatch.setenv(feed.PROVINCE_KEY_FILE_ENV, str(tmp_path / "province.json"))
    feed.write_province_key(tmp_path / "province.json", KEY)
    delete_row(village, "subsidy_application", family.application)
    _sync(village_sync, office_sync, village_sync, office_sync)
    assert service.purge_tombstones(county.db) == 0
    feed.feed_once(county.db, KEY)
    assert service.purge_tombstones(county.db) >= 2


def test_a_county_server_of_the_last_release_upgrades_and_feeds_what_it_held(county: County) -> None:
    """Migration s0009 on a county database of the last release (s0008): the records it held and the unsent
    changes a laptop brings afterwards are all fed."""
    from yulu_desktop.server import db as server_db

    family, _village, _office_sync, _village_sync = _fill(county)
    shiping, shiping_sync = county.device("shiping")
    _sync(shiping_sync)
    server_db.downgrade(county.db.engine, "s0008")
    with county.db.engine.connect() as conn:
        assert "prov_person" not in set(sqlalchemy_inspect(conn).get_table_names())
    # Offline meanwhile: a household and its member, unsent when the county upgrades.
    household = Household(
        household_no="500229101202000007", village_id=county.unit_id(VILLAGE_B), household_type="tuopin"
    )
    newcomer_id = make_id_number("500229", date(1980, 5, 4), 62)
    newcomer = Person(household_id=household.id, name="王芳", relationship="01", id_number=newcomer_id)
    with shiping.write() as session:
        session.add(household)
        session.flush()
        session.add(newcomer)

    upgraded = ServerDatabase(county.db.url)
    try:
        upgraded.migrate()
        assert server_db.current_revision(upgraded.engine) == server_db.head_revision()
    finally:
        upgraded.dispose()
    _sync(shiping_sync)
    feed.feed_once(county.db, KEY)

    people = _projection(county.db)["prov_person"]
    with county.db.read() as session:
        live = set(
            session.scalars(
                select(Record.entity_id).where(Record.entity == "person", Record.deleted.is_(False))
            )
        )
    assert set(people) == live and {family.student, family.sister, newcomer.id} <= live
    assert people[family.student]["id_hash"] == KEY.id_hash(ID_NUMBER)
    assert people[newcomer.id]["name"] == "王芳" and people[newcomer.id]["id_hash"] == KEY.id_hash(
        newcomer_id
    )
