"""Who is acting on this laptop, and the checks every printing and export service makes first.

The acting person is the cadre the laptop was enrolled for (``sync_state``: name, account, role), not a
name typed by the user. A laptop not enrolled yet acts with the village role under the local author name
(what the desktop app and ``yulu --actor`` pass, else the journal's author). The role table is
:mod:`yulu_desktop.domain.access`; read ``sync_state`` here directly (the sync layer sits above services).

Per-person local users on a shared laptop (each with a passphrase) are not part of this: the laptop's cadre
is who acts.
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


def actor_of(conn: Connection, local_name: str = "") -> Actor:
    """The acting cadre (see the module docstring), read on an open connection."""
    s = schema.sync_state
    row = conn.execute(select(s.c.cadre_username, s.c.cadre_name, s.c.cadre_role).where(s.c.id == 1)).first()
    if row is not None and (row.cadre_username or "").strip():
        username = row.cadre_username.strip()
        return Actor(name=(row.cadre_name or "").strip() or username, role=role_from_server(row.cadre_role),
                     username=username)  # fmt: skip
    name = " ".join(local_name.split())
    if not name:
        d = schema.device_state
        found = conn.execute(select(d.c.author).where(d.c.id == 1)).scalar()
        name = " ".join(str(found or "").split())
    return Actor(name=name or UNENROLLED_NAME, role=Role.VILLAGE)


def current_actor(db: Database, local_name: str = "") -> Actor:
    """The acting cadre of the laptop whose database is ``db``."""
    with db.read_connection() as conn:
        return actor_of(conn, local_name)


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
