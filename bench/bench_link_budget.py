"""Link budget: what a cadre's typical day costs on the wire, and how long its sync takes on a 2G link.

    python bench/bench_link_budget.py [--kbps 64] [--delay-ms 300] [--no-photos] [--baseline] [--json]

The day: 30 visits with notes, 5 student updates (3 new semesters, 2 status changes), 3 camera photos
(2–3 MB JPEGs before the app downscales them). The laptop syncs through ``tests/sync/throttle.py`` — a loopback
proxy with ``--kbps`` each way and ``--delay-ms`` one-way delay each way (so a round trip is twice that) — to a
county server in its own process (SQLite). Measured per sync, in this order:

* ``idle before``: nothing new on either side (what the app's periodic sync costs);
* ``records``: the 35 changes;
* ``photos``: the 3 photos (their attachment records and the files), when the attachment upload exists;
* ``idle after``.

Reported: TCP payload bytes up and down (HTTP headers and bodies; TCP/IP headers not counted), HTTP requests,
TCP connections, seconds. ``--baseline`` replays the client as it was before the link-budget changes (a pull and
a digest check on every sync, stock HTTP headers) for the before/after table in docs/PERFORMANCE.md.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent.parent / "tests" / "sync"))

from bench_sync import ServerProcess, _device, _template
from throttle import LinkStats, ThrottleProxy

from yulu_desktop.domain.entities import Enrollment, Household, Person, Visit
from yulu_desktop.server import admin
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.services import records
from yulu_desktop.store.database import Database
from yulu_desktop.sync import client as client_module
from yulu_desktop.sync.client import SyncClient

CADRE = "张书记"
NOTES = (
    "入户走访，了解孩子在校学习和生活情况，家长反映孩子适应良好，学校按时发放了生活补助。",
    "电话回访，学生本学期在汽修专业实习，实习单位包食宿，家长希望毕业后能就近就业。",
    "宣讲雨露计划政策，说明中职每学期补助标准和申请材料，家长表示会按时提交学籍证明。",
    "了解毕业生就业去向，目前在县城电商企业工作，月收入约三千元，已签订劳动合同。",
)
DETAILS = (
    "母亲在外务工，父亲在家务农",
    "孩子寒假在县城超市打工",
    "已办理一卡通，补助到账正常",
    "家长对资助政策比较满意",
    "房屋已完成危房改造",
    "孩子计划参加技能等级证书考试",
)
PROBLEMS = ("家中老人患慢性病，医疗支出较大", "孩子想转专业，担心影响补助", "")
FOLLOW_UPS = ("协助联系学校开具学籍证明", "下次走访时带去补助申请表", "")


@dataclass
class Phase:
    name: str
    changes: int
    bytes_up: int
    bytes_down: int
    requests: int
    connections: int
    seconds: float
    paths: dict[str, int] = field(default_factory=dict)

    @property
    def bytes_per_change(self) -> float:
        return (self.bytes_up + self.bytes_down) / self.changes if self.changes else 0.0


class RequestLog:
    """httpx event hook: every request the client makes, by path (query left out)."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, request: httpx.Request) -> None:
        path = request.url.path
        self.paths.append(
            "/v1/blobs/*" if path.startswith("/v1/blobs/") and path != "/v1/blobs/status" else path
        )


def apply_baseline() -> None:
    """The client as it was before the link-budget changes: a pull and a digest check on every sync."""

    def always_pull(
        self: SyncClient, report: Any, head_seq: int, progress: Any = None, cancel: Any = None
    ) -> bool:
        return self.pull_all(report, progress, cancel)

    class _NeverMatched(dict):  # type: ignore[type-arg]
        def get(self, key: Any, default: Any = None) -> Any:
            return None

    SyncClient._pull_unless_current = always_pull  # type: ignore[method-assign,assignment]
    client_module._MATCHED_CHECKS = _NeverMatched()  # type: ignore[assignment]
    client_module._WIRE_HEADERS = {}  # type: ignore[attr-defined]


def camera_jpeg(rng: random.Random, target_bytes: int) -> bytes:
    """A photo-like JPEG of about ``target_bytes`` (4000×3000, textured: compresses like a camera photo)."""
    from PIL import Image, ImageFilter

    width, height = 4000, 3000
    noise = Image.effect_noise((width // 4, height // 4), 60).resize((width, height))
    base = Image.linear_gradient("L").resize((width, height)).filter(ImageFilter.GaussianBlur(2))
    red = Image.blend(base, noise, 0.5)
    green = Image.blend(base.rotate(90, expand=False), noise, 0.4)
    blue = noise.point(lambda v: (v + rng.randint(0, 40)) % 256)
    image = Image.merge("RGB", (red, green, blue))
    quality = 90
    while True:
        out = io.BytesIO()
        image.save(out, "JPEG", quality=quality)
        if out.tell() <= target_bytes * 1.15 or quality <= 40:
            return out.getvalue()
        quality -= 8


def seed_village(db: Database, village_id: str, rng: random.Random) -> tuple[list[str], list[str], list[str]]:
    """40 households, ~150 people, 20 students with this semester's enrollment (what the laptop already has)."""
    households, people, students = [], [], []
    with db.write() as session:
        for h in range(40):
            household = Household(household_no=f"50022910120100{h:02d}", village_id=village_id)
            session.add(household)
            session.flush()
            households.append(household.id)
            for j in range(rng.randint(3, 5)):
                person = Person(household_id=household.id, name=f"张{h}{j}")
                session.add(person)
                session.flush()
                people.append(person.id)
                if j == 2 and len(students) < 20:
                    students.append(person.id)
                    session.add(
                        Enrollment(
                            person_id=person.id,
                            school_year="2025-2026",
                            semester="autumn",
                            school_name="城口县职业教育中心",
                            school_type="zhongzhuan",
                            major="汽车运用与维修",
                            grade="2025级",
                        )
                    )
    return households, people, students


def a_day_of_records(
    db: Database, households: list[str], students: list[str], rng: random.Random, today: date
) -> int:
    """30 visits with notes and 5 student updates, through the same services as the app. Returns changes."""
    for i in range(30):
        records.record_visit(
            db,
            Visit(
                household_id=households[i % len(households)],
                visit_date=today,
                visitor_name=CADRE,
                visitor_role="resident_cadre",
                mode=rng.choice(["home", "home", "phone"]),
                purpose=rng.choice(["student", "subsidy", "policy", "employment"]),
                # Free text differs from visit to visit (a repeated note would compress to nothing).
                notes=f"{rng.choice(NOTES)}家中{rng.randint(2, 7)}口人，{rng.choice(DETAILS)}"
                f"，{rng.randint(1, 12)}月{rng.randint(1, 28)}日再次联系。",
                problems=rng.choice(PROBLEMS),
                follow_up=rng.choice(FOLLOW_UPS),
            ),
            actor=CADRE,
            today=today,
        )
    for person_id in students[:3]:  # a new semester for three students
        records.record_enrollment(
            db,
            Enrollment(
                person_id=person_id,
                school_year="2025-2026",
                semester="spring",
                school_name="城口县职业教育中心",
                school_type="zhongzhuan",
                major="汽车运用与维修",
                grade="2025级",
            ),
            actor=CADRE,
            today=today,
        )
    with db.write_connection() as conn:  # two status changes (suspended, transferred)
        for person_id, status in zip(students[3:5], ("suspended", "transferred"), strict=True):
            conn.exec_driver_sql(
                "UPDATE enrollment SET registry_status = ? WHERE person_id = ? AND semester = 'autumn'",
                (status, person_id),
            )
    return 35


def photos_available() -> bool:
    try:
        from yulu_desktop.sync import attachments  # noqa: F401
    except ImportError:
        return False
    return hasattr(SyncClient, "_upload_files")


def add_photos(db: Database, students: list[str], rng: random.Random, today: date) -> tuple[int, int]:
    """Three camera photos (2–3 MB each). Returns (bytes before, bytes stored after the app's downscaling)."""
    before = stored = 0
    for i, person_id in enumerate(students[5:8]):
        data = camera_jpeg(rng, rng.randint(2_000_000, 3_000_000))
        before += len(data)
        attachment = records.add_attachment(
            db, person_id, f"IMG_2025{i:04d}.jpg", data, kind="photo", actor=CADRE, today=today
        )
        stored += attachment.size
    return before, stored


@contextlib.contextmanager
def county(work: Path) -> Iterator[tuple[ServerDatabase, str, str]]:
    url = f"sqlite:///{work / 'server.db'}"
    server_db = ServerDatabase(url)
    server_db.migrate()
    admin.create_unit(server_db, code="500229", name="城口县", level="county")
    admin.create_unit(server_db, code="500229101", name="庙坝镇", level="township", parent_code="500229")
    village = admin.create_unit(
        server_db, code="500229101201", name="红岩村", level="village", parent_code="500229101"
    )
    admin.create_cadre(server_db, username="zhang", name=CADRE, unit_code="500229101201")
    with ServerProcess(url, work / "server.log") as server_url:
        yield server_db, server_url, village


def measure(
    name: str, changes: int, proxy: ThrottleProxy, log: RequestLog, action: Callable[[], object]
) -> Phase:
    before, requests_before = proxy.stats.snapshot(), len(log.paths)
    started = time.perf_counter()
    action()
    seconds = time.perf_counter() - started
    time.sleep(proxy.delay * 2 + 0.05)  # let the last bytes cross the link before counting
    delta: LinkStats = proxy.stats.snapshot() - before
    paths: dict[str, int] = {}
    for path in log.paths[requests_before:]:
        paths[path] = paths.get(path, 0) + 1
    return Phase(
        name=name,
        changes=changes,
        bytes_up=delta.bytes_up,
        bytes_down=delta.bytes_down,
        requests=len(log.paths) - requests_before,
        connections=delta.connections,
        seconds=round(seconds, 2),
        paths=paths,
    )


def run(*, kbps: float, delay_ms: float, photos: bool, seed: int = 7) -> dict[str, Any]:
    rng = random.Random(seed)
    today = date(2026, 3, 18)
    work = Path(tempfile.mkdtemp(prefix="yulu-link-"))
    try:
        with county(work) as (server_db, server_url, village):
            db = _device(_template(work), work)
            try:
                with httpx.Client(timeout=60) as fast:
                    direct = SyncClient(db, server_url, http=fast)
                    direct.enroll(admin.issue_code(server_db, username="zhang"), device_name="红岩村-笔记本")
                    direct.sync_once()  # the org units first: households need their village
                    households, _people, students = seed_village(db, village, rng)
                    direct.sync_once()
                    direct.sync_once()  # settled: the laptop is where a cadre starts the day
                log = RequestLog()
                upstream = ("127.0.0.1", int(server_url.rsplit(":", 1)[1]))
                with (
                    ThrottleProxy(
                        upstream, up_bps=kbps * 1000, down_bps=kbps * 1000, delay=delay_ms / 1000
                    ) as proxy,
                    httpx.Client(
                        timeout=httpx.Timeout(300, connect=30), event_hooks={"request": [log]}
                    ) as http,
                ):
                    client = SyncClient(db, proxy.url, http=http)
                    phases = [measure("idle before", 0, proxy, log, client.sync_once)]
                    changes = a_day_of_records(db, households, students, rng, today)
                    phases.append(measure("records", changes, proxy, log, client.sync_once))
                    photo_sizes: tuple[int, int] | None = None
                    if photos:
                        photo_sizes = add_photos(db, students, rng, today)
                        phases.append(measure("photos", 3, proxy, log, client.sync_once))
                    phases.append(measure("idle after", 0, proxy, log, client.sync_once))
            finally:
                db.close()
            server_db.dispose()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "link": {"kbit_per_s_each_way": kbps, "one_way_delay_ms": delay_ms},
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "photos_before_after_downscale": photo_sizes,
        "phases": [{**asdict(ph), "bytes_per_change": round(ph.bytes_per_change, 1)} for ph in phases],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--kbps", type=float, default=64, help="kbit/s each way (default 64: 2G)")
    parser.add_argument("--delay-ms", type=float, default=300, help="one-way delay each way (default 300)")
    parser.add_argument("--no-photos", action="store_true", help="records only")
    parser.add_argument("--baseline", action="store_true", help="the client before the link-budget changes")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.baseline:
        apply_baseline()
    photos = not args.no_photos and photos_available()
    load_before = os.getloadavg()[0]
    result = run(kbps=args.kbps, delay_ms=args.delay_ms, photos=photos)
    result["baseline"] = args.baseline
    result["load_average_before"] = round(load_before, 2)
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    print(
        f"link {args.kbps:g} kbit/s each way, {args.delay_ms:g} ms one-way; "
        f"load {result['load_average_before']} → {result['load_average'][0]}"
        + ("  [baseline client]" if args.baseline else "")
    )
    if result["photos_before_after_downscale"]:
        shot, kept = result["photos_before_after_downscale"]
        print(f"photos: {shot:,} bytes shot, {kept:,} bytes kept after downscaling")
    print(f"{'sync':<12} {'changes':>7} {'up B':>10} {'down B':>9} {'req':>4} {'conn':>4} {'s':>7}  paths")
    for ph in result["phases"]:
        paths = " ".join(f"{k}×{v}" for k, v in ph["paths"].items())
        print(
            f"{ph['name']:<12} {ph['changes']:>7} {ph['bytes_up']:>10,} {ph['bytes_down']:>9,} "
            f"{ph['requests']:>4} {ph['connections']:>4} {ph['seconds']:>7.2f}  {paths}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
