"""Every top-level window and dialog fits a 1366x768 laptop (less a 40 px taskbar) at 100% and at 125% scaling,
with room for the window frame, and the status bar's texts fit side by side.

Each scale runs tests/ui/window_sizes.py in a subprocess on a virtual offscreen screen of that size.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from yulu_desktop.services.demo import generate_demo
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.ui.app import DEMO_PASSPHRASE

pytestmark = pytest.mark.gui

DRIVER = Path(__file__).with_name("window_sizes.py")
WINDOWS = {
    "main", "visit", "person", "print_preview", "export", "import_wizard", "conflicts", "reconcile", "users",
    "publicity", "unlock", "first_run", "visit_standalone", "lock",
}  # fmt: skip
#: The laptop above its taskbar, in physical pixels.
SCREEN = (1366, 728)


@pytest.fixture(scope="module")
def demo_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sizes-demo") / "demo.db"
    db = Database.open(path, DEMO_PASSPHRASE, create=True)
    migrate.upgrade(db)
    generate_demo(db, households=20, seed=5)
    db.close()
    return path


@pytest.mark.slow
@pytest.mark.parametrize("scale", [1.0, 1.25])
def test_every_window_fits_the_laptop_screen(demo_database: Path, tmp_path: Path, scale: float) -> None:
    home = tmp_path / "sizes-home"
    home.mkdir()
    shutil.copy(demo_database, home / "demo.db")
    config = tmp_path / "screen.json"
    width, height = SCREEN
    config.write_text(
        json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": width, "height": height}]}),
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "YULU_HOME": str(home),
        "QT_QPA_PLATFORM": f"offscreen:configfile={config}",
        "QT_SCALE_FACTOR": str(scale),
    }
    run = subprocess.run(
        [sys.executable, str(DRIVER)], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert run.returncode == 0, run.stderr[-3000:]
    reports = {r["name"]: r for r in map(json.loads, run.stdout.splitlines()) if r}
    assert set(reports) >= WINDOWS, (set(reports), run.stderr[-3000:])
    # The room a window has, in logical pixels: the screen at this scale, less the frame (ui/screen_fit.FRAME).
    assert abs(reports["main"]["room_width"] - (width / scale - 16)) <= 1
    for name in WINDOWS:
        found = reports[name]
        assert found["fits"], found
        assert found["width"] <= found["room_width"] and found["height"] <= found["room_height"], found
        assert found["min_width"] <= found["room_width"] and found["min_height"] <= found["room_height"], (
            found
        )
        assert not found["clipped"], found  # labels and buttons as wide as their Chinese text
    status = reports["status_bar"]
    assert status["needed"] <= status["width"], status
