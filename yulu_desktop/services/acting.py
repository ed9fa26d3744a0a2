"""Who is acting on this laptop, and the checks every printing and export service makes first.

The acting person is the cadre the laptop was enrolled for (``sync_state``: name, account, role), not a
name typed by the user. A laptop not enrolled yet acts with the village role under the local author name
(what the desktop app and ``yulu --actor`` pass, else the name typed in 我的信息, ``services.profile``, else the
journal's author). The role table is
:mod:`yulu_desktop.domain.access`; read ``sync_state`` here directly (the sync layer sits above services).

Where several people share the laptop, each has a local user with their own passphrase
(:mod:`yulu_desktop.store.keyring`), and whoever unlocked the database (``Database.local_user``) is named: on an
enrolled laptop as ``李四@张三（zhangsan）`` (the local user, at the enrolled cadre's account, whose role they
act with), or just ``张三（zhangsan）`` when the local user is the cadre; on a laptop not enrolled as the local
user's name, which then takes the place of any typed name. The role stays the laptop's: a local user is a
person at the keyboard, not an account of the county.
"""

from __future__ import annotations

from sqlalchemy import Connection, select

from yulu_desktop.domain.access import Actor, Permission, Role, require, role_from_server
from yulu_desktop.domain.errors import NotFound
from yulu_desktop.services import records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = ["UNENROLLED_NAME", "actor_of", "current_actor", "permit", "reveal_person"]

#: The name of an unenrolled laptop's user when nobody gave one.
UNENROLLED_NAME = "本机用户（未注册）"


def actor_of(conn: Connection, local_name: str = "", local_user: str = "") -> Actor:
    """The acting cadre (see the module docstring), read on an open connection; ``local_user`` is who
    unlocked the database, where the laptop has local users."""
    s = schema.sync_state
    local_user = " ".join(local_user.split())
    row = conn.execute(select(s.c.cadre_username, s.c.cadre_name, s.c.cadre_role).where(s.c.id == 1)).first()
    if row is not None and (row.cadre_username or "").strip():
        username = row.cadre_username.strip()
        cadre = (row.cadre_name or "").strip() or username
        name = cadre if not local_user or local_user in (cadre, username) else f"{local_user}@{cadre}"
        return Actor(name=name, role=role_from_server(row.cadre_role), username=username)
    # Not enrolled: whoever unlocked, else the name passed, else 我的信息 (services.profile keeps the typed name
    # in sync_state.cadre_name until enrollment), else the journal's author.
    name = local_user or " ".join(local_name.split())
    if not name and row is not None:
        name = " ".join(str(row.cadre_name or "").split())
    if not name:
        d = schema.device_state
        found = conn.execute(select(d.c.author).where(d.c.id == 1)).scalar()
        name = " ".join(str(found or "").split())
    return Actor(name=name or UNENROLLED_NAME, role=Role.VILLAGE)


def current_actor(db: Database, local_name: str = "") -> Actor:
    """The acting cadre of the laptop whose database is ``db`` (and the local user who unlocked it)."""
    with db.read_connection() as conn:
        return actor_of(conn, local_name, db.local_user)


def permit(db: Database, local_name: str, permission: Permission, reason: str = "") -> tuple[Actor, str]:
    """The acting cadre and the tidied reason, after checking the role table (``AccessDenied`` /
    ``ReasonRequired`` otherwise). Call before reading or writing anything."""
    actor = current_actor(db, local_name)
    return actor, require(actor, permission, reason)


def reveal_person(db: Database, person_id: str, *, reason: str, local_name: str = "") -> tuple[str, str]:
    """The full ID number and mobile number of a person, for the screen, audited with ``reason``.

    ``AccessDenied`` if the role may not, ``ReasonRequired`` without a reason, ``NotFound`` for no person.
    """
    actor, why = permit(db, local_name, Permission.VIEW_UNMASKED, reason)
    p = schema.person
    with db.read_connection() as conn:
        row = conn.execute(select(p.c.id_number, p.c.phone).where(p.c.id == person_id)).first()
    if row is None:
        raise NotFound("找不到这个人员（可能已被删除）")
    records.audit(
        db,
        actor=actor.audit_name,
        action="view_unmasked",
        entity="person",
        entity_id=person_id,
        detail=f"身份证号、手机号；理由：{why}",
    )
    return row.id_number or "", row.phone or ""
