"""Memory of the desktop app after long use at county scale (issue 20), with the real widgets offscreen.

    python bench/bench_memory.py                                  # 200,000 people, 60 minutes
    python bench/bench_memory.py --people 200000 --minutes 15
    python bench/bench_memory.py --people 200000 --column-sizing  # first switch to a list page, A/B

The session opens the real main window (as ``yulu-desktop`` does, with the sync controller of a laptop not
enrolled) and repeats a cycle until ``--minutes`` have passed: every list page is reloaded (as after a change of
data) and scrolled to its end a step at a time, the way the view asks for more rows when its scroll bar reaches
the bottom; then ``--files`` person files are opened through the main window, each one's 一人一档 is printed to
the preview (made on the database worker and shown, audited as a print) and both windows are closed. The idle
lock is turned off in the bench's own settings (``bench/out/home-memory``): no input reaches the offscreen
window, and a cadre at work never sees the lock.

A sampling thread reads the resident set (``VmRSS``, and ``VmHWM`` for the peak) from ``/proc/self/status``,
the CPU time of the process (every thread) and the load average every ``--sample-seconds`` and writes them to a
CSV with what the session is doing and, at the end of each step, the live top-level widgets, the Qt objects
under the main window, the rows held by the list models and Python's object count — the numbers that grow
when something leaks. The summary gives peak and final RSS, CPU and wall time, the load average and the RSS
at the end of each cycle (steady growth from cycle to cycle is a leak; the first cycle is the warm-up).

The database is ``bench/out/bench-memory-<people>.db``: a copy of bench_search's or bench_ui's 50,000-household
demo when one of those exists and 200,000 people are asked for (the same demo and seed), else a demo of
``people / 4`` households built here once (seed 50).

``--column-sizing`` measures the first switch to each list page instead: the CPU time of the GUI thread spent
sizing the columns to the first page of rows, the sizing of the release before (every loaded row's size hint,
through the model's ``data()``) against today's (a sample of the rows' texts), A/B in alternating order in one
process, with the median of ``--rounds`` rounds.
"""

from __future__ import annotations

import argparse
import csv
import gc
import json
import os
import random
import shutil
import statistics
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "bench" / "out"
PASSPHRASE = "bench-passphrase"  # the cached demo databases of the benches use this passphrase
#: Databases of other benches holding the same 50,000-household demo (seed 50), reused for 200,000 people.
SAME_DEMO = ("bench-search-50k.db", "bench-ui-50k.db", "bench-lists-200k.db")

#: Modules that cost memory when loaded (bench_ui's list of what start-up avoids, and the PDF viewer).
HEAVY_MODULES = (
    "alembic.command",
    "openpyxl",
    "pypinyin",
    "httpx",
    "pydantic",
    "reportlab.pdfgen",
    "PySide6.QtPdf",
    "PIL.Image",
    "qrcode",
)

CSV_FIELDS = (
    "wall_s",
    "rss_mb",
    "peak_rss_mb",
    "cpu_s",
    "load1",
    "cycle",
    "phase",
    "files_opened",
    "dossiers_printed",
    "rows_held",
    "top_level_widgets",
    "qobjects",
    "python_objects",
)


def db_path(people: int) -> Path:
    return OUT / f"bench-memory-{people}.db"


def prepare(people: int) -> Path:
    """The demo database of ``people`` (built or copied once, upgraded to the working tree's schema)."""
    from yulu_desktop.store import migrate
    from yulu_desktop.store.database import Database

    path = db_path(people)
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        same = [OUT / name for name in SAME_DEMO] if people == 200_000 else []
        source = next((p for p in same if p.exists() and not Path(f"{p}-wal").exists()), None)
        if source is not None:
            shutil.copyfile(source, f"{path}.tmp")
        else:
            from yulu_desktop.services.demo import generate_demo

            started = time.perf_counter()
            db = Database.open(Path(f"{path}.tmp"), PASSPHRASE, create=True)
            migrate.upgrade(db)
            report = generate_demo(db, households=max(1, people // 4), seed=50)
            with db.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            db.close()
            print(
                f"built {path.name}: {report.people:,} people in {time.perf_counter() - started:.0f} s",
                file=sys.stderr,
            )
        os.replace(f"{path}.tmp", path)
    db = Database.open(path, PASSPHRASE)
    if migrate.needs_upgrade(db):
        migrate.upgrade(db)
    db.close()
    return path


# --- measuring -----------------------------------------------------------------------------------------------


def proc_status_mb(key: str) -> float:
    """A memory line of /proc/self/status (``VmRSS``, ``VmHWM``) in MB; 0 where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(f"{key}:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def load_average() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def machine() -> str:
    import platform

    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = proc_meminfo_gb()
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {cpu}, {memory}, "
        f"Python {platform.python_version()}"
    )


def proc_meminfo_gb() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    except OSError:
        pass
    return "? GiB"


class Sampler(threading.Thread):
    """Samples RSS, CPU time and load every ``interval`` seconds into a CSV, with the session's state.

    It runs on a thread of its own so that a long step on the GUI thread cannot hide a peak; the GUI thread
    only updates ``state`` (plain values) between steps."""

    def __init__(self, csv_path: Path, interval: float) -> None:
        super().__init__(name="memory-sampler", daemon=True)
        self.interval = interval
        self.csv_path = csv_path
        self.started = time.perf_counter()
        self.state: dict[str, Any] = dict.fromkeys(CSV_FIELDS, "")
        self.rows: list[dict[str, Any]] = []
        self._halt = threading.Event()
        self._lock = threading.Lock()
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(csv_path, "w", newline="", encoding="utf-8")  # noqa: SIM115  (closed in stop())
        self._writer = csv.DictWriter(self._file, fieldnames=CSV_FIELDS)
        self._writer.writeheader()

    def sample(self) -> dict[str, Any]:
        row = dict(self.state)
        row.update(
            wall_s=round(time.perf_counter() - self.started, 1),
            rss_mb=round(proc_status_mb("VmRSS"), 1),
            peak_rss_mb=round(proc_status_mb("VmHWM"), 1),
            cpu_s=round(time.process_time(), 2),
            load1=round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else "",
        )
        with self._lock:
            self.rows.append(row)
            self._writer.writerow(row)
            self._file.flush()  # a run stopped early keeps what it measured
        return row

    def run(self) -> None:
        while not self._halt.wait(self.interval):
            self.sample()

    def stop(self) -> dict[str, Any]:
        self._halt.set()
        self.join()
        last = self.sample()
        self._file.close()
        return last


def wait_for(signal: Any, timeout_ms: int = 120_000) -> None:
    """Run the event loop until ``signal`` is emitted (or the timeout)."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    # A timer of our own, stopped afterwards (a QTimer.singleShot would stay alive for the whole timeout).
    timeout = QTimer()
    timeout.setSingleShot(True)
    timeout.timeout.connect(loop.quit)
    timeout.start(timeout_ms)
    loop.exec()
    timeout.stop()
    signal.disconnect(loop.quit)


# --- the session -----------------------------------------------------------------------------------------------


@dataclass
class Result:
    """What a session measured (MB are MiB of resident memory)."""

    people: int = 0
    minutes_asked: float = 0.0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    start_rss_mb: float = 0.0
    peak_rss_mb: float = 0.0
    final_rss_mb: float = 0.0
    load_start: str = ""
    load_end: str = ""
    cycles: int = 0
    files_opened: int = 0
    dossiers_printed: int = 0
    dossiers_failed: int = 0
    pages_fetched: int = 0
    rows_scrolled: int = 0
    #: RSS (MB) at the end of each cycle, after the closed windows were deleted.
    rss_after_cycle_mb: list[float] = field(default_factory=list)
    #: Live top-level widgets, Qt objects under the main window, Python objects at the end of each cycle.
    widgets_after_cycle: list[int] = field(default_factory=list)
    qobjects_after_cycle: list[int] = field(default_factory=list)
    python_objects_after_cycle: list[int] = field(default_factory=list)
    csv_path: str = ""
    #: Large modules loaded by the end (each costs resident memory once).
    heavy_modules: list[str] = field(default_factory=list)

    @property
    def growth_per_cycle_mb(self) -> float:
        """Mean RSS growth from one cycle's end to the next, the warm-up cycle left out (0 with < 3 cycles)."""
        after = self.rss_after_cycle_mb[1:]
        return (after[-1] - after[0]) / (len(after) - 1) if len(after) >= 2 else 0.0


class Session:
    """Drives a real main window through the cycles (on the GUI thread, waiting in nested event loops)."""

    def __init__(
        self,
        app: Any,
        window: Any,
        worker: Any,
        sampler: Sampler,
        *,
        deadline: float,
        files_per_cycle: int,
        seed: int = 20,
    ) -> None:
        self.app = app
        self.window = window
        self.worker = worker
        self.sampler = sampler
        self.deadline = deadline
        self.files_per_cycle = files_per_cycle
        self.rng = random.Random(seed)
        self.result = Result()
        self._person_ids: list[str] = []

    # --- waiting -------------------------------------------------------------------------------------------

    def wait_for(self, signal: Any, timeout_ms: int = 120_000) -> None:
        wait_for(signal, timeout_ms)

    def settle(self) -> None:
        """Let queued work finish and delete what was closed (the main loop would at its next turn)."""
        from PySide6.QtCore import QCoreApplication, QEvent

        while self.worker.pending:
            self.wait_for(self.worker.idle)
        self.app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        self.app.processEvents()

    def time_left(self) -> bool:
        return time.perf_counter() < self.deadline

    def mark(self, phase: str) -> None:
        """Update the state the sampler writes, with the counts that grow when something leaks."""
        from PySide6.QtCore import QObject
        from PySide6.QtWidgets import QApplication

        pages = self.window.pages.values()
        self.sampler.state.update(
            cycle=self.result.cycles,
            phase=phase,
            files_opened=self.result.files_opened,
            dossiers_printed=self.result.dossiers_printed,
            rows_held=sum(page.model.rowCount() for page in pages),
            top_level_widgets=len(QApplication.topLevelWidgets()),
            qobjects=len(self.window.findChildren(QObject)),
            python_objects=len(gc.get_objects()),
        )

    # --- the steps -----------------------------------------------------------------------------------------

    def scroll_list(self, kind: str) -> None:
        """Reload a list page and scroll it to its end a step (one page of rows) at a time."""
        page = self.window.pages[kind]
        self.window.show_page(kind)
        page.refresh()  # as after a change of data: the rows held before are dropped
        if page.model.loading:
            self.wait_for(page.model.pageLoaded)
        model, bar = page.model, page.table.verticalScrollBar()
        fetches = model.fetches
        while self.time_left() or self.result.cycles == 0:
            bar.setValue(bar.maximum())  # the view asks for more rows when its scroll bar reaches the end
            self.app.processEvents()
            if not model.loading and model.canFetchMore():
                model.fetchMore()  # a list shorter than the viewport: the view had no scroll bar to move
            if not model.loading:
                break
            rows = model.offset + model.rowCount()  # the model holds a window of the rows scrolled past
            self.wait_for(model.pageLoaded)
            self.result.rows_scrolled += model.offset + model.rowCount() - rows
        self.result.pages_fetched += model.fetches - fetches

    def pick_people(self) -> list[str]:
        """Person ids to open: random people of the county, read once."""
        if not self._person_ids:
            got: list[list[str]] = []

            def job(db: Any) -> list[str]:
                with db.read_connection() as conn:
                    return [str(r[0]) for r in conn.exec_driver_sql("SELECT id FROM person").fetchall()]

            self.worker.submit(job, got.append)
            self.settle()
            self._person_ids = got[0]
        return self.rng.sample(self._person_ids, min(self.files_per_cycle, len(self._person_ids)))

    def open_and_print(self, person_id: str) -> None:
        """Open a person's file from the main window, print its 一人一档 to the preview, close both."""
        person_window = self.window.open_person(person_id)
        self.settle()  # the file is read on the worker and shown
        if person_window.file is not None:
            self.result.files_opened += 1
        dialog = person_window.print_dossier()
        outcome: list[str] = []
        dialog.loaded.connect(lambda _pages: outcome.append("loaded"))
        dialog.failed.connect(outcome.append)
        while not outcome and self.worker.pending:
            self.wait_for(self.worker.idle)
        self.app.processEvents()
        if outcome == ["loaded"]:
            self.result.dossiers_printed += 1
        else:
            self.result.dossiers_failed += 1
            print(f"dossier of {person_id} not shown: {outcome}", file=sys.stderr)
        dialog.close()
        person_window.close()
        self.settle()

    def cycle(self) -> None:
        for kind in self.window.pages:
            self.mark(f"scroll {kind}")
            self.scroll_list(kind)
            if not self.time_left() and self.result.cycles > 0:
                return
        self.mark("files")
        for person_id in self.pick_people():
            self.open_and_print(person_id)
            if not self.time_left() and self.result.cycles > 0:
                return

    def run(self) -> Result:
        from PySide6.QtWidgets import QApplication

        result = self.result
        result.load_start = load_average()
        result.start_rss_mb = round(proc_status_mb("VmRSS"), 1)
        wall, cpu = time.perf_counter(), time.process_time()
        self.mark("start")
        self.sampler.sample()
        # At least one whole cycle, however short the time asked for.
        while result.cycles == 0 or self.time_left():
            self.cycle()
            self.settle()
            result.cycles += 1
            self.mark("cycle end")
            result.rss_after_cycle_mb.append(round(proc_status_mb("VmRSS"), 1))
            result.widgets_after_cycle.append(len(QApplication.topLevelWidgets()))
            result.qobjects_after_cycle.append(int(self.sampler.state["qobjects"]))
            result.python_objects_after_cycle.append(int(self.sampler.state["python_objects"]))
            self.sampler.sample()
        result.wall_s = round(time.perf_counter() - wall, 1)
        result.cpu_s = round(time.process_time() - cpu, 1)
        result.load_end = load_average()
        result.heavy_modules = sorted(m for m in HEAVY_MODULES if m in sys.modules)
        return result


def run_session(
    app: Any,
    window: Any,
    worker: Any,
    *,
    seconds: float,
    files_per_cycle: int,
    csv_path: Path,
    sample_seconds: float = 5.0,
) -> Result:
    """Run the cycles on an open, ready main window for ``seconds`` (at least one cycle); sample to ``csv_path``."""
    sampler = Sampler(csv_path, sample_seconds)
    sampler.start()
    session = Session(
        app, window, worker, sampler, deadline=time.perf_counter() + seconds, files_per_cycle=files_per_cycle
    )
    try:
        result = session.run()
    finally:
        last = sampler.stop()
    result.minutes_asked = round(seconds / 60, 2)
    result.peak_rss_mb = float(last["peak_rss_mb"])
    result.final_rss_mb = float(last["rss_mb"])
    result.csv_path = str(csv_path)
    return result


def _quiet_offscreen(_kind: Any, _context: Any, message: str) -> None:
    # The offscreen platform cannot raise windows or propagate size hints and says so each time.
    if not message.startswith("This plugin does not support"):
        print(message, file=sys.stderr)


def open_app(path: Path) -> tuple[Any, Any, Any, Any]:
    """QApplication, DbWorker, SyncController and a ready MainWindow on ``path``, as ``ui/app.py`` starts them."""
    from PySide6.QtCore import QEventLoop, QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from yulu_desktop.ui import i18n
    from yulu_desktop.ui import settings as ui_settings
    from yulu_desktop.ui.app import _open_and_wait
    from yulu_desktop.ui.dialogs import open_and_upgrade
    from yulu_desktop.ui.main_window import MainWindow
    from yulu_desktop.ui.sync_worker import SyncController
    from yulu_desktop.ui.worker import DbWorker

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([])
    qInstallMessageHandler(_quiet_offscreen)
    i18n.install_translators(app, "zh_CN")
    i18n.register_font(app)
    settings = ui_settings.open_settings()
    ui_settings.LAST_PAGE.set(settings, ui_settings.LAST_PAGE.default)
    # No keyboard or mouse reaches the offscreen window, so the idle lock would cover it after 10 minutes: a
    # cadre at work never sees it, and windows opened and closed under the lock are another session (see
    # docs/PERFORMANCE.md, the run of 14 minutes).
    ui_settings.IDLE_LOCK_MINUTES.set(settings, 0)
    worker = DbWorker()
    error = _open_and_wait(worker, open_and_upgrade(path, PASSPHRASE, create=False))
    assert error is None, error
    database = worker.database
    assert database is not None
    sync = SyncController(lambda: database, close_database=False)
    window = MainWindow(worker, settings, sync=sync)
    window.resize(1366, 740)
    loop = QEventLoop()
    window.ready.connect(loop.quit)
    window.show()
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    return app, worker, sync, window


# --- the first switch to a list page: column sizing, A/B ----------------------------------------------------


def size_columns_before(page: Any) -> None:
    """The column sizing of the release before (8297f98…23eaf9b): every loaded row's size hint, per column."""
    header = page.table.horizontalHeader()
    for number in range(page.model.columnCount()):
        width = max(page.table.sizeHintForColumn(number), header.sectionSizeHint(number))
        page.table.setColumnWidth(number, min(max(width + 8, 56), 260))


def size_columns_now(page: Any) -> None:
    """Today's column sizing (``ListPage._size_columns_once``: the texts of the first rows)."""
    page._sized = False
    page._size_columns_once()


def column_sizing(window: Any, worker: Any, app: Any, rounds: int) -> dict[str, Any]:
    """GUI-thread CPU of sizing each list page's columns to its first page, before vs now, alternating."""
    sides: dict[str, Callable[[Any], None]] = {
        "before": size_columns_before,
        "now": size_columns_now,
    }
    times: dict[str, dict[str, list[float]]] = {side: {} for side in sides}
    widths: dict[str, dict[str, list[int]]] = {side: {} for side in sides}
    switch: dict[str, float] = {}
    for kind in window.pages:
        page = window.pages[kind]
        started = time.thread_time()
        window.show_page(kind)
        if page.model.loading or page.model.rowCount() == 0:
            wait_for(page.model.pageLoaded)
        app.processEvents()
        switch[kind] = round((time.thread_time() - started) * 1000, 1)  # today's first switch, GUI thread
        for number in range(rounds):
            order = list(sides) if number % 2 == 0 else list(reversed(sides))
            for side in order:
                for column in range(page.model.columnCount()):
                    page.table.setColumnWidth(column, 100)
                app.processEvents()
                started = time.thread_time()
                sides[side](page)
                times[side].setdefault(kind, []).append(time.thread_time() - started)
                widths[side][kind] = [page.table.columnWidth(c) for c in range(page.model.columnCount())]
    report: dict[str, Any] = {
        "rows_on_first_page": {k: window.pages[k].model.rowCount() for k in window.pages}
    }
    for kind in window.pages:
        before = statistics.median(times["before"][kind]) * 1000
        now = statistics.median(times["now"][kind]) * 1000
        report[kind] = {
            "before_cpu_ms": round(before, 1),
            "now_cpu_ms": round(now, 1),
            "before_over_now": round(before / now, 1) if now else None,
            "first_switch_gui_cpu_ms_now": switch[kind],
            "widths_before": widths["before"][kind],
            "widths_now": widths["now"][kind],
        }
    return report


# --- main ---------------------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--people", type=int, default=200_000, help="people in the demo county (default 200,000)"
    )
    parser.add_argument(
        "--sqlite-cache-mb",
        type=int,
        help="SQLite page cache per connection (default: the app's, store.database)",
    )
    parser.add_argument("--minutes", type=float, default=60.0, help="how long to use the app (default 60)")
    parser.add_argument("--files", type=int, default=25, help="person files opened and printed per cycle")
    parser.add_argument("--sample-seconds", type=float, default=5.0)
    parser.add_argument("--csv", type=Path, help="where the samples go (default bench/out/bench-memory-…csv)")
    parser.add_argument(
        "--column-sizing", action="store_true", help="measure the first switch to a list page"
    )
    parser.add_argument("--rounds", type=int, default=9, help="A/B rounds of --column-sizing")
    args = parser.parse_args()

    os.environ["YULU_HOME"] = str(OUT / "home-memory")  # never the user's settings
    if args.sqlite_cache_mb is not None:
        from yulu_desktop.store import database

        database.CACHE_KIB = args.sqlite_cache_mb * 1024
    path = prepare(args.people)
    print(f"{machine()}; load average {load_average()}", file=sys.stderr)
    app, worker, sync, window = open_app(path)
    if args.column_sizing:
        report = column_sizing(window, worker, app, args.rounds)
        report["load_average_end"] = load_average()
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        csv_path = args.csv or OUT / f"bench-memory-{args.people}-{time.strftime('%Y%m%d-%H%M%S')}.csv"
        print(f"window ready: RSS {proc_status_mb('VmRSS'):.0f} MB; sampling to {csv_path}", file=sys.stderr)
        result = run_session(
            app,
            window,
            worker,
            seconds=args.minutes * 60,
            files_per_cycle=args.files,
            csv_path=csv_path,
            sample_seconds=args.sample_seconds,
        )
        result.people = args.people
        summary = asdict(result)
        summary["growth_per_cycle_mb"] = round(result.growth_per_cycle_mb, 1)
        print(json.dumps(summary, ensure_ascii=False, indent=1))
    sys.stdout.flush()
    sync.shutdown()
    worker.shutdown()
    os._exit(0)  # PySide6 6.12 may abort in interpreter finalization (see tests/ui/conftest.py)


if __name__ == "__main__":
    sys.exit(main())
