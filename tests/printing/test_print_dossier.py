"""一人一档 dossier: every field printed, sensitive values masked, page x/y and the QR reference on every page."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import random
import re

import pypdf
import pytest

from yulu_desktop.domain import codes
from yulu_desktop.domain.masking import mask_account, mask_id_number, mask_phone
from yulu_desktop.printing.dossier import dossier_reference, mask_student_no, render_dossier
from yulu_desktop.printing.layout import qr_runs
from yulu_desktop.printing.reference import PrintReference, fingerprint, parse_print_qr
from yulu_desktop.printing.samples import sample_dossier, sample_photo


@pytest.fixture(scope="module")
def data():
    return sample_dossier(3)


@pytest.fixture(scope="module")
def pdf(data) -> bytes:
    return render_dossier(data)


def _pages(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _flat(pdf: bytes) -> str:
    # pypdf may break table cells over lines; compare without whitespace
    return re.sub(r"\s+", "", "".join(_pages(pdf)))


def _has(flat: str, text: str) -> bool:
    return re.sub(r"\s+", "", text) in flat


def test_every_field_is_printed(data, pdf):
    flat = _flat(pdf)
    hh = data.household
    expected = [
        data.name, data.person_no, hh.village_path, hh.household_no, codes.HOUSEHOLD_TYPE.label(hh.household_type),
        hh.address, hh.head_name,
        "因病", "因学", hh.payee_bank, f"{data.birth_date.year}年" if data.birth_date else "",
        "一、家庭基本情况", "二、就读情况", "三、补助发放记录", "四、走访记录", "五、技能培训与证书",
        "六、就业去向", "七、附件清单", "八、核实签字", "户主（签字）", "驻村干部/帮扶联系人（签字）",
    ]  # fmt: skip
    for m in data.members:
        expected += [m.name, mask_id_number(m.id_number)]
    for e in data.enrollments:
        expected += [e.school_year, e.school, e.major, e.grade, mask_student_no(e.student_no)]
    expected += ["秋季学期", "春季学期", "在籍在读", "毕业"]
    for s in data.subsidies:
        expected += [s.village_opinion]
    expected += ["2022年秋季学期", "2025年春季学期", "1,500元", "已发放", "县审定", "累计已发放：7,500元"]
    for v in data.visits:
        expected += [v.visit_date.isoformat(), v.visitor, v.notes]
    for t in data.trainings:
        expected += [t.name, t.provider]
    for j in data.employment:
        expected += [j.employer, j.job, j.place, j.change_reason, j.effective_date.isoformat(), j.verified_by]
    expected += ["5,000元", "2,800元", "4,200元", "校企合作", "专场招聘"]
    for a in data.attachments:
        expected += [a.filename, a.sha256[:12]]
    missing = [e for e in expected if not _has(flat, e)]
    assert not missing


def test_sensitive_values_are_masked(data, pdf):
    flat = _flat(pdf)
    fulls = [data.id_number, data.phone, data.household.payee_account]
    fulls += [m.id_number for m in data.members] + [m.phone for m in data.members if m.phone]
    assert not [v for v in fulls if v in flat]
    assert mask_id_number(data.id_number) in flat
    assert mask_phone(data.phone) in flat
    assert mask_account(data.household.payee_account) in flat
    assert "110105********002X" in flat  # the grandmother, from DOMAIN.md's example number


def test_nothing_beside_a_masked_id_gives_its_birth_digits_back(data, pdf):
    flat = _flat(pdf)
    people = [(data.id_number, data.birth_date)] + [(m.id_number, m.birth_date) for m in data.members]
    for id_number, born in people:
        assert id_number[6:14] not in flat
        if born is not None:
            assert born.isoformat() not in flat and born.strftime("%Y%m%d") not in flat
    for e in data.enrollments:
        assert e.student_no not in flat
    assert "出生年份" in flat and "出生日期" not in flat


def test_health_and_disability_only_when_shown(data):
    member = dataclasses.replace(data.members[0], health="disabled", disability="肢体残疾三级")
    masked = dataclasses.replace(data, members=(member, *data.members[1:]))
    flat = _flat(render_dossier(masked))
    assert "肢体残疾三级" not in flat and "残疾" not in flat.replace("残疾情况", "")
    assert "（不显示）" in flat
    shown = _flat(render_dossier(dataclasses.replace(masked, health_shown=True)))
    assert "残疾；肢体残疾三级" in shown


def test_page_numbers_on_every_page(pdf):
    pages = _pages(pdf)
    assert len(pages) >= 3
    for i, text in enumerate(pages, start=1):
        assert f"第 {i} 页 / 共 {len(pages)} 页" in text


def test_qr_reference_on_every_page(data, pdf):
    ref = dossier_reference(data)
    payload = ref.payload()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    _, runs = qr_runs(payload)
    for page in reader.pages:
        # the payload is in the (invisible) text layer of each page ...
        assert payload in re.sub(r"\s+", "", page.extract_text())
        # ... and each page draws the QR form, whose path has one rectangle per run of dark modules
        forms = [x.get_object() for x in page["/Resources"]["/XObject"].values()]
        qr = [f for f in forms if f.get("/Subtype") == "/Form"]
        assert len(qr) == 1
        assert qr[0].get_data().count(b" re") == len(runs)
        assert b"Do" in page.get_contents().get_data()
    assert parse_print_qr(payload) == ref


def test_dossier_fingerprint_in_footer(data, pdf):
    assert f"数据指纹 {fingerprint(data)}" in _pages(pdf)[0]


def test_visits_print_in_date_order(data):
    shuffled = list(data.visits)
    random.Random(4).shuffle(shuffled)
    flat = _flat(render_dossier(dataclasses.replace(data, visits=tuple(shuffled))))
    positions = [flat.index(f"{n}.{v.visit_date.isoformat()}") for n, v in enumerate(data.visits, start=1)]
    assert positions == sorted(positions)


def test_same_data_same_bytes(data, pdf):
    assert render_dossier(data) == pdf
    later = dataclasses.replace(data, generated_at=data.generated_at + dt.timedelta(days=1))
    assert render_dossier(later) != pdf
    assert fingerprint(later) == fingerprint(data)  # the time of printing is not part of the record


def test_fingerprint_follows_the_record(data):
    moved = dataclasses.replace(data, household=dataclasses.replace(data.household, address="新地址"))
    assert fingerprint(moved) != fingerprint(data)
    assert fingerprint(dataclasses.replace(data, printed_by="别人")) == fingerprint(data)
    assert re.fullmatch(r"[0-9a-f]{12}", fingerprint(data))


def test_font_is_embedded_as_subset(pdf):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    fonts = {}
    for page in reader.pages:
        for f in page["/Resources"]["/Font"].values():
            f = f.get_object()
            fonts[f["/BaseFont"]] = f
    cjk = [f for name, f in fonts.items() if "WenQuanYi" in name]
    assert cjk
    assert len(cjk) == len(fonts)  # no other font (e.g. an unembedded Helvetica) is referenced
    for f in cjk:
        assert re.match(r"/[A-Z]{6}\+", f["/BaseFont"])
        assert "/FontFile2" in f["/FontDescriptor"]


def test_photo_is_embedded(data):
    with_photo = render_dossier(dataclasses.replace(data, photo=sample_photo()))
    first = pypdf.PdfReader(io.BytesIO(with_photo)).pages[0]
    images = [x.get_object() for x in first["/Resources"]["/XObject"].values()]
    assert any(x.get("/Subtype") == "/Image" for x in images)


def test_empty_sections_still_render(data):
    bare = dataclasses.replace(data, members=(), enrollments=(), subsidies=(), visits=(), trainings=(), employment=(),
                               attachments=())  # fmt: skip
    flat = _flat(render_dossier(bare))
    assert flat.count("（无记录）") == 7


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "yulu:dossier:abc:v1",
        "yulu:dossier:abc:v1:XYZ123456789",
        "yulu:dossier::v1:0123456789ab",
        "yulu:form:abc::v1:0123456789ab",
        "yulu:other:abc:v1:0123456789ab",
        "http://example.com",
    ],
)
def test_parse_print_qr_refuses_other_codes(text):
    assert parse_print_qr(text) is None


def test_parse_print_qr_round_trips_awkward_versions():
    ref = PrintReference(
        "form", "3f2a9c1e-8b7d-4e21-9a55-0c6f1d2b7e90", "hlc:0001:node/7 x", "0123456789ab", "2025-autumn"
    )
    assert parse_print_qr(ref.payload()) == ref
    assert parse_print_qr(" " + ref.payload() + "\n") == ref


def test_student_number_holding_the_id_is_masked():
    # Nothing of the ID number or the birth date in between survives (issue 14): a letter and 2 characters.
    assert mask_student_no("G50022920040301000X") == "G****************0X"
    assert mask_student_no("G20050601123456") == "G************56"
    assert mask_student_no("2022-0315") == "*******15"
