"""Masked forms of ID numbers, phones and bank accounts (PIPL): what is shown and, above all, what is not."""

from __future__ import annotations

import datetime
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from yulu_desktop.domain.idcard import make_id_number
from yulu_desktop.domain.masking import mask_account, mask_id_number, mask_phone

props = settings(max_examples=300, deadline=None)
digits = st.text(alphabet="0123456789", max_size=40)


def _visible(masked: str) -> int:
    return sum(1 for c in masked if c != "*")


def test_domain_examples() -> None:
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_phone("13800138000") == "138****8000"
    assert mask_account("6222021234561234") == "****1234"


def test_id_number_forms() -> None:
    assert mask_id_number("110105491231002") == "110105******002"
    assert mask_id_number("11010519491231002x") == "110105********002X"
    assert mask_id_number(" 110105 19491231 002X ") == "110105********002X"
    assert mask_id_number("１１０１０５１９４９１２３１００２Ｘ") == "110105********002X"


@pytest.mark.parametrize("value", ["1101051949123100", "11010519491231002X1", "12345", "5.00229E+17"])
def test_malformed_id_numbers_show_nothing(value: str) -> None:
    masked = mask_id_number(value)
    assert masked == "*" * len(value)


def test_phone_forms() -> None:
    assert mask_phone("+86 138-0013-8000") == "138****8000"
    assert mask_phone("68881234") == "****1234"
    assert mask_phone("02368881234") == "023****1234"
    assert mask_phone("12345") == "****5"
    assert mask_phone("1234") == "****"
    assert mask_phone("1") == "****"


def test_account_forms() -> None:
    assert mask_account("6222 0212 3456 1234") == "****1234"
    assert mask_account("12345678") == "****5678"
    assert mask_account("12345") == "****5"
    assert mask_account("1234") == "****"
    assert mask_account("1") == "****"


@pytest.mark.parametrize("mask", [mask_id_number, mask_phone, mask_account])
@pytest.mark.parametrize("value", [None, "", "  "])
def test_empty_is_empty(mask: Callable[[str | None], str], value: str | None) -> None:
    assert mask(value) == ""


@props
@given(
    st.text(alphabet="0123456789", min_size=6, max_size=6),
    st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2025, 6, 1)),
    st.integers(0, 999),
)
def test_id_mask_hides_the_birth_date(address: str, birth: datetime.date, sequence: int) -> None:
    value = make_id_number(address, birth, sequence)
    masked = mask_id_number(value)
    assert masked == value[:6] + "********" + value[14:]
    assert f"{birth:%Y%m%d}" not in masked


@props
@given(digits)
def test_id_mask_never_shows_more_than_ten(value: str) -> None:
    masked = mask_id_number(value)
    assert len(masked) == len(value)
    assert _visible(masked) <= (10 if len(value) == 18 else 9 if len(value) == 15 else 0)


@props
@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_phone_mask_hides_the_middle(second: str, rest: str) -> None:
    phone = "1" + second + rest
    masked = mask_phone(phone)
    assert masked == phone[:3] + "****" + phone[7:]


@props
@given(digits)
def test_phone_mask_always_hides_four(value: str) -> None:
    masked = mask_phone(value)
    if not value:
        assert masked == ""
        return
    assert masked.count("*") >= 4
    assert _visible(masked) <= min(7, max(0, len(value) - 4))
    assert masked != value


@props
@given(digits)
def test_account_mask_shows_at_most_last_four(value: str) -> None:
    masked = mask_account(value)
    if not value:
        assert masked == ""
        return
    shown = min(4, max(0, len(value) - 4))
    assert masked == "****" + value[len(value) - shown :]


def test_birth_date_shows_only_its_year() -> None:
    import datetime as dt

    from yulu_desktop.domain.masking import mask_birth_date

    assert mask_birth_date(dt.date(2005, 6, 1)) == "2005年"
    assert mask_birth_date("2005-06-01") == "2005年"
    assert mask_birth_date("０６/01/2005") == ""  # no year first: nothing is known to be safe
    assert mask_birth_date(None) == mask_birth_date("") == ""


def test_registry_number_keeps_a_letter_and_two_characters() -> None:
    from yulu_desktop.domain.masking import mask_registry_no

    assert mask_registry_no("G20050601123456") == "G************56"
    assert mask_registry_no("G500229200506011232") == "G****************32"
    assert mask_registry_no("20050601123456") == "************56"
    assert mask_registry_no("G1234") == "*****"
    assert mask_registry_no("") == ""
    masked = mask_registry_no("G500229200506011232")
    assert "20050601" not in masked and "0601" not in masked
