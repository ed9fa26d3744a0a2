"""``yulu-server``: run the county server and administer it.

    yulu-server serve [--host 0.0.0.0] [--port 8443] [--ssl-certfile cert.pem --ssl-keyfile key.pem]
    yulu-server admin migrate
    yulu-server admin create-unit --code 500229 --name 城口县 --level county
    yulu-server admin create-unit --code 500229101 --name 庙坝镇 --level township --parent 500229
    yulu-server admin create-cadre --username zhang --name 张书记 --unit 500229101201
    yulu-server admin issue-code --username zhang
    yulu-server admin devices | revoke DEVICE_ID | conflicts | quarantine | stats | purge
    yulu-server admin import-bundle FILE [-o REPLY]
    yulu-server admin duplicates [--all] [--resolve ID --as same_person|different_people|rejected]

``--database-url`` (or ``YULU_SERVER_DB``) selects the database: a SQLite file in the data directory by default,
``postgresql://user@host/db`` in production.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from yulu_desktop.server import admin, service
from yulu_desktop.server.db import ServerDatabase, default_database_url


def _db(args: argparse.Namespace, *, migrate: bool = True) -> ServerDatabase:
    db = ServerDatabase(args.database_url or default_database_url())
    if migrate:
        db.migrate()
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from yulu_desktop.server.app import create_app

    status_token = None
    if args.status_token_file:
        from yulu_desktop.server.status import read_token_file

        try:
            status_token = read_token_file(args.status_token_file)
        except (OSError, ValueError) as exc:
            raise admin.AdminError(f"无法读取状态页口令：{exc}") from None
    app = create_app(args.database_url or default_database_url(), status_token=status_token)
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise admin.AdminError("--ssl-certfile 和 --ssl-keyfile 需要同时给出")
    uvicorn.run(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        proxy_headers=True,
        server_header=False,  # 17 bytes of every answer, on links where every byte counts
        log_level=args.log_level,
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    _db(args).dispose()
    print("数据库已升级到最新结构。")
    return 0


def cmd_create_unit(args: argparse.Namespace) -> int:
    db = _db(args)
    unit_id = admin.create_unit(db, code=args.code, name=args.name, level=args.level, parent_code=args.parent)
    print(f"已创建 {args.name}（{args.code}），编号 {unit_id}")
    return 0


def cmd_create_cadre(args: argparse.Namespace) -> int:
    db = _db(args)
    admin.create_cadre(db, username=args.username, name=args.name, unit_code=args.unit, role=args.role)
    print(f"已创建干部账号 {args.username}（{args.name}），管辖 {args.unit}")
    return 0


def cmd_issue_code(args: argparse.Namespace) -> int:
    db = _db(args)
    code = admin.issue_code(db, username=args.username, valid_hours=args.hours)
    print(f"注册码（只显示这一次，{args.hours} 小时内有效，只能用一次）：{code}")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from yulu_desktop.server.status import DEVICE_COLUMNS, device_cells

    db = _db(args)
    try:
        rows = admin.list_devices(db)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([_row_dict(r) for r in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("还没有注册的设备。")
        return 0
    now = datetime.now(UTC)
    table = [DEVICE_COLUMNS, *(device_cells(r, now) for r in rows)]
    widths = [max(_width(line[i]) for line in table) for i in range(len(DEVICE_COLUMNS))]
    for line in table:
        print(
            "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(line, widths, strict=True))
        )
    return 0


def _row_dict(row: admin.DeviceRow) -> dict[str, object]:
    from dataclasses import asdict
    from datetime import datetime

    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in asdict(row).items()}


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cmd_revoke(args: argparse.Namespace) -> int:
    db = _db(args)
    admin.revoke_device(db, args.device_id)
    print(f"设备 {args.device_id} 已停用；它之后发送的数据会被暂存待审核。")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    db = _db(args)
    print(json.dumps(admin.list_conflicts(db, include_resolved=args.all), ensure_ascii=False, indent=2))
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    if args.resolve and not args.resolution:
        raise admin.AdminError("--resolve 需要同时给出 --as same_person|different_people|rejected")
    db = _db(args)
    try:
        if args.resolve:
            admin.resolve_duplicate(db, args.resolve, args.resolution, resolved_by=args.by)
            print("已处理。")
        else:
            print(
                json.dumps(admin.list_duplicates(db, include_resolved=args.all), ensure_ascii=False, indent=2)
            )
    finally:
        db.dispose()
    return 0


def cmd_quarantine(args: argparse.Namespace) -> int:
    db = _db(args)
    print(json.dumps(admin.list_quarantine(db), ensure_ascii=False, indent=2))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    db = _db(args)
    print(json.dumps(admin.stats(db), ensure_ascii=False, indent=2))
    return 0


def cmd_import_bundle(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        reply, summary = admin.import_bundle_file(
            db, Path(args.file), Path(args.output) if args.output else None
        )
    finally:
        db.dispose()
    print(summary)
    print(f"回执已保存到 {reply}：请拷回U盘，在那台电脑上导入（同步 › 导入县里回执…）。")
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    db = _db(args)
    print(f"已清理 {service.purge_tombstones(db)} 条所有设备都已收到的删除记录历史。")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="yulu-server", description="雨露计划+ 县服务器")
    parser.add_argument(
        "--database-url", help="数据库地址（默认：数据目录中的 SQLite 文件；或 postgresql://…）"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="运行县服务器")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--ssl-certfile", help="TLS 证书（PEM）")
    p.add_argument("--ssl-keyfile", help="TLS 私钥（PEM）")
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--status-token-file",
        help="状态页 /status 的口令文件：有了它，其他电脑凭口令也能查看（本机总是可以）",
    )
    p.set_defaults(func=cmd_serve)

    adm = sub.add_parser("admin", help="管理：单位、干部、注册码、设备、冲突")
    a = adm.add_subparsers(dest="admin_command", required=True)
    p = a.add_parser("migrate", help="创建或升级数据库结构")
    p.set_defaults(func=cmd_migrate)
    p = a.add_parser("create-unit", help="创建县、乡镇、村或村民小组")
    p.add_argument("--code", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--level", required=True, choices=["county", "township", "village", "group"])
    p.add_argument("--parent", help="上级单位编码")
    p.set_defaults(func=cmd_create_unit)
    p = a.add_parser("create-cadre", help="创建干部账号并指定管辖范围")
    p.add_argument("--username", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--unit", required=True, help="管辖单位编码（村、乡镇或县）")
    p.add_argument("--role", default="village", choices=["village", "township", "county"])
    p.set_defaults(func=cmd_create_cadre)
    p = a.add_parser("issue-code", help="为干部的电脑发一次性注册码")
    p.add_argument("--username", required=True)
    p.add_argument("--hours", type=int, default=72)
    p.set_defaults(func=cmd_issue_code)
    p = a.add_parser("devices", help="设备列表：上次同步、落后多少、待处理冲突（最近同步的在前）")
    p.add_argument("--json", action="store_true", help="输出 JSON（时间为 UTC，ISO 格式）")
    p.set_defaults(func=cmd_devices)
    p = a.add_parser("revoke", help="停用设备")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke)
    p = a.add_parser("conflicts", help="列出冲突")
    p.add_argument("--all", action="store_true", help="包括已处理的")
    p.set_defaults(func=cmd_conflicts)
    p = a.add_parser("duplicates", help="身份证号重复核查：列出或处理")
    p.add_argument("--all", action="store_true", help="包括已处理的")
    p.add_argument("--resolve", metavar="ID", help="处理一条核查记录")
    p.add_argument("--as", dest="resolution", choices=list(admin.DUPLICATE_RESOLUTIONS))
    p.add_argument("--by", default="", help="处理人")
    p.set_defaults(func=cmd_duplicates)
    p = a.add_parser("quarantine", help="列出暂存待审核的数据")
    p.set_defaults(func=cmd_quarantine)
    p = a.add_parser("stats", help="统计")
    p.set_defaults(func=cmd_stats)
    p = a.add_parser("import-bundle", help="导入电脑的U盘同步文件，生成给它的回执")
    p.add_argument("file", help="电脑导出的U盘同步文件（.yulusync）")
    p.add_argument("-o", "--output", help="回执文件名（默认：与同步文件放在同一目录）")
    p.set_defaults(func=cmd_import_bundle)
    p = a.add_parser("purge", help="清理所有设备都已收到的删除记录历史")
    p.set_defaults(func=cmd_purge)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except admin.AdminError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
