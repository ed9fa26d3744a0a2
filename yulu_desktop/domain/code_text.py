"""The texts found in descriptive columns of the national export, mapped to codes where they can be.

Exports and hand-kept sheets spell the same value many ways: "健康 ", "健　康" (a full-width space), "长期慢性病
（高血压）" (a bracketed qualifier), "慢性病" (a synonym), "小学三年级" (a grade of a level). :func:`match_code`
folds the spelling (NFKC, no spaces), tries the code list, then this module's synonyms and prefixes, then the text
without its bracketed qualifiers. What it cannot map stays unmapped: the caller keeps the original text
(``Person.raw_values``) and leaves the coded field empty, rather than guessing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from yulu_desktop.domain import codes

#: Descriptive fields of a person: the code list of each.
DESCRIPTIVE_FIELDS: Final[Mapping[str, codes.CodeList]] = MappingProxyType(
    {
        "education": codes.EDUCATION,
        "student_status": codes.STUDENT_STATUS,
        "health": codes.HEALTH,
        "skills": codes.SKILL,
    }
)

#: Spellings found in real exports and hand-kept sheets, beyond the labels of the code lists (keys folded).
SYNONYMS: Final[Mapping[str, Mapping[str, str]]] = MappingProxyType(
    {
        "education": MappingProxyType(
            {
                "文盲": "none",
                "半文盲": "none",
                "文盲半文盲": "none",
                "中专": "secondary_vocational",
                "职高": "secondary_vocational",
                "技校": "secondary_vocational",
                "中等职业教育": "secondary_vocational",
                "高职": "college",
                "专科": "college",
                "大学专科": "college",
                "本科": "bachelor",
                "大学本科": "bachelor",
                "研究生": "bachelor",
                "硕士": "bachelor",
                "博士": "bachelor",
                "学龄前": "preschool",
                "学前儿童": "preschool",
            }
        ),
        "health": MappingProxyType(
            {
                "良好": "healthy",
                "健康良好": "healthy",
                "身体健康": "healthy",
                "慢性病": "chronic",
                "长期慢性疾病": "chronic",
                "患有慢性病": "chronic",
                "大病": "serious",
                "患大病": "serious",
                "重病": "serious",
                "残疾人": "disabled",
                "残疾": "disabled",
            }
        ),
        "skills": MappingProxyType(
            {
                "弱劳动力": "weak",
                "半劳动力": "weak",
                "弱劳动力半劳动力": "weak",
                "丧失劳动能力": "none",
                "无劳动能力": "no",
                "普通劳动力": "ordinary",
                "一般劳动力": "ordinary",
                "技能劳动力": "skilled",
            }
        ),
        "student_status": MappingProxyType({"非在校": "not_student", "不在校": "not_student"}),
    }
)

#: Fields whose values are spelt per grade ("小学三年级", "八年级", "中职二年级"): matched by what they start with.
PREFIXES: Final[Mapping[str, tuple[tuple[tuple[str, ...], str], ...]]] = MappingProxyType(
    {
        "student_status": (
            (("非在校", "不在校"), "not_student"),
            (("学前", "幼儿园"), "preschool"),
            (("小学",), "primary"),
            (("七年级", "八年级", "九年级", "初中", "初一", "初二", "初三"), "junior"),
            (("普通高中", "高中", "高一", "高二", "高三"), "senior"),
            (("中职", "中专", "职高", "技校"), "secondary_vocational"),
            (("高职", "大专", "专科"), "higher_vocational"),
            (("本科", "研究生", "硕士", "博士"), "undergraduate"),
        ),
    }
)

_SPACE = re.compile(r"\s+")
#: A bracketed qualifier: （高血压）, (二级), 【肢体】, [在读]; after NFKC full-width brackets are ASCII.
_QUALIFIER = re.compile(r"[(\[【〔][^()\[\]【】〔〕]*[)\]】〕]")


def fold(text: str) -> str:
    """The form texts are compared in: NFKC (full-width letters, digits and spaces to their plain forms), no
    whitespace at all."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def without_qualifiers(text: str) -> str:
    """The text without bracketed qualifiers: "长期慢性病(高血压)" → "长期慢性病"."""
    previous = None
    while previous != text:  # nested brackets: the inner pair goes first
        previous, text = text, _QUALIFIER.sub("", text)
    return text


def match_code(field: str, codelist: codes.CodeList, text: str) -> str | None:
    """The code of ``codelist`` that ``text`` stands for, or None if it cannot be told.

    Tried in order on the folded text, then on the folded text without bracketed qualifiers: a code or label of
    the list, a synonym of ``field``, a prefix of ``field``."""
    folded = fold(text)
    for key in dict.fromkeys((folded, without_qualifiers(folded))):
        if not key:
            continue
        code = codelist.code_for(key)
        if code is None:
            code = SYNONYMS.get(field, {}).get(key)
        if code is None:
            for prefixes, prefix_code in PREFIXES.get(field, ()):
                if key.startswith(prefixes):
                    code = prefix_code
                    break
        if code is not None:
            return code
    return None


def encode_raw_values(raw: Mapping[str, str]) -> str:
    """``Person.raw_values`` as stored: a JSON object field → original text, keys sorted; "" when empty."""
    kept = {k: v for k, v in raw.items() if v}
    return json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else ""


def decode_raw_values(stored: str | None) -> dict[str, str]:
    """The original texts kept in ``Person.raw_values``; {} when none (or unreadable: never an error)."""
    if not stored:
        return {}
    try:
        value = json.loads(stored)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): str(v) for k, v in value.items() if isinstance(v, str) and v}
