"""The short torture of test_sync_adversarial.py (see its docstring) with the county server on PostgreSQL.

A file of its own: with ``--dist loadfile`` a file's tests run on one worker, and the SQLite and PostgreSQL runs
(a minute or more each) in one file made the longest stretch of a CI run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_sync_adversarial import torture_converges


@pytest.mark.postgres
@pytest.mark.timeout(600)
@pytest.mark.parametrize("server_url", ["postgres"], indirect=True)
def test_torture_with_rogue_devices_cuts_and_kills_converges(
    server_url: str, template_database: Path, tmp_path: Path
) -> None:
    torture_converges(server_url, template_database, tmp_path)
