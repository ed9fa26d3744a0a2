"""The mapping table of descriptive texts: spacing, full-width characters, bracketed qualifiers, synonyms,
prefixes; and the stored form of the texts it cannot map."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from yulu_desktop.domain import codes
from yulu_desktop.domain.code_text import (
    DESCRIPTIVE_FIELDS,
    decode_raw_values,
    encode_raw_values,
    fold,
    match_code,
    without_qualifiers,
)


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@pytest.mark.parametrize(
    ("field", "text", "code"),
    [
        ("health", "健康", "healthy"),
        ("health", " 健　康 ", "healthy"),
        ("health", "长期慢性病（高血压）", "chronic"),
        ("health", "残疾(二级肢体)", "disabled"),
        ("health", "良好", "healthy"),
        ("skills", "普通劳动力\u3000", "ordinary"),
        ("skills", "弱劳动力或半劳动力", "weak"),
        ("skills", "半劳动力【年老】", "weak"),
        ("education", "初 中", "junior"),
        ("education", "大学本科", "bachelor"),
        ("student_status", "小学三年级", "primary"),
        ("student_status", "中职（二年级）", "secondary_vocational"),
        ("student_status", "八年级", "junior"),
        ("student_status", "非在校生", "not_student"),
    ],
)
def test_spellings_map_to_codes(field: str, text: str, code: str) -> None:
    assert match_code(field, DESCRIPTIVE_FIELDS[field], text) == code


@pytest.mark.parametrize(
    ("field", "text"),
    [("health", "一般"), ("skills", "待评估"), ("education", "扫盲班"), ("student_status", "在读（培训班）")],
)
def test_what_cannot_be_told_stays_unmapped(field: str, text: str) -> None:
    assert match_code(field, DESCRIPTIVE_FIELDS[field], text) is None


@given(
    st.sampled_from(sorted(DESCRIPTIVE_FIELDS)),
    st.data(),
    st.lists(st.sampled_from([" ", "\u3000", "\t"]), max_size=3),
    st.booleans(),
)
def test_every_label_maps_however_it_is_spaced(
    field: str, data: st.DataObject, spaces: list[str], wide: bool
) -> None:
    codelist = DESCRIPTIVE_FIELDS[field]
    code = data.draw(st.sampled_from(sorted(codelist.labels)))
    label = codelist.labels[code]
    position = data.draw(st.integers(0, len(label)))
    text = label[:position] + "".join(spaces) + label[position:]
    if wide:
        text = _fullwidth(text)
    assert match_code(field, codelist, text + "（备注）") == code


def test_fold_and_qualifiers() -> None:
    assert fold("ＡＢ　c d") == "ABcd"
    assert without_qualifiers("长期慢性病(高血压)(已治疗)") == "长期慢性病"
    assert without_qualifiers("残疾[肢体(二级)]") == "残疾"
    assert unicodedata.normalize("NFKC", "（") == "("


def test_raw_values_are_stored_as_sorted_json_or_nothing() -> None:
    assert encode_raw_values({}) == ""
    assert encode_raw_values({"health": ""}) == ""
    stored = encode_raw_values({"skills": "待评估", "health": "一般"})
    assert stored == '{"health": "一般", "skills": "待评估"}'
    assert decode_raw_values(stored) == {"health": "一般", "skills": "待评估"}
    assert decode_raw_values("") == {} and decode_raw_values(None) == {}
    assert decode_raw_values("not json") == {} and decode_raw_values("[1]") == {}


def test_the_relationship_list_is_not_descriptive() -> None:
    # 与户主关系 links a member to the head: it is read by the importer with its own synonyms and 其他 as fallback.
    assert "relationship" not in DESCRIPTIVE_FIELDS
    assert codes.RELATIONSHIP.code_for("本人") == "01"
