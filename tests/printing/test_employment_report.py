"""The monthly employment report PDF (issue 16): title and scope, totals and rates, units, the changes and fairs
of the month, the overdue placement actions, the signature lines; names but never ID numbers or phones;
audited as a print."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import text

from tests.conftest import PASSPHRASE
from tests.services.test_employment_stats import TODAY, County, enroll_county
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.printing.employment_report import EmploymentReportPrint, render_employment_report
from yulu_desktop.services import employment_report as er
from yulu_desktop.store.database import Database

NOW = dt.datetime(2026, 3, 15, 10, 0)


def flat(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


@pytest.fixture(scope="module")
def county_db(
    template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Database, County]]:
    path = tmp_path_factory.mktemp("employment-report") / "yulu.db"
    shutil.copyfile(template_database, path)
    database = Database.open(path, PASSPHRASE)
    county = County(database)
    enroll_county(database)
    yield database, county
    database.close()


def test_march_report(county_db: tuple[Database, County], tmp_path: Path) -> None:
    db, c = county_db
    target = er.print_monthly_report(
        db,
        dt.date(2026, 3, 1),
        tmp_path / "月报.pdf",
        unit_id=c.county.id,
        actor="王县",
        today=TODAY,
        now=NOW,
    )
    pdf = target.read_bytes()
    assert pdf.startswith(b"%PDF")
    page = pypdf.PdfReader(io.BytesIO(pdf)).pages[0]
    assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
        595,
        842,
    )  # A4 portrait
    content = flat(pdf)
    for expected in (
        "雨露计划毕业生就业情况月报（2026年3月）",
        "城口县",
        "毕业生：9人",
        "就业率：44.4%",
        "去向落实率：55.6%",
        "庙坝镇",
        "修齐镇",
        "2026春季专场招聘会",
        "未落实去向的毕业生共4人，其中帮扶措施已过期限的1人",
        "王三",
        "推荐岗位",
        "填报人",
        "审核人",
    ):
        assert expected in content, expected
    assert "13800138000" not in content and "138****8000" not in content  # no phone at all
    with db.read_connection() as conn:
        logged = conn.execute(
            text("SELECT action, detail FROM audit_log WHERE entity = 'employment_report' ORDER BY id")
        ).fetchall()
    assert logged[-1].action == "print" and "2026年3月" in logged[-1].detail


def test_december_report_lists_the_changes(county_db: tuple[Database, County], tmp_path: Path) -> None:
    db, c = county_db
    report = er.monthly_report(db, dt.date(2025, 12, 1), unit_id=c.county.id, actor="王县", today=TODAY)
    data = er.report_print_data(report, now=NOW)
    content = flat(render_employment_report(data))
    assert "本月新就业和工作变动（2人次）" in content
    assert "张一" in content and "换工作" in content and "重庆B公司" in content
    assert "孙五" in content and "新就业" in content
    assert "统计截至：2025-12-31" in content
    assert "本月未举办招聘会" in content
    # The same data and time give the same bytes (the footer's fingerprint and the PDF date are fixed).
    assert render_employment_report(data) == render_employment_report(data)


def test_a_future_month_is_refused(county_db: tuple[Database, County]) -> None:
    db, c = county_db
    with pytest.raises(YuluError, match="还没有开始"):
        er.monthly_report(db, dt.date(2026, 4, 1), unit_id=c.county.id, actor="王县", today=TODAY)


def test_report_refuses_an_id_number_or_phone(county_db: tuple[Database, County]) -> None:
    db, c = county_db
    data = er.report_print_data(
        er.monthly_report(db, dt.date(2025, 12, 1), unit_id=c.county.id, actor="王县", today=TODAY), now=NOW
    )
    leaked = dataclasses.replace(data, changes=((*data.changes[0][:-1], "13800138000"), *data.changes[1:]))
    with pytest.raises(YuluError, match="就业变动”第1行"):
        render_employment_report(leaked)


def big_report() -> EmploymentReportPrint:
    """A township's busy month: long names, many changes and overdue actions (several pages)."""
    changes = tuple(
        (
            str(n),
            f"欧阳明{n}",
            "黄水镇大风堡村",
            ("新就业", "换工作", "离岗")[n % 3],
            "2026-03-05",
            "就业",
            "重庆长江三峡智能制造有限责任公司 数控机床操作工（实习转正）",
            "省内县外",
            "5,200",
        )
        for n in range(1, 41)
    )
    overdue = tuple(
        (
            str(n),
            f"司马青{n}",
            "大风堡村",
            "正在求职",
            "推荐到县工业园区企业面试，并联系县人社局参加电工培训",
            "2026-03-01",
        )
        for n in range(1, 7)
    )
    breakdown = (
        ("制造业", "12", "40.0%"),
        ("住宿和餐饮业", "8", "26.7%"),
        ("信息技术服务业", "6", "20.0%"),
        ("未填行业", "4", "13.3%"),
    )
    return EmploymentReportPrint(
        month=dt.date(2026, 3, 1),
        scope_name="石柱土家族自治县 黄水镇",
        as_of=dt.date(2026, 3, 15),
        summary=(
            ("毕业生", "42 人"),
            ("就业", "30 人"),
            ("就业率", "71.4%"),
            ("去向落实", "35 人"),
            ("去向落实率", "83.3%"),
            ("未落实去向", "7 人"),
        ),
        unit_level="村",
        units=(
            ("大风堡村", "20", "15", "17", "3", "75.0%", "85.0%"),
            ("万胜坝村", "22", "15", "18", "4", "68.2%", "81.8%"),
            ("合计", "42", "30", "35", "7", "71.4%", "83.3%"),
        ),
        breakdowns=(
            ("行业", breakdown),
            (
                "就业地域",
                (
                    ("县内", "10", "33.3%"),
                    ("省内县外", "12", "40.0%"),
                    ("省外", "6", "20.0%"),
                    ("未填地域", "2", "6.7%"),
                ),
            ),
            ("专业对口", (("专业对口", "20", "66.7%"), ("专业不对口", "8", "26.7%"), ("未填", "2", "6.7%"))),
            (
                "月收入",
                (("2000元以下", "1", "3.3%"), ("2000–2999元", "5", "16.7%"), ("6000元及以上", "3", "10.0%")),
            ),
            ("在岗时长", (("不满1个月", "2", "6.7%"), ("12个月及以上", "9", "30.0%"))),
        ),
        changes=changes,
        fairs=(("2026年黄水镇春风行动暨雨露计划毕业生专场招聘会", "2026-03-05", "40", "31", "22", "9"),),
        unemployed="截至制表日，未落实去向的毕业生共 7 人，其中帮扶措施已过期限的 6 人（名单如下）。",
        overdue=overdue,
        generated_at=NOW,
        printed_by="王县",
    )


def test_a_long_report_breaks_over_pages(tmp_path: Path) -> None:
    pdf = render_employment_report(big_report())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    content = flat(pdf)
    assert "欧阳明40" in content and "司马青6" in content and "第1页/共" in content.replace(" ", "")
