"""今日工作 at county scale: each section's query timed for everything, a county, a township and a village.

    python bench/bench_today.py            # uses bench/out/bench-ui-50k.db (built by bench/bench_ui.py)
    python bench/bench_today.py --db PATH --passphrase SECRET

The demo applies for every student and places every graduate, so sections would be empty: pass ``--stir`` (on a
copy!) to drop 10 % of the newest term's applications and mark a third of one year's enrollments graduated.
Reports wall-clock and CPU time per section (CPU time is the fair figure on a loaded machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    from sqlalchemy import text

    from yulu_desktop.services import today
    from yulu_desktop.store.database import Database

    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, default=ROOT / "bench" / "out" / "bench-ui-50k.db")
    parser.add_argument("--passphrase", default="bench-passphrase")
    parser.add_argument("--stir", action="store_true")
    args = parser.parse_args()
    db = Database.open(args.db, args.passphrase)
    day = dt.date.today()
    term = today.current_term(day)
    with db.write_connection() as conn:
        if args.stir:
            conn.execute(
                text("DELETE FROM subsidy_application WHERE term = :t AND abs(random()) % 10 = 0"),
                {"t": term},
            )
            conn.execute(
                text(
                    "UPDATE enrollment SET registry_status = 'graduated' WHERE school_year = "
                    "(SELECT min(school_year) FROM enrollment) AND abs(random()) % 3 = 0"
                )
            )
        conn.exec_driver_sql("ANALYZE")
        people = conn.execute(text("SELECT count(*) FROM person")).scalar_one()
        scopes = [("everything", None)] + [
            (
                level,
                conn.execute(text("SELECT id FROM org_unit WHERE level = :l LIMIT 1"), {"l": level}).scalar(),
            )
            for level in ("county", "township", "village")
        ]
    print(f"{people:,} people; term {term}")
    sections = {
        "overdue": lambda c, s: today._overdue(c, s, day, 50),
        "not_visited": lambda c, s: today._not_visited(c, s, day, today.DEFAULT_STALE_DAYS, 50),
        "no_application": lambda c, s: today._no_application(c, s, term, 50),
        "graduates": lambda c, s: today._graduates(c, s, 50),
        "conflicts": lambda c, _s: today._conflicts(c, 50),
    }
    for name, scope in scopes:
        for key, run in sections.items():
            with db.read_connection() as conn:
                wall, cpu = time.perf_counter(), time.process_time()
                section = run(conn, scope)
                wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"{name:10} {key:15} count {section.count:>5}  wall {wall * 1000:7.1f} ms  cpu {cpu * 1000:7.1f} ms"
            )
        wall, cpu = time.perf_counter(), time.process_time()
        today.load_today(db, scope)
        print(
            f"{name:10} whole page      wall {time.perf_counter() - wall:.2f} s  cpu {time.process_time() - cpu:.2f} s"
        )
    db.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
