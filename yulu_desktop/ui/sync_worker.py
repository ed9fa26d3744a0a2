"""Background sync with the county server: its own thread for network work, results via queued signals.

``SyncController`` lives on the GUI thread; a ``_SyncRunner`` on the sync thread does the work with its own
database connection (SQLite allows several; each pulled page is one short write transaction, so editing never
waits long and the GUI thread never waits at all). The controller:

* probes the server (``GET /v1/ping``) and syncs when it answers; after a failure it waits longer each time
  (backoff: 15 s, 30 s, … up to 10 minutes), after a success it checks again every few minutes;
* ``sync_now()`` syncs at once (the "同步" button), ``cancel()`` stops at the next batch or page — a user's own
  cancel shows no error;
* ``note_local_change()`` (connect the database worker's ``changed`` signal) refreshes the pending count and
  sends the new work a little later;
* reports ``status`` (pending changes, last success, connection state, open conflicts) for the status bar,
  ``progress`` while syncing, and ``error`` in plain Chinese.

No sync logic here: ``yulu_desktop.sync.client.SyncClient`` does it; this module only schedules and reports.
"""

from __future__ import annotations

import enum
import logging
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel
from sqlalchemy import Connection as SqlConnection
from sqlalchemy import text

from yulu_desktop.store import journal
from yulu_desktop.store.database import Database
from yulu_desktop.sync import conflicts as sync_conflicts
from yulu_desktop.sync.errors import ClientTooOld, DeviceRevoked, NotEnrolled, ServerUnreachable, SyncError

if TYPE_CHECKING:
    import httpx

    from yulu_desktop.sync.client import SyncReport

# The sync client (httpx, the pydantic protocol) is imported on the sync thread when it first needs it, so that
# creating the controller at start-up costs the window nothing.

log = logging.getLogger(__name__)

#: Shown when the county server cannot be reached (the wording of issue 5).
UNREACHABLE_MESSAGE = "无法连接县服务器——您的工作已保存，稍后会自动发送"
#: Shown when the laptop is not enrolled yet.
NOT_ENROLLED_MESSAGE = "本机尚未连接县服务器：请在“同步”菜单中选择“连接县服务器…”（或按 F5）。"


class Connection(enum.Enum):
    """How the laptop stands with the county server (状态栏显示)."""

    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    SYNCING = "syncing"
    NOT_ENROLLED = "not_enrolled"
    UPDATE_REQUIRED = "update_required"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return _CONNECTION_LABELS[self]


_CONNECTION_LABELS = {
    Connection.UNKNOWN: "未检查",
    Connection.ONLINE: "已连接县服务器",
    Connection.OFFLINE: "离线",
    Connection.SYNCING: "正在同步…",
    Connection.NOT_ENROLLED: "本机未注册",
    Connection.UPDATE_REQUIRED: "需要更新软件",
    Connection.REVOKED: "本机已被停用",
}


@dataclass(frozen=True, slots=True)
class SyncStatus:
    """What the status bar shows: plain data, made on the sync thread."""

    connection: Connection
    pending: int
    last_success: datetime | None
    open_conflicts: int
    message: str = ""

    def summary(self) -> str:
        """One line for the status bar, e.g. "已连接县服务器 · 待发送 3 条 · 上次同步 14:05"."""
        parts = [self.connection.label]
        parts.append(f"待发送 {self.pending} 条" if self.pending else "全部已发送")
        if self.last_success is not None:
            parts.append(f"上次同步 {self.last_success.astimezone():%m-%d %H:%M}")
        if self.open_conflicts:
            parts.append(f"{self.open_conflicts} 条冲突待处理")
        return " · ".join(parts)


@dataclass(frozen=True, slots=True)
class BackoffPolicy:
    """Seconds between attempts: ``first`` after a failure, doubling to ``longest``; ``idle`` after success."""

    first: float = 15.0
    longest: float = 600.0
    idle: float = 300.0
    #: After a local change, sync this long later (several quick edits go in one sync).
    after_change: float = 30.0
    jitter: float = 0.2

    def after_failures(self, failures: int, rng: random.Random) -> float:
        delay: float = min(self.longest, self.first * 2.0 ** max(0, failures - 1))
        return delay * (1 + rng.uniform(-self.jitter, self.jitter))


def _status(db: Database, connection: Connection, message: str = "") -> SyncStatus:
    with db.read_connection() as conn:
        last_sync_at = _last_sync_at(conn)
        pending = journal.pending_count(conn)
    # Real conflicts only: local notes (set aside, held by the county) are on the conflicts page, not "待处理".
    conflicts = sync_conflicts.open_counts(db).conflicts
    return SyncStatus(connection, pending, last_sync_at, conflicts, message)


def _last_sync_at(conn: SqlConnection) -> datetime | None:
    """``SyncState.last_sync_at`` without ``sync.local``: the status line is read at start-up, and that module
    brings the protocol's pydantic models (0.3 s of CPU to build) that only a sync needs."""
    value = conn.execute(text("SELECT last_sync_at FROM sync_state WHERE id = 1")).scalar_one()
    return datetime.fromisoformat(value) if isinstance(value, str) else value


def _has_server(conn: SqlConnection) -> bool:
    """Whether the laptop may be enrolled (``SyncState.enrolled`` is the full rule, checked after this)."""
    row = conn.execute(text("SELECT server_url, private_key FROM sync_state WHERE id = 1")).one()
    return bool(row[0]) and row[1] is not None


def describe_error(error: BaseException) -> tuple[Connection, str]:
    """The connection state and the message for the cadre (Chinese) that an error of a sync means."""
    if isinstance(error, ServerUnreachable):
        return Connection.OFFLINE, UNREACHABLE_MESSAGE
    if isinstance(error, ClientTooOld):
        return Connection.UPDATE_REQUIRED, error.message
    if isinstance(error, DeviceRevoked):
        return Connection.REVOKED, error.message
    if isinstance(error, NotEnrolled):  # the app connects through its menu, never a terminal command
        return Connection.NOT_ENROLLED, NOT_ENROLLED_MESSAGE
    if isinstance(error, SyncError):
        return Connection.ONLINE, error.message
    return Connection.UNKNOWN, f"同步出错：{error}。您的工作已保存在本机。"


class _SyncRunner(QObject):
    """Lives on the sync thread. Every slot runs there; results leave through (queued) signals."""

    status = Signal(object)  # SyncStatus
    progress = Signal(str, int, int)  # stage ("push" / "pull" / "files" / "image"), done, total
    finished = Signal(object, object)  # SyncReport | None, error: BaseException | None

    def __init__(
        self,
        opener: Callable[[], Database],
        cancel_flag: threading.Event,
        http_factory: Callable[[], httpx.Client] | None,
        close_database: bool,
    ) -> None:
        super().__init__()
        self._opener = opener
        self._close_database = close_database
        self._db: Database | None = None
        self._cancel = cancel_flag
        self._http_factory = http_factory
        self._http: httpx.Client | None = None
        self.connection = Connection.UNKNOWN

    def _database(self) -> Database:
        if self._db is None:
            self._db = self._opener()
        return self._db

    def _client(self) -> httpx.Client | None:
        """The test's client, if one was given; else None: ``SyncClient`` builds its own, which checks the
        server's certificate against the pin kept at enrollment (``sync.transport``)."""
        if self._http is None and self._http_factory is not None:
            self._http = self._http_factory()
        return self._http

    @Slot()
    def refresh(self) -> None:
        try:
            self.status.emit(_status(self._database(), self.connection))
        except Exception:  # a status line is not worth a crash; the next refresh will try again
            log.exception("sync status failed")

    @Slot(bool)
    def attempt(self, probe_first: bool) -> None:
        """Probe (when asked) and sync; always answers with ``finished``."""
        report: SyncReport | None = None
        error: BaseException | None = None
        try:
            db = self._database()
            with db.read_connection() as conn:
                if not _has_server(conn):  # (before sync.local: see _last_sync_at)
                    raise NotEnrolled()
            # The sync modules (httpx, pydantic) are loaded by the first sync of an enrolled laptop, here.
            from yulu_desktop.sync import enrollment as setup_enrollment
            from yulu_desktop.sync import local
            from yulu_desktop.sync.client import SyncClient

            with db.read_connection() as conn:
                state = local.read_state(conn)
            if not state.enrolled:
                raise NotEnrolled()
            if setup_enrollment.IN_PROGRESS.is_set():  # local units are being matched: send nothing yet
                raise SyncError(setup_enrollment.BUSY_MESSAGE)
            with db.read_connection() as conn:
                if setup_enrollment.first_download_unfinished(conn):  # the cadre resumes it in the dialog
                    raise SyncError(setup_enrollment.UNFINISHED_MESSAGE)
            if probe_first:
                self._probe(state.server_url, state.server_cert_sha256)
            self.connection = Connection.SYNCING
            self.status.emit(_status(db, self.connection))
            with SyncClient(db, state.server_url, http=self._client()) as client:
                report = client.sync_once(self.progress.emit, self._cancel.is_set)
            self.connection = Connection.ONLINE
        except BaseException as exc:  # reported to the GUI thread, never lost on this one
            error = exc
            self.connection = describe_error(exc)[0]
            if not isinstance(exc, SyncError):
                log.exception("sync failed")
        try:
            message = describe_error(error)[1] if error is not None else ""
            self.status.emit(_status(self._database(), self.connection, message))
        except Exception:
            log.exception("sync status failed")
        self.finished.emit(report, error)

    def _probe(self, server_url: str, pin: str) -> None:
        import httpx

        from yulu_desktop.sync import transport

        url = server_url.rstrip("/") + "/v1/ping"
        try:
            given = self._client()
            if given is not None:
                response = given.get(url, timeout=5)
            else:
                with transport.server_client(server_url, pin) as http:
                    response = http.get(url, timeout=5)
        except httpx.HTTPError as exc:
            raise ServerUnreachable(type(exc).__name__) from exc
        if response.status_code != 200:
            raise ServerUnreachable(f"HTTP {response.status_code}")

    @Slot()
    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None
        if self._db is not None and self._close_database:
            self._db.close()
        self._db = None
        thread = self.thread()
        thread.quit()


def progress_text(stage: str, done: int, total: int) -> str:
    """A progress signal in words for the status bar."""
    if stage == "files":
        return QCoreApplication.translate("SyncController", "正在上传附件 {0}/{1} KB").format(
            (done + 1023) // 1024, (total + 1023) // 1024
        )
    if stage == "image" and total == 0:
        return QCoreApplication.translate("SyncController", "县服务器正在准备本机的数据…")
    if stage == "image":
        return QCoreApplication.translate("SyncController", "正在下载首次同步的数据 {0}/{1} KB").format(
            (done + 1023) // 1024, (total + 1023) // 1024
        )
    if stage == "push":
        return QCoreApplication.translate("SyncController", "正在发送 {0}/{1}").format(done, total)
    return QCoreApplication.translate("SyncController", "正在接收 {0}/{1}").format(done, total)


class SyncController(QObject):
    """Schedules syncs on the sync thread and reports them; see the module docstring for the signals."""

    #: SyncStatus, whenever anything the status bar shows may have changed.
    status = Signal(object)
    #: stage ("push" or "pull": changes; "files": bytes of attachment files, sent after the records; "image":
    #: bytes of a first pull's database image, ``sync.first_pull``), done,
    #: total (0 when unknown) while a sync runs; ``progress_text`` words it for the status bar.
    progress = Signal(str, int, int)
    #: A sync began (``manual`` True for "sync now").
    started = Signal(bool)
    #: A sync ended: the SyncReport (None after an error).
    finished = Signal(object)
    #: A message for the cadre (Chinese). Not emitted for a user's own cancel.
    error = Signal(str)
    #: Problems of a sync that otherwise worked (a wedged upload, a wrong clock), one message each.
    warning = Signal(str)

    _attempt = Signal(bool)
    _refresh = Signal()
    _close = Signal()

    def __init__(
        self,
        opener: Callable[[], Database],
        *,
        policy: BackoffPolicy | None = None,
        http_factory: Callable[[], httpx.Client] | None = None,
        auto: bool = True,
        close_database: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """``opener`` opens this laptop's database (called on the sync thread, once). It may also hand back the
        ``Database`` the database worker opened (its pool gives the sync thread its own connections); then pass
        ``close_database=False`` so that shutting sync down leaves it open."""
        super().__init__(parent)
        self.policy = policy or BackoffPolicy()
        self._rng = random.Random()
        self._cancel = threading.Event()
        self._thread = QThread()
        self._thread.setObjectName("yulu-sync")
        self._runner = _SyncRunner(
            opener,
            self._cancel,
            http_factory,
            close_database,
        )
        self._runner.moveToThread(self._thread)
        queued = Qt.ConnectionType.QueuedConnection
        self._attempt.connect(self._runner.attempt, queued)
        self._refresh.connect(self._runner.refresh, queued)
        self._close.connect(self._runner.close, queued)
        self._runner.status.connect(self._on_status, queued)
        self._runner.progress.connect(self.progress, queued)
        self._runner.finished.connect(self._on_finished, queued)
        self._thread.finished.connect(self._runner.deleteLater)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._scheduled)
        self._running = False
        self._manual = False
        self._again = False
        self._failures = 0
        self._auto = auto
        self.last_status: SyncStatus | None = None
        self._thread.start()
        self._refresh.emit()
        if auto:
            self._schedule(1.0)

    # --- public API --------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._running

    @Slot()
    def sync_now(self) -> None:
        """Sync at once (no probe first: the cadre asked, and the error says what went wrong)."""
        if self._running:
            self._again = True
            return
        self._start(manual=True)

    @Slot()
    def cancel(self) -> None:
        """Stop the running sync at its next batch or page; what was stored stays stored."""
        self._again = False
        self._cancel.set()

    @Slot()
    @Slot(object)
    def note_local_change(self, _changes: object = None) -> None:
        """Local data changed (connect ``DbWorker.changed``): show the new pending count, send it soon."""
        self._refresh.emit()
        if self._auto and not self._running:
            remaining = self._timer.remainingTime() / 1000 if self._timer.isActive() else None
            if remaining is None or remaining > self.policy.after_change:
                self._schedule(self.policy.after_change)

    @Slot()
    def refresh_status(self) -> None:
        self._refresh.emit()

    def shutdown(self) -> None:
        """Cancel a running sync, close the connection and database, and end the thread (waits)."""
        if not self._thread.isRunning():
            return
        self._timer.stop()
        self._auto = False
        self._cancel.set()
        self._close.emit()
        self._thread.wait(30000)

    def attach(self, pending: QLabel, last_sync: QLabel, connection: QLabel) -> None:
        """Keep the main window's three status-bar labels up to date (text and tool tip)."""

        def show(status: SyncStatus) -> None:
            pending.setText(f"待发送：{status.pending} 条" if status.pending else "待发送：无")
            last_sync.setText(
                f"上次同步：{status.last_success.astimezone():%m-%d %H:%M}"
                if status.last_success is not None
                else "上次同步：从未"
            )
            text = f"连接：{status.connection.label}"
            if status.open_conflicts:
                text += f"（{status.open_conflicts} 条冲突待处理）"
            connection.setText(text)
            connection.setToolTip(status.message or status.summary())

        self.status.connect(show)
        if self.last_status is not None:
            show(self.last_status)

    # --- scheduling --------------------------------------------------------------------------------

    def _schedule(self, seconds: float) -> None:
        self._timer.start(max(0, int(seconds * 1000)))

    @Slot()
    def _scheduled(self) -> None:
        if not self._running:
            self._start(manual=False)

    def _start(self, *, manual: bool) -> None:
        self._timer.stop()
        self._running = True
        self._manual = manual
        self._cancel.clear()
        self.started.emit(manual)
        self._attempt.emit(not manual)

    @Slot(object)
    def _on_status(self, status: SyncStatus) -> None:
        self.last_status = status
        self.status.emit(status)

    @Slot(object, object)
    def _on_finished(self, report: SyncReport | None, error: BaseException | None) -> None:
        self._running = False
        manual, self._manual = self._manual, False
        if error is None and report is not None:
            self._failures = 0
            for problem in report.problems:
                self.warning.emit(problem)
            self.finished.emit(report)
            if report.cancelled:
                self._again = False
            retry_soon = bool(report.push_error) or (not report.complete and not report.cancelled)
            delay = self.policy.after_failures(1, self._rng) if retry_soon else self.policy.idle
        else:
            self._failures += 1
            self.finished.emit(None)
            connection, message = describe_error(error) if error is not None else (Connection.UNKNOWN, "")
            # Background probes failing offline are normal: only a manual sync says so out loud.
            if manual or connection is not Connection.OFFLINE:
                self.error.emit(message)
            delay = self.policy.after_failures(self._failures, self._rng)
            if connection in (Connection.NOT_ENROLLED, Connection.UPDATE_REQUIRED, Connection.REVOKED):
                delay = self.policy.longest
        if self._again:
            self._again = False
            self._start(manual=True)
        elif self._auto:
            self._schedule(delay)
