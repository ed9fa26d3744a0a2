"""The province view end to end over PostgreSQL's own logical replication (issue 17, "Proof").

Three throw-away clusters on loopback ports (``pg_clusters``): two county servers, 城口县 (500229) and 巫溪县
(500238), and the province. Laptops in both counties sync their work through real county servers: the same
student (one ID number) registered in both counties and put through the subsidy cycle to 县审定 for one term in
both, and a graduate employed in 城口县 whose destination 巫溪县 never recorded. Each county's feeder projects its
records (``province_feed.feed_once``) and publishes them; the province migrates and subscribes to both
(``yulu-province`` / ``yulu-server admin province`` commands, as the operator runs them). Then:

- the province's partitions hold, row for row, what each county's ``prov_*`` tables hold;
- the cross-county checks flag the double subsidy (both counties), the duplicate registration and the graduate;
- the province figures per county are the counties' own;
- county B's cluster stops: the province reports B not running and its lag growing while A's changes keep
  arriving; B restarts and changes; nothing is lost;
- the province's cluster stops while both counties change; it restarts and catches up;
- a county one migration ahead (a column the province does not have yet) stalls its subscription with apply
  errors counted, until the province adds the column; then it catches up.

Every wait is a polling loop of up to 120 s; nothing sleeps for a fixed time.
"""

from __future__ import annotations

import contextlib
import json
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "sync"))

from pg_clusters import Cluster, clusters, create_cluster
from sync_helpers import County, LiveServer, add_household, add_person, delete, pending, update

from yulu_desktop.domain.entities import EmploymentRecord, Enrollment, Household, Person
from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.domain.subsidy_rules import DEFAULT_RULE, RuleSet
from yulu_desktop.province import checks, counties, stats, status
from yulu_desktop.province import cli as province_cli
from yulu_desktop.province.checks import CheckKind
from yulu_desktop.province.db import ProvinceDatabase
from yulu_desktop.server import admin, province_feed
from yulu_desktop.server import cli as server_cli
from yulu_desktop.server.app import create_app
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.services import subsidy, subsidy_publicity, subsidy_rules
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

TERM = "2026-autumn"
T = date.today()
ANNUAL_FEN = 300_000
RULE = RuleSet(
    version=1,
    effective_from=date(2020, 1, 1),
    household_types=frozenset({"tuopin", "jiance"}),
    school_types=DEFAULT_RULE.school_types,
    registry_statuses=frozenset({"enrolled"}),
    publicity_min_days=7,
    joint_reviewers=(),
)
#: One student registered in both counties, one graduate in both, one student of 城口县 only.
SHARED_STUDENT = make_id_number("500229", date(2008, 5, 1), 22)
SHARED_GRADUATE = make_id_number("500238", date(2004, 9, 12), 41)
LOCAL_STUDENT = make_id_number("500229", date(2008, 7, 3), 24)
WAIT = 120.0


@dataclass(frozen=True)
class Spec:
    code: str
    name: str
    township: tuple[str, str]
    village: tuple[str, str]


CHENGKOU = Spec("500229", "城口县", ("500229101", "庙坝镇"), ("500229101201", "红岩村"))
WUXI = Spec("500238", "巫溪县", ("500238102", "宁厂镇"), ("500238102201", "宁厂村"))


def _day(n: int) -> date:
    return T - timedelta(days=n)


def _wait(what: str, ready: Callable[[], bool]) -> None:
    deadline = time.monotonic() + WAIT
    while not ready():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {WAIT:.0f} s: {what} {ready}")
        time.sleep(0.2)


# --- county servers and laptops -----------------------------------------------------------------------------


def _setup(server: ServerDatabase, spec: Spec) -> None:
    admin.create_unit(server, code=spec.code, name=spec.name, level="county")
    admin.create_unit(
        server, code=spec.township[0], name=spec.township[1], level="township", parent_code=spec.code
    )
    admin.create_unit(
        server, code=spec.village[0], name=spec.village[1], level="village", parent_code=spec.township[0]
    )
    admin.create_cadre(server, username="cun", name="村书记", unit_code=spec.village[0])
    admin.create_cadre(server, username="xiang", name="乡镇干部", unit_code=spec.township[0], role="township")
    admin.create_cadre(server, username="xian", name="县局", unit_code=spec.code, role="county")


@contextlib.contextmanager
def _county_server(cluster: Cluster, spec: Spec, template: Path, tmp: Path) -> Iterator[County]:
    server = ServerDatabase(cluster.url())
    app = create_app(db=server)
    _setup(server, spec)
    (tmp / spec.code).mkdir()
    try:
        with LiveServer(app) as url, httpx.Client(timeout=60) as http:
            county = County(db=server, http=http, url=url, template=template, tmp=tmp / spec.code)
            try:
                yield county
            finally:
                for db in county.devices:
                    db.close()
    finally:
        server.dispose()


def _sync(*clients: SyncClient) -> None:
    for client in clients:
        report = client.sync_once()
        assert not report.push_error, report.push_error
        assert report.quarantined == 0 and report.rejected == 0, report


@dataclass
class Laptops:
    office: tuple[Database, SyncClient]
    village: tuple[Database, SyncClient]
    township: tuple[Database, SyncClient]


def _student(
    session: Any, village_id: str, name: str, id_number: str, n: int, *, graduated: bool = False
) -> tuple[str, str]:
    """A 脱贫户 with one child at a 中职 school (this term), or graduated last summer. (household id, person id)"""
    household = Household(
        household_no=f"{village_id[:6]}{n:010d}",
        village_id=village_id,
        household_type="tuopin",
        payee_name=f"{name}家长",
        payee_account=f"62170000000000{n:05d}",
    )
    person = Person(household_id=household.id, name=name, id_number=id_number, relationship="20")
    enrollment = (
        Enrollment(
            person_id=person.id,
            school_year="2025-2026",
            semester="spring",
            school_name="重庆三峡职业学院",
            school_type="zhongzhuan",
            registry_status="graduated",
            ended_on=date(2026, 6, 30),
        )
        if graduated
        else Enrollment(
            person_id=person.id,
            school_year="2026-2027",
            semester="autumn",
            school_name="重庆三峡职业学院",
            school_type="zhongzhuan",
            registry_status="enrolled",
            grade="2025级",
        )
    )
    for record in (household, person, enrollment):
        session.add(record)
        session.flush()
    return household.id, person.id


def _approve(county: County, spec: Spec, students: list[str]) -> Laptops:
    """The subsidy cycle up to 县审定 for ``students`` (person ids on the village laptop), through the services
    the cadres' screens call, each laptop syncing with the county server."""
    laptops = Laptops(county.device("xian"), county.device("cun"), county.device("xiang"))
    (office, office_sync), (village, village_sync), (township, township_sync) = (
        laptops.office,
        laptops.village,
        laptops.township,
    )
    _sync(office_sync)
    subsidy_rules.save_rule(office, RULE, actor="")
    subsidy_rules.set_amount(office, "zhongzhuan", ANNUAL_FEN, effective_from=date(2020, 1, 1), actor="")
    subsidy_rules.set_window(office, TERM, _day(100), _day(-30), actor="")
    _sync(office_sync, village_sync)
    assert subsidy.apply(village, students, TERM, actor="", today=_day(80)).done
    apps = [row.id for row in subsidy.applications(village, term=TERM)]
    for app_id in apps:
        for item in subsidy.evidence(village, app_id):
            if not item.provided:
                subsidy.set_evidence(village, app_id, item.kind, provided=True, actor="", today=_day(79))
    assert subsidy.take_step(
        village, apps, "village_reviewed", actor="", opinion="情况属实", today=_day(78)
    ).done
    subsidy_publicity.publicize(village, apps, starts_on=_day(75), ends_on=_day(69), actor="", today=_day(75))
    _sync(village_sync, township_sync)
    assert subsidy.take_step(
        township, apps, "township_reviewed", actor="", opinion="同意", today=_day(65)
    ).done
    _sync(township_sync, office_sync)
    approved = subsidy.take_step(office, apps, "county_approved", actor="", opinion="同意", today=_day(45))
    assert set(approved.done) == set(apps), approved.refused
    _sync(office_sync, village_sync)
    return laptops


def _populate(county: County, spec: Spec, *, local_student: bool, employed: bool) -> Laptops:
    """The county's village laptop registers the shared student (and a student of its own), the shared graduate
    (employed here or not), and takes the students' applications through to 县审定."""
    village_laptop, village_sync = county.device("cun")
    _sync(village_sync)
    village_id = county.unit_id(spec.village[0])
    with village_laptop.write() as session:
        students = [_student(session, village_id, "张坤", SHARED_STUDENT, 1)[1]]
        if local_student:
            students.append(_student(session, village_id, "王强", LOCAL_STUDENT, 2)[1])
        graduate = _student(session, village_id, "陈晨", SHARED_GRADUATE, 3, graduated=True)[1]
        if employed:
            session.add(
                EmploymentRecord(
                    person_id=graduate,
                    effective_date=date(2026, 7, 15),
                    destination="employed",
                    employer="重庆欣乐美义齿公司",
                    recorded_at=datetime(2026, 7, 16, 9, 0),
                    region="province",
                )
            )
    _sync(village_sync)
    laptops = _approve(county, spec, students)
    return laptops


# --- comparing the province with the counties ------------------------------------------------------------------


def _rows(cluster: Cluster, table: str, code: str, columns: list[str]) -> list[tuple[object, ...]]:
    listed = ", ".join(f'"{c}"' for c in columns)
    return cluster.query(f"SELECT {listed} FROM {table} WHERE county_code = '{code}'")


def _columns(cluster: Cluster, table: str) -> list[str]:
    return [
        str(r[0])
        for r in cluster.query(
            "SELECT column_name FROM information_schema.columns "
            f"WHERE table_schema = 'public' AND table_name = '{table}' ORDER BY column_name"
        )
    ]


def _differences(county: Cluster, province: Cluster, code: str) -> list[str]:
    """Tables whose rows differ between the county's ``prov_*`` tables and its partitions at the province."""
    differing = []
    for table in province_feed.FEED_TABLE_NAMES:
        columns = _columns(county, table)
        key = "county_code" if table == "prov_feed_state" else "id"
        mine = sorted(_rows(county, table, code, columns), key=lambda r: str(r[columns.index(key)]))
        theirs = sorted(
            _rows(province, counties.partition_name(table, code), code, columns),
            key=lambda r: str(r[columns.index(key)]),
        )
        if mine != theirs:
            differing.append(f"{table}: county {len(mine)} rows, province {len(theirs)} rows")
    return differing


class _CaughtUp:
    """A wait condition: the province's partitions equal the county's tables (the last difference is kept for
    the failure message, with the end of both servers' logs)."""

    def __init__(self, county: Cluster, province: Cluster, code: str) -> None:
        self.county, self.province, self.code = county, province, code
        self.last = ""

    def __call__(self) -> bool:
        try:
            differing = _differences(self.county, self.province, self.code)
        except Exception as exc:  # a cluster still starting up
            self.last = repr(exc)
            return False
        self.last = "; ".join(differing)
        return not differing

    def __str__(self) -> str:
        return (
            f"{self.code}: {self.last}\n--- province log:\n{self.province.log_tail(15)}"
            f"\n--- county log:\n{self.county.log_tail(15)}"
        )


def _caught_up(county: Cluster, province: Cluster, code: str) -> _CaughtUp:
    return _CaughtUp(county, province, code)


def _count(cluster: Cluster, table: str, code: str) -> int:
    return int(str(cluster.query(f"SELECT count(*) FROM {table} WHERE county_code = '{code}'")[0][0]))


def _feed(server: ServerDatabase, key: province_feed.ProvinceKey) -> province_feed.FeedResult:
    result = province_feed.feed_once(server, key)
    assert result.caught_up
    return result


def _status_of(db: ProvinceDatabase, code: str) -> status.CountyStatus:
    (found,) = [s for s in status.county_status(db) if s.code == code]
    return found


# --- the proof ---------------------------------------------------------------------------------------------------


def test_two_counties_replicate_to_the_province_and_it_catches_up_after_outages(
    template_database: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with clusters() as made:
        made.append(a_cluster := create_cluster("provca"))
        made.append(b_cluster := create_cluster("provcb"))
        made.append(p_cluster := create_cluster("provp", logical=False))
        with (
            _county_server(a_cluster, CHENGKOU, template_database, tmp_path) as county_a,
            _county_server(b_cluster, WUXI, template_database, tmp_path) as county_b,
        ):
            # --- laptops in both counties ------------------------------------------------------------------
            laptops_a = _populate(county_a, CHENGKOU, local_student=True, employed=True)
            laptops_b = _populate(county_b, WUXI, local_student=False, employed=False)

            # --- the province makes its key; each county joins; the province subscribes to both -------------
            key_file = tmp_path / "province.key"
            assert province_cli.main(["make-key", "--out", str(key_file)]) == 0
            key = province_feed.read_province_key(key_file)
            # County A as its administrator does it: one command (store the key, feed, publish).
            monkeypatch.setenv("YULU_PROVINCE_KEY_FILE", str(tmp_path / "a-province.key"))
            assert (
                server_cli.main(
                    [
                        "--database-url",
                        a_cluster.url(),
                        "admin",
                        "province",
                        "join",
                        "--key-file",
                        str(key_file),
                    ]
                )
                == 0
            )
            assert "已发布" in capsys.readouterr().out
            # County B through the API.
            _feed(county_b.db, key)
            province_feed.publish(county_b.db)
            province_url = p_cluster.url()
            assert province_cli.main(["--database-url", province_url, "migrate"]) == 0
            assert (
                province_cli.main(
                    [
                        *("--database-url", province_url, "add-county"),
                        *(
                            "--code",
                            CHENGKOU.code,
                            "--name",
                            CHENGKOU.name,
                            "--conninfo",
                            a_cluster.conninfo(),
                        ),
                    ]
                )
                == 0
            )
            province = ProvinceDatabase(province_url)
            try:
                counties.add_county(province, code=WUXI.code, name=WUXI.name, conninfo=b_cluster.conninfo())
                assert [c.code for c in counties.list_counties(province)] == [CHENGKOU.code, WUXI.code]
                _wait("both counties copied", _caught_up(a_cluster, p_cluster, CHENGKOU.code))
                _wait("both counties copied", _caught_up(b_cluster, p_cluster, WUXI.code))
                assert _count(p_cluster, "prov_person", CHENGKOU.code) == 3
                assert _count(p_cluster, "prov_person", WUXI.code) == 2

                _check_findings(province)
                _check_figures(province)
                _county_b_down_for_a_while(province, a_cluster, b_cluster, p_cluster, county_a, county_b, key)
                _province_down_for_a_while(
                    province, a_cluster, b_cluster, p_cluster, county_a, county_b, key, laptops_a, laptops_b
                )
                _county_one_migration_ahead(province, a_cluster, p_cluster, county_a, key)
            finally:
                with contextlib.suppress(Exception):
                    for code in (CHENGKOU.code, WUXI.code):
                        counties.drop_county(province, code=code, keep_data=False)
                province.dispose()


def _check_findings(province: ProvinceDatabase) -> None:
    findings = checks.run_checks(province)
    by_kind: dict[CheckKind, list[checks.CheckRow]] = {}
    for row in findings:
        by_kind.setdefault(row.kind, []).append(row)
    # The student subsidised in both counties for the term: one finding naming both counties' applications.
    (double,) = by_kind[CheckKind.DOUBLE_SUBSIDY]
    assert double.term == TERM
    assert sorted(p.county_code for p in double.parties) == [CHENGKOU.code, WUXI.code]
    assert {p.name for p in double.parties} == {"张坤"}
    assert {p.id_masked for p in double.parties} == {SHARED_STUDENT[:6] + "********" + SHARED_STUDENT[-4:]}
    assert {p.village for p in double.parties} == {CHENGKOU.village[1], WUXI.village[1]}
    # Registered in both: the student and the graduate; the local student is not listed.
    duplicates = by_kind[CheckKind.DUPLICATE_REGISTRATION]
    assert (
        sorted(sorted(p.county_code for p in row.parties) for row in duplicates)
        == [[CHENGKOU.code, WUXI.code]] * 2
    )
    assert {p.name for row in duplicates for p in row.parties} == {"张坤", "陈晨"}
    # Employed in 城口县, graduated without a recorded destination in 巫溪县.
    (elsewhere,) = by_kind[CheckKind.PLACED_ELSEWHERE]
    assert {p.name for p in elsewhere.parties} == {"陈晨"}
    assert sorted(p.county_code for p in elsewhere.parties) == [CHENGKOU.code, WUXI.code]
    # Listed for the counties concerned: each county's list has the double subsidy.
    for code in (CHENGKOU.code, WUXI.code):
        assert any(r.kind is CheckKind.DOUBLE_SUBSIDY for r in checks.run_checks(province, county=code))
    # Nothing clear crosses over: no ID number anywhere in the province database.
    with province.engine.connect() as conn:
        dump = json.dumps(
            [list(r) for r in conn.execute(text("SELECT * FROM prov_person")).all()],
            default=str,
            ensure_ascii=False,
        )
    for id_number in (SHARED_STUDENT, SHARED_GRADUATE, LOCAL_STUDENT):
        assert id_number not in dump


def _check_figures(province: ProvinceDatabase) -> None:
    figures = stats.province_stats(province, term=TERM)
    by_code = {c.code: c for c in figures.counties}
    a, b = by_code[CHENGKOU.code], by_code[WUXI.code]
    # 城口县: two students applied and approved; one graduate, employed.
    assert (a.name, a.students, a.applications, a.approved, a.paid) == (CHENGKOU.name, 2, 2, 2, 0)
    assert (a.graduates, a.employed, a.placed, a.employment_rate) == (1, 1, 1, 1.0)
    # 巫溪县: the shared student applied and approved; the graduate without a destination.
    assert (b.name, b.students, b.applications, b.approved) == (WUXI.name, 1, 1, 1)
    assert (b.graduates, b.employed, b.employment_rate) == (1, 0, 0.0)
    assert (figures.total.students, figures.total.approved, figures.total.graduates) == (3, 3, 2)
    assert stats.province_stats(province, graduation_year=2026).total.graduates == 2
    assert stats.province_stats(province, graduation_year=2025).total.graduates == 0


def _new_person(laptop: Database, village_id: str, name: str, n: int) -> str:
    household = add_household(laptop, village_id, number=f"{village_id[:6]}77{n:08d}")
    return add_person(
        laptop, household, name, id_number=make_id_number("500101", date(2007, 1, n), 10 + 2 * n)
    )


def _county_b_down_for_a_while(
    province: ProvinceDatabase,
    a_cluster: Cluster,
    b_cluster: Cluster,
    p_cluster: Cluster,
    county_a: County,
    county_b: County,
    key: province_feed.ProvinceKey,
) -> None:
    before = _status_of(province, WUXI.code)
    assert before.enabled and before.running and before.heartbeat_at is not None
    b_cluster.stop()
    # The subscription's worker cannot connect: not running (PostgreSQL retries it every few seconds).
    _wait("B reported not running", lambda: not _status_of(province, WUXI.code).running)

    # County A goes on: a new person, a changed one, a deleted one; all of it reaches the province.
    laptop_a, sync_a = county_a.device("cun")
    _sync(sync_a)
    village_a = county_a.unit_id(CHENGKOU.village[0])
    added = _new_person(laptop_a, village_a, "刘洋", 1)
    doomed = _new_person(laptop_a, village_a, "孙丽", 2)
    _sync(sync_a)
    update(laptop_a, "person", added, name="刘阳")
    delete(laptop_a, "person", doomed)
    _sync(sync_a)
    assert pending(laptop_a) == 0
    _feed(county_a.db, key)
    _wait("A's changes while B is down", _caught_up(a_cluster, p_cluster, CHENGKOU.code))
    assert _count(p_cluster, "prov_person", CHENGKOU.code) == 4

    # B's heartbeat has not moved and its lag keeps growing, while A's is fresh.
    later = _status_of(province, WUXI.code)
    assert later.heartbeat_at == before.heartbeat_at
    assert later.lag_seconds is not None and before.lag_seconds is not None
    assert later.lag_seconds > before.lag_seconds
    fresh = _status_of(province, CHENGKOU.code)
    assert fresh.lag_seconds is not None and fresh.lag_seconds < later.lag_seconds

    # B comes back; a laptop there changes things; the feeder runs; the province catches up with nothing lost.
    b_cluster.start()
    laptop_b, sync_b = county_b.device("cun")
    _sync(sync_b)
    village_b = county_b.unit_id(WUXI.village[0])
    _new_person(laptop_b, village_b, "周杰", 3)
    _sync(sync_b)
    _feed(county_b.db, key)
    _wait("B caught up after its restart", _caught_up(b_cluster, p_cluster, WUXI.code))
    _wait("B running again", lambda: _status_of(province, WUXI.code).running)
    back = _status_of(province, WUXI.code)
    assert back.heartbeat_at is not None and before.heartbeat_at is not None
    assert back.heartbeat_at > before.heartbeat_at
    assert back.people == 3 and _count(p_cluster, "prov_person", WUXI.code) == 3
    assert not _differences(a_cluster, p_cluster, CHENGKOU.code)


def _province_down_for_a_while(
    province: ProvinceDatabase,
    a_cluster: Cluster,
    b_cluster: Cluster,
    p_cluster: Cluster,
    county_a: County,
    county_b: County,
    key: province_feed.ProvinceKey,
    laptops_a: Laptops,
    laptops_b: Laptops,
) -> None:
    p_cluster.stop()
    # Both counties work on and feed; their replication slots keep the WAL the province has not confirmed.
    for county, spec, laptops, n in ((county_a, CHENGKOU, laptops_a, 4), (county_b, WUXI, laptops_b, 5)):
        laptop, client = laptops.village
        _sync(client)
        _new_person(laptop, county.unit_id(spec.village[0]), "吴迪", n)
        _sync(client)
        _feed(county.db, key)
    for cluster in (a_cluster, b_cluster):
        retained = cluster.query(
            "SELECT pg_current_wal_lsn() > confirmed_flush_lsn FROM pg_replication_slots "
            "WHERE slot_type = 'logical'"
        )
        assert retained == [(True,)]
    p_cluster.start()
    _wait("A caught up after the province's restart", _caught_up(a_cluster, p_cluster, CHENGKOU.code))
    _wait("B caught up after the province's restart", _caught_up(b_cluster, p_cluster, WUXI.code))
    assert _count(p_cluster, "prov_person", CHENGKOU.code) == 5
    assert _count(p_cluster, "prov_person", WUXI.code) == 4
    assert {s.code: s.people for s in status.county_status(province)} == {CHENGKOU.code: 5, WUXI.code: 4}


def _county_one_migration_ahead(
    province: ProvinceDatabase,
    a_cluster: Cluster,
    p_cluster: Cluster,
    county_a: County,
    key: province_feed.ProvinceKey,
) -> None:
    """A county upgraded before the province: its ``prov_person`` has a column the province lacks."""
    errors_before = _status_of(province, CHENGKOU.code).apply_errors
    a_cluster.execute("ALTER TABLE prov_person ADD COLUMN school_level varchar(10)")
    laptop, client = county_a.device("cun")
    _sync(client)
    _new_person(laptop, county_a.unit_id(CHENGKOU.village[0]), "郑爽", 6)
    _sync(client)
    _feed(county_a.db, key)
    a_cluster.execute("UPDATE prov_person SET school_level = 'secondary' WHERE name = '郑爽'")
    # The subscription stalls: every attempt to apply fails and is counted; nothing of it arrives.
    _wait(
        "apply errors counted for the county ahead",
        lambda: _status_of(province, CHENGKOU.code).apply_errors > errors_before,
    )
    assert _count(p_cluster, "prov_person", CHENGKOU.code) == 5
    # The province migrates (adds the column to the partitioned table): the subscription catches up by itself.
    p_cluster.execute("ALTER TABLE prov_person ADD COLUMN school_level varchar(10)")
    _wait(
        "the county ahead caught up once the province has the column",
        _caught_up(a_cluster, p_cluster, CHENGKOU.code),
    )
    assert p_cluster.query(
        f"SELECT school_level FROM {counties.partition_name('prov_person', CHENGKOU.code)} WHERE name = '郑爽'"
    ) == [("secondary",)]
