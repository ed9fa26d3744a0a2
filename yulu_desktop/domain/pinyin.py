"""Pinyin search keys for Chinese names (``zk``, ``zhk`` and ``zhangkun`` all find 张坤).

Initials are indexed both ways for the retroflex initials zh, ch and sh: cadres type 张坤 as ``zk`` or as
``zhk``, and 赵长顺 as ``zcs``, ``zhchsh`` or any mix (``zhcs``), so every combination is in the key.

A surname read differently as a name than as a word (曾 zēng, not céng; 单 shàn; 解 xiè) is handled by a table of
surname readings, which lists every reading a surname is really given (长 chang/zhang), so a cadre finds the
person whichever of them they type; other surnames take their usual reading. Compound surnames (欧阳, 司马 …) are covered because every character is indexed.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import json
import unicodedata
from pathlib import Path

#: Readings of characters when used as a surname, where they differ from the everyday reading.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",),
    "单": ("shan",),
    "解": ("xie",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "查": ("zha",),
    "区": ("ou",),
    "召": ("shao",),
    "盖": ("ge", "gai"),
    "缪": ("miao",),
    "尉": ("yu", "wei"),
    "秘": ("bi",),
    "乐": ("yue", "le"),
    "覃": ("qin", "tan"),
    "翟": ("zhai",),
    "种": ("chong",),
    "繁": ("po",),
    "员": ("yun",),
    "万": ("wan", "mo"),
    "沈": ("shen",),
    "任": ("ren",),
    "华": ("hua",),
    "纪": ("ji",),
    "燕": ("yan",),
    "宿": ("su",),
    "阚": ("kan",),
    "能": ("nai", "neng"),
    "洗": ("xian",),
    "冼": ("xian",),
    "句": ("gou",),
    "过": ("guo",),
    "隗": ("wei",),
    "卜": ("bu",),
    "藏": ("zang",),
    "柏": ("bai",),
    "长": ("chang", "zhang"),
    "重": ("chong", "zhong"),
    "折": ("she", "zhe"),
}


@functools.lru_cache(maxsize=8192)
def _surname_readings(char: str) -> tuple[str, ...]:
    if char in SURNAME_READINGS:
        return SURNAME_READINGS[char]
    return (_given_name_reading(char),)


@functools.lru_cache(maxsize=8192)
def _given_name_reading(char: str) -> str:
    # Given names are read character by character; caching per character keeps a 200,000-person import fast.
    readings = _character_table().get(str(ord(char)))
    if readings is not None:
        return _toneless(readings.split(",")[0])
    from pypinyin import Style, lazy_pinyin  # its phrase dictionary costs 0.17 s to load: not at start-up

    return str(lazy_pinyin(char, style=Style.NORMAL, errors="default")[0])


@functools.cache
def _character_table() -> dict[str, str]:
    """pypinyin's table of single characters (code point as text → its readings, the usual one first), read
    without importing pypinyin: its package loads a phrase dictionary too, 0.16–0.25 s of CPU that a name, read
    one character at a time, never needs (a first pull paid it). The first reading without tones is what
    ``lazy_pinyin(char, style=Style.NORMAL)`` gives for one character (a test compares all 41,923). Empty where
    the table cannot be read: then pypinyin itself answers."""
    spec = importlib.util.find_spec("pypinyin")
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    try:
        table = json.loads((Path(locations[0]) / "pinyin_dict.json").read_text(encoding="utf-8"))
    except (IndexError, OSError, ValueError):
        return {}
    return table if isinstance(table, dict) else {}


def _toneless(reading: str) -> str:
    """``lǜ`` → ``lv``, ``zhāng`` → ``zhang``: pypinyin's NORMAL style."""
    decomposed = unicodedata.normalize("NFD", reading).replace("u\u0308", "v")
    return "".join(char for char in decomposed if not unicodedata.combining(char))


#: Two-letter initials (声母); a syllable starting with one is also typed by its first letter alone.
_RETROFLEX = ("zh", "ch", "sh")

#: At most this many syllables of a name get both forms of their initial (2**n initials variants per reading).
_MAX_RETROFLEX = 4


@functools.lru_cache(maxsize=65536)
def pinyin_variants(name: str) -> tuple[tuple[str, str], ...]:
    """(full pinyin, initials) for each plausible reading of ``name``, the usual reading first.

    Initials take the first letter of every syllable (张坤 ``zk``); ``initials_variants`` adds zh/ch/sh."""
    name = name.strip()
    if not name:
        return ()
    rest = [_given_name_reading(char) for char in name[1:]]
    variants = []
    for first in itertools.islice(_surname_readings(name[0]), 4):
        syllables = [first, *rest]
        variants.append(("".join(syllables).lower(), "".join(s[0] for s in syllables if s).lower()))
    return tuple(dict.fromkeys(variants))


@functools.lru_cache(maxsize=65536)
def initials_variants(name: str) -> tuple[str, ...]:
    """Every way of typing the initials of ``name``: short (张坤 ``zk``) first, then with zh/ch/sh (``zhk``)."""
    name = name.strip()
    if not name:
        return ()
    rest = [_given_name_reading(char).lower() for char in name[1:]]
    found: list[str] = []
    for first in itertools.islice(_surname_readings(name[0]), 4):
        choices: list[tuple[str, ...]] = []
        retroflex = 0
        for syllable in (first.lower(), *rest):
            if not syllable:
                continue
            long_form = syllable[:2]
            if long_form in _RETROFLEX and retroflex < _MAX_RETROFLEX:
                retroflex += 1
                choices.append((syllable[0], long_form))
            else:
                choices.append((syllable[0],))
        found += ["".join(combination) for combination in itertools.product(*choices)]
    return tuple(dict.fromkeys(found))


def search_key(name: str) -> str:
    """The text stored with a person for search: the name, then every full pinyin and initials variant."""
    parts = [name]
    for full, initials in pinyin_variants(name):
        parts += [full, initials]
    parts += initials_variants(name)
    return " ".join(dict.fromkeys(parts))
