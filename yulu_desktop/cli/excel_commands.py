"""``yulu import``, ``yulu export`` and ``yulu reconcile``: spreadsheets in and out.

``add_commands(subparsers)`` adds the three commands to the main parser. The work is in
:mod:`yulu_desktop.services.excel_import` and :mod:`yulu_desktop.services.excel_export`; this module reads
arguments, shows progress on stderr and prints the problem list. ``yulu import`` exits with status 1 when any
row was rejected (also with ``--skip-invalid`` and ``--dry-run``), so scripts notice. Service modules are imported
inside the commands: openpyxl and the Excel code are not needed by the rest of ``yulu``.

Who acts is the cadre the laptop is enrolled for (``--actor`` only names the user of a laptop not enrolled
yet); ``export --full`` and ``reconcile --full`` need a role that may have full values and ``--reason``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from yulu_desktop.cli.common import CommandError, local_actor, open_database

if TYPE_CHECKING:
    from yulu_desktop.services.tasks import Progress

_KINDS = ("national", "intent", "students", "graduates")
_LISTS = ("intent", "students", "graduates")
_PHASES = {"read": "读取", "apply": "写入", "write": "导出", "compare": "核对"}


def _progress(quiet: bool) -> Progress | None:
    if quiet or not sys.stderr.isatty():
        return None

    def show(phase: str, done: int, total: int) -> None:
        shown = f"{done}/{total}" if total else str(done)
        print(f"\r{_PHASES.get(phase, phase)} {shown} 行   ", end="", file=sys.stderr, flush=True)

    return show


def _existing_file(path: str) -> Path:
    source = Path(path)
    if not source.is_file():
        raise CommandError(f"找不到文件 {source}")
    return source


def _output_file(path: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise CommandError(f"{target} 是文件夹，请给出 .xlsx 文件名")
    if not target.parent.is_dir():
        raise CommandError(f"输出文件夹 {target.parent} 不存在")
    return target


def cmd_import(args: argparse.Namespace) -> int:
    from yulu_desktop.services import excel_import

    source = _existing_file(args.file)
    rejected = _output_file(args.rejected) if args.rejected else None
    with open_database(args) as db:
        from yulu_desktop.services.acting import current_actor

        report = excel_import.import_file(
            db,
            source,
            args.kind,
            actor=current_actor(db, local_actor(db, args)).audit_name,
            skip_invalid=args.skip_invalid,
            dry_run=args.dry_run,
            rejected_path=rejected,
            progress=_progress(args.quiet),
        )
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    if report.issues:
        print(report.problems(args.limit or None), file=sys.stderr)
    print(report.summary())
    if report.rejected_path is not None:
        print(f"未导入的行及原因已写入：{report.rejected_path}（改正后可再次导入）")
    elif report.rejected and not args.skip_invalid and not args.dry_run:
        print("可加 --skip-invalid 只导入没有问题的行，或加 --rejected 文件.xlsx 导出有问题的行以便修改。")
    return 0 if report.ok else 1


def cmd_export(args: argparse.Namespace) -> int:
    from yulu_desktop.services import excel_export

    target = _output_file(args.output)
    with open_database(args) as db:
        result = excel_export.export_list(
            db,
            args.list,
            target,
            actor=local_actor(db, args),
            full=args.full,
            reason=args.reason or "",
            village=args.village,
            township=args.township,
            progress=_progress(args.quiet),
        )
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    masked = "含完整敏感信息（已记入审计日志）" if result.full else "身份证号、电话、账号已打码"
    print(f"已导出 {result.rows} 行（{result.scope_name}，{masked}）：{result.path}")
    return 0


def cmd_reconcile(args: argparse.Namespace) -> int:
    from yulu_desktop.services import excel_export

    source = _existing_file(args.file)
    target = _output_file(args.output)
    with open_database(args) as db:
        actor = local_actor(db, args)
        # The role and the reason are checked before the file is read: a refusal costs nothing.
        excel_export.permit_export(db, actor, full=args.full, reason=args.reason or "")
        report = excel_export.reconcile(db, source, progress=_progress(args.quiet))
        excel_export.export_reconcile_report(
            db, report, target, actor=actor, full=args.full, reason=args.reason or ""
        )
    if not args.quiet and sys.stderr.isatty():
        print(file=sys.stderr)
    print(report.summary())
    print(f"核对报告：{target}")
    return 0


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("import", help="导入国家监测系统导出表或三个清单（.xlsx/.xls/.csv）")
    p.add_argument("file", metavar="FILE", help="要导入的表格文件")
    p.add_argument(
        "--kind",
        choices=_KINDS,
        required=True,
        help="national 国家系统导出表；intent/students/graduates 三个清单",
    )
    p.add_argument("--dry-run", action="store_true", help="只检查并统计新增/修改/未变/有问题的行，不写入")
    p.add_argument("--skip-invalid", action="store_true", help="导入没有问题的行，有问题的行写入另一个表格")
    p.add_argument("--rejected", metavar="OUT.xlsx", help="有问题的行及原因写入此文件（可改正后再导入）")
    p.add_argument("--limit", type=int, default=50, help="最多显示多少条问题（0 = 全部）")
    p.add_argument("--actor", help="操作人姓名，仅用于尚未注册到县服务器的电脑（已注册时记在注册的干部名下）")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", help="导出清单为 .xlsx（默认打码，--full 导出完整信息并记入审计日志）")
    p.add_argument(
        "list",
        choices=_LISTS,
        metavar="LIST",
        help="intent 意愿清单 / students 在读学生清单 / graduates 毕业生去向清单",
    )
    scope = p.add_mutually_exclusive_group()
    scope.add_argument("--village", metavar="CODE", help="只导出这个村（行政村代码）")
    scope.add_argument("--township", metavar="CODE", help="只导出这个乡镇（乡镇代码）")
    p.add_argument(
        "--full", action="store_true", help="导出完整的身份证号、电话、账号（须有相应权限和 --reason）"
    )
    p.add_argument("--reason", metavar="TEXT", help="使用 --full 的理由（必填，记入审计日志）")
    p.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    p.add_argument("--actor", help="操作人姓名，仅用于尚未注册到县服务器的电脑（已注册时记在注册的干部名下）")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("reconcile", help="把国家监测系统导出表与雨露中的数据逐人核对，生成核对报告")
    p.add_argument("file", metavar="FILE", help="国家监测系统导出表")
    p.add_argument("-o", "--output", required=True, metavar="REPORT.xlsx", help="核对报告文件")
    p.add_argument(
        "--full", action="store_true", help="报告中显示完整的身份证号和电话（须有相应权限和 --reason）"
    )
    p.add_argument("--reason", metavar="TEXT", help="使用 --full 的理由（必填，记入审计日志）")
    p.add_argument("--actor", help="操作人姓名，仅用于尚未注册到县服务器的电脑（已注册时记在注册的干部名下）")
    p.add_argument("-q", "--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_reconcile)
