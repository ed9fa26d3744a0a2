"""我的信息: who the cadre working on this laptop is — name, role, phone and unit.

On an enrolled laptop the name, role and unit come from the county (``sync_state``: ``cadre_name``,
``cadre_role``, ``jurisdiction_name``, saved at enrollment); only the phone (``cadre_phone``) is typed here. On a
laptop not enrolled yet the cadre types their name once; it is kept in ``sync_state.cadre_name`` (enrollment
replaces it with the county's) and is the fallback name of the audit actor (``services.acting``), the visitor
(走访人) and the printer (打印人). The operating system's login name is never used: it is not a person's name
and must not land on official paper.

``sync_state`` is read here directly, as ``services.acting`` does (the sync layer sits above services).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, select, update

from yulu_desktop.domain.access import role_from_server
from yulu_desktop.domain.errors import Issue, ValidationFailed, YuluError
from yulu_desktop.domain.validation import mobile_issues, normalize_mobile
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database

__all__ = ["NAME_MAX", "Profile", "load", "profile_of", "save"]

#: Longest name accepted (a Chinese name is 2–4 characters; minority names written out are longer).
NAME_MAX = 40


@dataclass(frozen=True)
class Profile:
    """我的信息. ``name`` is "" until typed (not enrolled) — callers then ask for it rather than invent one."""

    name: str
    role: str
    phone: str
    unit_name: str
    #: The laptop is enrolled with the county server: name, role and unit are the county's.
    enrolled: bool = False


def _tidy(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def profile_of(conn: Connection) -> Profile:
    """我的信息 read on an open connection."""
    s = schema.sync_state
    row = conn.execute(
        select(
            s.c.cadre_username, s.c.cadre_name, s.c.cadre_role, s.c.cadre_phone, s.c.jurisdiction_name
        ).where(s.c.id == 1)
    ).first()
    if row is None:
        return Profile(name="", role=role_from_server("").label, phone="", unit_name="")
    enrolled = bool((row.cadre_username or "").strip())
    name = _tidy(row.cadre_name or "") or (_tidy(row.cadre_username or "") if enrolled else "")
    return Profile(
        name=name,
        role=role_from_server(row.cadre_role).label,
        phone=(row.cadre_phone or "").strip(),
        unit_name=_tidy(row.jurisdiction_name or "") if enrolled else "",
        enrolled=enrolled,
    )


def load(db: Database) -> Profile:
    """我的信息 of this laptop."""
    with db.read_connection() as conn:
        return profile_of(conn)


def save(db: Database, *, name: str, phone: str) -> None:
    """Keep the cadre's name (laptop not enrolled) and phone. ``ValidationFailed`` for an empty or too long
    name or a wrong mobile number; on an enrolled laptop the name is the county's and cannot be changed here
    (``YuluError`` if a different one is given)."""
    name, phone_text = _tidy(name), normalize_mobile(phone)
    issues: list[Issue] = []
    if not name:
        issues.append(
            Issue(field="name", label="姓名", message="请填写您的姓名，它会印在走访记录和打印的表格上")
        )
    elif len(name) > NAME_MAX:
        issues.append(Issue(field="name", label="姓名", message=f"姓名最多 {NAME_MAX} 个字"))
    issues += mobile_issues(phone_text, field="phone", label="手机号")
    if issues:
        raise ValidationFailed(issues)
    s = schema.sync_state
    with db.write_connection() as conn:
        current = profile_of(conn)
        values: dict[str, str] = {"cadre_phone": phone_text}
        if current.enrolled:
            if name != current.name:
                raise YuluError(
                    f"本机已注册到县服务器，姓名以县里登记的“{current.name}”为准，不能在本机修改；"
                    "如有错误请联系县乡村振兴局更正。"
                )
        else:
            values["cadre_name"] = name
        conn.execute(update(s).where(s.c.id == 1).values(**values))
