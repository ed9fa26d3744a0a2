"""Adding and dropping counties: one partition per county and table, one subscription per county.

Adding a county (``yulu-province add-county``) creates the county's partition of every ``prov_*`` table and then
``CREATE SUBSCRIPTION yulu_c<code> … PUBLICATION yulu_province``: PostgreSQL copies the county's tables (unless
``copy_data`` is off) and from then on applies every change the county's feeder commits. CREATE SUBSCRIPTION
cannot run inside a transaction block, so the partitions are committed first; if the subscription cannot be
created (county unreachable, publication missing, wrong password) they are dropped again and the error says what
failed, so a failed attempt leaves nothing behind and can simply be repeated.

Dropping a county disables and drops its subscription, which also drops the replication slot on the county. If
the county cannot be reached the slot cannot be dropped: the subscription is detached from it (``slot_name =
NONE``) and dropped anyway, and the administrator is told the exact SQL to run on the county, because a slot left
behind makes the county keep its WAL forever. The partitions are then detached: kept under a dated name
(``prov_person_c500229_detached_20261206``) for the record, or dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Final

import psycopg.conninfo
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError

from yulu_desktop.province.db import ProvinceDatabase, ProvinceError
from yulu_desktop.server import province_feed

#: The publication every county server creates, and its tables, parents before children (``server.province_feed``).
PUBLICATION: Final = province_feed.PUBLICATION
FEED_TABLES: Final = province_feed.FEED_TABLE_NAMES
#: Seconds a subscription waits for the county's server to answer (unless the connection string says otherwise).
CONNECT_TIMEOUT: Final = 20
_CODE: Final = re.compile(r"\d{6}")


@dataclass(frozen=True)
class County:
    code: str
    name: str
    subscription: str
    added_at: datetime
    detached_at: datetime | None


def partition_name(table: str, code: str) -> str:
    """The partition of ``table`` holding county ``code``: ``prov_person_c500229``."""
    return f"{table}_c{code}"


def subscription_name(code: str) -> str:
    """The subscription (and the replication slot on the county) of county ``code``: ``yulu_c500229``."""
    return f"yulu_c{code}"


def _check_code(code: str) -> str:
    if not _CODE.fullmatch(code):
        raise ProvinceError(f"县代码应为 6 位数字（如 500229），而不是 {code!r}")
    return code


def _check_name(name: str) -> str:
    cleaned = name.strip()
    if not cleaned or len(cleaned) > 40 or any(ch in cleaned for ch in "\r\n\t"):
        raise ProvinceError(f"县名称应为 1–40 个字、不含换行（如 城口县），而不是 {name!r}")
    return cleaned


def _literal(value: str) -> str:
    """A SQL string literal (CREATE SUBSCRIPTION takes no bind parameters; standard_conforming_strings is on)."""
    if "\x00" in value:
        raise ProvinceError("连接串中不能有空字符")
    return "'" + value.replace("'", "''") + "'"


def conninfo_display(conninfo: str) -> str:
    """The connection string without its password, to store and show."""
    try:
        parts = psycopg.conninfo.conninfo_to_dict(conninfo)
    except psycopg.ProgrammingError as exc:
        raise ProvinceError(f"县服务器连接串无法识别：{exc}") from None
    parts.pop("password", None)
    return psycopg.conninfo.make_conninfo(**{k: str(v) for k, v in parts.items() if v is not None})


def _row(conn: Connection, code: str) -> County | None:
    r = conn.execute(
        text(
            "SELECT code, name, subscription, added_at, detached_at FROM province_county WHERE code = :code"
        ),
        {"code": code},
    ).one_or_none()
    return None if r is None else County(r.code, r.name, r.subscription, r.added_at, r.detached_at)


def _table_exists(conn: Connection, name: str) -> bool:
    return bool(conn.execute(text("SELECT to_regclass(:name) IS NOT NULL"), {"name": name}).scalar_one())


def create_partitions(db: ProvinceDatabase, *, code: str, name: str) -> None:
    """The county's partition of every feed table and its ``province_county`` row, without a subscription (used
    by :func:`add_county`, and by tests that insert rows straight into the partitioned tables)."""
    code, name = _check_code(code), _check_name(name)
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        existing = _row(conn, code)
        if existing is not None and existing.detached_at is None:
            raise ProvinceError(
                f"县 {code}（{existing.name}）已经添加过；要重新添加，请先 drop-county --code {code}"
            )
        for table in FEED_TABLES:
            partition = partition_name(table, code)
            if _table_exists(conn, partition):
                raise ProvinceError(f"表 {partition} 已经存在：请先处理它（改名或删除）再添加县 {code}")
            conn.exec_driver_sql(
                f"CREATE TABLE {partition} PARTITION OF {table} FOR VALUES IN ({_literal(code)})"
            )
        conn.execute(
            text(
                "INSERT INTO province_county (code, name, subscription, conninfo_display, added_at, detached_at) "
                "VALUES (:code, :name, :sub, '', :now, NULL) ON CONFLICT (code) DO UPDATE SET "
                "name = EXCLUDED.name, subscription = EXCLUDED.subscription, conninfo_display = '', "
                "added_at = EXCLUDED.added_at, detached_at = NULL"
            ),
            {"code": code, "name": name, "sub": subscription_name(code), "now": now},
        )


def _remove_partitions(db: ProvinceDatabase, code: str, previous: County | None) -> None:
    """Undo :func:`create_partitions` (a subscription that could not be created)."""
    with db.engine.begin() as conn:
        for table in reversed(FEED_TABLES):
            conn.exec_driver_sql(f"DROP TABLE IF EXISTS {partition_name(table, code)}")
        if previous is None:
            conn.execute(text("DELETE FROM province_county WHERE code = :code"), {"code": code})
        else:
            conn.execute(
                text(
                    "UPDATE province_county SET name = :name, added_at = :added, detached_at = :detached "
                    "WHERE code = :code"
                ),
                {
                    "code": code,
                    "name": previous.name,
                    "added": previous.added_at,
                    "detached": previous.detached_at,
                },
            )


def _db_error(exc: DBAPIError) -> str:
    return " ".join((str(exc.orig) if exc.orig is not None else str(exc)).split())


def add_county(
    db: ProvinceDatabase, *, code: str, name: str, conninfo: str, copy_data: bool = True
) -> County:
    """Partitions for county ``code`` and a subscription to its publication at ``conninfo`` (a libpq connection
    string of the county's PostgreSQL, as the province server will use it)."""
    code, name = _check_code(code), _check_name(name)
    display = conninfo_display(conninfo)
    if "connect_timeout" not in psycopg.conninfo.conninfo_to_dict(conninfo):
        # An address that drops packets would otherwise hold CREATE SUBSCRIPTION (and later the apply worker)
        # for the operating system's TCP timeout, minutes, with no word of what is wrong.
        conninfo = psycopg.conninfo.make_conninfo(conninfo, connect_timeout=CONNECT_TIMEOUT)
    with db.engine.connect() as conn:
        previous = _row(conn, code)
    create_partitions(db, code=code, name=name)
    sub = subscription_name(code)
    try:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(
                f"CREATE SUBSCRIPTION {sub} CONNECTION {_literal(conninfo)} PUBLICATION {PUBLICATION} "
                f"WITH (copy_data = {'true' if copy_data else 'false'})"
            )
    except DBAPIError as exc:
        _remove_partitions(db, code, previous)
        raise ProvinceError(
            f"无法订阅县 {code}（{name}）的数据（{display}），已撤销本次添加。"
            f"请确认县服务器可以连接、已执行 yulu-server admin province join（发布 {PUBLICATION}），"
            f"且省级数据库用户有创建订阅的权限。PostgreSQL 报告：{_db_error(exc)}"
        ) from None
    with db.engine.begin() as conn:
        conn.execute(
            text("UPDATE province_county SET conninfo_display = :display WHERE code = :code"),
            {"display": display, "code": code},
        )
        county = _row(conn, code)
    assert county is not None
    return county


def _subscription_exists(conn: Connection, sub: str) -> bool:
    return bool(
        conn.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid "
                "WHERE d.datname = current_database() AND s.subname = :sub)"
            ),
            {"sub": sub},
        ).scalar_one()
    )


def _drop_subscription(db: ProvinceDatabase, sub: str) -> list[str]:
    messages: list[str] = []
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not _subscription_exists(conn, sub):
            return [f"订阅 {sub} 不存在，只分离分区"]
        conn.exec_driver_sql(f"ALTER SUBSCRIPTION {sub} DISABLE")
        try:
            conn.exec_driver_sql(f"DROP SUBSCRIPTION {sub}")
        except DBAPIError as exc:
            # Typically the county cannot be reached to drop its slot: detach the slot and drop anyway.
            conn.exec_driver_sql(f"ALTER SUBSCRIPTION {sub} SET (slot_name = NONE)")
            conn.exec_driver_sql(f"DROP SUBSCRIPTION {sub}")
            messages.append(
                f"无法连接县服务器删除复制槽（{_db_error(exc)}）：订阅 {sub} 已删除，但县服务器上的复制槽 {sub} "
                f"还在，它会让县服务器一直保留日志（WAL）。请在县数据库上执行："
                f"SELECT pg_drop_replication_slot('{sub}');"
            )
        else:
            messages.append(f"已删除订阅 {sub}（县服务器上的复制槽一并删除）")
    return messages


def _free_name(conn: Connection, base: str) -> str:
    name, n = base, 1
    while _table_exists(conn, name):
        n += 1
        name = f"{base}_{n}"
    return name


def drop_county(db: ProvinceDatabase, *, code: str, keep_data: bool = True) -> list[str]:
    """Stop receiving county ``code`` and detach its partitions (renamed ``…_detached_YYYYMMDD`` when
    ``keep_data``, else dropped); messages for the administrator, e.g. a slot left on the county."""
    code = _check_code(code)
    with db.engine.connect() as conn:
        county = _row(conn, code)
    if county is None or county.detached_at is not None:
        raise ProvinceError(f"县 {code} 没有添加（或已经移除）：yulu-province status 列出已添加的县")
    messages = _drop_subscription(db, county.subscription)
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        for table in reversed(FEED_TABLES):
            partition = partition_name(table, code)
            if not _table_exists(conn, partition):
                continue
            conn.exec_driver_sql(f"ALTER TABLE {table} DETACH PARTITION {partition}")
            if keep_data:
                kept = _free_name(conn, f"{partition}_detached_{now:%Y%m%d}")
                conn.exec_driver_sql(f"ALTER TABLE {partition} RENAME TO {kept}")
            else:
                conn.exec_driver_sql(f"DROP TABLE {partition}")
        conn.execute(
            text("UPDATE province_county SET detached_at = :now WHERE code = :code"),
            {"now": now, "code": code},
        )
    if keep_data:
        messages.append(
            f"县 {code}（{county.name}）的数据已分离，保留在 *_c{code}_detached_{now:%Y%m%d} 表中"
        )
    else:
        messages.append(f"县 {code}（{county.name}）的数据已删除")
    return messages


def list_counties(db: ProvinceDatabase) -> list[County]:
    """Every county ever added (dropped ones with ``detached_at``), by code."""
    with db.engine.connect() as conn:
        rows = conn.execute(
            text("SELECT code, name, subscription, added_at, detached_at FROM province_county ORDER BY code")
        ).all()
    return [County(r.code, r.name, r.subscription, r.added_at, r.detached_at) for r in rows]
