"""``yulu passwd`` (change the passphrase of whoever opens) and ``yulu recovery-key`` (make a new recovery key)."""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any

from yulu_desktop.cli.common import (
    CommandError,
    ask_passphrase,
    database_path,
    local_user_name,
    open_database,
)


def _new_passphrase(args: argparse.Namespace) -> str:
    if args.passphrase_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise CommandError("需要新密码：请在终端中运行，或用 --passphrase-stdin 从标准输入读取。")
    first = getpass.getpass("新密码：")
    if getpass.getpass("再次输入新密码：") != first:
        raise CommandError("两次输入的密码不一致。")
    return first


def cmd_passwd(args: argparse.Namespace) -> int:
    from yulu_desktop.services import passphrase

    path = database_path(args)
    old = ask_passphrase(path, new=False, user=local_user_name(args))
    with open_database(args, passphrase=old) as db:
        new = _new_passphrase(args)
        passphrase.change_passphrase(db, old, new)
        who = db.local_user
    if who and args.user:
        print(f"已修改本机用户“{who}”的密码。")
    else:
        print("已修改数据库密码。旧密码从现在起不能再打开数据库；其他本机用户和恢复密钥仍然有效。")
    return 0


def cmd_recovery_key(args: argparse.Namespace) -> int:
    from yulu_desktop.services import passphrase

    with open_database(args) as db:
        code = passphrase.make_recovery_key(db)
    print("新的恢复密钥（只显示这一次，请抄写或打印后妥善保管；以前的恢复密钥已作废）：")
    print(code)
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("passwd", help="修改密码（所有者改数据库密码；加 --user 则改该本机用户自己的密码）")
    p.add_argument("--passphrase-stdin", action="store_true", help="从标准输入读取新密码（一行）")
    p.set_defaults(func=cmd_passwd)
    p = sub.add_parser("recovery-key", help="生成新的恢复密钥（忘记密码时用它打开数据库；仅所有者）")
    p.set_defaults(func=cmd_recovery_key)
