"""Picking a Chinese choice by typing: ``rhzf`` or ``ruhu`` finds 入户走访, ``zf`` finds it too, and so does ``走访``.

Used by every drop-down list of fixed choices (走访方式, 走访目的, 学校类型 …): a cadre types the pinyin initials of
the choice, or part of its Chinese text, instead of scrolling with the arrow keys.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence


@functools.lru_cache(maxsize=4096)
def choice_keys(label: str) -> tuple[str, str]:
    """(initials, full pinyin) of a choice's text, lower case: 入户走访 → ("rhzf", "ruhuzoufang").

    Letters and digits in the text count one each (``A类`` → ``al``); other signs are left out.
    """
    from pypinyin import Style, lazy_pinyin  # its phrase dictionary costs 0.17 s to load: not at start-up

    syllables: list[str] = []
    for chinese, run in _runs(label):
        if chinese:
            syllables += [str(s).lower() for s in lazy_pinyin(run, style=Style.NORMAL)]  # words read as words
        else:
            syllables += [char.lower() for char in run if char.isascii() and char.isalnum()]
    syllables = [s for s in syllables if s]
    return "".join(s[0] for s in syllables), "".join(syllables)


def _runs(text: str) -> list[tuple[bool, str]]:
    """The text cut into runs of Chinese characters and runs of anything else: (is Chinese, run)."""
    runs: list[tuple[bool, str]] = []
    for char in text:
        chinese = "\u4e00" <= char <= "\u9fff"
        if runs and runs[-1][0] == chinese:
            runs[-1] = (chinese, runs[-1][1] + char)
        else:
            runs.append((chinese, char))
    return runs


def _is_latin(typed: str) -> bool:
    return typed.isascii()


def find_choice(labels: Sequence[str], typed: str, *, start: int = 0) -> int | None:
    """The index of the best choice for ``typed`` (None when nothing fits).

    Latin letters match the pinyin initials or the full pinyin, from the start of the text before anywhere in it;
    Chinese text matches the choice's text, from its start before anywhere in it. Among equally good choices
    the first at or after ``start`` wins (typing the same letter again moves on to the next choice).
    """
    typed = typed.strip().lower()
    if not typed:
        return None
    order: list[int] = [*range(start, len(labels)), *range(min(start, len(labels)))]

    def tiers(label: str) -> list[bool]:
        if not label:
            return [False] * 4
        if _is_latin(typed):
            initials, full = choice_keys(label)
            return [
                initials.startswith(typed),
                full.startswith(typed),
                typed in initials,
                typed in full,
            ]
        return [label.startswith(typed), typed in label, False, False]

    for tier in range(4):
        for index in order:
            if tiers(labels[index])[tier]:
                return index
    return None
