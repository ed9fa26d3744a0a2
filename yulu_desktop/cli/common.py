"""Shared plumbing of the ``yulu`` command line: opening the database, printing errors as messages.

``--user NAME`` opens the database as that local user (本机用户) with their own passphrase; without it the
passphrase is the database passphrase (the owner's). Passphrases come from ``YULU_DB_KEY`` or a prompt.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.paths import default_database_path
from yulu_desktop.store.database import Database, passphrase_from_environment


class CommandError(YuluError):
    """A command could not do what was asked; the message is printed and the exit code is non-zero."""


def database_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_database_path()


def local_user_name(args: argparse.Namespace) -> str | None:
    """``--user``, tidied; None without it."""
    given = " ".join((getattr(args, "user", None) or "").split())
    return given or None


def ask_passphrase(path: Path, *, new: bool, user: str | None = None) -> str:
    """``YULU_DB_KEY`` if set, otherwise a prompt (twice for a new database)."""
    from_env = passphrase_from_environment()
    if from_env:
        return from_env
    if not sys.stdin.isatty():
        raise CommandError("需要数据库密码：请在终端中运行，或设置环境变量 YULU_DB_KEY。")
    if user is not None and not new:
        return getpass.getpass(f"用户“{user}”的密码：")
    first = getpass.getpass(f"数据库 {path} 的密码：" if not new else f"为新数据库 {path} 设置密码：")
    if new:
        second = getpass.getpass("再次输入密码：")
        if first != second:
            raise CommandError("两次输入的密码不一致。")
    return first


def local_actor(db: Database, args: argparse.Namespace) -> str:
    """The ``--actor`` name to hand to the services: who acts is the cadre the laptop is enrolled for.

    ``--actor`` only names the user of a laptop not enrolled yet (it then acts with the village role); on an
    enrolled laptop it must be the cadre's own name or account, or the command stops (no acting under
    someone else's name). Without it an unenrolled laptop uses the journal's author name, not the operating
    system's login name. Where a local user opened the database (``--user``), that user is who acts.
    """
    from yulu_desktop.services.acting import current_actor

    given = " ".join((getattr(args, "actor", None) or "").split())
    if db.local_user:
        # The local user proved who they are with their passphrase: no other name may be given.
        if given and given != db.local_user:
            raise CommandError(
                f"本机用户“{db.local_user}”已登录，操作记在该用户名下，不能用 --actor 改为“{given}”。"
            )
        return db.local_user
    actor = current_actor(db, given)
    if actor.enrolled and given and given not in (actor.name, actor.username):
        raise CommandError(
            f"本机已注册为{actor.audit_name}（{actor.role.label}），操作记在该干部名下，不能用 --actor 改为“{given}”。"
        )
    return given


def open_database(
    args: argparse.Namespace, *, create: bool = False, upgrade: bool = True, passphrase: str | None = None
) -> Database:
    """Open (optionally create) the database named by ``--db`` (as ``--user`` if given); upgrade its schema
    when it is behind. ``passphrase``: one the caller has asked already."""
    path = database_path(args)
    user = local_user_name(args)
    new = create and not path.exists()
    if new and user is not None:
        raise CommandError("新建数据库时不能用 --user：先用数据库密码创建，再用 yulu users add 添加用户。")
    if passphrase is None:
        passphrase = ask_passphrase(path, new=new, user=user)
    db = Database.open(path, passphrase, create=create, user=user)
    if upgrade:
        # Imported here: Alembic takes longer to import than `yulu stats` takes to run.
        from yulu_desktop.store import migrate

        if migrate.needs_upgrade(db):
            migrate.upgrade(db)
    return db
