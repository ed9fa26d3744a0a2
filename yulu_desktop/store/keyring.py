"""Local users of a shared laptop (本机用户): key slots in a small key file next to the database.

Design. The database stays keyed as it always was: SQLCipher derives its key from the passphrase chosen when
the database was made (PBKDF2-HMAC-SHA512, 256,000 iterations, the random salt in the file's first 16 bytes).
Whoever knows that passphrase is the **owner** (所有者) and opens the database directly, with or without a key
file, exactly as before. Each further user has a **slot**: the database's raw 32-byte key (what SQLCipher
derives from the owner's passphrase) encrypted with AES-256-GCM under a key derived from the user's own
passphrase by Argon2id. A user's slot unlocks the raw key, and SQLCipher is given that raw key
(``PRAGMA key = "x'…'"``), so nobody but the owner ever learns the owner's passphrase, and the database
itself is never re-encrypted: an existing single-passphrase database gains users without a migration.

The key file (``yulu.db`` → ``yulu.db.keys``, JSON, mode 0600, written to a temporary file and renamed into
place) holds the database's salt (so a key file is never used with another database), the owner's name, the
slots, and a MAC over all of it keyed from the raw key: renaming a user, swapping slots, or making someone the
owner is caught after unlocking. Each slot's name and the salt are the AES-GCM associated data, so a slot
cannot be moved to another name. A damaged slot cannot be told from a wrong passphrase (that is what AES-GCM
gives); a damaged file is reported as such.

Recovery. If the key file is lost or damaged, the owner's passphrase still opens the database directly
(``yulu`` without ``--user``, or the start dialog without a user list); the owner then adds the other users
again, which writes a new key file. If the owner's passphrase is forgotten, the users' slots still open the
database while the key file lives; keep a backup of it with the database's backups.

Changing the database passphrase (修改密码, version 2 of the file; ``services/passphrase.py``). The key the
slots wrap is the **root key**: the raw key of the database when its key file was first made. It never
changes, so the other users' slots, the recovery key and the county's escrow copy stay valid whatever happens
to the owner's passphrase. A change of the owner's passphrase re-encrypts the database (``PRAGMA rekey``) to
the raw key SQLCipher derives from the new passphrase with the same salt, so the old passphrase stops opening
it and the owner still opens it directly, without a key file. The key file then records the chain between
the two: ``db_keys`` (the database's current raw key sealed under the root key: how a slot reaches the
database) and ``roots`` (the root key sealed under the current raw key: how the owner reaches the root key to
check the MAC and add users). Crash safety: before the rekey the file is written holding the old and the new
key in both lists; the rekey is one SQLite transaction; afterwards the file keeps only the new. A dead
battery at any point leaves a database that opens with the old or the new passphrase, and every slot still
finds whichever key the database has (tried in turn; a raw key costs no key derivation).

Recovery key (恢复密钥) and escrow (托管): ``recovery`` is the root key sealed under a key derived from a
printed code of 120 random bits; ``escrow`` is the laptop's half of the county escrow: a random escrow key
whose seal of the root key is held only by the county server (``sync/escrow.py``). Neither half alone opens
anything. A key file made only for these (no local users) has no owner name (``owner == ""``); it does not
turn the laptop into one with local users.

What this is not: every user holds the raw key while unlocked, so local users tell *who acts* (the audit log
names them), not *what each may read*; the role table decides that, per laptop. An attacker holding the
database and the key file may guess the weakest user's passphrase offline at Argon2id's speed.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.private_files import write_private

__all__ = [
    "KEY_FILE_SUFFIX",
    "EscrowPart",
    "KeyFile",
    "KeyFileDamaged",
    "KeyFileMissing",
    "Sealed",
    "Slot",
    "SlotRejected",
    "UnknownUser",
    "add_slot",
    "database_keys",
    "database_salt",
    "key_file_path",
    "new_key_file",
    "open_sealed",
    "raw_key_from_passphrase",
    "read",
    "root_from_database_key",
    "seal_key",
    "tidy_name",
    "unwrap",
    "verify",
    "with_database_keys",
    "write",
]

KEY_FILE_SUFFIX = ".keys"
_FORMAT = "yulu-local-users"
_VERSION = 2
#: SQLCipher 4 defaults: the salt is the first 16 bytes of the file; the key is PBKDF2-HMAC-SHA512 of the
#: passphrase, 256,000 iterations, 32 bytes.
SALT_BYTES = 16
SQLCIPHER_KDF_ITERATIONS = 256_000
RAW_KEY_BYTES = 32
#: Argon2id cost of a new slot (about 0.15 s and 64 MiB on a village laptop). Kept in each slot, so tests may
#: lower it and stronger settings later still open older slots.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 4
#: A user's name: short enough for the audit log, no '@' (it joins the user and the enrolled cadre).
NAME_MAX = 20


class KeyFileMissing(YuluError):
    def __init__(self, path: Path) -> None:
        super().__init__(
            f"找不到本机用户钥匙文件 {path}。其他用户暂时无法登录；数据库所有者可以不选用户、直接用数据库密码"
            "打开（命令行不加 --user），再在“设置 → 本机用户”中重新添加其他用户。"
        )


class KeyFileDamaged(YuluError):
    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"本机用户钥匙文件 {path} 已损坏或被改动（{what}）。数据库所有者可以不选用户、直接用数据库密码"
            "打开（命令行不加 --user），再重新添加其他用户，损坏的文件会被替换。"
        )


class UnknownUser(YuluError):
    def __init__(self, name: str, known: list[str]) -> None:
        listed = "、".join(known) if known else "（无）"
        super().__init__(f"本机没有用户“{name}”。本机用户：{listed}")


class SlotRejected(Exception):
    """The passphrase does not open this slot (or the slot was altered: AES-GCM cannot tell which)."""


@dataclass(frozen=True)
class Slot:
    """One user's copy of the raw database key, encrypted under their own passphrase."""

    name: str
    salt: bytes
    nonce: bytes
    wrapped: bytes
    time_cost: int
    memory_kib: int
    parallelism: int


@dataclass(frozen=True)
class Sealed:
    """A key sealed under another key with AES-256-GCM (one link of the chain, or the recovery copy)."""

    nonce: bytes
    wrapped: bytes


@dataclass(frozen=True)
class EscrowPart:
    """The laptop's half of the county escrow: the escrow key (the county holds the root key sealed with it)."""

    device_id: str
    key_id: str
    key: bytes
    #: The county server it was deposited with (offered in the 忘记密码 dialog) and whether it arrived.
    server_url: str = ""
    deposited: bool = False


@dataclass(frozen=True)
class KeyFile:
    """The local users of one database: its owner (opens with the database passphrase) and the slots."""

    db_salt: bytes
    owner: str
    slots: tuple[Slot, ...]
    mac: bytes = b""
    #: The database's raw key(s) sealed under the root key: empty while the database key is the root key.
    db_keys: tuple[Sealed, ...] = ()
    #: The root key sealed under each of ``db_keys`` (same order).
    roots: tuple[Sealed, ...] = ()
    recovery: Sealed | None = None
    escrow: EscrowPart | None = None

    @property
    def names(self) -> list[str]:
        """Everyone who may unlock: the owner first, then the others in the order they were added (empty
        where the file only holds the recovery key or escrow part)."""
        if not self.owner:
            return []
        return [self.owner, *(s.name for s in self.slots)]

    def slot(self, name: str) -> Slot | None:
        return next((s for s in self.slots if s.name == name), None)


def tidy_name(name: str) -> str:
    """A user's name as stored: NFKC, one space between words; ``YuluError`` (Chinese) if it cannot be one."""
    tidy = " ".join(unicodedata.normalize("NFKC", name or "").split())
    if not tidy:
        raise YuluError("用户名不能为空")
    if len(tidy) > NAME_MAX:
        raise YuluError(f"用户名最多 {NAME_MAX} 个字符")
    if "@" in tidy or any(unicodedata.category(c).startswith("C") for c in tidy):
        raise YuluError("用户名不能含有 @ 或控制字符")
    return tidy


def key_file_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEY_FILE_SUFFIX)


def database_salt(db_path: Path) -> bytes:
    """The SQLCipher salt of the database (its first 16 bytes); ``YuluError`` for an empty file."""
    with open(db_path, "rb") as fh:
        salt = fh.read(SALT_BYTES)
    if len(salt) != SALT_BYTES:
        raise YuluError(f"数据库 {db_path} 还是空的，请先运行 yulu init")
    return salt


def raw_key_from_passphrase(passphrase: str, db_salt: bytes) -> bytes:
    """The raw key SQLCipher 4 derives from the database passphrase (its default KDF settings)."""
    return hashlib.pbkdf2_hmac(
        "sha512", passphrase.encode("utf-8"), db_salt, SQLCIPHER_KDF_ITERATIONS, RAW_KEY_BYTES
    )


def _slot_key(passphrase: str, salt: bytes, time_cost: int, memory_kib: int, parallelism: int) -> bytes:
    return hash_secret_raw(
        passphrase.encode("utf-8"),
        salt,
        time_cost=time_cost,
        memory_cost=memory_kib,
        parallelism=parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _associated(name: str, db_salt: bytes) -> bytes:
    return b"yulu-slot-v1\x00" + db_salt + b"\x00" + name.encode("utf-8")


def wrap(raw_key: bytes, name: str, passphrase: str, db_salt: bytes) -> Slot:
    """A new slot of ``name`` holding ``raw_key`` under ``passphrase``."""
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    key = _slot_key(passphrase, salt, ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM)
    wrapped = AESGCM(key).encrypt(nonce, raw_key, _associated(name, db_salt))
    return Slot(name, salt, nonce, wrapped, ARGON2_TIME_COST, ARGON2_MEMORY_KIB, ARGON2_PARALLELISM)


def unwrap(slot: Slot, passphrase: str, db_salt: bytes) -> bytes:
    """The raw key in ``slot``; :class:`SlotRejected` for a wrong passphrase or an altered slot."""
    key = _slot_key(passphrase, slot.salt, slot.time_cost, slot.memory_kib, slot.parallelism)
    try:
        raw = AESGCM(key).decrypt(slot.nonce, slot.wrapped, _associated(slot.name, db_salt))
    except InvalidTag as exc:
        raise SlotRejected(slot.name) from exc
    if len(raw) != RAW_KEY_BYTES:
        raise SlotRejected(slot.name)
    return raw


def _mac(raw_key: bytes, body: dict[str, Any]) -> bytes:
    mac_key = hmac.new(raw_key, b"yulu-local-users-mac-v1", hashlib.sha256).digest()
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return hmac.new(mac_key, canonical, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _sealed(item: Sealed) -> dict[str, str]:
    return {"nonce": _b64(item.nonce), "wrapped": _b64(item.wrapped)}


def _body(keys: KeyFile) -> dict[str, Any]:
    extra: dict[str, Any] = {}
    if keys.db_keys:
        extra["db_keys"] = [_sealed(k) for k in keys.db_keys]
        extra["roots"] = [_sealed(k) for k in keys.roots]
    if keys.recovery is not None:
        extra["recovery"] = _sealed(keys.recovery)
    if keys.escrow is not None:
        extra["escrow"] = {
            "device_id": keys.escrow.device_id,
            "key_id": keys.escrow.key_id,
            "key": _b64(keys.escrow.key),
            "server_url": keys.escrow.server_url,
            "deposited": keys.escrow.deposited,
        }
    return {
        **extra,
        "format": _FORMAT,
        # A file without the version-2 parts stays version 1, readable by older releases.
        "version": 2 if extra else 1,
        "db_salt": _b64(keys.db_salt),
        "owner": keys.owner,
        "slots": [
            {
                "name": s.name,
                "kdf": "argon2id",
                "time_cost": s.time_cost,
                "memory_kib": s.memory_kib,
                "parallelism": s.parallelism,
                "salt": _b64(s.salt),
                "nonce": _b64(s.nonce),
                "wrapped": _b64(s.wrapped),
            }
            for s in keys.slots
        ],
    }


def seal(keys: KeyFile, raw_key: bytes) -> KeyFile:
    """``keys`` with its MAC (made with the raw key, which only someone unlocked holds)."""
    return replace(keys, mac=_mac(raw_key, _body(keys)))


def new_key_file(db_salt: bytes, owner: str, raw_key: bytes) -> KeyFile:
    """A new key file; ``owner`` may be "" for a file that only holds the recovery key or escrow part."""
    return seal(KeyFile(db_salt=db_salt, owner=tidy_name(owner) if owner else "", slots=()), raw_key)


def add_slot(keys: KeyFile, raw_key: bytes, name: str, passphrase: str) -> KeyFile:
    """``keys`` with a slot for ``name`` (replacing that user's old slot, if any), sealed again."""
    name = tidy_name(name)
    slot = wrap(raw_key, name, passphrase, keys.db_salt)
    others = tuple(s for s in keys.slots if s.name != name)
    existing = keys.slot(name)
    if existing is not None:  # a changed passphrase keeps the user's place in the list
        slots = tuple(slot if s.name == name else s for s in keys.slots)
    else:
        slots = (*others, slot)
    return seal(replace(keys, slots=slots), raw_key)


def remove_slot(keys: KeyFile, raw_key: bytes, name: str) -> KeyFile:
    return seal(replace(keys, slots=tuple(s for s in keys.slots if s.name != name)), raw_key)


def verify(keys: KeyFile, raw_key: bytes, path: Path) -> None:
    """:class:`KeyFileDamaged` unless the file's MAC matches (checked once the raw key is known)."""
    if not hmac.compare_digest(keys.mac, _mac(raw_key, _body(keys))):
        raise KeyFileDamaged(path, "校验不符")


def read(path: Path) -> KeyFile | None:
    """The key file at ``path``; ``None`` if there is none; :class:`KeyFileDamaged` if it cannot be read."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise KeyFileDamaged(path, f"无法读取：{exc.strerror or exc}") from exc
    try:
        doc = json.loads(data.decode("utf-8"))
        if doc.get("format") != _FORMAT:
            raise ValueError("format")
        if int(doc.get("version", 0)) > _VERSION:
            raise KeyFileDamaged(path, "由更新版本的雨露写入，请升级")
        slots = tuple(
            Slot(
                name=str(s["name"]),
                salt=base64.b64decode(s["salt"], validate=True),
                nonce=base64.b64decode(s["nonce"], validate=True),
                wrapped=base64.b64decode(s["wrapped"], validate=True),
                time_cost=int(s["time_cost"]),
                memory_kib=int(s["memory_kib"]),
                parallelism=int(s["parallelism"]),
            )
            for s in doc["slots"]
        )
        escrow = doc.get("escrow")
        keys = KeyFile(
            db_salt=base64.b64decode(doc["db_salt"], validate=True),
            owner=str(doc["owner"]),
            slots=slots,
            mac=base64.b64decode(doc["mac"], validate=True),
            db_keys=tuple(_read_sealed(k) for k in doc.get("db_keys", [])),
            roots=tuple(_read_sealed(k) for k in doc.get("roots", [])),
            recovery=_read_sealed(doc["recovery"]) if doc.get("recovery") else None,
            escrow=EscrowPart(
                device_id=str(escrow["device_id"]),
                key_id=str(escrow["key_id"]),
                key=base64.b64decode(escrow["key"], validate=True),
                server_url=str(escrow.get("server_url", "")),
                deposited=bool(escrow.get("deposited", False)),
            )
            if escrow
            else None,
        )
    except KeyFileDamaged:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise KeyFileDamaged(path, "内容无法解析") from exc
    if (
        len(keys.db_salt) != SALT_BYTES
        or (not keys.owner and keys.slots)
        or len(set(keys.names)) != len(keys.names)
        or len(keys.db_keys) != len(keys.roots)
    ):
        raise KeyFileDamaged(path, "内容不完整")
    return keys


def _read_sealed(doc: Any) -> Sealed:
    return Sealed(
        nonce=base64.b64decode(doc["nonce"], validate=True),
        wrapped=base64.b64decode(doc["wrapped"], validate=True),
    )


def seal_key(key: bytes, under: bytes, purpose: bytes) -> Sealed:
    """``key`` sealed with AES-256-GCM under ``under``; ``purpose`` is the associated data."""
    nonce = secrets.token_bytes(12)
    return Sealed(nonce, AESGCM(under).encrypt(nonce, key, purpose))


def open_sealed(item: Sealed, under: bytes, purpose: bytes) -> bytes | None:
    """The key in ``item``, or None if ``under`` is not the key it was sealed with (or it was altered)."""
    try:
        key = AESGCM(under).decrypt(item.nonce, item.wrapped, purpose)
    except InvalidTag:
        return None
    return key if len(key) == RAW_KEY_BYTES else None


_DB_KEY = b"yulu-db-key-v2"
_ROOT_KEY = b"yulu-root-key-v2"


def database_keys(keys: KeyFile, root_key: bytes) -> list[bytes]:
    """The raw keys the database may have, to try in turn: the root key itself while there is no chain."""
    if not keys.db_keys:
        return [root_key]
    found = [open_sealed(k, root_key, _DB_KEY) for k in keys.db_keys]
    return [k for k in found if k is not None]


def root_from_database_key(keys: KeyFile | None, raw_key: bytes) -> bytes | None:
    """The root key reached from the database's raw key: the raw key itself while there is no chain; None if
    the chain does not know this key (the key file is not this database's)."""
    if keys is None or not keys.roots:
        return raw_key
    for item in keys.roots:
        root = open_sealed(item, raw_key, _ROOT_KEY)
        if root is not None:
            return root
    return None


def with_database_keys(keys: KeyFile, root_key: bytes, raw_keys: list[bytes]) -> KeyFile:
    """``keys`` whose chain leads from the root key to each of ``raw_keys`` (and back), sealed again. No chain
    at all where the only database key is the root key."""
    if raw_keys == [root_key]:
        return seal(replace(keys, db_keys=(), roots=()), root_key)
    return seal(
        replace(
            keys,
            db_keys=tuple(seal_key(k, root_key, _DB_KEY) for k in raw_keys),
            roots=tuple(seal_key(root_key, k, _ROOT_KEY) for k in raw_keys),
        ),
        root_key,
    )


def write(path: Path, keys: KeyFile) -> None:
    """Write ``keys`` atomically (a 0600 temporary file in the same folder, flushed, renamed over the old)."""
    doc = {**_body(keys), "mac": _b64(keys.mac)}
    write_private(path, json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
