"""Local users (本机用户): only the owner adds and removes them, the owner cannot be removed, each changes
their own passphrase, and the audit log names the local user who acts."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from yulu_desktop.domain.access import Permission, Role
from yulu_desktop.domain.errors import YuluError
from yulu_desktop.services import acting, local_users
from yulu_desktop.store import keyring, schema
from yulu_desktop.store.database import Database, WrongPassphrase

PASSPHRASE = "test-passphrase-1"  # the template database's (tests/conftest.py)
LISI = "lisi-passphrase-2"


@pytest.fixture(autouse=True)
def _cheap_argon2(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyring, "ARGON2_TIME_COST", 1)
    monkeypatch.setattr(keyring, "ARGON2_MEMORY_KIB", 1024)
    monkeypatch.setattr(keyring, "ARGON2_PARALLELISM", 1)


def _enroll(db: Database, name: str = "王县", username: str = "wangxian", role: str = "county") -> None:
    with db.write_connection() as conn:
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, :u, :n, :r) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = :u, cadre_name = :n, cadre_role = :r"
            ),
            {"u": username, "n": name, "r": role},
        )


def _audit(db: Database) -> list[tuple[str, str, str]]:
    a = schema.audit_log
    with db.read_connection() as conn:
        rows = conn.execute(select(a.c.actor, a.c.action, a.c.entity_id).order_by(a.c.id)).all()
    return [(r.actor, r.action, r.entity_id) for r in rows]


@pytest.fixture
def with_lisi(db_path: Path) -> Path:
    with Database.open(db_path, PASSPHRASE) as db:
        local_users.add_user(db, "李四", LISI, owner_name="张三")
    return db_path


def test_the_first_user_names_the_owner_and_is_audited(db: Database) -> None:
    assert local_users.list_users(db) == []
    with pytest.raises(YuluError, match="所有者"):
        local_users.add_user(db, "李四", LISI)
    with pytest.raises(YuluError, match="至少需要 8 个字符"):
        local_users.add_user(db, "李四", "short", owner_name="张三")
    local_users.add_user(db, "李四", LISI, owner_name="张三")
    assert db.local_user == "张三"
    assert local_users.list_users(db) == [
        local_users.LocalUser("张三", True, True),
        local_users.LocalUser("李四", False, False),
    ]
    assert _audit(db)[-1] == ("张三", "local_users", "李四")
    with pytest.raises(YuluError, match="已有用户"):
        local_users.add_user(db, "李四", LISI)


def test_only_the_owner_adds_and_removes(with_lisi: Path) -> None:
    with Database.open(with_lisi, LISI, user="李四") as db:
        with pytest.raises(YuluError, match="只有本机所有者"):
            local_users.add_user(db, "王五", "wangwu-passphrase-3")
        with pytest.raises(YuluError, match="只有本机所有者"):
            local_users.remove_user(db, "李四")
    with Database.open(with_lisi, PASSPHRASE) as db:
        with pytest.raises(YuluError, match="不能删除"):
            local_users.remove_user(db, "张三")
        local_users.remove_user(db, "李四")
        assert [u.name for u in local_users.list_users(db)] == ["张三"]
        assert _audit(db)[-1] == ("张三", "local_users", "李四")
    with pytest.raises(keyring.UnknownUser):
        Database.open(with_lisi, LISI, user="李四")


def test_a_user_changes_their_own_passphrase_with_the_old_one(with_lisi: Path) -> None:
    with Database.open(with_lisi, LISI, user="李四") as db:
        with pytest.raises(WrongPassphrase, match="原密码不正确"):
            local_users.change_passphrase(db, "李四", "new-lisi-passphrase", old_passphrase="nope-nope-nope")
        with pytest.raises(YuluError, match="数据库密码"):
            local_users.change_passphrase(db, "张三", "new-owner-passphrase", old_passphrase=PASSPHRASE)
        local_users.change_passphrase(db, "李四", "new-lisi-passphrase", old_passphrase=LISI)
        assert _audit(db)[-1] == ("李四", "local_users", "李四")
    with pytest.raises(WrongPassphrase):
        Database.open(with_lisi, LISI, user="李四")
    Database.open(with_lisi, "new-lisi-passphrase", user="李四").close()


def test_the_owner_resets_a_forgotten_passphrase(with_lisi: Path) -> None:
    with Database.open(with_lisi, PASSPHRASE) as db:
        local_users.change_passphrase(db, "李四", "reset-by-owner-1")
    Database.open(with_lisi, "reset-by-owner-1", user="李四").close()


def test_the_owner_replaces_a_damaged_key_file_by_adding_users_again(with_lisi: Path) -> None:
    keyring.key_file_path(with_lisi).write_text("{broken")
    with Database.open(with_lisi, PASSPHRASE) as db:
        assert db.key_file_problem and local_users.list_users(db) == []
        local_users.add_user(db, "李四", "lisi-again-passphrase", owner_name="张三")
        assert not db.key_file_problem
    Database.open(with_lisi, "lisi-again-passphrase", user="李四").close()


def test_the_audit_actor_names_the_local_user(with_lisi: Path) -> None:
    with Database.open(with_lisi, LISI, user="李四") as db:
        # Not enrolled: the local user, whatever name the UI or --actor would give.
        assert acting.current_actor(db, "typed name").audit_name == "李四"
        _enroll(db)
        actor, _ = acting.permit(db, "typed name", Permission.EXPORT_FULL, "县里核对")
        assert actor.audit_name == "李四@王县（wangxian）" and actor.role is Role.COUNTY
    with Database.open(with_lisi, PASSPHRASE) as db:
        assert acting.current_actor(db).audit_name == "张三@王县（wangxian）"
    with Database.open(with_lisi, PASSPHRASE) as db, db.write_connection() as conn:
        conn.execute(text("UPDATE sync_state SET cadre_name = '张三'"))
    with Database.open(with_lisi, PASSPHRASE) as db:  # the owner is the enrolled cadre
        assert acting.current_actor(db).audit_name == "张三（wangxian）"


def test_a_laptop_without_local_users_acts_as_before(db: Database) -> None:
    assert acting.current_actor(db, "赵六").audit_name == "赵六"
    _enroll(db)
    assert acting.current_actor(db, "赵六").audit_name == "王县（wangxian）"
