"""Adding and dropping counties: one partition per county and table, one subscription per county.

Adding a county (``yulu-province add-county``) creates the county's partition of every ``prov_*`` table and then
``CREATE SUBSCRIPTION yulu_c<code> … PUBLICATION yulu_province WITH (slot_name = 'yulu_c<code>_<subscriber>')``:
PostgreSQL copies the county's tables (unless ``copy_data`` is off) and from then on applies every change the
county's feeder commits. CREATE SUBSCRIPTION
cannot run inside a transaction block, so the partitions are committed first; if the subscription cannot be
created (county unreachable, publication missing, wrong password) they are dropped again and the error says what
failed, so a failed attempt leaves nothing behind and can simply be repeated.

The replication slot on the county gets this database's own name (:func:`subscriber_tag`), not the subscription's:
a city bureau and the province may each subscribe to the same county, and each needs a slot of its own there. The
name is stored with the county (``province_county.slot_name``): a county subscribed before this keeps its slot
``yulu_c<code>``, and the name stays right if the database is later restored on another server.

Dropping a county disables and drops its subscription, which also drops the replication slot on the county. If
the county cannot be reached the slot cannot be dropped: the subscription is detached from it (``slot_name =
NONE``) and dropped anyway, and the administrator is told the exact SQL to run on the county, because a slot left
behind makes the county keep its WAL forever. The partitions are then detached: kept under a dated name
(``prov_person_c500229_detached_20261206``) for the record, or dropped.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Final

import psycopg.conninfo
from sqlalchemy import Connection, Row, text
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
    slot: str  # the replication slot on the county (``yulu_c500229_3f2a9c0177``; ``yulu_c500229`` if older)
    added_at: datetime
    detached_at: datetime | None


def partition_name(table: str, code: str) -> str:
    """The partition of ``table`` holding county ``code``: ``prov_person_c500229``."""
    return f"{table}_c{code}"


def subscription_name(code: str) -> str:
    """The subscription of county ``code`` in this database: ``yulu_c500229`` (its slot: :func:`slot_name`)."""
    return f"{province_feed.SLOT_PREFIX}{code}"


def subscriber_tag(conn: Connection) -> str:
    """Ten hex digits naming this database among the county's subscribers: a hash of the PostgreSQL cluster's
    system identifier (made by initdb, unique per cluster) and the database name, so that a city and the
    province — two clusters, or two databases of one cluster — never ask a county for the same slot, and the
    operator need choose nothing."""
    row = conn.execute(text("SELECT system_identifier, current_database() FROM pg_control_system()")).one()
    return hashlib.sha256(f"{row[0]}/{row[1]}".encode()).hexdigest()[:10]


def slot_name(code: str, tag: str) -> str:
    """The replication slot on county ``code`` of the subscriber database ``tag``: ``yulu_c500229_3f2a9c0177``."""
    return province_feed.province_slot_name(code, tag)


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


_COUNTY_COLUMNS: Final = "code, name, subscription, slot_name, added_at, detached_at"


def _county(r: Row[Any]) -> County:
    return County(r.code, r.name, r.subscription, r.slot_name, r.added_at, r.detached_at)


def _row(conn: Connection, code: str) -> County | None:
    r = conn.execute(
        text(f"SELECT {_COUNTY_COLUMNS} FROM province_county WHERE code = :code"), {"code": code}
    ).one_or_none()
    return None if r is None else _county(r)


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
                "INSERT INTO province_county "
                "(code, name, subscription, slot_name, conninfo_display, added_at, detached_at) "
                "VALUES (:code, :name, :sub, :slot, '', :now, NULL) ON CONFLICT (code) DO UPDATE SET "
                "name = EXCLUDED.name, subscription = EXCLUDED.subscription, slot_name = EXCLUDED.slot_name, "
                "conninfo_display = '', added_at = EXCLUDED.added_at, detached_at = NULL"
            ),
            {
                "code": code,
                "name": name,
                "sub": subscription_name(code),
                "slot": slot_name(code, subscriber_tag(conn)),
                "now": now,
            },
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
                    "UPDATE province_county SET name = :name, slot_name = :slot, added_at = :added, "
                    "detached_at = :detached WHERE code = :code"
                ),
                {
                    "code": code,
                    "name": previous.name,
                    "slot": previous.slot,
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
    with db.engine.connect() as conn:
        added = _row(conn, code)
    assert added is not None
    sub, slot = added.subscription, added.slot
    try:
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.exec_driver_sql(
                f"CREATE SUBSCRIPTION {sub} CONNECTION {_literal(conninfo)} PUBLICATION {PUBLICATION} "
                f"WITH (copy_data = {'true' if copy_data else 'false'}, slot_name = {_literal(slot)})"
            )
    except DBAPIError as exc:
        _remove_partitions(db, code, previous)
        reported = _db_error(exc)
        if slot in reported and ("already exists" in reported or "已经存在" in reported):
            # Only this database asks for this name: a slot left behind by a drop-county that could not reach
            # the county (or a copy of this database subscribing as well).
            hint = (
                f"县服务器上已经有本数据库的复制槽 {slot}（多半是上次 drop-county 时县服务器连不上而留下的）："
                f"确认没有别的数据库在用它之后，在县数据库上执行 SELECT pg_drop_replication_slot('{slot}'); 再添加。"
            )
        else:
            hint = (
                f"请确认县服务器可以连接、已执行 yulu-server admin province join（发布 {PUBLICATION}），"
                f"且省级数据库用户有创建订阅的权限。"
            )
        raise ProvinceError(
            f"无法订阅县 {code}（{name}）的数据（{display}），已撤销本次添加。{hint}PostgreSQL 报告：{reported}"
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


def _subscription_slot(conn: Connection, sub: str) -> str | None:
    """The slot the subscription ``sub`` of this database uses on its county, as PostgreSQL's catalog says."""
    slot = conn.execute(
        text(
            "SELECT s.subslotname FROM pg_subscription s JOIN pg_database d ON d.oid = s.subdbid "
            "WHERE d.datname = current_database() AND s.subname = :sub"
        ),
        {"sub": sub},
    ).scalar_one_or_none()
    return None if slot is None else str(slot)


def _drop_subscription(db: ProvinceDatabase, sub: str, stored_slot: str) -> list[str]:
    messages: list[str] = []
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        if not _subscription_exists(conn, sub):
            return [f"订阅 {sub} 不存在，只分离分区"]
        # The catalog is what DROP SUBSCRIPTION acts on; the stored name covers a subscription without a slot.
        slot = _subscription_slot(conn, sub) or stored_slot
        conn.exec_driver_sql(f"ALTER SUBSCRIPTION {sub} DISABLE")
        try:
            conn.exec_driver_sql(f"DROP SUBSCRIPTION {sub}")
        except DBAPIError as exc:
            # Typically the county cannot be reached to drop its slot: detach the slot and drop anyway.
            conn.exec_driver_sql(f"ALTER SUBSCRIPTION {sub} SET (slot_name = NONE)")
            conn.exec_driver_sql(f"DROP SUBSCRIPTION {sub}")
            messages.append(
                f"无法连接县服务器删除复制槽（{_db_error(exc)}）：订阅 {sub} 已删除，但县服务器上本数据库的复制槽 "
                f"{slot} 还在，它会让县服务器一直保留日志（WAL）。县服务器恢复后请在县数据库上执行："
                f"SELECT pg_drop_replication_slot('{slot}');（只删这一个：别的数据库，如市里或省里，"
                f"订阅同一个县用的是它们自己的复制槽）"
            )
        else:
            messages.append(f"已删除订阅 {sub}（县服务器上的复制槽 {slot} 一并删除）")
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
    messages = _drop_subscription(db, county.subscription, county.slot)
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
        rows = conn.execute(text(f"SELECT {_COUNTY_COLUMNS} FROM province_county ORDER BY code")).all()
    return [_county(r) for r in rows]
