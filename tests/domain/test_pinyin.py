"""Pinyin search keys: full pinyin and initials, surnames with their name readings."""

from __future__ import annotations

import pytest

from yulu_desktop.domain.pinyin import pinyin_variants, search_key


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
