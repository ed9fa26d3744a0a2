"""The device's sync client: enroll once, then ``sync_once`` = hello → push everything → pull everything.

Every step is safe to cut at any point and repeat:

* push: the server stores a batch in one transaction and skips entries it already has; the device compacts its
  journal only after the acknowledgement, and learns from ``hello`` what the server holds when an
  acknowledgement was lost on the way;
* pull: a page and its cursor are stored in one local transaction.

No Qt here: the app runs ``sync_once`` on its network worker with a progress callback and a cancel check.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

import httpx
from pydantic import BaseModel, ValidationError

import yulu_desktop
from yulu_desktop import private_files
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.store import journal, restore_mark
from yulu_desktop.store.database import Database
from yulu_desktop.sync import attachments, audit_upload, escrow, first_pull, local, signing, transport
from yulu_desktop.sync import protocol as p
from yulu_desktop.sync.errors import ClientTooOld, DeviceRevoked, NotEnrolled, ServerUnreachable, SyncError

#: The errors live in ``sync.errors`` (shared with ``sync.attachments``) and are still importable from here.
__all__ = [
    "ClientTooOld",
    "DeviceRevoked",
    "NotEnrolled",
    "ServerUnreachable",
    "SyncClient",
    "SyncError",
    "SyncReport",
]

M = TypeVar("M", bound=BaseModel)

#: ``progress(stage, done, total)``; stage is "push" or "pull" (changes; total may be 0 when unknown), or
#: "files" (bytes of attachment files, after the records).
Progress = Callable[[str, int, int], None]
Cancel = Callable[[], bool]


def refuse_older_server(server_schema: int) -> None:
    """Raise ``SyncError`` when the county server knows an older data schema than this laptop (its hello answers
    the older of the two): it would hold every change naming a field it does not know, for the county to release
    by hand. The changes wait on the laptop instead, and go out at the first sync after the server's upgrade."""
    if server_schema < p.SCHEMA_VERSION:
        raise SyncError(
            f"县服务器的版本比本机旧（数据版本 {server_schema}，本机 {p.SCHEMA_VERSION}），还不认识本机新增的字段。"
            "请县里先升级县服务器；在此之前本机的修改保存在本机，不会丢失，升级后下次同步自动发送"
        )


@dataclass
class SyncReport:
    """What one sync did, in counts (shown to the cadre; ``complete`` only when nothing is left either way)."""

    pushed: int = 0
    push_batches: int = 0
    skipped: int = 0
    conflicts: int = 0
    quarantined: int = 0
    pulled: int = 0
    pull_pages: int = 0
    kept_local: int = 0
    rejected: int = 0
    cursor: int = 0
    head_seq: int = 0
    pending: int = 0
    clock_skew_ms: int = 0
    clock_trusted: bool = True
    cancelled: bool = False
    #: Why the push stopped (the server refused a batch), when it did; the pull ran anyway.
    push_error: str = ""
    #: Entities whose count or digest differed from the server's after the sync, and were repaired.
    repaired: list[str] = field(default_factory=list)
    repaired_rows: int = 0
    removed_rows: int = 0
    problems: list[str] = field(default_factory=list)
    #: Attachment files sent in this sync, found on the server already, still waiting (cut or refused), and
    #: held back because the county has no record of theirs (see ``sync.attachments``).
    files_sent: int = 0
    files_known: int = 0
    files_pending: int = 0
    files_blocked: int = 0
    bytes_sent: int = 0
    #: Audit log entries sent to the county in this sync (``sync.audit_upload``).
    audit_sent: int = 0
    #: The first pull came as a database image (``sync.first_pull``), of this many bytes.
    pulled_as_image: bool = False
    image_bytes: int = 0

    @property
    def complete(self) -> bool:
        """Everything sent and received, attachment files included (``yulu sync run`` exits 0 only then).

        Files held back because their record never reached the county (``files_blocked``) do not count: the
        record is what is missing, and it is reported as such."""
        return (
            not self.cancelled
            and self.pending == 0
            and self.cursor >= self.head_seq
            and self.files_pending == 0
        )


@dataclass(frozen=True, slots=True)
class _PushBatch:
    entries: list[journal.JournalEntry]
    resolutions: list[p.ConflictResolution]
    body: bytes
    headers: dict[str, str]


class SyncClient:
    """Sync of one local database with the county server at ``server_url``.

    ``http`` may be given (a configured ``httpx.Client``, or a FastAPI ``TestClient`` in tests); otherwise one
    is made with a timeout suited to slow links. ``certificate_check`` (``certificate_check.parse``d, "" for
    none) is what the server's certificate must begin with, on this client's own connections (``sync.transport``).
    """

    def __init__(
        self,
        db: Database,
        server_url: str | None = None,
        *,
        http: httpx.Client | None = None,
        push_batch: int = 2000,
        pull_page: int = 5000,
        compress_over: int = 1024,
        check_scope: bool = True,
        certificate_check: str = "",
        first_pull_image: bool = True,
    ) -> None:
        self.db = db
        with db.read_connection() as conn:
            state = local.read_state(conn)
        self.server_url = (server_url or state.server_url).rstrip("/")
        if not self.server_url:
            raise NotEnrolled()
        # Our own client pins the county's certificate (``sync.transport``); refuses http:// to another computer.
        self._certificate_check = certificate_check
        self._http = http or transport.server_client(
            self.server_url, state.server_cert_sha256, check=certificate_check
        )
        self._own_http = http is None
        self._stored_pin = state.server_cert_sha256
        self.push_batch = push_batch
        self.pull_page = pull_page
        self.compress_over = compress_over
        #: Compare counts and digests with the server after each complete sync (and repair a mismatch).
        self.check_scope = check_scope
        #: A first pull asks for a database image (``sync.first_pull``) before it pulls page by page.
        self.first_pull_image = first_pull_image
        #: Server clock minus device clock, learned from the server (so signed requests carry server time).
        self.clock_offset_ms = 0
        self.protocol_version = p.PROTOCOL_VERSION
        #: The journal sequence this client's first push started after (``push_all``): every change after it
        #: that the server stored as sent is already here, so a pull asks not to get it back. None: ask nothing
        #: (a database restored from a backup gets back, by pull, what it sent after the backup was made; it has
        #: a client of its own, whose first push starts after the entries the server held).
        self._own_held_above: int | None = None
        #: The county log's head at this client's last hello (0 before one): a first pull this long or longer
        #: asks for an image.
        self._head_seq = 0
        #: (device id, private key) once read: every request is signed with them.
        self._identity: tuple[str, bytes] | None = None

    def close(self) -> None:
        if self._own_http:
            self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- transport --------------------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.server_url}{path}"

    def _encode(self, message: BaseModel) -> tuple[bytes, dict[str, str]]:
        body = message.model_dump_json().encode()
        headers = {"Content-Type": "application/json", p.HEADER_PROTOCOL: str(self.protocol_version)}
        if len(body) > self.compress_over:
            body = gzip.compress(body, compresslevel=6)
            headers["Content-Encoding"] = "gzip"
        return body, headers

    def _send(self, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        try:
            return self._http.post(self._url(path), content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise ServerUnreachable(type(exc).__name__) from exc

    def _post_signed(self, path: str, message: BaseModel, answer: type[M]) -> M:
        body, headers = self._encode(message)
        return self._post_body(path, body, headers, answer)

    def _post_body(self, path: str, body: bytes, headers: dict[str, str], answer: type[M]) -> M:
        try:
            return _parse(self.request_signed("POST", path, body, headers), answer)
        except DeviceRevoked as exc:
            if path == "/v1/push":
                raise  # the server keeps a revoked device's pushed entries for review, and says so
            with self.db.read_connection() as conn:
                unsent = journal.pending_count(conn)
            raise DeviceRevoked.nothing_sent(unsent) from exc

    def request_signed(
        self,
        method: str,
        path: str,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        *,
        stream: bool = False,
        timeout: httpx.Timeout | None = None,
    ) -> httpx.Response:
        """A signed request (any method; ``path`` may carry a query string, which the signature then covers —
        the attachment routes check it). Retries once with the server's time when this laptop's clock is off;
        raises ``ServerUnreachable`` when the link fails, and returns every answer, refusals included. With
        ``stream`` the body is read by the caller, who closes the answer."""
        if self._identity is None:
            with self.db.read_connection() as conn:
                state = local.read_state(conn)
            if state.private_key is None:
                raise NotEnrolled()
            self._identity = (state.device_id, state.private_key)
        device_id, private_key = self._identity
        url = httpx.URL(self._url(path))
        signed_path = url.raw_path.decode("ascii") if "?" in path else url.path
        response: httpx.Response | None = None
        for attempt in range(2):
            stamp = int(time.time() * 1000) + self.clock_offset_ms
            nonce = signing.new_nonce()
            signed = {p.HEADER_PROTOCOL: str(self.protocol_version), **_WIRE_HEADERS, **(headers or {})}
            # From protocol 4 the signature covers the protocol and Content-Encoding headers too.
            message = signing.request_message(
                method,
                signed_path,
                stamp,
                nonce,
                body,
                protocol=int(signed[p.HEADER_PROTOCOL]),
                content_encoding=next((v for k, v in signed.items() if k.lower() == "content-encoding"), ""),
            )
            signed |= {
                p.HEADER_DEVICE: device_id,
                p.HEADER_TIMESTAMP: str(stamp),
                p.HEADER_NONCE: nonce,
                p.HEADER_SIGNATURE: signing.sign(private_key, message),
            }
            try:
                request = self._http.build_request(
                    method, url, content=body, headers=signed, timeout=timeout or httpx.USE_CLIENT_DEFAULT
                )
                response = self._http.send(request, stream=stream)
            except httpx.HTTPError as exc:
                raise ServerUnreachable(type(exc).__name__) from exc
            if response.status_code == 401 and attempt == 0:
                response.read()
                error = _error(response)
                if error is not None and error.code == "clock" and error.server_time_ms is not None:
                    # This laptop's clock is off: sign with the server's time from now on and try once more.
                    self.clock_offset_ms = error.server_time_ms - int(time.time() * 1000)
                    response.close()
                    continue
            return response
        assert response is not None
        return response

    def _device_id(self) -> str:
        if self._identity is not None:
            return self._identity[0]
        with self.db.read_connection() as conn:
            return journal.device_id(conn)

    # --- enrollment -------------------------------------------------------------------------------------

    def enroll(self, code: str, *, device_name: str = "") -> p.EnrollResponse:
        """Register this laptop with a one-time code from the county; makes and keeps the device key.

        Refuses http:// to another computer; over https the server's certificate is trusted on first use — or,
        with a ``certificate_check``, only if it begins with the check, compared before the code is sent — and
        pinned (``sync.transport``) once the server has accepted the code."""
        transport.check_address(self.server_url)
        if self._own_http:
            self._http.close()
            self._http = transport.server_client(
                self.server_url, trust_on_first_use=True, check=self._certificate_check
            )
        with self.db.read_connection() as conn:
            device_id = journal.device_id(conn)
        private_key = signing.new_private_key()
        request = p.EnrollRequest(
            code=code.strip(),
            device_id=device_id,
            public_key=signing.b64(signing.public_key_of(private_key)),
            proof=signing.sign(private_key, signing.enroll_message(device_id, code.strip())),
            device_name=device_name,
        )
        body, headers = self._encode(request)
        response = _parse(self._send("/v1/enroll", body, headers), p.EnrollResponse)
        with self.db.write_connection() as conn:
            local.save_enrollment(
                conn, server_url=self.server_url, private_key=private_key, response=response
            )
            self._stored_pin = transport.pinned_fingerprint(self._http)
            transport.save_pin(conn, self._stored_pin)
        self._identity = (device_id, private_key)
        return response

    # --- sync -------------------------------------------------------------------------------------------

    def hello(self) -> p.HelloResponse:
        with self.db.read_connection() as conn:
            pending = journal.pending_count(conn)
            cursor = local.read_state(conn).pull_cursor
        request = p.HelloRequest(
            protocol_version=p.PROTOCOL_VERSION,
            schema_version=p.SCHEMA_VERSION,
            client_version=yulu_desktop.__version__,
            device_time_ms=int(time.time() * 1000),
            pending_count=pending,
            pull_cursor=cursor,
        )
        response = self._post_signed("/v1/hello", request, p.HelloResponse)
        if response.bundle_key:
            with self.db.write_connection() as conn:
                local.save_server_keys(conn, response)
        if response.cadre_role:
            with self.db.write_connection() as conn:
                local.save_cadre_role(conn, response.cadre_role)
        if not self._stored_pin and transport.pinned_fingerprint(self._http):
            # Enrolled by a release without pinning: the certificate that answered (CA-verified) is pinned now.
            self._stored_pin = transport.pinned_fingerprint(self._http)
            with self.db.write_connection() as conn:
                transport.save_pin(conn, self._stored_pin)
        self.protocol_version = response.protocol_version
        self.clock_offset_ms = response.server_time_ms - request.device_time_ms
        self._head_seq = response.head_seq
        return response

    def sync_once(self, progress: Progress | None = None, cancel: Cancel | None = None) -> SyncReport:
        """Hello, push until the journal is empty, pull until the cursor reaches the server's head."""
        report = SyncReport()
        try:
            hello = self.hello()
            report.clock_skew_ms = hello.device_skew_ms
            report.clock_trusted = hello.clock_trusted
            if not hello.clock_trusted:
                report.problems.append(
                    f"本机时钟比县服务器快 {hello.device_skew_ms // 60000} 分钟，请校正电脑时间；"
                    "在此之前本机的修改在冲突时不会优先。"
                )
            self._catch_up_acknowledgement(hello.last_device_seq)
            try:
                refuse_older_server(hello.schema_version)
                if not self.push_all(report, progress, cancel):
                    return report
            except (ServerUnreachable, ClientTooOld, DeviceRevoked, transport.ServerCertificateChanged):
                raise
            except SyncError as exc:
                # A wedged upload (the server refuses a batch) is reported, and the pull still runs: the
                # laptop keeps receiving everyone else's work while its own waits in the journal.
                report.push_error = exc.message
                report.problems.append(f"本机的修改暂时无法发送：{exc.message}")
            if not report.push_error:
                self._upload_audit(report)
            if (
                self._pull_unless_current(report, hello.head_seq, progress, cancel)
                and self.check_scope
                and self.protocol_version >= p.DIGEST_SINCE_VERSION
            ):
                self.check_and_repair(report)
            if not report.cancelled:
                self._upload_files(report, progress, cancel)
                self._deposit_escrow(report)
        except SyncError as exc:
            with self.db.write_connection() as conn:
                local.record_sync_result(conn, success=False, error=exc.message)
            raise
        with self.db.write_connection() as conn:
            report.pending = journal.pending_count(conn)
            local.record_sync_result(
                conn, success=not report.cancelled and not report.push_error, error=report.push_error
            )
        return report

    def _deposit_escrow(self, report: SyncReport) -> None:
        """The county's escrow copy of the database key, once per device (``sync.escrow``); never fails a sync."""
        try:
            escrow.deposit_if_needed(self.db, self.server_url, self._device_id(), self.request_signed)
        except YuluError as exc:
            report.problems.append(f"县里的密钥托管暂时没有完成：{exc.message}")

    def _upload_audit(self, report: SyncReport) -> None:
        """The audit log's new entries go to the county after the push (``sync.audit_upload``), from protocol 4
        on (an older server is not asked). A refused batch is reported; the sync goes on."""
        if self.protocol_version < p.AUDIT_SINCE_VERSION:
            return
        try:
            sent = audit_upload.upload(
                self.db, lambda request: self._post_signed("/v1/audit", request, p.AuditUploadResponse)
            )
        except (
            ServerUnreachable,
            ClientTooOld,
            DeviceRevoked,
            NotEnrolled,
            transport.ServerCertificateChanged,
        ):
            raise
        except SyncError as exc:
            report.problems.append(f"审计日志暂时无法发送到县服务器：{exc.message}")
            return
        report.audit_sent += sent.sent

    def _upload_files(self, report: SyncReport, progress: Progress | None, cancel: Cancel | None) -> None:
        """Attachment files go after the records and never fail the sync: what is not sent is reported."""
        files = attachments.upload_pending(self, progress, cancel)
        report.files_sent += files.files_sent
        report.files_known += files.files_known
        report.files_pending = files.files_pending
        report.files_blocked = files.files_blocked
        report.bytes_sent += files.bytes_sent
        report.cancelled = report.cancelled or files.cancelled
        report.problems += files.problems

    def _pull_unless_current(
        self, report: SyncReport, head_seq: int, progress: Progress | None, cancel: Cancel | None
    ) -> bool:
        """Pull, unless hello showed nothing new and this sync pushed nothing (a push appends to the log, and
        may produce conflicts the laptop must receive): an idle sync then costs the hello alone."""
        if report.push_batches == 0 and not report.push_error:
            with self.db.read_connection() as conn:
                cursor = local.read_state(conn).pull_cursor
            if cursor >= head_seq:
                report.cursor, report.head_seq = cursor, head_seq
                return True
        return self.pull_all(report, progress, cancel)

    def _pull_image(self, report: SyncReport, progress: Progress | None, cancel: Cancel | None) -> int:
        """A first pull as a database image (``sync.first_pull``), when the server has one for this laptop:
        the pull cursor it brings, from which ``pull_all`` goes on page by page (0: no image, or cancelled
        during the download; ``pull_all`` then pulls page by page from the start, or sees the cancel)."""
        body, headers = self._encode(p.FirstPullRequest(schema_revision=first_pull.schema_revision(self.db)))
        if progress is not None:
            progress("image", 0, 0)  # the server builds the image before its first byte
        # An image file left by a sync cut short (its key went with that sync) goes first.
        for stale in self.db.path.parent.glob(f"{self.db.path.name}.first-pull-*"):
            stale.unlink(missing_ok=True)
        path = self.db.path.with_name(f"{self.db.path.name}.first-pull-{uuid.uuid4().hex[:8]}")
        try:
            with contextlib.closing(
                self.request_signed(
                    "POST", first_pull.PATH, body, headers, stream=True, timeout=_IMAGE_TIMEOUT
                )
            ) as response:
                if response.status_code in (404, 405, 409):
                    return 0  # no image: a server of the last release, of another schema, or a small pull
                if response.status_code != 200:
                    response.read()
                    _parse(response, p.ErrorBody)
                key = _image_key(response)
                size = int(response.headers.get("Content-Length", "0") or 0)
                with private_files.open_new_private(path) as file:
                    for chunk in response.iter_bytes(1 << 20):
                        file.write(chunk)
                        report.image_bytes += len(chunk)
                        if progress is not None:
                            progress("image", report.image_bytes, size)
                        if cancel is not None and cancel():
                            return 0
            copied = first_pull.copy_image(self.db, first_pull.Image(path, key))
        except (ServerUnreachable, httpx.HTTPError) as exc:
            # The link failed while the server built or sent the image. Pages, each stored as it arrives, make
            # progress on a link that cannot carry the whole image at once (and fail the sync as usual if the
            # link is gone).
            detail = type(exc.__cause__ if isinstance(exc, ServerUnreachable) else exc).__name__
            report.problems.append(f"首次同步的数据库映像没有下载完（连接中断：{detail}），改为逐页下载。")
            return 0
        except first_pull.ImageUnusable as exc:
            report.problems.append(f"首次同步改为逐页下载：{exc}")
            return 0
        finally:
            for leftover in path.parent.glob(path.name + "*"):
                leftover.unlink(missing_ok=True)
        report.pulled += copied.records
        report.pulled_as_image = True
        report.cursor = max(report.cursor, copied.pull_cursor)
        return copied.pull_cursor

    def _catch_up_acknowledgement(self, server_last_seq: int) -> None:
        """The server may hold entries whose acknowledgement never arrived (cut after commit): compact them."""
        with self.db.write_connection() as conn:
            # A database restored from a backup first moves the entries made since the restore past the server's.
            restore_mark.rebase_connection(conn, server_last_seq)
            acked = journal.acked_seq(conn)
            if server_last_seq < acked:
                raise SyncError(
                    "县服务器缺少本机已确认发送过的数据（服务器可能从备份恢复过）。请联系县里处理，本机数据不会被删除。"
                )
            newest = conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM change_journal").scalar_one()
            journal.acknowledge(conn, min(server_last_seq, int(newest)))

    def _prepare_push(self, after: int) -> _PushBatch:
        """Read the next batch after ``after`` and encode it (runs beside the previous batch's request)."""
        with self.db.read_connection() as conn:
            entries = journal.pending_entries(conn, after_seq=after, limit=self.push_batch)
            bases = local.base_versions(conn, entries)
            resolutions = local.unreported_resolutions(conn)
        pushed = []
        for entry, base in zip(entries, bases, strict=True):
            try:
                pushed.append(local.to_push_entry(entry, base))
            except ValidationError:
                # A malformed entry (written by hand, or by a newer app) would wedge the queue for good: it
                # goes up wrapped as an unknown entity, which the server quarantines for review (nothing is
                # dropped), and the entries after it follow.
                pushed.append(_unreadable_entry(entry))
        request = p.PushRequest(entries=pushed, resolutions=resolutions)
        body, headers = self._encode(request)
        return _PushBatch(entries, resolutions, body, headers)

    def push_all(
        self, report: SyncReport, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> bool:
        """Send journal batches until none is left; False if cancelled.

        The next batch is read and encoded while the server stores this one (the laptop's work overlaps the
        server's); it is compacted only after its own acknowledgement, as always.
        """
        with self.db.read_connection() as conn:
            total = journal.pending_count(conn)
            after = journal.acked_seq(conn)
        if self._own_held_above is None:  # the first push of this client: it has held everything since
            self._own_held_above = after
        done = 0
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="yulu-push") as pool:
            batch = self._prepare_push(after)
            upcoming: Future[_PushBatch] | None = None
            try:
                while True:
                    if cancel is not None and cancel():
                        report.cancelled = True
                        return False
                    if not batch.entries and not batch.resolutions:
                        return True
                    if batch.entries:
                        upcoming = pool.submit(self._prepare_push, batch.entries[-1].seq)
                    response = self._post_body("/v1/push", batch.body, batch.headers, p.PushResponse)
                    self._store_acknowledgement(batch, response)
                    report.push_batches += 1
                    report.pushed += response.applied
                    report.skipped += response.skipped
                    report.conflicts += response.conflicts
                    report.quarantined += response.quarantined
                    done += len(batch.entries)
                    if progress is not None:
                        progress("push", done, max(total, done))
                    if batch.entries and response.acked_seq < batch.entries[-1].seq:
                        raise SyncError("县服务器没有确认整批数据，请稍后重试。")
                    if upcoming is None:
                        return True  # a batch of resolutions only
                    batch, upcoming = upcoming.result(), None
            finally:
                if upcoming is not None:
                    upcoming.cancel()
                    with contextlib.suppress(Exception):
                        upcoming.result()

    def _store_acknowledgement(self, batch: _PushBatch, response: p.PushResponse) -> None:
        by_seq = {e.seq: e for e in batch.entries}
        with self.db.write_connection() as conn:
            for result in response.results:
                if result.status == "quarantined" and result.seq in by_seq:
                    entry = by_seq[result.seq]
                    local.add_local_note(
                        conn,
                        kind="quarantined",
                        entity=entry.entity,
                        entity_id=entry.entity_id,
                        value=entry.changes,
                        reason=f"县服务器未接受这条修改：{result.reason}（已留存在县里待审核）",
                    )
            journal.acknowledge(conn, response.acked_seq)
            local.mark_reported(conn, [r.conflict_id for r in batch.resolutions])

    def check_and_repair(self, report: SyncReport) -> None:
        """Compare each entity's count and id digest with the server; repair a mismatch from the server.

        Entities with unsent local changes are not compared (their difference is the unsent work), and a repair
        never overwrites or removes a record with unsent changes: the pull rules apply to it.
        """
        with self.db.read_connection() as conn:
            busy = {entity for entity, _id in local.pending_fields(conn)}
            mine = {e: local.scope_digest(conn, e) for e in p.DIGEST_ENTITIES if e not in busy}
        # The same local digests at the same cursor as a check that matched: the answer would be the same (the
        # server's records change only with its log, i.e. the head). Saves a request on every idle sync.
        checked = (self.server_url, report.cursor, tuple(sorted(mine.items())))
        if _MATCHED_CHECKS.get(self._device_id()) == checked:
            return
        server = self._post_signed("/v1/digest", p.Message(), p.DigestResponse)
        if server.head_seq != report.cursor:
            return  # something changed on the server meanwhile: the next sync compares again
        if all(
            (theirs := server.entities.get(entity)) is None or (theirs.count, theirs.digest) == ours
            for entity, ours in mine.items()
        ):
            _MATCHED_CHECKS[self._device_id()] = checked
        for entity, (count, digest) in mine.items():
            theirs = server.entities.get(entity)
            if theirs is None or (theirs.count, theirs.digest) == (count, digest):
                continue
            records: list[p.SnapshotRecord] = []
            after = ""
            while True:
                page = self._post_signed(
                    "/v1/snapshot", p.SnapshotRequest(entity=entity, after_id=after), p.SnapshotResponse
                )
                records += page.records
                if not page.more or not page.records:
                    break
                after = page.records[-1].entity_id
            repaired, removed = local.repair_scope(self.db, entity, records)
            report.repaired.append(entity)
            report.repaired_rows += repaired
            report.removed_rows += removed
            report.problems.append(
                f"核对发现本机的{entity}数据与县服务器不一致，已从县服务器修复（{repaired} 条更新，"
                f"{removed} 条移除并留存记录）；本机未发送的修改都已保留。"
            )

    def pull_all(
        self, report: SyncReport, progress: Progress | None = None, cancel: Cancel | None = None
    ) -> bool:
        """Fetch and apply pages until the cursor reaches the server's head; False if cancelled.

        The next page is requested while this one is applied (the answer says where it ends), so the network
        and the server's work overlap the local writes; a page and its cursor are still stored together.
        A laptop with nothing yet first asks for the whole as a database image (``_pull_image``), when hello
        showed a county log of ``first_pull.IMAGE_FROM`` rows or more.
        """
        with self.db.read_connection() as conn:
            cursor = local.read_state(conn).pull_cursor
        if (
            self.first_pull_image
            and cursor == 0
            and self._head_seq >= first_pull.IMAGE_FROM
            and not (cancel is not None and cancel())
            and first_pull.wanted(self.db)
        ):
            cursor = self._pull_image(report, progress, cancel)
        started = cursor

        def fetch(after: int) -> p.PullResponse:
            request = p.PullRequest(
                after=after,
                limit=self.pull_page,
                own_held_above=self._own_held_above,
                pull_started_after=None if self._own_held_above is None else started,
            )
            return self._post_signed("/v1/pull", request, p.PullResponse)

        with (
            local.collector_paused(),
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="yulu-pull") as pool,
        ):
            upcoming: Future[p.PullResponse] | None = None
            try:
                while True:
                    if cancel is not None and cancel():
                        report.cancelled = True
                        return False
                    response = upcoming.result() if upcoming is not None else fetch(cursor)
                    upcoming = pool.submit(fetch, response.next_cursor) if response.more else None
                    stats = local.apply_page(self.db, response.changes, response.next_cursor)
                    cursor = max(cursor, response.next_cursor)
                    report.pull_pages += 1
                    report.pulled += stats.applied
                    report.kept_local += stats.kept_local
                    report.rejected += stats.rejected
                    report.cursor = cursor
                    report.head_seq = response.head_seq
                    if progress is not None:
                        progress("pull", cursor, response.head_seq)
                    if upcoming is None:
                        return True
            finally:
                if upcoming is not None:
                    upcoming.cancel()
                    with contextlib.suppress(Exception):
                        upcoming.result()


#: A first-pull image is built before its first byte is sent (some 5 s of server CPU for 20,000 people).
_IMAGE_TIMEOUT = httpx.Timeout(600.0, connect=10.0)

#: Sent with every signed request instead of httpx's longer defaults (on 2G every byte of every request counts;
#: the answers are only ever gzip-compressed).
_WIRE_HEADERS = {"User-Agent": f"yulu/{yulu_desktop.__version__}", "Accept-Encoding": "gzip"}

#: Per device id: (server, cursor, local digests) of the last consistency check that matched, kept for the
#: life of the process (the app makes a client per sync). A check with the same key is not asked again.
_MATCHED_CHECKS: dict[str, tuple[str, int, tuple[tuple[str, tuple[int, str]], ...]]] = {}

UNREADABLE_ENTITY = "_unreadable"


def _unreadable_entry(entry: journal.JournalEntry) -> p.PushEntry:
    """A journal entry the protocol cannot carry, wrapped so that the server quarantines it (same id on retry)."""
    change_id = (
        entry.change_id
        if 32 <= len(entry.change_id) <= 36
        else uuid.uuid5(uuid.NAMESPACE_URL, f"yulu:{entry.device_id}:{entry.seq}").hex
    )
    raw = {
        "change_id": entry.change_id,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "op": entry.op,
        "changes": entry.changes,
        "hlc": entry.hlc,
    }
    return p.PushEntry(
        seq=entry.seq,
        change_id=change_id,
        entity=UNREADABLE_ENTITY,
        entity_id=str(entry.seq),
        op="U",
        changes={"entry": [None, json.dumps(raw, ensure_ascii=False, default=str)]},
        hlc=min(max(int(entry.hlc), 0), 2**63 - 1) if isinstance(entry.hlc, int) else 0,
        author=str(entry.author)[:100],
    )


def _image_key(response: httpx.Response) -> bytes:
    try:
        key = bytes.fromhex(response.headers.get(first_pull.HEADER_KEY, ""))
    except ValueError:
        key = b""
    if len(key) != first_pull.KEY_BYTES:
        raise first_pull.ImageUnusable("县服务器的回答缺少首次同步映像的密钥。")
    return key


def _error(response: httpx.Response) -> p.ErrorBody | None:
    try:
        return p.ErrorBody.model_validate_json(response.content)
    except ValidationError:
        return None


def _parse(response: httpx.Response, answer: type[M]) -> M:
    if response.status_code == 200:
        try:
            return answer.model_validate_json(response.content)
        except ValidationError as exc:
            raise SyncError(f"县服务器的回答无法识别：{exc.error_count()} 处错误。") from exc
    error = _error(response)
    message = error.message if error is not None else f"县服务器返回错误 {response.status_code}。"
    if response.status_code == 426:
        raise ClientTooOld(message)
    if error is not None and error.code == "revoked":
        raise DeviceRevoked(message)
    if response.status_code >= 500:
        raise ServerUnreachable(f"服务器错误 {response.status_code}")
    raise SyncError(message)
