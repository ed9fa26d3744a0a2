"""交接本机 (handing a laptop over): is anything on this laptop not yet at the county, and wiping it when not.

``check`` counts what only this laptop holds: changes not yet sent (the journal), attachment files not yet
uploaded (``blob_upload``), conflicts not yet resolved, audit entries not yet sent. Sending them is an ordinary
sync (the app's sync controller or ``SyncClient``); the county then moves the caseload to the new laptop by
enrolling it, and revokes the old one (``yulu-server admin revoke``).

``wipe`` removes the database, its companions, the key file and the laptop's automatic backups — only when
``check`` finds nothing left and the person typed the confirmation words; the database is closed first.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services.backup import auto_backups
from yulu_desktop.store import audit, journal, keyring, schema
from yulu_desktop.store.database import Database

__all__ = ["WIPE_WORDS", "Readiness", "check", "wipe"]

#: What the person types to confirm the wipe.
WIPE_WORDS = "清除本机数据"


@dataclass(frozen=True, slots=True)
class Readiness:
    """What this laptop holds that the county does not (yet)."""

    enrolled: bool
    server_url: str
    device_id: str
    unsent_changes: int
    unsent_files: int
    open_conflicts: int
    unsent_audit: int
    last_sync_at: datetime | None

    @property
    def ready(self) -> bool:
        """Nothing left only on this laptop: it can be handed over (and wiped)."""
        return self.enrolled and not self.remaining()

    def remaining(self) -> list[str]:
        """What is left, one line each (Chinese); empty when everything is at the county."""
        lines = []
        if not self.enrolled:
            lines.append("本机还没有连接县服务器：数据只在本机，请先连接县服务器并同步，或做一个备份交给县里")
        if self.unsent_changes:
            lines.append(f"{self.unsent_changes} 条修改还没有发送到县里")
        if self.unsent_files:
            lines.append(f"{self.unsent_files} 个附件文件还没有上传")
        if self.open_conflicts:
            lines.append(f"{self.open_conflicts} 条冲突还没有处理（同步 → 冲突处理）")
        if self.unsent_audit:
            lines.append(f"{self.unsent_audit} 条审计记录还没有发送")
        return lines


#: The kinds of ``sync_conflict`` rows that are real conflicts (the rest are notes: ``sync.conflicts``).
_CONFLICT_KINDS = ("field", "edit_vs_delete", "delete_vs_edit")


def check(db: Database) -> Readiness:
    """Count what is not at the county yet (reads only; the same tables ``sync`` keeps, read from below it)."""
    state_t, blobs, conflicts = schema.sync_state, schema.blob_upload, schema.sync_conflict
    with db.read_connection() as conn:
        state = conn.execute(
            select(
                state_t.c.server_url, state_t.c.private_key, state_t.c.last_sync_at, state_t.c.audit_sent_id
            ).where(state_t.c.id == 1)
        ).one_or_none()
        unsent = journal.pending_count(conn)
        files = conn.execute(
            select(func.count()).select_from(blobs).where(blobs.c.uploaded_at.is_(None))
        ).scalar_one()
        open_conflicts = conn.execute(
            select(func.count())
            .select_from(conflicts)
            .where(conflicts.c.status == "open", conflicts.c.kind.in_(_CONFLICT_KINDS))
        ).scalar_one()
        sent = int(state.audit_sent_id) if state is not None else 0
        audit_unsent = max(0, audit.newest_id(conn) - sent)
        device = journal.device_id(conn)
    last = state.last_sync_at if state is not None else None
    if isinstance(last, str):
        last = datetime.fromisoformat(last)
    return Readiness(
        enrolled=state is not None and bool(state.server_url) and state.private_key is not None,
        server_url=(state.server_url or "") if state is not None else "",
        device_id=device,
        unsent_changes=unsent,
        unsent_files=int(files),
        open_conflicts=int(open_conflicts),
        unsent_audit=audit_unsent,
        last_sync_at=last,
    )


def _companions(path: Path) -> list[Path]:
    return [
        path,
        *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")),
        keyring.key_file_path(path),
    ]


def wipe(db: Database, typed: str, *, backups_folder: Path | None = None) -> list[Path]:
    """Close ``db`` and delete its files, the key file and the automatic backups; the deleted paths.

    Refused (``YuluError``, nothing deleted) unless everything is at the county and ``typed`` is
    ``WIPE_WORDS``. Backups the person saved elsewhere (a USB stick) are theirs to keep or destroy."""
    readiness = check(db)
    if not readiness.ready:
        raise YuluError("还有数据没有交到县里，不能清除：" + "；".join(readiness.remaining()))
    if typed.strip() != WIPE_WORDS:
        raise YuluError(f"请输入“{WIPE_WORDS}”确认清除")
    path = db.path
    db.close()
    removed = []
    for candidate in [*_companions(path), *auto_backups(backups_folder)]:
        with contextlib.suppress(FileNotFoundError):
            candidate.unlink()
            removed.append(candidate)
    return removed
