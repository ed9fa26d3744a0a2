"""``yulu-server admin escrow``: release a laptop's escrowed key to its cadre, and list the releases."""

from __future__ import annotations

import argparse
import getpass
import os
from typing import Any

from yulu_desktop.server import escrow
from yulu_desktop.server.db import ServerDatabase, default_database_url


def _db(args: argparse.Namespace) -> ServerDatabase:
    db = ServerDatabase(args.database_url or default_database_url())
    db.migrate()
    return db


def cmd_release(args: argparse.Namespace) -> int:
    by = args.by or os.environ.get("SUDO_USER") or getpass.getuser()
    try:
        code = escrow.release(_db(args), args.device, released_by=by, valid_hours=args.hours)
    except escrow.EscrowError as exc:
        print(f"错误：{exc}")
        return 1
    print(f"设备 {args.device} 的解锁码（{args.hours} 小时内有效，只能用一次，已记录发放人“{by}”）：")
    print(code)
    print("请只交给本人（核对身份后），由其在雨露“忘记密码？→ 县里解锁”中输入服务器地址和解锁码。")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    rows = escrow.list_releases(_db(args), args.device)
    if not rows:
        print("没有发放过解锁码。")
    for row in rows:
        used = row.used_at.strftime("%Y-%m-%d %H:%M") if row.used_at else "未使用"
        print(
            f"{row.created_at:%Y-%m-%d %H:%M}  设备 {row.device_id}  发放人 {row.released_by}  使用：{used}"
        )
    return 0


def add_commands(admin: Any) -> None:
    """The ``escrow`` group under ``yulu-server admin``."""
    p = admin.add_parser("escrow", help="密钥托管：为忘记密码的干部发放一次性解锁码，查看发放记录")
    sub = p.add_subparsers(dest="escrow_command", required=True)
    q = sub.add_parser("release", help="为设备发放一次性解锁码（记录发放人）")
    q.add_argument("--device", required=True, help="设备编号（yulu-server admin devices）")
    q.add_argument("--hours", type=int, default=escrow.RELEASE_HOURS, help="有效小时数")
    q.add_argument("--by", help="发放人（默认为当前系统用户）")
    q.set_defaults(func=cmd_release)
    q = sub.add_parser("list", help="解锁码发放记录（最新的在前）")
    q.add_argument("--device", help="只看这台设备")
    q.set_defaults(func=cmd_list)
