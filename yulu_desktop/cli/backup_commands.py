"""``yulu backup`` and ``yulu restore``: 备份 and 恢复 from the command line (the app has 数据 › 备份… too).

    yulu backup -o /media/usb/             # a verified backup file, named by county and time
    yulu backup --auto                     # the laptop's own daily backup (rotating, in the data directory)
    yulu restore 雨露备份_城口县_….yulubak    # check it, then replace the database (the old one is kept aside)
    yulu restore --check FILE              # check a backup completely and say what it holds; change nothing

The passphrase is the database's (``YULU_DB_KEY`` or a prompt); a backup opens with the passphrase the database
had when the backup was made. Exit status 0 when done, 1 with a Chinese message when refused.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Any

from yulu_desktop.cli.common import CommandError, ask_passphrase, database_path, local_actor, open_database
from yulu_desktop.paths import user_data_dir


def _progress(stage: str, done: int, total: int) -> None:
    labels = {"copy": "复制", "check": "检查", "write": "写入", "verify": "校验"}
    percent = done * 100 // total if total else 100
    print(f"\r{labels.get(stage, stage)} {percent}%   ", end="", file=sys.stderr, flush=True)


def cmd_backup(args: argparse.Namespace) -> int:
    from yulu_desktop.services import backup

    progress = None if args.quiet else _progress
    with open_database(args) as db:
        if args.auto:
            result = backup.auto_back_up(db, args.keep, progress=progress)
            if result is None:
                print(f"今天已经做过自动备份（在 {backup.auto_backup_folder()}），不再重复。")
                return 0
        else:
            target = Path(args.output) if args.output else user_data_dir() / "backups"
            if not args.output:
                target.mkdir(parents=True, exist_ok=True)
            result = backup.back_up(db, target, actor=local_actor(db, args), progress=progress)
    if not args.quiet:
        print(file=sys.stderr)
    print(
        f"已备份到 {result.path}（{result.size / 1024 / 1024:.1f} MB，已校验）："
        f"{backup.summary(result.manifest)}。"
    )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from yulu_desktop.services import backup
    from yulu_desktop.store.database import Database, WrongPassphrase

    source = Path(args.backup)
    manifest = backup.inspect(source)
    print(f"备份内容：{backup.summary(manifest)}")
    target = database_path(args)
    passphrase = ask_passphrase(source, new=False)
    progress = None if args.quiet else _progress
    if args.check:
        with tempfile.TemporaryDirectory(prefix="yulu-restore-check-") as scratch:
            prepared = backup.prepare_restore(
                source, passphrase, Path(scratch) / "check.db", progress=progress
            )
            prepared.discard()
        if not args.quiet:
            print(file=sys.stderr)
        print("备份文件完好，密码正确，可以用来恢复（本机数据没有任何改动）。")
        return 0
    expected = None
    if target.exists():
        try:
            with Database.open(target, passphrase) as current:
                expected = backup.current_county(current)
        except WrongPassphrase:
            raise CommandError(
                f"本机现有的数据库 {target} 用这个密码打不开，无法核对备份是不是本县的。"
                "如果确实要用备份替换它，请先把它移到别处，再运行 yulu restore。"
            ) from None
    prepared = backup.prepare_restore(source, passphrase, target, expected_county=expected, progress=progress)
    try:
        result = backup.finish_restore(prepared, target, actor=getattr(args, "actor", None) or "")
    finally:
        prepared.discard()
    if not args.quiet:
        print(file=sys.stderr)
    print(f"已从备份恢复：{target}。")
    if result.set_aside is not None:
        print(f"原来的数据库没有删除，已改名保存为 {result.set_aside}。")
    print("下次同步时，备份之后已经同步到县里的修改会从县服务器取回；本机尚未发送的修改会照常发送。")
    return 0


def _keep(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError("--keep 至少为 1")
    return number


def add_commands(subparsers: Any) -> None:
    """Add ``backup`` and ``restore`` to the ``yulu`` command line."""
    p = subparsers.add_parser("backup", help="备份：把数据库（加密）做成一个校验过的备份文件")
    p.add_argument("-o", "--output", help="文件夹（如U盘）或文件名；默认是用户数据目录下的 backups")
    p.add_argument(
        "--auto", action="store_true", help="做本机的自动备份（每天最多一份，轮换保留最近 --keep 份）"
    )
    p.add_argument("--keep", type=_keep, default=7, help="自动备份保留几份（默认 7）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_backup)

    p = subparsers.add_parser("restore", help="从备份恢复：先完整检查备份，再替换数据库（原库改名保留）")
    p.add_argument("backup", help="备份文件（.yulubak）")
    p.add_argument("--check", action="store_true", help="只检查备份并显示内容，不替换任何数据")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_restore)
