"""Sensitive fields encrypted at rest on the county server, with keys that do not live in the database.

What is sensitive is declared once, in ``SENSITIVE_FIELDS``. Wherever the server stores a field value —
``record.data``, ``change_log.fields``, the values of a ``conflict`` — the values of those fields are stored as
``enc:v1:<key id>:<base64(nonce ‖ AES-256-GCM ciphertext)>``; the plaintext is the value's JSON text and the
associated data is ``entity.field`` (not the record id: the record and its log row share one ciphertext, and a
conflict's values keep the field they came from). The raw entries kept for review (``quarantine.entry``,
``duplicate_review.entry``) are encrypted whole (associated data ``entry``). ``None`` stays ``None``.

The person's ID number is also kept as a keyed hash (``h1:`` + 32 hex digits of HMAC-SHA256 under a separate
hash key) in ``record.unique_key`` and ``duplicate_review.value``, so that duplicate ID numbers are found
without the clear value.

Values are sealed and opened by field, never by the look of a value: a laptop that types ``enc:v1:…`` into a
sensitive field has it encrypted like any other value, so every tag in a sensitive field was made here.

Keys live in a key file (``data_key_file``: ``YULU_SERVER_DATA_KEY_FILE``, else beside the bundle key file, mode
0600): data keys by id (the newest is ``current``) and the hash key. ``yulu-server admin rotate-key`` adds a key,
re-encrypts every row (``server.rekey``) and drops the old key only when no row needs it any more. The hash key
is not rotated by it: every ``unique_key`` and ``duplicate_review.value`` would have to be computed again from
decrypted values, and a hash key that leaked gives no value back by itself (it only lets one test guesses).
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import re
import secrets
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.engine import URL

from yulu_desktop.paths import user_data_dir
from yulu_desktop.private_files import write_private

b64encode, b64decode = base64.b64encode, base64.b64decode
#: JSON text of a string, as ``json.dumps(value, ensure_ascii=False)`` writes it (the C encoder, no options).
_quote: Callable[[str], str] = json.encoder.encode_basestring

#: The fields whose values never lie in clear on the server's disk: ID numbers, phones, bank accounts and their
#: holders, health and disability, and the 学籍号 (it repeats the birth date of the ID number).
SENSITIVE_FIELDS: dict[str, frozenset[str]] = {
    "person": frozenset({"id_number", "phone", "health", "disability"}),
    "household": frozenset({"contact_phone", "payee_name", "payee_account"}),
    "subsidy_application": frozenset({"payee_name", "payee_account"}),
    "enrollment": frozenset({"registry_no"}),
}
NONE: frozenset[str] = frozenset()

TAG = "enc:v1:"
HASH_TAG = "h1:"
BLOB_DATA = b"entry"


#: A sealed value inside JSON text, with the key before it: ``"field": "enc:v1:<key id>:<base64>"``. JSON escapes
#: every quote inside a string, so a match always starts at a real key.
_SEALED_IN_JSON = re.compile(r'"(\w+)": ?"enc:v1:([A-Za-z0-9_-]{1,32}):([A-Za-z0-9+/=]+)"')

DATA_KEY_FILE_ENV = "YULU_SERVER_DATA_KEY_FILE"
#: Where the bundle keys are (``server.bundles``); the data key file goes beside it unless told otherwise.
BUNDLE_KEY_FILE_ENV = "YULU_SERVER_KEY_FILE"
_FORMAT = 1
#: How often a running server looks whether the key file changed (a rotation by another process).
RELOAD_SECONDS = 2.0


class DataKeyError(RuntimeError):
    """The data keys are missing, damaged or do not open a value (the message is Chinese)."""


def bundle_key_file(url: URL) -> Path:
    """Where the bundle private keys live: ``YULU_SERVER_KEY_FILE``, else next to a SQLite database file
    (``yulu-server.db`` → ``yulu-server-keys.json``), else in the server's data directory."""
    override = os.environ.get(BUNDLE_KEY_FILE_ENV)
    if override:
        return Path(override)
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        database = Path(url.database)
        return database.with_name(f"{database.stem}-keys.json")
    return user_data_dir() / "yulu-server-keys.json"


def data_key_file(url: URL) -> Path:
    """Where the data keys live: ``YULU_SERVER_DATA_KEY_FILE``, else beside the bundle key file
    (``yulu-server-keys.json`` → ``yulu-server-keys-data.json``). A file of its own: the bundle key file is
    written once and never replaced, this one is rewritten by every rotation."""
    override = os.environ.get(DATA_KEY_FILE_ENV)
    if override:
        return Path(override)
    bundle = bundle_key_file(url)
    return bundle.with_name(f"{bundle.stem}-data{bundle.suffix or '.json'}")


# --- keys -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Keyring:
    current: str
    keys: dict[str, bytes]
    hash_key: bytes

    def with_new_key(self) -> Keyring:
        key_id = "k" + secrets.token_hex(4)
        return Keyring(key_id, {**self.keys, key_id: AESGCM.generate_key(bit_length=256)}, self.hash_key)

    def only_current(self) -> Keyring:
        return Keyring(self.current, {self.current: self.keys[self.current]}, self.hash_key)


def new_keyring() -> Keyring:
    return Keyring("k0", {}, secrets.token_bytes(32)).with_new_key()


def read_keyring(path: Path) -> Keyring | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DataKeyError(f"无法读取数据密钥文件 {path}：{exc}") from None
    try:
        data = json.loads(text)
        keys = {str(k): base64.b64decode(v, validate=True) for k, v in data["keys"].items()}
        ring = Keyring(str(data["current"]), keys, base64.b64decode(data["hash_key"], validate=True))
        if ring.current not in keys or any(len(k) != 32 for k in keys.values()) or len(ring.hash_key) != 32:
            raise ValueError
        return ring
    except (ValueError, KeyError, TypeError, AttributeError):
        raise DataKeyError(f"数据密钥文件 {path} 已损坏。") from None


def write_keyring(path: Path, ring: Keyring, *, replace: bool) -> Keyring:
    """Write ``ring`` to ``path`` (0600, synced). ``replace`` False: only if no file is there (another process
    that made one first wins, and its keys are returned)."""
    payload = {
        "format": _FORMAT,
        "current": ring.current,
        "keys": {k: base64.b64encode(v).decode() for k, v in ring.keys.items()},
        "hash_key": base64.b64encode(ring.hash_key).decode(),
    }
    if write_private(path, json.dumps(payload).encode("utf-8"), replace=replace):
        return ring
    found = read_keyring(path)
    assert found is not None
    return found


def missing_key_message(path: Path) -> str:
    return (
        f"找不到数据密钥文件 {path}，而数据库中已有加密保存的身份证号、银行账号等信息，没有它就无法读取。"
        f"县服务器不启动。请把原来的数据密钥文件放回这个位置（或用环境变量 {DATA_KEY_FILE_ENV} 指明它的位置），"
        "不要新建密钥。"
    )


def load_keyring(path: Path, has_sealed_rows: Callable[[], bool]) -> Keyring:
    """The keys in ``path``; made on first use — unless the database already holds encrypted values, whose key
    a new file could not open: then ``DataKeyError`` with a Chinese message (the server does not start)."""
    ring = read_keyring(path)
    if ring is not None:
        return ring
    if has_sealed_rows():
        raise DataKeyError(missing_key_message(path))
    return write_keyring(path, new_keyring(), replace=False)


# --- the cipher -----------------------------------------------------------------------------------------


@dataclass
class FieldCipher:
    """Seals and opens the sensitive values of one database's rows with its keyring."""

    ring: Keyring
    path: Path | None = None
    _aead: dict[str, AESGCM] = field(default_factory=dict, repr=False)
    _mtime: float = field(default=0.0, repr=False)
    _checked: float = field(default=0.0, repr=False)
    #: Values opened with another key than the current one since the last ``reset_stale`` (rotation).
    opened_stale: int = field(default=0, repr=False)
    _nonces: bytes = field(default=b"", repr=False)

    def __post_init__(self) -> None:
        self._aead = {key_id: AESGCM(key) for key_id, key in self.ring.keys.items()}
        if self.path is not None:
            with contextlib.suppress(OSError):
                self._mtime = self.path.stat().st_mtime
            self._checked = time.monotonic()

    @property
    def current(self) -> str:
        return self.ring.current

    def refresh(self, *, force: bool = False) -> None:
        """Take up a key file another process rewrote (``rotate-key``): looked at every ``RELOAD_SECONDS``."""
        if self.path is None:
            return
        now = time.monotonic()
        if not force and now - self._checked < RELOAD_SECONDS:
            return
        self._checked = now
        try:
            mtime = self.path.stat().st_mtime
        except OSError:
            return
        if mtime == self._mtime:
            return
        ring = read_keyring(self.path)
        if ring is not None:
            # Keys dropped from the file stay known to this process: rows it read a moment ago may use them.
            self.adopt(ring)
        self._mtime = mtime

    def adopt(self, ring: Keyring) -> None:
        """Use ``ring`` (its current key seals from now on); keys this cipher knew stay known for opening."""
        self.ring = Keyring(ring.current, {**self.ring.keys, **ring.keys}, ring.hash_key)
        self._aead = {key_id: AESGCM(key) for key_id, key in self.ring.keys.items()}
        if self.path is not None:
            with contextlib.suppress(OSError):
                self._mtime = self.path.stat().st_mtime

    def _seal(self, plaintext: bytes, aad: bytes) -> str:
        key_id, raw = self.seal_bytes(plaintext, aad)
        return f"{TAG}{key_id}:{b64encode(raw).decode()}"

    def _open(self, key_id: str, body: str, aad: bytes) -> bytes:
        return self.open_bytes(key_id, b64decode(body), aad)

    def seal_bytes(self, plaintext: bytes, aad: bytes) -> tuple[str, bytes]:
        """``plaintext`` sealed under the current key: (its key id, nonce ‖ AES-256-GCM ciphertext). Values are
        stored as text (``TAG``), attachment files as bytes beside the key id (``server.blobs``)."""
        # Random 96-bit nonces, taken from a buffer (one system call per 340 values instead of one each).
        if len(self._nonces) < 12:
            self._nonces = os.urandom(4080)
        nonce, self._nonces = self._nonces[:12], self._nonces[12:]
        return self.ring.current, nonce + self._aead[self.ring.current].encrypt(nonce, plaintext, aad)

    def open_bytes(self, key_id: str, raw: bytes, aad: bytes) -> bytes:
        """The plaintext of ``seal_bytes``'s ``raw`` under ``key_id``; ``DataKeyError`` when it cannot be opened."""
        if key_id != self.ring.current:
            self.opened_stale += 1
        aead = self._aead.get(key_id)
        if aead is None:
            self.refresh(force=True)
            aead = self._aead.get(key_id)
        if aead is None:
            raise DataKeyError(
                f"数据密钥文件中没有密钥 {key_id}，无法读取加密保存的数据（密钥文件不是这个数据库的，或轮换时丢失了旧密钥）。"
            )
        try:
            return aead.decrypt(raw[:12], raw[12:], aad)
        except InvalidTag:
            raise DataKeyError(f"加密保存的数据无法用密钥 {key_id} 解开（数据或密钥文件已损坏）。") from None

    # --- a stored piece of an attachment file (``server.blobs``) -------------------------------------

    def seal_chunk(self, sha256: str, offset: int, data: bytes) -> tuple[str, bytes]:
        """(key id, sealed bytes) of the piece of file ``sha256`` at ``offset``; its file and place are the
        associated data, so that a piece cannot be passed off as another file's or moved within its own."""
        return self.seal_bytes(data, _chunk_place(sha256, offset))

    def open_chunk(self, sha256: str, offset: int, key_id: str | None, data: bytes) -> bytes:
        """The clear bytes of a stored piece (``key_id`` None: stored in clear, before migration s0011)."""
        return data if key_id is None else self.open_bytes(key_id, data, _chunk_place(sha256, offset))

    # --- one value -----------------------------------------------------------------------------------

    def seal_value(self, entity: str, name: str, value: Any) -> Any:
        if value is None or value == "":
            return value  # an empty field says nothing (and the pull then has nothing to open)
        plain = _quote(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        return self._seal(plain.encode(), f"{entity}.{name}".encode())

    def open_value(self, entity: str, name: str, value: Any) -> Any:
        if not isinstance(value, str) or not value.startswith(TAG):
            return value  # a value stored before encryption (or None)
        key_id, _, body = value[len(TAG) :].partition(":")
        return json.loads(self._open(key_id, body, f"{entity}.{name}".encode()))

    # --- the fields of a record ----------------------------------------------------------------------

    def seal_fields(self, entity: str, fields: Mapping[str, Any]) -> Mapping[str, Any]:
        """``fields`` with its sensitive values sealed (the same mapping when it has none)."""
        sensitive = SENSITIVE_FIELDS.get(entity, NONE)
        if not sensitive or sensitive.isdisjoint(fields):
            return fields
        return {k: self.seal_value(entity, k, v) if k in sensitive else v for k, v in fields.items()}

    def open_fields(self, entity: str, fields: dict[str, Any]) -> dict[str, Any]:
        """``fields`` with its sensitive values opened, in place."""
        for name in SENSITIVE_FIELDS.get(entity, NONE).intersection(fields):
            fields[name] = self.open_value(entity, name, fields[name])
        return fields

    def dumps_fields(self, entity: str, fields: Mapping[str, Any]) -> str:
        return json.dumps(self.seal_fields(entity, fields), ensure_ascii=False)

    def loads_fields(self, entity: str, text: str) -> dict[str, Any]:
        fields: dict[str, Any] = json.loads(text)
        if TAG in text:
            self.open_fields(entity, fields)
        return fields

    def open_json(self, entity: str, text: str) -> str:
        """JSON text of a record's fields with its sealed values replaced by their clear JSON, without decoding
        the rest (the pull writes pages from stored text; a row without a tag costs one substring test)."""
        if TAG not in text:
            return text
        if entity == CONFLICT_ENTITY:
            fields = json.loads(text)
            self.open_conflict_fields(fields)
            return json.dumps(fields, ensure_ascii=False)
        sensitive = SENSITIVE_FIELDS.get(entity, NONE)
        aead, current, prefix = self._aead, self.ring.current, entity + "."

        def clear(match: re.Match[str]) -> str:
            name, key_id, body = match.groups()
            if name not in sensitive:
                return match.group(0)
            found = aead.get(key_id) if key_id == current else None
            if found is None:  # another key (a rotation under way) or an unknown one: the careful path
                plain = self._open(key_id, body, (prefix + name).encode())
            else:
                raw = b64decode(body)
                try:
                    plain = found.decrypt(raw[:12], raw[12:], (prefix + name).encode())
                except InvalidTag:
                    plain = self._open(key_id, body, (prefix + name).encode())  # raises with the message
            return f'"{name}": {plain.decode()}'

        return _SEALED_IN_JSON.sub(clear, text)

    # --- conflicts -----------------------------------------------------------------------------------

    def seal_conflict_value(self, entity: str, name: str, value: Any) -> Any:
        """A conflict's winner or loser value: a whole record (a dict) or the value of field ``name``."""
        if isinstance(value, dict):
            return self.seal_fields(entity, value)
        if name in SENSITIVE_FIELDS.get(entity, NONE):
            return self.seal_value(entity, name, value)
        return value

    def open_conflict_value(self, entity: str, name: str, value: Any) -> Any:
        if isinstance(value, dict):
            return self.open_fields(entity, value)
        if name in SENSITIVE_FIELDS.get(entity, NONE):
            return self.open_value(entity, name, value)
        return value

    def open_conflict_fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """The fields of a ``_conflict`` log row, its values opened in place."""
        entity, name = str(fields.get("entity", "")), str(fields.get("field", ""))
        for key in ("winner_value", "loser_value"):
            if key in fields:
                fields[key] = self.open_conflict_value(entity, name, fields[key])
        return fields

    # --- whole entries and hashes --------------------------------------------------------------------

    def seal_blob(self, text: str) -> str:
        return self._seal(text.encode(), BLOB_DATA)

    def open_blob(self, text: str) -> str:
        if not text.startswith(TAG):
            return text  # JSON of an entry stored before encryption
        key_id, _, body = text[len(TAG) :].partition(":")
        return self._open(key_id, body, BLOB_DATA).decode()

    def hash_value(self, entity: str, name: str, value: str) -> str:
        """The keyed hash kept instead of a unique sensitive value (the ID number), for equality only."""
        digest = hmac.new(self.ring.hash_key, f"{entity}.{name}\x1f{value}".encode(), hashlib.sha256)
        return HASH_TAG + digest.hexdigest()[:32]


#: The pull stream's pseudo-entity for conflicts (``protocol.CONFLICT_ENTITY``; not imported: the protocol
#: module is the laptop's, this one is used by the migrations too).
CONFLICT_ENTITY = "_conflict"


def sealed_fields_of(entity: str) -> frozenset[str]:
    return SENSITIVE_FIELDS.get(entity, NONE)


def _chunk_place(sha256: str, offset: int) -> bytes:
    return f"blob:{sha256}:{offset}".encode()
