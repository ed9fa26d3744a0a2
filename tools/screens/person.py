"""Screenshots of the person window (issue 19): every tab of a graduate's file with a voided (作废) employment
entry and a voided visit, the void and end-of-schooling dialogs, and the graduates list with an unplaced graduate
first. At QT_SCALE_FACTOR=1.25 the names end in -125."""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any


def capture(shots: Any) -> None:
    from yulu_desktop.domain import schooling
    from yulu_desktop.domain.entities import EmploymentRecord, Visit
    from yulu_desktop.services import corrections, lists, records
    from yulu_desktop.services.schooling import end_schooling
    from yulu_desktop.ui.person.end_schooling import EndSchoolingDialog
    from yulu_desktop.ui.person.voids import VoidDialog

    suffix = "-125" if os.environ.get("QT_SCALE_FACTOR", "1") not in ("1", "1.0", "") else ""
    window, worker = shots.window, shots.worker
    found: list[Any] = []

    def run(job: Any) -> Any:
        found.clear()
        worker.submit(job, found.append)
        shots.settle()
        return found[0]

    # A graduate with a job, then a second job typed for the wrong person, voided; a junk visit, voided.
    graduate = run(lambda db: lists.fetch(db, "graduates", limit=1)[0].person_id)

    def add_junk(db: Any) -> None:
        today = date.today()
        wrong = EmploymentRecord(
            person_id=graduate,
            effective_date=today,
            destination="employed",
            employer="重庆海康威视科技有限公司",
            job="装配工",
            recorded_at=datetime.now(),
        )  # type: ignore[arg-type]
        records.record_job_change(db, wrong, actor="李明")
        corrections.void_entry(
            db, "employment_record", wrong.id, reason="录成了同户的哥哥，应记在他名下", actor="李明"
        )
        from yulu_desktop.services.person_file import load_person_file

        household = load_person_file(db, graduate).household.id
        visit = Visit(
            household_id=household,
            visit_date=today,
            visitor_name="李明",
            visitor_role="resident_cadre",
            mode="phone",
            purpose="employment",
            notes="（误录）",
        )  # type: ignore[call-arg]
        records.record_visit(db, visit, actor="李明")
        corrections.void_entry(db, "visit", visit.id, reason="重复录入，同一次电话已记录", actor="李明")

    run(add_junk)
    person = window.open_person(graduate)
    shots.settle()
    names = [
        "basic",
        "household",
        "schooling",
        "subsidies",
        "visits",
        "training",
        "employment",
        "attachments",
    ]
    for tab, name in enumerate(names):
        person.tabs.setCurrentIndex(tab)
        shots.wait(150)
        shots.save(person, f"person-{tab}-{name}{suffix}")
    person.tabs.setCurrentIndex(6)
    void = VoidDialog("2026-07-15 就业 重庆欣乐美义齿公司", person)
    void.reason.setText("录错了单位，实际在温氏股份")
    void.show()
    shots.wait(150)
    shots.save(void, f"person-void-dialog{suffix}")
    void.reject()
    person.close()

    # A student whose latest semester ends now: the end-of-schooling dialog, then graduated with no job yet.
    student = run(lambda db: lists.fetch(db, "students", limit=1)[0].person_id)
    person = window.open_person(student)
    shots.settle()
    person.tabs.setCurrentIndex(2)
    assert person.file is not None
    last = schooling.latest(person.file.enrollments)
    assert last is not None
    dialog = EndSchoolingDialog(last, today=date.today(), parent=person)
    dialog.show()
    shots.wait(150)
    shots.save(dialog, f"person-end-schooling{suffix}")
    dialog.reject()
    ended = max(date.today(), last.entry_date or date.today()) if last.entry_date else date.today()
    run(lambda db: end_schooling(db, last.id, "graduated", min(ended, date.today()), actor="李明"))
    person.reload()
    shots.settle()
    shots.save(person, f"person-2-schooling-graduated{suffix}")
    person.close()

    window.show_page("graduates")
    shots.settle()
    shots.save(window, f"person-graduates-list{suffix}")
