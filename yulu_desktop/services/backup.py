"""备份 and 恢复: the use cases shared by the app (``ui/backup``) and the command line (``yulu backup|restore``).

* ``back_up`` — a verified backup file in a folder (or USB stick), audited;
* ``auto_back_up`` — the laptop's own rotating backups in the user data directory: at most one a day, the
  newest ``keep`` kept (``AUTO_BACKUPS_KEPT`` in the app's settings);
* ``inspect`` / ``prepare_restore`` / ``finish_restore`` — check a backup completely before anything is replaced,
  refuse another county's, then swap it in (the replaced database is renamed aside, never deleted).

The file work is ``store.backup``; what a restored laptop does at its next sync is ``store.restore_mark``.
"""

from __future__ import annotations

import contextlib
import re
from datetime import UTC, datetime
from pathlib import Path

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.paths import user_data_dir
from yulu_desktop.services import records
from yulu_desktop.store import backup as files
from yulu_desktop.store import journal, migrate
from yulu_desktop.store.backup import (
    BackupCancelled,
    BackupError,
    BackupResult,
    Cancel,
    County,
    Manifest,
    PreparedRestore,
    Progress,
    RestoreResult,
)
from yulu_desktop.store.database import Database

__all__ = [
    "AUTO_PREFIX",
    "SUFFIX",
    "BackupCancelled",
    "BackupError",
    "BackupResult",
    "Cancel",
    "County",
    "Manifest",
    "PreparedRestore",
    "Progress",
    "RestoreResult",
    "auto_back_up",
    "auto_backup_due",
    "auto_backup_folder",
    "auto_backups",
    "back_up",
    "current_county",
    "finish_restore",
    "inspect",
    "prepare_restore",
    "summary",
    "unsent_changes",
]

#: The ending of backup files (雨露备份_城口县_20260105-093000.yulubak).
SUFFIX = files.SUFFIX
AUTO_PREFIX = "自动备份_"
_AUTO_NAME = re.compile(r"^自动备份_(\d{8}-\d{6})" + re.escape(files.SUFFIX) + "$")


def auto_backup_folder() -> Path:
    """Where the laptop keeps its automatic backups (inside the user data directory)."""
    return user_data_dir() / "backups"


def current_county(db: Database) -> County:
    return files.database_county(db)


def unsent_changes(db: Database) -> int:
    """Changes of ``db`` the county has not received (a restore over it would leave them behind)."""
    with db.read_connection() as conn:
        return journal.pending_count(conn)


def back_up(
    db: Database,
    target: Path,
    *,
    actor: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BackupResult:
    """Back ``db`` up into ``target`` (a folder: the file is named by county and time; or a file name)."""
    target = Path(target)
    if not target.exists() and not target.suffix:
        raise BackupError(f"找不到文件夹 {target}。请插好U盘，或选择另一个文件夹。")
    result = files.create_backup(db, target, progress=progress, cancel=cancel)
    with contextlib.suppress(YuluError):  # a read-only audit trail must not undo a finished backup
        records.audit(
            db,
            actor=actor or db.local_user or "本机用户",
            action="backup",
            entity="database",
            detail=f"{result.path}（{result.manifest.people} 人）",
        )
    return result


def _auto_time(path: Path) -> datetime | None:
    found = _AUTO_NAME.match(path.name)
    if found is None:
        return None
    return datetime.strptime(found.group(1), "%Y%m%d-%H%M%S")


def auto_backups(folder: Path | None = None) -> list[Path]:
    """The automatic backups in ``folder``, newest first (other files there are left alone)."""
    folder = folder or auto_backup_folder()
    if not folder.is_dir():
        return []
    found = [(when, p) for p in folder.iterdir() if (when := _auto_time(p)) is not None]
    return [p for _, p in sorted(found, reverse=True)]


def auto_backup_due(folder: Path | None = None, now: datetime | None = None) -> bool:
    """True unless there is an automatic backup made today (local time)."""
    now = now or datetime.now()
    newest = next(iter(auto_backups(folder)), None)
    when = _auto_time(newest) if newest is not None else None
    return when is None or when.date() != now.date()


def auto_back_up(
    db: Database,
    keep: int,
    *,
    folder: Path | None = None,
    now: datetime | None = None,
    force: bool = False,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> BackupResult | None:
    """Make today's automatic backup if none was made today (or ``force``), then delete all but the newest
    ``keep``. Nothing when ``keep`` is 0 (the cadre turned automatic backups off)."""
    if keep <= 0:
        return None
    folder = folder or auto_backup_folder()
    local_now = now or datetime.now()
    if not force and not auto_backup_due(folder, local_now):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{AUTO_PREFIX}{local_now.strftime('%Y%m%d-%H%M%S')}{files.SUFFIX}"
    result = files.create_backup(
        db, folder / name, progress=progress, cancel=cancel, now=local_now.astimezone(UTC)
    )
    for old in auto_backups(folder)[keep:]:
        with contextlib.suppress(OSError):
            old.unlink()
    return result


def inspect(path: Path) -> Manifest:
    """What the backup at ``path`` holds (its manifest; the contents are checked by ``prepare_restore``)."""
    return files.read_manifest(Path(path))


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    return {script.revision for script in scripts.walk_revisions()}


def _check_revision(manifest: Manifest, path: Path) -> None:
    if manifest.schema_revision and manifest.schema_revision not in _known_revisions():
        raise BackupError(
            f"备份“{path.name}”由更新版本的雨露（{manifest.app_version}）制作，本机的雨露读不了它。"
            "请先升级本机的雨露，再恢复。当前数据没有任何改动。"
        )


def prepare_restore(
    source: Path,
    passphrase: str,
    target: Path,
    *,
    expected_county: County | None = None,
    progress: Progress | None = None,
) -> PreparedRestore:
    """Check the backup completely and unpack it beside ``target``; nothing at ``target`` changes.

    ``expected_county``: the county of the database being replaced (None when there is none yet)."""
    source = Path(source)
    _check_revision(files.read_manifest(source), source)
    return files.prepare_restore(
        source, passphrase, Path(target), expected_county=expected_county, progress=progress
    )


def finish_restore(prepared: PreparedRestore, target: Path, *, actor: str = "") -> RestoreResult:
    """Swap the prepared backup in (the database at ``target`` must be closed), bring its schema up to date and
    note the restore in its audit trail."""
    result = files.install_restore(prepared, Path(target))
    with Database.open(result.path, prepared.passphrase) as db:
        if migrate.needs_upgrade(db):
            migrate.upgrade(db)
        with contextlib.suppress(YuluError):
            records.audit(
                db,
                actor=actor or db.local_user or "本机用户",
                action="restore",
                entity="database",
                detail=f"从备份恢复：{summary(result.manifest)}",
            )
    return result


def summary(manifest: Manifest) -> str:
    """One line a cadre reads: whose data, how much, from when."""
    when = manifest.created.astimezone().strftime("%Y-%m-%d %H:%M")
    scope = f" {manifest.scope_name}" if manifest.scope_name else ""
    pending = (
        f"，其中 {manifest.pending_changes} 条修改当时尚未同步到县里" if manifest.pending_changes else ""
    )
    return (
        f"{manifest.county_label}{scope}，{manifest.households} 户 {manifest.people} 人，"
        f"备份于 {when}{pending}"
    )
