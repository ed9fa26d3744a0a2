"""``yulu print dossier|dossiers|form|forms|publicity|register``: the printed documents as PDF files.

``add_commands(subparsers)`` adds ``print`` to the main parser. The work (and the audit log entry of every
print) is in :mod:`yulu_desktop.services.printing`; this module only reads arguments, writes files and shows
progress on stderr. The printing modules import reportlab, so they are imported inside the commands: the
rest of ``yulu`` does not pay for them.

Who prints is the cadre the laptop is enrolled for, and the role table decides what they may print
(``domain.access``); ``--full`` (a 补助申请表 with the full ID number and account) and ``--health`` (a 一人一档
with 健康状况 and 残疾情况) need ``--reason``, which goes into the audit log.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from yulu_desktop.cli.common import CommandError, local_actor, open_database

if TYPE_CHECKING:
    from yulu_desktop.services.printing import BatchResult, Progress

_REGISTER_NAMES = {"intent": "意愿清单", "students": "在读学生清单", "graduates": "毕业生去向清单"}
_STAGES = {"load": "读取", "render": "生成"}


def _output_file(path: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise CommandError(f"{target} 是文件夹，请给出 PDF 文件名，如 -o {target / '打印.pdf'}")
    if not target.parent.is_dir():
        raise CommandError(f"输出文件夹 {target.parent} 不存在")
    return target


def _output_folder(path: str) -> Path:
    target = Path(path)
    if target.exists() and not target.is_dir():
        raise CommandError(f"{target} 已存在且不是文件夹；逐人输出时 -o 应为文件夹")
    if not target.parent.is_dir():
        raise CommandError(f"输出文件夹 {target.parent} 不存在")
    return target


def _save(target: Path, pdf: bytes) -> None:
    """Write ``pdf`` to ``target`` whole or not at all (a temporary name, then a rename)."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(pdf)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp_name, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise


def _progress(what: str, quiet: bool) -> Progress | None:
    if quiet:
        return None

    def show(stage: str, done: int, total: int) -> None:
        end = "\n" if stage == "render" and done == total else ""
        print(
            f"\r{what}：{_STAGES.get(stage, stage)} {done}/{total}   ", end=end, file=sys.stderr, flush=True
        )

    return show


def _term(value: str) -> str:
    from yulu_desktop.services.printing import parse_term_argument

    return parse_term_argument(value)


def _scope(args: argparse.Namespace) -> str:
    code: str | None = getattr(args, "village", None) or getattr(args, "township", None)
    if not code:
        raise CommandError("请用 --village 给出村的代码，或用 --township 给出乡镇的代码")
    return code


def _scope_levels(args: argparse.Namespace) -> tuple[str, ...]:
    return ("village",) if getattr(args, "village", None) else ("township",)


def _report_batch(result: BatchResult, what: str) -> None:
    for reason in result.skipped:
        print(f"未打印：{reason}", file=sys.stderr)
    if len(result.paths) == 1:
        print(f"已生成{what} {result.printed} 份：{result.paths[0]}")
    else:
        print(f"已生成{what} {result.printed} 份，共 {len(result.paths)} 个文件，在 {result.paths[0].parent}")


def cmd_dossier(args: argparse.Namespace) -> int:
    from yulu_desktop.services import printing

    target = _output_file(args.output)
    with open_database(args) as db:
        person_id = printing.find_person(db, args.person)
        pdf = printing.print_dossier(
            db, person_id, local_actor(db, args), health=args.health, reason=args.reason or ""
        )
    _save(target, pdf)
    print(f"已生成一人一档：{target}")
    return 0


def cmd_dossiers(args: argparse.Namespace) -> int:
    from yulu_desktop.services import printing

    target = _output_folder(args.output) if args.per_person else _output_file(args.output)
    code = _scope(args)
    with open_database(args) as db:
        printing.resolve_org(db, code, levels=_scope_levels(args))
        result = printing.print_dossiers(
            db,
            code,
            target,
            local_actor(db, args),
            health=args.health,
            reason=args.reason or "",
            per_file=args.per_person,
            everyone=args.everyone,
            progress=_progress("一人一档", args.quiet),
            workers=args.workers or printing.batch_workers(),
        )
    _report_batch(result, "一人一档")
    return 0


def cmd_form(args: argparse.Namespace) -> int:
    from yulu_desktop.services import printing

    term = _term(args.term)
    target = _output_file(args.output)
    with open_database(args) as db:
        person_id = printing.find_person(db, args.person)
        pdf = printing.print_form(
            db, person_id, term, local_actor(db, args), full=args.full, reason=args.reason or ""
        )
    _save(target, pdf)
    print(f"已生成补助申请表：{target}")
    return 0


def cmd_forms(args: argparse.Namespace) -> int:
    from yulu_desktop.services import printing

    term = _term(args.term)
    target = _output_folder(args.output) if args.per_person else _output_file(args.output)
    code = _scope(args)
    with open_database(args) as db:
        printing.resolve_org(db, code, levels=_scope_levels(args))
        result = printing.print_forms(
            db,
            code,
            term,
            target,
            local_actor(db, args),
            full=args.full,
            reason=args.reason or "",
            per_file=args.per_person,
            progress=_progress("补助申请表", args.quiet),
            workers=args.workers or printing.batch_workers(),
        )
    _report_batch(result, "补助申请表")
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise CommandError(f"日期“{value}”格式不对，应为 2025-11-20 这样的格式") from None


def cmd_publicity(args: argparse.Namespace) -> int:
    from yulu_desktop.services import printing

    term = _term(args.term)
    target = _output_file(args.output)
    if not args.contact or not args.office_phone:
        raise CommandError("公示须写明受理异议的联系人和办公电话：请加上 --contact 姓名 --office-phone 电话")
    start = _date(args.start) if args.start else None
    end = _date(args.end) if args.end else None
    with open_database(args) as db:
        pdf = printing.print_publicity(
            db,
            args.village,
            term,
            local_actor(db, args),
            contact_person=args.contact,
            contact_phone=args.office_phone,
            office=args.office,
            notice_start=start,
            notice_end=end,
            objection_office=args.objection_office or "",
            objection_phone=args.objection_phone or "",
        )
    _save(target, pdf)
    print(f"已生成公示名单：{target}")
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from yulu_desktop.services import printing

    term = _term(args.term) if args.term else None
    target = _output_file(args.output)
    code = _scope(args)
    with open_database(args) as db:
        printing.resolve_org(db, code, levels=_scope_levels(args))
        pdf = printing.print_register(db, args.list, code, local_actor(db, args), term=term)
    _save(target, pdf)
    print(f"已生成{_REGISTER_NAMES.get(args.list, args.list)}：{target}")
    return 0


def _common(p: argparse.ArgumentParser, *, output: str = "输出的 PDF 文件") -> None:
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=output)
    p.add_argument("--actor", help="打印人姓名，仅用于尚未注册到县服务器的电脑（已注册时记在注册的干部名下）")


def _unmask_options(p: argparse.ArgumentParser, flag: str, help_text: str) -> None:
    p.add_argument(flag, action="store_true", help=help_text)
    p.add_argument("--reason", metavar="TEXT", help=f"使用 {flag} 的理由（必填，记入审计日志）")


def _scope_options(p: argparse.ArgumentParser, *, township: bool = True) -> None:
    group = p.add_mutually_exclusive_group(required=True)
    group.add_argument("--village", metavar="CODE", help="村的行政区划代码（12 位）")
    if township:
        group.add_argument("--township", metavar="CODE", help="乡镇的行政区划代码（9 位）")


def _batch_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--per-person", action="store_true", help="每人一个文件，-o 为输出文件夹")
    p.add_argument(
        "--workers",
        type=_positive,
        metavar="N",
        help="并行进程数（默认：两核及以上的电脑用 2 个，否则 1 个）",
    )
    p.add_argument("--quiet", action="store_true", help="不显示进度")


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{value}”不是正整数") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"“{value}”不是正整数")
    return number


def add_commands(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``yulu print …`` to the main parser."""
    top = subparsers.add_parser("print", help="打印：一人一档、补助申请表、公示名单、三个清单（PDF）")
    sub = top.add_subparsers(dest="print_command", required=True, metavar="文档")

    p = sub.add_parser("dossier", help="一个人的一人一档")
    p.add_argument("person", metavar="PERSON", help="身份证号或人员编号")
    _common(p)
    _unmask_options(p, "--health", "打印健康状况和残疾情况（须有相应权限）")
    p.set_defaults(func=cmd_dossier)

    p = sub.add_parser("dossiers", help="一个村或乡镇的全部一人一档")
    _scope_options(p)
    _common(p, output="输出的 PDF 文件（--per-person 时为文件夹）")
    _batch_options(p)
    _unmask_options(p, "--health", "打印健康状况和残疾情况（须有相应权限）")
    p.add_argument(
        "--everyone", action="store_true", help="包括没有学籍、意愿、补助、培训、就业记录的家庭成员"
    )
    p.set_defaults(func=cmd_dossiers)

    p = sub.add_parser("form", help="一个学生某学期的补助申请表")
    p.add_argument("person", metavar="PERSON", help="身份证号或人员编号")
    p.add_argument("--term", required=True, metavar="TERM", help="学期，如 2025-autumn、2026-spring")
    _common(p)
    _unmask_options(p, "--full", "打印完整的身份证号、电话和收款账号（签字盖章用；默认打码的核对稿）")
    p.set_defaults(func=cmd_form)

    p = sub.add_parser("forms", help="一个村或乡镇某学期的全部补助申请表")
    _scope_options(p)
    p.add_argument("--term", required=True, metavar="TERM", help="学期，如 2025-autumn、2026-spring")
    _common(p, output="输出的 PDF 文件（--per-person 时为文件夹）")
    _batch_options(p)
    _unmask_options(p, "--full", "打印完整的身份证号、电话和收款账号（签字盖章用；默认打码的核对稿）")
    p.set_defaults(func=cmd_forms)

    p = sub.add_parser("publicity", help="一个村某学期的补助公示名单")
    _scope_options(p, township=False)
    p.add_argument("--term", required=True, metavar="TERM", help="学期，如 2025-autumn")
    p.add_argument("--contact", metavar="NAME", help="受理异议的联系人")
    p.add_argument("--office-phone", metavar="PHONE", help="受理异议的办公电话（不能是个人手机）")
    p.add_argument("--office", help="公示单位（默认为“某某村村民委员会”）")
    p.add_argument("--objection-office", help="同时受理异议的乡镇单位（可选）")
    p.add_argument("--objection-phone", help="该单位的电话（可选）")
    p.add_argument("--start", metavar="DATE", help="公示开始日期（默认今天）")
    p.add_argument("--end", metavar="DATE", help="公示结束日期（默认开始后第 6 天，共 7 天）")
    _common(p)
    p.set_defaults(func=cmd_publicity)

    p = sub.add_parser(
        "register", help="三个清单之一：intent 意愿清单、students 在读学生、graduates 毕业生去向"
    )
    p.add_argument(
        "list", metavar="LIST", help="intent（意愿清单）| students（在读学生）| graduates（毕业生去向）"
    )
    _scope_options(p)
    p.add_argument("--term", metavar="TERM", help="在读学生清单的学期（默认最近的学期）")
    _common(p)
    p.set_defaults(func=cmd_register)
