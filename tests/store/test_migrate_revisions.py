"""The schema revisions are read without Alembic (start-up imports none of it) and agree with Alembic's."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from yulu_desktop.paths import migrations_dir
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database

PASSPHRASE = "migration-test-1"
ROOT = Path(__file__).resolve().parents[2]


def test_head_revision_is_alembics_head() -> None:
    assert migrate.head_revision() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()


def test_a_new_migration_file_is_the_new_head(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (copy / "versions" / "9999_next.py").write_text(
        f'"""Next."""\n\nrevision: str = "9999"\ndown_revision: str | None = "{head}"\n\n\n'
        "def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: copy)
    assert migrate.head_revision() == "9999"
    assert ScriptDirectory.from_config(migrate.alembic_config()).get_current_head() == "9999"


def test_a_layout_it_cannot_read_is_left_to_alembic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A merge revision (a tuple of parents) is not read by the quick reader: alembic answers."""
    copy = tmp_path / "migrations"
    shutil.copytree(migrations_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    head = migrate.head_revision()
    (copy / "versions" / "9998_merge.py").write_text(
        f'revision = "9998"\ndown_revision = ("{head}",)\n\n\n'
        "def upgrade() -> None:\n    pass\n\n\ndef downgrade() -> None:\n    pass\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(migrate, "migrations_dir", lambda: copy)
    assert migrate.head_revision() == "9998"


def test_current_revision_agrees_with_alembic_at_every_step(tmp_path: Path) -> None:
    revisions = [r.revision for r in ScriptDirectory.from_config(migrate.alembic_config()).walk_revisions()]
    with Database.open(tmp_path / "m.db", PASSPHRASE, create=True) as db:
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) is None
        for revision in reversed(revisions):
            migrate.upgrade(db, revision)
            with db.engine.connect() as conn:
                assert migrate.current_revision(conn) == revision
                assert MigrationContext.configure(conn).get_current_revision() == revision
        assert not migrate.needs_upgrade(db)
        migrate.downgrade(db, "base")
        with db.engine.connect() as conn:
            assert migrate.current_revision(conn) is None
            assert MigrationContext.configure(conn).get_current_revision() is None
        assert migrate.needs_upgrade(db)


def test_opening_an_up_to_date_database_imports_no_alembic(tmp_path: Path) -> None:
    path = tmp_path / "m.db"
    with Database.open(path, PASSPHRASE, create=True) as db:
        migrate.upgrade(db)
    script = (
        "import sys\n"
        "from yulu_desktop.store import migrate\n"
        "from yulu_desktop.store.database import Database\n"
        f"db = Database.open({str(path)!r}, {PASSPHRASE!r})\n"
        "print(migrate.needs_upgrade(db), sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))\n"
        "db.close()\n"
    )
    env = dict(
        os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])])
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=60, check=True
    ).stdout
    assert out.strip() == "False []"
