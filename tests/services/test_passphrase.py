"""修改密码 and 恢复密钥: the owner's passphrase changes without breaking the other users' slots or the recovery
key; a dead battery at each step leaves a database that opens with the old or the new passphrase; a forgotten
passphrase is recovered with the recovery key, every record intact."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import local_users, passphrase
from yulu_desktop.store import keyring, recovery_key, schema
from yulu_desktop.store.database import Database, WrongPassphrase

PASSPHRASE = "test-passphrase-1"  # the template database's (tests/conftest.py)
NEW = "new-owner-pass-2"
LISI = "lisi-passphrase-2"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


def _counts(db: Database) -> dict[str, int]:
    with db.read_connection() as conn:
        return {
            t: conn.execute(select(func.count()).select_from(schema.metadata.tables[t])).scalar_one()
            for t in ("person", "household", "audit_log")
        }


def test_owner_changes_passphrase_old_stops_working_and_slots_stay_valid(
    db_path: Path, sample_graph: object
) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
        code = passphrase.make_recovery_key(db)
        before = _counts(db)
        with pytest.raises(WrongPassphrase, match="原密码不正确"):
            passphrase.change_passphrase(db, "wrong-passphrase", NEW)
        with pytest.raises(YuluError, match="不一致"):
            passphrase.change_passphrase(db, PASSPHRASE, NEW, repeated=NEW + "x")
        passphrase.change_passphrase(db, PASSPHRASE, NEW, repeated=NEW)
        # The open database goes on working with the new key, and the lock screen asks the new passphrase.
        assert _counts(db)["person"] == before["person"]
        db.verify_passphrase(NEW)
        with pytest.raises(WrongPassphrase):
            db.verify_passphrase(PASSPHRASE)
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE)
    with Database.open(db_path, NEW) as db:
        assert db.local_user == "张三" and db.is_owner
        assert _counts(db)["person"] == before["person"]
    with Database.open(db_path, LISI, user="李四") as db:
        assert db.local_user == "李四" and not db.is_owner
        # a user added after the change works too
    with Database.open(db_path, NEW) as db:
        local_users.add_user(db, "王五", "wangwu-pass-3")
    with Database.open(db_path, "wangwu-pass-3", user="王五") as db:
        assert _counts(db)["person"] == before["person"]
    with passphrase.open_with_recovery_key(db_path, code.lower().replace("-", " ")) as db:
        assert db.is_owner
    # Changing twice keeps one link in the chain, and the third passphrase opens.
    with Database.open(db_path, NEW) as db:
        passphrase.change_passphrase(db, NEW, "third-pass-44")
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, NEW)
    with Database.open(db_path, LISI, user="李四") as db:
        pass
    doc = json.loads(keyring.key_file_path(db_path).read_text("utf-8"))
    assert doc["version"] == 2 and len(doc["db_keys"]) == 1


def test_a_laptop_without_local_users_changes_passphrase_without_a_key_file(db_path: Path) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        passphrase.change_passphrase(db, PASSPHRASE, NEW)
    assert not keyring.key_file_path(db_path).exists()
    with Database.open(db_path, NEW) as db:
        assert db.local_user == ""


def test_a_local_user_changes_only_their_own_slot(db_path: Path) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
    with Database.open(db_path, LISI, user="李四") as db:
        passphrase.change_passphrase(db, LISI, "lisi-new-pass-9")
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, LISI, user="李四")
    Database.open(db_path, "lisi-new-pass-9", user="李四").close()
    Database.open(db_path, PASSPHRASE).close()  # the owner's passphrase is untouched


@pytest.mark.parametrize("stop", ["prepared", "rekeyed", "done"])
def test_a_dead_battery_at_each_step_leaves_a_database_that_opens(
    db_path: Path, sample_graph: object, stop: str
) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
        code = passphrase.make_recovery_key(db)
        before = _counts(db)
    child = Path(__file__).with_name("passphrase_crash_child.py")
    done = subprocess.run([sys.executable, str(child), str(db_path), PASSPHRASE, stop, NEW], check=False)
    assert done.returncode == 3  # it did die at that step
    opened = []
    for secret in (PASSPHRASE, NEW):
        try:
            with Database.open(db_path, secret) as db:
                assert _counts(db) == before
                opened.append(secret)
        except WrongPassphrase:
            continue
    assert opened == ([PASSPHRASE] if stop == "prepared" else [NEW])
    with Database.open(db_path, LISI, user="李四") as db:
        assert _counts(db) == before
    with passphrase.open_with_recovery_key(db_path, code) as db:
        assert _counts(db) == before
        # The interrupted change can simply be made again, from whichever passphrase opened it.
        passphrase.set_new_passphrase(db, "after-crash-pass")
    Database.open(db_path, "after-crash-pass").close()
    Database.open(db_path, LISI, user="李四").close()


def test_forgotten_passphrase_recovered_with_the_recovery_key(db_path: Path, sample_graph: object) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        first = passphrase.make_recovery_key(db)
        code = passphrase.make_recovery_key(db)  # a new one replaces the old
        before = _counts(db)
    assert passphrase.has_recovery_key(db_path)
    assert len(recovery_key.normalise(code)) == 24 and code.count("-") == 5
    with pytest.raises(passphrase.RecoveryKeyRejected):
        passphrase.open_with_recovery_key(db_path, first)
    with pytest.raises(YuluError, match="第 3 个字符“0”"):
        passphrase.open_with_recovery_key(db_path, "AB0" + code[3:])
    # The passphrase is forgotten: the recovery key opens, a new passphrase is set, every record is there.
    with passphrase.open_with_recovery_key(db_path, code) as db:
        passphrase.set_new_passphrase(db, NEW)
    with pytest.raises(WrongPassphrase):
        Database.open(db_path, PASSPHRASE)
    with Database.open(db_path, NEW) as db:
        assert _counts(db)["person"] == before["person"] > 0
        assert _counts(db)["household"] == before["household"]
    # The key file holds no owner (this laptop has no local users): it still is a laptop without users.
    assert passphrase.unlock_names(db_path) == []


def test_a_local_user_who_forgot_resets_with_the_recovery_key(db_path: Path) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
        code = passphrase.make_recovery_key(db)
    with Database.open(db_path, LISI, user="李四") as db, pytest.raises(YuluError, match="只有本机所有者"):
        passphrase.make_recovery_key(db)
    with passphrase.open_with_recovery_key(db_path, code, "李四") as db:
        assert db.local_user == "李四" and not db.is_owner
        passphrase.set_new_passphrase(db, "lisi-reset-pass")
    Database.open(db_path, "lisi-reset-pass", user="李四").close()
    Database.open(db_path, PASSPHRASE).close()


def test_a_version_1_key_file_still_opens(db_path: Path) -> None:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
    doc = json.loads(keyring.key_file_path(db_path).read_text("utf-8"))
    assert doc["version"] == 1 and "db_keys" not in doc
    Database.open(db_path, LISI, user="李四").close()
