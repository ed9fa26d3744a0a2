"""``yulu-server``: run the county server and administer it.

    yulu-server serve [--host 0.0.0.0] [--port 8443] [--ssl-certfile cert.pem --ssl-keyfile key.pem]
                      (HTTPS by default: --ssl-* files or those of `admin make-cert`; plain HTTP only on
                      loopback or with --insecure-http, which warns)
    yulu-server admin make-cert [--host yulu.example.gov.cn --host 10.0.0.5] [--days 3650] [--force]
    yulu-server admin migrate
    yulu-server admin create-unit --code 500229 --name 城口县 --level county
    yulu-server admin create-unit --code 500229101 --name 庙坝镇 --level township --parent 500229
    yulu-server admin create-cadre --username zhang --name 张书记 --unit 500229101201
    yulu-server admin issue-code --username zhang [--ssl-certfile cert.pem]
    yulu-server admin devices | revoke DEVICE_ID | stats | purge
    yulu-server admin audit [--device ID] [--flags] [--json]
    yulu-server admin escrow release --device ID [--by 姓名] | escrow list [--device ID]
    yulu-server admin province join --key-file FILE [--grant-to ROLE] | province feed | province status
    yulu-server admin conflicts [--village 红岩村] [--kind field] [--since 7 | --older-than 30] [--all] [--json]
    yulu-server admin conflicts --resolve ID --as keep_winner|keep_loser|edit [--value V] --by 姓名
    yulu-server admin quarantine [--village …] [--kind person] [--since DAYS] [--older-than DAYS] [--all] [--json]
    yulu-server admin quarantine --release ID --by 姓名 | --reject ID --by 姓名 --note 原因
    yulu-server admin records check [--village …] | delete ENTITY ID --by 姓名 [--cascade]
    yulu-server admin records set ENTITY ID FIELD=VALUE … --by 姓名
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
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yulu_desktop.domain import access
from yulu_desktop.server import admin, escrow_cli, province_cli, service
from yulu_desktop.server.db import ServerDatabase, default_database_url
from yulu_desktop.server.fieldcrypt import DataKeyError
from yulu_desktop.stdout_pipe import discard_stdout
from yulu_desktop.sync import certificate_check

if TYPE_CHECKING:
    from yulu_desktop.server import province_feed


def _db(args: argparse.Namespace, *, migrate: bool = True) -> ServerDatabase:
    db = ServerDatabase(args.database_url or default_database_url())
    if migrate:
        db.migrate()
    return db


def cmd_serve(args: argparse.Namespace) -> int:
    import logging

    import uvicorn

    from yulu_desktop.server import tls
    from yulu_desktop.server.app import create_app, freeze_heap

    # HTTPS by default; plain HTTP only on loopback (behind a reverse proxy) or with a loud --insecure-http.
    try:
        listening = tls.choose(
            args.host, args.ssl_certfile, args.ssl_keyfile, insecure_http=args.insecure_http
        )
        fingerprint = tls.fingerprint_of(listening.certfile) if listening.certfile else ""
    except tls.TlsError as exc:
        raise admin.AdminError(str(exc)) from None
    status_token = None
    if args.status_token_file:
        from yulu_desktop.server.status import read_token_file

        try:
            status_token = read_token_file(args.status_token_file)
        except (OSError, ValueError) as exc:
            raise admin.AdminError(f"无法读取状态页口令：{exc}") from None
    admin_token = None
    if args.admin_token_file:
        from yulu_desktop.server.status import read_token_file

        try:
            admin_token = read_token_file(args.admin_token_file)
        except (OSError, ValueError) as exc:
            raise admin.AdminError(f"无法读取管理口令：{exc}") from None
    app = create_app(
        args.database_url or default_database_url(),
        status_token=status_token,
        admin_token=admin_token,
        bundle_upload_limit=args.max_bundle_mb * 1024 * 1024,
    )
    config = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        ssl_certfile=listening.certfile,
        ssl_keyfile=listening.keyfile,
        proxy_headers=True,
        server_header=False,  # 17 bytes of every answer, on links where every byte counts
        timeout_keep_alive=30,  # longer than a laptop keeps an idle connection (sync.transport.KEEPALIVE_SECONDS)
        log_level=args.log_level,
    )
    log = logging.getLogger("uvicorn.error")  # configured by uvicorn.Config: goes where the server logs go
    if listening.insecure_warning:
        banner = "!" * 72
        print(f"{banner}\n{tls.INSECURE_WARNING}\n{banner}", file=sys.stderr, flush=True)
        log.warning(tls.INSECURE_WARNING)
    elif listening.https:
        log.info("HTTPS 证书指纹（SHA-256，电脑注册时记住它）：%s", tls.spaced(fingerprint))
        log.info("证书校验码（随注册码交给干部，注册时核对）：%s", certificate_check.of(fingerprint))

    class ServingServer(uvicorn.Server):
        async def startup(self, sockets: Any = None) -> None:
            freeze_heap()  # this process only serves the app (``app.serving_app``)
            await super().startup(sockets)

    feeder = _province_feeder(args, log)
    try:
        ServingServer(config).run()
    finally:
        if feeder is not None:
            feeder.stop()
            feeder.db.dispose()
    return 0


def _province_feeder(args: argparse.Namespace, log: Any) -> province_feed.Feeder | None:
    """The province feed's background thread (``server.province_feed.Feeder``), when it is not switched off and
    the province key file exists (``admin province join`` stores it); None otherwise."""
    if args.province_feed_seconds <= 0:
        return None
    from yulu_desktop.server import province_feed

    db = ServerDatabase(args.database_url or default_database_url())
    path = province_feed.province_key_file(db.engine.url)
    if not path.exists():
        db.dispose()
        return None
    try:
        key = province_feed.read_province_key(path)
    except province_feed.FeedError as exc:
        db.dispose()
        raise admin.AdminError(str(exc)) from None
    log.info("向省级数据库报送：每 %s 秒一次（省级密钥 %s）", args.province_feed_seconds, key.key_id)
    return province_feed.Feeder(db, key, args.province_feed_seconds).start()


def cmd_make_cert(args: argparse.Namespace) -> int:
    from yulu_desktop.server import tls

    try:
        cert, key, fingerprint = tls.make_certificate(args.host or [], days=args.days, force=args.force)
    except tls.TlsError as exc:
        raise admin.AdminError(str(exc)) from None
    print(f"已生成自签名证书：{cert}")
    print(f"私钥（仅本账号可读）：{key}")
    print(f"证书指纹（SHA-256）：{tls.spaced(fingerprint)}")
    print(f"证书校验码（指纹的前 {certificate_check.DIGITS} 位）：{certificate_check.of(fingerprint)}")
    print(
        "yulu-server serve --host 0.0.0.0 会自动使用它们。电脑注册时会记住这个证书；"
        "admin issue-code 会随注册码给出证书校验码，干部注册时填写即可核对。"
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
    check = _served_certificate_check(args.ssl_certfile)  # before the code: a bad file wastes no code
    db = _db(args)
    code = admin.issue_code(db, username=args.username, valid_hours=args.hours)
    print(f"注册码（只显示这一次，{args.hours} 小时内有效，只能用一次）：{code}")
    if check:
        print(f"证书校验码（与注册码一起交给干部，注册时填写，核对县服务器的证书）：{check}")
    else:
        print(
            "没有找到县服务器的证书（make-cert 生成的，或用 --ssl-certfile 指定 serve 所用的证书），"
            "无法给出证书校验码：电脑注册时将信任首次连接到的证书。",
            file=sys.stderr,
        )
    return 0


def _served_certificate_check(certfile: str | None) -> str:
    """The certificate check (``sync.certificate_check``) of the certificate ``serve`` serves: ``certfile``
    (what ``serve --ssl-certfile`` or the reverse proxy in front of it uses), else ``make-cert``'s; "" when
    there is none (plain HTTP behind a proxy whose certificate was not given)."""
    from yulu_desktop.server import tls

    if not certfile:
        default, _key = tls.default_files()
        if not default.is_file():
            return ""
        certfile = str(default)
    try:
        return certificate_check.of(tls.fingerprint_of(certfile))
    except tls.TlsError as exc:
        raise admin.AdminError(str(exc)) from None


def cmd_devices(args: argparse.Namespace) -> int:
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
    _print_table(DEVICE_COLUMNS, [device_cells(r, now) for r in rows])
    return 0


def _row_dict(row: Any) -> dict[str, Any]:
    """A listing row (a dataclass) as JSON-ready values: times as ISO text (UTC)."""
    assert is_dataclass(row) and not isinstance(row, type)
    return {k: _json_ready(v) for k, v in asdict(row).items()}


def _json_ready(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    return value


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _width(text: str) -> int:
    """Columns a string takes in a terminal (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _clip(text: str, limit: int | None) -> str:
    """At most ``limit`` terminal columns, on one line (…  marks a cut)."""
    text = " ".join(text.split())
    if limit is None or _width(text) <= limit:
        return text
    kept = ""
    for char in text:
        if _width(kept + char) > limit - 1:
            break
        kept += char
    return kept + "…"


def _print_table(
    columns: Sequence[str], rows: Sequence[Sequence[str]], limits: Sequence[int | None] | None = None
) -> None:
    """Rows aligned under their headings, for a terminal: CJK characters count two columns, long cells are
    cut at their column's limit."""
    limits = limits or [None] * len(columns)
    table = [
        list(columns),
        *([_clip(cell, limit) for cell, limit in zip(row, limits, strict=True)] for row in rows),
    ]
    widths = [max(_width(line[i]) for line in table) for i in range(len(columns))]
    for line in table:
        print(
            "  ".join(
                cell + " " * (width - _width(cell)) for cell, width in zip(line, widths, strict=True)
            ).rstrip()
        )


def cmd_revoke(args: argparse.Namespace) -> int:
    db = _db(args)
    admin.revoke_device(db, args.device_id)
    print(f"设备 {args.device_id} 已停用；它之后发送的数据会被暂存待审核。")
    return 0


def _filters(args: argparse.Namespace) -> Any:
    from yulu_desktop.server import review_text

    return review_text.Filters(
        village=args.village,
        kind=args.kind,
        since_days=args.since,
        older_than_days=args.older_than,
        include_handled=args.all,
    )


def cmd_conflicts(args: argparse.Namespace) -> int:
    from yulu_desktop.server import review
    from yulu_desktop.server.status import local_time

    db = _db(args)
    try:
        if args.resolve:
            if not args.resolution:
                raise admin.AdminError("--resolve 需要同时给出 --as keep_winner|keep_loser|edit")
            print(review.resolve_conflict(db, args.resolve, args.resolution, by=args.by, value=args.value))
            return 0
        rows = review.list_conflicts(db, _filters(args))
    finally:
        db.dispose()
    if args.json:
        _print_json([{**_row_dict(r), "reason": r.reason, "status": r.status} for r in rows])
        return 0
    if not rows:
        print("没有待处理的冲突。" if not args.all else "没有冲突。")
        return 0
    columns = [
        "编号",
        "时间",
        "村",
        "户编号",
        "姓名",
        "数据",
        "字段",
        "现在的值（谁改的）",
        "另一个值（谁改的）",
        "原因",
    ]
    limits: list[int | None] = [8, None, 16, 20, 12, 10, 16, 30, 30, 40]
    if args.all:
        columns.append("状态")
        limits.append(40)
    cells = []
    for r in rows:
        line = [
            r.id[:8],
            local_time(r.created_at),
            r.village,
            r.household_no,
            r.person,
            r.entity_label,
            r.field_label,
            f"{r.current_value}（{r.current_by}）",
            f"{r.other_value}（{r.other_by}）",
            r.reason,
        ]
        if args.all:
            line.append(r.status)
        cells.append(line)
    _print_table(columns, cells, limits)
    print(
        f"共 {len(rows)} 条。处理：yulu-server admin conflicts --resolve 编号 --as keep_winner|keep_loser|edit "
        "[--value 新值] --by 姓名（keep_winner 保留现在的值，keep_loser 改用另一个值）"
    )
    return 0


def cmd_quarantine(args: argparse.Namespace) -> int:
    from yulu_desktop.server import review
    from yulu_desktop.server.status import local_time

    if args.release is not None and args.reject is not None:
        raise admin.AdminError("--release 和 --reject 不能同时使用")
    db = _db(args)
    try:
        if args.release is not None:
            result = review.release_quarantined(db, args.release, by=args.by, note=args.note or "")
            print(result.summary())
            return 0 if result.released else 1
        if args.reject is not None:
            review.reject_quarantined(db, args.reject, by=args.by, note=args.note or "")
            print(f"已拒绝暂存记录 {args.reject}（记录仍保留，标记为已拒绝）。")
            return 0
        rows = review.list_quarantine(db, _filters(args))
    finally:
        db.dispose()
    if args.json:
        _print_json([{**_row_dict(r), "status_label": r.status_label} for r in rows])
        return 0
    if not rows:
        print("没有待审核的暂存数据。" if not args.all else "没有暂存数据。")
        return 0
    columns = ["编号", "收到时间", "发送人", "村", "户编号", "姓名", "数据", "操作", "内容", "原因"]
    limits: list[int | None] = [None, None, 12, 16, 20, 12, 14, None, 36, 80]
    if args.all:
        columns.append("状态")
        limits.append(36)
    cells = []
    for r in rows:
        line = [
            str(r.id),
            local_time(r.received_at),
            r.sender,
            r.village,
            r.household_no,
            r.person,
            r.entity_label,
            r.op,
            r.content,
            r.reason,
        ]
        if args.all:
            line.append(r.status_label)
        cells.append(line)
    _print_table(columns, cells, limits)
    print(
        f"共 {len(rows)} 条。放行：--release 编号 --by 姓名（重新核验后写入）；拒绝：--reject 编号 --by 姓名 --note 原因"
    )
    return 0


def cmd_records_check(args: argparse.Namespace) -> int:
    from yulu_desktop.server import repair

    db = _db(args)
    try:
        rows = repair.check_records(db, village=args.village)
    finally:
        db.dispose()
    if args.json:
        _print_json([_row_dict(r) for r in rows])
        return 0
    if not rows:
        print("所有记录都能在电脑上保存，没有发现问题。")
        return 0
    _print_table(
        ["数据", "类型", "编号", "村", "户编号", "姓名", "问题"],
        [
            [
                r.entity_label,
                r.entity,
                r.entity_id,
                r.village,
                r.household_no,
                r.person,
                "；".join(r.problems),
            ]
            for r in rows
        ],
        [None, None, None, 16, 20, 12, 80],
    )
    print(
        f"共 {len(rows)} 条记录电脑上不能保存。修改：admin records set 类型 编号 字段=值 --by 姓名；"
        "删除：admin records delete 类型 编号 --by 姓名"
    )
    return 1


def cmd_records_delete(args: argparse.Namespace) -> int:
    from yulu_desktop.server import repair, review_text

    db = _db(args)
    try:
        deleted = repair.delete_record(db, args.entity, args.id, by=args.by, cascade=args.cascade)
    finally:
        db.dispose()
    others = len(deleted) - 1
    extra = f"（连同属于它的 {others} 条记录）" if others else ""
    print(
        f"已删除{review_text.entity_label(args.entity)}记录 {deleted[-1].entity_id}{extra}，各电脑下次同步时删除。"
    )
    return 0


def cmd_records_set(args: argparse.Namespace) -> int:
    from yulu_desktop.server import repair

    values: dict[str, str] = {}
    for assignment in args.assignments:
        name, sep, value = assignment.partition("=")
        if not sep or not name.strip():
            raise admin.AdminError(f"“{assignment}”应写成 字段=值")
        values[name.strip()] = value
    db = _db(args)
    try:
        remaining = repair.set_fields(db, args.entity, args.id, values, by=args.by)
    finally:
        db.dispose()
    print("已修改，各电脑下次同步时收到。")
    if remaining:
        print("这条记录还有问题：" + "；".join(remaining))
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


def cmd_rotate_key(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        print(f"数据密钥文件：{db.data_key_file}")
        rotation = admin.rotate_data_key(db)
    finally:
        db.dispose()
    if rotation.resumed:
        print("上次的密钥轮换没有完成，已继续完成。")
    print(
        f"已启用新的数据密钥 {rotation.key_id}，重新加密 {rotation.rows} 行；"
        f"旧密钥 {'、'.join(rotation.dropped) or '（无）'} 已从密钥文件中删除。"
    )
    print("请备份新的密钥文件（旧的备份已无法解开数据库中的数据）。")
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


def cmd_audit(args: argparse.Namespace) -> int:
    """Per device: audit entries the county holds, the newest, and every gap or fork (exit 1 if any)."""
    from yulu_desktop.server import audit
    from yulu_desktop.store.audit import local_time

    db = _db(args)
    try:
        rows = audit.summary(db, device=args.device)
    finally:
        db.dispose()
    if args.flags:
        rows = [r for r in rows if r.flags]
    if args.json:
        _print_json([_row_dict(r) for r in rows])
        return 1 if any(r.flags for r in rows) else 0
    if not rows:
        print("没有发现缺失或分叉的审计记录。" if args.flags else "还没有设备发来审计记录。")
        return 0
    for row in rows:
        who = "，".join(x for x in (row.cadre, row.device_name) if x)
        received = f"{row.last_received.astimezone():%Y-%m-%d %H:%M}" if row.last_received else "—"
        print(
            f"设备 {row.device_id[:8]}（{who or '未知'}）：县里保存 {row.entries} 条审计记录，"
            f"最新第 {row.last_id} 条（{local_time(row.last_at)}），最后收到 {received}"
        )
        if not row.flags:
            print("  审计链完整，没有缺失或分叉。")
        for flag in row.flags:
            label = audit.FLAG_LABELS.get(flag.kind, flag.kind)
            print(
                f"  {label} 第 {flag.entry_id} 条（{local_time(flag.at)}，"
                f"{flag.received_at.astimezone():%Y-%m-%d %H:%M} 收到）：{flag.note}"
            )
    return 1 if any(r.flags for r in rows) else 0


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
    p.add_argument(
        "--insecure-http",
        action="store_true",
        help="不加密运行（仅供测试：个人信息会以明文传输；每次启动都会警告）",
    )
    p.add_argument("--log-level", default="info")
    p.add_argument(
        "--status-token-file",
        help="状态页 /status 的口令文件：有了它，其他电脑凭口令也能查看（本机总是可以）",
    )
    p.add_argument(
        "--admin-token-file",
        help="县管理员口令文件（至少 16 个字符）：网页上传U盘同步文件 /bundles 需要它；没有则网页上传关闭",
    )
    p.add_argument(
        "--max-bundle-mb", type=int, default=256, help="网页上传的U盘同步文件大小上限（MB，默认 256）"
    )
    p.add_argument(
        "--province-feed-seconds",
        type=float,
        default=10,
        help="每隔多少秒向省级数据库报送一次（默认 10；0 为不报送；只在已导入省级密钥时报送）",
    )
    p.set_defaults(func=cmd_serve)

    adm = sub.add_parser("admin", help="管理：单位、干部、注册码、设备、冲突")
    a = adm.add_subparsers(dest="admin_command", required=True)
    p = a.add_parser("migrate", help="创建或升级数据库结构")
    p.set_defaults(func=cmd_migrate)
    p = a.add_parser(
        "rotate-key",
        help="轮换敏感字段（身份证号、银行账号等）的数据密钥：生成新密钥并重新加密全部数据，可中断后重跑",
    )
    p.set_defaults(func=cmd_rotate_key)
    p = a.add_parser("make-cert", help="在数据目录生成自签名 HTTPS 证书和私钥（serve 自动使用）")
    p.add_argument(
        "--host", action="append", help="服务器的域名或 IP（可重复；默认：本机名、localhost、127.0.0.1）"
    )
    p.add_argument("--days", type=int, default=3650, help="有效天数（默认 10 年）")
    p.add_argument("--force", action="store_true", help="替换已有的证书（每台电脑都要重新确认）")
    p.set_defaults(func=cmd_make_cert)
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
    p.add_argument("--role", default="village", choices=[r.value for r in access.Role])
    p.set_defaults(func=cmd_create_cadre)
    p = a.add_parser("issue-code", help="为干部的电脑发一次性注册码（并给出核对服务器证书的校验码）")
    p.add_argument("--username", required=True)
    p.add_argument("--hours", type=int, default=72)
    p.add_argument(
        "--ssl-certfile",
        help="县服务器所用的证书（PEM；默认 make-cert 生成的）：据它给出证书校验码。"
        "serve 用 --ssl-certfile 或在反向代理之后运行时，给出那个证书",
    )
    p.set_defaults(func=cmd_issue_code)
    p = a.add_parser("devices", help="设备列表：上次同步、落后多少、待处理冲突（最近同步的在前）")
    p.add_argument("--json", action="store_true", help="输出 JSON（时间为 UTC，ISO 格式）")
    p.set_defaults(func=cmd_devices)
    p = a.add_parser("revoke", help="停用设备")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke)
    p = a.add_parser("conflicts", help="冲突：列出（人名、户编号、村、谁改的）或处理")
    _listing_options(p, kind_help="冲突类型：field（同一字段被两人修改）、edit_vs_delete、delete_vs_edit")
    p.add_argument("--resolve", metavar="ID", help="处理一条冲突（编号可只写前 8 位）")
    p.add_argument("--as", dest="resolution", choices=["keep_winner", "keep_loser", "edit"])
    p.add_argument("--value", help="--as edit 时的新值")
    p.add_argument("--by", default="", help="处理人姓名（处理时必填）")
    p.set_defaults(func=cmd_conflicts)
    p = a.add_parser("duplicates", help="身份证号重复核查：列出或处理")
    p.add_argument("--all", action="store_true", help="包括已处理的")
    p.add_argument("--resolve", metavar="ID", help="处理一条核查记录")
    p.add_argument("--as", dest="resolution", choices=list(admin.DUPLICATE_RESOLUTIONS))
    p.add_argument("--by", default="", help="处理人")
    p.set_defaults(func=cmd_duplicates)
    p = a.add_parser("quarantine", help="暂存待审核的数据：列出、放行或拒绝")
    _listing_options(p, kind_help="数据类型：person、household、visit…（或 人员、户、走访…）")
    p.add_argument("--release", type=int, metavar="ID", help="放行一条：重新核验，合规则写入")
    p.add_argument("--reject", type=int, metavar="ID", help="拒绝一条（保留记录，标记为已拒绝）")
    p.add_argument("--by", default="", help="处理人姓名（放行、拒绝时必填）")
    p.add_argument("--note", help="说明（拒绝时必填）")
    p.set_defaults(func=cmd_quarantine)
    p = a.add_parser("records", help="检查、修改或删除不该存进来的记录（通过同步发给各电脑）")
    r = p.add_subparsers(dest="records_command", required=True)
    q = r.add_parser("check", help="列出电脑上不能保存的记录（发现问题时退出码为 1）")
    q.add_argument("--village", help="只看这个单位（编码或名称）及其下级")
    q.add_argument("--json", action="store_true", help="输出 JSON")
    q.set_defaults(func=cmd_records_check)
    q = r.add_parser("delete", help="删除一条记录（各电脑同步时也删除）")
    q.add_argument("entity", help="数据类型：person、household、org_unit…")
    q.add_argument("id", help="记录编号（可只写前 8 位）")
    q.add_argument("--by", required=True, help="处理人姓名")
    q.add_argument("--cascade", action="store_true", help="一并删除属于它的记录")
    q.set_defaults(func=cmd_records_delete)
    q = r.add_parser("set", help="修改一条记录的字段（经校验，各电脑同步时收到）")
    q.add_argument("entity", help="数据类型：person、household、org_unit…")
    q.add_argument("id", help="记录编号（可只写前 8 位）")
    q.add_argument("assignments", nargs="+", metavar="FIELD=VALUE", help="如 name=张三 sex=男")
    q.add_argument("--by", required=True, help="处理人姓名")
    q.set_defaults(func=cmd_records_set)
    p = a.add_parser("stats", help="统计")
    p.set_defaults(func=cmd_stats)
    p = a.add_parser("import-bundle", help="导入电脑的U盘同步文件，生成给它的回执")
    p.add_argument("file", help="电脑导出的U盘同步文件（.yulusync）")
    p.add_argument("-o", "--output", help="回执文件名（默认：与同步文件放在同一目录）")
    p.set_defaults(func=cmd_import_bundle)
    p = a.add_parser("purge", help="清理所有设备都已收到的删除记录历史")
    p.set_defaults(func=cmd_purge)
    p = a.add_parser("audit", help="各设备发来的审计记录：条数、最新一条、缺失或分叉（发现时退出码为 1）")
    p.add_argument("--device", help="只看这台设备（编号，可只写前 8 位）")
    p.add_argument("--flags", action="store_true", help="只列出有缺失或分叉的设备")
    p.add_argument("--json", action="store_true", help="输出 JSON（时间为 UTC，ISO 格式）")
    p.set_defaults(func=cmd_audit)
    escrow_cli.add_commands(a)
    province_cli.add_parsers(a)
    return parser


def _listing_options(p: argparse.ArgumentParser, *, kind_help: str) -> None:
    p.add_argument("--village", help="只看这个单位（编码或名称）及其下级")
    p.add_argument("--kind", help=kind_help)
    p.add_argument("--since", type=float, metavar="DAYS", help="只看最近 DAYS 天的")
    p.add_argument("--older-than", type=float, metavar="DAYS", help="只看 DAYS 天以前的")
    p.add_argument("--all", action="store_true", help="包括已处理的")
    p.add_argument("--json", action="store_true", help="输出 JSON（时间为 UTC，ISO 格式）")


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (admin.AdminError, DataKeyError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        discard_stdout()  # the reader went away (``… | head``): stop quietly, as other tools do
        return 1


if __name__ == "__main__":
    sys.exit(main())
