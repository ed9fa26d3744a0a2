"""A database restored from a backup, and the journal numbering it must fix before its next push.

The county server numbers each device's changes by the journal's ``seq`` and skips an entry whose ``seq`` it
has passed already (``service.push``: a re-sent batch changes nothing). A laptop restored from a backup made at
journal sequence X goes on numbering from X+1 — but if the original laptop synced after the backup, the server
already holds this device's entries up to some S > X, and the restored laptop's new entries X+1..S would be
skipped as if they were sent: lost.

So a restore marks the database with X (``mark``), and the first hello after it (which tells S) moves the
entries made since the restore to S+1.. (``rebase``) before anything is pushed. The backup's own entries up to X
are the same entries, with the same change ids, as the ones the original laptop sent: the ones the server holds
are compacted by the usual catch-up, the others are sent as usual.

The mark is SQLite's ``user_version`` header field (0: not restored; X+1 otherwise), which no migration uses:
it lives inside the encrypted file, changes in a transaction like any data, and costs no schema change. A
second backup taken before the first sync after a restore carries the mark, and restoring it keeps the lower X.
"""

from __future__ import annotations

from typing import Any, Protocol

from sqlalchemy import Connection

from yulu_desktop.store import journal


class _Executes(Protocol):
    def execute(self, sql: str, parameters: Any = ...) -> Any: ...


def marked_seq(conn: _Executes) -> int | None:
    """X, the highest journal sequence the restored backup held; None if the database is not marked."""
    value = int(conn.execute("PRAGMA user_version").fetchone()[0])
    return value - 1 if value > 0 else None


def highest_seq(conn: _Executes) -> int:
    """The highest journal sequence ever given out on this database (compacted entries included)."""
    row = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'change_journal'").fetchone()
    given = int(row[0]) if row is not None else 0
    acked = int(conn.execute("SELECT acked_seq FROM device_state WHERE id = 1").fetchone()[0])
    newest = int(conn.execute("SELECT coalesce(max(seq), 0) FROM change_journal").fetchone()[0])
    return max(given, acked, newest)


def mark(conn: _Executes) -> int:
    """Mark a just-restored database (a raw connection, outside a transaction); keeps an older mark."""
    existing = marked_seq(conn)
    seq = highest_seq(conn) if existing is None else existing
    conn.execute(f"PRAGMA user_version = {int(seq) + 1}")
    return seq


def rebase_connection(conn: Connection, server_last_seq: int) -> int:
    """Before the first push after a restore: renumber the entries made since the restore so that they follow
    ``server_last_seq``, and clear the mark. Returns how far they moved (0 when nothing had to move).

    Call inside the write transaction of a SQLAlchemy ``Connection``. Entries up to the server's last seq that
    the device still holds are the backup's own (the server has them): the catch-up acknowledgement after this
    compacts them. The acknowledgement point never moves back."""
    restored_at = marked_seq_connection(conn)
    if restored_at is None:
        return 0
    shift = max(0, server_last_seq - restored_at)
    if shift:
        journal.renumber_unsent(conn, after=restored_at, first=server_last_seq + 1)
    conn.exec_driver_sql("PRAGMA user_version = 0")
    return shift


def marked_seq_connection(conn: Any) -> int | None:
    """:func:`marked_seq` on a SQLAlchemy ``Connection``."""
    return marked_seq(conn.connection.dbapi_connection)
