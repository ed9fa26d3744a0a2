"""The printed 公示 list of one subsidy_publicity and the 发放台账 (issue 15): the right people, period and totals;
never a full ID number, a phone or an account."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pypdf
import pytest
from sqlalchemy import select

from yulu_desktop.domain.entities import SubsidyApplication, SubsidyPublicity
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.printing.model import PublicityRow
from yulu_desktop.printing.publicity import PublicityRefused, render_publicity
from yulu_desktop.printing.reference import fingerprint
from yulu_desktop.printing.samples import sample_publicity
from yulu_desktop.printing.subsidy_ledger import LedgerPrint, render_ledger
from yulu_desktop.printing.subsidy_publicity import SubsidyPublicityPrint, render_subsidy_publicity
from yulu_desktop.services import subsidy_ledger as ledgers
from yulu_desktop.services import subsidy_payment as pay
from yulu_desktop.store import journal, schema
from yulu_desktop.store.database import Database

sys.path.insert(0, str(Path(__file__).parent.parent / "services"))
from subsidy_fixtures import TERM, County, build_county, set_role

NOW = dt.datetime(2025, 12, 2, 9, 30)


def _flat(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


@pytest.fixture
def county(db: Database) -> County:
    return build_county(db)


def _publicize(db: Database, county: County, names: list[str], **changes: object) -> str:
    publicity = SubsidyPublicity(
        village_id=county.villages["hongyan"].id,
        term=TERM,
        starts_on=date(2025, 10, 8),
        ends_on=date(2025, 10, 14),
        place="红岩村村务公开栏",
    )
    with db.write() as session:
        journal.set_author(session.connection(), "测试员")
        session.add(publicity)
        session.flush()
        for name in names:
            found = session.get(SubsidyApplication, county.applications[name].id)
            assert found is not None
            found.state, found.publicity_id = "publicized", publicity.id
            for key, value in changes.items():
                setattr(found, key, value)
    return publicity.id


def _audits(db: Database) -> list[tuple[str, str]]:
    a = schema.audit_log
    with db.read_connection() as conn:
        return [(r.action, r.entity) for r in conn.execute(select(a.c.action, a.c.entity))]


def test_publicity_list_shows_the_people_of_that_publicity_only(
    db: Database, county: County, tmp_path: Path
) -> None:
    publicity_id = _publicize(db, county, ["张坤", "李娜"])
    target = ledgers.print_publicity_list(db, publicity_id, tmp_path / "公示.pdf", actor="李村", now=NOW)

    flat = _flat(target.read_bytes())
    assert "张坤" in flat and "李娜" in flat
    assert "王强" not in flat  # same village, not on this 公示
    assert "城口县庙坝镇红岩村" in flat and "2025年秋季学期雨露计划补助拟补助对象公示" in flat
    assert "2025年10月8日至2025年10月14日（共7天）" in flat
    assert "红岩村村务公开栏" in flat
    assert "合计2人" in flat and "3,000" in flat
    assert not re.search(r"\d{11,}", flat)  # no ID number, phone or account
    assert "*" not in flat  # not even masked
    for name in ("张坤", "李娜"):
        assert str(county.people[name].id_number) not in flat
    assert ("print", "subsidy_publicity") in _audits(db)


def test_publicity_list_refuses_an_id_number_in_a_name(db: Database, county: County, tmp_path: Path) -> None:
    publicity_id = _publicize(db, county, ["张坤"])
    with db.write() as session:
        found = session.execute(select(schema.person).where(schema.person.c.name == "张坤")).first()
        assert found is not None
        session.execute(
            schema.person.update().where(schema.person.c.id == found.id).values(name="张坤500229200703010019")
        )
    with pytest.raises(PublicityRefused, match="第1行姓名"):
        ledgers.print_publicity_list(db, publicity_id, tmp_path / "x.pdf", actor="李村", now=NOW)
    assert not (tmp_path / "x.pdf").exists()
    assert ("print", "subsidy_publicity") not in _audits(db)


def _result(path: Path, county: County, rows: list[tuple[str, str]]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("身份证号", "结果", "原因"))
    for name, result in rows:
        sheet.append((county.people[name].id_number, result, "账号不存在" if result == "失败" else ""))
    book.save(path)
    return path


def test_ledger_pdf_totals_and_masking(db: Database, county: County, tmp_path: Path) -> None:
    set_role(db, "county")
    batch = pay.create_batch(db, TERM, actor="", today=date(2025, 11, 20))
    rows = [("张坤", "成功"), ("李娜", "失败"), ("王强", "成功"), ("赵敏", "成功")]
    assert pay.import_result(db, batch, _result(tmp_path / "r.xlsx", county, rows), actor="").ok

    target = ledgers.print_ledger(db, TERM, tmp_path / "台账.pdf", actor="", today=date(2025, 12, 2), now=NOW)

    flat = _flat(target.read_bytes())
    assert "2025年秋季学期雨露计划补助发放台账" in flat
    for part in ("一、汇总", "二、发放明细", "三、符合条件但未申请的学生（1人）"):
        assert part in flat
    assert "庙坝镇小计" in flat and "高观镇小计" in flat
    assert "合计：已发放3人，5,000.00元（500229-2025秋-013人5,000.00元）" in flat
    assert "陈晨" in flat  # eligible, did not apply
    assert "500229-2025秋-01" in flat
    for person in county.people.values():
        assert str(person.id_number) not in flat
    assert not re.search(r"\d{15,}", flat)
    assert ("print", "subsidy_ledger") in _audits(db)


def test_ledger_pdf_refuses_a_full_id_number() -> None:
    data = LedgerPrint(
        scope_name="城口县",
        term=TERM,
        summary=(),
        lines=(
            (
                "1",
                "B-01",
                "张坤",
                "500229200703010019",
                "庙坝镇",
                "红岩村",
                "学校",
                "1,500.00",
                "2025-11-20",
                "2025-12-01",
            ),
        ),
        not_applied=(),
        totals="",
        generated_at=NOW,
        printed_by="王县",
    )
    with pytest.raises(YuluError, match="完整的身份证号"):
        render_ledger(data)


def _subsidy_publicity(rows: tuple[PublicityRow, ...]) -> SubsidyPublicityPrint:
    return SubsidyPublicityPrint(
        village_path="城口县 庙坝镇 红岩村",
        village_name="红岩",
        term=TERM,
        starts_on=date(2025, 10, 8),
        ends_on=date(2025, 10, 14),
        rows=rows,
        generated_at=NOW,
        place="红岩村村务公开栏",
    )


def test_subsidy_publicity_prints_the_table_of_the_village_publicity() -> None:
    village = sample_publicity(rows=6)
    table = re.compile(r"序号姓名所在组.*?合计\d+人[\d,]+")

    ours = table.search(_flat(render_subsidy_publicity(_subsidy_publicity(village.rows))))
    theirs = table.search(_flat(render_publicity(dataclasses.replace(village, term=TERM))))

    assert ours is not None and theirs is not None
    assert ours.group() == theirs.group()
    assert "合计6人9,000" in ours.group()


def test_subsidy_publicity_checks_every_printed_cell_of_a_row() -> None:
    row = PublicityRow(
        name="张坤",
        group="三组",
        school="城口职教中心",
        school_type="13800138000",
        grade="一年级",
        amount_yuan=1500,
    )
    with pytest.raises(PublicityRefused, match="第1行学校类型"):
        render_subsidy_publicity(_subsidy_publicity((row,)))


def test_ledger_pdf_refuses_a_row_with_too_few_cells() -> None:
    data = LedgerPrint(
        scope_name="城口县",
        term=TERM,
        summary=(),
        lines=(("1", "B-01", "张坤"),),
        not_applied=(),
        totals="",
        generated_at=NOW,
        printed_by="王县",
    )
    with pytest.raises(ValueError, match="row 1 has 3 cells"):
        render_ledger(data)


def test_ledger_pdf_is_signed_and_fingerprinted_like_the_lists() -> None:
    data = LedgerPrint(
        scope_name="城口县",
        term=TERM,
        summary=(),
        lines=(),
        not_applied=(),
        totals="合计：已发放 0 人",
        generated_at=NOW,
        printed_by="王县",
    )
    flat = _flat(render_ledger(data))
    assert f"制表人王县数据指纹{fingerprint(data)}" in flat
    assert "制表人：王县（签字）" in flat and "单位（盖章）：" in flat
    assert pypdf.PdfReader(io.BytesIO(render_ledger(data))).pages[0].mediabox.width > 800  # landscape
