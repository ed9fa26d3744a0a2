"""Turning one cell into one typed value, with the problem explained when it cannot be done.

Shared by the national-export parser and the list parsers. Each ``read_*`` function takes the raw cell value
(as :mod:`yulu_desktop.excel.sheets` gives it), the field name and the column label used in messages
("证件号码（H列）"), and returns ``(value, issues)``; issues carry no row number (the caller adds it).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from yulu_desktop.domain.codes import CodeList
from yulu_desktop.domain.errors import Issue, Severity, ValidationFailed
from yulu_desktop.domain.idcard import IdNumber, parse_id_number
from yulu_desktop.domain.validation import (
    bank_account_issues,
    mobile_issues,
    normalize_bank_account,
    normalize_mobile,
    parse_date,
)
from yulu_desktop.excel.sheets import CellValue, Formula

Result = tuple[object, list[Issue]]

_EXACT_FLOAT_INT = 2**53
_SCIENTIFIC = re.compile(r"[+-]?\d+(?:\.\d*)?E[+-]?\d+", re.IGNORECASE)
_LANDLINE = re.compile(r"0\d{9,11}")
_MASKED = re.compile(r"\*{3,}")
_MONEY_NOISE = re.compile(r"[,，\s元¥￥]")
_CODE_SPLIT = re.compile(r"[,，、;；/|\s]+")

TEXT_FORMAT_FIX = "请把这一列的单元格格式设置为“文本”，重新录入完整内容（或从系统重新导出）后再导入"

_TRUE = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "已消除", "有", "对"})
_FALSE = frozenset({"否", "n", "no", "false", "0", "×", "✗", "未消除", "无", "不是"})


def error(field: str, label: str, message: str) -> Issue:
    return Issue(field=field, label=label, message=message)


def warning(field: str, label: str, message: str) -> Issue:
    return Issue(field=field, label=label, message=message, severity=Severity.WARNING)


def excel_number_text(value: float) -> str:
    """How Excel's General format shows a big number, e.g. 5.00229E+17."""
    mantissa, exponent = f"{value:.5E}".split("E")
    mantissa = mantissa.rstrip("0").rstrip(".")
    return f"{mantissa}E{'+' if int(exponent) >= 0 else '-'}{abs(int(exponent)):02d}"


def is_masked(value: CellValue) -> bool:
    """True for a value that was exported masked (110105********002X, 138****8000, ****1234)."""
    return isinstance(value, str) and bool(_MASKED.search(value))


def formula_issues(value: CellValue, field: str, label: str) -> list[Issue]:
    """An error if the cell is a formula with no saved value (:class:`~yulu_desktop.excel.sheets.Formula`):
    its text is not data, and reading it as empty would say "不能为空" about a cell that is not empty."""
    if not isinstance(value, Formula):
        return []
    shown = value if len(value) <= 40 else value[:39] + "…"
    return [
        error(
            field,
            label,
            f"单元格里是公式（{shown}），不是文字，无法导入。请改为文字"
            "（可复制这一列后“选择性粘贴 → 数值”）再导入",
        )
    ]


def read_text(value: CellValue, field: str, label: str) -> tuple[str | None, list[Issue]]:
    """A text cell (姓名, 民族, …) as :func:`cell_text`; a formula without a value is refused, not read as text."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    return cell_text(value), []


def cell_text(value: CellValue) -> str | None:
    """A cell as text, stripped; None if empty. Whole numbers lose their ".0"; dates print as 2025-09-01."""
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip()
        return text or None
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < _EXACT_FLOAT_INT:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def read_identifier(value: CellValue, field: str, label: str) -> tuple[str | None, list[Issue]]:
    """A number-like identifier (户编号, 人编号, 学籍号): text, digits intact.

    Refused if Excel turned it into a floating-point number whose last digits are gone."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if isinstance(value, float) and not (value.is_integer() and abs(value) < _EXACT_FLOAT_INT):
        shown = excel_number_text(value)
        return None, [
            error(
                field,
                label,
                f"被 Excel 存成了数字（显示为 {shown}），后几位数字已丢失，无法还原。{TEXT_FORMAT_FIX}",
            )
        ]
    text = cell_text(value)
    if text is None:
        return None, []
    text = unicodedata.normalize("NFKC", text).strip()
    if _SCIENTIFIC.fullmatch(text):
        return None, [
            error(
                field, label, f"“{text}”是 Excel 的科学计数法，后几位数字已丢失，无法还原。{TEXT_FORMAT_FIX}"
            )
        ]
    return text, []


def read_id_number(
    value: CellValue, field: str, label: str, today: dt.date | None
) -> tuple[IdNumber | None, list[Issue]]:
    """A resident ID number; None without issues if the cell is empty (the caller decides if it is required).

    A numeric cell is refused with an explanation: Excel keeps 15 significant digits, so an 18-digit number
    stored as a number has lost its last digits (5.00229E+17)."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, []
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return None, [error(field, label, f"“{cell_text(value)}”不是身份证号")]
    if isinstance(value, int) and len(str(abs(value))) <= 15:
        value = str(value)  # a legacy 15-digit number survives a numeric cell intact
    elif isinstance(value, int | float):
        shown = excel_number_text(float(value))
        return None, [
            error(
                field,
                label,
                f"身份证号被 Excel 存成了数字（显示为 {shown}），Excel 只保留 15 位有效数字，"
                f"后几位已丢失，无法还原。{TEXT_FORMAT_FIX}",
            )
        ]
    try:
        return parse_id_number(value, today=today), []
    except ValidationFailed as exc:
        return None, [
            Issue(field=field, label=label, message=i.message, severity=i.severity) for i in exc.issues
        ]


def read_phone(
    value: CellValue, field: str, label: str, *, allow_landline: bool = True
) -> tuple[str | None, list[Issue]]:
    """A phone number; mobile numbers are checked, landlines (0 + 9–11 digits) accepted if allowed.

    A masked number (138****8000) cannot be stored: a warning, and no value."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return None, [error(field, label, f"“{cell_text(value)}”不是电话号码")]
    if is_masked(value):
        return None, [
            warning(field, label, f"“{value}”是打码后的号码，无法导入，已留空；请导出完整号码后再导入")
        ]
    raw: str | int | float | None = value if isinstance(value, str | int | float) else None
    text = normalize_mobile(raw)
    if not text:
        return None, []
    if allow_landline and _LANDLINE.fullmatch(text):
        return text, []
    issues = mobile_issues(raw, field, label)
    return (None if any(i.is_error for i in issues) else text), issues


def read_account(value: CellValue, field: str, label: str) -> tuple[str | None, list[Issue]]:
    """A bank card or passbook account number (digits as text)."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if isinstance(value, float) and not (value.is_integer() and abs(value) < _EXACT_FLOAT_INT):
        shown = excel_number_text(value)
        return None, [
            error(
                field,
                label,
                f"账号被 Excel 存成了数字（显示为 {shown}），后几位已丢失，无法还原。{TEXT_FORMAT_FIX}",
            )
        ]
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return None, [error(field, label, f"“{cell_text(value)}”不是银行账号")]
    raw: str | int | float | None = value if isinstance(value, str | int | float) else None
    text = normalize_bank_account(raw)
    if not text:
        return None, []
    issues = bank_account_issues(raw, field, label)
    return (None if any(i.is_error for i in issues) else text), issues


def read_date(value: CellValue, field: str, label: str) -> tuple[dt.date | None, list[Issue]]:
    """A date from a date cell, an Excel serial number, or text such as 2025-09-01 / 2025年9月1日."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if type(value) is dt.datetime:
        return value.date(), []
    if value is None or type(value) is dt.date:
        return value, []
    if isinstance(value, bool | dt.time | dt.timedelta):
        return None, [error(field, label, f"“{cell_text(value)}”不是日期")]
    if isinstance(value, str) and not value.strip():
        return None, []
    assert not isinstance(value, dt.time | dt.timedelta | bool)
    return parse_date(value, field, label)


def read_int(
    value: CellValue, field: str, label: str, *, minimum: int | None = None, maximum: int | None = None
) -> tuple[int | None, list[Issue]]:
    """A whole number (1, 1.0, "1", "１"), optionally within bounds."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if type(value) is int and (minimum is None or value >= minimum) and (maximum is None or value <= maximum):
        return value, []
    text = cell_text(value)
    if text is None:
        return None, []
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return None, [error(field, label, f"“{text}”不是整数")]
    text = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None, [error(field, label, f"“{text}”不是整数")]
    if not number.is_finite() or number != number.to_integral_value():
        return None, [error(field, label, f"“{text}”不是整数")]
    result = int(number)
    if (minimum is not None and result < minimum) or (maximum is not None and result > maximum):
        bounds = f"{minimum if minimum is not None else ''}至{maximum if maximum is not None else ''}"
        return None, [error(field, label, f"{result}超出范围，应在{bounds}之间")]
    return result, []


def read_money(value: CellValue, field: str, label: str) -> tuple[int | None, list[Issue]]:
    """An amount in yuan (12345.67, "12,345.67元") as fen (int); more than two decimals are rounded."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return int((Decimal(repr(value)) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), []
    text = cell_text(value)
    if text is None:
        return None, []
    if isinstance(value, bool | dt.date | dt.time | dt.timedelta):
        return None, [error(field, label, f"“{text}”不是金额")]
    cleaned = _MONEY_NOISE.sub("", unicodedata.normalize("NFKC", text))
    try:
        yuan = Decimal(cleaned)
    except InvalidOperation:
        return None, [error(field, label, f"“{text}”不是金额，请填写以元为单位的数字，如 12345.67")]
    if not yuan.is_finite():
        return None, [error(field, label, f"“{text}”不是金额")]
    return int((yuan * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)), []


def read_bool(value: CellValue, field: str, label: str) -> tuple[bool | None, list[Issue]]:
    """是/否 (and Y/N, 1/0, √/×, 已消除/未消除)."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if isinstance(value, bool):
        return value, []
    text = cell_text(value)
    if text is None:
        return None, []
    key = unicodedata.normalize("NFKC", text).strip().lower()
    if key in _TRUE:
        return True, []
    if key in _FALSE:
        return False, []
    return None, [error(field, label, f"“{text}”应填“是”或“否”")]


def _code_key(text: str, width: int) -> str:
    key = unicodedata.normalize("NFKC", text).strip()
    if width and key.isascii() and key.isdigit() and len(key) < width:
        key = key.zfill(width)
    return key


#: Code cells repeat the same few values over thousands of rows: results are cached per code list.
_CODE_CACHE: dict[tuple[int, int, str, str, str], tuple[Any, tuple[Issue, ...]]] = {}
_CODE_CACHE_LIMIT = 20_000


def _cached(
    key: tuple[int, int, str, str, str], compute: Callable[[], tuple[Any, list[Issue]]]
) -> tuple[Any, list[Issue]]:
    hit = _CODE_CACHE.get(key)
    if hit is None:
        value, issues = compute()
        if len(_CODE_CACHE) >= _CODE_CACHE_LIMIT:
            _CODE_CACHE.clear()
        hit = _CODE_CACHE[key] = (value, tuple(issues))
    return hit[0], list(hit[1])


def read_code(
    value: CellValue,
    codes: CodeList,
    field: str,
    label: str,
    synonyms: Mapping[str, str] | None = None,
) -> tuple[str | None, list[Issue]]:
    """One code of ``codes`` from a code ("01", "1") or a label ("本人"); unknown values are errors."""
    if isinstance(value, Formula):
        return None, formula_issues(value, field, label)
    if value is None:
        return None, []
    if type(value) is str:
        _width(codes)  # keeps ``codes`` alive in the cache of widths, so its id is not reused
        key = (id(codes), id(synonyms), value, field, label)
        result: tuple[str | None, list[Issue]] = _cached(
            key, lambda: _read_code(value, codes, field, label, synonyms)
        )
        return result
    return _read_code(value, codes, field, label, synonyms)


def _read_code(
    value: CellValue,
    codes: CodeList,
    field: str,
    label: str,
    synonyms: Mapping[str, str] | None = None,
) -> tuple[str | None, list[Issue]]:
    text = cell_text(value)
    if text is None:
        return None, []
    width = _width(codes)
    key = _code_key(text, width)
    code = codes.code_for(key) or _normalized_labels(codes).get(key)
    if code is None and synonyms:
        code = synonyms.get(key)
    if code is None:
        return None, [error(field, label, unknown_code_message(codes, text))]
    return code, []


_NORMALIZED_LABELS: dict[int, tuple[CodeList, dict[str, str]]] = {}


def _normalized_labels(codes: CodeList) -> dict[str, str]:
    """Label → code with the labels as cells are read (NFKC): 初级工(五级) finds 初级工（五级）."""
    cached = _NORMALIZED_LABELS.get(id(codes))
    if cached is not None and cached[0] is codes:
        return cached[1]
    labels = {unicodedata.normalize("NFKC", label).strip(): code for code, label in codes.labels.items()}
    _NORMALIZED_LABELS[id(codes)] = (codes, labels)
    return labels


def unknown_code_message(codes: CodeList, text: str) -> str:
    """“x”不是有效的…，可选：… — codes shown with labels for numbered lists, labels only otherwise."""
    if _width(codes):
        choices = "、".join(f"{c} {lbl}" for c, lbl in codes.labels.items())
    else:
        choices = "、".join(codes.labels.values())
    return f"“{text}”不是有效的{codes.name}，可选：{choices}"


def read_codes(
    value: CellValue,
    codes: CodeList,
    field: str,
    label: str,
    synonyms: Mapping[str, str] | None = None,
    legacy: Mapping[str, str] | None = None,
) -> tuple[tuple[str, ...], list[Issue]]:
    """Several codes in one cell ("因病,因残", "01、03", "1 3"): in order, without repeats.

    ``legacy``: retired values mapped to a code with a warning (the value has no code of its own)."""
    if isinstance(value, Formula):
        return (), formula_issues(value, field, label)
    if value is None:
        return (), []
    if type(value) is str:
        _width(codes)
        key = (id(codes), id(synonyms), value, field, f"{label}\0{id(legacy)}")
        result: tuple[tuple[str, ...], list[Issue]] = _cached(
            key, lambda: _read_codes(value, codes, field, label, synonyms, legacy)
        )
        return result
    return _read_codes(value, codes, field, label, synonyms, legacy)


def _read_codes(
    value: CellValue,
    codes: CodeList,
    field: str,
    label: str,
    synonyms: Mapping[str, str] | None,
    legacy: Mapping[str, str] | None,
) -> tuple[tuple[str, ...], list[Issue]]:
    text = cell_text(value)
    if text is None:
        return (), []
    width = _width(codes)
    out: list[str] = []
    issues: list[Issue] = []
    for part in _CODE_SPLIT.split(unicodedata.normalize("NFKC", text)):
        if not part:
            continue
        key = _code_key(part, width)
        code = codes.code_for(key) or (synonyms.get(key) if synonyms else None)
        if code is None and legacy and key in legacy:
            code = legacy[key]
            issues.append(
                warning(
                    field,
                    label,
                    f"“{part}”不在{codes.name}代码中，按“{code} {codes.label(code)}”导入",
                )
            )
        if code is None:
            issues.append(error(field, label, unknown_code_message(codes, part)))
        elif code not in out:
            out.append(code)
    return tuple(out), issues


_WIDTHS: dict[int, tuple[CodeList, int]] = {}


def _width(codes: CodeList) -> int:
    """2 for lists of two-digit national codes (so "1" means "01"), else 0."""
    cached = _WIDTHS.get(id(codes))
    if cached is not None and cached[0] is codes:
        return cached[1]
    keys = list(codes.labels)
    width = 2 if keys and all(k.isdigit() and len(k) == 2 for k in keys) else 0
    _WIDTHS[id(codes)] = (codes, width)
    return width
