"""The visit dialog's defaults that need the records: the 走访目的 fitting the person chosen
(services/visit_defaults.py), filled in unless the cadre has picked a purpose already."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtWidgets import QComboBox

from yulu_desktop.services.search import SearchHit
from yulu_desktop.services.visit_defaults import suggested_visit_purpose
from yulu_desktop.store.database import Database
from yulu_desktop.ui.worker import DbWorker

if TYPE_CHECKING:
    from yulu_desktop.ui.visit_dialog import VisitDialog

#: Dynamic property set on the purpose combo once the user has chosen a purpose themselves.
_CHOSEN = "yuluChosenByUser"


def purpose_combo(dialog: VisitDialog) -> QComboBox:
    combo = dialog.form.editors["purpose"]
    assert isinstance(combo, QComboBox)
    if combo.property(_CHOSEN) is None:
        combo.setProperty(_CHOSEN, False)
        combo.activated.connect(lambda _index: combo.setProperty(_CHOSEN, True))
    return combo


def suggest_purpose(dialog: VisitDialog, worker: DbWorker, hit: SearchHit) -> None:
    """Ask the records which purpose fits ``hit`` and fill it in (when it arrives, if still wanted)."""
    combo = purpose_combo(dialog)
    household_id, person_id, today = hit.household_id, hit.person_id, date.today()

    def job(db: Database) -> str:
        return suggested_visit_purpose(db, household_id, person_id, today=today)

    def arrived(purpose: str) -> None:
        if not shiboken6.isValid(combo) or combo.property(_CHOSEN) or dialog.hit is not hit:
            return
        dialog.form.set_values({"purpose": purpose})

    worker.submit(job, arrived)
