"""Opening the encrypted local database.

The file is encrypted at rest with SQLCipher 4 (through ``sqlcipher3``). The key is derived from the user's
passphrase by SQLCipher's own KDF — PBKDF2-HMAC-SHA512 with 256,000 iterations and a random per-file salt kept
in the file header — so the passphrase itself is never stored anywhere.

Durability: WAL journal with ``synchronous=FULL``, so a transaction that has returned from COMMIT survives a
power cut; foreign keys are enforced on every connection. Writers start with ``BEGIN IMMEDIATE`` so that two
writers queue on the lock instead of failing half-way through a transaction.

Privacy of the files: the database and its ``-wal``/``-shm`` companions are readable by their owner only (0600)
whatever the umask — made so when the file is created and put right again on every open (a file made by an
older release was 0644). A file that cannot be a SQLCipher database at all (an Excel workbook given to
``--db``, a plain SQLite file, a few random bytes) is told apart from a wrong passphrase before any key is
tried: SQLCipher keeps a random salt where SQLite has its magic, so what *can* be recognised is the other
formats' magic and a size that is not a whole number of pages.

Local users (本机用户) of a shared laptop: the owner opens with the database passphrase as always; other users
open with their own passphrase through a key slot that holds the raw key (:mod:`yulu_desktop.store.keyring`).
``Database.local_user`` names who unlocked ("" where the laptop has no local users).
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.private_files import PRIVATE_FILE_MODE
from yulu_desktop.store import keyring

#: Minimum passphrase length for a new database (an existing one opens with whatever it was made with).
MIN_PASSPHRASE_LENGTH = 8

_WRITE_OPTION = "yulu_write"


class WrongPassphrase(YuluError):
    def __init__(self, path: Path, hint: str = "") -> None:
        super().__init__(f"密码不正确，无法打开数据库 {path}。请检查密码（注意大小写）后重试。{hint}")


class DatabaseNotFound(YuluError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"找不到数据库文件 {path}。请先运行 yulu init 创建数据库，或检查 --db 路径。")


class DatabaseUnusable(YuluError):
    pass


class NotAYuluDatabase(DatabaseUnusable):
    """The file is not an encrypted Yulu database at all (no passphrase would open it)."""

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"“{path}”不是雨露数据库：{what}。密码没有问题，是文件选错了，请检查数据库文件的路径。"
        )


#: SQLCipher page sizes are powers of two from 512 bytes: a database file is a whole number of pages.
_MIN_PAGE = 512

# Magic numbers of files people point --db at by mistake.
_KNOWN_FORMATS: tuple[tuple[bytes, str], ...] = (
    (b"SQLite format 3\x00", "这是未加密的 SQLite 文件"),
    (b"PK\x03\x04", "这是 Excel 表格（.xlsx）或压缩包（.zip）"),
    (b"PK\x05\x06", "这是压缩包（.zip）"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "这是旧版 Office 文件（.xls/.doc）"),
    (b"%PDF", "这是 PDF 文件"),
    (b"\x89PNG", "这是 PNG 图片"),
    (b"\xff\xd8\xff", "这是 JPEG 图片"),
    (b"\x1f\x8b", "这是 gzip 压缩包"),
    (b"Rar!", "这是 RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "这是 7z 压缩包"),
)


def passphrase_problem(passphrase: str) -> str | None:
    """Why a passphrase is not good enough for a new database (Chinese), or None."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        return f"密码至少需要 {MIN_PASSPHRASE_LENGTH} 个字符，当前只有 {len(passphrase)} 个"
    if passphrase.strip() != passphrase:
        return "密码首尾不能有空格"
    return None


def _quote_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _raw_key_literal(raw_key: bytes) -> str:
    """SQLCipher's form of a raw key: used as the key itself, with the salt read from the file."""
    return f"x'{raw_key.hex()}'"


def quoted_raw_key(raw_key: bytes) -> str:
    """A raw key as an SQL string literal, for ``PRAGMA rekey = …`` and ``ATTACH … KEY …``."""
    return _quote_literal(_raw_key_literal(raw_key))


#: KiB of decrypted pages each connection keeps (SQLite's page cache). 8 MB rather than 32: walking every list of
#: a 200,000-person county 300 pages deep costs 5–7 % more CPU, and each connection holds 24 MB less (issue 20:
#: the app under 300 MB; docs/PERFORMANCE.md). ``bench/bench_memory.py --sqlite-cache-mb`` tries others.
CACHE_KIB = 8192


def _open_raw(path: Path, passphrase: str) -> sqlcipher.Connection:
    conn = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    try:
        # SQLCipher logs decryption failures to stderr by default; a wrong passphrase is reported by us instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote_literal(passphrase)}")
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlcipher.DatabaseError as exc:
            raise WrongPassphrase(path) from exc
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Decrypted pages kept per connection: a county database (200,000 people) keeps its indexes in memory.
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except BaseException:
        conn.close()
        raise
    return conn


def _derived_key(path: Path, passphrase: str) -> bytes | None:
    """The raw key of an existing database, derived once from its passphrase: every connection of the pool is
    then keyed with it, instead of each running SQLCipher's key derivation again (0.1–0.3 s of CPU a
    connection), and the key file and the county's escrow copy need no derivation of their own. The same
    derivation as SQLCipher's (``keyring.raw_key_from_passphrase``): a wrong passphrase gives a key the file
    refuses. None for a new, still empty file (SQLCipher writes its salt with the first page)."""
    try:
        salt = keyring.database_salt(path)
    except (OSError, YuluError):
        return None
    return keyring.raw_key_from_passphrase(passphrase, salt)


class Database:
    """An open, unlocked database: an engine with a small pool of keyed connections.

    ``local_user`` is the local user who unlocked it ("" on a laptop without local users); ``is_owner`` says
    whether they opened it with the database passphrase itself."""

    def __init__(
        self,
        path: Path,
        passphrase: str,
        *,
        raw_key: bytes | None = None,
        local_user: str = "",
        is_owner: bool = True,
    ) -> None:
        self.path = path
        self.local_user = local_user
        self.is_owner = is_owner
        #: Why the key file could not be used, when the owner opened the database anyway (Chinese), or "".
        self.key_file_problem = ""
        self._passphrase = passphrase if raw_key is None else ""
        self._raw_key = raw_key if raw_key is not None else _derived_key(path, passphrase)
        self._root_key: bytes | None = None
        self._secret = passphrase if self._raw_key is None else _raw_key_literal(self._raw_key)
        # Open one connection now, so that a wrong passphrase is reported here and not at the first query.
        first = _open_raw(path, self._secret)
        self._spare: list[sqlcipher.Connection] = [first]

        def creator() -> sqlcipher.Connection:
            if self._spare:
                return self._spare.pop()
            return _open_raw(path, self._secret)

        self.engine: Engine = create_engine(
            f"sqlite+pysqlite:///{path}",
            module=sqlcipher,
            creator=creator,
            pool_size=4,
            max_overflow=4,
            pool_pre_ping=False,
        )
        event.listen(self.engine, "connect", _on_connect)
        event.listen(self.engine, "begin", _on_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_engine = self.engine.execution_options(**{_WRITE_OPTION: True})
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: Path, passphrase: str, *, create: bool = False, user: str | None = None) -> Database:
        """Open ``path``; with ``create``, make a new empty encrypted database if there is none.

        Without ``user``, ``passphrase`` is the database passphrase (the owner's). With ``user``, it is that
        local user's passphrase, checked against their slot in the key file (:mod:`~yulu_desktop.store.keyring`).
        """
        path = Path(path)
        if user is not None and not path.exists() and not create:
            raise DatabaseNotFound(path)
        if user is not None and path.exists():
            return cls._open_as_user(path, passphrase, keyring.tidy_name(user))
        created = False
        if not path.exists():
            if not create:
                raise DatabaseNotFound(path)
            problem = passphrase_problem(passphrase)
            if problem:
                raise YuluError(problem)
            path.parent.mkdir(parents=True, exist_ok=True)
            _create_private(path)
            created = True
        else:
            what = not_a_database_reason(path)
            if what is not None:
                raise NotAYuluDatabase(path, what)
        make_private(path)
        try:
            db = cls(path, passphrase)
        except WrongPassphrase:
            if not created and _has_local_users(path):
                raise WrongPassphrase(
                    path, "本机有多个用户：请选择自己的用户名（命令行用 --user）。"
                ) from None
            raise
        except BaseException as exc:
            if created:  # no empty file left behind to be taken for a database on the next start
                with contextlib.suppress(OSError):
                    path.unlink()
            if isinstance(exc, sqlcipher.OperationalError):
                raise DatabaseUnusable(f"无法打开数据库 {path}：{exc}") from exc
            raise
        # The first connection has made -wal and -shm by now (SQLite gives them the database file's mode;
        # this puts right any left by an older release).
        make_private(path)
        if not created:
            db._learn_owner()
        return db

    @classmethod
    def _open_as_user(cls, path: Path, passphrase: str, user: str) -> Database:
        what = not_a_database_reason(path)
        if what is not None:
            raise NotAYuluDatabase(path, what)
        key_path = keyring.key_file_path(path)
        keys = keyring.read(key_path)
        if keys is None:
            raise keyring.KeyFileMissing(key_path)
        salt = keyring.database_salt(path)
        if keys.db_salt != salt:
            raise keyring.KeyFileDamaged(key_path, "不属于这个数据库")
        make_private(path)
        if user == keys.owner:
            try:
                db = cls(path, passphrase, local_user=user, is_owner=True)
            except sqlcipher.OperationalError as exc:
                raise DatabaseUnusable(f"无法打开数据库 {path}：{exc}") from exc
            raw_key = db.raw_key()
        else:
            slot = keys.slot(user)
            if slot is None:
                raise keyring.UnknownUser(user, keys.names)
            try:
                raw_key = keyring.unwrap(slot, passphrase, salt)
            except keyring.SlotRejected:
                raise WrongPassphrase(path) from None
            db = cls.open_with_root(path, raw_key, keys, local_user=user)
        try:
            raw_key = db.root_key()
            keyring.verify(keys, raw_key, key_path)
        except BaseException:
            db.close()
            raise
        make_private(path)
        return db

    @classmethod
    def open_with_root(
        cls,
        path: Path,
        root_key: bytes,
        keys: keyring.KeyFile,
        *,
        local_user: str = "",
        is_owner: bool = False,
    ) -> Database:
        """Open with the root key of the key file (from a slot, the recovery key or the county's escrow): the
        database has the root key itself or one of the keys the chain leads to (a passphrase change)."""
        key_path = keyring.key_file_path(path)
        for raw_key in keyring.database_keys(keys, root_key):
            try:
                db = cls(path, "", raw_key=raw_key, local_user=local_user, is_owner=is_owner)
            except WrongPassphrase:
                continue
            except sqlcipher.OperationalError as exc:
                raise DatabaseUnusable(f"无法打开数据库 {path}：{exc}") from exc
            db._root_key = root_key
            return db
        # The key opened but does not fit: the key file was made for another database.
        raise keyring.KeyFileDamaged(key_path, "钥匙与数据库不符")

    def _learn_owner(self) -> None:
        """Opened with the database passphrase: where there are local users, this is their owner. A lost or
        damaged key file does not stop the owner (that is the way back in); it is noted for the UI."""
        key_path = keyring.key_file_path(self.path)
        try:
            keys = keyring.read(key_path)
            if keys is None:
                return
            if keys.db_salt != keyring.database_salt(self.path):
                raise keyring.KeyFileDamaged(key_path, "不属于这个数据库")
            keyring.verify(keys, self.root_key(), key_path)
        except YuluError as exc:
            self.key_file_problem = exc.message
            return
        self.local_user = keys.owner

    @property
    def key_file(self) -> Path:
        return keyring.key_file_path(self.path)

    def raw_key(self) -> bytes:
        """The raw SQLCipher key of this database (derived once from the passphrase when opened with it)."""
        if self._raw_key is None:
            self._raw_key = keyring.raw_key_from_passphrase(
                self._passphrase, keyring.database_salt(self.path)
            )
        return self._raw_key

    def root_key(self) -> bytes:
        """The key the key file's slots wrap (``keyring``: the root key): the raw key itself until the owner's
        passphrase is first changed. ``KeyFileDamaged`` if the key file's chain does not know this database."""
        if self._root_key is None:
            # Past a lost or damaged key file the owner starts a new one, whose root key is the raw key.
            keys = None if self.key_file_problem else keyring.read(self.key_file)
            root = keyring.root_from_database_key(keys, self.raw_key())
            if root is None:
                raise keyring.KeyFileDamaged(self.key_file, "钥匙与数据库不符")
            self._root_key = root
        return self._root_key

    def rekey(self, passphrase: str, raw_key: bytes) -> None:
        """Re-encrypt the database file to ``raw_key`` (what SQLCipher derives from ``passphrase``) in one
        transaction (``PRAGMA rekey``; interrupted, the file keeps the old key), then copy the write-ahead log
        into the file. The pooled connections (keyed with the old key) are closed first and new ones use the
        new key. The key file's chain is ``services.passphrase``'s business, before and after this."""
        self.engine.dispose()
        while self._spare:  # the connection opened first, if the pool has not taken it yet
            self._spare.pop().close()
        conn = _open_raw(self.path, self._secret)
        try:
            conn.execute(f"PRAGMA rekey = {quoted_raw_key(raw_key)}")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            conn.close()
        self._passphrase = passphrase
        self._raw_key = raw_key
        self._secret = _raw_key_literal(raw_key)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading (a deferred transaction; objects stay usable after the block)."""
        with self._sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A write session in one ``BEGIN IMMEDIATE`` transaction, committed if the block succeeds."""
        with self._write_sessions() as session, session.begin():
            yield session

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """A Core connection in one ``BEGIN IMMEDIATE`` transaction, for bulk paths."""
        with self._write_engine.begin() as conn:
            yield conn

    @contextlib.contextmanager
    def read_connection(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def verify_passphrase(self, passphrase: str) -> None:
        """Raise :class:`WrongPassphrase` unless ``passphrase`` is that of whoever unlocked this database (the
        lock screen asks it): the database passphrase for the owner or a laptop without local users, the
        user's own passphrase for another local user (checked against their slot).

        A try costs the same key derivation as unlocking at the start (a slow-down of guessing built in)."""
        if self.is_owner:
            _open_raw(self.path, passphrase).close()
            return
        keys = keyring.read(self.key_file)
        slot = keys.slot(self.local_user) if keys is not None else None
        if keys is None or slot is None:
            raise WrongPassphrase(self.path)
        try:
            raw = keyring.unwrap(slot, passphrase, keys.db_salt)
        except keyring.SlotRejected:
            raise WrongPassphrase(self.path) from None
        if raw != self.root_key():
            raise WrongPassphrase(self.path)

    def close(self) -> None:
        self.engine.dispose()
        while self._spare:
            self._spare.pop().close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _has_local_users(path: Path) -> bool:
    """Whether the key file names local users (one may hold only the recovery key or the escrow part)."""
    try:
        keys = keyring.read(keyring.key_file_path(path))
    except keyring.KeyFileDamaged:
        return True
    return keys is not None and bool(keys.names)


def not_a_database_reason(path: Path) -> str | None:
    """Why ``path`` cannot be an encrypted database whatever the passphrase (Chinese), or None if it may be one.

    An empty file may be (SQLite makes a new database in it); a directory, a known other format or a size
    that is not a whole number of SQLCipher pages may not. A file of whole pages of random bytes cannot be
    told from a database with another passphrase, and is reported as a wrong passphrase."""
    if path.is_dir():
        return "这是一个文件夹"
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseUnusable(f"无法读取数据库文件 {path}：{exc.strerror or exc}") from exc
    if size == 0:
        return None
    for magic, what in _KNOWN_FORMATS:
        if head.startswith(magic):
            return what
    if size % _MIN_PAGE:
        stripped = head.lstrip(b"\xef\xbb\xbf").lstrip()
        if stripped[:1] in (b"<", b"{", b"[") or (
            head and all(32 <= b < 127 or b in b"\r\n\t" for b in head)
        ):
            return "这是一个文本文件"
        return f"文件大小（{size} 字节）不是整数个数据库页"
    return None


def _create_private(path: Path) -> None:
    """Make the new, empty database file with mode 0600 before SQLite opens it (SQLite then keeps it)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    os.close(fd)


def make_private(path: Path) -> None:
    """Give the database file and its -wal / -shm / -journal companions mode 0600 (POSIX; on Windows the
    files inherit the user profile's access list, which only the user and administrators may read)."""
    if os.name == "nt":
        return
    for candidate in (path, *(path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal"))):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode != PRIVATE_FILE_MODE:
                os.chmod(candidate, PRIVATE_FILE_MODE)
        except OSError:  # absent, or not ours to change (a read-only copy): nothing to put right
            continue


def _on_connect(dbapi_connection: Any, connection_record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy's "begin" event below issue BEGIN itself (the pysqlite driver's implicit
    # transactions would otherwise defer BEGIN until the first write and break SAVEPOINTs).
    dbapi_connection.isolation_level = None


def _on_begin(conn: Connection) -> None:
    if conn.get_execution_options().get(_WRITE_OPTION):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def passphrase_from_environment() -> str | None:
    """``YULU_DB_KEY``, for scripts and tests (interactive users are prompted instead)."""
    return os.environ.get("YULU_DB_KEY") or None
