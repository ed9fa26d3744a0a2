"""The county server's plain status page (``GET /status``) and the device table of ``admin devices``.

The page answers the county admin's question at the township office — which laptops synced when, and is the
server keeping up — in plain HTML (Chinese, no JavaScript, a ``<meta http-equiv="refresh">`` every 10 s).

It must stay cheap while 50 laptops sync: every figure comes from a small table (devices, cadres, org units,
conflicts, duplicate reviews, quarantine), from the single counter row (the head), or — for the one count over
a big table, live records — from a cache refreshed at most once a minute. Reads never wait for writers (WAL on
SQLite, MVCC on PostgreSQL).

It shows cadres' and devices' names, so it is not public: allowed from loopback, otherwise only with the token
of ``yulu-server serve --status-token-file FILE``, sent as HTTP Basic password (a browser asks for it once and
sends it with every refresh; the user name is ignored) or ``Authorization: Bearer TOKEN``, compared in constant
time. Without a configured token, remote requests get 403. See docs/SYNC.md, "Township office".
"""

from __future__ import annotations

import base64
import binascii
import hmac
import html
import ipaddress
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

import yulu_desktop
from yulu_desktop.server.admin import DeviceRow, list_devices
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import Conflict, Device, DuplicateReview, Quarantine, Record

#: Seconds between automatic refreshes of the page.
REFRESH_SECONDS = 10
#: Seconds a count over a big table (live records) is reused before it is counted again.
SLOW_COUNT_TTL = 60.0
#: A device not seen for this long is shown as "late" on the page.
LATE_AFTER = timedelta(days=3)


# --- formatting (shared with ``yulu-server admin devices``) ---------------------------------------------


def local_time(moment: datetime | None) -> str:
    """``2025-03-04 15:07`` in the server's local time zone, or "从未" for never."""
    if moment is None:
        return "从未"
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def ago(moment: datetime | None, now: datetime) -> str:
    """How long ago, in words: "刚刚", "12 分钟前", "3 小时前", "5 天前"."""
    if moment is None:
        return ""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    seconds = max((now - aware).total_seconds(), 0)
    if seconds < 60:
        return "刚刚"
    if seconds < 3600:
        return f"{int(seconds // 60)} 分钟前"
    if seconds < 86400 * 2:
        return f"{int(seconds // 3600)} 小时前"
    return f"{int(seconds // 86400)} 天前"


def when(moment: datetime | None, now: datetime) -> str:
    """Local time and how long ago: ``2025-03-04 15:07（12 分钟前）``."""
    if moment is None:
        return "从未"
    return f"{local_time(moment)}（{ago(moment, now)}）"


DEVICE_COLUMNS = ("设备", "干部", "管辖范围", "上次同步", "上次联系", "落后", "待处理冲突", "状态")


def device_cells(row: DeviceRow, now: datetime) -> tuple[str, ...]:
    """The cells of one device in the order of ``DEVICE_COLUMNS``."""
    state = "已停用" if row.revoked else "正常"
    if abs(row.skew_ms) > 60_000:
        state += f"，时钟偏差 {row.skew_ms // 1000} 秒"
    return (
        f"{row.name or '-'} {row.id[:8]}",
        row.cadre,
        row.jurisdiction,
        when(row.last_sync_at, now),
        when(row.last_seen_at, now),
        "已是最新" if row.behind == 0 else f"{row.behind} 条",
        str(row.open_conflicts),
        state,
    )


# --- the figures -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusSnapshot:
    version: str
    database_kind: str
    head_seq: int
    live_records: int
    live_records_counted_at: datetime
    open_conflicts: int
    open_duplicates: int
    quarantined: int
    devices: list[DeviceRow]
    synced_last_hour: int
    generated_at: datetime
    query_ms: float


class _SlowCounts:
    """Counts over big tables, reused for ``SLOW_COUNT_TTL`` seconds (one recount at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._cache: dict[int, tuple[float, int, datetime]] = {}

    def live_records(self, db: ServerDatabase) -> tuple[int, datetime]:
        with self._lock:
            cached = self._cache.get(id(db))
            if cached is not None and time.monotonic() - cached[0] < SLOW_COUNT_TTL:
                return cached[1], cached[2]
            with db.read() as session:
                number = int(
                    session.scalar(select(func.count()).select_from(Record).where(Record.deleted.is_(False)))
                    or 0
                )
            counted_at = datetime.now(UTC)
            self._cache[id(db)] = (time.monotonic(), number, counted_at)
            return number, counted_at

    def forget(self) -> None:
        with self._lock:
            self._cache.clear()


slow_counts = _SlowCounts()


def database_kind(db: ServerDatabase) -> str:
    name = db.engine.dialect.name
    return {"sqlite": "SQLite", "postgresql": "PostgreSQL"}.get(name, name)


def collect(db: ServerDatabase) -> StatusSnapshot:
    """Every figure of the page (a handful of small queries; see the module docstring)."""
    started = time.perf_counter()
    now = datetime.now(UTC)
    devices = list_devices(db)
    live, counted_at = slow_counts.live_records(db)
    with db.read() as session:
        head = db.read_head(session)
        conflicts = session.scalar(
            select(func.count()).select_from(Conflict).where(Conflict.resolved_at.is_(None))
        )
        duplicates = session.scalar(
            select(func.count()).select_from(DuplicateReview).where(DuplicateReview.status == "open")
        )
        quarantined = session.scalar(
            select(func.count()).select_from(Quarantine).where(Quarantine.status == "open")
        )
        recent = session.scalar(
            select(func.count()).select_from(Device).where(Device.last_sync_at >= now - timedelta(hours=1))
        )
    return StatusSnapshot(
        version=yulu_desktop.__version__,
        database_kind=database_kind(db),
        head_seq=head,
        live_records=live,
        live_records_counted_at=counted_at,
        open_conflicts=int(conflicts or 0),
        open_duplicates=int(duplicates or 0),
        quarantined=int(quarantined or 0),
        devices=devices,
        synced_last_hour=int(recent or 0),
        generated_at=now,
        query_ms=(time.perf_counter() - started) * 1000,
    )


# --- the page ---------------------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:sans-serif;margin:1.5em;color:#222}"
    "table{border-collapse:collapse;margin:.5em 0 1.5em}"
    "th,td{border:1px solid #bbb;padding:.25em .6em;text-align:left;white-space:nowrap}"
    "th{background:#eee}td.n{text-align:right}tr.revoked td{color:#999}tr.late td{background:#fff4e0}"
    "small{color:#666}"
)


def render_html(snapshot: StatusSnapshot) -> str:
    e = html.escape
    now = snapshot.generated_at
    figures = [
        ("服务器版本", snapshot.version),
        ("数据库", snapshot.database_kind),
        ("最新变更序号", str(snapshot.head_seq)),
        (
            "记录数",
            f"{snapshot.live_records}（{local_time(snapshot.live_records_counted_at)} 统计，每分钟更新）",
        ),
        ("待处理冲突", str(snapshot.open_conflicts)),
        ("待核查重复身份证号", str(snapshot.open_duplicates)),
        ("暂存待审核", str(snapshot.quarantined)),
        ("最近一小时同步过的设备", f"{snapshot.synced_last_hour} / {len(snapshot.devices)}"),
    ]
    rows = []
    for device in snapshot.devices:
        late = device.last_seen_at is None or now - device.last_seen_at > LATE_AFTER
        css = "revoked" if device.revoked else ("late" if late else "")
        cells = device_cells(device, now)
        numeric = {5, 6}
        tds = "".join(
            f'<td class="n">{e(cell)}</td>' if i in numeric else f"<td>{e(cell)}</td>"
            for i, cell in enumerate(cells)
        )
        rows.append(f'<tr class="{css}">{tds}</tr>' if css else f"<tr>{tds}</tr>")
    head_cells = "".join(f"<th>{e(c)}</th>" for c in DEVICE_COLUMNS)
    devices = (
        f"<table><thead><tr>{head_cells}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        if rows
        else "<p>还没有注册的设备。</p>"
    )
    summary = "".join(f"<tr><th>{e(k)}</th><td>{e(v)}</td></tr>" for k, v in figures)
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>雨露计划+ 县服务器状态</title><style>{_STYLE}</style></head><body>"
        "<h1>雨露计划+ 县服务器状态</h1>"
        f"<table>{summary}</table>"
        "<h2>设备（按上次同步时间，最近的在前）</h2>"
        f"{devices}"
        f"<p><small>{e(local_time(now))} 更新，每 {REFRESH_SECONDS} 秒自动刷新；"
        f"“落后”是设备已确认收到的位置距最新变更序号的差；查询用时 {snapshot.query_ms:.0f} 毫秒。"
        "</small></p></body></html>"
    )


# --- who may see it ---------------------------------------------------------------------------------------


def read_token_file(path: str | Path) -> str:
    """The status token from a file (surrounding whitespace ignored); at least 16 characters."""
    token = Path(path).read_text(encoding="utf-8").strip()
    if len(token) < 16:
        raise ValueError(f"{path}：状态页口令至少需要 16 个字符")
    return token


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def presented_token(headers: Mapping[str, str]) -> str | None:
    """The token of an ``Authorization`` header: Bearer, or the password of HTTP Basic."""
    value = headers.get("authorization", "")
    scheme, _, credential = value.partition(" ")
    if scheme.lower() == "bearer":
        return credential.strip()
    if scheme.lower() == "basic":
        try:
            decoded = base64.b64decode(credential.strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        return decoded.partition(":")[2]
    return None


def refusal(
    client_host: str | None,
    headers: Mapping[str, str],
    token: str | None,
    *,
    local_only: str = "状态页只允许在服务器本机访问；要从其他电脑访问，请用 --status-token-file 设置口令。",
    token_needed: str = "需要状态页口令。",
    realm: str = "yulu-status",
) -> Response | None:
    """None when the request may see the page, else the answer: 403 (remote access not configured) or 401
    with a Basic challenge (so that a browser asks for the token). The texts and realm are the page's own
    (the province's page uses this rule too)."""
    if is_loopback(client_host):
        return None
    if token is None:
        return Response(local_only, status_code=403, media_type="text/plain; charset=utf-8")
    given = presented_token(headers)
    if given is not None and hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        return None
    return Response(
        token_needed,
        status_code=401,
        media_type="text/plain; charset=utf-8",
        headers={"WWW-Authenticate": f'Basic realm="{realm}", charset="UTF-8"'},
    )


_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


async def respond(request: Request, db: ServerDatabase, token: str | None) -> Response:
    """``GET /status``: the page, or a refusal."""
    refused = refusal(request.client.host if request.client else None, request.headers, token)
    if refused is not None:
        return refused
    snapshot = await run_in_threadpool(collect, db)
    return HTMLResponse(render_html(snapshot), headers=_HEADERS)
