"""Registers of the three lists: landscape, header on every page, totals at the end, deterministic."""

from __future__ import annotations

import dataclasses
import io
import re

import pypdf
import pytest

from yulu_desktop.printing.register import render_register
from yulu_desktop.printing.samples import sample_dossier, sample_register


@pytest.mark.parametrize(("kind", "title"), [("intent", "入读职业院校意愿清单"), ("students", "雨露计划在读学生清单"),
                                             ("graduates", "雨露计划毕业生就业去向清单")])  # fmt: skip
def test_register_layout(kind, title):
    data = sample_register(kind, rows=60)
    pdf = render_register(data)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = reader.pages
    assert len(pages) >= 2
    first_header = data.columns[2].header
    for i, page in enumerate(pages, start=1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width > height  # landscape
        text = page.extract_text()
        assert re.sub(r"\s+", "", first_header) in re.sub(r"\s+", "", text)  # header row repeated
        assert f"第 {i} 页 / 共 {len(pages)} 页" in text
    flat = re.sub(r"\s+", "", "".join(p.extract_text() for p in pages))
    assert title in flat
    assert re.sub(r"\s+", "", data.totals) in flat
    assert flat.index(data.rows[-1][1]) < flat.index(re.sub(r"\s+", "", data.totals))
    for row in data.rows:
        assert row[1] in flat
    assert render_register(data) == pdf


def test_register_rows_are_printed_as_given_masked():
    data = sample_register("students", rows=5)
    flat = re.sub(
        r"\s+",
        "",
        "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(render_register(data))).pages),
    )
    assert "500229********" in flat
    assert not [i for i in range(5) if sample_dossier(i).id_number in flat]


def test_register_too_wide_is_scaled_to_the_page():
    data = sample_register("graduates", rows=3)
    wide = dataclasses.replace(
        data, columns=tuple(dataclasses.replace(c, width_mm=c.width_mm * 2) for c in data.columns)
    )
    reader = pypdf.PdfReader(io.BytesIO(render_register(wide)))
    assert len(reader.pages) == 1


def test_register_refuses_ragged_rows():
    data = sample_register("students", rows=2)
    with pytest.raises(ValueError, match="columns"):
        render_register(dataclasses.replace(data, rows=((*data.rows[0], "extra"),)))
