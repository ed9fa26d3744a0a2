"""What the 公示名单 dialog checks before the preview, so that a wrong field is shown next to what was typed
(the printing layer refuses the same things later: printing/publicity.py ``check_publishable``)."""

from __future__ import annotations

import re
from datetime import date

from yulu_desktop.domain.errors import Issue

#: The shortest notice period, counting the first and the last day (as printing/publicity.py).
MIN_NOTICE_DAYS = 5

_SEPARATORS = re.compile(r"[\s\-‐–—()（）]")
_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LONG_DIGITS = re.compile(r"\d{7,}[\dXx]?")
_OFFICE_PHONE = re.compile(r"\d{7,12}")

LABELS = {
    "contact_person": "联系人",
    "contact_phone": "联系电话",
    "notice_end": "公示结束",
    "objection_office": "异议受理单位",
    "objection_phone": "异议受理电话",
}


def _issue(field: str, message: str) -> Issue:
    return Issue(field=field, label=LABELS[field], message=message)


def _phone_issues(field: str, phone: str, *, required: bool) -> list[Issue]:
    digits = _SEPARATORS.sub("", phone)
    if not digits:
        return [_issue(field, "请填写办公电话，如 023-12345678")] if required else []
    if _MOBILE.fullmatch(digits):
        return [_issue(field, f"“{phone}”是手机号；公示名单只能写办公电话，如 023-12345678")]
    if not _OFFICE_PHONE.fullmatch(digits):
        return [_issue(field, f"“{phone}”不像电话号码，请写区号和号码，如 023-12345678")]
    return []


def field_issues(
    *,
    contact_person: str,
    contact_phone: str,
    notice_start: date,
    notice_end: date,
    objection_office: str = "",
    objection_phone: str = "",
) -> list[Issue]:
    """Problems with the fields of a 公示名单, each naming its field (empty list: fine)."""
    issues: list[Issue] = []
    if not contact_person.strip():
        issues.append(_issue("contact_person", "请填写受理异议的联系人"))
    elif _LONG_DIGITS.search(_SEPARATORS.sub("", contact_person)):
        issues.append(_issue("contact_person", "联系人只写姓名，不能含有证件号或电话"))
    issues += _phone_issues("contact_phone", contact_phone, required=True)
    days = (notice_end - notice_start).days + 1
    if days < MIN_NOTICE_DAYS:
        issues.append(_issue("notice_end", f"公示期不少于{MIN_NOTICE_DAYS}天，现为{max(days, 0)}天"))
    if _LONG_DIGITS.search(_SEPARATORS.sub("", objection_office)):
        issues.append(_issue("objection_office", "单位名称不能含有证件号或电话"))
    issues += _phone_issues("objection_phone", objection_phone, required=False)
    return issues
