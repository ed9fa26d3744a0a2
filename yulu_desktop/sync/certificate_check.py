"""The certificate check (证书校验码): the start of the county server's certificate fingerprint, handed out with
each one-time enrollment code so that the laptop knows the certificate to expect *before* it sends the code.

Trust on first use alone cannot tell the county's server from someone on the path at the moment of enrollment
(the code travels inside whichever TLS connection the laptop made). With the check, the certificate met at
enrollment must begin with it, compared right after the TLS handshake (``sync.transport.CertificatePin``), or
nothing is sent.

The format, ``3F2A-9C01-77B4-E0D2-5A1C``: the first 20 hex digits of the SHA-256 of the certificate (the same
fingerprint ``make-cert`` and ``serve`` print as ``3F:2A:9C:…``, so the admin can compare the two by eye), in
groups of four. Hex has neither O nor I nor L, so nothing in it is read two ways; what a cadre may type wrong is
forgiven: lowercase, spaces, dashes or colons between the groups, full-width characters of a Chinese input
method, and O for 0, I or L for 1. 20 digits (80 bits) and not 16: a laptop does not check the signature of a
county's self-signed certificate, so an impostor could grind certificates for a matching start with SHA-256 alone,
and 64 bits are within reach of rented GPUs (weeks), 80 bits are not. The full fingerprint (64 digits) is
accepted too.

Plain Python shared by the county server (``issue-code`` prints it) and the laptop (parses it).
"""

from __future__ import annotations

import unicodedata

from yulu_desktop.sync.errors import SyncError

#: Hex digits of the fingerprint in a check: 80 bits.
DIGITS = 20
#: Hex digits of a whole SHA-256 fingerprint (the most a cadre may type).
FULL = 64
GROUP = 4
EXAMPLE = "3F2A-9C01-77B4-E0D2-5A1C"

#: Letters a cadre may type for the digit they look like (not hex, so never meant as themselves).
_LOOKALIKES = str.maketrans({"o": "0", "i": "1", "l": "1"})
_SEPARATORS = " -:_.\t\u2010\u2013\u2014\u00b7"  # and the dashes and dot of a Chinese input method
_HEX = frozenset("0123456789abcdef")


class BadCertificateCheck(SyncError):
    """The typed check is not one (wrong length or characters): said before any connection is made."""


def of(fingerprint: str) -> str:
    """The check of a certificate whose SHA-256 is ``fingerprint`` (hex): ``3F2A-9C01-77B4-E0D2-5A1C``."""
    head = fingerprint.replace(":", "").upper()[:DIGITS]
    if len(head) < DIGITS:
        raise ValueError(f"not a SHA-256 fingerprint: {fingerprint!r}")
    return "-".join(head[i : i + GROUP] for i in range(0, DIGITS, GROUP))


def parse(text: str) -> str:
    """The check as typed, as lowercase hex (what a fingerprint must start with); "" when nothing was typed.

    Raises ``BadCertificateCheck`` with a message for the cadre (Chinese)."""
    typed = unicodedata.normalize("NFKC", text).strip().lower()
    digits = "".join(c for c in typed if c not in _SEPARATORS).translate(_LOOKALIKES)
    if not digits:
        return ""
    wrong = sorted({c for c in digits if c not in _HEX})
    if wrong:
        raise BadCertificateCheck(
            f"证书校验码只含数字 0–9 和字母 A–F，“{''.join(wrong).upper()}”不是。"
            f"请照县里给的校验码填写，例如 {EXAMPLE}。"
        )
    if len(digits) < DIGITS:
        raise BadCertificateCheck(
            f"证书校验码应有 {DIGITS} 位（四位一组，共五组，例如 {EXAMPLE}），这里只有 {len(digits)} 位。"
        )
    if len(digits) > FULL:
        raise BadCertificateCheck(
            f"证书校验码太长：应有 {DIGITS} 位（例如 {EXAMPLE}），或完整的证书指纹 {FULL} 位。"
        )
    return digits


def matches(fingerprint: str, check: str) -> bool:
    """Whether the certificate with SHA-256 ``fingerprint`` (hex) is the one ``check`` (``parse``d) names."""
    return bool(check) and fingerprint.lower().startswith(check)
