"""Imports that keep people: the original text of descriptive cells no code stands for.

The parser (:mod:`yulu_desktop.excel.national`) imports such a cell empty (与户主关系: as 其他) with a warning, and
hands its text over in ``NationalPersonRow.raw_values``; this module decides what the person's stored
``raw_values`` become and which stored values an unreadable cell must not overwrite:

* a column the sheet has replaces that column's kept text (a now-known value clears it, so a later import
  fills the coded field and the note goes away); a column the sheet lacks keeps what an earlier import kept;
* an unreadable cell never clears a value that is already known (the stored code stays, the text is kept
  beside it) — the import of a worse copy of the export loses nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, Final

from yulu_desktop.domain import code_text

#: Export columns whose text may be kept → the person or household columns they fill.
PERSON_FIELDS: Final[Mapping[str, str]] = {
    "relationship": "relationship",
    "education": "education",
    "student_status": "student_status",
    "health": "health",
    "skills": "skills",
    "phone": "phone",
}
HOUSEHOLD_FIELDS: Final[Mapping[str, str]] = {
    "household_type": "household_type",
    "monitoring_type": "monitoring_type",
    "risk_causes": "risk_causes",
    "risk_eliminated": "risk_eliminated",
    "risk_identified_on": "risk_identified_on",
    "risk_eliminated_on": "risk_eliminated_on",
    "income_per_capita": "income_per_capita_fen",
    "phone": "contact_phone",
}


def merged(stored: str | None, incoming: str, present: Collection[str]) -> str:
    """The person's ``raw_values`` after an import of a sheet with the columns ``present``."""
    kept = {k: v for k, v in code_text.decode_raw_values(stored).items() if k not in present}
    kept.update(code_text.decode_raw_values(incoming))
    return code_text.encode_raw_values(kept)


def keep_known(
    current: Mapping[str, Any], wanted: dict[str, Any], raw: Collection[str], fields: Mapping[str, str]
) -> None:
    """Leave out of ``wanted`` the columns whose cell could not be read (its field in ``raw``) while the
    stored value is known: the unreadable text must not clear it."""
    for field in raw:
        column = fields.get(field)
        if column is not None and column in wanted and current.get(column) not in (None, ""):
            del wanted[column]
