"""Field validators shared by forms, importers and the server: phone, bank account, dates, codes, required.

Each ``*_issues`` function returns a list of ``Issue`` (empty when the value is fine) and never raises, so
that an importer can collect every problem of a row. Format validators accept an empty value (whether a field
is required is a separate rule: ``required_issues``). Messages are Chinese and say what is wrong. Pure Python.
"""

from __future__ import annotations

import datetime
import math
import re
import unicodedata
from collections.abc import Sized

from yulu_desktop.domain.codes import CodeList
from yulu_desktop.domain.errors import Issue, Severity

__all__ = [
    "EXCEL_EPOCH",
    "bank_account_issues",
    "code_issues",
    "date_not_before",
    "date_not_in_future",
    "luhn_check_digit",
    "luhn_ok",
    "mobile_issues",
    "normalize_bank_account",
    "normalize_mobile",
    "parse_date",
    "required_issues",
]

#: Day 0 of Excel's 1900 date system as Python counts it. Excel wrongly treats 1900 as a leap year, so serial
#: numbers from 61 (1900-03-01) on are right with this epoch; earlier ones are a day off and never occur here.
EXCEL_EPOCH = datetime.date(1899, 12, 30)

_MOBILE = re.compile(r"1[3-9]\d{9}")
_SEPARATORS = re.compile(r"[\s\-]+")
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?E[+-]?\d+", re.IGNORECASE)

_BANK_MIN, _BANK_MAX = 10, 30
_LUHN_WARNING = "银行卡号校验未通过，请核对；如为存折账号可忽略"

_YEAR_MIN, _YEAR_MAX = 1900, 2100
_DATE_FORMAT_HINT = "请按 2025-09-01、2025/9/1、2025.9.1、20250901 或 2025年9月1日 的格式填写"
_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DATE_SEPARATED = re.compile(r"(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME)
_DATE_COMPACT = re.compile(r"(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})")
_DATE_CHINESE = re.compile(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]?")
_WHITESPACE = re.compile(r"\s+")
_SPACE_AROUND_SEPARATOR = re.compile(r"\s*([-/.年月日号])\s*")
_DATE_NO_DAY = re.compile(r"(\d{4})(?:[-/.]|年)(\d{1,2})月?")
# An Excel serial number that reached us as text ("45901", "45901.0"); five digits are 1927-05-18..2173-10-14.
_DATE_SERIAL_TEXT = re.compile(r"\d{5}(?:\.\d+)?")


def _issue(field: str, label: str, message: str, severity: Severity = Severity.ERROR) -> Issue:
    return Issue(field=field, label=label, message=message, severity=severity)


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() is also true for "²" and other digit-like characters no bank or phone number contains.
    return text.isascii() and text.isdigit()


def _as_text(raw: str | int | float | None) -> str:
    """Text of a cell value; a whole float (13800138000.0 from a numeric cell) loses its ".0"."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer() and abs(raw) < 1e15:
        return str(int(raw))
    return str(raw)


def _non_digits(text: str) -> str:
    chars = list(dict.fromkeys(ch for ch in text if not "0" <= ch <= "9"))
    shown = "、".join(f"“{ch}”" if ch.isprintable() else f"U+{ord(ch):04X}" for ch in chars[:3])
    return shown + ("等" if len(chars) > 3 else "")


# --- mobile phone -------------------------------------------------------------------------------------------


def normalize_mobile(raw: str | int | float | None) -> str:
    """Mobile number without spaces, dashes and a leading +86 / 0086 / 86; full-width digits made ASCII.

    Nothing is validated; the result may still be wrong.
    """
    text = _SEPARATORS.sub("", unicodedata.normalize("NFKC", _as_text(raw)))
    if text.startswith("+86"):
        return text[3:]
    if text.startswith("0086") and len(text) == 15:
        return text[4:]
    if text.startswith("86") and len(text) == 13:
        return text[2:]
    return text


def mobile_issues(raw: str | int | float | None, field: str = "phone", label: str = "手机号") -> list[Issue]:
    """Problems with a mainland mobile number (11 digits, ``1[3-9]`` then 9 digits); empty is allowed.

    Carrier prefixes are not checked: numbers move between carriers.
    """
    text = normalize_mobile(raw)
    if not text:
        return []
    if _SCIENTIFIC.fullmatch(text):
        return [
            _issue(
                field,
                label,
                f"“{text}”是 Excel 的科学计数法，号码已被改动；请把这一列设置为“文本”格式后重新录入",
            )
        ]
    if not _is_ascii_digits(text):
        return [_issue(field, label, f"“{text}”含有非数字字符{_non_digits(text)}，手机号应为11位数字")]
    if len(text) != 11:
        return [_issue(field, label, f"“{text}”有{len(text)}位，手机号应为11位数字")]
    if text.startswith("0"):
        return [_issue(field, label, f"“{text}”像是固定电话号码，这里请填写以1开头的11位手机号")]
    if not _MOBILE.fullmatch(text):
        return [_issue(field, label, f"“{text}”不是有效的手机号，手机号以13至19开头")]
    return []


# --- bank account -------------------------------------------------------------------------------------------


def luhn_check_digit(partial: str) -> str:
    """The Luhn check digit to append to the ASCII digits ``partial``."""
    if not _is_ascii_digits(partial):
        raise ValueError(f"计算 Luhn 校验位需要数字，收到“{partial}”")
    total = 0
    # Walking from the right, the digit next to the (future) check digit is doubled first.
    for i, ch in enumerate(reversed(partial)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(digits: str) -> bool:
    """True if the ASCII digits ``digits`` (at least two) pass the Luhn (mod 10) check."""
    if len(digits) < 2 or not _is_ascii_digits(digits):
        return False
    return luhn_check_digit(digits[:-1]) == digits[-1]


def normalize_bank_account(raw: str | int | float | None) -> str:
    """Account number without spaces and dashes, full-width digits made ASCII. Nothing is validated."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", _as_text(raw)))


def bank_account_issues(
    raw: str | int | float | None, field: str = "payee_account", label: str = "收款账号"
) -> list[Issue]:
    """Problems with a bank card or passbook (一卡通/一折通) account number; empty is allowed.

    A UnionPay card number (16-19 digits starting with 62) that fails the Luhn check is only a warning: a
    passbook account is not a card number and need not pass it.
    """
    text = normalize_bank_account(raw)
    if not text:
        return []
    if _SCIENTIFIC.fullmatch(text):
        return [
            _issue(
                field,
                label,
                f"“{text}”是 Excel 的科学计数法，账号的后几位数字已被 Excel 丢失；"
                "请把这一列设置为“文本”格式后重新录入完整账号",
            )
        ]
    if not _is_ascii_digits(text):
        return [_issue(field, label, f"“{text}”含有非数字字符{_non_digits(text)}，账号只能是数字")]
    if not _BANK_MIN <= len(text) <= _BANK_MAX:
        return [_issue(field, label, f"“{text}”有{len(text)}位，银行账号应为{_BANK_MIN}至{_BANK_MAX}位数字")]
    if 16 <= len(text) <= 19 and text.startswith("62") and not luhn_ok(text):
        return [_issue(field, label, _LUHN_WARNING, Severity.WARNING)]
    return []


# --- dates --------------------------------------------------------------------------------------------------


def date_not_in_future(d: datetime.date | None, today: datetime.date, field: str, label: str) -> list[Issue]:
    """An issue if ``d`` is after ``today``; nothing if ``d`` is None."""
    if d is None or d <= today:
        return []
    return [_issue(field, label, f"{d.isoformat()}晚于今天（{today.isoformat()}），不能是将来的日期")]


def date_not_before(
    d: datetime.date | None,
    earliest: datetime.date | None,
    field: str,
    label: str,
    earliest_label: str,
) -> list[Issue]:
    """An issue if ``d`` is before ``earliest`` (e.g. enrolment before birth); nothing if either is None."""
    if d is None or earliest is None or d >= earliest:
        return []
    return [
        _issue(
            field,
            label,
            f"{label}（{d.isoformat()}）早于{earliest_label}（{earliest.isoformat()}）",
        )
    ]


def _make_date(
    year: int, month: int, day: int, shown: str, field: str, label: str
) -> tuple[datetime.date | None, list[Issue]]:
    if not _YEAR_MIN <= year <= _YEAR_MAX:
        return None, [
            _issue(field, label, f"“{shown}”的年份{year}不合理，应在{_YEAR_MIN}至{_YEAR_MAX}年之间")
        ]
    if not 1 <= month <= 12:
        return None, [_issue(field, label, f"“{shown}”的月份{month}不存在，月份应为1至12")]
    try:
        return datetime.date(year, month, day), []
    except ValueError:
        return None, [_issue(field, label, f"“{shown}”不是有效的日期：{year}年{month}月没有{day}日")]


def _from_excel_serial(
    serial: float, shown: str, field: str, label: str
) -> tuple[datetime.date | None, list[Issue]]:
    if not math.isfinite(serial) or serial < 1:
        return None, [_issue(field, label, f"“{shown}”不是有效的日期，{_DATE_FORMAT_HINT}")]
    # The fraction is the time of day, which a date field does not keep.
    try:
        d = EXCEL_EPOCH + datetime.timedelta(days=math.floor(serial))
    except OverflowError:
        return None, [_issue(field, label, f"“{shown}”不是有效的日期，{_DATE_FORMAT_HINT}")]
    if not _YEAR_MIN <= d.year <= _YEAR_MAX:
        return None, [_issue(field, label, f"“{shown}”不是有效的日期，{_DATE_FORMAT_HINT}")]
    return d, []


def parse_date(
    raw: str | datetime.date | datetime.datetime | int | float | None, field: str, label: str
) -> tuple[datetime.date | None, list[Issue]]:
    """Read a date as typed by a person or stored by Excel; ``(None, [])`` for an empty value.

    Accepts 2025-09-01, 2025/9/1, 2025.9.1, 20250901, 2025年9月1日 (a time after the date is ignored), and
    Excel serial numbers (days since 1899-12-30) as int or float. An int such as 20250901 is read as a date.
    """
    if raw is None:
        return None, []
    if isinstance(raw, datetime.datetime):
        return raw.date(), []
    if isinstance(raw, datetime.date):
        return raw, []
    if isinstance(raw, bool):
        return None, [_issue(field, label, f"“{raw}”不是日期，{_DATE_FORMAT_HINT}")]
    if isinstance(raw, int | float):
        shown = _as_text(raw)
        if isinstance(raw, int) and 10_000_000 <= raw <= 99_999_999:
            # An 8-digit whole number is 20250901 typed into a numeric cell, not a serial (year 57000+).
            return _make_date(raw // 10_000, raw // 100 % 100, raw % 100, shown, field, label)
        return _from_excel_serial(float(raw), shown, field, label)

    text = _WHITESPACE.sub(" ", unicodedata.normalize("NFKC", raw)).strip()
    # "2025 年 9 月 1 日" and "2025 - 9 - 1" are the same dates; the space before a time stays.
    text = _SPACE_AROUND_SEPARATOR.sub(r"\1", text)
    if not text:
        return None, []
    for pattern in (_DATE_SEPARATED, _DATE_CHINESE, _DATE_COMPACT):
        m = pattern.fullmatch(text)
        if m:
            return _make_date(int(m["y"]), int(m["m"]), int(m["d"]), text, field, label)
    if _DATE_SERIAL_TEXT.fullmatch(text):
        return _from_excel_serial(float(text), text, field, label)
    if _DATE_NO_DAY.fullmatch(text):
        return None, [_issue(field, label, f"“{text}”缺少日，请写完整的年月日，如 2025-09-01")]
    return None, [_issue(field, label, f"“{text}”不是可以识别的日期，{_DATE_FORMAT_HINT}")]


# --- code lists and required fields -------------------------------------------------------------------------


def code_issues(codelist: CodeList, value: str | None, field: str, label: str) -> list[Issue]:
    """An issue if ``value`` is not a code of ``codelist``; empty values are allowed."""
    problem = codelist.problem(value)
    return [] if problem is None else [_issue(field, label, problem)]


def required_issues(value: object, field: str, label: str) -> list[Issue]:
    """An issue if ``value`` is missing: None, a blank string, or an empty collection."""
    if value is None:
        empty = True
    elif isinstance(value, str):
        empty = not value.strip()
    elif isinstance(value, Sized):
        empty = len(value) == 0
    else:
        empty = False
    return [_issue(field, label, "不能为空")] if empty else []
