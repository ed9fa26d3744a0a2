"""Masks that cannot be undone (issue 14): from no masked document the app makes can anyone rebuild an ID number.

A masked ID number (``500229********1232``) hides exactly the 8 birth-date digits. This test makes every
masked document for realistic demo data — the 一人一档 of everybody, the masked 补助申请表, the three registers,
the 公示 list, the masked Excel export of each list, and the rows of every list view — and then tries to
rebuild each person's full number from the document's text (PDF text through ``pdftotext``, sheet cells
through openpyxl): near each masked ID it looks for the 8 birth digits and for any way of writing the birth
date (``2005-06-01``, ``2005年6月1日``, ``20050601``, …).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from yulu_desktop.domain.masking import mask_id_number
from yulu_desktop.services import demo, lists
from yulu_desktop.services import excel_export as xe
from yulu_desktop.services import printing as ps
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"
DEMO_TODAY = dt.date(2025, 11, 20)
NOW = dt.datetime(2025, 11, 21, 9, 30)
VILLAGE = "500229101201"  # 红岩村: all demo households of a small demo live there
TOWNSHIP = "500229101"
TERM = "2025-autumn"
ACTOR = "测试员"
#: Characters either side of a masked ID searched for its birth date (a table row, a page's summary block).
NEAR = 400

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler) is not installed"
)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("masks-demo") / "demo.db"
    with Database.open(path, PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=25, seed=14, today=DEMO_TODAY)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "yulu.db"
    shutil.copyfile(demo_template, path)
    with Database.open(path, PASSPHRASE) as database:
        yield database


def people(db: Database) -> list[tuple[str, str, dt.date]]:
    """(name, ID number, birth date) of everybody with an 18-character ID number."""
    with db.read_connection() as conn:
        rows = conn.exec_driver_sql(
            "SELECT name, id_number, birth_date FROM person WHERE length(id_number) = 18"
        ).all()
    out = [(str(name), str(idn), dt.date.fromisoformat(str(born)[:10])) for name, idn, born in rows if born]
    assert len(out) > 50
    return out


def birth_spellings(born: dt.date) -> set[str]:
    """Every usual way of writing a birth date, without white space (the text is compared without it)."""
    y, m, d = born.year, born.month, born.day
    spellings = {f"{y}{m:02d}{d:02d}"}
    for mm in {f"{m}", f"{m:02d}"}:
        for dd in {f"{d}", f"{d:02d}"}:
            spellings |= {f"{y}-{mm}-{dd}", f"{y}/{mm}/{dd}", f"{y}.{mm}.{dd}", f"{y}年{mm}月{dd}日"}
    return spellings


def rebuildable(text: str, who: list[tuple[str, str, dt.date]]) -> list[str]:
    """The people whose full ID number can be rebuilt from ``text``: the full number itself, or a masked one
    with their birth digits or birth date written near it."""
    flat = re.sub(r"\s+", "", text)
    found = []
    for name, id_number, born in who:
        if id_number in flat:
            found.append(f"{name}: full ID number {id_number}")
            continue
        masked = mask_id_number(id_number)
        for hit in re.finditer(re.escape(masked), flat):
            window = flat[max(0, hit.start() - NEAR) : hit.end() + NEAR]
            giveaways = sorted(s for s in birth_spellings(born) | {id_number[6:14]} if s in window)
            if giveaways:
                found.append(f"{name}: {masked} beside {giveaways}")
                break
    return found


def pdf_text(pdf: bytes | Path, tmp_path: Path) -> str:
    path = pdf if isinstance(pdf, Path) else tmp_path / "doc.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def sheet_rows(path: Path) -> list[str]:
    wb = load_workbook(path, read_only=True)
    try:
        return [
            " ".join("" if v is None else str(v) for v in row)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        ]
    finally:
        wb.close()


def test_no_masked_document_gives_an_id_number_back(db: Database, tmp_path: Path) -> None:
    who = people(db)
    documents: dict[str, list[str]] = {}  # document → texts searched one by one (a PDF, or a sheet row)

    dossiers = ps.print_dossiers(
        db, VILLAGE, tmp_path / "dossiers", ACTOR, per_file=True, everyone=True, now=NOW
    )
    documents["一人一档"] = [pdf_text(path, tmp_path) for path in dossiers.paths]
    forms = ps.print_forms(db, VILLAGE, TERM, tmp_path / "forms", ACTOR, per_file=True, now=NOW)
    documents["补助申请表（核对稿）"] = [pdf_text(path, tmp_path) for path in forms.paths]
    for kind in ps.REGISTER_KINDS:
        documents[f"清单 {kind}"] = [
            pdf_text(ps.print_register(db, kind, TOWNSHIP, ACTOR, now=NOW), tmp_path)
        ]
    publicity = ps.print_publicity(
        db, VILLAGE, TERM, ACTOR, contact_person="王芳", contact_phone="023-59221234", now=NOW
    )
    documents["公示名单"] = [pdf_text(publicity, tmp_path)]
    for kind in xe.EXPORT_KINDS:
        path = tmp_path / f"{kind}.xlsx"
        xe.export_list(db, kind, path, actor=ACTOR)
        documents[f"Excel {kind}"] = sheet_rows(path)
    for kind in lists.LIST_KINDS:
        rows = lists.fetch(db, kind, limit=100_000)
        documents[f"列表 {kind}"] = [" ".join(row.cells) for row in rows]

    # The test must be able to fail: the documents hold the masked numbers and the registers hold people.
    masked_seen = sum(
        mask_id_number(i) in re.sub(r"\s+", "", t) for _, i, _ in who for t in documents["一人一档"]
    )
    assert masked_seen >= len(who) // 2
    assert all(documents[k] for k in documents), [k for k in documents if not documents[k]]

    leaks = {
        name: sorted({leak for text in texts for leak in rebuildable(text, who)})
        for name, texts in documents.items()
    }
    assert {name: found for name, found in leaks.items() if found} == {}


def test_the_rebuild_search_finds_what_it_looks_for() -> None:
    """The search itself can fail: a masked ID beside the birth date in any usual spelling is caught."""
    who = [("张坤", "500229200506011232", dt.date(2005, 6, 1))]
    masked = mask_id_number(who[0][1])
    for beside in ("出生日期 2005-06-01", "2005年6月1日", "学籍号 G20050601123456", "2005/6/1", "2005.06.01"):
        assert rebuildable(f"姓名 张坤 {beside} 身份证号 {masked}", who), beside
    assert rebuildable("500229200506011232", who)
    assert not rebuildable(f"张坤 2005年 {masked} 学籍号 G************56", who)
