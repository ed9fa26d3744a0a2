"""Pinyin search keys: full pinyin and initials, surnames with their name readings."""

from __future__ import annotations

import subprocess
import sys

import pytest

from yulu_desktop.domain import pinyin
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


def test_every_character_reads_as_pypinyin_reads_it() -> None:
    """Names are read from pypinyin's table of single characters, without pypinyin's phrase dictionary: every
    one of its characters must read exactly as ``lazy_pinyin`` reads it alone (tones dropped, ü as v)."""
    from pypinyin import Style, lazy_pinyin

    table = pinyin._character_table()
    assert len(table) > 40000
    differing = [
        (chr(int(code)), reading)
        for code in table
        if (reading := pinyin._given_name_reading(chr(int(code))))
        != lazy_pinyin(chr(int(code)), style=Style.NORMAL, errors="default")[0]
    ]
    assert differing == []


def test_a_name_is_read_without_loading_pypinyins_phrases() -> None:
    """The phrase dictionary cost a first pull 0.16–0.25 s of CPU; a name never needs it."""
    code = (
        "import sys\n"
        "from yulu_desktop.domain.pinyin import search_key\n"
        "assert 'zhk' in search_key('张坤') and 'lvlv' in search_key('吕绿')\n"
        "assert 'pypinyin.phrases_dict' not in sys.modules, sorted(m for m in sys.modules if 'pinyin' in m)\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
