"""What a printed page says about the data it was printed from: the fingerprint and the QR payload.

A signed paper carries a QR code ``yulu:dossier:<person_id>:<record_version>:<fingerprint>`` (or
``yulu:form:<person_id>:<term>:<record_version>:<fingerprint>``). Scanning it in the app gives back a
:class:`PrintReference`, which opens the person and tells whether the record changed since it was printed.
The same payload is also in the page's text layer, so a saved PDF can be matched without a scanner.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, unquote

from yulu_desktop.domain.masking import (
    mask_account,
    mask_birth_date,
    mask_id_number,
    mask_phone,
    mask_registry_no,
)

ReferenceKind = Literal["dossier", "form"]

#: Fields left out of the fingerprint: they describe the printing, not the record.
_NOT_DATA = frozenset({"generated_at", "printed_by"})
_FINGERPRINT_RE = re.compile(r"[0-9a-f]{12}")

#: Sensitive fields enter the fingerprint in their masked form. The fingerprint is printed on the page: a
#: hash of the full values would let anyone try the 365 birth dates of a year (and the 4 health codes) until
#: it matches, and so undo the masks. Changes of these values still show in the record version.
_MASKED_IN_FINGERPRINT: dict[str, Callable[[Any], str]] = {
    "id_number": mask_id_number,
    "phone": mask_phone,
    "payee_account": mask_account,
    "birth_date": mask_birth_date,
    "student_no": mask_registry_no,
    "health": lambda _value: "",
    "disability": lambda _value: "",
}


@dataclass(frozen=True, slots=True)
class PrintReference:
    """The record and version a printed page was made from."""

    kind: ReferenceKind
    person_id: str
    record_version: str
    fingerprint: str  # first 12 hex digits of the sha256 of the data, see :func:`fingerprint`
    term: str | None = None  # forms only

    def payload(self) -> str:
        """The text encoded in the QR code."""
        parts = ["yulu", self.kind, self.person_id]
        if self.kind == "form":
            parts.append(self.term or "")
        parts += [self.record_version, self.fingerprint]
        return ":".join(parts[:2] + [quote(p, safe="") for p in parts[2:]])


def parse_print_qr(text: str) -> PrintReference | None:
    """Read a scanned QR payload; None if it is not one of ours (or is damaged)."""
    parts = text.strip().split(":")
    if len(parts) < 2 or parts[0] != "yulu":
        return None
    kind = parts[1]
    fields = [unquote(p) for p in parts[2:]]
    if kind == "dossier" and len(fields) == 3:
        person_id, version, fp = fields
        term = None
    elif kind == "form" and len(fields) == 4:
        person_id, term, version, fp = fields
        if not term:
            return None
    else:
        return None
    if not person_id or not version or not _FINGERPRINT_RE.fullmatch(fp):
        return None
    return PrintReference("dossier" if kind == "dossier" else "form", person_id, version, fp, term)


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Callable[[Any], object]], ...]:
    """The fingerprinted fields of a dataclass, each with how its value enters (masked or as is)."""
    return tuple(
        (f.name, _MASKED_IN_FINGERPRINT.get(f.name, _same))
        for f in dataclasses.fields(cls)
        if f.name not in _NOT_DATA
    )


def _canonical(value: object) -> object:
    if value is None or isinstance(value, str | int | float | bool):  # the most common: first
        return value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _canonical(entry(getattr(value, name))) for name, entry in _fields(type(value))}
    if isinstance(value, tuple | list):
        return [_canonical(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def _same(value: object) -> object:
    return value


def canonical_json(data: object) -> str:
    """The data as canonical JSON (sorted keys, no spaces), without ``generated_at`` and ``printed_by``."""
    return json.dumps(_canonical(data), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def fingerprint(data: object) -> str:
    """First 12 hex digits of the sha256 of :func:`canonical_json`: changes whenever a printed field changes
    (sensitive fields count in their masked form, see ``_MASKED_IN_FINGERPRINT``)."""
    return hashlib.sha256(canonical_json(data).encode("utf-8")).hexdigest()[:12]
