"""``yulu bundle export|import``: sync with the county by USB stick (U盘同步), see docs/SYNC.md "USB bundles".

    yulu bundle export -o 雨露同步.yulusync     # everything the county has not acknowledged, for the county
    yulu bundle import 雨露回执.yulureply       # the county's reply: acknowledgements and its changes

Exit status 0 when done; 1 with a Chinese message when the file was refused (nothing applied) — and for
``import`` also when the county's data did not all fit into this reply (export again for the rest).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from yulu_desktop.cli.common import open_database


def _progress(stage: str, done: int, total: int) -> None:
    label = "导出" if stage == "export" else "导入"
    print(f"\r{label} {done}/{total}", end="", file=sys.stderr, flush=True)


def cmd_export(args: argparse.Namespace) -> int:
    from yulu_desktop.sync import bundle

    db = open_database(args)
    try:
        target = Path(args.output)
        if target.is_dir():
            with db.read_connection() as conn:
                device = conn.exec_driver_sql("SELECT device_id FROM device_state WHERE id = 1").scalar_one()
            target = target / bundle.default_export_name(str(device))
        report = bundle.export_bundle(db, target, progress=None if args.quiet else _progress)
    finally:
        db.close()
    if not args.quiet and report.entries:
        print(file=sys.stderr)
    print(
        f"已导出U盘同步文件 {report.path}（{report.size / 1024:.0f} KB）：{report.entries} 条修改，"
        f"{report.blobs} 个附件。请把它交给县里导入，再把县里的回执导入本机（yulu bundle import 回执文件）。"
    )
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from yulu_desktop.sync import bundle

    data = bundle.read_file(Path(args.reply))
    db = open_database(args)
    try:
        report = bundle.import_reply(db, data, progress=None if args.quiet else _progress)
    finally:
        db.close()
    if not args.quiet and report.pulled:
        print(file=sys.stderr)
    if report.nothing_new:
        print("这个回执以前已经导入过（或没有新内容），本机数据没有变化。")
    else:
        print(
            f"已导入县里的回执：县里确认收到 {report.acknowledged} 条修改（暂存待审核 {report.quarantined} 条），"
            f"接收 {report.pulled} 条数据，冲突 {report.conflicts} 条，附件确认 {report.blobs_confirmed} 个、"
            f"收到 {report.blobs_received} 个；本机待发送 {report.pending} 条。"
        )
    if report.kept_local:
        print(f"有 {report.kept_local} 处本机尚未发送的修改被保留，下次同步时发送。")
    for problem in report.problems:
        print(f"注意：{problem}")
    return 1 if report.more else 0


def add_commands(subparsers: Any) -> None:
    """Add ``bundle`` to the ``yulu`` command line."""
    parser = subparsers.add_parser("bundle", help="U盘同步：导出给县里的同步文件，导入县里的回执")
    sub = parser.add_subparsers(dest="bundle_command", required=True)

    p = sub.add_parser("export", help="把县里尚未确认的修改和附件导出为U盘同步文件（加密、签名）")
    p.add_argument("-o", "--output", required=True, help="文件名（或目录：自动命名）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="导入县里返回的回执文件")
    p.add_argument("reply", help="回执文件（.yulureply）")
    p.add_argument("--quiet", action="store_true", help="不显示进度")
    p.set_defaults(func=cmd_import)
