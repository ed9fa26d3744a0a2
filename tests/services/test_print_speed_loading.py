"""Batch printing reads the people's files a batch at a time: the same files, and always the current data."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from yulu_desktop.domain.errors import NotFound
from yulu_desktop.printing.batch import write_batch_pdf
from yulu_desktop.services import demo
from yulu_desktop.services import printing as ps
from yulu_desktop.services.person_file import PersonFile, load_person_file
from yulu_desktop.services.person_files import load_person_files
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "test-passphrase-1"
NOW = dt.datetime(2025, 11, 21, 9, 30)
VILLAGE = "500229101201"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("print-speed") / "demo.db"
    with Database.open(path, PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
        demo.generate_demo(db, households=20, seed=5, today=dt.date(2025, 11, 20))
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def db(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    path = tmp_path / "yulu.db"
    shutil.copyfile(demo_template, path)
    with Database.open(path, PASSPHRASE) as database:
        yield database


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (
            type(value).__name__,
            {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)},
        )
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _file(pf: PersonFile) -> Any:
    return {
        name: _plain(getattr(pf, name))
        for name in (
            "person",
            "household",
            "org_path",
            "members",
            "enrollments",
            "subsidies",
            "visits",
            "intents",
            "trainings",
            "employment",
            "attachments",
            "warnings",
            "membership_changes",
        )
    }


def test_batch_files_equal_single_files(db: Database) -> None:
    everyone = ps.dossier_people(db, VILLAGE, everyone=True)
    assert len(everyone) > 40
    order = everyone[::-1]  # any order asked for is kept
    batch = load_person_files(db, order)
    assert [_file(pf) for pf in batch] == [_file(load_person_file(db, pid)) for pid in order]
    assert load_person_files(db, []) == []


def test_batch_files_refuse_an_unknown_person(db: Database) -> None:
    known = ps.dossier_people(db, VILLAGE)[0]
    with pytest.raises(NotFound, match="no-such-person"):
        load_person_files(db, [known, "no-such-person"])


def test_batch_files_read_the_current_data(db: Database) -> None:
    person_id = ps.dossier_people(db, VILLAGE)[0]
    before = load_person_files(db, [person_id])[0]
    with db.engine.begin() as conn:
        conn.execute(text("UPDATE person SET name = '新名字' WHERE id = :id"), {"id": person_id})
    after = load_person_files(db, [person_id])[0]
    assert before.person.name != "新名字" and after.person.name == "新名字"


def test_batch_print_prints_what_single_prints(db: Database, tmp_path: Path) -> None:
    """``print_dossiers`` (batched reads) renders the same PDF as the single-person adapter's data."""
    ids = ps.dossier_people(db, VILLAGE)[:12]
    ps.print_dossiers(db, VILLAGE, tmp_path / "batch.pdf", "李明", person_ids=ids, now=NOW)
    singles = [ps.dossier_data(db, pid, printed_by="李明", now=NOW) for pid in ids]
    write_batch_pdf(singles, tmp_path / "singles.pdf")
    assert (tmp_path / "batch.pdf").read_bytes() == (tmp_path / "singles.pdf").read_bytes()
