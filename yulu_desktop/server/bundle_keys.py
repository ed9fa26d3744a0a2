"""The county server's key pairs for USB bundles (X25519 to decrypt what laptops send, Ed25519 to sign the
replies): made on first use, kept in a key file (mode 0600) outside the database, their public halves told to
laptops at enrollment and hello. Used by ``server.service`` and ``server.bundles``, importing neither."""

from __future__ import annotations

import json
import threading
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from yulu_desktop.private_files import write_private
from yulu_desktop.server import fieldcrypt
from yulu_desktop.server.db import ServerDatabase
from yulu_desktop.server.models import ServerKey
from yulu_desktop.sync import bundle, signing

ENCRYPTION = "bundle_encryption"
SIGNING = "bundle_signing"

# --- the server's key pairs --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublicKeys:
    """Base64 raw public keys: X25519 ``encryption``, Ed25519 ``signing``."""

    encryption: str
    signing: str


@dataclass(frozen=True, slots=True)
class ServerKeys:
    encryption: X25519PrivateKey
    signing: bytes  # Ed25519 private key, raw

    @property
    def encryption_public(self) -> bytes:
        return bundle.x25519_public(self.encryption)

    @property
    def public(self) -> PublicKeys:
        return PublicKeys(
            signing.b64(self.encryption_public), signing.b64(signing.public_key_of(self.signing))
        )


def _new_pair(purpose: str) -> tuple[bytes, bytes]:
    if purpose == ENCRYPTION:
        key = X25519PrivateKey.generate()
        raw = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
        return raw, bundle.x25519_public(key)
    private = Ed25519PrivateKey.generate()
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return raw, private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


_cache: weakref.WeakKeyDictionary[ServerDatabase, ServerKeys] = weakref.WeakKeyDictionary()
_lock = threading.Lock()

#: Overrides where the key file is (e.g. a PostgreSQL server whose data directory is elsewhere).
KEY_FILE_ENV = fieldcrypt.BUNDLE_KEY_FILE_ENV
_KEY_FILE_FORMAT = 1


class KeyFileError(RuntimeError):
    """The key file cannot be read, or does not belong to this database (the message is Chinese)."""


def key_file(db: ServerDatabase) -> Path:
    """Where the private keys live: ``YULU_SERVER_KEY_FILE``, else next to a SQLite database file
    (``yulu-server.db`` → ``yulu-server-keys.json``), else in the server's data directory."""
    return fieldcrypt.bundle_key_file(db.engine.url)


def server_keys(db: ServerDatabase) -> ServerKeys:
    """The county's bundle keys. The private keys live in ``key_file`` (mode 0600), made on first use — never
    in the database, which keeps only the public keys (``server_key``; a copy of the database is no key). A
    database of an earlier release that still holds them has them moved to the file, then removed."""
    cached = _cache.get(db)
    if cached is not None:
        return cached
    with _lock:
        cached = _cache.get(db)
        if cached is not None:
            return cached
        path = key_file(db)
        rows = _rows(db)
        private = _read_key_file(path)
        if private is None:
            # Keys of the last release (in the database) move to the file; missing ones are made.
            private = {purpose: raw for purpose, (raw, _public) in rows.items() if raw}
            for purpose in (ENCRYPTION, SIGNING):
                if purpose not in private:
                    private[purpose] = _new_pair(purpose)[0]
            private = _create_key_file(path, private)
        keys = ServerKeys(X25519PrivateKey.from_private_bytes(private[ENCRYPTION]), private[SIGNING])
        public = {ENCRYPTION: keys.public.encryption, SIGNING: keys.public.signing}
        for purpose, (_raw, known) in rows.items():
            if purpose in public and known and known != public[purpose]:
                raise KeyFileError(
                    f"密钥文件 {path} 与数据库中记录的公钥不一致（不是这个数据库的密钥文件）。"
                    f"请找回原来的密钥文件，或用环境变量 {KEY_FILE_ENV} 指明它的位置。"
                )
        _keep_only_public_keys(db, rows, public)
        _cache[db] = keys
        return keys


def move_keys_out_of_database(db: ServerDatabase) -> None:
    """At start-up: a database of an earlier release still holding the private keys has them moved to the key
    file and removed (cheap when there is nothing to move)."""
    if any(raw for raw, _public in _rows(db).values()):
        server_keys(db)


def _rows(db: ServerDatabase) -> dict[str, tuple[bytes, str]]:
    with db.read() as session:
        return {
            row.purpose: (bytes(row.private_key or b""), row.public_key)
            for row in session.scalars(select(ServerKey).where(ServerKey.purpose.in_([ENCRYPTION, SIGNING])))
        }


def _keep_only_public_keys(
    db: ServerDatabase, rows: dict[str, tuple[bytes, str]], public: dict[str, str]
) -> None:
    """``server_key`` rows with the public keys and no private key (the file is written and synced first)."""
    if all(purpose in rows and not rows[purpose][0] for purpose in public):
        return
    try:
        with db.write() as session:
            conn = session.connection()
            sqlite = conn.dialect.name == "sqlite"
            if sqlite:
                conn.exec_driver_sql("PRAGMA secure_delete = ON")  # overwrite the old bytes, not just unlink
            for purpose, key in public.items():
                if purpose in rows:
                    session.execute(
                        update(ServerKey)
                        .where(ServerKey.purpose == purpose)
                        .values(private_key=b"", public_key=key)
                    )
                else:
                    session.add(
                        ServerKey(
                            purpose=purpose, private_key=b"", public_key=key, created_at=datetime.now(UTC)
                        )
                    )
            session.flush()
            if sqlite:
                conn.exec_driver_sql("PRAGMA secure_delete = OFF")
    except IntegrityError:
        pass  # another process wrote the same public rows at the same moment
    if db.engine.dialect.name == "sqlite":
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")  # the old page out of the WAL too


def _read_key_file(path: Path) -> dict[str, bytes] | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyFileError(f"无法读取密钥文件 {path}：{exc}") from None
    try:
        data = json.loads(text)
        return {purpose: signing.unb64(data[purpose]) for purpose in (ENCRYPTION, SIGNING)}
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileError(f"密钥文件 {path} 已损坏。") from None


def _create_key_file(path: Path, private: dict[str, bytes]) -> dict[str, bytes]:
    """Write ``private`` to ``path`` (0600, synced) unless another process made it first: then its keys."""
    payload = {"format": _KEY_FILE_FORMAT, **{purpose: signing.b64(raw) for purpose, raw in private.items()}}
    if write_private(path, json.dumps(payload).encode("utf-8"), replace=False):
        return private
    found = _read_key_file(path)
    assert found is not None
    return found


def public_keys(db: ServerDatabase) -> PublicKeys:
    return server_keys(db).public
