"""Masked forms of sensitive personal information for screens, exports and print (DOMAIN.md, PIPL).

ID ``110105********002X``, phone ``138****8000``, account ``****1234``. A value of an unexpected length
never shows more than the masked form of a well-formed value would, and short values show nothing at all.
Pure Python.

Masks that cannot be undone: a masked ID number hides exactly its 8 birth-date digits, so wherever one is
shown nothing that repeats them may stand beside it. The birth date is shown as its year only
(:func:`mask_birth_date`, ``2005年``) and the 学籍号 is masked too (:func:`mask_registry_no`): national 学籍号
are ``G`` + the ID number, and many local ones embed the birth date.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from yulu_desktop.domain.idcard import normalize_id_number
from yulu_desktop.domain.validation import normalize_bank_account, normalize_mobile

__all__ = ["mask_account", "mask_birth_date", "mask_id_number", "mask_phone", "mask_registry_no"]

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


_YEAR = re.compile(r"(1[89]\d\d|20\d\d)")


def mask_birth_date(value: dt.date | str | None) -> str:
    """``2005年``: the year of a birth date and nothing more (month and day would rebuild a masked ID).

    A text that does not start with a year shows nothing: no part of it is known to be safe.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, dt.date):
        return f"{value.year}年"
    found = _YEAR.match(unicodedata.normalize("NFKC", value).strip())
    return f"{found.group(1)}年" if found else ""


def mask_registry_no(value: str | None) -> str:
    """``G**************56``: a 学籍号 with at most a 1-letter prefix and its last 2 characters shown.

    Two characters cannot hold a birth date (8 digits); everything in between, where a national 学籍号
    repeats the ID number, is hidden. 6 characters or fewer show nothing but stars.
    """
    if not value:
        return ""
    text = unicodedata.normalize("NFKC", value).strip()
    n = len(text)
    if n <= 6:
        return "*" * max(n, 3)
    head = 1 if not text[0].isdigit() else 0
    return text[:head] + "*" * (n - head - 2) + text[n - 2 :]
