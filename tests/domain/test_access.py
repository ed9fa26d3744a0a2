"""The role table (issue 14, "Roles decide"): one place says what each role may see unmasked, print and export."""

from __future__ import annotations

import pytest

from yulu_desktop.domain.access import (
    ACCESS,
    UNMASKING,
    AccessDenied,
    Actor,
    Permission,
    ReasonRequired,
    Role,
    may,
    require,
    role_from_server,
)
from yulu_desktop.domain.errors import YuluError

P = Permission


def test_the_table() -> None:
    full_form = {P.PRINT, P.EXPORT, P.PRINT_FULL_FORM, P.VIEW_UNMASKED}
    assert ACCESS[Role.VILLAGE] == full_form  # forms for signatures, masked lists only
    assert ACCESS[Role.TOWNSHIP] == full_form
    assert ACCESS[Role.COUNTY] == full_form | {P.EXPORT_FULL}  # full export, with a reason
    assert ACCESS[Role.COUNTY_ADMIN] == set(P)  # everything, health in the dossier too
    assert set(ACCESS) == set(Role)


@pytest.mark.parametrize("stored", ["", None, "Village", "admin", "superuser", "county-admin"])
def test_unknown_or_missing_roles_are_the_least(stored: str | None) -> None:
    assert role_from_server(stored) is Role.VILLAGE


def test_known_roles_from_the_server() -> None:
    assert role_from_server(" County ") is Role.COUNTY
    assert role_from_server("county_admin") is Role.COUNTY_ADMIN


def test_require_refuses_with_a_chinese_message() -> None:
    village = Actor("李明", Role.VILLAGE, "liming")
    with pytest.raises(AccessDenied, match="李明（liming）的角色是村干部，无权导出完整") as caught:
        require(village, P.EXPORT_FULL, "核对")
    assert isinstance(caught.value, YuluError)
    unenrolled = Actor("张三", Role.VILLAGE)
    with pytest.raises(AccessDenied, match="尚未注册到县服务器"):
        require(unenrolled, P.PRINT_HEALTH, "核对")


@pytest.mark.parametrize("permission", sorted(UNMASKING))
@pytest.mark.parametrize("reason", ["", "   ", "\u3000\n"])
def test_every_unmasking_needs_a_reason(permission: Permission, reason: str) -> None:
    admin = Actor("王县", Role.COUNTY_ADMIN, "wx")
    with pytest.raises(ReasonRequired, match="须填写理由"):
        require(admin, permission, reason)


def test_reason_is_tidied_and_masked_acts_need_none() -> None:
    admin = Actor("王县", Role.COUNTY_ADMIN, "wx")
    assert require(admin, P.EXPORT_FULL, "  一卡通\n发放  核对 ") == "一卡通 发放 核对"
    assert len(require(admin, P.EXPORT_FULL, "理" * 1000)) == 200
    assert require(Actor("", Role.VILLAGE), P.PRINT) == ""
    assert may(Role.VILLAGE, P.PRINT_FULL_FORM) and not may(Role.TOWNSHIP, P.EXPORT_FULL)


def test_audit_name() -> None:
    assert Actor("王县", Role.COUNTY, "wx").audit_name == "王县（wx）"
    assert Actor("wx", Role.COUNTY, "wx").audit_name == "wx"
    assert Actor("张三", Role.VILLAGE).audit_name == "张三"
