"""The steps of connecting a laptop to the county server, as plain functions (no Qt): enroll with the one-time
code, pull the county's data, match local org units to the county's (``services.unit_matching``), then send.

The county hands out a certificate check (证书校验码, ``sync.certificate_check``) with the code: given, the
server's certificate must begin with it before the code is sent; left out, the certificate met is trusted on
first use, as before (and the cadre is told so).

They run on the enrollment dialog's background thread (``ui.setup.enroll_dialog``) and in ``yulu sync enroll``;
each returns plain data to show.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass

import httpx
from sqlalchemy import Connection

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import unit_matching
from yulu_desktop.store.database import Database
from yulu_desktop.sync import certificate_check, transport
from yulu_desktop.sync.client import SyncClient, SyncReport
from yulu_desktop.sync.errors import ServerUnreachable

Progress = Callable[[str, int, int], None]
Cancelled = Callable[[], bool]

#: Set while the enrollment dialog works (enrolling, matching units, the first sync): the background sync
#: (``ui.sync_worker``) waits, so that nothing is sent before local units are matched to the county's.
IN_PROGRESS = threading.Event()

#: What the background sync says meanwhile.
BUSY_MESSAGE = "正在连接县服务器，完成后再同步。"

#: What the background sync says while an enrollment's first download has not completed (see
#: :func:`first_download_unfinished`).
UNFINISHED_MESSAGE = (
    "本机已注册，但县里的数据还没有下载完，本机自建的区划还没有对应到县里的区划。"
    "请点“同步 → 连接县服务器…”继续下载，完成后再同步。"
)

#: What ``yulu sync run`` says then.
UNFINISHED_COMMAND_MESSAGE = (
    "本机已注册，但县里的数据还没有下载完，或本机自建的区划还没有对应到县里的区划：现在发送，县里会暂存这些数据。"
    "请先运行 yulu sync enroll 继续下载（不需要注册码），或在桌面程序中点“同步 → 连接县服务器…”。"
)


#: Said (by ``yulu sync enroll``) when enrolling over https without a certificate check.
UNCHECKED_WARNING = (
    "注意：没有给出证书校验码（--certificate-check），本机将信任这次连接到的服务器证书。"
    "如果此时有人在网络上冒充县服务器，本机无法发现。县里发注册码时会一并给出证书校验码"
    f"（如 {certificate_check.EXAMPLE}），请向县里索取后填写。"
)

#: Said when a check is given for an http:// address (only ever this computer: tests, demo).
CHECK_NOT_APPLICABLE = "http:// 地址只用于本机，连接不使用证书，证书校验码不适用，已忽略。"


class DownloadUnfinished(YuluError):
    """Enrolled, but the first download (or the matching of local units after it) did not complete. The
    laptop keeps its enrollment: :func:`enroll_and_pull` again, without a code, picks up where it stopped."""

    def __init__(self, cause: BaseException) -> None:
        self.cause = cause
        reason = error_text(cause)
        super().__init__(
            "本机已注册，但县里的数据没有下载完："
            + (reason if reason.endswith("。") else reason + "。")
            + "准备好后点“继续下载”接着下载：已下载的数据不会丢失，也不需要新的注册码。"
        )


def first_download_unfinished(conn: Connection) -> bool:
    """An enrolled laptop with units of its own that has never completed a sync: its enrollment stopped before
    the county's units were downloaded and matched (or before the first sync sent the matched data). Until it
    completes, nothing is sent — the county would hold back whatever sits under a unit it does not know."""
    from yulu_desktop.sync import local

    state = local.read_state(conn)
    return state.enrolled and state.last_sync_at is None and unit_matching.has_local_units(conn)


@dataclass(frozen=True)
class Enrolled:
    """After enrollment and the first pull: who the laptop belongs to, and what matching is left to the cadre."""

    cadre_name: str
    jurisdiction_name: str
    pulled: int
    units_matched: int
    plan: unit_matching.MatchPlan
    #: The server's certificate was compared with the county's certificate check (False: trusted on first use,
    #: http:// to this computer, or a laptop enrolled already).
    certificate_checked: bool = False


def error_text(error: BaseException, url: str = "") -> str:
    """What went wrong, for the cadre (Chinese)."""
    if isinstance(error, transport.CertificateCheckFailed | certificate_check.BadCertificateCheck):
        return error.text()
    if isinstance(error, transport.ServerCertificateChanged):
        return (
            "县服务器出示的安全证书与以前不同，已停止连接，本机没有发送任何数据。"
            "请向县乡村振兴局核实服务器地址后再试。"
        )
    if isinstance(error, ServerUnreachable):
        where = f"“{url}”" if url else "县服务器"
        return f"无法连接{where}。请检查服务器地址是否填写正确、电脑是否已联网，然后再试。"
    if isinstance(error, YuluError):
        return error.text()
    if isinstance(error, httpx.HTTPError):
        return f"无法连接县服务器（{type(error).__name__}）。请检查服务器地址和网络，然后再试。"
    return f"连接县服务器时出错：{error}。本机数据没有改变。"


def normalized_url(text: str) -> str:
    """The address as typed, with https:// added when no scheme was given (a county gives a host name)."""
    url = text.strip()
    if url and "://" not in url:
        url = "https://" + url
    return url.rstrip("/")


def enroll_and_pull(
    db: Database,
    url: str,
    code: str,
    progress: Progress,
    cancelled: Cancelled,
    *,
    actor: str,
    device_name: str | None = None,
    http: httpx.Client | None = None,
    check: str = "",
) -> Enrolled:
    """Enroll with ``code``, pull the village's data, and replace the local org units the county's match.

    ``check`` is the certificate check as typed ("" for none): malformed, ``BadCertificateCheck`` before any
    connection; given, a server whose certificate does not begin with it gets nothing (``CertificateCheckFailed``).
    On a laptop enrolled already (an earlier run stopped after enrolling) no code is needed: the download and
    the matching pick up where they stopped. A failure after enrolling raises :class:`DownloadUnfinished`."""
    from yulu_desktop.sync import local

    expected = certificate_check.parse(check)
    with db.read_connection() as conn:
        state = local.read_state(conn)
    if not state.enrolled and not code.strip():
        raise YuluError("请填写县里给的注册码")
    server_url = state.server_url if state.enrolled else url
    checked = bool(expected) and not state.enrolled and transport.checks_certificate(server_url)
    with SyncClient(db, server_url, http=http, certificate_check=expected) as client:
        if state.enrolled:
            cadre_name, jurisdiction_name = state.cadre_name or state.cadre_username, state.jurisdiction_name
        else:
            name = socket.gethostname()[:60] if device_name is None else device_name
            response = client.enroll(code, device_name=name)
            cadre_name = response.cadre_name or response.cadre_username
            jurisdiction_name = response.jurisdiction.name
        try:
            # Local units' real codes (demo data) would clash with the county's units arriving now.
            unit_matching.park_local_codes(db)
            client.hello()
            report = SyncReport()
            if not client.pull_all(report, progress, cancelled):
                # Matching needs all of the county's units: never on a partial download.
                raise YuluError("下载已取消。")
            plan = unit_matching.plan(db)
            matched = 0
            if plan.matched:
                matched = unit_matching.apply(db, plan.matched, actor=actor).units_replaced
                plan = unit_matching.plan(db)
        except Exception as exc:
            raise DownloadUnfinished(exc) from exc
    return Enrolled(
        cadre_name=cadre_name,
        jurisdiction_name=jurisdiction_name,
        pulled=report.pulled,
        units_matched=matched,
        plan=plan,
        certificate_checked=checked,
    )


def first_sync(
    db: Database, progress: Progress, cancelled: Cancelled, *, http: httpx.Client | None = None
) -> SyncReport:
    """Send what the laptop holds and receive the rest (after matching)."""
    with SyncClient(db, http=http) as client:
        return client.sync_once(progress, cancelled)
