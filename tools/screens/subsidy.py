"""Screenshots of the 雨露计划补助 window as the village sees it (申请, 证明材料, 发起公示, 公示, 异议) and as the township
sees it (乡镇审核); at QT_SCALE_FACTOR=1.25 the names end in -125. The county's pages are captured by their own
files. The laptop is enrolled as a township clerk for the township's pictures, then put back as it was."""

from __future__ import annotations

import os
from typing import Any


def _enrollment(shots: Any) -> tuple[Any, ...] | None:
    found: list[tuple[Any, ...] | None] = []

    def job(db: Any) -> tuple[Any, ...] | None:
        with db.read_connection() as conn:
            row = conn.exec_driver_sql(
                "SELECT cadre_username, cadre_name, cadre_role FROM sync_state WHERE id = 1"
            ).first()
        return tuple(row) if row is not None else None

    shots.worker.submit(job, found.append)
    shots.settle()
    return found[0]


def _enroll(shots: Any, values: tuple[Any, ...] | None) -> None:
    def job(db: Any) -> None:
        with db.write_connection() as conn:
            if values is None:
                conn.exec_driver_sql("DELETE FROM sync_state WHERE id = 1")  # there was none before
                return
            conn.exec_driver_sql(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, ?, ?, ?) "
                "ON CONFLICT (id) DO UPDATE SET cadre_username = excluded.cadre_username, "
                "cadre_name = excluded.cadre_name, cadre_role = excluded.cadre_role",
                values,
            )

    shots.worker.submit(job)
    shots.settle()


def _show(shots: Any, window: Any) -> None:
    window.resize(window.size())
    window.show()
    window.raise_()
    shots.settle()
    shots.wait(300)


def capture(shots: Any) -> None:
    from datetime import date

    from PySide6.QtCore import QItemSelectionModel

    from yulu_desktop.ui.subsidy.window import SubsidyWindow

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    before = _enrollment(shots)

    # The village: 申请, with the term's applications in several states.
    _enroll(shots, ("liming", "李明", "village"))
    window = SubsidyWindow(shots.worker, "李明", shots.window)
    window.setGeometry(shots.app.primaryScreen().availableGeometry())
    _show(shots, window)
    shots.save(window, f"subsidy-village-apply{suffix}")
    apply_page = window.page("apply")

    # 证明材料 of an application not yet checked.
    for n in range(apply_page.applications.rowCount()):
        if apply_page.applications.row(n).state == "applied":
            apply_page.applications_view.selectRow(n)
            break
    dialog = apply_page.open_evidence()
    if dialog is not None:
        shots.settle()
        shots.wait(200)
        shots.save(dialog, f"subsidy-evidence{suffix}")
        dialog.close()

    # 发起公示 for one village, first with a period too short: the dialog says what the county requires.
    apply_page.state_filter.setCurrentIndex(apply_page.state_filter.findData("village_reviewed"))
    shots.settle()
    rows = [apply_page.applications.row(n) for n in range(apply_page.applications.rowCount())]
    if rows:
        village = rows[0].village_id
        apply_page.applications_view.clearSelection()
        for n, row in enumerate(rows):
            if row.village_id == village:
                apply_page.applications_view.selectionModel().select(
                    apply_page.applications.index(n, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
                )
        apply_page.open_publicize()
        shots.settle()
        publicize = apply_page.dialog
        if publicize is not None and hasattr(publicize, "ends_on"):
            publicize.ends_on.setDate(publicize.starts_on.date().addDays(2))
            publicize.submit()
            shots.wait(200)
            shots.save(publicize, f"subsidy-publicize{suffix}")
            publicize.ends_on.setDate(publicize.starts_on.date().addDays(6))
            publicize.submit()
            shots.settle()
    apply_page.state_filter.setCurrentIndex(0)
    shots.settle()

    # 公示 and its objections.
    window.show_tab("publicity")
    shots.settle()
    shots.wait(200)
    shots.save(window, f"subsidy-village-publicity{suffix}")
    publicity_page = window.page("publicity")
    if publicity_page.members.rowCount():
        publicity_page.members_view.selectRow(0)
        objections = publicity_page.open_objections()
        if objections is not None:
            shots.settle()
            objections.record("村民（匿名）", "家里去年盖了新房，收入不低", date.today())
            shots.settle()
            shots.wait(200)
            shots.save(objections, f"subsidy-objections{suffix}")
            objections.close()
    window.close()
    window.deleteLater()

    # The township: 乡镇审核, a queue per village.
    _enroll(shots, ("zhaoxiang", "赵乡", "township"))
    township = SubsidyWindow(shots.worker, "赵乡", shots.window)
    township.setGeometry(shots.app.primaryScreen().availableGeometry())
    _show(shots, township)
    page = township.page("township")
    if page is not None and page.queue.rowCount():
        page.select_all()
        shots.wait(100)
    shots.save(township, f"subsidy-township{suffix}")
    township.close()
    township.deleteLater()
    _enroll(shots, before)
    shots.settle()
