"""Paper to sign (issue 19): the dossier's signatures never stand alone on a page and its subsidies are in term
order; the application form has the school's confirmation; the registers have 填报人, 审核人 and stamp lines."""

from __future__ import annotations

import dataclasses
import io
import re

import pypdf
import pytest

from yulu_desktop.printing.application_form import render_application_form
from yulu_desktop.printing.dossier import render_dossier, term_order
from yulu_desktop.printing.register import render_register
from yulu_desktop.printing.samples import sample_application_form, sample_dossier, sample_register


def _pages(pdf: bytes) -> list[str]:
    return [re.sub(r"\s+", "", p.extract_text()) for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


@pytest.fixture(scope="module")
def dossier():  # type: ignore[no-untyped-def]
    return sample_dossier(3)


def test_signatures_stay_with_records_on_the_last_page(dossier) -> None:  # type: ignore[no-untyped-def]
    # Fewer visits move the end of the story up and down the page; with 1-3 visits of this sample the
    # signatures used to be pushed alone onto a page of their own.
    assert dossier.attachments
    for visits in range(len(dossier.visits) + 1):
        pages = _pages(render_dossier(dataclasses.replace(dossier, visits=dossier.visits[:visits])))
        signed = [p for p in pages if "八、核实签字" in p]
        assert len(signed) == 1 and signed[0] == pages[-1]
        assert "七、附件清单" in signed[0], visits
        assert dossier.attachments[-1].filename.replace(" ", "") in signed[0], visits


def test_with_no_attachments_the_signatures_keep_the_last_records(dossier) -> None:  # type: ignore[no-untyped-def]
    bare = dataclasses.replace(dossier, attachments=(), trainings=())
    for visits in range(len(dossier.visits) + 1):
        last = _pages(render_dossier(dataclasses.replace(bare, visits=bare.visits[:visits])))[-1]
        assert "八、核实签字" in last
        assert "第" in last and "次记录" in last, visits  # the last employment entry is on the signed page


def test_subsidies_print_in_term_order(dossier) -> None:  # type: ignore[no-untyped-def]
    first = dossier.subsidies[0]
    terms = ["2025-autumn", "2024-autumn", "2025-spring", "2026-spring"]
    shuffled = tuple(dataclasses.replace(first, term=t) for t in terms)
    flat = "".join(_pages(render_dossier(dataclasses.replace(dossier, subsidies=shuffled))))
    section = flat[flat.index("三、补助发放记录") : flat.index("四、走访记录")]
    positions = [
        section.index(label)
        for label in ("2024年秋季学期", "2025年春季学期", "2025年秋季学期", "2026年春季学期")
    ]
    assert positions == sorted(positions)
    assert sorted(terms, key=term_order) == ["2024-autumn", "2025-spring", "2025-autumn", "2026-spring"]


def test_application_form_has_the_schools_confirmation_on_one_page() -> None:
    pages = _pages(render_application_form(sample_application_form(1)))
    assert len(pages) == 1
    flat = pages[0]
    for text in ("学校意见", "该生为我校全日制在籍在读学生", "经办人（签字）", "（盖章）", "年＿＿月＿＿日"):
        assert text in flat, text
    assert flat.index("该生为我校") < flat.index("负责人（签字）")  # the school confirms before the village


def test_register_has_filler_reviewer_and_stamp_lines() -> None:
    data = dataclasses.replace(
        sample_register("students", rows=50), filled_by="李明", filled_by_phone="13800138000"
    )
    pages = _pages(render_register(data))
    last = pages[-1]
    for text in (
        "填报人：李明（签字）",
        "联系电话：13800138000",
        "审核人（签字）",
        "单位（盖章）",
        "审核日期",
    ):
        assert text in last, text
    assert last.index(re.sub(r"\s+", "", data.totals)) < last.index("填报人")
    assert not any("填报人" in p for p in pages[:-1])
    # Without a profile name the printer's name is the 填报人.
    plain = _pages(render_register(sample_register("intent", rows=3)))[-1]
    assert f"填报人：{sample_register('intent', rows=3).printed_by}（签字）" in plain
