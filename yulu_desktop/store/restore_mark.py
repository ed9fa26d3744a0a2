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


def rebase(conn: _Executes, server_last_seq: int) -> int:
    """Before the first push after a restore: renumber the entries made since the restore so that they follow
    ``server_last_seq``, and clear the mark. Returns how far they moved (0 when nothing had to move).

    Call inside a write transaction (``BEGIN IMMEDIATE``) with the connection's driver-level ``execute``."""
    restored_at = marked_seq(conn)
    if restored_at is None:
        return 0
    shift = max(0, server_last_seq - restored_at)
    if shift:
        # Journal entries are frozen by a trigger; it is lifted for this one renumbering and put back as it was,
        # in the same transaction. Negating first keeps the primary key unique while the rows move.
        frozen = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = 'yulu_journal_frozen'"
        ).fetchone()
        if frozen is not None:
            conn.execute('DROP TRIGGER "yulu_journal_frozen"')
        conn.execute(
            "UPDATE change_journal SET seq = -(seq + :shift) WHERE seq > :x",
            {"shift": shift, "x": restored_at},
        )
        conn.execute("UPDATE change_journal SET seq = -seq WHERE seq < 0")
        if frozen is not None:
            conn.execute(frozen[1])
        newest = max(server_last_seq, highest_seq(conn))
        conn.execute("UPDATE sqlite_sequence SET seq = :seq WHERE name = 'change_journal'", {"seq": newest})
        # Entries up to the server's last seq that the device still holds are the backup's own (the server
        # has them): the catch-up acknowledgement after this compacts them. The acknowledgement point never
        # moves back.
    conn.execute("PRAGMA user_version = 0")
    return shift


def rebase_connection(conn: Any, server_last_seq: int) -> int:
    """:func:`rebase` on a SQLAlchemy ``Connection`` inside its write transaction."""
    raw = conn.connection.dbapi_connection
    return rebase(raw, server_last_seq)


def marked_seq_connection(conn: Any) -> int | None:
    """:func:`marked_seq` on a SQLAlchemy ``Connection``."""
    return marked_seq(conn.connection.dbapi_connection)
