"""``yulu … | head``: a reader that stops early ends the command quietly, never with a BrokenPipeError traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from yulu_desktop.store.database import Database
from yulu_desktop.sync.notes import add_local_note

PASSPHRASE = "test-passphrase-1"  # the template database's (tests/conftest.py)


def _yulu_into_closed_pipe(db_path: Path, *argv: str) -> tuple[int, str]:
    """Run ``yulu`` with its output piped into a reader that takes one line and goes away."""
    env = {**os.environ, "YULU_DB_KEY": PASSPHRASE}
    process = subprocess.Popen(
        [sys.executable, "-m", "yulu_desktop.cli.main", "--db", str(db_path), *argv],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.readline()
    process.stdout.close()  # like `head -1` exiting
    with process.stderr:
        errors = process.stderr.read().decode()
    return process.wait(timeout=60), errors


@pytest.fixture
def many_notes(db_path: Path) -> Path:
    """A database with far more conflict-list output than a pipe buffers (≈ 1 MB)."""
    with Database.open(db_path, PASSPHRASE) as db, db.write_connection() as conn:
        for n in range(3000):
            add_local_note(
                conn,
                kind="rejected_remote",
                entity="household",
                entity_id=f"household-{n:05d}",
                value={"household_no": f"H-{n}", "address": "红岩村一组" * 20},
                reason="测试用的说明",
            )
        assert conn.execute(text("SELECT count(*) FROM sync_conflict")).scalar_one() == 3000
    return db_path


@pytest.mark.parametrize("argv", [("conflicts", "list"), ("conflicts", "list", "--all")])
def test_a_listing_piped_into_head_ends_quietly(many_notes: Path, argv: tuple[str, ...]) -> None:
    status, errors = _yulu_into_closed_pipe(many_notes, *argv)
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
    assert status == 141  # 128 + SIGPIPE, as `yes | head` reports it


def test_set_server_takes_the_new_certificate_flag() -> None:
    from yulu_desktop.cli.main import build_parser

    args = build_parser().parse_args(
        ["sync", "set-server", "https://yulu.example.gov.cn", "--accept-new-certificate"]
    )
    assert args.accept_new_certificate is True
    assert build_parser().parse_args(["sync", "set-server", "https://x"]).accept_new_certificate is False
