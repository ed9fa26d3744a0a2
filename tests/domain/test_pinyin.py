"""Pinyin search keys: full pinyin and initials, surnames with their name readings."""

from __future__ import annotations

import pytest

from yulu_desktop.domain.pinyin import initials_variants, pinyin_variants, search_key


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("张坤", "zk"),
        ("张坤", "zhangkun"),
        ("曾小贤", "zengxiaoxian"),
        ("单田芳", "stf"),
        ("解放", "xiefang"),
        ("欧阳娜娜", "oynn"),
        ("长孙无忌", "zhangsunwuji"),
        ("长孙无忌", "changsunwuji"),
    ],
)
def test_search_key_contains_what_a_cadre_types(name: str, typed: str) -> None:
    assert typed in search_key(name).split()


def test_surname_name_reading_comes_first_and_everyday_reading_is_not_indexed() -> None:
    assert pinyin_variants("曾小贤")[0] == ("zengxiaoxian", "zxx")
    assert "cengxiaoxian" not in search_key("曾小贤")
    assert "yuxiaohong" not in search_key("王小红")


def test_empty_name_has_no_variants() -> None:
    assert pinyin_variants("  ") == ()
    assert search_key("") == ""


@pytest.mark.parametrize(
    ("name", "typed"),
    [
        ("张坤", "zhk"),
        ("张坤", "zk"),
        ("赵春生", "zcs"),
        ("赵春生", "zhchsh"),
        ("赵春生", "zhcs"),
        ("长孙无忌", "chswj"),
        ("长孙无忌", "zhswj"),
    ],
)
def test_initials_are_indexed_with_and_without_zh_ch_sh(name: str, typed: str) -> None:
    assert typed in search_key(name).split()


def test_only_retroflex_initials_get_a_long_form() -> None:
    assert initials_variants("曾小贤") == ("zxx",)  # z, not zh: 曾 is zeng
    assert initials_variants("张坤") == ("zk", "zhk")  # the short form first
    assert initials_variants(" ") == ()
