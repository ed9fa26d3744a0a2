"""The desktop's own settings (window geometry, last page, hidden columns, the visitor's name).

Each setting is declared once with its type and default. The file lives in the user data directory
(``YULU_HOME`` in tests), never in the registry, so tests never touch a real user's settings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

from yulu_desktop.paths import user_data_dir

T = TypeVar("T", str, int, bool)

#: Bumped when a stored setting changes meaning; ``open_settings`` upgrades older files.
SETTINGS_VERSION = 1


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T
    description: str

    def get(self, settings: QSettings) -> T:
        value: Any = settings.value(self.key, self.default)
        kind: Any = type(self.default)
        if kind is bool and isinstance(value, str):
            value = value.lower() in {"true", "1"}
        try:
            converted: T = kind(value)
        except (TypeError, ValueError):
            return self.default
        return converted

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


LAST_PAGE = Setting(
    "window/last_page",
    "today",
    "The page shown when the window was last closed (今日工作 on a fresh install)",
)
STALE_VISIT_DAYS = Setting(
    "today/stale_visit_days", 90, "今日工作 lists households not visited for this many days"
)
LAST_ORG_UNIT = Setting("window/last_org_unit", "", "Org unit selected in the navigation tree")
VISITOR_NAME = Setting("visit/visitor_name", "", "Name of the cadre entering visits on this laptop")
VISITOR_ROLE = Setting("visit/visitor_role", "resident_cadre", "Their role (codes.VISITOR_ROLE)")
LANGUAGE = Setting("ui/language", "zh_CN", "zh_CN or en")
LAST_DATABASE = Setting("db/last_path", "", "The database opened last time")
LAST_USER = Setting("db/last_user", "", "The local user who unlocked last time (a name, no secret)")
IDLE_LOCK_MINUTES = Setting(
    "security/idle_lock_minutes", 10, "Minutes without input before the window locks (0: never)"
)
FAILED_UNLOCKS = Setting("security/failed_unlocks", 0, "Wrong passphrases in a row (no secret: a count)")
UNLOCK_BLOCKED_UNTIL = Setting(
    "security/unlock_blocked_until",
    0,
    "Unix time before which no passphrase is tried (after many wrong ones)",
)
BACKUP_FOLDER = Setting("backup/folder", "", "Folder (or USB stick) of manual backups; empty: ask each time")
AUTO_BACKUPS_KEPT = Setting(
    "backup/auto_kept", 7, "How many automatic backups the laptop keeps in its data directory (0: none)"
)


def open_settings() -> QSettings:
    path = user_data_dir() / "desktop.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    if int(str(settings.value("version", 0) or 0)) < SETTINGS_VERSION:
        settings.setValue("version", SETTINGS_VERSION)
    return settings


def geometry(settings: QSettings, key: str) -> QByteArray | None:
    value = settings.value(key)
    return value if isinstance(value, QByteArray) else None


def hidden_columns(settings: QSettings, page: str) -> set[str] | None:
    value = settings.value(f"columns/{page}")
    if value is None:
        return None
    if isinstance(value, str):
        return {v for v in value.split(",") if v}
    if isinstance(value, list):
        return {str(v) for v in value if v}
    return None


def set_hidden_columns(settings: QSettings, page: str, hidden: set[str]) -> None:
    settings.setValue(f"columns/{page}", ",".join(sorted(hidden)))
