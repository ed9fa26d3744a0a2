"""雨露计划补助申请表: one page, full ID and account, the three opinion boxes, the QR reference."""

from __future__ import annotations

import dataclasses
import io
import re

import pypdf

from yulu_desktop.printing.application_form import form_reference, render_application_form
from yulu_desktop.printing.layout import yuan_in_words
from yulu_desktop.printing.reference import parse_print_qr
from yulu_desktop.printing.samples import sample_application_form


def _text(pdf: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return len(reader.pages), re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def test_form_is_one_page_with_every_field():
    data = sample_application_form(1)
    pages, flat = _text(render_application_form(data))
    assert pages == 1
    expected = [
        "雨露计划补助申请表", "2025年秋季学期", data.student_name, "男", data.birth_date.isoformat(),
        data.id_number, data.phone, data.county, data.township, data.village, data.household_no, "脱贫户",
        data.head_name, "子", data.school, data.major, "大专", "3年", data.entry_date.isoformat(), data.grade,
        data.student_no, "壹仟伍佰元整", "¥1,500", data.payee_name, data.payee_bank, data.payee_account,
        "村委会意见", "乡镇审核意见", "县级审定意见", "（盖章）", "申请人（监护人）签字", "第1页/共1页",
    ]  # fmt: skip
    # whitespace is removed: the section titles are printed vertically, one character per line
    missing = [e for e in expected if re.sub(r"\s+", "", e) not in flat]
    assert not missing


def test_form_stays_one_page_with_long_values():
    data = sample_application_form(0)
    long = dataclasses.replace(
        data,
        school="重庆三峡医药高等专科学校（万州校区）继续教育与职业培训学院附属中等职业学校" * 2,
        major="口腔医学技术（义齿加工与数字化修复方向）" * 3,
        payee_bank="重庆农村商业股份有限公司城口支行庙坝分理处" * 2,
    )
    pages, _ = _text(render_application_form(long))
    assert pages == 1


def test_form_qr_reference_names_the_term():
    data = sample_application_form(0, term="2026-spring")
    pdf = render_application_form(data)
    ref = parse_print_qr(form_reference(data).payload())
    assert ref is not None
    assert (ref.kind, ref.person_id, ref.term, ref.record_version) == (
        "form",
        data.person_id,
        "2026-spring",
        data.record_version,
    )
    _, flat = _text(pdf)
    assert form_reference(data).payload() in flat
    assert "2026年春季学期" in flat


def test_form_is_deterministic():
    data = sample_application_form(2)
    assert render_application_form(data) == render_application_form(data)


def test_amount_in_words():
    assert yuan_in_words(1500) == "壹仟伍佰元整"
    assert yuan_in_words(3000) == "叁仟元整"
    assert yuan_in_words(1050) == "壹仟零伍拾元整"
    assert yuan_in_words(10_500) == "壹万零伍佰元整"
    assert yuan_in_words(120_000) == "壹拾贰万元整"
    assert yuan_in_words(0) == "零元整"
