"""Fixtures of the first-start / enrollment / profile tests: a migrated template database and a county server
on a loopback port (the sync tests' helpers), and national exports made with openpyxl (the Excel tests')."""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "sync"))

from sync_helpers import County, running_county, use_cheap_argon2  # noqa: E402

from yulu_desktop.store.database import Database  # noqa: E402


def _excel_kit() -> ModuleType:
    """The Excel tests' helpers (national exports written with openpyxl), loaded under a name of their own."""
    spec = importlib.util.spec_from_file_location("excel_test_kit", HERE.parent / "excel" / "conftest.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


excel_kit = _excel_kit()


@pytest.fixture
def national_file(tmp_path: Path) -> Path:
    """A national export of 城口县 庙坝镇 红岩村 (two households, five people) and 新村 (one household, a village
    the county server does not have)."""
    rows = [
        *excel_kit.standard_rows(),
        excel_kit.national_row(
            行政村="新村",
            户编号="H003",
            人编号="P006",
            姓名="赵六",
            证件号码=excel_kit.person_id(1980, 61),
            人数=1,
        ),
    ]
    path: Path = excel_kit.national_book(tmp_path, rows)
    return path


@pytest.fixture(autouse=True, scope="session")
def _cheap_argon2() -> None:
    use_cheap_argon2()


@pytest.fixture(autouse=True)
def yulu_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("YULU_HOME", str(home))
    return home


# The migrated template database and its per-test copy are the root conftest's (``template_database``,
# ``db_path``, ``db``), under the names these tests use.
@pytest.fixture
def laptop_path(db_path: Path) -> Path:
    return db_path


@pytest.fixture
def laptop(db: Database) -> Database:
    return db


@pytest.fixture
def county(template_database: Path, tmp_path: Path) -> Iterator[County]:
    with running_county(f"sqlite:///{tmp_path / 'server.db'}", template_database, tmp_path) as county:
        yield county
