"""The county server's side of a first pull as a database image (``sync.first_pull`` describes the image).

For a device with nothing yet, ``build`` applies the device's whole pull — the same pages ``/v1/pull`` would send
it, through the laptop's own ``sync.local.apply_page`` — to a new laptop database in a private temporary
directory, and copies its pulled tables into an image. Both files are encrypted with keys made for this request
and held only in memory: the working database's is dropped with it, the image's goes to the device in the
answer. The image is removed once it is sent (a crash leaves unreadable files in the temporary directory).

It costs the server the CPU of a page-by-page apply (some 40 µs a row here), once per new laptop; the app serves
one build at a time per process. A device of another schema revision (409 ``image_schema``), or whose pull is
smaller than ``sync.first_pull.IMAGE_FROM`` rows (409 ``image_small``), pulls page by page.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from yulu_desktop import private_files
from yulu_desktop.server import merge
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import ChangeLog
from yulu_desktop.server.service import ApiError, DeviceContext, pull_json, refuse_revoked, visible_to
from yulu_desktop.store import migrate
from yulu_desktop.store.database import Database
from yulu_desktop.sync import first_pull, local
from yulu_desktop.sync import protocol as p

#: Changes applied per page while building (the largest page a device may ask for).
BUILD_PAGE = p.MAX_PULL_LIMIT

#: Temporary directories of builds (0700, under the system's temporary folder).
_PREFIX = "yulu-first-pull-"
#: An image directory this old was left by an answer that never finished (the device went away mid-download,
#: or the server stopped): its key is gone with that answer, and the directory with the next build.
STALE_AFTER_S = 3600

OTHER_SCHEMA_MESSAGE = "本机软件与县服务器的版本不同，首次同步改为逐页下载。"
SMALL_MESSAGE = "首次同步的数据不多，逐页下载。"


def refuse_unless_worthwhile(db: ServerDatabase, ctx: DeviceContext, req: p.FirstPullRequest) -> None:
    """403 for a revoked device; 409 when the image would not fit the device's schema or its pull is small
    (checked before a build slot is waited for)."""
    refuse_revoked(ctx)
    if req.schema_revision != migrate.head_revision():
        raise ApiError(409, "image_schema", OTHER_SCHEMA_MESSAGE)
    if _visible_rows(db, ctx, first_pull.IMAGE_FROM) < first_pull.IMAGE_FROM:
        raise ApiError(409, "image_small", SMALL_MESSAGE)


def build(db: ServerDatabase, ctx: DeviceContext) -> first_pull.Image:
    """The image of everything ``ctx``'s device would pull now, once ``refuse_unless_worthwhile`` let it
    through; ``remove`` it once sent. A device revoked while it waited for a build slot is refused here."""
    refuse_revoked(ctx)
    _remove_stale()
    directory = Path(tempfile.mkdtemp(prefix=_PREFIX))
    try:
        work = _new_laptop_database(directory / "work.db")
        try:
            _apply_whole_pull(db, ctx, work)
            image = first_pull.Image(directory / "image.db", first_pull.new_key())
            first_pull.write_image(work, image)
        finally:
            work.close()
        for leftover in directory.glob("work.db*"):
            leftover.unlink()
        return image
    except BaseException:
        shutil.rmtree(directory, ignore_errors=True)
        raise


def remove(image: first_pull.Image) -> None:
    with contextlib.suppress(OSError):
        shutil.rmtree(image.path.parent)


def _remove_stale() -> None:
    cutoff = time.time() - STALE_AFTER_S
    for directory in Path(tempfile.gettempdir()).glob(_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if directory.stat().st_mtime < cutoff:
                shutil.rmtree(directory)


def _visible_rows(db: ServerDatabase, ctx: DeviceContext, enough: int) -> int:
    """How many log rows the device may read, counted up to ``enough``."""
    log = merge.table_of(ChangeLog)
    with db.read() as session:
        head = db.read_head(session)
        rows = select(log.c.seq).where(log.c.seq <= head, visible_to(ctx.path)).limit(enough).subquery()
        return int(session.execute(select(func.count()).select_from(rows)).scalar_one())


def _new_laptop_database(path: Path) -> Database:
    private_files.open_new_private(path).close()
    db = Database(path, "", raw_key=first_pull.new_key())
    migrate.upgrade(db)
    return db


def _apply_whole_pull(db: ServerDatabase, ctx: DeviceContext, work: Database) -> None:
    cursor = 0
    with local.collector_paused():
        while True:
            page = p.PullResponse.model_validate_json(
                pull_json(db, ctx, p.PullRequest(after=cursor, limit=BUILD_PAGE))
            )
            local.apply_page(work, page.changes, page.next_cursor)
            cursor = max(cursor, page.next_cursor)
            if not page.more:
                return
