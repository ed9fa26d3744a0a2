"""Preparing attachment files before they are stored: photos and scans downscaled to a size for documents.

A phone photo of a 学籍证明 is 3–8 MB at 4000 × 3000 pixels; every byte of it crosses a 2G link and sits in the
encrypted database. What a subsidy file needs is a legible page, so images are stored as:

* **EXIF orientation applied** (a photo taken sideways is stored upright; viewers need not know EXIF), and the
  EXIF block dropped with the re-encoding — which also drops the GPS position phones write into photos;
* **longest side at most ``MAX_SIDE`` (2000 px)**: an A4 page at 2000 px is ≈ 240 dpi, more than a scan for
  records needs and enough for print;
* **JPEG, quality 85** (4:2:0, progressive, optimised): small text stays sharp and a page is typically
  200–600 KB;
* **PNG when it is smaller**: scans with few colours (black-and-white forms, stamps, screenshots — at most
  ``FEW_COLOURS`` distinct colours) are tried as PNG too and the smaller one is kept; PNG stays lossless, JPEG
  would blur the edges of text for no gain;
* **the file as it came**, when it is upright already and either within ``MAX_SIDE`` and at most 25 % larger
  than the re-encoded one (re-encoding a good JPEG costs quality for a few bytes), or not larger than the
  downscaled one at all (a clean PNG scan can be smaller at full size than downscaled: resampling blurs its
  edges into many shades) — bytes on the link are what the downscaling is for. Such a file keeps its EXIF
  block; every re-encoded one loses it.

Anything Pillow cannot read (PDF, a damaged image, a format it does not know) is stored as it came. The cadre
can keep the original too (``keep_original`` in ``records.add_attachment``): it is stored as a second file,
named in ``attachment.original_sha256``, and synced like any other.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import PurePath

from PIL import Image, ImageOps, UnidentifiedImageError
from sqlalchemy import Connection
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from yulu_desktop.store import schema

#: Longest side of a stored image, pixels.
MAX_SIDE = 2000
#: JPEG quality of stored images.
JPEG_QUALITY = 85
#: Images with at most this many distinct colours are also tried as PNG.
FEW_COLOURS = 256
#: An upright image within ``MAX_SIDE`` is kept as it came unless re-encoding makes it this much smaller.
KEEP_IF_WITHIN = 1.25
#: Larger images are not decoded at all (a decompression bomb, or no photo a cadre takes): stored as they came.
MAX_PIXELS = 80_000_000

_IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "BMP", "TIFF", "GIF", "MPO"}


@dataclass(frozen=True, slots=True)
class PreparedFile:
    """What will be stored: the bytes, and the name and type that go with them."""

    data: bytes
    filename: str
    mime_type: str | None
    #: True when ``data`` differs from the file the cadre chose (downscaled, turned or re-encoded).
    changed: bool


def prepare(
    filename: str, data: bytes, *, max_side: int = MAX_SIDE, quality: int = JPEG_QUALITY
) -> PreparedFile:
    """The file as it should be stored (see the module docstring); never raises for a file it cannot read."""
    unchanged = PreparedFile(data=data, filename=filename, mime_type=None, changed=False)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            opened = Image.open(io.BytesIO(data))
            image: Image.Image = opened
            if image.format not in _IMAGE_FORMATS or image.width * image.height > MAX_PIXELS:
                return unchanged
            source_format = image.format
            orientation = image.getexif().get(0x0112, 1)
            scale = max(image.width, image.height) / max_side
            if source_format == "JPEG" and scale >= 2:
                # Let the JPEG decoder shrink by 1/2, 1/4 or 1/8 while decoding: 4× less work for a photo.
                opened.draft(None, (int(image.width / scale), int(image.height / scale)))
            image.load()
            image = ImageOps.exif_transpose(image)
    except (
        OSError,
        UnidentifiedImageError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        return unchanged
    turned = orientation not in (None, 1)
    # Counted before resampling, which blends the edges of text into new shades.
    few_colours = _few_colours(image)
    too_large = max(image.size) > max_side
    if too_large:
        image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    candidates = [("JPEG", _jpeg(image, quality))]
    if few_colours:
        candidates.append(("PNG", _png(image)))
    kind, encoded = min(candidates, key=lambda c: len(c[1]))
    keep_limit = len(encoded) if too_large else len(encoded) * KEEP_IF_WITHIN
    if not turned and source_format in ("JPEG", "PNG") and len(data) <= keep_limit:
        # Re-encoding would cost quality for few bytes (or, for a clean PNG scan, even add bytes): keep it.
        return PreparedFile(
            data=data,
            filename=filename,
            mime_type="image/jpeg" if source_format == "JPEG" else "image/png",
            changed=False,
        )
    suffix = ".jpg" if kind == "JPEG" else ".png"
    stem = PurePath(filename).stem or "image"
    return PreparedFile(
        data=encoded,
        filename=stem + suffix,
        mime_type="image/jpeg" if kind == "JPEG" else "image/png",
        changed=True,
    )


def _few_colours(image: Image.Image) -> bool:
    return image.getcolors(FEW_COLOURS) is not None


def _jpeg(image: Image.Image, quality: int) -> bytes:
    if image.mode in ("RGBA", "LA", "P", "PA"):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")  # transparent parts of a scan are paper
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    if image.mode not in ("1", "L", "P", "RGB", "RGBA", "LA"):
        image = image.convert("RGB")
    if image.mode == "RGB":
        # Few colours (checked before): as a palette image it is exact (or, after downscaling, keeps the
        # shades of the edges to the nearest of 256), and a fraction of the size.
        image = image.convert("P", palette=Image.Palette.ADAPTIVE, colors=FEW_COLOURS)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def store_blob(conn: Connection, data: bytes) -> str:
    """Keep a file once by content hash and queue it for upload to the county (in the caller's transaction);
    returns its hash. A file held already is neither stored nor queued again."""
    digest = hashlib.sha256(data).hexdigest()
    conn.execute(
        sqlite_insert(schema.attachment_blob)
        .values(sha256=digest, data=data)
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    conn.execute(
        sqlite_insert(schema.blob_upload)
        .values(sha256=digest, queued_at=datetime.now(UTC).replace(tzinfo=None))
        .on_conflict_do_nothing(index_elements=["sha256"])
    )
    return digest
