"""Desktop UI benchmark at county scale (200,000 people), with the real widgets offscreen.

    python bench/bench_ui.py                 # builds bench/out/bench-ui-50k.db once (50,000 demo households)
    python bench/bench_ui.py --launches 6 --old-rev 8297f98 --launch-only

Reports: window interactive time from launch (a fresh process as ``yulu-desktop`` starts it: import, unlock,
the sync controller, the page the app opens first — 今日工作 on a fresh install — filled with its data), in wall
time and in CPU time of that process (all its threads), with the load average before and after; with
``--old-rev`` the same launch of the code at that revision (``git archive`` into a temporary folder, with the
working tree's migrations so that it opens the same database) alternates with the working tree's, and the ratio
of the medians is printed. Then search keystroke latency p50/p95 (each
keystroke typed into the real search box, timed until its results are shown), opening a person's file, and proof
that scrolling a list loads pages, never all rows. The database is a copy of bench_search's 50,000-household
database when that exists (same demo and seed), else built here.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
# A launch of the old revision runs this file with --src <its tree>: that tree comes first on the path.
SRC = Path(sys.argv[sys.argv.index("--src") + 1]) if "--src" in sys.argv else ROOT
sys.path.insert(0, str(SRC))
OUT = ROOT / "bench" / "out"
DB = OUT / "bench-ui-50k.db"
PASSPHRASE = "bench-passphrase"  # the cached file was built with this passphrase


def prepare(households: int) -> None:
    from yulu_desktop.services.demo import generate_demo
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database

    if DB.exists():
        db = Database.open(DB, PASSPHRASE)
        if migrate.needs_upgrade(db):
            migrate.upgrade(db)
        db.close()
        return
    OUT.mkdir(parents=True, exist_ok=True)
    search_db = OUT / "bench-search-50k.db"  # bench_search's: the same demo (50,000 households, seed 50)
    if search_db.exists() and not Path(f"{search_db}-wal").exists():
        shutil.copyfile(search_db, f"{DB}.tmp")
        os.replace(f"{DB}.tmp", DB)
        prepare(households)
        return
    started = time.perf_counter()
    db = Database.open(DB, PASSPHRASE, create=True)
    migrate.upgrade(db)
    report = generate_demo(db, households=households, seed=50)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    print(
        f"built {DB.name}: {report.people:,} people in {time.perf_counter() - started:.0f} s", file=sys.stderr
    )


def child_launch(t0: float) -> None:
    """Runs in a fresh process: what a user waits for between starting the app and a usable window."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from yulu_desktop.ui import i18n
    from yulu_desktop.ui import settings as ui_settings
    from yulu_desktop.ui.app import _open_and_wait
    from yulu_desktop.ui.dialogs import open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.sync_worker import SyncController
    from yulu_desktop.ui.worker import DbWorker

    imported_cpu = time.process_time()
    app = QApplication([])
    i18n.install_translators(app, "zh_CN")
    i18n.register_font(app)
    settings = ui_settings.open_settings()
    ui_settings.LAST_PAGE.set(settings, ui_settings.LAST_PAGE.default)  # 今日工作, as on a fresh install
    worker = DbWorker()
    unlock_started = time.time()
    unlock_cpu = time.process_time()
    error = _open_and_wait(worker, open_and_upgrade(DB, PASSPHRASE, create=False))
    assert error is None, error
    unlocked = time.time()
    unlocked_cpu = time.process_time()
    database = worker.database
    assert database is not None
    loop = QEventLoop()
    sync = SyncController(lambda: database, close_database=False)  # as ui/app.py starts it
    window = MainWindow(worker, settings, sync=sync)
    window.ready.connect(loop.quit)
    window.resize(1366, 740)
    window.show()
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    ready = time.time()
    ready_cpu = time.process_time()  # every thread of this process: GUI, database worker, sync
    print(
        json.dumps(
            {
                "interactive_s": round(ready - t0, 3),
                "interactive_cpu_s": round(ready_cpu, 3),
                "imports_cpu_s": round(imported_cpu, 3),
                "unlock_s": round(unlocked - unlock_started, 3),
                "unlock_cpu_s": round(unlocked_cpu - unlock_cpu, 3),
                "window_after_unlock_s": round(ready - unlocked, 3),
                "window_after_unlock_cpu_s": round(ready_cpu - unlocked_cpu, 3),
                "first_page": "today" if window.showing_today else window.current_kind,
                "heavy_modules_loaded": sorted(
                    m
                    for m in ("alembic.command", "openpyxl", "pypinyin", "httpx", "reportlab.pdfgen")
                    if m in sys.modules
                ),
            }
        )
    )
    sys.stdout.flush()
    sync.shutdown()
    worker.shutdown()
    os._exit(0)  # PySide6 6.12 may abort in interpreter finalization (see tests/ui/conftest.py)


def in_process() -> dict[str, object]:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from yulu_desktop.services import lists
    from yulu_desktop.ui import i18n
    from yulu_desktop.ui import settings as ui_settings
    from yulu_desktop.ui.app import _open_and_wait
    from yulu_desktop.ui.dialogs import open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.person_window import PersonWindow
    from yulu_desktop.ui.worker import DbWorker

    app = QApplication([])
    i18n.register_font(app)
    settings = ui_settings.open_settings()
    ui_settings.LAST_PAGE.set(settings, "people")
    worker = DbWorker()
    assert _open_and_wait(worker, open_and_upgrade(DB, PASSPHRASE, create=False)) is None

    def wait_for(signal: object, timeout: int = 30000) -> None:
        loop = QEventLoop()
        signal.connect(loop.quit)  # type: ignore[attr-defined]
        QTimer.singleShot(timeout, loop.quit)
        loop.exec()
        signal.disconnect(loop.quit)  # type: ignore[attr-defined]

    window = MainWindow(worker, settings)
    window.resize(1366, 740)
    window.show()
    wait_for(window.ready)
    if worker.pending:
        wait_for(worker.idle)

    # Search: type each query key by key into the real box; time each keystroke until its results are shown.
    field = window.search
    queries = [
        "zhangwei",
        "lixiuying",
        "zk",
        "wf",
        "chenjie",
        "liu",
        "yang",
        "huang",
        "1234",
        "0018",
        "5678",
        "500229",
        "13812",
        "5002291012",
        "zhaomin",
        "sunli",
        "wuyan",
        "zhouj",
        "xumin",
        "mahai",
    ]
    latencies: list[float] = []
    for query in queries:
        field.clear()
        for end in range(1, len(query) + 1):
            loop = QEventLoop()
            got: list[float] = []

            def shown(
                text: str, ms: float, want: str = query[:end], got: list[float] = got, loop: QEventLoop = loop
            ) -> None:
                if text == want:
                    got.append(ms)
                    loop.quit()

            field.resultsShown.connect(shown)
            QTimer.singleShot(5000, loop.quit)
            field.setText(query[:end])
            if not got:
                loop.exec()
            field.resultsShown.disconnect(shown)
            if got:
                latencies.append(got[0])
    latencies.sort()

    def pct(values: list[float], p: float) -> float:
        return values[min(len(values) - 1, round(p / 100 * (len(values) - 1)))]

    # Person file: from opening the window to the file shown.
    people = lists.fetch(worker_db(worker), "graduates", limit=200)  # type: ignore[arg-type]
    random.Random(1).shuffle(people)
    opens: list[float] = []
    for row in people[:20]:
        started = time.perf_counter()
        person_window = PersonWindow(worker, str(row.person_id), "bench")
        person_window.show()
        if person_window.file is None:
            loop = QEventLoop()
            worker.idle.connect(loop.quit)
            loop.exec()
            worker.idle.disconnect(loop.quit)
        opens.append((time.perf_counter() - started) * 1000)
        person_window.close()
        person_window.deleteLater()

    # Scrolling: page to the bottom of the people list 30 times; count the rows the model holds.
    page = window.pages["people"]
    window.show_page("people")
    if page.model.loading:
        wait_for(page.model.pageLoaded)
    scroll_started = time.perf_counter()
    for _ in range(30):
        page.table.scrollToBottom()
        app.processEvents()
        if page.model.loading:
            wait_for(page.model.pageLoaded)
    scroll_s = time.perf_counter() - scroll_started
    result: dict[str, object] = {
        "search_keystrokes": len(latencies),
        "search_p50_ms": round(statistics.median(latencies), 1),
        "search_p95_ms": round(pct(latencies, 95), 1),
        "search_max_ms": round(latencies[-1], 1),
        "person_file_p50_ms": round(statistics.median(opens), 1),
        "person_file_max_ms": round(max(opens), 1),
        "people_total": page.model.total,
        "rows_loaded_after_30_scrolls": page.model.rowCount(),
        "pages_fetched": page.model.fetches,
        "scroll_30_pages_s": round(scroll_s, 2),
    }
    worker.shutdown()
    return result


def worker_db(worker: object) -> object:
    return worker._runner.db  # type: ignore[attr-defined]  # read-only use from the bench, while the worker is idle


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--households", type=int, default=50000)
    parser.add_argument("--child-launch", type=float)
    parser.add_argument("--src", help="(internal) the source tree a launch runs")
    parser.add_argument("--launches", type=int, default=3, help="launches of each side")
    parser.add_argument("--old-rev", help="also launch the code of this git revision, alternating")
    parser.add_argument("--launch-only", action="store_true", help="skip search, person file and scrolling")
    args = parser.parse_args()
    if args.child_launch is not None:
        child_launch(args.child_launch)
        return 0
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_printing import load
    from bench_search import machine

    prepare(args.households)
    print(f"{machine()}; load average {load()}", file=sys.stderr)
    sides = {"new": ROOT}
    old_tree = None
    if args.old_rev:
        old_tree = Path(tempfile.mkdtemp(prefix="bench-ui-old-"))
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.old_rev], capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(old_tree)], input=archive.stdout, check=True)
        # Today's migrations, so that the old code opens the same database without trying to upgrade it.
        shutil.rmtree(old_tree / "migrations")
        shutil.copytree(
            ROOT / "migrations", old_tree / "migrations", ignore=shutil.ignore_patterns("__pycache__")
        )
        # Byte-compiled up front like the working tree, so that no launch pays for compiling.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(old_tree / "yulu_desktop")], check=True)
        sides = {"old": old_tree, "new": ROOT}
    launches: dict[str, list[dict[str, object]]] = {side: [] for side in sides}
    for round_no in range(args.launches):
        # Alternating order, so that the load of the machine falls on both sides alike.
        order = list(sides) if round_no % 2 == 0 else list(reversed(sides))
        for side in order:
            env = dict(os.environ, YULU_HOME=str(OUT / "home"), PYTHONPATH=str(sides[side]))
            t0 = time.time()
            out = subprocess.run(
                [sys.executable, __file__, "--child-launch", str(t0), "--src", str(sides[side])],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout
            launches[side].append(json.loads(out.strip().splitlines()[-1]))
    if old_tree is not None:
        shutil.rmtree(old_tree)
    medians: dict[str, float] = {}
    for side, runs in launches.items():
        for key in ("interactive_s", "interactive_cpu_s", "imports_cpu_s", "window_after_unlock_cpu_s"):
            medians[f"{side}_{key}_median"] = round(statistics.median(float(str(r[key])) for r in runs), 3)
    if "old" in launches:
        for key in ("interactive_s", "interactive_cpu_s"):
            medians[f"{key}_old_over_new"] = round(
                medians[f"old_{key}_median"] / medians[f"new_{key}_median"], 2
            )
    result: dict[str, object] = {"launch": launches, **medians}
    print(f"load average at the end {load()}", file=sys.stderr)
    if args.launch_only:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        sys.stdout.flush()
        os._exit(0)
    result.update(in_process())
    print(json.dumps(result, ensure_ascii=False, indent=2))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
