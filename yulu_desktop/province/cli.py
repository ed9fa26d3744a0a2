"""``yulu-province``: the province (or city) database over many county servers.

    yulu-province migrate                                   # create or upgrade the province tables
    yulu-province make-key --out province-key.json         # the ID-hash key, given to every county once
    yulu-province add-county --code 500229 --name 城口县 --conninfo 'host=… dbname=yulu user=province' [--no-copy]
    yulu-province drop-county --code 500229 [--drop-data]
    yulu-province status                                    # each county: subscription, lag, last heartbeat
    yulu-province checks [--county 500229] [--kind double_subsidy] [--xlsx 跨县核查.xlsx]
    yulu-province stats [--year 2025] [--term 2025-autumn] [--json]
    yulu-province serve [--host 127.0.0.1] [--port 8470] [--token-file token.txt]

``--database-url`` (or ``YULU_PROVINCE_DB``) names the province's PostgreSQL database. The county side is
``yulu-server admin province join --key-file province-key.json`` on each county server (docs/PROVINCE.md).
Errors are printed in Chinese with exit status 1, never as a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from yulu_desktop.province import counties
from yulu_desktop.province.checks import CHECK_LABELS, CheckKind, run_checks
from yulu_desktop.province.db import ProvinceDatabase, ProvinceError, database_url_from
from yulu_desktop.province.stats import CountyFigures, province_stats
from yulu_desktop.province.status import CountyStatus, county_status
from yulu_desktop.stdout_pipe import discard_stdout


def _db(args: argparse.Namespace) -> ProvinceDatabase:
    return ProvinceDatabase(database_url_from(args.database_url))


def cmd_migrate(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        db.migrate()
        print(f"省级数据库结构已是最新版本（{db.current_revision()}）。")
    finally:
        db.dispose()
    return 0


def cmd_make_key(args: argparse.Namespace) -> int:
    from yulu_desktop.server.province_feed import FeedError, new_province_key, write_province_key

    key = new_province_key()
    out = Path(args.out)
    try:
        write_province_key(out, key)
    except (FeedError, OSError) as exc:
        raise ProvinceError(f"无法写入省级密钥 {out}：{exc}") from None
    print(f"省级密钥 {key.key_id} 已写入 {out}（只有本机管理员可读）。")
    print("把它安全地交给每个县（不要用电子邮件），在县服务器上执行：")
    print(f"  yulu-server admin province join --key-file {out.name}")
    print("各县用同一把密钥，身份证号摘要才能跨县比对；密钥一旦使用就不要更换。")
    return 0


def cmd_add_county(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        db.migrate()
        county = counties.add_county(
            db, code=args.code, name=args.name, conninfo=args.conninfo, copy_data=not args.no_copy
        )
    finally:
        db.dispose()
    copy = "正在复制县里的现有数据" if not args.no_copy else "不复制现有数据，只接收以后的变更"
    print(
        f"已添加县 {county.code}（{county.name}），订阅 {county.subscription}"
        f"（县服务器上的复制槽 {county.slot}）：{copy}。"
    )
    print("用 yulu-province status 查看延迟。")
    return 0


def cmd_drop_county(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        messages = counties.drop_county(db, code=args.code, keep_data=not args.drop_data)
    finally:
        db.dispose()
    for message in messages:
        print(message)
    return 0


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _print_table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    table = [list(columns), *(list(r) for r in rows)]
    widths = [max(_width(line[i]) for line in table) for i in range(len(columns))]
    for line in table:
        print("  ".join(c + " " * (w - _width(c)) for c, w in zip(line, widths, strict=True)).rstrip())


def lag_text(seconds: float | None) -> str:
    """``12秒``, ``5分钟``, ``3小时12分``, ``2天4小时``; ``无心跳`` when nothing arrived yet."""
    if seconds is None:
        return "无心跳"
    s = int(seconds)
    if s < 60:
        return f"{s}秒"
    if s < 3600:
        return f"{s // 60}分钟"
    if s < 86400:
        return f"{s // 3600}小时{s % 3600 // 60}分"
    return f"{s // 86400}天{s % 86400 // 3600}小时"


def subscription_text(state: CountyStatus) -> str:
    if state.running:
        return "运行中"
    if state.enabled:
        return "已启用，未运行"
    return "已停用或不存在"


def _status_cells(state: CountyStatus) -> list[str]:
    heartbeat = (
        "" if state.heartbeat_at is None else state.heartbeat_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
    )
    errors = f"应用 {state.apply_errors} / 同步 {state.sync_errors}"
    return [
        f"{state.code} {state.name}",
        subscription_text(state),
        lag_text(state.lag_seconds),
        heartbeat,
        errors,
        str(state.people),
        state.slot,
    ]


def cmd_status(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        states = county_status(db)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps([_json_ready(asdict(s)) for s in states], ensure_ascii=False, indent=2))
        return 0
    if not states:
        print("还没有添加县：yulu-province add-county --code … --name … --conninfo …")
        return 0
    _print_table(
        ["县", "订阅", "延迟", "最近心跳", "错误", "人数", "复制槽"], [_status_cells(s) for s in states]
    )
    return 0


def _json_ready(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    return value


def _kinds(values: Sequence[str] | None) -> list[CheckKind] | None:
    if not values:
        return None
    by_name = {label: kind for kind, label in CHECK_LABELS.items()}
    kinds = []
    for value in values:
        if value in {k.value for k in CheckKind}:
            kinds.append(CheckKind(value))
        elif value in by_name:
            kinds.append(by_name[value])
        else:
            known = "、".join(f"{k.value}（{label}）" for k, label in CHECK_LABELS.items())
            raise ProvinceError(f"没有这种核查：{value!r}。可选：{known}")
    return kinds


def cmd_checks(args: argparse.Namespace) -> int:
    if args.county is not None and not args.county.isdigit():
        raise ProvinceError(f"--county 应为县代码（6 位数字），而不是 {args.county!r}")
    db = _db(args)
    try:
        rows = run_checks(db, county=args.county, kinds=_kinds(args.kind))
    finally:
        db.dispose()
    if args.xlsx:
        from yulu_desktop.province import checks_excel

        kinds = _kinds(args.kind) or list(CheckKind)
        made = f"{datetime.now().astimezone():%Y-%m-%d %H:%M}"
        checks_excel.write(Path(args.xlsx), checks_excel.sheets(rows, kinds, args.county or "全部县", made))
        count = sum(len(row.parties) for row in rows)
        print(f"已导出 {len(rows)} 条核查结果（{count} 行）到 {args.xlsx}")
        return 0
    if not rows:
        print("没有发现跨县问题。")
        return 0
    for n, row in enumerate(rows, start=1):
        print(f"{n}. 【{CHECK_LABELS[row.kind]}】{row.message}")
        for p in row.parties:
            where = "".join(x for x in (p.county_name, p.township, p.village) if x)
            print(f"   - {where} 户 {p.household_no} {p.name} {p.id_masked}：{p.detail}")
    print(f"共 {len(rows)} 条。")
    return 0


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1%}"


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _figure_cells(f: CountyFigures) -> list[str]:
    return [
        f"{f.code} {f.name}".strip(),
        str(f.graduates),
        str(f.employed),
        str(f.placed),
        _percent(f.employment_rate),
        _percent(f.placed_rate),
        str(f.students),
        str(f.applications),
        str(f.approved),
        str(f.paid),
        _yuan(f.paid_fen),
        str(f.failed),
    ]


def cmd_stats(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        stats = province_stats(db, graduation_year=args.year, term=args.term)
    finally:
        db.dispose()
    if args.json:
        print(json.dumps(_json_ready(asdict(stats)), ensure_ascii=False, indent=2))
        return 0
    from yulu_desktop.domain.rules import term_label

    year = f"{stats.graduation_year}届" if stats.graduation_year else "全部毕业年份"
    term = term_label(stats.term) if stats.term else "全部学期"
    print(f"雨露计划 全省统计 · 毕业生：{year} · 补助：{term}")
    columns = [
        "县",
        "毕业生",
        "就业",
        "去向落实",
        "就业率",
        "落实率",
        "在读",
        "申请",
        "审定",
        "已发放",
        "发放金额（元）",
        "发放失败",
    ]
    _print_table(columns, [_figure_cells(f) for f in (*stats.counties, stats.total)])
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from yulu_desktop.province.web import create_app
    from yulu_desktop.server.status import read_token_file

    token = None
    if args.token_file:
        try:
            token = read_token_file(args.token_file)
        except (OSError, ValueError) as exc:
            raise ProvinceError(f"无法读取网页口令文件：{exc}") from None
    db = _db(args)
    try:
        app = create_app(db, token=token, refresh=timedelta(minutes=args.refresh_minutes))
        uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level)
    finally:
        db.dispose()
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="yulu-province", description="雨露计划+ 省（市）级数据库：汇总各县服务器"
    )
    parser.add_argument(
        "--database-url", help="省级 PostgreSQL 数据库地址（默认取环境变量 YULU_PROVINCE_DB）"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("migrate", help="创建或升级省级数据库结构")
    p.set_defaults(func=cmd_migrate)

    p = sub.add_parser("make-key", help="生成身份证号摘要的省级密钥（发给每个县，各县相同）")
    p.add_argument("--out", required=True, help="密钥文件（已存在时不覆盖）")
    p.set_defaults(func=cmd_make_key)

    p = sub.add_parser("add-county", help="添加一个县：建分区并订阅县服务器的发布")
    p.add_argument("--code", required=True, help="县代码（6 位数字，如 500229）")
    p.add_argument("--name", required=True, help="县名称（如 城口县）")
    p.add_argument(
        "--conninfo",
        required=True,
        help="县 PostgreSQL 的连接串（如 'host=10.0.0.5 dbname=yulu user=province'）",
    )
    p.add_argument("--no-copy", action="store_true", help="不复制县里的现有数据，只接收以后的变更")
    p.set_defaults(func=cmd_add_county)

    p = sub.add_parser("drop-county", help="移除一个县：删除订阅并分离分区")
    p.add_argument("--code", required=True, help="县代码")
    p.add_argument("--drop-data", action="store_true", help="删除该县的数据（默认改名保留）")
    p.set_defaults(func=cmd_drop_county)

    p = sub.add_parser("status", help="各县订阅状态、延迟、最近心跳、错误")
    p.add_argument("--json", action="store_true", help="输出 JSON（时间为 UTC，ISO 格式）")
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("checks", help="跨县核查：重复登记、重复补助、跨县迁户、去向不一致")
    p.add_argument("--county", help="只看涉及这个县（县代码）的")
    p.add_argument(
        "--kind",
        action="append",
        help="只看这种核查（可重复）：" + "、".join(f"{k.value}（{v}）" for k, v in CHECK_LABELS.items()),
    )
    p.add_argument("--xlsx", help="导出为 Excel 文件")
    p.set_defaults(func=cmd_checks)

    p = sub.add_parser("stats", help="全省及各县的就业和补助统计")
    p.add_argument("--year", type=int, help="毕业年份（默认：全部）")
    p.add_argument("--term", help="补助学期，如 2025-autumn（默认：全部）")
    p.add_argument("--json", action="store_true", help="输出 JSON")
    p.set_defaults(func=cmd_stats)

    p = sub.add_parser("serve", help="运行只读网页（全省统计、跨县核查、订阅状态）")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8470)
    p.add_argument(
        "--token-file", help="网页口令文件（至少 16 个字符）：有了它，其他电脑凭口令也能查看（本机总是可以）"
    )
    p.add_argument(
        "--refresh-minutes",
        type=float,
        default=10,
        help="统计数字和跨县核查结果多久重新计算一次（分钟，默认 10；全省数据量大时需要几分钟，在后台进行）",
    )
    p.add_argument("--log-level", default="info")
    p.set_defaults(func=cmd_serve)
    return parser


def _database_message(exc: DBAPIError) -> str:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else str(exc)
    if isinstance(exc, ProgrammingError) and "does not exist" in detail:
        return f"省级数据库还没有建表或版本过旧，请先运行 yulu-province migrate（{detail}）"
    if isinstance(exc, OperationalError):
        return f"无法连接省级数据库：{detail}"
    return f"省级数据库出错：{detail}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except ProvinceError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except DBAPIError as exc:
        print(f"错误：{_database_message(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        discard_stdout()
        return 1


if __name__ == "__main__":
    sys.exit(main())
