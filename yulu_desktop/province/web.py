"""The province's read-only web page (``yulu-province serve``): figures, cross-county lists, replication state.

Why a page and not the county desktop app pointed at the province database: the desktop app is built around an
encrypted local replica of one county and its sync, while province staff need figures and lists, not records to
edit. A page keeps the database credentials on one server and works in any browser of the bureau.

Three pages, server-rendered HTML in Chinese, no JavaScript (like the county server's ``/status``):

* ``GET /`` 全省概况 — per county and for the province: graduates, employed, rates, students, the subsidy figures
  of one term, and each county's data lag (from the replicated feeder heartbeat, so it covers the county feeder,
  the county server and the subscription at once), red when stale or when the subscription is not running.
* ``GET /checks`` 跨县核查 — the cross-county lists of ``province.checks``, every county involved on each row;
  ``GET /checks.xlsx`` the same rows as an Excel file, so that a county can be sent its list. The checks read
  every county's people (about 6 s at 4 × 200,000 people, minutes at a province's 20 million), so they are not
  run per request: :class:`ResultCache` keeps the last findings (and the figures of each year and term) and
  makes them again in the background once they are older than ``--refresh-minutes``; the pages say when.
* ``GET /status`` 订阅状态 — each county's subscription: enabled, running, errors, lag, feed version, cursor.

The province database holds no clear ID numbers (only the keyed hash and the masked form the county feeder
publishes), so nothing here can show one. Every query runs in a worker thread: a slow database never blocks
the event loop. A database that cannot be reached gives a Chinese 503 page, never a traceback.

Access is the rule of the county status page (``server.status``): loopback always; other computers only with
the token of ``yulu-province serve --token-file FILE``, as HTTP Basic password or Bearer; 403 when no token is
configured, 401 (with a Basic challenge, so that a browser asks) when it is missing or wrong.
"""

from __future__ import annotations

import html
import logging
import tempfile
import threading
from collections.abc import Awaitable, Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, Final, TypeVar
from urllib.parse import quote, urlencode

import psycopg
from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

import yulu_desktop
from yulu_desktop.domain.rules import parse_term, term_label
from yulu_desktop.excel.writer import SheetContent
from yulu_desktop.province import checks_excel
from yulu_desktop.province.checks import CHECK_LABELS, CheckKind, CheckRow, run_checks
from yulu_desktop.province.counties import County, list_counties
from yulu_desktop.province.db import ProvinceDatabase, ProvinceError
from yulu_desktop.province.stats import CountyFigures, ProvinceStats, graduation_years, province_stats, terms
from yulu_desktop.province.status import CountyStatus, county_status
from yulu_desktop.server import status
from yulu_desktop.server.status import ago, local_time

_log = logging.getLogger(__name__)
T = TypeVar("T")

#: Seconds between automatic refreshes of the pages.
REFRESH_SECONDS: Final = 60
#: A county whose data is older than this (seconds since its last replicated heartbeat) is shown in red.
STALE_AFTER_SECONDS: Final = 3600.0
#: The query value that asks for every graduation year instead of the latest.
ALL_YEARS: Final = "all"
#: Media type of the Excel download.
XLSX_MEDIA_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_HEADERS: Final = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}

_STYLE: Final = (
    "body{font-family:'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','WenQuanYi Micro Hei',sans-serif;margin:1.2em 1.5em;"
    "color:#222}"
    "nav{margin-bottom:1em}nav a{margin-right:1.2em}nav a.on{font-weight:bold;color:#222;text-decoration:none}"
    "h1{font-size:1.5em;margin:.2em 0 .6em}h2{font-size:1.15em;margin:1.2em 0 .3em}"
    "table{border-collapse:collapse;margin:.4em 0 1.2em}"
    "th,td{border:1px solid #bbb;padding:.25em .55em;text-align:left;white-space:nowrap;vertical-align:top}"
    "th{background:#eee}td.n{text-align:right;font-variant-numeric:tabular-nums}"
    "tr.total td{font-weight:bold;background:#f6f6f6}"
    "td.stale,span.stale{color:#b00020;font-weight:bold}td.ok{color:#226622}"
    "tr.finding td{background:#f3f6fa;white-space:normal;max-width:60em;padding-top:.45em}"
    "tr.party td:first-child{padding-left:1.4em}tr.mine td{background:#fffbe6}"
    "td.wrap{white-space:normal;min-width:14em;max-width:32em}"
    "form{margin:.3em 0 .8em}select,button{font-size:1em;margin-right:.6em}"
    "small{color:#666}p.error{color:#b00020}"
)


# --- who may see it ---------------------------------------------------------------------------------------


def refusal(client_host: str | None, headers: Mapping[str, str], token: str | None) -> Response | None:
    """None when the request may see the pages, else 403 (remote access not configured) or 401 with a Basic
    challenge (token missing or wrong): the county status page's rule (``server.status.refusal``)."""
    return status.refusal(
        client_host,
        headers,
        token,
        local_only="省级汇总页只允许在本机访问；要从其他电脑访问，请用 yulu-province serve --token-file 设置口令。",
        token_needed="需要省级汇总页口令。",
        realm="yulu-province",
    )


class BadRequest(ValueError):
    """A query parameter the pages do not understand; the message (Chinese) says which and why."""


# --- formatting -------------------------------------------------------------------------------------------


def percent(value: float | None) -> str:
    """``0.935`` → ``93.5%``; "—" when there is nothing to divide by."""
    return "—" if value is None else f"{value:.1%}"


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals and thousands separators: ``123456`` → ``1,234.56``."""
    return f"{Decimal(fen) / 100:,.2f}"


def lag_text(seconds: float | None) -> str:
    """``3分钟``, ``2小时5分钟``, ``3天4小时``; "不到1分钟" when fresh; "无数据" without any heartbeat."""
    if seconds is None:
        return "无数据"
    whole = int(max(seconds, 0))
    if whole < 60:
        return "不到1分钟"
    minutes, hours, days = whole // 60 % 60, whole // 3600 % 24, whole // 86400
    if days:
        return f"{days}天{hours}小时" if hours else f"{days}天"
    if hours:
        return f"{hours}小时{minutes}分钟" if minutes else f"{hours}小时"
    return f"{minutes}分钟"


def is_stale(state: CountyStatus) -> bool:
    """Shown in red: the subscription is disabled or not running, or the data is over an hour old (or none)."""
    return (
        not state.enabled
        or not state.running
        or state.lag_seconds is None
        or state.lag_seconds > STALE_AFTER_SECONDS
    )


def freshness(state: CountyStatus | None) -> tuple[tuple[str, ...], bool]:
    """The data cell of a county, one line each (lag; last heartbeat; what is wrong with the subscription and
    its errors), and whether it is stale (red)."""
    if state is None:
        return ("未订阅",), True
    lines = [f"数据延迟 {lag_text(state.lag_seconds)}"]
    if state.heartbeat_at is not None:
        lines.append(f"最近心跳 {local_time(state.heartbeat_at)}")
    trouble = []
    if not state.enabled:
        trouble.append("订阅已停用")
    elif not state.running:
        trouble.append("订阅未运行")
    errors = state.apply_errors + state.sync_errors
    if errors:
        trouble.append(f"错误 {errors} 次")
    if trouble:
        lines.append("，".join(trouble))
    return tuple(lines), is_stale(state)


def year_label(year: int | None) -> str:
    return f"{year}届" if year is not None else "全部毕业年份"


def _cell(text: str, *, numeric: bool = False, css: str = "", attrs: str = "") -> str:
    classes = " ".join(c for c in ("n" if numeric else "", css) if c)
    cls = f' class="{classes}"' if classes else ""
    return f"<td{cls}{attrs}>{html.escape(text)}</td>"


def _options(pairs: Iterable[tuple[str, str]], selected: str) -> str:
    return "".join(
        f'<option value="{html.escape(value)}"{" selected" if value == selected else ""}>{html.escape(label)}'
        "</option>"
        for value, label in pairs
    )


_PAGES: Final = (("/", "全省概况"), ("/checks", "跨县核查"), ("/status", "订阅状态"))


def _page(title: str, current: str, body: str, generated_at: datetime) -> str:
    e = html.escape
    nav = "".join(
        f'<a href="{href}" class="on">{e(label)}</a>'
        if href == current
        else f'<a href="{href}">{e(label)}</a>'
        for href, label in _PAGES
    )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>雨露计划+ {e(title)}</title><style>{_STYLE}</style></head><body>"
        f"<nav>{nav}</nav><h1>雨露计划+ {e(title)}</h1>{body}"
        f"<p><small>{e(local_time(generated_at))} 更新，每 {REFRESH_SECONDS} 秒自动刷新；"
        f"数据由各县服务器经 PostgreSQL 逻辑复制送达，“数据延迟”按各县最近一次复制到的心跳计算，"
        f"超过 1 小时或订阅未运行时标红。雨露计划+ {e(yulu_desktop.__version__)}</small></p>"
        "</body></html>"
    )


# --- 全省概况 -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OverviewChoice:
    """What the form asked for: a graduation year (None: the latest, unless ``all_years``) and a term (None:
    the latest)."""

    year: int | None = None
    all_years: bool = False
    term: str | None = None


@dataclass(frozen=True, slots=True)
class Overview:
    figures: ProvinceStats
    #: The graduation years and subsidy terms to choose from, newest first.
    years: tuple[int, ...]
    terms: tuple[str, ...]
    states: Mapping[str, CountyStatus]
    generated_at: datetime
    #: When the figures were counted (``ResultCache``); the lag column is read for every request.
    counted_at: datetime


class ResultCache:
    """Results of slow reads over every county (the checks: minutes at a province's 20 million people; the
    figures: a scan of every enrollment, application and job), made at most once per ``max_age`` for each key:
    the first request for a key waits for it; a later one after ``max_age`` gets the last result at once while
    a new one is made in the background (one run at a time)."""

    def __init__(self, max_age: timedelta = timedelta(minutes=10)) -> None:
        self.max_age = max_age
        self._results: dict[Hashable, tuple[Any, datetime]] = {}
        self._refreshing: set[Hashable] = set()
        self._state = threading.Lock()  # guards the fields above
        self._running = threading.Lock()  # one run at a time
        self.runs = 0

    def get(self, key: Hashable, make: Callable[[], T]) -> tuple[T, datetime]:
        """The result for ``key`` and when it was made."""
        with self._state:
            found = self._results.get(key)
            if found is not None:
                if datetime.now(UTC) - found[1] >= self.max_age and key not in self._refreshing:
                    self._refreshing.add(key)
                    threading.Thread(
                        target=self._refresh, args=(key, make), name="province-cache", daemon=True
                    ).start()
                return found
        with self._running:
            with self._state:
                if (found := self._results.get(key)) is not None:
                    return found  # made by the request this one waited for
            return self._make(key, make)

    def _make(self, key: Hashable, make: Callable[[], T]) -> tuple[T, datetime]:
        result = (make(), datetime.now(UTC))
        with self._state:
            self._results[key] = result
            self.runs += 1
        return result

    def _refresh(self, key: Hashable, make: Callable[[], Any]) -> None:
        try:
            with self._running:
                self._make(key, make)
        except Exception:  # the last result stays; the next request after max_age tries again
            _log.exception("a province figure or check failed; the page keeps the last result")
        finally:
            with self._state:
                self._refreshing.discard(key)


def parse_overview_query(query: Mapping[str, str]) -> OverviewChoice:
    """The form's ``year`` and ``term``; BadRequest (Chinese) for values that are neither empty nor valid."""
    raw_year = query.get("year", "").strip()
    raw_term = query.get("term", "").strip()
    year: int | None = None
    all_years = raw_year == ALL_YEARS
    if raw_year and not all_years:
        if not raw_year.isdigit() or not 1900 <= int(raw_year) <= 2200:
            raise BadRequest(f"毕业年份“{raw_year}”无效：应为四位年份，例如 2025。")
        year = int(raw_year)
    if raw_term and parse_term(raw_term) is None:
        raise BadRequest(f"学期“{raw_term}”无效：应为“2025-autumn”或“2026-spring”这样的形式。")
    return OverviewChoice(year=year, all_years=all_years, term=raw_term or None)


def collect_overview(
    db: ProvinceDatabase, choice: OverviewChoice, cache: ResultCache, *, now: datetime | None = None
) -> Overview:
    """Every figure of ``GET /`` (runs in a worker thread): the figures from ``cache``, the lag live."""
    moment = now or datetime.now(UTC)
    # The years and terms read every county's enrollments and applications too: cached like the figures.
    years, known_terms = cache.get("choices", lambda: (tuple(graduation_years(db)), tuple(terms(db))))[0]
    year = choice.year if choice.year is not None or choice.all_years else (years[0] if years else None)
    term = choice.term or (known_terms[0] if known_terms else None)
    figures, counted_at = cache.get(
        ("figures", year, term), lambda: province_stats(db, graduation_year=year, term=term)
    )
    states = {s.code: s for s in county_status(db, now=moment)}
    return Overview(figures, years, known_terms, states, moment, counted_at)


_FIGURE_CELLS: Final = 10


def _figure_cells(f: CountyFigures) -> str:
    numbers = (
        f"{f.graduates:,}",
        f"{f.employed:,}",
        percent(f.employment_rate),
        percent(f.placed_rate),
        f"{f.students:,}",
        f"{f.applications:,}",
        f"{f.approved:,}",
        f"{f.paid:,}",
        yuan(f.paid_fen),
        f"{f.failed:,}",
    )
    return "".join(_cell(n, numeric=True) for n in numbers)


def render_overview(view: Overview) -> str:
    e = html.escape
    figures = view.figures
    year_value = ALL_YEARS if figures.graduation_year is None else str(figures.graduation_year)
    year_options = [(str(y), year_label(y)) for y in view.years] + [(ALL_YEARS, "全部毕业年份")]
    term_options = [(t, term_label(t)) for t in view.terms]
    term_select = (
        f'<label>学期 <select name="term">{_options(term_options, figures.term or "")}</select></label>'
        if term_options
        else "<label>学期：暂无补助数据</label>"
    )
    form = (
        '<form method="get" action="/">'
        f'<label>毕业年份 <select name="year">{_options(year_options, year_value)}</select></label>'
        f'{term_select}<button type="submit">查看</button></form>'
    )
    term_text = term_label(figures.term) if figures.term else "（无学期）"
    head = (
        "<thead><tr>"
        '<th rowspan="2">县（市、区）</th>'
        f'<th colspan="5">就业 · {e(year_label(figures.graduation_year))}</th>'
        f'<th colspan="5">雨露计划补助 · {e(term_text)}</th>'
        '<th rowspan="2">数据</th></tr><tr>'
        "<th>毕业生</th><th>就业</th><th>就业率</th><th>去向落实率</th><th>在读</th>"
        "<th>申请</th><th>县审定及以后</th><th>已发放人数</th><th>已发放金额（元）</th><th>发放失败</th>"
        "</tr></thead>"
    )
    rows = []
    for county in figures.counties:
        lines, stale = freshness(view.states.get(county.code))
        data = "<br>".join(e(line) for line in lines)
        rows.append(
            f'<tr data-county="{e(county.code)}">'
            + _cell(f"{county.name}（{county.code}）")
            + _figure_cells(county)
            + f'<td class="{"stale" if stale else "ok"}">{data}</td>'
            + "</tr>"
        )
    total = figures.total
    rows.append(
        '<tr class="total" data-county="">'
        + _cell(total.name or "全省")
        + _figure_cells(total)
        + "<td></td></tr>"
    )
    stale_count = sum(1 for c in figures.counties if freshness(view.states.get(c.code))[1])
    warning = (
        f'<p><span class="stale">{stale_count} 个县的数据可能不是最新的</span>（见“数据”列和“订阅状态”页）。</p>'
        if stale_count
        else ""
    )
    table = (
        f"<table>{head}<tbody>{''.join(rows)}</tbody></table>"
        if figures.counties
        else "<p>还没有接入任何县。用 <code>yulu-province add-county</code> 接入。</p>"
    )
    notes = (
        "<p><small>毕业生：最近一条学籍为“毕业”的人；就业率＝就业÷毕业生，去向落实率＝（就业＋升学、参军）÷毕业生；"
        "在读：最近一条学籍为在读；县审定及以后：县审定、公示、发放中、已发放、发放失败、已改账户。"
        f"统计时间 {e(local_time(view.counted_at))}（全省数据量大，统计数字定时更新；“数据”列每次刷新都是最新的）。"
        "</small></p>"
    )
    return _page("全省概况", "/", form + warning + table + notes, view.generated_at)


# --- 跨县核查 -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChecksChoice:
    county: str | None = None
    kind: CheckKind | None = None


@dataclass(frozen=True, slots=True)
class ChecksView:
    choice: ChecksChoice
    counties: tuple[County, ...]
    rows: tuple[CheckRow, ...]
    generated_at: datetime
    #: When the findings were made (``ResultCache``).
    checked_at: datetime

    def county_name(self) -> str:
        if self.choice.county is None:
            return "全部县"
        return next((c.name for c in self.counties if c.code == self.choice.county), self.choice.county)

    def kinds(self) -> tuple[CheckKind, ...]:
        return (self.choice.kind,) if self.choice.kind is not None else tuple(CheckKind)

    def rows_of(self, kind: CheckKind) -> list[CheckRow]:
        return [r for r in self.rows if r.kind == kind]


def parse_checks_query(query: Mapping[str, str]) -> ChecksChoice:
    raw_county = query.get("county", "").strip()
    raw_kind = query.get("kind", "").strip()
    kind: CheckKind | None = None
    if raw_kind:
        try:
            kind = CheckKind(raw_kind)
        except ValueError:
            known = "、".join(f"{k.value}（{CHECK_LABELS[k]}）" for k in CheckKind)
            raise BadRequest(f"核查类别“{raw_kind}”无效：可选 {known}。") from None
    if raw_county and not (raw_county.isascii() and raw_county.isalnum() and len(raw_county) <= 12):
        raise BadRequest(f"县代码“{raw_county}”无效：应为县的区划代码，例如 500229。")
    return ChecksChoice(county=raw_county or None, kind=kind)


def collect_checks(
    db: ProvinceDatabase, choice: ChecksChoice, cache: ResultCache, *, now: datetime | None = None
) -> ChecksView:
    """The rows of ``GET /checks`` and ``GET /checks.xlsx`` (runs in a worker thread)."""
    known = tuple(list_counties(db))
    if choice.county is not None and choice.county not in {c.code for c in known}:
        raise BadRequest(f"没有代码为 {choice.county} 的县：请从列表中选择已接入的县。")
    findings, checked_at = cache.get("checks", lambda: tuple(run_checks(db)))
    rows = tuple(
        r
        for r in findings
        if (choice.kind is None or r.kind == choice.kind)
        and (choice.county is None or choice.county in r.county_codes)
    )
    return ChecksView(choice, known, rows, now or datetime.now(UTC), checked_at)


def _query(choice: ChecksChoice, **override: str | None) -> str:
    values: dict[str, str | None] = {
        "county": choice.county,
        "kind": choice.kind.value if choice.kind is not None else None,
    }
    values.update(override)
    pairs = {k: v for k, v in values.items() if v}
    return "?" + urlencode(pairs) if pairs else ""


_PARTY_HEADERS: Final = ("县", "乡镇", "村", "户编号", "姓名", "身份证号", "该县记录")


def _check_table(view: ChecksView, kind: CheckKind) -> str:
    """One finding = a line saying what was found, then one line per county involved."""
    rows = view.rows_of(kind)
    if not rows:
        return "<p>没有发现。</p>"
    e = html.escape
    head = "<thead><tr>" + "".join(f"<th>{e(h)}</th>" for h in _PARTY_HEADERS) + "</tr></thead>"
    out = []
    for number, row in enumerate(rows, start=1):
        term = (
            f"{term_label(row.term)} · "
            if row.term and not row.message.startswith(term_label(row.term))
            else ""
        )
        out.append(
            f'<tr class="finding"><td colspan="{len(_PARTY_HEADERS)}">'
            f"<b>{number}.</b> {e(term)}{e(row.message)}</td></tr>"
        )
        for party in row.parties:
            mine = view.choice.county is not None and party.county_code == view.choice.county
            cells = (
                _cell(party.county_name)
                + _cell(party.township or "—")
                + _cell(party.village or "—")
                + _cell(party.household_no or "—")
                + _cell(party.name)
                + _cell(party.id_masked or "—")
                + _cell(party.detail, css="wrap")
            )
            css = ' class="party mine"' if mine else ' class="party"'
            out.append(f'<tr{css} data-county="{e(party.county_code)}">{cells}</tr>')
    return f"<table>{head}<tbody>{''.join(out)}</tbody></table>"


def render_checks(view: ChecksView) -> str:
    e = html.escape
    choice = view.choice
    county_options = [("", "全部县"), *((c.code, f"{c.name}（{c.code}）") for c in view.counties)]
    kind_options = [("", "全部类别"), *((k.value, CHECK_LABELS[k]) for k in CheckKind)]
    form = (
        '<form method="get" action="/checks">'
        f'<label>县 <select name="county">{_options(county_options, choice.county or "")}</select></label>'
        f'<label>类别 <select name="kind">'
        f"{_options(kind_options, choice.kind.value if choice.kind else '')}</select></label>"
        '<button type="submit">查看</button>'
        f'<a href="/checks.xlsx{e(_query(choice))}">下载 Excel</a></form>'
    )
    summary_rows = "".join(
        f'<tr><td><a href="/checks{e(_query(choice, kind=k.value))}">{e(CHECK_LABELS[k])}</a></td>'
        f'<td class="n">{len(view.rows_of(k))}</td></tr>'
        for k in view.kinds()
    )
    summary = (
        f"<h2>{e(view.county_name())} · 共 {len(view.rows)} 条</h2>"
        f"<table><thead><tr><th>类别</th><th>条数</th></tr></thead><tbody>{summary_rows}</tbody></table>"
    )
    sections = "".join(
        f'<h2 id="{k.value}">{e(CHECK_LABELS[k])}（{len(view.rows_of(k))} 条）</h2>{_check_table(view, k)}'
        for k in view.kinds()
    )
    notes = (
        f"<p><small>核查时间 {e(local_time(view.checked_at))}（核查全省人员较慢，结果定时更新，"
        "此后复制到的数据在下次核查时计入）。每条列出涉及的每一个县；身份证号只显示脱敏形式（省级数据库不保存"
        "完整号码），同一人按身份证号的加密摘要比对。请把清单发给相关县核实。</small></p>"
    )
    return _page("跨县核查", "/checks", form + summary + sections + notes, view.generated_at)


def check_sheets(view: ChecksView) -> list[SheetContent]:
    """The page's findings as ``province.checks_excel`` writes them (one sheet per kind shown)."""
    return checks_excel.sheets(view.rows, view.kinds(), view.county_name(), local_time(view.generated_at))


def checks_workbook(view: ChecksView) -> bytes:
    """The .xlsx file of the checks (built in a temporary folder, read back and removed)."""
    with tempfile.TemporaryDirectory(prefix="yulu-province-") as folder:
        path = Path(folder) / "checks.xlsx"
        checks_excel.write(path, check_sheets(view))
        return path.read_bytes()


def checks_filename(choice: ChecksChoice, today: date) -> tuple[str, str]:
    """The download's name: Chinese (RFC 5987 ``filename*``) and an ASCII fallback."""
    scope = choice.county or "全省"
    kind = f"-{CHECK_LABELS[choice.kind]}" if choice.kind is not None else ""
    chinese = f"跨县核查-{scope}{kind}-{today.isoformat()}.xlsx"
    ascii_kind = f"-{choice.kind.value}" if choice.kind is not None else ""
    fallback = f"province-checks-{choice.county or 'all'}{ascii_kind}-{today.isoformat()}.xlsx"
    return chinese, fallback


# --- 订阅状态 -----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StatusView:
    states: tuple[CountyStatus, ...]
    counties: tuple[County, ...]
    generated_at: datetime


def collect_status(db: ProvinceDatabase, *, now: datetime | None = None) -> StatusView:
    moment = now or datetime.now(UTC)
    return StatusView(tuple(county_status(db, now=moment)), tuple(list_counties(db)), moment)


def _yes(flag: bool) -> str:
    return "是" if flag else "否"


def render_status(view: StatusView) -> str:
    e = html.escape
    now = view.generated_at
    head = (
        "<thead><tr><th>县</th><th>订阅</th><th>已启用</th><th>运行中</th><th>最近心跳</th><th>数据延迟</th>"
        "<th>数据版本</th><th>已复制到序号</th><th>人数</th><th>应用错误</th><th>同步错误</th></tr></thead>"
    )
    subscriptions = {c.code: c.subscription for c in view.counties}
    rows = []
    for s in view.states:
        late = s.lag_seconds is None or s.lag_seconds > STALE_AFTER_SECONDS
        heartbeat = (
            f"{local_time(s.heartbeat_at)}（{ago(s.heartbeat_at, now)}）" if s.heartbeat_at else "从未"
        )
        rows.append(
            f'<tr data-county="{e(s.code)}">'
            + _cell(f"{s.name}（{s.code}）")
            + _cell(subscriptions.get(s.code, "—"))
            + _cell(_yes(s.enabled), css="" if s.enabled else "stale")
            + _cell(_yes(s.running), css="" if s.running else "stale")
            + _cell(heartbeat)
            + _cell(lag_text(s.lag_seconds), css="stale" if late else "ok")
            + _cell("—" if s.feed_version is None else str(s.feed_version), numeric=True)
            + _cell("—" if s.last_seq is None else str(s.last_seq), numeric=True)
            + _cell(str(s.people), numeric=True)
            + _cell(str(s.apply_errors), numeric=True, css="stale" if s.apply_errors else "")
            + _cell(str(s.sync_errors), numeric=True, css="stale" if s.sync_errors else "")
            + "</tr>"
        )
    shown = {s.code for s in view.states}
    detached = [c for c in view.counties if c.detached_at is not None and c.code not in shown]
    table = f"<table>{head}<tbody>{''.join(rows)}</tbody></table>" if rows else "<p>还没有接入任何县。</p>"
    gone = ""
    if detached:
        items = "".join(
            f"<tr>{_cell(f'{c.name}（{c.code}）')}{_cell(local_time(c.detached_at))}</tr>" for c in detached
        )
        gone = (
            "<h2>已撤销订阅的县（数据保留）</h2>"
            f"<table><thead><tr><th>县</th><th>撤销时间</th></tr></thead><tbody>{items}</tbody></table>"
        )
    notes = (
        "<p><small>应用错误：省级数据库应用该县变更时出错的次数；同步错误：初次复制表数据时出错的次数"
        "（PostgreSQL 的 pg_stat_subscription_stats）。订阅未运行时，县服务器上的复制槽会保留未送达的变更，"
        "恢复后自动补齐。</small></p>"
    )
    return _page("订阅状态", "/status", table + gone + notes, now)


# --- errors ---------------------------------------------------------------------------------------------


def error_page(status_code: int, title: str, message: str) -> HTMLResponse:
    """A Chinese error page; a 503 refreshes itself (the database may be back), a 400 does not."""
    e = html.escape
    refresh = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if status_code >= 500 else ""
    nav = "".join(f'<a href="{href}">{e(label)}</a>' for href, label in _PAGES)
    body = (
        f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">{refresh}'
        f"<title>雨露计划+ {e(title)}</title><style>{_STYLE}</style></head><body>"
        f'<nav>{nav}</nav><h1>{e(title)}</h1><p class="error">{e(message)}</p></body></html>'
    )
    return HTMLResponse(body, status_code=status_code, headers=_HEADERS)


_UNAVAILABLE: Final = (
    "省级数据库暂时无法访问，页面无法显示。请检查数据库服务是否在运行、网络是否通畅，稍后本页会自动重试。"
)


# --- the app ----------------------------------------------------------------------------------------------


def create_app(
    db: ProvinceDatabase, *, token: str | None = None, refresh: timedelta = timedelta(minutes=10)
) -> FastAPI:
    """The read-only pages over ``db``; ``token`` lets other computers in (see the module docstring);
    ``refresh``: how old the figures and the cross-county findings may get before they are made again."""
    app = FastAPI(
        title="雨露计划+ 省级汇总 (Yulu province view)",
        version=yulu_desktop.__version__,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
    )
    app.state.db = db
    cache = app.state.cache = ResultCache(refresh)

    @app.exception_handler(BadRequest)
    async def _bad_request(request: Request, exc: BadRequest) -> Response:
        return error_page(400, "请求有误", str(exc))

    async def _unavailable(request: Request, exc: Exception) -> Response:
        _log.warning("province database unavailable for %s: %s", request.url.path, exc)
        message = str(exc) if isinstance(exc, ProvinceError) else _UNAVAILABLE
        return error_page(503, "暂时无法显示", message)

    for error in (SQLAlchemyError, psycopg.Error, ProvinceError):
        app.add_exception_handler(error, _unavailable)

    @app.middleware("http")
    async def _access(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        # Every page, including any added later, is refused here before it is routed.
        refused = refusal(request.client.host if request.client else None, request.headers, token)
        return refused if refused is not None else await call_next(request)

    @app.get("/", include_in_schema=False)
    async def overview(request: Request) -> Response:
        choice = parse_overview_query(request.query_params)
        view = await run_in_threadpool(collect_overview, db, choice, cache)
        return HTMLResponse(render_overview(view), headers=_HEADERS)

    @app.get("/checks", include_in_schema=False)
    async def checks_page(request: Request) -> Response:
        choice = parse_checks_query(request.query_params)
        view = await run_in_threadpool(collect_checks, db, choice, cache)
        return HTMLResponse(render_checks(view), headers=_HEADERS)

    @app.get("/checks.xlsx", include_in_schema=False)
    async def checks_xlsx(request: Request) -> Response:
        choice = parse_checks_query(request.query_params)
        view = await run_in_threadpool(collect_checks, db, choice, cache)
        content = await run_in_threadpool(checks_workbook, view)
        chinese, fallback = checks_filename(choice, view.generated_at.astimezone().date())
        disposition = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(chinese)}"
        return Response(
            content,
            media_type=XLSX_MEDIA_TYPE,
            headers={**_HEADERS, "Content-Disposition": disposition},
        )

    @app.get("/status", include_in_schema=False)
    async def status_page(request: Request) -> Response:
        view = await run_in_threadpool(collect_status, db)
        return HTMLResponse(render_status(view), headers=_HEADERS)

    return app
