"""Adding attachment files: images downscaled for documents (upright, ≤ 2000 px), the original kept on request,
every new file queued for upload in the same transaction."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from PIL import Image, ImageDraw
from sqlalchemy import select

from yulu_desktop.domain.entities import Household, OrgUnit, Person
from yulu_desktop.services import attachments, records
from yulu_desktop.store import schema
from yulu_desktop.store.database import Database


@pytest.fixture
def student(db: Database) -> Person:
    with records.writing(db, "测试员") as session:
        county = records.ensure_org_unit(session, "500229", "城口县", "county", None)
        township = records.ensure_org_unit(session, "500229101", "庙坝镇", "township", county)
        village: OrgUnit = records.ensure_org_unit(session, "500229101201", "红岩村", "village", township)
    household = Household(household_no="5002291012010001", village_id=village.id)
    records.register_household(db, household, actor="李明")
    person = Person(household_id=household.id, name="张坤", relationship="20")
    records.add_member(db, person, actor="李明")
    return person


def _photo(width: int, height: int, *, orientation: int = 1, quality: int = 95) -> bytes:
    """A photo-like JPEG (smooth noise: it does not compress to nothing) with an EXIF orientation."""
    small = Image.frombytes(
        "RGB", (width // 10, height // 10), os.urandom((width // 10) * (height // 10) * 3)
    )
    image = small.resize((width, height), Image.Resampling.BILINEAR)
    # A marker in the top-left corner, to see where it ends up after turning.
    ImageDraw.Draw(image).rectangle([0, 0, width // 5, height // 5], fill=(255, 0, 0))
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()


def _open(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def _queued(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return set(
            conn.execute(
                select(schema.blob_upload.c.sha256).where(schema.blob_upload.c.uploaded_at.is_(None))
            ).scalars()
        )


def _blobs(db: Database) -> set[str]:
    with db.read_connection() as conn:
        return set(conn.execute(select(schema.attachment_blob.c.sha256)).scalars())


def test_a_large_photo_is_downscaled_and_turned_upright(db: Database, student: Person) -> None:
    original = _photo(4000, 3000, orientation=6)  # taken sideways: 6 = turn 90° clockwise to view
    added = records.add_attachment(
        db, student.id, "学籍证明.JPG", original, kind="enrollment_proof", actor="李明"
    )
    stored = records.attachment_bytes(db, added.sha256)
    assert stored is not None
    image = _open(stored)
    assert image.format == "JPEG"
    assert image.size == (1500, 2000), "longest side 2000 px, portrait after applying the orientation"
    assert image.getexif().get(0x0112) in (None, 1)
    # The red corner was top-left in the sensor's frame; turned clockwise it is top-right.
    red = image.convert("RGB").getpixel((1400, 100))
    assert isinstance(red, tuple) and red[0] > 200 and red[1] < 60
    assert (added.filename, added.mime_type, added.size) == ("学籍证明.jpg", "image/jpeg", len(stored))
    assert len(stored) < len(original) / 3
    assert added.original_sha256 is None
    assert _blobs(db) == _queued(db) == {added.sha256}, "only the downscaled file is kept, and it is queued"


def test_keep_original_stores_both_files(db: Database, student: Person) -> None:
    original = _photo(3000, 2000)
    added = records.add_attachment(
        db, student.id, "照片.jpg", original, kind="enrollment_proof", actor="李明", keep_original=True
    )
    assert added.original_sha256 == hashlib.sha256(original).hexdigest()
    assert records.attachment_bytes(db, added.original_sha256) == original
    assert max(_open(records.attachment_bytes(db, added.sha256) or b"").size) == 2000
    assert _blobs(db) == _queued(db) == {added.sha256, added.original_sha256}


def test_a_small_upright_jpeg_is_kept_as_it_is(db: Database, student: Person) -> None:
    original = _photo(1200, 900, quality=80)
    added = records.add_attachment(
        db, student.id, "一卡通.jpg", original, kind="enrollment_proof", actor="李明", keep_original=True
    )
    assert records.attachment_bytes(db, added.sha256) == original
    assert added.original_sha256 is None, "nothing changed: no second copy"


def test_a_few_colour_scan_stays_png_when_smaller() -> None:
    scan = Image.new("L", (1700, 2400), 255)
    draw = ImageDraw.Draw(scan)
    for row in range(40):
        draw.text((100, 100 + row * 55), "雨露计划 学籍证明 2025 秋季学期 " * 3, fill=0)
    out = io.BytesIO()
    scan.save(out, "PNG")
    prepared = attachments.prepare("证明.png", out.getvalue())
    assert prepared.mime_type == "image/png" and prepared.filename == "证明.png"
    assert len(prepared.data) <= len(out.getvalue())
    # Turned sideways (a scan rotated in a phone app writes EXIF): it is turned and stays lossless.
    exif = Image.Exif()
    exif[0x0112] = 8
    rotated = io.BytesIO()
    scan.save(rotated, "PNG", exif=exif)
    turned = attachments.prepare("证明.png", rotated.getvalue())
    assert turned.changed and _open(turned.data).size == (2000, round(2000 * 1700 / 2400))
    assert turned.mime_type == "image/png"


def test_files_that_are_not_images_are_stored_as_they_come(db: Database, student: Person) -> None:
    pdf = b"%PDF-1.4\n" + os.urandom(5000)
    added = records.add_attachment(db, student.id, "申请表.pdf", pdf, kind="enrollment_proof", actor="李明")
    assert records.attachment_bytes(db, added.sha256) == pdf
    assert added.mime_type == "application/pdf"
    broken = b"\xff\xd8\xff\xe0 not really a jpeg"
    assert attachments.prepare("坏.jpg", broken).data == broken


def test_the_same_file_is_queued_once(db: Database, student: Person) -> None:
    data = os.urandom(3000)
    first = records.add_attachment(db, student.id, "a.pdf", data, kind="enrollment_proof", actor="李明")
    second = records.add_attachment(db, student.id, "b.pdf", data, kind="enrollment_proof", actor="李明")
    assert first.sha256 == second.sha256
    assert _queued(db) == {first.sha256}
