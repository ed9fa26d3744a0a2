"""``yulu sync enroll|run|status|set-server`` and ``yulu conflicts list|resolve``.

``add_commands(subparsers)`` adds them to the main parser; every command follows the ``args.func(args) -> int``
convention and raises ``YuluError`` subclasses for messages.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from yulu_desktop.cli.common import CommandError, open_database
from yulu_desktop.store import journal

# The sync client (httpx, pydantic, cryptography) is imported inside the commands: importing it here would
# add half a second to every `yulu` command, `yulu stats` included.


def cmd_enroll(args: argparse.Namespace) -> int:
    """Enroll with the one-time code, download the county's data and match this laptop's own org units to the
    county's (``sync.enrollment``), as the app's 连接县服务器 does. Run again without a code, it resumes a
    download that was cut. With ``--certificate-check`` the server's certificate is compared with the county's
    check before the code is sent; without it, it is trusted on first use (and a warning says so)."""
    from yulu_desktop.cli.common import local_actor
    from yulu_desktop.sync import certificate_check, enrollment, local, transport

    check = args.certificate_check or ""
    certificate_check.parse(check)  # a typing mistake is said before anything else

    db = open_database(args)
    try:
        with db.read_connection() as conn:
            state = local.read_state(conn)
            resuming = enrollment.first_download_unfinished(conn)
        if state.enrolled and not resuming:
            raise CommandError(
                f"本机已注册到县服务器 {state.server_url}，不需要再注册。"
                "要改服务器地址，请用 yulu sync set-server。"
            )
        if not state.enrolled and not (args.server and args.code):
            raise CommandError("请用 --server 给出县服务器地址，用 --code 给出县里发的注册码。")
        if resuming:
            print(f"本机已注册到 {state.server_url}，继续下载县里的数据（不需要注册码）。")
        url = state.server_url if state.enrolled else enrollment.normalized_url(args.server or "")
        if check and not transport.checks_certificate(url):
            print(enrollment.CHECK_NOT_APPLICABLE, file=sys.stderr)
        elif not check and not state.enrolled and transport.checks_certificate(url):
            print(enrollment.UNCHECKED_WARNING, file=sys.stderr)
        try:
            result = enrollment.enroll_and_pull(
                db,
                enrollment.normalized_url(args.server or ""),
                args.code or "",
                _progress,
                lambda: False,
                actor=local_actor(db, args),
                device_name=args.name or None,
                check=check,
            )
        finally:
            print(file=sys.stderr)
        if result.certificate_checked:
            print("服务器证书与证书校验码相符。")
        print(f"已注册：本机属于 {result.cadre_name}，管辖范围 {result.jurisdiction_name}。")
        print(f"已下载县里的数据 {result.pulled} 条。")
        if result.units_matched:
            print(f"本机自建的区划已对应到县里的 {result.units_matched} 个。")
        if result.plan.unmatched:
            print("下列本机自建的区划找不到对应的县里区划，其下的数据暂不发送：")
            for unit in result.plan.unmatched:
                print(f"  {unit.level_name} {unit.path}（{unit.households} 户）")
            print("请在桌面程序中点“同步 → 连接县服务器…”为它们选择县里的区划，然后再同步。")
            return 1
        print("运行 yulu sync run 开始同步。")
    finally:
        db.close()
    return 0


def _progress(stage: str, done: int, total: int) -> None:
    if stage == "files":
        print(f"\r上传附件 {done // 1024}/{total // 1024} KB", end="", file=sys.stderr, flush=True)
        return
    label = "上传" if stage == "push" else "下载"
    print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_run(args: argparse.Namespace) -> int:
    """Exit 0 only when everything was sent and received."""
    from yulu_desktop.sync import enrollment
    from yulu_desktop.sync.client import SyncClient

    db = open_database(args)
    try:
        with db.read_connection() as conn:
            if enrollment.first_download_unfinished(conn):
                raise CommandError(enrollment.UNFINISHED_COMMAND_MESSAGE)
        with SyncClient(db) as client:
            report = client.sync_once(progress=None if args.quiet else _progress)
        if not args.quiet:
            print(file=sys.stderr)
        print(
            f"已上传 {report.pushed} 条（重复跳过 {report.skipped} 条），已下载 {report.pulled} 条；"
            f"冲突 {report.conflicts} 条，县里暂存 {report.quarantined} 条；本机待发送 {report.pending} 条。"
        )
        if report.files_sent or report.files_pending or report.files_known:
            print(
                f"附件：已上传 {report.files_sent} 个（{report.bytes_sent // 1024} KB），"
                f"县里已有 {report.files_known} 个，待上传 {report.files_pending} 个。"
            )
        for problem in report.problems:
            print(f"注意：{problem}")
        if report.kept_local:
            print(f"有 {report.kept_local} 处本机尚未发送的修改被保留，下次同步时发送。")
        return 0 if report.complete else 1
    finally:
        db.close()


def cmd_status(args: argparse.Namespace) -> int:
    from yulu_desktop.sync import conflicts, local

    db = open_database(args)
    try:
        with db.read_connection() as conn:
            state = local.read_state(conn)
            waiting = journal.pending_count(conn)
        counts = conflicts.open_counts(db)
    finally:
        db.close()
    if not state.enrolled:
        print("本机尚未注册到县服务器（yulu sync enroll --server 地址 --code 注册码）。")
    else:
        print(f"县服务器：{state.server_url}")
        print(f"干部：{state.cadre_name}（{state.cadre_username}），管辖范围：{state.jurisdiction_name}")
    print(f"本机编号：{state.device_id}")
    print(f"待发送变更：{waiting} 条")
    print(f"上次成功同步：{state.last_sync_at or '从未'}")
    if state.last_error:
        print(f"上次同步错误：{state.last_error}")
    print(f"待处理冲突：{counts.conflicts} 条")
    if counts.notes:
        print(
            f"同步提醒：{counts.notes} 条（县里暂存、本机无法保存或核对时移除的记录；yulu conflicts list 查看）"
        )
    return 0


def cmd_set_server(args: argparse.Namespace) -> int:
    """Store a new server address once the server there accepts this device (no new enrollment); with
    ``--certificate-check``, only if the server's certificate begins with the county's check."""
    from yulu_desktop.sync import enrollment, server_address, transport

    check = args.certificate_check or ""
    url = enrollment.normalized_url(args.url)
    db = open_database(args)
    try:
        if check and not transport.checks_certificate(url):
            print(enrollment.CHECK_NOT_APPLICABLE, file=sys.stderr)
        elif not check and args.accept_new_certificate and transport.checks_certificate(url):
            print(
                "注意：没有给出证书校验码（--certificate-check），新证书只凭县服务器认识本机来确认。"
                "可向县里索取新证书的校验码后加上 --certificate-check 运行。",
                file=sys.stderr,
            )
        change = server_address.change_server(
            db, args.url, accept_new_certificate=args.accept_new_certificate, check=check
        )
    finally:
        db.close()
    print(f"县服务器地址已更改：{change.old_url} → {change.new_url}（新地址的服务器已确认本机）。")
    if check and transport.checks_certificate(change.new_url):
        print("服务器证书与证书校验码相符。")
    return 0


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value


def cmd_conflicts_list(args: argparse.Namespace) -> int:
    from yulu_desktop.sync import conflicts

    db = open_database(args)
    try:
        with db.read_connection() as conn:
            me = journal.device_id(conn)
        rows = conflicts.list_conflicts(db, include_resolved=args.all)
    finally:
        db.close()
    if not rows:
        print("没有待处理的冲突。")
        return 0
    for conflict in rows:
        mine, theirs = conflict.mine_and_theirs(me)
        flag = "（时钟异常）" if conflict.clock_skew else ""
        print(
            f"{conflict.id}  {conflict.label}{flag}  {conflict.entity}/{conflict.entity_id} {conflict.field}"
        )
        print(f"    本机的值：{_show(mine)}")
        print(f"    另一值：  {_show(theirs)}")
        if conflict.status != "open":
            print(f"    已处理：{conflict.resolution}")
    return 0


def cmd_conflicts_resolve(args: argparse.Namespace) -> int:
    from yulu_desktop.sync import conflicts

    choice = args.choice
    value: Any = None
    if choice == "edit":
        if args.value is None:
            raise CommandError("选择 edit 时需要用 --value 给出新的值。")
        value = args.value
    db = open_database(args)
    try:
        conflicts.resolve(db, args.conflict_id, choice, value=value, resolved_by=args.by or "")
    finally:
        db.close()
    print("已处理，结果将在下次同步时发送到县服务器。")
    return 0


def add_commands(subparsers: Any) -> None:
    """Add ``sync`` and ``conflicts`` to the ``yulu`` command line."""
    sync = subparsers.add_parser("sync", help="与县服务器同步")
    sync_sub = sync.add_subparsers(dest="sync_command", required=True)

    p = sync_sub.add_parser("enroll", help="用县里发的注册码注册本机")
    p.add_argument("--server", help="县服务器地址，例如 https://yulu.example.gov.cn")
    p.add_argument("--code", help="一次性注册码（下载中断后再运行、继续下载时不需要）")
    p.add_argument("--name", help="本机名称（便于县里识别）")
    p.add_argument(
        "--certificate-check",
        metavar="校验码",
        help="县里随注册码给出的证书校验码（如 3F2A-9C01-77B4-E0D2-5A1C）：证书不符时不发送注册码",
    )
    p.set_defaults(func=cmd_enroll)

    p = sync_sub.add_parser("run", help="立即同步：发送本机修改并接收县里的数据")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_run)

    p = sync_sub.add_parser("status", help="同步状态：待发送条数、上次同步时间")
    p.set_defaults(func=cmd_status)

    p = sync_sub.add_parser("set-server", help="更改县服务器地址（无需重新注册）")
    p.add_argument("url", help="新的县服务器地址，例如 https://yulu.example.gov.cn:8443")
    p.add_argument(
        "--accept-new-certificate",
        action="store_true",
        help="县服务器换了证书：确认县服务器认识本机后，改记新证书（请先向县里核实）",
    )
    p.add_argument(
        "--certificate-check",
        metavar="校验码",
        help="县里给出的新证书的校验码（如 3F2A-9C01-77B4-E0D2-5A1C）：证书不符时什么也不发送",
    )
    p.set_defaults(func=cmd_set_server)

    conflict = subparsers.add_parser("conflicts", help="查看和处理同步冲突")
    conflict_sub = conflict.add_subparsers(dest="conflicts_command", required=True)
    p = conflict_sub.add_parser("list", help="列出冲突")
    p.add_argument("--all", action="store_true", help="包括已处理的")
    p.set_defaults(func=cmd_conflicts_list)
    p = conflict_sub.add_parser("resolve", help="处理一条冲突")
    p.add_argument("conflict_id")
    p.add_argument("choice", choices=["keep_mine", "keep_theirs", "edit"])
    p.add_argument("--value", help="选择 edit 时的新值")
    p.add_argument("--by", help="处理人")
    p.set_defaults(func=cmd_conflicts_resolve)
