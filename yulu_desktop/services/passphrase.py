"""Change the passphrase (修改密码), the recovery key (恢复密钥) and opening without the passphrase.

Shared by the desktop (设置 → 修改密码…, 恢复密钥…, the 忘记密码？ link of the start dialog) and ``yulu passwd``.

* A local user other than the owner changes the passphrase of their own slot (``services.local_users``).
* The owner (or the only user of a laptop without local users) changes the database passphrase: the database is
  re-encrypted to the new key, and the key file's chain keeps every slot, the recovery key and the county's
  escrow copy valid (``store/keyring.py`` explains the design). Crash-safe in three steps — the key file made
  ready for both keys, the rekey (one transaction), the key file with the new key only; ``step`` is called
  after each (tests stop the process there).
* The recovery key wraps the root key; a new one replaces the old (the old printed page stops working).
* Forgotten passphrase: the recovery key (or the county's escrow release, ``sync/escrow.py``) gives the root key,
  which opens the database; the person then sets a new passphrase at once (no old one is asked).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import records
from yulu_desktop.services.acting import current_actor
from yulu_desktop.store import keyring, recovery_key
from yulu_desktop.store.database import Database, DatabaseNotFound, WrongPassphrase, passphrase_problem

__all__ = [
    "Step",
    "change_passphrase",
    "has_recovery_key",
    "make_recovery_key",
    "open_with_recovery_key",
    "open_with_root",
    "set_new_passphrase",
    "unlock_names",
]

#: Called with the name of each step of a passphrase change once it is durable ("prepared", "rekeyed", "done").
Step = Callable[[str], None]


def _no_step(name: str) -> None:
    return None


class RecoveryKeyRejected(YuluError):
    def __init__(self) -> None:
        super().__init__("恢复密钥不正确：请逐组核对打印页上的恢复密钥（只有最近一次生成的恢复密钥有效）。")


def _check_new(passphrase: str, repeated: str | None) -> None:
    problem = passphrase_problem(passphrase)
    if problem:
        raise YuluError(problem)
    if repeated is not None and repeated != passphrase:
        raise YuluError("两次输入的新密码不一致，请重新输入")


def _audit(db: Database, detail: str) -> None:
    records.audit(
        db,
        actor=current_actor(db).audit_name,
        action="local_users",
        entity="passphrase",
        entity_id=db.local_user,
        detail=detail,
    )


def change_passphrase(
    db: Database, old: str, new: str, *, repeated: str | None = None, step: Step = _no_step
) -> None:
    """Whoever unlocked ``db`` changes their passphrase from ``old`` to ``new``. ``WrongPassphrase`` if
    ``old`` is not theirs; ``YuluError`` (Chinese) if ``new`` is not good enough. Nothing changes on error."""
    _check_new(new, repeated)
    try:
        db.verify_passphrase(old)
    except WrongPassphrase:
        raise WrongPassphrase(db.path, "原密码不正确，密码没有修改。") from None
    if old == new:
        raise YuluError("新密码与原密码相同，请换一个")
    set_new_passphrase(db, new, step=step)


def set_new_passphrase(db: Database, new: str, *, step: Step = _no_step) -> None:
    """Give whoever unlocked ``db`` the passphrase ``new`` without asking the old one (after the recovery key
    or the county's release opened it, or from :func:`change_passphrase`)."""
    _check_new(new, None)
    if db.is_owner:
        _rekey(db, new, step)
        _audit(db, "修改数据库密码（所有者）")
    else:
        keys = keyring.read(db.key_file)
        if keys is None:
            raise keyring.KeyFileMissing(db.key_file)
        keyring.verify(keys, db.root_key(), db.key_file)
        keyring.write(db.key_file, keyring.add_slot(keys, db.root_key(), db.local_user, new))
        step("done")
        _audit(db, f"修改本机用户“{db.local_user}”的密码")


def _rekey(db: Database, new: str, step: Step) -> None:
    salt = keyring.database_salt(db.path)
    old_key = db.raw_key()
    new_key = keyring.raw_key_from_passphrase(new, salt)
    keys = keyring.read(db.key_file) if not db.key_file_problem else None
    root = db.root_key() if keys is not None else old_key
    if keys is not None:
        keyring.verify(keys, root, db.key_file)
        # Ready for either key: a crash from here on leaves a database every slot still opens.
        keyring.write(db.key_file, keyring.with_database_keys(keys, root, [new_key, old_key]))
    step("prepared")
    db.rekey(new, new_key)
    step("rekeyed")
    if keys is not None:
        keyring.write(db.key_file, keyring.with_database_keys(keys, root, [new_key]))
    step("done")


def has_recovery_key(path: Path) -> bool:
    """Whether the database at ``path`` has a recovery key (a readable key file holding one)."""
    try:
        keys = keyring.read(keyring.key_file_path(path))
    except keyring.KeyFileDamaged:
        return False
    return keys is not None and keys.recovery is not None


def make_recovery_key(db: Database) -> str:
    """A new recovery key for ``db`` (replacing any older one), formatted for a person; only the owner (or the
    user of a laptop without local users) may make it. Shown once: it is not stored anywhere readable."""
    if not db.is_owner:
        raise YuluError("只有本机所有者（用数据库密码登录的人）可以生成恢复密钥")
    salt = keyring.database_salt(db.path)
    root = db.root_key()
    keys = keyring.read(db.key_file) if not db.key_file_problem else None
    if keys is None:
        keys = keyring.new_key_file(salt, "", root)
    else:
        keyring.verify(keys, root, db.key_file)
    code = recovery_key.new_code()
    sealed = keyring.seal_key(root, recovery_key.derive(code, salt), recovery_key.PURPOSE)
    keyring.write(db.key_file, keyring.seal(dataclasses.replace(keys, recovery=sealed), root))
    db.key_file_problem = ""
    _audit(db, "生成新的恢复密钥（旧的恢复密钥作废）")
    return code


def unlock_names(path: Path) -> list[str]:
    """The local users of the database at ``path`` (the owner first); empty where there are none."""
    keys = keyring.read(keyring.key_file_path(path))
    return keys.names if keys is not None else []


def _key_file_of(path: Path) -> keyring.KeyFile:
    if not path.exists():
        raise DatabaseNotFound(path)
    key_path = keyring.key_file_path(path)
    keys = keyring.read(key_path)
    if keys is None:
        raise keyring.KeyFileMissing(key_path)
    if keys.db_salt != keyring.database_salt(path):
        raise keyring.KeyFileDamaged(key_path, "不属于这个数据库")
    return keys


def open_with_root(path: Path, root: bytes, user: str | None = None) -> Database:
    """Open ``path`` with its root key, as ``user`` (a local user; the owner when None or the owner's name)."""
    keys = _key_file_of(path)
    names = keys.names
    if user and names and user not in names:
        raise keyring.UnknownUser(user, names)
    is_owner = not names or not user or user == keys.owner
    name = keys.owner if is_owner else user or ""
    db = Database.open_with_root(path, root, keys, local_user=name, is_owner=is_owner)
    try:
        keyring.verify(keys, root, keyring.key_file_path(path))
    except BaseException:
        db.close()
        raise
    return db


def open_with_recovery_key(path: Path, code: str, user: str | None = None) -> Database:
    """Open ``path`` with its recovery key (``RecoveryKeyRejected`` if it is not the right one)."""
    keys = _key_file_of(path)
    if keys.recovery is None:
        raise YuluError(
            "这个数据库还没有生成过恢复密钥。可以请县里用托管副本帮助恢复（需要已连接县服务器）。"
        )
    root = keyring.open_sealed(keys.recovery, recovery_key.derive(code, keys.db_salt), recovery_key.PURPOSE)
    if root is None:
        raise RecoveryKeyRejected()
    return open_with_root(path, root, user)
