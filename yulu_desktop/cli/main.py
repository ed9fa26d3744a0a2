"""``yulu``: the command line of Yulu Desktop (create the database, demo data, stats, checks, …).

Every command prints messages, not tracebacks: a ``YuluError`` is shown in Chinese and exits with status 1, and
output piped into a reader that stops early (``| head``) ends quietly.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
import time
from collections.abc import Sequence
from typing import Any

from yulu_desktop import __version__
from yulu_desktop.cli import (
    backup_commands,
    bundle_commands,
    excel_commands,
    passphrase_commands,
    print_commands,
    sync_commands,
)
from yulu_desktop.cli.common import (
    CommandError,
    ask_passphrase,
    database_path,
    local_actor,
    local_user_name,
    open_database,
)
from yulu_desktop.domain.errors import ValidationFailed, YuluError
from yulu_desktop.stdout_pipe import discard_stdout
from yulu_desktop.store.database import NotAYuluDatabase

# Command modules are imported inside the commands: `yulu stats` must answer in well under a second, and
# Alembic, pypinyin and the demo generator take longer than that to import.


def cmd_init(args: argparse.Namespace) -> int:
    from yulu_desktop.store import migrate

    path = database_path(args)
    existed = path.exists()
    with open_database(args, create=True, upgrade=False) as db:
        before = None
        if existed:
            with db.engine.connect() as conn:
                before = migrate.current_revision(conn)
        migrate.upgrade(db)
        head = migrate.head_revision()
    if not existed:
        print(f"已创建加密数据库：{path}（结构版本 {head}）")
    elif before != head:
        print(f"已升级数据库：{path}（{before or '空'} → {head}）")
    else:
        print(f"数据库已是最新：{path}（结构版本 {head}）")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from yulu_desktop.services import demo

    if args.households <= 0:
        raise CommandError("--households 必须是正整数")
    with open_database(args, create=True) as db:
        started = time.perf_counter()
        report = demo.generate_demo(db, households=args.households, seed=args.seed)
        elapsed = time.perf_counter() - started
    print(
        f"已生成演示数据（{elapsed:.1f} 秒）：{report.households} 户，{report.people} 人，"
        f"{report.enrollments} 条学籍，{report.subsidies} 条补助，{report.visits} 次走访，"
        f"{report.intents} 条意愿，{report.trainings} 条培训，{report.jobs} 条就业记录"
    )
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    from yulu_desktop.services import stats

    with open_database(args, upgrade=False) as db:
        result = stats.collect(db)
    if args.json:
        print(json.dumps(result.as_dict(), ensure_ascii=False, indent=2))
    else:
        for name, count in result.counts.items():
            voided = result.voided.get(name)
            print(f"{name:22} {count:>10}" + (f"  （另有已作废 {voided}）" if voided else ""))
        print(f"{'待同步变更':18} {result.pending_changes:>10}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from yulu_desktop.services import check as check_service

    with open_database(args, upgrade=False) as db:
        report = check_service.check(db)
    for line in report.integrity:
        print(f"完整性检查：{line}")
    for line in report.foreign_keys:
        print(f"外键不一致：{line}")
    for table in report.missing_triggers:
        print(f"缺少变更记录触发器：{table}（请运行 yulu init 修复）")
    for line in report.audit_lines():
        print(f"错误 {line}")
    shown = report.problems[: args.limit] if args.limit else report.problems
    for problem in shown:
        print(("错误 " if problem.issue.is_error else "提醒 ") + problem.text())
    if len(shown) < len(report.problems):
        print(f"……另有 {len(report.problems) - len(shown)} 条未显示（用 --limit 0 显示全部）")
    errors, warnings = (
        len(report.errors) + len(report.audit_lines()),
        len(report.problems) - len(report.errors),
    )
    print(f"已检查 {report.rows_checked} 条记录：{errors} 个错误，{warnings} 个提醒。")
    return 0 if report.ok else 1


def _new_passphrase(args: argparse.Namespace, name: str) -> str:
    """The new passphrase of ``name``: one line of standard input with ``--passphrase-stdin`` (scripts, tests),
    otherwise typed twice at the terminal."""
    if args.passphrase_stdin:
        line = sys.stdin.readline()
        return line[:-1] if line.endswith("\n") else line
    if not sys.stdin.isatty():
        raise CommandError("需要新密码：请在终端中运行，或用 --passphrase-stdin 从标准输入读取。")
    first = getpass.getpass(f"用户“{name}”的新密码：")
    if getpass.getpass("再次输入新密码：") != first:
        raise CommandError("两次输入的密码不一致。")
    return first


def cmd_users_list(args: argparse.Namespace) -> int:
    from yulu_desktop.services import local_users

    with open_database(args, upgrade=False) as db:
        users = local_users.list_users(db)
        problem = db.key_file_problem
    if problem:
        print(f"提醒：{problem}", file=sys.stderr)
    if not users:
        print("本机没有其他用户：用数据库密码打开（用 yulu users add 姓名 添加用户）。")
        return 0
    for user in users:
        marks = [m for m, on in (("所有者", user.is_owner), ("当前", user.is_current)) if on]
        print(user.name + (f"（{'，'.join(marks)}）" if marks else ""))
    return 0


def cmd_users_add(args: argparse.Namespace) -> int:
    from yulu_desktop.services import local_users
    from yulu_desktop.services.acting import UNENROLLED_NAME, current_actor

    with open_database(args) as db:
        if not local_users.list_users(db) and not args.owner:
            actor = current_actor(db, local_actor(db, args))
            if not actor.enrolled or actor.name == UNENROLLED_NAME:
                raise CommandError("这是本机第一个其他用户：请用 --owner 给出你自己（所有者）的用户名。")
            args.owner = actor.name
        passphrase = _new_passphrase(args, args.name)
        user = local_users.add_user(db, args.name, passphrase, owner_name=args.owner or "")
        owner = db.local_user
    print(f"已添加本机用户“{user.name}”（所有者：{owner}）。用 --user {user.name} 以该用户打开数据库。")
    return 0


def cmd_users_remove(args: argparse.Namespace) -> int:
    from yulu_desktop.services import local_users

    with open_database(args) as db:
        local_users.remove_user(db, args.name)
    print(f"已删除本机用户“{' '.join(args.name.split())}”。")
    return 0


def cmd_users_passwd(args: argparse.Namespace) -> int:
    from yulu_desktop.services import local_users

    path = database_path(args)
    user = local_user_name(args)
    opening = ask_passphrase(path, new=False, user=user)
    with open_database(args, passphrase=opening) as db:
        # One's own passphrase: the old one is the one just used to open the database.
        passphrase = _new_passphrase(args, args.name)
        local_users.change_passphrase(db, args.name, passphrase, old_passphrase=opening)
    print(f"已修改本机用户“{' '.join(args.name.split())}”的密码。")
    return 0


def _add_users_commands(sub: Any) -> None:
    users = sub.add_parser("users", help="本机用户：多人共用一台电脑时每人一个用户和密码")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    p = users_sub.add_parser("list", help="列出本机用户")
    p.set_defaults(func=cmd_users_list)
    p = users_sub.add_parser("add", help="添加本机用户（仅所有者）")
    p.add_argument("name", help="用户名（姓名）")
    p.add_argument("--owner", help="第一次添加用户时：所有者（你自己）的用户名")
    p.add_argument("--passphrase-stdin", action="store_true", help="从标准输入读取新用户的密码（一行）")
    p.set_defaults(func=cmd_users_add)
    p = users_sub.add_parser("remove", help="删除本机用户（仅所有者；所有者不能删除）")
    p.add_argument("name", help="用户名")
    p.set_defaults(func=cmd_users_remove)
    p = users_sub.add_parser("passwd", help="修改本机用户的密码（自己的，或所有者为他人重设）")
    p.add_argument("name", help="用户名")
    p.add_argument("--passphrase-stdin", action="store_true", help="从标准输入读取新密码（一行）")
    p.set_defaults(func=cmd_users_passwd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yulu", description="雨露计划+ 基层工作台（命令行）")
    parser.add_argument("--version", action="version", version=f"yulu {__version__}")
    parser.add_argument("--db", help="数据库文件路径（默认在用户数据目录）")
    parser.add_argument(
        "--user", help="以本机用户身份打开（密码为该用户自己的密码）；不加则用数据库密码（所有者）"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="命令")

    p = sub.add_parser("init", help="创建或升级加密数据库")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("demo", help="生成演示数据")
    p.add_argument("--households", type=int, default=200, help="户数（每户约 4 人）")
    p.add_argument("--seed", type=int, default=1, help="随机种子（相同种子生成相同数据）")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("stats", help="各类记录数与待同步变更数")
    p.add_argument("--json", action="store_true", help="以 JSON 输出")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("check", help="检查数据库完整性并校验每条记录")
    p.add_argument("--limit", type=int, default=200, help="最多显示多少条问题（0 = 全部）")
    p.set_defaults(func=cmd_check)

    print_commands.add_commands(sub)
    excel_commands.add_commands(sub)
    sync_commands.add_commands(sub)
    bundle_commands.add_commands(sub)
    backup_commands.add_commands(sub)
    passphrase_commands.add_commands(sub)
    _add_users_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    try:
        code = _run(argv)
        sys.stdout.flush()  # here, not at exit: a reader gone by then would print a traceback
    except BrokenPipeError:
        return _reader_went_away()
    return code


def _reader_went_away() -> int:
    """``yulu conflicts list | head``: the reader closed the pipe. Stop quietly with the status of a process
    ended by SIGPIPE, as other command-line tools do; what is still buffered goes nowhere."""
    discard_stdout()
    return 141  # 128 + SIGPIPE (a constant: Windows has no signal.SIGPIPE)


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except ValidationFailed as exc:
        for issue in exc.issues:
            print(("错误：" if issue.is_error else "提醒：") + issue.text(), file=sys.stderr)
        return 1
    except NotAYuluDatabase as exc:
        # Most often --db named a spreadsheet meant for `yulu import`: say where the database normally is.
        from yulu_desktop.paths import default_database_path

        print(f"错误：{exc.message}", file=sys.stderr)
        print(f"提示：--db 应指向雨露数据库文件（默认是 {default_database_path()}）。", file=sys.stderr)
        return 1
    except YuluError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
