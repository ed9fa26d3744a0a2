"""公示 list: names, schools and amounts; never ID numbers, phones, accounts or health; at least 5 days."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re

import pypdf
import pytest

from yulu_desktop.domain import codes
from yulu_desktop.printing.model import PublicityRow
from yulu_desktop.printing.publicity import PublicityRefused, render_publicity
from yulu_desktop.printing.samples import sample_dossier, sample_publicity


def _flat(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))


def test_publicity_lists_people_period_and_where_to_object():
    data = sample_publicity()
    flat = _flat(render_publicity(data))
    for row in data.rows:
        assert row.name in flat
        assert row.school in flat
    assert "2025年9月3日至2025年9月9日（共7天）" in flat
    assert f"联系人：{data.contact_person}，电话：{data.contact_phone}" in flat
    assert data.objection_office in flat
    assert f"合计{len(data.rows)}人" in flat
    assert f"{sum(r.amount_yuan for r in data.rows):,}" in flat
    assert "第1页/共1页" in flat


def test_publicity_prints_no_sensitive_information():
    """The people on the list have IDs, phones, accounts and health records; none of it reaches the paper."""
    data = sample_publicity()
    flat = _flat(render_publicity(data))
    # nothing that looks like an ID, a mobile or an account number
    assert not re.search(r"\d{15,19}|\d{17}[\dX]", flat)
    assert not re.search(r"1[3-9]\d{9}", flat)
    assert "****" not in flat  # not even masked forms
    for label in codes.HEALTH.labels.values():
        assert label not in flat
    # and the row type has no field where they could go
    fields = {f.name for f in dataclasses.fields(PublicityRow)}
    assert not fields & {"id_number", "phone", "payee_account", "account", "health"}


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", sample_dossier(0).id_number),
        ("school", "重庆三峡职业学院 13800008000"),
        ("grade", "6217 0037 0000 0000 006"),
        ("name", "王小雨（残疾）"),
        ("group", "三组 长期慢性病"),
    ],
)
def test_publicity_refuses_sensitive_text_smuggled_into_a_field(field, value):
    data = sample_publicity()
    rows = (dataclasses.replace(data.rows[0], **{field: value}), *data.rows[1:])
    with pytest.raises(PublicityRefused):
        render_publicity(dataclasses.replace(data, rows=rows))


def test_publicity_refuses_a_personal_mobile_as_contact():
    data = dataclasses.replace(sample_publicity(), contact_phone="138 0000 8000")
    with pytest.raises(PublicityRefused, match="办公电话"):
        render_publicity(data)


def test_publicity_period_is_at_least_five_days():
    data = sample_publicity()
    four = dataclasses.replace(data, notice_end=data.notice_start + dt.timedelta(days=3))
    with pytest.raises(PublicityRefused, match="不少于5天"):
        render_publicity(four)
    five = dataclasses.replace(data, notice_end=data.notice_start + dt.timedelta(days=4))
    assert "（共5天）" in _flat(render_publicity(five))


def test_long_publicity_repeats_header_and_numbers_pages():
    data = sample_publicity(rows=60)
    reader = pypdf.PdfReader(io.BytesIO(render_publicity(data)))
    assert len(reader.pages) >= 2
    for i, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"第 {i} 页 / 共 {len(reader.pages)} 页" in text
        assert "补助金额" in text
