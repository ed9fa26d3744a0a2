"""Matching and employment figures at county scale (issue 16): positions for one graduate, candidates for one
position, the employment dashboard and the unemployed-graduate list.

    python bench/bench_matching.py [--candidates 3000] [--others 3000] [--positions 300] [--repeats 7]

Builds a county in a temporary database: ``--candidates`` graduates and final-year students (half of the
graduates placed in a job, so not candidates any more), ``--others`` students in earlier years (read past, never
candidates), ``--positions`` positions of 60 enterprises, career plans, certificates and employment entries;
then times ``services.matching.positions_for`` and ``graduates_for`` (everything, and one township) and prints
the median wall and CPU milliseconds of the repeats and the load average. The target is < 200 ms for matching;
the dashboard and the list have none (they run on the database worker) and are measured to know their cost.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

from yulu_desktop.domain import codes
from yulu_desktop.domain.entities import (
    CareerPlan,
    EmploymentRecord,
    Enrollment,
    Enterprise,
    Household,
    JobPosition,
    OrgUnit,
    Person,
    Training,
)
from yulu_desktop.services import employment_stats, matching
from yulu_desktop.store import journal, migrate
from yulu_desktop.store.database import Database

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_printing import cpu_now, load  # the shared CPU-time and load helpers

PASSPHRASE = "bench-passphrase"
TODAY = date(2025, 12, 1)
MAJORS = (
    "数控技术应用",
    "护理",
    "电子商务",
    "电子技术应用",
    "汽车运用与维修",
    "计算机应用",
    "会计事务",
    "学前教育",
    "烹饪",
    "机电技术应用",
    "酒店管理",
    "物流管理",
)
LEVELS = ("", "初级工", "中级工", "高级工", "技师")


def build(db: Database, *, candidates: int, others: int, positions: int, seed: int = 1) -> dict[str, str]:
    rng = random.Random(seed)
    county = OrgUnit(code="500229", name="城口县", level="county")
    townships = [
        OrgUnit(code=f"500229{t:03d}", name=f"第{t}镇", level="township", parent_id=county.id)
        for t in range(1, 11)
    ]
    villages = [
        OrgUnit(
            code=f"{township.code}{v:03d}",
            name=f"{township.name}{v}村",
            level="village",
            parent_id=township.id,
        )
        for township in townships
        for v in range(1, 11)
    ]
    rows: list[object] = [county, *townships, *villages]
    enterprises = [
        Enterprise(
            county_id=county.id,
            name=f"企业{n}",
            industry=rng.choice(list(codes.INDUSTRY.labels)),
            region=rng.choice(list(codes.REGION.labels)),
        )
        for n in range(60)
    ]
    rows += enterprises
    position_ids = []
    for n in range(positions):
        low = rng.randrange(250000, 600000, 10000)
        position = JobPosition(
            unit_id=rng.choice([county, *townships]).id,
            enterprise_id=rng.choice(enterprises).id,
            title=f"岗位{n}",
            region=rng.choice(list(codes.REGION.labels)),
            pay_min_fen=low,
            pay_max_fen=low + rng.randrange(0, 200000, 10000),
            majors=json.dumps(rng.sample(MAJORS, rng.randrange(0, 3)), ensure_ascii=False),
            skill_level=rng.choice(("none", "none", "level5", "level4")),
            openings=rng.randrange(1, 10),
            posted_on=TODAY - timedelta(days=rng.randrange(1, 200)),
            deadline=None if n % 3 else TODAY + timedelta(days=rng.randrange(-30, 90)),
        )
        position_ids.append(position.id)
        rows.append(position)
    graduate_ids = []
    stamp = datetime(2025, 11, 1, 9)
    for n in range(candidates + others):
        village = villages[n % len(villages)]
        household = Household(household_no=f"{village.code}{n:05d}", village_id=village.id)
        person = Person(household_id=household.id, name=f"学生{n}", relationship="20")
        major = rng.choice(MAJORS)
        rows += [household, person]
        kind = "graduate" if n < candidates * 2 // 3 else "final" if n < candidates else "other"
        for year in (2022, 2023, 2024) if kind != "other" else (2025,):
            rows.append(
                Enrollment(
                    person_id=person.id,
                    school_year=f"{year}-{year + 1}",
                    semester="spring",
                    school_name="重庆三峡职业学院",
                    school_type="higher_vocational",
                    major=major,
                    entry_date=date(2022 if kind == "graduate" else 2023 if kind == "final" else 2025, 6, 1),
                    registry_status="graduated" if kind == "graduate" and year == 2024 else "enrolled",
                    ended_on=date(2025, 6, 30) if kind == "graduate" and year == 2024 else None,
                )
            )
        if kind == "graduate":
            graduate_ids.append(person.id)
            rows.append(
                EmploymentRecord(
                    person_id=person.id,
                    effective_date=date(2025, 7, 15),
                    destination="employed" if n % 2 else "seeking",
                    employer="企业" if n % 2 else "",
                    recorded_at=stamp,
                )
            )
        if kind != "other" and n % 2 == 0:
            rows.append(
                CareerPlan(
                    person_id=person.id,
                    recorded_on=TODAY - timedelta(days=30),
                    goal="就业",
                    wanted_region=rng.choice(list(codes.REGION.labels)),
                    wanted_income_fen=rng.randrange(250000, 600000, 50000),
                )
            )
        level = rng.choice(LEVELS)
        if level:
            rows.append(
                Training(person_id=person.id, kind="certificate", name="证书", certificate_level=level)
            )
    # Mapped without relationships: parents are flushed before the rows that point at them.
    order = (OrgUnit, Enterprise, JobPosition, Household, Person)
    with db.write() as session:
        journal.set_author(session.connection(), "bench")
        for cls in order:
            session.add_all([r for r in rows if type(r) is cls])
            session.flush()
        session.add_all([r for r in rows if type(r) not in order])
    with db.write_connection() as conn:
        conn.exec_driver_sql("ANALYZE")
    return {
        "graduate": next(g for i, g in enumerate(graduate_ids) if i % 2 == 0),
        "position": position_ids[1],
        "township": townships[0].id,
    }


def measure(fn: Callable[[], object], repeats: int) -> tuple[float, float, int]:
    walls, cpus = [], []
    size = 0
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), cpu_now()
        result = fn()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((cpu_now() - cpu) * 1000)
        size = len(result) if isinstance(result, list) else 0
    return statistics.median(walls), statistics.median(cpus), size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", type=int, default=3000)
    parser.add_argument("--others", type=int, default=3000)
    parser.add_argument("--positions", type=int, default=300)
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Database.open(Path(tmp) / "bench.db", PASSPHRASE, create=True)
        try:
            migrate.upgrade(db)
            started = time.perf_counter()
            ids = build(db, candidates=args.candidates, others=args.others, positions=args.positions)
            print(
                f"built {args.candidates:,} graduates and final-year students, {args.others:,} other students, "
                f"{args.positions} positions in {time.perf_counter() - started:.1f} s"
            )
            cases: list[tuple[str, Callable[[], object]]] = [
                (
                    "positions_for (one graduate, all)",
                    lambda: matching.positions_for(db, ids["graduate"], today=TODAY),
                ),
                (
                    "graduates_for (everything, fitting)",
                    lambda: matching.graduates_for(db, ids["position"], today=TODAY),
                ),
                (
                    "graduates_for (everything, all)",
                    lambda: matching.graduates_for(db, ids["position"], today=TODAY, fitting_only=False),
                ),
                (
                    "graduates_for (one township)",
                    lambda: matching.graduates_for(db, ids["position"], today=TODAY, unit_id=ids["township"]),
                ),
                ("employment dashboard (everything)", lambda: employment_stats.dashboard(db, today=TODAY)),
                (
                    "unemployed graduates (everything)",
                    lambda: employment_stats.unemployed_graduates(db, today=TODAY),
                ),
            ]
            print(f"{'case':<40} {'wall ms':>8} {'CPU ms':>8} {'rows':>6}   (median of {args.repeats})")
            for name, fn in cases:
                fn()  # warm the page cache and the statement cache
                wall, cpu, size = measure(fn, args.repeats)
                print(f"{name:<40} {wall:8.1f} {cpu:8.1f} {size:6d}")
            print(f"load average: {load()}")
        finally:
            db.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
