"""Resident ID numbers (GB 11643-1999): parsing, check character, 15→18 upgrade and the Chinese messages."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yulu_desktop.domain.errors import Severity, ValidationFailed
from yulu_desktop.domain.idcard import (
    IdNumber,
    check_character,
    id_number_issues,
    make_id_number,
    normalize_id_number,
    parse_id_number,
    upgrade_15_to_18,
)

TODAY = datetime.date(2025, 6, 1)
KNOWN = "11010519491231002X"  # the textbook example: Beijing 朝阳区, born 1949-12-31, female

addresses = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=datetime.date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(min_value=0, max_value=999)
props = settings(max_examples=300, deadline=None)


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


# --- known values -------------------------------------------------------------------------------------------


def test_known_example_parses() -> None:
    parsed = parse_id_number(KNOWN, today=TODAY)
    assert parsed == IdNumber(
        value=KNOWN,
        address_code="110105",
        birth_date=datetime.date(1949, 12, 31),
        sex="F",
        upgraded_from_15=False,
    )
    assert str(parsed) == KNOWN


def test_check_character_of_known_example() -> None:
    assert check_character(KNOWN[:17]) == "X"
    # One less in the last digit (weight 2) moves the remainder from 2 to 0.
    assert check_character("11010519491231001") == "1"


@props
@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_character_is_iso_7064_mod_11_2(first17: str) -> None:
    # Written independently of the module's tables: weight of position i (from the left) is 2**(17-i) mod 11,
    # and the check value c makes the weighted sum of all 18 characters ≡ 1 (mod 11); X stands for 10.
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    c = (12 - total % 11) % 11
    assert check_character(first17) == ("X" if c == 10 else str(c))


@pytest.mark.parametrize("bad", ["", "1101051949123100", "110105194912310021", "1101051949123100a"])
def test_check_character_needs_17_digits(bad: str) -> None:
    with pytest.raises(ValueError, match="17位数字"):
        check_character(bad)


def test_normalize_id_number() -> None:
    assert normalize_id_number(" 110105 19491231 002x\t") == KNOWN
    assert normalize_id_number("１１０１０５　１９４９１２３１００２ｘ") == KNOWN
    assert normalize_id_number("　") == ""
    # Not a validator: garbage stays garbage.
    assert normalize_id_number("abc") == "abc"


def test_upgrade_15_to_18_known() -> None:
    assert upgrade_15_to_18("110105491231002") == KNOWN
    parsed = parse_id_number("110105491231002", today=TODAY)
    assert parsed.value == KNOWN
    assert parsed.upgraded_from_15 is True
    assert parsed.birth_date == datetime.date(1949, 12, 31)


@pytest.mark.parametrize("bad", ["11010549123100", "11010519491231002X", "11010549123100a"])
def test_upgrade_15_to_18_refuses_other_input(bad: str) -> None:
    with pytest.raises(ValidationFailed, match="15位") as info:
        upgrade_15_to_18(bad)
    assert info.value.issues[0].field == "id_number"


def test_male_when_17th_digit_is_odd() -> None:
    male = make_id_number("500229", datetime.date(2006, 3, 4), 17)
    assert male[16] == "7"
    assert parse_id_number(male, today=TODAY).sex == "M"
    female = make_id_number("500229", datetime.date(2006, 3, 4), 18)
    assert parse_id_number(female, today=TODAY).sex == "F"


def test_age_on() -> None:
    person = parse_id_number(make_id_number("500229", datetime.date(2008, 2, 29), 1), today=TODAY)
    assert person.age_on(datetime.date(2026, 2, 28)) == 17
    assert person.age_on(datetime.date(2026, 3, 1)) == 18


def test_make_id_number_refuses_bad_parts() -> None:
    birth = datetime.date(2006, 3, 4)
    with pytest.raises(ValueError, match="地址码"):
        make_id_number("50022", birth, 1)
    with pytest.raises(ValueError, match="顺序码"):
        make_id_number("500229", birth, 1000)
    with pytest.raises(ValueError, match="顺序码"):
        make_id_number("500229", birth, -1)
    with pytest.raises(ValueError, match="1900"):
        make_id_number("500229", datetime.date(1899, 12, 31), 1)


# --- messages -----------------------------------------------------------------------------------------------


def _only_message(raw: str) -> str:
    issues = id_number_issues(raw, today=TODAY)
    assert len(issues) == 1, issues
    assert issues[0].severity is Severity.ERROR
    return issues[0].message


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ("", ["不能为空"]),
        (" 　\t", ["不能为空"]),
        ("1101051949123100", ["18位", "15位", "实际为16位"]),
        ("11010519491231002X1", ["实际为19位"]),
        ("1101051949123100A", ["实际为17位", "第17位", "“A”"]),
        ("5.00229E+17", ["Excel", "科学计数法", "丢失", "文本"]),
        ("5.00229e17", ["Excel", "丢失", "文本"]),
        ("5.00229199001011E+17", ["Excel"]),
        ("500229199001011000.0", ["Excel", "文本"]),
        ("11010519491231OO2X", ["第15位", "“O”", "第16位", "数字"]),
        ("1101051949123100X2", ["第17位", "X只能是18位号码的最后一位"]),
        ("11010549123100X", ["第15位", "15位旧号码只能是数字"]),
        ("11010519491231002Y", ["第18位", "“Y”"]),
        ("110105202302300021", ["出生日期", "2023年02月30日", "不存在"]),
        ("110105200013010021", ["出生日期", "2000年13月01日", "不存在"]),
        ("110105491301002", ["第7至12位", "1949年13月01日", "不存在"]),
        ("110105189912310020", ["1899-12-31", "早于1900年"]),
        ("110105202506020020", ["2025-06-02", "晚于今天", "2025-06-01"]),
        ("110105194912310023", ["校验位应为X，实际为3"]),
        ("110105194912310022", ["校验位应为X，实际为2", "核对"]),
    ],
)
def test_messages_say_what_is_wrong(raw: str, words: list[str]) -> None:
    message = _only_message(raw)
    for word in words:
        assert word in message


def test_wrong_check_digit_on_valid_date() -> None:
    good = make_id_number("500229", datetime.date(2006, 3, 4), 123)
    wrong = "0" if good[17] != "0" else "1"
    message = _only_message(good[:17] + wrong)
    assert message.startswith(f"校验位应为{good[17]}，实际为{wrong}")


def test_parse_raises_validation_failed_with_field_and_label() -> None:
    with pytest.raises(ValidationFailed) as info:
        parse_id_number("110105194912310023", today=TODAY)
    (issue,) = info.value.issues
    assert issue.field == "id_number"
    assert issue.label == "身份证号"
    assert info.value.text().startswith("身份证号：校验位应为X")


def test_issues_use_given_field_and_label() -> None:
    (issue,) = id_number_issues("123", field="guardian_id", label="监护人身份证号", today=TODAY)
    assert (issue.field, issue.label) == ("guardian_id", "监护人身份证号")
    assert id_number_issues(KNOWN, today=TODAY) == []


def test_today_defaults_to_the_clock() -> None:
    # Two days ahead, so that the test still holds if the clock passes midnight while it runs.
    future = make_id_number("500229", datetime.date.today() + datetime.timedelta(days=2), 1)
    assert "晚于今天" in id_number_issues(future)[0].message
    assert parse_id_number(make_id_number("500229", datetime.date.today(), 1)).birth_date == (
        datetime.date.today()
    )


# --- properties ---------------------------------------------------------------------------------------------


@props
@given(addresses, births, sequences)
def test_made_numbers_parse_back(address: str, birth: datetime.date, sequence: int) -> None:
    value = make_id_number(address, birth, sequence)
    parsed = parse_id_number(value, today=TODAY)
    assert parsed.value == value
    assert parsed.address_code == address
    assert parsed.birth_date == birth
    assert parsed.sex == ("M" if sequence % 2 else "F")
    assert parsed.upgraded_from_15 is False


@props
@given(addresses, births, sequences, st.integers(0, 17), st.sampled_from("0123456789X"))
def test_changing_one_character_is_refused(
    address: str, birth: datetime.date, sequence: int, position: int, replacement: str
) -> None:
    value = make_id_number(address, birth, sequence)
    if value[position] == replacement:
        replacement = "X" if replacement != "X" else "0"
    changed = value[:position] + replacement + value[position + 1 :]
    issues = id_number_issues(changed, today=TODAY)
    assert issues, changed
    assert all(i.is_error for i in issues)
    with pytest.raises(ValidationFailed):
        parse_id_number(changed, today=TODAY)
    outside_birth_date = not 6 <= position <= 13
    if outside_birth_date and replacement != "X":
        # A wrong digit outside the date can only show up in the check character.
        assert "校验位" in issues[0].message


@props
@given(addresses, births, sequences)
def test_full_width_lower_case_and_spaced_forms_parse_the_same(
    address: str, birth: datetime.date, sequence: int
) -> None:
    value = make_id_number(address, birth, sequence)
    expected = parse_id_number(value, today=TODAY)
    forms = [
        value.lower(),
        _full_width(value),
        _full_width(value.lower()),
        f" {value[:6]} {value[6:14]}　{value[14:].lower()}\n",
    ]
    for form in forms:
        assert normalize_id_number(form) == value
        assert parse_id_number(form, today=TODAY) == expected


@props
@given(
    addresses, st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(1999, 12, 31)), sequences
)
def test_15_to_18_upgrade_is_valid(address: str, birth: datetime.date, sequence: int) -> None:
    id15 = f"{address}{birth:%y%m%d}{sequence:03d}"
    upgraded = upgrade_15_to_18(id15)
    assert upgraded == make_id_number(address, birth, sequence)
    assert id_number_issues(upgraded, today=TODAY) == []
    parsed = parse_id_number(id15, today=TODAY)
    assert parsed.value == upgraded
    assert parsed.birth_date == birth
    assert parsed.upgraded_from_15 is True


@props
@given(st.text(max_size=25))
def test_issues_never_raise_and_agree_with_parse(raw: str) -> None:
    issues = id_number_issues(raw, today=TODAY)
    if issues:
        with pytest.raises(ValidationFailed):
            parse_id_number(raw, today=TODAY)
    else:
        assert len(parse_id_number(raw, today=TODAY).value) == 18
