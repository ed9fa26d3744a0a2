"""Local users of a shared laptop (本机用户): list, add, remove, change a passphrase.

The key slots themselves are :mod:`yulu_desktop.store.keyring`; this module is the policy, the same for the
desktop dialog and ``yulu users``:

* Only the **owner** (who opened the database with the database passphrase) adds and removes users: the owner
  answers for the laptop and holds the way back in if the key file is lost. The owner cannot be removed, so
  at least one user always remains.
* Adding the first user to a database without local users names its owner too and writes the key file; a lost
  or damaged key file is replaced the same way (the owner adds the users again).
* A user changes their own passphrase by giving the old one; the owner may set a new one for another user who
  forgot theirs. The owner's passphrase is the database passphrase and is not changed here (that needs the
  database re-encrypted).
* New passphrases follow the rules of a new database (:func:`~yulu_desktop.store.database.passphrase_problem`).
* Every change is written to the audit log, under whoever is acting.

This is a matter of who acts, enforced by the app: every user holds the database key while unlocked.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import records
from yulu_desktop.services.acting import current_actor
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database, WrongPassphrase, passphrase_problem

__all__ = ["LocalUser", "add_user", "change_passphrase", "list_users", "remove_user"]


@dataclass(frozen=True)
class LocalUser:
    name: str
    is_owner: bool
    is_current: bool


def _keys(db: Database) -> keyring.KeyFile | None:
    """The key file, checked against this database; None where the laptop has no local users (or the owner
    opened it past a lost or damaged key file, which the next addition replaces)."""
    if db.key_file_problem:
        return None
    keys = keyring.read(db.key_file)
    if keys is not None:
        keyring.verify(keys, db.root_key(), db.key_file)
    return keys


def list_users(db: Database) -> list[LocalUser]:
    """Everyone who may unlock this database, the owner first; empty where there are no local users."""
    keys = _keys(db)
    if keys is None:
        return []
    return [LocalUser(name, name == keys.owner, name == db.local_user) for name in keys.names]


def _only_owner(db: Database, what: str) -> None:
    if not db.is_owner:
        raise YuluError(f"只有本机所有者（用数据库密码登录的人）可以{what}")


def _check_passphrase(passphrase: str) -> None:
    problem = passphrase_problem(passphrase)
    if problem:
        raise YuluError(problem)


def _audit(db: Database, action: str, name: str, detail: str) -> None:
    records.audit(
        db,
        actor=current_actor(db).audit_name,
        action=action,
        entity="local_user",
        entity_id=name,
        detail=detail,
    )


def add_user(db: Database, name: str, passphrase: str, *, owner_name: str = "") -> LocalUser:
    """Add the local user ``name`` with ``passphrase``. Where there are no local users yet, ``owner_name``
    names the owner (who is acting now) and the key file is made."""
    _only_owner(db, "添加用户")
    name = keyring.tidy_name(name)
    _check_passphrase(passphrase)
    keys = _keys(db)
    raw_key = db.root_key()
    if keys is None or not keys.owner:  # none yet, or one holding only the recovery key / escrow part
        owner = keyring.tidy_name(owner_name) if owner_name.strip() else ""
        if not owner:
            raise YuluError("这是本机第一个其他用户：请同时给出所有者（你自己）的用户名")
        if owner == name:
            raise YuluError(f"“{name}”已是所有者的用户名，请换一个名字")
        keys = (
            keyring.new_key_file(keyring.database_salt(db.path), owner, raw_key)
            if keys is None
            else keyring.seal(dataclasses.replace(keys, owner=owner), raw_key)
        )
    elif name in keys.names:
        raise YuluError(f"本机已有用户“{name}”")
    keyring.write(db.key_file, keyring.add_slot(keys, raw_key, name, passphrase))
    db.key_file_problem = ""
    db.local_user = keys.owner
    _audit(db, "local_users", name, f"添加本机用户“{name}”")
    return LocalUser(name, False, False)


def remove_user(db: Database, name: str) -> None:
    """Remove the local user ``name`` (their slot is deleted; the owner cannot be removed)."""
    _only_owner(db, "删除用户")
    name = " ".join(name.split())
    keys = _keys(db)
    if keys is None or name not in keys.names:
        raise keyring.UnknownUser(name, keys.names if keys else [])
    if name == keys.owner:
        raise YuluError(f"“{name}”是本机所有者，不能删除")
    keyring.write(db.key_file, keyring.remove_slot(keys, db.root_key(), name))
    _audit(db, "local_users", name, f"删除本机用户“{name}”")


def change_passphrase(db: Database, name: str, new_passphrase: str, *, old_passphrase: str = "") -> None:
    """Give ``name`` a new passphrase: one's own with the old passphrase, another's only as the owner."""
    name = " ".join(name.split())
    keys = _keys(db)
    if keys is None or name not in keys.names:
        raise keyring.UnknownUser(name, keys.names if keys else [])
    if name == keys.owner:
        raise YuluError("所有者的密码就是数据库密码，请用“修改密码”（yulu passwd）修改")
    slot = keys.slot(name)
    assert slot is not None
    if name == db.local_user:
        try:
            keyring.unwrap(slot, old_passphrase, keys.db_salt)
        except keyring.SlotRejected:
            raise WrongPassphrase(db.path, "原密码不正确，密码没有修改。") from None
    else:
        _only_owner(db, "修改其他用户的密码")
    _check_passphrase(new_passphrase)
    keyring.write(db.key_file, keyring.add_slot(keys, db.root_key(), name, new_passphrase))
    _audit(db, "local_users", name, f"修改本机用户“{name}”的密码")
