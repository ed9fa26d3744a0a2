"""扫码核对 with real printed papers: the QR text comes out of the PDF that was printed."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pypdf
import pytest
from sqlalchemy import text

from yulu_desktop.domain import rules
from yulu_desktop.domain.entities import Visit
from yulu_desktop.domain.errors import NotFound, YuluError
from yulu_desktop.services import demo, records, scan_back
from yulu_desktop.services import printing as ps
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"
DEMO_TODAY = dt.date(2025, 11, 20)
TERM = "2025-autumn"
ACTOR = "李明"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("scan-demo") / "demo.db"
    with Database.open(path, PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=8, seed=5, today=DEMO_TODAY)
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def _copy(template: Path, target: Path) -> Database:
    shutil.copyfile(template, target)
    return Database.open(target, PASSPHRASE)


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    with _copy(demo_template, tmp_path / "yulu.db") as database:
        yield database


def _student(db: Database) -> tuple[str, str]:
    with db.read_connection() as conn:
        row = conn.execute(
            text(
                "SELECT p.id, p.household_id FROM person p JOIN subsidy_application s ON s.person_id = p.id "
                "WHERE s.term = :term ORDER BY p.person_no LIMIT 1"
            ),
            {"term": TERM},
        ).one()
    return str(row[0]), str(row[1])


def qr_of(pdf: bytes) -> str:
    """The QR payload as a scanner would type it (it is also in the page's text layer)."""
    found = re.search(r"yulu:(?:dossier|form):\S+", pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text())
    assert found is not None
    return found.group(0)


def test_unchanged_paper_names_the_person_and_when_it_was_printed(db: Database) -> None:
    person_id, _ = _student(db)
    qr = qr_of(ps.print_dossier(db, person_id, ACTOR))
    result = scan_back.scan(db, qr)
    assert (result.person_id, result.kind, result.changed) == (person_id, "dossier", False)
    assert result.printed_by == ACTOR and result.printed_at is not None
    assert abs((dt.datetime.now() - result.printed_at).total_seconds()) < 120
    assert result.changes == () and result.changes_complete


def test_changed_record_says_what_changed_without_values(db: Database) -> None:
    person_id, household_id = _student(db)
    dossier_qr = qr_of(ps.print_dossier(db, person_id, ACTOR))
    form_qr = qr_of(ps.print_form(db, person_id, TERM, ACTOR))
    records.update_person(db, person_id, {"phone": "13912345678"}, actor=ACTOR)
    records.record_visit(
        db,
        Visit(household_id=household_id, visit_date=DEMO_TODAY, visitor_name=ACTOR, visitor_role="resident_cadre"),
        actor=ACTOR,
        today=DEMO_TODAY,
    )  # fmt: skip
    result = scan_back.scan(db, dossier_qr)
    assert result.changed and result.changes_complete
    assert result.changes == (f"人员：{rules.label('phone', 'person')} 已修改", "新增走访")
    assert not any("13912345678" in line for line in result.changes)
    form = scan_back.scan(db, form_qr)
    assert form.kind == "form" and form.term == TERM and form.changed
    assert form.changes == (f"人员：{rules.label('phone', 'person')} 已修改",)  # a visit is not on the form


def test_paper_printed_elsewhere_changed_but_cannot_list_changes(
    db: Database, demo_template: Path, tmp_path: Path
) -> None:
    person_id, _ = _student(db)
    with _copy(demo_template, tmp_path / "other-laptop.db") as other:
        qr = qr_of(ps.print_dossier(other, person_id, "王芳"))
    assert scan_back.scan(db, qr).printed_at is None  # not printed on this laptop: no time, still checked
    records.update_person(db, person_id, {"phone": "13912345678"}, actor=ACTOR)
    result = scan_back.scan(db, qr)
    assert result.changed and not result.changes_complete and result.changes == ()


def test_paper_of_another_database_or_not_ours(db: Database, tmp_path: Path) -> None:
    with Database.open(tmp_path / "elsewhere.db", PASSPHRASE, create=True) as other:
        migrate.upgrade(other)
        demo.generate_demo(other, households=2, seed=99, today=DEMO_TODAY)
        with other.read_connection() as conn:
            stranger = str(conn.execute(text("SELECT id FROM person LIMIT 1")).scalar_one())
        qr = qr_of(ps.print_dossier(other, stranger, ACTOR))
    with pytest.raises(NotFound, match="不在本机数据库中：可能是其他县"):
        scan_back.scan(db, qr)
    with pytest.raises(YuluError, match="不是雨露打印件"):
        scan_back.scan(db, "6901234567892")  # a shop barcode
