"""Who may see what unmasked, print and export: one table for the whole app (issue 14, "Roles decide").

The role comes from the cadre's account on the county server (``sync_state.cadre_role``, learnt at enrollment
and refreshed at every sync); the services look it up (``services.acting``) and call :func:`require` before
they read or write anything, so the desktop UI, the CLI and any future caller get the same answer.

Roles (角色):

* ``village`` — 村干部 (驻村干部, 第一书记, 村两委, 帮扶联系人). Also every laptop not enrolled yet, and any role
  this version does not know: the least it can be.
* ``township`` — 乡镇经办人员.
* ``county`` — 县乡村振兴局/农业农村局 经办人员 (county officer).
* ``county_admin`` — 县级管理员. A role of its own rather than ``county`` plus a local flag: a flag in the
  laptop's database could be set by anyone who knows the passphrase, a role is granted on the county server
  and arrives signed with enrollment.

What "unmasked" means per document (DOMAIN.md): the 补助申请表 is signed and stamped and needs the full ID
number and bank account, so a full form is printed by every role that handles applications; the 一人一档 goes
into a cabinet and never shows the full ID, phone or account, but its full version shows 健康状况 and 残疾情况;
registers and the 公示 list are always masked (a 公示 never shows them at all). Every unmasking is a deliberate
act: it needs a reason (:func:`require`), which the service writes into the audit log.
"""

from __future__ import annotations

import enum
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from yulu_desktop.domain.errors import YuluError

__all__ = [
    "ACCESS",
    "REASON_MAX",
    "UNMASKING",
    "AccessDenied",
    "Actor",
    "Permission",
    "ReasonRequired",
    "Role",
    "may",
    "require",
    "role_from_server",
]


class Role(enum.StrEnum):
    VILLAGE = "village"
    TOWNSHIP = "township"
    COUNTY = "county"
    COUNTY_ADMIN = "county_admin"

    @property
    def label(self) -> str:
        return _ROLE_LABELS[self]


_ROLE_LABELS: Final = {
    Role.VILLAGE: "村干部",
    Role.TOWNSHIP: "乡镇经办人员",
    Role.COUNTY: "县级经办人员",
    Role.COUNTY_ADMIN: "县级管理员",
}


class Permission(enum.StrEnum):
    """Something a role may do. The ``*_FULL``/``VIEW_UNMASKED``/``PRINT_HEALTH`` ones unmask (need a reason)."""

    PRINT = "print"  # masked documents: dossier, masked form, registers, 公示
    EXPORT = "export"  # masked sheets of the three lists and the reconciliation report
    PRINT_FULL_FORM = "print_full_form"  # 补助申请表 with the full ID number, phone and bank account
    PRINT_HEALTH = "print_health"  # 一人一档 with 健康状况 and 残疾情况
    EXPORT_FULL = "export_full"  # sheets with full ID numbers, phones, accounts, birth dates, 学籍号
    VIEW_UNMASKED = "view_unmasked"  # the full ID number and phone of one person on screen

    @property
    def label(self) -> str:
        return _PERMISSION_LABELS[self]


_PERMISSION_LABELS: Final = {
    Permission.PRINT: "打印（已打码）",
    Permission.EXPORT: "导出（已打码）",
    Permission.PRINT_FULL_FORM: "打印含完整身份证号和账号的补助申请表",
    Permission.PRINT_HEALTH: "打印含健康状况和残疾情况的一人一档",
    Permission.EXPORT_FULL: "导出完整的身份证号、电话、账号",
    Permission.VIEW_UNMASKED: "查看完整的身份证号和手机号",
}

#: Permissions that show something otherwise masked: each use needs a reason and is audited with it.
UNMASKING: Final = frozenset(
    {Permission.PRINT_FULL_FORM, Permission.PRINT_HEALTH, Permission.EXPORT_FULL, Permission.VIEW_UNMASKED}
)

_P = Permission
#: The table: what each role may do. Nothing else in the code decides this.
ACCESS: Final[Mapping[Role, frozenset[Permission]]] = MappingProxyType(
    {
        # Prints forms for signatures and checks a person's number on screen; exports masked lists only.
        Role.VILLAGE: frozenset({_P.PRINT, _P.EXPORT, _P.PRINT_FULL_FORM, _P.VIEW_UNMASKED}),
        # Reviews and stamps the forms: the same as a village, for the whole township.
        Role.TOWNSHIP: frozenset({_P.PRINT, _P.EXPORT, _P.PRINT_FULL_FORM, _P.VIEW_UNMASKED}),
        # Approves and pays: needs full lists (the 一卡通 platform takes ID numbers and accounts).
        Role.COUNTY: frozenset({_P.PRINT, _P.EXPORT, _P.PRINT_FULL_FORM, _P.VIEW_UNMASKED, _P.EXPORT_FULL}),
        # Everything, including health and disability (special-category data) in the dossier.
        Role.COUNTY_ADMIN: frozenset(_P),
    }
)

#: A reason longer than this is cut (it goes into every audit entry of a batch).
REASON_MAX: Final = 200


class AccessDenied(YuluError):
    """The acting cadre's role does not allow what was asked; nothing was read or written."""


class ReasonRequired(YuluError):
    """Unmasking was asked without a reason; nothing was read or written."""


def role_from_server(value: str | None) -> Role:
    """The role stored at enrollment; ``''`` (not enrolled, or an old server) and unknown roles are village."""
    try:
        return Role((value or "").strip().lower())
    except ValueError:
        return Role.VILLAGE


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is working: the enrolled cadre, or (not enrolled) the local author name with the village role."""

    name: str
    role: Role
    username: str = ""

    @property
    def enrolled(self) -> bool:
        return bool(self.username)

    @property
    def audit_name(self) -> str:
        """``张三（zhangsan）``: the name and the account, as written into the audit log and on prints."""
        if self.username and self.name and self.name != self.username:
            return f"{self.name}（{self.username}）"
        return self.name or self.username


def may(role: Role, permission: Permission) -> bool:
    return permission in ACCESS[role]


def require(actor: Actor, permission: Permission, reason: str = "") -> str:
    """Raise ``AccessDenied`` unless ``actor`` may do ``permission``; for an unmasking permission, raise
    ``ReasonRequired`` unless ``reason`` says why. Returns the reason, tidied (one line, at most
    :data:`REASON_MAX` characters)."""
    if not may(actor.role, permission):
        who = actor.audit_name or "本机用户"
        hint = "" if actor.enrolled else "（本机尚未注册到县服务器，按村干部权限处理）"
        raise AccessDenied(
            f"{who}的角色是{actor.role.label}{hint}，无权{permission.label}。如确有需要，请联系县级管理员。"
        )
    tidy = " ".join(unicodedata.normalize("NFKC", reason or "").split())[:REASON_MAX]
    if permission in UNMASKING and not tidy:
        raise ReasonRequired(f"{permission.label}须填写理由（将记入审计日志），如“村委会初审签字”")
    return tidy
