"""Screenshots of 今日工作 (the first page) and the 扫码核对 dialog; at QT_SCALE_FACTOR=1.25 the names end in -125."""

from __future__ import annotations

import io
import os
import re
from typing import Any

from PySide6.QtCore import Qt

from yulu_desktop.ui.models import OrgUnitIdRole


def capture(shots: Any) -> None:
    import pypdf

    from yulu_desktop.services import printing
    from yulu_desktop.store.database import Database

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window = shots.window
    window.show_page("today")
    shots.settle()
    shots.save(window, f"today-page{suffix}")

    # A village picked in the tree: the page follows it.
    model = window.tree_model
    villages = model.match(
        model.index(0, 0),
        Qt.ItemDataRole.DisplayRole,
        "村",
        1,
        Qt.MatchFlag.MatchContains | Qt.MatchFlag.MatchRecursive,
    )
    if villages and villages[0].data(OrgUnitIdRole):
        window.tree.setCurrentIndex(villages[0])
        shots.settle()
        shots.save(window, f"today-page-village{suffix}")

    # 扫码核对: a dossier printed now, its QR text typed as a scanner would, then a record changed and scanned again.
    found: list[tuple[str, str]] = []

    def print_one(db: Database) -> tuple[str, str]:
        with db.read_connection() as conn:
            person_id = str(conn.exec_driver_sql("SELECT person_id FROM enrollment LIMIT 1").scalar_one())
        pdf = printing.print_dossier(db, person_id, "李明")
        text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
        match = re.search(r"yulu:dossier:\S+", text)
        assert match is not None
        return person_id, match.group(0)

    shots.worker.submit(print_one, found.append)
    shots.settle()
    person_id, qr_text = found[0]
    dialog = window.open_scan()
    dialog.field.setText(qr_text)
    dialog.check()
    shots.settle()
    dialog.raise_()
    shots.wait(200)
    shots.save(dialog, f"today-scan-unchanged{suffix}")

    from yulu_desktop.services import records

    shots.worker.submit(
        lambda db: records.update_person(db, person_id, {"phone": "13912345678"}, actor="李明")
    )
    shots.settle()
    dialog.field.setText(qr_text)
    dialog.check()
    shots.settle()
    shots.wait(200)
    shots.save(dialog, f"today-scan-changed{suffix}")
    for person in list(window.person_windows.values()):
        person.close()
    dialog.close()
