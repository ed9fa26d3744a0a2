"""Province figures (``province.stats``) on a small hand-made province whose numbers are worked out below.

城口 (500229)
  g1  2024-2025 spring graduated, no end date → 2025; jobs on one day: seeking (recorded 8-02), employed
      (recorded 8-03) → the later record counts: employed, placed
  g2  2023-2024 spring graduated, ended 2024-06-30 → 2024; further study → placed, not employed
  g3  2024-2025 spring graduated, ended 2025-07-01 → 2025; employed in March, seeking since September → neither
  g4  2024-2025 spring graduated (id "a…") and 2024-2025 autumn enrolled (id "z…"): spring closes the school
      year → graduate of 2025; no job → neither
  s5  graduated 2022-2023 (ended 2023-06-30), then 2025-2026 autumn enrolled → a student, not a graduate
  s6  2025-2026 autumn enrolled → a student
  s7  2024-2025 autumn enrolled, 2024-2025 spring dropped → neither
  subsidies 2025-autumn: paid 1500.00, payment_failed 1500.00, county_approved 1000.00, draft, withdrawn,
  rejected; 2025-spring: paid 1000.00
巫溪 (500238)
  b1  2025 graduate, self-employed → employed, placed;  b2  2025 graduate, military → placed
  b3  2025-2026 autumn enrolled
  subsidies 2025-autumn: paid 1200.00, in_payment 1200.00; 2026-spring: draft
石柱 (500240): nothing yet.

Every year, every term: 城口 graduates 4, employed 1, placed 2, students 2 (s5, s6), applications 5 (not the draft
or the withdrawn), approved 4, paid 2 (2500.00), failed 1. 巫溪 2, 1, 2, students 1, applications 2, approved 2,
paid 1 (1200.00). Province 6, 2, 4, 3, 7, 6, 3 (3700.00), 1.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from province_rows import insert_row

from yulu_desktop.province.counties import create_partitions, drop_county
from yulu_desktop.province.db import ProvinceDatabase, ProvinceError
from yulu_desktop.province.stats import CountyFigures, graduation_years, province_stats, terms

pytestmark = pytest.mark.postgres

A, B, C = "500229", "500238", "500240"


def _person(db: ProvinceDatabase, county: str, pid: str) -> None:
    insert_row(db, "prov_person", county_code=county, id=pid, name=pid, id_hash=f"p1:{county}{pid}")


def _enrollment(db: ProvinceDatabase, county: str, eid: str, pid: str, year: str, semester: str, status: str,
                ended_on: date | None = None) -> None:  # fmt: skip
    insert_row(db, "prov_enrollment", county_code=county, id=eid, person_id=pid, school_year=year, semester=semester,
            school_name="职教中心", school_type="secondary", major="护理", registry_status=status,
            ended_on=ended_on)  # fmt: skip


def _job(db: ProvinceDatabase, county: str, jid: str, pid: str, destination: str, on: date,
         recorded_at: datetime | None = None) -> None:  # fmt: skip
    insert_row(db, "prov_employment", county_code=county, id=jid, person_id=pid, effective_date=on,
            recorded_at=recorded_at, destination=destination)  # fmt: skip


def _subsidy(db: ProvinceDatabase, county: str, sid: str, pid: str, term: str, state: str, fen: int) -> None:
    insert_row(
        db, "prov_subsidy", county_code=county, id=sid, person_id=pid, term=term, amount_fen=fen, state=state
    )


@pytest.fixture
def built(province: ProvinceDatabase) -> ProvinceDatabase:
    db = province
    create_partitions(db, code=A, name="城口县")
    create_partitions(db, code=B, name="巫溪县")
    create_partitions(db, code=C, name="石柱县")
    for pid in ("g1", "g2", "g3", "g4", "s5", "s6", "s7"):
        _person(db, A, pid)
    _enrollment(db, A, "e1", "g1", "2024-2025", "spring", "graduated")
    _job(db, A, "j1b", "g1", "seeking", date(2025, 8, 1), datetime(2025, 8, 2, 10, 0))  # a later id, but
    _job(db, A, "j1a", "g1", "employed", date(2025, 8, 1), datetime(2025, 8, 3, 10, 0))  # recorded later
    _enrollment(db, A, "e2", "g2", "2023-2024", "spring", "graduated", date(2024, 6, 30))
    _job(db, A, "j2", "g2", "further_study", date(2024, 9, 1))
    _enrollment(db, A, "e3", "g3", "2024-2025", "spring", "graduated", date(2025, 7, 1))
    _job(db, A, "j3a", "g3", "employed", date(2025, 3, 1))
    _job(db, A, "j3b", "g3", "seeking", date(2025, 9, 1))
    _enrollment(db, A, "a-e4", "g4", "2024-2025", "spring", "graduated")
    _enrollment(db, A, "z-e4", "g4", "2024-2025", "autumn", "enrolled")
    _enrollment(db, A, "e5a", "s5", "2022-2023", "spring", "graduated", date(2023, 6, 30))
    _enrollment(db, A, "e5b", "s5", "2025-2026", "autumn", "enrolled")
    _enrollment(db, A, "e6", "s6", "2025-2026", "autumn", "enrolled")
    _enrollment(db, A, "e7a", "s7", "2024-2025", "autumn", "enrolled")
    _enrollment(db, A, "e7b", "s7", "2024-2025", "spring", "dropped")
    for sid, pid, state, fen in (
        ("k1", "s5", "paid", 150000),
        ("k2", "s6", "payment_failed", 150000),
        ("k3", "s7", "county_approved", 100000),
        ("k4", "g1", "draft", 100000),
        ("k5", "g2", "withdrawn", 100000),
        ("k6", "g3", "rejected", 100000),
    ):
        _subsidy(db, A, sid, pid, "2025-autumn", state, fen)
    _subsidy(db, A, "k7", "s5", "2025-spring", "paid", 100000)

    for pid in ("b1", "b2", "b3"):
        _person(db, B, pid)
    _enrollment(db, B, "e1", "b1", "2024-2025", "spring", "graduated")
    _job(db, B, "j1", "b1", "self_employed", date(2025, 8, 1))
    _enrollment(db, B, "e2", "b2", "2024-2025", "spring", "graduated")
    _job(db, B, "j2", "b2", "military", date(2025, 9, 1))
    _enrollment(db, B, "e3", "b3", "2025-2026", "autumn", "enrolled")
    _subsidy(db, B, "k1", "b3", "2025-autumn", "paid", 120000)
    _subsidy(db, B, "k2", "b1", "2025-autumn", "in_payment", 120000)
    _subsidy(db, B, "k3", "b3", "2026-spring", "draft", 120000)
    return db


def _counts(f: CountyFigures) -> tuple[int, ...]:
    return (
        f.graduates,
        f.employed,
        f.placed,
        f.students,
        f.applications,
        f.approved,
        f.paid,
        f.paid_fen,
        f.failed,
    )


def test_every_year_and_term(built: ProvinceDatabase) -> None:
    stats = province_stats(built)
    assert (stats.graduation_year, stats.term) == (None, None)
    chengkou, wuxi, shizhu = stats.counties
    assert [(f.code, f.name) for f in stats.counties] == [(A, "城口县"), (B, "巫溪县"), (C, "石柱县")]
    assert _counts(chengkou) == (4, 1, 2, 2, 5, 4, 2, 250000, 1)
    assert (chengkou.employment_rate, chengkou.placed_rate) == (0.25, 0.5)
    assert _counts(wuxi) == (2, 1, 2, 1, 2, 2, 1, 120000, 0)
    assert (wuxi.employment_rate, wuxi.placed_rate) == (0.5, 1.0)
    assert _counts(shizhu) == (0,) * 9
    assert (shizhu.employment_rate, shizhu.placed_rate) == (None, None)
    total = stats.total
    assert (total.code, total.name) == ("", "全省")
    assert _counts(total) == (6, 2, 4, 3, 7, 6, 3, 370000, 1)
    assert total.employment_rate == pytest.approx(2 / 6) and total.placed_rate == pytest.approx(4 / 6)


def test_one_graduation_year_and_one_term(built: ProvinceDatabase) -> None:
    stats = province_stats(built, graduation_year=2025, term="2025-autumn")
    chengkou, wuxi, _ = stats.counties
    # 2025 graduates of 城口: g1, g3, g4; students of 2025-2026 autumn: s5, s6
    assert _counts(chengkou) == (3, 1, 1, 2, 4, 3, 1, 150000, 1)
    assert _counts(wuxi) == (2, 1, 2, 1, 2, 2, 1, 120000, 0)
    assert _counts(stats.total) == (5, 2, 3, 3, 6, 5, 2, 270000, 1)

    earlier = province_stats(built, graduation_year=2024, term="2024-autumn")
    chengkou, wuxi, _ = earlier.counties
    # g2 only; students of 2024-2025 autumn: g4 (z-e4) and s7 (e7a); no subsidy in that term
    assert _counts(chengkou) == (1, 0, 1, 2, 0, 0, 0, 0, 0)
    assert _counts(wuxi) == (0,) * 9
    assert _counts(province_stats(built, graduation_year=2023).total)[:3] == (0, 0, 0)  # s5 is a student now


def test_years_and_terms_newest_first(built: ProvinceDatabase) -> None:
    assert graduation_years(built) == [2025, 2024]
    assert terms(built) == ["2026-spring", "2025-autumn", "2025-spring"]


def test_a_dropped_county_is_not_counted(built: ProvinceDatabase) -> None:
    drop_county(built, code=B)
    stats = province_stats(built)
    assert [f.code for f in stats.counties] == [A, C]
    assert _counts(stats.total) == (4, 1, 2, 2, 5, 4, 2, 250000, 1)


def test_a_malformed_term_is_refused(built: ProvinceDatabase) -> None:
    with pytest.raises(ProvinceError, match="2025-autumn"):
        province_stats(built, term="autumn 2025")
