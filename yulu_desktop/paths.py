"""Where the application's files are: bundled resources and migrations, and the user's data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "YuluDesktop"


def _bundle_root() -> Path:
    """The folder holding ``resources/`` and ``migrations/``.

    In a PyInstaller build that is the unpacked bundle (``sys._MEIPASS``); from a checkout or an editable install
    it is the repository root, the parent of the package.
    """
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def resources_dir() -> Path:
    return _bundle_root() / "resources"


def migrations_dir() -> Path:
    return _bundle_root() / "migrations"


def font_path() -> Path:
    """The CJK font shipped with the application (WenQuanYi Micro Hei, Apache-2.0)."""
    return resources_dir() / "fonts" / "wqy-microhei.ttc"


def user_data_dir() -> Path:
    """The per-user data directory; ``YULU_HOME`` overrides it (tests and scripts never touch the real one)."""
    override = os.environ.get("YULU_HOME")
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def default_database_path() -> Path:
    return user_data_dir() / "yulu.db"
