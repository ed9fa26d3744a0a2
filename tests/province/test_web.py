"""The province's read-only web page (``province.web``): figures, cross-county lists, status, access, errors.

A small province is built straight in the partitioned tables (``counties.create_partitions``, then rows inserted
into the parent tables, which route them to each county's partition), in a fresh schema of the main PostgreSQL
cluster per test: no county server and no subscription are needed to check what the page shows. The client
address is set through httpx's ASGI transport (``client=``), so the loopback rule and the token are checked
exactly as uvicorn would hand them over.
"""

from __future__ import annotations

import asyncio
import base64
import io
import re
import socket
import time
from datetime import UTC, date, datetime, timedelta

import httpx
import openpyxl
import pytest
from province_rows import insert_rows

from yulu_desktop.province import checks_excel, web
from yulu_desktop.province.counties import create_partitions
from yulu_desktop.province.db import ProvinceDatabase
from yulu_desktop.province.stats import CountyFigures, ProvinceStats
from yulu_desktop.province.status import CountyStatus

pytestmark = pytest.mark.postgres

TOKEN = "province-page-token-0123456789"
LOOPBACK = "127.0.0.1"
REMOTE = "203.0.113.9"

CHENGKOU, WUXI, SHIZHU = "500229", "500238", "500240"
SHARED_A = "p1:" + "a" * 32  # one student registered and subsidised in 城口 and 巫溪
SHARED_B = "p1:" + "b" * 32  # another in 巫溪 and 石柱


# --- the province -------------------------------------------------------------------------------------------


class _County:
    """Rows of one county: a county unit, one township, one village, households and people."""

    def __init__(self, db: ProvinceDatabase, code: str, name: str, township: str, village: str) -> None:
        self.db, self.code, self.name = db, code, name
        create_partitions(db, code=code, name=name)
        self.village_id = f"{code}-v"
        insert_rows(
            db,
            "prov_unit",
            [
                {"county_code": code, "id": f"{code}-c", "code": code, "name": name, "level": "county",
                 "parent_id": None},
                {"county_code": code, "id": f"{code}-t", "code": code + "101", "name": township,
                 "level": "township", "parent_id": f"{code}-c"},
                {"county_code": code, "id": self.village_id, "code": code + "101201", "name": village,
                 "level": "village", "parent_id": f"{code}-t"},
            ],
        )  # fmt: skip
        self.people = 0

    def heartbeat(self, at: datetime) -> None:
        insert_rows(
            self.db,
            "prov_feed_state",
            [
                {"county_code": self.code, "county_name": self.name, "feed_version": 1, "last_seq": 4242,
                 "heartbeat_at": at, "changed_at": at, "people": self.people},
            ],
        )  # fmt: skip

    def person(
        self,
        name: str,
        *,
        id_hash: str | None = None,
        id_masked: str = "",
        enrollment: tuple[str, str, str, date | None] | None = None,
        destination: str | None = None,
        subsidy: tuple[str, str, int] | None = None,
    ) -> str:
        """A household with one person; ``enrollment`` = (school year, semester, registry status, ended on),
        ``subsidy`` = (term, state, amount in fen)."""
        self.people += 1
        n = self.people
        pid, hid = f"{self.code}-p{n}", f"{self.code}-h{n}"
        code = self.code
        insert_rows(self.db, "prov_household", [
            {"county_code": code, "id": hid, "household_no": f"{code}10120100{n}", "village_id": self.village_id,
             "household_type": "tuopin", "monitoring_type": None},
        ])  # fmt: skip
        insert_rows(self.db, "prov_person", [
            {"county_code": code, "id": pid, "household_id": hid, "village_id": self.village_id, "name": name,
             "id_hash": id_hash or f"p1:{code}{n:026d}", "id_masked": id_masked or f"{code}********{n:03d}X",
             "sex": "F", "birth_year": 2004, "status": "normal"},
        ])  # fmt: skip
        if enrollment is not None:
            year, semester, registry, ended = enrollment
            insert_rows(self.db, "prov_enrollment", [
                {"county_code": code, "id": f"{pid}-e", "person_id": pid, "school_year": year,
                 "semester": semester, "school_name": "重庆市城口县职业教育中心", "school_type": "zhongzhuan",
                 "major": "护理", "registry_status": registry, "ended_on": ended},
            ])  # fmt: skip
        if destination is not None:
            insert_rows(self.db, "prov_employment", [
                {"county_code": code, "id": f"{pid}-j", "person_id": pid, "effective_date": date(2025, 7, 1),
                 "recorded_at": None, "destination": destination, "region": "in_county", "industry": "",
                 "matches_major": True, "income_band": "3000"},
            ])  # fmt: skip
        if subsidy is not None:
            term, state, fen = subsidy
            insert_rows(self.db, "prov_subsidy", [
                {"county_code": code, "id": f"{pid}-s", "person_id": pid, "term": term, "amount_fen": fen,
                 "state": state, "paid_on": date(2025, 11, 20) if state == "paid" else None},
            ])  # fmt: skip
        return pid


GRADUATED_2025 = ("2024-2025", "spring", "graduated", date(2025, 6, 30))
GRADUATED_2024 = ("2023-2024", "spring", "graduated", date(2024, 6, 30))
STUDYING = ("2025-2026", "autumn", "enrolled", None)


def build_province(db: ProvinceDatabase, now: datetime) -> dict[str, _County]:
    """Three counties. 2025 graduates: 城口 3 (1 employed, 1 further study), 巫溪 1 employed (and a 2024
    graduate). 2025-autumn subsidies: 城口 one paid 1,500.00; 巫溪 one approved, one payment failed; 石柱 one
    paid 1,200.00. Two students are subsidised twice: 城口+巫溪 and 巫溪+石柱. 巫溪's data is 3 hours old."""
    chengkou = _County(db, CHENGKOU, "城口县", "坪坝镇", "红岩村")
    chengkou.person("张坤", enrollment=GRADUATED_2025, destination="employed")
    chengkou.person("李梅", enrollment=GRADUATED_2025, destination="further_study")
    chengkou.person("王强", enrollment=GRADUATED_2025)
    chengkou.person(
        "赵雪",
        id_hash=SHARED_A,
        id_masked="500229********021X",
        enrollment=STUDYING,
        subsidy=("2025-autumn", "paid", 150_000),
    )
    chengkou.person("钱多", subsidy=("2025-spring", "paid", 150_000))  # another term: not in the figures
    chengkou.heartbeat(now - timedelta(minutes=10, seconds=5))

    wuxi = _County(db, WUXI, "巫溪县", "宁河街道", "柏杨村")
    wuxi.person(
        "赵雪",
        id_hash=SHARED_A,
        id_masked="500229********021X",
        enrollment=STUDYING,
        subsidy=("2025-autumn", "county_approved", 150_000),
    )
    wuxi.person("孙浩", enrollment=GRADUATED_2025, destination="employed")
    wuxi.person("周敏", enrollment=GRADUATED_2024, destination="employed")
    wuxi.person(
        "吴迪",
        id_hash=SHARED_B,
        id_masked="500238********0035",
        enrollment=STUDYING,
        subsidy=("2025-autumn", "payment_failed", 150_000),
    )
    wuxi.heartbeat(now - timedelta(hours=3, minutes=5))

    shizhu = _County(db, SHIZHU, "石柱县", "南宾街道", "城南村")
    shizhu.person(
        "吴迪", id_hash=SHARED_B, id_masked="500238********0035", subsidy=("2025-autumn", "paid", 120_000)
    )
    shizhu.heartbeat(now - timedelta(minutes=10, seconds=5))
    return {CHENGKOU: chengkou, WUXI: wuxi, SHIZHU: shizhu}


# --- requests -------------------------------------------------------------------------------------------------


def _get(
    db: ProvinceDatabase,
    path: str,
    *,
    host: str = LOOPBACK,
    token: str | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    app = web.create_app(db, token=token)

    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app, client=(host, 50123))
        async with httpx.AsyncClient(transport=transport, base_url="http://province.example") as client:
            return await client.get(path, headers=headers or {})

    return asyncio.run(fetch())


def _basic(password: str) -> dict[str, str]:
    return {"Authorization": "Basic " + base64.b64encode(f"bureau:{password}".encode()).decode()}


def _row(page: str, code: str) -> list[str]:
    """The cell texts of the overview row of one county ("" = the province total)."""
    match = re.search(rf'<tr[^>]*data-county="{code}">(.*?)</tr>', page, re.S)
    assert match, f"no row for {code!r}"
    cells = re.findall(r"<td[^>]*>(.*?)</td>", match.group(1), re.S)
    return [re.sub(r"<[^>]+>", "", cell.replace("<br>", "\n")) for cell in cells]


def _cell_tags(page: str, code: str) -> list[str]:
    match = re.search(rf'<tr[^>]*data-county="{code}">(.*?)</tr>', page, re.S)
    assert match
    return re.findall(r"<td[^>]*>", match.group(1))


def _section(page: str, kind: str) -> str:
    """The HTML of one kind's section of the checks page (its heading up to the next heading)."""
    match = re.search(rf'<h2 id="{kind}">(.*?)(?=<h2|<p><small>)', page, re.S)
    assert match, f"no section {kind}"
    return match.group(1)


# --- 全省概况 -------------------------------------------------------------------------------------------------


def test_the_overview_shows_each_county_and_the_province_in_the_right_cells(
    province: ProvinceDatabase,
) -> None:
    build_province(province, datetime.now(UTC))
    response = _get(province, "/")
    assert response.status_code == 200
    page = response.text
    assert response.headers["content-type"].startswith("text/html")
    assert f'<meta http-equiv="refresh" content="{web.REFRESH_SECONDS}">' in page
    assert "<script" not in page
    assert response.headers["cache-control"] == "no-store"
    # Defaults: the latest graduation year (2025, not 2024) and the latest term (2025 autumn, not spring).
    assert '<option value="2025" selected>2025届</option>' in page
    assert '<option value="2025-autumn" selected>2025年秋季学期</option>' in page
    # 毕业生, 就业, 就业率, 去向落实率, 在读, 申请, 县审定及以后, 已发放人数, 已发放金额, 发放失败
    assert _row(page, CHENGKOU)[1:11] == ["3", "1", "33.3%", "66.7%", "1", "1", "1", "1", "1,500.00", "0"]
    assert _row(page, WUXI)[1:11] == ["1", "1", "100.0%", "100.0%", "2", "2", "2", "0", "0.00", "1"]
    assert _row(page, SHIZHU)[1:11] == ["0", "0", "—", "—", "0", "1", "1", "1", "1,200.00", "0"]
    total = _row(page, "")
    assert total[0] == "全省"
    assert total[1:11] == ["4", "2", "50.0%", "75.0%", "3", "4", "4", "2", "2,700.00", "1"]
    # Numbers right-aligned.
    assert all('class="n"' in tag for tag in _cell_tags(page, CHENGKOU)[1:11])
    # Data lag: the heartbeat as the county last replicated it.
    assert re.search(r"数据延迟 1\d分钟\n最近心跳 \d{4}-\d\d-\d\d \d\d:\d\d", _row(page, CHENGKOU)[11])
    assert re.search(r"数据延迟 3小时\d+分钟", _row(page, WUXI)[11])
    assert 'class="stale"' in _cell_tags(page, WUXI)[11]  # over an hour: red


def test_the_form_chooses_the_graduation_year_and_the_term(province: ProvinceDatabase) -> None:
    build_province(province, datetime.now(UTC))
    page = _get(province, "/?year=2024&term=2025-spring").text
    assert '<option value="2024" selected>2024届</option>' in page
    assert _row(page, WUXI)[1:3] == ["1", "1"]  # 周敏, graduated 2024
    assert _row(page, CHENGKOU)[1] == "0"
    assert _row(page, CHENGKOU)[6:11] == ["1", "1", "1", "1,500.00", "0"]  # 钱多's spring subsidy
    assert _row(page, WUXI)[6:11] == ["0", "0", "0", "0.00", "0"]
    every = _get(province, f"/?year={web.ALL_YEARS}").text
    assert _row(every, "")[1] == "5"
    bad = _get(province, "/?year=twenty")
    assert bad.status_code == 400 and "毕业年份" in bad.text and "twenty" in bad.text
    assert _get(province, "/?term=autumn").status_code == 400


def _status(code: str, *, running: bool = True, enabled: bool = True, lag: float | None = 120.0,
            errors: int = 0) -> CountyStatus:  # fmt: skip
    heartbeat = None if lag is None else datetime(2025, 3, 4, 7, 7, tzinfo=UTC)
    return CountyStatus(
        code=code, name=code, enabled=enabled, running=running, heartbeat_at=heartbeat, lag_seconds=lag,
        feed_version=1, last_seq=10, people=5, apply_errors=errors, sync_errors=0,
    )  # fmt: skip


def test_a_county_is_red_when_its_data_is_over_an_hour_old_or_its_subscription_is_not_running() -> None:
    assert web.freshness(_status("a"))[1] is False
    assert web.freshness(_status("a", lag=3600))[1] is False
    assert web.freshness(_status("a", lag=3601))[1] is True
    assert web.freshness(_status("a", running=False))[1] is True
    assert web.freshness(_status("a", enabled=False))[1] is True
    assert web.freshness(_status("a", lag=None)) == (("数据延迟 无数据",), True)
    assert web.freshness(None) == (("未订阅",), True)
    assert web.freshness(_status("a", errors=3))[0][-1] == "错误 3 次"
    assert web.freshness(_status("a", running=False))[0][-1] == "订阅未运行"
    assert web.freshness(_status("a", enabled=False, running=False))[0][-1] == "订阅已停用"
    assert [web.lag_text(s) for s in (5, 180, 3600, 3900, 86400, 90000)] == [
        "不到1分钟", "3分钟", "1小时", "1小时5分钟", "1天", "1天1小时",
    ]  # fmt: skip
    figures = CountyFigures(
        code="", name="全省", graduates=0, employed=0, placed=0, employment_rate=None, placed_rate=None,
        students=0, applications=0, approved=0, paid=0, paid_fen=0, failed=0,
    )  # fmt: skip
    counties = tuple(
        CountyFigures(
            code=code,
            name=name,
            graduates=2,
            employed=1,
            placed=1,
            employment_rate=0.5,
            placed_rate=0.5,
            students=0,
            applications=0,
            approved=0,
            paid=0,
            paid_fen=0,
            failed=0,
        )
        for code, name in (("1", "甲县"), ("2", "乙县"))
    )
    view = web.Overview(
        figures=ProvinceStats(graduation_year=2025, term=None, counties=counties, total=figures),
        years=(2025,),
        terms=(),
        states={"1": _status("1"), "2": _status("2", running=False, errors=2)},
        generated_at=datetime(2025, 3, 4, 7, 9, tzinfo=UTC),
        counted_at=datetime(2025, 3, 4, 7, 5, tzinfo=UTC),
    )
    page = web.render_overview(view)
    assert 'class="ok"' in _cell_tags(page, "1")[11] and "数据延迟 2分钟" in _row(page, "1")[11]
    assert 'class="stale"' in _cell_tags(page, "2")[11] and _row(page, "2")[11].endswith(
        "\n订阅未运行，错误 2 次"
    )
    assert "1 个县的数据可能不是最新的" in page


# --- 跨县核查 -------------------------------------------------------------------------------------------------


def test_the_checks_page_lists_a_double_subsidy_with_every_county_involved(
    province: ProvinceDatabase,
) -> None:
    build_province(province, datetime.now(UTC))
    page = _get(province, "/checks").text
    double = _section(page, "double_subsidy")
    assert "重复补助（2 条）" in double
    assert double.count(f'data-county="{CHENGKOU}"') == 1 and double.count(f'data-county="{SHIZHU}"') == 1
    assert double.count(f'data-county="{WUXI}"') == 2
    assert "<td>城口县</td>" in double and "<td>巫溪县</td>" in double and "<td>石柱县</td>" in double
    assert "500229********021X" in double and "500238********0035" in double
    assert "坪坝镇" in double and "红岩村" in double and "柏杨村" in double
    assert "2025年秋季学期" in double
    assert "钱多" not in double
    assert '<a href="/checks.xlsx">' in page


def test_the_county_filter_keeps_the_findings_that_involve_the_county(province: ProvinceDatabase) -> None:
    build_province(province, datetime.now(UTC))
    page = _get(province, f"/checks?county={CHENGKOU}&kind=double_subsidy").text
    assert '<option value="500229" selected>城口县（500229）</option>' in page
    double = _section(page, "double_subsidy")
    assert "重复补助（1 条）" in double
    assert f'data-county="{CHENGKOU}"' in double and f'data-county="{WUXI}"' in double  # the other one too
    assert "石柱县" not in double
    assert 'id="duplicate_registration"' not in page  # only the chosen kind
    assert f'<tr class="party mine" data-county="{CHENGKOU}">' in double  # the chosen county stands out
    assert f'<tr class="party" data-county="{WUXI}">' in double
    assert "/checks.xlsx?county=500229&amp;kind=double_subsidy" in page
    unknown = _get(province, "/checks?county=999999")
    assert unknown.status_code == 400 and "999999" in unknown.text
    assert _get(province, "/checks?kind=nonsense").status_code == 400


def test_the_excel_download_holds_the_rows_of_the_page(province: ProvinceDatabase) -> None:
    build_province(province, datetime.now(UTC))
    query = "?kind=double_subsidy"
    page = _get(province, "/checks" + query).text
    response = _get(province, "/checks.xlsx" + query)
    assert response.status_code == 200
    assert response.headers["content-type"] == web.XLSX_MEDIA_TYPE
    disposition = response.headers["content-disposition"]
    assert disposition.startswith("attachment;") and "province-checks-all-double_subsidy-" in disposition
    book = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["重复补助"]
    rows = [
        tuple("" if v is None else str(v) for v in row)
        for row in book["重复补助"].iter_rows(values_only=True)
    ]
    header_at = next(i for i, row in enumerate(rows) if row and row[0] == "序号")
    header, lines = rows[header_at], rows[header_at + 1 :]
    assert list(header) == [c.header for c in checks_excel.COLUMNS]
    assert len(lines) == 4  # two findings, two counties each
    col = {name: header.index(name) for name in header}
    got = sorted((r[col["县"]], r[col["姓名"]], r[col["身份证号（脱敏）"]], r[col["村"]]) for r in lines)
    assert got == sorted(
        [
            ("城口县", "赵雪", "500229********021X", "红岩村"),
            ("巫溪县", "赵雪", "500229********021X", "柏杨村"),
            ("巫溪县", "吴迪", "500238********0035", "柏杨村"),
            ("石柱县", "吴迪", "500238********0035", "城南村"),
        ]
    )
    # The same lines as the page, in the same order.
    page_lines = re.findall(
        r'<tr class="party[^"]*" data-county="\d+"><td>([^<]*)</td>(?:<td>[^<]*</td>){3}<td>([^<]*)</td>',
        _section(page, "double_subsidy"),
    )
    assert [(r[col["县"]], r[col["姓名"]]) for r in lines] == page_lines
    assert {r[col["序号"]] for r in lines} == {"1", "2"}
    only = _get(province, f"/checks.xlsx?county={SHIZHU}&kind=double_subsidy")
    sheet = openpyxl.load_workbook(io.BytesIO(only.content), read_only=True)["重复补助"]
    counties = {str(r[col["县"]]) for r in list(sheet.iter_rows(values_only=True))[header_at + 1 :]}
    assert counties == {"巫溪县", "石柱县"}


# --- 订阅状态 -------------------------------------------------------------------------------------------------


def test_the_status_page_lists_each_county_subscription(province: ProvinceDatabase) -> None:
    build_province(province, datetime.now(UTC))
    page = _get(province, "/status").text
    row = _row(page, WUXI)
    assert row[0] == "巫溪县（500238）"
    assert re.fullmatch(r"3小时\d+分钟", row[5])
    assert row[6:9] == ["1", "4242", "4"]  # feed version, last seq, people
    assert 'class="stale"' in _cell_tags(page, WUXI)[5]


# --- access and errors ---------------------------------------------------------------------------------------


def test_other_computers_need_the_token(province: ProvinceDatabase) -> None:
    build_province(province, datetime.now(UTC))
    for path in ("/", "/checks", "/checks.xlsx", "/status"):
        assert _get(province, path, host="::1").status_code == 200, path
        refused = _get(province, path, host=REMOTE)
        assert refused.status_code == 403 and "城口" not in refused.text, path  # no token: loopback only
        assert _get(province, path, host=REMOTE, headers=_basic(TOKEN)).status_code == 403
        missing = _get(province, path, host=REMOTE, token=TOKEN)
        assert missing.status_code == 401 and missing.headers["www-authenticate"].startswith("Basic")
        assert "城口" not in missing.text
        assert _get(province, path, host=REMOTE, token=TOKEN, headers=_basic("wrong")).status_code == 401
        assert _get(province, path, host="testclient", token=TOKEN).status_code == 401  # not an address
        assert _get(province, path, host=REMOTE, token=TOKEN, headers=_basic(TOKEN)).status_code == 200
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert _get(province, path, host=REMOTE, token=TOKEN, headers=bearer).status_code == 200


def _closed_port() -> int:
    """A loopback port nothing listens on (bound, then closed: refused until someone takes it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port


def test_a_database_that_cannot_be_reached_gives_a_chinese_503_page() -> None:
    port = _closed_port()
    db = ProvinceDatabase(f"postgresql+psycopg://postgres@127.0.0.1:{port}/province?connect_timeout=3")
    try:
        for path in ("/", "/checks", "/checks.xlsx", "/status"):
            response = _get(db, path)
            assert response.status_code == 503, path
            assert response.headers["content-type"].startswith("text/html")
            assert "省级数据库暂时无法访问" in response.text
            assert "Traceback" not in response.text and "psycopg" not in response.text
            assert str(port) not in response.text  # no connection details
    finally:
        db.dispose()


def test_slow_results_are_made_once_per_max_age_and_again_in_the_background() -> None:
    """The checks and the figures read every county's rows (minutes at province scale): not once per request."""
    import threading
    from datetime import timedelta

    made: list[int] = []
    release = threading.Event()

    def checks() -> str:
        made.append(len(made))
        if len(made) > 1:
            release.wait(30)  # the refresh is slow; the page must not wait for it
        return f"finding {len(made)}"

    cache = web.ResultCache(timedelta(minutes=10))
    first, made_at = cache.get("checks", checks)
    assert cache.get("checks", checks) == (first, made_at) and made == [0]
    assert cache.get(("figures", 2025, None), lambda: "figures")[0] == "figures"  # each key its own result

    cache.max_age = timedelta(0)
    assert cache.get("checks", checks) == (first, made_at)  # at once: the last result
    assert cache.get("checks", checks) == (first, made_at)  # one refresh at a time
    release.set()
    deadline = time.monotonic() + 30
    while cache.runs < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    cache.max_age = timedelta(minutes=10)
    result, newer = cache.get("checks", checks)
    assert result == "finding 2" and newer > made_at and made == [0, 1]


def test_a_failed_refresh_keeps_the_last_result() -> None:
    from datetime import timedelta

    cache = web.ResultCache(timedelta(0))
    first = cache.get("checks", lambda: "finding")

    def broken() -> str:
        raise RuntimeError("database gone")

    assert cache.get("checks", broken) == first  # the refresh fails in the background
    deadline = time.monotonic() + 30
    while "checks" in cache._refreshing and time.monotonic() < deadline:
        time.sleep(0.01)
    assert cache.get("checks", broken) == first


def test_counts_and_amounts_are_grouped_by_thousands() -> None:
    figures = CountyFigures(
        code="", name="全省", graduates=13_021, employed=12_345, placed=12_900, employment_rate=0.948,
        placed_rate=0.99, students=18_004, applications=1_489, approved=1_145, paid=1_000, paid_fen=150_000_000,
        failed=3,
    )  # fmt: skip
    cells = re.findall(r">([^<>]*)</td>", web._figure_cells(figures))
    assert cells == [
        "13,021",
        "12,345",
        "94.8%",
        "99.0%",
        "18,004",
        "1,489",
        "1,145",
        "1,000",
        "1,500,000.00",
        "3",
    ]
