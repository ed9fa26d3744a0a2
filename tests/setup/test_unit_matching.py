"""Local org units (imported before enrolling) matched to the county's: every household reaches the county."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sync_helpers import TOWNSHIP, VILLAGE_A, County

from yulu_desktop.server import admin
from yulu_desktop.server.models import Record
from yulu_desktop.services import excel_import as xi
from yulu_desktop.services import unit_matching
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync.client import SyncClient, SyncReport


def _enroll_and_pull(county: County, db: Database) -> SyncClient:
    client = SyncClient(db, county.url, http=county.http)
    client.enroll(admin.issue_code(county.db, username="hongyan"))
    client.hello()
    client.pull_all(SyncReport())
    return client


def _server_count(county: County, entity: str) -> int:
    with county.db.read() as session:
        query = (
            select(func.count()).select_from(Record).where(Record.entity == entity, Record.deleted.is_(False))
        )
        return int(session.scalar(query) or 0)


def _reader(county: County) -> Database:
    """Another laptop of the same village, enrolled and synced: what the county holds, in plain rows."""
    db, client = county.device("hongyan")
    client.sync_once()
    return db


def test_imported_units_are_matched_and_every_household_reaches_the_county(
    county: County, laptop: Database, national_file: Path
) -> None:
    xi.import_national(laptop, national_file, actor="测试员", today=dt.date(2025, 6, 1))
    client = _enroll_and_pull(county, laptop)

    plan = unit_matching.plan(laptop)
    by_path = {u.path: u for u in plan.local}
    assert set(by_path) == {"城口县", "城口县 庙坝镇", "城口县 庙坝镇 红岩村", "城口县 庙坝镇 新村"}
    assert plan.matched[by_path["城口县 庙坝镇 红岩村"].id] == county.unit_id("500229101201")
    assert plan.matched[by_path["城口县 庙坝镇"].id] == county.unit_id(TOWNSHIP)
    # 新村 is not on the county server: shown to the cadre, who may choose among the villages of their
    # jurisdiction (the county sent 红岩村 only, the village of this cadre).
    assert [u.path for u in plan.unmatched] == ["城口县 庙坝镇 新村"]
    choices = plan.candidates(plan.unmatched[0])
    assert [c.path for c in choices] == ["城口县 庙坝镇 红岩村"]

    # Without a choice for 新村 it stays (listed), and its household is not sent.
    report = unit_matching.apply(laptop, plan.matched, actor="测试员")
    assert report.units_replaced == 3 and report.households_moved == 2
    assert [u.path for u in report.left] == ["城口县 庙坝镇 新村"]
    again = unit_matching.plan(laptop)
    assert [u.name for u in again.local] == ["新村"] and not again.matched

    # The cadre picks 红岩村 for 新村.
    unit_matching.apply(laptop, {again.local[0].id: county.unit_id(VILLAGE_A)}, actor="测试员")
    assert unit_matching.plan(laptop).nothing_to_do

    sync = client.sync_once()
    assert sync.complete, sync.problems
    assert sync.quarantined == 0 and sync.conflicts == 0
    assert admin.list_quarantine(county.db) == []
    assert _server_count(county, "household") == 3
    assert _server_count(county, "person") == 6
    with laptop.read_connection() as conn:
        assert journal.pending_count(conn) == 0
        codes = {r[0] for r in conn.exec_driver_sql("SELECT code FROM org_unit")}
    assert not any(code.startswith("Y") for code in codes)


def test_edits_after_the_import_are_kept_and_sent(
    county: County, laptop: Database, national_file: Path
) -> None:
    """Unsent edits made after the import (a household moved, a person renamed) survive the rewrite."""
    from sqlalchemy import text

    xi.import_national(laptop, national_file, actor="测试员", today=dt.date(2025, 6, 1))
    with laptop.write_connection() as conn:
        villages = dict(
            conn.execute(text("SELECT name, id FROM org_unit WHERE level = 'village'")).fetchall()
        )
        conn.execute(
            text("UPDATE household SET village_id = :v WHERE household_no = 'H003'"),
            {"v": villages["红岩村"]},
        )
        conn.execute(text("UPDATE person SET name = '张叁' WHERE person_no = 'P001'"))
    client = _enroll_and_pull(county, laptop)
    plan = unit_matching.plan(laptop)
    (new_village,) = plan.unmatched
    unit_matching.apply(laptop, {**plan.matched, new_village.id: county.unit_id(VILLAGE_A)}, actor="测试员")
    sync = client.sync_once()
    assert sync.complete and sync.quarantined == 0, sync.problems
    reader = _reader(county)
    with reader.read_connection() as conn:
        names = {r[0] for r in conn.execute(text("SELECT name FROM person"))}
        villages_on_server = {r[0] for r in conn.execute(text("SELECT village_id FROM household"))}
    assert "张叁" in names and len(names) == 6
    assert villages_on_server == {county.unit_id("500229101201")}


def test_a_wrong_choice_is_refused_and_nothing_changes(
    county: County, laptop: Database, national_file: Path
) -> None:
    from yulu_desktop.domain.errors import YuluError

    xi.import_national(laptop, national_file, actor="测试员", today=dt.date(2025, 6, 1))
    _enroll_and_pull(county, laptop)
    plan = unit_matching.plan(laptop)
    village = plan.unmatched[0]
    with laptop.read_connection() as conn:
        before = journal.pending_count(conn)
    with pytest.raises(YuluError, match="不能对应到乡镇"):
        unit_matching.apply(laptop, {**plan.matched, village.id: county.unit_id(TOWNSHIP)}, actor="测试员")
    with laptop.read_connection() as conn:
        assert journal.pending_count(conn) == before
    assert len(unit_matching.plan(laptop).local) == 4


def test_demo_database_reaches_the_county_after_enrolling(county: County, laptop: Database) -> None:
    """Demo data uses real codes (城口县 500229 …) for units of its own: set aside while the county's arrive, then
    matched by code; every household and person reaches the county, and the demo's 公示 with the county's village.
    Held back: the demo's own subsidy standards (county data) and the applications the demo writes at a later
    step than a new application can start from (a step is a move from the state before: ``server.subsidy_guard``),
    with their evidence; the demo's schools, enterprises, agreements, positions, fairs and the county's and
    townships' campaigns (issue 16)."""
    from yulu_desktop.services.demo import generate_demo
    from yulu_desktop.sync import enrollment

    generate_demo(laptop, households=30, seed=1)
    with laptop.read_connection() as conn:
        households = conn.exec_driver_sql("SELECT count(*) FROM household").scalar_one()
        people = conn.exec_driver_sql("SELECT count(*) FROM person").scalar_one()
    code = admin.issue_code(county.db, username="hongyan")
    enrolled = enrollment.enroll_and_pull(
        laptop, county.url, code, lambda *_a: None, lambda: False, actor="测试员", http=county.http
    )
    assert enrolled.units_matched == 3 and not enrolled.plan.unmatched
    report = enrollment.first_sync(laptop, lambda *_a: None, lambda: False, http=county.http)
    assert report.complete, report.problems
    held = admin.list_quarantine(county.db)
    assert {q["entry"]["entity"] for q in held} <= {
        "subsidy_setting",
        "subsidy_application",
        "subsidy_evidence",
        # Issue 16: the demo's county and township employment data (a village laptop may not write them).
        "school",
        "enterprise",
        "employment_agreement",
        "job_position",
        "job_fair",
        "policy_campaign",
    }
    for q in held:
        if q["entry"]["entity"] == "subsidy_application":
            assert q["entry"]["changes"]["state"][1] not in {"draft", "applied"}, q["reason"]
    assert _server_count(county, "subsidy_publicity") > 0
    assert _server_count(county, "household") == households
    assert _server_count(county, "person") == people


def test_a_first_download_cut_after_enrolling_is_resumed_without_a_code(
    county: County, laptop: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The connection drops after the code was used: the laptop is enrolled but holds its own units unmatched.
    Nothing may be sent meanwhile (the county would hold back what sits under units it does not know), and
    继续下载 needs no new code: the download resumes, the units are matched and everything reaches the county."""
    import httpx

    from yulu_desktop.services.demo import generate_demo
    from yulu_desktop.sync import enrollment

    generate_demo(laptop, households=10, seed=2)
    with laptop.read_connection() as conn:
        assert not enrollment.first_download_unfinished(conn)  # not enrolled: nothing to resume
    real_pull = SyncClient.pull_all
    calls = {"n": 0}

    def cut_after_one_page(self: SyncClient, report: SyncReport, *args: object, **kwargs: object) -> bool:
        calls["n"] += 1
        if calls["n"] == 1:
            self.pull_page = 1
            original_fetch = self._post_signed
            fetched = {"pages": 0}

            def post(path: str, *a: object, **k: object) -> object:
                if path == "/v1/pull":
                    fetched["pages"] += 1
                    if fetched["pages"] > 1:
                        raise httpx.ConnectError("the line dropped")
                return original_fetch(path, *a, **k)

            monkeypatch.setattr(self, "_post_signed", post)
        return real_pull(self, report, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(SyncClient, "pull_all", cut_after_one_page)
    code = admin.issue_code(county.db, username="hongyan")
    with pytest.raises(enrollment.DownloadUnfinished) as failed:
        enrollment.enroll_and_pull(
            laptop, county.url, code, lambda *_a: None, lambda: False, actor="测试员", http=county.http
        )
    assert "没有下载完" in failed.value.text() and "不需要新的注册码" in failed.value.text()
    with laptop.read_connection() as conn:
        assert enrollment.first_download_unfinished(conn)
    assert _server_count(county, "household") == 0  # nothing was sent

    # 继续下载: no code (the used one would be refused).
    enrolled = enrollment.enroll_and_pull(
        laptop, county.url, "", lambda *_a: None, lambda: False, actor="测试员", http=county.http
    )
    assert enrolled.units_matched == 3 and not enrolled.plan.unmatched
    assert enrolled.jurisdiction_name
    report = enrollment.first_sync(laptop, lambda *_a: None, lambda: False, http=county.http)
    assert report.complete, report.problems
    with laptop.read_connection() as conn:
        households = conn.exec_driver_sql("SELECT count(*) FROM household").scalar_one()
        assert not enrollment.first_download_unfinished(conn)
    assert _server_count(county, "household") == households
