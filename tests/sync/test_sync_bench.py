"""The short version of bench/bench_sync.py: several laptops sync at once and nothing is lost."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_sync.py"


def _bench_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_sync", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_sync"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_short_soak(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    result = _bench_module().run(devices=4, changes=60, database_url=url, workdir=tmp_path)
    assert result.all_applied
    assert result.total_changes == 240
    assert result.first_pull_rows >= 240
    assert result.push_changes_per_s > 0


def test_short_first_pull_receives_every_row_pushed(tmp_path: Path) -> None:
    """The pull bench's township laptop receives every row the village laptop pushed: the demo's subsidy
    applications go as the village's drafts (a village laptop may not send them approved or paid; the server
    quarantined them and the bench had measured a pull without them)."""
    result = _bench_module().run_pull(60, None, workdir=tmp_path, in_process=True)
    assert result.rows_by_table.get("subsidy_application", 0) > 0
    assert result.all_arrived
    assert result.rows >= sum(result.rows_by_table.values())  # and the county's units


def test_short_first_pull_as_an_image_receives_every_row_pushed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pull bench's first pull as a database image (a small one: images start at 20,000 rows in the field),
    and the same through ``--pages``: every row arrives either way, and only the first is an image."""
    from yulu_desktop.sync import first_pull

    monkeypatch.setattr(first_pull, "IMAGE_FROM", 1)
    bench = _bench_module()
    (tmp_path / "image").mkdir()
    (tmp_path / "pages").mkdir()
    image = bench.run_pull(60, None, workdir=tmp_path / "image", in_process=True)
    pages = bench.run_pull(60, None, workdir=tmp_path / "pages", in_process=True, pages=True)
    assert image.as_image and image.all_arrived
    assert not pages.as_image and pages.all_arrived
    assert image.rows_by_table == pages.rows_by_table
    assert image.response_bytes > pages.response_bytes > 0


def test_short_pull_apply_replays_every_row_of_the_recorded_first_pull(tmp_path: Path) -> None:
    """bench_pull_apply.py: the recorded pages, replayed into the laptop's database as it was before its first
    pull, apply every row again (what the replay measures is the whole apply)."""
    _bench_module()  # bench_pull_apply imports it by name
    spec = importlib.util.spec_from_file_location("bench_pull_apply", BENCH.with_name("bench_pull_apply.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_pull_apply"] = module  # its dataclass looks itself up there
    spec.loader.exec_module(module)
    pulled = module.record(40, tmp_path / "recording")
    first, second = module.replay(tmp_path / "recording"), module.replay(tmp_path / "recording")
    assert first.rows == second.rows == pulled > 40
    assert first.pages >= 1 and first.cpu_us_per_row > 0
    assert first.parse_us_per_row + first.apply_us_per_row <= first.cpu_us_per_row + 1


@pytest.mark.slow
@pytest.mark.parametrize(
    ("backend", "workers"), [("sqlite", 1), pytest.param("postgres", 2, marks=pytest.mark.postgres)]
)
def test_short_township_office(
    backend: str, workers: int, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """8 laptop processes, prepared and then released together, sync 50 changes each against a server
    process (uvicorn workers on PostgreSQL): all complete and every change is stored once."""
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None
    result = _bench_module().run_office(8, 50, url, workdir=tmp_path, workers=workers)
    assert result.all_complete
    assert result.nothing_lost
    assert result.total_changes == 400
    assert result.server_ingest_ops_per_s > 0
    assert result.server_cpu_seconds > 0  # the server's processes are measured, workers included
    assert 0 < result.p50_sync_seconds <= result.p95_sync_seconds <= result.max_sync_seconds


@pytest.mark.slow
@pytest.mark.postgres
def test_short_township_office_with_attachment_files(tmp_path: Path, pg_url: str) -> None:
    """Records and attachment files at once: 6 laptop processes with 50 changes and 2 files of 96 KiB each
    (three 32 KiB chunks): every change and every file reaches the server, each once."""
    result = _bench_module().run_office(6, 50, pg_url, workdir=tmp_path, workers=2, files=2, file_kib=96)
    assert result.all_complete
    assert result.files_stored == 12
    assert result.nothing_lost
    assert result.status_page_max_seconds > 0 and result.ping_max_seconds > 0  # it answered while they synced
    assert result.total_changes > 300  # the households, plus a demo household and two attachment rows each


@pytest.mark.slow
@pytest.mark.postgres
def test_short_township_office_in_a_filled_county(tmp_path: Path, pg_url: str) -> None:
    """The office against a county that already holds people (``--county-people``): the filled records stay
    outside the office's villages, and every office change is stored once."""
    result = _bench_module().run_office(4, 30, pg_url, workdir=tmp_path, workers=2, county_people=2000)
    assert result.county_people == 2000
    assert result.all_complete and result.nothing_lost
    assert result.total_changes == 120


@pytest.mark.slow
@pytest.mark.postgres
def test_short_jurisdiction_bench(pg_url: str) -> None:
    """The short version of bench/bench_jurisdiction.py: a small county filled, downgraded to s0009 and upgraded
    again, every query timed on both sides, and the database left at the head revision."""
    from tests.pg_fixtures import PG_ADMIN_URL

    spec = importlib.util.spec_from_file_location(
        "bench_jurisdiction", BENCH.with_name("bench_jurisdiction.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    summary = module.run(600, 1, PG_ADMIN_URL, 1)
    assert summary["people"] >= 600 and summary["records"] > summary["people"]
    assert len(summary["migration_seconds"]["upgrade"]) == len(summary["migration_seconds"]["downgrade"]) == 1
    for level in ("village", "township", "county"):
        for query in ("digest", "first pull page", "everyday pull"):
            sides = summary["results"][f"{query}, {level}"]
            assert sides["A"]["wall_ms"] > 0 and sides["B"]["wall_ms"] > 0
    assert "| digest, village |" in module.markdown(summary)
