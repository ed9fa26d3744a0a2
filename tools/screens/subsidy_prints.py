"""Pictures of the printed 公示 list and 发放台账 of the 雨露计划 subsidy (issue 15), rendered with pdftoppm.

On the demo database: the first village with applications this term gets a 公示 (its applications put on it),
the applications of one township are approved and paid through a real payment batch (the bank's result with one
failure), with the laptop enrolled as the county for the duration (restored at the end). Then the 公示 list of
that village and the county's 发放台账 are printed and their first pages saved as docs/screenshots/
subsidy-publicity-print.png and subsidy-ledger-print.png.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from sqlalchemy import text

from yulu_desktop.domain.entities import new_id
from yulu_desktop.services import subsidy_ledger, subsidy_payment
from yulu_desktop.services.today import current_term
from yulu_desktop.store import journal
from yulu_desktop.store.database import Database

OUT = Path(__file__).resolve().parent.parent.parent / "docs" / "screenshots"


def _prepare(db: Database, term: str, today: dt.date) -> tuple[str, tuple[Any, ...] | None]:
    """The 公示 of one village, approved applications in one township; the saved enrollment."""
    with db.write_connection() as conn:
        journal.set_author(conn, "截图")
        saved = conn.execute(
            text("SELECT cadre_username, cadre_name, cadre_role FROM sync_state WHERE id = 1")
        ).first()
        conn.execute(
            text(
                "INSERT INTO sync_state (id, cadre_username, cadre_name, cadre_role) VALUES (1, 'wangxian', '王县', "
                "'county') ON CONFLICT (id) DO UPDATE SET cadre_username = 'wangxian', cadre_name = '王县', "
                "cadre_role = 'county'"
            )
        )
        rows = conn.execute(
            text(
                "SELECT a.id, h.village_id, v.parent_id FROM subsidy_application a "
                "JOIN person p ON p.id = a.person_id JOIN household h ON h.id = p.household_id "
                "JOIN org_unit v ON v.id = h.village_id "
                "WHERE a.term = :term AND a.state NOT IN ('rejected', 'withdrawn') ORDER BY v.code, a.id"
            ),
            {"term": term},
        ).fetchall()
        if not rows:
            raise RuntimeError(f"the demo data has no applications in {term}")
        village, township = rows[0].village_id, rows[0].parent_id
        publicity_id = new_id()
        ends = today - dt.timedelta(days=40)
        conn.execute(
            text(
                "INSERT INTO subsidy_publicity (id, village_id, term, starts_on, ends_on, posted_by, place, note) "
                "VALUES (:id, :village, :term, :starts, :ends, '村委会', '村务公开栏', '')"
            ),
            {
                "id": publicity_id,
                "village": village,
                "term": term,
                "starts": (ends - dt.timedelta(days=6)).isoformat(),
                "ends": ends.isoformat(),
            },
        )
        for application_id, village_id, parent_id in rows:
            if village_id == village:
                conn.execute(
                    text("UPDATE subsidy_application SET publicity_id = :p WHERE id = :id"),
                    {"p": publicity_id, "id": application_id},
                )
            if parent_id == township:
                conn.execute(
                    text(
                        "UPDATE subsidy_application SET state = 'county_approved', county_opinion = '同意', "
                        "payee_account = CASE WHEN payee_account = '' THEN '6217000000000000011' "
                        "ELSE payee_account END WHERE id = :id"
                    ),
                    {"id": application_id},
                )
    return publicity_id, tuple(saved) if saved is not None else None


def _pay(db: Database, term: str, today: dt.date, folder: Path) -> None:
    """A payment batch of the approved applications; the bank pays all but the second."""
    batch = subsidy_payment.create_batch(db, term, actor="", today=today - dt.timedelta(days=20))
    lines = subsidy_payment.batch_lines(db, batch)
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(("姓名", "证件号码", "发放结果", "失败原因"))
    for n, line in enumerate(lines):
        sheet.append(
            (line.name, line.id_number, "失败" if n == 1 else "成功", "账户已销户" if n == 1 else "")
        )
    book.save(folder / "result.xlsx")
    report = subsidy_payment.import_result(
        db, batch, folder / "result.xlsx", actor="", today=today - dt.timedelta(days=10)
    )
    if report.errors:
        raise RuntimeError("；".join(report.errors))


def _restore(db: Database, saved: tuple[Any, ...] | None) -> None:
    with db.write_connection() as conn:
        if saved is None:
            conn.execute(text("DELETE FROM sync_state WHERE id = 1"))
        else:
            conn.execute(
                text(
                    "UPDATE sync_state SET cadre_username = :u, cadre_name = :n, cadre_role = :r WHERE id = 1"
                ),
                {"u": saved[0], "n": saved[1], "r": saved[2]},
            )


def _png(pdf: Path, name: str) -> None:
    """The first page of ``pdf`` as docs/screenshots/<name>.png (pdftoppm, 80 dpi)."""
    stem = pdf.with_suffix("")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", str(pdf), str(stem)], check=True)
    made = sorted(pdf.parent.glob(f"{stem.name}-*.png"))
    shutil.copyfile(made[0], OUT / f"{name}.png")
    print(f"docs/screenshots/{name}.png")


def _print_all(db: Database, term: str, today: dt.date, folder: Path) -> None:
    publicity_id, saved = _prepare(db, term, today)
    try:
        _pay(db, term, today, folder)
        subsidy_ledger.print_publicity_list(db, publicity_id, folder / "publicity.pdf", actor="")
        subsidy_ledger.print_ledger(db, term, folder / "ledger.pdf", actor="", today=today)
    finally:
        _restore(db, saved)


def capture(shots: Any) -> None:
    today = dt.date.today()
    term = current_term(today)
    folder = Path(tempfile.mkdtemp(prefix="yulu-prints-"))
    failures: list[BaseException] = []
    shots.worker.submit(lambda db: _print_all(db, term, today, folder), on_failure=failures.append)
    shots.settle()
    if failures:
        raise failures[0]
    _png(folder / "publicity.pdf", "subsidy-publicity-print")
    _png(folder / "ledger.pdf", "subsidy-ledger-print")
