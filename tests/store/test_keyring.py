"""Local users' key slots: each user's passphrase opens the database through their slot, another's does not;
an existing single-passphrase database opens unchanged and gains users without re-encryption; a lost or
altered key file is reported plainly and the owner's passphrase still opens the database."""

from __future__ import annotations

import dataclasses
import json
import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from yulu_desktop import private_files
from yulu_desktop.store import keyring
from yulu_desktop.store.database import Database, WrongPassphrase

PASSPHRASE = "test-passphrase-1"  # the template database's (tests/conftest.py)
LISI = "lisi-passphrase-2"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


def _add(db_path: Path, name: str, passphrase: str, owner: str = "张三") -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        keys = keyring.read(db.key_file) or keyring.new_key_file(
            keyring.database_salt(db_path), owner, db.raw_key()
        )
        keyring.write(db.key_file, keyring.add_slot(keys, db.raw_key(), name, passphrase))


def _count(db: Database) -> int:
    with db.read_connection() as conn:
        return int(conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one())


def test_wrap_and_unwrap() -> None:
    salt, raw = os.urandom(16), os.urandom(32)
    slot = keyring.wrap(raw, "李四", LISI, salt)
    assert keyring.unwrap(slot, LISI, salt) == raw
    with pytest.raises(keyring.SlotRejected):
        keyring.unwrap(slot, "wrong-passphrase", salt)
    with pytest.raises(keyring.SlotRejected):  # the slot cannot be moved to another name
        keyring.unwrap(dataclasses.replace(slot, name="王五"), LISI, salt)
    with pytest.raises(keyring.SlotRejected):  # nor to another database
        keyring.unwrap(slot, LISI, os.urandom(16))


def test_the_raw_key_is_what_sqlcipher_derives(db_path: Path) -> None:
    raw = keyring.raw_key_from_passphrase(PASSPHRASE, keyring.database_salt(db_path))
    with Database(db_path, "", raw_key=raw) as db:
        assert _count(db) > 10


def test_an_existing_database_opens_unchanged_then_gains_a_second_user(db_path: Path) -> None:
    before = db_path.read_bytes()[:4096]
    with Database.open(db_path, PASSPHRASE) as db:
        assert db.local_user == "" and db.is_owner
    assert not keyring.key_file_path(db_path).exists()
    _add(db_path, "李四", LISI)
    assert db_path.read_bytes()[:4096] == before  # not re-encrypted
    key_file = keyring.key_file_path(db_path)
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert LISI not in key_file.read_text() and PASSPHRASE not in key_file.read_text()
    with Database.open(db_path, LISI, user="李四") as db:
        assert db.local_user == "李四" and not db.is_owner and _count(db) > 10
    with Database.open(db_path, PASSPHRASE) as db:  # the owner, without naming themselves
        assert db.local_user == "张三" and db.is_owner
    with Database.open(db_path, PASSPHRASE, user="张三") as db:
        assert db.local_user == "张三"


def test_each_users_passphrase_opens_and_anothers_does_not(db_path: Path) -> None:
    _add(db_path, "李四", LISI)
    _add(db_path, "王五", "wangwu-passphrase-3")
    with Database.open(db_path, "wangwu-passphrase-3", user="王五") as db:
        assert db.local_user == "王五"
    for user, passphrase in (
        ("李四", "wangwu-passphrase-3"),
        ("王五", LISI),
        ("张三", LISI),
        ("李四", PASSPHRASE),
    ):
        with pytest.raises(WrongPassphrase):
            Database.open(db_path, passphrase, user=user)
    with pytest.raises(WrongPassphrase, match="--user"):  # a user's passphrase is not the database's
        Database.open(db_path, LISI)
    with pytest.raises(keyring.UnknownUser, match="张三、李四、王五"):
        Database.open(db_path, LISI, user="赵六")


def test_verify_passphrase_checks_the_current_user(db_path: Path) -> None:
    _add(db_path, "李四", LISI)
    with Database.open(db_path, LISI, user="李四") as db:
        db.verify_passphrase(LISI)
        with pytest.raises(WrongPassphrase):
            db.verify_passphrase(PASSPHRASE)  # the owner's does not unlock 李四's session
    with Database.open(db_path, PASSPHRASE) as db:
        db.verify_passphrase(PASSPHRASE)
        with pytest.raises(WrongPassphrase):
            db.verify_passphrase(LISI)


def test_a_removed_slot_no_longer_opens(db_path: Path) -> None:
    _add(db_path, "李四", LISI)
    with Database.open(db_path, PASSPHRASE) as db:
        keys = keyring.read(db.key_file)
        assert keys is not None
        keyring.write(db.key_file, keyring.remove_slot(keys, db.raw_key(), "李四"))
    with pytest.raises(keyring.UnknownUser):
        Database.open(db_path, LISI, user="李四")


def test_a_missing_key_file_is_named_and_the_owner_still_opens(db_path: Path) -> None:
    _add(db_path, "李四", LISI)
    keyring.key_file_path(db_path).unlink()
    with pytest.raises(keyring.KeyFileMissing, match=r"找不到本机用户钥匙文件.*数据库所有者"):
        Database.open(db_path, LISI, user="李四")
    with Database.open(db_path, PASSPHRASE) as db:
        assert _count(db) > 10 and db.local_user == ""


@pytest.mark.parametrize(
    "damage",
    ["truncate", "garbage", "rename_owner", "rename_user", "other_database"],
)
def test_a_damaged_key_file_is_reported(db_path: Path, tmp_path: Path, damage: str) -> None:
    _add(db_path, "李四", LISI)
    key_file = keyring.key_file_path(db_path)
    doc = json.loads(key_file.read_text())
    if damage == "truncate":
        key_file.write_bytes(key_file.read_bytes()[:40])
    elif damage == "garbage":
        key_file.write_bytes(os.urandom(300))
    elif damage == "rename_owner":
        doc["owner"] = "王五"
        key_file.write_text(json.dumps(doc))
    elif damage == "rename_user":  # the slot moves with its name, so the MAC is what catches a swap
        doc["slots"].append({**doc["slots"][0], "name": "李四二"})
        key_file.write_text(json.dumps(doc))
    else:
        doc["db_salt"] = keyring._b64(os.urandom(16))
        key_file.write_text(json.dumps(doc))
    with pytest.raises(keyring.KeyFileDamaged, match="已损坏或被改动"):
        Database.open(db_path, LISI if damage != "rename_owner" else PASSPHRASE,
                      user="李四" if damage != "rename_owner" else "王五")  # fmt: skip
    # The owner still opens (the way back in), and learns what is wrong.
    with Database.open(db_path, PASSPHRASE) as db:
        assert db.local_user == "" and "钥匙文件" in db.key_file_problem


def test_an_altered_slot_is_a_wrong_passphrase(db_path: Path) -> None:
    _add(db_path, "李四", LISI)
    key_file = keyring.key_file_path(db_path)
    doc = json.loads(key_file.read_text())
    wrapped = bytearray(keyring.base64.b64decode(doc["slots"][0]["wrapped"]))
    wrapped[0] ^= 1
    doc["slots"][0]["wrapped"] = keyring._b64(bytes(wrapped))
    key_file.write_text(json.dumps(doc))
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, LISI, user="李四")


def test_the_key_file_is_written_atomically(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _add(db_path, "李四", LISI)
    key_file = keyring.key_file_path(db_path)
    before = key_file.read_bytes()

    def crash(*_a: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(private_files.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        _add(db_path, "王五", "wangwu-passphrase-3")
    assert key_file.read_bytes() == before
    assert [p.name for p in db_path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_names_are_tidied_and_checked() -> None:
    assert keyring.tidy_name("  李  四 ") == "李 四"
    for bad in ("", "   ", "a@b", "x" * 21, "李\x00四"):
        with pytest.raises(keyring.YuluError):
            keyring.tidy_name(bad)
