"""Resident ID numbers (居民身份证号码, GB 11643-1999).

An 18-character number is a 6-digit address code (地址码, GB/T 2260), an 8-digit birth date, a 3-digit
sequence (顺序码; odd for men, even for women) and a check character (校验码) computed over the first 17
digits. Legacy 15-digit numbers (first-generation cards) have a 2-digit year and no check character; they are
upgraded to 18.

Birth date and sex are derived from the number and never typed twice. Pure Python, no I/O.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from yulu_desktop.domain.errors import Issue, ValidationFailed

__all__ = [
    "IdNumber",
    "check_character",
    "id_number_issues",
    "make_id_number",
    "normalize_id_number",
    "parse_id_number",
    "upgrade_15_to_18",
]

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_EARLIEST_BIRTH = datetime.date(1900, 1, 1)

_WHITESPACE = re.compile(r"\s+")
# What a long number looks like after Excel stored it as a floating-point number: "5.00229E+17", "5.00229e17".
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?E[+-]?\d+", re.IGNORECASE)
# A number read back from a numeric cell: "500229199001011000.0". Excel keeps only 15 significant digits.
_FLOAT_TAIL = re.compile(r"\d+\.0*")


def normalize_id_number(raw: str) -> str:
    """Return ``raw`` without whitespace, with full-width characters made ASCII and ``x`` made ``X``.

    Nothing is validated: the result may still be wrong in every other way.
    """
    # NFKC maps full-width digits and letters (１２３Ｘ) to ASCII, the ideographic space (U+3000) to a space.
    text = unicodedata.normalize("NFKC", raw)
    return _WHITESPACE.sub("", text).replace("x", "X")


def check_character(first17: str) -> str:
    """The check character (0-9 or X) of the 17 leading digits ``first17``."""
    if len(first17) != 17 or not _is_ascii_digits(first17):
        raise ValueError(f"计算校验位需要17位数字，收到“{first17}”")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def upgrade_15_to_18(id15: str) -> str:
    """Turn a legacy 15-digit number into its 18-character form: "19" before the year, check character after.

    Raises ``ValidationFailed`` if ``id15`` is not 15 digits (after normalisation).
    """
    text = normalize_id_number(id15)
    if len(text) != 15 or not _is_ascii_digits(text):
        raise ValidationFailed(
            [_issue(f"旧版15位身份证号应为15位数字，“{text}”不是", "id_number", "身份证号")]
        )
    first17 = text[:6] + "19" + text[6:]
    return first17 + check_character(first17)


@dataclass(frozen=True, slots=True)
class IdNumber:
    """A valid resident ID number in canonical 18-character form and what it says about the person."""

    value: str
    address_code: str
    birth_date: datetime.date
    sex: str  # "M" or "F" (codes.SEX): odd 17th digit is male
    upgraded_from_15: bool

    def __str__(self) -> str:
        return self.value

    def age_on(self, day: datetime.date) -> int:
        """Age in whole years on ``day`` (someone born on 29 February turns a year older on 1 March)."""
        birth = self.birth_date
        years = day.year - birth.year
        if (day.month, day.day) < (birth.month, birth.day):
            years -= 1
        return years


def parse_id_number(raw: str, *, today: datetime.date | None = None) -> IdNumber:
    """Parse and check a resident ID number; raise ``ValidationFailed`` listing what is wrong.

    Accepts 18-character numbers and legacy 15-digit ones (returned upgraded), with surrounding or inner
    whitespace, full-width characters and a lower-case x. ``today`` bounds the birth date (default: the
    clock).
    """
    parsed, issues = _analyse(raw, "id_number", "身份证号", today)
    if parsed is None:
        raise ValidationFailed(issues)
    return parsed


def id_number_issues(
    raw: str,
    field: str = "id_number",
    label: str = "身份证号",
    today: datetime.date | None = None,
) -> list[Issue]:
    """What is wrong with ``raw`` as a resident ID number; an empty list if it is valid.

    An empty value is an issue (an ID number is what identifies a person); callers with an optional ID field
    should skip empty values themselves.
    """
    return _analyse(raw, field, label, today)[1]


def make_id_number(address_code: str, birth: datetime.date, sequence: int) -> str:
    """Build a valid 18-character number (for demo data and tests); ``sequence`` is 0..999, odd for men."""
    if len(address_code) != 6 or not _is_ascii_digits(address_code):
        raise ValueError(f"地址码应为6位数字，收到“{address_code}”")
    if not 0 <= sequence <= 999:
        raise ValueError(f"顺序码应在0至999之间，收到{sequence}")
    if birth.year < _EARLIEST_BIRTH.year:
        raise ValueError(f"出生年份不能早于1900年，收到{birth.year}年")
    first17 = f"{address_code}{birth:%Y%m%d}{sequence:03d}"
    return first17 + check_character(first17)


# --- internals ----------------------------------------------------------------------------------------------


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() is also true for "²" and Arabic-Indic digits; only 0-9 belong in an ID number.
    return text.isascii() and text.isdigit()


def _issue(message: str, field: str, label: str) -> Issue:
    return Issue(field=field, label=label, message=message)


def _describe_char(ch: str) -> str:
    if ch.isprintable():
        return f"“{ch}”"
    return f"不可见字符 U+{ord(ch):04X}"


def _bad_positions(text: str, allow_final_x: bool) -> list[tuple[int, str]]:
    """1-based positions and characters that are not digits (X allowed only as the 18th character)."""
    bad = []
    for pos, ch in enumerate(text, start=1):
        if "0" <= ch <= "9":
            continue
        if ch == "X" and allow_final_x and pos == 18:
            continue
        bad.append((pos, ch))
    return bad


def _non_digit_message(bad: list[tuple[int, str]], length: int) -> str:
    shown = "、".join(f"第{pos}位是{_describe_char(ch)}" for pos, ch in bad[:3])
    more = f"等{len(bad)}处" if len(bad) > 3 else ""
    if any(ch == "X" for _, ch in bad):
        hint = "X只能是18位号码的最后一位" if length == 18 else "15位旧号码只能是数字"
        return f"{shown}{more}，{hint}，其余位置只能是数字0-9"
    return f"{shown}{more}，身份证号除最后一位可以是X外只能是数字0-9"


def _analyse(
    raw: str, field: str, label: str, today: datetime.date | None
) -> tuple[IdNumber | None, list[Issue]]:
    text = normalize_id_number(raw)

    def fail(message: str) -> tuple[IdNumber | None, list[Issue]]:
        return None, [_issue(message, field, label)]

    if not text:
        return fail("不能为空")
    if _SCIENTIFIC.fullmatch(text):
        return fail(
            f"“{text}”是 Excel 的科学计数法，身份证号的后几位数字已被 Excel 丢失，无法恢复；"
            "请把这一列的单元格格式设置为“文本”，再重新录入完整的18位号码"
        )
    if _FLOAT_TAIL.fullmatch(text) and len(text.split(".")[0]) in (15, 18):
        return fail(
            f"“{text}”末尾带有“.0”，Excel 把身份证号当成了数字保存，15位以后的数字已被 Excel 丢失；"
            "请把这一列的单元格格式设置为“文本”，再重新录入完整号码"
        )
    if len(text) not in (15, 18):
        message = f"应为18位（旧版为15位），实际为{len(text)}位"
        bad = _bad_positions(text, allow_final_x=False)
        bad = [(p, c) for p, c in bad if not (c == "X" and p == len(text))]
        if bad:
            message += "，且含有非数字字符：" + "、".join(f"第{p}位{_describe_char(c)}" for p, c in bad[:3])
        return fail(message)

    bad = _bad_positions(text, allow_final_x=len(text) == 18)
    if bad:
        return fail(_non_digit_message(bad, len(text)))

    upgraded = len(text) == 15
    digits = (text[:6] + "19" + text[6:]) if upgraded else text[:17]
    date_positions = "第7至12位" if upgraded else "第7至14位"
    date_text = digits[6:14]
    try:
        birth = datetime.date(int(date_text[:4]), int(date_text[4:6]), int(date_text[6:8]))
    except ValueError:
        return fail(
            f"出生日期（{date_positions}）“{date_text[:4]}年{date_text[4:6]}月{date_text[6:8]}日”不存在，"
            "请对照身份证核对号码"
        )
    if birth < _EARLIEST_BIRTH:
        return fail(
            f"出生日期（{date_positions}）{birth.isoformat()}早于1900年，不可能，请对照身份证核对号码"
        )
    if today is None:
        today = datetime.date.today()
    if birth > today:
        return fail(
            f"出生日期（{date_positions}）{birth.isoformat()}晚于今天（{today.isoformat()}），"
            "请对照身份证核对号码"
        )

    expected = check_character(digits)
    if not upgraded and text[17] != expected:
        return fail(
            f"校验位应为{expected}，实际为{text[17]}，号码中有数字录错了（不一定是最后一位），请对照身份证逐位核对"
        )

    value = digits + expected
    sex = "M" if int(value[16]) % 2 == 1 else "F"
    return IdNumber(
        value=value, address_code=value[:6], birth_date=birth, sex=sex, upgraded_from_15=upgraded
    ), []
