"""Shared field validators: mobile, bank account (Luhn), dates, code lists, required fields."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yulu_desktop.domain.codes import SEX
from yulu_desktop.domain.errors import Severity
from yulu_desktop.domain.validation import (
    EXCEL_EPOCH,
    bank_account_issues,
    code_issues,
    date_not_before,
    date_not_in_future,
    luhn_check_digit,
    luhn_ok,
    mobile_issues,
    normalize_bank_account,
    normalize_mobile,
    parse_date,
    required_issues,
)

LUHN_WARNING = "银行卡号校验未通过，请核对；如为存折账号可忽略"
props = settings(max_examples=300, deadline=None)
digit_strings = st.text(alphabet="0123456789", min_size=1, max_size=30)


def _one(issues: list[object]) -> str:
    assert len(issues) == 1, issues
    message = getattr(issues[0], "message", None)
    assert isinstance(message, str)
    return message


# --- mobile -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        " 138 0013 8000 ",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "8613800138000",
        "008613800138000",
        "１３８００１３８０００",
        13800138000,
        13800138000.0,
    ],
)
def test_mobile_forms_normalise(raw: str | int | float) -> None:
    assert normalize_mobile(raw) == "13800138000"
    assert mobile_issues(raw) == []


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("12800138000", ["12800138000", "13至19"]),
        ("10000000000", ["13至19"]),
        ("1380013800", ["10位", "11位"]),
        ("138001380001", ["12位"]),
        ("1380013800a", ["“a”", "非数字"]),
        ("02368881234", ["固定电话"]),
        ("1.38001E+10", ["Excel", "文本"]),
    ],
)
def test_mobile_messages(raw: str, words: list[str]) -> None:
    issues = mobile_issues(raw, field="guardian_phone", label="监护人电话")
    message = _one(list(issues))
    assert issues[0].field == "guardian_phone"
    assert issues[0].label == "监护人电话"
    assert issues[0].severity is Severity.ERROR
    for word in words:
        assert word in message


@pytest.mark.parametrize("raw", [None, "", "  "])
def test_empty_mobile_is_not_this_rules_business(raw: str | None) -> None:
    assert mobile_issues(raw) == []


@props
@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_1_3to9_mobile_passes(second: str, rest: str) -> None:
    assert mobile_issues("1" + second + rest) == []


@props
@given(
    st.sampled_from(["10", "11", "12", "0", "2", "9"]),
    st.text(alphabet="0123456789", min_size=9, max_size=9),
)
def test_mobiles_with_bad_prefix_fail(prefix: str, rest: str) -> None:
    raw = (prefix + rest + "0")[:11]
    issues = mobile_issues(raw)
    assert len(issues) == 1, raw
    assert issues[0].is_error


# --- Luhn and bank accounts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "ok"), [("79927398713", True), ("79927398710", False), ("4111111111111111", True)]
)
def test_luhn_known(digits: str, ok: bool) -> None:
    assert luhn_ok(digits) is ok


@pytest.mark.parametrize("bad", ["", "7", "7992739871a", "７９９２７３９８７１３"])
def test_luhn_refuses_non_digits_and_too_short(bad: str) -> None:
    assert luhn_ok(bad) is False


def test_luhn_check_digit_needs_digits() -> None:
    with pytest.raises(ValueError, match="Luhn"):
        luhn_check_digit("12a")


@props
@given(digit_strings)
def test_appending_luhn_digit_passes(partial: str) -> None:
    assert luhn_ok(partial + luhn_check_digit(partial))


@props
@given(digit_strings, st.data())
def test_mutating_one_digit_fails_luhn(partial: str, data: st.DataObject) -> None:
    number = partial + luhn_check_digit(partial)
    position = data.draw(st.integers(0, len(number) - 1))
    replacement = data.draw(st.sampled_from([d for d in "0123456789" if d != number[position]]))
    mutated = number[:position] + replacement + number[position + 1 :]
    assert not luhn_ok(mutated), mutated


def _card(prefix: str, length: int) -> str:
    partial = prefix.ljust(length - 1, "7")
    return partial + luhn_check_digit(partial)


def test_valid_card_with_spaces_passes() -> None:
    card = _card("622202", 19)
    spaced = " ".join(card[i : i + 4] for i in range(0, len(card), 4))
    assert normalize_bank_account(spaced) == card
    assert bank_account_issues(spaced) == []


def test_card_failing_luhn_is_a_warning_not_an_error() -> None:
    card = _card("6222", 16)
    wrong = card[:-1] + str((int(card[-1]) + 1) % 10)
    issues = bank_account_issues(wrong)
    assert _one(list(issues)) == LUHN_WARNING
    assert issues[0].severity is Severity.WARNING
    assert not issues[0].is_error
    assert (issues[0].field, issues[0].label) == ("payee_account", "收款账号")


@pytest.mark.parametrize(
    "raw",
    [
        "62220212345612345678",  # 20 digits: a passbook account, not a card number
        "4111111111111112",  # fails Luhn but is not a UnionPay (62) number
        "1234567890",  # 10 digits: shortest passbook account
        "1" * 30,
        None,
        "",
    ],
)
def test_accounts_without_issues(raw: str | None) -> None:
    assert bank_account_issues(raw) == []


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("123456789", ["9位", "10至30位"]),
        ("1" * 31, ["31位"]),
        ("6222-0212-A456-1234", ["“A”", "非数字"]),
        ("6.22202E+18", ["Excel", "丢失", "文本"]),
    ],
)
def test_bank_account_errors(raw: str, words: list[str]) -> None:
    issues = bank_account_issues(raw, field="account", label="账号")
    message = _one(list(issues))
    assert issues[0].is_error
    assert issues[0].label == "账号"
    for word in words:
        assert word in message


@props
@given(st.integers(16, 19), st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_unionpay_numbers_are_never_refused(length: int, body: str) -> None:
    number = ("62" + body)[:length]
    issues = bank_account_issues(number)
    assert not any(i.is_error for i in issues)
    assert bool(issues) is (not luhn_ok(number))


# --- dates --------------------------------------------------------------------------------------------------

SEPT_1 = datetime.date(2025, 9, 1)


@pytest.mark.parametrize(
    "raw",
    [
        "2025-09-01",
        "2025-9-1",
        "2025/9/1",
        "2025/09/01",
        "2025.9.1",
        "20250901",
        "2025年9月1日",
        "2025年09月01日",
        "2025 年 9 月 1 日",
        "２０２５－０９－０１",
        " 2025-09-01 00:00:00 ",
        "2025-09-01T08:30",
        "45901",
        "45901.0",
        45901,
        45901.75,
        20250901,
        SEPT_1,
        datetime.datetime(2025, 9, 1, 23, 59),
    ],
)
def test_parse_date_accepts(raw: str | int | float | datetime.date) -> None:
    parsed, issues = parse_date(raw, "enrolled_on", "入学日期")
    assert issues == []
    assert parsed == SEPT_1
    assert type(parsed) is datetime.date


@pytest.mark.parametrize("raw", [None, "", "   "])
def test_parse_date_empty(raw: str | None) -> None:
    assert parse_date(raw, "enrolled_on", "入学日期") == (None, [])


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("abc", ["“abc”", "2025-09-01"]),
        ("25/9/1", ["25/9/1", "格式"]),
        ("2025-02-30", ["2025年2月没有30日"]),
        ("20230230", ["2023年2月没有30日"]),
        ("2025-13-01", ["月份13"]),
        ("2025-09", ["缺少日"]),
        ("2025年9月", ["缺少日"]),
        ("1850-01-01", ["年份1850"]),
        (True, ["不是日期"]),
        (-5, ["不是有效的日期"]),
        (10**9, ["不是有效的日期"]),
        (float("nan"), ["不是有效的日期"]),
        (20251399, ["月份13"]),
    ],
)
def test_parse_date_refuses(raw: str | int | float, words: list[str]) -> None:
    parsed, issues = parse_date(raw, "enrolled_on", "入学日期")
    assert parsed is None
    message = _one(list(issues))
    assert issues[0].field == "enrolled_on"
    assert issues[0].label == "入学日期"
    for word in words:
        assert word in message


@props
@given(st.dates(min_value=datetime.date(1900, 3, 1), max_value=datetime.date(2100, 12, 31)))
def test_parse_date_round_trips(d: datetime.date) -> None:
    forms: list[str | int | float] = [
        d.isoformat(),
        f"{d.year}/{d.month}/{d.day}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d:%Y%m%d}",
        f"{d.year}年{d.month}月{d.day}日",
        (d - EXCEL_EPOCH).days,
        float((d - EXCEL_EPOCH).days) + 0.5,
    ]
    for form in forms:
        assert parse_date(form, "d", "日期") == (d, []), form


def test_excel_serial_known_values() -> None:
    assert parse_date(61, "d", "日期")[0] == datetime.date(1900, 3, 1)
    assert parse_date(36526, "d", "日期")[0] == datetime.date(2000, 1, 1)


def test_date_not_in_future() -> None:
    today = datetime.date(2025, 6, 1)
    (issue,) = date_not_in_future(datetime.date(2025, 6, 2), today, "visited_on", "走访日期")
    assert "2025-06-02" in issue.message
    assert "晚于今天（2025-06-01）" in issue.message
    assert (issue.field, issue.label) == ("visited_on", "走访日期")
    assert date_not_in_future(today, today, "visited_on", "走访日期") == []
    assert date_not_in_future(None, today, "visited_on", "走访日期") == []


def test_date_not_before() -> None:
    birth = datetime.date(2005, 3, 4)
    (issue,) = date_not_before(datetime.date(2001, 9, 1), birth, "enrolled_on", "入学日期", "出生日期")
    assert issue.message == "入学日期（2001-09-01）早于出生日期（2005-03-04）"
    assert issue.is_error
    assert date_not_before(birth, birth, "enrolled_on", "入学日期", "出生日期") == []
    assert date_not_before(None, birth, "enrolled_on", "入学日期", "出生日期") == []
    assert date_not_before(birth, None, "enrolled_on", "入学日期", "出生日期") == []


# --- code lists and required --------------------------------------------------------------------------------


def test_code_issues() -> None:
    assert code_issues(SEX, "M", "sex", "性别") == []
    assert code_issues(SEX, None, "sex", "性别") == []
    assert code_issues(SEX, "", "sex", "性别") == []
    (issue,) = code_issues(SEX, "X", "sex", "性别")
    assert "“X”不是有效的性别" in issue.message
    assert issue.message.endswith("可选：男、女")  # labels, not the internal codes M/F
    assert (issue.field, issue.label) == ("sex", "性别")


@pytest.mark.parametrize("value", [None, "", "  　", [], {}, ()])
def test_required_refuses_empty(value: object) -> None:
    (issue,) = required_issues(value, "name", "姓名")
    assert issue.message == "不能为空"
    assert issue.text() == "姓名：不能为空"


@pytest.mark.parametrize("value", ["张三", 0, False, [1], SEPT_1])
def test_required_accepts_present(value: object) -> None:
    assert required_issues(value, "name", "姓名") == []
