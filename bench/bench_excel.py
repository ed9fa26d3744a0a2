"""Excel benchmarks (issue 6): import a national export (validation included), export a list of the same size.

    python bench/bench_excel.py [--rows 200000] [--small 50000] [--parallel auto|yes|no] [--import-only]

Targets: importing 200,000 rows in under 60 s with memory that does not grow with the file, exporting 200,000
rows in under 30 s. Each import runs in a child process so that its peak RSS is its own; the machine may be
shared, so CPU time (user + system) is reported next to wall time. Files and databases go to a temporary
folder. The figures go into docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PASSPHRASE = "bench-passphrase"
TODAY = dt.date(2025, 6, 1)

NATIONAL_HEADER = [
    "县", "乡", "行政村", "自然村", "户编号", "人编号", "姓名", "证件号码", "人数", "与户主关系", "民族", "文化程度",
    "在校生状况", "健康状况", "劳动技能", "务工时间（月）", "致贫原因", "人均纯收入", "联系电话", "户类型",
    "监测对象类型", "风险是否消除", "风险识别时间", "风险消除时间",
]  # fmt: skip
_RELATIONS = ["配偶", "子", "女", "孙辈", "父母"]
_SURNAMES = "张王李赵刘陈杨黄周吴"
_GIVEN = "明华强芳军丽静伟磊娟"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def national_rows(count: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """``count`` person rows of a plausible county export: households of 1–6, unique valid ID numbers."""
    from yulu_desktop.domain.idcard import make_id_number

    rng = random.Random(seed)
    used: set[str] = set()
    made = household = 0
    while made < count:
        household += 1
        size = min(rng.randint(1, 6), count - made)
        household_no = f"5002290{household:012d}"
        township, village = f"镇{household % 25}", f"村{household % 180}"
        for member in range(size):
            made += 1
            while True:
                birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randint(0, 24000))
                id_number = make_id_number("500229", birth, rng.randint(0, 999))
                if id_number not in used:
                    used.add(id_number)
                    break
            name = rng.choice(_SURNAMES) + rng.choice(_GIVEN) + rng.choice(_GIVEN)
            values = [
                "城口县", township, village, f"{household % 9 + 1}组", household_no, f"{household_no}{member:02d}",
                name, id_number, size, "本人" if member == 0 else rng.choice(_RELATIONS), "汉族", "初中",
                "非在校生", "健康", "普通劳动力", rng.randint(0, 12), "因病,因残", 8765.43, f"138{made:08d}",
                "监测户", "脱贫不稳定户", "否", dt.date(2023, 5, 1), None,
            ]  # fmt: skip
            yield dict(zip(NATIONAL_HEADER, values, strict=True))


def write_national(path: Path, count: int) -> float:
    """The export as a county would receive it (title row, header on row 2), written with our writer."""
    from yulu_desktop.excel.writer import Column, write_xlsx

    text = {"户编号", "人编号", "证件号码", "联系电话"}
    columns = [Column(h, h, kind="text" if h in text else "auto") for h in NATIONAL_HEADER]
    started = time.perf_counter()
    write_xlsx(path, columns, national_rows(count), title="城口县防返贫监测对象信息表", mask=False)
    return time.perf_counter() - started


def fresh_db(path: Path) -> Any:
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database

    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    db = Database.open(path, PASSPHRASE, create=True)
    migrate.upgrade(db)
    return db


def _cpu(before: resource.struct_rusage, after: resource.struct_rusage) -> float:
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def child_import(source: Path, db_path: Path, parallel: str = "auto") -> dict[str, Any]:
    """Run in a child process: import ``source`` into a new database; timings and peak RSS.

    The import itself may read the sheet in a process of its own: its CPU time and peak RSS are reported
    apart ("reader"), from RUSAGE_CHILDREN (this process has no other children)."""
    from yulu_desktop.services import excel_import

    how = {"auto": None, "yes": True, "no": False}[parallel]
    db = fresh_db(db_path)
    before = resource.getrusage(resource.RUSAGE_SELF)
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    report = excel_import.import_national(db, source, actor="bench", today=TODAY, parallel=how)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    reader_rss = after_children.ru_maxrss / 1024
    started = time.perf_counter()
    again = excel_import.import_national(db, source, actor="bench", today=TODAY, parallel=how)
    reimport = time.perf_counter() - started
    again_self = resource.getrusage(resource.RUSAGE_SELF)
    again_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    db.close()
    return {
        "rows": report.new + report.changed + report.unchanged + report.rejected,
        "new": report.new,
        "rejected": report.rejected,
        "wall": wall,
        "cpu": _cpu(before, after),
        "reader_cpu": _cpu(before_children, after_children),
        "reader_peak_rss_mb": reader_rss,
        "peak_rss_mb_first": after.ru_maxrss / 1024,
        "reimport_wall": reimport,
        "reimport_cpu": _cpu(after, again_self),
        "reimport_reader_cpu": _cpu(after_children, again_children),
        "reimport_unchanged": again.unchanged,
        "peak_rss_mb": again_self.ru_maxrss / 1024,
        "load": os.getloadavg()[0],
    }


def child_export(db_path: Path, target: Path) -> dict[str, Any]:
    """Run in a child process: give every imported person a semester, export the students list (full)."""
    from yulu_desktop.services import excel_export
    from yulu_desktop.store.database import Database

    db = Database.open(db_path, PASSPHRASE)
    with db.write_connection() as conn:
        conn.exec_driver_sql("UPDATE device_state SET author = 'bench' WHERE id = 1")
        conn.exec_driver_sql(
            "INSERT INTO enrollment (id, person_id, school_year, semester, school_name, school_type, major, "
            "length_years, entry_date, grade, registry_no, registry_status) "
            "SELECT lower(hex(randomblob(16))), id, '2025-2026', 'autumn', '重庆三峡医药高等专科学校', 'dazhuan', "
            "'口腔医学技术', 3, '2025-09-01', '2025级', 'G' || id_number, 'enrolled' FROM person"
        )
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    result = excel_export.export_list(db, "students", target, actor="bench", full=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    db.close()
    return {
        "rows": result.rows,
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "size_mb": target.stat().st_size / 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def child_writer(count: int, target: Path) -> dict[str, Any]:
    """Run in a child process: the sheet writer alone, ``count`` rows × 23 columns of the students list."""
    from yulu_desktop.excel.lists import write_list

    row = {
        "county": "城口县", "township": "庙坝镇", "village": "红岩村", "household_no": "5002291012010001",
        "name": "张小明", "id_number": "11010519491231002X", "sex": "M", "birth_date": dt.date(2006, 3, 4),
        "school_year": "2025-2026", "semester": "autumn", "school_name": "重庆三峡医药高等专科学校",
        "school_type": "dazhuan", "major": "口腔医学技术", "length_years": 3, "entry_date": dt.date(2025, 9, 1),
        "grade": "2025级", "registry_no": "G500229200603041234", "registry_status": "enrolled",
        "payee_name": "张大山", "payee_bank": "农业银行", "payee_account": "6217001234567890123",
        "phone": "13800138000",
    }  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.perf_counter()
    write_list(target, "students", ({**row, "record_id": f"id-{i}"} for i in range(count)), mask=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "rows": count,
        "wall": wall,
        "cpu": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def in_child(*args: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", *args], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--small", type=int, default=50_000)
    parser.add_argument(
        "--parallel",
        choices=("auto", "yes", "no"),
        default="auto",
        help="read the sheet in a child process: by file size (auto), always, never",
    )
    parser.add_argument("--import-only", action="store_true", help="skip the export benchmarks")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        what, *rest = args.child
        if what == "import":
            result = child_import(Path(rest[0]), Path(rest[1]), *rest[2:])
        elif what == "export":
            result = child_export(Path(rest[0]), Path(rest[1]))
        else:
            result = child_writer(int(rest[0]), Path(rest[1]))
        print(json.dumps(result))
        return

    print(f"Machine: {machine()}; load average {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory(prefix="yulu-bench-excel-") as tmp:
        folder = Path(tmp)
        results: dict[int, dict[str, Any]] = {}
        for count in (args.small, args.rows):
            source = folder / f"national-{count}.xlsx"
            made = write_national(source, count)
            print(f"generated {count:,} rows in {made:.1f} s ({source.stat().st_size / 1e6:.1f} MB)")
            results[count] = in_child("import", str(source), str(folder / f"db-{count}.db"), args.parallel)
            r = results[count]
            print(
                f"import {count:>7,} rows: {r['wall']:6.1f} s wall, CPU {r['cpu']:6.1f} s + reader "
                f"{r['reader_cpu']:.1f} s, peak RSS {r['peak_rss_mb_first']:.0f} MB + reader "
                f"{r['reader_peak_rss_mb']:.0f} MB; re-import (no changes) {r['reimport_wall']:.1f} s wall, "
                f"CPU {r['reimport_cpu']:.1f} s + reader {r['reimport_reader_cpu']:.1f} s, "
                f"{r['reimport_unchanged']:,} unchanged, peak RSS {r['peak_rss_mb']:.0f} MB; "
                f"load at the end {r['load']:.2f}"
            )
        if args.import_only:
            return
        export = in_child("export", str(folder / f"db-{args.rows}.db"), str(folder / "students.xlsx"))
        print(
            f"export  {export['rows']:>7,} rows (students list, DB → xlsx): {export['wall']:6.1f} s wall, "
            f"{export['cpu']:6.1f} s CPU, {export['size_mb']:.1f} MB, peak RSS {export['peak_rss_mb']:.0f} MB"
        )
        writer = in_child("writer", str(args.rows), str(folder / "w.xlsx"))
        print(
            f"writer  {writer['rows']:>7,} rows × 23 columns: {writer['wall']:6.1f} s wall, {writer['cpu']:6.1f} s CPU, "
            f"peak RSS {writer['peak_rss_mb']:.0f} MB"
        )


if __name__ == "__main__":
    main()
