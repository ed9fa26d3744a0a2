"""Masked forms of sensitive personal information for screens, exports and print (DOMAIN.md, PIPL).

ID ``110105********002X``, phone ``138****8000``, account ``****1234``. A value of an unexpected length
never shows more than the masked form of a well-formed value would, and short values show nothing at all.
Pure Python.
"""

from __future__ import annotations

from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.validation import normalize_bank_account, normalize_mobile

__all__ = ["mask_account", "mask_id_number", "mask_phone"]

_STARS = "****"


def mask_id_number(value: str | None) -> str:
    """``110105********002X``: first 6 and last 4 of 18 characters; first 6 and last 3 of 15 digits.

    Any other length shows nothing but one star per character: a malformed number may hold its birth date
    anywhere, so no part of it is safe to show.
    """
    if not value:
        return ""
    text = normalize_id_number(value)
    if len(text) == 18:
        return text[:6] + "*" * 8 + text[14:]
    if len(text) == 15:
        return text[:6] + "*" * 6 + text[12:]
    return "*" * len(text)


def mask_phone(value: str | None) -> str:
    """``138****8000``: first 3 and last 4 digits of a mobile number, the middle 4 hidden.

    Other lengths (a landline, a typo) show at most 3 leading and 4 trailing characters and always hide at
    least 4; a value of 4 characters or fewer shows nothing.
    """
    if not value:
        return ""
    text = normalize_mobile(value)
    n = len(text)
    if n <= 4:
        return _STARS if n else ""
    shown = n - 4  # characters that may be shown while still hiding 4
    tail = min(4, shown)
    head = min(3, shown - tail)
    return text[:head] + "*" * (n - head - tail) + text[n - tail :]


def mask_account(value: str | None) -> str:
    """``****1234``: the last 4 digits of a bank account behind four stars.

    Shorter accounts keep at least 4 characters hidden: 5 characters show the last 1, 4 or fewer show none.
    """
    if not value:
        return ""
    text = normalize_bank_account(value)
    if not text:
        return ""
    tail = min(4, max(0, len(text) - 4))
    return _STARS + (text[len(text) - tail :] if tail else "")
