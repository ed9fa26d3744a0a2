"""``yulu-server admin province``: join the province view (store the province key, feed, publish), feed once,
and show where the feed and its replication stand (issue 17, ``server.province_feed``)."""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from yulu_desktop.server import province_feed as feed
from yulu_desktop.server.db import ServerDatabase, default_database_url


def _reported(command: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A command whose ``FeedError`` is printed as ``错误：…`` with exit code 1."""

    @functools.wraps(command)
    def run(args: argparse.Namespace) -> int:
        try:
            return command(args)
        except feed.FeedError as exc:
            print(f"错误：{exc}", file=sys.stderr)
            return 1

    return run


def _db(args: argparse.Namespace) -> ServerDatabase:
    db = ServerDatabase(args.database_url or default_database_url())
    db.migrate()
    return db


def _print_result(result: feed.FeedResult) -> None:
    print(
        f"已报送县 {result.county_code}：写入 {result.changed} 行，删除 {result.deleted} 行，"
        f"游标 {result.last_seq}。"
    )


@_reported
def cmd_join(args: argparse.Namespace) -> int:
    key = feed.read_province_key(Path(args.key_file))
    db = _db(args)
    try:
        path = feed.province_key_file(db.engine.url)
        feed.write_province_key(path, key)
        print(f"省级密钥 {key.key_id} 已保存到 {path}（仅本账号可读；请与数据密钥文件一起备份）。")
        _print_result(feed.feed_once(db, key))
        warnings = feed.publish(db, grant_to=args.grant_to, name=args.publication)
    finally:
        db.dispose()
    print(f"已发布 {args.publication}（{len(feed.FEED_TABLE_NAMES)} 张表），省里可以订阅本县了。")
    for warning in warnings:
        print(f"警告：{warning}")
    print("yulu-server serve 运行时每隔 --province-feed-seconds 秒（默认 10 秒）自动报送。")
    return 0


@_reported
def cmd_feed(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        key = feed.read_province_key(feed.province_key_file(db.engine.url))
        _print_result(feed.feed_once(db, key))
    finally:
        db.dispose()
    return 0


def _ago(moment: datetime | None) -> str:
    if moment is None:
        return "从未"
    seconds = max(0.0, (datetime.now(UTC) - moment).total_seconds())
    return f"{moment.astimezone():%Y-%m-%d %H:%M:%S}（{seconds:.0f} 秒前）"


@_reported
def cmd_status(args: argparse.Namespace) -> int:
    db = _db(args)
    try:
        status = feed.feed_status(db, publication=args.publication)
    finally:
        db.dispose()
    print(f"县：{status.county_name}（{status.county_code}）")
    key = f"{status.key_id}（{status.key_file}）" if status.key_id else f"没有（{status.key_file}）"
    print(f"省级密钥：{key}")
    behind = status.head - status.last_seq
    print(f"报送游标：{status.last_seq} / 最新 {status.head}（落后 {behind}），共 {status.people} 人")
    print(f"最近一次报送：{_ago(status.heartbeat_at)}；最近一次有变化：{_ago(status.changed_at)}")
    if not status.postgres:
        print("发布：这个县服务器使用 SQLite，不能向省里发布（需要 PostgreSQL）。")
        return 0 if status.fed else 1
    if status.publication:
        print(f"发布 {args.publication}：已建立，{len(status.published_tables)} 张表")
    else:
        print(f"发布 {args.publication}：没有（yulu-server admin province join 建立）")
    if not status.slots:
        print("复制槽：没有（省里还没有订阅，或订阅已删除）")
    subscribers = sum(1 for slot in status.slots if slot.subscriber is not None)
    if subscribers > 1:
        print(
            f"订阅本县的数据库：{subscribers} 个（如省里和市里各一个），每个复制槽各自保留对方还没确认的日志（WAL）"
        )
    for slot in status.slots:
        lag = "未知" if slot.lag_bytes is None else f"{slot.lag_bytes} 字节"
        replay = "" if slot.replay_lag_seconds is None else f"，回放延迟 {slot.replay_lag_seconds:.1f} 秒"
        state = "连接中" if slot.active else "未连接"
        if slot.subscriber is None:
            owner = (
                "（订阅者复制表时的临时槽）" if slot.name.startswith("pg_") else "（不是省级订阅的复制槽）"
            )
        elif slot.subscriber:
            owner = f"（订阅者 {slot.subscriber}）"
        else:
            owner = "（早期名称，订阅者只有一个时建立）"
        print(
            f"复制槽 {slot.name}{owner}：{state}{'（' + slot.state + '）' if slot.state else ''}，"
            f"未确认 {lag}{replay}"
        )
    for warning in status.warnings:
        print(f"警告：{warning}")
    return 0 if status.fed and status.publication else 1


def add_parsers(admin: Any) -> None:
    """The ``province`` group under ``yulu-server admin``."""
    p = admin.add_parser("province", help="省级汇总：加入省级数据库（逻辑复制发布）、报送、查看报送状态")
    sub = p.add_subparsers(dest="province_command", required=True)
    q = sub.add_parser("join", help="导入省里发的密钥文件，报送一次，并建立发布（PostgreSQL）")
    q.add_argument("--key-file", required=True, help="省里用 yulu-province make-key 生成的密钥文件")
    q.add_argument("--grant-to", help="省里订阅时使用的数据库角色（授予它读取报送表的权限）")
    q.add_argument("--publication", default=feed.PUBLICATION, help=argparse.SUPPRESS)
    q.set_defaults(func=cmd_join)
    q = sub.add_parser("feed", help="立即报送一次（打印写入、删除的行数）")
    q.set_defaults(func=cmd_feed)
    q = sub.add_parser("status", help="报送状态：游标与最新变更、心跳、发布、复制槽及其延迟")
    q.add_argument("--publication", default=feed.PUBLICATION, help=argparse.SUPPRESS)
    q.set_defaults(func=cmd_status)
