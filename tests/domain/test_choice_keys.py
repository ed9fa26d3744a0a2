"""Picking a Chinese choice by pinyin initials, full pinyin or Chinese text (domain/choice_keys.py)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yulu_desktop.domain import codes
from yulu_desktop.domain.choice_keys import choice_keys, find_choice

MODES = list(codes.VISIT_MODE.labels.values())  # 入户走访 电话 微信 集中座谈 到校走访
PURPOSES = list(codes.VISIT_PURPOSE.labels.values())


def test_keys_of_a_choice_are_its_initials_and_full_pinyin() -> None:
    assert choice_keys("入户走访") == ("rhzf", "ruhuzoufang")
    assert choice_keys("了解就读意愿") == ("ljjdyy", "liaojiejiuduyiyuan")  # 了 read liǎo in 了解
    assert choice_keys("A类（重点）") == ("alzd", "aleizhongdian")


@pytest.mark.parametrize(
    ("labels", "typed", "expected"),
    [
        (MODES, "dh", "电话"),
        (MODES, "rh", "入户走访"),
        (MODES, "dx", "到校走访"),
        (MODES, "weixin", "微信"),
        (MODES, "zf", "入户走访"),  # initials anywhere in the text, the first choice that has them
        (MODES, "座谈", "集中座谈"),
        (MODES, "走访", "入户走访"),
        (PURPOSES, "bz", "补助申请"),
        (PURPOSES, "jy", "就业情况跟踪"),
        (PURPOSES, "ZC", "政策宣传"),
        (PURPOSES, "补助", "补助申请"),
    ],
)
def test_typed_text_finds_the_choice(labels: list[str], typed: str, expected: str) -> None:
    found = find_choice(labels, typed)
    assert found is not None and labels[found] == expected


def test_nothing_fits_and_the_start_moves_on_among_equal_choices() -> None:
    assert find_choice(MODES, "xq") is None
    assert find_choice(MODES, "") is None
    first = find_choice(MODES, "走访")
    assert first is not None and MODES[first] == "入户走访"
    second = find_choice(MODES, "走访", start=first + 1)
    assert second is not None and MODES[second] == "到校走访"
    assert find_choice(MODES, "走访", start=second + 1) == first  # wraps around


@given(st.sampled_from(PURPOSES + MODES + list(codes.VISITOR_ROLE.labels.values())))
def test_every_choice_is_found_by_its_own_initials_and_text(label: str) -> None:
    labels = PURPOSES + MODES + list(codes.VISITOR_ROLE.labels.values())
    for typed in (choice_keys(label)[0], choice_keys(label)[1], label):
        found = find_choice(labels, typed)
        assert found is not None and labels[found] == label, typed
