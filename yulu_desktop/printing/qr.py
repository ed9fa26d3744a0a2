"""The QR matrix of a page's payload, computed the way ``qrcode`` does, only faster.

Every dossier has its own payload, so every dossier encodes one QR code; with ``qrcode`` alone that was a tenth
of the CPU time of a batch: ``make(fit=True)`` sizes the code by writing the data bit by bit, then writes it
again, and computes the Reed-Solomon error correction with polynomial objects. Here the data bits are one
integer, the version is chosen from the byte count, and the error correction is the usual table-driven
division; ``qrcode`` still places the modules (function patterns, format bits, mask), so the matrix is the
same as ``qrcode``'s own for the same settings (a test compares them for many payloads).
"""

from __future__ import annotations

import functools
import operator

import qrcode
from qrcode import LUT, base, util

#: Settings of every code we print: level M, and a fixed mask pattern (any mask gives a valid code; choosing
#: the best one costs eight trial encodings).
ERROR_CORRECTION = qrcode.constants.ERROR_CORRECT_M
MASK_PATTERN = 2

_EXP = base.EXP_TABLE
_LOG = base.LOG_TABLE


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR matrix of ``payload`` (no quiet zone), as ``qrcode`` makes it with our settings."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECTION, border=0, mask_pattern=MASK_PATTERN)
    # the segments QRCode.add_data makes (its default optimisation: runs of >= 20 digits or capitals get a
    # denser mode), each as (mode, character count, data bits, number of data bits)
    segments = [_segment(data) for data in util.optimal_data_chunks(payload, minimum=20)]
    version = _version(tuple((mode, count, nbits) for mode, count, _, nbits in segments))
    code.version = version
    code.data_cache = _codewords(segments, version)
    code.makeImpl(False, MASK_PATTERN)
    return code.get_matrix()  # type: ignore[no-any-return]


Segment = tuple[int, int, int, int]


def _segment(data: util.QRData) -> Segment:
    if data.mode == util.MODE_8BIT_BYTE:
        raw: bytes = data.data
        return data.mode, len(raw), int.from_bytes(raw, "big"), 8 * len(raw)
    buffer = util.BitBuffer()  # digits and capitals: short, rare; qrcode's own writer
    data.write(buffer)
    nbytes = len(buffer.buffer)
    value = int.from_bytes(bytes(buffer.buffer), "big") >> (8 * nbytes - len(buffer))
    return data.mode, len(data), value, len(buffer)


def _data_bits(sizes: tuple[tuple[int, int, int], ...], version: int) -> int:
    return sum(4 + util.length_in_bits(mode, version) + nbits for mode, _, nbits in sizes)


@functools.cache
def _capacity(version: int) -> int:
    return sum(block.data_count * 8 for block in base.rs_blocks(version, ERROR_CORRECTION))


@functools.lru_cache(maxsize=256)
def _version(sizes: tuple[tuple[int, int, int], ...]) -> int:
    """The smallest version that holds the segments (what ``QRCode.best_fit`` finds)."""
    for version in range(1, 41):
        if _data_bits(sizes, version) <= _capacity(version):
            return version
    raise qrcode.exceptions.DataOverflowError("the data do not fit in a QR code")


@functools.cache
def _generator(ec_count: int) -> tuple[int, ...]:
    """Logs of the generator polynomial's coefficients after the leading 1."""
    if ec_count in LUT.rsPoly_LUT:
        coefficients = list(LUT.rsPoly_LUT[ec_count])
    else:
        poly = base.Polynomial([1], 0)
        for i in range(ec_count):
            poly = poly * base.Polynomial([1, base.gexp(i)], 0)
        coefficients = [poly[i] for i in range(len(poly))]
    return tuple(_LOG[c] for c in coefficients[1:])


@functools.cache
def _products(ec_count: int) -> tuple[tuple[int, ...], ...]:
    """For every byte value, the generator polynomial (after its leading 1) multiplied by it."""
    gen = _generator(ec_count)
    rows = [(0,) * ec_count]
    for factor in range(1, 256):
        lf = _LOG[factor]
        rows.append(tuple(_EXP[(lg + lf) % 255] for lg in gen))
    return tuple(rows)


def _ecc(block: bytes, ec_count: int) -> list[int]:
    """The Reed-Solomon error-correction codewords of one block (the remainder of the division)."""
    products = _products(ec_count)
    rem = [0] * ec_count
    for byte in block:
        row = products[byte ^ rem[0]]
        rem = [*map(operator.xor, rem[1:], row), row[-1]]
    return rem


def _codewords(segments: list[Segment], version: int) -> list[int]:
    """Data and error-correction codewords, interleaved (``qrcode.util.create_data``)."""
    capacity = _capacity(version)
    bits = used = 0
    for mode, count, value, nbits in segments:
        length_bits = util.length_in_bits(mode, version)
        bits = ((bits << 4 | mode) << length_bits | count) << nbits | value
        used += 4 + length_bits + nbits
    terminator = min(capacity - used, 4)
    bits <<= terminator
    used += terminator
    if used % 8:
        bits <<= 8 - used % 8
        used += 8 - used % 8
    data = bits.to_bytes(used // 8, "big")
    pad = (capacity - used) // 8
    data += bytes((util.PAD0, util.PAD1)) * (pad // 2) + (bytes((util.PAD0,)) if pad % 2 else b"")

    dc_blocks: list[bytes] = []
    ec_blocks: list[list[int]] = []
    offset = 0
    for block in base.rs_blocks(version, ERROR_CORRECTION):
        dc = data[offset : offset + block.data_count]
        offset += block.data_count
        dc_blocks.append(dc)
        ec_blocks.append(_ecc(dc, block.total_count - block.data_count))
    out: list[int] = []
    for i in range(max(len(b) for b in dc_blocks)):
        out += [b[i] for b in dc_blocks if i < len(b)]
    for i in range(max(len(b) for b in ec_blocks)):
        out += [b[i] for b in ec_blocks if i < len(b)]
    return out
