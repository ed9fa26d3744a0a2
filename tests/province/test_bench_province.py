"""The province bench (bench/bench_province.py, issue 17) at a tiny size: it runs end to end on real clusters and
every figure it reports is of the right kind — rows copied or streamed equal rows fed, the checks find the families the bench
registered in two counties, the office's households reach the province, the lag was sampled. No timing is
asserted: the figures themselves are docs/SCALE.md's business, this only keeps the bench from rotting.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent / "bench"))

import bench_province

pytestmark = pytest.mark.postgres


def test_bench_runs_end_to_end_and_reports_sane_figures(tmp_path: Path) -> None:
    summary = bench_province.run(
        counties=2,
        people=400,
        office_devices=2,
        changes=40,
        feed_seconds=1.0,
        settle_seconds=2.0,
        shared_every=5,
        workdir=tmp_path,
        settings=False,
    )

    fill = summary["fill"]["counties"]
    assert [f["code"] for f in fill] == ["500229", "500238"]
    for f in fill:
        assert f["people"] >= 400
        # The realistic mix: more records than people, every fed entity present, and the WAL it took.
        assert f["records"] > 3 * f["people"]
        assert {
            "household",
            "person",
            "enrollment",
            "subsidy_application",
            "employment_record",
            "visit",
        } <= set(f["by_entity"])
        assert f["wal_bytes"] > 0

    for feed, f in zip(summary["first_feed"], fill, strict=True):
        # Visits, intents and trainings are not projected; everything else is (one row each).
        assert 0 < feed["projected_rows"] < f["records"]
        assert feed["wal_bytes"] > 0 and feed["feed_tables_bytes"] > 0
        assert feed["cpu_s"]["bench"] > 0

    # The first county arrives by the initial copy (subscribed after its first feed), the last one through the
    # apply worker (subscribed before): either way the province holds every projected row plus the county's
    # prov_feed_state row.
    first, last = summary["first_feed"]
    assert not first["subscribed_while_feeding"] and last["subscribed_while_feeding"]
    [copy] = summary["initial_copy"]
    assert copy["code"] == "500229"
    assert copy["rows"] == first["projected_rows"] + 1
    assert copy["by_table"]["prov_feed_state"] == 1
    assert copy["partition_bytes"] == sum(copy["partition_bytes_by_table"].values()) > 0
    assert copy["province_wal_bytes"] > 0
    streamed = summary["streamed"]
    assert streamed["code"] == "500238"
    assert streamed["rows"] == last["projected_rows"] + 1
    assert streamed["by_table"]["prov_person"] == fill[1]["by_entity"]["person"]
    assert streamed["partition_bytes"] > 0

    province = summary["province"]
    assert province["rows"] == copy["rows"] + streamed["rows"]
    assert province["database_bytes"] > 0
    # Every fifth household is a family registered in both counties: duplicates and double subsidies.
    assert province["checks_by_kind"].get("duplicate_registration", 0) > 0
    assert province["checks_by_kind"].get("double_subsidy", 0) > 0
    assert province["stats_applications"] > 0

    office = summary["office"]
    assert office["all_complete"]
    assert office["households"] > 0 and office["journal_rows"] >= 2 * 40
    assert office["visible_after_s"] is not None  # every office household reached the province
    assert office["lag_samples"] > 0
    assert math.isfinite(office["lag_max_s"]) and office["lag_max_s"] >= office["lag_p50_s"] >= 0
    assert office["fed_rows"] > 0 and office["decoded_bytes"] > 0 and office["county_wal_bytes"] > 0

    table = bench_province.markdown(summary)
    assert "| initial copy | 500229 |" in table and "| streamed (subscribed, then fed) | 500238 |" in table
    assert "lag of the loaded county" in table
