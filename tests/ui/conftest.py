"""Fixtures of the desktop UI tests: offscreen Qt, a migrated template database copied per test, an isolated
user data directory (settings never touch the real user's), and an open database worker."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from tests.services.employment_fixtures import TODAY as EMPLOYMENT_TODAY
from tests.services.employment_fixtures import build_employment_county
from tests.ui.employment_kit import open_copy
from yulu_desktop.domain.entities import Household, Person
from yulu_desktop.services import records
from yulu_desktop.services.demo import generate_demo
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.ui import i18n
from yulu_desktop.ui import settings as ui_settings
from yulu_desktop.ui.dialogs import open_and_upgrade
from yulu_desktop.ui.worker import DbWorker

PASSPHRASE = "test-passphrase-1"
#: A person the tests search for: 张坤 (zk / zhangkun), with a known ID number and phone.
ZHANG_KUN_ID = "500229200703150012"
ZHANG_KUN_PHONE = "13812348000"
KNOWN_HOUSEHOLD_NO = "5002291990001"


def _add_known_people(db: Database) -> None:
    # A county of its own (五寨县 三岔镇 三岔村), so that scoping by county is visible in the lists.
    with records.writing(db, "测试") as session:
        county = records.ensure_org_unit(session, "149928", "五寨县（测试）", "county", None)
        township = records.ensure_org_unit(session, "149928101", "三岔镇", "township", county)
        village_id = records.ensure_org_unit(session, "149928101201", "三岔村", "village", township).id
    household = Household(
        household_no=KNOWN_HOUSEHOLD_NO,
        village_id=village_id,
        contact_phone=ZHANG_KUN_PHONE,
        payee_name="张大山",
        payee_account="6222020200112233445",
    )
    records.register_household(db, household, actor="测试")
    records.add_member(db, Person(household_id=household.id, name="张大山", relationship="01"), actor="测试")
    records.add_member(
        db,
        Person(
            household_id=household.id,
            name="张坤",
            relationship="20",
            id_number=ZHANG_KUN_ID,
            phone=ZHANG_KUN_PHONE,
        ),
        actor="测试",
        today=date(2026, 1, 1),
    )


@pytest.fixture(scope="session")
def template_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated database with demo data and 张坤, built once per session."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    db = Database.open(path, PASSPHRASE, create=True)
    migrate.upgrade(db)
    generate_demo(db, households=60, seed=7)
    _add_known_people(db)
    db.close()
    return path


@pytest.fixture(scope="session", autouse=True)
def _translations_and_font(qapp: QApplication) -> None:
    i18n.compile_translations()
    i18n.register_font(qapp)


@pytest.fixture(autouse=True)
def yulu_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("YULU_HOME", str(home))
    return home


@pytest.fixture
def db_path(template_db: Path, tmp_path: Path) -> Path:
    target = tmp_path / "yulu.db"
    for suffix in ("", "-wal"):
        source = Path(str(template_db) + suffix)
        if source.exists():
            shutil.copy(source, str(target) + suffix)
    return target


@pytest.fixture
def settings(yulu_home: Path) -> QSettings:
    return ui_settings.open_settings()


@pytest.fixture
def bare_worker(qtbot: object) -> Iterator[DbWorker]:
    worker = DbWorker()
    yield worker
    worker.shutdown()


@pytest.fixture
def worker(bare_worker: DbWorker, db_path: Path, qtbot) -> DbWorker:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(bare_worker.idle, timeout=20000):
        bare_worker.open(open_and_upgrade(db_path, PASSPHRASE, create=False))
    return bare_worker


@pytest.fixture(scope="module")
def employment_template(
    template_database: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, str]]:
    """A migrated database with the employment county of tests/services/employment_fixtures.py, built once per
    module, and the county's ids."""
    path = tmp_path_factory.mktemp("employment") / "employment.db"
    shutil.copyfile(template_database, path)
    db = Database.open(path, PASSPHRASE)
    ids = build_employment_county(db, today=EMPLOYMENT_TODAY)
    db.close()
    return path, ids


@pytest.fixture
def ids(employment_template: tuple[Path, dict[str, str]]) -> dict[str, str]:
    return employment_template[1]


@pytest.fixture
def eworker(
    bare_worker: DbWorker, employment_template: tuple[Path, dict[str, str]], tmp_path: Path, qtbot: QtBot
) -> DbWorker:
    """A copy of the employment county opened on the test's worker."""
    return open_copy(employment_template[0], tmp_path, bare_worker, qtbot, name="yulu.db")
