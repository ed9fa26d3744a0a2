"""Import spreadsheets into Yulu: the national monitoring export (全国防返贫监测信息系统) and the three lists.

Both imports validate before anything is written, apply everything in one transaction, and go through the
journal triggers, so imported changes sync like any other. Matching on re-import:

* national export — households by 户编号, people by 人编号 or else by ID number; org units (county, township,
  village) by name under their parent, created with a stable derived code where the export carries none.
* an edited list — rows by their 记录编号 (the record's id, exported in a hidden column); rows without it by
  the person's ID number (and the term or date that identifies the record).

Only values that differ are written, column by column (``UPDATE person SET phone = ? WHERE id = ?``), so the
journal records exactly the changed fields and a second import of the same file writes nothing at all.
Employment history is append-only: a changed graduate row appends a new ``EmploymentRecord``.

By default an import is all-or-nothing: a single rejected row and nothing is written (the report lists every
problem with its Excel row and column, in Chinese). ``skip_invalid`` imports the valid rows; the rejected ones
go, with their reasons, to an .xlsx the user can correct and import again. ``dry_run`` counts new / changed /
unchanged / rejected rows and writes nothing. A cancelled import raises ``Cancelled`` and writes nothing.

Imports keep people: in the national export only what breaks identity (ID number, name, 户编号, the same person
twice, a household without its head) refuses a row. A descriptive cell no code stands for (在校生状况 "在读（培训
班）", say) imports the person with the field empty (与户主关系: 其他), a warning naming row, column and value, and
the cell's text kept in ``person.raw_values`` (:mod:`.raw_texts`); the domain's mapping table
(:mod:`yulu_desktop.domain.code_text`) first folds spacing, full-width characters, qualifiers and synonyms.

Modules: :mod:`.report` (the report), :mod:`.plumbing` (transaction, batched writes, audit, rejected rows),
:mod:`.org_units`, :mod:`.national` (the export), :mod:`.lists` (the three lists), :mod:`.raw_texts`.

The national export is streamed, not held: the sheet is parsed and checked against the domain rules in a child
process for large files (:mod:`yulu_desktop.excel.national_stream`), while this process checks each row against
the database and writes it in batches with ``executemany``, in the import's one transaction, as it comes — so
memory does not grow with the file and the two cores work at once. A household is written with its head's
values (members of a new household wait for their head). Checks that need the whole sheet (the same person
twice, a household without its head or with two) finish only at the end: rows they refuse may have been
written already. An all-or-nothing import is then refused and rolled back anyway (and stops writing at the
first rejected row); otherwise (``skip_invalid``, ``dry_run``) the writes are rolled back to a savepoint and the
file is read once more, leaving those rows out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from yulu_desktop.domain.errors import YuluError
from yulu_desktop.excel.lists import LIST_COLUMNS
from yulu_desktop.services.excel_import.lists import import_list
from yulu_desktop.services.excel_import.national import _NationalPass, import_national
from yulu_desktop.services.excel_import.org_units import _norm_name, _OrgUnits
from yulu_desktop.services.excel_import.plumbing import _Writes
from yulu_desktop.services.excel_import.report import (
    IMPORT_KINDS,
    KIND_TITLES,
    ImportReport,
    default_rejected_path,
)
from yulu_desktop.services.tasks import Cancelled, CancelToken, Progress
from yulu_desktop.store.database import Database

__all__ = [
    "IMPORT_KINDS",
    "KIND_TITLES",
    "CancelToken",
    "Cancelled",
    "ImportReport",
    "_NationalPass",
    "_OrgUnits",
    "_Writes",
    "_norm_name",
    "default_rejected_path",
    "import_file",
    "import_list",
    "import_national",
]


def import_file(
    db: Database,
    path: str | Path,
    kind: str,
    *,
    actor: str,
    skip_invalid: bool = False,
    dry_run: bool = False,
    rejected_path: str | Path | None = None,
    progress: Progress | None = None,
    cancel: CancelToken | None = None,
    today: dt.date | None = None,
) -> ImportReport:
    """:func:`import_national` or :func:`import_list`, by ``kind`` (national, intent, students, graduates)."""
    if kind == "national":
        return import_national(
            db, path, actor=actor, skip_invalid=skip_invalid, dry_run=dry_run,
            rejected_path=rejected_path, progress=progress, cancel=cancel, today=today,
        )  # fmt: skip
    if kind not in LIST_COLUMNS:
        raise YuluError(f"未知的导入类型“{kind}”，可选：{'、'.join(IMPORT_KINDS)}")
    return import_list(
        db, path, kind, actor=actor, skip_invalid=skip_invalid, dry_run=dry_run,  # type: ignore[arg-type]
        rejected_path=rejected_path, progress=progress, cancel=cancel, today=today,
    )  # fmt: skip
