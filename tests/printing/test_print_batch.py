"""Batches: one PDF or one file per person, progress, and cancel/failure leaving no file behind."""

from __future__ import annotations

import dataclasses
import io
import pickle

import pypdf
import pytest

from yulu_desktop.printing.batch import BatchCancelled, CancelToken, write_batch_files, write_batch_pdf
from yulu_desktop.printing.samples import sample_application_form, sample_dossier


def _dossiers(n: int):
    return [sample_dossier(i, visits=2, subsidies=2, semesters=2) for i in range(n)]


def test_batch_pdf_numbers_each_person_on_their_own(tmp_path):
    items = _dossiers(3)
    calls: list[tuple[int, int]] = []
    target = write_batch_pdf(items, tmp_path / "all.pdf", progress=lambda d, t: calls.append((d, t)))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["all.pdf"]
    reader = pypdf.PdfReader(target)
    texts = [p.extract_text() for p in reader.pages]
    starts = [i for i, t in enumerate(texts) if "第 1 页 /" in t]
    assert len(starts) == 3
    for person, start in zip(items, starts, strict=True):
        assert person.name in texts[start]
    assert calls[0] == (0, 3)
    assert calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


def test_batch_of_forms_is_one_page_each(tmp_path):
    forms = [sample_application_form(i) for i in range(4)]
    reader = pypdf.PdfReader(write_batch_pdf(forms, tmp_path / "forms.pdf"))
    assert len(reader.pages) == 4
    assert all("第 1 页 / 共 1 页" in p.extract_text() for p in reader.pages)


def test_cancelled_batch_pdf_leaves_nothing(tmp_path):
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done == 2:
            token.cancel()

    with pytest.raises(BatchCancelled):
        write_batch_pdf(_dossiers(5), tmp_path / "all.pdf", progress=progress, cancel=token)
    assert list(tmp_path.iterdir()) == []


def test_cancel_keeps_an_existing_file(tmp_path):
    (tmp_path / "all.pdf").write_bytes(b"old")
    token = CancelToken()
    token.cancel()
    with pytest.raises(BatchCancelled):
        write_batch_pdf(_dossiers(2), tmp_path / "all.pdf", cancel=token)
    assert [p.name for p in tmp_path.iterdir()] == ["all.pdf"]
    assert (tmp_path / "all.pdf").read_bytes() == b"old"


def test_failed_batch_pdf_leaves_nothing(tmp_path):
    bad = dataclasses.replace(_dossiers(1)[0], photo=b"not an image")
    with pytest.raises(Exception):  # noqa: B017, PT011 - whatever reportlab raises for a broken image
        write_batch_pdf([*_dossiers(2), bad], tmp_path / "all.pdf")
    assert list(tmp_path.iterdir()) == []


def test_batch_files_one_per_person(tmp_path):
    items = _dossiers(3)
    written = write_batch_files(items, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(p.name for p in written)
    assert len(written) == 3
    for path, person in zip(written, items, strict=True):
        assert person.name in path.name
        assert person.name in pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages[0].extract_text()


def test_cancelled_batch_files_leave_nothing(tmp_path):
    token = CancelToken()

    def progress(done: int, total: int) -> None:
        if done == 2:
            token.cancel()

    with pytest.raises(BatchCancelled):
        write_batch_files(_dossiers(4), tmp_path, progress=progress, cancel=token)
    assert list(tmp_path.iterdir()) == []


def test_items_pickle_for_worker_processes():
    item = _dossiers(1)[0]
    assert pickle.loads(pickle.dumps(item)) == item


@pytest.mark.slow
def test_parallel_batch_pdf(tmp_path):
    items = _dossiers(6)
    calls: list[tuple[int, int]] = []
    target = write_batch_pdf(
        items, tmp_path / "p.pdf", workers=2, chunk_size=2, progress=lambda d, t: calls.append((d, t))
    )
    reader = pypdf.PdfReader(target)
    firsts = [p.extract_text() for p in reader.pages if "第 1 页 /" in p.extract_text()]
    assert [next(i.name for i in items if i.name in t) for t in firsts] == [i.name for i in items]
    assert calls[-1] == (6, 6)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.pdf"]
